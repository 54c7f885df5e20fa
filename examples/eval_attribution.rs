//! Accuracy of the source-type labeler on real news text: the development set in `eval/real/`.
//!
//! The set holds only our own labels and references (file, PolNeAR relation id, character
//! offsets), never article text. This program rebuilds every row from the articles in
//! `../shared/external/` (PolNeAR and the celebrity fake/legit news), skipping cleanly when they
//! are absent, labels each row three ways and reports accuracy, standing accuracy and the
//! confusion matrix per split:
//!
//! - `fields`: `speaker` = the Source span, `attribution` = the sentence(s) without the Content
//!   span (as an analyst's export prints it: `King, 67, told Variety on Tuesday`), `claim` =
//!   the Content span;
//! - `cue`: `speaker` = the Source span, `attribution` = only the Cue span (`told`);
//! - `claim`: the sentence(s) as the claim, `speaker` and `attribution` empty: the attribution
//!   must be found inside the claim text.
//!
//! ```sh
//! cargo run --release --example eval_attribution                  # both splits, summaries
//! cargo run --release --example eval_attribution -- --split tune --misses
//! ```
//!
//! `tune` rows (PolNeAR train, odd celebrity pairs) are the ones the labeler may be tuned on;
//! `holdout` rows (PolNeAR dev, even celebrity pairs) only measure it. Misses are printed for
//! `tune` only, unless `--misses-holdout` is given, so that tuning never looks at held-out rows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimtrack::claim::Claim;
use claimtrack::cues::Cues;
use claimtrack::judge::attribution::{self, Scratch};
use claimtrack::source_type::SourceType;

/// The label files: every CSV in this folder.
const LABEL_DIR: &str = "eval/real";

const HEADS: [&str; 11] = [
    "subj", "named", "offic", "doc", "social", "outlet", "ex-an", "anon", "2hand", "unatt", "unkn",
];

/// One labeled attribution, rebuilt from its article.
struct Row {
    id: String,
    split: String,
    corpus: &'static str,
    gold: SourceType,
    person: String,
    outlet: String,
    /// The sentence(s) holding the attribution.
    window: String,
    source: String,
    cue: String,
    content: String,
    /// The window without the content: the attribution clause as printed.
    clause: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    Fields,
    Cue,
    Claim,
}

impl Variant {
    const ALL: [Variant; 3] = [Variant::Fields, Variant::Cue, Variant::Claim];

