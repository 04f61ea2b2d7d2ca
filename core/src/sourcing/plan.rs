//! Orders in, plans out: the data of sourcing.

use jiff::Timestamp;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::RuleSet;
use crate::model::{ChannelId, LocationId, ReservationId, ServiceId, Sku};
use crate::schedule::Destination;

/// One line of an [`Order`].
///
/// # Examples
///
/// ```
/// let l: omnistock::OrderLine = serde_json::from_str(r#"{"id": "1", "sku": "TSHIRT-M", "quantity": 2}"#).unwrap();
/// assert_eq!(l.quantity, 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderLine {
    /// The line's id, unique in the order.
    pub id: String,
    /// The SKU.
    pub sku: Sku,
    /// Units (> 0).
    pub quantity: i64,
    /// The SKU's category, for locations' exclusion rules (e.g. `"bulky"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

/// An order to source: delivered (`destination` and `service`) or picked up (`pickup`).
///
/// # Examples
///
/// ```
/// let o: omnistock::Order = serde_json::from_str(r#"{
///     "id": "SO-1", "channel": "web", "service": "standard",
///     "destination": {"zone": "75"},
///     "lines": [{"id": "1", "sku": "A", "quantity": 1}]
/// }"#).unwrap();
/// assert!(o.allow_partial && !o.ship_complete);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// The order's id.
    pub id: String,
    /// The channel it was sold on: its pool supplies the stock, its quotas apply.
    pub channel: ChannelId,
    /// The lines (at least one).
    pub lines: Vec<OrderLine>,
    /// Where to deliver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<Destination>,
    /// The store the customer picks up at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup: Option<LocationId>,
    /// The carrier service of a delivery (`standard`, `express`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceId>,
    /// Priority class: lower is served first when orders compete (default 0).
    #[serde(default)]
    pub priority: u32,
    /// The date promised to the customer (delivery, or ready for pickup); later is late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<Date>,
    /// Everything from one location in one shipment, or nothing.
    #[serde(default)]
    pub ship_complete: bool,
    /// Allocate what can be, and leave the rest unallocated (backordered). Default true;
    /// false: all or nothing.
    #[serde(default = "yes")]
    pub allow_partial: bool,
    /// The most shipments (locations) the order may be split into (default: the rule set's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_shipments: Option<u32>,
}

fn yes() -> bool {
    true
}

/// What became of an order in a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Every unit is allocated.
    Allocated,
    /// Some units are allocated; the rest is unallocated (backordered).
    Partial,
    /// Nothing could be allocated.
    Unallocated,
    /// Refused whole: ship-complete or all-or-nothing could not be met.
    Refused,
}

/// Why units are unallocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShortReason {
    /// No location of the channel's pool can serve this kind of order.
    NoCapableLocation,
    /// The capable locations do not hold enough sellable stock.
    NoStock,
    /// The stock is at locations whose exclusion rules refuse the order.
    Excluded,
    /// The stock is at locations without capacity left that day (for its units, or for
    /// another order).
    Capacity,
    /// The channel's quota is used up.
    Quota,
    /// The stock is spread over more locations than the order may ship from (or its lines
    /// may not be split).
    ShipmentLimit,
    /// The order is ship-complete and no single location can ship it all.
    ShipComplete,
    /// The order is all-or-nothing and cannot be filled in full.
    NotPartial,
    /// The stock is at locations that cannot deliver there (no route, no rate, no distance).
    NoRoute,
    /// A wave gave the scarce stock to orders ahead of this one by its scarcity policy.
    Scarcity,
}

/// Why a candidate location was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The location is disabled.
    Disabled,
    /// It cannot serve this kind of order (ship, ship from store, pickup).
    NotCapable,
    /// It refuses the order's channel.
    ExcludedChannel,
    /// It refuses orders of more units than its `max_units`.
    OrderTooLarge,
    /// It refuses the categories of every line it holds.
    ExcludedCategory,
    /// Its capacity for the ship date is used up.
    Capacity,
    /// The service has no transit time from it to the destination.
    NoRoute,
    /// It has no shipping rate for the service or zone (and shipping cost is weighted).
    NoRate,
    /// The distance is unknown (and distance is weighted).
    NoDistance,
    /// The order's reallocation excludes it (it rejected the order or went offline).
    Rejected,
}

