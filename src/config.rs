//! Validated settings, resolved once from the command line. Terminal-dependent defaults (table
//! or CSV, whether stdin can be read) are decided here and nowhere else.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{CommonArgs, FilterArgs, OutputArgs};
use chrono::NaiveDate;

use crate::cues::Cues;
use crate::date::{DateBound, DateParser, DayOrder};
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::input::{InputPath, InputSettings};
use crate::name;
use crate::output::Format;
use crate::people::{self, People};

/// Where and how to write the output.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    pub format: Format,
    /// `None` is stdout.
    pub path: Option<PathBuf>,
    /// `--columns`: only these, in this order; empty is every column.
    pub columns: Vec<String>,
    /// `--bom`: CSV and TSV start with a UTF-8 byte order mark.
    pub bom: bool,
    /// `--output-delimiter`: CSV's field delimiter.
    pub delimiter: u8,
    /// `--escape-formulas`: CSV and TSV text cells that a spreadsheet would run get a `'`.
    pub escape_formulas: bool,
}

/// Everything a subcommand that reads claims needs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub input: InputSettings,
    pub filter: Filter,
    pub output: OutputSettings,
    pub rejects: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
    /// Show a progress line: only for a person watching stderr at a terminal.
    pub progress: bool,
    pub threads: usize,
    pub cues: Option<PathBuf>,
    pub lexicon: Option<PathBuf>,
    /// `--dedupe`: drop rows repeated across overlapping exports.
    pub dedupe: bool,
}

impl Settings {
    pub fn from_args(args: &CommonArgs) -> Result<Settings> {
        Settings::with_as_of(args, None)
    }

    /// `from_args` for a command with `--as-of`: relative `--since`/`--until` (`7d`) count back
    /// from it; from today without it.
    pub fn with_as_of(args: &CommonArgs, as_of: Option<NaiveDate>) -> Result<Settings> {
        Settings::with_output(args, output_settings(&args.output)?, as_of)
    }

    /// For a command that writes a page of its own (`brief`'s HTML): `-o` names any file, and
    /// the table formats and their options do not apply.
    pub fn for_page(args: &CommonArgs, as_of: Option<NaiveDate>) -> Result<Settings> {
        let output = OutputSettings {
            format: Format::Csv,
            path: args.output.output.clone().filter(|p| p.as_os_str() != "-"),
            columns: Vec::new(),
            bom: false,
            delimiter: b',',
            escape_formulas: false,
        };
        Settings::with_output(args, output, as_of)
    }

    fn with_output(
        args: &CommonArgs,
        output: OutputSettings,
        as_of: Option<NaiveDate>,
    ) -> Result<Settings> {
        crate::log::set_format(args.log_format);
        let progress = !args.quiet && std::io::stderr().is_terminal();
        if progress {
            // Before any output file installs its own handler: ours must clear the line first.
            crate::progress::clear_on_interrupt();
        }
        let input = input_settings(args)?;
        refuse_overwriting_inputs(args, &input, output.path.as_deref())?;
        Ok(Settings {
            filter: filter(&args.filter, as_of, args.people.as_deref(), &input.dates)?,
            input,
            output,
            rejects: match &args.rejects {
                // Rejected rows on stdout would mix with the data; stderr has the messages.
                Some(path) if path.as_os_str() == "-" => {
                    return Err(Error::Usage(
                        "--rejects needs a file name: `-` (stdout) would mix the rejected rows \
                         into the output"
                            .to_string(),
                    ));
                }
                // Always CSV: a name that says another format would hold what it does not say.
                Some(path)
                    if path
                        .extension()
                        .is_some_and(|e| !e.eq_ignore_ascii_case("csv")) =>
                {
                    return Err(Error::Usage(format!(
                        "--rejects {}: the rejects file is CSV (file, line, reason, the input's \
                         columns, raw); name it .csv, or give no extension",
                        path.display()
                    )));
                }
                other => other.clone(),
            },
            strict: args.strict,
            quiet: args.quiet,
            progress,
            threads: match args.threads {
                Some(n) => usize::from(n),
                None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            },
            cues: args.cues.clone(),
            lexicon: args.lexicon.clone(),
            dedupe: args.dedupe,
        })
    }
}

/// `-o` or `--rejects` onto an input (the claim files, `--people`, `--cues`, `--lexicon`), or
/// onto each other, or stdout redirected onto an input: a usage error before anything is read
/// or written (see `overwrite`).
fn refuse_overwriting_inputs(
    args: &CommonArgs,
    input: &InputSettings,
    output: Option<&Path>,
) -> Result<()> {
    use crate::overwrite::{Named, check};
    let mut inputs: Vec<Named> = input
        .paths
        .iter()
        .filter_map(|p| match p {
            InputPath::File(path) => Some(Named {
                role: "the input",
                path,
            }),
            InputPath::Stdin => None,
        })
        .collect();
    for (role, path) in [
        ("--people", &args.people),
        ("--cues", &args.cues),
        ("--lexicon", &args.lexicon),
    ] {
        if let Some(path) = path {
            inputs.push(Named { role, path });
        }
    }
    let mut outputs = Vec::new();
    if let Some(path) = output {
        outputs.push(Named { role: "-o", path });
    }
    if let Some(path) = args.rejects.as_deref().filter(|p| p.as_os_str() != "-") {
        outputs.push(Named {
            role: "--rejects",
            path,
        });
    }
    let stdin = input.paths.contains(&InputPath::Stdin);
    check(&inputs, stdin, &outputs, output.is_none())
}

