//! `appsmith/instance-stats-ping`: the daily `instance_stats` call a self-hosted Appsmith server
//! POSTs straight to Segment's tracking API while telemetry is on: how many workspaces,
//! applications, pages, actions, datasources and users the instance holds, in the shape of each
//! server still in the field. The page does not document it; every fact here is read from
//! `pingStats` (`appsmithorg/appsmith`,
//! `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/PingScheduledTaskCEImpl.java`).
//!
//! Like `appsmith/instance-active-ping`, the body is built by the server (`Map.of(...)` through
//! `WebClient`, not analytics-java), so the document is the call as sent
//! ([`Layer::SegmentCall`]); it shares that kind's `context` ([`ServerAddress`],
//! [`ServerAddressOrUnknown`]). Each group of members the eras share is declared once and
//! flattened into the eras that send it: the instance id ([`StatsInstance`]), the six counts
//! ([`InstanceCounts`], as integers or, in one era, as text), the version and edition
//! ([`BuildInfo`]), the deployment's details ([`DeploymentDetails`]), the public applications
//! ([`PublicApps`]) and the active users ([`ActiveUsers`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    CloudProvider, DeploymentTool, Edition, EfsMount, ServerAddress, ServerAddressOrUnknown,
    Sha256HexOrEmpty, TimestampOrEmpty,
};
use crate::api::Clue;
use crate::catalog::Catalog;
use crate::common::{Count, IpAddress};
use crate::fixture::Fixture;
use crate::names::names;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

/// `appsmith/instance-stats-ping`: the `instance_stats` call, from a server of any version still
/// in the field.
///
/// One shape per era of `pingStats` (`PingScheduledTaskCEImpl.java`): the counts beside the
/// properties (February 2022), the counts among the properties under the server's IP address
/// (2022), under the instance id with the version and edition (2023), as text with the
/// deployment's details and the public applications (October 2023), as numbers again with the
/// active users and the admin's e-mail domain hash (2024), and per organization (2025). A
/// document is valid when it is one of them.
///
/// Not modelled: the revision `01b41bc2253d734c7e23d7e28aa2d5bd9b84e138`, whose `pingStats` puts
/// `version` and `edition` beside `userId`, `context`, `properties` and `event`, with the
/// instance id and the six counts alone in `properties`. No release holds it: on the release
/// line the file goes from `b0bfacd0864674619c7fd017093a4ede3fe9d868` (2023-02-01, released as
/// v1.9.6) straight to `088ec5b3cbb6c33dd3c4db79a7ccecc36d6b5ae7` (2023-02-27, version and
/// edition inside `properties`, released as v1.9.10), and that revision still calls the static
/// `NetworkUtils.getExternalAddress()`, which `35f3d536e462a6db672778130e45d44b61c6a342`
/// (2023-06-28) replaced, so it cannot be a later one either.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
pub enum InstanceStatsPing {
    /// The servers from 2022-02-09 (`a7f31d3e675eb1eb240e5119fae0707145f34d4f`, "Anonymous stats
    /// if telemetry is enabled", on master as `3d04ad0b00522dd4f442b3ed06c78dd05941df2b`,
    /// released as v1.6.10 through `db1ea09a4a91a944a018ccf0d3ed4c1d56190e61`) to the counts' move
    /// into the properties (`0c542536daac82f25afdddc03c87be637e43dcae`, 2022-02-17, on master
    /// `24fd89a053d64280d50150ae9de4d9d76db632e8`, 2022-02-21): the six counts are members of the
    /// call itself, beside `properties`, which holds the instance id alone.
    #[schemars(extend("x-era" = "2022-02"))]
    Era2022Feb(InstanceStatsPing2022Feb),
    /// The servers from 2022-02-17 (`0c542536daac82f25afdddc03c87be637e43dcae`, "Move data
    /// counts to properties for analytics") to January 2023: `userId` is the server's public IP
    /// address; the properties are the instance id and the six counts.
    #[schemars(extend("x-era" = "2022"))]
    Era2022(InstanceStatsPing2022),
    /// The servers from 2023-02-27 (`088ec5b3cbb6c33dd3c4db79a7ccecc36d6b5ae7`, "Add version
    /// information in instance_stats") to October 2023: `userId` is the instance id (from
    /// `b0bfacd0864674619c7fd017093a4ede3fe9d868`), and the properties add the server's version
    /// and edition.
    #[schemars(extend("x-era" = "2023"))]
    Era2023(InstanceStatsPing2023),
    /// The servers from October 2023 (the revision whose `pingStats` adds `numPublicApps`,
    /// "instance total public apps count", and `DeploymentProperties`) to the revision that adds
    /// `getUserTrackingDetails`: the properties are a `Map<String, String>`, so every count is
    /// sent as text, beside the version, the edition and the deployment's details.
    #[schemars(extend("x-era" = "2023-10"))]
    Era2023Oct(InstanceStatsPing2023Oct),
    /// The servers of 2024 (the revision whose `pingStats` adds `getUserTrackingDetails`): the
    /// counts as numbers again, with public applications, daily, weekly and monthly active users,
    /// the deployment's details and the admin's e-mail domain hash.
    #[schemars(extend("x-era" = "2024"))]
    Era2024(InstanceStatsPing2024),
    /// The servers of 2025, which send one call per organization
    /// (`organizationService.retrieveAll()` in `pingStats`): the 2024 properties and the
    /// organization's id.
    #[schemars(extend("x-era" = "2025"))]
    Era2025(InstanceStatsPing2025),
}

