//! JSON files as xtask reads and writes them: [`read`] names the file in every error, and
//! [`render`] is the one form every generated JSON file is written in (two-space indentation,
//! keys in the order the value holds them, a final newline), so the output is byte-stable.

use std::fs;
use std::io;
use std::path::Path;

use serde_json::Value;

use crate::ensure::with_path;

/// Reads and parses the JSON file at `path`.
pub fn read(path: &Path) -> io::Result<Value> {
    let text = fs::read_to_string(path).map_err(|error| with_path(error, path))?;
    serde_json::from_str(&text).map_err(|error| {
        let error = io::Error::new(io::ErrorKind::InvalidData, format!("not JSON: {error}"));
        with_path(error, path)
    })
}

/// `value` as a generated JSON file holds it.
pub fn render(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value always serialises");
    text.push('\n');
    text
}
