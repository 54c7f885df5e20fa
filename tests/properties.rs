//! Property tests: arbitrary input through reading, labeling, scoring and every output never
//! panics, and every row read is either written or rejected.
//!
//! `cargo test` runs a modest number of cases; for a long run set PROPTEST_CASES, e.g.
//! `PROPTEST_CASES=20000 cargo test --release --test properties`.

mod common;

use claimtrack::claim::Claim;
use claimtrack::cues::Cues;
use claimtrack::date::DateParser;
use claimtrack::judge::{Judge, Needs, Scratch};
use claimtrack::name;
use claimtrack::tone::Scorer;
use common::Workdir;
use proptest::prelude::*;

/// Text that stresses the labeler and the scorer: cue words, names, punctuation, emoji,
/// odd whitespace and arbitrary Unicode, mixed.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("a source".to_string()),
        Just("exclusively".to_string()),
        Just("told Variety".to_string()),
        Just("according to".to_string()),
        Just("did not deny".to_string()),
        Just("declined to comment".to_string()),
        Just("Kim Cattrall's".to_string()),
        Just("Sen.".to_string()),
        Just("NOT".to_string()),
        Just("but".to_string()),
        Just("!!!???".to_string()),
        Just(":)".to_string()),
        Just("😂❤".to_string()),
        Just("’s".to_string()),
        Just("\u{1c}\u{85}\u{a0}\t\r\n".to_string()),
        any::<String>(),
        "[A-Za-z]{1,12}",
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|p| p.join(" "))
}

/// Claim text as news prints it, attribution inside: quotation marks of every kind, commas,
/// stops, reporting verbs and auxiliaries, relative and opening clauses, in any order.
fn claim_with_attribution() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("''".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just(" - ".to_string()),
        Just("\u{2014}".to_string()),
        Just("said".to_string()),
        Just("has".to_string()),
        Just("told Variety".to_string()),
        Just("according to".to_string()),
        Just("a new report".to_string()),
        Just("reportedly".to_string()),
        Just(", who".to_string()),
        Just("Although".to_string()),
        Just("In an interview".to_string()),
        Just("he".to_string()),
        Just("Sen.".to_string()),
        Just("WASHINGTON (Reuters) -".to_string()),
        Just("to".to_string()),
        Just("that".to_string()),
        any::<String>(),
        "[A-Za-z]{1,12}",
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(common::proptest_cases(256))]

    #[test]
    fn finding_the_attribution_in_any_claim_never_panics(
        person in newsy_text(),
        outlet in newsy_text(),
        claim in claim_with_attribution(),
    ) {
        let judge = Judge { cues: Cues::builtin().unwrap(), tone: Scorer::new(), needs: Needs::ALL };
        let row = Claim { person: &person, outlet: &outlet, claim: &claim, ..Claim::default() };
        let mut scratch = Scratch::default();
        let judgement = judge.judge(&row, &mut scratch);
        let _ = judgement.source_cue.display(&judge.cues).to_string();
    }

    #[test]
    fn judging_any_text_never_panics(
        person in newsy_text(),
        speaker in newsy_text(),
        attribution in newsy_text(),
        outlet in newsy_text(),
        claim in newsy_text(),
    ) {
        let judge = Judge { cues: Cues::builtin().unwrap(), tone: Scorer::new(), needs: Needs::ALL };
        let row = Claim { person: &person, speaker: &speaker, attribution: &attribution,
                          outlet: &outlet, claim: &claim, ..Claim::default() };
        let judgement = judge.judge(&row, &mut Scratch::default());
        let tone = judgement.tone.expect("tone was asked for");
        prop_assert!((-1.0..=1.0).contains(&tone.compound));
        for share in [tone.pos, tone.neu, tone.neg] {
            prop_assert!((0.0..=1.0).contains(&share));
        }
        let _ = judgement.source_cue.display(&judge.cues).to_string();
        let _ = name::is_same_person(&speaker, &person, &judge.cues);
    }

    #[test]
    fn parsing_any_date_never_panics(text in any::<String>(), format in "[%a-zA-Z/:. -]{0,12}") {
        let _ = DateParser::default().parse(&text);
        let _ = DateParser::new(Some(format)).parse(&text);
    }
}

