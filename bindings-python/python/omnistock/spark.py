"""omnistock.spark: the core's batch jobs partitioned over Apache Spark (PySpark).

Optional: ``pip install "./bindings-python[spark]"`` (pyspark, pandas, pyarrow). ``import
omnistock`` never imports this module or pyspark.

No business rule lives here. Every partition builds one ``omnistock.Inventory`` from the
network (sent to the executors once, as a broadcast JSON string), applies events made from
its rows (a ``receive`` per position, a ``reserve`` per reservation) and calls the core's
batch methods (``atp_many``, ``replenish``, ``alerts``, ``allocate_wave``). Each job has a
single-process twin (``*_local``) that runs the very same partition function over the whole
data in one ``Inventory``; the Spark result equals it row for row (the tests in
``bindings-python/tests_spark`` prove it on generated data).

Jobs (each returns a Spark DataFrame; ``*_local`` take and return pandas DataFrames, sorted):

- ``atp_by_sku(network, positions_df, reservations_df=None)`` → ``(sku, pool, atp)`` for
  every SKU seen and every pool of the network (or ``pools=[...]``). Positions:
  ``(location, sku, on_hand)``. Reservations: ``reservation, sku, quantity`` and optionally
  ``pool`` / ``channel`` / ``location`` / ``kind`` (default ``hard``) / ``expires_at`` /
  ``due``, exactly the fields of a ``reserve`` event. Reservations are applied in
  reservation-id order; one the ledger refuses raises ``SparkJobError`` (or is skipped with
  ``strict=False``, the same way in both runs).
- ``replenish_by_sku(network, positions_df, history_df, policies, now)`` → rows
  ``(record, sku, location, kind, quantity, detail)`` where ``record`` is ``proposal``
  (``kind`` purchase/transfer/rebalance), ``unmet`` (``kind`` the reason) or ``alert``
  (``kind`` the alert code, ``quantity`` null); ``detail`` is the core's full JSON object.
  History: ``(location, sku, date, sales)`` and optionally ``lost_sales``. The SKUs planned
  are those with a position or a history row (a position may have ``on_hand`` 0); policy
  entries naming other SKUs are ignored, in both runs. ``policies`` is
  the policies dict (or its JSON text, or a one-row DataFrame whose ``policies`` column holds
  that JSON): it is broadcast like the network.
- ``allocate_waves(network, stock_df, orders_df, rules, now, region=..., location_region=...)``
  → one row per order ``(region, order, allocated, unallocated, shipments, detail)``.
  Orders: a column ``id``, the region column named by ``region`` and a column ``order``
  holding the order's JSON text. Stock: ``(location, sku, on_hand)``.

Partitioning. ATP and replenishment are independent per SKU (overlapping pools, quotas,
buffers, transfers and store-to-store rebalancing all stay within one SKU), so rows are
bucketed by ``pmod(xxhash64(sku), partitions)`` and each bucket (several whole SKUs, every
location of each) is one ``Inventory``. Two inputs are co-grouped on that bucket, which is the
only shuffle. What does *not* split by SKU is refused or left out, never approximated: policies
with ``sources`` (a supplier's or location's daily limit shared by SKUs) raise ``ValueError``;
alerts without a SKU (``stale_data``, about a location's counts across SKUs) are not returned.

Waves are partitioned by a region the caller names: each region's orders are allocated by one
``allocate_wave`` over the stock of that region's locations (``location_region`` maps every
location id to its region; stock of an unmapped location is dropped). An order's candidate
locations are the members of its channel's pool plus its ``pickup`` location; if any of them is
unmapped or mapped to another region than the order's, the job fails with ``RegionError``
naming the order. Note that a wave decides some things for the wave as a whole (whether the
joint or the order-by-order plan is kept): the reference is one wave per region, not one wave
over all regions.

On a cluster: the network and policies are broadcast (a few MB at most); positions, history,
reservations and orders are shuffled once, by SKU bucket or by region. Choose ``partitions``
so a bucket holds a few hundred thousand rows (it is built in one Python worker's memory) and
there are at least 2–3 buckets per executor core; the default is 4 per core of the session.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import json
import math
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Set, Tuple, TypeVar, Union, cast

try:
    import pandas as pd
    from pyspark.sql import Column, DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType, StringType, StructField, StructType
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "omnistock.spark needs pyspark, pandas and pyarrow: pip install 'omnistock[spark]'"
    ) from exc

import omnistock

__all__ = [
    "ATP_SCHEMA",
    "REPLENISH_SCHEMA",
    "WAVE_SCHEMA",
    "RegionError",
    "SparkJobError",
    "allocate_waves",
    "allocate_waves_local",
    "atp_by_sku",
    "atp_local",
    "replenish_by_sku",
    "replenish_local",
]

ATP_SCHEMA = StructType(
    [
        StructField("sku", StringType(), False),
        StructField("pool", StringType(), False),
        StructField("atp", LongType(), False),
    ]
)
REPLENISH_SCHEMA = StructType(
    [
        StructField("record", StringType(), False),
        StructField("sku", StringType(), True),
        StructField("location", StringType(), True),
        StructField("kind", StringType(), True),
        StructField("quantity", LongType(), True),
        StructField("detail", StringType(), False),
    ]
)
WAVE_SCHEMA = StructType(
    [
        StructField("region", StringType(), False),
        StructField("order", StringType(), False),
        StructField("allocated", LongType(), False),
        StructField("unallocated", LongType(), False),
        StructField("shipments", LongType(), False),
        StructField("detail", StringType(), False),
    ]
)

_RESERVE_FIELDS = ("pool", "channel", "location", "kind", "expires_at", "due")
_BUCKET = "_omnistock_bucket"


class SparkJobError(ValueError):
    """An event made from the input rows was refused by the core (the message names it)."""


class RegionError(ValueError):
    """An order could be served from a location outside its region."""


# ---------------------------------------------------------------------------------------------
# Plain helpers (no Spark): rows -> events, results -> rows.


def _json(obj: Any) -> str:
    return obj if isinstance(obj, str) else json.dumps(obj, sort_keys=True, separators=(",", ":"))


def _now(now: Union[str, datetime.datetime]) -> str:
    if isinstance(now, datetime.datetime):
        if now.tzinfo is None:
            raise ValueError("now: a naive datetime; give a timezone-aware one (no zone is guessed)")
        return now.isoformat()
    return now


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT


def _text(v: Any) -> Any:
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def _col(pdf: Optional[pd.DataFrame], name: str) -> List[Any]:
    if pdf is None or name not in pdf.columns:
        return []
    return list(pdf[name].tolist())


def _empty(pdf: Optional[pd.DataFrame]) -> bool:
    return pdf is None or len(pdf.index) == 0


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pauses Python's cyclic garbage collector for one partition: it makes and drops hundreds
    of thousands of dicts (events, outcomes, rows), none of them part of a cycle, and the
    collector, triggered again and again by their allocation, walks every live object each
    time (it was half the cost of loading a partition's positions). The previous state is
    restored; any cycle made meanwhile is collected after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_Fn = TypeVar("_Fn", bound=Callable[..., pd.DataFrame])


def _gc_paused(fn: _Fn) -> _Fn:
    """A partition function run under ``_no_gc``."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> pd.DataFrame:
        with _no_gc():
            return fn(*args, **kwargs)

    return cast(_Fn, run)


