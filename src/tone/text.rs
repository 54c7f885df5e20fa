//! The Python `str` behaviour that VADER's scores depend on, as CPython 3.11 (Unicode 14.0)
//! implements it: `split()`, `strip(string.punctuation)`, `lower()` and `isupper()`, plus the
//! emoji pass of `polarity_scores`.
//!
//! Rust's own Unicode tables are newer than CPython 3.11's. Where they disagree about letter case
//! (a handful of letters added or re-classified since Unicode 14.0), the tables below restore the
//! answer CPython gives, because a single "upper-case" letter flips VADER's caps differential.

/// `str.isspace()` in CPython, which is what `str.split()` splits on: Unicode `White_Space`
/// plus the ASCII information separators U+001C..U+001F (which Rust's `char::is_whitespace`
/// does not include). Spelled out so that it cannot drift with Rust's Unicode version.
pub(crate) fn is_py_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{09}'..='\u{0d}'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `SentiText._strip_punc_if_word`: strip `string.punctuation` (exactly the ASCII punctuation
/// characters) from both ends, but keep the token as it was when at most two *characters* would
/// be left, so that emoticons like `:)` and short words like `no,` or `OK.` survive unchanged.
pub(crate) fn strip_punctuation_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().nth(2).is_some() {
        stripped
    } else {
        token
    }
}

/// Code points that CPython 3.11 (Unicode 14.0) treats as caseless (not lower, not upper,
/// `lower()` maps them to themselves) but that Rust 1.95 (Unicode 17.0) gives a case to: letters
/// added in Unicode 15–17 and the modifier letters that became `Lowercase` since 14.0. Generated
/// by comparing `char::is_lowercase`/`is_uppercase`/`to_lowercase` with Python's
/// `islower`/`isupper`/`lower` for every code point. Sorted, non-overlapping, inclusive.
const PY_CASELESS: [(u32, u32); 14] = [
    (0x10FC, 0x10FC),
    (0x1C89, 0x1C8A),
    (0xA7CB, 0xA7CF),
    (0xA7D2, 0xA7D2),
    (0xA7D4, 0xA7D4),
    (0xA7DA, 0xA7DC),
    (0xA7F1, 0xA7F4),
    (0xAB69, 0xAB69),
    (0x10D50, 0x10D65),
    (0x10D70, 0x10D85),
    (0x16EA0, 0x16EB8),
    (0x16EBB, 0x16ED3),
    (0x1DF25, 0x1DF2A),
    (0x1E030, 0x1E06D),
];

/// U+0295 LATIN LETTER PHARYNGEAL VOICED FRICATIVE was `Ll` in Unicode 14.0 (so CPython 3.11 calls
/// it lower-case) and is `Lo` since Unicode 16.0.
const PY_LOWERCASE_EXTRA: char = '\u{295}';

/// The Unicode version the tables above were reconciled against.
#[cfg(test)]
pub(crate) const RECONCILED_UNICODE_VERSION: (u8, u8, u8) = (17, 0, 0);

fn is_py_caseless_override(c: char) -> bool {
    let cp = u32::from(c);
    if cp < 0x10FC {
        return false;
    }
    let after = PY_CASELESS.partition_point(|&(lo, _)| lo <= cp);
    after > 0 && PY_CASELESS.get(after - 1).is_some_and(|&(_, hi)| cp <= hi)
}

/// The 31 characters of general category `Lt` (stable since Unicode 5.0): `isupper()` fails on
/// them just as on lower-case letters, and Rust has no predicate for them.
fn is_titlecase(c: char) -> bool {
    matches!(
        c,
        '\u{1c5}'
            | '\u{1c8}'
            | '\u{1cb}'
            | '\u{1f2}'
            | '\u{1f88}'..='\u{1f8f}'
            | '\u{1f98}'..='\u{1f9f}'
            | '\u{1fa8}'..='\u{1faf}'
            | '\u{1fbc}'
            | '\u{1fcc}'
            | '\u{1ffc}'
    )
}

fn py_is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    c == PY_LOWERCASE_EXTRA || (!is_py_caseless_override(c) && c.is_lowercase())
}

fn py_is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    !is_py_caseless_override(c) && c.is_uppercase()
}

