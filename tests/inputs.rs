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
        out.stderr.contains("1 rows matched the filters"),
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
fn rows_of_only_delimiters_are_blank_and_trailing_empty_columns_ignored() {
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
    assert!(
        out.stdout.starts_with("date,person,claim,source_type,"),
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
