//! Order sourcing (`allocate`, `allocateWave`, `processBackorders` and their `…Async`
//! variants, `commit`, `releaseOrder`, `reallocate`, `reallocateOffline`, `openOrders`,
//! `openOrder`, `capacityUsed`) and replenishment
//! (`replenish`, `alerts`, their `…Async` variants, `forecast`): values read from
//! JavaScript as JSON text, handed to the core's `Inventory` methods, answered as JSON text.
//! The binding only converts.

use jiff::Timestamp;
use napi::bindgen_prelude::{FromNapiValue, Unknown};
use napi::{Env, JsValue, ValueType};
use omnistock::Error;
use serde_json::Value;

use crate::conversion::{self, Place, invalid, json_text, read_now};
use crate::error::Failure;
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

/// Which core call an [`Allocate`] job makes; all three take a list, rules and `now`, and
/// answer a plan.
#[derive(Clone, Copy)]
pub enum Call {
    /// `allocate`: orders one by one.
    Allocate,
    /// `allocateWave`: the orders as one wave.
    Wave,
    /// `processBackorders`: the backlog by category.
    Backorders,
}

impl Call {
    /// The list argument's name, and what it must be.
    fn list(self) -> (&'static str, &'static str) {
        match self {
            Call::Allocate | Call::Wave => ("orders", "orders must be an array of orders, or its JSON text"),
            Call::Backorders => ("backlog", "backlog must be an array of backorders, or its JSON text"),
        }
    }
}

/// The arguments of `allocate`, `allocateWave` and `processBackorders` as taken on the JS
/// thread; errors wait until the call runs, so the async variants reject with them instead of
/// throwing.
pub struct Allocate {
    call: Call,
    list: Result<Value, Error>,
    rules: Result<Value, Error>,
    now: Result<Timestamp, Error>,
}

impl crate::task::Job for Allocate {
    const NAME: &'static str = "allocateAsync / allocateWaveAsync / processBackordersAsync";
    type Target = Shared;

    fn run(self, inner: &Shared) -> Result<String, Failure> {
        let (list, rules, now) = (self.list?, self.rules?, self.now?);
        let inv = lock(inner)?;
        let plan = match self.call {
            Call::Allocate => inv.allocate_values(list, rules, now)?,
            Call::Wave => inv.allocate_wave_values(list, rules, now)?,
            Call::Backorders => inv.process_backorders_values(list, rules, now)?,
        };
        Ok(conversion::to_json(&plan)?)
    }
}

impl Allocate {
    /// Takes the list (orders or backlog), rules and `now` from JavaScript values.
    pub fn take(env: &Env, call: Call, list: Unknown<'_>, rules: Unknown<'_>, now: Unknown<'_>) -> Allocate {
        let (field, refusal) = call.list();
        let list = if list.get_type().ok() == Some(ValueType::String) || list.is_array().unwrap_or(false) {
            read_doc(env, list, field)
        } else {
            Err(invalid(refusal).within(field))
        };
        Allocate {
            call,
            list,
            rules: read_rules(env, rules),
            now: read_now(env, now),
        }
    }
}

/// A `'YYYY-MM-DD'` date argument.
pub fn read_date(text: &str) -> Result<jiff::civil::Date, Error> {
    text.parse::<jiff::civil::Date>()
        .map_err(|e| conversion::invalid_arg("date", format_args!("not a YYYY-MM-DD date ({e})")).with("value", text))
}

/// The arguments of `replenish` / `alerts` as taken on the JS thread.
pub struct Replenish {
    history: Result<Value, Error>,
    policies: Result<Value, Error>,
    now: Result<Timestamp, Error>,
    alerts: bool,
}

impl Replenish {
    /// Takes the history (rows or columns), policies and `now` from JavaScript values;
    /// `alerts` picks `alerts` over `replenish`.
    pub fn take(env: &Env, history: Unknown<'_>, policies: Unknown<'_>, now: Unknown<'_>, alerts: bool) -> Replenish {
        Replenish {
            history: read_doc(env, history, "history"),
            policies: read_doc(env, policies, "policies"),
            now: read_now(env, now),
            alerts,
        }
    }
}

impl crate::task::Job for Replenish {
    const NAME: &'static str = "replenishAsync / alertsAsync";
    type Target = Shared;

    fn run(self, inner: &Shared) -> Result<String, Failure> {
        let (history, policies, now) = (self.history?, self.policies?, self.now?);
        let inv = lock(inner)?;
        Ok(if self.alerts {
            conversion::to_json(&inv.alerts_values(history, policies, now)?)?
        } else {
            conversion::to_json(&inv.replenish_values(history, policies, now)?)?
        })
    }
}
