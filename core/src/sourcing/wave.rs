//! Wave allocation: a whole wave of orders sourced jointly.
//!
//! Allocating orders one by one lets early orders take the cheap stock later ones needed. A
//! wave decides every order at once, in six steps:
//!
//! 1. **Candidates.** Each order's line groups and candidate locations are found exactly as
//!    for [`Inventory::allocate`](crate::Inventory::allocate): same filters, same costs.
//! 2. **Rationing.** Where a SKU's demand exceeds what its pool (and the channel's quota)
//!    can give, the rule set's [`Scarcity`] policy decides how many units each line group may
//!    take at most: strict priority classes, or a fair share per channel (proportional to
//!    demand, floors then largest remainders; what a channel cannot use goes to the others),
//!    then earliest promised date, then order id.
//!    A group is only counted for the units it can reach at its candidates.
//! 3. **Relaxation.** The wave becomes one min-cost flow, solved exactly by the network
//!    simplex of [`crate::flow`]: line group → (SKU, location) stock → location capacity →
//!    sink, with an "unfilled" arc per group priced above any reroute so the most units are
//!    allocated first. A location's per-order cost (shipping base, handling per order,
//!    lateness) is spread over the most units the order could take there, which makes the
//!    flow a linear relaxation of the fixed-charge problem: its cost, plus the split
//!    penalties every plan must pay (the fewest locations covering an order's groups), is a
//!    **lower bound** on any plan allocating those units. The flow is solved per connected
//!    part (a SKU's groups and stock, joined only through capped locations).
//! 4. **Fixed-charge parts.** A part of at most [`FIXED_CHARGE_ARCS`] arcs with per-order
//!    costs is also solved as what it is, a fixed-charge problem: an arc pays its unit cost per
//!    unit plus, once used, its share of the location's per-order cost and split penalty
//!    (shared equally by the order's line groups that location could serve), by branch and
//!    bound over the flow (a node's flow spreads each undecided share over the arc's
//!    capacity; an arc carrying part of its capacity is closed or opened; at most
//!    [`FIXED_CHARGE_PART`] nodes a part and [`FIXED_CHARGE_NODES`] a wave). When no location
//!    serves two line groups of one of the part's orders, those shares are the orders' own
//!    costs (less one split penalty per order), and the search's best plan, with as many
//!    units placed as the flow places, replaces the flow's. Parts of linear costs keep the
//!    flow's plan, which is already the best.
//! 5. **Repair and local search.** Orders whose relaxed solution breaks one of their own
//!    rules (shipment limit, unsplit lines, ship-complete, all-or-nothing) are re-sourced
//!    alone, in serving order, over the stock the rest of the wave leaves; a location given
//!    more orders than its `orders_per_day` sheds the orders that lose least by moving. Then,
//!    pass after pass, each order that could do better alone (stock left for a short group,
//!    or fewer locations able to serve a split order with per-shipment costs) is re-sourced
//!    the same way and keeps the new plan when it allocates more or costs less (the per-order
//!    search of `allocate`); after the first pass only orders whose candidates got stock back
//!    are tried, and at most 4 passes run. Then **pair exchanges**: an order whose ideal plan
//!    (alone over the whole stock) beats its current one is re-sourced together with each
//!    order holding stock that plan wants: both are given back and re-sourced one after the
//!    other (either one first), and keep their new plans when together they leave no more
//!    units out and cost less, and neither allocates less (so no scarcity decision is undone).
//!    At most 4 passes (after the first, only orders near stock that moved) and
//!    60,000 re-sourcings run. Which pair is tried first steers where the exchanges end:
//!    waves of up to [`WAVE_COMPARE_ORDERS`] orders run them twice from the same plans, in
//!    serving order and most-to-gain first, and keep the better outcome.
//! 6. **Verification.** The plans are committed one by one on a scratch copy of the
//!    inventory, in serving order; an order the ledger refuses (overlapping pools, a pool
//!    buffer) is re-sourced alone against that copy. A plan from a wave therefore always
//!    commits.
//!
//! The wave reports its total score, the lower bound and the gap between them. The bound is
//! the largest of three, each for the units the plans allocate: the relaxation's (with the
//! split penalties every plan pays); the sum over parts of the fixed-charge problems' bounds
//! (the optimum where the search ends within its budget, else the least bound of what it left
//! open; a part over [`FIXED_CHARGE_ARCS`] arcs counts its root relaxation), less one split
//! penalty per order allocating anything; and, for waves of up to [`WAVE_COMPARE_ORDERS`]
//! orders, the sum of each order's best plan alone over the whole stock for the units the wave
//! gives it (every order's plan in the wave is such a plan; an order searched heuristically
//! counts 0). A wave of linear costs (no per-order cost, no split penalty) takes the flow's
//! cost, which is then exact.
//! For waves of up to [`WAVE_COMPARE_ORDERS`] orders it also runs the per-order allocation
//! and keeps it if it is better (fewer units unallocated, then lower score), so such a wave is never worse
//! than serving the same orders one by one; the comparison is skipped when the wave is proven
//! optimal (every unit its orders can reach allocated, at a zero gap).

use std::collections::BTreeMap;

use jiff::Timestamp;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::search::{Outcome, Problem, Solution};
use super::{Committed, OrderCtx, OrderPlan, Plan, Prepared, RuleSet, ShortReason, Sourcing, serve_order};
use crate::Inventory;
use crate::error::Result;
use crate::flow::{FlowStatus, MinCostFlow};
use crate::ledger::SkuIdx;
use crate::model::PoolIdx;
use crate::sourcing::Order;

/// Waves of at most this many orders are also allocated order by order, and the better of the
/// two is kept.
pub const WAVE_COMPARE_ORDERS: usize = 10_000;

/// Local-search passes at most.
const MAX_PASSES: usize = 4;

/// Re-sourcings the pair exchanges may run in a wave, at most (the 100,000-order bench wave
/// uses them all).
const EXCHANGE_RESOLVES: usize = 60_000;

/// How a wave shares a scarce SKU among its orders.
///
/// # Examples
///
/// ```
/// let r = omnistock::RuleSet::from_value(serde_json::json!({"name": "w", "scarcity": "fair_share"}))?;
/// assert_eq!(r.scarcity, omnistock::Scarcity::FairShare);
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scarcity {
    /// Strict priority classes (lower `priority` first: VIP and express before standard),
    /// then earliest promised date (none last), then order id.
    #[default]
    Priority,
    /// Each channel gets a share of a scarce SKU proportional to its demand (what a channel
    /// cannot use goes to the others); within a channel, priority class, promised date, id.
    FairShare,
}

impl Scarcity {
    pub(crate) fn is_priority(&self) -> bool {
        *self == Scarcity::Priority
    }
}

/// What a wave did, as a whole.
///
/// # Examples
///
/// See [`Inventory::allocate_wave`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wave {
    /// `network_simplex` (the joint allocation), or `per_order` when serving the orders one
    /// by one did better and was kept.
    pub method: String,
    /// The scarcity policy applied.
    pub scarcity: Scarcity,
    /// Orders in the wave.
    pub orders: usize,
    /// Units ordered.
    pub units: i64,
    /// Units allocated.
    pub allocated: i64,
    /// The plan's score: Σ of the orders' scores.
    pub score: Decimal,
    /// A lower bound on the score of any plan allocating the same units of every line (the
    /// largest of the relaxation's optimum plus the split penalties every plan pays, the
    /// fixed-charge parts' bounds, and the orders' own bounds alone over the whole stock), or
    /// none if it could not be computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower_bound: Option<Decimal>,
    /// `(score − lower_bound) / lower_bound`, to 6 decimals (0 when both are 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<Decimal>,
    /// Shipments.
    pub shipments: usize,
    /// Orders split into more than one shipment.
    pub split_orders: usize,
    /// Orders re-sourced alone to meet their own rules after the relaxation.
    pub repaired: usize,
    /// Local-search moves kept (single orders re-sourced, then pair exchanges).
    pub improved: usize,
    /// Orders the ledger refused at verification, re-sourced alone.
    pub fallback: usize,
    /// The joint allocation's own score, also when the per-order one was kept.
    pub joint_score: Decimal,
    /// The per-order allocation of the same orders (waves of up to
    /// [`WAVE_COMPARE_ORDERS`] orders, unless the wave is proven optimal: every unit the
    /// orders could reach allocated, at a zero gap): its score, units allocated and shipments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_order: Option<PerOrder>,
}

/// The per-order allocation a wave compared itself with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerOrder {
    /// Its score.
    pub score: Decimal,
    /// Units it allocates.
    pub allocated: i64,
    /// Its shipments.
    pub shipments: usize,
    /// Orders it splits.
    pub split_orders: usize,
}

/// One order of a wave: new, or the missing part of a committed order (backorders).
pub(crate) struct WaveItem<'a> {
    /// The order to source (for a backorder: its missing units).
    pub order: Order,
    /// How: exclusions, kept shipments, generation.
    pub how: Sourcing<'a>,
    /// Served before higher classes (backorder categories), before the order's own priority.
    pub class: u8,
}

/// Score units (10⁻¹²) to a decimal.
fn score_decimal(v: i128) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(v, 12).ok().map(|d| d.normalize())
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        // Costs almost always fit 64 bits, where a remainder is many times cheaper.
        (a, b) = match (i64::try_from(a), i64::try_from(b)) {
            (Ok(x), Ok(y)) if y > 0 => (b, i128::from(x % y)),
            _ => (b, a % b),
        };
    }
    a
}

/// `a / b` (rounded toward zero, as `/`), in 64 bits when both fit.
fn div(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) if y != 0 && y != -1 => i128::from(x / y),
        _ => a / b,
    }
}

/// Costs the flow sees are at most this (the network simplex's limit leaves room for the
/// unfilled penalty).
const COST_LIMIT: i128 = 1 << 30;

