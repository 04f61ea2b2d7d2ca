//! Reading the command's inputs: JSON files, or standard input for a path of `-`.
//!
//! Every failure is an [`omnistock::Error`] with the library's codes, so a script branches on
//! the same codes whichever layer it calls: an unreadable file or malformed JSON is
//! `invalid_input`, with the file in `context["file"]` (and the line and column of a JSON
//! syntax error, as the core reports them).

use std::cell::Cell;
use std::io::Read;
use std::path::Path;

use omnistock::{Error, ErrorCode};
use serde_json::Value;

/// Where inputs come from: files, and standard input at most once (for a path of `-`).
///
/// # Examples
///
/// ```
/// let inputs = omnistock_cli::input::Inputs::new();
/// let err = inputs.text("no/such/file.json".as_ref()).unwrap_err();
/// assert_eq!(err.code(), omnistock::ErrorCode::InvalidInput);
/// assert_eq!(err.context()["file"], "no/such/file.json");
/// ```
#[derive(Debug, Default)]
pub struct Inputs {
    stdin_taken: Cell<bool>,
}

impl Inputs {
    /// Inputs with standard input not read yet.
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// The whole text of a file, or of standard input for `-`.
    ///
    /// # Errors
    ///
    /// `invalid_input` naming the file when it cannot be read (missing, a directory, not
    /// UTF-8), or when `-` is given a second time (standard input is read once).
    pub fn text(&self, path: &Path) -> Result<String, Error> {
        let name = display(path);
        if path == Path::new("-") {
            if self.stdin_taken.replace(true) {
                return Err(Error::new(
                    ErrorCode::InvalidInput,
                    "standard input (`-`) can be given for one input only",
                )
                .with("file", name));
            }
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::new(ErrorCode::InvalidInput, format!("cannot read: {e}")).with("file", &name))?;
            return Ok(text);
        }
        std::fs::read_to_string(path)
            .map_err(|e| Error::new(ErrorCode::InvalidInput, format!("cannot read: {e}")).with("file", name))
    }

    /// A file's (or standard input's) JSON document as a value.
    ///
    /// # Errors
    ///
    /// Those of [`Inputs::text`]; `invalid_input` for malformed JSON, naming the file, with
    /// the line and column.
    pub fn json(&self, path: &Path) -> Result<Value, Error> {
        let text = self.text(path)?;
        parse(&text).map_err(|e| in_file(e, path))
    }
}

/// Reads JSON text as the core does: an `invalid_input` error with the line and column of a
/// syntax error.
///
/// # Errors
///
/// `invalid_input` for malformed JSON or trailing characters.
///
/// # Examples
///
/// ```
/// let err = omnistock_cli::input::parse("[1, 2").unwrap_err();
/// assert_eq!(err.code(), omnistock::ErrorCode::InvalidInput);
/// assert_eq!(err.context()["line"], "1");
/// ```
pub fn parse(text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| {
        let mut err = Error::new(ErrorCode::InvalidInput, e.to_string());
        if e.line() > 0 {
            err = err.with("line", e.line()).with("column", e.column());
        }
        err
    })
}

/// Names the file an error came from (`context["file"]`), unless it already names one.
pub fn in_file(err: Error, path: &Path) -> Error {
    if err.context().contains_key("file") {
        err
    } else {
        err.with("file", display(path))
    }
}

/// How a path is shown in messages: as given, `-` being standard input.
fn display(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_json_names_the_file_and_position() {
        let dir = std::env::temp_dir().join(format!("omnistock-cli-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bad.json");
        std::fs::write(&file, "{\n  \"a\": [1,\n}").unwrap();
        let err = Inputs::new().json(&file).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert_eq!(err.context()["file"], file.display().to_string());
        assert_eq!(err.context()["line"], "3");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn trailing_characters_are_an_error() {
        assert_eq!(parse("[] x").unwrap_err().code(), ErrorCode::InvalidInput);
    }

    #[test]
    fn in_file_keeps_an_existing_file() {
        let err = Error::new(ErrorCode::InvalidInput, "x").with("file", "a.json");
        assert_eq!(in_file(err, Path::new("b.json")).context()["file"], "a.json");
    }
}
