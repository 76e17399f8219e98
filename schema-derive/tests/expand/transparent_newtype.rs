//! A transparent newtype with a format (declared on the type) and a pattern (on its one field),
//! and an example that becomes the fixture's default.

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::Validate;
use serde::Serialize;
use serde_json::json;

mod support;
use support::fixtures_are_valid;

#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = "dddff371-dab2-450f-9969-235bca66dab1")]
#[schemars(extend("format" = "uuid"))]
pub struct Uuid(
    #[schemars(regex(
        pattern = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    ))]
    pub String,
);

fn rules(value: &serde_json::Value) -> Vec<String> {
    let parsed = Uuid::validate(value);
    let streamed = Uuid::validate_slice(value.to_string().as_bytes());
    assert_eq!(parsed.violations(), streamed.violations());
    parsed
        .violations()
        .iter()
        .map(|v| v.rule.name().to_owned())
        .collect()
}


fn main() {
    assert!(rules(&json!("dddff371-dab2-450f-9969-235bca66dab1")).is_empty());
    // A UUID, but not in lower case: only the pattern objects.
    assert_eq!(
        rules(&json!("DDDFF371-DAB2-450F-9969-235BCA66DAB1")),
        ["pattern"]
    );
    // Neither a UUID nor the pattern: both object.
    assert_eq!(rules(&json!("dddff371")), ["format", "pattern"]);
    // Not a string: the field's own type objects, and nothing else is checked.
    assert_eq!(rules(&json!(7)), ["type"]);

    assert_eq!(
        Uuid::fixture_default(),
        Uuid("dddff371-dab2-450f-9969-235bca66dab1".to_owned())
    );

    fixtures_are_valid::<Uuid>();
}
