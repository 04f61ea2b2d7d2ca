//! Runs every golden vector in `testdata/golden/<concept>/<case>.json` through the Rust API.
//!
//! A vector is `{description, input: {network, steps}, expected: [output per step]}` or
//! `{description, input: {network}, error: {code}}` when the network itself is refused.
//! Steps: `apply {events}`, `atp {sku, pool}`, `atp_many {skus, pool}`,
//! `atp_by_location {sku, pool}`, `atp_timeline {sku, pool | channel, now, days}`,
//! `promise {request, now}`, `promise_many {requests, now}`, `position {location, sku}` (the
//! position or null),
//! `restore_snapshot` (snapshot, restore, go on with the copy), `restore {data}` (restore from
//! the given text, going on with it; outputs null),
//! `allocate {orders, rules, now}`, `allocate_wave {orders, rules, now}`,
//! `process_backorders {backlog, rules, now}`, `reallocate {order, event, now}`,
//! `reallocate_offline {location, now}` (each outputs a plan and remembers it),
//! `commit {plan? | step?}` (the given plan, the output of step `step`, or the last plan
//! remembered), `release_order {order}`,
//! `open_orders`, `capacity_used {location, date}`,
//! `forecast {demand, method}`, `replenish {history, policies, now}`,
//! `alerts {history, policies, now}`.
//! Module functions (the inventory is left alone; a vector that only uses them still gives a
//! `network`): `kpis {outcomes, baseline?}` (the Kpis), `generate {options}` (the Scenario),
//! `simulate {scenario | step, rule_sets?}` (the Simulation of the given scenario or of the
//! output of step `step`, e.g. a `generate`; `rule_sets` missing or null: the built-in ones).
//! A step that fails outputs `{"error": {"code": ...}}`; errors inside apply outcomes are
//! reduced to their code too. `UPDATE_GOLDEN=1` rewrites the expectations (review the diff).
//!
//! Outputs are compared as JSON values, floats (KPI ratios, hours) bit for bit: the Python and
//! Node runners compare the same numbers exactly too, so a vector pins one `f64` everywhere.

use std::path::{Path, PathBuf};

use omnistock::{Error, Inventory, Network};
use serde_json::{Value, json};

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/golden")
}

