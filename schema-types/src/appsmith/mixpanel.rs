//! The Mixpanel export layer: how Appsmith's server events look once Segment has delivered them
//! to Mixpanel and Mixpanel exports them, declared once and reused by every such event.
//!
//! The page's keep-alive and setup-ping samples are Mixpanel exports: `{"event", "properties"}`,
//! where `properties` holds the event's own members (what Appsmith sent) beside members that
//! Segment's Mixpanel destination and Mixpanel add (`time`, `distinct_id`, the `$...` and `mp_*`
//! members, `segment_source_name`). [`MixpanelExport<P>`] is that document for the event whose own
//! properties are `P`: [`MixpanelProperties<P>`] flattens `P` beside the added members, so that a
//! member Mixpanel adds is declared here once, and a member Appsmith sends is declared once, in
//! the event's type. Each event's properties type implements [`MixpanelEvent`], which names the
//! event names it is recorded under.
//!
//! Mixpanel's export lists `time` and `distinct_id` first and every other property by name
//! (code-point order); both samples on the page are in that order, whoever added the member, so
//! the export is serialised in that order too.

use schemars::JsonSchema;
use serde::ser::{Error as _, SerializeMap};
use serde::{Deserialize, Serialize, Serializer, de::DeserializeOwned};
use serde_json::Value;

use crate::common::{EpochMillis, EpochSeconds, ObjectId, Uuid};
use crate::fixture::Fixture;
use crate::payload::{Part, PayloadRandom};
use crate::validate::{Members, Validate};
use schema_runtime::optional_members;

/// An Appsmith event as Mixpanel exports it: its own properties are `Self`, flattened into
/// [`MixpanelProperties<Self>`] beside Mixpanel's.
pub trait MixpanelEvent:
    JsonSchema + Serialize + DeserializeOwned + Validate + Members + Fixture + PayloadRandom
{
    /// The event names Mixpanel records it under (the export's `event`).
    type Name: Part;
}

/// An Appsmith event exported from Mixpanel, after Segment delivered it there: its name and its
/// properties, Appsmith's and Mixpanel's together.
///
/// Layer: the Mixpanel export, not what Appsmith sends. Appsmith's server sends the event through
/// Segment (analytics-java); Segment's Mixpanel destination and Mixpanel add `time`,
/// `distinct_id`, the `$...` and `mp_*` members and `segment_source_name`; the export holds them
/// all in `properties`.
///
/// Closed (no other members), as is `properties`: a privacy audit must account for every member
/// sent, the page's exports are the documented shape, and variants seen in real traffic are added
/// later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, bound = "P: MixpanelEvent")]
#[schemars(bound = "P: MixpanelEvent")]
pub struct MixpanelExport<P: MixpanelEvent> {
    /// The event name under which Mixpanel records the event.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: P::Name,
    /// The event's properties as Mixpanel stores them: the event's own and those Segment and
    /// Mixpanel added, listed as Mixpanel's export lists them.
    #[serde(serialize_with = "in_export_order")]
    pub properties: MixpanelProperties<P>,
}

