//! What each Segment library adds to a `track` call of its own, beside the members every call
//! has ([`super::SegmentCall`]): the part of the call that depends on the sender, named by the
//! stored message's context ([`super::SentContext`]), since the context says which library sent
//! it.
//!
//! Read from the senders' code at the versions the page's samples name:
//!
//! - analytics.js 4.0.4 (`segmentio/analytics.js-core` `lib/analytics.ts`, `track` and
//!   `normalize`, and `lib/normalize.ts`: the message, its `messageId`, `context.page`), whose
//!   Segment integration (`segmentio/analytics.js-integrations`
//!   `integrations/segmentio/lib/index.js`, 4.2.5) `normalize`s each call before `send` POSTs it
//!   to `/v1/t`: `context.userAgent`, `context.locale`, `context.library`, `writeKey`,
//!   `sentAt`, `userId`, `anonymousId` and, when an integration failed to load or the source
//!   asks for it, `_metadata`. It sends no `context.ip`: Segment adds it from the connection.
//! - analytics-java 2.1.1 (`segmentio/analytics-java`
//!   `analytics-core/src/main/java/com/segment/analytics/messages/Message.java`,
//!   `TrackMessage.java`, `Batch.java`, and `analytics/.../internal/AnalyticsClient.java`): a
//!   message is `type`, `messageId`, `timestamp`, `context` (only what the caller sets; the
//!   Appsmith server sets none), `anonymousId`, `userId`, `integrations`, `event` and
//!   `properties`, and `sentAt` and `context.library` are the batch's (`Batch.create(CONTEXT,
//!   messages)`), which Segment copies into each message on receipt.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::Rfc3339Timestamp;
use crate::fixture::Fixture;
use crate::payload::Part;
use crate::validate::Validate;
use schema_runtime::optional_members;

/// What analytics.js adds to a call of its own: the context it records (`C`, the stored
/// message's context without what Segment adds), when it sent the call, the source's write key,
/// and sometimes `_metadata` (`normalize` in `integrations/segmentio/lib/index.js`, 4.2.5).
///
/// Closed: it lends exactly these members to the call.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase", bound = "C: Part")]
#[schemars(bound = "C: Part")]
pub struct AnalyticsJsCall<C: Part> {
    /// Where the integrations stand: sent when an integration failed to initialise or the source's
    /// settings ask for the bundled ones (`addBundledMetadata`); Segment does not store it.
    #[serde(rename = "_metadata")]
    pub metadata: Option<AnalyticsJsMetadata>,
    /// Where the event happened, as analytics.js records it (`context.page` from analytics.js
    /// itself, `userAgent`, `locale` and `library` from its Segment integration).
    pub context: C,
    /// When analytics.js sent the call, by the browser's clock (`msg.sentAt = new Date()`, set
    /// again on each retry).
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub sent_at: Rfc3339Timestamp,
    /// The write key of the Segment source the call is for (`this.options.apiKey`): it names the
    /// Appsmith deployment's Segment account. Segment does not store it.
    #[schemars(extend("x-privacy" = "account-id"))]
    pub write_key: String,
}

/// analytics.js's `_metadata`: the names of the integrations bundled with the page, of those
/// left to Segment's servers, and of those that failed to load.
///
/// Closed: `normalize` writes no other member.
#[optional_members]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AnalyticsJsMetadata {
    /// The integrations loaded in the browser (`keys(this.analytics.Integrations)`).
    #[schemars(extend("x-privacy" = "category"))]
    pub bundled: Option<Vec<String>>,
    /// The integrations left to Segment's servers (`unbundledIntegrations`).
    #[schemars(extend("x-privacy" = "category"))]
    pub unbundled: Option<Vec<String>>,
    /// The integrations that failed to initialise (`failedInitializations`).
    #[schemars(extend("x-privacy" = "category"))]
    pub failed_initializations: Option<Vec<String>>,
}

/// What analytics-java adds to a call of its own: nothing. Its `context.library` and `sentAt`
/// travel on the batch (`Batch.create(CONTEXT, messages)`, `Batch.sentAt()`), and the Appsmith
/// server sets no context of the message, so a call with `context` or `sentAt` is refused.
///
/// Closed: it lends no member to the call.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct AnalyticsJavaCall {}
