//! What an input is, told by its first bytes and its name, and how to turn it into the CSV text
//! the reader in `input` expects: CSV or TSV with its delimiter (from `--delimiter`, the
//! extension or the header line), gzip or zstd of those (by magic bytes), an `.xlsx` or `.ods`
//! sheet (through calamine), or JSON Lines. Anything else gets a message that says what the
//! file looks like and what to do; its bytes are never shown.

use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{Error, Result};
use crate::input::{InputPath, InputSettings};

/// How much of an input is looked at to tell what it is.
const PEEK: usize = 64 * 1024;

/// An input ready for the CSV reader.
pub struct Opened {
    /// CSV text (UTF-8 unless the file is not).
    pub stream: Box<dyn Read + Send>,
    /// Bytes the stream will give, when known (for the progress line).
    pub size: Option<u64>,
    pub delimiter: u8,
    /// What the user should know about how the input was read ("gzip-compressed").
    pub notes: Vec<String>,
    /// Plain UTF-8 text, read as the file's bytes: a later run can read on from a byte offset
    /// (`--state`). Not so for compressed, decoded, sheet or JSON Lines inputs.
    pub resumable: bool,
    /// For JSON Lines: where each record is in the input itself (its line and byte offset,
    /// which the CSV text's own would not tell), and the input's number of lines.
    pub origins: Option<crate::input::Origins>,
}

/// Opens an input and works out what it is.
pub fn open(path: &InputPath, name: &str, settings: &InputSettings) -> Result<Opened> {
    let file_error = |message: String| Error::File {
        path: name.to_string(),
        message,
    };
    let (raw, size, file_name, again): (Box<dyn Read + Send>, _, _, _) = match path {
        InputPath::Stdin => (Box::new(io::stdin()), None, None, None),
        InputPath::File(p) => {
            let file = File::open(p).map_err(|e| file_error(crate::input::open_error(&e)))?;
            let size = file.metadata().ok().map(|m| m.len());
            let again = read_again(&file);
            (Box::new(file), size, Some(p.as_path()), again)
        }
    };
    open_stream(raw, size, file_name, again, name, settings)
}

/// A second handle on `file` to read it again from its start (JSON Lines is read twice), when
/// it is a regular file; `None` for a pipe or a device, whose bytes are then spooled.
pub fn read_again(file: &File) -> Option<File> {
    let regular = file.metadata().is_ok_and(|m| m.is_file());
    regular.then(|| file.try_clone().ok()).flatten()
}

