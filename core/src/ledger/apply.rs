//! Applying one event: validate everything, then mutate. A handler returns an error only
//! before its first mutation, so a rejected event leaves the state exactly as it was.

use jiff::Timestamp;

use super::event::*;
use super::{Position, Reservation, SkuIdx, Supply};
use crate::Inventory;
use crate::atp::{WhatIf, capped, contribution};
use crate::error::{Error, ErrorCode, Result, add, sub};
use crate::inventory::Touched;
use crate::model::{LocIdx, PoolIdx, ReservationId, Sku};

/// What a successful handler reports.
pub(crate) struct Applied {
    pub status: EventStatus,
    pub expired: Vec<ReservationId>,
}

impl Applied {
    fn ok() -> Self {
        Applied {
            status: EventStatus::Applied,
            expired: Vec::new(),
        }
    }
}

/// A validated change of one position: new on-hand and reserved (the pool sums they imply
/// were checked for overflow).
struct PosPlan {
    /// The SKU's index, if the SKU is already known.
    sku: Option<SkuIdx>,
    loc: LocIdx,
    on_hand: i64,
    reserved: i64,
}

fn positive(quantity: i64, field: &str) -> Result<i64> {
    if quantity <= 0 {
        return Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("{field} must be positive, got {quantity}"),
        )
        .at(field)
        .with("value", quantity));
    }
    Ok(quantity)
}

/// Ids a host makes up (event, SKU, reservation, supply) must not be blank.
fn check_ids(event: &Event) -> Result<()> {
    let blank = |value: &str, field: &str| -> Result<()> {
        if value.trim().is_empty() {
            return Err(Error::invalid_input("must not be empty").at(field));
        }
        Ok(())
    };
    blank(event.id().as_str(), "id")?;
    match event {
        Event::Receive(Receive { sku, .. }) | Event::Adjust(Adjust { sku, .. }) | Event::Count(Count { sku, .. }) => {
            blank(sku.as_str(), "sku")
        }
        Event::Reserve(e) => blank(e.reservation.as_str(), "reservation").and(blank(e.sku.as_str(), "sku")),
        Event::SupplyAdd(e) => blank(e.supply.as_str(), "supply").and(blank(e.sku.as_str(), "sku")),
        Event::Transfer(e) => blank(e.supply.as_str(), "supply").and(blank(e.sku.as_str(), "sku")),
        _ => Ok(()),
    }
}

/// The quantity of a partial operation on something holding `held` units.
fn portion(quantity: Option<i64>, held: i64) -> Result<i64> {
    let q = positive(quantity.unwrap_or(held), "quantity")?;
    if q > held {
        return Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("quantity {q} is more than the {held} held"),
        )
        .at("quantity")
        .with("value", q)
        .with("held", held));
    }
    Ok(q)
}

impl Inventory {
    pub(crate) fn apply_event(&mut self, event: &Event, t: &mut Touched) -> Result<Applied> {
        check_ids(event)?;
        match event {
            Event::Receive(e) => self.receive(e, t),
            Event::Adjust(e) => self.adjust(e, t),
            Event::Count(e) => self.count(e, t),
            Event::Reserve(e) => self.reserve(e, t),
            Event::Release(e) => self.release(e, t),
            Event::Fulfil(e) => self.fulfil(e, t),
            Event::Expire(e) => Ok(self.expire(e.now, t)),
            Event::SupplyAdd(e) => self.supply_add(e, t),
            Event::SupplyReceive(e) => self.supply_receive(e, t),
            Event::SupplyCancel(e) => self.supply_cancel(e, t),
            Event::Transfer(e) => self.transfer(e, t),
        }
    }

    fn current(&self, s: Option<SkuIdx>, l: LocIdx) -> (i64, i64) {
        s.and_then(|s| self.ledger.position(s, l))
            .map_or((0, 0), |p| (p.on_hand, p.reserved))
    }

    fn plan_pos(&self, s: Option<SkuIdx>, l: LocIdx, on_hand: i64, reserved: i64) -> PosPlan {
        // Pool sums are i128 (see `PoolAgg`): a change of one position cannot overflow them.
        PosPlan {
            sku: s,
            loc: l,
            on_hand,
            reserved,
        }
    }

