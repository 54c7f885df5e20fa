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
    // Most characters lie before the table's first range, or in the long gap after its
    // second (General Punctuation, for one): no search.
    if cp < PY_CASELESS[0].0 || (PY_CASELESS[1].1 < cp && cp < PY_CASELESS[2].0) {
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

// `py_is_lower`, `py_is_upper` and `py_isupper` state CPython's predicates plainly; scoring uses
// `py_lower_into_and_isupper`, which the tests check against them.

#[cfg(test)]
fn py_is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    c == PY_LOWERCASE_EXTRA || (!is_py_caseless_override(c) && c.is_lowercase())
}

#[cfg(test)]
fn py_is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    !is_py_caseless_override(c) && c.is_uppercase()
}

/// `str.isupper()`: at least one upper-case character and no lower- or title-case one.
/// Emoticons without letters (`:)`, `<3`) are therefore *not* upper-case, but `I` and `:D` are.
#[cfg(test)]
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

/// The General Punctuation block (curly quotes, dashes, spaces): no character there has a case,
/// in CPython 3.11 or in Rust (`general_punctuation_is_caseless` checks). The curly apostrophe
/// of "don’t" is the most frequent non-ASCII character in English text.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206f}';

/// `word.lower()` into `out` (cleared first) and `word.isupper()`, with the answers of
/// `py_lower_into` and `py_isupper`. Only upper- and title-case characters need the
/// (binary-searched) case mapping: every other character lower-cases to itself
/// (`lower_is_identity_unless_upper_or_title` checks that for every code point). So one pass
/// classifies the characters, and a word without non-ASCII capitals (curly quotes, accented
/// lower-case letters and the like) is copied and ASCII-lower-cased in bulk.
pub(crate) fn py_lower_into_and_isupper(word: &str, out: &mut String) -> bool {
    let mut upper = false;
    // A lower- or title-case character, which makes `isupper()` false.
    let mut not_upper = false;
    // A non-ASCII character whose lower case is another one.
    let mut mapped = false;
    for c in word.chars() {
        if c.is_ascii() {
            upper |= c.is_ascii_uppercase();
            not_upper |= c.is_ascii_lowercase();
        } else if GENERAL_PUNCTUATION.contains(&c) || is_py_caseless_override(c) {
            // Caseless: no case tables to consult.
        } else if c == PY_LOWERCASE_EXTRA || c.is_lowercase() {
            not_upper = true;
        } else if c.is_uppercase() {
            upper = true;
            mapped = true;
        } else if is_titlecase(c) {
            not_upper = true;
            mapped = true;
        }
    }
    if mapped {
        // Includes every word with a capital sigma, whose lower case depends on its place.
        py_lower_into(word, out);
    } else {
        out.clear();
        out.push_str(word);
        out.make_ascii_lowercase();
    }
    upper && !not_upper
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
    /// One bit per block of 16 code points below `BLOCKS_LIMIT`: set when the block holds an
    /// emoji. Most non-ASCII characters of a text (accented letters, curly quotes) are in
    /// blocks without one, and this answers for them with one load instead of a binary search
    /// over 1,212 entries.
    blocks: Vec<u64>,
}

