//! The subcommands, one module each, and what they share: building the judge, running the
//! pipeline, reporting rejected rows and printing the run's summary.

pub mod brief;
pub mod cues;
pub mod extract;
pub mod label;
pub mod merge;
pub mod outlets;
pub mod report;
pub mod shell;
pub mod topics;

use std::collections::HashMap;

use csv::StringRecord;

use crate::claim::Claim;
use crate::config::Settings;
use crate::cues::Cues;
use crate::error::{Error, Result};
use crate::input::{Reason, RecordReader, Source};
use crate::judge::Judgement;
use crate::judge::{Judge, Needs};
use crate::output::Sink;
use crate::output::printable::{printable, thousands};
use crate::pipeline::{Pipeline, Row};
use crate::progress::Progress;
use crate::source_type::SourceType;
use crate::tone::Scorer;

/// Builds the judge: cues (built-in plus `--cues`) and the tone scorer (plus `--lexicon`),
/// judging what the command `needs`.
pub fn judge(settings: &Settings, needs: Needs) -> Result<Judge> {
    let cues = match &settings.cues {
        Some(path) => Cues::with_user_file(path)?,
        None => Cues::builtin()?,
    };
    let mut tone = Scorer::new();
    if let Some(path) = &settings.lexicon {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::File {
            path: name.clone(),
            message: format!("cannot read the lexicon: {e}"),
        })?;
        tone.extend_lexicon(&text).map_err(|e| Error::File {
            path: format!("{name}:{}", e.line),
            message: e.message,
        })?;
    }
    Ok(Judge { cues, tone, needs })
}

/// Counts for the summary printed after a run.
#[derive(Debug, Default)]
pub struct Summary {
    pub read: u64,
    pub accepted: u64,
    pub rejected: u64,
    /// Accepted rows that a filter left out.
    pub filtered: u64,
    /// Rows of only delimiters, skipped as blank lines (not read, not rejected).
    pub blank: u64,
    /// Accepted rows dropped by `--dedupe` as repeats of earlier ones.
    pub duplicates: u64,
    /// The latest date of any accepted row, kept by the filters or not.
    pub latest: Option<chrono::NaiveDateTime>,
    pub by_source_type: [u64; SourceType::ALL.len()],
    /// Each input's number of lines, by its index, once read to its end.
    pub lines: Vec<(usize, u64)>,
    /// The counts above for each input, by its index (for `--state`, which keeps them per
    /// input file).
    pub per_source: Vec<crate::partial::Summary>,
    /// The inputs whose last row has no line break after it.
    pub unterminated: Vec<usize>,
    /// Per outlet (as first written): rows and rows labeled `unknown`, for the first
    /// `SUMMARY_OUTLETS` outlets seen; the summary's hint must not grow with the input.
    unknown_by_outlet: HashMap<String, (u64, u64)>,
    /// The same, summed over the outlets seen after those.
    other_outlets: (u64, u64),
}

/// How many distinct outlets the summary's unknown-by-outlet hint keeps apart: the memory of
/// `label`'s summary is bounded whatever the number of outlets (about 1 MB at most).
pub const SUMMARY_OUTLETS: usize = 10_000;

