//! Presentation only: JavaScript values ⇄ the core's JSON values.
//!
//! * Form: structured data crosses as JSON text, written and read by V8's own `JSON.stringify`
//!   and `JSON.parse` on the JavaScript side and by serde_json on ours. For batches this is
//!   several times faster than building or walking JavaScript objects one napi call per
//!   property, and it keeps the reading of JSON text exact. So objects are read as
//!   `JSON.stringify` writes them: `toJSON` is honoured (a `Date` becomes its ISO string),
//!   `undefined`, functions and symbols are left out, `NaN` and ±`Infinity` become `null`, and a
//!   `bigint` cannot be written (that event is rejected with `invalid_input`).
//! * Keys: camelCase outside, the core's snake_case inside. Input keys are renamed
//!   camelCase → snake_case (snake_case passes unchanged, so the golden vectors can be fed as
//!   they are); output keys snake_case → camelCase. Values (ids, `"click_and_collect"`, ...) are
//!   never touched. Keys are field names everywhere but in one place: a service's zone matrix,
//!   `services[i].transit.zones` (origin zone → destination zone → days), is keyed by zone
//!   codes (`"FR"`, `"75"`, `"northEast"`), which are data. Its keys, at both levels, pass
//!   unchanged in both directions ([`Place`] knows where they sit), and so do those of the
//!   other maps keyed by data: a location's `shipping` (service ids) and its zone rates, an open
//!   order's `shipped` (reservation ids), a scenario's `catalog` (SKUs) and its fulfilment
//!   model's `pick_hours` and `reject_pct` (location kinds: `drop_ship`), KPIs grouped
//!   `by_channel` (`click_and_collect`), `by_rule_set` and `by_day`, a group's
//!   `cancellations` (reasons: `out_of_stock`) and a simulation run's `refused` (error codes).
//!   Every other model map is a struct; a new map keyed by data in the core needs its place
//!   added there.
//! * Numbers: a JavaScript number is exact only up to ±(2^53 − 1). An integer beyond that is
//!   refused on input with `invalid_input` (naming the field), whatever the input form; a
//!   non-integral number stays a float, which the core refuses where an integer belongs.
//!   Outputs are numbers; an integer beyond ±(2^53 − 1) (reachable only by adding up huge
//!   quantities, or from a snapshot written elsewhere) is written as a decimal string instead of
//!   being rounded. A float (a KPI ratio, hours) is written as the shortest text that reads
//!   back to the same `f64`, so `JSON.parse` gives JavaScript the very number Rust computed.

use std::borrow::Cow;

use napi::bindgen_prelude::{FromNapiValue, Function, JsObjectValue, Object, Unknown};
use napi::{Env, JsValue, ValueType};
use omnistock::{Error, ErrorCode};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// Whether a JavaScript number holds `n` exactly.
pub fn is_safe(n: i64) -> bool {
    (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n)
}

/// `expiresAt` → `expires_at`; snake_case passes unchanged (and unallocated).
pub fn camel_to_snake(key: &str) -> Cow<'_, str> {
    if !key.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(key);
    }
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `expires_at` → `expiresAt`.
pub fn snake_to_camel(key: &str) -> Cow<'_, str> {
    if !key.contains('_') {
        return Cow::Borrowed(key);
    }
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `invalid_input` for unreadable JSON text, with `line` and `column` (as the core reports it).
fn json_error(e: serde_json::Error) -> Error {
    Error::new(ErrorCode::InvalidInput, e.to_string())
        .with("line", e.line())
        .with("column", e.column())
}

/// Reads one JSON value from text (serde_json, exact; nesting beyond 128 levels is refused).
///
/// # Errors
///
/// `invalid_input` with `line` and `column`.
pub fn read_json(text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(json_error)
}

