//! The README's recipes for running claimtrack under tools people already run (issue 16):
//! `examples/recipes/parallel-shards.sh` (GNU parallel, or xargs -P without it) and
//! `examples/recipes/spark_report.py` (Spark's RDD.pipe, in local mode; skipped when pyspark is
//! not installed). Each must give the bytes of one run over all the input.

mod common;

use std::process::Command;

use common::{BIN, Workdir};

/// The sample data cut into `n` files, each with the header.
fn shards(wd: &Workdir, n: usize) -> Vec<String> {
    let text = std::fs::read_to_string(common::repo_path("data/claims.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let per = rows.len().div_ceil(n);
    rows.chunks(per)
        .enumerate()
        .map(|(i, chunk)| {
            let name = format!("shard-{i}.csv");
            wd.write(&name, format!("{header}\n{}\n", chunk.join("\n")));
            name
        })
        .collect()
}

fn one_run(wd: &Workdir, files: &[String]) -> String {
    let mut args = vec!["report", "--format", "csv", "-q"];
    args.extend(files.iter().map(String::as_str));
    wd.ok(&args).stdout
}

fn run_script(wd: &Workdir, files: &[String], path: Option<&str>) -> String {
    let mut cmd = Command::new("sh");
    cmd.arg(common::repo_path("examples/recipes/parallel-shards.sh"))
        .arg("parts")
        .args(files)
        .current_dir(wd.path(""))
        .env("CLAIMTRACK", BIN);
    if let Some(path) = path {
        cmd.env("PATH", path);
    }
    let out = cmd.output().expect("run sh");
    assert!(
        out.status.success(),
        "parallel-shards.sh failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn shards_under_xargs_or_gnu_parallel_merge_into_one_run() {
    let wd = Workdir::new();
    let files = shards(&wd, 5);
    let whole = one_run(&wd, &files);
    // xargs -P: a PATH with only what the script needs, so that GNU parallel is not found.
    let bin = wd.path("bin");
    std::fs::create_dir(&bin).unwrap();
    for tool in ["sh", "mkdir", "xargs"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .unwrap();
        let at = String::from_utf8(found.stdout).unwrap();
        std::os::unix::fs::symlink(at.trim(), bin.join(tool)).unwrap();
    }
    assert_eq!(
        run_script(&wd, &files, Some(bin.to_str().unwrap())),
        whole,
        "xargs -P"
    );
    // GNU parallel, when this machine has it.
    let parallel = Command::new("sh")
        .args(["-c", "command -v parallel"])
        .output()
        .is_ok_and(|o| o.status.success());
    if parallel {
        std::fs::remove_dir_all(wd.path("parts")).unwrap();
        assert_eq!(run_script(&wd, &files, None), whole, "GNU parallel");
    } else {
        eprintln!("GNU parallel is not installed: only the xargs -P path was run");
    }
}

/// The Python with pyspark, if this machine has one.
fn pyspark() -> Option<String> {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let has_pyspark = Command::new(&python)
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pyspark {
        eprintln!("pyspark is not installed: the Spark recipe is not run (pip install pyspark)");
        return None;
    }
    Some(python)
}

/// Runs spark_report.py on `input` into report.csv, in local mode with 3 partitions, with
/// `path` in front of PATH and CLAIMTRACK as given (unset: found on PATH).
fn run_spark(
    wd: &Workdir,
    python: &str,
    input: &std::path::Path,
    path: &std::path::Path,
    claimtrack: Option<&std::path::Path>,
) -> std::process::Output {
    let mut cmd = Command::new(python);
    cmd.arg(common::repo_path("examples/recipes/spark_report.py"))
        .arg(input)
        .arg(wd.path("report.csv"))
        .current_dir(wd.path(""))
        .env(
            "PATH",
            format!(
                "{}:{}",
                path.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("PARTITIONS", "3")
        .env("PYSPARK_PYTHON", python)
        .env_remove("CLAIMTRACK");
    if let Some(claimtrack) = claimtrack {
        cmd.env("CLAIMTRACK", claimtrack);
    }
    cmd.output().expect("run python")
}

#[test]
fn spark_pipes_partitions_through_claimtrack_and_merges_them() {
    let Some(python) = pyspark() else { return };
    let wd = Workdir::new();
    let input = wd.write(
        "claims.csv",
        std::fs::read_to_string(common::repo_path("data/claims.csv")).unwrap(),
    );
    let whole = one_run(&wd, &["claims.csv".to_string()]);
    // claimtrack found on PATH alone, as a user who installed it runs the script: RDD.pipe
    // gives its command an empty environment unless the script passes one.
    let bin = wd.path("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("claimtrack")).unwrap();
    let out = run_spark(&wd, &python, &input, &bin, None);
    assert!(
        out.status.success(),
        "spark_report.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(wd.read("report.csv"), whole);
}

#[test]
fn a_partition_that_fails_fails_the_spark_job() {
    let Some(python) = pyspark() else { return };
    let wd = Workdir::new();
    let mut text = std::fs::read_to_string(common::repo_path("data/claims.csv")).unwrap();
    text.push_str("2022-03-01,Ann Lee,FAILME,,,,,,\n");
    let input = wd.write("claims.csv", text);
    // A claimtrack that fails on the partition holding the row FAILME, as a shard does when
    // its machine runs out of memory.
    let bin = wd.path("bin");
    std::fs::create_dir(&bin).unwrap();
    let script = bin.join("claimtrack");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ntmp=$(mktemp)\ncat > \"$tmp\"\nif grep -q FAILME \"$tmp\"; then rm -f \"$tmp\"; \
             echo 'out of memory' >&2; exit 1; fi\n'{BIN}' \"$@\" < \"$tmp\"\nrc=$?\nrm -f \"$tmp\"\n\
             exit $rc\n"
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = run_spark(&wd, &python, &input, &bin, Some(&script));
    assert!(
        !out.status.success(),
        "the job succeeded without a partition's rows:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !wd.path("report.csv").exists(),
        "a short report was written"
    );
}
