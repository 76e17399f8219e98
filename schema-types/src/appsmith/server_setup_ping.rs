//! `appsmith/server-setup-ping`: the ping a new Appsmith instance sends once its setup form is
//! complete, as recorded in Mixpanel (page line 48).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::{EpochMillis, EpochSeconds, IpAddress, ObjectId, Sha256Hex, Uuid};
use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::payload::{ExampleLocation, Payload, Product, SchemaVersion};
use crate::validate::Validate;

/// The server-setup ping an Appsmith server sends the first time a new instance is created, as
/// exported from Mixpanel.
///
/// The page: the server sends it the first time a new instance is created, and it is collected
/// irrespective of whether telemetry is turned on or off, so opting out does not stop it. A
/// choice made in the setup form takes effect only after a restart, so the ping goes out even
/// when the admin opts out there. It carries the answers of the setup form; the server sends it
/// through Segment, and this document is Mixpanel's export of the event
/// `Installation Setup Complete`: the `$...` and `mp_*` members are added by Mixpanel, not by
/// Appsmith.
///
/// Closed (no other members): a privacy audit must account for every member sent, the page's
/// export is the documented shape, and variants seen in real traffic are added later as new
/// schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ServerSetupPing {
    /// The event name, always `Installation Setup Complete`.
    pub event: ServerSetupEventName,
    /// The event's properties as Mixpanel stores them.
    pub properties: ServerSetupProperties,
}

impl Payload for ServerSetupPing {
    const ID: &'static str = "appsmith/server-setup-ping";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "Appsmith server-setup ping";
    const EXAMPLE: Option<ExampleLocation> = Some(ExampleLocation {
        page: Page::Appsmith,
        line: 48,
    });
}

/// The name under which a server-setup ping is recorded.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum ServerSetupEventName {
    /// `Installation Setup Complete`: the admin completed the setup form of a new instance.
    #[serde(rename = "Installation Setup Complete")]
    InstallationSetupComplete,
}

