//! Bad input gets a report, never a panic: bytes that are not UTF-8 or not JSON, nesting far
//! beyond any payload's depth, numbers out of range, duplicate member names, huge strings, and
//! reports bounded in size.

use integration_tests::agreement::sorted;
use schema_types::PAYLOADS;
use schema_types::registry;
use schema_types::validate::{Limits, Masking, Report, Rule, TextPosition};
use serde_json::{Value, json};

fn server() -> &'static schema_types::PayloadKind {
    registry::find("hasura/server-telemetry").expect("a registered payload")
}

/// The server example as bytes, with `member`'s value replaced by `raw`.
fn server_with(member: &str, raw: &str) -> Vec<u8> {
    let mut document = server().fixture();
    document[member] = serde_json::Value::String("__RAW__".to_owned());
    serde_json::to_string(&document)
        .unwrap()
        .replace("\"__RAW__\"", raw)
        .into_bytes()
}

#[test]
fn every_payload_reports_bytes_that_are_not_a_document() {
    let inputs: [&[u8]; 6] = [
        b"",
        b"{",
        b"\xff\xfe",
        b"{\"a\": 1e400}",
        b"[1, 2,]",
        b"null x",
    ];
    for kind in PAYLOADS {
        for input in inputs {
            let report = kind.validate_slice(input);
            assert!(!report.is_valid(), "{}: {input:?} accepted", kind.id);
            assert_eq!(
                report.violations()[0].rule,
                Rule::Syntax,
                "{}: {input:?}",
                kind.id
            );
            assert!(
                report.violations()[0].position.is_some(),
                "{}: {input:?}",
                kind.id
            );
        }
    }
}

#[test]
fn invalid_utf8_is_located() {
    let mut bytes = server_with("version", "\"v1\"");
    let at = bytes.iter().position(|&b| b == b'v').unwrap() + 1;
    bytes.insert(at, 0xc3);
    let report = server().validate_slice(&bytes);
    let violation = &report.violations()[0];
    assert_eq!(violation.rule, Rule::Syntax);
    assert_eq!(violation.expected, "UTF-8 text");
    assert_eq!(
        violation.position,
        Some(TextPosition {
            line: 1,
            column: at + 1
        })
    );
}

#[test]
fn deep_nesting_is_a_report() {
    for depth in [200, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let report = server().validate_slice(server_with("version", &nested).as_slice());
        assert_eq!(report.violations()[0].rule, Rule::Syntax, "depth {depth}");
        assert!(
            report.violations()[0].found.contains("recursion limit"),
            "{report}"
        );
    }
}

#[test]
fn a_number_out_of_range_is_a_report() {
    let report = server().validate_slice(&server_with("id", "1e400"));
    assert_eq!(report.violations()[0].rule, Rule::Syntax);
    let report = server().validate_slice(&server_with("id", "18446744073709551616"));
    assert_eq!(report.violations()[0].rule, Rule::Range, "{report}");
}

#[test]
fn duplicate_members_the_last_one_wins() {
    let valid_last = server_with("id", "\"twelve\", \"id\": 12");
    assert!(server().validate_slice(&valid_last).is_valid());
    let invalid_last = server_with("id", "12, \"id\": \"twelve\"");
    let report = server().validate_slice(&invalid_last);
    assert_eq!(report.total(), 1);
    assert_eq!(report.violations()[0].pointer, "/id");
}

/// Documents on which the two paths once described a value differently (found by the fuzz
/// targets in `fuzz/`, minimized): (name, payload, document). Each is judged from its bytes and
/// as a parsed value, and the reports must hold the same violations, texts included (in any
/// order: the streaming path reports in document order).
const BOTH_PATHS_DESCRIBE_ALIKE: &[(&str, &str, &str)] = &[
    (
        "an-era-counted-before-a-repeated-member-replaces-what-it-refused",
        "hasura/console-event-wire",
        r#"{"topic":"console-v2","data":{"server_version":"v1.3.3","event_type":"@@router/LOCATION_CHANGE","url":"/remote-schemas/manage/REMOTE_SCHEMA_NAME/details","console_mode":"server","server_uuid":"a3f9b2c4-6d1e-4f7a-9b8c-0e2d4f6a8b1c","data":null},"data":null}"#,
    ),
    (
        "unknown-member-is-an-object-with-a-repeated-name",
        "hasura/server-telemetry",
        r#"{"x":{"a":1,"a":2}}"#,
    ),
    (
        "wrong-type-is-an-object-with-a-repeated-name",
        "hasura/server-telemetry",
        r#"{"version":{"a":1,"b":2,"a":3}}"#,
    ),
    (
        "enum-value-is-an-object-with-a-repeated-name",
        "hasura/server-telemetry",
        r#"{"ci":{"a":{},"a":[]}}"#,
    ),
    (
        "hand-written-stack-is-an-object-with-a-repeated-name",
        "hasura/console-error",
        r#"{"server_version":"2.0.0","event_type":"Main/RUN_TIME_ERROR","url":"/","console_mode":"cli","cli_uuid":"0e4e2e9b-7fc9-44b8-9d5c-955673e20e0b","server_uuid":"015a8f49-2fbd-4c41-8066-23f48d9c620a","data":{"message":"m","stack":{"message":"m","frames":[" at main.js:1:3"],"frames":null}}}"#,
    ),
    (
        "undeclared-member-named-by-a-rule-counts-for-it",
        "appsmith/backend-call-event-call",
        r#"{"anonymousId":"7d9f3c2e-1b4a-4e6d-9a8c-2f5e0b1d3c47","event":"PAGE_LOAD","integrations":{},"messageId":"ajs-5c1f0e8d2b7a4c3e9f6a1d0b8e7c2a94","properties":{},"timestamp":"2023-07-11T08:15:42.387Z","type":"track"}"#,
    ),
];

