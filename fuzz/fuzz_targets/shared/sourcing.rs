//! The sourcing world the `sourcing_ops` and `snapshot_plan` targets share: a 4-location
//! network with capacity, costs and exclusions, generated orders, the operations and the
//! invariants checked after each.


use libfuzzer_sys::arbitrary::{self, Arbitrary};
use omnistock::Inventory;
use serde_json::{Value, json};

pub const LOCS: [&str; 4] = ["DC1", "DC2", "S1", "S2"];
pub const SKUS: [&str; 3] = ["A", "B", "C"];
pub const PRESETS: [&str; 5] = ["priority", "closest", "fewest_shipments", "cheapest", "balanced"];
pub const NOW: &str = "2026-11-27T09:00:00Z";

pub fn network() -> Value {
    json!({
        "locations": [
            {"id": "DC1", "kind": "warehouse", "capabilities": ["ship"], "zone": "69", "priority": 1,
             "position": {"lat": 45.76, "lon": 4.83}, "capacity": {"orders_per_day": 3, "units_per_day": 8},
             "handling": {"per_order": "1.2", "per_unit": "0.1"},
             "shipping": {"std": {"distance": {"base": "4", "per_unit": "0.2", "per_km": "0.003"}}}},
            {"id": "DC2", "kind": "warehouse", "capabilities": ["ship"], "zone": "59", "priority": 1,
             "position": {"lat": 50.63, "lon": 3.06}, "exclusions": {"max_units": 4},
             "shipping": {"std": {"zones": {"75": {"base": "5", "per_unit": "0.3", "days": 1}}}}},
            {"id": "S1", "kind": "store", "capabilities": ["ship_from_store", "pickup"], "zone": "75",
             "position": {"lat": 48.85, "lon": 2.35}, "priority": 2, "capacity": {"orders_per_day": 2},
             "exclusions": {"categories": ["bulky"]},
             "shipping": {"std": {"zones": {"75": {"base": "3", "per_unit": "0.3"}}}}},
            {"id": "S2", "kind": "store", "capabilities": ["ship_from_store", "pickup"], "zone": "13",
             "position": {"lat": 43.29, "lon": 5.37}, "priority": 3}
        ],
        "channels": [{"id": "web", "kind": "web", "pool": "web"}, {"id": "cc", "kind": "click_and_collect", "pool": "cc"}],
        "pools": [{"id": "web", "members": [{"location": "DC1"}, {"location": "DC2"}, {"location": "S1", "buffer": 1},
                                            {"location": "S2", "buffer": 1}]},
                  {"id": "cc", "members": [{"location": "S1"}, {"location": "S2"}]}],
        "services": [{"id": "std", "transit": {"zones": {"69": {"75": 2, "13": 2}, "75": {"75": 1}, "13": {"13": 1}},
                      "distance_bands": [{"max_km": 400, "days": 1}, {"max_km": 1200, "days": 2}]}}],
        "lanes": [{"from": "DC1", "to": "S1", "days": 2, "base": "1"}]
    })
}

#[derive(Arbitrary, Debug)]
pub enum Op {
    Receive { loc: u8, sku: u8, q: u8 },
    Adjust { loc: u8, sku: u8, q: u8 },
    Allocate { orders: Vec<OrderSpec>, preset: u8 },
    CommitLast,
    Fulfil { pick: u8 },
    Release { pick: u8 },
    Reallocate { pick: u8, kind: u8, q: u8 },
    Offline { loc: u8 },
    Snapshot,
    Wave { orders: Vec<OrderSpec>, preset: u8, fair: bool },
    Backorders { cats: Vec<u8>, news: Vec<OrderSpec> },
}

#[derive(Arbitrary, Debug)]
pub struct OrderSpec {
    pub lines: Vec<(u8, u8, bool)>,
    pub dest: u8,
    pub pickup: bool,
    pub cc: bool,
    pub ship_complete: bool,
    pub partial: bool,
    pub max_shipments: u8,
    pub priority: u8,
    pub promised: Option<u8>,
}

