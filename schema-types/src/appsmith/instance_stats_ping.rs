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
//! [`ServerAddressOrUnknown`]). The counts every era sends are declared once
//! ([`InstanceCounts`]), and the deployment's details the servers of 2024 add once
//! ([`DeploymentStats`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    CloudProvider, DeploymentTool, Edition, EfsMount, ServerAddress, ServerAddressOrUnknown,
    Sha256HexOrEmpty, TimestampOrEmpty,
};
use crate::api::Clue;
use crate::catalog::Catalog;
use crate::common::{Count, IpAddress, ObjectId};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

/// `appsmith/instance-stats-ping`: the `instance_stats` call, from a server of any version still
/// in the field.
///
/// One shape per era of `pingStats` (`solutions/ce/PingScheduledTaskCEImpl.java`): the counts
/// under the server's IP address (2022), under the instance id with the version and edition
/// (2023), with the deployment's details, public applications and active users (2024), and per
/// organization (2025). A document is valid when it is one of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
pub enum InstanceStatsPing {
    /// The servers from 2022-02-17 (`0c542536daac82f25afdddc03c87be637e43dcae`, "Move data
    /// counts to properties for analytics") to January 2023: `userId` is the server's public IP
    /// address; the properties are the instance id and the six counts.
    #[schemars(extend("x-era" = "2022"))]
    Era2022(InstanceStatsPing2022),
    /// The servers from 2023-02-27 (`088ec5b3cbb6c33dd3c4db79a7ccecc36d6b5ae7`, "Add version
    /// information in instance_stats") through 2023: `userId` is the instance id (from
    /// `b0bfacd0864674619c7fd017093a4ede3fe9d868`), and the properties add the server's version
    /// and edition.
    #[schemars(extend("x-era" = "2023"))]
    Era2023(InstanceStatsPing2023),
    /// The servers of 2024 (the revision whose `pingStats` adds `getUserTrackingDetails`): the
    /// counts with public applications, daily, weekly and monthly active users, the deployment's
    /// details and the admin's e-mail domain hash.
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
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "Appsmith instance statistics ping";
    const EXAMPLE_LINE: Option<usize> = None;
    const LAYER: Layer = Layer::SegmentCall;
    const CLUES: &'static [Clue] = &[Clue::Equals("/event", "instance_stats")];
    const CATALOG: Catalog = super::instance_active_ping::server_ping_catalog(
        "once a day from two minutes after the server starts, on self-hosted servers: `@Scheduled(initialDelay = 2 * 60 * 1000 /* two minutes */, fixedRate = 24 * 60 * 60 * 1000 /* a day */)` on `pingStats` (PingScheduledTaskCEImpl.java)",
    );
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
    pub properties: InstanceCounts,
    /// The user Segment files the call under: the server's public IP address (as `context.ip`).
    #[schemars(extend("x-privacy" = "network-address"))]
    pub user_id: IpAddress,
}

/// The `instance_stats` call of the servers of 2023.
///
/// As in 2022, with `userId` the instance id and the version and edition among the properties
/// (`pingStats` from `088ec5b3cbb6c33dd3c4db79a7ccecc36d6b5ae7`, 2023-02-27, through the
/// revisions of 2023). `Map.of` keeps no order.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStatsPing2023 {
    /// Where the call comes from: the server's public address, or `unknown`.
    pub context: ServerAddressOrUnknown,
    /// The event name, always `instance_stats`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceStatsEventName,
    /// The instance id, its counts, the server's version and edition.
    pub properties: InstanceStats2023,
    /// The user Segment files the call under: the instance id (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub user_id: ObjectId,
}

/// The `instance_stats` call of the servers of 2024.
///
/// `pingStats` of the revision that adds `getUserTrackingDetails`: the properties are a
/// `HashMap` of the counts, the deployment's details (`DeploymentProperties`, `""` for what the
/// infra file does not say) and the admin's e-mail domain hash, with `DAU`, `WAU` and `MAU` put
/// into it. No order.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStatsPing2024 {
    /// Where the call comes from: the server's public address, or `unknown`.
    pub context: ServerAddressOrUnknown,
    /// The event name, always `instance_stats`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceStatsEventName,
    /// The instance id, its counts and the deployment's details.
    pub properties: InstanceStats2024,
    /// The user Segment files the call under: the instance id (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub user_id: ObjectId,
}

/// The `instance_stats` call of the servers of 2025, one per organization.
///
/// `pingStats` of the revision that walks `organizationService.retrieveAll()`: the 2024
/// properties with `organizationId`; the admin's e-mail domain hash is read from `CommonConfig`.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStatsPing2025 {
    /// Where the call comes from: the server's public address, or `unknown`.
    pub context: ServerAddressOrUnknown,
    /// The event name, always `instance_stats`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceStatsEventName,
    /// The instance id, the organization's, the counts and the deployment's details.
    pub properties: InstanceStats2025,
    /// The user Segment files the call under: the instance id (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub user_id: ObjectId,
}

