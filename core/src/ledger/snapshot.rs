//! Snapshots: the whole state (network, positions, reservations, supplies, applied event ids)
//! as versioned JSON bytes that restore exactly.

use serde::{Deserialize, Serialize};

use super::quota::QuotaUse;
use super::{PoolAgg, Reservation, ReservationKind, Supply};
use crate::Inventory;
use crate::atp::{capped, contribution};
use crate::error::{Error, ErrorCode, Result, add};
use crate::model::{EventId, LocationId, Network, Sku};

/// The `format` field of every snapshot.
pub const SNAPSHOT_FORMAT: &str = "omnistock-snapshot";
/// The snapshot version this crate writes (and the newest it reads).
pub const SNAPSHOT_VERSION: u32 = 4;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotDoc {
    format: String,
    version: u32,
    network: Network,
    positions: Vec<PositionRecord>,
    reservations: Vec<Reservation>,
    supplies: Vec<Supply>,
    seen_events: Vec<EventId>,
    /// Quota counters (version 2 on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    quota_used: Vec<QuotaUse>,
    /// Committed orders still open (version 3 on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    orders: Vec<crate::OpenOrder>,
    /// Capacity committed per location and day (version 3 on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    capacity: Vec<CapacityRecord>,
}

/// Work committed at a location for one day.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CapacityRecord {
    location: LocationId,
    date: jiff::civil::Date,
    orders: i64,
    units: i64,
}

/// A position as stored: `reserved` and `inbound` are derived from reservations and supplies.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionRecord {
    location: LocationId,
    sku: Sku,
    on_hand: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_count_seq: Option<u64>,
    /// When the last count was taken (version 4 on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_count_at: Option<jiff::Timestamp>,
}

fn bad(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidSnapshot, message)
}

fn wrap(e: Error) -> Error {
    let mut out = bad(e.message().to_owned()).with("cause", e.code());
    for (k, v) in e.context() {
        out = out.with(k, v);
    }
    out
}

