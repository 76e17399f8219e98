use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::api::documented;
use crate::registry::find;

/// The detection of `document`, which [`detect_slice`] gives too on its bytes, compact and
/// pretty-printed.
fn both(document: &Value) -> Detection {
    let detection = detect(document);
    for bytes in [
        serde_json::to_vec(document).unwrap(),
        serde_json::to_vec_pretty(document).unwrap(),
    ] {
        assert_eq!(
            detect_slice(&bytes).as_ref(),
            Some(&detection),
            "from bytes: {document}"
        );
    }
    detection
}

/// Documents next to the kinds' own: every kind's fixture with one member removed, and with
/// each member of another kind's fixture added (after its own).
pub(in crate::api) fn edited_fixtures() -> Vec<Value> {
    let fixtures: Vec<Value> = PAYLOADS.iter().map(PayloadKind::fixture).collect();
    let mut edited = Vec::new();
    for fixture in &fixtures {
        let Value::Object(members) = fixture else {
            continue;
        };
        for name in members.keys() {
            let mut removed = fixture.clone();
            removed.as_object_mut().unwrap().remove(name);
            edited.push(removed);
        }
        for other in &fixtures {
            for (name, value) in other.as_object().into_iter().flatten() {
                let mut added = fixture.clone();
                added[name.as_str()] = value.clone();
                edited.push(added);
            }
        }
    }
    edited
}

/// Every document the kinds' fixtures make with one member removed, or with a member of
/// another kind's fixture added, is detected the same from its bytes.
#[test]
fn detection_from_bytes_agrees_on_edited_fixtures() {
    for edited in edited_fixtures() {
        both(&edited);
    }
    for scalar in [
        json!(null),
        json!("event"),
        json!([{"event": "FETCH_RELEASE_NOTES"}]),
    ] {
        both(&scalar);
    }
    assert_eq!(detect_slice(b"{\"event\": \"FETCH_RELEASE_NOTES\""), None);
}

