//! KPIs over order outcomes: what a rule set did, overall, by channel, by rule set and by day.
//!
//! An [`OrderOutcome`] is what became of one order: its lines (ordered, delivered, cancelled),
//! its shipments (where from, when shipped, when delivered or ready for pickup, at what
//! logistics cost), its cancellations and its money. [`kpis`] turns a list of them into
//! [`Kpis`]. The simulation ([`simulate`](crate::simulate)) writes outcomes; so can a
//! retailer's own order history.
//!
//! # Formulas
//!
//! Words used below:
//! * a line's **demand** = ordered − cancelled by the customer (a customer's change of mind is
//!   not a service failure);
//! * an order is **closed** when every unit of every line is delivered or cancelled, **open**
//!   otherwise; only closed orders count in the service KPIs, since an open one may still be
//!   served;
//! * a **served** order is a closed order with a demand > 0;
//! * a line is **filled** when delivered ≥ its demand, an order when all its lines with a
//!   demand are;
//! * an order is **on time** when it has no promised date, or every shipment delivered (for a
//!   pickup: ready at the store) on or before it; a shipment not delivered is not late (its
//!   units are cancelled, which fill rate counts).
//!
//! | KPI | formula |
//! |---|---|
//! | `otif` | served orders filled and on time ÷ served orders |
//! | `fill_rate.units` | Σ delivered ÷ Σ demand, over the lines of served orders |
//! | `fill_rate.lines` | filled lines ÷ lines with a demand, in served orders |
//! | `fill_rate.orders` | filled served orders ÷ served orders |
//! | `cancellation_rate` | orders with at least one cancelled unit (any reason) ÷ orders |
//! | `cancellations` | orders per cancellation reason (an order counts once per reason) |
//! | `click_collect_hours` | over pickup orders with a `ready` time: hours from `placed` to `ready`; the median (mean of the two middle values for an even count) and the p90 (nearest rank: the ⌈0.9·n⌉-th smallest) |
//! | `ship_from_store` | units shipped from stores ÷ units shipped, over delivery (not pickup) orders' shipped shipments |
//! | `promise_kept` | served orders with a promised date whose last delivery (or ready date) is on or before it ÷ served orders with a promised date and a delivered unit |
//! | `margin` | Σ revenue − Σ cost of goods − Σ logistics cost (all orders, open ones too) |
//! | `margin_pct` | margin ÷ revenue |
//! | `avoided_logistics_cost` | with a `baseline` rule set, per rule set R: Σ over the orders both R and the baseline handled of (baseline's logistics cost − R's) |
//!
//! A ratio whose denominator is 0 is `None` (`null`). Days are UTC dates of `placed`.
//!
//! # Examples
//!
//! ```
//! let outcomes = serde_json::json!([{
//!     "order": "SO-1", "channel": "web", "rule_set": "closest",
//!     "placed": "2026-11-02T09:00:00Z", "promised": "2026-11-04",
//!     "lines": [{"line": "1", "sku": "A", "ordered": 2, "delivered": 2}],
//!     "shipments": [{"location": "PARIS", "kind": "store", "units": 2,
//!                    "shipped": "2026-11-02T15:00:00Z", "delivered": "2026-11-03",
//!                    "logistics_cost": "4.50"}],
//!     "revenue": "40", "cost_of_goods": "16", "logistics_cost": "4.50"
//! }]);
//! let k = omnistock::kpis_values(outcomes, None)?;
//! assert_eq!(k.overall.otif, Some(1.0));
//! assert_eq!(k.overall.ship_from_store, Some(1.0));
//! assert_eq!(k.overall.margin.to_string(), "19.50");
//! # Ok::<(), omnistock::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{ChannelId, GeoPoint, LocationId, LocationKind, Sku};

/// One line of an [`OrderOutcome`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeLine {
    /// The order line's id.
    pub line: String,
    /// The SKU.
    pub sku: Sku,
    /// Units ordered (> 0).
    pub ordered: i64,
    /// Units delivered (or picked up).
    #[serde(default)]
    pub delivered: i64,
    /// Units cancelled, for any reason (delivered + cancelled ≤ ordered).
    #[serde(default)]
    pub cancelled: i64,
    /// Of the cancelled units, those the customer cancelled (≤ cancelled).
    #[serde(default)]
    pub cancelled_by_customer: i64,
}

