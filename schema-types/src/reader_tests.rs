//! The validators' reader on the payloads' own documents: it reads every fixture and example
//! itself, and edited documents of every kind get the report `serde_json` alone would give.

use proptest::prelude::*;
use serde_json::Value;

use crate::registry::PAYLOADS;
use crate::validate::{Limits, read_value};

/// Every fixture and documented example is read by the validators' own reader as `serde_json`
/// reads it, never left to the fallback.
#[test]
fn reads_every_fixture_and_example() {
    for kind in PAYLOADS {
        let documents = [Some(kind.fixture()), kind.documented_example()];
        for document in documents.into_iter().flatten() {
            for text in [
                serde_json::to_string(&document).unwrap(),
                serde_json::to_string_pretty(&document).unwrap(),
            ] {
                let reference: Value = serde_json::from_str(&text).expect("a document");
                let read = read_value(&text).unwrap_or_else(|| panic!("{} fell back", kind.id));
                assert_eq!(read.to_string(), reference.to_string(), "{}", kind.id);
            }
        }
    }
}

/// An edit of a document: (where, as a fraction of its length; how many bytes to remove;
/// what to insert).
fn edit() -> impl Strategy<Value = (f64, usize, &'static str)> {
    let insertions = prop::sample::select(vec![
        "",
        " ",
        "\n",
        ",",
        ":",
        "\"",
        "\\",
        "\\n",
        "\\u0041",
        "\\ud83d",
        "{",
        "}",
        "[",
        "]",
        "0",
        "01",
        "-",
        "-1",
        "1.5",
        "1e3",
        "1e400",
        "18446744073709551616",
        "true",
        "null",
        "\"x\"",
        "é",
        "\u{1}",
    ]);
    (0.0..1.0f64, 0usize..4, insertions)
}

fn apply((at, remove, insert): (f64, usize, &str), text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let at = ((bytes.len() as f64) * at) as usize;
    let end = (at + remove).min(bytes.len());
    bytes.splice(at..end, insert.bytes());
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Edited documents of every kind (most no longer JSON, some with other values) get
    /// the same report whether the reader or `serde_json` reads them.
    #[test]
    fn edited_documents_get_the_reference_report(
        index in 0..PAYLOADS.len(),
        pretty in any::<bool>(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let kind = &PAYLOADS[index];
        let document = kind.documented_example().unwrap_or_else(|| kind.fixture());
        let text = if pretty {
            serde_json::to_string_pretty(&document)
        } else {
            serde_json::to_string(&document)
        }
        .unwrap();
        let mut bytes = text.into_bytes();
        for edit in edits {
            bytes = apply(edit, &String::from_utf8_lossy(&bytes));
        }
        let report = kind.validate_slice(&bytes);
        let reference = (kind.operations.validate_slice_serde_json)(&bytes, Limits::DEFAULT);
        prop_assert_eq!(report, reference, "{}", String::from_utf8_lossy(&bytes));
    }
}
