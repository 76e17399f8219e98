//! Reading and checking an input type, before any code is generated: `ctxt` collects errors,
//! `attr` reads the schemars constraint attributes, `rules`
//! the cross-member rules of a struct, `ast` builds the model from what serde and
//! schemars read. Generation (`crate::validator`, `crate::fixture`) only runs on a model that
//! produced no error, and never reports errors itself.

pub mod ast;
pub mod attr;
pub mod check;
pub mod ctxt;
pub mod rules;
pub mod symbol;
