//! One error type for the whole crate, with stable string codes.
//!
//! Host code branches on [`ErrorCode`], never on messages. Codes are only ever added, never
//! renamed; the list lives in `testdata/error_codes.json` and the Rust, Python and Node test
//! suites each fail if it drifts from [`ErrorCode::ALL`].

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The result type of every fallible omnistock operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, )+) => {
        /// A stable, machine-readable error code.
        ///
        /// The string form ([`ErrorCode::as_str`]) is what Python's `OmnistockError.code` and
        /// Node's `err.code` carry.
        ///
        /// # Examples
        ///
        /// ```
        /// use omnistock::ErrorCode;
        /// assert_eq!(ErrorCode::InsufficientStock.as_str(), "insufficient_stock");
        /// assert_eq!("insufficient_stock".parse::<ErrorCode>(), Ok(ErrorCode::InsufficientStock));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )+
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )+ ];

            /// The stable snake_case string of this code.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( ErrorCode::$variant => $code, )+
                }
            }
        }

        impl std::str::FromStr for ErrorCode {
            type Err = ();
            fn from_str(s: &str) -> std::result::Result<Self, ()> {
                match s {
                    $( $code => Ok(ErrorCode::$variant), )+
                    _ => Err(()),
                }
            }
        }
    };
}

error_codes! {
    /// Input could not be read: malformed JSON, a wrong type, a missing or unknown field.
    InvalidInput => "invalid_input",
    /// The network is structurally invalid (empty ids, a pool without members, bad coordinates, ...).
    InvalidNetwork => "invalid_network",
    /// An id was declared twice (location, pool, channel, pool member, reservation, supply).
    DuplicateId => "duplicate_id",
    /// A location id is not in the network.
    UnknownLocation => "unknown_location",
    /// A pool id is not in the network.
    UnknownPool => "unknown_pool",
    /// A channel id is not in the network.
    UnknownChannel => "unknown_channel",
    /// A SKU has no position anywhere in the ledger.
    UnknownSku => "unknown_sku",
    /// A reservation id is not outstanding.
    UnknownReservation => "unknown_reservation",
    /// A supply id is not outstanding.
    UnknownSupply => "unknown_supply",
    /// A quantity is zero or negative where a positive one is required (or negative where
    /// zero is allowed), or a buffer or threshold is negative.
    InvalidQuantity => "invalid_quantity",
    /// Arithmetic on quantities would overflow `i64`.
    QuantityOverflow => "quantity_overflow",
    /// Not enough sellable stock for the request.
    InsufficientStock => "insufficient_stock",
    /// The event would leave outstanding reservations that the stock can no longer cover.
    WouldOversell => "would_oversell",
    /// A reservation was asked of a disabled location.
    LocationDisabled => "location_disabled",
    /// A location is not a member of the pool the request goes through.
    LocationNotInPool => "location_not_in_pool",
    /// The operation needs a hard reservation, and this one is soft.
    ReservationNotHard => "reservation_not_hard",
    /// A snapshot could not be restored (unknown format or version, or inconsistent content).
    InvalidSnapshot => "invalid_snapshot",
    /// A carrier service id is not in the network.
    UnknownService => "unknown_service",
    /// A reservation through a channel would exceed the channel's quota for the period.
    QuotaExceeded => "quota_exceeded",
    /// A plan can no longer be committed: the stock, a quota or a location's capacity moved
    /// since it was made, or the order it reallocates changed (`context["cause"]` says which).
    StalePlan => "stale_plan",
    /// An order id is not open (not committed, or wholly shipped or released).
    UnknownOrder => "unknown_order",
    /// A stock policy is invalid: a parameter out of range, or a combination that cannot work
    /// (no source, no lead time, a source cycle); `context` names the field and position.
    InvalidPolicy => "invalid_policy",
    /// A demand history is invalid: demand dated today or later, columns of different
    /// lengths, or a series longer than ten years.
    InvalidHistory => "invalid_history",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of every omnistock operation: a stable [`ErrorCode`], a message for people
/// (lowercase, no final period) and a small context map naming the fields involved.
///
/// # Examples
///
/// ```
/// use omnistock::{Error, ErrorCode};
/// let err = Error::new(ErrorCode::UnknownPool, "unknown pool `web`").with("pool", "web");
/// assert_eq!(err.code(), ErrorCode::UnknownPool);
/// assert_eq!(err.context().get("pool").map(String::as_str), Some("web"));
/// assert_eq!(err.to_string(), "unknown_pool: unknown pool `web`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct Error {
    code: ErrorCode,
    message: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    context: BTreeMap<String, String>,
}