fn vector_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for concept in std::fs::read_dir(golden_root()).unwrap() {
        let dir = concept.unwrap().path();
        if dir.is_dir() {
            for case in std::fs::read_dir(&dir).unwrap() {
                let f = case.unwrap().path();
                if f.extension().is_some_and(|e| e == "json") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    files
}

fn err(e: Error) -> Value {
    json!({"error": {"code": e.code().as_str()}})
}

fn strip_outcome_errors(mut v: Value) -> Value {
    if let Some(items) = v.as_array_mut() {
        for o in items {
            if let Some(code) = o.pointer("/error/code").cloned() {
                o["error"] = json!({ "code": code });
            }
        }
    }
    v
}

fn run_steps(network: &Value, steps: &[Value]) -> Result<Vec<Value>, Error> {
    let network = Network::from_value(network.clone())?;
    let mut inv = Inventory::new(network)?;
    let mut out: Vec<Value> = Vec::new();
    let mut last_plan: Option<Value> = None;
    for step in steps {
        let s = |k: &str| step[k].as_str().unwrap_or_default().to_owned();
        let v = match step["op"].as_str().unwrap() {
            "apply" => {
                let events = step["events"].as_array().unwrap().clone();
                strip_outcome_errors(serde_json::to_value(inv.apply_values(events)).unwrap())
            }
            "atp" => inv.atp(&s("sku"), &s("pool")).map_or_else(err, |a| json!(a)),
            "atp_many" => {
                let skus: Vec<String> = serde_json::from_value(step["skus"].clone()).unwrap();
                inv.atp_many(&skus, &s("pool")).map_or_else(err, |a| json!(a))
            }
            "atp_by_location" => inv
                .atp_by_location(&s("sku"), &s("pool"))
                .map_or_else(err, |a| serde_json::to_value(a).unwrap()),
            "atp_timeline" => {
                let now: jiff::Timestamp = s("now").parse().unwrap();
                let days = step["days"].as_u64().unwrap() as u32;
                let t = match step.get("channel") {
                    Some(ch) => inv.atp_timeline_for_channel(&s("sku"), ch.as_str().unwrap(), now, days),
                    None => inv.atp_timeline(&s("sku"), &s("pool"), now, days),
                };
                t.map_or_else(err, |t| serde_json::to_value(t).unwrap())
            }
            "promise" => {
                let now: jiff::Timestamp = s("now").parse().unwrap();
                omnistock::PromiseRequest::from_value(step["request"].clone())
                    .and_then(|r| inv.promise(&r, now))
                    .map_or_else(err, |p| serde_json::to_value(p).unwrap())
            }
            "promise_many" => {
                let now: jiff::Timestamp = s("now").parse().unwrap();
                let requests: Result<Vec<omnistock::PromiseRequest>, Error> = step["requests"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| omnistock::PromiseRequest::from_value(r.clone()))
                    .collect();
                requests
                    .and_then(|r| inv.promise_many(&r, now))
                    .map_or_else(err, |p| serde_json::to_value(p).unwrap())
            }
            "position" => inv
                .position(&s("location"), &s("sku"))
                .map_or_else(err, |p| serde_json::to_value(p).unwrap()),
            "restore" => match Inventory::restore(s("data").as_bytes()) {
                Ok(restored) => {
                    inv = restored;
                    Value::Null
                }
                Err(e) => err(e),
            },
            "allocate" | "allocate_wave" | "process_backorders" | "reallocate" | "reallocate_offline" => {
                let now: jiff::Timestamp = s("now").parse().unwrap();
                let plan = match step["op"].as_str().unwrap() {
                    "allocate" => inv.allocate_values(step["orders"].clone(), step["rules"].clone(), now),
                    "allocate_wave" => inv.allocate_wave_values(step["orders"].clone(), step["rules"].clone(), now),
                    "process_backorders" => {
                        inv.process_backorders_values(step["backlog"].clone(), step["rules"].clone(), now)
                    }
                    "reallocate" => inv.reallocate_value(&s("order"), step["event"].clone(), now),
                    _ => inv.reallocate_offline(&s("location"), now),
                };
                match plan {
                    Ok(p) => {
                        let v = serde_json::to_value(p).unwrap();
                        last_plan = Some(v.clone());
                        v
                    }
                    Err(e) => err(e),
                }
            }
            "commit" => {
                let plan = match (step.get("plan"), step.get("step").and_then(Value::as_u64)) {
                    (Some(p), _) => p.clone(),
                    (None, Some(i)) => out[i as usize].clone(),
                    (None, None) => last_plan.clone().unwrap(),
                };
                inv.commit_value(plan)
                    .map_or_else(err, |c| serde_json::to_value(c).unwrap())
            }
            "release_order" => inv
                .release_order(&s("order"))
                .map_or_else(err, |c| serde_json::to_value(c).unwrap()),
            "open_orders" => serde_json::to_value(inv.open_orders().collect::<Vec<_>>()).unwrap(),
            "capacity_used" => inv
                .capacity_used(&s("location"), s("date").parse().unwrap())
                .map_or_else(err, |c| serde_json::to_value(c).unwrap()),
            "forecast" => omnistock::forecast_values(step["demand"].clone(), step["method"].clone())
                .map_or_else(err, |f| serde_json::to_value(f).unwrap()),
            "replenish" => inv
                .replenish_values(
                    step["history"].clone(),
                    step["policies"].clone(),
                    s("now").parse().unwrap(),
                )
                .map_or_else(err, |r| serde_json::to_value(r).unwrap()),
            "alerts" => inv
                .alerts_values(
                    step["history"].clone(),
                    step["policies"].clone(),
                    s("now").parse().unwrap(),
                )
                .map_or_else(err, |r| serde_json::to_value(r).unwrap()),
            "kpis" => omnistock::kpis_values(step["outcomes"].clone(), step["baseline"].as_str())
                .map_or_else(err, |k| serde_json::to_value(k).unwrap()),
            "generate" => omnistock::generate_values(step["options"].clone())
                .map_or_else(err, |s| serde_json::to_value(s).unwrap()),
            "simulate" => {
                let scenario = match (step.get("scenario"), step.get("step").and_then(Value::as_u64)) {
                    (Some(s), _) => s.clone(),
                    (None, Some(i)) => out[i as usize].clone(),
                    (None, None) => panic!("simulate needs a scenario or a step"),
                };
                let sim = match step.get("rule_sets").filter(|r| !r.is_null()) {
                    Some(rules) => omnistock::simulate_values(scenario, rules.clone()),
                    None => serde_json::from_value::<omnistock::Scenario>(scenario)
                        .map_err(|e| Error::new(omnistock::ErrorCode::InvalidInput, e.to_string()))
                        .and_then(|s| omnistock::simulate(&s, &omnistock::builtin_rule_sets())),
                };
                sim.map_or_else(err, |s| serde_json::to_value(s).unwrap())
            }
            "restore_snapshot" => {
                let bytes = inv.snapshot();
                inv = Inventory::restore(&bytes)?;
                assert_eq!(inv.snapshot(), bytes, "snapshot → restore → snapshot must be identical");
                Value::Null
            }
            other => panic!("unknown op {other}"),
        };
        out.push(v);
    }
    Ok(out)
}

/// JSON equality with floats compared bit for bit (`0.0` and `-0.0` differ, as they do in the
/// text a vector holds); an integer never equals a float.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            x.is_f64() && y.is_f64() && x.as_f64().map(f64::to_bits) == y.as_f64().map(f64::to_bits)
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn same_compares_floats_bit_for_bit() {
    assert!(same(&json!({"a": [0.1, 1, null]}), &json!({"a": [0.1, 1, null]})));
    assert!(!same(&json!(0.0), &json!(-0.0)));
    assert!(!same(&json!(1.0), &json!(1)));
    assert!(!same(&json!(0.30000000000000004), &json!(0.3)));
    // Read from text as a vector is: the shortest text of an f64 reads back to its bits.
    let x = 6.0_f64 / 7.0;
    let text: Value = serde_json::from_str(&serde_json::to_string(&x).unwrap()).unwrap();
    assert!(same(&text, &json!(x)));
    assert!(!same(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
}

#[test]
fn golden_vectors() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let files = vector_files();
    assert!(
        files.len() >= 30,
        "expected at least 30 golden vectors, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let mut vector: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(
            vector["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{}: no description",
            f.display()
        );
        let input = &vector["input"];
        let steps = input["steps"].as_array().cloned().unwrap_or_default();
        let (got_expected, got_error) = match run_steps(&input["network"], &steps) {
            Ok(outs) => (Some(Value::Array(outs)), None),
            Err(e) => (None, Some(json!({"code": e.code().as_str()}))),
        };
        // Textbook problems: the wave's score is the published optimum.
        if let Some(optimum) = vector.pointer("/published/optimum").and_then(Value::as_str) {
            let outs = got_expected
                .as_ref()
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let score = outs
                .iter()
                .find_map(|o| o.pointer("/wave/score").and_then(Value::as_str).map(str::to_owned));
            let want: rust_decimal::Decimal = optimum.parse().unwrap();
            let got: Option<rust_decimal::Decimal> = score.as_deref().and_then(|s| s.parse().ok());
            assert_eq!(
                got,
                Some(want),
                "{}: the wave's score is not the published optimum",
                f.display()
            );
        }
        if update {
            let obj = vector.as_object_mut().unwrap();
            obj.remove("expected");
            obj.remove("error");
            match (got_expected, got_error) {
                (Some(e), _) => obj.insert("expected".into(), e),
                (_, Some(e)) => obj.insert("error".into(), e),
                _ => unreachable!(),
            };
            std::fs::write(f, serde_json::to_string_pretty(&vector).unwrap() + "\n").unwrap();
            continue;
        }
        let ok = match (&got_expected, &got_error) {
            (Some(e), _) => vector.get("expected").is_some_and(|v| same(v, e)),
            (_, Some(e)) => vector.get("error").is_some_and(|v| same(v, e)),
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{}\n  expected: {}\n  got:      {}",
                f.display(),
                vector.get("expected").or(vector.get("error")).unwrap_or(&Value::Null),
                got_expected.or(got_error).unwrap()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden vector(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_error_code_is_listed_and_produced_by_a_vector() {
    let listed: Value =
        serde_json::from_str(&std::fs::read_to_string(golden_root().join("../error_codes.json")).unwrap()).unwrap();
    let listed: Vec<&str> = listed["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = omnistock::ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, ours, "testdata/error_codes.json drifted from ErrorCode::ALL");
    let all_text: String = vector_files()
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    for code in ours {
        assert!(
            all_text.contains(&format!("\"code\": \"{code}\"")),
            "no golden vector produces `{code}`"
        );
    }
}

/// Forecast vectors carry the numbers worked independently (`worked`, from the published
/// example or `scripts/golden/forecast_oracle.py`): the library must agree to 1e-9.
#[test]
fn forecast_vectors_agree_with_their_worked_numbers() {
    let dir = golden_root().join("forecast");
    let mut n = 0;
    for f in vector_files().into_iter().filter(|f| f.starts_with(&dir)) {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        assert!(
            v["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{}: no source",
            f.display()
        );
        let step = &v["input"]["steps"][0];
        let got = omnistock::forecast_values(step["demand"].clone(), step["method"].clone()).unwrap();
        let got = serde_json::to_value(got).unwrap();
        for (k, want) in v["worked"].as_object().unwrap() {
            let (w, g) = (want.as_f64().unwrap(), got[k].as_f64().unwrap_or(f64::NAN));
            assert!(
                (w - g).abs() <= 1e-9 * w.abs().max(1.0),
                "{}: {k} worked {w}, library {g}",
                f.display()
            );
        }
        n += 1;
    }
    assert!(n >= 8, "only {n} forecast vectors");
}
