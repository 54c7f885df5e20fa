//! The binary as a user drives it: every subcommand, filter and format, on real files.
//! Expected values come from DESIGN.md's definitions, from hand derivations in the fixtures'
//! READMEs, and from the VADER reference scores; never from the code under test.

mod common;

use common::{Table, Workdir, fixture};

const APPENDED: [&str; 9] = [
    "source_type",
    "standing",
    "source_cue",
    "stance",
    "tone",
    "tone_pos",
    "tone_neu",
    "tone_neg",
    "tone_label",
];

#[test]
fn label_separates_named_on_record_from_anonymous_on_the_founding_example() {
    let wd = Workdir::new();
    let out = wd.ok(&["label", &fixture("claims/founding.csv"), "--format", "csv"]);
    let table = Table::csv(&out.stdout);
    let want = [
        (
            "A source exclusively told Us Weekly",
            "exclusive-anonymous",
            "rumor",
        ),
        ("The insider added", "anonymous", "rumor"),
        ("the source explained", "anonymous", "rumor"),
        (
            "during an appearance on Watch What Happens Live",
            "named-on-record",
            "on-record",
        ),
        ("Nixon added", "named-on-record", "on-record"),
        ("told Variety on Tuesday", "named-on-record", "on-record"),
        ("he continued", "named-on-record", "on-record"),
    ];
    assert_eq!(table.rows.len(), want.len());
    for (row, (attribution, source_type, standing)) in table.rows.iter().zip(want) {
        assert_eq!(table.get(row, "attribution"), attribution);
        assert_eq!(table.get(row, "source_type"), source_type, "row {row:?}");
        assert_eq!(table.get(row, "standing"), standing, "row {row:?}");
        assert!(
            !table.get(row, "source_cue").is_empty(),
            "no cue for {row:?}"
        );
    }
}

#[test]
fn label_keeps_every_input_column_in_order_then_appends_exactly_its_columns() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let out = wd.ok(&["label", &input, "--format", "csv"]);
    let table = Table::csv(&out.stdout);
    let original = Table::csv(&std::fs::read_to_string(&input).unwrap());
    // The fixture's own source_type column keeps its place under a name of its own.
    let mut expected_header: Vec<String> = original
        .header
        .iter()
        .map(|h| match h.as_str() {
            "source_type" => "given_source_type".to_string(),
            other => other.to_string(),
        })
        .collect();
    assert!(expected_header.contains(&"given_source_type".to_string()));
    expected_header.extend(APPENDED.iter().map(|c| c.to_string()));
    assert_eq!(table.header, expected_header);
    assert_eq!(table.rows.len(), original.rows.len());
    for (got, was) in table.rows.iter().zip(&original.rows) {
        // Input fields pass through byte for byte, spaces included.
        assert_eq!(&got[..was.len()], &was[..]);
    }
}

