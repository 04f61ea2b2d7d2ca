//! A small max-flow (Dinic) over `i128` capacities, for ATP across overlapping pools.
//!
//! The graph for one SKU and one overlap component is: source → pool (capacity: the units
//! reserved through the pool without a location) → member location (capacity: the location's
//! free stock less the pool's buffer there) → sink (capacity: the location's free stock).
//! Every outstanding reservation can be assigned to a location iff the max flow saturates the
//! source edges; a pool's ATP is the extra flow that can be pushed through that pool alone.

use std::collections::VecDeque;

/// A flow network with residual capacities. Edges are added first; the adjacency is then laid
/// out flat (one allocation for all nodes), and the residual capacities live in one vector so a
/// what-if run can start again from a saved copy without rebuilding the graph.
#[derive(Clone, Debug, Default)]
pub(crate) struct FlowGraph {
    nodes: usize,
    /// Head, tail and residual capacity of each edge; edge `i ^ 1` is the reverse of edge `i`.
    head: Vec<u32>,
    tail: Vec<u32>,
    cap: Vec<i128>,
    /// Flat adjacency: the edges leaving node `v` are `adj[start[v]..start[v + 1]]`.
    start: Vec<u32>,
    adj: Vec<u32>,
    level: Vec<i32>,
    next: Vec<u32>,
}

impl FlowGraph {
    pub(crate) fn new(nodes: usize) -> Self {
        FlowGraph {
            nodes,
            ..FlowGraph::default()
        }
    }

    /// Adds an edge and returns its index (its reverse is `index ^ 1`).
    pub(crate) fn add_edge(&mut self, from: usize, to: usize, cap: i128) -> usize {
        let i = self.head.len();
        self.head.extend([to as u32, from as u32]);
        self.tail.extend([from as u32, to as u32]);
        self.cap.extend([cap, 0]);
        self.start.clear(); // the layout is rebuilt before the next run
        i
    }

    /// Raises the residual capacity of edge `e`.
    pub(crate) fn add_capacity(&mut self, e: usize, extra: i128) {
        self.cap[e] += extra;
    }

    /// The residual capacities, to start a later run again from this point.
    pub(crate) fn capacities(&self) -> Vec<i128> {
        self.cap.clone()
    }

    /// Resets the residual capacities to a saved copy (same graph).
    pub(crate) fn set_capacities(&mut self, caps: &[i128]) {
        self.cap.copy_from_slice(caps);
    }

    /// The number of nodes.
    pub(crate) fn nodes(&self) -> usize {
        self.nodes
    }

    /// The residual capacity of edge `e`.
    pub(crate) fn residual(&self, e: usize) -> i128 {
        self.cap[e]
    }

    /// The forward edges leaving `v`, as (edge, head) (after a `max_flow`).
    pub(crate) fn forward_out(&self, v: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let range = match self.start.get(v..=v + 1) {
            Some([a, b]) => *a as usize..*b as usize,
            _ => 0..0,
        };
        self.adj[range]
            .iter()
            .map(|&e| e as usize)
            .filter(|e| e % 2 == 0)
            .map(|e| (e, self.head[e] as usize))
    }

    fn layout(&mut self) {
        if !self.start.is_empty() {
            return;
        }
        let mut start = vec![0u32; self.nodes + 1];
        for &t in &self.tail {
            start[t as usize + 1] += 1;
        }
        for v in 0..self.nodes {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut adj = vec![0u32; self.tail.len()];
        for (e, &t) in self.tail.iter().enumerate() {
            adj[fill[t as usize] as usize] = e as u32;
            fill[t as usize] += 1;
        }
        self.start = start;
        self.adj = adj;
    }

    fn bfs(&mut self, s: usize, t: usize) -> bool {
        self.level.clear();
        self.level.resize(self.nodes, -1);
        self.level[s] = 0;
        let mut q = VecDeque::from([s]);
        while let Some(v) = q.pop_front() {
            for &e in &self.adj[self.start[v] as usize..self.start[v + 1] as usize] {
                let to = self.head[e as usize] as usize;
                if self.cap[e as usize] > 0 && self.level[to] < 0 {
                    self.level[to] = self.level[v] + 1;
                    q.push_back(to);
                }
            }
        }
        self.level[t] >= 0
    }

    /// Finds one augmenting path in the level graph and pushes its bottleneck. Iterative (an
    /// explicit path, not recursion), so a long chain of pools cannot overflow the stack.
    fn augment(&mut self, s: usize, t: usize, path: &mut Vec<u32>) -> i128 {
        path.clear();
        let mut v = s;
        loop {
            if v == t {
                let f = path.iter().map(|&e| self.cap[e as usize]).min().unwrap_or(0);
                for &e in path.iter() {
                    self.cap[e as usize] -= f;
                    self.cap[e as usize ^ 1] += f;
                }
                return f;
            }
            let mut advanced = false;
            while self.next[v] < self.start[v + 1] {
                let e = self.adj[self.next[v] as usize] as usize;
                let to = self.head[e] as usize;
                if self.cap[e] > 0 && self.level[to] == self.level[v] + 1 {
                    path.push(e as u32);
                    v = to;
                    advanced = true;
                    break;
                }
                self.next[v] += 1;
            }
            if !advanced {
                // A dead end: leave it out of this phase and step back.
                let Some(e) = path.pop() else { return 0 };
                self.level[v] = -1;
                v = self.tail[e as usize] as usize;
                self.next[v] += 1;
            }
        }
    }

    /// Pushes as much extra flow from `s` to `t` as the residual graph allows and returns it
    /// (Dinic: BFS levels, then blocking flow by augmenting paths).
    pub(crate) fn max_flow(&mut self, s: usize, t: usize) -> i128 {
        self.layout();
        let mut total = 0;
        let mut path = Vec::new();
        while self.bfs(s, t) {
            self.next.clear();
            self.next.extend_from_slice(&self.start[..self.nodes]);
            loop {
                let f = self.augment(s, t, &mut path);
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
    fn a_long_chain_does_not_overflow_the_stack() {
        // source → n0 → n1 → … → n(k-1) → sink, on a small thread stack.
        let k = 200_000;
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let mut g = FlowGraph::new(k + 2);
                g.add_edge(0, 2, 5);
                for i in 0..k - 1 {
                    g.add_edge(2 + i, 3 + i, 7);
                }
                g.add_edge(k + 1, 1, 3);
                g.max_flow(0, 1)
            })
            .unwrap();
        assert_eq!(handle.join().unwrap(), 3);
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