def _apply(inv: omnistock.Inventory, events: List[Dict[str, Any]], strict: bool = True) -> None:
    if not events:
        return
    for ev, out in zip(events, inv.apply(events)):
        if out.get("status") != "applied" and strict:
            raise SparkJobError(f"event {ev['id']} ({ev['type']}) was {out.get('status')}: {out.get('error')}")


def _receive_events(positions: Optional[pd.DataFrame]) -> List[Dict[str, Any]]:
    """One ``receive`` per (location, sku) with on_hand > 0, sorted by (sku, location)."""
    if _empty(positions):
        return []
    assert positions is not None
    q = pd.to_numeric(positions["on_hand"])
    rows = positions.loc[q.notna() & (q != 0), ["sku", "location"]].assign(q=q)
    rows = rows.sort_values(["sku", "location"], kind="stable")
    return [
        {"type": "receive", "id": f"on_hand/{loc}/{sku}", "location": loc, "sku": sku, "quantity": int(n)}
        for sku, loc, n in zip(rows["sku"].tolist(), rows["location"].tolist(), rows["q"].tolist())
    ]


def _reserve_events(reservations: Optional[pd.DataFrame]) -> List[Dict[str, Any]]:
    """One ``reserve`` per reservation row, sorted by reservation id."""
    if _empty(reservations):
        return []
    assert reservations is not None
    cols = {c: reservations[c].tolist() for c in ("reservation", "sku", "quantity") + _RESERVE_FIELDS if c in reservations.columns}
    events = []
    for i in range(len(cols["reservation"])):
        ev: Dict[str, Any] = {
            "type": "reserve",
            "id": f"reserve/{cols['reservation'][i]}",
            "reservation": cols["reservation"][i],
            "sku": cols["sku"][i],
            "quantity": int(cols["quantity"][i]),
            "kind": "hard",
        }
        for f in _RESERVE_FIELDS:
            if f in cols and not _missing(cols[f][i]):
                ev[f] = _text(cols[f][i])
        events.append(ev)
    events.sort(key=lambda e: e["reservation"])
    return events


