"""Rows per second of atp_by_sku and replenish_by_sku: one Python process (the *_local twins,
no Spark) beside PySpark local[1] and local[2].

    .venv/bin/python examples/spark/bench.py [--scale N] [--reservations N] [--partitions N]

The data: --scale N copies of the `month` scenario's 100,138 positions, copy k's SKU ids
suffixed `~k` (copy 1 keeps the generator's ids) and its policy entries copied the same way, so
--scale 100 is ~10 M positions and 140 M history rows. Copy k has its own seeded sales history
(seed k) and its own reservations (the first --reservations order lines of the stream, ids
suffixed). The copies share no SKU, so the jobs' answers over all copies are the answers of
each copy put together.

What is timed:
- one process: `atp_local` and `replenish_local` called on each copy in turn, with that copy's
  policies (100k positions a call: 10 M positions and 140 M history rows do not fit in one
  pandas frame on a 24 GiB machine), the sum of the calls' times. Making each copy's frames is
  not timed.
- Spark: the job from reading Parquet (written once, copy by copy, not timed) to writing its
  result as Parquet, which is then read back to check its row count against the one-process
  answers (not timed). Partitions: --partitions, by default 4 per core or one per ~150k
  positions, whichever is more (a bucket is built in one Python worker's memory).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import pandas as pd
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datasets  # noqa: E402

from omnistock import spark as ospark  # noqa: E402


def copies(scn: Dict[str, Any], n: int, reservations: int) -> Iterator[Tuple[int, pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """(k, positions, reservations, history) of copy k = 1..n."""
    pos1 = datasets.positions(scn)
    res1 = datasets.reservations(scn, reservations)
    for k in range(1, n + 1):
        if k == 1:
            pos, res = pos1, res1
        else:
            pos = pos1.assign(sku=pos1["sku"] + f"~{k}")
            res = res1.assign(sku=res1["sku"] + f"~{k}", reservation=res1["reservation"] + f"~{k}")
        yield k, pos, res, datasets.history(pos, scn, seed=k)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--reservations", type=int, default=20_000, help="orders of the stream turned into reservations, per copy")
    ap.add_argument("--partitions", type=int, default=0, help="SKU buckets (default: max(4 per core, positions / 150k))")
    ap.add_argument("--cores", default="1,2", help="Spark runs: local[N] for each N; empty: the one-process run only")
    args = ap.parse_args()

    cores_list = [int(c) for c in args.cores.split(",") if c.strip()]
    scn = datasets.scenario("month", seed=7)
    base_policies = scn["replenishment"]["policies"]
    # all copies' policies (Spark: broadcast once) and each copy's own (one process: per call)
    _, policies = datasets.scale(datasets.positions(scn).head(0), base_policies, args.scale)
    net = scn["network"]

    n = n_res = n_hist = 0
    rows_atp = rows_rep = 0
    t_atp = t_rep = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for d in ("pos", "res", "hist"):
            (base / d).mkdir()
        for k, pos, res, hist in copies(scn, args.scale, args.reservations):
            n, n_res, n_hist = n + len(pos), n_res + len(res), n_hist + len(hist)
            t = time.perf_counter()
            atp = ospark.atp_local(net, pos, res, strict=False)
            t_atp += time.perf_counter() - t
            t = time.perf_counter()
            rep = ospark.replenish_local(net, pos, hist, datasets.copy_policies(base_policies, k), datasets.NOW)
            t_rep += time.perf_counter() - t
            rows_atp, rows_rep = rows_atp + len(atp), rows_rep + len(rep)
            for d, frame in (("pos", pos), ("res", res), ("hist", hist)):
                if cores_list:  # Spark's input
                    frame.to_parquet(base / d / f"part-{k:05}.parquet", index=False)
            if k % 10 == 0:
                print(f"  copy {k}/{args.scale}: atp {t_atp:.1f} s, replenish {t_rep:.1f} s so far", file=sys.stderr, flush=True)
        print(f"positions {n:,}, reservations {n_res:,}, history rows {n_hist:,}")
        results = [("one process", t_atp, t_rep)]
        print(f"one process: atp {t_atp:.1f} s ({n / t_atp:,.0f} positions/s), replenish {t_rep:.1f} s ({n / t_rep:,.0f} positions/s)", flush=True)

        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession

        for cores in cores_list:
            parts = args.partitions or max(4 * cores, math.ceil(n / 150_000))
            spark = (
                SparkSession.builder.master(f"local[{cores}]")
                .appName(f"omnistock-bench-{cores}")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.memory", "4g")
                .config("spark.sql.shuffle.partitions", str(parts))
                .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                .getOrCreate()
            )
            spark.sparkContext.setLogLevel("ERROR")
            out_atp, out_rep = base / f"atp-{cores}", base / f"rep-{cores}"
            # Warm-up, not timed: both jobs on copy 1 alone start the JVM's code paths and the
            # Python workers (each imports pandas, pyarrow and omnistock once).
            warm = lambda d: spark.read.parquet(str(base / d / "part-00001.parquet"))  # noqa: E731
            ospark.atp_by_sku(net, warm("pos"), warm("res"), partitions=parts, strict=False).write.format("noop").mode("overwrite").save()
            ospark.replenish_by_sku(net, warm("pos"), warm("hist"), policies, datasets.NOW, partitions=parts).write.format("noop").mode("overwrite").save()
            t = time.perf_counter()
            df = ospark.atp_by_sku(net, spark.read.parquet(str(base / "pos")), spark.read.parquet(str(base / "res")), partitions=parts, strict=False)
            df.write.parquet(str(out_atp))
            s_atp = time.perf_counter() - t
            t = time.perf_counter()
            df2 = ospark.replenish_by_sku(net, spark.read.parquet(str(base / "pos")), spark.read.parquet(str(base / "hist")), policies, datasets.NOW, partitions=parts)
            df2.write.parquet(str(out_rep))
            s_rep = time.perf_counter() - t
            spark.stop()
            got = (pq.ParquetDataset(str(out_atp)).read(columns=["sku"]).num_rows, pq.ParquetDataset(str(out_rep)).read(columns=["sku"]).num_rows)
            assert got == (rows_atp, rows_rep), f"Spark and one process differ in row count: {got} vs {(rows_atp, rows_rep)}"
            results.append((f"local[{cores}]", s_atp, s_rep))
            print(f"local[{cores}] ({parts} partitions): atp {s_atp:.1f} s ({n / s_atp:,.0f} positions/s), replenish {s_rep:.1f} s ({n / s_rep:,.0f} positions/s)", flush=True)

    print()
    print(f"| run ({n:,} positions) | atp_by_sku s | positions/s | replenish_by_sku s | positions/s |")
    print("|---|---|---|---|---|")
    for name, a, r in results:
        print(f"| {name} | {a:.1f} | {n / a:,.0f} | {r:.1f} | {n / r:,.0f} |")
    spark_runs = {name: (a, r) for name, a, r in results}
    if "local[1]" in spark_runs and "local[2]" in spark_runs:
        a1, r1 = spark_runs["local[1]"]
        a2, r2 = spark_runs["local[2]"]
        print(f"scaling local[2] / local[1]: atp x{a1 / a2:.2f}, replenish x{r1 / r2:.2f}")


if __name__ == "__main__":
    main()
