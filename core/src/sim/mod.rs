//! What-if simulation: replay a timed stream of orders and stock events through the real
//! engine under several rule sets, and compare their KPIs.
//!
//! [`simulate`] runs one [`Scenario`] once per [`SimRules`], each on its own fresh
//! [`Inventory`], through the same calls a production OMS makes:
//!
//! 1. **Order placed** (a `stream` item): a [`promise`](Inventory::promise) sets its
//!    promised date (when the order brings none: the date of the promise's last promised
//!    line), then it is allocated alone ([`allocate`](Inventory::allocate), allocation
//!    `order`) or with the others of its wave ([`allocate_wave`](Inventory::allocate_wave)
//!    every `wave_minutes`, allocation `wave`), and the plan is
//!    [committed](Inventory::commit).
//! 2. **Pick**: each new shipment is picked after a delay drawn from the fulfilment model
//!    (`pick_hours` by location kind). The location may reject it (`reject_pct`): the order is
//!    [reallocated](Inventory::reallocate) away from it and the new plan committed. Otherwise
//!    its reservations are `fulfil`led and it ships; its delivery date is the plan's, moved by
//!    the days the pick ran late, plus a carrier delay drawn from `late_pct` and `late_days`
//!    (none for a pickup: it is ready when picked, or after the transfer's transit days).
//! 3. **Stock events** (`event` items: receipts, counts, supply added and received late...)
//!    are applied as they come; an event the engine refuses is counted, never lost silently.
//! 4. **Rejections and outages** (`reject`, `outage` items): a location refuses an order, or
//!    goes offline until a time: its orders are moved
//!    ([`reallocate_offline`](Inventory::reallocate_offline)) and, while it is offline, any
//!    new shipment planned there is moved at once.
//! 5. **Cancellations** (`cancel` items): the order's held units are released, its
//!    unshipped units cancelled (reason `customer` unless given).
//! 6. **Every midnight (UTC)**: units still unallocated `cancel_after_days` after the order
//!    was placed are cancelled (`out_of_stock`); the others go through
//!    [`process_backorders`](Inventory::process_backorders) (category `gain`). Every
//!    `replenishment.every_days`, [`replenish`](Inventory::replenish) runs on the
//!    scenario's history plus the units shipped so far, and its proposals are placed as
//!    supplies (or transfers) that arrive on their date at 06:00 UTC.
//!
//! The run goes on after the stream's last day for up to `drain_days`, until nothing is left
//! to do, so the last orders can ship. Then every order's [`OrderOutcome`] is written and
//! [`kpis`](crate::kpis) computed; the first rule set is the baseline of
//! `avoided_logistics_cost` and of the comparison's deltas.
//!
//! **Determinism.** No clock: time is the scenario's. Items at the same time run in stream
//! order. Each random draw is seeded by the scenario's `seed` and what it is about (the
//! order, the location, the attempt), so the same shipment of the same order draws the same
//! delay under every rule set (common random numbers), and the same scenario gives the same
//! result everywhere.
//!
//! Event ids the simulation makes start with `sim:`.
//!
//! # Examples
//!
//! ```
//! let scenario = omnistock::generate_values(serde_json::json!({"size": "tiny"}))?;
//! let sim = omnistock::simulate(&scenario, &omnistock::builtin_rule_sets())?;
//! assert_eq!(sim.runs.len(), 3);
//! assert_eq!(sim.runs[0].name, "priority");
//! assert!(sim.runs.iter().all(|r| r.kpis.overall.orders == sim.scenario.orders));
//! # Ok::<(), omnistock::Error>(())
//! ```

mod generate;
pub(crate) mod rng;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use jiff::civil::Date;
use jiff::{Span, Timestamp};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use generate::{GenerateOptions, builtin_rule_sets, generate, generate_values};
use rng::SplitMix;

use crate::error::{Error, ErrorCode, Result};
use crate::kpi::{Cancellation, Kpis, OrderOutcome, OutcomeLine, OutcomeShipment};
use crate::model::{GeoPoint, LocationId, LocationKind, Sku};
use crate::replenish::{DemandRow, History, Policies, ProposalKind};
use crate::sourcing::{Backorder, BackorderCategory, Disruption, Order, Plan, RuleSet};
use crate::{Event, EventStatus, Inventory, Network, PromiseLine, PromiseRequest};

/// A timed stream to replay: the network, the stock at the start, and what happens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A name for reports.
    #[serde(default)]
    pub name: String,
    /// The network.
    pub network: Network,
    /// When the simulation starts.
    pub start: Timestamp,
    /// How many days the stream covers (1..=366); every item is before `start + days`.
    pub days: u32,
    /// The seed of the fulfilment model's draws.
    #[serde(default)]
    pub seed: u64,
    /// Events applied at `start`, before anything else (opening stock, supplies on order).
    #[serde(default)]
    pub initial: Vec<Event>,
    /// What happens, in time order (items at the same time keep their order).
    #[serde(default)]
    pub stream: Vec<StreamItem>,
    /// Price and cost of goods per SKU (revenue and margins; a SKU not listed is worth 0).
    #[serde(default)]
    pub catalog: BTreeMap<Sku, Price>,
    /// How long picks take, how often locations reject, how late carriers are.
    #[serde(default)]
    pub fulfilment: FulfilmentModel,
    /// Replenishment during the run, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replenishment: Option<ReplenishmentSetup>,
    /// Days after an order is placed when its still unallocated units are cancelled
    /// (`out_of_stock`), default 7.
    #[serde(default = "seven")]
    pub cancel_after_days: u32,
    /// Days the run may go on after the stream to let the last orders ship, default 14.
    #[serde(default = "fourteen")]
    pub drain_days: u32,
}

fn seven() -> u32 {
    7
}

fn fourteen() -> u32 {
    14
}

/// A SKU's selling price and cost of goods, per unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Selling price.
    pub price: Decimal,
    /// Cost of goods.
    #[serde(default)]
    pub cost: Decimal,
}

/// One thing that happens in a [`Scenario`], at `at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum StreamItem {
    /// A customer places an order.
    Order {
        /// When.
        at: Timestamp,
        /// The order.
        order: Order,
    },
    /// A stock event (receipt, adjustment, count, supply added or received, ...).
    Event {
        /// When.
        at: Timestamp,
        /// The event.
        event: Event,
    },
    /// A location refuses what it holds for an order.
    Reject {
        /// When.
        at: Timestamp,
        /// The order.
        order: String,
        /// The location.
        location: LocationId,
    },
    /// A location goes offline until `until`.
    Outage {
        /// When.
        at: Timestamp,
        /// The location.
        location: LocationId,
        /// When it is back.
        until: Timestamp,
    },
    /// An order is cancelled (what has not shipped).
    Cancel {
        /// When.
        at: Timestamp,
        /// The order.
        order: String,
        /// Why (default `customer`).
        #[serde(default = "customer")]
        reason: String,
    },
}

