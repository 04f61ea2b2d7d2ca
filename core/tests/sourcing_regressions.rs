//! Regressions from the review of the sourcing change (each test was failing before its fix).

use omnistock::{Disruption, Inventory, Order, RuleSet};
use serde_json::{Value, json};

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

fn loc(id: &str, base: &str) -> Value {
    json!({"id": id, "kind": "warehouse", "capabilities": ["ship"], "zone": "Z",
           "shipping": {"std": {"zones": {"D": {"base": base, "per_unit": "0", "days": 1}}}}})
}

fn net(locs: Vec<Value>, members: Value) -> Inventory {
    let n = json!({
        "locations": locs,
        "channels": [{"id": "web", "kind": "web", "pool": "p"}],
        "pools": [{"id": "p", "members": members}],
        "services": [{"id": "std", "working_days": ["mon","tue","wed","thu","fri","sat","sun"],
                      "transit": {"zones": {"Z": {"D": 1}}}}]
    });
    Inventory::from_json(&n.to_string()).unwrap()
}

fn recv(inv: &mut Inventory, id: &str, l: &str, sku: &str, q: i64) {
    let out = inv
        .apply_json(&json!([{"type": "receive", "id": id, "location": l, "sku": sku, "quantity": q}]).to_string())
        .unwrap();
    assert!(
        format!("{out:?}").contains("Applied") || format!("{out:?}").contains("applied"),
        "{out:?}"
    );
}

fn order(v: Value) -> Order {
    serde_json::from_value(v).unwrap()
}

/// Short pick at C while the order keeps A, B, C with max_shipments 3: the moved units could go
/// 1 to A and 1 to B (no new shipment), but pairs of kept locations are never evaluated when
/// max_new == 0.
#[test]
fn kept_pair_not_searched_when_no_new_shipment_left() {
    let mut inv = net(
        vec![loc("A", "1"), loc("B", "1"), loc("C", "1")],
        json!([{"location": "A"}, {"location": "B"}, {"location": "C"}]),
    );
    recv(&mut inv, "e1", "C", "X", 2);
    recv(&mut inv, "e2", "C", "W", 1);
    recv(&mut inv, "e3", "A", "Y", 1);
    recv(&mut inv, "e4", "B", "Z", 1);
    let now = ts("2026-11-27T09:00:00Z");
    let o = order(
        json!({"id": "SO-1", "channel": "web", "service": "std", "destination": {"zone": "D"},
        "max_shipments": 3,
        "lines": [{"id": "1", "sku": "X", "quantity": 2}, {"id": "2", "sku": "Y", "quantity": 1},
                  {"id": "3", "sku": "Z", "quantity": 1}, {"id": "4", "sku": "W", "quantity": 1}]}),
    );
    let plan = inv.allocate(&[o], &RuleSet::default(), now).unwrap();
    assert_eq!(plan.orders[0].shipments.len(), 3);
    inv.commit(&plan).unwrap();
    recv(&mut inv, "e5", "A", "X", 1);
    recv(&mut inv, "e6", "B", "X", 1);
    let moved = inv
        .reallocate(
            "SO-1",
            &Disruption::ShortPick {
                location: "C".into(),
                line: "1".into(),
                quantity: 2,
            },
            now,
        )
        .unwrap();
    let op = &moved.orders[0];
    println!("{}", serde_json::to_string_pretty(&op.shipments).unwrap());
    println!("{:?} {}", op.unallocated, op.explanation.summary);
    assert!(
        op.unallocated.is_empty(),
        "units left unallocated though A and B (kept) hold them: {:?}",
        op.unallocated
    );
}

