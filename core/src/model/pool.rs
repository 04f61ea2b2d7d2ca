//! Pools: the set of locations a channel may sell from.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use jiff::civil::{Date, Weekday};

use super::{ChannelId, LocationId, PoolId, Sku};

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
    /// Product allocation: limits on what a channel selling from this pool may reserve per
    /// period (see [`Quota`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<Quota>,
    /// IANA time zone whose date is "today" for the pool's timeline and promises (default
    /// `UTC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// The period a [`Quota`] counts over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaPeriod {
    /// One calendar day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// No period: the limit holds for ever (e.g. a flash sale's whole allocation).
    Total,
}

impl QuotaPeriod {
    /// `day`, `week`, `month` or `total`.
    pub fn name(self) -> &'static str {
        match self {
            QuotaPeriod::Day => "day",
            QuotaPeriod::Week => "week",
            QuotaPeriod::Month => "month",
            QuotaPeriod::Total => "total",
        }
    }

    /// The first day of the period containing `date` (`None` for [`QuotaPeriod::Total`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use jiff::civil::date;
    /// use omnistock::QuotaPeriod;
    /// // 2026-11-26 is a Thursday: its ISO week starts on Monday 2026-11-23.
    /// assert_eq!(QuotaPeriod::Week.start(date(2026, 11, 26)), Some(date(2026, 11, 23)));
    /// assert_eq!(QuotaPeriod::Month.start(date(2026, 11, 26)), Some(date(2026, 11, 1)));
    /// assert_eq!(QuotaPeriod::Total.start(date(2026, 11, 26)), None);
    /// ```
    pub fn start(self, date: Date) -> Option<Date> {
        match self {
            QuotaPeriod::Day => Some(date),
            QuotaPeriod::Week => {
                let back = date.weekday().since(Weekday::Monday);
                Some(date.checked_sub(jiff::Span::new().days(back)).unwrap_or(date))
            }
            QuotaPeriod::Month => Some(date.first_of_month()),
            QuotaPeriod::Total => None,
        }
    }
}

/// Product allocation: a channel may reserve at most `quantity` units (of one SKU, or of each
/// SKU when `sku` is absent) per period, through this pool. This is what SAP aATP calls
/// product allocation.
///
/// A reservation made through the channel consumes the quota of the period containing its
/// `due` date (a reservation through a channel with a periodic quota must carry one);
/// releasing or expiring it gives the units back, shipping it does not. Reservations made
/// through the pool directly, not through the channel, are not counted.
///
/// # Examples
///
/// ```
/// let pool: omnistock::Pool = serde_json::from_str(r#"{
///     "id": "web",
///     "members": [{"location": "DC1"}],
///     "quotas": [{"channel": "marketplace", "sku": "X", "quantity": 500, "period": "week"}]
/// }"#).unwrap();
/// assert_eq!(pool.quotas[0].period, omnistock::QuotaPeriod::Week);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// The channel limited; it must sell from this pool.
    pub channel: ChannelId,
    /// The SKU limited; without one the limit applies to each SKU separately.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<Sku>,
    /// Units allowed per period (≥ 0).
    pub quantity: i64,
    /// The period the limit counts over.
    pub period: QuotaPeriod,
}
