"""Inputs of the sourcing vectors (testdata/golden/sourcing). Expectations: the Rust runner,
then review (UPDATE_GOLDEN=1 cargo test -p omnistock --test golden golden_vectors)."""
import copy, json, os

OUT = os.path.join(os.path.dirname(__file__), "../../testdata") + "/golden/sourcing"
os.makedirs(OUT, exist_ok=True)


def w(name, desc, network, steps=None, error=None):
    path = f"{OUT}/{name}.json"
    doc = {"description": desc, "input": {"network": network}}
    if steps is not None:
        doc["input"]["steps"] = steps
    if error is not None:
        doc["error"] = error
    elif os.path.exists(path):
        old = json.load(open(path))
        if "expected" in old:
            doc["expected"] = old["expected"]
    json.dump(doc, open(path, "w"), indent=2)
    open(path, "a").write("\n")


def ev(i, **k):
    d = {"id": f"e{i}"}
    d.update(k)
    return d


PARIS = {"zone": "75", "position": {"lat": 48.8566, "lon": 2.3522}}
MARSEILLE = {"zone": "13", "position": {"lat": 43.2965, "lon": 5.3698}}
LYON = {"zone": "69", "position": {"lat": 45.7640, "lon": 4.8357}}
NOW = "2026-11-27T09:00:00Z"  # a Friday
TODAY = "2026-11-27"

NET = {
    "locations": [
        {"id": "DC-LYON", "kind": "warehouse", "capabilities": ["ship"], "priority": 1, **LYON,
         "capacity": {"orders_per_day": 3, "units_per_day": 20},
         "handling": {"per_order": "1.20", "per_unit": "0.15"},
         "shipping": {"standard": {"distance": {"base": "4.90", "per_unit": "0.20", "per_km": "0.002"}},
                      "express": {"zones": {"75": {"base": "9.00", "per_unit": "0.50", "days": 1}}}}},
        {"id": "DC-LILLE", "kind": "warehouse", "capabilities": ["ship"], "priority": 1, "zone": "59",
         "position": {"lat": 50.6292, "lon": 3.0573},
         "handling": {"per_order": "1.00", "per_unit": "0.10"},
         "shipping": {"standard": {"zones": {"75": {"base": "5.50", "per_unit": "0.25", "days": 1},
                                             "13": {"base": "7.00", "per_unit": "0.25"},
                                             "69": {"base": "6.00", "per_unit": "0.25"}}}},
         "exclusions": {"channels": ["marketplace"]}},
        {"id": "PARIS-01", "kind": "store", "capabilities": ["ship_from_store", "pickup"], "priority": 2, **PARIS,
         "capacity": {"orders_per_day": 2, "units_per_day": 6},
         "handling": {"per_order": "2.50", "per_unit": "0.40"},
         "shipping": {"standard": {"zones": {"75": {"base": "3.90", "per_unit": "0.30", "days": 1}}}},
         "exclusions": {"categories": ["bulky"], "max_units": 5}},
        {"id": "MARS-01", "kind": "store", "capabilities": ["ship_from_store", "pickup"], "priority": 2, **MARSEILLE,
         "handling": {"per_order": "2.50", "per_unit": "0.40"},
         "shipping": {"standard": {"zones": {"13": {"base": "3.90", "per_unit": "0.30", "days": 1},
                                             "75": {"base": "6.50", "per_unit": "0.30", "days": 2}}}}},
        {"id": "PARIS-02", "kind": "store", "capabilities": ["pickup"], "priority": 3, "zone": "75"},
        {"id": "PARIS-03", "kind": "store", "capabilities": ["pickup"], "priority": 3, "zone": "75", "enabled": False},
    ],
    "channels": [{"id": "web", "kind": "web", "pool": "online"},
                 {"id": "cc", "kind": "click_and_collect", "pool": "stores"},
                 {"id": "marketplace", "kind": "marketplace", "pool": "mkt"}],
    "pools": [
        {"id": "online", "members": [{"location": "DC-LYON"}, {"location": "DC-LILLE"},
                                     {"location": "PARIS-01", "buffer": 1}, {"location": "MARS-01", "buffer": 1},
                                     {"location": "PARIS-02"}]},
        {"id": "stores", "members": [{"location": "PARIS-01"}, {"location": "MARS-01"}, {"location": "PARIS-02"},
                                     {"location": "PARIS-03"}]},
        {"id": "mkt", "members": [{"location": "DC-LYON"}, {"location": "DC-LILLE"}],
         "quotas": [{"channel": "marketplace", "sku": "SHIRT", "quantity": 3, "period": "day"}]},
    ],
    "services": [
        {"id": "standard", "transit": {"zones": {"69": {"75": 2, "13": 2, "69": 1}, "59": {"75": 2, "13": 3},
                                                 "75": {"75": 1}, "13": {"13": 1, "75": 2}},
                                       "distance_bands": [{"max_km": 300, "days": 1}, {"max_km": 800, "days": 2},
                                                          {"max_km": 1500, "days": 3}]}},
        {"id": "express", "transit": {"zones": {"69": {"75": 1}}}},
    ],
    "lanes": [{"from": "PARIS-01", "to": "PARIS-02", "days": 1, "base": "1.00"},
              {"from": "MARS-01", "to": "PARIS-02", "days": 3, "base": "4.00", "per_unit": "0.10"}],
}

