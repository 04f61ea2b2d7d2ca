//! Snapshots written by earlier versions keep loading: the fixtures of `testdata/snapshots/`
//! restore, and writing them again gives the same bytes (the format has not drifted).

use std::path::Path;

use omnistock::Inventory;

/// The version field this build writes.
fn current() -> String {
    format!("\"version\":{},", omnistock::SNAPSHOT_VERSION)
}

#[test]
fn v1_fixture_restores_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/snapshots/v1_quickstart.json");
    let bytes = std::fs::read(path).unwrap();
    let inv = Inventory::restore(&bytes).unwrap();
    // Version 2 only added fields (due dates, quota counters, location time, services): a v1
    // snapshot is written again identically but for its version.
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"version\":1,"));
    assert_eq!(
        String::from_utf8(inv.snapshot()).unwrap(),
        text.replacen("\"version\":1,", &current(), 1),
        "the snapshot format drifted: bump SNAPSHOT_VERSION and keep reading v1"
    );
    assert_eq!(inv.atp("TSHIRT-M", "online").unwrap(), 44);
    assert_eq!(inv.reservations().count(), 1);
    assert!(inv.has_applied("e10"));
}

#[test]
fn a_corrupted_snapshot_is_refused_whole() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/snapshots/v1_quickstart.json");
    let bytes = std::fs::read(path).unwrap();
    // Every truncation is refused with a code, never half-loaded.
    for cut in (0..bytes.len()).step_by(97) {
        let Err(err) = Inventory::restore(&bytes[..cut]) else {
            panic!("a snapshot truncated at {cut} bytes was accepted");
        };
        assert_eq!(err.code(), omnistock::ErrorCode::InvalidSnapshot);
    }
    // A flipped quantity that oversells is refused too.
    let text = String::from_utf8(bytes)
        .unwrap()
        .replace("\"on_hand\":5", "\"on_hand\":1");
    assert_eq!(
        Inventory::restore(text.as_bytes()).unwrap_err().code(),
        omnistock::ErrorCode::InvalidSnapshot
    );
}

/// The v2 state: dated holds, supply, a quota counter, location time and services.
fn v2_state() -> Inventory {
    let mut inv = Inventory::from_json(
        r#"{
        "locations": [
            {"id": "DC1", "kind": "warehouse", "capabilities": ["ship"], "zone": "69", "time_zone": "Europe/Paris",
             "cutoff": "14:00", "processing": {"days": 1}, "working_days": ["mon", "tue", "wed", "thu", "fri"],
             "holidays": ["2026-12-25"]},
            {"id": "S1", "kind": "store", "capabilities": ["pickup"], "processing": {"hours": 2}}
        ],
        "channels": [{"id": "mkp", "kind": "marketplace", "pool": "web"}],
        "pools": [{"id": "web", "time_zone": "Europe/Paris", "members": [{"location": "DC1"}, {"location": "S1", "buffer": 1}],
                   "quotas": [{"channel": "mkp", "sku": "A", "quantity": 10, "period": "week"}]}],
        "services": [{"id": "standard", "transit": {"zones": {"69": {"75": 2}}, "distance_bands": [{"max_km": 500, "days": 2}]}}],
        "lanes": [{"from": "DC1", "to": "S1", "days": 2}]
    }"#,
    )
    .unwrap();
    let out = inv
        .apply_json(
            r#"[
        {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 4},
        {"type": "supply_add", "id": "e2", "supply": "PO-1", "location": "DC1", "sku": "A", "quantity": 10, "expected": "2026-12-03"},
        {"type": "reserve", "id": "e3", "reservation": "r1", "sku": "A", "quantity": 6, "channel": "mkp", "kind": "hard", "due": "2026-12-03"},
        {"type": "reserve", "id": "e4", "reservation": "r2", "sku": "A", "quantity": 2, "channel": "mkp", "kind": "hard", "due": "2026-11-30"}
    ]"#,
        )
        .unwrap();
    assert!(out.iter().all(|o| o.error.is_none()), "{out:?}");
    inv
}

#[test]
fn v2_fixture_restores_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/snapshots/v2_promise.json");
    let bytes = std::fs::read(path).unwrap();
    let inv = Inventory::restore(&bytes).unwrap();
    // Version 3 only added fields (open orders, capacity use): a v2 snapshot is written again
    // identically but for its version.
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"version\":2,"));
    assert_eq!(
        String::from_utf8(inv.snapshot()).unwrap(),
        text.replacen("\"version\":2,", &current(), 1),
        "the snapshot format drifted: bump SNAPSHOT_VERSION and keep reading v2"
    );
    assert_eq!(inv.snapshot(), v2_state().snapshot());
    assert_eq!(inv.atp("A", "web").unwrap(), 2);
    let now: jiff::Timestamp = "2026-11-30T08:00:00Z".parse().unwrap();
    let t = inv.atp_timeline_for_channel("A", "mkp", now, 4).unwrap();
    assert_eq!(t.buckets[0].quota_left, Some(2));
}

/// A v3 state (a committed order: open orders and capacity use). Version 4 only added
/// `last_count_at` on positions (counts may carry `counted_at`), absent here, so this fixture
/// is what v3 wrote: it was made by this build with the version set to 3, the two formats
/// being the same bytes for a state without count times.
#[test]
fn v3_fixture_restores_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/snapshots/v3_sourcing.json");
    let bytes = std::fs::read(path).unwrap();
    let inv = Inventory::restore(&bytes).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"version\":3,"));
    assert_eq!(
        String::from_utf8(inv.snapshot()).unwrap(),
        text.replacen("\"version\":3,", &current(), 1),
        "the snapshot format drifted: bump SNAPSHOT_VERSION and keep reading v3"
    );
    assert_eq!(inv.open_orders().count(), 1);
    assert_eq!(inv.atp("A", "web").unwrap(), 8);
    let used = inv.capacity_used("DC1", "2026-11-27".parse().unwrap()).unwrap();
    assert_eq!((used.orders, used.units), (1, 6));
}

/// Version 4: a count's time survives a snapshot.
#[test]
fn count_times_survive_a_snapshot() {
    let mut inv = Inventory::from_json(
        r#"{"locations": [{"id": "S1", "kind": "store"}], "pools": [{"id": "p", "members": [{"location": "S1"}]}]}"#,
    )
    .unwrap();
    inv.apply_json(
        r#"[{"type": "count", "id": "c1", "location": "S1", "sku": "A", "quantity": 4, "seq": 1,
             "counted_at": "2026-11-20T18:00:00Z"}]"#,
    )
    .unwrap();
    let back = Inventory::restore(&inv.snapshot()).unwrap();
    let p = back.position("S1", "A").unwrap().unwrap();
    assert_eq!(p.last_count_at, Some("2026-11-20T18:00:00Z".parse().unwrap()));
    assert_eq!(back.snapshot(), inv.snapshot());
}