#[test]
fn given_labels_keep_their_values_under_a_name_of_their_own() {
    // An analyst's own `Stance` and `source_type` columns: the output must not have two columns
    // of one name (JSON objects would keep only one, `xsv select` the first).
    let wd = Workdir::new();
    let path = wd.write(
        "given.csv",
        "date,person,claim,Stance,source_type\n\
         2022-01-03,Kim Cattrall,She will not return.,Deny,\n\
         2022-01-04,Kim Cattrall,She is done.,,document\n",
    );
    let out = wd.ok(&["label", path.to_str().unwrap(), "--format", "csv"]);
    let table = Table::csv(&out.stdout);
    let mut expected = [
        "date",
        "person",
        "claim",
        "given_Stance",
        "given_source_type",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(APPENDED.iter().map(|c| c.to_string()));
    assert_eq!(table.header, expected);
    // The given values pass through as written, and win over inference in the judged columns.
    assert_eq!(
        table.column("given_Stance").collect::<Vec<_>>(),
        ["Deny", ""]
    );
    assert_eq!(table.get(&table.rows[0], "stance"), "deny");
    assert_eq!(table.get(&table.rows[1], "given_source_type"), "document");
    assert_eq!(table.get(&table.rows[1], "source_type"), "document");

    // JSON: every key once per object, so nothing is silently dropped.
    let out = wd.ok(&["label", path.to_str().unwrap(), "--format", "jsonl"]);
    for line in out.stdout.lines() {
        // Each key is the quoted text before a `":`; the values here hold no `":` of their own.
        let pieces: Vec<&str> = line.split("\":").collect();
        let keys: Vec<&str> = pieces[..pieces.len() - 1]
            .iter()
            .filter_map(|before| before.rsplit_once('"').map(|(_, key)| key))
            .collect();
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(keys.len(), unique.len(), "{line}");
        assert_eq!(keys.len(), expected.len(), "{line}");
    }
}

#[test]
fn label_tone_columns_match_the_reference_scores_and_thresholds() {
    let wd = Workdir::new();
    let out = wd.ok(&["label", &fixture("claims/report.csv"), "--format", "csv"]);
    let table = Table::csv(&out.stdout);
    // Reference vaderSentiment 3.3.2 scores (tests/fixtures/vader/edge_cases.tsv).
    let reference = [
        (
            "The plan is good.",
            "0.4404",
            "0.492",
            "0.508",
            "0.000",
            "positive",
        ),
        (
            "The plan is not good.",
            "-0.3412",
            "0.000",
            "0.624",
            "0.376",
            "negative",
        ),
        (
            "The report found no evidence of fraud.",
            "-0.7184",
            "0.000",
            "0.455",
            "0.545",
            "negative",
        ),
        (
            "The movie was very good.",
            "0.4927",
            "0.444",
            "0.556",
            "0.000",
            "positive",
        ),
        (
            "The answer is no.",
            "0.0000",
            "0.000",
            "1.000",
            "0.000",
            "neutral",
        ),
        (
            "The movie was kinda bad.",
            "-0.4951",
            "0.000",
            "0.555",
            "0.445",
            "negative",
        ),
        (
            "It is not a bad idea.",
            "0.4310",
            "0.363",
            "0.637",
            "0.000",
            "positive",
        ),
    ];
    for (row, (claim, tone, pos, neu, neg, label)) in table.rows.iter().zip(reference) {
        assert_eq!(table.get(row, "claim"), claim);
        let got =
            ["tone", "tone_pos", "tone_neu", "tone_neg", "tone_label"].map(|c| table.get(row, c));
        assert_eq!(got, [tone, pos, neu, neg, label], "scores of {claim:?}");
    }
}

#[test]
fn a_given_source_type_wins_and_says_so() {
    let wd = Workdir::new();
    let out = wd.ok(&["label", &fixture("claims/report.csv"), "--format", "csv"]);
    let table = Table::csv(&out.stdout);
    for row in &table.rows {
        // The input's own source_type is its 4th column; the appended one is the label in effect.
        assert_eq!(table.get(row, "source_type"), row[3]);
        assert_eq!(table.get(row, "source_cue"), "given in source_type column");
    }
}

#[test]
fn report_by_month_matches_the_hand_computed_table() {
    let wd = Workdir::new();
    let out = wd.ok(&["report", &fixture("claims/report.csv"), "--format", "csv"]);
    let expected = "\
person,period,claims,subject_on_record,named_on_record,official_statement,document,social_post,outlet_asserted,exclusive_anonymous,anonymous,secondhand,unattributed,unknown,on_record,rumor,rumor_share,tone_on_record,tone_rumor,tone_gap
Ann Lee,2022-01,4,1,0,1,0,0,0,1,1,0,0,0,2,2,0.5000,0.0496,-0.1128,-0.1624
Ann Lee,2022-02,2,0,0,0,0,0,0,0,0,0,1,1,0,1,0.5000,,-0.4951,
Bob Ray,2022-04,1,0,1,0,0,0,0,0,0,0,0,0,1,0,0.0000,0.4310,,
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn report_periods_by_quarter_week_day_and_year() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let quarter = Table::csv(
        &wd.ok(&["report", &input, "--by", "quarter", "--format", "csv"])
            .stdout,
    );
    let ann = &quarter.rows[0];
    assert_eq!(
        [
            "person",
            "period",
            "claims",
            "on_record",
            "rumor",
            "tone_on_record",
            "tone_rumor",
            "tone_gap"
        ]
        .map(|c| quarter.get(ann, c)),
        [
            "Ann Lee", "2022-Q1", "6", "2", "3", "0.0496", "-0.2403", "-0.2899"
        ]
    );
    assert_eq!(quarter.get(&quarter.rows[1], "period"), "2022-Q2");

    let periods = |by: &str| -> Vec<String> {
        let t = Table::csv(
            &wd.ok(&["report", &input, "--by", by, "--format", "csv"])
                .stdout,
        );
        t.column("period").map(str::to_string).collect()
    };
    // 2022-01-05 .. 2022-02-10 fall in ISO weeks 1, 3, 4, 4, 5, 6; 2022-04-01 in week 13.
    assert_eq!(
        periods("week"),
        [
            "2022-W01", "2022-W03", "2022-W04", "2022-W05", "2022-W06", "2022-W13"
        ]
    );
    assert_eq!(periods("day").len(), 7);
    assert_eq!(periods("day")[0], "2022-01-05");
    assert_eq!(periods("year"), ["2022", "2022"]);
}

#[test]
fn report_on_the_sample_data_splits_cattrall_into_on_record_and_rumor() {
    let wd = Workdir::new();
    let out = wd.ok(&[
        "report",
        &common::repo_path("data/claims.csv"),
        "--person",
        "kim cattrall",
        "--format",
        "csv",
    ]);
    let table = Table::csv(&out.stdout);
    let on_record: u64 = table
        .column("on_record")
        .map(|v| v.parse::<u64>().unwrap())
        .sum();
    let rumor: u64 = table
        .column("rumor")
        .map(|v| v.parse::<u64>().unwrap())
        .sum();
    // The founding article: King twice and Nixon twice on the record; Us Weekly's source three times.
    assert_eq!((on_record, rumor), (4, 3));
    assert!(table.column("person").all(|p| p == "Kim Cattrall"));
}

#[test]
fn person_filter_ignores_case_and_spacing() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let out = wd.ok(&[
        "label",
        &input,
        "--person",
        "  ANN   lee ",
        "--format",
        "csv",
    ]);
    let notes: Vec<String> = Table::csv(&out.stdout)
        .column("notes")
        .map(str::to_string)
        .collect();
    assert_eq!(notes, ["a", "b", "c", "d", "e", "f"]);
    let out = wd.ok(&[
        "label", &input, "--person", "bob ray", "--person", "nobody", "--format", "csv",
    ]);
    assert_eq!(
        Table::csv(&out.stdout).column("notes").collect::<Vec<_>>(),
        ["g"]
    );
}

