//! Order sourcing: which locations ship which units of each order, by cost, delay and
//! priority; committing plans; reallocating when a location fails.

mod backorders;
mod commit;
mod plan;
mod rules;
mod search;
mod wave;

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use backorders::{Backorder, BackorderCategory};
pub use plan::{
    Committed, CostTerms, Disruption, DropReason, Dropped, Exclusion, Explanation, OpenOrder, Order, OrderLine,
    OrderPlan, OrderStatus, Plan, Release, Replacement, RunnerUp, Shipment, ShipmentLine, ShortReason, Unallocated,
};
pub use rules::{Preset, RuleSet, WeightOverrides, Weights};
pub use wave::{PerOrder, Scarcity, WAVE_COMPARE_ORDERS, Wave};

use crate::Inventory;
use crate::atp::Route;
use crate::error::{Error, ErrorCode, Result};
use crate::ledger::SkuIdx;
use crate::model::{LocIdx, PoolIdx, ReservationId};
use crate::schedule::distance_km;
use search::{Cand, Few, Group, Problem, Solution};

/// Work a location has taken on for one day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityUse {
    /// Orders (shipments).
    pub orders: i64,
    /// Units.
    pub units: i64,
}

/// The most units one order may have (keeps every cost and score within `Decimal`).
const MAX_ORDER_UNITS: i64 = 1_000_000_000;

/// Weights as 10⁻⁶ fixed point.
#[derive(Clone, Copy, Debug)]
struct MicroWeights {
    shipping: i128,
    handling: i128,
    split: i128,
    late_day: i128,
    rank: i128,
    distance: i128,
}

/// A decimal as 10⁻⁶ fixed point (rounded half away from zero).
fn micro(d: Decimal) -> i128 {
    if d.scale() <= 6 {
        return d.mantissa().saturating_mul(10i128.pow(6 - d.scale()));
    }
    let r = d.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let scale = r.scale();
    r.mantissa().saturating_mul(10i128.pow(6 - scale.min(6)))
}

/// Scores are in 10⁻¹²: weight (10⁻⁶) × money (10⁻⁶). With weights ≤ 10⁶, money ≤ 10⁹ and
/// orders ≤ 10⁹ units, every score stays far inside `i128`.
const MONEY: i128 = 1;
/// Weight (10⁻⁶) × count × 10⁶.
const COUNT: i128 = 1_000_000;
/// Weight (10⁻⁶) × km (10⁻³) × 10³.
const KM: i128 = 1_000;

/// How a candidate ships: costs and dates, worked out once per order.
#[derive(Clone, Debug)]
struct Leg {
    loc: LocIdx,
    ships: Date,
    date: Date,
    /// Shipping money per shipment (base + distance part) and per unit.
    ship_base: Decimal,
    ship_unit: Decimal,
    hand_order: Decimal,
    hand_unit: Decimal,
    late_days: i64,
    rank: i64,
    /// Distance in metres, if known.
    metres: Option<i64>,
    /// Transit days, and whether through a transfer lane, for explanations.
    transit: Option<(u32, bool)>,
}

/// Per-order caches of dates and transit times shared by candidates.
#[derive(Default)]
struct LegCache<'a> {
    /// Clock class → ready (ship) date.
    ready: FxHashMap<u32, Date>,
    /// (ship date, transit days) → delivery date.
    deliver: FxHashMap<(Date, u32), Date>,
    /// Origin zone → transit days by the service's zone matrix.
    zone_days: FxHashMap<&'a str, Option<u32>>,
    /// The destination zone, interned among the zones of rate tables.
    dest_zone: Option<u32>,
}

/// What the order needs looked up once.
struct OrderCtx<'a> {
    order: &'a Order,
    pool: PoolIdx,
    route: Route,
    now: Timestamp,
    today: Date,
    weights: Weights,
    micro: MicroWeights,
    split_lines: bool,
    max_shipments: usize,
    /// Locations excluded for every line / for some lines.
    excluded: &'a [Exclusion],
    /// A reallocation: locations the order already ships from, with their ship dates, and
    /// how many shipments it keeps.
    kept: std::collections::BTreeSet<(LocIdx, Date)>,
    generation: u32,
    force_exact: bool,
    /// Units of the whole order (a reallocation sources part of it).
    full_units: i64,
    /// Per (location, SKU): the most units a plan may take there, learnt when a plan over
    /// overlapping pools could not be held (see `source`).
    tight: Vec<(LocIdx, crate::Sku, i64)>,
}

/// How to source an order: fresh, or a reallocation of part of it.
pub(crate) struct Sourcing<'a> {
    /// Locations excluded for the order (or some lines).
    excluded: &'a [Exclusion],
    /// Locations the order already ships from, with their ship dates.
    kept: std::collections::BTreeSet<(LocIdx, Date)>,
    /// The order's generation so far.
    generation: u32,
    force_exact: bool,
    /// Units of the whole order, when sourcing part of it.
    full_units: Option<i64>,
}

impl Sourcing<'_> {
    fn new(force_exact: bool) -> Self {
        Sourcing {
            excluded: &[],
            kept: std::collections::BTreeSet::new(),
            generation: 0,
            force_exact,
            full_units: None,
        }
    }
}

/// Per (SKU, pool): the units the pool may take at each location holding some, by location.
type StockAt = FxHashMap<(SkuIdx, PoolIdx), Vec<(LocIdx, i64)>>;

