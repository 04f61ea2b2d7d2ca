//! Promise requests read from Python: each item is converted to JSON under the GIL, then read
//! by the core (`PromiseRequest::from_value`, which names the failing field) with the GIL
//! released. An error inside item `i` of a batch is placed in it with the core's
//! `Error::within("[i]")`, as the core does for the errors it finds itself.

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString};
use serde_json::Value;

use omnistock::{Error, ErrorCode, PromiseRequest};

use crate::conversion::to_value;
use crate::error::to_pyerr;

/// One request as JSON, or why it could not be converted (kept in place, so that the first
/// invalid request by index is the one reported, whatever made it invalid).
pub type RequestInput = Result<Value, Error>;

/// Converts a batch of requests (the core decides what a request may hold): any iterable of mappings except a dict, a string or bytes
/// (which are iterable, but not a batch).
pub fn read_requests(py: Python<'_>, requests: &Bound<'_, PyAny>) -> PyResult<Vec<RequestInput>> {
    let refuse = || {
        to_pyerr(
            py,
            Error::new(ErrorCode::InvalidInput, "requests must be an iterable of dicts").with("field", "requests"),
        )
    };
    if requests.is_instance_of::<PyDict>()
        || requests.is_instance_of::<PyString>()
        || requests.is_instance_of::<PyBytes>()
        || requests.is_instance_of::<PyByteArray>()
    {
        return Err(refuse());
    }
    let iter = requests.try_iter().map_err(|_| refuse())?;
    let mut items = Vec::with_capacity(requests.len().unwrap_or(0));
    for item in iter {
        items.push(to_value(&item?));
    }
    Ok(items)
}

/// Reads the converted requests with the core, stopping at the first invalid one, whose error
/// is placed in its item (`[i]`). Call without the GIL.
pub fn parse_requests(items: Vec<RequestInput>) -> Result<Vec<PromiseRequest>, Error> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            item.and_then(PromiseRequest::from_value)
                .map_err(|e| e.within(&format!("[{i}]")))
        })
        .collect()
}
