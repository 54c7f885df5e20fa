//! Running `report`, `topics` or `outlets` with `--partial` or `--state`: the rows are read as
//! usual into the command's aggregate, which is then written as a partial, or kept per input
//! file in the state folder (`state`), or both.

use std::path::Path;

use crate::claim::Claim;
use crate::cmd;
use crate::config::Settings as RunSettings;
use crate::cues::Cues;
use crate::error::{Error, Result};
use crate::input::{self, Source};
use crate::judge::{Judge, Judgement};
use crate::output::Sink;
use crate::partial::{self, Aggregate, Command, Filters, Header, Settings, Summary};
use crate::period::By;
use crate::source_type::SourceType;

/// What a command asks of `run`.
pub struct Job<'a> {
    pub command: Command,
    pub settings: &'a RunSettings,
    /// The settings written in the partial's header.
    pub header: Settings,
    /// `--partial`: write the partial (to `-o` or stdout) instead of the table.
    pub partial: bool,
    /// `--state DIR`.
    pub state: Option<&'a Path>,
}

/// The flags a command was given that `--partial` and `--state` need to check.
pub struct Flags<'a> {
    pub partial: bool,
    pub state: Option<&'a Path>,
    pub common: &'a crate::cli::CommonArgs,
    /// Output-only flags of the command (`--fill`, `--wide`) that were given, by name.
    pub table_only: &'a [&'a str],
}

/// Refuses what cannot go with `--partial` or `--state`: table options with `--partial` (they
/// belong to `merge`), `--dedupe` (which keeps the first of repeated rows: which one depends on
/// how the input is split), `--state` with stdin, and outputs inside the state folder.
pub fn check_flags(flags: &Flags<'_>) -> Result<()> {
    let usage = |m: String| Err(Error::Usage(m));
    if flags.common.dedupe {
        let flag = if flags.partial {
            "--partial"
        } else {
            "--state"
        };
        return usage(format!(
            "--dedupe cannot go with {flag}: which of two repeated rows is kept depends on how \
             the input is split, so partial results would not merge exactly; drop the repeats \
             before (claimtrack label --dedupe ... | claimtrack report --partial -)"
        ));
    }
    if flags.partial {
        let output = &flags.common.output;
        let mut given: Vec<&str> = flags.table_only.to_vec();
        if output
            .format
            .is_some_and(|f| f != crate::output::Format::Jsonl)
        {
            given.push("--format");
        }
        for (set, name) in [
            (!output.select.is_empty(), "--columns"),
            (output.bom, "--bom"),
            (output.output_delimiter.is_some(), "--output-delimiter"),
            (output.escape_formulas, "--escape-formulas"),
        ] {
            if set {
                given.push(name);
            }
        }
        if let Some(flag) = given.first() {
            return usage(format!(
                "{flag} shapes the table, and --partial writes no table: give it to \
                 `claimtrack merge`, which writes the table from the partials"
            ));
        }
    }
    if let Some(dir) = flags.state {
        let stdin = flags.common.files.is_empty()
            || flags.common.files.iter().any(|f| f.as_os_str() == "-");
        if stdin {
            return usage(
                "--state keeps where each input file was read to, and stdin is no file: give \
                 the files by name (claimtrack report --state DIR archive.csv)"
                    .to_string(),
            );
        }
        // The state folder holds claimtrack's own files: an output written into it could
        // replace a state file, and the next night would read everything again.
        let folder = std::fs::canonicalize(dir).unwrap_or_else(|_| crate::overwrite::resolve(dir));
        let outputs = [
            ("-o", flags.common.output.output.as_deref()),
            ("--rejects", flags.common.rejects.as_deref()),
        ];
        for (role, path) in outputs {
            if let Some(path) = path.filter(|p| p.as_os_str() != "-")
                && crate::overwrite::resolve(path).starts_with(&folder)
            {
                return usage(format!(
                    "{role} {} is inside the --state folder {}: claimtrack keeps its state \
                     files there, and writing into it could replace one; write it elsewhere",
                    path.display(),
                    dir.display()
                ));
            }
        }
    }
    Ok(())
}

