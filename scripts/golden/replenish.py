"""Inputs of the replenishment vectors (testdata/golden/replenish). Expectations: the Rust runner,
then review (UPDATE_GOLDEN=1 cargo test -p omnistock --test golden golden_vectors)."""
import copy, datetime, json, os

OUT = os.path.join(os.path.dirname(__file__), "../../testdata") + "/golden/replenish"
os.makedirs(OUT, exist_ok=True)
NOW = "2026-11-27T09:00:00Z"
TODAY = datetime.date(2026, 11, 27)


def w(name, desc, steps, network=None):
    path = f"{OUT}/{name}.json"
    doc = {"description": desc, "input": {"network": network or NET, "steps": steps}}
    if os.path.exists(path):
        old = json.load(open(path))
        if "expected" in old:
            doc["expected"] = old["expected"]
    json.dump(doc, open(path, "w"), indent=2)
    open(path, "a").write("\n")


NET = {
    "locations": [
        {"id": "DC1", "kind": "warehouse", "capabilities": ["ship"]},
        {"id": "S1", "kind": "store", "capabilities": ["pickup"]},
        {"id": "S2", "kind": "store", "capabilities": ["pickup"]},
        {"id": "S3", "kind": "store", "capabilities": ["pickup"]},
    ],
    "channels": [{"id": "web", "kind": "web", "pool": "online"}, {"id": "pos", "kind": "store", "pool": "stores"}],
    "pools": [
        {"id": "online", "members": [{"location": "DC1"}, {"location": "S1"}, {"location": "S2"}]},
        {"id": "stores", "members": [{"location": "S1"}, {"location": "S2"}, {"location": "S3"}]},
    ],
    "lanes": [
        {"from": "DC1", "to": "S1", "days": 2, "base": "6.00", "per_unit": "0.10"},
        {"from": "DC1", "to": "S2", "days": 3, "base": "6.00", "per_unit": "0.10"},
        {"from": "S2", "to": "S1", "days": 1, "base": "2.00", "per_unit": "0.05"},
        {"from": "S1", "to": "S2", "days": 1, "base": "2.00", "per_unit": "0.05"},
    ],
}

n = [0]


def ev(**k):
    n[0] += 1
    d = {"id": f"e{n[0]}"}
    d.update(k)
    return d


def stock(*items):
    """(location, sku, on_hand) → receive events."""
    return {"op": "apply", "events": [ev(type="receive", location=l, sku=s, quantity=q) for l, s, q in items]}


def rows(location, sku, demand, lost=None):
    """Daily rows ending yesterday; zero days are left out (a missing day is zero)."""
    out = []
    start = TODAY - datetime.timedelta(days=len(demand))
    for i, q in enumerate(demand):
        lo = (lost or [0] * len(demand))[i]
        if q or lo:
            r = {"location": location, "sku": sku, "date": str(start + datetime.timedelta(days=i)), "sales": q}
            if lo:
                r["lost_sales"] = lo
            out.append(r)
    return out


def rep(history, policies, op="replenish"):
    return {"op": op, "history": history, "policies": policies, "now": NOW}


SUP = {"supplier": "ACME", "lead_time_days": 2}
FLAT = rows("S1", "A", [2] * 14)

w("min_max_below_min", "min_max (Odoo): S1 holds 4 A, min 6 → order up to max 20: 16 units from ACME, arriving in 2 days; "
  "2 a day runs out on day 2 (4 − 2·3 < 0).",
  [stock(("S1", "A", 4)), rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}})])
w("min_max_at_min_orders_nothing", "min_max orders only strictly below min (Odoo): a position of exactly 6 with min 6 orders nothing "
  "(projected stock on the arrival day, 6 − 2·3 = 0, is not a stockout).",
  [stock(("S1", "A", 6)), rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}})])
