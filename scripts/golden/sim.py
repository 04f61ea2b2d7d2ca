"""Inputs of the simulation vectors (testdata/golden/sim). Expectations: the Rust runner,
then review (UPDATE_GOLDEN=1 cargo test -p omnistock --test golden golden_vectors). Each
description says what a person can check by hand; the fulfilment model is fixed (no random
rejection or carrier delay) unless the vector is about it."""
import json, os

OUT = os.path.join(os.path.dirname(__file__), "../../testdata") + "/golden/sim"
os.makedirs(OUT, exist_ok=True)
START = "2026-11-02T00:00:00Z"  # a Monday

# The runner builds an inventory from input.network for every vector; simulations bring their own.
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


def rate(base, unit, days):
    return {"base": base, "per_unit": unit, "days": days}


def network(store_caps=("pickup", "ship_from_store")):
    return {
        "locations": [
            {"id": "DC", "kind": "warehouse", "zone": "69", "capabilities": ["ship"], "priority": 1,
             "position": {"lat": 45.76, "lon": 4.84},
             "handling": {"per_order": "1.00", "per_unit": "0.10"},
             "shipping": {"standard": {"zones": {"69": rate("3.00", "0.10", 1), "75": rate("5.00", "0.20", 2),
                                                 "13": rate("5.00", "0.20", 2)}}}},
            {"id": "S1", "kind": "store", "zone": "75", "capabilities": list(store_caps), "priority": 2,
             "position": {"lat": 48.86, "lon": 2.35},
             "handling": {"per_order": "2.00", "per_unit": "0.20"},
             "shipping": {"standard": {"zones": {"75": rate("3.00", "0.30", 1), "69": rate("6.00", "0.30", 2),
                                                 "13": rate("6.00", "0.30", 2)}}}},
            {"id": "S2", "kind": "store", "zone": "13", "capabilities": list(store_caps), "priority": 2,
             "position": {"lat": 43.30, "lon": 5.37},
             "handling": {"per_order": "2.00", "per_unit": "0.20"},
             "shipping": {"standard": {"zones": {"13": rate("3.00", "0.30", 1), "69": rate("6.00", "0.30", 2),
                                                 "75": rate("6.00", "0.30", 2)}}}},
        ],
        "channels": [{"id": "web", "kind": "web", "pool": "online"},
                     {"id": "cc", "kind": "click_and_collect", "pool": "online"}],
        "pools": [{"id": "online", "members": [{"location": "DC"}, {"location": "S1"}, {"location": "S2"}]}],
        "lanes": [{"from": "DC", "to": "S1", "days": 2, "base": "4.00", "per_unit": "0.10"},
                  {"from": "DC", "to": "S2", "days": 2, "base": "4.00", "per_unit": "0.10"}],
        "services": [{"id": "standard", "transit": {"zones": {
            "69": {"69": 1, "75": 2, "13": 2}, "75": {"75": 1, "69": 2, "13": 2}, "13": {"13": 1, "69": 2, "75": 2}}}}],
    }


def at(day, hour=10, minute=0):
    return f"2026-11-{2 + day:02d}T{hour:02d}:{minute:02d}:00Z"


def receive(loc, sku, q, id=None):
    return {"type": "receive", "id": id or f"open-{loc}-{sku}", "location": loc, "sku": sku, "quantity": q}


def order(id, when, lines, zone="75", channel="web", **extra):
    o = {"id": id, "channel": channel, "lines": [{"id": str(i), "sku": s, "quantity": q} for i, (s, q) in enumerate(lines, 1)]}
    if "pickup" not in extra:
        o.update({"service": "standard", "destination": {"zone": zone, "position": {"lat": 48.85, "lon": 2.35}}})
    o.update(extra)
    return {"type": "order", "at": when, "order": o}


FIXED = {"pick_hours": {"warehouse": [4, 4], "store": [2, 2]}, "reject_pct": {"store": 0}, "late_pct": 0}
CATALOG = {"A": {"price": "20.00", "cost": "8.00"}, "B": {"price": "50.00", "cost": "30.00"}}


