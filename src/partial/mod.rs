//! Partial results (issue 16): what `report`, `topics` and `outlets` have aggregated, written as
//! JSON Lines by `--partial` and `--state`, and read back by `claimtrack merge`. The aggregates
//! are sums, counts, minima and maxima, and no tie depends on the order of the rows (see
//! `lifecycle::Order` and `people::rank`), so merging the partials of any split of the input,
//! in any order, gives exactly what one run over the whole input gives.
//!
//! The format, version 1 (README.md, "Large inputs", documents every field):
//! - the first line is a `header`: the format and its version, the claimtrack version, the
//!   command, every setting that changes what is aggregated (`--by`, `--resolve-by`, the
//!   filters, `--people`, `--cues`, `--lexicon`), and the summary of the rows read;
//! - a `source` line follows in a `--state` file only: where the input was read to;
//! - then one line per record: `spelling` (a person as written), `cell` (report: a person's
//!   period), `topic_name`, `outlet`, `topic` and `rumor_outlet` (topics and outlets);
//! - the last line is `end`, with the number of lines before it, so that a partial cut short
//!   (a shard killed while writing) is refused rather than merged.
//!
//! Records name persons, topics and outlets by their keys, never by ids of one run. Several
//! partials may follow each other in one stream (`cat shard-*.jsonl | claimtrack merge -`).

pub mod run;
pub mod state;

use std::io::{BufRead, Write};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::source_type::SourceType;
use crate::stance::Stance;

/// The `format` field of every header.
pub const FORMAT: &str = "claimtrack-partial";
/// The version of the format this build writes and reads.
pub const VERSION: u32 = 1;

/// One line of a partial.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Line {
    Header(Header),
    Source(Source),
    Spelling(Spelling),
    Cell(Cell),
    TopicName(TopicName),
    Outlet(Outlet),
    Topic(Topic),
    RumorOutlet(RumorOutlet),
    End(End),
}

impl Line {
    /// The `kind` of the line, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Line::Header(_) => "header",
            Line::Source(_) => "source",
            Line::Spelling(_) => "spelling",
            Line::Cell(_) => "cell",
            Line::TopicName(_) => "topic_name",
            Line::Outlet(_) => "outlet",
            Line::Topic(_) => "topic",
            Line::RumorOutlet(_) => "rumor_outlet",
            Line::End(_) => "end",
        }
    }
}

/// The command whose aggregates a partial holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Report,
    Topics,
    Outlets,
}

impl Command {
    pub fn as_str(self) -> &'static str {
        match self {
            Command::Report => "report",
            Command::Topics => "topics",
            Command::Outlets => "outlets",
        }
    }
}

/// The first line of a partial: what it is, and everything two partials must share to merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Always `claimtrack-partial`.
    pub format: String,
    /// The format's version: 1.
    pub version: u32,
    /// The claimtrack version that wrote it: labels and scores may change between versions.
    pub claimtrack: String,
    pub command: Command,
    #[serde(flatten)]
    pub settings: Settings,
    /// The rows read, accepted and rejected.
    pub summary: Summary,
}

/// The settings that change what a run aggregates: partials merge only when they agree.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Settings {
    /// `report --by`: `day`, `week`, `month`, `quarter`, `year` or `all`; absent for
    /// `topics` and `outlets`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// `--resolve-by` of `topics` and `outlets`: the on-record types whose confirmations and
    /// denials resolve a topic, in the order of the source-type table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolve_by: Option<Vec<SourceType>>,
    pub filters: Filters,
    /// `--people`: the file's lines, each the primary name then the aliases; empty without it.
    pub people: Vec<Vec<String>>,
    /// XXH3-128 (hex) of the `--cues` file's bytes; `null` for the built-in cues.
    pub cues: Option<String>,
    /// XXH3-128 (hex) of the `--lexicon` file's bytes; `null` for VADER's own.
    pub lexicon: Option<String>,
}

