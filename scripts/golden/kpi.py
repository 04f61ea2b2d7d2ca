"""Inputs of the KPI vectors (testdata/golden/kpi). Expectations: the Rust runner, then
review (UPDATE_GOLDEN=1 cargo test -p omnistock --test golden golden_vectors). Each
description gives the numbers worked out by hand."""
import json, os

OUT = os.path.join(os.path.dirname(__file__), "../../testdata") + "/golden/kpi"
os.makedirs(OUT, exist_ok=True)
EMPTY = {"locations": [{"id": "X", "kind": "warehouse"}], "channels": [], "pools": []}


def w(name, desc, steps):
    path = f"{OUT}/{name}.json"
    doc = {"description": desc, "input": {"network": EMPTY, "steps": steps}}
    if os.path.exists(path):
        old = json.load(open(path))
        if "expected" in old:
            doc["expected"] = old["expected"]
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def k(outcomes, baseline=None):
    s = {"op": "kpis", "outcomes": outcomes}
    if baseline:
        s["baseline"] = baseline
    return s


def line(ordered, delivered=0, cancelled=0, by_customer=0, sku="X", id="1"):
    return {"line": id, "sku": sku, "ordered": ordered, "delivered": delivered, "cancelled": cancelled,
            "cancelled_by_customer": by_customer}


def ship(loc, kind, units, shipped, delivered, cost):
    return {"location": loc, "kind": kind, "units": units, "shipped": shipped, "delivered": delivered, "logistics_cost": cost}


SIX = [
    {"order": "O1", "channel": "web", "rule_set": "A", "placed": "2026-11-02T09:00:00Z", "promised": "2026-11-04",
     "lines": [line(2, 2)], "shipments": [ship("S", "store", 2, "2026-11-02T15:00:00Z", "2026-11-03", "4.50")],
     "revenue": "40", "cost_of_goods": "16", "logistics_cost": "4.50"},
    {"order": "O2", "channel": "web", "rule_set": "A", "placed": "2026-11-02T12:00:00Z", "promised": "2026-11-04",
     "lines": [line(3, 3), line(1, 0, 1, id="2", sku="Y")],
     "shipments": [ship("DC", "warehouse", 3, "2026-11-03T10:00:00Z", "2026-11-05", "6")],
     "cancellations": [{"at": "2026-11-04T00:00:00Z", "reason": "out_of_stock", "units": 1}],
     "revenue": "60", "cost_of_goods": "30", "logistics_cost": "6"},
    {"order": "O3", "channel": "marketplace", "rule_set": "A", "placed": "2026-11-03T08:00:00Z", "promised": "2026-11-03",
     "pickup": True, "lines": [line(1, 1)],
     "shipments": [ship("S", "store", 1, "2026-11-03T14:00:00Z", "2026-11-03", "1")], "ready": "2026-11-03T14:00:00Z",
     "revenue": "20", "cost_of_goods": "8", "logistics_cost": "1"},
    {"order": "O4", "channel": "web", "rule_set": "A", "placed": "2026-11-03T10:00:00Z",
     "lines": [line(2, 0, 2, 2, sku="Y")],
     "cancellations": [{"at": "2026-11-03T11:00:00Z", "reason": "customer", "units": 2}]},
    {"order": "O5", "channel": "web", "rule_set": "A", "placed": "2026-11-03T11:00:00Z", "promised": "2026-11-06",
     "lines": [line(5, 2)], "shipments": [ship("DC", "warehouse", 2, "2026-11-04T08:00:00Z", "2026-11-05", "3")],
     "revenue": "20", "cost_of_goods": "10", "logistics_cost": "3"},
    {"order": "O6", "channel": "marketplace", "rule_set": "A", "placed": "2026-11-03T00:00:00Z", "promised": "2026-11-05",
     "pickup": True, "lines": [line(1, 1)],
     "shipments": [ship("DC", "warehouse", 1, "2026-11-03T20:00:00Z", "2026-11-04", "2")], "ready": "2026-11-04T00:00:00Z",
     "revenue": "10", "cost_of_goods": "5", "logistics_cost": "2"},
]

w("hand_worked_six_orders",
  "Six orders (the same as core/src/kpi/tests.rs): 6 orders, 5 closed, 1 open; served O1, O2, O3, O6; OTIF 3/4; fill rate "
  "lines 4/5, units 7/8, orders 3/4; cancellation rate 2/6 (customer 1, out_of_stock 1); click-and-collect 6 h and 24 h: "
  "median 15, p90 24; ship-from-store 2/7; promise kept 3/4; revenue 150, cost of goods 69, logistics 16.50, margin 64.50 "
  "(43 %). By channel web: 4 orders, OTIF 1/2; marketplace: 2, OTIF 1, ship-from-store null. By day: 2026-11-02 two "
  "orders, 2026-11-03 four.",
  [k(SIX)])

B = [dict(o, rule_set="B") for o in SIX[:2]]
B[0] = dict(B[0], logistics_cost="6.00")
B.append(dict(SIX[1], order="O7", rule_set="B", logistics_cost="100"))
w("avoided_logistics_cost_against_a_baseline",
  "Rule set B handled O1 (6.00), O2 (6) and O7 (100); A handled O1 (4.50), O2 (6) and more. Against baseline B, A avoids "
  "(6.00 − 4.50) + (6 − 6) = 1.50 (O7 and A's other orders are not compared); B avoids 0. An unknown baseline is refused "
  "(invalid_input).",
  [k(SIX + B, "B"), k(SIX + B, "C")])

