//! Inline SVG charts drawn in Rust: bars, grouped bars, lines and a map of flows. Every chart is
//! one `<svg class="chart">` (a map: `<svg class="map">`) with a `data-chart` name, sized by its
//! `viewBox`, and every string in it goes through [`esc`]. Coordinates are printed with one
//! decimal, so the same data always gives the same bytes.

use std::fmt::Write as _;

use crate::metrics::{Kind, format_value};

/// Escapes text for HTML and SVG, in element content and in quoted attributes.
///
/// # Examples
///
/// ```
/// assert_eq!(omnistock_cli::report::esc(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
/// ```
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Colours of the rule sets, by run index (repeating after ten).
pub const RUN_COLORS: &[&str] = &[
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
];

/// The colour of run `i`.
pub fn run_color(i: usize) -> &'static str {
    RUN_COLORS[i % RUN_COLORS.len()]
}

/// The colour of a location kind on the maps.
pub fn kind_color(kind: &str) -> &'static str {
    match kind {
        "warehouse" => "#1f4e79",
        "store" => "#2ca02c",
        "marketplace" => "#9467bd",
        "drop_ship" => "#d62728",
        "third_party" => "#e377c2",
        _ => "#7f7f7f",
    }
}

/// One named series of values (a rule set), drawn in one colour.
#[derive(Clone, Debug)]
pub struct Series<'a> {
    /// The series' name (a rule set's).
    pub name: &'a str,
    /// Its colour.
    pub color: &'a str,
    /// One value per category (bar group, or day), `None` where there is none.
    pub values: Vec<Option<f64>>,
}

const W: f64 = 380.0;
const H: f64 = 240.0;
const LEFT: f64 = 58.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 40.0;

/// A value axis from `lo` to `hi` (always including 0) with round ticks.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Axis {
    lo: f64,
    hi: f64,
    step: f64,
}

impl Axis {
    fn over(values: impl Iterator<Item = f64>) -> Axis {
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for v in values.filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if hi - lo <= f64::EPSILON {
            hi = lo + 1.0;
        }
        let step = nice_step((hi - lo) / 4.0);
        Axis {
            lo: (lo / step).floor() * step,
            hi: (hi / step).ceil() * step,
            step,
        }
    }

    /// The y coordinate of a value.
    fn y(&self, v: f64) -> f64 {
        TOP + (self.hi - v) / (self.hi - self.lo) * (H - TOP - BOTTOM)
    }

    fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as i64;
        (0..=n).map(|i| self.lo + i as f64 * self.step).collect()
    }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 { raw } else { 1.0 };
    let pow = 10f64.powf(raw.log10().floor());
    let f = raw / pow;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * pow
}

/// A short tick label: `90 %`, `12k`, `1.5M`, `4 h`.
fn tick_label(kind: Kind, v: f64) -> String {
    let compact = |v: f64| {
        let a = v.abs();
        let (x, unit) = if a >= 1e6 {
            (v / 1e6, "M")
        } else if a >= 1e3 {
            (v / 1e3, "k")
        } else {
            (v, "")
        };
        let s = format!("{x:.1}");
        let s = s.strip_suffix(".0").unwrap_or(&s);
        let s = if s == "-0" { "0" } else { s };
        format!("{s}{unit}")
    };
    match kind {
        Kind::Ratio => format!("{} %", compact(v * 100.0)),
        Kind::Hours => format!("{} h", compact(v)),
        Kind::Money | Kind::Number => compact(v),
    }
}

/// Shortens a label to `max` characters (with an ellipsis).
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn open(class: &str, name: &str, label: &str, w: f64, h: f64) -> String {
    format!(
        r#"<svg class="{class}" data-chart="{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-label="{}">"#,
        esc(name),
        esc(label)
    )
}

/// Grid lines and tick labels of a value axis.
fn grid(out: &mut String, axis: &Axis, kind: Kind) {
    for t in axis.ticks() {
        let y = axis.y(t);
        let _ = write!(
            out,
            r##"<line class="grid" x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e3e3e3"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            esc(&tick_label(kind, t))
        );
    }
    let y0 = axis.y(0.0);
    let _ = write!(
        out,
        r##"<line class="zero" x1="{LEFT:.1}" y1="{y0:.1}" x2="{:.1}" y2="{y0:.1}" stroke="#555"/>"##,
        W - RIGHT
    );
}

/// Text shown in place of a chart's marks when there is nothing to draw.
fn empty_note(out: &mut String) {
    let _ = write!(
        out,
        r#"<text class="empty" x="{:.1}" y="{:.1}" text-anchor="middle">no data</text>"#,
        W / 2.0,
        H / 2.0
    );
}

