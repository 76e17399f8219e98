//! `appsmith/keep-alive-ping`: the server's request for release notes every 2 hours, as Appsmith's
//! cloud service records it in Mixpanel (page line 18): [`KeepAliveProperties`] in the Mixpanel
//! export layer ([`MixpanelExport`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::mixpanel::{MixpanelEvent, MixpanelExport, MixpanelProperties, fractional_seconds};
use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter};
use crate::common::ObjectId;
use crate::fixture::Fixture;
use crate::names::names;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

/// `appsmith/keep-alive-ping`: the keep-alive ping as Mixpanel exports it.
pub type KeepAlivePing = MixpanelExport<KeepAliveProperties>;

impl Payload for KeepAlivePing {
    const ID: &'static str = "appsmith/keep-alive-ping";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Appsmith keep-alive ping";
    const EXAMPLE_LINE: Option<usize> = Some(18);
    const LAYER: Layer = Layer::MixpanelExport;
    const CLUES: &'static [Clue] = &[Clue::Equals(
        "/event",
        KeepAliveEventName::FetchReleaseNotes.as_str(),
    )];
    const CATALOG: Catalog = Catalog {
        section: "Keep-alive ping",
        edition: Editions::All,
        emitter: Emitter::Server,
        cadence: Cadence::EveryTwoHours,
        trigger: "The Appsmith server sends a keep-alive ping every 2 hours to indicate that it's still running without any errors.",
        destination: "Appsmith's cloud services (the sample is its Mixpanel export, through Segment)",
        opt_out: catalog::APPSMITH_SENT_REGARDLESS,
    };

    fn description(derived: &str) -> String {
        super::with_event::<KeepAliveProperties>(derived)
    }

    fn documented_example() -> Option<Self> {
        Some(
            KeepAlivePing::fixture()
                .event(KeepAliveEventName::FetchReleaseNotes)
                .properties(
                    // Mixpanel's members first, then the event's own: the export lists them all by name.
                    MixpanelProperties::page_sample("609ce8fb4092701c69df9846")
                        .time(fractional_seconds(1_704_784_217.602))
                        .insert_id("75ddda7c-ba47-41e0-9578-7d3afaf05284")
                        .mp_api_timestamp_ms(1_704_784_233_604)
                        .mp_processing_time_ms(1_704_784_233_665)
                        .segment_source_name("cloud-services")
                        .event(
                            KeepAliveProperties::fixture()
                                .edition(Edition::Community)
                                .id("609ce8fb4092701c69df9846")
                                .instance_id("609ce8fb4092701c69df9846")
                                .origin_service("cloud-services")
                                .request_type(ReleaseNotesRequestType::FetchReleaseNotes)
                                .version("v1.9.15"),
                        ),
                )
                .build(),
        )
    }
}

impl MixpanelEvent for KeepAliveProperties {
    type Name = KeepAliveEventName;
}

names! {
    /// The name under which Appsmith's cloud service records a keep-alive ping.
    pub enum KeepAliveEventName {
        /// `FETCH_RELEASE_NOTES`: the server asked for release notes.
        FetchReleaseNotes = "FETCH_RELEASE_NOTES",
    }
}

/// The keep-alive ping an Appsmith server sends every 2 hours: what Appsmith records of it
/// (instance id, version, edition), the event's own properties.
///
/// The page: the server sends it every 2 hours "to indicate that it's still running without any
/// errors", and it is collected irrespective of whether telemetry is turned on or off, so opting
/// out does not stop it. In the code it is the server's request for release notes (instance id,
/// version, edition), made without any telemetry check; Appsmith's cloud service records it as
/// the event `FETCH_RELEASE_NOTES` and sends it on through Segment to Mixpanel.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct KeepAliveProperties {
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
    /// The Appsmith service that recorded the event (`cloud-services`: Appsmith's cloud service,
    /// which answers the server's release-notes request).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "originService")]
    pub origin_service: String,
    /// The kind of request, always `fetch-release-notes`.
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "type")]
    pub request_type: ReleaseNotesRequestType,
    /// The Appsmith version the instance runs (`v1.9.15`).
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
}

names! {
    /// The kind of request a keep-alive ping records.
    pub enum ReleaseNotesRequestType {
        /// `fetch-release-notes`: the server asked for release notes.
        FetchReleaseNotes = "fetch-release-notes",
    }
}

names! {
    /// The Appsmith edition an instance runs.
    pub enum Edition {
        /// `CE`: the Community Edition, the open build.
        Community = "CE",
        /// `EE`: the Enterprise Edition, the paid build.
        Enterprise = "EE",
    }
}
