//! The cue table: phrases that tell who stands behind a claim and what stance it takes.
//!
//! Cues are data, not code: the built-in table is `cues/sources.csv`, `cues/words.csv` and
//! `cues/stance.csv` (embedded in the binary), and a user's `--cues FILE` in the same `kind,phrase`
//! format adds phrases, moves a phrase to another kind, or switches one off with the kind `ignore`.
//! Each text is scanned once per axis (source, stance) with an Aho-Corasick automaton,
//! case-insensitively and on word boundaries; where phrases overlap the longest wins.

use std::fmt;
use std::path::Path;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use crate::error::{Error, Result};

/// The built-in table, one file per concern, read in this order.
const BUILTIN: [&str; 5] = [
    include_str!("../cues/sources.csv"),
    include_str!("../cues/words.csv"),
    include_str!("../cues/grammar.csv"),
    include_str!("../cues/names.csv"),
    include_str!("../cues/stance.csv"),
];

/// What a cue phrase signals. Source kinds and stance kinds live in separate phrase sets, so one
/// phrase can be both ("can confirm" is an outlet asserting, and a confirmation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CueKind {
    /// The source asked not to be named: "on background", "not authorized to speak". Makes any
    /// speaker anonymous, even a rep or an official.
    Anonymity,
    /// An unnamed source: "a source", "insiders", "people familiar with".
    Anonymous,
    /// A group of unnamed people: "analysts", "critics", "officials", "Republicans". Weighed as
    /// an unnamed source, never as a name.
    Group,
    /// Marks an unnamed source's claim as the outlet's exclusive: "exclusively".
    Exclusive,
    /// Someone whose job is to speak for the person: "her rep", "a spokesperson", "'s attorney".
    Official,
    /// An organisation speaking ("the studio", "the club"), or a word that marks a capitalised
    /// name as one ("Foods", "FC").
    Organisation,
    /// A statement as the channel: "said in a statement", "press release".
    Statement,
    Document,
    Social,
    /// The outlet asserts it in its own voice: "has learned", "we're told".
    OutletAsserted,
    Secondhand,
    /// A hedge with no source at all: "reportedly", "is said to".
    Hedge,
    /// The person speaks in a setting that names no one else: "told reporters".
    Subject,
    /// A verb of speaking (or an auxiliary) that ends or precedes a speaker's name: "told", "did".
    SpeechVerb,
    /// The name of a news outlet, so a speaker or an "according to" can be recognised as one.
    OutletName,
    /// A word that makes the name before it an outlet: "NW magazine", "the Sunday paper".
    OutletWord,
    /// An honorific or role before a name, ignored when matching a speaker to the person.
    Title,
    /// No cue: a phrase that hides the shorter cues inside it ("district attorney").
    Mask,
    Confirm,
    Deny,
    NoComment,
    /// Turns a following confirm or deny into neither: "did not deny".
    Negation,
    // The grammar: closed word classes, looked up word by word (`Cues::is`), never searched for.
    /// A speech verb that may come before its speaker: "said Whitcombe".
    InvertingVerb,
    /// An auxiliary: ends a speaker's name only on the way to a verb of speaking ("NBN has declined").
    Auxiliary,
    /// A verb of answering the press after an auxiliary: "did not respond".
    AnswerVerb,
    /// A verb with which a single unknown name is an organisation: "Lumora declined".
    OrganisationVerb,
    /// A word after which a noun is an object, not who speaks: "close to", "told".
    ObjectMarker,
    /// A word after which a document is the topic: "about the lawsuit".
    TopicMarker,
    /// A word (or two) after which a post is the topic: "asked about her tweet", "comment on".
    PostTopicMarker,
    /// A word after which an unnamed source is the topic: "about the source of the leak".
    SourceTopicMarker,
    /// A word after which an outlet receives the words: "told Variety".
    RecipientMarker,
    /// A word looked past when deciding what governs a noun: articles, possessive pronouns.
    Determiner,
    PossessivePronoun,
    Pronoun,
    /// The first word of an unnamed speaker: "a teammate", "two people".
    Indefinite,
    /// The first word of a definite description: "the actress".
    Definite,
    /// A word that may follow a name heading a phrase: "who", "during".
    ClauseOpener,
    /// A capitalised word that is never a name.
    NotAName,
    /// A word that alone names no one: "as", "which".
    Filler,
    /// Days and months: "said Tuesday".
    Calendar,
    /// A word that makes a document after it the channel of a named speaker's words: "wrote
    /// in | a court filing", "according to | court records".
    ChannelMarker,
    /// A verb that, before "to" and a verb, tells an act rather than a statement: "refused to
    /// deny", "declined to say", "tried to".
    ActVerb,
    /// A first name or title used by men ("Donald", "Mr.", "King"): "she" is not him.
    MaleName,
    /// A first name or title used by women ("Hillary", "Mrs.", "Queen"): "he" is not her.
    FemaleName,
    /// A noun that describes a person, as an epithet's head: "the Gilded Age star", "the
    /// actress". `extract` writes such a speaker as the person it stands for.
    PersonNoun,
    /// A subordinating conjunction: the clause it opens is not the sentence's main clause
    /// ("While Griffin continues her crusade, | sources say"; "grounded after | The Times
    /// reported").
    Conjunction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Axis {
    Source,
    Stance,
    /// Word classes: titles and the grammar. A word may be in several.
    Word,
}

