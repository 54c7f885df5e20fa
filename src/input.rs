//! Reading claims: files or stdin, the delimiter, the header and its mapping onto claimtrack's
//! fields, and turning each record into a `Claim` or a `Rejection` reason. Every subcommand reads
//! through here.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use csv::{ByteRecord, StringRecord};

use crate::claim::{Claim, trim};
use crate::date::{DateError, DateParser};
use crate::error::{Error, Result};
use crate::framing::Framer;
use crate::message::{self, field};
use crate::source_type::SourceType;
use crate::stance::Stance;

/// The columns claimtrack understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Person,
    Claim,
    Speaker,
    Attribution,
    Outlet,
    Topic,
    SourceType,
    Stance,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Date,
        Field::Person,
        Field::Claim,
        Field::Speaker,
        Field::Attribution,
        Field::Outlet,
        Field::Topic,
        Field::SourceType,
        Field::Stance,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Person => "person",
            Field::Claim => "claim",
            Field::Speaker => "speaker",
            Field::Attribution => "attribution",
            Field::Outlet => "outlet",
            Field::Topic => "topic",
            Field::SourceType => "source_type",
            Field::Stance => "stance",
        }
    }

    pub fn required(self) -> bool {
        matches!(self, Field::Date | Field::Person | Field::Claim)
    }

    fn parse(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// Where to read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPath {
    Stdin,
    File(PathBuf),
}

impl fmt::Display for InputPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputPath::Stdin => f.write_str("<stdin>"),
            InputPath::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// How to read the input, resolved from the command line.
#[derive(Debug, Clone)]
pub struct InputSettings {
    pub paths: Vec<InputPath>,
    /// `--delimiter`; without it, from the extension or the header (`read::format`).
    pub delimiter: Option<u8>,
    /// `--column claim=quote`: field → header name in the file.
    pub renames: Vec<(Field, String)>,
    pub dates: DateParser,
    /// `--max-record-size`: the most bytes one record (or the header) may take.
    pub max_record: u64,
    /// `--sheet NAME` of a spreadsheet input.
    pub sheet: Option<String>,
    /// `--encoding NAME`: the text's encoding when it is not UTF-8.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Parses one `--column FIELD=HEADER` argument.
pub fn parse_rename(arg: &str) -> std::result::Result<(Field, String), String> {
    let (field, header) = arg
        .split_once('=')
        .ok_or_else(|| format!("expected FIELD=HEADER (e.g. claim=quote), got `{arg}`"))?;
    let field = Field::parse(field).ok_or_else(|| {
        format!(
            "unknown field `{}`; fields are: {}",
            field.trim(),
            Field::ALL.map(|f| f.name()).join(", ")
        )
    })?;
    if header.trim().is_empty() {
        return Err(format!("no header name after `=` in `{arg}`"));
    }
    Ok((field, header.trim().to_string()))
}

/// One opened input: its name for messages and how its columns map onto fields.
#[derive(Debug)]
pub struct Source {
    /// Position among the inputs, in command-line order.
    pub index: usize,
    pub name: String,
    pub columns: Columns,
    /// The file's size in bytes; `None` for stdin.
    pub size: Option<u64>,
    /// The field delimiter the file is read with (given, or told from its name or header).
    pub delimiter: u8,
    /// How the input was read, for stderr (a sniffed delimiter, a decompression).
    pub notes: Vec<String>,
}

/// Reads an input while keeping what line numbers need: the count of line breaks before any
/// byte offset still ahead of the last record start, and the last byte read.
///
/// The csv crate's own line count misses line breaks inside some quoted fields, and a rejected
/// row must be reported at the physical line where it starts, so lines are counted here.
///
/// It also bounds memory per record: the csv crate grows a record without limit (a file with
/// no line break, `/dev/zero`, an unclosed quote), so it is never served more than
/// `--max-record-size` bytes from the current record's start; past them it reports an end of
/// input, and `read_record` skips the rest of that record here, in bounded memory, and goes
/// on with a fresh csv reader where the next record starts. The csv reader's copy of a record
/// (grown by doubling) is then at most the limit rounded up to a power of two, and `kept`,
/// reserved fallibly, about the limit: a record costs about twice the limit at most. Before
/// either grows by a large step, the memory is tried first (`room_for`), so a machine that
/// cannot hold a record rejects it instead of aborting.
pub struct Tracked<R> {
    inner: R,
    /// Bytes read but not yet counted; `kept[consumed..]` starts at byte offset `counted_to`.
    kept: Vec<u8>,
    consumed: usize,
    counted_to: u64,
    breaks_before: u64,
    last: Option<u8>,
    /// `kept[served..]` is read but not yet handed to the csv reader (after a skipped record).
    served: usize,
    /// Where the current record starts (an offset in the whole input).
    record_start: u64,
    limit: u64,
    /// The current record passed the limit: the csv reader was told the input ended.
    overflow: bool,
    /// The overflow came from memory running out, not from the limit.
    starved: bool,
    /// Bytes of the current record for which memory was tried (`room_for`).
    tried: u64,
    /// Delimiters in the current record's bytes served so far, counted once it passes
    /// `COUNT_FIELDS_AFTER` bytes (`weigh`), and the offset they are counted to (0: not yet).
    delimiters: u64,
    delimiters_to: u64,
    /// The inner reader returned 0.
    eof: bool,
    /// The offset, in the whole input, of the current csv reader's byte 0.
    base: u64,
    delimiter: u8,
    /// For CSV text made from another format as it is read (JSON Lines): where each record
    /// really is, and the input's own number of lines.
    origins: Option<Origins>,
}

/// Where the records of an input converted to CSV as it is read really are: the converter
/// (`read::jsonl::ToCsv`) adds each record's physical line and byte offset in the input as it
/// makes the record, and `read_record` takes them in the same order, one per record, so
/// messages and progress name the input's own lines, not the CSV text's. The queue only holds
/// the records made but not yet read: those within the csv reader's read-ahead.
#[derive(Debug, Clone, Default)]
pub struct Origins(Arc<Mutex<OriginsQueue>>);

#[derive(Debug, Default)]
struct OriginsQueue {
    places: VecDeque<(u64, u64)>,
    lines: u64,
}

impl Origins {
    fn lock(&self) -> std::sync::MutexGuard<'_, OriginsQueue> {
        // A queue of numbers cannot be left half-changed by a panicking thread.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next record starts on `line` (1-based), at byte `offset` of the input.
    pub fn push(&self, line: u64, offset: u64) {
        self.lock().places.push_back((line, offset));
    }

