//! [`OrEmpty`]: a member that holds a value, or `""` where the emitter has none.
//!
//! Java emitters often write a missing value as an empty string
//! (`ObjectUtils.defaultIfNull(value, "")`), so one member holds an object, an array or a
//! boolean, or `""`. An `anyOf` of the type and `""` would say so, but refuses a bad value as a
//! whole, at the member: a wrong member deep inside the object is reported as "not any of". A
//! union `type` (`["object", "string"]` with `maxLength: 0`) would not, but strict validators
//! (ajv's strict mode) refuse to compile a union of types other than `null`. The schema here is
//! a condition: `{"if": {"type": "string"}, "then": {"type": "string", "maxLength": 0}, "else":
//! T}`: a string is held to `""`, anything else is judged by `T`'s own schema, so a bad value is
//! refused by the keyword it breaks, where it breaks it, by `jsonschema` and by the validator
//! alike.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::LazyLock;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::Fixture;
use crate::validate::{Checker, Rule, Seen, Validate};

/// A member that holds a `T` (not itself a string), or `""` where the emitter has none.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrEmpty<T> {
    /// The value.
    Value(T),
    /// `""`: the emitter had no value.
    Empty,
}

impl<T> OrEmpty<T> {
    /// The value, or `None` for `""`.
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Empty => None,
        }
    }
}

impl<T> From<T> for OrEmpty<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T> Fixture for OrEmpty<T> {
    /// `""`, what the emitter sends when it has no value.
    fn fixture_default() -> Self {
        Self::Empty
    }
}

impl<T: Serialize> Serialize for OrEmpty<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => value.serialize(serializer),
            Self::Empty => serializer.serialize_str(""),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for OrEmpty<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(text) if text.is_empty() => Ok(Self::Empty),
            Value::String(text) => Err(de::Error::invalid_value(
                de::Unexpected::Str(&text),
                &"a value, or an empty string",
            )),
            value => T::deserialize(value)
                .map(Self::Value)
                .map_err(de::Error::custom),
        }
    }
}

impl<T: JsonSchema> JsonSchema for OrEmpty<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("{}OrEmpty", T::schema_name()).into()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("{}OrEmpty", T::schema_id()).into()
    }

    /// `{"if": {"type": "string"}, "then": {"type": "string", "maxLength": 0}, "else": T}`: a
    /// string must be `""`, anything else must be a `T` (`schema_walk::or_empty` in the types
    /// crate reads the shape back).
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "if": { "type": "string" },
            "then": { "type": "string", "maxLength": 0 },
            "else": generator.subschema_for::<T>(),
        })
    }
}

/// What a string other than `""` breaks: `maxLength: 0`, in the words of every length.
static EMPTY: LazyLock<String> =
    LazyLock::new(|| schema_vocabulary::length(None, Some(0), schema_vocabulary::Unit::Characters));

/// Records a string other than `""`.
fn check_empty(checker: &mut Checker<'_>, seen: &Seen<'_>) {
    if let Seen::String(text) = seen {
        if !text.is_empty() {
            checker.violation(Rule::Length, EMPTY.as_str(), seen);
        }
    }
}

impl<T: Validate> Validate for OrEmpty<T> {
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
        match value {
            Value::String(_) => check_empty(checker, &Seen::of(value)),
            _ => T::validate_at(value, checker),
        }
    }

    /// A string is judged here; anything else is handed to `T` as it was read.
    fn stream_at<'de, D: Deserializer<'de>>(
        deserializer: D,
        checker: &mut Checker<'de>,
    ) -> Result<Seen<'de>, D::Error> {
        deserializer.deserialize_any(EmptyOr {
            checker,
            value: PhantomData::<T>,
        })
    }
}

/// Reads the value of an [`OrEmpty`] member: a string is `""` or a violation, any other value
/// goes to `T`'s own check through a deserializer of what was read.
struct EmptyOr<'a, 'de, T> {
    checker: &'a mut Checker<'de>,
    value: PhantomData<T>,
}

