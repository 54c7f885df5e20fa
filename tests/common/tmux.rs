//! A real terminal for tests: a tmux server of its own (its socket in the test's folder), a
//! window of a given size running a shell script, and what the screen shows.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// `None` where tmux is not installed (the test then skips).
    pub fn start(dir: &Path, width: u16, height: u16, script: &Path) -> Option<Tmux> {
        Command::new("tmux").arg("-V").output().ok()?;
        let tmux = Tmux {
            socket: dir.join("tmux.sock").to_string_lossy().into_owned(),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let script = script.to_string_lossy().into_owned();
        let started = tmux.run(&["new-session", "-d", "-x", &w, "-y", &h, "sh", &script]);
        assert!(started.status.success(), "{started:?}");
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-S", &self.socket])
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap()
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    /// The screen with its colours and attributes as escape sequences.
    pub fn screen_with_escapes(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e"]).stdout).into_owned()
    }

    /// The screen once it shows `text`, or as it is after `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let shown = self.screen();
            if shown.contains(text) || Instant::now() > deadline {
                return shown;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn keys(&self, keys: &str) {
        self.run(&["send-keys", keys]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
