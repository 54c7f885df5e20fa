//! JSON Lines input: one object per line, read as a table whose columns are the keys, in the
//! order they first appear. Strings are taken as they are, numbers and booleans as written,
//! null as empty, arrays and objects as their JSON text as written.
//!
//! Read in two passes, in memory bounded by `--max-record-size`, never by the file:
//!
//! 1. `scan` streams the lines (each one kept only up to the limit: a line that passes it is a
//!    file error at once, nothing more of it read), checks that each is one object with each key
//!    once, and collects the keys in first-seen order in a hash map (key → column), linear in
//!    the keys. The bytes are hashed as they pass, and when the input cannot be read again
//!    (stdin, a pipe, compressed or decoded text) each object's line is copied to a spool: an
//!    unnamed temporary file in the temporary folder (`std::env::temp_dir`, `TMPDIR`), which the
//!    system removes when the file is closed or the process ends, however it ends, so no spool
//!    is ever left behind. The spool holds only the objects, each after its line number, byte
//!    offset and length (`SPOOL_HEAD`): blank lines take no disk, and the lines keep their
//!    numbers.
//! 2. `ToCsv` reads the objects again (the regular file through a second handle, else the
//!    spool) and is a `Read` that gives CSV text one record at a time, as the csv reader asks
//!    for it. For each record it adds the object's physical line and byte offset to the input's
//!    `Origins`, which the record reader takes in order, so messages name the JSON Lines line.
//!    Bytes of the file that differ from the first pass (a file written to in between) end the
//!    read with a message rather than rows under the wrong columns.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use xxhash_rust::xxh3::Xxh3;

use crate::input::Origins;
use crate::message::field;

/// Bytes read from the input at a time.
const CHUNK: usize = 1 << 16;

/// Before each object in the spool: its line number, its byte offset in the input and its
/// length, each 8 bytes little-endian.
const SPOOL_HEAD: usize = 24;

/// Why the input cannot be read as JSON Lines.
#[derive(Debug)]
pub enum Stop {
    /// At this line (1-based): the message says why.
    Line(u64, String),
    /// The input could not be read (or the spool written).
    Io(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        Stop::Io(e)
    }
}

/// What the first pass found: the keys and what the second pass must see again.
pub struct Scan {
    /// Key → its column, numbered in the order the keys first appear.
    columns: HashMap<String, usize>,
    /// Non-blank lines (objects).
    objects: u64,
    /// Physical lines, a last one without a line break included.
    pub lines: u64,
    /// Bytes of the input.
    pub bytes: u64,
    hash: u128,
    /// Whether the objects were copied to a spool (read again from there, in its format).
    spooled: bool,
}