w("inbound_counted_never_double_orders", "2 on hand + 10 on order arriving tomorrow: the position 12 is above min 6, no proposal; "
  "a second run after the supply was cancelled proposes 18.",
  [stock(("S1", "A", 2)),
   {"op": "apply", "events": [ev(type="supply_add", supply="PO-1", location="S1", sku="A", quantity=10, expected="2026-11-28")]},
   rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}}),
   {"op": "apply", "events": [ev(type="supply_cancel", supply="PO-1")]},
   rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}})])
w("reservations_lower_the_position", "8 on hand but 5 reserved at S1 (a click-and-collect order): the position is 3, below min 6; "
  "order 17 to reach 20.",
  [stock(("S1", "A", 8)),
   {"op": "apply", "events": [ev(type="reserve", reservation="cc-1", sku="A", quantity=5, pool="stores", location="S1", kind="hard")]},
   rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}})])

SES_H = rows("S1", "A", [3, 5, 4, 6, 5, 7, 6, 5, 4, 6, 5, 7, 6, 8])
w("reorder_point_ses", "reorder_point with SES (alpha 0.3), 95 % service, lead 3 days: s = 3·mean + 1.645·σ·√3, "
  "S = s + 7 days of demand; 12 on hand is below s, order S − 12 rounded up.",
  [stock(("S1", "A", 12)), rep(SES_H, {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 3,
                                                      "forecast": {"method": "ses", "alpha": 0.3}}})])
w("reorder_point_lead_time_variability", "as reorder_point_ses with a lead time σ of 1.5 days: SS = z·√(L·σ² + d²·σ_L²) is larger, "
  "so is the order.",
  [stock(("S1", "A", 12)), rep(SES_H, {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 3,
                                                      "lead_time_sd_days": 1.5, "forecast": {"method": "ses", "alpha": 0.3}}})])
w("reorder_point_holt_trend", "Holt (0.5, 0.3) on a rising series 2, 3, ..., 15: lead-time demand sums the trend day by day "
  "(f_k = L + (k+1)·b), so s and S are above a flat forecast's.",
  [stock(("S1", "A", 30)), rep(rows("S1", "A", list(range(2, 16))),
                               {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 3, "z": 1.0,
                                             "forecast": {"method": "holt", "alpha": 0.5, "beta": 0.3}}})])
INTER = rows("S1", "A", [0, 0, 3, 0, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 0, 0, 3, 0, 0, 0])
w("reorder_point_croston_intermittent", "a store SKU that sells every few days: Croston (alpha 0.2) gives mean size / mean interval; "
  "2 on hand, lead 5 → order.",
  [stock(("S1", "A", 2)), rep(INTER, {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 5,
                                                     "forecast": {"method": "croston", "alpha": 0.2}}})])
w("reorder_point_sba_intermittent", "the same position with SBA: Croston's mean times 1 − 0.2/2 = 0.9, a smaller s and S.",
  [stock(("S1", "A", 2)), rep(INTER, {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 5,
                                                     "forecast": {"method": "sba", "alpha": 0.2}}})])
w("lost_sales_count_as_demand", "3 sold + 1 lost each day is a demand of 4: moving average 4, min_max triggers from the position.",
  [stock(("S1", "A", 10)), rep(rows("S1", "A", [3] * 7, [1] * 7),
                               {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 2, "z": 0,
                                             "forecast": {"method": "moving_average", "window": 7}}})])
w("periodic_review_day", "periodic (R = 7, anchored 2026-11-20: today is a review day), lead 2: S = 9 days of demand + SS; "
  "order S − position.",
  [stock(("S1", "A", 10)), rep(FLAT, {"defaults": {"type": "periodic", "review_days": 7, "review_anchor": "2026-11-20",
                                                    "z": 1.0, **SUP}})])
w("periodic_not_a_review_day", "the same periodic policy anchored 2026-11-21: not a review day, and the projection holds until the "
  "arrival day: no proposal.",
  [stock(("S1", "A", 10)), rep(FLAT, {"defaults": {"type": "periodic", "review_days": 7, "review_anchor": "2026-11-21",
                                                    "z": 1.0, **SUP}})])
