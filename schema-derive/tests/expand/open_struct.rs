//! An open struct: its other members are collected by a flattened map, whose values are
//! checked like any member.

use std::collections::BTreeMap;

use schema_runtime::fixture::Fixture;
use schema_runtime::fixture::random::{Random, seeded};
use schema_runtime::validate::Validate;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Serialize, Validate, Fixture)]
pub struct Labels {
    pub name: String,
    #[serde(flatten)]
    pub other: BTreeMap<String, u64>,
}

/// Every (pointer, rule) of `report`, sorted: the parsed path reports a missing member before
/// the other members, the streaming path after them.
fn found(report: &schema_runtime::validate::Report) -> Vec<(String, &'static str)> {
    let mut found: Vec<(String, &'static str)> = report
        .violations()
        .iter()
        .map(|v| (v.pointer.clone(), v.rule.name()))
        .collect();
    found.sort_unstable();
    found
}

/// The fixture's default and its random values (the derive's `Random` impl) are valid.
fn fixtures_are_valid<T: Fixture + Random + Serialize + Validate>() {
    let default = serde_json::to_value(T::fixture_default()).unwrap();
    assert!(T::validate(&default).is_valid(), "{default}");
    for seed in 0..64 {
        let value = serde_json::to_value(seeded::<T>(seed)).unwrap();
        assert!(T::validate(&value).is_valid(), "{value}");
    }
}

fn main() {
    let good = json!({"name": "a", "region": 1, "zone": 2});
    assert!(Labels::validate(&good).is_valid());
    assert!(Labels::validate_slice(good.to_string().as_bytes()).is_valid());

    // The named member is still required and typed; each other member must be a count.
    let bad = json!({"region": "eu", "zone": 2});
    let parsed = Labels::validate(&bad);
    let streamed = Labels::validate_slice(bad.to_string().as_bytes());
    assert_eq!(found(&parsed), found(&streamed));
    let expected = [(String::new(), "required"), ("/region".to_owned(), "type")];
    assert_eq!(found(&parsed), expected, "{parsed:?}");

    let built = Labels::fixture()
        .other(BTreeMap::from([("zone".to_owned(), 2)]))
        .build();
    assert_eq!((built.name.as_str(), built.other.len()), ("", 1));

    fixtures_are_valid::<Labels>();
}
