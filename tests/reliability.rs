//! Nightly-batch reliability on the real binary: broken input is reported row by row, nothing
//! is lost, and output files are written whole or not at all. Expected lines and reasons are
//! the hand-written table in tests/fixtures/hostile/README.md.

mod common;

#[cfg(unix)]
use common::run_streaming;
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
    (
        17,
        "a quoted field opened on this line is never closed: it swallowed the 1 line to the end",
    ),
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
        out.stderr.contains("1 blank row (only delimiters) skipped"),
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
    // Rectangular: the header's fields and `raw`, on every row. A row of the wrong field count
    // leaves the fields empty and is kept whole in `raw`; others fill the fields.
    assert_eq!(rejects.header.len(), 3 + 8 + 1);
    assert_eq!(rejects.header.last().unwrap(), "raw");
    for row in &rejects.rows {
        assert_eq!(row.len(), 3 + 8 + 1, "{row:?}");
    }
    assert_eq!(rejects.rows[0][3..11], ["", "", "", "", "", "", "", ""]);
    assert_eq!(rejects.rows[0][11], "2022-01-08,Ann Lee,Too few fields");
    assert_eq!(rejects.rows[5][11].split(',').count(), 9);
    assert_eq!(rejects.rows[6][3 + 7], "rumour");
    assert_eq!(rejects.rows[6][11], "");
    // Nothing is lost: accepted (in the report) plus rejected equals rows read (line 15, only
    // delimiters, is a blank line).
    let report = Table::csv(&wd.read("report.csv"));
    let accepted: u64 = report
        .column("claims")
        .map(|c| c.parse::<u64>().unwrap())
        .sum();
    assert_eq!(accepted + rejects.rows.len() as u64, 13);
}

/// An input with columns named like the rejects file's own (`file`, `line`, `reason`, `raw`,
/// in any case): the input's keep their names, the rejects file's give way as a repeated input
/// name does (`reason_2`, or `reason_3` when the input has `reason_2` too), so no two columns
/// share a name.
#[test]
fn rejects_columns_named_like_the_inputs_are_made_unique() {
    let wd = Workdir::new();
    wd.write(
        "in.csv",
        "date,person,claim,file,Line,reason,reason_2,raw\n\
         2022-01-01,Ann Lee,Fine.,a.txt,1,r,r2,x\n\
         2022-13-45,Bob Ray,Bad date.,b.txt,7,why,why2,rawtext\n\
         2022-01-03,Cy Doe,Too few\n",
    );
    let out = wd.ok(&["label", "in.csv", "--rejects", "rej.csv", "--format", "csv"]);
    let rejects = Table::csv(&wd.read("rej.csv"));
    assert_eq!(
        rejects.header,
        [
            "file_2", "line_2", "reason_3", "date", "person", "claim", "file", "Line", "reason",
            "reason_2", "raw", "raw_2"
        ]
    );
    assert_eq!(rejects.rows.len(), 2);
    let bad_date = &rejects.rows[0];
    assert_eq!(bad_date[..2], ["in.csv", "3"]);
    assert!(bad_date[2].contains("2022-13-45"), "{bad_date:?}");
    assert_eq!(
        bad_date[3..],
        [
            "2022-13-45",
            "Bob Ray",
            "Bad date.",
            "b.txt",
            "7",
            "why",
            "why2",
            "rawtext",
            ""
        ]
    );
    let few = &rejects.rows[1];
    assert_eq!(few[..2], ["in.csv", "4"]);
    assert_eq!(few[11], "2022-01-03,Cy Doe,Too few");
    for (given, name) in [
        ("file", "file_2"),
        ("line", "line_2"),
        ("reason", "reason_3"),
        ("raw", "raw_2"),
    ] {
        assert!(
            out.stderr.contains(&format!(
                "the rejects file's column `{given}` is written as `{name}`"
            )),
            "{}",
            out.stderr
        );
    }
    // The main output keeps the input's columns as they are.
    let table = Table::csv(&out.stdout);
    assert_eq!(
        table.header[3..8],
        ["file", "Line", "reason", "reason_2", "raw"]
    );
}