/// Whether `--since` or `--until` counts back from the as-of date (`7d`, `4w`, `3m`).
pub fn has_relative_bound(
    common: &crate::cli::CommonArgs,
    dates: &crate::date::DateParser,
) -> bool {
    let f = &common.filter;
    [&f.since, &f.until].into_iter().flatten().any(|text| {
        matches!(
            crate::date::DateBound::parse_with(text, dates),
            Ok(crate::date::DateBound::Back { .. })
        )
    })
}

/// The header settings of a run: `by` for `report`, `resolve_by` for `topics` and `outlets`,
/// and the filters, `--people`, `--cues` and `--lexicon` of every command.
pub fn header_settings(
    settings: &RunSettings,
    by: Option<By>,
    resolve_by: Option<&[SourceType]>,
) -> Result<Settings> {
    let f = &settings.filter;
    let mut person: Vec<String> = f.persons.iter().map(|(_, typed)| typed.clone()).collect();
    person.sort();
    person.dedup();
    let mut outlet = f.outlets.clone();
    outlet.sort();
    outlet.dedup();
    let mut source_type = f.source_types.clone();
    source_type.sort();
    source_type.dedup();
    let mut standing: Vec<String> = f.standings.iter().map(|s| s.as_str().to_string()).collect();
    standing.sort();
    standing.dedup();
    let resolve_by = resolve_by.map(|types| {
        let mut types = types.to_vec();
        types.sort();
        types.dedup();
        types
    });
    let hash = |path: &Option<std::path::PathBuf>, what: &str| -> Result<Option<String>> {
        let Some(path) = path else { return Ok(None) };
        let bytes = std::fs::read(path).map_err(|e| Error::File {
            path: path.display().to_string(),
            message: format!("cannot read the {what}: {e}"),
        })?;
        Ok(Some(partial::hash_hex(&bytes)))
    };
    Ok(Settings {
        by: by.map(|b| b.as_str().to_string()),
        resolve_by,
        filters: Filters {
            person,
            outlet,
            source_type,
            standing,
            since: f.since,
            until: f.until,
        },
        people: f.people.lines().to_vec(),
        cues: hash(&settings.cues, "cue file")?,
        lexicon: hash(&settings.lexicon, "lexicon")?,
    })
}

/// The summary of a run as a partial's header keeps it.
pub fn summary_of(summary: &cmd::Summary) -> Summary {
    Summary {
        read: summary.read,
        accepted: summary.accepted,
        rejected: summary.rejected,
        filtered: summary.filtered,
        blank: summary.blank,
        latest: summary.latest,
        source_types: partial::TypeCounts(summary.by_source_type),
    }
}

/// Reads the rows into the aggregate `new` makes, `add` taking each claim; `check` looks at
/// the opened inputs first (their columns). With `--partial`, writes the partial to `sink` and
/// returns `None`; otherwise returns the aggregate of every row (with `--state`, of every
/// row ever read from the files) and its summary, for the caller to write the table.
pub fn run<A: Aggregate>(
    job: &Job<'_>,
    judge: &Judge,
    sink: Sink,
    new: &dyn Fn() -> A,
    add: &dyn Fn(&mut A, &Claim<'_>, &Judgement, &Cues),
    check: &dyn Fn(&[Source]) -> Result<()>,
) -> Result<Option<(A, Summary, Sink)>> {
    let (aggregate, summary) = match job.state {
        Some(dir) => super::state::run(job, judge, dir, new, add, check)?,
        None => {
            let inputs = input::open(&job.settings.input)?;
            check(&inputs.0)?;
            let mut aggregate = new();
            let summary =
                cmd::read_claims(job.settings, judge, inputs, |_, _, claim, judgement| {
                    add(&mut aggregate, claim, judgement, &judge.cues);
                    Ok(())
                })?;
            (aggregate, summary_of(&summary))
        }
    };
    if !job.partial {
        return Ok(Some((aggregate, summary, sink)));
    }
    let header = Header::new(job.command, job.header.clone(), summary);
    let mut sink = sink;
    partial::write(&mut sink, &header, None, &aggregate)?;
    sink.commit()?;
    Ok(None)
}