/// The JSON text of each element of a JSON array, without reading the elements (so one
/// unreadable element, too deeply nested say, can be refused on its own).
///
/// # Errors
///
/// `invalid_input` if the text is not a JSON array.
pub fn split_array(text: &str) -> Result<Vec<&str>, Error> {
    let items: Vec<&RawValue> = serde_json::from_str(text).map_err(json_error)?;
    Ok(items.into_iter().map(RawValue::get).collect())
}

/// Where in the input a value sits, written like the core writes it (`pools[0].members[1].buffer`).
#[derive(Default)]
struct Path(String);

impl Path {
    fn key<T>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> T) -> T {
        let len = self.0.len();
        if !self.0.is_empty() {
            self.0.push('.');
        }
        self.0.push_str(key);
        let out = f(self);
        self.0.truncate(len);
        out
    }

    fn index<T>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> T) -> T {
        let len = self.0.len();
        self.0.push_str(&format!("[{i}]"));
        let out = f(self);
        self.0.truncate(len);
        out
    }
}

/// Where a value sits in a document, as far as key renaming cares: the keys of a service's
/// zone matrix (`services[i].transit.zones`) and of each of its rows are zone codes, not field
/// names, so they are never renamed. Keys are matched in the core's snake_case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The root of a network document.
    Network,
    /// `services`.
    Services,
    /// `services[i]`.
    Service,
    /// `services[i].transit`.
    Transit,
    /// `services[i].transit.zones`: keys are origin zones.
    Zones,
    /// `services[i].transit.zones.<origin>`: keys are destination zones.
    ZoneRow,
    /// `locations`.
    Locations,
    /// `locations[i]`.
    Location,
    /// `locations[i].shipping`: keys are service ids.
    Shipping,
    /// `locations[i].shipping.<service>`.
    Rate,
    /// `locations[i].shipping.<service>.zones`: keys are destination zones.
    RateZones,
    /// An open order's `shipped`: keys are reservation ids.
    Shipped,
    /// The root of a simulation scenario (`simulate`'s input, `generate`'s output).
    Scenario,
    /// A scenario's `fulfilment`.
    Fulfilment,
    /// The root of a KPI report (`kpis`, a simulation run's `kpis`).
    Kpis,
    /// A KPI report's `by_channel`, `by_rule_set` or `by_day`: keys are channel ids, rule-set
    /// names or dates; values are [`Place::Metrics`].
    Groups,
    /// One group's metrics.
    Metrics,
    /// The root of a simulation (`simulate`'s output).
    Simulation,
    /// A simulation's `runs`.
    Runs,
    /// One run of a simulation.
    Run,
    /// A map keyed by data whose values hold field names only: a scenario's `catalog` (SKUs),
    /// a fulfilment model's `pick_hours` and `reject_pct` (location kinds), a group's
    /// `cancellations` (reasons), a run's `refused` (error codes).
    DataMap,
    /// Anywhere else (and the root of every other document): keys are field names.
    Other,
}

impl Place {
    /// The place of the value under `key` (snake_case) of an object here.
    fn key(self, key: &str) -> Place {
        match (self, key) {
            (Place::Network, "services") => Place::Services,
            (Place::Service, "transit") => Place::Transit,
            (Place::Transit, "zones") => Place::Zones,
            (Place::Zones, _) => Place::ZoneRow,
            (Place::Network, "locations") => Place::Locations,
            (Place::Location, "shipping") => Place::Shipping,
            (Place::Shipping, _) => Place::Rate,
            (Place::Rate, "zones") => Place::RateZones,
            (Place::Other, "shipped") => Place::Shipped,
            (Place::Scenario, "network") => Place::Network,
            (Place::Scenario, "catalog") => Place::DataMap,
            (Place::Scenario, "fulfilment") => Place::Fulfilment,
            (Place::Fulfilment, "pick_hours" | "reject_pct") => Place::DataMap,
            (Place::Kpis, "overall") => Place::Metrics,
            (Place::Kpis, "by_channel" | "by_rule_set" | "by_day") => Place::Groups,
            (Place::Groups, _) => Place::Metrics,
            (Place::Metrics, "cancellations") => Place::DataMap,
            (Place::Simulation, "runs") => Place::Runs,
            (Place::Run, "kpis") => Place::Kpis,
            (Place::Run, "refused") => Place::DataMap,
            _ => Place::Other,
        }
    }