w("moq_rounds_up", "need 3 (min 6, max 7, position 4), moq 10: order 10.",
  [stock(("S1", "A", 4)), rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 7, "moq": 10, **SUP}})])
w("pack_after_moq", "need 3, moq 10, packs of 6: at least 10, in whole packs → 12.",
  [stock(("S1", "A", 4)), rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 7, "moq": 10, "pack_size": 6, **SUP}})])
w("shelf_capacity_caps_in_packs", "need 16 in packs of 6 (18), but the shelf holds 15 and 4 are there: at most 11 → one pack of 6; "
  "10 units unmet (max_capacity).",
  [stock(("S1", "A", 4)), rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 20, "pack_size": 6, "max_units": 15, **SUP}})])
w("shelf_below_moq_proposes_nothing", "the shelf has room for 5, the MOQ is 12: no proposal, the whole need unmet.",
  [stock(("S1", "A", 4)), rep(FLAT, {"defaults": {"type": "min_max", "min": 6, "max": 20, "moq": 12, "max_units": 9, **SUP}})])

STORES = rows("S1", "A", [2] * 14) + rows("S2", "A", [1] * 14)
DC_POL = {"defaults": {"type": "min_max", "min": 6, "max": 20, "source": "DC1"},
          "rules": [{"location": "DC1", "type": "min_max", "min": 10, "max": 60, "supplier": "ACME", "lead_time_days": 10}]}
w("transfer_from_dc_then_dc_purchase", "S1 (4) and S2 (3) are below min 6 and come from DC1 (lead = lane days 2 and 3); DC1 then "
  "has 30 free: 16 to S1 (more urgent, stockout in 2 days) and 14 to S2 (3 unmet: source_stock). DC1, planned after "
  "its stores, sees its position fall to 30 − 30 = 0 (outbound 30), below its min 10: it orders 60 from ACME.",
  [stock(("S1", "A", 4), ("S2", "A", 3), ("DC1", "A", 30)), rep(STORES, DC_POL)])
w("rebalance_chosen_over_transfer", "S1 needs 16; S2 holds 40 with order-up-to 20 (surplus 20) and a lane S2→S1 at 2.00 + 0.05/unit "
  "= 2.80, cheaper than DC1's lane 6.00 + 0.10·16 = 7.60: rebalance 16 from S2, arriving tomorrow.",
  [stock(("S1", "A", 4), ("S2", "A", 40), ("DC1", "A", 100)), rep(STORES, {"defaults": {"type": "min_max", "min": 6, "max": 20, "source": "DC1"},
                "rules": [{"location": "DC1", "type": "none"}]})])
w("transfer_chosen_over_expensive_rebalance", "the same, but the policy prices the regular transfer at 1.00 per order: cheaper than "
  "the 2.80 rebalance, so DC1 ships.",
  [stock(("S1", "A", 4), ("S2", "A", 40), ("DC1", "A", 100)),
   rep(STORES, {"defaults": {"type": "min_max", "min": 6, "max": 20, "source": "DC1", "order_cost": "1.00", "unit_cost": "0"},
                "rules": [{"location": "DC1", "type": "none"}]})])
w("partial_rebalance_plus_purchase", "S1 needs 16 from a supplier at 20.00 per order + 1.00 per unit; S2's surplus is only 5: "
  "take 5 from S2 (2.25) and buy 11 (31.00), cheaper than buying 16 (36.00).",
  [stock(("S1", "A", 4), ("S2", "A", 25)),
   rep(STORES, {"defaults": {"type": "min_max", "min": 6, "max": 20, "supplier": "ACME", "lead_time_days": 4,
                             "order_cost": "20.00", "unit_cost": "1.00"}})])
