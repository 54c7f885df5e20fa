//! Writing tables: one `Writer` trait, one file per format, and a `Sink` that is stdout or a
//! file written whole or not at all.
//!
//! Writers stream: a row is written when it is complete, except the terminal table, which must
//! see every row to size its columns.

pub mod brief;
pub(crate) mod cleanup;
mod csv;
pub use csv::looks_like_formula;
mod json;
mod markdown;
pub mod printable;
pub mod select;
mod table;
mod xlsx;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for reading in a terminal, fitted to its width.
    Table,
    Csv,
    Tsv,
    /// One JSON array of objects.
    Json,
    /// JSON Lines: one object per line.
    Jsonl,
    Markdown,
    /// An Excel workbook: typed numbers and dates, one sheet named after the command.
    Xlsx,
}

impl Format {
    /// The extensions `from_extension` knows, for messages.
    pub const EXTENSIONS: &str = ".csv, .tsv, .json, .jsonl, .md, .txt or .xlsx";

    /// The format a file name suggests (`report.json`), if any.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "md" | "markdown" => Format::Markdown,
            "txt" => Format::Table,
            "xlsx" => Format::Xlsx,
            _ => return None,
        })
    }
}

/// One cell. Numbers keep their type so JSON writes them as numbers and tables align them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Text(&'a str),
    Int(i64),
    /// An exact decimal: `units` × 10^-places (see `crate::decimal`).
    Decimal {
        units: i64,
        places: u8,
    },
    /// No value: an empty cell, or `null` in JSON.
    Null,
}

impl Value<'_> {
    /// Writes the value as text into `buf` (cleared first); `Null` is empty.
    pub(crate) fn render(&self, buf: &mut String) {
        use std::fmt::Write as _;
        buf.clear();
        let _ = match *self {
            Value::Text(t) => {
                buf.push_str(t);
                Ok(())
            }
            Value::Int(n) => write!(buf, "{n}"),
            Value::Decimal { units, places } => {
                crate::decimal::write(buf, units, places);
                Ok(())
            }
            Value::Null => Ok(()),
        };
    }

    pub(crate) fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Decimal { .. })
    }
}

/// A table being written: a header, then rows field by field.
pub trait Writer {
    fn header(&mut self, columns: &[&str]) -> io::Result<()>;
    fn field(&mut self, value: Value<'_>) -> io::Result<()>;
    fn end_row(&mut self) -> io::Result<()>;
    /// Writes what is buffered and hands back the sink, to be committed.
    fn finish(self: Box<Self>) -> io::Result<Sink>;
}

/// Where output goes.
pub enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A temporary file beside `path`, renamed onto it by `commit`; dropped, it vanishes.
    File {
        file: BufWriter<NamedTempFile>,
        path: PathBuf,
        /// Removes the temporary file if the run is interrupted by a signal.
        _pending: cleanup::Pending,
    },
    /// Something that is not a regular file (`/dev/null`, a named pipe, a terminal), written
    /// in place: renaming a file over it would replace the device or the pipe.
    Device(BufWriter<fs::File>),
    /// Stdout held back in an unnamed temporary file until `commit`: for a streaming command
    /// under `--strict`, which must not write a row before it knows no row is rejected.
    HeldStdout(BufWriter<fs::File>),
}