impl Error {
    /// A new error with a code and a message (see the type's example).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            context: BTreeMap::new(),
        }
    }

    /// Adds one context entry (builder style).
    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.context.insert(key.to_owned(), value.to_string());
        self
    }

    /// Names the field the error is about: `context["field"]`, and a `field: ` prefix on the
    /// message (so the message alone says where to look).
    pub(crate) fn at(mut self, field: impl ToString) -> Self {
        let field = field.to_string();
        self.message = format!("{field}: {}", self.message);
        self.context.insert("field".to_owned(), field);
        self
    }

    /// Places the error inside an item of a list or a field: `[3]` + `lines[0].sku` gives
    /// `[3].lines[0].sku` (in `context["field"]` and at the start of the message). Bindings
    /// use it for errors they find in one item of a batch, so every layer names it the same way.
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::{Error, ErrorCode};
    /// let err = Error::new(ErrorCode::InvalidInput, "unsupported value").within("[3]");
    /// assert_eq!(err.context().get("field").map(String::as_str), Some("[3]"));
    /// assert_eq!(err.message(), "[3]: unsupported value");
    /// let nested = err.within("[0]");
    /// assert_eq!(nested.context().get("field").map(String::as_str), Some("[0][3]"));
    /// ```
    pub fn within(mut self, prefix: &str) -> Self {
        let old = self.context.get("field").cloned();
        let field = match &old {
            Some(f) if f.starts_with('[') => format!("{prefix}{f}"),
            Some(f) => format!("{prefix}.{f}"),
            None => prefix.to_owned(),
        };
        // The message starts with the field (see `at`): name the whole path instead.
        let rest = match &old {
            Some(f) => self.message.strip_prefix(&format!("{f}: ")).unwrap_or(&self.message),
            None => &self.message,
        };
        self.message = format!("{field}: {rest}");
        self.context.insert("field".to_owned(), field);
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The context map (field names to values).
    pub fn context(&self) -> &BTreeMap<String, String> {
        &self.context
    }

    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, message)
    }

    pub(crate) fn overflow(what: &str) -> Self {
        Error::new(
            ErrorCode::QuantityOverflow,
            format!("{what} would overflow a 64-bit quantity"),
        )
        .at(what)
    }

    pub(crate) fn from_json(err: serde_json::Error) -> Self {
        let mut e = Error::invalid_input(err.to_string());
        if err.line() > 0 {
            e = e.with("line", err.line()).with("column", err.column());
        }
        e
    }

    /// An `invalid_input` error naming the field where reading failed (`field` in the context,
    /// and at the start of the message).
    pub(crate) fn from_path(err: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.to_string();
        // serde reports a missing or unknown field at its parent: name the field itself.
        let named = ["missing field `", "unknown field `"].iter().find_map(|prefix| {
            let rest = message.strip_prefix(prefix)?;
            Some(rest[..rest.find('`')?].to_owned())
        });
        let field = match (path.as_str(), named) {
            ("" | ".", Some(f)) => f,
            ("" | ".", None) => return Error::from_json(inner),
            // An unknown field's path already ends with it; a missing one's ends at its parent.
            (p, Some(f)) if p == f || p.ends_with(&format!(".{f}")) => p.to_owned(),
            (p, Some(f)) => format!("{p}.{f}"),
            (p, None) => p.to_owned(),
        };
        Error::from_json(inner).at(field)
    }
}

/// Reads a value from JSON text, naming the failing field in the error.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(Error::from_path)?;
    // Trailing characters after the value are an error too.
    de.end().map_err(Error::from_json)?;
    Ok(value)
}

/// Reads a value from a JSON value, naming the failing field in the error.
pub(crate) fn read_value<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(Error::from_path)
}

/// Checks a requested line (a promise's or an order's): a non-empty SKU and a positive
/// quantity, the error naming `lines[i].sku` or `lines[i].quantity`.
pub(crate) fn check_line(i: usize, sku: &str, quantity: i64) -> Result<()> {
    if sku.trim().is_empty() {
        return Err(Error::invalid_input("must not be empty").at(format!("lines[{i}].sku")));
    }
    if quantity <= 0 {
        return Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("quantity must be positive, got {quantity}"),
        )
        .at(format!("lines[{i}].quantity"))
        .with("value", quantity));
    }
    Ok(())
}

/// Checked addition of quantities, with a `quantity_overflow` error naming the field.
pub(crate) fn add(a: i64, b: i64, what: &str) -> Result<i64> {
    a.checked_add(b).ok_or_else(|| Error::overflow(what))
}

/// Checked subtraction of quantities, with a `quantity_overflow` error naming the field.
pub(crate) fn sub(a: i64, b: i64, what: &str) -> Result<i64> {
    a.checked_sub(b).ok_or_else(|| Error::overflow(what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate code {code}");
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(*code));
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        assert_eq!(
            add(i64::MAX, 1, "on_hand").unwrap_err().code(),
            ErrorCode::QuantityOverflow
        );
        assert_eq!(
            sub(i64::MIN, 1, "on_hand").unwrap_err().code(),
            ErrorCode::QuantityOverflow
        );
        assert_eq!(add(2, 3, "x"), Ok(5));
    }
}