/// Where the wave's units come from: residual stock and capacity while plans are decided.
#[derive(Clone)]
struct Residual {
    /// Per stock node (SKU, pool, location): units left.
    stock: Vec<i64>,
    /// Per stock node: its location.
    node_loc: Vec<usize>,
    /// Per location: units of capacity left (i64::MAX: unlimited).
    loc_units: Vec<i64>,
    /// Per location: orders (shipments) it may still take.
    loc_orders: Vec<i64>,
    /// Per (SKU, pool): pool ATP left.
    pool: FxHashMap<(SkuIdx, PoolIdx), i64>,
    /// Per (SKU, channel of the wave): quota left (channels with a quota only).
    quota: FxHashMap<(SkuIdx, u32), i64>,
}

/// One order's view of the shared resources.
struct OrderMap {
    /// Per candidate, per order SKU (row by row, `sku.len()` a row): the stock node, or
    /// `NO_NODE` if the location holds none. One flat list per order, not one per candidate.
    nodes: Vec<u32>,
    /// Per order SKU: the ledger's index.
    sku: Vec<Option<SkuIdx>>,
    /// The order's channel, numbered among the wave's channels (keys quotas).
    chan: u32,
}

/// "No stock node" in [`OrderMap::nodes`].
const NO_NODE: u32 = u32::MAX;

impl OrderMap {
    /// The stock node of candidate `c` for the order's SKU `si`, if it holds any.
    fn node(&self, c: usize, si: usize) -> Option<usize> {
        let nd = self.nodes[c * self.sku.len() + si];
        (nd != NO_NODE).then_some(nd as usize)
    }
}

impl Inventory {
    /// Allocates a whole wave of orders jointly: the same inputs, outputs, rule sets and
    /// explanations as [`Inventory::allocate`], but the orders are decided together, to
    /// minimise the wave's total score subject to stock, capacity and each order's own rules,
    /// with scarce stock shared by the rule set's [`Scarcity`] policy. Nothing changes until
    /// the plan is committed.
    ///
    /// The method (rationing, a min-cost-flow relaxation solved exactly by a network simplex,
    /// small parts solved as fixed-charge problems by branch and bound, repair, local search,
    /// verification) is described in the module docs of `sourcing/wave.rs` and the README; the
    /// plan's `wave` field reports the total score, a lower bound and the gap. Orders are listed in serving order (priority
    /// class, promised date, id).
    ///
    /// # Errors
    ///
    /// Those of [`Inventory::allocate`].
    ///
    /// # Examples
    ///
    /// Two orders, two stores with one unit each. Order by order, `SO-1` takes the store next
    /// door to `SO-2`; the wave gives each its own store.
    ///
    /// ```
    /// use omnistock::{Inventory, Order, RuleSet};
    /// let mut inv = Inventory::from_json(r#"{
    ///     "locations": [
    ///         {"id": "NORTH", "kind": "store", "zone": "N", "capabilities": ["ship_from_store"],
    ///          "shipping": {"standard": {"zones": {"N": {"base": "2", "per_unit": "0", "days": 1},
    ///                                              "S": {"base": "9", "per_unit": "0", "days": 2}}}}},
    ///         {"id": "SOUTH", "kind": "store", "zone": "S", "capabilities": ["ship_from_store"],
    ///          "shipping": {"standard": {"zones": {"N": {"base": "3", "per_unit": "0", "days": 2},
    ///                                              "S": {"base": "30", "per_unit": "0", "days": 1}}}}}
    ///     ],
    ///     "channels": [{"id": "web", "kind": "web", "pool": "online"}],
    ///     "pools": [{"id": "online", "members": [{"location": "NORTH"}, {"location": "SOUTH"}]}],
    ///     "services": [{"id": "standard", "transit": {}}]
    /// }"#)?;
    /// inv.apply_json(r#"[
    ///     {"type": "receive", "id": "e1", "location": "NORTH", "sku": "A", "quantity": 1},
    ///     {"type": "receive", "id": "e2", "location": "SOUTH", "sku": "A", "quantity": 1}
    /// ]"#)?;
    /// let order = |id: &str, zone: &str| -> Order { serde_json::from_value(serde_json::json!({
    ///     "id": id, "channel": "web", "service": "standard", "destination": {"zone": zone},
    ///     "lines": [{"id": "1", "sku": "A", "quantity": 1}]})).unwrap() };
    /// let orders = [order("SO-1", "N"), order("SO-2", "S")];
    /// let now = "2026-11-27T09:00:00Z".parse().unwrap();
    /// let rules = RuleSet::from_value(serde_json::json!("cheapest"))?;
    /// // One by one: SO-1 takes NORTH (2), SO-2 is left with SOUTH (30): 32.
    /// let one_by_one = inv.allocate(&orders, &rules, now)?;
    /// let total: rust_decimal::Decimal = one_by_one.orders.iter().map(|o| o.cost.score).sum();
    /// assert_eq!(total.to_string(), "32");
    /// // The wave: SO-1 from SOUTH (3), SO-2 from NORTH (9): 12, and it proves it optimal.
    /// let wave = inv.allocate_wave(&orders, &rules, now)?;
    /// let w = wave.wave.as_ref().unwrap();
    /// assert_eq!((w.score.to_string(), w.lower_bound.unwrap().to_string()), ("12".into(), "12".into()));
    /// assert_eq!(wave.orders[0].shipments[0].location.as_str(), "SOUTH");
    /// inv.commit(&wave)?;
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn allocate_wave(&self, orders: &[Order], rules: &RuleSet, now: Timestamp) -> Result<Plan> {
        rules.weights()?;
        self.check_orders(orders)?;
        let items: Vec<WaveItem> = orders
            .iter()
            .map(|o| WaveItem {
                order: o.clone(),
                how: Sourcing::new(false),
                class: 0,
            })
            .collect();
        let (mut plans, mut wave, most) = self.wave_with(&items, rules, now, &|op| op)?;
        // A wave allocating every unit the orders could reach at a proven zero gap cannot be
        // beaten: no need to compare.
        let proven = wave.allocated == most && wave.gap == Some(Decimal::ZERO);
        if orders.len() <= WAVE_COMPARE_ORDERS && !proven {
            let per = self.allocate(orders, rules, now)?;
            let (score, allocated, shipments, split) = totals(&per.orders);
            let mine = (wave.units - wave.allocated, wave.score);
            wave.per_order = Some(PerOrder {
                score,
                allocated,
                shipments,
                split_orders: split,
            });
            if (wave.units - allocated, score) < mine {
                plans = per.orders;
                wave.method = "per_order".to_owned();
                let (score, allocated, shipments, split) = totals(&plans);
                wave.score = score;
                wave.allocated = allocated;
                wave.shipments = shipments;
                wave.split_orders = split;
                // The bound holds for the wave's units; for others it says nothing.
                wave.lower_bound = None;
                wave.gap = None;
            }
        }
        Ok(Plan {
            rules: rules.clone(),
            now,
            orders: plans,
            wave: Some(wave),
        })
    }

    /// [`Inventory::allocate_wave`] on JSON values (what the bindings call).
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field, then those of [`Inventory::allocate_wave`].
    ///
    /// # Examples
    ///
    /// ```
    /// let inv = omnistock::Inventory::from_json(r#"{"locations": []}"#)?;
    /// let err = inv.allocate_wave_values(serde_json::json!([{"id": "SO-1"}]), serde_json::json!("cheapest"),
    ///     "2026-11-27T09:00:00Z".parse().unwrap()).unwrap_err();
    /// assert_eq!(err.context()["field"], "orders[0].channel");
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn allocate_wave_values(
        &self,
        orders: serde_json::Value,
        rules: serde_json::Value,
        now: Timestamp,
    ) -> Result<Plan> {
        let rules = RuleSet::from_value(rules)?;
        let orders: Vec<Order> = crate::error::read_value(orders).map_err(|e| e.within("orders"))?;
        self.allocate_wave(&orders, &rules, now)
    }

