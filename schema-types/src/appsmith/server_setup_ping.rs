//! `appsmith/server-setup-ping`: the ping a new Appsmith instance sends once its setup form is
//! complete, as recorded in Mixpanel (page line 48), in the shape of each server still in the
//! field: the page's ([`ServerSetupPing2023`], properties [`ServerSetupProperties`]) and that of
//! the servers of 2024 ([`ServerSetupPing2024`], properties [`ServerSetupProperties2024`]), each
//! in the Mixpanel export layer ([`MixpanelExport`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::backend_call_event::TimestampOrEmpty;
use super::keep_alive_ping::Edition;
use super::mixpanel::{
    CountryCode, MixpanelEvent, MixpanelExport, MixpanelProperties, fractional_seconds,
};
use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter};
use crate::common::{IpAddress, ObjectId, Sha256Hex};
use crate::fixture::Fixture;
use crate::names::names;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

/// `appsmith/server-setup-ping`: the server-setup ping as Mixpanel exports it, from a server of
/// any version still in the field.
///
/// One shape per era of the server's code (`appsmithorg/appsmith`,
/// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/UserSignupCEImpl.java`,
/// `sendInstallationSetupAnalytics`, and `services/ce/AnalyticsServiceCEImpl.java`, `sendEvent`):
/// the page's, and the larger one of the servers of 2024, which send the admin's e-mail address
/// and name in every ping and the deployment's details. A document is valid when it is one of
/// them; a strict reader asks for the page's era alone (`appsmith/server-setup-ping@2023`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
// A document is read once and handed over whole: it takes the room of its largest era, as one
// struct of every member would; boxing an era would cost an allocation per document.
#[allow(clippy::large_enum_variant)]
pub enum ServerSetupPing {
    /// The page's shape, from the servers of 2023 and early 2024 (the page's sample was sent by
    /// v1.9.56 in January 2024): the setup form's answers, the admin's e-mail address and name
    /// only when the admin subscribed to marketing updates, and what `sendEvent` added then
    /// (`originService`, `instanceId`, `version`, `emailDomainHash`).
    #[schemars(extend("x-era" = { "name": "2023", "documented": true }))]
    Era2023(ServerSetupPing2023),
    /// The servers of 2024 and later, whose ping carries the admin's e-mail address and name
    /// whatever the admin chose, `role` always `""` beside a `proficiency` from a fixed list, the
    /// server's public address or `unknown`, and the members every event of theirs gets in
    /// `sendEvent` (`adminEmailDomainHash`, `edition`, `cloudProvider`, `efs`, `tool`,
    /// `hostname`, `deployedAt`) (`sendInstallationSetupAnalytics` in `UserSignupCEImpl.java`,
    /// `sendEvent` in `AnalyticsServiceCEImpl.java`, the revisions of 2024 that read
    /// `DeploymentProperties`).
    #[schemars(extend("x-era" = "2024"))]
    Era2024(ServerSetupPing2024),
}

/// The page's era of [`ServerSetupPing`].
pub type ServerSetupPing2023 = MixpanelExport<ServerSetupProperties>;

/// The era of the servers of 2024 of [`ServerSetupPing`].
pub type ServerSetupPing2024 = MixpanelExport<ServerSetupProperties2024>;

impl Payload for ServerSetupPing {
    const ID: &'static str = "appsmith/server-setup-ping";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 2);
    const TITLE: &'static str = "Appsmith server-setup ping";
    const EXAMPLE_LINE: Option<usize> = Some(48);
    const LAYER: Layer = Layer::MixpanelExport;
    const CLUES: &'static [Clue] = &[Clue::Equals(
        "/event",
        ServerSetupEventName::InstallationSetupComplete.as_str(),
    )];
    const CATALOG: Catalog = Catalog {
        section: "Server setup ping",
        edition: Editions::All,
        emitter: Emitter::Server,
        cadence: Cadence::FirstStart,
        trigger: "Appsmith server sends a ping first time a new instance is created.",
        destination: "Segment, exported to Mixpanel (the sample is the Mixpanel export)",
        opt_out: catalog::APPSMITH_SENT_REGARDLESS,
    };

    /// The eras, the layer, then the event of each era.
    fn description(derived: &str) -> String {
        let layer = crate::schema::followed_by::<ServerSetupPing2023>(derived, "The layer");
        crate::schema::followed_by::<ServerSetupProperties2024>(
            &super::with_event::<ServerSetupProperties>(&layer),
            "The event from the servers of 2024",
        )
    }

    fn documented_example() -> Option<Self> {
        Some(Self::Era2023(
        ServerSetupPing2023::fixture()
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
        ))
    }
}

impl MixpanelEvent for ServerSetupProperties {
    type Name = ServerSetupEventName;
}

impl MixpanelEvent for ServerSetupProperties2024 {
    type Name = ServerSetupEventName;
}

