"""Rows per second of atp_by_sku and replenish_by_sku: one Python process (the *_local twins,
no Spark) beside PySpark local[1] and local[2].

    .venv/bin/python examples/spark/bench.py [--scale N] [--reservations N] [--partitions N]

--scale N: N copies of the `month` scenario's 100,138 positions (SKUs suffixed, policies
copied), so --scale 100 is ~10 M positions. Spark reads the inputs from Parquet (written once,
not timed) and writes the result to the `noop` sink, so a timing covers read, shuffle, the
partition functions and the result; the one-process timing starts from pandas frames in memory.
Each Spark run is checked against the one-process answer (row count).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datasets  # noqa: E402

from omnistock import spark as ospark  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--reservations", type=int, default=20_000, help="orders of the stream turned into reservations (x scale)")
    ap.add_argument("--partitions", type=int, default=0, help="SKU buckets (default 4 per core)")
    ap.add_argument("--cores", default="1,2")
    args = ap.parse_args()

    scn = datasets.scenario("month", seed=7)
    pos, policies = datasets.scale(datasets.positions(scn), scn["replenishment"]["policies"], args.scale)
    res = datasets.reservations(scn, args.reservations)
    if args.scale > 1:
        import pandas as pd

        res = pd.concat([res] + [res.assign(sku=res["sku"] + f"~{k}", reservation=res["reservation"] + f"~{k}") for k in range(2, args.scale + 1)], ignore_index=True)
    hist = datasets.history(pos, scn)
    net = scn["network"]
    n = len(pos)
    print(f"positions {n:,}, reservations {len(res):,}, history rows {len(hist):,}")

    t = time.perf_counter()
    atp = ospark.atp_local(net, pos, res, strict=False)
    t_atp = time.perf_counter() - t
    t = time.perf_counter()
    rep = ospark.replenish_local(net, pos, hist, policies, datasets.NOW)
    t_rep = time.perf_counter() - t
    results = [("one process", t_atp, t_rep)]
    print(f"one process: atp {t_atp:.1f} s ({n / t_atp:,.0f} positions/s), replenish {t_rep:.1f} s ({n / t_rep:,.0f} positions/s)", flush=True)

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    with tempfile.TemporaryDirectory() as tmp:
        for cores in [int(c) for c in args.cores.split(",")]:
            spark = (
                SparkSession.builder.master(f"local[{cores}]")
                .appName(f"omnistock-bench-{cores}")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.memory", "3g")
                .config("spark.sql.shuffle.partitions", str(args.partitions or 4 * cores))
                .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                .getOrCreate()
            )
            spark.sparkContext.setLogLevel("ERROR")
            base = Path(tmp)
            if not (base / "pos").exists():
                spark.createDataFrame(pos).write.parquet(str(base / "pos"))
                spark.createDataFrame(res).write.parquet(str(base / "res"))
                spark.createDataFrame(hist).write.parquet(str(base / "hist"))
            parts = args.partitions or 4 * cores
            t = time.perf_counter()
            df = ospark.atp_by_sku(net, spark.read.parquet(str(base / "pos")), spark.read.parquet(str(base / "res")), partitions=parts, strict=False)
            df.write.format("noop").mode("overwrite").save()
            s_atp = time.perf_counter() - t
            t = time.perf_counter()
            df2 = ospark.replenish_by_sku(net, spark.read.parquet(str(base / "pos")), spark.read.parquet(str(base / "hist")), policies, datasets.NOW, partitions=parts)
            df2.write.format("noop").mode("overwrite").save()
            s_rep = time.perf_counter() - t
            assert df.count() == len(atp) and df2.count() == len(rep), "Spark and one process differ in row count"
            results.append((f"local[{cores}]", s_atp, s_rep))
            print(f"local[{cores}]: atp {s_atp:.1f} s ({n / s_atp:,.0f} positions/s), replenish {s_rep:.1f} s ({n / s_rep:,.0f} positions/s)", flush=True)
            spark.stop()

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
