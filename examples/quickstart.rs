//! The main example: a small network, a day's stock events, ATP per channel, a SKU's
//! availability over the next days and a delivery promise for a cart.
//!
//! Run from the repository root: `make example` (or
//! `cargo run --release -p omnistock --example quickstart`). The Python and JavaScript
//! versions (`quickstart.py`, `quickstart.mjs`) print exactly the same lines.

use std::path::Path;

use omnistock::{EventOutcome, Inventory, Network, Promise, PromiseRequest};

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
    let ask: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(data.join("promise.json"))?)?;
    let now: jiff::Timestamp = ask["now"].as_str().unwrap_or_default().parse()?;
    let t = &ask["timeline"];
    let (sku, pool) = (
        t["sku"].as_str().unwrap_or_default(),
        t["pool"].as_str().unwrap_or_default(),
    );
    let timeline = inv.atp_timeline(sku, pool, now, t["days"].as_u64().unwrap_or(1) as u32)?;
    println!("{sku} through {pool}, promisable by day (changes only)");
    let mut last = None;
    for b in &timeline.buckets {
        if last != Some(b.promisable) {
            println!(
                "  {}: {} (supply {}, demand {})",
                b.date, b.promisable, b.supply, b.demand
            );
            last = Some(b.promisable);
        }
    }
    let promise = inv.promise(&PromiseRequest::from_value(ask["request"].clone())?, now)?;
    print_promise(&promise);
    Ok(())
}

fn print_promise(p: &Promise) {
    let date = p.date.map_or("none".to_owned(), |d| d.to_string());
    println!(
        "promise {}: promised {}, date {date}, shipments {}",
        p.id.as_deref().unwrap_or("?"),
        p.promised,
        p.shipments
    );
    for line in &p.lines {
        println!("  {} x{}: {} promised", line.sku, line.quantity, line.promised);
        for s in &line.sources {
            println!(
                "    {} x{} (reserve due {}), ships {}, arrives {}: {}",
                s.location,
                s.quantity,
                s.due,
                s.ships,
                s.date,
                s.reasons.join("; ")
            );
        }
    }
}