/// A shipment of an [`OrderOutcome`]: units one location sent (or handed over).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeShipment {
    /// The location.
    pub location: LocationId,
    /// Its kind (`store` shipments make `ship_from_store`).
    pub kind: LocationKind,
    /// Units.
    pub units: i64,
    /// When it left the location (or was ready, for a pickup), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped: Option<Timestamp>,
    /// The delivery date (for a pickup: the date ready at the store), if delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<Date>,
    /// Shipping and handling cost.
    #[serde(default)]
    pub logistics_cost: Decimal,
    /// The destination's shipping zone, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The destination's position, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<GeoPoint>,
}

/// Units of an order cancelled at one time, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    /// When.
    pub at: Timestamp,
    /// Why: `customer`, `out_of_stock`, or any reason the host records.
    pub reason: String,
    /// Units cancelled (> 0).
    pub units: i64,
}

/// What became of one order: the input of [`kpis`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderOutcome {
    /// The order's id (unique per rule set).
    pub order: String,
    /// The channel it was sold on.
    pub channel: ChannelId,
    /// The rule set that sourced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_set: Option<String>,
    /// When it was placed.
    pub placed: Timestamp,
    /// The date promised (delivery, or ready for pickup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<Date>,
    /// A click-and-collect order.
    #[serde(default)]
    pub pickup: bool,
    /// Its lines (at least one).
    pub lines: Vec<OutcomeLine>,
    /// Its shipments.
    #[serde(default)]
    pub shipments: Vec<OutcomeShipment>,
    /// For a pickup: when the whole order was ready at the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<Timestamp>,
    /// Its cancellations.
    #[serde(default)]
    pub cancellations: Vec<Cancellation>,
    /// Revenue of the delivered units.
    #[serde(default)]
    pub revenue: Decimal,
    /// Cost of goods of the delivered units.
    #[serde(default)]
    pub cost_of_goods: Decimal,
    /// Shipping and handling cost.
    #[serde(default)]
    pub logistics_cost: Decimal,
}

/// Fill rates (see the [module docs](self)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FillRate {
    /// Filled lines ÷ lines with a demand.
    pub lines: Option<f64>,
    /// Delivered units ÷ demanded units.
    pub units: Option<f64>,
    /// Filled orders ÷ served orders.
    pub orders: Option<f64>,
}

/// Click-and-collect lead time, order to ready for pickup, in hours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadTime {
    /// Pickup orders with a ready time.
    pub orders: u64,
    /// The median.
    pub median: f64,
    /// The 90th percentile (nearest rank).
    pub p90: f64,
}

/// The KPIs of a set of orders (see the [module docs](self) for each formula).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Orders.
    pub orders: u64,
    /// Closed orders (every unit delivered or cancelled).
    pub closed: u64,
    /// Open orders.
    pub open: u64,
    /// Lines.
    pub lines: u64,
    /// Units ordered.
    pub units: i64,
    /// On time, in full.
    pub otif: Option<f64>,
    /// Fill rates.
    pub fill_rate: FillRate,
    /// Orders with a cancelled unit ÷ orders.
    pub cancellation_rate: Option<f64>,
    /// Orders per cancellation reason.
    pub cancellations: BTreeMap<String, u64>,
    /// Click-and-collect lead time.
    pub click_collect_hours: Option<LeadTime>,
    /// Share of shipped units that left from stores.
    pub ship_from_store: Option<f64>,
    /// Share of promised orders delivered by their date.
    pub promise_kept: Option<f64>,
    /// Revenue.
    pub revenue: Decimal,
    /// Cost of goods.
    pub cost_of_goods: Decimal,
    /// Logistics cost.
    pub logistics_cost: Decimal,
    /// Revenue − cost of goods − logistics cost.
    pub margin: Decimal,
    /// Margin ÷ revenue.
    pub margin_pct: Option<f64>,
    /// Logistics cost avoided against the baseline rule set, for the same orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avoided_logistics_cost: Option<Decimal>,
}

