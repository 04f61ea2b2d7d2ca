"""Inputs of the order sourcing vectors in testdata/golden/sourcing_more (a second, independently
written set; scripts/golden/sourcing.py writes testdata/golden/sourcing).

Writes `description` and `input` of each vector and keeps its `expected` (or `error`) if the
file already has one, so re-running the script after a review does not lose expectations;
`UPDATE_GOLDEN=1 cargo test -p omnistock --test golden` (re)writes them.

The network (NET) used by most vectors, destination Paris (zone 75, 48.8566 N 2.3522 E),
now = Friday 2026-11-27 09:00 UTC; every location works every day (UTC), the carrier
Monday to Friday, so 1 day of transit from Friday delivers Monday 11-30, 2 days Tuesday 12-01:

| location   | rank | km to Paris | shipping `standard`                          | handling       | stock A / B |
|------------|------|-------------|----------------------------------------------|----------------|-------------|
| DC-LYON    | 1    | 391.499     | distance: 2.00 + 0.005/km + 0.10/unit, 2 days | 1.00 + 0.10/u  | 2 / 5       |
| PARIS-01   | 2    | 1.157       | zone 75: 3.00 + 0.20/unit, 1 day              | 3.00 + 2.00/u  | 4 / 2 (buffer 1: 3 / 1 sellable) |
| DC-ORLEANS | 3    | 110.976     | zone 75: 5.00 + 2.00/unit, 1 day              | 1.00 + 0.10/u  | 10 / 5      |

So, with shipping and handling together: DC-LYON costs 4.957495 per shipment + 0.20 per unit
(2.00 + 391.499 km × 0.005 = 3.957495 shipping base, + 1.00 handling), PARIS-01 6.00 + 2.20
per unit, DC-ORLEANS 6.00 + 2.10 per unit.
"""
import json, os

OUT = os.path.join(os.path.dirname(__file__), '../../testdata') + '/golden/sourcing_more'
os.makedirs(OUT, exist_ok=True)
written = []


def w(name, desc, network, steps=None):
    path = f"{OUT}/{name}.json"
    v = {"description": desc, "input": {"network": network}}
    if steps is not None:
        v["input"]["steps"] = steps
    if os.path.exists(path):
        old = json.load(open(path))
        for k in ("expected", "error"):
            if k in old:
                v[k] = old[k]
    json.dump(v, open(path, "w", encoding="utf-8"), indent=2, sort_keys=True, ensure_ascii=False)
    open(path, "a").write("\n")
    written.append(name)


def ev(i, **k):
    d = {"id": f"e{i}"}
    d.update(k)
    return d


NOW = "2026-11-27T09:00:00Z"  # Friday
PARIS = {"lat": 48.8566, "lon": 2.3522}
DEST = {"zone": "75", "position": PARIS}
STD = {"id": "standard", "transit": {
    "zones": {"69": {"75": 2}, "45": {"75": 1}, "75": {"75": 1}},
    "distance_bands": [{"max_km": 300, "days": 1}, {"max_km": 1000, "days": 2}]}}


def LYON(**k):
    d = {"id": "DC-LYON", "kind": "warehouse", "capabilities": ["ship"], "priority": 1, "zone": "69",
         "position": {"lat": 45.764, "lon": 4.8357},
         "handling": {"per_order": "1.00", "per_unit": "0.10"},
         "shipping": {"standard": {"distance": {"base": "2.00", "per_unit": "0.10", "per_km": "0.005"}}}}
    d.update(k)
    return d


def PARIS01(**k):
    d = {"id": "PARIS-01", "kind": "store", "capabilities": ["ship_from_store", "pickup"], "priority": 2, "zone": "75",
         "position": {"lat": 48.8606, "lon": 2.3376},
         "handling": {"per_order": "3.00", "per_unit": "2.00"},
         "shipping": {"standard": {"zones": {"75": {"base": "3.00", "per_unit": "0.20"}}}}}
    d.update(k)
    return d


def ORLEANS(**k):
    d = {"id": "DC-ORLEANS", "kind": "warehouse", "capabilities": ["ship"], "priority": 3, "zone": "45",
         "position": {"lat": 47.9029, "lon": 1.9093},
         "handling": {"per_order": "1.00", "per_unit": "0.10"},
         "shipping": {"standard": {"zones": {"75": {"base": "5.00", "per_unit": "2.00"}}}}}
    d.update(k)
    return d


def net(lyon=None, paris=None, orleans=None, extra=(), members_extra=(), quotas=None, lanes=None, services=None):
    pool = {"id": "online", "members": [{"location": "DC-LYON"}, {"location": "PARIS-01", "buffer": 1},
                                        {"location": "DC-ORLEANS"}] + list(members_extra)}
    if quotas:
        pool["quotas"] = quotas
    n = {"locations": [lyon or LYON(), paris or PARIS01(), orleans or ORLEANS()] + list(extra),
         "channels": [{"id": "web", "kind": "web", "pool": "online"},
                      {"id": "cc", "kind": "click_and_collect", "pool": "online"},
                      {"id": "mkp", "kind": "marketplace", "pool": "online"}],
         "pools": [pool],
         "services": services or [STD]}
    if lanes:
        n["lanes"] = lanes
    return n


NET = net()
STOCK = {"op": "apply", "events": [
    ev(1, type="receive", location="DC-LYON", sku="A", quantity=2),
    ev(2, type="receive", location="DC-LYON", sku="B", quantity=5),
    ev(3, type="receive", location="PARIS-01", sku="A", quantity=4),
    ev(4, type="receive", location="PARIS-01", sku="B", quantity=2),
    ev(5, type="receive", location="DC-ORLEANS", sku="A", quantity=10),
    ev(6, type="receive", location="DC-ORLEANS", sku="B", quantity=5)]}


def order(id, lines, **k):
    o = {"id": id, "channel": "web", "service": "standard", "destination": DEST,
         "lines": [dict({"id": str(i + 1), "sku": l[0], "quantity": l[1]}, **(l[2] if len(l) > 2 else {}))
                   for i, l in enumerate(lines)]}
    o.update(k)
    return o


def alloc(orders, rules, now=NOW):
    return {"op": "allocate", "orders": orders if isinstance(orders, list) else [orders], "rules": rules, "now": now}


SO1 = order("SO-1", [("A", 3), ("B", 1)])
COMMON = ("Network NET (see scripts/golden/sourcing.py): DC-LYON rank 1, 391.499 km from Paris, "
          "4.957495 per shipment + 0.20/unit, 2 days (delivers Tue 12-01); PARIS-01 rank 2 (a store, buffer 1), "
          "1.157 km, 6.00 + 2.20/unit, 1 day (Mon 11-30); DC-ORLEANS rank 3, 110.976 km, 6.00 + 2.10/unit, "
          "1 day (Mon 11-30). Sellable A / B: DC-LYON 2 / 5, PARIS-01 3 / 1, DC-ORLEANS 10 / 5. "
          "SO-1 wants 3 A + 1 B delivered to Paris. Feasible plans: ORLEANS alone 6 + 4×2.10 = 14.40; "
          "PARIS alone 6 + 4×2.20 = 14.80; LYON (2 A, 1 B) 4.957495 + 3×0.20 = 5.557495 plus ORLEANS (1 A) "
          "8.10 = 13.657495; LYON (2 A, 1 B) plus PARIS (1 A) 8.20 = 13.757495. ")

# ---------------------------------------------------------------- presets
w("preset_priority", COMMON +
  "priority (Magento MSI's priority source selection: rank 1 per unit per rank step): take what the best-ranked "
  "location has, then the next: DC-LYON 2 A + 1 B (3 units × rank 1), PARIS-01 1 A (rank 2): score 5; the runner-up is LYON + ORLEANS "
  "(3×1 + 1×3 = 6; PARIS alone would be 4×2 = 8). Committing holds the units: A's ATP "
  "goes from 15 to 12, B's from 11 to 10.",
  NET, [STOCK, alloc(SO1, "priority"), {"op": "commit"},
        {"op": "atp", "sku": "A", "pool": "online"}, {"op": "atp", "sku": "B", "pool": "online"}])
