//! From text to `SentiText.words_and_emoticons`, each token described for the rules after a
//! single word-table look-up of its lower-cased form.
//!
//! Most tokens are short ASCII words, and for those everything happens in a register or two:
//! the 8 (or 16) bytes at the token's start are loaded once; the first byte below `!` (or, in a
//! text that is not ASCII, above DEL) must be whitespace or the end of the text, and ends the
//! token; letters, their case, punctuation and `'` are found for all the bytes at once with
//! bitwise arithmetic (`AsciiChunk`); stripping the punctuation is a shift; the key is the
//! lower-cased word, masked, looked up as it is. No byte loop, no allocation. Other tokens
//! (longer, or with control or non-ASCII characters) take `general_token`: the end is found
//! eight bytes at a time, ASCII words are handled in the same way, and tokens with non-ASCII
//! characters go through the Python string semantics in `text`.

use std::ops::{BitAnd, BitOr, BitXor, Not};

use super::rules::Token;
use super::text;
use super::words::{LONG_WORD_KEY_LEN, ShortKey, WORD_KEY_LEN, WordEntry, WordTable};

/// `text.split()` followed by `_strip_punc_if_word`, describing each token.
#[inline(never)]
pub(crate) fn tokenize(
    text: &str,
    ascii: bool,
    words: &WordTable,
    lower: &mut String,
    tokens: &mut Vec<Token>,
) {
    tokens.clear();
    // Two copies of the loop: an ASCII text needs no multi-byte whitespace checks.
    if ascii {
        split::<true>(text, words, lower, tokens);
    } else {
        split::<false>(text, words, lower, tokens);
    }
}

#[inline(always)]
fn split<const ASCII: bool>(
    text: &str,
    words: &WordTable,
    lower: &mut String,
    tokens: &mut Vec<Token>,
) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while let Some(start) = skip_spaces::<ASCII>(bytes, pos) {
        // Fast path, for most tokens: the 8 bytes loaded at the start hold the whole token,
        // ended by whitespace (or the end of the text) and free of control characters and
        // non-ASCII bytes. The same word then serves to find the end, strip and look up.
        let chunk = load8(bytes, start);
        let offset = first_candidate::<ASCII>(chunk);
        if offset > 0 && offset < 8 && ends_token::<ASCII>(bytes, start + offset) {
            tokens.push(short_ascii_token(chunk, offset, words));
            pos = start + offset;
            continue;
        }
        // The same with 16 bytes, for the longer words.
        if offset == 8 {
            let next = load8(bytes, start + 8);
            let offset = 8 + first_candidate::<ASCII>(next);
            if offset < 16 && ends_token::<ASCII>(bytes, start + offset) {
                let window = u128::from(chunk) | (u128::from(next) << 64);
                tokens.push(short_ascii_token(window, offset, words));
                pos = start + offset;
                continue;
            }
        }
        let (token, end) = general_token::<ASCII>(text, start, words, lower);
        tokens.push(token);
        pos = end;
    }
}

/// Any token, starting at `start`, and its end. Kept out of the loop above, whose fast path
/// then has the registers to itself.
#[inline(never)]
fn general_token<const ASCII: bool>(
    text: &str,
    start: usize,
    words: &WordTable,
    lower: &mut String,
) -> (Token, usize) {
    let bytes = text.as_bytes();
    let (end, non_ascii) = token_end::<ASCII>(bytes, start);
    let token = if non_ascii {
        // `start` and `end` are character boundaries: each is the end of a whitespace
        // character, the start of one, or an end of the text.
        let raw = text.get(start..end).unwrap_or_default();
        unicode_token(raw, words, lower)
    } else {
        ascii_token(bytes, start, end, words)
    };
    (token, end)
}

// Byte classes of ASCII characters, for one table look-up per byte.
/// `str.isspace()`: `\t \n \v \f \r`, the separators U+001C..U+001F, and space.
const SPACE: u8 = 1;
/// In `string.punctuation`.
const PUNCTUATION: u8 = 2;

const CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if matches!(c, 0x09..=0x0d | 0x1c..=0x20) {
            SPACE
        } else if c.is_ascii_punctuation() {
            PUNCTUATION
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

fn is_punctuation(b: &u8) -> bool {
    class(*b) & PUNCTUATION != 0
}

/// Length in bytes of the Python whitespace character at `bytes[i..]`, 0 if there is none.
/// Besides the ASCII ones, `str.isspace()` holds for U+0085, U+00A0, U+1680, U+2000..U+200A,
/// U+2028, U+2029, U+202F, U+205F and U+3000 (see `text::is_py_whitespace`), spelled out here
/// in UTF-8. (With `ASCII`, the text is known to have no such character.)
#[inline(always)]
fn space_len<const ASCII: bool>(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(&b) if ASCII || b < 0x80 => usize::from(class(b) & SPACE),
        Some(_) => multi_byte_space_len(bytes, i),
        None => 0,
    }
}

/// `space_len` at a byte above 0x7f.
#[inline(never)]
fn multi_byte_space_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i..) {
        Some([0xc2, 0x85 | 0xa0, ..]) => 2,
        Some(
            [0xe1, 0x9a, 0x80, ..]
            | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
            | [0xe2, 0x81, 0x9f, ..]
            | [0xe3, 0x80, 0x80, ..],
        ) => 3,
        _ => 0,
    }
}