/// An order's line groups and candidates: what the search (or a wave) works on.
struct Prepared<'a> {
    /// Groups of lines (one SKU and category each), with their lines and category.
    groups: Vec<(Group, Vec<usize>, Option<&'a str>)>,
    /// The order's SKUs (a group's `sku` indexes them).
    skus: Vec<(&'a crate::Sku, Option<SkuIdx>)>,
    /// Per SKU: what the pool and quotas allow.
    sku_bound: Vec<i64>,
    /// Per SKU: whether a quota is what bounds it.
    quota_short: Vec<bool>,
    stages: Vec<Stages>,
    dropped: Vec<Dropped>,
    /// The candidates, until [`Prepared::problem`] takes them.
    cands: Vec<Cand>,
    legs: Vec<Leg>,
    capable_any: bool,
}

impl Prepared<'_> {
    /// The search problem; the candidates move into it (the problem is what reads them from
    /// then on, so they are not copied: a wave holds hundreds of thousands).
    fn problem(&mut self, ctx: &OrderCtx) -> Problem {
        let kept_ships = ctx.kept.len();
        Problem {
            groups: self.groups.iter().map(|g| g.0.clone()).collect(),
            sku_bound: self.sku_bound.clone(),
            cands: std::mem::take(&mut self.cands),
            max_new: ctx.max_shipments.saturating_sub(kept_ships),
            base_ships: kept_ships,
            split_w: ctx.micro.split.saturating_mul(COUNT),
            split_lines: ctx.split_lines,
            force_exact: ctx.force_exact,
            best_only: false,
        }
    }
}

/// Per line group: units reachable at each filtering stage, to say why units are short.
#[derive(Clone, Copy, Default)]
struct Stages {
    capable: i64,
    allowed: i64,
    routed: i64,
    with_capacity: i64,
}