#[test]
fn strict_fails_with_exit_3_and_leaves_the_previous_report_intact() {
    let wd = Workdir::new();
    let (path, _) = hostile(&wd);
    wd.write("report.csv", "yesterday's report\n");
    let out = wd.fails(&["report", &path, "--strict", "-o", "report.csv"], 3);
    assert!(
        out.stderr.contains("8 rows rejected and --strict is set"),
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

const SMALL: &str = "date,person,claim\n2022-01-01,Ann Lee,The plan is good.\n";

#[test]
fn an_output_never_replaces_an_input() {
    let wd = Workdir::new();
    wd.write("a.csv", SMALL);
    wd.write("b.csv", SMALL);
    let refused = |args: &[&str], what: &str| {
        let out = wd.fails(args, 2);
        assert!(out.stderr.contains(what), "{args:?}: {}", out.stderr);
        assert_eq!(wd.read("a.csv"), SMALL, "{args:?} changed the input");
        assert_eq!(out.stdout, "");
    };
    refused(&["report", "a.csv", "-o", "a.csv"], "the same file");
    refused(
        &["report", "b.csv", "a.csv", "--rejects", "./a.csv"],
        "the same file",
    );
    refused(&["cues", "--cues", "a.csv", "-o", "a.csv"], "the same file");
    // The people file is read too: neither output may replace it, for any command.
    wd.write("people.txt", "Ann Lee\n");
    let people_refused = |args: &[&str]| {
        let out = wd.fails(args, 2);
        assert!(
            out.stderr.contains("--people people.txt"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(
            wd.read("people.txt"),
            "Ann Lee\n",
            "{args:?} changed the people file"
        );
    };
    people_refused(&[
        "report",
        "a.csv",
        "--people",
        "people.txt",
        "-o",
        "people.txt",
    ]);
    people_refused(&[
        "label",
        "a.csv",
        "--people",
        "people.txt",
        "--rejects",
        "people.txt",
    ]);
    std::fs::hard_link(wd.path("people.txt"), wd.path("people.html")).unwrap();
    people_refused(&[
        "brief",
        "a.csv",
        "--people",
        "people.txt",
        "-o",
        "people.html",
    ]);
    // The same file by another path: through a folder, a symlink, a hard link.
    std::fs::create_dir(wd.path("sub")).unwrap();
    refused(&["label", "a.csv", "-o", "sub/../a.csv"], "the same file");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(wd.path("a.csv"), wd.path("link.csv")).unwrap();
        refused(&["label", "a.csv", "-o", "link.csv"], "the same file");
        std::fs::hard_link(wd.path("a.csv"), wd.path("hard.csv")).unwrap();
        refused(
            &["label", "hard.csv", "--rejects", "a.csv"],
            "the same file",
        );
    }
    // -o and --rejects onto one file: one would replace the other.
    let out = wd.fails(
        &["report", "a.csv", "-o", "same.csv", "--rejects", "same.csv"],
        2,
    );
    assert!(out.stderr.contains("are the same file"), "{}", out.stderr);
    assert!(!wd.path("same.csv").exists());
    // Distinct files are fine.
    wd.ok(&["report", "a.csv", "-o", "r.csv", "--rejects", "x.csv"]);
    // The rejects file is CSV: a name saying another format is refused, not filled with CSV.
    for name in ["rejects.xlsx", "rejects.json", "rejects.tsv"] {
        let out = wd.fails(&["report", "a.csv", "--rejects", name], 2);
        assert!(
            out.stderr.contains("the rejects file is CSV"),
            "{name}: {}",
            out.stderr
        );
        assert!(!wd.path(name).exists());
    }
    wd.ok(&["report", "a.csv", "--rejects", "rejects", "-q"]);
}

#[cfg(unix)]
#[test]
fn stdout_appended_to_an_input_is_refused() {
    let wd = Workdir::new();
    let input = wd.write("f.csv", SMALL);
    let append = std::fs::OpenOptions::new()
        .append(true)
        .open(&input)
        .unwrap();
    let out = wd
        .command(&["label", "f.csv"])
        .stdin(std::process::Stdio::null())
        .stdout(append)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("read its own output"), "{stderr}");
    assert_eq!(wd.read("f.csv"), SMALL);
    // The same through stdin: `claimtrack label - < f.csv >> f.csv`.
    let out = wd
        .command(&["label", "-"])
        .stdin(std::fs::File::open(&input).unwrap())
        .stdout(
            std::fs::OpenOptions::new()
                .append(true)
                .open(&input)
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(wd.read("f.csv"), SMALL);
}

/// `claimtrack label f.csv 2>> f.csv`: the messages would be rows of the input, read back
/// and warned about again. Refused (exit 2) before anything is read, the input only grown by
/// the one refusal message (stderr is the input: there is nowhere else for it), for any
/// command and through stdin; stderr onto another file is fine.
#[cfg(unix)]
#[test]
fn stderr_appended_to_an_input_is_refused() {
    let wd = Workdir::new();
    // A bad row, so that a run that reads the file warns about it on stderr.
    let text = format!("{SMALL}not a date,Ann Lee,Warned about.\n");
    let input = wd.write("f.csv", &text);
    let append = || {
        std::fs::OpenOptions::new()
            .append(true)
            .open(&input)
            .unwrap()
    };
    let cases: [(&[&str], bool); 4] = [
        (&["label", "f.csv"], false),
        (&["report", "f.csv", "-o", "r.csv"], false),
        (&["label", "-"], true),
        (&["extract", "--input-format", "csv", "f.csv"], false),
    ];
    for (args, through_stdin) in cases {
        std::fs::write(&input, &text).unwrap();
        let stdin = if through_stdin {
            std::process::Stdio::from(std::fs::File::open(&input).unwrap())
        } else {
            std::process::Stdio::null()
        };
        // Files the run writes are capped at 1 MB (`ulimit -f`, in 512- or 1024-byte blocks):
        // a run caught in the loop is killed (SIGXFSZ) and fails the test, and the disk stays.
        let out = std::process::Command::new("sh")
            .args(["-c", "ulimit -f 2048 && exec \"$0\" \"$@\"", common::BIN])
            .args(args)
            .current_dir(wd.path(""))
            .stdin(stdin)
            .stdout(std::process::Stdio::piped())
            .stderr(append())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {:?}", out.status);
        assert!(out.stdout.is_empty(), "{args:?}");
        let now = wd.read("f.csv");
        let added = now
            .strip_prefix(&text)
            .unwrap_or_else(|| panic!("{args:?}: {now}"));
        assert_eq!(added.lines().count(), 1, "{args:?}: {added}");
        assert!(
            added.contains(if through_stdin {
                "stderr is redirected to the input <stdin>"
            } else {
                "stderr is redirected to the input f.csv"
            }),
            "{args:?}: {added}"
        );
        assert!(!wd.path("r.csv").exists());
    }
    // Stderr onto another file: the run goes on and its warning lands there.
    std::fs::write(&input, &text).unwrap();
    let log = std::fs::File::create(wd.path("log.txt")).unwrap();
    let out = wd
        .command(&["label", "f.csv"])
        .stdin(std::process::Stdio::null())
        .stderr(log)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(wd.read("f.csv"), text);
    assert!(
        wd.read("log.txt").contains("f.csv:"),
        "{}",
        wd.read("log.txt")
    );
}

#[test]
fn a_record_over_the_size_limit_is_rejected_with_its_line_and_size() {
    let wd = Workdir::new();
    let mut bytes = b"date,person,claim\n2022-01-01,Ann Lee,Fine.\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 3 << 20));
    bytes.extend_from_slice(b"\n2022-01-02,Bob Ray,\"Quoted\n");
    // A quoted record of 2 MB over many lines, then a sound row: each line counted.
    bytes.extend("a line\n".repeat(300_000).as_bytes());
    bytes.extend_from_slice(b"end\"\n2022-01-03,Cy Dee,Last.\n");
    wd.write("long.csv", &bytes);
    let out = wd.ok(&[
        "label",
        "long.csv",
        "--max-record-size",
        "1M",
        "--format",
        "csv",
        "--rejects",
        "rejects.csv",
    ]);
    let table = Table::csv(&out.stdout);
    let claims: Vec<&str> = table.column("claim").collect();
    assert_eq!(claims, ["Fine.", "Last."]);
    assert!(
        out.stderr.contains(&format!(
            "long.csv:3: record of {} bytes, over --max-record-size (1048576 bytes)",
            (3 << 20) + 1
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("long.csv:4: record of 2100032 bytes"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("4 rows read, 2 accepted, 2 rejected"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("300,006 lines"), "{}", out.stderr);
    let rejects = Table::csv(&wd.read("rejects.csv"));
    let lines: Vec<&str> = rejects.column("line").collect();
    assert_eq!(lines, ["3", "4"]);

    // A header over the limit is a clean file error; /dev/zero never ends, and reading it
    // never grows.
    let out = wd.fails(&["report", "long.csv", "--max-record-size", "10"], 1);
    assert!(
        out.stderr
            .contains("long.csv: the header row is longer than --max-record-size (10 bytes)"),
        "{}",
        out.stderr
    );
    #[cfg(unix)]
    {
        // Its first bytes already tell it is no text (issue 14's sniffing): a clean file
        // error before any record is framed.
        let out = wd.fails(&["label", "/dev/zero", "--max-record-size", "1M"], 1);
        assert!(
            out.stderr.contains("/dev/zero: this is not CSV text")
                && out.stderr.contains("binary file"),
            "{}",
            out.stderr
        );
    }
    let out = wd.fails(&["label", "long.csv", "--max-record-size", "lots"], 2);
    assert!(out.stderr.contains("--max-record-size"), "{}", out.stderr);
}

/// Runs claimtrack with `args` and `-o out.csv` in `wd` under `ulimit -v kb`; returns its
/// exit code and stderr.
#[cfg(target_os = "linux")]
fn under_ulimit(wd: &Workdir, kb: &str, args: &str) -> (Option<i32>, String) {
    let script = format!("ulimit -v {kb} && exec \"$0\" {args} -o out.csv");
    let out = std::process::Command::new("sh")
        .args(["-c", &script, common::BIN])
        .current_dir(wd.path(""))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), stderr)
}

/// A file with no line break, under an address-space limit a few times the record limit:
/// a clean file error, not an aborted allocation (the header's first line is looked for
/// before the csv reader buffers it).
#[cfg(target_os = "linux")]
#[test]
fn a_header_with_no_line_break_is_a_message_under_a_memory_limit() {
    use std::io::Write;
    let wd = Workdir::new();
    let mut file = std::fs::File::create(wd.path("nolb.csv")).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..80 {
        file.write_all(&chunk).unwrap();
    }
    drop(file);
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            "ulimit -v 400000 && exec \"$0\" report nolb.csv",
            common::BIN,
        ])
        .current_dir(wd.path(""))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("nolb.csv: the header row is longer than 4194304 bytes"),
        "{stderr}"
    );
}

/// A header is capped at 4 MiB whatever `--max-record-size` (lower, the record limit is its
/// limit): a 60 MB header with a line break, within the default 64M record limit, and a
/// 200 MB file with no line break under `--max-record-size 256M`, are clean file errors
/// under `ulimit -v 400000`. Before, both aborted (exit 134): a header was copied several
/// times over (621 MB peak for the 60 MB one). A header of 2,000,000 one-letter names, within
/// the 4 MiB, is over the 65,536 columns a header may name: a file error too, also as JSON
/// Lines keys. 65,533 repeats of one name are made unique with a few warnings, not one each.
#[cfg(target_os = "linux")]
#[test]
fn a_long_or_wide_header_is_a_file_error_under_a_memory_limit() {
    use std::io::Write;
    let wd = Workdir::new();
    let write = |name: &str, parts: &[&[u8]]| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(wd.path(name)).unwrap());
        for part in parts {
            file.write_all(part).unwrap();
        }
    };
    let run = |args: &str| under_ulimit(&wd, "400000", args);
    let long = vec![b'a'; 60_000_000];
    write(
        "long.csv",
        &[
            b"date,person,claim,",
            &long,
            b"\n2022-01-01,Ann Lee,Fine.\n",
        ],
    );
    let nolb = vec![b'a'; 200_000_000];
    write("nolb.csv", &[&nolb]);
    let wide = b",a".repeat(2_000_000);
    write(
        "wide.csv",
        &[b"date,person,claim", &wide, b"\n2022-01-01,Ann Lee,Fine.\n"],
    );
    for (args, message) in [
        (
            "report long.csv",
            "long.csv: the header row is longer than 4194304 bytes",
        ),
        (
            "label long.csv",
            "long.csv: the header row is longer than 4194304 bytes",
        ),
        (
            "report nolb.csv --max-record-size 256M",
            "nolb.csv: the header row is longer than 4194304 bytes",
        ),
        (
            "report long.csv --max-record-size 1M",
            "long.csv: the header row is longer than --max-record-size (1048576 bytes)",
        ),
        (
            "report wide.csv",
            "wide.csv: the header has 2000003 columns, more than the 65536",
        ),
        (
            "label wide.csv",
            "wide.csv: the header has 2000003 columns, more than the 65536",
        ),
    ] {
        let (code, stderr) = run(args);
        assert_eq!(code, Some(1), "{args}: {stderr}");
        assert!(stderr.contains(message), "{args}: {stderr}");
    }
    let mut keys =
        String::from("{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"Fine.\"");
    for k in 0..70_000 {
        keys.push_str(&format!(",\"k{k}\":1"));
    }
    keys.push_str("}\n");
    wd.write("wide.jsonl", &keys);
    let (code, stderr) = run("report wide.jsonl");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("wide.jsonl: the header has 70003 columns, more than the 65536"),
        "{stderr}"
    );
    // At the cap: read, with five warnings and one line for the rest.
    let repeats = 65_533;
    let mut text = String::from("date,person,claim");
    text.push_str(&",claim".repeat(repeats));
    text.push_str("\n2022-01-01,Ann Lee,Fine.");
    text.push_str(&",x".repeat(repeats));
    text.push('\n');
    wd.write("repeats.csv", &text);
    let (code, stderr) = run("label repeats.csv --format csv");
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr.matches("warning: column").count(), 5, "{stderr}");
    assert!(
        stderr.contains(
            "repeats.csv: warning: column 8 repeats `claim` (column 3): the first is the one \
             read; this one is written as `claim_6`"
        ) && stderr.contains(&format!(
            "repeats.csv: warning: ... and {} more renamed columns (repeated or empty names)",
            repeats - 5
        )),
        "{stderr}"
    );
    assert!(stderr.lines().count() < 20, "{stderr}");
    let header = wd.read("out.csv");
    let header = header.lines().next().unwrap();
    assert!(
        header.contains(&format!(",claim_{},", repeats + 1)),
        "{header}"
    );
}

