"""Inputs of the wave and backorder vectors (testdata/golden/wave). Expectations: the Rust
runner, then review (UPDATE_GOLDEN=1 cargo test -p omnistock --test golden golden_vectors).
Each description says what a person can check by hand."""
import json, os

OUT = os.path.join(os.path.dirname(__file__), "../../testdata") + "/golden/wave"
os.makedirs(OUT, exist_ok=True)
NOW = "2026-11-27T09:00:00Z"


def w(name, desc, network, steps):
    path = f"{OUT}/{name}.json"
    doc = {"description": desc, "input": {"network": network, "steps": steps}}
    if os.path.exists(path):
        old = json.load(open(path))
        if "expected" in old:
            doc["expected"] = old["expected"]
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def loc(id, zone, rates, kind="warehouse", caps=("ship",), **extra):
    d = {"id": id, "kind": kind, "zone": zone, "capabilities": list(caps),
         "shipping": {"standard": {"zones": {z: {"base": b, "per_unit": u, "days": d}
                                             for z, (b, u, d) in rates.items()}}}}
    d.update(extra)
    return d


def net(locs, channels=(("web", "web"),), pool="online"):
    return {
        "locations": locs,
        "channels": [{"id": c, "kind": k, "pool": pool} for c, k in channels],
        "pools": [{"id": pool, "members": [{"location": l["id"]} for l in locs]}],
        "services": [{"id": "standard", "transit": {}}],
    }


def receive(*items):
    return {"op": "apply", "events": [{"type": "receive", "id": f"r{i}", "location": l, "sku": s, "quantity": q}
                                      for i, (l, s, q) in enumerate(items, 1)]}


def order(id, zone, lines, channel="web", **extra):
    d = {"id": id, "channel": channel, "service": "standard", "destination": {"zone": zone},
         "lines": [{"id": str(i), "sku": s, "quantity": q} for i, (s, q) in enumerate(lines, 1)]}
    d.update(extra)
    return d


def wave(orders, rules="cheapest"):
    return {"op": "allocate_wave", "orders": orders, "rules": rules, "now": NOW}


def per_order(orders, rules="cheapest"):
    return {"op": "allocate", "orders": orders, "rules": rules, "now": NOW}


def backorders(backlog, rules="cheapest"):
    return {"op": "process_backorders", "backlog": backlog, "rules": rules, "now": NOW}


COMMIT = {"op": "commit"}
OPEN = {"op": "open_orders"}

# Two stores, each next to one customer; the far one is expensive from one side only.
CROSS = net([
    loc("NORTH", "N", {"N": ("2", "0", 1), "S": ("9", "0", 2)}, kind="store", caps=("ship_from_store",)),
    loc("SOUTH", "S", {"N": ("3", "0", 2), "S": ("30", "0", 1)}, kind="store", caps=("ship_from_store",)),
])
two = [order("SO-1", "N", [("A", 1)]), order("SO-2", "S", [("A", 1)])]
w("wave_beats_per_order", "Two orders, two stores with one unit each. Order by order (SO-1 first), SO-1 takes "
  "NORTH (2) and SO-2 is left with SOUTH (30): 32. The wave gives SO-1 SOUTH (3) and SO-2 NORTH (9): 12, equal "
  "to its lower bound (gap 0), and every unit is allocated: proven optimal, so no per-order comparison is "
  "reported. Committing the wave reserves both units.",
  CROSS, [receive(("NORTH", "A", 1), ("SOUTH", "A", 1)), per_order(two), wave(two), COMMIT,
          {"op": "atp", "sku": "A", "pool": "online"}])

ONE = net([loc("DC", "C", {"N": ("5", "1", 2), "S": ("5", "1", 2)})],
          channels=(("web", "web"), ("mkt", "marketplace"), ("app", "web")))
