//! Reading articles: a CSV with a `text` column (and `id` or `url`, `date`, `outlet`, `title`),
//! or plain-text files, one article each. An article that cannot be read (no text, bytes that
//! are not UTF-8, binary content, over the size limit) is skipped with the reason, and reading
//! goes on.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::date::DateParser;
use crate::error::{Error, Result};

/// The article columns claimtrack understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleField {
    Text,
    Id,
    Url,
    Date,
    Outlet,
    Title,
}

impl ArticleField {
    pub const ALL: [ArticleField; 6] = [
        ArticleField::Text,
        ArticleField::Id,
        ArticleField::Url,
        ArticleField::Date,
        ArticleField::Outlet,
        ArticleField::Title,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ArticleField::Text => "text",
            ArticleField::Id => "id",
            ArticleField::Url => "url",
            ArticleField::Date => "date",
            ArticleField::Outlet => "outlet",
            ArticleField::Title => "title",
        }
    }
}

/// `--column FIELD=HEADER` for articles: `text=body`.
pub fn parse_rename(arg: &str) -> std::result::Result<(ArticleField, String), String> {
    let (field, header) = arg
        .split_once('=')
        .ok_or_else(|| format!("expected FIELD=HEADER (e.g. text=body), got `{arg}`"))?;
    let field = ArticleField::ALL
        .into_iter()
        .find(|f| f.name().eq_ignore_ascii_case(field.trim()))
        .ok_or_else(|| {
            format!(
                "unknown article field `{}`; fields are: {}",
                field.trim(),
                ArticleField::ALL.map(|f| f.name()).join(", ")
            )
        })?;
    if header.trim().is_empty() {
        return Err(format!("no header name after `=` in `{arg}`"));
    }
    Ok((field, header.trim().to_string()))
}

/// One article, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Its id: the `id` or `url` column, the file's name, or `FILE:row N`.
    pub id: String,
    /// The publication date as written out (`YYYY-MM-DD`), or empty.
    pub date: String,
    pub outlet: String,
    pub text: String,
}

/// Why an article was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub article: String,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "article {}: {}, skipped",
            shown(&self.article),
            self.reason
        )
    }
}

/// An article, or why it was skipped.
pub type Read1 = std::result::Result<Article, Skipped>;

/// What every article gets unless its row says otherwise.
#[derive(Debug)]
pub struct Defaults<'a> {
    pub date: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub dates: &'a DateParser,
    pub max_bytes: u64,
}

impl Defaults<'_> {
    /// The date as claim rows carry it, or why it cannot be.
    fn date(&self, raw: &str) -> std::result::Result<String, String> {
        let raw = raw.trim();
        let raw = if raw.is_empty() {
            self.date.unwrap_or("")
        } else {
            raw
        };
        if raw.is_empty() {
            return Ok(String::new());
        }
        match self.dates.parse(raw) {
            Ok(at) if at.time() == chrono::NaiveTime::MIN => Ok(at.format("%Y-%m-%d").to_string()),
            Ok(at) => Ok(at.format("%Y-%m-%dT%H:%M:%S").to_string()),
            Err(_) => Err(format!(
                "date {} is not a date ({})",
                shown(raw),
                self.dates.expected()
            )),
        }
    }
}

/// Text for a message, in backquotes: escaped and cut by `message::field`.
pub fn shown(text: &str) -> String {
    format!("`{}`", crate::message::field(text))
}

/// Reads one plain-text article; its id is the file's name.
pub fn read_text_file(path: &Path, defaults: &Defaults<'_>) -> Result<Read1> {
    let id = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let shown_path = path.display().to_string();
    let file = File::open(path).map_err(|e| Error::File {
        path: shown_path.clone(),
        message: format!("cannot open: {e}"),
    })?;
    read_article(file, id, &shown_path, defaults)
}

/// Reads the text of standard input as one article, named `-`.
pub fn read_text_stdin(defaults: &Defaults<'_>) -> Result<Read1> {
    read_article(io::stdin().lock(), "-".into(), "standard input", defaults)
}

