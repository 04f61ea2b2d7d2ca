//! Daily demand history per (location, SKU).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::forecast::{MAX_DAY_UNITS, MAX_HISTORY_DAYS};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{LocationId, Sku};

/// One day of demand at a location.
///
/// Demand is `sales + lost_sales`: sales lost to a stockout were demand too. Rows for the same
/// (location, SKU, date) add up (order lines may arrive one by one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandRow {
    /// The location.
    pub location: LocationId,
    /// The SKU.
    pub sku: Sku,
    /// The local date.
    pub date: Date,
    /// Units sold, 0..=10^9.
    pub sales: i64,
    /// Units asked for but not sold, 0..=10^9 (default 0).
    #[serde(default)]
    pub lost_sales: i64,
}

/// The same rows as columns of equal length (e.g. a pandas DataFrame's `to_dict("list")`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Columns {
    location: Vec<LocationId>,
    sku: Vec<Sku>,
    date: Vec<Date>,
    sales: Vec<i64>,
    #[serde(default)]
    lost_sales: Option<Vec<i64>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Shape {
    Rows(Vec<serde_json::Value>),
    Columns(serde_json::Map<String, serde_json::Value>),
}

/// A position's daily demand from `start`, one value per day with no gaps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Series {
    pub start: Date,
    pub demand: Vec<i64>,
}

/// Daily demand history per (location, SKU), read from rows or columns.
///
/// A day without a row had no demand. Each position's series starts at its first row.
///
/// # Examples
///
/// ```
/// let rows = omnistock::History::from_json(r#"[
///     {"location": "S1", "sku": "A", "date": "2026-11-20", "sales": 3},
///     {"location": "S1", "sku": "A", "date": "2026-11-22", "sales": 1, "lost_sales": 2}
/// ]"#)?;
/// let cols = omnistock::History::from_json(r#"{
///     "location": ["S1", "S1"], "sku": ["A", "A"], "date": ["2026-11-20", "2026-11-22"],
///     "sales": [3, 1], "lost_sales": [0, 2]
/// }"#)?;
/// assert_eq!(rows, cols);
/// assert_eq!(rows.demand("S1", "A"), Some(("2026-11-20".parse().unwrap(), &[3, 0, 3][..])));
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    pub(crate) series: BTreeMap<(LocationId, Sku), Series>,
}

fn hist_err(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidHistory, message)
}

fn check_units(v: i64, field: impl ToString) -> Result<()> {
    if (0..=MAX_DAY_UNITS).contains(&v) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("must be 0..={MAX_DAY_UNITS}, got {v}"),
        )
        .at(field))
    }
}

impl History {
    /// An empty history.
    pub fn new() -> History {
        History::default()
    }

    /// Reads rows (a list of [`DemandRow`]) or columns (`{location: [...], sku: [...],
    /// date: [...], sales: [...], lost_sales?: [...]}`) from JSON.
    ///
    /// # Errors
    ///
    /// As [`History::from_value`].
    pub fn from_json(text: &str) -> Result<History> {
        History::from_value(crate::error::read_json(text)?)
    }

    /// Reads rows or columns from a JSON value.
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the field for a malformed row; `invalid_history` for columns of
    /// different lengths or a series longer than 3,660 days; `invalid_quantity` for sales
    /// outside 0..=10^9.
    pub fn from_value(value: serde_json::Value) -> Result<History> {
        let shape: Shape = serde_json::from_value(value)
            .map_err(|_| Error::invalid_input("history is a list of rows or an object of columns"))?;
        match shape {
            Shape::Rows(rows) => {
                let mut typed = Vec::with_capacity(rows.len());
                for (i, r) in rows.into_iter().enumerate() {
                    typed.push(crate::error::read_value::<DemandRow>(r).map_err(|e| e.within(&format!("[{i}]")))?);
                }
                History::from_rows(typed)
            }
            Shape::Columns(map) => {
                let c: Columns = crate::error::read_value(serde_json::Value::Object(map))?;
                let n = c.location.len();
                let lens = [
                    ("sku", c.sku.len()),
                    ("date", c.date.len()),
                    ("sales", c.sales.len()),
                    ("lost_sales", c.lost_sales.as_ref().map_or(n, Vec::len)),
                ];
                if let Some((f, len)) = lens.iter().find(|(_, len)| *len != n) {
                    return Err(hist_err(format!("column `{f}` has {len} values, `location` has {n}")).at(*f));
                }
                let lost = c.lost_sales.unwrap_or_else(|| vec![0; n]);
                let rows = c
                    .location
                    .into_iter()
                    .zip(c.sku)
                    .zip(c.date)
                    .zip(c.sales)
                    .zip(lost)
                    .map(|((((location, sku), date), sales), lost_sales)| DemandRow {
                        location,
                        sku,
                        date,
                        sales,
                        lost_sales,
                    });
                History::build(rows, |i, field| format!("{field}[{i}]"))
            }
        }
    }

