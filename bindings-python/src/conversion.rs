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
//! Dates and times inside this data are ISO strings, as the core reads them: `"2026-12-25"`,
//! `"14:00"`, `"2026-11-26T18:00:00Z"`. A `datetime.date`, `datetime.datetime` or
//! `datetime.time` there is `invalid_input` (the message says to pass `.isoformat()`): a naive
//! datetime has no zone, and guessing one would make the answer depend on the machine.
//!
//! **`now`** ([`read_now`]) is the one exception, because every time-phased call takes it: a
//! timezone-aware `datetime.datetime` (converted exactly, to the microsecond) or an RFC 3339
//! string; a naive datetime is `invalid_input` naming `now`. **`days`** ([`read_days`]) is an
//! `int` (not a `bool`) read without overflow: a value outside `u32` is `invalid_input` naming
//! `days`, one inside goes to the core, which checks its range.
//!
//! **Out** (core results → dicts/lists), `pythonize` serializes the core's serde types straight
//! to Python objects, with the field names the core's serde gives (dates as ISO strings). An
//! `f64` (a KPI ratio, a lead time in hours) becomes a `float` with the same bits: no text
//! form is involved, so Python sees the very number Rust computed.
//!
//! **Documents** (`scenario`, `outcomes`, `comparison`) may also be JSON text: a `str` is kept
//! as text ([`Doc`]) and read by serde_json once the GIL is released.

use std::collections::HashMap;

use jiff::Timestamp;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
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
    if is_date_or_time(obj)? {
        return Err(invalid(format!(
            "unsupported value of type {type_name}: give dates and times as ISO strings (`.isoformat()`)"
        )));
    }
    Err(invalid(format!("unsupported value of type {type_name}")))
}

/// A `datetime.date`, `datetime.datetime` (a `date` subclass) or `datetime.time`.
fn is_date_or_time(obj: &Bound<'_, PyAny>) -> Result<bool, Error> {
    let py = obj.py();
    let date = obj
        .is_instance(datetime_type(py, "date")?)
        .map_err(|e| python_error(py, e))?;
    let time = obj
        .is_instance(datetime_type(py, "time")?)
        .map_err(|e| python_error(py, e))?;
    Ok(date || time)
}

/// A demand history handed over as a dict of columns: `{"location", "sku", "date": [str],
/// "sales", "lost_sales"?: [int]}`, every value a list of exactly those types (a pandas
/// DataFrame's `to_dict("list")` with ISO dates), is read straight into the core's columns:
/// no JSON value per row, the one step that made a large history slow to hand over.
///
/// `None` for anything else (rows, tuples, a `bool` or NumPy integer among the sales, a
/// `None` in a column, a missing or extra key...): [`to_value`] then reads it, so the core's
/// own checks decide, and name, what is wrong. Both paths give the same history.
pub fn history_columns(obj: &Bound<'_, PyAny>) -> Option<omnistock::HistoryColumns> {
    let d = obj.cast::<PyDict>().ok()?;
    let has_lost = d.contains("lost_sales").ok()?;
    if d.len() != 4 + usize::from(has_lost) {
        return None;
    }
    let list = |key: &str| d.get_item(key).ok().flatten()?.cast_into::<PyList>().ok();
    let strings = |key: &str| -> Option<Vec<String>> {
        // Ids and dates repeat (a pandas column often holds one object per distinct value):
        // one object is converted once, up to a bounded number of distinct objects. Keyed by
        // address while the list holds them; only looked up, never iterated.
        let list = list(key)?;
        let mut seen: HashMap<usize, String> = HashMap::new();
        let mut out = Vec::with_capacity(list.len());
        for v in list.iter() {
            let at = v.as_ptr() as usize;
            if let Some(s) = seen.get(&at) {
                out.push(s.clone());
                continue;
            }
            let s = string(v.cast::<PyString>().ok()?).ok()?;
            if seen.len() < 65_536 {
                seen.insert(at, s.clone());
            }
            out.push(s);
        }
        Some(out)
    };
    let ints = |key: &str| -> Option<Vec<i64>> {
        list(key)?
            .iter()
            .map(|v| {
                if v.is_exact_instance_of::<PyInt>() {
                    v.extract::<i64>().ok()
                } else {
                    None
                }
            })
            .collect()
    };
    Some(omnistock::HistoryColumns {
        location: strings("location")?,
        sku: strings("sku")?,
        date: strings("date")?,
        sales: ints("sales")?,
        lost_sales: if has_lost { Some(ints("lost_sales")?) } else { None },
    })
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

fn datetime_type<'py>(py: Python<'py>, name: &'static str) -> Result<&'py Bound<'py, PyType>, Error> {
    static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static TIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let cell = match name {
        "datetime" => &DATETIME,
        "date" => &DATE,
        _ => &TIME,
    };
    cell.import(py, "datetime", name).map_err(|e| python_error(py, e))
}