/// The first pass over `input`: see the module's comment. With `spool`, the objects are also
/// copied there (blank lines are not), and the spool is given back at its start to be read
/// again.
pub fn scan(
    input: Box<dyn Read + Send>,
    limit: u64,
    spool: Option<File>,
) -> Result<(Scan, Option<File>), Stop> {
    let mut lines = Lines::new(input, limit);
    let mut spool = spool.map(|f| BufWriter::with_capacity(CHUNK, f));
    let mut columns: HashMap<String, usize> = HashMap::new();
    // The line on which each column's key was last seen: a second time on one line is a
    // duplicate key, found without a set per line.
    let mut seen_on: Vec<u64> = Vec::new();
    let mut objects = 0;
    let mut buf = Vec::new();
    loop {
        let (number, start) = match lines.next(&mut buf)? {
            Next::End => break,
            Next::TooLong { number } => return Err(Stop::Line(number, too_long(limit))),
            Next::NoMemory { number, bytes } => {
                return Err(Stop::Line(number, no_memory(bytes, limit)));
            }
            Next::Line { number, start } => (number, start),
        };
        let Some(text) = object_text(&buf, number) else {
            continue;
        };
        // Keys and unescaped strings take at most about the line's size again.
        if !room(text.len()) {
            return Err(Stop::Line(number, no_memory(text.len() as u64, limit)));
        }
        if let Some(spool) = &mut spool {
            let mut head = [0u8; SPOOL_HEAD];
            head[..8].copy_from_slice(&number.to_le_bytes());
            head[8..16].copy_from_slice(&start.to_le_bytes());
            head[16..].copy_from_slice(&(buf.len() as u64).to_le_bytes());
            spool
                .write_all(&head)
                .and_then(|()| spool.write_all(&buf))
                .map_err(spool_error)?;
        }
        objects += 1;
        each_entry(&text, |key, _| {
            let next = columns.len();
            let column = match columns.get(key.as_ref()) {
                Some(&column) => column,
                None => {
                    columns.insert(key.clone().into_owned(), next);
                    seen_on.push(0);
                    next
                }
            };
            if seen_on[column] == number {
                return Err(duplicate(&key));
            }
            seen_on[column] = number;
            Ok(())
        })
        .map_err(|message| Stop::Line(number, message))?;
    }
    let spooled = spool.is_some();
    let spool = match spool {
        Some(writer) => {
            let mut file = writer
                .into_inner()
                .map_err(|e| spool_error(e.into_error()))?;
            file.seek(SeekFrom::Start(0))?;
            Some(file)
        }
        None => None,
    };
    let scan = Scan {
        columns,
        objects,
        lines: lines.number,
        bytes: lines.offset,
        hash: lines.hash.digest128(),
        spooled,
    };
    Ok((scan, spool))
}

/// The second pass: the input's bytes again (from their start), given as CSV text.
pub struct ToCsv {
    lines: Lines<Box<dyn Read + Send>>,
    scan: Scan,
    origins: Origins,
    /// The header, then each record in turn, as CSV text; `out[at..]` is not yet read.
    out: Vec<u8>,
    at: usize,
    buf: Vec<u8>,
    objects: u64,
    started: bool,
    done: bool,
}

impl ToCsv {
    /// `again` must start where the first pass's input started, or be the spool it gave back.
    /// Each record's place goes into `origins`, and its number of lines too.
    pub fn new(again: Box<dyn Read + Send>, scan: Scan, limit: u64, origins: Origins) -> ToCsv {
        origins.set_lines(scan.lines);
        // Exactly the bytes the first pass saw: a file appended to since ends where it ended.
        let again: Box<dyn Read + Send> = if scan.spooled {
            again
        } else {
            Box::new(again.take(scan.bytes))
        };
        ToCsv {
            lines: Lines::new(again, limit),
            scan,
            origins,
            out: Vec::new(),
            at: 0,
            buf: Vec::new(),
            objects: 0,
            started: false,
            done: false,
        }
    }