w("supplier_daily_capacity", "ACME ships 20 units a day: S1 (stockout in 2 days) gets its 16 first, S2 (stockout later) the 4 "
  "left; 13 unmet at S2 (source_capacity).",
  [stock(("S1", "A", 4), ("S2", "A", 3)),
   rep(STORES, {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}, "sources": [{"supplier": "ACME", "units_per_day": 20}]})])
w("stockout_before_supply_on_order", "10 on hand, 30 on order arriving in 9 days (2026-12-06): the position 40 is above min 6, "
  "but 3 a day runs out on day 3, long before the supply. An order placed today must cover its arrival day up to the day "
  "before the supply, day 8: 10 − 3·9 = −17, so 17 (stockout_before_supply), with lead 2 as with lead 4.",
  [stock(("S1", "A", 10)),
   {"op": "apply", "events": [ev(type="supply_add", supply="PO-9", location="S1", sku="A", quantity=30, expected="2026-12-06")]},
   rep(rows("S1", "A", [3] * 14), {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}}),
   rep(rows("S1", "A", [3] * 14), {"defaults": {"type": "min_max", "min": 6, "max": 20, "supplier": "ACME", "lead_time_days": 4}})])
w("category_and_sku_rules", "defaults buy from ACME; the `fresh` category comes from DC1 with min 10; SKU B overrides max; "
  "S3 has its own rule (lead 1); DC1's fresh SKUs come from ACME ({location, category} beats {category}): each position "
  "resolves field by field.",
  [stock(("S1", "A", 4), ("S1", "B", 4), ("S3", "A", 1), ("DC1", "B", 50)),
   rep(rows("S1", "A", [2] * 7) + rows("S1", "B", [2] * 7) + rows("S3", "A", [1] * 7),
       {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP},
        "rules": [{"category": "fresh", "source": "DC1", "min": 10},
                  {"sku": "B", "max": 30},
                  {"location": "S3", "lead_time_days": 1},
                  {"location": "DC1", "category": "fresh", "supplier": "ACME", "lead_time_days": 7}],
        "categories": [{"sku": "B", "category": "fresh"}]})])
w("history_as_columns", "the same history as columns (a DataFrame's to_dict('list')) gives the same proposal as rows.",
  [stock(("S1", "A", 4)),
   rep({"location": ["S1"] * 3, "sku": ["A"] * 3, "date": ["2026-11-24", "2026-11-25", "2026-11-26"], "sales": [2, 2, 2],
        "lost_sales": [0, 1, 0]}, {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}}),
   rep([{"location": "S1", "sku": "A", "date": d, "sales": s, "lost_sales": l} for d, s, l in
        [("2026-11-24", 2, 0), ("2026-11-25", 2, 1), ("2026-11-26", 2, 0)]], {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}})])

AL = {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 4, "z": 2.5, "excess_cover_days": 60}}
w("alerts_stockout_safety_excess", "alerts: S1 (4 on hand, 1 and 3 on alternate days: a mean of 2, σ about 1; lead 4, z 2.5) runs out on 2026-11-29 "
  "and is below its safety stock (about 5); "
  "S2 has 400 for 1 a day (400 days of cover > 60: excess); S3's 7 with no sales is excess too (no demand).",
  [stock(("S1", "A", 4), ("S2", "A", 400), ("S3", "A", 7)),
   rep(rows("S1", "A", [1, 3] * 7) + rows("S2", "A", [1] * 14), AL, op="alerts")])
w("alerts_stale_counts", "stale data: S1 was counted 10 days ago, S2 2 days ago, DC1 and S3 never: with stale_after_days 7 "
  "(S2 overrides it to 1 day), S1, S2, S3 and DC1 are stale.",
  [{"op": "apply", "events": [
      ev(type="count", location="S1", sku="A", quantity=3, seq=1, counted_at="2026-11-17T18:00:00Z"),
      ev(type="count", location="S2", sku="A", quantity=3, seq=1, counted_at="2026-11-25T18:00:00Z")]},
   rep([], {"defaults": {"stale_after_days": 7}, "rules": [{"location": "S2", "stale_after_days": 1}]}, op="alerts")])