/// A reallocation commit that fails after releasing a reservation re-reserves it through
/// `reserve`, which re-applies the buffer: the reservation is lost.
#[test]
fn failed_reallocation_commit_loses_released_reservation() {
    let mut inv = net(
        vec![loc("A", "1"), loc("B", "5")],
        json!([{"location": "A", "buffer": 1}, {"location": "B"}]),
    );
    recv(&mut inv, "e1", "A", "X", 3);
    recv(&mut inv, "e2", "B", "X", 2);
    let now = ts("2026-11-27T09:00:00Z");
    let o = order(
        json!({"id": "SO-1", "channel": "web", "service": "std", "destination": {"zone": "D"},
        "lines": [{"id": "1", "sku": "X", "quantity": 2}]}),
    );
    let plan = inv.allocate(&[o], &RuleSet::default(), now).unwrap();
    assert_eq!(plan.orders[0].shipments[0].location.as_str(), "A");
    inv.commit(&plan).unwrap();
    // Shrinkage at A eats into the buffer (reservations still covered: allowed).
    let out = inv
        .apply_json(
            &json!([{"type": "adjust", "id": "e3", "location": "A", "sku": "X", "delta": -1, "reason": "damage"}])
                .to_string(),
        )
        .unwrap();
    println!("{out:?}");
    let moved = inv
        .reallocate(
            "SO-1",
            &Disruption::Reject {
                location: "A".into(),
                lines: vec![],
            },
            now,
        )
        .unwrap();
    assert_eq!(moved.orders[0].shipments[0].location.as_str(), "B");
    // B's stock goes before the commit: the commit is stale.
    inv.apply_json(
        &json!([{"type": "adjust", "id": "e4", "location": "B", "sku": "X", "delta": -2, "reason": "damage"}])
            .to_string(),
    )
    .unwrap();
    let before = inv.snapshot();
    let err = inv.commit(&moved).unwrap_err();
    println!("{err}");
    let after = inv.snapshot();
    let r: Vec<_> = inv.reservations().map(|r| (r.id.to_string(), r.quantity)).collect();
    println!("reservations after failed commit: {r:?}");
    assert!(before == after, "state changed by a refused commit");
}

/// A rate large enough to overflow `Decimal` arithmetic once multiplied used to panic in
/// `allocate`: rates above 10⁹ are now refused by the network, and the largest accepted rate,
/// weight and order size still allocate.
#[test]
fn huge_rate_is_refused_and_the_largest_allowed_allocates() {
    let huge = json!({
        "locations": [{"id": "A", "kind": "warehouse", "capabilities": ["ship"], "zone": "Z",
           "shipping": {"std": {"zones": {"D": {"base": "0", "per_unit": "50000000000000000000000000000", "days": 1}}}}}],
        "channels": [{"id": "web", "kind": "web", "pool": "web"}],
        "pools": [{"id": "web", "members": [{"location": "A"}]}],
        "services": [{"id": "std", "transit": {"zones": {"Z": {"D": 1}}}}]
    });
    assert_eq!(
        Inventory::from_json(&huge.to_string()).unwrap_err().code(),
        omnistock::ErrorCode::InvalidNetwork
    );
    let mut inv = net(
        vec![
            json!({"id": "A", "kind": "warehouse", "capabilities": ["ship"], "zone": "Z",
           "handling": {"per_order": "1000000000", "per_unit": "1000000000"},
           "shipping": {"std": {"zones": {"D": {"base": "1000000000", "per_unit": "1000000000", "days": 1}}}}}),
        ],
        json!([{"location": "A"}]),
    );
    recv(&mut inv, "e1", "A", "X", 1_000_000_000);
    let o = order(
        json!({"id": "SO-1", "channel": "web", "service": "std", "destination": {"zone": "D"},
        "lines": [{"id": "1", "sku": "X", "quantity": 1_000_000_000i64}]}),
    );
    let rules = RuleSet::from_value(
        json!({"name": "max", "weights": {"shipping": "1000000", "handling": "1000000",
        "split": "1000000", "late_day": "1000000", "rank": "1000000", "distance": "0"}}),
    )
    .unwrap();
    let plan = inv.allocate(&[o], &rules, ts("2026-11-27T09:00:00Z")).unwrap();
    assert_eq!(
        plan.orders[0].shipments.len(),
        1,
        "{}",
        serde_json::to_string(&plan.orders[0]).unwrap()
    );
    assert_eq!(plan.orders[0].shipments[0].lines[0].quantity, 1_000_000_000);
}

