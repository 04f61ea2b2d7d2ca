//! `kpis`: KPIs over order outcomes (the core's `kpi` module). The outcomes are read from
//! JavaScript, handed to `omnistock::kpis_values`, and the answer converted back, its maps
//! keyed by data (channels, rule sets, days, cancellation reasons) left as the core wrote them.
//! The binding only converts.

use napi::bindgen_prelude::{FromNapiValue, Unknown};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;
use omnistock::Error;
use serde_json::Value;

use crate::conversion::{self, Place, invalid, invalid_arg, json_text};
use crate::error::{Failure, to_js_error};

/// Outcomes as given: an array or its JSON text. Errors about the argument itself name
/// `outcomes`; errors inside an outcome name it `[i]`, as the core does.
fn read_outcomes(env: &Env, value: Unknown<'_>) -> Result<Value, Error> {
    let text = value.get_type().ok() == Some(ValueType::String);
    if !text && !value.is_array().unwrap_or(false) {
        return Err(invalid("outcomes must be an array of order outcomes, or its JSON text").within("outcomes"));
    }
    let text = json_text(env, value, "outcomes").map_err(|e| e.within("outcomes"))?;
    let outcomes = conversion::read_json(&text).map_err(|e| e.within("outcomes"))?;
    conversion::check(outcomes, Place::Other)
}

/// An optional string argument: `undefined` and `null` are none.
fn read_optional_string(value: Unknown<'_>, field: &str) -> Result<Option<String>, Error> {
    match value.get_type() {
        Ok(ValueType::Undefined | ValueType::Null) => Ok(None),
        Ok(ValueType::String) => String::from_unknown(value)
            .map(Some)
            .map_err(|e| invalid_arg(field, &e.reason)),
        _ => Err(invalid_arg(field, "expected a string")),
    }
}

/// The KPIs of order outcomes (what became of each order: its lines, shipments, cancellations
/// and money), overall, by channel, by rule set and by UTC day of placement; the formulas are
/// in the core's `kpi` module docs. With a `baseline` rule set, each rule set's
/// `avoidedLogisticsCost` is computed against it. Ratios are numbers (the very `f64` the core
/// computed), `null` when their denominator is 0; money is a decimal string. Keys of
/// `byChannel`, `byRuleSet`, `byDay` and `cancellations` are data (`click_and_collect`,
/// `out_of_stock`), never renamed.
///
/// @example
/// const k = kpis([{ order: 'SO-1', channel: 'web', placed: '2026-11-02T09:00:00Z',
///   lines: [{ line: '1', sku: 'A', ordered: 4, delivered: 3, cancelled: 1 }],
///   cancellations: [{ at: '2026-11-03T09:00:00Z', reason: 'out_of_stock', units: 1 }] }])
/// k.overall.fillRate.units // 0.75
/// k.overall.cancellations.out_of_stock // 1
///
/// @param outcomes an array of order outcomes (camelCase keys, snake_case accepted), or its JSON text.
/// @param baseline the rule set to compare the others' logistics cost with.
/// @throws {Error} `invalid_quantity` naming the field (`[0].lines[0].ordered`: a line
/// ordering 0 or less, negative units, more delivered and cancelled than ordered);
/// `invalid_input` naming the field (an outcome without lines, negative money, an unknown
/// `baseline`, `outcomes` not an array); `duplicate_id` (an order twice for one rule set).
#[napi(
    catch_unwind,
    ts_args_type = "outcomes: OrderOutcome[] | string, baseline?: string | null",
    ts_return_type = "Kpis"
)]
pub fn kpis<'env>(env: &'env Env, outcomes: Unknown<'_>, baseline: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    let result = (|| -> Result<String, Failure> {
        let outcomes = read_outcomes(env, outcomes)?;
        let baseline = read_optional_string(baseline, "baseline")?;
        let kpis = omnistock::kpis_values(outcomes, baseline.as_deref())?;
        Ok(conversion::to_json_at(&kpis, Place::Kpis)?)
    })();
    match result {
        Ok(text) => conversion::parse(env, &text),
        Err(failure) => Err(to_js_error(env, failure)),
    }
}