/// What [`kpis`] returns.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// The baseline rule set of `avoided_logistics_cost`, if one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// Every order.
    pub overall: Metrics,
    /// By channel.
    pub by_channel: BTreeMap<String, Metrics>,
    /// By rule set (orders without one are left out).
    pub by_rule_set: BTreeMap<String, Metrics>,
    /// By UTC day of placement.
    pub by_day: BTreeMap<String, Metrics>,
}

/// Computes the KPIs of `outcomes`, overall, by channel, by rule set and by day; with a
/// `baseline` rule set, each rule set's `avoided_logistics_cost` against it.
///
/// # Errors
///
/// * `invalid_quantity` naming the field: a line ordering ≤ 0, negative units, delivered +
///   cancelled over ordered, customer cancellations over cancellations;
/// * `invalid_input`: an order without lines, negative money, an unknown `baseline`;
/// * `duplicate_id`: one order twice under the same rule set.
///
/// # Examples
///
/// ```
/// use omnistock::OrderOutcome;
/// let o: OrderOutcome = serde_json::from_value(serde_json::json!({
///     "order": "SO-1", "channel": "web", "placed": "2026-11-02T09:00:00Z",
///     "lines": [{"line": "1", "sku": "A", "ordered": 4, "delivered": 3, "cancelled": 1}],
///     "cancellations": [{"at": "2026-11-03T09:00:00Z", "reason": "out_of_stock", "units": 1}]
/// })).unwrap();
/// let k = omnistock::kpis(&[o], None)?;
/// assert_eq!(k.overall.fill_rate.units, Some(0.75));
/// assert_eq!(k.overall.cancellations["out_of_stock"], 1);
/// # Ok::<(), omnistock::Error>(())
/// ```
pub fn kpis(outcomes: &[OrderOutcome], baseline: Option<&str>) -> Result<Kpis> {
    check(outcomes)?;
    let mut all = Acc::default();
    let mut by_channel: BTreeMap<&str, Acc> = BTreeMap::new();
    let mut by_rule: BTreeMap<&str, Acc> = BTreeMap::new();
    let mut by_day: BTreeMap<Date, Acc> = BTreeMap::new();
    for o in outcomes {
        let day = o.placed.to_zoned(jiff::tz::TimeZone::UTC).date();
        all.add(o);
        by_channel.entry(o.channel.as_str()).or_default().add(o);
        by_day.entry(day).or_default().add(o);
        if let Some(r) = &o.rule_set {
            by_rule.entry(r.as_str()).or_default().add(o);
        }
    }
    let mut by_rule_set: BTreeMap<String, Metrics> =
        by_rule.into_iter().map(|(k, a)| (k.to_owned(), a.finish())).collect();
    if let Some(b) = baseline {
        if !by_rule_set.contains_key(b) {
            return Err(Error::invalid_input(format!("no outcome has the rule set `{b}`")).at("baseline"));
        }
        let base: BTreeMap<&str, Decimal> = outcomes
            .iter()
            .filter(|o| o.rule_set.as_deref() == Some(b))
            .map(|o| (o.order.as_str(), o.logistics_cost))
            .collect();
        for (name, m) in by_rule_set.iter_mut() {
            let mine = outcomes.iter().filter(|o| o.rule_set.as_deref() == Some(name.as_str()));
            m.avoided_logistics_cost = Some(avoided(&base, mine)?);
        }
    }
    Ok(Kpis {
        baseline: baseline.map(str::to_owned),
        overall: all.finish(),
        by_channel: by_channel
            .into_iter()
            .map(|(k, a)| (k.to_owned(), a.finish()))
            .collect(),
        by_rule_set,
        by_day: by_day.into_iter().map(|(d, a)| (d.to_string(), a.finish())).collect(),
    })
}

/// [`kpis`] on JSON outcomes (an array of [`OrderOutcome`]).
///
/// # Errors
///
/// `invalid_input` naming the field (`[3].lines[0].ordered`), then those of [`kpis`].
pub fn kpis_values(outcomes: serde_json::Value, baseline: Option<&str>) -> Result<Kpis> {
    let outcomes: Vec<OrderOutcome> = crate::error::read_value(outcomes)?;
    kpis(&outcomes, baseline)
}