w("no_outcomes",
  "No order: every count 0, every ratio null, money 0, no group.",
  [k([])])

CC = [{"order": f"C{i}", "channel": "cc", "placed": "2026-11-02T08:00:00Z", "pickup": True, "lines": [line(1, 1)],
       "shipments": [ship("S", "store", 1, f"2026-11-02T{8 + h:02d}:00:00Z", "2026-11-02", "1")],
       "ready": f"2026-11-02T{8 + h:02d}:00:00Z"} for i, h in enumerate([10, 1, 3, 2, 15], 1)]
w("click_collect_median_and_p90",
  "Five pickups ready 10, 1, 3, 2 and 15 hours after they were placed: sorted 1, 2, 3, 10, 15; median 3; p90 is the "
  "⌈0.9 × 5⌉ = 5th smallest, 15. A sixth without a ready time does not count.",
  [k(CC + [{"order": "C6", "channel": "cc", "placed": "2026-11-02T08:00:00Z", "pickup": True, "lines": [line(1)]}])])

w("customer_cancellation_lowers_the_demand",
  "4 ordered, the customer cancels 1, 3 delivered on time: the demand is 3, so fill rate 1 (units, lines, orders) and "
  "OTIF 1; the cancellation still counts in the cancellation rate (1/1, reason customer).",
  [k([{"order": "O", "channel": "web", "placed": "2026-11-02T08:00:00Z", "promised": "2026-11-04",
       "lines": [line(4, 3, 1, 1)],
       "shipments": [ship("DC", "warehouse", 3, "2026-11-02T12:00:00Z", "2026-11-04", "5")],
       "cancellations": [{"at": "2026-11-02T09:00:00Z", "reason": "customer", "units": 1}]}])])

w("open_orders_are_not_judged",
  "Two orders: one open (1 of 2 delivered) and one closed on time. Closed 1, open 1; OTIF, fill rate and promise kept "
  "count only the closed one (all 1); the open order's shipped units still count in ship-from-store (1 store unit of 2).",
  [k([{"order": "O1", "channel": "web", "placed": "2026-11-02T08:00:00Z", "promised": "2026-11-03", "lines": [line(2, 1)],
       "shipments": [ship("S", "store", 1, "2026-11-02T12:00:00Z", "2026-11-03", "4")]},
      {"order": "O2", "channel": "web", "placed": "2026-11-02T09:00:00Z", "promised": "2026-11-03", "lines": [line(1, 1)],
       "shipments": [ship("DC", "warehouse", 1, "2026-11-02T12:00:00Z", "2026-11-03", "4")]}])])

w("days_are_utc",
  "Orders placed at 23:30Z and at 00:30+01:00 (23:30Z) on 2 November, and at 00:30Z on 3 November: two on the UTC day "
  "2026-11-02, one on 2026-11-03. All three are open (nothing delivered): no ratio.",
  [k([{"order": "O1", "channel": "web", "placed": "2026-11-02T23:30:00Z", "lines": [line(1)]},
      {"order": "O2", "channel": "web", "placed": "2026-11-03T00:30:00+01:00", "lines": [line(1)]},
      {"order": "O3", "channel": "web", "placed": "2026-11-03T00:30:00Z", "lines": [line(1)]}])])

w("ship_from_store_counts_shipped_delivery_units",
  "Delivery orders: 3 units shipped from a store, 1 from the DC, 2 store units not shipped yet → 3/4. A pickup served by "
  "a store does not count.",
  [k([{"order": "O1", "channel": "web", "placed": "2026-11-02T08:00:00Z", "lines": [line(6, 4)],
       "shipments": [ship("S", "store", 3, "2026-11-02T12:00:00Z", "2026-11-03", "4"),
                     ship("DC", "warehouse", 1, "2026-11-02T12:00:00Z", "2026-11-04", "4"),
                     {"location": "S", "kind": "store", "units": 2}]},
      {"order": "O2", "channel": "cc", "pickup": True, "placed": "2026-11-02T08:00:00Z", "lines": [line(5, 5)],
       "shipments": [ship("S", "store", 5, "2026-11-02T12:00:00Z", "2026-11-02", "1")]}])])

w("promise_kept_is_not_otif",
  "Delivered by the promised date but short (1 of 2, the other cancelled out of stock): promise kept 1, OTIF 0, fill rate "
  "units 1/2, lines 0/1.",
  [k([{"order": "O", "channel": "web", "placed": "2026-11-02T08:00:00Z", "promised": "2026-11-04",
       "lines": [line(2, 1, 1)],
       "shipments": [ship("DC", "warehouse", 1, "2026-11-02T12:00:00Z", "2026-11-03", "5")],
       "cancellations": [{"at": "2026-11-03T00:00:00Z", "reason": "out_of_stock", "units": 1}]}])])

w("errors",
  "Refused, naming the field: no lines (invalid_input, [0].lines), ordered 0 (invalid_quantity, [0].lines[0].ordered), "
  "delivered + cancelled over ordered ([0].lines[0].cancelled), a negative revenue ([0].revenue), a bad timestamp "
  "([0].placed), one order twice under one rule set (duplicate_id, [1].order), not an array (invalid_input).",
  [k([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": []}]),
   k([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": [line(0)]}]),
   k([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": [line(2, 2, 1)]}]),
   k([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": [line(2)], "revenue": "-1"}]),
   k([{"order": "O", "channel": "w", "placed": "yesterday", "lines": [line(2)]}]),
   k([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": [line(2)]},
      {"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": [line(2)]}]),
   k({"order": "O"})])