STOCK = [
    ev(1, type="receive", location="DC-LYON", sku="SHIRT", quantity=20),
    ev(2, type="receive", location="DC-LILLE", sku="SHIRT", quantity=10),
    ev(3, type="receive", location="PARIS-01", sku="SHIRT", quantity=4),
    ev(4, type="receive", location="MARS-01", sku="SHIRT", quantity=3),
    ev(5, type="receive", location="DC-LYON", sku="MUG", quantity=5),
    ev(6, type="receive", location="PARIS-01", sku="MUG", quantity=3),
    ev(7, type="receive", location="DC-LYON", sku="SOFA", quantity=2),
    ev(8, type="receive", location="PARIS-01", sku="SOFA", quantity=2),
    ev(9, type="receive", location="MARS-01", sku="CAP", quantity=3),
]
APPLY = {"op": "apply", "events": STOCK}


def line(i, sku, q, **k):
    d = {"id": str(i), "sku": sku, "quantity": q}
    d.update(k)
    return d


def order(oid, lines, dest=PARIS, service="standard", channel="web", **k):
    o = {"id": oid, "channel": channel, "lines": [line(i + 1, *l) if isinstance(l, tuple) else l for i, l in enumerate(lines)]}
    if dest is not None:
        o["destination"] = dest
        o["service"] = service
    o.update(k)
    return o


def alloc(orders, rules="balanced", now=NOW):
    return {"op": "allocate", "orders": orders, "rules": rules, "now": now}


FOUR = order("SO-1", [("SHIRT", 4)], promised="2026-11-30")
for preset, what in [
    ("priority", "Magento MSI's priority selection: the warehouses have rank 1, the stores 2; both warehouses have 4, so the units cost the same (rank 1 each); ties go to fewer shipments, then to location id: DC-LILLE ships all 4 (score 4 = 4 units x rank 1). The runner-up DC-LYON scores the same."),
    ("closest", "distance-based selection (Shopify's closest location): PARIS-01 is at the destination (0 km) but sells only 3 of its 4 shirts to the web pool (buffer 1); the next nearest with stock is DC-LILLE (203.509 km): PARIS-01 3 + DC-LILLE 1, score 1 x 203.509 (the runner-up, DC-LILLE alone, 4 x 203.509)."),
    ("cheapest", "lowest shipping + handling: DC-LILLE alone costs 5.50 + 4 x 0.25 + 1.00 + 4 x 0.10 = 7.90; DC-LYON 4.90 + 0.002 x 391.499 km + 4 x 0.20 + 1.20 + 4 x 0.15 = 8.282998; PARIS-01 cannot ship 4 (3 sellable) and a split pays two bases."),
    ("fewest_shipments", "one parcel if possible (1,000,000 per extra shipment), then cheapest: DC-LILLE alone (7.90)."),
    ("balanced", "the default: cost, plus 2 per extra shipment, 5 per day late, 0.01 per unit per rank: DC-LILLE delivers Monday 11-30 as promised (its zone rate says 1 day): 7.90 + 0.04 = 7.94; DC-LYON arrives Tuesday (2 days), a day late: 8.282998 + 5 + 0.04."),
]:
    w(f"preset_{preset}", f"Four shirts to Paris promised Monday 2026-11-30, under the `{preset}` preset: {what}",
      NET, [APPLY, alloc([FOUR], preset)])

