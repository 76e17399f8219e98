//! Fixtures: valid documents with deterministic defaults, the runtime behind
//! `#[derive(Fixture)]`.
//!
//! `T::fixture()` returns a builder holding a valid `T` made of defaults; every field has a
//! setter, nested types have their own builders (a builder converts into its type, so it can be
//! passed to the parent's setter as it is), and `build()` returns the value. The defaults come
//! from the type definitions: a constrained newtype's default is the `example` its
//! `#[schemars(...)]` attribute declares (so the example in the schema and the fixture's default
//! are one fact), an array with a minimum length gets that many default items, a nullable member
//! is `null`, an optional member is absent, an enum takes its first variant.
//!
//! With the cargo feature `proptest`, the derive also implements `random::Random`: random valid
//! instances for property tests, drawn from the same declarations.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

use crate::Nullable;

#[cfg(feature = "proptest")]
pub mod random;

/// Derives [`Fixture`](trait@Fixture) and a builder from a type's serde and schemars attributes.
pub use schema_derive::Fixture;

/// A type with a valid, deterministic default value.
pub trait Fixture: Sized {
    /// The default value: valid against the type's schema, the same on every call.
    fn fixture_default() -> Self;

    /// The default value with the members named `present` present and not `null` (each the
    /// default of its type): for a struct with named fields, what a cross-member rule's
    /// `members(required(...))` asks of the object it constrains, and what a struct asks of the
    /// parts flattened into it to meet an `at_least_one` rule whose members they lend (a
    /// flattened part is given the names its struct is given). Other types have no members and
    /// give their default.
    #[doc(hidden)]
    fn fixture_with_members(present: &[&str]) -> Self {
        let _ = present;
        Self::fixture_default()
    }
}

/// The value a cross-member rule compares `member` with, given as JSON text, as a value of the
/// member's type: the default of a condition member, so that the default of a struct meets the
/// rule it states about a nested object.
///
/// # Panics
///
/// When the text is no value of the type: the rule names a value its member never holds, a
/// mistake in the rule.
#[doc(hidden)]
pub fn rule_value<T: serde::de::DeserializeOwned>(json: &str, member: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|error| {
        panic!("a rule compares `{member}` with {json}, which is no value of its type: {error}")
    })
}

/// Turns the literal of a `#[schemars(example = ...)]` into the value a newtype wraps.
pub trait FromExample<E> {
    /// The value the example stands for.
    fn from_example(example: E) -> Self;
}

impl FromExample<&str> for String {
    fn from_example(example: &str) -> Self {
        example.to_owned()
    }
}

impl FromExample<u64> for u64 {
    fn from_example(example: u64) -> Self {
        example
    }
}

impl FromExample<u64> for Number {
    fn from_example(example: u64) -> Self {
        Number::from(example)
    }
}

impl FromExample<f64> for Number {
    fn from_example(example: f64) -> Self {
        // Examples are finite literals; a non-finite one has no JSON form and falls back to 0.
        Number::from_f64(example).unwrap_or_else(|| Number::from(0u64))
    }
}

macro_rules! fixture_defaults {
    ($($ty:ty => $default:expr),* $(,)?) => {$(
        impl Fixture for $ty {
            fn fixture_default() -> Self {
                $default
            }
        }
    )*};
}

fixture_defaults! {
    String => String::new(),
    bool => false,
    u64 => 0,
    Number => Number::from(0u64),
    Value => Value::Null,
    Map<String, Value> => Map::new(),
}

impl<T> Fixture for Vec<T> {
    fn fixture_default() -> Self {
        Vec::new()
    }
}

impl<T> Fixture for BTreeMap<String, T> {
    fn fixture_default() -> Self {
        BTreeMap::new()
    }
}

impl<T> Fixture for Option<T> {
    fn fixture_default() -> Self {
        None
    }
}

impl<T> Fixture for Nullable<T> {
    fn fixture_default() -> Self {
        Nullable::NULL
    }
}
