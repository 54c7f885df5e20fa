#!/usr/bin/env bash
# claimtrack's benchmark (issue 6): one run prints every figure the issue asks for.
#
#   scripts/bench.sh                      # 1M and 2M rows in a temporary folder, removed after
#   BENCH_DIR=/tmp/ct scripts/bench.sh    # keep the generated files there and reuse them
#
# Knobs (environment): BENCH_ROWS (1000000; the memory check also uses twice as many, both
# generated and as the same rows twice over),
# BENCH_RUNS (3; each timing is the best of that many), BENCH_SEED (42), BENCH_VADER_ROWS
# (20000), PYTHON (python3), CARGO_TARGET_DIR, BENCH_INSTRUCTIONS (0; 1 also counts brief's
# and report's instructions with valgrind's callgrind, which the load does not change: about
# 5 minutes each on 1M rows).
#
# It prints figures and never fails on them: timings on a shared 2-core machine vary too much
# for a threshold to mean anything, so the goals are shown next to the figures instead. It
# fails only when something does not run (a build, a command's exit status, a short file).
#
# Wall times are taken outside each process, so claimtrack's start-up (building the cue
# automaton and the VADER tables) counts, as it does for a user; the floor is timed the same way.
set -euo pipefail
shopt -s inherit_errexit
# `time` and printf use the locale's decimal separator; awk below expects a dot.
export LC_ALL=C

