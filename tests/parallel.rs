//! Parallel runs write exactly what a single-threaded run writes, byte for byte, for every
//! command: order comes from the input, never from which worker finished first.

mod common;

use common::Workdir;

/// A few thousand varied rows (several pipeline batches), with rejects and stdin-like mixes of
/// persons, outlets, topics and phrasings, generated deterministically.
fn varied_claims(rows: usize) -> String {
    let persons = [
        "Kim Cattrall",
        "kim  cattrall",
        "Dana Whitcombe",
        "Senator Dana Whitcombe",
        "Marco Vellacourt",
    ];
    let speakers = [
        "",
        "a source",
        "the insider",
        "Dana Whitcombe",
        "her attorney",
        "Michael Patrick King",
    ];
    let attributions = [
        "",
        "A source exclusively told Us Weekly",
        "according to court documents",
        "wrote on Instagram",
        "Deadline has learned",
        "according to TMZ",
        "reportedly",
        "a rep for her denied the report",
        "told reporters",
    ];
    let claims = [
        "The plan is good.",
        "It is NOT true!!! 😂",
        "She was, at the very least, helpful; but the ending was okay.",
        "They won't succeed and we can't win.",
        "No comment.",
    ];
    let mut out = String::from("date,person,claim,speaker,attribution,outlet,topic\n");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for i in 0..rows {
        if i % 997 == 0 {
            out.push_str("2023-02-30,Ann Lee,Impossible date.,,,,\n");
            continue;
        }
        let day = 1 + next(28);
        let month = 1 + next(12);
        out.push_str(&format!(
            "2022-{month:02}-{day:02},{},\"{} #{i}\",{},{},Outlet {},topic-{}\n",
            persons[next(persons.len())],
            claims[next(claims.len())],
            speakers[next(speakers.len())],
            attributions[next(attributions.len())],
            next(60),
            next(40),
        ));
    }
    out
}

#[test]
fn every_command_writes_the_same_bytes_with_one_thread_or_many() {
    let wd = Workdir::new();
    let path = wd.write("claims.csv", varied_claims(12_000));
    let path = path.to_str().unwrap();
    for (sub, format) in [
        ("label", "csv"),
        ("label", "jsonl"),
        ("report", "csv"),
        ("topics", "csv"),
        ("outlets", "csv"),
    ] {
        let one = wd.ok(&[sub, path, "--format", format, "--threads", "1"]);
        let many = wd.ok(&[sub, path, "--format", format, "--threads", "4"]);
        assert!(
            one.stdout.len() > 1000,
            "{sub}: too little output to compare"
        );
        assert!(
            one.stdout == many.stdout,
            "{sub} --format {format}: output differs between 1 and 4 threads"
        );
        // Log lines start with the time, which may differ by a second.
        let untimed = |stderr: &str| -> Vec<String> {
            stderr
                .lines()
                .map(|l| {
                    l.split_once("Z claimtrack ")
                        .map_or(l, |(_, rest)| rest)
                        .to_string()
                })
                .collect()
        };
        assert_eq!(
            untimed(&one.stderr),
            untimed(&many.stderr),
            "{sub}: messages differ between 1 and 4 threads"
        );
    }
}

#[test]
fn label_streams_rows_in_input_order() {
    let wd = Workdir::new();
    let path = wd.write("claims.csv", varied_claims(5_000));
    let out = wd.ok(&[
        "label",
        path.to_str().unwrap(),
        "--format",
        "csv",
        "--threads",
        "3",
    ]);
    let table = common::Table::csv(&out.stdout);
    let numbers: Vec<usize> = table
        .column("claim")
        .map(|c| {
            c.rsplit('#')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("numbered claim")
        })
        .collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    assert_eq!(numbers, sorted, "rows out of input order");
    assert_eq!(
        numbers.len(),
        5_000 - 6,
        "every row but the six impossible dates"
    );
}
