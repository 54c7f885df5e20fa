#!/usr/bin/env bash
# Partial results (issue 16), on generated files; run by scripts/bench.sh too.
#
#   scripts/bench_partial.sh                          # 10M rows, 8 shards, 2 at a time
#   BENCH_PARTIAL_ROWS=1000000 scripts/bench_partial.sh
#   BENCH_DIR=/tmp/ct scripts/bench_partial.sh        # keep the generated files for reruns
#
# 1. Shards: the file cut into BENCH_SHARDS files (by lines, each with the header), one
#    `COMMAND --partial` per shard with GNU parallel -j BENCH_JOBS (xargs -P without it), then
#    `merge`, against one run over the whole file: wall time and peak memory of each, and
#    whether the merged table is byte-identical.
# 2. Nightly: `report --state` on the file, then 1% more rows appended, then `report --state`
#    again (reads only those) against a full `report` of the grown file.
# Prints figures and never fails on them; fails only when something does not run.
set -euo pipefail
export LC_ALL=C

ROWS="${BENCH_PARTIAL_ROWS:-10000000}"
SHARDS="${BENCH_SHARDS:-8}"
JOBS="${BENCH_JOBS:-2}"
SEED="${BENCH_SEED:-42}"
COMMANDS="${BENCH_PARTIAL_COMMANDS:-report topics outlets}"
[[ "$ROWS" =~ ^[1-9][0-9]*$ && "$ROWS" -ge 100 ]] || { echo "bench_partial: BENCH_PARTIAL_ROWS must be an integer of at least 100" >&2; exit 2; }

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
[[ "$TARGET" == /* ]] || TARGET="$PWD/$TARGET"
CLAIMTRACK="${CLAIMTRACK:-$TARGET/release/claimtrack}"
GEN="${GEN:-$TARGET/release/examples/gen_claims}"
if [[ -z "${CLAIMTRACK_PREBUILT:-}" ]]; then
    cargo build --quiet --release --bin claimtrack --example gen_claims
fi
for bin in "$CLAIMTRACK" "$GEN"; do
    [[ -x "$bin" ]] || { echo "bench_partial: missing $bin" >&2; exit 1; }
done
if ! { [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; }; then
    echo "-- partial results: skipped, /usr/bin/time (GNU time, for -v) is not installed --"
    exit 0
fi

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/claimtrack-partial.XXXXXX")"
if [[ -n "${BENCH_DIR:-}" ]]; then
    mkdir -p "$BENCH_DIR"
    DATA="$(cd "$BENCH_DIR" && pwd)"
else
    DATA="$SCRATCH"
fi
trap 'rm -rf -- "$SCRATCH"' EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*"; }
die() { printf 'bench_partial: %s\n' "$*" >&2; exit 1; }
calc() { awk "BEGIN { printf \"%s\", $1 }" </dev/null; }

# measure NAME CMD...: one run under GNU time; sets WALL (s), CPU (user + system, s) and RSS
# (MB, 1e6 bytes). On a shared machine CPU time varies far less than wall time.
measure() {
    local name="$1" out="$SCRATCH/$1.time"
    shift
    /usr/bin/time -v "$@" >"$SCRATCH/$name.out" 2>"$out" || { cat "$out" >&2; die "failed: $*"; }
    WALL="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out")"
    RSS="$(awk -F': *' '/Maximum resident set size/ { printf "%.1f", $2 * 1024 / 1e6 }' "$out")"
    CPU="$(cpu_of "$out")"
}

# cpu_of FILE...: user + system seconds summed over GNU time -v reports.
cpu_of() {
    awk -F': *' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$@"
}

gen() {
    if [[ -s "$1" && "$1" -nt "$GEN" ]]; then
        say "reusing $1"
    else
        say "generating $2 rows (seed $3) into $1 ..."
        "$GEN" --rows "$2" --seed "$3" >"$1.part"
        mv -- "$1.part" "$1"
    fi
}

FILE="$DATA/claims-$ROWS-seed$SEED.csv"
gen "$FILE" "$ROWS" "$SEED"
say "== partial results: $ROWS rows ($(awk -v b="$(wc -c <"$FILE")" 'BEGIN { printf "%.1f", b / 1e6 }') MB), $SHARDS shards, $JOBS at a time =="
say "machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg) before"

# --- 1. shards --------------------------------------------------------------------------------
SHARD_DIR="$SCRATCH/shards"
mkdir -p "$SHARD_DIR"
# Cut by records, not lines (a quoted field may hold a line break): a record goes on while
# its quotes are unbalanced. Shard i gets records i*ROWS/SHARDS up to (i+1)*ROWS/SHARDS.
records=$(awk -v rows="$ROWS" -v shards="$SHARDS" -v dir="$SHARD_DIR" '
    NR == 1 { header = $0; next }
    {
        buf = open ? buf "\n" $0 : $0
        quotes += gsub(/"/, "\"")
        if (quotes % 2) { open = 1; next }
        f = sprintf("%s/shard-%02d.csv", dir, int(n * shards / rows))
        if (!(f in started)) { print header > f; started[f] = 1 }
        print buf > f
        n++; open = 0; quotes = 0
    }
    END { print n }' "$FILE")
((records == ROWS)) || die "$FILE: $records records for $ROWS rows"
if command -v parallel >/dev/null 2>&1; then
    RUNNER="GNU parallel -j $JOBS"
    run_shards() {
        parallel --will-cite -j "$JOBS" /usr/bin/time -v -o {}.time "$CLAIMTRACK" "$1" --partial -q {} -o {}.jsonl ::: "$SHARD_DIR"/shard-*.csv
    }
else
    RUNNER="xargs -P $JOBS"
    run_shards() {
        printf '%s\0' "$SHARD_DIR"/shard-*.csv |
            xargs -0 -P "$JOBS" -I{} /usr/bin/time -v -o {}.time "$CLAIMTRACK" "$1" --partial -q {} -o {}.jsonl
    }
fi
say ""
printf '%-9s %-40s %9s %9s %12s\n' command step "wall (s)" "CPU (s)" "peak (MB)"
for command in $COMMANDS; do
    measure "$command-one" "$CLAIMTRACK" "$command" "$FILE" -q --format csv -o "$SCRATCH/$command-one.csv"
    printf '%-9s %-40s %9s %9s %12s\n' "$command" "one run over the whole file" "$WALL" "$CPU" "$RSS"
    rm -f "$SHARD_DIR"/*.jsonl "$SHARD_DIR"/*.time
    start=$(date +%s.%N)
    run_shards "$command"
    shards_wall=$(calc "$(date +%s.%N) - $start")
    shard_rss=$(cat "$SHARD_DIR"/*.time | awk -F': *' '/Maximum resident set size/ { if ($2 > m) m = $2 } END { printf "%.1f", m * 1024 / 1e6 }')
    part_mb=$(awk -v b="$(cat "$SHARD_DIR"/*.jsonl | wc -c)" 'BEGIN { printf "%.1f", b / 1e6 }')
    shards_cpu=$(cpu_of "$SHARD_DIR"/*.time)
    printf '%-9s %-40s %9.2f %9s %12s\n' "" "$SHARDS shards ($RUNNER), --partial" "$shards_wall" "$shards_cpu" "$shard_rss (each, max)"
    measure "$command-merge" "$CLAIMTRACK" merge -q "$SHARD_DIR"/shard-*.csv.jsonl --format csv -o "$SCRATCH/$command-merged.csv"
    printf '%-9s %-40s %9s %9s %12s\n' "" "merge ($part_mb MB of partials)" "$WALL" "$CPU" "$RSS"
    total=$(calc "$shards_wall + $WALL")
    total_cpu=$(calc "$shards_cpu + $CPU")
    same=no
    cmp -s "$SCRATCH/$command-one.csv" "$SCRATCH/$command-merged.csv" && same=yes
    printf '%-9s %-40s %9.2f %9.2f %12s\n' "" "shards + merge" "$total" "$total_cpu" "identical: $same"
    [[ "$same" == yes ]] || die "$command: the merged table differs from the one-run table"
done
rm -rf -- "$SHARD_DIR"

# --- 2. nightly ---------------------------------------------------------------------------------
NEW=$((ROWS / 100))
GROWN="$SCRATCH/grown.csv"
STATE="$SCRATCH/state"
cp -- "$FILE" "$GROWN"
say ""
say "== nightly: report --state, then $NEW new rows (1%) appended =="
measure first "$CLAIMTRACK" report --state "$STATE" "$GROWN" -q --format csv
printf '%-46s %9s s wall %9s s CPU %9s MB\n' "first --state run (reads all, writes the state)" "$WALL" "$CPU" "$RSS"
state_mb=$(awk -v b="$(cat "$STATE"/*.jsonl | wc -c)" 'BEGIN { printf "%.1f", b / 1e6 }')
"$GEN" --rows "$NEW" --seed $((SEED + 1)) | tail -n +2 >>"$GROWN"
measure full "$CLAIMTRACK" report "$GROWN" -q --format csv -o "$SCRATCH/full.csv"
printf '%-46s %9s s wall %9s s CPU %9s MB\n' "full run over the grown file" "$WALL" "$CPU" "$RSS"
measure nightly "$CLAIMTRACK" report --state "$STATE" "$GROWN" --format csv -o "$SCRATCH/nightly.csv"
printf '%-46s %9s s wall %9s s CPU %9s MB\n' "--state run (hashes the prefix, reads 1%)" "$WALL" "$CPU" "$RSS"
grep -o '[0-9,]* new rows after byte [0-9,]*' "$SCRATCH/nightly.time" | sed 's/^/  says: /' || true
same=no
cmp -s "$SCRATCH/full.csv" "$SCRATCH/nightly.csv" && same=yes
say "  state: $state_mb MB; the --state table is identical to the full run's: $same"
[[ "$same" == yes ]] || die "the --state table differs from the full run's"
say "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