#[test]
fn person_filter_finds_a_person_by_surname_or_without_a_title() {
    let wd = Workdir::new();
    let data = common::repo_path("data/claims.csv");
    let persons = |name: &str| -> Vec<String> {
        let out = wd.ok(&["label", &data, "--person", name, "--format", "csv"]);
        let mut persons: Vec<String> = Table::csv(&out.stdout)
            .column("person")
            .map(str::to_string)
            .collect();
        persons.dedup();
        persons
    };
    // The sample data writes her as "Mayor Ruth Whitcombe".
    assert_eq!(persons("ruth whitcombe"), ["Mayor Ruth Whitcombe"]);
    assert_eq!(persons("Cattrall"), ["Kim Cattrall"]);
    assert!(
        persons("dana whitcombe").is_empty(),
        "another first name is another person"
    );
}

#[test]
fn outlet_source_type_standing_and_date_filters() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let notes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["label", input.as_str(), "--format", "csv"];
        all.extend_from_slice(args);
        Table::csv(&wd.ok(&all).stdout)
            .column("notes")
            .map(str::to_string)
            .collect()
    };
    assert_eq!(notes(&["--outlet", "DAILY BUZZ"]), ["c", "d", "e", "f"]);
    assert_eq!(
        notes(&["--source-type", "anonymous,exclusive-anonymous"]),
        ["c", "d"]
    );
    assert_eq!(
        notes(&["--source-type", "anonymous", "--source-type", "unknown"]),
        ["c", "e"]
    );
    assert_eq!(notes(&["--standing", "rumor"]), ["c", "d", "f"]);
    assert_eq!(notes(&["--standing", "on-record"]), ["a", "b", "g"]);
    assert_eq!(
        notes(&["--since", "2022-01-25", "--until", "2022-02-03"]),
        ["c", "d", "e"]
    );
    assert_eq!(
        notes(&["--since", "2022-02-04", "--outlet", "the ledger"]),
        ["g"]
    );
}

#[test]
fn report_honours_the_filters() {
    let wd = Workdir::new();
    let out = wd.ok(&[
        "report",
        &fixture("claims/report.csv"),
        "--standing",
        "on-record",
        "--format",
        "csv",
    ]);
    let table = Table::csv(&out.stdout);
    let claims: Vec<(&str, &str)> = table
        .rows
        .iter()
        .map(|r| (table.get(r, "period"), table.get(r, "claims")))
        .collect();
    assert_eq!(claims, [("2022-01", "2"), ("2022-04", "1")]);
}