fn customer() -> String {
    "customer".to_owned()
}

impl StreamItem {
    /// When it happens.
    pub fn at(&self) -> Timestamp {
        match self {
            StreamItem::Order { at, .. }
            | StreamItem::Event { at, .. }
            | StreamItem::Reject { at, .. }
            | StreamItem::Outage { at, .. }
            | StreamItem::Cancel { at, .. } => *at,
        }
    }
}

/// A range of hours, `[min, max]`, drawn uniformly (to the second).
pub type Hours = [f64; 2];

/// The seeded fulfilment model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FulfilmentModel {
    /// Hours from commit to picked and shipped, by location kind (default: warehouse
    /// `[1, 12]`, store `[1, 20]`, others `[4, 24]`).
    #[serde(default)]
    pub pick_hours: BTreeMap<LocationKind, Hours>,
    /// Percent chance that a location rejects a shipment at pick time, by kind (default:
    /// store 3, others 0).
    #[serde(default)]
    pub reject_pct: BTreeMap<LocationKind, f64>,
    /// Percent chance that a carrier delivers late (default 4).
    #[serde(default = "four")]
    pub late_pct: f64,
    /// Days late when it does, `[min, max]` (default `[1, 2]`).
    #[serde(default = "one_two")]
    pub late_days: [u32; 2],
}

fn four() -> f64 {
    4.0
}

fn one_two() -> [u32; 2] {
    [1, 2]
}

impl Default for FulfilmentModel {
    fn default() -> Self {
        FulfilmentModel {
            pick_hours: BTreeMap::new(),
            reject_pct: BTreeMap::new(),
            late_pct: four(),
            late_days: one_two(),
        }
    }
}

impl FulfilmentModel {
    fn pick(&self, kind: LocationKind) -> Hours {
        self.pick_hours.get(&kind).copied().unwrap_or(match kind {
            LocationKind::Warehouse => [1.0, 12.0],
            LocationKind::Store => [1.0, 20.0],
            _ => [4.0, 24.0],
        })
    }

    fn reject(&self, kind: LocationKind) -> f64 {
        self.reject_pct.get(&kind).copied().unwrap_or(match kind {
            LocationKind::Store => 3.0,
            _ => 0.0,
        })
    }

    fn check(&self) -> Result<()> {
        let pct = |v: f64, f: String| {
            if v.is_finite() && (0.0..=100.0).contains(&v) {
                Ok(())
            } else {
                Err(Error::invalid_input(format!("must be a percentage in 0..=100, got {v}")).at(f))
            }
        };
        for (k, h) in &self.pick_hours {
            if !(h[0].is_finite() && h[1].is_finite() && 0.0 <= h[0] && h[0] <= h[1] && h[1] <= 24.0 * 366.0) {
                return Err(Error::invalid_input(format!(
                    "must be [min, max] hours with 0 ≤ min ≤ max ≤ 8784, got {h:?}"
                ))
                .at(format!("pick_hours.{}", kind_name(*k))));
            }
        }
        for (k, v) in &self.reject_pct {
            pct(*v, format!("reject_pct.{}", kind_name(*k)))?;
        }
        pct(self.late_pct, "late_pct".into())?;
        if self.late_days[0] > self.late_days[1] || self.late_days[1] > 366 {
            return Err(Error::invalid_input("must be [min, max] days with min ≤ max ≤ 366").at("late_days"));
        }
        Ok(())
    }
}

fn kind_name(k: LocationKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Replenishment during a simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplenishmentSetup {
    /// The stock policies.
    pub policies: Policies,
    /// Demand before `start` (rows as [`History`] reads them); the units the run ships are
    /// added day by day, at the shipping location.
    #[serde(default)]
    pub history: Vec<DemandRow>,
    /// Run it every this many days (default 7), at midnight UTC.
    #[serde(default = "seven")]
    pub every_days: u32,
}

/// How a rule set allocates: each order alone as it comes, or in waves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// [`Inventory::allocate`] per order, as it is placed.
    #[default]
    Order,
    /// [`Inventory::allocate_wave`] over the orders placed since the last wave.
    Wave,
}

/// One rule set to simulate: the rules and how orders are allocated.
///
/// In JSON: a preset's name (`"closest"`), or `{"rules": <rule set or preset name>,
/// "allocation": "order" | "wave", "wave_minutes": 60}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SimRules {
    /// The run's name: the rule set's (not written: it is `rules.name`).
    #[serde(skip_serializing)]
    pub name: String,
    /// The rule set.
    pub rules: RuleSet,
    /// Per order or in waves.
    pub allocation: Allocation,
    /// Minutes between waves (allocation `wave`), default 60.
    pub wave_minutes: u32,
}

impl SimRules {
    /// Reads one from JSON (see the type's docs).
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field; those of [`RuleSet::from_value`].
    pub fn from_value(value: serde_json::Value) -> Result<SimRules> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            rules: serde_json::Value,
            #[serde(default)]
            allocation: Allocation,
            #[serde(default = "sixty")]
            wave_minutes: u32,
        }
        fn sixty() -> u32 {
            60
        }
        let raw = match value {
            serde_json::Value::String(_) => Raw {
                rules: value,
                allocation: Allocation::Order,
                wave_minutes: 60,
            },
            other => crate::error::read_value::<Raw>(other)?,
        };
        if raw.wave_minutes == 0 || raw.wave_minutes > 24 * 60 {
            return Err(Error::invalid_input("must be 1..=1440 minutes").at("wave_minutes"));
        }
        // `RuleSet::from_value` names its fields under `rules` already.
        let rules = RuleSet::from_value(raw.rules)?;
        Ok(SimRules {
            name: rules.name.clone(),
            rules,
            allocation: raw.allocation,
            wave_minutes: raw.wave_minutes,
        })
    }
}

/// The scenario as a report names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioSummary {
    /// Its name.
    pub name: String,
    /// Its seed.
    pub seed: u64,
    /// Start.
    pub start: Timestamp,
    /// End of the stream (`start + days`).
    pub end: Timestamp,
    /// Orders in the stream.
    pub orders: u64,
    /// Their lines.
    pub lines: u64,
    /// The network's locations, for maps.
    pub locations: Vec<LocationSummary>,
}

/// A location, for maps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocationSummary {
    /// Its id.
    pub id: LocationId,
    /// Its kind.
    pub kind: LocationKind,
    /// Where it is.
    pub position: Option<GeoPoint>,
}

