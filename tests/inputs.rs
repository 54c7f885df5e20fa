//! Inputs as analysts have them (issue 14): date forms, date bounds, missing columns,
//! spreadsheet leftovers, delimiters, compressed files, spreadsheets, JSON Lines, encodings,
//! people written several ways, and duplicate rows. Every fixture is written by the test.

mod common;

use common::Workdir;
use proptest::prelude::*;

use claimtrack::date::{DateBound, DateParser, DayOrder};

/// A CSV of (date, person, claim) rows with the usual header.
fn claims(rows: &[(&str, &str, &str)]) -> String {
    let mut text = String::from("date,person,claim\n");
    for (date, person, claim) in rows {
        text.push_str(&format!("{date},{person},{claim}\n"));
    }
    text
}

/// The `label` output's first column (the date as given) of every accepted row.
fn labeled_dates(out: &str) -> Vec<String> {
    out.lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn dates_in_every_built_in_form_are_accepted() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "date,person,claim\n\
         2022/02/01,Kim Cattrall,a\n\
         20220201,Kim Cattrall,b\n\
         \"Tue, 01 Feb 2022 10:00:00 +0000\",Kim Cattrall,c\n\
         \"Feb 1, 2022\",Kim Cattrall,d\n\
         1 February 2022,Kim Cattrall,e\n\
         2022-02-01 10:00,Kim Cattrall,f\n",
    );
    let out = wd.ok(&["report", "d.csv", "--format", "csv", "--by", "day"]);
    let row = out.stdout.lines().nth(1).expect("one report row");
    assert!(
        row.starts_with("Kim Cattrall,2022-02-01,6,"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("6 accepted, 0 rejected"),
        "{}",
        out.stderr
    );
}

#[test]
fn numeric_day_month_needs_to_be_told_the_order() {
    let wd = Workdir::new();
    wd.write("d.csv", claims(&[("02/01/2022", "Kim Cattrall", "a")]));
    let out = wd.ok(&["report", "d.csv", "--format", "csv"]);
    assert!(
        out.stderr.contains("ambiguous date `02/01/2022`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--dayfirst"), "{}", out.stderr);
    let day = wd.ok(&[
        "report",
        "d.csv",
        "--format",
        "csv",
        "--by",
        "day",
        "--dayfirst",
    ]);
    assert!(
        day.stdout.contains("Kim Cattrall,2022-01-02,1"),
        "{}",
        day.stdout
    );
    let month = wd.ok(&[
        "report",
        "d.csv",
        "--format",
        "csv",
        "--by",
        "day",
        "--monthfirst",
    ]);
    assert!(
        month.stdout.contains("Kim Cattrall,2022-02-01,1"),
        "{}",
        month.stdout
    );
    wd.fails(&["report", "d.csv", "--dayfirst", "--monthfirst"], 2);
}

