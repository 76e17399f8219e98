//! The Segment `track` layer: how Appsmith's events look as Segment stores them, declared once
//! and reused by every such event ([`super::NavigationEvent`] from the browser through
//! analytics.js, [`super::BackendCallEvent`] from the server through analytics-java).
//!
//! [`SegmentTrack<P>`] is the message for the event whose `properties` are `P`. What differs
//! from one event to another is named by `P`'s [`SegmentEvent`] implementation: the event names,
//! what `context` holds, the form of `messageId` (analytics.js writes `ajs-…`, analytics-java a
//! UUID), whether `anonymousId` is sent and what `userId` holds (hashed for every event but the
//! Appsmith server's record of a person viewing a public application, which keeps that person's
//! id in clear). Everything else (`integrations`, the four timestamps, `type`) is the same for
//! every event and declared here.
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
//! ([`NoAnonymousId`]) is held to `userId` by the same rule, whatever `userId` holds
//! ([`HashedUserId`], [`super::AnonymousViewerUserId`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

use crate::common::{Nullable, Rfc3339Timestamp, Sha256Hex, Uuid};
use crate::fixture::Fixture;
use crate::names::names;
use crate::payload::{Part, PayloadRandom};
use crate::validate::{Members, Validate};

/// An Appsmith event sent as a Segment `track` call, whose `properties` are `Self`: what its
/// [`SegmentTrack<Self>`] message holds besides the members every track message has.
pub trait SegmentEvent:
    JsonSchema + Serialize + DeserializeOwned + Validate + Fixture + PayloadRandom
{
    /// The event names it is sent under (`event`).
    type Name: Part;
    /// What the sending library records about where the event happened (`context`), and so
    /// which library sends the call ([`SentContext`]).
    type Context: SentContext;
    /// The form of the message id the sending library writes (`messageId`).
    type MessageId: Part;
    /// The sender's anonymous id, flattened into the message: [`AnonymousId`] when the library
    /// sends one (`anonymousId`), [`NoAnonymousId`] when it does not.
    type Anonymous: Part + Members;
    /// The sender's user id, flattened into the message as its last member: [`HashedUserId`]
    /// (hashed, absent or `null` for a sender known by `anonymousId`) for every event but the
    /// Appsmith server's record of a person viewing a public application, which names that
    /// person in clear ([`super::AnonymousViewerUserId`]).
    type User: Part + Members;
    /// The version of the schema of the call ([`SegmentCall<Self>`], the `-call` kind derived
    /// from the stored one).
    const CALL_VERSION: crate::payload::SchemaVersion = crate::payload::SchemaVersion::new(1, 0, 0);
}

/// Declares the struct of one Segment layer, [`SegmentTrack`] or [`SegmentCall`]: the members
/// every layer has (the sender's identity, the event and its properties, the ids, the call
/// type), declared here once, with the layer's own members in their places (after
/// `anonymousId`, after `messageId`, after `properties`), so that each layer keeps its members
/// in the order the page prints them. A macro, not a flattened struct: a flattened part would
/// move its members to one place in the stored message's member order and in its published
/// schema, which never change.
macro_rules! segment_message {
    (
        $(#[$attr:meta])*
        pub struct $name:ident<P: SegmentEvent> {
            after_anonymous_id { $($after_anonymous_id:tt)* }
            after_message_id { $($after_message_id:tt)* }
            after_properties { $($after_properties:tt)* }
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
        #[serde(
            deny_unknown_fields,
            rename_all = "camelCase",
            bound = "P: SegmentEvent"
        )]
        #[schemars(bound = "P: SegmentEvent")]
        #[schemars(transform = schema_runtime::rules!(at_least_one("userId", "anonymousId")))]
        pub struct $name<P: SegmentEvent> {
            /// The sender's anonymous id, where the library sends one.
            #[serde(flatten)]
            pub anonymous: P::Anonymous,
            $($after_anonymous_id)*
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
            $($after_message_id)*
            /// The event's own properties.
            pub properties: P,
            $($after_properties)*
            /// The Segment call type, always `track`.
            #[schemars(extend("x-privacy" = "category"))]
            #[serde(rename = "type")]
            pub call_type: SegmentCallType,
            /// The sender's user id (`userId`), last in the message: what it holds is said by
            /// the event's own type ([`SegmentEvent::User`]).
            #[serde(flatten)]
            pub user: P::User,
        }
    };
}

segment_message! {
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
    pub struct SegmentTrack<P: SegmentEvent> {
        after_anonymous_id {
            /// Where the event happened, as the sending library records it.
            pub context: P::Context,
        }
        after_message_id {
            /// When the event happened, by the sender's clock (the browser's or the server's).
            #[schemars(extend("x-privacy" = "timestamp"))]
            pub original_timestamp: Rfc3339Timestamp,
        }
        after_properties {
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
        }
    }
}

segment_message! {
    /// A Segment `track` call as the sending library POSTs it to Segment's tracking API: an
    /// Appsmith event (`event`, `properties`), who sent it (`userId`, and `anonymousId` where the
    /// library sends one), the sender's clock (`timestamp`), and what the library adds of its
    /// own (analytics.js's `context`, `sentAt`, `writeKey` and `_metadata`; nothing from
    /// analytics-java, which puts `context.library` and `sentAt` on the batch).
    ///
    /// Layer: the call before Segment receives it. On receipt Segment moves `timestamp` to
    /// `originalTimestamp`, adds `receivedAt` and the skew-corrected `timestamp`, takes `sentAt`
    /// and `context` from the batch, fills `context.ip` in for analytics.js, and drops `writeKey`
    /// and `_metadata`: a call never holds `receivedAt` or `originalTimestamp`.
    ///
    /// Closed (no other members) except `integrations`, as the stored message is.
    pub struct SegmentCall<P: SegmentEvent> {
        after_anonymous_id {
            /// What the sending library adds to the call of its own.
            #[serde(flatten)]
            pub sent: SentBy<P>,
        }
        after_message_id {}
        after_properties {
            /// When the event happened, by the sender's clock (the browser's or the server's):
            /// the library's `new Date()` when the call was made (analytics.js's `segmentio-facade`
            /// `Facade`; analytics-java 2.1.1 `MessageBuilder.build`). Segment stores it as
            /// `originalTimestamp`.
            #[schemars(extend("x-privacy" = "timestamp"))]
            pub timestamp: Rfc3339Timestamp,
        }
    }
}

/// What the library that sends event `P` adds to its call of its own ([`SentContext::Sent`] of
/// `P`'s context).
pub type SentBy<P> = <<P as SegmentEvent>::Context as SentContext>::Sent;

/// A context of the stored message, which names the library that sends the call: what that
/// library POSTs of a call beyond the members every call has ([`SegmentCall::sent`]), without
/// what Segment adds on receipt.
pub trait SentContext: Part {
    /// The library's own members of the call, flattened into it
    /// ([`super::AnalyticsJsCall`] with the context as analytics.js sends it,
    /// [`super::AnalyticsJavaCall`]).
    type Sent: Part + Members;
}

/// The user id of a sender that hashes it (`userId`), flattened into the message as its last
/// member: every Appsmith event but the server's record of a person viewing a public
/// application ([`super::AnonymousViewerUserId`]).
///
/// Closed: it lends exactly this member to the message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HashedUserId {
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

names! {
    /// The Segment call type of an event.
    pub enum SegmentCallType {
        /// `track`: a call that records an action a user performed.
        Track = "track",
    }
}