/// Without line splits, the heuristic's pair evaluation enumerates set.len()^lines assignments.
#[test]
fn unsplit_heuristic_is_exponential_in_lines() {
    let n: usize = std::env::var("NLINES").ok().and_then(|s| s.parse().ok()).unwrap_or(14);
    let mut inv = net(
        vec![loc("A", "1"), loc("B", "1")],
        json!([{"location": "A"}, {"location": "B"}]),
    );
    let mut lines = Vec::new();
    for i in 0..n {
        let sku = format!("S{i}");
        // A holds the even SKUs, B the odd ones: one location alone fills half.
        recv(&mut inv, &format!("e{i}"), if i % 2 == 0 { "A" } else { "B" }, &sku, 1);
        lines.push(json!({"id": format!("{i}"), "sku": sku, "quantity": 1}));
    }
    let o =
        order(json!({"id": "SO-1", "channel": "web", "service": "std", "destination": {"zone": "D"}, "lines": lines}));
    let rules = RuleSet::from_value(json!({"name": "x", "preset": "balanced", "split_lines": false})).unwrap();
    // It used to enumerate 2^14 assignments per set (seconds); now it answers, and in full:
    // each location ships the lines it holds.
    let plan = inv.allocate(&[o], &rules, ts("2026-11-27T09:00:00Z")).unwrap();
    let op = &plan.orders[0];
    assert!(op.unallocated.is_empty(), "{}", op.explanation.summary);
    assert_eq!(op.shipments.len(), 2);
}

/// An order with two shipments from one location on different ship dates counts as one kept
/// shipment: a later reallocation can exceed max_shipments.
#[test]
fn same_location_two_dates_exceeds_max_shipments() {
    let mut inv = net(
        vec![loc("A", "1"), loc("B", "1"), loc("C", "9")],
        json!([{"location": "A"}, {"location": "B"}, {"location": "C"}]),
    );
    recv(&mut inv, "e1", "A", "X", 1);
    recv(&mut inv, "e2", "A", "Z", 1);
    recv(&mut inv, "e3", "B", "Y", 1);
    let d1 = ts("2026-11-27T09:00:00Z");
    let d2 = ts("2026-11-28T09:00:00Z");
    let o = order(
        json!({"id": "SO-1", "channel": "web", "service": "std", "destination": {"zone": "D"},
        "max_shipments": 2,
        "lines": [{"id": "1", "sku": "X", "quantity": 1}, {"id": "2", "sku": "Y", "quantity": 1},
                  {"id": "3", "sku": "Z", "quantity": 1}]}),
    );
    let plan = inv.allocate(&[o], &RuleSet::default(), d1).unwrap();
    assert_eq!(plan.orders[0].shipments.len(), 2);
    inv.commit(&plan).unwrap();
    // Next day B rejects line 2; A now holds Y too and ships on d2.
    recv(&mut inv, "e4", "A", "Y", 1);
    let moved = inv
        .reallocate(
            "SO-1",
            &Disruption::Reject {
                location: "B".into(),
                lines: vec![],
            },
            d2,
        )
        .unwrap();
    inv.commit(&moved).unwrap();
    let oo = inv.open_order("SO-1").unwrap();
    println!(
        "{:?}",
        oo.shipments
            .iter()
            .map(|s| (s.location.to_string(), s.ships.to_string()))
            .collect::<Vec<_>>()
    );
    // Then A rejects line 3: C receives Z.
    recv(&mut inv, "e5", "C", "Z", 1);
    let moved = inv
        .reallocate(
            "SO-1",
            &Disruption::Reject {
                location: "A".into(),
                lines: vec!["3".into()],
            },
            d2,
        )
        .unwrap();
    println!("{}", moved.orders[0].explanation.summary);
    inv.commit(&moved).unwrap();
    let oo = inv.open_order("SO-1").unwrap();
    let ships: Vec<_> = oo
        .shipments
        .iter()
        .map(|s| (s.location.to_string(), s.ships.to_string()))
        .collect();
    println!("{ships:?}");
    assert!(ships.len() <= 2, "max_shipments 2 but {} shipments", ships.len());
}

