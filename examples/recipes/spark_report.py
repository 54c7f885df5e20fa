"""claimtrack report on Spark: each partition's rows are piped through
`claimtrack report --partial -` (RDD.pipe), and the driver merges the partials into the report
one run over the whole file writes.

    spark-submit examples/recipes/spark_report.py claims.csv report.csv
    python3 examples/recipes/spark_report.py claims.csv report.csv   # local mode (pip pyspark)

CLAIMTRACK names the binary on every executor (default: claimtrack on the driver's PATH,
resolved to its full path there); PARTITIONS the number of partitions to split the file into
(default 4). tests/recipes.rs runs this script in local mode when pyspark is installed.

RDD.pipe runs its command with an empty environment unless given one, so the driver's is
passed on (PATH among it); and with checkCode=True, a partition whose claimtrack fails fails
the job, rather than leaving its rows out of the report without a word.

Limit: sc.textFile splits the file at line breaks, so a quoted field must not hold one (give
Spark such files whole, one per partition, with sc.wholeTextFiles instead).
"""

import itertools
import os
import shlex
import shutil
import subprocess
import sys

from pyspark.sql import SparkSession


def main(source, target):
    claimtrack = os.environ.get("CLAIMTRACK", "claimtrack")
    # A full path works on executors whatever their PATH; on a cluster, install claimtrack at
    # the same path on every machine, or set CLAIMTRACK to where it is there.
    claimtrack = shutil.which(claimtrack) or claimtrack
    partitions = int(os.environ.get("PARTITIONS", "4"))
    spark = SparkSession.builder.appName("claimtrack-report").getOrCreate()
    lines = spark.sparkContext.textFile(source, minPartitions=partitions)
    header = lines.first()
    rows = lines.filter(lambda line: line != header)
    # Every partition becomes a CSV of its own, the header first; an empty one gives an empty
    # partial, which merges as nothing.
    shards = rows.mapPartitions(lambda part: itertools.chain([header], part))
    partials = shards.pipe(
        shlex.quote(claimtrack) + " report --partial -q -",
        env=dict(os.environ),
        checkCode=True,
    )
    merged = "\n".join(partials.collect()) + "\n"
    subprocess.run(
        [claimtrack, "merge", "-q", "-", "--format", "csv", "-o", target],
        input=merged,
        text=True,
        check=True,
    )
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