    /// Makes the next record's CSV text (the header first) in `out`; false at the end.
    fn fill(&mut self) -> io::Result<bool> {
        let limit = self.lines.limit;
        self.out.clear();
        self.at = 0;
        let width = self.scan.columns.len();
        if !self.started {
            self.started = true;
            let mut header: Vec<&str> = vec![""; width];
            for (key, &column) in &self.scan.columns {
                header[column] = key;
            }
            write_record(&mut self.out, header.into_iter());
            return Ok(true);
        }
        if self.done {
            return Ok(false);
        }
        loop {
            let next = if self.scan.spooled {
                self.lines.spooled(&mut self.buf)?
            } else {
                self.lines.next(&mut self.buf)?
            };
            let (number, start) = match next {
                Next::End => {
                    self.done = true;
                    // The spool is this run's own file: only the file itself can have changed.
                    let same = self.objects == self.scan.objects
                        && (self.scan.spooled
                            || (self.lines.offset == self.scan.bytes
                                && self.lines.hash.digest128() == self.scan.hash));
                    if !same {
                        return Err(changed(self.lines.number));
                    }
                    return Ok(false);
                }
                Next::TooLong { number, .. } => return Err(changed(number)),
                Next::NoMemory { number, bytes } => return Err(starved(number, bytes, limit)),
                Next::Line { number, start } => (number, start),
            };
            let Some(text) = object_text(&self.buf, number) else {
                continue;
            };
            // The values' text and the CSV record each take about the line's size again.
            if !room(2 * text.len()) {
                return Err(starved(number, text.len() as u64, limit));
            }
            let columns = &self.scan.columns;
            let mut values: Vec<(usize, Cow<'_, str>)> = Vec::new();
            each_entry(&text, |key, value| {
                let column = *columns.get(key.as_ref()).ok_or_else(String::new)?;
                values.push((column, cell(value)?));
                Ok(())
            })
            .map_err(|_| changed(number))?;
            values.sort_unstable_by_key(|(column, _)| *column);
            if values.windows(2).any(|w| w[0].0 == w[1].0) {
                return Err(changed(number));
            }
            let mut given = values.iter().peekable();
            let fields = (0..width).map(|column| {
                given
                    .next_if(|(c, _)| *c == column)
                    .map_or("", |(_, text)| text.as_ref())
            });
            write_record(&mut self.out, fields);
            self.objects += 1;
            self.origins.push(number, start);
            return Ok(true);
        }
    }
}

/// Writes one CSV record as the csv crate reads it back: fields separated by commas, quoted
/// when they hold a comma, a quote or a line break (a quote doubled), a record of one empty
/// field as `""` (an empty line would be no record), and a line feed at the end.
fn write_record<'f>(out: &mut Vec<u8>, fields: impl Iterator<Item = &'f str>) {
    let mut count = 0;
    for text in fields {
        if count > 0 {
            out.push(b',');
        }
        count += 1;
        let bytes = text.as_bytes();
        if bytes
            .iter()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        {
            out.push(b'"');
            for &b in bytes {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(bytes);
        }
    }
    if count == 1 && out.last().is_none_or(|&b| b == b'\n') {
        out.extend_from_slice(b"\"\"");
    }
    out.push(b'\n');
}

impl Read for ToCsv {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = self.out.get(self.at..).unwrap_or_default().read(buf)?;
        self.at += n;
        // A record near the limit is not held after it is read.
        if self.at == self.out.len() && self.out.capacity() > 4 * CHUNK {
            self.out = Vec::new();
            self.at = 0;
        }
        Ok(n)
    }
}

/// The input's lines, one at a time, each kept only up to the limit; every byte hashed.
struct Lines<R> {
    inner: BufReader<R>,
    limit: u64,
    /// Lines read so far.
    number: u64,
    /// Bytes read so far.
    offset: u64,
    hash: Xxh3,
}

enum Next {
    /// The line's text is in the buffer (without its line break).
    Line {
        number: u64,
        start: u64,
    },
    /// A line longer than the limit: the reading stopped as soon as it passed it.
    TooLong {
        number: u64,
    },
    /// A line within the limit, of `bytes` bytes, that the memory left could not hold.
    NoMemory {
        number: u64,
        bytes: u64,
    },
    End,
}

impl<R: Read> Lines<R> {
    fn new(inner: R, limit: u64) -> Lines<R> {
        Lines {
            inner: BufReader::with_capacity(CHUNK, inner),
            limit,
            number: 0,
            offset: 0,
            hash: Xxh3::new(),
        }
    }

