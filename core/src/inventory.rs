//! `Inventory`: the network plus the ledger, moved only through methods returning `Result`.

use std::borrow::Borrow;

use crate::atp::capped;
use crate::error::{Error, Result};
use crate::ledger::{
    AvailabilityChange, Event, EventOutcome, EventStatus, Ledger, PoolAgg, PositionView, Reservation, SkuIdx,
    StockSignal, Supply,
};
use crate::model::{Network, Topology};

/// The whole stock state: a validated network and its ledger.
///
/// State moves only through [`Inventory::apply`] (and its JSON forms); queries are lookups.
/// It is plain data: [`Inventory::snapshot`] and [`Inventory::restore`] round-trip it exactly.
///
/// # Examples
///
/// ```
/// use omnistock::{Inventory, Network, EventStatus};
///
/// let network = Network::from_json(r#"{
///     "locations": [
///         {"id": "DC1", "kind": "warehouse", "capabilities": ["ship"]},
///         {"id": "S1", "kind": "store", "capabilities": ["pickup", "ship_from_store"]}
///     ],
///     "channels": [
///         {"id": "shop", "kind": "web", "pool": "web"},
///         {"id": "cc", "kind": "click_and_collect", "pool": "stores"}
///     ],
///     "pools": [
///         {"id": "web", "members": [{"location": "DC1"}, {"location": "S1", "buffer": 2}]},
///         {"id": "stores", "members": [{"location": "S1"}]}
///     ]
/// }"#)?;
/// let mut inv = Inventory::new(network)?;
/// let out = inv.apply_json(r#"[
///     {"type": "receive", "id": "e1", "location": "DC1", "sku": "TSHIRT-M", "quantity": 10},
///     {"type": "receive", "id": "e2", "location": "S1", "sku": "TSHIRT-M", "quantity": 5},
///     {"type": "reserve", "id": "e3", "reservation": "cart-1", "sku": "TSHIRT-M", "quantity": 4,
///      "channel": "cc", "kind": "soft", "expires_at": "2026-11-26T12:30:00Z"},
///     {"type": "receive", "id": "e1", "location": "DC1", "sku": "TSHIRT-M", "quantity": 10}
/// ]"#)?;
/// assert_eq!(out[3].status, EventStatus::Duplicate);
/// // The cart (held by the `stores` pool) can only be served by S1, which keeps 1 free unit.
/// // The web pool may take at most 5 − 2 = 3 units of S1 itself, so it still sees that one:
/// // 10 at DC1 + 1 at S1. (A buffer caps what its own pool takes; see `Pool::members`.)
/// assert_eq!(inv.atp("TSHIRT-M", "web")?, 11);
/// assert_eq!(inv.atp("TSHIRT-M", "stores")?, 1);
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Inventory {
    // Shared, never changed after construction: a scratch copy costs two reference counts.
    pub(crate) network: std::sync::Arc<Network>,
    pub(crate) topo: std::sync::Arc<Topology>,
    pub(crate) ledger: Ledger,
}

/// What one event touched, for the change feed: (SKU, component) pairs whose pool ATPs may
/// have changed. Most events touch one pair, kept inline (no allocation).
#[derive(Default)]
pub(crate) struct Touched {
    first: Option<(SkuIdx, u32)>,
    more: Vec<(SkuIdx, u32)>,
}

impl Touched {
    pub(crate) fn push(&mut self, pair: (SkuIdx, u32)) {
        match self.first {
            None => self.first = Some(pair),
            Some(f) if f == pair => {}
            Some(_) => self.more.push(pair),
        }
    }

    /// The touched pairs, sorted and deduplicated.
    fn pairs(self) -> Vec<(SkuIdx, u32)> {
        let mut v = self.more;
        v.extend(self.first);
        v.sort_unstable();
        v.dedup();
        v
    }
}

impl Inventory {
    /// A scratch copy to plan on (commit trial plans, release units, drop it): everything
    /// but the applied event ids, which only `apply` and snapshots read, and which grow with
    /// every event ever applied. Much cheaper than a full clone on a long-lived ledger.
    pub(crate) fn work_copy(&self) -> Inventory {
        self.copy_of(true)
    }

    /// A copy to try a new order's plan on: [`Self::work_copy`] without the open orders, their
    /// reservations' index and the expiry queue, which committing a new order does not read.
    pub(crate) fn stock_copy(&self) -> Inventory {
        self.copy_of(false)
    }

