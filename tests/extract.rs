//! `claimtrack extract` through the real binary, on articles written for the tests
//! (`tests/fixtures/extract/`, invented people): every kind of statement, continuations and
//! pronouns, whom a claim is about, the offsets, the article inputs and the bad ones.

mod common;

use std::collections::HashMap;

use common::{Workdir, fixture};

type Row = HashMap<String, String>;

fn rows(csv_text: &str) -> Vec<Row> {
    common::csv_maps(csv_text)
}

/// `extract ARGS --format csv`, succeeding, as rows.
fn extract(dir: &Workdir, args: &[&str]) -> Vec<Row> {
    let mut all = vec!["extract", "--format", "csv", "-q"];
    all.extend_from_slice(args);
    rows(&dir.ok(&all).stdout)
}

/// The row whose claim starts with `start`.
fn claim<'r>(rows: &'r [Row], start: &str) -> &'r Row {
    rows.iter()
        .find(|r| r["claim"].starts_with(start))
        .unwrap_or_else(|| panic!("no claim starting {start:?} in {rows:#?}"))
}

fn quill(dir: &Workdir) -> Vec<Row> {
    extract(
        dir,
        &[
            "--date",
            "2022-03-01",
            "--outlet",
            "Us Weekly",
            &fixture("extract/quill.txt"),
        ],
    )
}

#[test]
fn the_columns_are_the_contract() {
    let dir = Workdir::new();
    let out = dir.ok(&[
        "extract",
        "--format",
        "csv",
        "--date",
        "2022-03-01",
        &fixture("extract/quill.txt"),
    ]);
    assert_eq!(
        out.stdout.lines().next().unwrap(),
        "date,person,claim,speaker,attribution,outlet,article,start,end"
    );
}

#[test]
fn every_kind_of_statement_becomes_a_row_with_its_speaker() {
    let dir = Workdir::new();
    let rows = quill(&dir);
    // (claim start, speaker, words the attribution holds)
    let expected = [
        (
            "actress Dara Quill will not return",
            "Orin Vale Marsh",
            "explained",
        ),
        (
            "No. There was never a plan",
            "Orin Vale Marsh",
            "told Variety",
        ),
        ("she misses her old co-star", "Lena Sorvik", "Lena Sorvik"),
        ("I love how we wrote", "Lena Sorvik", "Sorvik added"),
        (
            "Quill “is not even reading",
            "a source",
            "exclusively told Us Weekly",
        ),
        (
            "the Tidewater star is happier",
            "the insider",
            "The insider added",
        ),
        (
            "To her, that ship has sailed",
            "the source",
            "the source explained",
        ),
        (
            "she wishes the cast well",
            "Quill’s representative",
            "in a statement",
        ),
        (
            "Quill sold her Malibu home",
            "Court records",
            "Court records",
        ),
        (
            "she is “grateful for every fan",
            "Dara Quill",
            "wrote on Instagram",
        ),
        (
            "Quill has been spotted",
            "Page Six",
            "According to Page Six",
        ),
    ];
    for (start, speaker, words) in expected {
        let row = claim(&rows, start);
        assert_eq!(row["speaker"], speaker, "{row:?}");
        assert!(row["attribution"].contains(words), "{row:?}");
        assert_eq!(
            row["person"], "Dara Quill",
            "the most named person: {row:?}"
        );
        assert_eq!(row["date"], "2022-03-01");
        assert_eq!(row["outlet"], "Us Weekly");
        assert_eq!(row["article"], "quill.txt");
    }
    // Narration with no source is no statement; a hedge with none is, with no speaker.
    assert!(!rows.iter().any(|r| r["claim"].contains("weather")));
    assert!(
        !rows
            .iter()
            .any(|r| r["claim"].contains("Harbor Lights") && r["speaker"].is_empty())
    );
    let hedge = claim(&rows, "Quill is reportedly in talks");
    assert_eq!(hedge["speaker"], "");
}

#[test]
fn continuations_keep_their_speaker_and_pronouns_resolve_to_the_name() {
    let dir = Workdir::new();
    let rows = quill(&dir);
    let continued = claim(&rows, "The only place I believe in miracles");
    assert_eq!(continued["speaker"], "Orin Vale Marsh");
    assert_eq!(
        continued["attribution"], "he continued",
        "the words as printed"
    );
    // A quotation after "he continued", in the same paragraph, with no attribution of its own.
    assert_eq!(
        claim(&rows, "You take people at their word")["speaker"],
        "Orin Vale Marsh"
    );

    let rows = extract(
        &dir,
        &["--date", "2022-03-01", &fixture("extract/multi.txt")],
    );
    // A quotation left open runs into the next paragraph; "she added" is the mayor, and a
    // quotation-only paragraph after her keeps her.
    let opened = claim(&rows, "We will not cut the libraries");
    assert_eq!(opened["speaker"], "Ruth Whitcombe");
    assert!(opened["claim"].contains("not next year"), "{opened:?}");
    assert_eq!(
        claim(&rows, "And we will not raise the fares")["speaker"],
        "Ruth Whitcombe"
    );
    assert_eq!(
        claim(&rows, "The council knows where I stand")["speaker"],
        "Ruth Whitcombe"
    );
    assert_eq!(
        claim(&rows, "Critics of the plan")["speaker"],
        "Tomas Brandt"
    );
    // "spoke at length" leads no statement.
    assert!(
        !rows.iter().any(|r| r["claim"].contains("length")),
        "{rows:#?}"
    );
}

