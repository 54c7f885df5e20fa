//! Person names as people type them: one key per person whatever the case and spacing, and a
//! tolerant test of whether a speaker is the person a claim is about.

use crate::cues::Cues;

/// Writes the grouping key of a name into `out`: lower case, words separated by one space.
/// "  Kim   CATTRALL " and "kim cattrall" share the key "kim cattrall".
pub fn key_into(name: &str, out: &mut String) {
    out.clear();
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
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
/// names, initials, possessives and surname-only references: "Cattrall" and "K. Cattrall" are
/// "Kim Cattrall"; "Kourtney Kardashian" is not "Kim Kardashian".
pub fn is_same_person(speaker: &str, person: &str, cues: &Cues) -> bool {
    let speaker = name_words(speaker, cues);
    let person = name_words(person, cues);
    let (Some(s_last), Some(p_last)) = (speaker.last(), person.last()) else {
        return false;
    };
    if speaker.len() == 1 {
        // A lone word is the surname, or the first name when the person goes by two names.
        return s_last == p_last || (person.len() >= 2 && speaker[0] == person[0]);
    }
    if s_last != p_last {
        return false;
    }
    match (speaker.first(), person.first()) {
        (Some(s_first), Some(p_first)) => compatible(s_first, p_first),
        _ => false,
    }
}

/// First names agree when equal, or when one is the other's initial.
fn compatible(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count() == 1 && b.starts_with(a))
        || (b.chars().count() == 1 && a.starts_with(b))
}

const SUFFIXES: [&str; 6] = ["jr", "sr", "ii", "iii", "iv", "esq"];

/// The words of a name, lower-cased, with leading titles, possessive endings, periods of
/// initials and generational suffixes removed.
fn name_words(name: &str, cues: &Cues) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|raw| {
            let word =
                strip_possessive(raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'));
            let word = word.trim_end_matches('.').to_lowercase();
            (!word.is_empty()).then_some(word)
        })
        .collect();
    let titles = words.iter().take_while(|w| cues.is_title(w)).count();
    // Keep a title when nothing else is left: "Coach" alone is more likely a name than nothing.
    if titles < words.len() {
        words.drain(..titles);
    }
    while words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
        words.pop();
    }
    // Initials written together ("M.P.") count as the first initial.
    for word in &mut words {
        if word.contains('.') {
            *word = word.split('.').next().unwrap_or_default().to_string();
        }
    }
    words
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
}
