//! Unfinished output files to remove when a run is interrupted, and those a killed run left.
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

/// The start of this process's temporary file names: `.claimtrack-PID-`, so that a later run
/// can tell its own kind of file, and whether the run that made it is still alive.
pub fn temporary_prefix() -> String {
    format!(".claimtrack-{}-", std::process::id())
}

/// Removes the temporary files in `folder` that a killed claimtrack run left (SIGKILL, a crash,
/// a power cut: no clean-up could run): named `.claimtrack-PID-*.tmp`, with a PID that is not
/// ours and belongs to no running process. A file whose process still runs (another run in
/// the same folder) is left alone, and so is every other name.
pub fn remove_stale(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(stale_pid) else {
            continue;
        };
        if pid == std::process::id() || is_running(pid) {
            continue;
        }
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    if removed > 0 {
        // A log line like the others (dated in a cron log): a state folder gets these.
        crate::log::warning(&format!(
            "removed {} left in {} by a run that was killed",
            crate::log::count(removed, "temporary file", "temporary files"),
            folder.display()
        ));
    }
}

/// The PID in a name of our temporary files, `.claimtrack-PID-XXXXXX.tmp`.
fn stale_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".claimtrack-")?.strip_suffix(".tmp")?;
    let (pid, random) = rest.split_once('-')?;
    if random.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    // EPERM: it exists, owned by someone else.
    alive || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn is_running(_: u32) -> bool {
    true
}

/// The process's umask, read without changing it where Linux shows it (`/proc/self/status`),
/// else by setting it and restoring it at once.
#[cfg(unix)]
pub fn umask() -> u32 {
    let shown = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        });
    shown.unwrap_or_else(|| {
        // SAFETY: umask cannot fail; the old mask is put back straight away.
        let old = unsafe { libc::umask(0o022) };
        // SAFETY: as above.
        unsafe { libc::umask(old) };
        #[allow(clippy::useless_conversion)] // mode_t is u16 on some systems
        u32::from(old)
    })
}

#[cfg(test)]
mod tests {
    use super::stale_pid;

    #[test]
    fn only_our_names_with_a_pid_are_stale_candidates() {
        assert_eq!(stale_pid(".claimtrack-4242-a1B2c3.tmp"), Some(4242));
        assert_eq!(stale_pid(".claimtrack-a1B2c3.tmp"), None);
        assert_eq!(stale_pid(".claimtrack-42x-abc.tmp"), None);
        assert_eq!(stale_pid("claimtrack-42-abc.tmp"), None);
        assert_eq!(stale_pid(".claimtrack-42-abc.csv"), None);
    }
}

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

/// Removes the temporary files in progress at once, for a run ending because memory ran out
/// (`crate::alloc`): allocates nothing (a path under 384 bytes goes to the system from the
/// stack) and does not wait for a list another thread holds.
pub fn remove_pending_now() {
    let pending = match PENDING.try_lock() {
        Ok(pending) => pending,
        Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => return,
    };
    for path in pending.iter() {
        let _ = std::fs::remove_file(path);
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
