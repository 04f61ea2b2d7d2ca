//! The network simplex (`omnistock::flow`) on seeded transportation problems:
//!
//! * `flow/transportation/dense_200x2000`: 200 sources × 2,000 sinks, every pair joined
//!   (400,000 arcs), demands 1..=20, costs 1..=1000, the sources' supply 10 % above the
//!   demand (the excess goes to a slack sink at cost 0);
//! * `flow/transportation/sparse_1000x20000_deg50`: 1,000 sources × 20,000 sinks, each sink
//!   joined to 50 distinct random sources (1,000,000 arcs), same demands, costs and slack.
//!
//! The problem is built outside the timed routine; each iteration solves a fresh copy and
//! checks the status and the optimal cost found before timing.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use omnistock::flow::{FlowStatus, MinCostFlow};
use omnistock_benches::SplitMix;

/// Sources `0..sources`, sinks after them, then one slack sink; `degree` random distinct
/// sources per sink (all of them when `degree == sources`).
fn transportation(sources: usize, sinks: usize, degree: usize, seed: u64) -> MinCostFlow {
    let mut rng = SplitMix::new(seed);
    let slack = sources + sinks;
    let mut mcf = MinCostFlow::with_capacity(slack + 1, sinks * degree + sources);
    let mut demand = 0i64;
    let mut picked = Vec::with_capacity(degree);
    for j in 0..sinks {
        let d = 1 + rng.below(20) as i64;
        demand += d;
        mcf.set_supply(sources + j, -d);
        picked.clear();
        if degree == sources {
            picked.extend(0..sources);
        } else {
            while picked.len() < degree {
                let i = rng.below(sources as u64) as usize;
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
        }
        for &i in &picked {
            mcf.add_arc(i, sources + j, i64::MAX, 1 + rng.below(1000) as i64);
        }
    }
    let each = (demand * 11 + 10 * sources as i64 - 1) / (10 * sources as i64); // ⌈1.1 × demand / sources⌉
    for i in 0..sources {
        mcf.set_supply(i, each);
        mcf.add_arc(i, slack, i64::MAX, 0);
    }
    mcf.set_supply(slack, -(each * sources as i64 - demand));
    mcf
}

fn bench_flow(c: &mut Criterion) {
    let mut g = c.benchmark_group("flow/transportation");
    g.sample_size(10);
    for (name, sources, sinks, degree) in [
        ("dense_200x2000", 200, 2_000, 200),
        ("sparse_1000x20000_deg50", 1_000, 20_000, 50),
    ] {
        let problem = transportation(sources, sinks, degree, 0x5EED_F10E);
        let mut once = problem.clone();
        assert_eq!(once.solve(), FlowStatus::Optimal);
        let optimum = once.total_cost();
        eprintln!(
            "{name}: {} nodes, {} arcs, optimal cost {optimum}",
            problem.num_nodes(),
            problem.num_arcs()
        );
        g.bench_function(name, |b| {
            b.iter_batched(
                || problem.clone(),
                |mut mcf| {
                    assert_eq!(black_box(&mut mcf).solve(), FlowStatus::Optimal);
                    assert_eq!(mcf.total_cost(), optimum);
                    mcf
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, bench_flow);
criterion_main!(benches);
