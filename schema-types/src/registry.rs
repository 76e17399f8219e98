//! The catalogue of payload kinds: one entry per documented payload, in the order of the pages.
//!
//! Everything that iterates over payloads (the schema writer in `xtask`, the index, the tests)
//! walks [`PAYLOADS`]; adding a payload is adding its type here. Each entry is built from the
//! type's [`Payload`] constants, so nothing about a payload is written twice.

use serde_json::Value;

use crate::catalog::Catalog;
use crate::payload::{ExampleLocation, Layer, Payload, Product, SchemaVersion};
use crate::validate::{Limits, Report};
use crate::{appsmith, hasura, schema};

/// A payload kind with its metadata and its type-specific operations, as plain data.
#[derive(Clone, Copy)]
pub struct PayloadKind {
    /// The payload id, `vendor/payload`.
    pub id: &'static str,
    /// The product that sends it.
    pub product: Product,
    /// The version of its published schema.
    pub version: SchemaVersion,
    /// A short human title.
    pub title: &'static str,
    /// Where the upstream page prints its example, if it does.
    pub example: Option<ExampleLocation>,
    /// Who sends it, when, where to, and what stops it.
    pub catalog: Catalog,
    /// Which layer of the traffic the document is.
    pub layer: Layer,
    /// The id of the kind this one wraps (a Hasura `-wire` or `-row` around the documented
    /// payload), if it is derived from one.
    pub derived_from: Option<&'static str>,
    schema: fn() -> Value,
    round_trip: fn(Value) -> Result<Value, serde_json::Error>,
    validate: fn(&Value, Limits) -> Report,
    validate_slice: fn(&[u8], Limits) -> Report,
    /// The bytes judged by `serde_json`'s deserializer alone: the reference for the reader.
    #[cfg(test)]
    pub(crate) validate_slice_serde_json: fn(&[u8], Limits) -> Report,
    fixture: fn() -> Value,
    #[cfg(feature = "proptest")]
    random: fn(u64) -> Value,
}

impl PayloadKind {
    /// The entry for payload type `T`.
    pub const fn of<T: Payload>() -> Self {
        Self {
            id: T::ID,
            product: T::PRODUCT,
            version: T::VERSION,
            title: T::TITLE,
            example: T::EXAMPLE,
            catalog: T::CATALOG,
            layer: T::LAYER,
            derived_from: T::DERIVED_FROM,
            schema: schema::published_schema::<T>,
            round_trip: round_trip::<T>,
            validate: T::validate_with,
            validate_slice: T::validate_slice_with,
            #[cfg(test)]
            validate_slice_serde_json: crate::validate::stream_with_serde_json::<T>,
            fixture: fixture::<T>,
            #[cfg(feature = "proptest")]
            random: random::<T>,
        }
    }

    /// The published JSON Schema of this payload, as `cargo xtask gen` writes it.
    pub fn schema(&self) -> Value {
        (self.schema)()
    }

    /// Deserialises `document` into the payload type and serialises it again.
    ///
    /// Serde checks structure only (member names, JSON types, required members), so this
    /// succeeds for any document of the right shape, whatever its formats and patterns.
    pub fn round_trip(&self, document: Value) -> Result<Value, serde_json::Error> {
        (self.round_trip)(document)
    }

    /// Checks a parsed document with the payload's generated validator.
    pub fn validate(&self, document: &Value) -> Report {
        (self.validate)(document, Limits::DEFAULT)
    }

    /// Checks a parsed document with other limits.
    pub fn validate_with(&self, document: &Value, limits: Limits) -> Report {
        (self.validate)(document, limits)
    }

    /// Checks a document given as bytes (invalid UTF-8 and malformed JSON are violations too).
    pub fn validate_slice(&self, bytes: &[u8]) -> Report {
        (self.validate_slice)(bytes, Limits::DEFAULT)
    }

    /// Checks a document given as bytes, with other limits.
    pub fn validate_slice_with(&self, bytes: &[u8], limits: Limits) -> Report {
        (self.validate_slice)(bytes, limits)
    }

    /// The payload's fixture with its default values, as a document.
    pub fn fixture(&self) -> Value {
        (self.fixture)()
    }

    /// A random valid document of this payload: the same `seed` gives the same document.
    #[cfg(feature = "proptest")]
    pub fn random(&self, seed: u64) -> Value {
        (self.random)(seed)
    }