impl Payload for InstanceStatsPing {
    const ID: &'static str = "appsmith/instance-stats-ping";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 2, 0);
    const TITLE: &'static str = "Appsmith instance statistics ping";
    const EXAMPLE_LINE: Option<usize> = None;
    const LAYER: Layer = Layer::SegmentCall;
    const CLUES: &'static [Clue] = &[Clue::Equals(
        "/event",
        InstanceStatsEventName::InstanceStats.as_str(),
    )];
    const CATALOG: Catalog = super::instance_active_ping::server_ping_catalog(
        "once a day from two minutes after the server starts, on self-hosted servers: `@Scheduled(initialDelay = 2 * 60 * 1000 /* two minutes */, fixedRate = 24 * 60 * 60 * 1000 /* a day */)` on `pingStats` (PingScheduledTaskCEImpl.java)",
    );
}

/// The `instance_stats` call of the servers of February 2022, the counts beside `properties`.
///
/// `Map.of("userId", ipAddress, "context", Map.of("ip", ipAddress), "properties",
/// Map.of("instanceId", ...), "numOrgs", ..., "numApps", ..., "numPages", ..., "numActions",
/// ..., "numDatasources", ..., "numUsers", ..., "event", "instance_stats")` (`pingStats` from
/// `a7f31d3e675eb1eb240e5119fae0707145f34d4f`, 2022-02-09, to
/// `0c542536daac82f25afdddc03c87be637e43dcae`, 2022-02-17). `Map.of` keeps no order.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStatsPing2022Feb {
    /// Where the call comes from: the server's public address.
    pub context: ServerAddress,
    /// The event name, always `instance_stats`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceStatsEventName,
    /// The six counts, members of the call itself.
    #[serde(flatten)]
    pub counts: InstanceCounts<Count>,
    /// The instance id alone.
    pub properties: StatsInstance,
    /// The user Segment files the call under: the server's public IP address (as `context.ip`).
    #[schemars(extend("x-privacy" = "network-address"))]
    pub user_id: IpAddress,
}

/// The `instance_stats` call of the servers of 2022.
///
/// `Map.of("userId", ipAddress, "context", Map.of("ip", ipAddress), "properties",
/// Map.of("instanceId", ..., "numOrgs", ..., ...), "event", "instance_stats")` (`pingStats`
/// from `0c542536daac82f25afdddc03c87be637e43dcae`, 2022-02-17, to
/// `b0bfacd0864674619c7fd017093a4ede3fe9d868`, 2023-02-01). `Map.of` keeps no order.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStatsPing2022 {
    /// Where the call comes from: the server's public address.
    pub context: ServerAddress,
    /// The event name, always `instance_stats`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceStatsEventName,
    /// The instance id and its counts.
    pub properties: InstanceStats2022,
    /// The user Segment files the call under: the server's public IP address (as `context.ip`).
    #[schemars(extend("x-privacy" = "network-address"))]
    pub user_id: IpAddress,
}

