//! Unfinished output files to remove when a run is interrupted.
//!
//! `-o` and `--rejects` write a temporary file beside their target and rename it at the end.
//! A normal failure drops the temporary file, which removes it; a signal (Ctrl-C, the SIGTERM
//! of cron's `timeout`, a closed terminal's SIGHUP) ends the process without running any
//! destructor, and would leave `.claimtrack-*.tmp` files to pile up beside a nightly report.
//! So the temporary files in progress are listed here, and a thread waiting for those signals
//! removes them before exiting.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static WATCH: Once = Once::new();

/// A temporary file listed for removal on interruption, until this is dropped (after the
/// rename, or with the file itself on failure).
#[derive(Debug)]
pub struct Pending(PathBuf);

impl Pending {
    pub fn new(path: &Path) -> Pending {
        WATCH.call_once(watch_signals);
        lock().push(path.to_path_buf());
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = lock();
        if let Some(i) = pending.iter().position(|p| *p == self.0) {
            pending.swap_remove(i);
        }
    }
}

/// The list, even if a thread panicked while holding it (a list of paths cannot be left
/// half-changed).
fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    // Without the handler the signals keep their default action (the process ends); only the
    // clean-up is lost, so a failure to install it is not worth stopping the run for.
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("signals".to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                for path in lock().iter() {
                    let _ = std::fs::remove_file(path);
                }
                eprintln!("claimtrack: interrupted; unfinished output removed");
                // The shell's convention: 128 + the signal's number.
                std::process::exit(128 + signal);
            }
        });
    drop(spawned);
}

#[cfg(not(unix))]
fn watch_signals() {}
