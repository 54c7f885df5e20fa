//! Partial results (issue 16): `--partial` and `merge` give the bytes of one run over the whole
//! input for any split of it, by rows or by files, merged in any order; partials that do not
//! belong together are refused; `--state` reads only what was appended, and falls back to a
//! whole read, saying why, when a file changed.
//!
//! `cargo test` runs a modest number of property cases; PROPTEST_CASES raises it.

mod common;

use common::Workdir;
use proptest::prelude::*;

const HEADER: [&str; 9] = [
    "date",
    "person",
    "claim",
    "speaker",
    "attribution",
    "outlet",
    "topic",
    "source_type",
    "stance",
];

/// A value from `common` three times in four (`dense`: 19 in 20), else from `all`: rows tie
/// often (the same second, person, topic, source type and stance, by another speaker or
/// outlet), and still cover every kind of value.
fn pick(common: &[&'static str], all: &[&'static str], dense: bool) -> BoxedStrategy<&'static str> {
    let weight = if dense { 19 } else { 3 };
    prop_oneof![
        weight => prop::sample::select(common.to_vec()),
        1 => prop::sample::select(all.to_vec()),
    ]
    .boxed()
}

/// One row from small vocabularies: the same day or second, a person, topic or outlet written
/// several ways (case, spacing, titles, accents, hyphens), the same source type with another
/// stance or speaker. A few rows are rejected (a bad date).
fn row(dense: bool) -> impl Strategy<Value = Vec<String>> {
    let date = pick(
        &["2022-01-03 10:00:00", "2022-01-03T10:00:00Z"],
        &[
            "2022-01-01",
            "2022-01-02",
            "2022-01-03",
            "2022-01-03T10:00:00.500Z",
            "2022-02-14",
            "2022-04-30",
            "2023-01-02",
            "not a date",
        ],
        dense,
    );
    let person = pick(
        &["Kim Cattrall", "kim cattrall", "KIM  CATTRALL"],
        &[
            "Cattrall",
            "Ruth Whitcombe",
            "Mayor Ruth Whitcombe",
            "Whitcombe, Ruth",
            "Björn Ulvaeus",
            "Bjorn Ulvaeus",
            "Teddy Okafor-Lane",
            "Teddy Okafor Lane",
        ],
        dense,
    );
    let claim = prop::sample::select(vec![
        "She will return.",
        "It is a wonderful, happy day!",
        "This is terrible and sad.",
        "Nothing to see here.",
        "He confirmed the news.",
        "That is not true, a total hoax.",
    ]);
    let speaker = pick(
        &["", "Ann Lee", "ann lee", "Bo Diaz", "a source"],
        &["the insider", "Kim Cattrall", "Ruth Whitcombe"],
        dense,
    );
    let attribution = prop::sample::select(vec![
        "",
        "A source exclusively told Us Weekly",
        "told Variety",
        "said in a statement",
        "reportedly",
    ]);
    let outlet = pick(
        &["Us Weekly", "us weekly", "TMZ"],
        &["US  Weekly", "Variety", "Tmz", ""],
        dense,
    );
    let topic = pick(&["return", "Return"], &["run", "RUN ", "", "budget"], dense);
    let source_type = pick(
        &["official-statement", "anonymous"],
        &[
            "",
            "subject-on-record",
            "named-on-record",
            "document",
            "social-post",
            "outlet-asserted",
            "exclusive-anonymous",
            "secondhand",
            "unattributed",
            "unknown",
        ],
        dense,
    );
    let stance = pick(&["confirm", "deny"], &["", "neutral", "no-comment"], dense);
    (
        date,
        person,
        claim,
        speaker,
        attribution,
        outlet,
        topic,
        source_type,
        stance,
    )
        .prop_map(|(a, b, c, d, e, f, g, h, i)| {
            [a, b, c, d, e, f, g, h, i]
                .into_iter()
                .map(str::to_string)
                .collect()
        })
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER).unwrap();
    for row in rows {
        out.write_record(row).unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

/// A split of the input: where the rows are cut into files, which consecutive files each
/// shard run reads, in which order the partials are merged, and whether they come through
/// stdin one after another.
#[derive(Debug, Clone)]
struct Split {
    cuts: Vec<usize>,
    shard_sizes: Vec<usize>,
    order: Vec<u32>,
    stdin: bool,
}

fn split() -> impl Strategy<Value = Split> {
    (
        prop::collection::vec(0usize..100, 0..4),
        prop::collection::vec(1usize..3, 5),
        prop::collection::vec(any::<u32>(), 5),
        any::<bool>(),
    )
        .prop_map(|(cuts, shard_sizes, order, stdin)| Split {
            cuts,
            shard_sizes,
            order,
            stdin,
        })
}

/// Runs `command` over the whole input, and as partials of the split merged, and checks the
/// bytes agree; and that the whole input with its rows in another order gives them too.
fn check_split(
    wd: &Workdir,
    rows: &[Vec<String>],
    split: &Split,
    command: &str,
    run_flags: &[&str],
    merge_flags: &[&str],
) -> Result<(), TestCaseError> {
    wd.write("whole.csv", csv_text(rows));
    let mut args = vec![command, "whole.csv", "--format", "csv", "-q"];
    args.extend(run_flags);
    args.extend(merge_flags);
    let whole = wd.ok(&args).stdout;
    // The same rows in reverse order: no output depends on the order of the rows.
    let reversed: Vec<Vec<String>> = rows.iter().rev().cloned().collect();
    wd.write("reversed.csv", csv_text(&reversed));
    args[1] = "reversed.csv";
    prop_assert_eq!(&wd.ok(&args).stdout, &whole, "rows reversed");
    // Files: the rows cut at the split's points (some files may have no rows).
    let mut cuts: Vec<usize> = split.cuts.iter().map(|c| c * rows.len() / 100).collect();
    cuts.sort_unstable();
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(rows.len());
    let files: Vec<String> = bounds
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let name = format!("piece{i}.csv");
            wd.write(&name, csv_text(&rows[w[0]..w[1]]));
            name
        })
        .collect();
    // Shards: runs over one or two consecutive files.
    let mut partials: Vec<(u32, String)> = Vec::new();
    let mut at = 0;
    for (s, &size) in split.shard_sizes.iter().enumerate() {
        if at >= files.len() {
            break;
        }
        let end = (at + size).min(files.len());
        let name = format!("shard{s}.part");
        let mut args = vec![command, "--partial", "-q", "-o", &name];
        args.extend(files[at..end].iter().map(String::as_str));
        args.extend(run_flags);
        wd.ok(&args);
        partials.push((split.order[s], name));
        at = end;
    }
    partials.sort();
    let mut args = vec!["merge", "--format", "csv", "-q"];
    args.extend(merge_flags);
    let merged = if split.stdin {
        let mut all = String::new();
        for (_, name) in &partials {
            all.push_str(&wd.read(name));
        }
        args.push("-");
        wd.ok_stdin(&args, &all).stdout
    } else {
        args.extend(partials.iter().map(|(_, n)| n.as_str()));
        wd.ok(&args).stdout
    };
    prop_assert_eq!(merged, whole, "{} merged from {:?}", command, partials);
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_cases(10))]

    #[test]
    fn merged_partials_are_one_run_of_report(
        rows in prop::collection::vec(row(false), 1..36),
        split in split(),
        by in prop::sample::select(vec!["day", "week", "month", "all"]),
    ) {
        let wd = Workdir::new();
        check_split(&wd, &rows, &split, "report", &["--by", by], &[])?;
    }

    #[test]
    fn merged_partials_are_one_run_of_topics(
        rows in prop::collection::vec(row(false), 1..36),
        split in split(),
        as_of in prop::sample::select(vec!["", "2022-01-02", "2022-06-01"]),
        after in prop::sample::select(vec!["0", "1", "90"]),
    ) {
        let wd = Workdir::new();
        let mut merge = vec!["--unresolved-after", after];
        if !as_of.is_empty() {
            merge.extend(["--as-of", as_of]);
        }
        check_split(&wd, &rows, &split, "topics", &[], &merge)?;
    }

    #[test]
    fn merged_partials_are_one_run_of_outlets(
        rows in prop::collection::vec(row(false), 1..36),
        split in split(),
        after in prop::sample::select(vec!["1", "90"]),
    ) {
        let wd = Workdir::new();
        check_split(&wd, &rows, &split, "outlets", &[], &["--unresolved-after", after])?;
    }
}