/// One plain-text article, up to `--max-article-size` bytes read (std's `read_to_end` grows
/// its buffer fallibly): one longer, or one the memory left cannot hold, is skipped.
fn read_article(input: impl Read, id: String, shown: &str, d: &Defaults<'_>) -> Result<Read1> {
    let mut bytes = Vec::new();
    let read = crate::alloc::fallible(|| input.take(d.max_bytes + 1).read_to_end(&mut bytes));
    match read {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::OutOfMemory => {
            drop(bytes);
            return Ok(Err(Skipped {
                article: id,
                reason: format!(
                    "not enough memory to hold it (--max-article-size is {} bytes): lower \
                     --max-article-size or give the run more memory",
                    d.max_bytes
                ),
            }));
        }
        Err(e) => return Err(Error::io(format!("cannot read {shown}"), e)),
    }
    if bytes.len() as u64 > d.max_bytes {
        return Ok(Err(Skipped {
            article: id,
            reason: format!("longer than --max-article-size ({} bytes)", d.max_bytes),
        }));
    }
    Ok(article_from_bytes(id, bytes, "", "", d))
}

/// Why an article of `len` bytes is skipped unread, if it is over `--max-article-size`.
fn over_article_size(len: usize, d: &Defaults<'_>) -> Option<String> {
    (len as u64 > d.max_bytes).then(|| {
        format!(
            "{len} bytes, over --max-article-size ({} bytes)",
            d.max_bytes
        )
    })
}

/// An article from its raw bytes and its row's metadata, or why it is skipped.
fn article_from_bytes(
    id: String,
    bytes: Vec<u8>,
    date: &str,
    outlet: &str,
    d: &Defaults<'_>,
) -> Read1 {
    let skip = |reason: String| Skipped {
        article: id.clone(),
        reason,
    };
    if let Some(reason) = over_article_size(bytes.len(), d) {
        return Err(skip(reason));
    }
    // Text never holds NUL; a file that does is binary (an image, a PDF, a spreadsheet).
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(skip(format!(
            "not text (a NUL byte at byte {at}: binary data such as a PDF or a spreadsheet); \
             give its text"
        )));
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[at];
            return Err(skip(format!(
                "not UTF-8 (byte 0x{byte:02x} at byte {at}); convert it first, e.g. \
                 `iconv -f windows-1252 -t utf-8`"
            )));
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(skip("has no text".into()));
    }
    let date = d.date(date).map_err(skip)?;
    Ok(Article {
        date,
        outlet: if outlet.trim().is_empty() {
            d.outlet.unwrap_or("").to_string()
        } else {
            outlet.trim().to_string()
        },
        text,
        id,
    })
}

/// A CSV of articles, read row by row through the same bounded record reader as claim inputs
/// (`input::read_record`): no record takes more than `--max-record-size` bytes of memory
/// (about twice that at most); a longer one is skipped unread with its line and size, and a
/// header longer than the limit fails the file.
pub struct CsvArticles {
    name: String,
    reader: crate::input::RecordReader,
    columns: [Option<usize>; 6],
    record: csv::ByteRecord,
}