#[test]
fn every_format_carries_the_same_rows() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let run = |format: &str| wd.ok(&["report", &input, "--format", format]).stdout;

    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("valid JSON");
    let rows = json.as_array().expect("an array");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["person"], "Ann Lee");
    assert_eq!(rows[0]["claims"], 4);
    assert_eq!(rows[0]["tone_gap"].as_f64(), Some(-0.1624));
    assert!(rows[1]["tone_on_record"].is_null());

    let jsonl = run("jsonl");
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["person"], "Bob Ray");

    let tsv = run("tsv");
    let tsv_rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(tsv_rows.len(), 4);
    assert_eq!(tsv_rows[0][..3], ["person", "period", "claims"]);
    assert_eq!(tsv_rows[1][..3], ["Ann Lee", "2022-01", "4"]);

    let markdown = run("markdown");
    let md: Vec<&str> = markdown.lines().collect();
    assert!(
        md[0].starts_with("| person | period | claims |"),
        "{}",
        md[0]
    );
    assert!(md[1].starts_with("| --- |"), "{}", md[1]);
    assert!(md[2].starts_with("| Ann Lee | 2022-01 | 4 |"), "{}", md[2]);
    assert_eq!(md.len(), 5);

    let table = run("table");
    assert!(
        table.contains("Ann Lee") && table.contains("Bob Ray"),
        "{table}"
    );
    assert!(table.lines().count() >= 5, "{table}");
}

/// A markdown cell cannot act on what shows it: ESC (a terminal that `cat`s the file) and
/// direction controls (a renderer reordering the row) are escaped as in messages, pipes and
/// line breaks are kept as markdown writes them, and an emoji's zero-width joiner stays.
#[test]
fn markdown_cells_escape_terminal_and_direction_controls() {
    let wd = Workdir::new();
    wd.write(
        "m.csv",
        "date,person,claim\n2022-01-01,Ann Lee,\"Red \u{1b}[31mtext and \u{202e}evil|x\nnext \u{1f468}\u{200d}\u{1f469}\"\n",
    );
    let out = wd.ok(&["label", "m.csv", "--format", "markdown", "-q"]);
    let row = out.stdout.lines().nth(2).unwrap();
    assert!(
        !row.contains('\u{1b}') && !row.contains('\u{202e}'),
        "{row:?}"
    );
    assert!(
        row.contains("Red \\x1b[31mtext and \\u{202e}evil\\|x<br>next \u{1f468}\u{200d}\u{1f469}"),
        "{row:?}"
    );
}

#[test]
fn the_table_fits_the_width_and_turns_rows_into_blocks_when_it_cannot() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let run = |columns: &str| {
        let out = wd
            .command(&["report", &input, "--format", "table", "-q"])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = Table::csv(&wd.ok(&["report", &input, "--format", "csv"]).stdout);
    let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);

    // Wide enough: one grid, one line per row, numbers whole.
    let grid = run("400");
    assert!(widest(&grid) <= 400);
    let ann = grid.lines().filter(|l| l.contains("Ann Lee")).count();
    assert_eq!(
        ann,
        csv.column("person").filter(|p| *p == "Ann Lee").count()
    );

    // Too narrow for the grid: one block per row, every line within 60 characters, each
    // column named once per block with its value (source types that are zero everywhere are
    // left out, as in the grid).
    let blocks = run("60");
    assert!(widest(&blocks) <= 60, "{blocks}");
    let starts = blocks.lines().filter(|l| l.starts_with("─[ ")).count();
    assert_eq!(starts, csv.rows.len());
    for line in blocks.lines().filter(|l| !l.starts_with("─[ ")) {
        let name = line.split('│').next().unwrap().trim();
        assert!(csv.header.iter().any(|c| c == name), "{line}");
    }
    for column in ["person", "period", "claims", "rumor_share", "tone_gap"] {
        let named = blocks
            .lines()
            .filter(|l| l.split('│').next().map(str::trim) == Some(column))
            .count();
        assert_eq!(named, csv.rows.len(), "{column}");
    }
    let first = &csv.rows[0];
    assert!(blocks.contains(&format!("│ {}\n", first[0])));
    assert!(blocks.contains(&format!("│ {}\n", first[1])));
}

