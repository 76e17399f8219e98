//! The rules against `jsonschema` on the schema schemars writes with them: for every
//! combination of the members a rule reads (absent, `null`, each value that matters, a value of
//! another type), the validator's verdict and pointers on both paths are `jsonschema`'s, and
//! each violation states the vocabulary's text.

// The types derive what the checks read, their schema and their validator: they are only
// validated, never built.
#![allow(dead_code)]

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde_json::{Map, Value, json};

use crate::Nullable;
use crate::validate::{Report, Rule, Validate, Violation};

#[derive(JsonSchema, Validate)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Anonymous {
    pub anonymous_id: Option<String>,
}

#[derive(JsonSchema, Validate)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(transform = crate::rules!(at_least_one("userId", "anonymousId")))]
pub struct Call {
    #[serde(flatten)]
    pub anonymous: Anonymous,
    #[schemars(with = "Option<String>")]
    pub user_id: Option<Nullable<String>>,
}

#[derive(JsonSchema, Validate)]
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
    pub mode: Option<String>,
}

#[derive(JsonSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct EventData {
    pub message: Option<String>,
    pub stack: Option<String>,
    pub id: Option<String>,
}

#[derive(JsonSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::rules!(
    when("kind" = "error", then("data", members(required("message"), optional("stack")))),
    when("kind" = "click", then("data", members(required("id")))),
    when("kind" = "view", then("data", members(optional("message", "id")))),
))]
pub struct Event {
    pub kind: String,
    pub data: EventData,
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
/// The violations of a rule (`if`/`then`) among `reports`, report by report.
fn if_then_violations(reports: &[Report]) -> impl Iterator<Item = &Violation> {
    reports
        .iter()
        .flat_map(|report| report.violations().iter())
        .filter(|violation| violation.rule == Rule::IfThen)
}

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
    let seen: BTreeSet<_> = if_then_violations(&reports)
        .map(|violation| (violation.pointer.clone(), violation.expected.to_string()))
        .collect();
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

#[test]
fn members_states_the_required_and_the_forbidden_members() {
    let schema = serde_json::to_value(schemars::schema_for!(Event)).unwrap();
    let expected = "an object with member `message`, optionally `stack`, and no other member its \
                    type declares when `kind` is \"error\"";
    assert_eq!(
        schema["allOf"][0]["then"],
        json!({
            "properties": {
                "data": {
                    "description": schema_vocabulary::members(&["message"], &["stack"]),
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "message": {"description": "member `message` when `kind` is \"error\""},
                        "id": {"description": "absent when `kind` is \"error\"", "not": {}},
                    },
                },
            },
        })
    );
    assert_eq!(schema["allOf"][0]["description"], expected);
}

#[test]
fn members_agrees_with_jsonschema() {
    let data = combinations(&[
        ("message", vec![json!("m"), json!(5)]),
        ("stack", vec![json!("s")]),
        ("id", vec![json!("i"), Value::Null]),
        ("other", vec![json!(1)]),
    ]);
    let mut datas: Vec<Value> = data;
    datas.extend([json!("text"), json!([1]), Value::Null]);
    let mut documents = Vec::new();
    for kind in [json!("error"), json!("click"), json!("view"), json!(5)] {
        for data in &datas {
            documents.push(json!({"kind": kind, "data": data}));
            // The data before the kind: the streaming path keeps it until the object ends.
            let mut reversed = Map::new();
            reversed.insert("data".to_owned(), data.clone());
            reversed.insert("kind".to_owned(), kind.clone());
            documents.push(Value::Object(reversed));
        }
        documents.push(json!({ "kind": kind }));
    }
    let reports = agree::<Event>(&documents);
    let seen: BTreeSet<_> = if_then_violations(&reports)
        .map(|violation| {
            (
                violation.pointer.clone(),
                violation.member.clone(),
                violation.expected.to_string(),
            )
        })
        .collect();
    let when = |then: &str, kind: &str| schema_vocabulary::when(then, "kind", kind);
    let expected = BTreeSet::from([
        (
            "/data".to_owned(),
            Some("message".to_owned()),
            when("member `message`", "\"error\""),
        ),
        ("/data/id".to_owned(), None, when("absent", "\"error\"")),
        (
            "/data".to_owned(),
            Some("id".to_owned()),
            when("member `id`", "\"click\""),
        ),
        (
            "/data/message".to_owned(),
            None,
            when("absent", "\"click\""),
        ),
        ("/data/stack".to_owned(), None, when("absent", "\"click\"")),
        // A group of optional members alone: nothing asked, the other members forbidden.
        ("/data/stack".to_owned(), None, when("absent", "\"view\"")),
    ]);
    assert_eq!(seen, expected);
}