proptest! {
    #![proptest_config(common::proptest_cases(16))]

    /// The same rows in another order give every command's bytes: what lets partials of any
    /// split merge in any order. Rows are drawn so that they tie on nearly everything.
    #[test]
    fn no_output_depends_on_the_order_of_the_rows(
        rows in prop::collection::vec(row(true), 8..48),
        order in prop::collection::vec(any::<u32>(), 48),
    ) {
        let wd = Workdir::new();
        let mut keyed: Vec<(u32, Vec<String>)> = order.into_iter().zip(rows.clone()).collect();
        keyed.sort();
        let shuffled: Vec<Vec<String>> = keyed.into_iter().map(|(_, r)| r).collect();
        wd.write("rows.csv", csv_text(&rows));
        wd.write("shuffled.csv", csv_text(&shuffled));
        for command in ["report", "topics", "outlets"] {
            let one = wd.ok(&[command, "rows.csv", "--format", "csv", "-q", "--by", "day"][..if command == "report" { 7 } else { 5 }]).stdout;
            let other = wd.ok(&[command, "shuffled.csv", "--format", "csv", "-q", "--by", "day"][..if command == "report" { 7 } else { 5 }]).stdout;
            prop_assert_eq!(one, other, "{}", command);
        }
    }
}

/// A fixed input with every kind of row, for the tests below.
fn sample() -> String {
    std::fs::read_to_string(common::repo_path("data/claims.csv")).expect("the sample data")
}