/// The cost terms of a shipment or a plan.
///
/// `shipping` and `handling` are money; `score` is the weighted objective the rule set
/// minimises: `shipping`×w + `handling`×w + `extra_shipments`×w + `late_days`×w +
/// `rank_units`×w + `km_units`×w (see [`Weights`](crate::Weights)).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostTerms {
    /// Shipping cost.
    pub shipping: Decimal,
    /// Handling cost.
    pub handling: Decimal,
    /// Shipments beyond the first (order totals only).
    pub extra_shipments: u32,
    /// Days late against the promised date, summed over shipments.
    pub late_days: i64,
    /// Σ units × location rank.
    pub rank_units: i64,
    /// Σ units × km (to the metre).
    pub km_units: Decimal,
    /// The weighted score.
    pub score: Decimal,
}

/// Units of one order line in a shipment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShipmentLine {
    /// The order line's id.
    pub line: String,
    /// The SKU.
    pub sku: Sku,
    /// Units.
    pub quantity: i64,
    /// The hard reservation that holds them once the plan is committed.
    pub reservation: ReservationId,
}

/// What one location ships (or hands over) for an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shipment {
    /// The location.
    pub location: LocationId,
    /// The date it ships (its capacity for that day is used).
    pub ships: Date,
    /// The delivery date, or the date ready for pickup.
    pub date: Date,
    /// The lines.
    pub lines: Vec<ShipmentLine>,
    /// Its cost terms.
    pub cost: CostTerms,
    /// Why these dates: cut-off, calendar, processing, transit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

/// Units of a line left unallocated, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unallocated {
    /// The order line's id.
    pub line: String,
    /// The SKU.
    pub sku: Sku,
    /// Units.
    pub quantity: i64,
    /// Why.
    pub reason: ShortReason,
}

/// A candidate dropped before the search, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    /// The location.
    pub location: LocationId,
    /// Why.
    pub reason: DropReason,
}

/// The best plan with a different set of locations than the winner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunnerUp {
    /// Its locations.
    pub locations: Vec<LocationId>,
    /// Units it leaves unallocated.
    pub unallocated: i64,
    /// Its cost terms.
    pub cost: CostTerms,
}

/// Why a plan is what it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// `exact` (the optimum, for up to 5 lines and 3 shipments) or `heuristic`.
    pub method: String,
    /// Candidate locations holding stock of a line that passed every filter.
    pub considered: usize,
    /// Locations holding stock of a line that were dropped, and why.
    pub dropped: Vec<Dropped>,
    /// The runner-up, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<RunnerUp>,
    /// One sentence for people.
    pub summary: String,
}

/// A reservation a reallocation gives back, and how many units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The reservation.
    pub reservation: ReservationId,
    /// Units released.
    pub quantity: i64,
}

/// A location an order may no longer use (it rejected the order, short-picked a line, or
/// went offline), for one line or all of them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The location.
    pub location: LocationId,
    /// The line, or every line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
}

/// What a reallocation changes of an order already committed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// The order's generation the plan was made against (commit refuses it if the order
    /// changed since).
    pub generation: u32,
    /// Reservations given back.
    pub release: Vec<Release>,
    /// The order's exclusions after the change.
    pub excluded: Vec<Exclusion>,
}

/// The plan for one order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderPlan {
    /// The order.
    pub order: Order,
    /// Allocated, partial, unallocated or refused.
    pub status: OrderStatus,
    /// New shipments (for a reallocation: only the new ones).
    pub shipments: Vec<Shipment>,
    /// Shipments of a reallocated order that stay as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<Shipment>,
    /// Units not allocated, by line.
    pub unallocated: Vec<Unallocated>,
    /// The plan's cost terms (new shipments).
    pub cost: CostTerms,
    /// Why.
    pub explanation: Explanation,
    /// For a reallocation: what it replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<Replacement>,
}

/// What [`Inventory::allocate`](crate::Inventory::allocate) proposes; nothing changes until
/// [`Inventory::commit`](crate::Inventory::commit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The rule set used.
    pub rules: RuleSet,
    /// When it was made.
    pub now: Timestamp,
    /// One entry per order, in the order they were served: priority class, then promised
    /// date (none last), then id.
    pub orders: Vec<OrderPlan>,
    /// For [`Inventory::allocate_wave`](crate::Inventory::allocate_wave) and
    /// [`Inventory::process_backorders`](crate::Inventory::process_backorders): what the
    /// wave did as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave: Option<super::Wave>,
}

