//! A progress line on stderr for long runs, for a person at a terminal: never in piped output,
//! never for runs short enough to finish before it would help.
//!
//! indicatif draws it; what it says is worked out here, from the whole run so far, so that it
//! is true: for files, a bar of bytes read with the rate and the time left at that rate
//! (`elapsed × left / done`, not an estimate that swings with each burst); for stdin, whose
//! size is unknown, a spinner with the rows read and whole rows per second. The line is cut to
//! the terminal's width (parts dropped, least useful first), so it never wraps, and on Ctrl-C it
//! is cleared before the interruption's message.

use std::fmt::Write as _;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

use crate::output::printable::thousands;

/// Runs that finish sooner than this never show a progress line.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// How often (in rows) to look at the clock: cheap enough to ignore per row.
const CHECK_EVERY: u64 = 256;
/// How often the line's text is worked out again.
const UPDATE_EVERY: Duration = Duration::from_millis(200);
/// The bar is left out below this many columns.
const NARROWEST_BAR: usize = 10;

/// Set when a signal interrupts the run: from then on nothing is drawn.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Set when another handler (the clean-up of unfinished output files) will end the process on
/// a signal; otherwise ours ends it, as the signal would have.
static SIGNAL_ENDS_ELSEWHERE: AtomicBool = AtomicBool::new(false);

pub struct Progress {
    enabled: bool,
    started: Instant,
    /// Total input bytes, when every input is a file of known size.
    total_bytes: Option<u64>,
    bar: Option<ProgressBar>,
    /// Where the line is drawn: stderr, or a test's fake terminal.
    screen: Option<Box<dyn TermLike>>,
    /// The width of the screen the bar was started on.
    width: usize,
    rows: u64,
    bytes: u64,
    updated: Option<Instant>,
}

impl Progress {
    /// `enabled` should be true only when stderr is a terminal and the user did not ask for quiet.
    pub fn new(enabled: bool, total_bytes: Option<u64>) -> Progress {
        Progress {
            enabled,
            started: Instant::now(),
            total_bytes,
            bar: None,
            screen: Some(Box::new(Stderr)),
            width: 80,
            rows: 0,
            bytes: 0,
            updated: None,
        }
    }

    /// A progress line drawn on `screen`, shown from the first row on (for tests).
    pub fn on(screen: Box<dyn TermLike>, total_bytes: Option<u64>, started: Instant) -> Progress {
        Progress {
            enabled: true,
            started,
            total_bytes,
            bar: None,
            screen: Some(screen),
            width: 80,
            rows: 0,
            bytes: 0,
            updated: None,
        }
    }

    /// Counts one row; `bytes` is how far into the input (all files together) it lies.
    pub fn row(&mut self, bytes: u64) {
        self.rows += 1;
        self.bytes = bytes;
        if !self.enabled || self.rows % CHECK_EVERY != 0 {
            return;
        }
        let now = Instant::now();
        if self.updated.is_some_and(|at| now - at < UPDATE_EVERY) {
            return;
        }
        if self.bar.is_none() {
            if now - self.started < SHOW_AFTER {
                return;
            }
            let Some(screen) = self.screen.take() else {
                return;
            };
            self.width = usize::from(screen.width());
            let target = ProgressDrawTarget::term_like(screen);
            let bar = ProgressBar::with_draw_target(self.total_bytes, target);
            self.bar = Some(bar);
            self.draw(now);
            if let Some(bar) = &self.bar {
                bar.enable_steady_tick(Duration::from_millis(200));
            }
            self.updated = Some(now);
            return;
        }
        self.updated = Some(now);
        self.draw(now);
    }

    /// Works out the line's text from the run so far, at `now`.
    pub fn draw(&mut self, now: Instant) {
        let Some(bar) = &self.bar else {
            return;
        };
        let elapsed = now.saturating_duration_since(self.started);
        let (text, room) = status(self.rows, self.bytes, self.total_bytes, elapsed, self.width);
        // A bar of exactly the room left (not `wide_bar`, which fills the last column too).
        let template = match room {
            Some(room) => format!("{{spinner}} {{bar:{room}}} {{msg}}"),
            None => "{spinner} {msg}".to_string(),
        };
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
        }
        bar.set_message(text);
        if let Some(total) = self.total_bytes {
            bar.set_position(self.bytes.min(total));
        }
    }

    /// Runs `f` (which writes a line on stderr) with the progress line out of the way, drawn
    /// again after it, so that a message never lands in the middle of the bar.
    pub fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the progress line, so the summary that follows starts on a clean line.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The line's text for the run so far, fitted to `width` columns (with the spinner and, for
