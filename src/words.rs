//! Splitting text into words exactly as `str::split_whitespace` does, a byte at a time where
//! the text is ASCII.
//!
//! The labeler and the name matcher split speakers, attributions and names into words many
//! times per row. `split_whitespace` decodes every character and looks it up in Unicode's
//! whitespace table; on ASCII text, which nearly every row is, testing the byte is enough, and
//! only a non-ASCII character is decoded.

use std::iter::FusedIterator;

pub trait SplitWords {
    /// The pieces `split_whitespace()` gives, in the same order from either end.
    fn words(&self) -> Words<'_>;

    /// The same with one more separator, an ASCII byte: `words_and::<b','>()` gives the
    /// non-empty pieces of `split(|c: char| c.is_whitespace() || c == ',')`.
    fn words_and<const ALSO: u8>(&self) -> Words<'_, ALSO>;
}

impl SplitWords for str {
    fn words(&self) -> Words<'_> {
        Words { rest: self }
    }

    fn words_and<const ALSO: u8>(&self) -> Words<'_, ALSO> {
        debug_assert!(ALSO.is_ascii());
        Words { rest: self }
    }
}

/// The iterator of `SplitWords::words`; `ALSO` separates words as whitespace does (a space,
/// the default, adds nothing).
#[derive(Debug, Clone)]
pub struct Words<'a, const ALSO: u8 = b' '> {
    /// The text not yet split, from either end.
    rest: &'a str,
}

/// Whether an ASCII byte separates words: whitespace for `char::is_whitespace` (vertical tab
/// included, which `u8::is_ascii_whitespace` leaves out), or `ALSO`.
fn is_ascii_separator<const ALSO: u8>(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r') || b == ALSO
}

/// Past the run of separators (`space`) or of other characters (`!space`) that starts at byte
/// `i` of `text`: the end of the run.
#[inline]
fn run_end<const ALSO: u8>(text: &str, mut i: usize, space: bool) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        let (is_space, len) = if b.is_ascii() {
            (is_ascii_separator::<ALSO>(b), 1)
        } else {
            char_after(text, i)
        };
        if is_space != space {
            break;
        }
        i += len;
    }
    i
}

/// Before the run of separators (`space`) or of other characters (`!space`) that ends at byte
/// `i` of `text`: the start of the run.
#[inline]
fn run_start<const ALSO: u8>(text: &str, mut i: usize, space: bool) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = i.checked_sub(1).and_then(|j| bytes.get(j)) {
        let (is_space, len) = if b.is_ascii() {
            (is_ascii_separator::<ALSO>(b), 1)
        } else {
            char_before(text, i)
        };
        if is_space != space {
            break;
        }
        i -= len;
    }
    i
}

// The non-ASCII cases stay out of line, so that the byte loops above stay small.

/// Whether the character starting at byte `i` of `text` is whitespace, and its length.
#[inline(never)]
fn char_after(text: &str, i: usize) -> (bool, usize) {
    let c = text[i..].chars().next().unwrap_or_default();
    (c.is_whitespace(), c.len_utf8())
}

/// Whether the character ending at byte `i` of `text` is whitespace, and its length.
#[inline(never)]
fn char_before(text: &str, i: usize) -> (bool, usize) {
    let c = text[..i].chars().next_back().unwrap_or_default();
    (c.is_whitespace(), c.len_utf8())
}

impl<'a, const ALSO: u8> Iterator for Words<'a, ALSO> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let text = self.rest;
        let start = run_end::<ALSO>(text, 0, true);
        if start == text.len() {
            self.rest = "";
            return None;
        }
        let end = run_end::<ALSO>(text, start, false);
        self.rest = &text[end..];
        Some(&text[start..end])
    }
}

impl<const ALSO: u8> DoubleEndedIterator for Words<'_, ALSO> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        let text = self.rest;
        let end = run_start::<ALSO>(text, text.len(), true);
        if end == 0 {
            self.rest = "";
            return None;
        }
        let start = run_start::<ALSO>(text, end, false);
        self.rest = &text[..start];
        Some(&text[start..end])
    }
}

impl<const ALSO: u8> FusedIterator for Words<'_, ALSO> {}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 14] = [
        "",
        " ",
        "a",
        "  Kim   Cattrall ",
        "told Variety, on Tuesday",
        "a\u{b}b\u{c}c\rd\ne\tf",
        "\u{a0}Renée\u{3000}Nakamura\u{2003}",
        "x\u{85}y\u{1680}z",
        "Vey’s rep",
        "é",
        " é ",
        "\u{2028}",
        "a\u{200b}b",
        "ﬁ Σ ς\u{1c}\u{1f}",
    ];

    #[test]
    fn words_are_split_whitespace_from_either_end() {
        for text in TEXTS {
            let want: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(text.words().collect::<Vec<_>>(), want, "{text:?}");
            let mut back: Vec<&str> = text.words().rev().collect();
            back.reverse();
            assert_eq!(back, want, "{text:?}");
        }
    }

    #[test]
    fn words_and_a_comma_are_the_non_empty_pieces_of_a_split() {
        for text in TEXTS
            .iter()
            .chain(&["Kim,Cattrall", ",,a, b ,", "Smith, Jr."])
        {
            let want: Vec<&str> = text
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                text.words_and::<b','>().collect::<Vec<_>>(),
                want,
                "{text:?}"
            );
            let mut back: Vec<&str> = text.words_and::<b','>().rev().collect();
            back.reverse();
            assert_eq!(back, want, "{text:?}");
        }
    }

    #[test]
    fn words_from_both_ends_meet() {
        for text in TEXTS {
            let want: Vec<&str> = text.split_whitespace().collect();
            // Alternate ends: the same words, none twice.
            let mut words = text.words();
            let (mut front, mut back) = (Vec::new(), Vec::new());
            while let Some(w) = words.next() {
                front.push(w);
                match words.next_back() {
                    Some(w) => back.push(w),
                    None => break,
                }
            }
            back.reverse();
            front.extend(back);
            assert_eq!(front, want, "{text:?}");
        }
    }
}