    /// The position of (SKU, location), created empty if the ledger has none.
    pub(crate) fn position_mut(&mut self, s: SkuIdx, l: LocIdx) -> &mut Position {
        let next = self.ledger.positions.len() as u32;
        let i = *self.ledger.pos_index.entry((s, l)).or_insert(next);
        if i == next {
            self.ledger.sku_positions[s as usize].push(next);
            self.ledger.positions.push(Position {
                sku: s,
                loc: l,
                on_hand: 0,
                reserved: 0,
                inbound: 0,
                last_count_seq: None,
                last_count_at: None,
            });
        }
        &mut self.ledger.positions[i as usize]
    }

    fn mark(&self, t: &mut Touched, s: SkuIdx, comp: u32) {
        if comp != u32::MAX {
            t.push((s, comp));
        }
    }

    fn commit_pos(&mut self, sku: &Sku, plan: PosPlan, t: &mut Touched) -> SkuIdx {
        let s = match plan.sku {
            Some(s) => s,
            None => self.intern_sku(sku),
        };
        let l = plan.loc;
        let pos = self.position_mut(s, l);
        let old_free = pos.free();
        pos.on_hand = plan.on_hand;
        pos.reserved = plan.reserved;
        let new_free = pos.free();
        let en = self.topo.loc_enabled[l as usize];
        let np = self.topo.pools.len();
        for &(p, b) in &self.topo.loc_pools[l as usize] {
            let delta = contribution(new_free, b, en) - contribution(old_free, b, en);
            self.ledger.agg[s as usize * np + p as usize].sum += delta as i128;
        }
        self.mark(t, s, self.topo.loc_component[l as usize]);
        s
    }

    /// Checks that `l`'s on-hand may drop to `new_on_hand` without overselling.
    fn check_take(&self, s: Option<SkuIdx>, sku: &Sku, l: LocIdx, new_on_hand: i64) -> Result<()> {
        self.check_take_with(s, sku, l, new_on_hand, None)
    }

    /// [`Self::check_take`], counting a supply the same event adds (a transfer's arrival).
    fn check_take_with(
        &self,
        s: Option<SkuIdx>,
        sku: &Sku,
        l: LocIdx,
        new_on_hand: i64,
        arrival: Option<(LocIdx, jiff::civil::Date, i64)>,
    ) -> Result<()> {
        let (oh, r) = self.current(s, l);
        let ctx = |e: Error| {
            e.with("location", &self.topo.loc_ids[l as usize])
                .with("sku", sku)
                .with("on_hand", oh)
                .with("reserved", r)
                .with("requested", oh.saturating_sub(new_on_hand))
        };
        if new_on_hand < 0 {
            return Err(ctx(Error::new(
                ErrorCode::InsufficientStock,
                format!("only {oh} on hand at `{}`", self.topo.loc_ids[l as usize]),
            )));
        }
        if new_on_hand < r {
            return Err(ctx(Error::new(
                ErrorCode::WouldOversell,
                format!(
                    "{r} units are reserved at `{}`: on hand cannot drop to {new_on_hand}",
                    self.topo.loc_ids[l as usize]
                ),
            )));
        }
        if let Some(s) = s {
            let comp = self.topo.loc_component[l as usize];
            if comp != u32::MAX
                && new_on_hand < oh
                && !self.feasible(
                    s,
                    comp,
                    WhatIf {
                        free: Some((l, new_on_hand - r)),
                        supply: arrival,
                        ..WhatIf::default()
                    },
                )
            {
                return Err(ctx(Error::new(
                    ErrorCode::WouldOversell,
                    "reservations held by pools could no longer be served by their locations",
                )));
            }
        }
        Ok(())
    }

    fn receive(&mut self, e: &Receive, t: &mut Touched) -> Result<Applied> {
        let q = positive(e.quantity, "quantity")?;
        let l = self.topo.location(e.location.as_str())?;
        let s = self.ledger.sku(e.sku.as_str());
        let (oh, r) = self.current(s, l);
        let plan = self.plan_pos(s, l, add(oh, q, "on_hand")?, r);
        self.commit_pos(&e.sku, plan, t);
        Ok(Applied::ok())
    }

