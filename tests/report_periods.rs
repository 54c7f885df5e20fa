//! `report --by all` and `--fill`: the shapes plots and spreadsheets want.

mod common;

use common::{Table, Workdir, fixture};

/// The named columns of every row.
fn cells<'a>(table: &'a Table, columns: &[&str]) -> Vec<Vec<&'a str>> {
    let rows = table.rows.iter();
    rows.map(|r| columns.iter().map(|c| table.get(r, c)).collect())
        .collect()
}

#[test]
fn by_all_is_one_row_per_person_over_the_whole_range() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let all = Table::csv(&wd.ok(&["report", &input, "--by", "all"]).stdout);
    let rows = cells(&all, &["person", "period", "claims", "rumor"]);
    // Ann Lee: six claims over January and February, three of them rumor-tier (anonymous,
    // exclusive-anonymous, unattributed); Bob Ray: one on the record.
    assert_eq!(
        rows,
        [["Ann Lee", "all", "6", "3"], ["Bob Ray", "all", "1", "0"]]
    );
    assert_eq!(all.get(&all.rows[0], "rumor_share"), "0.5000");
}

#[test]
fn fill_writes_every_period_between_the_first_and_the_last_with_zeros() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let filled = Table::csv(&wd.ok(&["report", &input, "--fill"]).stdout);
    let periods = cells(&filled, &["person", "period", "claims"]);
    assert_eq!(
        periods,
        [
            ["Ann Lee", "2022-01", "4"],
            ["Ann Lee", "2022-02", "2"],
            ["Ann Lee", "2022-03", "0"],
            ["Ann Lee", "2022-04", "0"],
            ["Bob Ray", "2022-01", "0"],
            ["Bob Ray", "2022-02", "0"],
            ["Bob Ray", "2022-03", "0"],
            ["Bob Ray", "2022-04", "1"],
        ]
    );
    // A filled row: every count zero, every mean and share empty.
    let empty = &filled.rows[2];
    for column in ["anonymous", "on_record", "rumor"] {
        assert_eq!(filled.get(empty, column), "0", "{column}");
    }
    for column in ["rumor_share", "tone_on_record", "tone_rumor", "tone_gap"] {
        assert_eq!(filled.get(empty, column), "", "{column}");
    }
    // Without --fill, only the periods with claims.
    let plain = Table::csv(&wd.ok(&["report", &input]).stdout);
    assert_eq!(plain.rows.len(), 3);
}

#[test]
fn fill_by_week_crosses_a_53_week_year() {
    let wd = Workdir::new();
    wd.write(
        "weeks.csv",
        "date,person,claim,source_type\n\
         2020-12-21,Ann Lee,It is fine.,anonymous\n\
         2021-01-11,Ann Lee,It is fine.,anonymous\n",
    );
    let filled = Table::csv(
        &wd.ok(&["report", "weeks.csv", "--by", "week", "--fill"])
            .stdout,
    );
    let periods: Vec<&str> = filled.column("period").collect();
    assert_eq!(periods, ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]);
}
