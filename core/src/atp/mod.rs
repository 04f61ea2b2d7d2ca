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
mod promise;
mod timeline;

pub(crate) use promise::Route;
pub use promise::{LinePromise, Promise, PromiseLine, PromiseRequest, PromiseSource};

pub use timeline::{AtpBucket, AtpTimeline, BeyondHorizon, MAX_TIMELINE_DAYS};

use jiff::civil::Date;
use rustc_hash::FxHashMap;
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
    /// A change of what a pool holds without a location: (pool, due date or `None` for
    /// undated, delta).
    pub demand: Option<(PoolIdx, Option<Date>, i64)>,
    /// A change of the units expected at a location on a date.
    pub supply: Option<(LocIdx, Date, i64)>,
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

/// A location's running total as supplies arrive: stock free now plus what arrived so far.
/// A pool sees what its buffer leaves of that total, so each arrival gains it
/// `buffered_gain(before, after, buffer)`.
#[derive(Default)]
pub(crate) struct RunningTotals(FxHashMap<LocIdx, i64>);

impl RunningTotals {
    /// Adds `q` units arriving at `l` (with `free` units free now); returns the location's total
    /// before and after.
    pub(crate) fn add(&mut self, l: LocIdx, free: i64, q: i64) -> (i64, i64) {
        let f = free.max(0);
        let a = self.0.entry(l).or_insert(0);
        let before = f.saturating_add(*a);
        *a = a.saturating_add(q);
        (before, f.saturating_add(*a))
    }
}

/// What a pool keeping `buffer` at a location gains when its total goes from `before` to
/// `after`.
pub(crate) fn buffered_gain(before: i64, after: i64, buffer: i64) -> i64 {
    contribution(after, buffer, true) - contribution(before, buffer, true)
}

/// The bucket whose cumulative ATP answers demand due at `at` (`None`: now): the last one
/// dated on or before it.
fn bucket_for(buckets: &[Bucket], at: Option<Date>) -> usize {
    match at {
        None => 0,
        // The first bucket (now) is always there and always counts.
        Some(d) => buckets.partition_point(|b| b.date.is_none_or(|x| x <= d)) - 1,
    }
}

fn clamp_i64(v: i128) -> i64 {
    v.clamp(0, i64::MAX as i128) as i64
}

/// One time point of a pool's availability: stock usable from then on, and demand due then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bucket {
    /// `None`: now (stock on hand, undated demand); otherwise a date.
    pub date: Option<Date>,
    /// Units the pool may use that become available at this point.
    pub supply: i128,
    /// Units held by the pool that are due at this point.
    pub demand: i128,
}

/// Cumulative ATP with look-ahead at each bucket: `min over k ≥ t of Σ_{j ≤ k} (supply − demand)`.
/// Later shortages consume earlier surplus, so promising a bucket's value never uncovers a
/// later bucket's demand.
pub(crate) fn cumulative_with_lookahead(buckets: &[Bucket]) -> Vec<i128> {
    let mut net = 0i128;
    let mut nets: Vec<i128> = buckets
        .iter()
        .map(|b| {
            net += b.supply - b.demand;
            net
        })
        .collect();
    for k in (0..nets.len().saturating_sub(1)).rev() {
        nets[k] = nets[k].min(nets[k + 1]);
    }
    nets
}

/// The flow network of one SKU and one component.
struct CompFlow {
    graph: FlowGraph,
    source: usize,
    sink: usize,
    /// Per pool, per time point (0 = now, `k` = `dates[k − 1]`): its source edge.
    time_edges: Vec<Vec<usize>>,
    /// The dates of the time points after now.
    dates: Vec<Date>,
    demand: i128,
    /// Σ of the sink capacities: more than any pool can ever take.
    big: i128,
    /// Per location node (now): its location and its edge to the sink.
    loc_nodes: Vec<(usize, LocIdx, usize)>,
    /// Per arrival node: its date, location, edge to the sink, and the edge from each pool of
    /// the component into it (component order; `usize::MAX` where the pool has none).
    arrival_edges: Vec<(Date, LocIdx, usize, Vec<usize>)>,
}