    /// The place of an item of an array here.
    fn item(self) -> Place {
        match self {
            Place::Services => Place::Service,
            Place::Locations => Place::Location,
            Place::Runs => Place::Run,
            _ => Place::Other,
        }
    }

    /// Whether the keys of an object here are data (passed unchanged).
    fn data_keys(self) -> bool {
        matches!(
            self,
            Place::Zones
                | Place::ZoneRow
                | Place::Shipping
                | Place::RateZones
                | Place::Shipped
                | Place::Groups
                | Place::DataMap
        )
    }
}

/// A JSON value from JavaScript as the core reads it: keys renamed to snake_case (in place),
/// integers beyond ±(2^53 − 1) refused. `place` is the kind of document (`Place::Network` for
/// a network, `Place::Other` for events and requests).
///
/// # Errors
///
/// `invalid_input` naming the field (`context.field` and a message prefix, as the core does)
/// of an integer beyond ±(2^53 − 1).
pub fn check(mut value: Value, place: Place) -> Result<Value, Error> {
    check_at(&mut value, &mut Path::default(), place)?;
    Ok(value)
}

fn check_at(value: &mut Value, path: &mut Path, place: Place) -> Result<(), Error> {
    match value {
        Value::Object(map) => {
            if !place.data_keys() && map.keys().any(|k| matches!(camel_to_snake(k), Cow::Owned(_))) {
                *map = std::mem::take(map)
                    .into_iter()
                    .map(|(k, v)| (camel_to_snake(&k).into_owned(), v))
                    .collect::<Map<_, _>>();
            }
            for (k, v) in map.iter_mut() {
                let inner = place.key(k);
                path.key(k, |p| check_at(v, p, inner))?;
            }
        }
        Value::Array(items) => {
            let inner = place.item();
            for (i, v) in items.iter_mut().enumerate() {
                path.index(i, |p| check_at(v, p, inner))?;
            }
        }
        Value::Number(n) if (n.is_i64() || n.is_u64()) && !n.as_i64().is_some_and(is_safe) => {
            let message = format!("{n} is beyond ±(2^53 − 1): a JavaScript number cannot hold it exactly");
            return Err(if path.0.is_empty() {
                Error::new(ErrorCode::InvalidInput, message)
            } else {
                Error::new(ErrorCode::InvalidInput, format!("{}: {message}", path.0)).with("field", &path.0)
            }
            .with("value", n));
        }
        _ => {}
    }
    Ok(())
}

/// A core output as JSON text for JavaScript: keys renamed to camelCase; integers a JavaScript
/// number cannot hold written as decimal strings rather than rounded.
///
/// # Errors
///
/// Only if a core type failed to serialize (a bug).
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    to_json_at(value, Place::Other)
}

/// [`to_json`] for a document whose maps keyed by data sit at places [`Place::Other`] does not
/// know: `place` is the kind of document (`Place::Kpis`, `Place::Simulation`,
/// `Place::Scenario`).
///
/// # Errors
///
/// Only if a core type failed to serialize (a bug).
pub fn to_json_at<T: serde::Serialize>(value: &T, place: Place) -> Result<String, serde_json::Error> {
    serde_json::to_string(&camel(serde_json::to_value(value)?, place))
}

/// [`to_json`], appended to a buffer (for a batch written one outcome at a time).
///
/// # Errors
///
/// Only if a core type failed to serialize (a bug).
pub fn write_json<T: serde::Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), serde_json::Error> {
    serde_json::to_writer(out, &camel(serde_json::to_value(value)?, Place::Other))
}