/// What [`Inventory::commit`](crate::Inventory::commit) did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committed {
    /// Orders committed (with at least one shipment or release).
    pub orders: Vec<String>,
    /// Reservations created.
    pub reservations: Vec<ReservationId>,
    /// Reservations released (by reallocations).
    pub released: Vec<ReservationId>,
    /// How pool ATPs moved, one entry per (SKU, pool) that changed.
    pub changes: Vec<crate::AvailabilityChange>,
}

/// What happened to a committed order at one location, for
/// [`Inventory::reallocate`](crate::Inventory::reallocate).
///
/// # Examples
///
/// ```
/// let e: omnistock::Disruption = serde_json::from_str(
///     r#"{"type": "short_pick", "location": "S1", "line": "1", "quantity": 2}"#).unwrap();
/// assert!(matches!(e, omnistock::Disruption::ShortPick { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Disruption {
    /// The location refuses the order's lines (`lines`, or all it holds).
    Reject {
        /// The location.
        location: LocationId,
        /// The lines refused (default: all the location holds for the order).
        #[serde(default)]
        lines: Vec<String>,
    },
    /// The location found fewer units than allocated for a line.
    ShortPick {
        /// The location.
        location: LocationId,
        /// The line.
        line: String,
        /// Units missing (> 0, at most what it holds for the line).
        quantity: i64,
    },
    /// The location is offline: everything it holds for the order moves.
    Offline {
        /// The location.
        location: LocationId,
    },
}

impl Disruption {
    /// Reads a disruption from JSON, naming the field of an error (`quantity`, not just the
    /// whole value: the `type` is read first, then the variant's own fields).
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field.
    ///
    /// # Examples
    ///
    /// ```
    /// let err = omnistock::Disruption::from_value(serde_json::json!(
    ///     {"type": "short_pick", "location": "S1", "line": "1", "quantity": 1.5})).unwrap_err();
    /// assert_eq!(err.context()["field"], "quantity");
    /// ```
    pub fn from_value(value: serde_json::Value) -> crate::Result<Disruption> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Reject {
            location: LocationId,
            #[serde(default)]
            lines: Vec<String>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ShortPick {
            location: LocationId,
            line: String,
            quantity: i64,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Offline {
            location: LocationId,
        }
        use crate::error::read_value as read;
        let serde_json::Value::Object(mut map) = value else {
            return Err(crate::Error::invalid_input(
                "a disruption must be an object with a `type`",
            ));
        };
        let ty = match map.remove("type") {
            Some(serde_json::Value::String(t)) => t,
            Some(_) => return Err(crate::Error::invalid_input("must be a string").at("type")),
            None => return Err(crate::Error::invalid_input("missing field `type`").at("type")),
        };
        let rest = serde_json::Value::Object(map);
        Ok(match ty.as_str() {
            "reject" => {
                let r: Reject = read(rest)?;
                Disruption::Reject {
                    location: r.location,
                    lines: r.lines,
                }
            }
            "short_pick" => {
                let r: ShortPick = read(rest)?;
                Disruption::ShortPick {
                    location: r.location,
                    line: r.line,
                    quantity: r.quantity,
                }
            }
            "offline" => {
                let r: Offline = read(rest)?;
                Disruption::Offline { location: r.location }
            }
            other => {
                return Err(crate::Error::invalid_input(format!(
                    "unknown disruption `{other}` (expected reject, short_pick or offline)"
                ))
                .at("type"));
            }
        })
    }
}

/// A committed order, as the ledger keeps it (in snapshots).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenOrder {
    /// The order.
    pub order: Order,
    /// The rules it was sourced with (reallocations use them too).
    pub rules: RuleSet,
    /// Commits of this order so far (1 after the first).
    pub generation: u32,
    /// Its shipments; each line's `quantity` is the units still held (shipped or released
    /// units are gone from it).
    pub shipments: Vec<Shipment>,
    /// Locations it may no longer use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<Exclusion>,
    /// Units shipped so far, by reservation.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub shipped: std::collections::BTreeMap<String, i64>,
}
