//! Stock policies as data: defaults, rules by location / SKU / category, source limits and
//! per-channel ATP minimums.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ForecastMethod;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{ChannelId, LocationId, Sku};

/// How a position is replenished.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyType {
    /// Not replenished (alerts only).
    #[default]
    None,
    /// Odoo-style min/max: when the inventory position falls below `min`, order up to `max`.
    MinMax,
    /// Continuous review (s, S): the reorder point `s` is lead-time demand plus safety stock;
    /// at or below it, order up to `S = s + demand over cover_days`.
    ReorderPoint,
    /// Periodic review (R, S): every `review_days`, order up to demand over lead time plus
    /// review period, plus its safety stock.
    Periodic,
}

macro_rules! policy_fields {
    ($( $(#[$doc:meta])* $name:ident : $ty:ty, )+) => {
        /// The settings of a policy; every field is optional so rules can set a few and inherit
        /// the rest (see [`Policies`]).
        ///
        /// # Examples
        ///
        /// ```
        /// let f: omnistock::PolicyFields = serde_json::from_str(
        ///     r#"{"type": "min_max", "min": 4, "max": 12, "supplier": "ACME", "lead_time_days": 3}"#,
        /// ).unwrap();
        /// assert_eq!(f.max, Some(12));
        /// ```
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct PolicyFields {
            $( $(#[$doc])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $name: Option<$ty>, )+
        }

        /// A policy rule: which positions it applies to (any of `location`, `sku`, `category`;
        /// none means every position) and the settings it gives them.
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct PolicyRule {
            /// The location it applies to.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub location: Option<LocationId>,
            /// The SKU it applies to.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub sku: Option<Sku>,
            /// The SKU category it applies to (see [`Policies::categories`]).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub category: Option<String>,
            $( $(#[$doc])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $name: Option<$ty>, )+
        }

        impl PolicyRule {
            /// The rule's settings.
            pub fn fields(&self) -> PolicyFields {
                PolicyFields { $( $name: self.$name.clone(), )+ }
            }
        }

        impl PolicyFields {
            /// Overlays `more` (the more specific settings) on these. `supplier` and `source`
            /// go together (setting one clears the other), as do `service_level` and `z`. A
            /// new supplier or source also drops the inherited lead time, its deviation and the
            /// order costs, which belonged to the old one (a source location's then default to
            /// its lane's).
            fn overlay(&mut self, more: &PolicyFields) {
                let (sup, src) = (self.supplier.take(), self.source.take());
                let (sl, z) = (self.service_level.take(), self.z.take());
                if more.supplier.is_some() || more.source.is_some() {
                    self.lead_time_days = None;
                    self.lead_time_sd_days = None;
                    self.order_cost = None;
                    self.unit_cost = None;
                }
                $( if more.$name.is_some() { self.$name = more.$name.clone(); } )+
                if more.supplier.is_none() && more.source.is_none() {
                    self.supplier = sup;
                    self.source = src;
                }
                if more.service_level.is_none() && more.z.is_none() {
                    self.service_level = sl;
                    self.z = z;
                }
            }
        }
    };
}

policy_fields! {
    /// How the position is replenished (default `none`).
    #[serde(rename = "type")]
    kind: PolicyType,
    /// The forecast method (default a 28-day moving average).
    forecast: ForecastMethod,
    /// Days of history the forecast reads, ending yesterday (default: all, at most 3,660).
    history_days: u32,
    /// Target cycle service level, 0.5..=0.9999 (default 0.95); or give `z`.
    service_level: f64,
    /// Safety factor, 0..=6, instead of a service level.
    z: f64,
    /// Days from ordering to receiving, 0..=366. Required with a supplier; with a source
    /// location it defaults to the lane's days (counted as calendar days).
    lead_time_days: u32,
    /// Standard deviation of the lead time in days, 0..=366 (default 0).
    lead_time_sd_days: f64,
    /// The supplier a purchase is placed with.
    supplier: String,
    /// The location a transfer comes from (a warehouse, or another store).
    source: LocationId,
    /// `min_max`: order when the inventory position is below this.
    min: i64,
    /// `min_max`: order up to this.
    max: i64,
    /// `reorder_point`: days of demand ordered beyond the reorder point, 0..=3660 (default 7).
    cover_days: u32,
    /// `periodic`: days between reviews, 1..=366.
    review_days: u32,
    /// `periodic`: a review date; reviews fall every `review_days` from it (default: every run
    /// is a review).
    review_anchor: Date,
    /// Minimum order quantity (default 1).
    moq: i64,
    /// Orders are whole packs of this many units (default 1).
    pack_size: i64,
    /// Shelf capacity: no proposal takes on hand + inbound above it.
    max_units: i64,
    /// Cost of one replenishment order from the regular source, 0..=10^9 (default: the
    /// lane's base cost for a source location, else 0).
    order_cost: Decimal,
    /// Cost per unit from the regular source, 0..=10^9 (default: the lane's per-unit cost
    /// for a source location, else 0).
    unit_cost: Decimal,
    /// Alert `stale_data` when the location's last count is older than this many days.
    stale_after_days: u32,
    /// Alert `excess_stock` above this many days of cover.
    excess_cover_days: u32,
}

/// A SKU's category, for category rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkuCategory {
    /// The SKU.
    pub sku: Sku,
    /// Its category.
    pub category: String,
}

/// A source's daily limit on units it can ship for replenishment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLimit {
    /// A supplier id (exactly one of `supplier` and `location`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    /// A source location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationId>,
    /// Units per day, ≥ 0.
    pub units_per_day: i64,
}

/// A channel's minimum ATP: alert `below_min_atp` when a SKU's ATP for the channel is below.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinAtp {
    /// The channel.
    pub channel: ChannelId,
    /// The minimum, ≥ 1.
    pub units: i64,
    /// Only this SKU (more specific than a category).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<Sku>,
    /// Only this category (more specific than no selector).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

/// Stock policies: defaults, then rules from least to most specific, field by field.
///
/// A position (location, SKU) takes the built-in defaults, then `defaults`, then the rules
/// that match it in this order: `{location}`, `{category}`, `{location, category}`, `{sku}`,
/// `{location, sku}`. Each rule overrides only the fields it sets. Two rules with the same
/// selector are refused (`duplicate_id`), so the order of `rules` never matters.
///
/// # Examples
///
/// ```
/// let p = omnistock::Policies::from_json(r#"{
///     "defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 5},
///     "rules": [{"category": "toys", "service_level": 0.99},
///               {"location": "S1", "sku": "A", "type": "min_max", "min": 2, "max": 9}],
///     "categories": [{"sku": "A", "category": "toys"}]
/// }"#)?;
/// assert_eq!(p.rules.len(), 2);
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policies {
    /// Settings for every position.
    #[serde(default)]
    pub defaults: PolicyFields,
    /// Rules by location, SKU, category.
    #[serde(default)]
    pub rules: Vec<PolicyRule>,
    /// SKU categories.
    #[serde(default)]
    pub categories: Vec<SkuCategory>,
    /// Daily limits of suppliers and source locations.
    #[serde(default)]
    pub sources: Vec<SourceLimit>,
    /// Minimum ATP per channel.
    #[serde(default)]
    pub min_atp: Vec<MinAtp>,
}

fn policy_err(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidPolicy, message)
}

fn qty_err(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidQuantity, message)
}

const MAX_UNITS: i64 = 1_000_000_000_000;

impl PolicyFields {
    /// Checks each field's range (not the combination; see [`Policies`]).
    fn check(&self) -> Result<()> {
        if let Some(m) = &self.forecast {
            m.validate().map_err(|e| e.within("forecast"))?;
        }
        let days = |v: Option<u32>, lo: u32, hi: u32, f: &str| match v {
            Some(d) if d < lo || d > hi => Err(policy_err(format!("must be {lo}..={hi} days, got {d}")).at(f)),
            _ => Ok(()),
        };
        days(self.history_days, 1, super::MAX_HISTORY_DAYS, "history_days")?;
        days(self.lead_time_days, 0, 366, "lead_time_days")?;
        days(self.cover_days, 0, 3660, "cover_days")?;
        days(self.review_days, 1, 366, "review_days")?;
        days(self.stale_after_days, 1, 3660, "stale_after_days")?;
        days(self.excess_cover_days, 1, 3660, "excess_cover_days")?;
        let real = |v: Option<f64>, lo: f64, hi: f64, f: &str| match v {
            Some(x) if !(x.is_finite() && x >= lo && x <= hi) => {
                Err(policy_err(format!("must be {lo}..={hi}, got {x}")).at(f))
            }
            _ => Ok(()),
        };
        real(self.service_level, 0.5, 0.9999, "service_level")?;
        real(self.z, 0.0, 6.0, "z")?;
        real(self.lead_time_sd_days, 0.0, 366.0, "lead_time_sd_days")?;
        if self.service_level.is_some() && self.z.is_some() {
            return Err(policy_err("give `service_level` or `z`, not both").at("z"));
        }
        if self.supplier.is_some() && self.source.is_some() {
            return Err(policy_err("give `supplier` or `source`, not both").at("source"));
        }
        if self.supplier.as_deref().is_some_and(|s| s.trim().is_empty()) {
            return Err(policy_err("supplier id must not be empty").at("supplier"));
        }
        let units = |v: Option<i64>, lo: i64, f: &str| match v {
            Some(q) if q < lo || q > MAX_UNITS => Err(qty_err(format!("must be {lo}..={MAX_UNITS}, got {q}")).at(f)),
            _ => Ok(()),
        };
        units(self.min, 0, "min")?;
        units(self.max, 0, "max")?;
        units(self.moq, 1, "moq")?;
        units(self.pack_size, 1, "pack_size")?;
        units(self.max_units, 0, "max_units")?;
        if let (Some(lo), Some(hi)) = (self.min, self.max) {
            if hi < lo {
                return Err(qty_err(format!("max ({hi}) is below min ({lo})")).at("max"));
            }
        }
        for (v, f) in [(&self.order_cost, "order_cost"), (&self.unit_cost, "unit_cost")] {
            if let Some(c) = v {
                if c.is_sign_negative() && !c.is_zero() || *c > Decimal::from(1_000_000_000) {
                    return Err(policy_err(format!("a cost must be 0..=1000000000, got {c}")).at(f));
                }
            }
        }
        Ok(())
    }
}

/// Selector of a rule: (location, category, sku).
type Key = (Option<LocationId>, Option<String>, Option<Sku>);

/// A position's merged settings and its safety factor.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub fields: Arc<PolicyFields>,
    /// `z`, or the normal quantile of the service level (default 95 %).
    pub z: f64,
}

/// Policies checked and indexed for lookups by `&str`.
pub(crate) struct Compiled {
    defaults: PolicyFields,
    rules: BTreeMap<Key, usize>,
    fields: Vec<PolicyFields>,
    by_loc: FxHashMap<LocationId, u32>,
    by_cat: FxHashMap<String, u32>,
    by_loc_cat: FxHashMap<LocationId, FxHashMap<String, u32>>,
    by_sku: FxHashMap<Sku, u32>,
    by_loc_sku: FxHashMap<LocationId, FxHashMap<Sku, u32>>,
    categories: FxHashMap<Sku, String>,
    /// Merged settings per combination of matching rules.
    cache: RefCell<FxHashMap<[Option<u32>; 5], Resolved>>,
    pub sources: BTreeMap<(bool, String), i64>,
    pub min_atp: Vec<MinAtp>,
}

impl Policies {
    /// Parses policies from JSON.
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field, for text that is not a policies document.
    pub fn from_json(text: &str) -> Result<Policies> {
        crate::error::read_json(text)
    }

    /// Reads policies from a JSON value (what the bindings build from host objects).
    ///
    /// # Errors
    ///
    /// As [`Policies::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Policies> {
        crate::error::read_value(value)
    }

    pub(crate) fn compile(&self) -> Result<Compiled> {
        self.defaults.check().map_err(|e| e.within("defaults"))?;
        let mut rules = BTreeMap::new();
        let mut fields = Vec::with_capacity(self.rules.len());
        for (i, r) in self.rules.iter().enumerate() {
            let f = r.fields();
            f.check().map_err(|e| e.within(&format!("rules[{i}]")))?;
            if r.sku.is_some() && r.category.is_some() {
                return Err(
                    policy_err("a rule names a `sku` or a `category`, not both").at(format!("rules[{i}].category"))
                );
            }
            let key = (r.location.clone(), r.category.clone(), r.sku.clone());
            if rules.insert(key, i).is_some() {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    "two rules with the same location, sku and category",
                )
                .at(format!("rules[{i}]")));
            }
            fields.push(f);
        }
        let mut categories = FxHashMap::default();
        for (i, c) in self.categories.iter().enumerate() {
            if categories.insert(c.sku.clone(), c.category.clone()).is_some() {
                return Err(
                    Error::new(ErrorCode::DuplicateId, format!("SKU `{}` has two categories", c.sku))
                        .at(format!("categories[{i}].sku")),
                );
            }
        }
        let mut sources = BTreeMap::new();
        for (i, s) in self.sources.iter().enumerate() {
            let key = match (&s.supplier, &s.location) {
                (Some(sup), None) => (false, sup.clone()),
                (None, Some(l)) => (true, l.as_str().to_owned()),
                _ => {
                    return Err(
                        policy_err("a source limit names exactly one of `supplier` and `location`")
                            .at(format!("sources[{i}]")),
                    );
                }
            };
            if !(0..=MAX_UNITS).contains(&s.units_per_day) {
                return Err(qty_err(format!(
                    "units_per_day must be 0..={MAX_UNITS}, got {}",
                    s.units_per_day
                ))
                .at(format!("sources[{i}].units_per_day")));
            }
            if sources.insert(key, s.units_per_day).is_some() {
                return Err(
                    Error::new(ErrorCode::DuplicateId, "two limits for the same source").at(format!("sources[{i}]"))
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, m) in self.min_atp.iter().enumerate() {
            if !(1..=MAX_UNITS).contains(&m.units) {
                return Err(qty_err(format!("units must be 1..={MAX_UNITS}, got {}", m.units))
                    .at(format!("min_atp[{i}].units")));
            }
            if m.sku.is_some() && m.category.is_some() {
                return Err(policy_err("a minimum names a `sku` or a `category`, not both")
                    .at(format!("min_atp[{i}].category")));
            }
            if !seen.insert((m.channel.clone(), m.sku.clone(), m.category.clone())) {
                return Err(
                    Error::new(ErrorCode::DuplicateId, "two minimums for the same channel and selector")
                        .at(format!("min_atp[{i}]")),
                );
            }
        }
        let mut c = Compiled {
            defaults: self.defaults.clone(),
            rules: BTreeMap::new(),
            fields,
            by_loc: FxHashMap::default(),
            by_cat: FxHashMap::default(),
            by_loc_cat: FxHashMap::default(),
            by_sku: FxHashMap::default(),
            by_loc_sku: FxHashMap::default(),
            categories,
            cache: Default::default(),
            sources,
            min_atp: self.min_atp.clone(),
        };
        for ((l, cat, sku), &i) in &rules {
            let i = i as u32;
            match (l, cat, sku) {
                (None, None, None) => {
                    // a rule for every position: one more layer of defaults
                    let f = c.fields[i as usize].clone();
                    c.defaults.overlay(&f);
                }
                (Some(l), None, None) => drop(c.by_loc.insert(l.clone(), i)),
                (None, Some(k), None) => drop(c.by_cat.insert(k.clone(), i)),
                (Some(l), Some(k), None) => drop(c.by_loc_cat.entry(l.clone()).or_default().insert(k.clone(), i)),
                (None, None, Some(s)) => drop(c.by_sku.insert(s.clone(), i)),
                (Some(l), None, Some(s)) => drop(c.by_loc_sku.entry(l.clone()).or_default().insert(s.clone(), i)),
                (_, Some(_), Some(_)) => unreachable!("refused above"),
            }
        }
        c.rules = rules;
        Ok(c)
    }
}

