//! `claimtrack extract`: news articles in, one claim row per attributed statement out.

use std::path::Path;

use crate::cli::{ArticleFormat, ExtractArgs};
use crate::config;
use crate::cues::Cues;
use crate::date::DateParser;
use crate::error::{Error, Result};
use crate::extract::article::{
    Article, CsvArticles, Defaults, Read1, read_text_file, read_text_stdin,
};
use crate::extract::people::People;
use crate::extract::{CharOffsets, Extractor};
use crate::log;
use crate::output::{self, Sink, Value, Writer};
use crate::overwrite::{self, Named};

/// The output columns, a contract: claim rows for `label`, then where each claim is.
pub const COLUMNS: [&str; 9] = [
    "date",
    "person",
    "claim",
    "speaker",
    "attribution",
    "outlet",
    "article",
    "start",
    "end",
];

/// What a run did, for the summary.
#[derive(Debug, Default)]
struct Tally {
    articles: u64,
    skipped: u64,
    statements: u64,
    undated: u64,
}

pub fn run(args: &ExtractArgs) -> Result<()> {
    let cues = match &args.cues {
        Some(path) => Cues::with_user_file(path)?,
        None => Cues::builtin()?,
    };
    let people = People::new(&args.person, args.people.as_deref())?;
    let dates = match &args.date_format {
        Some(format) => DateParser::with_format(format).map_err(Error::Usage)?,
        None => DateParser::default(),
    };
    if let Some(date) = &args.date
        && dates.parse(date).is_err()
    {
        return Err(Error::Usage(format!(
            "--date {date:?} is not a date ({})",
            dates.expected()
        )));
    }
    let delimiter = args
        .delimiter
        .as_deref()
        .map(config::delimiter)
        .transpose()?;
    let defaults = Defaults {
        date: args.date.as_deref(),
        outlet: args.outlet.as_deref(),
        dates: &dates,
        max_bytes: args.max_article_size,
    };
    let settings = config::output_settings(&args.output)?;
    let stdin = [std::path::PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin[..]
    } else {
        &args.files[..]
    };
    refuse_overwriting_inputs(args, files, settings.path.as_deref())?;
    // Every input opened (and every CSV's header read) before anything is written: a missing
    // file or a CSV without a text column fails the run with no output at all.
    let mut inputs = Vec::with_capacity(files.len());
    for file in files {
        let is_stdin = file.as_os_str() == "-";
        let format = args
            .input_format
            .unwrap_or_else(|| by_extension(file, is_stdin));
        inputs.push(match format {
            ArticleFormat::Text if is_stdin => Input::TextStdin,
            ArticleFormat::Text => {
                let problem = match std::fs::metadata(file) {
                    Ok(m) if m.is_dir() => {
                        Some("is a folder; give its articles (folder/*.txt)".into())
                    }
                    Ok(_) => None,
                    Err(e) => Some(format!("cannot open: {e}")),
                };
                if let Some(message) = problem {
                    return Err(Error::File {
                        path: file.display().to_string(),
                        message,
                    });
                }
                Input::Text(file)
            }
            ArticleFormat::Csv => {
                let tsv = file.extension().is_some_and(|e| e == "tsv" || e == "tab");
                let delimiter = delimiter.unwrap_or(if tsv { b'\t' } else { b',' });
                let path = (!is_stdin).then_some(file.as_path());
                Input::Csv(Box::new(CsvArticles::open(
                    path,
                    delimiter,
                    &args.columns,
                    args.max_record_size,
                )?))
            }
        });
    }
    let mut writer = output::writer(&settings, Sink::open(settings.path.as_deref())?, "extract")?;
    writer.header(&COLUMNS)?;
    let mut extractor = Extractor::new(&cues);
    let mut tally = Tally::default();
    for input in inputs {
        let mut each = |read: Read1, w: &mut dyn Writer| -> Result<()> {
            match read {
                Ok(article) => {
                    // A bug on one article's text skips that article with a message; the run
                    // goes on (as `label` does with a row).
                    let statements = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        extractor.statements(&article.text, &article.outlet, &people)
                    }));
                    match statements {
                        Ok(statements) => write_article(&article, &statements, w, &mut tally),
                        Err(_) => {
                            tally.skipped += 1;
                            log::warning(&format!(
                                "article {}: internal error while reading it, skipped (please \
                                 report it with the article)",
                                crate::extract::article::shown(&article.id)
                            ));
                            extractor = Extractor::new(&cues);
                            Ok(())
                        }
                    }
                }
                Err(skipped) => {
                    tally.skipped += 1;
                    log::warning(&skipped.to_string());
                    Ok(())
                }
            }
        };
        match input {
            Input::TextStdin => each(read_text_stdin(&defaults)?, writer.as_mut())?,
            Input::Text(file) => each(read_text_file(file, &defaults)?, writer.as_mut())?,
            Input::Csv(mut articles) => {
                while let Some(read) = articles.next(&defaults)? {
                    each(read, writer.as_mut())?;
                }
            }
        }
    }
    let sink = writer.finish()?;
    sink.commit()?;
    if tally.undated > 0 {
        log::warning(&format!(
            "{} no date; their rows have an empty date, which label and report reject (give \
             --date or a date column)",
            log::count(tally.undated, "article has", "articles have")
        ));
    }
    if !args.quiet {
        log::line(
            log::Level::Info,
            &format!(
                "{} read, {} written, {} skipped",
                log::count(tally.articles, "article", "articles"),
                log::count(tally.statements, "statement", "statements"),
                log::count(tally.skipped, "article", "articles"),
            ),
            &[
                ("articles", tally.articles),
                ("statements", tally.statements),
                ("skipped", tally.skipped),
            ],
        );
    }
    Ok(())
}