/// The properties of an exported event: the members Segment's Mixpanel destination and Mixpanel
/// add, and the event's own members beside them.
///
/// Which members are added: `segmentio/action-destinations`,
/// `packages/destination-actions/src/destinations/mixpanel/trackEvent/functions.ts`
/// (`getEventProperties`: `$source`, `mp_lib`, `mp_country_code`, `segment_source_name`, the
/// event's properties spread beside them), and Mixpanel's ingestion (`$import`,
/// `$mp_api_endpoint`, `$mp_api_timestamp_ms`, `mp_processing_time_ms`, the geolocation).
///
/// A published schema names this object after the event's own properties
/// (`KeepAliveProperties`, `ServerSetupProperties`): it is that event's properties as Mixpanel
/// stores them.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "{P}")]
pub struct MixpanelProperties<P> {
    /// When the event happened, as Mixpanel records it: seconds since the Unix epoch, with the
    /// milliseconds as a fraction (`1704784217.602`).
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub time: EpochSeconds,
    /// Mixpanel's id of the sender: for Appsmith's server events the instance id (a MongoDB
    /// ObjectId), as are `$identified_id`, `$user_id` and `id` in the page's samples.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub distinct_id: ObjectId,
    /// Added on the way to Mixpanel, from the sender's user agent: the browser the event is
    /// attributed to; `""` in the page's setup ping, whose sender is a server, not a browser.
    /// Absent when nothing set it (the page's keep-alive ping).
    #[schemars(extend("x-privacy" = "device"))]
    #[serde(rename = "$browser")]
    pub browser: Option<String>,
    /// Added by Mixpanel when it geolocates the event by the sender's IP address: the city
    /// (`Mysore`). Absent when Mixpanel did not locate it (the page's keep-alive ping).
    #[schemars(extend("x-privacy" = "location"))]
    #[serde(rename = "$city")]
    pub city: Option<String>,
    /// Mixpanel's identified id of the sender (a MongoDB ObjectId); equal to `distinct_id` in
    /// the page's samples.
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
    /// Added by Mixpanel when it geolocates the event by the sender's IP address: the region
    /// (`Karnataka`). Absent when Mixpanel did not locate it (the page's keep-alive ping).
    #[schemars(extend("x-privacy" = "location"))]
    #[serde(rename = "$region")]
    pub region: Option<String>,
    /// The integration that delivered the event to Mixpanel (`segment`).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "$source")]
    pub source: String,
    /// Mixpanel's user id of the sender (a MongoDB ObjectId); equal to `distinct_id` in the
    /// page's samples.
    #[schemars(extend("x-privacy" = "record-id"))]
    #[serde(rename = "$user_id")]
    pub user_id: ObjectId,
    /// Added when the event is geolocated (by Mixpanel from the sender's IP address, or by
    /// Segment's Mixpanel destination from `context.location.country`): the country, an ISO
    /// 3166-1 alpha-2 code (`IN`). Absent when it was not located (the page's keep-alive ping).
    #[schemars(extend("x-privacy" = "location"))]
    pub mp_country_code: Option<CountryCode>,
    /// The library that sent the event to Mixpanel, as Mixpanel names it
    /// (`Segment Actions: analytics-java`: Segment's Mixpanel destination, fed by an Appsmith
    /// service's Java Segment client).
    #[schemars(extend("x-privacy" = "category"))]
    pub mp_lib: String,
    /// When Mixpanel processed the event, in milliseconds since the Unix epoch.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub mp_processing_time_ms: EpochMillis,
    /// The Segment source the event came through, set by Segment's Mixpanel destination from its
    /// settings (`cloud-services` for Appsmith's cloud service, `ce` for Community Edition
    /// servers in the page's samples).
    #[schemars(extend("x-privacy" = "category"))]
    pub segment_source_name: String,
    /// The event's own properties, as Appsmith sent them; they stand beside the members above.
    #[serde(flatten)]
    pub event: P,
}

impl<P: MixpanelEvent> MixpanelProperties<P> {
    /// The members the page's two exports share, set with the fixture builder, for their
    /// documented examples: events the Appsmith server sent through analytics-java and Segment's
    /// Mixpanel destination (`$lib_version`, `mp_lib`, `$source`), which Mixpanel took in through
    /// its import API (`$import`, `$mp_api_endpoint`), and whose three ids of the sender are the
    /// instance id `instance`. The caller sets each export's own: the times, `$insert_id`,
    /// `segment_source_name`, the geolocation, and the event. The order they are set in is
    /// immaterial: the export lists them by name.
    pub(super) fn page_sample(instance: &str) -> MixpanelPropertiesBuilder<P> {
        Self::fixture()
            .distinct_id(instance)
            .identified_id(instance)
            .import(true)
            .lib_version("3.3.1")
            .mp_api_endpoint("api.mixpanel.com")
            .source("segment")
            .user_id(instance)
            .mp_lib("Segment Actions: analytics-java")
    }
}

/// Serialises an export's `properties` as Mixpanel's export lists them: `time`, `distinct_id`,
/// then every other member by name, in code-point order (so the `$...` members come before the
/// others). Deserialising takes any order.
fn in_export_order<T: Serialize, S: Serializer>(
    properties: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let Value::Object(members) = serde_json::to_value(properties).map_err(S::Error::custom)? else {
        return Err(S::Error::custom(
            "the properties of an export are an object",
        ));
    };
    let mut members: Vec<(String, Value)> = members.into_iter().collect();
    members.sort_by(|(a, _), (b, _)| export_rank(a).cmp(&export_rank(b)));
    let mut map = serializer.serialize_map(Some(members.len()))?;
    for (name, value) in &members {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

/// Where a member stands in a Mixpanel export's `properties`.
fn export_rank(name: &str) -> (u8, &str) {
    match name {
        "time" => (0, ""),
        "distinct_id" => (1, ""),
        other => (2, other),
    }
}

crate::common::newtype! {
    /// A country as an ISO 3166-1 alpha-2 code: two upper-case letters (`IN`).
    #[schemars(example = &"IN")]
    pub struct CountryCode(#[schemars(regex(pattern = r"^[A-Z]{2}$"))] String);
}

/// Seconds with a fraction, as the Mixpanel exports write them.
pub(super) fn fractional_seconds(seconds: f64) -> EpochSeconds {
    EpochSeconds::from_f64(seconds).expect("a finite literal")
}

#[cfg(test)]
mod tests {
    use super::export_rank;

    #[test]
    fn time_and_distinct_id_lead_then_names_in_code_point_order() {
        let mut names = vec![
            "version",
            "$city",
            "distinct_id",
            "mp_lib",
            "time",
            "$browser",
        ];
        names.sort_by(|a, b| export_rank(a).cmp(&export_rank(b)));
        assert_eq!(
            names,
            [
                "time",
                "distinct_id",
                "$browser",
                "$city",
                "mp_lib",
                "version"
            ]
        );
    }
}
