//! String identifiers, one newtype per kind so a pool id is never passed as a location id.
//!
//! Ids are immutable shared strings (`Arc<str>`): the ledger copies them into outcomes, change
//! feeds and indices, and a copy is a reference-count increment, not an allocation.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Wraps a string.
            pub fn new(id: impl Into<String>) -> Self {
                $name(Arc::from(id.into()))
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(Arc::from(s))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(Arc::from(s))
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id! {
    /// A stock location (warehouse, store, partner site...).
    ///
    /// ```
    /// let id = omnistock::LocationId::from("DC-LYON");
    /// assert_eq!(id.as_str(), "DC-LYON");
    /// ```
    LocationId
}
string_id! {
    /// A pool of locations a channel sells from.
    ///
    /// ```
    /// assert_eq!(omnistock::PoolId::new("web").to_string(), "web");
    /// ```
    PoolId
}
string_id! {
    /// A sales channel.
    ///
    /// ```
    /// assert_eq!(omnistock::ChannelId::from("marketplace").as_str(), "marketplace");
    /// ```
    ChannelId
}
string_id! {
    /// A stock-keeping unit.
    ///
    /// ```
    /// assert_eq!(omnistock::Sku::from("TSHIRT-M").as_str(), "TSHIRT-M");
    /// ```
    Sku
}
string_id! {
    /// The id of a stock event; applying the same id twice is a no-op.
    ///
    /// ```
    /// assert_eq!(omnistock::EventId::from("e-1").as_str(), "e-1");
    /// ```
    EventId
}
string_id! {
    /// The id of a reservation.
    ///
    /// ```
    /// assert_eq!(omnistock::ReservationId::from("cart-9").as_str(), "cart-9");
    /// ```
    ReservationId
}
string_id! {
    /// The id of an inbound supply (purchase order line, transfer).
    ///
    /// ```
    /// assert_eq!(omnistock::SupplyId::from("PO-1").as_str(), "PO-1");
    /// ```
    SupplyId
}
string_id! {
    /// The id of a carrier service (e.g. `standard`, `express`).
    ///
    /// ```
    /// assert_eq!(omnistock::ServiceId::from("express").as_str(), "express");
    /// ```
    ServiceId
}
