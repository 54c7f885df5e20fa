//! Decides each claim's source type from its speaker, attribution, outlet, person and, when
//! nothing else is given, the hedges in the claim itself, and records the cue that decided it.
//!
//! The order of the rules is the product's judgement, documented in README.md ("Source types"):
//! 1. an unnamed speaker makes the claim anonymous (exclusive-anonymous with an exclusivity cue),
//!    however confidently it "confirms";
//! 2. a document, then a social channel, is the source whoever wrote it;
//! 3. a named speaker is on the record: the person themself, or a named third party, even when
//!    they talk "exclusively";
//! 4. a rep, lawyer or organisation speaking for someone is an official statement;
//! 5. with no speaker, the attribution is read in the same order, then for the outlet's own
//!    voice, another outlet's report, a setting where the person speaks, and hedges;
//! 6. with neither speaker nor attribution, the claim is unattributed (hedged or not).

use std::fmt;

use crate::claim::Claim;
use crate::cues::{CueKind, Cues, Hit};
use crate::name;
use crate::source_type::SourceType;

/// What decided a label, for the `source_cue` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceCue {
    /// The row's own `source_type` column.
    Given,
    /// A rule about the fields rather than a phrase ("speaker is the person").
    Rule(&'static str),
    /// One phrase of the cue table.
    Phrase(u32),
    /// Two phrases together: an unnamed source and an exclusivity marker.
    Pair(u32, u32),
}

impl SourceCue {
    /// The cue as written in the `source_cue` column.
    pub fn display<'a>(&self, cues: &'a Cues) -> CueText<'a> {
        CueText { cue: *self, cues }
    }
}

/// `SourceCue` rendered with the phrases of its table.
pub struct CueText<'a> {
    cue: SourceCue,
    cues: &'a Cues,
}

impl fmt::Display for CueText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cue {
            SourceCue::Given => f.write_str("given in source_type column"),
            SourceCue::Rule(rule) => f.write_str(rule),
            SourceCue::Phrase(cue) => f.write_str(self.cues.phrase(cue)),
            SourceCue::Pair(a, b) => {
                write!(f, "{} + {}", self.cues.phrase(a), self.cues.phrase(b))
            }
        }
    }
}

/// Reusable buffers, one set per worker thread, so labeling a row allocates nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    speaker: Vec<Hit>,
    attribution: Vec<Hit>,
    claim: Vec<Hit>,
}

/// Who the speaker field names.
enum Speaker {
    Empty,
    /// An unnamed source ("a source", "the insider", "a neighbor").
    Unnamed(SourceCue),
    /// A role speaking for someone ("her attorney", "a spokesperson for the team").
    Official(u32),
    /// A news outlet; `true` when it is the row's own outlet.
    Outlet(bool),
    /// "he", "she", "they": someone the row alone does not name.
    Pronoun,
    Named,
}

const PRONOUNS: [&str; 8] = ["he", "she", "they", "him", "her", "them", "i", "we"];
const DETERMINERS: [&str; 12] = [
    "a", "an", "the", "one", "another", "some", "several", "two", "three", "multiple", "many",
    "other",
];
const PREPOSITIONS: [&str; 12] = [
    "for", "of", "to", "with", "from", "by", "at", "about", "near", "and", "on", "in",
];