impl CompFlow {
    /// Index of the time point covering `date` (`None`: now).
    fn time_of(&self, date: Option<Date>) -> usize {
        date.map_or(0, |d| self.dates.partition_point(|&x| x <= d))
    }

    /// The most pool `i` could take at a time point, starting from the base flow.
    fn extra(&mut self, base_caps: &[i128], i: usize, k: usize) -> i128 {
        self.graph.set_capacities(base_caps);
        self.graph.add_capacity(self.time_edges[i][k], self.big);
        let extra = self.graph.max_flow(self.source, self.sink);
        self.graph.set_capacities(base_caps);
        extra
    }
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

    /// Units a pool holds without a location and without a due date.
    fn unassigned_with(&self, s: SkuIdx, p: PoolIdx, what_if: WhatIf) -> i64 {
        let d = self.ledger.agg[self.agg_index(s, p)].unassigned;
        match what_if.demand {
            Some((wp, None, delta)) if wp == p => d + delta,
            _ => d,
        }
    }

    /// Whether a pool holds dated demand (what-if included).
    fn has_dated(&self, s: SkuIdx, p: PoolIdx, what_if: WhatIf) -> bool {
        self.ledger.agg[self.agg_index(s, p)].dated > 0
            || matches!(what_if.demand, Some((wp, Some(_), d)) if wp == p && d > 0)
    }

    /// A pool's dated demand by date, ascending (what-if included).
    fn dated_with(&self, s: SkuIdx, p: PoolIdx, what_if: WhatIf) -> Vec<(Date, i64)> {
        let mut v: Vec<(Date, i64)> = match self.ledger.dated.get(&(s, p)) {
            Some(m) => m.iter().map(|(&d, &q)| (d, q)).collect(),
            None => Vec::new(),
        };
        if let Some((wp, Some(date), delta)) = what_if.demand {
            if wp == p {
                match v.binary_search_by_key(&date, |&(d, _)| d) {
                    Ok(i) => v[i].1 += delta,
                    Err(i) => v.insert(i, (date, delta)),
                }
                v.retain(|&(_, q)| q != 0);
            }
        }
        v
    }

    /// Units expected at the locations `keep` accepts, by (date, location), what-if included.
    fn arrivals_with(&self, s: SkuIdx, what_if: WhatIf, keep: impl Fn(LocIdx) -> bool) -> Vec<(Date, LocIdx, i64)> {
        let mut v: Vec<(Date, LocIdx, i64)> = match self.ledger.arrivals.get(&s) {
            Some(m) => m
                .iter()
                .filter(|((_, l), _)| keep(*l))
                .map(|(&(d, l), &q)| (d, l, q))
                .collect(),
            None => Vec::new(),
        };
        if let Some((wl, date, delta)) = what_if.supply {
            if keep(wl) {
                match v.binary_search_by_key(&(date, wl), |&(d, l, _)| (d, l)) {
                    Ok(i) => v[i].2 += delta,
                    Err(i) => v.insert(i, (date, wl, delta)),
                }
                v.retain(|&(_, _, q)| q != 0);
            }
        }
        v
    }

