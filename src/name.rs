//! Person names as people type them: one key per person whatever the case and spacing, and a
//! tolerant test of whether a speaker is the person a claim is about.

use crate::cues::Cues;
use crate::message::is_ignorable;
use crate::words::SplitWords;

/// Writes the grouping key of a name into `out`: lower case, words separated by one space.
/// "  Kim   CATTRALL " and "kim cattrall" share the key "kim cattrall".
pub fn key_into(name: &str, out: &mut String) {
    out.clear();
    if is_tidy_ascii(name) {
        // The common case, a name already spaced as its key: one copy, lowered in place.
        out.push_str(name);
        out.make_ascii_lowercase();
        return;
    }
    // The same person whatever invisible characters (bidi marks, zero-width spaces, a BOM) or
    // Unicode normalisation (NFD "Zoe\u{308}" or NFC "Zoë") the input carries.
    let normal = normalise(name);
    for word in normal.words() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            // The common case, a copy and an in-place lowering instead of char-by-char.
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            for c in word.chars() {
                // Most letters of a name with an accent are still ASCII.
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
}

/// The name NFC-normalised, with invisible format characters removed (see
/// `message::is_ignorable`); ASCII is returned as it is.
pub fn normalise(name: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization};
    let nfc = || unicode_normalization::is_nfc_quick(name.chars()) == IsNormalized::Yes;
    if name.is_ascii() || (!name.chars().any(is_ignorable) && nfc()) {
        return std::borrow::Cow::Borrowed(name);
    }
    std::borrow::Cow::Owned(name.chars().filter(|&c| !is_ignorable(c)).nfc().collect())
}

/// Whether a name has nothing but spaces and invisible format characters: an empty person.
pub fn is_blank(name: &str) -> bool {
    name.chars().all(|c| c.is_whitespace() || is_ignorable(c))
}

/// Whether a name is ASCII with its words separated by single spaces and nothing around them:
/// then its key is the name lower-cased. The whitespace tested is what `split_whitespace`
/// splits on in ASCII, vertical tab included.
fn is_tidy_ascii(name: &str) -> bool {
    let bytes = name.as_bytes();
    let mut previous_space = true;
    for &b in bytes {
        let space = b == b' ';
        if !b.is_ascii() || matches!(b, b'\t'..=b'\r') || (space && previous_space) {
            return false;
        }
        previous_space = space;
    }
    !previous_space || bytes.is_empty()
}

/// The grouping key of a name, see `key_into`.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, &mut out);
    out
}

/// The name with its spacing tidied, for display: "  Kim   Cattrall " becomes "Kim Cattrall".
pub fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `speaker` names the same person as `person`, tolerant of titles ("Senator"), middle
/// names, initials, possessives, nicknames that shorten a first name and surname-only or
/// first-name-only references: "Cattrall", "Cattrall's" and "K. Cattrall" are "Kim Cattrall";
/// "Alma R. Vesely" is "Alma Ruth Vesely". A relative is not: "Kourtney Kardashian" is not "Kim
/// Kardashian", nor "Alma B. Vesely" "Alma Ruth Vesely". Allocates nothing, except a normalised
/// copy of a name that is not NFC or holds invisible characters (see `normalise`).
pub fn is_same_person(speaker: &str, person: &str, cues: &Cues) -> bool {
    // Normalised first (a combining mark is not trimmed off as punctuation): a copy only for a
    // name that is not already NFC and free of invisible characters.
    let (speaker, person) = (normalise(speaker), normalise(person));
    let s = NameWords::parse(&speaker, cues);
    let p = NameWords::parse(&person, cues);
    let (s, p) = (s.words(), p.words());
    // Descriptions before a name ("Senate Majority Leader Jane Doe") are looked past, but a
    // two-word name is never cut to its surname: "Greg Whitcombe" is not "Dana Whitcombe".
    (0..s.len().saturating_sub(1).max(1)).any(|skip| same_words(&s[skip..], p))
}