impl CueKind {
    pub const ALL: [CueKind; 46] = [
        CueKind::Anonymity,
        CueKind::Anonymous,
        CueKind::Group,
        CueKind::Exclusive,
        CueKind::Official,
        CueKind::Organisation,
        CueKind::Statement,
        CueKind::Document,
        CueKind::Social,
        CueKind::OutletAsserted,
        CueKind::Secondhand,
        CueKind::Hedge,
        CueKind::Subject,
        CueKind::SpeechVerb,
        CueKind::OutletName,
        CueKind::OutletWord,
        CueKind::Title,
        CueKind::Mask,
        CueKind::Confirm,
        CueKind::Deny,
        CueKind::NoComment,
        CueKind::Negation,
        CueKind::InvertingVerb,
        CueKind::Auxiliary,
        CueKind::AnswerVerb,
        CueKind::OrganisationVerb,
        CueKind::ObjectMarker,
        CueKind::TopicMarker,
        CueKind::PostTopicMarker,
        CueKind::SourceTopicMarker,
        CueKind::RecipientMarker,
        CueKind::Determiner,
        CueKind::PossessivePronoun,
        CueKind::Pronoun,
        CueKind::Indefinite,
        CueKind::Definite,
        CueKind::ClauseOpener,
        CueKind::NotAName,
        CueKind::Filler,
        CueKind::Calendar,
        CueKind::ChannelMarker,
        CueKind::ActVerb,
        CueKind::MaleName,
        CueKind::FemaleName,
        CueKind::PersonNoun,
        CueKind::Conjunction,
    ];

    /// The kind as written in cue files. Kinds that decide a label are named after it.
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Anonymity => "anonymity",
            CueKind::Anonymous => "anonymous",
            CueKind::Group => "group",
            CueKind::Exclusive => "exclusive",
            CueKind::Official => "official-statement",
            CueKind::Organisation => "organisation",
            CueKind::Statement => "statement",
            CueKind::Document => "document",
            CueKind::Social => "social-post",
            CueKind::OutletAsserted => "outlet-asserted",
            CueKind::Secondhand => "secondhand",
            CueKind::Hedge => "unattributed",
            CueKind::Subject => "subject-on-record",
            CueKind::SpeechVerb => "speech-verb",
            CueKind::OutletName => "outlet-name",
            CueKind::OutletWord => "outlet-word",
            CueKind::Title => "title",
            CueKind::Mask => "mask",
            CueKind::Confirm => "confirm",
            CueKind::Deny => "deny",
            CueKind::NoComment => "no-comment",
            CueKind::Negation => "negation",
            CueKind::InvertingVerb => "inverting-verb",
            CueKind::Auxiliary => "auxiliary",
            CueKind::AnswerVerb => "answer-verb",
            CueKind::OrganisationVerb => "organisation-verb",
            CueKind::ObjectMarker => "object-marker",
            CueKind::TopicMarker => "topic-marker",
            CueKind::PostTopicMarker => "post-topic-marker",
            CueKind::SourceTopicMarker => "source-topic-marker",
            CueKind::RecipientMarker => "recipient-marker",
            CueKind::Determiner => "determiner",
            CueKind::PossessivePronoun => "possessive-pronoun",
            CueKind::Pronoun => "pronoun",
            CueKind::Indefinite => "indefinite",
            CueKind::Definite => "definite",
            CueKind::ClauseOpener => "clause-opener",
            CueKind::NotAName => "not-a-name",
            CueKind::Filler => "filler",
            CueKind::Calendar => "calendar",
            CueKind::ChannelMarker => "channel-marker",
            CueKind::ActVerb => "act-verb",
            CueKind::MaleName => "male-name",
            CueKind::FemaleName => "female-name",
            CueKind::PersonNoun => "person-noun",
            CueKind::Conjunction => "conjunction",
        }
    }

    fn parse(text: &str) -> Option<CueKind> {
        let text = text.trim();
        if crate::source_type::same_label("organization", text) {
            return Some(CueKind::Organisation);
        }
        CueKind::ALL
            .into_iter()
            .find(|k| crate::source_type::same_label(k.as_str(), text))
    }

    fn axis(self) -> Axis {
        match self {
            CueKind::Confirm | CueKind::Deny | CueKind::NoComment | CueKind::Negation => {
                Axis::Stance
            }
            kind if kind.word_bit().is_some() => Axis::Word,
            _ => Axis::Source,
        }
    }

    /// Whether the kind names an unnamed source: one person or a group.
    pub fn is_unnamed(self) -> bool {
        matches!(self, CueKind::Anonymous | CueKind::Group)
    }

    /// The kind's bit in a word's classes (`Lexicon`), for titles and the grammar.
    fn word_bit(self) -> Option<u32> {
        let first = CueKind::InvertingVerb as u32;
        match self {
            CueKind::Title => Some(1),
            kind if kind as u32 >= first => Some(1 << (kind as u32 - first + 1)),
            _ => None,
        }
    }
}