/// JSON values whose member names are often those the clues name, and whose strings are
/// often the event names they expect, nested at random.
pub(in crate::api) fn clue_like_values() -> impl Strategy<Value = Value> {
    let names = prop::sample::select(vec![
        "id",
        "db_uid",
        "topic",
        "data",
        "metrics",
        "license_jti",
        "event",
        "type",
        "anonymousId",
        "context",
        "page",
        "usageData",
        "backend_type",
        "source_metadata",
        "console_mode",
        "execution_id",
        "enable_telemetry",
        "api_limits_enabled",
        "hasura_requests",
        "other",
        "a\"b",
        "é/~",
        "",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        (-1e6..1e6f64).prop_map(Value::from),
        prop::sample::select(vec![
            "track",
            "FETCH_RELEASE_NOTES",
            "Installation Setup Complete",
            "execute_ACTION_TRIGGERED",
            "x",
            "\u{1}\"\\",
            "",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((names.clone(), inner), 0..6).prop_map(|members| {
                Value::Object(
                    members
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect(),
                )
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Detection from bytes agrees with detection on the parsed value, whatever the value.
    #[test]
    fn detection_from_bytes_agrees_on_random_values(value in clue_like_values()) {
        both(&value);
    }

    /// Whatever the bytes, detection from them answers without panicking, and what it
    /// detects in bytes that parse is what detection on the parsed value detects.
    #[test]
    fn detection_from_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let detection = detect_slice(&bytes);
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            prop_assert_eq!(detection, Some(detect(&value)));
        }
    }
}

fn ids(kinds: &[&PayloadKind]) -> Vec<&'static str> {
    kinds.iter().map(|kind| kind.id).collect()
}

#[test]
fn every_kind_has_clues() {
    for kind in PAYLOADS {
        assert!(!kind.signature.payload.is_empty(), "{}", kind.id);
    }
}

/// Every clue of every kind, with the pointer it is read at from the document's root.
fn clues() -> Vec<(&'static PayloadKind, Clue, &'static str)> {
    PAYLOADS
        .iter()
        .flat_map(|kind| {
            let signature = kind.signature;
            let payload = signature
                .payload
                .iter()
                .map(move |c| (kind, *c, signature.payload_at));
            let layer = signature.layer.iter().map(move |c| (kind, *c, ""));
            payload.chain(layer)
        })
        .collect()
}

/// The schema of the member at `pointer` (a document pointer), through local `$ref`s.
fn schema_node<'s>(schema: &'s Value, pointer: &str) -> Option<&'s Value> {
    if pointer.is_empty() {
        return Some(schema);
    }
    crate::schema_walk::find(schema, pointer)
        .expect("the published schemas resolve")
        .map(|member| member.schema)
}

#[test]
fn clues_name_members_and_event_names_of_the_published_schemas() {
    for (kind, clue, root) in clues() {
        let schema = kind.schema();
        let at = |pointer: &str| format!("{root}{pointer}");
        match clue {
            Clue::Present(pointer) => {
                assert!(
                    schema_node(&schema, &at(pointer)).is_some(),
                    "{}: {pointer}",
                    kind.id
                );
            }
            Clue::AnyPresent(pointers) => {
                for pointer in pointers {
                    assert!(
                        schema_node(&schema, &at(pointer)).is_some(),
                        "{}: {pointer}",
                        kind.id
                    );
                }
            }
            Clue::Absent(pointer) => {
                // A member the kind has is a clue by its absence only where a refinement
                // of the kind is told by its presence: the refinement's documents hold it.
                let refinement_has_it = PAYLOADS.iter().any(|refinement| {
                    refinement.refines == Some(kind.id)
                        && refinement
                            .signature
                            .payload
                            .contains(&Clue::Present(pointer))
                });
                assert!(
                    schema_node(&schema, &at(pointer)).is_none() || refinement_has_it,
                    "{}: {pointer} is a member",
                    kind.id
                );
            }
            Clue::Equals(pointer, value) => {
                let node = schema_node(&schema, &at(pointer)).expect(pointer);
                let constants: Vec<&Value> = match node.get("oneOf") {
                    Some(Value::Array(branches)) => branches
                        .iter()
                        .filter_map(|branch| branch.get("const"))
                        .collect(),
                    _ => node.get("const").into_iter().collect(),
                };
                assert_eq!(constants, [&json!(value)], "{}: {pointer}", kind.id);
            }
            Clue::ArrayNamed { object, prefix } => {
                let node = schema_node(&schema, &at(object)).expect(object);
                let arrays = node["properties"]
                    .as_object()
                    .expect("properties")
                    .iter()
                    .filter(|(name, member)| name.starts_with(prefix) && member["type"] == "array")
                    .count();
                assert!(arrays > 0, "{}: {object}/{prefix}*", kind.id);
            }
        }
    }
}

/// No member a clue names belongs to another kind's schema at the same place, unless that
/// clue is shared by every kind whose schema has the member (`license_jti`, `type`).
#[test]
fn members_that_tell_kinds_apart_belong_to_one_kind() {
    let clues = clues();
    for &(kind, clue, root) in &clues {
        let pointers: Vec<&str> = match clue {
            Clue::Present(pointer) => vec![pointer],
            Clue::AnyPresent(pointers) => pointers.to_vec(),
            _ => continue,
        };
        for pointer in pointers {
            let pointer = format!("{root}{pointer}");
            let owners: Vec<&str> = PAYLOADS
                .iter()
                .filter(|other| schema_node(&other.schema(), &pointer).is_some())
                .map(|other| other.id)
                .collect();
            let shared = |owner: &str| {
                clues.iter().any(|(other_kind, other, other_root)| {
                    other_kind.id == owner && *other == clue && *other_root == root
                })
            };
            // A kind refined by a kind that has the clue has every member of the refinement:
            // it is told apart by the member's absence ([`Clue::Absent`]), not by a clue.
            let refined = |owner: &str| {
                PAYLOADS
                    .iter()
                    .any(|refinement| refinement.refines == Some(owner) && shared(refinement.id))
            };
            assert!(
                owners.len() == 1 || owners.iter().all(|owner| shared(owner) || refined(owner)),
                "{pointer} of {} also belongs to {owners:?}",
                kind.id
            );
        }
    }
}

/// Fails unless `document` is detected as `payload`, and as no other kind; `case` says which
/// of its documents it is.
fn assert_detected(payload: &'static PayloadKind, document: &Value, case: &str) {
    assert_eq!(
        both(document),
        Detection::Known(payload),
        "{} ({case})",
        payload.id
    );
}

/// Fails unless `document` is detected as `payload` or as a kind that refines it (whose
/// signature a document of `payload` may show: a Console message that is a runtime error).
#[cfg(feature = "proptest")]
fn assert_detected_or_refined(payload: &'static PayloadKind, document: &Value, case: &str) {
    let detection = both(document);
    assert!(
        detection
            .kind()
            .is_some_and(|detected| payload.detects_as(detected)),
        "{} ({case}): {detection}",
        payload.id
    );
}

#[test]
fn every_documented_example_is_detected_as_its_own_kind() {
    let mut seen = 0;
    for payload in PAYLOADS {
        if let Some(example) = payload.documented_example() {
            assert_detected(payload, &example, "documented example");
            seen += 1;
        }
    }
    assert_eq!(seen, 11);
}

#[test]
fn every_page_example_is_detected_as_its_own_kind() {
    for payload in PAYLOADS {
        if let Some(location) = payload.example {
            let example = crate::corpus::example_document(location).expect("reads");
            assert_detected(payload, &example, "page example");
        }
    }
}

#[test]
fn every_fixture_is_detected_as_its_own_kind() {
    for payload in PAYLOADS {
        assert_detected(payload, &payload.fixture(), "fixture");
    }
}

#[cfg(feature = "proptest")]
#[test]
fn random_documents_are_detected_as_their_own_kind_or_a_refinement() {
    for payload in PAYLOADS {
        for seed in 0..200 {
            let document = payload.random(seed);
            assert_detected_or_refined(payload, &document, &format!("seed {seed}"));
        }
    }
}

#[test]
fn a_document_with_members_of_two_kinds_is_ambiguous() {
    let mut document = documented("hasura/server-telemetry");
    document["console_mode"] = json!("cli");
    let verdict = both(&document);
    assert_eq!(
        ids(&verdict.candidates()),
        ["hasura/server-telemetry", "hasura/console-event-row"]
    );
    assert!(matches!(verdict, Detection::Ambiguous(_)));
    let message = verdict.to_string();
    assert!(
        message.starts_with("ambiguous kind: the document shows the signatures of 2"),
        "{message}"
    );
    assert!(
        message.contains(
            "hasura/console-event-row (identified by `/console_mode` and no `/data/message` \
             and `/id`)"
        ),
        "{message}"
    );

    // Enterprise metrics of two kinds in one document.
    let mut document = documented("hasura/ee-data-source-telemetry");
    document["metrics"]["api_limits_enabled"] = json!(true);
    assert_eq!(
        ids(&both(&document).candidates()),
        [
            "hasura/ee-server-telemetry",
            "hasura/ee-data-source-telemetry"
        ]
    );

    // A backend call event that also carries a navigation event's page context.
    let mut document = documented("appsmith/backend-call-event");
    document["anonymousId"] = json!("0b62ab60-02ad-4f69-a181-d9c5eb2f97fa");
    document["context"]["page"] = json!({});
    assert_eq!(
        both(&document),
        Detection::Ambiguous(vec![
            find("appsmith/navigation-event").unwrap(),
            find("appsmith/backend-call-event").unwrap(),
        ])
    );
}

#[test]
fn an_empty_object_is_unknown_with_no_candidates() {
    let verdict = both(&json!({}));
    assert_eq!(
        verdict,
        Detection::Unknown {
            nearest: vec![],
            object: true
        }
    );
    assert_eq!(verdict.kind().map(|kind| kind.id), None);
    assert_eq!(
        verdict.to_string(),
        "unknown kind: the document has none of the members that identify a payload kind"
    );
}

#[test]
fn a_value_that_is_not_an_object_is_unknown() {
    for document in [
        json!([]),
        json!("FETCH_RELEASE_NOTES"),
        json!(null),
        json!(3),
    ] {
        let verdict = both(&document);
        assert_eq!(
            verdict,
            Detection::Unknown {
                nearest: vec![],
                object: false
            }
        );
        assert!(verdict.to_string().contains("not a JSON object"));
    }
}

#[test]
fn a_partial_signature_is_unknown_and_names_the_nearest_kinds() {
    // `license_jti` without metrics: any of the three Enterprise Edition payloads.
    let verdict = both(&json!({"license_jti": "x", "metrics": {}}));
    assert_eq!(
        verdict,
        Detection::Unknown {
            nearest: vec![
                find("hasura/ee-server-telemetry").unwrap(),
                find("hasura/ee-data-source-telemetry").unwrap(),
                find("hasura/ee-usage-metrics").unwrap(),
            ],
            object: true
        }
    );
    let message = verdict.to_string();
    assert!(
        message.starts_with("unknown kind: no payload kind's signature matches; nearest: "),
        "{message}"
    );
    assert!(
        message.contains(
            "hasura/ee-data-source-telemetry (identified by `/license_jti` and \
             `/metrics/backend_type` and no `/id`)"
        ),
        "{message}"
    );

    // A backend call event with an event name no kind has: nearest by its members first
    // (a backend call event's call shows `context`, which its later eras carry, and `type`,
    // but not the stored message's `receivedAt`).
    let mut document = documented("appsmith/backend-call-event");
    document["event"] = json!("execute_SOMETHING_ELSE");
    assert_eq!(
        ids(&both(&document).candidates()),
        [
            "appsmith/backend-call-event",
            "appsmith/navigation-event",
            "appsmith/backend-call-event-call"
        ]
    );
}

#[test]
fn detection_reads_clues_not_validity() {
    // Every value wrong, but the signature is there: the kind is known, validation says the
    // rest.
    let document = json!({"id": "12", "db_uid": 5});
    let verdict = both(&document);
    assert_eq!(
        verdict.kind().map(|kind| kind.id),
        Some("hasura/server-telemetry")
    );
    assert!(!verdict.kind().unwrap().validate(&document).is_valid());
    // An event name differing in case is not the event.
    assert!(matches!(
        both(&json!({"event": "fetch_release_notes", "properties": {}})),
        Detection::Unknown { .. }
    ));
}
