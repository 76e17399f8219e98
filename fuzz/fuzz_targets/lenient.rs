//! The documentation corpus's lenient reader (`schema_types::corpus::read`: comments and
//! trailing commas removed, page positions kept) on arbitrary text, as if a page printed it as
//! an example: it never panics, and what it reads is JSON.

#![no_main]

use libfuzzer_sys::fuzz_target;
use telemetry_spec_fuzz::read_as_example;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = read_as_example(text) {
        let again = serde_json::to_string(&value).expect("a value serialises");
        assert!(serde_json::from_str::<serde_json::Value>(&again).is_ok());
    }
});
