//! The `omnistock` command: the library on JSON files, from a shell.
//!
//! Each subcommand reads its inputs (files, or standard input for `-`), calls the core crate
//! and prints the result as JSON (a simulation: its comparison table, the core's, and the HTML
//! report of `omnistock_cli::report` if asked). Errors are printed as
//! `error[<code>]: <message>` with the library's codes; the exit status is 1 for them and 2
//! for a usage error (clap's).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;
use omnistock::{Error, ErrorCode, EventStatus, Inventory, RuleSet};
use serde_json::Value;

use omnistock_cli::input::{Inputs, in_file};
use omnistock_cli::{describe, report, view};

#[derive(Debug, Parser)]
#[command(
    name = "omnistock",
    version,
    about = "Omnichannel allocation, promises, replenishment and what-if simulation on JSON files",
    long_about = "Omnichannel allocation, promises, replenishment and what-if simulation on JSON files.\n\n\
        Inputs are JSON files as the library reads them (see the README); `-` reads one of them from \
        standard input. Results are printed as JSON on standard output. Errors are printed as \
        `error[<code>]: <message>` with the library's codes (exit status 1); a usage error exits with 2."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Propose which locations ship which units of each order (prints the plan as JSON)
    Allocate(AllocateArgs),
    /// When the lines of a request can be delivered or picked up, and from where (JSON)
    Promise(PromiseArgs),
    /// Replenishment proposals (purchases, transfers, rebalancing), and alerts if asked (JSON)
    Replenish(ReplenishArgs),
    /// Replay a scenario under rule sets and print their KPIs side by side; write the HTML
    /// report and the full simulation if asked
    Simulate(SimulateArgs),
    /// Write a seeded synthetic retailer (a scenario for `simulate`) at a chosen size
    Generate(GenerateArgs),
    /// Print the KPI table of a saved simulation (`simulate --json`) and write its HTML report
    Report(ReportArgs),
}

