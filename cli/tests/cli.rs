//! The `omnistock` command end to end: the built binary on the example data
//! (`examples/data/`) and on the test fixtures, through files and standard input; errors
//! with the library's codes and the exit statuses (1 for an error, 2 for a usage error).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const NOW: &str = "2026-11-26T13:30:00Z";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn data(name: &str) -> String {
    root().join("examples/data").join(name).display().to_string()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// A scratch directory for this test process and `tag`.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("omnistock-cli-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omnistock"));
    cmd.args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Asserts a failure with exit status 1 and one error, `error[code]: ...`, on stderr (after
/// any warnings); returns the error's text.
fn fails_with(o: &Output, code: &str) -> String {
    let all = stderr(o);
    assert_eq!(o.status.code(), Some(1), "stderr: {all}");
    assert_eq!(all.matches("error[").count(), 1, "{all}");
    let err = &all[all.find("error[").unwrap()..];
    assert!(err.starts_with(&format!("error[{code}]: ")), "{all}");
    assert!(o.stdout.is_empty());
    err.to_owned()
}

fn allocate_args<'a>(network: &'a str, events: &'a str, orders: &'a str) -> Vec<&'a str> {
    vec![
        "allocate",
        "--network",
        network,
        "--events",
        events,
        "--orders",
        orders,
        "--now",
        NOW,
    ]
}

