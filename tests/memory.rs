//! Peak memory of the binary on large inputs, in a test binary of its own: a child's peak
//! (`ru_maxrss`) includes the spawning process's own peak, since the child starts in its
//! memory; among the other reliability tests, which hold large inputs, it measured the test
//! process rather than claimtrack.

mod common;

use common::Workdir;
#[cfg(unix)]
use common::run_streaming;

/// One test at a time: a child's peak includes this process's peak when it started, so one
/// test's large input, made here, would show in the other's children.
#[cfg(unix)]
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(unix)]
#[test]
fn aggregates_stay_small_per_key_and_the_label_summary_stays_flat() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let wd = Workdir::new();
    const ROWS: usize = 200_000;
    // Row i is about person, outlet and topic number i % distinct.
    let rows = |distinct: usize| {
        move |out: &mut dyn std::io::Write| {
            let mut text = String::from("date,person,claim,speaker,outlet,topic\n");
            for i in 0..ROWS {
                let k = i % distinct;
                text.push_str(&format!(
                    "2022-01-01,Person{k} Name,A source said it.,a source,Outlet {k},topic-{k}\n"
                ));
            }
            let _ = out.write_all(text.as_bytes());
        }
    };
    let peak = |command: &str, distinct: usize| {
        let (code, stderr, kb) = run_streaming(&wd, &[command, "-", "-q"], rows(distinct));
        assert_eq!(code, 0, "{stderr}");
        kb
    };
    // Peak memory with 200,000 keys against 1,000, per extra key. On these rows (from a file,
    // release build, GNU time): report 211 bytes per person (one cell each), topics 356 per
    // topic with a person of its own, outlets 404 per topic with a person and an outlet of its
    // own; at e571924, before the last round of issue 12's work, 292, 655 and 724. The bounds
    // are generous: they catch a copy or a map per key more, not a few bytes.
    for (command, what, bound) in [
        ("report", "person", 280),
        ("topics", "topic (and person)", 480),
        ("outlets", "topic (and person and outlet)", 540),
    ] {
        let (few, many) = (peak(command, 1_000), peak(command, ROWS));
        let per_key = (many - few) * 1024 / (ROWS as i64 - 1_000);
        assert!(
            per_key < bound,
            "{command}: {per_key} bytes per {what} ({few} KB, {many} KB), over {bound}"
        );
    }
    // label's summary keeps 10,000 outlets apart at most: 200,000 outlets cost what 10,000 do.
    let (few, many) = (peak("label", 10_000), peak("label", ROWS));
    assert!(
        many < few + 8_000,
        "label: {few} KB with 10,000 outlets, {many} KB with {ROWS}"
    );
}

/// JSON Lines on stdin is spooled to an unnamed temporary file and read from it again, so its
/// peak memory does not grow with its size: 150 MB within 16 MB of 50 MB (both are enough to
/// fill the pipeline's batches, which are bounded on their own). Before, the whole input and its
/// CSV text were held: 426 MB peak for a 105 MB file.
#[cfg(unix)]
#[test]
fn json_lines_on_stdin_read_in_memory_that_does_not_grow_with_the_input() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let wd = Workdir::new();
    let rows = |count: usize| {
        move |out: &mut dyn std::io::Write| {
            let pad = "x".repeat(1000);
            for i in 0..count {
                let row = format!(
                    "{{\"date\":\"2022-01-{:02}\",\"person\":\"Person {}\",\"claim\":\"Said {i}.\",\"pad\":\"{pad}\"}}\n",
                    i % 28 + 1,
                    i % 50
                );
                if out.write_all(row.as_bytes()).is_err() {
                    return;
                }
            }
        }
    };
    let (code, stderr, small) = run_streaming(&wd, &["report", "-", "-o", "a.csv"], rows(50_000));
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr, big) = run_streaming(&wd, &["report", "-", "-o", "b.csv"], rows(150_000));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("150,000 rows read, 150,000 accepted")
            && stderr.contains("(<stdin>: 150,000 lines)"),
        "{stderr}"
    );
    assert!(big < small + 16_000, "peak {big} KB against {small} KB");
    eprintln!("peak memory: {small} KB (50 MB of JSON Lines), {big} KB (150 MB)");
}

