//! Delivery promises (`promise`, `promiseMany`, `promiseManyAsync`): requests read from
//! JavaScript, answered by the core's `Inventory::promise` / `promise_many`. The binding only
//! converts; which request is wrong and why is the core's answer, placed with the core's own
//! rule (`[i]` + field) when the binding finds it while converting one request of a batch.

use jiff::Timestamp;
use napi::bindgen_prelude::{FromNapiValue, Unknown};
use napi::{Env, JsValue, ValueType};
use omnistock::{Error, PromiseRequest};

use crate::conversion::{self, Place, invalid, json_text, read_now};
use crate::error::Failure;
use crate::inventory::{Shared, lock};

/// One request from its JSON text: keys renamed, unsafe integers refused, then read by the core.
///
/// # Errors
///
/// `invalid_input` naming the field (or with `line`/`column` for unreadable text).
fn read_request_text(text: &str) -> Result<PromiseRequest, Error> {
    PromiseRequest::from_value(conversion::check(conversion::read_json(text)?, Place::Other)?)
}

/// One request as given: a plain object or its JSON text.
///
/// # Errors
///
/// `invalid_input` naming the field.
pub fn read_request(env: &Env, request: Unknown<'_>) -> Result<PromiseRequest, Error> {
    read_request_text(&json_text(env, request, "the request")?)
}

/// The JSON text of an array of requests (given, or written by `JSON.stringify`), taken on the
/// JS thread; when the array cannot be written as JSON (a `bigint`, a cycle), the error names
/// the first request that cannot.
fn requests_text(env: &Env, requests: Unknown<'_>) -> Result<String, Error> {
    if requests.get_type().ok() == Some(ValueType::String) {
        return String::from_unknown(requests).map_err(|e| invalid(&e.reason));
    }
    if !requests.is_array().unwrap_or(false) {
        return Err(invalid(
            "requests must be an array of promise requests, or its JSON text",
        ));
    }
    let whole = match conversion::stringify(env, requests) {
        Ok(Some(text)) => return Ok(text),
        Ok(None) => invalid("requests cannot be written as JSON"),
        Err(e) => invalid(format_args!("requests cannot be written as JSON: {}", e.reason)),
    };
    let items = Vec::<Unknown>::from_unknown(requests).map_err(|e| invalid(&e.reason))?;
    for (i, item) in items.into_iter().enumerate() {
        if let Err(e) = conversion::stringify(env, item) {
            return Err(
                invalid(format_args!("the request cannot be written as JSON: {}", e.reason)).within(&format!("[{i}]")),
            );
        }
    }
    Err(whole)
}

/// The arguments of `promiseMany` as taken on the JS thread; conversion errors wait until the
/// call runs, so the async variant rejects with them instead of throwing.
pub struct PromiseMany {
    requests: Result<String, Error>,
    now: Result<Timestamp, Error>,
}

impl crate::task::Job for PromiseMany {
    const NAME: &'static str = "promiseManyAsync";
    type Target = Shared;

    /// Reads every request (the first that cannot be read is the error, named `[i]`), then asks
    /// the core for all the answers at once; returns them as JSON text.
    fn run(self, inner: &Shared) -> Result<String, Failure> {
        let text = self.requests?;
        let now = self.now?;
        let requests = conversion::split_array(&text)?
            .into_iter()
            .enumerate()
            .map(|(i, text)| read_request_text(text).map_err(|e| e.within(&format!("[{i}]"))))
            .collect::<Result<Vec<_>, _>>()?;
        let answers = lock(inner)?.promise_many(&requests, now)?;
        Ok(conversion::to_json(&answers)?)
    }
}

impl PromiseMany {
    /// Takes the requests (as JSON text) and `now` from JavaScript values.
    pub fn take(env: &Env, requests: Unknown<'_>, now: Unknown<'_>) -> PromiseMany {
        PromiseMany {
            requests: requests_text(env, requests),
            now: read_now(env, now),
        }
    }
}
