//! `appsmith/backend-call-event-call`: the call the Appsmith server POSTs through analytics-java
//! for `execute_ACTION_TRIGGERED`, in the era of the server that sent it, as
//! [`BackendCallEvent`]'s stored message is: each era's [`SegmentCall`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::backend_call_anonymous::BackendCallProperties2024Anonymous;
use super::backend_call_event::{
    BackendCallContext, BackendCallContextWithUserAgent, BackendCallEvent, BackendCallProperties,
    BackendCallProperties2023, BackendCallProperties2023Oct, BackendCallProperties2024,
    ServerSetContext,
};
use super::backend_call_organization::{
    BackendCallProperties2025, BackendCallProperties2025Anonymous,
};
use super::segment::{SegmentCall, SentContext};
use super::segment_layers::Tracked;
use super::segment_senders::AnalyticsJavaCall;
use crate::fixture::Fixture;
use crate::payload::SchemaVersion;
use crate::validate::Validate;

/// A backend call event's call is analytics-java's: the library and `sentAt` are on the batch.
impl SentContext for BackendCallContext {
    type Sent = AnalyticsJavaCall;
}

/// A call of the servers from October 2023 carries the context the server set; analytics-java
/// puts the library and `sentAt` on the batch.
impl SentContext for BackendCallContextWithUserAgent {
    type Sent = AnalyticsJavaContextCall;
}

/// What analytics-java lends a call whose message the Appsmith server gave a context: that
/// context alone (`Message.context`, set by `TrackMessage.builder(...).context(...)`), since the
/// library and `sentAt` are the batch's.
///
/// Closed: it lends exactly this member to the call.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct AnalyticsJavaContextCall {
    /// What the server set on the message.
    pub context: ServerSetContext,
}

/// The calls of a backend call event come from the server of each era.
impl Tracked for BackendCallEvent {
    type Call = BackendCallEventCall;
    const CALL_VERSION: SchemaVersion = SchemaVersion::new(2, 0, 0);
}

/// What the Appsmith server POSTs (through analytics-java, in a batch) when an action runs, in
/// the era of the server that sent it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
// A document is read once and handed over whole, as `BackendCallEvent` is.
#[allow(clippy::large_enum_variant)]
pub enum BackendCallEventCall {
    /// A call of the servers of 2021 (the page's era of [`BackendCallEvent`]).
    #[schemars(extend("x-era" = { "name": "2021", "documented": true }))]
    Era2021(SegmentCall<BackendCallProperties>),
    /// A call of the servers of 2023.
    #[schemars(extend("x-era" = "2023"))]
    Era2023(SegmentCall<BackendCallProperties2023>),
    /// A call of the servers from October 2023.
    #[schemars(extend("x-era" = "2023-10"))]
    Era2023Oct(SegmentCall<BackendCallProperties2023Oct>),
    /// A call of the servers from 2024.
    #[schemars(extend("x-era" = "2024"))]
    Era2024(SegmentCall<BackendCallProperties2024>),
    /// A call of the servers from 2024 for a person viewing a public application.
    #[schemars(extend("x-era" = "2024-anonymous"))]
    Era2024Anonymous(SegmentCall<BackendCallProperties2024Anonymous>),
    /// A call of the servers of 2025.
    #[schemars(extend("x-era" = "2025"))]
    Era2025(SegmentCall<BackendCallProperties2025>),
    /// A call of the servers of 2025 for a person viewing a public application.
    #[schemars(extend("x-era" = "2025-anonymous"))]
    Era2025Anonymous(SegmentCall<BackendCallProperties2025Anonymous>),
}