/// The filters of the run, as the values given (sorted; repeats dropped) and the dates of
/// `--since` and `--until` resolved (`7d` counts back from the as-of date of that run).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Filters {
    pub person: Vec<String>,
    /// Outlet keys: lower case, single spaces.
    pub outlet: Vec<String>,
    pub source_type: Vec<SourceType>,
    pub standing: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// The rows behind a partial, as the summary on stderr counts them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub read: u64,
    pub accepted: u64,
    pub rejected: u64,
    /// Accepted rows that a filter left out.
    pub filtered: u64,
    /// Rows of only delimiters, skipped.
    pub blank: u64,
    /// The latest date of any accepted row, kept by the filters or not: the default as-of date.
    pub latest: Option<NaiveDateTime>,
    /// Rows kept, per source type.
    pub source_types: TypeCounts,
}

impl Summary {
    pub fn add(&mut self, other: &Summary) {
        // Saturating: every partial's counts are checked to be at most `MAX_ROWS` (`check`),
        // so only an absurd number of partials could reach the limit.
        self.read = self.read.saturating_add(other.read);
        self.accepted = self.accepted.saturating_add(other.accepted);
        self.rejected = self.rejected.saturating_add(other.rejected);
        self.filtered = self.filtered.saturating_add(other.filtered);
        self.blank = self.blank.saturating_add(other.blank);
        self.latest = self.latest.max(other.latest);
        for (n, m) in self.source_types.0.iter_mut().zip(other.source_types.0) {
            *n = n.saturating_add(m);
        }
    }
}

/// `--state` only: how far the input file was read, to read only what is appended next time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The file as given on the command line.
    pub path: String,
    /// Bytes read: the next run reads on from here when the first `offset` bytes are unchanged.
    pub offset: u64,
    /// XXH3-128 (hex) of those bytes.
    pub hash: String,
    /// Lines in those bytes, for the line numbers of the rows after them.
    pub lines: u64,
    /// Whether the bytes read end with a line break: if not, the last row may have been cut
    /// short while it was written, and a file that grew is read again whole.
    pub complete: bool,
    /// Whether the file is plain text that can be read from `offset` on (not compressed, not
    /// a sheet or JSON Lines, UTF-8); other files are read whole when they change.
    pub resumable: bool,
    /// XXH3-128 (hex) of the input options it was read with (`--column`, `--delimiter`, the
    /// date formats, `--encoding`, `--sheet`, `--max-record-size`): under other options the
    /// file is read whole again.
    pub input: String,
}

/// A person as written, with its identity key (`people::key`): the spelling a group is named
/// by depends on these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spelling {
    pub name: String,
    pub identity: String,
    pub rows: u64,
    /// The first day it was written.
    pub first: NaiveDate,
}

/// `report`: one person's (identity's) counts in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub identity: String,
    /// As printed in the `period` column for the header's `by`.
    pub period: String,
    /// Claims per source type.
    pub counts: TypeCounts,
    pub tone_on_record: Tone,
    pub tone_rumor: Tone,
}

/// An exact sum of tones: `sum` is in units of 0.0001 (the printed compound × 10,000), over
/// `n` claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tone {
    pub sum: i64,
    pub n: u64,
}

/// `topics`, `outlets`: a topic key as shown, and when that spelling was first written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicName {
    pub key: String,
    pub name: String,
    pub written: NaiveDateTime,
}

/// `topics`, `outlets`: an outlet by its key, as shown, and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outlet {
    pub key: String,
    pub name: String,
    pub written: NaiveDateTime,
    pub rows: u64,
    /// Of those, rows with an unnamed source (anonymous or exclusive-anonymous).
    pub anonymous: u64,
}

/// `topics`, `outlets`: what one (person identity, topic key)'s status depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub identity: String,
    /// The topic key.
    pub topic: String,
    pub first_seen: NaiveDateTime,
    pub last_seen: NaiveDate,
    /// The first rumor-tier or resolving row.
    pub first: Option<Mark>,
    pub first_rumor: Option<Rumor>,
    pub first_confirm: Option<Mark>,
    pub last_confirm: Option<At>,
    pub first_deny: Option<Mark>,
    pub last_deny: Option<At>,
    pub rumor_rows: u64,
    pub on_record_rows: u64,
    pub anonymous_confirms: u64,
    pub no_comments: u64,
}

/// A row's place in a topic's story: its time in whole seconds, its source type and stance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct At {
    pub at: NaiveDateTime,
    pub source_type: SourceType,
}

/// A row the status may hinge on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub at: NaiveDateTime,
    pub source_type: SourceType,
    pub stance: Stance,
    /// The speaker, or the outlet when there is no speaker, as written.
    pub by: String,
}

