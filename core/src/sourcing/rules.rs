//! Rule sets: the weights of a plan's cost, as data.

use super::Scarcity;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};

/// The rules retailers know, as weight presets.
///
/// | preset | what it reproduces | weights |
/// |---|---|---|
/// | `priority` | Magento MSI's priority source selection: take from the best-ranked location, then the next | rank 1 per unit per rank step |
/// | `closest` | distance-based selection, Shopify's "closest location" | distance 1 per unit per km |
/// | `fewest_shipments` | one parcel when possible | split 1,000,000, shipping 1, handling 1 |
/// | `cheapest` | lowest logistics cost | shipping 1, handling 1 |
/// | `balanced` (default) | cost, with splits and lateness priced | shipping 1, handling 1, split 2, late 5 per day, rank 0.01 |
///
/// # Examples
///
/// ```
/// let p: omnistock::Preset = serde_json::from_str(r#""closest""#).unwrap();
/// assert_eq!(p.weights().distance.to_string(), "1");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Location rank order.
    Priority,
    /// Nearest location with stock.
    Closest,
    /// As few parcels as possible, then cheapest.
    FewestShipments,
    /// Lowest shipping and handling cost.
    Cheapest,
    /// The weighted default.
    #[default]
    Balanced,
}

impl Preset {
    /// The preset's weights.
    ///
    /// # Examples
    ///
    /// ```
    /// let w = omnistock::Preset::Priority.weights();
    /// assert_eq!((w.rank.to_string(), w.shipping.to_string()), ("1".into(), "0".into()));
    /// ```
    pub fn weights(self) -> Weights {
        let z = Decimal::ZERO;
        let one = Decimal::ONE;
        let base = Weights {
            shipping: z,
            handling: z,
            split: z,
            late_day: z,
            rank: z,
            distance: z,
        };
        match self {
            Preset::Priority => Weights { rank: one, ..base },
            Preset::Closest => Weights { distance: one, ..base },
            Preset::FewestShipments => Weights {
                split: Decimal::from(1_000_000),
                shipping: one,
                handling: one,
                ..base
            },
            Preset::Cheapest => Weights {
                shipping: one,
                handling: one,
                ..base
            },
            Preset::Balanced => Weights {
                shipping: one,
                handling: one,
                split: Decimal::from(2),
                late_day: Decimal::from(5),
                rank: Decimal::new(1, 2),
                ..base
            },
        }
    }

    /// The preset's name.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Priority => "priority",
            Preset::Closest => "closest",
            Preset::FewestShipments => "fewest_shipments",
            Preset::Cheapest => "cheapest",
            Preset::Balanced => "balanced",
        }
    }
}

/// The weights of a plan's cost terms (each ≥ 0).
///
/// A plan's score = `shipping` × shipping cost + `handling` × handling cost + `split` × extra
/// shipments + `late_day` × days late (summed over shipments, against the order's promised
/// date) + `rank` × Σ units × location priority rank + `distance` × Σ units × km.
///
/// # Examples
///
/// ```
/// let w = omnistock::Weights::default();
/// assert_eq!(w, omnistock::Preset::Balanced.weights());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Per currency unit of shipping cost.
    pub shipping: Decimal,
    /// Per currency unit of handling cost.
    pub handling: Decimal,
    /// Per shipment beyond the first.
    pub split: Decimal,
    /// Per shipment per day late.
    pub late_day: Decimal,
    /// Per unit per step of location rank (`Location::priority`).
    pub rank: Decimal,
    /// Per unit per km from the shipping location to the destination.
    pub distance: Decimal,
}

impl Default for Weights {
    fn default() -> Self {
        Preset::Balanced.weights()
    }
}

/// Weights a rule set overrides (the others come from its preset).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightOverrides {
    /// See [`Weights::shipping`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Decimal>,
    /// See [`Weights::handling`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<Decimal>,
    /// See [`Weights::split`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Decimal>,
    /// See [`Weights::late_day`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_day: Option<Decimal>,
    /// See [`Weights::rank`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<Decimal>,
    /// See [`Weights::distance`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance: Option<Decimal>,
}

