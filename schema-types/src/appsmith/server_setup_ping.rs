//! `appsmith/server-setup-ping`: the ping a new Appsmith instance sends once its setup form is
//! complete, as recorded in Mixpanel (page line 48).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut};
use crate::common::{EpochMillis, EpochSeconds, IpAddress, ObjectId, Sha256Hex, Uuid};
use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::payload::{ExampleLocation, Layer, Payload, Product, SchemaVersion};
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
    #[schemars(extend("x-privacy" = "category"))]
    pub event: ServerSetupEventName,
    /// The event's properties as Mixpanel stores them.
    pub properties: ServerSetupProperties,
}

impl Payload for ServerSetupPing {
    const ID: &'static str = "appsmith/server-setup-ping";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Appsmith server-setup ping";
    const EXAMPLE: Option<ExampleLocation> = Some(ExampleLocation {
        page: Page::Appsmith,
        line: 48,
    });
    const LAYER: Layer = Layer::MixpanelExport;
    const CATALOG: Catalog = Catalog {
        section: "Server setup ping",
        edition: Editions::All,
        emitter: Emitter::Server,
        cadence: Cadence::FirstStart,
        trigger: "Appsmith server sends a ping first time a new instance is created.",
        destination: "Segment, exported to Mixpanel (the sample is the Mixpanel export)",
        opt_out: OptOut::SentRegardless {
            quote: catalog::APPSMITH_IRRESPECTIVE,
        },
    };
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
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub time: EpochSeconds,
    /// Mixpanel's id of the sender: the instance id (a MongoDB ObjectId), as are
    /// `$identified_id`, `$user_id` and `id` in the page's sample.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub distinct_id: ObjectId,
    /// Added by Mixpanel: the browser it attributes the event to; empty in the page's sample,
    /// where the sender is the server, not a browser.
    #[schemars(extend("x-privacy" = "device"))]
    #[serde(rename = "$browser")]
    pub browser: String,
    /// Added by Mixpanel: the city of the IP address it located the event at (`Mysore`).
    #[schemars(extend("x-privacy" = "location"))]
    #[serde(rename = "$city")]
    pub city: String,
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
    /// Added by Mixpanel: the region of the IP address it located the event at (`Karnataka`).
    #[schemars(extend("x-privacy" = "location"))]
    #[serde(rename = "$region")]
    pub region: String,
    /// The integration that delivered the event to Mixpanel (`segment`).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "$source")]
    pub source: String,
    /// Mixpanel's user id of the sender (a MongoDB ObjectId); equal to `distinct_id` in the
    /// page's sample.
    #[schemars(extend("x-privacy" = "record-id"))]
    #[serde(rename = "$user_id")]
    pub user_id: ObjectId,
    /// Whether the admin chose in the setup form to turn telemetry off. The choice takes effect
    /// only after a restart, so this ping is sent either way.
    #[schemars(extend("x-privacy" = "flag"))]
    #[serde(rename = "disable-telemetry")]
    pub disable_telemetry: bool,
    /// The admin's e-mail address, or `""`. The page says it is filled only when the admin
    /// subscribes to marketing updates (`subscribe-marketing`); the current server code sends it
    /// in every setup ping. With `name`, it identifies the admin directly, whatever the page says
    /// of the data being anonymised.
    #[schemars(extend("x-privacy" = "contact"))]
    pub email: EmailOrEmpty,
    /// SHA-256 of the domain of the admin's e-mail address, 64 lower-case hex digits. The page's
    /// sample holds the SHA-256 of the empty string. Not anonymous: an unsalted hash of a domain
    /// is reversed by hashing candidate domains, and a company's or a personal domain singles out
    /// the admin's employer or the admin. Being derived from a person's address, it is classified
    /// as a hashed identifier, not as a digest.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    #[serde(rename = "emailDomainHash")]
    pub email_domain_hash: Sha256Hex,
    /// What the admin wants to do with Appsmith, free text from the setup form
    /// (`just exploring`).
    #[schemars(extend("x-privacy" = "free-text"))]
    pub goal: String,
    /// An Appsmith id (a MongoDB ObjectId); the instance id in the page's sample.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub id: ObjectId,
    /// The id of the new Appsmith instance (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    #[serde(rename = "instanceId")]
    pub instance_id: ObjectId,
    /// The IP address of the server that hosts the instance, not the client's IP address (the
    /// page's comment).
    #[schemars(extend("x-privacy" = "network-address"))]
    #[serde(rename = "ipAddress")]
    pub ip_address: IpAddress,
    /// Added by Mixpanel: the country of the IP address it located the event at (`IN`).
    #[schemars(extend("x-privacy" = "location"))]
    pub mp_country_code: CountryCode,
    /// The library that sent the event to Mixpanel, as Mixpanel names it
    /// (`Segment Actions: analytics-java`: Segment's Mixpanel destination, fed by the server's
    /// Java Segment client).
    #[schemars(extend("x-privacy" = "category"))]
    pub mp_lib: String,
    /// When Mixpanel processed the event, in milliseconds since the Unix epoch.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub mp_processing_time_ms: EpochMillis,
    /// The admin's name, or `""`. The page says it is filled only when the admin subscribes to
    /// marketing updates (`subscribe-marketing`); the current server code sends it in every setup
    /// ping.
    #[schemars(extend("x-privacy" = "contact"))]
    pub name: String,
    /// The Appsmith service that sent the event (`appsmith-server`).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "originService")]
    pub origin_service: String,
    /// The admin's proficiency, free text from the setup form; empty in the page's sample.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub proficiency: String,
    /// The admin's role, free text from the setup form (`frontend engineer`).
    #[schemars(extend("x-privacy" = "free-text"))]
    pub role: String,
    /// The Segment source the event came through (`ce` in the page's sample).
    #[schemars(extend("x-privacy" = "category"))]
    pub segment_source_name: String,
    /// Whether the admin subscribed to marketing updates in the setup form. The page: only then
    /// are the admin's name and e-mail address sent as well.
    #[schemars(extend("x-privacy" = "flag"))]
    #[serde(rename = "subscribe-marketing")]
    pub subscribe_marketing: bool,
    /// The Appsmith version the instance runs (`v1.9.56`).
    #[schemars(extend("x-privacy" = "version"))]
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
