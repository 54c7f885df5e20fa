//! Nightly-batch reliability on the real binary: broken input is reported row by row, nothing
//! is lost, and output files are written whole or not at all. Expected lines and reasons are
//! the hand-written table in tests/fixtures/hostile/README.md.

mod common;

use common::{Table, Workdir, fixture};

/// The hostile fixture with its `@@BIG@@` placeholder replaced by a 1,000,000-byte claim.
fn hostile(wd: &Workdir) -> (String, String) {
    let raw = std::fs::read(fixture("hostile/hostile.csv")).unwrap();
    let big = "word ".repeat(200_000);
    let at = raw
        .windows(7)
        .position(|w| w == b"@@BIG@@")
        .expect("placeholder");
    let mut bytes = raw[..at].to_vec();
    bytes.extend_from_slice(big.as_bytes());
    bytes.extend_from_slice(&raw[at + 7..]);
    let path = wd.write("hostile.csv", bytes);
    (path.to_string_lossy().into_owned(), big)
}

const REJECTED: [(u64, &str); 8] = [
    (7, "expected 8 fields as in the header, found 3"),
    (8, "impossible date `2022-02-30`"),
    (9, "ambiguous date `30/01/2022`"),
    (10, "empty person"),
    (11, "empty claim"),
    (13, "expected 8 fields as in the header, found 9"),
    (16, "invalid source_type `rumour`"),
    (17, "expected 8 fields as in the header, found 3"),
];