#[test]
fn allocate_on_the_example_data() {
    let (n, e, o) = (data("network.json"), data("events.json"), data("orders.json"));
    let out = run(&allocate_args(&n, &e, &o), None);
    let plan = json(&out);
    let ids: Vec<&str> = plan["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["order"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["SO-2001", "SO-2002", "SO-2003"]);
    assert_eq!(plan["rules"]["name"], "balanced"); // the library's default rule set
    assert_eq!(plan["now"], NOW);
    assert!(plan["orders"][0]["shipments"].as_array().is_some_and(|s| !s.is_empty()));
    // The example's events include one the library rejects: reported, the others applied.
    let err = stderr(&out);
    assert!(
        err.contains("warning[insufficient_stock]: ") && err.contains("event `e8` rejected"),
        "{err}"
    );
    // Same inputs, same bytes.
    assert_eq!(run(&allocate_args(&n, &e, &o), None).stdout, out.stdout);
}

#[test]
fn allocate_reads_orders_from_stdin() {
    let (n, e, o) = (data("network.json"), data("events.json"), data("orders.json"));
    let from_file = run(&allocate_args(&n, &e, &o), None);
    let text = std::fs::read(&o).unwrap();
    let from_stdin = run(&allocate_args(&n, &e, "-"), Some(&text));
    assert_eq!(from_stdin.status.code(), Some(0), "{}", stderr(&from_stdin));
    assert_eq!(from_stdin.stdout, from_file.stdout);
    // A bare array of orders works too.
    let orders: Value = serde_json::from_slice(&text).unwrap();
    let array = serde_json::to_vec(&orders["orders"]).unwrap();
    assert_eq!(run(&allocate_args(&n, &e, "-"), Some(&array)).stdout, from_file.stdout);
}

#[test]
fn allocate_with_a_preset_a_rules_file_and_a_wave() {
    let (n, e, o) = (data("network.json"), data("events.json"), data("orders.json"));
    let mut args = allocate_args(&n, &e, &o);
    args.extend(["--rules", "closest"]);
    assert_eq!(json(&run(&args, None))["rules"]["name"], "closest");

    let dir = scratch("rules");
    let rules = dir.join("rules.json");
    std::fs::write(
        &rules,
        r#"{"name": "mine", "preset": "cheapest", "scarcity": "fair_share"}"#,
    )
    .unwrap();
    let rules = rules.display().to_string();
    let mut args = allocate_args(&n, &e, &o);
    args.extend(["--rules", &rules, "--wave"]);
    let plan = json(&run(&args, None));
    assert_eq!(plan["rules"]["name"], "mine");
    assert_eq!(plan["wave"]["scarcity"], "fair_share");
    assert_eq!(plan["wave"]["orders"], 3);

    let mut args = allocate_args(&n, &e, &o);
    args.extend(["--rules", "fastest"]);
    let err = fails_with(&run(&args, None), "invalid_input");
    assert!(err.contains("unknown preset `fastest`"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_library_error_keeps_its_code() {
    let dir = scratch("unknown-channel");
    let orders = dir.join("orders.json");
    std::fs::write(
        &orders,
        r#"[{"id": "SO-9", "channel": "teleshop", "lines": [{"id": "1", "sku": "TSHIRT-M", "quantity": 1}]}]"#,
    )
    .unwrap();
    let (n, e, o) = (data("network.json"), data("events.json"), orders.display().to_string());
    let err = fails_with(&run(&allocate_args(&n, &e, &o), None), "unknown_channel");
    assert!(err.contains("teleshop"), "{err}");
    assert!(err.contains("\n  field: orders[0].channel"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_bad_file_names_the_file_with_the_library_code() {
    let dir = scratch("bad-file");
    let bad = dir.join("network.json");
    std::fs::write(
        &bad,
        "{\"locations\": [\n  {\"id\": \"DC\", \"kind\": \"warehouse\"},\n",
    )
    .unwrap();
    let bad = bad.display().to_string();
    let (e, o) = (data("events.json"), data("orders.json"));
    let err = fails_with(&run(&allocate_args(&bad, &e, &o), None), "invalid_input");
    assert!(err.starts_with(&format!("error[invalid_input]: {bad}: ")), "{err}");
    assert!(err.contains("\n  line: 3"), "{err}");

    // Valid JSON the library refuses: the library's code and field, and the file.
    let wrong = dir.join("wrong.json");
    std::fs::write(&wrong, r#"{"locations": [{"id": "DC", "kind": "castle"}]}"#).unwrap();
    let wrong = wrong.display().to_string();
    let err = fails_with(&run(&allocate_args(&wrong, &e, &o), None), "invalid_input");
    assert!(err.contains(&wrong) && err.contains("locations[0].kind"), "{err}");

    // Events that are not an array: nothing applied, the events file named.
    let events = dir.join("events.json");
    std::fs::write(&events, r#"{"type": "receive"}"#).unwrap();
    let events = events.display().to_string();
    let n = data("network.json");
    let err = fails_with(&run(&allocate_args(&n, &events, &o), None), "invalid_input");
    assert!(err.starts_with(&format!("error[invalid_input]: {events}: ")), "{err}");

    let missing = dir.join("missing.json").display().to_string();
    let err = fails_with(&run(&allocate_args(&n, &e, &missing), None), "invalid_input");
    assert!(
        err.starts_with(&format!("error[invalid_input]: {missing}: cannot read")),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_errors_exit_with_2() {
    let (n, e, o) = (data("network.json"), data("events.json"), data("orders.json"));
    let mut args = allocate_args(&n, &e, &o);
    args[8] = "26/11/2026";
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--now"), "{}", stderr(&out));
    // `--now` is required: the library has no clock.
    let out = run(&["allocate", "--network", &n, "--orders", &o], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--now"));
    assert_eq!(run(&["teleport"], None).status.code(), Some(2));
    assert_eq!(run(&[], None).status.code(), Some(2));
}

#[test]
fn stdin_is_read_once() {
    let n = data("network.json");
    let out = run(
        &[
            "allocate",
            "--network",
            &n,
            "--events",
            "-",
            "--orders",
            "-",
            "--now",
            NOW,
        ],
        Some(b"[]"),
    );
    let err = fails_with(&out, "invalid_input");
    assert!(err.contains("standard input"), "{err}");
}

#[test]
fn help_for_every_subcommand() {
    for sub in ["allocate", "promise", "replenish", "simulate", "generate", "report"] {
        let out = run(&[sub, "--help"], None);
        assert_eq!(out.status.code(), Some(0), "{sub}");
        let text = stdout(&out);
        assert!(text.contains(&format!("Usage: omnistock {sub}")), "{text}");
    }
    let out = run(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    for sub in ["allocate", "promise", "replenish", "simulate", "generate", "report"] {
        assert!(stdout(&out).contains(sub));
    }
    assert_eq!(run(&["--version"], None).status.code(), Some(0));
}

#[test]
fn promise_one_request_and_many() {
    let (n, e) = (data("network.json"), data("events.json"));
    // examples/data/promise.json wraps its request under `request`.
    let p = data("promise.json");
    let args = [
        "promise",
        "--network",
        &n,
        "--events",
        &e,
        "--request",
        &p,
        "--now",
        NOW,
    ];
    let one = json(&run(&args, None));
    assert_eq!(one["id"], "checkout-1");
    assert_eq!(one["lines"].as_array().unwrap().len(), 2);

    let wrapper: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    let mut second = wrapper["request"].clone();
    second["id"] = "checkout-2".into();
    let many = serde_json::to_vec(&[wrapper["request"].clone(), second]).unwrap();
    let args = [
        "promise",
        "--network",
        &n,
        "--events",
        &e,
        "--request",
        "-",
        "--now",
        NOW,
    ];
    let out = json(&run(&args, Some(&many)));
    let ids: Vec<&str> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["checkout-1", "checkout-2"]);
    assert_eq!(out[0], one);

    // An invalid item is named by its index, with the library's code.
    let bad = br#"[{"channel": "webshop", "service": "standard", "destination": {"zone": "75"}, "lines": [{"sku": "A", "quantity": 1}]},
                   {"channel": "webshop", "service": "standard", "destination": {"zone": "75"}, "lines": [{"sku": "A", "quantity": 0}]}]"#;
    let err = fails_with(&run(&args, Some(bad)), "invalid_quantity");
    assert!(err.contains("[1].lines[0].quantity"), "{err}");
}

#[test]
fn replenish_and_alerts() {
    let (n, e) = (data("network.json"), data("events.json"));
    let (h, p) = (fixture("history.json"), fixture("policies.json"));
    let args = [
        "replenish",
        "--network",
        &n,
        "--events",
        &e,
        "--history",
        &h,
        "--policies",
        &p,
        "--now",
        NOW,
    ];
    let plain = json(&run(&args, None));
    let proposals = plain["proposals"].as_array().unwrap();
    assert!(!proposals.is_empty());
    assert!(proposals.iter().all(|p| p["quantity"].as_i64().unwrap() > 0));

    let mut with_alerts = args.to_vec();
    with_alerts.push("--alerts");
    let both = json(&run(&with_alerts, None));
    assert_eq!(both["replenishment"], plain);
    assert_eq!(both["alerts"][0]["code"], "projected_stockout");

    let dir = scratch("policies");
    let bad = dir.join("policies.json");
    std::fs::write(
        &bad,
        r#"{"defaults": {"type": "min_max", "min": 9, "max": 3, "supplier": "ACME", "lead_time_days": 2}}"#,
    )
    .unwrap();
    let bad = bad.display().to_string();
    let mut args = args.to_vec();
    args[8] = &bad;
    let err = fails_with(&run(&args, None), "invalid_quantity");
    assert!(err.contains("\n  field: policies.defaults.max"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn report_prints_the_table_and_writes_the_html() {
    let dir = scratch("report");
    let html = dir.join("report.html");
    let sim = fixture("simulation.json");
    let out = run(&["report", &sim, "-o", &html.display().to_string()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&sim).unwrap()).unwrap();
    let comparison: omnistock::Comparison = serde_json::from_value(fixture["comparison"].clone()).unwrap();
    assert_eq!(
        table,
        format!(
            "scenario black-friday <fixture>: 120 orders, 240 lines, 2026-11-27T00:00:00Z to 2026-11-30T00:00:00Z, \
             seed 7; baseline priority\n\n{}",
            comparison.table()
        )
    );
    let text = std::fs::read_to_string(&html).unwrap();
    let expected =
        omnistock_cli::report::render(&serde_json::from_str(&std::fs::read_to_string(&sim).unwrap()).unwrap());
    assert_eq!(text, expected);

    // Not a simulation.
    let err = fails_with(&run(&["report", &data("orders.json")], None), "invalid_input");
    assert!(err.contains("not a simulation"), "{err}");
    // An output that cannot be written: the one code that is not the library's.
    let out = run(
        &[
            "report",
            &sim,
            "-o",
            &dir.join("no/such/dir.html").display().to_string(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error[io]: "), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).unwrap();
}

fn tiny_scenario(dir: &Path) -> String {
    let path = dir.join("tiny.json");
    let out = run(
        &[
            "generate",
            "--size",
            "tiny",
            "--seed",
            "3",
            "-o",
            &path.display().to_string(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    path.display().to_string()
}

#[test]
fn generate_writes_the_library_scenario() {
    let dir = scratch("generate");
    let path = tiny_scenario(&dir);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let expected = omnistock::generate_values(serde_json::json!({"size": "tiny", "seed": 3})).unwrap();
    assert_eq!(written, serde_json::to_value(&expected).unwrap());
    // To standard output without `-o`; every option reaches the library.
    let out = run(&["generate", "--size", "tiny", "--seed", "3"], None);
    assert_eq!(json(&out), written);
    let out = run(
        &[
            "generate",
            "--size",
            "tiny",
            "--stores",
            "3",
            "--skus",
            "12",
            "--days",
            "2",
            "--orders-per-day",
            "5",
            "--start",
            "2026-11-20",
        ],
        None,
    );
    let options = serde_json::json!({"size": "tiny", "stores": 3, "skus": 12, "days": 2, "orders_per_day": 5,
        "start": "2026-11-20"});
    let expected = omnistock::generate_values(options).unwrap();
    assert_eq!(json(&out), serde_json::to_value(&expected).unwrap());

    let err = fails_with(&run(&["generate", "--size", "huge"], None), "invalid_input");
    assert!(err.contains("\n  field: size"), "{err}");
    let err = fails_with(&run(&["generate", "--stores", "0"], None), "invalid_input");
    assert!(err.contains("\n  field: stores"), "{err}");
    assert_eq!(run(&["generate", "--seed", "-1"], None).status.code(), Some(2));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn simulate_prints_the_comparison_and_writes_the_report_and_json() {
    let dir = scratch("simulate");
    let scenario = tiny_scenario(&dir);
    let (html, full) = (dir.join("report.html"), dir.join("sim.json"));
    let out = run(
        &[
            "simulate",
            &scenario,
            "--report",
            &html.display().to_string(),
            "--json",
            &full.display().to_string(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&scenario).unwrap()).unwrap();
    let sim = omnistock::simulate(&serde_json::from_value(value).unwrap(), &omnistock::builtin_rule_sets()).unwrap();
    let table = stdout(&out);
    assert!(
        table.starts_with(&format!("scenario {}: 80 orders, ", sim.scenario.name)),
        "{table}"
    );
    assert!(
        table.ends_with(&format!("; baseline priority\n\n{}", sim.comparison.table())),
        "{table}"
    );
    // The whole simulation, as the library returns it.
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap();
    assert_eq!(written, serde_json::to_value(&sim).unwrap());
    // The report: the simulation without its outcomes (the report does not show them).
    let mut lean = sim.clone();
    for r in &mut lean.runs {
        r.outcomes.clear();
    }
    let expected = omnistock_cli::report::render(&serde_json::to_value(&lean).unwrap());
    assert_eq!(std::fs::read_to_string(&html).unwrap(), expected);
    // `report` re-renders the saved simulation: the same table, and the same charts.
    let again = dir.join("again.html");
    let out = run(
        &[
            "report",
            &full.display().to_string(),
            "-o",
            &again.display().to_string(),
        ],
        None,
    );
    assert_eq!(stdout(&out), table);
    assert_eq!(std::fs::read_to_string(&again).unwrap(), expected);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn simulate_with_chosen_rule_sets_and_from_stdin() {
    let dir = scratch("simulate-rules");
    let scenario = tiny_scenario(&dir);
    let text = std::fs::read(&scenario).unwrap();
    let out = run(&["simulate", "-", "--rules", "closest,priority"], Some(&text));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.contains("; baseline closest\n"), "{table}");
    let header = table.lines().nth(2).unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["KPI", "closest", "priority"]
    );

    let rules = dir.join("rules.json");
    std::fs::write(
        &rules,
        r#"["priority", {"rules": {"name": "cheap-waves", "preset": "cheapest"}, "allocation": "wave", "wave_minutes": 30}]"#,
    )
    .unwrap();
    let full = dir.join("sim.json");
    let out = run(
        &[
            "simulate",
            &scenario,
            "--rules",
            &rules.display().to_string(),
            "--json",
            &full.display().to_string(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sim: Value = serde_json::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap();
    assert_eq!(
        sim["comparison"]["names"],
        serde_json::json!(["priority", "cheap-waves"])
    );
    assert_eq!(sim["runs"][1]["allocation"], "wave");

    // The library's errors, named by field.
    let err = fails_with(
        &run(&["simulate", &scenario, "--rules", "priority,fastest"], None),
        "invalid_input",
    );
    assert!(err.contains("rule_sets[1]"), "{err}");
    let err = fails_with(
        &run(&["simulate", &scenario, "--rules", "priority,priority"], None),
        "duplicate_id",
    );
    assert!(err.contains("rule_sets[1].name"), "{err}");
    let err = fails_with(&run(&["simulate", &data("orders.json")], None), "invalid_input");
    assert!(err.contains("field: scenario"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn simulate_builtin_is_the_library_retailer() {
    // The built-in month takes minutes to simulate: check only that `builtin` is the
    // generated retailer handed to the library (not a file), which then refuses the rule set.
    let out = run(&["simulate", "builtin", "--rules", "fastest"], None);
    let err = fails_with(&out, "invalid_input");
    assert!(
        err.contains("unknown preset `fastest`") && err.contains("rule_sets[0]"),
        "{err}"
    );
}