/// A claim of 15 million one-letter words (30 MB: the reader finds room for it) needs more
/// memory for its tone tokens than `ulimit -v 400000` allows. The run ends with a message and exit 1,
/// its unfinished `-o` and `--rejects` files removed; before, Rust's allocator aborted it
/// (exit 134, a backtrace) and the temporary files stayed.
#[cfg(target_os = "linux")]
#[test]
fn running_out_of_memory_is_a_message_not_an_abort() {
    use std::io::Write;
    let wd = Workdir::new();
    let mut file = std::io::BufWriter::new(std::fs::File::create(wd.path("words.csv")).unwrap());
    file.write_all(b"date,person,claim\n2022-01-01,Ann Lee,")
        .unwrap();
    let words = b"a ".repeat(1 << 20);
    for _ in 0..15 {
        file.write_all(&words).unwrap();
    }
    file.write_all(b"\n").unwrap();
    drop(file);
    for args in ["label words.csv --rejects rejects.csv", "report words.csv"] {
        let (code, stderr) = under_ulimit(&wd, "400000", args);
        assert_eq!(code, Some(1), "{args}: {stderr}");
        assert!(
            stderr.contains("claimtrack: out of memory: the system refused "),
            "{args}: {stderr}"
        );
        assert!(!stderr.contains("backtrace"), "{args}: {stderr}");
        let left: Vec<String> = std::fs::read_dir(wd.path(""))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name != "words.csv")
            .collect();
        assert!(left.is_empty(), "{args}: files left: {left:?}");
    }
}

