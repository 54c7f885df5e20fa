//! `--state DIR`: incremental runs over files that only grow. For each input file and job the
//! folder keeps one partial (`DIR/<command>-<file name>-<hash of its canonical path>-<hash of
//! the settings>.jsonl`, see `state_name`) with a `source` line: how many bytes were read,
//! their XXH3-128 hash and their lines. The next run hashes
//! that many bytes of the file again; when they are unchanged it reads only what comes after
//! them, on top of the state's aggregate, and says how many rows were new. A file that is
//! shorter, or whose first bytes changed (edited, rotated, replaced), or that was read under
//! other settings, is read whole, and stderr says why.
//!
//! State files are written whole or not at all (`output::Sink`: a temporary file renamed over
//! the old one), after every row is read: a run that is killed leaves the previous state, and
//! the next run reads on from there.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use xxhash_rust::xxh3::Xxh3;

use super::run::Job;
use super::{Aggregate, Event, Header, Line, Source, Summary};
use crate::claim::Claim;
use crate::cmd;
use crate::cues::Cues;
use crate::error::{Error, Result};
use crate::input::{self, InputPath, InputSettings};
use crate::judge::{Judge, Judgement};
use crate::log::count;
use crate::output::Sink;
use crate::output::printable::thousands;
use crate::period::By;

/// The bytes of one input read so far, hashed as they pass.
#[derive(Clone)]
struct Hashed(Arc<Mutex<(Xxh3, u64)>>);

impl Hashed {
    fn new() -> Hashed {
        Hashed(Arc::new(Mutex::new((Xxh3::new(), 0))))
    }

    fn update(&self, bytes: &[u8]) {
        if let Ok(mut h) = self.0.lock() {
            h.0.update(bytes);
            h.1 += bytes.len() as u64;
        }
    }

    /// The hash (hex) and the number of bytes so far.
    fn digest(&self) -> (String, u64) {
        match self.0.lock() {
            Ok(h) => (format!("{:032x}", h.0.digest128()), h.1),
            Err(_) => (String::new(), 0),
        }
    }
}

struct HashingReader<R> {
    inner: R,
    hashed: Hashed,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hashed.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// How one input file is read this run.
enum Plan {
    /// Whole, for the reason given (said on stderr); `changed` when a state was there but
    /// could not be used.
    Whole { why: String, changed: bool },
    /// From the state's offset on, `file` positioned there, the first bytes already hashed.
    Resume {
        old: Source,
        file: File,
        hashed: Hashed,
    },
    /// Not at all: as last read, and not plain text that could be read from an offset.
    Unchanged { old: Source },
}

/// One input file and its state.
struct Input {
    path: PathBuf,
    name: String,
    state_file: PathBuf,
    /// A state file of the same settings under the name claimtrack gave it before the
    /// settings were in the name: read, then replaced by `state_file`.
    legacy: Option<PathBuf>,
    plan: Plan,
    /// The rows of the state used (none when read whole).
    old: Summary,
    /// Its index among the inputs the pipeline reads, unless it is not read.
    read_as: Option<usize>,
    hashed: Option<Hashed>,
    resumable: bool,
    /// Read on from this byte offset, after this many lines.
    resumed_at: Option<(u64, u64)>,
}

/// Where the state of `path` for one job is kept in `dir`: `<command>-<file name>-<hash of
/// its canonical path>-<hash of the settings>.jsonl`. The canonical path, so that `a.csv`,
/// `./a.csv` and `/data/a.csv` are one file's state and two `claims.csv` in different folders
/// keep apart; the settings (those of the partial's header, and the input options), so that
/// two jobs over one file with other `--by` or filters keep a state each instead of reading
/// the whole file again, turn about, every night.
struct StateName {
    file: PathBuf,
    /// The name before the settings' hash (`<command>-<file name>-<path hash>`): a state of
    /// the file under other settings starts with it, and the state file of claimtrack before
    /// the settings' hash was in the name is it with `.jsonl`.
    stem: String,
}

fn state_name(dir: &Path, command: &str, path: &Path, settings: &str) -> Result<StateName> {
    let full = std::fs::canonicalize(path).map_err(|e| Error::File {
        path: path.display().to_string(),
        message: input::open_error(&e),
    })?;
    let name: String = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    let hash = xxhash_rust::xxh3::xxh3_64(full.as_os_str().as_encoded_bytes());
    let keyed = xxhash_rust::xxh3::xxh3_64(settings.as_bytes());
    let stem = format!("{command}-{name}-{hash:016x}");
    Ok(StateName {
        file: dir.join(format!("{stem}-{keyed:016x}.jsonl")),
        stem,
    })
}

/// The settings a state is kept under, as text to hash: the header's settings and the input
/// options' fingerprint, with whether `--since` and `--until` are given but not their days. A
/// relative `--since 30d` is another day every night: in the key, it would leave a new state
/// file behind each run; out of it, the one state is found, differs in its filters, and is
/// read whole and replaced.
fn settings_key(header: &Header, fingerprint: &str) -> String {
    let mut settings = header.settings.clone();
    let given = |day: Option<chrono::NaiveDate>| day.map(|_| chrono::NaiveDate::MIN);
    settings.filters.since = given(settings.filters.since);
    settings.filters.until = given(settings.filters.until);
    let settings = serde_json::to_string(&settings).unwrap_or_default();
    format!("{}\n{settings}\n{fingerprint}", header.command.as_str())
}

/// The other state files of the same input file in `dir` (under other settings, or named the
/// way claimtrack named them before the settings were in the name), newest first.
fn other_states(dir: &Path, name: &StateName) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| {
            let file = e.file_name();
            let file = file.to_string_lossy();
            file.strip_prefix(name.stem.as_str()).is_some_and(|rest| {
                rest == ".jsonl" || rest.starts_with('-') && rest.ends_with(".jsonl")
            })
        })
        .map(|e| e.path())
        .filter(|p| *p != name.file)
        .map(|p| {
            let at = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (at, p)
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, p)| p).collect()
}