    fn adjust(&mut self, e: &Adjust, t: &mut Touched) -> Result<Applied> {
        if e.delta == 0 {
            return Err(Error::new(ErrorCode::InvalidQuantity, "delta must not be zero").at("delta"));
        }
        let l = self.topo.location(e.location.as_str())?;
        let s = self.ledger.sku(e.sku.as_str());
        let (oh, r) = self.current(s, l);
        let new = add(oh, e.delta, "on_hand")?;
        self.check_take(s, &e.sku, l, new)?;
        let plan = self.plan_pos(s, l, new, r);
        self.commit_pos(&e.sku, plan, t);
        Ok(Applied::ok())
    }

    fn count(&mut self, e: &Count, t: &mut Touched) -> Result<Applied> {
        if e.quantity < 0 {
            return Err(Error::new(
                ErrorCode::InvalidQuantity,
                format!("a count cannot be negative, got {}", e.quantity),
            )
            .at("quantity")
            .with("value", e.quantity));
        }
        let l = self.topo.location(e.location.as_str())?;
        let s = self.ledger.sku(e.sku.as_str());
        let last = s
            .and_then(|s| self.ledger.position(s, l))
            .and_then(|p| p.last_count_seq);
        if matches!(last, Some(last) if e.seq <= last) {
            return Ok(Applied {
                status: EventStatus::Stale,
                expired: Vec::new(),
            });
        }
        let (_, r) = self.current(s, l);
        self.check_take(s, &e.sku, l, e.quantity)?;
        let plan = self.plan_pos(s, l, e.quantity, r);
        let s = self.commit_pos(&e.sku, plan, t);
        let p = self.position_mut(s, l);
        p.last_count_seq = Some(e.seq);
        p.last_count_at = e.counted_at;
        Ok(Applied::ok())
    }