/// A record over the limit later in a file, and one under it, under address-space limits
/// from below the record limit's cost to above it: each such record is a rejection with its
/// line and size (or accepted, when it fits), the rest of the file is read, and the run ends
/// as with any rejected row (exit 0). Before, the csv reader's copy of the record grew past
/// what the machine could map and the run aborted (exit 134) under `ulimit -v` 250000 to 350000.
/// The record over the limit is rejected for the limit even when memory runs out first.
#[cfg(target_os = "linux")]
#[test]
fn a_long_record_later_in_a_file_is_a_rejection_under_a_memory_limit() {
    use std::io::Write;
    let wd = Workdir::new();
    let write = |name: &str, field_mb: usize| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(wd.path(name)).unwrap());
        file.write_all(b"date,person,claim\n").unwrap();
        for i in 0..3 {
            writeln!(file, "2022-01-01,Ann Lee,Said {i}.").unwrap();
        }
        file.write_all(b"2022-01-02,Bob Ray,\"").unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..field_mb {
            file.write_all(&chunk).unwrap();
        }
        file.write_all(b"\"\n").unwrap();
        for i in 0..3 {
            writeln!(file, "2022-01-03,Cy Doe,Said {i}.").unwrap();
        }
    };
    write("over.csv", 100);
    write("under.csv", 40);
    let over = format!("over.csv:5: record of {} bytes", (100 << 20) + 22);
    for kb in ["150000", "250000", "350000", "unlimited"] {
        for command in ["label", "report", "topics"] {
            for (file, rows) in [("over.csv", "6 accepted, 1 rejected"), ("under.csv", "")] {
                let (code, stderr) = under_ulimit(&wd, kb, &format!("{command} {file}"));
                let what = format!("{command} {file} under ulimit -v {kb}: {stderr}");
                assert_eq!(code, Some(0), "{what}");
                assert!(
                    stderr.contains(&format!("7 rows read, {rows}"))
                        && stderr.contains(&format!("({file}: 8 lines)")),
                    "{what}"
                );
                if file == "over.csv" {
                    // Over the limit whatever the memory: the limit is the reason given (it
                    // was "not enough memory to hold it" under 150000 to 350000).
                    assert!(
                        stderr
                            .contains(&format!("{over}, over --max-record-size (67108864 bytes)")),
                        "{what}"
                    );
                } else if stderr.contains("1 rejected") {
                    // Only when memory is short: a 40 MB record is within the 64M limit.
                    assert!(kb != "unlimited", "{what}");
                    assert!(
                        stderr.contains("under.csv:5: record of")
                            && stderr.contains("not enough memory to hold it"),
                        "{what}"
                    );
                } else {
                    assert!(stderr.contains("7 accepted"), "{what}");
                }
            }
        }
    }
}

/// A record's fields count toward `--max-record-size` too, 8 bytes each (their place in the
/// csv reader's bounds): a 40 MB record of 20,000,000 short fields, within the 64M limit by
/// its bytes, is rejected with its line, size and fields under `ulimit -v` 250000 and 400000,
/// where it aborted (exit 134), and the rows around it are read. A 6 MB quoted field of a
/// million commas (its delimiters counted too, 14 MB in all) is read. (A rejected record's
/// buffers are given back: kept in a batch, they made a later 6 MB record abort under
/// 250000 in about one run of fifteen; such a record's own processing is still unguarded.)
#[cfg(target_os = "linux")]
#[test]
fn a_record_of_millions_of_fields_is_weighed_by_its_fields() {
    use std::io::Write;
    let wd = Workdir::new();
    let mut file = std::io::BufWriter::new(std::fs::File::create(wd.path("fields.csv")).unwrap());
    file.write_all(b"date,person,claim\n2022-01-01,Ann Lee,Fine.\n2022-01-01,A,")
        .unwrap();
    file.write_all(&b"a,".repeat(20_000_000)).unwrap();
    file.write_all(b"\n2022-01-03,Cy Dee,Last.\n").unwrap();
    drop(file);
    for kb in ["250000", "400000", "unlimited"] {
        let (code, stderr) = under_ulimit(&wd, kb, "label fields.csv");
        let what = format!("under ulimit -v {kb}: {stderr}");
        assert_eq!(code, Some(0), "{what}");
        assert!(
            stderr.contains(&format!(
                "fields.csv:3: record of {} bytes in 20000003 fields, over --max-record-size \
                 (67108864 bytes) with 8 bytes counted for each field",
                "2022-01-01,A,".len() + 40_000_001
            )) && stderr.contains("3 rows read, 2 accepted, 1 rejected"),
            "{what}"
        );
    }
    let mut quoted = b"date,person,claim\n2022-01-02,Bob Ray,\"".to_vec();
    quoted.extend(b"word, ".repeat(1_000_000));
    quoted.extend(b"\"\n");
    wd.write("quoted.csv", &quoted);
    let out = wd.ok(&["report", "quoted.csv", "-o", "out.csv"]);
    assert!(
        out.stderr.contains("1 row read, 1 accepted"),
        "{}",
        out.stderr
    );
}