w("scarcity_priority_classes", "3 units of A for 5 asked. Strict priority: VIP-1 (class 0, 2 units) first, then "
  "class 1 by promised date: STD-2 (promised 1 Dec, 1 unit) before STD-1 (promised 3 Dec, 2 units). VIP-1 gets 2, "
  "STD-2 gets 1, STD-1 nothing (reason scarcity). Orders are listed in serving order.",
  ONE, [receive(("DC", "A", 3)), wave([
      order("STD-1", "N", [("A", 2)], priority=1, promised="2026-12-03"),
      order("VIP-1", "S", [("A", 2)], priority=0),
      order("STD-2", "N", [("A", 1)], priority=1, promised="2026-12-01")])])
w("scarcity_promised_then_id", "One class; 2 units of A for 4 asked (1 each). Earliest promised first (B on 30 Nov, "
  "then D on 1 Dec), orders without a date last; A and C tie (no date) and would go by id. B and D get a unit; "
  "A and C none (scarcity).",
  ONE, [receive(("DC", "A", 2)), wave([
      order("A", "N", [("A", 1)]), order("B", "N", [("A", 1)], promised="2026-11-30"),
      order("C", "N", [("A", 1)]), order("D", "S", [("A", 1)], promised="2026-12-01")])])
fair = [order(f"W{i}", "N", [("A", 3)]) for i in range(1, 5)] + \
       [order(f"M{i}", "S", [("A", 4)], channel="mkt") for i in range(1, 3)]
w("scarcity_fair_share", "10 units of A; web asks 12 (4 orders × 3), mkt asks 8 (2 × 4). Fair share: web gets "
  "10 × 12/20 = 6, mkt 10 × 8/20 = 4. Within web, W1 and W2 get 3 each (id order, no dates), W3 and W4 nothing; "
  "within mkt, M1 gets 4 and M2 nothing. With strict priority (second wave, same class) the first orders by id "
  "would win instead: M1 4, M2 4, W1 2.",
  ONE, [receive(("DC", "A", 10)), wave(fair, {"name": "fair", "preset": "cheapest", "scarcity": "fair_share"}),
        wave(fair)])
three = [order("P1", "N", [("A", 1)], channel="web"), order("Q1", "N", [("A", 1)], channel="mkt"),
         order("R1", "N", [("A", 1)], channel="app")]
w("scarcity_fair_share_remainders", "2 units of A; app, mkt and web ask 1 each. Shares 2/3 each: floors 0, "
  "remainders equal, so the first channels by id get the units: app (R1) and mkt (Q1); web (P1) gets none.",
  ONE, [receive(("DC", "A", 2)), wave(three, {"name": "fair", "preset": "cheapest", "scarcity": "fair_share"})])

CAPNET = net([
    loc("DC", "C", {"N": ("4", "0", 2), "S": ("4", "0", 2)}, capacity={"orders_per_day": 2}),
    loc("STORE-N", "N", {"N": ("5", "0", 1), "S": ("12", "0", 2)}, kind="store", caps=("ship_from_store",)),
])
cap_orders = [order("A1", "S", [("A", 1)]), order("B1", "N", [("A", 1)]), order("C1", "S", [("A", 1)])]
w("capacity_shared_across_wave", "DC may ship 2 orders today (orders_per_day 2) at 4 each; STORE-N ships to N for "
  "5 and to S for 12. Order by order (A1, B1, C1): A1 and B1 take DC, C1 (zone S) goes to STORE-N for 12: 20. "
  "The wave sends B1 (zone N) to STORE-N for 5 and both S orders to DC: 13. After commit DC has used 2 orders.",
  CAPNET, [receive(("DC", "A", 10), ("STORE-N", "A", 10)), per_order(cap_orders), wave(cap_orders), COMMIT,
           {"op": "capacity_used", "location": "DC", "date": "2026-11-27"}])