/// The event name of the daily statistics call.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum InstanceStatsEventName {
    /// `instance_stats`: the instance's daily counts.
    #[serde(rename = "instance_stats")]
    InstanceStats,
}

/// The instance id and the counts every era sends: the records not deleted
/// (`countByDeletedAtNull`), each a `Long` written as a JSON integer.
///
/// Closed (the properties of 2022): the server writes these members only.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceCounts {
    /// The id of the Appsmith instance (a MongoDB ObjectId), as `userId` from 2023.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub instance_id: ObjectId,
    /// How many actions (queries and API calls) the instance holds.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_actions: Count,
    /// How many applications.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_apps: Count,
    /// How many datasources.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_datasources: Count,
    /// How many workspaces (organizations before 2022, hence the name).
    #[schemars(extend("x-privacy" = "count"))]
    pub num_orgs: Count,
    /// How many pages.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_pages: Count,
    /// How many users: every user until 2023, the users the server did not create itself
    /// (`isSystemGenerated` not `true`) from 2024.
    #[schemars(extend("x-privacy" = "count"))]
    pub num_users: Count,
}

/// The properties of the servers of 2023: the counts, the version and the edition.
///
/// Closed: the server writes these members only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStats2023 {
    /// The instance id and the counts.
    #[serde(flatten)]
    pub counts: InstanceCounts,
    /// The edition of the build: `CE` (open) or `EE` (paid), `ProjectProperties.EDITION`.
    #[schemars(extend("x-privacy" = "category"))]
    pub edition: Edition,
    /// The Appsmith version the server runs (`v1.9.10`), `projectProperties.getVersion()`.
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
}

/// The properties of the servers of 2024: the counts and the deployment's details.
///
/// Closed: the server writes these members only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStats2024 {
    /// The instance id and the counts.
    #[serde(flatten)]
    pub counts: InstanceCounts,
    /// The deployment's details and the further counts.
    #[serde(flatten)]
    pub deployment: DeploymentStats,
}

/// The properties of the servers of 2025: those of 2024 and the organization's id.
///
/// Closed: the server writes these members only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceStats2025 {
    /// The instance id and the counts.
    #[serde(flatten)]
    pub counts: InstanceCounts,
    /// The deployment's details and the further counts.
    #[serde(flatten)]
    pub deployment: DeploymentStats,
    /// The id of the organization (a MongoDB ObjectId) the call is sent for: one call per
    /// organization of the instance, each with the instance's counts.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub organization_id: ObjectId,
}

/// What the servers of 2024 and later add to the counts: public applications, active users and
/// the deployment's details, as the setup ping of 2024 reports them.
///
/// Closed: it lends exactly these members to the properties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeploymentStats {
    /// The SHA-256 of the domain of the instance admin's e-mail address (64 lower-case hex
    /// digits), or `""` when the server has none; the same value as `emailDomainHash`.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub admin_email_domain_hash: Sha256HexOrEmpty,
    /// The cloud the server runs on, as the start script guesses it, or `""`.
    #[schemars(extend("x-privacy" = "category"))]
    pub cloud_provider: CloudProvider,
    /// How many users were active in the last day (`lastActiveAt` within a day, not
    /// system-generated).
    #[schemars(extend("x-privacy" = "count"))]
    #[serde(rename = "DAU")]
    pub dau: Count,
    /// When the container started (`date -u -Iseconds`), or `""`.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub deployed_at: TimestampOrEmpty,
    /// The edition the deployment runs: `CE` or `EE`.
    #[schemars(extend("x-privacy" = "category"))]
    pub edition: Edition,
    /// Whether the stacks folder is an NFS mount: `present`, `absent`, or `""`.
    #[schemars(extend("x-privacy" = "category"))]
    pub efs: EfsMount,
    /// The SHA-256 of the domain of the instance admin's e-mail address, or `""`: the same value
    /// as `adminEmailDomainHash`.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub email_domain_hash: Sha256HexOrEmpty,
    /// The name of the machine or container the server runs in (`/etc/hostname`), or `""`.
    #[schemars(extend("x-privacy" = "device"))]
    pub hostname: String,
    /// How many users were active in the last 30 days.
    #[schemars(extend("x-privacy" = "count"))]
    #[serde(rename = "MAU")]
    pub mau: Count,
    /// How many applications anyone may open without logging in (readable by the public
    /// permission group).
    #[schemars(extend("x-privacy" = "count"))]
    pub num_public_apps: Count,
    /// How the server was deployed: `docker`, `kubernetes`, or `""`.
    #[schemars(extend("x-privacy" = "category"))]
    pub tool: DeploymentTool,
    /// The Appsmith version the server runs (`v1.30`).
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
    /// How many users were active in the last 7 days.
    #[schemars(extend("x-privacy" = "count"))]
    #[serde(rename = "WAU")]
    pub wau: Count,
}