impl CsvArticles {
    /// Opens `path` (`None`: standard input) and maps its header. `max_record` is
    /// `--max-record-size`.
    pub fn open(
        path: Option<&Path>,
        delimiter: u8,
        renames: &[(ArticleField, String)],
        max_record: u64,
    ) -> Result<CsvArticles> {
        use crate::input::{self, FirstLine, Next, Reason};
        let name = path.map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
        let input: Box<dyn Read + Send> = match path {
            Some(p) => Box::new(File::open(p).map_err(|e| Error::File {
                path: name.clone(),
                message: format!("cannot open: {e}"),
            })?),
            None => Box::new(io::stdin()),
        };
        let file_error = |message: String| Error::File {
            path: name.clone(),
            message,
        };
        let too_long = || file_error(input::header_too_long(max_record));
        // The header's first line break is looked for before the csv reader buffers anything
        // (a file with no line break never ends its first record), as for claim inputs.
        let input = match input::first_line(input, input::header_limit(max_record)) {
            Ok(FirstLine::Found(stream)) => stream,
            Ok(FirstLine::TooLong) => return Err(too_long()),
            Err(e) => return Err(file_error(format!("cannot read the header: {e}"))),
        };
        let settings = input::InputSettings {
            paths: Vec::new(),
            delimiter: Some(delimiter),
            renames: Vec::new(),
            dates: DateParser::default(),
            max_record,
            sheet: None,
            encoding: None,
        };
        // From byte 0 after no line: the header is read as the first record, with the limit.
        let mut reader = input::resume(input, &settings, delimiter, 0, 0);
        let mut first = csv::ByteRecord::new();
        match input::read_record(&mut reader, &mut first) {
            Ok(Next::Record | Next::End) => {}
            Ok(Next::Rejected(Reason::TooLarge { .. })) => return Err(too_long()),
            Ok(Next::Rejected(reason)) => {
                return Err(file_error(format!("cannot read the header: {reason}")));
            }
            Err(e) => return Err(file_error(format!("cannot read the header: {e}"))),
        }
        let header: Vec<String> = first
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect();
        let mut columns = [None; 6];
        for (slot, field) in columns.iter_mut().zip(ArticleField::ALL) {
            let wanted = renames
                .iter()
                .find(|(f, _)| *f == field)
                .map_or(field.name(), |(_, h)| h.as_str());
            *slot = header.iter().position(|h| h.eq_ignore_ascii_case(wanted));
        }
        if columns[0].is_none() {
            let wanted = renames
                .iter()
                .find(|(f, _)| *f == ArticleField::Text)
                .map_or("text", |(_, h)| h.as_str());
            return Err(Error::File {
                path: name,
                message: format!(
                    "no `{wanted}` column for the article text (the header has: {}); name it \
                     with --column text=HEADER, or give plain-text files with --input-format text",
                    header
                        .iter()
                        .map(|h| shown(h))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        Ok(CsvArticles {
            name,
            reader,
            columns,
            record: csv::ByteRecord::new(),
        })
    }

    /// The next article, or `None` at the end of the file.
    pub fn next(&mut self, d: &Defaults<'_>) -> Result<Option<Read1>> {
        use crate::input::{Next, Reason};
        let next = crate::input::read_record(&mut self.reader, &mut self.record).map_err(|e| {
            Error::File {
                path: self.name.clone(),
                message: format!("cannot read the articles: {e}"),
            }
        })?;
        // The physical line where the record starts (where its problem starts, if rejected).
        let line = self.record.position().map_or(0, |p| p.line());
        let at_line = || format!("{}:{line}", self.name);
        match next {
            Next::End => return Ok(None),
            Next::Record => {}
            Next::Rejected(reason) => {
                // Its buffer given back: the csv reader read on from the record's end is a new
                // one, which copies its first record whole (its field buffer as long as this
                // record's was) as a header it keeps.
                self.record = csv::ByteRecord::new();
                let reason = match reason {
                    Reason::TooLarge { bytes, limit, .. } => format!(
                        "record of {bytes} bytes, over --max-record-size ({limit} bytes): not \
                         read (raise the limit if the article is right)"
                    ),
                    Reason::OutOfMemory { bytes, limit } => format!(
                        "record of {bytes} bytes: not enough memory to hold it \
                         (--max-record-size is {limit} bytes): not read (lower \
                         --max-record-size or give the run more memory)"
                    ),
                    other => other.to_string(),
                };
                return Ok(Some(Err(Skipped {
                    article: at_line(),
                    reason,
                })));
            }
        }
        let get = |i: Option<usize>| -> &[u8] { i.and_then(|i| self.record.get(i)).unwrap_or(b"") };
        let text_of = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
        let id = [ArticleField::Id, ArticleField::Url]
            .into_iter()
            .map(|f| text_of(get(self.columns[f as usize])))
            .find(|s| !s.is_empty())
            .unwrap_or_else(at_line);
        let text = get(self.columns[ArticleField::Text as usize]);
        // Checked before the text is copied: a record up to --max-record-size is read, but
        // only an article up to --max-article-size is kept twice.
        if let Some(reason) = over_article_size(text.len(), d) {
            return Ok(Some(Err(Skipped {
                article: id,
                reason,
            })));
        }
        let text = text.to_vec();
        let date = text_of(get(self.columns[ArticleField::Date as usize]));
        let outlet = text_of(get(self.columns[ArticleField::Outlet as usize]));
        Ok(Some(article_from_bytes(id, text, &date, &outlet, d)))
    }
}
