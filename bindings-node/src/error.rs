//! Core errors as JavaScript errors: one mapping, used by sync calls and by rejected promises
//! alike, so `err.code` and `err.data` never depend on how the call was made.
//!
//! napi-rs turns a returned `napi::Error` into a JS error whose `code` is the napi status
//! (`GenericFailure`), and an `AsyncTask` can only fail with such an error. So the binding
//! builds the JS `Error` object itself (on the JS thread: in the method, or in the task's
//! `resolve`) and hands napi that very object to throw or reject with.

use napi::bindgen_prelude::{JsObjectValue, Object};
use napi::{Env, JsValue};

use crate::conversion::snake_to_camel;

/// Why a binding call failed: the core said no, or something outside the core's contract
/// happened (a panic caught on a worker thread, a poisoned lock, a failing napi call).
pub enum Failure {
    /// A core error: thrown as an `Error` with the core's `.code` and `.data`.
    Core(omnistock::Error),
    /// Not a core error: thrown as napi makes it (`.code` is a napi status).
    Napi(napi::Error),
}

impl From<omnistock::Error> for Failure {
    fn from(e: omnistock::Error) -> Self {
        Failure::Core(e)
    }
}

impl From<napi::Error> for Failure {
    fn from(e: napi::Error) -> Self {
        Failure::Napi(e)
    }
}

impl From<serde_json::Error> for Failure {
    /// A core value that failed to serialize: a bug, not an input error.
    fn from(e: serde_json::Error) -> Self {
        Failure::Napi(napi::Error::from_reason(format!(
            "omnistock: cannot convert a result: {e}"
        )))
    }
}

/// The one mapping from a failure to what JavaScript receives: for a core error, an `Error`
/// whose `message` is the core's message, `code` its stable code, and `data` its context
/// (keys in camelCase, values as the core wrote them).
pub fn to_js_error(env: &Env, failure: Failure) -> napi::Error {
    match failure {
        Failure::Napi(e) => e,
        Failure::Core(e) => build(env, &e).unwrap_or_else(|napi_err| napi_err),
    }
}

fn build(env: &Env, e: &omnistock::Error) -> napi::Result<napi::Error> {
    let mut err: Object = env.create_error(napi::Error::from_reason(e.message()))?;
    err.set_named_property("code", e.code().as_str())?;
    let mut data = Object::new(env)?;
    for (k, v) in e.context() {
        data.set(snake_to_camel(k), v.as_str())?;
    }
    err.set_named_property("data", data)?;
    Ok(napi::Error::from(err.to_unknown()))
}

/// Maps a core result for a sync call.
pub fn or_throw<T>(env: &Env, result: Result<T, impl Into<Failure>>) -> napi::Result<T> {
    result.map_err(|e| to_js_error(env, e.into()))
}
