//! The terminal table as a person sees it: fitted to 80 and 200 columns (COLUMNS, and a real
//! terminal under tmux), labels never broken, field content escaped and cut, and linear time
//! in a long word.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::tmux::Tmux;
use common::{BIN, Workdir, fixture, repo_path};

fn table(wd: &Workdir, args: &[&str], columns: &str) -> String {
    let out = wd
        .command(args)
        .env("COLUMNS", columns)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn widest(text: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    text.lines().map(|l| l.width()).max().unwrap_or(0)
}

const REPORT_80: &str = "\
person   period   claims  on_record  rumor   rumor_  tone_on_     tone_    tone_
                                              share    record     rumor      gap
───────  ───────  ──────  ─────────  ─────  ───────  ────────  ────────  ───────
Ann Lee  2022-01       4          2      2   0.5000    0.0496   -0.1128  -0.1624
Ann Lee  2022-02       2          0      1   0.5000             -0.4951
Bob Ray  2022-04       1          1      0   0.0000    0.4310
";

#[test]
fn report_at_80_columns_is_one_grid_of_the_key_columns() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let shown = table(&wd, &["report", &input, "--format", "table", "-q"], "80");
    assert!(widest(&shown) <= 80, "{shown}");
    assert_eq!(shown, REPORT_80);
}

#[test]
fn report_wide_adds_the_counts_per_source_type_and_fits_200_columns() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let shown = table(
        &wd,
        &["report", &input, "--format", "table", "-q", "--wide"],
        "200",
    );
    assert!(widest(&shown) <= 200, "{shown}");
    let header = shown.lines().next().unwrap();
    for column in [
        "subject_on_record",
        "official_statement",
        "exclusive_anonymous",
        "anonymous",
        "unattributed",
        "unknown",
    ] {
        assert!(header.split_whitespace().any(|h| h == column), "{header}");
    }
    // Zero everywhere: left out of the terminal table.
    assert!(!header.contains("secondhand"), "{header}");
    // One line per row at this width: two of header, the rule and the three rows.
    assert_eq!(shown.lines().count(), 6, "{shown}");
}

#[test]
fn piped_output_keeps_every_contracted_column() {
    let wd = Workdir::new();
    let out = wd.ok(&["report", &fixture("claims/report.csv")]);
    let header = out.stdout.lines().next().unwrap();
    assert_eq!(
        header,
        "person,period,claims,subject_on_record,named_on_record,official_statement,document,\
         social_post,outlet_asserted,exclusive_anonymous,anonymous,secondhand,unattributed,\
         unknown,on_record,rumor,rumor_share,tone_on_record,tone_rumor,tone_gap"
    );
}

