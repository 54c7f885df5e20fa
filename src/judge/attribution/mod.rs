//! Who stands behind a claim, in two layers that can be tested alone:
//!
//! 1. `parse` reads a row's text (the speaker and attribution fields, or, when those say
//!    nothing, the attribution that `locate` finds inside the claim) into a typed
//!    [`Attribution`]: who speaks (the phrase and its [`SpeakerKind`]), the reporting cue, the
//!    channels (a statement, a document, the speaker's own platform, a setting such as "told
//!    reporters", another outlet's report), the anonymity and exclusivity markers and the hedges.
//! 2. `classify` maps that structure to one of the eleven source types by a precedence table
//!    (`classify::PRECEDENCE`) that reads like README.md's "How a label is decided".
//!
//! Every word that decides (cue phrases, speech verbs, roles, organisation, document and group
//! nouns, the grammar's closed word classes) comes from the cue table (`cues/*.csv`, extended
//! with `--cues`). Labeling a row allocates nothing: hits go into the reused [`Scratch`], and
//! phrases are slices of the row.

mod classify;
mod grammar;
mod locate;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::claim::Claim;
use crate::cues::{Cues, Hit};
use crate::source_type::SourceType;

pub use classify::{PRECEDENCE, classify, decide};
pub use grammar::word_spans;
pub use locate::{Close, ends_sentence, find_close, locate, quote_at};
pub use parse::{name_gender, pronoun_gender};

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

/// The rules written out in `source_cue`.
pub mod rule {
    pub const SPEAKER_IS_PERSON: &str = "speaker is the person";
    pub const SPEAKER_IS_TITLE: &str = "speaker is the person's title";
    pub const PRONOUN_IS_PERSON: &str = "pronoun speaker, taken as the person";
    pub const PRONOUN_IS_OTHER: &str = "pronoun speaker, another person named";
    pub const PRONOUN_NOT_PERSON: &str = "pronoun speaker, not the person's pronoun";
    pub const NAMED_SPEAKER: &str = "named speaker";
    pub const UNNAMED_SPEAKER: &str = "unnamed speaker";
    pub const ORGANISATION: &str = "organisation speaks";
    pub const ORGANISATION_STATEMENT: &str = "organisation's statement";
    pub const OWN_OUTLET: &str = "speaker is the outlet";
    pub const OTHER_OUTLET: &str = "speaker is another outlet";
    pub const OUTLET_MENTIONED: &str = "another outlet is the source";
    pub const PRONOUN: &str = "pronoun speaker, no other cue";
    pub const PLURAL_PRONOUN: &str = "\"they\", no one named: an unnamed group";
    pub const EPITHET_IS_PERSON: &str = "epithet speaker, taken as the person";
    pub const EPITHET_IS_OTHER: &str = "epithet speaker, another person named";
    pub const EPITHET: &str = "speaker is an epithet the person field does not carry";
    pub const NO_SPEAKER: &str = "no speaker named";
    pub const NOTHING: &str = "no speaker or attribution";
}

/// Where the attribution was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundIn {
    /// The `speaker` and `attribution` fields.
    Fields,
    /// Inside the claim text, the fields being empty or saying nothing.
    Claim,
    /// Nowhere: the row names no source at all.
    Nowhere,
}

impl FoundIn {
    pub fn as_str(self) -> &'static str {
        match self {
            FoundIn::Fields => "fields",
            FoundIn::Claim => "claim",
            FoundIn::Nowhere => "none",
        }
    }
}

/// What kind of source a speaker phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    /// No speaker phrase.
    Nobody,
    /// The row's person, by name.
    Person,
    /// The bare title the person field carries: "the senator".
    PersonTitle,
    /// Another person, by name.
    Named,
    /// An organisation speaking: "the studio", "Caldera Foods", "NBN".
    Organisation,
    /// Someone whose job is to speak for the person: "her rep", "a spokesperson", "X's lawyer".
    Role,
    /// An unnamed individual: "a source", "the insider", "a teammate".
    Unnamed,
    /// A group of unnamed people: "analysts", "critics", "officials".
    Group,
    /// A document: "the report", "a new Quinnipiac poll", "court records".
    Document,
    /// The row's own outlet.
    OwnOutlet,
    /// Another outlet.
    OtherOutlet,
    /// "we": the outlet's own voice.
    We,
    /// A personal pronoun: "she", "he".
    Pronoun,
    /// A description the person field does not carry: "the actress", "the 52-year-old".
    Epithet,
}

impl SpeakerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Nobody => "",
            SpeakerKind::Person => "person",
            SpeakerKind::PersonTitle => "person-title",
            SpeakerKind::Named => "named",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Role => "role",
            SpeakerKind::Unnamed => "unnamed",
            SpeakerKind::Group => "group",
            SpeakerKind::Document => "document",
            SpeakerKind::OwnOutlet => "own-outlet",
            SpeakerKind::OtherOutlet => "other-outlet",
            SpeakerKind::We => "we",
            SpeakerKind::Pronoun => "pronoun",
            SpeakerKind::Epithet => "epithet",
        }
    }
}

