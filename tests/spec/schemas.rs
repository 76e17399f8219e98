//! The published schemas: valid draft 2020-12, portable to other validators, and accepting their
//! documented examples except exactly the recorded value errata.

use std::collections::BTreeSet;

use schema_types::corpus::{self, VALUE_ERRATA};
use schema_types::{PAYLOADS, PayloadKind, schema_walk};
use serde_json::Value;

use crate::corpus::{errata_of, page_examples};

/// The keywords of the draft 2020-12 vocabularies (core, applicator, unevaluated, validation,
/// meta-data, format-annotation, content).
const STANDARD_KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "$defs",
    "prefixItems",
    "items",
    "contains",
    "additionalProperties",
    "properties",
    "patternProperties",
    "dependentSchemas",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "unevaluatedItems",
    "unevaluatedProperties",
    "type",
    "const",
    "enum",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
    "format",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];

/// The formats defined by draft 2020-12; schemars' `uint64` and the like are not among them.
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Keywords whose value is an object of subschemas keyed by name.
const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "dependentSchemas",
];
/// Keywords whose value is an array of subschemas.
const SCHEMA_ARRAYS: &[&str] = &["prefixItems", "allOf", "anyOf", "oneOf"];
/// Keywords whose value is one subschema.
const SCHEMA_VALUES: &[&str] = &[
    "items",
    "contains",
    "additionalProperties",
    "propertyNames",
    "if",
    "then",
    "else",
    "not",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];

#[test]
fn every_schema_is_valid_draft_2020_12() {
    for kind in PAYLOADS {
        let schema = kind.schema();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{}",
            kind.id
        );
        if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{}: not a valid draft 2020-12 schema: {error}", kind.id);
        }
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|error| panic!("{}: does not compile: {error}", kind.id));
    }
}

#[test]
fn every_schema_has_its_publishing_metadata() {
    for kind in PAYLOADS {
        let schema = kind.schema();
        assert_eq!(schema["$id"], kind.schema_id(), "{}", kind.id);
        assert!(
            kind.schema_id().ends_with(&kind.schema_path()),
            "{}",
            kind.id
        );
        assert_eq!(schema["title"], kind.title, "{}", kind.id);
        let description = schema["description"].as_str().unwrap_or_default();
        assert!(
            description.len() > 40,
            "{}: the description is missing or thin",
            kind.id
        );
        assert_eq!(
            schema["examples"].as_array().map(Vec::len),
            kind.example.map(|_| 1),
            "{}",
            kind.id
        );
    }
}

#[test]
fn every_schema_is_portable() {
    for kind in PAYLOADS {
        let mut problems = Vec::new();
        check_portable(&kind.schema(), "#", &mut problems);
        assert!(problems.is_empty(), "{}: {problems:#?}", kind.id);
    }
}

#[test]
fn every_property_and_definition_is_described() {
    for kind in PAYLOADS {
        let mut undescribed = Vec::new();
        check_described(&kind.schema(), "#", &mut undescribed);
        assert!(
            undescribed.is_empty(),
            "{}: without a description: {undescribed:#?}",
            kind.id
        );
    }
}

#[test]
fn every_documented_example_is_valid_except_its_recorded_value_errata() {
    for (kind, document) in page_examples() {
        let found = violations(kind, &document);
        let expected: BTreeSet<(String, String)> = errata_of(kind)
            .into_iter()
            .map(|(pointer, keyword)| (pointer, keyword.to_owned()))
            .collect();
        assert_eq!(
            found, expected,
            "{}: violations other than the recorded errata",
            kind.id
        );
    }
}

#[test]
fn every_value_erratum_is_rejected_by_its_schema() {
    // The other direction of the test above, said plainly: no erratum is stale.
    for erratum in VALUE_ERRATA {
        let kind = schema_types::registry::find(erratum.payload).expect("a known payload");
        let document = corpus::example_document(kind.example.expect("an example")).unwrap();
        let paths: BTreeSet<String> = violations(kind, &document)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert!(
            paths.contains(erratum.pointer),
            "{} {} is accepted",
            erratum.payload,
            erratum.pointer
        );
    }
}

/// Every (instance path, keyword) that the `jsonschema` crate, with formats on, reports on the
/// schema of what the page documents (the documented era of a kind with eras).
fn violations(kind: &PayloadKind, document: &Value) -> BTreeSet<(String, String)> {
    integration_tests::agreement::documented_oracle(kind)
        .iter_errors(document)
        .map(|error| {
            (
                error.instance_path().as_str().to_owned(),
                error.kind().keyword().to_owned(),
            )
        })
        .collect()
}

