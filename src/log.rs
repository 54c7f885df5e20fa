//! The lines claimtrack writes on stderr about a run (its summary, rejected rows, warnings),
//! for a person at a terminal and for a log file alike.
//!
//! At a terminal a summary line is `claimtrack: …`. When stderr is not a terminal (cron's
//! `2>> log`), it starts with the time (ISO 8601, UTC) and the command, so a log of many
//! nights can be read: `2026-12-03T02:15:00Z claimtrack report: 1,000 rows read, …`. A line
//! about one row stays `file:line: reason`. With `--log-format json`, every line is one JSON
//! object for log shippers:
//! `{"time":…,"command":"report","level":"info","message":…}` plus the counts of a summary.

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use crate::output::printable::thousands;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// `claimtrack: …` at a terminal; with the time and the command in front otherwise.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

static COMMAND: OnceLock<&'static str> = OnceLock::new();
static FORMAT: OnceLock<LogFormat> = OnceLock::new();

/// The subcommand being run, named in each log line.
pub fn set_command(command: &'static str) {
    let _ = COMMAND.set(command);
}

pub fn set_format(format: LogFormat) {
    let _ = FORMAT.set(format);
}

/// Writes one line at `level`; `counts` go into the JSON object as numbers.
pub fn line(level: Level, message: &str, counts: &[(&str, u64)]) {
    let text = format_line(
        level,
        message,
        counts,
        FORMAT.get().copied().unwrap_or_default(),
        std::io::stderr().is_terminal(),
        COMMAND.get().copied(),
        chrono::Utc::now(),
    );
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

pub fn info(message: &str) {
    line(Level::Info, message, &[]);
}

pub fn warning(message: &str) {
    line(Level::Warning, message, &[]);
}

/// The error that ends a run: `claimtrack: message` in text (as a shell user and the tests
/// of scripts expect it), one JSON object of level `error` with `--log-format json`, so a log
/// shipper sees why the run failed. An error found before the options are read (a usage
/// error from the command line itself) is always text.
pub fn error(message: &str) {
    match FORMAT.get().copied().unwrap_or_default() {
        LogFormat::Text => {
            let _ = writeln!(std::io::stderr().lock(), "claimtrack: {message}");
        }
        LogFormat::Json => line(Level::Error, message, &[]),
    }
}

/// A message about one row (`file:line: reason`): as it is in text, since editors and scripts
/// read that form (and it already says where); one JSON object with `--log-format json`.
pub fn row_warning(message: &str) {
    match FORMAT.get().copied().unwrap_or_default() {
        LogFormat::Text => {
            let _ = writeln!(std::io::stderr().lock(), "{message}");
        }
        LogFormat::Json => line(Level::Warning, message, &[]),
    }
}

/// The line as `line` writes it, with everything it depends on given.
pub fn format_line(
    level: Level,
    message: &str,
    counts: &[(&str, u64)],
    format: LogFormat,
    terminal: bool,
    command: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let time = now.format("%Y-%m-%dT%H:%M:%SZ");
    match format {
        LogFormat::Json => {
            let mut object = serde_json::Map::new();
            object.insert("time".into(), time.to_string().into());
            if let Some(command) = command {
                object.insert("command".into(), command.into());
            }
            object.insert("level".into(), level.as_str().into());
            object.insert("message".into(), message.into());
            for (name, n) in counts {
                object.insert((*name).into(), (*n).into());
            }
            serde_json::Value::Object(object).to_string()
        }
        LogFormat::Text if terminal => format!("claimtrack: {message}"),
        LogFormat::Text => match command {
            Some(command) => format!("{time} claimtrack {command}: {message}"),
            None => format!("{time} claimtrack: {message}"),
        },
    }
}

/// `n` and its noun, singular or plural, with thousands separators: `1 row`, `1,000 rows`.
pub fn count(n: u64, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { singular } else { plural }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339("2026-12-03T02:15:00Z")
            .unwrap()
            .into()
    }

    #[test]
    fn a_terminal_gets_the_plain_line_a_log_gets_time_and_command() {
        let line = |terminal| {
            format_line(
                Level::Info,
                "7 rows read",
                &[],
                LogFormat::Text,
                terminal,
                Some("report"),
                at(),
            )
        };
        assert_eq!(line(true), "claimtrack: 7 rows read");
        assert_eq!(
            line(false),
            "2026-12-03T02:15:00Z claimtrack report: 7 rows read"
        );
    }

    #[test]
    fn json_lines_carry_the_counts_as_numbers() {
        let text = format_line(
            Level::Warning,
            "a.csv:3: bad date",
            &[("read", 1000)],
            LogFormat::Json,
            true,
            Some("label"),
            at(),
        );
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["time"], "2026-12-03T02:15:00Z");
        assert_eq!(value["command"], "label");
        assert_eq!(value["level"], "warning");
        assert_eq!(value["message"], "a.csv:3: bad date");
        assert_eq!(value["read"], 1000);
    }

    #[test]
    fn counts_have_separators_and_the_right_noun() {
        assert_eq!(count(0, "row", "rows"), "0 rows");
        assert_eq!(count(1, "row", "rows"), "1 row");
        assert_eq!(count(1_000_000, "row", "rows"), "1,000,000 rows");
    }
}