/// `open` for the bytes of an input already opened: `raw`, of `size` bytes when known, from
/// the file `file_name` (for its extension), named `name` in messages. `again`, when given, is
/// a handle on the same regular file as `raw`, opened at its start (see `read_again`).
pub fn open_stream(
    raw: Box<dyn Read + Send>,
    size: Option<u64>,
    file_name: Option<&Path>,
    again: Option<File>,
    name: &str,
    settings: &InputSettings,
) -> Result<Opened> {
    let file_error = |message: String| Error::File {
        path: name.to_string(),
        message,
    };
    let read_error = |e: io::Error| file_error(format!("cannot read: {e}"));
    let (mut head, mut stream) = peek(raw).map_err(read_error)?;
    let mut notes = Vec::new();
    let mut size = size;
    let mut resumable = true;
    // One layer of compression, then the content underneath.
    let compression = match head.as_slice() {
        [0x1f, 0x8b, ..] => Some("gzip"),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Some("zstd"),
        _ => None,
    };
    if let Some(kind) = compression {
        let compressed = Box::new(Cursor::new(head).chain(stream));
        let decoded: Box<dyn Read + Send> = if kind == "gzip" {
            Box::new(flate2::read::MultiGzDecoder::new(compressed))
        } else {
            Box::new(zstd::stream::read::Decoder::new(compressed).map_err(read_error)?)
        };
        (head, stream) =
            peek(decoded).map_err(|e| file_error(format!("cannot decompress ({kind}): {e}")))?;
        notes.push(format!("{kind}-compressed"));
        size = None;
        resumable = false;
    }
    if let Some((encoding, note)) = crate::read::encoding::needed(&head, settings.encoding) {
        let whole = Box::new(Cursor::new(head).chain(stream));
        (head, stream) =
            peek(crate::read::encoding::decode(whole, encoding)).map_err(read_error)?;
        notes.push(note);
        size = None;
        resumable = false;
    }
    let ext = extension(file_name);
    let content = Cursor::new(head);
    let looks = looks_like(content.get_ref(), &ext);
    match looks {
        Looks::Spreadsheet => {
            let mut bytes = content.into_inner();
            stream.read_to_end(&mut bytes).map_err(read_error)?;
            let (csv, note) =
                crate::read::sheet::to_csv(bytes, settings.sheet.as_deref(), settings.max_record)
                    .map_err(file_error)?;
            notes.push(note);
            Ok(Opened {
                size: Some(csv.len() as u64),
                stream: Box::new(Cursor::new(csv)),
                delimiter: b',',
                notes,
                resumable: false,
                origins: None,
            })
        }
        Looks::JsonLines => {
            use crate::read::jsonl::{self, Stop};
            // Read again from the file itself only when its bytes are the ones read (not
            // decompressed or decoded); else from a spool of them (see `read::jsonl`).
            let again = if resumable { again } else { None };
            let spool = match again {
                Some(_) => None,
                None => Some(tempfile::tempfile().map_err(|e| Error::File {
                    path: std::env::temp_dir().display().to_string(),
                    message: format!(
                        "cannot create a temporary file to hold the JSON Lines input {name}: {e}"
                    ),
                })?),
            };
            let whole: Box<dyn Read + Send> = Box::new(content.chain(stream));
            let (scan, spool) =
                jsonl::scan(whole, settings.max_record, spool).map_err(|stop| match stop {
                    Stop::Line(line, message) => Error::File {
                        path: format!("{name}:{line}"),
                        message,
                    },
                    Stop::Io(e) => read_error(e),
                })?;
            let mut again = match again.or(spool) {
                Some(file) => file,
                None => return Err(file_error("cannot read it again".to_string())),
            };
            again.seek(SeekFrom::Start(0)).map_err(read_error)?;
            notes.push("JSON Lines, read as a table of its keys".to_string());
            let origins = crate::input::Origins::default();
            let size = scan.bytes;
            let csv =
                jsonl::ToCsv::new(Box::new(again), scan, settings.max_record, origins.clone());
            Ok(Opened {
                size: Some(size),
                stream: Box::new(csv),
                delimiter: b',',
                notes,
                resumable: false,
                origins: Some(origins),
            })
        }
        Looks::Other(what) => Err(file_error(format!(
            "this is not CSV text: it looks like {what}. claimtrack reads CSV or TSV, .xlsx and \
             .ods sheets, JSON Lines, and gzip or zstd of them; export the data as CSV (UTF-8) \
             and read that"
        ))),
        Looks::Text => {
            let delimiter = match settings.delimiter {
                Some(d) => d,
                None if matches!(ext.as_str(), "tsv" | "tab") => b'\t',
                None => {
                    let sniffed = sniff_delimiter(content.get_ref());
                    if sniffed != b',' {
                        notes.push(format!(
                            "fields separated by {} (seen in the header; say otherwise with \
                             --delimiter)",
                            describe(sniffed)
                        ));
                    }
                    sniffed
                }
            };
            Ok(Opened {
                stream: Box::new(content.chain(stream)),
                size,
                delimiter,
                notes,
                resumable,
                origins: None,
            })
        }
    }
}

/// Reads the start of a stream: enough for magic bytes and the header line (up to `PEEK`
/// bytes), and no more than what has arrived, so that a pipe's first rows are read as soon as
/// they come. Returns them and the rest.
fn peek<R: Read + Send + 'static>(mut stream: R) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = vec![0; PEEK];
    let mut len = 0;
    while len < PEEK && (len < 8 || !head[..len].iter().any(|b| matches!(b, b'\n' | b'\r'))) {
        match stream.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(len);
    Ok((head, Box::new(stream)))
}

