//! The modes the benchmark compares, one function each, on the payload kinds it measures: every
//! kind of the registry ([`schema_types::PAYLOADS`]) not derived from another (the Hasura wire and
//! row layers add an envelope and nothing else to measure).
//!
//! The registry hands out every operation as a function pointer, the typed parse included
//! ([`PayloadKind::parse_typed`]); the validators of jsonschema's build-time macro need each
//! schema file's path at compile time, and `build.rs` writes them from `schemas/index.json`, the
//! registry's published list. So the benchmark keeps no list of kinds of its own.

use schema_types::validate::Era;
use schema_types::{PAYLOADS, PayloadKind};
use serde_json::Value;

/// One payload kind as the benchmark sees it: its registry entry and its position in the
/// registry (the index of its compiled `jsonschema` validator).
#[derive(Clone, Copy, Debug)]
pub struct Measured {
    /// The registry entry: the generated validator, the typed parse, the schema, fixtures.
    pub registry: &'static PayloadKind,
    /// The entry's position in [`PAYLOADS`].
    pub position: usize,
}

impl Measured {
    /// Every payload kind the benchmark measures (those not derived from another), in registry
    /// order.
    pub fn all() -> Vec<Measured> {
        PAYLOADS
            .iter()
            .enumerate()
            .filter(|(_, registry)| registry.derived_from.is_none())
            .map(|(position, registry)| Measured { registry, position })
            .collect()
    }

    /// The kind with this payload id.
    ///
    /// # Panics
    ///
    /// When no payload has this id.
    pub fn by_id(id: &str) -> Measured {
        Measured::all()
            .into_iter()
            .find(|kind| kind.registry.id == id)
            .unwrap_or_else(|| panic!("no payload kind `{id}`"))
    }

    /// The payload id written for a file or benchmark name: `hasura__server-telemetry`.
    pub fn file_name(&self) -> String {
        self.registry.id.replace('/', "__")
    }

    /// `serde_json::from_slice` into the kind's type, nothing checked beyond what serde checks;
    /// the value is dropped at once.
    ///
    /// # Errors
    ///
    /// Serde's, when the bytes are not JSON or not of the type's shape.
    pub fn parse_typed(self, bytes: &[u8]) -> Result<(), serde_json::Error> {
        self.registry.parse_typed(bytes)
    }

    /// Whether the macro-generated validator accepts `document` (stops at the first error).
    pub fn macro_is_valid(self, document: &Value) -> bool {
        by_macro::is_valid(self.registry.id, document).unwrap_or_else(|| self.no_macro())
    }

    /// Every error the macro-generated validator finds in `document`, collected; returns how
    /// many.
    pub fn macro_errors(self, document: &Value) -> usize {
        by_macro::errors(self.registry.id, document).unwrap_or_else(|| self.no_macro())
    }

    fn no_macro(self) -> ! {
        panic!(
            "no macro-generated validator for `{}`: schemas/index.json is stale (run `cargo xtask gen`)",
            self.registry.id
        )
    }
}

/// The validators `#[jsonschema::validator]` (jsonschema 0.60.2) generates at build time from the
/// published schema files, formats checked: one per kind [`Measured::all`] lists, written by
/// `build.rs` from `schemas/index.json`.
mod by_macro {
    include!(concat!(env!("OUT_DIR"), "/by_macro.rs"));
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
    pub fn validator(&self, kind: Measured) -> &jsonschema::Validator {
        &self.validators[kind.position]
    }

    /// Parse to `Value`, then `is_valid`: the fastest way `jsonschema` judges bytes.
    pub fn parse_is_valid(&self, kind: Measured, bytes: &[u8]) -> bool {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(document) => self.validator(kind).is_valid(&document),
            Err(_) => false,
        }
    }

    /// Parse to `Value`, then every error collected with `iter_errors`; returns how many
    /// (a syntax error counts as one).
    pub fn parse_errors(&self, kind: Measured, bytes: &[u8]) -> usize {
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
    pub fn accepts(&self, kind: Measured, document: &Value) -> bool {
        self.validator(kind).is_valid(document)
    }
}

/// Parse to `Value`, then the macro-generated validator's `is_valid`.
pub fn macro_parse_is_valid(kind: Measured, bytes: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(document) => kind.macro_is_valid(&document),
        Err(_) => false,
    }
}

/// Parse to `Value`, then every error of the macro-generated validator, collected.
pub fn macro_parse_errors(kind: Measured, bytes: &[u8]) -> usize {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(document) => kind.macro_errors(&document),
        Err(_) => 1,
    }
}

/// The generated validator from bytes (the public API: `PayloadKind::validate_slice`); returns
/// how many violations it found.
pub fn generated(kind: Measured, bytes: &[u8]) -> usize {
    kind.registry.validate_slice(bytes).total()
}

/// The documented era of a kind with eras, if it has one.
pub fn documented_era(kind: Measured) -> Option<&'static Era> {
    kind.registry.eras.iter().find(|era| era.is_documented())
}

/// The generated validator from bytes against the kind's documented era alone
/// (`Era::validate_slice`); returns how many violations it found.
///
/// # Panics
///
/// When the kind has no documented era.
pub fn generated_documented_era(kind: Measured, bytes: &[u8]) -> usize {
    documented_era(kind)
        .expect("measured only for a kind with a documented era")
        .validate_slice(bytes)
        .total()
}

/// Parse only: `serde_json::from_slice::<Value>`, the value dropped at once.
pub fn parse_value(bytes: &[u8]) -> bool {
    serde_json::from_slice::<Value>(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measured_kind_has_a_macro_validator_of_its_published_schema() {
        for kind in Measured::all() {
            let fixture = kind.registry.fixture();
            assert!(
                by_macro::is_valid(kind.registry.id, &fixture).is_some(),
                "{}",
                kind.registry.id
            );
        }
        assert_eq!(
            by_macro::is_valid("hasura/server-telemetry-wire", &Value::Null),
            None
        );
    }

    #[test]
    fn the_macro_validators_judge_like_the_runtime_on_fixtures() {
        let runtime = Runtime::compile();
        for kind in Measured::all() {
            for document in [kind.registry.fixture(), kind.registry.random(7)] {
                assert!(runtime.accepts(kind, &document), "{}", kind.registry.id);
                assert!(kind.macro_is_valid(&document), "{}", kind.registry.id);
                let bytes = serde_json::to_vec(&document).unwrap();
                kind.parse_typed(&bytes).unwrap();
            }
            let broken = serde_json::json!({ "unexpected": [] });
            assert_eq!(
                runtime.accepts(kind, &broken),
                kind.macro_is_valid(&broken),
                "{}",
                kind.registry.id
            );
        }
    }
}
