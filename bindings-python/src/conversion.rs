//! Python objects ⇄ the core's serde data.
//!
//! **In** (Python → `serde_json::Value`), by hand and exactly, with no silent coercion: `bool`
//! stays a boolean, an `int` (or an object with `__index__`, like a NumPy integer) an integer
//! (outside the 64-bit range is an error, never a rounding), `float` a float (NaN and
//! infinities are errors), `decimal.Decimal` its exact string (money and shares), `str` a
//! string, `None` null, a `dict` with string keys an object, a `list`/`tuple` an array, at
//! most [`MAX_DEPTH`] levels deep. The core then decides what each field accepts, so a float
//! where an integer belongs is the core's `invalid_input`, as it is in Rust and Node.
//!
//! `pythonize` is not used for this direction: through `serde_json::Value` it turns a NaN
//! float into `null` (so `max_share_pct=float("nan")` would silently mean "no cap"), it refuses
//! `Decimal`, and it recurses without a limit.
//!
//! **Out** (core results → dicts/lists), `pythonize` serializes the core's serde types straight
//! to Python objects, with the field names the core's serde gives.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::{Map, Number, Value};

use omnistock::{Error, ErrorCode};

/// How deeply input may nest (serde_json's own limit when it reads JSON text).
pub const MAX_DEPTH: usize = 128;

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidInput, message)
}

/// A Python exception raised while reading a value (e.g. a string with lone surrogates).
fn python_error(py: Python<'_>, err: PyErr) -> Error {
    invalid(err.value(py).to_string())
}

/// Converts a Python object to a JSON value.
///
/// # Errors
///
/// `invalid_input`: a type with no JSON form, a non-string dict key, an integer outside the
/// 64-bit range, a NaN or infinite float, nesting deeper than [`MAX_DEPTH`].
pub fn to_value(obj: &Bound<'_, PyAny>) -> Result<Value, Error> {
    to_value_at(obj, 0)
}

fn to_value_at(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, Error> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int(obj);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(string(s)?));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| invalid(format!("{v} is not a finite number")));
    }
    if depth >= MAX_DEPTH
        && (obj.is_instance_of::<PyDict>() || obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>())
    {
        return Err(invalid(format!("input nests deeper than {MAX_DEPTH} levels")));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                let shown = k.repr().map_or_else(|_| "?".to_owned(), |r| r.to_string());
                return Err(invalid(format!("dict keys must be strings, got {shown}")));
            };
            map.insert(string(key)?, to_value_at(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|v| to_value_at(&v, depth + 1))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|v| to_value_at(&v, depth + 1))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    if obj.is_instance(decimal_type(py)?).map_err(|e| python_error(py, e))? {
        // The exact decimal text (`str(Decimal("33.30"))` is "33.30", never a float).
        let text = obj.str().map_err(|e| python_error(py, e))?;
        return Ok(Value::String(string(&text)?));
    }
    if obj.get_type().hasattr("__index__").unwrap_or(false) {
        // Integer-like objects such as NumPy integers: their exact integer value.
        if let Ok(i) = obj.call_method0("__index__")
            && i.is_instance_of::<PyInt>()
        {
            return int(&i);
        }
    }
    let type_name = obj.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string());
    Err(invalid(format!("unsupported value of type {type_name}")))
}

fn int(obj: &Bound<'_, PyAny>) -> Result<Value, Error> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::from(i));
    }
    if let Ok(u) = obj.extract::<u64>() {
        // Kept exact; the core refuses it where an i64 belongs.
        return Ok(Value::from(u));
    }
    let shown = obj.str().map_or_else(|_| "?".to_owned(), |s| s.to_string());
    Err(invalid(format!("integer {shown} does not fit in 64 bits")))
}

fn string(s: &Bound<'_, PyString>) -> Result<String, Error> {
    s.to_cow().map(|c| c.into_owned()).map_err(|e| python_error(s.py(), e))
}

fn decimal_type(py: Python<'_>) -> Result<&Bound<'_, PyType>, Error> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL
        .import(py, "decimal", "Decimal")
        .map_err(|e| python_error(py, e))
}

/// Serializes a core value (outcomes, rows, reservations...) to Python dicts and lists.
pub fn to_py<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    // The core's types serialize to strings, integers, booleans, lists and maps only, which
    // pythonize cannot fail on; a failure would be a binding bug, reported as a plain error.
    pythonize::pythonize(py, value).map_err(PyErr::from)
}
