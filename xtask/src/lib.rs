//! What the project's automation shares with the benchmark's report: the generated sections of
//! hand-written documents (README.md's payload table, BENCHMARKS.md's figures). Everything else
//! of `cargo xtask` lives in its binary.

pub mod markers;
