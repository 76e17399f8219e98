//! The layers around a payload: the Hasura wire message (`{topic, data}`) and the collector's
//! row (`{id, timestamp, ...payload}`) are published beside each Hasura payload, generated from
//! the payload's one type. Checked here on the published schemas themselves, so that a wrapper
//! that drifted from its payload (a member lost, a rule changed) fails: the payload's members
//! and rules are the same in all three schemas, and every invalid document of the payload,
//! wrapped into each layer, is rejected with the same violations at the wrapped pointers.

use std::collections::BTreeSet;

use schema_types::{Layer, PAYLOADS, PayloadKind, Product, registry, schema_walk};
use serde_json::{Map, Value, json};

use crate::agreement::{agreement, invalid_cases, violation_set};

/// The payload a derived Hasura layer wraps: `X` for `X-wire` and `X-row`.
pub(crate) fn base_of(kind: &PayloadKind) -> Option<&'static PayloadKind> {
    let base = kind.base();
    assert_eq!(
        base.is_some(),
        kind.derived_from.is_some(),
        "{}: derived from an unknown kind",
        kind.id
    );
    base
}

/// The schema of the member at `pointer`, read through its `$ref`s.
fn member_schema<'s>(schema: &'s Value, pointer: &str) -> &'s Value {
    schema_walk::find(schema, pointer)
        .unwrap_or_else(|error| panic!("{pointer}: {error}"))
        .unwrap_or_else(|| panic!("no member at {pointer}"))
        .schema
}

/// The payload's members as a schema declares them: `properties` of the payload object.
fn payload_properties(kind: &PayloadKind) -> Map<String, Value> {
    let schema = kind.schema();
    let object = match kind.layer {
        Layer::HasuraWire => member_schema(&schema, "/data"),
        _ => &schema,
    };
    let mut properties = object["properties"]
        .as_object()
        .expect("properties")
        .clone();
    if kind.layer == Layer::HasuraRow {
        properties.shift_remove("id");
        properties.shift_remove("timestamp");
    }
    properties
}

#[test]
fn every_hasura_payload_has_a_wire_and_a_row() {
    let sent: Vec<&PayloadKind> = PAYLOADS
        .iter()
        .filter(|kind| kind.product == Product::Hasura)
        .filter(|kind| matches!(kind.layer, Layer::Payload) || kind.example.is_some())
        .filter(|kind| kind.layer != Layer::ConfigFile)
        .collect();
    assert!(sent.len() >= 6, "{sent:?}");
    for kind in sent {
        let wire = format!("{}-wire", kind.id);
        assert!(registry::find(&wire).is_some(), "{}: no {wire}", kind.id);
        if kind.layer == Layer::Payload {
            let row = format!("{}-row", kind.id);
            assert!(registry::find(&row).is_some(), "{}: no {row}", kind.id);
        } else {
            assert_eq!(kind.layer, Layer::HasuraRow, "{}", kind.id);
        }
    }
}

#[test]
fn the_layers_declare_the_payloads_members_as_the_payload_does() {
    let mut checked = 0;
    for kind in PAYLOADS {
        let Some(base) = base_of(kind) else {
            continue;
        };
        let ours = payload_properties(kind);
        let theirs = payload_properties(base);
        assert_eq!(
            ours.keys().collect::<Vec<_>>(),
            theirs.keys().collect::<Vec<_>>(),
            "{} and {}",
            kind.id,
            base.id
        );
        assert_eq!(ours, theirs, "{} and {}", kind.id, base.id);
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn the_wire_layers_name_the_emitters_topics() {
    for kind in PAYLOADS
        .iter()
        .filter(|kind| kind.layer == Layer::HasuraWire)
    {
        let schema = kind.schema();
        let topic = member_schema(&schema, "/topic");
        let topics: BTreeSet<&str> = topic["oneOf"]
            .as_array()
            .expect("topics as a oneOf of consts")
            .iter()
            .map(|branch| branch["const"].as_str().expect("a const"))
            .collect();
        assert_eq!(topics.len(), 2, "{}: {topics:?}", kind.id);
        let release = topics
            .iter()
            .find(|topic| !topic.ends_with("_test"))
            .expect("a release topic");
        assert!(
            topics.contains(format!("{release}_test").as_str()),
            "{}: {topics:?}",
            kind.id
        );
        assert!(
            ["server", "server_metrics_v2", "cli", "console"].contains(release),
            "{}: {release}",
            kind.id
        );
        assert_eq!(schema["required"], json!(["topic", "data"]), "{}", kind.id);
        assert_eq!(schema["additionalProperties"], json!(false), "{}", kind.id);
    }
}

#[test]
fn the_payloads_invalid_documents_are_rejected_alike_in_every_layer() {
    let cases = invalid_cases();
    let mut checked = 0;
    for kind in PAYLOADS {
        let Some(base) = base_of(kind) else {
            continue;
        };
        for case in cases.iter().filter(|case| case.kind.id == base.id) {
            // A case about the row's own members says nothing of the payload.
            if !case
                .expected
                .iter()
                .all(|(pointer, _, member)| kind.carries_over(pointer, member.as_deref()))
            {
                continue;
            }
            let Some(document) = kind.wrap(&case.document) else {
                continue;
            };
            let report = agreement(kind, &document)
                .unwrap_or_else(|disagreement| panic!("{}: {disagreement}", case.path.display()));
            let found = violation_set(&report);
            let expected: BTreeSet<(String, String, Option<String>)> = case
                .expected
                .iter()
                .map(|(pointer, rule, member)| {
                    (kind.wrapped_pointer(pointer), rule.clone(), member.clone())
                })
                .collect();
            assert_eq!(found, expected, "{} as {}", case.path.display(), kind.id);
            checked += 1;
        }
    }
    assert!(checked >= 60, "{checked}");
}
