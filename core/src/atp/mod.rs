//! Pooled available-to-promise now: incremental aggregates, the overlap flow, and queries.
//!
//! For a SKU and a pool, with `free = on_hand − reserved_at_location` per location:
//!
//! * when no reservation is held by a pool of the pool's overlap component (or the component
//!   is the pool alone), `atp = Σ_members max(0, free − buffer) − unassigned(pool)`, kept up to
//!   date incrementally, so a query is a lookup;
//! * otherwise pools compete for shared locations, and `atp` is the extra flow that can be
//!   pushed through the pool while every reservation held by a pool stays assignable to a
//!   member location (a max-flow over pools × locations, see `flow.rs`).
//!
//! A pool's share cap then applies: `floor(atp × max_share_pct / 100)`.

pub(crate) mod flow;

use serde::{Deserialize, Serialize};

use crate::Inventory;
use crate::error::Result;
use crate::ledger::SkuIdx;
use crate::model::{LocIdx, LocationId, PoolIdx};
use flow::FlowGraph;

/// One member location of a pool, for one SKU: what a store associate or a sourcing rule sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationAtp {
    /// The member location.
    pub location: LocationId,
    /// Units physically present.
    pub on_hand: i64,
    /// Units held by reservations at this location.
    pub reserved: i64,
    /// The pool's buffer at this location.
    pub buffer: i64,
    /// `max(0, on_hand − reserved − buffer)`, or 0 if the location is disabled.
    pub sellable: i64,
    /// What can be reserved at this location through the pool right now: sellable, less what
    /// reservations held by pools need from it, within the pool's own ATP.
    pub atp: i64,
    /// Whether the location is enabled.
    pub enabled: bool,
}

/// Overrides for a what-if feasibility check.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WhatIf {
    /// A location's free stock.
    pub free: Option<(LocIdx, i64)>,
    /// A pool's unassigned reservations.
    pub unassigned: Option<(PoolIdx, i64)>,
}

/// A pool's view of one location's free stock.
pub(crate) fn contribution(free: i64, buffer: i64, enabled: bool) -> i64 {
    if enabled { (free - buffer).max(0) } else { 0 }
}

/// Applies a share cap in basis points.
pub(crate) fn capped(atp: i64, share_bp: Option<u32>) -> i64 {
    match share_bp {
        None => atp,
        // Fits: |atp| ≤ 2^63 and bp ≤ 10_000.
        Some(bp) => (atp as i128 * bp as i128 / 10_000) as i64,
    }
}

/// The flow network of one SKU and one component.
struct CompFlow {
    graph: FlowGraph,
    source: usize,
    sink: usize,
    /// Index of the source → pool edge, per pool of the component (component order).
    pool_edges: Vec<usize>,
    demand: i128,
    /// Σ of the sink capacities: more than any pool can ever take.
    big: i128,
    /// Per location node: its location and its edge to the sink.
    loc_nodes: Vec<(usize, LocIdx, usize)>,
}

impl Inventory {
    pub(crate) fn agg_index(&self, s: SkuIdx, p: PoolIdx) -> usize {
        s as usize * self.topo.pools.len() + p as usize
    }

    fn free_with(&self, s: SkuIdx, l: LocIdx, what_if: WhatIf) -> i64 {
        match what_if.free {
            Some((wl, f)) if wl == l => f,
            _ => self.ledger.free(s, l),
        }
    }

    fn unassigned_with(&self, s: SkuIdx, p: PoolIdx, what_if: WhatIf) -> i64 {
        match what_if.unassigned {
            Some((wp, d)) if wp == p => d,
            _ => self.ledger.agg[self.agg_index(s, p)].unassigned,
        }
    }

