//! Generic parameters may have any name, those the generated code uses for its own included: a
//! wrapper that flattens `A` and holds `D`, `V` and `T`, derived and used on both paths.

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::Validate;
use serde::Serialize;

#[derive(Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Inner {
    pub name: String,
}

#[derive(Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Wrapper<A, D, V, T> {
    #[serde(flatten)]
    pub flattened: A,
    pub data: D,
    pub value: V,
    pub items: Vec<T>,
}

fn main() {
    type Concrete = Wrapper<Inner, Inner, u64, String>;
    let good = br#"{"name": "a", "data": {"name": "b"}, "value": 1, "items": ["x"]}"#;
    assert!(Concrete::validate_slice(good).is_valid());
    let bad = br#"{"name": 1, "data": {}, "value": "v", "items": [2], "other": 0}"#;
    let parsed: serde_json::Value = serde_json::from_slice(bad).unwrap();
    assert_eq!(Concrete::validate_slice(bad).total(), 5);
    assert_eq!(Concrete::validate(&parsed).total(), 5);
    let built = serde_json::to_value(Concrete::fixture().build()).unwrap();
    assert!(Concrete::validate(&built).is_valid(), "{built}");
}