    /// The place of the oldest record not yet taken.
    pub fn pop(&self) -> Option<(u64, u64)> {
        self.lock().places.pop_front()
    }

    /// The input's number of lines (a last line without a line break counts).
    pub fn set_lines(&self, lines: u64) {
        self.lock().lines = lines;
    }

    fn lines(&self) -> u64 {
        self.lock().lines
    }
}

/// The csv reader's buffer: it reads this far ahead of the record it parses.
const READ_AHEAD: usize = 1 << 16;

/// What each field of a record counts toward `--max-record-size` beside its bytes: its place
/// in the csv reader's bounds of the record (8 bytes). Without it, a 40 MB record of 20,000,000
/// short fields, within the limit by its bytes, took over 300 MB and aborted under
/// `ulimit -v 400000`. Fields are told by their delimiters, also those inside quotes (which
/// only makes the count err on the safe side).
pub const FIELD_BYTES: u64 = 8;

/// A record's fields are counted once it passes this many bytes: a shorter one cannot hold
/// enough of them to matter, and the count costs a pass over its bytes.
const COUNT_FIELDS_AFTER: u64 = 1 << 20;

/// `--max-record-size` by default: 64 MiB.
pub const DEFAULT_MAX_RECORD: u64 = 64 << 20;

/// The most bytes a header may take, whatever `--max-record-size` (when that is lower, it is
/// the header's limit): 4 MiB, room for `MAX_COLUMNS` names of 63 bytes each. A header is
/// copied several times while it is read and mapped (the first line looked for, the csv
/// reader's buffer and header record, every name as a string and in the maps that make names
/// unique), so a header at a 64 MiB record limit cost over 600 MB and aborted under
/// `ulimit -v 400000`; no real header comes near 4 MiB.
pub const MAX_HEADER: u64 = 4 << 20;

/// The most columns a header may name: 65,536, four times a spreadsheet's (Excel's 16,384),
/// and past any table of claims; JSON Lines keys become columns too. Each column costs some
/// hundred bytes in the header's maps and in every output row, so 2,000,000 names cost over
/// 700 MB and aborted under `ulimit -v 400000`.
pub const MAX_COLUMNS: usize = 1 << 16;

/// The most bytes the header of an input read with `--max-record-size max_record` may take.
pub fn header_limit(max_record: u64) -> u64 {
    max_record.min(MAX_HEADER)
}

/// The message for a header over `header_limit(max_record)`.
pub fn header_too_long(max_record: u64) -> String {
    if max_record <= MAX_HEADER {
        format!(
            "the header row is longer than --max-record-size ({max_record} bytes): is this a \
             CSV file with line breaks? Raise the limit with --max-record-size if it is"
        )
    } else {
        format!(
            "the header row is longer than {MAX_HEADER} bytes, the most a header may take \
             (whatever --max-record-size): is this a CSV file with line breaks?"
        )
    }
}

impl<R: Read> Tracked<R> {
    fn new(inner: R) -> Tracked<R> {
        Tracked::with_limit(inner, DEFAULT_MAX_RECORD, b',')
    }

    /// Reads on from byte `offset` of an input (`inner` starts there), after `lines` line
    /// breaks: positions and line numbers are those in the whole input.
    fn resume(inner: R, limit: u64, delimiter: u8, offset: u64, lines: u64) -> Tracked<R> {
        Tracked {
            counted_to: offset,
            breaks_before: lines,
            record_start: offset,
            base: offset,
            ..Tracked::with_limit(inner, limit, delimiter)
        }
    }

    fn with_limit(inner: R, limit: u64, delimiter: u8) -> Tracked<R> {
        Tracked {
            inner,
            kept: Vec::new(),
            consumed: 0,
            counted_to: 0,
            breaks_before: 0,
            last: None,
            served: 0,
            record_start: 0,
            limit,
            overflow: false,
            starved: false,
            tried: 0,
            delimiters: 0,
            delimiters_to: 0,
            eof: false,
            base: 0,
            delimiter,
            origins: None,
        }
    }

    /// The offset, in the whole input, of the next byte the csv reader gets.
    fn served_to(&self) -> u64 {
        self.counted_to + (self.served - self.consumed) as u64
    }

    /// The physical line (1-based) where the record that the csv crate says starts at `offset`
    /// really starts. The crate's record start is just past the previous record's last field, so
    /// it may sit on line breaks (the `\n` of a CRLF, blank lines): the record's first byte is
    /// the first one after them. Offsets must not decrease from call to call.
    pub fn line_at(&mut self, offset: u64) -> u64 {
        let ahead = usize::try_from(offset.saturating_sub(self.counted_to)).unwrap_or(usize::MAX);
        let mut end = self.consumed.saturating_add(ahead).min(self.kept.len());
        while self
            .kept
            .get(end)
            .is_some_and(|b| matches!(b, b'\n' | b'\r'))
        {
            end += 1;
        }
        self.count_to(end);
        self.breaks_before + 1
    }

