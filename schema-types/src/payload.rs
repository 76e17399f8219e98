//! What every documented payload type declares about itself, next to its definition.
//!
//! A payload's id, product, schema version, title and the place of its example in the upstream
//! pages are written once, as associated constants of [`Payload`] on the type; the registry,
//! `cargo xtask gen`, the tests and the index read them from there.

use std::fmt;

use schemars::JsonSchema;
use serde::{Serialize, de::DeserializeOwned};

use crate::api::Clue;
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

    /// The product whose vendor segment starts payload id `id` (`hasura/...`).
    pub fn of_id(id: &str) -> Option<Self> {
        let vendor = id.split_once('/').map(|(vendor, _)| vendor)?;
        [Self::Hasura, Self::Appsmith]
            .into_iter()
            .find(|product| product.vendor() == vendor)
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

/// Reads what [`Display`](fmt::Display) writes, `MODEL-REVISION-ADDITION` (`1-0-0`), and
/// nothing else: three decimal numbers, none with a leading zero, so that every version has one
/// spelling.
impl std::str::FromStr for SchemaVersion {
    type Err = ParseSchemaVersionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let number = |part: &str| {
            let canonical = !part.is_empty()
                && part.bytes().all(|byte| byte.is_ascii_digit())
                && (part == "0" || !part.starts_with('0'));
            canonical.then(|| part.parse::<u32>().ok()).flatten()
        };
        let parts: Vec<&str> = text.split('-').collect();
        let numbers = match parts.as_slice() {
            [model, revision, addition] => (number(model), number(revision), number(addition)),
            _ => (None, None, None),
        };
        match numbers {
            (Some(model), Some(revision), Some(addition)) => {
                Ok(Self::new(model, revision, addition))
            }
            _ => Err(ParseSchemaVersionError {
                text: text.to_owned(),
            }),
        }
    }
}

/// Text that is not a SchemaVer version (`MODEL-REVISION-ADDITION`, `1-0-0`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseSchemaVersionError {
    text: String,
}

impl fmt::Display for ParseSchemaVersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a SchemaVer version (MODEL-REVISION-ADDITION, e.g. 1-0-0)",
            self.text
        )
    }
}

impl std::error::Error for ParseSchemaVersionError {}

/// Where a payload's example document stands in an upstream page: the page and the line (from 1)
/// on which the example's opening brace stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExampleLocation {
    /// The page.
    pub page: Page,
    /// The line of the example's opening `{`, counted from 1.
    pub line: usize,
}

/// Which layer of the traffic a schema describes: what the emitter sends, the envelope it sends it
/// in, or what a service on the way (Hasura's collector, Segment, Mixpanel) makes of it.
///
/// The same event has several documents: a Hasura server report is the `data` of a POST
/// (`{"topic", "data"}`) and, once stored, a row with the collector's `id` and `timestamp`; an
/// Appsmith event is a Segment `track` message and, exported from Mixpanel, an `event` with
/// `properties`. Each published schema says which one it is (`x-telemetry.layer`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// The payload itself: what the emitter sends as the body of its request (Appsmith's usage
    /// pulse) or inside an envelope (the `data` of a Hasura POST).
    Payload,
    /// A Hasura POST body: `{"topic": ..., "data": <payload>}`.
    HasuraWire,
    /// A row of Hasura's telemetry database: the payload with the collector's `id` and
    /// `timestamp`.
    HasuraRow,
    /// A Segment `track` call as the sender POSTs it to Segment's tracking API (`/v1/track`, or
    /// one call of a `/v1/batch`), before Segment adds what it adds on receipt.
    SegmentCall,
    /// A Segment `track` message as Segment stores it (with `receivedAt` and `timestamp`).
    SegmentTrack,
    /// An event exported from Mixpanel, reached through Segment: `event` and `properties`, the
    /// `$...` and `mp_*` members added by Mixpanel.
    MixpanelExport,
    /// A configuration file on disk, never sent.
    ConfigFile,
}

