//! Cross-member rules: a struct that names its sender by `userId`, `anonymousId` (lent by a
//! flattened parameter) or both, and a struct whose flags and name are tied by `when` rules.
//! Both paths report each broken rule at its pointer, the builder's defaults meet the rules,
//! and random values come in every combination the rules allow and in none they forbid.

use std::collections::BTreeSet;

use schema_runtime::Nullable;
use schema_runtime::fixture::Fixture;
use schema_runtime::fixture::random::seeded;
use schema_runtime::validate::Validate;
use serde::Serialize;
use serde_json::{Value, json};

mod support;
use support::*;

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Anonymous {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_id: Option<String>,
}

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct NoAnonymous {}

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(transform = schema_runtime::rules!(at_least_one("userId", "anonymousId")))]
pub struct Call<I> {
    #[serde(flatten)]
    pub anonymous: I,
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Nullable<String>>,
}

/// A user: a known user's hash or an anonymous user's name. Its example, the builder's default,
/// meets the `when` rule of a known user; random values come in both forms.
#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(transparent)]
#[schemars(example = "00ff")]
#[schemars(extend("anyOf" = [{ "pattern": "^[0-9a-f]{4}$" }, { "pattern": "^[g-z]{3}$" }]))]
pub struct Hash(pub String);

#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(transform = schema_runtime::rules!(
    when("isAnonymous" = true, then("viewMode" = true)),
    when("isAnonymous" = false, then("user", regex(pattern = "^[0-9a-f]{4}$"))),
))]
pub struct Pulse {
    pub user: Hash,
    pub view_mode: bool,
    pub is_anonymous: bool,
}

/// The (pointer, rule) pairs of `document`'s report, the same on both paths (in another order:
/// a missing member comes first on the parsed path, last on the streaming one).
fn judged<T: Validate>(document: &Value) -> Vec<(String, &'static str)> {
    let parsed = T::validate(document);
    let streamed = T::validate_slice(document.to_string().as_bytes());
    assert_eq!(found(&parsed), found(&streamed), "{document}");
    found(&parsed)
}

fn main() {
    // The identity rule: either id, or both; `null` counts as absent.
    for good in [
        json!({"anonymousId": "a", "event": "e"}),
        json!({"anonymousId": "a", "event": "e", "userId": null}),
        json!({"anonymousId": "a", "event": "e", "userId": "u"}),
        json!({"event": "e", "userId": "u"}),
    ] {
        assert!(judged::<Call<Anonymous>>(&good).is_empty(), "{good}");
    }
    for bad in [
        json!({"event": "e"}),
        json!({"event": "e", "userId": null}),
        json!({"anonymousId": null, "event": "e", "userId": null}),
    ] {
        let found = judged::<Call<Anonymous>>(&bad);
        assert!(found.contains(&(String::new(), "at-least-one")), "{bad}: {found:?}");
    }
    // Without a lent `anonymousId`, the rule asks for `userId`.
    assert!(judged::<Call<NoAnonymous>>(&json!({"event": "e", "userId": "u"})).is_empty());
    assert_eq!(
        judged::<Call<NoAnonymous>>(&json!({"event": "e"})),
        [(String::new(), "at-least-one")]
    );
    let report = Call::<NoAnonymous>::validate(&json!({"event": "e", "userId": null}));
    assert_eq!(
        report.violations()[0].expected,
        "member `userId` or `anonymousId`, not null"
    );

    // The `when` rules: an anonymous pulse is a view-mode one; a known user's is a hash.
    assert!(judged::<Pulse>(&json!({"user": "xyz", "viewMode": true, "isAnonymous": true})).is_empty());
    assert!(judged::<Pulse>(&json!({"user": "00ff", "viewMode": false, "isAnonymous": false})).is_empty());
    assert_eq!(
        judged::<Pulse>(&json!({"user": "xyz", "viewMode": false, "isAnonymous": true})),
        [("/viewMode".to_owned(), "if-then")]
    );
    assert_eq!(
        judged::<Pulse>(&json!({"user": "xyz", "viewMode": true, "isAnonymous": false})),
        [("/user".to_owned(), "if-then")]
    );
    // A condition that does not hold (another type) asks nothing.
    assert!(judged::<Pulse>(&json!({"user": 5, "viewMode": 1, "isAnonymous": "true"})).len() == 3);

    // The defaults meet the rules; random values come in every allowed combination.
    let built = Call::<NoAnonymous>::fixture().build();
    assert!(matches!(built.user_id, Some(Nullable(Some(_)))));
    fixtures_are_valid::<Call<Anonymous>>();
    fixtures_are_valid::<Call<NoAnonymous>>();
    fixtures_are_valid::<Pulse>();
    let mut identities = BTreeSet::new();
    let mut pulses = BTreeSet::new();
    for seed in 0..400 {
        let call = seeded::<Call<Anonymous>>(seed);
        identities.insert(match call.user_id {
            None => "absent",
            Some(Nullable(None)) => "null",
            Some(Nullable(Some(_))) => "value",
        });
        let pulse = seeded::<Pulse>(seed);
        pulses.insert((pulse.is_anonymous, pulse.view_mode));
    }
    assert_eq!(identities.len(), 3, "{identities:?}");
    assert_eq!(
        pulses,
        BTreeSet::from([(false, false), (false, true), (true, true)])
    );
}