w("alerts_fresh_counts", "counted yesterday everywhere it has stock, the day before at S2 with 7 days allowed: no stale alert for "
  "S1 and S2, only for the locations never counted (DC1, S3).",
  [{"op": "apply", "events": [
      ev(type="count", location="S1", sku="A", quantity=3, seq=1, counted_at="2026-11-26T18:00:00Z"),
      ev(type="count", location="S2", sku="A", quantity=3, seq=1, counted_at="2026-11-25T08:00:00Z")]},
   rep([], {"defaults": {"stale_after_days": 7}}, op="alerts")])
w("alerts_below_min_atp", "the web channel wants at least 10 of every SKU and 30 of SKU B; category `bulky` wants 3 in store: "
  "A (ATP 8 online) and B (ATP 20) are below; C (bulky, 2 in stores) is below its store minimum, and with no stock online "
  "below web's 10 too.",
  [stock(("DC1", "A", 8), ("DC1", "B", 20), ("S3", "C", 2)),
   rep([], {"min_atp": [{"channel": "web", "units": 10}, {"channel": "web", "sku": "B", "units": 30},
                        {"channel": "pos", "category": "bulky", "units": 3}],
            "categories": [{"sku": "C", "category": "bulky"}]}, op="alerts")])
w("alerts_after_proposals_applied", "S1 (8 on hand, 3 a day, lead 2) runs out on the arrival day 2026-11-29 (8 − 9 < 0): an "
  "avoidable stockout. S2 (1 on hand, 1 a day, lead 2 via S2's rule) runs out tomorrow, before any order can arrive. "
  "replenish proposes 19 for S1 (stockout_before_supply: its position 8 is above s = 6, but not the arrival day) and 8 for S2; "
  "applied as supplies arriving on the arrival day, S1's alert is gone and S2's stays (unavoidable).",
  [stock(("S1", "A", 8), ("S2", "A", 1)),
   rep(rows("S1", "A", [3] * 14) + rows("S2", "A", [1] * 14), {"defaults": {"type": "reorder_point", **SUP}}, op="alerts"),
   rep(rows("S1", "A", [3] * 14) + rows("S2", "A", [1] * 14), {"defaults": {"type": "reorder_point", **SUP}}),
   {"op": "apply", "events": [ev(type="supply_add", supply="P1", location="S1", sku="A", quantity=19, expected="2026-11-29"),
                              ev(type="supply_add", supply="P2", location="S2", sku="A", quantity=8, expected="2026-11-29")]},
   rep(rows("S1", "A", [3] * 14) + rows("S2", "A", [1] * 14), {"defaults": {"type": "reorder_point", **SUP}}, op="alerts")])

# errors
MM = {"type": "min_max", "min": 6, "max": 20}
w("error_no_source", "a replenished position without supplier or source: invalid_policy naming S1/A.",
  [stock(("S1", "A", 4)), rep(FLAT, {"defaults": MM})])
w("error_source_cycle", "S1 from S2 and S2 from S1: invalid_policy (the sources form a cycle).",
  [stock(("S1", "A", 4), ("S2", "A", 4)),
   rep(STORES, {"defaults": {**MM, "lead_time_days": 1}, "rules": [{"location": "S1", "source": "S2"}, {"location": "S2", "source": "S1"}]})])
w("error_history_dated_today", "a sale dated today (2026-11-27): the history covers days before today, invalid_history.",
  [stock(("S1", "A", 4)), rep([{"location": "S1", "sku": "A", "date": "2026-11-27", "sales": 1}], {"defaults": {**MM, **SUP}})])
w("error_history_unknown_location", "history for a location the network does not have: unknown_location.",
  [rep([{"location": "S9", "sku": "A", "date": "2026-11-20", "sales": 1}], {})])
