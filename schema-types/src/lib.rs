//! Rust types for every telemetry payload that Hasura GraphQL Engine and Appsmith document, and
//! the JSON Schemas derived from them.
//!
//! The types are the single source of truth: the published schemas under `schemas/` are
//! generated from them (`cargo xtask gen`), and so are the sample documents and, later, the
//! validators and fixture builders. The upstream pages that document the payloads are kept
//! verbatim in [`corpus`], together with the code that finds their examples and the errata of
//! those examples.
//!
//! ```
//! use schema_types::registry;
//!
//! let kind = registry::find("hasura/server-telemetry").unwrap();
//! assert_eq!(kind.schema_path(), "hasura/server-telemetry/1-0-0.schema.json");
//! let schema = kind.schema();
//! assert_eq!(schema["$id"], kind.schema_id());
//! ```

pub mod appsmith;
pub mod common;
pub mod corpus;
pub mod hasura;
pub mod payload;
pub mod registry;
pub mod schema;

pub use payload::{ExampleLocation, Payload, Product, SchemaVersion};
pub use registry::{PAYLOADS, PayloadKind};
