//! The pieces of the `omnistock` command that are worth testing on their own: reading inputs
//! with the library's error codes, printing errors, and the HTML report of a simulation.
//!
//! The command is thin, like the bindings: it reads JSON, calls the core crate `omnistock`
//! and prints what it returns. No business rule lives here.
//!
//! ```
//! let err = omnistock::Inventory::from_json("{").unwrap_err();
//! let err = omnistock_cli::input::in_file(err, "network.json".as_ref());
//! assert!(omnistock_cli::describe(&err).starts_with("error[invalid_input]: network.json: "));
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod input;
pub mod metrics;
pub mod report;
pub mod view;

use omnistock::Error;

/// An error as the command prints it: `error[<code>]: <file>: <message>`, then one indented
/// `key: value` line per other context entry (the field, the line and column of a JSON
/// syntax error, ...), in key order.
///
/// # Examples
///
/// ```
/// use omnistock::{Error, ErrorCode};
/// let err = Error::new(ErrorCode::UnknownChannel, "unknown channel `shop`").with("channel", "shop");
/// assert_eq!(omnistock_cli::describe(&err), "error[unknown_channel]: unknown channel `shop`\n  channel: shop");
/// ```
pub fn describe(err: &Error) -> String {
    let mut out = format!("error[{}]: ", err.code());
    if let Some(file) = err.context().get("file") {
        out += file;
        out += ": ";
    }
    out += err.message();
    for (k, v) in err.context() {
        if k != "file" {
            out += &format!("\n  {k}: {v}");
        }
    }
    out
}
