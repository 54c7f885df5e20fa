//! Stance on real headlines: Emergent (Ferreira & Vlachos, NAACL 2016).
//!
//! Reads `../shared/external/emergent/edata_all.csv` (or the file given as the first argument),
//! infers the stance of every `articleHeadline` with `claimtrack::stance::infer` (the headline as
//! the claim, no attribution), and prints, for a tune half and a held-out half of the claims, the
//! confusion matrix (gold for / against / observing by predicted stance) and the recall and
//! precision of `deny` on `against`. Nothing is written: the headlines stay in `shared/`.
//!
//! The halves split by claim, deterministically: the distinct `claimId`s sorted, those at an even
//! index are the tune half, the others are held out. Tune cues only on the tune half's misses:
//! `--misses` lists them and leaves the held-out half out, which is for reporting only.
//!
//! ```sh
//! cargo run --release --example eval_emergent                  # the figures
//! cargo run --release --example eval_emergent -- FILE          # another copy of the file
//! cargo run --release --example eval_emergent -- FILE --misses # the tune half and its misses
//! ```
//!
//! Exits 0 with a message when the file is absent.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use claimtrack::cues::Cues;
use claimtrack::stance::{self, Stance};

const GOLD: [&str; 3] = ["for", "against", "observing"];

struct Row {
    claim_id: String,
    headline: String,
    gold: usize,
}

/// Gold (for, against, observing) by predicted stance, in the order of `Stance::ALL`.
#[derive(Default)]
struct Matrix {
    counts: [[usize; 4]; 3],
}

impl Matrix {
    fn print(&self, name: &str) {
        let rows: usize = self.counts.iter().flatten().sum();
        println!("\n{name}: {rows} headlines (rows: gold, columns: predicted)");
        let heads: Vec<String> = Stance::ALL
            .iter()
            .map(|s| format!("{:>11}", s.as_str()))
            .collect();
        println!("{:>10}{}", "", heads.concat());
        for (gold, counts) in GOLD.iter().zip(&self.counts) {
            let cells: Vec<String> = counts.iter().map(|n| format!("{n:>11}")).collect();
            println!("{gold:>10}{}", cells.concat());
        }
        let deny = Stance::ALL
            .iter()
            .position(|s| *s == Stance::Deny)
            .unwrap_or(1);
        let against = 1;
        let hit = self.counts[against][deny];
        let gold_against: usize = self.counts[against].iter().sum();
        let predicted_deny: usize = self.counts.iter().map(|c| c[deny]).sum();
        println!(
            "deny on against: recall {hit}/{gold_against} = {:.1}%, precision {hit}/{predicted_deny} = {:.1}%",
            percent(hit, gold_against),
            percent(hit, predicted_deny)
        );
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn read(path: &Path) -> Result<Vec<Row>, String> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| e.to_string())?;
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("no column `{name}`"))
    };
    let (claim_col, headline_col, stance_col) = (
        column("claimId")?,
        column("articleHeadline")?,
        column("articleHeadlineStance")?,
    );
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let field = |i: usize| record.get(i).unwrap_or("").to_string();
        let gold_text = field(stance_col);
        let gold = GOLD
            .iter()
            .position(|g| *g == gold_text)
            .ok_or_else(|| format!("unknown gold stance `{gold_text}`"))?;
        rows.push(Row {
            claim_id: field(claim_col),
            headline: field(headline_col),
            gold,
        });
    }
    Ok(rows)
}

fn main() {
    let mut path = None;
    let mut misses = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--misses" => misses = true,
            _ => path = Some(PathBuf::from(arg)),
        }
    }
    let path = path.unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external/emergent/edata_all.csv")
    });
    if !path.is_file() {
        println!("eval_emergent: {} not found; skipping", path.display());
        return;
    }
    let rows = match read(&path) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("eval_emergent: cannot read {}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let claims: Vec<&str> = rows
        .iter()
        .map(|r| r.claim_id.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let held_out = |id: &str| claims.binary_search(&id).is_ok_and(|i| i % 2 == 1);

    let cues = Cues::builtin().expect("the built-in cue table");
    let mut hits = Vec::new();
    let (mut tune, mut hold) = (Matrix::default(), Matrix::default());
    let mut missed = Vec::new();
    for row in &rows {
        let predicted = stance::infer(&cues, "", &row.headline, &mut hits);
        let column = Stance::ALL
            .iter()
            .position(|s| *s == predicted)
            .unwrap_or(2);
        if held_out(&row.claim_id) {
            hold.counts[row.gold][column] += 1;
            continue;
        }
        tune.counts[row.gold][column] += 1;
        let against = row.gold == 1;
        if misses && against != (predicted == Stance::Deny) {
            missed.push((GOLD[row.gold], predicted.as_str(), row.headline.as_str()));
        }
    }
    println!(
        "eval_emergent: {} headlines of {} claims from {}",
        rows.len(),
        claims.len(),
        path.display()
    );
    tune.print("tune half (claims at even index)");
    if !misses {
        hold.print("held-out half (claims at odd index)");
    } else {
        missed.sort();
        println!("\ntune half: against not denied, and denials not against");
        for (gold, predicted, headline) in missed {
            println!("{gold:>9} -> {predicted:<10} {headline}");
        }
    }
}
