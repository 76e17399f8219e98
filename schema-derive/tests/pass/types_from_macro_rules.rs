//! Types a `macro_rules!` macro hands on as `$ty:ty` fragments reach the derives wrapped in
//! invisible groups; the derives read them as they read the same types written out: a flattened
//! struct, an `Option` member (optional, absent from the fixture's default) and a map to flatten,
//! each given through the macro, derived and used on both paths.

use std::collections::BTreeMap;

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::Validate;
use serde::Serialize;

#[derive(Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub name: String,
}

macro_rules! declare {
    ($name:ident, $part:ty, $optional:ty, $map:ty) => {
        #[derive(Serialize, Validate, Fixture)]
        pub struct $name {
            #[serde(flatten)]
            pub part: $part,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: $optional,
            #[serde(flatten)]
            pub rest: $map,
        }
    };
}

declare!(Declared, Part, Option<String>, BTreeMap<String, u64>);

fn main() {
    let good = br#"{"name": "a", "extra": 1}"#;
    assert!(Declared::validate_slice(good).is_valid());
    let parsed: serde_json::Value = serde_json::from_slice(good).unwrap();
    assert!(Declared::validate(&parsed).is_valid());
    // The member `name` lacking, `note` of the wrong type, a flattened value of the wrong type.
    let bad = br#"{"note": 1, "extra": "x"}"#;
    let parsed: serde_json::Value = serde_json::from_slice(bad).unwrap();
    assert_eq!(Declared::validate_slice(bad).total(), 3);
    assert_eq!(Declared::validate(&parsed).total(), 3);
    let built = serde_json::to_value(Declared::fixture().build()).unwrap();
    assert!(Declared::validate(&built).is_valid(), "{built}");
    assert!(built.get("note").is_none(), "an optional member is absent by default: {built}");
}
