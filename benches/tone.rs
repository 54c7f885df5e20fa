//! Single-thread throughput of `tone::Scorer` against the `vader_sentiment` crate, on the
//! fixture texts repeated to at least 200,000 texts. Run with `cargo bench --bench tone`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use claimtrack::tone::Scorer;

const MIN_TEXTS: usize = 200_000;
const RUNS: usize = 3;

/// (file, index of the text column)
const FIXTURES: [(&str, usize); 5] = [
    ("tweets.tsv", 2),
    ("movieReviewSnippets.tsv", 2),
    ("nytEditorialSnippets.tsv", 2),
    ("amazonReviewSnippets.tsv", 2),
    ("edge_cases.tsv", 0),
];

fn fixture_texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vader");
    let mut texts = Vec::new();
    for (file, column) in FIXTURES {
        let path = dir.join(file);
        let content = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for line in content.split('\n').skip(1).filter(|l| !l.is_empty()) {
            if let Some(text) = line.split('\t').nth(column) {
                texts.push(text.to_string());
            }
        }
    }
    texts
}

/// Median wall time of `RUNS` runs of `f` over all texts.
fn median_time(texts: &[&str], mut f: impl FnMut(&str) -> f64) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let mut checksum = 0.0;
            for &text in texts {
                checksum += f(black_box(text));
            }
            black_box(checksum);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn with_commas(n: f64) -> String {
    let digits = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn main() {
    let fixtures = fixture_texts();
    let repeats = MIN_TEXTS.div_ceil(fixtures.len());
    let texts: Vec<&str> = (0..repeats)
        .flat_map(|_| fixtures.iter().map(String::as_str))
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();

    let ours = Scorer::new();
    let crate_analyzer = vader_sentiment::SentimentIntensityAnalyzer::new();
    let crate_compound = |text: &str| {
        crate_analyzer
            .polarity_scores(text)
            .get("compound")
            .copied()
            .unwrap_or(f64::NAN)
    };

    println!(
        "tone bench: {} texts ({} fixture texts x {repeats}, {:.0} bytes/text avg), 1 thread, median of {RUNS} runs",
        with_commas(texts.len() as f64),
        with_commas(fixtures.len() as f64),
        bytes as f64 / texts.len() as f64
    );
    let ours_time = median_time(&texts, |t| ours.score(t).compound);
    let crate_time = median_time(&texts, crate_compound);
    let report = |name: &str, time: Duration| {
        let secs = time.as_secs_f64();
        println!(
            "  {name:<22} {:>11} texts/s  {:>7.3} µs/text",
            with_commas(texts.len() as f64 / secs),
            secs * 1e6 / texts.len() as f64
        );
    };
    report("claimtrack::tone", ours_time);
    report("vader_sentiment 0.1", crate_time);
    println!(
        "  ratio ours/crate: {:.1}x faster",
        crate_time.as_secs_f64() / ours_time.as_secs_f64()
    );

    let disagreements = fixtures
        .iter()
        .filter(|t| format!("{:.4}", ours.score(t).compound) != format!("{:.4}", crate_compound(t)))
        .count();
    println!(
        "  crate's compound (4 d.p.) differs from ours on {} of {} fixture texts ({:.1}%)",
        with_commas(disagreements as f64),
        with_commas(fixtures.len() as f64),
        100.0 * disagreements as f64 / fixtures.len() as f64
    );
}