    /// Counts the line breaks of `kept[consumed..end]` and moves past them.
    fn count_to(&mut self, end: usize) {
        let skipped = self.kept.get(self.consumed..end).unwrap_or_default();
        self.breaks_before += line_breaks(skipped);
        self.counted_to += (end - self.consumed) as u64;
        self.consumed = end;
        // Drop what is counted once it is most of the buffer: amortised, no per-row shifting.
        if self.consumed > (1 << 16) && self.consumed * 2 > self.kept.len() {
            self.kept.drain(..self.consumed);
            self.served -= self.consumed;
            self.consumed = 0;
        }
    }

    /// Once the input is read to its end: whether it ended with a line break (or was empty).
    pub fn ends_with_line_break(&self) -> bool {
        matches!(self.last, None | Some(b'\n' | b'\r'))
    }

    /// Once the input is read to its end: its number of lines (a last line without a line
    /// break counts).
    pub fn lines(&mut self) -> u64 {
        if let Some(origins) = &self.origins {
            return origins.lines();
        }
        let end = self.kept.len();
        self.count_to(end);
        self.breaks_before + u64::from(!self.ends_with_line_break())
    }

    /// After an overflow: reads on from the record's first byte (at `kept[consumed..]`, where
    /// `line_at` left it) to its end, counting lines and keeping nothing, and makes the rest of
    /// the input the next bytes served. Returns the record's framing: its size and whether a
    /// quote was still open at the end of the input.
    fn skip_record(&mut self) -> io::Result<(Framer, u64, u64)> {
        let start = self.counted_to;
        let mut framer = Framer::new(self.delimiter);
        let mut at = self.consumed;
        let mut delimiters = 0;
        loop {
            if let Some(end) = framer.feed(self.kept.get(at..).unwrap_or_default()) {
                let end = at + end;
                delimiters +=
                    memchr::memchr_iter(self.delimiter, self.kept.get(at..end).unwrap_or_default())
                        .count() as u64;
                self.count_to(end);
                self.served = end;
                break;
            }
            // Everything kept is part of the record: count it and drop it, then read more.
            let all = self.kept.len();
            delimiters +=
                memchr::memchr_iter(self.delimiter, self.kept.get(at..all).unwrap_or_default())
                    .count() as u64;
            self.count_to(all);
            self.kept.drain(..self.consumed);
            self.consumed = 0;
            self.served = 0;
            at = 0;
            let mut chunk = [0u8; 1 << 16];
            let n = read_retrying(&mut self.inner, &mut chunk)?;
            if n == 0 {
                self.eof = true;
                break;
            }
            self.last = chunk.get(n - 1).copied();
            self.kept
                .extend_from_slice(chunk.get(..n).unwrap_or_default());
        }
        self.overflow = false;
        self.base = self.counted_to;
        Ok((framer, self.counted_to - start, delimiters))
    }

    /// The current record's weight against the limit so far: the bytes served from its start,
    /// and past `COUNT_FIELDS_AFTER` of them, `FIELD_BYTES` for each delimiter among them.
    fn weigh(&mut self) -> u64 {
        let served_to = self.served_to();
        let taken = served_to.saturating_sub(self.record_start);
        if taken <= COUNT_FIELDS_AFTER {
            return taken;
        }
        // `kept[consumed..]` starts at `counted_to`, at or before the record's start.
        let from = self
            .delimiters_to
            .max(self.record_start)
            .max(self.counted_to);
        let index = |offset: u64| {
            usize::try_from(offset - self.counted_to)
                .unwrap_or(usize::MAX)
                .saturating_add(self.consumed)
                .min(self.kept.len())
        };
        let bytes = self
            .kept
            .get(index(from)..index(served_to))
            .unwrap_or_default();
        self.delimiters += memchr::memchr_iter(self.delimiter, bytes).count() as u64;
        self.delimiters_to = served_to;
        weight(taken, self.delimiters)
    }

    /// Counts the bytes before `offset`, the current record's start: they are no part of it,
    /// so `kept` need not hold them while the record is read (only the read-ahead stays).
    fn forget_before(&mut self, offset: u64) {
        let ahead = usize::try_from(offset.saturating_sub(self.counted_to)).unwrap_or(usize::MAX);
        let mut end = self.consumed.saturating_add(ahead).min(self.served);
        // A CR is left for `line_at`, which counts it with the LF that may follow (one break).
        if end > self.consumed && self.kept.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        self.count_to(end);
    }

