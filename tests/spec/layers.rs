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

/// The members of a Segment message that are the event's, the same in the stored message and
/// in the call; the others are the layer's (Segment's timestamps, the sender's own members, the
/// context, to which Segment adds).
const SEGMENT_EVENT_MEMBERS: [&str; 7] = [
    "anonymousId",
    "event",
    "integrations",
    "messageId",
    "properties",
    "type",
    "userId",
];

/// The document objects of a kind's schema: the root, or each era's object for a kind with eras
/// (read through its `$ref`s), with the era's name.
fn documents(schema: &Value) -> Vec<(Option<String>, &Value)> {
    let eras = schema_walk::eras(schema).expect("the published schemas resolve");
    if eras.is_empty() {
        return vec![(None, schema)];
    }
    eras.iter()
        .map(|era| {
            let object = schema_walk::follow(schema, era.object.schema).expect("resolves");
            (Some(era.name.to_owned()), object)
        })
        .collect()
}

/// The payload's members as a schema declares them: `properties` of the payload object, for each
/// era of a kind with eras.
fn payload_properties(kind: &PayloadKind) -> Vec<(Option<String>, Map<String, Value>)> {
    let schema = kind.schema();
    documents(&schema)
        .into_iter()
        .map(|(era, document)| {
            let object = match kind.layer {
                Layer::HasuraWire => {
                    schema_walk::follow(&schema, &document["properties"]["data"]).expect("resolves")
                }
                _ => document,
            };
            let mut properties = object["properties"]
                .as_object()
                .expect("properties")
                .clone();
            if kind.layer == Layer::HasuraRow {
                properties.shift_remove("id");
                properties.shift_remove("timestamp");
            }
            if matches!(kind.layer, Layer::SegmentTrack | Layer::SegmentCall) {
                properties.retain(|name, _| SEGMENT_EVENT_MEMBERS.contains(&name.as_str()));
            }
            (era, properties)
        })
        .collect()
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
        let eras = |properties: &[(Option<String>, Map<String, Value>)]| {
            properties
                .iter()
                .map(|(era, _)| era.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(eras(&ours), eras(&theirs), "{} and {}", kind.id, base.id);
        for ((era, ours), (_, theirs)) in ours.iter().zip(&theirs) {
            assert_eq!(
                ours.keys().collect::<Vec<_>>(),
                theirs.keys().collect::<Vec<_>>(),
                "{} and {} ({era:?})",
                kind.id,
                base.id
            );
            assert_eq!(ours, theirs, "{} and {} ({era:?})", kind.id, base.id);
        }
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}

/// Each wire message (each era's, for a kind with eras) names two topics: a release build's and
/// a development build's, `{release}_test` (`-test-v2` for the newest Console's `console-v2`).
#[test]
fn the_wire_layers_name_the_emitters_topics() {
    for kind in PAYLOADS
        .iter()
        .filter(|kind| kind.layer == Layer::HasuraWire)
    {
        let schema = kind.schema();
        for (era, document) in documents(&schema) {
            let topic =
                schema_walk::follow(&schema, &document["properties"]["topic"]).expect("resolves");
            let topics: BTreeSet<&str> = topic["oneOf"]
                .as_array()
                .expect("topics as a oneOf of consts")
                .iter()
                .map(|branch| branch["const"].as_str().expect("a const"))
                .collect();
            assert_eq!(topics.len(), 2, "{} ({era:?}): {topics:?}", kind.id);
            let development = |release: &str| match release.strip_suffix("-v2") {
                Some(name) => format!("{name}-test-v2"),
                None => format!("{release}_test"),
            };
            let release = topics
                .iter()
                .find(|topic| topics.contains(development(topic).as_str()))
                .expect("a release topic");
            assert!(
                [
                    "server",
                    "server_metrics_v2",
                    "cli",
                    "console",
                    "console-v2"
                ]
                .contains(release),
                "{} ({era:?}): {release}",
                kind.id
            );
            assert_eq!(
                document["required"],
                json!(["topic", "data"]),
                "{} ({era:?})",
                kind.id
            );
            assert_eq!(
                document["additionalProperties"],
                json!(false),
                "{} ({era:?})",
                kind.id
            );
        }
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

/// A Segment call derived from a stored kind sends the stored message's context without what
/// Segment adds from the connection (`ip`), or, from a library that puts its context on the
/// batch, none (Segment copies the batch's `library` into each message) or only what the server
/// set on the message. A call a server builds
/// itself (no stored kind) has no such counterpart.
#[test]
fn a_segment_call_sends_the_stored_context_without_what_segment_adds() {
    let context_members = |schema: &Value, document: &Value| -> Option<Vec<String>> {
        let context =
            schema_walk::follow(schema, document["properties"].get("context")?).expect("resolves");
        Some(context["properties"].as_object()?.keys().cloned().collect())
    };
    let mut checked = 0;
    for kind in PAYLOADS
        .iter()
        .filter(|kind| kind.layer == Layer::SegmentCall && kind.derived_from.is_some())
    {
        let base = base_of(kind).expect("a derived call has its stored kind");
        let (call, stored) = (kind.schema(), base.schema());
        for ((era, call_document), (_, stored_document)) in
            documents(&call).into_iter().zip(documents(&stored))
        {
            let stored_context = context_members(&stored, stored_document).expect("a context");
            match context_members(&call, call_document) {
                Some(call_context) => {
                    // analytics-java's batch carries `sentAt` and `library`: its call sends the
                    // context the server set, without the library.
                    let batched = call_document["properties"].get("sentAt").is_none();
                    let without_ip: Vec<String> = stored_context
                        .into_iter()
                        .filter(|name| name != "ip" && !(batched && name == "library"))
                        .collect();
                    assert_eq!(call_context, without_ip, "{} ({era:?})", kind.id);
                }
                None => assert_eq!(stored_context, ["library"], "{} ({era:?})", kind.id),
            }
            checked += 1;
        }
    }
    assert!(checked >= 3, "{checked}");
}
