//! The cue table: phrases that tell who stands behind a claim and what stance it takes.
//!
//! Cues are data, not code: the built-in table is `cues/cues.csv` (embedded in the binary) and a
//! user's `--cues FILE` in the same `kind,phrase` format adds phrases, moves a phrase to another
//! kind, or switches one off with the kind `ignore`. Each text is scanned once per phrase set with
//! an Aho-Corasick automaton, case-insensitively and on word boundaries.

use std::fmt;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::{Error, Result};

const BUILTIN: &str = include_str!("../cues/cues.csv");

/// What a cue phrase signals. Source kinds and stance kinds live in separate phrase sets, so one
/// phrase can be both ("can confirm" is an outlet asserting, and a confirmation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CueKind {
    /// The person the claim is about speaks: "in her memoir", "told reporters".
    Subject,
    /// A rep, lawyer, spokesperson or organisation speaks for someone.
    Official,
    Document,
    Social,
    /// The outlet asserts it in its own voice: "has learned", "we're told".
    OutletAsserted,
    /// Marks an unnamed source's claim as the outlet's exclusive: "exclusively".
    Exclusive,
    Anonymous,
    Secondhand,
    /// A hedge with no source at all: "reportedly", "is said to".
    Hedge,
    /// A verb of speaking that follows or precedes a speaker's name: "told", "added".
    SpeechVerb,
    /// The name of a news outlet, so a speaker or an "according to" can be recognised as one.
    OutletName,
    /// An honorific or role before a name, ignored when matching a speaker to the person.
    Title,
    Confirm,
    Deny,
    NoComment,
    /// Turns a following confirm or deny into neither: "did not deny".
    Negation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Axis {
    Source,
    Stance,
}

impl CueKind {
    pub const ALL: [CueKind; 16] = [
        CueKind::Subject,
        CueKind::Official,
        CueKind::Document,
        CueKind::Social,
        CueKind::OutletAsserted,
        CueKind::Exclusive,
        CueKind::Anonymous,
        CueKind::Secondhand,
        CueKind::Hedge,
        CueKind::SpeechVerb,
        CueKind::OutletName,
        CueKind::Title,
        CueKind::Confirm,
        CueKind::Deny,
        CueKind::NoComment,
        CueKind::Negation,
    ];

    /// The kind as written in cue files. Kinds that decide a label are named after it.
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Subject => "subject-on-record",
            CueKind::Official => "official-statement",
            CueKind::Document => "document",
            CueKind::Social => "social-post",
            CueKind::OutletAsserted => "outlet-asserted",
            CueKind::Exclusive => "exclusive",
            CueKind::Anonymous => "anonymous",
            CueKind::Secondhand => "secondhand",
            CueKind::Hedge => "unattributed",
            CueKind::SpeechVerb => "speech-verb",
            CueKind::OutletName => "outlet-name",
            CueKind::Title => "title",
            CueKind::Confirm => "confirm",
            CueKind::Deny => "deny",
            CueKind::NoComment => "no-comment",
            CueKind::Negation => "negation",
        }
    }

    fn parse(text: &str) -> Option<CueKind> {
        CueKind::ALL
            .into_iter()
            .find(|k| crate::source_type::same_label(k.as_str(), text.trim()))
    }

    fn axis(self) -> Axis {
        match self {
            CueKind::Confirm | CueKind::Deny | CueKind::NoComment | CueKind::Negation => {
                Axis::Stance
            }
            _ => Axis::Source,
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
    automaton: AhoCorasick,
}

/// The cue table in use: built-in entries, then the user's.
#[derive(Debug)]
pub struct Cues {
    cues: Vec<Cue>,
    source: PhraseSet,
    stance: PhraseSet,
    /// Lower-cased titles without a trailing period, sorted, for name matching.
    titles: Vec<String>,
}

impl Cues {
    /// The built-in table.
    pub fn builtin() -> Result<Cues> {
        Cues::build(parse_table(BUILTIN, "built-in")?)
    }

    /// The built-in table with a user's file applied on top.
    pub fn with_user_file(path: &Path) -> Result<Cues> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::File {
            path: path.display().to_string(),
            message: format!("cannot read the cue file: {e}"),
        })?;
        let mut cues = parse_table(BUILTIN, "built-in")?;
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
        let mut titles: Vec<String> = cues
            .iter()
            .filter(|c| c.kind == CueKind::Title)
            .map(|c| c.phrase.trim_end_matches('.').to_lowercase())
            .collect();
        titles.sort();
        titles.dedup();
        Ok(Cues {
            cues,
            source,
            stance,
            titles,
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

    /// Finds source cues (who speaks, through which channel) in `text`; see `PhraseSet::find`.
    pub fn find_source(&self, text: &str, hits: &mut Vec<Hit>) {
        self.source.find(&self.cues, text, hits);
    }

    /// Finds stance cues (confirm, deny, no-comment, negation) in `text`.
    pub fn find_stance(&self, text: &str, hits: &mut Vec<Hit>) {
        self.stance.find(&self.cues, text, hits);
    }

    /// Whether a lower-cased word (without a trailing period) is a title such as `senator`.
    pub fn is_title(&self, word: &str) -> bool {
        self.titles
            .binary_search_by(|t| t.as_str().cmp(word))
            .is_ok()
    }
}

impl PhraseSet {
    fn build(cues: &[Cue], axis: Axis) -> Result<PhraseSet> {
        let mut patterns = Vec::new();
        let mut pattern_cue = Vec::new();
        for (i, cue) in cues.iter().enumerate() {
            if cue.kind.axis() != axis || cue.kind == CueKind::Title {
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
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| Error::Other(format!("cannot build the cue matcher: {e}")))?;
        Ok(PhraseSet {
            pattern_cue,
            automaton,
        })
    }

    /// Collects every cue that stands as whole words in `text`, drops a hit that lies inside a
    /// longer one ("confirm" inside "declined to confirm"), and leaves them ordered by start.
    fn find(&self, cues: &[Cue], text: &str, hits: &mut Vec<Hit>) {
        hits.clear();
        for m in self.automaton.find_overlapping_iter(text) {
            let Some(&cue) = self.pattern_cue.get(m.pattern().as_usize()) else {
                continue;
            };
            let Some(entry) = cues.get(cue as usize) else {
                continue;
            };
            if !on_word_boundaries(text, m.start(), m.end()) {
                continue;
            }
            hits.push(Hit {
                kind: entry.kind,
                cue,
                start: m.start(),
                end: m.end(),
            });
        }
        hits.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut reach = 0;
        hits.retain(|h| {
            let keep = h.end > reach;
            reach = reach.max(h.end);
            keep
        });
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
                headers.iter().collect::<Vec<_>>().join(", ")
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
                        "unknown cue kind `{kind_text}`; use one of: {}, ignore",
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

/// A user's entry for a phrase the table already has (same axis, same words in any case) replaces
/// it in place; a new phrase is appended.
fn apply_overrides(table: &mut Vec<TableEntry>, user: Vec<TableEntry>) {
    for entry in user {
        let axis = entry.kind.map(CueKind::axis);
        let existing = table.iter_mut().find(|e| {
            e.phrase.eq_ignore_ascii_case(&entry.phrase)
                && (axis.is_none() || e.kind.map(CueKind::axis) == axis)
        });
        match existing {
            Some(e) => *e = entry,
            None if entry.kind.is_some() => table.push(entry),
            None => {}
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
