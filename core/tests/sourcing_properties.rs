//! Properties of order sourcing on small random networks, with a calendar simple enough for a
//! brute force to price plans by hand: every day is a working day, no cut-off, no processing,
//! and each location ships to the destination zone at a zone rate (`base`, `per_unit`, `days`).
//!
//! * The exact search finds the optimum that a brute force over every set of locations and
//!   every integer split of every line finds (units allocated first, then the score).
//! * A plan commits (it never allocates more than is sellable or than capacity allows), and
//!   after the commit no location's capacity is exceeded.
//! * Shuffling the orders of a batch, the network's locations and pool members, and the keys
//!   of every JSON object never changes the plan.
//! * Commit then release of every order gives back the snapshot from before, byte for byte; a
//!   commit refused as stale changes nothing.

mod common;
use common::shuffled;
use omnistock::{Inventory, Order, OrderStatus, Plan, RuleSet};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

const SKUS: [&str; 2] = ["A", "B"];
const NOW: &str = "2026-11-27T09:00:00Z";
const TODAY: &str = "2026-11-27";

#[derive(Clone, Debug)]
struct Loc {
    /// Zone rate: base, per unit (in cents), transit days.
    base: i64,
    per_unit: i64,
    days: u32,
    /// Handling per order and per unit (cents).
    h_order: i64,
    h_unit: i64,
    priority: u32,
    buffer: i64,
    /// Capacity: orders and units per day (None: unlimited).
    cap_orders: Option<i64>,
    cap_units: Option<i64>,
    max_units: Option<i64>,
    /// Stock per SKU.
    stock: [i64; 2],
}

#[derive(Clone, Debug)]
struct Case {
    locs: Vec<Loc>,
    /// Lines: (SKU index, quantity).
    lines: Vec<(usize, i64)>,
    max_shipments: u32,
    split_lines: bool,
    /// Weights in hundredths: shipping, handling, split, late_day, rank.
    weights: [i64; 5],
    /// Promised date offset from today, days.
    promised: Option<i64>,
}

fn cents(v: i64) -> String {
    Decimal::new(v, 2).to_string()
}