impl fmt::Display for CueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One phrase of the table and where it came from.
#[derive(Debug, Clone)]
pub struct Cue {
    pub kind: CueKind,
    pub phrase: String,
    /// `built-in`, or `FILE:LINE` for a user's entry.
    pub origin: String,
}

/// A cue found in a text: byte offsets into that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub kind: CueKind,
    /// Index into the table's cues, for `Cues::phrase`.
    pub cue: u32,
    pub start: usize,
    pub end: usize,
}

/// The phrases of one axis behind one automaton.
#[derive(Debug)]
struct PhraseSet {
    /// For each automaton pattern, the index of its cue (curly-apostrophe variants share one cue).
    pattern_cue: Vec<u32>,
    automaton: DFA,
}

/// The cue table in use: built-in entries, then the user's.
#[derive(Debug)]
pub struct Cues {
    cues: Vec<Cue>,
    source: PhraseSet,
    stance: PhraseSet,
    /// The word classes: every word of every title ("vice president" gives "vice" and
    /// "president") and the grammar's words.
    lexicon: Lexicon,
    /// Per cue: whether the phrase opens with a speech verb ("said in a statement", "is told").
    verb_led: Vec<bool>,
}

impl Cues {
    /// The built-in table.
    pub fn builtin() -> Result<Cues> {
        Cues::build(builtin_table()?)
    }

