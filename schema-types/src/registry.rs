//! The catalogue of payload kinds: one entry per published kind, in the order of the pages.
//!
//! Everything that iterates over payloads (the schema writer in `xtask`, the index, the tests,
//! the CLI, the benchmark) walks [`PAYLOADS`]; adding a payload is adding its type to
//! `kinds`. Each entry is built from what the type declares ([`Payload`]), and a Hasura
//! payload's row and wire message are derived from its declaration (`hasura::kinds`): nothing
//! about a payload is written twice.

use std::ops::Deref;
use std::sync::LazyLock;

use serde_json::Value;

use crate::api::Signature;
use crate::catalog::Catalog;
use crate::payload::{Document, ExampleLocation, Layer, Payload, Product, SchemaVersion};
use crate::validate::{Era, Limits, Report, Validate};
use crate::{appsmith, hasura, schema};

/// Declares, from one list, the registry's kinds ([`kinds`]) and [`AnyPayload`]: a Hasura payload
/// a page documents, which brings its row and wire message (`hasura::kinds`), a payload
/// published as it is, or an Appsmith event as Segment stores it, which brings its call
/// (`appsmith::kinds`).
macro_rules! registry {
    (
        hasura::Posted: [$($posted:ident),* $(,)?],
        appsmith::Tracked: [$($tracked:ident),* $(,)?],
        $($module:ident: [$($single:ident),* $(,)?],)*
    ) => {
        /// A document of any published kind, as its Rust type: what [`crate::api::parse_any`]
        /// returns once it has detected the kind and found the document valid, so that a
        /// collector matches on a type, not on an id. A Hasura payload comes in the layer it was
        /// sent or stored in ([`hasura::Layered`]).
        ///
        /// It serialises as the document it holds.
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        // A document is parsed once and handed over whole, in the room of the largest kind;
        // boxing the large ones would cost an allocation per document.
        #[allow(clippy::large_enum_variant)]
        pub enum AnyPayload {
            $(
                #[doc = concat!("[`hasura::", stringify!($posted), "`], in one of its layers.")]
                $posted(hasura::Layered<hasura::$posted>),
            )*
            $($(
                #[doc = concat!("[`", stringify!($module), "::", stringify!($single), "`].")]
                $single($module::$single),
            )*)*
            $(
                #[doc = concat!("[`appsmith::", stringify!($tracked), "`], as stored or as its call.")]
                $tracked(appsmith::SegmentLayered<appsmith::$tracked>),
            )*
        }

        $(
            impl From<hasura::Layered<hasura::$posted>> for AnyPayload {
                fn from(document: hasura::Layered<hasura::$posted>) -> Self {
                    Self::$posted(document)
                }
            }
        )*
        $($(
            impl From<$module::$single> for AnyPayload {
                fn from(document: $module::$single) -> Self {
                    Self::$single(document)
                }
            }
        )*)*
        $(
            impl From<appsmith::SegmentLayered<appsmith::$tracked>> for AnyPayload {
                fn from(document: appsmith::SegmentLayered<appsmith::$tracked>) -> Self {
                    Self::$tracked(document)
                }
            }
        )*

        /// Every payload kind, Hasura's page first, each page in its own order; each Hasura
        /// payload is followed by the layers derived from it (its row, its wire message).
        fn kinds() -> Vec<PayloadKind> {
            let mut kinds = Vec::new();
            $(kinds.extend(hasura::kinds::<hasura::$posted>());)*
            $($(kinds.push(PayloadKind::of::<$module::$single>(parse_into::<$module::$single>));)*)*
            $(kinds.extend(appsmith::kinds::<appsmith::$tracked>());)*
            kinds
        }
    };
}

registry! {
    hasura::Posted: [
        ServerReport,
        ServerMetricsV2,
        EeServerTelemetry,
        EeDataSourceTelemetry,
        EeUsageMetrics,
        ConsoleError,
        ConsoleEvent,
        CliExecutionEvent,
    ],
    appsmith::Tracked: [NavigationEvent, BackendCallEvent],
    hasura: [CliConfig],
    appsmith: [
        KeepAlivePing,
        ServerSetupPing,
        UsagePulse,
        InstanceActivePing,
        InstanceStatsPing,
    ],
}