impl Inventory {
    /// Proposes which locations ship which units of each order, without changing anything.
    ///
    /// Orders are served one after the other by priority class (lower first), then promised
    /// date (none last), then id — so the plan does not depend on the input order — and each
    /// order sees the stock and capacity the ones before it took. For each order, the
    /// candidates are the enabled members of its channel's pool able to serve it (`ship` or
    /// `ship_from_store` for a delivery; the pickup store itself or a location with a lane to
    /// it for a pickup), with sellable stock (the pool's view: buffers, holds, share caps),
    /// capacity left on their ship date, and no exclusion refusing it. The search then
    /// chooses the locations and units that allocate the most units, then minimise the rule
    /// set's score (see [`Weights`]) within the order's shipment limit: the exact optimum
    /// for up to 5 line groups and 3 shipments, a documented heuristic beyond.
    ///
    /// # Errors
    ///
    /// `invalid_input` (no lines, a blank id, both or neither of `destination` and `pickup`,
    /// a delivery without a `service`, a pickup store without pickup, `max_shipments` of 0,
    /// bad rules), `duplicate_id` (two orders or two lines with one id, or an order already
    /// committed), `invalid_quantity`, `unknown_channel`, `unknown_service`,
    /// `unknown_location`, `location_disabled` — each naming the field (`orders[2].lines[0].quantity`).
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::{Inventory, Order, RuleSet};
    /// let mut inv = Inventory::from_json(r#"{
    ///     "locations": [
    ///         {"id": "DC1", "kind": "warehouse", "zone": "A", "capabilities": ["ship"], "priority": 1},
    ///         {"id": "S1", "kind": "store", "zone": "A", "capabilities": ["ship_from_store"], "priority": 2}
    ///     ],
    ///     "channels": [{"id": "web", "kind": "web", "pool": "online"}],
    ///     "pools": [{"id": "online", "members": [{"location": "DC1"}, {"location": "S1"}]}],
    ///     "services": [{"id": "standard", "transit": {"zones": {"A": {"A": 1}}}}]
    /// }"#)?;
    /// inv.apply_json(r#"[
    ///     {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 1},
    ///     {"type": "receive", "id": "e2", "location": "S1", "sku": "A", "quantity": 5}
    /// ]"#)?;
    /// let order: Order = serde_json::from_str(r#"{"id": "SO-1", "channel": "web", "service": "standard",
    ///     "destination": {"zone": "A"}, "lines": [{"id": "1", "sku": "A", "quantity": 3}]}"#).unwrap();
    /// let now = "2026-11-27T09:00:00Z".parse().unwrap();
    /// // Magento-style priority: take the best-ranked location's unit first, then the next.
    /// let plan = inv.allocate(&[order], &RuleSet::from_value(serde_json::json!("priority"))?, now)?;
    /// let ships: Vec<(&str, i64)> = plan.orders[0].shipments.iter()
    ///     .map(|s| (s.location.as_str(), s.lines[0].quantity)).collect();
    /// assert_eq!(ships, [("DC1", 1), ("S1", 2)]);
    /// inv.commit(&plan)?;
    /// assert_eq!(inv.atp_for_channel("A", "web")?, 3);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn allocate(&self, orders: &[Order], rules: &RuleSet, now: Timestamp) -> Result<Plan> {
        self.allocate_with(orders, rules, now, false)
    }

    /// [`Inventory::allocate`] searching every order exhaustively, whatever its size: the
    /// benches measure the heuristic's gap with it. Exponential in lines and shipments.
    #[doc(hidden)]
    pub fn allocate_exhaustive(&self, orders: &[Order], rules: &RuleSet, now: Timestamp) -> Result<Plan> {
        self.allocate_with(orders, rules, now, true)
    }

    fn allocate_with(&self, orders: &[Order], rules: &RuleSet, now: Timestamp, force_exact: bool) -> Result<Plan> {
        rules.weights()?;
        self.check_orders(orders)?;
        let mut idx: Vec<usize> = (0..orders.len()).collect();
        idx.sort_by(|&a, &b| serve_order(&orders[a]).cmp(&serve_order(&orders[b])));
        let mut out = Vec::with_capacity(orders.len());
        if orders.len() == 1 {
            out.push(self.source(&orders[0], rules, now, Sourcing::new(force_exact))?);
        } else {
            // Later orders see what earlier ones took: work on a scratch copy (of the stock:
            // the orders are new, `check_orders` said so).
            let mut scratch = self.stock_copy();
            for i in idx {
                let op = scratch.source(&orders[i], rules, now, Sourcing::new(force_exact))?;
                scratch.commit_order(&op, rules, now, &mut Vec::new(), &mut Committed::default())?;
                out.push(op);
            }
        }
        Ok(Plan {
            rules: rules.clone(),
            now,
            orders: out,
            wave: None,
        })
    }

    /// Checks a list of orders to allocate: each valid, ids unique and not committed.
    fn check_orders(&self, orders: &[Order]) -> Result<()> {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, o) in orders.iter().enumerate() {
            self.check_order(o).map_err(|e| e.within(&format!("orders[{i}]")))?;
            if seen.insert(o.id.as_str(), i).is_some() {
                return Err(
                    Error::new(ErrorCode::DuplicateId, format!("order `{}` appears twice", o.id))
                        .with("order", &o.id)
                        .at(format!("orders[{i}].id")),
                );
            }
            if self.ledger.orders.contains_key(o.id.as_str()) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("order `{}` is already committed: reallocate or release it", o.id),
                )
                .with("order", &o.id)
                .at(format!("orders[{i}].id")));
            }
        }
        Ok(())
    }

    /// [`Inventory::allocate`] on JSON values (what the bindings call): a list of orders and
    /// a rule set (an object or a preset's name).
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field (`orders[1].lines[0].quantity`), then those of
    /// [`Inventory::allocate`].
    ///
    /// # Examples
    ///
    /// ```
    /// let inv = omnistock::Inventory::from_json(r#"{"locations": []}"#)?;
    /// let err = inv.allocate_values(serde_json::json!([{"id": "SO-1"}]), serde_json::json!("cheapest"),
    ///     "2026-11-27T09:00:00Z".parse().unwrap()).unwrap_err();
    /// assert_eq!(err.context()["field"], "orders[0].channel");
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn allocate_values(&self, orders: serde_json::Value, rules: serde_json::Value, now: Timestamp) -> Result<Plan> {
        let rules = RuleSet::from_value(rules)?;
        let orders: Vec<Order> = crate::error::read_value(orders).map_err(|e| e.within("orders"))?;
        self.allocate(&orders, &rules, now)
    }

    pub(crate) fn check_order(&self, o: &Order) -> Result<()> {
        if o.id.trim().is_empty() {
            return Err(Error::invalid_input("must not be empty").at("id"));
        }
        self.topo.channel(o.channel.as_str()).map_err(|e| e.at("channel"))?;
        if o.lines.is_empty() {
            return Err(Error::invalid_input("an order needs at least one line").at("lines"));
        }
        let mut ids: Vec<&str> = Vec::with_capacity(o.lines.len());
        for (i, line) in o.lines.iter().enumerate() {
            if line.id.trim().is_empty() {
                return Err(Error::invalid_input("must not be empty").at(format!("lines[{i}].id")));
            }
            if ids.contains(&line.id.as_str()) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("line `{}` appears twice in order `{}`", line.id, o.id),
                )
                .at(format!("lines[{i}].id")));
            }
            ids.push(&line.id);
            crate::error::check_line(i, line.sku.as_str(), line.quantity)?;
        }
        let units = o
            .lines
            .iter()
            .try_fold(0i64, |a, l| a.checked_add(l.quantity))
            .ok_or_else(|| Error::overflow("order units").at("lines"))?;
        if units > MAX_ORDER_UNITS {
            return Err(Error::new(
                ErrorCode::InvalidQuantity,
                format!("an order may have at most {MAX_ORDER_UNITS} units, this one has {units}"),
            )
            .at("lines"));
        }
        if o.max_shipments == Some(0) {
            return Err(Error::invalid_input("max_shipments must be at least 1").at("max_shipments"));
        }
        self.route_of(o).map(|_| ())
    }

    fn route_of(&self, o: &Order) -> Result<Route> {
        self.route(
            o.destination.as_ref(),
            o.pickup.as_ref(),
            o.service.as_ref(),
            "an order",
        )
    }

    /// Work already taken on by `location` for `date` (local ship date).
    ///
    /// # Errors
    ///
    /// `unknown_location`.
    ///
    /// # Examples
    ///
    /// ```
    /// let inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// let used = inv.capacity_used("DC1", "2026-11-27".parse().unwrap())?;
    /// assert_eq!((used.orders, used.units), (0, 0));
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn capacity_used(&self, location: &str, date: Date) -> Result<CapacityUse> {
        let l = self.topo.location(location)?;
        Ok(self.ledger.capacity.get(&(l, date)).copied().unwrap_or_default())
    }

    /// Orders committed and not yet wholly shipped or released, by id.
    ///
    /// # Examples
    ///
    /// ```
    /// let inv = omnistock::Inventory::from_json(r#"{"locations": []}"#)?;
    /// assert_eq!(inv.open_orders().count(), 0);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn open_orders(&self) -> impl Iterator<Item = &OpenOrder> {
        self.ledger.orders.values()
    }

    /// One committed order, if it is open.
    ///
    /// # Examples
    ///
    /// ```
    /// let inv = omnistock::Inventory::from_json(r#"{"locations": []}"#)?;
    /// assert!(inv.open_order("SO-1").is_none());
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn open_order(&self, id: &str) -> Option<&OpenOrder> {
        self.ledger.orders.get(id)
    }

    /// Sources one order (or, for a reallocation, the part of it to move).
    fn source(&self, order: &Order, rules: &RuleSet, now: Timestamp, how: Sourcing) -> Result<OrderPlan> {
        let mut ctx = self.order_ctx(order, rules, now, how)?;
        let pool = ctx.pool;
        let mut plan = self.source_with(&ctx);
        // With overlapping pools holding stock without a location, what each location may
        // give and what the pool may give do not bound every group of locations: check the
        // plan against a copy, and on a refusal cap that location and search again.
        let flow = order.lines.iter().any(|line| {
            self.ledger
                .sku(line.sku.as_str())
                .is_some_and(|s| self.needs_flow(s, self.topo.pools[pool as usize].component))
        });
        if flow {
            for _ in 0..64 {
                if plan.shipments.is_empty() {
                    break;
                }
                let mut copy = self.stock_copy();
                let tried = copy.commit_order(&plan, rules, now, &mut Vec::new(), &mut Committed::default());
                let Err(e) = tried else { break };
                let c = e.context();
                let found = (|| {
                    let l = self.topo.location(c.get("location")?).ok()?;
                    let sku = crate::Sku::from(c.get("sku")?.as_str());
                    let short = c.get("requested")?.parse::<i64>().ok()? - c.get("available")?.parse::<i64>().ok()?;
                    let planned: i64 = plan
                        .shipments
                        .iter()
                        .filter(|sh| sh.location.as_str() == c.get("location").map_or("", |x| x.as_str()))
                        .flat_map(|sh| sh.lines.iter())
                        .filter(|x| x.sku == sku)
                        .map(|x| x.quantity)
                        .sum();
                    Some((l, sku, (planned - short.max(1)).max(0)))
                })();
                let Some(cap) = found else { break };
                ctx.tight.push(cap);
                plan = self.source_with(&ctx);
            }
        }
        Ok(plan)
    }

    /// What sourcing one order needs looked up once.
    fn order_ctx<'a>(
        &self,
        order: &'a Order,
        rules: &RuleSet,
        now: Timestamp,
        how: Sourcing<'a>,
    ) -> Result<OrderCtx<'a>> {
        let Sourcing {
            excluded,
            kept,
            generation,
            force_exact,
            full_units,
        } = how;
        let weights = rules.weights()?;
        let pool = self.topo.channel(order.channel.as_str())?;
        let route = self.route_of(order)?;
        let today = now.to_zoned(self.topo.pool_tz[pool as usize].clone()).date();
        let max_shipments = if order.ship_complete {
            1
        } else {
            order.max_shipments.unwrap_or(rules.max_shipments) as usize
        };
        Ok(OrderCtx {
            order,
            pool,
            route,
            now,
            today,
            micro: MicroWeights {
                shipping: micro(weights.shipping),
                handling: micro(weights.handling),
                split: micro(weights.split),
                late_day: micro(weights.late_day),
                rank: micro(weights.rank),
                distance: micro(weights.distance),
            },
            weights,
            split_lines: rules.split_lines && !order.ship_complete,
            max_shipments,
            excluded,
            kept,
            generation: generation + 1,
            force_exact,
            full_units: full_units.unwrap_or_else(|| order.lines.iter().map(|l| l.quantity).sum()),
            tight: Vec::new(),
        })
    }

    fn source_with(&self, ctx: &OrderCtx) -> OrderPlan {
        let mut prep = self.prepare(ctx, &mut StockAt::default());
        let problem = prep.problem(ctx);
        let outcome = problem.solve();
        self.plan_of(ctx, &prep, &problem, &outcome)
    }

    /// An order's line groups and candidate locations, ready for the search (or a wave).
    /// `stock` keeps what each pool may take of a SKU at each location: a wave prepares all
    /// its orders against the same ledger and works it out once per (SKU, pool).
    fn prepare<'a>(&self, ctx: &OrderCtx<'a>, stock: &mut StockAt) -> Prepared<'a> {
        let order = ctx.order;
        // Line groups: lines of one SKU and category together (each line alone without splits).
        let mut skus: Vec<(&crate::Sku, Option<SkuIdx>)> = Vec::new();
        let mut groups: Vec<(Group, Vec<usize>, Option<&str>)> = Vec::new();
        for (i, line) in order.lines.iter().enumerate() {
            let s = match skus.iter().position(|x| x.0 == &line.sku) {
                Some(s) => s,
                None => {
                    skus.push((&line.sku, self.ledger.sku(line.sku.as_str())));
                    skus.len() - 1
                }
            };
            let cat = line.category.as_deref();
            let same = ctx.split_lines && groups.iter().position(|g| g.0.sku == s && g.2 == cat).is_some();
            if same {
                let g = groups.iter_mut().find(|g| g.0.sku == s && g.2 == cat);
                if let Some(g) = g {
                    g.0.need += line.quantity;
                    g.1.push(i);
                }
            } else {
                groups.push((
                    Group {
                        sku: s,
                        need: line.quantity,
                    },
                    vec![i],
                    cat,
                ));
            }
        }
        // Pool bounds per SKU: ATP, quotas.
        let sku_bound: Vec<i64> = skus
            .iter()
            .map(|&(sku, s)| {
                let atp = self.atp_idx(s, ctx.pool);
                let quota = self.quota_left(ctx.pool, order.channel.as_str(), sku, Some(ctx.today));
                quota.map_or(atp, |q| atp.min(q)).max(0)
            })
            .collect();
        let quota_short: Vec<bool> = skus
            .iter()
            .zip(&sku_bound)
            .map(|(&(_, s), &b)| b < self.atp_idx(s, ctx.pool))
            .collect();
        // Per SKU: what the pool may take at each location.
        let nloc = self.topo.loc_ids.len();
        for &(_, s) in &skus {
            let Some(s) = s else { continue };
            if stock.contains_key(&(s, ctx.pool)) {
                continue;
            }
            let mut v = Vec::new();
            let comp = self.topo.pools[ctx.pool as usize].component;
            let slack = self.location_slack(s, comp);
            for &pi in &self.ledger.sku_positions[s as usize] {
                let l = self.ledger.positions[pi as usize].loc;
                let a = self.location_atp(s, ctx.pool, l, slack.as_ref());
                if a > 0 {
                    v.push((l, a));
                }
            }
            v.sort_unstable();
            stock.insert((s, ctx.pool), v);
        }
        let avail_at: Vec<&[(LocIdx, i64)]> = skus
            .iter()
            .map(|&(_, s)| {
                s.and_then(|s| stock.get(&(s, ctx.pool)))
                    .map_or(&[][..], |v| v.as_slice())
            })
            .collect();
        let mut at_locs: Vec<LocIdx> = avail_at.iter().flat_map(|v| v.iter()).map(|x| x.0).collect();
        at_locs.sort_unstable();
        at_locs.dedup();
        let mut slot = vec![u32::MAX; nloc];
        for (k, &l) in at_locs.iter().enumerate() {
            slot[l as usize] = k as u32;
        }
        // Per candidate location: units of each SKU (clipped to the order's need of it).
        let mut sku_need = vec![0i64; skus.len()];
        for (group, _, _) in &groups {
            sku_need[group.sku] = sku_need[group.sku].saturating_add(group.need);
        }
        let ns = skus.len();
        let mut holds: Vec<i64> = vec![0; ns * at_locs.len()];
        for (si, v) in avail_at.iter().enumerate() {
            for &(l, a) in v.iter() {
                let tight = ctx
                    .tight
                    .iter()
                    .filter(|t| t.0 == l && &t.1 == skus[si].0)
                    .map(|t| t.2)
                    .min();
                holds[slot[l as usize] as usize * ns + si] = a.min(sku_need[si]).min(tight.unwrap_or(i64::MAX));
            }
        }
        let mut stages = vec![Stages::default(); groups.len()];
        let mut dropped: Vec<Dropped> = Vec::new();
        let mut cands: Vec<Cand> = Vec::with_capacity(at_locs.len());
        let mut legs: Vec<Leg> = Vec::with_capacity(at_locs.len());
        let mut capable_any = false;
        // The whole order's size, for exclusions by size (a reallocation moves part of it).
        let order_units: i64 = ctx.full_units;
        let mut cache = LegCache {
            dest_zone: match &ctx.route {
                Route::Deliver { destination, .. } => destination
                    .zone
                    .as_ref()
                    .and_then(|z| self.topo.rate_zones.get(z.as_str()).copied()),
                Route::Pickup { .. } => None,
            },
            ..LegCache::default()
        };
        for (k, &l) in at_locs.iter().enumerate() {
            let avail = &holds[k * ns..(k + 1) * ns];
            let mut allowed = Few::from_elem(true, groups.len());
            // Units of each group this location holds (shared by groups of one SKU).
            let group_units = |allowed: &[bool], g: usize| {
                if allowed[g] {
                    avail[groups[g].0.sku].min(groups[g].0.need)
                } else {
                    0
                }
            };
            let def = self.topo.location_def(l);
            let drop = |dropped: &mut Vec<Dropped>, reason| {
                dropped.push(Dropped {
                    location: def.id.clone(),
                    reason,
                })
            };
            if !self.topo.loc_enabled[l as usize] {
                drop(&mut dropped, DropReason::Disabled);
                continue;
            }
            if !self.can_serve(&ctx.route, l) {
                drop(&mut dropped, DropReason::NotCapable);
                continue;
            }
            capable_any = true;
            for (g, st) in stages.iter_mut().enumerate() {
                st.capable += group_units(&allowed, g);
            }
            let x = def.exclusions.as_ref();
            if x.is_some_and(|x| x.channels.contains(&order.channel)) {
                drop(&mut dropped, DropReason::ExcludedChannel);
                continue;
            }
            if x.and_then(|x| x.max_units).is_some_and(|m| order_units > m) {
                drop(&mut dropped, DropReason::OrderTooLarge);
                continue;
            }
            if ctx.excluded.iter().any(|e| e.line.is_none() && e.location == def.id) {
                drop(&mut dropped, DropReason::Rejected);
                continue;
            }
            for (g, (_, lines, cat)) in groups.iter().enumerate() {
                let by_cat = cat.is_some_and(|c| x.is_some_and(|x| x.categories.iter().any(|k| k == c)));
                let by_line = lines.iter().any(|&i| {
                    ctx.excluded
                        .iter()
                        .any(|e| e.location == def.id && e.line.as_deref() == Some(order.lines[i].id.as_str()))
                });
                if by_cat || by_line {
                    allowed[g] = false;
                }
            }
            if (0..groups.len()).all(|g| group_units(&allowed, g) == 0) {
                drop(
                    &mut dropped,
                    if groups.iter().any(|g| g.2.is_some()) {
                        DropReason::ExcludedCategory
                    } else {
                        DropReason::Rejected
                    },
                );
                continue;
            }
            for (g, st) in stages.iter_mut().enumerate() {
                st.allowed += group_units(&allowed, g);
            }
            let leg = match self.leg(ctx, l, &mut cache) {
                Ok(leg) => leg,
                Err(reason) => {
                    drop(&mut dropped, reason);
                    continue;
                }
            };
            for (g, st) in stages.iter_mut().enumerate() {
                st.routed += group_units(&allowed, g);
            }
            // Capacity of the ship date.
            let kept_here = ctx.kept.contains(&(l, leg.ships));
            let used = self.ledger.capacity.get(&(l, leg.ships)).copied().unwrap_or_default();
            let mut cap = i64::MAX;
            if let Some(c) = &def.capacity {
                if let Some(o) = c.orders_per_day {
                    if !kept_here && used.orders >= o {
                        drop(&mut dropped, DropReason::Capacity);
                        continue;
                    }
                }
                if let Some(u) = c.units_per_day {
                    cap = cap.min(u - used.units);
                }
            }
            if cap <= 0 {
                drop(&mut dropped, DropReason::Capacity);
                continue;
            }
            for (g, st) in stages.iter_mut().enumerate() {
                st.with_capacity += group_units(&allowed, g).min(cap);
            }
            let (fixed, unit) = self.scores(ctx, &leg);
            cands.push(Cand {
                fixed: if kept_here { 0 } else { fixed },
                unit,
                cap,
                avail: Few::from_slice(avail),
                allowed,
                kept: kept_here,
            });
            legs.push(leg);
        }
        Prepared {
            groups,
            skus,
            sku_bound,
            quota_short,
            stages,
            dropped,
            cands,
            legs,
            capable_any,
        }
    }

    /// The plan of an order from the search's outcome.
    fn plan_of(&self, ctx: &OrderCtx, prep: &Prepared, problem: &Problem, outcome: &search::Outcome) -> OrderPlan {
        let order = ctx.order;
        let Prepared {
            groups,
            sku_bound,
            quota_short,
            stages,
            dropped,
            legs,
            capable_any,
            ..
        } = prep;
        let (capable_any, dropped) = (*capable_any, dropped.clone());
        let considered = problem.cands.len();
        let total: i64 = order.lines.iter().map(|l| l.quantity).sum();
        let mut status;
        let (mut shipments, mut unallocated, cost);
        let why_short = |g: usize, st: &Stages| -> ShortReason {
            let need = groups[g].0.need;
            if !capable_any && !self.any_capable(ctx) {
                ShortReason::NoCapableLocation
            } else if st.capable < need || sku_bound[groups[g].0.sku] < need && !quota_short[groups[g].0.sku] {
                ShortReason::NoStock
            } else if st.allowed < need {
                ShortReason::Excluded
            } else if st.routed < need {
                ShortReason::NoRoute
            } else if st.with_capacity < need {
                ShortReason::Capacity
            } else if quota_short[groups[g].0.sku] && sku_bound[groups[g].0.sku] < need {
                ShortReason::Quota
            } else if ctx.order.ship_complete {
                ShortReason::ShipComplete
            } else if outcome
                .best
                .as_ref()
                .is_some_and(|b| problem.min_unfilled() >= b.unfilled)
            {
                // Even unlimited shipments with split lines fill no more: the locations'
                // capacities (shared by the lines) are what is short.
                ShortReason::Capacity
            } else {
                ShortReason::ShipmentLimit
            }
        };
        match &outcome.best {
            Some(best) if best.unfilled == 0 || (order.allow_partial && !order.ship_complete) => {
                shipments = self.shipments(ctx, groups, legs, best);
                unallocated = shortfalls(order, groups, &best.alloc, |g| why_short(g, &stages[g]));
                cost = self.order_terms(ctx, &shipments);
                status = if best.unfilled == 0 {
                    OrderStatus::Allocated
                } else {
                    OrderStatus::Partial
                };
            }
            _ => {
                shipments = Vec::new();
                let best_alloc = outcome.best.as_ref().map(|b| b.alloc.clone()).unwrap_or_default();
                let short = shortfalls(order, groups, &best_alloc, |g| why_short(g, &stages[g]));
                let any_alloc = outcome.best.is_some();
                unallocated = order
                    .lines
                    .iter()
                    .map(|line| {
                        let reason = short.iter().find(|u| u.line == line.id).map(|u| u.reason).unwrap_or(
                            if order.ship_complete {
                                ShortReason::ShipComplete
                            } else {
                                ShortReason::NotPartial
                            },
                        );
                        Unallocated {
                            line: line.id.clone(),
                            sku: line.sku.clone(),
                            quantity: line.quantity,
                            reason,
                        }
                    })
                    .collect();
                cost = CostTerms::default();
                status = if any_alloc && (order.ship_complete || !order.allow_partial) {
                    OrderStatus::Refused
                } else {
                    OrderStatus::Unallocated
                };
                if !order.allow_partial || order.ship_complete {
                    status = OrderStatus::Refused;
                }
            }
        }
        if shipments.is_empty() && status == OrderStatus::Partial {
            status = OrderStatus::Unallocated;
        }
        let runner_up = outcome.runner_up.as_ref().map(|ru| {
            let ships = self.shipments(ctx, groups, legs, ru);
            RunnerUp {
                locations: ships.iter().map(|s| s.location.clone()).collect(),
                unallocated: ru.unfilled,
                cost: self.order_terms(ctx, &ships),
            }
        });
        let allocated: i64 = shipments.iter().flat_map(|s| &s.lines).map(|l| l.quantity).sum();
        let summary = summary(status, allocated, total, &shipments, &cost, runner_up.as_ref());
        unallocated.sort_by_key(|u| order.lines.iter().position(|l| l.id == u.line));
        shipments.sort_by(|a, b| a.location.cmp(&b.location));
        OrderPlan {
            order: order.clone(),
            status,
            shipments,
            kept: Vec::new(),
            unallocated,
            cost,
            explanation: Explanation {
                method: if outcome.exact { "exact" } else { "heuristic" }.to_owned(),
                considered,
                dropped,
                runner_up,
                summary,
            },
            replaces: None,
        }
    }

    /// Whether any enabled member of the order's pool can serve it (stock aside).
    fn any_capable(&self, ctx: &OrderCtx) -> bool {
        self.topo.pools[ctx.pool as usize]
            .members
            .iter()
            .any(|&(l, _)| self.topo.loc_enabled[l as usize] && self.can_serve(&ctx.route, l))
    }

    /// Dates and costs of shipping the order from `l`, or why it cannot.
    fn leg<'a>(&'a self, ctx: &OrderCtx, l: LocIdx, cache: &mut LegCache<'a>) -> std::result::Result<Leg, DropReason> {
        let def = self.topo.location_def(l);
        let class = self.topo.clock_class[l as usize];
        let ships = *cache
            .ready
            .entry(class)
            .or_insert_with(|| self.topo.clock(l).ready(ctx.now, None).date);
        let w = &ctx.weights;
        let (hand_order, hand_unit) = def
            .handling
            .as_ref()
            .map_or((Decimal::ZERO, Decimal::ZERO), |h| (h.per_order, h.per_unit));
        let rank = i64::from(def.priority);
        let (ship_base, ship_unit, metres, date, transit);
        match &ctx.route {
            Route::Deliver { service, destination } => {
                let svc = &self.topo.services[*service];
                let km = match (def.position, destination.position) {
                    (Some(a), Some(b)) => Some(distance_km(a, b)),
                    _ => None,
                };
                metres = km.map(|k| libm::round(k * 1000.0) as i64);
                let mut days_override = None;
                match &self.topo.rates[l as usize][*service] {
                    Some(crate::model::Rate::Zones(zones, rates)) => {
                        let found = cache
                            .dest_zone
                            .and_then(|z| zones.binary_search(&z).ok())
                            .map(|i| &rates[i]);
                        match found {
                            Some(r) => {
                                ship_base = r.base;
                                ship_unit = r.per_unit;
                                days_override = r.days;
                            }
                            None if w.shipping.is_zero() => {
                                ship_base = Decimal::ZERO;
                                ship_unit = Decimal::ZERO;
                            }
                            None => return Err(DropReason::NoRate),
                        }
                    }
                    Some(crate::model::Rate::Distance(r)) => {
                        let per_km = match metres {
                            Some(m) => r.per_km * Decimal::new(m, 3),
                            None if r.per_km.is_zero() => Decimal::ZERO,
                            None if w.shipping.is_zero() => Decimal::ZERO,
                            None => return Err(DropReason::NoDistance),
                        };
                        ship_base = r.base + per_km;
                        ship_unit = r.per_unit;
                    }
                    None if w.shipping.is_zero() => {
                        ship_base = Decimal::ZERO;
                        ship_unit = Decimal::ZERO;
                    }
                    None => return Err(DropReason::NoRate),
                }
                let by_zone = match (days_override, &def.zone, &destination.zone) {
                    (None, Some(oz), Some(_)) => *cache
                        .zone_days
                        .entry(oz.as_str())
                        .or_insert_with(|| svc.zone_days(oz, destination)),
                    _ => None,
                };
                let days = match days_override.or(by_zone) {
                    Some(d) => d,
                    None => svc.transit_days(def, destination, km).ok_or(DropReason::NoRoute)?,
                };
                date = *cache
                    .deliver
                    .entry((ships, days))
                    .or_insert_with(|| svc.deliver(ships, days));
                transit = Some((days, false));
            }
            Route::Pickup { store } => {
                let sdef = self.topo.location_def(*store);
                metres = match (def.position, sdef.position) {
                    (Some(a), Some(b)) => Some(libm::round(distance_km(a, b) * 1000.0) as i64),
                    _ if l == *store => Some(0),
                    _ => None,
                };
                if l == *store {
                    ship_base = Decimal::ZERO;
                    ship_unit = Decimal::ZERO;
                    date = ships;
                    transit = None;
                } else {
                    let days = self.topo.lane(l, *store).ok_or(DropReason::NoRoute)?;
                    let (b, u) = self.topo.lane_costs.get(&(l, *store)).copied().unwrap_or_default();
                    ship_base = b;
                    ship_unit = u;
                    let store_clock = self.topo.clock(*store);
                    let cal = store_clock.calendar();
                    let arrives = cal.add_working_days(cal.next_working_day(ships), days);
                    date = store_clock.ready(ctx.now, Some(arrives)).date;
                    transit = Some((days, true));
                }
            }
        }
        if metres.is_none() && !w.distance.is_zero() {
            return Err(DropReason::NoDistance);
        }
        let late_days = match ctx.order.promised {
            Some(p) if date > p => (date - p).get_days() as i64,
            _ => 0,
        };
        Ok(Leg {
            loc: l,
            ships,
            date,
            ship_base,
            ship_unit,
            hand_order,
            hand_unit,
            late_days,
            rank,
            metres,
            transit,
        })
    }

    /// A leg's fixed and per-unit score (10⁻¹²).
    fn scores(&self, ctx: &OrderCtx, leg: &Leg) -> (i128, i128) {
        let m = &ctx.micro;
        let fixed = m
            .shipping
            .saturating_mul(micro(leg.ship_base))
            .saturating_mul(MONEY)
            .saturating_add(m.handling.saturating_mul(micro(leg.hand_order)).saturating_mul(MONEY))
            .saturating_add(m.late_day.saturating_mul(leg.late_days as i128).saturating_mul(COUNT));
        let unit = m
            .shipping
            .saturating_mul(micro(leg.ship_unit))
            .saturating_mul(MONEY)
            .saturating_add(m.handling.saturating_mul(micro(leg.hand_unit)).saturating_mul(MONEY))
            .saturating_add(m.rank.saturating_mul(leg.rank as i128).saturating_mul(COUNT))
            .saturating_add(
                m.distance
                    .saturating_mul(leg.metres.unwrap_or(0) as i128)
                    .saturating_mul(KM),
            );
        (fixed, unit)
    }

    /// The shipments of a solution: each group's units go to its lines in order.
    fn shipments(
        &self,
        ctx: &OrderCtx,
        groups: &[(Group, Vec<usize>, Option<&str>)],
        legs: &[Leg],
        sol: &Solution,
    ) -> Vec<Shipment> {
        let order = ctx.order;
        let mut out: Vec<Shipment> = Vec::new();
        // Remaining need per line.
        let mut left: Vec<i64> = order.lines.iter().map(|l| l.quantity).collect();
        for &c in &sol.set {
            let leg = &legs[c];
            let loc_id = self.topo.loc_ids[leg.loc as usize].clone();
            let mut lines = Vec::new();
            for &(g, cc, units) in &sol.alloc {
                if cc != c {
                    continue;
                }
                let mut u = units;
                for &i in &groups[g].1 {
                    if u == 0 {
                        break;
                    }
                    let take = u.min(left[i]);
                    if take > 0 {
                        left[i] -= take;
                        u -= take;
                        let line = &order.lines[i];
                        lines.push(ShipmentLine {
                            line: line.id.clone(),
                            sku: line.sku.clone(),
                            quantity: take,
                            reservation: reservation_id(&order.id, &line.id, loc_id.as_str(), ctx.generation),
                        });
                    }
                }
            }
            lines.sort_by_key(|l: &ShipmentLine| order.lines.iter().position(|x| x.id == l.line));
            let units: i64 = lines.iter().map(|l| l.quantity).sum();
            let kept = ctx.kept.contains(&(leg.loc, leg.ships));
            let mut cost = self.leg_terms(ctx, leg, units);
            if kept {
                // The order already ships from here that day: no new shipment.
                cost.shipping -= leg.ship_base;
                cost.handling -= leg.hand_order;
                cost.late_days = 0;
                cost.score = self.score_of(ctx, &cost);
            }
            let mut reasons = self.topo.clock(leg.loc).ready(ctx.now, None).reasons;
            if let Some((days, lane)) = leg.transit {
                let plural = if days == 1 { "" } else { "s" };
                reasons.push(match (&ctx.route, lane) {
                    (Route::Deliver { service, .. }, false) => {
                        format!("{days} day{plural} {} transit", self.topo.services[*service].def.id)
                    }
                    _ => format!("{days} day{plural} transfer to the pickup store"),
                });
            }
            out.push(Shipment {
                location: loc_id,
                ships: leg.ships,
                date: leg.date,
                lines,
                cost,
                reasons,
            });
        }
        out
    }

    fn leg_terms(&self, ctx: &OrderCtx, leg: &Leg, units: i64) -> CostTerms {
        let u = Decimal::from(units);
        let km = leg.metres.map_or(Decimal::ZERO, |m| Decimal::new(m, 3));
        let mut t = CostTerms {
            shipping: leg.ship_base + leg.ship_unit * u,
            handling: leg.hand_order + leg.hand_unit * u,
            extra_shipments: 0,
            late_days: leg.late_days,
            rank_units: leg.rank.saturating_mul(units),
            km_units: km * u,
            score: Decimal::ZERO,
        };
        t.score = self.score_of(ctx, &t);
        t
    }

    fn score_of(&self, ctx: &OrderCtx, t: &CostTerms) -> Decimal {
        let w = &ctx.weights;
        w.shipping * t.shipping
            + w.handling * t.handling
            + w.split * Decimal::from(t.extra_shipments)
            + w.late_day * Decimal::from(t.late_days)
            + w.rank * Decimal::from(t.rank_units)
            + w.distance * t.km_units
    }

    fn order_terms(&self, ctx: &OrderCtx, ships: &[Shipment]) -> CostTerms {
        let mut t = CostTerms::default();
        let new = ships
            .iter()
            .filter(|s| {
                self.topo
                    .loc_index
                    .get(s.location.as_str())
                    .is_none_or(|&l| !ctx.kept.contains(&(l, s.ships)))
            })
            .count();
        for s in ships {
            t.shipping += s.cost.shipping;
            t.handling += s.cost.handling;
            t.late_days += s.cost.late_days;
            t.rank_units += s.cost.rank_units;
            t.km_units += s.cost.km_units;
        }
        t.extra_shipments = (ctx.kept.len() + new).saturating_sub(1) as u32;
        t.score = self.score_of(ctx, &t);
        t
    }
}