impl Inventory {
    /// The whole state as JSON bytes: network, positions (by SKU, location), reservations and
    /// supplies (by id), applied event ids (sorted). Equal states give equal bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}]}]
    /// }"#)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 3}]"#)?;
    /// let bytes = inv.snapshot();
    /// let back = omnistock::Inventory::restore(&bytes)?;
    /// assert_eq!(back.atp("A", "web")?, 3);
    /// assert!(back.has_applied("e1"));
    /// assert_eq!(back.snapshot(), bytes);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn snapshot(&self) -> Vec<u8> {
        let positions = self
            .positions()
            .into_iter()
            .map(|p| PositionRecord {
                location: p.location,
                sku: p.sku,
                on_hand: p.on_hand,
                last_count_seq: p.last_count_seq,
                last_count_at: p.last_count_at,
            })
            .collect();
        let mut seen_events: Vec<EventId> = self.ledger.seen.iter().cloned().collect();
        seen_events.sort_unstable();
        let doc = SnapshotDoc {
            format: SNAPSHOT_FORMAT.to_owned(),
            version: SNAPSHOT_VERSION,
            network: (*self.network).clone(),
            positions,
            reservations: self.reservations().cloned().collect(),
            supplies: self.supplies().cloned().collect(),
            seen_events,
            quota_used: self.quota_uses(),
            orders: self.ledger.orders.values().cloned().collect(),
            capacity: self
                .ledger
                .capacity
                .iter()
                .map(|(&(l, date), u)| CapacityRecord {
                    location: self.topo.loc_ids[l as usize].clone(),
                    date,
                    orders: u.orders,
                    units: u.units,
                })
                .collect(),
        };
        // Serializing plain data with string keys cannot fail.
        serde_json::to_vec(&doc).unwrap_or_default()
    }

    /// Rebuilds an inventory from [`Inventory::snapshot`] bytes, checking that the content is
    /// consistent (references exist, nothing is oversold).
    ///
    /// # Errors
    ///
    /// `invalid_snapshot` (with the underlying code in `context["cause"]` where there is one).
    ///
    /// # Examples
    ///
    /// ```
    /// let err = omnistock::Inventory::restore(b"{\"format\": \"zip\"}").unwrap_err();
    /// assert_eq!(err.code(), omnistock::ErrorCode::InvalidSnapshot);
    /// ```
    pub fn restore(bytes: &[u8]) -> Result<Inventory> {
        let doc: SnapshotDoc = serde_json::from_slice(bytes).map_err(|e| bad(format!("unreadable snapshot: {e}")))?;
        if doc.format != SNAPSHOT_FORMAT {
            return Err(bad(format!("not an omnistock snapshot (format `{}`)", doc.format)));
        }
        if doc.version == 0 || doc.version > SNAPSHOT_VERSION {
            return Err(bad(format!(
                "snapshot version {} is not supported (this build reads 1..={SNAPSHOT_VERSION})",
                doc.version
            ))
            .with("version", doc.version));
        }
        let mut inv = Inventory::new(doc.network).map_err(wrap)?;
        inv.load(doc.positions, doc.reservations, doc.supplies, doc.seen_events)
            .map_err(wrap)?;
        inv.load_quotas(doc.quota_used).map_err(wrap)?;
        inv.load_orders(doc.orders, doc.capacity).map_err(wrap)?;
        Ok(inv)
    }

    fn load(
        &mut self,
        positions: Vec<PositionRecord>,
        reservations: Vec<Reservation>,
        supplies: Vec<Supply>,
        seen: Vec<EventId>,
    ) -> Result<()> {
        for rec in positions {
            let l = self.topo.location(rec.location.as_str())?;
            if rec.on_hand < 0 {
                return Err(bad(format!("negative on hand at `{}` for `{}`", rec.location, rec.sku)));
            }
            let s = self.intern_sku(&rec.sku);
            if self.ledger.pos_index.contains_key(&(s, l)) {
                return Err(bad(format!("position `{}`/`{}` appears twice", rec.location, rec.sku)));
            }
            let p = self.position_mut(s, l);
            p.on_hand = rec.on_hand;
            p.last_count_seq = rec.last_count_seq;
            p.last_count_at = rec.last_count_at;
        }
        for sup in supplies {
            let l = self.topo.location(sup.location.as_str())?;
            if let Some(from) = &sup.from {
                self.topo.location(from.as_str())?;
            }
            if sup.quantity <= 0 {
                return Err(bad(format!("supply `{}` has no quantity", sup.id)));
            }
            if self.ledger.supplies.contains_key(sup.id.as_str()) {
                return Err(bad(format!("supply `{}` appears twice", sup.id)));
            }
            let s = self.intern_sku(&sup.sku);
            let p = self.position_mut(s, l);
            p.inbound = add(p.inbound, sup.quantity, "inbound")?;
            self.ledger.add_arrival(s, l, sup.expected, sup.quantity);
            self.ledger.supplies.insert(sup.id.clone(), sup);
        }
        for r in reservations {
            if self.ledger.reservations.contains_key(r.id.as_str()) {
                return Err(bad(format!("reservation `{}` appears twice", r.id)));
            }
            if r.quantity <= 0 {
                return Err(bad(format!("reservation `{}` has no quantity", r.id)));
            }
            if (r.kind == ReservationKind::Soft) != r.expires_at.is_some() {
                return Err(bad(format!(
                    "reservation `{}`: only soft reservations have an expiry",
                    r.id
                )));
            }
            let p = self.topo.pool(r.pool.as_str())?;
            if let Some(ch) = &r.channel {
                if self.topo.channel(ch.as_str())? != p {
                    return Err(bad(format!(
                        "reservation `{}`: channel `{ch}` does not sell from `{}`",
                        r.id, r.pool
                    )));
                }
            }
            let s = self.intern_sku(&r.sku);
            match &r.location {
                Some(loc) => {
                    let l = self.topo.location(loc.as_str())?;
                    if self.topo.buffer(p, l).is_none() {
                        return Err(bad(format!(
                            "reservation `{}`: `{loc}` is not in pool `{}`",
                            r.id, r.pool
                        )));
                    }
                    let pos = self.position_mut(s, l);
                    pos.reserved = add(pos.reserved, r.quantity, "reserved")?;
                }
                None => {
                    let k = self.agg_index(s, p);
                    match r.due {
                        None => {
                            self.ledger.agg[k].unassigned =
                                add(self.ledger.agg[k].unassigned, r.quantity, "unassigned")?;
                        }
                        Some(due) => {
                            add(self.ledger.agg[k].dated, r.quantity, "dated")?;
                            self.ledger.add_dated(s, p, k, due, r.quantity);
                        }
                    }
                }
            }
            if let Some(at) = r.expires_at {
                self.ledger.expiry.insert((at, r.id.clone()));
            }
            self.ledger.reservations.insert(r.id.clone(), r);
        }
        for id in seen {
            if !self.ledger.seen.insert(&id) {
                return Err(bad(format!("event `{id}` appears twice")));
            }
        }
        self.rebuild_aggregates()
    }

    /// Open orders must match their reservations exactly; capacity entries name known
    /// locations with non-negative use.
    fn load_orders(&mut self, orders: Vec<crate::OpenOrder>, capacity: Vec<CapacityRecord>) -> Result<()> {
        for c in capacity {
            let l = self.topo.location(c.location.as_str())?;
            if c.orders < 0 || c.units < 0 || (c.orders == 0 && c.units == 0) {
                return Err(bad(format!(
                    "capacity of `{}` on {} is not positive",
                    c.location, c.date
                )));
            }
            if self
                .ledger
                .capacity
                .insert(
                    (l, c.date),
                    crate::CapacityUse {
                        orders: c.orders,
                        units: c.units,
                    },
                )
                .is_some()
            {
                return Err(bad(format!("capacity of `{}` on {} appears twice", c.location, c.date)));
            }
        }
        for o in orders {
            let id = o.order.id.clone();
            let mut any = false;
            for s in &o.shipments {
                for l in &s.lines {
                    if l.quantity == 0 {
                        continue;
                    }
                    any = true;
                    let r = self.ledger.reservations.get(l.reservation.as_str()).ok_or_else(|| {
                        bad(format!(
                            "order `{id}` names reservation `{}`, which is not outstanding",
                            l.reservation
                        ))
                    })?;
                    if r.quantity != l.quantity || r.location.as_ref() != Some(&s.location) || r.sku != l.sku {
                        return Err(bad(format!(
                            "order `{id}` and reservation `{}` disagree",
                            l.reservation
                        )));
                    }
                    if self
                        .ledger
                        .res_order
                        .insert(l.reservation.clone(), id.clone())
                        .is_some()
                    {
                        return Err(bad(format!("reservation `{}` belongs to two orders", l.reservation)));
                    }
                }
            }
            if !any {
                return Err(bad(format!("order `{id}` holds nothing")));
            }
            if self.ledger.orders.insert(id.clone(), o).is_some() {
                return Err(bad(format!("order `{id}` appears twice")));
            }
        }
        Ok(())
    }

    fn load_quotas(&mut self, uses: Vec<QuotaUse>) -> Result<()> {
        for u in uses {
            let p = self.topo.pool(u.pool.as_str())?;
            let Some(quota) = self.topo.pools[p as usize].quotas.get(u.quota as usize) else {
                return Err(bad(format!("pool `{}` has no quota {}", u.pool, u.quota)));
            };
            if u.used <= 0 || (quota.period == crate::QuotaPeriod::Total) != u.period.is_none() {
                return Err(bad(format!(
                    "quota counter {} of pool `{}` is inconsistent",
                    u.quota, u.pool
                )));
            }
            let key = (p, u.quota, u.sku, u.period);
            if self.ledger.quota_used.insert(key, u.used).is_some() {
                return Err(bad(format!(
                    "quota counter {} of pool `{}` appears twice",
                    u.quota, u.pool
                )));
            }
        }
        Ok(())
    }

    /// Recomputes every pool sum and ATP from the positions and reservations, checking that
    /// nothing is oversold.
    fn rebuild_aggregates(&mut self) -> Result<()> {
        let np = self.topo.pools.len();
        for a in &mut self.ledger.agg {
            *a = PoolAgg {
                sum: 0,
                unassigned: a.unassigned,
                dated: a.dated,
                atp: 0,
            };
        }
        for i in 0..self.ledger.positions.len() {
            let pos = &self.ledger.positions[i];
            if pos.reserved > pos.on_hand {
                return Err(Error::new(
                    ErrorCode::WouldOversell,
                    format!(
                        "{} reserved but {} on hand at `{}`",
                        pos.reserved, pos.on_hand, self.topo.loc_ids[pos.loc as usize]
                    ),
                ));
            }
            let (s, l, free) = (pos.sku, pos.loc, pos.free());
            let en = self.topo.loc_enabled[l as usize];
            for &(p, b) in &self.topo.loc_pools[l as usize] {
                let k = s as usize * np + p as usize;
                self.ledger.agg[k].sum += contribution(free, b, en) as i128;
            }
        }
        for s in 0..self.ledger.sku_ids.len() as u32 {
            for comp in 0..self.topo.components.len() as u32 {
                if !self.feasible(s, comp, Default::default()) {
                    return Err(Error::new(
                        ErrorCode::WouldOversell,
                        format!(
                            "reservations of `{}` held by pools exceed the stock",
                            self.ledger.sku_ids[s as usize]
                        ),
                    ));
                }
                let atps = self.component_atp(s, comp);
                for (i, &p) in self.topo.components[comp as usize].pools.iter().enumerate() {
                    let k = self.agg_index(s, p);
                    self.ledger.agg[k].atp = capped(atps[i], self.topo.pools[p as usize].share_bp);
                }
            }
        }
        Ok(())
    }
}
