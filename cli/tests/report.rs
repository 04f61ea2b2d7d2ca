//! The HTML report on a hand-written simulation (`fixtures/simulation.json`, shaped as in the
//! simulation contract: 3 runs, 2 channels, 3 days, flows with positions, a location id full
//! of characters HTML must escape). The browser half of the check is `report_chromium.sh`.

use omnistock_cli::report::{self, CHANNEL_CHARTS, DAY_CHARTS, KEY_KPIS};
use serde_json::{Value, json};

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/simulation.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn one_chart_per_key_kpi_channel_chart_and_day_chart() {
    let html = report::render(&fixture());
    for key in KEY_KPIS {
        assert_eq!(count(&html, &format!(r#"data-chart="kpi-{key}""#)), 1, "{key}");
        assert_eq!(count(&html, &format!(r#"<figure data-kpi="{key}">"#)), 1, "{key}");
    }
    for i in 0..CHANNEL_CHARTS.len() {
        assert_eq!(count(&html, &format!(r#"data-chart="channel-{i}""#)), 1);
    }
    for i in 0..DAY_CHARTS.len() {
        assert_eq!(count(&html, &format!(r#"data-chart="day-{i}""#)), 1);
    }
    assert_eq!(count(&html, r#"<svg class="chart""#), 6 + 2 + 2);
    assert_eq!(count(&html, "<svg "), report::chart_count(&fixture()));
}

#[test]
fn one_map_per_run_with_its_flows() {
    let sim = fixture();
    let html = report::render(&sim);
    assert_eq!(count(&html, r#"<svg class="map""#), 3);
    for (i, run) in ["priority", "closest", "balanced"].iter().enumerate() {
        assert_eq!(count(&html, &format!(r#"data-chart="map-{i}""#)), 1);
        assert_eq!(count(&html, &format!(r#"<figure data-run="{run}">"#)), 1);
    }
    // 13 flows per run, one without a position: 12 lines each; every location with a position
    // on every map (the marketplace has none).
    assert_eq!(count(&html, r#"<line class="flow""#), 3 * 12);
    assert_eq!(count(&html, "1 without a position not drawn"), 3);
    assert_eq!(count(&html, r#"<circle class="site""#), 3 * 3);
    // The widest flow (DC-LYON → 75 under priority, 160 units) gets the widest line.
    assert_eq!(count(&html, r#"stroke-width="8.00""#), 1);
}

#[test]
fn every_string_from_the_data_is_escaped() {
    let html = report::render(&fixture());
    assert!(!html.contains("PARIS-<01>"));
    assert!(!html.contains("<fixture>"));
    assert!(html.contains("PARIS-&lt;01&gt;&amp;&quot;Opéra&quot;"));
    assert!(html.contains("black-friday &lt;fixture&gt;"));

    let mut sim = fixture();
    sim["runs"][0]["name"] = json!("<script>alert(1)</script>");
    sim["scenario"]["locations"][0]["kind"] = json!("\"><svg onload=alert(2)>");
    sim["runs"][1]["kpis"]["by_channel"]["<b>web</b>"] = sim["runs"][1]["kpis"]["by_channel"]["web"].clone();
    let html = report::render(&sim);
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(!html.contains("<svg onload"));
    assert!(!html.contains("<b>web</b>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The report's own two scripts are the only ones.
    assert_eq!(count(&html, "<script>"), 2);
}

#[test]
fn the_kpi_table_has_every_metric_and_the_deltas() {
    let html = report::render(&fixture());
    assert_eq!(count(&html, "<tr data-metric="), 14);
    assert!(html.contains(
        r#"<tr data-metric="otif"><td>OTIF</td><td>88.0 %</td><td>91.0 %<span class="delta good">+3.0 pp</span></td>"#
    ));
    // Lower logistics cost is an improvement; ship-from-store is neither.
    assert!(html.contains(r#"540.00<span class="delta good">-70.00</span>"#));
    assert!(html.contains(r#"32.0 %<span class="delta">+12.0 pp</span>"#));
    assert!(html.contains("priority <small>(baseline)</small>"));
}

#[test]
fn channels_and_days_are_shown() {
    let html = report::render(&fixture());
    assert_eq!(count(&html, r#"<td class="channel">click_collect</td>"#), 1);
    assert_eq!(count(&html, r#"<td class="channel">web</td>"#), 1);
    // Money from the KPIs is shown exactly, grouped.
    assert!(html.contains("<td>1,551.00</td>"));
    for day in ["11-27", "11-28", "11-29"] {
        assert_eq!(count(&html, &format!(">{day}</text>")), DAY_CHARTS.len(), "{day}");
    }
    // One line per run in each day chart.
    assert_eq!(count(&html, r#"<polyline class="line""#), 3 * DAY_CHARTS.len());
}

#[test]
fn the_report_is_self_contained() {
    let html = report::render(&fixture());
    for banned in ["<link", "src=", "href=", "@import", "url(", "https:"] {
        assert!(!html.contains(banned), "{banned}");
    }
    // The only `http:` is the SVG namespace, one per chart.
    assert_eq!(
        count(&html, "http:"),
        count(&html, "xmlns=\"http://www.w3.org/2000/svg\"")
    );
    assert!(html.contains("document.body.dataset.rendered"));
    assert!(html.contains("window.onerror"));
    assert!(html.contains(r#"<pre id="report-errors" hidden></pre>"#));
}

#[test]
fn the_same_simulation_gives_the_same_bytes() {
    assert_eq!(report::render(&fixture()), report::render(&fixture()));
}

#[test]
fn odd_input_renders_without_panicking() {
    for sim in [
        json!({}),
        json!([1, 2]),
        json!({"runs": [{"name": 3, "flows": [{"location": null}], "kpis": {"by_day": {"x": {}}}}]}),
        json!({"runs": [{"name": "a"}], "comparison": {"rows": [{"metric": "otif", "values": [null], "deltas": "x"}]}}),
        json!({"scenario": {"locations": [{"id": "A", "kind": "store", "position": {"lat": 1.0, "lon": 2.0}}]},
               "runs": [{"name": "a", "flows": [{"location": "A", "zone": "z", "position": {"lat": 1.0, "lon": 2.0}, "units": 0}]}]}),
    ] {
        let html = report::render(&sim);
        assert!(html.ends_with("</html>\n"));
        assert_eq!(count(&html, "<svg "), report::chart_count(&sim), "{sim}");
    }
}

#[test]
fn the_fixture_has_the_shape_of_a_simulation() {
    let sim: omnistock::Simulation = serde_json::from_value(fixture()).unwrap();
    assert_eq!(sim.runs.len(), 3);
    assert_eq!(sim.comparison.names, ["priority", "closest", "balanced"]);
}

#[test]
fn a_real_simulation_renders_every_chart() {
    let scenario = omnistock::generate_values(json!({"size": "tiny", "seed": 3})).unwrap();
    let sim = omnistock::simulate(&scenario, &omnistock::builtin_rule_sets()).unwrap();
    let value = serde_json::to_value(&sim).unwrap();
    let html = report::render(&value);
    assert_eq!(count(&html, "<svg "), report::chart_count(&value));
    assert_eq!(count(&html, r#"<svg class="map""#), 3);
    assert_eq!(count(&html, "<tr data-metric="), sim.comparison.rows.len());
    assert!(!html.contains("no data") && !html.contains("no positions"));
    // Every location has a position in the generated retailer, on every map.
    let sites = sim.scenario.locations.len();
    assert_eq!(count(&html, r#"<circle class="site""#), 3 * sites);
    let flows: usize = sim
        .runs
        .iter()
        .map(|r| r.flows.iter().filter(|f| f.position.is_some()).count())
        .sum();
    assert_eq!(count(&html, r#"<line class="flow""#), flows);
    for channel in sim.runs[0].kpis.by_channel.keys() {
        assert!(
            html.contains(&format!(r#"<td class="channel">{channel}</td>"#)),
            "{channel}"
        );
    }
}
