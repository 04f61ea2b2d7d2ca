//! Structured operation sequences (`arbitrary`) against the ledger of a network with
//! overlapping pools, buffers, a share cap and a channel quota: receives, adjustments, counts
//! (stale ones included), soft and hard reservations (pool, channel, location, due dates),
//! releases, fulfilments, expiry, supplies (add, receive, cancel), transfers, and replays of
//! events already applied. After every step:
//!
//! * no position holds more than it has (`reserved ≤ on_hand`, `on_hand ≥ 0`);
//! * every pool's ATP is ≥ 0 and equals the ATP of an inventory rebuilt from scratch (a
//!   snapshot restored: every aggregate recomputed);
//! * a replayed event id is `duplicate` and changes nothing: no event is applied twice;
//! * an event the ledger refuses changes nothing.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use omnistock::{EventStatus, Inventory};
use serde_json::{Value, json};

#[path = "shared/count.rs"]
mod count;

const LOCS: [&str; 4] = ["DC1", "DC2", "S1", "S2"];
const SKUS: [&str; 2] = ["A", "B"];
const POOLS: [&str; 3] = ["web", "cc", "mkt"];

fn network() -> Value {
    json!({
        "locations": [{"id": "DC1", "kind": "warehouse"}, {"id": "DC2", "kind": "warehouse"},
                      {"id": "S1", "kind": "store"}, {"id": "S2", "kind": "store", "enabled": true}],
        "channels": [{"id": "shop", "kind": "web", "pool": "web"}, {"id": "click", "kind": "click_and_collect", "pool": "cc"},
                     {"id": "amazon", "kind": "marketplace", "pool": "mkt"}],
        "pools": [{"id": "web", "members": [{"location": "DC1"}, {"location": "DC2"}, {"location": "S1", "buffer": 1}]},
                  {"id": "cc", "members": [{"location": "S1"}, {"location": "S2", "buffer": 2}], "low_stock_threshold": 2},
                  {"id": "mkt", "members": [{"location": "DC1"}, {"location": "S2"}], "max_share_pct": "50",
                   "quotas": [{"channel": "amazon", "quantity": 6, "period": "day"}]}]
    })
}

#[derive(Arbitrary, Debug)]
enum Op {
    Receive { loc: u8, sku: u8, q: u8 },
    Adjust { loc: u8, sku: u8, q: i8 },
    Count { loc: u8, sku: u8, q: u8, seq: u8 },
    Reserve { sku: u8, q: u8, pool: u8, via_channel: bool, loc: Option<u8>, soft: bool, due: Option<u8> },
    Release { pick: u8, q: Option<u8> },
    Fulfil { pick: u8, q: Option<u8> },
    Expire { hour: u8 },
    SupplyAdd { loc: u8, sku: u8, q: u8, day: u8 },
    SupplyReceive { pick: u8, q: Option<u8> },
    SupplyCancel { pick: u8 },
    Transfer { from: u8, to: u8, sku: u8, q: u8, day: u8 },
    Replay { pick: u8 },
}

fn date(day: u8) -> String {
    let d: jiff::civil::Date = "2026-11-27".parse().unwrap();
    d.checked_add(jiff::Span::new().days(i64::from(day % 20))).unwrap().to_string()
}

