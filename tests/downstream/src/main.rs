//! A collector's use of the library, as the workspace README shows it: validate bytes, print and
//! mask the report, tell an unlabelled document's kind, validate and parse in one step, and draw
//! a random valid payload (cargo feature `proptest`).

use schema_types::api::{self, Detection};
use schema_types::fixture::random::seeded;
use schema_types::hasura::ServerTelemetryRow;
use schema_types::validate::Validate;

fn main() {
    let bytes =
        br#"{"id": 12, "timestamp": "yesterday", "db_uid": "dddff371-dab2-450f-9969-235bca66dab1",
  "instance_uid": "6799360d-a431-40c5-9f68-24592a9f07df", "version": "v1.0.0", "ci": null}"#;
    let report = ServerTelemetryRow::validate_slice(bytes);
    assert!(!report.is_valid());
    assert_eq!(report.total(), 2);
    print!("{report}");
    let for_logs = report.masked().to_json();
    assert_eq!(for_logs["violations"][0]["found"], "string");

    let payload: ServerTelemetryRow = seeded(7);
    let bytes = serde_json::to_vec(&payload).expect("a payload serialises");
    let document: serde_json::Value = serde_json::from_slice(&bytes).expect("it is JSON");
    let Detection::Known(kind) = api::detect(&document) else {
        panic!("a random server report is not detected: {document}")
    };
    assert_eq!(kind.id, "hasura/server-telemetry");
    let parsed: ServerTelemetryRow = match api::validate_and_parse(&bytes) {
        Ok(parsed) => parsed,
        Err(report) => panic!("a random server report is invalid:\n{report}"),
    };
    assert_eq!(
        serde_json::to_value(&parsed).expect("a payload serialises"),
        document
    );
    println!("random {}: valid", kind.id);
}