fn input_settings(args: &CommonArgs) -> Result<InputSettings> {
    let mut paths: Vec<InputPath> = args
        .files
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                InputPath::Stdin
            } else {
                InputPath::File(p.clone())
            }
        })
        .collect();
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(Error::Usage(
                "no input: give a CSV file (claimtrack report data/claims.csv) or pipe one in \
                 (cat claims.csv | claimtrack report)"
                    .to_string(),
            ));
        }
        paths.push(InputPath::Stdin);
    }
    if paths.iter().filter(|p| **p == InputPath::Stdin).count() > 1 {
        return Err(Error::Usage(
            "stdin (`-`) can be read only once".to_string(),
        ));
    }
    Ok(InputSettings {
        paths,
        delimiter: args.delimiter.as_deref().map(delimiter).transpose()?,
        renames: args.columns.clone(),
        max_record: args.max_record_size,
        dates: DateParser::with_formats(&args.date_format, day_order(args))
            .map_err(Error::Usage)?,
        sheet: args.sheet.clone(),
        encoding: args.encoding,
    })
}

pub fn delimiter(text: &str) -> Result<u8> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() => Ok(text.as_bytes()[0]),
        _ => Err(Error::Usage(format!(
            "--delimiter takes one ASCII character or `tab`, not `{text}`"
        ))),
    }
}

fn day_order(args: &CommonArgs) -> Option<DayOrder> {
    if args.dayfirst {
        Some(DayOrder::DayFirst)
    } else if args.monthfirst {
        Some(DayOrder::MonthFirst)
    } else {
        None
    }
}

fn filter(
    args: &FilterArgs,
    as_of: Option<NaiveDate>,
    people: Option<&Path>,
    dates: &DateParser,
) -> Result<Filter> {
    let mut people = match people {
        Some(path) => People::load(path)?,
        None => People::default(),
    };
    // Names are keyed with the built-in titles: a --cues file's own titles are not known yet.
    let cues = if !people.is_empty() || !args.person.is_empty() {
        Some(Cues::builtin()?)
    } else {
        None
    };
    if let Some(cues) = &cues {
        people.prepare(cues);
    }
    let persons = match &cues {
        Some(cues) => args
            .person
            .iter()
            .map(|p| (people::key(p, cues), p.clone()))
            .collect(),
        None => Vec::new(),
    };
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let bound = |flag: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| DateBound::parse_with(t, dates))
            .transpose()
            .map_err(|e| Error::Usage(format!("invalid value for --{flag}: {e}")))
    };
    let since = bound("since", &args.since)?.map(|b| b.first_day(as_of));
    let until = bound("until", &args.until)?.map(|b| b.last_day(as_of));
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        return Err(Error::Usage(format!(
            "--since ({since}) is after --until ({until}): no claim could match"
        )));
    }
    Ok(Filter {
        persons,
        people,
        outlets: args.outlet.iter().map(|o| name::key(o)).collect(),
        source_types: args.source_type.clone(),
        standings: args.standing.clone(),
        since,
        until,
    })
}

/// Output format: as asked; else from the output file's extension (an extension that names no
/// format is a usage error, rather than CSV under a misleading name); else a table for a person
/// at a terminal and CSV for a pipe or a file without an extension.
pub fn output_settings(args: &OutputArgs) -> Result<OutputSettings> {
    let path = args.output.clone().filter(|p| p.as_os_str() != "-");
    let format = match (args.format, &path) {
        (Some(format), _) => format,
        (None, Some(p)) => match (Format::from_extension(p), p.extension()) {
            (Some(format), _) => format,
            (None, None) => Format::Csv,
            (None, Some(ext)) => {
                return Err(Error::Usage(format!(
                    "-o {}: no output format is named by `.{}`; use an extension of {} or give --format",
                    p.display(),
                    ext.to_string_lossy(),
                    Format::EXTENSIONS
                )));
            }
        },
        (None, None) if std::io::stdout().is_terminal() => Format::Table,
        (None, None) => Format::Csv,
    };
    if format == Format::Xlsx && path.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "an xlsx workbook is binary: write it to a file (-o report.xlsx) or redirect stdout"
                .to_string(),
        ));
    }
    let delimiter = match &args.output_delimiter {
        Some(text) => delimiter(text).map_err(|_| {
            Error::Usage(format!(
                "--output-delimiter takes one ASCII character or `tab`, not `{}`",
                crate::output::printable::printable(text)
            ))
        })?,
        None => b',',
    };
    Ok(OutputSettings {
        format,
        path,
        columns: args.select.iter().map(|c| c.trim().to_string()).collect(),
        bom: args.bom,
        delimiter,
        escape_formulas: args.escape_formulas,
    })
}
