//! Order sourcing (`allocate`, `allocateAsync`, `commit`, `releaseOrder`, `reallocate`,
//! `reallocateOffline`, `openOrders`, `openOrder`, `capacityUsed`): values read from
//! JavaScript as JSON text, handed to the core's `Inventory` methods, answered as JSON text.
//! The binding only converts.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use jiff::Timestamp;
use napi::bindgen_prelude::{FromNapiValue, Unknown};
use napi::{Env, JsValue, ScopedTask, ValueType};
use omnistock::Error;
use serde_json::Value;

use crate::conversion::{self, Place, invalid, json_text, read_now};
use crate::error::{Failure, to_js_error};
use crate::inventory::{Shared, lock};

/// A document from JavaScript (an object or its JSON text) as the core reads it, any error
/// placed under `field`.
pub fn read_doc(env: &Env, value: Unknown<'_>, field: &str) -> Result<Value, Error> {
    let text = json_text(env, value, field).map_err(|e| e.within(field))?;
    let v = conversion::read_json(&text).map_err(|e| e.within(field))?;
    conversion::check(v, Place::Other).map_err(|e| e.within(field))
}

/// Rules: a rule-set object, its JSON text, or a preset's name.
fn read_rules(env: &Env, value: Unknown<'_>) -> Result<Value, Error> {
    if value.get_type().ok() == Some(ValueType::String) {
        let text = String::from_unknown(value).map_err(|e| invalid(e.reason.clone()))?;
        if !text.trim_start().starts_with('{') {
            return Ok(Value::String(text));
        }
        let v = conversion::read_json(&text).map_err(|e| e.within("rules"))?;
        return conversion::check(v, Place::Other).map_err(|e| e.within("rules"));
    }
    read_doc(env, value, "rules")
}

/// The arguments of `allocate` as taken on the JS thread; errors wait until the call runs, so
/// the async variant rejects with them instead of throwing.
pub struct Allocate {
    orders: Result<Value, Error>,
    rules: Result<Value, Error>,
    now: Result<Timestamp, Error>,
}

impl Allocate {
    /// Takes the orders, rules and `now` from JavaScript values.
    pub fn take(env: &Env, orders: Unknown<'_>, rules: Unknown<'_>, now: Unknown<'_>) -> Allocate {
        let orders = if orders.get_type().ok() == Some(ValueType::String) || orders.is_array().unwrap_or(false) {
            read_doc(env, orders, "orders")
        } else {
            Err(invalid("orders must be an array of orders, or its JSON text").within("orders"))
        };
        Allocate {
            orders,
            rules: read_rules(env, rules),
            now: read_now(env, now),
        }
    }

    /// Asks the core for the plan; returns it as JSON text.
    pub fn run(self, inner: &Shared) -> Result<String, Failure> {
        let (orders, rules, now) = (self.orders?, self.rules?, self.now?);
        let plan = lock(inner)?.allocate_values(orders, rules, now)?;
        Ok(conversion::to_json(&plan)?)
    }
}

/// `allocateAsync`: `compute` runs the core on a libuv worker thread; `resolve` only converts.
pub struct AllocateTask {
    inner: Shared,
    job: Option<Allocate>,
}

impl AllocateTask {
    /// The task for one `allocateAsync` call.
    pub fn new(inner: &Shared, job: Allocate) -> AllocateTask {
        AllocateTask {
            inner: Arc::clone(inner),
            job: Some(job),
        }
    }
}

impl<'task> ScopedTask<'task> for AllocateTask {
    type Output = Result<String, Failure>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let Some(job) = self.job.take() else {
            return Ok(Err(Failure::Napi(napi::Error::from_reason(
                "omnistock: allocateAsync ran twice (a bug: please report it)",
            ))));
        };
        // `#[napi(catch_unwind)]` covers the JS thread only: this is the net on the worker.
        let result = catch_unwind(AssertUnwindSafe(|| job.run(&self.inner)));
        Ok(result.unwrap_or_else(|_| {
            Err(Failure::Napi(napi::Error::from_reason(
                "omnistock panicked while allocating (a bug: please report it)",
            )))
        }))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        match output {
            Ok(text) => conversion::parse(env, &text),
            Err(failure) => Err(to_js_error(env, failure)),
        }
    }
}

/// A `'YYYY-MM-DD'` date argument.
pub fn read_date(text: &str) -> Result<jiff::civil::Date, Error> {
    text.parse::<jiff::civil::Date>()
        .map_err(|e| conversion::invalid_arg("date", format_args!("not a YYYY-MM-DD date ({e})")).with("value", text))
}
