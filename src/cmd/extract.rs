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
use crate::output::{self, Sink, Value, Writer};

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
    let mut writer = output::writer(&settings, Sink::open(settings.path.as_deref())?, "extract")?;
    writer.header(&COLUMNS)?;
    let mut extractor = Extractor::new(&cues);
    let mut tally = Tally::default();
    let stdin = [std::path::PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin[..]
    } else {
        &args.files[..]
    };
    for file in files {
        let is_stdin = file.as_os_str() == "-";
        let format = args
            .input_format
            .unwrap_or_else(|| by_extension(file, is_stdin));
        let mut each = |read: Read1, w: &mut dyn Writer| -> Result<()> {
            match read {
                Ok(article) => write_article(&mut extractor, &article, &people, w, &mut tally),
                Err(skipped) => {
                    tally.skipped += 1;
                    eprintln!("claimtrack: {skipped}");
                    Ok(())
                }
            }
        };
        match format {
            ArticleFormat::Text => {
                let read = if is_stdin {
                    read_text_stdin(&defaults)?
                } else {
                    read_text_file(file, &defaults)?
                };
                each(read, writer.as_mut())?;
            }
            ArticleFormat::Csv => {
                let tsv = file.extension().is_some_and(|e| e == "tsv" || e == "tab");
                let delimiter = delimiter.unwrap_or(if tsv { b'\t' } else { b',' });
                let path = (!is_stdin).then_some(file.as_path());
                let mut articles = CsvArticles::open(path, delimiter, &args.columns)?;
                while let Some(read) = articles.next(&defaults)? {
                    each(read, writer.as_mut())?;
                }
            }
        }
    }
    let sink = writer.finish()?;
    sink.commit()?;
    if tally.undated > 0 {
        eprintln!(
            "claimtrack: warning: {} article(s) have no date; their rows have an empty date, which \
             label and report reject (give --date or a date column)",
            tally.undated
        );
    }
    if !args.quiet {
        eprintln!(
            "claimtrack extract: {} article(s) read, {} statement(s) written, {} article(s) skipped",
            tally.articles, tally.statements, tally.skipped
        );
    }
    Ok(())
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
    extractor: &mut Extractor<'_>,
    article: &Article,
    people: &People,
    w: &mut dyn Writer,
    tally: &mut Tally,
) -> Result<()> {
    tally.articles += 1;
    if article.date.is_empty() {
        tally.undated += 1;
    }
    let statements = extractor.statements(&article.text, &article.outlet, people);
    let mut offsets = CharOffsets::new(&article.text);
    for s in &statements {
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
