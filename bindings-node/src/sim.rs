//! Simulation (`simulate`, `simulateAsync`, `generate`, `comparisonTable`): the core's `sim`
//! module. Arguments are read from JavaScript (a scenario's maps keyed by data, its network's
//! zone matrices and its catalog's SKUs, keep their keys), handed to the core, and the answer
//! converted back. The binding only converts: the default rule sets are the core's
//! `builtin_rule_sets()`.

use napi::bindgen_prelude::{AsyncTask, FromNapiValue, Unknown};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;
use omnistock::{Error, ErrorCode};
use serde_json::{Value, json};

use crate::conversion::{self, Place, invalid, invalid_arg, json_text};
use crate::error::{Failure, to_js_error};
use crate::sourcing::read_doc;
use crate::task::{Job, JobTask};

/// Whether a JavaScript value is `undefined` or `null` (an optional argument left out).
fn absent(value: &Unknown<'_>) -> bool {
    matches!(value.get_type(), Ok(ValueType::Undefined | ValueType::Null))
}

/// Rule sets as given: an array or its JSON text; `undefined`/`null` are the built-in ones. A
/// string that is not a JSON array (`'closest'`) goes to the core as it is, which says it must
/// be an array.
fn read_rule_sets(env: &Env, value: Unknown<'_>) -> Result<Value, Error> {
    if absent(&value) {
        return Ok(Value::Null); // the core's built-in rule sets
    }
    if value.get_type().ok() == Some(ValueType::String) {
        let text = String::from_unknown(value).map_err(|e| invalid(&e.reason).within("rule_sets"))?;
        if !text.trim_start().starts_with('[') {
            return Ok(Value::String(text));
        }
        let v = conversion::read_json(&text).map_err(|e| e.within("rule_sets"))?;
        return conversion::check(v, Place::Other).map_err(|e| e.within("rule_sets"));
    }
    read_doc(env, value, "rule_sets")
}

/// `simulate`'s options: `{outcomes?: boolean}` (default: outcomes kept).
fn read_keep_outcomes(env: &Env, value: Unknown<'_>) -> Result<bool, Error> {
    if absent(&value) {
        return Ok(true);
    }
    if value.get_type().ok() != Some(ValueType::Object) || value.is_array().unwrap_or(false) {
        return Err(invalid_arg("options", "expected an object such as {outcomes: false}"));
    }
    let Value::Object(options) = read_doc(env, value, "options")? else {
        return Err(invalid_arg("options", "expected an object such as {outcomes: false}"));
    };
    let mut keep = true;
    for (key, v) in options {
        match (key.as_str(), v) {
            ("outcomes", Value::Bool(b)) => keep = b,
            ("outcomes", _) => return Err(invalid_arg("options.outcomes", "expected a boolean")),
            (other, _) => return Err(invalid_arg(&format!("options.{other}"), "unknown option (outcomes)")),
        }
    }
    Ok(keep)
}

/// The arguments of `simulate` as taken on the JS thread: the scenario as JSON text (read by
/// [`Job::run`], on a worker thread for `simulateAsync`); errors wait until the call runs, so
/// the async variant rejects with them instead of throwing.
pub struct Simulate {
    scenario: Result<String, Error>,
    rule_sets: Result<Value, Error>,
    keep_outcomes: Result<bool, Error>,
}

impl Simulate {
    /// Takes the scenario, the rule sets and the options from JavaScript values.
    pub fn take(env: &Env, scenario: Unknown<'_>, rule_sets: Unknown<'_>, options: Unknown<'_>) -> Simulate {
        Simulate {
            scenario: json_text(env, scenario, "scenario").map_err(|e| e.within("scenario")),
            rule_sets: read_rule_sets(env, rule_sets),
            keep_outcomes: read_keep_outcomes(env, options),
        }
    }
}

impl Job for Simulate {
    const NAME: &'static str = "simulateAsync";
    type Target = ();

    /// Reads the scenario (keys to snake_case, its data-keyed maps unchanged), simulates, and
    /// with `outcomes: false` empties each run's outcome list before it is written.
    fn run(self, _: &()) -> Result<String, Failure> {
        let scenario = conversion::read_json(&self.scenario?)
            .and_then(|v| conversion::check(v, Place::Scenario))
            .map_err(|e| e.within("scenario"))?;
        let (rule_sets, keep_outcomes) = (self.rule_sets?, self.keep_outcomes?);
        let mut simulation = omnistock::simulate_values(scenario, rule_sets)?;
        if !keep_outcomes {
            for run in &mut simulation.runs {
                run.outcomes = Vec::new();
            }
        }
        Ok(conversion::to_json_at(&simulation, Place::Simulation)?)
    }
}