ROWS="${BENCH_ROWS:-1000000}"
RUNS="${BENCH_RUNS:-3}"
SEED="${BENCH_SEED:-42}"
VADER_ROWS="${BENCH_VADER_ROWS:-20000}"
PYTHON="${PYTHON:-python3}"
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_ROWS must be a positive integer" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_RUNS must be a positive integer" >&2; exit 2; }
[[ "$VADER_ROWS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_VADER_ROWS must be a positive integer" >&2; exit 2; }
BIG_ROWS=$((ROWS * 2))

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
TARGET="${CARGO_TARGET_DIR:-target}"
[[ "$TARGET" == /* ]] || TARGET="$ROOT/$TARGET"
CLAIMTRACK="$TARGET/release/claimtrack"
GEN="$TARGET/release/examples/gen_claims"
FLOOR="$TARGET/release/examples/csv_floor"

# Generated files go to BENCH_DIR (kept, so reruns skip generation) or to a temporary folder;
# scratch files always go to a temporary folder. Both temporary folders go on any exit.
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/claimtrack-bench.XXXXXX")"
if [[ -n "${BENCH_DIR:-}" ]]; then
    mkdir -p "$BENCH_DIR"
    DATA="$(cd "$BENCH_DIR" && pwd)"
else
    DATA="$SCRATCH"
fi
cleanup() { rm -rf -- "$SCRATCH"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
# Floating-point arithmetic: calc 'expression' (awk, present everywhere bash is).
calc() { awk "BEGIN { printf \"%s\", $1 }" </dev/null; }
fmt() { awk -v x="$2" "BEGIN { printf \"$1\", x }" </dev/null; }

# timed CMD...: one run of CMD, stdout discarded; sets REAL (wall) and CPU (user + sys), seconds.
# Bash's own `time` keyword: no external tool, millisecond resolution, and CPU time shows how
# many cores a command really kept busy.
timed() {
    local TIMEFORMAT='%3R %3U %3S' status=0 user sys
    { time "$@" >/dev/null 2>"$SCRATCH/stderr" || status=$?; } 2>"$SCRATCH/time"
    if ((status != 0)); then
        cat "$SCRATCH/stderr" >&2
        die "failed (exit $status): $*"
    fi
    read -r REAL user sys <"$SCRATCH/time"
    # A tiny BENCH_ROWS can finish within the clock's millisecond; the ratios divide by it.
    [[ "$REAL" != "0.000" ]] || REAL=0.001
    CPU="$(calc "$user + $sys")"
}

# best_of CMD...: RUNS runs; sets BEST (the shortest wall time) and BEST_CPU (that run's CPU).
best_of() {
    local i
    BEST="" BEST_CPU=""
    for ((i = 0; i < RUNS; i++)); do
        timed "$@"
        if [[ -z "$BEST" ]] || (($(calc "($REAL < $BEST) ? 1 : 0"))); then
            BEST="$REAL" BEST_CPU="$CPU"
        fi
    done
}

# peak_rss_mb CMD...: peak resident memory of one run of CMD, in MB (1e6 bytes).
peak_rss_mb() {
    local out="$SCRATCH/time-v.txt" kb
    /usr/bin/time -v "$@" >/dev/null 2>"$out" || { cat "$out" >&2; die "failed: $*"; }
    kb="$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$out")"
    [[ -n "$kb" ]] || die "no 'Maximum resident set size' in /usr/bin/time -v output"
    calc "$kb * 1024 / 1e6"
}

file_bytes() { wc -c <"$1" | tr -d ' '; }
# instructions CMD...: the instructions one run of CMD executes (callgrind), stdout discarded.
instructions() {
    local err="$SCRATCH/callgrind.txt" n
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$err" ||
        { cat "$err" >&2; die "failed under callgrind: $*"; }
    n="$(awk '/I +refs:/ { gsub(",", "", $NF); print $NF }' "$err")"
    [[ -n "$n" ]] || die "no 'I refs' in callgrind's output for: $*"
    printf '%s' "$n"
}
# output_rows CMD FILE: how many rows (not counting the header) CMD writes for FILE.
output_rows() { "$CLAIMTRACK" "$1" "$2" --format jsonl -q | wc -l | tr -d ' '; }

# --- the machine and the code -------------------------------------------------------------
commit="unknown"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)"
    # --no-optional-locks: only look, never refresh the index (others may be committing).
    if [[ -n "$(git --no-optional-locks -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
        commit="$commit (with uncommitted changes)"
    fi
fi
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
say "== claimtrack benchmark =="
say "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "commit:   $commit"
say "machine:  $(nproc) cores${cpu:+, $cpu}, $(uname -sm)"
say "rustc:    $(rustc --version 2>/dev/null || echo unknown)"
say "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (1, 5, 15 min) before the run"
say "settings: rows=$ROWS (and $BIG_ROWS for memory), best of $RUNS, seed=$SEED"
say ""

# --- build --------------------------------------------------------------------------------
# Only the targets the benchmark runs: another example that does not build (or needs data this
# machine lacks) must not stop it.
say "building (cargo build --release) ..."
cargo build --quiet --release --bin claimtrack --example gen_claims --example csv_floor
for bin in "$CLAIMTRACK" "$GEN" "$FLOOR"; do
    [[ -x "$bin" ]] || die "missing $bin after the build (is CARGO_TARGET_DIR right?)"
done

# --- data ---------------------------------------------------------------------------------
# gen_claims FILE ROWS [GENERATOR FLAGS]: generates unless a file from the current generator
# is already there.
gen_claims() {
    local file="$1" rows="$2"
    shift 2
    if [[ -s "$file" && "$file" -nt "$GEN" ]]; then
        say "reusing $file"
    else
        say "generating $rows rows into $file ..."
        "$GEN" --rows "$rows" --seed "$SEED" "$@" >"$file.part"
        mv -- "$file.part" "$file"
    fi
}
FILE="$DATA/claims-$ROWS-seed$SEED.csv"
BIG="$DATA/claims-$BIG_ROWS-seed$SEED.csv"
gen_claims "$FILE" "$ROWS"
gen_claims "$BIG" "$BIG_ROWS"
# Issue 13's case for the brief: the same number of rows about 1,000 people (FILE has 3,000).
PEOPLE_1000="$DATA/claims-$ROWS-seed$SEED-1000-people.csv"
gen_claims "$PEOPLE_1000" "$ROWS" --people 1000
# The same rows with the speaker and attribution fields empty and the attribution written into
# the claim ("A source told The Evening Courier that ..."), as most real exports are (issue 10).
CLAIM_ONLY="$DATA/claims-$ROWS-seed$SEED-claim-only.csv"
if [[ -s "$CLAIM_ONLY" && "$CLAIM_ONLY" -nt "$GEN" ]]; then
    say "reusing $CLAIM_ONLY"
else
    say "generating $ROWS claim-only rows into $CLAIM_ONLY ..."
    "$GEN" --rows "$ROWS" --seed "$SEED" --claim-only >"$CLAIM_ONLY.part"
    mv -- "$CLAIM_ONLY.part" "$CLAIM_ONLY"
fi
# The first file's rows twice over: as many rows as the second, but the same persons, periods,
# topics and outlets, so its aggregates are exactly the first file's. Memory that grows from
# FILE to TWICE follows rows; memory that grows only to BIG follows the aggregates.
TWICE="$DATA/claims-$ROWS-seed$SEED-twice.csv"
if [[ -s "$TWICE" && "$TWICE" -nt "$FILE" ]]; then
    say "reusing $TWICE"
else
    say "writing $TWICE (the rows of $FILE twice) ..."
    { cat -- "$FILE"; tail -n +2 -- "$FILE"; } >"$TWICE.part"
    mv -- "$TWICE.part" "$TWICE"
fi
BYTES="$(file_bytes "$FILE")"
MB="$(calc "$BYTES / 1e6")"
say "data: $FILE"
digest="unavailable"
command -v sha256sum >/dev/null && digest="$(sha256sum "$FILE" | cut -c1-16)"
say "      $(fmt %.1f "$MB") MB, sha256 $digest (same seed and rows: same bytes)"
say ""

# --- the floor ----------------------------------------------------------------------------
floor_out="$("$FLOOR" "$FILE")"
floor_rows="$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' <<<"$floor_out")"
[[ "$floor_rows" == "$ROWS" ]] || die "csv_floor read $floor_rows rows, expected $ROWS"
best_of "$FLOOR" "$FILE"
FLOOR_S="$BEST" FLOOR_CPU="$BEST_CPU"

# report_line NAME SECONDS CPU_SECONDS: one row of the timing table.
header() {
    printf '%-30s %8s %11s %8s %8s %8s %8s %6s\n' "command ($ROWS rows)" seconds rows/s MB/s \
        "us/row" "x floor" "cpu s" cores
}
report_line() {
    printf '%-30s %8.3f %11.0f %8.1f %8.3f %8.2f %8.3f %6.2f\n' "$1" "$2" \
        "$(calc "$ROWS / $2")" "$(calc "$MB / $2")" "$(calc "$2 * 1e6 / $ROWS")" \
        "$(calc "$2 / $FLOOR_S")" "$3" "$(calc "$3 / $2")"
}

say "-- throughput, best of $RUNS (wall clock; output to /dev/null) --"
header
report_line "csv crate alone (floor)" "$FLOOR_S" "$FLOOR_CPU"
declare -A T C
for cmd in label report topics outlets; do
    best_of "$CLAIMTRACK" "$cmd" "$FILE" --format csv -q
    T[$cmd]="$BEST" C[$cmd]="$BEST_CPU"
    report_line "claimtrack $cmd" "${T[$cmd]}" "${C[$cmd]}"
done
say ""
say "-- one worker thread (--threads 1), for the parallel speed-up --"
say "   (--threads counts workers; the reading thread and the output thread come on top)"
header
for cmd in label report; do
    best_of "$CLAIMTRACK" "$cmd" "$FILE" --format csv -q --threads 1
    T[$cmd-1]="$BEST" C[$cmd-1]="$BEST_CPU"
    report_line "claimtrack $cmd --threads 1" "${T[$cmd-1]}" "${C[$cmd-1]}"
done
say ""

# --- claim-only rows (issue 10) -----------------------------------------------------------
# The attribution found inside the claim text: the same rows as above with the fields empty.
# Goal: 250,000 rows/s or more (the MB/s column is of the file with fields, about the same
# size).
say "-- claim-only rows: the attribution inside the claim text (goal: 250,000 rows/s) --"
header
for cmd in label report; do
    best_of "$CLAIMTRACK" "$cmd" "$CLAIM_ONLY" --format csv -q
    T[$cmd-claim]="$BEST" C[$cmd-claim]="$BEST_CPU"
    report_line "claimtrack $cmd (claim-only)" "${T[$cmd-claim]}" "${C[$cmd-claim]}"
done
say ""

# --- brief vs report (issue 13) ----------------------------------------------------------
# The brief judges stance as well as tone and draws its page after the same pass, so it is
# timed against report on the same rows, the two runs taking turns so that both see the same
# load; goal: within 10% of report, and a page under 5 MB, on 1,000 people (issue 13's case).
BRIEF_PAGE="$SCRATCH/brief.html"
say "-- brief vs report on $ROWS rows about 1,000 people, best of $RUNS each, taking turns --"
header
BRIEF_S="" REPORT_S="" BRIEF_CPU="" REPORT_CPU=""
for ((i = 0; i < RUNS; i++)); do
    timed "$CLAIMTRACK" report "$PEOPLE_1000" --format csv -q
    if [[ -z "$REPORT_S" ]] || (($(calc "($REAL < $REPORT_S) ? 1 : 0"))); then REPORT_S="$REAL" REPORT_CPU="$CPU"; fi
    timed "$CLAIMTRACK" brief "$PEOPLE_1000" -o "$BRIEF_PAGE" -q
    if [[ -z "$BRIEF_S" ]] || (($(calc "($REAL < $BRIEF_S) ? 1 : 0"))); then BRIEF_S="$REAL" BRIEF_CPU="$CPU"; fi
done
report_line "claimtrack report" "$REPORT_S" "$REPORT_CPU"
report_line "claimtrack brief -o page.html" "$BRIEF_S" "$BRIEF_CPU"
BRIEF_BYTES="$(file_bytes "$BRIEF_PAGE")"
say "brief page: $BRIEF_BYTES bytes"
# CPU time varies with the load on this shared machine; instructions do not, but they do not
# weigh time either: the stance scan (a walk through a 2 MB automaton, a byte at a time) takes
# more time per instruction than the rest of the run, so the two ratios differ. Both are shown.
BRIEF_IR="" REPORT_IR=""
if [[ "${BENCH_INSTRUCTIONS:-0}" == 1 ]]; then
    if command -v valgrind >/dev/null; then
        say "counting instructions (callgrind, --threads 1), a few minutes each ..."
        REPORT_IR="$(instructions "$CLAIMTRACK" report "$PEOPLE_1000" --format csv -q --threads 1)"
        BRIEF_IR="$(instructions "$CLAIMTRACK" brief "$PEOPLE_1000" -o "$BRIEF_PAGE" -q --threads 1)"
        say "instructions: report $REPORT_IR, brief $BRIEF_IR"
    else
        say "instructions: skipped, valgrind is not installed"
    fi
fi
say ""

# --- peak memory --------------------------------------------------------------------------
declare -A RSS
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
    say "-- peak memory (/usr/bin/time -v, maximum resident set size; one run each) --"
    say "   (twice: the $ROWS rows twice over, $BIG_ROWS rows with the aggregates of $ROWS)"
    printf '%-28s %12s %12s %12s\n' "command" "$ROWS rows" "$BIG_ROWS rows" "twice"
    RSS[floor]="$(peak_rss_mb "$FLOOR" "$FILE")"
    RSS[floor-big]="$(peak_rss_mb "$FLOOR" "$BIG")"
    RSS[floor-twice]="$(peak_rss_mb "$FLOOR" "$TWICE")"
    printf '%-28s %9.1f MB %9.1f MB %9.1f MB\n' "csv crate alone (floor)" \
        "${RSS[floor]}" "${RSS[floor-big]}" "${RSS[floor-twice]}"
    for cmd in label report topics outlets; do
        RSS[$cmd]="$(peak_rss_mb "$CLAIMTRACK" "$cmd" "$FILE" --format csv -q)"
        RSS[$cmd-big]="$(peak_rss_mb "$CLAIMTRACK" "$cmd" "$BIG" --format csv -q)"
        RSS[$cmd-twice]="$(peak_rss_mb "$CLAIMTRACK" "$cmd" "$TWICE" --format csv -q)"
        printf '%-28s %9.1f MB %9.1f MB %9.1f MB\n' "claimtrack $cmd" \
            "${RSS[$cmd]}" "${RSS[$cmd-big]}" "${RSS[$cmd-twice]}"
    done
    # What the aggregating commands hold: one output row per aggregate.
    printf '%-28s %12s %12s %12s\n' "output rows (aggregates)" "" "" ""
    for cmd in report topics outlets; do
        printf '%-28s %12s %12s %12s\n' "  $cmd" \
            "$(output_rows "$cmd" "$FILE")" "$(output_rows "$cmd" "$BIG")" "$(output_rows "$cmd" "$TWICE")"
    done
else
    say "-- peak memory: skipped, /usr/bin/time (GNU time, for -v) is not installed --"
fi
say ""

# --- the reference Python VADER -----------------------------------------------------------
PY_US=""
if "$PYTHON" -c 'import vaderSentiment' >/dev/null 2>&1; then
    say "-- reference: Python vaderSentiment, scoring loop only, claims of the first $VADER_ROWS rows, best of $RUNS --"
    py_out="$("$PYTHON" "$ROOT/scripts/vader_reference.py" "$FILE" "$VADER_ROWS" "$RUNS")"
    say "$py_out"
    PY_US="$(sed -n 's/.*us_per_row=\([0-9.]*\).*/\1/p' <<<"$py_out")"
    [[ -n "$PY_US" ]] || die "could not read us_per_row from: $py_out"
else
    say "-- reference: skipped, $PYTHON cannot import vaderSentiment --"
    say "   to include it: pip install vaderSentiment==3.3.2   (this script installs nothing)"
fi
say ""

# --- extract: articles to claim rows ------------------------------------------------------
# A CSV of articles made from the test articles (invented text), repeated to EXTRACT_MB MB of
# article text; its floor is the csv crate reading the same file. Real articles too when
# PolNeAR is beside the repository (../shared/external/polnear/train/text).
EXTRACT_MB="${BENCH_EXTRACT_MB:-20}"
ARTICLES="$SCRATCH/articles.csv"
{
    printf 'id,date,outlet,text\n'
    awk -v target="$((EXTRACT_MB * 1000000))" '
        FNR == 1 && NR > 1 { body[n++] = text; text = "" }
        { gsub(/"/, "\"\""); text = text $0 "\n" }
        END {
            body[n++] = text
            for (i = 0; total < target; i++) {
                b = body[i % n]
                printf "a%d,2022-03-01,Us Weekly,\"%s\"\n", i, b
                total += length(b)
            }
        }' "$ROOT"/tests/fixtures/extract/*.txt
} >"$ARTICLES"
ARTICLE_MB="$(calc "$(file_bytes "$ARTICLES") / 1e6")"
say "-- extract: $(fmt %.1f "$ARTICLE_MB") MB CSV of articles, best of $RUNS --"
best_of "$FLOOR" "$ARTICLES"
EXTRACT_FLOOR_S="$BEST"
best_of "$CLAIMTRACK" extract "$ARTICLES" --format csv -q
EXTRACT_S="$BEST" EXTRACT_CPU="$BEST_CPU"
say "   extract: $(fmt %.3f "$EXTRACT_S") s wall, $(fmt %.3f "$EXTRACT_CPU") s CPU: $(fmt %.1f "$(calc "$ARTICLE_MB / $EXTRACT_CPU")") MB/s per core; $(fmt %.1f "$(calc "$EXTRACT_S / $EXTRACT_FLOOR_S")")x the csv floor ($(fmt %.3f "$EXTRACT_FLOOR_S") s)"
POLNEAR="$ROOT/../shared/external/polnear/train/text"
EXTRACT_REAL=""
if [[ -d "$POLNEAR" ]]; then
    real_mb="$(calc "$(cat "$POLNEAR"/*.txt | wc -c) / 1e6")"
    best_of "$CLAIMTRACK" extract --date 2016-01-01 -q "$POLNEAR"/*.txt
    EXTRACT_REAL="$(fmt %.1f "$(calc "$real_mb / $BEST_CPU")") MB/s per core on PolNeAR train ($(fmt %.1f "$real_mb") MB, $(ls "$POLNEAR" | wc -l) articles, $(fmt %.3f "$BEST") s)"
    say "   $EXTRACT_REAL"
else
    say "   PolNeAR not found beside the repository: real articles skipped"
fi
# --- the terminal table on a long word (issue 12: no quadratic layout) --------------------
# One row whose person and claim are a single word of 200 KB, then of 1 MB: the table's time
# against CSV's on the same file, and how it grows with the word (5x the word: about 5x the
# time when linear, 25x when quadratic; before the table's own layout, 42 s and over 12 min).
say "-- terminal table on one long word, best of $RUNS --"
for kb in 200 1000; do
    word="$(head -c $((kb * 1024)) /dev/zero | tr '\0' x)"
    printf 'date,person,claim,source_type\n2022-01-05,%s,%s,anonymous\n' "$word" "$word" >"$SCRATCH/word-$kb.csv"
    best_of env COLUMNS=80 "$CLAIMTRACK" report "$SCRATCH/word-$kb.csv" --format table -q
    T["table-$kb"]="$BEST"
    best_of "$CLAIMTRACK" report "$SCRATCH/word-$kb.csv" --format csv -q
    T["csv-$kb"]="$BEST"
    printf '%-44s %s\n' "table / csv, ${kb} KB word:" \
        "$(fmt %.2f "$(calc "${T[table-$kb]} / ${T[csv-$kb]}")")x (${T[table-$kb]} s vs ${T[csv-$kb]} s)"
done
printf '%-44s %s\n' "table time, 1000 KB word / 200 KB word:" \
    "$(fmt %.2f "$(calc "${T[table-1000]} / ${T[table-200]}")")x for 5x the word (linear: about 5x or less)"
say ""

# --- summary ------------------------------------------------------------------------------
us() { calc "$1 * 1e6 / $ROWS"; }
say "== summary: $ROWS rows, $(fmt %.1f "$MB") MB, $(nproc) cores, commit $commit =="
printf '%-44s %s\n' "floor (csv crate alone):" \
    "$(fmt %.3f "$FLOOR_S") s, $(fmt %.0f "$(calc "$ROWS / $FLOOR_S")") rows/s, $(fmt %.0f "$(calc "$MB / $FLOOR_S")") MB/s"
for cmd in label report topics outlets; do
    printf '%-44s %s\n' "$cmd / floor:" \
        "$(fmt %.2f "$(calc "${T[$cmd]} / $FLOOR_S")")x  ($(fmt %.3f "$(us "${T[$cmd]}")") us/row)"
done
say "   goal: report within 4x of the floor"
for cmd in label report; do
    printf '%-44s %s\n' "$cmd speed-up, 1 -> $(nproc) threads:" "$(fmt %.2f "$(calc "${T[$cmd-1]} / ${T[$cmd]}")")x"
done
for cmd in label report; do
    printf '%-44s %s\n' "$cmd on claim-only rows:" \
        "$(fmt %.0f "$(calc "$ROWS / ${T[$cmd-claim]}")") rows/s, $(fmt %.0f "$(calc "$ROWS / ${C[$cmd-claim]}")") rows per CPU second ($(fmt %.2f "$(calc "${T[$cmd-claim]} / ${T[$cmd]}")")x the time of the rows with fields)"
done
say "   goal: claim-only rows at 250,000 rows/s or more"
if [[ -n "${RSS[report]:-}" ]]; then
    for cmd in label report topics outlets; do
        printf '%-44s %s\n' "$cmd peak memory, $ROWS / $BIG_ROWS / twice:" \
            "$(fmt %.1f "${RSS[$cmd]}") MB / $(fmt %.1f "${RSS[$cmd-big]}") MB / $(fmt %.1f "${RSS[$cmd-twice]}") MB"
    done
    say "   goal: under 64 MB at $ROWS rows and no higher at $BIG_ROWS"
    say "   (twice has $BIG_ROWS rows and the aggregates of $ROWS: where it stays level, memory follows aggregates, not rows)"
else
    printf '%-44s %s\n' "peak memory:" "not measured (no /usr/bin/time)"
fi
if [[ -n "$PY_US" ]]; then
    printf '%-44s %s\n' "Python VADER scoring / claimtrack report:" \
        "$(fmt %.1f "$(calc "$PY_US / $(us "${T[report]}")")")x per row ($PY_US us vs $(fmt %.3f "$(us "${T[report]}")") us)"
    printf '%-44s %s\n' "  same, report on 1 thread:" \
        "$(fmt %.1f "$(calc "$PY_US / $(us "${T[report-1]}")")")x per row"
    say "   goal: report at least 50x faster per row than the reference's scoring alone"
else
    printf '%-44s %s\n' "Python VADER ratio:" "not measured (pip install vaderSentiment==3.3.2)"
fi
printf '%-44s %s\n' "brief / report (same run, taking turns):" \
    "$(fmt %.3f "$(calc "$BRIEF_S / $REPORT_S")")x  ($(fmt %.3f "$BRIEF_S") s vs $(fmt %.3f "$REPORT_S") s)"
printf '%-44s %s\n' "  in CPU time:" \
    "$(fmt %.3f "$(calc "$BRIEF_CPU / $REPORT_CPU")")x  ($(fmt %.3f "$BRIEF_CPU") s vs $(fmt %.3f "$REPORT_CPU") s)"
if [[ -n "$BRIEF_IR" ]]; then
    printf '%-44s %s\n' "  in instructions (callgrind, --threads 1):" \
        "$(fmt %.3f "$(calc "$BRIEF_IR / $REPORT_IR")")x  ($(fmt %.3f "$(calc "$BRIEF_IR / 1e9")")G vs $(fmt %.3f "$(calc "$REPORT_IR / 1e9")")G)"
else
    printf '%-44s %s\n' "  in instructions:" "not counted (BENCH_INSTRUCTIONS=1)"
fi
printf '%-44s %s\n' "brief page size:" "$(fmt %.2f "$(calc "$BRIEF_BYTES / 1e6")") MB"
say "   goal: brief within 1.10x of report, page under 5 MB"
# The benchmark alone keeps about nproc cores busy, so the load after it is near nproc; much
# higher means other work competed with it and the figures should be taken again.
say "load after the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (the benchmark alone gives about $(nproc); much higher: other work competed, run again)"
printf '%-44s %s\n' "extract, text per CPU second:" "$(fmt %.1f "$(calc "$ARTICLE_MB / $EXTRACT_CPU")") MB/s per core (goal: at least 5)"
[[ -z "$EXTRACT_REAL" ]] || printf '%-44s %s\n' "extract on real articles:" "$EXTRACT_REAL"

# --- memory per aggregate key and the outlet scorecard's scaling (issue 12) ---------------
say ""
CLAIMTRACK="$CLAIMTRACK" CLAIMTRACK_PREBUILT=1 "$ROOT/scripts/bench_keys.sh"

# --- partial results: shards and merge, nightly --state (issue 16) --------------------------
say ""
CLAIMTRACK="$CLAIMTRACK" GEN="$GEN" CLAIMTRACK_PREBUILT=1 "$ROOT/scripts/bench_partial.sh"
