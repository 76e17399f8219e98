//! Rust types for every telemetry payload that Hasura GraphQL Engine and Appsmith document, and
//! the JSON Schemas derived from them.
//!
//! The types are the single source of truth: the published schemas under `schemas/` are
//! generated from them (`cargo xtask gen`), and so are the sample documents, the validators and
//! the fixture builders (`schema-derive`). The upstream pages that document the payloads are kept
//! verbatim in [`corpus`], together with the code that finds their examples and the errata of
//! those examples.
//!
//! ```
//! use schema_types::registry;
//!
//! let kind = registry::find("hasura/server-telemetry").unwrap();
//! assert_eq!(
//!     kind.schema_path(),
//!     format!("hasura/server-telemetry/{}.schema.json", kind.version)
//! );
//! let schema = kind.schema();
//! assert_eq!(schema["$id"], kind.schema_id());
//! ```

pub mod api;
pub mod appsmith;
pub mod catalog;
pub mod common;
pub mod corpus;
pub mod hasura;
pub mod optout;
pub mod payload;
pub mod privacy;
#[cfg(test)]
mod reader_tests;
pub mod registry;
pub mod schema;
pub mod schema_path;
pub mod schema_walk;

/// The runtime the generated validators and fixtures call (crate `schema-runtime`), under the
/// names this crate has always used.
pub use schema_runtime::{fixture, validate};

/// The code blocks of the workspace README, compiled and run as doctests so that its examples
/// stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use payload::{ExampleLocation, Layer, Payload, Product, SchemaVersion};
pub use registry::{PAYLOADS, PayloadKind};
