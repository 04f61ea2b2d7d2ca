"""omnistock.spark in PySpark local mode: each job equals its single-process reference.

Run with `make test-spark` (venv, extra, release build, then this file). One Spark session for
the module (JVM start-up is most of a small job's time).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, List, Tuple

import pandas as pd
import pytest

pyspark = pytest.importorskip("pyspark")
from pyspark.sql import SparkSession  # noqa: E402

import omnistock  # noqa: E402
from omnistock import spark as ospark  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples" / "spark"))
import datasets  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Any:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("omnistock-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def month() -> Any:
    return datasets.scenario("month", seed=7)


@pytest.fixture(scope="module")
def positions(month: Any) -> pd.DataFrame:
    return datasets.positions(month)


def rows_of(pdf: pd.DataFrame) -> List[Tuple[Any, ...]]:
    return [tuple(None if (isinstance(v, float) and v != v) or v is pd.NA else v for v in r) for r in pdf.itertuples(index=False, name=None)]


def spark_rows(df: Any, keys: List[str]) -> List[Tuple[Any, ...]]:
    return [tuple(r) for r in df.orderBy(*keys).collect()]


def test_dataset_is_big_enough(positions: pd.DataFrame) -> None:
    assert len(positions) >= 100_000
    assert not positions.duplicated(["location", "sku"]).any()


def test_atp_by_sku_equals_single_process(spark: Any, month: Any, positions: pd.DataFrame) -> None:
    res = datasets.reservations(month, 20_000)
    local = ospark.atp_local(month["network"], positions, res, strict=False)
    df = ospark.atp_by_sku(
        month["network"], spark.createDataFrame(positions), spark.createDataFrame(res), partitions=8, strict=False
    )
    got = spark_rows(df, ["sku", "pool"])
    want = rows_of(local)
    n_skus = positions["sku"].nunique()
    assert len(want) == n_skus * len(month["network"]["pools"])
    assert got == want
    # The reservations changed something (the check is not vacuous).
    bare = ospark.atp_local(month["network"], positions)
    assert rows_of(bare) != want


def test_atp_refused_reservation_names_the_event(spark: Any, month: Any) -> None:
    pos = pd.DataFrame([{"location": "DC-LYON", "sku": "SKU-00001", "on_hand": 1}])
    res = pd.DataFrame([{"reservation": "R-9", "sku": "SKU-00001", "quantity": 5, "channel": "marketplace"}])
    with pytest.raises(ospark.SparkJobError, match="reserve/R-9"):
        ospark.atp_local(month["network"], pos, res)
    with pytest.raises(Exception, match="reserve/R-9"):
        ospark.atp_by_sku(month["network"], spark.createDataFrame(pos), spark.createDataFrame(res)).collect()


def test_replenish_by_sku_equals_single_process(spark: Any, month: Any, positions: pd.DataFrame) -> None:
    hist = datasets.history(positions, month, days=14)
    policies = month["replenishment"]["policies"]
    local = ospark.replenish_local(month["network"], positions, hist, policies, datasets.NOW)
    df = ospark.replenish_by_sku(
        month["network"], spark.createDataFrame(positions), spark.createDataFrame(hist), policies, datasets.NOW, partitions=8
    )
    got = spark_rows(df, ["record", "sku", "location", "kind", "detail"])
    want = rows_of(local)
    kinds = {(r[0], r[3]) for r in want}
    assert ("proposal", "transfer") in kinds, kinds
    assert any(r[0] == "alert" for r in want)
    assert len(got) == len(want)
    assert got == want


def test_replenish_local_equals_the_core_called_directly(month: Any, positions: pd.DataFrame) -> None:
    """The Python plumbing (history columns, the per-SKU policy index, the rows) against one
    Inventory fed by hand: history as row dicts (the binding's general path), full policies."""
    hist = datasets.history(positions, month, days=14)
    policies = month["replenishment"]["policies"]
    local = ospark.replenish_local(month["network"], positions, hist, policies, datasets.NOW)
    inv = omnistock.Inventory(month["network"])
    stock = positions[positions["on_hand"] > 0]
    inv.apply([
        {"type": "receive", "id": f"r{i}", "location": loc, "sku": sku, "quantity": int(q)}
        for i, (loc, sku, q) in enumerate(zip(stock["location"], stock["sku"], stock["on_hand"]))
    ])
    rows = hist.to_dict("records")
    result = inv.replenish(rows, policies, datasets.NOW)
    skus = set(positions["sku"]) | set(hist["sku"])
    text = lambda d: json.dumps(d, sort_keys=True, separators=(",", ":"))  # noqa: E731
    want = [("proposal", p["sku"], p["location"], p["kind"], p["quantity"], text(p)) for p in result["proposals"] if p["sku"] in skus]
    want += [("unmet", u.get("sku"), u.get("location"), u.get("reason"), u.get("quantity"), text(u)) for u in result["unmet"] if u.get("sku") in skus]
    want += [("alert", a["sku"], a.get("location"), a["code"], None, text(a)) for a in inv.alerts(rows, policies, datasets.NOW) if a.get("sku") in skus]
    assert len(want) > 10_000
    assert sorted(rows_of(local)) == sorted(want)


def test_policy_index_keeps_what_a_plain_filter_keeps() -> None:
    policies = {
        "defaults": {"type": "min_max"},
        "rules": [{"sku": "B", "min": 1}, {"location": "S1", "min": 2}, {"sku": "A", "location": "S1"}, {"sku": "C"}, "odd", {"sku": 7}],
        "categories": [{"sku": "C", "category": "x"}, {"sku": "A", "category": "y"}],
        "min_atp": [{"channel": "web", "units": 1}],
        "sources": [],
    }
    index = ospark._PolicyIndex(policies)
    for skus in (set(), {"A"}, {"A", "C"}, {"A", "B", "C", "Z"}):
        plain = {k: v for k, v in policies.items()}
        for key in ("rules", "categories", "min_atp"):
            plain[key] = [e for e in policies[key] if not (isinstance(e, dict) and isinstance(e.get("sku"), str) and e["sku"] not in skus)]
        assert index.for_skus(skus) == plain, skus


def test_replenish_policies_as_one_row_dataframe(spark: Any, month: Any) -> None:
    pos = pd.DataFrame([{"location": "STORE-001", "sku": "SKU-00000", "on_hand": 1}, {"location": "DC-LYON", "sku": "SKU-00000", "on_hand": 50}])
    hist = pd.DataFrame([{"location": "STORE-001", "sku": "SKU-00000", "date": "2026-10-30", "sales": 2}])
    policies = month["replenishment"]["policies"]
    pol_df = spark.createDataFrame([(json.dumps(policies),)], "policies string")
    a = spark_rows(ospark.replenish_by_sku(month["network"], spark.createDataFrame(pos), spark.createDataFrame(hist), pol_df, datasets.NOW), ["record", "sku", "location", "kind", "detail"])
    assert a == rows_of(ospark.replenish_local(month["network"], pos, hist, policies, datasets.NOW))
    assert any(r[0] == "proposal" for r in a)


def test_replenish_refuses_shared_source_limits(month: Any) -> None:
    policies = dict(month["replenishment"]["policies"], sources=[{"supplier": "ACME", "units_per_day": 10}])
    with pytest.raises(ValueError, match="sources"):
        ospark.replenish_local(month["network"], [], [], policies, datasets.NOW)


@pytest.fixture(scope="module")
def regional(month: Any) -> Any:
    return datasets.regional(month, 3000)


def test_allocate_waves_equals_single_process(spark: Any, positions: pd.DataFrame, regional: Any) -> None:
    net, location_region, orders = regional
    local = ospark.allocate_waves_local(
        net, positions, orders, "balanced", datasets.WAVE_NOW, region="region", location_region=location_region
    )
    df = ospark.allocate_waves(
        net, spark.createDataFrame(positions), spark.createDataFrame(orders), "balanced", datasets.WAVE_NOW,
        region="region", location_region=location_region,
    )
    got = spark_rows(df, ["region", "order"])
    want = rows_of(local)
    assert len(want) == len(orders)
    assert {r[0] for r in want} == {"north", "south"}
    assert sum(r[2] for r in want) > 0
    assert got == want


def test_allocate_waves_refuses_an_order_crossing_regions(spark: Any, positions: pd.DataFrame, regional: Any) -> None:
    net, location_region, orders = regional
    bad = json.loads(orders.iloc[0]["order"])
    bad.update(id="SO-CROSS", channel="web")  # pool `online`: both regions
    orders = pd.concat([orders.head(50), pd.DataFrame([{"id": "SO-CROSS", "region": "north", "order": json.dumps(bad)}])])
    with pytest.raises(ospark.RegionError, match="SO-CROSS"):
        ospark.allocate_waves_local(net, positions, orders, "balanced", datasets.WAVE_NOW, region="region", location_region=location_region)
    df = ospark.allocate_waves(
        net, spark.createDataFrame(positions), spark.createDataFrame(orders), "balanced", datasets.WAVE_NOW,
        region="region", location_region=location_region,
    )
    with pytest.raises(Exception, match="SO-CROSS.*cross partitions"):
        df.collect()


def test_core_package_does_not_import_pyspark() -> None:
    import subprocess

    code = "import sys, omnistock; assert 'pyspark' not in sys.modules and 'omnistock.spark' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
