//! The documented examples rebuilt by the fixture builders (`Payload::documented_example`), as
//! `cargo xtask gen` writes them to `generated/`: equal to the page's examples (member order
//! included).

use schema_types::PAYLOADS;

use crate::corpus::{DOCUMENTED_EXAMPLES, assert_same_text, page_examples};

#[test]
fn every_rebuilt_example_equals_the_page() {
    for kind in PAYLOADS {
        assert_eq!(
            kind.documented_example().is_some(),
            kind.example.is_some(),
            "{}",
            kind.id
        );
    }
    let examples = page_examples();
    assert_eq!(examples.len(), DOCUMENTED_EXAMPLES);
    for (kind, page) in examples {
        let sample = kind.documented_example().expect("a rebuilt example");
        assert_same_text(&sample, &page, kind.id);
    }
}
