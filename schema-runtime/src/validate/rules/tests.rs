//! The rules against `jsonschema` on the schema schemars writes with them: for every
//! combination of the members a rule reads (absent, `null`, each value that matters, a value of
//! another type), the validator's verdict and pointers on both paths are `jsonschema`'s, and
//! each violation states the vocabulary's text.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::Nullable;
use crate::validate::{Report, Rule, Validate};

#[derive(Serialize, Deserialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Anonymous {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_id: Option<String>,
}

#[derive(Serialize, Deserialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(transform = crate::rules!(at_least_one("userId", "anonymousId")))]
pub struct Call {
    #[serde(flatten)]
    pub anonymous: Anonymous,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "Nullable::present"
    )]
    #[schemars(with = "Option<String>")]
    pub user_id: Option<Nullable<String>>,
}

#[derive(Serialize, Deserialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(transform = crate::rules!(
    when("isAnonymous" = true, then("viewMode" = true)),
    when("isAnonymous" = false, then("user", regex(pattern = "^[0-9a-f]{4}$"))),
    when("mode" = "view", then("viewMode" = true)),
))]
pub struct Pulse {
    pub user: String,
    pub view_mode: bool,
    pub is_anonymous: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// Every object with each of `members` absent or holding one of `values`.
fn combinations(members: &[(&str, Vec<Value>)]) -> Vec<Value> {
    let mut documents = vec![Map::new()];
    for (name, values) in members {
        let mut next = Vec::new();
        for document in &documents {
            next.push(document.clone());
            for value in values {
                let mut with = document.clone();
                with.insert((*name).to_owned(), value.clone());
                next.push(with);
            }
        }
        documents = next;
    }
    documents.into_iter().map(Value::Object).collect()
}

fn sorted(report: &Report) -> Vec<String> {
    let mut all: Vec<String> = report
        .violations()
        .iter()
        .map(|v| format!("{v:?}"))
        .collect();
    all.sort();
    all
}

fn pointers(report: &Report) -> BTreeSet<String> {
    report
        .violations()
        .iter()
        .map(|v| v.pointer.clone())
        .collect()
}

/// Checks every document against `jsonschema` on `T`'s schema; returns the reports.
fn agree<T: Validate + JsonSchema>(documents: &[Value]) -> Vec<Report> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    let oracle = jsonschema::validator_for(&schema).unwrap();
    documents
        .iter()
        .map(|document| {
            let parsed = T::validate(document);
            let streamed = T::validate_slice(document.to_string().as_bytes());
            // The same violations on both paths (a missing member comes first on the parsed
            // path, last on the streaming one).
            assert_eq!(sorted(&parsed), sorted(&streamed), "{document}");
            let theirs: BTreeSet<String> = oracle
                .iter_errors(document)
                .map(|error| error.instance_path().as_str().to_owned())
                .collect();
            assert_eq!(pointers(&parsed), theirs, "{document}\n{parsed}");
            parsed
        })
        .collect()
}

#[test]
fn the_schema_states_each_rule_in_all_of() {
    let schema = serde_json::to_value(schemars::schema_for!(Pulse)).unwrap();
    assert_eq!(schema["allOf"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        schema["allOf"][0],
        json!({
            "description": "the value true when `isAnonymous` is true",
            "x-rule": "if-then",
            "if": {
                "required": ["isAnonymous"],
                "properties": {"isAnonymous": {"description": "the value true", "const": true}},
            },
            "then": {
                "properties": {"viewMode": {"description": "the value true", "const": true}},
            },
        })
    );
    let schema = serde_json::to_value(schemars::schema_for!(Call)).unwrap();
    assert_eq!(
        schema["allOf"][0]["anyOf"][1],
        json!({
            "required": ["anonymousId"],
            "properties": {
                "anonymousId": {
                    "description": "member `anonymousId`, not null",
                    "not": {"type": "null"},
                },
            },
        })
    );
}

#[test]
fn at_least_one_agrees_with_jsonschema() {
    let ids = || vec![Value::Null, json!("x"), json!(5)];
    let documents = combinations(&[("userId", ids()), ("anonymousId", ids())]);
    let reports = agree::<Call>(&documents);
    for (document, report) in documents.iter().zip(&reports) {
        let named = ["userId", "anonymousId"]
            .iter()
            .any(|name| document.get(name).is_some_and(|value| !value.is_null()));
        let broken: Vec<_> = report
            .violations()
            .iter()
            .filter(|v| v.rule == Rule::AtLeastOne)
            .collect();
        assert_eq!(broken.is_empty(), named, "{document}");
        for violation in broken {
            assert_eq!(violation.pointer, "");
            assert_eq!(
                violation.expected,
                schema_vocabulary::at_least_one(&["userId", "anonymousId"])
            );
        }
    }
}

#[test]
fn if_then_agrees_with_jsonschema() {
    let documents = combinations(&[
        ("user", vec![json!("00ff"), json!("x"), json!(5)]),
        ("viewMode", vec![json!(true), json!(false), json!("true")]),
        (
            "isAnonymous",
            vec![json!(true), json!(false), json!("true"), Value::Null],
        ),
        ("mode", vec![json!("view"), json!("edit")]),
    ]);
    let reports = agree::<Pulse>(&documents);
    let mut seen = BTreeSet::new();
    for report in &reports {
        for violation in report
            .violations()
            .iter()
            .filter(|v| v.rule == Rule::IfThen)
        {
            seen.insert((violation.pointer.clone(), violation.expected.to_string()));
        }
    }
    let when = schema_vocabulary::when;
    let expected = BTreeSet::from([
        (
            "/viewMode".to_owned(),
            when(&schema_vocabulary::pinned("true"), "isAnonymous", "true"),
        ),
        (
            "/user".to_owned(),
            when(
                &schema_vocabulary::pattern("^[0-9a-f]{4}$"),
                "isAnonymous",
                "false",
            ),
        ),
        (
            "/viewMode".to_owned(),
            when(&schema_vocabulary::pinned("true"), "mode", "\"view\""),
        ),
    ]);
    assert_eq!(seen, expected);
}