def scenario(initial, stream, days=3, fulfilment=FIXED, **extra):
    s = {"name": "vector", "network": network(), "start": START, "days": days, "seed": 1,
         "initial": initial, "stream": stream, "catalog": CATALOG, "fulfilment": fulfilment}
    s.update(extra)
    return s


def sim(scn, rule_sets=("cheapest",)):
    return {"op": "simulate", "scenario": scn, "rule_sets": list(rule_sets)}


w("one_order_on_time",
  "One web order to zone 75, placed Monday 10:00; S1 (zone 75, 1 day) and the DC hold A. Cheapest: S1 ships (3.00 + 0.30 + "
  "handling 2.00 + 0.20 = 5.50 against the DC's 5.20 + 1.10 = 6.30), picked at 12:00 (store pick 2 h), delivered Tuesday as promised. "
  "OTIF 1, fill rate 1, ship-from-store 1, revenue 20, cost of goods 8, logistics 5.50, margin 6.50.",
  [sim(scenario([receive("DC", "A", 5), receive("S1", "A", 5)], [order("SO-1", at(0), [("A", 1)])]))])

w("priority_ships_from_the_dc_closest_from_the_store",
  "The same order under `priority` (the DC ranks 1) and `closest` (distance; S1 is in Paris, like the customer): priority "
  "ships from the DC (delivered Wednesday, ship-from-store 0), closest from S1 (Tuesday, ship-from-store 1). The promise "
  "(Tuesday, from S1) is kept only by closest: OTIF 0 against 1. Closest avoids 0.80 of logistics cost (6.30 − 5.50); the "
  "comparison's deltas are against priority, the first rule set.",
  [sim(scenario([receive("DC", "A", 5), receive("S1", "A", 5)], [order("SO-1", at(0), [("A", 1)])]),
       ["priority", "closest"])])

w("store_rejects_then_dc_ships",
  "S1 is allocated (cheapest) and rejects the order at 11:00, before its pick: the order is reallocated to the DC, which "
  "ships at 15:00 (4 h pick), delivered Wednesday after a Tuesday promise (OTIF 0); one rejection, one reallocation, "
  "logistics cost the DC's only (6.30).",
  [sim(scenario([receive("DC", "A", 5), receive("S1", "A", 5)],
                [order("SO-1", at(0), [("A", 1)]), {"type": "reject", "at": at(0, 11), "order": "SO-1", "location": "S1"}]))])

w("drawn_rejection_moves_the_order",
  "reject_pct 100 for stores: every store shipment is rejected at pick and moved; the order ends up at the DC. "
  "Rejections counted: 1.",
  [sim(scenario([receive("DC", "A", 5), receive("S1", "A", 5)], [order("SO-1", at(0), [("A", 1)])],
                fulfilment={**FIXED, "reject_pct": {"store": 100}}))])

w("outage_moves_orders_and_keeps_new_ones_away",
  "SO-1 is allocated to S1 at 10:00 (pick due 12:00); S1 goes offline at 11:00 until Wednesday: SO-1 moves to the DC. "
  "SO-2, placed at 13:00 during the outage, is planned at S1 then moved at once to the DC. Both ship from the DC "
  "(15:00 and 17:00) and arrive Wednesday, a day after the promise ATP gave from S1: ship-from-store 0, OTIF 0.",
  [sim(scenario([receive("DC", "A", 5), receive("S1", "A", 5)],
                [order("SO-1", at(0), [("A", 1)]),
                 {"type": "outage", "at": at(0, 11), "location": "S1", "until": at(2, 0)},
                 order("SO-2", at(0, 13), [("A", 1)])]))])

w("customer_cancel_before_pick",
  "SO-1 is cancelled by the customer at 10:30, before its 12:00 pick: its unit is released, nothing ships; the order is "
  "closed with no demand left, so OTIF and fill rate have no served order (null); cancellation rate 1, reason customer.",
  [sim(scenario([receive("S1", "A", 5)], [order("SO-1", at(0), [("A", 1)]),
                                          {"type": "cancel", "at": at(0, 10, 30), "order": "SO-1"}]))])

