//! A small max-flow (Dinic) over `i128` capacities, for ATP across overlapping pools.
//!
//! The graph for one SKU and one overlap component is: source → pool (capacity: the units
//! reserved through the pool without a location) → member location (capacity: the location's
//! free stock less the pool's buffer there) → sink (capacity: the location's free stock).
//! Every outstanding reservation can be assigned to a location iff the max flow saturates the
//! source edges; a pool's ATP is the extra flow that can be pushed through that pool alone.

use std::collections::VecDeque;

#[derive(Clone, Debug)]
struct Edge {
    to: usize,
    cap: i128,
}

/// A flow network with residual capacities.
#[derive(Clone, Debug, Default)]
pub(crate) struct FlowGraph {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
    level: Vec<i32>,
    next: Vec<usize>,
}

impl FlowGraph {
    pub(crate) fn new(nodes: usize) -> Self {
        FlowGraph {
            edges: Vec::new(),
            adj: vec![Vec::new(); nodes],
            level: Vec::new(),
            next: Vec::new(),
        }
    }

    /// Adds an edge and returns its index (its reverse is `index ^ 1`).
    pub(crate) fn add_edge(&mut self, from: usize, to: usize, cap: i128) -> usize {
        let i = self.edges.len();
        self.edges.push(Edge { to, cap });
        self.adj[from].push(i);
        self.edges.push(Edge { to: from, cap: 0 });
        self.adj[to].push(i + 1);
        i
    }

    /// Raises the residual capacity of edge `e`.
    pub(crate) fn add_capacity(&mut self, e: usize, extra: i128) {
        self.edges[e].cap += extra;
    }

    fn bfs(&mut self, s: usize, t: usize) -> bool {
        self.level.clear();
        self.level.resize(self.adj.len(), -1);
        self.level[s] = 0;
        let mut q = VecDeque::from([s]);
        while let Some(v) = q.pop_front() {
            for &e in &self.adj[v] {
                let Edge { to, cap } = self.edges[e];
                if cap > 0 && self.level[to] < 0 {
                    self.level[to] = self.level[v] + 1;
                    q.push_back(to);
                }
            }
        }
        self.level[t] >= 0
    }

    fn dfs(&mut self, v: usize, t: usize, pushed: i128) -> i128 {
        if v == t {
            return pushed;
        }
        while self.next[v] < self.adj[v].len() {
            let e = self.adj[v][self.next[v]];
            let Edge { to, cap } = self.edges[e];
            if cap > 0 && self.level[to] == self.level[v] + 1 {
                let d = self.dfs(to, t, pushed.min(cap));
                if d > 0 {
                    self.edges[e].cap -= d;
                    self.edges[e ^ 1].cap += d;
                    return d;
                }
            }
            self.next[v] += 1;
        }
        0
    }

    /// Pushes as much extra flow from `s` to `t` as the residual graph allows and returns it.
    /// Recursion depth is bounded by the length of a shortest augmenting path (at most the
    /// number of nodes: pools and locations of one component).
    pub(crate) fn max_flow(&mut self, s: usize, t: usize) -> i128 {
        let mut total = 0;
        while self.bfs(s, t) {
            self.next.clear();
            self.next.resize(self.adj.len(), 0);
            loop {
                let f = self.dfs(s, t, i128::MAX);
                if f == 0 {
                    break;
                }
                total += f;
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_flow() {
        // s=0, a=1, b=2, t=3
        let mut g = FlowGraph::new(4);
        g.add_edge(0, 1, 3);
        g.add_edge(0, 2, 2);
        g.add_edge(1, 2, 1);
        g.add_edge(1, 3, 2);
        g.add_edge(2, 3, 3);
        assert_eq!(g.max_flow(0, 3), 5);
        // Nothing more to push.
        assert_eq!(g.max_flow(0, 3), 0);
    }

    #[test]
    fn raising_a_capacity_pushes_only_the_extra() {
        let mut g = FlowGraph::new(3);
        let e = g.add_edge(0, 1, 2);
        g.add_edge(1, 2, 10);
        assert_eq!(g.max_flow(0, 2), 2);
        g.add_capacity(e, 100);
        assert_eq!(g.max_flow(0, 2), 8);
    }
}
