//! A closed struct (`deny_unknown_fields`, camelCase wire names) whose fields are constrained
//! newtypes, beside an optional member: every violation is reported, the same on both paths,
//! and the builder starts from the newtypes' examples. Each newtype declares its two bounds as
//! two `extend` keywords, which the random fixture values must respect together.

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::Validate;
use serde::Serialize;
use serde_json::json;

mod support;
use support::*;

#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = 3, extend("minimum" = 1, "maximum" = 99))]
pub struct Count(pub u64);

#[derive(Debug, PartialEq, Serialize, Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = "main", extend("minLength" = 1, "maxLength" = 16))]
pub struct Name(pub String);

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Source {
    pub table_count: Count,
    pub source_name: Name,
    #[serde(default)]
    pub note: Option<String>,
}



fn main() {
    let good = json!({"tableCount": 3, "sourceName": "main"});
    assert!(Source::validate(&good).is_valid());
    assert!(Source::validate_slice(good.to_string().as_bytes()).is_valid());

    // Out of range, too short, and a member the type does not declare.
    let bad = json!({"tableCount": 0, "sourceName": "", "extra": true});
    let parsed = Source::validate(&bad);
    let streamed = Source::validate_slice(bad.to_string().as_bytes());
    assert_eq!(found(&parsed), found(&streamed));
    let expected = [
        (String::new(), "unknown-property"),
        ("/sourceName".to_owned(), "length"),
        ("/tableCount".to_owned(), "range"),
    ];
    assert_eq!(found(&parsed), expected, "{parsed:?}");

    let built = Source::fixture()
        .source_name(Name("replica".to_owned()))
        .build();
    assert_eq!(built.table_count, Count(3));
    assert_eq!(built.source_name, Name("replica".to_owned()));
    assert_eq!(built.note, None);

    fixtures_are_valid::<Count>();
    fixtures_are_valid::<Name>();
    fixtures_are_valid::<Source>();
}