#[test]
fn csv_is_the_default_when_stdout_is_not_a_terminal() {
    let wd = Workdir::new();
    let out = wd.ok(&["report", &fixture("claims/report.csv")]);
    assert!(
        out.stdout.starts_with("person,period,claims,"),
        "{}",
        out.stdout
    );
}

#[test]
fn reads_stdin_with_a_dash_or_no_file_at_all() {
    let wd = Workdir::new();
    let input = std::fs::read_to_string(fixture("claims/report.csv")).unwrap();
    let from_file = wd
        .ok(&["report", &fixture("claims/report.csv"), "--format", "csv"])
        .stdout;
    let dash = wd
        .ok_stdin(&["report", "-", "--format", "csv"], &input)
        .stdout;
    let none = wd.ok_stdin(&["report", "--format", "csv"], &input).stdout;
    assert_eq!(dash, from_file);
    assert_eq!(none, from_file);
}

#[test]
fn output_file_takes_its_format_from_the_extension() {
    let wd = Workdir::new();
    let out = wd.ok(&["report", &fixture("claims/report.csv"), "-o", "report.json"]);
    assert_eq!(out.stdout, "", "data goes to the file, not stdout");
    let json: serde_json::Value = serde_json::from_str(&wd.read("report.json")).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(3));
    wd.assert_no_temporary_files();
}