/// Overlapping pools with a pool-held reservation: per-location sellable units plus the pool's
/// total are not jointly feasible, so the search proposes a plan no commit accepts.
#[test]
fn overlapping_pool_hold_plan_cannot_commit() {
    let n = json!({
        "locations": [loc("A", "1"), loc("B", "1"), loc("C", "9")],
        "channels": [{"id": "web", "kind": "web", "pool": "p"}, {"id": "mkt", "kind": "marketplace", "pool": "q"}],
        "pools": [{"id": "p", "members": [{"location": "A"}, {"location": "B"}, {"location": "C"}]},
                  {"id": "q", "members": [{"location": "A"}, {"location": "B"}]}],
        "services": [{"id": "std", "working_days": ["mon","tue","wed","thu","fri","sat","sun"],
                      "transit": {"zones": {"Z": {"D": 1}}}}]
    });
    let mut inv = Inventory::from_json(&n.to_string()).unwrap();
    recv(&mut inv, "e1", "A", "X", 2);
    recv(&mut inv, "e2", "B", "X", 2);
    recv(&mut inv, "e3", "C", "X", 2);
    let out = inv.apply_json(&json!([{"type": "reserve", "id": "e4", "reservation": "hold", "sku": "X", "quantity": 2, "pool": "q", "kind": "hard"}]).to_string()).unwrap();
    println!("{out:?}");
    println!("atp p = {}", inv.atp("X", "p").unwrap());
    let now = ts("2026-11-27T09:00:00Z");
    let o1 = order(
        json!({"id": "SO-1", "channel": "web", "service": "std", "destination": {"zone": "D"},
        "lines": [{"id": "1", "sku": "X", "quantity": 4}]}),
    );
    let plan = inv
        .allocate(std::slice::from_ref(&o1), &RuleSet::default(), now)
        .unwrap();
    println!("{}", plan.orders[0].explanation.summary);
    let before = inv.clone();
    let c = inv.commit(&plan);
    let inv = before;
    println!("commit: {:?}", c.as_ref().err().map(|e| e.to_string()));
    let o2 = order(
        json!({"id": "SO-2", "channel": "web", "service": "std", "destination": {"zone": "D"},
        "lines": [{"id": "1", "sku": "Y", "quantity": 1}]}),
    );
    let both = inv.allocate(&[o1, o2], &RuleSet::default(), now);
    println!(
        "allocate of two orders: {:?}",
        both.as_ref().err().map(|e| e.to_string())
    );
    assert!(c.is_ok() && both.is_ok());
}

/// A reallocation plan for an order that was released and then committed again under the
/// same id passes the generation check and releases the new order's reservation.
#[test]
fn stale_reallocation_after_id_reuse_is_accepted() {
    let mut inv = net(
        vec![loc("A", "1"), loc("B", "5")],
        json!([{"location": "A"}, {"location": "B"}]),
    );
    recv(&mut inv, "e1", "A", "X", 5);
    recv(&mut inv, "e2", "B", "X", 5);
    let now = ts("2026-11-27T09:00:00Z");
    let o = order(
        json!({"id": "SO-1", "channel": "web", "service": "std", "destination": {"zone": "D"},
        "lines": [{"id": "1", "sku": "X", "quantity": 2}]}),
    );
    inv.commit(&inv.allocate(&[o], &RuleSet::default(), now).unwrap())
        .unwrap();
    let old = inv
        .reallocate(
            "SO-1",
            &Disruption::Reject {
                location: "A".into(),
                lines: vec![],
            },
            now,
        )
        .unwrap();
    inv.release_order("SO-1").unwrap();
    // A different order reusing the id (1 unit).
    let o2 = order(
        json!({"id": "SO-1", "channel": "web", "service": "std", "destination": {"zone": "D"},
        "lines": [{"id": "1", "sku": "X", "quantity": 2}, {"id": "2", "sku": "X", "quantity": 1}]}),
    );
    inv.commit(&inv.allocate(&[o2], &RuleSet::default(), now).unwrap())
        .unwrap();
    let r = inv.commit(&old);
    println!(
        "{:?}",
        r.as_ref().map(|c| c.released.clone()).map_err(|e| e.to_string())
    );
    println!(
        "{:?}",
        inv.open_order("SO-1")
            .map(|o| serde_json::to_string(&o.shipments).unwrap())
    );
    assert!(r.is_err(), "a plan made for the earlier order applied to the new one");
}