/// What the input options are, as a fingerprint: a state read under other options (another
/// `--column` mapping or date format) is not continued.
fn input_fingerprint(settings: &InputSettings) -> String {
    let text = format!(
        "{:?}",
        (
            &settings.delimiter,
            &settings.renames,
            &settings.dates,
            settings.max_record,
            &settings.sheet,
            settings.encoding.map(|e| e.name()),
        )
    );
    super::hash_hex(text.as_bytes())
}

/// The header and source lines of a state file: `None` when there is none, an error text
/// when it cannot be read as one.
fn read_head(path: &Path) -> Result<Option<std::result::Result<(Header, Source), String>>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::File {
                path: path.display().to_string(),
                message: format!("cannot read the state file: {e}"),
            });
        }
    };
    let mut reader = BufReader::new(file);
    let name = path.display();
    let mut number = 0;
    let mut line = || -> std::result::Result<Line, String> {
        let mut text = String::new();
        number += 1;
        reader
            .read_line(&mut text)
            .map_err(|e| format!("{name}:{number}: cannot read it: {e}"))?;
        let text = text.trim_end();
        serde_json::from_str(text)
            .map_err(|e| format!("{name}:{number}: {}", super::describe_json_error(text, &e)))
    };
    let head = match (line(), line()) {
        (Ok(Line::Header(h)), Ok(Line::Source(s))) => Ok((h, s)),
        (Err(e), _) | (_, Err(e)) => Err(e),
        _ => Err(format!(
            "{name} does not start with a header and a source line"
        )),
    };
    Ok(Some(head))
}

/// Reads the first `len` bytes of `file` into `hashed`.
fn hash_prefix(file: &mut File, len: u64, hashed: &Hashed) -> io::Result<u64> {
    let mut buf = vec![0u8; 1 << 20];
    let mut left = len;
    while left > 0 {
        let want = usize::try_from(left.min(buf.len() as u64)).unwrap_or(buf.len());
        let n = file.read(&mut buf[..want])?;
        if n == 0 {
            break;
        }
        hashed.update(&buf[..n]);
        left -= n as u64;
    }
    Ok(len - left)
}