/// Reads every input through the pipeline, hands each accepted claim to `on_claim` in input
/// order, reports each rejected row (stderr and `--rejects`), and prints the summary. Under
/// `--strict` it returns `Error::Strict` after reading everything if any row was rejected, so
/// the caller never commits its output.
pub fn read_claims(
    settings: &Settings,
    judge: &Judge,
    (sources, readers): (Vec<Source>, Vec<RecordReader>),
    mut on_claim: impl FnMut(usize, &StringRecord, &Claim<'_>, &Judgement) -> Result<()>,
) -> Result<Summary> {
    let mut rejects = match &settings.rejects {
        Some(path) => Some(RejectsFile::create(
            path,
            &sources,
            settings.output.escape_formulas,
        )?),
        None => None,
    };
    for source in &sources {
        for warning in &source.columns.warnings {
            eprintln!("{}: warning: {warning}", source.name);
        }
    }
    if !settings.quiet {
        for source in &sources {
            for note in &source.notes {
                crate::log::info(&format!("{}: {note}", source.name));
            }
        }
    }
    let mut summary = Summary {
        per_source: vec![crate::partial::Summary::default(); sources.len()],
        ..Summary::default()
    };
    let mut dedupe = settings.dedupe.then(crate::dedupe::Dedupe::default);
    // Which --person values found anyone, and the names seen, for a warning about the others.
    let wanted = &settings.filter.persons;
    let mut persons = PersonsSeen::new(wanted.len());
    // Inputs with bytes that are not UTF-8, for one hint each after the rows' warnings.
    let mut not_utf8: Vec<usize> = Vec::new();
    let pipeline = Pipeline {
        sources: &sources,
        dates: &settings.input.dates,
        judge,
        filter: &settings.filter,
        threads: settings.threads,
    };
    // Where each input starts within all inputs together, for the progress line.
    let starts: Vec<u64> = sources
        .iter()
        .scan(0, |at, s| {
            let start = *at;
            *at += s.size.unwrap_or(0);
            Some(start)
        })
        .collect();
    let total = sources.iter().map(|s| s.size).sum::<Option<u64>>();
    let mut progress = Progress::new(settings.progress, total);
    pipeline.run(readers, |row| {
        if let Row::Accepted { source, record, .. }
        | Row::Filtered { source, record, .. }
        | Row::Rejected { source, record, .. } = &row
        {
            let offset = record.position().map_or(0, |p| p.byte());
            progress.row(starts.get(source.index).copied().unwrap_or(0) + offset);
        }
        if !wanted.is_empty() {
            persons.note(&row, &settings.filter, &judge.cues);
        }
        match row {
            Row::Accepted {
                source,
                record,
                claim,
                judgement,
            } => {
                summary.read += 1;
                summary.accepted += 1;
                let own = summary.per_source.get_mut(source.index);
                if let Some(own) = own {
                    own.read += 1;
                    own.accepted += 1;
                    own.latest = own.latest.max(Some(claim.date));
                }
                if let Some(seen) = &mut dedupe
                    && seen.is_repeat(&claim, &judge.cues)
                {
                    summary.duplicates += 1;
                    summary.latest = summary.latest.max(Some(claim.date));
                    return Ok(());
                }
                summary.latest = summary.latest.max(Some(claim.date));
                summary.count(claim.outlet, judgement.source_type);
                if let Some(own) = summary.per_source.get_mut(source.index) {
                    own.source_types.0[judgement.source_type.index()] += 1;
                }
                on_claim(source.index, record, &claim, judgement)?;
            }
            Row::Filtered { source, date, .. } => {
                summary.read += 1;
                summary.accepted += 1;
                summary.filtered += 1;
                summary.latest = summary.latest.max(Some(date));
                if let Some(own) = summary.per_source.get_mut(source.index) {
                    own.read += 1;
                    own.accepted += 1;
                    own.filtered += 1;
                    own.latest = own.latest.max(Some(date));
                }
            }
            Row::Rejected {
                source,
                record,
                line,
                reason,
            } => {
                summary.read += 1;
                summary.rejected += 1;
                if let Some(own) = summary.per_source.get_mut(source.index) {
                    own.read += 1;
                    own.rejected += 1;
                }
                let message = format!("{}:{line}: {reason}", source.name);
                progress.suspend(|| crate::log::row_warning(&message));
                if let Some(file) = &mut rejects {
                    file.write(source, line, reason, record)?;
                }
            }
            Row::End { source, lines } => {
                summary.lines.push((source.index, lines));
            }
            Row::Blank { source, .. } => {
                summary.blank += 1;
                if let Some(own) = summary.per_source.get_mut(source.index) {
                    own.blank += 1;
                }
            }
            Row::Warning {
                source,
                line,
                warning,
            } => {
                if warning == crate::pipeline::Warning::NotUtf8 {
                    not_utf8.push(source.index);
                }
                if warning == crate::pipeline::Warning::NoFinalLineBreak {
                    summary.unterminated.push(source.index);
                }
                let message = format!("{}:{line}: warning: {warning}", source.name);
                progress.suspend(|| crate::log::row_warning(&message));
            }
        }
        Ok(())
    })?;
    progress.finish();
    persons.warn(&settings.filter, &judge.cues);
    not_utf8.dedup();
    if settings.input.encoding.is_none() {
        for source in not_utf8.iter().filter_map(|&i| sources.get(i)) {
            crate::log::warning(&format!(
                "{}: the file is not UTF-8; if it comes from an older system, give its \
                 encoding: --encoding windows-1252 (or latin1, iso-8859-15, utf-16, ...)",
                source.name
            ));
        }
    }
    if let Some(file) = rejects {
        file.commit()?;
    }
    if !settings.quiet {
        summary.print(&sources, settings);
    }
    if settings.strict && summary.rejected > 0 {
        return Err(Error::Strict {
            rejected: summary.rejected,
        });
    }
    Ok(summary)
}

impl Summary {
    fn count(&mut self, outlet: &str, source_type: SourceType) {
        self.by_source_type[source_type.index()] += 1;
        let unknown = u64::from(source_type == SourceType::Unknown);
        let full = self.unknown_by_outlet.len() >= SUMMARY_OUTLETS;
        match self.unknown_by_outlet.get_mut(outlet) {
            Some((rows, unknowns)) => {
                *rows += 1;
                *unknowns += unknown;
            }
            None if full => {
                self.other_outlets.0 += 1;
                self.other_outlets.1 += unknown;
            }
            None => {
                self.unknown_by_outlet
                    .insert(outlet.to_string(), (1, unknown));
            }
        }
    }

    /// The summary on stderr, one log line each (see `crate::log`): counts with thousands
    /// separators and the right plural.
    fn print(&self, sources: &[Source], settings: &Settings) {
        use crate::log::count;
        let names: Vec<String> = sources
            .iter()
            .map(|s| match self.lines.iter().find(|(i, _)| *i == s.index) {
                Some((_, lines)) => {
                    format!("{}: {}", s.name, crate::log::count(*lines, "line", "lines"))
                }
                None => s.name.clone(),
            })
            .collect();
        let counts = crate::partial::run::summary_of(self);
        log_totals(&counts, &names.join(", "), &[]);
        if self.duplicates > 0 {
            crate::log::info(&format!(
                "{} dropped (--dedupe)",
                count(self.duplicates, "duplicate row", "duplicate rows")
            ));
        }
        if self.blank > 0 {
            crate::log::info(&format!(
                "{} (only delimiters) skipped",
                count(self.blank, "blank row", "blank rows")
            ));
        }
        if self.rejected > 0 {
            let hint = match &settings.rejects {
                Some(p) => format!("rejected rows written to {}", p.display()),
                None => "keep them with --rejects FILE".to_string(),
            };
            crate::log::info(&hint);
        }
        log_filtered_and_types(&counts);
        let mut unknown: Vec<(&String, &(u64, u64))> = self
            .unknown_by_outlet
            .iter()
            .filter(|(_, (_, u))| *u > 0)
            .collect();
        unknown.sort_by(|a, b| b.1.1.cmp(&a.1.1).then_with(|| a.0.cmp(b.0)));
        if !unknown.is_empty() {
            let shares: Vec<String> = unknown
                .iter()
                .take(10)
                .map(|(outlet, (rows, u))| {
                    let outlet = if outlet.is_empty() {
                        "(no outlet)".to_string()
                    } else {
                        printable(outlet)
                    };
                    format!(
                        "{outlet} {} of {} ({:.1}%)",
                        thousands(*u),
                        thousands(*rows),
                        100.0 * *u as f64 / *rows as f64
                    )
                })
                .collect();
            let mut more = if unknown.len() > 10 {
                format!(" and {} more", thousands((unknown.len() - 10) as u64))
            } else {
                String::new()
            };
            let (rows, u) = self.other_outlets;
            if u > 0 {
                use std::fmt::Write as _;
                let _ = write!(
                    more,
                    "; outlets after the first {SUMMARY_OUTLETS} seen, together: {} of {}",
                    thousands(u),
                    thousands(rows)
                );
            }
            crate::log::info(&format!(
                "unknown source type by outlet (add cues for these): {}{more}",
                shares.join(", ")
            ));
        }
    }
}

/// The summary's first line: `N rows read, N accepted, N rejected (where)`, with the counts
/// (and `extra` ones) as numbers in a JSON log line.
pub fn log_totals(counts: &crate::partial::Summary, place: &str, extra: &[(&str, u64)]) {
    let mut numbers = vec![
        ("read", counts.read),
        ("accepted", counts.accepted),
        ("rejected", counts.rejected),
        ("filtered_out", counts.filtered),
    ];
    numbers.extend(extra);
    // No place when nothing was read (every --state file unchanged): no empty `()`.
    let place = if place.is_empty() {
        String::new()
    } else {
        format!(" ({place})")
    };
    crate::log::line(
        crate::log::Level::Info,
        &format!(
            "{} read, {} accepted, {} rejected{place}",
            crate::log::count(counts.read, "row", "rows"),
            thousands(counts.accepted),
            thousands(counts.rejected),
        ),
        &numbers,
    );
}

/// The summary's lines on the rows the filters kept, and the rows per source type.
pub fn log_filtered_and_types(counts: &crate::partial::Summary) {
    if counts.filtered > 0 {
        let matched = counts.accepted - counts.filtered;
        crate::log::info(&format!(
            "{} the filters, {} left out",
            crate::log::count(matched, "row matched", "rows matched"),
            thousands(counts.filtered)
        ));
    }
    let types: Vec<String> = SourceType::ALL
        .iter()
        .zip(counts.source_types.0)
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| format!("{t} {}", thousands(n)))
        .collect();
    if !types.is_empty() {
        crate::log::info(&format!("source types: {}", types.join(", ")));
    }
}