/// `extract` reads a CSV of articles through the same bounded record reader as the claim
/// commands: a 100 MB article field later in the file is skipped with its line and size under
/// `ulimit -v` from 150000 up (before, `extract` aborted with exit 134 under 250000), the
/// articles around it are read, and a header over `--max-record-size` is a file error. A
/// plain-text article is read only up to `--max-article-size`, and one the memory cannot hold
/// is skipped too (before: the run ended, exit 1).
#[cfg(target_os = "linux")]
#[test]
fn extract_skips_an_article_record_over_the_size_limit_under_a_memory_limit() {
    use std::io::Write;
    let wd = Workdir::new();
    let mut file = std::io::BufWriter::new(std::fs::File::create(wd.path("articles.csv")).unwrap());
    file.write_all(b"id,date,text\n").unwrap();
    file.write_all(b"a1,2022-01-01,\"Orla Venn said, \"\"It is fine.\"\"\"\n")
        .unwrap();
    let big_start = b"a2,2022-01-02,\"";
    file.write_all(big_start).unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..100 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(b"\"\n").unwrap();
    file.write_all(b"a3,2022-01-03,\"Bob Ray told Variety, \"\"Also fine.\"\"\"\n")
        .unwrap();
    drop(file);
    let size = big_start.len() + (100 << 20) + 2;
    let skipped = format!("article `articles.csv:3`: record of {size} bytes");
    let run = |kb: &str, args: &str| under_ulimit(&wd, kb, &format!("extract {args}"));
    for kb in ["150000", "250000", "350000", "unlimited"] {
        let (code, stderr) = run(kb, "articles.csv");
        let what = format!("under ulimit -v {kb}: {stderr}");
        assert_eq!(code, Some(0), "{what}");
        assert!(stderr.contains(&skipped), "{what}");
        if kb == "unlimited" {
            assert!(
                stderr.contains("over --max-record-size (67108864 bytes)"),
                "{what}"
            );
        }
        assert!(
            stderr.contains("2 articles read, 2 statements written, 1 article skipped"),
            "{what}"
        );
        let table = Table::csv(&wd.read("out.csv"));
        let claims: Vec<&str> = table.column("claim").collect();
        assert_eq!(claims, ["It is fine.", "Also fine."], "{what}");
    }
    // A smaller limit: the same article is over it and skipped; the header is a file error.
    let out = wd.ok(&["extract", "articles.csv", "--max-record-size", "1M"]);
    assert!(
        out.stderr.contains(&format!(
            "{skipped}, over --max-record-size (1048576 bytes)"
        )),
        "{}",
        out.stderr
    );
    let out = wd.fails(&["extract", "articles.csv", "--max-record-size", "10"], 1);
    assert!(
        out.stderr
            .contains("articles.csv: the header row is longer than --max-record-size (10 bytes)"),
        "{}",
        out.stderr
    );
    let out = wd.fails(&["extract", "articles.csv", "--max-record-size", "lots"], 2);
    assert!(out.stderr.contains("--max-record-size"), "{}", out.stderr);
    // A quote left open to the end of the file is diagnosed as for claims, not read as an
    // article made of the rest of the file.
    wd.write(
        "open.csv",
        "id,text\na1,\"Orla Venn said, \"\"Fine.\"\"\"\na2,\"Bob Ray said it\nwas fine.\n",
    );
    let out = wd.ok(&["extract", "open.csv", "--format", "csv"]);
    assert!(
        out.stderr.contains(
            "article `open.csv:3`: a quoted field opened on this line is never closed: it \
             swallowed the 2 lines"
        ),
        "{}",
        out.stderr
    );
    let table = Table::csv(&out.stdout);
    assert_eq!(table.column("article").collect::<Vec<_>>(), ["a1"]);

    // A plain-text article of 100 MB: past --max-article-size (8M) only its first 8 MB are
    // read; with the limit raised past it, under a memory limit, it is skipped, not the run.
    let mut file = std::fs::File::create(wd.path("long.txt")).unwrap();
    for _ in 0..100 {
        file.write_all(&chunk).unwrap();
    }
    drop(file);
    let (code, stderr) = run("150000", "long.txt");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("article `long.txt`: longer than --max-article-size (8388608 bytes)"),
        "{stderr}"
    );
    let (code, stderr) = run("150000", "--max-article-size 1G long.txt");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("article `long.txt`: not enough memory to hold it"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_stream_with_no_line_break_does_not_grow_memory() {
    let wd = Workdir::new();
    let stream = |mb: usize| {
        move |out: &mut dyn std::io::Write| {
            let _ = out.write_all(b"date,person,claim\n2022-01-01,Ann Lee,");
            let chunk = vec![b'x'; 1 << 20];
            for _ in 0..mb {
                if out.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
    };
    let (code, _, small) =
        run_streaming(&wd, &["label", "-", "--max-record-size", "1M"], stream(1));
    assert_eq!(code, 0);
    let (code, stderr, big) =
        run_streaming(&wd, &["label", "-", "--max-record-size", "1M"], stream(160));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("<stdin>:2: record of {} bytes", (160 << 20) + 19)),
        "{stderr}"
    );
    // 160 MB through one record: peak memory within 32 MB of a 1 MB record's.
    assert!(big < small + 32_000, "peak {big} KB against {small} KB");
    eprintln!("peak memory: {small} KB (1 MB record), {big} KB (160 MB record)");
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opened_with_the_lines_it_swallowed() {
    let wd = Workdir::new();
    let mut text = String::from("date,person,claim\n");
    for day in 1..=5 {
        text.push_str(&format!("2022-01-0{day},Ann Lee,Fine.\n"));
    }
    text.push_str("2022-01-07,Ann Lee,\"This quote is never closed.\n");
    for i in 8..=999 {
        // Long enough rows that with a 1K limit the record overflows the reader's read-ahead.
        text.push_str(&format!(
            "2022-02-01,Bob Ray,Row {i}: {}.\n",
            "and on ".repeat(12)
        ));
    }
    assert!(text.len() > 100_000);
    wd.write("open.csv", &text);
    for limit in ["64M", "1K"] {
        // Within the limit the csv reader swallows the rest; over it, the skip finds the same.
        let out = wd.ok(&[
            "report",
            "open.csv",
            "--max-record-size",
            limit,
            "--rejects",
            "rejects.csv",
        ]);
        // The swallowed record has the header's 3 fields, but its values are the rest of the
        // file: the columns stay empty and the record is kept whole in `raw` (not kept at all
        // over the limit).
        let rejects = Table::csv(&wd.read("rejects.csv"));
        assert_eq!(
            rejects.header,
            ["file", "line", "reason", "date", "person", "claim", "raw"]
        );
        assert_eq!(rejects.rows.len(), 1, "{limit}");
        let row = &rejects.rows[0];
        assert_eq!(row[1], "7");
        assert_eq!(row[3..6], ["", "", ""], "{limit}");
        if limit == "64M" {
            assert!(
                row[6].starts_with("2022-01-07,Ann Lee,\"This quote is never closed.\n"),
                "{row:?}"
            );
            assert!(row[6].contains("Row 999: and on"), "{limit}");
        } else {
            assert_eq!(row[6], "", "{limit}");
        }
        assert!(
            out.stderr.contains(
                "open.csv:7: a quoted field opened on this line is never closed: it swallowed \
                 the 993 lines to the end of the file"
            ),
            "{limit}: {}",
            out.stderr
        );
        assert!(
            out.stderr
                .contains("6 rows read, 5 accepted, 1 rejected (open.csv: 999 lines)"),
            "{limit}: {}",
            out.stderr
        );
    }
    // A record whose first field spans two lines: the quote that stays open is on line 3.
    wd.write(
        "late.csv",
        "date,person,claim\n2022-01-01,\"Ann\nLee\",\"open\nand open\n",
    );
    let out = wd.ok(&["label", "late.csv"]);
    assert!(
        out.stderr.contains("late.csv:3: a quoted field opened on this line is never closed: it swallowed the 2 lines"),
        "{}",
        out.stderr
    );
}

#[test]
fn repeated_and_empty_header_names_are_made_unique() {
    let wd = Workdir::new();
    wd.write(
        "dup.csv",
        "date,person,claim,,Claim,claim_2\n2022-01-01,Ann Lee,The first.,x,The second.,y\n",
    );
    let out = wd.ok(&["label", "dup.csv", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let row = rows[0].as_object().unwrap();
    let keys: Vec<&str> = row.keys().map(String::as_str).take(6).collect();
    // serde_json's map is sorted by key; what matters is that all six are there.
    for key in ["date", "person", "claim", "column_4", "Claim_3", "claim_2"] {
        assert!(row.contains_key(key), "{key} missing from {keys:?}");
    }
    // The first `claim` is the one read, and kept under its own name.
    assert_eq!(row["claim"], "The first.");
    assert_eq!(row["Claim_3"], "The second.");
    assert_eq!(row["claim_2"], "y");
    assert!(
        out.stderr
            .contains("dup.csv: warning: column 5 repeats `Claim` (column 3): the first is the one read; this one is written as `Claim_3`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("dup.csv: warning: column 4 has no name: written as `column_4`"),
        "{}",
        out.stderr
    );
    let csv = wd.ok(&["label", "dup.csv", "--format", "csv"]);
    assert!(
        csv.stdout
            .starts_with("date,person,claim,column_4,Claim_3,claim_2,source_type,"),
        "{}",
        csv.stdout
    );
}

/// Thousands of repeated header names are made unique in linear time: when each candidate
/// rescanned every name, 4,000 copies of one name took over a minute (5,000: minutes).
#[test]
fn a_header_of_thousands_of_repeated_names_is_made_unique_quickly() {
    let wd = Workdir::new();
    let repeats = 5_000;
    let mut text = String::from("date,person,claim");
    text.push_str(&",x".repeat(repeats));
    text.push_str("\n2022-01-01,Ann Lee,A claim.");
    text.push_str(&",v".repeat(repeats));
    text.push('\n');
    wd.write("wide.csv", &text);
    let start = std::time::Instant::now();
    let out = wd.ok(&["label", "wide.csv", "--format", "csv", "-q"]);
    // A generous bound: the linear pass takes well under a second.
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    let header = out.stdout.lines().next().unwrap();
    let names: Vec<&str> = header.split(',').collect();
    let distinct: std::collections::HashSet<&str> = names.iter().copied().collect();
    assert_eq!(distinct.len(), names.len(), "duplicate output names");
    assert!(names.contains(&"x_2") && names.contains(&format!("x_{repeats}").as_str()));
}

/// The names a `--person` warning offers as the closest are the input's: escaped and cut
/// like any field (a newline in one forged a summary line, ESC reached the terminal, a
/// 5,000-character name was printed whole).
#[test]
fn the_closest_names_of_a_person_warning_are_escaped_and_cut() {
    let wd = Workdir::new();
    let forged = "2026-12-04T02:15:00Z claimtrack report: 0 rows read, 0 accepted, 0 rejected";
    let long = format!("Kimberly {}", "x".repeat(5_000));
    wd.write(
        "p.csv",
        format!(
            "date,person,claim\n2022-01-01,\"Kimberly\n{forged}\",A\n\
             2022-01-01,\"Kimberly \x1b[31mRED\x1b[0m Cat\",B\n2022-01-01,{long},C\n"
        ),
    );
    for command in ["report", "label", "topics"] {
        let out = wd.ok(&[command, "p.csv", "--person", "kimberl", "--format", "csv"]);
        let stderr = &out.stderr;
        let warning = stderr
            .lines()
            .find(|l| l.contains("matches no one"))
            .unwrap_or_else(|| panic!("{command}: no warning in {stderr}"));
        assert!(warning.contains("closest names: "), "{warning}");
        assert!(!stderr.contains('\x1b'), "{command}: {stderr:?}");
        assert!(
            !stderr
                .lines()
                .any(|l| l.starts_with("2026-12-04T02:15:00Z")),
            "{stderr}"
        );
        assert!(warning.len() < 1_000, "{command}: {} bytes", warning.len());
    }
}

#[test]
fn messages_escape_and_cut_what_the_input_holds() {
    let wd = Workdir::new();
    let forged = "claimtrack: 1000 rows read, 1000 accepted, 0 rejected (all.csv)";
    let mut text = format!("date,person,claim,outlet\n\"2022-01-01\n{forged}\",Ann Lee,A,X\n");
    text.push_str("\"\x1b[2J\x1b[31mred\",Ann Lee,B,X\n");
    text.push_str(&format!("{},Ann Lee,C,X\n", "9".repeat(10_000_000)));
    text.push_str("2022-01-01,Ann Lee,D,X,\u{202e}extra\n");
    text.push_str("2022-01-01,Ann Lee,E,\"Bad\nOutlet\x1b]0;title\x07\"\n");
    wd.write("evil.csv", &text);
    let out = wd.ok(&["report", "evil.csv"]);
    let stderr = &out.stderr;
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\x07'),
        "{stderr:?}"
    );
    assert!(!stderr.contains('\u{202e}'), "{stderr:?}");
    // The forged summary stays inside its message's line, escaped.
    let summaries: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("evil.csv:") && l.contains("rows read"))
        .collect();
    assert_eq!(summaries.len(), 1, "{stderr}");
    assert!(
        stderr.contains("evil.csv:2: unrecognised date `2022-01-01\\nclaimtrack: 1000 rows"),
        "{stderr}"
    );
    assert!(
        stderr.contains("evil.csv:4: unrecognised date `\\x1b[2J\\x1b[31mred`"),
        "{stderr}"
    );
    // A 10 MB date is cut, with its size.
    let long = stderr
        .lines()
        .find(|l| l.starts_with("evil.csv:5:"))
        .unwrap();
    assert!(long.len() < 300, "{} bytes", long.len());
    assert!(long.contains("… (10000000 bytes)"), "{long}");
    assert!(stderr.len() < 4000, "{} bytes of messages", stderr.len());
}

#[cfg(unix)]
#[test]
fn new_outputs_follow_the_umask_and_links_are_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let wd = Workdir::new();
    wd.write("in.csv", SMALL);
    let bad = wd.write("bad.csv", "date,person,claim\nnot a date,Ann Lee,X\n");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 027 && exec \"$0\" \"$@\"")
        .arg(common::BIN)
        .args(["report", "in.csv"])
        .arg(&bad)
        .args(["-o", "new.csv", "--rejects", "rejects.csv"])
        .current_dir(wd.path("."))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    for name in ["new.csv", "rejects.csv"] {
        let mode = std::fs::metadata(wd.path(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o640, "{name}: {mode:o}");
    }
    // A dangling link names the file to create: it is created, and the link kept.
    std::fs::create_dir(wd.path("reports")).unwrap();
    std::os::unix::fs::symlink("reports/latest.csv", wd.path("link.csv")).unwrap();
    wd.ok(&["report", "in.csv", "-o", "link.csv"]);
    let link = std::fs::symlink_metadata(wd.path("link.csv")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert!(
        wd.read("reports/latest.csv")
            .starts_with("person,period,claims,")
    );
    // A loop of links reaches no file: a clear error, and both links stay as they were.
    std::os::unix::fs::symlink("loop2", wd.path("loop1")).unwrap();
    std::os::unix::fs::symlink("loop1", wd.path("loop2")).unwrap();
    let out = wd.fails(&["report", "in.csv", "-o", "loop1"], 1);
    assert!(
        out.stderr.contains("loop of symbolic links"),
        "{}",
        out.stderr
    );
    for name in ["loop1", "loop2"] {
        let meta = std::fs::symlink_metadata(wd.path(name)).unwrap();
        assert!(meta.file_type().is_symlink(), "{name} was replaced");
    }
}

#[cfg(unix)]
#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next_run() {
    use std::process::Stdio;
    let wd = Workdir::new();
    wd.write("in.csv", SMALL);
    let mut child = wd
        .command(&["label", "-", "-o", "out.csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut stdin, SMALL.as_bytes()).unwrap();
    let temporary = || -> Vec<String> {
        std::fs::read_dir(wd.path("."))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    };
    let start = std::time::Instant::now();
    while temporary().is_empty() && start.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let left = temporary();
    assert_eq!(left.len(), 1);
    assert!(
        left[0].starts_with(&format!(".claimtrack-{}-", child.id())),
        "{left:?}"
    );
    child.kill().unwrap(); // SIGKILL: no clean-up can run
    child.wait().unwrap();
    drop(stdin);
    assert_eq!(temporary(), left, "SIGKILL leaves the file");
    // Files that are not a dead run's stay: a live process's (ours), an old-style name, others.
    let ours = format!(".claimtrack-{}-keepme.tmp", std::process::id());
    for name in [ours.as_str(), ".claimtrack-abcdef.tmp", "notes.tmp"] {
        wd.write(name, "x");
    }
    let out = wd.ok(&["report", "in.csv", "-o", "report.csv"]);
    assert!(
        out.stderr.contains("removed 1 temporary file left in"),
        "{}",
        out.stderr
    );
    let mut remaining = temporary();
    remaining.sort();
    assert_eq!(
        remaining,
        [ours.as_str(), ".claimtrack-abcdef.tmp", "notes.tmp"]
    );
}

#[test]
fn names_differing_only_by_invisible_characters_or_normalisation_are_one_person() {
    let wd = Workdir::new();
    let spellings = [
        "Zoe\u{308} Adams",                  // NFD
        "Zoë Adams",                         // NFC
        "Zoë\u{200b} Adams",                 // a zero-width space
        "\u{feff}\u{202a}Zoë Adams\u{202c}", // a BOM and a bidi embedding
        "Zo\u{200d}ë Ad\u{ad}ams",           // a zero-width joiner and a soft hyphen
    ];
    let mut text = String::from("date,person,claim,speaker\n");
    for (i, name) in spellings.iter().enumerate() {
        text.push_str(&format!("2022-01-0{},{name},Claim {i}.,\n", i + 1));
    }
    text.push_str("2022-01-09,\u{200b}\u{2060},Nobody.,\n");
    text.push_str("2022-01-09,Zoë Adams,\"I am fine,\" she said.,Zoe\u{308} Adams\n");
    wd.write("names.csv", &text);
    let out = wd.ok(&["report", "names.csv", "--format", "csv"]);
    let report = Table::csv(&out.stdout);
    assert_eq!(report.rows.len(), 1, "{}", out.stdout);
    assert_eq!(report.get(&report.rows[0], "claims"), "6");
    assert!(
        out.stderr.contains("names.csv:7: empty person"),
        "{}",
        out.stderr
    );
    // The filter finds every spelling; the NFD speaker is the person herself.
    let label = wd.ok(&[
        "label",
        "names.csv",
        "--person",
        "ZOË ADAMS",
        "--format",
        "csv",
    ]);
    let table = Table::csv(&label.stdout);
    assert_eq!(table.rows.len(), 6);
    assert_eq!(
        table.get(&table.rows[5], "source_type"),
        "subject-on-record"
    );
}

/// JSON Lines on stdin is spooled for its second pass; a line that passes --max-record-size
/// stops the read as soon as it does, so an endless line is neither read on nor spooled (it
/// was: an 8 GB line wrote 7.5 GB to /tmp over 37 s before the run failed).
#[cfg(unix)]
#[test]
fn a_json_lines_line_over_the_limit_on_stdin_stops_the_read_at_once() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let wd = Workdir::new();
    let written = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&written);
    // Up to 4 GB of one line, stopped when the run stops reading.
    let endless = move |out: &mut dyn std::io::Write| {
        if out.write_all(b"{\"date\":\"").is_err() {
            return;
        }
        let chunk = vec![b'a'; 1 << 16];
        for _ in 0..(1u64 << 16) {
            if out.write_all(&chunk).is_err() {
                return;
            }
            counter.fetch_add(chunk.len() as u64, Ordering::Relaxed);
        }
    };
    let (code, stderr, _) =
        run_streaming(&wd, &["report", "-", "--max-record-size", "1M"], endless);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("<stdin>:1: line longer than --max-record-size (1048576 bytes)"),
        "{stderr}"
    );
    let written = written.load(Ordering::Relaxed);
    assert!(written < 16 << 20, "{written} bytes were taken from stdin");
}

/// Blank lines are not spooled, and the lines after them keep their numbers: 3 million blank
/// lines on stdin, under a file size limit of 256 KB (which the spool would pass if they were
/// copied: the kernel then stops the process with SIGXFSZ).
#[cfg(unix)]
#[test]
fn blank_json_lines_on_stdin_are_not_spooled_and_lines_keep_their_numbers() {
    use std::os::unix::process::CommandExt;
    let wd = Workdir::new();
    let mut command = wd.command(&["report", "-", "-o", "report.csv", "--format", "csv"]);
    // SAFETY: setrlimit is async-signal-safe, and only changes the child's own limit.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 256 << 10,
                rlim_max: 256 << 10,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let input = |out: &mut dyn std::io::Write| {
        let mut text =
            String::from("{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"One.\"}\n");
        // Lines 2 to 3,000,002 blank, line 3,000,003 of spaces.
        text.push_str(&"\n".repeat(3_000_001));
        text.push_str("   \r\n");
        text.push_str("{\"date\":\"2022-01-02\",\"person\":\"\",\"claim\":\"Two.\"}\n");
        text.push_str("{\"date\":\"2022-01-03\",\"person\":\"Ann Lee\",\"claim\":\"Three.\"}\n");
        let _ = out.write_all(text.as_bytes());
    };
    let (code, stderr, _) = common::run_command_streaming(command, input);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("<stdin>:3000004: empty person"), "{stderr}");
    assert!(
        stderr.contains("3 rows read, 2 accepted, 1 rejected")
            && stderr.contains("(<stdin>: 3,000,005 lines)"),
        "{stderr}"
    );
    let report = Table::csv(&wd.read("report.csv"));
    assert_eq!(report.get(&report.rows[0], "claims"), "2");
}

