//! A struct that flattens a struct that flattens another, as one era of a payload reuses the
//! members of another: the innermost members stand in the outermost object, lent through the
//! middle struct after its own, and both paths check them.

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::{Members, Validate};
use serde::Serialize;
use serde_json::json;

mod support;
use support::*;

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Shared {
    pub id: u64,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Later {
    pub host: String,
    #[serde(flatten)]
    pub shared: Shared,
}

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Stored<P> {
    pub at: u64,
    #[serde(flatten)]
    pub payload: P,
}

fn main() {
    // The middle struct's own member first, then the members it lends of `Shared`.
    assert_eq!(Later::MEMBERS, 3);
    assert_eq!(Later::index_of("host"), Some(0));
    assert_eq!(Later::index_of("note"), Some(2));
    assert_eq!(Later::index_of("at"), None);

    let good = json!({"at": 1, "host": "a", "id": 2});
    assert!(Stored::<Later>::validate(&good).is_valid());
    assert!(Stored::<Later>::validate_slice(good.to_string().as_bytes()).is_valid());

    // A wrong member lent twice over, a missing one, and an unknown one: the same on both paths.
    let bad = json!({"at": 1, "host": "a", "note": 5, "extra": true});
    let parsed = Stored::<Later>::validate(&bad);
    let streamed = Stored::<Later>::validate_slice(bad.to_string().as_bytes());
    assert_eq!(found(&parsed), found(&streamed));
    assert_eq!(
        found(&parsed),
        [
            (String::from(""), "required"),
            (String::from(""), "unknown-property"),
            (String::from("/note"), "type"),
        ]
    );

    // A repeated lent member is judged on the parsed document (the last one wins).
    let repeated = br#"{"at": 1, "host": "a", "id": 2, "id": "x"}"#;
    assert_eq!(Stored::<Later>::validate_slice(repeated).total(), 1);

    let built = Stored::<Later>::fixture()
        .payload(Later::fixture().shared(Shared::fixture().id(7u64)))
        .build();
    assert_eq!(built.payload.shared.id, 7);

    fixtures_are_valid::<Later>();
    fixtures_are_valid::<Stored<Later>>();
}
