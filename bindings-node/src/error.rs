//! Core errors as napi errors. The reason carries the error as JSON behind a marker, and
//! `index.js` turns it into a JavaScript `Error` with `.code` and `.data`, the same way for sync
//! calls and for rejected promises (a plain napi error would lose the code in async tasks).

/// Prefix of a napi error reason that carries a core error as JSON.
pub const MARKER: &str = "OMNISTOCK_ERROR:";

/// One mapping from core errors to napi errors.
pub fn to_napi(err: omnistock::Error) -> napi::Error {
    let body = serde_json::json!({
        "code": err.code().as_str(),
        "message": err.message(),
        "context": err.context(),
    });
    napi::Error::new(napi::Status::GenericFailure, format!("{MARKER}{body}"))
}

/// A core error with code `invalid_input`.
pub fn invalid_input(message: impl Into<String>) -> omnistock::Error {
    omnistock::Error::new(omnistock::ErrorCode::InvalidInput, message)
}