/// Units that went from one location to one destination zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// The shipping location.
    pub location: LocationId,
    /// The destination zone (`pickup:<store>` for a pickup; `?` when unknown).
    pub zone: String,
    /// The mean position of the destinations, if they have one.
    pub position: Option<GeoPoint>,
    /// Units shipped.
    pub units: i64,
    /// Shipments.
    pub shipments: u64,
}

/// What happened during a run, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Orders allocated one by one.
    pub allocations: u64,
    /// Waves allocated.
    pub waves: u64,
    /// Reallocations committed: orders moved away from a location that rejected them or went
    /// offline (backorder processing is counted in `backorders_filled`).
    pub reallocations: u64,
    /// Shipments a location rejected at pick (drawn) or in the stream.
    pub rejections: u64,
    /// Orders that got units from backorder processing.
    pub backorders_filled: u64,
    /// Replenishment proposals placed.
    pub replenishments: u64,
    /// Cancellations (customer and out of stock).
    pub cancellations: u64,
    /// Stream events the engine refused (with their codes in `refused`).
    pub events_refused: u64,
    /// Stream items that named an order the run did not know or had closed.
    pub ignored: u64,
}

/// One rule set's run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// The rule set's name.
    pub name: String,
    /// Per order or in waves.
    pub allocation: Allocation,
    /// The rule set.
    pub rules: RuleSet,
    /// Its KPIs (by channel, by day); `overall.avoided_logistics_cost` is against the first
    /// run.
    pub kpis: Kpis,
    /// Units by (location, destination zone).
    pub flows: Vec<Flow>,
    /// What happened.
    pub counts: Counts,
    /// Error codes of refused stream events, by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub refused: BTreeMap<String, u64>,
    /// Every order's outcome, in stream order.
    pub outcomes: Vec<OrderOutcome>,
}

/// One KPI across the runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// The KPI's name.
    pub metric: String,
    /// Its value per run (money as a number, for charts).
    pub values: Vec<Option<f64>>,
    /// Value − the first run's.
    pub deltas: Vec<Option<f64>>,
}

/// The runs' KPIs side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The first run's name.
    pub baseline: String,
    /// The runs' names, in order.
    pub names: Vec<String>,
    /// One row per KPI.
    pub rows: Vec<ComparisonRow>,
}

impl Comparison {
    /// The comparison as a text table: one row per KPI, one column per run, ratios in
    /// percent (one decimal), hours and money with two decimals, `-` where there is no value;
    /// the same text in every language.
    ///
    /// # Examples
    ///
    /// ```
    /// let c: omnistock::Comparison = serde_json::from_value(serde_json::json!({
    ///     "baseline": "a", "names": ["a", "b"],
    ///     "rows": [{"metric": "otif", "values": [0.5, 0.625], "deltas": [0.0, 0.125]},
    ///              {"metric": "margin", "values": [10.0, null], "deltas": [0.0, null]}]})).unwrap();
    /// assert_eq!(c.table(), "\
    /// KPI           a        b
    /// otif      50.0%    62.5%
    /// margin    10.00        -
    /// ");
    /// ```
    pub fn table(&self) -> String {
        let fmt = |metric: &str, v: Option<f64>| match v {
            None => "-".to_owned(),
            Some(v) if is_ratio(metric) => format!("{:.1}%", v * 100.0),
            Some(v) => format!("{v:.2}"),
        };
        let mut cells: Vec<Vec<String>> = vec![
            std::iter::once("KPI".to_owned())
                .chain(self.names.iter().cloned())
                .collect(),
        ];
        for r in &self.rows {
            cells.push(
                std::iter::once(r.metric.clone())
                    .chain(r.values.iter().map(|v| fmt(&r.metric, *v)))
                    .collect(),
            );
        }
        let cols = cells.iter().map(Vec::len).max().unwrap_or(0);
        let width: Vec<usize> = (0..cols)
            .map(|c| {
                cells
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in &cells {
            for (c, cell) in row.iter().enumerate() {
                let pad = width[c] - cell.chars().count();
                if c == 0 {
                    out.push_str(cell);
                    out.push_str(&" ".repeat(pad));
                } else {
                    out.push_str(&" ".repeat(pad + 4));
                    out.push_str(cell);
                }
            }
            out.push('\n');
        }
        out
    }
}

fn is_ratio(metric: &str) -> bool {
    !(metric.ends_with("_hours")
        || matches!(
            metric,
            "revenue" | "logistics_cost" | "margin" | "avoided_logistics_cost"
        ))
}

/// What [`simulate`] returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    /// The scenario.
    pub scenario: ScenarioSummary,
    /// One per rule set, in the order given.
    pub runs: Vec<Run>,
    /// The KPIs side by side.
    pub comparison: Comparison,
}

/// The most days a scenario may cover.
pub const MAX_SIM_DAYS: u32 = 366;

/// Replays `scenario` once per rule set and compares the KPIs (see the [module docs](self)).
///
/// # Errors
///
/// * `invalid_input` naming the field: no rule set, two with one name, `days` out of
///   1..=366, an item outside the stream's days, a bad fulfilment model, an order id twice
///   (`duplicate_id`);
/// * the network's errors (`invalid_network`, ...), the initial events' (the first refused
///   one, at `initial[i]`), and an order's own (`unknown_channel`, `invalid_quantity`, ...
///   at `stream[i].order`).
pub fn simulate(scenario: &Scenario, rule_sets: &[SimRules]) -> Result<Simulation> {
    check(scenario, rule_sets)?;
    let mut runs = Vec::with_capacity(rule_sets.len());
    for r in run_all(scenario, rule_sets) {
        runs.push(r?);
    }
    let base: BTreeMap<&str, Decimal> = runs[0]
        .outcomes
        .iter()
        .map(|o| (o.order.as_str(), o.logistics_cost))
        .collect();
    let mut avoided = Vec::with_capacity(runs.len());
    for r in &runs {
        avoided.push(crate::kpi::avoided(&base, r.outcomes.iter())?);
    }
    for (r, a) in runs.iter_mut().zip(avoided) {
        r.kpis.overall.avoided_logistics_cost = Some(a);
        r.kpis.baseline = Some(rule_sets[0].name.clone());
    }
    let comparison = compare(&runs);
    let end = add_days(scenario.start, scenario.days as i64)?;
    let orders: Vec<&Order> = scenario
        .stream
        .iter()
        .filter_map(|i| match i {
            StreamItem::Order { order, .. } => Some(order),
            _ => None,
        })
        .collect();
    Ok(Simulation {
        scenario: ScenarioSummary {
            name: scenario.name.clone(),
            seed: scenario.seed,
            start: scenario.start,
            end,
            orders: orders.len() as u64,
            lines: orders.iter().map(|o| o.lines.len() as u64).sum(),
            locations: scenario
                .network
                .locations
                .iter()
                .map(|l| LocationSummary {
                    id: l.id.clone(),
                    kind: l.kind,
                    position: l.position,
                })
                .collect(),
        },
        runs,
        comparison,
    })
}

/// Runs every rule set, on as many threads as the machine has cores (at most one per rule
/// set): the runs share nothing but the scenario, so the result is the same however they are
/// scheduled. Results come back in the rule sets' order.
fn run_all(scenario: &Scenario, rule_sets: &[SimRules]) -> Vec<Result<Run>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(rule_sets.len());
    if threads <= 1 {
        return rule_sets.iter().map(|r| Sim::new(scenario, r)?.run()).collect();
    }
    let mut out: Vec<Option<Result<Run>>> = (0..rule_sets.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..rule_sets.len())
                        .step_by(threads)
                        .map(|i| (i, Sim::new(scenario, &rule_sets[i]).and_then(Sim::run)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            let done = h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, r) in done {
                out[i] = Some(r);
            }
        }
    });
    out.into_iter().map(|r| r.expect("every run is done")).collect()
}

