//! `omnistock.kpis`: KPIs over order outcomes (the core's `kpi` module). Converts the outcomes,
//! calls `omnistock::kpis_values` with the GIL released, converts the result.

use pyo3::prelude::*;

use crate::conversion::{read_batch, to_py};
use crate::error::to_pyerr;

/// The KPIs of a list of order outcomes (what became of each order: its lines, shipments,
/// cancellations and money), overall, by channel, by rule set and by UTC day of placement;
/// the formulas are in the core's ``kpi`` module docs. ``outcomes`` is any iterable of dicts
/// or a JSON array string; ``baseline`` names a rule set against which each rule set's
/// ``avoided_logistics_cost`` is computed. The GIL is released.
///
/// Returns ``{"baseline"?, "overall", "by_channel", "by_rule_set", "by_day"}``, each group
/// ``{"orders", "closed", "open", "lines", "units", "otif", "fill_rate": {"lines", "units",
/// "orders"}, "cancellation_rate", "cancellations": {reason: orders}, "click_collect_hours":
/// {"orders", "median", "p90"} | None, "ship_from_store", "promise_kept", "revenue",
/// "cost_of_goods", "logistics_cost", "margin", "margin_pct", "avoided_logistics_cost"?}``.
/// Ratios are floats, ``None`` when their denominator is 0; money is a decimal string.
///
/// Example::
///
///     k = omnistock.kpis([{
///         "order": "SO-1", "channel": "web", "placed": "2026-11-02T09:00:00Z",
///         "lines": [{"line": "1", "sku": "A", "ordered": 4, "delivered": 3, "cancelled": 1}],
///         "cancellations": [{"at": "2026-11-03T09:00:00Z", "reason": "out_of_stock", "units": 1}],
///     }])
///     k["overall"]["fill_rate"]["units"]            # 0.75
///     k["overall"]["cancellations"]["out_of_stock"]  # 1
///
/// Raises ``OmnistockError``: ``invalid_quantity`` naming the field (``[0].lines[0].ordered``:
/// a line ordering 0 or less, negative units, more delivered and cancelled than ordered);
/// ``invalid_input`` (naming the field; an outcome without lines, negative money, an unknown
/// ``baseline``, ``outcomes`` not a list); ``duplicate_id`` (an order twice for one rule set).
#[pyfunction]
#[pyo3(signature = (outcomes, baseline=None))]
pub fn kpis<'py>(py: Python<'py>, outcomes: &Bound<'py, PyAny>, baseline: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let outcomes = read_batch(
        outcomes,
        "outcomes",
        "outcomes must be a list of outcome dicts or a JSON array string",
    )
    .map_err(|e| to_pyerr(py, e))?;
    let kpis = py
        .detach(|| omnistock::kpis_values(outcomes.into_value("outcomes")?, baseline))
        .map_err(|e| to_pyerr(py, e))?;
    to_py(py, &kpis)
}