UNITS = net([
    loc("DC", "C", {"N": ("0", "1", 2)}, capacity={"units_per_day": 4}),
    loc("STORE", "N", {"N": ("0", "3", 1)}, kind="store", caps=("ship_from_store",)),
])
w("units_capacity_shared", "DC ships 4 units a day at 1 each, the store 3 each. Three orders of 2 units: the wave "
  "fills DC's 4 units and sends 2 units from the store: 4 + 6 = 10 (any split of 4 DC units is optimal; the lower "
  "bound is 10 too).",
  UNITS, [receive(("DC", "A", 10), ("STORE", "A", 10)),
          wave([order(f"O{i}", "N", [("A", 2)]) for i in range(1, 4)])])

SPLIT = net([
    loc("L1", "C", {"N": ("5", "1", 2)}),
    loc("L2", "C", {"N": ("5", "1", 2)}),
    loc("L3", "C", {"N": ("5", "2", 2)}),
])
w("split_penalty_consolidates", "One order of A×2 and B×2. L1 holds only A, L2 only B (unit cost 1, base 5 each), "
  "L3 holds both (base 5, unit 2). Split across L1 and L2: 5+2+5+2 = 14 plus the split penalty 10 = 24; all from "
  "L3: 5 + 8 = 13. The wave's plan ships once from L3 (13). The relaxation's bound is lower (it spreads base costs).",
  SPLIT, [receive(("L1", "A", 5), ("L2", "B", 5), ("L3", "A", 5), ("L3", "B", 5)),
          wave([order("SO", "N", [("A", 2), ("B", 2)])], {"name": "split", "preset": "cheapest", "weights": {"split": "10"}})])
BASES = net([
    loc("L1", "C", {"N": ("5", "1", 2)}),
    loc("L2", "C", {"N": ("5", "1", 2)}),
    loc("L3", "C", {"N": ("20", "1", 2)}),
])
w("bound_order_alone", "One order of A×1 and B×1. L1 holds only A, L2 only B (base 5, unit 1), L3 holds both "
  "(base 20, unit 1); split penalty 20. Split across L1 and L2: 5+1+5+1+20 = 32; all from L3: 20+1+1 = 22, the plan. "
  "The relaxation spreads each base over the units a location could ship (L1 and L2: 5 a unit; L3: 10), so its "
  "bound is 6+6 = 12 with no split penalty (L3 alone covers the order). The order alone over the whole stock "
  "cannot do better than 22: the bound is 22 and the gap 0 (the fixed-charge bound, L3's base and split penalty "
  "shared by its two line groups, 20 each, also gives 20+1+20+1-20 = 22).",
  BASES, [receive(("L1", "A", 5), ("L2", "B", 5), ("L3", "A", 5), ("L3", "B", 5)),
          wave([order("SO", "N", [("A", 1), ("B", 1)])], {"name": "split", "preset": "cheapest", "weights": {"split": "20"}})])
FIXED = net([
    loc("L1", "C", {"N": ("10", "0", 2), "S": ("10", "0", 2)}),
    loc("L2", "C", {"N": ("12", "0", 2), "S": ("20", "0", 2)}),
])
w("fixed_charge_part", "L1 and L2 hold 3 of X each. O1 (zone N) and O2 (zone S) each ask X×2; a shipment costs "
  "its base (O1: L1 10, L2 12; O2: L1 10, L2 20), split penalty 1. Order by order, O1 takes L1 (10) and O2 is left "
  "L2 (20): 30. The relaxation spreads each base over 2 units (O1: 5 and 6 a unit; O2: 5 and 10): O2 takes 2 at L1 "
  "and O1 1 at L1 and 1 at L2, 21. As a fixed-charge problem (each location used pays its base plus the split "
  "penalty, less one penalty per order), O1 from L2 and O2 from L1 cost 13+11-2 = 22, the least: that is the plan, "
  "and the bound 22 (gap 0).",
  FIXED, [receive(("L1", "X", 3), ("L2", "X", 3)),
          per_order([order("O1", "N", [("X", 2)]), order("O2", "S", [("X", 2)])]),
          wave([order("O1", "N", [("X", 2)]), order("O2", "S", [("X", 2)])],
               {"name": "split", "preset": "cheapest", "weights": {"split": "1"}})])