/// Decides how to read `path`, given its state file's head.
/// `elsewhere` says how a state of the file under other settings differs, when there is one.
fn plan(
    path: &Path,
    dir: &Path,
    head: Option<std::result::Result<(Header, Source), String>>,
    current: &Header,
    fingerprint: &str,
    elsewhere: Option<String>,
) -> Result<Plan> {
    let whole = |why: String| Ok(Plan::Whole { why, changed: true });
    let (header, old) = match head {
        None => {
            let why = match elsewhere {
                Some(what) => format!(
                    "no state for it with these settings in {} yet (the one there was made with \
                     other settings: {what}; each job keeps its own)",
                    dir.display()
                ),
                None => format!("no state for it in {} yet", dir.display()),
            };
            return Ok(Plan::Whole {
                why,
                changed: false,
            });
        }
        Some(Err(e)) => return whole(format!("its state file cannot be used ({e})")),
        Some(Ok(head)) => head,
    };
    if let Some(what) = header.mismatch(current) {
        return whole(format!("its state was made with other settings ({what})"));
    }
    if old.input != fingerprint {
        return whole(
            "its state was read with other input options (--column, --delimiter, a date \
             format, --encoding, --sheet or --max-record-size)"
                .to_string(),
        );
    }
    let failed = |e: io::Error| Error::File {
        path: path.display().to_string(),
        message: format!("cannot read: {e}"),
    };
    let mut file = File::open(path).map_err(|e| Error::File {
        path: path.display().to_string(),
        message: input::open_error(&e),
    })?;
    let size = file.metadata().map_err(failed)?.len();
    if size < old.offset {
        return whole(format!(
            "it is shorter than when last read ({} bytes, was {}): truncated or replaced",
            thousands(size),
            thousands(old.offset)
        ));
    }
    let hashed = Hashed::new();
    hash_prefix(&mut file, old.offset, &hashed).map_err(failed)?;
    let (hash, read) = hashed.digest();
    if read != old.offset || hash != old.hash {
        return whole(format!(
            "its first {} bytes changed since the last run: edited or replaced",
            thousands(old.offset)
        ));
    }
    if !old.resumable {
        if size == old.offset {
            return Ok(Plan::Unchanged { old });
        }
        return whole(
            "it changed, and it is not plain text (compressed, a sheet, JSON Lines or another \
             encoding), which is read whole"
                .to_string(),
        );
    }
    if !old.complete && size > old.offset {
        return whole(
            "its last row had no line break when last read, and may have been finished since"
                .to_string(),
        );
    }
    Ok(Plan::Resume { old, file, hashed })
}

/// Takes the records of the state file at `path` into `aggregate`, returning its summary.
fn absorb_state<A: Aggregate>(
    path: &Path,
    aggregate: &mut A,
    by: Option<By>,
) -> Result<std::result::Result<Summary, String>> {
    let file = File::open(path).map_err(|e| Error::File {
        path: path.display().to_string(),
        message: format!("cannot read the state file: {e}"),
    })?;
    let mut summary = Summary::default();
    let name = path.display().to_string();
    let read = super::read(&name, &mut BufReader::new(file), &mut |event| {
        match event {
            Event::Start(header, _) => summary = header.summary,
            Event::Record(line) => aggregate.absorb(line, by)?,
            Event::Finish => {}
        }
        Ok(())
    });
    Ok(match read {
        Ok(_) => Ok(summary),
        Err(e) => Err(e.to_string()),
    })
}

