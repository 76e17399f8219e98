//! The payload types by name (each payload a page documents, and the v2 server report; not the
//! Hasura wire and row layers derived from them, which add an envelope and nothing else to
//! measure), for the two modes that need a concrete type per kind: the
//! typed parse (`serde_json::from_slice::<T>`) and the validators that jsonschema's build-time
//! macro generates from the published schema files.
//!
//! The registry ([`schema_types::PAYLOADS`]) hands out its operations as function pointers and so
//! needs no list of types; these two modes do. The list is written once, in the `payloads!` table
//! below, and a test holds it to the registry (same ids, same schema files).

use schema_types::payload::Payload;
use schema_types::{PAYLOADS, PayloadKind};
use serde_json::Value;

/// One payload kind as the benchmark sees it: its registry entry, its position in the registry
/// (the index of its compiled `jsonschema` validator) and its type.
#[derive(Clone, Copy, Debug)]
pub struct Kind {
    /// The registry entry: the generated validator, the schema, fixtures.
    pub registry: &'static PayloadKind,
    /// The entry's position in [`PAYLOADS`].
    pub position: usize,
    /// The payload type, for the typed parse and the macro-generated validator.
    pub ty: PayloadType,
}

impl Kind {
    /// Every payload kind the benchmark measures (those not derived from another), in registry
    /// order.
    pub fn all() -> Vec<Kind> {
        PAYLOADS
            .iter()
            .enumerate()
            .filter(|(_, registry)| registry.derived_from.is_none())
            .map(|(position, registry)| Kind {
                registry,
                position,
                ty: PayloadType::of(registry).unwrap_or_else(|| {
                    panic!(
                        "payload `{}` is missing from the table in bench/src/payloads.rs",
                        registry.id
                    )
                }),
            })
            .collect()
    }

    /// The kind with this payload id.
    ///
    /// # Panics
    ///
    /// When no payload has this id.
    pub fn by_id(id: &str) -> Kind {
        Kind::all()
            .into_iter()
            .find(|kind| kind.registry.id == id)
            .unwrap_or_else(|| panic!("no payload kind `{id}`"))
    }

    /// The payload id written for a file or benchmark name: `hasura__server-telemetry`.
    pub fn file_name(&self) -> String {
        self.registry.id.replace('/', "__")
    }
}

macro_rules! payloads {
    ($($variant:ident => $ty:path, $schema:tt;)*) => {
        /// The payload type of a kind, as a plain enum: a `match` on it reaches the concrete type.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum PayloadType {
            $(
                #[doc = concat!("`", stringify!($ty), "`")]
                $variant,
            )*
        }

        impl PayloadType {
            /// Every payload type, in the order of the table.
            pub const ALL: &[PayloadType] = &[$(PayloadType::$variant),*];

            /// The type of a registered payload kind, if the table lists it (a test makes sure
            /// that only the derived Hasura layers are left out).
            pub fn of(kind: &PayloadKind) -> Option<Self> {
                match kind.id {
                    $(<$ty as Payload>::ID => Some(PayloadType::$variant),)*
                    _ => None,
                }
            }

            /// The payload id of this type.
            pub fn id(self) -> &'static str {
                match self {
                    $(PayloadType::$variant => <$ty as Payload>::ID,)*
                }
            }

            /// The schema file the macro-generated validator was built from, relative to this
            /// crate's folder.
            pub fn macro_schema_path(self) -> &'static str {
                match self {
                    $(PayloadType::$variant => $schema,)*
                }
            }

            /// `serde_json::from_slice` into the payload type, nothing checked beyond what serde
            /// checks; the value is dropped at once.
            ///
            /// # Errors
            ///
            /// Serde's, when the bytes are not JSON or not of the type's shape.
            pub fn parse_typed(self, bytes: &[u8]) -> Result<(), serde_json::Error> {
                match self {
                    $(PayloadType::$variant => serde_json::from_slice::<$ty>(bytes).map(drop),)*
                }
            }

            /// Whether the macro-generated validator accepts `document` (stops at the first
            /// error).
            pub fn macro_is_valid(self, document: &Value) -> bool {
                match self {
                    $(PayloadType::$variant => by_macro::$variant::is_valid(document),)*
                }
            }

            /// Every error the macro-generated validator finds in `document`, collected; returns
            /// how many.
            pub fn macro_errors(self, document: &Value) -> usize {
                match self {
                    $(PayloadType::$variant => {
                        let errors: Vec<_> = by_macro::$variant::iter_errors(document).collect();
                        std::hint::black_box(errors).len()
                    })*
                }
            }
        }

        /// The validators `#[jsonschema::validator]` (jsonschema 0.60.2) generates at build time
        /// from the published schema files, formats checked.
        mod by_macro {
            $(
                #[jsonschema_macros_060::validator(path = $schema, validate_formats = true)]
                pub(super) struct $variant;
            )*
        }
    };
}