w("ship_complete_whole", "Two orders of A×2 and B×2; L3 holds enough of both for one order only. SC is "
  "ship-complete: only L3 can ship it whole (13). FREE may split: L1 + L2 (5+2+5+2 = 14). Order by order, FREE "
  "(first by id) takes L3 and SC is refused; the wave allocates both: 27.",
  SPLIT, [receive(("L1", "A", 5), ("L2", "B", 5), ("L3", "A", 2), ("L3", "B", 2)),
          per_order([order("SC", "N", [("A", 2), ("B", 2)], ship_complete=True), order("FREE", "N", [("A", 2), ("B", 2)])]),
          wave([order("SC", "N", [("A", 2), ("B", 2)], ship_complete=True), order("FREE", "N", [("A", 2), ("B", 2)])])])
w("all_or_nothing_refused_in_wave", "4 units of A. AON-1 (all or nothing, 5 units) cannot be filled: refused, "
  "nothing held. P-2 (3 units) then gets 3 and P-3 (2 units) the last 1 (partial).",
  ONE, [receive(("DC", "A", 4)), wave([
      order("AON-1", "N", [("A", 5)], allow_partial=False), order("P-2", "N", [("A", 3)]),
      order("P-3", "S", [("A", 2)])])])
QNET = net([loc("DC", "C", {"N": ("5", "1", 2)})], channels=(("web", "web"), ("mkt", "marketplace")))
QNET["pools"][0]["quotas"] = [{"channel": "mkt", "sku": "A", "quantity": 2, "period": "total"}]
w("quota_in_wave", "10 units of A; mkt may take at most 2 (quota). M1 asks 3 on mkt: gets 2 (the third unit: "
  "quota); W1 asks 5 on web and gets 5.",
  QNET, [receive(("DC", "A", 10)), wave([order("M1", "N", [("A", 3)], channel="mkt"), order("W1", "N", [("A", 5)])])])
w("wave_errors", "Errors: an order twice in a wave (duplicate_id), an unknown scarcity policy (invalid_input), an "
  "order already committed (duplicate_id), an unknown channel (unknown_channel).",
  ONE, [receive(("DC", "A", 5)),
        wave([order("X", "N", [("A", 1)]), order("X", "N", [("A", 1)])]),
        wave([order("X", "N", [("A", 1)])], {"name": "w", "scarcity": "lottery"}),
        wave([order("X", "N", [("A", 1)])]), COMMIT,
        wave([order("X", "N", [("A", 1)])]),
        wave([order("Y", "N", [("A", 1)], channel="tv")])])

# Backorders.
BNET = net([
    loc("DC", "C", {"N": ("5", "1", 3)}),
    loc("STORE", "N", {"N": ("4", "1", 1)}, kind="store", caps=("ship_from_store",)),
])
w("backorder_filled_when_supply_lands", "SO-1 asks 5 of A; the DC holds 2: committed partial (2 held, 3 "
  "backordered). 10 arrive at the DC; process_backorders (gain) allocates the missing 3 from the DC, keeping the 2 "
  "held (kept shipment); the commit adds the reservation of generation 2 and the order is whole.",
  BNET, [receive(("DC", "A", 2)), per_order([order("SO-1", "N", [("A", 5)])]), COMMIT,
         {"op": "apply", "events": [{"type": "receive", "id": "r9", "location": "DC", "sku": "A", "quantity": 10}]},
         backorders([{"order": "SO-1"}]), COMMIT, OPEN])
w("backorder_win_takes_from_lose", "Stock 4 at the DC: LOW-1 holds 3, WIN-1 holds 1 of 3. No new stock. "
  "Backlog: WIN-1 win, LOW-1 lose. LOW-1 gives its 3 back (listed first, nothing held), WIN-1 gets its 2 missing "
  "units; after commit LOW-1 is no longer open and WIN-1 holds 3.",
  BNET, [receive(("DC", "A", 4)), per_order([order("LOW-1", "N", [("A", 3)])]), COMMIT,
         per_order([order("WIN-1", "N", [("A", 3)])]), COMMIT,
         backorders([{"order": "WIN-1", "category": "win"}, {"order": "LOW-1", "category": "lose"}]), COMMIT, OPEN])
