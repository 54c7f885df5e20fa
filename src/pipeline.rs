//! The row pipeline: one thread reads records in batches, worker threads parse, filter and judge
//! them, and the calling thread receives every row back in input order.
//!
//! Batches are recycled, so after the first few the pipeline allocates nothing per row; memory
//! is bounded by the number of batches in flight, not by the input's size.

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;

use chrono::NaiveDateTime;
use csv::{ByteRecord, StringRecord};

use crate::claim::Claim;
use crate::date::DateParser;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::input::{self, Next, Reason, RecordReader, Source};
use crate::judge::{Judge, Judgement, Scratch};

const BATCH_ROWS: usize = 1024;
/// A batch also ends once its records pass this many bytes (fields counted, see `weight`), so
/// that batches of long or wide records (up to `--max-record-size` each) do not multiply memory
/// by the rows in a batch.
const BATCH_BYTES: usize = 4 << 20;
/// A record buffer grown past this is dropped after use rather than recycled: one long record
/// must not keep its memory in a batch for the rest of the run.
const KEEP_RECORD_BYTES: usize = 1 << 20;
/// What each field of a record costs beside its bytes, in the budgets above: its place in the
/// raw record's bounds (8 bytes) and in its text copy's (8 more). Counting bytes alone, a batch
/// of 1,024 records of 20,000 short fields each held 330 MB, and `report` on such a file
/// peaked at 1.07 GB.
const FIELD_BYTES: usize = 16;

/// A record's weight in the batch budgets: its bytes and `FIELD_BYTES` for each field.
fn weight(bytes: usize, fields: usize) -> usize {
    bytes.saturating_add(fields.saturating_mul(FIELD_BYTES))
}

/// What the pipeline needs to turn records into judged claims.
pub struct Pipeline<'a> {
    pub sources: &'a [Source],
    pub dates: &'a DateParser,
    pub judge: &'a Judge,
    pub filter: &'a Filter,
    /// Worker threads; 1 gives the same output as any other number, only slower.
    pub threads: usize,
}

/// One input row, delivered in input order.
pub enum Row<'a> {
    /// Parsed, judged and kept by the filters.
    Accepted {
        source: &'a Source,
        record: &'a StringRecord,
        claim: Claim<'a>,
        judgement: &'a Judgement,
    },
    /// Parsed but dropped by a filter. Its date still counts: the default as-of date is the
    /// latest in the input, whatever the filters keep.
    Filtered {
        source: &'a Source,
        record: &'a StringRecord,
        date: NaiveDateTime,
    },
    Rejected {
        source: &'a Source,
        record: &'a StringRecord,
        line: u64,
        reason: &'a Reason,
    },
    /// The end of a source, with its number of lines.
    End { source: &'a Source, lines: u64 },
    /// A row of only delimiters (`,,,,`): a blank line, skipped and counted.
    Blank { source: &'a Source, line: u64 },
    /// Something about the row at `line` the user should know; the row itself is delivered too.
    Warning {
        source: &'a Source,
        line: u64,
        warning: Warning,
    },
}

/// Problems that do not reject a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// Bytes that were not UTF-8 were replaced with U+FFFD before the row was parsed.
    NotUtf8,
    /// The input's last row has no line break after it: the file may have been cut short.
    NoFinalLineBreak,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Warning::NotUtf8 => "bytes that are not UTF-8 were replaced with U+FFFD",
            Warning::NoFinalLineBreak => {
                "the file does not end with a line break: its last row may be cut short"
            }
        })
    }
}

enum Outcome {
    Accepted {
        date: NaiveDateTime,
        judgement: Judgement,
    },
    Filtered {
        date: NaiveDateTime,
    },
    Rejected(Reason),
    Blank,
}

struct Batch {
    seq: u64,
    source: usize,
    /// Records as the reader read them: bytes, not yet checked for UTF-8.
    raw: Vec<ByteRecord>,
    /// The same records as text, made by the workers. Each slot's previous text record gives
    /// its buffers back to `raw`, so converting allocates nothing once the batch is warm.
    text: Vec<Option<StringRecord>>,
    len: usize,
    outcomes: Vec<Outcome>,
    repaired: Vec<usize>,
    /// Set on a source's last batch when its last row has no line break after it.
    unterminated: Option<u64>,
    /// Records the reader could not read as records (too large, an unclosed quote): their
    /// index in the batch and why, in order.
    unreadable: Vec<(usize, Reason)>,
    /// Set on a source's last batch: its number of lines.
    lines: Option<u64>,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            seq: 0,
            source: 0,
            raw: Vec::new(),
            text: Vec::new(),
            len: 0,
            outcomes: Vec::with_capacity(BATCH_ROWS),
            repaired: Vec::new(),
            unterminated: None,
            unreadable: Vec::new(),
            lines: None,
        }
    }
}

