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

/// The same rows as columns of equal length, as read from JSON.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Columns {
    location: Vec<String>,
    sku: Vec<String>,
    date: Vec<Date>,
    sales: Vec<i64>,
    #[serde(default)]
    lost_sales: Option<Vec<i64>>,
}

/// Demand history as columns of equal length, the way hosts hold it (a DataFrame's columns,
/// Arrow arrays): one row per index. Dates are ISO strings (`"2026-11-20"`).
///
/// This is the fast path of [`History::from_columns`]: no JSON value is built, and the ids are
/// allocated once per (location, SKU), not once per row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryColumns {
    /// The location of each row.
    pub location: Vec<String>,
    /// The SKU of each row.
    pub sku: Vec<String>,
    /// The local date of each row, ISO `YYYY-MM-DD`.
    pub date: Vec<String>,
    /// Units sold, 0..=10^9.
    pub sales: Vec<i64>,
    /// Units asked for but not sold, 0..=10^9 (`None`: all 0).
    pub lost_sales: Option<Vec<i64>>,
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

/// Columns of different lengths: `invalid_history` naming the first column that differs from
/// `location`'s length.
fn check_lengths(n: usize, [sku, date, sales]: [usize; 3], lost_sales: Option<&[i64]>) -> Result<()> {
    let lens = [
        ("sku", sku),
        ("date", date),
        ("sales", sales),
        ("lost_sales", lost_sales.map_or(n, <[i64]>::len)),
    ];
    if let Some((f, len)) = lens.iter().find(|(_, len)| *len != n) {
        return Err(hist_err(format!("column `{f}` has {len} values, `location` has {n}")).at(*f));
    }
    Ok(())
}