/// The `--rejects` file: every rejected record as CSV, with where it came from and why. It is
/// rectangular, so CSV tools read it: `file, line, reason`, the first input's columns, and
/// `raw`. A record whose fields fit those columns fills them; one that does not (a wrong field
/// count, another file's columns) leaves them empty and is kept whole in `raw`, written back as
/// one CSV record in its own file's delimiter. So is one swallowed by an unclosed quote, even
/// when its field count fits: its fields hold the rest of the file, not the row's values.
struct RejectsFile {
    out: csv::Writer<Sink>,
    /// For each source, where each of the first source's columns sits in its records.
    orders: Vec<Option<Vec<usize>>>,
    width: usize,
    raw: Vec<u8>,
    /// `--escape-formulas`: the input's cells (and `raw`) get a `'` as in the main output, since
    /// the rejects file is opened in the same spreadsheet.
    escape_formulas: bool,
}

/// The rejects file's header: `file, line, reason`, the input's columns, `raw`. The input's
/// columns keep their names (as in the main output); one of the four that an input column
/// already has gives way to it by the rule input headers follow for a repeated name
/// (`input::unique_names`): `reason` becomes `reason_2` (`reason_3` if that is taken too), with
/// a note on stderr.
fn rejects_header(columns: &[String]) -> Vec<String> {
    const OURS: [&str; 4] = ["file", "line", "reason", "raw"];
    let mut names = columns.to_vec();
    names.extend(OURS.map(String::from));
    // The input's names come first, so they are the ones kept; the warnings name positions in
    // this list, not in the file, and are replaced by the note below.
    let (mut names, _) = crate::input::unique_names(names);
    let ours = names.split_off(columns.len());
    for (given, name) in OURS.iter().zip(&ours) {
        if given != name {
            crate::log::info(&format!(
                "the rejects file's column `{given}` is written as `{name}`: the input has a \
                 column of that name"
            ));
        }
    }
    let mut header = ours;
    let raw = header.pop().unwrap_or_default();
    header.extend(names);
    header.push(raw);
    header
}

