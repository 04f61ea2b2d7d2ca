//! The native half of the `omnistock` npm package: a thin napi-rs layer over the `omnistock`
//! crate. Structured data crosses as JSON text (converted by `conversion.rs`), hot paths
//! (`atp`) as plain strings and numbers; `index.js` wraps this class for JavaScript users.
//! No business rule lives here.

#![deny(clippy::all)]

/// Many small allocations cross this boundary (JSON text, key renaming); mimalloc keeps them
/// cheap where glibc malloc spent a third of `apply` consolidating free lists.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod conversion;
mod error;
mod inventory;

use napi_derive::napi;

/// Every stable error code, in declaration order (the list in `testdata/error_codes.json`).
#[napi]
pub fn error_codes() -> Vec<String> {
    omnistock::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}