pub fn order(id: usize, o: &OrderSpec) -> Value {
    let lines: Vec<Value> = o
        .lines
        .iter()
        .take(7)
        .enumerate()
        .map(|(i, &(s, q, bulky))| {
            let mut l = json!({"id": format!("{i}"), "sku": SKUS[s as usize % 3], "quantity": 1 + q % 4});
            if bulky {
                l["category"] = json!("bulky");
            }
            l
        })
        .collect();
    let mut v = json!({"id": format!("SO-{id}"), "channel": if o.cc { "cc" } else { "web" }, "lines": lines,
        "ship_complete": o.ship_complete, "allow_partial": o.partial, "priority": o.priority % 3,
        "max_shipments": 1 + o.max_shipments % 4});
    if o.pickup {
        v["pickup"] = json!(["S1", "S2"][o.dest as usize % 2]);
    } else {
        v["service"] = json!("std");
        v["destination"] = match o.dest % 3 {
            0 => json!({"zone": "75", "position": {"lat": 48.86, "lon": 2.34}}),
            1 => json!({"zone": "13"}),
            _ => json!({"position": {"lat": 47.2, "lon": -1.55}}),
        };
    }
    if let Some(p) = o.promised {
        v["promised"] = json!(format!("2026-11-{:02}", 27 + p % 4));
    }
    v
}

pub fn check(inv: &Inventory) {
    for p in inv.positions() {
        assert!(p.reserved <= p.on_hand, "{p:?}");
    }
    for (loc, orders, units) in [("DC1", 3, 8), ("S1", 2, i64::MAX)] {
        for day in ["2026-11-27", "2026-11-28", "2026-11-30"] {
            let used = inv.capacity_used(loc, day.parse().unwrap()).unwrap();
            assert!(used.orders <= orders && used.units <= units && used.orders >= 0 && used.units >= 0, "{loc} {day} {used:?}");
        }
    }
    for s in SKUS {
        for pool in ["web", "cc"] {
            assert!(inv.atp(s, pool).unwrap() >= 0);
        }
    }
    for o in inv.open_orders() {
        for s in &o.shipments {
            for l in &s.lines {
                if l.quantity > 0 {
                    let r = inv.reservations().find(|r| r.id == l.reservation).expect("held reservation exists");
                    assert_eq!(r.quantity, l.quantity);
                }
            }
        }
    }
}