/// `run` with `--state DIR`: see the module's documentation.
pub(super) fn run<A: Aggregate>(
    job: &Job<'_>,
    judge: &Judge,
    dir: &Path,
    new: &dyn Fn() -> A,
    add: &dyn Fn(&mut A, &Claim<'_>, &Judgement, &Cues),
    check: &dyn Fn(&[input::Source]) -> Result<()>,
) -> Result<(A, Summary)> {
    let settings = job.settings;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--state {}: that is a file, and --state takes a folder, where claimtrack keeps a \
             state file for each input file and job (it is made if missing); give another path",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::File {
        path: dir.display().to_string(),
        message: format!("cannot make the state folder: {e}"),
    })?;
    let current = Header::new(job.command, job.header.clone(), Summary::default());
    let by = job.header.by.as_deref().and_then(By::parse);
    let fingerprint = input_fingerprint(&settings.input);
    let key = settings_key(&current, &fingerprint);
    let say = |message: String| {
        if !settings.quiet {
            crate::log::info(&message);
        }
    };
    let mut inputs: Vec<Input> = Vec::new();
    let mut aggregates: Vec<A> = Vec::new();
    for path in &settings.input.paths {
        let InputPath::File(path) = path else {
            return Err(Error::Usage(
                "--state keeps where each input file was read to: stdin is no file".to_string(),
            ));
        };
        let name = path.display().to_string();
        let state = state_name(dir, job.command.as_str(), path, &key)?;
        let mut head = read_head(&state.file)?;
        let mut from = state.file.clone();
        let mut legacy = None;
        let mut elsewhere = None;
        if head.is_none() {
            for other in other_states(dir, &state) {
                match read_head(&other)? {
                    Some(Ok((h, s)))
                        if h.mismatch(&current).is_none() && s.input == fingerprint =>
                    {
                        head = Some(Ok((h, s)));
                        from = other.clone();
                        legacy = Some(other);
                        break;
                    }
                    Some(Ok((h, s))) if elsewhere.is_none() => {
                        elsewhere = Some(h.mismatch(&current).unwrap_or_else(|| {
                            debug_assert!(s.input != fingerprint);
                            "other input options (--column, --delimiter, a date format, \
                             --encoding, --sheet or --max-record-size)"
                                .to_string()
                        }));
                    }
                    _ => {}
                }
            }
        }
        let mut plan = plan(path, dir, head, &current, &fingerprint, elsewhere)?;
        let mut aggregate = new();
        let mut old = Summary::default();
        if matches!(plan, Plan::Resume { .. } | Plan::Unchanged { .. }) {
            match absorb_state(&from, &mut aggregate, by)? {
                Ok(summary) => old = summary,
                Err(e) => {
                    aggregate = new();
                    plan = Plan::Whole {
                        why: format!("its state file cannot be used ({e})"),
                        changed: true,
                    };
                }
            }
        }
        match &plan {
            Plan::Whole { why, changed: true } => {
                crate::log::warning(&format!("{name}: reading it whole: {why}"));
            }
            Plan::Whole { why, .. } => say(format!("{name}: reading it whole: {why}")),
            Plan::Unchanged { .. } => say(format!(
                "{name}: unchanged since the last run; its {} come from the state in {}",
                count(old.read, "row", "rows"),
                dir.display()
            )),
            Plan::Resume { .. } => {}
        }
        inputs.push(Input {
            path: path.clone(),
            name,
            state_file: state.file,
            legacy,
            plan,
            old,
            read_as: None,
            hashed: None,
            resumable: false,
            resumed_at: None,
        });
        aggregates.push(aggregate);
    }
    // Open what is to be read, in order.
    let mut sources = Vec::new();
    let mut readers = Vec::new();
    let mut of_source: Vec<usize> = Vec::new();
    for (i, input) in inputs.iter_mut().enumerate() {
        let index = sources.len();
        let plan = std::mem::replace(
            &mut input.plan,
            Plan::Whole {
                why: String::new(),
                changed: false,
            },
        );
        let (source, reader, hashed, resumable) = match plan {
            Plan::Unchanged { old } => {
                input.plan = Plan::Unchanged { old };
                continue;
            }
            Plan::Whole { why, changed } => {
                let file = File::open(&input.path).map_err(|e| Error::File {
                    path: input.name.clone(),
                    message: input::open_error(&e),
                })?;
                let size = file.metadata().ok().map(|m| m.len());
                let again = crate::read::format::read_again(&file);
                let hashed = Hashed::new();
                let raw = HashingReader {
                    inner: file,
                    hashed: hashed.clone(),
                };
                let opened = crate::read::format::open_stream(
                    Box::new(raw),
                    size,
                    Some(&input.path),
                    again,
                    &input.name,
                    &settings.input,
                )?;
                let resumable = opened.resumable;
                let (source, reader) =
                    input::source(index, input.name.clone(), opened, &settings.input)?;
                input.plan = Plan::Whole { why, changed };
                (source, reader, hashed, resumable)
            }
            Plan::Resume { old, file, hashed } => {
                // The header from the file's start, then the records from where the last run
                // stopped.
                let head = crate::read::format::open(
                    &InputPath::File(input.path.clone()),
                    &input.name,
                    &settings.input,
                )?;
                let delimiter = head.delimiter;
                let resumable = head.resumable;
                let (mut source, _) =
                    input::source(index, input.name.clone(), head, &settings.input)?;
                source.size = source.size.map(|s| s.saturating_sub(old.offset));
                let tail = HashingReader {
                    inner: file,
                    hashed: hashed.clone(),
                };
                let reader = input::resume(
                    Box::new(tail),
                    &settings.input,
                    delimiter,
                    old.offset,
                    old.lines,
                );
                input.resumed_at = Some((old.offset, old.lines));
                (source, reader, hashed, resumable)
            }
        };
        input.read_as = Some(index);
        input.hashed = Some(hashed);
        input.resumable = resumable;
        sources.push(source);
        readers.push(reader);
        of_source.push(i);
    }
    check(&sources)?;
    let read = cmd::read_claims(
        settings,
        judge,
        (sources, readers),
        |index, _, claim, judgement| {
            if let Some(aggregate) = of_source.get(index).and_then(|&i| aggregates.get_mut(i)) {
                add(aggregate, claim, judgement, &judge.cues);
            }
            Ok(())
        },
    );
    // --strict counts every row the table covers, as a run over the whole files would: rows
    // rejected in earlier runs, held in the states, too. No state is written then.
    let held: u64 = inputs.iter().map(|i| i.old.rejected).sum();
    if settings.strict && held > 0 {
        for input in inputs.iter().filter(|i| i.old.rejected > 0) {
            crate::log::warning(&format!(
                "{}: {} in earlier runs, counted from its state in {} (--strict); fix them \
                 (the run that read them reported their lines), then remove {} to read it whole",
                input.name,
                count(input.old.rejected, "row was rejected", "rows were rejected"),
                dir.display(),
                input.legacy.as_ref().unwrap_or(&input.state_file).display()
            ));
        }
        let new = match read {
            Ok(summary) => summary.rejected,
            Err(Error::Strict { rejected }) => rejected,
            Err(e) => return Err(e),
        };
        return Err(Error::Strict {
            rejected: new + held,
        });
    }
    let summary = read?;
    // Every row is in: write each file's state, then put the files together.
    let mut total = Summary::default();
    for (input, aggregate) in inputs.iter().zip(&aggregates) {
        let (Some(k), Some(hashed)) = (input.read_as, &input.hashed) else {
            total.add(&input.old);
            continue;
        };
        let (hash, offset) = hashed.digest();
        let lines = summary
            .lines
            .iter()
            .find(|(i, _)| *i == k)
            .map_or(0, |(_, n)| *n);
        let new = summary.per_source.get(k).cloned().unwrap_or_default();
        let mut own = input.old.clone();
        own.add(&new);
        total.add(&own);
        let source = Source {
            path: input.name.clone(),
            offset,
            hash,
            lines,
            complete: !summary.unterminated.contains(&k),
            resumable: input.resumable,
            input: fingerprint.clone(),
        };
        let header = Header::new(job.command, job.header.clone(), own);
        let mut sink = Sink::open(Some(&input.state_file))?;
        super::write(&mut sink, &header, Some(&source), aggregate)?;
        sink.commit()?;
        if let Some(legacy) = &input.legacy {
            // Now kept under its new name.
            let _ = std::fs::remove_file(legacy);
        }
        match input.resumed_at {
            Some((offset, lines)) => say(format!(
                "{}: {} after byte {} (from line {}); the {} before came from the state in {}",
                input.name,
                count(new.read, "new row", "new rows"),
                thousands(offset),
                thousands(lines + 1),
                count(input.old.read, "row", "rows"),
                dir.display()
            )),
            None => say(format!(
                "{}: {} read whole; state kept in {}",
                input.name,
                count(new.read, "row", "rows"),
                dir.display()
            )),
        }
    }
    let aggregate = if aggregates.len() == 1 {
        aggregates
            .pop()
            .ok_or_else(|| Error::Other("no input".to_string()))?
    } else {
        let mut all = new();
        for aggregate in &aggregates {
            aggregate.export(&mut |line| all.absorb(line, by).map_err(Error::Other))?;
        }
        all
    };
    Ok((aggregate, total))
}