impl RejectsFile {
    fn create(
        path: &std::path::Path,
        sources: &[Source],
        escape_formulas: bool,
    ) -> Result<RejectsFile> {
        let mut out = csv::WriterBuilder::new().from_writer(Sink::open(Some(path))?);
        let first = sources.first().map(|s| &s.columns);
        let header = rejects_header(first.map_or(&[], |f| &f.headers[..]));
        out.write_record(&header)
            .map_err(|e| rejects_error(path, e))?;
        let orders = match first {
            Some(first) => sources.iter().map(|s| s.columns.align_to(first)).collect(),
            None => Vec::new(),
        };
        Ok(RejectsFile {
            out,
            orders,
            width: first.map_or(0, |f| f.width()),
            raw: Vec::new(),
            escape_formulas,
        })
    }

    fn write(
        &mut self,
        source: &Source,
        line: u64,
        reason: &Reason,
        record: &StringRecord,
    ) -> Result<()> {
        let failed = |e: csv::Error| Error::Other(format!("cannot write the rejects file: {e}"));
        let line = line.to_string();
        let text = reason.to_string();
        for field in [source.name.as_str(), &line, &text] {
            self.out.write_field(field).map_err(failed)?;
        }
        let order = self.orders.get(source.index).and_then(Option::as_ref);
        let fits = order
            .filter(|_| source.columns.fits(record) && !record.is_empty() && !reason.keeps_whole());
        self.raw.clear();
        match fits {
            Some(order) => {
                for &i in order {
                    let cell = record.get(i).unwrap_or("");
                    if self.escape_formulas && crate::output::looks_like_formula(cell) {
                        self.raw.clear();
                        self.raw.push(b'\'');
                        self.raw.extend_from_slice(cell.as_bytes());
                        self.out.write_field(&self.raw).map_err(failed)?;
                    } else {
                        self.out.write_field(cell).map_err(failed)?;
                    }
                }
                self.raw.clear();
            }
            None => {
                for _ in 0..self.width {
                    self.out.write_field("").map_err(failed)?;
                }
                if !record.is_empty() {
                    let mut raw = csv::WriterBuilder::new()
                        .delimiter(source.delimiter)
                        .terminator(csv::Terminator::Any(b'\n'))
                        .from_writer(&mut self.raw);
                    raw.write_record(record).map_err(failed)?;
                    raw.flush()?;
                    drop(raw);
                    self.raw.pop();
                    if self.escape_formulas && crate::output::looks_like_formula(&self.raw) {
                        self.raw.insert(0, b'\'');
                    }
                }
            }
        }
        self.out.write_field(&self.raw).map_err(failed)?;
        self.out.write_record(None::<&[u8]>).map_err(failed)
    }