/// Code points covered by `EmojiTable::blocks`; every emoji of the lexicon is below.
const BLOCKS_LIMIT: u32 = 0x20000;

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
        let mut blocks = vec![0u64; (BLOCKS_LIMIT / 16 / 64) as usize];
        for &(c, _) in &deduped {
            let block = u32::from(c) / 16;
            match blocks.get_mut((block / 64) as usize) {
                Some(bits) => *bits |= 1 << (block % 64),
                // An emoji beyond the bitmap: give up on the filter rather than miss it.
                None => blocks.clear(),
            }
        }
        EmojiTable {
            entries: deduped,
            blocks,
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether `c` can be an emoji: false for ASCII, and for characters in a block without
    /// one (see `blocks`).
    #[inline]
    fn may_be_emoji(&self, c: char) -> bool {
        let cp = u32::from(c);
        if cp < 0x80 {
            return false;
        }
        if self.blocks.is_empty() {
            return true;
        }
        let block = cp / 16;
        self.blocks
            .get((block / 64) as usize)
            .is_some_and(|bits| bits & (1 << (block % 64)) != 0)
    }

    #[inline]
    fn description(&self, c: char) -> Option<&'static str> {
        if !self.may_be_emoji(c) {
            return None;
        }
        self.entries
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .and_then(|i| self.entries.get(i))
            .map(|&(_, d)| d)
    }

    /// Byte offset of the first emoji in `text`. ASCII runs are skipped eight bytes at a time;
    /// only non-ASCII characters are decoded.
    fn first_emoji(&self, text: &str) -> Option<usize> {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // `i` is always at a character boundary.
            if let Some(eight) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
                let high = u64::from_le_bytes(*eight) & HIGH;
                if high == 0 {
                    i += 8;
                    continue;
                }
                i += (high.trailing_zeros() / 8) as usize;
            }
            let c = text.get(i..).and_then(|rest| rest.chars().next())?;
            if self.description(c).is_some() {
                return Some(i);
            }
            i += c.len_utf8();
        }
        None
    }

    /// The emoji pass of `polarity_scores`: each emoji code point becomes its description,
    /// preceded by a space unless the previous character was a plain space (U+0020 only), and
    /// *not* followed by one (`"😁good"` gives `"beaming face with smiling eyesgood"`).
    /// Returns `false`, leaving `out` untouched, when the text has no emoji, so the caller can
    /// keep using the input. (Python's final `.strip()` changes neither tokens nor `!`/`?` counts.)
    pub(crate) fn replace_emoji(&self, text: &str, out: &mut String) -> bool {
        let Some(first) = self.first_emoji(text) else {
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
    fn lower_is_identity_unless_upper_or_title() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert!(!(c.is_lowercase() && c.is_uppercase()), "{c:?}");
            if !c.is_uppercase() && !is_titlecase(c) {
                let mut lower = c.to_lowercase();
                assert_eq!((lower.next(), lower.next()), (Some(c), None), "{c:?}");
            }
        }
    }

    #[test]
    fn general_punctuation_is_caseless() {
        for c in GENERAL_PUNCTUATION {
            assert!(
                !c.is_lowercase() && !c.is_uppercase() && !is_titlecase(c),
                "{c:?}"
            );
            assert!(
                !is_py_caseless_override(c) && c != PY_LOWERCASE_EXTRA,
                "{c:?}"
            );
            let mut lower = c.to_lowercase();
            assert_eq!((lower.next(), lower.next()), (Some(c), None), "{c:?}");
        }
    }

    #[test]
    fn one_pass_lower_and_isupper_agree() {
        let mut one_pass = String::new();
        let mut lower = String::new();
        for word in [
            "",
            "HeLLo",
            "GOOD",
            "I",
            ":D",
            ":)",
            "\u{212a}ind",
            "İ",
            "ÉTÉ",
            "été",
            "ǅ",
            "ABǅ",
            "\u{295}A",
            "\u{10d50}",
            "ΟΔΟΣ",
            "ΣΑ",
            "Σ\u{10d50}Α",
            "DON’T",
            "don’t",
            "Ⅻ",
            "ⓐⒶ",
            "ﬀ",
            "STRAẞE",
            "A\u{301}",
            "😁",
            "\u{1c89}X",
            "XX\u{a7cb}",
        ] {
            let isupper = py_lower_into_and_isupper(word, &mut one_pass);
            py_lower_into(word, &mut lower);
            assert_eq!(one_pass, lower, "{word:?}");
            assert_eq!(isupper, py_isupper(word), "{word:?}");
        }
    }

    #[test]
    fn emoji_filter_passes_every_emoji() {
        let table = EmojiTable::parse(include_str!("lexicon/emoji_utf8_lexicon.txt"));
        assert!(!table.blocks.is_empty());
        for &(c, description) in &table.entries {
            assert_eq!(table.description(c), Some(description), "{c:?}");
        }
        for c in ['a', 'é', '’', '\u{2013}', 'Ω', '\u{10ffff}'] {
            assert_eq!(table.description(c), None, "{c:?}");
        }
        let mut out = String::new();
        assert!(!table.replace_emoji("café don’t", &mut out));
        assert!(table.replace_emoji("café 😁", &mut out));
        assert_eq!(out, "café beaming face with smiling eyes");
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
