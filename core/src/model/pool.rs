//! Pools: the set of locations a channel may sell from.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{LocationId, PoolId};

/// One member location of a pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolMember {
    /// The member location.
    pub location: LocationId,
    /// Units held back from this pool at this location (e.g. 2 per store for walk-in
    /// customers): the pool sees `max(0, on_hand − reserved − buffer)` there, where
    /// `reserved` is what reservations hold *at* the location.
    ///
    /// A buffer caps what its own pool takes from the location. Reservations that another
    /// pool holds without a location are not placed anywhere yet: when pools overlap they may
    /// be served from buffered units, so the buffer then protects against this pool only
    /// (the ATP flow gives each pool's edge to the location a capacity of `free − buffer` and
    /// the location a capacity of `free`).
    #[serde(default)]
    pub buffer: i64,
}

/// A pool of locations, with buffers, an optional share cap and a low-stock threshold.
///
/// # Examples
///
/// ```
/// let pool: omnistock::Pool = serde_json::from_str(r#"{
///     "id": "marketplace",
///     "members": [{"location": "DC1"}, {"location": "S1", "buffer": 2}],
///     "max_share_pct": "30",
///     "low_stock_threshold": 5
/// }"#).unwrap();
/// assert_eq!(pool.members[1].buffer, 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    /// Unique id.
    pub id: PoolId,
    /// Member locations, each at most once.
    pub members: Vec<PoolMember>,
    /// The pool sees at most this percentage (0..=100, at most two decimals) of what it could
    /// otherwise promise: `atp = floor(uncapped_atp × pct / 100)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_share_pct: Option<Decimal>,
    /// When the pool's ATP for a SKU falls to this value or below (but not to zero), the
    /// change feed reports `low_stock`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_stock_threshold: Option<i64>,
}
