//! `ledger/apply/1m_positions`: event-apply throughput over 1,000 locations × 1,000 SKUs, and
//! `ledger/apply/10k_positions` over 100 × 100 (a working set that fits in cache).

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use omnistock::EventStatus;
use omnistock_benches::{SplitMix, events, stocked};

fn bench_apply(c: &mut Criterion) {
    let mut g = c.benchmark_group("ledger/apply");
    for (name, locations, skus) in [("1m_positions", 1000, 1000), ("10k_positions", 100, 100)] {
        let mut inv = stocked(locations, skus, 11);
        assert_eq!(inv.positions().len(), locations * skus);
        let mut rng = SplitMix::new(99);
        let batch = 10_000;
        let mut round = 0u64;
        g.throughput(Throughput::Elements(batch as u64));
        g.sample_size(20);
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    round += 1;
                    // Fresh ids every batch, built outside the timed region.
                    let evs = events(&format!("b{round}"), batch, locations, skus, &mut rng);
                    let start = Instant::now();
                    let out = inv.apply(&evs);
                    total += start.elapsed();
                    assert!(
                        out.iter().all(|o| o.status == EventStatus::Applied),
                        "bench events must apply"
                    );
                }
                total
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_apply);
criterion_main!(benches);
