//! The diff as a whole: the case folders of `xtask/tests/diff/` (each `old.schema.json`,
//! `new.schema.json` and the parts of the JSON report it expects), schemas compared with
//! themselves, and the content models VERSIONING.md states for every payload.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use schema_types::schema_walk;
use serde_json::{Value, json};

use super::bump::Bump;
use super::change::{ChangeKind, ContentModel};
use super::diff;
use super::node::read_unwrapped;
use crate::json_file;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("diff")
}

fn load(path: &Path) -> Value {
    json_file::read(path).unwrap_or_else(|error| panic!("{error}"))
}

/// The members of `expected` that differ in `actual` (every member of `expected` must be
/// there, with the same value; `changes` must have the same length and match one by one).
fn mismatches(expected: &Value, actual: &Value, at: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                match actual.get(key) {
                    Some(found) => mismatches(value, found, &format!("{at}/{key}"), out),
                    None => out.push(format!("{at}/{key}: missing")),
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) => {
            if expected.len() != actual.len() {
                out.push(format!(
                    "{at}: {} entries expected, {} found: {}",
                    expected.len(),
                    actual.len(),
                    serde_json::to_string_pretty(actual).unwrap_or_default()
                ));
                return;
            }
            for (index, (expected, actual)) in expected.iter().zip(actual).enumerate() {
                mismatches(expected, actual, &format!("{at}/{index}"), out);
            }
        }
        _ if expected != actual => out.push(format!("{at}: expected {expected}, found {actual}")),
        _ => {}
    }
}