/// [`simulate`] on JSON: the scenario, and the rule sets (an array of what
/// [`SimRules::from_value`] reads; `null`: the [built-in ones](builtin_rule_sets)).
///
/// # Errors
///
/// `invalid_input` naming the field (`scenario.stream[3].at`, `rule_sets[1].rules`), then
/// those of [`simulate`].
pub fn simulate_values(scenario: serde_json::Value, rule_sets: serde_json::Value) -> Result<Simulation> {
    let scenario: Scenario = crate::error::read_value(scenario).map_err(|e| e.within("scenario"))?;
    if rule_sets.is_null() {
        return simulate(&scenario, &builtin_rule_sets());
    }
    let serde_json::Value::Array(items) = rule_sets else {
        return Err(Error::invalid_input("must be an array of rule sets").at("rule_sets"));
    };
    let rules = items
        .into_iter()
        .enumerate()
        .map(|(i, v)| SimRules::from_value(v).map_err(|e| e.within(&format!("rule_sets[{i}]"))))
        .collect::<Result<Vec<_>>>()?;
    simulate(&scenario, &rules)
}

fn check(s: &Scenario, rule_sets: &[SimRules]) -> Result<()> {
    if rule_sets.is_empty() {
        return Err(Error::invalid_input("give at least one rule set").at("rule_sets"));
    }
    let mut names = BTreeSet::new();
    for (i, r) in rule_sets.iter().enumerate() {
        if !names.insert(r.name.as_str()) {
            return Err(
                Error::new(ErrorCode::DuplicateId, format!("two rule sets are named `{}`", r.name))
                    .at(format!("rule_sets[{i}].name")),
            );
        }
    }
    let within = |e: Error| e.within("scenario");
    if s.days == 0 || s.days > MAX_SIM_DAYS {
        return Err(within(
            Error::invalid_input(format!("must be 1..={MAX_SIM_DAYS}, got {}", s.days)).at("days"),
        ));
    }
    if s.cancel_after_days > MAX_SIM_DAYS || s.drain_days > MAX_SIM_DAYS {
        let f = if s.cancel_after_days > MAX_SIM_DAYS {
            "cancel_after_days"
        } else {
            "drain_days"
        };
        return Err(within(
            Error::invalid_input(format!("must be at most {MAX_SIM_DAYS}")).at(f),
        ));
    }
    s.fulfilment.check().map_err(|e| within(e.within("fulfilment")))?;
    if let Some(r) = &s.replenishment {
        if r.every_days == 0 {
            return Err(within(
                Error::invalid_input("must be at least 1").at("replenishment.every_days"),
            ));
        }
    }
    let end = add_days(s.start, s.days as i64)?;
    let mut ids = BTreeSet::new();
    for (i, item) in s.stream.iter().enumerate() {
        let at = item.at();
        if at < s.start || at >= end {
            return Err(within(
                Error::invalid_input(format!("{at} is outside the scenario ({} to {end})", s.start))
                    .at(format!("stream[{i}].at")),
            ));
        }
        match item {
            StreamItem::Order { order, .. } if !ids.insert(order.id.as_str()) => {
                return Err(within(
                    Error::new(ErrorCode::DuplicateId, format!("order `{}` is placed twice", order.id))
                        .at(format!("stream[{i}].order.id")),
                ));
            }
            StreamItem::Outage { until, .. } if *until <= at => {
                return Err(within(
                    Error::invalid_input("must be after `at`").at(format!("stream[{i}].until")),
                ));
            }
            _ => {}
        }
    }
    for (sku, p) in &s.catalog {
        if p.price.is_sign_negative() || p.cost.is_sign_negative() {
            return Err(within(
                Error::invalid_input("prices must not be negative").at(format!("catalog.{sku}")),
            ));
        }
    }
    Ok(())
}

fn add_days(t: Timestamp, days: i64) -> Result<Timestamp> {
    t.checked_add(Span::new().hours(24 * days))
        .map_err(|_| Error::invalid_input("a date out of range"))
}

fn utc_date(t: Timestamp) -> Date {
    t.to_zoned(jiff::tz::TimeZone::UTC).date()
}

fn day_start(d: Date) -> Timestamp {
    d.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MAX)
}

/// What the queue holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ev {
    /// `stream[i]`.
    Stream(usize),
    /// A wave of the orders placed since the last one.
    Wave,
    /// Shipment `ship` of order `order` is picked.
    Pick { order: usize, ship: usize },
    /// Midnight UTC.
    Midnight,
    /// A replenishment supply arrives.
    Arrive(usize),
    /// A location is back.
    OutageEnd(usize),
}

#[derive(Clone, Debug)]
enum ShipState {
    Pending,
    Shipped { at: Timestamp, delivered: Date },
    Gone,
}

#[derive(Clone, Debug)]
struct SimShip {
    location: LocationId,
    kind: LocationKind,
    /// (line index, reservation, units).
    lines: Vec<(usize, String, i64)>,
    ships: Date,
    date: Date,
    cost: Decimal,
    state: ShipState,
    attempt: u32,
}

#[derive(Clone, Debug, Default)]
struct LineState {
    delivered: i64,
    cancelled: i64,
    by_customer: i64,
}

#[derive(Clone, Debug)]
struct SimOrder {
    order: Order,
    placed: Timestamp,
    lines: Vec<LineState>,
    ships: Vec<SimShip>,
    cancellations: Vec<Cancellation>,
    /// No more backorder processing: its leftover units were cancelled.
    closed_backorder: bool,
    /// Allocated at least once (waves: not waiting for its wave).
    allocated: bool,
}

