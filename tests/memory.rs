//! Peak memory of the binary on large inputs, in a test binary of its own: a child's peak
//! (`ru_maxrss`) includes the spawning process's own peak, since the child starts in its
//! memory; among the other reliability tests, which hold large inputs, it measured the test
//! process rather than claimtrack.

mod common;

use common::Workdir;
#[cfg(unix)]
use common::run_streaming;

#[cfg(unix)]
#[test]
fn aggregates_stay_small_per_key_and_the_label_summary_stays_flat() {
    let wd = Workdir::new();
    const ROWS: usize = 200_000;
    // Row i is about person, outlet and topic number i % distinct.
    let rows = |distinct: usize| {
        move |out: &mut dyn std::io::Write| {
            let mut text = String::from("date,person,claim,speaker,outlet,topic\n");
            for i in 0..ROWS {
                let k = i % distinct;
                text.push_str(&format!(
                    "2022-01-01,Person{k} Name,A source said it.,a source,Outlet {k},topic-{k}\n"
                ));
            }
            let _ = out.write_all(text.as_bytes());
        }
    };
    let peak = |command: &str, distinct: usize| {
        let (code, stderr, kb) = run_streaming(&wd, &[command, "-", "-q"], rows(distinct));
        assert_eq!(code, 0, "{stderr}");
        kb
    };
    // Peak memory with 200,000 keys against 1,000, per extra key. On these rows (from a file,
    // release build, GNU time): report 211 bytes per person (one cell each), topics 356 per
    // topic with a person of its own, outlets 404 per topic with a person and an outlet of its
    // own; at e571924, before the last round of issue 12's work, 292, 655 and 724. The bounds
    // are generous: they catch a copy or a map per key more, not a few bytes.
    for (command, what, bound) in [
        ("report", "person", 280),
        ("topics", "topic (and person)", 480),
        ("outlets", "topic (and person and outlet)", 540),
    ] {
        let (few, many) = (peak(command, 1_000), peak(command, ROWS));
        let per_key = (many - few) * 1024 / (ROWS as i64 - 1_000);
        assert!(
            per_key < bound,
            "{command}: {per_key} bytes per {what} ({few} KB, {many} KB), over {bound}"
        );
    }
    // label's summary keeps 10,000 outlets apart at most: 200,000 outlets cost what 10,000 do.
    let (few, many) = (peak("label", 10_000), peak("label", ROWS));
    assert!(
        many < few + 8_000,
        "label: {few} KB with 10,000 outlets, {many} KB with {ROWS}"
    );
}
