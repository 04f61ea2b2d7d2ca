//! Properties of wave allocation and backorder processing on random small networks: a wave's
//! plan always commits (never oversells, never exceeds a location's capacity), is never worse
//! than serving the orders one by one, reports a lower bound below its score, and does not
//! depend on the order of its input; backorders commit and never take away what a `gain`
//! order holds.

mod common;

use omnistock::{Backorder, Inventory, Order, Plan, RuleSet};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

#[derive(Clone, Debug)]
struct Loc {
    rates: [(i64, i64); 2],
    orders_cap: Option<i64>,
    units_cap: Option<i64>,
    stock: [i64; 2],
}

#[derive(Clone, Debug)]
struct Ord {
    zone: usize,
    lines: Vec<(usize, i64)>,
    priority: u32,
    mkt: bool,
    ship_complete: bool,
    partial: bool,
    max_ships: u32,
}

#[derive(Clone, Debug)]
struct Case {
    locs: Vec<Loc>,
    orders: Vec<Ord>,
    split: i64,
    fair: bool,
    more: [i64; 2],
}

const ZONES: [&str; 2] = ["N", "S"];
const SKUS: [&str; 2] = ["A", "B"];

fn network(c: &Case) -> Value {
    let locs: Vec<Value> = c
        .locs
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut zones = serde_json::Map::new();
            for (z, (b, u)) in ZONES.iter().zip(l.rates) {
                zones.insert(
                    (*z).into(),
                    json!({"base": b.to_string(), "per_unit": u.to_string(), "days": 1 + i % 2}),
                );
            }
            let mut v = json!({"id": format!("L{i}"), "kind": "warehouse", "zone": "N", "capabilities": ["ship"],
                "shipping": {"standard": {"zones": zones}}});
            if l.orders_cap.is_some() || l.units_cap.is_some() {
                let mut cap = serde_json::Map::new();
                if let Some(o) = l.orders_cap {
                    cap.insert("orders_per_day".into(), json!(o));
                }
                if let Some(u) = l.units_cap {
                    cap.insert("units_per_day".into(), json!(u));
                }
                v["capacity"] = Value::Object(cap);
            }
            v
        })
        .collect();
    let members: Vec<Value> = (0..c.locs.len())
        .map(|i| json!({"location": format!("L{i}")}))
        .collect();
    json!({"locations": locs,
        "channels": [{"id": "web", "kind": "web", "pool": "all"}, {"id": "mkt", "kind": "marketplace", "pool": "all"}],
        "pools": [{"id": "all", "members": members}],
        "services": [{"id": "standard", "transit": {}}]})
}

fn inventory(c: &Case) -> Inventory {
    let mut inv = Inventory::from_json(&network(c).to_string()).unwrap();
    let mut events = Vec::new();
    for (i, l) in c.locs.iter().enumerate() {
        for (s, q) in SKUS.iter().zip(l.stock) {
            if q > 0 {
                events.push(json!({"type": "receive", "id": format!("r{i}{s}"), "location": format!("L{i}"), "sku": s, "quantity": q}));
            }
        }
    }
    inv.apply_json(&Value::Array(events).to_string()).unwrap();
    inv
}

fn orders(c: &Case) -> Vec<Order> {
    c.orders
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let lines: Vec<Value> = o
                .lines
                .iter()
                .enumerate()
                .map(|(k, (s, q))| json!({"id": k.to_string(), "sku": SKUS[*s], "quantity": q}))
                .collect();
            serde_json::from_value(json!({"id": format!("O{i}"), "channel": if o.mkt {"mkt"} else {"web"},
                "service": "standard", "destination": {"zone": ZONES[o.zone]}, "lines": lines,
                "priority": o.priority, "ship_complete": o.ship_complete, "allow_partial": o.partial,
                "max_shipments": o.max_ships}))
            .unwrap()
        })
        .collect()
}

fn rules(c: &Case) -> RuleSet {
    RuleSet::from_value(
        json!({"name": "p", "preset": "cheapest", "weights": {"split": c.split.to_string()},
        "scarcity": if c.fair {"fair_share"} else {"priority"}}),
    )
    .unwrap()
}

fn now() -> jiff::Timestamp {
    "2026-11-27T09:00:00Z".parse().unwrap()
}

/// (units unallocated, score) of a plan.
fn key(p: &Plan) -> (i64, Decimal) {
    let units: i64 = p.orders.iter().flat_map(|o| &o.unallocated).map(|u| u.quantity).sum();
    (units, p.orders.iter().map(|o| o.cost.score).sum())
}