impl SimOrder {
    fn held(&self, line: usize) -> i64 {
        self.ships
            .iter()
            .filter(|s| matches!(s.state, ShipState::Pending))
            .flat_map(|s| s.lines.iter())
            .filter(|(l, _, _)| *l == line)
            .map(|(_, _, q)| q)
            .sum()
    }

    /// Units of each line neither delivered, held nor cancelled.
    fn open_units(&self, line: usize) -> i64 {
        let st = &self.lines[line];
        self.order.lines[line].quantity - st.delivered - st.cancelled - self.held(line)
    }
}

struct Sim<'a> {
    s: &'a Scenario,
    rules: &'a SimRules,
    inv: Inventory,
    queue: BinaryHeap<Reverse<(Timestamp, u64, Ev)>>,
    seq: u64,
    orders: Vec<SimOrder>,
    index: FxHashMap<String, usize>,
    wave: Vec<usize>,
    offline: BTreeMap<LocationId, usize>,
    /// Each location's kind and position, looked up once.
    locations: FxHashMap<LocationId, (LocationKind, Option<GeoPoint>)>,
    arrivals: Vec<String>,
    sales: BTreeMap<(LocationId, Sku), BTreeMap<Date, i64>>,
    counts: Counts,
    refused: BTreeMap<String, u64>,
    next_id: u64,
    end: Timestamp,
    stop: Timestamp,
    last_replenish: Option<Date>,
}