impl Compiled {
    pub(crate) fn category(&self, sku: &str) -> Option<&String> {
        self.categories.get(sku)
    }

    /// The SKUs given a category.
    pub(crate) fn category_skus(&self) -> impl Iterator<Item = &Sku> {
        self.categories.keys()
    }

    /// The merged settings of a position (see [`Policies`]); `sku` None gives the location's
    /// own settings (defaults and `{location}` rules).
    pub(crate) fn resolve(&self, location: &str, sku: Option<&str>) -> Resolved {
        let cat = sku.and_then(|s| self.categories.get(s)).map(String::as_str);
        let hits = [
            self.by_loc.get(location).copied(),
            cat.and_then(|c| self.by_cat.get(c).copied()),
            cat.and_then(|c| self.by_loc_cat.get(location)?.get(c).copied()),
            sku.and_then(|s| self.by_sku.get(s).copied()),
            sku.and_then(|s| self.by_loc_sku.get(location)?.get(s).copied()),
        ];
        if let Some(r) = self.cache.borrow().get(&hits) {
            return r.clone();
        }
        let mut merged = self.defaults.clone();
        for i in hits.iter().flatten() {
            merged.overlay(&self.fields[*i as usize]);
        }
        let z = match (merged.z, merged.service_level) {
            (Some(z), _) => z,
            (None, Some(p)) => z_of(p),
            (None, None) => z_of(0.95),
        };
        let r = Resolved {
            fields: Arc::new(merged),
            z,
        };
        self.cache.borrow_mut().insert(hits, r.clone());
        r
    }

