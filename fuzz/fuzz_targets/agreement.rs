//! Structure-aware: a valid document of a kind (a kept document or a random instance), mutated
//! (values of another type, edited strings with escapes and non-ASCII, members removed, added
//! and written twice, deep nesting), judged by the generated validator from bytes and as a
//! parsed value and by `jsonschema` on the published schema: the same verdict and the same
//! instance paths (`integration_tests::agreement`, as the integration tests check it).

#![no_main]

use libfuzzer_sys::fuzz_target;
use telemetry_spec_fuzz::mutation::Case;

fuzz_target!(|case: Case| {
    let kind = case.kind();
    let bytes = case.bytes();
    if let Err(disagreement) = integration_tests::agreement::agreement_of_bytes(kind, &bytes) {
        panic!("{disagreement}");
    }
});
