//! The subcommands, one module each, and what they share: building the judge, running the
//! pipeline, reporting rejected rows and printing the run's summary.

pub mod cues;
pub mod label;
pub mod outlets;
pub mod report;
pub mod topics;

use std::collections::HashMap;
use std::io::Write;

use csv::StringRecord;

use crate::claim::Claim;
use crate::config::Settings;
use crate::cues::Cues;
use crate::error::{Error, Result};
use crate::input::{RecordReader, Source};
use crate::judge::Judgement;
use crate::judge::{Judge, Needs};
use crate::output::Sink;
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
    /// Per outlet (as first written): rows and rows labeled `unknown`.
    unknown_by_outlet: HashMap<String, (u64, u64)>,
}

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
        Some(path) => Some(RejectsFile::create(path, &sources)?),
        None => None,
    };
    if !settings.quiet {
        for source in &sources {
            for note in &source.notes {
                eprintln!("claimtrack: {}: {note}", source.name);
            }
        }
    }
    let mut summary = Summary::default();
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
    let stderr = std::io::stderr();
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
                if let Some(seen) = &mut dedupe
                    && seen.is_repeat(&claim, &judge.cues)
                {
                    summary.duplicates += 1;
                    summary.latest = summary.latest.max(Some(claim.date));
                    return Ok(());
                }
                summary.latest = summary.latest.max(Some(claim.date));
                summary.count(claim.outlet, judgement.source_type);
                on_claim(source.index, record, &claim, judgement)?;
            }
            Row::Filtered { date, .. } => {
                summary.read += 1;
                summary.accepted += 1;
                summary.filtered += 1;
                summary.latest = summary.latest.max(Some(date));
            }
            Row::Rejected {
                source,
                record,
                line,
                reason,
            } => {
                summary.read += 1;
                summary.rejected += 1;
                let _ = writeln!(stderr.lock(), "{}:{line}: {reason}", source.name);
                if let Some(file) = &mut rejects {
                    file.write(&source.name, line, &reason.to_string(), record)?;
                }
            }
            Row::Blank { .. } => summary.blank += 1,
            Row::Warning {
                source,
                line,
                warning,
            } => {
                if warning == crate::pipeline::Warning::NotUtf8 {
                    not_utf8.push(source.index);
                }
                let _ = writeln!(stderr.lock(), "{}:{line}: warning: {warning}", source.name);
            }
        }
        Ok(())
    })?;
    progress.finish();
    persons.warn(&settings.filter, &judge.cues);
    not_utf8.dedup();
    if settings.input.encoding.is_none() {
        for source in not_utf8.iter().filter_map(|&i| sources.get(i)) {
            let _ = writeln!(
                stderr.lock(),
                "claimtrack: {}: the file is not UTF-8; if it comes from an older system, give \
                 its encoding: --encoding windows-1252 (or latin1, iso-8859-15, utf-16, ...)",
                source.name
            );
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
        match self.unknown_by_outlet.get_mut(outlet) {
            Some((rows, unknowns)) => {
                *rows += 1;
                *unknowns += unknown;
            }
            None => {
                self.unknown_by_outlet
                    .insert(outlet.to_string(), (1, unknown));
            }
        }
    }

    fn print(&self, sources: &[Source], settings: &Settings) {
        let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "claimtrack: {} rows read, {} accepted, {} rejected ({})",
            self.read,
            self.accepted,
            self.rejected,
            names.join(", ")
        );
        if self.duplicates > 0 {
            let _ = writeln!(
                err,
                "claimtrack: {} duplicate rows dropped (--dedupe)",
                self.duplicates
            );
        }
        if self.blank > 0 {
            let _ = writeln!(
                err,
                "claimtrack: {} blank rows (only delimiters) skipped",
                self.blank
            );
        }
        if self.rejected > 0 {
            let hint = match &settings.rejects {
                Some(p) => format!("rejected rows written to {}", p.display()),
                None => "keep them with --rejects FILE".to_string(),
            };
            let _ = writeln!(err, "claimtrack: {hint}");
        }
        if self.filtered > 0 {
            let _ = writeln!(
                err,
                "claimtrack: {} rows matched the filters, {} left out",
                self.accepted - self.filtered,
                self.filtered
            );
        }
        let counts: Vec<String> = SourceType::ALL
            .iter()
            .zip(self.by_source_type)
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        if !counts.is_empty() {
            let _ = writeln!(err, "claimtrack: source types: {}", counts.join(", "));
        }
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
                        "(no outlet)"
                    } else {
                        outlet.as_str()
                    };
                    format!(
                        "{outlet} {u} of {rows} ({:.1}%)",
                        100.0 * *u as f64 / *rows as f64
                    )
                })
                .collect();
            let more = if unknown.len() > 10 {
                format!(" and {} more", unknown.len() - 10)
            } else {
                String::new()
            };
            let _ = writeln!(
                err,
                "claimtrack: unknown source type by outlet (add cues for these): {}{more}",
                shares.join(", ")
            );
        }
    }
}

/// The `--rejects` file: every rejected record as CSV, with where it came from and why.
struct RejectsFile {
    out: csv::Writer<Sink>,
}

impl RejectsFile {
    fn create(path: &std::path::Path, sources: &[Source]) -> Result<RejectsFile> {
        let mut out = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Sink::open(Some(path))?);
        let mut header = vec!["file", "line", "reason"];
        if let Some(first) = sources.first() {
            header.extend(first.columns.headers.iter().map(String::as_str));
        }
        out.write_record(&header)
            .map_err(|e| rejects_error(path, e))?;
        Ok(RejectsFile { out })
    }

    fn write(&mut self, file: &str, line: u64, reason: &str, record: &StringRecord) -> Result<()> {
        let line = line.to_string();
        let fields = [file.as_bytes(), line.as_bytes(), reason.as_bytes()]
            .into_iter()
            .chain(record.as_byte_record().iter());
        self.out
            .write_record(fields)
            .map_err(|e| Error::Other(format!("cannot write the rejects file: {e}")))
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
                format!("closest names: {}", close.join(", "))
            };
            eprintln!(
                "claimtrack: warning: --person `{}` matches no one; {hint}",
                wanted.escape_debug()
            );
        }
    }
}
