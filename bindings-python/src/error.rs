//! Core errors as Python exceptions: one mapping function (the orphan rule forbids a `From`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

pyo3::create_exception!(
    omnistock,
    OmnistockError,
    PyValueError,
    "An omnistock error: `.code` is the stable code (one of `omnistock.ERROR_CODES`), `.message` \
     the human message, `.context` a dict of strings naming the fields involved."
);

/// The Python exception for a core error: `OmnistockError(message)` with `.code`, `.message`
/// and `.context` attributes. Every error this binding raises goes through here.
pub fn to_pyerr(py: Python<'_>, err: omnistock::Error) -> PyErr {
    let exc = OmnistockError::new_err(err.message().to_owned());
    let set = || -> PyResult<()> {
        let value = exc.value(py);
        let context = PyDict::new(py);
        for (k, v) in err.context() {
            context.set_item(k, v)?;
        }
        value.setattr("code", err.code().as_str())?;
        value.setattr("message", err.message())?;
        value.setattr("context", context)?;
        Ok(())
    };
    match set() {
        Ok(()) => exc,
        Err(e) => e,
    }
}
