//! Committing plans, releasing orders, reallocating when a location fails.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::{
    CapacityUse, Committed, Disruption, Exclusion, OpenOrder, Order, OrderLine, OrderPlan, OrderStatus, Plan, Release,
    Replacement, RuleSet, Shipment, Sourcing, serve_order,
};
use crate::Inventory;
use crate::error::{Error, ErrorCode, Result};
use crate::inventory::Touched;
use crate::ledger::{Reservation, ReservationKind, Reserve};
use crate::model::{LocIdx, ReservationId};

/// One step of a commit, to undo if a later one fails.
pub(super) enum Undo {
    Reserved(ReservationId),
    Released(Reservation, i64),
    Capacity(LocIdx, Date, i64, i64),
    Order(String, Box<Option<OpenOrder>>),
    ResOrder(ReservationId, Option<String>),
}

fn stale(err: Error, what: &str) -> Error {
    match err.code() {
        ErrorCode::InsufficientStock | ErrorCode::WouldOversell | ErrorCode::QuotaExceeded => {
            let cause = err.code();
            let mut e = Error::new(
                ErrorCode::StalePlan,
                format!("{what}: the stock moved since the plan was made ({err})"),
            )
            .with("cause", cause);
            for (k, v) in err.context() {
                if k != "field" {
                    e = e.with(k, v);
                }
            }
            e
        }
        _ => err,
    }
}

impl Inventory {
    /// Turns a plan into hard reservations (held at the shipping locations, through the
    /// order's channel) and capacity use, all or nothing.
    ///
    /// Each new shipment line becomes the reservation its `reservation` field names
    /// (`order/line/location/generation`): ship it with a `fulfil` event on that id. The
    /// order stays open (see [`Inventory::open_orders`]) until every unit is shipped or
    /// released. A reallocation's plan first releases what it replaces.
    ///
    /// # Errors
    ///
    /// `stale_plan` when the stock, a quota or a location's capacity no longer allows a
    /// shipment, or a reallocated order changed since the plan (`context["cause"]` says
    /// which); `duplicate_id` for an order already committed; `unknown_order` for a
    /// reallocation of an order that is not open. Nothing changes on error.
    ///
    /// # Examples
    ///
    /// See [`Inventory::allocate`].
    pub fn commit(&mut self, plan: &Plan) -> Result<Committed> {
        let mut undo = Vec::new();
        let mut out = Committed::default();
        for (i, op) in plan.orders.iter().enumerate() {
            if let Err(e) = self.commit_order(op, &plan.rules, plan.now, &mut undo, &mut out) {
                self.undo(undo);
                return Err(e.with("order", &op.order.id).within(&format!("orders[{i}]")));
            }
        }
        out.changes = self.merge_changes(std::mem::take(&mut out.changes));
        Ok(out)
    }

    /// [`Inventory::commit`] of a plan given as a JSON value (what the bindings call).
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field, then those of [`Inventory::commit`].
    pub fn commit_value(&mut self, plan: serde_json::Value) -> Result<Committed> {
        let plan: Plan = crate::error::read_value(plan).map_err(|e| e.within("plan"))?;
        plan.rules.weights().map_err(|e| e.within("plan"))?;
        self.commit(&plan).map_err(|e| e.within("plan"))
    }