/// A bar per rule set for one metric: value labels above the bars, rule set names below.
/// `values[i]` belongs to `series_names[i]`, drawn in `colors[i]`; a missing value is labelled
/// `n/a` with no bar.
pub fn bar_chart(
    name: &str,
    title: &str,
    kind: Kind,
    labels: &[&str],
    colors: &[&str],
    values: &[Option<f64>],
) -> String {
    let mut out = open("chart", name, title, W, H);
    let axis = Axis::over(values.iter().flatten().copied());
    grid(&mut out, &axis, kind);
    let n = labels.len().max(1) as f64;
    let slot = (W - LEFT - RIGHT) / n;
    let bar = (slot * 0.6).min(64.0);
    let y0 = axis.y(0.0);
    for (i, label) in labels.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        let value = values.get(i).copied().flatten().filter(|v| v.is_finite());
        let color = colors.get(i).copied().unwrap_or("#888");
        let shown = format_value(kind, value);
        if let Some(v) = value {
            let y = axis.y(v);
            let (top, height) = if v >= 0.0 { (y, y0 - y) } else { (y0, y - y0) };
            let _ = write!(
                out,
                r#"<rect class="bar" x="{:.1}" y="{top:.1}" width="{bar:.1}" height="{:.1}" fill="{color}"><title>{}: {}</title></rect>"#,
                cx - bar / 2.0,
                height.max(0.5),
                esc(label),
                esc(&shown)
            );
            let ty = if v >= 0.0 { top - 4.0 } else { top + height + 12.0 };
            let _ = write!(
                out,
                r#"<text class="value" x="{cx:.1}" y="{ty:.1}" text-anchor="middle">{}</text>"#,
                esc(&shown)
            );
        } else {
            let _ = write!(
                out,
                r#"<text class="value na" x="{cx:.1}" y="{:.1}" text-anchor="middle">n/a</text>"#,
                y0 - 4.0
            );
        }
        let _ = write!(
            out,
            r#"<text class="label" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}<title>{}</title></text>"#,
            H - BOTTOM + 16.0,
            esc(&short(label, 16)),
            esc(label)
        );
    }
    if labels.is_empty() {
        empty_note(&mut out);
    }
    out += "</svg>";
    out
}

/// Bars grouped by category (a channel), one bar per series (a rule set) in each group.
pub fn grouped_bars(name: &str, title: &str, kind: Kind, groups: &[&str], series: &[Series<'_>]) -> String {
    let mut out = open("chart", name, title, W, H);
    let axis = Axis::over(series.iter().flat_map(|s| s.values.iter().flatten().copied()));
    grid(&mut out, &axis, kind);
    let slot = (W - LEFT - RIGHT) / groups.len().max(1) as f64;
    let bar = (slot * 0.8 / series.len().max(1) as f64).min(40.0);
    let y0 = axis.y(0.0);
    for (g, group) in groups.iter().enumerate() {
        let start = LEFT + slot * g as f64 + (slot - bar * series.len() as f64) / 2.0;
        for (k, s) in series.iter().enumerate() {
            let Some(v) = s.values.get(g).copied().flatten().filter(|v| v.is_finite()) else {
                continue;
            };
            let y = axis.y(v);
            let (top, height) = if v >= 0.0 { (y, y0 - y) } else { (y0, y - y0) };
            let _ = write!(
                out,
                r#"<rect class="bar" x="{:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{} · {}: {}</title></rect>"#,
                start + bar * k as f64,
                (bar - 1.0).max(1.0),
                height.max(0.5),
                s.color,
                esc(group),
                esc(s.name),
                esc(&format_value(kind, Some(v)))
            );
        }
        let _ = write!(
            out,
            r#"<text class="label" x="{:.1}" y="{:.1}" text-anchor="middle">{}<title>{}</title></text>"#,
            LEFT + slot * (g as f64 + 0.5),
            H - BOTTOM + 16.0,
            esc(&short(group, 16)),
            esc(group)
        );
    }
    if groups.is_empty() || series.is_empty() {
        empty_note(&mut out);
    }
    out += "</svg>";
    out
}

/// One line per series over the categories `xs` (days, in order); a missing value breaks its
/// line. At most about eight x labels are printed (`MM-DD` for a `YYYY-MM-DD` day).
pub fn line_chart(name: &str, title: &str, kind: Kind, xs: &[&str], series: &[Series<'_>]) -> String {
    let mut out = open("chart", name, title, W, H);
    let axis = Axis::over(series.iter().flat_map(|s| s.values.iter().flatten().copied()));
    grid(&mut out, &axis, kind);
    let n = xs.len();
    let x = |i: usize| {
        if n <= 1 {
            (LEFT + W - RIGHT) / 2.0
        } else {
            LEFT + 8.0 + (W - RIGHT - LEFT - 16.0) * i as f64 / (n - 1) as f64
        }
    };
    let every = n.div_ceil(8).max(1);
    for (i, day) in xs.iter().enumerate() {
        if i % every == 0 {
            let shown = match day.len() {
                10 if day.as_bytes().get(4) == Some(&b'-') => &day[5..],
                _ => day,
            };
            let _ = write!(
                out,
                r#"<text class="label" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                x(i),
                H - BOTTOM + 16.0,
                esc(&short(shown, 10))
            );
        }
    }
    for s in series {
        // Runs of consecutive values become one polyline each.
        let mut segment: Vec<(f64, f64)> = Vec::new();
        let flush = |out: &mut String, segment: &mut Vec<(f64, f64)>| {
            if segment.len() > 1 {
                let points: Vec<String> = segment.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                let _ = write!(
                    out,
                    r#"<polyline class="line" fill="none" stroke="{}" stroke-width="2" points="{}"><title>{}</title></polyline>"#,
                    s.color,
                    points.join(" "),
                    esc(s.name)
                );
            }
            segment.clear();
        };
        for (i, day) in xs.iter().enumerate() {
            match s.values.get(i).copied().flatten().filter(|v| v.is_finite()) {
                Some(v) => {
                    let (px, py) = (x(i), axis.y(v));
                    segment.push((px, py));
                    let _ = write!(
                        out,
                        r#"<circle class="point" cx="{px:.1}" cy="{py:.1}" r="2.5" fill="{}"><title>{} · {}: {}</title></circle>"#,
                        s.color,
                        esc(day),
                        esc(s.name),
                        esc(&format_value(kind, Some(v)))
                    );
                }
                None => flush(&mut out, &mut segment),
            }
        }
        flush(&mut out, &mut segment);
    }
    if xs.is_empty() || series.is_empty() {
        empty_note(&mut out);
    }
    out += "</svg>";
    out
}

/// A latitude and longitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
}

/// A location drawn on a map.
#[derive(Clone, Debug)]
pub struct Site<'a> {
    /// The location id.
    pub id: &'a str,
    /// Its kind (`warehouse`, `store`, ...), which gives its colour.
    pub kind: &'a str,
    /// Where it is.
    pub at: Point,
}