/// Units of a day, the field named by `field()` (called only on error: a history has millions
/// of rows).
fn check_units(v: i64, field: impl FnOnce() -> String) -> Result<()> {
    if (0..=MAX_DAY_UNITS).contains(&v) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("must be 0..={MAX_DAY_UNITS}, got {v}"),
        )
        .at(field()))
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
        match value {
            serde_json::Value::Array(rows) => {
                let mut typed = Vec::with_capacity(rows.len());
                for (i, r) in rows.into_iter().enumerate() {
                    typed.push(crate::error::read_value::<DemandRow>(r).map_err(|e| e.within(&format!("[{i}]")))?);
                }
                History::from_rows(typed)
            }
            map @ serde_json::Value::Object(_) => {
                let c: Columns = crate::error::read_value(map)?;
                History::from_parts(&c.location, &c.sku, &c.date, &c.sales, c.lost_sales.as_deref())
            }
            _ => Err(Error::invalid_input(
                "history is a list of rows or an object of columns",
            )),
        }
    }

    /// Reads columns (see [`HistoryColumns`]): the same history as the rows `i` of each
    /// column, without a JSON value in between.
    ///
    /// # Errors
    ///
    /// `invalid_input` (field `date[i]`) for a date that is not an ISO date; `invalid_history`
    /// (field the column) for columns of different lengths; then those of
    /// [`History::from_rows`], the field named `sales[i]`, `lost_sales[i]` or `date[i]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::{History, HistoryColumns};
    /// let h = History::from_columns(&HistoryColumns {
    ///     location: vec!["S1".into(), "S1".into()],
    ///     sku: vec!["A".into(), "A".into()],
    ///     date: vec!["2026-11-22".into(), "2026-11-20".into()],
    ///     sales: vec![1, 3],
    ///     lost_sales: Some(vec![2, 0]),
    /// })?;
    /// assert_eq!(h.demand("S1", "A"), Some(("2026-11-20".parse().unwrap(), &[3, 0, 3][..])));
    /// let bad = HistoryColumns {
    ///     location: vec!["S1".into()], sku: vec!["A".into()], date: vec!["2026-02-30".into()],
    ///     sales: vec![1], lost_sales: None,
    /// };
    /// let err = History::from_columns(&bad).unwrap_err();
    /// assert_eq!(err.code(), omnistock::ErrorCode::InvalidInput);
    /// assert_eq!(err.context()["field"], "date[0]");
    /// # Ok::<(), omnistock::Error>(())
    /// ```
    pub fn from_columns(columns: &HistoryColumns) -> Result<History> {
        let c = columns;
        let dates = c
            .date
            .iter()
            .enumerate()
            .map(|(i, d)| {
                d.parse::<Date>()
                    .map_err(|e| Error::invalid_input(format!("`{d}` is not a date: {e}")).at(format!("date[{i}]")))
            })
            .collect::<Result<Vec<Date>>>()?;
        History::from_parts(&c.location, &c.sku, &dates, &c.sales, c.lost_sales.as_deref())
    }

    /// Columns with their dates read (from JSON or [`HistoryColumns`]): their lengths
    /// checked, then built, a row's field named `sales[i]`.
    fn from_parts(
        location: &[String],
        sku: &[String],
        date: &[Date],
        sales: &[i64],
        lost_sales: Option<&[i64]>,
    ) -> Result<History> {
        check_lengths(location.len(), [sku.len(), date.len(), sales.len()], lost_sales)?;
        History::build(
            location.len(),
            |i| (location[i].as_str(), sku[i].as_str(), date[i]),
            |i| (sales[i], lost_sales.map_or(0, |l| l[i])),
            |i, field| format!("{field}[{i}]"),
        )
    }

    /// Builds a history from rows (in any order; rows of the same day add up).
    ///
    /// # Errors
    ///
    /// `invalid_quantity` (field `[i].sales` / `[i].lost_sales`) for units outside
    /// 0..=10^9; `invalid_history` for a position whose rows span more than 3,660 days.
    pub fn from_rows(rows: impl IntoIterator<Item = DemandRow>) -> Result<History> {
        let rows: Vec<DemandRow> = rows.into_iter().collect();
        History::build(
            rows.len(),
            |i| (rows[i].location.as_str(), rows[i].sku.as_str(), rows[i].date),
            |i| (rows[i].sales, rows[i].lost_sales),
            |i, field| format!("[{i}].{field}"),
        )
    }

    /// Builds a history from `n` rows given by `key(i)` (location, SKU, date) and `units(i)`
    /// (sales, lost sales), naming a row's field with `name(row, field)` in errors (`[3].sales`
    /// for rows, `sales[3]` for columns).
    ///
    /// Units are checked in row order (the first bad row is named); then the rows are sorted by
    /// key, stably, and each position's rows become one series, positions in key order (the
    /// first one spanning too many days is named, by the first row of its last date).
    fn build<'a>(
        n: usize,
        key: impl Fn(usize) -> (&'a str, &'a str, Date),
        units: impl Fn(usize) -> (i64, i64),
        name: impl Fn(usize, &str) -> String,
    ) -> Result<History> {
        for i in 0..n {
            let (sales, lost) = units(i);
            check_units(sales, || name(i, "sales"))?;
            check_units(lost, || name(i, "lost_sales"))?;
        }
        let mut order: Vec<usize> = (0..n).collect();
        // Stable: rows of the same (location, SKU, date) stay in row order.
        order.sort_by(|&a, &b| key(a).cmp(&key(b)));
        let mut series = Vec::new();
        let mut g = 0;
        while g < n {
            let (loc, sku, start) = key(order[g]);
            let mut end = g + 1;
            while end < n && {
                let (l, s, _) = key(order[end]);
                l == loc && s == sku
            } {
                end += 1;
            }
            let (_, _, last) = key(order[end - 1]);
            let span = (last - start).get_days() as i64 + 1;
            if span > i64::from(MAX_HISTORY_DAYS) {
                // the first row (in row order) of the last date
                let first_of_last = order[g..end]
                    .iter()
                    .copied()
                    .find(|&i| key(i).2 == last)
                    .expect("the last date has a row");
                return Err(hist_err(format!(
                    "`{loc}`/`{sku}`: rows span {span} days, more than {MAX_HISTORY_DAYS}"
                ))
                .at(name(first_of_last, "date")));
            }
            let mut demand = vec![0i64; span as usize];
            for &i in &order[g..end] {
                let (sales, lost) = units(i);
                // at most 10^9 each per row, so no row count a host can hold overflows an i64
                demand[(key(i).2 - start).get_days() as usize] += sales + lost;
            }
            for d in &mut demand {
                // two rows of at most 10^9 each add up; clamp what a day can say
                *d = (*d).min(MAX_DAY_UNITS);
            }
            series.push(((LocationId::new(loc), Sku::new(sku)), Series { start, demand }));
            g = end;
        }
        Ok(History {
            series: series.into_iter().collect(),
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    type Row = (usize, usize, i64, i64, i64); // location, sku, day offset, sales, lost

    fn columns(rows: &[Row]) -> HistoryColumns {
        let start: Date = "2026-10-01".parse().unwrap();
        HistoryColumns {
            location: rows.iter().map(|r| format!("L{}", r.0)).collect(),
            sku: rows.iter().map(|r| format!("S{}", r.1)).collect(),
            date: rows
                .iter()
                .map(|r| start.checked_add(jiff::Span::new().days(r.2)).unwrap().to_string())
                .collect(),
            sales: rows.iter().map(|r| r.3).collect(),
            lost_sales: Some(rows.iter().map(|r| r.4).collect()),
        }
    }

    fn as_rows_json(c: &HistoryColumns) -> serde_json::Value {
        (0..c.location.len())
            .map(|i| {
                json!({"location": c.location[i], "sku": c.sku[i], "date": c.date[i],
                       "sales": c.sales[i], "lost_sales": c.lost_sales.as_ref().unwrap()[i]})
            })
            .collect()
    }

    fn as_columns_json(c: &HistoryColumns) -> serde_json::Value {
        json!({"location": c.location, "sku": c.sku, "date": c.date, "sales": c.sales,
               "lost_sales": c.lost_sales})
    }

    /// The reference: a map of maps, summed then clamped, gaps filled with 0.
    fn naive(rows: &[Row]) -> BTreeMap<(String, String), (i64, Vec<i64>)> {
        let mut days: BTreeMap<(String, String), BTreeMap<i64, i64>> = BTreeMap::new();
        for r in rows {
            *days
                .entry((format!("L{}", r.0), format!("S{}", r.1)))
                .or_default()
                .entry(r.2)
                .or_default() += r.3 + r.4;
        }
        days.into_iter()
            .map(|(k, d)| {
                let first = *d.keys().next().unwrap();
                let last = *d.keys().last().unwrap();
                let mut v = vec![0; (last - first + 1) as usize];
                for (day, units) in d {
                    v[(day - first) as usize] = units.min(MAX_DAY_UNITS);
                }
                (k, (first, v))
            })
            .collect()
    }

    proptest! {
        #[test]
        fn rows_columns_and_json_read_the_same_history(
            rows in prop::collection::vec((0usize..3, 0usize..3, 0i64..40, 0i64..1_000_000_000, 0i64..3), 0..60),
            seed in any::<u64>(),
        ) {
            let c = columns(&rows);
            let h = History::from_columns(&c).unwrap();
            prop_assert_eq!(&History::from_value(as_rows_json(&c)).unwrap(), &h);
            prop_assert_eq!(&History::from_value(as_columns_json(&c)).unwrap(), &h);
            // the same rows in another order
            let mut order: Vec<usize> = (0..rows.len()).collect();
            let mut s = seed;
            for i in (1..order.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                order.swap(i, (s >> 33) as usize % (i + 1));
            }
            let shuffled: Vec<Row> = order.iter().map(|&i| rows[i]).collect();
            prop_assert_eq!(&History::from_columns(&columns(&shuffled)).unwrap(), &h);
            let start: Date = "2026-10-01".parse().unwrap();
            let expected = naive(&rows);
            prop_assert_eq!(h.len(), expected.len());
            for ((l, s), (first, v)) in expected {
                let (d, demand) = h.demand(&l, &s).unwrap();
                prop_assert_eq!(d, start.checked_add(jiff::Span::new().days(first)).unwrap());
                prop_assert_eq!(demand, &v[..]);
            }
        }
    }

    fn field(e: &Error) -> &str {
        e.context().get("field").map(String::as_str).unwrap_or("")
    }

    #[test]
    fn column_errors_name_the_column_and_the_row() {
        let ok = columns(&[(0, 0, 0, 1, 0), (0, 0, 1, 2, 0)]);
        let mut c = ok.clone();
        c.sales.pop();
        let e = History::from_columns(&c).unwrap_err();
        assert_eq!((e.code(), field(&e)), (ErrorCode::InvalidHistory, "sales"));
        let mut c = ok.clone();
        c.lost_sales = Some(vec![0]);
        assert_eq!(field(&History::from_columns(&c).unwrap_err()), "lost_sales");
        let mut c = ok.clone();
        c.date[1] = "2026-02-30".into();
        let e = History::from_columns(&c).unwrap_err();
        assert_eq!((e.code(), field(&e)), (ErrorCode::InvalidInput, "date[1]"));
        let mut c = ok.clone();
        c.sales[1] = -1;
        let e = History::from_columns(&c).unwrap_err();
        assert_eq!((e.code(), field(&e)), (ErrorCode::InvalidQuantity, "sales[1]"));
        let mut c = ok.clone();
        c.lost_sales.as_mut().unwrap()[0] = MAX_DAY_UNITS + 1;
        assert_eq!(field(&History::from_columns(&c).unwrap_err()), "lost_sales[0]");
    }

    #[test]
    fn a_series_too_long_names_the_first_row_of_its_last_date() {
        // rows 0, 1 and 3 share the last date: row 0, the first of them, is named
        let c = columns(&[
            (0, 0, 5000, 1, 0),
            (0, 0, 5000, 1, 0),
            (0, 0, 0, 1, 0),
            (0, 0, 5000, 1, 0),
        ]);
        let e = History::from_columns(&c).unwrap_err();
        assert_eq!((e.code(), field(&e)), (ErrorCode::InvalidHistory, "date[0]"));
        let e = History::from_value(as_rows_json(&c)).unwrap_err();
        assert_eq!(field(&e), "[0].date");
        let e = History::from_value(json!(42)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
    }
}