    /// The availability buckets of one pool taken alone: now (its sellable stock, its undated
    /// demand), then each date where expected supply adds usable stock or dated demand falls
    /// due, ascending. Supply after `until` (when given) is left out.
    pub(crate) fn pool_buckets(&self, s: SkuIdx, p: PoolIdx, what_if: WhatIf, until: Option<Date>) -> Vec<Bucket> {
        let mut out = vec![Bucket {
            date: None,
            supply: self.pool_sum_with(s, p, what_if),
            demand: self.unassigned_with(s, p, what_if) as i128,
        }];
        let pool = &self.topo.pools[p as usize];
        let arrivals = self.arrivals_with(s, what_if, |l| {
            self.topo.loc_enabled[l as usize] && pool.members.binary_search_by_key(&l, |&(m, _)| m).is_ok()
        });
        let dated = self.dated_with(s, p, what_if);
        let mut totals = RunningTotals::default();
        let mut events: Vec<(Date, i128, i128)> = Vec::with_capacity(arrivals.len() + dated.len());
        for (d, l, q) in arrivals {
            if until.is_some_and(|u| d > u) {
                continue;
            }
            let b = self.topo.buffer(p, l).unwrap_or(0);
            let (before, after) = totals.add(l, self.free_with(s, l, what_if), q);
            events.push((d, buffered_gain(before, after, b) as i128, 0));
        }
        events.extend(dated.into_iter().map(|(d, q)| (d, 0, q as i128)));
        events.sort_unstable_by_key(|e| e.0);
        for (d, sup, dem) in events {
            match out.last_mut() {
                Some(last) if last.date == Some(d) => {
                    last.supply += sup;
                    last.demand += dem;
                }
                _ => out.push(Bucket {
                    date: Some(d),
                    supply: sup,
                    demand: dem,
                }),
            }
        }
        out
    }

    /// Uncapped ATP of a pool taken alone for demand due at `at` (`None`: now, undated).
    pub(crate) fn pool_atp_at(&self, s: SkuIdx, p: PoolIdx, what_if: WhatIf, at: Option<Date>) -> i64 {
        if !self.has_dated(s, p, what_if) && at.is_none() {
            return clamp_i64(self.pool_sum_with(s, p, what_if) - self.unassigned_with(s, p, what_if) as i128);
        }
        let buckets = self.pool_buckets(s, p, what_if, None);
        clamp_i64(cumulative_with_lookahead(&buckets)[bucket_for(&buckets, at)])
    }

    fn build_flow(&self, s: SkuIdx, comp: u32, what_if: WhatIf, horizon: Option<Date>) -> CompFlow {
        let c = &self.topo.components[comp as usize];
        let n_pools = c.pools.len();
        let in_comp = |l: LocIdx| self.topo.loc_component[l as usize] == comp && self.topo.loc_enabled[l as usize];
        // Dated demand decides which later time points matter: supply after the last due date
        // (or the horizon asked about) cannot change anything.
        let dated: Vec<Vec<(Date, i64)>> = c.pools.iter().map(|&p| self.dated_with(s, p, what_if)).collect();
        let last = dated.iter().filter_map(|d| d.last().map(|x| x.0)).chain(horizon).max();
        let arrivals = match last {
            Some(last) => {
                let mut a = self.arrivals_with(s, what_if, in_comp);
                a.retain(|&(d, _, _)| d <= last);
                a
            }
            None => Vec::new(),
        };
        let mut dates: Vec<Date> = dated
            .iter()
            .flatten()
            .map(|x| x.0)
            .chain(arrivals.iter().map(|x| x.0))
            .chain(horizon)
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let t = dates.len() + 1;

        // Nodes: 0 source, 1 sink, 2.. pools (now), then locations with free stock (now), then
        // pools at later time points, then locations receiving supply at later time points.
        let mut loc_node: Vec<(LocIdx, usize, i64)> = Vec::new();
        let mut node = 2 + n_pools;
        for &l in &c.locations {
            let f = self.free_with(s, l, what_if);
            if f > 0 && self.topo.loc_enabled[l as usize] {
                loc_node.push((l, node, f));
                node += 1;
            }
        }
        let first_pool_time = node;
        node += n_pools * (t - 1);
        let first_arrival = node;
        node += arrivals.len();
        let pool_node = |i: usize, k: usize| {
            if k == 0 {
                2 + i
            } else {
                first_pool_time + i * (t - 1) + k - 1
            }
        };

        let mut big = 1i128;
        for &(_, _, f) in &loc_node {
            big += f as i128;
        }
        for &(_, _, q) in &arrivals {
            big += q.max(0) as i128;
        }

        let mut graph = FlowGraph::new(node);
        let mut time_edges = vec![Vec::with_capacity(t); n_pools];
        let mut demand = 0i128;
        for (i, &p) in c.pools.iter().enumerate() {
            let d = self.unassigned_with(s, p, what_if) as i128;
            demand += d;
            time_edges[i].push(graph.add_edge(0, 2 + i, d));
            for &(l, b) in &self.topo.pools[p as usize].members {
                if let Ok(k) = loc_node.binary_search_by_key(&l, |&(ll, _, _)| ll) {
                    let (_, ln, f) = loc_node[k];
                    if f > b {
                        graph.add_edge(2 + i, ln, (f - b) as i128);
                    }
                }
            }
        }
        for (i, dated) in dated.iter().enumerate() {
            for k in 1..t {
                let q = dated
                    .binary_search_by_key(&dates[k - 1], |x| x.0)
                    .map_or(0, |j| dated[j].1 as i128);
                demand += q;
                time_edges[i].push(graph.add_edge(0, pool_node(i, k), q));
                // Demand due at k may use anything available earlier.
                graph.add_edge(pool_node(i, k), pool_node(i, k - 1), big);
            }
        }
        let mut loc_nodes = Vec::with_capacity(loc_node.len());
        for &(l, ln, f) in &loc_node {
            loc_nodes.push((ln, l, graph.add_edge(ln, 1, f as i128)));
        }
        // Supply: each pool may use what the buffer leaves of the location's running total.
        let mut totals = RunningTotals::default();
        let mut arrival_edges = Vec::with_capacity(arrivals.len());
        for (j, &(d, l, q)) in arrivals.iter().enumerate() {
            let an = first_arrival + j;
            let k = dates.partition_point(|&x| x <= d);
            let sink_edge = graph.add_edge(an, 1, q.max(0) as i128);
            let mut into = vec![usize::MAX; n_pools];
            let (before, after) = totals.add(l, self.free_with(s, l, what_if), q);
            for &(p, b) in &self.topo.loc_pools[l as usize] {
                let i = c
                    .pools
                    .binary_search(&p)
                    .expect("a location's pools are in its component");
                let gain = buffered_gain(before, after, b);
                if gain > 0 {
                    into[i] = graph.add_edge(pool_node(i, k), an, gain as i128);
                }
            }
            arrival_edges.push((d, l, sink_edge, into));
        }
        CompFlow {
            graph,
            source: 0,
            sink: 1,
            time_edges,
            dates,
            demand,
            big,
            loc_nodes,
            arrival_edges,
        }
    }