    /// Reads the next object from a spool `scan` wrote (see `SPOOL_HEAD`) into `line`.
    fn spooled(&mut self, line: &mut Vec<u8>) -> io::Result<Next> {
        line.clear();
        if self.inner.fill_buf()?.is_empty() {
            return Ok(Next::End);
        }
        let mut head = [0u8; SPOOL_HEAD];
        self.inner.read_exact(&mut head)?;
        let word = |at: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&head[at..at + 8]);
            u64::from_le_bytes(bytes)
        };
        let (number, start, bytes) = (word(0), word(8), word(16));
        self.number = number;
        if bytes > self.limit {
            return Ok(Next::TooLong { number });
        }
        let len = usize::try_from(bytes).unwrap_or(usize::MAX);
        if crate::alloc::fallible(|| line.try_reserve_exact(len)).is_err() {
            *line = Vec::new();
            return Ok(Next::NoMemory { number, bytes });
        }
        line.resize(len, 0);
        self.inner.read_exact(line)?;
        Ok(Next::Line { number, start })
    }

    /// Reads the next line into `line`. The buffer grows (fallibly, and never past the limit)
    /// only while the line is within the limit and memory can be had; the rest of a line the
    /// memory left cannot hold is only counted, and a line that passes the limit stops the
    /// reading there.
    fn next(&mut self, line: &mut Vec<u8>) -> io::Result<Next> {
        line.clear();
        let number = self.number + 1;
        let start = self.offset;
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let mut bytes: u64 = 0;
        let mut starved = false;
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                if self.offset == start {
                    return Ok(Next::End);
                }
                // A last line without a line break.
                self.number = number;
                break;
            }
            let (piece, found) = match memchr::memchr(b'\n', chunk) {
                Some(at) => (chunk.get(..=at).unwrap_or_default(), true),
                None => (chunk, false),
            };
            let taken = piece.len();
            self.hash.update(piece);
            let text = if found {
                piece.get(..taken - 1).unwrap_or_default()
            } else {
                piece
            };
            bytes += text.len() as u64;
            if bytes > self.limit {
                // Given back; nothing more of the line is read (or spooled).
                *line = Vec::new();
                return Ok(Next::TooLong { number });
            }
            if !starved && line.capacity() - line.len() < text.len() {
                let wanted = (line.capacity() * 2)
                    .min(limit)
                    .max(line.len() + text.len());
                let more = wanted - line.len();
                if crate::alloc::fallible(|| line.try_reserve_exact(more)).is_err() {
                    starved = true;
                    *line = Vec::new();
                }
            }
            if !starved {
                line.extend_from_slice(text);
            }
            self.inner.consume(taken);
            self.offset += taken as u64;
            if found {
                self.number = number;
                break;
            }
        }
        if starved {
            return Ok(Next::NoMemory { number, bytes });
        }
        Ok(Next::Line { number, start })
    }
}

/// A line's text when it holds something (bytes that are not UTF-8 become U+FFFD, a
/// byte-order mark at the input's start is dropped); `None` for a blank line.
fn object_text(line: &[u8], number: u64) -> Option<Cow<'_, str>> {
    let text = String::from_utf8_lossy(line);
    if text.trim().is_empty() {
        return None;
    }
    if number == 1 && text.starts_with('\u{feff}') {
        return Some(match text {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim_start_matches('\u{feff}')),
            Cow::Owned(s) => Cow::Owned(s.trim_start_matches('\u{feff}').to_string()),
        });
    }
    Some(text)
}

/// Calls `each` with every key and value of the object on `line`, in order; or says why the
/// line is not one object (or passes on what `each` said).
fn each_entry<'a>(
    line: &'a str,
    mut each: impl FnMut(Cow<'a, str>, &'a RawValue) -> Result<(), String>,
) -> Result<(), String> {
    let mut stopped = None;
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = de
        .deserialize_map(Entries {
            each: &mut each,
            stopped: &mut stopped,
        })
        .and_then(|()| de.end());
    if let Some(message) = stopped {
        return Err(message);
    }
    match parsed {
        Ok(()) => Ok(()),
        Err(_)
            if !line.trim_start().starts_with('{')
                && serde_json::from_str::<de::IgnoredAny>(line).is_ok() =>
        {
            Err("not a JSON object: JSON Lines input needs one object per line".to_string())
        }
        Err(e) => Err(format!(
            "not valid JSON ({e}): JSON Lines input needs one object per line"
        )),
    }
}

