//! Cross-member rules: a struct that names its sender by `userId`, `anonymousId` (lent by a
//! flattened parameter) or both, the same with `userId` lent by a flattened part too, a struct whose flags and name are tied by `when` rules, and a
//! struct whose `data` object has the members its `kind` asks for (`members(...)`).
//! Both paths report each broken rule at its pointer, the builder's defaults meet the rules,
//! and random values come in every combination the rules allow and in none they forbid.

use std::collections::BTreeSet;

use schema_runtime::Nullable;
use schema_runtime::fixture::Fixture;
use schema_runtime::fixture::random::seeded;
use schema_runtime::validate::Validate;
use serde::{Deserialize, Serialize};
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

/// The sender's user id, lent to [`LentCall`] by a flattened part.
#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UserId {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Nullable<String>>,
}

/// [`Call`] with both members of its rule lent by flattened parts: the defaults still meet it.
#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(transform = schema_runtime::rules!(at_least_one("userId", "anonymousId")))]
pub struct LentCall<I, U> {
    #[serde(flatten)]
    pub anonymous: I,
    pub event: String,
    #[serde(flatten)]
    pub user: U,
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

/// What an event's `data` may hold: every member of every kind, each optional.
#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct EventData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Validate, Fixture)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Error,
    Click,
    View,
}

/// An event whose `data` has the members of its `kind`: an error its `message` (and maybe its
/// `stack`), a click its `id`; a view any of them.
#[derive(Debug, Serialize, Validate, Fixture)]
#[serde(deny_unknown_fields)]
#[schemars(transform = schema_runtime::rules!(
    when("kind" = "error", then("data", members(required("message"), optional("stack")))),
    when("kind" = "click", then("data", members(required("id")))),
))]
pub struct Event {
    pub kind: Kind,
    pub data: EventData,
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

    // The `members` rules: each kind's data has its members and no other kind's.
    for good in [
        json!({"kind": "error", "data": {"message": "m"}}),
        json!({"kind": "error", "data": {"message": "m", "stack": "s"}}),
        json!({"kind": "click", "data": {"id": "i"}}),
        json!({"kind": "view", "data": {"id": "i", "message": "m"}}),
        json!({"kind": "view", "data": {}}),
    ] {
        assert!(judged::<Event>(&good).is_empty(), "{good}");
    }
    assert_eq!(
        judged::<Event>(&json!({"kind": "error", "data": {"stack": "s", "id": "i"}})),
        [("/data".to_owned(), "if-then"), ("/data/id".to_owned(), "if-then")]
    );
    // The data before the kind: the streaming path keeps it until the object ends.
    let report = Event::validate_slice(br#"{"data": {"message": "m"}, "kind": "click"}"#);
    assert_eq!(
        found(&report),
        [("/data".to_owned(), "if-then"), ("/data/message".to_owned(), "if-then")]
    );
    let report = Event::validate(&json!({"kind": "click", "data": {}}));
    let missing = &report.violations()[0];
    assert_eq!(missing.member.as_deref(), Some("id"));
    assert_eq!(missing.expected, "member `id` when `kind` is \"click\"");
    // A member no kind sends is the closed type's concern alone; data that is no object, the
    // type's too.
    assert_eq!(
        judged::<Event>(&json!({"kind": "click", "data": {"id": "i", "x": 1}})),
        [("/data".to_owned(), "unknown-property")]
    );
    assert_eq!(
        judged::<Event>(&json!({"kind": "click", "data": "i"})),
        [("/data".to_owned(), "type")]
    );

    // The defaults meet the rules; random values come in every allowed combination.
    let built = Call::<NoAnonymous>::fixture().build();
    assert!(matches!(built.user_id, Some(Nullable(Some(_)))));
    fixtures_are_valid::<Call<Anonymous>>();
    fixtures_are_valid::<Call<NoAnonymous>>();
    // The first member the rule names is asked of the parts that lend the rule's members.
    let lent = LentCall::<NoAnonymous, UserId>::fixture().build();
    assert!(matches!(lent.user.user_id, Some(Nullable(Some(_)))));
    assert_eq!(
        judged::<LentCall<NoAnonymous, UserId>>(&json!({"event": "e"})),
        [(String::new(), "at-least-one")]
    );
    let lent = LentCall::<Anonymous, UserId>::fixture_with_members(&["anonymousId"]);
    assert!((lent.anonymous.anonymous_id.is_some(), lent.user.user_id.is_none()) == (true, true));
    fixtures_are_valid::<LentCall<NoAnonymous, UserId>>();
    fixtures_are_valid::<LentCall<Anonymous, UserId>>();
    fixtures_are_valid::<Pulse>();
    fixtures_are_valid::<Event>();
    let built = Event::fixture().build();
    assert_eq!((built.kind, built.data.message.is_some()), (Kind::Error, true));
    let mut identities = BTreeSet::new();
    let mut pulses = BTreeSet::new();
    let mut events = BTreeSet::new();
    for seed in 0..400 {
        let call = seeded::<Call<Anonymous>>(seed);
        identities.insert(match call.user_id {
            None => "absent",
            Some(Nullable(None)) => "null",
            Some(Nullable(Some(_))) => "value",
        });
        let pulse = seeded::<Pulse>(seed);
        pulses.insert((pulse.is_anonymous, pulse.view_mode));
        let event = seeded::<Event>(seed);
        let data = &event.data;
        events.insert((
            event.kind,
            data.message.is_some(),
            data.stack.is_some(),
            data.id.is_some(),
        ));
    }
    assert_eq!(identities.len(), 3, "{identities:?}");
    assert_eq!(
        pulses,
        BTreeSet::from([(false, false), (false, true), (true, true)])
    );
    // Errors with and without a stack, clicks with their id alone, views in every form.
    let shapes = |kind: Kind| events.iter().filter(|event| event.0 == kind).count();
    assert!(events.iter().all(|event| match event {
        (Kind::Error, message, _, id) => *message && !id,
        (Kind::Click, message, stack, id) => !message && !stack && *id,
        (Kind::View, ..) => true,
    }));
    assert_eq!((shapes(Kind::Error), shapes(Kind::Click), shapes(Kind::View)), (2, 1, 8));
}
