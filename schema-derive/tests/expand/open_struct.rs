//! An open struct: its other members are collected by a flattened map, whose values are
//! checked like any member.

use std::collections::BTreeMap;

mod support;
use support::*;

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::Validate;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Serialize, Validate, Fixture)]
pub struct Labels {
    pub name: String,
    #[serde(flatten)]
    pub other: BTreeMap<String, u64>,
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