w("backorder_win_before_gain", "2 units arrive for two backordered orders each missing 2: GAIN-1 (gain) and "
  "WIN-2 (win). Win is served first whatever the ids: WIN-2 gets both; GAIN-1 keeps its backorder (scarcity).",
  BNET, [receive(("DC", "A", 2)), per_order([order("GAIN-1", "N", [("A", 3)])]), COMMIT,
         per_order([order("WIN-2", "N", [("A", 2)])]),
         {"op": "apply", "events": [{"type": "receive", "id": "r9", "location": "DC", "sku": "A", "quantity": 2}]},
         backorders([{"order": "GAIN-1", "category": "gain"}, {"new": order("WIN-2", "N", [("A", 2)]), "category": "win"}])])
w("backorder_redistribute_no_later", "SO-R holds 2 at the store (delivery in 1 day, 4 + 2 = 6). Stock lands at "
  "the DC (5 + 2 = 7, 3 days): the DC is neither earlier nor cheaper, so redistribute keeps the plan. Then the "
  "store gets stock too, so nothing changes either; with allow_later the result is the same since the store plan "
  "is the best.",
  BNET, [receive(("STORE", "A", 2)), per_order([order("SO-R", "N", [("A", 2)])]), COMMIT,
         {"op": "apply", "events": [{"type": "receive", "id": "r9", "location": "DC", "sku": "A", "quantity": 10}]},
         backorders([{"order": "SO-R", "category": "redistribute"}]),
         backorders([{"order": "SO-R", "category": "redistribute"}],
                    {"name": "later", "preset": "cheapest", "allow_later": True})])
w("backorder_redistribute_improves", "SO-R asks 3: the store has 1, the DC 2, so it ships twice (store 4+1, DC "
  "5+2: 12). 5 units land at the store: redistributed whole to the store (4 + 3 = 7, one shipment, 1 day): "
  "releases both reservations, new reservations of generation 2; after commit SO-R holds 3 at the store.",
  BNET, [receive(("STORE", "A", 1), ("DC", "A", 2)), per_order([order("SO-R", "N", [("A", 3)])]), COMMIT,
         {"op": "apply", "events": [{"type": "receive", "id": "r9", "location": "STORE", "sku": "A", "quantity": 5}]},
         backorders([{"order": "SO-R", "category": "redistribute"}]), COMMIT, OPEN])
w("backorder_fill_keeps", "FILL-1 holds 1 of 3; 10 units land; category fill: it keeps its 1 and gets nothing "
  "(the entry changes nothing at commit).",
  BNET, [receive(("DC", "A", 1)), per_order([order("FILL-1", "N", [("A", 3)])]), COMMIT,
         {"op": "apply", "events": [{"type": "receive", "id": "r9", "location": "DC", "sku": "A", "quantity": 10}]},
         backorders([{"order": "FILL-1", "category": "fill"}]), COMMIT, OPEN])
w("backorder_errors", "Errors: an unknown committed order (unknown_order), an entry with both order and new "
  "(invalid_input), the same order twice (duplicate_id), a new order that is already committed (duplicate_id), "
  "an unknown category (invalid_input).",
  BNET, [receive(("DC", "A", 3)), per_order([order("SO-1", "N", [("A", 1)])]), COMMIT,
         backorders([{"order": "SO-9"}]),
         backorders([{"order": "SO-1", "new": order("SO-2", "N", [("A", 1)])}]),
         backorders([{"order": "SO-1"}, {"order": "SO-1"}]),
         backorders([{"new": order("SO-1", "N", [("A", 1)])}]),
         backorders([{"order": "SO-1", "category": "maybe"}])])