    /// Checks that a plan's shipments fit its order (a plan is data a host may have edited):
    /// the order is valid (and, for a reallocation, the committed one), each shipment line
    /// names a line of the order with its SKU, a positive quantity and the reservation id
    /// the plan must use, and no line gets more units than it asks, counting what stays held.
    fn check_plan_lines(&self, op: &OrderPlan, prior: Option<&OpenOrder>) -> Result<()> {
        let order = &op.order;
        match (prior, &op.replaces) {
            (Some(open), Some(_)) if open.order != *order => {
                return Err(Error::invalid_input(format!(
                    "the plan's order `{}` differs from the committed one",
                    order.id
                ))
                .at("order"));
            }
            (None, _) => self.check_order(order).map_err(|e| e.within("order"))?,
            _ => {}
        }
        let generation = prior.map_or(0, |o| o.generation) + 1;
        // Units each line keeps: what the order holds, less what the plan releases.
        let mut held: Vec<i64> = vec![0; order.lines.len()];
        if let Some(open) = prior {
            for sh in &open.shipments {
                for l in &sh.lines {
                    let released: i64 = op
                        .replaces
                        .iter()
                        .flat_map(|r| r.release.iter())
                        .filter(|r| r.reservation == l.reservation)
                        .map(|r| r.quantity)
                        .sum();
                    if let Some(i) = order.lines.iter().position(|x| x.id == l.line) {
                        held[i] = held[i].saturating_add((l.quantity - released).max(0));
                    }
                }
            }
        }
        for (k, sh) in op.shipments.iter().enumerate() {
            self.topo
                .location(sh.location.as_str())
                .map_err(|e| e.at(format!("shipments[{k}].location")))?;
            for (j, l) in sh.lines.iter().enumerate() {
                let at = |f: &str| format!("shipments[{k}].lines[{j}].{f}");
                let Some(i) = order.lines.iter().position(|x| x.id == l.line) else {
                    return Err(
                        Error::invalid_input(format!("order `{}` has no line `{}`", order.id, l.line)).at(at("line")),
                    );
                };
                if order.lines[i].sku != l.sku {
                    return Err(Error::invalid_input(format!(
                        "line `{}` orders `{}`, not `{}`",
                        l.line, order.lines[i].sku, l.sku
                    ))
                    .at(at("sku")));
                }
                if l.quantity <= 0 {
                    return Err(Error::new(
                        ErrorCode::InvalidQuantity,
                        format!("quantity must be positive, got {}", l.quantity),
                    )
                    .with("value", l.quantity)
                    .at(at("quantity")));
                }
                let expected = super::reservation_id(&order.id, &l.line, sh.location.as_str(), generation);
                if l.reservation != expected {
                    return Err(Error::invalid_input(format!(
                        "the reservation of this line must be `{expected}`, not `{}`",
                        l.reservation
                    ))
                    .at(at("reservation")));
                }
                held[i] = held[i].saturating_add(l.quantity);
                if held[i] > order.lines[i].quantity {
                    return Err(Error::new(
                        ErrorCode::InvalidQuantity,
                        format!(
                            "line `{}` asks {} units; the plan would hold {}",
                            l.line, order.lines[i].quantity, held[i]
                        ),
                    )
                    .at(at("quantity")));
                }
            }
        }
        Ok(())
    }

    fn cap_add(&mut self, l: LocIdx, d: Date, orders: i64, units: i64, undo: &mut Vec<Undo>) {
        let e = self.ledger.capacity.entry((l, d)).or_default();
        e.orders += orders;
        e.units += units;
        if *e == CapacityUse::default() {
            self.ledger.capacity.remove(&(l, d));
        }
        undo.push(Undo::Capacity(l, d, orders, units));
    }

    fn set_res_order(&mut self, id: &ReservationId, order: Option<String>, undo: &mut Vec<Undo>) {
        let prior = match order {
            Some(o) => self.ledger.res_order.insert(id.clone(), o),
            None => self.ledger.res_order.remove(id.as_str()),
        };
        undo.push(Undo::ResOrder(id.clone(), prior));
    }