    /// Whether memory can be had for the current record to reach `bytes`. `kept`'s own
    /// growth is reserved first, fallibly and without doubling past the limit. Then, past
    /// 1 MiB, each time the record passes a power of two, the csv reader's copy is about to
    /// double to it, which cannot fail softly: that power's worth of memory is allocated and
    /// freed again first. Not just the growth: a block that cannot grow in place is moved, and
    /// under `ulimit -v` the move needs the whole new size (measured: trying half failed).
    fn room_for(&mut self, bytes: u64, more: usize) -> bool {
        let free = self.kept.capacity() - self.kept.len();
        if more > free {
            let cap = usize::try_from(self.limit)
                .unwrap_or(usize::MAX)
                .saturating_add(2 * READ_AHEAD);
            let wanted = self
                .kept
                .capacity()
                .saturating_mul(2)
                .min(cap)
                .max(self.kept.len() + more);
            let extra = wanted - self.kept.len();
            if crate::alloc::fallible(|| self.kept.try_reserve_exact(extra)).is_err() {
                return false;
            }
        }
        if bytes > self.tried.max(1 << 20) {
            let step = bytes.checked_next_power_of_two().unwrap_or(u64::MAX);
            let fits = usize::try_from(step).ok().is_some_and(|trial_size| {
                let mut trial = Vec::<u8>::new();
                let fits = crate::alloc::fallible(|| trial.try_reserve_exact(trial_size)).is_ok();
                // Kept opaque, so the compiler cannot drop the allocation and assume success.
                std::hint::black_box(&trial);
                fits
            });
            if !fits {
                return false;
            }
            self.tried = step;
        }
        true
    }
}

/// A record's weight against `--max-record-size`: its bytes and `FIELD_BYTES` a field.
fn weight(bytes: u64, fields: u64) -> u64 {
    bytes.saturating_add(fields.saturating_mul(FIELD_BYTES))
}

fn read_retrying(inner: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match inner.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Line breaks in `bytes`: LF, CRLF, or a lone CR (as old Mac exports end lines). One pass
/// counts LFs and CRs together in a loop the compiler vectorises; CRLF pairs are counted only
/// when there are CRs at all.
fn line_breaks(bytes: &[u8]) -> u64 {
    // memchr's vectorised search (AVX2 where the CPU has it) visits only the breaks: a row
    // costs a few instructions per 32 bytes, where a byte-wise count cost more than one a byte.
    let mut breaks = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        // CRLF is one break: its CR is counted, its LF skipped.
        let lf_after_cr = bytes[at] == b'\n' && at > 0 && bytes[at - 1] == b'\r';
        breaks += u64::from(!lf_after_cr);
    }
    breaks
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let taken = self.weigh();
        if self.overflow || taken >= self.limit {
            self.overflow = true;
            return Ok(0);
        }
        // Never more than the limit from the record's start: a record of the limit (its line
        // break included) still ends within it.
        let room = usize::try_from(self.limit - taken).unwrap_or(usize::MAX);
        let n = buf.len().min(room);
        let buf = buf.get_mut(..n).unwrap_or_default();
        let pending = self.kept.len() - self.served;
        let more = buf.len().saturating_sub(pending);
        if !self.room_for(taken + buf.len() as u64, if pending > 0 { 0 } else { more }) {
            self.overflow = true;
            self.starved = true;
            return Ok(0);
        }
        if self.served < self.kept.len() {
            // Bytes read past a skipped record, handed to the new csv reader first.
            let pending = self.kept.get(self.served..).unwrap_or_default();
            let n = pending.len().min(buf.len());
            buf.get_mut(..n)
                .unwrap_or_default()
                .copy_from_slice(pending.get(..n).unwrap_or_default());
            self.served += n;
            return Ok(n);
        }
        if self.eof {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.eof = true;
        }
        let read = buf.get(..n).unwrap_or_default();
        self.kept.extend_from_slice(read);
        self.served = self.kept.len();
        if let Some(&b) = read.last() {
            self.last = Some(b);
        }
        Ok(n)
    }
}

/// The CSV reader of one input, positioned after its header.
pub type RecordReader = csv::Reader<Tracked<Box<dyn Read + Send>>>;

/// What `read_record` found.
#[derive(Debug)]
pub enum Next {
    Record,
    /// A record that cannot be read as one: over `--max-record-size`, or a quote left open to
    /// the end of the input. `record` is then empty or holds what was read, and its position's
    /// line is where the problem starts.
    Rejected(Reason),
    End,
}

fn csv_reader(tracked: Tracked<Box<dyn io::Read + Send>>, headers: bool) -> RecordReader {
    let delimiter = tracked.delimiter;
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(headers)
        .buffer_capacity(READ_AHEAD)
        .from_reader(tracked)
}

/// Reads the next record into `record` with its physical start line.
pub fn read_record(reader: &mut RecordReader, record: &mut ByteRecord) -> csv::Result<Next> {
    let base = reader.get_ref().base;
    let start = base + reader.position().byte();
    let tracked = reader.get_mut();
    tracked.record_start = start;
    tracked.tried = 0;
    tracked.delimiters = 0;
    tracked.delimiters_to = 0;
    tracked.forget_before(start);
    let more = reader.read_byte_record(record)?;
    // The record's own position: before the first read, the reader's is before the header.
    let start = record.position().map_or(start, |p| base + p.byte());
    let end = base + reader.position().byte();
    let tracked = reader.get_mut();
    let overflow = tracked.overflow;
    if !more && !overflow {
        return Ok(Next::End);
    }
    let line = tracked.line_at(start);
    // A converted input's record is placed where it is in the input itself.
    let (line, byte) = tracked
        .origins
        .as_ref()
        .and_then(Origins::pop)
        .unwrap_or((line, start));
    let mut position = csv::Position::new();
    position.set_byte(byte).set_line(line);
    record.set_position(Some(position.clone()));
    let limit = tracked.limit;
    let starved = std::mem::take(&mut tracked.starved);
    if overflow {
        // Skip the rest of the record here, then read on with a fresh csv reader from its end
        // (the old one took the overflow for the end of the input).
        // Give back what the record took: up to the limit's worth of bytes and, for a record
        // of millions of fields, bounds of twice that (a cleared record keeps its buffers, and
        // a batch recycles it: under `ulimit -v 250000` the next long record then aborted).
        *record = ByteRecord::new();
        record.set_position(Some(position.clone()));
        let skipped = reader.get_mut().skip_record();
        let placeholder: Box<dyn io::Read + Send> = Box::new(io::empty());
        let old = std::mem::replace(reader, csv_reader(Tracked::new(placeholder), false));
        let mut tracked = old.into_inner();
        let (framer, bytes, delimiters) = skipped?;
        tracked.record_start = tracked.base;
        if starved {
            tracked.kept.shrink_to(READ_AHEAD);
        }
        *reader = csv_reader(tracked, false);
        if framer.in_quotes() {
            let ends = reader.get_ref().ends_with_line_break();
            return Ok(Next::Rejected(unclosed(record, &position, &framer, ends)));
        }
        // A record over the limit is rejected for the limit, even when memory ran out first:
        // raising the memory would not have let it through.
        let fields = delimiters + 1;
        if starved && weight(bytes, fields) <= limit {
            return Ok(Next::Rejected(Reason::OutOfMemory { bytes, limit }));
        }
        return Ok(Next::Rejected(Reason::TooLarge {
            bytes,
            fields,
            limit,
        }));
    }
    // The last record of the input: did it end inside a quote? Scanned again, once per file.
    if tracked.eof && tracked.served == tracked.kept.len() && end == tracked.served_to() {
        let mut framer = Framer::new(tracked.delimiter);
        let from = tracked.consumed;
        if framer
            .feed(tracked.kept.get(from..).unwrap_or_default())
            .is_none()
            && framer.in_quotes()
        {
            let ends = tracked.ends_with_line_break();
            return Ok(Next::Rejected(unclosed(record, &position, &framer, ends)));
        }
    }
    if end - start > limit {
        record.clear();
        return Ok(Next::Rejected(Reason::TooLarge {
            bytes: end - start,
            fields: 0,
            limit,
        }));
    }
    Ok(Next::Record)
}