    fn copy_of(&self, orders: bool) -> Inventory {
        let l = &self.ledger;
        Inventory {
            network: self.network.clone(),
            topo: self.topo.clone(),
            ledger: Ledger {
                sku_ids: l.sku_ids.clone(),
                sku_index: l.sku_index.clone(),
                positions: l.positions.clone(),
                pos_index: l.pos_index.clone(),
                reservations: l.reservations.clone(),
                expiry: if orders { l.expiry.clone() } else { Default::default() },
                supplies: l.supplies.clone(),
                seen: Default::default(),
                agg: l.agg.clone(),
                dated: l.dated.clone(),
                arrivals: l.arrivals.clone(),
                sku_positions: l.sku_positions.clone(),
                quota_used: l.quota_used.clone(),
                capacity: l.capacity.clone(),
                orders: if orders { l.orders.clone() } else { Default::default() },
                res_order: if orders {
                    l.res_order.clone()
                } else {
                    Default::default()
                },
            },
        }
    }

    /// An empty inventory over a network.
    ///
    /// # Errors
    ///
    /// Those of [`Network::validate`].
    ///
    /// # Examples
    ///
    /// ```
    /// let network = omnistock::Network::from_json(r#"{"pools": [{"id": "web", "members": []}]}"#)?;
    /// let err = omnistock::Inventory::new(network).unwrap_err();
    /// assert_eq!(err.code(), omnistock::ErrorCode::InvalidNetwork);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn new(network: Network) -> Result<Inventory> {
        let topo = Topology::build(&network)?;
        Ok(Inventory {
            network: std::sync::Arc::new(network),
            topo: std::sync::Arc::new(topo),
            ledger: Ledger::default(),
        })
    }

    /// An empty inventory over a network given as JSON.
    ///
    /// # Errors
    ///
    /// `invalid_input` for unreadable JSON, then those of [`Network::validate`].
    ///
    /// # Examples
    ///
    /// ```
    /// let inv = omnistock::Inventory::from_json(r#"{"locations": []}"#)?;
    /// assert!(inv.network().locations.is_empty());
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn from_json(network: &str) -> Result<Inventory> {
        Inventory::new(Network::from_json(network)?)
    }

    /// The network this inventory was built on.
    ///
    /// # Examples
    ///
    /// ```
    /// let inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// assert_eq!(inv.network().locations[0].id.as_str(), "DC1");
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Applies events in order and returns one outcome per event.
    ///
    /// An event whose id was already applied is `duplicate`; a stale count is `stale`; an
    /// invalid event is `rejected` with its error and changes nothing, and the following
    /// events still apply. Each outcome lists the ATP changes the event caused.
    ///
    /// Only applied ids are remembered: a rejected or stale event leaves no trace, so it can be
    /// sent again with the same id once its cause is fixed (an unknown location added to the
    /// network, say).
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::{Event, EventStatus, ErrorCode, Receive};
    /// let mut inv = omnistock::Inventory::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}]}]
    /// }"#)?;
    /// let ok = Event::Receive(Receive { id: "e1".into(), location: "DC1".into(), sku: "A".into(), quantity: 3 });
    /// let bad = Event::Receive(Receive { id: "e2".into(), location: "DC9".into(), sku: "A".into(), quantity: 3 });
    /// let out = inv.apply([ok, bad]);
    /// assert_eq!(out[0].status, EventStatus::Applied);
    /// assert_eq!((out[0].changes[0].before, out[0].changes[0].after), (0, 3));
    /// assert_eq!(out[1].error.as_ref().unwrap().code(), ErrorCode::UnknownLocation);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn apply<I>(&mut self, events: I) -> Vec<EventOutcome>
    where
        I: IntoIterator,
        I::Item: Borrow<Event>,
    {
        events.into_iter().map(|e| self.apply_one(e.borrow())).collect()
    }

    /// Applies one event. See [`Inventory::apply`].
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::{Event, EventStatus, Receive};
    /// let mut inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// let e = Event::Receive(Receive { id: "e1".into(), location: "DC1".into(), sku: "A".into(), quantity: 1 });
    /// assert_eq!(inv.apply_one(&e).status, EventStatus::Applied);
    /// assert_eq!(inv.apply_one(&e).status, EventStatus::Duplicate);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn apply_one(&mut self, event: &Event) -> EventOutcome {
        let id = event.id();
        // One hash on the common path: remember the id now, forget it if the event does not apply.
        if !self.ledger.seen.insert(id) {
            return EventOutcome::status(id.clone(), EventStatus::Duplicate);
        }
        let mut touched = Touched::default();
        match self.apply_event(event, &mut touched) {
            Ok(applied) => {
                let mut out = EventOutcome::status(id.clone(), applied.status);
                if applied.status == EventStatus::Applied {
                    out.changes = self.refresh(touched);
                    out.expired = applied.expired;
                } else {
                    self.ledger.seen.remove(id.as_str());
                }
                out
            }
            Err(e) => {
                self.ledger.seen.remove(id.as_str());
                EventOutcome::rejected(Some(id.clone()), e)
            }
        }
    }

    /// Applies events given as JSON values: each is read on its own, so one unreadable event
    /// is `rejected` with `invalid_input` (with its `id` if it has a string one) and the others
    /// still apply. This is what the bindings call.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}]}]
    /// }"#)?;
    /// let out = inv.apply_values(vec![
    ///     serde_json::json!({"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": "3"}),
    ///     serde_json::json!({"type": "receive", "id": "e2", "location": "DC1", "sku": "A", "quantity": 3}),
    /// ]);
    /// assert_eq!(out[0].error.as_ref().unwrap().code(), omnistock::ErrorCode::InvalidInput);
    /// assert_eq!(out[0].id.as_ref().unwrap().as_str(), "e1");
    /// assert_eq!(inv.atp("A", "web")?, 3);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn apply_values(&mut self, events: Vec<serde_json::Value>) -> Vec<EventOutcome> {
        events.into_iter().map(|v| self.apply_value(v)).collect()
    }

    /// Applies one event given as a JSON value. See [`Inventory::apply_values`].
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// let o = inv.apply_value(serde_json::json!({"type": "adjust", "id": "a1", "location": "DC1", "sku": "A", "delta": 0, "reason": "x"}));
    /// assert_eq!(o.error.unwrap().code(), omnistock::ErrorCode::InvalidQuantity);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn apply_value(&mut self, event: serde_json::Value) -> EventOutcome {
        let id = Event::id_in(&event);
        match Event::from_value(event) {
            Ok(e) => self.apply_one(&e),
            Err(err) => EventOutcome::rejected(id, err),
        }
    }

    /// Applies a JSON array of events. See [`Inventory::apply_values`].
    ///
    /// # Errors
    ///
    /// `invalid_input` if the text is not a JSON array (then nothing is applied).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{}"#)?;
    /// assert_eq!(inv.apply_json("[1, 2").unwrap_err().code(), omnistock::ErrorCode::InvalidInput);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn apply_json(&mut self, events: &str) -> Result<Vec<EventOutcome>> {
        let values: Vec<serde_json::Value> = serde_json::from_str(events).map_err(Error::from_json)?;
        Ok(self.apply_values(values))
    }

    /// Recomputes the ATP of every pool of each touched (SKU, component), stores it and
    /// returns the changes, ordered by pool id then SKU.
    pub(crate) fn refresh(&mut self, touched: Touched) -> Vec<AvailabilityChange> {
        let mut changes = Vec::new();
        let single = touched.more.is_empty();
        if let (true, Some((s, comp))) = (single, touched.first) {
            // One (SKU, component): pools come out in pool-id order already.
            self.refresh_one(s, comp, &mut changes);
            return changes;
        }
        for (s, comp) in touched.pairs() {
            self.refresh_one(s, comp, &mut changes);
        }
        let pool_rank = |c: &AvailabilityChange| self.topo.pool_index.get(c.pool.as_str()).copied();
        changes.sort_by(|a, b| (pool_rank(a), &a.sku).cmp(&(pool_rank(b), &b.sku)));
        changes
    }

    fn refresh_one(&mut self, s: SkuIdx, comp: u32, changes: &mut Vec<AvailabilityChange>) {
        let flow = if self.needs_flow(s, comp) {
            Some(self.component_atp(s, comp))
        } else {
            None
        };
        for (i, &p) in self.topo.components[comp as usize].pools.iter().enumerate() {
            let k = self.agg_index(s, p);
            let agg = self.ledger.agg[k];
            let uncapped = match &flow {
                Some(atps) => atps[i],
                None if agg.dated > 0 => self.pool_atp_at(s, p, crate::atp::WhatIf::default(), None),
                None => agg.uncapped_atp(),
            };
            let pool = &self.topo.pools[p as usize];
            let after = capped(uncapped, pool.share_bp);
            if agg.atp != after {
                self.ledger.agg[k].atp = after;
                changes.push(AvailabilityChange {
                    sku: self.ledger.sku_ids[s as usize].clone(),
                    pool: pool.id.clone(),
                    before: agg.atp,
                    after,
                    signal: signal(agg.atp, after, pool.low_stock),
                });
            }
        }
    }

    /// Interns a SKU, growing the aggregate table.
    pub(crate) fn intern_sku(&mut self, sku: &crate::Sku) -> SkuIdx {
        if let Some(s) = self.ledger.sku(sku.as_str()) {
            return s;
        }
        let s = self.ledger.sku_ids.len() as SkuIdx;
        self.ledger.sku_ids.push(sku.clone());
        self.ledger.sku_positions.push(Vec::new());
        self.ledger.sku_index.insert(sku.clone(), s);
        self.ledger
            .agg
            .extend(std::iter::repeat_n(PoolAgg::default(), self.topo.pools.len()));
        s
    }

    /// One position, if the ledger has it.
    ///
    /// # Errors
    ///
    /// `unknown_location`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 2}]"#)?;
    /// assert_eq!(inv.position("DC1", "A")?.unwrap().on_hand, 2);
    /// assert!(inv.position("DC1", "B")?.is_none());
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn position(&self, location: &str, sku: &str) -> Result<Option<PositionView>> {
        let l = self.topo.location(location)?;
        Ok(self
            .ledger
            .sku(sku)
            .and_then(|s| self.ledger.position(s, l))
            .map(|p| self.view(p)))
    }

    fn view(&self, p: &crate::ledger::Position) -> PositionView {
        PositionView {
            location: self.topo.loc_ids[p.loc as usize].clone(),
            sku: self.ledger.sku_ids[p.sku as usize].clone(),
            on_hand: p.on_hand,
            reserved: p.reserved,
            inbound: p.inbound,
            last_count_seq: p.last_count_seq,
            last_count_at: p.last_count_at,
        }
    }

    /// Every position, ordered by SKU then location id.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "e1", "location": "DC1", "sku": "B", "quantity": 2},
    ///                    {"type": "receive", "id": "e2", "location": "DC1", "sku": "A", "quantity": 1}]"#)?;
    /// let skus: Vec<_> = inv.positions().into_iter().map(|p| p.sku.to_string()).collect();
    /// assert_eq!(skus, ["A", "B"]);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn positions(&self) -> Vec<PositionView> {
        let mut v: Vec<PositionView> = self.ledger.positions.iter().map(|p| self.view(p)).collect();
        v.sort_by(|a, b| (&a.sku, &a.location).cmp(&(&b.sku, &b.location)));
        v
    }

    /// Outstanding reservations, ordered by id (see [`Reservation`] for an example).
    pub fn reservations(&self) -> impl Iterator<Item = &Reservation> {
        let mut v: Vec<&Reservation> = self.ledger.reservations.values().collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v.into_iter()
    }

    /// Outstanding inbound supplies, ordered by id.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// inv.apply_json(r#"[{"type": "supply_add", "id": "e1", "supply": "PO-1", "location": "DC1",
    ///                     "sku": "A", "quantity": 20, "expected": "2026-12-01"}]"#)?;
    /// let s = inv.supplies().next().unwrap();
    /// assert_eq!((s.id.as_str(), s.quantity, s.expected.to_string()), ("PO-1", 20, "2026-12-01".to_string()));
    /// assert_eq!(inv.position("DC1", "A")?.unwrap().inbound, 20);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn supplies(&self) -> impl Iterator<Item = &Supply> {
        let mut v: Vec<&Supply> = self.ledger.supplies.values().collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v.into_iter()
    }

    /// Whether an event id has been applied (rejected ids are not remembered).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{"locations": [{"id": "DC1", "kind": "warehouse"}]}"#)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "ok", "location": "DC1", "sku": "A", "quantity": 1},
    ///                    {"type": "receive", "id": "bad", "location": "DC9", "sku": "A", "quantity": 1}]"#)?;
    /// assert!(inv.has_applied("ok"));
    /// assert!(!inv.has_applied("bad"));
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn has_applied(&self, event: &str) -> bool {
        self.ledger.seen.contains(event)
    }
}

/// The threshold crossed by a change, if any.
pub(crate) fn signal(before: i64, after: i64, low: Option<i64>) -> Option<StockSignal> {
    if before > 0 && after == 0 {
        Some(StockSignal::OutOfStock)
    } else if before == 0 && after > 0 {
        Some(StockSignal::BackInStock)
    } else if matches!(low, Some(t) if after > 0 && after <= t && before > t) {
        Some(StockSignal::LowStock)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals() {
        assert_eq!(signal(3, 0, None), Some(StockSignal::OutOfStock));
        assert_eq!(signal(0, 2, Some(5)), Some(StockSignal::BackInStock));
        assert_eq!(signal(9, 5, Some(5)), Some(StockSignal::LowStock));
        assert_eq!(signal(5, 4, Some(5)), None);
        assert_eq!(signal(9, 6, Some(5)), None);
        assert_eq!(signal(4, 9, Some(5)), None);
    }
}
