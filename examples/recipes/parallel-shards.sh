#!/bin/sh
# claimtrack over many files at once: one `report --partial` per file, JOBS at a time, with GNU
# parallel (or xargs -P where parallel is not installed), then one `merge`. The merged report is
# exactly the report of one run over all the files.
#
#   examples/recipes/parallel-shards.sh PARTS_DIR FILE... > report.csv
#
# CLAIMTRACK names the binary (default: claimtrack on PATH); JOBS the runs at once (default 2).
# tests/recipes.rs runs this script.
set -eu
parts=$1
shift
ct=${CLAIMTRACK:-claimtrack}
jobs=${JOBS:-2}
mkdir -p "$parts"
if command -v parallel >/dev/null 2>&1; then
    # {#} is the job's number: two files of one name in different folders do not collide.
    parallel --will-cite -j "$jobs" "$ct" report --partial -q {} -o "$parts/{#}.jsonl" ::: "$@"
else
    i=0
    for file in "$@"; do
        i=$((i + 1))
        printf '%s\0%s\0' "$file" "$parts/$i.jsonl"
    done | xargs -0 -n 2 -P "$jobs" sh -c 'exec "$0" report --partial -q "$1" -o "$2"' "$ct"
fi
exec "$ct" merge -q "$parts"/*.jsonl --format csv
