//! Stock events and what applying them reports.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{ChannelId, EventId, LocationId, PoolId, ReservationId, Sku, SupplyId};

/// A stock event. Every event carries an `id`; applying an id that was already applied is a
/// no-op reported as [`EventStatus::Duplicate`].
///
/// In JSON the variant is the `type` field: `{"type": "receive", "id": "e1", ...}`.
///
/// # Examples
///
/// ```
/// let e: omnistock::Event = serde_json::from_str(
///     r#"{"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 10}"#,
/// ).unwrap();
/// assert_eq!(e.id().as_str(), "e1");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// Goods received at a location, outside any recorded supply.
    Receive(Receive),
    /// A signed correction of on-hand (damage, theft, found stock), with a reason.
    Adjust(Adjust),
    /// An absolute count of a position, with a per-position sequence number.
    Count(Count),
    /// Holds stock for a cart or an order, through a pool or a channel, optionally at one
    /// location.
    Reserve(Reserve),
    /// Gives held stock back (all of it, or `quantity`).
    Release(Release),
    /// Ships a hard reservation: on-hand and reserved both drop.
    Fulfil(Fulfil),
    /// Releases every soft reservation whose `expires_at` is at or before `now`.
    Expire(Expire),
    /// Records inbound supply (a purchase order line) with its expected date.
    SupplyAdd(SupplyAdd),
    /// Receives an inbound supply (all of it, or `quantity`) into on-hand.
    SupplyReceive(SupplyReceive),
    /// Cancels what remains of an inbound supply.
    SupplyCancel(SupplyCancel),
    /// Moves stock out of one location into another's inbound supply.
    Transfer(Transfer),
}

/// See [`Event::Receive`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receive {
    /// Event id.
    pub id: EventId,
    /// Receiving location.
    pub location: LocationId,
    /// SKU received.
    pub sku: Sku,
    /// Units received (> 0).
    pub quantity: i64,
}

/// See [`Event::Adjust`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjust {
    /// Event id.
    pub id: EventId,
    /// Location adjusted.
    pub location: LocationId,
    /// SKU adjusted.
    pub sku: Sku,
    /// Signed change of on-hand (≠ 0).
    pub delta: i64,
    /// Why (free text, e.g. `"damaged"`).
    pub reason: String,
}

/// See [`Event::Count`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// Event id.
    pub id: EventId,
    /// Location counted.
    pub location: LocationId,
    /// SKU counted.
    pub sku: Sku,
    /// The counted on-hand quantity (≥ 0).
    pub quantity: i64,
    /// Sequence number of this count for the position; a count whose `seq` is not greater
    /// than the last applied one is stale and ignored.
    pub seq: u64,
    /// When the count was taken, for `stale_data` alerts (see
    /// [`Inventory::alerts`](crate::Inventory::alerts)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_at: Option<Timestamp>,
}

/// Soft reservations expire; hard ones last until released or fulfilled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationKind {
    /// A cart hold, with an `expires_at`.
    Soft,
    /// A placed order.
    Hard,
}

/// See [`Event::Reserve`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reserve {
    /// Event id.
    pub id: EventId,
    /// Reservation id (unique among outstanding reservations).
    pub reservation: ReservationId,
    /// SKU reserved.
    pub sku: Sku,
    /// Units (> 0).
    pub quantity: i64,
    /// The pool reserved through (give `pool` or `channel`, not both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool: Option<PoolId>,
    /// The channel reserved through; it stands for the channel's pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ChannelId>,
    /// A member location of the pool to hold the stock at; without one the reservation is
    /// held by the pool and may be served by any of its locations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationId>,
    /// Soft (with `expires_at`) or hard.
    pub kind: ReservationKind,
    /// When a soft reservation lapses (RFC 3339); only for soft ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// The date the units are needed by (`YYYY-MM-DD`). Held by a pool, the reservation may
    /// then be covered by supply expected on or before that date (see
    /// [`Inventory::atp_timeline`](crate::Inventory::atp_timeline)); held at a location, it is
    /// covered by that location's stock on hand and the date is only recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

/// See [`Event::Release`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// Event id.
    pub id: EventId,
    /// Reservation released.
    pub reservation: ReservationId,
    /// Units released (default: all that remain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
}

/// See [`Event::Fulfil`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fulfil {
    /// Event id.
    pub id: EventId,
    /// The hard reservation shipped.
    pub reservation: ReservationId,
    /// Units shipped (default: all that remain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
    /// Shipping location: required for a reservation held by a pool, and must be its own
    /// location for one held at a location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationId>,
}

/// See [`Event::Expire`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expire {
    /// Event id.
    pub id: EventId,
    /// The current time, given by the host (the core never reads a clock).
    pub now: Timestamp,
}

