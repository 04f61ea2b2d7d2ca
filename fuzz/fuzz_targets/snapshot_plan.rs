//! Snapshot → restore → the same state and the same next answers. The sourcing operations of
//! `sourcing_ops` (stock, allocations, commits, fulfilments, releases, reallocations) build a
//! state with open orders and capacity use; then at every step the state is snapshotted and
//! restored, and the copy must give the same snapshot bytes, the same next allocation plan
//! under every preset, the same replenishment proposals and alerts, and the same delivery
//! promise as the original. Finally, the copy replaying the events both see next ends in the
//! same state as the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omnistock::Inventory;
use serde_json::json;

#[path = "shared/count.rs"]
mod count;
#[path = "shared/sourcing.rs"]
mod sourcing;
use sourcing::{NOW, Op, PRESETS, network, step};

fn same_answers(a: &Inventory, b: &Inventory) {
    let now: jiff::Timestamp = NOW.parse().unwrap();
    assert_eq!(a.snapshot(), b.snapshot());
    let orders = json!([
        {"id": "NEXT-1", "channel": "web", "service": "std", "destination": {"zone": "75"},
         "lines": [{"id": "1", "sku": "A", "quantity": 3}, {"id": "2", "sku": "B", "quantity": 2}]},
        {"id": "NEXT-2", "channel": "cc", "pickup": "S1", "lines": [{"id": "1", "sku": "C", "quantity": 2}]}
    ]);
    for preset in PRESETS {
        let pa = a.allocate_values(orders.clone(), json!(preset), now);
        let pb = b.allocate_values(orders.clone(), json!(preset), now);
        assert_eq!(
            serde_json::to_value(pa.map_err(|e| e.to_string())).unwrap(),
            serde_json::to_value(pb.map_err(|e| e.to_string())).unwrap(),
            "{preset}: the next plan differs after a restore"
        );
    }
    let history = json!([{"location": "S1", "sku": "A", "date": "2026-11-20", "sales": 3},
                         {"location": "S2", "sku": "B", "date": "2026-11-25", "sales": 1}]);
    let policies = json!({"defaults": {"type": "reorder_point", "source": "DC1", "lead_time_days": 2},
        "rules": [{"location": "DC1", "supplier": "ACME", "lead_time_days": 5}, {"location": "DC2", "type": "none"}],
        "min_atp": [{"channel": "web", "units": 4}]});
    let ra = a.replenish_values(history.clone(), policies.clone(), now).map_err(|e| e.to_string());
    let rb = b.replenish_values(history.clone(), policies.clone(), now).map_err(|e| e.to_string());
    assert_eq!(serde_json::to_value(ra).unwrap(), serde_json::to_value(rb).unwrap());
    let aa = a.alerts_values(history.clone(), policies.clone(), now).map_err(|e| e.to_string());
    let ab = b.alerts_values(history, policies, now).map_err(|e| e.to_string());
    assert_eq!(serde_json::to_value(aa).unwrap(), serde_json::to_value(ab).unwrap());
    let cart = omnistock::PromiseRequest::from_value(json!({"channel": "web", "service": "std",
        "destination": {"zone": "13"}, "lines": [{"sku": "A", "quantity": 2}, {"sku": "C", "quantity": 1}]}))
    .unwrap();
    let qa = a.promise(&cart, now).map_err(|e| e.to_string());
    let qb = b.promise(&cart, now).map_err(|e| e.to_string());
    assert_eq!(serde_json::to_value(qa).unwrap(), serde_json::to_value(qb).unwrap());
}

fuzz_target!(|ops: Vec<Op>| {
    let mut inv = Inventory::new(serde_json::from_value(network()).unwrap()).unwrap();
    let mut last: Option<omnistock::Plan> = None;
    let mut copy: Option<(Inventory, Option<omnistock::Plan>)> = None;
    for (n, op) in ops.iter().take(30).enumerate() {
        count::op("snapshot_plan");
        step(&mut inv, n + 1, op, &mut last);
        let back = Inventory::restore(&inv.snapshot()).expect("own snapshot restores");
        same_answers(&inv, &back);
        // From the middle on, a restored copy follows the same operations.
        if let Some((c, c_last)) = &mut copy {
            step(c, n + 1, op, c_last);
            same_answers(&inv, c);
        } else if n == ops.len().min(30) / 2 {
            copy = Some((back, last.clone()));
        }
    }
});