    /// Builds a history from rows (in any order; rows of the same day add up).
    ///
    /// # Errors
    ///
    /// `invalid_quantity` (field `[i].sales` / `[i].lost_sales`) for units outside
    /// 0..=10^9; `invalid_history` for a position whose rows span more than 3,660 days.
    pub fn from_rows(rows: impl IntoIterator<Item = DemandRow>) -> Result<History> {
        History::build(rows, |i, field| format!("[{i}].{field}"))
    }

    /// Builds a history, naming a row's field with `name(row, field)` in errors (`[3].sales` for
    /// rows, `sales[3]` for columns).
    fn build(rows: impl IntoIterator<Item = DemandRow>, name: impl Fn(usize, &str) -> String) -> Result<History> {
        let mut days: BTreeMap<(LocationId, Sku), BTreeMap<Date, (i64, usize)>> = BTreeMap::new();
        for (i, r) in rows.into_iter().enumerate() {
            check_units(r.sales, name(i, "sales"))?;
            check_units(r.lost_sales, name(i, "lost_sales"))?;
            let e = days
                .entry((r.location, r.sku))
                .or_default()
                .entry(r.date)
                .or_insert((0, i));
            e.0 += r.sales + r.lost_sales;
        }
        let mut h = History::default();
        for (key, d) in days {
            let (&start, _) = d.first_key_value().expect("a position has a row");
            let (&end, &(_, row)) = d.last_key_value().expect("a position has a row");
            let span = (end - start).get_days() as i64 + 1;
            if span > i64::from(MAX_HISTORY_DAYS) {
                return Err(hist_err(format!(
                    "`{}`/`{}`: rows span {span} days, more than {MAX_HISTORY_DAYS}",
                    key.0, key.1
                ))
                .at(name(row, "date")));
            }
            let mut demand = vec![0i64; span as usize];
            for (date, (units, _)) in d {
                // two rows of at most 10^9 each add up; clamp what a day can say
                demand[(date - start).get_days() as usize] = units.min(MAX_DAY_UNITS);
            }
            h.series.insert(key, Series { start, demand });
        }
        Ok(h)
    }

    /// Adds a position's whole series: daily demand from `start`, oldest first (the fast path
    /// for hosts that hold history as arrays).
    ///
    /// # Errors
    ///
    /// `duplicate_id` if the position already has a series; `invalid_quantity` for a day
    /// outside 0..=10^9; `invalid_history` for more than 3,660 days.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut h = omnistock::History::new();
    /// h.add_series("S1", "A", "2026-11-01".parse().unwrap(), vec![2, 0, 5])?;
    /// assert_eq!(h.len(), 1);
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn add_series(&mut self, location: &str, sku: &str, start: Date, demand: Vec<i64>) -> Result<()> {
        super::forecast::check_series(&demand)?;
        if demand.is_empty() {
            return Ok(());
        }
        let key = (LocationId::new(location), Sku::new(sku));
        if self.series.contains_key(&key) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("`{location}`/`{sku}` already has a series"),
            )
            .with("location", location)
            .with("sku", sku));
        }
        self.series.insert(key, Series { start, demand });
        Ok(())
    }

    /// Number of positions with a series.
    pub fn len(&self) -> usize {
        self.series.len()
    }

    /// Whether there is no series.
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// A position's series: its first date and one demand per day.
    pub fn demand(&self, location: &str, sku: &str) -> Option<(Date, &[i64])> {
        self.series
            .get(&(LocationId::new(location), Sku::new(sku)))
            .map(|s| (s.start, &s.demand[..]))
    }
}

impl Series {
    /// The last day with a row.
    pub(crate) fn end(&self) -> Date {
        self.start
            .checked_add(jiff::Span::new().days(self.demand.len() as i64 - 1))
            .unwrap_or(self.start)
    }

    /// The window the forecast reads: from the series start (or `days` before `today`,
    /// whichever is later) to yesterday, days after the last row counting as zero.
    pub(crate) fn window(&self, today: Date, days: u32) -> (impl Iterator<Item = f64> + '_, usize) {
        let span = (today - self.start).get_days().max(0) as usize; // start..yesterday
        let len = span.min(days as usize);
        let skip = span - len;
        let it = (skip..span).map(move |i| self.demand.get(i).copied().unwrap_or(0) as f64);
        (it, len)
    }
}
