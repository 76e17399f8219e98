//! The corpus of documented examples, as found by the extractor, against the registry and the
//! errata table; and the page examples as the other modules read them.

use std::collections::BTreeSet;

use schema_types::corpus::{self, SYNTAX_ERRATA, VALUE_ERRATA};
use schema_types::{PAYLOADS, PayloadKind};
use serde_json::Value;

/// The pages print 11 examples: six on Hasura's, five on Appsmith's.
pub(crate) const DOCUMENTED_EXAMPLES: usize = 11;

/// Every payload with a documented example, and that example as read from its page.
pub(crate) fn page_examples() -> Vec<(&'static PayloadKind, Value)> {
    PAYLOADS
        .iter()
        .filter_map(|kind| {
            let document = corpus::example_document(kind.example?)
                .unwrap_or_else(|error| panic!("{}: the example does not read: {error}", kind.id));
            Some((kind, document))
        })
        .collect()
}

/// What the recorded value errata of `kind` say its page example breaks: each erratum's pointer,
/// with each keyword that rejects its value.
pub(crate) fn errata_of(kind: &PayloadKind) -> BTreeSet<(String, &'static str)> {
    VALUE_ERRATA
        .iter()
        .filter(|erratum| erratum.payload == kind.id)
        .flat_map(|erratum| {
            erratum
                .rule
                .keywords
                .iter()
                .map(|keyword| (erratum.pointer.to_owned(), *keyword))
        })
        .collect()
}

/// Fails unless two documents are the same text, member order included (`Value` equality
/// ignores member order); `what` says what they are.
pub(crate) fn assert_same_text(actual: &Value, expected: &Value, what: &str) {
    assert_eq!(
        serde_json::to_string_pretty(actual).unwrap(),
        serde_json::to_string_pretty(expected).unwrap(),
        "{what}"
    );
}

#[test]
fn the_pages_hold_exactly_the_documented_examples() {
    let examples = corpus::examples();
    let found: Vec<String> = examples
        .iter()
        .map(|e| format!("{}:{}", e.page.file_name(), e.line))
        .collect();
    assert_eq!(
        examples.len(),
        DOCUMENTED_EXAMPLES,
        "examples found: {found:?}"
    );
}

#[test]
fn every_example_belongs_to_exactly_one_payload_and_every_payload_example_exists() {
    let extracted: BTreeSet<(String, usize)> = corpus::examples()
        .iter()
        .map(|e| (e.page.file_name().to_owned(), e.line))
        .collect();
    let mut claimed = BTreeSet::new();
    for kind in PAYLOADS {
        let Some(location) = kind.example else {
            continue;
        };
        let key = (location.page.file_name().to_owned(), location.line);
        assert!(
            extracted.contains(&key),
            "{}: no example starts at {key:?}",
            kind.id
        );
        assert!(
            claimed.insert(key.clone()),
            "{}: example {key:?} is claimed twice",
            kind.id
        );
        assert_eq!(
            location.page,
            kind.product.page(),
            "{}: its example is on another product's page",
            kind.id
        );
    }
    assert_eq!(claimed, extracted, "examples that no payload claims");
}

#[test]
fn every_repair_an_example_needs_is_a_recorded_erratum_and_every_erratum_is_needed() {
    let mut applied = BTreeSet::new();
    for example in corpus::examples() {
        let read = corpus::read(&example).unwrap_or_else(|error| {
            panic!(
                "{}:{} does not read: {error}",
                example.page.file_name(),
                example.line
            )
        });
        for repair in read.repairs {
            applied.insert((repair.page, repair.line, repair.column, repair.defect));
        }
    }
    let recorded: BTreeSet<_> = SYNTAX_ERRATA
        .iter()
        .map(|e| (e.page, e.line, e.column, e.defect))
        .collect();
    let unrecorded: Vec<_> = applied.difference(&recorded).collect();
    let unneeded: Vec<_> = recorded.difference(&applied).collect();
    assert!(
        unrecorded.is_empty(),
        "repairs made without an erratum: {unrecorded:?}"
    );
    assert!(unneeded.is_empty(), "errata no example needs: {unneeded:?}");
}

#[test]
fn four_examples_are_not_json_as_printed_and_the_other_seven_are() {
    let mut defective = Vec::new();
    for example in corpus::examples() {
        if serde_json::from_str::<serde_json::Value>(example.text).is_err() {
            defective.push(format!("{}:{}", example.page.file_name(), example.line));
        }
    }
    assert_eq!(
        defective,
        [
            "hasura-telemetry.md:127",
            "appsmith-telemetry.md:48",
            "appsmith-telemetry.md:91",
            "appsmith-telemetry.md:146"
        ]
    );
}

#[test]
fn every_value_erratum_names_a_payload_with_an_example() {
    for erratum in VALUE_ERRATA {
        let kind = schema_types::registry::find(erratum.payload)
            .unwrap_or_else(|| panic!("erratum names unknown payload {}", erratum.payload));
        let location = kind.example.expect("an erratum needs an example");
        let document = corpus::example_document(location).expect("the example reads");
        let found = document.pointer(erratum.pointer);
        assert_eq!(
            found.and_then(|v| v.as_str()),
            Some(erratum.value),
            "{} {}: the example does not hold the recorded value",
            erratum.payload,
            erratum.pointer
        );
    }
}
