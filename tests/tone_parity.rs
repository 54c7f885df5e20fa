//! Parity with vaderSentiment 3.3.2: every row of every fixture in `tests/fixtures/vader/`
//! (scores produced by the Python reference, see the README there) must come out with the same
//! printed digits: compound to 4 decimals, neg/neu/pos to 3.

use std::path::PathBuf;

use claimtrack::tone::{Scorer, Tone};

/// (file, number of columns, index of the text column, number of rows the README promises)
const FIXTURES: [(&str, usize, usize, usize); 5] = [
    ("tweets.tsv", 7, 2, 3_360),
    ("movieReviewSnippets.tsv", 7, 2, 8_484),
    ("nytEditorialSnippets.tsv", 7, 2, 4_152),
    ("amazonReviewSnippets.tsv", 7, 2, 2_966),
    ("edge_cases.tsv", 5, 0, 88),
];

struct Row {
    file: &'static str,
    line: usize,
    text: String,
    /// neg, neu, pos, compound as written by Python's `repr`.
    expected: [String; 4],
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vader")
}

fn read_rows(file: &'static str, columns: usize, text_column: usize) -> Vec<Row> {
    let path = fixture_dir().join(file);
    let content = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    content
        .split('\n')
        .enumerate()
        .skip(1) // header
        .filter(|(_, line)| !line.is_empty())
        .map(|(index, line)| {
            // No quoting: texts contain `"`, never a TAB.
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), columns, "{file}:{}: {line:?}", index + 1);
            let scores = &fields[columns - 4..];
            Row {
                file,
                line: index + 1,
                text: fields[text_column].to_string(),
                expected: [0, 1, 2, 3].map(|i| scores[i].to_string()),
            }
        })
        .collect()
}

/// Our values printed the way the reference rounds them, next to the file's.
fn matches(tone: &Tone, expected: &[String; 4]) -> bool {
    let ours = [
        format!("{:.3}", tone.neg),
        format!("{:.3}", tone.neu),
        format!("{:.3}", tone.pos),
        format!("{:.4}", tone.compound),
    ];
    ours.iter().zip(expected).all(|(ours, theirs)| {
        match (ours.parse::<f64>(), theirs.parse::<f64>()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    })
}

#[test]
fn every_fixture_row_matches_the_reference() {
    let scorer = Scorer::new();
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for (file, columns, text_column, promised) in FIXTURES {
        let rows = read_rows(file, columns, text_column);
        assert_eq!(rows.len(), promised, "{file}: row count");
        for row in rows {
            let tone = scorer.score(&row.text);
            checked += 1;
            if !matches(&tone, &row.expected) {
                mismatches.push((row, tone));
            }
        }
    }
    if !mismatches.is_empty() {
        for (row, tone) in mismatches.iter().take(20) {
            eprintln!(
                "{}:{}: {:?}\n  expected neg {} neu {} pos {} compound {}\n  got      neg {:.3} neu {:.3} pos {:.3} compound {:.4}",
                row.file,
                row.line,
                row.text,
                row.expected[0],
                row.expected[1],
                row.expected[2],
                row.expected[3],
                tone.neg,
                tone.neu,
                tone.pos,
                tone.compound
            );
        }
        panic!(
            "{} of {checked} rows differ from the reference",
            mismatches.len()
        );
    }
    assert_eq!(checked, 18_962 + 88);
    eprintln!("{checked} fixture rows checked, 0 mismatches");
}

#[test]
fn values_are_already_rounded() {
    // `Tone` holds the rounded doubles, so printing them with Python's shortest repr gives the
    // fixture's text: compare with Rust's shortest form too.
    let scorer = Scorer::new();
    for row in read_rows("edge_cases.tsv", 5, 0) {
        let tone = scorer.score(&row.text);
        let shortest = [tone.neg, tone.neu, tone.pos, tone.compound].map(|v| {
            let s = format!("{v:?}");
            if s == "-0.0" { "0.0".to_string() } else { s }
        });
        assert_eq!(shortest, row.expected, "{:?}", row.text);
    }
}

#[test]
fn user_lexicon_extension_changes_scores() {
    let mut scorer = Scorer::new();
    let text = "The senator's plan is frobnicious.";
    assert_eq!(scorer.score(text).label(), "neutral");
    assert_eq!(scorer.extend_lexicon("frobnicious\t-2.5\n"), Ok(1));
    assert_eq!(scorer.score(text).label(), "negative");
    // Overriding a reference word.
    let before = scorer.score("a good plan").compound;
    assert_eq!(
        scorer.extend_lexicon("# flip it\ngood\t-1.9\t0.5\t[-2]\n"),
        Ok(1)
    );
    assert!(scorer.score("a good plan").compound < 0.0 && before > 0.0);
}

#[test]
fn user_lexicon_errors_name_line_and_problem() {
    let mut scorer = Scorer::new();
    let err = scorer
        .extend_lexicon("alpha\t1.0\n\n# comment\nbeta 2.0\n")
        .expect_err("missing tab");
    assert_eq!(err.line, 4);
    assert!(err.message.contains("missing tab"), "{err}");

    let err = scorer
        .extend_lexicon("alpha\tlots\n")
        .expect_err("bad valence");
    assert_eq!(err.line, 1);
    assert!(err.to_string().contains("bad valence"), "{err}");

    let err = scorer
        .extend_lexicon("ok\t1\nShouty\t1\n")
        .expect_err("upper case");
    assert_eq!(err.line, 2);
    assert!(err.message.contains("\"shouty\""), "{err}");
}