    /// The built-in table with a user's file applied on top.
    pub fn with_user_file(path: &Path) -> Result<Cues> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::File {
            path: path.display().to_string(),
            message: format!("cannot read the cue file: {e}"),
        })?;
        let mut cues = builtin_table()?;
        let user = parse_table(&text, &path.display().to_string())?;
        apply_overrides(&mut cues, user);
        Cues::build(cues)
    }

    fn build(table: Vec<TableEntry>) -> Result<Cues> {
        let cues: Vec<Cue> = table
            .into_iter()
            .filter_map(|e| {
                e.kind.map(|kind| Cue {
                    kind,
                    phrase: e.phrase,
                    origin: e.origin,
                })
            })
            .collect();
        let source = PhraseSet::build(&cues, Axis::Source)?;
        let stance = PhraseSet::build(&cues, Axis::Stance)?;
        let lexicon = Lexicon::build(&cues);
        let verbs: Vec<String> = cues
            .iter()
            .filter(|c| c.kind == CueKind::SpeechVerb)
            .map(|c| format!("{} ", c.phrase.to_lowercase()))
            .collect();
        let verb_led = cues
            .iter()
            .map(|c| {
                let phrase = c.phrase.to_lowercase();
                c.kind != CueKind::SpeechVerb
                    && verbs.iter().any(|v| phrase.starts_with(v.as_str()))
            })
            .collect();
        Ok(Cues {
            cues,
            source,
            stance,
            lexicon,
            verb_led,
        })
    }

    /// Every cue in the table, built-in first, in file order.
    pub fn entries(&self) -> &[Cue] {
        &self.cues
    }

    /// The phrase of a hit's cue.
    pub fn phrase(&self, cue: u32) -> &str {
        self.cues
            .get(cue as usize)
            .map_or("", |c| c.phrase.as_str())
    }

    /// Whether the cue's phrase opens with a speech verb: "said in a statement", "is said to".
    pub fn opens_with_verb(&self, cue: u32) -> bool {
        self.verb_led.get(cue as usize).copied().unwrap_or(false)
    }

    /// Finds source cues (who speaks, through which channel) in `text`; see `PhraseSet::find`.
    pub fn find_source(&self, text: &str, hits: &mut Vec<Hit>) {
        self.source.find(&self.cues, text, hits);
    }

    /// Finds stance cues (confirm, deny, no-comment, negation) in `text`.
    pub fn find_stance(&self, text: &str, hits: &mut Vec<Hit>) {
        self.stance.find(&self.cues, text, hits);
    }

    /// Whether a word (any case, a trailing period ignored) is a title or a word of one:
    /// `Senator`, `sen.`, `vice`. Allocates nothing.
    pub fn is_title(&self, word: &str) -> bool {
        let word = word.trim_end_matches('.');
        word.starts_with(char::is_alphabetic) && self.is(word, CueKind::Title)
    }

    /// Whether a word (or a phrase of words separated by single spaces) is of a word class:
    /// a title word or one of the grammar's classes, in any ASCII case, a curly apostrophe
    /// matching a straight one. Allocates nothing.
    pub fn is(&self, word: &str, kind: CueKind) -> bool {
        kind.word_bit()
            .is_some_and(|bit| self.lexicon.classes(word) & bit != 0)
    }
}

/// The word classes of the table: for each word, a bit per class it belongs to.
#[derive(Debug, Default)]
struct Lexicon {
    /// Words that have a key (`word_key`), in an open-addressing hash table (key 0 is an empty
    /// slot; no word's key is 0): one or two probes a lookup, on every word of every row.
    keyed: Vec<(u128, u32)>,
    /// The other words (longer, or not ASCII), lower-cased, sorted.
    other: Vec<(String, u32)>,
}

impl Lexicon {
    fn build(cues: &[Cue]) -> Lexicon {
        let mut words: Vec<(String, u32)> = Vec::new();
        for cue in cues {
            let Some(bit) = cue.kind.word_bit() else {
                continue;
            };
            let phrase = cue.phrase.to_lowercase().replace('\u{2019}', "'");
            if cue.kind == CueKind::Title {
                // Titles count word by word: "vice president" gives "vice" and "president".
                for word in phrase.split_whitespace() {
                    let word = word.trim_end_matches('.');
                    if !word.is_empty() {
                        words.push((word.to_string(), bit));
                    }
                }
            } else {
                words.push((phrase.split_whitespace().collect::<Vec<_>>().join(" "), bit));
            }
        }
        let mut lexicon = Lexicon::default();
        for (word, bit) in words {
            match word_key(&word) {
                Some(key) => lexicon.keyed.push((key, bit)),
                None => lexicon.other.push((word, bit)),
            }
        }
        lexicon.keyed.sort_unstable();
        lexicon.other.sort();
        let sorted = std::mem::take(&mut lexicon.keyed);
        // One entry per word, its bits together.
        fn merge<K: PartialEq>(entries: &mut Vec<(K, u32)>) {
            entries.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 |= later.1;
                }
                same
            });
        }
        let mut sorted = sorted;
        merge(&mut sorted);
        merge(&mut lexicon.other);
        // A table at most half full.
        let size = (sorted.len() * 2).next_power_of_two().max(16);
        lexicon.keyed = vec![(0, 0); size];
        for (key, bits) in sorted {
            let mut slot = Lexicon::slot(key, size);
            while lexicon.keyed[slot].0 != 0 {
                slot = (slot + 1) & (size - 1);
            }
            lexicon.keyed[slot] = (key, bits);
        }
        lexicon
    }

    fn slot(key: u128, size: usize) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & (size - 1)
    }

    fn keyed_classes(&self, key: u128) -> u32 {
        let size = self.keyed.len();
        if size == 0 || key == 0 {
            return 0;
        }
        let mut slot = Lexicon::slot(key, size);
        loop {
            match self.keyed[slot] {
                (0, _) => return 0,
                (k, bits) if k == key => return bits,
                _ => slot = (slot + 1) & (size - 1),
            }
        }
    }

    fn classes(&self, word: &str) -> u32 {
        if let Some(key) = word_key(word) {
            return self.keyed_classes(key);
        }
        let folded = || {
            word.chars().flat_map(char::to_lowercase).map(|c| match c {
                '\u{2019}' => '\'',
                c => c,
            })
        };
        if word.contains('\u{2019}')
            && let Some(key) = key_of_chars(folded())
        {
            return self.keyed_classes(key);
        }
        self.other
            .binary_search_by(|(w, _)| w.chars().cmp(folded()))
            .map_or(0, |i| self.other[i].1)
    }
}

