//! Time-phased available-to-promise: daily buckets from today, discrete and cumulative ATP.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{WhatIf, capped};
use crate::Inventory;
use crate::error::{Error, Result};
use crate::model::{ChannelId, PoolId, PoolIdx, Sku};

/// The longest timeline one call may ask for, in days.
pub const MAX_TIMELINE_DAYS: u32 = 3660;

/// One day of an [`AtpTimeline`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtpBucket {
    /// The day (in the pool's time zone).
    pub date: Date,
    /// Units becoming usable that day: for the first bucket, the pool's sellable stock on hand
    /// plus supply expected today or earlier; then supply expected that day (what the pool's
    /// buffers leave of it).
    pub supply: i64,
    /// Units held by the pool that fall due that day: for the first bucket, reservations
    /// without a due date and those due today or earlier.
    pub demand: i64,
    /// Discrete ATP with backward consumption: `supply − demand`, where a day's shortage is
    /// taken from the days before it (latest first), so a later shortage shows where it is
    /// covered.
    pub discrete_atp: i64,
    /// Cumulative ATP with look-ahead: the running sum of `discrete_atp`, equal to the least
    /// net availability from this day on. Negative only if the data force an oversell.
    pub cumulative_atp: i64,
    /// What one more reservation held by the pool and due that day could take: the
    /// cumulative ATP (never below zero), competition with other pools for shared stock, the
    /// pool's share cap and, for a channel, its quota left.
    pub promisable: i64,
    /// For a channel with a quota: units it may still reserve for that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_left: Option<i64>,
}

/// Supply and demand after the last bucket: they still constrain the cumulative ATP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeyondHorizon {
    /// Usable supply expected after the horizon.
    pub supply: i64,
    /// Demand due after the horizon.
    pub demand: i64,
}

/// A SKU's availability over time through a pool (or a channel): see
/// [`Inventory::atp_timeline`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtpTimeline {
    /// The SKU.
    pub sku: Sku,
    /// The pool.
    pub pool: PoolId,
    /// The channel, when asked through one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ChannelId>,
    /// ATP now (what [`Inventory::atp`] returns): stock on hand only.
    pub atp_now: i64,
    /// One bucket per day, from today.
    pub buckets: Vec<AtpBucket>,
    /// After the last bucket.
    pub beyond: BeyondHorizon,
}

