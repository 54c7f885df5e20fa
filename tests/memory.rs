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
    let rows = |distinct: usize| {
        move |out: &mut dyn std::io::Write| {
            let mut text = String::from("date,person,claim,speaker,outlet\n");
            for i in 0..ROWS {
                let k = i % distinct;
                text.push_str(&format!(
                    "2022-01-01,Person{k} Name,A source said it.,a source,Outlet {k}\n"
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
    // 200,000 persons (one cell each) against 1,000: at most 400 bytes per extra key (about
    // 1 KB before compact keys; the benchmark measures ~170 at 1M).
    let (few, many) = (peak("report", 1_000), peak("report", ROWS));
    let per_key = (many - few) * 1024 / (ROWS as i64 - 1_000);
    assert!(
        per_key < 400,
        "report: {per_key} bytes per person ({few} KB, {many} KB)"
    );
    // label's summary keeps 10,000 outlets apart at most: 200,000 outlets cost what 10,000 do.
    let (few, many) = (peak("label", 10_000), peak("label", ROWS));
    assert!(
        many < few + 8_000,
        "label: {few} KB with 10,000 outlets, {many} KB with {ROWS}"
    );
}