/// See [`Event::SupplyAdd`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyAdd {
    /// Event id.
    pub id: EventId,
    /// Supply id (unique among outstanding supplies).
    pub supply: SupplyId,
    /// Receiving location.
    pub location: LocationId,
    /// SKU.
    pub sku: Sku,
    /// Units expected (> 0).
    pub quantity: i64,
    /// Expected arrival date (civil date at the location).
    pub expected: Date,
}

/// See [`Event::SupplyReceive`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyReceive {
    /// Event id.
    pub id: EventId,
    /// Supply received.
    pub supply: SupplyId,
    /// Units received (default: all that remain; at most what remains).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
}

/// See [`Event::SupplyCancel`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyCancel {
    /// Event id.
    pub id: EventId,
    /// Supply cancelled.
    pub supply: SupplyId,
}

/// See [`Event::Transfer`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// Event id.
    pub id: EventId,
    /// Id of the inbound supply created at `to`.
    pub supply: SupplyId,
    /// Shipping location (its on-hand drops now).
    pub from: LocationId,
    /// Receiving location (gains inbound supply).
    pub to: LocationId,
    /// SKU moved.
    pub sku: Sku,
    /// Units (> 0).
    pub quantity: i64,
    /// Expected arrival date at `to`.
    pub expected: Date,
}

impl Event {
    /// The event's id.
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::{Event, EventId};
    /// let e = Event::SupplyCancel(omnistock::SupplyCancel { id: "e9".into(), supply: "PO-1".into() });
    /// assert_eq!(e.id(), &EventId::from("e9"));
    /// ```
    pub fn id(&self) -> &EventId {
        match self {
            Event::Receive(e) => &e.id,
            Event::Adjust(e) => &e.id,
            Event::Count(e) => &e.id,
            Event::Reserve(e) => &e.id,
            Event::Release(e) => &e.id,
            Event::Fulfil(e) => &e.id,
            Event::Expire(e) => &e.id,
            Event::SupplyAdd(e) => &e.id,
            Event::SupplyReceive(e) => &e.id,
            Event::SupplyCancel(e) => &e.id,
            Event::Transfer(e) => &e.id,
        }
    }

    /// The id an event given as JSON reports under, even when the rest cannot be read: its
    /// `id` if that is a string. Outcomes of unreadable events carry it.
    ///
    /// # Examples
    ///
    /// ```
    /// let v = serde_json::json!({"type": "teleport", "id": "e7"});
    /// assert_eq!(omnistock::Event::id_in(&v).unwrap().as_str(), "e7");
    /// assert!(omnistock::Event::id_in(&serde_json::json!({"id": 7})).is_none());
    /// ```
    pub fn id_in(value: &serde_json::Value) -> Option<EventId> {
        value.get("id").and_then(serde_json::Value::as_str).map(EventId::from)
    }

    /// Reads an event from a JSON value.
    ///
    /// # Errors
    ///
    /// `invalid_input` naming what is wrong (unknown `type`, missing or unknown field,
    /// wrong type).
    ///
    /// # Examples
    ///
    /// ```
    /// let v = serde_json::json!({"type": "receive", "id": "e1", "location": "DC1", "sku": "A", "quantity": 1.5});
    /// let err = omnistock::Event::from_value(v).unwrap_err();
    /// assert_eq!(err.code(), omnistock::ErrorCode::InvalidInput);
    /// assert_eq!(err.context()["field"], "quantity");
    /// ```
    pub fn from_value(value: serde_json::Value) -> Result<Event, Error> {
        use crate::error::read_value as read;
        // Read `type` first, then the variant's own struct, so an error names the field
        // (serde's internally tagged enums buffer the content and lose the path).
        let serde_json::Value::Object(mut map) = value else {
            return Err(Error::invalid_input("an event must be an object with a `type`"));
        };
        let ty = match map.remove("type") {
            Some(serde_json::Value::String(t)) => t,
            Some(_) => return Err(Error::invalid_input("must be a string").at("type")),
            None => return Err(Error::invalid_input("missing field `type`").at("type")),
        };
        let rest = serde_json::Value::Object(map);
        Ok(match ty.as_str() {
            "receive" => Event::Receive(read(rest)?),
            "adjust" => Event::Adjust(read(rest)?),
            "count" => Event::Count(read(rest)?),
            "reserve" => Event::Reserve(read(rest)?),
            "release" => Event::Release(read(rest)?),
            "fulfil" => Event::Fulfil(read(rest)?),
            "expire" => Event::Expire(read(rest)?),
            "supply_add" => Event::SupplyAdd(read(rest)?),
            "supply_receive" => Event::SupplyReceive(read(rest)?),
            "supply_cancel" => Event::SupplyCancel(read(rest)?),
            "transfer" => Event::Transfer(read(rest)?),
            other => {
                return Err(Error::invalid_input(format!(
                    "unknown event type `{other}` (expected receive, adjust, count, reserve, release, \
                     fulfil, expire, supply_add, supply_receive, supply_cancel or transfer)"
                ))
                .at("type"));
            }
        })
    }
}

