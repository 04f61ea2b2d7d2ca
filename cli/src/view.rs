//! Read-only accessors over a simulation's JSON (the core's `Simulation`, serialized), shared by
//! the KPI table and the HTML report. They work on the JSON value so that the presentation does
//! not depend on the Rust types, and they tolerate missing fields (a missing value shows as
//! "none", never as a panic).

use serde_json::Value;

/// One row of `comparison.rows`: a metric, its value per run and its difference against the
/// baseline run (both in run order; `None` where the simulation has `null`).
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'a> {
    /// The metric key (`otif`, `margin`, ...).
    pub metric: &'a str,
    /// The value per run.
    pub values: Vec<Option<f64>>,
    /// The difference against the baseline per run.
    pub deltas: Vec<Option<f64>>,
}

/// The run names, in the simulation's order.
pub fn run_names(sim: &Value) -> Vec<&str> {
    runs(sim).iter().map(|r| r["name"].as_str().unwrap_or("?")).collect()
}

/// The runs (an empty slice when there are none).
pub fn runs(sim: &Value) -> &[Value] {
    sim["runs"].as_array().map_or(&[], Vec::as_slice)
}

/// The baseline rule set's name, if the comparison names one.
pub fn baseline(sim: &Value) -> Option<&str> {
    sim["comparison"]["baseline"].as_str()
}

/// The comparison rows, in the simulation's order.
pub fn rows(sim: &Value) -> Vec<Row<'_>> {
    let Some(rows) = sim["comparison"]["rows"].as_array() else {
        return Vec::new();
    };
    rows.iter()
        .map(|r| Row {
            metric: r["metric"].as_str().unwrap_or("?"),
            values: numbers(&r["values"]),
            deltas: numbers(&r["deltas"]),
        })
        .collect()
}

/// The comparison row of a metric.
pub fn row<'a>(sim: &'a Value, metric: &str) -> Option<Row<'a>> {
    rows(sim).into_iter().find(|r| r.metric == metric)
}

fn numbers(v: &Value) -> Vec<Option<f64>> {
    v.as_array()
        .map(|a| a.iter().map(Value::as_f64).collect())
        .unwrap_or_default()
}

/// A number, or a decimal string (money), as `f64`.
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A JSON scalar as text: a string as is, a number as JSON prints it, `-` for anything else.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => "-".to_owned(),
    }
}

/// The keys of a map inside every run's KPIs (`by_channel`, `by_day`), merged and sorted.
pub fn kpi_keys<'a>(sim: &'a Value, map: &str) -> Vec<&'a str> {
    let mut keys: Vec<&str> = runs(sim)
        .iter()
        .filter_map(|r| r["kpis"][map].as_object())
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The one-line summary of a simulation: its scenario's name, orders, lines, period and seed,
/// and the baseline.
///
/// # Examples
///
/// ```
/// let sim = serde_json::json!({"scenario": {"name": "bf", "seed": 7, "orders": 1234, "lines": 3456,
///     "start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"},
///     "comparison": {"baseline": "priority"}});
/// assert_eq!(omnistock_cli::view::summary(&sim),
///     "scenario bf: 1,234 orders, 3,456 lines, 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z, seed 7; baseline priority");
/// ```
pub fn summary(sim: &Value) -> String {
    let s = &sim["scenario"];
    let count = |v: &Value| {
        v.as_i64()
            .map_or_else(|| "?".to_owned(), |n| grouped_int(&n.to_string()))
    };
    let mut out = format!(
        "scenario {}: {} orders, {} lines, {} to {}, seed {}",
        s["name"].as_str().unwrap_or("?"),
        count(&s["orders"]),
        count(&s["lines"]),
        text(&s["start"]),
        text(&s["end"]),
        text(&s["seed"]),
    );
    if let Some(b) = baseline(sim) {
        out += &format!("; baseline {b}");
    }
    out
}

/// Groups the digits of an integer's text by thousands (`1234` → `1,234`); anything else is
/// returned unchanged.
fn grouped_int(text: &str) -> String {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_owned();
    }
    let mut out = String::new();
    if text.starts_with('-') {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_fields_read_as_none() {
        let sim = json!({});
        assert!(run_names(&sim).is_empty());
        assert!(rows(&sim).is_empty());
        assert_eq!(baseline(&sim), None);
        assert_eq!(summary(&sim), "scenario ?: ? orders, ? lines, - to -, seed -");
    }

    #[test]
    fn rows_keep_nulls() {
        let sim = json!({"comparison": {"rows": [{"metric": "otif", "values": [0.5, null], "deltas": [0.0, null]}]}});
        let r = row(&sim, "otif").unwrap();
        assert_eq!(r.values, vec![Some(0.5), None]);
        assert_eq!(r.deltas, vec![Some(0.0), None]);
    }

    #[test]
    fn numbers_from_decimal_strings() {
        assert_eq!(number(&json!("12.50")), Some(12.5));
        assert_eq!(number(&json!(3)), Some(3.0));
        assert_eq!(number(&json!(null)), None);
        assert_eq!(grouped_int("-1234567"), "-1,234,567");
        assert_eq!(grouped_int("12"), "12");
    }
}