def _inventory(network_json: str, positions: Optional[pd.DataFrame]) -> omnistock.Inventory:
    inv = omnistock.Inventory(network_json)
    _apply(inv, _receive_events(positions))
    return inv


def _skus(*frames: Optional[pd.DataFrame]) -> List[str]:
    cols = [f["sku"] for f in frames if f is not None and "sku" in f.columns]
    if not cols:
        return []
    return sorted(pd.unique(pd.concat(cols, ignore_index=True).dropna()).tolist())


# ---------------------------------------------------------------------------------------------
# Partition functions: one Inventory per call, pandas in, pandas out (sorted).


@_gc_paused
def _atp_partition(
    network_json: str, pools: Sequence[str], positions: Optional[pd.DataFrame], reservations: Optional[pd.DataFrame], strict: bool
) -> pd.DataFrame:
    inv = _inventory(network_json, positions)
    _apply(inv, _reserve_events(reservations), strict)
    skus = _skus(positions, reservations)
    out_sku: List[str] = []
    out_pool: List[str] = []
    out_atp: List[int] = []
    for pool in pools:
        out_sku.extend(skus)
        out_pool.extend([pool] * len(skus))
        out_atp.extend(inv.atp_many(skus, pool))
    pdf = pd.DataFrame({"sku": out_sku, "pool": out_pool, "atp": pd.array(out_atp, dtype="int64")})
    return pdf.sort_values(["sku", "pool"], kind="stable").reset_index(drop=True)


def _history_columns(history: Optional[pd.DataFrame]) -> Dict[str, List[Any]]:
    """The columns ``replenish`` reads as plain lists: str ids, ISO date strings, int units
    (the binding reads such lists without a JSON value per row)."""
    if _empty(history):
        return {"location": [], "sku": [], "date": [], "sales": []}
    assert history is not None
    dates = history["date"]
    if pd.api.types.is_datetime64_any_dtype(dates):
        date_list = dates.dt.strftime("%Y-%m-%d").tolist()
    else:
        date_list = [d if type(d) is str else _text(d) for d in dates.tolist()]
    cols: Dict[str, List[Any]] = {
        "location": history["location"].tolist(),
        "sku": history["sku"].tolist(),
        "date": date_list,
        "sales": history["sales"].astype("int64").tolist(),
    }
    if "lost_sales" in history.columns:
        cols["lost_sales"] = pd.to_numeric(history["lost_sales"]).fillna(0).astype("int64").tolist()
    return cols


_SKU_KEYED = ("rules", "categories", "min_atp")


