//! `replenish/positions_1m_history_90d`: one `replenish` call over 1,000,000 positions (1 DC and
//! 999 stores × 1,000 SKUs) with 90 days of daily history each: forecasts (SES for fast movers,
//! Croston for the intermittent half), reorder points, transfers from the DC (whose own
//! purchase is planned after its stores' transfers), sorted by urgency. Also `alerts` on the
//! same data. Run without `--bench` (`cargo test --benches`, criterion's test mode) the same code runs on 20 × 50 positions.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use omnistock::{Event, History, Inventory, Network, Policies, Receive};
use omnistock_benches::SplitMix;
use serde_json::json;

const NOW: &str = "2026-11-27T09:00:00Z";

fn setup(locations: usize, skus: usize) -> (Inventory, History, Policies) {
    let ids: Vec<String> = (0..locations)
        .map(|i| {
            if i == 0 {
                "DC0000".to_owned()
            } else {
                format!("ST{i:04}")
            }
        })
        .collect();
    let net = json!({
        "locations": ids.iter().enumerate()
            .map(|(i, id)| json!({"id": id, "kind": if i == 0 { "warehouse" } else { "store" }}))
            .collect::<Vec<_>>(),
        "pools": [{"id": "all", "members": ids.iter().map(|id| json!({"location": id})).collect::<Vec<_>>()}],
        "lanes": ids[1..].iter().map(|id| json!({"from": "DC0000", "to": id, "days": 2, "base": "5", "per_unit": "0.1"}))
            .collect::<Vec<_>>(),
    });
    let mut inv = Inventory::new(Network::from_value(net).unwrap()).unwrap();
    let mut rng = SplitMix::new(11);
    let start: Date = "2026-08-29".parse().unwrap(); // 90 days before today
    let mut history = History::new();
    let mut events = Vec::with_capacity(locations * skus);
    let mut n = 0u64;
    for (li, loc) in ids.iter().enumerate() {
        for s in 0..skus {
            let sku = format!("SKU{s:05}");
            let fast = s % 2 == 0;
            let demand: Vec<i64> = (0..90)
                .map(|_| {
                    if fast {
                        rng.below(8) as i64
                    } else if rng.below(6) == 0 {
                        1 + rng.below(3) as i64
                    } else {
                        0
                    }
                })
                .collect();
            let on_hand = if li == 0 { 50_000 } else { rng.below(40) as i64 };
            if on_hand > 0 {
                n += 1;
                events.push(Event::Receive(Receive {
                    id: format!("r{n}").into(),
                    location: loc.as_str().into(),
                    sku: sku.as_str().into(),
                    quantity: on_hand,
                }));
            }
            if li > 0 {
                history.add_series(loc, &sku, start, demand).unwrap();
            }
        }
    }
    let outcomes = inv.apply(events);
    assert!(outcomes.iter().all(|o| o.error.is_none()));
    let categories: Vec<_> = (0..skus)
        .filter(|s| s % 2 == 1)
        .map(|s| json!({"sku": format!("SKU{s:05}"), "category": "slow"}))
        .collect();
    let policies = Policies::from_value(json!({
        "defaults": {"type": "reorder_point", "source": "DC0000", "forecast": {"method": "ses", "alpha": 0.2},
                     "service_level": 0.95, "pack_size": 6, "excess_cover_days": 120},
        "rules": [
            {"category": "slow", "forecast": {"method": "croston", "alpha": 0.1}, "pack_size": 1},
            {"location": "DC0000", "supplier": "ACME", "lead_time_days": 7, "cover_days": 14},
        ],
        "categories": categories,
    }))
    .unwrap();
    (inv, history, policies)
}

fn bench_replenish(c: &mut Criterion) {
    let test_mode = !std::env::args().any(|a| a == "--bench");
    let (locations, skus) = if test_mode { (20, 50) } else { (1000, 1000) };
    let (inv, history, policies) = setup(locations, skus);
    let now: jiff::Timestamp = NOW.parse().unwrap();
    let first = inv.replenish(&history, &policies, now).unwrap();
    let alerts = inv.alerts(&history, &policies, now).unwrap();
    println!(
        "replenish: {} positions, {} proposals ({} transfers, {} purchases), {} unmet; {} alerts",
        locations * skus,
        first.proposals.len(),
        first
            .proposals
            .iter()
            .filter(|p| p.kind == omnistock::ProposalKind::Transfer)
            .count(),
        first
            .proposals
            .iter()
            .filter(|p| p.kind == omnistock::ProposalKind::Purchase)
            .count(),
        first.unmet.len(),
        alerts.len(),
    );
    assert!(!first.proposals.is_empty());
    let mut g = c.benchmark_group("replenish");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let name = format!("positions_{}k_history_90d", locations * skus / 1000);
    g.bench_function(&name, |b| {
        b.iter(|| {
            let r = inv.replenish(black_box(&history), black_box(&policies), now).unwrap();
            assert_eq!(r.proposals.len(), first.proposals.len());
            r
        })
    });
    g.bench_function(format!("alerts/{name}"), |b| {
        b.iter(|| {
            inv.alerts(black_box(&history), black_box(&policies), now)
                .unwrap()
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench_replenish);
criterion_main!(benches);