/// Reads a document of type `T` into [`AnyPayload`].
pub(crate) fn parse_into<T: Document + Into<AnyPayload>>(
    bytes: &[u8],
) -> Result<AnyPayload, serde_json::Error> {
    serde_json::from_slice::<T>(bytes).map(Into::into)
}

/// Every payload kind (see [`Registry`]).
pub static PAYLOADS: Registry = Registry { _private: () };

/// The registry: a slice of every [`PayloadKind`], built the first time it is read (the ids and
/// titles of derived kinds are made then, once, and live as long as the process).
///
/// ```
/// use schema_types::PAYLOADS;
///
/// assert!(PAYLOADS.iter().any(|kind| kind.id == "hasura/console-error-wire"));
/// for kind in PAYLOADS {
///     assert!(kind.id.starts_with(kind.product.vendor()));
/// }
/// ```
#[derive(Clone, Copy)]
pub struct Registry {
    _private: (),
}

static KINDS: LazyLock<Vec<PayloadKind>> = LazyLock::new(kinds);

impl Deref for Registry {
    type Target = [PayloadKind];

    fn deref(&self) -> &[PayloadKind] {
        &KINDS
    }
}

impl IntoIterator for Registry {
    type Item = &'static PayloadKind;
    type IntoIter = std::slice::Iter<'static, PayloadKind>;

    fn into_iter(self) -> Self::IntoIter {
        KINDS.iter()
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The payload kind with this id, if there is one.
pub fn find(id: &str) -> Option<&'static PayloadKind> {
    PAYLOADS.into_iter().find(|kind| kind.id == id)
}

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
    /// The id of the kind this one is a strict refinement of ([`Payload::REFINES`]): every
    /// document this kind accepts, that kind accepts too, and detection gives such documents to
    /// this kind. A derived layer refines the same layer of the kind its base refines.
    pub refines: Option<&'static str>,
    /// What identifies its documents ([`crate::api::detect`]).
    pub signature: Signature,
    /// The eras of a kind whose emitters have sent several shapes, oldest first (its type is
    /// an untagged enum of them; see [`crate::validate::eras`]); empty for a kind of one shape.
    /// The kind accepts every era; [`Self::era`] asks for one.
    pub eras: &'static [Era],
    pub(crate) describe: fn(&str) -> String,
    pub(crate) operations: Operations,
    parse: fn(&[u8]) -> Result<AnyPayload, serde_json::Error>,
    documented_example: fn() -> Option<Value>,
    derivation: Option<Derivation>,
}

/// What a kind's document type does, as functions of that type.
#[derive(Clone, Copy)]
pub(crate) struct Operations {
    bare_schema: fn() -> Value,
    round_trip: fn(Value) -> Result<Value, serde_json::Error>,
    parse_typed: fn(&[u8]) -> Result<(), serde_json::Error>,
    type_name: fn() -> &'static str,
    validate: fn(&Value, Limits) -> Report,
    validate_slice: fn(&[u8], Limits) -> Report,
    /// The bytes judged by `serde_json`'s deserializer alone: the reference for the reader.
    #[cfg(test)]
    pub(crate) validate_slice_serde_json: fn(&[u8], Limits) -> Report,
    fixture: fn() -> Value,
    #[cfg(feature = "proptest")]
    random: fn(u64) -> Value,
}

impl Operations {
    fn of<T: Document>() -> Self {
        Self {
            bare_schema: schema::bare_schema::<T>,
            round_trip: round_trip::<T>,
            parse_typed: parse_typed::<T>,
            type_name: std::any::type_name::<T>,
            validate: T::validate_with,
            validate_slice: T::validate_slice_with,
            #[cfg(test)]
            validate_slice_serde_json: T::validate_slice_with_serde_json,
            fixture: fixture::<T>,
            #[cfg(feature = "proptest")]
            random: random::<T>,
        }
    }
}