class _PolicyIndex:
    """The policies with their entries that name a SKU (in ``rules``, ``categories`` and
    ``min_atp``) indexed by that SKU, so that a partition takes its own in time proportional to
    its SKUs, not to every SKU's (a chain's policies can hold an entry per SKU). Built once (on
    the driver, then broadcast); entries keep their order in the document."""

    def __init__(self, policies: Mapping[str, Any]) -> None:
        self.base: Dict[str, Any] = {}
        self.general: Dict[str, List[Tuple[int, Any]]] = {}
        self.by_sku: Dict[str, List[Tuple[str, int, Any]]] = {}
        for key, value in policies.items():
            if key not in _SKU_KEYED or not isinstance(value, list):
                self.base[key] = value
                continue
            self.general[key] = []
            for i, e in enumerate(value):
                sku = e.get("sku") if isinstance(e, dict) else None
                if isinstance(sku, str):
                    self.by_sku.setdefault(sku, []).append((key, i, e))
                else:
                    self.general[key].append((i, e))  # no SKU (or a malformed one: the core says)

    def for_skus(self, skus: Set[str]) -> Dict[str, Any]:
        """The policies without the entries that name another SKU."""
        picked = {key: list(entries) for key, entries in self.general.items()}
        for sku in skus:
            for key, i, e in self.by_sku.get(sku, ()):
                picked[key].append((i, e))
        out = dict(self.base)
        for key, entries in picked.items():
            entries.sort(key=lambda t: t[0])
            out[key] = [e for _, e in entries]
        return out


@_gc_paused
def _replenish_partition(
    network_json: str,
    index: _PolicyIndex,
    now: str,
    positions: Optional[pd.DataFrame],
    history: Optional[pd.DataFrame],
    alerts: bool,
) -> pd.DataFrame:
    inv = _inventory(network_json, positions)
    hist = omnistock.History(_history_columns(history))  # read once, for replenish and alerts
    skus = set(_skus(positions, history))
    policies = index.for_skus(skus)
    rows: List[Tuple[str, Optional[str], Optional[str], Optional[str], Optional[int], str]] = []
    result = inv.replenish(hist, policies, now)
    # Only this partition's SKUs: a rule naming a (location, sku) makes a position of it even
    # without stock or history, and that SKU belongs to another partition (or to none).
    for p in result["proposals"]:
        if p["sku"] in skus:
            rows.append(("proposal", p["sku"], p["location"], p["kind"], p["quantity"], _json(p)))
    for u in result["unmet"]:
        if u.get("sku") in skus:
            rows.append(("unmet", u.get("sku"), u.get("location"), u.get("reason"), u.get("quantity"), _json(u)))
    if alerts:
        for a in inv.alerts(hist, policies, now):
            if a.get("sku") not in skus:
                continue  # location-level (stale_data), or another partition's SKU
            rows.append(("alert", a["sku"], a.get("location"), a["code"], None, _json(a)))
    rows.sort(key=lambda r: (r[0], r[1] or "", r[2] or "", r[3] or "", r[5]))
    return pd.DataFrame(
        {
            "record": [r[0] for r in rows],
            "sku": [r[1] for r in rows],
            "location": [r[2] for r in rows],
            "kind": [r[3] for r in rows],
            "quantity": pd.array([r[4] for r in rows], dtype="Int64"),
            "detail": [r[5] for r in rows],
        }
    )


def _channel_pool_members(network: Mapping[str, Any]) -> Dict[str, List[str]]:
    members = {p["id"]: [m["location"] for m in p.get("members", [])] for p in network.get("pools", [])}
    return {c["id"]: members.get(c.get("pool"), []) for c in network.get("channels", [])}


def _check_region(order: Mapping[str, Any], region: str, candidates: Mapping[str, List[str]], location_region: Mapping[str, str]) -> None:
    channel = order.get("channel")
    locations = list(candidates.get(channel, []))  # type: ignore[arg-type]
    if order.get("pickup"):
        locations.append(order["pickup"])
    for loc in locations:
        other = location_region.get(loc)
        if other != region:
            where = "is in no region" if other is None else f"is in region {other}"
            raise RegionError(
                f"order {order.get('id')} (region {region}, channel {channel}) may be served from "
                f"{loc}, which {where}: its candidate locations cross partitions"
            )


