//! The stock ledger: positions, reservations, inbound supply, idempotent events.

mod apply;
mod event;
mod quota;
mod seen;
mod snapshot;
pub use snapshot::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION};

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use event::{
    Adjust, AvailabilityChange, Count, Event, EventOutcome, EventStatus, Expire, Fulfil, Receive, Release,
    ReservationKind, Reserve, StockSignal, SupplyAdd, SupplyCancel, SupplyReceive, Transfer,
};

use crate::model::{ChannelId, LocIdx, LocationId, PoolId, PoolIdx, ReservationId, Sku, SupplyId};

/// Dense index of a SKU (order of first appearance; never reaches an output).
pub(crate) type SkuIdx = u32;

/// An outstanding reservation.
///
/// # Examples
///
/// ```
/// let network = omnistock::Network::from_json(r#"{
///     "locations": [{"id": "DC1", "kind": "warehouse"}],
///     "pools": [{"id": "web", "members": [{"location": "DC1"}]}]
/// }"#)?;
/// let mut inv = omnistock::Inventory::new(network)?;
/// inv.apply_json(r#"[
///     {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 5},
///     {"type": "reserve", "id": "e2", "reservation": "r1", "sku": "A", "quantity": 2,
///      "pool": "web", "kind": "hard"}
/// ]"#)?;
/// let r = inv.reservations().next().unwrap();
/// assert_eq!((r.id.as_str(), r.quantity, r.location.is_none()), ("r1", 2, true));
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reservation {
    /// Reservation id.
    pub id: ReservationId,
    /// SKU held.
    pub sku: Sku,
    /// The pool it was made through.
    pub pool: PoolId,
    /// The channel it was made through, if it was made through a channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ChannelId>,
    /// The location holding it, or `None` if the pool holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationId>,
    /// Units still held.
    pub quantity: i64,
    /// Soft or hard.
    pub kind: ReservationKind,
    /// Expiry of a soft reservation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// The date the units are needed by (the promised availability date). A reservation
    /// held by a pool with a due date may be covered by supply expected on or before that
    /// date; without one it is covered by stock on hand. A reservation held at a location is
    /// always covered by that location's stock on hand; its due date is only recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

/// An outstanding inbound supply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supply {
    /// Supply id.
    pub id: SupplyId,
    /// Receiving location.
    pub location: LocationId,
    /// SKU.
    pub sku: Sku,
    /// Units still expected.
    pub quantity: i64,
    /// Expected arrival date.
    pub expected: Date,
    /// The shipping location, for a transfer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<LocationId>,
}

/// A stock position (location, SKU) as seen from outside.
///
/// `sellable` for a pool is `max(0, on_hand − reserved − buffer)`; see
/// [`Inventory::atp_by_location`](crate::Inventory::atp_by_location).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionView {
    /// Location.
    pub location: LocationId,
    /// SKU.
    pub sku: Sku,
    /// Units physically present.
    pub on_hand: i64,
    /// Units held by reservations at this location.
    pub reserved: i64,
    /// Units expected from outstanding supplies.
    pub inbound: i64,
    /// Sequence number of the last applied count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_count_seq: Option<u64>,
    /// When the last applied count was taken, if it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_count_at: Option<Timestamp>,
}

/// Internal position record.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Position {
    pub sku: SkuIdx,
    pub loc: LocIdx,
    pub on_hand: i64,
    /// Units held by location-assigned reservations.
    pub reserved: i64,
    pub inbound: i64,
    pub last_count_seq: Option<u64>,
    pub last_count_at: Option<Timestamp>,
}

impl Position {
    /// Free stock: on hand, not held at this location.
    pub(crate) fn free(&self) -> i64 {
        self.on_hand - self.reserved
    }
}

/// Per (SKU, pool) aggregates, maintained incrementally.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PoolAgg {
    /// Σ over enabled members of `max(0, free − buffer)`. Wider than a quantity: the stock of
    /// many positions may add up beyond `i64`, and no event should fail for that.
    pub sum: i128,
    /// Units reserved through the pool without a location and without a due date.
    pub unassigned: i64,
    /// Units reserved through the pool without a location, with a due date.
    pub dated: i64,
    /// The pool's ATP, share cap applied: what a query returns.
    pub atp: i64,
}

