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
/// then the claim. A no-comment anywhere in a text decides at once, since it says the speaker did
/// not take a side. Otherwise each confirm and deny cue of the text counts, unless a rule below
/// sets it aside, and a counted deny outranks a counted confirm:
///
/// | rule | example | the cue |
/// |---|---|---|
/// | a negation ends at most two words before it, in its clause | "did not deny", "has not yet confirmed" | does not count |
/// | it stands in a question | "Is the video a fake?" | does not count |
/// | an interjection (its phrase ends in punctuation) that does not open a clause | "said no, twice" | does not count |
/// | a negation in capitals, in a text mostly in lower case, negating no cue | "the chain has NOT made one" | counts as a deny |
/// | a deny and a confirm in one text | "Studio confirms the sequel: no, it's a lie" | the deny decides |
///
/// The last rule because a rumor is often restated in its own words ("X confirms ...") before it
/// is refuted, while a refutation is rarely part of a rumor's wording.
pub fn infer(cues: &Cues, attribution: &str, claim: &str, hits: &mut Vec<Hit>) -> Stance {
    for text in [attribution, claim] {
        if text.is_empty() {
            continue;
        }
        cues.find_stance(text, hits);
        if hits.iter().any(|h| h.kind == CueKind::NoComment) {
            return Stance::NoComment;
        }
        let mut confirmed = false;
        for (i, hit) in hits.iter().enumerate() {
            let kind = match hit.kind {
                CueKind::Confirm | CueKind::Deny => hit.kind,
                CueKind::Negation if shouted(text, hit) && !negates(text, hit, hits.get(i + 1)) => {
                    CueKind::Deny
                }
                _ => continue,
            };
            if negated(text, &hits[..i], hit.start)
                || in_question(text, hit.end)
                || (is_interjection(cues.phrase(hit.cue)) && !opens_clause(text, hit.start))
            {
                continue;
            }
            if kind == CueKind::Deny {
                return Stance::Deny;
            }
            confirmed = true;
        }
        if confirmed {
            return Stance::Confirm;
        }
    }
    Stance::Neutral
}

/// Whether one of the earlier hits is a negation ending at most a couple of words before `start`,
/// in the same clause: "did not quit, contrary to reports" does not negate the refutation.
fn negated(text: &str, earlier: &[Hit], start: usize) -> bool {
    earlier.iter().rev().any(|h| {
        h.kind == CueKind::Negation
            && text.get(h.end..start).is_some_and(|gap| {
                gap.split_whitespace().count() <= NEGATION_REACH_WORDS
                    && !gap.contains(|c: char| c == ',' || CLAUSE_ENDS.contains(&c))
            })
    })
}

/// Whether a negation negates the cue after it (at most a couple of words on).
fn negates(text: &str, negation: &Hit, next: Option<&Hit>) -> bool {
    next.is_some_and(|n| {
        matches!(n.kind, CueKind::Confirm | CueKind::Deny)
            && negated(text, std::slice::from_ref(negation), n.start)
    })
}

/// The negations that refute when typed in capitals ("has NOT resigned", "I NEVER said
/// that"), with any word ending in `N'T`; "WITHOUT protection" is emphasis, not a refutation.
const SHOUTED_NEGATIONS: [&str; 2] = ["NOT", "NEVER"];

/// Whether a negation cue ends in a word of `SHOUTED_NEGATIONS` typed in capitals, in a text mostly
/// in lower case: in an all-capitals headline a capital means nothing.
fn shouted(text: &str, hit: &Hit) -> bool {
    let Some(word) = text
        .get(hit.start..hit.end)
        .and_then(|cue| cue.split_whitespace().next_back())
    else {
        return false;
    };
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let capitals = !word.chars().any(char::is_lowercase);
    let refutes = SHOUTED_NEGATIONS.contains(&word)
        || (capitals && (word.ends_with("N'T") || word.ends_with("N\u{2019}T")));
    if !refutes {
        return false;
    }
    let (upper, lower) = text.chars().fold((0usize, 0usize), |(u, l), c| {
        (
            u + usize::from(c.is_uppercase()),
            l + usize::from(c.is_lowercase()),
        )
    });
    lower > upper
}

/// Whether the clause a cue ends in is a question: the first clause end after it is a `?`.
fn in_question(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|rest| rest.chars().find(|c| CLAUSE_ENDS.contains(c)))
        == Some('?')
}

/// What ends a clause, for `negated`, `in_question` and `opens_clause`.
const CLAUSE_ENDS: [char; 6] = ['.', '?', '!', ':', ';', '\u{2026}'];

/// What may stand between a clause's start and its first word: spaces, quotes, brackets.
const CLAUSE_OPENERS: [char; 7] = ['"', '\'', '\u{201c}', '\u{2018}', '(', '[', '*'];

/// A cue phrase ending in punctuation ("no,", "fake news.") is an interjection: it refutes only
/// as the first word of a clause ("No, she is not leaving"), not inside one ("she said no, twice").
fn is_interjection(phrase: &str) -> bool {
    phrase.ends_with(|c: char| !c.is_alphanumeric())
}