    pub(crate) fn reserve(&mut self, e: &Reserve, t: &mut Touched) -> Result<Applied> {
        let q = positive(e.quantity, "quantity")?;
        let p = match (&e.pool, &e.channel) {
            (Some(pool), None) => self.topo.pool(pool.as_str())?,
            (None, Some(channel)) => self.topo.channel(channel.as_str())?,
            _ => {
                return Err(Error::invalid_input("a reservation names exactly one of `pool` and `channel`").at("pool"));
            }
        };
        match (e.kind, e.expires_at) {
            (ReservationKind::Soft, None) => {
                return Err(Error::invalid_input("a soft reservation needs `expires_at`").at("expires_at"));
            }
            (ReservationKind::Hard, Some(_)) => {
                return Err(
                    Error::invalid_input("a hard reservation does not expire: drop `expires_at`").at("expires_at"),
                );
            }
            _ => {}
        }
        if self.ledger.reservations.contains_key(e.reservation.as_str()) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("reservation `{}` is already outstanding", e.reservation),
            )
            .with("reservation", &e.reservation));
        }
        let Some(s) = self.ledger.sku(e.sku.as_str()) else {
            return Err(Error::new(
                ErrorCode::UnknownSku,
                format!("no stock of SKU `{}` is recorded anywhere", e.sku),
            )
            .with("sku", &e.sku));
        };
        let quota_keys = match &e.channel {
            Some(ch) => self.quota_check(p, ch, &e.sku, e.due, q)?,
            None => Vec::new(),
        };
        let pool_id = self.topo.pools[p as usize].id.clone();
        let short = |available: i64| {
            Error::new(
                ErrorCode::InsufficientStock,
                format!("only {available} available, {q} requested"),
            )
            .with("sku", &e.sku)
            .with("pool", &pool_id)
            .with("available", available)
            .with("requested", q)
        };
        // A reservation held by the pool with a due date may use supply expected by then.
        let pool_atp = match (&e.location, e.due) {
            (None, Some(due)) => capped(
                self.pool_atp_dated(s, p, &[Some(due)])[0],
                self.topo.pools[p as usize].share_bp,
            ),
            _ => self.atp_idx(Some(s), p),
        };
        match &e.location {
            Some(loc) => {
                let l = self.topo.location(loc.as_str())?;
                if self.topo.buffer(p, l).is_none() {
                    return Err(Error::new(
                        ErrorCode::LocationNotInPool,
                        format!("location `{loc}` is not a member of pool `{pool_id}`"),
                    )
                    .with("location", loc)
                    .with("pool", &pool_id));
                }
                if !self.topo.loc_enabled[l as usize] {
                    return Err(
                        Error::new(ErrorCode::LocationDisabled, format!("location `{loc}` is disabled"))
                            .with("location", loc),
                    );
                }
                let slack = self.location_slack(s, self.topo.pools[p as usize].component);
                let available = self.location_atp(s, p, l, slack.as_ref()).min(pool_atp);
                if q > available {
                    return Err(short(available).with("location", loc));
                }
                let (oh, r) = self.current(Some(s), l);
                let plan = self.plan_pos(Some(s), l, oh, add(r, q, "reserved")?);
                self.commit_pos(&e.sku, plan, t);
            }
            None => {
                if q > pool_atp {
                    let err = short(pool_atp);
                    return Err(match e.due {
                        Some(due) => err.with("due", due),
                        None => err,
                    });
                }
                let k = self.agg_index(s, p);
                match e.due {
                    None => {
                        self.ledger.agg[k].unassigned = add(self.ledger.agg[k].unassigned, q, "unassigned")?;
                    }
                    Some(due) => {
                        add(self.ledger.agg[k].dated, q, "dated")?;
                        self.ledger.add_dated(s, p, k, due, q);
                    }
                }
                self.mark(t, s, self.topo.pools[p as usize].component);
            }
        }
        let r = Reservation {
            id: e.reservation.clone(),
            sku: e.sku.clone(),
            pool: pool_id,
            channel: e.channel.clone(),
            location: e.location.clone(),
            quantity: q,
            kind: e.kind,
            expires_at: e.expires_at,
            due: e.due,
        };
        for key in quota_keys {
            self.charge_quota(key, q);
        }
        if let Some(at) = r.expires_at {
            self.ledger.expiry.insert((at, r.id.clone()));
        }
        self.ledger.reservations.insert(r.id.clone(), r);
        Ok(Applied::ok())
    }

    fn reservation(&self, id: &ReservationId) -> Result<&Reservation> {
        self.ledger.reservations.get(id.as_str()).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownReservation,
                format!("reservation `{id}` is not outstanding"),
            )
            .with("reservation", id)
        })
    }

    /// Indices of a stored reservation (valid by construction).
    fn reservation_indices(&self, r: &Reservation) -> Result<(SkuIdx, PoolIdx, Option<LocIdx>)> {
        let s = self
            .ledger
            .sku(r.sku.as_str())
            .ok_or_else(|| Error::invalid_input("reservation of an unknown SKU"))?;
        let p = self.topo.pool(r.pool.as_str())?;
        let l = match &r.location {
            Some(loc) => Some(self.topo.location(loc.as_str())?),
            None => None,
        };
        Ok((s, p, l))
    }

    /// Gives back `q` units of a reservation; never fails once the quantity is valid.
    pub(crate) fn release_units(&mut self, id: &ReservationId, q: i64, t: &mut Touched) -> Result<()> {
        let r = self.reservation(id)?.clone();
        let (s, p, l) = self.reservation_indices(&r)?;
        match l {
            Some(l) => {
                let (oh, res) = self.current(Some(s), l);
                let plan = self.plan_pos(Some(s), l, oh, sub(res, q, "reserved")?);
                self.commit_pos(&r.sku, plan, t);
            }
            None => {
                let k = self.agg_index(s, p);
                match r.due {
                    None => self.ledger.agg[k].unassigned -= q,
                    Some(due) => self.ledger.add_dated(s, p, k, due, -q),
                }
                self.mark(t, s, self.topo.pools[p as usize].component);
            }
        }
        if let Some(ch) = &r.channel {
            self.refund_quota(p, ch, &r.sku, r.due, q);
        }
        self.shrink_reservation(&r, q, false);
        Ok(())
    }

    /// Gives back to a reservation `q` units that `release_units` took (undoing a commit):
    /// no check, since the state is going back to one that held them. Quota counters are
    /// charged again; the record is re-created if it was removed.
    pub(crate) fn unrelease(&mut self, r: &Reservation, q: i64, t: &mut Touched) -> Result<()> {
        let (s, p, l) = self.reservation_indices(r)?;
        match l {
            Some(l) => {
                let (oh, res) = self.current(Some(s), l);
                let plan = self.plan_pos(Some(s), l, oh, add(res, q, "reserved")?);
                self.commit_pos(&r.sku, plan, t);
            }
            None => {
                let k = self.agg_index(s, p);
                match r.due {
                    None => self.ledger.agg[k].unassigned += q,
                    Some(due) => self.ledger.add_dated(s, p, k, due, q),
                }
                self.mark(t, s, self.topo.pools[p as usize].component);
            }
        }
        if let Some(ch) = &r.channel {
            self.refund_quota(p, ch, &r.sku, r.due, -q);
        }
        match self.ledger.reservations.get_mut(r.id.as_str()) {
            Some(stored) => stored.quantity += q,
            None => {
                let mut back = r.clone();
                back.quantity = q;
                if let Some(at) = back.expires_at {
                    self.ledger.expiry.insert((at, back.id.clone()));
                }
                self.ledger.reservations.insert(back.id.clone(), back);
            }
        }
        Ok(())
    }

    fn shrink_reservation(&mut self, r: &Reservation, q: i64, shipped: bool) {
        self.order_units_gone(&r.id, q, shipped);
        if q == r.quantity {
            self.ledger.reservations.remove(r.id.as_str());
            if let Some(at) = r.expires_at {
                self.ledger.expiry.remove(&(at, r.id.clone()));
            }
        } else if let Some(stored) = self.ledger.reservations.get_mut(r.id.as_str()) {
            stored.quantity -= q;
        }
    }

    fn release(&mut self, e: &Release, t: &mut Touched) -> Result<Applied> {
        let held = self.reservation(&e.reservation)?.quantity;
        let q = portion(e.quantity, held)?;
        self.release_units(&e.reservation, q, t)?;
        Ok(Applied::ok())
    }

    fn fulfil(&mut self, e: &Fulfil, t: &mut Touched) -> Result<Applied> {
        let r = self.reservation(&e.reservation)?.clone();
        if r.kind != ReservationKind::Hard {
            return Err(Error::new(
                ErrorCode::ReservationNotHard,
                format!("reservation `{}` is soft: only a hard reservation ships", r.id),
            )
            .with("reservation", &r.id));
        }
        let q = portion(e.quantity, r.quantity)?;
        let (s, p, held_at) = self.reservation_indices(&r)?;
        match held_at {
            Some(l) => {
                if let Some(loc) = &e.location {
                    if self.topo.location(loc.as_str())? != l {
                        return Err(Error::invalid_input(format!(
                            "reservation `{}` is held at `{}`, not `{loc}`",
                            r.id, self.topo.loc_ids[l as usize]
                        ))
                        .at("location"));
                    }
                }
                let (oh, res) = self.current(Some(s), l);
                let plan = self.plan_pos(Some(s), l, sub(oh, q, "on_hand")?, sub(res, q, "reserved")?);
                self.commit_pos(&r.sku, plan, t);
            }
            None => {
                let Some(loc) = &e.location else {
                    return Err(Error::invalid_input(format!(
                        "reservation `{}` is held by pool `{}`: name the shipping `location`",
                        r.id, r.pool
                    ))
                    .at("location"));
                };
                let l = self.topo.location(loc.as_str())?;
                if self.topo.buffer(p, l).is_none() {
                    return Err(Error::new(
                        ErrorCode::LocationNotInPool,
                        format!("location `{loc}` is not a member of pool `{}`", r.pool),
                    )
                    .with("location", loc)
                    .with("pool", &r.pool));
                }
                // Shipping for the pool follows the pool's own rules at that location, as a
                // reservation there would: an enabled member, within its buffer.
                if !self.topo.loc_enabled[l as usize] {
                    return Err(
                        Error::new(ErrorCode::LocationDisabled, format!("location `{loc}` is disabled"))
                            .with("location", loc),
                    );
                }
                let (oh, res) = self.current(Some(s), l);
                let available = contribution(oh - res, self.topo.buffer(p, l).unwrap_or(0), true);
                if q > available {
                    return Err(Error::new(
                        ErrorCode::InsufficientStock,
                        format!("only {available} of `{loc}` may ship for pool `{}`", r.pool),
                    )
                    .with("location", loc)
                    .with("sku", &r.sku)
                    .with("available", available)
                    .with("requested", q));
                }
                let k = self.agg_index(s, p);
                let comp = self.topo.pools[p as usize].component;
                if !self.feasible(
                    s,
                    comp,
                    WhatIf {
                        free: Some((l, oh - res - q)),
                        demand: Some((p, r.due, -q)),
                        supply: None,
                    },
                ) {
                    return Err(Error::new(
                        ErrorCode::WouldOversell,
                        format!("shipping from `{loc}` would leave other reservations without stock"),
                    )
                    .with("location", loc)
                    .with("sku", &r.sku));
                }
                let plan = self.plan_pos(Some(s), l, oh - q, res);
                match r.due {
                    None => self.ledger.agg[k].unassigned -= q,
                    Some(due) => self.ledger.add_dated(s, p, k, due, -q),
                }
                self.commit_pos(&r.sku, plan, t);
                self.mark(t, s, comp);
            }
        }
        self.shrink_reservation(&r, q, true);
        Ok(Applied::ok())
    }

    fn expire(&mut self, now: Timestamp, t: &mut Touched) -> Applied {
        let due: Vec<(Timestamp, ReservationId)> = self
            .ledger
            .expiry
            .iter()
            .take_while(|(at, _)| *at <= now)
            .cloned()
            .collect();
        let mut expired = Vec::with_capacity(due.len());
        for (_, id) in due {
            let q = self.ledger.reservations.get(id.as_str()).map_or(0, |r| r.quantity);
            // Releasing a whole stored reservation only adds stock back: it cannot fail.
            if q > 0 && self.release_units(&id, q, t).is_ok() {
                expired.push(id);
            }
        }
        Applied {
            status: EventStatus::Applied,
            expired,
        }
    }

    fn supply_add(&mut self, e: &SupplyAdd, t: &mut Touched) -> Result<Applied> {
        let q = positive(e.quantity, "quantity")?;
        let l = self.topo.location(e.location.as_str())?;
        self.add_supply(
            Supply {
                id: e.supply.clone(),
                location: e.location.clone(),
                sku: e.sku.clone(),
                quantity: q,
                expected: e.expected,
                from: None,
            },
            l,
            None,
            t,
        )
    }

    /// Records a supply (validated first) and, for a transfer, the plan of its source.
    fn add_supply(&mut self, supply: Supply, to: LocIdx, source: Option<PosPlan>, t: &mut Touched) -> Result<Applied> {
        if self.ledger.supplies.contains_key(supply.id.as_str()) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("supply `{}` is already outstanding", supply.id),
            )
            .with("supply", &supply.id));
        }
        let s = self.ledger.sku(supply.sku.as_str());
        let inbound = s.and_then(|s| self.ledger.position(s, to)).map_or(0, |p| p.inbound);
        let inbound = add(inbound, supply.quantity, "inbound")?;
        if let Some(plan) = source {
            self.commit_pos(&supply.sku, plan, t);
        }
        let s = self.intern_sku(&supply.sku);
        self.position_mut(s, to).inbound = inbound;
        self.ledger.add_arrival(s, to, supply.expected, supply.quantity);
        self.mark(t, s, self.topo.loc_component[to as usize]);
        self.ledger.supplies.insert(supply.id.clone(), supply);
        Ok(Applied::ok())
    }

    fn supply(&self, id: &crate::SupplyId) -> Result<&Supply> {
        self.ledger.supplies.get(id.as_str()).ok_or_else(|| {
            Error::new(ErrorCode::UnknownSupply, format!("supply `{id}` is not outstanding")).with("supply", id)
        })
    }

    fn supply_receive(&mut self, e: &SupplyReceive, t: &mut Touched) -> Result<Applied> {
        let sup = self.supply(&e.supply)?.clone();
        let q = portion(e.quantity, sup.quantity)?;
        let l = self.topo.location(sup.location.as_str())?;
        let s = self.ledger.sku(sup.sku.as_str());
        let (oh, r) = self.current(s, l);
        let plan = self.plan_pos(s, l, add(oh, q, "on_hand")?, r);
        let s = self.commit_pos(&sup.sku, plan, t);
        self.position_mut(s, l).inbound -= q;
        self.ledger.add_arrival(s, l, sup.expected, -q);
        if q == sup.quantity {
            self.ledger.supplies.remove(sup.id.as_str());
        } else if let Some(stored) = self.ledger.supplies.get_mut(sup.id.as_str()) {
            stored.quantity -= q;
        }
        Ok(Applied::ok())
    }

    /// Cancels what remains of a supply. A transfer's remaining units go back to the location
    /// they left (they were taken from its on-hand when the transfer was recorded): cancelling
    /// never makes stock vanish.
    fn supply_cancel(&mut self, e: &SupplyCancel, t: &mut Touched) -> Result<Applied> {
        let sup = self.supply(&e.supply)?.clone();
        let l = self.topo.location(sup.location.as_str())?;
        let s = self.ledger.sku(sup.sku.as_str());
        // Reservations due later may count on this supply (a transfer's units come back to
        // its source now, which only helps the source's component).
        if let Some(si) = s {
            let comp = self.topo.loc_component[l as usize];
            let back = match &sup.from {
                Some(from) => {
                    let f = self.topo.location(from.as_str())?;
                    (self.topo.loc_component[f as usize] == comp)
                        .then(|| (f, self.ledger.free(si, f).saturating_add(sup.quantity)))
                }
                None => None,
            };
            if comp != u32::MAX
                && !self.feasible(
                    si,
                    comp,
                    WhatIf {
                        free: back,
                        supply: Some((l, sup.expected, -sup.quantity)),
                        ..WhatIf::default()
                    },
                )
            {
                return Err(Error::new(
                    ErrorCode::WouldOversell,
                    format!(
                        "reservations due later count on supply `{}`: release or re-promise them first",
                        sup.id
                    ),
                )
                .with("supply", &sup.id)
                .with("sku", &sup.sku));
            }
        }
        let back = match &sup.from {
            Some(from) => {
                let f = self.topo.location(from.as_str())?;
                let (oh, r) = self.current(s, f);
                Some(self.plan_pos(s, f, add(oh, sup.quantity, "on_hand")?, r))
            }
            None => None,
        };
        if let Some(plan) = back {
            self.commit_pos(&sup.sku, plan, t);
        }
        if let Some(s) = self.ledger.sku(sup.sku.as_str()) {
            self.position_mut(s, l).inbound -= sup.quantity;
            self.ledger.add_arrival(s, l, sup.expected, -sup.quantity);
            self.mark(t, s, self.topo.loc_component[l as usize]);
        }
        self.ledger.supplies.remove(sup.id.as_str());
        Ok(Applied::ok())
    }

    fn transfer(&mut self, e: &Transfer, t: &mut Touched) -> Result<Applied> {
        let q = positive(e.quantity, "quantity")?;
        let from = self.topo.location(e.from.as_str())?;
        let to = self.topo.location(e.to.as_str())?;
        if from == to {
            return Err(Error::invalid_input("a transfer needs two different locations").at("to"));
        }
        let s = self.ledger.sku(e.sku.as_str());
        let (oh, r) = self.current(s, from);
        let new = oh - q; // q > 0 and oh ≥ 0: cannot overflow
        // The units leave now and arrive at `to` on `expected`: holds due after that may still
        // count on them.
        self.check_take_with(s, &e.sku, from, new, Some((to, e.expected, q)))?;
        let plan = self.plan_pos(s, from, new, r);
        let supply = Supply {
            id: e.supply.clone(),
            location: e.to.clone(),
            sku: e.sku.clone(),
            quantity: q,
            expected: e.expected,
            from: Some(e.from.clone()),
        };
        self.add_supply(supply, to, Some(plan), t)
    }
}