fn network(locs: &[Loc], order: &[usize]) -> Value {
    let locations: Vec<Value> = order
        .iter()
        .map(|&i| {
            let l = &locs[i];
            let mut v = json!({
                "id": format!("L{i}"), "kind": "warehouse", "capabilities": ["ship"], "zone": "Z",
                "priority": l.priority,
                "handling": {"per_order": cents(l.h_order), "per_unit": cents(l.h_unit)},
                "shipping": {"std": {"zones": {"D": {"base": cents(l.base), "per_unit": cents(l.per_unit), "days": l.days}}}}
            });
            let mut cap = serde_json::Map::new();
            if let Some(o) = l.cap_orders {
                cap.insert("orders_per_day".into(), json!(o));
            }
            if let Some(u) = l.cap_units {
                cap.insert("units_per_day".into(), json!(u));
            }
            if !cap.is_empty() {
                v["capacity"] = Value::Object(cap);
            }
            if let Some(m) = l.max_units {
                v["exclusions"] = json!({"max_units": m});
            }
            v
        })
        .collect();
    let members: Vec<Value> = order
        .iter()
        .map(|&i| json!({"location": format!("L{i}"), "buffer": locs[i].buffer}))
        .collect();
    json!({
        "locations": locations,
        "channels": [{"id": "web", "kind": "web", "pool": "P"}],
        "pools": [{"id": "P", "members": members}],
        "services": [{"id": "std", "working_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                      "transit": {"zones": {"Z": {"D": 9}}}}]
    })
}

fn inventory(locs: &[Loc], order: &[usize]) -> Inventory {
    let mut inv = Inventory::new(serde_json::from_value(network(locs, order)).unwrap()).unwrap();
    let mut events = Vec::new();
    for (i, l) in locs.iter().enumerate() {
        for (k, &q) in l.stock.iter().enumerate() {
            if q > 0 {
                events.push(
                    json!({"type": "receive", "id": format!("r{i}{k}"), "location": format!("L{i}"),
                                   "sku": SKUS[k], "quantity": q}),
                );
            }
        }
    }
    let out = inv.apply_values(events);
    assert!(out.iter().all(|o| o.error.is_none()));
    inv
}

fn order_json(id: &str, c: &Case) -> Value {
    let lines: Vec<Value> = c
        .lines
        .iter()
        .enumerate()
        .map(|(i, &(s, q))| json!({"id": format!("{}", i + 1), "sku": SKUS[s], "quantity": q}))
        .collect();
    let mut o = json!({"id": id, "channel": "web", "service": "std", "destination": {"zone": "D"},
                       "lines": lines, "max_shipments": c.max_shipments});
    if let Some(p) = c.promised {
        let d: jiff::civil::Date = TODAY.parse().unwrap();
        o["promised"] = json!(d.checked_add(jiff::Span::new().days(p)).unwrap().to_string());
    }
    o
}

fn rules(c: &Case) -> RuleSet {
    let w = c.weights;
    RuleSet::from_value(json!({
        "name": "prop", "preset": "cheapest", "split_lines": c.split_lines,
        "weights": {"shipping": cents(w[0]), "handling": cents(w[1]), "split": cents(w[2]),
                    "late_day": cents(w[3]), "rank": cents(w[4]), "distance": "0"}
    }))
    .unwrap()
}

/// The brute force's score of using location `l` for `u` units (in 10⁻⁴ of money: weights and
/// money are both in hundredths).
fn leg_score(c: &Case, l: &Loc, u: i64) -> i64 {
    let w = c.weights;
    let late = c.promised.map_or(0, |p| (i64::from(l.days) - p).max(0));
    w[0] * (l.base + l.per_unit * u)
        + w[1] * (l.h_order + l.h_unit * u)
        + w[3] * late * 100
        + w[4] * i64::from(l.priority) * u * 100
}

/// Best (unallocated units, score) over every set of at most `max_shipments` locations and
/// every integer split.
/// Best (unallocated units, score), and the runner-up's: the best with another set of locations
/// (`None` if no other set ships anything).
fn brute(c: &Case) -> ((i64, i64), Option<(i64, i64)>) {
    let n = c.locs.len();
    let total: i64 = c.lines.iter().map(|l| l.1).sum();
    let eligible: Vec<usize> = (0..n)
        .filter(|&i| c.locs[i].cap_orders != Some(0) && c.locs[i].max_units.is_none_or(|m| total <= m))
        .collect();
    let mut per_set: Vec<(i64, i64)> = Vec::new();
    // Sets as bitmasks over eligible locations.
    for mask in 1u32..(1 << eligible.len()) {
        let set: Vec<usize> = (0..eligible.len())
            .filter(|b| mask & (1 << b) != 0)
            .map(|b| eligible[b])
            .collect();
        if set.len() > c.max_shipments as usize {
            continue;
        }
        // Enumerate u[line][k] for k in set.
        let cells = c.lines.len() * set.len();
        let mut u = vec![0i64; cells];
        let mut best: Option<(i64, i64)> = None;
        loop {
            if let Some(key) = evaluate(c, &set, &u) {
                if best.is_none_or(|b| key < b) {
                    best = Some(key);
                }
            }
            // Odometer over cells, each 0..=line quantity.
            let mut i = 0;
            loop {
                if i == cells {
                    break;
                }
                let line = i / set.len();
                u[i] += 1;
                if u[i] <= c.lines[line].1 {
                    break;
                }
                u[i] = 0;
                i += 1;
            }
            if i == cells {
                break;
            }
        }
        per_set.extend(best);
    }
    per_set.sort_unstable();
    match per_set.as_slice() {
        [] => ((total, 0), None),
        [b] => (*b, None),
        [b, r, ..] => (*b, Some(*r)),
    }
}

fn evaluate(c: &Case, set: &[usize], u: &[i64]) -> Option<(i64, i64)> {
    let k = set.len();
    let mut filled = 0;
    for (li, &(_, q)) in c.lines.iter().enumerate() {
        let row = &u[li * k..(li + 1) * k];
        let got: i64 = row.iter().sum();
        if got > q {
            return None;
        }
        if !c.split_lines && row.iter().filter(|&&x| x > 0).count() > 1 {
            return None;
        }
        filled += got;
    }
    let mut score = 0;
    for (j, &l) in set.iter().enumerate() {
        let loc = &c.locs[l];
        let units: i64 = (0..c.lines.len()).map(|li| u[li * k + j]).sum();
        if units == 0 {
            return None;
        }
        for s in 0..SKUS.len() {
            let of_sku: i64 = (0..c.lines.len())
                .filter(|&li| c.lines[li].0 == s)
                .map(|li| u[li * k + j])
                .sum();
            if of_sku > (loc.stock[s] - loc.buffer).max(0) {
                return None;
            }
        }
        if loc.cap_units.is_some_and(|cap| units > cap) {
            return None;
        }
        score += leg_score(c, loc, units);
    }
    score += c.weights[2] * 100 * (set.len() as i64 - 1);
    let total: i64 = c.lines.iter().map(|l| l.1).sum();
    Some((total - filled, score))
}

fn loc_strategy() -> impl Strategy<Value = Loc> {
    (
        (0i64..=600, 0i64..=100, 0u32..=3),
        (0i64..=200, 0i64..=50, 0u32..=3, 0i64..=1),
        (
            prop::option::weighted(0.2, 0i64..=2),
            prop::option::weighted(0.3, 1i64..=4),
            prop::option::weighted(0.2, 1i64..=6),
        ),
        (0i64..=4, 0i64..=4),
    )
        .prop_map(
            |((base, per_unit, days), (h_order, h_unit, priority, buffer), (co, cu, mu), (a, b))| Loc {
                base,
                per_unit,
                days,
                h_order,
                h_unit,
                priority,
                buffer,
                cap_orders: co,
                cap_units: cu,
                max_units: mu,
                stock: [a, b],
            },
        )
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(loc_strategy(), 2..=5),
        prop::collection::vec((0usize..2, 1i64..=3), 1..=3),
        1u32..=3,
        prop::bool::weighted(0.75),
        [0i64..=200, 0i64..=200, 0i64..=500, 0i64..=300, 0i64..=100],
        prop::option::of(0i64..=3),
    )
        .prop_map(|(locs, lines, max_shipments, split_lines, weights, promised)| Case {
            locs,
            lines,
            max_shipments,
            split_lines,
            weights,
            promised,
        })
}

fn plan_key(plan: &Plan) -> (i64, i64) {
    let op = &plan.orders[0];
    let total: i64 = op.order.lines.iter().map(|l| l.quantity).sum();
    let allocated: i64 = op.shipments.iter().flat_map(|s| &s.lines).map(|l| l.quantity).sum();
    // Scores in 10⁻⁴ of money, as the brute force counts them.
    let score = (op.cost.score * Decimal::from(10_000)).trunc();
    (
        total - allocated,
        i64::try_from(score.mantissa()).unwrap() / 10i64.pow(score.scale()),
    )
}

/// The same JSON with every object's keys in another order.
fn reorder_keys(v: &Value, seed: u64) -> Value {
    match v {
        Value::Object(m) => {
            let keys: Vec<&String> = m.keys().collect();
            let mut out = serde_json::Map::new();
            for k in shuffled(&keys, seed) {
                out.insert(k.clone(), reorder_keys(&m[k], seed.wrapping_mul(31).wrapping_add(7)));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| reorder_keys(x, seed.wrapping_add(3))).collect()),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn exact_search_equals_brute_force(c in case_strategy()) {
        let ids: Vec<usize> = (0..c.locs.len()).collect();
        let inv = inventory(&c.locs, &ids);
        let now = NOW.parse().unwrap();
        let order: Order = serde_json::from_value(order_json("SO", &c)).unwrap();
        let plan = inv.allocate(&[order], &rules(&c), now).unwrap();
        let op = &plan.orders[0];
        prop_assert_eq!(op.explanation.method.as_str(), "exact");
        let (expected, runner_up) = brute(&c);
        if op.status == OrderStatus::Refused || op.status == OrderStatus::Unallocated {
            prop_assert!(op.shipments.is_empty());
        }
        prop_assert_eq!(plan_key(&plan), expected, "plan {}", serde_json::to_string(&plan).unwrap());
        // The runner-up, if any, is another set of locations, never better than the winner, and
        // never better than the best plan over another set (the brute force's runner-up).
        if let Some(r) = op.explanation.runner_up.as_ref() {
            let score = (r.cost.score * Decimal::from(10_000)).trunc();
            let key = (r.unallocated, i64::try_from(score.mantissa()).unwrap() / 10i64.pow(score.scale()));
            prop_assert!(key >= expected);
            prop_assert!(runner_up.is_some_and(|b| key >= b), "{key:?} {runner_up:?}");
            let mut winners: Vec<&str> = op.shipments.iter().map(|s| s.location.as_str()).collect();
            winners.sort_unstable();
            let others: Vec<&str> = r.locations.iter().map(|l| l.as_str()).collect();
            prop_assert!(winners != others);
        }
        // Each shipment's score adds up with the split term to the order's.
        let sum: Decimal = op.shipments.iter().map(|s| s.cost.score).sum();
        let w = c.weights;
        let split = Decimal::new(w[2], 2) * Decimal::from(op.shipments.len().saturating_sub(1) as u64);
        prop_assert_eq!(sum + split, op.cost.score);
    }

    #[test]
    fn batches_commit_and_respect_capacity(c in case_strategy(), extra in prop::collection::vec((0usize..2, 1i64..=3, 0u32..=2), 1..=3)) {
        let ids: Vec<usize> = (0..c.locs.len()).collect();
        let mut inv = inventory(&c.locs, &ids);
        let now = NOW.parse().unwrap();
        let mut orders = vec![serde_json::from_value::<Order>(order_json("SO-0", &c)).unwrap()];
        for (i, &(s, q, pr)) in extra.iter().enumerate() {
            let mut o = order_json(&format!("SO-{}", i + 1), &Case { lines: vec![(s, q)], ..c.clone() });
            o["priority"] = json!(pr);
            orders.push(serde_json::from_value(o).unwrap());
        }
        let plan = inv.allocate(&orders, &rules(&c), now).unwrap();
        let committed = inv.commit(&plan);
        prop_assert!(committed.is_ok(), "{:?}", committed);
        for (i, l) in c.locs.iter().enumerate() {
            let used = inv.capacity_used(&format!("L{i}"), TODAY.parse().unwrap()).unwrap();
            if let Some(o) = l.cap_orders { prop_assert!(used.orders <= o); }
            if let Some(u) = l.cap_units { prop_assert!(used.units <= u); }
            for s in SKUS {
                if let Some(p) = inv.position(&format!("L{i}"), s).unwrap() {
                    prop_assert!(p.reserved <= p.on_hand);
                }
            }
        }
        for s in SKUS {
            prop_assert!(inv.atp(s, "P").unwrap() >= 0);
        }
    }

    #[test]
    fn input_order_never_changes_the_plan(c in case_strategy(), seed in any::<u64>(), extra in prop::collection::vec((0usize..2, 1i64..=3, 0u32..=2, prop::option::of(0i64..=3)), 0..=3)) {
        let ids: Vec<usize> = (0..c.locs.len()).collect();
        let inv = inventory(&c.locs, &ids);
        let now = NOW.parse().unwrap();
        let mut orders = vec![order_json("SO-0", &c)];
        for (i, &(s, q, pr, promised)) in extra.iter().enumerate() {
            let mut o = order_json(&format!("SO-{}", i + 1), &Case { lines: vec![(s, q)], promised, ..c.clone() });
            o["priority"] = json!(pr);
            orders.push(o);
        }
        let plan = inv.allocate_values(json!(orders), serde_json::to_value(rules(&c)).unwrap(), now).unwrap();
        // The same inventory built from shuffled locations and members, orders shuffled, keys reordered.
        let other_ids = shuffled(&ids, seed);
        let net = reorder_keys(&network(&c.locs, &other_ids), seed);
        let mut inv2 = Inventory::from_json(&net.to_string()).unwrap();
        let mut events = Vec::new();
        for &i in &other_ids {
            for (k, &q) in c.locs[i].stock.iter().enumerate() {
                if q > 0 {
                    events.push(json!({"type": "receive", "id": format!("r{i}{k}"), "location": format!("L{i}"), "sku": SKUS[k], "quantity": q}));
                }
            }
        }
        inv2.apply_values(events);
        let orders2: Vec<Value> = shuffled(&orders, seed ^ 0x5555).iter().map(|o| reorder_keys(o, seed)).collect();
        let plan2 = inv2.allocate_values(json!(orders2), reorder_keys(&serde_json::to_value(rules(&c)).unwrap(), seed), now).unwrap();
        prop_assert_eq!(serde_json::to_string(&plan).unwrap(), serde_json::to_string(&plan2).unwrap());
    }

    #[test]
    fn commit_then_release_restores_the_ledger(c in case_strategy(), shrink in 0i64..=3) {
        let ids: Vec<usize> = (0..c.locs.len()).collect();
        let mut inv = inventory(&c.locs, &ids);
        let now = NOW.parse().unwrap();
        let before = inv.snapshot();
        let order: Order = serde_json::from_value(order_json("SO", &c)).unwrap();
        let plan = inv.allocate(&[order], &rules(&c), now).unwrap();
        inv.commit(&plan).unwrap();
        if inv.open_order("SO").is_some() {
            inv.release_order("SO").unwrap();
        }
        prop_assert_eq!(String::from_utf8(inv.snapshot()).unwrap(), String::from_utf8(before.clone()).unwrap());
        // A plan made, then the stock shrinks: the commit goes through or is refused whole.
        let plan = inv.allocate(&[serde_json::from_value(order_json("SO", &c)).unwrap()], &rules(&c), now).unwrap();
        if shrink > 0 {
            if let Some(s) = plan.orders[0].shipments.first() {
                let l = &s.lines[0];
                let pos = inv.position(s.location.as_str(), l.sku.as_str()).unwrap().unwrap();
                let delta = -(shrink.min(pos.on_hand - pos.reserved));
                if delta < 0 {
                    inv.apply_values(vec![json!({"type": "adjust", "id": "shrink", "location": s.location, "sku": l.sku, "delta": delta, "reason": "damaged"})]);
                }
            }
        }
        let mid = inv.snapshot();
        match inv.commit(&plan) {
            Ok(_) => prop_assert!(inv.open_order("SO").is_some() || plan.orders[0].shipments.is_empty()),
            Err(e) => {
                prop_assert_eq!(e.code().as_str(), "stale_plan");
                prop_assert_eq!(inv.snapshot(), mid);
            }
        }
    }
}
