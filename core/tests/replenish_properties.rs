//! Properties of replenishment on small random networks (a DC and 2–4 stores, two SKUs, lanes
//! from the DC and between some stores, stock, reservations at stores, supplies on order,
//! random demand history and random policies of every type):
//!
//! * No proposal takes a position above its shelf (`max_units`): on hand + inbound + what is
//!   proposed for it stays within it.
//! * Transfers and rebalancing moves never take more than a source's free stock, and every
//!   limited source stays within its `units_per_day`.
//! * Applying every proposal as supply (`supply_add` for purchases, `transfer` for moves, on
//!   their arrival dates) always applies, and then no position that got proposals and has no
//!   unmet need still alerts a stockout on or after its arrival day (the only stockouts left
//!   are those before any order placed today could arrive), nor orders again in a second run.
//! * Shuffling the history rows, the rules, the categories and the source limits never
//!   changes the proposals or the alerts.

mod common;
use common::shuffled;
use std::collections::BTreeMap;

use omnistock::{Inventory, ProposalKind};
use proptest::prelude::*;
use serde_json::{Value, json};

const SKUS: [&str; 2] = ["A", "B"];
const NOW: &str = "2026-11-27T09:00:00Z";

fn day(offset: i64) -> String {
    let d: jiff::civil::Date = "2026-11-27".parse().unwrap();
    d.checked_add(jiff::Span::new().days(offset)).unwrap().to_string()
}

#[derive(Clone, Debug)]
struct Store {
    from_dc: u32,
    lane_base: i64,
    stock: [i64; 2],
    reserved: [i64; 2],
    /// (SKU, quantity, expected offset in days)
    supply: Option<(usize, i64, i64)>,
    demand: [Vec<i64>; 2],
    kind: usize,
    supplier: bool,
    max_units: Option<i64>,
}

#[derive(Clone, Debug)]
struct Case {
    stores: Vec<Store>,
    dc_stock: [i64; 2],
    /// store i → store j lanes: (i, j, days, base cents)
    lanes: Vec<(usize, usize, u32, i64)>,
    moq: i64,
    pack: i64,
    lead: u32,
    dc_lead: u32,
    min_max: (i64, i64),
    review: (u32, i64),
    supplier_limit: Option<i64>,
    dc_limit: Option<i64>,
    order_cost: i64,
    slow_forecast: usize,
}