/// A topic's first rumor-tier row, and its outlet's key (`null`: no outlet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rumor {
    pub at: NaiveDateTime,
    pub source_type: SourceType,
    pub stance: Stance,
    pub outlet: Option<String>,
}

/// `outlets`: an outlet's first rumor-tier row on a topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RumorOutlet {
    pub identity: String,
    pub topic: String,
    pub outlet: String,
    pub at: NaiveDateTime,
    pub source_type: SourceType,
    pub stance: Stance,
}

/// The last line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct End {
    /// Lines before this one, the header included.
    pub lines: u64,
}

/// Counts per source type, written as an object of the types that are not zero, in the order
/// of the source-type table: `{"anonymous": 3, "unattributed": 1}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TypeCounts(pub [u64; SourceType::ALL.len()]);

impl Serialize for TypeCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let shown = self.0.iter().filter(|&&n| n > 0).count();
        let mut map = serializer.serialize_map(Some(shown))?;
        for (t, &n) in SourceType::ALL.iter().zip(&self.0) {
            if n > 0 {
                map.serialize_entry(t.as_str(), &n)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for TypeCounts {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, u64>::deserialize(deserializer)?;
        let mut counts = [0; SourceType::ALL.len()];
        for (name, n) in map {
            let t = SourceType::parse(&name).ok_or_else(|| {
                serde::de::Error::custom(format!("`{name}` is not a source type"))
            })?;
            counts[t.index()] = n;
        }
        Ok(TypeCounts(counts))
    }
}

impl Serialize for SourceType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SourceType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        SourceType::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a source type")))
    }
}

impl Serialize for Stance {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Stance {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Stance::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a stance")))
    }
}

/// An aggregate that partial results can be taken from and given back to.
pub trait Aggregate {
    /// Hands every record of the aggregate to `emit`, in a stable order.
    fn export(&self, emit: &mut dyn FnMut(Line) -> Result<()>) -> Result<()>;
    /// Takes in one record of a partial written by `export` (of this or another run). `by` is
    /// the header's `--by`, for report cells.
    fn absorb(
        &mut self,
        line: Line,
        by: Option<crate::period::By>,
    ) -> std::result::Result<(), String>;
}

/// Writes one partial: `header`, then `source` if given, then the aggregate's records, then
/// the `end` line.
pub fn write(
    out: &mut dyn Write,
    header: &Header,
    source: Option<&Source>,
    aggregate: &dyn Aggregate,
) -> Result<()> {
    let mut lines = 0u64;
    let mut put = |out: &mut dyn Write, line: &Line| -> Result<()> {
        serde_json::to_writer(&mut *out, line).map_err(|e| Error::Other(e.to_string()))?;
        out.write_all(b"\n")?;
        lines += 1;
        Ok(())
    };
    put(out, &Line::Header(header.clone()))?;
    if let Some(source) = source {
        put(out, &Line::Source(source.clone()))?;
    }
    aggregate.export(&mut |line| put(out, &line))?;
    let end = Line::End(End { lines });
    serde_json::to_writer(&mut *out, &end).map_err(|e| Error::Other(e.to_string()))?;
    out.write_all(b"\n")?;
    Ok(())
}

/// What `read` found at each point of a stream of partials.
pub enum Event {
    /// A partial starts: its header, and its `source` line if it has one.
    Start(Header, Option<Source>),
    /// One of its records.
    Record(Line),
    /// It ended with its `end` line.
    Finish,
}