    /// The (location, SKU) pairs rules name.
    pub(crate) fn named_pairs(&self) -> impl Iterator<Item = (&LocationId, &Sku)> {
        self.rules
            .keys()
            .filter_map(|(l, _, s)| Some((l.as_ref()?, s.as_ref()?)))
    }
}

/// The inverse of the standard normal distribution function, by bisection on
/// `Φ(z) = erfc(−z/√2) / 2` (libm's `erfc`, so every platform gets the same bits).
pub(crate) fn z_of(service_level: f64) -> f64 {
    let phi = |z: f64| 0.5 * libm::erfc(-z / std::f64::consts::SQRT_2);
    let (mut lo, mut hi) = (-1.0f64, 8.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid == lo || mid == hi {
            break;
        }
        if phi(mid) < service_level {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_matches_the_normal_table() {
        for (p, z) in [
            (0.5, 0.0),
            (0.9, 1.281551565545),
            (0.95, 1.644853626951),
            (0.99, 2.326347874041),
        ] {
            assert!((z_of(p) - z).abs() < 1e-9, "{p}: {}", z_of(p));
        }
    }

    #[test]
    fn more_specific_rules_override_field_by_field() {
        let p = Policies::from_json(
            r#"{"defaults": {"type": "reorder_point", "supplier": "ACME", "lead_time_days": 5, "moq": 3},
                "rules": [{"category": "toys", "source": "DC1", "service_level": 0.99},
                          {"location": "S1", "lead_time_days": 2},
                          {"location": "S1", "sku": "A", "z": 1.5}],
                "categories": [{"sku": "A", "category": "toys"}]}"#,
        )
        .unwrap();
        let c = p.compile().unwrap();
        let f = c.resolve("S1", Some("A")).fields;
        assert_eq!(f.supplier, None);
        assert_eq!(f.source.as_ref().map(|s| s.as_str()), Some("DC1"));
        // the category's source came after the location's lead time: the lead time belonged to
        // another source and is dropped (the lane's applies)
        assert_eq!(
            (f.lead_time_days, f.moq, f.z, f.service_level),
            (None, Some(3), Some(1.5), None)
        );
        let g = c.resolve("S1", Some("B")).fields;
        assert_eq!((g.supplier.as_deref(), g.lead_time_days), (Some("ACME"), Some(2)));
        let g = c.resolve("S2", Some("B")).fields;
        assert_eq!((g.supplier.as_deref(), g.lead_time_days), (Some("ACME"), Some(5)));
    }

    #[test]
    fn duplicates_and_ranges_are_refused() {
        let dup = Policies::from_json(r#"{"rules": [{"sku": "A", "moq": 2}, {"sku": "A", "min": 1}]}"#).unwrap();
        assert_eq!(dup.compile().err().unwrap().code(), ErrorCode::DuplicateId);
        let bad =
            Policies::from_json(r#"{"rules": [{"sku": "A", "forecast": {"method": "ses", "alpha": 2}}]}"#).unwrap();
        let e = bad.compile().err().unwrap();
        assert_eq!(
            (e.code(), e.context()["field"].as_str()),
            (ErrorCode::InvalidPolicy, "rules[0].forecast.alpha")
        );
        let minmax = Policies::from_json(r#"{"defaults": {"min": 5, "max": 4}}"#).unwrap();
        assert_eq!(minmax.compile().err().unwrap().context()["field"], "defaults.max");
    }
}