    /// The wave proper: plans in serving order, the report, and the most units the orders
    /// could reach. Each order's plan passes through `fix` before it is verified (a
    /// backorder's plan becomes a change of its committed order).
    pub(crate) fn wave_with(
        &self,
        items: &[WaveItem],
        rules: &RuleSet,
        now: Timestamp,
        fix: &dyn Fn(OrderPlan) -> OrderPlan,
    ) -> Result<(Vec<OrderPlan>, Wave, i64)> {
        let n = items.len();
        let mut ctxs: Vec<OrderCtx> = Vec::with_capacity(n);
        // Everything is built in serving order, so the input order changes nothing (ties in
        // the flow go by position).
        let mut perm: Vec<usize> = (0..n).collect();
        perm.sort_by(|&a, &b| {
            (items[a].class, serve_order(&items[a].order)).cmp(&(items[b].class, serve_order(&items[b].order)))
        });
        let items: Vec<&WaveItem> = perm.iter().map(|&i| &items[i]).collect();
        for it in &items {
            let how = Sourcing {
                excluded: it.how.excluded,
                kept: it.how.kept.clone(),
                generation: it.how.generation,
                force_exact: false,
                full_units: it.how.full_units,
            };
            ctxs.push(self.order_ctx(&it.order, rules, now, how)?);
        }
        let mut stock_at = super::StockAt::default();
        let mut preps: Vec<Prepared> = ctxs.iter().map(|c| self.prepare(c, &mut stock_at)).collect();
        let problems: Vec<Problem> = preps.iter_mut().zip(&ctxs).map(|(p, c)| p.problem(c)).collect();
        let serve: Vec<usize> = (0..n).collect();

        // Shared resources: stock nodes per (SKU, pool, location), location capacity.
        let nloc = self.topo.loc_ids.len();
        // Per (SKU, pool), by location: its stock node (`NO_NODE`: none yet).
        let mut node_of: FxHashMap<(SkuIdx, PoolIdx), Vec<u32>> = FxHashMap::default();
        let mut res = Residual {
            stock: Vec::new(),
            node_loc: Vec::new(),
            loc_units: vec![i64::MAX; nloc],
            loc_orders: vec![i64::MAX; nloc],
            pool: FxHashMap::default(),
            quota: FxHashMap::default(),
        };
        let mut maps: Vec<OrderMap> = Vec::with_capacity(n);
        let mut chans: FxHashMap<&str, u32> = FxHashMap::default();
        for o in 0..n {
            let (ctx, prep, cands) = (&ctxs[o], &preps[o], &problems[o].cands);
            let next = chans.len() as u32;
            let chan = *chans.entry(ctx.order.channel.as_str()).or_insert(next);
            let skus: Vec<Option<SkuIdx>> = prep.skus.iter().map(|s| s.1).collect();
            // The order's SKUs' rows of stock nodes, out of the table while the order uses them
            // (an order's SKUs are distinct).
            let mut rows: Vec<Option<Vec<u32>>> = skus
                .iter()
                .map(|s| s.map(|s| node_of.remove(&(s, ctx.pool)).unwrap_or_else(|| vec![NO_NODE; nloc])))
                .collect();
            let mut nodes = Vec::with_capacity(cands.len() * skus.len());
            for (c, leg) in prep.legs.iter().enumerate() {
                let l = leg.loc;
                for (si, s) in skus.iter().enumerate() {
                    let id = match (s, &mut rows[si]) {
                        (Some(s), Some(row)) if cands[c].avail[si] > 0 => {
                            if row[l as usize] == NO_NODE {
                                // What the pool may take there, as `prepare` worked it out
                                // (the candidate holds some, so the location is listed).
                                let at = stock_at
                                    .get(&(*s, ctx.pool))
                                    .and_then(|v| v.binary_search_by_key(&l, |x| x.0).ok().map(|i| v[i].1));
                                res.stock.push(at.unwrap_or(0));
                                res.node_loc.push(l as usize);
                                row[l as usize] = (res.stock.len() - 1) as u32;
                            }
                            row[l as usize]
                        }
                        _ => NO_NODE,
                    };
                    nodes.push(id);
                }
                // Capacity of the location for its ship date (the same for every order).
                let def = self.topo.location_def(l);
                if let Some(cap) = &def.capacity {
                    let used = self.ledger.capacity.get(&(l, leg.ships)).copied().unwrap_or_default();
                    if let Some(u) = cap.units_per_day {
                        res.loc_units[l as usize] = (u - used.units).max(0);
                    }
                    if let Some(k) = cap.orders_per_day {
                        res.loc_orders[l as usize] = (k - used.orders).max(0);
                    }
                }
            }
            for (si, s) in skus.iter().enumerate() {
                if let Some(s) = s {
                    res.pool
                        .entry((*s, ctx.pool))
                        .or_insert_with(|| self.atp_idx(Some(*s), ctx.pool));
                    let sku = prep.skus[si].0;
                    if let Some(q) = self.quota_left(ctx.pool, ctx.order.channel.as_str(), sku, Some(ctx.today)) {
                        res.quota.entry((*s, chan)).or_insert(q);
                    }
                }
            }
            for (s, row) in skus.iter().zip(rows) {
                if let (Some(s), Some(row)) = (s, row) {
                    node_of.insert((*s, ctx.pool), row);
                }
            }
            maps.push(OrderMap { nodes, sku: skus, chan });
        }

        // Rationing: the most units each group may take.
        let allot = ration(rules, &ctxs, &problems, &maps, &res, &serve);
        let res0 = res.clone();

        // The relaxation.
        let whole: Vec<bool> = ctxs.iter().map(|c| c.order.ship_complete).collect();
        let lp = relax(&problems, &maps, &allot, &res, &whole, None);
        let mut cur: Vec<Solution> = (0..n).map(|o| lp.solution(o, &problems[o])).collect();
        let lp_fill: Vec<Vec<i64>> = cur.iter().zip(&problems).map(|(s, p)| fills(s, p)).collect();
        for o in 0..n {
            take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &cur[o], -1);
        }