/// Σ over the orders both sides handled of (baseline's logistics cost − ours).
pub(crate) fn avoided<'a>(
    baseline: &BTreeMap<&str, Decimal>,
    mine: impl Iterator<Item = &'a OrderOutcome>,
) -> Result<Decimal> {
    let mut sum = Decimal::ZERO;
    for o in mine {
        if let Some(b) = baseline.get(o.order.as_str()) {
            sum = b
                .checked_sub(o.logistics_cost)
                .and_then(|d| sum.checked_add(d))
                .ok_or_else(|| Error::overflow("avoided logistics cost"))?;
        }
    }
    Ok(sum)
}

fn check(outcomes: &[OrderOutcome]) -> Result<()> {
    let mut seen: BTreeSet<(Option<&str>, &str)> = BTreeSet::new();
    for (i, o) in outcomes.iter().enumerate() {
        check_one(o).map_err(|e| e.within(&format!("[{i}]")))?;
        if !seen.insert((o.rule_set.as_deref(), o.order.as_str())) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("order `{}` appears twice for the same rule set", o.order),
            )
            .at(format!("[{i}].order")));
        }
    }
    Ok(())
}

fn check_one(o: &OrderOutcome) -> Result<()> {
    let bad =
        |field: String, what: String, v: i64| Error::new(ErrorCode::InvalidQuantity, what).at(field).with("value", v);
    if o.lines.is_empty() {
        return Err(Error::invalid_input("an outcome needs at least one line").at("lines"));
    }
    for (j, l) in o.lines.iter().enumerate() {
        let f = |name: &str| format!("lines[{j}].{name}");
        if l.ordered <= 0 {
            return Err(bad(
                f("ordered"),
                format!("must be positive, got {}", l.ordered),
                l.ordered,
            ));
        }
        for (name, v) in [
            ("delivered", l.delivered),
            ("cancelled", l.cancelled),
            ("cancelled_by_customer", l.cancelled_by_customer),
        ] {
            if v < 0 {
                return Err(bad(f(name), format!("must not be negative, got {v}"), v));
            }
        }
        if l.delivered.checked_add(l.cancelled).is_none_or(|s| s > l.ordered) {
            return Err(bad(
                f("cancelled"),
                format!(
                    "delivered {} + cancelled {} exceed the {} ordered",
                    l.delivered, l.cancelled, l.ordered
                ),
                l.cancelled,
            ));
        }
        if l.cancelled_by_customer > l.cancelled {
            return Err(bad(
                f("cancelled_by_customer"),
                format!("exceeds the {} cancelled", l.cancelled),
                l.cancelled_by_customer,
            ));
        }
    }
    for (j, s) in o.shipments.iter().enumerate() {
        if s.units < 0 {
            return Err(bad(
                format!("shipments[{j}].units"),
                format!("must not be negative, got {}", s.units),
                s.units,
            ));
        }
    }
    for (j, c) in o.cancellations.iter().enumerate() {
        if c.units <= 0 {
            return Err(bad(
                format!("cancellations[{j}].units"),
                format!("must be positive, got {}", c.units),
                c.units,
            ));
        }
    }
    for (name, v) in [
        ("revenue", o.revenue),
        ("cost_of_goods", o.cost_of_goods),
        ("logistics_cost", o.logistics_cost),
    ] {
        if v.is_sign_negative() && !v.is_zero() {
            return Err(Error::invalid_input(format!("must not be negative, got {v}")).at(name));
        }
    }
    Ok(())
}

/// Running sums of one group.
#[derive(Default)]
struct Acc {
    orders: u64,
    closed: u64,
    lines: u64,
    units: i64,
    served: u64,
    otif: u64,
    filled_orders: u64,
    demand_lines: u64,
    filled_lines: u64,
    demand_units: i128,
    delivered_units: i128,
    cancelled_orders: u64,
    reasons: BTreeMap<String, u64>,
    lead_hours: Vec<f64>,
    shipped_units: i128,
    store_units: i128,
    promised: u64,
    kept: u64,
    revenue: Decimal,
    cogs: Decimal,
    logistics: Decimal,
}

