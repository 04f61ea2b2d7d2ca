//! `NativeInventory`: the core `Inventory` behind a lock, shared with worker threads for the
//! async variants. `index.js` exposes it as `Inventory`.

use std::sync::{Arc, Mutex, MutexGuard};

use napi::bindgen_prelude::{AsyncTask, Buffer};
use napi::{Env, Task};
use napi_derive::napi;
use serde_json::Value;

use crate::conversion::{from_js, parse, render, safe};
use crate::error::{invalid_input, to_napi};

type Shared = Arc<Mutex<omnistock::Inventory>>;

fn lock(inner: &Shared) -> MutexGuard<'_, omnistock::Inventory> {
    // The core never leaves a half-applied change behind: a poisoned lock guards a consistent state.
    inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Applies a JSON array of events; one outcome per event (an unreadable one is rejected alone).
fn apply_json(inner: &Shared, events: &str) -> Result<String, omnistock::Error> {
    let value: Value = serde_json::from_str(events).map_err(|e| invalid_input(e.to_string()))?;
    let Value::Array(items) = value else {
        return Err(invalid_input("events must be an array"));
    };
    let mut inv = lock(inner);
    let outcomes: Vec<omnistock::EventOutcome> = items
        .into_iter()
        .map(|item| {
            let id = item.get("id").and_then(Value::as_str).map(omnistock::EventId::from);
            match from_js(item) {
                Ok(v) => inv.apply_value(v),
                Err(e) => omnistock::EventOutcome::rejected(id, e),
            }
        })
        .collect();
    drop(inv);
    Ok(render(&outcomes))
}

/// The stock state of one network. Use `Inventory` from the package, which wraps this class.
#[napi]
pub struct NativeInventory {
    inner: Shared,
}

#[napi]
impl NativeInventory {
    /// Builds an empty inventory over a network given as JSON text.
    #[napi(constructor, catch_unwind)]
    pub fn new(network_json: String) -> napi::Result<Self> {
        let inv = parse(&network_json)
            .and_then(omnistock::Network::from_value)
            .and_then(omnistock::Inventory::new)
            .map_err(to_napi)?;
        Ok(NativeInventory {
            inner: Arc::new(Mutex::new(inv)),
        })
    }

    /// Applies a JSON array of events; returns the outcomes as JSON text.
    #[napi(catch_unwind)]
    pub fn apply(&self, events_json: String) -> napi::Result<String> {
        apply_json(&self.inner, &events_json).map_err(to_napi)
    }

    /// Like `apply`, on the libuv thread pool; resolves to the outcomes as JSON text.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn apply_async(&self, events_json: String) -> AsyncTask<ApplyTask> {
        AsyncTask::new(ApplyTask {
            inner: Arc::clone(&self.inner),
            events: events_json,
        })
    }

    /// ATP now for a SKU through a pool.
    #[napi(catch_unwind)]
    pub fn atp(&self, sku: String, pool: String) -> napi::Result<i64> {
        lock(&self.inner).atp(&sku, &pool).and_then(safe).map_err(to_napi)
    }

    /// ATP for many SKUs through one pool, in order.
    #[napi(catch_unwind)]
    pub fn atp_many(&self, skus: Vec<String>, pool: String) -> napi::Result<Vec<i64>> {
        let v = lock(&self.inner).atp_many(&skus, &pool).map_err(to_napi)?;
        v.into_iter().map(|n| safe(n).map_err(to_napi)).collect()
    }

    /// Per-location breakdown as JSON text.
    #[napi(catch_unwind)]
    pub fn atp_by_location(&self, sku: String, pool: String) -> napi::Result<String> {
        lock(&self.inner)
            .atp_by_location(&sku, &pool)
            .map(|rows| render(&rows))
            .map_err(to_napi)
    }

    /// One position as JSON text (`null` if none).
    #[napi(catch_unwind)]
    pub fn position(&self, location: String, sku: String) -> napi::Result<String> {
        lock(&self.inner)
            .position(&location, &sku)
            .map(|p| render(&p))
            .map_err(to_napi)
    }

    /// Outstanding reservations as JSON text.
    #[napi(catch_unwind)]
    pub fn reservations(&self) -> String {
        let inv = lock(&self.inner);
        let list: Vec<&omnistock::Reservation> = inv.reservations().collect();
        render(&list)
    }

    /// Whether an event id has been applied.
    #[napi(catch_unwind)]
    pub fn has_applied(&self, event_id: String) -> bool {
        lock(&self.inner).has_applied(&event_id)
    }

    /// The whole state as bytes.
    #[napi(catch_unwind)]
    pub fn snapshot(&self) -> Buffer {
        Buffer::from(lock(&self.inner).snapshot())
    }

    /// Rebuilds an inventory from `snapshot()` bytes.
    #[napi(factory, catch_unwind)]
    pub fn restore(data: Buffer) -> napi::Result<Self> {
        let inv = omnistock::Inventory::restore(&data).map_err(to_napi)?;
        Ok(NativeInventory {
            inner: Arc::new(Mutex::new(inv)),
        })
    }
}

/// `applyAsync` on a worker thread: `compute` runs the core, `resolve` only hands back text.
pub struct ApplyTask {
    inner: Shared,
    events: String,
}

impl Task for ApplyTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> napi::Result<String> {
        apply_json(&self.inner, &self.events).map_err(to_napi)
    }

    fn resolve(&mut self, _env: Env, output: String) -> napi::Result<String> {
        Ok(output)
    }
}