w("weights_override", "The cheapest preset with rank weighted 5 per unit: the stores (rank 2) now cost 10 more per unit than the warehouses... and a custom name is echoed in the plan. Two shirts to Paris: PARIS-01 would cost 3.90 + 0.60 + 2.50 + 0.80 = 7.80 + 2 x 2 x 5 = 27.80; DC-LILLE 5.50 + 0.50 + 1.00 + 0.20 + 2 x 5 = 17.20: DC-LILLE.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2)])], {"name": "rank-heavy-v2", "preset": "cheapest", "weights": {"rank": "5"}}),
        alloc([order("SO-1", [("SHIRT", 2)])], "cheapest")])

w("split_line_across_locations", "Twenty-five shirts to Marseille, cheapest: no location has 25 (DC-LYON 20, DC-LILLE 10, MARS-01 2 over its buffer), so line 1 is split. Both warehouses cost 0.35 per unit (shipping + handling); DC-LYON's fixed cost is 4.90 + 0.002 x 277.619 km + 1.20, DC-LILLE's 7.00 + 1.00; MARS-01's 3.90 + 2.50 but 0.70 per unit for only 2 units. The two warehouses ship, DC-LYON 15 and DC-LILLE 10 (the units cost the same at both; the flow's order decides), score 6.655238 + 8.00 + 25 x 0.35 = 23.405238. Each shipment carries its part of line 1 with its own reservation id.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 25)], dest=MARSEILLE)], "cheapest")])

w("no_line_splits", "split_lines false: each line comes whole from one location. 22 shirts and 2 mugs: no location has 22 shirts; DC-LYON (20 shirts, 5 mugs) prepares at most 20 units a day, and PARIS-01 (the other mug holder) refuses orders over 5 units. The most that can ship whole is 20 units from DC-LYON: its 20 shirts; the other 2 shirts and the 2 mugs are unallocated with reason shipment_limit (split lines would ship all 24, as the second step shows). With splits allowed (second step) all 24 ship: DC-LILLE 10 shirts, DC-LYON 12 shirts and 2 mugs.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 22), ("MUG", 2)])], {"name": "whole-lines", "preset": "cheapest", "split_lines": False}),
        alloc([order("SO-1", [("SHIRT", 22), ("MUG", 2)])], "cheapest")])

w("ship_complete_met", "Ship complete: 2 shirts and 2 mugs from one location in one parcel. DC-LYON and PARIS-01 both hold both; cheapest: DC-LYON costs 4.90 + 0.002 x 391.499 km + 4 x 0.20 + 1.20 + 4 x 0.15 = 8.282998, PARIS-01 3.90 + 4 x 0.30 + 2.50 + 4 x 0.40 = 9.20 (the runner-up): DC-LYON ships everything, one shipment.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2), ("MUG", 2)], ship_complete=True)], "cheapest")])

w("ship_complete_refused", "Ship complete refused: 3 shirts and 3 caps to Marseille. Caps exist only at MARS-01, which sells 2 of its 3 to the web pool (buffer 1), and only 2 of its 3 shirts: no single location can ship everything. The order is refused and nothing is allocated; every line is listed: the caps with no_stock (not even all locations together have 3), the shirts with ship_complete.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 3), ("CAP", 3)], dest=MARSEILLE, ship_complete=True)], "cheapest")])

w("all_or_nothing_refused", "allow_partial false: 40 shirts, but the pool sells 35 (20 + 10 + 3 + 2 over buffers) and at most 3 locations ship: refused, the shortfall's reason (no_stock) kept on the line. With allow_partial (default) the same order ships 32 from three locations (DC-LILLE 10, DC-LYON 20, MARS-01 2; PARIS-01, which would add 3, refuses orders over 5 units) and backorders 8 (no_stock).",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 40)], allow_partial=False)], "cheapest"),
        alloc([order("SO-1", [("SHIRT", 40)])], "cheapest")])

