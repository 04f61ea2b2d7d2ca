//! Counts the operations a structured target runs, printing the total to stderr at every
//! million (libFuzzer keeps stderr in its log), so a long run reports operations, not only
//! sequences.

use std::sync::atomic::{AtomicU64, Ordering};

static OPS: AtomicU64 = AtomicU64::new(0);

/// Counts one operation of target `name`.
pub fn op(name: &str) {
    let n = OPS.fetch_add(1, Ordering::Relaxed) + 1;
    if n % 1_000_000 == 0 {
        eprintln!("{name}: {} M operations", n / 1_000_000);
    }
}