w("preset_closest", COMMON +
  "closest (distance 1 per unit per km, great-circle): PARIS-01, 1.157 km away, holds 3 sellable A and 1 B: "
  "everything from there, score 4 × 1.157 = 4.628. The runner-up is DC-ORLEANS alone, 4 × 110.976 = 443.904: "
  "a runner-up is the best plan on another set of locations in which every location ships something, and on "
  "{PARIS-01, DC-ORLEANS} the best plan leaves DC-ORLEANS empty (PARIS-01 has everything).",
  NET, [STOCK, alloc(SO1, "closest")])
w("preset_fewest_shipments", COMMON +
  "fewest_shipments (split 1,000,000, shipping 1, handling 1): one parcel if any location can ship it all: "
  "DC-ORLEANS (14.40) or PARIS-01 (14.80): DC-ORLEANS, although the split LYON + ORLEANS would cost less "
  "(13.657495). The runner-up is PARIS-01 alone.",
  NET, [STOCK, alloc(SO1, "fewest_shipments")])
w("preset_cheapest", COMMON +
  "cheapest (shipping 1, handling 1): the lowest money: DC-LYON 2 A + 1 B (shipping 3.957495 + 0.30, "
  "handling 1.00 + 0.30) and DC-ORLEANS 1 A (shipping 5.00 + 2.00, handling 1.00 + 0.10): 13.657495, two "
  "shipments; runner-up LYON + PARIS at 13.757495.",
  NET, [STOCK, alloc(SO1, "cheapest")])
w("preset_balanced", COMMON +
  "balanced (shipping 1, handling 1, split 2, late 5 per day, rank 0.01 per unit per rank): the split that "
  "cheapest picks now costs 13.657495 + 2 + 0.01 × (3×1 + 1×3) = 15.717495, while DC-ORLEANS alone costs "
  "14.40 + 0.01 × 4 × 3 = 14.52 and PARIS-01 alone 14.80 + 0.08 = 14.88: DC-ORLEANS alone, runner-up PARIS-01. "
  "(No promised date: nothing is late.) A rule set given as {\"name\": ...} without a preset is balanced too.",
  NET, [STOCK, alloc(SO1, "balanced"), alloc(SO1, {"name": "default-rules"})])
w("custom_weights", COMMON +
  "Weights override the preset's, per field. 1) cheapest with split 1: the split costs 13.657495 + 1 = "
  "14.657495 > DC-ORLEANS alone 14.40: one parcel. 2) priority with rank 0 and shipping 1 (handling stays 0): "
  "only shipping money counts: PARIS-01 alone 3.00 + 4 × 0.20 = 3.80, against DC-ORLEANS 5 + 8 = 13 or "
  "LYON + PARIS 4.257495 + 3.20. The plan echoes the rule set (name, preset, overrides).",
  NET, [STOCK,
        alloc(SO1, {"name": "web-2026-11", "preset": "cheapest", "weights": {"split": "1"}}),
        alloc(SO1, {"name": "ship-money", "preset": "priority", "weights": {"rank": "0", "shipping": "1"}})])

# ---------------------------------------------------------------- splits and limits
w("split_line_across_locations",
  "One line of 6 A under priority: DC-LYON's 2 (rank 1), PARIS-01's 3 sellable (4 less a buffer of 1, rank 2), "
  "then 1 from DC-ORLEANS (rank 3): rank score 2×1 + 3×2 + 1×3 = 11, three shipments of the same line, each "
  "its own reservation (SO-2/1/<location>/1). Other sets score more: LYON + ORLEANS 2 + 12 = 14, PARIS + "
  "ORLEANS 6 + 9 = 15, ORLEANS alone 18.",
  NET, [STOCK, alloc(order("SO-2", [("A", 6)]), "priority")])
w("split_lines_false",
  "The rule set forbids splitting a line (split_lines false): each line comes whole from one location. 6 A: "
  "only DC-ORLEANS holds 6 (priority would otherwise split it over three locations): all from DC-ORLEANS, rank "
  "score 18. 12 A: no location holds 12: DC-ORLEANS ships 10 and 2 stay unallocated (partial) — the stock is "
  "there (15 A) but spread over more locations than one line may use: reason shipment_limit.",
  NET, [STOCK,
        alloc(order("SO-2", [("A", 6)]), {"name": "whole-lines", "preset": "priority", "split_lines": False}),
        alloc(order("SO-3", [("A", 12)]), {"name": "whole-lines", "preset": "priority", "split_lines": False})])
w("ship_complete_met", COMMON +
  "SO-1 ship complete under cheapest: everything in one shipment from one location, so the cheaper split "
  "(13.657495) is not allowed: DC-ORLEANS alone, 14.40 (PARIS-01 alone 14.80 is the runner-up).",
  NET, [STOCK, alloc(order("SO-1", [("A", 3), ("B", 1)], ship_complete=True), "cheapest")])
w("ship_complete_refused",
  "3 A and 6 B, ship complete: B's 6 are only there over several locations (DC-LYON 5, DC-ORLEANS 5, "
  "PARIS-01 1 sellable), so no location can ship everything: the order is refused whole, every line "
  "unallocated in full with reason ship_complete, nothing to commit (commit of the plan changes nothing and "
  "B's ATP stays 11). Without ship_complete the same order is allocated from two locations: DC-LYON 2 A + 5 B (4.957495 + "
  "7 × 0.20 = 6.357495) and DC-ORLEANS 1 A + 1 B (6 + 2 × 2.10 = 10.20): 16.557495, runner-up DC-LYON + "
  "PARIS-01 (6.357495 + 10.40 = 16.757495).",
  NET, [STOCK,
        alloc(order("SO-4", [("A", 3), ("B", 6)], ship_complete=True), "cheapest"),
        {"op": "commit"}, {"op": "atp", "sku": "B", "pool": "online"}, {"op": "open_orders"},
        alloc(order("SO-4", [("A", 3), ("B", 6)]), "cheapest")])
w("allow_partial_false_refused",
  "allow_partial false is all or nothing. 20 A when 15 are sellable: refused, line 1 unallocated (20) for "
  "no_stock. 2 A + 1 C (C has no stock anywhere): refused; line 2 is short for no_stock and line 1, which "
  "could be served, carries not_partial. With allow_partial (the default) the first order is partial: 15 A "
  "allocated over three locations (cheapest), 5 unallocated for no_stock.",
  NET, [STOCK,
        alloc(order("SO-5", [("A", 20)], allow_partial=False), "cheapest"),
        alloc(order("SO-6", [("A", 2), ("C", 1)], allow_partial=False), "cheapest"),
        alloc(order("SO-5", [("A", 20)]), "cheapest")])
w("backorder_no_stock",
  "Fixed after review: a SKU with no stock anywhere is no_stock (capable locations exist). "
  "Partial with a backorder: 3 A and 2 of SKU NEVER (never received anywhere): the 3 A come from DC-ORLEANS "
  "(cheapest: ORLEANS 6 + 3 × 2.10 = 12.30 vs PARIS 6 + 6.60 = 12.60 vs LYON 2 + ORLEANS 1 = 5.357495 + "
  "8.10), the 2 NEVER are unallocated for no_stock, status partial. An order for NEVER alone allocates "
  "nothing: status unallocated — with reason no_capable_location today, although three capable locations "
  "exist (DC-LYON, DC-ORLEANS ship, PARIS-01 ships from store) and simply hold no NEVER: the reason should be "
  "no_stock, as for the same SKU in the first order. (The core only counts locations holding stock when it "
  "decides that no location is capable.)",
  NET, [STOCK,
        alloc(order("SO-7", [("A", 3), ("NEVER", 2)]), "cheapest"),
        alloc(order("SO-8", [("NEVER", 1)]), "cheapest")])
