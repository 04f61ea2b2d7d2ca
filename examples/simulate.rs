//! The main example: a month of a synthetic retailer (2 DCs, 50 stores, a marketplace,
//! 5,000 SKUs, a Black Friday peak, a store outage and a late supplier) under three rule sets,
//! and the KPIs side by side.
//!
//! `cargo run --release -p omnistock --example simulate [tiny|small|month|large]`
//! (`make example` runs the month). `examples/simulate.py` and `examples/simulate.mjs` do the
//! same through the bindings and print the same lines.

use std::time::Instant;

fn main() -> Result<(), omnistock::Error> {
    let size = std::env::args().nth(1).unwrap_or_else(|| "month".to_owned());
    let t = Instant::now();
    let scenario = omnistock::generate_values(serde_json::json!({ "size": size }))?;
    let sim = omnistock::simulate(&scenario, &omnistock::builtin_rule_sets())?;
    println!("{}", sim.scenario.name);
    println!(
        "{} orders, {} lines, {} locations",
        sim.scenario.orders,
        sim.scenario.lines,
        sim.scenario.locations.len()
    );
    for run in &sim.runs {
        let c = &run.counts;
        println!(
            "{}: {} allocations, {} waves, {} reallocations, {} rejections, {} backorders filled, {} replenishments, {} cancellations",
            run.name,
            c.allocations,
            c.waves,
            c.reallocations,
            c.rejections,
            c.backorders_filled,
            c.replenishments,
            c.cancellations
        );
    }
    print!("{}", sim.comparison.table());
    eprintln!("generated and simulated in {:.1} s", t.elapsed().as_secs_f64());
    Ok(())
}
