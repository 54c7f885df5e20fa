//! Test helpers in the style of xsv's `Workdir`: each test gets its own folder, runs the real
//! binary in it, and reads back what it printed.

#![allow(dead_code)]

pub mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_claimtrack");

pub fn repo_path(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// A CSV text as one map (column → value) per row.
pub fn csv_maps(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a CSV header").clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.expect("a CSV record").iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> String {
    repo_path(&format!("tests/fixtures/{rel}"))
}

/// Property-test settings: `default` cases, or PROPTEST_CASES; no failure files.
pub fn proptest_cases(default: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

pub struct Workdir {
    dir: tempfile::TempDir,
}

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("write a test file");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).expect("read a test file")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        // The terminal table follows COLUMNS; tests that want a width set it themselves.
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("COLUMNS");
        cmd
    }

    /// Runs with stdin closed (so the binary never waits on a terminal).
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_stdin(args, None)
    }

    pub fn run_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Output {
        use std::io::Write;
        let mut cmd = self.command(args);
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start claimtrack");
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin pipe");
            pipe.write_all(input).expect("write stdin");
        }
        let out = child.wait_with_output().expect("wait for claimtrack");
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code(),
        }
    }

    /// Runs and requires success.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert_eq!(
            out.code,
            Some(0),
            "claimtrack {args:?} failed:\n{}",
            out.stderr
        );
        out
    }

    pub fn ok_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let out = self.run_stdin(args, Some(stdin.as_bytes()));
        assert_eq!(
            out.code,
            Some(0),
            "claimtrack {args:?} failed:\n{}",
            out.stderr
        );
        out
    }

    /// Output files are written to a temporary file and renamed: none may be left behind.
    pub fn assert_no_temporary_files(&self) {
        let leftovers: Vec<String> = std::fs::read_dir(self.dir.path())
            .expect("list the test folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".claimtrack-"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left behind: {leftovers:?}"
        );
    }

    /// Runs and requires the given exit code.
    pub fn fails(&self, args: &[&str], code: i32) -> Output {
        let out = self.run(args);
        assert_eq!(
            out.code,
            Some(code),
            "claimtrack {args:?}: stdout:\n{}\nstderr:\n{}",
            out.stdout,
            out.stderr
        );
        out
    }
}

/// A CSV read back from the binary's output.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn csv(text: &str) -> Table {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                r.expect("a CSV record")
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        Table { header, rows }
    }

    /// The column's index; with duplicate names (an input column named like an appended one),
    /// the last one, which is the one claimtrack appended.
    pub fn index(&self, column: &str) -> usize {
        self.header
            .iter()
            .rposition(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column} in {:?}", self.header))
    }

    pub fn get<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        &row[self.index(column)]
    }

    pub fn column<'a>(&'a self, column: &str) -> impl Iterator<Item = &'a str> + 'a {
        let i = self.index(column);
        self.rows.iter().map(move |r| r[i].as_str())
    }
}

/// Runs claimtrack with `input` streamed to its stdin by another thread; returns its exit code,
/// stderr and peak resident memory in KB (from `wait4`, for this child alone).
#[cfg(unix)]
#[allow(clippy::zombie_processes)] // waited for by wait4, which std does not know of
pub fn run_streaming(
    wd: &Workdir,
    args: &[&str],
    input: impl FnOnce(&mut dyn std::io::Write) + Send + 'static,
) -> (i32, String, i64) {
    run_command_streaming(wd.command(args), input)
}

/// `run_streaming` for a command set up by the caller (with a limit of its own, say).
#[cfg(unix)]
#[allow(clippy::zombie_processes)] // waited for by wait4, which std does not know of
pub fn run_command_streaming(
    mut command: std::process::Command,
    input: impl FnOnce(&mut dyn std::io::Write) + Send + 'static,
) -> (i32, String, i64) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || input(&mut stdin));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which std has not waited for.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let _ = writer.join();
    (libc::WEXITSTATUS(status), stderr, usage.ru_maxrss)
}