/// `word_key` of a word given as characters (already lower-cased): `None` unless ASCII and at
/// most 15 bytes.
fn key_of_chars(chars: impl Iterator<Item = char>) -> Option<u128> {
    let mut key = [0u8; 16];
    let mut len = 0;
    for c in chars {
        if !c.is_ascii() || len == 15 {
            return None;
        }
        key[len] = c as u8;
        len += 1;
    }
    key[15] = len as u8;
    Some(u128::from_le_bytes(key))
}

/// A word as one number: its bytes lower-cased and zero-padded, and its length in the last
/// byte, so two words have the same key exactly when they are equal ignoring ASCII case. `None`
/// for a word that is not ASCII or is longer than 15 bytes. Comparing keys is much cheaper than
/// comparing words, for the word lists the labeler looks up on every word of every row.
pub(crate) const fn word_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii() {
            return None;
        }
        key[i] = bytes[i].to_ascii_lowercase();
        i += 1;
    }
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

fn builtin_table() -> Result<Vec<TableEntry>> {
    let mut table = Vec::new();
    for text in BUILTIN {
        table.extend(parse_table(text, "built-in")?);
    }
    Ok(table)
}

impl PhraseSet {
    fn build(cues: &[Cue], axis: Axis) -> Result<PhraseSet> {
        let mut patterns = Vec::new();
        let mut pattern_cue = Vec::new();
        for (i, cue) in cues.iter().enumerate() {
            if cue.kind.axis() != axis {
                continue;
            }
            patterns.push(cue.phrase.clone());
            pattern_cue.push(i as u32);
            // News text prints apostrophes curly as often as straight.
            if cue.phrase.contains('\'') {
                patterns.push(cue.phrase.replace('\'', "\u{2019}"));
                pattern_cue.push(i as u32);
            }
        }
        // A DFA: a few megabytes built once, the fastest search for millions of short texts.
        // Searched by `leftmost_longest` below rather than through `AhoCorasick`, whose general
        // search loop costs about twice as many instructions per byte on these short texts.
        let automaton = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(&patterns)
            .map_err(|e| Error::Other(format!("cannot build the cue matcher: {e}")))?;
        Ok(PhraseSet {
            pattern_cue,
            automaton,
        })
    }

    /// Collects the cues that stand as whole words in `text`, in order, without overlaps: where
    /// phrases overlap the one that starts first wins, and of those the longest ("declined to
    /// confirm", not "confirm"; of two equal phrases, the one listed first). A match that is not
    /// whole words gives way to a shorter one at the same place ("a rep" is not in "a reporter").
    fn find(&self, cues: &[Cue], text: &str, hits: &mut Vec<Hit>) {
        hits.clear();
        let (mut at, mut limit) = (0, text.len());
        // Where a match failed the word test: the search resumes after it.
        let mut failed: Option<usize> = None;
        while at < text.len() {
            let found = self
                .leftmost_longest(text.as_bytes(), at, limit)
                .and_then(|m| Some((m, *self.pattern_cue.get(m.pattern)?)));
            match found {
                Some((m, cue)) if on_word_boundaries(text, m.start, m.end) => {
                    if let Some(entry) = cues.get(cue as usize) {
                        hits.push(Hit {
                            kind: entry.kind,
                            cue,
                            start: m.start,
                            end: m.end,
                        });
                    }
                    (at, limit, failed) = (m.end, text.len(), None);
                }
                // Look for a shorter match inside the one that failed.
                Some((m, _)) if m.end > m.start + 1 => {
                    failed.get_or_insert(m.start);
                    (at, limit) = (m.start, m.end - 1);
                }
                _ => match failed.take().or(found.map(|(m, _)| m.start)) {
                    Some(start) => (at, limit) = (start + 1, text.len()),
                    None => break,
                },
            }
        }
    }
}