fn same_words(s: &[&str], p: &[&str]) -> bool {
    let (Some(&s_last), Some(&p_last)) = (s.last(), p.last()) else {
        return false;
    };
    if s.len() == 1 {
        // A lone word is the surname (or one half of a double-barrelled one: "Okafor" of
        // "Okafor-Lane"), or the first name when the person goes by two names.
        return same_word(s_last, p_last)
            || (p.len() >= 2 && same_word(s[0], p[0]))
            || (p.len() >= 2 && p_last.split('-').any(|part| same_word(s_last, part)));
    }
    if p.len() == 1 {
        // A mononym: "Beyoncé Knowles" is "Beyoncé".
        return same_word(s[0], p_last) || same_word(s_last, p_last);
    }
    // Surnames agree (or one is the other's initial: "Kim K."), first names agree.
    let surnames = same_word(s_last, p_last)
        || (same_word(s[0], p[0])
            && (is_initial_of(s_last, p_last) || is_initial_of(p_last, s_last)));
    if !surnames || !first_names_agree(s[0], p[0]) {
        return false;
    }
    // Middle names, where both give them, must agree pairwise: "A. R. Vesely" and "Alma Ruth
    // Vesely" do, "Alma B. Vesely" does not.
    let (s_mid, p_mid) = (&s[1..s.len() - 1], &p[1..p.len() - 1]);
    s_mid
        .iter()
        .zip(p_mid)
        .all(|(a, b)| same_word(a, b) || is_initial_of(a, b) || is_initial_of(b, a))
}

/// Whether `person` carries `title` before the name, in any case and through the usual
/// abbreviations: "Senator Dana Whitcombe" and "Sen. Dana Whitcombe" carry "senator"; "Governor
/// Paul Ostrander" carries "governor"; "Rep. Maya Thornbury" carries "congresswoman".
pub fn has_title(person: &str, title: &str, cues: &Cues) -> bool {
    let title = title.trim_end_matches('.');
    person
        .words()
        .map(|w| w.trim_end_matches([',', '.']))
        .take_while(|w| cues.is_title(w))
        .any(|w| same_word(w, title) || same_title(w, title) || same_title(title, w))
}

/// Abbreviations and synonyms of titles: (short form, long form).
const TITLE_FORMS: [(&str, &str); 16] = [
    ("sen", "senator"),
    ("gov", "governor"),
    ("rep", "representative"),
    ("rep", "congressman"),
    ("rep", "congresswoman"),
    ("representative", "congressman"),
    ("representative", "congresswoman"),
    ("lt", "lieutenant"),
    ("dr", "doctor"),
    ("prof", "professor"),
    ("capt", "captain"),
    ("gen", "general"),
    ("col", "colonel"),
    ("sgt", "sergeant"),
    ("rev", "reverend"),
    ("pres", "president"),
];

fn same_title(a: &str, b: &str) -> bool {
    TITLE_FORMS
        .iter()
        .any(|(short, long)| same_word(a, short) && same_word(b, long))
}

/// Case-insensitive comparison of two words, Unicode-aware, without allocating.
fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    // Two words that open with different ASCII letters differ whatever follows: NFC composes
    // a letter only with the marks after it, never into another letter's forms. Most
    // comparisons end here, before the streaming comparison below.
    if let (Some(x), Some(y)) = (a.as_bytes().first(), b.as_bytes().first())
        && x.is_ascii_alphabetic()
        && y.is_ascii_alphabetic()
        && !x.eq_ignore_ascii_case(y)
    {
        return false;
    }
    // Compared as they stream, on the stack.
    folded(a).eq(folded(b))
}

/// A word as `same_word` compares it: NFC over its visible characters, lower-cased.
fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    use unicode_normalization::UnicodeNormalization;
    word.chars()
        .filter(|&c| !is_ignorable(c))
        .nfc()
        .flat_map(char::to_lowercase)
}

/// Whether `a` is a one-letter initial of `b` ("k" of "Kim").
fn is_initial_of(a: &str, b: &str) -> bool {
    let mut chars = a.chars();
    match (chars.next(), chars.next(), b.chars().next()) {
        (Some(a), None, Some(b)) => a.to_lowercase().eq(b.to_lowercase()),
        _ => false,
    }
}