struct Entries<'e, F> {
    each: &'e mut F,
    /// What `each` said when it stopped the object.
    stopped: &'e mut Option<String>,
}

impl<'de, F> Visitor<'de> for Entries<'_, F>
where
    F: FnMut(Cow<'de, str>, &'de RawValue) -> Result<(), String>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            let value: &'de RawValue = map.next_value()?;
            if let Err(message) = (self.each)(key, value) {
                *self.stopped = Some(message);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// A JSON string's text, borrowed from the line when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text<'de>, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// A value as a cell: a string's text, empty for null, anything else as written.
fn cell(value: &RawValue) -> Result<Cow<'_, str>, String> {
    let written = value.get();
    match written.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<Text<'_>>(written)
            .map(|Text(text)| text)
            .map_err(|e| e.to_string()),
        Some(b'n') => Ok(Cow::Borrowed("")),
        _ => Ok(Cow::Borrowed(written)),
    }
}

/// Whether `bytes` more could be had now: tried (allocated and freed) for large lines, so that
/// a line the machine cannot hold is a message, not an aborted allocation.
fn room(bytes: usize) -> bool {
    if bytes < 1 << 20 {
        return true;
    }
    let mut trial = Vec::<u8>::new();
    let fits = crate::alloc::fallible(|| trial.try_reserve_exact(bytes)).is_ok();
    // Kept opaque, so the compiler cannot drop the allocation and assume success.
    std::hint::black_box(&trial);
    fits
}

/// Said as soon as the line passes the limit: the rest of it is not read, so its size is not
/// known.
fn too_long(limit: u64) -> String {
    format!(
        "line longer than --max-record-size ({limit} bytes): JSON Lines input needs each object \
         within the limit; raise it with --max-record-size if the line is right"
    )
}

fn spool_error(e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!(
            "cannot copy it to a temporary file in {}: {e}",
            std::env::temp_dir().display()
        ),
    )
}

fn no_memory(bytes: u64, limit: u64) -> String {
    format!(
        "line of {bytes} bytes: not enough memory to read it (--max-record-size is {limit} \
         bytes); lower --max-record-size or give the run more memory"
    )
}

fn duplicate(key: &str) -> String {
    format!(
        "key `{}` appears twice in this object: JSON Lines input needs each key once per \
         object (one of the two values would be lost)",
        field(key)
    )
}

/// The second pass's `no_memory`: the rows before were read, so the read ends here.
fn starved(line: u64, bytes: u64, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::OutOfMemory,
        format!("line {line}: {}", no_memory(bytes, limit)),
    )
}

