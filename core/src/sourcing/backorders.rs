//! Backorder processing: when supply lands or reservations are released, the backlog is
//! allocated again by category, in the manner of SAP's backorder processing.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::wave::WaveItem;
use super::{
    Committed, OpenOrder, Order, OrderLine, OrderPlan, OrderStatus, Plan, Release, Replacement, RuleSet, Shipment,
    Sourcing, Unallocated, serve_order,
};
use crate::Inventory;
use crate::error::{Error, ErrorCode, Result};
use crate::inventory::Touched;
use crate::model::LocIdx;

/// What backorder processing may do to an order (SAP's categories).
///
/// # Examples
///
/// ```
/// let c: omnistock::BackorderCategory = serde_json::from_str(r#""redistribute""#).unwrap();
/// assert_eq!(c, omnistock::BackorderCategory::Redistribute);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackorderCategory {
    /// Keeps what it holds and is served first for what it misses, before every other
    /// category, with the stock `lose` orders give back.
    Win,
    /// Keeps what it holds and gets what it misses if stock is left after `win` (the default).
    #[default]
    Gain,
    /// Re-sourced whole after `win` and `gain` over what is left plus what it holds; the new
    /// plan replaces the old one only if it allocates at least as many units, delivers no
    /// later (unless the rule set's `allow_later`), and is better in units, date or score.
    Redistribute,
    /// Keeps what it holds and gets nothing more.
    Fill,
    /// Gives back everything it holds (for the orders above).
    Lose,
}

/// One order of the backlog: a committed order by id (`order`), or an order never committed
/// (`new`, e.g. one left wholly unallocated), with its category.
///
/// # Examples
///
/// ```
/// let b: omnistock::Backorder = serde_json::from_str(r#"{"order": "SO-1", "category": "win"}"#).unwrap();
/// assert_eq!(b.order.as_deref(), Some("SO-1"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backorder {
    /// A committed, open order's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// An order never committed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Order>,
    /// What processing may do to it (default `gain`).
    #[serde(default)]
    pub category: BackorderCategory,
}

/// Per line: units held now, and units shipped.
fn held_and_shipped(oo: &OpenOrder) -> Vec<(i64, i64)> {
    oo.order
        .lines
        .iter()
        .map(|line| {
            let lines = oo.shipments.iter().flat_map(|s| &s.lines).filter(|l| l.line == line.id);
            lines.fold((0, 0), |(h, sh), l| {
                (
                    h + l.quantity,
                    sh + oo.shipped.get(l.reservation.as_str()).copied().unwrap_or(0),
                )
            })
        })
        .collect()
}

/// Units each line misses: ordered, less held, less shipped.
fn missing(oo: &OpenOrder) -> Vec<i64> {
    oo.order
        .lines
        .iter()
        .zip(held_and_shipped(oo))
        .map(|(line, (h, sh))| (line.quantity - h - sh).max(0))
        .collect()
}

/// Units each line still has to ship: ordered, less shipped (held or not).
fn open_units(oo: &OpenOrder) -> Vec<i64> {
    oo.order
        .lines
        .iter()
        .zip(held_and_shipped(oo))
        .map(|(line, (_, sh))| (line.quantity - sh).max(0))
        .collect()
}

/// The order restricted to `units` of each line (lines with none left out).
fn part_of(order: &Order, units: &[i64]) -> Order {
    Order {
        lines: order
            .lines
            .iter()
            .zip(units)
            .filter(|(_, u)| **u > 0)
            .map(|(l, u)| OrderLine {
                quantity: *u,
                ..l.clone()
            })
            .collect(),
        ..order.clone()
    }
}

/// Held units of an order, as releases.
fn held(oo: &OpenOrder) -> Vec<Release> {
    oo.shipments
        .iter()
        .flat_map(|s| s.lines.iter())
        .filter(|l| l.quantity > 0)
        .map(|l| Release {
            reservation: l.reservation.clone(),
            quantity: l.quantity,
        })
        .collect()
}

/// The latest delivery date of shipments holding units.
fn latest(ships: &[Shipment]) -> Option<Date> {
    ships
        .iter()
        .filter(|s| s.lines.iter().any(|l| l.quantity > 0))
        .map(|s| s.date)
        .max()
}

fn held_units(ships: &[Shipment]) -> i64 {
    ships.iter().flat_map(|s| &s.lines).map(|l| l.quantity).sum()
}