names! {
    /// The name under which a server-setup ping is recorded.
    pub enum ServerSetupEventName {
        /// `Installation Setup Complete`: the admin completed the setup form of a new instance.
        InstallationSetupComplete = "Installation Setup Complete",
    }
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
    /// subscribes to marketing updates (`subscribe-marketing`); the servers of 2024 send it in
    /// every setup ping (the era `2024`). With `name`, it identifies the
    /// admin directly, whatever the page says of the data being anonymised.
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
    /// marketing updates (`subscribe-marketing`); the servers of 2024 send it in every setup
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

crate::common::newtype! {
    /// An e-mail address, or the empty string when none is given.
    ///
    /// The setup ping's `email` in the page's era: the page says it is filled only when the admin
    /// subscribes to marketing updates.
    #[schemars(example = "")]
    #[schemars(extend("anyOf" = [{ "maxLength": 0 }, { "format": "email" }]))]
    pub struct EmailOrEmpty(String);
}

/// The properties of `Installation Setup Complete` as the servers of 2024 send them, as Mixpanel
/// keeps them.
///
/// `sendInstallationSetupAnalytics` (`appsmithorg/appsmith`,
/// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/UserSignupCEImpl.java`,
/// the revisions of 2024 that put `ROLE` as `""`) sends the setup form's answers, the admin's
/// e-mail address and name (`user.getEmail()`, `user.getName()`, whether or not the admin
/// subscribed to marketing updates) and the server's public address as both `ip` and
/// `ipAddress`; Mixpanel takes `ip` as its reserved property (it geolocates the event by it and
/// does not keep it), so only `ipAddress` is exported. `sendEvent`
/// (`services/ce/AnalyticsServiceCEImpl.java`) adds, for this event, the SHA-256 of the domain of
/// the e-mail address as `emailDomainHash` and `adminEmailDomainHash`, then `originService`,
/// `instanceId`, `version`, `edition` and the deployment's details read from
/// `/tmp/appsmith/infra.json` (`configurations/DeploymentPropertiesCE.java`, a file written at
/// start by `deploy/docker/fs/opt/appsmith/generate-infra-details.sh`), each `""` when the file
/// does not exist. Segment's Mixpanel destination adds `id`, the `distinct_id`.
///
/// The server sends this ping whether telemetry is on or off, as in the page's era, and with the
/// admin's name and e-mail address in clear: an auditor should count it among the documents that
/// identify a person.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ServerSetupProperties2024 {
    /// The SHA-256 of the domain of the admin's e-mail address, as `emailDomainHash`: for this
    /// event `sendEvent` writes the same value under both names.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    #[serde(rename = "adminEmailDomainHash")]
    pub admin_email_domain_hash: Sha256HexOrEmpty,
    /// The cloud the server runs on, as the start script guesses it from the kernel's release
    /// name and the environment (`amazon`, `azure`, `gcp`, `digitalocean`, `alibaba`, `heroku`,
    /// or `local` for anything else), or `""` without the deployment file.
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "cloudProvider")]
    pub cloud_provider: CloudProvider,
    /// When the container started, as the start script writes it with `date -u -Iseconds`
    /// (`2024-06-11T09:41:27+00:00`), or `""` without the deployment file.
    #[schemars(extend("x-privacy" = "timestamp"))]
    #[serde(rename = "deployedAt")]
    pub deployed_at: TimestampOrEmpty,
    /// Whether the admin chose in the setup form to turn telemetry off, as in the page's era.
    #[schemars(extend("x-privacy" = "flag"))]
    #[serde(rename = "disable-telemetry")]
    pub disable_telemetry: bool,
    /// The edition the server runs: `CE` (open build) or `EE` (paid build).
    #[schemars(extend("x-privacy" = "category"))]
    pub edition: Edition,
    /// Whether the stacks folder (`/appsmith-stacks`) is an NFS mount such as Amazon EFS:
    /// `present` or `absent`, or `""` without the deployment file.
    #[schemars(extend("x-privacy" = "category"))]
    pub efs: EfsMount,
    /// The admin's e-mail address, in clear, in every ping: the address the admin signed up
    /// with (validated by the server as an e-mail address before the ping is sent).
    #[schemars(extend("x-privacy" = "contact"))]
    pub email: EmailAddress,
    /// The SHA-256 of the domain of the admin's e-mail address, 64 lower-case hex digits, or `""`
    /// where there is no domain: in these servers `hash` returns `""` for an empty text instead
    /// of hashing it. Reversible by hashing candidate domains, as in the page's era.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    #[serde(rename = "emailDomainHash")]
    pub email_domain_hash: Sha256HexOrEmpty,
    /// What the admin wants to do with Appsmith, the setup form's use case, or `""`.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub goal: String,
    /// The name of the machine or container the server runs in (`/etc/hostname`: a container id,
    /// a pod's name), or `""` without the deployment file.
    #[schemars(extend("x-privacy" = "device"))]
    pub hostname: String,
    /// An Appsmith id (a MongoDB ObjectId): the instance id, which Segment's Mixpanel destination
    /// copies from `distinct_id`.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub id: ObjectId,
    /// The id of the new Appsmith instance (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    #[serde(rename = "instanceId")]
    pub instance_id: ObjectId,
    /// The public IP address of the server that hosts the instance (asked of an external
    /// service), or `unknown` when it could not be found.
    #[schemars(extend("x-privacy" = "network-address"))]
    #[serde(rename = "ipAddress")]
    pub ip_address: IpAddressOrUnknown,
    /// The admin's name, in clear, in every ping, or `""` when the admin gave none.
    #[schemars(extend("x-privacy" = "contact"))]
    pub name: String,
    /// The Appsmith service that sent the event (`appsmith-server`).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "originService")]
    pub origin_service: String,
    /// The admin's proficiency, picked from the setup form's list, or `""` when none was given.
    #[schemars(extend("x-privacy" = "category"))]
    pub proficiency: Proficiency,
    /// Always `""`: these servers no longer ask the admin's role.
    #[schemars(extend("x-privacy" = "category"))]
    pub role: EmptyRole,
    /// Whether the admin subscribed to marketing updates in the setup form; the e-mail address
    /// and name are sent either way.
    #[schemars(extend("x-privacy" = "flag"))]
    #[serde(rename = "subscribe-marketing")]
    pub subscribe_marketing: bool,
    /// How the server was deployed, as the start script sees it: `docker`, or `kubernetes` when
    /// it runs in a Kubernetes pod; `""` without the deployment file.
    #[schemars(extend("x-privacy" = "category"))]
    pub tool: DeploymentTool,
    /// The Appsmith version the instance runs (`v1.30`).
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
}

