//! Help for the typist: a mistyped value gets the closest allowed one, and a command that
//! needs a column the input lacks says so.

mod common;

use common::{Workdir, fixture};

#[test]
fn mistyped_values_get_a_did_you_mean() {
    let wd = Workdir::new();
    let input = fixture("claims/report.csv");
    for (flag, typed, meant) in [
        ("--source-type", "anonymus", "anonymous"),
        ("--source-type", "Secondhnad", "secondhand"),
        ("--standing", "onrecord", "on-record"),
        ("--format", "tabel", "table"),
        ("--by", "mnth", "month"),
        ("--log-format", "jsn", "json"),
    ] {
        let out = wd.run(&["report", &input, flag, typed]);
        assert_eq!(out.code, Some(2), "{flag} {typed}: {}", out.stderr);
        let said = out
            .stderr
            .replace("a similar value exists: ", "did you mean ");
        assert!(
            said.contains(&format!("'{meant}'")),
            "{flag} {typed}: {}",
            out.stderr
        );
    }
    let out = wd.run(&["topics", &input, "--resolve-by", "documnt"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("did you mean 'document'?"),
        "{}",
        out.stderr
    );
    // Nothing close: the list alone.
    let out = wd.run(&["report", &input, "--standing", "zzz"]);
    assert!(!out.stderr.contains("did you mean"), "{}", out.stderr);
    assert!(
        out.stderr.contains("use one of: on-record, rumor, unknown"),
        "{}",
        out.stderr
    );
}

#[test]
fn topics_and_outlets_say_when_the_input_has_no_topic_or_outlet_column() {
    let wd = Workdir::new();
    wd.write(
        "plain.csv",
        "date,person,claim,source_type\n2022-01-05,Ann Lee,She will return.,anonymous\n",
    );
    let topics = wd.ok(&["topics", "plain.csv"]);
    assert!(
        topics.stderr.contains("plain.csv: no `topic` column"),
        "{}",
        topics.stderr
    );
    assert!(
        topics.stderr.contains("--column topic=HEADER"),
        "{}",
        topics.stderr
    );
    let outlets = wd.ok(&["outlets", "plain.csv"]);
    assert!(
        outlets.stderr.contains("no `topic` column"),
        "{}",
        outlets.stderr
    );
    assert!(
        outlets.stderr.contains("no `outlet` column"),
        "{}",
        outlets.stderr
    );
    // With the columns there, not a word of it.
    let full = wd.ok(&["outlets", &fixture("claims/founding.csv")]);
    assert!(!full.stderr.contains("column"), "{}", full.stderr);
    // --strict: a failure, and no output.
    let strict = wd.fails(&["topics", "plain.csv", "--strict", "-o", "t.csv"], 1);
    assert!(
        strict.stderr.contains("no `topic` column"),
        "{}",
        strict.stderr
    );
    assert!(!wd.path("t.csv").exists());
}
