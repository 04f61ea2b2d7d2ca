//! `omnistock.simulate`, `omnistock.generate` and `omnistock.comparison_table`: the core's `sim`
//! module. Each converts its arguments, calls the core (with the GIL released for the first
//! two), converts the result.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Map, Value};

use omnistock::{Error, ErrorCode};

use crate::conversion::{read_doc, to_py, to_value};
use crate::error::to_pyerr;

/// Replays a scenario (a timed stream of orders, stock events, rejections, outages and
/// cancellations over a network) once per rule set, each on a fresh inventory, through the
/// same calls an order system makes (promise, allocate or allocate_wave, commit, pick,
/// reallocate, nightly backorders and replenishment), and compares their KPIs; see the core's
/// ``sim`` module docs. Deterministic: the same scenario gives the same dict, in every
/// language. The GIL is released while the core works.
///
/// ``scenario`` is a dict (e.g. from ``generate``) or its JSON text. ``rule_sets`` is a list
/// of preset names (``"closest"``) or dicts ``{"rules": <rule set or preset name>,
/// "allocation": "order" | "wave", "wave_minutes": 60}``; ``None`` means the built-in ones
/// (``priority`` and ``closest`` order by order, ``balanced`` in hourly waves). The first
/// rule set is the baseline of ``avoided_logistics_cost`` and of the comparison's deltas.
/// ``outcomes=False`` leaves every run's ``outcomes`` list empty (a big scenario has one
/// outcome per order and rule set); the KPIs are the same.
///
/// Returns ``{"scenario": {"name", "seed", "start", "end", "orders", "lines", "locations"},
/// "runs": [{"name", "allocation", "rules", "kpis", "flows", "counts", "refused"?,
/// "outcomes"}], "comparison": {"baseline", "names", "rows": [{"metric", "values",
/// "deltas"}]}}``; ``kpis`` is what ``omnistock.kpis`` returns.
///
/// Example::
///
///     sim = omnistock.simulate(omnistock.generate(size="tiny"), outcomes=False)
///     [r["name"] for r in sim["runs"]]     # ['priority', 'closest', 'balanced']
///     print(omnistock.comparison_table(sim["comparison"]))
///
/// Raises ``OmnistockError``: ``invalid_input`` naming the field (``scenario.days`` out of
/// 1..=366, an item outside the stream's days, an unknown preset at ``rule_sets[0].rules``, no
/// rule set), ``duplicate_id`` (an order id twice, two rule sets with one name), the network's
/// codes (``invalid_network``, ...), an initial event's or an order's own codes.
#[pyfunction]
#[pyo3(signature = (scenario, rule_sets=None, *, outcomes=true))]
pub fn simulate<'py>(
    py: Python<'py>,
    scenario: &Bound<'py, PyAny>,
    rule_sets: Option<&Bound<'py, PyAny>>,
    outcomes: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let args = read_doc(scenario, "scenario").and_then(|scenario| {
        let rule_sets = match rule_sets {
            Some(r) if !r.is_none() => to_value(r).map_err(|e| e.within("rule_sets"))?,
            // `null`: the core's built-in rule sets.
            _ => Value::Null,
        };
        Ok((scenario, rule_sets))
    });
    let (scenario, rule_sets) = args.map_err(|e| to_pyerr(py, e))?;
    let simulation = py
        .detach(|| -> Result<omnistock::Simulation, Error> {
            let mut simulation = omnistock::simulate_values(scenario.into_value("scenario")?, rule_sets)?;
            if !outcomes {
                for run in &mut simulation.runs {
                    run.outcomes = Vec::new();
                }
            }
            Ok(simulation)
        })
        .map_err(|e| to_pyerr(py, e))?;
    to_py(py, &simulation)
}

/// A seeded synthetic retailer, as a scenario dict for ``simulate``: two DCs and stores
/// around twelve French cities, web, marketplace and click-and-collect channels, fast and slow
/// SKUs, a Black Friday peak, weekly receipts, a late supplier, a store outage, min/max
/// replenishment (see the core's ``GenerateOptions``). The same options give the same
/// scenario, in every language. The GIL is released.
///
/// Options, all keyword-only and optional: ``size`` (``"tiny"``, ``"small"``, ``"month"`` (the
/// default) or ``"large"``, a preset the other options override), ``seed`` (default 7),
/// ``stores``, ``skus``, ``days``, ``orders_per_day``, ``start`` (the first day, an ISO
/// ``"YYYY-MM-DD"`` string; default ``"2026-11-01"``). A dict of options goes in as
/// ``generate(**options)``.
///
/// Example::
///
///     scenario = omnistock.generate(size="tiny", seed=3)
///     len(scenario["network"]["locations"])   # 6
///
/// Raises ``OmnistockError`` (``invalid_input`` naming the option: an unknown ``size``, a
/// count out of range, an unknown option).
#[pyfunction]
#[pyo3(signature = (**options))]
pub fn generate<'py>(py: Python<'py>, options: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
    let mut map = Map::new();
    for (key, value) in options.into_iter().flat_map(|o| o.iter()) {
        // `**options` keys are always strings.
        let key: String = key.extract()?;
        let value = to_value(&value).map_err(|e| to_pyerr(py, e.within(&key)))?;
        map.insert(key, value);
    }
    // Through a JSON value: a scenario holds `[min, max]` ranges (fixed-size arrays), which
    // pythonize would make tuples; as JSON values they become lists, as everywhere else.
    let scenario = py
        .detach(|| omnistock::generate_values(Value::Object(map)).map(|s| serde_json::to_value(&s)))
        .map_err(|e| to_pyerr(py, e))?
        // The core's types always serialize; a failure would be a binding bug.
        .map_err(|e| PyRuntimeError::new_err(format!("omnistock: cannot convert the scenario: {e}")))?;
    to_py(py, &scenario)
}

/// The comparison of a simulation (``simulation["comparison"]``, a dict or its JSON text) as
/// a text table: one row per KPI, one column per run, ratios in percent with one decimal,
/// hours and money with two, ``-`` where there is no value. The same text as Rust's
/// ``Comparison::table`` and Node's ``comparisonTable``.
///
/// Example::
///
///     print(omnistock.comparison_table({"baseline": "a", "names": ["a", "b"], "rows": [
///         {"metric": "otif", "values": [0.5, 0.625], "deltas": [0.0, 0.125]}]}))
///     # KPI         a        b
///     # otif    50.0%    62.5%
///
/// Raises ``OmnistockError`` (``invalid_input`` naming ``comparison``).
#[pyfunction]
pub fn comparison_table(py: Python<'_>, comparison: &Bound<'_, PyAny>) -> PyResult<String> {
    read_doc(comparison, "comparison")
        .and_then(|doc| doc.into_value("comparison"))
        .and_then(|value| {
            serde_json::from_value::<omnistock::Comparison>(value)
                .map_err(|e| Error::new(ErrorCode::InvalidInput, e.to_string()).within("comparison"))
        })
        .map(|c| c.table())
        .map_err(|e| to_pyerr(py, e))
}
