//! `--color auto|always|never`: whether claimtrack's own output (the terminal table's header)
//! uses colour and bold. `auto` means at a terminal, unless `NO_COLOR` is set to anything but
//! the empty string (no-color.org); `always` and `never` override both.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum When {
    #[default]
    Auto,
    Always,
    Never,
}

static WHEN: OnceLock<When> = OnceLock::new();

pub fn set(when: When) {
    let _ = WHEN.set(when);
}

/// Whether to colour output going to a stream that is (or is not) a terminal.
pub fn enabled(terminal: bool) -> bool {
    decide(
        WHEN.get().copied().unwrap_or_default(),
        terminal,
        std::env::var_os("NO_COLOR").as_deref(),
    )
}

fn decide(when: When, terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    match when {
        When::Always => true,
        When::Never => false,
        When::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// `text` in bold when `on`.
pub fn bold(text: &str, on: bool) -> String {
    if on && !text.is_empty() {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn auto_follows_the_terminal_and_no_color() {
        assert!(decide(When::Auto, true, None));
        assert!(!decide(When::Auto, false, None));
        assert!(!decide(When::Auto, true, Some(OsStr::new("1"))));
        // An empty NO_COLOR does not count.
        assert!(decide(When::Auto, true, Some(OsStr::new(""))));
        assert!(decide(When::Always, false, Some(OsStr::new("1"))));
        assert!(!decide(When::Never, true, None));
    }
}
