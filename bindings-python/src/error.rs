//! Core errors as Python exceptions: one mapping function (the orphan rule forbids a `From`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

pyo3::create_exception!(
    omnistock,
    OmnistockError,
    PyValueError,
    "An omnistock error: `.code` is the stable code (see `omnistock.ERROR_CODES`), `.message` the \
     human message, `.context` a dict naming the fields involved."
);

/// Builds the Python exception for a core error: `OmnistockError(message)` with `.code`,
/// `.message` and `.context` attributes.
pub fn to_py(py: Python<'_>, err: omnistock::Error) -> PyErr {
    let exc = OmnistockError::new_err(err.message().to_owned());
    let value = exc.value(py);
    let context = PyDict::new(py);
    let set = || -> PyResult<()> {
        for (k, v) in err.context() {
            context.set_item(k, v)?;
        }
        value.setattr("code", err.code().as_str())?;
        value.setattr("message", err.message())?;
        value.setattr("context", &context)?;
        Ok(())
    };
    match set() {
        Ok(()) => exc,
        Err(e) => e,
    }
}

/// Shorthand: a core error with code `invalid_input`, as a Python exception.
pub fn invalid_input(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_py(py, omnistock::Error::new(omnistock::ErrorCode::InvalidInput, message))
}
