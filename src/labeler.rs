//! Decides each claim's source type from its speaker, attribution, outlet, person and, when
//! nothing else is given, the hedges in the claim itself, and records the cue that decided it.
//!
//! The labeler first finds **who speaks**: the speaker field, or else the attribution's subject
//! (the words before its first verb: "Michael Patrick King | told Variety", "NBN | declined"), or
//! the name after a said-like verb ("said | Whitcombe") or after "according to". A phrase names
//! an unnamed source ("a league source"), a rep or an organisation ("Vey's rep", "the studio",
//! "Caldera Foods", "NBN"), an outlet ("Bloomberg reported", the row's own outlet), a person by
//! name, the person by their title ("the senator" about "Senator Dana Whitcombe"), a pronoun, or
//! an epithet ("the actress"). Then the first of these rules that applies decides, documented in
//! README.md ("Source types"):
//!
//! 1. the source asked not to be named ("on background", "not authorized to speak"): anonymous,
//!    whoever speaks;
//! 2. an unnamed source speaks: anonymous, exclusive-anonymous with an exclusivity marker;
//!    "confirmed" does not change that;
//! 3. a document is the source ("according to a lawsuit", "wrote in a court filing"): document;
//! 4. a social platform the speaker controls is the channel: social-post;
//! 5. a rep, spokesperson or lawyer speaks, also beside a name ("Kelsey Marr, Ostrander's press
//!    secretary", "Whitcombe, through a spokesperson"): official-statement;
//! 6. an unnamed source appears anywhere and no one is named ("we're told by a source"): anonymous;
//! 7. who speaks decides: an organisation is official-statement (so is a single unknown name
//!    that declines, does not respond, announces or issues a statement: "Lumora declined to
//!    comment"); the person is subject-on-record; another named person named-on-record, even
//!    "exclusively"; the row's outlet outlet-asserted, another outlet secondhand; a pronoun or
//!    an epithet unknown;
//! 8. no one is named: the attribution's cues in this order: outlet voice, another outlet's
//!    report, a statement, a setting where the person speaks, a hedge; else unknown;
//! 9. neither speaker nor attribution: unattributed, whatever hedges the claim holds.
//!
//! Labeling a row allocates nothing: hits go into the reused `Scratch`, and phrases are slices.

use std::fmt;
use std::ops::Range;

use crate::claim::{Claim, trim};
use crate::cues::{CueKind, Cues, Hit, word_key};
use crate::name;
use crate::source_type::SourceType;
use crate::words::SplitWords;

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

/// The rules written out in `source_cue`.
pub mod rule {
    pub const SPEAKER_IS_PERSON: &str = "speaker is the person";
    pub const SPEAKER_IS_TITLE: &str = "speaker is the person's title";
    pub const NAMED_SPEAKER: &str = "named speaker";
    pub const UNNAMED_SPEAKER: &str = "unnamed speaker";
    pub const ORGANISATION: &str = "organisation speaks";
    pub const ORGANISATION_STATEMENT: &str = "organisation's statement";
    pub const OWN_OUTLET: &str = "speaker is the outlet";
    pub const OTHER_OUTLET: &str = "speaker is another outlet";
    pub const OUTLET_MENTIONED: &str = "another outlet is the source";
    pub const PRONOUN: &str = "pronoun speaker, no other cue";
    pub const EPITHET: &str = "speaker is an epithet the person field does not carry";
    pub const NO_SPEAKER: &str = "no speaker named";
    pub const NOTHING: &str = "no speaker or attribution";
}

/// A text and the source cues found in it.
#[derive(Clone, Copy)]
struct Text<'t> {
    text: &'t str,
    hits: &'t [Hit],
}

/// What the labeler compares names against.
#[derive(Clone, Copy)]
struct Row<'a> {
    cues: &'a Cues,
    person: &'a str,
    outlet: &'a str,
}

/// Who a phrase names as the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who<'t> {
    Nobody,
    /// An unnamed source: "a source", "the insider", "a Caldera executive" (in the speaker field).
    Unnamed(SourceCue),
    /// A rep, lawyer or organisation speaking for someone.
    Official(SourceCue),
    /// A news outlet: the row's own, or another.
    Outlet {
        own: bool,
        cue: SourceCue,
    },
    /// A person's name, as written, and whether it names the row's person when that has been
    /// decided already (so that `named` need not compare the names again).
    Name {
        text: &'t str,
        is_person: Option<bool>,
    },
    /// The bare title the person field carries: "the senator".
    PersonTitle,
    /// "we": the outlet's own voice.
    We,
    Pronoun,
    /// A description the person field does not carry: "the actress", "the 52-year-old".
    Epithet,
}

/// Where in a row a phrase stands; some rules depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The whole speaker field.
    Speaker,
    /// The attribution's words before its first verb.
    BeforeVerb,
    /// After a said-like verb: "said | Whitcombe".
    AfterVerb,
    /// After "according to", "per", "reported by": a name here not the person's is an outlet.
    AfterSource,
}

pub fn label(cues: &Cues, claim: &Claim<'_>, scratch: &mut Scratch) -> (SourceType, SourceCue) {
    let Scratch {
        speaker: s_hits,
        attribution: a_hits,
        claim: c_hits,
    } = scratch;
    let row = Row {
        cues,
        person: claim.person,
        outlet: trim(claim.outlet),
    };
    let speaker_text = trim(claim.speaker);
    let attribution_text = trim(claim.attribution);
    cues.find_source(speaker_text, s_hits);
    cues.find_source(attribution_text, a_hits);
    drop_inside_outlet(speaker_text, row.outlet, s_hits);
    drop_inside_outlet(attribution_text, row.outlet, a_hits);
    let s = Text {
        text: speaker_text,
        hits: s_hits,
    };
    let a = Text {
        text: attribution_text,
        hits: a_hits,
    };
    let exclusive = first(s, CueKind::Exclusive).or_else(|| first(a, CueKind::Exclusive));

    // 1. Anonymity asked for or granted beats any speaker.
    if let Some(h) = first(s, CueKind::Anonymity).or_else(|| first(a, CueKind::Anonymity)) {
        return anonymous(SourceCue::Phrase(h.cue), exclusive);
    }

    // The attribution's speaker matters only when the speaker field names no one definite, so
    // it is found only then.
    let by_speaker = classify(row, s, 0..s.text.len(), None, Place::Speaker);
    let who = match by_speaker {
        Who::Nobody => attribution_speaker(row, a),
        Who::Pronoun | Who::Epithet => match attribution_speaker(row, a) {
            Who::Nobody | Who::Pronoun | Who::Epithet | Who::We => by_speaker,
            by_attribution => by_attribution,
        },
        named => named,
    };

    // 2. An unnamed source stays anonymous however confidently it "confirms".
    if let Who::Unnamed(cue) = who {
        return anonymous(cue, exclusive);
    }
    // 3. A document, whoever wrote it.
    if let Some(h) = document(a).or_else(|| document(s)) {
        return (SourceType::Document, SourceCue::Phrase(h.cue));
    }
    // 4. The speaker's own social channel, whoever the speaker is.
    if let Some(h) = social(row, a, who).or_else(|| social(row, s, who)) {
        return (SourceType::SocialPost, SourceCue::Phrase(h.cue));
    }
    // 5. A rep beside a name: "Kelsey Marr, Ostrander's press secretary, told reporters".
    if !matches!(who, Who::Official(_))
        && let Some(h) = a.hits.iter().find(|h| {
            h.kind == CueKind::Official
                && !governed(a.text, h.start, &OBJECT)
                && !inside_a_name(a.text, h)
        })
    {
        return (SourceType::OfficialStatement, SourceCue::Phrase(h.cue));
    }
    // 6. An unnamed source anywhere, when no one is named: "we're told by a source".
    if !matches!(who, Who::Name { .. } | Who::PersonTitle | Who::Official(_))
        && let Some(h) = a
            .hits
            .iter()
            .find(|h| h.kind == CueKind::Anonymous && !governed(a.text, h.start, &SOURCE_TOPIC))
    {
        return anonymous(SourceCue::Phrase(h.cue), exclusive);
    }
    // 7. Who speaks decides.
    match who {
        Who::Official(cue) => return (SourceType::OfficialStatement, cue),
        Who::Name { text, is_person } => return named(row, text, is_person, a),
        Who::PersonTitle => {
            return (
                SourceType::SubjectOnRecord,
                SourceCue::Rule(rule::SPEAKER_IS_TITLE),
            );
        }
        Who::Outlet { own: true, cue } => return (SourceType::OutletAsserted, cue),
        Who::Outlet { own: false, cue } => return (SourceType::Secondhand, cue),
        Who::We => {
            let cue = first(a, CueKind::OutletAsserted)
                .map_or(SourceCue::Rule(rule::OWN_OUTLET), |h| {
                    SourceCue::Phrase(h.cue)
                });
            return (SourceType::OutletAsserted, cue);
        }
        Who::Pronoun => return (SourceType::Unknown, SourceCue::Rule(rule::PRONOUN)),
        Who::Epithet => return (SourceType::Unknown, SourceCue::Rule(rule::EPITHET)),
        Who::Nobody | Who::Unnamed(_) => {}
    }
    // 8. No one named: the attribution's own cues.
    if let Some(h) = first(a, CueKind::OutletAsserted) {
        return (SourceType::OutletAsserted, SourceCue::Phrase(h.cue));
    }
    if let Some(h) = first(a, CueKind::Secondhand) {
        // "according to a statement from the club": the statement is the source.
        let clause = clause_end(a, h.end);
        if let Some(st) = a
            .hits
            .iter()
            .find(|x| x.kind == CueKind::Statement && x.start >= h.end && x.start <= clause)
        {
            return (SourceType::OfficialStatement, SourceCue::Phrase(st.cue));
        }
        return (SourceType::Secondhand, SourceCue::Phrase(h.cue));
    }
    if let Some(own) = outlet_mentioned(row, a) {
        return if own {
            (
                SourceType::OutletAsserted,
                SourceCue::Rule(rule::OWN_OUTLET),
            )
        } else {
            (
                SourceType::Secondhand,
                SourceCue::Rule(rule::OUTLET_MENTIONED),
            )
        };
    }
    if let Some(h) = first(a, CueKind::Statement) {
        return (SourceType::OfficialStatement, SourceCue::Phrase(h.cue));
    }
    if let Some(h) = first(a, CueKind::Subject) {
        return (SourceType::SubjectOnRecord, SourceCue::Phrase(h.cue));
    }
    if let Some(h) = first(a, CueKind::Hedge).or_else(|| first(s, CueKind::Hedge)) {
        return (SourceType::Unattributed, SourceCue::Phrase(h.cue));
    }
    if !a.text.is_empty() || !s.text.is_empty() {
        return (SourceType::Unknown, SourceCue::Rule(rule::NO_SPEAKER));
    }
    // 9. Neither speaker nor attribution: nobody stands behind the claim.
    cues.find_source(claim.claim, c_hits);
    match c_hits.iter().find(|h| h.kind == CueKind::Hedge) {
        Some(h) => (SourceType::Unattributed, SourceCue::Phrase(h.cue)),
        None => (SourceType::Unattributed, SourceCue::Rule(rule::NOTHING)),
    }
}