/// The `x-` keywords the portability checks of `.ci/run` declare to ajv and Python's
/// `jsonschema`: a keyword the schemas use beyond them would fail there.
fn vendor_keywords() -> &'static BTreeSet<String> {
    static KEYWORDS: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    KEYWORDS.get_or_init(|| {
        serde_json::from_str(include_str!("../../.ci/portability/vendor-keywords.json"))
            .expect("vendor-keywords.json is a JSON list of names")
    })
}

fn check_portable(schema: &Value, at: &str, problems: &mut Vec<String>) {
    let Value::Object(object) = schema else {
        if !schema.is_boolean() {
            problems.push(format!("{at}: a schema must be an object or a boolean"));
        }
        return;
    };
    for (keyword, value) in object {
        let here = format!("{at}/{keyword}");
        if !STANDARD_KEYWORDS.contains(&keyword.as_str()) && !vendor_keywords().contains(keyword) {
            problems.push(format!(
                "{here}: not a draft 2020-12 keyword and not a vendor keyword the portability \
                 checks declare (.ci/portability/vendor-keywords.json)"
            ));
        }
        match keyword.as_str() {
            "format"
                if !value
                    .as_str()
                    .is_some_and(|f| STANDARD_FORMATS.contains(&f)) =>
            {
                problems.push(format!("{here}: non-standard format {value}"));
            }
            "$ref" | "$dynamicRef" if !value.as_str().is_some_and(|r| r.starts_with('#')) => {
                problems.push(format!("{here}: not a local reference: {value}"));
            }
            k if SCHEMA_MAPS.contains(&k) => {
                for (name, subschema) in value.as_object().into_iter().flatten() {
                    check_portable(subschema, &schema_walk::join(&here, name), problems);
                }
            }
            k if SCHEMA_ARRAYS.contains(&k) => {
                for (index, subschema) in value.as_array().into_iter().flatten().enumerate() {
                    check_portable(subschema, &format!("{here}/{index}"), problems);
                }
            }
            k if SCHEMA_VALUES.contains(&k) => check_portable(value, &here, problems),
            _ => {}
        }
    }
}

/// Every member schema under `properties` and every `$defs` entry carries a description, either
/// itself or (for a bare `$ref`) on the definition it points to.
fn check_described(schema: &Value, at: &str, undescribed: &mut Vec<String>) {
    let Value::Object(object) = schema else {
        return;
    };
    for keyword in ["properties", "$defs"] {
        for (name, subschema) in object
            .get(keyword)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let here = schema_walk::join(&format!("{at}/{keyword}"), name);
            if subschema.get("description").is_none() {
                undescribed.push(here.clone());
            }
            check_described(subschema, &here, undescribed);
        }
    }
    for keyword in SCHEMA_VALUES.iter().chain(SCHEMA_ARRAYS) {
        match object.get(*keyword) {
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    check_described(item, &format!("{at}/{keyword}/{index}"), undescribed);
                }
            }
            Some(item) => check_described(item, &format!("{at}/{keyword}"), undescribed),
            None => {}
        }
    }
}

/// `generated/test-suite/*.json` (JSON-Schema-Test-Suite format): every case's `valid` is what
/// the `jsonschema` crate and the generated validator say about its data, with its schema.
#[test]
fn the_exported_test_suite_holds_for_both_validators() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/test-suite");
    let mut files = 0;
    for kind in PAYLOADS {
        let path = folder.join(format!("{}.json", kind.id.replace('/', "__")));
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let [group] = suite.as_array().expect("an array of groups").as_slice() else {
            panic!("one group")
        };
        assert_eq!(group["schema"], kind.schema(), "{}", kind.id);
        let oracle = jsonschema::options()
            .should_validate_formats(true)
            .build(&group["schema"])
            .unwrap();
        let tests = group["tests"].as_array().unwrap();
        assert!(
            tests.iter().filter(|t| t["valid"] == false).count() >= 6,
            "{}",
            kind.id
        );
        assert!(tests.iter().any(|t| t["valid"] == true), "{}", kind.id);
        for test in tests {
            let valid = test["valid"].as_bool().unwrap();
            assert_eq!(
                oracle.is_valid(&test["data"]),
                valid,
                "{}: {}",
                kind.id,
                test["description"]
            );
            assert_eq!(
                kind.validate(&test["data"]).is_valid(),
                valid,
                "{}: {}",
                kind.id,
                test["description"]
            );
        }
        files += 1;
    }
    assert_eq!(files, PAYLOADS.len());
}
