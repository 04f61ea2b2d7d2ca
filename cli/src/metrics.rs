//! How the comparison metrics of a simulation are shown: a label, a unit and which direction
//! is an improvement. Presentation only: the values themselves come from the core.

/// What a metric's number is, which decides how it is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A share in [0, 1], printed as a percentage (deltas in percentage points).
    Ratio,
    /// A duration in hours.
    Hours,
    /// An amount of money (the simulation's rows carry it as a number for charting).
    Money,
    /// Any other number (a metric this version does not know).
    Number,
}

/// Which way a metric improves, for colouring deltas in the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// Higher is better (OTIF, margin).
    Higher,
    /// Lower is better (cancellations, cost, lead time).
    Lower,
    /// Neither (the share shipped from stores is a choice, not a score).
    Neutral,
}

/// The presentation of one comparison metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metric {
    /// The key in `comparison.rows[].metric`.
    pub key: &'static str,
    /// A short label for people.
    pub label: &'static str,
    /// How the value is printed.
    pub kind: Kind,
    /// Which direction is an improvement.
    pub better: Better,
}

/// The metrics of `comparison.rows`, in the order the simulation lists them.
#[rustfmt::skip] // One metric a line reads as a table.
pub const METRICS: &[Metric] = &[
    m("otif", "OTIF", Kind::Ratio, Better::Higher),
    m("fill_rate_units", "Fill rate (units)", Kind::Ratio, Better::Higher),
    m("fill_rate_lines", "Fill rate (lines)", Kind::Ratio, Better::Higher),
    m("fill_rate_orders", "Fill rate (orders)", Kind::Ratio, Better::Higher),
    m("cancellation_rate", "Cancellation rate", Kind::Ratio, Better::Lower),
    m("click_collect_median_hours", "C&C lead time, median", Kind::Hours, Better::Lower),
    m("click_collect_p90_hours", "C&C lead time, p90", Kind::Hours, Better::Lower),
    m("ship_from_store", "Ship-from-store", Kind::Ratio, Better::Neutral),
    m("promise_kept", "Promise kept", Kind::Ratio, Better::Higher),
    m("revenue", "Revenue", Kind::Money, Better::Higher),
    m("logistics_cost", "Logistics cost", Kind::Money, Better::Lower),
    m("margin", "Margin", Kind::Money, Better::Higher),
    m("margin_pct", "Margin %", Kind::Ratio, Better::Higher),
    m("avoided_logistics_cost", "Avoided logistics cost", Kind::Money, Better::Higher),
];

const fn m(key: &'static str, label: &'static str, kind: Kind, better: Better) -> Metric {
    Metric {
        key,
        label,
        kind,
        better,
    }
}

/// The presentation of a metric key; an unknown key is shown as a plain number under its own
/// name.
///
/// # Examples
///
/// ```
/// use omnistock_cli::metrics::{metric, Kind};
/// assert_eq!(metric("otif").label, "OTIF");
/// assert_eq!(metric("new_metric").kind, Kind::Number);
/// ```
pub fn metric(key: &str) -> Metric {
    METRICS.iter().copied().find(|m| m.key == key).unwrap_or(Metric {
        key: "",
        label: "",
        kind: Kind::Number,
        better: Better::Neutral,
    })
}

/// The label of a metric key (the key itself for an unknown one).
pub fn label(key: &str) -> &str {
    match metric(key).label {
        "" => key,
        l => l,
    }
}

/// A value as people read it: `93.0 %`, `5.5 h`, `12,345.67`; `-` when there is none.
///
/// # Examples
///
/// ```
/// use omnistock_cli::metrics::{format_value, Kind};
/// assert_eq!(format_value(Kind::Ratio, Some(0.93)), "93.0 %");
/// assert_eq!(format_value(Kind::Money, Some(-1234567.5)), "-1,234,567.50");
/// assert_eq!(format_value(Kind::Hours, None), "-");
/// ```
pub fn format_value(kind: Kind, value: Option<f64>) -> String {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return "-".to_owned();
    };
    match kind {
        Kind::Ratio => format!("{} %", fixed(v * 100.0, 1, false)),
        Kind::Hours => format!("{} h", fixed(v, 1, false)),
        Kind::Money => grouped(v, 2, false),
        Kind::Number => number(v, false),
    }
}

/// A difference against the baseline: `+3.0 pp`, `-1.5 h`, `+120.00`; `-` when there is none.
///
/// # Examples
///
/// ```
/// use omnistock_cli::metrics::{format_delta, Kind};
/// assert_eq!(format_delta(Kind::Ratio, Some(0.03)), "+3.0 pp");
/// assert_eq!(format_delta(Kind::Ratio, Some(-0.00001)), "+0.0 pp");
/// assert_eq!(format_delta(Kind::Money, Some(-1500.0)), "-1,500.00");
/// ```
pub fn format_delta(kind: Kind, value: Option<f64>) -> String {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return "-".to_owned();
    };
    match kind {
        Kind::Ratio => format!("{} pp", fixed(v * 100.0, 1, true)),
        Kind::Hours => format!("{} h", fixed(v, 1, true)),
        Kind::Money => grouped(v, 2, true),
        Kind::Number => number(v, true),
    }
}

/// `v` with `decimals` decimals; a value that rounds to zero is printed as zero, never `-0.0`.
fn fixed(v: f64, decimals: usize, sign: bool) -> String {
    let text = format!("{v:.decimals$}");
    let zero = text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.');
    let text = if zero {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    };
    if sign && !text.starts_with('-') {
        format!("+{text}")
    } else {
        text
    }
}

/// `fixed` with the integer part grouped by thousands (`1,234,567.50`).
fn grouped(v: f64, decimals: usize, sign: bool) -> String {
    let text = fixed(v, decimals, sign);
    let (head, digits) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').map_or((digits, ""), |(i, f)| (i, f));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac.is_empty() {
        format!("{head}{out}")
    } else {
        format!("{head}{out}.{frac}")
    }
}

/// An integer as an integer, anything else with up to 3 decimals.
fn number(v: f64, sign: bool) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        fixed(v, 0, sign)
    } else {
        fixed(v, 3, sign)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_value(Kind::Ratio, Some(1.0)), "100.0 %");
        assert_eq!(format_value(Kind::Ratio, Some(-0.0)), "0.0 %");
        assert_eq!(format_value(Kind::Money, Some(0.5)), "0.50");
        assert_eq!(format_value(Kind::Money, Some(999.999)), "1,000.00");
        assert_eq!(format_value(Kind::Money, Some(123456.0)), "123,456.00");
        assert_eq!(format_value(Kind::Number, Some(42.0)), "42");
        assert_eq!(format_value(Kind::Number, Some(0.1234)), "0.123");
        assert_eq!(format_value(Kind::Ratio, Some(f64::NAN)), "-");
        assert_eq!(format_delta(Kind::Money, Some(1234.0)), "+1,234.00");
        assert_eq!(format_delta(Kind::Hours, Some(-2.25)), "-2.2 h");
        assert_eq!(format_delta(Kind::Number, Some(0.0)), "+0");
    }

    #[test]
    fn every_metric_is_listed_once() {
        for (i, a) in METRICS.iter().enumerate() {
            assert!(METRICS[i + 1..].iter().all(|b| b.key != a.key), "{}", a.key);
        }
        assert_eq!(label("otif"), "OTIF");
        assert_eq!(label("other"), "other");
    }
}
