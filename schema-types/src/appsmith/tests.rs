//! The Appsmith payloads' privacy inventories: every member is classified, and the privacy
//! claims of the page hold in the published schemas, not only in the doc comments.
//!
//! The page says the user appears only as a hash in the navigation and backend-call events and
//! in the usage pulse, and that the setup ping carries the server's IP address and, for an admin
//! who subscribes to marketing, a name and an e-mail address. The tables below are those claims;
//! each test checks them against the inventory read back from the schema.

use serde_json::{Value, json};

use crate::payload::Product;
use crate::privacy::{self, Class, Inventory};
use crate::registry::{PAYLOADS, PayloadKind};
use crate::schema_walk;
#[cfg(feature = "proptest")]
use crate::validate::Rule;

/// The pattern of a SHA-256 written as 64 lower-case hex digits: nothing else, an e-mail address
/// least of all, matches it.
const SHA256_HEX: &str = "^[0-9a-f]{64}$";

/// What a hashed identifier must never hold.
#[cfg(feature = "proptest")]
const EMAIL: &str = "alice@example.com";

/// The payloads in which the page says the user appears only hashed, with every member that
/// holds the hash.
const HASHED_USERS: &[(&str, &[&str])] = &[
    ("appsmith/usage-pulse", &["/usageData/*/user"]),
    ("appsmith/navigation-event", &["/userId"]),
    (
        "appsmith/backend-call-event",
        // `/properties/id`: the later eras'; `/properties/emailDomainHash`: the hash of the
        // e-mail address's domain, from October 2023; `/properties/adminEmailDomainHash`: the
        // hash of the administrators' domain, from 2024.
        &[
            "/properties/username",
            "/userId",
            "/properties/id",
            "/properties/emailDomainHash",
            "/properties/adminEmailDomainHash",
        ],
    ),
];

/// The patterns a hashed-user member may also match, by payload: random ids of anonymous users,
/// who have no user id to hash (the usage pulse's `user`, see `PulseUser`). Neither is derived
/// from a person, and neither matches an e-mail address.
const ANONYMOUS_IDS: &[(&str, &[&str])] = &[(
    "appsmith/usage-pulse",
    &[
        "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        "^[A-Za-z0-9_-]{21}$",
    ],
)];

/// The setup ping's members that can reach or locate a person, by class.
const SETUP_PING: &str = "appsmith/server-setup-ping";
const SETUP_PING_MEMBERS: &[(Class, &[&str])] = &[
    (Class::NetworkAddress, &["/properties/ipAddress"]),
    (Class::Contact, &["/properties/email", "/properties/name"]),
];

fn appsmith_payloads() -> Vec<&'static PayloadKind> {
    PAYLOADS
        .iter()
        .filter(|kind| kind.product == Product::Appsmith)
        .collect()
}

fn payload(id: &str) -> &'static PayloadKind {
    crate::registry::find(id).unwrap_or_else(|| panic!("{id} is not in the registry"))
}

fn inventory(kind: &PayloadKind) -> Inventory {
    privacy::inventory(kind).unwrap_or_else(|problems| panic!("{}: {problems}", kind.id))
}

/// The schema of the member at `template` (an inventory pointer: `*` for any array item,
/// `{name}` for any member of an open map), read through its `$ref`s.
fn member_schema<'a>(root: &'a Value, template: &str) -> &'a Value {
    schema_walk::find(root, template)
        .unwrap_or_else(|error| panic!("{template}: {error}"))
        .unwrap_or_else(|| panic!("no member at {template}"))
        .schema
}

/// The concrete pointer of a template's first instance (`*` becomes the first item).
#[cfg(feature = "proptest")]
fn first_instance(template: &str) -> String {
    assert!(
        !template.contains("{name}"),
        "{template}: no instance to write"
    );
    template.replace("/*", "/0")
}