    fn commit(self) -> Result<()> {
        let sink = self
            .out
            .into_inner()
            .map_err(|e| Error::Other(format!("cannot write the rejects file: {}", e.error())))?;
        sink.commit()
    }
}

fn rejects_error(path: &std::path::Path, e: csv::Error) -> Error {
    Error::File {
        path: path.display().to_string(),
        message: format!("cannot write: {e}"),
    }
}

/// For `--person`: which values found a row, and every person named in the input, so that a
/// value that found no one gets a warning with the closest names.
struct PersonsSeen {
    found: Vec<bool>,
    names: std::collections::HashSet<String>,
}

impl PersonsSeen {
    fn new(wanted: usize) -> PersonsSeen {
        PersonsSeen {
            found: vec![false; wanted],
            names: std::collections::HashSet::new(),
        }
    }

    fn note(&mut self, row: &Row<'_>, filter: &crate::filter::Filter, cues: &Cues) {
        let person = match row {
            Row::Accepted { claim, .. } => claim.person,
            Row::Filtered {
                source,
                record,
                date,
            } => source.columns.view(record, *date).person,
            _ => return,
        };
        if let Some(i) = filter.person_index(person, cues) {
            self.found[i] = true;
        }
        if !self.names.contains(person) {
            self.names.insert(person.to_string());
        }
    }

    fn warn(&self, filter: &crate::filter::Filter, cues: &Cues) {
        for ((_, wanted), found) in filter.persons.iter().zip(&self.found) {
            if *found {
                continue;
            }
            let close = crate::people::closest(wanted, self.names.iter().map(String::as_str), cues);
            let hint = if close.is_empty() {
                "no name in the input is close".to_string()
            } else {
                // Names from the input: escaped and cut like any field in a message.
                let shown: Vec<String> = close
                    .iter()
                    .map(|n| crate::message::field(n).to_string())
                    .collect();
                format!("closest names: {}", shown.join(", "))
            };
            crate::log::warning(&format!(
                "warning: --person `{}` matches no one; {hint}",
                crate::message::field(wanted)
            ));
        }
    }
}
