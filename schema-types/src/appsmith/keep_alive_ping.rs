//! `appsmith/keep-alive-ping`: the server's request for release notes every 2 hours, as Appsmith's
//! cloud service records it in Mixpanel (page line 18).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut};
use crate::common::{EpochMillis, EpochSeconds, ObjectId, Uuid};
use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::payload::{ExampleLocation, Layer, Payload, Product, SchemaVersion};
use crate::validate::Validate;

/// The keep-alive ping an Appsmith server sends every 2 hours, as exported from Mixpanel.
///
/// The page: the server sends it every 2 hours "to indicate that it's still running without any
/// errors", and it is collected irrespective of whether telemetry is turned on or off, so opting
/// out does not stop it. In the code it is the server's request for release notes (instance id,
/// version, edition), made without any telemetry check; Appsmith's cloud service records it as
/// the event `FETCH_RELEASE_NOTES` and sends it on through Segment to Mixpanel. This document is
/// Mixpanel's export of that event: the `$...` and `mp_*` members are added by Mixpanel, not by
/// Appsmith.
///
/// Closed (no other members): a privacy audit must account for every member sent, the page's
/// export is the documented shape, and variants seen in real traffic are added later as new
/// schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct KeepAlivePing {
    /// The event name, always `FETCH_RELEASE_NOTES`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: KeepAliveEventName,
    /// The event's properties as Mixpanel stores them.
    pub properties: KeepAliveProperties,
}

impl Payload for KeepAlivePing {
    const ID: &'static str = "appsmith/keep-alive-ping";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Appsmith keep-alive ping";
    const EXAMPLE: Option<ExampleLocation> = Some(ExampleLocation {
        page: Page::Appsmith,
        line: 18,
    });
    const LAYER: Layer = Layer::MixpanelExport;
    const CATALOG: Catalog = Catalog {
        section: "Keep-alive ping",
        edition: Editions::All,
        emitter: Emitter::Server,
        cadence: Cadence::EveryTwoHours,
        trigger: "The Appsmith server sends a keep-alive ping every 2 hours to indicate that it's still running without any errors.",
        destination: "Appsmith's cloud services (the sample is its Mixpanel export, through Segment)",
        opt_out: OptOut::SentRegardless {
            quote: catalog::APPSMITH_IRRESPECTIVE,
        },
    };
}

/// The name under which Appsmith's cloud service records a keep-alive ping.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum KeepAliveEventName {
    /// `FETCH_RELEASE_NOTES`: the server asked for release notes.
    #[serde(rename = "FETCH_RELEASE_NOTES")]
    FetchReleaseNotes,
}

/// The properties of a keep-alive ping in Mixpanel: what the server sent (instance id, version,
/// edition) and what Segment and Mixpanel added on the way.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct KeepAliveProperties {
    /// When the event happened, as Mixpanel records it: seconds since the Unix epoch, with the
    /// milliseconds as a fraction (`1704784217.602`).
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub time: EpochSeconds,
    /// Mixpanel's id of the sender: the instance id (a MongoDB ObjectId), as are
    /// `$identified_id`, `$user_id` and `id` in the page's sample.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub distinct_id: ObjectId,
    /// Mixpanel's identified id of the sender (a MongoDB ObjectId); equal to `distinct_id` in
    /// the page's sample.
    #[schemars(extend("x-privacy" = "record-id"))]
    #[serde(rename = "$identified_id")]
    pub identified_id: ObjectId,
    /// Added by Mixpanel: `true` for an event received through its import API, here from Segment.
    #[schemars(extend("x-privacy" = "flag"))]
    #[serde(rename = "$import")]
    pub import: bool,
    /// Mixpanel's deduplication key for the event, a UUID.
    #[schemars(extend("x-privacy" = "random-id"))]
    #[serde(rename = "$insert_id")]
    pub insert_id: Uuid,
    /// The version of the sending library named in `mp_lib` (`3.3.1`).
    #[schemars(extend("x-privacy" = "version"))]
    #[serde(rename = "$lib_version")]
    pub lib_version: String,
    /// The Mixpanel API host that received the event (`api.mixpanel.com`).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "$mp_api_endpoint")]
    pub mp_api_endpoint: String,
    /// When Mixpanel's API received the event, in milliseconds since the Unix epoch.
    #[schemars(extend("x-privacy" = "timestamp"))]
    #[serde(rename = "$mp_api_timestamp_ms")]
    pub mp_api_timestamp_ms: EpochMillis,
    /// The integration that delivered the event to Mixpanel (`segment`).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "$source")]
    pub source: String,
    /// Mixpanel's user id of the sender (a MongoDB ObjectId); equal to `distinct_id` in the
    /// page's sample.
    #[schemars(extend("x-privacy" = "record-id"))]
    #[serde(rename = "$user_id")]
    pub user_id: ObjectId,
    /// The edition the instance runs: `CE` (open build) or `EE` (paid build).
    #[schemars(extend("x-privacy" = "category"))]
    pub edition: Edition,
    /// An Appsmith id (a MongoDB ObjectId); the instance id in the page's sample.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub id: ObjectId,
    /// The id of the Appsmith instance that asked for release notes (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    #[serde(rename = "instanceId")]
    pub instance_id: ObjectId,
    /// The library that sent the event to Mixpanel, as Mixpanel names it
    /// (`Segment Actions: analytics-java`: Segment's Mixpanel destination, fed by the cloud
    /// service's Java Segment client).
    #[schemars(extend("x-privacy" = "category"))]
    pub mp_lib: String,
    /// When Mixpanel processed the event, in milliseconds since the Unix epoch.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub mp_processing_time_ms: EpochMillis,
    /// The Appsmith service that recorded the event (`cloud-services`: Appsmith's cloud service,
    /// which answers the server's release-notes request).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "originService")]
    pub origin_service: String,
    /// The Segment source the event came through (`cloud-services`).
    #[schemars(extend("x-privacy" = "category"))]
    pub segment_source_name: String,
    /// The kind of request, always `fetch-release-notes`.
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "type")]
    pub request_type: ReleaseNotesRequestType,
    /// The Appsmith version the instance runs (`v1.9.15`).
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
}

/// The kind of request a keep-alive ping records.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum ReleaseNotesRequestType {
    /// `fetch-release-notes`: the server asked for release notes.
    #[serde(rename = "fetch-release-notes")]
    FetchReleaseNotes,
}

/// The Appsmith edition an instance runs.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum Edition {
    /// `CE`: the Community Edition, the open build.
    #[serde(rename = "CE")]
    Community,
    /// `EE`: the Enterprise Edition, the paid build.
    #[serde(rename = "EE")]
    Enterprise,
}