/// The reason for a record whose quote never closed, placed at the quote's line.
fn unclosed(
    record: &mut ByteRecord,
    start: &csv::Position,
    framer: &Framer,
    ends_with_line_break: bool,
) -> Reason {
    let opened = framer.quote_opened_after.unwrap_or(0);
    let mut position = start.clone();
    position.set_line(start.line() + opened);
    record.set_position(Some(position));
    Reason::UnclosedQuote {
        lines: framer.breaks.saturating_sub(opened) + u64::from(!ends_with_line_break),
    }
}

/// Opens every input and reads its header before any row is processed, so a missing file or a
/// missing column fails the run before it writes anything.
pub fn open(settings: &InputSettings) -> Result<(Vec<Source>, Vec<RecordReader>)> {
    let mut sources = Vec::with_capacity(settings.paths.len());
    let mut readers = Vec::with_capacity(settings.paths.len());
    for path in &settings.paths {
        let name = path.to_string();
        let opened = crate::read::format::open(path, &name, settings)?;
        let (source, reader) = source(sources.len(), name, opened, settings)?;
        sources.push(source);
        readers.push(reader);
    }
    Ok((sources, readers))
}

/// An opened input as the input at `index`: its header read and mapped onto fields.
pub fn source(
    index: usize,
    name: String,
    opened: crate::read::format::Opened,
    settings: &InputSettings,
) -> Result<(Source, RecordReader)> {
    let header_too_long = || Error::File {
        path: name.clone(),
        message: header_too_long(settings.max_record),
    };
    let header_limit = header_limit(settings.max_record);
    // The header's first line is looked for before the csv reader sees any of it: the reader
    // would grow its buffer by doubling and copy it whole, several times the limit, for a
    // file with no line break at all.
    let stream = match first_line(opened.stream, header_limit) {
        Ok(FirstLine::Found(stream)) => stream,
        Ok(FirstLine::TooLong) => return Err(header_too_long()),
        Err(e) => {
            return Err(Error::File {
                path: name,
                message: format!("cannot read the header: {e}"),
            });
        }
    };
    let mut tracked = Tracked::with_limit(stream, settings.max_record, opened.delimiter);
    tracked.origins = opened.origins;
    let mut reader = csv_reader(tracked, true);
    let headers = reader
        .byte_headers()
        .map_err(|e| Error::File {
            path: name.clone(),
            message: format!("cannot read the header: {e}"),
        })?
        .clone();
    if reader.get_ref().overflow || headers.as_slice().len() as u64 > header_limit {
        return Err(header_too_long());
    }
    let columns = Columns::from_headers(&name, &headers, &settings.renames)?;
    let source = Source {
        index,
        name,
        columns,
        size: opened.size,
        delimiter: opened.delimiter,
        notes: opened.notes,
    };
    Ok((source, reader))
}

pub(crate) enum FirstLine {
    /// The stream as it was, its first line break within the limit.
    Found(Box<dyn Read + Send>),
    /// No line break within the limit (or none at all).
    TooLong,
}

/// Reads ahead to the stream's first line break, at most `limit` bytes (kept, then given
/// back in front of the rest). The buffer is reserved fallibly: a limit the machine cannot
/// hold is a message, not an abort.
pub(crate) fn first_line(mut stream: Box<dyn Read + Send>, limit: u64) -> io::Result<FirstLine> {
    let mut kept: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; READ_AHEAD];
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let piece = &chunk[..n];
        let found = n == 0 || memchr::memchr2(b'\n', b'\r', piece).is_some();
        if !found && kept.len() as u64 + n as u64 > limit {
            return Ok(FirstLine::TooLong);
        }
        crate::alloc::fallible(|| kept.try_reserve(n)).map_err(|_| {
            io::Error::new(
                io::ErrorKind::OutOfMemory,
                "not enough memory for the header: lower --max-record-size",
            )
        })?;
        kept.extend_from_slice(piece);
        if found {
            return Ok(FirstLine::Found(Box::new(
                io::Cursor::new(kept).chain(stream),
            )));
        }
    }
}

