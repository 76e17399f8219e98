//! `generated/test-suite/*.json`: every payload's valid and invalid documents in the format of
//! the JSON-Schema-Test-Suite (`[{description, schema, tests: [{description, data, valid}]}]`),
//! so that any validator implementation can be checked against the published schemas.
//!
//! The documents are the repository's own: the documented examples (valid unless they carry
//! value errata), the fixture defaults, a few seeded random fixtures, the hand-written invalid
//! corpus in `tests/invalid/` with its sidecar descriptions (for a Hasura wire or row layer, its
//! payload's cases wrapped into the layer), and the real-traffic corpus of `tests/real/`.
//! `valid` is what the published schema says, which the workspace tests hold the generated
//! validators to.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use schema_types::corpus::VALUE_ERRATA;
use schema_types::{PAYLOADS, PayloadKind};
use serde_json::{Value, json};

use crate::json_file;

/// Random fixtures per payload in the suite.
const RANDOM_CASES: u64 = 4;

/// The suite file of every payload, as (path relative to the workspace root, content).
pub fn files(root: &Path) -> io::Result<Vec<(PathBuf, Value)>> {
    let mut files = Vec::new();
    for kind in PAYLOADS {
        let name = format!("{}.json", kind.id.replace('/', "__"));
        let suite = json!([{
            "description": format!("{} {} ({})", kind.id, kind.version, kind.title),
            "schema": kind.schema(),
            "tests": tests(root, kind)?,
        }]);
        files.push((Path::new("generated").join("test-suite").join(name), suite));
    }
    Ok(files)
}

fn tests(root: &Path, kind: &PayloadKind) -> io::Result<Vec<Value>> {
    let mut tests = Vec::new();
    if let Some(example) = kind.documented_example() {
        let errata: Vec<&str> = VALUE_ERRATA
            .iter()
            .filter(|e| e.payload == kind.id)
            .map(|e| e.pointer)
            .collect();
        let description = if errata.is_empty() {
            "the documented example".to_owned()
        } else {
            format!(
                "the documented example, invalid at its recorded errata {}",
                errata.join(", ")
            )
        };
        tests.push(
            json!({ "description": description, "data": example, "valid": errata.is_empty() }),
        );
    }
    tests.push(
        json!({ "description": "the fixture defaults", "data": kind.fixture(), "valid": true }),
    );
    for seed in 0..RANDOM_CASES {
        let description = format!("a random valid document (seed {seed})");
        tests.push(json!({ "description": description, "data": kind.random(seed), "valid": true }));
    }
    for (name, data, sidecar) in cases(root, "invalid", kind.id, ".expected.json")? {
        let description = sidecar["description"].as_str().unwrap_or(&name).to_owned();
        tests.push(json!({ "description": format!("{name}: {description}"), "data": data, "valid": false }));
    }
    if let Some(base) = kind.base() {
        for (name, data, sidecar) in cases(root, "invalid", base.id, ".expected.json")? {
            let violations = sidecar["violations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let carried = violations.iter().all(|v| {
                kind.carries_over(
                    v["pointer"].as_str().unwrap_or_default(),
                    v["member"].as_str(),
                )
            });
            let (true, Some(data)) = (carried, kind.wrap(&data)) else {
                continue;
            };
            let description = sidecar["description"].as_str().unwrap_or(&name);
            tests.push(json!({
                "description": format!("{name} (of {}, wrapped): {description}", base.id),
                "data": data,
                "valid": false,
            }));
        }
    }
    for (name, data, sidecar) in cases(root, "real", kind.id, ".case.json")? {
        let description = sidecar["description"].as_str().unwrap_or(&name);
        let source = sidecar["source"].as_str().unwrap_or_default();
        tests.push(json!({
            "description": format!("real traffic, {name}: {description} ({source})"),
            "data": data,
            "valid": sidecar["verdict"] == "accepted",
        }));
    }
    Ok(tests)
}

/// The cases of `tests/<corpus>/<payload id>/`, sorted by name: (name, document, sidecar), the
/// sidecar of `NAME.json` being `NAME<sidecar>`.
fn cases(
    root: &Path,
    corpus: &str,
    id: &str,
    sidecar: &str,
) -> io::Result<Vec<(String, Value, Value)>> {
    let folder = root.join("tests").join(corpus).join(id);
    let mut paths: Vec<PathBuf> = match fs::read_dir(&folder) {
        Ok(entries) => entries
            .map(|entry| entry.map(|e| e.path()))
            .collect::<io::Result<_>>()?,
        Err(error) if error.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(error) => return Err(error),
    };
    paths.retain(|path| {
        path.extension().is_some_and(|e| e == "json") && !path.to_string_lossy().ends_with(sidecar)
    });
    paths.sort();
    let mut cases = Vec::new();
    for path in paths {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let data = json_file::read(&path)?;
        let side = json_file::read(&path.with_extension(sidecar.trim_start_matches('.')))?;
        cases.push((name, data, side));
    }
    Ok(cases)
}