pub fn label(cues: &Cues, claim: &Claim<'_>, scratch: &mut Scratch) -> (SourceType, SourceCue) {
    let Scratch {
        speaker: s_hits,
        attribution: a_hits,
        claim: c_hits,
    } = scratch;
    cues.find_source(claim.speaker, s_hits);
    cues.find_source(claim.attribution, a_hits);
    let exclusive = first(s_hits, CueKind::Exclusive).or_else(|| first(a_hits, CueKind::Exclusive));

    let speaker = classify_speaker(claim, s_hits);
    if let Speaker::Unnamed(cue) = speaker {
        return anonymous(cue, exclusive);
    }
    if let Some(cue) = first(a_hits, CueKind::Document) {
        return (SourceType::Document, SourceCue::Phrase(cue));
    }
    if let Some(cue) = first(a_hits, CueKind::Social) {
        return (SourceType::SocialPost, SourceCue::Phrase(cue));
    }
    match speaker {
        Speaker::Named => return on_record(cues, claim.speaker, claim.person),
        Speaker::Official(cue) => return (SourceType::OfficialStatement, SourceCue::Phrase(cue)),
        Speaker::Outlet(true) => {
            return (
                SourceType::OutletAsserted,
                SourceCue::Rule("speaker is the outlet"),
            );
        }
        Speaker::Outlet(false) => {
            return (
                SourceType::Secondhand,
                SourceCue::Rule("speaker is another outlet"),
            );
        }
        Speaker::Empty | Speaker::Pronoun | Speaker::Unnamed(_) => {}
    }

    // The speaker field does not decide: read the attribution.
    if let Some(cue) = first(a_hits, CueKind::Anonymous) {
        return anonymous(SourceCue::Phrase(cue), exclusive);
    }
    if let Some(named) = named_in_attribution(cues, claim.attribution, a_hits) {
        return on_record(cues, named, claim.person);
    }
    if let Some(cue) = first(a_hits, CueKind::Official) {
        return (SourceType::OfficialStatement, SourceCue::Phrase(cue));
    }
    if let Some(cue) = first(a_hits, CueKind::OutletAsserted) {
        return (SourceType::OutletAsserted, SourceCue::Phrase(cue));
    }
    if let Some(cue) = first(a_hits, CueKind::Secondhand) {
        return (SourceType::Secondhand, SourceCue::Phrase(cue));
    }
    if let Some(cue) = first(a_hits, CueKind::Subject) {
        return (SourceType::SubjectOnRecord, SourceCue::Phrase(cue));
    }
    if let Some(cue) = first(a_hits, CueKind::Hedge) {
        return (SourceType::Unattributed, SourceCue::Phrase(cue));
    }
    if matches!(speaker, Speaker::Pronoun) {
        return (
            SourceType::Unknown,
            SourceCue::Rule("pronoun speaker, no other cue"),
        );
    }
    if !claim.attribution.trim().is_empty() {
        return (SourceType::Unknown, SourceCue::Rule("no cue matched"));
    }
    // Neither speaker nor attribution: nobody stands behind the claim.
    cues.find_source(claim.claim, c_hits);
    match first(c_hits, CueKind::Hedge) {
        Some(cue) => (SourceType::Unattributed, SourceCue::Phrase(cue)),
        None => (
            SourceType::Unattributed,
            SourceCue::Rule("no speaker or attribution"),
        ),
    }
}

fn first(hits: &[Hit], kind: CueKind) -> Option<u32> {
    hits.iter().find(|h| h.kind == kind).map(|h| h.cue)
}

fn anonymous(cue: SourceCue, exclusive: Option<u32>) -> (SourceType, SourceCue) {
    match (exclusive, cue) {
        (Some(ex), SourceCue::Phrase(who)) => {
            (SourceType::ExclusiveAnonymous, SourceCue::Pair(who, ex))
        }
        (Some(ex), _) => (SourceType::ExclusiveAnonymous, SourceCue::Phrase(ex)),
        (None, cue) => (SourceType::Anonymous, cue),
    }
}

fn on_record(cues: &Cues, speaker: &str, person: &str) -> (SourceType, SourceCue) {
    if name::is_same_person(speaker, person, cues) {
        (
            SourceType::SubjectOnRecord,
            SourceCue::Rule("speaker is the person"),
        )
    } else {
        (SourceType::NamedOnRecord, SourceCue::Rule("named speaker"))
    }
}

