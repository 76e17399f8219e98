//! Writes the validators that jsonschema's build-time macro generates, one per published kind
//! the benchmark measures, from `schemas/index.json` (the index `cargo xtask gen` writes from the
//! registry): the macro needs each schema file's path at compile time, and the index is where
//! the registry's kinds and their current files are written down, so the benchmark keeps no list
//! of its own.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let index_path = Path::new("../schemas/index.json");
    println!("cargo::rerun-if-changed={}", index_path.display());
    let text = std::fs::read_to_string(index_path).expect("schemas/index.json reads");
    let index: serde_json::Value = serde_json::from_str(&text).expect("the index is JSON");
    // The newest version of every kind not derived from another, by id.
    let mut current: BTreeMap<String, (Vec<u64>, String)> = BTreeMap::new();
    for entry in index["payloads"]
        .as_array()
        .expect("the index lists payloads")
    {
        if entry["telemetry"].get("derivedFrom").is_some() {
            continue;
        }
        let id = entry["id"].as_str().expect("an id").to_owned();
        let version: Vec<u64> = entry["version"]
            .as_str()
            .expect("a version")
            .split('-')
            .map(|part| part.parse().expect("SchemaVer digits"))
            .collect();
        let path = entry["path"].as_str().expect("a path").to_owned();
        if current.get(&id).is_none_or(|(newest, _)| *newest < version) {
            current.insert(id, (version, path));
        }
    }
    let mut code = String::new();
    for (index, (_, (_, path))) in current.iter().enumerate() {
        writeln!(
            code,
            "#[jsonschema_macros_060::validator(path = \"../schemas/{path}\", validate_formats = true)]\n\
             pub(super) struct Validator{index};"
        )
        .expect("writes to a string");
    }
    for (function, body) in [
        ("is_valid", "Validator{index}::is_valid(document)"),
        (
            "errors",
            "std::hint::black_box(Validator{index}::iter_errors(document).collect::<Vec<_>>()).len()",
        ),
    ] {
        let output = if function == "is_valid" {
            "bool"
        } else {
            "usize"
        };
        writeln!(
            code,
            "pub(super) fn {function}(id: &str, document: &serde_json::Value) -> Option<{output}> {{\n    match id {{"
        )
        .expect("writes to a string");
        for (index, id) in current.keys().enumerate() {
            let call = body.replace("{index}", &index.to_string());
            writeln!(code, "        {id:?} => Some({call}),").expect("writes to a string");
        }
        writeln!(code, "        _ => None,\n    }}\n}}").expect("writes to a string");
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("by_macro.rs"), code).expect("OUT_DIR is writable");
}