/// Declares the `instance_stats` call of an era from 2023, closed: the server's public address or
/// `unknown` as its context, the event's name, the era's `properties` (given with their doc) and
/// the instance id, or `null`, as the user. The members every such era shares are written once.
macro_rules! stats_call {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(#[$properties_meta:meta])*
            properties: $properties:ty,
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $name {
            /// Where the call comes from: the server's public address, or `unknown`.
            pub context: ServerAddressOrUnknown,
            /// The event name, always `instance_stats`.
            #[schemars(extend("x-privacy" = "category"))]
            pub event: InstanceStatsEventName,
            $(#[$properties_meta])*
            pub properties: $properties,
            /// The user Segment files the call under: the instance id, or the text `null` when the
            /// server has none (`getInstanceId().defaultIfEmpty("null")`).
            #[schemars(extend("x-privacy" = "record-id"))]
            pub user_id: ObjectIdOrNullText,
        }
    };
}

stats_call! {
    /// The `instance_stats` call of the servers of 2023.
    ///
    /// As in 2022, with `userId` the instance id and the version and edition among the properties
    /// (`pingStats` from `088ec5b3cbb6c33dd3c4db79a7ccecc36d6b5ae7`, 2023-02-27, through
    /// `7b30a7efeff471da5d428354979339619d54fd9a`, 2023-07-07, formatting only). `Map.of` keeps no
    /// order.
    ///
    /// Closed (no other members): a privacy audit must account for every member sent.
    pub struct InstanceStatsPing2023 {
        /// The instance id, its counts, the server's version and edition.
        properties: InstanceStats2023,
    }
}

stats_call! {
    /// The `instance_stats` call of the servers from October 2023, every count as text.
    ///
    /// `pingStats` of the revision that builds `Map<String, String> propertiesMap =
    /// Map.ofEntries(...)`: each count is `toString()` of its `Long`, beside `numPublicApps`, the
    /// version, `deploymentProperties.getEdition()` and the deployment's details read from the infra
    /// file, none of them defaulted. `Map.ofEntries` refuses a null value, so a server without the
    /// infra file (or with one lacking a member) makes no call: this era's deployment members are
    /// never `""`, though the type it shares with 2024 allows it. No order.
    ///
    /// Closed (no other members): a privacy audit must account for every member sent.
    pub struct InstanceStatsPing2023Oct {
        /// The instance id, its counts as text and the deployment's details.
        properties: InstanceStats2023Oct,
    }
}

stats_call! {
    /// The `instance_stats` call of the servers of 2024.
    ///
    /// `pingStats` of the revision that adds `getUserTrackingDetails`: the properties are a
    /// `HashMap` of the counts, the deployment's details (`DeploymentProperties`, `""` for what the
    /// infra file does not say) and the admin's e-mail domain hash, with `DAU`, `WAU` and `MAU` put
    /// into it. No order.
    ///
    /// Closed (no other members): a privacy audit must account for every member sent.
    pub struct InstanceStatsPing2024 {
        /// The instance id, its counts and the deployment's details.
        properties: InstanceStats2024,
    }
}

stats_call! {
    /// The `instance_stats` call of the servers of 2025, one per organization.
    ///
    /// `pingStats` of the revision that walks `organizationService.retrieveAll()`: the 2024
    /// properties with `organizationId`; the admin's e-mail domain hash is read from `CommonConfig`.
    ///
    /// Closed (no other members): a privacy audit must account for every member sent.
    pub struct InstanceStatsPing2025 {
        /// The instance id, the organization's, the counts and the deployment's details.
        properties: InstanceStats2025,
    }
}

names! {
    /// The event name of the daily statistics call.
    pub enum InstanceStatsEventName {
        /// `instance_stats`: the instance's daily counts.
        InstanceStats = "instance_stats",
    }
}

/// The instance id as every revision of `pingStats` reads it:
/// `configService.getInstanceId().defaultIfEmpty("null")`.
///
/// Closed (the properties of February 2022): the server writes this member only.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct StatsInstance {
    /// The id of the Appsmith instance (a MongoDB ObjectId), as `userId` from 2023; the text
    /// `null` when the server has no instance id yet (`defaultIfEmpty("null")`).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub instance_id: ObjectIdOrNullText,
}