        // Repair: orders breaking their own rules, re-sourced alone in serving order.
        let mut repaired = 0usize;
        // A location given more orders than it may take keeps those that would lose most by
        // moving: the order whose best plan without it costs least more (fewest units lost
        // first; ties: the last served) moves, until the location fits.
        for l in 0..nloc {
            while res.loc_orders[l] < 0 {
                let mut best: Option<((i64, i128, usize), usize, Solution)> = None;
                for (rank, &o) in serve.iter().enumerate().rev() {
                    let uses = cur[o]
                        .set
                        .iter()
                        .any(|&c| preps[o].legs[c].loc as usize == l && !problems[o].cands[c].kept);
                    if !uses {
                        continue;
                    }
                    take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &cur[o], 1);
                    let saved = res.loc_orders[l];
                    res.loc_orders[l] = 0;
                    let sol = resolve(&problems[o], &maps[o], &ctxs[o], &preps[o], &res);
                    res.loc_orders[l] = saved;
                    take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &cur[o], -1);
                    let key = (
                        sol.unfilled - cur[o].unfilled,
                        sol.cost - cur[o].cost,
                        usize::MAX - rank,
                    );
                    if best.as_ref().is_none_or(|b| key < b.0) {
                        best = Some((key, o, sol));
                    }
                }
                let Some((_, o, sol)) = best else { break };
                take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &cur[o], 1);
                take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &sol, -1);
                cur[o] = sol;
                repaired += 1;
            }
        }
        for &o in &serve {
            if broken(&problems[o], &cur[o], &ctxs[o]) {
                take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &cur[o], 1);
                let sol = resolve(&problems[o], &maps[o], &ctxs[o], &preps[o], &res);
                take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &sol, -1);
                cur[o] = sol;
                repaired += 1;
            }
        }
        // Local search: each order that could do better alone is re-sourced over what the
        // wave leaves, and keeps the new plan when it is better. Worth a try: a short order
        // whose candidates have stock left for a short group, or a split order that fewer
        // locations could serve. After the first pass, only orders whose candidates got
        // stock back are tried again.
        let mut improved = 0usize;
        let mut freed = vec![true; res.stock.len()];
        for _ in 0..MAX_PASSES {
            let mut changed = false;
            let mut freed_now = vec![false; res.stock.len()];
            for &o in &serve {
                let (p, s) = (&problems[o], &cur[o]);
                let touches = maps[o].nodes.iter().any(|&nd| nd != NO_NODE && freed[nd as usize]);
                if !touches {
                    continue;
                }
                let worth = if s.unfilled > 0 {
                    let fill = fills(s, p);
                    (0..p.groups.len()).any(|g| {
                        fill[g] < p.groups[g].need
                            && (0..p.cands.len()).any(|c| {
                                let l = preps[o].legs[c].loc as usize;
                                p.cands[c].allowed[g]
                                    && maps[o].node(c, p.groups[g].sku).is_some_and(|nd| res.stock[nd] > 0)
                                    && res.loc_units[l] > 0
                                    && (p.cands[c].kept || res.loc_orders[l] > 0 || s.set.contains(&c))
                            })
                    })
                } else {
                    // Without split penalty or per-shipment costs, the flow's split is optimal.
                    let fixed = p.split_w > 0 || s.set.iter().any(|&c| p.cands[c].fixed > 0);
                    fixed && s.set.len() >= 2 && min_ships(p, &fills(s, p)) < s.set.len()
                };
                if !worth {
                    continue;
                }
                take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &cur[o], 1);
                let sol = resolve(&problems[o], &maps[o], &ctxs[o], &preps[o], &res);
                let better = (sol.unfilled, sol.cost) < (cur[o].unfilled, cur[o].cost)
                    && (ctxs[o].order.allow_partial || sol.unfilled == 0);
                if better {
                    for &(g, c, u) in &cur[o].alloc {
                        let kept = sol
                            .alloc
                            .iter()
                            .filter(|a| a.0 == g && a.1 == c)
                            .map(|a| a.2)
                            .sum::<i64>();
                        if kept < u {
                            if let Some(nd) = maps[o].node(c, problems[o].groups[g].sku) {
                                freed_now[nd] = true;
                            }
                        }
                    }
                    cur[o] = sol;
                    improved += 1;
                    changed = true;
                }
                take(&mut res, &problems[o], &maps[o], &ctxs[o], &preps[o], &cur[o], -1);
            }
            if !changed {
                break;
            }
            freed = freed_now;
        }

        // Pair exchanges: an order that would do better alone over the whole stock than it
        // does now is re-sourced together with each order holding stock its ideal plan wants:
        // both are taken out, re-sourced one after the other (either order first), and the
        // pair keeps the new plans when they cost less in total and neither allocates less.
        // Orders sharing a stock node with another order's plan: only they can gain from an
        // exchange.
        let contended: Vec<bool> = {
            let mut first: Vec<u32> = vec![NO_NODE; res.stock.len()];
            let mut shared = vec![false; res.stock.len()];
            for &o in &serve {
                for &(g, c, _) in &cur[o].alloc {
                    if let Some(nd) = maps[o].node(c, problems[o].groups[g].sku) {
                        if first[nd] == NO_NODE {
                            first[nd] = o as u32;
                        } else if first[nd] != o as u32 {
                            shared[nd] = true;
                        }
                    }
                }
            }
            (0..n)
                .map(|o| {
                    maps[o].nodes.iter().any(|&nd| {
                        nd != NO_NODE
                            && (shared[nd as usize]
                                || (first[nd as usize] != NO_NODE && first[nd as usize] != o as u32))
                    })
                })
                .collect()
        };
        // Each order's ideal plan (alone over the whole stock), computed when first needed.
        let mut ideals: Vec<Option<(Solution, bool)>> = vec![None; n];
        let shared = Shared {
            problems: &problems,
            maps: &maps,
            ctxs: &ctxs,
            preps: &preps,
            full: &res0,
        };
        // Which pair is tried first steers where the exchanges end; waves of up to
        // WAVE_COMPARE_ORDERS orders run them twice from the same plans, in serving order and
        // most-to-gain first, and keep the better outcome (fewer units out, then lower cost).
        // (The residual is not read after the exchanges: the plans are built from `cur`.)
        let second = (n <= WAVE_COMPARE_ORDERS).then(|| (res.clone(), cur.clone()));
        let mut moved = exchange(&shared, &serve, &contended, &mut ideals, &mut res, &mut cur, false);
        if let Some((mut res2, mut cur2)) = second {
            let moved2 = exchange(&shared, &serve, &contended, &mut ideals, &mut res2, &mut cur2, true);
            let total = |c: &[Solution]| c.iter().fold((0i64, 0i128), |t, s| (t.0 + s.unfilled, t.1 + s.cost));
            if total(&cur2) < total(&cur) {
                (cur, moved) = (cur2, moved2);
            }
        }
        improved += moved;

        // Plans, verified by committing them in serving order on a scratch copy.
        let mut plans: Vec<Option<OrderPlan>> = (0..n).map(|_| None).collect();
        for &o in &serve {
            let sol = &cur[o];
            let outcome = Outcome {
                best: (!sol.set.is_empty() || sol.unfilled > 0).then(|| sol.clone()),
                runner_up: None,
                exact: true,
            };
            let mut op = self.plan_of(&ctxs[o], &preps[o], &problems[o], &outcome);
            op.explanation.method = "wave".to_owned();
            // Units the rationing gave to orders ahead: scarcity.
            for u in &mut op.unallocated {
                let Some(line) = ctxs[o].order.lines.iter().position(|l| l.id == u.line) else {
                    continue;
                };
                let g = preps[o].groups.iter().position(|g| g.1.contains(&line));
                if let Some(g) = g {
                    if allot[o][g] < reach(&problems[o], g) && !matches!(u.reason, ShortReason::Quota) {
                        u.reason = ShortReason::Scarcity;
                    }
                }
            }
            plans[o] = Some(fix(op));
        }
        let mut fallback = 0usize;
        // New orders only (a wave) need the stock, not the open orders.
        let replaces = plans.iter().flatten().any(|p| p.replaces.is_some());
        let mut scratch = if replaces { self.work_copy() } else { self.stock_copy() };
        let mut out: Vec<OrderPlan> = Vec::with_capacity(n);
        for &o in &serve {
            let Some(mut op) = plans[o].take() else { continue };
            let mut undo = Vec::new();
            if let Err(_refused) = scratch.commit_order(&op, rules, now, &mut undo, &mut Committed::default()) {
                scratch.undo(undo);
                fallback += 1;
                let it = items[o];
                let how = Sourcing {
                    excluded: it.how.excluded,
                    kept: it.how.kept.clone(),
                    generation: it.how.generation,
                    force_exact: false,
                    full_units: it.how.full_units,
                };
                op = fix(scratch.source(&it.order, rules, now, how)?);
                let mut undo = Vec::new();
                if scratch
                    .commit_order(&op, rules, now, &mut undo, &mut Committed::default())
                    .is_err()
                {
                    // Alone against the ledger's own state, the search's plan always holds;
                    // should it not, the order is left unallocated rather than oversold.
                    scratch.undo(undo);
                    op = fix(self.plan_of(
                        &ctxs[o],
                        &preps[o],
                        &problems[o],
                        &Outcome {
                            best: None,
                            runner_up: None,
                            exact: true,
                        },
                    ));
                }
            }
            out.push(op);
        }

        // The lower bound for the units the plans allocate.
        let final_fill: Vec<Vec<i64>> = serve_fills(&out, &serve, &preps, &ctxs);
        // A wave of linear costs is the flow's own (no part takes a fixed-charge plan): its
        // cost is the bound for its units. Otherwise the flow and the fixed-charge problems
        // are solved again for the units the plans allocate.
        let linear = problems.iter().all(Problem::linear);
        let exact = (!linear || final_fill != lp_fill)
            .then(|| relax(&problems, &maps, &allot, &res0, &whole, Some(&final_fill)));
        let lower = match &exact {
            None => Some(lp.bound),
            Some(exact) => exact.feasible.then_some(exact.bound),
        };
        // Split penalties the relaxation leaves out: an order needs at least as many
        // shipments as locations covering every line group it gets units of.
        let lower = lower.map(|lb| {
            (0..n).fold(lb, |acc, o| {
                let p = &problems[o];
                if p.base_ships > 0 {
                    return acc;
                }
                let ships = min_ships(p, &final_fill[o]) as i128;
                acc.saturating_add(p.split_w.saturating_mul((ships - 1).max(0)))
            })
        });
        // The fixed-charge bound charges a split penalty per location used: an order pays
        // one less than its shipments (with kept shipments, those beyond the first). An order
        // given nothing counts 0 (refused, its score is 0).
        let fixed_charge = exact.and_then(|e| e.fixed_charge.filter(|_| e.feasible)).map(|v| {
            (0..n).fold(v, |acc, o| {
                let p = &problems[o];
                let split = if final_fill[o].iter().all(|&u| u == 0) {
                    0
                } else if p.base_ships > 0 {
                    p.split_w.saturating_mul(p.base_ships as i128 - 1)
                } else {
                    -p.split_w
                };
                acc.saturating_add(split)
            })
        });
        let lower = match (lower, fixed_charge) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        // Each order alone, over the whole stock, for the units it gets: another bound.
        // (Waves of up to WAVE_COMPARE_ORDERS orders, where per-order work is affordable.)
        // (Not when every order's cost is linear: the flow's bound is then exact.)
        let lower = if n <= WAVE_COMPARE_ORDERS && !linear {
            let own: i128 = (0..n)
                .map(|o| {
                    own_bound(
                        &problems[o],
                        &maps[o],
                        &ctxs[o],
                        &preps[o],
                        &res0,
                        &final_fill[o],
                        ideals[o].as_ref(),
                    )
                })
                .fold(0i128, i128::saturating_add);
            lower.map(|lb| lb.max(own))
        } else {
            lower
        };
        let (score, allocated, shipments, split) = totals(&out);
        let units: i64 = items
            .iter()
            .map(|i| i.order.lines.iter().map(|l| l.quantity).sum::<i64>())
            .sum();
        // Every plan's score is a multiple of the costs' common divisor: round the bound up to
        // one (it stays a bound, without the noise of the flow's integer costs).
        let step = problems.iter().fold(0i128, |g, p| {
            p.cands
                .iter()
                .fold(gcd(g, p.split_w), |g, c| gcd(gcd(g, c.unit), c.fixed))
        });
        let lower = lower.map(|lb| {
            if step > 1 {
                lb.div_euclid(step) * step + if lb.rem_euclid(step) > 0 { step } else { 0 }
            } else {
                lb
            }
        });
        let lower_bound = lower.and_then(score_decimal);
        let gap = lower_bound.map(|lb| {
            if lb.is_zero() {
                if score.is_zero() { Decimal::ZERO } else { Decimal::ONE }
            } else {
                ((score - lb) / lb).round_dp(6).normalize()
            }
        });
        // No order can get more than what its candidates hold of each group.
        let most: i64 = problems
            .iter()
            .map(|p| (0..p.groups.len()).map(|g| reach(p, g)).fold(0i64, i64::saturating_add))
            .fold(0i64, i64::saturating_add);
        Ok((
            out,
            Wave {
                method: "network_simplex".to_owned(),
                scarcity: rules.scarcity,
                orders: n,
                units,
                allocated,
                score,
                lower_bound,
                gap,
                shipments,
                split_orders: split,
                repaired,
                improved,
                fallback,
                joint_score: score,
                per_order: None,
            },
            most,
        ))
    }
}

/// A SKU's demands in serving order: (order, group, units it can reach).
type Demands = Vec<(usize, usize, i64)>;

/// The most units each line group may take, by the scarcity policy.
fn ration(
    rules: &RuleSet,
    ctxs: &[OrderCtx],
    problems: &[Problem],
    maps: &[OrderMap],
    res: &Residual,
    serve: &[usize],
) -> Vec<Vec<i64>> {
    let mut allot: Vec<Vec<i64>> = problems.iter().map(|p| vec![0; p.groups.len()]).collect();
    // Demands per (SKU, pool), in serving order: (order, group, units it can reach).
    let mut demand: BTreeMap<(SkuIdx, PoolIdx), Demands> = BTreeMap::new();
    for &o in serve {
        for (g, group) in problems[o].groups.iter().enumerate() {
            let r = reach(&problems[o], g);
            match maps[o].sku[group.sku] {
                Some(s) if r > 0 => demand.entry((s, ctxs[o].pool)).or_default().push((o, g, r)),
                _ => {}
            }
        }
    }
    for ((s, p), list) in demand {
        let mut supply = res.pool.get(&(s, p)).copied().unwrap_or(0).max(0);
        let mut quota: BTreeMap<&str, i64> = BTreeMap::new();
        for &(o, _, _) in &list {
            let ch = ctxs[o].order.channel.as_str();
            if let Some(q) = res.quota.get(&(s, maps[o].chan)) {
                quota.insert(ch, *q);
            }
        }
        let total: i64 = list.iter().map(|x| x.2).fold(0, i64::saturating_add);
        let give = |allot: &mut Vec<Vec<i64>>,
                    o: usize,
                    g: usize,
                    want: i64,
                    supply: &mut i64,
                    quota: &mut BTreeMap<&str, i64>| {
            let ch = ctxs[o].order.channel.as_str();
            let q = quota.get(ch).copied().unwrap_or(i64::MAX);
            let u = want.min(*supply).min(q).max(0);
            allot[o][g] += u;
            *supply -= u;
            if let Some(x) = quota.get_mut(ch) {
                *x -= u;
            }
            u
        };
        if total <= supply || rules.scarcity == Scarcity::Priority {
            for &(o, g, r) in &list {
                give(&mut allot, o, g, r, &mut supply, &mut quota);
            }
            continue;
        }
        // Fair share: per channel, water-filled proportional shares of the supply.
        let mut by_ch: BTreeMap<&str, i64> = BTreeMap::new();
        for &(o, _, r) in &list {
            let ch = ctxs[o].order.channel.as_str();
            let q = quota.get(ch).copied().unwrap_or(i64::MAX);
            let e = by_ch.entry(ch).or_insert(0);
            *e = e.saturating_add(r).min(q);
        }
        let shares = fair_shares(&by_ch, supply);
        for (ch, share) in &shares {
            let mut left = *share;
            for &(o, g, r) in list.iter().filter(|x| ctxs[x.0].order.channel.as_str() == *ch) {
                let u = give(&mut allot, o, g, r.min(left), &mut supply, &mut quota);
                left -= u;
            }
        }
        // What a channel could not use goes to the others, in serving order.
        for &(o, g, r) in &list {
            let want = r - allot[o][g];
            if want > 0 {
                give(&mut allot, o, g, want, &mut supply, &mut quota);
            }
        }
    }
    allot
}