impl Sink {
    /// Stdout; or for `path`, a temporary file in the folder of the file it will replace
    /// (through a symbolic link, so the link survives), or the device itself.
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout().lock(),
            )));
        };
        let failed = |message: String| Error::File {
            path: path.display().to_string(),
            message,
        };
        let target = match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => return Err(failed("is a folder, not a file".to_string())),
            Ok(meta) if !meta.is_file() => {
                let device = fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| failed(format!("cannot open for writing: {e}")))?;
                return Ok(Sink::Device(BufWriter::with_capacity(1 << 16, device)));
            }
            Ok(_) => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            // A dangling symbolic link: write the file it names, and keep the link.
            Err(_) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
                let target = crate::overwrite::resolve(path);
                // Links that never reach a file (a loop): writing would replace one of them.
                if fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
                    return Err(failed(
                        "is a loop of symbolic links that never reaches a file: point it at \
                         a file or remove it"
                            .to_string(),
                    ));
                }
                target
            }
            Err(_) => path.to_path_buf(),
        };
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        cleanup::remove_stale(folder);
        let file = tempfile::Builder::new()
            .prefix(&cleanup::temporary_prefix())
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(|e| failed(format!("cannot create a file in {}: {e}", folder.display())))?;
        // The clean-up's signal handler now ends the process on a signal.
        crate::progress::signal_ends_elsewhere();
        Ok(Sink::File {
            _pending: cleanup::Pending::new(file.path()),
            file: BufWriter::with_capacity(1 << 16, file),
            path: target,
        })
    }

    /// `open`, except that stdout is held back until `commit` when `hold` is set.
    pub fn open_held(path: Option<&Path>, hold: bool) -> Result<Sink> {
        if path.is_some() || !hold {
            return Sink::open(path);
        }
        let file = tempfile::tempfile().map_err(|e| Error::File {
            path: std::env::temp_dir().display().to_string(),
            message: format!("cannot create a temporary file to hold the output: {e}"),
        })?;
        Ok(Sink::HeldStdout(BufWriter::with_capacity(1 << 16, file)))
    }

    /// Flushes stdout or the device, copies held output to stdout, or moves the finished
    /// temporary file onto its path in one rename.
    pub fn commit(self) -> Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush().map_err(Error::from),
            Sink::Device(mut out) => out.flush().map_err(Error::from),
            Sink::HeldStdout(out) => {
                use std::io::{Seek, SeekFrom};
                let mut file = out.into_inner().map_err(|e| Error::from(e.into_error()))?;
                file.seek(SeekFrom::Start(0))?;
                let mut stdout = io::stdout().lock();
                io::copy(&mut file, &mut stdout)?;
                stdout.flush().map_err(Error::from)
            }
            Sink::File { file, path, .. } => {
                let failed = |e: io::Error| Error::File {
                    path: path.display().to_string(),
                    message: format!("cannot write: {e}"),
                };
                let file = file.into_inner().map_err(|e| failed(e.into_error()))?;
                file.as_file().sync_all().map_err(failed)?;
                keep_permissions(file.path(), &path);
                file.persist(&path).map_err(|e| failed(e.error))?;
                Ok(())
            }
        }
    }
}

/// A temporary file is private (0600); give the report the permissions of the file it replaces,
/// or, for a new one, those the umask gives a new file (0666 less the umask), as any other
/// program's new file gets.
fn keep_permissions(tmp: &Path, target: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(target)
            .map_or_else(|_| 0o666 & !cleanup::umask(), |m| m.permissions().mode());
        let _ = fs::set_permissions(tmp, fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    {
        let _ = (tmp, target);
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { file, .. } => file.write(buf),
            Sink::Device(w) | Sink::HeldStdout(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::File { file, .. } => file.write_all(buf),
            Sink::Device(w) | Sink::HeldStdout(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { file, .. } => file.flush(),
            Sink::Device(w) | Sink::HeldStdout(w) => w.flush(),
        }
    }
}

/// The writer for the settings' format over `sink`, passing on only `--columns` if given.
/// `table` names the table (the sheet of a workbook): the command's name.
pub fn writer(
    settings: &crate::config::OutputSettings,
    sink: Sink,
    table: &str,
) -> Result<Box<dyn Writer>> {
    let writer: Box<dyn Writer> = match settings.format {
        Format::Table => Box::new(table::TableWriter::new(sink)),
        Format::Csv => Box::new(csv::CsvWriter::new(
            sink,
            settings.delimiter,
            settings.bom,
            settings.escape_formulas,
        )),
        Format::Tsv => Box::new(csv::CsvWriter::new(
            sink,
            b'\t',
            settings.bom,
            settings.escape_formulas,
        )),
        Format::Json => Box::new(json::JsonWriter::new(sink, false)),
        Format::Jsonl => Box::new(json::JsonWriter::new(sink, true)),
        Format::Markdown => Box::new(markdown::MarkdownWriter::new(sink)),
        Format::Xlsx => Box::new(xlsx::XlsxWriter::new(sink, table)?),
    };
    Ok(if settings.columns.is_empty() {
        writer
    } else {
        Box::new(select::Select::new(writer, settings.columns.clone()))
    })
}

/// Writes a whole table of rows, for the aggregate subcommands.
pub fn write_table<'a>(
    writer: &mut dyn Writer,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<Value<'a>>>,
) -> io::Result<()> {
    writer.header(columns)?;
    for row in rows {
        for value in row {
            writer.field(value)?;
        }
        writer.end_row()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_and_nulls_render_as_text() {
        let mut buf = String::new();
        Value::Decimal {
            units: -4676,
            places: 4,
        }
        .render(&mut buf);
        assert_eq!(buf, "-0.4676");
        Value::Null.render(&mut buf);
        assert_eq!(buf, "");
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(
            Format::from_extension(Path::new("r/report.JSON")),
            Some(Format::Json)
        );
        assert_eq!(
            Format::from_extension(Path::new("r.ndjson")),
            Some(Format::Jsonl)
        );
        assert_eq!(
            Format::from_extension(Path::new("r.md")),
            Some(Format::Markdown)
        );
        assert_eq!(Format::from_extension(Path::new("report")), None);
    }
}
