"""Seeded datasets for the Spark jobs, made from `omnistock.generate` (plain pandas, no Spark).

Used by examples/spark/run.py, examples/spark/bench.py and bindings-python/tests_spark.
Everything is deterministic for a given (size, seed).
"""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Tuple

import numpy as np
import pandas as pd

import omnistock

START = "2026-11-01"
NOW = "2026-11-01T06:00:00Z"  # replenishment: history runs to 2026-10-31
WAVE_NOW = "2026-11-01T09:00:00Z"


def scenario(size: str = "month", seed: int = 7, **options: Any) -> Dict[str, Any]:
    return omnistock.generate(size=size, seed=seed, **options)


def positions(scn: Dict[str, Any]) -> pd.DataFrame:
    """(location, sku, on_hand) from the scenario's opening receipts (about 100k for `month`)."""
    rows = [(e["location"], e["sku"], e["quantity"]) for e in scn["initial"] if e["type"] == "receive"]
    pdf = pd.DataFrame(rows, columns=["location", "sku", "on_hand"])
    return pdf.groupby(["location", "sku"], as_index=False, sort=True)["on_hand"].sum()


def orders(scn: Dict[str, Any], limit: int) -> List[Dict[str, Any]]:
    out = []
    for item in scn["stream"]:
        if item["type"] == "order":
            out.append(item["order"])
            if len(out) == limit:
                break
    return out


def reservations(scn: Dict[str, Any], limit: int) -> pd.DataFrame:
    """A reservation per line of the first `limit` orders: held by the channel's pool, or at the
    pickup store for click-and-collect; every third one soft (expiring in a day)."""
    rows = []
    for k, o in enumerate(orders(scn, limit)):
        for line in o["lines"]:
            soft = k % 3 == 0
            rows.append(
                {
                    "reservation": f"{o['id']}/{line['id']}",
                    "sku": line["sku"],
                    "quantity": line["quantity"],
                    "channel": o["channel"],
                    "location": o.get("pickup"),
                    "kind": "soft" if soft else "hard",
                    "expires_at": "2026-11-02T06:00:00Z" if soft else None,
                }
            )
    return pd.DataFrame(rows)


def history(pos: pd.DataFrame, scn: Dict[str, Any], days: int = 14, seed: int = 1) -> pd.DataFrame:
    """Daily sales per position for `days` days up to the day before NOW (Poisson, seeded):
    fast movers ~0.6/day in a store and ~4/day in a DC, the others ~0.05 and ~0.4."""
    fast = {c["sku"] for c in scn["replenishment"]["policies"].get("categories", []) if c["category"] == "fast"}
    is_fast = pos["sku"].str.split("~").str[0].isin(fast).to_numpy()
    is_dc = pos["location"].str.startswith("DC-").to_numpy()
    rate = np.where(is_fast, np.where(is_dc, 4.0, 0.6), np.where(is_dc, 0.4, 0.05))
    rng = np.random.default_rng(seed)
    sales = rng.poisson(np.repeat(rate, days))
    dates = pd.date_range(end=pd.Timestamp(START) - pd.Timedelta(days=1), periods=days).strftime("%Y-%m-%d")
    return pd.DataFrame(
        {
            "location": np.repeat(pos["location"].to_numpy(), days),
            "sku": np.repeat(pos["sku"].to_numpy(), days),
            "date": np.tile(np.asarray(dates), len(pos)),
            "sales": sales.astype("int64"),
        }
    )


def _renamed(entries: List[Dict[str, Any]], k: int) -> List[Dict[str, Any]]:
    """The entries naming a SKU, for copy `k` (`SKU-00001~k`)."""
    return [dict(e, sku=f"{e['sku']}~{k}") for e in entries if e.get("sku")]


def copy_policies(policies: Dict[str, Any], k: int) -> Dict[str, Any]:
    """The policies of copy `k` made by `scale`: its SKU entries renamed (`~k`), the others kept."""
    if k <= 1:
        return policies
    pol = dict(policies)
    for key in ("rules", "categories"):
        entries = policies.get(key, [])
        pol[key] = [e for e in entries if not e.get("sku")] + _renamed(entries, k)
    return pol


def scale(pos: pd.DataFrame, policies: Dict[str, Any], factor: int) -> Tuple[pd.DataFrame, Dict[str, Any]]:
    """`factor` copies of the positions with the SKU ids suffixed (`SKU-00001~2`), and the
    policies with their SKU entries copied the same way: the same network, `factor` times the
    SKUs, each copy planned like the original. For benchmarks beyond the generator's sizes."""
    if factor <= 1:
        return pos, policies
    parts = [pos] + [pos.assign(sku=pos["sku"] + f"~{k}") for k in range(2, factor + 1)]
    pol = dict(policies)
    for key in ("rules", "categories"):
        entries = list(policies.get(key, []))
        for k in range(2, factor + 1):
            entries += _renamed(policies.get(key, []), k)
        pol[key] = entries
    return pd.concat(parts, ignore_index=True), pol


# Regions for allocate_waves: north of 46.5° N (with DC-ORLEANS) and south (with DC-LYON).
def _region_of(loc: Dict[str, Any]) -> str:
    return "north" if loc["position"]["lat"] >= 46.5 else "south"


def regional(scn: Dict[str, Any], limit: int) -> Tuple[Dict[str, Any], Dict[str, str], pd.DataFrame]:
    """The scenario's network split into two regions, its location -> region map, and the first
    `limit` orders as (id, region, order JSON) with their channel moved to their region's copy
    (`web-north`, ...). The original `web` channel (pool `online`, both regions) is kept, so an
    order can be made to cross regions on purpose."""
    net = copy.deepcopy(scn["network"])
    location_region = {l["id"]: _region_of(l) for l in net["locations"]}
    pools = list(net["pools"])
    channels = list(net["channels"])
    for r in ("north", "south"):
        stores = [l["id"] for l in net["locations"] if l["kind"] == "store" and location_region[l["id"]] == r]
        dcs = [l["id"] for l in net["locations"] if l["kind"] == "warehouse" and location_region[l["id"]] == r]
        pools += [
            {"id": f"online-{r}", "members": [{"location": d} for d in dcs] + [{"location": s, "buffer": 1} for s in stores]},
            {"id": f"marketplace-{r}", "members": [{"location": d} for d in dcs], "max_share_pct": "40"},
            {"id": f"pickup-{r}", "members": [{"location": s} for s in stores] + [{"location": d} for d in dcs]},
        ]
        channels += [
            {"id": f"web-{r}", "kind": "web", "pool": f"online-{r}"},
            {"id": f"marketplace-{r}", "kind": "marketplace", "pool": f"marketplace-{r}"},
            {"id": f"click_and_collect-{r}", "kind": "click_and_collect", "pool": f"pickup-{r}"},
        ]
    net["pools"] = pools
    net["channels"] = channels
    zone_region = {}
    for l in net["locations"]:
        if l["kind"] == "store":
            zone_region.setdefault(l["zone"], location_region[l["id"]])
    rows = []
    for o in orders(scn, limit):
        o = dict(o)
        if o.get("pickup"):
            r = location_region[o["pickup"]]
        else:
            r = zone_region.get(o["destination"]["zone"], "south")
        o["channel"] = f"{o['channel']}-{r}"
        rows.append({"id": o["id"], "region": r, "order": json.dumps(o, sort_keys=True)})
    return net, location_region, pd.DataFrame(rows)