/// Shares of a scarce `supply` among channels, proportional to their `demand` (the supply
/// is below the total demand, so no share exceeds its channel's demand): floors, then one
/// more unit to the largest remainders (ties by channel id).
pub(crate) fn fair_shares<'a>(demand: &BTreeMap<&'a str, i64>, supply: i64) -> Vec<(&'a str, i64)> {
    let total: i128 = demand.values().map(|&d| d.max(0) as i128).sum();
    let supply = supply.max(0);
    if total <= supply as i128 {
        return demand.iter().map(|(k, v)| (*k, (*v).max(0))).collect();
    }
    let mut parts: Vec<(&str, i64, i128)> = demand
        .iter()
        .map(|(k, &d)| {
            let num = supply as i128 * d.max(0) as i128;
            (*k, (num / total) as i64, num % total)
        })
        .collect();
    let mut rest = supply - parts.iter().map(|x| x.1).sum::<i64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| parts[b].2.cmp(&parts[a].2).then(parts[a].0.cmp(parts[b].0)));
    for i in order {
        if rest == 0 {
            break;
        }
        parts[i].1 += 1;
        rest -= 1;
    }
    parts.into_iter().map(|(k, s, _)| (k, s)).collect()
}

/// The units group `g` could take at most: its need, bounded by the stock its candidates hold.
fn reach(p: &Problem, g: usize) -> i64 {
    let group = &p.groups[g];
    let held: i64 = p
        .cands
        .iter()
        .filter(|c| c.allowed[g] && c.cap > 0)
        .map(|c| c.avail[group.sku].min(c.cap))
        .fold(0, i64::saturating_add);
    group.need.min(held).min(p.sku_bound[group.sku].max(0))
}

/// The fewest locations any plan giving units to every group with a positive `fill` must
/// use (a lower bound: 1, 2, or 3 when no pair of candidates covers the groups; 2 when no
/// single one does and there are too many candidates to try pairs).
fn min_ships(p: &Problem, fill: &[i64]) -> usize {
    let need: Vec<usize> = (0..p.groups.len()).filter(|&g| fill[g] > 0).collect();
    if need.is_empty() {
        return 0;
    }
    let holds = |c: usize, g: usize| {
        let cand = &p.cands[c];
        cand.allowed[g] && cand.cap > 0 && cand.avail[p.groups[g].sku] > 0
    };
    let n = p.cands.len();
    if (0..n).any(|c| need.iter().all(|&g| holds(c, g))) {
        return 1;
    }
    if n > 64 {
        return 2;
    }
    for a in 0..n {
        for b in a + 1..n {
            if need.iter().all(|&g| holds(a, g) || holds(b, g)) {
                return 2;
            }
        }
    }
    3.min(need.len())
}

/// Units of each group a solution allocates.
fn fills(s: &Solution, p: &Problem) -> Vec<i64> {
    let mut f = vec![0i64; p.groups.len()];
    for &(g, _, u) in &s.alloc {
        f[g] += u;
    }
    f
}

/// The per-group fills of the final plans, by order index.
fn serve_fills(out: &[OrderPlan], serve: &[usize], preps: &[Prepared], ctxs: &[OrderCtx]) -> Vec<Vec<i64>> {
    let mut fill: Vec<Vec<i64>> = preps.iter().map(|p| vec![0; p.groups.len()]).collect();
    for (k, &o) in serve.iter().enumerate() {
        let order = ctxs[o].order;
        for sh in &out[k].shipments {
            for l in &sh.lines {
                if let Some(i) = order.lines.iter().position(|x| x.id == l.line) {
                    if let Some(g) = preps[o].groups.iter().position(|g| g.1.contains(&i)) {
                        fill[o][g] += l.quantity;
                    }
                }
            }
        }
    }
    fill
}

/// Σ score, units allocated, shipments, orders split.
pub(super) fn totals(plans: &[OrderPlan]) -> (Decimal, i64, usize, usize) {
    let score = plans.iter().map(|p| p.cost.score).sum::<Decimal>().normalize();
    let allocated = plans
        .iter()
        .flat_map(|p| &p.shipments)
        .flat_map(|s| &s.lines)
        .map(|l| l.quantity)
        .sum();
    let shipments = plans.iter().map(|p| p.shipments.len()).sum();
    let split = plans.iter().filter(|p| p.shipments.len() + p.kept.len() > 1).count();
    (score, allocated, shipments, split)
}

/// Adds (`sign` 1) or takes (`sign` −1) a solution's units and shipments to the residual.
fn take(res: &mut Residual, p: &Problem, map: &OrderMap, ctx: &OrderCtx, prep: &Prepared, s: &Solution, sign: i64) {
    for &(g, c, u) in &s.alloc {
        let si = p.groups[g].sku;
        if let Some(node) = map.node(c, si) {
            res.stock[node] += sign * u;
        }
        let l = prep.legs[c].loc as usize;
        if res.loc_units[l] != i64::MAX {
            res.loc_units[l] += sign * u;
        }
        if let Some(sku) = map.sku[si] {
            if let Some(x) = res.pool.get_mut(&(sku, ctx.pool)) {
                *x += sign * u;
            }
            if let Some(x) = res.quota.get_mut(&(sku, map.chan)) {
                *x += sign * u;
            }
        }
    }
    for &c in &s.set {
        let l = prep.legs[c].loc as usize;
        if !p.cands[c].kept && res.loc_orders[l] != i64::MAX {
            res.loc_orders[l] += sign;
        }
    }
}

/// Whether a solution breaks the order's own rules.
fn broken(p: &Problem, s: &Solution, ctx: &OrderCtx) -> bool {
    let new = s.set.iter().filter(|&&c| !p.cands[c].kept).count();
    if new > p.max_new {
        return true;
    }
    if !p.split_lines {
        for g in 0..p.groups.len() {
            if s.alloc.iter().filter(|a| a.0 == g).count() > 1 {
                return true;
            }
        }
    }
    !ctx.order.allow_partial && s.unfilled > 0 && !s.set.is_empty()
}

/// The order's problem over what the residual leaves (its own units given back), for its
/// best plan only.
fn restricted(p: &Problem, map: &OrderMap, ctx: &OrderCtx, prep: &Prepared, res: &Residual) -> Problem {
    let mut q = p.clone();
    q.best_only = true;
    for (c, cand) in q.cands.iter_mut().enumerate() {
        let l = prep.legs[c].loc as usize;
        for (si, a) in cand.avail.iter_mut().enumerate() {
            let left = map.node(c, si).map_or(0, |n| res.stock[n]);
            *a = (*a).min(left.max(0));
        }
        cand.cap = cand.cap.min(res.loc_units[l].max(0));
        if !cand.kept && res.loc_orders[l] <= 0 {
            cand.cap = 0;
        }
    }
    for (si, b) in q.sku_bound.iter_mut().enumerate() {
        if let Some(sku) = map.sku[si] {
            if let Some(x) = res.pool.get(&(sku, ctx.pool)) {
                *b = (*b).min((*x).max(0));
            }
            if let Some(x) = res.quota.get(&(sku, map.chan)) {
                *b = (*b).min((*x).max(0));
            }
        }
    }
    q
}

/// An order's best plan, or no plan when the order may not be partly allocated and the best
/// leaves units out.
fn admissible(p: &Problem, ctx: &OrderCtx, best: Option<Solution>) -> Solution {
    match best {
        Some(s) if ctx.order.allow_partial || s.unfilled == 0 => s,
        _ => Solution {
            set: Vec::new(),
            alloc: Vec::new(),
            unfilled: p.groups.iter().map(|g| g.need).sum(),
            cost: 0,
        },
    }
}

/// The order's best plan alone over what the residual leaves (its own units given back).
fn resolve(p: &Problem, map: &OrderMap, ctx: &OrderCtx, prep: &Prepared, res: &Residual) -> Solution {
    admissible(p, ctx, restricted(p, map, ctx, prep, res).solve().best)
}

/// The order's best plan alone over the whole stock (what it could hope for in any wave),
/// and whether the search proved it best.
fn ideal(p: &Problem, map: &OrderMap, ctx: &OrderCtx, prep: &Prepared, full: &Residual) -> (Solution, bool) {
    let out = restricted(p, map, ctx, prep, full).solve();
    (admissible(p, ctx, out.best), out.exact)
}

/// A lower bound on the cost of any plan giving the order exactly `fill` units of each
/// group: its best plan for those units alone over the whole stock (0 when the search cannot
/// prove it best). Every plan of a wave is such a plan, so the orders' bounds add up to a
/// bound on the wave.
fn own_bound(
    p: &Problem,
    map: &OrderMap,
    ctx: &OrderCtx,
    prep: &Prepared,
    full: &Residual,
    fill: &[i64],
    ideal: Option<&(Solution, bool)>,
) -> i128 {
    if fill.iter().all(|&f| f == 0) || !p.searched_exactly() {
        return 0;
    }
    if let Some((sol, true)) = ideal {
        if sol.unfilled == 0 && fills(sol, p) == fill {
            return sol.cost;
        }
    }
    let mut q = restricted(p, map, ctx, prep, full);
    for (g, &f) in q.groups.iter_mut().zip(fill) {
        g.need = f;
    }
    let out = q.solve();
    match out.best {
        Some(s) if out.exact && s.unfilled == 0 => s.cost,
        _ => 0,
    }
}

