//! Product allocation: what each channel has consumed of its quotas, per period.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::Inventory;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{ChannelId, PoolId, PoolIdx, Quota, Sku};

/// Key of one quota counter: (pool, quota index in the pool, SKU, first day of the period).
pub(crate) type QuotaKey = (PoolIdx, u32, Sku, Option<Date>);

/// One quota counter as stored in a snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuotaUse {
    pub pool: PoolId,
    /// Index of the quota in the pool's `quotas`.
    pub quota: u32,
    pub sku: Sku,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Date>,
    pub used: i64,
}

impl Inventory {
    /// The quotas of pool `p` that a reservation of `sku` through `channel` falls under.
    pub(crate) fn quotas_for<'a>(
        &'a self,
        p: PoolIdx,
        channel: &'a str,
        sku: &'a str,
    ) -> impl Iterator<Item = (u32, &'a Quota)> + 'a {
        self.topo.pools[p as usize]
            .quotas
            .iter()
            .enumerate()
            .filter(move |(_, q)| q.channel.as_str() == channel && q.sku.as_ref().is_none_or(|s| s.as_str() == sku))
            .map(|(i, q)| (i as u32, q))
    }

    fn quota_used(&self, key: &QuotaKey) -> i64 {
        self.ledger.quota_used.get(key).copied().unwrap_or(0)
    }

    /// Units the channel may still reserve of `sku` for demand due on `date` (`None`: no
    /// date, so only quotas without a period can be counted), or `None` if no quota applies.
    ///
    /// A periodic quota and no date: `Some(0)`, since such a reservation would be refused.
    pub(crate) fn quota_left(&self, p: PoolIdx, channel: &str, sku: &Sku, date: Option<Date>) -> Option<i64> {
        let mut left: Option<i64> = None;
        for (i, q) in self.quotas_for(p, channel, sku.as_str()) {
            let l = match (q.period, date) {
                (crate::QuotaPeriod::Total, _) => q.quantity - self.quota_used(&(p, i, sku.clone(), None)),
                (period, Some(d)) => q.quantity - self.quota_used(&(p, i, sku.clone(), period.start(d))),
                (_, None) => 0,
            };
            left = Some(left.map_or(l, |x: i64| x.min(l)));
        }
        left.map(|l| l.max(0))
    }

    /// Checks that reserving `q` units of `sku` through `channel` (pool `p`) with `due` fits
    /// every quota, and returns the counters to charge.
    pub(crate) fn quota_check(
        &self,
        p: PoolIdx,
        channel: &ChannelId,
        sku: &Sku,
        due: Option<Date>,
        q: i64,
    ) -> Result<Vec<QuotaKey>> {
        let mut keys = Vec::new();
        for (i, quota) in self.quotas_for(p, channel.as_str(), sku.as_str()) {
            let period = match (quota.period, due) {
                (crate::QuotaPeriod::Total, _) => None,
                (period, Some(d)) => period.start(d),
                (period, None) => {
                    return Err(Error::invalid_input(format!(
                        "channel `{channel}` has a {} quota: the reservation needs `due`",
                        period.name()
                    ))
                    .at("due"));
                }
            };
            let key = (p, i, sku.clone(), period);
            let used = self.quota_used(&key);
            if q > quota.quantity - used {
                let mut err = Error::new(
                    ErrorCode::QuotaExceeded,
                    format!(
                        "channel `{channel}` may reserve {} more of `{sku}` this {} ({} of {} used), {q} requested",
                        (quota.quantity - used).max(0),
                        quota.period.name(),
                        used,
                        quota.quantity
                    ),
                )
                .with("channel", channel)
                .with("sku", sku)
                .with("quota", quota.quantity)
                .with("used", used)
                .with("requested", q);
                if let Some(start) = period {
                    err = err.with("period", start);
                }
                return Err(err);
            }
            keys.push(key);
        }
        Ok(keys)
    }

    /// Adds `delta` to a counter (removing it at zero).
    pub(crate) fn charge_quota(&mut self, key: QuotaKey, delta: i64) {
        let v = self.ledger.quota_used.entry(key.clone()).or_insert(0);
        *v += delta;
        if *v <= 0 {
            self.ledger.quota_used.remove(&key);
        }
    }

    /// Gives back `q` units a reservation consumed.
    pub(crate) fn refund_quota(&mut self, p: PoolIdx, channel: &ChannelId, sku: &Sku, due: Option<Date>, q: i64) {
        let keys: Vec<QuotaKey> = self
            .quotas_for(p, channel.as_str(), sku.as_str())
            .filter_map(|(i, quota)| match (quota.period, due) {
                (crate::QuotaPeriod::Total, _) => Some((p, i, sku.clone(), None)),
                (period, Some(d)) => Some((p, i, sku.clone(), period.start(d))),
                (_, None) => None,
            })
            .collect();
        for k in keys {
            self.charge_quota(k, -q);
        }
    }

    /// Every counter, for a snapshot.
    pub(crate) fn quota_uses(&self) -> Vec<QuotaUse> {
        self.ledger
            .quota_used
            .iter()
            .map(|((p, i, sku, period), &used)| QuotaUse {
                pool: self.topo.pools[*p as usize].id.clone(),
                quota: *i,
                sku: sku.clone(),
                period: *period,
                used,
            })
            .collect()
    }
}
