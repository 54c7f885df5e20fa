//! `claimtrack merge`: partial results of `report`, `topics` or `outlets` (`--partial`, see
//! `crate::partial`) combined into the table one run over all their rows writes.

use std::io::{BufReader, IsTerminal};
use std::path::PathBuf;

use crate::cli::MergeArgs;
use crate::cmd::report::Report;
use crate::cmd::{outlets, report, topics};
use crate::config::{OutputSettings, output_settings};
use crate::error::{Error, Result};
use crate::lifecycle::{Lifecycle, Rules};
use crate::log::count;
use crate::output::Sink;
use crate::overwrite;
use crate::partial::{self, Aggregate, Command, Event, Header, Summary};
use crate::people::People;
use crate::period::By;
use crate::source_type::SourceType;

/// The aggregate being merged into, made from the first partial's header.
enum Merged {
    Report { report: Box<Report>, wide: bool },
    Lifecycle(Box<Lifecycle>),
}

impl Merged {
    /// The aggregate for partials with `header`, with the merge's own flags; a flag that does
    /// not apply to the partials' command, or that they cannot honour, is a usage error.
    fn new(header: &Header, args: &MergeArgs) -> std::result::Result<Merged, String> {
        let people = People::from_lines(&header.settings.people).map_err(|e| e.to_string())?;
        let command = header.command.as_str();
        let refuse = |flag: &str, applies: &str| {
            Err(format!(
                "{flag} applies to {applies} partials, and these are `{command}` partials"
            ))
        };
        match header.command {
            Command::Report => {
                if args.as_of.is_some() {
                    return refuse("--as-of", "topics and outlets");
                }
                if args.unresolved_after.is_some() {
                    return refuse("--unresolved-after", "topics and outlets");
                }
                if !args.resolve_by.is_empty() {
                    return refuse("--resolve-by", "topics and outlets");
                }
                let by = header
                    .settings
                    .by
                    .as_deref()
                    .and_then(By::parse)
                    .ok_or_else(|| {
                        "a report partial without a valid `by`: write it again with --partial"
                            .to_string()
                    })?;
                let to = args.by.unwrap_or(by);
                if !by.rolls_up_to(to) {
                    return Err(format!(
                        "the partials count --by {}, and a {} does not lie within one {}: write \
                         the partials --by day, or --by {} itself",
                        by.as_str(),
                        by.as_str(),
                        to.as_str(),
                        to.as_str()
                    ));
                }
                Ok(Merged::Report {
                    report: Box::new(Report::new(to, args.fill, people)),
                    wide: args.wide,
                })
            }
            Command::Topics | Command::Outlets => {
                for (given, flag) in [
                    (args.by.is_some(), "--by"),
                    (args.fill, "--fill"),
                    (args.wide, "--wide"),
                ] {
                    if given {
                        return refuse(flag, "report");
                    }
                }
                let mut rules = Rules {
                    unresolved_after_days: i64::from(args.unresolved_after.unwrap_or(90)),
                    as_of: args.as_of,
                    ..Rules::default()
                };
                if let Some(own) = &header.settings.resolve_by {
                    if !args.resolve_by.is_empty() {
                        let mut wanted = args.resolve_by.clone();
                        wanted.sort();
                        wanted.dedup();
                        if &wanted != own {
                            let list = |v: &[SourceType]| {
                                v.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(",")
                            };
                            return Err(format!(
                                "--resolve-by {} cannot be applied to partials made with \
                                 --resolve-by {}: it decides which rows resolve a topic as they \
                                 are read; write the partials again with --resolve-by {}",
                                list(&wanted),
                                list(own),
                                list(&wanted)
                            ));
                        }
                    }
                    rules.resolve_by = own.clone();
                }
                Ok(Merged::Lifecycle(Box::new(Lifecycle::new(
                    rules,
                    header.command == Command::Outlets,
                ))))
            }
        }
    }

    fn absorb(&mut self, line: partial::Line, by: Option<By>) -> std::result::Result<(), String> {
        match self {
            Merged::Report { report, .. } => report.as_mut().absorb(line, by),
            Merged::Lifecycle(lifecycle) => lifecycle.as_mut().absorb(line, by),
        }
    }
}

/// The inputs as paths, `-` for stdin: stdin when none is given and it is not a terminal.
fn inputs(args: &MergeArgs) -> Result<Vec<PathBuf>> {
    let mut files = args.files.clone();
    if files.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(Error::Usage(
                "no input: give partial files (claimtrack merge shards/*.part) or pipe them in \
                 (cat shards/*.part | claimtrack merge)"
                    .to_string(),
            ));
        }
        files.push(PathBuf::from("-"));
    }
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(Error::Usage(
            "stdin (`-`) can be read only once".to_string(),
        ));
    }
    // One file given twice (`a.jsonl ./a.jsonl`, a hard link, or a shell pattern that
    // overlaps another) would count its rows twice: the same file is the same inode.
    let mut seen: Vec<(overwrite::Identity, &PathBuf)> = Vec::new();
    for file in files.iter().filter(|f| f.as_os_str() != "-") {
        let full = overwrite::identity(file);
        if full == overwrite::Identity::NotAFile {
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(f, _)| *f == full) {
            let (a, b) = (first.display(), file.display());
            let what = if a.to_string() == b.to_string() {
                format!("{a} is given twice")
            } else {
                format!("{a} and {b} are the same file")
            };
            return Err(Error::Usage(format!(
                "{what}: its rows would count twice; give each partial once"
            )));
        }
        seen.push((full, file));
    }
    Ok(files)
}