impl<'a> Sim<'a> {
    fn new(s: &'a Scenario, rules: &'a SimRules) -> Result<Sim<'a>> {
        let within = |e: Error| e.within("scenario");
        let mut inv = Inventory::new(s.network.clone()).map_err(|e| within(e.within("network")))?;
        for (i, out) in inv.apply(&s.initial).into_iter().enumerate() {
            if let Some(e) = out.error {
                return Err(within(e.within(&format!("initial[{i}]"))));
            }
        }
        let end = add_days(s.start, s.days as i64)?;
        let stop = add_days(end, s.drain_days as i64)?;
        Ok(Sim {
            s,
            rules,
            inv,
            queue: BinaryHeap::new(),
            seq: 0,
            orders: Vec::new(),
            index: FxHashMap::default(),
            wave: Vec::new(),
            offline: BTreeMap::new(),
            locations: s
                .network
                .locations
                .iter()
                .map(|l| (l.id.clone(), (l.kind, l.position)))
                .collect(),
            arrivals: Vec::new(),
            sales: BTreeMap::new(),
            counts: Counts::default(),
            refused: BTreeMap::new(),
            next_id: 0,
            end,
            stop,
            last_replenish: None,
        })
    }

    fn push(&mut self, at: Timestamp, ev: Ev) {
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq, ev)));
    }

    fn id(&mut self, what: &str) -> String {
        self.next_id += 1;
        format!("sim:{what}:{}", self.next_id)
    }

    fn run(mut self) -> Result<Run> {
        let mut order: Vec<usize> = (0..self.s.stream.len()).collect();
        order.sort_by_key(|&i| self.s.stream[i].at());
        for i in order {
            self.push(self.s.stream[i].at(), Ev::Stream(i));
        }
        let mut day = utc_date(self.s.start);
        loop {
            day = day
                .tomorrow()
                .map_err(|_| Error::invalid_input("a date out of range"))?;
            let t = day_start(day);
            if t > self.stop {
                break;
            }
            self.push(t, Ev::Midnight);
        }
        if self.rules.allocation == Allocation::Wave {
            let step = Span::new().minutes(self.rules.wave_minutes as i64);
            let mut t = self.s.start;
            while let Ok(next) = t.checked_add(step) {
                if next > self.stop {
                    break;
                }
                t = next;
                self.push(t, Ev::Wave);
            }
        }
        while let Some(Reverse((now, _, ev))) = self.queue.pop() {
            if now > self.stop {
                break;
            }
            match ev {
                Ev::Stream(i) => self
                    .stream(i, now)
                    .map_err(|e| e.within(&format!("scenario.stream[{i}]")))?,
                Ev::Wave => self.run_wave(now)?,
                Ev::Pick { order, ship } => self.pick(order, ship, now)?,
                Ev::Midnight => self.midnight(now)?,
                Ev::Arrive(i) => self.arrive(i)?,
                Ev::OutageEnd(i) => {
                    // Back, unless a later outage of the same location took over.
                    if let StreamItem::Outage { location, .. } = &self.s.stream[i] {
                        if self.offline.get(location) == Some(&i) {
                            self.offline.remove(location);
                        }
                    }
                }
            }
        }
        self.finish()
    }

    fn stream(&mut self, i: usize, now: Timestamp) -> Result<()> {
        match &self.s.stream[i] {
            StreamItem::Order { order, .. } => self.place(order, now),
            StreamItem::Event { event, .. } => {
                let out = self.inv.apply_one(event);
                if out.status == EventStatus::Rejected {
                    self.counts.events_refused += 1;
                    let code = out.error.map(|e| e.code().as_str()).unwrap_or("rejected");
                    *self.refused.entry(code.to_owned()).or_default() += 1;
                }
                Ok(())
            }
            StreamItem::Reject { order, location, .. } => {
                let o = self.index.get(order.as_str()).copied();
                let holds = o.is_some_and(|o| {
                    self.orders[o]
                        .ships
                        .iter()
                        .any(|s| matches!(s.state, ShipState::Pending) && &s.location == location)
                });
                match o {
                    Some(o) if holds => {
                        self.counts.rejections += 1;
                        let d = Disruption::Reject {
                            location: location.clone(),
                            lines: Vec::new(),
                        };
                        self.reallocate(o, &d, now)
                    }
                    _ => {
                        self.counts.ignored += 1;
                        Ok(())
                    }
                }
            }
            StreamItem::Outage { location, until, .. } => {
                // Refuses an unknown location (`unknown_location`).
                let plan = self
                    .inv
                    .reallocate_offline(location.as_str(), now)
                    .map_err(|e| e.at("location"))?;
                self.offline.insert(location.clone(), i);
                self.push(*until, Ev::OutageEnd(i));
                self.commit(&plan, now, true)
            }
            StreamItem::Cancel { order, reason, .. } => {
                let Some(&o) = self.index.get(order.as_str()) else {
                    self.counts.ignored += 1;
                    return Ok(());
                };
                self.cancel(o, reason, now)
            }
        }
    }

    fn place(&mut self, order: &Order, now: Timestamp) -> Result<()> {
        let mut order = order.clone();
        if order.promised.is_none() {
            let req = PromiseRequest {
                id: None,
                channel: order.channel.clone(),
                lines: order
                    .lines
                    .iter()
                    .map(|l| PromiseLine {
                        id: Some(l.id.clone()),
                        sku: l.sku.clone(),
                        quantity: l.quantity,
                    })
                    .collect(),
                destination: order.destination.clone(),
                pickup: order.pickup.clone(),
                service: order.service.clone(),
                ship_complete: order.ship_complete,
                latest: None,
            };
            // A SKU never stocked is an unknown SKU to the promise: no date, like no stock.
            match self.inv.promise(&req, now) {
                Ok(p) => order.promised = p.date.or_else(|| p.lines.iter().filter_map(|l| l.date).max()),
                Err(e) if e.code() == ErrorCode::UnknownSku => {}
                Err(e) => return Err(e.within("order")),
            }
        }
        let idx = self.orders.len();
        self.index.insert(order.id.clone(), idx);
        self.orders.push(SimOrder {
            lines: vec![LineState::default(); order.lines.len()],
            order,
            placed: now,
            ships: Vec::new(),
            cancellations: Vec::new(),
            closed_backorder: false,
            allocated: false,
        });
        match self.rules.allocation {
            Allocation::Order => {
                let plan = self
                    .inv
                    .allocate(std::slice::from_ref(&self.orders[idx].order), &self.rules.rules, now)
                    .map_err(|e| e.within("order"))?;
                self.counts.allocations += 1;
                self.orders[idx].allocated = true;
                self.commit(&plan, now, false)
            }
            Allocation::Wave => {
                self.wave.push(idx);
                Ok(())
            }
        }
    }

    fn run_wave(&mut self, now: Timestamp) -> Result<()> {
        if self.wave.is_empty() {
            return Ok(());
        }
        let idx = std::mem::take(&mut self.wave);
        let orders: Vec<Order> = idx.iter().map(|&i| self.orders[i].order.clone()).collect();
        let plan = self.inv.allocate_wave(&orders, &self.rules.rules, now)?;
        self.counts.waves += 1;
        for &i in &idx {
            self.orders[i].allocated = true;
        }
        self.commit(&plan, now, false)
    }

    /// Commits a plan and follows its shipments; a shipment planned at an offline location
    /// is moved at once.
    fn commit(&mut self, plan: &Plan, now: Timestamp, reallocation: bool) -> Result<()> {
        if plan
            .orders
            .iter()
            .all(|op| op.shipments.is_empty() && op.replaces.is_none())
        {
            return Ok(());
        }
        self.inv.commit(plan)?;
        let mut moved: Vec<(usize, LocationId)> = Vec::new();
        for op in &plan.orders {
            let Some(&o) = self.index.get(op.order.id.as_str()) else {
                continue;
            };
            if reallocation {
                self.counts.reallocations += 1;
            }
            if let Some(rep) = &op.replaces {
                for r in &rep.release {
                    self.release(o, r.reservation.as_str(), r.quantity);
                }
            }
            for sh in &op.shipments {
                let kind = self.locations.get(&sh.location).map(|l| l.0);
                let lines = sh
                    .lines
                    .iter()
                    .map(|l| {
                        let li = self.orders[o]
                            .order
                            .lines
                            .iter()
                            .position(|x| x.id == l.line)
                            .unwrap_or(0);
                        (li, l.reservation.to_string(), l.quantity)
                    })
                    .collect();
                let so = &mut self.orders[o];
                let attempt = so.ships.len() as u32;
                so.ships.push(SimShip {
                    location: sh.location.clone(),
                    kind: kind.unwrap_or(LocationKind::Warehouse),
                    lines,
                    ships: sh.ships,
                    date: sh.date,
                    cost: sh.cost.shipping + sh.cost.handling,
                    state: ShipState::Pending,
                    attempt,
                });
                let ship = so.ships.len() - 1;
                if self.offline.contains_key(&sh.location) {
                    moved.push((o, sh.location.clone()));
                    continue;
                }
                let [lo, hi] = self.s.fulfilment.pick(kind.unwrap_or(LocationKind::Warehouse));
                let key = format!("pick/{}/{}/{}", op.order.id, sh.location, attempt);
                let mut rng = SplitMix::keyed(self.s.seed, &key);
                let secs = lo * 3600.0 + rng.unit() * (hi - lo) * 3600.0;
                let at = now
                    .checked_add(Span::new().seconds(secs.round() as i64))
                    .unwrap_or(Timestamp::MAX);
                self.push(at, Ev::Pick { order: o, ship });
            }
        }
        moved.sort();
        moved.dedup();
        for (o, loc) in moved {
            self.reallocate(o, &Disruption::Offline { location: loc }, now)?;
        }
        Ok(())
    }

    fn release(&mut self, o: usize, reservation: &str, mut q: i64) {
        for s in self.orders[o]
            .ships
            .iter_mut()
            .filter(|s| matches!(s.state, ShipState::Pending))
        {
            for l in s.lines.iter_mut().filter(|l| l.1 == reservation) {
                let take = l.2.min(q);
                l.2 -= take;
                q -= take;
            }
            if s.lines.iter().all(|l| l.2 == 0) {
                s.state = ShipState::Gone;
            }
        }
    }

    fn reallocate(&mut self, o: usize, d: &Disruption, now: Timestamp) -> Result<()> {
        let id = self.orders[o].order.id.clone();
        if self.inv.open_order(&id).is_none() {
            return Ok(());
        }
        let plan = self.inv.reallocate(&id, d, now)?;
        self.commit(&plan, now, true)
    }

    fn pick(&mut self, o: usize, ship: usize, now: Timestamp) -> Result<()> {
        let sh = self.orders[o].ships[ship].clone();
        if !matches!(sh.state, ShipState::Pending) {
            return Ok(());
        }
        let id = self.orders[o].order.id.clone();
        let mut rng = SplitMix::keyed(self.s.seed, &format!("ship/{id}/{}/{}", sh.location, sh.attempt));
        if rng.unit() * 100.0 < self.s.fulfilment.reject(sh.kind) {
            self.counts.rejections += 1;
            let d = Disruption::Reject {
                location: sh.location.clone(),
                lines: Vec::new(),
            };
            return self.reallocate(o, &d, now);
        }
        for (_, res, q) in sh.lines.iter().filter(|l| l.2 > 0) {
            let ev = Event::Fulfil(crate::Fulfil {
                id: self.id("fulfil").as_str().into(),
                reservation: res.as_str().into(),
                quantity: Some(*q),
                location: Some(sh.location.clone()),
            });
            let out = self.inv.apply_one(&ev);
            if let Some(e) = out.error {
                return Err(e.within(&format!("fulfil of order `{id}`")));
            }
        }
        let today = utc_date(now);
        let slip = (today - sh.ships).get_days().max(0) as i64;
        let pickup = self.orders[o].order.pickup.is_some();
        let mut late = 0;
        if !pickup && rng.unit() * 100.0 < self.s.fulfilment.late_pct {
            let [a, b] = self.s.fulfilment.late_days;
            late = rng.between(a as u64, b as u64) as i64;
        }
        let delivered = sh.date.checked_add(Span::new().days(slip + late)).unwrap_or(sh.date);
        let so = &mut self.orders[o];
        for (l, _, q) in &sh.lines {
            so.lines[*l].delivered += q;
        }
        so.ships[ship].state = ShipState::Shipped { at: now, delivered };
        for (l, _, q) in &sh.lines {
            let sku = so.order.lines[*l].sku.clone();
            *self
                .sales
                .entry((sh.location.clone(), sku))
                .or_default()
                .entry(today)
                .or_default() += q;
        }
        Ok(())
    }

    fn cancel(&mut self, o: usize, reason: &str, now: Timestamp) -> Result<()> {
        let id = self.orders[o].order.id.clone();
        if self.inv.open_order(&id).is_some() {
            self.inv.release_order(&id)?;
        }
        self.wave.retain(|&w| w != o);
        let so = &mut self.orders[o];
        let open: Vec<i64> = (0..so.lines.len()).map(|l| so.open_units(l) + so.held(l)).collect();
        for s in so.ships.iter_mut().filter(|s| matches!(s.state, ShipState::Pending)) {
            s.state = ShipState::Gone;
        }
        let units: i64 = open.iter().sum();
        if units == 0 {
            self.counts.ignored += 1;
            return Ok(());
        }
        for (l, q) in open.into_iter().enumerate() {
            so.lines[l].cancelled += q;
            if reason == "customer" {
                so.lines[l].by_customer += q;
            }
        }
        so.closed_backorder = true;
        // Never allocated (a wave not run yet): nothing to allocate any more either.
        so.allocated = true;
        so.cancellations.push(Cancellation {
            at: now,
            reason: reason.to_owned(),
            units,
        });
        self.counts.cancellations += 1;
        Ok(())
    }

    fn midnight(&mut self, now: Timestamp) -> Result<()> {
        let limit = Span::new().hours(24 * self.s.cancel_after_days as i64);
        let mut backlog: Vec<Backorder> = Vec::new();
        let mut in_backlog: Vec<usize> = Vec::new();
        for o in 0..self.orders.len() {
            let so = &self.orders[o];
            if !so.allocated || so.closed_backorder {
                continue;
            }
            let open: Vec<i64> = (0..so.lines.len()).map(|l| so.open_units(l)).collect();
            if open.iter().all(|&q| q <= 0) {
                continue;
            }
            let expired = so.placed.checked_add(limit).is_ok_and(|t| t <= now);
            if expired {
                let units: i64 = open.iter().filter(|q| **q > 0).sum();
                let so = &mut self.orders[o];
                for (l, q) in open.into_iter().enumerate() {
                    so.lines[l].cancelled += q.max(0);
                }
                so.closed_backorder = true;
                so.cancellations.push(Cancellation {
                    at: now,
                    reason: "out_of_stock".into(),
                    units,
                });
                self.counts.cancellations += 1;
                continue;
            }
            let entry = if self.inv.open_order(&so.order.id).is_some() {
                Backorder {
                    order: Some(so.order.id.clone()),
                    new: None,
                    category: BackorderCategory::Gain,
                }
            } else {
                let mut part = so.order.clone();
                part.lines = part
                    .lines
                    .iter()
                    .zip(&open)
                    .filter(|(_, q)| **q > 0)
                    .map(|(l, q)| crate::OrderLine {
                        quantity: *q,
                        ..l.clone()
                    })
                    .collect();
                Backorder {
                    order: None,
                    new: Some(part),
                    category: BackorderCategory::Gain,
                }
            };
            backlog.push(entry);
            in_backlog.push(o);
        }
        if !backlog.is_empty() {
            let plan = self.inv.process_backorders(&backlog, &self.rules.rules, now)?;
            self.counts.backorders_filled += plan.orders.iter().filter(|op| !op.shipments.is_empty()).count() as u64;
            self.commit(&plan, now, false)?;
        }
        self.replenish(now)
    }

    fn replenish(&mut self, now: Timestamp) -> Result<()> {
        let Some(setup) = &self.s.replenishment else {
            return Ok(());
        };
        if now > self.end {
            return Ok(());
        }
        let today = utc_date(now);
        if let Some(last) = self.last_replenish {
            if (today - last).get_days() < setup.every_days as i32 {
                return Ok(());
            }
        }
        self.last_replenish = Some(today);
        let mut rows = setup.history.clone();
        for ((loc, sku), days) in &self.sales {
            for (d, q) in days.iter().filter(|(d, _)| **d < today) {
                rows.push(DemandRow {
                    location: loc.clone(),
                    sku: sku.clone(),
                    date: *d,
                    sales: *q,
                    lost_sales: 0,
                });
            }
        }
        let history = History::from_rows(rows).map_err(|e| e.within("scenario.replenishment.history"))?;
        let r = self.inv.replenish(&history, &setup.policies, now)?;
        for p in r.proposals {
            let supply = self.id("supply");
            let id = self.id("event");
            let ev = match p.kind {
                ProposalKind::Purchase => Event::SupplyAdd(crate::SupplyAdd {
                    id: id.as_str().into(),
                    supply: supply.as_str().into(),
                    location: p.location.clone(),
                    sku: p.sku.clone(),
                    quantity: p.quantity,
                    expected: p.arrival,
                }),
                ProposalKind::Transfer | ProposalKind::Rebalance => Event::Transfer(crate::Transfer {
                    id: id.as_str().into(),
                    supply: supply.as_str().into(),
                    from: p.from.clone().unwrap_or_else(|| p.location.clone()),
                    to: p.location.clone(),
                    sku: p.sku.clone(),
                    quantity: p.quantity,
                    expected: p.arrival,
                }),
            };
            let out = self.inv.apply_one(&ev);
            if out.status == EventStatus::Rejected {
                let code = out.error.map(|e| e.code().as_str()).unwrap_or("rejected");
                *self.refused.entry(format!("replenish:{code}")).or_default() += 1;
                continue;
            }
            self.counts.replenishments += 1;
            let at = day_start(p.arrival)
                .checked_add(Span::new().hours(6))
                .unwrap_or(Timestamp::MAX);
            self.arrivals.push(supply);
            let i = self.arrivals.len() - 1;
            self.push(at.max(now), Ev::Arrive(i));
        }
        Ok(())
    }

    fn arrive(&mut self, i: usize) -> Result<()> {
        let supply = self.arrivals[i].clone();
        let id = self.id("receive");
        let ev = Event::SupplyReceive(crate::SupplyReceive {
            id: id.as_str().into(),
            supply: supply.as_str().into(),
            quantity: None,
        });
        let out = self.inv.apply_one(&ev);
        if out.status == EventStatus::Rejected {
            let code = out.error.map(|e| e.code().as_str()).unwrap_or("rejected");
            *self.refused.entry(format!("replenish:{code}")).or_default() += 1;
        }
        Ok(())
    }

    fn finish(self) -> Result<Run> {
        let price = |sku: &Sku| {
            self.s.catalog.get(sku).cloned().unwrap_or(Price {
                price: Decimal::ZERO,
                cost: Decimal::ZERO,
            })
        };
        // (location, zone) → units, shipments, Σ lat, Σ lon, positions counted.
        type FlowSums = (i64, u64, f64, f64, u64);
        let mut flows: BTreeMap<(LocationId, String), FlowSums> = BTreeMap::new();
        let mut outcomes = Vec::with_capacity(self.orders.len());
        for so in &self.orders {
            let o = &so.order;
            let pickup = o.pickup.is_some();
            let (mut revenue, mut cogs, mut logistics) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
            let lines: Vec<OutcomeLine> = o
                .lines
                .iter()
                .zip(&so.lines)
                .map(|(l, st)| {
                    let p = price(&l.sku);
                    revenue += p.price * Decimal::from(st.delivered);
                    cogs += p.cost * Decimal::from(st.delivered);
                    OutcomeLine {
                        line: l.id.clone(),
                        sku: l.sku.clone(),
                        ordered: l.quantity,
                        delivered: st.delivered,
                        cancelled: st.cancelled,
                        cancelled_by_customer: st.by_customer,
                    }
                })
                .collect();
            let zone = match (&o.pickup, &o.destination) {
                (Some(p), _) => Some(format!("pickup:{p}")),
                (None, Some(d)) => d.zone.clone(),
                _ => None,
            };
            let position = match (&o.pickup, &o.destination) {
                (Some(p), _) => self.locations.get(p).and_then(|l| l.1),
                (None, Some(d)) => d.position,
                _ => None,
            };
            let mut shipments = Vec::new();
            let mut ready: Option<Timestamp> = None;
            for sh in &so.ships {
                let units: i64 = sh.lines.iter().map(|l| l.2).sum();
                let (shipped, delivered) = match sh.state {
                    ShipState::Shipped { at, delivered } => (Some(at), Some(delivered)),
                    _ => continue,
                };
                logistics += sh.cost;
                if let (true, Some(at), Some(d)) = (pickup, shipped, delivered) {
                    let transit = (d - sh.ships).get_days().max(0) as i64;
                    let r = at.checked_add(Span::new().hours(24 * transit)).unwrap_or(at);
                    ready = Some(ready.map_or(r, |x| x.max(r)));
                }
                let f = flows
                    .entry((sh.location.clone(), zone.clone().unwrap_or_else(|| "?".into())))
                    .or_default();
                f.0 += units;
                f.1 += 1;
                if let Some(p) = position {
                    f.2 += p.lat;
                    f.3 += p.lon;
                    f.4 += 1;
                }
                shipments.push(OutcomeShipment {
                    location: sh.location.clone(),
                    kind: sh.kind,
                    units,
                    shipped,
                    delivered,
                    logistics_cost: sh.cost,
                    zone: zone.clone(),
                    position,
                });
            }
            let all_ready = lines.iter().all(|l| l.delivered + l.cancelled == l.ordered);
            outcomes.push(OrderOutcome {
                order: o.id.clone(),
                channel: o.channel.clone(),
                rule_set: Some(self.rules.name.clone()),
                placed: so.placed,
                promised: o.promised,
                pickup,
                lines,
                shipments,
                ready: if pickup && all_ready { ready } else { None },
                cancellations: so.cancellations.clone(),
                revenue,
                cost_of_goods: cogs,
                logistics_cost: logistics,
            });
        }
        let kpis = crate::kpi::kpis(&outcomes, None)?;
        Ok(Run {
            name: self.rules.name.clone(),
            allocation: self.rules.allocation,
            rules: self.rules.rules.clone(),
            kpis,
            flows: flows
                .into_iter()
                .map(|((location, zone), (units, shipments, lat, lon, n))| Flow {
                    location,
                    zone,
                    position: (n > 0).then(|| GeoPoint {
                        lat: lat / n as f64,
                        lon: lon / n as f64,
                    }),
                    units,
                    shipments,
                })
                .collect(),
            counts: self.counts,
            refused: self.refused,
            outcomes,
        })
    }
}

