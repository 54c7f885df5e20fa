#!/usr/bin/env bash
# Memory per aggregate key and the outlet scorecard's scaling (issue 12), on generated files.
#
#   scripts/bench_keys.sh                 # 1M distinct keys; run by scripts/bench.sh too
#   BENCH_KEYS=200000 scripts/bench_keys.sh
#
# Per key: the peak resident memory of a run on BENCH_KEYS rows with BENCH_KEYS distinct keys,
# less that of a run on as many rows with 1,000 distinct keys (the same rows otherwise), divided
# by the extra keys. Goal: at most 256 bytes per key. Scaling: `outlets` against `topics` on the
# same file of 200,000 outlets in one topic (they read and judge the same; only the scorecard
# differs). Prints figures and never fails on them.
set -euo pipefail
export LC_ALL=C

KEYS="${BENCH_KEYS:-1000000}"
OUTLETS="${BENCH_TOPIC_OUTLETS:-200000}"
[[ "$KEYS" =~ ^[1-9][0-9]*$ && "$KEYS" -gt 1000 ]] || { echo "bench_keys: BENCH_KEYS must be an integer over 1000" >&2; exit 2; }

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
[[ "$TARGET" == /* ]] || TARGET="$PWD/$TARGET"
CLAIMTRACK="${CLAIMTRACK:-$TARGET/release/claimtrack}"
if [[ -z "${CLAIMTRACK_PREBUILT:-}" ]]; then
    cargo build --quiet --release --bin claimtrack
fi
[[ -x "$CLAIMTRACK" ]] || { echo "bench_keys: missing $CLAIMTRACK" >&2; exit 1; }
if ! { [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; }; then
    echo "-- memory per key: skipped, /usr/bin/time (GNU time, for -v) is not installed --"
    exit 0
fi

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/claimtrack-keys.XXXXXX")"
trap 'rm -rf -- "$SCRATCH"' EXIT

# gen FILE ROWS KIND DISTINCT: ROWS rows where the KIND key (person, cell, topic, outlet) takes
# DISTINCT values; the other keys take 100. Dates walk 3 years of 28-day months (1,008 days).
gen() {
    awk -v n="$2" -v kind="$3" -v k="$4" 'BEGIN {
        print "date,person,claim,speaker,outlet,topic"
        for (i = 0; i < n; i++) {
            j = i % k; d = (kind == "cell") ? int(j / 1000) % 1008 : i % 1008
            p = (kind == "person") ? j : (kind == "cell") ? j % 1000 : i % 100
            t = (kind == "topic") ? j : i % 100
            o = (kind == "outlet") ? j : i % 100
            printf "%d-%02d-%02d,Person%d Name,A source said it is true.,a source,Outlet %d,topic-%d\n",
                2020 + int(d / 336), int((d % 336) / 28) + 1, d % 28 + 1, p, o, t
        }
    }' >"$1"
}

peak_kb() {
    /usr/bin/time -v "$@" >/dev/null 2>"$SCRATCH/time" || { cat "$SCRATCH/time" >&2; exit 1; }
    awk -F': *' '/Maximum resident set size/ { print $2 }' "$SCRATCH/time"
}

echo "-- memory per aggregate key: $KEYS rows with $KEYS distinct keys against 1,000 (peak RSS) --"
printf '%-44s %10s %10s %10s\n' "command and key" "1k keys" "$KEYS keys" "bytes/key"
# measure LABEL KIND COMMAND...: one line of the table.
measure() {
    local label="$1" kind="$2"
    shift 2
    [[ -s "$SCRATCH/$kind-base.csv" ]] || gen "$SCRATCH/$kind-base.csv" "$KEYS" "$kind" 1000
    [[ -s "$SCRATCH/$kind-many.csv" ]] || gen "$SCRATCH/$kind-many.csv" "$KEYS" "$kind" "$KEYS"
    local base many
    base="$(peak_kb "$CLAIMTRACK" "$@" "$SCRATCH/$kind-base.csv" -q --format csv)"
    many="$(peak_kb "$CLAIMTRACK" "$@" "$SCRATCH/$kind-many.csv" -q --format csv)"
    printf '%-44s %7.1f MB %7.1f MB %10.0f\n' "$label" "$(awk -v x="$base" 'BEGIN { print x * 1024 / 1e6 }')" \
        "$(awk -v x="$many" 'BEGIN { print x * 1024 / 1e6 }')" \
        "$(awk -v a="$base" -v b="$many" -v k="$KEYS" 'BEGIN { print (b - a) * 1024 / (k - 1000) }')"
}
measure "report: persons (one cell each)" person report
measure "report --by day: (person, day) cells" cell report --by day
measure "topics: topics" topic topics
measure "outlets: outlets" outlet outlets
measure "outlets: topics (one outlet each)" topic outlets
measure "label: outlets (summary; goal: flat)" outlet label
rm -f -- "$SCRATCH"/*.csv
echo "   goal: at most 256 bytes per key"
echo ""

echo "-- outlet scorecard: $OUTLETS outlets in one topic (wall seconds, one run each) --"
awk -v n="$OUTLETS" 'BEGIN {
    print "date,person,claim,speaker,outlet,topic"
    for (i = 0; i < n; i++) printf "2022-01-01,Ann Lee,She is leaving.,a source,Outlet %d,leaving\n", i
    print "2022-02-01,Ann Lee,It is official: I am leaving.,Ann Lee,Outlet 0,leaving"
}' >"$SCRATCH/one-topic.csv"
seconds() {
    local TIMEFORMAT='%3R'
    { time "$CLAIMTRACK" "$@" -q --format csv >/dev/null; } 2>&1
}
topics_s="$(seconds topics "$SCRATCH/one-topic.csv")"
outlets_s="$(seconds outlets "$SCRATCH/one-topic.csv")"
printf '%-44s %s s\n' "topics (baseline, same file):" "$topics_s"
printf '%-44s %s s (%s x topics)\n' "outlets:" "$outlets_s" \
    "$(awk -v a="$outlets_s" -v b="$topics_s" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 0.001) }')"
echo "   goal: outlets within a small factor of topics (it was 27 s against 0.5 s: quadratic)"