/// Reads one or more partials, one after another, from `input` (named `name` in messages),
/// handing each header, record and end to `on`, whose errors are given the file and line. A
/// line that is not a partial's, a partial without its `end` line or with lines missing, a
/// count out of range (`Counts`), and a format or version this build does not read are errors
/// that name the file and line. Returns the number of partials read.
pub fn read(
    name: &str,
    input: &mut dyn BufRead,
    on: &mut dyn FnMut(Event) -> std::result::Result<(), String>,
) -> Result<u64> {
    let at = |line: u64, message: String| Error::File {
        path: format!("{name}:{line}"),
        message,
    };
    let mut text = String::new();
    let mut number = 0u64;
    // Lines of the current partial so far, and whether its header may still be followed by
    // a `source` line.
    let mut open: Option<u64> = None;
    let mut pending: Option<Header> = None;
    let mut counts = Counts::default();
    let mut partials = 0;
    loop {
        text.clear();
        let n = input
            .read_line(&mut text)
            .map_err(|e| at(number + 1, format!("cannot read: {e}")))?;
        if n == 0 {
            break;
        }
        number += 1;
        let trimmed = text.trim_end_matches(['\n', '\r']);
        if trimmed.trim().is_empty() && open.is_none() && pending.is_none() {
            continue;
        }
        let line: Line = match serde_json::from_str(trimmed) {
            Ok(line) => line,
            Err(e) => {
                if open.is_none() && pending.is_none() {
                    check_header_text(trimmed).map_err(|m| at(number, m))?;
                }
                return Err(at(number, describe_json_error(trimmed, &e)));
            }
        };
        if let Some(header) = pending.take() {
            if let Line::Source(source) = line {
                open = Some(2);
                on(Event::Start(header, Some(source))).map_err(|m| at(number - 1, m))?;
                continue;
            }
            open = Some(1);
            on(Event::Start(header, None)).map_err(|m| at(number - 1, m))?;
        }
        match (line, open) {
            (Line::Header(header), None) => {
                check_header(&header).map_err(|m| at(number, m))?;
                counts = Counts::of(&header.summary).map_err(|m| at(number, m))?;
                pending = Some(header);
            }
            (Line::Header(_), Some(_)) => {
                return Err(at(
                    number,
                    "a new partial starts before the last one's `end` line: it was cut short \
                     (was the run that wrote it stopped?); write it again"
                        .to_string(),
                ));
            }
            (_, None) => {
                return Err(at(
                    number,
                    "expected a partial's header line first: write partials with --partial"
                        .to_string(),
                ));
            }
            (Line::End(end), Some(lines)) => {
                if end.lines != lines {
                    return Err(at(
                        number,
                        format!(
                            "the partial has {lines} lines before its end, but its end line says \
                             {}: lines are missing or added; write it again",
                            end.lines
                        ),
                    ));
                }
                open = None;
                partials += 1;
                on(Event::Finish).map_err(|m| at(number, m))?;
            }
            (Line::Source(_), Some(_)) => {
                return Err(at(
                    number,
                    "a `source` line belongs right after the header".to_string(),
                ));
            }
            (record, Some(lines)) => {
                open = Some(lines + 1);
                counts.check(&record).map_err(|m| at(number, m))?;
                on(Event::Record(record)).map_err(|m| at(number, m))?;
            }
        }
    }
    if pending.is_some() || open.is_some() {
        return Err(at(
            number,
            "the partial ends without its `end` line: it was cut short (was the run that wrote \
             it stopped, or the disk full?); write it again"
                .to_string(),
        ));
    }
    Ok(partials)
}

/// What a line that serde could not read as a partial's line was: said without serde's
/// position (the caller names the file and line, and a line is one object), with what was
/// expected.
pub fn describe_json_error(text: &str, e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => {
            "the line is cut short (was the run that wrote it stopped?); write it again".to_string()
        }
        Category::Syntax | Category::Io => {
            "not a line of a claimtrack partial: expected one JSON object per line, as \
             --partial writes them"
                .to_string()
        }
        Category::Data => {
            // serde's own words ("missing field `identity`", "invalid value: integer `-1`,
            // expected u64"), less the position it adds.
            let full = e.to_string();
            let message = full
                .rsplit_once(" at line ")
                .map_or(full.as_str(), |(message, _)| message);
            // It may quote the line's own text: escaped, and not without end.
            let mut shown: String = message.chars().take(300).fold(String::new(), |mut m, c| {
                let _ = crate::message::escape_char(c, &mut m);
                m
            });
            if message.chars().nth(300).is_some() {
                shown.push('…');
            }
            let message = shown;
            let kind = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|v| Some(crate::message::field(v.get("kind")?.as_str()?).to_string()));
            match kind {
                Some(kind) => {
                    format!("a `{kind}` line that is not as --partial writes it: {message}")
                }
                None => format!("not a line of a claimtrack partial: {message}"),
            }
        }
    }
}

/// The most rows a partial may count: far more than any input holds (a quote database of
/// 235 million claims is a 4,700th of it), and small enough that adding up the counts of
/// millions of partials cannot overflow.
pub const MAX_ROWS: u64 = 1 << 40;