/// First names agree when equal, when one is the other's initial, or when one shortens the
/// other ("Teo" and "Teodor", "Kim" and "Kimberly"; at least three letters).
fn first_names_agree(a: &str, b: &str) -> bool {
    same_word(a, b)
        || is_initial_of(a, b)
        || is_initial_of(b, a)
        || shortens(a, b)
        || shortens(b, a)
}

fn shortens(short: &str, long: &str) -> bool {
    let n = short.chars().count();
    n >= 3
        && n < long.chars().count()
        && short
            .chars()
            .flat_map(char::to_lowercase)
            .eq(long.chars().take(n).flat_map(char::to_lowercase))
}

const SUFFIXES: [&str; 7] = ["jr", "sr", "ii", "iii", "iv", "esq", "phd"];
const PARTICLES: [&str; 12] = [
    "de", "da", "di", "del", "della", "der", "van", "von", "la", "le", "du", "bin",
];

/// The length of the longest word in a list: a longer ASCII word is none of them.
const fn longest(words: &[&str]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < words.len() {
        if words[i].len() > n {
            n = words[i].len();
        }
        i += 1;
    }
    n
}

/// Whether a word is a generational or professional suffix ("Jr", "III"), in any case.
fn is_suffix(word: &str) -> bool {
    if word.is_ascii() && word.len() > longest(&SUFFIXES) {
        return false;
    }
    SUFFIXES.iter().any(|s| same_word(word, s))
}

/// At most this many words of a name are looked at; longer "names" are not names.
const MAX_WORDS: usize = 8;

/// The words of a name on the stack: leading titles, possessive endings, periods of initials,
/// lower-case particles and generational suffixes removed.
struct NameWords<'a> {
    words: [&'a str; MAX_WORDS],
    len: usize,
}