w("error_columns_of_different_lengths", "columns with 2 locations and 1 date: invalid_history naming `date`.",
  [rep({"location": ["S1", "S1"], "sku": ["A", "A"], "date": ["2026-11-20"], "sales": [1, 2]}, {})])
w("error_negative_sales", "a negative sale: invalid_quantity naming [0].sales.",
  [rep([{"location": "S1", "sku": "A", "date": "2026-11-20", "sales": -1}], {})])
w("error_bad_alpha", "SES with alpha 1.5: invalid_policy naming defaults.forecast.alpha.",
  [rep([], {"defaults": {"forecast": {"method": "ses", "alpha": 1.5}}})])
w("error_unknown_policy_field", "a misspelt field (`mnimum`) is refused, not ignored: invalid_input naming it.",
  [rep([], {"rules": [{"sku": "A", "mnimum": 3}]})])
w("error_purchase_without_lead_time", "a supplier without lead_time_days: invalid_policy.",
  [stock(("S1", "A", 4)), rep(FLAT, {"defaults": {**MM, "supplier": "ACME"}})])

# Added after review: time zones, history_days, service level, a three-level chain, disabled
# locations.
TZ_NET = copy.deepcopy(NET)
TZ_NET["locations"].append({"id": "LA1", "kind": "store", "time_zone": "America/Los_Angeles"})
TZ_NET["pools"][1]["members"].append({"location": "LA1"})
EARLY = "2026-11-27T02:00:00Z"  # 26 Nov 18:00 in Los Angeles, 27 Nov in UTC
w("time_zone_decides_today", "at 02:00 UTC it is still 26 November in Los Angeles: a sale dated 26 November is history for "
  "the UTC store S1 but today for LA1 (invalid_history); LA1's stockout date and arrival are counted from its own 26 November.",
  [stock(("S1", "A", 4), ("LA1", "A", 4)),
   {"op": "replenish", "history": [{"location": "S1", "sku": "A", "date": "2026-11-26", "sales": 2}],
    "policies": {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}}, "now": EARLY},
   {"op": "replenish", "history": [{"location": "LA1", "sku": "A", "date": "2026-11-26", "sales": 2}],
    "policies": {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}}, "now": EARLY},
   {"op": "replenish", "history": [{"location": "LA1", "sku": "A", "date": "2026-11-25", "sales": 2}],
    "policies": {"defaults": {"type": "min_max", "min": 6, "max": 20, **SUP}}, "now": EARLY}],
  network=TZ_NET)
SHIFT = rows("S1", "A", [10] * 14 + [2] * 7)
w("history_days_limits_the_window", "sales fell from 10 to 2 a day a week ago: with the default window (all 21 days, a 28-day "
  "moving average) the mean is 7.33; with history_days 7 it is 2, and the reorder point follows.",
  [stock(("S1", "A", 12)),
   rep(SHIFT, {"defaults": {"type": "reorder_point", **SUP, "z": 0}}),
   rep(SHIFT, {"defaults": {"type": "reorder_point", **SUP, "z": 0, "history_days": 7}})])
w("service_level_sets_z", "the same noisy position at 90 %, 95 % (default) and 99 % service: z = 1.28, 1.64, 2.33, so the "
  "safety stock and the order grow.",
  [stock(("S1", "A", 12))] + [rep(SES_H, {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 3,
                                                         "forecast": {"method": "ses", "alpha": 0.3}, **sl}})
                               for sl in ({"service_level": 0.9}, {}, {"service_level": 0.99})])
