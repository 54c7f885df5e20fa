//! The vocabulary of accountability: who stands behind a claim, and whether that puts it on the
//! record or leaves it a rumor.

use std::fmt;

/// Who stands behind a claim, ordered from most to least accountable (the order of `ALL`, which is
/// also the order of the report's count columns and the lifecycle's tie-break).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceType {
    SubjectOnRecord,
    NamedOnRecord,
    OfficialStatement,
    Document,
    SocialPost,
    OutletAsserted,
    ExclusiveAnonymous,
    Anonymous,
    Secondhand,
    Unattributed,
    Unknown,
}

/// Whether a claim is on the record, only a rumor, or undecided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    OnRecord,
    Rumor,
    Unknown,
}

impl SourceType {
    pub const ALL: [SourceType; 11] = [
        SourceType::SubjectOnRecord,
        SourceType::NamedOnRecord,
        SourceType::OfficialStatement,
        SourceType::Document,
        SourceType::SocialPost,
        SourceType::OutletAsserted,
        SourceType::ExclusiveAnonymous,
        SourceType::Anonymous,
        SourceType::Secondhand,
        SourceType::Unattributed,
        SourceType::Unknown,
    ];

    /// The label as users write it (`exclusive-anonymous`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::SubjectOnRecord => "subject-on-record",
            SourceType::NamedOnRecord => "named-on-record",
            SourceType::OfficialStatement => "official-statement",
            SourceType::Document => "document",
            SourceType::SocialPost => "social-post",
            SourceType::OutletAsserted => "outlet-asserted",
            SourceType::ExclusiveAnonymous => "exclusive-anonymous",
            SourceType::Anonymous => "anonymous",
            SourceType::Secondhand => "secondhand",
            SourceType::Unattributed => "unattributed",
            SourceType::Unknown => "unknown",
        }
    }

    /// The label as a column name (`exclusive_anonymous`): spreadsheets and pandas prefer it.
    pub fn column_name(self) -> &'static str {
        match self {
            SourceType::SubjectOnRecord => "subject_on_record",
            SourceType::NamedOnRecord => "named_on_record",
            SourceType::OfficialStatement => "official_statement",
            SourceType::Document => "document",
            SourceType::SocialPost => "social_post",
            SourceType::OutletAsserted => "outlet_asserted",
            SourceType::ExclusiveAnonymous => "exclusive_anonymous",
            SourceType::Anonymous => "anonymous",
            SourceType::Secondhand => "secondhand",
            SourceType::Unattributed => "unattributed",
            SourceType::Unknown => "unknown",
        }
    }

    /// Position in `ALL`: 0 is the most accountable.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn standing(self) -> Standing {
        match self {
            SourceType::SubjectOnRecord
            | SourceType::NamedOnRecord
            | SourceType::OfficialStatement
            | SourceType::Document
            | SourceType::SocialPost => Standing::OnRecord,
            SourceType::OutletAsserted
            | SourceType::ExclusiveAnonymous
            | SourceType::Anonymous
            | SourceType::Secondhand
            | SourceType::Unattributed => Standing::Rumor,
            SourceType::Unknown => Standing::Unknown,
        }
    }

    /// Parses a label the way people type it: case and surrounding spaces ignored, `_` or ` ` for `-`.
    pub fn parse(text: &str) -> Option<SourceType> {
        let wanted = text.trim();
        SourceType::ALL
            .into_iter()
            .find(|t| same_label(t.as_str(), wanted))
    }

    /// The allowed values, for error messages.
    pub fn allowed() -> String {
        SourceType::ALL.map(|t| t.as_str()).join(", ")
    }
}

impl Standing {
    pub const ALL: [Standing; 3] = [Standing::OnRecord, Standing::Rumor, Standing::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Standing::OnRecord => "on-record",
            Standing::Rumor => "rumor",
            Standing::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Standing> {
        let wanted = text.trim();
        Standing::ALL
            .into_iter()
            .find(|s| same_label(s.as_str(), wanted))
    }

    pub fn allowed() -> String {
        Standing::ALL.map(|s| s.as_str()).join(", ")
    }
}

impl fmt::Display for SourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Standing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compares a canonical kebab-case label with user text, ignoring ASCII case and accepting `_` or
/// a space wherever the label has `-`.
pub(crate) fn same_label(label: &str, text: &str) -> bool {
    label.len() == text.len()
        && label.bytes().zip(text.bytes()).all(|(l, t)| {
            let t = t.to_ascii_lowercase();
            l == t || (l == b'-' && (t == b'_' || t == b' '))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_accept_typed_variants() {
        for t in SourceType::ALL {
            assert_eq!(SourceType::parse(t.as_str()), Some(t));
            assert_eq!(SourceType::parse(t.column_name()), Some(t));
            assert_eq!(SourceType::parse(&t.as_str().to_uppercase()), Some(t));
        }
        assert_eq!(
            SourceType::parse(" Exclusive Anonymous "),
            Some(SourceType::ExclusiveAnonymous)
        );
        assert_eq!(SourceType::parse("anon"), None);
        assert_eq!(SourceType::parse(""), None);
    }

    #[test]
    fn first_five_are_on_record_next_five_rumor() {
        let standings: Vec<_> = SourceType::ALL.iter().map(|t| t.standing()).collect();
        assert!(standings[..5].iter().all(|s| *s == Standing::OnRecord));
        assert!(standings[5..10].iter().all(|s| *s == Standing::Rumor));
        assert_eq!(standings[10], Standing::Unknown);
    }

    #[test]
    fn index_follows_accountability_order() {
        for (i, t) in SourceType::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
        }
        assert!(SourceType::SubjectOnRecord < SourceType::Unattributed);
    }
}