/// What happened to one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Applied.
    Applied,
    /// Its id was applied before; nothing changed.
    Duplicate,
    /// A count older than (or as old as) the last applied count; nothing changed.
    Stale,
    /// Refused with an error; nothing changed.
    Rejected,
}

/// A threshold crossing of a pool's ATP for a SKU, for the change feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StockSignal {
    /// ATP fell to zero.
    OutOfStock,
    /// ATP rose from zero.
    BackInStock,
    /// ATP fell to the pool's `low_stock_threshold` or below (but not to zero).
    LowStock,
}

/// One change of a pool's ATP for a SKU, caused by one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityChange {
    /// SKU.
    pub sku: Sku,
    /// Pool.
    pub pool: PoolId,
    /// ATP before the event.
    pub before: i64,
    /// ATP after the event.
    pub after: i64,
    /// Threshold crossed, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<StockSignal>,
}

/// The result of applying one event.
///
/// # Examples
///
/// ```
/// let o = omnistock::EventOutcome::rejected(None, omnistock::Error::new(
///     omnistock::ErrorCode::InvalidInput, "missing field `id`"));
/// assert_eq!(o.status, omnistock::EventStatus::Rejected);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventOutcome {
    /// The event id (absent only when the event could not be read at all).
    pub id: Option<EventId>,
    /// What happened.
    pub status: EventStatus,
    /// ATP changes it caused, ordered by pool id, then SKU.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<AvailabilityChange>,
    /// For `expire`: the reservations it released, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expired: Vec<ReservationId>,
    /// For `rejected`: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Error>,
}

impl EventOutcome {
    /// A rejected outcome.
    pub fn rejected(id: Option<EventId>, error: Error) -> Self {
        EventOutcome {
            id,
            status: EventStatus::Rejected,
            changes: Vec::new(),
            expired: Vec::new(),
            error: Some(error),
        }
    }

    pub(crate) fn status(id: EventId, status: EventStatus) -> Self {
        EventOutcome {
            id: Some(id),
            status,
            changes: Vec::new(),
            expired: Vec::new(),
            error: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `from_value` and serde agree on every variant's tag.
    #[test]
    fn from_value_reads_what_serde_writes() {
        let events = [
            json!({"type": "receive", "id": "1", "location": "L", "sku": "A", "quantity": 1}),
            json!({"type": "adjust", "id": "2", "location": "L", "sku": "A", "delta": -1, "reason": "r"}),
            json!({"type": "count", "id": "3", "location": "L", "sku": "A", "quantity": 1, "seq": 1}),
            json!({"type": "reserve", "id": "4", "reservation": "r", "sku": "A", "quantity": 1, "pool": "p", "kind": "hard"}),
            json!({"type": "release", "id": "5", "reservation": "r"}),
            json!({"type": "fulfil", "id": "6", "reservation": "r", "location": "L"}),
            json!({"type": "expire", "id": "7", "now": "2026-01-01T00:00:00Z"}),
            json!({"type": "supply_add", "id": "8", "supply": "s", "location": "L", "sku": "A", "quantity": 1, "expected": "2026-01-02"}),
            json!({"type": "supply_receive", "id": "9", "supply": "s"}),
            json!({"type": "supply_cancel", "id": "10", "supply": "s"}),
            json!({"type": "transfer", "id": "11", "supply": "t", "from": "L", "to": "M", "sku": "A", "quantity": 1, "expected": "2026-01-02"}),
        ];
        for v in events {
            let e = Event::from_value(v.clone()).unwrap();
            assert_eq!(serde_json::to_value(&e).unwrap(), v);
            assert_eq!(serde_json::from_value::<Event>(v).unwrap(), e);
        }
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                json!({"type": "receive", "id": "1", "location": "L", "sku": "A", "quantity": "3"}),
                "quantity",
            ),
            (
                json!({"type": "reserve", "id": "1", "reservation": "r", "sku": "A", "quantity": 1, "kind": "firm"}),
                "kind",
            ),
            (json!({"type": "expire", "id": "1", "now": "yesterday"}), "now"),
            (json!({"type": "teleport", "id": "1"}), "type"),
            (json!({"id": "1"}), "type"),
        ];
        for (v, field) in cases {
            let err = Event::from_value(v).unwrap_err();
            assert_eq!(err.context().get("field").map(String::as_str), Some(field), "{err}");
            assert!(
                err.message().starts_with(field) || err.message().contains(field),
                "{err}"
            );
        }
    }
}