/// The file's extension in lower case, looking past a compression one (`claims.tsv.gz`).
fn extension(path: Option<&Path>) -> String {
    let Some(path) = path else {
        return String::new();
    };
    let lower = |p: &Path| {
        p.extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    let ext = lower(path);
    if matches!(ext.as_str(), "gz" | "gzip" | "zst" | "zstd") {
        lower(&path.with_extension(""))
    } else {
        ext
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Looks {
    Text,
    Spreadsheet,
    JsonLines,
    /// Something we do not read, described for the message.
    Other(&'static str),
}

/// What the first bytes of an (uncompressed) input look like.
fn looks_like(head: &[u8], ext: &str) -> Looks {
    const MAGIC: [(&[u8], &str); 10] = [
        (b"PK\x03\x04", "a zip archive"),
        (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook"),
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7fELF", "a program (ELF executable)"),
        (b"SQLite format 3\0", "an SQLite database"),
        (b"PAR1", "a Parquet file"),
        (
            b"\xfd7zXZ\0",
            "an xz-compressed file (decompress it with unxz first)",
        ),
    ];
    let kind = MAGIC
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, what)| *what);
    match kind {
        // Both sheet formats are zip archives; the old .xls is calamine's too.
        Some("a zip archive" | "an old Excel (.xls) workbook") => return Looks::Spreadsheet,
        Some(what) => return Looks::Other(what),
        None => {}
    }
    // UTF-16 text has NUL bytes too; it is decoded elsewhere, before this is asked.
    let utf16 = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
    if !utf16 && head.contains(&0) {
        return Looks::Other("a binary file (it has NUL bytes)");
    }
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{') => Looks::JsonLines,
        _ if matches!(ext, "jsonl" | "ndjson") => Looks::JsonLines,
        Some(b'[') => Looks::Other(
            "a JSON array; claimtrack reads JSON Lines (one object per line): convert it with \
             jq -c '.[]'",
        ),
        Some(b'<') => Looks::Other("HTML or XML"),
        _ => Looks::Text,
    }
}

/// The delimiter a header line uses: whichever of `,` `;` tab `|` it has most of, outside
/// quotes; a comma when it has none.
fn sniff_delimiter(head: &[u8]) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; CANDIDATES.len()];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most frequent: a tie goes to the comma.
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

fn describe(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tabs".to_string(),
        d => format!("`{}`", char::from(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_sniffed_from_the_header_line_only() {
        assert_eq!(sniff_delimiter(b"date;person;claim\n1,2,3,4,5\n"), b';');
        assert_eq!(sniff_delimiter(b"date\tperson\tclaim\n"), b'\t');
        assert_eq!(sniff_delimiter(b"date|person|claim"), b'|');
        assert_eq!(sniff_delimiter(b"date,person,claim\n"), b',');
        assert_eq!(sniff_delimiter(b"\"a;b;c\",person,claim\n"), b',');
        assert_eq!(sniff_delimiter(b"date"), b',');
        assert_eq!(sniff_delimiter(b""), b',');
    }

    #[test]
    fn first_bytes_tell_what_a_file_is() {
        assert_eq!(looks_like(b"date,person\n", "csv"), Looks::Text);
        assert_eq!(looks_like(b"PK\x03\x04....", "xlsx"), Looks::Spreadsheet);
        assert_eq!(looks_like(b"{\"date\":1}\n", ""), Looks::JsonLines);
        assert_eq!(looks_like(b"\xef\xbb\xbf {\"a\":1}", ""), Looks::JsonLines);
        assert_eq!(looks_like(b"", "jsonl"), Looks::JsonLines);
        assert!(matches!(looks_like(b"%PDF-1.4", "csv"), Looks::Other(w) if w.contains("PDF")));
        assert!(matches!(looks_like(b"ab\0cd", "csv"), Looks::Other(w) if w.contains("NUL")));
        assert!(matches!(looks_like(b"[{\"a\":1}]", ""), Looks::Other(w) if w.contains("jq")));
        assert!(matches!(looks_like(b"<html>", ""), Looks::Other(_)));
        assert_eq!(looks_like(b"\xff\xfed\0a\0", ""), Looks::Text);
    }

    #[test]
    fn extensions_look_past_compression() {
        assert_eq!(extension(Some(Path::new("a/claims.TSV"))), "tsv");
        assert_eq!(extension(Some(Path::new("claims.tab.gz"))), "tab");
        assert_eq!(extension(Some(Path::new("claims.zst"))), "");
        assert_eq!(extension(None), "");
    }
}