/// Default-ignorable characters that are not format characters (the Hangul fillers, the
/// combining grapheme joiner, variation selectors) are invisible too: `Zoë\u{3164} Adams` is
/// Zoë Adams, `Café\u{3164} Mag` is Café Mag, and a person of nothing else is empty.
#[test]
fn hangul_fillers_grapheme_joiners_and_variation_selectors_are_invisible_in_names() {
    let wd = Workdir::new();
    let rows = [
        ("Zoë Adams", "Café Mag"),
        ("Zoë\u{3164} Adams", "Café\u{3164} Mag"),
        ("Zo\u{34f}ë\u{ffa0} Adams", "Café\u{fe0f} Mag"),
        ("\u{115f}Zoë Adams\u{1160}", "Caf\u{180b}é Mag\u{e0100}"),
        ("\u{3164}", "Café Mag"),
        ("\u{34f} \u{115f}\u{1160}\u{ffa0}", "Café Mag"),
    ];
    let mut text = String::from("date,person,claim,speaker,outlet\n");
    for (i, (person, outlet)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "2022-01-0{},{person},Claim {i}.,,{outlet}\n",
            i + 1
        ));
    }
    wd.write("fillers.csv", &text);
    let out = wd.ok(&["report", "fillers.csv", "--format", "csv"]);
    let report = Table::csv(&out.stdout);
    assert_eq!(report.rows.len(), 1, "{}", out.stdout);
    assert_eq!(report.get(&report.rows[0], "person"), "Zoë Adams");
    assert_eq!(report.get(&report.rows[0], "claims"), "4");
    for line in [6, 7] {
        assert!(
            out.stderr
                .contains(&format!("fillers.csv:{line}: empty person")),
            "{}",
            out.stderr
        );
    }
    let out = wd.ok(&["outlets", "fillers.csv", "--format", "csv"]);
    let outlets = Table::csv(&out.stdout);
    assert_eq!(outlets.rows.len(), 1, "{}", out.stdout);
    assert_eq!(outlets.get(&outlets.rows[0], "outlet"), "Café Mag");
}

