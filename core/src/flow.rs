//! TEMPORARY stand-in (successive shortest paths) until the network simplex lands.
#![allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowStatus {
    Optimal,
    Infeasible,
}
pub struct MinCostFlow {
    n: usize,
    from: Vec<usize>,
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
    supply: Vec<i64>,
    flow: Vec<i64>,
}
impl MinCostFlow {
    pub fn new(n: usize) -> Self {
        Self::with_capacity(n, 0)
    }
    pub fn with_capacity(n: usize, m: usize) -> Self {
        MinCostFlow {
            n,
            from: Vec::with_capacity(m),
            to: Vec::with_capacity(m),
            cap: Vec::with_capacity(m),
            cost: Vec::with_capacity(m),
            supply: vec![0; n],
            flow: Vec::new(),
        }
    }
    pub fn add_arc(&mut self, a: usize, b: usize, cap: i64, cost: i64) -> usize {
        self.from.push(a);
        self.to.push(b);
        self.cap.push(cap);
        self.cost.push(cost);
        self.from.len() - 1
    }
    pub fn set_supply(&mut self, v: usize, s: i64) {
        self.supply[v] = s;
    }
    pub fn flow(&self, a: usize) -> i64 {
        self.flow[a]
    }
    pub fn total_cost(&self) -> i128 {
        self.flow
            .iter()
            .zip(&self.cost)
            .map(|(f, c)| *f as i128 * *c as i128)
            .sum()
    }
    pub fn solve(&mut self) -> FlowStatus {
        let m = self.from.len();
        let n = self.n + 2;
        let s = self.n;
        let t = self.n + 1;
        let mut to = vec![];
        let mut cap: Vec<i64> = vec![];
        let mut cost: Vec<i64> = vec![];
        let mut head = vec![vec![]; n];
        let mut edge = |a: usize,
                        b: usize,
                        c: i64,
                        w: i64,
                        to: &mut Vec<usize>,
                        cap: &mut Vec<i64>,
                        cost: &mut Vec<i64>,
                        head: &mut Vec<Vec<usize>>| {
            let e = to.len();
            to.push(b);
            cap.push(c);
            cost.push(w);
            head[a].push(e);
            to.push(a);
            cap.push(0);
            cost.push(-w);
            head[b].push(e + 1);
            e
        };
        for i in 0..m {
            edge(
                self.from[i],
                self.to[i],
                self.cap[i],
                self.cost[i],
                &mut to,
                &mut cap,
                &mut cost,
                &mut head,
            );
        }
        let mut need = 0i64;
        for v in 0..self.n {
            if self.supply[v] > 0 {
                edge(s, v, self.supply[v], 0, &mut to, &mut cap, &mut cost, &mut head);
                need += self.supply[v];
            } else if self.supply[v] < 0 {
                edge(v, t, -self.supply[v], 0, &mut to, &mut cap, &mut cost, &mut head);
            }
        }
        let mut got = 0i64;
        loop {
            let mut dist = vec![i128::MAX; n];
            let mut prev = vec![usize::MAX; n];
            let mut inq = vec![false; n];
            dist[s] = 0;
            let mut q = std::collections::VecDeque::new();
            q.push_back(s);
            while let Some(u) = q.pop_front() {
                inq[u] = false;
                for &e in &head[u] {
                    if cap[e] > 0 {
                        let v = to[e];
                        let d = dist[u] + cost[e] as i128;
                        if d < dist[v] {
                            dist[v] = d;
                            prev[v] = e;
                            if !inq[v] {
                                inq[v] = true;
                                q.push_back(v);
                            }
                        }
                    }
                }
            }
            if dist[t] == i128::MAX {
                break;
            }
            let mut push = i64::MAX;
            let mut v = t;
            while v != s {
                let e = prev[v];
                push = push.min(cap[e]);
                v = to[e ^ 1];
            }
            let mut v = t;
            while v != s {
                let e = prev[v];
                cap[e] -= push;
                cap[e ^ 1] += push;
                v = to[e ^ 1];
            }
            got += push;
        }
        self.flow = (0..m).map(|i| cap[2 * i + 1]).collect();
        if got == need && self.supply.iter().sum::<i64>() == 0 {
            FlowStatus::Optimal
        } else {
            FlowStatus::Infeasible
        }
    }
}
