//! An enum of unit variants, renamed as a whole and one by one: only the wire names are
//! accepted, and the fixture is the first variant.

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::Validate;
use serde::Serialize;
use serde_json::json;

mod support;
use support::fixtures_are_valid;

#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mode {
    Edit,
    PublishedApp,
    #[serde(rename = "view")]
    View,
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
