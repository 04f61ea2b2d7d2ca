//! Structured operation sequences against sourcing: stock events, allocations of generated
//! orders under every preset, commits, fulfilments, releases, reallocations (reject, short
//! pick, offline) and snapshot round trips. After every step: no position holds more than it
//! has, no location's capacity is exceeded, no pool's ATP is negative; a fresh plan always
//! commits; a snapshot restores identically (open orders and capacity included).
#![no_main]

use libfuzzer_sys::fuzz_target;
use omnistock::Inventory;

#[path = "shared/count.rs"]
mod count;
#[path = "shared/sourcing.rs"]
mod sourcing;
use sourcing::{Op, network, step};

fuzz_target!(|ops: Vec<Op>| {
    let mut inv = Inventory::new(serde_json::from_value(network()).unwrap()).unwrap();
    let mut last: Option<omnistock::Plan> = None;
    for (n, op) in ops.iter().take(40).enumerate() {
        count::op("sourcing_ops");
        step(&mut inv, n + 1, op, &mut last);
    }
});