fn event(n: usize, op: &Op, inv: &Inventory) -> Option<Value> {
    let id = format!("e{n}");
    let res: Vec<String> = inv.reservations().map(|r| r.id.to_string()).collect();
    let sup: Vec<String> = inv.supplies().map(|s| s.id.to_string()).collect();
    let pick = |v: &[String], p: u8| (!v.is_empty()).then(|| v[p as usize % v.len()].clone());
    Some(match *op {
        Op::Receive { loc, sku, q } => json!({"type": "receive", "id": id, "location": LOCS[loc as usize % 4],
            "sku": SKUS[sku as usize % 2], "quantity": 1 + i64::from(q % 20)}),
        Op::Adjust { loc, sku, q } => json!({"type": "adjust", "id": id, "location": LOCS[loc as usize % 4],
            "sku": SKUS[sku as usize % 2], "delta": i64::from(q % 10), "reason": "fuzz"}),
        Op::Count { loc, sku, q, seq } => json!({"type": "count", "id": id, "location": LOCS[loc as usize % 4],
            "sku": SKUS[sku as usize % 2], "quantity": i64::from(q % 30), "seq": seq % 8,
            "counted_at": "2026-11-27T08:00:00Z"}),
        Op::Reserve { sku, q, pool, via_channel, loc, soft, due } => {
            let mut e = json!({"type": "reserve", "id": id, "reservation": format!("r{n}"), "sku": SKUS[sku as usize % 2],
                "quantity": 1 + i64::from(q % 8), "kind": if soft { "soft" } else { "hard" }});
            let p = pool as usize % 3;
            if via_channel {
                e["channel"] = json!(["shop", "click", "amazon"][p]);
            } else {
                e["pool"] = json!(POOLS[p]);
            }
            if let Some(l) = loc {
                e["location"] = json!(LOCS[l as usize % 4]);
            }
            if soft {
                e["expires_at"] = json!(format!("2026-11-27T{:02}:00:00Z", 9 + (q % 10)));
            }
            if let Some(d) = due {
                e["due"] = json!(date(d));
            }
            e
        }
        Op::Release { pick: p, q } => {
            let mut e = json!({"type": "release", "id": id, "reservation": pick(&res, p)?});
            if let Some(q) = q {
                e["quantity"] = json!(1 + i64::from(q % 4));
            }
            e
        }
        Op::Fulfil { pick: p, q } => {
            let mut e = json!({"type": "fulfil", "id": id, "reservation": pick(&res, p)?});
            if let Some(q) = q {
                e["quantity"] = json!(1 + i64::from(q % 4));
            }
            e
        }
        Op::Expire { hour } => json!({"type": "expire", "id": id, "now": format!("2026-11-27T{:02}:30:00Z", 9 + hour % 12)}),
        Op::SupplyAdd { loc, sku, q, day } => json!({"type": "supply_add", "id": id, "supply": format!("po{n}"),
            "location": LOCS[loc as usize % 4], "sku": SKUS[sku as usize % 2], "quantity": 1 + i64::from(q % 20),
            "expected": date(day)}),
        Op::SupplyReceive { pick: p, q } => {
            let mut e = json!({"type": "supply_receive", "id": id, "supply": pick(&sup, p)?});
            if let Some(q) = q {
                e["quantity"] = json!(1 + i64::from(q % 5));
            }
            e
        }
        Op::SupplyCancel { pick: p } => json!({"type": "supply_cancel", "id": id, "supply": pick(&sup, p)?}),
        Op::Transfer { from, to, sku, q, day } => json!({"type": "transfer", "id": id, "supply": format!("t{n}"),
            "from": LOCS[from as usize % 4], "to": LOCS[to as usize % 4], "sku": SKUS[sku as usize % 2],
            "quantity": 1 + i64::from(q % 10), "expected": date(day)}),
        Op::Replay { .. } => return None,
    })
}

fn check(inv: &Inventory) {
    for p in inv.positions() {
        assert!(p.on_hand >= 0 && p.reserved >= 0 && p.reserved <= p.on_hand, "{p:?}");
    }
    // ATP equals a recomputation from scratch: a restored snapshot rebuilds every aggregate.
    let rebuilt = Inventory::restore(&inv.snapshot()).expect("own snapshot restores");
    for s in SKUS {
        for pool in POOLS {
            let a = inv.atp(s, pool).unwrap();
            assert!(a >= 0);
            assert_eq!(a, rebuilt.atp(s, pool).unwrap(), "{s}/{pool}: incremental ATP differs from a rebuild");
        }
    }
}

fuzz_target!(|ops: Vec<Op>| {
    let mut inv = Inventory::new(serde_json::from_value(network()).unwrap()).unwrap();
    let mut applied: Vec<Value> = Vec::new();
    for (n, op) in ops.iter().take(60).enumerate() {
        count::op("ledger_ops");
        let before = inv.snapshot();
        if let Op::Replay { pick } = op {
            if !applied.is_empty() {
                let e = applied[*pick as usize % applied.len()].clone();
                let out = inv.apply_value(e);
                assert_eq!(out.status, EventStatus::Duplicate, "{out:?}");
                assert_eq!(inv.snapshot(), before, "a replay changed the state");
            }
            continue;
        }
        let Some(e) = event(n, op, &inv) else { continue };
        let positions_before = inv.positions();
        let out = inv.apply_value(e.clone());
        match out.status {
            EventStatus::Applied => {
                assert!(inv.has_applied(&format!("e{n}")));
                applied.push(e);
            }
            // a stale count is ignored: no position moves
            EventStatus::Stale => assert_eq!(inv.positions(), positions_before, "a stale count moved stock"),
            EventStatus::Rejected => {
                let err = out.error.expect("a rejection says why");
                assert!(!err.code().as_str().is_empty());
                assert_eq!(inv.snapshot(), before, "a rejected event changed the state: {err}");
            }
            EventStatus::Duplicate => panic!("a fresh id was a duplicate"),
        }
        check(&inv);
    }
});