#[test]
fn messages_go_to_stderr_and_data_to_stdout() {
    let wd = Workdir::new();
    let out = wd.ok(&["label", &fixture("claims/report.csv"), "--format", "csv"]);
    assert!(
        out.stderr.contains("7 rows read, 7 accepted, 0 rejected"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("rows read"));
    let quiet = wd.ok(&[
        "label",
        &fixture("claims/report.csv"),
        "--format",
        "csv",
        "--quiet",
    ]);
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let wd = Workdir::new();
    let mut csv = String::from("date,person,claim\n");
    for i in 0..20_000 {
        csv.push_str(&format!(
            "2022-01-01,Person {i},The plan is good and the plan is long enough.\n"
        ));
    }
    let path = wd.write("big.csv", &csv);
    // Every format, since each writer wraps write errors its own way.
    for (format, first_line) in [
        ("csv", "date,person,claim,"),
        ("tsv", "date\tperson\tclaim\t"),
        ("json", "["),
        ("jsonl", "{\"date\":"),
        ("markdown", "| date | person | claim |"),
        ("table", ""),
    ] {
        let mut child = Command::new(common::BIN)
            .args(["label", path.to_str().unwrap(), "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // Dropping the reader closes the pipe, like `| head -1`.
        let out = child.wait_with_output().unwrap();
        assert!(first.starts_with(first_line), "{format}: {first:?}");
        assert!(
            out.status.success(),
            "{format}: exit {:?}",
            out.status.code()
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.to_lowercase().contains("broken pipe") && !stderr.contains("panick"),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn topics_with_no_row_that_starts_the_story_are_unknown() {
    let wd = Workdir::new();
    let path = wd.write(
        "unknown.csv",
        "date,person,claim,speaker,attribution,outlet,topic\n\
         2022-01-01,Ann Lee,Ann Lee's rep declined to comment.,a rep for Ann Lee,declined to comment,Variety,exit\n\
         2022-01-02,Bob Ray,I am thrilled to join the show!,Bob Ray,wrote on Instagram,Variety,casting\n",
    );
    let path = path.to_str().unwrap();
    let status = |args: &[&str]| {
        let mut all = vec!["topics", path, "--format", "csv"];
        all.extend_from_slice(args);
        let table = Table::csv(&wd.ok(&all).stdout);
        table
            .rows
            .iter()
            .map(|r| {
                (
                    table.get(r, "topic").to_string(),
                    table.get(r, "status").to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let pair = |t: &str, s: &str| (t.to_string(), s.to_string());
    // An on-record no-comment announces nothing; a social post by the person announces.
    assert_eq!(
        status(&[]),
        [pair("exit", "unknown"), pair("casting", "announced")]
    );
    // With --resolve-by, only the named types count on the record.
    assert_eq!(
        status(&["--resolve-by", "official-statement"]),
        [pair("exit", "unknown"), pair("casting", "unknown")]
    );
}

#[test]
fn filters_do_not_move_the_default_as_of_date() {
    // Ann's rumor is 151 days old at the input's latest date (Bob's row): unresolved, with or
    // without a filter that leaves Bob's row out.
    let wd = Workdir::new();
    let path = wd.write(
        "asof.csv",
        "date,person,claim,speaker,attribution,outlet,topic\n\
         2022-01-01,Ann Lee,Ann Lee is leaving the show.,,a source told Page Six,Page Six,exit\n\
         2022-06-01,Bob Ray,Bob Ray signs a deal.,Bob Ray,said in an interview,Variety,deal\n",
    );
    let path = path.to_str().unwrap();
    for filter in [&[][..], &["--person", "ann lee"], &["--outlet", "page six"]] {
        let mut args = vec!["topics", path, "--format", "csv"];
        args.extend_from_slice(filter);
        let table = Table::csv(&wd.ok(&args).stdout);
        let ann = table
            .rows
            .iter()
            .find(|r| table.get(r, "person") == "Ann Lee")
            .unwrap();
        assert_eq!(table.get(ann, "status"), "unresolved", "{filter:?}");

        let mut args = vec!["outlets", path, "--format", "csv"];
        args.extend_from_slice(filter);
        let table = Table::csv(&wd.ok(&args).stdout);
        let page_six = &table.rows[table
            .column("outlet")
            .position(|o| o == "Page Six")
            .unwrap()];
        assert_eq!(table.get(page_six, "unresolved"), "1", "{filter:?}");
        assert_eq!(table.get(page_six, "still_rumor"), "0", "{filter:?}");
    }
}

#[test]
fn topics_reproduce_the_hand_derived_lifecycle() {
    let wd = Workdir::new();
    let out = wd.ok(&[
        "topics",
        &fixture("topics/lifecycle.csv"),
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.stdout,
        std::fs::read_to_string(fixture("topics/expected_topics.csv")).unwrap()
    );
}

#[test]
fn outlets_reproduce_the_hand_derived_scorecard() {
    let wd = Workdir::new();
    let out = wd.ok(&[
        "outlets",
        &fixture("topics/lifecycle.csv"),
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.stdout,
        std::fs::read_to_string(fixture("topics/expected_outlets.csv")).unwrap()
    );
}

#[test]
fn topics_options_move_the_unresolved_line_and_narrow_the_resolvers() {
    let wd = Workdir::new();
    let input = fixture("topics/lifecycle.csv");
    let status = |args: &[&str], topic: &str| -> String {
        let mut all = vec!["topics", input.as_str(), "--format", "csv"];
        all.extend_from_slice(args);
        let t = Table::csv(&wd.ok(&all).stdout);
        let row = t
            .rows
            .iter()
            .find(|r| t.get(r, "topic") == topic)
            .expect("topic present");
        t.get(row, "status").to_string()
    };
    // holloway-captaincy's first rumor is exactly 90 days before the last date (2023-06-30).
    assert_eq!(status(&[], "holloway-captaincy"), "rumor");
    assert_eq!(
        status(&["--unresolved-after", "89"], "holloway-captaincy"),
        "unresolved"
    );
    assert_eq!(
        status(&["--as-of", "2023-07-01"], "holloway-captaincy"),
        "unresolved"
    );
    // tandon-expenses is denied only by a document.
    assert_eq!(status(&[], "tandon-expenses"), "denied");
    // Without documents it is an unanswered rumor, 108 days old at the as-of date.
    assert_eq!(
        status(
            &["--resolve-by", "subject-on-record,official-statement"],
            "tandon-expenses"
        ),
        "unresolved"
    );
}

#[test]
fn topics_and_outlets_honour_filters_and_formats() {
    let wd = Workdir::new();
    let input = fixture("topics/lifecycle.csv");
    let out = wd.ok(&[
        "topics",
        &input,
        "--person",
        "DANE holloway",
        "--format",
        "jsonl",
    ]);
    let rows: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r["person"] == "Dane Holloway"));
    assert_eq!(rows[0]["days_to_resolution"], 0);
    assert!(rows.iter().any(|r| r["resolved_on"].is_null()));

    let out = wd.ok(&[
        "outlets",
        &input,
        "--outlet",
        "civic wire",
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    assert_eq!(rows[0]["outlet"], "Civic Wire");
    assert!(rows[0]["confirm_rate"].is_null());
}

#[test]
fn cues_prints_a_table_that_is_itself_a_valid_cue_file() {
    let wd = Workdir::new();
    let out = wd.ok(&["cues", "--format", "csv"]);
    let table = Table::csv(&out.stdout);
    assert_eq!(table.header, ["kind", "phrase", "origin"]);
    assert!(
        table
            .rows
            .iter()
            .any(|r| r[..] == ["anonymous", "a source", "built-in"])
    );
    let mine = wd.write("mine.csv", "kind,phrase\nanonymous,a little bird\n");
    let out = wd.ok(&["cues", "--cues", mine.to_str().unwrap(), "--format", "csv"]);
    let table = Table::csv(&out.stdout);
    let added = table
        .rows
        .iter()
        .find(|r| r[1] == "a little bird")
        .expect("user cue listed");
    assert!(added[2].ends_with("mine.csv:2"), "{added:?}");
    // The printed table reads back as a cue file.
    let printed = wd.write("printed.csv", &out.stdout);
    wd.ok(&[
        "cues",
        "--cues",
        printed.to_str().unwrap(),
        "--format",
        "csv",
    ]);
}

#[test]
fn user_cues_change_the_labels() {
    let wd = Workdir::new();
    let input = wd.write(
        "c.csv",
        "date,person,claim,attribution\n2022-01-01,Ann Lee,She quit.,the grapevine told us\n",
    );
    let before = Table::csv(
        &wd.ok(&["label", input.to_str().unwrap(), "--format", "csv"])
            .stdout,
    );
    assert_ne!(before.get(&before.rows[0], "source_type"), "anonymous");
    let cues = wd.write("cues.csv", "kind,phrase\nanonymous,the grapevine\n");
    let out = wd.ok(&[
        "label",
        input.to_str().unwrap(),
        "--cues",
        cues.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let after = Table::csv(&out.stdout);
    assert_eq!(after.get(&after.rows[0], "source_type"), "anonymous");
    assert_eq!(after.get(&after.rows[0], "source_cue"), "the grapevine");
}

#[test]
fn a_user_lexicon_changes_tone_and_a_bad_one_is_a_clear_error() {
    let wd = Workdir::new();
    let input = wd.write(
        "c.csv",
        "date,person,claim\n2022-01-01,Ann Lee,It was a bombshell.\n",
    );
    let input = input.to_str().unwrap();
    let tone = |args: &[&str]| {
        let mut all = vec!["label", input, "--format", "csv"];
        all.extend_from_slice(args);
        let t = Table::csv(&wd.ok(&all).stdout);
        t.get(&t.rows[0], "tone").to_string()
    };
    // "bombshell" is not in VADER's lexicon: the reference scores the sentence 0.
    assert_eq!(tone(&[]), "0.0000");
    let lexicon = wd.write("news.txt", "# newsroom words\nbombshell\t-2.0\n");
    let scored = tone(&["--lexicon", lexicon.to_str().unwrap()]);
    assert!(
        scored.starts_with('-'),
        "a negative word makes a negative tone: {scored}"
    );
    let bad = wd.write("bad.txt", "bombshell -2.0\n");
    let out = wd.fails(&["label", input, "--lexicon", bad.to_str().unwrap()], 1);
    assert!(out.stderr.contains("bad.txt:1"), "{}", out.stderr);
}

#[test]
fn help_documents_the_output_columns_of_each_subcommand() {
    let wd = Workdir::new();
    let label = wd.ok(&["label", "--help"]).stdout;
    assert!(
        label.contains("source_type, standing, source_cue, stance"),
        "{label}"
    );
    assert!(label.contains("tone_label"), "{label}");
    let report = wd.ok(&["report", "--help"]).stdout;
    assert!(
        report.contains("rumor_share") && report.contains("tone_gap"),
        "{report}"
    );
    let topics = wd.ok(&["topics", "--help"]).stdout;
    assert!(
        topics.contains("days_to_resolution") && topics.contains("disputed"),
        "{topics}"
    );
    let outlets = wd.ok(&["outlets", "--help"]).stdout;
    assert!(
        outlets.contains("confirm_rate") && outlets.contains("anonymous_share"),
        "{outlets}"
    );
    for sub in ["label", "report", "topics", "outlets"] {
        let help = wd.ok(&[sub, "--help"]).stdout;
        assert!(
            help.contains("--person") && help.contains("--since") && help.contains("--format"),
            "{sub}"
        );
    }
}

#[test]
fn a_missing_required_column_is_one_clear_error() {
    let wd = Workdir::new();
    let input = wd.write("q.csv", "date,person,quote\n2022-01-01,Ann Lee,Hello.\n");
    let out = wd.fails(&["report", input.to_str().unwrap()], 1);
    assert!(out.stderr.contains("q.csv"), "{}", out.stderr);
    assert!(
        out.stderr.contains("missing required column `claim`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("date, person, quote"), "{}", out.stderr);
    assert!(out.stderr.contains("--column claim="), "{}", out.stderr);
    let out = wd.ok(&[
        "report",
        input.to_str().unwrap(),
        "--column",
        "claim=Quote",
        "--format",
        "csv",
    ]);
    assert!(out.stdout.contains("Ann Lee,2022-01,1,"), "{}", out.stdout);
}

#[test]
fn usage_errors_exit_2() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    let out = wd.fails(&["report", &input, "--column", "quote=claim"], 2);
    assert!(
        out.stderr.contains("unknown field `quote`"),
        "{}",
        out.stderr
    );
    let out = wd.fails(&["report", &input, "--source-type", "rumour"], 2);
    assert!(out.stderr.contains("exclusive-anonymous"), "{}", out.stderr);
    wd.fails(&["report", &input, "--since", "01/02/2022"], 2);
    wd.fails(&["report", &input, "--by", "fortnight"], 2);
    let out = wd.fails(&["report", &input, "--delimiter", "ab"], 2);
    assert!(out.stderr.contains("--delimiter"), "{}", out.stderr);
    // A date format that would reject every row is refused up front.
    for format in ["%Q", "%H:%M"] {
        let out = wd.fails(&["report", &input, "--date-format", format], 2);
        assert!(out.stderr.contains("--date-format"), "{}", out.stderr);
        assert_eq!(out.stdout, "");
    }
    // `-` is stdout for -o, but rejected rows must never mix with the data.
    let out = wd.fails(&["report", &input, "--rejects", "-"], 2);
    assert!(out.stderr.contains("--rejects"), "{}", out.stderr);
    assert!(!wd.path("-").exists());
}

#[test]
fn other_delimiters_and_header_spellings() {
    let wd = Workdir::new();
    let input = wd.write(
        "semi.csv",
        " Date ; PERSON ;Claim;Speaker\n2022-01-01;Ann Lee;The plan is good.;Ann Lee\n",
    );
    let out = wd.ok(&[
        "label",
        input.to_str().unwrap(),
        "--delimiter",
        ";",
        "--format",
        "csv",
    ]);
    let table = Table::csv(&out.stdout);
    assert_eq!(
        table.header[..4],
        [" Date ", " PERSON ", "Claim", "Speaker"]
    );
    assert_eq!(
        table.get(&table.rows[0], "source_type"),
        "subject-on-record"
    );
    let tsv = wd.write(
        "t.tsv",
        "date\tperson\tclaim\n2022-01-01\tAnn Lee\tThe plan is good.\n",
    );
    let out = wd.ok(&[
        "report",
        tsv.to_str().unwrap(),
        "-d",
        "tab",
        "--format",
        "csv",
    ]);
    assert!(out.stdout.contains("Ann Lee,2022-01,1,"), "{}", out.stdout);
}

#[test]
fn several_files_are_read_in_order_and_aligned_by_column_name() {
    let wd = Workdir::new();
    let a = wd.write(
        "a.csv",
        "date,person,claim,extra\n2022-01-01,Ann Lee,One.,x1\n",
    );
    let b = wd.write(
        "b.csv",
        "claim,extra,person,date\nTwo.,x2,Bob Ray,2022-01-02\n",
    );
    let out = wd.ok(&[
        "label",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let table = Table::csv(&out.stdout);
    assert_eq!(table.header[..4], ["date", "person", "claim", "extra"]);
    assert_eq!(table.rows[1][..4], ["2022-01-02", "Bob Ray", "Two.", "x2"]);
    let c = wd.write(
        "c.csv",
        "date,person,claim,other\n2022-01-01,Ann Lee,Three.,y\n",
    );
    let out = wd.fails(&["label", a.to_str().unwrap(), c.to_str().unwrap()], 1);
    assert!(
        out.stderr.contains("c.csv") && out.stderr.contains("label these files separately"),
        "{}",
        out.stderr
    );
}