/// How a kind derived from another relates its documents to the other's: the answers of
/// [`PayloadKind::wrap`], [`PayloadKind::carries_over`] and [`PayloadKind::wrapped_pointer`],
/// given by the layer that derives it (`hasura::envelope`).
#[derive(Clone, Copy)]
pub(crate) struct Derivation {
    /// A document of the base kind in this kind's layer; `None` when it cannot be held.
    pub(crate) wrap: fn(&Value) -> Option<Value>,
    /// Whether a violation of the base kind (at a pointer, about a member) concerns the payload.
    pub(crate) carries_over: fn(&str, Option<&str>) -> bool,
    /// Where a pointer of the base kind's document stands once wrapped.
    pub(crate) wrapped_pointer: fn(&str) -> String,
}

/// What a layer derived from a kind declares: the rest is the base kind's.
pub(crate) struct DerivedLayer {
    /// The layer.
    pub(crate) layer: Layer,
    /// The version of the derived kind's schema.
    pub(crate) version: SchemaVersion,
    /// What the derived kind's id adds to the base's (`-wire`).
    pub(crate) id_suffix: &'static str,
    /// What its title adds to the base's (`, as POSTed`).
    pub(crate) title_suffix: &'static str,
    /// Its signature.
    pub(crate) signature: Signature,
    /// Its schema's description, from the one derived from its type.
    pub(crate) describe: fn(&str) -> String,
    /// How its documents relate to the base kind's.
    pub(crate) derivation: Derivation,
}

impl PayloadKind {
    /// The entry for payload type `T`, as it declares itself.
    pub(crate) fn of<T: Payload>(
        parse: fn(&[u8]) -> Result<AnyPayload, serde_json::Error>,
    ) -> Self {
        let product = Product::of_id(T::ID)
            .unwrap_or_else(|| panic!("payload id `{}` names no product's vendor", T::ID));
        Self {
            id: T::ID,
            product,
            version: T::VERSION,
            title: T::TITLE,
            example: T::EXAMPLE_LINE.map(|line| ExampleLocation {
                page: product.page(),
                line,
            }),
            catalog: T::CATALOG,
            layer: T::LAYER,
            derived_from: None,
            refines: T::REFINES,
            signature: Signature {
                payload: T::CLUES,
                payload_at: "",
                layer: &[],
            },
            eras: <T as Validate>::ERAS,
            describe: T::description,
            operations: Operations::of::<T>(),
            parse,
            documented_example: documented_example::<T>,
            derivation: None,
        }
    }

    /// The entry for document type `T`, a layer derived from `base`: its id, title, version,
    /// signature and relation to `base` from `layer`, its product and catalog from `base`.
    pub(crate) fn derived<T: Document>(
        base: &PayloadKind,
        layer: DerivedLayer,
        parse: fn(&[u8]) -> Result<AnyPayload, serde_json::Error>,
    ) -> Self {
        Self {
            id: String::leak(format!("{}{}", base.id, layer.id_suffix)),
            product: base.product,
            version: layer.version,
            title: String::leak(format!("{}{}", base.title, layer.title_suffix)),
            example: None,
            catalog: base.catalog,
            layer: layer.layer,
            derived_from: Some(base.id),
            refines: base
                .refines
                .map(|refined| &*String::leak(format!("{refined}{}", layer.id_suffix))),
            signature: layer.signature,
            eras: <T as Validate>::ERAS,
            describe: layer.describe,
            operations: Operations::of::<T>(),
            parse,
            documented_example: || None,
            derivation: Some(layer.derivation),
        }
    }

    /// The published JSON Schema of this payload, as `cargo xtask gen` writes it: the same
    /// value, and the same bytes once rendered where `serde_json` keeps members in order (its
    /// `preserve_order` feature, which this crate does not impose on its dependents).
    pub fn schema(&self) -> Value {
        schema::published_schema(self, (self.operations.bare_schema)(), self.describe)
    }

    /// Deserialises `document` into the payload type and serialises it again.
    ///
    /// Serde checks structure only (member names, JSON types, required members), so this
    /// succeeds for any document of the right shape, whatever its formats and patterns.
    pub fn round_trip(&self, document: Value) -> Result<Value, serde_json::Error> {
        (self.operations.round_trip)(document)
    }