#[test]
fn offsets_point_at_the_claim_in_the_article_text() {
    let dir = Workdir::new();
    let text: Vec<char> = std::fs::read_to_string(fixture("extract/quill.txt"))
        .unwrap()
        .chars()
        .collect();
    for row in quill(&dir) {
        let start: usize = row["start"].parse().unwrap();
        let end: usize = row["end"].parse().unwrap();
        assert!(start < end && end <= text.len(), "{row:?}");
        let span: String = text[start..end].iter().collect();
        // The claim is the span, but for the comma a quotation closed with ("...,” he said").
        let head: String = row["claim"].chars().take(20).collect();
        assert!(span.starts_with(&head), "{span:?} vs {row:?}");
        let core: Vec<char> = row["claim"].trim_end_matches(['.', ',']).chars().collect();
        let tail: String = core[core.len().saturating_sub(10)..].iter().collect();
        assert!(span.contains(&tail), "{span:?} vs {row:?}");
    }
}

#[test]
fn extract_then_label_gives_each_source_its_type() {
    let dir = Workdir::new();
    let out = dir.ok(&[
        "extract",
        "--format",
        "csv",
        "-q",
        "--date",
        "2022-03-01",
        "--outlet",
        "Us Weekly",
        &fixture("extract/quill.txt"),
    ]);
    let labeled = rows(
        &dir.ok_stdin(&["label", "-", "--format", "csv", "-q"], &out.stdout)
            .stdout,
    );
    let types = [
        ("No. There was never a plan", "named-on-record"),
        ("Quill “is not even reading", "exclusive-anonymous"),
        ("the Tidewater star is happier", "anonymous"),
        ("To her, that ship has sailed", "anonymous"),
        ("she wishes the cast well", "official-statement"),
        ("Quill sold her Malibu home", "document"),
        ("she is “grateful for every fan", "social-post"),
        ("Quill has been spotted", "secondhand"),
        ("Quill is reportedly in talks", "unattributed"),
    ];
    for (start, source_type) in types {
        assert_eq!(
            claim(&labeled, start)["source_type"],
            source_type,
            "{start}"
        );
    }
    // And on into a report: one person, every row counted.
    let report = rows(
        &dir.ok_stdin(&["report", "-", "--format", "csv", "-q"], &out.stdout)
            .stdout,
    );
    assert_eq!(report.len(), 1, "{report:?}");
    assert_eq!(report[0]["person"], "Dara Quill");
    assert_eq!(report[0]["claims"], rows(&out.stdout).len().to_string());
}

#[test]
fn person_and_people_keep_the_claims_about_them() {
    let dir = Workdir::new();
    // The article is about Quill; Marsh is named in one claim and speaks in another.
    dir.write(
        "a.txt",
        "Dara Quill said that Orin Marsh will direct the film. Marsh said he is thrilled. \
         A source said Quill is tired. Quill is reportedly in London. Dara Quill left.\n",
    );
    let rows = extract(
        &dir,
        &["--date", "2022-03-01", "--person", "dara quill", "a.txt"],
    );
    assert_eq!(rows.len(), 4, "{rows:#?}");
    assert!(
        rows.iter().all(|r| r["person"] == "Dara Quill"),
        "{rows:#?}"
    );

    dir.write(
        "people.txt",
        "# analysts' list\nOrin Marsh, Marsh\nNobody Here, Nobody\n",
    );
    let rows = extract(
        &dir,
        &["--date", "2022-03-01", "--people", "people.txt", "a.txt"],
    );
    // Only the claim that names him is about him; his own words ("he is thrilled") are not.
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["person"], "Orin Marsh");
    assert_eq!(rows[0]["claim"], "Orin Marsh will direct the film.");
    assert_eq!(rows[0]["speaker"], "Dara Quill");
}

