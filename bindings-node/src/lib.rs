//! The native side of the `omnistock` npm package: a thin napi-rs layer over the `omnistock`
//! crate. Each method converts its arguments (`conversion.rs`: camelCase ⇄ snake_case keys,
//! exact numbers), calls the core, and converts the result; core errors become JavaScript
//! `Error`s with `.code` and `.data` in one place (`error.rs`). No business rule lives here.
//!
//! `npm run build` compiles this crate and regenerates `index.js` (the loader) and `index.d.ts`
//! (from the `///` comments below, plus the model types of `types.d.ts`); both are committed,
//! and `test.sh` checks that a fresh build gives the same files.

#![deny(clippy::all)]

/// A batch allocates and frees millions of small values; mimalloc keeps that cheap where glibc
/// malloc spent a quarter of `apply` on its free lists.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod conversion;
mod error;
mod inventory;
mod kpi;
mod promise;
mod sim;
mod sourcing;
mod task;

use napi_derive::napi;
use omnistock::ErrorCode;

// The module functions, reachable from the crate root as `forecast` is (napi registers them
// wherever they are; outside a napi build, e.g. `cargo test`, nothing else would use them).
pub use kpi::kpis;
pub use sim::{comparison_table, generate, simulate, simulate_async};

const N_CODES: usize = ErrorCode::ALL.len();

/// Every stable error code an `Error` thrown by omnistock can carry in `.code`, in declaration
/// order. Codes are only ever added, never renamed (the list is `testdata/error_codes.json`).
#[napi]
pub const ERROR_CODES: [&str; N_CODES] = {
    let mut codes = [""; N_CODES];
    let mut i = 0;
    while i < N_CODES {
        codes[i] = ErrorCode::ALL[i].as_str();
        i += 1;
    }
    codes
};

/// Forecasts a daily demand series (oldest day first) with a method:
/// `{method: "moving_average", window}`, `{method: "ses", alpha}`, `{method: "holt", alpha, beta}`,
/// `{method: "croston", alpha}` or `{method: "sba", alpha}`. Returns `{method, mean, level?,
/// trend?, mad, rmse, observations}`; the formulas are in the README's "Replenish".
///
/// @throws {Error} `invalid_policy` (a parameter out of range), `invalid_history` (a day out of
/// range), `invalid_input` (naming the field).
#[napi(
    catch_unwind,
    ts_args_type = "demand: number[], method: ForecastMethod",
    ts_return_type = "Forecast"
)]
pub fn forecast<'env>(
    env: &'env napi::Env,
    demand: napi::bindgen_prelude::Unknown<'_>,
    method: napi::bindgen_prelude::Unknown<'_>,
) -> napi::Result<napi::bindgen_prelude::Unknown<'env>> {
    let result = (|| -> Result<String, error::Failure> {
        let demand = sourcing::read_doc(env, demand, "demand")?;
        let method = sourcing::read_doc(env, method, "method")?;
        Ok(conversion::to_json(&omnistock::forecast_values(demand, method)?)?)
    })();
    match result {
        Ok(text) => conversion::parse(env, &text),
        Err(failure) => Err(error::to_js_error(env, failure)),
    }
}
