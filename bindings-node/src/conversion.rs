//! JSON text ⇄ core values, with JavaScript's conventions: camelCase keys outside, the core's
//! snake_case inside, and only exact numbers.
//!
//! Model maps are always structs (never keyed by ids), so renaming every object key is safe.
//! Integers beyond ±(2^53 − 1) are not exact as JavaScript numbers: on input they are refused
//! (`invalid_input`); on output they are written as decimal strings rather than rounded.

use serde_json::{Map, Value};

use crate::error::invalid_input;

/// The largest integer a JavaScript number holds exactly.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// `expiresAt` → `expires_at` (snake_case input passes unchanged).
pub fn camel_to_snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `expires_at` → `expiresAt`.
pub fn snake_to_camel(key: &str) -> String {
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
    out
}

/// Renames keys to snake_case and checks that every number is exact.
pub fn from_js(value: Value) -> Result<Value, omnistock::Error> {
    Ok(match value {
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (k, v) in map {
                out.insert(camel_to_snake(&k), from_js(v)?);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(from_js).collect::<Result<_, _>>()?),
        Value::Number(n) => {
            let unsafe_int = match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i),
                (None, Some(_)) => true,
                _ => false,
            };
            if unsafe_int {
                return Err(invalid_input(format!(
                    "{n} is beyond ±(2^53 − 1): JavaScript numbers cannot hold it exactly"
                )));
            }
            Value::Number(n)
        }
        other => other,
    })
}

/// Renames keys to camelCase; integers a JavaScript number cannot hold become strings.
pub fn to_js(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (snake_to_camel(&k), to_js(v))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(to_js).collect()),
        Value::Number(n) => match n.as_i64() {
            Some(i) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) => Value::Number(n),
            Some(_) => Value::String(n.to_string()),
            None if n.is_u64() => Value::String(n.to_string()),
            None => Value::Number(n),
        },
        other => other,
    }
}

/// Parses JSON text from JavaScript into a core input value.
pub fn parse(text: &str) -> Result<Value, omnistock::Error> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid_input(e.to_string()))?;
    from_js(value)
}

/// Serializes a core value for JavaScript.
pub fn render<T: serde::Serialize>(value: &T) -> String {
    // Core values are plain data with string keys: serializing cannot fail.
    let v = serde_json::to_value(value).unwrap_or(Value::Null);
    to_js(v).to_string()
}

/// Checks that a quantity returned as a number is exact in JavaScript.
pub fn safe(n: i64) -> Result<i64, omnistock::Error> {
    if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n) {
        Ok(n)
    } else {
        Err(omnistock::Error::new(
            omnistock::ErrorCode::QuantityOverflow,
            format!("{n} is beyond ±(2^53 − 1): JavaScript numbers cannot hold it exactly"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_case_round_trips() {
        for k in ["expires_at", "on_hand", "id", "last_count_seq", "max_share_pct"] {
            assert_eq!(camel_to_snake(&snake_to_camel(k)), k);
        }
        assert_eq!(camel_to_snake("lowStockThreshold"), "low_stock_threshold");
        assert_eq!(camel_to_snake("low_stock_threshold"), "low_stock_threshold");
    }

    #[test]
    fn unsafe_integers() {
        assert!(from_js(serde_json::json!({"q": 9_007_199_254_740_992i64})).is_err());
        assert!(from_js(serde_json::json!({"q": 9_007_199_254_740_991i64})).is_ok());
        assert_eq!(
            to_js(serde_json::json!(9_223_372_036_854_775_807i64)),
            serde_json::json!("9223372036854775807")
        );
    }
}