/// Makes glibc's allocator serve every block of 1 MiB or more with its own mapping, at a
/// threshold that stays fixed. By default the threshold rises each time such a block is freed,
/// so a record's buffer later lands in a heap, where growing it copies it (old and new held at
/// once) or first reserves a new 64 MB arena: memory that `Tracked::room_for` cannot try
/// beforehand. A mapped block grows in place (mremap), by just the step that was tried.
pub fn predictable_allocation() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called first thing, before any thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// A reader of the records of a plain text input from byte `offset` on, where `stream`
/// starts, after `lines` lines (`--state`: what was appended since the last run). Its rows
/// are numbered as in the whole file; the header was read from the file's start.
pub fn resume(
    stream: Box<dyn Read + Send>,
    settings: &InputSettings,
    delimiter: u8,
    offset: u64,
    lines: u64,
) -> RecordReader {
    let tracked = Tracked::resume(stream, settings.max_record, delimiter, offset, lines);
    csv_reader(tracked, false)
}

pub fn open_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file; check the path".to_string(),
        io::ErrorKind::PermissionDenied => {
            "permission denied; check the file's permissions".to_string()
        }
        _ => format!("cannot open: {e}"),
    }
}

/// Where each field sits in a file's records.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The header as written in the file (a byte-order mark removed), for pass-through output;
    /// a repeated or empty name made unique (see `unique_names`).
    pub headers: Vec<String>,
    /// The columns up to the last one with a name: a row may stop after it.
    named: usize,
    index: [Option<usize>; Field::ALL.len()],
    /// What the user should know about the header: the names made unique.
    pub warnings: Vec<String>,
}

/// Makes every column name unique, so that outputs never have two columns of one name (JSON
/// keeps only the last, `xsv select` the first): an empty name becomes `column_N` (its
/// position, from 1), a name repeated (ignoring case and surrounding spaces) becomes `name_2`,
/// `name_3`, ... from its second occurrence. Fields are read from the first occurrence. Returns
/// the names and a warning for each of the first five changed, then one counting the rest.
pub(crate) fn unique_names(headers: Vec<String>) -> (Vec<String>, Vec<String>) {
    use std::collections::HashMap;
    use std::collections::HashSet;
    // Names compare trimmed and in any ASCII case. Every name in use (an input header or one
    // given so far) is in `taken`, and each repeated name remembers the next number to try, so
    // a header of thousands of repeats costs linear time, not a rescan per candidate.
    let key = |name: &str| name.trim().to_ascii_lowercase();
    let mut taken: HashSet<String> = headers.iter().map(|h| key(h)).collect();
    let mut first_of: HashMap<String, usize> = HashMap::with_capacity(headers.len());
    let mut next_number: HashMap<String, usize> = HashMap::new();
    let mut warnings = Vec::new();
    // A warning for each of the first few names changed, then one line for the rest.
    const SHOWN_RENAMES: usize = 5;
    let mut renamed = 0;
    let mut names: Vec<String> = Vec::with_capacity(headers.len());
    for (i, header) in headers.iter().enumerate() {
        let base = header.trim();
        let base_key = key(base);
        let name = if base.is_empty() {
            let mut name = format!("column_{}", i + 1);
            while taken.contains(&key(&name)) {
                name.push('_');
            }
            renamed += 1;
            if renamed <= SHOWN_RENAMES {
                warnings.push(format!("column {} has no name: written as `{name}`", i + 1));
            }
            name
        } else if let Some(&first) = first_of.get(&base_key) {
            let n = next_number.entry(base_key.clone()).or_insert(2);
            while taken.contains(&key(&format!("{base}_{n}"))) {
                *n += 1;
            }
            let name = format!("{base}_{n}");
            *n += 1;
            renamed += 1;
            if renamed <= SHOWN_RENAMES {
                warnings.push(format!(
                    "column {} repeats `{}` (column {}): the first is the one read; this one is \
                     written as `{name}`",
                    i + 1,
                    field(base),
                    first + 1
                ));
            }
            name
        } else {
            header.clone()
        };
        if !base.is_empty() {
            first_of.entry(base_key).or_insert(i);
        }
        taken.insert(key(&name));
        names.push(name);
    }
    if renamed > SHOWN_RENAMES {
        warnings.push(format!(
            "... and {} more renamed columns (repeated or empty names)",
            renamed - SHOWN_RENAMES
        ));
    }
    (names, warnings)
}