fn case_strategy() -> impl Strategy<Value = Case> {
    let loc = (
        [(0i64..=9, 0i64..=3), (0i64..=9, 0i64..=3)],
        prop::option::of(1i64..=3),
        prop::option::of(2i64..=8),
        [0i64..=6, 0i64..=6],
    )
        .prop_map(|(rates, orders_cap, units_cap, stock)| Loc {
            rates,
            orders_cap,
            units_cap,
            stock,
        });
    let ord = (
        0usize..2,
        prop::collection::vec((0usize..2, 1i64..=3), 1..=2),
        0u32..=1,
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.8),
        1u32..=3,
    )
        .prop_map(|(zone, mut lines, priority, mkt, ship_complete, partial, max_ships)| {
            lines.dedup_by_key(|l| l.0);
            Ord {
                zone,
                lines,
                priority,
                mkt,
                ship_complete,
                partial,
                max_ships,
            }
        });
    (
        prop::collection::vec(loc, 1..=4),
        prop::collection::vec(ord, 1..=6),
        0i64..=5,
        any::<bool>(),
        [0i64..=6, 0i64..=6],
    )
        .prop_map(|(locs, orders, split, fair, more)| Case {
            locs,
            orders,
            split,
            fair,
            more,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_wave_commits_within_stock_and_capacity(c in case_strategy()) {
        let mut inv = inventory(&c);
        let plan = inv.allocate_wave(&orders(&c), &rules(&c), now()).unwrap();
        inv.commit(&plan).unwrap();
        for s in SKUS {
            prop_assert!(inv.atp("A", "all").unwrap() >= 0 && inv.atp(s, "all").unwrap() >= 0);
            for (i, _) in c.locs.iter().enumerate() {
                if let Some(p) = inv.position(&format!("L{i}"), s).unwrap() {
                    prop_assert!(p.reserved <= p.on_hand, "oversold at L{}: {:?}", i, p);
                }
            }
        }
        for (i, l) in c.locs.iter().enumerate() {
            let used = inv.capacity_used(&format!("L{i}"), "2026-11-27".parse().unwrap()).unwrap();
            prop_assert!(l.orders_cap.is_none_or(|o| used.orders <= o));
            prop_assert!(l.units_cap.is_none_or(|u| used.units <= u));
        }
    }

    #[test]
    fn a_wave_is_never_worse_than_order_by_order(c in case_strategy()) {
        let inv = inventory(&c);
        let (o, r) = (orders(&c), rules(&c));
        let wave = inv.allocate_wave(&o, &r, now()).unwrap();
        let per = inv.allocate(&o, &r, now()).unwrap();
        prop_assert!(key(&wave) <= key(&per), "wave {:?} per order {:?}", key(&wave), key(&per));
        let w = wave.wave.as_ref().unwrap();
        prop_assert_eq!((w.units - w.allocated, w.score), key(&wave));
        if let Some(lb) = w.lower_bound {
            prop_assert!(lb <= w.score, "lower bound {} above score {}", lb, w.score);
        }
    }

    #[test]
    fn input_order_never_changes_a_wave(c in case_strategy(), seed in any::<u64>()) {
        let inv = inventory(&c);
        let o = orders(&c);
        let a = inv.allocate_wave(&o, &rules(&c), now()).unwrap();
        let b = inv.allocate_wave(&common::shuffled(&o, seed), &rules(&c), now()).unwrap();
        prop_assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap());
    }

    #[test]
    fn backorders_commit_and_gain_orders_keep_what_they_hold(c in case_strategy()) {
        let mut inv = inventory(&c);
        let o = orders(&c);
        inv.commit(&inv.allocate_wave(&o, &rules(&c), now()).unwrap()).unwrap();
        let held = |inv: &Inventory, id: &str| -> i64 {
            inv.open_order(id).map_or(0, |oo| oo.shipments.iter().flat_map(|s| &s.lines).map(|l| l.quantity).sum())
        };
        let before: Vec<i64> = (0..o.len()).map(|i| held(&inv, &format!("O{i}"))).collect();
        let mut events = Vec::new();
        for (s, q) in SKUS.iter().zip(c.more) {
            if q > 0 {
                events.push(json!({"type": "receive", "id": format!("m{s}"), "location": "L0", "sku": s, "quantity": q}));
            }
        }
        inv.apply_json(&Value::Array(events).to_string()).unwrap();
        let backlog: Vec<Backorder> = (0..o.len())
            .filter(|i| inv.open_order(&format!("O{i}")).is_some())
            .map(|i| serde_json::from_value(json!({"order": format!("O{i}")})).unwrap())
            .collect();
        let plan = inv.process_backorders(&backlog, &rules(&c), now()).unwrap();
        inv.commit(&plan).unwrap();
        for (i, b) in before.iter().enumerate() {
            let id = format!("O{}", i);
            prop_assert!(held(&inv, &id) >= *b, "{} lost units", id);
        }
        for s in SKUS {
            prop_assert!(inv.atp(s, "all").unwrap() >= 0);
        }
    }
}
