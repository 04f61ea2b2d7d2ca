//! The `omnistock` command: the library on JSON files, from a shell.
//!
//! Each subcommand reads its inputs (files, or standard input for `-`), calls the core crate
//! and prints the result as JSON (or a table). Errors are printed as
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
use omnistock_cli::{describe, report, table};

#[derive(Debug, Parser)]
#[command(
    name = "omnistock",
    version,
    about = "Omnichannel stock pooling, available-to-promise, sourcing and replenishment on JSON files",
    long_about = "Omnichannel stock pooling, available-to-promise, sourcing and replenishment on JSON files.\n\n\
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
        Some(a) if a == "-" || a.contains(['.', '/', '\\']) => inputs.json(Path::new(a)),
        Some(name) => Ok(Value::String(name.to_owned())),
    }
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

fn report_cmd(inputs: &Inputs, a: ReportArgs) -> Result<(), Failure> {
    let sim = inputs.json(&a.simulation)?;
    if !sim["runs"].is_array() {
        let err =
            Error::new(ErrorCode::InvalidInput, "not a simulation: `runs` must be an array").with("field", "runs");
        return Err(in_file(err, &a.simulation).into());
    }
    if let Some(path) = &a.output {
        write_file(path, &report::render(&sim))?;
    }
    print_text(&table::kpi_table(&sim))
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