payloads! {
    ServerTelemetry => schema_types::hasura::ServerTelemetry,
        "../schemas/hasura/server-telemetry/1-0-1.schema.json";
    ServerMetricsV2 => schema_types::hasura::ServerMetricsV2,
        "../schemas/hasura/server-metrics-v2/1-0-0.schema.json";
    EeServerTelemetry => schema_types::hasura::EeServerTelemetry,
        "../schemas/hasura/ee-server-telemetry/1-0-1.schema.json";
    EeDataSourceTelemetry => schema_types::hasura::EeDataSourceTelemetry,
        "../schemas/hasura/ee-data-source-telemetry/1-0-1.schema.json";
    EeUsageMetrics => schema_types::hasura::EeUsageMetrics,
        "../schemas/hasura/ee-usage-metrics/1-0-1.schema.json";
    ConsoleError => schema_types::hasura::ConsoleError,
        "../schemas/hasura/console-error/1-1-0.schema.json";
    CliExecution => schema_types::hasura::CliExecution,
        "../schemas/hasura/cli-execution/1-1-0.schema.json";
    CliConfig => schema_types::hasura::CliConfig,
        "../schemas/hasura/cli-config/1-0-1.schema.json";
    KeepAlivePing => schema_types::appsmith::KeepAlivePing,
        "../schemas/appsmith/keep-alive-ping/1-0-1.schema.json";
    ServerSetupPing => schema_types::appsmith::ServerSetupPing,
        "../schemas/appsmith/server-setup-ping/1-0-1.schema.json";
    UsagePulse => schema_types::appsmith::UsagePulse,
        "../schemas/appsmith/usage-pulse/2-0-0.schema.json";
    NavigationEvent => schema_types::appsmith::NavigationEvent,
        "../schemas/appsmith/navigation-event/1-0-1.schema.json";
    BackendCallEvent => schema_types::appsmith::BackendCallEvent,
        "../schemas/appsmith/backend-call-event/1-0-1.schema.json";
}

/// The published schemas compiled by the `jsonschema` runtime (0.61, formats checked), in
/// registry order.
pub struct Runtime {
    validators: Vec<jsonschema::Validator>,
}

impl Runtime {
    /// Compiles every published schema, as a service would once at start.
    ///
    /// # Panics
    ///
    /// When a schema does not compile (the workspace tests make sure they all do).
    pub fn compile() -> Self {
        let validators = PAYLOADS
            .iter()
            .map(|kind| {
                jsonschema::options()
                    .should_validate_formats(true)
                    .build(&kind.schema())
                    .unwrap_or_else(|error| {
                        panic!("{}: the schema does not compile: {error}", kind.id)
                    })
            })
            .collect();
        Self { validators }
    }

    /// The compiled validator of `kind`.
    pub fn validator(&self, kind: Kind) -> &jsonschema::Validator {
        &self.validators[kind.position]
    }

    /// Parse to `Value`, then `is_valid`: the fastest way `jsonschema` judges bytes.
    pub fn parse_is_valid(&self, kind: Kind, bytes: &[u8]) -> bool {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(document) => self.validator(kind).is_valid(&document),
            Err(_) => false,
        }
    }

    /// Parse to `Value`, then every error collected with `iter_errors`; returns how many
    /// (a syntax error counts as one).
    pub fn parse_errors(&self, kind: Kind, bytes: &[u8]) -> usize {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(document) => {
                let errors: Vec<_> = self.validator(kind).iter_errors(&document).collect();
                std::hint::black_box(errors).len()
            }
            Err(_) => 1,
        }
    }

    /// Whether the published schema accepts `document`: the reference verdict the inputs are
    /// sorted by (independent of the generated validator under test).
    pub fn accepts(&self, kind: Kind, document: &Value) -> bool {
        self.validator(kind).is_valid(document)
    }
}

/// Parse to `Value`, then the macro-generated validator's `is_valid`.
pub fn macro_parse_is_valid(kind: Kind, bytes: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(document) => kind.ty.macro_is_valid(&document),
        Err(_) => false,
    }
}

/// Parse to `Value`, then every error of the macro-generated validator, collected.
pub fn macro_parse_errors(kind: Kind, bytes: &[u8]) -> usize {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(document) => kind.ty.macro_errors(&document),
        Err(_) => 1,
    }
}

/// The generated validator from bytes (the public API: `PayloadKind::validate_slice`); returns
/// how many violations it found.
pub fn generated(kind: Kind, bytes: &[u8]) -> usize {
    kind.registry.validate_slice(bytes).total()
}

/// Parse only: `serde_json::from_slice::<Value>`, the value dropped at once.
pub fn parse_value(bytes: &[u8]) -> bool {
    serde_json::from_slice::<Value>(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_registered_payload_with_its_published_schema() {
        assert_eq!(PayloadType::ALL.len(), Kind::all().len());
        for kind in Kind::all() {
            assert_eq!(kind.ty.id(), kind.registry.id);
            assert_eq!(
                kind.ty.macro_schema_path(),
                format!("../schemas/{}", kind.registry.schema_path()),
                "bench/src/payloads.rs names another schema file than the registry publishes"
            );
        }
    }

    #[test]
    fn the_macro_validators_judge_like_the_runtime_on_fixtures() {
        let runtime = Runtime::compile();
        for kind in Kind::all() {
            for document in [kind.registry.fixture(), kind.registry.random(7)] {
                assert!(runtime.accepts(kind, &document), "{}", kind.registry.id);
                assert!(kind.ty.macro_is_valid(&document), "{}", kind.registry.id);
                let bytes = serde_json::to_vec(&document).unwrap();
                kind.ty.parse_typed(&bytes).unwrap();
            }
            let broken = serde_json::json!({ "unexpected": [] });
            assert_eq!(
                runtime.accepts(kind, &broken),
                kind.ty.macro_is_valid(&broken),
                "{}",
                kind.registry.id
            );
        }
    }
}