/// The row's own outlet named in a text is a name, whatever cue words it holds ("Celeb Insider
/// Weekly" is no insider): drops the hits inside it.
fn drop_inside_outlet(text: &str, outlet: &str, hits: &mut Vec<Hit>) {
    // Only a hit no longer than the outlet's name can lie inside it; without one, the name
    // need not be looked for.
    let droppable = |h: &Hit| h.kind != CueKind::SpeechVerb && h.end - h.start <= outlet.len();
    if outlet.is_empty() || text.len() < outlet.len() || !hits.iter().any(droppable) {
        return;
    }
    let mut from = 0;
    while let Some(start) = find_ignore_case(text, outlet, from) {
        let end = start + outlet.len();
        hits.retain(|h| h.start < start || h.end > end || h.kind == CueKind::SpeechVerb);
        from = end;
    }
}

/// The byte offset of `needle` in `haystack` at or after `from`, ignoring ASCII case, on word
/// boundaries.
fn find_ignore_case(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let first = n.first()?.to_ascii_lowercase();
    let starts = h.get(from..=h.len().checked_sub(n.len())?)?;
    // The first byte alone rules out nearly every position, cheaply.
    let candidates = starts
        .iter()
        .enumerate()
        .filter_map(|(i, b)| (b.to_ascii_lowercase() == first).then_some(from + i));
    for i in candidates {
        if h[i..i + n.len()].eq_ignore_ascii_case(n)
            && haystack.is_char_boundary(i)
            && haystack.is_char_boundary(i + n.len())
            && !haystack[..i].ends_with(char::is_alphanumeric)
            && !haystack[i + n.len()..].starts_with(char::is_alphanumeric)
        {
            return Some(i);
        }
    }
    None
}

fn first<'t>(t: Text<'t>, kind: CueKind) -> Option<&'t Hit> {
    t.hits.iter().find(|h| h.kind == kind)
}

fn anonymous(cue: SourceCue, exclusive: Option<&Hit>) -> (SourceType, SourceCue) {
    match (exclusive, cue) {
        (Some(ex), SourceCue::Phrase(who)) => {
            (SourceType::ExclusiveAnonymous, SourceCue::Pair(who, ex.cue))
        }
        (Some(ex), _) => (SourceType::ExclusiveAnonymous, SourceCue::Phrase(ex.cue)),
        (None, cue) => (SourceType::Anonymous, cue),
    }
}

/// A named speaker: the person, or someone else. A single unknown name issuing a statement is
/// an organisation ("Lumora said in a statement").
fn named(
    row: Row<'_>,
    speaker: &str,
    is_person: Option<bool>,
    a: Text<'_>,
) -> (SourceType, SourceCue) {
    if is_person.unwrap_or_else(|| name::is_same_person(speaker, row.person, row.cues)) {
        return (
            SourceType::SubjectOnRecord,
            SourceCue::Rule(rule::SPEAKER_IS_PERSON),
        );
    }
    if !speaker.contains(char::is_whitespace) && first(a, CueKind::Statement).is_some() {
        return (
            SourceType::OfficialStatement,
            SourceCue::Rule(rule::ORGANISATION_STATEMENT),
        );
    }
    (
        SourceType::NamedOnRecord,
        SourceCue::Rule(rule::NAMED_SPEAKER),
    )
}

// --- word lists ---------------------------------------------------------------------------

