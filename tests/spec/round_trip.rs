//! Every documented example deserialises into its payload type and serialises back unchanged.

use schema_types::corpus;

use crate::corpus::{DOCUMENTED_EXAMPLES, assert_same_text, page_examples};

#[test]
fn every_documented_example_round_trips_with_its_member_order() {
    let examples = page_examples();
    assert_eq!(examples.len(), DOCUMENTED_EXAMPLES);
    for (kind, document) in examples {
        let again = kind.round_trip(document.clone()).unwrap_or_else(|error| {
            panic!("{}: the example does not deserialise: {error}", kind.id)
        });
        assert_same_text(
            &again,
            &document,
            &format!("{}: the example changed through a round-trip", kind.id),
        );
    }
}

#[test]
fn the_hasura_timestamp_text_survives_unchanged() {
    let kind = schema_types::registry::find("hasura/server-telemetry").unwrap();
    let document = corpus::example_document(kind.example.unwrap()).unwrap();
    let again = kind.round_trip(document).unwrap();
    assert_eq!(again["timestamp"], "2019-01-21T19:43:33.63838+00:00");
}