/// files, a bar of at least `NARROWEST_BAR`): `Some(room)` for the bar when there is room for
/// one. Parts are dropped from the end until it fits.
pub fn status(
    rows: u64,
    bytes: u64,
    total: Option<u64>,
    elapsed: Duration,
    width: usize,
) -> (String, Option<usize>) {
    let seconds = elapsed.as_secs_f64().max(0.001);
    let plural = if rows == 1 { "row" } else { "rows" };
    let mut parts: Vec<String> = Vec::new();
    match total {
        Some(total) => {
            let done = bytes.min(total);
            let percent = (done * 100).checked_div(total).unwrap_or(100);
            parts.push(format!("{percent:>3}%"));
            parts.push(format!("{} rows", thousands(rows)));
            parts.push(format!("{}/s", HumanBytes((done as f64 / seconds) as u64)));
            if done > 0 {
                // The time left at the run's own average rate.
                let left = seconds * (total - done) as f64 / done as f64;
                parts.push(format!("{} left", duration(left)));
            }
            parts.push(format!("{}/{}", HumanBytes(done), HumanBytes(total)));
        }
        None => {
            parts.push(format!("{} {plural} read", thousands(rows)));
            parts.push(format!(
                "{} rows/s",
                thousands((rows as f64 / seconds).floor() as u64)
            ));
            // Elapsed time rounded down (time left is rounded up): never ahead of the clock.
            parts.push(format!("{} elapsed", duration(seconds.floor())));
        }
    }
    // The spinner and its space.
    let spinner = 2;
    loop {
        let text = parts.join(" · ");
        let used = spinner + text.chars().count();
        if total.is_some() && used + 1 + NARROWEST_BAR <= width {
            return (text, Some(width - used - 1));
        }
        if parts.len() == 1 || (total.is_none() && used <= width) {
            let mut text = text;
            while spinner + text.chars().count() > width && text.pop().is_some() {}
            return (text, None);
        }
        parts.pop();
    }
}

/// `12s`, `3m 05s`, `1h 02m`: whole seconds, rounded up, so the last seconds left never say
/// `0s`.
fn duration(seconds: f64) -> String {
    let s = seconds.ceil() as u64;
    let mut out = String::new();
    if s >= 3600 {
        let _ = write!(out, "{}h {:02}m", s / 3600, s % 3600 / 60);
    } else if s >= 60 {
        let _ = write!(out, "{}m {:02}s", s / 60, s % 60);
    } else {
        let _ = write!(out, "{s}s");
    }
    out
}

/// Clears the progress line when a signal ends the run, before any message about it: called
/// once at start-up when the line may be shown, before anything else handles signals, since
/// handlers run in the order they were installed. The process then ends as the signal would
/// have ended it, unless `signal_ends_elsewhere` was called.
pub fn clear_on_interrupt() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            // SAFETY: the action only stores to atomics, makes one write(2) to stderr and may
            // re-raise the signal with its default action: all async-signal-safe.
            let _ = unsafe {
                signal_hook::low_level::register(signal, move || {
                    INTERRUPTED.store(true, Ordering::SeqCst);
                    clear_line_raw();
                    if !SIGNAL_ENDS_ELSEWHERE.load(Ordering::SeqCst) {
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                    }
                })
            };
        }
    }
}

/// Another signal handler ends the process (after removing unfinished files): ours only clears
/// the line then.
pub fn signal_ends_elsewhere() {
    SIGNAL_ENDS_ELSEWHERE.store(true, Ordering::SeqCst);
}

/// Carriage return and "erase line", written straight to file descriptor 2: no lock, no
/// allocation, so it is safe inside a signal handler.
#[cfg(unix)]
fn clear_line_raw() {
    use std::io::Write as _;
    use std::os::fd::FromRawFd;
    // SAFETY: fd 2 stays open for the life of the process; ManuallyDrop never closes it.
    let mut stderr = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(2) });
    let _ = stderr.write_all(b"\r\x1b[2K");
}

/// The terminal on stderr, silent once the run is interrupted (so the drawing thread cannot
/// put the line back after the signal handler cleared it).
#[derive(Debug)]
struct Stderr;

impl Stderr {
    /// Moves the cursor `n` places in the direction of ANSI's `code` (A up, B down, C right,
    /// D left).
    fn cursor(&self, n: usize, code: char) -> io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.put(&format!("\x1b[{n}{code}"))
    }

    fn put(&self, s: &str) -> io::Result<()> {
        if INTERRUPTED.load(Ordering::SeqCst) {
            return Ok(());
        }
        use std::io::Write as _;
        io::stderr().lock().write_all(s.as_bytes())
    }
}

impl TermLike for Stderr {
    /// Two columns short of the terminal's: indicatif pads the line to this width, and the
    /// terminal echoes Ctrl-C as `^C` after it; on a full line that echo would wrap onto a new
    /// line and the clearing would miss the bar.
    fn width(&self) -> u16 {
        let columns = std::env::var("COLUMNS").ok();
        let width = match columns.and_then(|c| c.trim().parse::<u16>().ok()) {
            Some(n) => n,
            None => terminal_size::terminal_size_of(io::stderr()).map_or(80, |(w, _)| w.0),
        };
        width.saturating_sub(2).max(10)
    }