#[test]
fn every_appsmith_member_is_classified() {
    let kinds = appsmith_payloads();
    let printed = kinds.iter().filter(|kind| kind.example.is_some()).count();
    assert_eq!(
        printed, 5,
        "the page prints an example of five Appsmith payloads"
    );
    let problems: Vec<String> = kinds
        .into_iter()
        .filter_map(|kind| match privacy::inventory(kind) {
            Ok(inventory) if inventory.members.is_empty() => {
                Some(format!("{}: no members", kind.id))
            }
            Ok(_) => None,
            Err(unclassified) => Some(format!("{}: {unclassified}", kind.id)),
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The patterns a member's schema states: its own `pattern`, or one per branch of an `anyOf`
/// whose every other branch is a pattern. A branch of `maxLength` 0 admits `""` alone, which
/// holds no one's identifier (a server of 2024 writes it where there is no domain to hash).
fn patterns(member: &Value) -> Vec<&str> {
    match member.get("anyOf").and_then(Value::as_array) {
        Some(branches) => branches
            .iter()
            .filter(|branch| **branch != json!({ "maxLength": 0 }))
            .map(|branch| {
                branch
                    .get("pattern")
                    .and_then(Value::as_str)
                    .unwrap_or_else(|| panic!("an `anyOf` branch without a pattern: {branch}"))
            })
            .collect(),
        None => member
            .get("pattern")
            .and_then(Value::as_str)
            .into_iter()
            .collect(),
    }
}

#[test]
fn hashed_users_are_lower_case_sha256_hex_or_an_anonymous_id_in_the_schema() {
    for (id, expected) in HASHED_USERS {
        let kind = payload(id);
        let inventory = inventory(kind);
        assert_eq!(
            inventory.pointers_of(Class::HashedIdentifier),
            *expected,
            "{id}: the members classified hashed-identifier"
        );
        let schema = kind.schema();
        for template in *expected {
            let member = member_schema(&schema, template);
            // Segment's `userId` is also `null` for an anonymous viewer (the identity rule of
            // `SegmentTrack`); a hash is a string wherever it stands.
            let types = if *template == "/userId" {
                json!(["string", "null"])
            } else {
                json!("string")
            };
            assert_eq!(
                member.get("type"),
                Some(&types),
                "{id} {template}: {member}"
            );
            let anonymous = ANONYMOUS_IDS
                .iter()
                .find(|(payload, _)| payload == id)
                .map_or(&[][..], |(_, patterns)| *patterns);
            let expected: Vec<&str> = std::iter::once(SHA256_HEX)
                .chain(anonymous.iter().copied())
                .collect();
            assert_eq!(patterns(member), expected, "{id} {template}: {member}");
        }
    }
}

// Random documents reach the members of every era, not only the fixture's.
#[cfg(feature = "proptest")]
#[test]
fn hashed_users_reject_an_email_address() {
    for (id, templates) in HASHED_USERS {
        let kind = payload(id);
        let fixture = kind.fixture();
        assert!(
            kind.validate(&fixture).is_valid(),
            "{id}: the fixture is valid"
        );
        for template in *templates {
            let pointer = first_instance(template);
            // The fixture's, or else a random document's (a member of another era than the
            // fixture's), where the member holds a hash: an era that names the user in clear
            // judges it by another rule.
            let mut document = std::iter::once(fixture.clone())
                .chain((0..64).map(|seed| kind.random(seed)))
                .find(|document| {
                    document
                        .pointer(&pointer)
                        .and_then(Value::as_str)
                        .is_some_and(|text| text.len() == 64)
                })
                .unwrap_or_else(|| panic!("{id}: no document with {pointer}"));
            *document
                .pointer_mut(&pointer)
                .unwrap_or_else(|| panic!("{id}: the fixture has no {pointer}")) =
                Value::from(EMAIL);
            let report = kind.validate(&document);
            assert!(
                report.violations().iter().any(
                    |violation| violation.pointer == pointer && violation.rule == Rule::Pattern
                ),
                "{id} {pointer}: an e-mail address is not rejected by its pattern: {:?}",
                report.violations()
            );
        }
    }
}

#[test]
fn setup_ping_reaches_people_only_where_the_page_says() {
    let inventory = inventory(payload(SETUP_PING));
    for (class, expected) in SETUP_PING_MEMBERS {
        assert_eq!(
            inventory.pointers_of(*class),
            *expected,
            "{SETUP_PING}: the members classified {class}"
        );
    }
}

/// The Mixpanel exports write seconds with a fraction; the rebuilt examples keep its digits.
#[test]
fn fractional_seconds_keep_their_digits() {
    let sample = crate::registry::find("appsmith/keep-alive-ping")
        .and_then(crate::registry::PayloadKind::documented_example)
        .expect("a sample");
    assert_eq!(sample["properties"]["time"].to_string(), "1704784217.602");
    let sample = crate::registry::find("appsmith/server-setup-ping")
        .and_then(crate::registry::PayloadKind::documented_example)
        .expect("a sample");
    assert_eq!(sample["properties"]["time"].to_string(), "1704784091.249");
}