/// Output keys to camelCase, except where they are data ([`Place`]). No output echoes a
/// network today (snapshots are bytes), but one that does must start at `Place::Network`.
fn camel(value: Value, place: Place) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let inner = place.key(&k);
                    let v = camel(v, inner);
                    let k = if place.data_keys() {
                        k
                    } else {
                        snake_to_camel(&k).into_owned()
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => {
            let inner = place.item();
            Value::Array(items.into_iter().map(|v| camel(v, inner)).collect())
        }
        Value::Number(n) if (n.is_i64() || n.is_u64()) && !n.as_i64().is_some_and(is_safe) => {
            Value::String(n.to_string())
        }
        other => other,
    }
}

/// A quantity for JavaScript: a number when JavaScript holds it exactly, else `quantity_overflow`.
///
/// # Errors
///
/// `quantity_overflow` beyond ±(2^53 − 1).
pub fn js_number(n: i64) -> Result<i64, Error> {
    if is_safe(n) {
        Ok(n)
    } else {
        Err(Error::new(
            ErrorCode::QuantityOverflow,
            format!("{n} is beyond ±(2^53 − 1): a JavaScript number cannot hold it exactly"),
        )
        .with("value", n))
    }
}

/// An `invalid_input` error.
pub fn invalid(message: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::InvalidInput, message.to_string())
}

/// An `invalid_input` error about an argument, named as the core names a field (`field` in the
/// context, `field: ` before the message).
pub fn invalid_arg(field: &str, message: impl std::fmt::Display) -> Error {
    invalid(format_args!("{field}: {message}")).with("field", field)
}

/// What `typeof value` says, for messages.
fn type_of(value: &Unknown<'_>) -> &'static str {
    match value.get_type() {
        Ok(ValueType::Undefined) => "undefined",
        Ok(ValueType::Null) => "null",
        Ok(ValueType::Boolean) => "boolean",
        Ok(ValueType::Number) => "number",
        Ok(ValueType::String) => "string",
        Ok(ValueType::Symbol) => "symbol",
        Ok(ValueType::Object) => "object",
        Ok(ValueType::Function) => "function",
        _ => "an unknown type",
    }
}

/// Reads `now`: an ISO 8601 / RFC 3339 timestamp with an offset (`"2026-11-30T09:00:00Z"`,
/// `"2026-11-30T10:00:00+01:00"`), or a `Date` (read as its `toISOString()`). A string without
/// an offset is refused: guessing a zone would make the answer depend on the machine.
///
/// # Errors
///
/// `invalid_input` naming `now`: a string that is not such a timestamp, an invalid `Date`,
/// any other type.
pub fn read_now(env: &Env, value: Unknown<'_>) -> Result<jiff::Timestamp, Error> {
    let text = match value.get_type() {
        Ok(ValueType::String) => String::from_unknown(value).map_err(|e| invalid_arg("now", &e.reason))?,
        Ok(ValueType::Object) if is_date(env, &value) => {
            let date = Object::from_unknown(value).map_err(|e| invalid_arg("now", &e.reason))?;
            // Bound, then `call`ed: `call` takes a thrown exception back as an error (and
            // clears it), where `apply` would leave it pending. An invalid Date
            // (`new Date(NaN)`) throws a RangeError here.
            let iso = (|| -> napi::Result<String> {
                let f = date.get_named_property::<Function<(), Unknown>>("toISOString")?;
                String::from_unknown(f.bind(date)?.call(())?)
            })();
            iso.map_err(|e| invalid_arg("now", format_args!("not a valid Date ({})", e.reason)))?
        }
        _ => {
            return Err(invalid_arg(
                "now",
                format_args!("expected an ISO 8601 string or a Date, got {}", type_of(&value)),
            ));
        }
    };
    text.parse::<jiff::Timestamp>().map_err(|e| {
        invalid_arg("now", format_args!("not an RFC 3339 timestamp with an offset ({e})")).with("value", &text)
    })
}

/// Whether a value is a `Date` of this realm (`value instanceof Date`).
fn is_date(env: &Env, value: &Unknown<'_>) -> bool {
    env.get_global()
        .and_then(|g| g.get_named_property::<Function<Unknown, Unknown>>("Date"))
        .and_then(|date| value.instanceof(date))
        .unwrap_or(false)
}

/// Reads `days`: a number holding an integer in `0..=4294967295` (the core then checks its
/// own range, so `0` gets the core's answer).
///
/// # Errors
///
/// `invalid_input` naming `days`: not a number, not an integer, negative or beyond `u32`.
pub fn read_days(value: Unknown<'_>) -> Result<u32, Error> {
    if value.get_type().ok() != Some(ValueType::Number) {
        return Err(invalid_arg(
            "days",
            format_args!("expected an integer, got {}", type_of(&value)),
        ));
    }
    let n = f64::from_unknown(value).map_err(|e| invalid_arg("days", &e.reason))?;
    // `n == n.trunc()` is false for NaN and the infinities; the range check keeps the cast exact.
    if n == n.trunc() && (0.0..=f64::from(u32::MAX)).contains(&n) {
        Ok(n as u32)
    } else {
        Err(invalid_arg(
            "days",
            format_args!("expected an integer within 0..=4294967295, got {n}"),
        )
        .with("value", n))
    }
}

/// JSON text of a JavaScript value: the string itself, or what `JSON.stringify` writes.
///
/// # Errors
///
/// `invalid_input` if `JSON.stringify` gives nothing or throws (a `bigint`, a cycle).
pub fn json_text(env: &Env, value: Unknown<'_>, what: &str) -> Result<String, Error> {
    if value.get_type().ok() == Some(ValueType::String) {
        return String::from_unknown(value).map_err(|e| invalid(e.reason.clone()));
    }
    match stringify(env, value) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(invalid(format_args!("{what} must be an object or JSON text"))),
        Err(e) => Err(invalid(format_args!("{what} cannot be written as JSON: {}", e.reason))),
    }
}

fn json_builtin<'env>(env: &'env Env, name: &str) -> napi::Result<Function<'env, Unknown<'env>, Unknown<'env>>> {
    env.get_global()?
        .get_named_property::<Object>("JSON")?
        .get_named_property(name)
}

/// `JSON.stringify(value)`: `None` where JavaScript gives `undefined` (for `undefined`, a
/// function, a symbol).
///
/// # Errors
///
/// What `JSON.stringify` throws (a `bigint`, a cycle, a throwing `toJSON`), as a napi error
/// holding its message; the JavaScript exception is cleared.
pub fn stringify(env: &Env, value: Unknown<'_>) -> napi::Result<Option<String>> {
    let text = json_builtin(env, "stringify")?.call(value)?;
    match text.get_type()? {
        ValueType::String => Ok(Some(String::from_unknown(text)?)),
        _ => Ok(None),
    }
}

/// `JSON.parse(text)`: JSON text made by [`to_json`] as JavaScript values.
///
/// # Errors
///
/// Only if napi fails.
pub fn parse<'env>(env: &'env Env, text: &str) -> napi::Result<Unknown<'env>> {
    let text = env.create_string(text)?;
    json_builtin(env, "parse")?.call(text.to_unknown())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_case() {
        for k in [
            "expires_at",
            "on_hand",
            "id",
            "last_count_seq",
            "max_share_pct",
            "low_stock_threshold",
        ] {
            assert_eq!(camel_to_snake(&snake_to_camel(k)), k);
        }
        assert_eq!(camel_to_snake("lowStockThreshold"), "low_stock_threshold");
        assert_eq!(camel_to_snake("low_stock_threshold"), "low_stock_threshold");
        assert_eq!(snake_to_camel("last_count_seq"), "lastCountSeq");
    }

    #[test]
    fn inputs_are_renamed_and_checked() {
        let v = check(
            read_json(r#"{"expiresAt": "x", "members": [{"maxSharePct": 1.5, "n": -9007199254740991}]}"#).unwrap(),
            Place::Other,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"expires_at": "x", "members": [{"max_share_pct": 1.5, "n": -9_007_199_254_740_991i64}]})
        );
        let e = check(
            read_json(r#"{"pools": [{"bufferSize": 9007199254740992}]}"#).unwrap(),
            Place::Network,
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
        assert_eq!(e.context()["field"], "pools[0].buffer_size");
        assert!(
            e.message()
                .starts_with("pools[0].buffer_size: 9007199254740992 is beyond")
        );
        assert!(check(json!(u64::MAX), Place::Other).is_err());
        assert!(read_json("[1, 2").unwrap_err().context().contains_key("line"));
    }

    #[test]
    fn zone_codes_are_data_in_both_directions() {
        let zones = json!({"FR_Nord": {"northEast": 1, "south_west": 2, "IDF": 3}, "northEast": {"SOUTH_WEST": 4}});
        let given = json!({
            "locations": [{"id": "DC1", "kind": "warehouse", "zone": "FR_Nord", "timeZone": "Europe/Paris"}],
            "services": [{"id": "std", "workingDays": ["mon"], "transit": {
                "zones": zones.clone(), "distanceBands": [{"maxKm": 10.0, "days": 1}]}}],
        });
        let v = check(given.clone(), Place::Network).unwrap();
        let transit = &v["services"][0]["transit"];
        assert_eq!(transit["zones"], zones);
        assert_eq!(transit["distance_bands"], json!([{"max_km": 10.0, "days": 1}]));
        assert_eq!(v["services"][0]["working_days"], json!(["mon"]));
        assert_eq!(v["locations"][0]["time_zone"], "Europe/Paris");
        // Out of that place (another key, another document) keys are field names.
        let elsewhere = check(json!({"pools": [{"zones": {"northEast": {"aB": 1}}}]}), Place::Network).unwrap();
        assert_eq!(elsewhere, json!({"pools": [{"zones": {"north_east": {"a_b": 1}}}]}));
        let event = check(json!({"services": [{"transit": {"zones": {"aB": {}}}}]}), Place::Other).unwrap();
        assert_eq!(event, json!({"services": [{"transit": {"zones": {"a_b": {}}}}]}));
        // The core reads it; written back from a network's place, it is what was given.
        let network = omnistock::Network::from_value(v).unwrap();
        assert_eq!(network.services[0].transit.zones["FR_Nord"]["northEast"], 1);
        let out = camel(serde_json::to_value(&network).unwrap(), Place::Network);
        assert_eq!(out["services"][0]["transit"], given["services"][0]["transit"]);
        assert_eq!(out["locations"][0]["timeZone"], "Europe/Paris");
        // (What renaming every key would have made of it.)
        let wrong = camel(serde_json::to_value(&network).unwrap(), Place::Other);
        assert_eq!(wrong["services"][0]["transit"]["zones"]["FRNord"]["southWest"], 2);
        // An unsafe integer in the matrix is named by its path.
        let e = check(
            json!({"services": [{"transit": {"zones": {"FR_Nord": {"northEast": 1u64 << 53}}}}]}),
            Place::Network,
        )
        .unwrap_err();
        assert_eq!(e.context()["field"], "services[0].transit.zones.FR_Nord.northEast");
    }

    #[test]
    fn keys_that_are_data_in_kpis_simulations_and_scenarios() {
        // Out: group keys (channel ids, rule-set names, days), reasons and error codes kept;
        // field names renamed, at every depth.
        let metrics = json!({"fill_rate": {"units": 0.5}, "cancellations": {"out_of_stock": 1}});
        let kpis = json!({"overall": metrics, "by_channel": {"click_and_collect": metrics},
                          "by_rule_set": {"fewest_shipments": metrics}, "by_day": {"2026-11-02": metrics}});
        let camel_metrics = json!({"fillRate": {"units": 0.5}, "cancellations": {"out_of_stock": 1}});
        let want = json!({"overall": camel_metrics, "byChannel": {"click_and_collect": camel_metrics},
                          "byRuleSet": {"fewest_shipments": camel_metrics}, "byDay": {"2026-11-02": camel_metrics}});
        assert_eq!(camel(kpis.clone(), Place::Kpis), want);
        let sim = json!({"runs": [{"kpis": kpis, "refused": {"unknown_sku": 2},
                                   "outcomes": [{"rule_set": "a", "cost_of_goods": "1"}]}],
                         "comparison": {"rows": [{"metric": "fill_rate_units"}]}});
        let out = camel(sim, Place::Simulation);
        assert_eq!(out["runs"][0]["kpis"], want);
        assert_eq!(out["runs"][0]["refused"], json!({"unknown_sku": 2}));
        assert_eq!(
            out["runs"][0]["outcomes"][0],
            json!({"ruleSet": "a", "costOfGoods": "1"})
        );
        assert_eq!(
            out["comparison"]["rows"][0]["metric"], "fill_rate_units",
            "values are never touched"
        );
        // A scenario, both ways: catalog SKUs, location kinds and the network's zone codes kept.
        let scenario = json!({"cancel_after_days": 7, "catalog": {"sku_a": {"price": "1"}},
            "fulfilment": {"pick_hours": {"drop_ship": [1.0, 2.0]}, "reject_pct": {"third_party": 1.0}, "late_pct": 4.0},
            "network": {"locations": [{"id": "S", "kind": "store", "shipping": {"std_2": {"zones": {"FR_N": {"per_unit": "1"}}}}}]},
            "stream": [{"type": "order", "order": {"ship_complete": true}}]});
        let out = camel(scenario.clone(), Place::Scenario);
        assert_eq!(out["cancelAfterDays"], 7);
        assert_eq!(out["catalog"], json!({"sku_a": {"price": "1"}}));
        assert_eq!(
            out["fulfilment"],
            json!({"pickHours": {"drop_ship": [1.0, 2.0]}, "rejectPct": {"third_party": 1.0}, "latePct": 4.0})
        );
        assert_eq!(
            out["network"]["locations"][0]["shipping"],
            json!({"std_2": {"zones": {"FR_N": {"perUnit": "1"}}}})
        );
        assert_eq!(out["stream"][0]["order"]["shipComplete"], true);
        assert_eq!(
            check(out, Place::Scenario).unwrap(),
            scenario,
            "what generate gives, simulate reads"
        );
        // Elsewhere the same keys are field names.
        assert_eq!(
            camel(json!({"catalog": {"sku_a": 1}}), Place::Other),
            json!({"catalog": {"skuA": 1}})
        );
    }

    #[test]
    fn arrays_split_without_reading_elements() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let text = format!(r#"[{{"id": "a"}}, {deep}, 3]"#);
        let items = split_array(&text).unwrap();
        assert_eq!(items.len(), 3);
        assert!(read_json(items[0]).is_ok());
        assert!(read_json(items[1]).is_err());
        assert!(split_array(r#"{"a": 1}"#).is_err());
    }

    #[test]
    fn outputs_are_camel_case_and_exact() {
        let text = to_json(
            &json!({"on_hand": 9_007_199_254_740_991i64, "last_count_seq": u64::MAX, "kind": "click_and_collect"}),
        )
        .unwrap();
        assert_eq!(
            text,
            r#"{"kind":"click_and_collect","lastCountSeq":"18446744073709551615","onHand":9007199254740991}"#
        );
        assert_eq!(
            to_json(&json!(-9_007_199_254_740_992i64)).unwrap(),
            r#""-9007199254740992""#
        );
    }
}