    fn move_cursor_up(&self, n: usize) -> io::Result<()> {
        self.cursor(n, 'A')
    }

    fn move_cursor_down(&self, n: usize) -> io::Result<()> {
        self.cursor(n, 'B')
    }

    fn move_cursor_right(&self, n: usize) -> io::Result<()> {
        self.cursor(n, 'C')
    }

    fn move_cursor_left(&self, n: usize) -> io::Result<()> {
        self.cursor(n, 'D')
    }

    fn write_line(&self, s: &str) -> io::Result<()> {
        self.put(&format!("{s}\n"))
    }

    fn write_str(&self, s: &str) -> io::Result<()> {
        self.put(s)
    }

    fn clear_line(&self) -> io::Result<()> {
        self.put("\r\x1b[2K")
    }

    fn flush(&self) -> io::Result<()> {
        use std::io::Write as _;
        io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_get_percent_rows_rate_and_the_time_left_at_the_average_rate() {
        // 30 MiB of 120 MiB in 10 s: 3 MiB/s, 30 s left.
        let mib = 1 << 20;
        let (text, room) = status(
            123_456,
            30 * mib,
            Some(120 * mib),
            Duration::from_secs(10),
            120,
        );
        assert_eq!(
            text,
            " 25% · 123,456 rows · 3.00 MiB/s · 30s left · 30.00 MiB/120.00 MiB"
        );
        assert!(room.unwrap() >= NARROWEST_BAR);
        assert_eq!(2 + text.chars().count() + 1 + room.unwrap(), 120);
    }

    #[test]
    fn the_last_seconds_never_say_zero() {
        let (text, _) = status(10, 999, Some(1000), Duration::from_millis(4000), 200);
        assert!(text.contains("1s left"), "{text}");
    }

    #[test]
    fn stdin_gets_an_honest_row_count_and_whole_rows_per_second() {
        let (text, room) = status(1_000_001, 0, None, Duration::from_millis(2500), 80);
        assert_eq!(text, "1,000,001 rows read · 400,000 rows/s · 2s elapsed");
        assert_eq!(room, None);
        let (one, _) = status(1, 0, None, Duration::from_secs(1), 80);
        assert!(one.starts_with("1 row read ·"), "{one}");
    }

    #[test]
    fn the_line_fits_narrow_terminals_by_dropping_parts() {
        let mib = 1 << 20;
        for width in [20, 40, 60, 80] {
            let (text, room) = status(
                123_456,
                30 * mib,
                Some(120 * mib),
                Duration::from_secs(10),
                width,
            );
            let used = 2 + text.chars().count() + room.map_or(0, |r| r + 1);
            assert!(used <= width, "{width}: {text:?} {room:?}");
            assert!(text.contains("25%"), "{text}");
            let (text, _) = status(123_456, 0, None, Duration::from_secs(10), width);
            assert!(2 + text.chars().count() <= width, "{width}: {text:?}");
        }
    }

    /// A terminal of a given width that keeps what is written to it.
    #[derive(Debug, Clone)]
    struct Fake {
        width: u16,
        written: std::sync::Arc<std::sync::Mutex<String>>,
    }

    impl TermLike for Fake {
        fn width(&self) -> u16 {
            self.width
        }
        fn move_cursor_up(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> io::Result<()> {
            self.write_str(&format!("{s}\n"))
        }
        fn write_str(&self, s: &str) -> io::Result<()> {
            self.written.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            self.write_str("\n")
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn drawn_on_a_fake_terminal_the_line_fits_its_width() {
        use unicode_width::UnicodeWidthStr;
        for width in [40u16, 80, 132] {
            let fake = Fake {
                width,
                written: Default::default(),
            };
            let started = Instant::now() - Duration::from_secs(10);
            let mut progress = Progress::on(Box::new(fake.clone()), Some(100 << 20), started);
            for n in 0..CHECK_EVERY {
                progress.row(n * 1000);
            }
            progress.bytes = 25 << 20;
            progress.draw(Instant::now());
            // indicatif draws from its own thread too; give it a moment.
            std::thread::sleep(Duration::from_millis(300));
            progress.finish();
            let written = fake.written.lock().unwrap().clone();
            let lines: Vec<&str> = written.lines().filter(|l| !l.trim().is_empty()).collect();
            assert!(!lines.is_empty(), "nothing drawn at {width}");
            assert!(lines.iter().any(|l| l.contains(" 25% ·")), "{written}");
            for line in lines {
                // indicatif pads the line with spaces to the full width, to cover what was there
                // (the real terminal's width is reported two columns short, see `Stderr`).
                assert!(line.width() <= usize::from(width), "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn durations_read_as_a_person_says_them() {
        assert_eq!(duration(0.2), "1s");
        assert_eq!(duration(59.0), "59s");
        assert_eq!(duration(185.0), "3m 05s");
        assert_eq!(duration(3720.0), "1h 02m");
    }
}