#[test]
fn a_csv_of_articles_maps_its_columns_and_skips_an_empty_article() {
    let dir = Workdir::new();
    let out = dir.ok(&[
        "extract",
        "--format",
        "csv",
        "--column",
        "text=body",
        "--column",
        "date=published",
        &fixture("extract/articles.csv"),
    ]);
    let rows = rows(&out.stdout);
    let first = claim(&rows, "she is \"done with television");
    assert_eq!(first["article"], "q1");
    assert_eq!(first["date"], "2022-03-01");
    assert_eq!(first["outlet"], "Daily Ledger");
    assert_eq!(first["speaker"], "Dara Quill");
    assert!(
        out.stderr.contains("article `q3`: has no text"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("1 article skipped"), "{}", out.stderr);

    // Without the mapping, the missing column is named with what to do.
    let out = dir.run(&["extract", &fixture("extract/articles.csv")]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("--column text="), "{}", out.stderr);
}

#[test]
fn bad_articles_are_named_and_skipped_and_the_run_goes_on() {
    let dir = Workdir::new();
    dir.write("empty.txt", "  \n\n");
    dir.write("latin1.txt", b"Bj\xf6rn Falk said he was tired.\n");
    dir.write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let big = "Orla Venn said it was fine. ".repeat(10 * 1024 * 1024 / 28 + 1);
    dir.write("big.txt", &big);
    dir.write(
        "good.txt",
        "Orla Venn said that she was leaving the band.\n",
    );
    let out = dir.run(&[
        "extract",
        "--format",
        "csv",
        "--date",
        "2022-01-01",
        "empty.txt",
        "latin1.txt",
        "image.png",
        "big.txt",
        "good.txt",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for (name, why) in [
        ("empty.txt", "has no text"),
        ("latin1.txt", "not UTF-8"),
        ("image.png", "not text"),
        ("big.txt", "--max-article-size"),
    ] {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.contains(name) && l.contains(why)),
            "{name}: {}",
            out.stderr
        );
    }
    let rows = rows(&out.stdout);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["article"], "good.txt");
    assert!(out.stderr.contains("4 articles skipped"), "{}", out.stderr);
}

#[test]
fn stdin_reads_one_plain_text_article_with_input_format_text() {
    let dir = Workdir::new();
    let out = dir.ok_stdin(
        &[
            "extract",
            "--format",
            "csv",
            "--input-format",
            "text",
            "--date",
            "2022-01-01",
            "-",
        ],
        "“We are done,” Orla Venn told Rolling Stone.\n",
    );
    let rows = rows(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["claim"], "We are done.");
    assert_eq!(rows[0]["speaker"], "Orla Venn");
    assert_eq!(rows[0]["article"], "-");
    assert_eq!(rows[0]["start"], "1");
}

#[test]
fn a_bad_date_is_a_usage_error() {
    let dir = Workdir::new();
    let out = dir.run(&[
        "extract",
        "--date",
        "yesterday",
        &fixture("extract/quill.txt"),
    ]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("--date"), "{}", out.stderr);
}

#[test]
fn an_input_is_never_overwritten_and_a_bad_input_writes_nothing() {
    let dir = Workdir::new();
    let article = "Orla Venn said that she was leaving the band.\n";
    dir.write("a.txt", article);
    dir.write("people.txt", "Orla Venn, Venn\n");
    for args in [
        vec!["extract", "--date", "2022-01-01", "a.txt", "-o", "a.txt"],
        vec![
            "extract",
            "--date",
            "2022-01-01",
            "--people",
            "people.txt",
            "a.txt",
            "-o",
            "people.txt",
        ],
    ] {
        let out = dir.run(&args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
    }
    assert_eq!(dir.read("a.txt"), article);
    assert_eq!(dir.read("people.txt"), "Orla Venn, Venn\n");
    // A missing file, or a CSV with no text column: no header on stdout, exit 1.
    dir.write("no-text.csv", "id,body\n1,hello\n");
    for file in ["missing.txt", "no-text.csv"] {
        let out = dir.run(&["extract", "--format", "csv", "a.txt", file]);
        assert_eq!(out.code, Some(1), "{file}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{file}");
    }
}

#[test]
fn narration_names_pronouns_no_comments_hedges_and_appositions() {
    let dir = Workdir::new();
    dir.write(
        "a.txt",
        "Tech Founder Marco Vance Denies Merger Talks\n\n\
         Her co-star Lena Sorvik was asked about it. \"We all wish her well,\" she said.\n\n\
         Orin Vale Marsh also weighed in. \"It was his choice,\" he said.\n\n\
         Vance, a Democrat, denied any wrongdoing.\n\n\
         Vance is reportedly frustrated with his investors.\n\n\
         A Brightloop spokeswoman declined to comment.\n\n\
         Marco Vance said no. Vance left.\n",
    );
    let rows = extract(&dir, &["--date", "2022-01-01", "a.txt"]);
    // A title-case headline's description is not part of the name.
    assert!(
        rows.iter().all(|r| r["person"] == "Marco Vance"),
        "{rows:#?}"
    );
    // A pronoun stands for the person the narration just named, if the pronoun fits.
    assert_eq!(
        claim(&rows, "We all wish her well")["speaker"],
        "Lena Sorvik"
    );
    assert_eq!(
        claim(&rows, "It was his choice")["speaker"],
        "Orin Vale Marsh"
    );
    // "Name, apposition, verb": the name speaks.
    assert_eq!(claim(&rows, "any wrongdoing")["speaker"], "Marco Vance");
    // A hedge about a named person is the whole sentence, with no source.
    let hedge = claim(&rows, "Vance is reportedly frustrated");
    assert_eq!(
        (hedge["speaker"].as_str(), hedge["attribution"].as_str()),
        ("", "")
    );
    // A no-comment is a statement of its own.
    assert_eq!(
        claim(&rows, "A Brightloop spokeswoman declined to comment")["speaker"],
        "a Brightloop spokeswoman"
    );
}
