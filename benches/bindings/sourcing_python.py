"""Per-order cost of sourcing from Python: `allocate` on batches of 3-line orders over a
1,000-location network (the same deterministic data as sourcing_node.mjs).

A benchmark, not a test. Run from the repository root after `make test-python`:
    .venv/bin/python benches/bindings/sourcing_python.py
Every plan is checked: each order allocated in full or with its reasons.
"""

import time

import omnistock

LOCATIONS, SKUS, ZONES = 1000, 20, 20


def network():
    locs, members = [], []
    for i in range(LOCATIONS):
        dc = i < LOCATIONS // 10
        lid = f"DC{i:04}" if dc else f"ST{i:04}"
        rate = ({"distance": {"base": "4.20", "per_unit": "0.35", "per_km": "0.004"}} if dc else
                {"zones": {f"Z{d:02}": {"base": f"{5 + (i + d) % 3}.{(i * 7 + d) % 100:02}", "per_unit": "0.50"}
                           for d in range(ZONES)}})
        locs.append({
            "id": lid, "kind": "warehouse" if dc else "store",
            "capabilities": ["ship"] if dc else ["ship_from_store", "pickup"],
            "priority": 1 if dc else 2, "zone": f"Z{i % ZONES:02}",
            "position": {"lat": 43 + (i * 37 % 700) / 100, "lon": -1 + (i * 53 % 800) / 100},
            "capacity": {"orders_per_day": 5000 if dc else 40, "units_per_day": 20000 if dc else 120},
            "handling": {"per_order": "1.10" if dc else "2.50", "per_unit": "0.20" if dc else "0.40"},
            "shipping": {"standard": rate},
        })
        members.append({"location": lid, "buffer": 0 if dc else 1})
    matrix = {f"Z{o:02}": {f"Z{d:02}": 1 + (o + d) % 3 for d in range(ZONES)} for o in range(ZONES)}
    return {
        "locations": locs,
        "channels": [{"id": "web", "kind": "web", "pool": "web"}],
        "pools": [{"id": "web", "members": members}],
        "services": [{"id": "standard", "transit": {"zones": matrix, "distance_bands": [
            {"max_km": 100, "days": 1}, {"max_km": 600, "days": 2}, {"max_km": 2000, "days": 3}]}}],
    }


def stock():
    events = []
    for i in range(LOCATIONS):
        lid = f"DC{i:04}" if i < LOCATIONS // 10 else f"ST{i:04}"
        for s in range(SKUS):
            if (i * 31 + s * 17) % 2 == 0:
                q = 20 + (i * s) % 200 if i < LOCATIONS // 10 else (i + s) % 6
                if q > 0:
                    events.append({"type": "receive", "id": f"r-{i}-{s}", "location": lid,
                                   "sku": f"SKU{s:02}", "quantity": q})
    return events


def orders(n, prefix):
    return [{
        "id": f"{prefix}-{k:05}", "channel": "web", "service": "standard", "promised": "2026-12-01",
        "destination": {"zone": f"Z{k % ZONES:02}", "position": {"lat": 43 + (k * 13 % 700) / 100,
                                                                   "lon": -1 + (k * 29 % 800) / 100}},
        "lines": [{"id": str(j + 1), "sku": f"SKU{(k * 7 + j * 3) % SKUS:02}", "quantity": 1 + (k + j) % 3}
                  for j in range(3)],
        "max_shipments": 3,
    } for k in range(n)]


def main():
    inv = omnistock.Inventory(network())
    assert all(o["status"] == "applied" for o in inv.apply(stock()))
    now = "2026-11-27T09:00:00Z"
    for batch in (1, 100):
        best = float("inf")
        for rep in range(3):
            plans = 0
            t = time.perf_counter()
            for b in range(200 // batch):
                plan = inv.allocate(orders(batch, f"P{rep}-{b}"), "balanced", now)
                plans += len(plan["orders"])
            el = time.perf_counter() - t
            best = min(best, el / plans)
            for op in plan["orders"]:
                assert op["status"] in ("allocated", "partial") or op["unallocated"], op["explanation"]
        print(f"python sourcing/allocate/pool_1000 batch {batch}: {best * 1e6:.0f} µs per order (best of 3)")


if __name__ == "__main__":
    main()
