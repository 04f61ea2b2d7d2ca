//! Properties of the network simplex (`omnistock::flow`) against an independent oracle.
//!
//! * **Oracle.** Successive shortest paths with a plain Bellman–Ford (O(VE) per augmentation)
//!   from a super source to a super sink, in `i128`. Negative costs (and negative cycles) are
//!   handled by the standard trick: every negative-cost arc starts saturated, which moves
//!   supply between its ends and leaves only its reverse (of positive cost) in the residual
//!   graph, so the residual graph starts without negative cycles and successive shortest
//!   paths stay exact. The random graphs are unrestricted: any direction, self-loops,
//!   parallel arcs, negative cycles, capacities 0..=20 or `i64::MAX`, costs −50..=50.
//! * Status and optimal cost equal the oracle's; the flows are feasible (bounds,
//!   conservation); potentials certify optimality (complementary slackness: with the reduced
//!   cost `cost + π[from] − π[to]`, an arc below its capacity has a reduced cost ≥ 0, an arc
//!   with flow has a reduced cost ≤ 0).
//! * Permuting the arcs never changes the optimal cost; solving twice gives identical flows.
//! * Hand-computed transportation problems, degenerate cases and the documented limits.

use omnistock::flow::{FlowStatus, MAX_ABS_COST, MAX_TOTAL_SUPPLY, MinCostFlow};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct Instance {
    nodes: usize,
    /// (from, to, capacity, cost)
    arcs: Vec<(usize, usize, i64, i64)>,
    supply: Vec<i64>,
}

impl Instance {
    fn build(&self) -> MinCostFlow {
        let mut mcf = MinCostFlow::with_capacity(self.nodes, self.arcs.len());
        for (i, &(from, to, cap, cost)) in self.arcs.iter().enumerate() {
            assert_eq!(mcf.add_arc(from, to, cap, cost), i);
        }
        for (v, &s) in self.supply.iter().enumerate() {
            mcf.set_supply(v, s);
        }
        mcf
    }

    fn solve(&self) -> (FlowStatus, MinCostFlow) {
        let mut mcf = self.build();
        (mcf.solve(), mcf)
    }
}