#[test]
fn columns_picks_and_orders_columns_in_every_format() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let csv = wd.ok(&[
        "report",
        &input,
        "--columns",
        "rumor_share,person,anonymous",
    ]);
    assert_eq!(
        csv.stdout,
        "rumor_share,person,anonymous\n0.5000,Ann Lee,1\n0.5000,Ann Lee,0\n0.0000,Bob Ray,0\n"
    );
    let json = wd.ok(&[
        "report",
        &input,
        "--columns",
        "person,claims",
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        json.stdout.lines().next().unwrap(),
        r#"{"person":"Ann Lee","claims":4}"#
    );
    let shown = table(
        &wd,
        &[
            "report",
            &input,
            "--format",
            "table",
            "--columns",
            "person,secondhand",
            "-q",
        ],
        "80",
    );
    assert!(shown.starts_with("person   secondhand\n"), "{shown}");

    // A name the output does not have: a usage error naming the closest, before any output.
    let bad = wd.run(&["report", &input, "--columns", "person,rumor_shar"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(
        bad.stderr.contains("did you mean 'rumor_share'?"),
        "{}",
        bad.stderr
    );
    assert!(bad.stdout.is_empty());
    let bad = wd.run(&["topics", &input, "--columns", "persn"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(
        bad.stderr.contains("did you mean 'person'?"),
        "{}",
        bad.stderr
    );
}

#[test]
fn labels_and_topics_never_break_inside_a_word() {
    let wd = Workdir::new();
    let input = repo_path("data/claims.csv");
    let csv = common::Table::csv(&wd.ok(&["topics", &input, "--format", "csv"]).stdout);
    for width in ["80", "120", "200"] {
        let shown = table(&wd, &["topics", &input, "--format", "table", "-q"], width);
        assert!(widest(&shown) <= width.parse().unwrap(), "{shown}");
        let words: std::collections::HashSet<&str> = shown
            .split(|c: char| c.is_whitespace() || c == '│')
            .collect();
        for column in ["topic", "status", "resolution_source_type", "first_seen"] {
            for value in csv.column(column).filter(|v| !v.is_empty()) {
                assert!(
                    words.contains(value),
                    "{column} {value} broken at {width}:\n{shown}"
                );
            }
        }
    }
}

#[test]
fn field_content_is_escaped_and_cut_with_its_size() {
    let wd = Workdir::new();
    let long = "w".repeat(5000);
    let input = format!(
        "date,person,claim,source_type\n\
         2022-01-05,Eve\x1b[31m Red,\"It is\nfine.\x1b[2J\x07\",anonymous\n\
         2022-01-06,{long},It is fine.,anonymous\n"
    );
    wd.write("hostile.csv", &input);
    for command in ["report", "label"] {
        let shown = table(
            &wd,
            &[command, "hostile.csv", "--format", "table", "-q"],
            "200",
        );
        assert!(
            !shown.contains('\x1b') && !shown.contains('\x07'),
            "{shown:?}"
        );
        assert!(shown.contains("Eve\\x1b[31m Red"), "{shown}");
        assert!(shown.contains("(5,000 bytes)"), "{shown}");
        assert!(!shown.contains(&"w".repeat(201)), "{shown}");
        assert!(widest(&shown) <= 200);
    }
    let label = table(
        &wd,
        &["label", "hostile.csv", "--format", "table", "-q"],
        "200",
    );
    assert!(label.contains("is\\nfine.\\x1b[2J\\x07"), "{label}");
}

#[test]
fn input_headers_and_bidi_controls_are_escaped_too() {
    let wd = Workdir::new();
    wd.write(
        "headers.csv",
        "date,person,claim,no\x1b[2Jte\n2022-01-05,Ann \u{202e}Lee,It is fine.,x\n",
    );
    let shown = table(
        &wd,
        &["label", "headers.csv", "--format", "table", "-q"],
        "200",
    );
    assert!(
        !shown.contains('\x1b') && !shown.contains('\u{202e}'),
        "{shown:?}"
    );
    assert!(shown.contains("no\\x1b[2Jte"), "{shown}");
    assert!(shown.contains("\\u{202e}Lee"), "{shown}");
}

#[test]
fn a_one_megabyte_word_is_laid_out_in_seconds() {
    let wd = Workdir::new();
    let word = "x".repeat(1 << 20);
    wd.write(
        "long.csv",
        format!("date,person,claim,source_type\n2022-01-05,{word},{word},anonymous\n"),
    );
    for command in ["report", "label"] {
        let started = Instant::now();
        let shown = table(&wd, &[command, "long.csv", "--format", "table", "-q"], "80");
        // Generous: a quadratic layout took over 12 minutes for this.
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{command}: {:?}",
            started.elapsed()
        );
        assert!(shown.contains("… (1,048,576 bytes)"), "{command}");
        assert!(shown.len() < 10_000, "{command}: {} bytes", shown.len());
    }
}

/// A real terminal of 80 columns: tmux, no COLUMNS. Skipped where tmux is not installed.
#[test]
fn a_real_80_column_terminal_gets_the_grid() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let script = wd.write(
        "run.sh",
        format!("unset COLUMNS; '{BIN}' report '{input}' -q; echo '[done]'; sleep 30\n"),
    );
    let Some(tmux) = Tmux::start(&wd.path(""), 80, 40, &script) else {
        eprintln!("tmux not installed: skipped");
        return;
    };
    let screen = tmux.wait_for("[done]", Duration::from_secs(30));
    let printed: String = screen
        .lines()
        .take_while(|l| !l.contains("[done]"))
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    assert_eq!(printed, REPORT_80, "{screen}");
}

/// The README's Quick start shows what an 80-column terminal prints for its command.
#[test]
fn the_readme_quick_start_shows_what_80_columns_print() {
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    let quick = &readme[readme.find("## Quick start").unwrap()..];
    let block = quick
        .split("```console\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap();
    let mut lines = block.lines();
    let command = lines.next().unwrap();
    assert_eq!(
        command,
        "$ claimtrack report data/claims.csv --person \"kim cattrall\""
    );
    let (said, printed): (Vec<&str>, Vec<&str>) =
        lines.partition(|l| l.starts_with("claimtrack: "));
    let wd = Workdir::new();
    let input = repo_path("data/claims.csv");
    let out = wd
        .command(&[
            "report",
            &input,
            "--person",
            "kim cattrall",
            "--format",
            "table",
        ])
        .env("COLUMNS", "80")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        printed.iter().map(|l| format!("{l}\n")).collect::<String>()
    );
    // The summary on stderr; a log line (not a terminal) has a timestamp in front.
    let stderr = String::from_utf8(out.stderr).unwrap();
    let stderr = stderr.replace(&input, "data/claims.csv");
    assert_eq!(stderr.lines().count(), said.len(), "{stderr}");
    for (got, want) in stderr.lines().zip(&said) {
        let want = want.trim_start_matches("claimtrack: ");
        assert!(got.ends_with(want), "{got:?} should end with {want:?}");
    }
}

/// Past the first 10,000 rows the layout is fixed and rows stream: the header is written once,
/// every row is there in order, and a later cell wider than any before is wrapped to its
/// column, the grid's width kept.
#[test]
fn a_long_table_streams_after_its_first_rows_in_the_same_grid() {
    let wd = Workdir::new();
    let mut csv = String::from("date,person,claim\n");
    for i in 0..12_000 {
        let claim = if i == 11_000 {
            "\"A much longer claim than any before it, one that must wrap to the column it got.\""
        } else {
            "Short."
        };
        csv.push_str(&format!("2022-01-01,Person {i:05},{claim}\n"));
    }
    wd.write("long.csv", &csv);
    let args = [
        "label",
        "long.csv",
        "--format",
        "table",
        "-q",
        "--columns",
        "person,claim,standing",
    ];
    let out = table(&wd, &args, "60");
    assert_eq!(out.lines().filter(|l| l.starts_with("person ")).count(), 1);
    let people: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("Person "))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(people.len(), 12_000);
    assert!(
        people
            .iter()
            .enumerate()
            .all(|(i, p)| *p == format!("{i:05}"))
    );
    let rule = out.lines().nth(1).unwrap().to_string();
    assert!(
        widest(&out) <= widest(&rule),
        "a row is wider than the grid"
    );
    // Wrapped to the claim column's six characters ("Short."), word by word.
    for word in ["A much", "longer", "wrap", "got."] {
        assert!(out.contains(word), "{word}: the wide cell is not all shown");
    }
}
