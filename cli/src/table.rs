//! The KPI comparison as a plain-text table: one row per comparison metric, one column per rule
//! set, each value followed by its difference against the baseline.

use serde_json::Value;

use crate::metrics::{self, format_delta, format_value};
use crate::view;

/// The simulation's summary line, a blank line, then the comparison table with aligned
/// columns (labels left, values right). The baseline's column has no deltas; the other
/// columns show `value (delta)`.
///
/// # Examples
///
/// ```
/// let sim = serde_json::json!({
///     "runs": [{"name": "priority"}, {"name": "closest"}],
///     "comparison": {"baseline": "priority", "rows": [
///         {"metric": "otif", "values": [0.9, 0.93], "deltas": [0.0, 0.03]},
///         {"metric": "margin", "values": [1200.5, null], "deltas": [0.0, null]}]}});
/// let table = omnistock_cli::table::kpi_table(&sim);
/// let lines: Vec<&str> = table.lines().skip(2).collect();
/// assert_eq!(lines, [
///     "metric  priority (baseline)           closest",
///     "OTIF                 90.0 %  93.0 % (+3.0 pp)",
///     "Margin             1,200.50                 -",
/// ]);
/// ```
pub fn kpi_table(sim: &Value) -> String {
    let names = view::run_names(sim);
    let base = view::baseline(sim);
    let mut grid: Vec<Vec<String>> = Vec::new();
    let mut header = vec!["metric".to_owned()];
    header.extend(names.iter().map(|n| {
        if Some(*n) == base {
            format!("{n} (baseline)")
        } else {
            (*n).to_owned()
        }
    }));
    grid.push(header);
    for row in view::rows(sim) {
        let kind = metrics::metric(row.metric).kind;
        let mut cells = vec![metrics::label(row.metric).to_owned()];
        for (i, name) in names.iter().enumerate() {
            let value = row.values.get(i).copied().flatten();
            let mut cell = format_value(kind, value);
            if Some(*name) != base && value.is_some() {
                if let Some(delta) = row.deltas.get(i).copied().flatten() {
                    cell += &format!(" ({})", format_delta(kind, Some(delta)));
                }
            }
            cells.push(cell);
        }
        grid.push(cells);
    }
    let columns = grid.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            grid.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = view::summary(sim);
    out += "\n\n";
    for r in &grid {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.chars().count());
            if c == 0 {
                line += cell;
                line += &" ".repeat(pad);
            } else {
                line += "  ";
                line += &" ".repeat(pad);
                line += cell;
            }
        }
        out += line.trim_end();
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn no_runs_gives_the_header_alone() {
        let table = kpi_table(&json!({}));
        assert_eq!(table.lines().nth(2), Some("metric"));
    }

    #[test]
    fn the_baseline_column_has_no_deltas() {
        let sim = json!({"runs": [{"name": "a"}, {"name": "b"}],
            "comparison": {"baseline": "b", "rows": [{"metric": "otif", "values": [0.5, 0.6], "deltas": [-0.1, 0.0]}]}});
        let table = kpi_table(&sim);
        let last = table.lines().last().unwrap();
        assert!(
            last.starts_with("OTIF    50.0 % (-10.0 pp)  ") && last.ends_with("  60.0 %"),
            "{table}"
        );
    }
}
