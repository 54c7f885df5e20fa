//! Shell integration: completion scripts, the man page, and `--color` with `NO_COLOR`.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::tmux::Tmux;
use common::{BIN, Workdir, fixture};

#[test]
fn completion_scripts_know_the_commands_and_their_flags() {
    let wd = Workdir::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = wd.ok(&["completions", shell]).stdout;
        for word in [
            "report",
            "topics",
            "outlets",
            "unresolved-after",
            "columns",
            "log-format",
        ] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    // bash reads the script without a syntax error (where bash is installed).
    let bash = wd.ok(&["completions", "bash"]).stdout;
    let path = wd.write("claimtrack.bash", &bash);
    if let Ok(out) = Command::new("bash").arg("-n").arg(&path).output() {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let bad = wd.run(&["completions", "tcsh"]);
    assert_eq!(bad.code, Some(2));
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let wd = Workdir::new();
    let page = wd.ok(&["man"]).stdout;
    assert!(page.contains(".TH claimtrack 1"), "{page}");
    for command in [
        "label",
        "report",
        "topics",
        "outlets",
        "cues",
        "completions",
    ] {
        assert!(page.contains(command), "no {command}");
    }
    // A closed pipe is a quiet end, not a panic.
    let mut child = Command::new(BIN)
        .arg("man")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn color_always_never_and_auto_in_a_pipe() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let run = |color: &str, no_color: Option<&str>| {
        let mut cmd = wd.command(&[
            "report", &input, "--format", "table", "-q", "--color", color,
        ]);
        cmd.env_remove("NO_COLOR").stdin(Stdio::null());
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(run("always", None).starts_with("\x1b[1mperson"));
    assert!(run("always", Some("1")).starts_with("\x1b[1mperson"));
    assert!(!run("never", None).contains('\x1b'));
    assert!(!run("auto", None).contains('\x1b'), "a pipe gets no colour");
}

/// At a real terminal `auto` makes the header bold, unless NO_COLOR is set.
#[test]
fn color_auto_at_a_terminal_honours_no_color() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let screen = |no_color: &str| {
        let script = wd.write(
            "run.sh",
            format!("{no_color} '{BIN}' report '{input}' -q; echo '[done]'; sleep 30\n"),
        );
        // A tmux server (and socket) of its own for each run.
        let dir = wd.path(&format!("tmux-{}", no_color.len()));
        std::fs::create_dir_all(&dir).unwrap();
        let tmux = Tmux::start(&dir, 100, 20, &script)?;
        tmux.wait_for("[done]", Duration::from_secs(30));
        Some(tmux.screen_with_escapes())
    };
    let Some(coloured) = screen("unset NO_COLOR;") else {
        eprintln!("tmux not installed: skipped");
        return;
    };
    assert!(coloured.contains("\x1b[1mperson"), "{coloured:?}");
    let plain = screen("NO_COLOR=1; export NO_COLOR;").unwrap();
    assert!(plain.contains("person"), "{plain:?}");
    assert!(!plain.contains("\x1b[1m"), "{plain:?}");
}