@_gc_paused
def _wave_partition(
    network_json: str,
    rules: Any,
    now: str,
    region: str,
    candidates: Mapping[str, List[str]],
    location_region: Mapping[str, str],
    stock: Optional[pd.DataFrame],
    orders: Optional[pd.DataFrame],
) -> pd.DataFrame:
    parsed = sorted((json.loads(o) for o in _col(orders, "order")), key=lambda o: o["id"])
    for o in parsed:
        _check_region(o, region, candidates, location_region)
    rows: List[Tuple[str, str, int, int, int, str]] = []
    if parsed:
        inv = _inventory(network_json, stock)
        plan = inv.allocate_wave(parsed, rules, now)
        for o in plan["orders"]:
            allocated = sum(l.get("quantity", 0) for s in o.get("shipments", []) for l in s.get("lines", []))
            unallocated = sum(u.get("quantity", 0) for u in o.get("unallocated", []))
            rows.append((region, o["order"]["id"], allocated, unallocated, len(o.get("shipments", [])), _json(o)))
    rows.sort(key=lambda r: (r[0], r[1]))
    return pd.DataFrame(
        {
            "region": [r[0] for r in rows],
            "order": [r[1] for r in rows],
            "allocated": pd.array([r[2] for r in rows], dtype="int64"),
            "unallocated": pd.array([r[3] for r in rows], dtype="int64"),
            "shipments": pd.array([r[4] for r in rows], dtype="int64"),
            "detail": [r[5] for r in rows],
        }
    )


# ---------------------------------------------------------------------------------------------
# Single-process references (no Spark): the same partition functions over all the data.


def _frame(rows: Any) -> Optional[pd.DataFrame]:
    if rows is None or isinstance(rows, pd.DataFrame):
        return rows
    return pd.DataFrame(list(rows))


def _pools(network_json: str, pools: Optional[Sequence[str]]) -> List[str]:
    return sorted(pools) if pools is not None else sorted(p["id"] for p in json.loads(network_json).get("pools", []))


def _policies_value(policies: Any) -> Dict[str, Any]:
    if isinstance(policies, DataFrame):
        rows = policies.select("policies").collect()
        if len(rows) != 1:
            raise ValueError(f"policies: a one-row DataFrame with a `policies` column, got {len(rows)} rows")
        policies = rows[0][0]
    value = json.loads(policies) if isinstance(policies, str) else dict(policies)
    if value.get("sources"):
        raise ValueError(
            "policies.sources (daily limits shared by SKUs) cannot be partitioned by SKU: "
            "run replenishment for these policies in one process"
        )
    return value


def atp_local(
    network: Any, positions: Any, reservations: Any = None, *, pools: Optional[Sequence[str]] = None, strict: bool = True
) -> pd.DataFrame:
    """``atp_by_sku`` in one process: one Inventory over all rows (list of dicts or pandas)."""
    net = _json(network)
    return _atp_partition(net, _pools(net, pools), _frame(positions), _frame(reservations), strict)


def replenish_local(
    network: Any, positions: Any, history: Any, policies: Any, now: Union[str, datetime.datetime], *, alerts: bool = True
) -> pd.DataFrame:
    """``replenish_by_sku`` in one process: one Inventory over all rows."""
    return _replenish_partition(_json(network), _PolicyIndex(_policies_value(policies)), _now(now), _frame(positions), _frame(history), alerts)


