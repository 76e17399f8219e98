//! The splitting of an input into documents (`schema_types::documents`, which the CLI's
//! `validate` reads through) on arbitrary bytes, read in small pieces under a limit that the
//! first bytes choose: it never panics, and every line of the input is inside exactly the item
//! the module's rules give it, or blank (`telemetry_spec_fuzz::documents::check`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| telemetry_spec_fuzz::documents::check(data));