w("backorder_excluded",
  "Category exclusion leaves units unallocated. PARIS-01 refuses the category `bulky` (exclusions.categories). "
  "SOFA: PARIS-01 4 (3 sellable over its buffer), DC-LYON 1. 3 SOFA (line category bulky): PARIS-01 cannot take "
  "the line (dropped excluded_category): DC-LYON ships 1, 2 are unallocated for excluded (the stock exists, but "
  "at a location refusing them). The same SKU without a category is not refused: 3 from PARIS-01 (closest).",
  net(paris=PARIS01(exclusions={"categories": ["bulky"]})),
  [{"op": "apply", "events": [ev(1, type="receive", location="PARIS-01", sku="SOFA", quantity=4),
                              ev(2, type="receive", location="DC-LYON", sku="SOFA", quantity=1)]},
   alloc(order("SO-9", [("SOFA", 3, {"category": "bulky"})]), "closest"),
   alloc(order("SO-10", [("SOFA", 3)]), "closest")])
w("backorder_capacity",
  "DC-ORLEANS can prepare 5 units a day (capacity.units_per_day 5). 14 A under priority: DC-LYON 2, PARIS-01 3, "
  "DC-ORLEANS 5 (of its 10): 10 allocated, 4 unallocated for capacity. Committing uses ORLEANS's capacity for "
  "Friday 11-27 (1 order, 5 units); the next order for A finds no units left at DC-ORLEANS that day (dropped "
  "capacity) and LYON and PARIS emptied by SO-11's reservations: 1 A is unallocated for capacity.",
  net(orleans=ORLEANS(capacity={"units_per_day": 5})),
  [STOCK, alloc(order("SO-11", [("A", 14)]), "priority"), {"op": "commit"},
   {"op": "capacity_used", "location": "DC-ORLEANS", "date": "2026-11-27"},
   alloc(order("SO-12", [("A", 1)]), "priority")])
w("backorder_quota",
  "The web channel may take 4 A a day (pool quota, period day). 6 A: 4 allocated (DC-LYON 2 + PARIS-01 2 "
  "under priority), 2 unallocated for quota although 15 are sellable. After committing, the day's quota is "
  "used up: 1 more A is unallocated for quota, while the marketplace channel (no quota) still gets it.",
  net(quotas=[{"channel": "web", "sku": "A", "quantity": 4, "period": "day"}]),
  [STOCK, alloc(order("SO-13", [("A", 6)]), "priority"), {"op": "commit"},
   alloc(order("SO-14", [("A", 1)]), "priority"),
   alloc(order("SO-15", [("A", 1)], channel="mkp"), "priority")])
w("max_shipments",
  "At most N shipments: the rule set's max_shipments (default 3), or the order's own. 14 A under priority "
  "needs DC-LYON 2 + PARIS-01 3 + DC-ORLEANS 9. Order max_shipments 2: the best two locations by fill then "
  "rank: ORLEANS 10 + PARIS 3 = 13 (rank 30 + 6 = 36) beats ORLEANS 10 + LYON 2 = 12: 1 unallocated for "
  "shipment_limit. Rule set max_shipments 1: DC-ORLEANS's 10 alone, 4 unallocated for shipment_limit. An order's "
  "max_shipments above the rule set's wins (3 over the rules' 1: all 14).",
  NET, [STOCK,
        alloc(order("SO-16", [("A", 14)], max_shipments=2), "priority"),
        alloc(order("SO-16", [("A", 14)]), {"name": "one-parcel", "preset": "priority", "max_shipments": 1}),
        alloc(order("SO-16", [("A", 14)], max_shipments=3),
              {"name": "one-parcel", "preset": "priority", "max_shipments": 1})])
w("no_capable_location",
  "MUG is held only by PARIS-02, a pickup-only store (no ship, no ship_from_store) of the pool: a delivery "
  "of 1 MUG has no capable location: dropped not_capable, unallocated for no_capable_location. A "
  "click-and-collect of the same MUG at PARIS-02 is served by the store itself.",
  net(extra=[{"id": "PARIS-02", "kind": "store", "capabilities": ["pickup"], "priority": 4, "zone": "75"}],
      members_extra=[{"location": "PARIS-02"}]),
  [{"op": "apply", "events": [ev(1, type="receive", location="PARIS-02", sku="MUG", quantity=3)]},
   alloc(order("SO-17", [("MUG", 1)]), "balanced"),
   alloc({"id": "CC-1", "channel": "cc", "pickup": "PARIS-02", "lines": [{"id": "1", "sku": "MUG", "quantity": 1}]},
         "balanced")])
w("no_route",
  "A destination in zone 13 without a position. cheapest weighs shipping money: DC-LYON's distance rate needs "
  "the distance (dropped no_distance), PARIS-01 and DC-ORLEANS have no rate for zone 13 (no_rate): nothing "
  "allocated, reason no_route. priority does not weigh shipping: rates do not matter, but no service transit "
  "exists from any location to zone 13 (no zone entry, no distance for the bands): every location dropped "
  "no_route, unallocated for no_route. closest weighs distance, unknown without a position, but the route is "
  "checked first: no_route again.",
  NET, [STOCK,
        alloc(order("SO-18", [("A", 1)], destination={"zone": "13"}), "cheapest"),
        alloc(order("SO-18", [("A", 1)], destination={"zone": "13"}), "priority"),
        alloc(order("SO-18", [("A", 1)], destination={"zone": "13"}), "closest")])