/// The keys (`word_key`) of a list's words, sorted; built at compile time, which rejects a word
/// that has no key.
const fn sorted_keys<const N: usize>(words: &[&str]) -> [u128; N] {
    let mut keys = [0u128; N];
    let mut i = 0;
    while i < N {
        let Some(key) = word_key(words[i]) else {
            panic!("a listed word must be ASCII and at most 15 bytes long");
        };
        // Insertion sort: the lists are short, and this runs in the compiler.
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
}

/// Declares a list of words and a function telling whether a word is one of them in any ASCII
/// case: a binary search over the list's keys, where comparing the word with each listed word
/// in turn cost several times as much, on every word of every row.
macro_rules! word_list {
    ($(#[$doc:meta])* $list:ident, $is:ident = [$($word:literal),+ $(,)?];) => {
        $(#[$doc])*
        const $list: &[&str] = &[$($word),+];

        $(#[$doc])*
        fn $is(word: &str) -> bool {
            const KEYS: [u128; $list.len()] = sorted_keys($list);
            word_key(word).is_some_and(|key| KEYS.binary_search(&key).is_ok())
        }
    };
}

// --- who speaks ---------------------------------------------------------------------------

/// Kinds of cue that end the speaker's noun phrase in an attribution.
fn is_verbish(kind: CueKind) -> bool {
    matches!(
        kind,
        CueKind::SpeechVerb
            | CueKind::OutletAsserted
            | CueKind::Secondhand
            | CueKind::Subject
            | CueKind::Hedge
            | CueKind::Statement
    )
}

word_list! {
    /// Verbs that may come before their speaker: "said Whitcombe", "added the source".
    INVERTING, is_inverting = [
        "said",
        "says",
        "added",
        "adds",
        "continued",
        "explained",
        "explains",
        "noted",
        "wrote",
        "writes",
        "recalled",
        "insisted",
        "claimed",
        "claims",
        "stated",
        "quipped",
        "joked",
        "went on",
    ];
}

/// Who the attribution names: the subject of its first verb, else the name after a said-like
/// verb ("said Whitcombe") or after "according to". An opening channel set off by a comma is
/// looked past ("In a statement, Whitcombe said"), and so is an adverb hedge ("Vey reportedly
/// told friends"). A name before a hedge ("Kim is said to be angry") or before an auxiliary that
/// leads to no verb of speaking ("Cyrus has been crying") is what the claim is about, not who
/// speaks.
fn attribution_speaker<'t>(row: Row<'_>, a: Text<'t>) -> Who<'t> {
    let mut from = 0;
    for v in a.hits.iter().filter(|h| is_verbish(h.kind)) {
        if v.start < from {
            continue;
        }
        let phrase = row.cues.phrase(v.cue);
        let verb_led = row.cues.opens_with_verb(v.cue);
        if v.kind == CueKind::Hedge {
            if verb_led || phrase.ends_with(" to") {
                return Who::Nobody;
            }
            continue;
        }
        // "is understood to", "is expected to": the subject is the topic.
        if verb_led && phrase.ends_with(" to") && v.kind != CueKind::Secondhand {
            return Who::Nobody;
        }
        if v.kind == CueKind::SpeechVerb && is_auxiliary(phrase) && !leads_to_speech(row, a, v) {
            return Who::Nobody;
        }
        let before = classify(row, a, from..v.start, Some(*v), Place::BeforeVerb);
        if before != Who::Nobody {
            return before;
        }
        let after = v.end..clause_end(a, v.end);
        if v.kind == CueKind::SpeechVerb {
            if is_inverting(phrase) {
                return classify(row, a, after, Some(*v), Place::AfterVerb);
            }
            return Who::Nobody;
        }
        if v.kind == CueKind::Secondhand {
            // "according to TMZ", "as first reported by StarBeat"; what follows its clause is
            // the claim ("According to Page Six, Vey is out").
            return match classify(row, a, after, Some(*v), Place::AfterSource) {
                who @ (Who::Name { .. }
                | Who::Outlet { .. }
                | Who::Official(_)
                | Who::Unnamed(_)) => who,
                _ => Who::Nobody,
            };
        }
        // A channel that opens with a verb ("said in a statement") ends the search; one set off
        // by a comma ("In a statement, ...") does not.
        match a.text[after.end..].strip_prefix(',') {
            Some(_) if !verb_led => from = after.end + 1,
            _ => return Who::Nobody,
        }
    }
    classify(row, a, from..a.text.len(), None, Place::BeforeVerb)
}

word_list! {
    /// Auxiliaries among the speech verbs: they end a speaker's name only on the way to a verb of
    /// speaking or answering ("NBN has declined", "Venkatesan did not respond").
    AUXILIARIES, is_auxiliary = [
        "did", "didn't", "does", "doesn't", "has", "hasn't", "have", "haven't", "had", "is", "was",
        "were", "are", "will", "won't", "would", "wouldn't", "could", "couldn't", "can", "can't",
        "cannot",
    ];
}

word_list! {
    /// Words of answering the press, after an auxiliary: "did not respond", "could not be reached".
    ANSWER_WORDS, is_answer_word = [
        "respond",
        "responded",
        "return",
        "returned",
        "reply",
        "replied",
        "comment",
        "commented",
        "answer",
        "answered",
        "reached",
        "speak",
        "spoken",
        "say",
        "confirm",
        "deny",
        "quoted",
        "decline",
        "elaborate",
        "told",
    ];
}

/// Whether an auxiliary leads, within four words, to a verb of speaking or answering.
fn leads_to_speech(row: Row<'_>, a: Text<'_>, aux: &Hit) -> bool {
    let rest = &a.text[aux.end..];
    let reach = rest.words().take(4).last().map_or(aux.end, |w| {
        w.as_ptr() as usize - a.text.as_ptr() as usize + w.len()
    });
    let in_hedge = |h: &Hit| {
        a.hits
            .iter()
            .any(|o| o.kind == CueKind::Hedge && o.start <= h.start && h.end <= o.end)
    };
    let verb = a.hits.iter().any(|h| {
        h.start >= aux.end
            && h.start < reach
            && is_verbish(h.kind)
            && h.kind != CueKind::Hedge
            && !(h.kind == CueKind::SpeechVerb && is_auxiliary(row.cues.phrase(h.cue)))
            && !in_hedge(h)
    });
    verb || rest.words().take(4).any(|w| is_answer_word(bare(w)))
}

/// Where the clause that starts at `from` ends: a comma, a semicolon, a bracket or the next verb.
fn clause_end(t: Text<'_>, from: usize) -> usize {
    let punct = t.text[from..]
        .find([',', ';', '(', ')'])
        .map_or(t.text.len(), |i| from + i);
    let verb = t
        .hits
        .iter()
        .find(|h| h.start >= from && is_verbish(h.kind))
        .map_or(t.text.len(), |h| h.start);
    punct.min(verb)
}

/// Who a phrase (a byte range of `t`) names.
fn classify<'t>(
    row: Row<'_>,
    t: Text<'t>,
    range: Range<usize>,
    verb: Option<Hit>,
    place: Place,
) -> Who<'t> {
    let range = trim_phrase(t, range);
    if range.is_empty() {
        return Who::Nobody;
    }
    let inside = |h: &&Hit| h.start >= range.start && h.end <= range.end;
    // A rep, spokesperson or lawyer: "Vey's rep", "a rep for Vey", "Mark Feld, his attorney".
    if let Some(h) = t.hits.iter().filter(inside).find(|h| {
        h.kind == CueKind::Official
            && !governed(t.text, h.start, &OBJECT)
            && !inside_a_name(t.text, h)
    }) {
        return Who::Official(SourceCue::Phrase(h.cue));
    }
    let head = head_name(row, t, range.clone());
    if head.is_none()
        && let Some(h) = t
            .hits
            .iter()
            .filter(inside)
            .find(|h| h.kind == CueKind::Anonymous && !governed(t.text, h.start, &SOURCE_TOPIC))
    {
        return Who::Unnamed(SourceCue::Phrase(h.cue));
    }
    if let Some(head) = head {
        return name_or_outlet(row, t, head, verb, place);
    }
    if let Some(h) = t
        .hits
        .iter()
        .filter(inside)
        .find(|h| h.kind == CueKind::Organisation && !governed(t.text, h.start, &OBJECT))
    {
        return Who::Official(SourceCue::Phrase(h.cue));
    }
    let phrase = &t.text[range];
    let mut words = phrase.words().map(bare);
    let first_word = words.next().unwrap_or_default();
    let lone = words.next().is_none();
    if lone {
        if first_word.eq_ignore_ascii_case("we") {
            return Who::We;
        }
        if is_pronoun(first_word) {
            return Who::Pronoun;
        }
    }
    if is_person_title(row, phrase) {
        return Who::PersonTitle;
    }
    if matches!(place, Place::Speaker | Place::AfterVerb) && is_indefinite(first_word) {
        return Who::Unnamed(SourceCue::Rule(rule::UNNAMED_SPEAKER));
    }
    // A name typed in lower case in the speaker field ("kim cattrall").
    if place == Place::Speaker
        && !phrase.contains(|c: char| c.is_uppercase())
        && !is_definite(first_word)
        && !first_word
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    {
        return Who::Name {
            text: phrase,
            is_person: None,
        };
    }
    if phrase.words().all(|w| {
        let w = bare(w);
        is_filler(w) || is_indefinite(w)
    }) {
        // "Some reports say": a quantifier names no one.
        return Who::Nobody;
    }
    // Whatever "reported" is an outlet: "a local TV station reported".
    if let Some(v) = verb.filter(|v| v.kind == CueKind::Secondhand && place == Place::BeforeVerb) {
        return Who::Outlet {
            own: false,
            cue: SourceCue::Phrase(v.cue),
        };
    }
    Who::Epithet
}

/// A capitalised name found as the head of a phrase: an outlet, an organisation or a person.
fn name_or_outlet<'t>(
    row: Row<'_>,
    t: Text<'t>,
    head: Head,
    verb: Option<Hit>,
    place: Place,
) -> Who<'t> {
    let text = &t.text[head.span.clone()];
    let verb_cue = |rule: &'static str| {
        verb.filter(|v| v.kind != CueKind::SpeechVerb)
            .map_or(SourceCue::Rule(rule), |v| SourceCue::Phrase(v.cue))
    };
    if !row.outlet.is_empty() && same_outlet(text, row.outlet) {
        return Who::Outlet {
            own: true,
            cue: verb_cue(rule::OWN_OUTLET),
        };
    }
    if known_outlet(row, t, head.span.clone()) {
        return Who::Outlet {
            own: false,
            cue: verb_cue(rule::OTHER_OUTLET),
        };
    }
    if head.after_the && text.words().all(|w| row.cues.is_title(bare(w))) {
        // "the Senator": a title, not a name.
        return if is_person_title(row, text) {
            Who::PersonTitle
        } else {
            Who::Epithet
        };
    }
    let person = name::is_same_person(text, row.person, row.cues);
    // Whatever "reported" is an outlet, even "the Post".
    if !person && verb.is_some_and(|v| v.kind == CueKind::Secondhand) && !head.described {
        return Who::Outlet {
            own: false,
            cue: verb_cue(rule::OTHER_OUTLET),
        };
    }
    if let Some(cue) = organisation(t, &head) {
        return Who::Official(cue);
    }
    let name = Who::Name {
        text,
        is_person: Some(person),
    };
    if person {
        return name;
    }
    // Not the person: the verb may show it is an outlet; a description shows a person.
    match (place, verb.map(|v| v.kind)) {
        _ if head.described => name,
        (Place::AfterSource, _) | (_, Some(CueKind::Secondhand)) => Who::Outlet {
            own: false,
            cue: verb_cue(rule::OTHER_OUTLET),
        },
        // "Screen Ledger hears": only an outlet "hears" or "has learned"; a person may "confirm".
        (_, Some(CueKind::OutletAsserted))
            if verb.is_some_and(|v| !row.cues.phrase(v.cue).contains("confirm")) =>
        {
            Who::Outlet {
                own: row.outlet.is_empty(),
                cue: verb_cue(rule::OWN_OUTLET),
            }
        }
        // "Lumora declined to comment", "Westbridge did not respond": a single unknown name
        // answering the press the way organisations do.
        (_, Some(CueKind::SpeechVerb))
            if !text.contains(char::is_whitespace)
                && verb.is_some_and(|v| is_organisation_verb(row.cues.phrase(v.cue))) =>
        {
            Who::Official(SourceCue::Rule(rule::ORGANISATION))
        }
        _ => name,
    }
}

