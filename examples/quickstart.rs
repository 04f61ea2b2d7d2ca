//! The main example: a small network, a day's stock events, ATP per channel, a SKU's
//! availability over the next days, a delivery promise for a cart, then three orders
//! allocated, committed, and one reallocated after a store rejects it.
//!
//! Run from the repository root: `make example` (or
//! `cargo run --release -p omnistock --example quickstart`). The Python and JavaScript
//! versions (`quickstart.py`, `quickstart.mjs`) print exactly the same lines.

use std::path::Path;

use omnistock::{EventOutcome, Inventory, Network, Order, Plan, Promise, PromiseRequest, RuleSet};

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

    // Sourcing: allocate three orders, commit the plan, then a store rejects an order.
    let job: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(data.join("orders.json"))?)?;
    let now: jiff::Timestamp = job["now"].as_str().unwrap_or_default().parse()?;
    let orders: Vec<Order> = serde_json::from_value(job["orders"].clone())?;
    let rules = RuleSet::from_value(job["rules"].clone())?;
    let plan = inv.allocate(&orders, &rules, now)?;
    print_plan("allocation", &plan);
    let done = inv.commit(&plan)?;
    println!(
        "committed {}: {} reservations",
        done.orders.join(", "),
        done.reservations.len()
    );
    let order = job["reject"]["order"].as_str().unwrap_or_default();
    let mut event = job["reject"]["event"].clone();
    let at = plan
        .orders
        .iter()
        .find(|o| o.order.id == order)
        .map(|o| o.shipments[0].location.to_string());
    event["location"] = serde_json::json!(at);
    let moved = inv.reallocate_value(order, event, now)?;
    print_plan(
        &format!("reallocation of {order} after {} rejects it", at.unwrap_or_default()),
        &moved,
    );
    inv.commit(&moved)?;
    for o in inv.open_orders() {
        let at: Vec<String> = o
            .shipments
            .iter()
            .map(|s| {
                let units: i64 = s.lines.iter().map(|l| l.quantity).sum();
                format!("{} x{units}", s.location)
            })
            .collect();
        println!("open {}: {}", o.order.id, at.join(", "));
    }
    Ok(())
}

fn word<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).unwrap().as_str().unwrap_or_default().to_owned()
}

fn print_plan(title: &str, plan: &Plan) {
    println!("{title} (rules {})", plan.rules.name);
    for op in &plan.orders {
        println!("  {} {}: {}", op.order.id, word(op.status), op.explanation.summary);
        for s in &op.shipments {
            let lines: Vec<String> = s.lines.iter().map(|l| format!("{} x{}", l.sku, l.quantity)).collect();
            println!(
                "    {} ships {}, arrives {}: {}; shipping {}, handling {}",
                s.location,
                s.ships,
                s.date,
                lines.join(", "),
                s.cost.shipping,
                s.cost.handling
            );
        }
        for u in &op.unallocated {
            println!("    unallocated {} x{}: {}", u.sku, u.quantity, word(u.reason));
        }
        for d in &op.explanation.dropped {
            println!("    dropped {}: {}", d.location, word(d.reason));
        }
    }
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