# ---------------------------------------------------------------- capacity across orders
w("capacity_across_orders",
  "DC-LYON can ship 2 orders a day (capacity.orders_per_day 2). Four orders of 1 B each, cheapest: DC-LYON "
  "costs 4.957495 + 0.20 = 5.157495, DC-ORLEANS 6 + 2.10 = 8.10, PARIS-01 6 + 2.20 = 8.20. Orders are served "
  "by priority class (lower first), then promised date (none last), then id, whatever the input order: "
  "SO-D (class 0, 11-30), SO-B (0, 12-01), SO-A (0, none), SO-C (class 1, 11-30). SO-D and SO-B take DC-LYON's "
  "two slots (SO-D's shipment shows late_days 1: promised 11-30, delivered 12-01; cheapest does not weigh "
  "lateness); SO-A and SO-C find it full (dropped capacity) and ship from DC-ORLEANS. The plan lists orders in "
  "that serving order. After the commit, capacity used on Friday 11-27: DC-LYON 2 orders 2 units, DC-ORLEANS "
  "2 orders 2 units; Saturday nothing.",
  net(lyon=LYON(capacity={"orders_per_day": 2})),
  [STOCK,
   alloc([order("SO-A", [("B", 1)]), order("SO-B", [("B", 1)], promised="2026-12-01"),
          order("SO-C", [("B", 1)], promised="2026-11-30", priority=1),
          order("SO-D", [("B", 1)], promised="2026-11-30")], "cheapest"),
   {"op": "commit"},
   {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
   {"op": "capacity_used", "location": "DC-ORLEANS", "date": "2026-11-27"},
   {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-28"},
   {"op": "open_orders"}])

# ---------------------------------------------------------------- click and collect
CC_LANES = [{"from": "DC-ORLEANS", "to": "PARIS-02", "days": 1, "base": "2.00", "per_unit": "0.10"},
            {"from": "DC-LYON", "to": "PARIS-02", "days": 2, "base": "1.00", "per_unit": "0.05"}]
P02 = {"id": "PARIS-02", "kind": "store", "capabilities": ["pickup"], "priority": 4, "zone": "75",
       "working_days": ["mon", "tue", "wed", "thu", "fri", "sat"]}
w("click_and_collect_at_store",
  "Pickup at PARIS-01, which holds the stock: the store itself hands the order over, no shipping cost, ready "
  "the day it is accepted (Friday 11-27; no transit). Its handling still counts: 3.00 + 2 × 2.00 = 7.00 "
  "(cheapest). The DCs have no lane to PARIS-01: they are not capable (dropped not_capable). 4 A exceed the "
  "store's 3 sellable (buffer 1): 3 ready, 1 unallocated for no_stock (the only capable location lacks it).",
  NET, [STOCK,
        alloc({"id": "CC-2", "channel": "cc", "pickup": "PARIS-01", "lines": [{"id": "1", "sku": "A", "quantity": 2}]},
              "cheapest"),
        alloc({"id": "CC-3", "channel": "cc", "pickup": "PARIS-01", "lines": [{"id": "1", "sku": "A", "quantity": 4}]},
              "cheapest")])
w("click_and_collect_via_lane",
  "Pickup at PARIS-02 (pickup only, no stock, open Monday to Saturday), fed by lanes: DC-ORLEANS 1 day (2.00 "
  "per transfer + 0.10 per unit), DC-LYON 2 days (1.00 + 0.05 per unit). 2 A, cheapest: DC-LYON 1.00 + 0.10 "
  "shipping + 1.00 + 0.20 handling = 2.30 beats DC-ORLEANS 2.20 + 1.20 = 3.40; DC-LYON ships Friday, 2 working "
  "days of the store (Saturday, then Monday): ready Monday 11-30. Promised Saturday 11-28 under balanced: "
  "DC-LYON is 2 days late (+ 10), DC-ORLEANS arrives Saturday on time: 3.40 + rank 0.06 = 3.46 against 2.30 + "
  "10 + 0.02: DC-ORLEANS. PARIS-01 has no lane to PARIS-02: not_capable.",
  net(extra=[P02], members_extra=[{"location": "PARIS-02"}], lanes=CC_LANES),
  [STOCK,
   alloc({"id": "CC-4", "channel": "cc", "pickup": "PARIS-02", "lines": [{"id": "1", "sku": "A", "quantity": 2}]},
         "cheapest"),
   alloc({"id": "CC-5", "channel": "cc", "pickup": "PARIS-02", "promised": "2026-11-28",
          "lines": [{"id": "1", "sku": "A", "quantity": 2}]}, "balanced"),
   {"op": "commit"},
   {"op": "open_orders"}])
w("ship_from_store_buffer",
  "PARIS-01 ships from store but keeps 1 unit of each SKU for walk-in customers (pool member buffer 1): of its "
  "4 A the web pool sees 3. 4 A under closest: 3 from PARIS-01 (1.157 km), the 4th from the next nearest, "
  "DC-ORLEANS (110.976 km): score 3 × 1.157 + 110.976 = 114.447. After committing, PARIS-01 still holds 4 A on "
  "hand (3 reserved) and the pool sees none there.",
  NET, [STOCK, {"op": "atp_by_location", "sku": "A", "pool": "online"},
        alloc(order("SO-19", [("A", 4)]), "closest"), {"op": "commit"},
        {"op": "atp_by_location", "sku": "A", "pool": "online"},
        {"op": "position", "location": "PARIS-01", "sku": "A"}])

# ---------------------------------------------------------------- exclusions
w("exclusion_channel",
  "PARIS-01 does not serve the marketplace (exclusions.channels [mkp]). 1 A via mkp under closest: PARIS-01 "
  "dropped excluded_channel, DC-ORLEANS (110.976 km) ships it. The same order via web: PARIS-01 (1.157 km).",
  net(paris=PARIS01(exclusions={"channels": ["mkp"]})),
  [STOCK, alloc(order("SO-20", [("A", 1)], channel="mkp"), "closest"),
   alloc(order("SO-20", [("A", 1)]), "closest")])
w("exclusion_category",
  "PARIS-01 does not ship the category bulky. 1 A and 1 SOFA (category bulky), closest: the A comes from "
  "PARIS-01, the SOFA from DC-ORLEANS, which holds both — two shipments (km score 1.157 + 110.976). "
  "A location refusing only some lines stays a candidate for the others.",
  net(paris=PARIS01(exclusions={"categories": ["bulky"]})),
  [STOCK, {"op": "apply", "events": [ev(11, type="receive", location="PARIS-01", sku="SOFA", quantity=4),
                                     ev(12, type="receive", location="DC-ORLEANS", sku="SOFA", quantity=2)]},
   alloc(order("SO-21", [("A", 1), ("SOFA", 1, {"category": "bulky"})]), "closest")])
w("exclusion_max_units",
  "DC-ORLEANS refuses orders of more than 4 units (exclusions.max_units 4). 6 A, fewest_shipments: ORLEANS is "
  "dropped (order_too_large), and PARIS-01 (3 sellable) and DC-LYON (2) together ship 5: 1 unit is unallocated "
  "(excluded: the stock is at a location that refuses the order). 3 A fit ORLEANS's limit: one parcel; "
  "ORLEANS 12.30 vs PARIS 12.60.",
  net(orleans=ORLEANS(exclusions={"max_units": 4})),
  [STOCK, alloc(order("SO-22", [("A", 6)]), "fewest_shipments"),
   alloc(order("SO-23", [("A", 3)]), "fewest_shipments")])

# ---------------------------------------------------------------- dates and rates
w("lateness_late_day",
  "2 B to Paris. DC-LYON ships Friday with 2 days of transit (zone 69 → 75): Tuesday 12-01; DC-ORLEANS 1 day: "
  "Monday 11-30. balanced, no promised date: DC-LYON 4.157495 + 1.20 + rank 0.02 = 5.377495 beats DC-ORLEANS "
  "9.00 + 1.20 + 0.06 = 10.26. Promised Monday 11-30: DC-LYON is 1 day late (late_day 5): 10.377495 > 10.26: "
  "DC-ORLEANS. With late_day 1: 6.377495: DC-LYON again, its shipment showing late_days 1.",
  NET, [STOCK, alloc(order("SO-24", [("B", 2)]), "balanced"),
        alloc(order("SO-24", [("B", 2)], promised="2026-11-30"), "balanced"),
        alloc(order("SO-24", [("B", 2)], promised="2026-11-30"),
              {"name": "late-is-cheap", "preset": "balanced", "weights": {"late_day": "1"}})])
RATES_NET = {
    "locations": [
        {"id": "DC-LYON", "kind": "warehouse", "capabilities": ["ship"], "zone": "69",
         "position": {"lat": 45.764, "lon": 4.8357},
         "shipping": {"standard": {"distance": {"base": "2.00", "per_unit": "0.10", "per_km": "0.005"}}}},
        {"id": "DC-ORLEANS", "kind": "warehouse", "capabilities": ["ship"], "zone": "45",
         "position": {"lat": 47.9029, "lon": 1.9093},
         "shipping": {"standard": {"zones": {"75": {"base": "4.00", "per_unit": "0.50", "days": 3}}}}},
        {"id": "DC-LILLE", "kind": "warehouse", "capabilities": ["ship"], "zone": "59",
         "position": {"lat": 50.6292, "lon": 3.0573},
         "shipping": {"standard": {"zones": {"75": {"base": "4.50", "per_unit": "0.50"}}}}}],
    "channels": [{"id": "web", "kind": "web", "pool": "online"}],
    "pools": [{"id": "online", "members": [{"location": "DC-LYON"}, {"location": "DC-ORLEANS"}, {"location": "DC-LILLE"}]}],
    "services": [{"id": "standard", "transit": {"zones": {"59": {"75": 1}},
                                                "distance_bands": [{"max_km": 300, "days": 1}, {"max_km": 1000, "days": 2}]}}]}
w("rates_distance_vs_zone",
  "Three DCs each holding 5 A, no handling costs, cheapest, 2 A to Paris (zone 75). DC-LYON has a distance "
  "rate card: 2.00 + 391.499 km × 0.005 + 2 × 0.10 = 4.157495; no zone transit from 69, so the distance bands "
  "give 2 days (391 km ≤ 1000): Tuesday 12-01. DC-ORLEANS has a zone-matrix rate for 75: 4.00 + 2 × 0.50 = "
  "5.00, whose `days` 3 overrides the bands' 1 day (110.976 km ≤ 300): Wednesday 12-02. DC-LILLE: zone rate "
  "4.50 + 1.00 = 5.50 without days, so the service's zone transit 59 → 75 (1 day): Monday 11-30. cheapest: "
  "DC-LYON, runner-up DC-ORLEANS. 15 A (all three needed, 5 each) shows each one's dates and money: DC-LYON "
  "2.00 + 1.957495 + 0.50 = 4.457495, Tuesday 12-01; DC-ORLEANS 4.00 + 2.50 = 6.50, Wednesday 12-02 (3 days); "
  "DC-LILLE 4.50 + 2.50 = 7.00, Monday 11-30; total 17.957495. An order to zone 13 at Marseille's position: "
  "DC-ORLEANS and DC-LILLE have no zone-13 rate (no_rate); DC-LYON's distance card prices any position: "
  "2.00 + 277.619 km × 0.005 + 2 × 0.10 = 3.588095, 1 day by the bands (≤ 300 km): Monday 11-30.",
  RATES_NET,
  [{"op": "apply", "events": [ev(1, type="receive", location="DC-LYON", sku="A", quantity=5),
                              ev(2, type="receive", location="DC-ORLEANS", sku="A", quantity=5),
                              ev(3, type="receive", location="DC-LILLE", sku="A", quantity=5)]},
   alloc(order("SO-25", [("A", 2)]), "cheapest"),
   alloc(order("SO-27", [("A", 15)]), "cheapest"),
   alloc(order("SO-26", [("A", 2)], destination={"zone": "13", "position": {"lat": 43.2965, "lon": 5.3698}}),
         "cheapest")])

# ---------------------------------------------------------------- commit, fulfil, release
R = lambda o, l, loc, g=1: f"{o}/{l}/{loc}/{g}"
w("commit_then_fulfil",
  "SO-1 under priority: DC-LYON 2 A + 1 B, PARIS-01 1 A. commit makes one hard reservation per shipment line, "
  "named order/line/location/generation (SO-1/1/DC-LYON/1, SO-1/2/DC-LYON/1, SO-1/1/PARIS-01/1), held at the "
  "location through the web channel, and uses capacity on the ship date (DC-LYON 1 order 3 units, PARIS-01 1 "
  "order 1 unit). The order is open. Fulfilling DC-LYON's two reservations leaves PARIS-01's; fulfilling "
  "that closes the order (open_orders empty). Shipped work keeps its capacity.",
  NET, [STOCK, alloc(SO1, "priority"), {"op": "commit"}, {"op": "open_orders"},
        {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
        {"op": "apply", "events": [ev(10, type="fulfil", reservation=R("SO-1", 1, "DC-LYON"), location="DC-LYON"),
                                   ev(11, type="fulfil", reservation=R("SO-1", 2, "DC-LYON"), location="DC-LYON")]},
        {"op": "open_orders"},
        {"op": "apply", "events": [ev(12, type="fulfil", reservation=R("SO-1", 1, "PARIS-01"), location="PARIS-01")]},
        {"op": "open_orders"},
        {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
        {"op": "capacity_used", "location": "PARIS-01", "date": "2026-11-27"},
        {"op": "position", "location": "DC-LYON", "sku": "A"}])
w("release_order_restores_atp",
  "SO-1 committed under priority takes 3 A and 1 B: ATP A 15 → 12, B 11 → 10. release_order (a cancellation) "
  "gives every reservation back: ATP A 15 and B 11 again, capacity used back to 0, the order no longer open. "
  "Releasing it again: unknown_order. After a partial fulfil, release gives back only what is still held "
  "(the shipped unit stays shipped and its capacity stays used).",
  NET, [STOCK, alloc(SO1, "priority"), {"op": "commit"},
        {"op": "atp", "sku": "A", "pool": "online"}, {"op": "atp", "sku": "B", "pool": "online"},
        {"op": "release_order", "order": "SO-1"},
        {"op": "atp", "sku": "A", "pool": "online"}, {"op": "atp", "sku": "B", "pool": "online"},
        {"op": "open_orders"}, {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
        {"op": "release_order", "order": "SO-1"},
        alloc(order("SO-2", [("B", 2)]), "priority"), {"op": "commit"},
        {"op": "apply", "events": [ev(10, type="fulfil", reservation=R("SO-2", 1, "DC-LYON"), location="DC-LYON",
                                      quantity=1)]},
        {"op": "release_order", "order": "SO-2"},
        {"op": "atp", "sku": "B", "pool": "online"},
        {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
        {"op": "open_orders"}])

# ---------------------------------------------------------------- reallocation
BASE = [STOCK, alloc(SO1, "priority"), {"op": "commit"}]
w("reallocate_after_reject",
  "SO-1 committed under priority (DC-LYON 2 A + 1 B, PARIS-01 1 A). DC-LYON rejects the order: its 3 units "
  "move; DC-LYON is excluded from SO-1 from now on (dropped rejected). Still priority (the order's own rules): "
  "PARIS-01 (rank 2) has 2 A and 1 B sellable besides what SO-1 holds there (4 − 1 reserved − buffer 1; 2 − "
  "buffer 1): all 3 units go to PARIS-01, which already ships SO-1 on Friday — the same shipment (kept), so no "
  "new shipment and no per-shipment cost. The plan's `replaces` releases SO-1/1/DC-LYON/1 (2) and "
  "SO-1/2/DC-LYON/1 (1); the new reservations are generation 2. After the commit SO-1 is one shipment from "
  "PARIS-01 (3 reservations), DC-LYON's capacity is given back, PARIS-01's is 1 order 4 units.",
  NET, BASE + [
      {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "DC-LYON"}, "now": NOW},
      {"op": "commit"}, {"op": "open_orders"},
      {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
      {"op": "capacity_used", "location": "PARIS-01", "date": "2026-11-27"},
      {"op": "atp_by_location", "sku": "A", "pool": "online"}])
w("reallocate_after_short_pick",
  "A short pick moves the missing units but does not change the count: until the host posts a count or an adjust (the README says so), the units are sellable again at the location (last step). SO-1 committed under priority (DC-LYON 2 A + 1 B, PARIS-01 1 A). DC-LYON finds only 1 of the 2 A: a "
  "short_pick of 1 on line 1. Only the missing unit moves; DC-LYON is excluded for line 1 only (it keeps line "
  "1's other unit and line 2). The unit goes to PARIS-01 (next rank, already shipping SO-1: kept, no new "
  "shipment): SO-1/1/PARIS-01/2. After the commit DC-LYON's reservation holds 1 and capacity 2 units. "
  "But the unit DC-LYON could not find is released back to DC-LYON's sellable stock: atp_by_location shows "
  "DC-LYON on hand 2, reserved 1, ATP 1, so the next order can be allocated a unit that is not there. A short "
  "pick should take the missing units out of what DC-LYON can sell (or the API should say the caller must "
  "post a count/adjust with it).",
  NET, BASE + [
      {"op": "reallocate", "order": "SO-1", "event": {"type": "short_pick", "location": "DC-LYON", "line": "1",
                                                      "quantity": 1}, "now": NOW},
      {"op": "commit"}, {"op": "open_orders"},
      {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
      {"op": "atp_by_location", "sku": "A", "pool": "online"}])
w("reallocate_after_offline",
  "SO-1 committed under priority (DC-LYON 2 A + 1 B, PARIS-01 1 A). PARIS-01 goes offline: its 1 A moves. "
  "DC-LYON, the best rank, has no A left (SO-1 holds both): DC-ORLEANS ships it, a new shipment (Monday 11-30). "
  "After the commit SO-1 ships from DC-LYON and DC-ORLEANS and excludes PARIS-01; PARIS-01's capacity "
  "is given back.",
  NET, BASE + [
      {"op": "reallocate", "order": "SO-1", "event": {"type": "offline", "location": "PARIS-01"}, "now": NOW},
      {"op": "commit"}, {"op": "open_orders"},
      {"op": "capacity_used", "location": "PARIS-01", "date": "2026-11-27"}])
w("reallocate_offline_many",
  "Three orders committed under fewest_shipments all ship from DC-ORLEANS, the only location holding 4 A and the "
  "cheapest single parcel for 3 A (12.30 vs PARIS-01 12.60): SO-31 4 A (class 1), SO-32 3 A (promised 12-01), "
  "SO-33 3 A (promised 11-30) — ORLEANS's 10 A all held. DC-ORLEANS goes offline: reallocate_offline plans "
  "every open order it holds, served by class, then promised date, then id: SO-33, SO-32, SO-31, each seeing "
  "what the ones before took. Left elsewhere: DC-LYON 2, PARIS-01 3. SO-33: PARIS-01's 3 in one parcel. SO-32: "
  "DC-LYON's 2, 1 unallocated (partial). SO-31: nothing left: unallocated. Committing the plan moves "
  "SO-33 and SO-32, releases SO-31 (which closes: nothing held; the plan is the only record of its backorder), "
  "and frees ORLEANS's capacity. The units short are reported as excluded: what is left of A is at DC-ORLEANS, "
  "which these orders may no longer use. Offline excludes DC-ORLEANS from these orders only: its 10 A are "
  "sellable again (ATP 10) until the location is disabled. A second reallocate_offline finds nothing to move: "
  "an empty plan.",
  NET, [STOCK,
        alloc([order("SO-31", [("A", 4)], priority=1), order("SO-32", [("A", 3)], promised="2026-12-01"),
               order("SO-33", [("A", 3)], promised="2026-11-30")], "fewest_shipments"),
        {"op": "commit"},
        {"op": "reallocate_offline", "location": "DC-ORLEANS", "now": NOW},
        {"op": "commit"}, {"op": "open_orders"},
        {"op": "capacity_used", "location": "DC-ORLEANS", "date": "2026-11-27"},
        {"op": "atp", "sku": "A", "pool": "online"},
        {"op": "reallocate_offline", "location": "DC-ORLEANS", "now": NOW}])

# ---------------------------------------------------------------- commit errors
COST0 = {"shipping": "0", "handling": "0", "extra_shipments": 0, "late_days": 0, "rank_units": 0,
         "km_units": "0", "score": "0"}
# A plan written by hand (as a client could send one): SO-3, 1 B from DC-LYON.
HAND_PLAN = {"rules": {"name": "cheapest", "preset": "cheapest", "weights": {}, "split_lines": True,
                                      "max_shipments": 3},
             "now": NOW,
             "orders": [{"order": order("SO-3", [("B", 1)]), "status": "allocated",
                         "shipments": [{"location": "DC-LYON", "ships": "2026-11-27", "date": "2026-12-01",
                                        "lines": [{"line": "1", "sku": "B", "quantity": 1,
                                                   "reservation": "SO-3/1/DC-LYON/1"}],
                                        "cost": COST0}],
                         "unallocated": [], "cost": COST0,
                         "explanation": {"method": "exact", "considered": 1, "dropped": [],
                                         "summary": "written by hand"}}]}
w("stale_plan",
  "A plan only proposes; commit checks again, all or nothing. DC-LYON ships 1 order a day here "
  "(capacity.orders_per_day 1). 1) SO-1 planned under priority (DC-LYON 2 A + 1 B, PARIS-01 1 A); then a "
  "walk-in hard reservation takes 1 A at DC-LYON: committing the plan is refused with stale_plan (the stock "
  "moved), and nothing changes: no open order, ATP A 14 (15 less the walk-in), no capacity used. 2) SO-2 "
  "(1 B) planned under cheapest: DC-LYON (5.157495 against 8.10 and 8.20). Before it is committed, a plan "
  "for SO-3 (1 B at DC-LYON, written by hand as a client could send it) is committed and takes DC-LYON's "
  "only order slot of the day (capacity_used 1 order 1 unit). Committing SO-2's plan: stale_plan (no "
  "capacity left). SO-3 alone is open.",
  net(lyon=LYON(capacity={"orders_per_day": 1})),
  [STOCK, alloc(SO1, "priority"),
   {"op": "apply", "events": [ev(10, type="reserve", reservation="walk-in", sku="A", quantity=1, location="DC-LYON",
                                 pool="online", kind="hard")]},
   {"op": "commit"}, {"op": "open_orders"}, {"op": "atp", "sku": "A", "pool": "online"},
   {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
   alloc(order("SO-2", [("B", 1)]), "cheapest"),
   {"op": "commit", "plan": HAND_PLAN},
   {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
   {"op": "commit"}, {"op": "open_orders"}])
w("stale_reallocation",
  "A reallocation plan is made against the order's generation. SO-1 committed (generation 1, priority: DC-LYON "
  "2 A + 1 B, PARIS-01 1 A); DC-LYON rejects it; the plan (replacing generation 1) is committed: generation 2. "
  "Committing the same plan again: stale_plan (the order changed since). A reallocation planned, then the "
  "order released (cancelled) before the commit: committing it is unknown_order (the order is no longer open).",
  NET, BASE + [
      {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "DC-LYON"}, "now": NOW},
      {"op": "commit"}, {"op": "commit"},
      {"op": "reallocate", "order": "SO-1", "event": {"type": "offline", "location": "PARIS-01"}, "now": NOW},
      {"op": "release_order", "order": "SO-1"},
      {"op": "commit"}, {"op": "open_orders"}])

w("commit_twice",
  "Committing the same plan twice: the second commit is duplicate_id (the order is already committed: "
  "reallocate or release it) and changes nothing (ATP A stays 12). Allocating an order id that is already "
  "open is duplicate_id too, as are two orders with one id in one call.",
  NET, [STOCK, alloc(SO1, "priority"), {"op": "commit"}, {"op": "commit"},
        {"op": "atp", "sku": "A", "pool": "online"},
        alloc(SO1, "priority"),
        alloc([order("SO-2", [("A", 1)]), order("SO-2", [("B", 1)])], "priority")])
w("reallocate_errors",
  "Reallocation errors: reallocate of an order that is not open (SO-9): unknown_order; reallocate_offline of "
  "an unknown location: unknown_location; a reject at an unknown location: unknown_location; a reject at a "
  "location holding nothing of the order (DC-ORLEANS): invalid_input; a short pick of an unknown line: "
  "invalid_input; a short pick of 3 where 2 are held: invalid_quantity; of 0: invalid_quantity; an unknown "
  "event type: invalid_input. reallocate_offline of a location no open order uses: an empty plan. "
  "release_order of an unknown order: unknown_order.",
  NET, BASE + [
      {"op": "reallocate", "order": "SO-9", "event": {"type": "reject", "location": "DC-LYON"}, "now": NOW},
      {"op": "reallocate_offline", "location": "DC-NOWHERE", "now": NOW},
      {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "DC-NOWHERE"}, "now": NOW},
      {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "DC-ORLEANS"}, "now": NOW},
      {"op": "reallocate", "order": "SO-1", "event": {"type": "short_pick", "location": "DC-LYON", "line": "9",
                                                      "quantity": 1}, "now": NOW},
      {"op": "reallocate", "order": "SO-1", "event": {"type": "short_pick", "location": "DC-LYON", "line": "1",
                                                      "quantity": 3}, "now": NOW},
      {"op": "reallocate", "order": "SO-1", "event": {"type": "short_pick", "location": "DC-LYON", "line": "1",
                                                      "quantity": 0}, "now": NOW},
      {"op": "reallocate", "order": "SO-1", "event": {"type": "explode", "location": "DC-LYON"}, "now": NOW},
      {"op": "reallocate_offline", "location": "DC-ORLEANS", "now": NOW},
      {"op": "release_order", "order": "SO-9"}])

# ---------------------------------------------------------------- input errors
P03 = {"id": "PARIS-03", "kind": "store", "capabilities": ["pickup"], "zone": "75", "enabled": False}
ERR_NET = net(extra=[P03], members_extra=[{"location": "PARIS-03"}])
CC = lambda **k: dict({"id": "CC-9", "channel": "cc", "lines": [{"id": "1", "sku": "A", "quantity": 1}]}, **k)
w("bad_orders",
  "Orders are checked before anything is planned, and one bad order fails the whole call: unknown channel "
  "(unknown_channel), unknown service (unknown_service), a pickup at an unknown location (unknown_location), "
  "quantity 0 and −1 (invalid_quantity), two lines with id 1 (duplicate_id), no lines (invalid_input), both "
  "destination and pickup (invalid_input), neither (invalid_input), a delivery without a service "
  "(invalid_input), a pickup at DC-LYON which does not offer pickup (invalid_input), a pickup at the disabled "
  "store PARIS-03 (location_disabled), max_shipments 0 (invalid_input), an unknown order field "
  "(invalid_input), a good order followed by a bad one (unknown_channel: nothing is planned).",
  ERR_NET, [STOCK,
            alloc(order("E-1", [("A", 1)], channel="shop"), "balanced"),
            alloc(order("E-2", [("A", 1)], service="drone"), "balanced"),
            alloc(CC(pickup="PARIS-99"), "balanced"),
            alloc(order("E-4", [("A", 0)]), "balanced"),
            alloc(order("E-5", [("A", -1)]), "balanced"),
            alloc(dict(order("E-6", [("A", 1), ("B", 1)]), lines=[{"id": "1", "sku": "A", "quantity": 1},
                                                                  {"id": "1", "sku": "B", "quantity": 1}]), "balanced"),
            alloc(order("E-7", []), "balanced"),
            alloc(order("E-8", [("A", 1)], pickup="PARIS-01"), "balanced"),
            alloc({"id": "E-9", "channel": "web", "lines": [{"id": "1", "sku": "A", "quantity": 1}]}, "balanced"),
            alloc({"id": "E-10", "channel": "web", "destination": DEST,
                   "lines": [{"id": "1", "sku": "A", "quantity": 1}]}, "balanced"),
            alloc(CC(pickup="DC-LYON"), "balanced"),
            alloc(CC(pickup="PARIS-03"), "balanced"),
            alloc(order("E-13", [("A", 1)], max_shipments=0), "balanced"),
            alloc(order("E-14", [("A", 1)], gift_wrap=True), "balanced"),
            alloc([order("E-15", [("A", 1)]), order("E-16", [("A", 1)], channel="shop")], "balanced")])
w("bad_rules",
  "Rule sets are checked: an unknown preset name (`nearest`): invalid_input; an unknown field (`wieghts`): "
  "invalid_input; an unknown weight (`speed`): invalid_input; a negative weight (split −1): invalid_input; a "
  "weight above 10⁹: invalid_input; an empty name: invalid_input; max_shipments 0: invalid_input; an unknown "
  "preset inside an object: invalid_input. A weight of 0 and a weight given as a number are accepted.",
  NET, [STOCK,
        alloc(SO1, "nearest"),
        alloc(SO1, {"name": "x", "wieghts": {}}),
        alloc(SO1, {"name": "x", "weights": {"speed": "1"}}),
        alloc(SO1, {"name": "x", "weights": {"split": "-1"}}),
        alloc(SO1, {"name": "x", "weights": {"split": "1000000001"}}),
        alloc(SO1, {"name": " "}),
        alloc(SO1, {"name": "x", "max_shipments": 0}),
        alloc(SO1, {"name": "x", "preset": "nearest"}),
        alloc(SO1, {"name": "x", "preset": "cheapest", "weights": {"split": "0", "late_day": 2}})])

# ---------------------------------------------------------------- network errors
L1 = lambda **k: dict({"id": "DC1", "kind": "warehouse", "capabilities": ["ship"]}, **k)
SVC = [{"id": "standard", "transit": {"zones": {"A": {"A": 1}}}}]
CH = [{"id": "web", "kind": "web", "pool": "online"}]
POOL = [{"id": "online", "members": [{"location": "DC1"}]}]


def bad(name, desc, loc, steps=None, **extra):
    n = {"locations": [loc], "channels": CH, "pools": POOL, "services": SVC}
    n.update(extra)
    w(name, desc, n, steps)


bad("network_negative_handling", "A negative handling cost (per_order −1.00) is invalid_network naming "
    "handling.per_order.", L1(handling={"per_order": "-1.00"}))
bad("network_shipping_unknown_service", "A shipping rate for a service the network does not declare "
    "(`express`): unknown_service naming shipping.express.",
    L1(shipping={"express": {"zones": {"A": {"base": "5"}}}}))
bad("network_exclusion_unknown_channel", "An exclusion of a channel the network does not have (`tiktok`): "
    "unknown_channel naming exclusions.channels[0].", L1(exclusions={"channels": ["tiktok"]}))
bad("network_max_units_zero", "exclusions.max_units 0 (a location refusing every order should be disabled "
    "instead): invalid_quantity naming exclusions.max_units.", L1(exclusions={"max_units": 0}))
bad("network_negative_capacity", "A negative capacity (units_per_day −5): invalid_quantity naming "
    "capacity.units_per_day.", L1(capacity={"units_per_day": -5}))
bad("network_negative_rate", "A negative shipping rate (zone A per_unit −0.50): invalid_network naming "
    "shipping.standard.zones.A.per_unit.", L1(shipping={"standard": {"zones": {"A": {"per_unit": "-0.50"}}}}))
w("network_negative_lane_cost", "A lane with a negative per-unit cost: invalid_network naming the lane.",
  {"locations": [L1(), {"id": "S1", "kind": "store", "capabilities": ["pickup"]}],
   "lanes": [{"from": "DC1", "to": "S1", "days": 1, "per_unit": "-0.10"}]})
bad("network_sourcing_fields_accepted",
    "A location with every sourcing field (capacity, handling, a distance and a zone-matrix shipping rate, "
    "exclusions) and a lane with costs: valid; nothing used yet (capacity_used 0).",
    L1(zone="A", position={"lat": 48.0, "lon": 2.0}, capacity={"orders_per_day": 40, "units_per_day": 120},
       handling={"per_order": "1.20", "per_unit": "0.15"},
       shipping={"standard": {"distance": {"base": "4.90", "per_unit": "0.20", "per_km": "0.004"}},
                 "express": {"zones": {"A": {"base": "9", "per_unit": "0.5", "days": 1}}}},
       exclusions={"channels": ["web"], "categories": ["bulky"], "max_units": 10}),
    services=SVC + [{"id": "express", "transit": {"zones": {"A": {"A": 1}}}}],
    steps=[{"op": "capacity_used", "location": "DC1", "date": "2026-11-27"}])

# ---------------------------------------------------------------- snapshots
w("snapshot_with_open_orders",
  "Open orders and capacity use survive a snapshot. SO-1 (priority: DC-LYON 2 A + 1 B, PARIS-01 1 A) and SO-2 "
  "(2 B, priority: DC-LYON) committed; snapshot → restore (identical bytes); open orders and capacity as "
  "before (DC-LYON 2 orders 5 units). Then go on with the restored copy: SO-2 fulfilled (closes), DC-LYON "
  "rejects SO-1 (its 3 units go to PARIS-01, kept shipment), commit, snapshot again: SO-1 alone is open, "
  "generation 2, DC-LYON excluded, and DC-LYON's capacity shows 1 order 2 units (SO-2's shipped work).",
  NET, [STOCK, alloc(SO1, "priority"), {"op": "commit"},
        alloc(order("SO-2", [("B", 2)]), "priority"), {"op": "commit"},
        {"op": "restore_snapshot"}, {"op": "open_orders"},
        {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
        {"op": "apply", "events": [ev(10, type="fulfil", reservation=R("SO-2", 1, "DC-LYON"), location="DC-LYON")]},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "DC-LYON"}, "now": NOW},
        {"op": "commit"}, {"op": "restore_snapshot"}, {"op": "open_orders"},
        {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
        {"op": "atp", "sku": "A", "pool": "online"}])



# ---------------------------------------------------------------- more
def hand_plan(oid, lines, ships):
    """A plan written by hand: `lines` of the order, `ships` = [(location, ships, date, [(line, sku, qty)])]."""
    return {"rules": {"name": "cheapest", "preset": "cheapest", "weights": {}, "split_lines": True, "max_shipments": 3},
            "now": NOW,
            "orders": [{"order": order(oid, lines), "status": "allocated",
                        "shipments": [{"location": loc, "ships": s, "date": d,
                                       "lines": [{"line": l, "sku": k, "quantity": q,
                                                  "reservation": f"{oid}/{l}/{loc}/1"} for l, k, q in ls],
                                       "cost": COST0} for loc, s, d, ls in ships],
                        "unallocated": [], "cost": COST0,
                        "explanation": {"method": "exact", "considered": 1, "dropped": [], "summary": "by hand"}}]}


w("commit_checks_plan_content",
  "Fixed after review (the expectation is the fixed behaviour). "
  "commit takes a plan as data (commit_value, what the bindings call), so a plan may come back edited. "
  "Each of these hand-written plans disagrees with its own order: SO-40 orders 1 A but its shipment holds 5; "
  "SO-41's shipment names line 9, which the order does not have; SO-42's line 1 is A but the shipment "
  "ships B under line 1. A sound commit would refuse them (invalid_input) and change nothing (ATP A 15, B 11, "
  "no open order); today all three are committed: 5 + 1 A and 1 B reserved (ATP A 9, B 10), a reservation "
  "for a line the order does not have, and open orders whose shipments contradict their lines.",
  NET, [STOCK,
        {"op": "commit", "plan": hand_plan("SO-40", [("A", 1)],
                                           [("DC-ORLEANS", "2026-11-27", "2026-11-30", [("1", "A", 5)])])},
        {"op": "commit", "plan": hand_plan("SO-41", [("A", 1)],
                                           [("DC-ORLEANS", "2026-11-27", "2026-11-30", [("9", "A", 1)])])},
        {"op": "commit", "plan": hand_plan("SO-42", [("A", 1)],
                                           [("DC-ORLEANS", "2026-11-27", "2026-11-30", [("1", "B", 1)])])},
        {"op": "atp", "sku": "A", "pool": "online"}, {"op": "atp", "sku": "B", "pool": "online"},
        {"op": "open_orders"}])
w("backorder_capacity_two_lines",
  "Fixed after review (the expectation is the fixed behaviour). "
  "DC-ORLEANS prepares at most 2 units a day (capacity.units_per_day 2) and is the only location holding C "
  "and D (3 each). 2 C + 2 D: only 2 units fit ORLEANS's capacity: 2 allocated, 2 unallocated; the reason "
  "should be capacity (the stock is there, the location cannot prepare more that day), but the core says "
  "shipment_limit: its capacity stage counts min(stock, capacity) per line group (2 + 2 = 4 ≥ 4) although "
  "the groups share one capacity of 2.",
  net(orleans=ORLEANS(capacity={"units_per_day": 2})),
  [{"op": "apply", "events": [ev(1, type="receive", location="DC-ORLEANS", sku="C", quantity=3),
                              ev(2, type="receive", location="DC-ORLEANS", sku="D", quantity=3)]},
   alloc(order("SO-43", [("C", 2), ("D", 2)]), "cheapest")])
w("reuse_order_id_after_close",
  "An order id can be used again once the order is closed. SO-1 (1 B, cheapest: DC-LYON) committed and released; "
  "SO-1 again is allocated and committed with the same reservation ids (generation 1, SO-1/1/DC-LYON/1). "
  "Fulfilled, it closes; a third SO-1 commits too. DC-LYON's capacity counts the shipped one and the open one "
  "(2 orders, 2 units); the released one gave its capacity back.",
  NET, [STOCK,
        alloc(order("SO-1", [("B", 1)]), "cheapest"), {"op": "commit"}, {"op": "release_order", "order": "SO-1"},
        alloc(order("SO-1", [("B", 1)]), "cheapest"), {"op": "commit"},
        {"op": "apply", "events": [ev(10, type="fulfil", reservation="SO-1/1/DC-LYON/1", location="DC-LYON")]},
        alloc(order("SO-1", [("B", 1)]), "cheapest"), {"op": "commit"}, {"op": "open_orders"},
        {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"}])
w("reallocate_ship_complete",
  "A ship-complete order moves whole. SO-44 (3 A + 1 B, ship complete, cheapest) ships from DC-ORLEANS alone "
  "(14.40; PARIS-01 alone 14.80). DC-ORLEANS short-picks 1 A: the whole order moves (every reservation "
  "released), and DC-ORLEANS is excluded for line 1: the only other single location holding 3 A + 1 B is "
  "PARIS-01: one shipment of 4 units there (generation 2).",
  NET, [STOCK, alloc(order("SO-44", [("A", 3), ("B", 1)], ship_complete=True), "cheapest"), {"op": "commit"},
        {"op": "reallocate", "order": "SO-44", "event": {"type": "short_pick", "location": "DC-ORLEANS", "line": "1",
                                                         "quantity": 1}, "now": NOW},
        {"op": "commit"}, {"op": "open_orders"}])
w("cutoff_moves_ship_date_and_capacity",
  "DC-LYON's cut-off is 08:00 (UTC): at 09:00 on Friday it is missed, so DC-LYON ships Saturday 11-28 (it works "
  "every day), and the carrier (Monday to Friday) takes the parcel Monday: 2 days of transit, Wednesday 12-02. "
  "Capacity counts on the ship date: after committing 1 B from DC-LYON (cheapest), DC-LYON has 1 order 1 unit "
  "used on 11-28 and nothing on 11-27. With orders_per_day 1, a second order finds Saturday full: DC-ORLEANS.",
  net(lyon=LYON(cutoff="08:00", capacity={"orders_per_day": 1})),
  [STOCK, alloc(order("SO-45", [("B", 1)]), "cheapest"), {"op": "commit"},
   {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-28"},
   {"op": "capacity_used", "location": "DC-LYON", "date": "2026-11-27"},
   alloc(order("SO-46", [("B", 1)]), "cheapest")])

w("distance_rate_transit_from_zone_matrix",
  "DC-LYON has a distance rate card, a zone (69) and a position 391.499 km from Paris. The service has a zone "
  "entry 69 → 75 of 3 days and distance bands that would give 2 (≤ 1000 km). The rate card prices the parcel "
  "(2.00 + 1.957495 + 0.10 = 4.057495) but the transit comes from the service as for any location: zone "
  "matrix first, so 3 days: Friday + 3 carrier days = Wednesday 12-02.",
  {"locations": [{k: v for k, v in LYON().items() if k != "handling"}],
   "channels": [{"id": "web", "kind": "web", "pool": "online"}],
   "pools": [{"id": "online", "members": [{"location": "DC-LYON"}]}],
   "services": [{"id": "standard", "transit": {"zones": {"69": {"75": 3}},
                                               "distance_bands": [{"max_km": 1000, "days": 2}]}}]},
  [{"op": "apply", "events": [ev(1, type="receive", location="DC-LYON", sku="A", quantity=1)]},
   alloc(order("SO-47", [("A", 1)]), "cheapest")])

if __name__ == "__main__":
    print(len(written), "vectors written to", os.path.normpath(OUT))
