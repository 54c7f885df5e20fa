//! A progress line on stderr for long runs, for a person at a terminal: never in piped output,
//! never for runs short enough to finish before it would help.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs that finish sooner than this never show a progress line.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// How often (in rows) to look at the clock: cheap enough to ignore per row.
const CHECK_EVERY: u64 = 4096;

pub struct Progress {
    enabled: bool,
    started: Instant,
    /// Total input bytes, when every input is a file of known size.
    total_bytes: Option<u64>,
    bar: Option<ProgressBar>,
    rows: u64,
}

impl Progress {
    /// `enabled` should be true only when stderr is a terminal and the user did not ask for quiet.
    pub fn new(enabled: bool, total_bytes: Option<u64>) -> Progress {
        Progress {
            enabled,
            started: Instant::now(),
            total_bytes,
            bar: None,
            rows: 0,
        }
    }

    /// Counts one row; `bytes` is how far into the input (all files together) it lies.
    pub fn row(&mut self, bytes: u64) {
        self.rows += 1;
        if !self.enabled || self.rows % CHECK_EVERY != 0 {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() >= SHOW_AFTER {
            self.bar = Some(self.start_bar());
        }
        if let Some(bar) = &self.bar {
            match self.total_bytes {
                Some(_) => bar.set_position(bytes),
                None => bar.set_position(self.rows),
            }
            bar.set_message(format!("{} rows", self.rows));
        }
    }

    fn start_bar(&self) -> ProgressBar {
        let bar = match self.total_bytes {
            Some(total) => {
                let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
                if let Ok(style) = ProgressStyle::with_template(
                    "{spinner} {bar:30} {bytes}/{total_bytes} {msg} ({bytes_per_sec}, {eta} left)",
                ) {
                    bar.set_style(style);
                }
                bar
            }
            None => {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({per_sec})") {
                    bar.set_style(style);
                }
                bar
            }
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
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
