//! Arbitrary bytes as a network, as a batch of events on a small fixed network, and as a
//! snapshot: never a panic, only `Ok` or a coded error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omnistock::Inventory;

const NETWORK: &str = r#"{
    "locations": [{"id": "DC1", "kind": "warehouse"}, {"id": "S1", "kind": "store"}],
    "channels": [{"id": "shop", "kind": "web", "pool": "web"}, {"id": "cc", "kind": "click_and_collect", "pool": "cc"}],
    "pools": [{"id": "web", "members": [{"location": "DC1"}, {"location": "S1", "buffer": 1}]},
              {"id": "cc", "members": [{"location": "S1"}], "max_share_pct": 50}]
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
    }
    let _ = Inventory::restore(data);
});