#[test]
fn date_formats_repeat_and_may_carry_a_time_zone() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        "date,person,claim\n\
         \"Tue, 01 Feb 2022 23:30:00 -0500\",Kim Cattrall,a\n\
         14.03.23,Kim Cattrall,b\n",
    );
    let out = wd.ok(&[
        "report",
        "d.csv",
        "--format",
        "csv",
        "--by",
        "day",
        "--date-format",
        "%a, %d %b %Y %H:%M:%S %z",
        "--date-format",
        "%d.%m.%y",
    ]);
    // Converted to UTC, 23:30 at -05:00 is the next day.
    assert!(
        out.stdout.contains("Kim Cattrall,2022-02-02,1"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Kim Cattrall,2023-03-14,1"),
        "{}",
        out.stdout
    );
    for bad in ["%", "%H:%M", "%Q %Y"] {
        let out = wd.fails(&["report", "d.csv", "--date-format", bad], 2);
        assert!(
            out.stderr.contains("--date-format"),
            "{bad}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

#[test]
fn since_and_until_take_months_years_and_spans_back() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        claims(&[
            ("2021-12-31", "Kim Cattrall", "a"),
            ("2022-02-01", "Kim Cattrall", "b"),
            ("2022-02-28", "Kim Cattrall", "c"),
            ("2022-03-01", "Kim Cattrall", "d"),
            ("2023-03-25", "Kim Cattrall", "e"),
        ]),
    );
    let label = |args: &[&str]| {
        let mut all = vec!["label", "d.csv", "--format", "csv", "-q"];
        all.extend_from_slice(args);
        labeled_dates(&wd.ok(&all).stdout)
    };
    assert_eq!(
        label(&["--since", "2022-02", "--until", "2022-02"]),
        ["2022-02-01", "2022-02-28"]
    );
    assert_eq!(label(&["--since", "2022", "--until", "2022"]).len(), 3);
    assert_eq!(
        label(&["--until", "Feb 1, 2022"]),
        ["2021-12-31", "2022-02-01"]
    );
    // Relative spans count back from topics' --as-of.
    let out = wd.ok(&[
        "topics",
        "d.csv",
        "--format",
        "csv",
        "--as-of",
        "2023-03-31",
        "--since",
        "7d",
    ]);
    assert!(
        out.stderr.contains("1 row matched the filters"),
        "{}",
        out.stderr
    );
    let out = wd.fails(
        &["label", "d.csv", "--since", "2022-03", "--until", "2022-02"],
        2,
    );
    assert!(
        out.stderr.contains("--since") && out.stderr.contains("after --until"),
        "{}",
        out.stderr
    );
    // A day is read as the date column is: 01/02/2022 with --dayfirst is 1 February.
    assert_eq!(
        label(&[
            "--since",
            "01/02/2022",
            "--until",
            "28/02/2022",
            "--dayfirst"
        ]),
        ["2022-02-01", "2022-02-28"]
    );
    let out = wd.fails(&["label", "d.csv", "--since", "01/02/2022"], 2);
    assert!(out.stderr.contains("ambiguous day"), "{}", out.stderr);
    let out = wd.fails(&["label", "d.csv", "--since", "soon"], 2);
    assert!(out.stderr.contains("7d"), "{}", out.stderr);
}

#[test]
fn date_rules_as_a_table() {
    let day = |text: &str, order| {
        DateParser::with_formats(&[], order)
            .unwrap()
            .parse(text)
            .ok()
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
    };
    for (text, order, want) in [
        ("2022-02-01", None, Some("2022-02-01 00:00")),
        ("2022/02/01", None, Some("2022-02-01 00:00")),
        ("20220201", None, Some("2022-02-01 00:00")),
        ("Feb 1, 2022", None, Some("2022-02-01 00:00")),
        ("1 February 2022", None, Some("2022-02-01 00:00")),
        ("2022-02-01 09:15", None, Some("2022-02-01 09:15")),
        (
            "Tue, 01 Feb 2022 10:00:00 +0000",
            None,
            Some("2022-02-01 10:00"),
        ),
        ("02/01/2022", None, None),
        (
            "02/01/2022",
            Some(DayOrder::DayFirst),
            Some("2022-01-02 00:00"),
        ),
        (
            "02/01/2022",
            Some(DayOrder::MonthFirst),
            Some("2022-02-01 00:00"),
        ),
        ("31/01/2022", Some(DayOrder::MonthFirst), None),
    ] {
        assert_eq!(day(text, order).as_deref(), want, "{text} {order:?}");
    }
}

proptest! {
    /// Any format string at all: refused with a message or accepted, never a panic; and an
    /// accepted one parses any text without a panic.
    #[test]
    fn any_date_format_is_refused_or_works_never_panics(
        format in prop_oneof![
            "[%a-zA-Z0-9:./,+ #_^-]{0,16}",
            any::<String>(),
        ],
        text in prop_oneof![
            Just("Tue, 01 Feb 2022 10:00:00 +0000".to_string()),
            Just("2022-02-01".to_string()),
            any::<String>(),
        ],
    ) {
        if let Ok(parser) = DateParser::with_formats(std::slice::from_ref(&format), None) {
            let _ = parser.parse(&text);
            prop_assert!(!parser.expected().is_empty());
        }
        let _ = DateBound::parse(&text);
    }
}

#[test]
fn every_missing_column_is_named_at_once_with_suggestions() {
    let wd = Workdir::new();
    wd.write(
        "m.csv",
        "Published,Subject,Quote,Outlet\n2022-02-01,Kim Cattrall,a,Variety\n",
    );
    let out = wd.fails(&["report", "m.csv"], 1);
    let err = &out.stderr;
    assert!(
        err.contains("missing required columns `date`, `person`, `claim`"),
        "{err}"
    );
    assert!(err.contains("--column date=Published"), "{err}");
    assert!(err.contains("--column person=Subject"), "{err}");
    assert!(err.contains("--column claim=Quote"), "{err}");
    // The suggestions work as given.
    let out = wd.ok(&[
        "report",
        "m.csv",
        "--format",
        "csv",
        "--column",
        "date=Published",
        "--column",
        "person=Subject",
        "--column",
        "claim=Quote",
    ]);
    assert!(
        out.stdout.contains("Kim Cattrall,2022-02,1"),
        "{}",
        out.stdout
    );
    // One missing column: only it is named.
    wd.write("one.csv", "date,person,text\n2022-02-01,Kim Cattrall,a\n");
    let out = wd.fails(&["report", "one.csv"], 1);
    assert!(
        out.stderr.contains("missing required column `claim`;"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--column claim=text"), "{}", out.stderr);
}

#[test]
fn rows_of_only_delimiters_are_blank_and_trailing_empty_fields_ignored() {
    let wd = Workdir::new();
    wd.write(
        "s.csv",
        "date,person,claim,,\n\
         2022-02-01,Kim Cattrall,a,,\n\
         ,,,,\n\
         2022-02-02,Kim Cattrall,b\n\
         , ,,,\n\
         2022-02-03,Kim Cattrall,c,,,,\n",
    );
    let out = wd.ok(&["label", "s.csv", "--format", "csv"]);
    assert_eq!(
        labeled_dates(&out.stdout),
        ["2022-02-01", "2022-02-02", "2022-02-03"]
    );
    // The header's unnamed columns are kept (a row may fill them), named by position.
    assert!(
        out.stdout
            .starts_with("date,person,claim,column_4,column_5,source_type,"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("3 rows read, 3 accepted, 0 rejected"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("2 blank rows (only delimiters) skipped"),
        "{}",
        out.stderr
    );
}

/// Three rows about two people, as CSV with `delimiter`.
fn sample(delimiter: char) -> String {
    let d = delimiter;
    format!(
        "date{d}person{d}claim{d}outlet\n\
         2022-02-01{d}Kim Cattrall{d}She will return.{d}Variety\n\
         2022-02-02{d}Kim Cattrall{d}She denied it.{d}Variety\n\
         2022-03-01{d}Ruth Whitcombe{d}The mayor spoke.{d}The Ledger\n"
    )
}

/// The report's (person, period, claims) triples: what every reading of `sample` must give.
fn report_cells(out: &str) -> Vec<String> {
    out.lines()
        .skip(1)
        .map(|l| l.split(',').take(3).collect::<Vec<_>>().join(","))
        .collect()
}

const SAMPLE_REPORT: [&str; 2] = ["Kim Cattrall,2022-02,2", "Ruth Whitcombe,2022-03,1"];

#[test]
fn delimiters_come_from_the_extension_or_the_header() {
    let wd = Workdir::new();
    wd.write("a.tsv", sample('\t'));
    wd.write("b.tab", sample('\t'));
    wd.write(
        "c.csv",
        format!("\u{feff}{}", sample(';').replace('\n', "\r\n")),
    );
    wd.write("d.txt", sample('|'));
    wd.write("e.csv", sample('\t'));
    for (file, said) in [
        ("a.tsv", None),
        ("b.tab", None),
        ("c.csv", Some("separated by `;`")),
        ("d.txt", Some("separated by `|`")),
        ("e.csv", Some("separated by tabs")),
    ] {
        let out = wd.ok(&["report", file, "--format", "csv"]);
        assert_eq!(
            report_cells(&out.stdout),
            SAMPLE_REPORT,
            "{file}: {}",
            out.stderr
        );
        match said {
            Some(said) => assert!(out.stderr.contains(said), "{file}: {}", out.stderr),
            None => assert!(
                !out.stderr.contains("separated by"),
                "{file}: {}",
                out.stderr
            ),
        }
    }
    // A delimiter given wins over the header's.
    let out = wd.fails(&["report", "c.csv", "--delimiter", ","], 1);
    assert!(
        out.stderr.contains("missing required column"),
        "{}",
        out.stderr
    );
    // Piped in, the header tells too.
    let out = wd.run_stdin(&["report", "--format", "csv"], Some(sample(';').as_bytes()));
    assert_eq!(report_cells(&out.stdout), SAMPLE_REPORT, "{}", out.stderr);
}

#[test]
fn gzip_and_zstd_inputs_are_read_by_their_magic_bytes() {
    use std::io::Write;
    let wd = Workdir::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(sample(',').as_bytes()).unwrap();
    // Named without .gz: the bytes tell.
    wd.write("claims.csv", gz.finish().unwrap());
    let zst = zstd::encode_all(sample('\t').as_bytes(), 3).unwrap();
    wd.write("claims.tsv.zst", zst);
    for (file, kind) in [("claims.csv", "gzip"), ("claims.tsv.zst", "zstd")] {
        let out = wd.ok(&["report", file, "--format", "csv"]);
        assert_eq!(
            report_cells(&out.stdout),
            SAMPLE_REPORT,
            "{file}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains(&format!("{kind}-compressed")),
            "{}",
            out.stderr
        );
    }
    // Piped in, too.
    let bytes = std::fs::read(wd.path("claims.csv")).unwrap();
    let out = wd.run_stdin(&["report", "--format", "csv"], Some(&bytes));
    assert_eq!(report_cells(&out.stdout), SAMPLE_REPORT, "{}", out.stderr);
    // Cut short: a message, no panic.
    wd.write("cut.csv.gz", &bytes[..bytes.len() / 2]);
    let out = wd.run(&["report", "cut.csv.gz", "--format", "csv"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn xlsx_sheets_are_read_first_or_by_name() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let wd = Workdir::new();
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "nothing here").unwrap();
    let data = book.add_worksheet();
    data.set_name("Claims").unwrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (col, header) in ["date", "person", "claim", "outlet", "count"]
        .iter()
        .enumerate()
    {
        data.write_string(0, col as u16, *header).unwrap();
    }
    let rows = [
        ((2022, 2, 1), "Kim Cattrall", "She will return.", "Variety"),
        ((2022, 2, 2), "Kim Cattrall", "She denied it.", "Variety"),
        (
            (2022, 3, 1),
            "Ruth Whitcombe",
            "The mayor spoke.",
            "The Ledger",
        ),
    ];
    for (i, ((y, m, d), person, claim, outlet)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        data.write_datetime_with_format(row, 0, &date, &date_format)
            .unwrap();
        data.write_string(row, 1, *person).unwrap();
        data.write_string(row, 2, *claim).unwrap();
        data.write_string(row, 3, *outlet).unwrap();
        data.write_number(row, 4, 3.0).unwrap();
    }
    book.save(wd.path("claims.xlsx")).unwrap();
    let out = wd.ok(&[
        "report",
        "claims.xlsx",
        "--sheet",
        "Claims",
        "--format",
        "csv",
    ]);
    assert_eq!(report_cells(&out.stdout), SAMPLE_REPORT, "{}", out.stderr);
    let out = wd.ok(&[
        "label",
        "claims.xlsx",
        "--sheet",
        "claims",
        "--format",
        "csv",
    ]);
    let first = out.stdout.lines().nth(1).unwrap();
    assert!(
        first.starts_with("2022-02-01,Kim Cattrall,She will return.,Variety,3,"),
        "{first}"
    );
    // The first sheet by default: it has no claims, and the message names the sheets.
    let out = wd.fails(&["report", "claims.xlsx"], 1);
    assert!(
        out.stderr.contains("missing required columns"),
        "{}",
        out.stderr
    );
    let out = wd.fails(&["report", "claims.xlsx", "--sheet", "Nope"], 1);
    assert!(
        out.stderr
            .contains("no sheet `Nope`; the workbook has: Notes, Claims"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_lines_are_read_as_a_table_of_their_keys() {
    let wd = Workdir::new();
    wd.write(
        "claims.jsonl",
        "{\"date\":\"2022-02-01\",\"person\":\"Kim Cattrall\",\"claim\":\"She will return.\",\"outlet\":\"Variety\"}\n\
         {\"person\":\"Kim Cattrall\",\"date\":\"2022-02-02\",\"claim\":\"She denied it.\",\"outlet\":\"Variety\",\"likes\":4}\n\
         \n\
         {\"date\":\"2022-03-01\",\"person\":\"Ruth Whitcombe\",\"claim\":\"The mayor spoke.\",\"outlet\":\"The Ledger\"}\n",
    );
    let out = wd.ok(&["report", "claims.jsonl", "--format", "csv"]);
    assert_eq!(report_cells(&out.stdout), SAMPLE_REPORT, "{}", out.stderr);
    wd.write("bad.jsonl", "{\"date\":\"2022-02-01\"}\nnot json\n");
    let out = wd.fails(&["report", "bad.jsonl"], 1);
    assert!(
        out.stderr.contains("bad.jsonl:2: not valid JSON"),
        "{}",
        out.stderr
    );
}

/// Rows of JSON Lines input are placed at the JSON Lines file's own physical line, whatever
/// comes before them (blank lines, strings holding line breaks) and however the file arrives
/// (read again from the file, or spooled from stdin or from gzip).
#[test]
fn json_lines_rows_are_placed_at_their_own_line() {
    let wd = Workdir::new();
    let text = "{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"Line one\\nline two\\nline three.\"}\n\
                \n\
                \r\n\
                {\"date\":\"not a date\",\"person\":\"Bob Ray\",\"claim\":\"Said \\\"it\\\",\\nthen more.\"}\n\
                {\"claim\":\"Two\\n\\nbreaks.\",\"date\":\"2022-01-02\",\"person\":\"Cy Doe\"}\n\
                \n\
                {\"date\":\"2022-01-03\",\"person\":\"\",\"claim\":\"No one.\"}";
    wd.write("c.jsonl", text);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, text.as_bytes()).unwrap();
    wd.write("c.jsonl.gz", gz.finish().unwrap());
    for (name, stdin) in [
        ("c.jsonl", None),
        ("c.jsonl.gz", None),
        ("<stdin>", Some(text.as_bytes())),
    ] {
        let file = if stdin.is_some() { "-" } else { name };
        let args = ["label", file, "--format", "csv", "--rejects", "rejects.csv"];
        let out = wd.run_stdin(&args, stdin);
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        let rejects = common::Table::csv(&wd.read("rejects.csv"));
        let lines: Vec<&str> = rejects.column("line").collect();
        assert_eq!(lines, ["4", "7"], "{name}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("{name}:4: unrecognised date `not a date`"))
                && out.stderr.contains(&format!("{name}:7: empty person")),
            "{name}: {}",
            out.stderr
        );
        // Seven lines, the last without a line break.
        assert!(
            out.stderr.contains("4 rows read, 2 accepted, 2 rejected")
                && out.stderr.contains(&format!("({name}: 7 lines)")),
            "{name}: {}",
            out.stderr
        );
        let table = common::Table::csv(&out.stdout);
        let claims: Vec<&str> = table.column("claim").collect();
        assert_eq!(
            claims,
            ["Line one\nline two\nline three.", "Two\n\nbreaks."],
            "{name}"
        );
        let rows: Vec<&str> = rejects.column("claim").collect();
        assert_eq!(rows, ["Said \"it\",\nthen more.", "No one."], "{name}");
    }
}

/// A key given twice in one object stops the run at its line, the key named safely; so does a
/// line longer than --max-record-size, without keeping the line.
#[test]
fn json_lines_with_a_repeated_key_or_a_line_over_the_limit_stop_the_run() {
    let wd = Workdir::new();
    wd.write(
        "d.jsonl",
        "{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"Fine.\"}\n\
         \n\
         {\"date\":\"2022-01-02\",\"person\":\"Bob Ray\",\"claim\":\"One.\",\"claim\":\"Two.\"}\n",
    );
    let out = wd.fails(&["report", "d.jsonl", "-o", "out.csv"], 1);
    assert!(
        out.stderr
            .contains("d.jsonl:3: key `claim` appears twice in this object"),
        "{}",
        out.stderr
    );
    assert!(!wd.path("out.csv").exists());
    // A key with a line break and an escape sequence is shown escaped, never as itself.
    wd.write(
        "e.jsonl",
        "{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"Fine.\",\"a\\nb\\u001b[31m\":1,\"a\\nb\\u001b[31m\":2}\n",
    );
    let out = wd.fails(&["report", "e.jsonl"], 1);
    assert!(
        out.stderr
            .contains("e.jsonl:1: key `a\\nb\\x1b[31m` appears twice"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);

    let mut text =
        String::from("{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"Fine.\"}\n\n");
    let long = format!(
        "{{\"date\":\"2022-01-02\",\"person\":\"Bob Ray\",\"claim\":\"{}\"}}",
        "x".repeat(5000)
    );
    text.push_str(&long);
    text.push_str("\n{\"date\":\"2022-01-03\",\"person\":\"Cy Doe\",\"claim\":\"Last.\"}\n");
    wd.write("long.jsonl", &text);
    let out = wd.fails(&["report", "long.jsonl", "--max-record-size", "1K"], 1);
    assert!(
        out.stderr
            .contains("long.jsonl:3: line longer than --max-record-size (1024 bytes)"),
        "{}",
        out.stderr
    );
    // Within the limit, the same file reads.
    let out = wd.ok(&["report", "long.jsonl", "--max-record-size", "8K"]);
    assert!(
        out.stderr.contains("3 rows read, 3 accepted"),
        "{}",
        out.stderr
    );
}

/// 20,000 distinct keys, in each of 100 objects: collecting them is linear (it was a scan of
/// the keys so far for each key of each object, 2 × 10^10 comparisons here: 25 s in a release
/// build, against well under a second now).
#[test]
fn json_lines_with_many_keys_are_read_in_linear_time() {
    let wd = Workdir::new();
    let mut text = String::new();
    for row in 0..100 {
        text.push_str(&format!(
            "{{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"Row {row}.\""
        ));
        for key in 0..20_000 {
            text.push_str(&format!(",\"key {key}\":{row}"));
        }
        text.push_str("}\n");
    }
    wd.write("wide.jsonl", &text);
    let started = std::time::Instant::now();
    let out = wd.ok(&["label", "wide.jsonl", "-o", "out.csv"]);
    let took = started.elapsed();
    assert!(
        out.stderr.contains("100 rows read, 100 accepted"),
        "{}",
        out.stderr
    );
    let table = common::Table::csv(&wd.read("out.csv"));
    assert_eq!(table.get(&table.rows[99], "key 19999"), "99");
    assert!(
        took < std::time::Duration::from_secs(10),
        "20,000 keys took {took:?}"
    );
}

/// A JSON Lines file of 207 MB, half the address space allowed, reads under `ulimit -v`: the
/// file is read twice as a stream, never held (before, it was held with its CSV text: this
/// run aborted with exit 134). The limit leaves room for the allocator's per-thread arenas,
/// which take address space, not memory: a CSV file of these rows aborts now and then under
/// 250000 too.
#[cfg(target_os = "linux")]
#[test]
fn a_json_lines_file_larger_than_memory_reads_under_a_memory_limit() {
    use std::io::Write;
    let wd = Workdir::new();
    let mut file = std::io::BufWriter::new(std::fs::File::create(wd.path("big.jsonl")).unwrap());
    let pad = "x".repeat(2000);
    let rows = 100_000;
    for i in 0..rows {
        writeln!(
            file,
            "{{\"date\":\"2022-01-{:02}\",\"person\":\"Person {}\",\"claim\":\"Said {i}.\",\"pad\":\"{pad}\"}}",
            i % 28 + 1,
            i % 50
        )
        .unwrap();
    }
    drop(file);
    assert!(std::fs::metadata(wd.path("big.jsonl")).unwrap().len() > 200_000_000);
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            "ulimit -v 400000 && exec \"$0\" report big.jsonl -o out.csv",
            common::BIN,
        ])
        .current_dir(wd.path(""))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("100,000 rows read, 100,000 accepted")
            && stderr.contains("(big.jsonl: 100,000 lines)"),
        "{stderr}"
    );
}

#[test]
fn other_files_are_described_never_dumped() {
    let wd = Workdir::new();
    for (file, bytes, said) in [
        (
            "a.csv",
            &b"%PDF-1.4\n\x00\x01\x02\xff binary"[..],
            "a PDF document",
        ),
        ("b.csv", &b"\x89PNG\r\n\x1a\n\x00\x00"[..], "a PNG image"),
        (
            "c.csv",
            &b"date,person\x00\x00\x01\x02"[..],
            "a binary file",
        ),
        ("d.json", &b"[{\"date\": \"2022-02-01\"}]"[..], "jq -c"),
        (
            "e.csv",
            &b"PK\x03\x04\x14\x00\x00\x00garbage"[..],
            "not a sheet",
        ),
    ] {
        wd.write(file, bytes);
        let out = wd.fails(&["report", file], 1);
        assert!(out.stderr.contains(said), "{file}: {}", out.stderr);
        assert!(out.stderr.contains("export the data as CSV") || said != "a PDF document");
        assert!(
            !out.stderr.contains('\0') && !out.stderr.contains("\u{fffd}"),
            "{file}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn encodings_by_flag_or_byte_order_mark() {
    let wd = Workdir::new();
    let text = "date,person,claim\n2022-02-01,Björn Ulvaeus,Él dijo que sí.\n";
    // Windows-1252, as an old CMS exports it.
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    wd.write("cms.csv", &cp1252[..]);
    let out = wd.ok(&["label", "cms.csv", "--format", "csv"]);
    assert!(
        out.stderr.contains("warning: bytes that are not UTF-8"),
        "{}",
        out.stderr
    );
    let hints = out.stderr.matches("--encoding windows-1252").count();
    assert_eq!(hints, 1, "{}", out.stderr);
    let out = wd.ok(&[
        "label",
        "cms.csv",
        "--format",
        "csv",
        "--encoding",
        "latin1",
    ]);
    assert!(
        out.stdout
            .contains("2022-02-01,Björn Ulvaeus,Él dijo que sí."),
        "{}",
        out.stdout
    );
    assert!(!out.stderr.contains("not UTF-8"), "{}", out.stderr);
    // UTF-16 with its byte-order mark, little- or big-endian, needs no flag.
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    wd.write("le.csv", le);
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    wd.write("be.csv", be);
    for file in ["le.csv", "be.csv"] {
        let out = wd.ok(&["label", file, "--format", "csv"]);
        assert!(
            out.stdout.contains("Björn Ulvaeus,Él dijo"),
            "{file}: {}",
            out.stdout
        );
        assert!(
            out.stderr.contains("decoded from UTF-16"),
            "{file}: {}",
            out.stderr
        );
    }
    let out = wd.fails(&["label", "cms.csv", "--encoding", "klingon"], 2);
    assert!(
        out.stderr.contains("unknown encoding `klingon`"),
        "{}",
        out.stderr
    );
}

/// Rows naming people several ways, with topics.
fn people_file() -> String {
    "date,person,claim,speaker,topic\n\
     2022-02-01,Mayor Ruth Whitcombe,She will run.,a source,run\n\
     2022-02-02,Ruth Whitcombe,She confirmed she will run.,Ruth Whitcombe,run\n\
     2022-02-03,Whitcombe,She spoke.,,run\n\
     2022-02-04,\"Whitcombe, Ruth\",She spoke again.,,budget\n\
     2022-02-05,Björn Ulvaeus,He wrote a song.,,song\n\
     2022-02-06,bjorn  ulvaeus,He sang.,,song\n\
     2022-02-07,Teddy Okafor-Lane,He ran.,,race\n\
     2022-02-08,Teddy Okafor Lane,He won.,,race\n\
     2022-02-09,Kim Cattrall,She acted.,,film\n\
     2022-02-10,Kim Kardashian,She posted.,,post\n"
        .to_string()
}

#[test]
fn report_and_topics_group_a_person_written_several_ways() {
    let wd = Workdir::new();
    wd.write("p.csv", people_file());
    let out = wd.ok(&["report", "p.csv", "--format", "csv"]);
    assert_eq!(
        report_cells(&out.stdout),
        [
            "Björn Ulvaeus,2022-02,2",
            "Kim Cattrall,2022-02,1",
            "Kim Kardashian,2022-02,1",
            "Ruth Whitcombe,2022-02,4",
            "Teddy Okafor-Lane,2022-02,2",
        ],
        "{}",
        out.stdout
    );
    let out = wd.ok(&["topics", "p.csv", "--format", "csv"]);
    let topics: Vec<String> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        topics,
        [
            "Björn Ulvaeus,song",
            "Kim Cattrall,film",
            "Kim Kardashian,post",
            "Ruth Whitcombe,run",
            "Ruth Whitcombe,budget",
            "Teddy Okafor-Lane,race",
        ],
        "{}",
        out.stdout
    );
    // The run topic's three rows are one story: rumor, then confirmed on the record.
    let run = out.stdout.lines().find(|l| l.contains(",run,")).unwrap();
    assert!(run.contains(",confirmed,"), "{run}");
}

#[test]
fn the_people_file_merges_and_splits_by_hand() {
    let wd = Workdir::new();
    wd.write("p.csv", people_file());
    wd.write(
        "people.txt",
        "# who is who\nRuth Whitcombe, Mayor Ruth Whitcombe\nDana Whitcombe, Whitcombe\nKim, Kim Cattrall, Kim Kardashian\n",
    );
    let out = wd.ok(&[
        "report",
        "p.csv",
        "--format",
        "csv",
        "--people",
        "people.txt",
    ]);
    let cells = report_cells(&out.stdout);
    assert!(
        cells.contains(&"Dana Whitcombe,2022-02,1".to_string()),
        "{cells:?}"
    );
    assert!(
        cells.contains(&"Ruth Whitcombe,2022-02,3".to_string()),
        "{cells:?}"
    );
    assert!(cells.contains(&"Kim,2022-02,2".to_string()), "{cells:?}");
    let out = wd.ok(&[
        "label",
        "p.csv",
        "--format",
        "csv",
        "-q",
        "--people",
        "people.txt",
        "--person",
        "Kim",
    ]);
    assert_eq!(labeled_dates(&out.stdout), ["2022-02-09", "2022-02-10"]);
    wd.fails(&["report", "p.csv", "--people", "nope.txt"], 1);
}

#[test]
fn person_finds_the_identity_and_a_first_name_alone_finds_no_one() {
    let wd = Workdir::new();
    wd.write("p.csv", people_file());
    let label = |args: &[&str]| {
        let mut all = vec!["label", "p.csv", "--format", "csv"];
        all.extend_from_slice(args);
        let out = wd.ok(&all);
        (labeled_dates(&out.stdout), out.stderr)
    };
    let (dates, _) = label(&["--person", "Bjorn Ulvaeus"]);
    assert_eq!(dates, ["2022-02-05", "2022-02-06"]);
    let (dates, _) = label(&["--person", "ruth whitcombe"]);
    assert_eq!(
        dates,
        ["2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04"]
    );
    let (dates, _) = label(&["--person", "okafor lane"]);
    assert_eq!(dates, ["2022-02-07", "2022-02-08"]);
    let (dates, err) = label(&["--person", "kim"]);
    assert!(dates.is_empty(), "{dates:?}");
    assert!(
        err.contains("--person `kim` matches no one; closest names:"),
        "{err}"
    );
    let (_, err) = label(&["--person", "Kim Catrall"]);
    assert!(err.contains("closest names: Kim Cattrall"), "{err}");
    let (_, err) = label(&["--person", "Zebedee Q"]);
    assert!(err.contains("no name in the input is close"), "{err}");
}

#[test]
fn dedupe_drops_rows_repeated_across_overlapping_exports() {
    let wd = Workdir::new();
    wd.write(
        "jan.csv",
        "date,person,claim,speaker,outlet\n\
         2022-02-01,Kim Cattrall,She said \"no\".,a source,Variety\n\
         2022-02-02,Kim Cattrall,She will return.,,Variety\n",
    );
    wd.write(
        "feb.csv",
        "date,person,claim,speaker,outlet\n\
         2022-02-01,kim  cattrall,She said \u{201c}no\u{201d}.,a  source,Variety\n\
         2022-02-02,Kim Cattrall,She will return.,,People\n\
         2022-02-03,Kim Cattrall,She said \"no\".,a source,Variety\n",
    );
    let out = wd.ok(&["label", "jan.csv", "feb.csv", "--format", "csv", "--dedupe"]);
    assert_eq!(
        labeled_dates(&out.stdout),
        ["2022-02-01", "2022-02-02", "2022-02-02", "2022-02-03"]
    );
    assert!(
        out.stderr.contains("1 duplicate row dropped (--dedupe)"),
        "{}",
        out.stderr
    );
    let out = wd.ok(&[
        "report", "jan.csv", "feb.csv", "--format", "csv", "--dedupe",
    ]);
    assert_eq!(report_cells(&out.stdout), ["Kim Cattrall,2022-02,4"]);
    // Without the flag every row counts.
    let out = wd.ok(&["report", "jan.csv", "feb.csv", "--format", "csv"]);
    assert_eq!(report_cells(&out.stdout), ["Kim Cattrall,2022-02,5"]);
    assert!(!out.stderr.contains("duplicate"), "{}", out.stderr);
}

/// An .ods of one sheet, `Claims`, of `rows` (its XML), its parts stored with `method`.
fn ods(rows: &str, method: zip::CompressionMethod) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Claims\">{}</table:table>\
         </office:spreadsheet></office:body></office:document-content>",
        rows
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn ods_sheets_are_read_too() {
    let wd = Workdir::new();
    let cell = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let date = |d: &str| {
        format!(
            "<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>"
        )
    };
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row(vec![
            cell("date"),
            cell("person"),
            cell("claim"),
            cell("outlet"),
        ]),
        row(vec![
            date("2022-02-01"),
            cell("Kim Cattrall"),
            cell("She will return."),
            cell("Variety"),
        ]),
        row(vec![
            date("2022-02-02"),
            cell("Kim Cattrall"),
            cell("She denied it."),
            cell("Variety"),
        ]),
        row(vec![
            date("2022-03-01"),
            cell("Ruth Whitcombe"),
            cell("The mayor spoke."),
            cell("The Ledger"),
        ]),
    ];
    let bytes = ods(&rows.concat(), zip::CompressionMethod::Stored);
    wd.write("claims.ods", bytes);
    let out = wd.ok(&["report", "claims.ods", "--format", "csv"]);
    assert_eq!(report_cells(&out.stdout), SAMPLE_REPORT, "{}", out.stderr);
    assert!(out.stderr.contains("read sheet `Claims`"), "{}", out.stderr);
}

/// A sheet is converted in memory, so a workbook whose XML unpacks to more than
/// --max-record-size is refused before it is parsed (exit 1, saying to export it as CSV): here
/// about 2.6 MB of rows, deflated to a few KB, against a limit of 1 MB; under 8 MB it reads.
#[test]
fn a_workbook_whose_xml_unpacks_over_the_limit_is_refused_before_it_is_read() {
    let wd = Workdir::new();
    let mut rows = String::from(
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>date</text:p></table:table-cell>\
         <table:table-cell office:value-type=\"string\"><text:p>person</text:p></table:table-cell>\
         <table:table-cell office:value-type=\"string\"><text:p>claim</text:p></table:table-cell></table:table-row>",
    );
    let row = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>2022-02-01</text:p></table:table-cell>\
        <table:table-cell office:value-type=\"string\"><text:p>Kim Cattrall</text:p></table:table-cell>\
        <table:table-cell office:value-type=\"string\"><text:p>She will return.</text:p></table:table-cell></table:table-row>";
    for _ in 0..10_000 {
        rows.push_str(row);
    }
    assert!(rows.len() > 2_500_000);
    let bytes = ods(&rows, zip::CompressionMethod::Deflated);
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    wd.write("big.ods", bytes);
    let out = wd.fails(&["report", "big.ods", "--max-record-size", "1M"], 1);
    assert!(
        out.stderr.contains(
            "big.ods: the workbook's XML unpacks to more than --max-record-size (1048576 bytes)"
        ) && out.stderr.contains("export the sheet as CSV"),
        "{}",
        out.stderr
    );
    let out = wd.ok(&[
        "report",
        "big.ods",
        "--max-record-size",
        "8M",
        "--format",
        "csv",
    ]);
    assert_eq!(report_cells(&out.stdout), ["Kim Cattrall,2022-02,10000"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Damaged compressed files, workbooks, UTF-16 and JSON Lines: a message or a result,
    /// never a panic and never raw bytes on the terminal.
    #[test]
    fn damaged_inputs_of_every_kind_never_panic(
        magic in prop_oneof![
            Just(&b"\x1f\x8b\x08\x00"[..]),
            Just(&b"\x28\xb5\x2f\xfd"[..]),
            Just(&b"PK\x03\x04"[..]),
            Just(&b"\xd0\xcf\x11\xe0"[..]),
            Just(&b"\xff\xfe"[..]),
            Just(&b"{\"date\":"[..]),
            Just(&b"date;person;claim\n"[..]),
        ],
        rest in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let wd = Workdir::new();
        let mut bytes = magic.to_vec();
        bytes.extend(rest);
        wd.write("in.dat", &bytes);
        let out = wd.run(&["report", "in.dat", "--format", "csv"]);
        prop_assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        prop_assert!(matches!(out.code, Some(0) | Some(1)), "exit {:?}: {}", out.code, out.stderr);
        prop_assert!(!out.stderr.contains('\0'), "{}", out.stderr);
    }
}

#[test]
fn data_under_an_unnamed_last_column_is_kept_as_column_n() {
    let wd = Workdir::new();
    wd.write(
        "t.csv",
        "date,person,claim,\n2022-01-01,Ann Lee,The plan is good.,kept\n",
    );
    wd.write(
        "t.jsonl",
        "{\"date\":\"2022-01-01\",\"person\":\"Ann Lee\",\"claim\":\"The plan is good.\",\"\":\"kept\"}\n",
    );
    for file in ["t.csv", "t.jsonl"] {
        let out = wd.ok(&["label", file, "--format", "csv"]);
        let mut lines = out.stdout.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let row: Vec<&str> = lines.next().unwrap().split(',').collect();
        assert_eq!(
            &header[..4],
            ["date", "person", "claim", "column_4"],
            "{file}"
        );
        assert_eq!(row[3], "kept", "{file}: {}", out.stdout);
        assert!(
            out.stderr.contains("1 accepted, 0 rejected"),
            "{file}: {}",
            out.stderr
        );
        assert!(
            out.stderr
                .contains("column 4 has no name: written as `column_4`"),
            "{file}: {}",
            out.stderr
        );
    }
}