impl<'de, T: Validate> EmptyOr<'_, 'de, T> {
    fn string<E>(self, seen: Seen<'de>) -> Result<Seen<'de>, E> {
        check_empty(self.checker, &seen);
        Ok(seen)
    }

    fn scalar<E: de::Error>(self, value: impl IntoDeserializer<'de, E>) -> Result<Seen<'de>, E> {
        T::stream_at(value.into_deserializer(), self.checker)
    }
}

impl<'de, T: Validate> Visitor<'de> for EmptyOr<'_, 'de, T> {
    type Value = Seen<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value, or an empty string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Seen<'de>, E> {
        self.string(Seen::String(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Seen<'de>, E> {
        self.string(Seen::String(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Seen<'de>, E> {
        self.string(Seen::String(Cow::Owned(text)))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Seen<'de>, E> {
        self.scalar(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Seen<'de>, E> {
        self.scalar(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Seen<'de>, E> {
        self.scalar(value)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Seen<'de>, E> {
        self.scalar(value)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Seen<'de>, E> {
        self.scalar(())
    }

    fn visit_none<E: de::Error>(self) -> Result<Seen<'de>, E> {
        self.scalar(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Seen<'de>, A::Error> {
        T::stream_at(MapAccessDeserializer::new(map), self.checker)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Seen<'de>, A::Error> {
        T::stream_at(SeqAccessDeserializer::new(seq), self.checker)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;

    fn pointers(report: &crate::validate::Report) -> Vec<(String, Rule)> {
        report
            .violations()
            .iter()
            .map(|v| (v.pointer.clone(), v.rule))
            .collect()
    }

    #[test]
    fn the_empty_string_and_the_type_are_accepted_and_nothing_else() {
        type Flag = OrEmpty<bool>;
        for accepted in [json!(""), json!(true), json!(false)] {
            assert!(Flag::validate(&accepted).is_valid(), "{accepted}");
            let bytes = serde_json::to_vec(&accepted).unwrap();
            assert!(Flag::validate_slice(&bytes).is_valid(), "{accepted}");
        }
        for (refused, rule) in [
            (json!("false"), Rule::Length),
            (json!(0), Rule::Type),
            (json!(null), Rule::Type),
            (json!({}), Rule::Type),
            (json!([]), Rule::Type),
        ] {
            let parsed = Flag::validate(&refused);
            let streamed = Flag::validate_slice(&serde_json::to_vec(&refused).unwrap());
            assert_eq!(pointers(&parsed), [(String::new(), rule)], "{refused}");
            assert_eq!(parsed.violations(), streamed.violations(), "{refused}");
        }
    }

    #[test]
    fn a_bad_value_inside_the_type_is_reported_where_it_is() {
        type Names = OrEmpty<BTreeMap<String, String>>;
        let document = json!({"k0": "Input1.text", "k1": 5});
        let parsed = Names::validate(&document);
        let streamed = Names::validate_slice(&serde_json::to_vec(&document).unwrap());
        assert_eq!(pointers(&parsed), [("/k1".to_owned(), Rule::Type)]);
        assert_eq!(parsed.violations(), streamed.violations());
    }

    #[test]
    fn the_schema_holds_a_string_to_empty_and_anything_else_to_the_type() {
        let schema = schemars::schema_for!(OrEmpty<Vec<bool>>);
        let value = schema.as_value();
        assert_eq!(value["if"], json!({"type": "string"}));
        assert_eq!(value["then"], json!({"type": "string", "maxLength": 0}));
        assert_eq!(
            value["else"],
            json!({"type": "array", "items": {"type": "boolean"}})
        );
    }

    #[test]
    fn it_reads_and_writes_the_empty_string_as_empty() {
        let empty: OrEmpty<bool> = serde_json::from_value(json!("")).unwrap();
        assert_eq!(empty, OrEmpty::Empty);
        assert_eq!(serde_json::to_value(&empty).unwrap(), json!(""));
        let flag: OrEmpty<bool> = serde_json::from_value(json!(true)).unwrap();
        assert_eq!(flag.as_option(), Some(&true));
        assert!(serde_json::from_value::<OrEmpty<bool>>(json!("no")).is_err());
    }
}