fn changed(line: u64) -> io::Error {
    io::Error::other(format!(
        "line {line}: the input changed while it was read (JSON Lines input is read twice, for \
         its keys and then for its rows); read it again once it is no longer being written"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_csv(bytes: &[u8]) -> Result<(String, Vec<(u64, u64)>), Stop> {
        let input: Box<dyn Read + Send> = Box::new(io::Cursor::new(bytes.to_vec()));
        let (scan, _) = scan(input, 1 << 20, None)?;
        let origins = Origins::default();
        let again: Box<dyn Read + Send> = Box::new(io::Cursor::new(bytes.to_vec()));
        let mut csv = String::new();
        ToCsv::new(again, scan, 1 << 20, origins.clone())
            .read_to_string(&mut csv)
            .map_err(Stop::Io)?;
        Ok((csv, std::iter::from_fn(|| origins.pop()).collect()))
    }

    fn stop_line(bytes: &[u8]) -> u64 {
        match to_csv(bytes) {
            Err(Stop::Line(line, _)) => line,
            other => panic!("{:?}", other.map(|(csv, _)| csv)),
        }
    }

    #[test]
    fn objects_become_rows_under_the_union_of_their_keys() {
        let (csv, places) = to_csv(
            b"{\"date\":\"2022-02-01\",\"person\":\"Kim\",\"n\":3}\n\n{\"person\":\"Ann\",\"x\":null,\"tags\":[1, 2]}\n",
        )
        .unwrap();
        assert_eq!(
            csv,
            "date,person,n,x,tags\n2022-02-01,Kim,3,,\n,Ann,,,\"[1, 2]\"\n"
        );
        // Line 3 starts after the first line's 43 bytes and two line breaks.
        assert_eq!(places, [(1, 0), (3, 44)]);
        assert_eq!(stop_line(b"{\"a\":1}\n[1]\n"), 2);
        assert_eq!(stop_line(b"{\"a\":1\n"), 1);
        assert_eq!(stop_line(b"\n{\"a\":1,\"b\":2,\"a\":3}\n"), 2);
    }

    #[test]
    fn escapes_numbers_and_a_byte_order_mark() {
        let (csv, _) =
            to_csv("\u{feff}{\"a\":\"x\\ny\\u00e9\",\"b\":1.50e3,\"c\":true}".as_bytes()).unwrap();
        assert_eq!(csv, "a,b,c\n\"x\nyé\",1.50e3,true\n");
    }

    #[test]
    fn a_spool_holds_only_the_objects_and_keeps_their_lines() {
        let mut bytes = b"\n\n{\"a\":\"1\"}\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'\n', 100_000));
        bytes.extend_from_slice(b"  \r\n{\"b\":2}");
        let input: Box<dyn Read + Send> = Box::new(io::Cursor::new(bytes.clone()));
        let spool = tempfile::tempfile().unwrap();
        let (scan, spool) = scan(input, 1 << 20, Some(spool)).unwrap();
        let spool = spool.unwrap();
        assert_eq!(
            spool.metadata().unwrap().len(),
            2 * SPOOL_HEAD as u64 + 9 + 7
        );
        assert_eq!((scan.lines, scan.bytes), (100_005, bytes.len() as u64));
        let origins = Origins::default();
        let mut csv = String::new();
        ToCsv::new(Box::new(spool), scan, 1 << 20, origins.clone())
            .read_to_string(&mut csv)
            .unwrap();
        assert_eq!(csv, "a,b\n1,\n,2\n");
        let places: Vec<_> = std::iter::from_fn(|| origins.pop()).collect();
        assert_eq!(places, [(3, 2), (100_005, 100_016)]);
    }

    #[test]
    fn a_line_over_the_limit_stops_the_read_at_once() {
        // An endless line: the first pass stops once it has read past the limit.
        let endless: Box<dyn Read + Send> = Box::new(io::repeat(b'a'));
        let spool = tempfile::tempfile().unwrap();
        match scan(endless, 1 << 20, Some(spool)) {
            Err(Stop::Line(1, message)) => {
                assert!(
                    message.contains("longer than --max-record-size"),
                    "{message}"
                )
            }
            _ => panic!("an endless line was read"),
        }
    }

    #[test]
    fn bytes_that_changed_since_the_first_pass_end_the_read() {
        let first = b"{\"a\":\"1\"}\n{\"a\":\"2\"}\n";
        for second in [
            &b"{\"a\":\"1\"}\n{\"a\":\"3\"}\n"[..],
            b"{\"a\":\"1\"}\n{\"b\":\"2\"}\n",
            b"{\"a\":\"1\"}\n",
        ] {
            let input: Box<dyn Read + Send> = Box::new(io::Cursor::new(first.to_vec()));
            let (scan, _) = scan(input, 1 << 20, None).unwrap();
            let again: Box<dyn Read + Send> = Box::new(io::Cursor::new(second.to_vec()));
            let mut csv = String::new();
            let error = ToCsv::new(again, scan, 1 << 20, Origins::default())
                .read_to_string(&mut csv)
                .unwrap_err();
            assert!(
                error.to_string().contains("changed while it was read"),
                "{error}"
            );
        }
    }
}
