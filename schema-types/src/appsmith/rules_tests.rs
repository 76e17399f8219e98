//! The cross-member rules of the Appsmith payloads, on many random instances: the random
//! fixtures come in every combination the rules allow, never in one they forbid, and the
//! validator accepts each of them.

use std::collections::BTreeSet;

use schema_runtime::fixture::random::seeded;

use super::{BackendCallEvent, NavigationEvent, UsagePulse};
use crate::common::Nullable;
use crate::fixture::random::Random;
use crate::validate::Validate;

const DRAWS: u64 = 1_500;

/// Draws `DRAWS` random instances of `T`, checks that the validator accepts each, and collects
/// what `look` finds in each (the instance and its document).
fn forms_drawn<T, F>(mut look: impl FnMut(&T, &serde_json::Value) -> F) -> BTreeSet<F>
where
    T: Random + Validate + serde::Serialize,
    F: Ord,
{
    (0..DRAWS)
        .map(|seed| {
            let instance = seeded::<T>(seed);
            let document = serde_json::to_value(&instance).unwrap();
            assert!(T::validate(&document).is_valid(), "{document}");
            look(&instance, &document)
        })
        .collect()
}

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[test]
fn random_pulses_meet_the_pulse_rules_in_every_allowed_combination() {
    let mut anonymous_users = BTreeSet::new();
    let combinations = forms_drawn(|batch: &UsagePulse, document| {
        let mut combinations = BTreeSet::new();
        for pulse in &batch.usage_data {
            assert!(
                !pulse.is_anonymous_user || pulse.view_mode,
                "an anonymous pulse in edit mode: {document}"
            );
            if !pulse.is_anonymous_user {
                assert!(is_sha256_hex(&pulse.user.0), "{document}");
            } else {
                anonymous_users.insert(pulse.user.0.len());
            }
            combinations.insert((pulse.is_anonymous_user, pulse.view_mode));
        }
        combinations
    });
    let combinations: BTreeSet<_> = combinations.into_iter().flatten().collect();
    assert_eq!(
        combinations,
        BTreeSet::from([(false, false), (false, true), (true, true)])
    );
    // An anonymous user is a hash, a UUID or a nanoid: each form comes up.
    assert_eq!(anonymous_users, BTreeSet::from([21, 36, 64]));
}

#[test]
fn random_navigation_events_name_their_sender_every_allowed_way() {
    let forms = forms_drawn(|event: &NavigationEvent, _| match &event.user.user_id {
        None => "absent",
        Some(Nullable(None)) => "null",
        Some(Nullable(Some(_))) => "hash",
    });
    assert_eq!(forms, BTreeSet::from(["absent", "hash", "null"]));
}

/// The anonymous id of a browser's analytics.js: a lower-case UUID.
fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(at, b)| match at {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

#[test]
fn random_backend_calls_always_carry_a_user_id() {
    // analytics-java sends no `anonymousId`, so the identity rule asks for `userId`: hashed, but
    // for a person viewing a public application, named in clear.
    let forms = forms_drawn(|event: &BackendCallEvent, document| {
        let user_id = document["userId"].as_str().unwrap_or_default();
        let form = if is_sha256_hex(user_id) {
            "hash"
        } else if user_id == "anonymousUser" {
            "anonymousUser"
        } else if is_uuid(user_id) {
            "browser id"
        } else {
            panic!("a user id of no form the server writes: {document}")
        };
        let in_clear = matches!(
            event,
            BackendCallEvent::Era2024Anonymous(_) | BackendCallEvent::Era2025Anonymous(_)
        );
        assert_eq!(in_clear, form != "hash", "{document}");
        form
    });
    assert_eq!(
        forms,
        BTreeSet::from(["anonymousUser", "browser id", "hash"])
    );
}