/// The counts of the partial being read, to check its records against: no record counts
/// more rows than the header says were kept, and the records of one kind together neither.
#[derive(Default)]
struct Counts {
    /// Rows kept by the filters: accepted less filtered out.
    kept: u64,
    /// `cell` counts and `spelling` rows so far: each kept row counts once in each.
    cells: u64,
    spellings: u64,
}

impl Counts {
    /// Checks the header's summary, which the rows of a run always keep to: read = accepted +
    /// rejected, filtered out at most accepted, the rows per source type the rows kept.
    fn of(s: &Summary) -> std::result::Result<Counts, String> {
        let tampered = |what: String| {
            Err(format!(
                "the header's summary is not one a run writes ({what}): the partial was \
                 changed by hand or damaged; write it again"
            ))
        };
        for (field, n) in [
            ("read", s.read),
            ("accepted", s.accepted),
            ("rejected", s.rejected),
            ("filtered", s.filtered),
            ("blank", s.blank),
        ] {
            if n > MAX_ROWS {
                return tampered(format!("{field} {n} is more than {MAX_ROWS} rows"));
            }
        }
        if s.accepted + s.rejected != s.read {
            return tampered(format!(
                "accepted {} and rejected {} do not add up to read {}",
                s.accepted, s.rejected, s.read
            ));
        }
        if s.filtered > s.accepted {
            return tampered(format!(
                "filtered {} is more than accepted {}",
                s.filtered, s.accepted
            ));
        }
        let kept = s.accepted - s.filtered;
        let typed = s
            .source_types
            .0
            .iter()
            .try_fold(0u64, |sum, &n| sum.checked_add(n));
        if typed.is_none_or(|typed| typed > kept) {
            return tampered(format!(
                "its source_types count more rows than the {kept} kept"
            ));
        }
        Ok(Counts {
            kept,
            ..Counts::default()
        })
    }