impl Inventory {
    /// Allocates the backlog again — typically when supply has arrived or reservations were
    /// released — by category ([`BackorderCategory`]): `lose` orders give back what they
    /// hold; `win`, then `gain` orders (and `new` ones, as `gain` unless said otherwise) get
    /// what they miss in one wave (see [`Inventory::allocate_wave`]), keeping what they hold;
    /// `redistribute` orders are then re-sourced one by one (serving order) and keep their
    /// plan unless the new one is at least as full, no later (unless the rule set's
    /// `allow_later`) and better; `fill` orders keep what they hold. A confirmed order's
    /// delivery date never gets later unless the rule set allows it.
    ///
    /// The plan lists `lose` orders first, then the wave's orders, then `redistribute` and
    /// `fill` ones; a committed order's entry carries its `replaces` (what it gives back, if
    /// anything) and its `kept` shipments. Nothing changes until the plan is committed.
    ///
    /// # Errors
    ///
    /// `invalid_input` (an entry with both or neither of `order` and `new`), `unknown_order`
    /// (an `order` that is not open), `duplicate_id` (an order twice, or a `new` order already
    /// committed), then those of [`Inventory::allocate`] for `new` orders.
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::{Backorder, Inventory, Order, RuleSet};
    /// let mut inv = Inventory::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse", "zone": "A", "capabilities": ["ship"],
    ///                    "shipping": {"standard": {"zones": {"A": {"base": "5", "per_unit": "1"}}}}}],
    ///     "channels": [{"id": "web", "kind": "web", "pool": "online"}],
    ///     "pools": [{"id": "online", "members": [{"location": "DC1"}]}],
    ///     "services": [{"id": "standard", "transit": {"zones": {"A": {"A": 1}}}}]
    /// }"#)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 2}]"#)?;
    /// let order: Order = serde_json::from_value(serde_json::json!({"id": "SO-1", "channel": "web",
    ///     "service": "standard", "destination": {"zone": "A"}, "lines": [{"id": "1", "sku": "A", "quantity": 5}]})).unwrap();
    /// let now = "2026-11-27T09:00:00Z".parse().unwrap();
    /// let rules = RuleSet::from_value(serde_json::json!("cheapest"))?;
    /// inv.commit(&inv.allocate(&[order], &rules, now)?)?; // 2 of 5 allocated, 3 backordered
    /// inv.apply_json(r#"[{"type": "receive", "id": "e2", "location": "DC1", "sku": "A", "quantity": 10}]"#)?;
    /// let backlog: Vec<Backorder> = serde_json::from_str(r#"[{"order": "SO-1"}]"#).unwrap();
    /// let plan = inv.process_backorders(&backlog, &rules, now)?;
    /// assert_eq!(plan.orders[0].shipments[0].lines[0].quantity, 3);
    /// inv.commit(&plan)?;
    /// assert_eq!(inv.atp_for_channel("A", "web")?, 7);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn process_backorders(&self, backlog: &[Backorder], rules: &RuleSet, now: Timestamp) -> Result<Plan> {
        rules.weights()?;
        // Check the backlog.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut open: Vec<(&OpenOrder, BackorderCategory)> = Vec::new();
        let mut fresh: Vec<(&Order, BackorderCategory)> = Vec::new();
        for (i, b) in backlog.iter().enumerate() {
            let at = |f: &str| format!("backlog[{i}].{f}");
            let id = match (&b.order, &b.new) {
                (Some(id), None) => {
                    let oo = self.ledger.orders.get(id.as_str()).ok_or_else(|| {
                        Error::new(ErrorCode::UnknownOrder, format!("order `{id}` is not open"))
                            .with("order", id)
                            .at(at("order"))
                    })?;
                    open.push((oo, b.category));
                    id.as_str()
                }
                (None, Some(o)) => {
                    self.check_order(o).map_err(|e| e.within(&at("new")))?;
                    if self.ledger.orders.contains_key(o.id.as_str()) {
                        return Err(Error::new(
                            ErrorCode::DuplicateId,
                            format!("order `{}` is committed: list it by id", o.id),
                        )
                        .with("order", &o.id)
                        .at(at("new.id")));
                    }
                    fresh.push((o, b.category));
                    o.id.as_str()
                }
                _ => {
                    return Err(Error::invalid_input(
                        "a backlog entry names a committed `order` or gives a `new` one, not both",
                    )
                    .at(format!("backlog[{i}]")));
                }
            };
            if !seen.insert(id) {
                return Err(
                    Error::new(ErrorCode::DuplicateId, format!("order `{id}` appears twice"))
                        .with("order", id)
                        .at(format!("backlog[{i}]")),
                );
            }
        }
        open.sort_by(|a, b| (a.1, serve_order(&a.0.order)).cmp(&(b.1, serve_order(&b.0.order))));
        let mut scratch = self.work_copy();
        let mut out: Vec<OrderPlan> = Vec::new();

