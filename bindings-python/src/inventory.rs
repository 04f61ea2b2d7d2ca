//! `omnistock.Inventory`: the network plus the ledger, shared safely between threads.

use std::sync::{Mutex, MutexGuard};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::conversion::{serialize, to_value};
use crate::error::{invalid_input, to_py};

/// The whole stock state: a validated network and its ledger.
///
/// `Inventory(network)` takes the network as a dict or a JSON string. Every method that
/// changes stock takes a batch and returns one outcome per item; queries are lookups.
/// An `Inventory` may be shared by threads: calls are serialized by an internal lock, and the
/// GIL is released around batch calls.
#[pyclass(module = "omnistock._omnistock", frozen)]
pub struct Inventory {
    inner: Mutex<omnistock::Inventory>,
}

impl Inventory {
    fn lock(&self) -> MutexGuard<'_, omnistock::Inventory> {
        // The core never leaves a half-applied change behind, so a poisoned lock still guards
        // a consistent state.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn wrap(inv: omnistock::Inventory) -> Self {
        Inventory { inner: Mutex::new(inv) }
    }
}

#[pymethods]
impl Inventory {
    /// Builds an empty inventory over a network (a dict, or a JSON string).
    ///
    /// Raises `OmnistockError` (`invalid_input`, `invalid_network`, `duplicate_id`,
    /// `unknown_location`, `unknown_pool`, `invalid_quantity`) if the network is not valid.
    #[new]
    fn new(py: Python<'_>, network: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inv = if let Ok(text) = network.cast::<PyString>() {
            omnistock::Inventory::from_json(&text.to_cow()?)
        } else {
            let value = to_value(network)?;
            serde_json::from_value::<omnistock::Network>(value)
                .map_err(|e| omnistock::Error::new(omnistock::ErrorCode::InvalidInput, e.to_string()))
                .and_then(omnistock::Inventory::new)
        };
        inv.map(Inventory::wrap).map_err(|e| to_py(py, e))
    }

    /// Applies a batch of events (a list of dicts, or a JSON array string) in order.
    ///
    /// Returns one dict per event: `{"id", "status": "applied" | "duplicate" | "stale" |
    /// "rejected", "changes": [{"sku", "pool", "before", "after", "signal"?}], "expired"?,
    /// "error"?: {"code", "message", "context"?}}`. A rejected event changes nothing and the
    /// others still apply. The GIL is released while the core works.
    fn apply<'py>(&self, py: Python<'py>, events: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let items: Vec<Result<serde_json::Value, omnistock::Error>> = if let Ok(text) = events.cast::<PyString>() {
            let values: Vec<serde_json::Value> = serde_json::from_str(&text.to_cow()?)
                .map_err(|e| invalid_input(py, format!("events must be a JSON array: {e}")))?;
            values.into_iter().map(Ok).collect()
        } else {
            let list = events
                .try_iter()
                .map_err(|_| invalid_input(py, "events must be a list of dicts or a JSON array string"))?;
            let mut items = Vec::new();
            for item in list {
                let item = item?;
                items.push(to_value(&item).map_err(|e| {
                    let message = e
                        .value(py)
                        .getattr("message")
                        .map(|m| m.to_string())
                        .unwrap_or_default();
                    omnistock::Error::new(omnistock::ErrorCode::InvalidInput, message)
                }));
            }
            items
        };
        let outcomes = py.detach(|| {
            let mut inv = self.lock();
            items
                .into_iter()
                .map(|item| match item {
                    Ok(v) => inv.apply_value(v),
                    Err(e) => omnistock::EventOutcome::rejected(None, e),
                })
                .collect::<Vec<_>>()
        });
        serialize(py, &outcomes)
    }

    /// Available-to-promise now for a SKU through a pool (0 for a SKU never seen).
    ///
    /// Raises `OmnistockError` with code `unknown_pool`.
    fn atp(&self, py: Python<'_>, sku: &str, pool: &str) -> PyResult<i64> {
        self.lock().atp(sku, pool).map_err(|e| to_py(py, e))
    }

    /// ATP for many SKUs through one pool, in the order given (GIL released).
    ///
    /// Raises `OmnistockError` with code `unknown_pool`.
    fn atp_many(&self, py: Python<'_>, skus: Vec<String>, pool: &str) -> PyResult<Vec<i64>> {
        py.detach(|| self.lock().atp_many(&skus, pool))
            .map_err(|e| to_py(py, e))
    }

    /// Per-location breakdown of a pool for one SKU: a list of dicts `{"location", "on_hand",
    /// "reserved", "buffer", "sellable", "atp", "enabled"}`, by location id.
    ///
    /// Raises `OmnistockError` with code `unknown_pool`.
    fn atp_by_location<'py>(&self, py: Python<'py>, sku: &str, pool: &str) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.lock().atp_by_location(sku, pool).map_err(|e| to_py(py, e))?;
        serialize(py, &rows)
    }

    /// One position as a dict (`location`, `sku`, `on_hand`, `reserved`, `inbound`,
    /// `last_count_seq`?), or `None` if the ledger has none.
    ///
    /// Raises `OmnistockError` with code `unknown_location`.
    fn position<'py>(&self, py: Python<'py>, location: &str, sku: &str) -> PyResult<Bound<'py, PyAny>> {
        let p = self.lock().position(location, sku).map_err(|e| to_py(py, e))?;
        serialize(py, &p)
    }

    /// Outstanding reservations as dicts, by id.
    fn reservations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list: Vec<omnistock::Reservation> = self.lock().reservations().cloned().collect();
        serialize(py, &list)
    }

    /// Whether an event id has been applied.
    fn has_applied(&self, event_id: &str) -> bool {
        self.lock().has_applied(event_id)
    }

    /// The whole state as bytes (versioned JSON); `Inventory.restore` rebuilds it exactly.
    fn snapshot<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = py.detach(|| self.lock().snapshot());
        PyBytes::new(py, &bytes)
    }

    /// Rebuilds an inventory from `snapshot()` bytes.
    ///
    /// Raises `OmnistockError` with code `invalid_snapshot`.
    #[staticmethod]
    fn restore(py: Python<'_>, data: &[u8]) -> PyResult<Inventory> {
        py.detach(|| omnistock::Inventory::restore(data))
            .map(Inventory::wrap)
            .map_err(|e| to_py(py, e))
    }

    fn __repr__(&self) -> String {
        let inv = self.lock();
        format!(
            "Inventory(locations={}, pools={}, positions={}, reservations={})",
            inv.network().locations.len(),
            inv.network().pools.len(),
            inv.positions().len(),
            inv.reservations().count()
        )
    }
}