word_list! {
    /// Verbs with which a single unknown name is taken for an organisation.
    ORGANISATION_VERBS, is_organisation_verb = [
        "declined",
        "did",
        "didn't",
        "does",
        "doesn't",
        "announced",
        "announces",
        "would",
        "could",
    ];
}

/// A capitalised run of words that heads a phrase.
struct Head {
    span: Range<usize>,
    /// The run follows "the": "the Gulls", "the New York Post".
    after_the: bool,
    /// The run follows a lower-case description, as people are introduced: "hair extension
    /// expert Tatiana Karelina", "showrunner Odile Brandt".
    described: bool,
}

/// The first run of capitalised words that heads the phrase: not an owner ("Ostrander's"), not
/// the object of a preposition ("a source close to Vey"), not a modifier of a lower-case noun
/// ("a Caldera executive", "Harbor Lights creator Odile Brandt" gives "Odile Brandt").
fn head_name(row: Row<'_>, t: Text<'_>, range: Range<usize>) -> Option<Head> {
    let mut run: Option<(Range<usize>, Option<&str>)> = None;
    let mut prev: Option<&str> = None;
    let phrase = &t.text[range.clone()];
    for (offset, raw) in word_spans(phrase) {
        let start = range.start + offset;
        let end = start + raw.len();
        if is_name_word(t, raw, start, end, run.is_some()) {
            let (span, _) = run.get_or_insert((start..end, prev));
            span.end = end;
            if is_possessive(raw) {
                // An owner, not the speaker: "Ostrander's press secretary".
                run = None;
            } else if raw.ends_with([',', ';', ':', ')']) {
                if let Some(head) = run.take().and_then(|r| accept_head(row, t, r)) {
                    return Some(head);
                }
            }
        } else if let Some(r) = run.take() {
            // A run followed by a lower-case noun modifies it; by a preposition, a conjunction,
            // a relative pronoun or an adverb, it is the head.
            let next = bare(raw);
            let opens_clause = is_clause_opener(next)
                || next.ends_with("ly")
                || !raw.starts_with(char::is_alphanumeric);
            if opens_clause && let Some(head) = accept_head(row, t, r) {
                return Some(head);
            }
        }
        prev = Some(raw);
    }
    run.and_then(|r| accept_head(row, t, r))
}

fn accept_head(
    row: Row<'_>,
    t: Text<'_>,
    (span, before): (Range<usize>, Option<&str>),
) -> Option<Head> {
    let text = t.text[span.clone()].trim_end_matches([',', ';', ':', ')', '.']);
    let span = span.start..span.start + text.len();
    if governed(t.text, span.start, &OBJECT) {
        return None;
    }
    // A lone day or month is a date: "said Tuesday".
    if !text.contains(char::is_whitespace) && is_calendar_word(bare(text)) {
        return None;
    }
    let _ = row;
    let described = before.is_some_and(|b| {
        let b = bare(b);
        b.starts_with(char::is_lowercase)
            && !is_possessive(b)
            && !is_skippable(b)
            && !is_filler(b)
            && !is_object_word(b)
            && !is_clause_opener(b)
            && !["per", "via", "citing", "according", "said", "says"]
                .iter()
                .any(|w| b.eq_ignore_ascii_case(w))
    });
    Some(Head {
        span,
        after_the: before.is_some_and(|b| bare(b).eq_ignore_ascii_case("the")),
        described,
    })
}

/// Whether a word may be part of a name: capitalised, not a function word, not part of a cue
/// that says something else ("Sources", "EXCLUSIVE:").
fn is_name_word(t: Text<'_>, raw: &str, start: usize, end: usize, in_run: bool) -> bool {
    let word = bare(raw);
    if in_run && word == "&" {
        // "Ledger & Ticker", "Life & Style".
        return true;
    }
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let stem = strip_possessive(word);
    let initial = stem.chars().count() == 1 && raw.trim_end_matches([',', ';']).ends_with('.');
    if !initial && is_stop_word(stem) {
        return false;
    }
    let start = start + (raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len());
    let end = end - (raw.len() - raw.trim_end_matches(|c: char| !c.is_alphanumeric()).len());
    !t.hits.iter().any(|h| {
        h.start <= start
            && end <= h.end
            && !matches!(
                h.kind,
                CueKind::OutletName | CueKind::Organisation | CueKind::Mask | CueKind::SpeechVerb
            )
            // A capitalised cue word continuing a name is part of it: "Redline Records".
            && !inside_a_name(t.text, h)
    })
}

/// An organisation: a marker word in the name ("Caldera Foods", "Westbridge FC"), another cue
/// word inside it ("Redline Records"), "the" before a name ("the Gulls"), or a short
/// all-capitals name ("NBN").
fn organisation(t: Text<'_>, head: &Head) -> Option<SourceCue> {
    if let Some(h) = t.hits.iter().find(|h| {
        h.kind == CueKind::Organisation && h.start >= head.span.start && h.start < head.span.end
    }) {
        return Some(SourceCue::Phrase(h.cue));
    }
    // Another cue word inside a name makes it an institution's: "Redline Records".
    if t.hits.iter().any(|h| {
        !matches!(h.kind, CueKind::OutletName | CueKind::SpeechVerb)
            && h.start > head.span.start
            && h.end <= head.span.end
    }) {
        return Some(SourceCue::Rule(rule::ORGANISATION));
    }
    let text = &t.text[head.span.clone()];
    let acronym = (2..=6).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&');
    (head.after_the || acronym).then_some(SourceCue::Rule(rule::ORGANISATION))
}

/// Whether the phrase is "the" and a title the person field carries: "the senator".
fn is_person_title(row: Row<'_>, phrase: &str) -> bool {
    let mut words = phrase.words().map(bare);
    let Some(first) = words.next() else {
        return false;
    };
    let mut rest = words.peekable();
    if !first.eq_ignore_ascii_case("the") || rest.peek().is_none() {
        return false;
    }
    let mut last = "";
    for word in rest {
        if !row.cues.is_title(word) {
            return false;
        }
        last = word;
    }
    name::has_title(row.person, last, row.cues)
}

/// Whether the name is the row's outlet: case, spacing and a leading "The" ignored.
fn same_outlet(name: &str, outlet: &str) -> bool {
    let (mut a, mut b) = (outlet_words(name), outlet_words(outlet));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
            _ => return false,
        }
    }
}

