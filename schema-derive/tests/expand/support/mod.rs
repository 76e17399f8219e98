//! What every expansion case checks of the types it derives, written once: the fixtures are
//! valid, and the violations a document gets.

use schema_runtime::fixture::Fixture;
use schema_runtime::fixture::random::{Random, seeded};
use schema_runtime::validate::{Report, Validate};
use serde::Serialize;

/// Every (pointer, rule) of `report`, sorted: the parsed path reports a missing member before
/// the other members, the streaming path after them.
pub fn found(report: &Report) -> Vec<(String, &'static str)> {
    let mut found: Vec<(String, &'static str)> = report
        .violations()
        .iter()
        .map(|v| (v.pointer.clone(), v.rule.name()))
        .collect();
    found.sort_unstable();
    found
}

/// The fixture's default and its random values (the derive's `Random` impl) are valid.
pub fn fixtures_are_valid<T: Fixture + Random + Serialize + Validate>() {
    let default = serde_json::to_value(T::fixture_default()).unwrap();
    assert!(T::validate(&default).is_valid(), "{default}");
    for seed in 0..64 {
        let value = serde_json::to_value(seeded::<T>(seed)).unwrap();
        assert!(T::validate(&value).is_valid(), "{value}");
    }
}
