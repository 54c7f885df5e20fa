//! Stance: whether a row confirms, denies, declines to comment on, or just states its claim.
//! A separate axis from the source type: an anonymous source can "confirm", a rep can deny.

use std::fmt;

use crate::cues::{CueKind, Cues, Hit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    Confirm,
    Deny,
    Neutral,
    NoComment,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Confirm,
        Stance::Deny,
        Stance::Neutral,
        Stance::NoComment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Confirm => "confirm",
            Stance::Deny => "deny",
            Stance::Neutral => "neutral",
            Stance::NoComment => "no-comment",
        }
    }

    /// Parses a stance as people type it (`No Comment`, `no_comment`, ` deny `).
    pub fn parse(text: &str) -> Option<Stance> {
        let wanted = text.trim();
        Stance::ALL
            .into_iter()
            .find(|s| crate::source_type::same_label(s.as_str(), wanted))
    }

    pub fn allowed() -> String {
        Stance::ALL.map(|s| s.as_str()).join(", ")
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many words may stand between a negation and the verb it negates ("did not immediately
/// deny" has one).
const NEGATION_REACH_WORDS: usize = 2;

/// Infers the stance from the attribution first (its verb is the speaker's act: "a rep denied"),
/// then the claim. Within a text the first cue that is not negated decides; a no-comment anywhere
/// in the attribution decides at once, since it says the speaker did not take a side.
pub fn infer(cues: &Cues, attribution: &str, claim: &str, hits: &mut Vec<Hit>) -> Stance {
    for text in [attribution, claim] {
        if text.is_empty() {
            continue;
        }
        cues.find_stance(text, hits);
        if hits.iter().any(|h| h.kind == CueKind::NoComment) {
            return Stance::NoComment;
        }
        for (i, hit) in hits.iter().enumerate() {
            let stance = match hit.kind {
                CueKind::Confirm => Stance::Confirm,
                CueKind::Deny => Stance::Deny,
                _ => continue,
            };
            if !negated(text, &hits[..i], hit.start) {
                return stance;
            }
        }
    }
    Stance::Neutral
}

/// Whether one of the earlier hits is a negation ending at most a couple of words before `start`.
fn negated(text: &str, earlier: &[Hit], start: usize) -> bool {
    earlier.iter().rev().any(|h| {
        h.kind == CueKind::Negation
            && text
                .get(h.end..start)
                .is_some_and(|gap| gap.split_whitespace().count() <= NEGATION_REACH_WORDS)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stance(attribution: &str, claim: &str) -> Stance {
        let cues = Cues::builtin().unwrap();
        infer(&cues, attribution, claim, &mut Vec::new())
    }

    #[test]
    fn denials_confirmations_and_no_comments() {
        assert_eq!(stance("a rep denied the report", ""), Stance::Deny);
        assert_eq!(stance("", "That story is 100% false."), Stance::Deny);
        assert_eq!(stance("", "It's not true."), Stance::Deny);
        assert_eq!(
            stance("the network announced", "Season two is coming."),
            Stance::Confirm
        );
        assert_eq!(
            stance("", "It's official: they are engaged."),
            Stance::Confirm
        );
        assert_eq!(
            stance("a spokesperson declined to comment", ""),
            Stance::NoComment
        );
        assert_eq!(stance("", "She has no plans."), Stance::Neutral);
    }

    #[test]
    fn negated_refuters_are_not_denials() {
        assert_eq!(
            stance("her rep did not deny the report", ""),
            Stance::Neutral
        );
        assert_eq!(stance("", "He has never denied it."), Stance::Neutral);
        assert_eq!(
            stance("the studio has not yet confirmed", ""),
            Stance::Neutral
        );
        assert_eq!(
            stance("a source close to her confirmed", ""),
            Stance::Confirm
        );
    }

    #[test]
    fn no_comment_phrasings() {
        for attribution in [
            "did not immediately respond to a request for comment",
            "did not return calls seeking comment",
            "declined to answer questions from reporters",
            "refused to comment on his future",
            "would neither confirm nor deny the report",
            "declined to confirm or deny",
            "could not be reached",
        ] {
            assert_eq!(stance(attribution, ""), Stance::NoComment, "{attribution}");
        }
        assert_eq!(
            stance("said", "I have no comment on my marriage."),
            Stance::NoComment
        );
    }

    #[test]
    fn explicit_refutations_deny() {
        for claim in [
            "The pregnancy rumors are false.",
            "The trade report is flat-out false.",
            "The cheating story is a total lie.",
            "There is no truth whatsoever to the story.",
            "These claims are false and fabricated.",
        ] {
            assert_eq!(stance("", claim), Stance::Deny, "{claim}");
        }
        assert_eq!(
            stance("a Caldera insider dismissed the report as false", ""),
            Stance::Deny
        );
    }

    #[test]
    fn only_explicit_confirmations_confirm() {
        assert_eq!(
            stance("", "I'm proud to announce that I'm running."),
            Stance::Confirm
        );
        assert_eq!(
            stance("", "I am confirming today that I will run."),
            Stance::Confirm
        );
        // A nominal or future announcement, an admission, a confirmation hearing: neutral.
        assert_eq!(
            stance("", "Whitcombe will announce a run next month."),
            Stance::Neutral
        );
        assert_eq!(
            stance("", "Dorian was blindsided by the announcement."),
            Stance::Neutral
        );
        assert_eq!(
            stance("admitted during a Twitch livestream", "It still hurts."),
            Stance::Neutral
        );
        assert_eq!(
            stance(
                "testified at his confirmation hearing",
                "I never discussed it."
            ),
            Stance::Neutral
        );
    }

    #[test]
    fn negated_and_plain_negative_statements_are_neutral() {
        assert_eq!(
            stance("", "Thornbury pointedly refused to deny it."),
            Stance::Neutral
        );
        assert_eq!(stance("", "We are not exploring a sale."), Stance::Neutral);
        assert_eq!(stance("", "No offer has been received."), Stance::Neutral);
        assert_eq!(
            stance("her rep would not confirm the report", ""),
            Stance::Neutral
        );
    }

    #[test]
    fn attribution_verb_outranks_the_claim_text() {
        assert_eq!(
            stance("her lawyer denied", "She confirmed nothing."),
            Stance::Deny
        );
    }

    #[test]
    fn given_values_parse_loosely() {
        assert_eq!(Stance::parse(" No Comment "), Some(Stance::NoComment));
        assert_eq!(Stance::parse("no_comment"), Some(Stance::NoComment));
        assert_eq!(Stance::parse("maybe"), None);
    }
}
