//! `wave/orders_100k_locations_1000_skus_50k`: one `allocate_wave` over 100,000 orders (1–3
//! lines of 1–2 units) × 1,000 locations (100 DCs, 900 stores; zone rates to 50 zones with a
//! base per shipment and a per-unit price) × 50,000 SKUs, each stocked at 4 random
//! locations. Prints the wave's score, lower bound and gap once, then times the call. Run
//! without `--bench` (criterion's test mode) the same code runs on 2,000 orders × 100
//! locations × 1,000 SKUs; `WAVE_SIZE=orders,locations,skus` sets another size.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use omnistock::{Event, Inventory, Network, Order, Receive, RuleSet};
use omnistock_benches::SplitMix;
use serde_json::json;

const NOW: &str = "2026-11-27T09:00:00Z";

fn setup(orders: usize, locations: usize, skus: usize) -> (Inventory, Vec<Order>) {
    let zones = 50;
    let mut rng = SplitMix::new(5);
    let dcs = locations / 10;
    let locs: Vec<serde_json::Value> = (0..locations)
        .map(|i| {
            let rates: serde_json::Map<String, serde_json::Value> = (0..zones)
                .map(|z| {
                    let base = 300 + rng.below(600);
                    let unit = 20 + rng.below(100);
                    (
                        format!("Z{z:02}"),
                        json!({"base": format!("{}.{:02}", base / 100, base % 100),
                               "per_unit": format!("0.{unit:02}").replace("0.100", "1.00"), "days": 1 + rng.below(3)}),
                    )
                })
                .collect();
            json!({"id": format!("L{i:04}"), "kind": if i < dcs { "warehouse" } else { "store" },
                   "capabilities": [if i < dcs { "ship" } else { "ship_from_store" }],
                   "shipping": {"standard": {"zones": rates}}})
        })
        .collect();
    let net = json!({
        "locations": locs,
        "channels": [{"id": "web", "kind": "web", "pool": "all"}],
        "pools": [{"id": "all", "members": (0..locations).map(|i| json!({"location": format!("L{i:04}")})).collect::<Vec<_>>()}],
        "services": [{"id": "standard", "transit": {}}],
    });
    let mut inv = Inventory::new(Network::from_value(net).unwrap()).unwrap();
    let mut events = Vec::new();
    for s in 0..skus {
        for k in 0..4 {
            let l = rng.below(locations as u64);
            events.push(Event::Receive(Receive {
                id: format!("r{s}-{k}").as_str().into(),
                location: format!("L{l:04}").as_str().into(),
                sku: format!("S{s:05}").as_str().into(),
                quantity: 1 + rng.below(6) as i64,
            }));
        }
    }
    for o in inv.apply(&events) {
        assert!(!matches!(o.status, omnistock::EventStatus::Rejected), "{o:?}");
    }
    let orders: Vec<Order> = (0..orders)
        .map(|i| {
            let n = 1 + rng.below(3) as usize;
            let lines: Vec<serde_json::Value> = (0..n)
                .map(|k| json!({"id": k.to_string(), "sku": format!("S{:05}", rng.below(skus as u64)), "quantity": 1 + rng.below(2)}))
                .collect();
            serde_json::from_value(json!({"id": format!("O{i:06}"), "channel": "web", "service": "standard",
                "destination": {"zone": format!("Z{:02}", rng.below(zones))}, "lines": lines})).unwrap()
        })
        .collect();
    (inv, orders)
}

fn bench_wave(c: &mut Criterion) {
    let test_mode = !std::env::args().any(|a| a == "--bench");
    let (mut n, mut locations, mut skus) = if test_mode {
        (2_000, 100, 1_000)
    } else {
        (100_000, 1_000, 50_000)
    };
    // `WAVE_SIZE=orders,locations,skus` sets another size (for profiling).
    if let Ok(v) = std::env::var("WAVE_SIZE") {
        let p: Vec<usize> = v.split(',').filter_map(|x| x.parse().ok()).collect();
        if let [a, b, c] = p[..] {
            (n, locations, skus) = (a, b, c);
        }
    }
    let t = Instant::now();
    let (inv, orders) = setup(n, locations, skus);
    println!("wave: setup {:.1} s", t.elapsed().as_secs_f64());
    let rules = RuleSet::from_value(json!({"name": "bench", "preset": "cheapest", "weights": {"split": "2"}})).unwrap();
    let now: jiff::Timestamp = NOW.parse().unwrap();
    let t = Instant::now();
    let plan = inv.allocate_wave(&orders, &rules, now).unwrap();
    let w = plan.wave.clone().unwrap();
    println!(
        "wave ({}): {} orders × {locations} locations × {skus} SKUs in {:.2} s: {} of {} units, score {}, lower bound {:?}, gap {:?}, {} shipments, {} split orders, {} repaired, {} improved, {} fallback; per order: {:?}",
        w.method,
        w.orders,
        t.elapsed().as_secs_f64(),
        w.allocated,
        w.units,
        w.score,
        w.lower_bound,
        w.gap,
        w.shipments,
        w.split_orders,
        w.repaired,
        w.improved,
        w.fallback,
        w.per_order
    );
    let mut g = c.benchmark_group("wave");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function(
        format!("orders_{}k_locations_{locations}_skus_{}k", n / 1000, skus / 1000),
        |b| b.iter(|| inv.allocate_wave(black_box(&orders), &rules, now).unwrap().orders.len()),
    );
    g.finish();
}

criterion_group!(benches, bench_wave);
criterion_main!(benches);