/// Whether `start` opens a clause: nothing but spaces, quotes or brackets since the start of the
/// text, a clause end, or a dash.
fn opens_clause(text: &str, start: usize) -> bool {
    let before = text
        .get(..start)
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_whitespace() || CLAUSE_OPENERS.contains(&c));
    before.is_empty()
        || before.ends_with(|c: char| {
            CLAUSE_ENDS.contains(&c) || matches!(c, '-' | '\u{2013}' | '\u{2014}')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stance(attribution: &str, claim: &str) -> Stance {
        let cues = Cues::builtin().unwrap();
        infer(&cues, attribution, claim, &mut Vec::new())
    }

    /// Asserts the stance of each claim, with no attribution.
    fn claims_are(expected: Stance, claims: &[&str]) {
        for claim in claims {
            assert_eq!(stance("", claim), expected, "{claim}");
        }
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
    fn hoaxes_and_fakes_deny_as_predicates_not_as_topics() {
        claims_are(
            Stance::Deny,
            &[
                "The viral engagement story is a hoax.",
                "Wedding photos of the pair are fake, her publicist says",
                "Brannagh blasts fake report about her health",
                "Fake news. We are still together.",
                "That piece about my divorce is fake news.",
                "HOAX: Pop star did not buy an island",
            ],
        );
        claims_are(
            Stance::Neutral,
            &[
                "She wore fake eyelashes to the premiere.",
                "I was paid to fake a smile on the red carpet.",
                "The network unveiled new tools against fake news.",
                "The recording is not a hoax, police said.",
            ],
        );
    }

    #[test]
    fn what_the_rumor_says_is_not_so() {
        claims_are(
            Stance::Deny,
            &[
                "Veteran crooner Ray Dunmore is not dead, his label says",
                "The rocker isn't dead: he is alive and well in Ojai",
                "Reports of my retirement are greatly exaggerated.",
                "That charity gala everyone is sharing isn't real",
                "The sequel turned out to be false",
                "The mayor is staying on, despite rumours of a move to Brussels",
                "The coach did not quit, contrary to reports",
                "Sorry, the duo didn't actually split",
            ],
        );
    }

    #[test]
    fn refuting_verbs_deny_and_rumor_objects_make_some_of_them() {
        claims_are(
            Stance::Deny,
            &[
                "Fact-checkers debunk the viral clip of the senator",
                "Marlow shoots down rumors of a band reunion",
                "Officials shoot down claims of a stadium sale",
                "Coach dismisses reports he will quit",
                "Singer slams rumours she is pregnant",
                "The club rubbishes transfer talk",
                "Senator Oyelaran hits back at allegations of a secret fund",
            ],
        );
        claims_are(
            Stance::Neutral,
            &[
                "The air force shoots down a drone over the border",
                "Judge dismisses the lawsuit against the label",
                "The quarterback slams the door on his rivals",
            ],
        );
    }

    #[test]
    fn a_no_opening_a_clause_denies_and_one_inside_it_does_not() {
        claims_are(
            Stance::Deny,
            &[
                "No, the band is not splitting up",
                "Retiring at 30? No, says her agent",
                "Debunk: No - the tower is not for sale",
                "Nope, the chef is not opening a second restaurant",
                "\u{201c}No, I am not pregnant,\u{201d} she wrote",
            ],
        );
        claims_are(
            Stance::Neutral,
            &[
                "Kessler said no, twice, to the studio's offer.",
                "No one has called the family yet.",
                "No. 1 seed Arden advances to the final",
            ],
        );
    }

    #[test]
    fn a_question_takes_no_side() {
        assert_eq!(stance("", "Is the leaked memo a lie?"), Stance::Neutral);
        assert_eq!(
            stance("", "Was the wedding confirmed? Fans are waiting"),
            Stance::Neutral
        );
        assert_eq!(
            stance("", "Real or not? A curator says the letter is fabricated"),
            Stance::Deny
        );
    }

    #[test]
    fn a_refutation_outranks_a_confirmation_in_the_same_text() {
        assert_eq!(
            stance("", "Studio confirms a third sequel: no, it's a lie"),
            Stance::Deny
        );
        assert_eq!(
            stance(
                "",
                "Label announces a farewell tour; the press release is flat-out false"
            ),
            Stance::Deny
        );
        // Across texts the attribution still decides first.
        assert_eq!(
            stance("her rep confirmed", "The cheating story is a total lie."),
            Stance::Confirm
        );
    }

    #[test]
    fn a_negation_in_capitals_refutes_unless_it_negates_a_cue() {
        assert_eq!(
            stance("", "Sorry, fans: the chain has NOT added a kale milkshake"),
            Stance::Deny
        );
        assert_eq!(
            stance("", "I NEVER said that about my co-star"),
            Stance::Deny
        );
        assert_eq!(stance("", "The minister DIDN'T resign"), Stance::Deny);
        // A negated cue stays negated, emphasis or not; a shouted headline shouts every word.
        assert_eq!(
            stance("", "Her rep did NOT deny the report"),
            Stance::Neutral
        );
        assert_eq!(
            stance("", "STAR WILL NOT RETURN FOR SEASON TWO"),
            Stance::Neutral
        );
        // Emphasis that is no negation of the rumor.
        assert_eq!(
            stance("", "The climbers went up WITHOUT oxygen"),
            Stance::Neutral
        );
    }

    #[test]
    fn reported_rumors_stay_neutral() {
        for claim in [
            "Rocker Dex Harlan is dead, reports say",
            "Pop star reportedly set to wed in June",
            "Insiders claim the anchor will be fired",
        ] {
            assert_eq!(stance("", claim), Stance::Neutral, "{claim}");
        }
    }

    #[test]
    fn given_values_parse_loosely() {
        assert_eq!(Stance::parse(" No Comment "), Some(Stance::NoComment));
        assert_eq!(Stance::parse("no_comment"), Some(Stance::NoComment));
        assert_eq!(Stance::parse("maybe"), None);
    }
}