/// How orders are sourced: a named, versioned set of weights and limits, as data.
///
/// In JSON, a bare preset name (`"cheapest"`) is the preset's rule set.
///
/// # Examples
///
/// ```
/// let r = omnistock::RuleSet::from_value(serde_json::json!({
///     "name": "web-2026-11", "preset": "cheapest", "weights": {"split": "3.5"}
/// }))?;
/// let w = r.weights()?;
/// assert_eq!((w.shipping.to_string(), w.split.to_string()), ("1".into(), "3.5".into()));
/// let p = omnistock::RuleSet::from_value(serde_json::json!("priority"))?;
/// assert_eq!(p.name, "priority");
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// The rule set's name and version, echoed in plans (e.g. `"web-2026-11"`).
    pub name: String,
    /// The preset whose weights apply where `weights` says nothing (default `balanced`).
    #[serde(default)]
    pub preset: Preset,
    /// Weights overriding the preset's.
    #[serde(default)]
    pub weights: WeightOverrides,
    /// Whether one line may be split across locations (default true).
    #[serde(default = "yes")]
    pub split_lines: bool,
    /// The most shipments an order may have when it does not say (default 3).
    #[serde(default = "three")]
    pub max_shipments: u32,
    /// How a wave shares scarce stock (default `priority`).
    #[serde(default, skip_serializing_if = "Scarcity::is_priority")]
    pub scarcity: Scarcity,
    /// Whether backorder processing may move a confirmed order to a later delivery date
    /// (default false: a `redistribute` order keeps its plan unless the new one is no later).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_later: bool,
}

fn yes() -> bool {
    true
}

fn three() -> u32 {
    3
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::preset(Preset::Balanced)
    }
}

/// The largest weight accepted (keeps every score within `Decimal` and 128-bit fixed point).
const MAX_WEIGHT: i64 = 1_000_000;

impl RuleSet {
    /// A preset's rule set, named after it.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(omnistock::RuleSet::preset(omnistock::Preset::Closest).name, "closest");
    /// ```
    pub fn preset(preset: Preset) -> RuleSet {
        RuleSet {
            name: preset.name().to_owned(),
            preset,
            weights: WeightOverrides::default(),
            split_lines: true,
            max_shipments: 3,
            scarcity: Scarcity::Priority,
            allow_later: false,
        }
    }

    /// Reads a rule set from JSON: an object, or a preset's name.
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field (unknown fields are refused), then those of
    /// [`RuleSet::weights`].
    ///
    /// # Examples
    ///
    /// ```
    /// let err = omnistock::RuleSet::from_value(serde_json::json!({"name": "x", "wieghts": {}})).unwrap_err();
    /// assert_eq!(err.code(), omnistock::ErrorCode::InvalidInput);
    /// ```
    pub fn from_value(value: serde_json::Value) -> Result<RuleSet> {
        let rules = match value {
            serde_json::Value::String(name) => {
                let preset: Preset = serde_json::from_value(serde_json::Value::String(name.clone())).map_err(|_| {
                    Error::invalid_input(format!(
                        "unknown preset `{name}` (priority, closest, fewest_shipments, cheapest, balanced)"
                    ))
                    .at("rules")
                })?;
                RuleSet::preset(preset)
            }
            other => crate::error::read_value::<RuleSet>(other).map_err(|e| e.within("rules"))?,
        };
        rules.weights()?;
        Ok(rules)
    }

    /// The effective weights: the preset's, overridden.
    ///
    /// # Errors
    ///
    /// `invalid_input` for an empty name, a negative weight or one above 10⁶, or
    /// `max_shipments` of 0.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut r = omnistock::RuleSet::default();
    /// r.weights.late_day = Some("-1".parse().unwrap());
    /// assert_eq!(r.weights().unwrap_err().code(), omnistock::ErrorCode::InvalidInput);
    /// ```
    pub fn weights(&self) -> Result<Weights> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid_input("a rule set needs a name").at("rules.name"));
        }
        if self.max_shipments == 0 {
            return Err(Error::invalid_input("max_shipments must be at least 1").at("rules.max_shipments"));
        }
        let mut w = self.preset.weights();
        let o = &self.weights;
        for (slot, given, field) in [
            (&mut w.shipping, &o.shipping, "shipping"),
            (&mut w.handling, &o.handling, "handling"),
            (&mut w.split, &o.split, "split"),
            (&mut w.late_day, &o.late_day, "late_day"),
            (&mut w.rank, &o.rank, "rank"),
            (&mut w.distance, &o.distance, "distance"),
        ] {
            if let Some(v) = given {
                if (v.is_sign_negative() && !v.is_zero()) || *v > Decimal::from(MAX_WEIGHT) {
                    return Err(Error::new(
                        ErrorCode::InvalidInput,
                        format!("weight {field} must be within 0..=1000000, got {v}"),
                    )
                    .at(format!("rules.weights.{field}")));
                }
                *slot = *v;
            }
        }
        Ok(w)
    }
}
