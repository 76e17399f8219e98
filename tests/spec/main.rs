//! Workspace integration tests: the specification checked end to end.
//!
//! One binary, one module per concern. Each module walks the registry (`schema_types::PAYLOADS`)
//! or the corpus, so a new payload is covered by adding it to the registry, not by writing a
//! test.
//!
//! - [`agreement`]: the generated validators agree with the published schemas (examples,
//!   invalid corpus, mutated fixtures).
//! - [`catalog`]: the catalog, the opt-out evaluator and the privacy inventory against the
//!   pages' own words.
//! - [`corpus`]: the upstream pages yield exactly the documented examples, each tied to one
//!   payload, and every defect of theirs is a recorded erratum; it also reads the page examples
//!   (and their value errata) for the other modules.
//! - [`detection`]: detection from bytes agrees with detection on the parsed document, on
//!   every corpus document.
//! - [`layers`]: the Hasura wire and row schemas carry their payload's members and rules
//!   unchanged (the payload's invalid documents, wrapped, fail alike).
//! - [`real`]: documents shaped like real traffic (`tests/real/`), each accepted or rejected as
//!   its sidecar says, every variant with a rejected counterpart.
//! - [`robustness`]: bad bytes, deep nesting, huge values and duplicate members get a report,
//!   never a panic; reports are capped and can be masked.
//! - [`round_trip`]: every documented example deserialises into its type and serialises back to
//!   the same document, member order included.
//! - [`samples`]: the examples rebuilt by the fixture builders equal the pages'.
//! - [`scaling`]: objects with 10,000 and 100,000 members, wherever members are read, are
//!   judged in time linear in their members (ignored by default; `.ci/run` runs it).
//! - [`schemas`]: every published schema is valid draft 2020-12, portable, and
//!   accepts its documented example except exactly the recorded value errata.

mod agreement;
mod catalog;
mod corpus;
mod detection;
mod layers;
mod real;
mod robustness;
mod round_trip;
mod samples;
mod scaling;
mod schemas;