/// Serving order of competing orders.
fn serve_order(o: &Order) -> (u32, Date, &str) {
    (o.priority, o.promised.unwrap_or(Date::MAX), o.id.as_str())
}

/// The reservation id of a line's units at a location: `order/line/location/generation`
/// (`%` and `/` in the parts written `%25` and `%2F`).
pub(crate) fn reservation_id(order: &str, line: &str, location: &str, generation: u32) -> ReservationId {
    // `%` and `/` inside a part are escaped, so two different orders never share an id.
    let esc = |p: &str| p.replace('%', "%25").replace('/', "%2F");
    ReservationId::from(format!("{}/{}/{}/{generation}", esc(order), esc(line), esc(location)).as_str())
}

/// Units of each line not allocated by `alloc`, with the group's reason.
fn shortfalls(
    order: &Order,
    groups: &[(Group, Vec<usize>, Option<&str>)],
    alloc: &[(usize, usize, i64)],
    why: impl Fn(usize) -> ShortReason,
) -> Vec<Unallocated> {
    let mut out = Vec::new();
    for (g, (_, lines, _)) in groups.iter().enumerate() {
        let mut got: i64 = alloc.iter().filter(|a| a.0 == g).map(|a| a.2).sum();
        for &i in lines {
            let line = &order.lines[i];
            let take = got.min(line.quantity);
            got -= take;
            if take < line.quantity {
                out.push(Unallocated {
                    line: line.id.clone(),
                    sku: line.sku.clone(),
                    quantity: line.quantity - take,
                    reason: why(g),
                });
            }
        }
    }
    out
}