fn outlet_words(name: &str) -> impl Iterator<Item = &str> {
    let mut words = name.words().map(bare).peekable();
    if words.peek().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        words.next();
    }
    words
}

/// Whether a known outlet name lies within the span, capitalised as in the cue table.
fn known_outlet(row: Row<'_>, t: Text<'_>, span: Range<usize>) -> bool {
    t.hits.iter().any(|h| {
        h.kind == CueKind::OutletName
            && h.end > span.start
            && h.end <= span.end
            && cased_as_listed(row, t, h)
    })
}

/// Outlet names count only where the text capitalises them as the table does ("People", not
/// "people"), judged by the last word ("the New York Post" is "The New York Post").
fn cased_as_listed(row: Row<'_>, t: Text<'_>, h: &Hit) -> bool {
    let last_initial = |s: &str| s.words().next_back().and_then(|w| w.chars().next());
    match (
        last_initial(row.cues.phrase(h.cue)),
        last_initial(&t.text[h.start..h.end]),
    ) {
        (Some(l), Some(f)) => l.is_uppercase() == f.is_uppercase(),
        _ => false,
    }
}

/// With no speaker named, an outlet named in source position ("per a Page Six report"): `Some(own)`.
/// An outlet receiving the words ("told Variety") is not the source.
fn outlet_mentioned(row: Row<'_>, t: Text<'_>) -> Option<bool> {
    let h = t.hits.iter().find(|h| {
        h.kind == CueKind::OutletName
            && cased_as_listed(row, t, h)
            && !governed(t.text, h.start, &RECIPIENT)
    })?;
    Some(!row.outlet.is_empty() && same_outlet(&t.text[h.start..h.end], row.outlet))
}

/// Trims a phrase to its words: no surrounding spaces or punctuation, no leading fillers ("as",
/// "and"), no hedges or exclusivity markers at either end ("Reportedly, Vey", "Cynthia Nixon
/// exclusively"), no trailing adverb.
fn trim_phrase(t: Text<'_>, range: Range<usize>) -> Range<usize> {
    let edge = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2014}');
    let marker = |start: usize, end: usize| {
        t.hits.iter().any(|h| {
            matches!(h.kind, CueKind::Exclusive | CueKind::Hedge)
                && h.start <= start
                && end <= h.end
        })
    };
    let mut range = range;
    loop {
        let phrase = &t.text[range.clone()];
        let from_first = phrase.trim_start_matches(edge);
        let phrase = from_first.trim_end_matches(edge);
        let start = range.start + (range.len() - from_first.len());
        range = start..start + phrase.len();
        if phrase.is_empty() {
            return range;
        }
        // The phrase now begins and ends with a word: its first word ends at the first space,
        // its last begins after the last.
        let first = phrase.split(char::is_whitespace).next().unwrap_or(phrase);
        let last = phrase.rsplit(char::is_whitespace).next().unwrap_or(phrase);
        let first_end = range.start + first.trim_end_matches(edge).len();
        let first_bare = bare(first);
        if marker(range.start, first_end) || (is_filler(first_bare) && phrase.len() > first.len()) {
            range.start += first.len();
            continue;
        }
        let last_start = range.end - last.len();
        let last_bare = bare(last);
        let adverb = last_bare.len() > 3
            && last_bare.ends_with("ly")
            && last_bare.chars().all(char::is_lowercase)
            && last_start > range.start;
        if adverb || marker(last_start, range.end) {
            range.end = last_start;
            continue;
        }
        return range;
    }
}

// --- channels: documents and social posts -------------------------------------------------

/// A document standing as the source, not as the topic ("asked about the lawsuit"), and not part
/// of a name ("Columbia Records").
fn document<'t>(t: Text<'t>) -> Option<&'t Hit> {
    t.hits.iter().find(|h| {
        h.kind == CueKind::Document
            && !governed(t.text, h.start, &TOPIC)
            && !inside_a_name(t.text, h)
    })
}

fn inside_a_name(text: &str, h: &Hit) -> bool {
    let capital = text[h.start..].starts_with(char::is_uppercase);
    let previous = text[..h.start].words().next_back();
    capital
        && previous.is_some_and(|w| {
            w.starts_with(char::is_uppercase) && !w.ends_with([',', '.', ':', ';'])
        })
}

/// A social channel the speaker controls: "on her YouTube channel", "in an Instagram post",
/// "tweeted". Not someone else's ("on the Vanity Vox YouTube channel", "the tournament posted
/// on its TikTok account"), and not the topic ("asked about her Instagram post").
fn social<'t>(row: Row<'_>, t: Text<'t>, who: Who<'_>) -> Option<&'t Hit> {
    t.hits.iter().find(|h| {
        h.kind == CueKind::Social
            && !governed(t.text, h.start, &POST_TOPIC)
            && letters_cased_as_listed(t, h)
            && own_channel(row, t, h, who)
    })
}

/// A one-letter platform ("X") matches only in capitals: "on X", not "on x-rays".
fn letters_cased_as_listed(t: Text<'_>, h: &Hit) -> bool {
    t.text[h.start..h.end]
        .words()
        .filter(|w| w.chars().count() == 1)
        .all(|w| w.chars().all(char::is_uppercase))
}

fn own_channel(row: Row<'_>, t: Text<'_>, h: &Hit, who: Who<'_>) -> bool {
    // An owner just before the platform: "her", "its", "Cody's", "the Vanity Vox". A name that
    // opens the phrase is who posts, not an owner: "Rafe Lindqvist tweeted".
    if let Some(raw) = t.text[..h.start].words().next_back()
        && !raw.ends_with([',', ';', ':', '.'])
    {
        let word = bare(raw);
        if is_possessive_pronoun(word) {
            return true;
        }
        if word.eq_ignore_ascii_case("its") {
            return matches!(who, Who::Official(_) | Who::Outlet { .. });
        }
        let owner_name = is_possessive(raw)
            || (word.starts_with(char::is_uppercase)
                && t.text[..h.start]
                    .words()
                    .rev()
                    .find(|w| !bare(w).starts_with(char::is_uppercase))
                    .is_some_and(|w| {
                        let w = bare(w);
                        is_skippable(w) || is_object_word(w)
                    }));
        if owner_name {
            let owner = strip_possessive(word);
            return match who {
                Who::Name { text, .. } => name::is_same_person(owner, text, row.cues),
                _ => name::is_same_person(owner, row.person, row.cues),
            };
        }
    }
    // An owner after it: "an Instagram post by Reyes" is Reyes's; "hosted by Reel Report" is not.
    let mut after = t.text[h.end..].words();
    for _ in 0..3 {
        let Some(raw) = after.next() else { break };
        if bare(raw).eq_ignore_ascii_case("by") {
            let rest_start = raw.as_ptr() as usize - t.text.as_ptr() as usize + raw.len();
            let owner = &t.text[rest_start..clause_end(t, rest_start)];
            let outlet = (!row.outlet.is_empty() && same_outlet(owner.trim(), row.outlet))
                || t.hits.iter().any(|o| {
                    o.kind == CueKind::OutletName
                        && o.start >= rest_start
                        && cased_as_listed(row, t, o)
                });
            return !outlet;
        }
    }
    true
}

// --- words --------------------------------------------------------------------------------

/// Whether a cue at `start` is governed by one of `governors` just before it (skipping articles,
/// possessives and capitalised modifiers): then it is an object or a topic, not who speaks
/// ("a source close to | her legal team", "declined to comment on | the lawsuit"). "according
/// to" does not govern: "according to a lawsuit" names the source.
fn governed(text: &str, start: usize, governors: &Governors) -> bool {
    let before = &text[..start];
    let mut iter = before.words().rev().peekable();
    // A cue that starts inside a word ("'s rep" in "Vey's rep") belongs to that word's phrase.
    if !before.is_empty() && !before.ends_with(char::is_whitespace) {
        iter.next();
    }
    for _ in 0..4 {
        let Some(raw) = iter.next() else {
            return false;
        };
        if raw.ends_with([',', ';', ':', '.', '(', ')']) {
            return false;
        }
        let word = bare(raw);
        if is_skippable(word) || is_possessive(raw) || word.starts_with(char::is_uppercase) {
            continue;
        }
        if word.eq_ignore_ascii_case("to")
            && iter
                .peek()
                .is_some_and(|w| bare(w).eq_ignore_ascii_case("according"))
        {
            return false;
        }
        let before = iter.peek().map(|w| bare(w));
        return (governors.words)(word)
            || governors.pairs.iter().any(|(a, b)| {
                word.eq_ignore_ascii_case(b) && before.is_some_and(|p| p.eq_ignore_ascii_case(a))
            });
    }
    false
}