/// Wide records fill a batch by their fields, not only their bytes: JSON Lines of 10,000
/// objects, each with one key of its own, is a CSV of 10,000 columns whose every record has
/// 10,000 short fields. Measured (release, GNU time): `report` 54 MB and `label` 61 MB peak,
/// where the batch budget counted bytes alone: 545 MB and 908 MB (one key each: 17 MB).
#[cfg(unix)]
#[test]
fn wide_records_fill_a_batch_by_their_fields() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let wd = Workdir::new();
    let rows = |own_key: bool| {
        move |out: &mut dyn std::io::Write| {
            let mut text = String::new();
            for k in 0..10_000 {
                let key = if own_key {
                    format!("key{k}")
                } else {
                    "key".into()
                };
                text.push_str(&format!(
                    "{{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"Said {k}.\",\"{key}\":1}}\n"
                ));
            }
            let _ = out.write_all(text.as_bytes());
        }
    };
    for command in ["report", "label"] {
        let peak = |own_key: bool| {
            let args = [command, "-", "-q", "-o", "out.csv"];
            let (code, stderr, kb) = run_streaming(&wd, &args, rows(own_key));
            assert_eq!(code, 0, "{command}: {stderr}");
            kb
        };
        let (narrow, wide) = (peak(false), peak(true));
        assert!(
            wide < narrow + 120_000,
            "{command}: {wide} KB with 10,000 columns, {narrow} KB with 4"
        );
        eprintln!("{command}: peak {narrow} KB (4 columns), {wide} KB (10,000 columns)");
    }
}

/// An xlsx sheet streams its rows to a temporary file (rust_xlsxwriter's constant-memory
/// mode): 200,000 `label` rows peak within a few hundred bytes a row of 20,000 (the zip, built
/// in memory at the end, is about 165 bytes a row). Before, every cell stayed in memory until
/// the end: about 3.6 KB a row (3.68 GB peak for 1M rows, 188 MB now; release build).
#[cfg(unix)]
#[test]
fn an_xlsx_sheet_does_not_hold_its_rows_in_memory() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let wd = Workdir::new();
    let rows = |n: usize| {
        move |out: &mut dyn std::io::Write| {
            let mut text = String::from("date,person,claim,speaker,outlet\n");
            for i in 0..n {
                text.push_str(&format!(
                    "2022-01-{:02},Person{} Name,A source close to the star said the deal is \
                     off for now.,a source,Outlet {}\n",
                    i % 28 + 1,
                    i % 500,
                    i % 40
                ));
            }
            let _ = out.write_all(text.as_bytes());
        }
    };
    let peak = |n: usize| {
        let (code, stderr, kb) =
            run_streaming(&wd, &["label", "-", "-q", "-o", "out.xlsx"], rows(n));
        assert_eq!(code, 0, "{stderr}");
        assert!(wd.path("out.xlsx").metadata().unwrap().len() > 1000);
        kb
    };
    let (few, many) = (peak(20_000), peak(200_000));
    let per_row = (many - few) * 1024 / 180_000;
    assert!(
        per_row < 1_000,
        "{per_row} bytes per row ({few} KB for 20,000 rows, {many} KB for 200,000)"
    );
}

/// The terminal table streams its rows once the first 10,000 have fixed the layout:
/// 200,000 rows peak about as 20,000 do (before, every row was held to the end: 1.80 GB for
/// 1M `label` rows, 40 MB now; release build).
#[cfg(unix)]
#[test]
fn the_terminal_table_does_not_hold_its_rows() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let wd = Workdir::new();
    let rows = |n: usize| {
        move |out: &mut dyn std::io::Write| {
            let mut text = String::from("date,person,claim,speaker\n");
            for i in 0..n {
                text.push_str(&format!(
                    "2022-01-01,Person{} Name,A source close to the star said the deal is off.,a source\n",
                    i % 500
                ));
            }
            let _ = out.write_all(text.as_bytes());
        }
    };
    let peak = |n: usize| {
        let mut command = wd.command(&["label", "-", "-q", "--format", "table"]);
        command.env("COLUMNS", "300");
        let (code, stderr, kb) = common::run_command_streaming(command, rows(n));
        assert_eq!(code, 0, "{stderr}");
        kb
    };
    let (few, many) = (peak(20_000), peak(200_000));
    let per_row = (many - few) * 1024 / 180_000;
    assert!(
        per_row < 100,
        "{per_row} bytes per row ({few} KB for 20,000 rows, {many} KB for 200,000)"
    );
}