    /// Reads `bytes` into the kind's Rust type with `serde_json` and drops it: whether serde
    /// reads them (structure only, as [`Self::round_trip`]), at the cost of a typed parse.
    ///
    /// # Errors
    ///
    /// Serde's, when the bytes are not JSON or not of the type's shape.
    pub fn parse_typed(&self, bytes: &[u8]) -> Result<(), serde_json::Error> {
        (self.operations.parse_typed)(bytes)
    }

    /// Reads `bytes` into the kind's Rust type, as [`AnyPayload`]. Nothing is checked beyond what
    /// serde checks (structure): validate first ([`Self::validate_slice`], or
    /// [`crate::api::parse_any`], which does both).
    ///
    /// # Errors
    ///
    /// Serde's, when the bytes are not JSON or not of the type's shape.
    pub fn parse(&self, bytes: &[u8]) -> Result<AnyPayload, serde_json::Error> {
        (self.parse)(bytes)
    }

    /// The Rust type of the kind's documents, without module paths: `Row<ServerReport>`,
    /// `MixpanelExport<KeepAliveProperties>`, `ConsoleError` (each type is in the module of
    /// its product, [`crate::hasura`] or [`crate::appsmith`]).
    ///
    /// ```
    /// let kind = schema_types::registry::find("hasura/console-error-wire").unwrap();
    /// assert_eq!(kind.rust_type(), "Wire<ConsoleError>");
    /// ```
    pub fn rust_type(&self) -> String {
        let full = (self.operations.type_name)();
        let mut short = String::with_capacity(full.len());
        for (index, piece) in full.split("::").enumerate() {
            // Each piece but the last ends a path: keep only what follows its last `<`, `, `
            // or start, that is the separators the path was nested in.
            if index > 0 {
                let keep = short.rfind(['<', ' ', '(']).map_or(0, |at| at + 1);
                short.truncate(keep);
            }
            short.push_str(piece);
        }
        short
    }

    /// Checks a parsed document with the payload's generated validator.
    pub fn validate(&self, document: &Value) -> Report {
        (self.operations.validate)(document, Limits::DEFAULT)
    }

    /// Checks a parsed document with other limits.
    pub fn validate_with(&self, document: &Value, limits: Limits) -> Report {
        (self.operations.validate)(document, limits)
    }

    /// Checks a document given as bytes (invalid UTF-8 and malformed JSON are violations too).
    pub fn validate_slice(&self, bytes: &[u8]) -> Report {
        (self.operations.validate_slice)(bytes, Limits::DEFAULT)
    }

    /// Checks a document given as bytes, with other limits.
    pub fn validate_slice_with(&self, bytes: &[u8], limits: Limits) -> Report {
        (self.operations.validate_slice)(bytes, limits)
    }

    /// Checks a document given as bytes that detection gave to this kind: this kind's report,
    /// unless this kind refuses the document and the kind it refines ([`Self::refined`])
    /// accepts it, which is then the kind of the document, with its report. A refinement is
    /// told by its clues, not by its rules: a Console message showing a runtime error's
    /// `data.message` that the page's stricter `hasura/console-error` refuses (a `null` server
    /// UUID, from the 1.x Console) is still a valid message of `hasura/console-event`.
    pub fn validate_detected_slice_with(
        &'static self,
        bytes: &[u8],
        limits: Limits,
    ) -> (&'static PayloadKind, Report) {
        let report = self.validate_slice_with(bytes, limits);
        if !report.is_valid() {
            if let Some(refined) = self.refined() {
                let broader = refined.validate_slice_with(bytes, limits);
                if broader.is_valid() {
                    return (refined, broader);
                }
            }
        }
        (self, report)
    }

    /// The payload's fixture with its default values, as a document.
    pub fn fixture(&self) -> Value {
        (self.operations.fixture)()
    }

    /// A random valid document of this payload: the same `seed` gives the same document.
    #[cfg(feature = "proptest")]
    pub fn random(&self, seed: u64) -> Value {
        (self.operations.random)(seed)
    }

    /// The page's example rebuilt with the fixture builders ([`Payload::documented_example`]);
    /// `None` for a kind the pages print no example of.
    ///
    /// ```
    /// let kind = schema_types::registry::find("hasura/server-telemetry").unwrap();
    /// assert_eq!(kind.documented_example().unwrap()["ci"], "TRAVIS");
    /// assert!(schema_types::registry::find("hasura/cli-config").unwrap().documented_example().is_none());
    /// ```
    pub fn documented_example(&self) -> Option<Value> {
        (self.documented_example)()
    }