    fn name(self) -> &'static str {
        match self {
            Variant::Fields => "fields (speaker + attribution clause)",
            Variant::Cue => "cue (speaker + cue words only)",
            Variant::Claim => "claim only (attribution inside the claim text)",
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let shared = value("--shared")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/external"));
    if !shared.join("polnear").is_dir() || !shared.join("celebrity-fakenews").is_dir() {
        eprintln!(
            "eval_attribution: {} not found (PolNeAR and celebrity-fakenews); skipping",
            shared.display()
        );
        return ExitCode::SUCCESS;
    }
    let splits: Vec<String> = match value("--split") {
        Some(s) => vec![s],
        None => vec!["tune".to_string(), "holdout".to_string()],
    };
    let misses_tune = flag("--misses");
    let misses_holdout = flag("--misses-holdout");
    let only_variant = value("--variant");

    let mut files: Vec<PathBuf> = match std::fs::read_dir(LABEL_DIR) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect(),
        Err(e) => {
            eprintln!("eval_attribution: {LABEL_DIR}: {e}");
            return ExitCode::FAILURE;
        }
    };
    files.sort();
    let mut rows = Vec::new();
    for file in &files {
        let file = file.display().to_string();
        match read_rows(Path::new(&file), &shared) {
            Ok(mut r) => rows.append(&mut r),
            Err(e) => {
                eprintln!("eval_attribution: {file}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let cues = Cues::builtin().expect("the built-in cues");
    let mut scratch = Scratch::default();
    for split in &splits {
        let selected: Vec<&Row> = rows.iter().filter(|r| &r.split == split).collect();
        let by_corpus = |c: &str| selected.iter().filter(|r| r.corpus == c).count();
        println!(
            "=== split `{split}`: {} rows ({} PolNeAR, {} celebrity) ===",
            selected.len(),
            by_corpus("polnear"),
            by_corpus("celebrity")
        );
        for variant in Variant::ALL {
            if only_variant
                .as_deref()
                .is_some_and(|v| !variant.name().starts_with(v))
            {
                continue;
            }
            let show = (split.starts_with("tune") && misses_tune)
                || (split == "holdout" && misses_holdout);
            evaluate(&cues, &mut scratch, &selected, variant, show);
        }
    }
    ExitCode::SUCCESS
}

fn evaluate(cues: &Cues, scratch: &mut Scratch, rows: &[&Row], variant: Variant, show: bool) {
    let mut matrix = [[0usize; 11]; 11];
    let (mut exact, mut standing) = (0usize, 0usize);
    let mut per_corpus: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    let mut misses = Vec::new();
    for row in rows {
        let (speaker, attribution, claim) = match variant {
            Variant::Fields => (&row.source, &row.clause, &row.content),
            Variant::Cue => (&row.source, &row.cue, &row.content),
            Variant::Claim => (&String::new(), &String::new(), &row.window),
        };
        let input = Claim {
            person: &row.person,
            speaker,
            attribution,
            outlet: &row.outlet,
            claim,
            ..Claim::default()
        };
        let (got, cue) = attribution::label(cues, &input, scratch);
        matrix[row.gold.index()][got.index()] += 1;
        let ok = got == row.gold;
        let standing_ok = got.standing() == row.gold.standing();
        exact += usize::from(ok);
        standing += usize::from(standing_ok);
        let entry = per_corpus.entry(row.corpus).or_default();
        entry.0 += 1;
        entry.1 += usize::from(ok);
        entry.2 += usize::from(standing_ok);
        if !ok && show {
            let found = attribution::attribution(cues, &input, scratch);
            misses.push(format!(
                "{:>6} gold {:<19} got {:<19} cue `{}` speaker `{}` ({})\n         person {:?} outlet {:?}\n         speaker {:?}\n         attribution {:?}\n         claim {:?}",
                row.id,
                row.gold.as_str(),
                got.as_str(),
                cue.display(cues),
                found.speaker.phrase,
                found.speaker.kind.as_str(),
                row.person,
                row.outlet,
                speaker,
                attribution,
                shorten(claim, 240),
            ));
        }
    }
    let n = rows.len().max(1) as f64;
    println!("--- {} ---", variant.name());
    print!("{:>20}", "gold \\ predicted");
    for head in HEADS {
        print!("{head:>7}");
    }
    println!();
    for (label, counts) in SourceType::ALL.iter().zip(matrix) {
        if counts.iter().sum::<usize>() == 0 {
            continue;
        }
        print!("{:>20}", label.as_str());
        for c in counts {
            if c == 0 {
                print!("{:>7}", ".");
            } else {
                print!("{c:>7}");
            }
        }
        println!();
    }
    let mut corpora: Vec<_> = per_corpus.into_iter().collect();
    corpora.sort();
    for (corpus, (total, ok, st)) in corpora {
        println!(
            "  {corpus:<10} {ok}/{total} = {:.1}% source type, {st}/{total} = {:.1}% standing",
            100.0 * ok as f64 / total as f64,
            100.0 * st as f64 / total as f64
        );
    }
    println!(
        "  all        {exact}/{} = {:.1}% source type, {standing}/{} = {:.1}% standing (on-record / rumor / unknown)",
        rows.len(),
        100.0 * exact as f64 / n,
        rows.len(),
        100.0 * standing as f64 / n
    );
    for miss in &misses {
        println!("{miss}");
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push('…');
    out
}

/// Reads a label file and rebuilds its rows from the articles under `shared`.
fn read_rows(path: &Path, shared: &Path) -> Result<Vec<Row>, String> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| e.to_string())?;
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("no column `{name}`"))
    };
    let (id, split, file, window, source, cue, content, person, outlet, gold) = (
        col("id")?,
        col("split")?,
        col("file")?,
        col("window")?,
        col("source")?,
        col("cue")?,
        col("content")?,
        col("person")?,
        col("outlet")?,
        col("gold_source_type")?,
    );
    let mut texts: HashMap<String, Vec<char>> = HashMap::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let get = |i: usize| record.get(i).unwrap_or("").to_string();
        let file_name = get(file);
        if !texts.contains_key(&file_name) {
            let text = std::fs::read_to_string(shared.join(&file_name))
                .map_err(|e| format!("{file_name}: {e}"))?;
            texts.insert(file_name.clone(), text.chars().collect());
        }
        let chars = &texts[&file_name];
        let spans = |i: usize| parse_spans(&get(i));
        let (window_spans, content_spans) = (spans(window)?, spans(content)?);
        let Some(&(w_start, w_end)) = window_spans.first() else {
            return Err(format!("{}: no window", get(id)));
        };
        let text_of = |s: &[(usize, usize)]| {
            s.iter()
                .map(|&(a, b)| chars.get(a..b).unwrap_or(&[]).iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let clause: String = (w_start..w_end)
            .filter(|i| !content_spans.iter().any(|&(a, b)| (a..b).contains(i)))
            .filter_map(|i| chars.get(i))
            .collect();
        rows.push(Row {
            id: get(id),
            split: get(split),
            corpus: if file_name.starts_with("polnear") {
                "polnear"
            } else {
                "celebrity"
            },
            gold: SourceType::parse(&get(gold))
                .ok_or_else(|| format!("{}: bad label `{}`", get(id), get(gold)))?,
            person: get(person),
            outlet: get(outlet),
            window: tidy(&text_of(&window_spans)),
            source: tidy(&text_of(&spans(source)?)),
            cue: tidy(&text_of(&spans(cue)?)),
            content: tidy(&text_of(&content_spans)),
            clause: tidy_clause(&clause),
        });
    }
    Ok(rows)
}

/// `start-end;start-end` as pairs of character offsets.
fn parse_spans(text: &str) -> Result<Vec<(usize, usize)>, String> {
    text.split(';')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let (a, b) = s.trim().split_once('-').ok_or(format!("bad span `{s}`"))?;
            Ok((
                a.parse().map_err(|_| format!("bad span `{s}`"))?,
                b.parse().map_err(|_| format!("bad span `{s}`"))?,
            ))
        })
        .collect()
}

/// Whitespace collapsed to single spaces, trimmed.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The window without its content, as an attribution field prints it: no quote marks left by
/// the removed quote, no punctuation at either end.
fn tidy_clause(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut kept = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let letter = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c: &char| c.is_alphanumeric())
        };
        let apostrophe = c == '\u{2019}' && letter(i.checked_sub(1)) && letter(Some(i + 1));
        if matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}') && !apostrophe {
            kept.push(' ');
        } else {
            kept.push(c);
        }
    }
    let edge = |c: char| c.is_whitespace() || matches!(c, ',' | '.' | ':' | ';' | '\u{2014}' | '-');
    tidy(&kept).trim_matches(edge).to_string()
}