/// Units sent from a location to a destination, drawn as a line.
#[derive(Clone, Debug)]
pub struct Flow<'a> {
    /// The shipping location's id.
    pub location: &'a str,
    /// The destination zone (for the tooltip).
    pub zone: &'a str,
    /// Where the location is.
    pub from: Point,
    /// The destination's (mean) position.
    pub to: Point,
    /// Units shipped.
    pub units: f64,
    /// Shipments made.
    pub shipments: f64,
}

/// The frame of all maps of a report: the same box for every run, so they compare.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    min: Point,
    max: Point,
    /// The thickest flow's units, for line widths.
    max_units: f64,
}

const MAP_W: f64 = 560.0;
const MAP_H: f64 = 420.0;
const MAP_PAD: f64 = 18.0;

impl Frame {
    /// The box around every point (a degree around a single point), and the largest flow.
    pub fn around(points: impl Iterator<Item = Point>, max_units: f64) -> Option<Frame> {
        let mut it = points.filter(|p| p.lat.is_finite() && p.lon.is_finite()).peekable();
        let first = *it.peek()?;
        let (mut min, mut max) = (first, first);
        for p in it {
            min.lat = min.lat.min(p.lat);
            min.lon = min.lon.min(p.lon);
            max.lat = max.lat.max(p.lat);
            max.lon = max.lon.max(p.lon);
        }
        if max.lat - min.lat < 1e-9 {
            min.lat -= 0.5;
            max.lat += 0.5;
        }
        if max.lon - min.lon < 1e-9 {
            min.lon -= 0.5;
            max.lon += 0.5;
        }
        Some(Frame { min, max, max_units })
    }

    /// Equirectangular projection with the longitude shrunk by the cosine of the middle
    /// latitude, fitted in the map with equal scales on both axes.
    fn project(&self, p: Point) -> (f64, f64) {
        let k = ((self.min.lat + self.max.lat) / 2.0).to_radians().cos().max(0.1);
        let (w, h) = ((self.max.lon - self.min.lon) * k, self.max.lat - self.min.lat);
        let scale = ((MAP_W - 2.0 * MAP_PAD) / w).min((MAP_H - 2.0 * MAP_PAD) / h);
        let (ox, oy) = ((MAP_W - w * scale) / 2.0, (MAP_H - h * scale) / 2.0);
        (
            ox + (p.lon - self.min.lon) * k * scale,
            oy + (self.max.lat - p.lat) * scale,
        )
    }
}

