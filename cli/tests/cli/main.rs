//! The `telemetry-spec` binary, run for real: on every documented example and fixture (made by
//! `telemetry-spec sample`), on inputs that cannot be read, on bad documents, on unknown kinds,
//! and on a generated NDJSON stream with bad lines at known places, checking every verdict, the
//! summary and the exit status in both output formats.
//!
//! What a verdict should be comes from the library (`schema_types`), never from the binary under
//! test: the documented examples' recorded value errata, the kinds' own validators and seeded
//! random documents.
//!
//! One binary, one module per concern; [`support`] runs the binary and splits what it prints
//! into verdicts, for every other module.
//!
//! - [`usage`]: help pages, usage errors, unknown kinds.
//! - [`kinds`]: `list`, `schema` and `sample`, and `validate` on every sample.
//! - [`documents`]: `validate` on single documents (not JSON, too large, pretty-printed,
//!   masked, truncated reports, a byte order mark, lines that are not blank).
//! - [`inputs`]: inputs that cannot be read or hold no document.
//! - [`stream`]: a generated NDJSON stream with bad lines at known places.
//! - [`outputs`]: what a stream needs: the same output whatever `--jobs`, `--quiet`,
//!   `--summary-only`, `--stats`, and documents routed by `--valid-out` and `--invalid-out`.
//! - [`terminal`]: what reaches a terminal: text from the inputs, escaped.
//! - [`optout`], [`privacy`]: the specification around the payloads, printed.
//! - [`serve`]: the receiver as a process: killed during a load run, stopped with SIGTERM.
//! - [`query`]: `query ...` against a receiver process: every question, with real documents.
//! - [`receiver`]: a receiver process on loopback, for `serve` and `query`.

mod documents;
mod inputs;
mod kinds;
mod optout;
mod outputs;
mod privacy;
mod query;
mod receiver;
mod serve;
mod stream;
mod support;
mod terminal;
mod usage;