impl Columns {
    fn from_headers(name: &str, raw: &ByteRecord, renames: &[(Field, String)]) -> Result<Columns> {
        // Counted before any name is copied; the empty names a spreadsheet leaves on the right
        // (dropped below) do not count.
        let width = raw
            .iter()
            .rposition(|h| !h.trim_ascii().is_empty())
            .map_or(0, |i| i + 1);
        if width > MAX_COLUMNS {
            return Err(Error::File {
                path: name.to_string(),
                message: format!(
                    "the header has {width} columns, more than the {MAX_COLUMNS} claimtrack \
                     reads: is the delimiter right? (a JSON Lines input has a column for each \
                     key)"
                ),
            });
        }
        let headers: Vec<String> = raw
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = String::from_utf8_lossy(h);
                if i == 0 {
                    h.trim_start_matches('\u{feff}').to_string()
                } else {
                    h.into_owned()
                }
            })
            .collect();
        let mut headers = headers;
        // An empty name is a column like any other (`column_N`, below): a row may hold data
        // there. Only a spreadsheet's unused range past MAX_COLUMNS is dropped (`width`, the
        // columns up to the last named one, is within it: checked above).
        headers.truncate(MAX_COLUMNS);
        if headers.iter().all(|h| h.trim().is_empty()) {
            return Err(Error::File {
                path: name.to_string(),
                message: "empty file: expected a header row naming at least date, person and claim"
                    .to_string(),
            });
        }
        let (headers, warnings) = unique_names(headers);
        let find = |wanted: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(wanted))
        };
        let mut index = [None; Field::ALL.len()];
        for (slot, field) in index.iter_mut().zip(Field::ALL) {
            let renamed = renames.iter().rev().find(|(f, _)| *f == field);
            *slot = match renamed {
                Some((_, header)) => Some(find(header).ok_or_else(|| Error::File {
                    path: name.to_string(),
                    message: format!(
                        "no column `{}` (from --column {}={}); the header has: {}",
                        message::field(header),
                        field.name(),
                        message::field(header),
                        message::list(&headers)
                    ),
                })?),
                None => find(field.name()),
            };
        }
        let missing: Vec<Field> = Field::ALL
            .into_iter()
            .zip(&index)
            .filter(|(f, i)| f.required() && i.is_none())
            .map(|(f, _)| f)
            .collect();
        if !missing.is_empty() {
            let mut used = vec![false; headers.len()];
            for i in index.iter().flatten() {
                used[*i] = true;
            }
            return Err(Error::File {
                path: name.to_string(),
                message: crate::read::suggest::missing_columns(&missing, &headers, &used),
            });
        }
        Ok(Columns {
            headers,
            named: width,
            index,
            warnings,
        })
    }

    pub fn width(&self) -> usize {
        self.headers.len()
    }

    /// Whether the record's fields are the header's: as many, or fewer when the ones missing
    /// are unnamed columns at the end, or more when the extra ones are empty (both spreadsheet
    /// leftovers).
    pub fn fits(&self, record: &StringRecord) -> bool {
        let n = record.len();
        n == self.width()
            || (n >= self.named && n < self.width())
            || crate::read::blank::only_empty_after(record, self.width())
    }

    pub fn has(&self, field: Field) -> bool {
        self.index[field as usize].is_some()
    }

    fn text<'r>(&self, record: &'r StringRecord, field: Field) -> &'r str {
        self.index[field as usize]
            .and_then(|i| record.get(i))
            .map_or("", trim)
    }

    /// Checks and parses a record.
    pub fn parse<'r>(
        &self,
        record: &'r StringRecord,
        dates: &DateParser,
    ) -> Result<Claim<'r>, Reason> {
        if !self.fits(record) {
            return Err(Reason::FieldCount {
                expected: self.width(),
                found: record.len(),
            });
        }
        let date_text = self.text(record, Field::Date);
        if date_text.is_empty() {
            return Err(Reason::Empty(Field::Date));
        }
        let date = dates.parse(date_text).map_err(|error| Reason::Date {
            text: date_text.to_string(),
            error,
            expected: dates.expected(),
        })?;
        let mut claim = self.view(record, date);
        // A person made only of invisible characters (a zero-width space) is no one.
        if claim.person.is_empty()
            || (!claim.person.is_ascii() && crate::name::is_blank(claim.person))
        {
            return Err(Reason::Empty(Field::Person));
        }
        if claim.claim.is_empty() {
            return Err(Reason::Empty(Field::Claim));
        }
        let given_type = self.text(record, Field::SourceType);
        if !given_type.is_empty() {
            claim.given_source_type = Some(
                SourceType::parse(given_type)
                    .ok_or_else(|| Reason::SourceType(given_type.to_string()))?,
            );
        }
        let given_stance = self.text(record, Field::Stance);
        if !given_stance.is_empty() {
            claim.given_stance = Some(
                Stance::parse(given_stance)
                    .ok_or_else(|| Reason::Stance(given_stance.to_string()))?,
            );
        }
        Ok(claim)
    }

    /// The claim's text fields of an accepted record, with the date parsed earlier.
    pub fn view<'r>(&self, record: &'r StringRecord, date: NaiveDateTime) -> Claim<'r> {
        Claim {
            date,
            person: self.text(record, Field::Person),
            claim: self.text(record, Field::Claim),
            speaker: self.text(record, Field::Speaker),
            attribution: self.text(record, Field::Attribution),
            outlet: self.text(record, Field::Outlet),
            topic: self.text(record, Field::Topic),
            given_source_type: None,
            given_stance: None,
        }
    }

    /// For each of `first`'s columns, where the same column (by trimmed, case-insensitive name)
    /// sits in this file; `None` when the two files' columns are not the same set.
    pub fn align_to(&self, first: &Columns) -> Option<Vec<usize>> {
        if self.width() != first.width() {
            return None;
        }
        let mut used = vec![false; self.width()];
        first
            .headers
            .iter()
            .map(|want| {
                let i =
                    self.headers.iter().enumerate().position(|(i, h)| {
                        !used[i] && h.trim().eq_ignore_ascii_case(want.trim())
                    })?;
                used[i] = true;
                Some(i)
            })
            .collect()
    }
}

/// The record as text, checked for UTF-8 once (all-ASCII records in one pass). Bytes that are
/// not UTF-8 are replaced with U+FFFD, field by field; the flag says whether any were, so the
/// caller can warn about the line.
pub fn into_text(record: ByteRecord) -> (StringRecord, bool) {
    let record = match StringRecord::from_byte_record(record) {
        Ok(text) => return (text, false),
        Err(e) => e.into_byte_record(),
    };
    let mut repaired = ByteRecord::with_capacity(record.as_slice().len() + 16, record.len());
    for field in record.iter() {
        repaired.push_field(String::from_utf8_lossy(field).as_bytes());
    }
    repaired.set_position(record.position().cloned());
    // Lossy repair always yields UTF-8; an empty record stands in for the impossible failure.
    let text = StringRecord::from_byte_record(repaired).unwrap_or_default();
    (text, true)
}

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    FieldCount {
        expected: usize,
        found: usize,
    },
    Empty(Field),
    Date {
        text: String,
        error: DateError,
        expected: String,
    },
    SourceType(String),
    Stance(String),
    /// claimtrack failed on the row (a bug): the row is set aside, the run goes on.
    Internal(String),
    /// Over `--max-record-size`: skipped unread.
    TooLarge {
        bytes: u64,
        /// Its fields, when they were counted (0: not counted).
        fields: u64,
        limit: u64,
    },
    /// Under `--max-record-size` (or over it) but more than the memory left could hold:
    /// skipped unread.
    OutOfMemory {
        bytes: u64,
        limit: u64,
    },
    /// A quoted field opened on the row's line is still open at the end of the input, `lines`
    /// lines later: it swallowed them.
    UnclosedQuote {
        lines: u64,
    },
}

