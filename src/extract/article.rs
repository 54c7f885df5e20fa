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
    let mut bytes = Vec::new();
    file.take(defaults.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(format!("cannot read {shown_path}"), e))?;
    if bytes.len() as u64 > defaults.max_bytes {
        return Ok(Err(Skipped {
            article: id,
            reason: format!(
                "longer than --max-article-size ({} bytes)",
                defaults.max_bytes
            ),
        }));
    }
    Ok(article_from_bytes(id, bytes, "", "", defaults))
}

/// Reads the text of standard input as one article, named `-`.
pub fn read_text_stdin(defaults: &Defaults<'_>) -> Result<Read1> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(defaults.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("cannot read standard input", e))?;
    if bytes.len() as u64 > defaults.max_bytes {
        return Ok(Err(Skipped {
            article: "-".into(),
            reason: format!(
                "longer than --max-article-size ({} bytes)",
                defaults.max_bytes
            ),
        }));
    }
    Ok(article_from_bytes("-".into(), bytes, "", "", defaults))
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
    if bytes.len() as u64 > d.max_bytes {
        return Err(skip(format!(
            "{} bytes, over --max-article-size ({} bytes)",
            bytes.len(),
            d.max_bytes
        )));
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

/// A CSV of articles, read row by row.
pub struct CsvArticles {
    name: String,
    reader: csv::Reader<Box<dyn Read>>,
    columns: [Option<usize>; 6],
    record: csv::ByteRecord,
    row: u64,
}

impl CsvArticles {
    /// Opens `path` (`None`: standard input) and maps its header.
    pub fn open(
        path: Option<&Path>,
        delimiter: u8,
        renames: &[(ArticleField, String)],
    ) -> Result<CsvArticles> {
        let name = path.map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
        let input: Box<dyn Read> = match path {
            Some(p) => Box::new(File::open(p).map_err(|e| Error::File {
                path: name.clone(),
                message: format!("cannot open: {e}"),
            })?),
            None => Box::new(io::stdin()),
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(input);
        let header = reader.byte_headers().map_err(|e| Error::File {
            path: name.clone(),
            message: format!("cannot read the header: {e}"),
        })?;
        let header: Vec<String> = header
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
            row: 1,
        })
    }

    /// The next article, or `None` at the end of the file.
    pub fn next(&mut self, d: &Defaults<'_>) -> Result<Option<Read1>> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(e) => {
                return Err(Error::File {
                    path: self.name.clone(),
                    message: format!("cannot read row {}: {e}", self.row + 1),
                });
            }
        }
        self.row += 1;
        let line = self.record.position().map_or(self.row, |p| p.line());
        let get = |i: Option<usize>| -> &[u8] { i.and_then(|i| self.record.get(i)).unwrap_or(b"") };
        let text_of = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
        let id = [ArticleField::Id, ArticleField::Url]
            .into_iter()
            .map(|f| text_of(get(self.columns[f as usize])))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| format!("{}:{line}", self.name));
        let text = get(self.columns[ArticleField::Text as usize]).to_vec();
        let date = text_of(get(self.columns[ArticleField::Date as usize]));
        let outlet = text_of(get(self.columns[ArticleField::Outlet as usize]));
        Ok(Some(article_from_bytes(id, text, &date, &outlet, d)))
    }
}