/// Applies one operation (the `n`-th), checking what it promises; `last` is the last plan.
pub fn step(inv: &mut Inventory, n: usize, op: &Op, last: &mut Option<omnistock::Plan>) {
    let now: jiff::Timestamp = NOW.parse().unwrap();
        match op {
            Op::Receive { loc, sku, q } => {
                inv.apply_values(vec![json!({"type": "receive", "id": format!("e{n}"), "location": LOCS[*loc as usize % 4],
                    "sku": SKUS[*sku as usize % 3], "quantity": 1 + *q as i64 % 10})]);
            }
            Op::Adjust { loc, sku, q } => {
                inv.apply_values(vec![json!({"type": "adjust", "id": format!("e{n}"), "location": LOCS[*loc as usize % 4],
                    "sku": SKUS[*sku as usize % 3], "delta": -(1 + *q as i64 % 5), "reason": "fuzz"})]);
            }
            Op::Allocate { orders, preset } => {
                let orders: Vec<Value> = orders.iter().take(4).enumerate().map(|(i, o)| order(n * 10 + i, o)).collect();
                let rules = json!(PRESETS[*preset as usize % 5]);
                match inv.allocate_values(json!(orders), rules, now) {
                    Ok(plan) => {
                        for op in &plan.orders {
                            let asked: i64 = op.order.lines.iter().map(|l| l.quantity).sum();
                            let got: i64 = op.shipments.iter().flat_map(|s| &s.lines).map(|l| l.quantity).sum();
                            let short: i64 = op.unallocated.iter().map(|u| u.quantity).sum();
                            assert!(got <= asked);
                            if !op.shipments.is_empty() {
                                assert_eq!(got + short, asked, "{op:?}");
                            }
                        }
                        // A fresh plan commits.
                        let mut copy = inv.clone();
                        copy.commit(&plan).expect("a fresh plan commits");
                        check(&copy);
                        *last = Some(plan);
                    }
                    Err(e) => assert!(!e.code().as_str().is_empty()),
                }
            }
            Op::Wave { orders, preset, fair } => {
                let orders: Vec<Value> = orders.iter().take(6).enumerate().map(|(i, o)| order(n * 10 + i, o)).collect();
                let rules = json!({"name": "fuzz", "preset": PRESETS[*preset as usize % 5],
                    "scarcity": if *fair { "fair_share" } else { "priority" }});
                match inv.allocate_wave_values(json!(orders), rules, now) {
                    Ok(plan) => {
                        let w = plan.wave.as_ref().expect("a wave reports");
                        if let Some(lb) = w.lower_bound {
                            assert!(lb <= w.score, "lower bound {lb} above score {}", w.score);
                        }
                        for op in &plan.orders {
                            let asked: i64 = op.order.lines.iter().map(|l| l.quantity).sum();
                            let got: i64 = op.shipments.iter().flat_map(|s| &s.lines).map(|l| l.quantity).sum();
                            assert!(got <= asked);
                        }
                        // A wave's plan always commits.
                        let mut copy = inv.clone();
                        copy.commit(&plan).expect("a wave plan commits");
                        check(&copy);
                        *last = Some(plan);
                    }
                    Err(e) => assert!(!e.code().as_str().is_empty()),
                }
            }
            Op::Backorders { cats, news } => {
                const CATS: [&str; 5] = ["win", "gain", "redistribute", "fill", "lose"];
                let ids: Vec<String> = inv.open_orders().map(|o| o.order.id.clone()).take(4).collect();
                let mut backlog: Vec<Value> = ids
                    .iter()
                    .zip(cats.iter().chain(std::iter::repeat(&1)))
                    .map(|(id, c)| json!({"order": id, "category": CATS[*c as usize % 5]}))
                    .collect();
                for (i, o) in news.iter().take(2).enumerate() {
                    backlog.push(json!({"new": order(n * 10 + 5 + i, o)}));
                }
                match inv.process_backorders_values(json!(backlog), json!("balanced"), now) {
                    Ok(plan) => {
                        let mut copy = inv.clone();
                        copy.commit(&plan).expect("a backorder plan commits");
                        check(&copy);
                        *last = Some(plan);
                    }
                    Err(e) => assert!(!e.code().as_str().is_empty()),
                }
            }
            Op::CommitLast => {
                if let Some(plan) = last.take() {
                    let before = inv.snapshot();
                    if let Err(e) = inv.commit(&plan) {
                        assert!(matches!(e.code().as_str(), "stale_plan" | "duplicate_id" | "unknown_order"), "{e}");
                        assert_eq!(inv.snapshot(), before, "a refused commit changes nothing");
                    }
                }
            }
            Op::Fulfil { pick } => {
                let ids: Vec<String> = inv.open_orders().flat_map(|o| o.shipments.iter().flat_map(|s| s.lines.iter()))
                    .filter(|l| l.quantity > 0).map(|l| l.reservation.to_string()).collect();
                if !ids.is_empty() {
                    let id = &ids[*pick as usize % ids.len()];
                    let out = inv.apply_values(vec![json!({"type": "fulfil", "id": format!("e{n}"), "reservation": id})]);
                    assert!(out[0].error.is_none(), "{out:?}");
                }
            }
            Op::Release { pick } => {
                let ids: Vec<String> = inv.open_orders().map(|o| o.order.id.clone()).collect();
                if !ids.is_empty() {
                    let id = &ids[*pick as usize % ids.len()];
                    inv.release_order(id).expect("an open order releases");
                    assert!(inv.open_order(id).is_none());
                }
            }
            Op::Reallocate { pick, kind, q } => {
                let held: Vec<(String, String, String, i64)> = inv.open_orders().flat_map(|o| {
                    o.shipments.iter().flat_map(move |s| s.lines.iter().filter(|l| l.quantity > 0)
                        .map(move |l| (o.order.id.clone(), s.location.to_string(), l.line.clone(), l.quantity)))
                }).collect();
                if !held.is_empty() {
                    let (order, loc, line, qty) = &held[*pick as usize % held.len()];
                    let event = match kind % 3 {
                        0 => json!({"type": "reject", "location": loc}),
                        1 => json!({"type": "short_pick", "location": loc, "line": line, "quantity": 1 + (*q as i64) % qty}),
                        _ => json!({"type": "offline", "location": loc}),
                    };
                    let plan = inv.reallocate_value(order, event, now).expect("a held line reallocates");
                    inv.commit(&plan).expect("a fresh reallocation commits");
                }
            }
            Op::Offline { loc } => {
                let plan = inv.reallocate_offline(LOCS[*loc as usize % 4], now).expect("known location");
                inv.commit(&plan).expect("a fresh offline plan commits");
            }
            Op::Snapshot => {
                let bytes = inv.snapshot();
                let back = Inventory::restore(&bytes).expect("own snapshot restores");
                assert_eq!(back.snapshot(), bytes);
                *inv = back;
            }
        }
    check(inv);
}