/// The words after which a noun is an object or a topic (see `governed`): one word ("about"), or
/// two where the first must come right before the second ("comment on").
struct Governors {
    words: fn(&str) -> bool,
    pairs: &'static [(&'static str, &'static str)],
}

const OBJECT: Governors = Governors {
    words: is_object_word,
    pairs: &[],
};
const TOPIC: Governors = Governors {
    words: is_topic_word,
    pairs: &[],
};
const POST_TOPIC: Governors = Governors {
    words: is_post_topic_word,
    pairs: &[
        ("comment", "on"),
        ("commented", "on"),
        ("commenting", "on"),
        ("remarks", "on"),
        ("asked", "on"),
    ],
};
const SOURCE_TOPIC: Governors = Governors {
    words: is_source_topic_word,
    pairs: &[],
};
const RECIPIENT: Governors = Governors {
    words: is_recipient_word,
    pairs: &[],
};

word_list! {
    /// Words after which a noun is an object, not who speaks.
    OBJECT_WORDS, is_object_word = [
        "to",
        "for",
        "of",
        "with",
        "about",
        "at",
        "from",
        "in",
        "on",
        "into",
        "near",
        "inside",
        "within",
        "among",
        "over",
        "against",
        "regarding",
        "concerning",
        "told",
        "tells",
        "telling",
        "than",
        "like",
        "after",
        "before",
        "behind",
        "under",
        "toward",
        "towards",
        "without",
        "asked",
        "hired",
        "fired",
        "sued",
        "thanked",
        "by",
    ];
}

word_list! {
    /// Words after which a document, a post or a source is the topic, not the source.
    TOPIC_WORDS, is_topic_word = [
        "about",
        "on",
        "over",
        "regarding",
        "concerning",
        "against",
        "into",
        "with",
        "after",
        "before",
        "amid",
        "despite",
        "told",
        "tells",
        "deny",
        "denied",
    ];
}

word_list! {
    /// Words after which a post is the topic: "asked about her Instagram post", "declined to
    /// comment on her tweet". A bare "on" is the channel: "wrote on Instagram"; `POST_TOPIC`
    /// has the verbs that make it a topic ("comment on").
    POST_TOPIC_WORDS, is_post_topic_word = [
        "about",
        "regarding",
        "concerning",
        "over",
        "against",
        "into",
        "amid",
        "despite",
        "deny",
        "denied",
    ];
}

word_list! {
    /// Words after which an unnamed source is the topic: "asked about the source of the leak".
    SOURCE_TOPIC_WORDS, is_source_topic_word = [
        "about",
        "regarding",
        "concerning",
        "over",
        "against",
        "into",
        "amid",
        "despite",
    ];
}

word_list! {
    /// Words after which an outlet receives the words rather than being their source.
    RECIPIENT_WORDS, is_recipient_word = [
        "told", "tells", "telling", "to", "with", "on", "at", "for", "in",
    ];
}

word_list! {
    /// Words `governed` looks past.
    SKIPPABLE, is_skippable = [
        "a", "an", "the", "her", "his", "their", "its", "my", "our", "your", "this", "that", "one",
        "own",
    ];
}

word_list! {
    POSSESSIVE_PRONOUNS, is_possessive_pronoun = [
        "her", "his", "their", "my", "our", "your",
    ];
}

word_list! {
    PRONOUNS, is_pronoun = [
        "he", "she", "they", "him", "her", "them", "i", "it",
    ];
}

word_list! {
    /// First words of an unnamed speaker: "a teammate", "one crew member".
    INDEFINITE, is_indefinite = [
        "a", "an", "one", "another", "some", "several", "two", "three", "four", "five", "multiple",
        "many", "other", "various", "numerous", "few",
    ];
}

word_list! {
    DEFINITE, is_definite = [
        "the", "her", "his", "their", "its", "my", "our", "your", "this", "that", "these",
    ];
}

word_list! {
    /// Words that may follow a name heading a phrase.
    CLAUSE_OPENERS, is_clause_opener = [
        "who", "whose", "which", "and", "or", "but", "through", "via", "in", "on", "at", "with",
        "to", "from", "for", "of", "as", "after", "during",
    ];
}

word_list! {
    /// Capitalised words that are never names.
    STOP_WORDS, is_stop_word = [
        "the",
        "a",
        "an",
        "he",
        "she",
        "they",
        "we",
        "i",
        "it",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "one",
        "another",
        "and",
        "but",
        "or",
        "as",
        "so",
        "yet",
        "however",
        "meanwhile",
        "also",
        "still",
        "now",
        "then",
        "later",
        "earlier",
        "previously",
        "according",
        "when",
        "while",
        "after",
        "in",
        "on",
        "reporters",
        "fans",
        "critics",
        "viewers",
        "observers",
        "experts",
        "doctors",
        "investigators",
        "prosecutors",
        "authorities",
        "followers",
        "users",
        "some",
        "many",
        "several",
        "all",
        "both",
        "most",
        "few",
        "other",
        "others",
    ];
}

word_list! {
    /// Words that alone name no one.
    FILLERS, is_filler = [
        "as",
        "and",
        "but",
        "or",
        "so",
        "yet",
        "however",
        "meanwhile",
        "also",
        "still",
        "now",
        "then",
        "later",
        "earlier",
        "previously",
        "though",
        "which",
        "who",
        "whom",
        "that",
        "what",
    ];
}

word_list! {
    CALENDAR, is_calendar_word = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "today",
    ];
}

/// A word without the punctuation around it: `"Vey,"` is `Vey`, `(Reuters)` is `Reuters`.
fn bare(word: &str) -> &str {
    // Most words need no trimming: an ASCII letter or digit at both ends stays.
    if let (Some(first), Some(last)) = (word.as_bytes().first(), word.as_bytes().last())
        && first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
    {
        return word;
    }
    if word.is_ascii() {
        // The same two trims on bytes: no character to decode, no Unicode table to consult.
        let kept = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'&');
        let bytes = word.as_bytes();
        let start = bytes.iter().position(kept).unwrap_or(bytes.len());
        let end = bytes.iter().rposition(kept).map_or(start, |i| i + 1);
        return word[start..end].trim_matches('\'');
    }
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}' && c != '&')
        .trim_matches(['\'', '\u{2019}'])
}

fn is_possessive(raw: &str) -> bool {
    // Most words end with an ASCII letter or an apostrophe, which the trim would keep.
    let kept = |b: &u8| b.is_ascii_alphanumeric() || *b == b'\'';
    let word = if raw.as_bytes().last().is_some_and(kept) {
        raw
    } else {
        raw.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
    };
    word.ends_with("'s")
        || word.ends_with("\u{2019}s")
        || word.ends_with("s'")
        || word.ends_with("s\u{2019}")
}

fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.words()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in table, built once for all tests.
    fn builtin() -> &'static Cues {
        static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
        CUES.get_or_init(|| Cues::builtin().unwrap())
    }

    /// The label and cue of one row; `outlet` is the publishing outlet.
    fn label_in(
        outlet: &str,
        person: &str,
        speaker: &str,
        attribution: &str,
        claim: &str,
    ) -> (SourceType, String) {
        let cues = builtin();
        let row = Claim {
            person,
            speaker,
            attribution,
            outlet,
            claim,
            ..Claim::default()
        };
        let (t, cue) = label(cues, &row, &mut Scratch::default());
        (t, cue.display(cues).to_string())
    }

    fn label_of(
        person: &str,
        speaker: &str,
        attribution: &str,
        claim: &str,
    ) -> (SourceType, String) {
        label_in("", person, speaker, attribution, claim)
    }

    fn kind(person: &str, speaker: &str, attribution: &str) -> SourceType {
        label_of(person, speaker, attribution, "x").0
    }

    use SourceType::*;

    #[test]
    fn founding_example() {
        let kim = "Kim Cattrall";
        assert_eq!(
            kind(kim, "Michael Patrick King", "told Variety on Tuesday"),
            NamedOnRecord
        );
        assert_eq!(
            kind(kim, "Michael Patrick King", "he continued"),
            NamedOnRecord
        );
        assert_eq!(
            label_of(
                kim,
                "",
                "A source exclusively told Us Weekly",
                "she isn't talking"
            ),
            (ExclusiveAnonymous, "a source + exclusively".to_string())
        );
        assert_eq!(kind(kim, "the insider", "The insider added"), Anonymous);
        assert_eq!(kind(kim, "", "the source explained"), Anonymous);
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
            (SubjectOnRecord, "speaker is the person")
        );
        assert_eq!(
            kind("Kim Cattrall", "", "Cynthia Nixon exclusively told People"),
            NamedOnRecord
        );
        assert_eq!(
            kind("Lorna Vey", "Lorna Vey", "exclusively told StarBeat"),
            SubjectOnRecord
        );
        assert_eq!(
            kind(
                "Teodor Krall",
                "Teodor Krall",
                "told Pitchside in an exclusive interview"
            ),
            SubjectOnRecord
        );
        assert_eq!(
            kind(
                "Lorna Vey",
                "Kyle Brandon",
                "her former castmate told Gossip Hive exclusively"
            ),
            NamedOnRecord
        );
        assert_eq!(
            kind(
                "Gideon Strand",
                "",
                "Gideon Strand told Ledger & Ticker exclusively"
            ),
            SubjectOnRecord
        );
    }

    #[test]
    fn confirming_does_not_put_a_source_on_record() {
        assert_eq!(
            kind("Lorna Vey", "a source close to Vey", "confirmed"),
            Anonymous
        );
        assert_eq!(
            kind(
                "Jasper Okafor",
                "",
                "A source close to Okafor confirmed to StarBeat"
            ),
            Anonymous
        );
        assert_eq!(
            kind(
                "Cody Reyes",
                "a source close to Reyes",
                "confirmed exclusively to StarBeat"
            ),
            ExclusiveAnonymous
        );
        assert_eq!(
            kind(
                "Priya Venkatesan",
                "",
                "a Lumora insider confirmed to Ledger & Ticker in an exclusive"
            ),
            ExclusiveAnonymous
        );
    }

    #[test]
    fn continuations_follow_who_spoke() {
        assert_eq!(kind("Kim Cattrall", "Nixon", "Nixon added"), NamedOnRecord);
        assert_eq!(kind("Kim Cattrall", "", "Nixon added"), NamedOnRecord);
        assert_eq!(kind("Tessa Marlowe", "", "Pike went on"), NamedOnRecord);
        assert_eq!(
            kind("Michael Patrick King", "King", "he continued"),
            SubjectOnRecord
        );
        assert_eq!(kind("Lorna Vey", "the pal", "the pal continued"), Anonymous);
        assert_eq!(kind("Tessa Marlowe", "", "the same source said"), Anonymous);
        assert_eq!(kind("Tessa Marlowe", "", "added the insider"), Anonymous);
        assert_eq!(kind("Lorna Vey", "he", "he continued"), Unknown);
        assert_eq!(kind("Lorna Vey", "she", "she confirmed"), Unknown);
        assert_eq!(kind("Lorna Vey", "", "added"), Unknown);
        assert_eq!(kind("Jasper Okafor", "", "said Tuesday"), Unknown);
        assert_eq!(kind("Lorna Vey", "", "told the newspaper"), Unknown);
    }

    #[test]
    fn titles_partial_names_middle_names_and_relatives() {
        let senator = "Senator Dana Whitcombe";
        assert_eq!(
            kind(senator, "Dana Whitcombe", "told reporters"),
            SubjectOnRecord
        );
        assert_eq!(
            kind(senator, "Whitcombe", "said at a town hall"),
            SubjectOnRecord
        );
        assert_eq!(
            kind(senator, "", "the senator told reporters"),
            SubjectOnRecord
        );
        assert_eq!(
            kind(senator, "", "Whitcombe, 58, told reporters"),
            SubjectOnRecord
        );
        assert_eq!(
            kind(senator, "Greg Whitcombe", "said in an interview"),
            NamedOnRecord
        );
        assert_eq!(
            kind(
                "Governor Paul Ostrander",
                "",
                "the governor said at a news conference"
            ),
            SubjectOnRecord
        );
        assert_eq!(
            kind("Gov. Paul Ostrander", "", "the governor told reporters"),
            SubjectOnRecord
        );
        assert_eq!(
            kind(
                "Governor Paul Ostrander",
                "",
                "Lieutenant Governor Ruth Anand told reporters"
            ),
            NamedOnRecord
        );
        assert_eq!(
            kind("Alma Ruth Vesely", "A. R. Vesely", "wrote in her memoir"),
            SubjectOnRecord
        );
        assert_eq!(
            kind("Jonathan Q. Abernathy", "Jonathan Abernathy", "testified"),
            SubjectOnRecord
        );
        assert_eq!(kind("Lorna Vey", "Jenna Vey", "told People"), NamedOnRecord);
        assert_eq!(
            kind(
                "Lorna Vey",
                "",
                "Harbor Lights creator Odile Brandt confirmed"
            ),
            NamedOnRecord
        );
    }

    #[test]
    fn epithets_the_person_field_does_not_carry_are_unknown() {
        assert_eq!(
            label_of("Lorna Vey", "the actress", "told ET", "x"),
            (Unknown, rule::EPITHET.to_string())
        );
        assert_eq!(
            kind("Bram Holloway", "the 52-year-old", "told Extra"),
            Unknown
        );
        assert_eq!(kind("Cody Reyes", "", "the creator told StarBeat"), Unknown);
        assert_eq!(
            kind("Helen Brock", "the executive", "told the paper"),
            Unknown
        );
    }

    #[test]
    fn reps_lawyers_and_organisations_speak_officially() {
        assert_eq!(
            kind("X", "a rep for X", "confirmed to Deadline"),
            OfficialStatement
        );
        assert_eq!(kind("X", "", "a rep for Cattrall said"), OfficialStatement);
        assert_eq!(
            kind("Lorna Vey", "Vey's rep", "told StarBeat"),
            OfficialStatement
        );
        assert_eq!(
            kind("Lorna Vey", "Vey\u{2019}s rep", "told StarBeat"),
            OfficialStatement
        );
        assert_eq!(
            kind("Jasper Okafor", "Okafor's attorney", "said in a statement"),
            OfficialStatement
        );
        assert_eq!(
            kind(
                "Governor Paul Ostrander",
                "Kelsey Marr",
                "Ostrander's press secretary, told reporters"
            ),
            OfficialStatement
        );
        assert_eq!(
            kind(
                "Jalen Pryce",
                "Sam Ferrante",
                "Pryce's agent, Sam Ferrante, told Courtside Daily"
            ),
            OfficialStatement
        );
        assert_eq!(
            kind(
                "Jasper Okafor",
                "Mark Feld, his attorney",
                "told Meridian Wire"
            ),
            OfficialStatement
        );
        assert_eq!(
            kind(
                "Dana Whitcombe",
                "",
                "Whitcombe, through a spokesperson, declined to comment"
            ),
            OfficialStatement
        );
        assert_eq!(
            kind(
                "Mayor Lionel Baptiste",
                "",
                "Baptiste's office did not return calls"
            ),
            OfficialStatement
        );
        assert_eq!(
            kind("Lorna Vey", "", "the studio said in a statement"),
            OfficialStatement
        );
        assert_eq!(
            kind("Jalen Pryce", "", "the Gulls said in a statement"),
            OfficialStatement
        );
        assert_eq!(
            kind("Helen Brock", "", "Caldera Foods announced on Monday"),
            OfficialStatement
        );
        assert_eq!(
            kind("Gideon Strand", "", "Strand Motors did not respond"),
            OfficialStatement
        );
        assert_eq!(
            kind("Bram Holloway", "", "NBN declined to comment"),
            OfficialStatement
        );
        assert_eq!(
            kind("Priya Venkatesan", "", "Lumora said in a statement"),
            OfficialStatement
        );
        // The person themself in a statement is on the record as the person.
        assert_eq!(
            kind("Dana Whitcombe", "Dana Whitcombe", "said in a statement"),
            SubjectOnRecord
        );
        // A rep as the object is not who speaks.
        assert_eq!(
            kind(
                "Jasper Okafor",
                "Jasper Okafor",
                "told reporters after meeting with his lawyer"
            ),
            SubjectOnRecord
        );
    }

    #[test]
    fn anonymity_beats_any_speaker() {
        assert_eq!(
            kind("X", "a Caldera executive", "who asked not to be named"),
            Anonymous
        );
        assert_eq!(
            kind("X", "a Gulls executive", "told reporters on background"),
            Anonymous
        );
        assert_eq!(
            kind(
                "X",
                "a senior official in the governor's office",
                "speaking on background"
            ),
            Anonymous
        );
        assert_eq!(
            kind(
                "X",
                "",
                "a Senate aide who was not authorized to speak publicly said"
            ),
            Anonymous
        );
        assert_eq!(
            kind(
                "X",
                "a Westbridge official",
                "not authorized to speak on the record"
            ),
            Anonymous
        );
        assert_eq!(
            label_of(
                "X",
                "",
                "two people with knowledge of the investigation said on condition of anonymity",
                "x"
            ),
            (Anonymous, "on condition of anonymity".to_string())
        );
        // An unnamed person in the speaker field is a source even without a cue.
        assert_eq!(
            label_of("X", "a stagehand", "said", "x"),
            (Anonymous, rule::UNNAMED_SPEAKER.to_string())
        );
    }

    #[test]
    fn outlets_secondhand_and_outlet_voice() {
        assert_eq!(kind("X", "", "according to TMZ"), Secondhand);
        assert_eq!(kind("X", "", "per a Page Six report"), Secondhand);
        assert_eq!(kind("X", "", "Bloomberg reported on Tuesday"), Secondhand);
        assert_eq!(kind("X", "", "the New York Post reported"), Secondhand);
        assert_eq!(kind("X", "", "L'Equipe reported"), Secondhand);
        assert_eq!(kind("X", "", "a source told TMZ"), Anonymous);
        assert_eq!(kind("X", "", "one league source told ESPN"), Anonymous);
        assert_eq!(
            label_in("TMZ", "X", "", "TMZ can confirm", "x").0,
            OutletAsserted
        );
        assert_eq!(
            label_in("StarBeat", "X", "", "StarBeat is told", "x").0,
            OutletAsserted
        );
        assert_eq!(
            label_in("Screen Ledger", "X", "", "Screen Ledger hears", "x").0,
            OutletAsserted
        );
        assert_eq!(
            label_in("StarBeat", "X", "", "as StarBeat first reported", "x").0,
            OutletAsserted
        );
        assert_eq!(
            label_in(
                "Celeb Insider Weekly",
                "X",
                "",
                "Celeb Insider Weekly has exclusively learned",
                "x"
            )
            .0,
            OutletAsserted
        );
        assert_eq!(
            label_in(
                "Gossip Hive",
                "X",
                "",
                "Gossip Hive has learned exclusively from two insiders",
                "x"
            )
            .0,
            ExclusiveAnonymous
        );
        assert_eq!(
            kind("X", "", "we're told by a source close to the singer"),
            Anonymous
        );
        assert_eq!(kind("X", "", "we've learned"), OutletAsserted);
    }

    #[test]
    fn documents_beat_who_wrote_them_but_not_the_topic() {
        assert_eq!(kind("X", "", "according to court documents"), Document);
        assert_eq!(
            kind("X", "", "according to a lawsuit filed Tuesday"),
            Document
        );
        assert_eq!(
            kind("X", "", "according to an indictment unsealed Thursday"),
            Document
        );
        assert_eq!(
            kind("X", "", "according to the company's annual report"),
            Document
        );
        assert_eq!(
            kind("X", "", "according to Companies House records"),
            Document
        );
        assert_eq!(
            kind("X", "his attorney", "wrote in a court filing"),
            Document
        );
        assert_eq!(
            kind(
                "X",
                "",
                "the company said in a filing with the Securities and Exchange Commission"
            ),
            Document
        );
        assert_eq!(
            kind(
                "Jasper Okafor",
                "Jasper Okafor",
                "declined to comment when asked about the lawsuit"
            ),
            SubjectOnRecord
        );
    }

    #[test]
    fn social_posts_on_the_speakers_own_channel() {
        assert_eq!(kind("X", "", "she wrote on Instagram"), SocialPost);
        assert_eq!(
            kind(
                "Cody Reyes",
                "Cody Reyes",
                "said in a video on his YouTube channel"
            ),
            SocialPost
        );
        assert_eq!(
            kind("Priya Venkatesan", "Venkatesan", "wrote in a LinkedIn post"),
            SocialPost
        );
        assert_eq!(
            kind(
                "Reggie Antwi",
                "Reggie Antwi",
                "admitted during a Twitch livestream"
            ),
            SocialPost
        );
        assert_eq!(
            kind("Dana Whitcombe", "Dana Whitcombe", "posted on X"),
            SocialPost
        );
        assert_eq!(
            kind("Jasper Okafor", "Nia Okafor", "wrote on Instagram"),
            SocialPost
        );
        assert_eq!(
            kind("Cody Reyes", "", "according to an Instagram post by Reyes"),
            SocialPost
        );
        // Someone else's channel is an interview.
        assert_eq!(
            kind(
                "Cody Reyes",
                "Cody Reyes",
                "said in an interview posted to the Vanity Vox YouTube channel"
            ),
            SubjectOnRecord
        );
        assert_eq!(
            kind(
                "Sunniva Dahl",
                "Sunniva Dahl",
                "said in a clip the tournament posted on its TikTok account"
            ),
            SubjectOnRecord
        );
        // "x" is no platform.
        assert_eq!(kind("X", "Dr. Lee", "said on x-rays"), NamedOnRecord);
    }

    #[test]
    fn hedges_and_empty_rows_are_unattributed() {
        assert_eq!(kind("X", "", "reportedly"), Unattributed);
        assert_eq!(kind("X", "", "rumors swirled"), Unattributed);
        assert_eq!(kind("X", "", "speculation has mounted"), Unattributed);
        assert_eq!(
            kind("Kim Kardashian", "", "Kim is said to be furious"),
            Unattributed
        );
        assert_eq!(
            label_of("X", "", "", "She is said to be furious."),
            (Unattributed, "is said to".to_string())
        );
        assert_eq!(
            label_of("X", "", "", "She quit."),
            (Unattributed, rule::NOTHING.to_string())
        );
        // A hedge in the claim does not override a speaker.
        assert_eq!(
            label_of(
                "Carl Dunmore",
                "Dana Whitcombe",
                "said at a campaign rally",
                "My opponent allegedly took money."
            )
            .0,
            NamedOnRecord
        );
    }

    #[test]
    fn word_lists_match_their_words_in_any_case() {
        type WordList = (&'static [&'static str], fn(&str) -> bool);
        let lists: [WordList; 18] = [
            (INVERTING, is_inverting),
            (AUXILIARIES, is_auxiliary),
            (ANSWER_WORDS, is_answer_word),
            (ORGANISATION_VERBS, is_organisation_verb),
            (OBJECT_WORDS, is_object_word),
            (TOPIC_WORDS, is_topic_word),
            (POST_TOPIC_WORDS, is_post_topic_word),
            (SOURCE_TOPIC_WORDS, is_source_topic_word),
            (RECIPIENT_WORDS, is_recipient_word),
            (SKIPPABLE, is_skippable),
            (POSSESSIVE_PRONOUNS, is_possessive_pronoun),
            (PRONOUNS, is_pronoun),
            (INDEFINITE, is_indefinite),
            (DEFINITE, is_definite),
            (CLAUSE_OPENERS, is_clause_opener),
            (STOP_WORDS, is_stop_word),
            (FILLERS, is_filler),
            (CALENDAR, is_calendar_word),
        ];
        for (list, is) in lists {
            for word in list {
                assert!(is(word) && is(&word.to_ascii_uppercase()), "`{word}`");
                assert!(
                    !is(&format!("{word}x")) && !is(&format!("{word}\0")),
                    "`{word}`"
                );
            }
        }
        assert!(!is_stop_word("thé") && !is_stop_word("") && !is_filler("previouslyx"));
    }

    #[test]
    fn labeling_reuses_its_buffers() {
        let cues = Cues::builtin().unwrap();
        let mut scratch = Scratch::default();
        let row = Claim {
            person: "Lorna Vey",
            speaker: "a source close to Vey",
            attribution: "A source exclusively told StarBeat that she is leaving",
            claim: "She is leaving.",
            ..Claim::default()
        };
        label(&cues, &row, &mut scratch);
        let capacity = scratch.attribution.capacity();
        for _ in 0..100 {
            label(&cues, &row, &mut scratch);
        }
        assert_eq!(scratch.attribution.capacity(), capacity);
    }
}
