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
mod promise;

/// Native module of the ``omnistock`` package: ``Inventory``, ``OmnistockError``,
/// ``ERROR_CODES`` (every stable error code, in the core's order) and ``SNAPSHOT_VERSION``.
#[pymodule]
fn _omnistock(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<inventory::Inventory>()?;
    m.add("OmnistockError", py.get_type::<error::OmnistockError>())?;
    let codes: Vec<&str> = omnistock::ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    m.add("ERROR_CODES", codes)?;
    m.add("SNAPSHOT_VERSION", omnistock::SNAPSHOT_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