/// The properties of a server-setup ping in Mixpanel: the instance, the answers of the setup
/// form, and what Segment and Mixpanel added on the way.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ServerSetupProperties {
    /// When the event happened, as Mixpanel records it: seconds since the Unix epoch, with the
    /// milliseconds as a fraction (`1704784091.249`).
    pub time: EpochSeconds,
    /// Mixpanel's id of the sender: the instance id (a MongoDB ObjectId), as are
    /// `$identified_id`, `$user_id` and `id` in the page's sample.
    pub distinct_id: ObjectId,
    /// Added by Mixpanel: the browser it attributes the event to; empty in the page's sample,
    /// where the sender is the server, not a browser.
    #[serde(rename = "$browser")]
    pub browser: String,
    /// Added by Mixpanel: the city of the IP address it located the event at (`Mysore`).
    #[serde(rename = "$city")]
    pub city: String,
    /// Mixpanel's identified id of the sender (a MongoDB ObjectId); equal to `distinct_id` in
    /// the page's sample.
    #[serde(rename = "$identified_id")]
    pub identified_id: ObjectId,
    /// Added by Mixpanel: `true` for an event received through its import API, here from Segment.
    #[serde(rename = "$import")]
    pub import: bool,
    /// Mixpanel's deduplication key for the event, a UUID.
    #[serde(rename = "$insert_id")]
    pub insert_id: Uuid,
    /// The version of the sending library named in `mp_lib` (`3.3.1`).
    #[serde(rename = "$lib_version")]
    pub lib_version: String,
    /// The Mixpanel API host that received the event (`api.mixpanel.com`).
    #[serde(rename = "$mp_api_endpoint")]
    pub mp_api_endpoint: String,
    /// When Mixpanel's API received the event, in milliseconds since the Unix epoch.
    #[serde(rename = "$mp_api_timestamp_ms")]
    pub mp_api_timestamp_ms: EpochMillis,
    /// Added by Mixpanel: the region of the IP address it located the event at (`Karnataka`).
    #[serde(rename = "$region")]
    pub region: String,
    /// The integration that delivered the event to Mixpanel (`segment`).
    #[serde(rename = "$source")]
    pub source: String,
    /// Mixpanel's user id of the sender (a MongoDB ObjectId); equal to `distinct_id` in the
    /// page's sample.
    #[serde(rename = "$user_id")]
    pub user_id: ObjectId,
    /// Whether the admin chose in the setup form to turn telemetry off. The choice takes effect
    /// only after a restart, so this ping is sent either way.
    #[serde(rename = "disable-telemetry")]
    pub disable_telemetry: bool,
    /// The admin's e-mail address, or `""`. The page says it is filled only when the admin
    /// subscribes to marketing updates (`subscribe-marketing`); the current server code sends it
    /// in every setup ping.
    pub email: EmailOrEmpty,
    /// SHA-256 of the domain of the admin's e-mail address, 64 lower-case hex digits. The page's
    /// sample holds the SHA-256 of the empty string.
    #[serde(rename = "emailDomainHash")]
    pub email_domain_hash: Sha256Hex,
    /// What the admin wants to do with Appsmith, free text from the setup form
    /// (`just exploring`).
    pub goal: String,
    /// An Appsmith id (a MongoDB ObjectId); the instance id in the page's sample.
    pub id: ObjectId,
    /// The id of the new Appsmith instance (a MongoDB ObjectId).
    #[serde(rename = "instanceId")]
    pub instance_id: ObjectId,
    /// The IP address of the server that hosts the instance, not the client's IP address (the
    /// page's comment).
    #[serde(rename = "ipAddress")]
    pub ip_address: IpAddress,
    /// Added by Mixpanel: the country of the IP address it located the event at (`IN`).
    pub mp_country_code: CountryCode,
    /// The library that sent the event to Mixpanel, as Mixpanel names it
    /// (`Segment Actions: analytics-java`: Segment's Mixpanel destination, fed by the server's
    /// Java Segment client).
    pub mp_lib: String,
    /// When Mixpanel processed the event, in milliseconds since the Unix epoch.
    pub mp_processing_time_ms: EpochMillis,
    /// The admin's name, or `""`. The page says it is filled only when the admin subscribes to
    /// marketing updates (`subscribe-marketing`); the current server code sends it in every setup
    /// ping.
    pub name: String,
    /// The Appsmith service that sent the event (`appsmith-server`).
    #[serde(rename = "originService")]
    pub origin_service: String,
    /// The admin's proficiency, free text from the setup form; empty in the page's sample.
    pub proficiency: String,
    /// The admin's role, free text from the setup form (`frontend engineer`).
    pub role: String,
    /// The Segment source the event came through (`ce` in the page's sample).
    pub segment_source_name: String,
    /// Whether the admin subscribed to marketing updates in the setup form. The page: only then
    /// are the admin's name and e-mail address sent as well.
    #[serde(rename = "subscribe-marketing")]
    pub subscribe_marketing: bool,
    /// The Appsmith version the instance runs (`v1.9.56`).
    pub version: String,
}

/// An e-mail address, or the empty string when none is given.
///
/// The setup ping's `email`: the page says it is filled only when the admin subscribes to
/// marketing updates; the current server code sends it in every setup ping.
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    Validate,
    Fixture,
)]
#[serde(transparent)]
#[schemars(example = "")]
#[schemars(extend("anyOf" = [{ "maxLength": 0 }, { "format": "email" }]))]
pub struct EmailOrEmpty(pub String);

/// A country as an ISO 3166-1 alpha-2 code: two upper-case letters (`IN`).
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    Validate,
    Fixture,
)]
#[serde(transparent)]
#[schemars(example = &"IN")]
pub struct CountryCode(#[schemars(regex(pattern = r"^[A-Z]{2}$"))] pub String);

crate::common::string_newtype_impls!(EmailOrEmpty, CountryCode);
