#!/usr/bin/env python3
"""The reference's per-row cost: Python vaderSentiment 3.3.2 scoring claims, nothing else.

    python3 scripts/vader_reference.py FILE.csv [ROWS] [RUNS]

Reads the `claim` column of the first ROWS rows (default 20000) of FILE.csv, then times only
the scoring loop (`SentimentIntensityAnalyzer().polarity_scores(text)` per claim), best of RUNS
(default 3). Reading the CSV and building the analyzer (which loads the lexicons) are left out on
purpose: the comparison is with the reference's scoring alone, the most favourable view of it.

Prints one line of key=value pairs that scripts/bench.sh parses:

    rows=20000 seconds=1.234567 us_per_row=61.73 vader=3.3.2 python=3.11.7

Install the reference with `pip install vaderSentiment==3.3.2`; this script installs nothing.
"""

import csv
import platform
import sys
import time


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    try:
        import vaderSentiment
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("vaderSentiment is not installed: pip install vaderSentiment==3.3.2", file=sys.stderr)
        return 3

    texts = []
    # newline="" lets the csv module handle line breaks inside quoted claims, as claimtrack does.
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for row in reader:
            texts.append(row["claim"].strip())
            if len(texts) == rows:
                break
    if not texts:
        print(f"{path}: no rows", file=sys.stderr)
        return 1

    analyzer = SentimentIntensityAnalyzer()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            analyzer.polarity_scores(text)
        best = min(best, time.perf_counter() - start)

    version = getattr(vaderSentiment, "__version__", None)
    if version is None:
        try:
            from importlib.metadata import version as dist_version

            version = dist_version("vaderSentiment")
        except Exception:  # noqa: BLE001 - the version is informative only
            version = "unknown"
    print(
        f"rows={len(texts)} seconds={best:.6f} us_per_row={best / len(texts) * 1e6:.2f} "
        f"vader={version} python={platform.python_version()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
