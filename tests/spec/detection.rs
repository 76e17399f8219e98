//! Detection from bytes (`api::detect_slice`) answers what detection on the parsed document
//! (`api::detect`) answers, on every document of the corpora: the invalid documents, the
//! real-shaped ones, the pages' examples, each as written and wrapped into its kind's layers.

use std::path::Path;

use integration_tests::cases::{documents, read_json};
use schema_types::PAYLOADS;
use schema_types::api::{Detection, detect, detect_slice};
use serde_json::Value;

/// Every document of `tests/<folder>/<kind>/`, its sidecars (names ending in `sidecar`) aside.
fn corpus(folder: &str, sidecar: &str) -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    PAYLOADS
        .iter()
        .filter_map(|kind| documents(&root.join(kind.id), sidecar).ok())
        .flatten()
        .map(|path| read_json(&path))
        .collect()
}

#[test]
fn detection_from_bytes_agrees_with_detection_on_every_corpus_document() {
    let mut documents = corpus("invalid", ".expected.json");
    documents.extend(corpus("real", ".case.json"));
    documents.extend(
        crate::corpus::page_examples()
            .into_iter()
            .map(|(_, example)| example),
    );
    let wrapped: Vec<Value> = PAYLOADS
        .iter()
        .flat_map(|kind| {
            documents
                .iter()
                .filter_map(move |document| kind.wrap(document))
        })
        .collect();
    documents.extend(wrapped);
    let mut known = 0;
    for document in &documents {
        let detection = detect(document);
        known += usize::from(matches!(detection, Detection::Known(_)));
        let bytes = serde_json::to_vec(document).unwrap();
        assert_eq!(detect_slice(&bytes), Some(detection), "{document}");
    }
    assert!(documents.len() > 500, "{} documents", documents.len());
    assert!(
        known > documents.len() / 2,
        "{known} of {} detected",
        documents.len()
    );
}