def allocate_waves_local(
    network: Any,
    stock: Any,
    orders: Any,
    rules: Any,
    now: Union[str, datetime.datetime],
    *,
    region: str,
    location_region: Mapping[str, str],
) -> pd.DataFrame:
    """``allocate_waves`` in one process: one ``allocate_wave`` per region, regions in order."""
    net = _json(network)
    candidates = _channel_pool_members(json.loads(net))
    stock_pdf = _frame(stock)
    orders_pdf = _frame(orders)
    assert orders_pdf is not None
    if stock_pdf is not None:
        stock_pdf = stock_pdf.assign(_region=[location_region.get(l) for l in _col(stock_pdf, "location")])
    out = []
    for r in sorted(set(orders_pdf[region].tolist())):
        s = None if stock_pdf is None else stock_pdf[stock_pdf["_region"] == r]
        o = orders_pdf[orders_pdf[region] == r]
        out.append(_wave_partition(net, rules, _now(now), r, candidates, location_region, s, o))
    if not out:
        return _wave_partition(net, rules, _now(now), "", candidates, location_region, None, None)
    return pd.concat(out, ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Spark jobs.


def _partitions(spark: SparkSession, partitions: Optional[int]) -> int:
    if partitions is not None:
        if partitions < 1:
            raise ValueError("partitions: at least 1")
        return partitions
    return max(1, spark.sparkContext.defaultParallelism * 4)


def _bucketed(df: DataFrame, n: int) -> DataFrame:
    return df.withColumn(_BUCKET, F.pmod(F.xxhash64(F.col("sku")), F.lit(n)))


def _cogroup(
    left: DataFrame, right: Optional[DataFrame], key: str, fn: Callable[[Optional[pd.DataFrame], Optional[pd.DataFrame]], pd.DataFrame], schema: StructType
) -> DataFrame:
    if right is None:
        return left.groupBy(key).applyInPandas(lambda pdf: fn(pdf, None), schema)
    return left.groupBy(key).cogroup(right.groupBy(key)).applyInPandas(lambda a, b: fn(a, b), schema)


def atp_by_sku(
    network: Any,
    positions_df: DataFrame,
    reservations_df: Optional[DataFrame] = None,
    *,
    pools: Optional[Sequence[str]] = None,
    partitions: Optional[int] = None,
    strict: bool = True,
) -> DataFrame:
    """Pooled ATP per (sku, pool), partitioned by SKU bucket (see the module docstring)."""
    spark = positions_df.sparkSession
    net = _json(network)
    pool_ids = _pools(net, pools)
    bc = spark.sparkContext.broadcast(net)
    n = _partitions(spark, partitions)
    pos = _bucketed(positions_df.select("location", "sku", F.col("on_hand").cast("long")), n)
    res = None
    if reservations_df is not None:
        cols: List[Union[Column, str]] = [F.col("reservation").cast("string"), "sku", F.col("quantity").cast("long")]
        cols += [F.col(c).cast("string") for c in _RESERVE_FIELDS if c in reservations_df.columns]
        res = _bucketed(reservations_df.select(*cols), n)
    return _cogroup(pos, res, _BUCKET, lambda a, b: _atp_partition(bc.value, pool_ids, a, b, strict), ATP_SCHEMA)


def replenish_by_sku(
    network: Any,
    positions_df: DataFrame,
    history_df: DataFrame,
    policies: Any,
    now: Union[str, datetime.datetime],
    *,
    alerts: bool = True,
    partitions: Optional[int] = None,
) -> DataFrame:
    """Proposals, unmet needs and per-SKU alerts, partitioned by SKU bucket."""
    spark = positions_df.sparkSession
    bc_net = spark.sparkContext.broadcast(_json(network))
    bc_pol = spark.sparkContext.broadcast(_PolicyIndex(_policies_value(policies)))
    at = _now(now)
    n = _partitions(spark, partitions)
    pos = _bucketed(positions_df.select("location", "sku", F.col("on_hand").cast("long")), n)
    cols: List[Union[Column, str]] = ["location", "sku", F.col("date").cast("string"), F.col("sales").cast("long")]
    if "lost_sales" in history_df.columns:
        cols.append(F.col("lost_sales").cast("long"))
    hist = _bucketed(history_df.select(*cols), n)
    return _cogroup(
        pos, hist, _BUCKET, lambda a, b: _replenish_partition(bc_net.value, bc_pol.value, at, a, b, alerts), REPLENISH_SCHEMA
    )


def allocate_waves(
    network: Any,
    stock_df: DataFrame,
    orders_df: DataFrame,
    rules: Any,
    now: Union[str, datetime.datetime],
    *,
    region: str,
    location_region: Mapping[str, str],
) -> DataFrame:
    """One ``allocate_wave`` per region (the column ``region`` of ``orders_df``)."""
    spark = stock_df.sparkSession
    net = _json(network)
    bc_net = spark.sparkContext.broadcast(net)
    candidates = _channel_pool_members(json.loads(net))
    mapping = dict(location_region)
    bc_map = spark.sparkContext.broadcast((candidates, mapping))
    at = _now(now)
    regions = spark.createDataFrame(sorted(mapping.items()), "location string, _region string")
    stock = stock_df.select("location", "sku", F.col("on_hand").cast("long")).join(F.broadcast(regions), "location")
    orders = orders_df.select(F.col("id").cast("string"), F.col(region).cast("string").alias("_region"), F.col("order").cast("string"))

    def run(key: Tuple[Any, ...], s: pd.DataFrame, o: pd.DataFrame) -> pd.DataFrame:
        cand, lmap = bc_map.value
        return _wave_partition(bc_net.value, rules, at, key[0], cand, lmap, s, o)

    return stock.groupBy("_region").cogroup(orders.groupBy("_region")).applyInPandas(run, WAVE_SCHEMA)