impl<'a> NameWords<'a> {
    fn parse(name: &'a str, cues: &Cues) -> NameWords<'a> {
        let mut out = NameWords {
            words: [""; MAX_WORDS],
            len: 0,
        };
        let mut leading = true;
        let mut titles = 0;
        // Empty pieces between separators would be skipped below: `words_and` leaves them out.
        for raw in name.words_and::<b','>() {
            let word = strip_possessive(trim_punctuation(raw));
            let word = word.trim_start_matches('.');
            if word.trim_end_matches('.').is_empty() {
                continue;
            }
            if leading && cues.is_title(word) {
                titles += 1;
                // Keep a title only if nothing else follows: "Coach" alone may be a name.
                if out.len == 0 && titles == 1 {
                    out.push(word.trim_end_matches('.'));
                }
                continue;
            }
            if leading && titles > 0 {
                out.len = 0;
            }
            leading = false;
            if word.len() <= longest(&PARTICLES) && PARTICLES.contains(&word) {
                continue;
            }
            // Initials written together ("M.P.") count as the first initial; "A." is "A". The
            // word neither starts with a period nor is all periods, so the first is the piece.
            let word = word
                .bytes()
                .position(|b| b == b'.')
                .map_or(word, |dot| &word[..dot]);
            out.push(word);
        }
        while out.len > 1 && is_suffix(out.words[out.len - 1]) {
            out.len -= 1;
        }
        out
    }

    fn push(&mut self, word: &'a str) {
        if self.len < MAX_WORDS {
            self.words[self.len] = word;
            self.len += 1;
        }
    }

    fn words(&self) -> &[&'a str] {
        &self.words[..self.len]
    }
}

/// A word without the punctuation around it, periods (of initials) kept.
fn trim_punctuation(raw: &str) -> &str {
    // Most words need no trimming: an ASCII letter, digit or period at both ends stays.
    let kept = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.');
    if kept(raw.as_bytes().first()) && kept(raw.as_bytes().last()) {
        return raw;
    }
    raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
}

fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(stripped) = word.strip_suffix(suffix) {
            return stripped;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ignores_case_and_spacing() {
        assert_eq!(key("  Kim   CATTRALL "), "kim cattrall");
        assert_eq!(key("Beyoncé"), "beyoncé");
        assert_eq!(key(""), "");
        assert_eq!(key("Kim CATTRALL"), "kim cattrall");
        assert_eq!(key(" Kim"), "kim");
        assert_eq!(key("Kim\u{b}Cattrall"), "kim cattrall");
        assert_eq!(key("Kim\u{a0}Cattrall"), "kim cattrall");
    }

    #[test]
    fn tidy_collapses_spaces_only() {
        assert_eq!(tidy("  Kim   Cattrall "), "Kim Cattrall");
    }

    #[test]
    fn speaker_matches_person_through_titles_initials_and_possessives() {
        let cues = Cues::builtin().unwrap();
        let same = |s: &str, p: &str| is_same_person(s, p, &cues);
        assert!(same("Kim Cattrall", "Kim Cattrall"));
        assert!(same("Cattrall", "Kim Cattrall"));
        assert!(same("Cattrall's", "Kim Cattrall"));
        assert!(same("K. Cattrall", "Kim Cattrall"));
        assert!(same("Dana Whitcombe", "Senator Dana Whitcombe"));
        assert!(same("Sen. Dana Whitcombe", "Dana Whitcombe"));
        assert!(same("Michael King", "Michael Patrick King"));
        assert!(same("M.P. King", "Michael Patrick King"));
        assert!(same("Tom Barrow Jr.", "Tom Barrow"));
        assert!(!same("Kourtney Kardashian", "Kim Kardashian"));
        assert!(!same("Cynthia Nixon", "Kim Cattrall"));
        assert!(!same("", "Kim Cattrall"));
        assert!(!same("a source", "Kim Cattrall"));
    }

    #[test]
    fn middle_names_initials_nicknames_and_relatives() {
        let cues = Cues::builtin().unwrap();
        let same = |s: &str, p: &str| is_same_person(s, p, &cues);
        assert!(same("Alma Vesely", "Alma Ruth Vesely"));
        assert!(same("A. R. Vesely", "Alma Ruth Vesely"));
        assert!(same("Alma R. Vesely", "Alma Ruth Vesely"));
        assert!(!same("Alma B. Vesely", "Alma Ruth Vesely"));
        assert!(same("J. Q. Abernathy", "Jonathan Q. Abernathy"));
        assert!(same("Priya S. Venkatesan", "Priya Venkatesan"));
        assert!(same("Teo Krall", "Teodor Krall"));
        assert!(same("Kim K.", "Kim Kardashian"));
        assert!(same("Alistair Penhallow", "Sir Alistair Penhallow"));
        assert!(same(
            "Lieutenant Governor Paul Ostrander",
            "Governor Paul Ostrander"
        ));
        assert!(!same(
            "Lieutenant Governor Ruth Anand",
            "Governor Paul Ostrander"
        ));
        assert!(!same("Greg Whitcombe", "Senator Dana Whitcombe"));
        assert!(!same("Jenna Vey", "Lorna Vey"));
        assert!(same("Whitcombe", "Senator Dana Whitcombe"));
        assert!(same("Ana de Armas", "Ana De Armas"));
        assert!(same("Beyoncé Knowles", "Beyoncé"));
        assert!(same("Okafor", "Teddy Okafor-Lane"));
        assert!(!same("Nia Okafor", "Teddy Okafor-Lane"));
        assert!(same("JENNIFER ANISTON", "Jennifer Aniston"));
        assert!(same("Senate Majority Leader Jane Doe", "Jane Doe"));
        assert!(!same("Senate Majority Leader Jane Doe", "John Doe"));
        assert!(same("Aniston", "JENNIFER ANISTON"));
    }

    #[test]
    fn titles_of_the_person() {
        let cues = Cues::builtin().unwrap();
        assert!(has_title("Senator Dana Whitcombe", "senator", &cues));
        assert!(has_title("Sen. Dana Whitcombe", "Senator", &cues));
        assert!(has_title("Governor Paul Ostrander", "governor", &cues));
        assert!(has_title("Rep. Maya Thornbury", "congresswoman", &cues));
        assert!(has_title("Mayor Lionel Baptiste", "mayor", &cues));
        assert!(!has_title("Lorna Vey", "actress", &cues));
        assert!(!has_title("Dana Whitcombe", "senator", &cues));
    }
}
