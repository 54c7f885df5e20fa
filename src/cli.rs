//! The command line as the user types it. `config` turns it into validated settings.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::date::DateParser;
use crate::input::{self, Field};
use crate::log::LogFormat;
use crate::output::Format;
use crate::period::By;
use crate::source_type::{SourceType, Standing};

macro_rules! input_help {
    () => {
        "INPUT
  A CSV with a header row; header names match case-insensitively, surrounding spaces ignored.
  Also read: TSV and `;` or `|` text (the delimiter seen in the header), gzip and zstd of them,
  .xlsx and .ods sheets (--sheet NAME), and JSON Lines.
    date         required  YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, YYYY-MM-DD HH:MM[:SS], RFC 3339,
                           RFC 2822, Feb 1, 2022 or 1 February 2022; 02/01/2022 only with
                           --dayfirst or --monthfirst; other forms with --date-format
    person       required  whom the claim is about (\"Kim Cattrall\")
    claim        required  the statement itself
    speaker                who said it, as printed (\"Michael Patrick King\", \"a source\")
    attribution            the attribution phrase (\"A source exclusively told Us Weekly\")
    outlet                 where it was published
    topic                  groups the rows about one underlying claim (\"cattrall-return\")
    source_type            a human's label; when valid it wins over inference
    stance                 a human's stance (confirm, deny, neutral, no-comment)
  Every other column is kept. Map other header names with --column claim=quote.

SOURCE TYPES (most to least accountable; the first five are on the record, the next five rumor)
  subject-on-record, named-on-record, official-statement, document, social-post,
  outlet-asserted, exclusive-anonymous, anonymous, secondhand, unattributed; and unknown
  when the cues do not decide (standing unknown).

EXIT CODES
  0 success (also when a reader closes the pipe early), 1 a file-level or I/O error or
  memory ran out, 2 a usage error, 3 rows were rejected under --strict; 128 + the signal
  (129 for SIGHUP, a closed terminal; 130 for Ctrl-C; 143 for SIGTERM) when interrupted;
  unfinished output files are removed whenever a run fails."
    };
}

#[derive(Debug, Parser)]
#[command(
    name = "claimtrack",
    version,
    about = "Label who stands behind each claim about a person in the news, score its tone, and \
             compare on-record statements with rumors over time.",
    after_help = "Run `claimtrack <COMMAND> --help` for a command's input, output columns and options.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Colour in the terminal table: auto (at a terminal, unless NO_COLOR is set), always or
    /// never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = crate::color::When::Auto)]
    pub color: crate::color::When,
}

/// The command line as parsed, helped and documented (`--help`, completions, the man page):
/// the derived definition, with `brief`'s help trimmed to what applies to a page. brief
/// shares every reading option, but refuses the table formats' options (they are left out of
/// its help, still refused with a message if given) and has no `--partial`.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    const HIDDEN: [&str; 6] = [
        "format",
        "select",
        "bom",
        "output_delimiter",
        "escape_formulas",
        "color",
    ];
    const UNRESOLVED_AFTER: &str = "A rumor with no on-record answer for more than DAYS at the \
        as-of date is unresolved [default: 90]";
    const AS_OF: &str = "The date the page is as of: rows dated after it are left out, and a \
        rumor is unresolved by its distance from it [default: the latest date in the input, \
        filtered out or not]. A relative --since/--until (7d) counts back from the --as-of \
        given, else from today";
    let mut command = Cli::command();
    // Built first, so that the global --color is among brief's own arguments; then changed in
    // place (`mut_arg` would reorder arguments a built command has indexed).
    command.build();
    command.mut_subcommands(|sub| {
        if sub.get_name() != "brief" {
            return sub;
        }
        sub.mut_args(|a| match a.get_id().as_str() {
            id if HIDDEN.contains(&id) => a.hide(true),
            "unresolved_after" => a.help(UNRESOLVED_AFTER).long_help(UNRESOLVED_AFTER),
            "as_of" => a.help(AS_OF).long_help(AS_OF),
            _ => a,
        })
    })
}

impl Command {
    /// The subcommand's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Label(_) => "label",
            Command::Report(_) => "report",
            Command::Topics(_) => "topics",
            Command::Outlets(_) => "outlets",
            Command::Cues(_) => "cues",
            Command::Extract(_) => "extract",
            Command::Brief(_) => "brief",
            Command::Merge(_) => "merge",
            Command::Completions(_) => "completions",
            Command::Man => "man",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write every input row with its source type, standing, cue, stance and tone appended.
    #[command(after_help = LABEL_HELP)]
    Label(LabelArgs),
    /// Compare sourced statements per person and period: counts per source type, rumor share,
    /// and mean tone on the record vs in rumors.
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
    /// Follow each topic (rows sharing person and topic) from its first rumor to its
    /// confirmation or denial on the record.
    #[command(after_help = TOPICS_HELP)]
    Topics(TopicsArgs),
    /// Score each outlet on how its rumors turned out, and how often it relies on unnamed sources.
    #[command(after_help = OUTLETS_HELP)]
    Outlets(OutletsArgs),
    /// Print the cue table in use (built-in plus --cues), to start a cue file of your own.
    #[command(after_help = CUES_HELP)]
    Cues(CuesArgs),
    /// Read news articles and write one claim row per attributed statement, ready for label,
    /// report, topics and outlets.
    #[command(after_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
    /// Write the nightly brief: one self-contained HTML page of charts, each with its numbers
    /// as a table below it.
    #[command(after_help = BRIEF_HELP)]
    Brief(BriefArgs),
    /// Merge partial results of report, topics or outlets (--partial) into the table one run
    /// over all their input would write.
    #[command(after_help = MERGE_HELP)]
    Merge(MergeArgs),
    /// Print a completion script for a shell: bash, zsh, fish, powershell or elvish.
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man`.
    #[command(after_help = "EXAMPLE\n  claimtrack man > /usr/local/share/man/man1/claimtrack.1")]
    Man,
}

const COMPLETIONS_HELP: &str = concat!(
    "EXAMPLES\n",
    "  claimtrack completions bash > ~/.local/share/bash-completion/completions/claimtrack\n",
    "  claimtrack completions zsh > ~/.zfunc/_claimtrack      # with fpath+=~/.zfunc in .zshrc\n",
    "  claimtrack completions fish > ~/.config/fish/completions/claimtrack.fish\n",
    "  claimtrack completions powershell >> $PROFILE\n",
);

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

const LABEL_HELP: &str = concat!(
    "OUTPUT\n  Every input column in its order, then: source_type, standing, source_cue, stance,\n",
    "  tone (VADER compound, 4 decimals), tone_pos, tone_neu, tone_neg (3 decimals) and tone_label\n",
    "  (positive at tone >= 0.05, negative at <= -0.05, else neutral). Rows stream in input order.\n",
    "  An input column named like an appended one (say an analyst's own stance) is written as\n",
    "  given_<name> (given_stance), so that no two columns share a name.\n",
    "  With --explain, five more: source_phrase (who was taken as the source, as printed),\n",
    "  source_kind (person, named, organisation, role, unnamed, group, document, own-outlet,\n",
    "  other-outlet, we, pronoun, epithet, or empty), source_verb (the reporting cue found),\n",
    "  found_in (fields, claim: read from the claim text, or none) and decided_by (the rule).\n\n",
    "EXAMPLES\n  claimtrack label data/claims.csv --format csv > labeled.csv\n",
    "  claimtrack label data/claims.csv --person 'kim cattrall' --standing rumor\n\n",
    input_help!()
);

const REPORT_HELP: &str = concat!(
    "OUTPUT\n  One row per person and period, sorted by person then period:\n",
    "  person, period, claims, one count per source type (subject_on_record ... unknown),\n",
    "  on_record, rumor, rumor_share (rumor / claims), tone_on_record, tone_rumor (mean VADER\n",
    "  compound of each tier's claims) and tone_gap (tone_rumor - tone_on_record); a tone is empty\n",
    "  when its tier has no claims. A person written several ways is one row: case, spacing,\n",
    "  titles, accents, hyphens, `Surname, First` and a surname alone (when only one person has\n",
    "  it) aside, under the fullest name written; --people FILE merges and splits by hand.\n",
    "  The terminal table shows the key columns (person, period, claims, on_record, rumor,\n",
    "  rumor_share, tone_on_record, tone_rumor, tone_gap); --wide adds the source-type counts\n",
    "  that are not zero in every row. Piped or in a file, every column is written.\n",
    "  --by all: one row per person, period `all`. --fill: every period from the first to the\n",
    "  last for each person, zero counts and empty means where there were no claims.\n\n",
    "EXAMPLES\n  claimtrack report data/claims.csv\n",
    "  claimtrack report data/claims.csv --by quarter --format csv -o reports/quarterly.csv\n",
    "  claimtrack report data/claims.csv --by week --fill --columns person,period,rumor_share\n\n",
    input_help!()
);

const TOPICS_HELP: &str = concat!(
    "OUTPUT\n  One row per (person, topic), sorted by person, then first date, then topic:\n",
    "  person, topic, status, first_seen, first_rumor_outlet, resolved_on, resolved_by,\n",
    "  resolution_source_type, days_to_resolution, rumor_rows, on_record_rows,\n",
    "  anonymous_confirms, no_comments, reversal, last_seen.\n\n",
    "STATUS (rows in date order; same time: more accountable source type first, then confirm,\n",
    "  deny, neutral, no-comment, then speaker; never input order)\n",
    "  announced   the first row is on the record and not a denial\n",
    "  rumor       the first row is rumor-tier and nothing on the record confirmed or denied it\n",
    "  unresolved  a rumor older than --unresolved-after days at the as-of date\n",
    "  confirmed   an on-record row confirmed it (reversal=yes if it had been denied on record)\n",
    "  denied      an on-record row denied it\n",
    "  disputed    confirmed or announced, then denied on the record\n",
    "  unknown     no row starts the story: only unknown-standing rows, on-record no-comments,\n",
    "              or on-record rows of types --resolve-by leaves out\n",
    "  Rumor-tier rows never move the status: their confirmations count in anonymous_confirms.\n",
    "  resolved_* and days_to_resolution describe the first on-record resolution.\n\n",
    "EXAMPLES\n  claimtrack topics data/claims.csv\n",
    "  claimtrack topics data/claims.csv --as-of 2023-03-31 --unresolved-after 60\n\n",
    input_help!()
);

const OUTLETS_HELP: &str = concat!(
    "OUTPUT\n  One row per outlet, sorted by name:\n",
    "  outlet, rumor_topics (topics where it published a rumor-tier row before the first\n",
    "  on-record resolution), confirmed, denied, disputed, unresolved, still_rumor (how those\n",
    "  topics ended), confirm_rate (confirmed / (confirmed + denied + disputed)),\n",
    "  median_days_to_confirmation (from its first rumor row to the first on-record\n",
    "  confirmation), first_reports (topics whose first rumor-tier row was its own) and\n",
    "  anonymous_share (its anonymous and exclusive-anonymous rows / all its rows).\n\n",
    "EXAMPLE\n  claimtrack outlets data/claims.csv --format markdown\n\n",
    input_help!()
);

const CUES_HELP: &str = concat!(
    "OUTPUT\n  kind, phrase, origin (built-in, or FILE:LINE). The CSV form is a valid --cues file.\n\n",
    "EXAMPLE\n  claimtrack cues --format csv > my-cues.csv\n",
);

const BRIEF_HELP: &str = concat!(
    "OUTPUT\n  One HTML page (inline SVG charts and CSS; no script, nothing fetched; prints on A4 and\n",
    "  Letter), the same bytes for the same input and flags:\n",
    "  - headline: claims, people, share on the record, open rumors, rumors resolved in the\n",
    "    last period (confirmed, denied), rejected rows;\n",
    "  - per person, the most-claimed first (--top): claims per period stacked by source type,\n",
    "    rumor share, and mean tone on the record vs in rumors; periods with no claims are 0;\n",
    "  - rumor timeline: topics of those persons from first rumor to resolution or the as-of date,\n",
    "    coloured by status, with the days to resolution;\n",
    "  - outlet scorecard: how each outlet's rumors ended (--top outlets by rumor topics) and its\n",
    "    anonymous share.\n",
    "  Under each chart, its numbers as a table. Figures are those of report, topics and outlets.\n",
    "  With --as-of, rows dated after it are left out of the page (stderr says how many).\n",
    "  -o names a .html or .htm file (or one without an extension; `-` is stdout); the table\n",
    "  options of the other commands (--format, --columns, --bom, --output-delimiter,\n",
    "  --escape-formulas, --color) do not apply to the page and are refused (exit 2), as is\n",
    "  any other -o extension.\n\n",
    "EXAMPLES\n  claimtrack brief data/claims.csv -o reports/brief.html\n",
    "  claimtrack brief archive.csv --by week --top 20 -o reports/brief-$(date +%F).html\n\n",
    input_help!()
);

/// Options every subcommand that reads claims shares.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// CSV files to read, in order; `-` or nothing reads stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Read FIELD from the column named HEADER (repeatable): --column claim=quote.
    #[arg(long = "column", value_name = "FIELD=HEADER", value_parser = input::parse_rename)]
    pub columns: Vec<(Field, String)>,

    /// Field delimiter of the input: a single character, or `tab` [default: tab for .tsv and
    /// .tab, else seen in the header: `,` `;` tab or `|`].
    #[arg(short, long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// A chrono strftime format for dates in other forms (`%d/%m/%Y`, `%a, %d %b %Y %H:%M:%S
    /// %z`), tried before the built-in forms; repeatable, tried in order.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Vec<String>,

    /// Read numeric dates like 02/01/2022 day first (2 January 2022).
    #[arg(long, conflicts_with = "monthfirst")]
    pub dayfirst: bool,

    /// Read numeric dates like 02/01/2022 month first (1 February 2022).
    #[arg(long)]
    pub monthfirst: bool,

    /// A people file: one person a line, `Primary Name, alias, alias`. It merges and splits
    /// people by hand, winning over the automatic grouping of report, topics and --person.
    #[arg(long, value_name = "FILE")]
    pub people: Option<PathBuf>,

    /// Drop rows repeated across overlapping exports: the same person, date, claim, speaker
    /// and outlet, spaces and curly quotes aside. Counted in the summary.
    #[arg(long)]
    pub dedupe: bool,

    /// The sheet to read of an .xlsx or .ods input [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// The input's text encoding when it is not UTF-8: a WHATWG label (windows-1252, latin1,
    /// iso-8859-15, utf-16, ...). UTF-16 with a byte-order mark is recognised without it.
    #[arg(long, value_name = "NAME", value_parser = crate::read::encoding::parse_label)]
    pub encoding: Option<&'static encoding_rs::Encoding>,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Write every rejected row here as CSV: file, line, reason, the first input's columns, and
    /// raw (the whole record, when its fields do not fit the columns). An input column of one
    /// of these names keeps it; the rejects file's own becomes reason_2 (file_2, ...). Named
    /// .csv or with no extension (another is refused: the file is always CSV).
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// Fail (exit 3) without writing any output, to a file or stdout, when any row is rejected.
    #[arg(long)]
    pub strict: bool,

    /// A cue file (kind,phrase CSV) that adds to or overrides the built-in cues.
    #[arg(long, value_name = "FILE")]
    pub cues: Option<PathBuf>,

    /// A lexicon file of `word<TAB>valence` lines that extends or overrides VADER's.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,

    /// Worker threads for labeling and scoring (default: all cores). Output is identical.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Do not print the summary on stderr (rejections are still reported).
    #[arg(short, long)]
    pub quiet: bool,

    /// Lines on stderr as text (at a terminal `claimtrack: …`, else with the ISO time and the
    /// command in front) or as one JSON object each, for log shippers.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// The most bytes one record may take. A longer record is rejected with its line and size,
    /// and the run goes on; so is one the memory left cannot hold. A header, or a JSON Lines
    /// line, longer than this fails its file; a header may take 4M at most whatever this limit,
    /// and name 65,536 columns. Past 1M, each field counts 8 bytes more than its text. A sheet
    /// (.xlsx, .ods) is converted in memory: one whose XML unpacks to more than this limit fails
    /// its file. Bytes, or with K, M or G (binary).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_record_size: u64,
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Keep claims about this person (repeatable): case, spacing, titles, accents and hyphens do
    /// not matter, and a surname alone finds the person (`cattrall`); a first name alone does
    /// not.
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,

    /// Keep claims published by this outlet (repeatable); case and spacing do not matter.
    #[arg(long, value_name = "NAME")]
    pub outlet: Vec<String>,

    /// Keep claims of this source type (repeatable, or comma-separated).
    #[arg(long, value_name = "TYPE", value_delimiter = ',', value_parser = parse_source_type)]
    pub source_type: Vec<SourceType>,

    /// Keep claims of this standing: on-record, rumor or unknown (repeatable, or comma-separated).
    #[arg(long, value_name = "STANDING", value_delimiter = ',', value_parser = parse_standing)]
    pub standing: Vec<Standing>,

    /// Keep claims dated on or after this: a day (2022-03-14 or any date form), a month
    /// (2022-03), a year (2022) or a span back (7d, 4w, 3m) from the --as-of given, else from
    /// today.
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Keep claims dated on or before this: a day, a month (to its last day), a year or a span
    /// back (7d, 4w, 3m), as for --since.
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, else csv; or from the -o file's extension].
    /// The table fits the terminal (or COLUMNS); too wide, it shows each row as a block of lines.
    /// Field content in the table is escaped (a newline shows as \n) and cut after 200 characters.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,

    /// Write to FILE (whole or not at all) instead of stdout; `-` is stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write only these columns, in this order, in any format (comma-separated):
    /// --columns person,period,rumor_share.
    #[arg(long = "columns", value_name = "NAMES", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Start CSV and TSV output with a UTF-8 byte order mark, so that Excel reads it as UTF-8.
    #[arg(long)]
    pub bom: bool,

    /// Field delimiter of CSV output: one character (`;` for spreadsheets set to a European
    /// locale) or `tab`.
    #[arg(long, value_name = "CHAR")]
    pub output_delimiter: Option<String>,
    /// For spreadsheets: in CSV and TSV, a text cell starting with = + - @, a tab or a carriage
    /// return gets a leading ' so that it is shown as text, never run as a formula (OWASP); the
    /// --rejects file's input cells too.
    #[arg(long)]
    pub escape_formulas: bool,
}

#[derive(Debug, Args)]
pub struct LabelArgs {
    /// Append who the labeler took as the source and why: source_phrase, source_kind,
    /// source_verb, found_in and decided_by, after the usual columns.
    #[arg(long)]
    pub explain: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// `--partial` and `--state`, shared by `report`, `topics` and `outlets`.
#[derive(Debug, Args)]
pub struct PartialArgs {
    /// Write the run's partial result (versioned JSON Lines; README, "Large inputs") instead of
    /// the table, for `claimtrack merge` to combine with others.
    #[arg(long)]
    pub partial: bool,

    /// Keep each input file's partial result, the bytes read and their hash in DIR: the next
    /// run reads only what was appended since (a file that changed otherwise is read whole).
    /// One state per file and settings; give each job a folder of its own.
    #[arg(long, value_name = "DIR")]
    pub state: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The period to group by: day, week (ISO, 2022-W05), month, quarter (2022-Q1), year, or
    /// all (one row per person over the whole range, period `all`).
    #[arg(long, value_enum, default_value_t = By::Month)]
    pub by: By,

    /// Write every period from the first to the last for each person, with zero counts and
    /// empty means where there were no claims (for plots and spreadsheets).
    #[arg(long)]
    pub fill: bool,

    /// In the terminal table, also show a count column per source type found (other formats
    /// always have every column).
    #[arg(long)]
    pub wide: bool,

    #[command(flatten)]
    pub partial: PartialArgs,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// The rules of the rumor lifecycle, shared by `topics` and `outlets`.
#[derive(Debug, Args)]
pub struct LifecycleArgs {
    /// A rumor with no on-record answer for more than DAYS at the as-of date is unresolved
    /// [default: 90]. With topics or outlets --partial, give it to merge.
    // No clap default: `--partial` must tell whether it was given, to refuse it.
    #[arg(long, value_name = "DAYS")]
    pub unresolved_after: Option<u32>,

    /// The date to judge "unresolved" at [default: the latest date in the input, filtered out
    /// or not]. A relative --since/--until (7d) counts back from the --as-of given, else from
    /// today. With topics or outlets --partial, give it to merge (it is taken only to anchor a
    /// relative --since/--until).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,

    /// The on-record source types whose confirmations and denials resolve a topic
    /// (comma-separated) [default: all five on-record types].
    #[arg(long, value_name = "TYPES", value_delimiter = ',', value_parser = parse_on_record_type)]
    pub resolve_by: Vec<SourceType>,
}

#[derive(Debug, Args)]
pub struct TopicsArgs {
    #[command(flatten)]
    pub lifecycle: LifecycleArgs,

    #[command(flatten)]
    pub partial: PartialArgs,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct OutletsArgs {
    #[command(flatten)]
    pub lifecycle: LifecycleArgs,

    #[command(flatten)]
    pub partial: PartialArgs,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The period to group by: day, week (ISO, 2022-W05), month, quarter (2022-Q1) or year.
    #[arg(long, value_enum, default_value_t = By::Month)]
    pub by: By,

    /// How many persons (the most-claimed) and outlets (the most rumor topics) to chart.
    #[arg(long, value_name = "N", default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..))]
    pub top: u16,

    #[command(flatten)]
    pub lifecycle: LifecycleArgs,

    #[command(flatten)]
    pub common: CommonArgs,
}

const MERGE_HELP: &str = concat!(
    "INPUT\n  Partials written by report, topics or outlets with --partial (or kept by --state):\n",
    "  files, or `-` (or nothing) for stdin; several partials may follow each other in one\n",
    "  file. All must be of one command, claimtrack version, --by (report), --resolve-by,\n",
    "  filters, --people, --cues and --lexicon; otherwise merge refuses and says which differ.\n",
    "  An input with no partial (empty: the shard that should have written it failed) and a\n",
    "  file given twice are refused; two files of the same bytes are merged with a warning.\n\n",
    "OUTPUT\n  The command's table, exactly as one run over all the partials' rows writes it, in any\n",
    "  format. report: --by (the partials' own, or a longer period theirs add up to: a day to\n",
    "  any period, a month to its quarter or year, anything to all), --fill and --wide.\n",
    "  topics and outlets: --as-of (default: the latest date in all the partials' input),\n",
    "  --unresolved-after, and --resolve-by, which must be the partials' own (it is applied\n",
    "  as rows are read).\n\n",
    "EXAMPLES\n  ls shards/*.csv | xargs -P 2 -I{} claimtrack report --partial -q {} -o {}.part\n",
    "  claimtrack merge shards/*.part --by quarter --format csv -o report.csv\n",
    "  mkdir -p parts\n",
    "  for q in q1 q2; do claimtrack topics --partial -q $q.csv -o parts/$q.jsonl; done\n",
    "  cat parts/*.jsonl | claimtrack merge - --as-of 2023-06-30\n",
);

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Partial results (JSON Lines from --partial); `-` or nothing reads stdin.
    #[arg(value_name = "PARTIAL")]
    pub files: Vec<PathBuf>,

    /// report: the period to group by [default: the partials' own].
    #[arg(long, value_enum)]
    pub by: Option<By>,

    /// report: write every period from the first to the last for each person.
    #[arg(long)]
    pub fill: bool,

    /// report: in the terminal table, also show a count column per source type found.
    #[arg(long)]
    pub wide: bool,

    /// topics, outlets: a rumor with no on-record answer for more than DAYS at the as-of date is
    /// unresolved [default: 90].
    #[arg(long, value_name = "DAYS")]
    pub unresolved_after: Option<u32>,

    /// topics, outlets: the date to judge "unresolved" at [default: the latest date in all
    /// the partials' input].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,

    /// topics, outlets: must be the partials' own --resolve-by (comma-separated).
    #[arg(long, value_name = "TYPES", value_delimiter = ',', value_parser = parse_on_record_type)]
    pub resolve_by: Vec<SourceType>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Do not print the summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,

    /// Lines on stderr as text or as one JSON object each.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Args)]
pub struct CuesArgs {
    /// A cue file to apply on top of the built-in table.
    #[arg(long, value_name = "FILE")]
    pub cues: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_source_type(text: &str) -> Result<SourceType, String> {
    SourceType::parse(text)
        .ok_or_else(|| crate::suggest::use_one_of(text, SourceType::ALL.map(SourceType::as_str)))
}

fn parse_on_record_type(text: &str) -> Result<SourceType, String> {
    let on_record = SourceType::ALL
        .into_iter()
        .filter(|t| t.standing() == Standing::OnRecord)
        .map(SourceType::as_str);
    match SourceType::parse(text) {
        Some(t) if t.standing() == Standing::OnRecord => Ok(t),
        _ => Err(format!(
            "on-record types only: {}",
            crate::suggest::use_one_of(text, on_record)
        )),
    }
}

fn parse_standing(text: &str) -> Result<Standing, String> {
    Standing::parse(text)
        .ok_or_else(|| crate::suggest::use_one_of(text, Standing::ALL.map(Standing::as_str)))
}

/// A day as YYYY-MM-DD or in any other date form claimtrack reads.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    DateParser::default()
        .parse(text)
        .map(|t| t.date())
        .map_err(|_| {
            format!(
                "expected a day as YYYY-MM-DD, got `{}`",
                text.escape_debug()
            )
        })
}

const EXTRACT_HELP: &str = concat!(
    "INPUT\n  A CSV of articles (a .csv or .tsv file, or stdin): text (required), id or url, date,\n",
    "  outlet, title; map other header names with --column text=body. Any other file is a\n",
    "  plain-text article (its name is its id), with --date and --outlet for its metadata;\n",
    "  --input-format text reads stdin (or any file) as one plain-text article.\n\n",
    "OUTPUT\n  One row per attributed statement, in text order: date, person, claim, speaker,\n",
    "  attribution, outlet, article, start, end. speaker is who speaks, written in full (a\n",
    "  surname, \"he\" or \"the actress\" resolved to the name); attribution is the words as\n",
    "  printed; start and end are the claim's character offsets in the article text (end\n",
    "  exclusive). Hedged sentences with no source (\"is reportedly in talks\") are rows with an\n",
    "  empty speaker. person is the --person/--people match, else the article's most named person.\n\n",
    "EXAMPLES\n  claimtrack extract articles.csv | claimtrack report -\n",
    "  claimtrack extract --date 2022-02-02 --outlet 'Us Weekly' article.txt\n",
    "  claimtrack extract --people people.txt archive/*.txt -o claims.csv\n",
);

/// How `extract` reads an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ArticleFormat {
    /// A CSV of articles, one a row.
    Csv,
    /// One plain-text article.
    Text,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Articles: CSV files of articles or plain-text files, one article each; `-` or none
    /// reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Read every input as this, instead of by its extension (.csv, .tsv: csv; else text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<ArticleFormat>,

    /// Map an article field to a header name of the CSV: text=body, id=url, date=published.
    #[arg(long = "column", value_name = "FIELD=HEADER", value_parser = crate::extract::article::parse_rename)]
    pub columns: Vec<(crate::extract::article::ArticleField, String)>,

    /// The CSV's field delimiter (a .tsv file is tab-separated without it).
    #[arg(short, long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Publication date of articles that give none (plain-text files): YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Parse dates with this chrono format instead of the built-in forms.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,

    /// Outlet of articles that give none (plain-text files).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,

    /// Keep only claims about this person (repeatable); their surname finds them too.
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,

    /// Keep only claims about the people in FILE: one a line, `Name, alias, alias`.
    #[arg(long, value_name = "FILE")]
    pub people: Option<PathBuf>,

    /// Skip (with a message) any article longer than this: bytes, or with K, M or G (binary).
    #[arg(long, value_name = "SIZE", default_value = "8M", value_parser = parse_size)]
    pub max_article_size: u64,

    /// The most bytes one record of a CSV of articles may take. A longer record is skipped with
    /// its line and size, and the run goes on; so is one the memory left cannot hold. A header
    /// longer than this fails its file; a header may take 4M at most whatever this limit. Past
    /// 1M, each field counts 8 bytes more than its text. Bytes, or with K, M or G (binary).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_record_size: u64,

    /// Add cue phrases from this CSV file (kind,phrase), as for label.
    #[arg(long, value_name = "FILE")]
    pub cues: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Print no summary on stderr (skipped articles are still reported).
    #[arg(short, long)]
    pub quiet: bool,
}

/// `64M`, `512K`, `1G` (powers of 1024) or plain bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => {
            return Err(format!(
                "expected bytes, or a number with K, M or G, not `{text}`"
            ));
        }
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("expected a number of bytes such as 64M, not `{text}`"))?;
    match n.checked_shl(shift).filter(|&b| b > 0 && b >> shift == n) {
        Some(bytes) => Ok(bytes),
        None => Err(format!("`{text}` is not a usable size")),
    }
}