w("reason_shipment_limit", "max_shipments 1 and 25 shirts: DC-LYON ships its 20; 5 are unallocated with reason shipment_limit (the stock exists at other locations).",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 25)], max_shipments=1)], "cheapest")])

w("reason_excluded_category", "Three sofas (category bulky) to Paris: PARIS-01 (2 sofas) refuses bulky lines, so only DC-LYON's 2 ship; 1 is unallocated with reason excluded, and PARIS-01 is listed as dropped (excluded_category).",
  NET, [APPLY, alloc([order("SO-1", [line(1, "SOFA", 3, category="bulky")])], "cheapest")])

w("exclusion_channel", "A marketplace order (pool mkt: DC-LYON and DC-LILLE): DC-LILLE refuses the marketplace channel (dropped excluded_channel), DC-LYON ships.",
  NET, [APPLY, alloc([order("MK-1", [("SHIRT", 2)], channel="marketplace")], "cheapest")])

w("exclusion_max_units", "PARIS-01 refuses orders of more than 5 units: an order of 6 shirts to Paris under closest skips it (order_too_large) and goes to DC-LILLE; an order of 3 shirts goes to PARIS-01.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 6)])], "closest"), alloc([order("SO-2", [("SHIRT", 3)])], "closest")])

w("reason_quota", "The marketplace may take 3 shirts a day (quota): an order of 5 gets 3 from DC-LYON and 2 are unallocated with reason quota. After the commit, the quota is used up for the day: a second order gets nothing (quota).",
  NET, [APPLY, alloc([order("MK-1", [("SHIRT", 5)], channel="marketplace")], "cheapest"), {"op": "commit"},
        alloc([order("MK-2", [("SHIRT", 1)], channel="marketplace")], "cheapest")])

KIOSK = copy.deepcopy(NET)
KIOSK["pools"].append({"id": "kiosk", "members": [{"location": "PARIS-02"}]})
KIOSK["channels"].append({"id": "kiosk", "kind": "store", "pool": "kiosk"})
w("reason_no_capable_location", "A delivery through a channel whose pool has only PARIS-02, a pickup-only store: no location can ship, the line is unallocated with reason no_capable_location.",
  KIOSK, [APPLY, alloc([order("K-1", [("SHIRT", 1)], channel="kiosk")], "cheapest")])

w("reason_no_route", "A delivery to zone 2A with no position, under priority (shipping cost not weighted): no service transit covers 2A from any zone, so every location with stock is dropped (no_route) and the line is unallocated (no_route). Under cheapest the stores without a 2A rate drop first as no_rate.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 1)], dest={"zone": "2A"})], "priority"),
        alloc([order("SO-1", [("SHIRT", 1)], dest={"zone": "2A"})], "cheapest")])

w("click_and_collect_at_store", "Click-and-collect at PARIS-01 (pool stores, no buffer there): the store hands over its own 2 shirts the same day, no shipping cost, handling 2.50 + 2 x 0.40. MARS-01 (no lane to PARIS-01) is dropped as not capable.",
  NET, [APPLY, alloc([order("CC-1", [("SHIRT", 2)], dest=None, channel="cc", pickup="PARIS-01")], "cheapest")])

w("click_and_collect_via_lane", "Click-and-collect at PARIS-02 (no stock): PARIS-01 sends it through the 1-day lane (base 1.00), MARS-01 through a 3-day lane (4.00 + 0.10 per unit); cheapest picks PARIS-01, ready at PARIS-02 on Saturday 11-28.",
  NET, [APPLY, alloc([order("CC-1", [("SHIRT", 1)], dest=None, channel="cc", pickup="PARIS-02")], "cheapest")])

w("ship_from_store_buffer", "Four shirts to Paris, closest: PARIS-01 holds 4 but keeps 1 back from the web pool (buffer), so it ships 3 and DC-LILLE the fourth. Its units in the click-and-collect pool (no buffer) are unaffected until the commit.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 4)])], "closest"), {"op": "commit"},
        {"op": "atp", "sku": "SHIRT", "pool": "stores"}, {"op": "atp", "sku": "SHIRT", "pool": "online"}])