    fn build_flow(&self, s: SkuIdx, comp: u32, what_if: WhatIf) -> CompFlow {
        let c = &self.topo.components[comp as usize];
        let n_pools = c.pools.len();
        // Nodes: 0 source, 1 sink, 2.. pools, then locations with free stock.
        let mut loc_node: Vec<(LocIdx, usize, i64)> = Vec::new();
        let mut node = 2 + n_pools;
        for &l in &c.locations {
            let f = self.free_with(s, l, what_if);
            if f > 0 && self.topo.loc_enabled[l as usize] {
                loc_node.push((l, node, f));
                node += 1;
            }
        }
        let mut graph = FlowGraph::new(node);
        let mut pool_edges = Vec::with_capacity(n_pools);
        let mut demand = 0i128;
        for (i, &p) in c.pools.iter().enumerate() {
            let d = self.unassigned_with(s, p, what_if) as i128;
            demand += d;
            pool_edges.push(graph.add_edge(0, 2 + i, d));
            for &(l, b) in &self.topo.pools[p as usize].members {
                if let Ok(k) = loc_node.binary_search_by_key(&l, |&(ll, _, _)| ll) {
                    let (_, ln, f) = loc_node[k];
                    if f > b {
                        graph.add_edge(2 + i, ln, (f - b) as i128);
                    }
                }
            }
        }
        let mut big = 1i128;
        let mut loc_nodes = Vec::with_capacity(loc_node.len());
        for &(l, ln, f) in &loc_node {
            loc_nodes.push((ln, l, graph.add_edge(ln, 1, f as i128)));
            big += f as i128;
        }
        CompFlow {
            graph,
            source: 0,
            sink: 1,
            pool_edges,
            demand,
            big,
            loc_nodes,
        }
    }

    /// Whether the component needs the flow: several pools and some reservation held by a pool.
    pub(crate) fn needs_flow(&self, s: SkuIdx, comp: u32) -> bool {
        self.needs_flow_with(s, comp, WhatIf::default())
    }

    fn needs_flow_with(&self, s: SkuIdx, comp: u32, what_if: WhatIf) -> bool {
        let c = &self.topo.components[comp as usize];
        c.pools.len() > 1 && c.pools.iter().any(|&p| self.unassigned_with(s, p, what_if) > 0)
    }

    /// Can every reservation held by a pool of the component still be assigned to a location,
    /// with the overrides applied?
    pub(crate) fn feasible(&self, s: SkuIdx, comp: u32, what_if: WhatIf) -> bool {
        let c = &self.topo.components[comp as usize];
        if !self.needs_flow_with(s, comp, what_if) {
            // One pool (or no demand): its own sum must cover its own demand.
            return c.pools.iter().all(|&p| {
                let d = self.unassigned_with(s, p, what_if);
                d == 0 || self.pool_sum_with(s, p, what_if) >= d as i128
            });
        }
        let mut cf = self.build_flow(s, comp, what_if);
        cf.graph.max_flow(cf.source, cf.sink) >= cf.demand
    }

    fn pool_sum_with(&self, s: SkuIdx, p: PoolIdx, what_if: WhatIf) -> i128 {
        let mut sum = self.ledger.agg[self.agg_index(s, p)].sum;
        if let Some((l, f)) = what_if.free {
            if let Some(b) = self.topo.buffer(p, l) {
                let en = self.topo.loc_enabled[l as usize];
                sum += (contribution(f, b, en) - contribution(self.ledger.free(s, l), b, en)) as i128;
            }
        }
        sum
    }

    /// The uncapped ATP of every pool of a component, in component order.
    pub(crate) fn component_atp(&self, s: SkuIdx, comp: u32) -> Vec<i64> {
        let c = &self.topo.components[comp as usize];
        if !self.needs_flow(s, comp) {
            return c
                .pools
                .iter()
                .map(|&p| self.ledger.agg[self.agg_index(s, p)].uncapped_atp())
                .collect();
        }
        let mut cf = self.build_flow(s, comp, WhatIf::default());
        let base = cf.graph.max_flow(cf.source, cf.sink);
        if base < cf.demand {
            // Unreachable while the invariant holds (every event and restore checks it);
            // promise nothing rather than oversell.
            return vec![0; c.pools.len()];
        }
        // Each pool's extra flow, each run starting again from the base flow. A pool whose
        // locations all have room to the sink for everything its edges can carry takes exactly
        // that (no path can do better than its own out-edges): no run needed. With one pool per
        // store beside a web pool, only the stores the base flow uses need a run.
        let first_loc_node = 2 + c.pools.len();
        let mut sink_edge = vec![usize::MAX; cf.graph.nodes()];
        for &(ln, _, e) in &cf.loc_nodes {
            sink_edge[ln] = e;
        }
        let base_caps = cf.graph.capacities();
        let atps: Vec<i64> = (0..c.pools.len())
            .map(|i| {
                let (mut upper, mut direct) = (0i128, 0i128);
                for (e, head) in cf.graph.forward_out(2 + i) {
                    if head >= first_loc_node {
                        let out = cf.graph.residual(e);
                        upper += out;
                        direct += out.min(cf.graph.residual(sink_edge[head]));
                    }
                }
                let extra = if direct == upper {
                    upper
                } else {
                    cf.graph.set_capacities(&base_caps);
                    cf.graph.add_capacity(cf.pool_edges[i], cf.big);
                    let extra = cf.graph.max_flow(cf.source, cf.sink);
                    cf.graph.set_capacities(&base_caps);
                    extra
                };
                i64::try_from(extra).unwrap_or(i64::MAX)
            })
            .collect();
        atps
    }

