//! Field content made safe to show a person at a terminal: control characters escaped (a
//! newline as `\n`, ESC as `\x1b`), so no field can move the cursor, recolour the screen or
//! forge a line; and a field longer than a screenful cut, with its size in bytes.
//!
//! The work stops at the cut: a 1 MB field costs no more than a short one.

use std::fmt::Write as _;

/// Characters of a field shown before it is cut.
pub const SHOWN_CHARS: usize = 200;

/// `text` with control characters escaped, cut after `limit` characters of the escaped form
/// with `… (N bytes)` (N the byte length of the whole field) appended. Written into `buf`,
/// which is cleared first.
pub fn printable_into(text: &str, limit: usize, buf: &mut String) {
    buf.clear();
    let mut shown = 0;
    let mut consumed = 0;
    for c in text.chars() {
        if shown >= limit {
            break;
        }
        let before = buf.len();
        let _ = crate::message::escape_char(c, buf);
        shown += buf[before..].chars().count();
        consumed += c.len_utf8();
    }
    if consumed < text.len() {
        let _ = write!(buf, "… ({} bytes)", thousands(text.len() as u64));
    }
}

/// `text` as `printable_into` writes it, with the usual limit.
pub fn printable(text: &str) -> String {
    let mut buf = String::new();
    printable_into(text, SHOWN_CHARS, &mut buf);
    buf
}

/// `n` with thousands separators: 1,048,576.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("a\nb\tc\x1b[31m"), "a\\nb\\tc\\x1b[31m");
        assert_eq!(printable("\u{85}x\x7f"), "\\u{85}x\\x7f");
        assert_eq!(printable("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(printable("Zoë Ödön"), "Zoë Ödön");
    }

    #[test]
    fn long_fields_are_cut_with_their_size() {
        let long = "x".repeat(1 << 20);
        let shown = printable(&long);
        assert!(shown.starts_with(&"x".repeat(SHOWN_CHARS)));
        assert!(shown.ends_with("… (1,048,576 bytes)"), "{shown}");
        assert!(shown.chars().count() < SHOWN_CHARS + 30);
        // Exactly at the limit: shown whole, no note.
        let exact = "y".repeat(SHOWN_CHARS);
        assert_eq!(printable(&exact), exact);
    }

    #[test]
    fn separators_every_three_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }
}
