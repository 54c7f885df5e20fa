//! Output for spreadsheets: real xlsx (read back with calamine, cells typed), CSV with a BOM
//! and with `;`, and file names that say what they hold.

mod common;

use std::io::Read;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Table, Workdir, fixture};

/// Excel's serial day number: days since 1899-12-30.
fn serial(day: &str) -> f64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    (date - epoch).num_days() as f64
}

fn sheet_xml(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn report_as_xlsx_has_typed_cells_a_frozen_filtered_header_and_the_csv_values() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    wd.ok(&["report", &input, "-o", "report.xlsx", "-q"]);
    let csv = Table::csv(&wd.ok(&["report", &input]).stdout);

    let mut book: Xlsx<_> = open_workbook(wd.path("report.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["report"]);
    let range = book.worksheet_range("report").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, csv.header);
    assert_eq!(rows.len(), csv.rows.len() + 1);
    for (got, want) in rows[1..].iter().zip(&csv.rows) {
        for ((cell, text), column) in got.iter().zip(want).zip(&csv.header) {
            match cell {
                Data::Float(x) => {
                    let expected: f64 = text.parse().unwrap();
                    assert!((x - expected).abs() < 1e-9, "{column}: {x} vs {text}");
                }
                Data::String(s) => {
                    assert_eq!(s, text, "{column}");
                    assert!(text.parse::<f64>().is_err(), "{column}: a number as text");
                }
                Data::Empty => assert_eq!(text, "", "{column}"),
                other => panic!("{column}: unexpected cell {other:?}"),
            }
        }
    }
    // The numbers are numbers: claims and the shares.
    assert_eq!(rows[1][2], Data::Float(4.0));
    assert_eq!(rows[1][16], Data::Float(0.5));

    let xml = sheet_xml(&wd.path("report.xlsx"));
    assert!(xml.contains(r#"ySplit="1""#), "header not frozen: {xml}");
    assert!(
        xml.contains(r#"<autoFilter ref="A1:T4""#),
        "no filter: {xml}"
    );
}

#[test]
fn topics_as_xlsx_write_days_as_dates_and_formulas_as_text() {
    let wd = Workdir::new();
    wd.write(
        "claims.csv",
        "date,person,claim,source_type,outlet,topic,stance\n\
         2022-01-05,Ann Lee,She will return.,anonymous,\"=HYPERLINK(\"\"http://x\"\")\",t1,\n\
         2022-02-10,Ann Lee,I will return.,subject-on-record,The Ledger,t1,confirm\n",
    );
    wd.ok(&[
        "topics",
        "claims.csv",
        "--format",
        "xlsx",
        "-o",
        "topics.xlsx",
        "-q",
    ]);
    let mut book: Xlsx<_> = open_workbook(wd.path("topics.xlsx")).unwrap();
    let range = book.worksheet_range("topics").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let cell = |column: &str| {
        let i = header.iter().position(|h| h == column).unwrap();
        range.rows().nth(1).unwrap()[i].clone()
    };
    match cell("first_seen") {
        Data::DateTime(d) => assert_eq!(d.as_f64(), serial("2022-01-05")),
        other => panic!("first_seen is not a date: {other:?}"),
    }
    assert_eq!(
        cell("first_rumor_outlet"),
        Data::String("=HYPERLINK(\"http://x\")".to_string())
    );
    let formulas = book.worksheet_formula("topics").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    assert_eq!(cell("days_to_resolution"), Data::Float(36.0));
}

#[test]
fn bom_and_output_delimiter_for_european_spreadsheets() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let out = wd.ok(&["report", &input, "--bom", "--output-delimiter", ";", "-q"]);
    assert!(
        out.stdout.starts_with("\u{feff}person;period;claims;"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\nAnn Lee;2022-01;4;"),
        "{}",
        out.stdout
    );
    let tsv = wd.ok(&["report", &input, "--format", "tsv", "--bom", "-q"]);
    assert!(tsv.stdout.starts_with("\u{feff}person\tperiod\t"));
    let plain = wd.ok(&["report", &input, "-q"]);
    assert!(plain.stdout.starts_with("person,period"));
    let bad = wd.run(&["report", &input, "--output-delimiter", ";;"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
}

#[test]
fn an_unknown_output_extension_is_a_usage_error_unless_the_format_is_given() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let bad = wd.run(&["report", &input, "-o", "report.xls"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(bad.stderr.contains(".xls"), "{}", bad.stderr);
    assert!(bad.stderr.contains("--format"), "{}", bad.stderr);
    assert!(!wd.path("report.xls").exists());
    wd.ok(&[
        "report",
        &input,
        "-o",
        "report.xls",
        "--format",
        "csv",
        "-q",
    ]);
    assert!(wd.read("report.xls").starts_with("person,period"));
    // No extension at all: CSV, as before.
    wd.ok(&["report", &input, "-o", "report", "-q"]);
    assert!(wd.read("report").starts_with("person,period"));
}