impl Layer {
    /// The layer's name in `x-telemetry.layer`, the index and the CLI.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Payload => "payload",
            Self::HasuraWire => "hasura-wire",
            Self::HasuraRow => "hasura-row",
            Self::SegmentCall => "segment-call",
            Self::SegmentTrack => "segment-track",
            Self::MixpanelExport => "mixpanel-export",
            Self::ConfigFile => "config-file",
        }
    }

    /// What a document of this layer is, in one sentence.
    pub const fn description(self) -> &'static str {
        match self {
            Self::Payload => "The payload as the emitter builds it.",
            Self::HasuraWire => {
                "The body an emitter POSTs to telemetry.hasura.io: the payload in `data`, the emitter in `topic`."
            }
            Self::HasuraRow => {
                "A row of Hasura's telemetry database: the payload with the `id` and `timestamp` the collector adds."
            }
            Self::SegmentCall => {
                "A Segment `track` call as the sender POSTs it to Segment's tracking API, before Segment adds `receivedAt` and the skew-corrected `timestamp`."
            }
            Self::SegmentTrack => {
                "A Segment `track` message as Segment stores it: the event in `properties`, with `receivedAt` and `timestamp` added by Segment."
            }
            Self::MixpanelExport => {
                "An event exported from Mixpanel after it came through Segment: the event's members and Mixpanel's `$...`/`mp_*` members together in `properties`."
            }
            Self::ConfigFile => "A configuration file on disk; never sent.",
        }
    }
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

/// What every published document type is: it has a schema, reads and writes itself with serde,
/// validates, and has fixtures (and random values with the `proptest` feature).
pub trait Document:
    JsonSchema + Serialize + DeserializeOwned + Validate + Fixture + PayloadRandom
{
}

impl<T> Document for T where
    T: JsonSchema + Serialize + DeserializeOwned + Validate + Fixture + PayloadRandom
{
}

/// What a generic wrapper (a Hasura wire message or row, a Segment message, a Mixpanel export)
/// asks of the types it is built from: a [`Document`] with the usual value traits.
pub trait Part: Document + Clone + fmt::Debug + PartialEq + Eq {}

impl<T> Part for T where T: Document + Clone + fmt::Debug + PartialEq + Eq {}

/// A documented telemetry payload: its type, and what is known of it besides its shape.
///
/// Everything about a payload kind is declared here, on its type, once: the registry
/// ([`crate::registry`]) reads these constants to publish the kind, and derives from them every
/// kind layered around it (a Hasura payload's row and wire message, see
/// [`crate::hasura::Posted`]).
pub trait Payload: Document {
    /// The payload id, `vendor/payload` (`hasura/server-telemetry`); used in file paths, the
    /// index, the CLI and the tests. The vendor names the product that sends it
    /// ([`Product::vendor`]).
    const ID: &'static str;
    /// The version of its published schema.
    const VERSION: SchemaVersion;
    /// A short human title, the schema's `title`.
    const TITLE: &'static str;
    /// The line (from 1) of its product's page ([`Product::page`]) on which the page's example
    /// opens, if the page prints one (none by default).
    const EXAMPLE_LINE: Option<usize> = None;
    /// Which layer of the traffic the document is.
    const LAYER: Layer;
    /// What identifies its documents among every kind's ([`crate::api::detect`]): facts about
    /// the payload's own members (a member only it has, its event name), read where the payload
    /// stands. A layer derived from the kind adds its own (a row's `id`, a wire message's
    /// `topic`), so these name the payload's members only.
    const CLUES: &'static [Clue];
    /// Who sends it, when, where to, and what stops it, as the page documents.
    const CATALOG: crate::catalog::Catalog;
    /// The id of the kind this one refines, if it is a strict refinement of another: every
    /// document it accepts is also a document of that kind (`hasura/console-error`, the page's
    /// runtime error, refines `hasura/console-event`, the Console's whole channel). Detection
    /// tells the two apart by their clues, the refinement's documents going to the refinement.
    const REFINES: Option<&'static str> = None;

    /// The page's example, rebuilt member by member with the fixture builders, in the page's
    /// member order (`None` when the page prints none). That proves that every documented member
    /// is settable through the builders (a member without a setter, or a value the setter's
    /// type cannot take, fails to compile) and that the builders reproduce the page exactly,
    /// values that break a rule included: each of those is a recorded erratum
    /// ([`crate::corpus::VALUE_ERRATA`]); the types hold them, the schemas judge them. Every
    /// member is set explicitly, even where the fixture default already holds the page's value.
    fn documented_example() -> Option<Self> {
        None
    }

    /// The published schema's description, given the one derived from the type's doc comment:
    /// that one by default. A generic wrapper adds what its payload is.
    fn description(derived: &str) -> String {
        derived.to_owned()
    }
}
