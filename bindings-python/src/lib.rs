//! The `omnistock._omnistock` native module: a thin PyO3 layer over the `omnistock` crate.
//! Every function converts its arguments, calls the core, converts the result; no business
//! rule lives here. The public face is the `omnistock` package (`python/omnistock`).

use pyo3::prelude::*;

/// Batches allocate many small values on the Rust side; mimalloc keeps them cheap (glibc malloc
/// spent a large share of `apply` consolidating free lists).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod conversion;
mod error;
mod inventory;
mod kpi;
mod promise;
mod sim;

/// Forecasts a daily demand series (oldest day first): ``method`` is ``{"method":
/// "moving_average", "window"}``, ``{"method": "ses", "alpha"}``, ``{"method": "holt", "alpha",
/// "beta"}``, ``{"method": "croston", "alpha"}`` or ``{"method": "sba", "alpha"}``. Returns
/// ``{"method", "mean", "level"?, "trend"?, "mad", "rmse", "observations"}``.
///
/// Raises ``OmnistockError`` (``invalid_policy`` for a parameter out of range,
/// ``invalid_history`` for a day out of range, ``invalid_input`` naming the field).
#[pyfunction]
fn forecast<'py>(
    py: Python<'py>,
    demand: &Bound<'py, PyAny>,
    method: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let result = conversion::to_value(demand)
        .map_err(|e| e.within("demand"))
        .and_then(|d| Ok((d, conversion::to_value(method).map_err(|e| e.within("method"))?)))
        .and_then(|(d, m)| omnistock::forecast_values(d, m));
    match result {
        Ok(f) => conversion::to_py(py, &f),
        Err(e) => Err(error::to_pyerr(py, e)),
    }
}

/// Native module of the ``omnistock`` package: ``Inventory``, ``History``, ``forecast``, ``kpis``,
/// ``simulate``, ``generate``, ``comparison_table``, ``OmnistockError``, ``ERROR_CODES``
/// (every stable error code, in the core's order) and ``SNAPSHOT_VERSION``.
#[pymodule]
fn _omnistock(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<inventory::Inventory>()?;
    m.add_class::<inventory::History>()?;
    m.add_function(wrap_pyfunction!(forecast, m)?)?;
    m.add_function(wrap_pyfunction!(kpi::kpis, m)?)?;
    m.add_function(wrap_pyfunction!(sim::simulate, m)?)?;
    m.add_function(wrap_pyfunction!(sim::generate, m)?)?;
    m.add_function(wrap_pyfunction!(sim::comparison_table, m)?)?;
    m.add("OmnistockError", py.get_type::<error::OmnistockError>())?;
    let codes: Vec<&str> = omnistock::ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    m.add("ERROR_CODES", codes)?;
    m.add("SNAPSHOT_VERSION", omnistock::SNAPSHOT_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
