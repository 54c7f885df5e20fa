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
        self.read += other.read;
        self.accepted += other.accepted;
        self.rejected += other.rejected;
        self.filtered += other.filtered;
        self.blank += other.blank;
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
/// line that is not a partial's, a partial
/// without its `end` line or with lines missing, and a format or version this build does not
/// read are errors that name the file and line.
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
                let why = if e.is_eof() {
                    "the line is cut short (was the run that wrote it stopped?); write it again"
                        .to_string()
                } else {
                    format!("not a line of a claimtrack partial: {e}")
                };
                return Err(at(number, why));
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