/// An `invalid_input` about an argument: `field` in the context and at the start of the
/// message, as the core names fields.
fn invalid_arg(field: &str, message: impl std::fmt::Display) -> Error {
    invalid(format!("{field}: {message}")).with("field", field)
}

/// Reads `now`: a timezone-aware `datetime.datetime` or an RFC 3339 string
/// (`"2026-11-30T09:00:00Z"`, `"2026-11-30T10:00:00+01:00"`).
///
/// An aware datetime is converted exactly: its distance from the Unix epoch as a
/// `timedelta` (days, seconds, microseconds), so neither a float nor the text form of an odd
/// offset is involved.
///
/// # Errors
///
/// `invalid_input` naming `now`: a naive datetime (no zone is ever guessed), a string that is
/// not an RFC 3339 timestamp with an offset, any other type.
pub fn read_now(obj: &Bound<'_, PyAny>) -> Result<Timestamp, Error> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        let text = string(s)?;
        return text.parse::<Timestamp>().map_err(|e| {
            invalid_arg("now", format!("not an RFC 3339 timestamp with an offset ({e})")).with("value", text)
        });
    }
    let is_datetime = obj
        .is_instance(datetime_type(py, "datetime")?)
        .map_err(|e| python_error(py, e))?;
    if !is_datetime {
        let type_name = obj.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string());
        return Err(invalid_arg(
            "now",
            format!("expected a timezone-aware datetime.datetime or an RFC 3339 string, got {type_name}"),
        ));
    }
    let py_err = |e: PyErr| invalid_arg("now", e.value(py));
    // Python's own test for an aware datetime: `utcoffset()` is not None.
    if obj.call_method0("utcoffset").map_err(py_err)?.is_none() {
        return Err(invalid_arg(
            "now",
            "a naive datetime has no time zone: give an aware one (e.g. tzinfo=timezone.utc) or an RFC 3339 string",
        ));
    }
    let delta = obj.sub(epoch(py)?).map_err(py_err)?;
    let part = |name: &str| -> Result<i64, Error> { delta.getattr(name).and_then(|v| v.extract()).map_err(py_err) };
    let (days, seconds, micros) = (part("days")?, part("seconds")?, part("microseconds")?);
    // Python's datetime range (years 1..=9999) is inside jiff's: none of this can overflow.
    let secs = days
        .checked_mul(86_400)
        .and_then(|d| d.checked_add(seconds))
        .ok_or_else(|| invalid_arg("now", "out of range"))?;
    let nanos = i32::try_from(micros * 1_000).map_err(|_| invalid_arg("now", "out of range"))?;
    Timestamp::new(secs, nanos).map_err(|e| invalid_arg("now", e))
}

/// `datetime(1970, 1, 1, tzinfo=timezone.utc)`.
fn epoch(py: Python<'_>) -> Result<&Bound<'_, PyAny>, Error> {
    static EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    EPOCH
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            let dt = py.import("datetime")?;
            let utc = dt.getattr("timezone")?.getattr("utc")?;
            let kwargs = PyDict::new(py);
            kwargs.set_item("tzinfo", utc)?;
            Ok(dt.getattr("datetime")?.call((1970, 1, 1), Some(&kwargs))?.unbind())
        })
        .map(|e| e.bind(py))
        .map_err(|e| python_error(py, e))
}

/// Reads a calendar date: a `datetime.date` (not a `datetime`) or a `"YYYY-MM-DD"` string.
///
/// # Errors
///
/// `invalid_input` naming `date`.
pub fn read_date(obj: &Bound<'_, PyAny>) -> Result<jiff::civil::Date, Error> {
    let py = obj.py();
    let is_datetime = obj
        .is_instance(datetime_type(py, "datetime")?)
        .map_err(|e| python_error(py, e))?;
    let text = if let Ok(s) = obj.cast::<PyString>() {
        string(s)?
    } else if !is_datetime
        && obj
            .is_instance(datetime_type(py, "date")?)
            .map_err(|e| python_error(py, e))?
    {
        obj.call_method0("isoformat")
            .and_then(|v| v.extract::<String>())
            .map_err(|e| invalid_arg("date", e.value(py)))?
    } else {
        let type_name = obj.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string());
        return Err(invalid_arg(
            "date",
            format!("expected a datetime.date or a YYYY-MM-DD string, got {type_name}"),
        ));
    };
    text.parse::<jiff::civil::Date>()
        .map_err(|e| invalid_arg("date", format!("not a YYYY-MM-DD date ({e})")).with("value", text))
}