/// The six counts every era sends: the records not deleted (`countByDeletedAtNull`), each a
/// `Long`, written as `N`: a JSON integer ([`Count`]) or, in the era of October 2023, its
/// `toString()` ([`CountText`]).
///
/// Closed: it lends exactly these members to the call or its properties.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceCounts<N> {
    /// How many actions (queries and API calls) the instance holds.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_actions: N,
    /// How many applications.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_apps: N,
    /// How many datasources.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_datasources: N,
    /// How many workspaces (organizations before 2022, hence the name).
    #[schemars(extend("x-privacy" = "count"))]
    pub num_orgs: N,
    /// How many pages.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_pages: N,
    /// How many users: every user until 2023, the users the server did not create itself
    /// (`isSystemGenerated` not `true`) from October 2023.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_users: N,
}

/// The version and edition of the build, which the servers send from 2023.
///
/// Closed: it lends exactly these members to the properties.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BuildInfo {
    /// The edition of the build: `CE` (open) or `EE` (paid), `ProjectProperties.EDITION`, from
    /// October 2023 `deploymentProperties.getEdition()`.
    #[schemars(extend("x-privacy" = "category"))]
    pub edition: Edition,
    /// The Appsmith version the server runs (`v1.9.10`, `v1.30`), `projectProperties.getVersion()`.
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
}

/// The deployment's details the servers send from October 2023, read from the infra file the
/// start script writes (`DeploymentProperties`), as the setup ping of 2024 reports them.
///
/// Closed: it lends exactly these members to the properties.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeploymentDetails {
    /// The cloud the server runs on, as the start script guesses it, or `""` (from 2024, without
    /// the infra file).
    #[schemars(extend("x-privacy" = "category"))]
    pub cloud_provider: CloudProvider,
    /// When the container started (`date -u -Iseconds`), or `""`.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub deployed_at: TimestampOrEmpty,
    /// Whether the stacks folder is an NFS mount: `present`, `absent`, or `""`.
    #[schemars(extend("x-privacy" = "category"))]
    pub efs: EfsMount,
    /// The name of the machine or container the server runs in (`/etc/hostname`), or `""`.
    #[schemars(extend("x-privacy" = "device"))]
    pub hostname: String,
    /// How the server was deployed: `docker`, `kubernetes`, or `""`.
    #[schemars(extend("x-privacy" = "category"))]
    pub tool: DeploymentTool,
}

/// The public applications the servers count from October 2023, written as `N`: text in the era
/// of October 2023 ([`CountText`]), a JSON integer later ([`Count`]).
///
/// Closed: it lends exactly this member to the properties.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PublicApps<N> {
    /// How many applications anyone may open without logging in (readable by the public
    /// permission group).
    #[schemars(extend("x-privacy" = "count"))]
    pub num_public_apps: N,
}

/// What the servers of 2024 and later add: active users and the admin's e-mail domain hash.
///
/// Closed: it lends exactly these members to the properties.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ActiveUsers {
    /// The SHA-256 of the domain of the instance admin's e-mail address (64 lower-case hex
    /// digits), or `""` when the server has none; the same value as `emailDomainHash`.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub admin_email_domain_hash: Sha256HexOrEmpty,
    /// How many users were active in the last day (`lastActiveAt` within a day, not
    /// system-generated).
    #[schemars(extend("x-privacy" = "count"))]
    #[serde(rename = "DAU")]
    pub dau: Count,
    /// The SHA-256 of the domain of the instance admin's e-mail address, or `""`: the same value
    /// as `adminEmailDomainHash`.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub email_domain_hash: Sha256HexOrEmpty,
    /// How many users were active in the last 30 days.
    #[schemars(extend("x-privacy" = "count"))]
    #[serde(rename = "MAU")]
    pub mau: Count,
    /// How many users were active in the last 7 days.
    #[schemars(extend("x-privacy" = "count"))]
    #[serde(rename = "WAU")]
    pub wau: Count,
}