/// A pattern found in a text: byte offsets and the pattern's index in the automaton.
#[derive(Debug, Clone, Copy)]
struct Found {
    pattern: usize,
    start: usize,
    end: usize,
}

impl PhraseSet {
    /// The leftmost-longest match that lies within `text[at..limit]`: the same search as
    /// `AhoCorasick::find` over that range (an unanchored walk that remembers the last match
    /// state and stops at the dead state), in a loop tight enough for the per-row budget.
    // Kept out of `find` so that the byte loop gets the registers to itself.
    #[inline(never)]
    fn leftmost_longest(&self, text: &[u8], at: usize, limit: usize) -> Option<Found> {
        let dfa = &self.automaton;
        let span = text.get(at..limit)?;
        let mut sid = dfa.start_state(Anchored::No).ok()?;
        // The last match state seen and where its match ends.
        let mut last = dfa.is_match(sid).then_some((sid, at));
        // One byte of the walk; false once the automaton is dead.
        let mut step = |byte, end| {
            sid = dfa.next_state(Anchored::No, sid, byte);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    return false;
                }
                if dfa.is_match(sid) {
                    last = Some((sid, end));
                }
            }
            true
        };
        // Four bytes a turn: otherwise the loop's own bookkeeping costs half as much again as
        // the step.
        let mut end = at;
        let mut chunks = span.chunks_exact(4);
        'walk: {
            for chunk in chunks.by_ref() {
                for &byte in chunk {
                    end += 1;
                    if !step(byte, end) {
                        break 'walk;
                    }
                }
            }
            for &byte in chunks.remainder() {
                end += 1;
                if !step(byte, end) {
                    break 'walk;
                }
            }
        }
        let (sid, end) = last?;
        let pattern = dfa.match_pattern(sid, 0);
        Some(Found {
            pattern: pattern.as_usize(),
            start: end - dfa.pattern_len(pattern),
            end,
        })
    }
}

/// A match counts only as whole words: where the phrase begins (ends) with a letter or digit, the
/// text must not continue it with another one ("rep" is not a cue inside "reporter").
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(matched), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return false;
    };
    let starts_word = matched.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = matched
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let open_before = !starts_word
        || !before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let open_after = !ends_word || !after.chars().next().is_some_and(char::is_alphanumeric);
    open_before && open_after
}

struct TableEntry {
    /// `None` switches the phrase off (kind `ignore`).
    kind: Option<CueKind>,
    phrase: String,
    origin: String,
}

/// Reads a `kind,phrase` CSV (more columns are allowed and ignored, `#` starts a comment line).
fn parse_table(text: &str, origin: &str) -> Result<Vec<TableEntry>> {
    let bad = |line: u64, message: String| Error::File {
        path: if line > 0 {
            format!("{origin}:{line}")
        } else {
            origin.to_string()
        },
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| bad(0, format!("cannot read the cue table's header: {e}")))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(kind_col), Some(phrase_col)) = (column("kind"), column("phrase")) else {
        return Err(bad(
            1,
            format!(
                "a cue table needs the columns `kind` and `phrase`; found: {}",
                crate::message::list(&headers.iter().map(str::to_string).collect::<Vec<_>>())
            ),
        ));
    };
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(0, format!("cannot read the cue table: {e}")))?;
        let line = record.position().map_or(0, |p| p.line());
        let kind_text = record.get(kind_col).unwrap_or("");
        let phrase = record.get(phrase_col).unwrap_or("").to_string();
        if phrase.is_empty() {
            return Err(bad(line, "empty phrase".to_string()));
        }
        let kind = if kind_text.eq_ignore_ascii_case("ignore") {
            None
        } else {
            Some(CueKind::parse(kind_text).ok_or_else(|| {
                bad(
                    line,
                    format!(
                        "unknown cue kind `{}`; use one of: {}, ignore",
                        crate::message::field(kind_text),
                        CueKind::ALL.map(|k| k.as_str()).join(", ")
                    ),
                )
            })?)
        };
        let origin = if origin == "built-in" {
            origin.to_string()
        } else {
            format!("{origin}:{line}")
        };
        entries.push(TableEntry {
            kind,
            phrase,
            origin,
        });
    }
    Ok(entries)
}

