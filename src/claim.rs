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