/// The first position at or after `pos` that is not whitespace, unless the text ends first.
#[inline]
fn skip_spaces<const ASCII: bool>(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        match space_len::<ASCII>(bytes, pos) {
            0 => return (pos < bytes.len()).then_some(pos),
            width => pos += width,
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// The 8 bytes at `p` as a little-endian word; bytes past the end of `bytes` read as 0.
#[inline]
fn load8(bytes: &[u8], p: usize) -> u64 {
    match bytes.get(p..).and_then(<[u8]>::first_chunk::<8>) {
        Some(eight) => u64::from_le_bytes(*eight),
        None => load8_tail(bytes, p),
    }
}

/// `load8` within 8 bytes of the end: the last 8 bytes shifted down (no byte-wise copy), or,
/// in a text shorter than 8 bytes, the bytes assembled one by one.
#[inline(never)]
fn load8_tail(bytes: &[u8], p: usize) -> u64 {
    let Some(past_end) = (p + 8).checked_sub(bytes.len()).filter(|&n| n < 8) else {
        return 0;
    };
    match bytes.last_chunk::<8>() {
        Some(last) => u64::from_le_bytes(*last)
            .checked_shr(8 * past_end as u32)
            .unwrap_or(0),
        None => bytes
            .get(p..)
            .unwrap_or_default()
            .iter()
            .rev()
            .fold(0, |word, &b| (word << 8) | u64::from(b)),
    }
}

/// Offset in `chunk` (8 if none) of the first byte below 0x21 (and, unless the text is ASCII,
/// of the first byte at least 0x80): whitespace is among those, and so are the zeros that
/// `load8` reads past the end of the text. (A borrow out of a flagged byte can flag the next
/// one too, but never an earlier one, so the lowest flag is exact.)
#[inline]
fn first_candidate<const ASCII: bool>(chunk: u64) -> usize {
    let below = chunk.wrapping_sub(ONES * 0x21);
    let candidates = if ASCII { below & !chunk } else { below | chunk } & HIGH;
    (candidates.trailing_zeros() / 8) as usize
}

/// Whether a token ends at `p`: whitespace there, or the end of the text.
#[inline]
fn ends_token<const ASCII: bool>(bytes: &[u8], p: usize) -> bool {
    p >= bytes.len() || space_len::<ASCII>(bytes, p) > 0
}

/// The end of the token starting at `start` (the next whitespace or the end of the text), and
/// whether the token has non-ASCII bytes.
#[inline]
fn token_end<const ASCII: bool>(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut p = start;
    let mut non_ascii = false;
    loop {
        let offset = first_candidate::<ASCII>(load8(bytes, p));
        p += offset;
        if offset == 8 {
            continue;
        }
        match bytes.get(p) {
            None => return (bytes.len(), non_ascii),
            Some(&b) => {
                if space_len::<ASCII>(bytes, p) > 0 {
                    return (p, non_ascii);
                }
                // A control character, or the first byte of a non-whitespace non-ASCII
                // character: step over the whole character (`p` stays at boundaries).
                non_ascii |= b >= 0x80;
                p += utf8_width(b);
            }
        }
    }
}

/// A little-endian word of bytes, for the bitwise byte tests below: `u64` for 8 bytes, `u128`
/// for 16 (two registers, the operations pairwise).
trait Lanes:
    Copy
    + PartialEq
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitXor<Output = Self>
    + Not<Output = Self>
{
    const BYTES: u32;
    const ZERO: Self;
    const MAX: Self;
    /// Each byte `b`.
    fn splat(b: u8) -> Self;
    fn add(self, other: Self) -> Self;
    fn sub(self, other: Self) -> Self;
    fn shl(self, bits: u32) -> Self;
    fn shr(self, bits: u32) -> Self;
    fn trailing_zeros(self) -> u32;
    fn leading_zeros(self) -> u32;
    /// The first 8 bytes and the next 8 (0 for a `u64`).
    fn halves(self) -> [u64; 2];
}

macro_rules! lanes {
    ($t:ty) => {
        impl Lanes for $t {
            const BYTES: u32 = <$t>::BITS / 8;
            const ZERO: Self = 0;
            const MAX: Self = <$t>::MAX;
            #[inline]
            fn splat(b: u8) -> Self {
                <$t>::MAX / 0xff * <$t>::from(b)
            }
            // Wrapping, though every use below stays in range: no overflow checks to pay for.
            #[inline]
            fn add(self, other: Self) -> Self {
                self.wrapping_add(other)
            }
            #[inline]
            fn sub(self, other: Self) -> Self {
                self.wrapping_sub(other)
            }
            #[inline]
            fn shl(self, bits: u32) -> Self {
                self.wrapping_shl(bits)
            }
            #[inline]
            fn shr(self, bits: u32) -> Self {
                self.wrapping_shr(bits)
            }
            #[inline]
            fn trailing_zeros(self) -> u32 {
                <$t>::trailing_zeros(self)
            }
            #[inline]
            fn leading_zeros(self) -> u32 {
                <$t>::leading_zeros(self)
            }
            #[inline]
            fn halves(self) -> [u64; 2] {
                #[allow(clippy::unnecessary_cast)]
                [self as u64, (self as u128 >> 64) as u64]
            }
        }
    };
}

lanes!(u64);
lanes!(u128);

/// The length of the UTF-8 sequence that starts with `lead` (1 for ASCII and, never met at a
/// character boundary, continuation bytes).
#[inline]
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

/// Masks keeping the first `n` bytes of a word: all of them for `n` of `L::BYTES` or more
/// (and for 0).
#[inline]
fn keep_first_bytes<L: Lanes>(n: usize) -> L {
    L::MAX.shr(8 * (L::BYTES - n.min(L::BYTES as usize) as u32))
}

/// For each byte of `chunk` in `lo..=hi` (both below 0x80), its high bit.
#[inline]
fn bytes_in_range<L: Lanes>(chunk: L, lo: u8, hi: u8) -> L {
    let high = L::splat(0x80);
    let low7 = chunk & !high;
    // The high bit of each byte of `at_least_lo` says `byte & 0x7f >= lo`, etc.; no byte
    // carries into the next, since each sum stays below 0x100.
    let at_least_lo = low7.add(L::splat(0x80 - lo));
    let above_hi = low7.add(L::splat(0x7f - hi));
    at_least_lo & !above_hi & !chunk & high
}

/// Up to 8 (or 16) ASCII bytes, read as a little-endian word, with what the look-up and the
/// rules need, each found for all the bytes at once.
struct AsciiChunk<L> {
    /// `to_ascii_lowercase()`.
    lowered: L,
    /// High bit of each upper-case letter.
    upper: L,
    /// High bit of each lower-case letter.
    lower: L,
    /// High bit of each character of `string.punctuation`.
    punctuation: L,
    /// Non-zero when some byte is `'`.
    apostrophes: L,
}

impl<L: Lanes> AsciiChunk<L> {
    #[inline]
    fn new(raw: L) -> AsciiChunk<L> {
        let (letters, case_bits) = Self::letters(raw);
        let punctuation =
            bytes_in_range(raw, b'!', b'~') & !letters & !bytes_in_range(raw, b'0', b'9');
        Self::with_punctuation(raw, letters, case_bits, punctuation)
    }

    /// Letters are the bytes that fall in `a..=z` once the 0x20 bit is set; that bit (moved
    /// up to the high bit) tells lower from upper case.
    #[inline]
    fn letters(raw: L) -> (L, L) {
        let letters = bytes_in_range(raw | L::splat(0x20), b'a', b'z');
        (letters, raw.shl(2) & L::splat(0x80))
    }

    /// `punctuation` has the high bit of each character of `string.punctuation`, which is
    /// every printable ASCII character but letters and digits.
    #[inline]
    fn with_punctuation(raw: L, letters: L, case_bits: L, punctuation: L) -> AsciiChunk<L> {
        let upper = letters & !case_bits;
        // The classic zero-byte test on `raw ^ "''"`: non-zero exactly when some byte
        // is `'` (its flags may be inexact above the first one, which does not matter here).
        let quotes = raw ^ L::splat(b'\'');
        AsciiChunk {
            // `to_ascii_lowercase`: add 0x20 to the upper-case letters.
            lowered: raw | upper.shr(2),
            upper,
            lower: letters & case_bits,
            punctuation,
            apostrophes: quotes.sub(L::splat(1)) & !quotes & L::splat(0x80),
        }
    }

    /// `isupper()`: some upper-case letter and no lower-case one.
    #[inline]
    fn is_upper(&self) -> bool {
        self.upper != L::ZERO && self.lower == L::ZERO
    }
}

/// A token of `n` ASCII bytes from `!` up (1..=7 in a `u64`, 8..=15 in a `u128`), the low bytes
/// of `window`; the higher bytes are ignored. Everything happens in registers, without a loop
/// over the bytes: stripping finds the first and last non-punctuation bytes from a mask, and
/// the key is the lower-cased word shifted and masked.
#[inline(always)]
fn short_ascii_token<L: Lanes>(window: L, n: usize, words: &WordTable) -> Token {
    let in_token: L = keep_first_bytes(n);
    let raw = window & in_token;
    let (letters, case_bits) = AsciiChunk::letters(raw);
    // Most tokens are letters only: nothing to strip, no apostrophe, no need to find the
    // punctuation.
    let in_token_high = in_token & L::splat(0x80);
    if letters == in_token_high {
        let upper = letters & !case_bits;
        // `isupper()`: some upper-case letter and no lower-case one.
        let all_caps = upper != L::ZERO && (letters & case_bits) == L::ZERO;
        let [low, high] = (raw | upper.shr(2)).halves();
        return Token::new(look_up(words, [low, high], n), false, all_caps);
    }
    let chunk = AsciiChunk::with_punctuation(
        raw,
        letters,
        case_bits,
        bytes_in_range(raw, b'!', b'~') & !letters & !bytes_in_range(raw, b'0', b'9'),
    );
    // Punctuation is caseless, so the letters of the word are those of the whole token, and
    // so is `isupper()`.
    let all_caps = chunk.is_upper();
    // `token.strip(string.punctuation)`: from the first to the last other byte (`front` is
    // `L::BYTES` and `back` 0 when there is none).
    let kept = in_token_high & !chunk.punctuation;
    let front = (kept.trailing_zeros() / 8) as usize;
    let back = ((L::BYTES * 8 - kept.leading_zeros()) / 8) as usize;
    let stripped = back.saturating_sub(front);
    // `_strip_punc_if_word`: keep the original when at most 2 characters (here: bytes) remain.
    let (key, len) = if stripped > 2 {
        let key = chunk.lowered.shr(8 * front as u32) & keep_first_bytes(stripped);
        (key, stripped)
    } else {
        (chunk.lowered, n)
    };
    let [low, high] = key.halves();
    let contains_nt = chunk.apostrophes != L::ZERO && {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&low.to_le_bytes());
        bytes[8..].copy_from_slice(&high.to_le_bytes());
        contains_nt(&bytes[..len.min(16)])
    };
    Token::new(look_up(words, [low, high], len), contains_nt, all_caps)
}

/// The entry of a lower-cased word of `len` (1..=16) bytes, given as two little-endian words.
#[inline(always)]
fn look_up(words: &WordTable, [low, high]: [u64; 2], len: usize) -> WordEntry {
    if len > WORD_KEY_LEN {
        words.get_long_word([low, high], len)
    } else {
        words.get_word(low, len)
    }
}

/// An ASCII token `bytes[start..end]` that the fast path of `split` did not take: longer than
/// 15 bytes, or with a control character.
#[inline(always)]
fn ascii_token(bytes: &[u8], start: usize, end: usize, words: &WordTable) -> Token {
    let token = bytes.get(start..end).unwrap_or_default();
    // `token.strip(string.punctuation)`.
    let front = token
        .iter()
        .position(|b| !is_punctuation(b))
        .unwrap_or(token.len());
    let back = token
        .iter()
        .rposition(|b| !is_punctuation(b))
        .map_or(front, |i| i + 1);
    // `_strip_punc_if_word`: keep the original when at most 2 characters (here: bytes) remain.
    let (s, len) = if back - front > 2 {
        (start + front, back - front)
    } else {
        (start, token.len())
    };
    if len > LONG_WORD_KEY_LEN {
        return long_ascii_token(bytes, s, len, words);
    }
    // The word as one or two little-endian words (the second 0 for a word of up to 8 bytes).
    let low = AsciiChunk::new(load8(bytes, s) & keep_first_bytes::<u64>(len));
    let high = AsciiChunk::new(if len > WORD_KEY_LEN {
        load8(bytes, s + WORD_KEY_LEN) & keep_first_bytes::<u64>(len - WORD_KEY_LEN)
    } else {
        0
    });
    // Punctuation is caseless, so the letters of the word are those of the whole token, and
    // so is `isupper()`: some upper-case letter and no lower-case one.
    let all_caps = (low.upper | high.upper) != 0 && (low.lower | high.lower) == 0;
    let contains_nt = (low.apostrophes | high.apostrophes) != 0
        && contains_nt(bytes.get(s..s + len).unwrap_or_default());
    let entry = if len > WORD_KEY_LEN {
        words.get_long_word([low.lowered, high.lowered], len)
    } else {
        words.get_word(low.lowered, len)
    };
    Token::new(entry, contains_nt, all_caps)
}

/// An ASCII token whose word `bytes[s..s + len]` has more than 16 bytes: the same over up to
/// four words, and no look-up at all for a word longer than any key.
#[inline(never)]
fn long_ascii_token(bytes: &[u8], s: usize, len: usize, words: &WordTable) -> Token {
    let word = bytes.get(s..s + len).unwrap_or_default();
    if len > ShortKey::MAX_LEN || len > words.max_key_len() {
        let all_caps =
            word.iter().any(u8::is_ascii_uppercase) && !word.iter().any(u8::is_ascii_lowercase);
        return Token::new(WordEntry::default(), contains_nt(word), all_caps);
    }
    let mut chunks = [0u64; 4];
    let (mut upper, mut lower, mut apostrophes) = (0, 0, 0);
    for (k, lowered) in chunks.iter_mut().enumerate().take(len.div_ceil(8)) {
        let chunk = AsciiChunk::new(load8(bytes, s + 8 * k) & keep_first_bytes::<u64>(len - 8 * k));
        upper |= chunk.upper;
        lower |= chunk.lower;
        apostrophes |= chunk.apostrophes;
        *lowered = chunk.lowered;
    }
    let all_caps = upper != 0 && lower == 0;
    let contains_nt = apostrophes != 0 && contains_nt(word);
    let entry = words.get_long(&ShortKey::from_lowered(len, chunks));
    Token::new(entry, contains_nt, all_caps)
}

#[inline(never)]
fn unicode_token(raw: &str, words: &WordTable, lower: &mut String) -> Token {
    let word = text::strip_punctuation_if_word(raw);
    let all_caps = text::py_lower_into_and_isupper(word, lower);
    let entry = words.get(lower);
    Token::new(entry, contains_nt(lower.as_bytes()), all_caps)
}

/// Whether the word has "n't" in its lower-cased form (ASCII apostrophe only, so "don’t" with
/// a curly one does not negate).
fn contains_nt(word: &[u8]) -> bool {
    word.windows(3)
        .any(|w| matches!(w, [b'n' | b'N', b'\'', b't' | b'T']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_as<const ASCII: bool>(text: &str) -> Vec<&str> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(start) = skip_spaces::<ASCII>(bytes, pos) {
            let (end, non_ascii) = token_end::<ASCII>(bytes, start);
            let token = &text[start..end];
            assert_eq!(non_ascii, !token.is_ascii(), "{token:?}");
            out.push(token);
            pos = end;
        }
        out
    }

    /// The split, checking that the ASCII copy of the loop agrees on ASCII texts.
    fn split(text: &str) -> Vec<&str> {
        let tokens = split_as::<false>(text);
        if text.is_ascii() {
            assert_eq!(split_as::<true>(text), tokens, "{text:?}");
        }
        tokens
    }

    fn python_split(text: &str) -> Vec<&str> {
        text.split(text::is_py_whitespace)
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn split_uses_python_whitespace() {
        assert_eq!(
            split("  Don't\tb\x1cc\x0b  d. \x1f"),
            ["Don't", "b", "c", "d."]
        );
        assert!(split("").is_empty());
        assert!(split(" \t\n ").is_empty());
        // Control characters other than the separators are part of tokens, as in Python.
        assert_eq!(split("a\x00b \x01"), ["a\x00b", "\x01"]);
        assert_eq!(
            split(
                "a\u{85}b\u{a0}c\u{1680}d\u{2000}e\u{200a}f\u{2028}g\u{2029}h\u{202f}i\u{205f}j\u{3000}k"
            ),
            ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]
        );
        // Near misses: U+200B, U+2019, U+2030, U+205E, U+3001 and U+0100 are not whitespace.
        assert_eq!(
            split("a\u{200b}b don\u{2019}t \u{2030}\u{205e}\u{3001}\u{100}"),
            [
                "a\u{200b}b",
                "don\u{2019}t",
                "\u{2030}\u{205e}\u{3001}\u{100}"
            ]
        );
    }

    #[test]
    fn split_agrees_with_str_split_everywhere() {
        // Every token length across the 8-byte steps, every separator, at both ends.
        let separators = [
            " ", "\t", "\u{1c}", "\u{85}", "\u{a0}", "\u{2000}", "\u{3000}", "  ",
        ];
        let pieces = [
            "a",
            "é",
            "\u{0}",
            "’",
            "😁",
            "x\u{1d}y",
            "abcdefghij",
            "\u{2009}",
        ];
        for (i, sep) in separators.iter().enumerate() {
            for n in 0..20 {
                let mut text = String::new();
                for k in 0..n {
                    text.push_str(pieces[(k * 7 + i) % pieces.len()]);
                    if k % 3 == i % 3 {
                        text.push_str(sep);
                    }
                }
                assert_eq!(split(&text), python_split(&text), "{text:?}");
                let padded = format!("{sep}{text}{sep}");
                assert_eq!(split(&padded), python_split(&padded), "{padded:?}");
            }
        }
    }

    #[test]
    fn loads_pad_with_zeros() {
        assert_eq!(load8(b"abc", 0), u64::from_le_bytes(*b"abc\0\0\0\0\0"));
        assert_eq!(load8(b"abc", 2), u64::from(b'c'));
        assert_eq!(load8(b"abc", 3), 0);
        assert_eq!(load8(b"abc", 9), 0);
        let text = b"0123456789";
        assert_eq!(load8(text, 1), u64::from_le_bytes(*b"12345678"));
        assert_eq!(load8(text, 4), u64::from_le_bytes(*b"456789\0\0"));
        assert_eq!(load8(text, 9), u64::from(b'9'));
        assert_eq!(load8(text, 10), 0);
    }

    #[test]
    fn masks_keep_the_first_bytes() {
        for n in 1..=8 {
            let expected =
                u64::from_le_bytes(std::array::from_fn(|i| if i < n { 0xff } else { 0 }));
            assert_eq!(keep_first_bytes::<u64>(n), expected, "{n}");
        }
        for n in 1..=16 {
            let expected =
                u128::from_le_bytes(std::array::from_fn(|i| if i < n { 0xff } else { 0 }));
            assert_eq!(keep_first_bytes::<u128>(n), expected, "{n}");
        }
        assert_eq!(keep_first_bytes::<u64>(20), u64::MAX);
        assert_eq!(keep_first_bytes::<u128>(40), u128::MAX);
    }

    #[test]
    fn byte_ranges_are_exact() {
        for b in 0..=255u8 {
            for position in 0..8 {
                let mut bytes = [b'0'; 8];
                bytes[position] = b;
                let upper = bytes_in_range(u64::from_le_bytes(bytes), b'A', b'Z');
                let expected = if b.is_ascii_uppercase() {
                    0x80u64 << (8 * position)
                } else {
                    0
                };
                assert_eq!(upper, expected, "{b:#x} at {position}");
            }
        }
    }

    #[test]
    fn chunks_find_letters_and_lower_case() {
        for b in 0..=127u8 {
            for position in 0..8 {
                let mut bytes = [b'0'; 8];
                bytes[position] = b;
                let chunk = AsciiChunk::new(u64::from_le_bytes(bytes));
                let bit = |yes: bool| if yes { 0x80u64 << (8 * position) } else { 0 };
                assert_eq!(
                    chunk.lowered.to_le_bytes(),
                    bytes.map(|x| x.to_ascii_lowercase())
                );
                assert_eq!(chunk.upper, bit(b.is_ascii_uppercase()), "{b:#x}");
                assert_eq!(chunk.lower, bit(b.is_ascii_lowercase()), "{b:#x}");
                assert_eq!(chunk.apostrophes != 0, b == b'\'', "{b:#x}");
                assert_eq!(chunk.punctuation, bit(b.is_ascii_punctuation()), "{b:#x}");
            }
        }
    }

    fn describe_ascii(token: &str) -> Token {
        let words = WordTable::reference("good\t1.9\n");
        ascii_token(token.as_bytes(), 0, token.len(), &words)
    }

    #[test]
    fn ascii_tokens_strip_and_case_like_python() {
        assert_eq!(describe_ascii("\"(GOOD)!\"").valence(), Some(1.9));
        assert!(describe_ascii("GOOD!").all_caps());
        assert!(describe_ascii("I").all_caps());
        assert!(describe_ascii(":D").all_caps());
        assert!(!describe_ascii(":)").all_caps());
        assert!(!describe_ascii("GOOd").all_caps());
        // "OK." keeps its period: at most 2 characters would be left.
        assert_eq!(
            describe_ascii("no,").keyword,
            super::super::words::Keyword::Other
        );
        assert!(describe_ascii("DON'T").negation());
        assert!(describe_ascii("x'n't").negation());
        assert!(!describe_ascii("n'").negation());
        let long = format!("{}N'T", "A".repeat(60));
        assert!(describe_ascii(&long).negation() && describe_ascii(&long).all_caps());
    }
}
