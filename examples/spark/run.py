"""The three omnistock.spark jobs on a generated retailer, in PySpark local mode.

    .venv/bin/python examples/spark/run.py [--size month] [--seed 7] [--master local[2]] [--orders 3000]

Generates the scenario with omnistock.generate (the `omnistock generate` command writes the
same JSON), turns it into DataFrames (positions from the opening receipts, reservations from
the first orders, 14 days of seeded sales history, the orders split into two regions) and runs
atp_by_sku, replenish_by_sku and allocate_waves, printing rows per second of each.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datasets  # noqa: E402

from omnistock import spark as ospark  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="month", help="tiny, small, month or large")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--orders", type=int, default=3000, help="orders in the regional waves")
    args = ap.parse_args()

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    scn = datasets.scenario(args.size, seed=args.seed)
    pos = datasets.positions(scn)
    res = datasets.reservations(scn, args.orders * 6)
    hist = datasets.history(pos, scn)
    net, location_region, orders = datasets.regional(scn, args.orders)
    print(scn["name"])
    print(f"{len(pos):,} positions, {len(res):,} reservations, {len(hist):,} history rows, {len(orders):,} orders")

    spark = (
        SparkSession.builder.master(args.master)
        .appName("omnistock-example")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    pos_df, res_df, hist_df, orders_df = (spark.createDataFrame(x).cache() for x in (pos, res, hist, orders))
    for d in (pos_df, res_df, hist_df, orders_df):
        d.count()

    t = time.perf_counter()
    atp = ospark.atp_by_sku(scn["network"], pos_df, res_df, strict=False).cache()
    n_atp = atp.count()
    s = time.perf_counter() - t
    print(f"atp_by_sku: {n_atp:,} (sku, pool) rows in {s:.1f} s, {len(pos) / s:,.0f} positions/s")
    atp.orderBy("sku", "pool").show(6)

    t = time.perf_counter()
    rep = ospark.replenish_by_sku(scn["network"], pos_df, hist_df, scn["replenishment"]["policies"], datasets.NOW).cache()
    n_rep = rep.count()
    s = time.perf_counter() - t
    print(f"replenish_by_sku: {n_rep:,} rows in {s:.1f} s, {len(pos) / s:,.0f} positions/s")
    rep.groupBy("record", "kind").count().orderBy("record", "kind").show()

    t = time.perf_counter()
    waves = ospark.allocate_waves(
        net, pos_df, orders_df, "balanced", datasets.WAVE_NOW, region="region", location_region=location_region
    ).cache()
    n_w = waves.count()
    s = time.perf_counter() - t
    print(f"allocate_waves: {n_w:,} orders in {s:.1f} s, {n_w / s:,.0f} orders/s")
    waves.groupBy("region").sum("allocated", "unallocated", "shipments").orderBy("region").show()
    spark.stop()


if __name__ == "__main__":
    main()