/// Every case under `xtask/tests/diff/<case>/`: `old.schema.json`, `new.schema.json` and
/// `expected.json`, the parts of the JSON report the case is about.
#[test]
fn every_case_is_classified_as_expected() {
    let mut cases: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("xtask/tests/diff exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let report = diff(
            &load(&case.join("old.schema.json")),
            &load(&case.join("new.schema.json")),
        );
        let report = match report {
            Ok(report) => report.to_json(),
            Err(error) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let mut found = Vec::new();
        mismatches(
            &load(&case.join("expected.json")),
            &report,
            &name,
            &mut found,
        );
        failures.extend(found);
    }
    assert!(
        cases.len() >= 15,
        "only {} cases under {}",
        cases.len(),
        cases_dir().display()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The case names are the kinds they are about, and together they cover every kind listed
/// below.
#[test]
fn the_cases_cover_every_listed_kind() {
    let mut seen = BTreeSet::new();
    for entry in fs::read_dir(cases_dir()).expect("xtask/tests/diff exists") {
        let path = entry.expect("a directory entry").path();
        let expected = load(&path.join("expected.json"));
        for change in expected["changes"].as_array().into_iter().flatten() {
            if let Some(kind) = change["kind"].as_str() {
                seen.insert(kind.to_owned());
            }
        }
    }
    let listed = [
        ChangeKind::PropertyRemoved,
        ChangeKind::OptionalPropertyAdded,
        ChangeKind::RequiredPropertyAdded,
        ChangeKind::PropertyRenamed,
        ChangeKind::RequiredAdded,
        ChangeKind::RequiredRemoved,
        ChangeKind::TypeNarrowed,
        ChangeKind::TypeWidened,
        ChangeKind::NullableAdded,
        ChangeKind::NullableRemoved,
        ChangeKind::EnumValuesRemoved,
        ChangeKind::EnumValuesAdded,
        ChangeKind::PatternChanged,
        ChangeKind::FormatAdded,
        ChangeKind::FormatRemoved,
        ChangeKind::FormatChanged,
        ChangeKind::BoundTightened,
        ChangeKind::BoundLoosened,
        ChangeKind::ObjectClosed,
        ChangeKind::ObjectOpened,
        ChangeKind::AnnotationChanged,
    ];
    let missing: Vec<&str> = listed
        .iter()
        .map(|kind| kind.name())
        .filter(|name| !seen.contains(*name))
        .collect();
    assert!(missing.is_empty(), "no case for {missing:?}");
}

/// A schema compared with itself has no change, and a schema that refers to itself is
/// walked once.
#[test]
fn a_schema_equals_itself_and_cycles_end() {
    let schema = json!({
        "$defs": {"Node": {"type": "object", "properties": {
            "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}
        }}},
        "$ref": "#/$defs/Node"
    });
    let report = diff(&schema, &schema).expect("comparable");
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    assert_eq!(report.required_bump(), Bump::None);
    let looping = json!({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}, "$ref": "#/$defs/A"});
    let error = diff(&looping, &looping).expect_err("a cycle of `$ref`s alone is no schema");
    assert!(error.to_string().contains("cycle"), "{error}");
}

/// The objects of a schema that are not closed, as (document path, content model), the root
/// being `(document)`.
fn unclosed_objects(root: &Value) -> BTreeSet<(String, &'static str)> {
    fn visit<'a>(
        root: &'a Value,
        value: &'a Value,
        at: String,
        path: String,
        found: &mut BTreeSet<(String, &'static str)>,
    ) {
        assert!(
            path.matches('/').count() < 32,
            "{path}: too deep (a cycle?)"
        );
        let node = read_unwrapped(root, value, at).expect("a readable schema");
        if node.is_object_schema() {
            let (model, _) = node.content_model();
            if model != ContentModel::Closed {
                let shown = if path.is_empty() {
                    "(document)".to_owned()
                } else {
                    path.clone()
                };
                found.insert((shown, model.name()));
            }
        }
        for (name, schema, at) in node.properties() {
            visit(root, schema, at, schema_walk::join(&path, name), found);
        }
        if let Some((schema, at)) = node.site("items") {
            visit(root, schema, at, format!("{path}/[]"), found);
        }
        if let Some((schema @ Value::Object(_), at)) = node.site("additionalProperties") {
            visit(root, schema, at, format!("{path}/*"), found);
        }
        for union in ["anyOf", "oneOf", "allOf"] {
            if let Some((Value::Array(alternatives), at)) = node.site(union) {
                for (index, alternative) in alternatives.iter().enumerate() {
                    // A cross-member rule (`x-rule`) constrains the object it stands in and
                    // declares no object of its own.
                    if alternative.get("x-rule").is_some() {
                        continue;
                    }
                    visit(
                        root,
                        alternative,
                        format!("{at}/{index}"),
                        path.clone(),
                        found,
                    );
                }
            }
        }
    }
    let mut found = BTreeSet::new();
    visit(root, root, "#".into(), String::new(), &mut found);
    found
}

/// VERSIONING.md's table of content models lists the payloads with objects that are not
/// closed, and which; every other payload is closed throughout. It must agree with the
/// published schemas.
#[test]
fn versioning_md_states_the_content_model_of_every_payload() {
    let path = crate::workspace_root().join("VERSIONING.md");
    let text = fs::read_to_string(&path).expect("VERSIONING.md");
    let mut stated = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split(" | ").collect();
        let (Some(first), Some(second)) = (cells.first(), cells.get(1)) else {
            continue;
        };
        let id = first
            .strip_prefix("| `")
            .and_then(|rest| rest.strip_suffix('`'))
            .filter(|id| schema_types::registry::find(id).is_some());
        let Some(id) = id else {
            continue;
        };
        let mut objects = BTreeSet::new();
        for part in second.trim_end_matches(" |").split("), ") {
            let Some((object, model)) = part.split_once("`: ") else {
                continue;
            };
            let model = model.split(" (").next().unwrap_or_default().trim();
            let model = ["open", "partially open"]
                .into_iter()
                .find(|name| *name == model)
                .unwrap_or_else(|| panic!("{id}: unknown content model `{model}`"));
            objects.insert((object.trim_start_matches('`').to_owned(), model));
        }
        stated.insert(id.to_owned(), objects);
    }
    // A kind not in the table is closed throughout.
    let closed = BTreeSet::new();
    for kind in schema_types::PAYLOADS {
        let actual = unclosed_objects(&kind.schema());
        assert_eq!(
            stated.get(kind.id).unwrap_or(&closed),
            &actual,
            "VERSIONING.md, content model of {}",
            kind.id
        );
    }
    for (id, objects) in &stated {
        assert!(
            !objects.is_empty(),
            "{id}: listed with no object that is not closed"
        );
    }
}

/// Every published schema compared with itself: no change (the walk understands every
/// keyword our schemas use without reporting a difference that is not there).
#[test]
fn every_published_schema_equals_itself() {
    for kind in schema_types::PAYLOADS {
        let schema = kind.schema();
        let report = diff(&schema, &schema).unwrap_or_else(|error| panic!("{}: {error}", kind.id));
        assert!(
            report.changes.is_empty(),
            "{}: {:?}",
            kind.id,
            report.changes
        );
    }
}