    /// The kind this one is derived from (see [`Self::derived_from`]).
    pub fn base(&self) -> Option<&'static PayloadKind> {
        self.derived_from.and_then(find)
    }

    /// A document of the base kind, wrapped into this kind's layer around the base's payload:
    /// `{"topic", "data"}` for a wire message, `id` and `timestamp` before the payload's members
    /// for a row (the topic, `id` and `timestamp` are this kind's fixture's). `None` when this
    /// kind is not derived, or when a row cannot hold the document (it is not an object).
    pub fn wrap(&self, base_document: &Value) -> Option<Value> {
        let base = self.base()?;
        let mut payload = base_document.clone();
        if base.layer == Layer::HasuraRow {
            if let Value::Object(members) = &mut payload {
                members.shift_remove("id");
                members.shift_remove("timestamp");
            }
        }
        let frame = self.fixture();
        match self.layer {
            Layer::HasuraWire => {
                Some(serde_json::json!({ "topic": frame["topic"], "data": payload }))
            }
            Layer::HasuraRow => {
                let Value::Object(members) = payload else {
                    return None;
                };
                let mut row = serde_json::Map::new();
                row.insert("id".into(), frame["id"].clone());
                row.insert("timestamp".into(), frame["timestamp"].clone());
                row.extend(members);
                Some(Value::Object(row))
            }
            _ => None,
        }
    }

    /// Whether a violation of the base kind at `pointer` (about `member`, for `required` and
    /// `unknown-property`) concerns the payload, and so stays in the document [`Self::wrap`]
    /// makes; one about a row's own `id` or `timestamp` does not.
    pub fn carries_over(&self, pointer: &str, member: Option<&str>) -> bool {
        let Some(base) = self.base() else {
            return false;
        };
        let row_member =
            |name: &str| base.layer == Layer::HasuraRow && ["id", "timestamp"].contains(&name);
        let own = match pointer.strip_prefix('/') {
            Some(rest) => row_member(rest.split('/').next().unwrap_or_default()),
            None => member.is_some_and(row_member),
        };
        !own
    }

    /// Where a violation at `pointer` in a document of the base kind stands once the document is
    /// wrapped by [`Self::wrap`].
    pub fn wrapped_pointer(&self, pointer: &str) -> String {
        match self.layer {
            Layer::HasuraWire => format!("/data{pointer}"),
            _ => pointer.to_owned(),
        }
    }

    /// The schema file's path relative to `schemas/`: `vendor/payload/VERSION.schema.json`.
    pub fn schema_path(&self) -> String {
        format!("{}/{}.schema.json", self.id, self.version)
    }

    /// The schema's `$id`: [`schema::BASE_URL`] followed by [`Self::schema_path`].
    pub fn schema_id(&self) -> String {
        format!("{}{}", schema::BASE_URL, self.schema_path())
    }
}

impl std::fmt::Debug for PayloadKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PayloadKind")
            .field("id", &self.id)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

fn round_trip<T: Payload>(document: Value) -> Result<Value, serde_json::Error> {
    let payload: T = serde_json::from_value(document)?;
    serde_json::to_value(payload)
}

fn fixture<T: Payload>() -> Value {
    serde_json::to_value(T::fixture_default()).expect("a payload always serialises")
}

#[cfg(feature = "proptest")]
fn random<T: Payload + crate::fixture::random::Random>(seed: u64) -> Value {
    serde_json::to_value(crate::fixture::random::seeded::<T>(seed))
        .expect("a payload always serialises")
}

/// Every payload kind, Hasura's page first, each page in its own order; each Hasura payload is
/// followed by the layers derived from it (its row, its wire message).
pub static PAYLOADS: &[PayloadKind] = &[
    PayloadKind::of::<hasura::ServerTelemetry>(),
    PayloadKind::of::<hasura::ServerTelemetryWire>(),
    PayloadKind::of::<hasura::ServerMetricsV2>(),
    PayloadKind::of::<hasura::ServerMetricsV2Row>(),
    PayloadKind::of::<hasura::ServerMetricsV2Wire>(),
    PayloadKind::of::<hasura::EeServerTelemetry>(),
    PayloadKind::of::<hasura::EeServerTelemetryRow>(),
    PayloadKind::of::<hasura::EeServerTelemetryWire>(),
    PayloadKind::of::<hasura::EeDataSourceTelemetry>(),
    PayloadKind::of::<hasura::EeDataSourceTelemetryRow>(),
    PayloadKind::of::<hasura::EeDataSourceTelemetryWire>(),
    PayloadKind::of::<hasura::EeUsageMetrics>(),
    PayloadKind::of::<hasura::EeUsageMetricsRow>(),
    PayloadKind::of::<hasura::EeUsageMetricsWire>(),
    PayloadKind::of::<hasura::ConsoleError>(),
    PayloadKind::of::<hasura::ConsoleErrorRow>(),
    PayloadKind::of::<hasura::ConsoleErrorWire>(),
    PayloadKind::of::<hasura::CliExecution>(),
    PayloadKind::of::<hasura::CliExecutionWire>(),
    PayloadKind::of::<hasura::CliConfig>(),
    PayloadKind::of::<appsmith::KeepAlivePing>(),
    PayloadKind::of::<appsmith::ServerSetupPing>(),
    PayloadKind::of::<appsmith::UsagePulse>(),
    PayloadKind::of::<appsmith::NavigationEvent>(),
    PayloadKind::of::<appsmith::BackendCallEvent>(),
];

/// The payload kind with this id, if there is one.
pub fn find(id: &str) -> Option<&'static PayloadKind> {
    PAYLOADS.iter().find(|kind| kind.id == id)
}
