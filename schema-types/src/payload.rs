//! What every documented payload type declares about itself, next to its definition.
//!
//! A payload's id, product, schema version, title and the place of its example in the upstream
//! pages are written once, as associated constants of [`Payload`] on the type; the registry,
//! `cargo xtask gen`, the tests and the index read them from there.

use std::fmt;

use schemars::JsonSchema;
use serde::{Serialize, de::DeserializeOwned};

use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::validate::Validate;

/// The product whose documentation describes a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Product {
    /// Hasura GraphQL Engine (server, console, CLI).
    Hasura,
    /// Appsmith (server and browser client).
    Appsmith,
}

impl Product {
    /// The vendor segment used in payload ids and schema paths (`hasura`, `appsmith`).
    pub const fn vendor(self) -> &'static str {
        match self {
            Self::Hasura => "hasura",
            Self::Appsmith => "appsmith",
        }
    }

    /// The product's name as its documentation writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Hasura => "Hasura GraphQL Engine",
            Self::Appsmith => "Appsmith",
        }
    }

    /// The upstream page that documents the product's telemetry.
    pub const fn page(self) -> Page {
        match self {
            Self::Hasura => Page::Hasura,
            Self::Appsmith => Page::Appsmith,
        }
    }
}

/// A schema version in SchemaVer form, `MODEL-REVISION-ADDITION` (written `1-0-0`).
///
/// SchemaVer judges a change by the documents it affects, which is what a reader of telemetry
/// cares about: MODEL when no earlier document is valid any more, REVISION when some may not be,
/// ADDITION when every earlier document stays valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaVersion {
    /// Breaking for every earlier document.
    pub model: u32,
    /// Breaking for some earlier documents.
    pub revision: u32,
    /// Compatible with every earlier document.
    pub addition: u32,
}

impl SchemaVersion {
    /// Version `MODEL-REVISION-ADDITION`.
    pub const fn new(model: u32, revision: u32, addition: u32) -> Self {
        Self {
            model,
            revision,
            addition,
        }
    }
}

impl fmt::Display for SchemaVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", self.model, self.revision, self.addition)
    }
}

/// Where a payload's example document stands in an upstream page: the page and the line (from 1)
/// on which the example's opening brace stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExampleLocation {
    /// The page.
    pub page: Page,
    /// The line of the example's opening `{`, counted from 1.
    pub line: usize,
}

/// With the `proptest` feature, every payload can be drawn at random; without it, this asks
/// nothing.
#[cfg(feature = "proptest")]
pub trait PayloadRandom: crate::fixture::random::Random {}
#[cfg(feature = "proptest")]
impl<T: crate::fixture::random::Random> PayloadRandom for T {}
/// With the `proptest` feature, every payload can be drawn at random; without it, this asks
/// nothing.
#[cfg(not(feature = "proptest"))]
pub trait PayloadRandom {}
#[cfg(not(feature = "proptest"))]
impl<T> PayloadRandom for T {}

/// A documented telemetry payload: its type, and what is known of it besides its shape.
pub trait Payload:
    JsonSchema + Serialize + DeserializeOwned + Validate + Fixture + PayloadRandom
{
    /// The payload id, `vendor/payload` (`hasura/server-telemetry`); used in file paths, the
    /// index, the CLI and the tests.
    const ID: &'static str;
    /// The product that sends it.
    const PRODUCT: Product;
    /// The version of its published schema.
    const VERSION: SchemaVersion;
    /// A short human title, the schema's `title`.
    const TITLE: &'static str;
    /// Where the upstream page prints its example, if it prints one.
    const EXAMPLE: Option<ExampleLocation>;
    /// Who sends it, when, where to, and what stops it, as the page documents.
    const CATALOG: crate::catalog::Catalog;
}