w("cancel_after_shipping_changes_nothing",
  "SO-1 ships at 12:00; a cancel at 13:00 finds nothing left to cancel (counted as ignored); OTIF 1.",
  [sim(scenario([receive("S1", "A", 5)], [order("SO-1", at(0), [("A", 1)]),
                                          {"type": "cancel", "at": at(0, 13), "order": "SO-1"}]))])

w("backorder_filled_when_supply_lands",
  "No stock of A at first: SO-1 gets no promise date and is unallocated. A receipt of 3 at the DC on Tuesday 09:00; at "
  "midnight (Wednesday 00:00) backorder processing allocates it to the DC, which ships at 04:00. Backorders filled 1; "
  "fill rate 1; no promised date, so on time by definition.",
  [sim(scenario([receive("S2", "B", 1)], [order("SO-1", at(0), [("A", 2)]),
                                          {"type": "event", "at": at(1, 9), "event": receive("DC", "A", 3, "late-receipt")}]))])

w("backorder_cancelled_out_of_stock",
  "No stock of A ever: SO-1 stays unallocated; with cancel_after_days 1, the midnight a day after it was placed cancels "
  "its 2 units (out_of_stock): placed Monday 10:00, the limit is Tuesday 10:00, so Wednesday 00:00. Fill rate 0, OTIF 0, "
  "cancellation rate 1.",
  [sim(scenario([receive("S2", "B", 1)], [order("SO-1", at(0), [("A", 2)])], cancel_after_days=1))])

w("late_supplier_delays_the_promise",
  "The DC expects 4 of A from a purchase on Wednesday; the promise for SO-1 (Monday) counts on it. The supplier is late: "
  "the supply lands Friday, backorder processing allocates it at Saturday 00:00, and the delivery (the next Wednesday) "
  "misses the Friday promise (the carrier moves parcels Monday to Friday): promise kept 0, OTIF 0, fill rate 1.",
  [sim(scenario([{"type": "supply_add", "id": "po", "supply": "PO-1", "location": "DC", "sku": "A", "quantity": 4,
                  "expected": "2026-11-04"}],
                [order("SO-1", at(0), [("A", 1)]),
                 {"type": "event", "at": at(4, 9), "event": {"type": "supply_receive", "id": "po-in", "supply": "PO-1"}}],
                days=6))])

w("carrier_late",
  "late_pct 100, late_days [2, 2]: the shipment is delivered two days after its planned date, so the order is late: "
  "OTIF 0 and promise kept 0, fill rate 1.",
  [sim(scenario([receive("S1", "A", 5)], [order("SO-1", at(0), [("A", 1)])],
                fulfilment={**FIXED, "late_pct": 100, "late_days": [2, 2]}))])

w("slow_pick_slips_the_delivery",
  "A 30-hour store pick: S1 plans to ship Monday and ships Tuesday 16:00; the delivery moves by the day it slipped "
  "(Wednesday instead of Tuesday): late.",
  [sim(scenario([receive("S1", "A", 5)], [order("SO-1", at(0), [("A", 1)])],
                fulfilment={**FIXED, "pick_hours": {"store": [30, 30]}}))])

w("click_and_collect_at_the_store",
  "A click-and-collect order at S1, which holds the unit: ready when picked, 2 h after it was placed: lead time median "
  "and p90 2 h; pickups do not count in ship-from-store (null: no delivery shipped).",
  [sim(scenario([receive("S1", "A", 5)], [order("CC-1", at(0), [("A", 1)], channel="cc", pickup="S1")]))])

w("click_and_collect_by_transfer",
  "A click-and-collect order at S2, which holds nothing; the DC sends it over its 2-day lane: picked at 14:00 Monday, "
  "ready at the store 2 days later (48 h transit): lead time 52 h.",
  [sim(scenario([receive("DC", "A", 5)], [order("CC-1", at(0), [("A", 1)], channel="cc", pickup="S2")]))])

