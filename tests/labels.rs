//! Accuracy of the labeler on hand-labeled sets, and its allocations per row.
//!
//! - `tests/fixtures/labels/eval.csv`: the evaluation set, written by the team as annotators
//!   before and without looking at the labeler (see its README for the guidelines).
//! - `tests/fixtures/labels/phrasing.csv`: phrasings beyond the evaluation set (wire "In a
//!   statement, X said", lone company names, "a local TV station reported", curly apostrophes,
//!   real-article shapes), written by the labeler's author with the same guidelines. It guards
//!   against regressions; it is not an unbiased measure.
//!
//! Each test runs the real binary as `claimtrack label FILE --format csv -q`, compares
//! `source_type` with `gold_source_type` and `stance` with `gold_stance` by `id`, prints the
//! confusion matrix and every misclassified row, and fails below the accuracy floors. Run
//! `cargo test --test labels -- --nocapture` to see the matrices when they pass.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::HashMap;
use std::process::Command;

use claimtrack::claim::Claim;
use claimtrack::cues::Cues;
use claimtrack::judge::attribution as labeler;
use claimtrack::stance;

const EVAL: &str = "tests/fixtures/labels/eval.csv";
const PHRASING: &str = "tests/fixtures/labels/phrasing.csv";
const HOLDOUT: &str = "tests/fixtures/labels/holdout.csv";

/// The floor issue 7 sets for source types.
const SOURCE_TYPE_FLOOR: f64 = 0.95;
/// The stance floor: the labeler reaches 100% on this set; the floor leaves room for a cue change
/// that trades one row for a better rule.
const STANCE_FLOOR: f64 = 0.97;

const LABELS: [&str; 11] = [
    "subject-on-record",
    "named-on-record",
    "official-statement",
    "document",
    "social-post",
    "outlet-asserted",
    "exclusive-anonymous",
    "anonymous",
    "secondhand",
    "unattributed",
    "unknown",
];

/// The short column heads of the confusion matrix, in the order of `LABELS`.
const HEADS: [&str; 11] = [
    "subj", "named", "offic", "doc", "social", "outlet", "ex-an", "anon", "2hand", "unatt", "unkn",
];

struct Gold {
    source_type: String,
    stance: String,
    row: HashMap<String, String>,
}

