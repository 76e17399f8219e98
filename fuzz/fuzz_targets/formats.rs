//! Every format check of the runtime (`schema_runtime::validate::format`) and every pattern of a
//! published schema (as the derive compiles it, `schema_runtime::validate::Pattern`) against
//! `jsonschema`'s verdict on the same string. The first byte names the check, the rest is the
//! string (read as UTF-8, invalid sequences replaced).

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use telemetry_spec_fuzz::STRING_CHECKS;

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let checks = &*STRING_CHECKS;
    let check = &checks[usize::from(first) % checks.len()];
    let text = String::from_utf8_lossy(bytes);
    let ours = (check.check)(&text);
    let theirs = check.oracle.is_valid(&Value::String(text.to_string()));
    assert_eq!(ours, theirs, "{}: {text:?}", check.name);
});
