//! [`Nullable`]: a member that is always present and may be `null`, which neither `Option` (an
//! optional member to serde's `skip_serializing_if` and to schemars) nor a bare `T` says.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A member that is always present and may be `null`.
///
/// `Option<T>` would make the member optional in the schema; the emitters documented here write
/// every member of their structs, `null` included, so absence and `null` are not the same thing.
/// What `null` means is said on each field that uses this type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nullable<T>(pub Option<T>);

impl<T> Nullable<T> {
    /// A member holding `null`.
    pub const NULL: Self = Self(None);

    /// A member holding a value.
    pub fn value(value: T) -> Self {
        Self(Some(value))
    }

    /// The value, or `None` for `null`.
    pub fn as_option(&self) -> Option<&T> {
        self.0.as_ref()
    }

    /// Whether the member holds `null`.
    pub fn is_null(&self) -> bool {
        self.0.is_none()
    }

    /// Reads a member that may be absent, `null` or a value, as `Option<Nullable<T>>`: `Some`
    /// whenever the member is present, `null` included (serde alone reads `null` as `None`).
    /// For `#[serde(default, deserialize_with = "schema_runtime::Nullable::present")]`, with
    /// `skip_serializing_if = "Option::is_none"` to write it back as it came.
    ///
    /// # Errors
    ///
    /// The deserializer's, when the value is neither `null` nor a `T`.
    pub fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error>
    where
        T: Deserialize<'de>,
    {
        Self::deserialize(deserializer).map(Some)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self(Some(value))
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Self(Some(value.to_owned()))
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        Self(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self)
    }
}

impl<T: JsonSchema> JsonSchema for Nullable<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Option<T>>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        <Option<T>>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The schema of `Option<T>` (T or null); what differs is that `Nullable` is not an
        // option to schemars, so the member stays in `required`.
        <Option<T>>::json_schema(generator)
    }
}