/// Min-cost flow by successive shortest paths (Bellman–Ford), after saturating every
/// negative-cost arc. `None` when infeasible, else the optimal cost.
fn oracle(inst: &Instance) -> Option<i128> {
    struct Edge {
        to: usize,
        cap: i128,
        cost: i128,
    }
    let n = inst.nodes;
    let (source, sink) = (n, n + 1);
    let mut edges: Vec<Edge> = Vec::new();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n + 2];
    let mut add = |edges: &mut Vec<Edge>, u: usize, v: usize, cap: i128, cost: i128| {
        out[u].push(edges.len());
        edges.push(Edge { to: v, cap, cost });
        out[v].push(edges.len());
        edges.push(Edge {
            to: u,
            cap: 0,
            cost: -cost,
        });
    };
    let mut cost = 0i128;
    let mut balance: Vec<i128> = inst.supply.iter().map(|&s| s as i128).collect();
    for &(u, v, cap, c) in &inst.arcs {
        let (cap, c) = (cap as i128, c as i128);
        if u == v {
            // A self-loop only ever matters when it pays to fill it.
            if c < 0 {
                cost += cap * c;
            }
        } else if c < 0 {
            // Saturated: u sends `cap` more, v receives it; only the way back remains.
            cost += cap * c;
            balance[u] -= cap;
            balance[v] += cap;
            add(&mut edges, v, u, cap, -c);
        } else {
            add(&mut edges, u, v, cap, c);
        }
    }
    let mut need = 0i128;
    for (v, &b) in balance.iter().enumerate() {
        if b > 0 {
            add(&mut edges, source, v, b, 0);
            need += b;
        } else if b < 0 {
            add(&mut edges, v, sink, -b, 0);
        }
    }
    let mut sent = 0i128;
    for _round in 0..100_000 {
        // Bellman–Ford from the super source over edges with residual capacity.
        let mut dist = vec![None::<i128>; n + 2];
        let mut via = vec![usize::MAX; n + 2];
        dist[source] = Some(0);
        for _ in 0..n + 2 {
            let mut changed = false;
            for u in 0..n + 2 {
                let Some(du) = dist[u] else { continue };
                for &e in &out[u] {
                    let edge = &edges[e];
                    if edge.cap > 0 && dist[edge.to].is_none_or(|dv| du + edge.cost < dv) {
                        dist[edge.to] = Some(du + edge.cost);
                        via[edge.to] = e;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let Some(d) = dist[sink] else {
            return (sent == need).then_some(cost);
        };
        let mut push = i128::MAX;
        let mut v = sink;
        while v != source {
            let e = via[v];
            push = push.min(edges[e].cap);
            v = edges[e ^ 1].to;
        }
        v = sink;
        while v != source {
            let e = via[v];
            edges[e].cap -= push;
            edges[e ^ 1].cap += push;
            v = edges[e ^ 1].to;
        }
        sent += push;
        cost += push * d;
    }
    panic!("oracle did not finish");
}

/// 0 ≤ flow ≤ capacity, and conservation: out − in = supply at every node.
fn assert_feasible(inst: &Instance, mcf: &MinCostFlow) {
    let mut net = vec![0i128; inst.nodes];
    for (i, &(u, v, cap, _)) in inst.arcs.iter().enumerate() {
        let f = mcf.flow(i);
        assert!(0 <= f && f <= cap, "arc {i}: flow {f} outside 0..={cap}");
        net[u] += f as i128;
        net[v] -= f as i128;
    }
    for (v, &s) in inst.supply.iter().enumerate() {
        assert_eq!(net[v], s as i128, "conservation at node {v}");
    }
    assert_eq!(mcf.flows().len(), inst.arcs.len());
}

/// Complementary slackness with the documented sign convention.
fn assert_certificate(inst: &Instance, mcf: &MinCostFlow) {
    for (i, &(u, v, cap, cost)) in inst.arcs.iter().enumerate() {
        let reduced = cost as i128 + mcf.potential(u) as i128 - mcf.potential(v) as i128;
        let f = mcf.flow(i);
        if f < cap {
            assert!(reduced >= 0, "arc {i} below capacity with reduced cost {reduced}");
        }
        if f > 0 {
            assert!(reduced <= 0, "arc {i} with flow {f} has reduced cost {reduced}");
        }
    }
}

fn capacity() -> impl Strategy<Value = i64> {
    prop_oneof![8 => 0i64..=20, 1 => Just(i64::MAX)]
}

/// Up to 12 nodes and 40 arcs, supplies summing to zero; in half the cases a ring of
/// unbounded, expensive arcs makes the instance feasible.
fn instance() -> impl Strategy<Value = Instance> {
    (1usize..=12)
        .prop_flat_map(|n| {
            (
                Just(n),
                prop::collection::vec((0..n, 0..n, capacity(), -50i64..=50), 0..=40),
                prop::collection::vec(-20i64..=20, n),
                any::<bool>(),
            )
        })
        .prop_map(|(nodes, mut arcs, mut supply, ring)| {
            let sum: i64 = supply.iter().sum();
            supply[0] -= sum;
            if ring && nodes > 1 {
                for v in 0..nodes {
                    arcs.push((v, (v + 1) % nodes, i64::MAX, 45 + (v as i64 % 6)));
                }
            }
            Instance { nodes, arcs, supply }
        })
}

fn shuffled() -> impl Strategy<Value = (Instance, Vec<usize>)> {
    instance().prop_flat_map(|inst| {
        let order: Vec<usize> = (0..inst.arcs.len()).collect();
        (Just(inst), Just(order).prop_shuffle())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn matches_the_oracle(inst in instance()) {
        let (status, mcf) = inst.solve();
        match oracle(&inst) {
            None => prop_assert_eq!(status, FlowStatus::Infeasible),
            Some(cost) => {
                prop_assert_eq!(status, FlowStatus::Optimal);
                prop_assert_eq!(mcf.total_cost(), cost);
                assert_feasible(&inst, &mcf);
            }
        }
    }

    #[test]
    fn potentials_certify_optimality(inst in instance()) {
        let (status, mcf) = inst.solve();
        if status == FlowStatus::Optimal {
            assert_feasible(&inst, &mcf);
            assert_certificate(&inst, &mcf);
        } else {
            prop_assert!(mcf.flows().iter().all(|&f| f == 0));
        }
    }

    #[test]
    fn arc_order_never_changes_the_cost((inst, order) in shuffled()) {
        let permuted = Instance {
            arcs: order.iter().map(|&i| inst.arcs[i]).collect(),
            ..inst.clone()
        };
        let (status, mcf) = inst.solve();
        let (status_p, mcf_p) = permuted.solve();
        prop_assert_eq!(status, status_p);
        prop_assert_eq!(mcf.total_cost(), mcf_p.total_cost());
        if status_p == FlowStatus::Optimal {
            assert_feasible(&permuted, &mcf_p);
            assert_certificate(&permuted, &mcf_p);
        }
    }

    #[test]
    fn same_input_same_flows(inst in instance()) {
        let (status, mcf) = inst.solve();
        let (again, mcf_again) = inst.solve();
        prop_assert_eq!(status, again);
        prop_assert_eq!(mcf.flows(), mcf_again.flows());
        let pots = |m: &MinCostFlow| (0..inst.nodes).map(|v| m.potential(v)).collect::<Vec<_>>();
        prop_assert_eq!(pots(&mcf), pots(&mcf_again));
        // Solving the same object again starts from scratch and agrees too.
        let mut reused = mcf;
        prop_assert_eq!(reused.solve(), status);
        prop_assert_eq!(reused.flows(), mcf_again.flows());
    }
}

/// A transportation problem: sources 0..s with `supply`, sinks s.. with `demand`, an
/// unbounded arc per (source, sink) pair with the given cost.
fn transportation(supply: &[i64], demand: &[i64], cost: &[&[i64]]) -> Instance {
    let s = supply.len();
    let mut arcs = Vec::new();
    for (i, row) in cost.iter().enumerate() {
        for (j, &c) in row.iter().enumerate() {
            arcs.push((i, s + j, i64::MAX, c));
        }
    }
    let mut all = supply.to_vec();
    all.extend(demand.iter().map(|d| -d));
    Instance {
        nodes: s + demand.len(),
        arcs,
        supply: all,
    }
}

/// Solves, checks feasibility, the certificate and the oracle, and returns the optimal cost.
fn solve_checked(inst: &Instance) -> (i128, MinCostFlow) {
    let (status, mcf) = inst.solve();
    assert_eq!(status, FlowStatus::Optimal);
    assert_feasible(inst, &mcf);
    assert_certificate(inst, &mcf);
    assert_eq!(Some(mcf.total_cost()), oracle(inst));
    (mcf.total_cost(), mcf)
}

#[test]
fn transportation_3x4_textbook() {
    // Taha, "Operations Research": supplies 15, 25, 10; demands 5, 15, 15, 15; optimum 435:
    // row 0 sends 5 × 2 + 10 × 11, row 1 10 × 7 + 15 × 9, row 2 5 × 4 + 5 × 18.
    let inst = transportation(
        &[15, 25, 10],
        &[5, 15, 15, 15],
        &[&[10, 2, 20, 11], &[12, 7, 9, 20], &[4, 14, 16, 18]],
    );
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(cost, 435);
    assert_eq!(mcf.flows(), &[0, 5, 0, 10, 0, 10, 15, 0, 5, 0, 0, 5]);
}

#[test]
fn transportation_2x3_by_hand() {
    // Each sink at its cheapest source costs 4 × 1 + 4 × 2 + 4 × 1 = 16, and the supplies
    // (5 and 7) allow it: 0 → sink 0, 1 → sink 2, sink 1 split 1 + 3.
    let inst = transportation(&[5, 7], &[4, 4, 4], &[&[1, 2, 3], &[3, 2, 1]]);
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(cost, 16);
    assert_eq!(mcf.flows(), &[4, 1, 0, 0, 3, 4]);
}

#[test]
fn transportation_3x4_balanced() {
    // Supplies 300 + 400 + 500 = 1,200 meet demands 250 + 350 + 400 + 200 exactly; optimum
    // 2,850: row 0 sends 300 × 1, row 1 250 × 2 + 150 × 5, row 2 50 × 3 + 250 × 3 + 200 × 2.
    let inst = transportation(
        &[300, 400, 500],
        &[250, 350, 400, 200],
        &[&[3, 1, 7, 4], &[2, 6, 5, 9], &[8, 3, 3, 2]],
    );
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(cost, 2850);
    assert_eq!(mcf.flows(), &[0, 300, 0, 0, 250, 0, 150, 0, 0, 50, 250, 200]);
}

#[test]
fn doc_example_2x2() {
    let inst = transportation(&[10, 5], &[8, 7], &[&[1, 4], &[2, 3]]);
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(cost, 31);
    assert_eq!(mcf.flows(), &[8, 2, 0, 5]);
}

#[test]
fn all_costs_equal() {
    let inst = transportation(&[7, 3, 5], &[4, 4, 4, 3], &[&[6; 4], &[6; 4], &[6; 4]]);
    assert_eq!(solve_checked(&inst).0, 6 * 15);
}

#[test]
fn zero_supplies_leave_everything_empty() {
    let inst = Instance {
        nodes: 3,
        arcs: vec![(0, 1, 5, 1), (1, 2, 5, 0), (2, 0, i64::MAX, 3)],
        supply: vec![0; 3],
    };
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(cost, 0);
    assert_eq!(mcf.flows(), &[0, 0, 0]);
}

#[test]
fn zero_supplies_fill_a_negative_cycle() {
    let inst = Instance {
        nodes: 3,
        arcs: vec![(0, 1, 5, -4), (1, 2, 7, 1), (2, 0, 9, 1)],
        supply: vec![0; 3],
    };
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(mcf.flows(), &[5, 5, 5]);
    assert_eq!(cost, -10);
}

#[test]
fn unbounded_negative_cycle_carries_i64_max() {
    // i64::MAX is a finite capacity: the cycle is filled to it, and the cost stays exact.
    let inst = Instance {
        nodes: 2,
        arcs: vec![(0, 1, i64::MAX, -3), (1, 0, i64::MAX, 1)],
        supply: vec![4, -4],
    };
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(mcf.flows(), &[i64::MAX, i64::MAX - 4]);
    assert_eq!(cost, -3 * i64::MAX as i128 + (i64::MAX - 4) as i128);
}

#[test]
fn a_single_arc() {
    let inst = Instance {
        nodes: 2,
        arcs: vec![(0, 1, 9, 5)],
        supply: vec![9, -9],
    };
    assert_eq!(solve_checked(&inst).0, 45);
    let too_much = Instance {
        supply: vec![10, -10],
        ..inst
    };
    assert_eq!(too_much.solve().0, FlowStatus::Infeasible);
    assert_eq!(oracle(&too_much), None);
}

#[test]
fn parallel_arcs_fill_the_cheapest_first() {
    let inst = Instance {
        nodes: 2,
        arcs: vec![(0, 1, 4, 3), (0, 1, 4, 1), (0, 1, i64::MAX, 5), (0, 1, 4, 2)],
        supply: vec![10, -10],
    };
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(mcf.flows(), &[2, 4, 0, 4]);
    assert_eq!(cost, 2 * 3 + 4 + 4 * 2);
}

#[test]
fn self_loops_carry_their_capacity_only_when_negative() {
    let inst = Instance {
        nodes: 2,
        arcs: vec![
            (0, 0, 5, 2),
            (0, 1, 3, 1),
            (1, 1, 7, -2),
            (0, 0, 6, 0),
            (1, 1, i64::MAX, -1),
        ],
        supply: vec![3, -3],
    };
    let (cost, mcf) = solve_checked(&inst);
    assert_eq!(mcf.flows(), &[0, 3, 7, 0, i64::MAX]);
    assert_eq!(cost, 3 - 14 - i64::MAX as i128);
}

#[test]
fn disconnected_components_are_infeasible() {
    // {0, 1} and {2, 3} are not joined: 0's supply cannot reach 3.
    let inst = Instance {
        nodes: 4,
        arcs: vec![(0, 1, 10, 1), (2, 3, 10, 1), (3, 2, 10, 1)],
        supply: vec![5, 0, 0, -5],
    };
    assert_eq!(inst.solve().0, FlowStatus::Infeasible);
    assert_eq!(oracle(&inst), None);
}

#[test]
fn supplies_that_do_not_sum_to_zero_are_infeasible() {
    let inst = Instance {
        nodes: 2,
        arcs: vec![(0, 1, 10, 1)],
        supply: vec![5, -4],
    };
    let (status, mcf) = inst.solve();
    assert_eq!(status, FlowStatus::Infeasible);
    assert_eq!(mcf.flows(), &[0]);
    assert_eq!(mcf.total_cost(), 0);
}

#[test]
fn no_nodes_and_no_arcs() {
    let mut mcf = MinCostFlow::new(0);
    assert_eq!(mcf.solve(), FlowStatus::Optimal);
    assert_eq!(mcf.total_cost(), 0);
    let mut lonely = MinCostFlow::new(3);
    assert_eq!(lonely.solve(), FlowStatus::Optimal);
    lonely.set_supply(1, 1);
    lonely.set_supply(2, -1);
    assert_eq!(lonely.solve(), FlowStatus::Infeasible);
}

#[test]
fn capacities_and_arcs_can_change_between_solves() {
    let mut mcf = MinCostFlow::new(3);
    let cheap = mcf.add_arc(0, 2, 2, 1);
    mcf.set_supply(0, 5);
    mcf.set_supply(2, -5);
    assert_eq!(mcf.solve(), FlowStatus::Infeasible);
    let dear = mcf.add_arc(0, 1, i64::MAX, 2);
    mcf.add_arc(1, 2, i64::MAX, 2);
    assert_eq!(mcf.solve(), FlowStatus::Optimal);
    assert_eq!((mcf.flow(cheap), mcf.flow(dear), mcf.total_cost()), (2, 3, 2 + 12));
    mcf.set_arc_capacity(cheap, 10);
    assert_eq!(mcf.solve(), FlowStatus::Optimal);
    assert_eq!((mcf.flow(cheap), mcf.flow(dear), mcf.total_cost()), (5, 0, 5));
}

#[test]
fn n60_assignment_with_equal_costs_terminates() {
    // Highly degenerate: every basis has 60 arcs at flow 1 and 59 tree arcs at flow 0 or
    // bound, every pivot ties. Without the strongly feasible rule this is where cycling lives.
    for cap in [1, i64::MAX] {
        let n = 60;
        let mut arcs = Vec::new();
        for i in 0..n {
            for j in 0..n {
                arcs.push((i, n + j, cap, 3));
            }
        }
        let mut supply = vec![1; n];
        supply.extend(vec![-1; n]);
        let inst = Instance {
            nodes: 2 * n,
            arcs,
            supply,
        };
        let (status, mcf) = inst.solve();
        assert_eq!(status, FlowStatus::Optimal);
        assert_feasible(&inst, &mcf);
        assert_certificate(&inst, &mcf);
        assert_eq!(mcf.total_cost(), 3 * n as i128);
    }
}

#[test]
fn degenerate_assignment_with_zero_and_negative_costs() {
    // Costs (i + j) mod 3 − 1 on a 40×40 assignment: many ties and many optimal bases; every
    // row can take a −1 (the residues of i and j pair up), so the optimum is −40.
    let n = 40;
    let mut arcs = Vec::new();
    for i in 0..n {
        for j in 0..n {
            arcs.push((i, n + j, 1, ((i + j) % 3) as i64 - 1));
        }
    }
    let mut supply = vec![1; n];
    supply.extend(vec![-1; n]);
    let inst = Instance {
        nodes: 2 * n,
        arcs,
        supply,
    };
    assert_eq!(solve_checked(&inst).0, -(n as i128));
}

#[test]
fn costs_at_the_limits() {
    // max|cost| × (nodes + 1) = 2^40 × 2^20 = 2^60, the documented limit, with a long path
    // of the largest costs so potentials grow far beyond the artificial cost.
    let nodes = (1 << 20) - 1;
    let c = 1i64 << 40;
    let path = 2_000;
    let mut arcs = Vec::new();
    for v in 0..path {
        arcs.push((v, v + 1, i64::MAX, if v % 7 == 3 { -c } else { c }));
        arcs.push((v + 1, v, 1, c));
    }
    let mut supply = vec![0; nodes];
    supply[0] = MAX_TOTAL_SUPPLY;
    supply[path] = -MAX_TOTAL_SUPPLY;
    let inst = Instance { nodes, arcs, supply };
    let (status, mcf) = inst.solve();
    assert_eq!(status, FlowStatus::Optimal);
    assert_feasible(&inst, &mcf);
    assert_certificate(&inst, &mcf);
    // Every unit walks the whole path (the cycles through a −c arc and its way back cost 0).
    let negative = (0..path).filter(|v| v % 7 == 3).count() as i128;
    let per_unit = (path as i128 - 2 * negative) * c as i128;
    assert_eq!(mcf.total_cost(), MAX_TOTAL_SUPPLY as i128 * per_unit);
    // The largest single cost, on a small graph.
    let mut small = MinCostFlow::new(3);
    small.add_arc(0, 1, i64::MAX, MAX_ABS_COST);
    small.add_arc(1, 2, i64::MAX, -MAX_ABS_COST);
    small.add_arc(0, 2, i64::MAX, MAX_ABS_COST - 1);
    small.set_supply(0, MAX_TOTAL_SUPPLY);
    small.set_supply(2, -MAX_TOTAL_SUPPLY);
    assert_eq!(small.solve(), FlowStatus::Optimal);
    assert_eq!(small.flows(), &[MAX_TOTAL_SUPPLY, MAX_TOTAL_SUPPLY, 0]);
    assert_eq!(small.total_cost(), 0);
}

#[test]
#[should_panic(expected = "above the min-cost flow limit 2^60")]
fn costs_beyond_the_limit_panic() {
    let mut mcf = MinCostFlow::new(1 << 20);
    mcf.add_arc(0, 1, 1, (1 << 40) + 1);
    mcf.solve();
}

#[test]
#[should_panic(expected = "above the min-cost flow limit 2^62")]
fn supplies_beyond_the_limit_panic() {
    let mut mcf = MinCostFlow::new(2);
    mcf.add_arc(0, 1, i64::MAX, 1);
    mcf.set_supply(0, MAX_TOTAL_SUPPLY + 1);
    mcf.set_supply(1, -MAX_TOTAL_SUPPLY - 1);
    mcf.solve();
}