#[test]
fn filters_and_the_resolve_by_rule_travel_with_the_partials() {
    let wd = Workdir::new();
    wd.write("all.csv", sample());
    for (command, flags) in [
        (
            "report",
            vec!["--standing", "rumor", "--since", "2022-02-01"],
        ),
        (
            "topics",
            vec![
                "--resolve-by",
                "official-statement,document",
                "--outlet",
                "us weekly",
            ],
        ),
        ("outlets", vec!["--person", "cattrall"]),
    ] {
        let mut one = vec![command, "all.csv", "--format", "csv", "-q"];
        one.extend(&flags);
        let whole = wd.ok(&one).stdout;
        let mut part = vec![command, "all.csv", "--partial", "-q", "-o", "p.jsonl"];
        part.extend(&flags);
        wd.ok(&part);
        let merged = wd.ok(&["merge", "p.jsonl", "--format", "csv", "-q"]).stdout;
        assert_eq!(merged, whole, "{command} {flags:?}");
    }
}

#[test]
fn a_report_merges_into_any_longer_period_its_own_adds_up_to() {
    let wd = Workdir::new();
    wd.write("all.csv", sample());
    wd.ok(&[
        "report",
        "all.csv",
        "--partial",
        "--by",
        "day",
        "-q",
        "-o",
        "day.jsonl",
    ]);
    for by in ["week", "month", "quarter", "year", "all"] {
        let whole = wd
            .ok(&[
                "report", "all.csv", "--by", by, "--fill", "--format", "csv", "-q",
            ])
            .stdout;
        let merged = wd
            .ok(&[
                "merge",
                "day.jsonl",
                "--by",
                by,
                "--fill",
                "--format",
                "csv",
                "-q",
            ])
            .stdout;
        assert_eq!(merged, whole, "--by {by}");
    }
    wd.ok(&[
        "report",
        "all.csv",
        "--partial",
        "--by",
        "week",
        "-q",
        "-o",
        "week.jsonl",
    ]);
    let out = wd.fails(&["merge", "week.jsonl", "--by", "month"], 2);
    assert!(
        out.stderr.contains("--by week") && out.stderr.contains("--by day"),
        "{}",
        out.stderr
    );
}