#[test]
fn both_paths_describe_alike() {
    for (name, id, document) in BOTH_PATHS_DESCRIBE_ALIKE {
        let kind = registry::find(id).expect("a registered payload");
        let value: serde_json::Value = serde_json::from_str(document).expect("JSON");
        let described = |report: Report| (report.total(), sorted(&report), report.era());
        let parsed = described(kind.validate(&value));
        let streamed = described(kind.validate_slice(document.as_bytes()));
        assert_eq!(streamed, parsed, "{name}");
    }
}

#[test]
fn one_of_a_thing_is_singular() {
    let report = server().validate_slice(br#"{"x":{"a":1,"a":2},"version":[true]}"#);
    let found: Vec<&str> = report
        .violations()
        .iter()
        .map(|violation| violation.found.as_str())
        .collect();
    assert!(found.contains(&"an object with 1 member"), "{report}");
    assert!(found.contains(&"an array of 1 item"), "{report}");
}

#[test]
fn a_100_mb_string_is_judged_and_reported_briefly() {
    let huge = format!("\"{}\"", "x".repeat(100 * 1024 * 1024));
    let report = server().validate_slice(&server_with("timestamp", &huge));
    assert_eq!(report.total(), 1, "{report}");
    let violation = &report.violations()[0];
    assert_eq!(
        (violation.pointer.as_str(), violation.rule),
        ("/timestamp", Rule::Format)
    );
    assert!(
        violation.found.len() < 200,
        "the report copies the value: {} bytes",
        violation.found.len()
    );
}

#[test]
fn documents_over_the_size_limit_are_refused_unread() {
    let limits = Limits {
        max_bytes: 64,
        ..Limits::DEFAULT
    };
    let report = server().validate_slice_with(&server_with("version", "\"v1\""), limits);
    assert_eq!(report.violations()[0].rule, Rule::Size);
}

#[test]
fn reports_are_capped_and_count_everything() {
    let mut document = server().fixture();
    for index in 0..500 {
        document[format!("extra_{index}")] = serde_json::json!(index);
    }
    let limits = Limits {
        max_violations: 10,
        ..Limits::DEFAULT
    };
    let report = server().validate_with(&document, limits);
    assert_eq!(report.total(), 500);
    assert_eq!(report.violations().len(), 10);
    assert!(report.is_truncated());
    assert_eq!(report.to_json()["total"], 500);
}

#[test]
fn masked_reports_keep_no_value() {
    let document = server_with("version", "1234567");
    let report = server().validate_slice(&server_with("db_uid", "\"alice@example.com\""));
    let masked = report.masked();
    assert!(report.to_json().to_string().contains("alice@example.com"));
    assert!(
        !masked.to_json().to_string().contains("alice"),
        "{}",
        masked.to_json()
    );
    assert_eq!(masked.violations().len(), report.violations().len());
    for (plain, masked) in report.violations().iter().zip(masked.violations()) {
        assert_eq!((&plain.pointer, plain.rule), (&masked.pointer, masked.rule));
    }
    assert!(!server().validate_slice(&document).is_valid());
}

#[test]
fn reports_print_for_people_and_serialise_for_machines() {
    let report = server().validate_slice(&server_with("ci", "\"JENKINS_X\""));
    let text = report.to_string();
    assert!(text.starts_with("invalid: 1 violation\n"), "{text}");
    assert!(text.contains("/ci: enum: expected one of"), "{text}");
    let json = report.to_json();
    assert_eq!(json["violations"][0]["rule"], "enum");
    assert_eq!(json["violations"][0]["pointer"], "/ci");
    assert_eq!(json["valid"], false);
}

/// `document` with every string, number and boolean replaced by a marker string, and a member
/// named by a marker added to every object: a document whose every value and chosen name a
/// report could quote is findable.
fn marked(document: &Value, count: &mut usize) -> Value {
    *count += 1;
    match document {
        Value::Object(members) => {
            let mut marked_members: serde_json::Map<String, Value> = members
                .iter()
                .map(|(name, value)| (name.clone(), marked(value, count)))
                .collect();
            marked_members.insert(
                format!("MARKER-name-{count}"),
                json!(format!("MARKER-{count}")),
            );
            Value::Object(marked_members)
        }
        Value::Array(items) => Value::Array(items.iter().map(|item| marked(item, count)).collect()),
        Value::Null => Value::Null,
        _ => json!(format!("MARKER-value-{count}")),
    }
}

/// Masked at `ValuesAndNames`, a report keeps nothing a document chose: no value, no name of an
/// undeclared member, in any text, whatever the kind; masked at `Values`, no value.
#[test]
fn masked_reports_keep_no_value_and_no_chosen_name_of_any_kind() {
    let mut count = 0;
    for kind in PAYLOADS {
        let mut documents = vec![kind.fixture(), kind.random(3)];
        documents.extend(kind.documented_example());
        for document in documents {
            let marked = marked(&document, &mut count);
            let report = kind.validate(&marked);
            assert!(
                report.to_json().to_string().contains("MARKER"),
                "{}",
                kind.id
            );
            let masked = report.masked_with(Masking::ValuesAndNames);
            let texts = [
                masked.to_string(),
                masked.to_json().to_string(),
                masked.summary(),
            ];
            for text in texts {
                assert!(!text.contains("MARKER"), "{}: {text}", kind.id);
            }
            let values_only = report.masked();
            assert!(
                !values_only.to_json().to_string().contains("MARKER-value"),
                "{}",
                kind.id
            );
            assert_eq!(masked.total(), report.total());
        }
    }
}