        // 1. `lose`: everything held goes back.
        for &(oo, cat) in &open {
            if cat != BackorderCategory::Lose {
                continue;
            }
            let release = held(oo);
            let mut op = self.kept_plan(oo, Vec::new());
            op.kept = Vec::new();
            op.status = OrderStatus::Unallocated;
            op.unallocated = oo
                .order
                .lines
                .iter()
                .zip(open_units(oo))
                .filter(|(_, u)| *u > 0)
                .map(|(l, u)| Unallocated {
                    line: l.id.clone(),
                    sku: l.sku.clone(),
                    quantity: u,
                    reason: super::ShortReason::Scarcity,
                })
                .collect();
            op.explanation.summary = "lose: every held unit released for the backlog".to_owned();
            op.replaces = Some(Replacement {
                generation: oo.generation,
                release,
                excluded: oo.excluded.clone(),
            });
            scratch.commit_order(&op, &oo.rules, now, &mut Vec::new(), &mut Committed::default())?;
            out.push(op);
        }

        // 2. `win`, `gain` and new orders: one wave for what they miss.
        let mut items: Vec<WaveItem> = Vec::new();
        let mut owners: Vec<Option<&OpenOrder>> = Vec::new();
        let kept_sets: Vec<BTreeSet<(LocIdx, Date)>> = open
            .iter()
            .map(|(oo, _)| {
                oo.shipments
                    .iter()
                    .filter(|s| s.lines.iter().any(|l| l.quantity > 0))
                    .filter_map(|s| self.topo.location(s.location.as_str()).ok().map(|l| (l, s.ships)))
                    .collect()
            })
            .collect();
        for (k, &(oo, cat)) in open.iter().enumerate() {
            if !matches!(cat, BackorderCategory::Win | BackorderCategory::Gain) {
                continue;
            }
            let part = part_of(&oo.order, &missing(oo));
            if part.lines.is_empty() {
                continue;
            }
            items.push(WaveItem {
                order: part,
                how: Sourcing {
                    excluded: &oo.excluded,
                    kept: kept_sets[k].clone(),
                    generation: oo.generation,
                    force_exact: false,
                    full_units: Some(oo.order.lines.iter().map(|l| l.quantity).sum()),
                },
                class: u8::from(cat != BackorderCategory::Win),
            });
            owners.push(Some(oo));
        }
        for &(o, cat) in &fresh {
            if matches!(cat, BackorderCategory::Win | BackorderCategory::Gain) {
                items.push(WaveItem {
                    order: o.clone(),
                    how: Sourcing::new(false),
                    class: u8::from(cat != BackorderCategory::Win),
                });
                owners.push(None);
            }
        }
        let by_id: BTreeMap<&str, Option<&OpenOrder>> = items
            .iter()
            .zip(&owners)
            .map(|(it, oo)| (it.order.id.as_str(), *oo))
            .collect();
        let fix = |mut op: OrderPlan| -> OrderPlan {
            if let Some(Some(oo)) = by_id.get(op.order.id.as_str()) {
                op.order = oo.order.clone();
                op.kept = oo.shipments.clone();
                op.explanation.summary = format!("backorder: {}", op.explanation.summary);
                // The status of the whole order: what it holds counts.
                if held_units(&oo.shipments) > 0 {
                    op.status = if op.unallocated.is_empty() {
                        OrderStatus::Allocated
                    } else {
                        OrderStatus::Partial
                    };
                }
                op.replaces = Some(Replacement {
                    generation: oo.generation,
                    release: Vec::new(),
                    excluded: oo.excluded.clone(),
                });
            }
            op
        };
        let (plans, mut wave, _) = scratch.wave_with(&items, rules, now, &fix)?;
        for op in plans {
            let rules_of = by_id
                .get(op.order.id.as_str())
                .and_then(|x| x.map(|oo| oo.rules.clone()))
                .unwrap_or_else(|| rules.clone());
            scratch.commit_order(&op, &rules_of, now, &mut Vec::new(), &mut Committed::default())?;
            out.push(op);
        }