impl Acc {
    fn add(&mut self, o: &OrderOutcome) {
        self.orders += 1;
        self.lines += o.lines.len() as u64;
        self.units = self
            .units
            .saturating_add(o.lines.iter().map(|l| l.ordered).fold(0i64, i64::saturating_add));
        let closed = o.lines.iter().all(|l| l.delivered + l.cancelled == l.ordered);
        let demand = |l: &OutcomeLine| l.ordered - l.cancelled_by_customer;
        if closed {
            self.closed += 1;
            if o.lines.iter().any(|l| demand(l) > 0) {
                self.served += 1;
                let mut filled = true;
                let mut delivered_any = false;
                for l in o.lines.iter().filter(|l| demand(l) > 0) {
                    self.demand_lines += 1;
                    self.demand_units += demand(l) as i128;
                    self.delivered_units += l.delivered.min(demand(l)) as i128;
                    delivered_any |= l.delivered > 0;
                    if l.delivered >= demand(l) {
                        self.filled_lines += 1;
                    } else {
                        filled = false;
                    }
                }
                let last = o.shipments.iter().filter_map(|s| s.delivered).max();
                let on_time = match (o.promised, last) {
                    (Some(p), Some(d)) => d <= p,
                    _ => true,
                };
                if filled {
                    self.filled_orders += 1;
                    if on_time {
                        self.otif += 1;
                    }
                }
                if let (Some(p), true, Some(d)) = (o.promised, delivered_any, last) {
                    self.promised += 1;
                    if d <= p {
                        self.kept += 1;
                    }
                }
            }
        }
        if !o.cancellations.is_empty() || o.lines.iter().any(|l| l.cancelled > 0) {
            self.cancelled_orders += 1;
            let reasons: BTreeSet<&str> = o.cancellations.iter().map(|c| c.reason.as_str()).collect();
            for r in reasons {
                *self.reasons.entry(r.to_owned()).or_default() += 1;
            }
        }
        if o.pickup {
            if let Some(r) = o.ready {
                let secs = r.as_second() - o.placed.as_second();
                self.lead_hours.push(secs as f64 / 3600.0);
            }
        } else {
            for s in o.shipments.iter().filter(|s| s.shipped.is_some()) {
                self.shipped_units += s.units as i128;
                if s.kind == LocationKind::Store {
                    self.store_units += s.units as i128;
                }
            }
        }
        self.revenue = self.revenue.saturating_add(o.revenue);
        self.cogs = self.cogs.saturating_add(o.cost_of_goods);
        self.logistics = self.logistics.saturating_add(o.logistics_cost);
    }

    fn finish(mut self) -> Metrics {
        let ratio = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
        let ratio_i = |n: i128, d: i128| (d > 0).then(|| n as f64 / d as f64);
        let margin = self.revenue.saturating_sub(self.cogs).saturating_sub(self.logistics);
        let margin_pct = if self.revenue.is_zero() {
            None
        } else {
            margin.checked_div(self.revenue).and_then(|d| d.to_f64())
        };
        self.lead_hours.sort_by(f64::total_cmp);
        let n = self.lead_hours.len();
        let click_collect_hours = (n > 0).then(|| {
            let h = &self.lead_hours;
            let median = if n % 2 == 1 {
                h[n / 2]
            } else {
                (h[n / 2 - 1] + h[n / 2]) / 2.0
            };
            // Nearest rank: the ⌈0.9·n⌉-th smallest, in integers (no float rounding).
            let rank = (9 * n).div_ceil(10).max(1);
            LeadTime {
                orders: n as u64,
                median,
                p90: h[rank - 1],
            }
        });
        Metrics {
            orders: self.orders,
            closed: self.closed,
            open: self.orders - self.closed,
            lines: self.lines,
            units: self.units,
            otif: ratio(self.otif, self.served),
            fill_rate: FillRate {
                lines: ratio(self.filled_lines, self.demand_lines),
                units: ratio_i(self.delivered_units, self.demand_units),
                orders: ratio(self.filled_orders, self.served),
            },
            cancellation_rate: ratio(self.cancelled_orders, self.orders),
            cancellations: self.reasons,
            click_collect_hours,
            ship_from_store: ratio_i(self.store_units, self.shipped_units),
            promise_kept: ratio(self.kept, self.promised),
            revenue: self.revenue,
            cost_of_goods: self.cogs,
            logistics_cost: self.logistics,
            margin,
            margin_pct,
            avoided_logistics_cost: None,
        }
    }
}

#[cfg(test)]
mod tests;