/// Pair exchanges (step 4 of the [module docs](self)): an order whose ideal plan (alone,
/// over the whole stock) beats its current one is re-sourced together with each order
/// holding stock that plan wants. Both are given back, re-sourced one after the other
/// (either one first), and keep their new plans when together they leave no more units out
/// and cost less, and neither allocates less. Returns how many pairs improved.
fn exchange(
    w: &Shared,
    serve: &[usize],
    contended: &[bool],
    ideals: &mut [Option<(Solution, bool)>],
    res: &mut Residual,
    cur: &mut [Solution],
    by_gain: bool,
) -> usize {
    let Shared {
        problems,
        maps,
        ctxs,
        preps,
        full,
    } = *w;
    let n = serve.len();
    let mut rank = vec![0usize; n];
    for (k, &o) in serve.iter().enumerate() {
        rank[o] = k;
    }
    let key = |s: &Solution| (s.unfilled, s.cost);
    let node_of = |o: usize, g: usize, c: usize| maps[o].node(c, problems[o].groups[g].sku);
    let mut improved = 0usize;
    // Re-sourcings left (each try takes two to four).
    let mut budget = EXCHANGE_RESOLVES;
    // Stock nodes whose residual changed in the last pass (all, before the first): after the
    // first pass, only orders with such a node among their candidates are tried again.
    let mut touched = vec![true; res.stock.len()];
    for _ in 0..MAX_PASSES {
        let mut touched_now = vec![false; res.stock.len()];
        // Which orders draw on each stock node (as of the pass's start: an order that moves
        // during the pass is found again at the next one).
        let mut users: Vec<Vec<u32>> = vec![Vec::new(); res.stock.len()];
        for &o in serve {
            for &(g, c, _) in &cur[o].alloc {
                if let Some(nd) = node_of(o, g, c) {
                    if users[nd].last() != Some(&(o as u32)) {
                        users[nd].push(o as u32);
                    }
                }
            }
        }
        let mut changed = false;
        // The orders that could gain (a linear order's cost is the flow's own: exchanges
        // cannot improve on it); with `by_gain`, most to gain first, then serving order.
        let mut tries: Vec<usize> = serve
            .iter()
            .copied()
            .filter(|&a| contended[a] && !problems[a].linear())
            .collect();
        if by_gain {
            for &a in &tries {
                if ideals[a].is_none() && budget > 0 {
                    ideals[a] = Some(ideal(&problems[a], &maps[a], &ctxs[a], &preps[a], full));
                    budget -= 1;
                }
            }
            let gain = |a: usize| {
                ideals[a]
                    .as_ref()
                    .map_or((0, 0), |i| (cur[a].unfilled - i.0.unfilled, cur[a].cost - i.0.cost))
            };
            tries.sort_by_key(|&a| (std::cmp::Reverse(gain(a)), rank[a]));
        }
        for a in tries {
            if budget == 0 {
                continue;
            }
            if ideals[a].is_none() {
                ideals[a] = Some(ideal(&problems[a], &maps[a], &ctxs[a], &preps[a], full));
                budget -= 1;
            }
            let Some(ideal_a) = ideals[a].clone() else { continue };
            if key(&ideal_a.0) >= key(&cur[a]) {
                continue;
            }
            if !maps[a].nodes.iter().any(|&nd| nd != NO_NODE && touched[nd as usize]) {
                continue;
            }
            // The orders holding stock A's ideal plan wants and cannot have now, in serving
            // order.
            let mut partners: Vec<usize> = Vec::new();
            for &(g, c, u) in &ideal_a.0.alloc {
                let Some(nd) = node_of(a, g, c) else { continue };
                let mine: i64 = cur[a]
                    .alloc
                    .iter()
                    .filter(|x| node_of(a, x.0, x.1) == Some(nd))
                    .map(|x| x.2)
                    .sum();
                if res.stock[nd] + mine < u {
                    partners.extend(users[nd].iter().map(|&b| b as usize).filter(|&b| b != a));
                }
            }
            partners.sort_by_key(|&b| rank[b]);
            partners.dedup();
            for b in partners {
                if budget < 5 {
                    return improved;
                }
                let before = (cur[a].unfilled + cur[b].unfilled, cur[a].cost + cur[b].cost);
                if ideals[b].is_none() {
                    ideals[b] = Some(ideal(&problems[b], &maps[b], &ctxs[b], &preps[b], full));
                    budget -= 1;
                }
                // Neither can do better than its ideal plan.
                let hope = |x: usize| ideals[x].as_ref().map_or((0, 0), |i| key(&i.0));
                if (hope(a).0 + hope(b).0, hope(a).1 + hope(b).1) >= before {
                    continue;
                }
                take(res, &problems[a], &maps[a], &ctxs[a], &preps[a], &cur[a], 1);
                take(res, &problems[b], &maps[b], &ctxs[b], &preps[b], &cur[b], 1);
                let mut best: Option<((i64, i128), Solution, Solution)> = None;
                for (x, y) in [(a, b), (b, a)] {
                    let sx = resolve(&problems[x], &maps[x], &ctxs[x], &preps[x], res);
                    budget -= 1;
                    if (sx.unfilled + hope(y).0, sx.cost + hope(y).1) >= before {
                        continue;
                    }
                    take(res, &problems[x], &maps[x], &ctxs[x], &preps[x], &sx, -1);
                    let sy = resolve(&problems[y], &maps[y], &ctxs[y], &preps[y], res);
                    budget -= 1;
                    take(res, &problems[x], &maps[x], &ctxs[x], &preps[x], &sx, 1);
                    let (sa, sb) = if x == a { (sx, sy) } else { (sy, sx) };
                    if sa.unfilled > cur[a].unfilled || sb.unfilled > cur[b].unfilled {
                        continue;
                    }
                    let total = (sa.unfilled + sb.unfilled, sa.cost + sb.cost);
                    if total < before && best.as_ref().is_none_or(|b| total < b.0) {
                        best = Some((total, sa, sb));
                    }
                }
                if let Some((_, sa, sb)) = best {
                    for (o, s) in [(a, &cur[a]), (b, &cur[b]), (a, &sa), (b, &sb)] {
                        for &(g, c, _) in &s.alloc {
                            if let Some(nd) = node_of(o, g, c) {
                                touched_now[nd] = true;
                            }
                        }
                    }
                    cur[a] = sa;
                    cur[b] = sb;
                    improved += 1;
                    changed = true;
                }
                take(res, &problems[a], &maps[a], &ctxs[a], &preps[a], &cur[a], -1);
                take(res, &problems[b], &maps[b], &ctxs[b], &preps[b], &cur[b], -1);
                if key(&ideal_a.0) >= key(&cur[a]) {
                    break;
                }
            }
        }
        if !changed {
            break;
        }
        touched = touched_now;
    }
    improved
}

/// What every order of a wave reads: its problem, its view of the stock nodes, its context,
/// its candidates; and the residual before any order takes stock.
#[derive(Clone, Copy)]
struct Shared<'a> {
    problems: &'a [Problem],
    maps: &'a [OrderMap],
    ctxs: &'a [OrderCtx<'a>],
    preps: &'a [Prepared<'a>],
    full: &'a Residual,
}

/// The relaxation's outcome.
struct Relaxed {
    /// Per order: (group, candidate, units).
    alloc: Vec<Vec<(usize, usize, i64)>>,
    /// The flow's cost (score units), over the parts it planned (every part with exact units,
    /// or when no part took a fixed-charge plan): a lower bound for the units it allocates.
    bound: i128,
    /// With exact units: the parts' fixed-charge bound (score units, without the orders'
    /// constant split terms), when every part has a flow.
    fixed_charge: Option<i128>,
    feasible: bool,
}

impl Relaxed {
    fn solution(&self, o: usize, p: &Problem) -> Solution {
        let alloc = self.alloc[o].clone();
        let mut set: Vec<usize> = alloc.iter().map(|a| a.1).collect();
        set.sort_unstable();
        set.dedup();
        let filled: i64 = alloc.iter().map(|a| a.2).sum();
        let need: i64 = p.groups.iter().map(|g| g.need).sum();
        let ships = p.base_ships + set.iter().filter(|&&c| !p.cands[c].kept).count();
        let mut cost = p.split_w.saturating_mul(ships.saturating_sub(1) as i128);
        for &c in &set {
            cost = cost.saturating_add(p.cands[c].fixed);
        }
        for &(_, c, u) in &alloc {
            cost = cost.saturating_add(p.cands[c].unit.saturating_mul(u as i128));
        }
        Solution {
            set,
            alloc,
            unfilled: need - filled,
            cost,
        }
    }
}

