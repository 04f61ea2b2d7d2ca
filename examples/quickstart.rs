//! The main example: a small network, a day's stock events, ATP per channel.
//!
//! Run from the repository root: `make example` (or
//! `cargo run --release -p omnistock --example quickstart`). The Python and JavaScript
//! versions (`quickstart.py`, `quickstart.mjs`) print exactly the same lines.

use std::path::Path;

use omnistock::{EventOutcome, Inventory, Network};

fn describe(o: &EventOutcome) -> String {
    let id = o.id.as_ref().map_or("?", |i| i.as_str());
    let status = serde_json::to_value(o.status).unwrap();
    let mut line = format!("{id}: {}", status.as_str().unwrap());
    if let Some(e) = &o.error {
        line += &format!(" ({})", e.code());
    }
    for c in &o.changes {
        line += &format!(" | {} {} {} -> {}", c.pool, c.sku, c.before, c.after);
        if let Some(s) = c.signal {
            line += &format!(" {}", serde_json::to_value(s).unwrap().as_str().unwrap());
        }
    }
    if !o.expired.is_empty() {
        let ids: Vec<&str> = o.expired.iter().map(|r| r.as_str()).collect();
        line += &format!(" | expired {}", ids.join(", "));
    }
    line
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let network = Network::from_json(&std::fs::read_to_string(data.join("network.json"))?)?;
    let channels = network.channels.clone();
    let mut inv = Inventory::new(network)?;
    let outcomes = inv.apply_json(&std::fs::read_to_string(data.join("events.json"))?)?;
    for o in &outcomes {
        println!("{}", describe(o));
    }
    println!("ATP by channel");
    for ch in &channels {
        let mut parts = Vec::new();
        for sku in ["JEANS-32", "TSHIRT-M"] {
            parts.push(format!("{sku} {}", inv.atp(sku, ch.pool.as_str())?));
        }
        println!("  {} (pool {}): {}", ch.id, ch.pool, parts.join(", "));
    }
    println!("online pool by location, TSHIRT-M");
    for row in inv.atp_by_location("TSHIRT-M", "online")? {
        println!(
            "  {}: on hand {}, reserved {}, buffer {}, sellable {}, atp {}",
            row.location, row.on_hand, row.reserved, row.buffer, row.sellable, row.atp
        );
    }
    Ok(())
}