/// The network and the stock events that build the inventory every query runs on.
#[derive(Debug, Args)]
struct State {
    /// The network: locations, channels, pools, services (JSON object)
    #[arg(long, value_name = "FILE")]
    network: PathBuf,
    /// Stock events applied in order (JSON array); rejected and stale events are reported on
    /// standard error and the others still apply, as in the library
    #[arg(long, value_name = "FILE")]
    events: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct AllocateArgs {
    #[command(flatten)]
    state: State,
    /// The orders: a JSON array, or an object with an `orders` array (other keys, such as
    /// those of examples/data/orders.json, are not read); `-` reads standard input
    #[arg(long, value_name = "FILE")]
    orders: PathBuf,
    /// A rule set: a JSON file (a path: it has a `.` or a `/`, or is `-`) or a preset's name
    /// (priority, closest, fewest_shipments, cheapest, balanced); the library's default
    /// rule set when omitted
    #[arg(long, value_name = "FILE|PRESET")]
    rules: Option<String>,
    /// The current time, RFC 3339 with an offset (2026-11-26T13:30:00Z): the library has no
    /// clock
    #[arg(long, value_name = "TIMESTAMP")]
    now: Timestamp,
    /// Allocate the orders jointly as a wave (scarce SKUs rationed by the rule set's
    /// `scarcity`) instead of one by one
    #[arg(long)]
    wave: bool,
}

#[derive(Debug, Args)]
struct PromiseArgs {
    #[command(flatten)]
    state: State,
    /// The request: a JSON object (one promise), an array of them (one promise each, all
    /// against the same stock), or an object with a `request` key as in
    /// examples/data/promise.json; `-` reads standard input
    #[arg(long, value_name = "FILE")]
    request: PathBuf,
    /// The current time, RFC 3339 with an offset
    #[arg(long, value_name = "TIMESTAMP")]
    now: Timestamp,
}

#[derive(Debug, Args)]
struct ReplenishArgs {
    #[command(flatten)]
    state: State,
    /// Demand history: rows `[{"location", "sku", "date", "sales", "lost_sales"?}]` or
    /// columns of equal length; `-` reads standard input
    #[arg(long, value_name = "FILE")]
    history: PathBuf,
    /// Stock policies: `{"defaults", "rules", "categories", "sources", "min_atp"}`
    #[arg(long, value_name = "FILE")]
    policies: PathBuf,
    /// The current time, RFC 3339 with an offset
    #[arg(long, value_name = "TIMESTAMP")]
    now: Timestamp,
    /// Also compute alerts: prints `{"replenishment": ..., "alerts": [...]}`
    #[arg(long)]
    alerts: bool,
}

#[derive(Debug, Args)]
struct SimulateArgs {
    /// The scenario (JSON, as `generate` writes it), `-` for standard input, or `builtin`: the
    /// library's default synthetic retailer (a month of orders, 2 DCs, 50 stores, a
    /// marketplace, 5,000 SKUs)
    #[arg(value_name = "SCENARIO")]
    scenario: PathBuf,
    /// The rule sets to compare: a JSON file with an array (each a preset's name or
    /// `{"rules", "allocation": "order"|"wave", "wave_minutes"}`), or preset names separated
    /// by commas (`priority,closest`); the first is the baseline. Default: the library's
    /// built-in three (priority, closest, balanced in waves)
    #[arg(long, value_name = "FILE|PRESETS")]
    rules: Option<String>,
    /// Write the self-contained HTML report (charts inline, readable offline) to this file
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Write the whole simulation (runs, KPIs, flows, every order's outcome) as JSON to this
    /// file
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// A preset size: tiny, small, month (the library's default) or large (about a million
    /// order lines); the options below override it
    #[arg(long)]
    size: Option<String>,
    /// The seed (same seed, same retailer)
    #[arg(long)]
    seed: Option<u64>,
    /// Stores
    #[arg(long)]
    stores: Option<u32>,
    /// SKUs
    #[arg(long)]
    skus: Option<u32>,
    /// Days of orders
    #[arg(long)]
    days: Option<u32>,
    /// Orders on an ordinary weekday
    #[arg(long, value_name = "N")]
    orders_per_day: Option<u32>,
    /// The first day, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    start: Option<String>,
    /// Where to write the scenario (JSON); standard output when omitted or `-`
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// A simulation as JSON (written by `omnistock simulate --json`); `-` reads standard input
    #[arg(value_name = "SIMULATION")]
    simulation: PathBuf,
    /// Write the self-contained HTML report (charts inline, readable offline) to this file
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let inputs = Inputs::new();
    let result = match cli.command {
        Command::Allocate(a) => allocate(&inputs, a),
        Command::Promise(a) => promise(&inputs, a),
        Command::Replenish(a) => replenish(&inputs, a),
        Command::Simulate(a) => simulate(&inputs, a),
        Command::Generate(a) => generate(a),
        Command::Report(a) => report_cmd(&inputs, a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Library(err)) => {
            eprintln!("{}", describe(&err));
            ExitCode::FAILURE
        }
        Err(Failure::Output { target, error }) => {
            eprintln!("error[io]: {target}: cannot write: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Why a subcommand failed: a library error (reading an input included), or an output that
/// could not be written (`error[io]`, the one code that is not the library's: the library
/// writes nothing).
#[derive(Debug)]
enum Failure {
    Library(Error),
    Output { target: String, error: String },
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Library(err)
    }
}

/// The inventory: the network, then the events (if any), with a warning on standard error for
/// each event that did not apply.
fn inventory(inputs: &Inputs, state: &State) -> Result<Inventory, Error> {
    let text = inputs.text(&state.network)?;
    let mut inv = Inventory::from_json(&text).map_err(|e| in_file(e, &state.network))?;
    if let Some(path) = &state.events {
        let text = inputs.text(path)?;
        let outcomes = inv.apply_json(&text).map_err(|e| in_file(e, path))?;
        for (i, o) in outcomes.iter().enumerate() {
            let id =
                o.id.as_ref()
                    .map_or_else(|| format!("events[{i}]"), |id| format!("`{id}`"));
            match (o.status, &o.error) {
                (EventStatus::Rejected, Some(err)) => eprintln!(
                    "warning[{}]: {}: event {id} rejected, not applied: {}",
                    err.code(),
                    path.display(),
                    err.message()
                ),
                (EventStatus::Stale, _) => eprintln!(
                    "warning: {}: event {id} is a stale count (not newer than the last applied one), ignored",
                    path.display()
                ),
                _ => {}
            }
        }
    }
    Ok(inv)
}

/// A rule set argument as the library reads it: a file's JSON, or a preset's name as a JSON
/// string; the library's default rule set when absent.
fn rules(inputs: &Inputs, arg: Option<&str>) -> Result<Value, Error> {
    match arg {
        None => Ok(serde_json::to_value(RuleSet::default()).expect("a rule set serializes")),
        Some(a) if looks_like_path(a) => inputs.json(Path::new(a)),
        Some(name) => Ok(Value::String(name.to_owned())),
    }
}

/// Whether a `--rules` argument names a file (`-`, or it has a `.` or a path separator)
/// rather than presets (whose names have none).
fn looks_like_path(arg: &str) -> bool {
    arg == "-" || arg.contains(['.', '/', '\\'])
}

/// The value of `key` when `value` is an object wrapping it (and not an item itself).
fn unwrap_key(value: Value, key: &str) -> Value {
    match value {
        Value::Object(mut map) if map.contains_key(key) => map.remove(key).unwrap_or(Value::Null),
        other => other,
    }
}

fn allocate(inputs: &Inputs, a: AllocateArgs) -> Result<(), Failure> {
    let inv = inventory(inputs, &a.state)?;
    let orders = unwrap_key(inputs.json(&a.orders)?, "orders");
    let rules = rules(inputs, a.rules.as_deref())?;
    let plan = if a.wave {
        inv.allocate_wave_values(orders, rules, a.now)?
    } else {
        inv.allocate_values(orders, rules, a.now)?
    };
    print_json(&plan)
}

fn promise(inputs: &Inputs, a: PromiseArgs) -> Result<(), Failure> {
    let inv = inventory(inputs, &a.state)?;
    let request = inputs.json(&a.request)?;
    // A promise request has no `request` field, so an object with one is a wrapper.
    let request = match request {
        Value::Object(ref m) if m.contains_key("request") && !m.contains_key("lines") => unwrap_key(request, "request"),
        other => other,
    };
    match request {
        Value::Array(items) => {
            let requests = items
                .into_iter()
                .enumerate()
                .map(|(i, r)| omnistock::PromiseRequest::from_value(r).map_err(|e| e.within(&format!("[{i}]"))))
                .collect::<Result<Vec<_>, Error>>()
                .map_err(|e| in_file(e, &a.request))?;
            print_json(&inv.promise_many(&requests, a.now)?)
        }
        one => {
            let request = omnistock::PromiseRequest::from_value(one).map_err(|e| in_file(e, &a.request))?;
            print_json(&inv.promise(&request, a.now)?)
        }
    }
}

fn replenish(inputs: &Inputs, a: ReplenishArgs) -> Result<(), Failure> {
    let inv = inventory(inputs, &a.state)?;
    let history = inputs.json(&a.history)?;
    let policies = inputs.json(&a.policies)?;
    if a.alerts {
        let replenishment = inv.replenish_values(history.clone(), policies.clone(), a.now)?;
        let alerts = inv.alerts_values(history, policies, a.now)?;
        print_json(&serde_json::json!({"replenishment": replenishment, "alerts": alerts}))
    } else {
        print_json(&inv.replenish_values(history, policies, a.now)?)
    }
}

fn simulate(inputs: &Inputs, a: SimulateArgs) -> Result<(), Failure> {
    let scenario = if a.scenario == Path::new("builtin") {
        serde_json::to_value(omnistock::generate_values(serde_json::json!({}))?).map_err(serialize_failure)?
    } else {
        inputs.json(&a.scenario)?
    };
    let rule_sets = match a.rules.as_deref() {
        None => Value::Null, // the core's built-in rule sets
        Some(arg) if looks_like_path(arg) => inputs.json(Path::new(arg))?,
        Some(names) => Value::Array(names.split(',').map(|n| Value::String(n.trim().to_owned())).collect()),
    };
    let mut sim = omnistock::simulate_values(scenario, rule_sets)?;
    if let Some(path) = &a.json {
        write_json_file(path, &sim)?;
    }
    let head = serde_json::json!({"scenario": &sim.scenario, "comparison": {"baseline": &sim.comparison.baseline}});
    let table = format!("{}\n\n{}", view::summary(&head), sim.comparison.table());
    if let Some(path) = &a.report {
        // The report does not show single outcomes: leave them out of its JSON (they can be
        // a million lines).
        for run in &mut sim.runs {
            run.outcomes = Vec::new();
        }
        let value = serde_json::to_value(&sim).map_err(serialize_failure)?;
        write_file(path, &report::render(&value))?;
    }
    print_text(&table)
}

fn generate(a: GenerateArgs) -> Result<(), Failure> {
    let mut options = serde_json::Map::new();
    let mut set = |key: &str, v: Option<Value>| {
        if let Some(v) = v {
            options.insert(key.to_owned(), v);
        }
    };
    set("size", a.size.map(Value::from));
    set("seed", a.seed.map(Value::from));
    set("stores", a.stores.map(Value::from));
    set("skus", a.skus.map(Value::from));
    set("days", a.days.map(Value::from));
    set("orders_per_day", a.orders_per_day.map(Value::from));
    set("start", a.start.map(Value::from));
    let scenario = omnistock::generate_values(Value::Object(options))?;
    match &a.output {
        Some(path) if path != Path::new("-") => write_json_file(path, &scenario),
        _ => print_json(&scenario),
    }
}

fn report_cmd(inputs: &Inputs, a: ReportArgs) -> Result<(), Failure> {
    let sim = inputs.json(&a.simulation)?;
    let not_a_simulation = |why: &str| {
        let err = Error::new(ErrorCode::InvalidInput, format!("not a simulation: {why}"));
        Failure::from(in_file(err, &a.simulation))
    };
    if !sim["runs"].is_array() {
        return Err(not_a_simulation("`runs` must be an array"));
    }
    let comparison: omnistock::Comparison =
        serde_json::from_value(sim["comparison"].clone()).map_err(|e| not_a_simulation(&format!("comparison: {e}")))?;
    if let Some(path) = &a.output {
        write_file(path, &report::render(&sim))?;
    }
    print_text(&format!("{}\n\n{}", view::summary(&sim), comparison.table()))
}

fn serialize_failure(e: serde_json::Error) -> Failure {
    Failure::Output {
        target: "JSON".to_owned(),
        error: e.to_string(),
    }
}

/// Writes a value as pretty JSON to a file, streaming (a simulation's outcomes can be large).
fn write_json_file<T: serde::Serialize + ?Sized>(path: &Path, value: &T) -> Result<(), Failure> {
    let failure = |e: std::io::Error| Failure::Output {
        target: path.display().to_string(),
        error: e.to_string(),
    };
    let file = std::fs::File::create(path).map_err(failure)?;
    let mut out = std::io::BufWriter::new(file);
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| failure(e.into()))?;
    out.write_all(b"\n").and_then(|()| out.flush()).map_err(failure)
}

/// Writes a file whole, naming it in the error.
fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text).map_err(|e| Failure::Output {
        target: path.display().to_string(),
        error: e.to_string(),
    })
}

fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Failure::Output {
        target: "standard output".to_owned(),
        error: e.to_string(),
    })?;
    text.push('\n');
    print_text(&text)
}

/// Prints to standard output; a closed pipe (`| head`) ends quietly.
fn print_text(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Output {
            target: "standard output".to_owned(),
            error: e.to_string(),
        }),
    }
}