fn classify_speaker(claim: &Claim<'_>, hits: &[Hit]) -> Speaker {
    let speaker = claim.speaker.trim();
    if speaker.is_empty() {
        return Speaker::Empty;
    }
    if let Some(cue) = first(hits, CueKind::Anonymous) {
        return Speaker::Unnamed(SourceCue::Phrase(cue));
    }
    if let Some(cue) = first(hits, CueKind::Official) {
        return Speaker::Official(cue);
    }
    let own_outlet =
        !claim.outlet.trim().is_empty() && speaker.eq_ignore_ascii_case(claim.outlet.trim());
    let names_outlet = hits
        .iter()
        .any(|h| h.kind == CueKind::OutletName && h.start == 0 && h.end == speaker.len());
    if own_outlet || names_outlet {
        return Speaker::Outlet(own_outlet);
    }
    let mut words = speaker.split_whitespace();
    let first_word = words.next().unwrap_or_default();
    if words.next().is_none() && PRONOUNS.iter().any(|p| first_word.eq_ignore_ascii_case(p)) {
        return Speaker::Pronoun;
    }
    if speaker.split_whitespace().any(is_capitalized) {
        return Speaker::Named;
    }
    if DETERMINERS
        .iter()
        .any(|d| first_word.eq_ignore_ascii_case(d))
    {
        return Speaker::Unnamed(SourceCue::Rule("unnamed speaker"));
    }
    Speaker::Named
}

/// Finds a speaker's name in the attribution: the capitalised words just before its first verb of
/// speaking ("Michael Patrick King told Variety", "Nixon added") or just after it ("said
/// Whitcombe"). Words after a preposition ("a rep for Cattrall said") are not a speaker.
fn named_in_attribution<'a>(cues: &Cues, attribution: &'a str, hits: &[Hit]) -> Option<&'a str> {
    let verb = hits.iter().find(|h| h.kind == CueKind::SpeechVerb)?;
    let before = attribution.get(..verb.start)?;
    if let Some(name) = trailing_name(cues, before) {
        return Some(name);
    }
    if before.trim().is_empty() {
        let after = attribution.get(verb.end..)?;
        return leading_name(cues, after);
    }
    None
}

fn trailing_name<'a>(cues: &Cues, text: &'a str) -> Option<&'a str> {
    // Skip what commonly sits between a name and its verb: an age (", 67,") or an adverb.
    let words: Vec<(usize, &str)> = word_spans(text).collect();
    let mut end = words.len();
    while end > 0 {
        let w = words[end - 1].1;
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() || bare.chars().all(|c| c.is_ascii_digit()) || bare.ends_with("ly") {
            end -= 1;
        } else {
            break;
        }
    }
    let mut start = end;
    while start > 0 && is_capitalized(words[start - 1].1) {
        start -= 1;
    }
    if start == end {
        return None;
    }
    if start > 0 {
        let before = words[start - 1]
            .1
            .trim_matches(|c: char| !c.is_alphanumeric());
        if PREPOSITIONS.iter().any(|p| before.eq_ignore_ascii_case(p)) {
            return None;
        }
    }
    let first = words[start].0;
    let last = words[end - 1];
    let name = text
        .get(first..last.0 + last.1.len())?
        .trim_end_matches([',', ';', ':']);
    accept_name(cues, name)
}

fn leading_name<'a>(cues: &Cues, text: &'a str) -> Option<&'a str> {
    let words: Vec<(usize, &str)> = word_spans(text)
        .take_while(|(_, w)| is_capitalized(w))
        .collect();
    let (first, last) = (words.first()?, words.last()?);
    let name = text
        .get(first.0..last.0 + last.1.len())?
        .trim_end_matches([',', ';', ':', '.']);
    accept_name(cues, name)
}

/// A capitalised run is not a person's name when it is a determiner, a pronoun or an outlet.
fn accept_name<'a>(cues: &Cues, name: &'a str) -> Option<&'a str> {
    let first_word = name.split_whitespace().next()?;
    let lone = !name.contains(char::is_whitespace);
    if DETERMINERS
        .iter()
        .any(|d| first_word.eq_ignore_ascii_case(d))
        || (lone && PRONOUNS.iter().any(|p| first_word.eq_ignore_ascii_case(p)))
    {
        return None;
    }
    let mut hits = Vec::new();
    cues.find_source(name, &mut hits);
    if hits
        .iter()
        .any(|h| h.kind == CueKind::OutletName && h.start == 0 && h.end == name.len())
    {
        return None;
    }
    Some(name)
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

