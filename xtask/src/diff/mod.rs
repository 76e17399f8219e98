//! `cargo xtask diff`: the changes between two versions of a schema, each judged by the documents
//! it lets through, and the SchemaVer bump they require (the policy is VERSIONING.md).
//!
//! The two schemas are walked in parallel. Local `$ref`s are followed (each pair of locations is
//! compared once, which also ends cycles); a keyword next to a `$ref` overrides the referenced
//! schema's, as draft 2020-12 applies both. A nullable union (`anyOf: [X, {"type": "null"}]` or
//! `"type": [T, "null"]`) is read as X plus `null`, and a `oneOf`/`anyOf` whose alternatives are
//! all `const`s as an enumeration, which is how schemars writes Rust enums.
//!
//! Every change gets two effects: on readers (does the new schema accept every document the old
//! one accepted? backward compatibility) and on writers (does the old schema accept every
//! document the new one accepts? forward compatibility). The bump follows the effect on readers.
//! `gen` runs the same diff before it publishes a new version (`crate::lock`).
//!
//! The parts, in the order a comparison uses them: `target` (what the command line names),
//! `node` (a subschema read through its `$ref`s), `keywords`, `enumeration` and `canonical`
//! (what the walk knows about keywords, enumerations and equal subschemas), `walk` (the parallel
//! walk, with `walk/members.rs` for the members of objects), `change` (the kinds of change),
//! `verdict` and `bump` (what a change means for readers, writers and the version), `report`
//! (the changes for people and as JSON). The cases in `xtask/tests/diff/` are run by `tests.rs`.

mod bump;
mod canonical;
mod change;
mod enumeration;
mod keywords;
mod node;
mod report;
mod target;
mod verdict;
mod walk;

#[cfg(test)]
mod tests;

use serde_json::Value;

pub use bump::Bump;
pub use report::Comparison;
pub use target::Target;

/// Why two schemas could not be compared.
#[derive(Debug)]
pub struct DiffError(String);

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Compares two schemas and classifies every change.
pub fn diff(old: &Value, new: &Value) -> Result<Comparison, DiffError> {
    Ok(Comparison {
        changes: walk::changes(old, new)?,
    })
}
