//! Stock locations.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{ChannelId, LocationId, ServiceId};

/// What kind of site a location is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// A distribution centre or warehouse.
    Warehouse,
    /// A store (which may ship from store or serve pickups).
    Store,
    /// A supplier shipping directly to customers.
    DropShip,
    /// Stock held by a marketplace (e.g. a fulfilment-by-marketplace programme).
    Marketplace,
    /// A third-party logistics provider.
    ThirdParty,
}

/// What a location can do for an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Ships parcels to customers.
    Ship,
    /// Hands orders over to customers who pick them up.
    Pickup,
    /// A store that ships customer orders.
    ShipFromStore,
}

/// A geographic position in decimal degrees (WGS 84).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeoPoint {
    /// Latitude, −90..=90.
    pub lat: f64,
    /// Longitude, −180..=180.
    pub lon: f64,
}

/// A stock location of the network.
///
/// Capacity, costs and calendars are added by later capabilities; unknown fields are refused,
/// so a misspelt key is an error, not a silent default.
///
/// # Examples
///
/// ```
/// let loc: omnistock::Location = serde_json::from_str(
///     r#"{"id": "S1", "kind": "store", "capabilities": ["pickup"], "priority": 2}"#,
/// ).unwrap();
/// assert!(loc.enabled);
/// assert_eq!(loc.kind, omnistock::LocationKind::Store);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Unique id.
    pub id: LocationId,
    /// What kind of site it is.
    pub kind: LocationKind,
    /// Position, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<GeoPoint>,
    /// Shipping zone (e.g. a postcode prefix or region code), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// What the location can do.
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    /// Priority rank: lower ranks are preferred by priority-based sourcing.
    #[serde(default)]
    pub priority: u32,
    /// A disabled location keeps its stock but sells none of it.
    #[serde(default = "enabled_default")]
    pub enabled: bool,
    /// IANA time zone of the location's calendar and cut-off (default `UTC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Local order cut-off (`"14:00"`): an order placed strictly before it on a working day is
    /// accepted that day, at or after it the next working day. None: any time of the day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<jiff::civil::Time>,
    /// Processing lead time once an order is accepted (default `{"days": 0}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing: Option<crate::Processing>,
    /// Days the location works (default: every day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<Vec<crate::Weekday>>,
    /// Local dates the location is closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<jiff::civil::Date>,
    /// Work the location can take per day, consumed as allocation plans are committed.
    /// None: unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// What preparing an order costs here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<Handling>,
    /// Shipping cost per carrier service id (`standard`, `express`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub shipping: BTreeMap<ServiceId, ShippingRate>,
    /// Orders the location refuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusions: Option<Exclusions>,
}

/// A location's daily capacity: orders (shipments) and units it can prepare per local day.
/// Omitted limits are unlimited.
///
/// # Examples
///
/// ```
/// let c: omnistock::Capacity = serde_json::from_str(r#"{"orders_per_day": 40, "units_per_day": 120}"#).unwrap();
/// assert_eq!((c.orders_per_day, c.units_per_day), (Some(40), Some(120)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Orders (one order's shipment from this location counts once) per day, ≥ 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orders_per_day: Option<i64>,
    /// Units per day, ≥ 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_per_day: Option<i64>,
}

/// Handling cost of a location: per order (shipment) and per unit, in the network's currency.
///
/// # Examples
///
/// ```
/// let h: omnistock::Handling = serde_json::from_str(r#"{"per_order": "1.20", "per_unit": "0.15"}"#).unwrap();
/// assert_eq!(h.per_unit.to_string(), "0.15");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handling {
    /// Cost per order (shipment) prepared, ≥ 0.
    #[serde(default)]
    pub per_order: Decimal,
    /// Cost per unit picked, ≥ 0.
    #[serde(default)]
    pub per_unit: Decimal,
}

/// How much one carrier service costs from a location.
///
/// * `distance`: a rate card, `base` per shipment + `per_unit` + `per_km` of great-circle
///   distance; transit days come from the service (its zone matrix, then its distance bands).
/// * `zones`: per destination zone, `base` per shipment, `per_unit`, and optionally `days` of
///   transit (which then override the service's own transit times from this location).
///
/// # Examples
///
/// ```
/// let r: omnistock::ShippingRate = serde_json::from_str(
///     r#"{"distance": {"base": "4.90", "per_unit": "0.20", "per_km": "0.004"}}"#).unwrap();
/// assert!(matches!(r, omnistock::ShippingRate::Distance(_)));
/// let z: omnistock::ShippingRate = serde_json::from_str(
///     r#"{"zones": {"75": {"base": "6", "per_unit": "0.5", "days": 1}}}"#).unwrap();
/// let omnistock::ShippingRate::Zones(z) = z else { unreachable!() };
/// assert_eq!(z["75"].days, Some(1));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShippingRate {
    /// A distance rate card.
    Distance(DistanceRate),
    /// A zone matrix row: destination zone → rate.
    Zones(BTreeMap<String, ZoneRate>),
}

/// See [`ShippingRate::Distance`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistanceRate {
    /// Cost per shipment, ≥ 0.
    #[serde(default)]
    pub base: Decimal,
    /// Cost per unit, ≥ 0.
    #[serde(default)]
    pub per_unit: Decimal,
    /// Cost per km, ≥ 0.
    #[serde(default)]
    pub per_km: Decimal,
}

/// See [`ShippingRate::Zones`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneRate {
    /// Cost per shipment, ≥ 0.
    #[serde(default)]
    pub base: Decimal,
    /// Cost per unit, ≥ 0.
    #[serde(default)]
    pub per_unit: Decimal,
    /// Transit days (the service's working days), overriding the service's transit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

/// Orders a location refuses: from some channels, lines of some SKU categories (the order
/// line's `category`), or orders of more than `max_units` units in all.
///
/// # Examples
///
/// ```
/// let x: omnistock::Exclusions = serde_json::from_str(
///     r#"{"channels": ["marketplace"], "categories": ["bulky"], "max_units": 10}"#).unwrap();
/// assert_eq!(x.max_units, Some(10));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusions {
    /// Channels whose orders the location does not serve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<ChannelId>,
    /// SKU categories the location does not ship.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The largest order (in units, all lines) the location serves (≥ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_units: Option<i64>,
}

fn enabled_default() -> bool {
    true
}