fn store() -> impl Strategy<Value = Store> {
    (
        (1u32..4, 0i64..1000),
        ([0i64..30, 0i64..30], [0i64..8, 0i64..8]),
        prop::option::of((0usize..2, 1i64..20, -2i64..10)),
        [
            prop::collection::vec(0i64..7, 0..20),
            prop::collection::vec(0i64..7, 0..20),
        ],
        (0usize..4, any::<bool>(), prop::option::of(5i64..60)),
    )
        .prop_map(
            |((from_dc, lane_base), (stock, reserved), supply, demand, (kind, supplier, max_units))| Store {
                from_dc,
                lane_base,
                reserved: [reserved[0].min(stock[0]), reserved[1].min(stock[1])],
                stock,
                supply,
                demand,
                kind,
                supplier,
                max_units,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(store(), 2..5),
        [0i64..60, 0i64..60],
        prop::collection::vec((0usize..4, 0usize..4, 1u32..4, 0i64..800), 0..5),
        (
            (1i64..8, 1i64..5, 0u32..6, 1u32..10),
            ((0i64..10, 0i64..20), (1u32..8, 0i64..7)),
        ),
        (
            prop::option::of(0i64..60),
            prop::option::of(0i64..60),
            0i64..2000,
            0usize..4,
        ),
    )
        .prop_map(
            |(stores, dc_stock, lanes, ((moq, pack, lead, dc_lead), (min_max, review)), (sl, dl, order_cost, slow))| {
                let n = stores.len();
                let lanes = lanes
                    .into_iter()
                    .filter(|&(i, j, _, _)| i < n && j < n && i != j)
                    .map(|(i, j, d, b)| ((i, j), (d, b)))
                    .collect::<BTreeMap<_, _>>()
                    .into_iter()
                    .map(|((i, j), (d, b))| (i, j, d, b))
                    .collect();
                Case {
                    stores,
                    dc_stock,
                    lanes,
                    moq,
                    pack,
                    lead,
                    dc_lead,
                    min_max: (min_max.0, min_max.0 + min_max.1),
                    review,
                    supplier_limit: sl,
                    dc_limit: dl,
                    order_cost,
                    slow_forecast: slow,
                }
            },
        )
}

fn cents(v: i64) -> String {
    rust_decimal::Decimal::new(v, 2).to_string()
}

fn network(c: &Case) -> Value {
    let mut locations = vec![json!({"id": "DC", "kind": "warehouse"})];
    let mut lanes = Vec::new();
    for (i, s) in c.stores.iter().enumerate() {
        locations.push(json!({"id": format!("S{i}"), "kind": "store"}));
        lanes.push(json!({"from": "DC", "to": format!("S{i}"), "days": s.from_dc, "base": cents(s.lane_base), "per_unit": "0.10"}));
    }
    for &(i, j, d, b) in &c.lanes {
        lanes.push(
            json!({"from": format!("S{i}"), "to": format!("S{j}"), "days": d, "base": cents(b), "per_unit": "0.05"}),
        );
    }
    let members: Vec<Value> = locations.iter().map(|l| json!({"location": l["id"]})).collect();
    json!({"locations": locations, "pools": [{"id": "all", "members": members}],
           "channels": [{"id": "web", "kind": "web", "pool": "all"}], "lanes": lanes})
}

fn inventory(c: &Case) -> Inventory {
    let mut inv = Inventory::new(omnistock::Network::from_value(network(c)).unwrap()).unwrap();
    let mut events = Vec::new();
    let mut n = 0;
    let mut ev = |mut e: Value| {
        n += 1;
        e["id"] = json!(format!("e{n}"));
        events.push(e);
    };
    for (k, sku) in SKUS.iter().enumerate() {
        if c.dc_stock[k] > 0 {
            ev(json!({"type": "receive", "location": "DC", "sku": sku, "quantity": c.dc_stock[k]}));
        }
    }
    for (i, s) in c.stores.iter().enumerate() {
        for (k, sku) in SKUS.iter().enumerate() {
            if s.stock[k] > 0 {
                ev(json!({"type": "receive", "location": format!("S{i}"), "sku": sku, "quantity": s.stock[k]}));
            }
            if s.reserved[k] > 0 {
                ev(
                    json!({"type": "reserve", "reservation": format!("r{i}{k}"), "sku": sku, "quantity": s.reserved[k],
                          "pool": "all", "location": format!("S{i}"), "kind": "hard"}),
                );
            }
        }
        if let Some((k, q, off)) = s.supply {
            ev(
                json!({"type": "supply_add", "supply": format!("po{i}"), "location": format!("S{i}"), "sku": SKUS[k],
                      "quantity": q, "expected": day(off)}),
            );
        }
    }
    let out = inv.apply_values(events);
    assert!(out.iter().all(|o| o.error.is_none()), "{out:?}");
    inv
}

fn history(c: &Case) -> Vec<Value> {
    let mut rows = Vec::new();
    for (i, s) in c.stores.iter().enumerate() {
        for (k, sku) in SKUS.iter().enumerate() {
            let d = &s.demand[k];
            for (t, &q) in d.iter().enumerate() {
                if q > 0 {
                    rows.push(json!({"location": format!("S{i}"), "sku": sku, "date": day(t as i64 - d.len() as i64), "sales": q}));
                }
            }
        }
    }
    rows
}

fn policies(c: &Case) -> Value {
    let kinds = ["min_max", "reorder_point", "periodic", "none"];
    let forecasts = [
        json!({"method": "croston", "alpha": 0.2}),
        json!({"method": "sba", "alpha": 0.3}),
        json!({"method": "holt", "alpha": 0.4, "beta": 0.2}),
        json!({"method": "moving_average", "window": 7}),
    ];
    let mut rules =
        vec![json!({"location": "DC", "type": "reorder_point", "supplier": "ACME", "lead_time_days": c.dc_lead})];
    for (i, s) in c.stores.iter().enumerate() {
        let mut r = json!({"location": format!("S{i}"), "type": kinds[s.kind]});
        if s.supplier {
            r["supplier"] = json!("ACME");
            r["lead_time_days"] = json!(c.lead);
        }
        if let Some(m) = s.max_units {
            r["max_units"] = json!(m);
        }
        rules.push(r);
    }
    rules.push(json!({"category": "slow", "forecast": forecasts[c.slow_forecast]}));
    let mut sources = Vec::new();
    if let Some(l) = c.supplier_limit {
        sources.push(json!({"supplier": "ACME", "units_per_day": l}));
    }
    if let Some(l) = c.dc_limit {
        sources.push(json!({"location": "DC", "units_per_day": l}));
    }
    json!({
        "defaults": {"source": "DC", "forecast": {"method": "ses", "alpha": 0.3}, "moq": c.moq, "pack_size": c.pack,
                     "min": c.min_max.0, "max": c.min_max.1, "review_days": c.review.0, "review_anchor": day(-c.review.1),
                     "order_cost": cents(c.order_cost), "service_level": 0.9, "excess_cover_days": 30},
        "rules": rules,
        "categories": [{"sku": "B", "category": "slow"}],
        "sources": sources,
        "min_atp": [{"channel": "web", "units": 5}],
    })
}

/// The demand the policies forecast for `loc`/`sku` on day `k` (0 = today), recomputed from
/// the case's history with `omnistock::forecast_values` on the position's own series.
fn daily_forecast(c: &Case, loc: &str, sku: &str) -> impl Fn(i64) -> f64 {
    let forecasts = [
        json!({"method": "croston", "alpha": 0.2}),
        json!({"method": "sba", "alpha": 0.3}),
        json!({"method": "holt", "alpha": 0.4, "beta": 0.2}),
        json!({"method": "moving_average", "window": 7}),
    ];
    let k = SKUS.iter().position(|s| *s == sku).unwrap();
    let method = if k == 1 {
        forecasts[c.slow_forecast].clone()
    } else {
        json!({"method": "ses", "alpha": 0.3})
    };
    let series: Vec<i64> = match loc.strip_prefix('S').and_then(|i| i.parse::<usize>().ok()) {
        Some(i) => {
            let d = &c.stores[i].demand[k];
            // the series starts at the first day with a sale and runs to yesterday
            d.iter()
                .position(|&q| q > 0)
                .map_or(Vec::new(), |first| d[first..].to_vec())
        }
        None => Vec::new(),
    };
    let f = omnistock::forecast_values(json!(series), method).unwrap();
    move |day: i64| match (f.level, f.trend) {
        (Some(l), Some(b)) => (l + (day + 1) as f64 * b).max(0.0),
        _ => f.mean,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn proposals_respect_shelves_sources_and_clear_avoidable_stockouts(c in case()) {
        let inv = inventory(&c);
        let now: jiff::Timestamp = NOW.parse().unwrap();
        let hist = json!(history(&c));
        let pol = policies(&c);
        let r = inv.replenish_values(hist.clone(), pol.clone(), now).unwrap();

        // shelves
        for (i, s) in c.stores.iter().enumerate() {
            let Some(max) = s.max_units else { continue };
            for sku in SKUS {
                let loc = format!("S{i}");
                let got: i64 = r.proposals.iter().filter(|p| p.location.as_str() == loc && p.sku.as_str() == sku)
                    .map(|p| p.quantity).sum();
                let pos = inv.position(&loc, sku).unwrap();
                let (on_hand, inbound) = pos.map_or((0, 0), |p| (p.on_hand, p.inbound));
                prop_assert!(got == 0 || on_hand + inbound + got <= max, "{loc}/{sku}: {on_hand} + {inbound} + {got} > {max}");
            }
        }
        // source stock and limits
        let mut out_of: BTreeMap<(String, String), i64> = BTreeMap::new();
        let (mut from_acme, mut from_dc) = (0, 0);
        for p in &r.proposals {
            if let Some(f) = &p.from {
                *out_of.entry((f.as_str().to_owned(), p.sku.as_str().to_owned())).or_default() += p.quantity;
                if f.as_str() == "DC" { from_dc += p.quantity; }
            }
            if p.kind == ProposalKind::Purchase { from_acme += p.quantity; }
            prop_assert!(p.quantity > 0);
        }
        for ((loc, sku), q) in &out_of {
            let free = inv.position(loc, sku).unwrap().map_or(0, |p| p.on_hand - p.reserved);
            prop_assert!(*q <= free, "{q} units out of {loc}/{sku}, free {free}");
        }
        if let Some(l) = c.supplier_limit { prop_assert!(from_acme <= l); }
        if let Some(l) = c.dc_limit { prop_assert!(from_dc <= l); }

        // apply every proposal as supply; avoidable stockouts are gone
        let mut after = inv.clone();
        let events: Vec<Value> = r.proposals.iter().enumerate().map(|(k, p)| match &p.from {
            Some(f) => json!({"type": "transfer", "id": format!("p{k}"), "supply": format!("p{k}"), "from": f, "to": p.location,
                              "sku": p.sku, "quantity": p.quantity, "expected": p.arrival}),
            None => json!({"type": "supply_add", "id": format!("p{k}"), "supply": format!("p{k}"), "location": p.location,
                           "sku": p.sku, "quantity": p.quantity, "expected": p.arrival}),
        }).collect();
        let outcomes = after.apply_values(events);
        prop_assert!(outcomes.iter().all(|o| o.error.is_none()), "{outcomes:?}");
        // never ordering twice: a second run proposes nothing more for a position whose need
        // was met (its position is up to its level, its days until the next supply covered)
        let again = after.replenish_values(hist.clone(), pol.clone(), now).unwrap();
        for p in &again.proposals {
            let met = r.proposals.iter().any(|q| q.location == p.location && q.sku == p.sku)
                && !r.unmet.iter().any(|u| u.location == p.location && u.sku == p.sku);
            prop_assert!(!met, "{}/{} ordered again after its proposals were applied: {p:?}", p.location, p.sku);
        }
        // and, recomputed here from the state and the forecast, the projection stays at or above
        // zero from each met position's arrival day to the day before its next supply
        for p in &r.proposals {
            if r.unmet.iter().any(|u| u.location == p.location && u.sku == p.sku) {
                continue;
            }
            let (loc, sku) = (p.location.as_str(), p.sku.as_str());
            let lead = i64::from(p.numbers.lead_time_days);
            let f = daily_forecast(&c, loc, sku);
            let pos = after.position(loc, sku).unwrap();
            let avail = pos.map_or(0, |x| x.on_hand - x.reserved) as f64;
            let offset = |d: jiff::civil::Date| (d - p.order_date).get_days().max(0) as i64;
            let arrivals: Vec<(i64, i64)> = after.supplies()
                .filter(|x| x.location.as_str() == loc && x.sku.as_str() == sku)
                .map(|x| (offset(x.expected), x.quantity)).collect();
            let end = arrivals.iter().map(|a| a.0).filter(|&d| d > lead).min().map_or(lead, |d| d - 1);
            for k in lead..=end {
                let arrived: i64 = arrivals.iter().filter(|a| a.0 <= k).map(|a| a.1).sum();
                let demand: f64 = (0..=k).map(&f).sum();
                let proj = avail + arrived as f64 - demand;
                prop_assert!(proj > -1e-6, "{loc}/{sku}: {proj} on day {k} (arrival {lead}, covered to {end}) after {p:?}");
            }
        }
        let alerts = after.alerts_values(hist.clone(), pol.clone(), now).unwrap();
        for p in &r.proposals {
            if r.unmet.iter().any(|u| u.location == p.location && u.sku == p.sku) { continue; }
            let arrival = p.order_date.checked_add(jiff::Span::new().days(i64::from(p.numbers.lead_time_days))).unwrap();
            for a in &alerts {
                if a.code == omnistock::AlertCode::ProjectedStockout && a.location.as_ref() == Some(&p.location) && a.sku.as_ref() == Some(&p.sku) {
                    prop_assert!(a.date.unwrap() < arrival, "{}/{}: stockout {:?} on or after arrival {arrival} remains: {p:?}", p.location, p.sku, a.date);
                }
            }
        }
    }

    #[test]
    fn input_order_does_not_change_the_answers(c in case(), seed in any::<u64>()) {
        let inv = inventory(&c);
        let now: jiff::Timestamp = NOW.parse().unwrap();
        let hist = history(&c);
        let pol = policies(&c);
        let r = inv.replenish_values(json!(hist), pol.clone(), now).unwrap();
        let a = inv.alerts_values(json!(hist), pol.clone(), now).unwrap();
        let mut pol2 = pol.clone();
        for key in ["rules", "categories", "sources", "min_atp"] {
            pol2[key] = json!(shuffled(pol[key].as_array().unwrap(), seed));
        }
        let hist2 = shuffled(&hist, seed.rotate_left(17));
        let r2 = inv.replenish_values(json!(hist2), pol2.clone(), now).unwrap();
        let a2 = inv.alerts_values(json!(hist2), pol2, now).unwrap();
        prop_assert_eq!(serde_json::to_value(&r).unwrap(), serde_json::to_value(&r2).unwrap());
        prop_assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::to_value(&a2).unwrap());
    }
}