/// A map of one run: lines from each location to the destinations it served (width by
/// units), destinations as small dots, locations on top coloured by kind.
pub fn map(
    name: &str,
    title: &str,
    frame: Option<&Frame>,
    sites: &[Site<'_>],
    flows: &[Flow<'_>],
    color: &str,
) -> String {
    let mut out = open("map", name, title, MAP_W, MAP_H);
    let _ = write!(
        out,
        r##"<rect class="sea" x="0" y="0" width="{MAP_W:.0}" height="{MAP_H:.0}" fill="#f7f9fb"/>"##
    );
    let Some(frame) = frame else {
        let _ = write!(
            out,
            r#"<text class="empty" x="{:.1}" y="{:.1}" text-anchor="middle">no positions</text></svg>"#,
            MAP_W / 2.0,
            MAP_H / 2.0
        );
        return out;
    };
    // Thin flows first, so the big ones are drawn on top (ties by location, then zone).
    let mut order: Vec<&Flow<'_>> = flows.iter().collect();
    order.sort_by(|a, b| {
        a.units
            .total_cmp(&b.units)
            .then_with(|| a.location.cmp(b.location))
            .then_with(|| a.zone.cmp(b.zone))
    });
    for f in order {
        let (x1, y1) = frame.project(f.from);
        let (x2, y2) = frame.project(f.to);
        let share = (f.units / frame.max_units.max(1.0)).clamp(0.0, 1.0);
        let _ = write!(
            out,
            r#"<line class="flow" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{color}" stroke-opacity="{:.2}" stroke-width="{:.2}" stroke-linecap="round"><title>{} → {}: {} units, {} shipments</title></line>"#,
            0.25 + 0.6 * share,
            0.75 + 7.25 * share,
            esc(f.location),
            esc(f.zone),
            f.units,
            f.shipments
        );
    }
    for f in flows {
        let (x, y) = frame.project(f.to);
        let _ = write!(
            out,
            r##"<circle class="destination" cx="{x:.1}" cy="{y:.1}" r="2" fill="#333" fill-opacity="0.6"><title>zone {}</title></circle>"##,
            esc(f.zone)
        );
    }
    // Stores first, warehouses last (a DC in a city with stores stays visible), then by id.
    let rank = |kind: &str| match kind {
        "store" => 0,
        "warehouse" => 2,
        _ => 1,
    };
    let mut order: Vec<&Site<'_>> = sites.iter().collect();
    order.sort_by(|a, b| (rank(a.kind), a.id).cmp(&(rank(b.kind), b.id)));
    for s in order {
        let (x, y) = frame.project(s.at);
        let r = if s.kind == "warehouse" { 7 } else { 5 };
        let _ = write!(
            out,
            r##"<circle class="site" cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{}" stroke="#fff" stroke-width="1.5"><title>{} ({})</title></circle>"##,
            kind_color(s.kind),
            esc(s.id),
            esc(s.kind)
        );
    }
    out += "</svg>";
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round_and_include_zero() {
        let a = Axis::over([0.93, 0.95].into_iter());
        assert_eq!((a.lo, a.hi, a.step), (0.0, 1.0, 0.25));
        let b = Axis::over([-120.0, 900.0].into_iter());
        assert_eq!((b.lo, b.hi, b.step), (-500.0, 1000.0, 500.0));
        let c = Axis::over(std::iter::empty());
        assert_eq!((c.lo, c.hi), (0.0, 1.0));
        assert!((a.y(1.0) - TOP).abs() < 1e-9 && (a.y(0.0) - (H - BOTTOM)).abs() < 1e-9);
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(tick_label(Kind::Ratio, 0.25), "25 %");
        assert_eq!(tick_label(Kind::Money, 1500.0), "1.5k");
        assert_eq!(tick_label(Kind::Money, -2_000_000.0), "-2M");
        assert_eq!(tick_label(Kind::Hours, 0.0), "0 h");
    }

    #[test]
    fn a_single_point_gets_a_frame() {
        let f = Frame::around([Point { lat: 45.0, lon: 5.0 }].into_iter(), 1.0).unwrap();
        let (x, y) = f.project(Point { lat: 45.0, lon: 5.0 });
        assert!((x - MAP_W / 2.0).abs() < 1e-6 && (y - MAP_H / 2.0).abs() < 1e-6);
        assert!(Frame::around(std::iter::empty(), 1.0).is_none());
    }

    #[test]
    fn short_labels() {
        assert_eq!(short("abcdef", 4), "abc…");
        assert_eq!(short("abc", 4), "abc");
    }
}