    /// Room left at each location after routing every pool-held reservation (the base flow), or
    /// `None` when the component needs no flow.
    pub(crate) fn location_slack(&self, s: SkuIdx, comp: u32) -> Option<rustc_hash::FxHashMap<LocIdx, i128>> {
        if !self.needs_flow(s, comp) {
            return None;
        }
        let mut cf = self.build_flow(s, comp, WhatIf::default());
        cf.graph.max_flow(cf.source, cf.sink);
        // Taking `q` units at `l` lowers the sink edge by `q` and every pool's edge into `l` by
        // `q` too; the base flow still fits if the room left covers `q` plus the largest buffer
        // at `l` (then no pool's routed units exceed its smaller edge). Anything tighter is
        // decided by a flow.
        Some(
            cf.loc_nodes
                .iter()
                .map(|&(_, l, e)| {
                    let max_buffer = self.topo.loc_pools[l as usize]
                        .iter()
                        .map(|&(_, b)| b)
                        .max()
                        .unwrap_or(0);
                    (l, cf.graph.residual(e) - max_buffer as i128)
                })
                .collect(),
        )
    }

    /// Uncapped ATP of pool `p` at location `l` (a member): the most a reservation through `p`
    /// held at `l` may take while every reservation held by a pool stays assignable.
    pub(crate) fn location_atp(
        &self,
        s: SkuIdx,
        p: PoolIdx,
        l: LocIdx,
        slack: Option<&rustc_hash::FxHashMap<LocIdx, i128>>,
    ) -> i64 {
        let Some(b) = self.topo.buffer(p, l) else { return 0 };
        if !self.topo.loc_enabled[l as usize] {
            return 0;
        }
        let free = self.ledger.free(s, l);
        let hi = (free - b).max(0);
        if hi == 0 {
            return 0;
        }
        // Units the routed pool-held reservations leave alone can go without another flow.
        if slack.is_some_and(|m| m.get(&l).copied().unwrap_or(0) >= hi as i128) {
            return hi;
        }
        let comp = self.topo.pools[p as usize].component;
        let ok = |q: i64| {
            self.feasible(
                s,
                comp,
                WhatIf {
                    free: Some((l, free - q)),
                    unassigned: None,
                },
            )
        };
        if ok(hi) {
            return hi;
        }
        // Feasibility is monotone in q: binary search the largest feasible q in [0, hi).
        let (mut lo, mut hi) = (0i64, hi);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if ok(mid) { lo = mid } else { hi = mid }
        }
        lo
    }

    /// Pool ATP for a SKU index (capped), from the aggregate.
    pub(crate) fn atp_idx(&self, s: Option<SkuIdx>, p: PoolIdx) -> i64 {
        s.map_or(0, |s| self.ledger.agg[self.agg_index(s, p)].atp)
    }

    /// Available-to-promise now for a SKU through a pool: a lookup.
    ///
    /// A SKU with no position anywhere has nothing to promise (0).
    ///
    /// # Errors
    ///
    /// `unknown_pool`.
    ///
    /// # Examples
    ///
    /// ```
    /// let network = omnistock::Network::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}, {"id": "S1", "kind": "store"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}, {"location": "S1", "buffer": 2}]}]
    /// }"#)?;
    /// let mut inv = omnistock::Inventory::new(network)?;
    /// inv.apply_json(r#"[
    ///     {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 10},
    ///     {"type": "receive", "id": "e2", "location": "S1", "sku": "A", "quantity": 3}
    /// ]"#)?;
    /// assert_eq!(inv.atp("A", "web")?, 11); // 10 + max(0, 3 − 2)
    /// assert_eq!(inv.atp("NEVER-SEEN", "web")?, 0);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn atp(&self, sku: &str, pool: &str) -> Result<i64> {
        let p = self.topo.pool(pool)?;
        Ok(self.atp_idx(self.ledger.sku(sku), p))
    }

    /// ATP for a SKU through the pool a channel sells from.
    ///
    /// # Errors
    ///
    /// `unknown_channel`.
    ///
    /// # Examples
    ///
    /// ```
    /// let network = omnistock::Network::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}],
    ///     "channels": [{"id": "shop", "kind": "web", "pool": "web"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}]}]
    /// }"#)?;
    /// let mut inv = omnistock::Inventory::new(network)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 4}]"#)?;
    /// assert_eq!(inv.atp_for_channel("A", "shop")?, 4);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn atp_for_channel(&self, sku: &str, channel: &str) -> Result<i64> {
        let p = self.topo.channel(channel)?;
        Ok(self.atp_idx(self.ledger.sku(sku), p))
    }

    /// ATP for many SKUs through one pool, in the order given.
    ///
    /// # Errors
    ///
    /// `unknown_pool`.
    ///
    /// # Examples
    ///
    /// ```
    /// let network = omnistock::Network::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}]}]
    /// }"#)?;
    /// let mut inv = omnistock::Inventory::new(network)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 4}]"#)?;
    /// assert_eq!(inv.atp_many(&["A", "B", "A"], "web")?, vec![4, 0, 4]);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn atp_many<S: AsRef<str>>(&self, skus: &[S], pool: &str) -> Result<Vec<i64>> {
        let p = self.topo.pool(pool)?;
        Ok(skus
            .iter()
            .map(|s| self.atp_idx(self.ledger.sku(s.as_ref()), p))
            .collect())
    }

    /// Per-location breakdown of a pool for one SKU, by location id.
    ///
    /// Each row's `atp` is what one reservation held at that location could take now; rows
    /// are not additive when pools compete for the same stock (use [`Inventory::atp`] for the
    /// pool's total).
    ///
    /// # Errors
    ///
    /// `unknown_pool`.
    ///
    /// # Examples
    ///
    /// ```
    /// let network = omnistock::Network::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}, {"id": "S1", "kind": "store"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}, {"location": "S1", "buffer": 2}]}]
    /// }"#)?;
    /// let mut inv = omnistock::Inventory::new(network)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "e1", "location": "S1", "sku": "A", "quantity": 3}]"#)?;
    /// let rows = inv.atp_by_location("A", "web")?;
    /// assert_eq!(rows[1].location.as_str(), "S1");
    /// assert_eq!((rows[1].sellable, rows[1].atp), (1, 1));
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn atp_by_location(&self, sku: &str, pool: &str) -> Result<Vec<LocationAtp>> {
        let p = self.topo.pool(pool)?;
        let s = self.ledger.sku(sku);
        let pool_atp = self.atp_idx(s, p);
        let comp = self.topo.pools[p as usize].component;
        let slack = s.and_then(|s| self.location_slack(s, comp));
        let mut rows = Vec::with_capacity(self.topo.pools[p as usize].members.len());
        for &(l, b) in &self.topo.pools[p as usize].members {
            let enabled = self.topo.loc_enabled[l as usize];
            let pos = s.and_then(|s| self.ledger.position(s, l));
            let (on_hand, reserved) = pos.map_or((0, 0), |p| (p.on_hand, p.reserved));
            let sellable = contribution(on_hand - reserved, b, enabled);
            let atp = match s {
                Some(s) if sellable > 0 => self.location_atp(s, p, l, slack.as_ref()).min(pool_atp),
                _ => 0,
            };
            rows.push(LocationAtp {
                location: self.topo.loc_ids[l as usize].clone(),
                on_hand,
                reserved,
                buffer: b,
                sellable,
                atp,
                enabled,
            });
        }
        Ok(rows)
    }
}