/// One field of a CSV-like file: sound values, broken ones, and arbitrary bytes.
fn field() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => Just(b"2022-03-04".to_vec()),
        1 => Just(b"2023-02-30".to_vec()),
        1 => Just(b"2023-03-14T23:30:00-05:00".to_vec()),
        1 => Just(b"".to_vec()),
        1 => Just(b"   ".to_vec()),
        2 => Just(b"Kim Cattrall".to_vec()),
        2 => Just(b"a source".to_vec()),
        2 => Just(b"A source exclusively told Us Weekly".to_vec()),
        1 => Just(b"\"quoted, \"\"with\"\" a\r\nbreak\"".to_vec()),
        1 => Just(b"\"unterminated".to_vec()),
        1 => Just(b"anonymous".to_vec()),
        1 => Just(b"rumour".to_vec()),
        2 => newsy_text().prop_map(String::into_bytes),
        2 => prop::collection::vec(any::<u8>(), 0..24),
    ]
}

/// A CSV-like file: usually a sound header, then rows of random width.
fn csv_like() -> impl Strategy<Value = Vec<u8>> {
    let header = prop_oneof![
        6 => Just(b"date,person,claim,speaker,attribution,outlet,topic,source_type,stance".to_vec()),
        2 => Just(b"\xef\xbb\xbf Date , PERSON ,claim,topic".to_vec()),
        1 => Just(b"date,person".to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..40),
    ];
    let row = prop::collection::vec(field(), 0..11);
    let line_end = prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b"\r"[..])];
    (
        header,
        prop::collection::vec(row, 0..20),
        line_end,
        any::<bool>(),
    )
        .prop_map(|(header, rows, end, final_break)| {
            let mut out = header;
            for row in rows {
                out.extend_from_slice(end);
                out.extend(row.join(&b","[..]));
            }
            if final_break {
                out.extend_from_slice(end);
            }
            out
        })
}

/// Records the csv crate itself reads after the header: what claimtrack must account for.
fn records_of(bytes: &[u8]) -> Vec<csv::ByteRecord> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes)
        .byte_records()
        .filter_map(Result::ok)
        .collect()
}

fn records_in(bytes: &[u8]) -> usize {
    records_of(bytes).len()
}

/// Records of only delimiters and spaces: blank lines to claimtrack, skipped and counted.
fn blank_records_in(bytes: &[u8]) -> usize {
    records_of(bytes)
        .iter()
        .filter(|r| {
            r.iter()
                .all(|f| String::from_utf8_lossy(f).trim().is_empty())
        })
        .count()
}

proptest! {
    #![proptest_config(common::proptest_cases(32))]

    #[test]
    fn every_command_and_format_survives_any_file_and_loses_no_row(input in csv_like()) {
        let wd = Workdir::new();
        let path = wd.write("in.csv", &input);
        let path = path.to_str().unwrap();
        for (sub, format) in [("label", "csv"), ("report", "table"), ("topics", "json"),
                              ("outlets", "markdown"), ("label", "jsonl"), ("report", "tsv")] {
            let out = wd.run(&[sub, path, "--format", format, "-o", "out", "--rejects", "rejects.csv", "-q"]);
            prop_assert!(!out.stderr.contains("panicked"), "{} panicked:\n{}", sub, out.stderr);
            prop_assert!(matches!(out.code, Some(0) | Some(1)), "{} exit {:?}:\n{}", sub, out.code, out.stderr);
            if out.code == Some(1) {
                // A file-level problem: one message, and no output file.
                prop_assert_eq!(out.stderr.lines().filter(|l| l.starts_with("claimtrack: ")).count(), 1);
                prop_assert!(!wd.path("out").exists());
                break;
            }
            if (sub, format) == ("label", "csv") {
                let written = records_in(&std::fs::read(wd.path("out")).unwrap());
                let rejected = records_in(&std::fs::read(wd.path("rejects.csv")).unwrap());
                let blank = blank_records_in(&input);
                prop_assert_eq!(written + rejected + blank, records_in(&input), "rows lost:\n{}", out.stderr);
            }
            std::fs::remove_file(wd.path("out")).ok();
        }
    }
}