/// Reads `days`: an `int` (or an integer-like object with `__index__`, not a `bool`) that fits
/// in `u32`. The core checks the range it accepts; this only refuses what cannot reach it.
///
/// # Errors
///
/// `invalid_input` naming `days`: not an integer, or outside `0..=4294967295` (never an
/// `OverflowError`).
pub fn read_days(obj: &Bound<'_, PyAny>) -> Result<u32, Error> {
    let py = obj.py();
    let type_name = || obj.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string());
    if obj.is_instance_of::<PyBool>() {
        return Err(invalid_arg("days", "expected an integer, got bool"));
    }
    let int = if obj.is_instance_of::<PyInt>() {
        obj.clone()
    } else if obj.get_type().hasattr("__index__").unwrap_or(false) {
        obj.call_method0("__index__")
            .map_err(|e| invalid_arg("days", e.value(py)))?
    } else {
        return Err(invalid_arg("days", format!("expected an integer, got {}", type_name())));
    };
    int.extract::<u32>().map_err(|_| {
        let shown = int.str().map_or_else(|_| "?".to_owned(), |s| s.to_string());
        invalid_arg(
            "days",
            format!("must be within 1..={}, got {shown}", omnistock::MAX_TIMELINE_DAYS),
        )
        .with("value", shown)
    })
}

/// A document argument as taken under the GIL: JSON text (a `str`, read by [`Doc::into_value`]
/// once the GIL is released, so a big scenario file is parsed without holding it) or the
/// value already converted.
pub enum Doc {
    /// JSON text, not read yet.
    Text(String),
    /// A converted Python object.
    Value(Value),
}

impl Doc {
    /// The JSON value; text is read here (call without the GIL), its errors placed under `field`.
    ///
    /// # Errors
    ///
    /// `invalid_input` naming `field`, with `line` and `column`, for unreadable text.
    pub fn into_value(self, field: &str) -> Result<Value, Error> {
        match self {
            Doc::Value(v) => Ok(v),
            Doc::Text(text) => serde_json::from_str(&text).map_err(|e| {
                invalid(e.to_string())
                    .with("line", e.line())
                    .with("column", e.column())
                    .within(field)
            }),
        }
    }
}

/// A document argument (`scenario`, `comparison`): a dict or its JSON text (a `str`).
///
/// # Errors
///
/// `invalid_input` naming `field` (see [`to_value`]).
pub fn read_doc(obj: &Bound<'_, PyAny>, field: &str) -> Result<Doc, Error> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Doc::Text(string(s).map_err(|e| e.within(field))?));
    }
    to_value(obj).map(Doc::Value).map_err(|e| e.within(field))
}

/// A batch argument whose items the core names `[i]` (`outcomes`): any iterable of dicts (not
/// a dict, bytes or bytearray), or a JSON array string. An item that cannot be converted is
/// named `[i]`, as the core names the errors it finds in an item.
///
/// # Errors
///
/// `invalid_input`: naming `field` (with `refusal` as the message) for something that is not
/// a batch, naming `[i]` for an item that cannot be converted.
pub fn read_batch(obj: &Bound<'_, PyAny>, field: &str, refusal: &str) -> Result<Doc, Error> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Doc::Text(string(s).map_err(|e| e.within(field))?));
    }
    if obj.is_instance_of::<PyDict>() || obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(invalid(refusal).within(field));
    }
    let iter = obj.try_iter().map_err(|_| invalid(refusal).within(field))?;
    let mut items = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        let item = item.map_err(|e| python_error(obj.py(), e).within(field))?;
        items.push(to_value(&item).map_err(|e| e.within(&format!("[{i}]")))?);
    }
    Ok(Doc::Value(Value::Array(items)))
}

/// Serializes a core value (outcomes, rows, reservations...) to Python dicts and lists.
pub fn to_py<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    // The core's types serialize to strings, integers, booleans, lists and maps only, which
    // pythonize cannot fail on; a failure would be a binding bug, reported as a plain error.
    pythonize::pythonize(py, value).map_err(PyErr::from)
}
