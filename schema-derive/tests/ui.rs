//! Compile-fail UI tests of the derives' error messages.
//!
//! Every error `#[derive(Validate)]` and `#[derive(Fixture)]` can report has a case under
//! `tests/ui/<family>/<case>.rs`: a minimal program with one mistake, next to the `.stderr` the
//! compiler prints for it. The cases pin down, for each message:
//!
//! - its wording: the derive's own, in lower case, the attribute in backticks;
//! - its span: the `^^^` under the offending attribute, field, type or token;
//! - that it comes alone: the derive emits a stub impl next to its errors, so a mistake never
//!   cascades into "trait not implemented" errors elsewhere (`collector/` checks this across two
//!   types), and every mistake of one input is reported in the same compile
//!   (`collector/several_mistakes.rs`).
//!
//! Families: `attributes/` (the `#[schemars(...)]` constraint attributes), `extend/` (the JSON
//! keys of `#[schemars(extend(...))]`), `shapes/` (types the derives cannot follow), `serde/`
//! (`#[serde(...)]` attributes the schema cannot state), `fixture/` (constraints a fixture cannot
//! make a default for), `eras/` (untagged enums of eras: a variant that is no era, an era named
//! twice or badly, two documented eras, `x-era` elsewhere), `optional_members/` (the attribute
//! on an enum, on a tuple struct, or with arguments), `rules/` (cross-member rules in `rules!`:
//! an unknown member, a value of the wrong type, an empty list, a malformed rule, a rule
//! elsewhere than on a struct, a `members(...)` on a member that is no object of the struct's
//! own), `collector/` (several errors, no cascade).
//!
//! The enums of eras under `eras/` hold the same two valid documents, declared once in
//! `eras/documents/mod.rs` and pulled in by `mod documents;` (trybuild compiles each case where
//! it stands, so the module resolves next to it; a folder, so the glob below does not read it as
//! a case). Each case file keeps its own enum, so every span still points into the case.
//!
//! A `.stderr` that shows more than one error for a case with one mistake (or a message that is
//! not the derive's own) records a defect of the derive still to be fixed, not a wanted output:
//! fixing it changes that file, which the review then sees.
//!
//! `tests/pass/` holds the other side: declarations the derives must accept, compiled and run.
//! `tests/expand/` holds more of them, one representative declaration per case (a closed struct
//! of constrained newtypes, a transparent newtype, an enum of unit variants, a generic struct
//! that flattens its parameter, a struct that flattens a struct that flattens another, an open
//! struct, structs with cross-member rules), whose expansions are also snapshotted
//! (`src/expansion.rs`): compiling and running them here is what makes those goldens code that
//! builds and works. Each validates good and bad documents on both paths, and (deriving
//! `Serialize` for it) checks that the fixture's default and random values validate.
//!
//! The compile-fail cases derive only the derive under test: `Serialize`, `Deserialize` and
//! `JsonSchema` would add nothing but their own diagnostics. After changing a message, regenerate the
//! expectations with `TRYBUILD=overwrite cargo test -p telemetry-spec-derive --test ui` and review the
//! diff of the `.stderr` files.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*/*.rs");
    t.pass("tests/pass/*.rs");
    t.pass("tests/expand/*.rs");
}
