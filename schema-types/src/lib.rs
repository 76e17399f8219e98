#![doc = include_str!("../README.md")]

pub mod api;
pub mod appsmith;
pub mod catalog;
pub mod common;
pub mod corpus;
pub mod documents;
pub mod hasura;
mod names;
pub mod optout;
pub mod payload;
pub mod privacy;
#[cfg(test)]
mod reader_tests;
pub mod registry;
pub mod schema;
pub mod schema_path;
pub mod schema_walk;

/// The runtime the generated validators and fixtures call (package `telemetry-spec-runtime`),
/// under the names this crate has always used.
pub use schema_runtime::{fixture, validate};

pub use payload::{ExampleLocation, Layer, Payload, Product, SchemaVersion};
pub use registry::{AnyPayload, PAYLOADS, PayloadKind};