fn read_csv(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().expect("a header row").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed CSV record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn labeler_accuracy_on_the_evaluation_set() {
    check_accuracy(EVAL, SOURCE_TYPE_FLOOR, STANCE_FLOOR);
}

#[test]
fn labeler_accuracy_on_further_phrasings() {
    check_accuracy(PHRASING, SOURCE_TYPE_FLOOR, STANCE_FLOOR);
}

/// The held-out set: written by a second annotator who saw neither eval.csv nor the labeler,
/// and not used to tune it. Measured at 141/150 (94.0%) source types and 147/150 (98.0%) stances
/// when first run; the floors guard against regressions. Do not tune the labeler on its rows.
#[test]
fn labeler_accuracy_on_the_held_out_set() {
    check_accuracy(HOLDOUT, 0.92, 0.95);
}

fn check_accuracy(path: &str, source_type_floor: f64, stance_floor: f64) {
    let gold_rows = read_csv(&std::fs::read(path).expect("a labeled set"));
    let gold: HashMap<String, Gold> = gold_rows
        .into_iter()
        .map(|row| {
            (
                row["id"].clone(),
                Gold {
                    source_type: row["gold_source_type"].clone(),
                    stance: row["gold_stance"].clone(),
                    row,
                },
            )
        })
        .collect();

    let output = Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["label", path, "--format", "csv", "-q"])
        .output()
        .expect("claimtrack runs");
    assert!(
        output.status.success(),
        "claimtrack failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let predicted = read_csv(&output.stdout);
    assert_eq!(
        predicted.len(),
        gold.len(),
        "every evaluation row must come back labeled"
    );

    let index = |label: &str| {
        LABELS
            .iter()
            .position(|l| *l == label)
            .unwrap_or_else(|| panic!("unexpected label `{label}`"))
    };
    let mut matrix = [[0usize; 11]; 11];
    let mut source_right = 0;
    let mut stance_right = 0;
    let mut misses = Vec::new();
    for row in &predicted {
        let id = &row["id"];
        let g = gold
            .get(id)
            .unwrap_or_else(|| panic!("output row {id} is not in the evaluation set"));
        let (got_type, got_stance) = (&row["source_type"], &row["stance"]);
        matrix[index(&g.source_type)][index(got_type)] += 1;
        let type_ok = *got_type == g.source_type;
        let stance_ok = *got_stance == g.stance;
        source_right += usize::from(type_ok);
        stance_right += usize::from(stance_ok);
        if !type_ok || !stance_ok {
            misses.push(format!(
                "{id:>5}  gold {}/{}  got {}/{}  cue `{}`\n       person {:?} speaker {:?} attribution {:?}",
                g.source_type,
                g.stance,
                got_type,
                got_stance,
                row["source_cue"],
                g.row["person"],
                g.row["speaker"],
                g.row["attribution"],
            ));
        }
    }

    let total = predicted.len();
    let source_accuracy = source_right as f64 / total as f64;
    let stance_accuracy = stance_right as f64 / total as f64;
    println!("{path}: confusion matrix (rows: gold, columns: predicted)");
    print!("{:>20}", "");
    for head in HEADS {
        print!("{head:>7}");
    }
    println!();
    for (label, counts) in LABELS.iter().zip(matrix) {
        print!("{label:>20}");
        for n in counts {
            if n == 0 {
                print!("{:>7}", ".");
            } else {
                print!("{n:>7}");
            }
        }
        println!();
    }
    println!("misclassified rows ({}):", misses.len());
    for miss in &misses {
        println!("{miss}");
    }
    println!(
        "{path}: source type: {source_right}/{total} = {:.1}%; stance: {stance_right}/{total} = {:.1}%",
        100.0 * source_accuracy,
        100.0 * stance_accuracy
    );
    assert!(
        source_accuracy >= source_type_floor,
        "source-type accuracy {:.1}% is below {:.0}%",
        100.0 * source_accuracy,
        100.0 * source_type_floor
    );
    assert!(
        stance_accuracy >= stance_floor,
        "stance accuracy {:.1}% is below {:.0}%",
        100.0 * stance_accuracy,
        100.0 * stance_floor
    );
}

/// Counts the allocations of the current thread, so a test can show that labeling allocates
/// nothing once its buffers are warm.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn labeling_and_stance_allocate_nothing_per_row() {
    let rows = read_csv(&std::fs::read(EVAL).expect("the evaluation set"));
    let claims: Vec<Claim<'_>> = rows
        .iter()
        .map(|r| Claim {
            person: &r["person"],
            speaker: &r["speaker"],
            attribution: &r["attribution"],
            outlet: &r["outlet"],
            claim: &r["claim"],
            ..Claim::default()
        })
        .collect();
    let cues = Cues::builtin().unwrap();
    let mut scratch = labeler::Scratch::default();
    let mut hits = Vec::new();
    let run = |scratch: &mut labeler::Scratch, hits: &mut Vec<_>| {
        for claim in &claims {
            std::hint::black_box(labeler::label(&cues, claim, scratch));
            std::hint::black_box(stance::infer(&cues, claim.attribution, claim.claim, hits));
        }
    };
    // The first pass grows the buffers to the longest row (which shows the counter counts).
    let start = ALLOCATIONS.with(Cell::get);
    run(&mut scratch, &mut hits);
    let before = ALLOCATIONS.with(Cell::get);
    assert!(before > start, "the first pass grows the buffers");
    run(&mut scratch, &mut hits);
    let allocations = ALLOCATIONS.with(Cell::get) - before;
    assert_eq!(
        allocations,
        0,
        "labeling {} rows allocated {allocations} times",
        claims.len()
    );
}