/// The min-cost-flow relaxation of the wave. With `exact`, every group must take exactly
/// those units (no unfilled arcs): the lower bound for plans allocating them.
fn relax(
    problems: &[Problem],
    maps: &[OrderMap],
    allot: &[Vec<i64>],
    res: &Residual,
    ctxs_whole: &[bool],
    exact: Option<&[Vec<i64>]>,
) -> Relaxed {
    // Arcs from a group to a stock node: (order, group, candidate), capacity, and the most
    // units the order could take at the candidate (its per-order cost is spread over them).
    // Their costs are the candidate's. A wave has hundreds of thousands: kept small.
    struct Arc {
        o: u32,
        g: u32,
        c: u32,
        cap: i64,
        m: i64,
    }
    // At most one arc per (candidate, group): reserved at once, so the list of a large wave
    // is neither copied as it grows nor spread over fresh pages twice.
    let most: usize = problems.iter().map(|p| p.cands.len() * p.groups.len()).sum();
    let mut arcs: Vec<Arc> = Vec::with_capacity(most);
    let mut demand: Vec<(usize, usize, i64)> = Vec::new();
    // Per (order, group), from `goff[o]` on: its index in `demand` (`u32::MAX`: it wants none).
    let mut gnode: Vec<u32> = Vec::new();
    let mut goff: Vec<usize> = Vec::with_capacity(problems.len());
    for (o, p) in problems.iter().enumerate() {
        let want: &[i64] = match exact {
            Some(f) => &f[o],
            None => &allot[o],
        };
        let whole = ctxs_whole[o];
        for (c, cand) in p.cands.iter().enumerate() {
            // A ship-complete order ships whole from one location: only those able to.
            if whole
                && !p.groups.iter().enumerate().all(|(g, gr)| {
                    cand.allowed[g] && cand.avail[gr.sku] >= gr.need && maps[o].node(c, gr.sku).is_some()
                })
            {
                continue;
            }
            if whole && cand.cap < p.groups.iter().map(|g| g.need).sum::<i64>() {
                continue;
            }
            // The most units the order could take here.
            let m: i64 = p
                .groups
                .iter()
                .enumerate()
                .filter(|(g, _)| cand.allowed[*g])
                .map(|(g, gr)| want[g].min(cand.avail[gr.sku]))
                .fold(0i64, i64::saturating_add)
                .min(cand.cap);
            if m <= 0 {
                continue;
            }
            for (g, gr) in p.groups.iter().enumerate() {
                let cap = want[g].min(cand.avail[gr.sku]).min(cand.cap);
                if cap > 0 && cand.allowed[g] && maps[o].node(c, gr.sku).is_some() {
                    arcs.push(Arc {
                        o: o as u32,
                        g: g as u32,
                        c: c as u32,
                        cap,
                        m,
                    });
                }
            }
        }
        goff.push(gnode.len());
        for (g, &w) in want.iter().enumerate() {
            if w > 0 {
                gnode.push(demand.len() as u32);
                demand.push((o, g, w));
            } else {
                gnode.push(u32::MAX);
            }
        }
    }
    let cand_of = |a: &Arc| &problems[a.o as usize].cands[a.c as usize];
    // What using an arc's candidate costs once in the fixed-charge problems: its fixed cost
    // and, for a new shipment, the split penalty.
    let charge_of = |a: &Arc| {
        let cand = cand_of(a);
        let split = if cand.kept { 0 } else { problems[a.o as usize].split_w };
        cand.fixed.saturating_add(split)
    };
    // Per arc, how many of its order's arcs share its candidate (they share its fixed cost
    // in the fixed-charge problems). An order's arcs at one candidate are
    // consecutive.
    let mut sharing: Vec<u32> = vec![1; arcs.len()];
    {
        let mut i = 0;
        while i < arcs.len() {
            let j = (i..arcs.len())
                .find(|&j| (arcs[j].o, arcs[j].c) != (arcs[i].o, arcs[i].c))
                .unwrap_or(arcs.len());
            sharing[i..j].fill((j - i) as u32);
            i = j;
        }
    }
    // Orders whose fixed-charge costs are exact: no candidate serves two of their groups.
    let mut separable = vec![true; problems.len()];
    for (a, &k) in arcs.iter().zip(&sharing) {
        if k > 1 {
            separable[a.o as usize] = false;
        }
    }
    // Integer costs: score units over their common divisor `d` (exact), times the largest
    // power of two `f` keeping them within COST_LIMIT so spread per-order costs keep their
    // precision (or divided further when even that is too large). Floors keep the bound a
    // bound.
    let mut d: i128 = 0;
    let mut max: i128 = 0;
    for a in &arcs {
        let cand = cand_of(a);
        d = gcd(d, cand.unit);
        d = gcd(d, cand.fixed);
        // The fixed-charge problems also charge the split penalty per location.
        d = gcd(d, problems[a.o as usize].split_w);
        max = max.max(
            cand.unit
                .saturating_add(cand.fixed)
                .saturating_add(problems[a.o as usize].split_w),
        );
    }
    if d == 0 {
        d = 1;
    }
    let mut f: i128 = 1;
    // The network simplex needs max |cost| × (nodes + 1) ≤ 2^60; the unfilled penalty is the
    // largest cost and must stay above every arc's.
    let nodes = (demand.len() + res.stock.len() + res.loc_units.len() + 1) as i128;
    let pen_limit = (crate::flow::MAX_COST_SCALE / (nodes + 2)).min(1 << 50);
    let cost_limit = COST_LIMIT.min(pen_limit / 4).max(1);
    while (max / d).saturating_mul(f * 2) <= cost_limit && f < (1 << 20) {
        f *= 2;
    }
    if max / d > cost_limit {
        d = d.saturating_mul((max / d) / cost_limit + 1);
    }
    let cost_of = |a: &Arc| -> i64 {
        let cand = cand_of(a);
        (div(cand.unit, d) * f + div(div(cand.fixed, d) * f, a.m as i128)) as i64
    };
    // Nodes: groups, stock nodes, capacity nodes, sink.
    let ng = demand.len();
    let ns = res.stock.len();
    let nloc = res.loc_units.len();
    let cap0 = ng + ns;
    // The flow's arcs between groups, stock nodes and capacity nodes (or the sink), with the
    // order's arc they stand for, if any.
    struct Edge {
        from: u32,
        to: u32,
        cap: i64,
        cost: i64,
        arc: u32,
    }
    const SINK: u32 = u32::MAX;
    const NO_ARC: u32 = u32::MAX;
    let mut edges: Vec<Edge> = Vec::with_capacity(arcs.len() + ns + nloc);
    let mut max_cost: i64 = 0;
    for (i, a) in arcs.iter().enumerate() {
        let (o, g) = (a.o as usize, a.g as usize);
        let node = maps[o]
            .node(a.c as usize, problems[o].groups[g].sku)
            .unwrap_or_default();
        let gk = gnode[goff[o] + g];
        if gk == u32::MAX {
            continue;
        }
        let cost = cost_of(a);
        max_cost = max_cost.max(cost);
        edges.push(Edge {
            from: gk,
            to: (ng + node) as u32,
            cap: a.cap,
            cost,
            arc: i as u32,
        });
    }
    // Reroutes along one augmenting path cross at most min(groups, stock nodes) costed arcs.
    let hops = (ng.min(ns) as i64).saturating_add(1);
    let pen = max_cost.saturating_add(1).saturating_mul(hops).min(pen_limit as i64);
    for (node, &left) in res.stock.iter().enumerate() {
        let l = res.node_loc[node];
        let to = if res.loc_units[l] != i64::MAX {
            (cap0 + l) as u32
        } else {
            SINK
        };
        edges.push(Edge {
            from: (ng + node) as u32,
            to,
            cap: left.max(0),
            cost: 0,
            arc: NO_ARC,
        });
    }
    for l in 0..nloc {
        if res.loc_units[l] != i64::MAX {
            edges.push(Edge {
                from: (cap0 + l) as u32,
                to: SINK,
                cap: res.loc_units[l].max(0),
                cost: 0,
                arc: NO_ARC,
            });
        }
    }
    // The flow splits into independent parts (a SKU's groups and stock, joined only through
    // capped locations): each is solved alone, which gives the same optimum much faster.
    let total_nodes = cap0 + nloc;
    let mut parent: Vec<u32> = (0..total_nodes as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    for e in &edges {
        if e.to != SINK {
            let (a, b) = (find(&mut parent, e.from), find(&mut parent, e.to));
            if a != b {
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                parent[hi as usize] = lo;
            }
        }
    }
    // Parts in order of their smallest node; nodes and arcs keep their global order.
    let mut part_of: Vec<u32> = vec![u32::MAX; total_nodes];
    let mut parts: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
    for v in 0..total_nodes {
        let r = find(&mut parent, v as u32) as usize;
        if part_of[r] == u32::MAX {
            part_of[r] = parts.len() as u32;
            parts.push((Vec::new(), Vec::new()));
        }
        let k = part_of[r];
        part_of[v] = k;
        parts[k as usize].0.push(v as u32);
    }
    for (i, e) in edges.iter().enumerate() {
        parts[part_of[e.from as usize] as usize].1.push(i as u32);
    }
    let mut local: Vec<u32> = vec![0; total_nodes];
    let mut feasible = true;
    let mut alloc: Vec<Vec<(usize, usize, i64)>> = vec![Vec::new(); problems.len()];
    let mut bound: i128 = 0;
    let mut fc_total: Option<i128> = exact.map(|_| 0);
    let mut fc_budget = FIXED_CHARGE_NODES;
    for (nodes, arc_list) in &parts {
        let supply: i64 = nodes
            .iter()
            .filter(|&&v| (v as usize) < ng)
            .map(|&v| demand[v as usize].2)
            .sum();
        if supply == 0 {
            continue;
        }
        for (k, &v) in nodes.iter().enumerate() {
            local[v as usize] = k as u32;
        }
        let t = nodes.len();
        // The part as a fixed-charge problem: an arc pays its share of its candidate's fixed
        // cost and split penalty once used, plus its unit cost per unit. With exact units its
        // branch and bound gives a bound. Otherwise, on a small part whose orders' costs it
        // states exactly (no candidate serves two line groups of one order), its best plan,
        // with every unit it can place placed first, is taken instead of the flow's.
        let small = arc_list.len() <= FIXED_CHARGE_ARCS;
        // (A part of linear costs is the flow's: nothing to search.)
        let fixed_costs = arc_list.iter().any(|&i| {
            let e = &edges[i as usize];
            e.arc != NO_ARC && charge_of(&arcs[e.arc as usize]) != 0
        });
        let exact_costs = || {
            arc_list.iter().all(|&i| {
                let e = &edges[i as usize];
                e.arc == NO_ARC || separable[arcs[e.arc as usize].o as usize]
            })
        };
        let mut plan: Option<Vec<i64>> = None;
        if fixed_costs && (exact.is_some() || (small && exact_costs())) {
            let supplies: Vec<(usize, i64)> = nodes
                .iter()
                .filter(|&&v| (v as usize) < ng)
                .map(|&v| (local[v as usize] as usize, demand[v as usize].2))
                .chain([(t, -supply)])
                .collect();
            let mut fc_arcs: Vec<FcArc> = arc_list
                .iter()
                .map(|&i| {
                    let e = &edges[i as usize];
                    let to = if e.to == SINK { t } else { local[e.to as usize] as usize };
                    let from = local[e.from as usize] as usize;
                    if e.arc == NO_ARC {
                        return FcArc {
                            from,
                            to,
                            cap: e.cap,
                            unit: e.cost,
                            share: 0,
                        };
                    }
                    let a = &arcs[e.arc as usize];
                    let share = div(charge_of(a), d) * f / sharing[e.arc as usize] as i128;
                    FcArc {
                        from,
                        to,
                        cap: e.cap,
                        unit: (div(cand_of(a).unit, d) * f) as i64,
                        share: share as i64,
                    }
                })
                .collect();
            let limit = if small { FIXED_CHARGE_PART } else { 1 };
            if exact.is_some() {
                // (No flow meets the units: neither bound exists, `feasible` says so below.)
                let part = fixed_charge(t + 1, &supplies, &fc_arcs, &mut fc_budget, limit);
                fc_total = fc_total.zip(part).map(|(total, (v, _))| total.saturating_add(v));
            } else {
                // Unfilled units cost more than every arc of the part together.
                let most = fc_arcs.iter().fold(1i128, |m, a| {
                    m.saturating_add(i128::from(a.unit).abs() * i128::from(a.cap) + i128::from(a.share))
                });
                if most <= i128::from(crate::flow::MAX_ABS_COST)
                    && most.saturating_mul(t as i128 + 2) <= crate::flow::MAX_COST_SCALE
                {
                    let n_arcs = fc_arcs.len();
                    for &(v, w) in &supplies[..supplies.len() - 1] {
                        fc_arcs.push(FcArc {
                            from: v,
                            to: t,
                            cap: w,
                            unit: most as i64,
                            share: 0,
                        });
                    }
                    plan = fixed_charge(t + 1, &supplies, &fc_arcs, &mut fc_budget, limit).map(|(_, mut flows)| {
                        flows.truncate(n_arcs);
                        flows
                    });
                }
            }
        }
        if let Some(plan) = plan {
            for (&i, &u) in arc_list.iter().zip(&plan) {
                let e = &edges[i as usize];
                if e.arc != NO_ARC && u > 0 {
                    let a = &arcs[e.arc as usize];
                    alloc[a.o as usize].push((a.g as usize, a.c as usize, u));
                }
            }
            continue;
        }
        let mut net = MinCostFlow::with_capacity(t + 1, arc_list.len() + nodes.len());
        for &v in nodes.iter().filter(|&&v| (v as usize) < ng) {
            let w = demand[v as usize].2;
            net.set_supply(local[v as usize] as usize, w);
            if exact.is_none() {
                net.add_arc(local[v as usize] as usize, t, w, pen);
            }
        }
        net.set_supply(t, -supply);
        let mut ids: Vec<(u32, u32)> = Vec::with_capacity(arc_list.len());
        for &i in arc_list {
            let e = &edges[i as usize];
            let to = if e.to == SINK { t } else { local[e.to as usize] as usize };
            let id = net.add_arc(local[e.from as usize] as usize, to, e.cap, e.cost);
            if e.arc != NO_ARC {
                ids.push((id as u32, i));
            }
        }
        if net.solve() != FlowStatus::Optimal {
            feasible = false;
            continue;
        }
        let mut cost: i128 = 0;
        for &(id, i) in &ids {
            let e = &edges[i as usize];
            let u = net.flow(id as usize);
            if u > 0 {
                let a = &arcs[e.arc as usize];
                alloc[a.o as usize].push((a.g as usize, a.c as usize, u));
                cost = cost.saturating_add((e.cost as i128).saturating_mul(u as i128));
            }
        }
        bound = bound.saturating_add(cost);
        // A part of linear costs is its own fixed-charge problem: the flow's cost is its optimum.
        if !fixed_costs {
            fc_total = fc_total.map(|total| total.saturating_add(cost));
        }
    }
    for a in &mut alloc {
        a.sort_unstable();
    }
    Relaxed {
        alloc,
        // Floor again: the bound stays below the true relaxation.
        bound: bound.saturating_mul(d) / f,
        fixed_charge: fc_total.map(|v| v.saturating_mul(d).div_euclid(f)),
        feasible,
    }
}

/// Branch-and-bound nodes the fixed-charge problems of one solve of the wave may take, at
/// most (counted once on the 100,000-order bench wave: about 134,000 a solve).
const FIXED_CHARGE_NODES: usize = 400_000;

/// Branch-and-bound nodes one part may take, at most.
const FIXED_CHARGE_PART: usize = 256;

/// Parts with more arcs are not searched: their fixed-charge bound is its root relaxation's
/// and their plan the flow's.
const FIXED_CHARGE_ARCS: usize = 256;

/// One arc of a part's fixed-charge problem: `unit` per unit, plus `share` once it carries
/// any.
struct FcArc {
    from: usize,
    to: usize,
    cap: i64,
    unit: i64,
    share: i64,
}

/// A lower bound on the least cost of a flow meeting `supply` over `arcs`, where an arc
/// costs its `share` once it carries a unit (its fixed cost, shared by the order's line
/// groups at the candidate), with the flows per arc of the best plan found; `None` when no
/// flow meets the supplies.
///
/// Branch and bound: a node's relaxation spreads each undecided arc's share over its
/// capacity (it pays at most the share); an arc carrying part of its capacity is branched
/// on, closed or open (share paid, unit cost only). Depth first, the child the relaxation
/// leans to first, at most [`FIXED_CHARGE_PART`] nodes (and what `budget` has left). The
/// result is the least of the best plan found and the bounds of the leaves and of the nodes
/// left unexplored: the part's optimum when the search ends within its budget.
fn fixed_charge(
    nodes: usize,
    supply: &[(usize, i64)],
    arcs: &[FcArc],
    budget: &mut usize,
    limit: usize,
) -> Option<(i128, Vec<i64>)> {
    let mut net = MinCostFlow::with_capacity(nodes, arcs.len() * 2);
    for &(v, s) in supply {
        net.set_supply(v, s);
    }
    // Per arc: the spread arc and, for an arc with a share, the open one (unit cost only).
    let spread = |a: &FcArc| a.unit.saturating_add(a.share / a.cap.max(1));
    let ids: Vec<(usize, Option<usize>)> = arcs
        .iter()
        .map(|a| {
            let s = net.add_arc(a.from, a.to, a.cap, spread(a));
            (s, (a.share > 0).then(|| net.add_arc(a.from, a.to, 0, a.unit)))
        })
        .collect();
    const FREE: u8 = 0;
    const OPEN: u8 = 1;
    const CLOSED: u8 = 2;
    // Every plan's cost is a multiple of the costs' common divisor: so is the least, and a
    // node's bound rounds up to one (which prunes near ties).
    let step = arcs
        .iter()
        .fold(0i128, |g, a| gcd(gcd(g, i128::from(a.unit)), i128::from(a.share)))
        .max(1);
    let mut best = i128::MAX;
    let mut best_flows: Vec<i64> = Vec::new();
    let mut low = i128::MAX;
    let mut evals = 0usize;
    let mut stack: Vec<(Vec<u8>, i128)> = vec![(vec![FREE; arcs.len()], i128::MIN)];
    while let Some((st, parent)) = stack.pop() {
        if parent >= best {
            continue;
        }
        if evals > 0 && (*budget == 0 || evals >= limit) {
            low = low.min(parent);
            continue;
        }
        *budget = budget.saturating_sub(1);
        evals += 1;
        for (i, a) in arcs.iter().enumerate() {
            if let (s, Some(o)) = ids[i] {
                net.set_arc_capacity(s, if st[i] == FREE { a.cap } else { 0 });
                net.set_arc_capacity(o, if st[i] == OPEN { a.cap } else { 0 });
            }
        }
        if net.solve() != FlowStatus::Optimal {
            if evals == 1 {
                return None;
            }
            continue;
        }
        let (mut lp, mut real) = (0i128, 0i128);
        // The arc to branch on: the largest share left unpaid.
        let mut pick: Option<(i128, usize)> = None;
        for (i, a) in arcs.iter().enumerate() {
            let (s, o) = ids[i];
            let fs = net.flow(s);
            let u = fs + o.map_or(0, |o| net.flow(o));
            lp += i128::from(spread(a)) * i128::from(fs) + i128::from(a.unit) * i128::from(u - fs);
            if st[i] == OPEN {
                lp += i128::from(a.share);
            }
            real += i128::from(a.unit) * i128::from(u) + if u > 0 { i128::from(a.share) } else { 0 };
            if st[i] == FREE && a.share > 0 && fs > 0 && fs < a.cap {
                let unpaid = i128::from(a.share) * i128::from(a.cap - fs) / i128::from(a.cap);
                if pick.is_none_or(|p| unpaid > p.0) {
                    pick = Some((unpaid, i));
                }
            }
        }
        if real < best {
            best = real;
            best_flows = ids
                .iter()
                .map(|&(s, o)| net.flow(s) + o.map_or(0, |o| net.flow(o)))
                .collect();
        }
        let lp = -(-lp).div_euclid(step) * step;
        let Some((_, i)) = pick else {
            low = low.min(lp);
            continue;
        };
        if lp >= best {
            continue;
        }
        let fs = net.flow(ids[i].0);
        let mut open = st.clone();
        open[i] = OPEN;
        let mut closed = st;
        closed[i] = CLOSED;
        if fs >= arcs[i].cap - fs {
            stack.push((closed, lp));
            stack.push((open, lp));
        } else {
            stack.push((open, lp));
            stack.push((closed, lp));
        }
    }

    Some((best.min(low), best_flows))
}