fn is_capitalized(word: &str) -> bool {
    word.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label_of(
        person: &str,
        speaker: &str,
        attribution: &str,
        claim: &str,
    ) -> (SourceType, String) {
        let cues = Cues::builtin().unwrap();
        let row = Claim {
            person,
            speaker,
            attribution,
            claim,
            ..Claim::default()
        };
        let (t, cue) = label(&cues, &row, &mut Scratch::default());
        (t, cue.display(&cues).to_string())
    }

    #[test]
    fn founding_example() {
        let kim = "Kim Cattrall";
        assert_eq!(
            label_of(
                kim,
                "Michael Patrick King",
                "told Variety on Tuesday",
                "No."
            )
            .0,
            SourceType::NamedOnRecord
        );
        assert_eq!(
            label_of(
                kim,
                "Michael Patrick King",
                "he continued",
                "magical thinking"
            )
            .0,
            SourceType::NamedOnRecord
        );
        assert_eq!(
            label_of(
                kim,
                "",
                "A source exclusively told Us Weekly",
                "she isn't talking"
            ),
            (
                SourceType::ExclusiveAnonymous,
                "a source + exclusively".to_string()
            )
        );
        assert_eq!(
            label_of(kim, "the insider", "The insider added", "happier").0,
            SourceType::Anonymous
        );
        assert_eq!(
            label_of(kim, "", "the source explained", "ship has sailed").0,
            SourceType::Anonymous
        );
    }

    #[test]
    fn named_people_are_on_record_even_exclusively() {
        let (t, cue) = label_of(
            "Kim Cattrall",
            "Cattrall",
            "exclusively told Us Weekly",
            "x",
        );
        assert_eq!(
            (t, cue.as_str()),
            (SourceType::SubjectOnRecord, "speaker is the person")
        );
        assert_eq!(
            label_of(
                "Kim Cattrall",
                "",
                "Cynthia Nixon exclusively told People",
                "x"
            )
            .0,
            SourceType::NamedOnRecord
        );
        assert_eq!(
            label_of(
                "Senator Dana Whitcombe",
                "",
                "Whitcombe, 58, told reporters",
                "x"
            )
            .0,
            SourceType::SubjectOnRecord
        );
    }

    #[test]
    fn confirming_does_not_put_a_source_on_record() {
        assert_eq!(
            label_of(
                "Kim Cattrall",
                "",
                "a source close to Cattrall confirmed",
                "x"
            )
            .0,
            SourceType::Anonymous
        );
    }

    #[test]
    fn outlets_secondhand_and_rumors() {
        assert_eq!(
            label_of("X", "", "according to TMZ", "x").0,
            SourceType::Secondhand
        );
        assert_eq!(
            label_of("X", "", "TMZ can confirm", "x").0,
            SourceType::OutletAsserted
        );
        assert_eq!(
            label_of("X", "", "a source told TMZ", "x").0,
            SourceType::Anonymous
        );
        assert_eq!(
            label_of("X", "", "according to court documents", "x").0,
            SourceType::Document
        );
        assert_eq!(
            label_of("X", "a rep for X", "confirmed to Deadline", "x").0,
            SourceType::OfficialStatement
        );
        assert_eq!(
            label_of("X", "", "a rep for Cattrall said", "x").0,
            SourceType::OfficialStatement
        );
        assert_eq!(
            label_of("X", "", "she wrote on Instagram", "x").0,
            SourceType::SocialPost
        );
        assert_eq!(
            label_of("X", "", "reportedly", "x").0,
            SourceType::Unattributed
        );
        assert_eq!(
            label_of("X", "", "", "She is said to be furious."),
            (SourceType::Unattributed, "is said to".to_string())
        );
        assert_eq!(
            label_of("X", "he", "he continued", "x").0,
            SourceType::Unknown
        );
    }
}
