//! What a cron log gets on stderr: each line dated and naming the command, or JSON; counts with
//! thousands separators and the right plural.

mod common;

use common::Workdir;

/// `2026-12-03T02:15:00Z `: an ISO 8601 UTC time and a space.
fn starts_with_iso_time(line: &str) -> bool {
    let b = line.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    b.len() >= 21
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && &b[19..21] == b"Z "
}

fn claims(n: usize) -> String {
    let mut text = String::from("date,person,claim,source_type\n");
    for i in 0..n {
        text.push_str(&format!(
            "2022-01-{:02},Ann Lee,It is fine.,anonymous\n",
            i % 28 + 1
        ));
    }
    text
}

#[test]
fn a_log_line_has_the_time_and_the_command_and_readable_counts() {
    let wd = Workdir::new();
    wd.write("many.csv", claims(1234));
    wd.write("bad.csv", "date,person,claim\nnot a date,Ann Lee,x\n");
    let out = wd.ok(&["report", "many.csv", "bad.csv", "--person", "nobody"]);
    // A line about one row keeps the `file:line: reason` form editors read.
    let (rows, lines): (Vec<&str>, Vec<&str>) =
        out.stderr.lines().partition(|l| l.starts_with("bad.csv:"));
    assert_eq!(rows.len(), 1, "{}", out.stderr);
    assert!(rows[0].starts_with("bad.csv:2: "), "{}", rows[0]);
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(starts_with_iso_time(line), "{line}");
        assert_eq!(&line[21..40], "claimtrack report: ", "{line}");
    }
    let text: Vec<&str> = lines.iter().map(|l| &l[40..]).collect();
    assert!(
        text.contains(
            &"1,235 rows read, 1,234 accepted, 1 rejected (many.csv: 1,235 lines, bad.csv: 2 lines)"
        ),
        "{text:?}"
    );
    assert!(
        text.contains(&"0 rows matched the filters, 1,234 left out"),
        "{text:?}"
    );
}

#[test]
fn one_row_is_a_row() {
    let wd = Workdir::new();
    wd.write("one.csv", claims(1));
    let out = wd.ok(&["label", "one.csv"]);
    assert!(
        out.stderr.contains(" 1 row read, 1 accepted, 0 rejected"),
        "{}",
        out.stderr
    );
    wd.write(
        "two.csv",
        "date,person,claim\n2022-01-01,Ann Lee,x\n2022-01-01,Bob Ray,y\n",
    );
    let out = wd.ok(&["report", "two.csv", "--person", "ann lee"]);
    assert!(
        out.stderr
            .contains(" 1 row matched the filters, 1 left out"),
        "{}",
        out.stderr
    );
    wd.write("bad.csv", "date,person,claim\nnot a date,Ann Lee,x\n");
    let strict = wd.fails(&["report", "bad.csv", "--strict"], 3);
    assert!(
        strict.stderr.contains("1 row rejected and --strict is set"),
        "{}",
        strict.stderr
    );
}

#[test]
fn json_log_lines_for_log_shippers() {
    let wd = Workdir::new();
    wd.write("many.csv", claims(1500));
    let out = wd.ok(&["report", "many.csv", "--log-format", "json"]);
    let lines: Vec<serde_json::Value> = out
        .stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let summary = &lines[0];
    assert_eq!(summary["command"], "report");
    assert_eq!(summary["level"], "info");
    assert_eq!(summary["read"], 1500);
    assert_eq!(summary["accepted"], 1500);
    assert_eq!(summary["rejected"], 0);
    assert!(starts_with_iso_time(&format!(
        "{} ",
        summary["time"].as_str().unwrap()
    )));
    assert_eq!(
        summary["message"],
        "1,500 rows read, 1,500 accepted, 0 rejected (many.csv: 1,501 lines)"
    );
}

/// With `--log-format json`, the error that ends a run is a JSON line too (level `error`):
/// a missing file and an output onto its input were plain text before.
#[test]
fn json_log_lines_include_the_error_that_ends_a_run() {
    let wd = Workdir::new();
    wd.write("a.csv", claims(3));
    for (args, code, says) in [
        (
            &["report", "missing.csv", "--log-format", "json"][..],
            1,
            "missing.csv: no such file",
        ),
        (
            &["report", "a.csv", "-o", "a.csv", "--log-format", "json"][..],
            2,
            "the same file",
        ),
    ] {
        let out = wd.fails(args, code);
        let lines: Vec<serde_json::Value> = out
            .stderr
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{args:?}: {e}: {l}")))
            .collect();
        let last = lines.last().expect("an error line");
        assert_eq!(last["level"], "error", "{args:?}");
        assert_eq!(last["command"], "report");
        assert!(last["message"].as_str().unwrap().contains(says), "{last}");
    }
    // In text, the error keeps its form.
    let out = wd.fails(&["report", "missing.csv"], 1);
    assert!(
        out.stderr
            .starts_with("claimtrack: missing.csv: no such file"),
        "{}",
        out.stderr
    );
}