w("wave_gives_the_scarce_unit_by_priority",
  "One unit of A; SO-1 (priority 1) placed at 10:05 and SO-2 (priority 0) at 10:10. Order by order, SO-1 takes it; in "
  "hourly waves both wait for the 11:00 wave, which serves SO-2 first (priority class 0). The first run delivers SO-1, the "
  "second SO-2; the other is cancelled out of stock after a day.",
  [sim(scenario([receive("DC", "A", 1)],
                [order("SO-1", at(0, 10, 5), [("A", 1)], priority=1), order("SO-2", at(0, 10, 10), [("A", 1)], priority=0)],
                cancel_after_days=1),
       ["cheapest", {"rules": {"name": "cheapest-wave", "preset": "cheapest"}, "allocation": "wave", "wave_minutes": 60}])])

w("replenishment_transfers_to_the_store",
  "S1 holds 2 of A with a min/max policy (min 2, max 6, source DC). SO-1 takes 1 on Monday; at midnight replenishment "
  "proposes a transfer of 5 from the DC (position 1 < 2, up to 6), placed as a transfer that arrives on its date: "
  "replenishments 1.",
  [sim(scenario([receive("DC", "A", 20), receive("S1", "A", 2)], [order("SO-1", at(0), [("A", 1)])],
                replenishment={"policies": {"rules": [{"location": "S1", "sku": "A", "type": "min_max", "source": "DC",
                                                         "min": 2, "max": 6}]}, "every_days": 1}))])

w("refused_stream_event_is_counted",
  "A stream event the engine refuses (a release of an unknown reservation) is counted in events_refused, with its code "
  "in `refused`; the run goes on and SO-1 is delivered.",
  [sim(scenario([receive("S1", "A", 5)],
                [{"type": "event", "at": at(0, 9), "event": {"type": "release", "id": "x", "reservation": "nope"}},
                 order("SO-1", at(0), [("A", 1)])]))])

w("split_order_partial_then_filled",
  "SO-1 wants 3 of A; S1 holds 2, the DC none. 2 ship from S1; the third unit comes from a DC receipt on Tuesday through "
  "backorder processing at Wednesday's midnight. Two shipments; fill rate 1; ship-from-store 2/3; the order is late "
  "against its promise (Tuesday: the promise covered only 2 units, and its date is then the last promised line's): OTIF 0.",
  [sim(scenario([receive("S1", "A", 2)],
                [order("SO-1", at(0), [("A", 3)]),
                 {"type": "event", "at": at(1, 9), "event": receive("DC", "A", 1, "dc-in")}]))])

w("errors",
  "Refused: days 0 (invalid_input at scenario.days), an item after the last day (scenario.stream[0].at), an order placed "
  "twice (duplicate_id), two rule sets with one name (duplicate_id), an unknown preset (invalid_input at rule_sets[0].rules), "
  "no rule set, a reject_pct over 100 (scenario.fulfilment.reject_pct.store), an outage ending before it starts.",
  [sim(scenario([], [], days=0)),
   sim(scenario([], [order("SO-1", at(5), [("A", 1)])])),
   sim(scenario([], [order("SO-1", at(0), [("A", 1)]), order("SO-1", at(1), [("A", 1)])])),
   sim(scenario([], []), ["cheapest", "cheapest"]),
   sim(scenario([], []), ["fastest"]),
   sim(scenario([], []), []),
   sim(scenario([], [], fulfilment={"reject_pct": {"store": 101}})),
   sim(scenario([], [{"type": "outage", "at": at(1), "location": "S1", "until": at(0)}]))])

w("same_scenario_same_result",
  "The generator's tiny retailer (seed 5) under the three built-in rule sets: the expected output pins every number, so "
  "any change in the engine, the generator or the draws shows here, in all three languages.",
  [{"op": "generate", "options": {"size": "tiny", "seed": 5}},
   {"op": "simulate", "step": 0, "rule_sets": None}])