    pub(super) fn commit_order(
        &mut self,
        op: &OrderPlan,
        rules: &RuleSet,
        now: Timestamp,
        undo: &mut Vec<Undo>,
        out: &mut Committed,
    ) -> Result<()> {
        let id = op.order.id.clone();
        if op.shipments.is_empty() && op.replaces.is_none() {
            return Ok(());
        }
        let pool = self
            .topo
            .channel(op.order.channel.as_str())
            .map_err(|e| e.at("order.channel"))?;
        let today = now.to_zoned(self.topo.pool_tz[pool as usize].clone()).date();
        let prior = self.ledger.orders.get(id.as_str()).cloned();
        let mut oo = match (&op.replaces, prior.clone()) {
            (None, Some(_)) => {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("order `{id}` is already committed: reallocate or release it"),
                )
                .at("order.id"));
            }
            (None, None) => OpenOrder {
                order: op.order.clone(),
                rules: rules.clone(),
                generation: 0,
                shipments: Vec::new(),
                excluded: Vec::new(),
                shipped: BTreeMap::new(),
            },
            (Some(_), None) => {
                return Err(Error::new(ErrorCode::UnknownOrder, format!("order `{id}` is not open")).at("order.id"));
            }
            (Some(rep), Some(open)) => {
                if open.generation != rep.generation {
                    return Err(Error::new(
                        ErrorCode::StalePlan,
                        format!(
                            "order `{id}` changed since the plan was made (generation {} now, {} in the plan)",
                            open.generation, rep.generation
                        ),
                    )
                    .with("cause", "order_changed"));
                }
                open
            }
        };
        self.check_plan_lines(op, prior.as_ref())?;
        undo.push(Undo::Order(id.clone(), Box::new(prior)));
        let mut touched = Touched::default();
        // Releases first.
        if let Some(rep) = &op.replaces {
            for (k, rel) in rep.release.iter().enumerate() {
                let found = oo.shipments.iter().enumerate().find_map(|(si, s)| {
                    s.lines
                        .iter()
                        .position(|l| l.reservation == rel.reservation)
                        .map(|li| (si, li))
                });
                let Some((si, li)) = found else {
                    return Err(Error::invalid_input(format!(
                        "reservation `{}` is not part of order `{id}`",
                        rel.reservation
                    ))
                    .at(format!("replaces.release[{k}].reservation")));
                };
                let held = oo.shipments[si].lines[li].quantity;
                if rel.quantity <= 0 || rel.quantity > held {
                    return Err(Error::new(
                        ErrorCode::StalePlan,
                        format!(
                            "reservation `{}` holds {held} units, the plan releases {}",
                            rel.reservation, rel.quantity
                        ),
                    )
                    .with("cause", "order_changed")
                    .at(format!("replaces.release[{k}].quantity")));
                }
                let r = self
                    .ledger
                    .reservations
                    .get(rel.reservation.as_str())
                    .cloned()
                    .ok_or_else(|| Error::new(ErrorCode::UnknownReservation, "reservation is gone"))?;
                self.set_res_order(&rel.reservation, None, undo);
                self.release_units(&rel.reservation, rel.quantity, &mut touched)?;
                undo.push(Undo::Released(r, rel.quantity));
                out.changes.extend(self.refresh(std::mem::take(&mut touched)));
                let l = self.topo.location(oo.shipments[si].location.as_str())?;
                let ships = oo.shipments[si].ships;
                self.cap_add(l, ships, 0, -rel.quantity, undo);
                oo.shipments[si].lines[li].quantity -= rel.quantity;
                if oo.shipments[si].lines[li].quantity > 0 {
                    self.set_res_order(&rel.reservation, Some(id.clone()), undo);
                }
                let s = &oo.shipments[si];
                let empty = s.lines.iter().all(|l| l.quantity == 0);
                let shipped = s.lines.iter().any(|l| oo.shipped.contains_key(l.reservation.as_str()));
                if empty && !shipped {
                    self.cap_add(l, ships, -1, 0, undo);
                    oo.shipments.remove(si);
                }
                out.released.push(rel.reservation.clone());
            }
            oo.excluded = rep.excluded.clone();
        }
        // Then the new shipments.
        for (k, s) in op.shipments.iter().enumerate() {
            let l = self
                .topo
                .location(s.location.as_str())
                .map_err(|e| e.at(format!("shipments[{k}].location")))?;
            let units: i64 = s.lines.iter().map(|x| x.quantity).sum();
            let existing = oo
                .shipments
                .iter()
                .position(|x| x.location == s.location && x.ships == s.ships);
            let used = self.ledger.capacity.get(&(l, s.ships)).copied().unwrap_or_default();
            if let Some(c) = &self.topo.location_def(l).capacity {
                let orders_full = existing.is_none() && c.orders_per_day.is_some_and(|o| used.orders >= o);
                let units_full = c.units_per_day.is_some_and(|u| used.units.saturating_add(units) > u);
                if orders_full || units_full {
                    return Err(Error::new(
                        ErrorCode::StalePlan,
                        format!(
                            "location `{}` has no capacity left for {} on {}",
                            s.location, id, s.ships
                        ),
                    )
                    .with("cause", "capacity")
                    .with("location", &s.location)
                    .at(format!("shipments[{k}]")));
                }
            }
            for (j, line) in s.lines.iter().enumerate() {
                let e = Reserve {
                    id: crate::EventId::from(line.reservation.as_str()),
                    reservation: line.reservation.clone(),
                    sku: line.sku.clone(),
                    quantity: line.quantity,
                    pool: None,
                    channel: Some(op.order.channel.clone()),
                    location: Some(s.location.clone()),
                    kind: ReservationKind::Hard,
                    expires_at: None,
                    due: Some(today),
                };
                self.reserve(&e, &mut touched)
                    .map_err(|err| stale(err, &format!("{} at {}", line.reservation, s.location)))
                    .map_err(|err| err.within(&format!("shipments[{k}].lines[{j}]")))?;
                undo.push(Undo::Reserved(line.reservation.clone()));
                out.changes.extend(self.refresh(std::mem::take(&mut touched)));
                self.set_res_order(&line.reservation, Some(id.clone()), undo);
                out.reservations.push(line.reservation.clone());
            }
            self.cap_add(l, s.ships, if existing.is_some() { 0 } else { 1 }, units, undo);
            match existing {
                Some(x) => oo.shipments[x].lines.extend(s.lines.iter().cloned()),
                None => oo.shipments.push(s.clone()),
            }
        }
        oo.generation += 1;
        oo.shipments
            .sort_by(|a, b| (&a.location, a.ships).cmp(&(&b.location, b.ships)));
        if oo.shipments.iter().all(|s| s.lines.iter().all(|l| l.quantity == 0)) {
            self.close_order(&id, undo);
        } else {
            self.ledger.orders.insert(id.clone(), oo);
        }
        out.orders.push(id);
        Ok(())
    }

    /// Forgets an order with nothing held (its reservations' order links too).
    fn close_order(&mut self, id: &str, undo: &mut Vec<Undo>) {
        let Some(oo) = self.ledger.orders.remove(id) else {
            return;
        };
        for s in &oo.shipments {
            for l in &s.lines {
                if self.ledger.res_order.contains_key(l.reservation.as_str()) {
                    self.set_res_order(&l.reservation, None, undo);
                }
            }
        }
    }

    pub(super) fn undo(&mut self, log: Vec<Undo>) {
        let mut touched = Touched::default();
        for step in log.into_iter().rev() {
            match step {
                Undo::Reserved(id) => {
                    let q = self.ledger.reservations.get(id.as_str()).map_or(0, |r| r.quantity);
                    // Releasing what was just reserved only gives stock back.
                    let _ = self.release_units(&id, q, &mut touched);
                    self.refresh(std::mem::take(&mut touched));
                }
                Undo::Released(r, q) => {
                    // Back to the state that held them: cannot fail on a consistent ledger.
                    let _ = self.unrelease(&r, q, &mut touched);
                    self.refresh(std::mem::take(&mut touched));
                }
                Undo::Capacity(l, d, o, u) => {
                    let e = self.ledger.capacity.entry((l, d)).or_default();
                    e.orders -= o;
                    e.units -= u;
                    if *e == CapacityUse::default() {
                        self.ledger.capacity.remove(&(l, d));
                    }
                }
                Undo::Order(id, prior) => match *prior {
                    Some(o) => {
                        self.ledger.orders.insert(id, o);
                    }
                    None => {
                        self.ledger.orders.remove(id.as_str());
                    }
                },
                Undo::ResOrder(id, prior) => match prior {
                    Some(o) => {
                        self.ledger.res_order.insert(id, o);
                    }
                    None => {
                        self.ledger.res_order.remove(id.as_str());
                    }
                },
            }
        }
    }

    /// Bookkeeping when a reservation loses units through an event: `fulfil` (shipped) or
    /// `release`. Released units give their capacity back; a shipment released whole before
    /// anything of it shipped gives its order slot back; an order with nothing held closes.
    pub(crate) fn order_units_gone(&mut self, res: &ReservationId, q: i64, shipped: bool) {
        let Some(oid) = self.ledger.res_order.get(res.as_str()).cloned() else {
            return;
        };
        let Some(mut oo) = self.ledger.orders.remove(oid.as_str()) else {
            return;
        };
        let mut ignore = Vec::new();
        let found = oo
            .shipments
            .iter()
            .enumerate()
            .find_map(|(si, s)| s.lines.iter().position(|l| &l.reservation == res).map(|li| (si, li)));
        if let Some((si, li)) = found {
            let loc = self.topo.location(oo.shipments[si].location.as_str()).ok();
            let ships = oo.shipments[si].ships;
            let line = &mut oo.shipments[si].lines[li];
            line.quantity = (line.quantity - q).max(0);
            if line.quantity == 0 {
                self.ledger.res_order.remove(res.as_str());
            }
            if shipped {
                *oo.shipped.entry(res.to_string()).or_insert(0) += q;
            } else if let Some(l) = loc {
                self.cap_add(l, ships, 0, -q, &mut ignore);
                let s = &oo.shipments[si];
                let empty = s.lines.iter().all(|l| l.quantity == 0);
                let any_shipped = s.lines.iter().any(|l| oo.shipped.contains_key(l.reservation.as_str()));
                if empty && !any_shipped {
                    self.cap_add(l, ships, -1, 0, &mut ignore);
                    oo.shipments.remove(si);
                }
            }
        }
        if oo.shipments.iter().any(|s| s.lines.iter().any(|l| l.quantity > 0)) {
            self.ledger.orders.insert(oid, oo);
        } else {
            for s in &oo.shipments {
                for l in &s.lines {
                    self.ledger.res_order.remove(l.reservation.as_str());
                }
            }
        }
    }

    /// Releases everything a committed order still holds (a cancellation): its reservations,
    /// and the capacity of what had not shipped. Returns the reservations released.
    ///
    /// # Errors
    ///
    /// `unknown_order` if the order is not open.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{"locations": []}"#)?;
    /// assert_eq!(inv.release_order("SO-9").unwrap_err().code(), omnistock::ErrorCode::UnknownOrder);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn release_order(&mut self, order: &str) -> Result<Committed> {
        let Some(oo) = self.ledger.orders.get(order) else {
            return Err(
                Error::new(ErrorCode::UnknownOrder, format!("order `{order}` is not open")).with("order", order),
            );
        };
        let held: Vec<(ReservationId, i64)> = oo
            .shipments
            .iter()
            .flat_map(|s| s.lines.iter())
            .filter(|l| l.quantity > 0)
            .map(|l| (l.reservation.clone(), l.quantity))
            .collect();
        let mut out = Committed {
            orders: vec![order.to_owned()],
            ..Committed::default()
        };
        let mut touched = Touched::default();
        for (id, q) in held {
            // Releasing held units only gives stock back; the order hook frees the capacity.
            self.release_units(&id, q, &mut touched)?;
            out.changes.extend(self.refresh(std::mem::take(&mut touched)));
            out.released.push(id);
        }
        out.changes = self.merge_changes(std::mem::take(&mut out.changes));
        Ok(out)
    }

    /// A plan moving the part of a committed order a disruption affects to the next best
    /// locations: a location rejected lines, short-picked one, or went offline. The rest of
    /// the order stays where it is; the location is excluded from the order from then on (for
    /// the line, after a short pick). A ship-complete order moves whole. Commit the plan to
    /// apply it.
    ///
    /// # Errors
    ///
    /// `unknown_order`, `unknown_location`, `invalid_input` (the order holds nothing there,
    /// an unknown line), `invalid_quantity` (a short pick of more than is held).
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::{Disruption, Inventory, Order, RuleSet};
    /// let mut inv = Inventory::from_json(r#"{
    ///     "locations": [
    ///         {"id": "DC1", "kind": "warehouse", "zone": "A", "capabilities": ["ship"]},
    ///         {"id": "DC2", "kind": "warehouse", "zone": "A", "capabilities": ["ship"], "priority": 1}
    ///     ],
    ///     "channels": [{"id": "web", "kind": "web", "pool": "online"}],
    ///     "pools": [{"id": "online", "members": [{"location": "DC1"}, {"location": "DC2"}]}],
    ///     "services": [{"id": "standard", "transit": {"zones": {"A": {"A": 1}}}}]
    /// }"#)?;
    /// inv.apply_json(r#"[
    ///     {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 5},
    ///     {"type": "receive", "id": "e2", "location": "DC2", "sku": "A", "quantity": 5}
    /// ]"#)?;
    /// let order: Order = serde_json::from_str(r#"{"id": "SO-1", "channel": "web", "service": "standard",
    ///     "destination": {"zone": "A"}, "lines": [{"id": "1", "sku": "A", "quantity": 2}]}"#).unwrap();
    /// let now = "2026-11-27T09:00:00Z".parse().unwrap();
    /// inv.commit(&inv.allocate(&[order], &RuleSet::from_value(serde_json::json!("priority"))?, now)?)?;
    /// let moved = inv.reallocate("SO-1", &Disruption::Reject { location: "DC1".into(), lines: vec![] }, now)?;
    /// assert_eq!(moved.orders[0].shipments[0].location.as_str(), "DC2");
    /// inv.commit(&moved)?;
    /// assert_eq!(inv.open_order("SO-1").unwrap().shipments.len(), 1);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn reallocate(&self, order: &str, disruption: &Disruption, now: Timestamp) -> Result<Plan> {
        let oo = self.ledger.orders.get(order).ok_or_else(|| {
            Error::new(ErrorCode::UnknownOrder, format!("order `{order}` is not open")).with("order", order)
        })?;
        let rules = oo.rules.clone();
        let op = self.reallocation(oo, disruption, now)?;
        Ok(Plan {
            rules,
            now,
            orders: vec![op],
            wave: None,
        })
    }

    /// [`Inventory::reallocate`] with the disruption as a JSON value.
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field, then those of [`Inventory::reallocate`].
    pub fn reallocate_value(&self, order: &str, disruption: serde_json::Value, now: Timestamp) -> Result<Plan> {
        let d = Disruption::from_value(disruption).map_err(|e| e.within("event"))?;
        self.reallocate(order, &d, now)
    }

    /// A location went offline: one plan reallocating every open order it holds units of,
    /// served in a deterministic order (priority class, promised date, order id), each seeing
    /// what the ones before it took. Commit the plan to apply it.
    ///
    /// # Errors
    ///
    /// `unknown_location`.
    ///
    /// # Examples
    ///
    /// ```
    /// let inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// let plan = inv.reallocate_offline("DC1", "2026-11-27T09:00:00Z".parse().unwrap())?;
    /// assert!(plan.orders.is_empty());
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn reallocate_offline(&self, location: &str, now: Timestamp) -> Result<Plan> {
        self.topo.location(location)?;
        let mut affected: Vec<&OpenOrder> = self
            .ledger
            .orders
            .values()
            .filter(|o| {
                o.shipments
                    .iter()
                    .any(|s| s.location.as_str() == location && s.lines.iter().any(|l| l.quantity > 0))
            })
            .collect();
        affected.sort_by(|a, b| serve_order(&a.order).cmp(&serve_order(&b.order)));
        let disruption = Disruption::Offline {
            location: location.into(),
        };
        let rules = affected.first().map_or_else(RuleSet::default, |o| o.rules.clone());
        let mut out = Vec::with_capacity(affected.len());
        if affected.len() == 1 {
            out.push(self.reallocation(affected[0], &disruption, now)?);
        } else if !affected.is_empty() {
            let ids: Vec<String> = affected.iter().map(|o| o.order.id.clone()).collect();
            let mut scratch = self.work_copy();
            for id in ids {
                let oo = scratch
                    .ledger
                    .orders
                    .get(id.as_str())
                    .cloned()
                    .ok_or_else(|| Error::new(ErrorCode::UnknownOrder, format!("order `{id}` is not open")))?;
                let op = scratch.reallocation(&oo, &disruption, now)?;
                scratch.commit_order(&op, &oo.rules, now, &mut Vec::new(), &mut Committed::default())?;
                out.push(op);
            }
        }
        Ok(Plan {
            rules,
            now,
            orders: out,
            wave: None,
        })
    }

    fn reallocation(&self, oo: &OpenOrder, disruption: &Disruption, now: Timestamp) -> Result<OrderPlan> {
        let order = &oo.order;
        let (location, lines_hit, short): (&str, Vec<&str>, Option<i64>) = match disruption {
            Disruption::Reject { location, lines } => {
                (location.as_str(), lines.iter().map(String::as_str).collect(), None)
            }
            Disruption::ShortPick {
                location,
                line,
                quantity,
            } => {
                if *quantity <= 0 {
                    return Err(Error::new(
                        ErrorCode::InvalidQuantity,
                        format!("quantity must be positive, got {quantity}"),
                    )
                    .at("event.quantity"));
                }
                (location.as_str(), vec![line.as_str()], Some(*quantity))
            }
            Disruption::Offline { location } => (location.as_str(), Vec::new(), None),
        };
        self.topo.location(location).map_err(|e| e.at("event.location"))?;
        for l in &lines_hit {
            if !order.lines.iter().any(|x| x.id == *l) {
                return Err(Error::invalid_input(format!("order `{}` has no line `{l}`", order.id)).at("event.line"));
            }
        }
        // Units to move: (reservation, line, units).
        let mut moving: Vec<(ReservationId, String, i64)> = Vec::new();
        for s in &oo.shipments {
            if s.location.as_str() != location && !order.ship_complete {
                continue;
            }
            for l in &s.lines {
                if l.quantity > 0
                    && (lines_hit.is_empty() || lines_hit.contains(&l.line.as_str()) || order.ship_complete)
                {
                    moving.push((l.reservation.clone(), l.line.clone(), l.quantity));
                }
            }
        }
        if !moving.iter().any(|m| {
            oo.shipments
                .iter()
                .any(|s| s.location.as_str() == location && s.lines.iter().any(|l| l.reservation == m.0))
        }) {
            return Err(Error::invalid_input(format!(
                "order `{}` holds nothing at `{location}`{}",
                order.id,
                if lines_hit.is_empty() {
                    String::new()
                } else {
                    format!(" for line {}", lines_hit.join(", "))
                }
            ))
            .at("event.location"));
        }
        if let Some(q) = short {
            // What the line holds at that location (a ship-complete order moves more).
            let held: i64 = oo
                .shipments
                .iter()
                .filter(|s| s.location.as_str() == location)
                .flat_map(|s| s.lines.iter())
                .filter(|l| lines_hit.contains(&l.line.as_str()))
                .map(|l| l.quantity)
                .sum();
            if q > held {
                return Err(Error::new(
                    ErrorCode::InvalidQuantity,
                    format!("a short pick of {q} units, but only {held} are held there"),
                )
                .at("event.quantity"));
            }
            if !order.ship_complete {
                // Move only the missing units, from the last reservations first.
                let mut left = q;
                let mut kept = Vec::new();
                for m in moving.into_iter().rev() {
                    if left == 0 {
                        break;
                    }
                    let take = m.2.min(left);
                    left -= take;
                    kept.push((m.0, m.1, take));
                }
                kept.reverse();
                moving = kept;
            }
        }
        // The order's new exclusions.
        let mut excluded = oo.excluded.clone();
        match disruption {
            Disruption::ShortPick { line, .. } => excluded.push(Exclusion {
                location: location.into(),
                line: Some(line.clone()),
            }),
            Disruption::Reject { lines, .. } if !lines.is_empty() => {
                for l in lines {
                    excluded.push(Exclusion {
                        location: location.into(),
                        line: Some(l.clone()),
                    });
                }
            }
            _ => excluded.push(Exclusion {
                location: location.into(),
                line: None,
            }),
        }
        excluded.sort();
        excluded.dedup();
        // The part to source: the moving units per line.
        let mut part_lines: Vec<OrderLine> = Vec::new();
        for line in &order.lines {
            let q: i64 = moving.iter().filter(|m| m.1 == line.id).map(|m| m.2).sum();
            if q > 0 {
                part_lines.push(OrderLine {
                    quantity: q,
                    ..line.clone()
                });
            }
        }
        let part = Order {
            lines: part_lines,
            ..order.clone()
        };
        // Work on a copy of the stock where the moving units are released (the open orders
        // are not read: the part to move is sourced as a new order).
        let mut scratch = self.stock_copy();
        let mut touched = Touched::default();
        for (id, _, q) in &moving {
            scratch.ledger.res_order.remove(id.as_str());
            scratch.release_units(id, *q, &mut touched)?;
            scratch.refresh(std::mem::take(&mut touched));
        }
        // Shipments that stay, and their locations.
        let mut kept_ships: Vec<Shipment> = Vec::new();
        for s in &oo.shipments {
            let mut s2 = s.clone();
            for l in &mut s2.lines {
                let gone: i64 = moving.iter().filter(|m| m.0 == l.reservation).map(|m| m.2).sum();
                l.quantity -= gone;
            }
            s2.lines.retain(|l| l.quantity > 0);
            if !s2.lines.is_empty() {
                kept_ships.push(s2);
            }
        }
        let kept: std::collections::BTreeSet<(LocIdx, Date)> = kept_ships
            .iter()
            .filter_map(|s| self.topo.location(s.location.as_str()).ok().map(|l| (l, s.ships)))
            .collect();
        let mut op = scratch.source(
            &part,
            &oo.rules,
            now,
            Sourcing {
                excluded: &excluded,
                kept,
                generation: oo.generation,
                force_exact: false,
                full_units: Some(order.lines.iter().map(|l| l.quantity).sum()),
            },
        )?;
        op.order = order.clone();
        op.kept = kept_ships;
        if op.status == OrderStatus::Refused {
            // The units cannot stay where they were: release them and leave them unallocated.
            op.status = OrderStatus::Unallocated;
        }
        op.replaces = Some(Replacement {
            generation: oo.generation,
            release: moving
                .iter()
                .map(|(id, _, q)| Release {
                    reservation: id.clone(),
                    quantity: *q,
                })
                .collect(),
            excluded,
        });
        Ok(op)
    }
}

impl Inventory {
    /// One change per (SKU, pool): the first `before`, the last `after`, its signal;
    /// unchanged ones dropped.
    fn merge_changes(&self, changes: Vec<crate::AvailabilityChange>) -> Vec<crate::AvailabilityChange> {
        let mut out: Vec<crate::AvailabilityChange> = Vec::new();
        for c in changes {
            match out.iter_mut().find(|x| x.sku == c.sku && x.pool == c.pool) {
                Some(x) => x.after = c.after,
                None => out.push(c),
            }
        }
        out.retain(|c| c.before != c.after);
        for c in &mut out {
            let low = self
                .topo
                .pool_index
                .get(c.pool.as_str())
                .and_then(|&p| self.topo.pools[p as usize].low_stock);
            c.signal = crate::inventory::signal(c.before, c.after, low);
        }
        out
    }
}
