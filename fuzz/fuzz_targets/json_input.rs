//! Arbitrary bytes as a network, as a batch of events on a small fixed network (with
//! calendars, services, lanes and a quota), as a promise request, as a demand history, stock
//! policies and a forecast, and as a snapshot: never a panic, only `Ok` or a coded error. After the events, timelines and promises are asked too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omnistock::Inventory;

const NETWORK: &str = r#"{
    "locations": [{"id": "DC1", "kind": "warehouse", "capabilities": ["ship"], "zone": "69",
                   "time_zone": "Europe/Paris", "cutoff": "14:00", "processing": {"days": 1},
                   "working_days": ["mon", "tue", "wed", "thu", "fri"], "holidays": ["2026-12-25"]},
                  {"id": "S1", "kind": "store", "capabilities": ["pickup", "ship_from_store"], "zone": "75",
                   "position": {"lat": 48.85, "lon": 2.35}, "processing": {"hours": 2}}],
    "channels": [{"id": "shop", "kind": "web", "pool": "web"}, {"id": "cc", "kind": "click_and_collect", "pool": "cc"}],
    "pools": [{"id": "web", "members": [{"location": "DC1"}, {"location": "S1", "buffer": 1}],
               "quotas": [{"channel": "shop", "quantity": 50, "period": "week"}]},
              {"id": "cc", "members": [{"location": "S1"}], "max_share_pct": 50}],
    "services": [{"id": "standard", "transit": {"zones": {"69": {"75": 2}}, "distance_bands": [{"max_km": 900, "days": 3}]}}],
    "lanes": [{"from": "DC1", "to": "S1", "days": 2}]
}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(inv) = Inventory::from_json(text) {
        let _ = inv.snapshot();
    }
    let mut inv = Inventory::from_json(NETWORK).expect("fixed network is valid");
    if let Ok(outcomes) = inv.apply_json(text) {
        for o in outcomes {
            if let Some(e) = o.error {
                assert!(!e.code().as_str().is_empty());
            }
        }
        for p in inv.positions() {
            assert!(p.on_hand >= 0 && p.reserved <= p.on_hand);
        }
        let restored = Inventory::restore(&inv.snapshot()).expect("own snapshot restores");
        assert_eq!(restored.snapshot(), inv.snapshot());
        let now: jiff::Timestamp = "2026-11-26T13:00:00Z".parse().expect("valid instant");
        for sku in ["A", "B"] {
            for pool in ["web", "cc"] {
                let t = inv.atp_timeline(sku, pool, now, 30).expect("known pool");
                // A later due date can only use more supply: what a pool can promise never
                // drops from one day to the next.
                assert!(t.buckets.windows(2).all(|w| w[0].promisable <= w[1].promisable), "{t:?}");
            }
        }
        let cart = serde_json::json!({"channel": "shop", "destination": {"zone": "75"}, "service": "standard",
            "lines": [{"sku": "A", "quantity": 3}, {"sku": "B", "quantity": 2}]});
        let req = omnistock::PromiseRequest::from_value(cart).expect("valid request");
        let p = inv.promise(&req, now).expect("valid request");
        for line in &p.lines {
            assert!(line.promised <= line.quantity);
            // Every promised source can be held.
            for src in &line.sources {
                let mut copy = inv.clone();
                let o = copy.apply_value(serde_json::json!({"type": "reserve", "id": "fz", "reservation": "fz",
                    "sku": line.sku.as_str(), "quantity": src.quantity, "channel": "shop", "kind": "hard",
                    "due": src.due.to_string()}));
                assert!(o.error.is_none(), "{o:?}");
            }
        }
    }
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        // The same value as a demand history, as stock policies, as a forecast's series and
        // method: an answer or a coded error.
        let now: jiff::Timestamp = "2026-11-26T13:00:00Z".parse().expect("valid instant");
        let policies = serde_json::json!({"defaults": {"type": "reorder_point", "source": "DC1"},
            "rules": [{"location": "DC1", "supplier": "X", "lead_time_days": 3}]});
        for (h, p) in [(v.clone(), policies), (serde_json::json!([]), v.clone())] {
            match inv.replenish_values(h.clone(), p.clone(), now) {
                Ok(r) => {
                    for prop in &r.proposals {
                        assert!(prop.quantity > 0);
                    }
                }
                Err(e) => assert!(!e.code().as_str().is_empty()),
            }
            if let Err(e) = inv.alerts_values(h, p, now) {
                assert!(!e.code().as_str().is_empty());
            }
        }
        let _ = omnistock::forecast_values(v.clone(), serde_json::json!({"method": "holt", "alpha": 0.5, "beta": 0.5}));
        let _ = omnistock::forecast_values(serde_json::json!([1, 0, 3]), v.clone());
        if let Ok(req) = omnistock::PromiseRequest::from_value(v) {
            let now: jiff::Timestamp = "2026-11-26T13:00:00Z".parse().expect("valid instant");
            let _ = inv.promise(&req, now);
        }
    }
    let _ = Inventory::restore(data);
});