w("capacity_across_orders", "Four one-shirt orders to Paris under closest compete for PARIS-01, which prepares 2 orders a day: orders are served by priority class (SO-D has priority 0, the others 1), then promised date (SO-C 11-30 before SO-A 12-01, SO-B none), then id. SO-D and SO-C get PARIS-01; SO-A and SO-B go to DC-LILLE (PARIS-01 dropped: capacity). After the commit PARIS-01 has used 2 orders and 2 units today; a click-and-collect order at PARIS-01 is then unallocated (capacity).",
  NET, [APPLY, alloc([order("SO-A", [("SHIRT", 1)], priority=1, promised="2026-12-01"),
                      order("SO-B", [("SHIRT", 1)], priority=1),
                      order("SO-C", [("SHIRT", 1)], priority=1, promised="2026-11-30"),
                      order("SO-D", [("SHIRT", 1)], priority=0)], "closest"),
        {"op": "commit"}, {"op": "capacity_used", "location": "PARIS-01", "date": TODAY},
        {"op": "capacity_used", "location": "DC-LILLE", "date": TODAY},
        alloc([order("CC-1", [("SHIRT", 1)], dest=None, channel="cc", pickup="PARIS-01")], "cheapest")])

w("scarcity_by_priority_and_date", "Three caps exist (MARS-01, 2 sellable to the web pool over its buffer of 1); three orders of one cap each: the priority-0 order (SO-1) and, among priority 1, the earliest promised (SO-2) get them; SO-3 is unallocated (no_stock: the stock the others took is gone for it).",
  NET, [APPLY, alloc([order("SO-3", [("CAP", 1)], dest=MARSEILLE, priority=1, promised="2026-12-02"),
                      order("SO-2", [("CAP", 1)], dest=MARSEILLE, priority=1, promised="2026-11-30"),
                      order("SO-1", [("CAP", 1)], dest=MARSEILLE, priority=0)], "cheapest")])

w("lateness", "Promised Monday 11-30, two shirts to Paris. Shipping Friday: PARIS-01 and DC-LILLE (its zone rate says 1 day) deliver Monday, DC-LYON (2 days) Tuesday 12-01, a day late. Balanced: DC-LILLE 5.50 + 0.50 + 1.00 + 0.20 + rank 0.02 = 7.22; PARIS-01 7.80 + 0.04 = 7.84 (runner-up); DC-LYON 7.582998 + 0.02 + 5 for the late day = 12.602998. With late_day 0 (second step) DC-LYON becomes the runner-up at 7.602998.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2)], promised="2026-11-30")], "balanced"),
        alloc([order("SO-1", [("SHIRT", 2)], promised="2026-11-30")], {"name": "no-late", "preset": "balanced", "weights": {"late_day": "0"}})])

w("distance_rate_vs_zone_rate", "To Lyon (zone 69, with position): DC-LYON's distance rate card costs 4.90 + 0.002 x 0 km + 0.20 per unit, DC-LILLE's zone rate 6.00 + 0.25 per unit; cheapest: DC-LYON. km_units are 0 for DC-LYON (same point).",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2)], dest=LYON)], "cheapest")])

w("zone_days_override", "DC-LILLE's zone rate to 75 says 1 day, overriding the service's 2 days from zone 59: a parcel shipped Friday arrives Monday 11-30. Express from DC-LYON: its express zone rate (9.00 + 0.50 per unit, 1 day).",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2)])], {"name": "lille", "preset": "cheapest", "weights": {"rank": "0"}}),
        alloc([order("SO-2", [("SHIRT", 2)], service="express")], "cheapest")])

