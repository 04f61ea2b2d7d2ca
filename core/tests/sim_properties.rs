//! Properties of the simulation: the order of the stream's items (at different times) does
//! not matter, runs do not depend on each other, and every outcome is consistent (nothing
//! delivered or cancelled beyond what was ordered, ratios within 0..=1).

use omnistock::{Scenario, SimRules, builtin_rule_sets, generate_values, simulate};
use proptest::prelude::*;
use serde_json::json;

fn tiny(seed: u64, days: u32, per_day: u32) -> Scenario {
    generate_values(json!({"size": "tiny", "seed": seed, "days": days, "orders_per_day": per_day})).unwrap()
}

/// Shuffles the stream, keeping items at the same time in their order (that order is part of
/// the scenario).
fn shuffled(mut s: Scenario, keys: &[u64]) -> Scenario {
    let mut items: Vec<(u64, usize, omnistock::StreamItem)> = s
        .stream
        .drain(..)
        .enumerate()
        .map(|(i, it)| (keys[i % keys.len()].wrapping_mul(i as u64 + 1), i, it))
        .collect();
    items.sort_by_key(|(k, i, _)| (*k, *i));
    let mut out: Vec<(usize, omnistock::StreamItem)> = items.into_iter().map(|(_, i, it)| (i, it)).collect();
    // Restore the relative order of items that share a time.
    let mut by_time: std::collections::BTreeMap<jiff::Timestamp, Vec<usize>> = Default::default();
    for (pos, (i, it)) in out.iter().enumerate() {
        by_time.entry(it.at()).or_default().push(pos);
        let _ = i;
    }
    for positions in by_time.values() {
        let mut group: Vec<(usize, omnistock::StreamItem)> = positions.iter().map(|&p| out[p].clone()).collect();
        group.sort_by_key(|(i, _)| *i);
        for (&p, g) in positions.iter().zip(group) {
            out[p] = g;
        }
    }
    s.stream = out.into_iter().map(|(_, it)| it).collect();
    s
}

fn rules() -> Vec<SimRules> {
    builtin_rule_sets()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn the_streams_order_does_not_change_the_result(
        seed in 0u64..1_000, days in 1u32..4, per_day in 5u32..40,
        keys in proptest::collection::vec(any::<u64>(), 1..8),
    ) {
        let s = tiny(seed, days, per_day);
        let a = simulate(&s, &rules()).unwrap();
        let b = simulate(&shuffled(s, &keys), &rules()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn runs_do_not_depend_on_each_other(seed in 0u64..1_000, days in 1u32..4) {
        let s = tiny(seed, days, 30);
        let all = simulate(&s, &rules()).unwrap();
        for (i, r) in rules().into_iter().enumerate() {
            let alone = simulate(&s, &[r]).unwrap();
            let (mut x, mut y) = (all.runs[i].clone(), alone.runs[0].clone());
            // Only the baseline of the avoided cost differs.
            x.kpis.baseline = None;
            y.kpis.baseline = None;
            x.kpis.overall.avoided_logistics_cost = None;
            y.kpis.overall.avoided_logistics_cost = None;
            prop_assert_eq!(x, y);
        }
    }

    #[test]
    fn outcomes_are_consistent(seed in 0u64..1_000, days in 1u32..4, per_day in 5u32..60) {
        let s = tiny(seed, days, per_day);
        let sim = simulate(&s, &rules()).unwrap();
        for run in &sim.runs {
            prop_assert_eq!(run.outcomes.len() as u64, sim.scenario.orders);
            for o in &run.outcomes {
                let delivered: i64 = o.lines.iter().map(|l| l.delivered).sum();
                let shipped: i64 = o.shipments.iter().map(|s| s.units).sum();
                prop_assert_eq!(delivered, shipped, "{}", o.order);
                for l in &o.lines {
                    prop_assert!(l.delivered >= 0 && l.cancelled >= 0);
                    prop_assert!(l.delivered + l.cancelled <= l.ordered, "{}", o.order);
                }
                let cancelled: i64 = o.lines.iter().map(|l| l.cancelled).sum();
                prop_assert_eq!(cancelled, o.cancellations.iter().map(|c| c.units).sum::<i64>(), "{}", o.order);
            }
            let m = &run.kpis.overall;
            for r in [m.otif, m.fill_rate.units, m.fill_rate.lines, m.fill_rate.orders, m.cancellation_rate,
                      m.ship_from_store, m.promise_kept].into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&r));
            }
            prop_assert_eq!(m.orders, sim.scenario.orders);
        }
    }
}
