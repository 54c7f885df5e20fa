//! The second layer: a parsed [`Attribution`] to one of the eleven source types, by a
//! precedence table. The first rule that applies decides; the table reads like README.md's
//! "How a label is decided".

use super::{Attribution, FoundIn, SourceCue, SpeakerKind, rule};
use crate::source_type::SourceType;

/// One rule of the table: its name (as README.md gives it) and what it decides, if it applies.
pub type Rule = (
    &'static str,
    fn(&Attribution<'_>) -> Option<(SourceType, SourceCue)>,
);

/// The rules in order of precedence.
pub const PRECEDENCE: [Rule; 9] = [
    ("1. anonymity requested", |a| {
        a.anonymity.map(|cue| anonymous(a, SourceCue::Phrase(cue)))
    }),
    ("2. an unnamed source speaks", |a| {
        matches!(a.speaker.kind, SpeakerKind::Unnamed | SpeakerKind::Group)
            .then(|| anonymous(a, a.speaker.cue))
    }),
    ("3. a document is the source", |a| {
        match (a.speaker.kind, a.document) {
            (SpeakerKind::Document, _) => Some((SourceType::Document, a.speaker.cue)),
            (_, Some(cue)) => Some((SourceType::Document, SourceCue::Phrase(cue))),
            _ => None,
        }
    }),
    ("4. the speaker's own social channel", |a| {
        a.platform
            .map(|cue| (SourceType::SocialPost, SourceCue::Phrase(cue)))
    }),
    ("5. a rep, spokesperson or lawyer speaks", |a| {
        a.role
            .map(|cue| (SourceType::OfficialStatement, SourceCue::Phrase(cue)))
    }),
    ("6. an unnamed source anywhere, no one named", |a| {
        a.unnamed.map(|cue| anonymous(a, SourceCue::Phrase(cue)))
    }),
    ("7. who speaks decides", who_speaks),
    ("8. no one named: the attribution's cues", no_one_named),
    ("9. neither speaker nor attribution", |a| {
        (a.found_in == FoundIn::Nowhere).then(|| {
            let cue = a
                .hedge
                .map_or(SourceCue::Rule(rule::NOTHING), SourceCue::Phrase);
            (SourceType::Unattributed, cue)
        })
    }),
];

/// The source type of a parsed attribution and the cue that decided it.
pub fn classify(a: &Attribution<'_>) -> (SourceType, SourceCue) {
    let (source_type, cue, _) = decide(a);
    (source_type, cue)
}

/// The same, with the name of the rule that decided.
pub fn decide(a: &Attribution<'_>) -> (SourceType, SourceCue, &'static str) {
    PRECEDENCE
        .iter()
        .find_map(|(name, rule)| rule(a).map(|(t, cue)| (t, cue, *name)))
        .unwrap_or((
            SourceType::Unknown,
            SourceCue::Rule(rule::NO_SPEAKER),
            "no rule applies",
        ))
}

/// An unnamed source's claim: `exclusive-anonymous` with an exclusivity marker.
fn anonymous(a: &Attribution<'_>, cue: SourceCue) -> (SourceType, SourceCue) {
    match (a.exclusive, cue) {
        (Some(ex), SourceCue::Phrase(who)) => {
            (SourceType::ExclusiveAnonymous, SourceCue::Pair(who, ex))
        }
        (Some(ex), _) => (SourceType::ExclusiveAnonymous, SourceCue::Phrase(ex)),
        (None, cue) => (SourceType::Anonymous, cue),
    }
}

/// Rule 7: the kind of speaker decides.
fn who_speaks(a: &Attribution<'_>) -> Option<(SourceType, SourceCue)> {
    let cue = a.speaker.cue;
    Some(match a.speaker.kind {
        SpeakerKind::Role | SpeakerKind::Organisation => (SourceType::OfficialStatement, cue),
        SpeakerKind::Person | SpeakerKind::PersonTitle => (SourceType::SubjectOnRecord, cue),
        // A single unknown name issuing a statement is an organisation: "Lumora said in a
        // statement".
        SpeakerKind::Named
            if a.statement.is_some() && !a.speaker.phrase.contains(char::is_whitespace) =>
        {
            (
                SourceType::OfficialStatement,
                SourceCue::Rule(rule::ORGANISATION_STATEMENT),
            )
        }
        SpeakerKind::Named => (SourceType::NamedOnRecord, cue),
        SpeakerKind::OwnOutlet => (SourceType::OutletAsserted, cue),
        SpeakerKind::OtherOutlet => (SourceType::Secondhand, cue),
        SpeakerKind::We => (
            SourceType::OutletAsserted,
            a.outlet_voice.map_or(cue, SourceCue::Phrase),
        ),
        // "she told Vogue" with no one else named: the person, on the record; with someone else
        // named, that other person.
        SpeakerKind::Pronoun if is_singular_person(a.speaker.phrase) => {
            if a.pronoun_mismatch {
                (
                    SourceType::NamedOnRecord,
                    SourceCue::Rule(rule::PRONOUN_NOT_PERSON),
                )
            } else if a.other_named {
                (
                    SourceType::NamedOnRecord,
                    SourceCue::Rule(rule::PRONOUN_IS_OTHER),
                )
            } else {
                (
                    SourceType::SubjectOnRecord,
                    SourceCue::Rule(rule::PRONOUN_IS_PERSON),
                )
            }
        }
        // An epithet that describes no one ("Billy Bush may", "nonetheless, while vacationing"
        // is a misread subject, not a person) leaves a hedge or the outlet's voice to decide.
        SpeakerKind::Epithet if !a.epithet_person => {
            return no_one_named(a)
                .filter(|(t, _)| *t != SourceType::Unknown)
                .or(Some((SourceType::Unknown, cue)));
        }
        SpeakerKind::Epithet if a.other_named => (
            SourceType::NamedOnRecord,
            SourceCue::Rule(rule::EPITHET_IS_OTHER),
        ),
        SpeakerKind::Epithet => (
            SourceType::SubjectOnRecord,
            SourceCue::Rule(rule::EPITHET_IS_PERSON),
        ),
        // "..., they insist." in a claim's own text, with no one named and no statement: the
        // unnamed group the story spoke to (the person and a partner speak "in a joint
        // statement"). A "they" in the speaker field continues a speaker the row does not
        // carry, and stays unknown.
        SpeakerKind::Pronoun
            if a.found_in == FoundIn::Claim
                && a.speaker.phrase.eq_ignore_ascii_case("they")
                && !a.other_named
                && a.statement.is_none() =>
        {
            (SourceType::Anonymous, SourceCue::Rule(rule::PLURAL_PRONOUN))
        }
        SpeakerKind::Pronoun => (SourceType::Unknown, cue),
        SpeakerKind::Unnamed | SpeakerKind::Group | SpeakerKind::Document | SpeakerKind::Nobody => {
            return None;
        }
    })
}

/// Whether a pronoun can stand for one person: "she", "he", "I"; not "they" or "it".
fn is_singular_person(pronoun: &str) -> bool {
    ["she", "he", "i", "her", "him"]
        .iter()
        .any(|p| pronoun.eq_ignore_ascii_case(p))
}

/// Rule 8: no one named, the attribution's own cues in this order.
fn no_one_named(a: &Attribution<'_>) -> Option<(SourceType, SourceCue)> {
    if let Some(cue) = a.outlet_voice {
        return Some((SourceType::OutletAsserted, SourceCue::Phrase(cue)));
    }
    if let Some(report) = a.report {
        return Some(match report.statement {
            Some(statement) => (SourceType::OfficialStatement, SourceCue::Phrase(statement)),
            None => (SourceType::Secondhand, SourceCue::Phrase(report.cue)),
        });
    }
    if let Some(own) = a.outlet_named {
        return Some(if own {
            (
                SourceType::OutletAsserted,
                SourceCue::Rule(rule::OWN_OUTLET),
            )
        } else {
            (
                SourceType::Secondhand,
                SourceCue::Rule(rule::OUTLET_MENTIONED),
            )
        });
    }
    if let Some(cue) = a.statement {
        return Some((SourceType::OfficialStatement, SourceCue::Phrase(cue)));
    }
    if let Some(cue) = a.setting {
        return Some((SourceType::SubjectOnRecord, SourceCue::Phrase(cue)));
    }
    if let Some(cue) = a.hedge {
        return Some((SourceType::Unattributed, SourceCue::Phrase(cue)));
    }
    a.has_text
        .then_some((SourceType::Unknown, SourceCue::Rule(rule::NO_SPEAKER)))
}
