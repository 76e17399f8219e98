//! An enum of unit variants, renamed as a whole and one by one: only the wire names are
//! accepted, and the fixture is the first variant.

use schema_runtime::fixture::Fixture;
use schema_runtime::fixture::random::{Random, seeded};
use schema_runtime::validate::Validate;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mode {
    Edit,
    PublishedApp,
    #[serde(rename = "view")]
    View,
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
    for accepted in ["EDIT", "PUBLISHED_APP", "view"] {
        assert!(Mode::validate(&json!(accepted)).is_valid(), "{accepted}");
        assert!(Mode::validate_slice(json!(accepted).to_string().as_bytes()).is_valid());
    }
    for rejected in [json!("Edit"), json!("VIEW"), json!(1)] {
        let parsed = Mode::validate(&rejected);
        let streamed = Mode::validate_slice(rejected.to_string().as_bytes());
        assert_eq!(parsed.violations(), streamed.violations());
        assert_eq!(parsed.total(), 1, "{rejected}: {parsed:?}");
    }
    assert_eq!(Mode::fixture_default(), Mode::Edit);

    fixtures_are_valid::<Mode>();
}
