//! Every documented example deserialises into its payload type and serialises back unchanged.

use schema_types::{PAYLOADS, corpus};

#[test]
fn every_documented_example_round_trips_with_its_member_order() {
    let mut checked = 0;
    for kind in PAYLOADS {
        let Some(location) = kind.example else {
            continue;
        };
        let document = corpus::example_document(location).expect("the example reads");
        let again = kind.round_trip(document.clone()).unwrap_or_else(|error| {
            panic!("{}: the example does not deserialise: {error}", kind.id)
        });
        // Compared as text: `Value` equality ignores member order, the text does not.
        assert_eq!(
            serde_json::to_string_pretty(&again).unwrap(),
            serde_json::to_string_pretty(&document).unwrap(),
            "{}: the example changed through a round-trip",
            kind.id
        );
        checked += 1;
    }
    assert_eq!(checked, 11);
}

#[test]
fn the_hasura_timestamp_text_survives_unchanged() {
    let kind = schema_types::registry::find("hasura/server-telemetry").unwrap();
    let document = corpus::example_document(kind.example.unwrap()).unwrap();
    let again = kind.round_trip(document).unwrap();
    assert_eq!(again["timestamp"], "2019-01-21T19:43:33.63838+00:00");
}