fn to_i64(v: i128) -> i64 {
    v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// Discrete ATP with backward consumption and its running sum, for supply and demand per time
/// point in date order.
pub(crate) fn discrete_and_cumulative(supply: &[i128], demand: &[i128]) -> (Vec<i128>, Vec<i128>) {
    let mut a: Vec<i128> = supply.iter().zip(demand).map(|(s, d)| s - d).collect();
    for t in (1..a.len()).rev() {
        if a[t] < 0 {
            a[t - 1] += a[t];
            a[t] = 0;
        }
    }
    let mut run = 0i128;
    let cum = a
        .iter()
        .map(|x| {
            run += x;
            run
        })
        .collect();
    (a, cum)
}

impl Inventory {
    /// Today's date for a pool.
    pub(crate) fn pool_today(&self, p: PoolIdx, now: Timestamp) -> Date {
        now.to_zoned(self.topo.pool_tz[p as usize].clone()).date()
    }

    /// Time-phased ATP of a SKU through a pool: `days` daily buckets from today (the date of
    /// `now` in the pool's time zone), with supply, demand, discrete ATP (backward
    /// consumption) and cumulative ATP with look-ahead, as in the APICS/SAP method.
    ///
    /// Supply is stock on hand (first bucket) and outstanding supplies at enabled member
    /// locations by expected date; demand is what the pool holds without a location, by due
    /// date. A reservation with `due` set to a bucket's date can take that bucket's
    /// `promisable`, and taking it never uncovers a reservation due later.
    ///
    /// # Errors
    ///
    /// `unknown_pool`; `invalid_input` if `days` is 0 or above [`MAX_TIMELINE_DAYS`].
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}]}]
    /// }"#)?;
    /// inv.apply_json(r#"[
    ///     {"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 10},
    ///     {"type": "supply_add", "id": "e2", "supply": "PO-1", "location": "DC1", "sku": "A",
    ///      "quantity": 20, "expected": "2026-12-01"},
    ///     {"type": "reserve", "id": "e3", "reservation": "r1", "sku": "A", "quantity": 25,
    ///      "pool": "web", "kind": "hard", "due": "2026-12-02"}
    /// ]"#)?;
    /// let now: jiff::Timestamp = "2026-11-26T10:00:00Z".parse().unwrap();
    /// let t = inv.atp_timeline("A", "web", now, 7)?;
    /// // 10 on hand + 20 on Dec 1 − 25 due Dec 2: 5 left, promisable from today.
    /// assert_eq!(t.atp_now, 5);
    /// assert_eq!(t.buckets[0].cumulative_atp, 5);
    /// assert_eq!(t.buckets[5].supply, 20); // 2026-12-01
    /// assert_eq!(t.buckets[6].promisable, 5);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn atp_timeline(&self, sku: &str, pool: &str, now: Timestamp, days: u32) -> Result<AtpTimeline> {
        let p = self.topo.pool(pool)?;
        self.timeline(sku, p, None, now, days)
    }

    /// [`Inventory::atp_timeline`] through the pool a channel sells from, with the channel's
    /// quotas applied to `promisable` and reported in `quota_left`.
    ///
    /// # Errors
    ///
    /// `unknown_channel`; `invalid_input` for `days` as in [`Inventory::atp_timeline`].
    ///
    /// # Examples
    ///
    /// ```
    /// let mut inv = omnistock::Inventory::from_json(r#"{
    ///     "locations": [{"id": "DC1", "kind": "warehouse"}],
    ///     "channels": [{"id": "mkp", "kind": "marketplace", "pool": "web"}],
    ///     "pools": [{"id": "web", "members": [{"location": "DC1"}],
    ///                "quotas": [{"channel": "mkp", "quantity": 3, "period": "week"}]}]
    /// }"#)?;
    /// inv.apply_json(r#"[{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 10}]"#)?;
    /// let now: jiff::Timestamp = "2026-11-26T10:00:00Z".parse().unwrap(); // a Thursday
    /// let t = inv.atp_timeline_for_channel("A", "mkp", now, 5)?;
    /// assert_eq!((t.buckets[0].promisable, t.buckets[0].quota_left), (3, Some(3)));
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn atp_timeline_for_channel(&self, sku: &str, channel: &str, now: Timestamp, days: u32) -> Result<AtpTimeline> {
        let p = self.topo.channel(channel)?;
        self.timeline(sku, p, Some(ChannelId::from(channel)), now, days)
    }

    fn timeline(
        &self,
        sku: &str,
        p: PoolIdx,
        channel: Option<ChannelId>,
        now: Timestamp,
        days: u32,
    ) -> Result<AtpTimeline> {
        if days == 0 || days > MAX_TIMELINE_DAYS {
            return Err(
                Error::invalid_input(format!("days must be within 1..={MAX_TIMELINE_DAYS}, got {days}"))
                    .at("days")
                    .with("value", days),
            );
        }
        let today = self.pool_today(p, now);
        let n = days as usize;
        let dates: Vec<Date> = (0..n)
            .map(|i| today.checked_add(jiff::Span::new().days(i as i64)))
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| Error::invalid_input("the timeline runs past the last supported date").at("days"))?;
        let pool = &self.topo.pools[p as usize];
        let sku_id = Sku::from(sku);
        let s = self.ledger.sku(sku);
        // Per-day supply and demand, then one entry per later date: later dates stay apart so
        // a shortage after the horizon still consumes what comes before it.
        let mut supply = vec![0i128; n];
        let mut demand = vec![0i128; n];
        if let Some(s) = s {
            for b in self.pool_buckets(s, p, WhatIf::default(), None) {
                let t = match b.date {
                    None => 0,
                    Some(d) if d <= today => 0,
                    Some(d) if d > dates[n - 1] => {
                        supply.push(0);
                        demand.push(0);
                        supply.len() - 1
                    }
                    Some(d) => (d - today).get_days() as usize,
                };
                supply[t] += b.supply;
                demand[t] += b.demand;
            }
        }
        let (discrete, cum) = discrete_and_cumulative(&supply, &demand);
        let uncapped: Vec<i64> = match s {
            None => vec![0; n],
            Some(s) if self.needs_flow(s, pool.component) => {
                let at: Vec<Option<Date>> = dates.iter().map(|&d| Some(d)).collect();
                self.pool_atp_dated(s, p, &at)
            }
            Some(_) => cum[..n].iter().map(|&c| to_i64(c.max(0))).collect(),
        };
        let buckets = (0..n)
            .map(|t| {
                let quota_left = channel
                    .as_ref()
                    .and_then(|ch| self.quota_left(p, ch.as_str(), &sku_id, Some(dates[t])));
                let mut promisable = capped(uncapped[t], pool.share_bp);
                if let Some(q) = quota_left {
                    promisable = promisable.min(q);
                }
                AtpBucket {
                    date: dates[t],
                    supply: to_i64(supply[t]),
                    demand: to_i64(demand[t]),
                    discrete_atp: to_i64(discrete[t]),
                    cumulative_atp: to_i64(cum[t]),
                    promisable,
                    quota_left,
                }
            })
            .collect();
        Ok(AtpTimeline {
            sku: sku_id,
            pool: pool.id.clone(),
            channel,
            atp_now: self.atp_idx(s, p),
            buckets,
            beyond: BeyondHorizon {
                supply: to_i64(supply[n..].iter().sum()),
                demand: to_i64(demand[n..].iter().sum()),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atp::Bucket;

    fn run(s: &[i128], d: &[i128]) -> (Vec<i128>, Vec<i128>) {
        discrete_and_cumulative(s, d)
    }

    #[test]
    fn backward_consumption_moves_shortages_to_earlier_days() {
        // net 8, −8, −5: the last day's 5 and the middle day's 8 come from day one.
        assert_eq!(run(&[10, 0, 5], &[2, 8, 10]), (vec![-5, 0, 0], vec![-5, -5, -5]));
        assert_eq!(run(&[10, 0, 20], &[5, 10, 5]), (vec![-5, 0, 15], vec![-5, -5, 10]));
        assert_eq!(run(&[10, 5, 5], &[0, 0, 0]), (vec![10, 5, 5], vec![10, 15, 20]));
    }

    #[test]
    fn cumulative_is_the_least_net_from_then_on() {
        let (s, d) = ([7i128, 0, 3, 9, 0], [2i128, 6, 1, 12, 0]);
        let (_, cum) = run(&s, &d);
        let b: Vec<Bucket> = s
            .iter()
            .zip(&d)
            .map(|(&supply, &demand)| Bucket {
                date: None,
                supply,
                demand,
            })
            .collect();
        assert_eq!(cum, super::super::cumulative_with_lookahead(&b));
    }
}