        // 3. `redistribute`: re-sourced whole, kept only when better and no later.
        for &(oo, cat) in &open {
            if cat != BackorderCategory::Redistribute {
                continue;
            }
            let mut trial = scratch.work_copy();
            let release = held(oo);
            let mut touched = Touched::default();
            for r in &release {
                trial.ledger.res_order.remove(r.reservation.as_str());
                trial.release_units(&r.reservation, r.quantity, &mut touched)?;
                trial.refresh(std::mem::take(&mut touched));
            }
            let miss = missing(oo);
            let part = part_of(&oo.order, &open_units(oo));
            let mut op = trial.source(
                &part,
                &oo.rules,
                now,
                Sourcing {
                    excluded: &oo.excluded,
                    kept: BTreeSet::new(),
                    generation: oo.generation,
                    force_exact: false,
                    full_units: Some(oo.order.lines.iter().map(|l| l.quantity).sum()),
                },
            )?;
            let (old_units, new_units) = (held_units(&oo.shipments), held_units(&op.shipments));
            let (old_date, new_date) = (latest(&oo.shipments), latest(&op.shipments));
            let old_score: rust_decimal::Decimal = oo.shipments.iter().map(|s| s.cost.score).sum();
            let no_later = rules.allow_later || new_date <= old_date || old_date.is_none();
            let better = new_units > old_units
                || (new_units == old_units
                    && (new_date < old_date || (new_date == old_date && op.cost.score < old_score)));
            if new_units >= old_units && no_later && better && !release.is_empty() {
                op.order = oo.order.clone();
                op.replaces = Some(Replacement {
                    generation: oo.generation,
                    release,
                    excluded: oo.excluded.clone(),
                });
                op.explanation.summary = format!("redistributed: {}", op.explanation.summary);
                scratch.commit_order(&op, &oo.rules, now, &mut Vec::new(), &mut Committed::default())?;
                wave.improved += 1;
                out.push(op);
            } else {
                let mut op = self.kept_plan(oo, miss);
                op.explanation.summary = "redistribute: kept (no better plan that is no later)".to_owned();
                out.push(op);
            }
        }

        // 4. `fill`: kept as it is.
        for &(oo, cat) in &open {
            if cat == BackorderCategory::Fill {
                let mut op = self.kept_plan(oo, missing(oo));
                op.explanation.summary = "fill: kept as it is".to_owned();
                out.push(op);
            }
        }
        Ok(Plan {
            rules: rules.clone(),
            now,
            orders: out,
            wave: Some(wave),
        })
    }

    /// [`Inventory::process_backorders`] on JSON values (what the bindings call).
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field, then those of [`Inventory::process_backorders`].
    pub fn process_backorders_values(
        &self,
        backlog: serde_json::Value,
        rules: serde_json::Value,
        now: Timestamp,
    ) -> Result<Plan> {
        let rules = RuleSet::from_value(rules)?;
        let backlog: Vec<Backorder> = crate::error::read_value(backlog).map_err(|e| e.within("backlog"))?;
        self.process_backorders(&backlog, &rules, now)
    }

    /// An order's entry that changes nothing: what it holds is kept; `missing` units stay
    /// unallocated.
    fn kept_plan(&self, oo: &OpenOrder, missing: Vec<i64>) -> OrderPlan {
        let unallocated: Vec<Unallocated> = oo
            .order
            .lines
            .iter()
            .zip(missing.iter().chain(std::iter::repeat(&0)))
            .filter(|(_, m)| **m > 0)
            .map(|(l, m)| Unallocated {
                line: l.id.clone(),
                sku: l.sku.clone(),
                quantity: *m,
                reason: super::ShortReason::Scarcity,
            })
            .collect();
        OrderPlan {
            order: oo.order.clone(),
            status: if unallocated.is_empty() {
                OrderStatus::Allocated
            } else {
                OrderStatus::Partial
            },
            shipments: Vec::new(),
            kept: oo.shipments.clone(),
            unallocated,
            cost: super::CostTerms::default(),
            explanation: super::Explanation {
                method: "wave".to_owned(),
                ..super::Explanation::default()
            },
            replaces: None,
        }
    }
}