CHAIN_NET = copy.deepcopy(NET)
CHAIN_NET["locations"].append({"id": "CDC", "kind": "warehouse"})
CHAIN_NET["lanes"].append({"from": "CDC", "to": "DC1", "days": 3, "base": "20.00", "per_unit": "0.02"})
w("three_level_chain", "S1 and S2 come from DC1, DC1 from the central CDC, CDC from ACME, planned in that order: DC1 ships "
  "its 30 (16 to S1, 14 to S2, 3 short), then its position 0 is below its min 10: it needs 60, CDC has 30 (30 unmet, "
  "source_stock); CDC, 0 left, buys 100 from ACME.",
  [stock(("S1", "A", 4), ("S2", "A", 3), ("DC1", "A", 30), ("CDC", "A", 30)),
   rep(STORES, {"defaults": {"type": "min_max", "min": 6, "max": 20, "source": "DC1"},
                "rules": [{"location": "DC1", "source": "CDC", "min": 10, "max": 60},
                          {"location": "CDC", "supplier": "ACME", "lead_time_days": 10, "min": 20, "max": 100}]})],
  network=CHAIN_NET)
DIS_NET = copy.deepcopy(NET)
DIS_NET["locations"][2]["enabled"] = False  # S2
w("disabled_locations", "S2 is disabled (closed): its B is not replenished though below its min (3 < 6), and its 40 A are "
  "not given to S1 (enabled, the lane S2→S1 would win): S1 gets its 16 from DC1.",
  [stock(("S1", "A", 4), ("S2", "A", 40), ("S2", "B", 3), ("DC1", "A", 100), ("DC1", "B", 100)),
   rep(STORES, {"defaults": {"type": "min_max", "min": 6, "max": 20, "source": "DC1"},
                "rules": [{"location": "DC1", "type": "none"}, {"location": "S3", "type": "none"}]})],
  network=DIS_NET)
DIS2 = copy.deepcopy(DIS_NET)
DIS2["locations"][0]["enabled"] = False
w("disabled_source", "DC1 disabled: S1 (below min, sourced from DC1) gets nothing, 16 unmet (source_stock).",
  [stock(("S1", "A", 4), ("DC1", "A", 100)),
   rep(STORES, {"defaults": {"type": "min_max", "min": 6, "max": 20, "source": "DC1"}, "rules": [{"location": "DC1", "type": "none"}]})],
  network=DIS2)
TWO = copy.deepcopy(NET)
TWO["lanes"].append({"from": "S3", "to": "S1", "days": 1, "base": "2.00", "per_unit": "0.05"})
w("rebalance_donors_tie_and_limit", "two donors with the same lane cost and enough surplus: S2 (first by id) gives the 16. With "
  "S2 limited to 5 units a day, S3 (which covers all 16) gives instead: the option covering more of the need wins.",
  [stock(("S1", "A", 4), ("S2", "A", 40), ("S3", "A", 40), ("DC1", "A", 100)),
   rep(STORES + rows("S3", "A", [1] * 14), {"defaults": {"type": "min_max", "min": 6, "max": 20, "source": "DC1"},
                "rules": [{"location": "DC1", "type": "none"}, {"location": "S3", "lead_time_days": 2}]}),
   rep(STORES + rows("S3", "A", [1] * 14), {"defaults": {"type": "min_max", "min": 6, "max": 20, "source": "DC1"},
                "rules": [{"location": "DC1", "type": "none"}, {"location": "S3", "lead_time_days": 2}],
                "sources": [{"location": "S2", "units_per_day": 5}]})],
  network=TWO)
w("holt_trend_projection", "a falling Holt trend (20, 19, ..., 11 a day): the forecast for today is 10, then 9, 8, ... "
  "(clamped at 0 from day 10). 40 units last until day 4 (10+9+8+7+6 = 40) and run out on day 5 (2026-12-02), later than a "
  "flat mean would say. Reorder point: s = demand over days 0..5 = 45 ≥ 40, S = 45 + days 6..12 (4+3+2+1) = 55: order 15.",
  [stock(("S1", "A", 40)),
   rep(rows("S1", "A", list(range(20, 10, -1))), {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 6,
        "z": 0, "forecast": {"method": "holt", "alpha": 0.5, "beta": 0.5}}}, op="alerts"),
   rep(rows("S1", "A", list(range(20, 10, -1))), {"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 6,
        "z": 0, "forecast": {"method": "holt", "alpha": 0.5, "beta": 0.5}}})])
