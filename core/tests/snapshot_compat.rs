//! Snapshots written by earlier versions keep loading: the fixtures of `testdata/snapshots/`
//! restore, and writing them again gives the same bytes (the format has not drifted).

use std::path::Path;

use omnistock::Inventory;

#[test]
fn v1_fixture_restores_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/snapshots/v1_quickstart.json");
    let bytes = std::fs::read(path).unwrap();
    let inv = Inventory::restore(&bytes).unwrap();
    assert_eq!(
        inv.snapshot(),
        bytes,
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
