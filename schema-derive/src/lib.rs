//! Derives for the payload types of `schema-types`: validators for untrusted JSON and fixture
//! builders for valid documents.
//!
//! The crate is a placeholder until the derive issue lands; it exists now so that the workspace
//! layout of the design (`schema-types`, `schema-derive`, `xtask`, `tests`) is fixed from the
//! first commit and nothing has to move later.