fn units_word(n: i64) -> String {
    if n == 1 {
        "1 unit".to_owned()
    } else {
        format!("{n} units")
    }
}

fn summary(
    status: OrderStatus,
    allocated: i64,
    total: i64,
    ships: &[Shipment],
    cost: &CostTerms,
    runner_up: Option<&RunnerUp>,
) -> String {
    let mut s = match status {
        OrderStatus::Refused => format!(
            "refused: {} cannot be allocated as the order requires",
            units_word(total)
        ),
        OrderStatus::Unallocated => format!("nothing allocated of {}", units_word(total)),
        _ => {
            let locs: Vec<&str> = ships.iter().map(|s| s.location.as_str()).collect();
            format!(
                "{allocated} of {} from {} ({}), score {}",
                units_word(total),
                locs.join(", "),
                if ships.len() == 1 {
                    "1 shipment".to_owned()
                } else {
                    format!("{} shipments", ships.len())
                },
                cost.score.normalize()
            )
        }
    };
    if let Some(ru) = runner_up {
        if matches!(status, OrderStatus::Allocated | OrderStatus::Partial) {
            let locs: Vec<&str> = ru.locations.iter().map(|s| s.as_str()).collect();
            if ru.unallocated > total - allocated {
                s.push_str(&format!(
                    "; runner-up {} leaves {} unallocated",
                    locs.join(", "),
                    units_word(ru.unallocated)
                ));
            } else {
                s.push_str(&format!(
                    "; runner-up {} scores {}",
                    locs.join(", "),
                    ru.cost.score.normalize()
                ));
            }
        }
    }
    s
}
