//! Order sourcing over a 1,000-location network (100 warehouses with distance rate cards, 900
//! stores with zone rates, handling costs, capacity, calendars), 20 SKUs with stock at about
//! half the locations each:
//!
//! * `sourcing/order_3_lines/pool_1000/{balanced,closest,priority}`: one 3-line order, at most
//!   3 shipments (the exact search), 64 different orders in rotation;
//! * `sourcing/batch_100_orders/pool_1000`: 100 orders in one `allocate` call (they compete
//!   for stock and capacity);
//! * `sourcing/order_8_lines/pool_1000`: an 8-line order with at most 4 shipments (the
//!   heuristic).
//!
//! Before timing, the bench measures the heuristic's gap: for 40 orders of 6–8 lines and up to
//! 4 shipments on a 16-location network, the heuristic's score against the exhaustive search's,
//! printed as a summary (mean and worst gap, how many were optimal).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use omnistock::{Inventory, Network, Order, RuleSet};
use omnistock_benches::SplitMix;
use serde_json::{Value, json};

const SKUS: usize = 20;
const NOW: &str = "2026-11-27T09:00:00Z";

fn inventory(locations: usize, seed: u64) -> Inventory {
    let mut rng = SplitMix::new(seed);
    let dcs = (locations / 10).max(1);
    let zones = 20;
    let net = omnistock_benches::calendar_network(locations, &mut rng, |_, dc, rng, loc| {
        let shipping = if dc {
            json!({"standard": {"distance": {"base": "4.20", "per_unit": "0.35", "per_km": "0.004"}}})
        } else {
            let row: serde_json::Map<String, Value> = (0..zones)
                .map(|d| {
                    (
                        format!("Z{d:02}"),
                        json!({"base": format!("{}.{:02}", 5 + rng.below(3), rng.below(100)), "per_unit": "0.50"}),
                    )
                })
                .collect();
            json!({"standard": {"zones": row}})
        };
        loc.insert(
            "capacity".into(),
            if dc {
                json!({"orders_per_day": 5000, "units_per_day": 20000})
            } else {
                json!({"orders_per_day": 40, "units_per_day": 120})
            },
        );
        loc.insert(
            "handling".into(),
            if dc {
                json!({"per_order": "1.10", "per_unit": "0.20"})
            } else {
                json!({"per_order": "2.50", "per_unit": "0.40"})
            },
        );
        loc.insert("shipping".into(), shipping);
    });
    let mut inv = Inventory::new(Network::from_value(net).unwrap()).unwrap();
    let mut events = Vec::new();
    for i in 0..locations {
        let id = if i < dcs {
            format!("DC{i:04}")
        } else {
            format!("ST{i:04}")
        };
        for s in 0..SKUS {
            if rng.below(2) == 0 {
                let q = if i < dcs { 20 + rng.below(200) } else { rng.below(6) };
                if q > 0 {
                    events.push(json!({"type": "receive", "id": format!("r-{i}-{s}"), "location": id,
                                       "sku": format!("SKU{s:02}"), "quantity": q}));
                }
            }
        }
    }
    for o in inv.apply_values(events) {
        assert!(o.error.is_none());
    }
    inv
}

fn orders(n: usize, lines: usize, max_shipments: u32, rng: &mut SplitMix) -> Vec<Order> {
    (0..n)
        .map(|k| {
            let lat = 43.0 + rng.below(700) as f64 / 100.0;
            let lon = -1.0 + rng.below(800) as f64 / 100.0;
            let ls: Vec<Value> = (0..lines)
                .map(|j| json!({"id": format!("{}", j + 1), "sku": format!("SKU{:02}", (k * 7 + j * 3) % SKUS), "quantity": 1 + rng.below(3)}))
                .collect();
            serde_json::from_value(json!({
                "id": format!("SO-{k:05}"), "channel": "web", "service": "standard",
                "destination": {"zone": format!("Z{:02}", rng.below(20)), "position": {"lat": lat, "lon": lon}},
                "promised": "2026-12-01", "lines": ls, "max_shipments": max_shipments
            }))
            .unwrap()
        })
        .collect()
}

/// The heuristic's score against the exhaustive search's, on orders too big for the exact
/// path, printed once.
fn heuristic_gap() {
    let inv = inventory(16, 5);
    let now = NOW.parse().unwrap();
    let rules = RuleSet::default();
    let mut rng = SplitMix::new(99);
    let (mut n, mut optimal, mut worst, mut sum) = (0, 0, 0.0f64, 0.0f64);
    for lines in [6, 7, 8] {
        for order in orders(14, lines, 4, &mut rng) {
            let h = inv.allocate(std::slice::from_ref(&order), &rules, now).unwrap();
            let e = inv
                .allocate_exhaustive(std::slice::from_ref(&order), &rules, now)
                .unwrap();
            let (h, e) = (&h.orders[0], &e.orders[0]);
            assert_eq!(h.explanation.method, "heuristic");
            assert_eq!(e.explanation.method, "exact");
            let units = |op: &omnistock::OrderPlan| -> i64 {
                op.shipments.iter().flat_map(|s| &s.lines).map(|l| l.quantity).sum()
            };
            assert!(
                units(h) <= units(e),
                "the heuristic cannot allocate more than the optimum"
            );
            n += 1;
            if units(h) < units(e) {
                worst = f64::INFINITY;
                continue;
            }
            let (hs, es): (f64, f64) = (h.cost.score.try_into().unwrap(), e.cost.score.try_into().unwrap());
            assert!(hs + 1e-9 >= es, "the exhaustive search is the optimum");
            let gap = if es > 0.0 { (hs - es) / es } else { 0.0 };
            if gap <= 1e-12 {
                optimal += 1;
            }
            worst = worst.max(gap);
            sum += gap;
        }
    }
    println!(
        "sourcing heuristic gap over {n} orders of 6-8 lines, up to 4 shipments, 16 locations: \
         optimal in {optimal}, mean gap {:.2} %, worst {:.2} %",
        100.0 * sum / n as f64,
        100.0 * worst
    );
}

fn bench(c: &mut Criterion) {
    heuristic_gap();
    let inv = inventory(1000, 11);
    let now = NOW.parse().unwrap();
    let mut rng = SplitMix::new(3);
    let pool = orders(64, 3, 3, &mut rng);
    let mut g = c.benchmark_group("sourcing");
    for preset in ["balanced", "closest", "priority"] {
        let rules = RuleSet::from_value(json!(preset)).unwrap();
        let mut k = 0;
        g.bench_function(format!("order_3_lines/pool_1000/{preset}"), |b| {
            b.iter(|| {
                k = (k + 1) % pool.len();
                let plan = inv.allocate(std::slice::from_ref(&pool[k]), &rules, now).unwrap();
                black_box(plan)
            })
        });
    }
    let batch = orders(100, 3, 3, &mut rng);
    let rules = RuleSet::default();
    g.sample_size(20);
    g.bench_function("batch_100_orders/pool_1000", |b| {
        b.iter(|| black_box(inv.allocate(&batch, &rules, now).unwrap()))
    });
    let big = orders(16, 8, 4, &mut rng);
    let mut k = 0;
    g.bench_function("order_8_lines/pool_1000", |b| {
        b.iter(|| {
            k = (k + 1) % big.len();
            black_box(inv.allocate(std::slice::from_ref(&big[k]), &rules, now).unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