w("commit_fulfil_closes", "Commit a plan (closest: PARIS-01 ships 2 shirts): one hard reservation SO-1/1/PARIS-01/1 at the store, capacity 1 order and 2 units today. Fulfilling it closes the order; the capacity stays used (the work was done).",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2)])], "closest"), {"op": "commit"}, {"op": "open_orders"},
        {"op": "atp", "sku": "SHIRT", "pool": "online"},
        {"op": "apply", "events": [ev(20, type="fulfil", reservation="SO-1/1/PARIS-01/1", quantity=1)]},
        {"op": "open_orders"},
        {"op": "apply", "events": [ev(21, type="fulfil", reservation="SO-1/1/PARIS-01/1")]},
        {"op": "open_orders"}, {"op": "capacity_used", "location": "PARIS-01", "date": TODAY}])

w("release_order_restores", "Commit two orders (closest: both from PARIS-01, 2 orders and 3 units of its day), then release SO-1: its reservations go, ATP comes back, and the capacity it used is given back; releasing it again is unknown_order.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2)]), order("SO-2", [("MUG", 1)])], "closest"), {"op": "commit"},
        {"op": "atp", "sku": "SHIRT", "pool": "online"}, {"op": "capacity_used", "location": "PARIS-01", "date": TODAY},
        {"op": "release_order", "order": "SO-1"},
        {"op": "atp", "sku": "SHIRT", "pool": "online"}, {"op": "capacity_used", "location": "PARIS-01", "date": TODAY},
        {"op": "open_orders"}, {"op": "release_order", "order": "SO-1"}])

w("reallocate_after_reject", "PARIS-01 rejects SO-1 (2 shirts): the units move to the next nearest location (DC-LILLE), PARIS-01 is excluded from the order, the plan lists the release of SO-1/1/PARIS-01/1 and generation 1. After the commit the order ships from DC-LILLE (reservation generation 2) and PARIS-01's capacity is given back.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2)])], "closest"), {"op": "commit"},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "PARIS-01"}, "now": NOW},
        {"op": "commit"}, {"op": "open_orders"}, {"op": "capacity_used", "location": "PARIS-01", "date": TODAY}])

w("reallocate_after_short_pick", "PARIS-01 finds 1 of the 3 shirts missing: only that unit moves (to DC-LILLE), the 2 others stay at PARIS-01 (listed as kept), and PARIS-01 is excluded for line 1 only. The order then ships from both.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 3)])], "closest"), {"op": "commit"},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "short_pick", "location": "PARIS-01", "line": "1", "quantity": 1}, "now": NOW},
        {"op": "commit"}, {"op": "open_orders"},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "short_pick", "location": "PARIS-01", "line": "1", "quantity": 5}, "now": NOW},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "MARS-01"}, "now": NOW}])

w("reallocate_offline_single", "An offline event for one order: everything it holds at PARIS-01 moves; an order of 2 shirts and 1 mug moves (closest): shirts to DC-LILLE and the mug to DC-LYON, the nearest holders, in two new shipments.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2), ("MUG", 1)])], "closest"), {"op": "commit"},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "offline", "location": "PARIS-01"}, "now": NOW},
        {"op": "commit"}, {"op": "open_orders"}])

w("reallocate_offline_many", "PARIS-01 goes offline with two open orders (SO-B priority 0, SO-A priority 1): one plan reallocates both in that order, each seeing what the one before took; after the commit neither holds anything at PARIS-01.",
  NET, [APPLY, alloc([order("SO-A", [("SHIRT", 1)], priority=1), order("SO-B", [("MUG", 2)], priority=0)], "closest"),
        {"op": "commit"}, {"op": "reallocate_offline", "location": "PARIS-01", "now": NOW}, {"op": "commit"},
        {"op": "open_orders"}, {"op": "reallocate_offline", "location": "PARIS-01", "now": NOW}])

w("reallocate_ship_complete_moves_whole", "A ship-complete order from PARIS-01 (2 shirts, 1 mug) rejected by the store moves whole to one other location: DC-LYON, the nearest that holds both.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2), ("MUG", 1)], ship_complete=True)], "closest"), {"op": "commit"},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "PARIS-01"}, "now": NOW}])

w("stale_plan", "A plan made, then PARIS-01 loses 2 shirts (damaged): the commit is refused whole (stale_plan) and nothing changes (ATP as before, no open order). A fresh plan commits.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 3)])], "closest"),
        {"op": "apply", "events": [ev(30, type="adjust", location="PARIS-01", sku="SHIRT", delta=-2, reason="damaged")]},
        {"op": "commit"}, {"op": "atp", "sku": "SHIRT", "pool": "online"}, {"op": "open_orders"},
        alloc([order("SO-1", [("SHIRT", 3)])], "closest"), {"op": "commit"}])

