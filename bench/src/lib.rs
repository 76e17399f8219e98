//! The benchmark of the generated validators: what is measured, on
//! which documents, and how the results become the table of `BENCHMARKS.md`.
//!
//! - [`payloads`]: the modes compared, one function each (the generated validator from bytes,
//!   the `jsonschema` runtime and build-time-macro validators with the parse to `Value`, the
//!   typed parse, the parse alone);
//! - [`inputs`]: the documents (documented examples, a repaired variant of each invalid one, the
//!   100,000-document NDJSON stream, the invalid corpus and mutants);
//! - [`names`]: the names benchmark results are stored under;
//! - [`report`]: criterion's estimates turned into the tables and ratios of `BENCHMARKS.md`.
//!
//! The benchmark itself is `benches/validation.rs`; `src/bin/stream_memory.rs` measures peak
//! heap on the stream and `src/bin/report.rs` refreshes `BENCHMARKS.md`. `src/bin/stream_pass.rs`
//! and `src/bin/unlabelled.rs` are single passes for callgrind (the latter also times
//! `api::judge` and `api::parse_any` against validation with the kind known).

pub mod inputs;
pub mod names;
pub mod payloads;
pub mod report;

use std::process::ExitCode;

/// How a program of the benchmark ends: success, or its error on standard error after the
/// program's name (`report: error: ...`) and a failure status.
pub fn exit_code(program: &str, result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{program}: error: {error}");
            ExitCode::FAILURE
        }
    }
}