/// The comparison's rows (see [`Comparison`]).
fn compare(runs: &[Run]) -> Comparison {
    type Get = fn(&crate::kpi::Metrics) -> Option<f64>;
    let rows: [(&str, Get); 14] = [
        ("otif", |m| m.otif),
        ("fill_rate_units", |m| m.fill_rate.units),
        ("fill_rate_lines", |m| m.fill_rate.lines),
        ("fill_rate_orders", |m| m.fill_rate.orders),
        ("cancellation_rate", |m| m.cancellation_rate),
        ("click_collect_median_hours", |m| {
            m.click_collect_hours.as_ref().map(|c| c.median)
        }),
        ("click_collect_p90_hours", |m| {
            m.click_collect_hours.as_ref().map(|c| c.p90)
        }),
        ("ship_from_store", |m| m.ship_from_store),
        ("promise_kept", |m| m.promise_kept),
        ("revenue", |m| m.revenue.to_f64()),
        ("logistics_cost", |m| m.logistics_cost.to_f64()),
        ("margin", |m| m.margin.to_f64()),
        ("margin_pct", |m| m.margin_pct),
        ("avoided_logistics_cost", |m| {
            m.avoided_logistics_cost.and_then(|d| d.to_f64())
        }),
    ];
    Comparison {
        baseline: runs.first().map(|r| r.name.clone()).unwrap_or_default(),
        names: runs.iter().map(|r| r.name.clone()).collect(),
        rows: rows
            .iter()
            .map(|(name, get)| {
                let values: Vec<Option<f64>> = runs.iter().map(|r| get(&r.kpis.overall)).collect();
                let base = values.first().copied().flatten();
                ComparisonRow {
                    metric: (*name).to_owned(),
                    deltas: values.iter().map(|v| v.zip(base).map(|(v, b)| v - b)).collect(),
                    values,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