#[test]
fn hostile_file_accepts_what_is_sound_and_reports_every_rejection_by_line() {
    let wd = Workdir::new();
    let (path, big) = hostile(&wd);
    let out = wd.ok(&["label", &path, "--format", "csv"]);

    let table = Table::csv(&out.stdout);
    assert_eq!(table.rows.len(), 5, "accepted rows");
    let claims: Vec<&str> = table.column("claim").collect();
    assert_eq!(claims[0], "The plan is good.");
    assert_eq!(claims[1], "Quoted, with a comma and \"quotes\".");
    assert_eq!(claims[2], "Line one\r\nline two\r\nline three");
    assert_eq!(claims[3], "Bad bytes \u{FFFD}\u{FFFD} here.");
    assert_eq!(claims[4], big, "the 1 MB claim passes through whole");
    // The header's byte-order mark is gone; its spaces are kept, as the file has them.
    assert_eq!(table.header[0], " date ");
    assert_eq!(
        table.get(&table.rows[0], "source_type"),
        "subject-on-record"
    );
    assert_eq!(table.get(&table.rows[1], "source_type"), "document");
    assert_eq!(table.get(&table.rows[2], "source_type"), "anonymous");

    for (line, reason) in REJECTED {
        let prefix = format!("{path}:{line}: ");
        let message = out.stderr.lines().find(|l| l.starts_with(&prefix));
        let message =
            message.unwrap_or_else(|| panic!("no message for line {line} in:\n{}", out.stderr));
        assert!(message.contains(reason), "line {line}: {message}");
    }
    assert!(
        out.stderr
            .contains(&format!("{path}:12: warning: bytes that are not UTF-8")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(&format!(
        "{path}:17: warning: the file does not end with a line break"
    )));
    assert!(
        out.stderr.contains("13 rows read, 5 accepted, 8 rejected"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("use one of subject-on-record, named-on-record"),
        "invalid labels name the allowed values: {}",
        out.stderr
    );
}

#[test]
fn rejects_file_holds_every_rejected_record_with_its_fields() {
    let wd = Workdir::new();
    let (path, _) = hostile(&wd);
    wd.ok(&[
        "report",
        &path,
        "--rejects",
        "rejects.csv",
        "-o",
        "report.csv",
    ]);
    let rejects = Table::csv(&wd.read("rejects.csv"));
    assert_eq!(rejects.header[..4], ["file", "line", "reason", " date "]);
    let lines: Vec<u64> = rejects.column("line").map(|l| l.parse().unwrap()).collect();
    assert_eq!(lines, REJECTED.map(|(line, _)| line));
    for (row, (_, reason)) in rejects.rows.iter().zip(REJECTED) {
        assert_eq!(row[0], path);
        assert!(row[2].contains(reason), "{row:?}");
    }
    // Original fields follow, as read: ragged rows keep their own number of fields.
    assert_eq!(
        rejects.rows[0][3..],
        ["2022-01-08", "Ann Lee", "Too few fields"]
    );
    assert_eq!(rejects.rows[5].len(), 3 + 9);
    assert_eq!(rejects.rows[6][3 + 7], "rumour");
    // Nothing is lost: accepted (in the report) plus rejected equals rows read (line 15, only
    // delimiters, is a blank line).
    let report = Table::csv(&wd.read("report.csv"));
    let accepted: u64 = report
        .column("claims")
        .map(|c| c.parse::<u64>().unwrap())
        .sum();
    assert_eq!(accepted + rejects.rows.len() as u64, 13);
}

#[test]
fn strict_fails_with_exit_3_and_leaves_the_previous_report_intact() {
    let wd = Workdir::new();
    let (path, _) = hostile(&wd);
    wd.write("report.csv", "yesterday's report\n");
    let out = wd.fails(&["report", &path, "--strict", "-o", "report.csv"], 3);
    assert!(
        out.stderr.contains("8 row(s) rejected and --strict is set"),
        "{}",
        out.stderr
    );
    assert_eq!(wd.read("report.csv"), "yesterday's report\n");
    wd.assert_no_temporary_files();
    // Every rejection is still reported, not just the first.
    assert_eq!(
        out.stderr
            .lines()
            .filter(|l| l.starts_with(&path) && !l.contains("warning"))
            .count(),
        8
    );
    // On clean input --strict changes nothing.
    let clean = fixture("claims/report.csv");
    wd.ok(&["report", &clean, "--strict", "-o", "report.csv"]);
    assert!(wd.read("report.csv").starts_with("person,period,claims,"));

    // label streams, but not under --strict: a failed run writes no row to stdout either
    // (a cron line `> out.csv` must not get half a file).
    for command in ["label", "report", "topics", "outlets"] {
        let out = wd.fails(&[command, &path, "--strict", "--format", "csv"], 3);
        assert!(
            out.stdout.is_empty(),
            "{command}: {} bytes on stdout",
            out.stdout.len()
        );
    }
    // ... and on clean input it writes exactly what it writes without --strict.
    let plain = wd.ok(&["label", &clean, "--format", "csv"]);
    let strict = wd.ok(&["label", &clean, "--format", "csv", "--strict"]);
    assert!(plain.stdout.starts_with("date,person,claim,"));
    assert_eq!(strict.stdout, plain.stdout);
}

#[test]
fn a_failed_run_leaves_no_partial_output_file() {
    let wd = Workdir::new();
    wd.write("out.csv", "previous\n");
    // The second input is missing: the run fails before writing anything.
    let out = wd.fails(
        &[
            "label",
            &fixture("claims/report.csv"),
            "missing.csv",
            "-o",
            "out.csv",
        ],
        1,
    );
    assert!(
        out.stderr.contains("missing.csv: no such file"),
        "{}",
        out.stderr
    );
    assert_eq!(wd.read("out.csv"), "previous\n");
    wd.assert_no_temporary_files();
    // An output folder that does not exist is one clear error.
    let out = wd.fails(
        &[
            "report",
            &fixture("claims/report.csv"),
            "-o",
            "nowhere/report.csv",
        ],
        1,
    );
    assert!(out.stderr.contains("nowhere/report.csv"), "{}", out.stderr);
}

#[test]
fn file_level_problems_are_one_clear_error_each() {
    let wd = Workdir::new();
    let empty = wd.write("empty.csv", "");
    let out = wd.fails(&["report", empty.to_str().unwrap()], 1);
    assert!(
        out.stderr.contains("empty.csv: empty file"),
        "{}",
        out.stderr
    );
    let bom_only = wd.write("bom.csv", "\u{feff}");
    let out = wd.fails(&["report", bom_only.to_str().unwrap()], 1);
    assert!(out.stderr.contains("empty file"), "{}", out.stderr);
    std::fs::create_dir(wd.path("folder.csv")).unwrap();
    let out = wd.fails(&["report", "folder.csv"], 1);
    assert!(out.stderr.contains("folder.csv"), "{}", out.stderr);
    let out = wd.fails(&["report", "nope.csv"], 1);
    assert_eq!(
        out.stderr.trim(),
        "claimtrack: nope.csv: no such file; check the path"
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn a_header_only_file_is_valid_and_yields_empty_output() {
    let wd = Workdir::new();
    let path = wd.write("header.csv", "date,person,claim,notes\r\n");
    let path = path.to_str().unwrap();
    let label = wd.ok(&["label", path, "--format", "csv"]);
    assert_eq!(
        label.stdout,
        "date,person,claim,notes,source_type,standing,source_cue,stance,tone,tone_pos,tone_neu,tone_neg,tone_label\n"
    );
    let report = wd.ok(&["report", path, "--format", "csv"]);
    assert_eq!(report.stdout.lines().count(), 1);
    assert!(report.stdout.starts_with("person,period,claims,"));
    assert_eq!(wd.ok(&["topics", path, "--format", "json"]).stdout, "[]\n");
    assert_eq!(wd.ok(&["outlets", path, "--format", "jsonl"]).stdout, "");
    assert!(
        label.stderr.contains("0 rows read, 0 accepted, 0 rejected"),
        "{}",
        label.stderr
    );
}

#[test]
fn crlf_and_lf_files_give_the_same_output() {
    let wd = Workdir::new();
    let lf = std::fs::read_to_string(fixture("claims/report.csv")).unwrap();
    let crlf = wd.write("crlf.csv", lf.replace('\n', "\r\n"));
    let a = wd
        .ok(&["report", &fixture("claims/report.csv"), "--format", "csv"])
        .stdout;
    let b = wd
        .ok(&["report", crlf.to_str().unwrap(), "--format", "csv"])
        .stdout;
    assert_eq!(a, b);
}

#[test]
fn messages_never_reach_stdout() {
    let wd = Workdir::new();
    let (path, _) = hostile(&wd);
    for sub in ["label", "report", "topics", "outlets"] {
        let out = wd.ok(&[sub, &path, "--format", "csv"]);
        assert!(
            !out.stdout.contains("rejected") && !out.stdout.contains("warning"),
            "{sub}"
        );
        assert!(out.stderr.contains("8 rejected"), "{sub}: {}", out.stderr);
    }
}

#[cfg(unix)]
#[test]
fn output_through_a_link_keeps_the_link_and_a_pipe_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    wd.write("real.csv", "yesterday\n");
    std::os::unix::fs::symlink(wd.path("real.csv"), wd.path("link.csv")).unwrap();
    wd.ok(&["report", &input, "-o", "link.csv"]);
    let link = std::fs::symlink_metadata(wd.path("link.csv")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert!(wd.read("real.csv").starts_with("person,period,claims,"));
    wd.assert_no_temporary_files();

    // A named pipe (like /dev/null or /dev/stdout, not a regular file) is written in place,
    // never renamed over.
    let made = std::process::Command::new("mkfifo")
        .arg(wd.path("pipe"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable: named-pipe case skipped");
        return;
    }
    let pipe = wd.path("pipe");
    let reader = std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap());
    wd.ok(&["report", &input, "-o", "pipe", "--format", "csv"]);
    assert!(reader.join().unwrap().starts_with("person,period,claims,"));
    let kind = std::fs::symlink_metadata(wd.path("pipe"))
        .unwrap()
        .file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by a file");
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_removes_its_unfinished_output() {
    use std::io::Write;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let wd = Workdir::new();
    wd.write("out.csv", "yesterday's report\n");
    for signal in ["TERM", "INT", "HUP"] {
        // Reading stdin that never ends: the run is mid-way, its temporary file open.
        let mut child = wd
            .command(&["label", "-", "-o", "out.csv", "--rejects", "rejects.csv"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(b"date,person,claim\n2022-01-01,Ann Lee,The plan is good.\n")
            .unwrap();
        let temporary = || {
            std::fs::read_dir(wd.path("."))
                .unwrap()
                .filter(|e| {
                    let name = e.as_ref().unwrap().file_name();
                    name.to_string_lossy().ends_with(".tmp")
                })
                .count()
        };
        let start = Instant::now();
        while temporary() < 2 && start.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(temporary(), 2, "output and rejects files not started");
        let killed = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        drop(stdin);
        let expected = match signal {
            "HUP" => 129,
            "INT" => 130,
            _ => 143,
        };
        assert_eq!(out.status.code(), Some(expected), "{signal}");
        assert_eq!(temporary(), 0, "{signal}: temporary files left");
        assert_eq!(wd.read("out.csv"), "yesterday's report\n");
        assert!(!wd.path("rejects.csv").exists());
    }
}