impl Pipeline<'_> {
    /// Reads every record of `readers` (one per source, in order) and calls `on_row` for each,
    /// in input order. Stops at the first error `on_row` returns.
    pub fn run(
        &self,
        readers: Vec<RecordReader>,
        mut on_row: impl FnMut(Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let threads = self.threads.max(1);
        let (work_tx, work_rx) = mpsc::sync_channel::<Batch>(threads * 2);
        let (done_tx, done_rx) = mpsc::sync_channel::<Result<Batch>>(threads * 2);
        let (free_tx, free_rx) = mpsc::channel::<Batch>();
        // Only the workers hold the work queue's receiver: when they have all stopped (say the
        // output pipe closed), the reader's next send fails and it stops too.
        let work_rx = Arc::new(Mutex::new(work_rx));
        // Enough batches to keep every worker busy with one more queued; measured: as fast as
        // twice as many, and 6.5 MB less at peak.
        let max_batches = threads * 2 + 2;
        thread::scope(|scope| {
            let reader_done = done_tx.clone();
            scope.spawn(move || {
                read_batches(
                    self.sources,
                    max_batches,
                    readers,
                    work_tx,
                    free_rx,
                    reader_done,
                )
            });
            for _ in 0..threads {
                let (work_rx, done_tx) = (Arc::clone(&work_rx), done_tx.clone());
                scope.spawn(move || self.work(&work_rx, done_tx));
            }
            drop((work_rx, done_tx));
            self.deliver(done_rx, free_tx, &mut on_row)
        })
    }

    fn work(&self, work: &Mutex<Receiver<Batch>>, done: SyncSender<Result<Batch>>) {
        let mut scratch = Scratch::default();
        let mut key = String::new();
        loop {
            let next = match work.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok(mut batch) = next else { return };
            let Some(source) = self.sources.get(batch.source) else {
                return;
            };
            batch.outcomes.clear();
            batch.repaired.clear();
            batch
                .text
                .resize_with(batch.len.max(batch.text.len()), || None);
            let mut unreadable = batch.unreadable.iter().peekable();
            for i in 0..batch.len {
                let spare = batch.text[i].take().map(StringRecord::into_byte_record);
                let raw = std::mem::replace(&mut batch.raw[i], spare.unwrap_or_default());
                let (text, repaired) = input::into_text(raw);
                if repaired {
                    batch.repaired.push(i);
                }
                let record = batch.text[i].insert(text);
                if let Some((_, reason)) = unreadable.next_if(|(at, _)| *at == i) {
                    batch.outcomes.push(Outcome::Rejected(reason.clone()));
                    continue;
                }
                if crate::read::blank::is_blank(record) {
                    batch.outcomes.push(Outcome::Blank);
                    continue;
                }
                let outcome = match source.columns.parse(record, self.dates) {
                    Err(reason) => Outcome::Rejected(reason),
                    Ok(claim) if !self.filter.keeps_claim(&claim, &self.judge.cues, &mut key) => {
                        Outcome::Filtered { date: claim.date }
                    }
                    Ok(claim) => {
                        // A bug in judging one row must not sink the run (nor, with several
                        // workers, leave the others waiting for a batch that never comes): the
                        // row is rejected with the reason, and the run goes on.
                        let judged = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            self.judge.judge(&claim, &mut scratch)
                        }));
                        match judged {
                            Ok(judgement) if self.filter.keeps_judgement(&judgement) => {
                                Outcome::Accepted {
                                    date: claim.date,
                                    judgement,
                                }
                            }
                            Ok(_) => Outcome::Filtered { date: claim.date },
                            Err(panic) => {
                                scratch = Scratch::default();
                                let what = panic
                                    .downcast_ref::<String>()
                                    .map(String::as_str)
                                    .or_else(|| panic.downcast_ref::<&str>().copied())
                                    .unwrap_or("internal error");
                                Outcome::Rejected(input::Reason::Internal(
                                    what.chars().take(200).collect(),
                                ))
                            }
                        }
                    }
                };
                batch.outcomes.push(outcome);
            }
            if done.send(Ok(batch)).is_err() {
                return;
            }
        }
    }

    /// Hands rows to `on_row` in input order, whichever worker finished its batch first.
    fn deliver(
        &self,
        done: Receiver<Result<Batch>>,
        free: mpsc::Sender<Batch>,
        on_row: &mut impl FnMut(Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut waiting: BTreeMap<u64, Batch> = BTreeMap::new();
        let mut next_seq = 0;
        for batch in done {
            let batch = batch?;
            waiting.insert(batch.seq, batch);
            while let Some(batch) = waiting.remove(&next_seq) {
                self.emit(&batch, on_row)?;
                next_seq += 1;
                let mut batch = batch;
                for slot in &mut batch.text {
                    if slot
                        .as_ref()
                        .is_some_and(|r| weight(r.as_slice().len(), r.len()) > KEEP_RECORD_BYTES)
                    {
                        *slot = None;
                    }
                }
                // The reader may have finished; a recycled batch is then simply dropped.
                let _ = free.send(batch);
            }
        }
        Ok(())
    }

    fn emit(&self, batch: &Batch, on_row: &mut impl FnMut(Row<'_>) -> Result<()>) -> Result<()> {
        let Some(source) = self.sources.get(batch.source) else {
            return Ok(());
        };
        let mut repaired = batch.repaired.iter().peekable();
        let records = batch.text.iter().map_while(Option::as_ref);
        for (i, (record, outcome)) in records.zip(&batch.outcomes).enumerate() {
            let line = record.position().map_or(0, |p| p.line());
            if repaired.next_if(|&&r| r == i).is_some() {
                on_row(Row::Warning {
                    source,
                    line,
                    warning: Warning::NotUtf8,
                })?;
            }
            let row = match outcome {
                Outcome::Accepted { date, judgement } => Row::Accepted {
                    source,
                    record,
                    claim: source.columns.view(record, *date),
                    judgement,
                },
                Outcome::Filtered { date } => Row::Filtered {
                    source,
                    record,
                    date: *date,
                },
                Outcome::Blank => Row::Blank { source, line },
                Outcome::Rejected(reason) => Row::Rejected {
                    source,
                    record,
                    line,
                    reason,
                },
            };
            on_row(row)?;
        }
        if let Some(line) = batch.unterminated {
            on_row(Row::Warning {
                source,
                line,
                warning: Warning::NoFinalLineBreak,
            })?;
        }
        if let Some(lines) = batch.lines {
            on_row(Row::End { source, lines })?;
        }
        Ok(())
    }
}

/// Fills batches from each reader in turn and sends them to the workers, numbered in order.
fn read_batches(
    sources: &[Source],
    max_batches: usize,
    readers: Vec<RecordReader>,
    work: SyncSender<Batch>,
    free: Receiver<Batch>,
    done: SyncSender<Result<Batch>>,
) {
    let mut seq = 0;
    let mut created = 0;
    for (source, mut reader) in readers.into_iter().enumerate() {
        let mut last_line = 0;
        loop {
            // Reuse a delivered batch; make a new one only up to the cap, so memory stays
            // bounded even when one worker lags and the others run ahead.
            let mut batch = match free.try_recv() {
                Ok(batch) => batch,
                Err(_) if created < max_batches => {
                    created += 1;
                    Batch::new()
                }
                Err(_) => match free.recv() {
                    Ok(batch) => batch,
                    Err(_) => return,
                },
            };
            batch.seq = seq;
            batch.source = source;
            batch.len = 0;
            batch.unterminated = None;
            batch.unreadable.clear();
            batch.lines = None;
            let mut at_end = false;
            let mut bytes = 0;
            while batch.len < BATCH_ROWS && bytes < BATCH_BYTES {
                if batch.raw.len() == batch.len {
                    batch.raw.push(ByteRecord::new());
                }
                let record = &mut batch.raw[batch.len];
                match input::read_record(&mut reader, record) {
                    Ok(next @ (Next::Record | Next::Rejected(_))) => {
                        last_line = record.position().map_or(0, |p| p.line());
                        bytes += weight(record.as_slice().len(), record.len());
                        if let Next::Rejected(reason) = next {
                            batch.unreadable.push((batch.len, reason));
                        }
                        batch.len += 1;
                    }
                    Ok(Next::End) => {
                        at_end = true;
                        if !reader.get_ref().ends_with_line_break() && last_line > 0 {
                            batch.unterminated = Some(last_line);
                        }
                        batch.lines = Some(reader.get_mut().lines());
                        break;
                    }
                    Err(e) => {
                        let name = sources.get(source).map_or("<input>", |s| s.name.as_str());
                        // An error of the stream itself (not of a record) has no line.
                        let path = match e.position().map_or(0, |p| p.line()) {
                            0 => name.to_string(),
                            line => format!("{name}:{line}"),
                        };
                        let _ = done.send(Err(Error::File {
                            path,
                            message: format!("cannot read: {e}"),
                        }));
                        return;
                    }
                }
            }
            if batch.len > 0 || batch.unterminated.is_some() || batch.lines.is_some() {
                if work.send(batch).is_err() {
                    return;
                }
                seq += 1;
            }
            if at_end {
                break;
            }
        }
    }
}
