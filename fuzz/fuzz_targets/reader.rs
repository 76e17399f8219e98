//! Arbitrary bytes through `validate_slice` (the validators' own reader, `serde_json` behind it)
//! for every kind, the first byte naming the kind: it never panics; when `serde_json` reads the
//! bytes, the report is the parsed value's (same violations, texts included, same total); when
//! it does not, the report is invalid.

#![no_main]

use integration_tests::agreement::sorted;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use telemetry_spec_fuzz::kind_of;

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let kind = kind_of(first);
    let streamed = kind.validate_slice(bytes);
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => {
            let parsed = kind.validate(&value);
            assert_eq!(
                (streamed.total(), sorted(&streamed)),
                (parsed.total(), sorted(&parsed)),
                "{}: the two paths report differently on {}",
                kind.id,
                String::from_utf8_lossy(bytes)
            );
        }
        Err(error) => assert!(
            !streamed.is_valid(),
            "{}: accepted, but serde_json refuses it ({error}): {}",
            kind.id,
            String::from_utf8_lossy(bytes)
        ),
    }
});