names! {
    /// The proficiency an admin picks in the setup form of the servers of 2024
    /// (`app/client/src/pages/setup/constants.ts`, `proficiencyOptions`), or `""` when none was
    /// given (`ObjectUtils.defaultIfNull(userData.getProficiency(), "")`).
    pub enum Proficiency {
        /// `Brand New`: brand new to programming.
        BrandNew = "Brand New",
        /// `Novice`: limited or no experience.
        Novice = "Novice",
        /// `Intermediate`: some coding.
        Intermediate = "Intermediate",
        /// `Advanced`: comfortable with programming.
        Advanced = "Advanced",
        /// `""`: not given.
        NotGiven = "",
    }
}

names! {
    /// The `role` of the servers of 2024: always `""` (`analyticsProps.put(ROLE, "")`).
    pub enum EmptyRole {
        /// `""`: the role is no longer asked.
        Empty = "",
    }
}

names! {
    /// The cloud a server runs on, as `generate-infra-details.sh` guesses it
    /// (`deploy/docker/fs/opt/appsmith/generate-infra-details.sh`, `get_cloud_provider`), or `""`
    /// when the server found no deployment file.
    pub enum CloudProvider {
        /// `amazon`: the kernel's release names `amzn`.
        Amazon = "amazon",
        /// `azure`: the kernel's release names `azure`.
        Azure = "azure",
        /// `gcp`: the kernel's release names `cloud`.
        Gcp = "gcp",
        /// `digitalocean`: the kernel's release names `generic`.
        DigitalOcean = "digitalocean",
        /// `alibaba`: the kernel's release names `ecs`.
        Alibaba = "alibaba",
        /// `heroku`: a `DYNO` is set.
        Heroku = "heroku",
        /// `local`: none of the above.
        Local = "local",
        /// `""`: no deployment file.
        Unknown = "",
    }
}

names! {
    /// How a server was deployed, as `generate-infra-details.sh` sees it (`get_tool`), or `""`
    /// when the server found no deployment file.
    pub enum DeploymentTool {
        /// `docker`: no Kubernetes service host in the environment.
        Docker = "docker",
        /// `kubernetes`: `KUBERNETES_SERVICE_HOST` is set.
        Kubernetes = "kubernetes",
        /// `""`: no deployment file.
        Unknown = "",
    }
}

names! {
    /// Whether the stacks folder is an NFS mount, as `generate-infra-details.sh` sees it
    /// (`check_for_efs`), or `""` when the server found no deployment file.
    pub enum EfsMount {
        /// `present`: `/appsmith-stacks` is an NFS mount.
        Present = "present",
        /// `absent`: it is not.
        Absent = "absent",
        /// `""`: no deployment file.
        Unknown = "",
    }
}

crate::common::newtype! {
    /// An e-mail address (never empty).
    #[schemars(example = "admin@example.com")]
    #[schemars(extend("format" = "email"))]
    pub struct EmailAddress(String);

    /// A SHA-256 digest written as 64 lower-case hex digits, or `""`: the servers of 2024 hash an
    /// empty text to `""`.
    #[schemars(example = &"a379a6f6eeafb9a55e378c118034e2751e682fab9f2d30ab13d2125586ce1947")]
    #[schemars(extend("anyOf" = [{ "maxLength": 0 }, { "pattern": "^[0-9a-f]{64}$" }]))]
    pub struct Sha256HexOrEmpty(String);

    /// An IPv4 or IPv6 address in its usual text form, or `unknown` where the server could not find
    /// its public address (`networkUtils.getExternalAddress().defaultIfEmpty("unknown")`).
    #[schemars(example = "117.211.16.3")]
    #[schemars(extend("anyOf" = [{ "format": "ipv4" }, { "format": "ipv6" }, { "pattern": "^unknown$" }]))]
    pub struct IpAddressOrUnknown(String);
}