/// Replays a scenario (a timed stream of orders, stock events, rejections, outages and
/// cancellations over a network) once per rule set, each on a fresh inventory, through the
/// calls an order system makes (promise, allocate or allocateWave, commit, pick, reallocate,
/// nightly backorders and replenishment), and compares their KPIs; see the core's `sim`
/// module docs. Deterministic: the same scenario gives the same result, in every language.
///
/// @example
/// const sim = simulate(generate({ size: 'tiny' }), undefined, { outcomes: false })
/// sim.runs.map((r) => r.name) // ['priority', 'closest', 'balanced']
/// console.log(comparisonTable(sim.comparison))
///
/// @param scenario a scenario (e.g. from `generate`), or its JSON text.
/// @param ruleSets preset names (`'closest'`) or `{rules: RuleSet | Preset, allocation?:
/// 'order' | 'wave', waveMinutes?: number}`, or their JSON text; left out (or `null`): the
/// built-in ones (`priority` and `closest` order by order, `balanced` in hourly waves). The
/// first is the baseline of `avoidedLogisticsCost` and of the comparison's deltas.
/// @param options `{outcomes: false}` leaves every run's `outcomes` empty (a big scenario has
/// one outcome per order and rule set); the KPIs are the same.
/// @throws {Error} `invalid_input` naming the field (`scenario.days` out of 1..=366, an item
/// outside the stream's days, an unknown preset under `rule_sets[0].rules`, no rule set),
/// `duplicate_id` (an order id twice, two rule sets with one name), the network's codes
/// (`invalid_network`, ...), an initial event's or an order's own codes.
#[napi(
    catch_unwind,
    ts_args_type = "scenario: Scenario | string, ruleSets?: SimRules[] | string | null, options?: SimulateOptions",
    ts_return_type = "Simulation"
)]
pub fn simulate<'env>(
    env: &'env Env,
    scenario: Unknown<'_>,
    rule_sets: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    match Simulate::take(env, scenario, rule_sets, options).run(&()) {
        Ok(text) => conversion::parse(env, &text),
        Err(failure) => Err(to_js_error(env, failure)),
    }
}

/// Like `simulate`, with the core's work (and the reading of the scenario) on the libuv thread
/// pool, so the event loop keeps turning during a big simulation. Same result; rejects (never
/// throws) with the same errors.
#[napi(
    catch_unwind,
    ts_args_type = "scenario: Scenario | string, ruleSets?: SimRules[] | string | null, options?: SimulateOptions",
    ts_return_type = "Promise<Simulation>"
)]
pub fn simulate_async(
    env: Env,
    scenario: Unknown<'_>,
    rule_sets: Unknown<'_>,
    options: Unknown<'_>,
) -> AsyncTask<JobTask<Simulate>> {
    AsyncTask::new(JobTask::detached(Simulate::take(&env, scenario, rule_sets, options)))
}

/// A seeded synthetic retailer, as a scenario for `simulate`: two DCs and stores around
/// twelve French cities, web, marketplace and click-and-collect channels, fast and slow SKUs,
/// a Black Friday peak, weekly receipts, a late supplier, a store outage, min/max
/// replenishment (see the core's `GenerateOptions`). The same options give the same scenario,
/// in every language.
///
/// @example
/// const scenario = generate({ size: 'tiny', seed: 3 })
/// scenario.network.locations.length // 6
///
/// @param options `{size?: 'tiny' | 'small' | 'month' | 'large', seed?, stores?, skus?, days?,
/// ordersPerDay?, start?: 'YYYY-MM-DD'}` (or its JSON text); every option has the core's
/// default (`month`, seed 7, from `2026-11-01`), `size` picks a preset the others override.
/// @throws {Error} `invalid_input` naming the option (an unknown `size`, a count out of
/// range, an unknown option).
#[napi(
    catch_unwind,
    ts_args_type = "options?: GenerateOptions | string | null",
    ts_return_type = "Scenario"
)]
pub fn generate<'env>(env: &'env Env, options: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    let result = (|| -> Result<String, Failure> {
        let options = if absent(&options) {
            json!({})
        } else {
            // Errors inside the options name the option alone (`size`), as the core does.
            let text = json_text(env, options, "options").map_err(|e| e.within("options"))?;
            conversion::check(
                conversion::read_json(&text).map_err(|e| e.within("options"))?,
                Place::Other,
            )?
        };
        let scenario = omnistock::generate_values(options)?;
        Ok(conversion::to_json_at(&scenario, Place::Scenario)?)
    })();
    match result {
        Ok(text) => conversion::parse(env, &text),
        Err(failure) => Err(to_js_error(env, failure)),
    }
}

/// A simulation's comparison (`simulation.comparison`) as a text table: one row per KPI, one
/// column per run, ratios in percent with one decimal, hours and money with two, `-` where
/// there is no value. The same text as Rust's `Comparison::table` and Python's
/// `comparison_table`.
///
/// @example
/// console.log(comparisonTable({ baseline: 'a', names: ['a', 'b'],
///   rows: [{ metric: 'otif', values: [0.5, 0.625], deltas: [0, 0.125] }] }))
/// // KPI         a        b
/// // otif    50.0%    62.5%
///
/// @throws {Error} `invalid_input` naming `comparison`.
#[napi(catch_unwind, ts_args_type = "comparison: Comparison | string")]
pub fn comparison_table(env: Env, comparison: Unknown<'_>) -> napi::Result<String> {
    read_doc(&env, comparison, "comparison")
        .and_then(|value| {
            serde_json::from_value::<omnistock::Comparison>(value)
                .map_err(|e| Error::new(ErrorCode::InvalidInput, e.to_string()).within("comparison"))
        })
        .map(|c| c.table())
        .map_err(|e| to_js_error(&env, Failure::Core(e)))
}