w("commit_twice_and_unknown_order", "Committing the same plan twice: the second is duplicate_id. Reallocating or releasing an order that is not open: unknown_order. Allocating an order id already committed: duplicate_id.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 1)])], "cheapest"), {"op": "commit"}, {"op": "commit"},
        {"op": "reallocate", "order": "SO-9", "event": {"type": "reject", "location": "PARIS-01"}, "now": NOW},
        {"op": "release_order", "order": "SO-9"}, alloc([order("SO-1", [("SHIRT", 1)])], "cheapest")])

w("stale_reallocation", "Two reallocation plans made from the same generation of an order: the first commits, the second is refused (stale_plan: the order changed).",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 3)])], "closest"), {"op": "commit"},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "reject", "location": "PARIS-01"}, "now": NOW},
        {"op": "reallocate", "order": "SO-1", "event": {"type": "offline", "location": "PARIS-01"}, "now": NOW},
        {"op": "commit"},
        {"op": "commit", "step": 3}])

w("order_errors", "Orders are checked before anything is computed, each error naming its field: unknown channel, unknown service, a delivery without a service, both destination and pickup, neither, a pickup at an unknown location, at a store without pickup (DC-LYON), at a disabled store (PARIS-03), no lines, quantity 0, duplicate line ids, a blank order id, max_shipments 0, a latitude out of range, two orders with one id, a quantity given as a string, an order of more than 10^9 units in all (invalid_quantity).",
  NET, [APPLY] + [alloc([o], "cheapest") for o in [
      order("E-1", [("SHIRT", 1)], channel="nope"),
      order("E-2", [("SHIRT", 1)], service="drone"),
      {"id": "E-3", "channel": "web", "destination": PARIS, "lines": [line(1, "SHIRT", 1)]},
      order("E-4", [("SHIRT", 1)], pickup="PARIS-01"),
      {"id": "E-5", "channel": "web", "lines": [line(1, "SHIRT", 1)]},
      order("E-6", [("SHIRT", 1)], dest=None, channel="cc", pickup="NOWHERE"),
      order("E-7", [("SHIRT", 1)], dest=None, pickup="DC-LYON"),
      order("E-8", [("SHIRT", 1)], dest=None, channel="cc", pickup="PARIS-03"),
      order("E-9", []),
      order("E-10", [("SHIRT", 0)]),
      order("E-11", [line(1, "SHIRT", 1), line(1, "MUG", 1)]),
      order(" ", [("SHIRT", 1)]),
      order("E-13", [("SHIRT", 1)], max_shipments=0),
      order("E-14", [("SHIRT", 1)], dest={"zone": "75", "position": {"lat": 91, "lon": 2}}),
  ]] + [alloc([order("E-15", [("SHIRT", 1)]), order("E-15", [("MUG", 1)])], "cheapest"),
        alloc([{"id": "E-16", "channel": "web", "lines": [{"id": "1", "sku": "SHIRT", "quantity": "2"}], "destination": PARIS, "service": "standard"}], "cheapest"),
        alloc([order("E-17", [("SHIRT", 600000000), ("MUG", 600000000)])], "cheapest")])

w("rules_errors", "Rule sets are data and checked: an unknown preset, an unknown field, a negative weight, a weight above 10^9, max_shipments 0, an empty name (all invalid_input naming the field); a valid custom rule set is echoed in the plan.",
  NET, [APPLY] + [alloc([order("SO-1", [("SHIRT", 1)])], r) for r in [
      "fastest", {"name": "x", "wieghts": {}}, {"name": "x", "weights": {"split": "-1"}},
      {"name": "x", "weights": {"split": "1000000001"}}, {"name": "x", "max_shipments": 0}, {"name": " "},
      {"name": "custom-1", "preset": "closest", "weights": {"shipping": "0.5"}, "max_shipments": 2}]])