    /// Whether the component needs the flow: several pools and some reservation held by a pool.
    pub(crate) fn needs_flow(&self, s: SkuIdx, comp: u32) -> bool {
        self.needs_flow_with(s, comp, WhatIf::default())
    }

    fn needs_flow_with(&self, s: SkuIdx, comp: u32, what_if: WhatIf) -> bool {
        let c = &self.topo.components[comp as usize];
        c.pools.len() > 1
            && c.pools
                .iter()
                .any(|&p| self.unassigned_with(s, p, what_if) > 0 || self.has_dated(s, p, what_if))
    }

    /// Can every reservation held by a pool of the component still be assigned to a location
    /// (and, when it has a due date, to stock on hand or supply expected by then), with the
    /// overrides applied?
    pub(crate) fn feasible(&self, s: SkuIdx, comp: u32, what_if: WhatIf) -> bool {
        let c = &self.topo.components[comp as usize];
        if !self.needs_flow_with(s, comp, what_if) {
            // One pool (or no demand): its own stock and supply must cover its own demand.
            return c.pools.iter().all(|&p| {
                if self.has_dated(s, p, what_if) {
                    let buckets = self.pool_buckets(s, p, what_if, None);
                    return cumulative_with_lookahead(&buckets)[0] >= 0;
                }
                let d = self.unassigned_with(s, p, what_if);
                d == 0 || self.pool_sum_with(s, p, what_if) >= d as i128
            });
        }
        let mut cf = self.build_flow(s, comp, what_if, None);
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
                .map(|&p| self.pool_atp_at(s, p, WhatIf::default(), None))
                .collect();
        }
        let mut cf = self.build_flow(s, comp, WhatIf::default(), None);
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
                // With later time points, flow may also come back down a pool's time chain:
                // the shortcut's bound no longer holds.
                let extra = if direct == upper && cf.dates.is_empty() {
                    upper
                } else {
                    cf.extra(&base_caps, i, 0)
                };
                i64::try_from(extra).unwrap_or(i64::MAX)
            })
            .collect();
        atps
    }

    /// Uncapped ATP of pool `p` for demand due at each of `at` (`None`: now): what a
    /// reservation held by the pool with that due date could take.
    pub(crate) fn pool_atp_dated(&self, s: SkuIdx, p: PoolIdx, at: &[Option<Date>]) -> Vec<i64> {
        let comp = self.topo.pools[p as usize].component;
        if !self.needs_flow(s, comp) {
            if at.iter().all(Option::is_none) {
                let now = self.pool_atp_at(s, p, WhatIf::default(), None);
                return vec![now; at.len()];
            }
            let buckets = self.pool_buckets(s, p, WhatIf::default(), None);
            let cum = cumulative_with_lookahead(&buckets);
            return at.iter().map(|&a| clamp_i64(cum[bucket_for(&buckets, a)])).collect();
        }
        let horizon = at.iter().flatten().max().copied();
        let mut cf = self.build_flow(s, comp, WhatIf::default(), horizon);
        let base = cf.graph.max_flow(cf.source, cf.sink);
        if base < cf.demand {
            return vec![0; at.len()];
        }
        let i = self.topo.components[comp as usize]
            .pools
            .binary_search(&p)
            .expect("a pool is in its component");
        let base_caps = cf.graph.capacities();
        let mut memo: FxHashMap<usize, i64> = FxHashMap::default();
        at.iter()
            .map(|&a| {
                let k = cf.time_of(a);
                if let Some(&v) = memo.get(&k) {
                    return v;
                }
                let v = i64::try_from(cf.extra(&base_caps, i, k)).unwrap_or(i64::MAX);
                memo.insert(k, v);
                v
            })
            .collect()
    }

    /// For a pool of a component that needs the flow: what each expected supply still leaves
    /// the pool once every reservation held by a pool is routed (the base flow), by (expected
    /// date, location). Conservative: another routing of those holds might leave more.
    pub(crate) fn arrival_room(&self, s: SkuIdx, p: PoolIdx) -> FxHashMap<(Date, LocIdx), i64> {
        let comp = self.topo.pools[p as usize].component;
        let last = self
            .ledger
            .arrivals
            .get(&s)
            .and_then(|m| m.keys().next_back().map(|k| k.0));
        let mut cf = self.build_flow(s, comp, WhatIf::default(), last);
        let base = cf.graph.max_flow(cf.source, cf.sink);
        let i = self.topo.components[comp as usize]
            .pools
            .binary_search(&p)
            .expect("a pool is in its component");
        cf.arrival_edges
            .iter()
            .map(|(d, l, sink_edge, into)| {
                let room = if base < cf.demand || into[i] == usize::MAX {
                    0
                } else {
                    cf.graph.residual(*sink_edge).min(cf.graph.residual(into[i]))
                };
                ((*d, *l), i64::try_from(room).unwrap_or(i64::MAX))
            })
            .collect()
    }

    /// Room left at each location after routing every pool-held reservation (the base flow), or
    /// `None` when the component needs no flow (or holds dated demand, where taking stock now
    /// also changes what later supply may cover: every check then runs the flow).
    pub(crate) fn location_slack(&self, s: SkuIdx, comp: u32) -> Option<rustc_hash::FxHashMap<LocIdx, i128>> {
        if !self.needs_flow(s, comp) {
            return None;
        }
        let mut cf = self.build_flow(s, comp, WhatIf::default(), None);
        if !cf.dates.is_empty() {
            return None;
        }
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
                    ..WhatIf::default()
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
    /// This is the pool's stock answer: a channel's quotas count per period of a due date,
    /// which a lookup has not got; [`Inventory::atp_timeline_for_channel`] reports them.
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