impl Reason {
    /// Whether the `--rejects` file keeps the record whole in `raw` whatever its field count:
    /// a record swallowed by an unclosed quote is not the row its fields would say.
    pub fn keeps_whole(&self) -> bool {
        matches!(self, Reason::UnclosedQuote { .. })
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Internal(what) => write!(
                f,
                "claimtrack could not judge this row ({}); please report it with the row",
                field(what)
            ),
            Reason::TooLarge {
                bytes,
                fields,
                limit,
            } if bytes <= limit => write!(
                f,
                "record of {bytes} bytes in {fields} fields, over --max-record-size ({limit} \
                 bytes) with {FIELD_BYTES} bytes counted for each field: skipped unread; raise \
                 the limit if the record is right"
            ),
            Reason::TooLarge { bytes, limit, .. } => write!(
                f,
                "record of {bytes} bytes, over --max-record-size ({limit} bytes): skipped \
                 unread; raise the limit if the record is right"
            ),
            Reason::OutOfMemory { bytes, limit } => write!(
                f,
                "record of {bytes} bytes: not enough memory to hold it (--max-record-size is \
                 {limit} bytes): skipped unread; lower --max-record-size or give the run more \
                 memory"
            ),
            Reason::UnclosedQuote { lines } => write!(
                f,
                "a quoted field opened on this line is never closed: it swallowed the {} to \
                 the end of the file; close the quote (a quote inside a field is written twice: \
                 \"\")",
                crate::log::count(*lines, "line", "lines")
            ),
            Reason::FieldCount { expected, found } => {
                write!(
                    f,
                    "expected {expected} fields as in the header, found {found}"
                )
            }
            Reason::Empty(field) => write!(f, "empty {}", field.name()),
            Reason::Date {
                text,
                error: DateError::Impossible,
                ..
            } => {
                write!(f, "impossible date `{}`: no such day or time", field(text))
            }
            Reason::Date {
                text,
                error: DateError::Unrecognised,
                expected,
            } => {
                write!(
                    f,
                    "unrecognised date `{}`: expected {expected}",
                    field(text)
                )
            }
            Reason::Date {
                text,
                error: DateError::Ambiguous,
                ..
            } => write!(
                f,
                "ambiguous date `{text}`: say which number is the day with --dayfirst \
                 (02/01/2022 is 2 January) or --monthfirst (1 February), or give --date-format"
            ),
            Reason::SourceType(text) => {
                write!(
                    f,
                    "invalid source_type `{}`: use one of {}",
                    field(text),
                    SourceType::allowed()
                )
            }
            Reason::Stance(text) => write!(
                f,
                "invalid stance `{}`: use one of {}",
                field(text),
                Stance::allowed()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start line of every record in `text`, as `read_record` reports it.
    fn lines(text: &str) -> Vec<u64> {
        let stream: Box<dyn Read + Send> = Box::new(io::Cursor::new(text.as_bytes().to_vec()));
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(Tracked::new(stream));
        let mut record = ByteRecord::new();
        let mut out = Vec::new();
        while !matches!(read_record(&mut reader, &mut record).unwrap(), Next::End) {
            out.push(record.position().unwrap().line());
        }
        out
    }

    #[test]
    fn lines_are_physical_lines_whatever_the_line_ends() {
        assert_eq!(lines("h\na\nb\n"), [2, 3]);
        assert_eq!(lines("h\r\na\r\nb\r\n"), [2, 3]);
        assert_eq!(lines("h\ra\rb"), [2, 3]);
        assert_eq!(lines("h\n\n\na\n\nb"), [4, 6]);
        assert_eq!(lines("h,x\n\"1\n2\n3\",y\nb,z\n"), [2, 5]);
        assert_eq!(lines("h,x\r\n\"1\r\n2\r\n3\",y\r\nb,z\r\n"), [2, 5]);
        assert_eq!(lines("\u{feff}h\na\n"), [2]);
    }

    #[test]
    fn a_missing_final_line_break_is_noticed() {
        for (text, ends) in [
            ("h\na\n", true),
            ("h\na", false),
            ("h\r\na\r\n", true),
            ("", true),
        ] {
            let stream: Box<dyn Read + Send> = Box::new(io::Cursor::new(text.as_bytes().to_vec()));
            let mut reader = csv::ReaderBuilder::new().from_reader(Tracked::new(stream));
            let mut record = ByteRecord::new();
            while !matches!(read_record(&mut reader, &mut record).unwrap(), Next::End) {}
            assert_eq!(reader.get_ref().ends_with_line_break(), ends, "{text:?}");
        }
    }

    #[test]
    fn repair_replaces_only_bad_bytes() {
        let record = ByteRecord::from(vec![&b"ok"[..], &b"bad \xff here"[..]]);
        let (text, repaired) = into_text(record);
        assert!(repaired);
        assert_eq!(text.get(1), Some("bad \u{FFFD} here"));
        let (text, repaired) = into_text(text.into_byte_record());
        assert!(!repaired);
        assert_eq!(text.get(0), Some("ok"));
        // A character split across two fields is not UTF-8 in either field.
        let (text, repaired) = into_text(ByteRecord::from(vec![&b"\xc3"[..], &b"\xa9"[..]]));
        assert!(repaired);
        assert_eq!(text.get(0), Some("\u{FFFD}"));
    }
}
