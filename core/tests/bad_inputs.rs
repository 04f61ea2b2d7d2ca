//! The bad-input matrix of `testdata/bad_inputs/cases.json`, through the Rust API (Python and
//! Node run the same file). Every case gets its code, names its field when the case says so,
//! and leaves the state byte-identical.

use std::path::Path;

/// `now` of the sourcing queries.
const NOW: &str = "2026-11-27T09:00:00Z";

use omnistock::{EventStatus, Inventory, Network};
use serde_json::Value;

fn cases() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/bad_inputs/cases.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn base(doc: &Value) -> Inventory {
    let mut inv = Inventory::new(Network::from_value(doc["network"].clone()).unwrap()).unwrap();
    let setup = inv.apply_values(doc["setup"].as_array().unwrap().clone());
    assert!(
        setup.iter().all(|o| o.status == EventStatus::Applied),
        "setup must apply: {setup:?}"
    );
    inv
}

#[test]
fn bad_input_matrix() {
    let doc = cases();
    let all = doc["cases"].as_array().unwrap();
    assert!(all.len() >= 50, "the matrix needs at least 50 cases, has {}", all.len());
    let mut failures = Vec::new();
    for case in all {
        let name = case["name"].as_str().unwrap();
        let code = case["code"].as_str().unwrap();
        let mut inv = base(&doc);
        let before = inv.snapshot();
        let got: Result<(), omnistock::Error> = if let Some(net) = case.get("network") {
            Network::from_value(net.clone()).and_then(Inventory::new).map(|_| ())
        } else if let Some(event) = case.get("event") {
            let out = inv.apply_value(event.clone());
            match (out.status, out.error) {
                (EventStatus::Rejected, Some(e)) => Err(e),
                (status, _) => {
                    failures.push(format!("{name}: {status:?}, not rejected"));
                    continue;
                }
            }
        } else {
            let q = &case["query"];
            let s = |k: &str| q[k].as_str().unwrap_or_default().to_owned();
            match q["op"].as_str().unwrap() {
                "atp" => inv.atp(&s("sku"), &s("pool")).map(|_| ()),
                "atp_many" => {
                    let skus: Vec<String> = serde_json::from_value(q["skus"].clone()).unwrap();
                    inv.atp_many(&skus, &s("pool")).map(|_| ())
                }
                "atp_by_location" => inv.atp_by_location(&s("sku"), &s("pool")).map(|_| ()),
                "position" => inv.position(&s("location"), &s("sku")).map(|_| ()),
                "apply_text" => inv.apply_json(&s("text")).map(|_| ()),
                "restore" => Inventory::restore(s("text").as_bytes()).map(|_| ()),
                "allocate" => inv
                    .allocate_values(q["orders"].clone(), q["rules"].clone(), NOW.parse().unwrap())
                    .map(|_| ()),
                "allocate_wave" => inv
                    .allocate_wave_values(q["orders"].clone(), q["rules"].clone(), NOW.parse().unwrap())
                    .map(|_| ()),
                "process_backorders" => inv
                    .process_backorders_values(q["backlog"].clone(), q["rules"].clone(), NOW.parse().unwrap())
                    .map(|_| ()),
                "commit" => inv.commit_value(q["plan"].clone()).map(|_| ()),
                "reallocate" => inv
                    .reallocate_value(&s("order"), q["event"].clone(), NOW.parse().unwrap())
                    .map(|_| ()),
                "release_order" => inv.release_order(&s("order")).map(|_| ()),
                "replenish" => inv
                    .replenish_values(q["history"].clone(), q["policies"].clone(), NOW.parse().unwrap())
                    .map(|_| ()),
                "alerts" => inv
                    .alerts_values(q["history"].clone(), q["policies"].clone(), NOW.parse().unwrap())
                    .map(|_| ()),
                "forecast" => omnistock::forecast_values(q["demand"].clone(), q["method"].clone()).map(|_| ()),
                "kpis" => omnistock::kpis_values(q["outcomes"].clone(), q["baseline"].as_str()).map(|_| ()),
                "simulate" => omnistock::simulate_values(q["scenario"].clone(), q["rule_sets"].clone()).map(|_| ()),
                "generate" => omnistock::generate_values(q["options"].clone()).map(|_| ()),
                other => panic!("unknown op {other}"),
            }
        };
        match got {
            Ok(()) => failures.push(format!("{name}: accepted, expected {code}")),
            Err(e) => {
                if e.code().as_str() != code {
                    failures.push(format!("{name}: got {} ({e}), expected {code}", e.code()));
                }
                if let Some(field) = case.get("field").and_then(Value::as_str) {
                    if e.context().get("field").map(String::as_str) != Some(field) || !e.message().contains(field) {
                        failures.push(format!("{name}: error does not name `{field}`: {e} {:?}", e.context()));
                    }
                }
                if e.message().is_empty() {
                    failures.push(format!("{name}: empty message"));
                }
            }
        }
        if inv.snapshot() != before {
            failures.push(format!("{name}: the state changed"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
