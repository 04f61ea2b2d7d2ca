//! Time-phased ATP and delivery promises over a 1,000-location pool with calendars, cut-offs,
//! zones and inbound supply:
//!
//! * `promise/timeline/pool_1000_90d`: one SKU's 90-day timeline;
//! * `promise/cart_5_lines/pool_1000`: a 5-line cart delivered to a zone;
//! * `promise/cart_5_lines_ship_complete/pool_1000`: the same, from one location.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use omnistock::{Inventory, Network, PromiseRequest};
use omnistock_benches::SplitMix;
use serde_json::json;

const LOCATIONS: usize = 1000;
const SKUS: usize = 20;

fn inventory() -> Inventory {
    let mut rng = SplitMix::new(11);
    let dcs = LOCATIONS / 10;
    let net = omnistock_benches::calendar_network(LOCATIONS, &mut rng, |_, _, _, loc| {
        loc.insert("holidays".into(), json!(["2026-12-25", "2027-01-01"]));
    });
    let mut inv = Inventory::new(Network::from_value(net).unwrap()).unwrap();
    let mut events = Vec::new();
    let mut n = 0;
    let mut id = || {
        n += 1;
        format!("e{n}")
    };
    for i in 0..LOCATIONS {
        let loc = if i < dcs {
            format!("DC{i:04}")
        } else {
            format!("ST{i:04}")
        };
        for s in 0..SKUS {
            // Stores hold a few units of some SKUs; warehouses more.
            let q = if i < dcs {
                20 + rng.below(50) as i64
            } else {
                rng.below(4) as i64
            };
            if q > 0 {
                events.push(
                    json!({"type": "receive", "id": id(), "location": loc, "sku": format!("SKU{s:03}"), "quantity": q}),
                );
            }
        }
    }
    // Inbound supply over 90 days and dated holds against it.
    for k in 0..400 {
        let loc = format!("DC{:04}", rng.below(dcs as u64));
        let day = 1 + rng.below(90) as i64;
        let date = jiff::civil::date(2026, 11, 30)
            .checked_add(jiff::Span::new().days(day))
            .unwrap();
        events.push(
            json!({"type": "supply_add", "id": id(), "supply": format!("PO{k}"), "location": loc,
            "sku": format!("SKU{:03}", k % SKUS), "quantity": 100, "expected": date.to_string()}),
        );
    }
    for k in 0..300 {
        let day = rng.below(90) as i64;
        let date = jiff::civil::date(2026, 11, 30)
            .checked_add(jiff::Span::new().days(day))
            .unwrap();
        events.push(
            json!({"type": "reserve", "id": id(), "reservation": format!("R{k}"), "sku": format!("SKU{:03}", k % SKUS),
            "quantity": 1 + rng.below(20) as i64, "channel": "web", "kind": "hard", "due": date.to_string()}),
        );
    }
    let out = inv.apply_values(events);
    assert!(
        out.iter().filter(|o| o.error.is_some()).count() < 30,
        "most events apply"
    );
    inv
}

fn bench(c: &mut Criterion) {
    let inv = inventory();
    let now: jiff::Timestamp = "2026-11-30T10:00:00Z".parse().unwrap();
    let t = inv.atp_timeline("SKU003", "web", now, 90).unwrap();
    assert_eq!(t.buckets.len(), 90);
    assert!(t.buckets.iter().any(|b| b.supply > 0 && b.demand > 0));

    let mut g = c.benchmark_group("promise");
    g.bench_function("timeline/pool_1000_90d", |b| {
        b.iter(|| {
            inv.atp_timeline(black_box("SKU003"), black_box("web"), black_box(now), 90)
                .unwrap()
        })
    });
    let cart = |complete: bool| {
        PromiseRequest::from_value(json!({
            "channel": "web",
            "lines": (0..5).map(|i| json!({"sku": format!("SKU{:03}", i * 3), "quantity": 2 + i})).collect::<Vec<_>>(),
            "destination": {"zone": "Z07", "position": {"lat": 48.85, "lon": 2.35}},
            "service": "standard",
            "ship_complete": complete
        }))
        .unwrap()
    };
    let split = cart(false);
    let answer = inv.promise(&split, now).unwrap();
    assert!(answer.promised, "{answer:?}");
    g.bench_function("cart_5_lines/pool_1000", |b| {
        b.iter(|| inv.promise(black_box(&split), black_box(now)).unwrap())
    });
    let complete = cart(true);
    assert!(inv.promise(&complete, now).unwrap().promised);
    g.bench_function("cart_5_lines_ship_complete/pool_1000", |b| {
        b.iter(|| inv.promise(black_box(&complete), black_box(now)).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