    /// The era named `name` of a kind with eras.
    ///
    /// ```
    /// let kind = schema_types::registry::find("appsmith/backend-call-event").unwrap();
    /// let era = kind.era("2021").unwrap();
    /// assert!(era.is_documented());
    /// assert!(kind.era("1999").is_none());
    /// ```
    pub fn era(&self, name: &str) -> Option<&'static Era> {
        self.eras.iter().find(|era| era.name() == name)
    }

    /// The era the upstream page documents, for a kind with eras.
    pub fn documented_era(&self) -> Option<&'static Era> {
        self.eras.iter().find(|era| era.is_documented())
    }

    /// The kind this one is derived from (see [`Self::derived_from`]).
    pub fn base(&self) -> Option<&'static PayloadKind> {
        self.derived_from.and_then(find)
    }

    /// The kind this one is a strict refinement of (see [`Self::refines`]).
    pub fn refined(&self) -> Option<&'static PayloadKind> {
        self.refines.and_then(find)
    }

    /// Whether `detected`, the kind detection gives a document of this kind, is this kind or a
    /// refinement of it (whose signature the document then shows).
    pub fn detects_as(&self, detected: &PayloadKind) -> bool {
        detected.id == self.id || detected.refines == Some(self.id)
    }

    /// A document of the base kind, wrapped into this kind's layer around the base's payload:
    /// `{"topic", "data"}` for a wire message, the row's own members before the payload's for a
    /// row (the topic and the row's members are this kind's fixture's). `None` when this kind
    /// is not derived, or when the layer cannot hold the document (a row of a non-object).
    pub fn wrap(&self, base_document: &Value) -> Option<Value> {
        (self.derivation?.wrap)(base_document)
    }

    /// Whether a violation of the base kind at `pointer` (about `member`, for `required` and
    /// `unknown-property`) concerns the payload, and so stays in the document [`Self::wrap`]
    /// makes; one about a row's own members does not.
    pub fn carries_over(&self, pointer: &str, member: Option<&str>) -> bool {
        self.derivation
            .is_some_and(|derivation| (derivation.carries_over)(pointer, member))
    }

    /// Where a violation at `pointer` in a document of the base kind stands once the document is
    /// wrapped by [`Self::wrap`].
    pub fn wrapped_pointer(&self, pointer: &str) -> String {
        match self.derivation {
            Some(derivation) => (derivation.wrapped_pointer)(pointer),
            None => pointer.to_owned(),
        }
    }

    /// The schema file's path relative to `schemas/`: `vendor/payload/VERSION.schema.json`.
    pub fn schema_path(&self) -> String {
        crate::schema_path::of(self.id, self.version)
    }

    /// The schema's `$id`: [`schema::BASE_URL`] followed by [`Self::schema_path`].
    pub fn schema_id(&self) -> String {
        format!("{}{}", schema::BASE_URL, self.schema_path())
    }
}

/// Kinds are equal when their ids are: an id names one kind of the registry.
impl PartialEq for PayloadKind {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for PayloadKind {}

impl std::hash::Hash for PayloadKind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
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

fn round_trip<T: Document>(document: Value) -> Result<Value, serde_json::Error> {
    let payload: T = serde_json::from_value(document)?;
    serde_json::to_value(payload)
}

fn parse_typed<T: Document>(bytes: &[u8]) -> Result<(), serde_json::Error> {
    serde_json::from_slice::<T>(bytes).map(drop)
}

fn fixture<T: Document>() -> Value {
    serde_json::to_value(T::fixture_default()).expect("a payload always serialises")
}

fn documented_example<T: Payload>() -> Option<Value> {
    T::documented_example()
        .map(|example| serde_json::to_value(example).expect("a payload always serialises"))
}

#[cfg(feature = "proptest")]
fn random<T: Document>(seed: u64) -> Value {
    serde_json::to_value(crate::fixture::random::seeded::<T>(seed))
        .expect("a payload always serialises")
}
