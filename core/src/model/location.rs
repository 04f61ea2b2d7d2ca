//! Stock locations.

use serde::{Deserialize, Serialize};

use super::LocationId;

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
}

fn enabled_default() -> bool {
    true
}
