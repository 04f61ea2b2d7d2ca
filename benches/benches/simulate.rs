//! `simulate`: the what-if simulation of a month.
//!
//! * `simulate/month_large_priority`: one run of the generator's `large` month (2 DCs,
//!   50 stores, 5,000 SKUs, 30 days, ≈ 650,000 orders and over 1 M order lines, Black Friday
//!   peak, outage, late supplier, weekly replenishment) under the `priority` rule set, order by
//!   order. It takes tens of seconds, so it is timed once (generation apart) and printed, not
//!   sampled; `SIM_SIZE=month` (or another size) sets another size.
//! * `simulate/month_<rule set>`: criterion samples (10) of the main example's month
//!   (≈ 57,000 orders) per built-in rule set.
//!
//! Run without `--bench` (criterion's test mode) the same code runs the `tiny` size once.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use omnistock::{builtin_rule_sets, generate_values, simulate};
use serde_json::json;

fn bench_simulate(c: &mut Criterion) {
    let test_mode = !std::env::args().any(|a| a == "--bench");
    let size = std::env::var("SIM_SIZE").unwrap_or_else(|_| if test_mode { "tiny" } else { "large" }.to_owned());
    let t = Instant::now();
    let scenario = generate_values(json!({ "size": size })).unwrap();
    let lines: usize = scenario
        .stream
        .iter()
        .filter_map(|i| match i {
            omnistock::StreamItem::Order { order, .. } => Some(order.lines.len()),
            _ => None,
        })
        .sum();
    println!(
        "simulate: generated `{size}` in {:.1} s ({lines} order lines)",
        t.elapsed().as_secs_f64()
    );
    let priority = builtin_rule_sets().into_iter().find(|r| r.name == "priority").unwrap();
    let t = Instant::now();
    let sim = simulate(&scenario, std::slice::from_ref(&priority)).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let k = &sim.runs[0].kpis.overall;
    println!(
        "simulate/month_{size}_priority: {} orders, {lines} lines in {secs:.1} s ({:.0} lines/s); OTIF {:?}, fill rate {:?}, counts {:?}",
        sim.scenario.orders,
        lines as f64 / secs,
        k.otif,
        k.fill_rate.units,
        sim.runs[0].counts
    );
    assert_eq!(k.orders, sim.scenario.orders);
    if test_mode {
        return;
    }
    let month = generate_values(json!({"size": "month"})).unwrap();
    let mut g = c.benchmark_group("simulate");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    for r in builtin_rule_sets() {
        g.bench_function(format!("month_{}", r.name), |b| {
            b.iter(|| {
                simulate(black_box(&month), std::slice::from_ref(&r))
                    .unwrap()
                    .runs
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_simulate);
criterion_main!(benches);