#[test]
fn the_outlet_scorecard_is_not_quadratic_in_the_outlets_of_a_topic() {
    let wd = Workdir::new();
    let mut text = String::from("date,person,claim,speaker,outlet,topic\n");
    for i in 0..200_000 {
        text.push_str(&format!(
            "2022-01-01,Ann Lee,She is leaving.,a source,Outlet {i},leaving\n"
        ));
    }
    text.push_str("2022-02-01,Ann Lee,It is official: I am leaving.,Ann Lee,Outlet 0,leaving\n");
    wd.write("outlets.csv", &text);
    let start = std::time::Instant::now();
    let out = wd.ok(&["outlets", "outlets.csv", "--format", "csv", "-q"]);
    let elapsed = start.elapsed();
    let table = Table::csv(&out.stdout);
    assert_eq!(table.rows.len(), 200_000);
    let confirmed: u64 = table
        .column("confirmed")
        .map(|c| c.parse::<u64>().unwrap())
        .sum();
    assert_eq!(confirmed, 200_000, "every outlet's rumor was confirmed");
    let first: u64 = table
        .column("first_reports")
        .map(|c| c.parse::<u64>().unwrap())
        .sum();
    assert_eq!(first, 1);
    // Quadratic took 27 s in a release build; linear takes well under a second. Generous.
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}

