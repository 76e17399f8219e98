//! `appsmith/server-setup-ping`: the ping a new Appsmith instance sends once its setup form is
//! complete, as recorded in Mixpanel (page line 48): [`ServerSetupProperties`] in the Mixpanel
//! export layer ([`MixpanelExport`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::mixpanel::{
    CountryCode, MixpanelEvent, MixpanelExport, MixpanelProperties, fractional_seconds,
};
use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut};
use crate::common::{IpAddress, ObjectId, Sha256Hex};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

/// `appsmith/server-setup-ping`: the server-setup ping as Mixpanel exports it.
pub type ServerSetupPing = MixpanelExport<ServerSetupProperties>;

impl Payload for ServerSetupPing {
    const ID: &'static str = "appsmith/server-setup-ping";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Appsmith server-setup ping";
    const EXAMPLE_LINE: Option<usize> = Some(48);
    const LAYER: Layer = Layer::MixpanelExport;
    const CLUES: &'static [Clue] = &[Clue::Equals("/event", "Installation Setup Complete")];
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

    fn description(derived: &str) -> String {
        super::with_event::<ServerSetupProperties>(derived)
    }

    fn documented_example() -> Option<Self> {
        Some(
        ServerSetupPing::fixture()
            .event(ServerSetupEventName::InstallationSetupComplete)
            .properties(
                // Mixpanel's members first, then the event's own: the export lists them all by name.
                MixpanelProperties::page_sample("659cf0bd504813315c336bf7")
                    .time(fractional_seconds(1_704_784_091.249))
                    .browser(String::new())
                    .city(String::from("Mysore"))
                    .insert_id("d684e7ed-1211-4518-a19c-8f22925526e0")
                    .mp_api_timestamp_ms(1_704_784_101_374)
                    .region(String::from("Karnataka"))
                    .mp_country_code(CountryCode::new("IN"))
                    .mp_processing_time_ms(1_704_784_101_771)
                    .segment_source_name("ce")
                    .event(
                        ServerSetupProperties::fixture()
                            .disable_telemetry(false)
                            .email("")
                            .email_domain_hash(
                                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                            )
                            .goal("just exploring")
                            .id("659cf0bd504813315c336bf7")
                            .instance_id("659cf0bd504813315c336bf7")
                            .ip_address("117.211.16.3")
                            .name("")
                            .origin_service("appsmith-server")
                            .proficiency("")
                            .role("frontend engineer")
                            .subscribe_marketing(false)
                            .version("v1.9.56"),
                    ),
            )
            .build()
        )
    }
}

impl MixpanelEvent for ServerSetupProperties {
    type Name = ServerSetupEventName;
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

/// The server-setup ping an Appsmith server sends the first time a new instance is created: the
/// instance and the answers of the setup form, the event's own properties.
///
/// The page: the server sends it the first time a new instance is created, and it is collected
/// irrespective of whether telemetry is turned on or off, so opting out does not stop it. A
/// choice made in the setup form takes effect only after a restart, so the ping goes out even
/// when the admin opts out there. The server sends it through Segment as the event
/// `Installation Setup Complete`.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ServerSetupProperties {
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
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(transparent)]
#[schemars(example = "")]
#[schemars(extend("anyOf" = [{ "maxLength": 0 }, { "format": "email" }]))]
pub struct EmailOrEmpty(pub String);

crate::common::string_newtype_impls!(EmailOrEmpty);
