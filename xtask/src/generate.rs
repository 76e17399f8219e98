//! What `cargo xtask gen` produces: the list of generated files and their contents.
//!
//! Every file is rendered here from `schema-types` and handed to [`ensure_file`]; nothing is
//! written any other way. JSON is rendered with two-space indentation and a final newline, with
//! keys in a fixed order, so the output is byte-stable.

use std::io;
use std::path::{Path, PathBuf};

use schema_types::PAYLOADS;
use serde_json::{Value, json};

use crate::ensure::{Mode, Summary, ensure_file};

/// Generates every artefact under `root`, writing or checking according to `mode`.
pub fn run(root: &Path, mode: Mode) -> io::Result<Summary> {
    let mut summary = Summary::new(mode);
    for (path, value) in artefacts() {
        ensure_file(root, &path, &render(&value), &mut summary)?;
    }
    Ok(summary)
}

/// Every generated file as (path relative to the workspace root, JSON content).
fn artefacts() -> Vec<(PathBuf, Value)> {
    let mut files = Vec::new();
    for kind in PAYLOADS {
        files.push((Path::new("schemas").join(kind.schema_path()), kind.schema()));
    }
    files.push((Path::new("schemas").join("index.json"), index()));
    files
}

/// `schemas/index.json`: one entry per payload and version.
fn index() -> Value {
    let payloads: Vec<Value> = PAYLOADS
        .iter()
        .map(|kind| {
            json!({
                "id": kind.id,
                "version": kind.version.to_string(),
                "path": kind.schema_path(),
                "title": kind.title,
                "product": kind.product.vendor(),
            })
        })
        .collect();
    json!({ "payloads": payloads })
}

fn render(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value always serialises");
    text.push('\n');
    text
}
