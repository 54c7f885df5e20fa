//! A claim: one input row after parsing, borrowing its text from the record it came from.

use chrono::NaiveDateTime;

use crate::source_type::SourceType;
use crate::stance::Stance;

/// The fields claimtrack reads from a row. Text fields are trimmed; optional ones are empty when
/// the column is absent or blank.
#[derive(Debug, Clone, Copy, Default)]
pub struct Claim<'r> {
    /// Publication date and time, in UTC when the input gave a zone.
    pub date: NaiveDateTime,
    /// Whom the claim is about, as written.
    pub person: &'r str,
    /// The statement itself.
    pub claim: &'r str,
    pub speaker: &'r str,
    pub attribution: &'r str,
    pub outlet: &'r str,
    pub topic: &'r str,
    /// A valid label from the row's own `source_type` column: it wins over inference.
    pub given_source_type: Option<SourceType>,
    /// A valid stance from the row's own `stance` column: it wins over inference.
    pub given_stance: Option<Stance>,
}

/// `str::trim`, with a shortcut for the usual field, which starts and ends with a visible ASCII
/// character and so has nothing to trim: every text field of every row is trimmed, and the
/// general trim decodes and tests a character at each end.
pub fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        for text in [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "\u{b}a\u{b}",
            "\u{a0}a",
            "a\u{3000}",
            "é",
            ".a.",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
