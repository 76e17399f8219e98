//! The Segment `track` layer: how Appsmith's events look as Segment stores them, declared once
//! and reused by every such event ([`super::NavigationEvent`] from the browser through
//! analytics.js, [`super::BackendCallEvent`] from the server through analytics-java).
//!
//! [`SegmentTrack<P>`] is the message for the event whose `properties` are `P`. What differs
//! from one event to another is named by `P`'s [`SegmentEvent`] implementation: the event names,
//! what `context` holds, the form of `messageId` (analytics.js writes `ajs-…`, analytics-java a
//! UUID) and whether `anonymousId` is sent. Everything else (`integrations`, the four
//! timestamps, `type`, `userId`) is the same for every event and declared here.
//!
//! Segment adds `receivedAt` and `timestamp` to what the library sends, and the four timestamps
//! satisfy `timestamp = receivedAt − (sentAt − originalTimestamp)`: the event time corrected for
//! the sender's clock skew. Both samples on the page obey it.
//!
//! Segment's identity rule, stated once on [`SegmentTrack`] as a cross-member rule: a track call
//! names its sender by `userId`, `anonymousId` or both, never neither (Segment's HTTP tracking
//! API refuses a call with neither), and a `null` id names no one. An anonymous viewer of a
//! public app has no user id: analytics.js sends no `userId`, and the stored event may carry
//! `"userId": null`, beside its `anonymousId`. A sender without `anonymousId`
//! ([`NoAnonymousId`]) is held to `userId` by the same rule.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

use crate::common::{Nullable, Rfc3339Timestamp, Sha256Hex, Uuid};
use crate::fixture::Fixture;
use crate::payload::{Part, PayloadRandom};
use crate::validate::{Members, Validate};

/// An Appsmith event sent as a Segment `track` call, whose `properties` are `Self`: what its
/// [`SegmentTrack<Self>`] message holds besides the members every track message has.
pub trait SegmentEvent:
    JsonSchema + Serialize + DeserializeOwned + Validate + Fixture + PayloadRandom
{
    /// The event names it is sent under (`event`).
    type Name: Part;
    /// What the sending library records about where the event happened (`context`).
    type Context: Part;
    /// The form of the message id the sending library writes (`messageId`).
    type MessageId: Part;
    /// The sender's anonymous id, flattened into the message: [`AnonymousId`] when the library
    /// sends one (`anonymousId`), [`NoAnonymousId`] when it does not.
    type Anonymous: Part + Members;
}

/// A Segment `track` message as Segment stores it: an Appsmith event (`event`, `properties`),
/// who sent it (`userId`, and `anonymousId` where the library sends one), where (`context`), and
/// when.
///
/// Layer: the Segment track message, as Segment stores it, not what the library sends: Segment
/// adds `receivedAt` and `timestamp`, and the four timestamps satisfy
/// `timestamp = receivedAt − (sentAt − originalTimestamp)`.
///
/// Closed (no other members) except `integrations`, an open map by nature (per-destination
/// switches): a privacy audit must account for every member sent, the page's samples are the
/// documented shape, and variants seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    bound = "P: SegmentEvent"
)]
#[schemars(bound = "P: SegmentEvent")]
#[schemars(transform = schema_runtime::rules!(at_least_one("userId", "anonymousId")))]
pub struct SegmentTrack<P: SegmentEvent> {
    /// The sender's anonymous id, where the library sends one.
    #[serde(flatten)]
    pub anonymous: P::Anonymous,
    /// Where the event happened, as the sending library records it.
    pub context: P::Context,
    /// The Appsmith event name (`APPLICATIONS_PAGE_LOAD`, `execute_ACTION_TRIGGERED`); which
    /// names an event takes is said by its own type.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: P::Name,
    /// Segment's per-destination switches (a destination's name, then `false` to skip it or its
    /// settings); empty in the page's samples. Open: its members are destination names.
    #[schemars(extend("x-privacy" = "category"))]
    pub integrations: Map<String, Value>,
    /// Segment's id of the message, for deduplication, in the form the sending library writes:
    /// analytics.js `ajs-` and 32 hex digits, analytics-java a UUID.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub message_id: P::MessageId,
    /// When the event happened, by the sender's clock (the browser's or the server's).
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub original_timestamp: Rfc3339Timestamp,
    /// The event's own properties.
    pub properties: P,
    /// When Segment received the event, by Segment's clock.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub received_at: Rfc3339Timestamp,
    /// When the library sent the event, by the sender's clock.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub sent_at: Rfc3339Timestamp,
    /// When the event happened, corrected for the sender's clock skew:
    /// `receivedAt − (sentAt − originalTimestamp)`, computed by Segment.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub timestamp: Rfc3339Timestamp,
    /// The Segment call type, always `track`.
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "type")]
    pub call_type: SegmentCallType,
    /// The user, hashed by Appsmith before it is sent (in the browser by `js-sha256`, on the
    /// server by `sha256Hex`): SHA-256 of the username (normally the e-mail address), 64
    /// lower-case hex digits, never the address itself. A pseudonym: the same for one person in
    /// every event. Absent, or `null` as the stored event may hold it, for an anonymous viewer
    /// of a public app, whose events analytics.js sends with its `anonymousId` only (Segment's
    /// identity rule: `userId`, `anonymousId` or both, never neither; analytics.js,
    /// `segmentio/analytics.js`, and Segment's HTTP tracking API).
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    #[schemars(with = "Option<schema_runtime::Inline<Sha256Hex>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "schema_runtime::Nullable::present"
    )]
    pub user_id: Option<Nullable<Sha256Hex>>,
}

/// The anonymous id analytics.js sends with every event, flattened into the message.
///
/// Closed: it lends exactly this member to the message.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AnonymousId {
    /// The anonymous id analytics.js keeps for the browser, a random UUID. It names no one, but it
    /// stays the same for the browser until its storage is cleared, so it links every event of
    /// that browser, logged in or not: an identifier of a machine.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub anonymous_id: Uuid,
}

/// No anonymous id: the messages of a sender that identifies its events by `userId` only (the
/// Appsmith server through analytics-java; the page's sample has no `anonymousId`), so a message
/// with one is refused.
///
/// Closed: it lends no member to the message.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct NoAnonymousId {}

/// The Segment client library that sent an event, as Segment records it in `context.library`.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct SegmentLibrary {
    /// The library's name: `analytics.js` in the browser, `analytics-java` on the server.
    #[schemars(extend("x-privacy" = "category"))]
    pub name: String,
    /// The library's version (`4.0.4`, `2.1.1`).
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
}

/// The Segment call type of an event.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum SegmentCallType {
    /// `track`: a call that records an action a user performed.
    #[serde(rename = "track")]
    Track,
}