impl PoolAgg {
    /// `sum − unassigned`, never below zero, and saturating at `i64::MAX` (no request can ask
    /// for more than that anyway).
    pub(crate) fn uncapped_atp(&self) -> i64 {
        (self.sum - self.unassigned as i128).clamp(0, i64::MAX as i128) as i64
    }
}

/// The mutable state behind an [`Inventory`](crate::Inventory).
#[derive(Clone, Debug, Default)]
pub(crate) struct Ledger {
    pub sku_ids: Vec<Sku>,
    pub sku_index: FxHashMap<Sku, SkuIdx>,
    pub positions: Vec<Position>,
    pub pos_index: FxHashMap<(SkuIdx, LocIdx), u32>,
    pub reservations: FxHashMap<ReservationId, Reservation>,
    /// Soft reservations by expiry, for `expire`.
    pub expiry: BTreeSet<(Timestamp, ReservationId)>,
    pub supplies: FxHashMap<SupplyId, Supply>,
    pub seen: seen::SeenIds,
    /// `sku_ids.len() × pools` aggregates, row-major by SKU.
    pub agg: Vec<PoolAgg>,
    /// Units held by pools with a due date, by (SKU, pool), then by due date.
    pub dated: FxHashMap<(SkuIdx, PoolIdx), BTreeMap<Date, i64>>,
    /// Units expected from outstanding supplies, by SKU, then by (expected date, location).
    pub arrivals: FxHashMap<SkuIdx, BTreeMap<(Date, LocIdx), i64>>,
    /// Each SKU's positions (indices into `positions`), in creation order.
    pub sku_positions: Vec<Vec<u32>>,
    /// Units each quota counter has consumed.
    pub quota_used: BTreeMap<quota::QuotaKey, i64>,
    /// Work committed per (location, local ship date).
    pub capacity: BTreeMap<(LocIdx, Date), crate::sourcing::CapacityUse>,
    /// Committed orders with units still held, by id.
    pub orders: BTreeMap<String, crate::sourcing::OpenOrder>,
    /// The order each committed reservation belongs to.
    pub res_order: FxHashMap<ReservationId, String>,
}

impl Ledger {
    pub(crate) fn sku(&self, sku: &str) -> Option<SkuIdx> {
        self.sku_index.get(sku).copied()
    }

    pub(crate) fn position(&self, s: SkuIdx, l: LocIdx) -> Option<&Position> {
        self.pos_index.get(&(s, l)).map(|&i| &self.positions[i as usize])
    }

    /// Adds `delta` units of dated demand of pool `p` at `due` (removing emptied dates);
    /// `k` is the (SKU, pool) aggregate's index.
    pub(crate) fn add_dated(&mut self, s: SkuIdx, p: PoolIdx, k: usize, due: Date, delta: i64) {
        self.agg[k].dated += delta;
        let m = self.dated.entry((s, p)).or_default();
        let v = m.entry(due).or_insert(0);
        *v += delta;
        if *v == 0 {
            m.remove(&due);
            if m.is_empty() {
                self.dated.remove(&(s, p));
            }
        }
    }

    /// Adds `delta` units expected at `l` on `date` (removing emptied entries).
    pub(crate) fn add_arrival(&mut self, s: SkuIdx, l: LocIdx, date: Date, delta: i64) {
        let m = self.arrivals.entry(s).or_default();
        let v = m.entry((date, l)).or_insert(0);
        *v += delta;
        if *v == 0 {
            m.remove(&(date, l));
            if m.is_empty() {
                self.arrivals.remove(&s);
            }
        }
    }

    /// Free stock at a position (0 if there is none).
    pub(crate) fn free(&self, s: SkuIdx, l: LocIdx) -> i64 {
        self.position(s, l).map_or(0, Position::free)
    }
}
