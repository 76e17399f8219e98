//! [`Inline`]: a type's schema written in place of a `$ref` to it, for `#[schemars(with)]`.
//!
//! schemars references a named type's schema (`$ref`), and `Option` of a reference becomes
//! `anyOf: [{"$ref": ...}, {"type": "null"}]`, which refuses a bad value with `anyOf`. Written
//! in place, the same schema takes `null` into its `type` instead (`{"type": ["string",
//! "null"], "pattern": ...}`), and a bad value is refused by the type's own keyword
//! (`pattern`), as where the type stands alone: `#[schemars(with = "Option<Inline<T>>")]`.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserializer;
use serde_json::Value;

use crate::validate::{Checker, Seen, Validate};

/// `T`'s schema, inlined; validated as `T`. A stand-in for `#[schemars(with = ...)]` only:
/// it holds no value.
pub struct Inline<T>(PhantomData<fn() -> T>);

impl<T: JsonSchema> JsonSchema for Inline<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

impl<T: Validate> Validate for Inline<T> {
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
        T::validate_at(value, checker);
    }

    fn stream_at<'de, D: Deserializer<'de>>(
        deserializer: D,
        checker: &mut Checker<'de>,
    ) -> Result<Seen<'de>, D::Error> {
        T::stream_at(deserializer, checker)
    }
}