/// A reader that hashes the bytes read through it: two inputs of the same bytes are most
/// likely one partial copied, whose rows would count twice.
struct Hashing<R> {
    inner: R,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl<R: std::io::Read> std::io::Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

fn refuse_overwriting(files: &[PathBuf], output: &OutputSettings) -> Result<()> {
    use crate::overwrite::{Named, check};
    let named = crate::overwrite::inputs(files);
    let outputs: Vec<Named> = output
        .path
        .iter()
        .map(|path| Named { role: "-o", path })
        .collect();
    let stdin = files.iter().any(|f| f.as_os_str() == "-");
    check(&named, stdin, &outputs, output.path.is_none())
}

pub fn run(args: &MergeArgs) -> Result<()> {
    crate::log::set_format(args.log_format);
    let output = output_settings(&args.output)?;
    let files = inputs(args)?;
    refuse_overwriting(&files, &output)?;
    let sink = Sink::open(output.path.as_deref())?;
    let mut merged: Option<(Merged, Header, String)> = None;
    let mut usage: Option<String> = None;
    let mut total = Summary::default();
    let mut partials = 0u64;
    let mut names: Vec<String> = Vec::new();
    // Each input's name and the hash of its bytes, to tell of copies.
    let mut hashes: Vec<(String, u128)> = Vec::new();
    for file in &files {
        let (name, raw): (String, Box<dyn std::io::Read>) = if file.as_os_str() == "-" {
            ("<stdin>".to_string(), Box::new(std::io::stdin()))
        } else {
            let name = file.display().to_string();
            let opened = std::fs::File::open(file).map_err(|e| Error::File {
                path: name.clone(),
                message: crate::input::open_error(&e),
            })?;
            (name, Box::new(opened))
        };
        let mut reader = BufReader::with_capacity(
            1 << 16,
            Hashing {
                inner: raw,
                hash: xxhash_rust::xxh3::Xxh3::new(),
            },
        );
        let mut by = None;
        let mut rows = 0u64;
        let read = partial::read(&name, &mut reader, &mut |event| {
            match event {
                Event::Start(header, _) => {
                    match &merged {
                        None => match Merged::new(&header, args) {
                            Ok(m) => merged = Some((m, header.clone(), name.clone())),
                            Err(e) => {
                                usage = Some(e.clone());
                                return Err(e);
                            }
                        },
                        Some((_, first, first_name)) => {
                            if let Some(what) = first.mismatch(&header) {
                                return Err(format!(
                                    "cannot be merged with the partial of {first_name}: they \
                                     differ in {what}; merge partials of one command, written \
                                     by one claimtrack with the same settings"
                                ));
                            }
                        }
                    }
                    by = header.settings.by.as_deref().and_then(By::parse);
                    total.add(&header.summary);
                    rows = rows.saturating_add(header.summary.read);
                    partials += 1;
                }
                Event::Record(line) => {
                    if let Some((m, ..)) = &mut merged {
                        m.absorb(line, by)?;
                    }
                }
                Event::Finish => {}
            }
            Ok(())
        });
        if let Some(message) = usage.take() {
            return Err(Error::Usage(message));
        }
        if read? == 0 {
            // A shard that failed, or was stopped before it wrote anything, leaves an empty
            // file: merging without it would give a table short of its rows, and say nothing.
            return Err(Error::File {
                path: name,
                message: "no partial in it (it is empty, or only blank lines): the run that \
                          should have written it failed or was stopped; write it again, or \
                          leave it out of the merge"
                    .to_string(),
            });
        }
        let hash = reader.into_inner().hash.digest128();
        if rows > 0
            && let Some((first, _)) = hashes.iter().find(|(_, h)| *h == hash)
        {
            crate::log::warning(&format!(
                "{name} holds the same bytes as {first}: their rows are counted twice; if one \
                 is a copy of the other, leave it out"
            ));
        }
        hashes.push((name.clone(), hash));
        names.push(name);
    }
    let Some((merged, header, _)) = merged else {
        return Err(Error::Other("no partial to merge".to_string()));
    };
    if !args.quiet {
        print_summary(&total, partials, &names);
    }
    write(merged, &header, &output, sink, &total)
}

/// The merged counts on stderr, as a run's summary gives them.
fn print_summary(total: &Summary, partials: u64, names: &[String]) {
    let place = format!(
        "in {}: {}",
        count(partials, "partial", "partials"),
        names.join(", ")
    );
    crate::cmd::log_totals(total, &place, &[("partials", partials)]);
    crate::cmd::log_filtered_and_types(total);
}

fn write(
    merged: Merged,
    header: &Header,
    output: &OutputSettings,
    sink: Sink,
    total: &Summary,
) -> Result<()> {
    match merged {
        Merged::Report { report, wide } => {
            crate::output::select::check(
                &output.columns,
                &Report::columns([true; SourceType::ALL.len()]),
            )
            .map_err(|e| Error::Usage(e.0))?;
            report::write(&report, output, sink, wide)
        }
        Merged::Lifecycle(mut lifecycle) => {
            let people = People::from_lines(&header.settings.people)?;
            lifecycle.regroup(&people);
            lifecycle.include_latest(total.latest);
            if header.command == Command::Outlets {
                outlets::write(&lifecycle, output, sink)
            } else {
                topics::write(&lifecycle, output, sink)
            }
        }
    }
}