BAD_HANDLING = copy.deepcopy(NET)
BAD_HANDLING["locations"][0]["handling"] = {"per_order": "-1"}
w("network_negative_handling", "A negative handling cost is refused: invalid_network.", BAD_HANDLING, error={"code": "invalid_network"})
BAD_SVC = copy.deepcopy(NET)
BAD_SVC["locations"][0]["shipping"]["drone"] = {"zones": {}}
w("network_rate_for_unknown_service", "A shipping rate for a service the network does not declare: unknown_service.", BAD_SVC, error={"code": "unknown_service"})
BAD_CH = copy.deepcopy(NET)
BAD_CH["locations"][1]["exclusions"]["channels"] = ["amazon"]
w("network_exclusion_of_unknown_channel", "An exclusion naming a channel the network does not declare: unknown_channel.", BAD_CH, error={"code": "unknown_channel"})
BAD_MAX = copy.deepcopy(NET)
BAD_MAX["locations"][2]["exclusions"]["max_units"] = 0
w("network_max_units_zero", "exclusions.max_units must be at least 1: invalid_quantity.", BAD_MAX, error={"code": "invalid_quantity"})
BAD_CAP = copy.deepcopy(NET)
BAD_CAP["locations"][0]["capacity"]["orders_per_day"] = -3
w("network_negative_capacity", "A negative capacity is refused: invalid_quantity.", BAD_CAP, error={"code": "invalid_quantity"})
BAD_LANE = copy.deepcopy(NET)
BAD_LANE["lanes"][0]["base"] = "-1"
w("network_negative_lane_cost", "A negative lane cost is refused: invalid_network.", BAD_LANE, error={"code": "invalid_network"})
BIG_RATE = copy.deepcopy(NET)
BIG_RATE["locations"][3]["shipping"]["standard"]["zones"]["13"]["per_unit"] = "1000000000.01"
w("network_rate_too_large", "Money in rates and costs is bounded (0..=10^9), so every cost and score stays exact: a per-unit rate of 1,000,000,000.01 is refused (invalid_network).", BIG_RATE, error={"code": "invalid_network"})
BAD_FIELD = copy.deepcopy(NET)
BAD_FIELD["locations"][0]["capacity"]["orders_per_week"] = 3
w("network_unknown_capacity_field", "An unknown key in a location's capacity is refused (invalid_input), never ignored.", BAD_FIELD, error={"code": "invalid_input"})

w("snapshot_with_open_orders", "Open orders and capacity use are part of the snapshot: after a commit, snapshot → restore gives the same bytes; the restored copy fulfils, reallocates and commits as the original would, and its open orders survive another round trip.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2)]), order("SO-2", [("SHIRT", 3), ("MUG", 1)])], "closest"), {"op": "commit"},
        {"op": "restore_snapshot"}, {"op": "capacity_used", "location": "PARIS-01", "date": TODAY},
        {"op": "apply", "events": [ev(40, type="fulfil", reservation="SO-1/1/PARIS-01/1", quantity=1)]},
        {"op": "reallocate", "order": "SO-2", "event": {"type": "offline", "location": "DC-LILLE"}, "now": NOW},
        {"op": "commit"}, {"op": "restore_snapshot"}, {"op": "open_orders"}])

w("heuristic_big_order", "An order of 7 lines (more than the 5 line groups the exact search covers) is sourced by the heuristic; the explanation says so. Lines of one SKU share the locations' stock.",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2), ("MUG", 1), ("SOFA", 1), ("CAP", 1), ("SHIRT", 1), ("MUG", 1), ("SHIRT", 1)], dest=MARSEILLE, max_shipments=4)], "cheapest")])

w("unknown_sku_and_same_sku_lines", "A line of a SKU never recorded is unallocated (no_stock); two lines of one SKU share the same stock (one group): 2 + 2 shirts to Marseille come together from DC-LYON, one parcel (MARS-01 sells only 2 over its buffer, and a second parcel costs more).",
  NET, [APPLY, alloc([order("SO-1", [("SHIRT", 2), ("GHOST", 1), ("SHIRT", 2)], dest=MARSEILLE)], "cheapest")])