/// A user's entry for a phrase the table already has on the same axis of phrases (same words in
/// any case) replaces it in place, which moves a phrase to another kind; a new phrase is
/// appended. A word-class entry adds the word to its class (a word may be in several). `ignore`
/// switches the phrase off in every kind.
fn apply_overrides(table: &mut Vec<TableEntry>, user: Vec<TableEntry>) {
    for entry in user {
        let Some(kind) = entry.kind else {
            table.retain(|e| !e.phrase.eq_ignore_ascii_case(&entry.phrase));
            continue;
        };
        let existing = table.iter_mut().find(|e| {
            e.phrase.eq_ignore_ascii_case(&entry.phrase)
                && e.kind.is_some_and(|k| {
                    k.axis() == kind.axis() && (kind.axis() != Axis::Word || k == kind)
                })
        });
        match existing {
            Some(e) => *e = entry,
            None => table.push(entry),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(cues: &Cues, text: &str) -> Vec<(CueKind, String)> {
        let mut hits = Vec::new();
        cues.find_source(text, &mut hits);
        let mut out: Vec<_> = hits
            .iter()
            .map(|h| (h.kind, text[h.start..h.end].to_string()))
            .collect();
        cues.find_stance(text, &mut hits);
        out.extend(
            hits.iter()
                .map(|h| (h.kind, text[h.start..h.end].to_string())),
        );
        out
    }

    #[test]
    fn builtin_table_parses_and_has_every_kind() {
        let cues = Cues::builtin().unwrap();
        for kind in CueKind::ALL {
            assert!(
                cues.entries().iter().any(|c| c.kind == kind),
                "no built-in cue of kind {kind}"
            );
        }
    }

    #[test]
    fn matches_whole_words_case_insensitively() {
        let cues = Cues::builtin().unwrap();
        let found = kinds(&cues, "A Source EXCLUSIVELY told Us Weekly");
        assert!(
            found.contains(&(CueKind::Anonymous, "A Source".to_string())),
            "{found:?}"
        );
        assert!(
            found.contains(&(CueKind::Exclusive, "EXCLUSIVELY".to_string())),
            "{found:?}"
        );
        // "sources" must not be found inside "resources".
        let found = kinds(&cues, "the resources were thin");
        assert!(
            found.iter().all(|(k, _)| *k != CueKind::Anonymous),
            "{found:?}"
        );
    }

    #[test]
    fn longer_phrase_hides_the_shorter_inside_it() {
        let cues = Cues::builtin().unwrap();
        let found = kinds(&cues, "her rep declined to confirm the report");
        assert!(
            found.iter().any(|(k, _)| *k == CueKind::NoComment),
            "{found:?}"
        );
        assert!(
            found.iter().all(|(k, _)| *k != CueKind::Confirm),
            "{found:?}"
        );
    }

    #[test]
    fn longest_phrase_wins_and_knows_its_verb() {
        let cues = Cues::builtin().unwrap();
        let mut hits = Vec::new();
        cues.find_source("the studio said in a statement", &mut hits);
        let statement = hits.iter().find(|h| h.kind == CueKind::Statement).unwrap();
        assert_eq!(cues.phrase(statement.cue), "said in a statement");
        assert!(cues.opens_with_verb(statement.cue));
        // "attorney" inside "district attorney" is no cue.
        let found = kinds(&cues, "the district attorney said");
        assert!(
            found.iter().all(|(k, _)| *k != CueKind::Official),
            "{found:?}"
        );
        // A longer match that is not whole words gives way to a shorter one.
        let found = kinds(&cues, "a source close tomorrow");
        assert!(
            found.contains(&(CueKind::Anonymous, "a source".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn builtin_phrases_are_unique_within_an_axis() {
        // With the longest match winning, a phrase listed twice would only ever count once.
        let cues = Cues::builtin().unwrap();
        let mut seen = std::collections::HashSet::new();
        for cue in cues.entries() {
            // A word may be in several word classes, but in each only once.
            let class = (cue.kind.axis() == Axis::Word).then_some(cue.kind);
            let key = (cue.kind.axis(), class, cue.phrase.to_lowercase());
            assert!(seen.insert(key), "`{}` is listed twice", cue.phrase);
        }
    }

    #[test]
    fn titles_match_in_any_case_word_by_word() {
        let cues = Cues::builtin().unwrap();
        for word in [
            "Senator", "senator", "SEN.", "sen", "Vice", "minister", "Lt.",
        ] {
            assert!(cues.is_title(word), "{word}");
        }
        assert!(!cues.is_title("Cattrall"));
        assert!(!cues.is_title(""));
    }

    #[test]
    fn word_classes_match_in_any_case_and_a_word_may_be_in_several() {
        let cues = Cues::builtin().unwrap();
        assert!(cues.is("said", CueKind::InvertingVerb));
        assert!(cues.is("SAID", CueKind::InvertingVerb));
        assert!(cues.is("went on", CueKind::InvertingVerb));
        assert!(!cues.is("saidx", CueKind::InvertingVerb));
        assert!(!cues.is("", CueKind::Pronoun));
        // "her" is a pronoun, a possessive pronoun and a determiner.
        for kind in [
            CueKind::Pronoun,
            CueKind::PossessivePronoun,
            CueKind::Determiner,
        ] {
            assert!(cues.is("Her", kind), "{kind}");
        }
        assert!(!cues.is("her", CueKind::Calendar));
        // A curly apostrophe matches a straight one.
        assert!(cues.is("didn\u{2019}t", CueKind::Auxiliary));
        // Classes are not phrases: a grammar word is never found as a source cue.
        let mut hits = Vec::new();
        cues.find_source("whose", &mut hits);
        assert!(hits.is_empty(), "{hits:?}");
    }

    #[test]
    fn user_file_adds_a_word_to_a_class_and_ignore_removes_it_everywhere() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cues.csv");
        std::fs::write(
            &path,
            "kind,phrase\ninverting-verb,opined\nnot-a-name,Pundits\nignore,her\n",
        )
        .unwrap();
        let cues = Cues::with_user_file(&path).unwrap();
        assert!(cues.is("opined", CueKind::InvertingVerb));
        assert!(cues.is("pundits", CueKind::NotAName));
        assert!(!cues.is("her", CueKind::Pronoun) && !cues.is("her", CueKind::Determiner));
        // Adding a class keeps the word's others.
        std::fs::write(&path, "kind,phrase\nfiller,the\n").unwrap();
        let cues = Cues::with_user_file(&path).unwrap();
        assert!(cues.is("the", CueKind::Filler) && cues.is("the", CueKind::Determiner));
    }

    #[test]
    fn organization_is_accepted_for_organisation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cues.csv");
        std::fs::write(&path, "kind,phrase\norganization,Holdings Group\n").unwrap();
        let cues = Cues::with_user_file(&path).unwrap();
        let entry = cues
            .entries()
            .iter()
            .find(|c| c.phrase == "Holdings Group")
            .unwrap();
        assert_eq!(entry.kind, CueKind::Organisation);
    }

    #[test]
    fn curly_apostrophes_match_straight_ones() {
        let cues = Cues::builtin().unwrap();
        let found = kinds(&cues, "we\u{2019}re told the pair split");
        assert!(
            found.iter().any(|(k, _)| *k == CueKind::OutletAsserted),
            "{found:?}"
        );
    }

    #[test]
    fn user_file_adds_moves_and_ignores_phrases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cues.csv");
        std::fs::write(
            &path,
            "kind,phrase\nanonymous,a little bird\nsecondhand,reportedly\nignore,sources say\n",
        )
        .unwrap();
        let cues = Cues::with_user_file(&path).unwrap();
        let found = kinds(&cues, "a little bird says so, reportedly; sources say");
        assert!(
            found.contains(&(CueKind::Anonymous, "a little bird".to_string())),
            "{found:?}"
        );
        assert!(
            found.contains(&(CueKind::Secondhand, "reportedly".to_string())),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, p)| p == "sources say"), "{found:?}");
        let moved = cues
            .entries()
            .iter()
            .find(|c| c.phrase == "reportedly")
            .unwrap();
        assert!(moved.origin.ends_with("cues.csv:3"), "{}", moved.origin);
    }

    #[test]
    fn user_file_errors_name_the_line_and_the_allowed_kinds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cues.csv");
        std::fs::write(&path, "kind,phrase\nanonymous,a pal\nrumour,whispers\n").unwrap();
        let message = Cues::with_user_file(&path).unwrap_err().to_string();
        assert!(message.contains("cues.csv:3"), "{message}");
        assert!(message.contains("unknown cue kind `rumour`"), "{message}");
        assert!(message.contains("secondhand"), "{message}");
    }
}