/// Who speaks: the phrase as printed, its kind, and the cue that told the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speaker<'t> {
    pub phrase: &'t str,
    pub kind: SpeakerKind,
    pub cue: SourceCue,
}

impl Speaker<'_> {
    pub const NOBODY: Speaker<'static> = Speaker {
        phrase: "",
        kind: SpeakerKind::Nobody,
        cue: SourceCue::Rule(rule::NO_SPEAKER),
    };
}

/// Another outlet's report as the channel: "according to TMZ", "Bloomberg reported". A statement
/// within its clause ("according to a statement from the club") is what the report cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub cue: u32,
    pub statement: Option<u32>,
}

/// A row's attribution, parsed: who speaks and every marker and channel found around them.
/// Each `Option<u32>` is the cue (an index into the cue table) that was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution<'t> {
    pub found_in: FoundIn,
    /// The attribution as read: the attribution field, or the clause found in the claim
    /// (a slice of it, so its offsets there can be computed).
    pub text: &'t str,
    pub speaker: Speaker<'t>,
    /// The reporting verb or phrase that introduces the speaker: "told", "according to".
    pub verb: Option<u32>,
    /// The source asked not to be named: "on condition of anonymity".
    pub anonymity: Option<u32>,
    /// The claim is the outlet's exclusive: "exclusively".
    pub exclusive: Option<u32>,
    /// A document stands as the source: "according to court records", "wrote in a filing".
    pub document: Option<u32>,
    /// The speaker's own social channel: "wrote on Instagram", "on her YouTube channel".
    pub platform: Option<u32>,
    /// A rep, spokesperson or lawyer beside the speaker: "Kelsey Marr, Ostrander's press
    /// secretary, said".
    pub role: Option<u32>,
    /// An unnamed source anywhere in the attribution: "we're told by a source".
    pub unnamed: Option<u32>,
    /// The outlet's own voice: "has learned", "we're told".
    pub outlet_voice: Option<u32>,
    /// Another outlet's report: "according to", "reported".
    pub report: Option<Report>,
    /// An outlet named in source position with no verb of its own ("per a Page Six report"):
    /// whether it is the row's own.
    pub outlet_named: Option<bool>,
    /// A statement as the channel: "in a statement".
    pub statement: Option<u32>,
    /// A setting where the person speaks: "told reporters", "in an interview".
    pub setting: Option<u32>,
    /// A hedge that names no source: "reportedly", "is said to".
    pub hedge: Option<u32>,
    /// With a pronoun or epithet speaker: whether the row names someone else it may stand for (another
    /// name in the attribution, or the person named in the claim as a third party).
    pub other_named: bool,
    /// With a pronoun speaker: whether the pronoun cannot be the person's ("he" about a person
    /// whose first name or title is a woman's).
    pub pronoun_mismatch: bool,
    /// With an epithet speaker: whether it describes one person ("the 40-year-old actress",
    /// "the candidate": a person noun or an age at its head). Such a speaker is read like a
    /// pronoun (`other_named` applies to it too); any other epithet is a misread subject and
    /// names no one.
    pub epithet_person: bool,
    /// Whether the fields (or the part of the claim read) hold any text at all.
    pub has_text: bool,
}

impl Attribution<'_> {
    /// An attribution with nothing found in it.
    pub const EMPTY: Attribution<'static> = Attribution {
        found_in: FoundIn::Nowhere,
        text: "",
        speaker: Speaker::NOBODY,
        verb: None,
        anonymity: None,
        exclusive: None,
        document: None,
        platform: None,
        role: None,
        unnamed: None,
        outlet_voice: None,
        report: None,
        outlet_named: None,
        statement: None,
        setting: None,
        hedge: None,
        other_named: false,
        pronoun_mismatch: false,
        epithet_person: false,
        has_text: false,
    };
}

/// Reusable buffers, one set per worker thread, so labeling a row allocates nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    speaker: Vec<Hit>,
    attribution: Vec<Hit>,
    claim: Vec<Hit>,
}

/// The row's attribution, parsed: from its fields, or else from the claim text.
pub fn attribution<'r>(cues: &Cues, claim: &Claim<'r>, scratch: &mut Scratch) -> Attribution<'r> {
    parse::parse_row(cues, claim, scratch)
}

/// The row's source type and the cue that decided it.
pub fn label(cues: &Cues, claim: &Claim<'_>, scratch: &mut Scratch) -> (SourceType, SourceCue) {
    classify(&parse::parse_row(cues, claim, scratch))
}