#[test]
fn escape_formulas_makes_csv_and_tsv_safe_for_spreadsheets() {
    let wd = Workdir::new();
    wd.write(
        "formulas.csv",
        "date,person,claim,speaker,outlet,note\n\
         2022-01-01,Ann Lee,\"=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\",+cmd|' /C calc'!A0,@SUM(1+1),-2+3\n\
         2022-01-02,Ann Lee,It is awful and terrible.,Ann Lee,Plain,\"\tTab\"\n",
    );
    let out = wd.ok(&[
        "label",
        "formulas.csv",
        "--format",
        "csv",
        "--escape-formulas",
    ]);
    let table = Table::csv(&out.stdout);
    let row = &table.rows[0];
    assert_eq!(
        table.get(row, "claim"),
        "'=HYPERLINK(\"http://x.test\",\"click\")"
    );
    assert_eq!(table.get(row, "speaker"), "'+cmd|' /C calc'!A0");
    assert_eq!(table.get(row, "outlet"), "'@SUM(1+1)");
    assert_eq!(table.get(row, "note"), "'-2+3");
    assert_eq!(table.get(&table.rows[1], "note"), "'\tTab");
    assert_eq!(
        table.get(&table.rows[1], "claim"),
        "It is awful and terrible."
    );
    // Numbers are claimtrack's own and stay numbers.
    let tone = table.get(&table.rows[1], "tone");
    assert!(
        tone.starts_with('-') && tone.parse::<f64>().is_ok(),
        "{tone}"
    );
    // TSV too; and without the flag, cells are written as they are.
    let tsv = wd.ok(&[
        "label",
        "formulas.csv",
        "--format",
        "tsv",
        "--escape-formulas",
    ]);
    assert!(tsv.stdout.contains("\t'@SUM(1+1)\t"), "{}", tsv.stdout);
    let plain = wd.ok(&["label", "formulas.csv", "--format", "csv"]);
    assert!(plain.stdout.contains(",@SUM(1+1),"), "{}", plain.stdout);
    // The aggregating commands take it as well.
    let report = wd.ok(&[
        "topics",
        "formulas.csv",
        "--format",
        "csv",
        "--escape-formulas",
    ]);
    assert!(report.stdout.starts_with("person,topic,"));
    // The rejects file is opened in the same spreadsheet: its input cells and raw too.
    wd.write(
        "bad.csv",
        "date,person,claim\n=HYPERLINK(\"x\"),Ann Lee,c\n=1+1,@x\n2022-01-01,Ann Lee,fine\n",
    );
    wd.ok(&[
        "report",
        "bad.csv",
        "--format",
        "csv",
        "--escape-formulas",
        "--rejects",
        "rejects.csv",
    ]);
    let rejects = Table::csv(&wd.read("rejects.csv"));
    assert_eq!(rejects.rows.len(), 2);
    assert_eq!(rejects.get(&rejects.rows[0], "date"), "'=HYPERLINK(\"x\")");
    assert_eq!(rejects.get(&rejects.rows[1], "raw"), "'=1+1,@x");
    wd.ok(&[
        "report",
        "bad.csv",
        "--format",
        "csv",
        "--rejects",
        "plain.csv",
    ]);
    let plain = Table::csv(&wd.read("plain.csv"));
    assert_eq!(plain.get(&plain.rows[0], "date"), "=HYPERLINK(\"x\")");
}
