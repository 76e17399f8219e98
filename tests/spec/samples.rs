//! The documented examples rebuilt by the fixture builders (`Payload::documented_example`), as
//! `cargo xtask gen` writes them to `generated/`: equal to the page's examples (member order
//! included).

use schema_types::{PAYLOADS, corpus};

#[test]
fn every_rebuilt_example_equals_the_page() {
    let mut rebuilt = 0;
    for kind in PAYLOADS {
        let sample = kind.documented_example();
        assert_eq!(sample.is_some(), kind.example.is_some(), "{}", kind.id);
        let (Some(sample), Some(location)) = (sample, kind.example) else {
            continue;
        };
        let page = corpus::example_document(location).expect("the example reads");
        assert_eq!(
            serde_json::to_string_pretty(&sample).unwrap(),
            serde_json::to_string_pretty(&page).unwrap(),
            "{}",
            kind.id
        );
        rebuilt += 1;
    }
    assert_eq!(rebuilt, 11);
}
