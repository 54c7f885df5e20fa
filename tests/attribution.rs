//! Source types through the real binary on rows as real exports hold them: the attribution
//! inside the claim text, `--explain` saying what was found, and a `--cues` file that teaches the
//! parser a new reporting verb, role noun and document word. The texts are written for the tests.

mod common;

use std::collections::HashMap;

use common::Workdir;

/// `label --explain --format csv` of `csv`, as one map per row.
fn label(dir: &Workdir, csv: &str, extra: &[&str]) -> Vec<HashMap<String, String>> {
    dir.write("in.csv", csv);
    let mut args = vec!["label", "in.csv", "--explain", "--format", "csv", "-q"];
    args.extend_from_slice(extra);
    let out = dir.run(&args);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    common::csv_maps(&out.stdout)
}

/// One row, about `person`, published by `outlet`, with only the claim text.
fn claim_only(rows: &[(&str, &str, &str)]) -> String {
    let mut out = String::from("date,person,claim,speaker,attribution,outlet\n");
    let mut w = csv::Writer::from_writer(Vec::new());
    for (person, claim, outlet) in rows {
        w.write_record(["2024-03-01", person, claim, "", "", outlet])
            .unwrap();
    }
    out.push_str(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    out
}

#[test]
fn the_attribution_inside_the_claim_decides_when_the_fields_are_empty() {
    let dir = Workdir::new();
    let cases = [
        // (person, claim, outlet) -> (source_type, source_phrase, source_kind)
        (
            (
                "Odile Brandt",
                "\u{201c}I have no plans to return,\u{201d} Brandt, 52, told Screen Ledger on Tuesday.",
                "Screen Ledger",
            ),
            ("subject-on-record", "Brandt", "person"),
        ),
        (
            (
                "Odile Brandt",
                "\"We never discussed it,\" said Rafe Lindqvist, the show's creator.",
                "Screen Ledger",
            ),
            ("named-on-record", "Rafe Lindqvist", "named"),
        ),
        (
            (
                "Odile Brandt",
                "A source exclusively told Gossip Hive that Brandt is leaving the series.",
                "Gossip Hive",
            ),
            ("exclusive-anonymous", "A source", "unnamed"),
        ),
        (
            (
                "Odile Brandt",
                "According to Page Six, Brandt turned down the offer.",
                "Gossip Hive",
            ),
            ("secondhand", "Page Six", "other-outlet"),
        ),
        (
            (
                "Odile Brandt",
                "Brandt has left the agency, said a spokeswoman who declined to be named.",
                "Screen Ledger",
            ),
            ("anonymous", "", ""),
        ),
        (
            (
                "Odile Brandt",
                "Brandt wrote on Instagram that she is taking a break.",
                "Screen Ledger",
            ),
            ("social-post", "Brandt", "person"),
        ),
        (
            (
                "Odile Brandt",
                "Brandt owes the studio $2 million, according to court records.",
                "Screen Ledger",
            ),
            ("document", "court records", "document"),
        ),
        (
            (
                "Odile Brandt",
                "Brandt is reportedly in talks for a sequel.",
                "Screen Ledger",
            ),
            ("unattributed", "", ""),
        ),
        (
            (
                "Odile Brandt",
                "Brandt will announce her next role in May.",
                "Screen Ledger",
            ),
            ("unattributed", "", ""),
        ),
    ];
    let rows: Vec<_> = cases.iter().map(|(row, _)| *row).collect();
    let out = label(&dir, &claim_only(&rows), &[]);
    assert_eq!(out.len(), cases.len());
    for ((row, (source_type, phrase, kind)), got) in cases.iter().zip(&out) {
        assert_eq!(got["source_type"], *source_type, "{row:?} -> {got:?}");
        if !phrase.is_empty() {
            assert_eq!(got["source_phrase"], *phrase, "{row:?} -> {got:?}");
            assert_eq!(got["source_kind"], *kind, "{row:?} -> {got:?}");
        }
        // A source found in the claim says so; a claim with none is unattributed.
        if *source_type != "unattributed" {
            assert_eq!(got["found_in"], "claim", "{row:?} -> {got:?}");
        }
    }
}

#[test]
fn given_fields_lead_over_the_claim_text() {
    let dir = Workdir::new();
    let csv = "date,person,claim,speaker,attribution,outlet\n\
        2024-03-01,Odile Brandt,\"A source told us she is leaving.\",Odile Brandt,told Screen Ledger,Screen Ledger\n";
    let out = label(&dir, csv, &[]);
    assert_eq!(out[0]["source_type"], "subject-on-record");
    assert_eq!(out[0]["found_in"], "fields");
}

#[test]
fn explain_appends_its_columns_after_the_contract_ones() {
    let dir = Workdir::new();
    let csv = claim_only(&[(
        "Odile Brandt",
        "Brandt told reporters she was fine.",
        "Screen Ledger",
    )]);
    dir.write("in.csv", &csv);
    let plain = dir.run(&["label", "in.csv", "--format", "csv", "-q"]);
    let explained = dir.run(&["label", "in.csv", "--explain", "--format", "csv", "-q"]);
    let header = |out: &str| out.lines().next().unwrap_or("").to_string();
    let plain_header = header(&plain.stdout);
    assert!(plain_header.ends_with(
        "source_type,standing,source_cue,stance,tone,tone_pos,tone_neu,tone_neg,tone_label"
    ));
    assert_eq!(
        header(&explained.stdout),
        format!("{plain_header},source_phrase,source_kind,source_verb,found_in,decided_by")
    );
    // The contract columns carry the same values with or without --explain.
    let plain_row = plain.stdout.lines().nth(1).unwrap();
    assert!(
        explained
            .stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with(plain_row)
    );
}

#[test]
fn a_cue_file_teaches_a_reporting_verb_a_role_and_a_document_word() {
    let dir = Workdir::new();
    let rows = claim_only(&[
        // An unknown verb, inverted after a quotation.
        (
            "Odile Brandt",
            "\"It is over,\" opined Rafe Lindqvist.",
            "Screen Ledger",
        ),
        // An unknown role noun beside a name.
        (
            "Odile Brandt",
            "Mara Quell, Brandt's handler, said the tour is cancelled.",
            "Screen Ledger",
        ),
        // An unknown document word.
        (
            "Odile Brandt",
            "The dossier shows that Brandt was paid twice.",
            "Screen Ledger",
        ),
    ]);
    let before = label(&dir, &rows, &[]);
    assert_eq!(before[0]["source_type"], "unattributed", "{:?}", before[0]);
    assert_eq!(
        before[1]["source_type"], "named-on-record",
        "{:?}",
        before[1]
    );
    assert_ne!(before[2]["source_type"], "document", "{:?}", before[2]);

    dir.write(
        "my-cues.csv",
        "kind,phrase\n\
         speech-verb,opined\n\
         inverting-verb,opined\n\
         official-statement,handler\n\
         document,dossier\n\
         document,dossier shows\n",
    );
    let after = label(&dir, &rows, &["--cues", "my-cues.csv"]);
    assert_eq!(after[0]["source_type"], "named-on-record", "{:?}", after[0]);
    assert_eq!(after[0]["source_phrase"], "Rafe Lindqvist");
    assert_eq!(after[0]["source_verb"], "opined");
    assert_eq!(
        after[1]["source_type"], "official-statement",
        "{:?}",
        after[1]
    );
    assert_eq!(after[1]["source_cue"], "handler");
    assert_eq!(after[2]["source_type"], "document", "{:?}", after[2]);
}

#[test]
fn a_group_of_unnamed_people_is_anonymous_and_a_capitalised_one_no_name() {
    let dir = Workdir::new();
    let csv = "date,person,claim,speaker,attribution,outlet\n\
        2024-03-01,Dana Whitcombe,The bill will fail.,,Republicans say,Capitol Ledger\n\
        2024-03-01,Dana Whitcombe,The bill will fail.,,\"economists said\",Capitol Ledger\n\
        2024-03-01,Dana Whitcombe,The bill will fail.,,The Whitcombe campaign said,Capitol Ledger\n\
        2024-03-01,Dana Whitcombe,The bill will fail.,,\"a Pew survey found\",Capitol Ledger\n\
        2024-03-01,Dana Whitcombe,The bill will fail.,,wrote The Times,Capitol Ledger\n";
    let out = label(&dir, csv, &[]);
    let got: Vec<&str> = out.iter().map(|r| r["source_type"].as_str()).collect();
    assert_eq!(
        got,
        [
            "anonymous",
            "anonymous",
            "official-statement",
            "document",
            "secondhand"
        ]
    );
}

#[test]
fn a_speaker_field_of_pasted_text_is_read_in_linear_time() {
    // Every word of a speaker field used to be weighed against every cue in it: a megabyte of
    // "Mayor Kim said told a source that ..." took seconds, 3 MB most of a minute.
    let dir = Workdir::new();
    let phrase = "Mayor Kim said told a source that ";
    let long = phrase.repeat(3_000_000 / phrase.len());
    let mut csv = String::from("date,person,claim,speaker\n");
    csv.push_str(&format!("2024-03-01,Kim Vey,I am leaving.,\"{long}\"\n"));
    let started = std::time::Instant::now();
    let rows = label(&dir, &csv, &[]);
    let took = started.elapsed();
    assert_eq!(rows.len(), 1);
    // The head of the field is read as a speaker phrase; the source found is a part of it.
    assert!(!rows[0]["source_type"].is_empty());
    assert!(
        rows[0]["source_phrase"].len() <= 2048,
        "{}",
        rows[0]["source_phrase"].len()
    );
    assert!(long.starts_with(&rows[0]["source_phrase"]));
    // Linear takes a fraction of a second even in a debug build; generous for a busy machine.
    assert!(took.as_secs() < 30, "{took:?}");
}
