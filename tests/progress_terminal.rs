//! The progress line in a real terminal (tmux): one line within the width, and gone before
//! the interruption's message on Ctrl-C. Skipped where tmux is not installed.

mod common;

use std::time::Duration;

use common::tmux::Tmux;
use common::{BIN, Workdir, repo_path};

/// A file big enough for a debug build to take several seconds.
fn big_input(wd: &Workdir) -> std::path::PathBuf {
    let sample = std::fs::read_to_string(repo_path("data/claims.csv")).unwrap();
    let (header, body) = sample.split_once('\n').unwrap();
    let mut text = format!("{header}\n");
    while text.len() < 40 << 20 {
        text.push_str(body);
    }
    wd.write("big.csv", text)
}

fn interrupted(args: &str) -> (String, String) {
    let wd = Workdir::new();
    let input = big_input(&wd);
    let script = wd.write(
        "run.sh",
        format!(
            "trap ':' INT\nunset COLUMNS\n'{BIN}' report '{}' {args}\necho \"[exit $?]\"\nsleep 30\n",
            input.display()
        ),
    );
    let Some(tmux) = Tmux::start(&wd.path(""), 80, 20, &script) else {
        return (String::new(), String::new());
    };
    // The bar shows after a second; its line has the percentage.
    let running = tmux.wait_for("% ·", Duration::from_secs(60));
    tmux.keys("C-c");
    let after = tmux.wait_for("[exit", Duration::from_secs(30));
    (running, after)
}

#[test]
fn the_progress_bar_fits_80_columns_and_is_cleared_on_ctrl_c() {
    let (running, after) = interrupted("-o report.csv");
    if running.is_empty() {
        eprintln!("tmux not installed: skipped");
        return;
    }
    let bar: Vec<&str> = running.lines().filter(|l| l.contains("% ·")).collect();
    assert_eq!(bar.len(), 1, "one progress line:\n{running}");
    assert!(bar[0].trim_end().chars().count() < 80, "{running}");
    assert!(
        bar[0].contains(" rows ·") && bar[0].contains("/s"),
        "{running}"
    );
    assert!(bar[0].contains(" left"), "{running}");

    let lines: Vec<&str> = after.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        !after.contains("% ·"),
        "the bar is still on screen after Ctrl-C:\n{after}"
    );
    assert_eq!(
        lines,
        [
            "claimtrack: interrupted; unfinished output removed",
            "[exit 130]"
        ],
        "{after}"
    );
}

#[test]
fn without_an_output_file_ctrl_c_still_ends_the_run_and_clears_the_bar() {
    let (running, after) = interrupted("--format csv > /dev/null");
    if running.is_empty() {
        return;
    }
    assert!(running.contains("% ·"), "{running}");
    assert!(!after.contains("% ·"), "{after}");
    assert!(after.contains("[exit 130]"), "{after}");
}

#[test]
fn stdin_gets_a_spinner_with_rows_and_whole_rows_per_second() {
    let wd = Workdir::new();
    let input = big_input(&wd);
    // The rows come in two parts, seconds apart, and the pipe stays open after them: a release
    // build reads these repeated rows in under the spinner's first second, and the spinner is
    // drawn only as rows arrive and must stay on screen long enough to be read.
    let script = wd.write(
        "run.sh",
        format!(
            "unset COLUMNS\n{{ head -n 50000 '{0}'; sleep 2; tail -n +50001 '{0}'; sleep 4; }} | '{BIN}' report --format csv > /dev/null\necho '[done]'\nsleep 30\n",
            input.display()
        ),
    );
    let Some(tmux) = Tmux::start(&wd.path(""), 80, 20, &script) else {
        return;
    };
    let running = tmux.wait_for("rows/s", Duration::from_secs(60));
    let line = running
        .lines()
        .find(|l| l.contains("rows/s"))
        .unwrap_or_else(|| panic!("no spinner line:\n{running}"));
    // `⠂ 63,744 rows read · 27,304 rows/s · 2s elapsed`
    let parts: Vec<&str> = line.split(" · ").collect();
    assert_eq!(parts.len(), 3, "{line}");
    let rows = parts[0].split_whitespace().nth(1).unwrap();
    assert!(parts[0].ends_with(" rows read"), "{line}");
    assert!(
        rows.chars().all(|c| c.is_ascii_digit() || c == ','),
        "{line}"
    );
    let rate = parts[1].strip_suffix(" rows/s").unwrap();
    assert!(
        rate.chars().all(|c| c.is_ascii_digit() || c == ','),
        "whole rows/s: {line}"
    );
    assert!(parts[2].trim_end().ends_with("s elapsed"), "{line}");
    assert!(line.trim_end().chars().count() < 80, "{line}");
    let done = tmux.wait_for("[done]", Duration::from_secs(120));
    assert!(
        !done.contains("rows/s"),
        "the spinner stays after the run:\n{done}"
    );
}
