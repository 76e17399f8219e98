//! A generic wrapper that flattens its payload: the payload's members stand beside the wrapper's
//! own, both paths check them, and the builder sets the payload with its own builder.

use schema_runtime::fixture::Fixture;
use schema_runtime::validate::{Members, Validate};
use serde::Serialize;
use serde_json::json;

mod support;
use support::*;

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    pub name: String,
    pub count: u64,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Stored<P> {
    pub id: u64,
    #[serde(flatten)]
    pub payload: P,
}

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Envelope<P> {
    pub topic: String,
    pub data: P,
}



fn main() {
    assert_eq!(Payload::index_of("count"), Some(1));
    assert_eq!(Payload::index_of("id"), None);

    let good = json!({"id": 1, "name": "a", "count": 2});
    assert!(Stored::<Payload>::validate(&good).is_valid());
    assert!(Stored::<Payload>::validate_slice(good.to_string().as_bytes()).is_valid());

    // A wrong payload member, a missing one, and an unknown one: the wrapper reports all three,
    // the same on both paths.
    let bad = json!({"id": 1, "name": 5, "extra": true});
    let parsed = Stored::<Payload>::validate(&bad);
    let streamed = Stored::<Payload>::validate_slice(bad.to_string().as_bytes());
    assert_eq!(found(&parsed), found(&streamed));
    assert_eq!(parsed.total(), 3, "{parsed:?}");

    // A repeated payload member is judged on the parsed document (the last one wins).
    let repeated = br#"{"id": 1, "name": "a", "count": 2, "count": "x"}"#;
    assert_eq!(Stored::<Payload>::validate_slice(repeated).total(), 1);

    let built = Stored::<Payload>::fixture()
        .id(7u64)
        .payload(Payload::fixture().name("b"))
        .build();
    assert_eq!((built.id, built.payload.name.as_str()), (7, "b"));
    let wrapped = Envelope::<Stored<Payload>>::fixture().build();
    assert_eq!(wrapped.data.id, 0);
    assert!(
        Envelope::<Payload>::validate(&json!({"topic": "t", "data": {"name": "", "count": 0}}))
            .is_valid()
    );

    fixtures_are_valid::<Payload>();
    fixtures_are_valid::<Stored<Payload>>();
    fixtures_are_valid::<Envelope<Stored<Payload>>>();
}