/// One input, opened.
enum Input<'a> {
    TextStdin,
    Text(&'a Path),
    Csv(Box<CsvArticles>),
}

/// `-o` onto an article file, the people file or the cue file, or stdout appended to one of
/// them: a usage error before anything is read or written, as for every command.
fn refuse_overwriting_inputs(
    args: &ExtractArgs,
    files: &[std::path::PathBuf],
    output: Option<&Path>,
) -> Result<()> {
    let mut inputs = crate::overwrite::inputs(files);
    for (role, path) in [("--people", &args.people), ("--cues", &args.cues)] {
        if let Some(path) = path {
            inputs.push(Named { role, path });
        }
    }
    let outputs: Vec<Named> = output
        .iter()
        .map(|path| Named { role: "-o", path })
        .collect();
    let stdin = files.iter().any(|f| f.as_os_str() == "-");
    overwrite::check(&inputs, stdin, &outputs, output.is_none())
}

/// `.csv`, `.tsv` and standard input are CSVs of articles; any other file is one article.
fn by_extension(file: &Path, is_stdin: bool) -> ArticleFormat {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv" | "tsv" | "tab") => ArticleFormat::Csv,
        _ if is_stdin => ArticleFormat::Csv,
        _ => ArticleFormat::Text,
    }
}

fn write_article(
    article: &Article,
    statements: &[crate::extract::Statement],
    w: &mut dyn Writer,
    tally: &mut Tally,
) -> Result<()> {
    tally.articles += 1;
    if article.date.is_empty() {
        tally.undated += 1;
    }
    let mut offsets = CharOffsets::new(&article.text);
    for s in statements {
        let start = offsets.of(s.span.start) as i64;
        let end = offsets.of(s.span.end) as i64;
        for value in [
            Value::Text(&article.date),
            Value::Text(&s.person),
            Value::Text(&s.claim),
            Value::Text(&s.speaker),
            Value::Text(&s.attribution),
            Value::Text(&article.outlet),
            Value::Text(&article.id),
            Value::Int(start),
            Value::Int(end),
        ] {
            w.field(value)?;
        }
        w.end_row()?;
        tally.statements += 1;
    }
    Ok(())
}