    /// Checks one record's counts against the rows kept.
    fn check(&mut self, line: &Line) -> std::result::Result<(), String> {
        let kept = self.kept;
        let over = |what: &str, n: u64| {
            Err(format!(
                "a `{}` line counts {n} {what}, and the header says {kept} rows were kept: the \
                 partial was changed by hand or damaged; write it again",
                line.kind()
            ))
        };
        let tone = |tone: &Tone, what: &str| {
            // A compound tone lies within -1 and 1: 10,000 units either way.
            if tone.n > kept || tone.sum.unsigned_abs() > tone.n.saturating_mul(10_000) {
                return Err(format!(
                    "a `cell` line's {what} {{\"sum\": {}, \"n\": {}}} is not a sum of {} tones \
                     of at most 1 in size: the partial was changed by hand or damaged; write it \
                     again",
                    tone.sum, tone.n, tone.n
                ));
            }
            Ok(())
        };
        match line {
            Line::Spelling(s) => {
                self.spellings = self.spellings.saturating_add(s.rows);
                if self.spellings > kept {
                    return over("rows (with the spellings before it)", self.spellings);
                }
            }
            Line::Cell(c) => {
                let n = c
                    .counts
                    .0
                    .iter()
                    .fold(0u64, |sum, &n| sum.saturating_add(n));
                self.cells = self.cells.saturating_add(n);
                if self.cells > kept {
                    return over("claims (with the cells before it)", self.cells);
                }
                tone(&c.tone_on_record, "tone_on_record")?;
                tone(&c.tone_rumor, "tone_rumor")?;
                if c.tone_on_record.n.saturating_add(c.tone_rumor.n) > n {
                    return Err(format!(
                        "a `cell` line has tones of more claims than its {n}: the partial was \
                         changed by hand or damaged; write it again"
                    ));
                }
            }
            Line::Outlet(o) => {
                if o.rows > kept {
                    return over("rows", o.rows);
                }
                if o.anonymous > o.rows {
                    return over("anonymous rows (more than its rows)", o.anonymous);
                }
            }
            Line::Topic(t) => {
                for (what, n) in [
                    ("rows", t.rumor_rows.saturating_add(t.on_record_rows)),
                    ("anonymous confirmations", t.anonymous_confirms),
                    ("no-comments", t.no_comments),
                ] {
                    if n > kept {
                        return over(what, n);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// A header this build cannot read, told from its text alone (a newer format version, which
/// may have fields this build does not know).
fn check_header_text(text: &str) -> std::result::Result<(), String> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Ok(());
    };
    if value.get("kind").and_then(|k| k.as_str()) == Some("header") {
        let header = Header {
            format: value
                .get("format")
                .and_then(|f| f.as_str())
                .unwrap_or("")
                .to_string(),
            version: value
                .get("version")
                .and_then(|v| v.as_u64())
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(0),
            claimtrack: String::new(),
            command: Command::Report,
            settings: Settings::default(),
            summary: Summary::default(),
        };
        check_header(&header)?;
    }
    Ok(())
}

fn check_header(header: &Header) -> std::result::Result<(), String> {
    if header.format != FORMAT {
        return Err(format!(
            "not a claimtrack partial (format `{}`, expected `{FORMAT}`)",
            header.format
        ));
    }
    if header.version != VERSION {
        return Err(format!(
            "a partial of format version {}, and this claimtrack ({}) reads version {VERSION}: \
             merge with the claimtrack that wrote it, or write the partials again with this one",
            header.version,
            env!("CARGO_PKG_VERSION")
        ));
    }
    Ok(())
}

impl Header {
    pub fn new(command: Command, settings: Settings, summary: Summary) -> Header {
        Header {
            format: FORMAT.to_string(),
            version: VERSION,
            claimtrack: env!("CARGO_PKG_VERSION").to_string(),
            command,
            settings,
            summary,
        }
    }

    /// How a partial with header `other` differs from one with this header in what must agree
    /// for them to merge, if it does: `--by month` against `--by week`, say.
    pub fn mismatch(&self, other: &Header) -> Option<String> {
        let (a, b) = (&self.settings, &other.settings);
        let list = |v: &[SourceType]| v.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(",");
        let or_none = |v: Option<String>| v.unwrap_or_else(|| "none".to_string());
        let pairs = [
            (
                "claimtrack",
                self.claimtrack.clone(),
                other.claimtrack.clone(),
            ),
            (
                "command",
                self.command.as_str().to_string(),
                other.command.as_str().to_string(),
            ),
            ("--by", or_none(a.by.clone()), or_none(b.by.clone())),
            (
                "--resolve-by",
                or_none(a.resolve_by.as_deref().map(list)),
                or_none(b.resolve_by.as_deref().map(list)),
            ),
            (
                "filters",
                describe_filters(&a.filters),
                describe_filters(&b.filters),
            ),
        ];
        for (what, x, y) in pairs {
            if x != y {
                return Some(format!("{what} `{x}` against `{y}`"));
            }
        }
        for (what, same) in [
            ("--people", a.people == b.people),
            ("--cues", a.cues == b.cues),
            ("--lexicon", a.lexicon == b.lexicon),
        ] {
            if !same {
                return Some(format!("another {what} file"));
            }
        }
        None
    }
}

/// The filters as the flags that give them, for messages: `--person Kim --since 2022-01-01`,
/// or `none`.
pub fn describe_filters(f: &Filters) -> String {
    let mut parts = Vec::new();
    for p in &f.person {
        parts.push(format!("--person {p}"));
    }
    for o in &f.outlet {
        parts.push(format!("--outlet {o}"));
    }
    if !f.source_type.is_empty() {
        let types: Vec<&str> = f.source_type.iter().map(|t| t.as_str()).collect();
        parts.push(format!("--source-type {}", types.join(",")));
    }
    if !f.standing.is_empty() {
        parts.push(format!("--standing {}", f.standing.join(",")));
    }
    if let Some(d) = f.since {
        parts.push(format!("--since {d}"));
    }
    if let Some(d) = f.until {
        parts.push(format!("--until {d}"));
    }
    if parts.is_empty() {
        "no filters".to_string()
    } else {
        parts.join(" ")
    }
}

/// XXH3-128 of `bytes`, as 32 hex digits.
pub fn hash_hex(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// A time as a partial writes it: whole seconds (`Order` keeps no fraction).
pub(crate) fn from_seconds(seconds: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(seconds, 0).map_or(NaiveDateTime::MIN, |d| d.naive_utc())
}

pub(crate) fn seconds(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp()
}
