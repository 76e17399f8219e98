//! The cross-member rules of the Appsmith payloads, on many random instances: the random
//! fixtures come in every combination the rules allow, never in one they forbid, and the
//! validator accepts each of them.

use std::collections::BTreeSet;

use schema_runtime::fixture::random::seeded;

use super::{BackendCallEvent, NavigationEvent, UsagePulse};
use crate::common::Nullable;
use crate::validate::Validate;

const DRAWS: u64 = 1_500;

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[test]
fn random_pulses_meet_the_pulse_rules_in_every_allowed_combination() {
    let mut combinations = BTreeSet::new();
    let mut anonymous_users = BTreeSet::new();
    for seed in 0..DRAWS {
        let batch = seeded::<UsagePulse>(seed);
        let document = serde_json::to_value(&batch).unwrap();
        assert!(UsagePulse::validate(&document).is_valid(), "{document}");
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
    }
    assert_eq!(
        combinations,
        BTreeSet::from([(false, false), (false, true), (true, true)])
    );
    // An anonymous user is a hash, a UUID or a nanoid: each form comes up.
    assert_eq!(anonymous_users, BTreeSet::from([21, 36, 64]));
}

#[test]
fn random_navigation_events_name_their_sender_every_allowed_way() {
    let mut forms = BTreeSet::new();
    for seed in 0..DRAWS {
        let event = seeded::<NavigationEvent>(seed);
        let document = serde_json::to_value(&event).unwrap();
        assert!(
            NavigationEvent::validate(&document).is_valid(),
            "{document}"
        );
        forms.insert(match &event.user.user_id {
            None => "absent",
            Some(Nullable(None)) => "null",
            Some(Nullable(Some(_))) => "hash",
        });
    }
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
    let mut forms = BTreeSet::new();
    for seed in 0..DRAWS {
        let event = seeded::<BackendCallEvent>(seed);
        let document = serde_json::to_value(&event).unwrap();
        assert!(
            BackendCallEvent::validate(&document).is_valid(),
            "{document}"
        );
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
        let in_clear = matches!(event, BackendCallEvent::Era2024Anonymous(_));
        assert_eq!(in_clear, form != "hash", "{document}");
        forms.insert(form);
    }
    assert_eq!(
        forms,
        BTreeSet::from(["anonymousUser", "browser id", "hash"])
    );
}