/// `str.isupper()`: at least one upper-case character and no lower- or title-case one.
/// Emoticons without letters (`:)`, `<3`) are therefore *not* upper-case, but `I` and `:D` are.
pub(crate) fn py_isupper(word: &str) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return bytes.iter().any(u8::is_ascii_uppercase)
            && !bytes.iter().any(u8::is_ascii_lowercase);
    }
    let mut cased = false;
    for c in word.chars() {
        if py_is_lower(c) || is_titlecase(c) {
            return false;
        }
        cased |= py_is_upper(c);
    }
    cased
}

/// `str.lower()` into `out` (cleared first). Full Unicode case mapping, so `İ` becomes two code
/// points and `K` (Kelvin sign) becomes ASCII `k`, as in CPython.
pub(crate) fn py_lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    if word.contains('Σ') {
        lower_with_final_sigma(word, out);
        return;
    }
    for c in word.chars() {
        if is_py_caseless_override(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Capital sigma lower-cases to `ς` at the end of a word and to `σ` elsewhere. CPython and
/// Rust's `str::to_lowercase` apply the same Unicode `Final_Sigma` rule, so take the whole-word
/// mapping from Rust and only put back the characters CPython leaves alone.
fn lower_with_final_sigma(word: &str, out: &mut String) {
    let lowered = word.to_lowercase();
    let mut lowered_chars = lowered.chars();
    for c in word.chars() {
        // Every character except `Σ` maps independently, to as many characters as
        // `char::to_lowercase` yields; `Σ` maps to exactly one.
        let width = c.to_lowercase().count();
        if is_py_caseless_override(c) {
            out.push(c);
            lowered_chars.by_ref().take(width).for_each(drop);
        } else {
            out.extend(lowered_chars.by_ref().take(width));
        }
    }
}

/// Emoji lexicon: single code points and their descriptions, sorted by code point.
#[derive(Clone)]
pub(crate) struct EmojiTable {
    entries: Vec<(char, &'static str)>,
    smallest: char,
}

impl EmojiTable {
    /// Parses the lexicon the way `make_emoji_dict` does (`line.strip().split('\t')[0:2]`, last
    /// duplicate wins). Keys of several code points are dropped: `polarity_scores` looks up one
    /// code point at a time, so they can never match.
    pub(crate) fn parse(text: &'static str) -> EmojiTable {
        let mut entries: Vec<(char, &'static str)> = Vec::new();
        for line in text.trim_end_matches('\n').split('\n') {
            let mut fields = line.trim_matches(is_py_whitespace).split('\t');
            let (Some(key), Some(description)) = (fields.next(), fields.next()) else {
                continue;
            };
            let mut key_chars = key.chars();
            if let (Some(c), None) = (key_chars.next(), key_chars.next()) {
                entries.push((c, description));
            }
        }
        // Stable sort keeps file order among equal keys; keep the last of each run.
        entries.sort_by_key(|&(c, _)| c);
        let mut deduped: Vec<(char, &'static str)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match deduped.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => deduped.push(entry),
            }
        }
        let smallest = deduped.first().map_or(char::MAX, |&(c, _)| c);
        EmojiTable {
            entries: deduped,
            smallest,
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    fn description(&self, c: char) -> Option<&'static str> {
        if c < self.smallest {
            return None;
        }
        self.entries
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .and_then(|i| self.entries.get(i))
            .map(|&(_, d)| d)
    }

    /// The emoji pass of `polarity_scores`: each emoji code point becomes its description,
    /// preceded by a space unless the previous character was a plain space (U+0020 only), and
    /// *not* followed by one (`"😁good"` gives `"beaming face with smiling eyesgood"`).
    /// Returns `false`, leaving `out` untouched, when the text has no emoji, so the caller can
    /// keep using the input. (Python's final `.strip()` changes neither tokens nor `!`/`?` counts.)
    pub(crate) fn replace_emoji(&self, text: &str, out: &mut String) -> bool {
        if text.is_ascii() {
            return false;
        }
        let Some(first) = text
            .char_indices()
            .find(|&(_, c)| self.description(c).is_some())
            .map(|(i, _)| i)
        else {
            return false;
        };
        let (head, tail) = text.split_at_checked(first).unwrap_or(("", text));
        out.clear();
        out.reserve(text.len() + 64);
        out.push_str(head);
        let mut prev_space = head.is_empty() || head.ends_with(' ');
        for c in tail.chars() {
            match self.description(c) {
                Some(description) => {
                    if !prev_space {
                        out.push(' ');
                    }
                    out.push_str(description);
                    prev_space = false;
                }
                None => {
                    out.push(c);
                    prev_space = c == ' ';
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<&str> {
        text.split(is_py_whitespace)
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn whitespace_is_pythons() {
        // Python 3.11: [c for c in range(0x110000) if chr(c).isspace()]
        let python: Vec<u32> = [
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0,
        ]
        .into_iter()
        .chain([0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000])
        .chain(0x2000..=0x200a)
        .collect();
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(is_py_whitespace(c), python.contains(&u32::from(c)), "{c:?}");
        }
    }

    #[test]
    fn split_matches_python_whitespace() {
        assert_eq!(
            tokens("  a\tb\u{1c}c\u{a0}d\u{3000}e  "),
            ["a", "b", "c", "d", "e"]
        );
        assert_eq!(tokens("a\u{1f}b  c"), ["a", "b", "c"]);
        assert!(tokens("").is_empty());
        assert!(tokens(" \t\n ").is_empty());
        // U+200B ZERO WIDTH SPACE is not whitespace for Python.
        assert_eq!(tokens("a\u{200b}b"), ["a\u{200b}b"]);
    }

    #[test]
    fn punctuation_kept_when_two_chars_or_fewer_remain() {
        assert_eq!(strip_punctuation_if_word("OK."), "OK.");
        assert_eq!(strip_punctuation_if_word("no,"), "no,");
        assert_eq!(strip_punctuation_if_word(":)"), ":)");
        assert_eq!(strip_punctuation_if_word("good!!!"), "good");
        assert_eq!(strip_punctuation_if_word("\"hey\""), "hey");
        assert_eq!(strip_punctuation_if_word("(é)"), "(é)");
        assert_eq!(strip_punctuation_if_word("(éé)"), "(éé)");
        assert_eq!(strip_punctuation_if_word("(ééé)"), "ééé");
        // Curly quotes are not in string.punctuation.
        assert_eq!(strip_punctuation_if_word("“good”"), "“good”");
    }

    #[test]
    fn isupper_like_python() {
        assert!(py_isupper("I"));
        assert!(py_isupper(":D"));
        assert!(py_isupper("GREAT!"));
        assert!(!py_isupper(":)"));
        assert!(!py_isupper("Great"));
        assert!(py_isupper("ÉTÉ"));
        assert!(!py_isupper("ǅ"));
        assert!(!py_isupper("ABǅ"));
        assert!(!py_isupper("\u{295}A"));
        assert!(!py_isupper("\u{10d50}"));
    }

    #[test]
    fn lower_like_python() {
        let mut out = String::new();
        py_lower_into("HeLLo", &mut out);
        assert_eq!(out, "hello");
        py_lower_into("\u{212a}ind", &mut out);
        assert_eq!(out, "kind");
        py_lower_into("İ", &mut out);
        assert_eq!(out, "i\u{307}");
        py_lower_into("ΟΔΟΣ", &mut out);
        assert_eq!(out, "οδος");
        py_lower_into("ΣΑ", &mut out);
        assert_eq!(out, "σα");
        py_lower_into("Σ\u{10d50}Α", &mut out);
        assert_eq!(out, "σ\u{10d50}α");
        py_lower_into("\u{10d50}", &mut out);
        assert_eq!(out, "\u{10d50}");
    }

    #[test]
    fn caseless_table_is_sorted() {
        assert!(PY_CASELESS.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(PY_CASELESS.iter().all(|&(lo, hi)| lo <= hi));
    }

    /// The case tables above restore CPython 3.11's answers for the characters on which Rust's
    /// Unicode 17.0 differs. A newer toolchain may give case to more new letters: then regenerate
    /// `PY_CASELESS` by comparing every code point's `is_lowercase`/`is_uppercase`/`to_lowercase`
    /// with Python 3.11's `islower`/`isupper`/`lower`, and update `RECONCILED_UNICODE_VERSION`.
    #[test]
    fn case_tables_match_toolchain_unicode_version() {
        assert!(
            char::UNICODE_VERSION <= RECONCILED_UNICODE_VERSION,
            "Rust's Unicode is {:?}, newer than the {:?} that PY_CASELESS was reconciled with",
            char::UNICODE_VERSION,
            RECONCILED_UNICODE_VERSION
        );
    }
}
