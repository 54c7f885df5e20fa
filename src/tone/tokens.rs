//! From text to `SentiText.words_and_emoticons`, each token described for the rules after a
//! single word-table look-up of its lower-cased form.
//!
//! Most texts and tokens are ASCII. Those are split with one class-table look-up per byte
//! (which also collects each token's case and apostrophe classes), and lower-cased into a
//! fixed-size key (`ShortKey`) without allocating. Other tokens take the general path through
//! the Python string semantics in `text`.

use super::rules::Token;
use super::text;
use super::words::{ShortKey, WordEntry, WordTable};

/// `text.split()` followed by `_strip_punc_if_word`, describing each token.
pub(crate) fn tokenize(text: &str, words: &WordTable, lower: &mut String, tokens: &mut Vec<Token>) {
    tokens.clear();
    if text.is_ascii() {
        for_each_ascii_token(text.as_bytes(), |raw, classes| {
            tokens.push(ascii_token(raw, classes, words, lower));
        });
    } else {
        let raw_tokens = text.split(text::is_py_whitespace).filter(|t| !t.is_empty());
        tokens.extend(raw_tokens.map(|raw| {
            if raw.is_ascii() {
                let classes = raw.bytes().fold(0, |acc, b| acc | class(b));
                ascii_token(raw.as_bytes(), classes, words, lower)
            } else {
                unicode_token(raw, words, lower)
            }
        }));
    }
}

// Byte classes of ASCII characters, for one table look-up per byte.
/// `str.isspace()`: `\t \n \v \f \r`, the separators U+001C..U+001F, and space.
const SPACE: u8 = 1;
/// In `string.punctuation`.
const PUNCTUATION: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
/// `'`, needed for "n't".
const APOSTROPHE: u8 = 16;

const CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if matches!(c, 0x09..=0x0d | 0x1c..=0x20) {
            SPACE
        } else if c.is_ascii_punctuation() {
            PUNCTUATION | if c == b'\'' { APOSTROPHE } else { 0 }
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    classes
};

#[inline]
fn class(b: u8) -> u8 {
    CLASSES[usize::from(b)]
}

/// Calls `f(token, classes)` for each whitespace-separated token of an ASCII text, with the
/// union of its bytes' classes.
#[inline]
fn for_each_ascii_token(bytes: &[u8], mut f: impl FnMut(&[u8], u8)) {
    let mut start = None;
    let mut classes = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let c = class(b);
        if c & SPACE != 0 {
            if let Some(s) = start.take() {
                if let Some(token) = bytes.get(s..i) {
                    f(token, classes);
                }
            }
        } else {
            if start.is_none() {
                start = Some(i);
                classes = 0;
            }
            classes |= c;
        }
    }
    if let Some(token) = start.and_then(|s| bytes.get(s..)) {
        f(token, classes);
    }
}

/// `token.strip(string.punctuation)` for ASCII bytes.
fn trim_punctuation(mut word: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = word {
        if class(*first) & PUNCTUATION == 0 {
            break;
        }
        word = rest;
    }
    while let [rest @ .., last] = word {
        if class(*last) & PUNCTUATION == 0 {
            break;
        }
        word = rest;
    }
    word
}

/// An ASCII token; `classes` is the union of its bytes' classes (punctuation is caseless, so
/// the case classes are the same for the token with or without its punctuation).
fn ascii_token(raw: &[u8], classes: u8, words: &WordTable, lower: &mut String) -> Token {
    let stripped = trim_punctuation(raw);
    // `_strip_punc_if_word`: keep the original when at most 2 characters (here: bytes) remain.
    let word = if stripped.len() > 2 { stripped } else { raw };
    // `isupper()`: some upper-case letter and no lower-case one.
    let all_caps = classes & (UPPER | LOWER) == UPPER;
    if word.len() > words.max_key_len() {
        return describe(None, word, classes & APOSTROPHE != 0, all_caps);
    }
    let entry = match ShortKey::ascii_lowercase(word) {
        Some(key) => words.get_short(&key),
        None => {
            lower.clear();
            lower.extend(word.iter().map(|&b| char::from(b.to_ascii_lowercase())));
            words.get(lower)
        }
    };
    describe(entry, word, classes & APOSTROPHE != 0, all_caps)
}

fn unicode_token(raw: &str, words: &WordTable, lower: &mut String) -> Token {
    let word = text::strip_punctuation_if_word(raw);
    text::py_lower_into(word, lower);
    let entry = words.get(lower);
    describe(entry, lower.as_bytes(), true, text::py_isupper(word))
}

/// `word` is the token in any casing; without an apostrophe it cannot contain "n't".
fn describe(
    entry: Option<&WordEntry>,
    word: &[u8],
    may_have_apostrophe: bool,
    all_caps: bool,
) -> Token {
    let entry = entry.copied().unwrap_or_default();
    // `negated()`: a NEGATE word, or any token with "n't" in its lower-cased form (ASCII
    // apostrophe only, so "don’t" with a curly one does not negate).
    let contains_nt = may_have_apostrophe
        && word
            .windows(3)
            .any(|w| matches!(w, [b'n' | b'N', b'\'', b't' | b'T']));
    Token {
        valence: entry.valence,
        booster: entry.booster,
        negation: entry.negation || contains_nt,
        keyword: entry.keyword,
        all_caps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii_tokens(text: &str) -> Vec<(String, u8)> {
        let mut out = Vec::new();
        for_each_ascii_token(text.as_bytes(), |t, classes| {
            out.push((String::from_utf8_lossy(t).into_owned(), classes));
        });
        out
    }

    #[test]
    fn ascii_split_uses_python_whitespace() {
        let tokens = ascii_tokens("  Don't\tb\x1cc\x0b  d. \x1f");
        let words: Vec<&str> = tokens.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(words, ["Don't", "b", "c", "d."]);
        assert_eq!(tokens[0].1, UPPER | LOWER | PUNCTUATION | APOSTROPHE);
        assert_eq!(tokens[3].1, LOWER | PUNCTUATION);
        assert!(ascii_tokens("").is_empty());
        assert!(ascii_tokens(" \t\n ").is_empty());
        // Control characters other than the separators are part of tokens, as in Python.
        assert_eq!(ascii_tokens("a\x00b").len(), 1);
    }

    #[test]
    fn trims_only_ascii_punctuation() {
        assert_eq!(trim_punctuation(b"\"(good)!\""), b"good");
        assert_eq!(trim_punctuation(b"!?!"), b"");
        assert_eq!(trim_punctuation(b"a-b"), b"a-b");
    }
}
