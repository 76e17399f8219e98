//! Constrained values shared by the payloads of both products.
//!
//! Every constraint on a value (a UUID's shape, a digest's length, a count's range) is stated
//! once, here, on a newtype; payload fields use the newtype and so inherit the rule in their
//! schema (as a `$defs` entry they `$ref`). The newtypes hold exactly what the document held:
//! a timestamp keeps its text (`2019-01-21T19:43:33.63838+00:00` round-trips unchanged), a
//! number keeps whether it was written as an integer or a fraction.
//!
//! Deserialisation checks structure only (JSON types, member names); the formats and patterns
//! declared here are the schema's to judge. That split is what lets a type hold the docs' own
//! samples, some of which break a rule (each such value is a recorded erratum, see
//! [`crate::corpus`]), and it keeps the invariant the other way round: whatever the schema
//! accepts, serde deserialises.

pub use schema_runtime::{MAX_SAFE_INTEGER, Nullable, OrEmpty};

/// Declares a newtype over one JSON value, as every constrained value of the payloads is.
///
/// What the newtypes share is written here once: the value traits, the derives of the schema,
/// the validator and the fixture, `#[serde(transparent)]`, and the accessors of the inner type:
/// text (`new`, `as_str`, `Display`, `From<&str>`, `From<String>`), a JSON number kept as sent
/// (`From<u64>`, `From<serde_json::Number>`), or an unsigned integer (`Copy`, `get`,
/// `From<u64>`, `Display`) read the way JSON Schema reads an integer, `2.0` included. The doc
/// comment and the `schemars` attributes (the example, the rule) are each type's own.
macro_rules! newtype {
    ($($(#[$meta:meta])* pub struct $name:ident($(#[$field:meta])* $($inner:ident)::+);)+) => {$(
        $crate::common::newtype!(@accessors [$(#[$meta])*] $name [$(#[$field])*] $($inner)::+);
    )+};
    (@accessors [$(#[$meta:meta])*] $name:ident [$(#[$field:meta])*] String) => {
        $crate::common::newtype!(@declare [$(#[$meta])*] $name [$(#[$field])*] String);

        impl $name {
            /// Wraps a string as it appears in a document; it is not checked here.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The text exactly as the document holds it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }
    };
    (@accessors [$(#[$meta:meta])*] $name:ident [$(#[$field:meta])*] serde_json::Number) => {
        $crate::common::newtype!(@declare [$(#[$meta])*] $name [$(#[$field])*] serde_json::Number);

        impl From<u64> for $name {
            fn from(value: u64) -> Self {
                Self(value.into())
            }
        }

        impl From<serde_json::Number> for $name {
            fn from(value: serde_json::Number) -> Self {
                Self(value)
            }
        }
    };
    (@accessors [$(#[$meta:meta])*] $name:ident [$(#[$field:meta])*] u64) => {
        $crate::common::newtype!(@declare [#[derive(Copy)] $(#[$meta])*] $name [
            #[serde(deserialize_with = "crate::common::integral::deserialize")]
            $(#[$field])*
        ] u64);

        impl $name {
            /// The number.
            pub fn get(self) -> u64 {
                self.0
            }
        }

        impl From<u64> for $name {
            fn from(value: u64) -> Self {
                Self(value)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
    };
    (@declare [$(#[$meta:meta])*] $name:ident [$(#[$field:meta])*] $($inner:tt)+) => {
        #[derive(Clone, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[derive(::schemars::JsonSchema, $crate::validate::Validate, $crate::fixture::Fixture)]
        $(#[$meta])*
        #[serde(transparent)]
        pub struct $name($(#[$field])* pub $($inner)+);
    };
}
pub(crate) use newtype;

newtype! {
    /// A UUID in its canonical text form: 32 lower-case hex digits in groups of 8-4-4-4-12.
    ///
    /// Both products generate their UUIDs with libraries that print this form (Haskell `uuid`, Go
    /// `google/uuid`, Java `UUID.randomUUID`, JavaScript `uuid`), so the rule is strict.
    #[schemars(example = "dddff371-dab2-450f-9969-235bca66dab1")]
    #[schemars(extend("format" = "uuid"))]
    pub struct Uuid(
        #[schemars(regex(
            pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
        ))]
        String
    );

    /// An RFC 3339 date-time, kept as the exact text that was sent.
    ///
    /// Kept as text rather than parsed, so that a document round-trips byte for byte: PostgreSQL
    /// writes `2019-01-21T19:43:33.63838+00:00` (trailing zeros of the microseconds dropped),
    /// JavaScript writes `2020-11-04T10:52:14.616Z`, and both must come back unchanged.
    #[schemars(example = "2019-01-21T19:43:33.63838+00:00")]
    #[schemars(extend("format" = "date-time"))]
    pub struct Rfc3339Timestamp(String);

    /// A SHA-256 digest written as 64 lower-case hex digits.
    ///
    /// Appsmith hashes user identifiers (normally an e-mail address) with `sha256Hex` on the server
    /// and `js-sha256` in the browser; both print lower-case hex.
    #[schemars(example = &"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    pub struct Sha256Hex(#[schemars(regex(pattern = r"^[0-9a-f]{64}$"))] String);

    /// A MongoDB ObjectId written as 24 lower-case hex digits.
    ///
    /// Appsmith stores its instances, users, organisations, applications and pages in MongoDB; their
    /// ids (`instanceId`, `distinct_id`, `appId`, `orgId`, `pageId`, ...) are ObjectIds.
    #[schemars(example = "609ce8fb4092701c69df9846")]
    pub struct ObjectId(#[schemars(regex(pattern = r"^[0-9a-f]{24}$"))] String);

    /// An IPv4 or IPv6 address in its usual text form.
    #[schemars(example = "117.211.16.3")]
    #[schemars(extend("anyOf" = [{ "format": "ipv4" }, { "format": "ipv6" }]))]
    pub struct IpAddress(String);

    /// A number of things (tables, roles, secrets, bytes, CPU shares, milliseconds): an integer
    /// from 0 to 2^53 − 1.
    #[derive(Default)]
    #[schemars(example = 0)]
    pub struct Count(#[schemars(range(max = 9_007_199_254_740_991u64))] u64);

    /// The serial number the Hasura collector gives each stored row: an integer from 1.
    ///
    /// PostgreSQL `serial` columns start at 1; the emitters never send it.
    #[schemars(example = 1)]
    pub struct SerialId(#[schemars(range(min = 1, max = 9_007_199_254_740_991u64))] u64);

    /// A moment as whole milliseconds since the Unix epoch (1970-01-01T00:00:00Z).
    #[schemars(example = 1_704_784_233_604_u64)]
    pub struct EpochMillis(#[schemars(range(max = 9_007_199_254_740_991u64))] u64);

    /// The nanoseconds within a second of a point in time: an integer from 0 to 999,999,999 (the
    /// `nanos` of a `java.time.Instant`).
    #[derive(Default)]
    #[schemars(example = 0)]
    pub struct NanoOfSecond(#[schemars(range(max = 999_999_999u64))] u64);

    /// A moment as seconds since the Unix epoch, whole or fractional (`1704784217.602`).
    ///
    /// Kept as the JSON number that was sent, so that `1704784217` stays an integer and
    /// `1704784217.602` keeps its digits through a round-trip.
    #[schemars(example = 1704784217.602)]
    pub struct EpochSeconds(#[schemars(range(min = 0))] serde_json::Number);
}

impl EpochSeconds {
    /// Seconds with a fraction (`1704784217.602`); `None` for a NaN or an infinity, which JSON
    /// cannot hold.
    pub fn from_f64(seconds: f64) -> Option<Self> {
        serde_json::Number::from_f64(seconds).map(Self)
    }
}

/// Reads an unsigned integer the way JSON Schema's `"type": "integer"` does.
///
/// JSON Schema counts `2.0` as an integer; serde's `u64` does not. Without this reading a
/// document the schema accepts could fail to deserialise, breaking the invariant that whatever
/// the schema accepts, serde deserialises.
pub(crate) mod integral {
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_any(IntegralVisitor)
    }

    struct IntegralVisitor;

    impl Visitor<'_> for IntegralVisitor {
        type Value = u64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a non-negative integer")
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<u64, E> {
            Ok(value)
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<u64, E> {
            u64::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<u64, E> {
            // 2^64 is the first f64 above u64::MAX; `as` would saturate, so bound it first.
            const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;
            if value.fract() == 0.0 && (0.0..TWO_POW_64).contains(&value) {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // bounded above
                Ok(value as u64)
            } else {
                Err(E::invalid_value(de::Unexpected::Float(value), &self))
            }
        }
    }
}

newtype! {
    /// A UUID in its canonical text form (32 lower-case hex digits in groups of 8-4-4-4-12), or `""`
    /// where the emitter does not know the identifier.
    ///
    /// Hasura's Console sends the server's UUID as `""` until it has loaded the server's state, and
    /// leaves the CLI's UUID empty in server mode; the CLI sends `""` for commands that never reach
    /// a server (`hasura/graphql-engine`: `console/src/telemetry/index.ts`,
    /// `cli/telemetry/telemetry.go`). Any other text, an upper-case or malformed UUID among them, is
    /// still refused; the nil UUID `00000000-0000-0000-0000-000000000000` is a UUID like any other.
    #[schemars(example = "015a8f49-2fbd-4c41-8066-23f48d9c620a")]
    #[schemars(extend("anyOf" = [
        { "maxLength": 0 },
        {
            "format": "uuid",
            "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
        }
    ]))]
    pub struct UuidOrEmpty(String);
}

impl UuidOrEmpty {
    /// Whether the emitter sent `""`: it did not know the identifier.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