/// The properties of the servers of 2022: the instance id and the counts.
///
/// Closed: the server writes these members only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStats2022 {
    /// The instance id.
    #[serde(flatten)]
    pub instance: StatsInstance,
    /// The counts.
    #[serde(flatten)]
    pub counts: InstanceCounts<Count>,
}

/// The properties of the servers of 2023: the counts, the version and the edition.
///
/// Closed: the server writes these members only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStats2023 {
    /// The instance id.
    #[serde(flatten)]
    pub instance: StatsInstance,
    /// The counts.
    #[serde(flatten)]
    pub counts: InstanceCounts<Count>,
    /// The version and edition.
    #[serde(flatten)]
    pub release: BuildInfo,
}

/// Declares the properties of an era of the servers from October 2023, closed, from the parts
/// they write: the instance id, the counts and the public applications (each count a `counts`:
/// [`CountText`] in October 2023, [`Count`] later), the version and edition, the deployment's
/// details; then, `since: 2024`, the active users and the admin's e-mail domain hash; then the
/// era's own members. The list is written once, so eras differ only in what they name.
macro_rules! stats_properties {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            counts: $count:ty,
            since: 2024,
            $($own:tt)*
        }
    ) => {
        stats_properties!(@struct [$(#[$meta])*] $name, $count, [
            /// The active users and the admin's e-mail domain hash.
            #[serde(flatten)]
            pub activity: ActiveUsers,
        ] $($own)*);
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            counts: $count:ty,
            $($own:tt)*
        }
    ) => {
        stats_properties!(@struct [$(#[$meta])*] $name, $count, [] $($own)*);
    };
    (@struct [$($meta:tt)*] $name:ident, $count:ty, [$($since:tt)*] $($own:tt)*) => {
        $($meta)*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $name {
            /// The instance id.
            #[serde(flatten)]
            pub instance: StatsInstance,
            /// The counts.
            #[serde(flatten)]
            pub counts: InstanceCounts<$count>,
            /// The public applications.
            #[serde(flatten)]
            pub public_apps: PublicApps<$count>,
            /// The version and edition.
            #[serde(flatten)]
            pub release: BuildInfo,
            /// The deployment's details.
            #[serde(flatten)]
            pub deployment: DeploymentDetails,
            $($since)*
            $($own)*
        }
    };
}

stats_properties! {
    /// The properties of the servers from October 2023: every count as text, the version, the
    /// edition and the deployment's details.
    ///
    /// Closed: the server writes these members only.
    pub struct InstanceStats2023Oct {
        counts: CountText,
    }
}

stats_properties! {
    /// The properties of the servers of 2024: the counts, the deployment's details and the active
    /// users.
    ///
    /// Closed: the server writes these members only.
    pub struct InstanceStats2024 {
        counts: Count,
        since: 2024,
    }
}

stats_properties! {
    /// The properties of the servers of 2025: those of 2024 and the organization's id.
    ///
    /// Closed: the server writes these members only.
    pub struct InstanceStats2025 {
        counts: Count,
        since: 2024,
        /// The id of the organization (a MongoDB ObjectId) the call is sent for: one call per
        /// organization of the instance, each with the instance's counts.
        #[schemars(extend("x-privacy" = "record-id"))]
        pub organization_id: crate::common::ObjectId,
    }
}

crate::common::newtype! {
    /// A MongoDB ObjectId (24 lower-case hex digits), or exactly the text `null`: `pingStats` reads
    /// the instance id with `configService.getInstanceId().defaultIfEmpty("null")`, so a server
    /// without an instance id sends the four letters, never JSON `null` and never another text.
    #[schemars(example = "609ce8fb4092701c69df9846")]
    #[schemars(extend("anyOf" = [{ "pattern": "^[0-9a-f]{24}$" }, { "pattern": "^null$" }]))]
    pub struct ObjectIdOrNullText(String);

    /// A count written as text: Java's `Long.toString()` of a count that is never negative, so
    /// decimal digits without sign or leading zero (`0`, `42`).
    #[schemars(example = "0")]
    #[schemars(extend("pattern" = "^(0|[1-9][0-9]*)$"))]
    pub struct CountText(String);
}