#[test]
fn partials_that_do_not_belong_together_are_refused() {
    let wd = Workdir::new();
    wd.write("all.csv", sample());
    let run = |name: &str, args: &[&str]| {
        let mut all = vec![args[0], "--partial", "-q", "-o", name, "all.csv"];
        all.extend(&args[1..]);
        wd.ok(&all);
    };
    run("month.jsonl", &["report"]);
    run("week.jsonl", &["report", "--by", "week"]);
    run("rumor.jsonl", &["report", "--standing", "rumor"]);
    run("topics.jsonl", &["topics"]);
    wd.write("people.txt", "Kim Cattrall, KC\n");
    run("people.jsonl", &["report", "--people", "people.txt"]);
    for (other, says) in [
        ("week.jsonl", "--by `month` against `week`"),
        (
            "rumor.jsonl",
            "filters `no filters` against `--standing rumor`",
        ),
        ("topics.jsonl", "command `report` against `topics`"),
        ("people.jsonl", "another --people file"),
    ] {
        let out = wd.fails(&["merge", "month.jsonl", other], 1);
        assert!(
            out.stderr.contains(says) && out.stderr.contains(other),
            "{other}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
    // Another format version, another claimtrack, a partial cut short, a line lost.
    let text = wd.read("month.jsonl");
    wd.write(
        "v2.jsonl",
        text.replacen("\"version\":1,", "\"version\":2,", 1),
    );
    let out = wd.fails(&["merge", "v2.jsonl"], 1);
    assert!(out.stderr.contains("format version 2"), "{}", out.stderr);
    wd.write(
        "old.jsonl",
        text.replacen(
            &format!("\"claimtrack\":\"{}\"", env!("CARGO_PKG_VERSION")),
            "\"claimtrack\":\"0.0.1\"",
            1,
        ),
    );
    let out = wd.fails(&["merge", "month.jsonl", "old.jsonl"], 1);
    assert!(
        out.stderr.contains("claimtrack") && out.stderr.contains("0.0.1"),
        "{}",
        out.stderr
    );
    let lines: Vec<&str> = text.lines().collect();
    wd.write("cut.jsonl", lines[..lines.len() - 1].join("\n"));
    let out = wd.fails(&["merge", "cut.jsonl"], 1);
    assert!(
        out.stderr.contains("without its `end` line"),
        "{}",
        out.stderr
    );
    let mut lost = lines.clone();
    lost.remove(2);
    wd.write("lost.jsonl", lost.join("\n") + "\n");
    let out = wd.fails(&["merge", "lost.jsonl"], 1);
    assert!(out.stderr.contains("lines are missing"), "{}", out.stderr);
    wd.write("not.jsonl", "date,person,claim\n");
    let out = wd.fails(&["merge", "not.jsonl"], 1);
    assert!(out.stderr.contains("not.jsonl:1"), "{}", out.stderr);
    // Flags of another command.
    let out = wd.fails(&["merge", "month.jsonl", "--as-of", "2022-01-01"], 2);
    assert!(out.stderr.contains("--as-of applies to"), "{}", out.stderr);
    let out = wd.fails(&["merge", "topics.jsonl", "--by", "week"], 2);
    assert!(out.stderr.contains("--by applies to"), "{}", out.stderr);
    // Table options and --dedupe do not go with --partial.
    let out = wd.fails(&["report", "all.csv", "--partial", "--fill"], 2);
    assert!(
        out.stderr.contains("give it to `claimtrack merge`"),
        "{}",
        out.stderr
    );
    let out = wd.fails(&["report", "all.csv", "--partial", "--dedupe"], 2);
    assert!(out.stderr.contains("--dedupe"), "{}", out.stderr);
}

#[test]
fn the_summary_of_a_merge_counts_every_partial_s_rows() {
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "date,person,claim\n2022-01-01,Kim Cattrall,She said.\nbad,Kim Cattrall,No date.\n",
    );
    wd.write("b.csv", "date,person,claim\n2022-01-02,Ann Lee,She said.\n");
    wd.ok(&["report", "--partial", "-q", "-o", "a.jsonl", "a.csv"]);
    wd.ok(&["report", "--partial", "-q", "-o", "b.jsonl", "b.csv"]);
    let out = wd.ok(&["merge", "a.jsonl", "b.jsonl", "--format", "csv"]);
    assert!(
        out.stderr
            .contains("3 rows read, 2 accepted, 1 rejected (in 2 partials"),
        "{}",
        out.stderr
    );
}

// --- --state ---------------------------------------------------------------------------------

fn rows_text(range: std::ops::Range<usize>) -> String {
    let mut text = String::new();
    for i in range {
        let person = ["Kim Cattrall", "Ann Lee", "Ruth Whitcombe"][i % 3];
        let outlet = ["Us Weekly", "Variety", "TMZ"][i % 3];
        let attribution = [
            "A source told Us Weekly",
            "said in a statement",
            "reportedly",
        ][i % 3];
        text.push_str(&format!(
            "2022-{:02}-{:02},{person},Claim number {i} is wonderful.,,{attribution},{outlet},topic-{}\n",
            1 + i % 12,
            1 + i % 28,
            i % 7
        ));
    }
    text
}

const STATE_HEADER: &str = "date,person,claim,speaker,attribution,outlet,topic\n";

fn state_files(wd: &Workdir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(wd.path("state"))
        .expect("the state folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `COMMAND --state state archive.csv --format csv`, then `extra`.
fn with_state(wd: &Workdir, command: &str, extra: &[&str]) -> common::Output {
    let mut args = vec![
        command,
        "--state",
        "state",
        "archive.csv",
        "--format",
        "csv",
    ];
    args.extend(extra);
    wd.ok(&args)
}

/// The table of one run over the whole of archive.csv, without a state.
fn without_state(wd: &Workdir, command: &str) -> String {
    wd.ok(&[command, "archive.csv", "--format", "csv", "-q"])
        .stdout
}

#[test]
fn a_state_reads_only_what_was_appended() {
    let wd = Workdir::new();
    wd.write("archive.csv", format!("{STATE_HEADER}{}", rows_text(0..40)));
    for command in ["report", "topics", "outlets"] {
        let first = with_state(&wd, command, &[]);
        assert!(first.stderr.contains("no state for it"), "{}", first.stderr);
    }
    assert_eq!(state_files(&wd).len(), 3, "{:?}", state_files(&wd));
    let mut text = wd.read("archive.csv");
    text.push_str(&rows_text(40..52));
    wd.write("archive.csv", &text);
    for command in ["report", "topics", "outlets"] {
        let whole = without_state(&wd, command);
        let out = with_state(&wd, command, &[]);
        assert_eq!(out.stdout, whole, "{command}");
        assert!(
            out.stderr.contains("archive.csv: 12 new rows after byte")
                && out.stderr.contains("(from line 42)")
                && out
                    .stderr
                    .contains("the 40 rows before came from the state"),
            "{command}: {}",
            out.stderr
        );
        // The summary counts the rows read this run.
        assert!(out.stderr.contains("12 rows read"), "{}", out.stderr);
        // Nothing new: nothing read, same table.
        let again = with_state(&wd, command, &[]);
        assert_eq!(again.stdout, whole, "{command}");
        assert!(again.stderr.contains("0 new rows"), "{}", again.stderr);
    }
    // A rejected row after the state is reported at its line in the whole file.
    text.push_str("not a date,Ann Lee,Bad.,,,,\n");
    wd.write("archive.csv", &text);
    let out = with_state(&wd, "report", &[]);
    assert!(out.stderr.contains("archive.csv:54:"), "{}", out.stderr);
    // --partial with --state: the partial of everything ever read.
    let out = wd.ok(&[
        "report",
        "--state",
        "state",
        "--partial",
        "-q",
        "archive.csv",
    ]);
    wd.write("all.jsonl", &out.stdout);
    let merged = wd
        .ok(&["merge", "all.jsonl", "--format", "csv", "-q"])
        .stdout;
    assert_eq!(merged, without_state(&wd, "report"));
    wd.assert_no_temporary_files();
}

#[test]
fn a_changed_file_is_read_whole_and_the_run_says_why() {
    let wd = Workdir::new();
    let text = format!("{STATE_HEADER}{}", rows_text(0..30));
    wd.write("archive.csv", &text);
    with_state(&wd, "report", &[]);
    let says = |out: &common::Output, what: &str| {
        assert!(out.stderr.contains(what), "{what}: {}", out.stderr);
    };
    // Edited in place (same length, one name changed), then appended to.
    let edited = text.replacen("Ann Lee", "Ann Lea", 1) + &rows_text(30..35);
    wd.write("archive.csv", &edited);
    let out = with_state(&wd, "report", &[]);
    assert_eq!(out.stdout, without_state(&wd, "report"));
    says(&out, "reading it whole: its first");
    says(&out, "bytes changed since the last run");
    says(&out, "35 rows read");
    // Truncated (rotated): shorter than what was read.
    let short = format!("{STATE_HEADER}{}", rows_text(0..10));
    wd.write("archive.csv", &short);
    let out = with_state(&wd, "report", &[]);
    assert_eq!(out.stdout, without_state(&wd, "report"));
    says(&out, "it is shorter than when last read");
    // Other settings: a state of their own, read whole the first time, and said.
    let out = with_state(&wd, "report", &["--by", "week"]);
    says(&out, "other settings: --by `month` against `week`");
    // A last row without a line break may be unfinished: a file that grew is read whole.
    wd.write("archive.csv", short.trim_end());
    with_state(&wd, "report", &[]);
    wd.write("archive.csv", format!("{short}{}", rows_text(10..12)));
    says(&with_state(&wd, "report", &[]), "had no line break");
    // A damaged state file: read whole, saying where it is damaged.
    for name in state_files(&wd) {
        std::fs::write(wd.path("state").join(name), "{\"kind\":\"header\"").unwrap();
    }
    let out = with_state(&wd, "report", &[]);
    says(&out, "cannot be used");
    says(&out, ".jsonl:1: the line is cut short");
    // Stdin has no state.
    let out = wd.fails(&["report", "--state", "state", "-"], 2);
    says(&out, "stdin is no file");
}

#[test]
fn a_compressed_file_keeps_its_state_while_it_is_unchanged() {
    use std::io::Write;
    let wd = Workdir::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(format!("{STATE_HEADER}{}", rows_text(0..20)).as_bytes())
        .unwrap();
    wd.write("old.csv.gz", gz.finish().unwrap());
    wd.write("new.csv", format!("{STATE_HEADER}{}", rows_text(20..25)));
    let files = ["old.csv.gz", "new.csv"];
    let mut args = vec!["topics", "--state", "state", "--format", "csv"];
    args.extend(files);
    wd.ok(&args);
    let out = wd.ok(&args);
    assert!(
        out.stderr
            .contains("old.csv.gz: unchanged since the last run; its 20 rows come from the state"),
        "{}",
        out.stderr
    );
    let mut whole = vec!["topics", "--format", "csv", "-q"];
    whole.extend(files);
    assert_eq!(out.stdout, wd.ok(&whole).stdout);
    // Nothing read at all (its state is there from the run above): no empty place `()`.
    let out = wd.ok(&[
        "topics",
        "--state",
        "state",
        "old.csv.gz",
        "--format",
        "csv",
    ]);
    says(&out, "0 rows read, 0 accepted, 0 rejected\n");
    // One line is `1 line`.
    wd.write("none.csv", "date,person,claim\n");
    let out = wd.ok(&["report", "none.csv", "--format", "csv"]);
    says(&out, "(none.csv: 1 line)");
}

#[cfg(unix)]
#[test]
fn a_run_killed_midway_leaves_the_previous_state() {
    use std::process::Stdio;
    let wd = Workdir::new();
    let mut text = format!("{STATE_HEADER}{}", rows_text(0..50));
    wd.write("archive.csv", &text);
    wd.ok(&[
        "report",
        "--state",
        "state",
        "archive.csv",
        "-q",
        "--format",
        "csv",
    ]);
    let state = wd.path("state").join(&state_files(&wd)[0]);
    let before = std::fs::read(&state).unwrap();
    // Enough appended rows that the run is still reading when it is killed.
    text.push_str(&rows_text(50..250_050));
    wd.write("archive.csv", &text);
    let mut child = wd
        .command(&["report", "--state", "state", "archive.csv", "-q", "-j", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed once it has read a part of the file: on Linux as soon as /proc says it has read
    // a megabyte (a release build reads the whole file within a few hundred milliseconds), else
    // after a fixed wait.
    let read_a_part = || {
        std::fs::read_to_string(format!("/proc/{}/io", child.id()))
            .ok()
            .and_then(|io| {
                io.lines()
                    .find_map(|l| l.strip_prefix("rchar: "))
                    .and_then(|n| n.trim().parse::<u64>().ok())
            })
            .map(|read| read > 1 << 20)
    };
    let started = std::time::Instant::now();
    while read_a_part() == Some(false) && started.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    if read_a_part().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(400));
    }
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(still_running, "the run ended before it could be killed");
    assert_eq!(std::fs::read(&state).unwrap(), before, "the state changed");
    assert_eq!(state_files(&wd).len(), 1, "{:?}", state_files(&wd));
    // The next run reads on from the previous state.
    let out = wd.ok(&[
        "report",
        "--state",
        "state",
        "archive.csv",
        "--format",
        "csv",
    ]);
    assert!(
        out.stderr.contains("250,000 new rows") && out.stderr.contains("the 50 rows before"),
        "{}",
        out.stderr
    );
    let whole = wd
        .ok(&["report", "archive.csv", "--format", "csv", "-q"])
        .stdout;
    assert_eq!(out.stdout, whole);
}

// --- What a new user ran into ----------------------------------------------------------------

/// Fails unless `out`'s stderr says `what`.
fn says(out: &common::Output, what: &str) {
    assert!(out.stderr.contains(what), "{what}: {}", out.stderr);
}

#[test]
fn a_partial_file_with_nothing_in_it_is_refused_alone_or_among_others() {
    let wd = Workdir::new();
    wd.write("all.csv", sample());
    wd.ok(&["report", "all.csv", "--partial", "-q", "-o", "a.jsonl"]);
    // A shard that failed before writing leaves an empty file (`> part`), or blank lines.
    wd.write("empty.jsonl", "");
    wd.write("blank.jsonl", "\n  \n\n");
    for (args, empty) in [
        (vec!["merge", "empty.jsonl"], "empty.jsonl"),
        (vec!["merge", "a.jsonl", "empty.jsonl"], "empty.jsonl"),
        (vec!["merge", "blank.jsonl", "a.jsonl"], "blank.jsonl"),
    ] {
        let out = wd.fails(&args, 1);
        assert!(
            out.stderr
                .contains(&format!("{empty}: no partial in it (it is empty")),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
    let out = wd.run_stdin(&["merge", "-"], Some(b""));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    says(&out, "<stdin>: no partial in it");
}

#[test]
fn one_partial_given_twice_is_refused_and_a_copy_is_warned_of() {
    let wd = Workdir::new();
    wd.write("all.csv", sample());
    wd.ok(&["report", "all.csv", "--partial", "-q", "-o", "a.jsonl"]);
    let out = wd.fails(&["merge", "a.jsonl", "a.jsonl"], 2);
    says(&out, "a.jsonl is given twice");
    let out = wd.fails(&["merge", "a.jsonl", "./a.jsonl"], 2);
    says(
        &out,
        "a.jsonl and ./a.jsonl are the same file: its rows would count twice",
    );
    // A hard link is the same file under another name.
    std::fs::hard_link(wd.path("a.jsonl"), wd.path("link.jsonl")).unwrap();
    let out = wd.fails(&["merge", "a.jsonl", "link.jsonl"], 2);
    says(
        &out,
        "a.jsonl and link.jsonl are the same file: its rows would count twice",
    );
    wd.write("copy.jsonl", wd.read("a.jsonl"));
    let out = wd.ok(&["merge", "a.jsonl", "copy.jsonl", "--format", "csv"]);
    says(
        &out,
        "copy.jsonl holds the same bytes as a.jsonl: their rows are counted twice",
    );
    // Partials of no rows (empty shards) are alike without being copies: no warning.
    wd.write("none.csv", "date,person,claim\n");
    wd.ok(&["report", "none.csv", "--partial", "-q", "-o", "n1.jsonl"]);
    wd.ok(&["report", "none.csv", "--partial", "-q", "-o", "n2.jsonl"]);
    let out = wd.ok(&[
        "merge", "a.jsonl", "n1.jsonl", "n2.jsonl", "--format", "csv",
    ]);
    assert!(!out.stderr.contains("same bytes"), "{}", out.stderr);
}

#[test]
fn a_line_that_is_not_a_partial_s_is_said_by_file_line_and_what_was_expected() {
    let wd = Workdir::new();
    wd.write("all.csv", sample());
    wd.ok(&["report", "all.csv", "--partial", "-q", "-o", "a.jsonl"]);
    let text = wd.read("a.jsonl");
    let lines: Vec<&str> = text.lines().collect();
    let says = |name: &str, what: &[&str]| {
        let out = wd.fails(&["merge", name], 1);
        for w in what {
            assert!(out.stderr.contains(w), "{name}: {w}: {}", out.stderr);
        }
        // serde's own position means nothing to a user: the file and line are given.
        assert!(!out.stderr.contains(" column "), "{name}: {}", out.stderr);
    };
    wd.write("garbage.jsonl", "hello\n");
    says(
        "garbage.jsonl",
        &["garbage.jsonl:1: not a line of a claimtrack partial: expected one JSON object per line"],
    );
    let mut broken = lines.clone();
    broken[2] = "{\"kind\":\"cell\",\"identity\":\"x\"}";
    wd.write("broken.jsonl", broken.join("\n") + "\n");
    says(
        "broken.jsonl",
        &["broken.jsonl:3: a `cell` line that is not as --partial writes it: missing field"],
    );
    // Counts a run could not have written.
    let header = lines[0];
    assert!(header.contains("\"read\":105,\"accepted\":105"), "{header}");
    for (name, from, to, says_what) in [
        (
            "more.jsonl",
            "\"accepted\":105",
            "\"accepted\":106",
            "accepted 106 and rejected 0 do not add up to read 105",
        ),
        (
            "negative.jsonl",
            "\"read\":105",
            "\"read\":-5",
            "a `header` line that is not as --partial writes it: invalid value: integer `-5`",
        ),
        (
            "absurd.jsonl",
            "\"read\":105,\"accepted\":105",
            "\"read\":9000000000000000000,\"accepted\":9000000000000000000",
            "is more than 1099511627776 rows",
        ),
    ] {
        wd.write(name, text.replacen(from, to, 1));
        says(name, &[&format!("{name}:1: "), says_what]);
    }
    let cell = lines
        .iter()
        .position(|l| l.contains("\"kind\":\"cell\""))
        .unwrap();
    let counts = lines[cell].find("\"counts\":{").unwrap() + "\"counts\":{".len();
    let after = &lines[cell][counts..];
    let colon = after.find(':').unwrap();
    let end = after.find([',', '}']).unwrap();
    let tampered = format!(
        "{}{}:1000000{}",
        &lines[cell][..counts],
        &after[..colon],
        &after[end..]
    );
    let mut many = lines.clone();
    many[cell] = &tampered;
    wd.write("many.jsonl", many.join("\n") + "\n");
    says(
        "many.jsonl",
        &[
            &format!("many.jsonl:{}: a `cell` line counts", cell + 1),
            "the header says 105 rows were kept",
        ],
    );
}

#[test]
fn strict_with_a_state_counts_the_rows_rejected_in_earlier_runs() {
    let wd = Workdir::new();
    let mut text = format!(
        "{STATE_HEADER}{}not a date,Ann Lee,Bad.,,,,\n",
        rows_text(0..10)
    );
    wd.write("archive.csv", &text);
    with_state(&wd, "report", &[]);
    text.push_str(&rows_text(10..12));
    wd.write("archive.csv", &text);
    // A full --strict run over the file refuses; so must one that reads on from the state.
    let full = wd.fails(&["report", "archive.csv", "--strict", "--format", "csv"], 3);
    assert!(full.stdout.is_empty());
    let out = wd.fails(
        &[
            "report",
            "--state",
            "state",
            "archive.csv",
            "--strict",
            "--format",
            "csv",
        ],
        3,
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    says(&out, "archive.csv: 1 row was rejected in earlier runs");
    says(&out, "1 row rejected and --strict is set");
    // No state was written: the next run reads on from the previous one.
    let next = with_state(&wd, "report", &[]);
    says(&next, "2 new rows");
}

#[test]
fn the_lifecycle_rules_go_to_merge_not_to_a_partial() {
    let wd = Workdir::new();
    wd.write("all.csv", sample());
    for command in ["topics", "outlets"] {
        for flags in [["--as-of", "2023-01-01"], ["--unresolved-after", "30"]] {
            let mut args = vec![command, "all.csv", "--partial"];
            args.extend(flags);
            let out = wd.fails(&args, 2);
            assert!(
                out.stderr.contains(flags[0])
                    && out.stderr.contains("give it to `claimtrack merge`"),
                "{command} {flags:?}: {}",
                out.stderr
            );
        }
        // --as-of anchoring a relative --since is taken, and the merge gives the run's table.
        wd.ok(&[
            command,
            "all.csv",
            "--partial",
            "-q",
            "--as-of",
            "2023-03-31",
            "--since",
            "6m",
            "-o",
            "p.jsonl",
        ]);
        let merged = wd
            .ok(&[
                "merge",
                "p.jsonl",
                "--as-of",
                "2023-03-31",
                "--format",
                "csv",
                "-q",
            ])
            .stdout;
        let whole = wd
            .ok(&[
                command,
                "all.csv",
                "--as-of",
                "2023-03-31",
                "--since",
                "6m",
                "--format",
                "csv",
                "-q",
            ])
            .stdout;
        assert_eq!(merged, whole, "{command}");
    }
}

#[test]
fn a_state_is_one_per_file_and_job_whatever_the_path_is_written_as() {
    let wd = Workdir::new();
    wd.write("archive.csv", format!("{STATE_HEADER}{}", rows_text(0..20)));
    with_state(&wd, "report", &[]);
    let absolute = wd.path("archive.csv");
    for path in ["./archive.csv", absolute.to_str().unwrap()] {
        let out = wd.ok(&["report", "--state", "state", path, "--format", "csv"]);
        assert!(out.stderr.contains("0 new rows"), "{path}: {}", out.stderr);
    }
    assert_eq!(state_files(&wd).len(), 1, "{:?}", state_files(&wd));
    // Another job over the same file, in the same folder: a state of its own, said why.
    let out = with_state(&wd, "report", &["--by", "week"]);
    says(
        &out,
        "no state for it with these settings in state yet (the one there was made with \
             other settings: --by `month` against `week`",
    );
    with_state(&wd, "report", &["--standing", "rumor"]);
    assert_eq!(state_files(&wd).len(), 3, "{:?}", state_files(&wd));
    // Taking turns, each reads only what was appended.
    let mut text = wd.read("archive.csv");
    text.push_str(&rows_text(20..25));
    wd.write("archive.csv", &text);
    for extra in [&[][..], &["--by", "week"], &["--standing", "rumor"]] {
        let out = with_state(&wd, "report", extra);
        assert!(
            out.stderr.contains("5 new rows"),
            "{extra:?}: {}",
            out.stderr
        );
        let mut whole = vec!["report", "archive.csv", "--format", "csv", "-q"];
        whole.extend(extra);
        assert_eq!(out.stdout, wd.ok(&whole).stdout, "{extra:?}");
    }
    // The days of --since and --until are not in the key (a relative --since moves every
    // night): one state, read whole and replaced when they change.
    let before = state_files(&wd).len();
    with_state(&wd, "report", &["--since", "2022-03-01"]);
    let out = with_state(&wd, "report", &["--since", "2022-04-01"]);
    says(
        &out,
        "its state was made with other settings (filters `--since 2022-03-01`",
    );
    assert_eq!(state_files(&wd).len(), before + 1, "{:?}", state_files(&wd));
    // A state file named as before settings were in the name is read, then renamed.
    let dir = wd.path("state");
    for name in state_files(&wd) {
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    with_state(&wd, "report", &[]);
    let keyed = state_files(&wd).remove(0);
    let old = format!("{}.jsonl", &keyed[..keyed.len() - ".jsonl".len() - 17]);
    std::fs::rename(dir.join(&keyed), dir.join(&old)).unwrap();
    let out = with_state(&wd, "report", &[]);
    says(&out, "0 new rows");
    assert_eq!(state_files(&wd), vec![keyed.clone()]);
    // A --state that is a file.
    wd.write("notadir", "");
    let out = wd.fails(&["report", "--state", "notadir", "archive.csv"], 2);
    says(
        &out,
        "--state notadir: that is a file, and --state takes a folder",
    );
    // -o or --rejects into the state folder could replace a state file: refused, the state
    // left as it was.
    let before = std::fs::read(dir.join(&keyed)).unwrap();
    // (--rejects takes a .csv name only, so it is tried with one inside the folder.)
    let target = format!("state/{keyed}");
    for (flag, target) in [("-o", target.as_str()), ("--rejects", "state/rejects.csv")] {
        let out = wd.fails(
            &["report", "--state", "state", "archive.csv", flag, target],
            2,
        );
        says(&out, "is inside the --state folder state");
    }
    assert_eq!(std::fs::read(dir.join(&keyed)).unwrap(), before);
    // The same when the folder does not exist yet (the run would make it): refused, not an
    // I/O error on the missing folder, and nothing made.
    let out = wd.fails(
        &[
            "report",
            "--state",
            "new-state",
            "archive.csv",
            "-o",
            "new-state/out.csv",
        ],
        2,
    );
    says(&out, "is inside the --state folder new-state");
    assert!(!wd.path("new-state").exists());
}
