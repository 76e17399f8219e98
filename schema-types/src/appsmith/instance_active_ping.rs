//! `appsmith/instance-active-ping`: the "Instance Active" call a self-hosted Appsmith server
//! POSTs straight to Segment's tracking API every 6 hours while telemetry is on, in the shape of
//! each server still in the field. The page does not document it; every fact here is read from
//! the server's code (`appsmithorg/appsmith`,
//! `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/PingScheduledTask.java`,
//! then `solutions/ce/PingScheduledTaskCEImpl.java`).
//!
//! The server builds the body itself (`Map.of(...)` through `WebClient`, not analytics-java), so
//! the document is the call as sent ([`Layer::SegmentCall`]): four members, no `messageId`, no
//! timestamps, no `type`, which Segment adds on receipt. The address members ([`ServerAddress`],
//! [`ServerAddressOrUnknown`]) and the properties ([`InstanceIdProperties`]) are shared with
//! `appsmith/instance-stats-ping`, which the same class sends the same way.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::IpAddressOrUnknown;
use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut};
use crate::common::{IpAddress, ObjectId};
use crate::fixture::Fixture;
use crate::names::names;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

/// `appsmith/instance-active-ping`: the "Instance Active" call, from a server of any version
/// still in the field.
///
/// One shape per era of `doPing` (`PingScheduledTask.java`, then
/// `solutions/ce/PingScheduledTaskCEImpl.java`): the servers of September and October 2020 name
/// the call's user by the instance id and send the address as a property, those of November 2020
/// to January 2023 name it by the server's public IP address, later ones by the instance id
/// again, and those of 2025 send one call per organization, naming it. A document is valid when
/// it is one of them.
///
/// Not modelled: the first revision, `949169dd64d82b7260931ff4b7883ce446099d58` (2020-09-17,
/// "Add a scheduled task to ping home"), which sent `{"userId": <address>, "event": "Instance
/// Active"}`. It lived one day on the release branch: `d2072e6def11bda8b7c8fe583a27e0bc21437da8`
/// replaced it on 2020-09-18, before the first merge of the file into master
/// (`70681eaf4429fc8711b48d90aedd82ce3f370eca`, 2020-09-22, already the next shape), so no
/// released server sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
pub enum InstanceActivePing {
    /// The servers from 2020-09-18 (`d2072e6def11bda8b7c8fe583a27e0bc21437da8`, "Use a unique
    /// instance ID for pinging home", `PingScheduledTask.java`) to 2020-10-29
    /// (`f6a8434e8673d76bdd9621dfceaeb9151eef7e56`), released from 2020-09-22 and as v1.2.7
    /// (`c2f1245c7cf91d69563a9feaeea35134bba35a3d`) and v1.2.8
    /// (`eb7fa32ad26d8af0d4b4e958167bd9a5945bcb25`): `userId` is the instance id and the
    /// properties hold the server's address. Not telemetry-gated: the task ran on every
    /// self-hosted server (`@ConditionalOnProperty(prefix = "is", name = "self-hosted")`), the
    /// telemetry switch does not stop this era's calls.
    #[schemars(extend("x-era" = "2020-09"))]
    Era2020Sep(InstanceActivePing2020Sep),
    /// The servers from 2020-10-29 (`f6a8434e8673d76bdd9621dfceaeb9151eef7e56`, "flipped user id
    /// and instance id", in `PingScheduledTask.java`; telemetry-gated from
    /// `ace2370a4829abf2e27404598807d33439f1928b`, 2020-11-19) to January 2023: `userId` is the
    /// server's public IP address, the instance id is a property.
    #[schemars(extend("x-era" = "2020"))]
    Era2020(InstanceActivePing2020),
    /// The servers from 2023-02-01 (`b0bfacd0864674619c7fd017093a4ede3fe9d868`, "Changed Id of
    /// analytics to instance id from ip", `PingScheduledTaskCEImpl.java`) to today: `userId` is
    /// the instance id; the address is `unknown` when the server could not find it
    /// (`NetworkUtils`' fallback).
    #[schemars(extend("x-era" = "2023"))]
    Era2023(InstanceActivePing2023),
    /// The servers of 2025, which ping once per organization (`organizationService.retrieveAll()`
    /// in `pingSchedule`, `PingScheduledTaskCEImpl.java`): the organization's id is a property
    /// beside the instance id.
    #[schemars(extend("x-era" = "2025"))]
    Era2025(InstanceActivePing2025),
}

impl Payload for InstanceActivePing {
    const ID: &'static str = "appsmith/instance-active-ping";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 1, 0);
    const TITLE: &'static str = "Appsmith Instance Active ping";
    const LAYER: Layer = Layer::SegmentCall;
    const CLUES: &'static [Clue] = &[Clue::Equals(
        "/event",
        InstanceActiveEventName::InstanceActive.as_str(),
    )];
    const CATALOG: Catalog = server_ping_catalog(
        "every 6 hours from two minutes after the server starts, on self-hosted servers: `@Scheduled(initialDelay = 2 * 60 * 1000 /* two minutes */, fixedRate = 6 * 60 * 60 * 1000 /* six hours */)` on `pingSchedule` (PingScheduledTaskCEImpl.java)",
    );
}

/// The catalog entry of a ping `PingScheduledTaskCEImpl` sends, given when (`trigger`, the
/// code's schedule): from the server, to Segment's tracking API, stopped with telemetry, on no
/// page.
pub(super) const fn server_ping_catalog(trigger: &'static str) -> Catalog {
    Catalog {
        section: catalog::NOT_ON_THE_PAGE,
        edition: Editions::All,
        emitter: Emitter::Server,
        cadence: Cadence::Periodic,
        trigger,
        destination: "Segment's HTTP tracking API (POST https://api.segment.io/v1/track, the write key as HTTP Basic user), built by the server itself, not through analytics-java",
        opt_out: OptOut::StoppedBy {
            switches: catalog::APPSMITH_SWITCHES,
            quote: catalog::APPSMITH_PING_OPT_OUT,
        },
    }
}

/// The "Instance Active" call of the servers of September and October 2020.
///
/// `Map.of("userId", instanceId, "context", Map.of("ip", ipAddress), "properties",
/// Map.of("ip", ipAddress), "event", "Instance Active")` (`doPing` in `PingScheduledTask.java`
/// from `d2072e6def11bda8b7c8fe583a27e0bc21437da8` to `f6a8434e8673d76bdd9621dfceaeb9151eef7e56`).
/// The instance id is the `value` of the `instance-id` config, a new ObjectId's hex text; without
/// it, or without an address (`api6.ipify.org`, an IPv6 address, until
/// `2c3381e59de0e433a4b6e976bf0a4fb782f3761e`, 2020-10-06; `api64.ipify.org`, either family,
/// after), `Mono.zip` is empty and no call is made. `Map.of` keeps no order.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceActivePing2020Sep {
    /// Where the call comes from: the server's public address.
    pub context: ServerAddress,
    /// The event name, always `Instance Active`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceActiveEventName,
    /// The server's public address again, as the call's only property.
    pub properties: ServerAddress,
    /// The user Segment files the call under: the instance id (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub user_id: ObjectId,
}

/// The "Instance Active" call of the servers of November 2020 to January 2023.
///
/// `Map.of("userId", ipAddress, "context", Map.of("ip", ipAddress), "properties",
/// Map.of("instanceId", instanceId), "event", "Instance Active")` (`doPing`, from
/// `f6a8434e8673d76bdd9621dfceaeb9151eef7e56` in `PingScheduledTask.java` to
/// `b0bfacd0864674619c7fd017093a4ede3fe9d868` in `PingScheduledTaskCEImpl.java`). The address
/// is `api64.ipify.org`'s answer; without one no call is made. `Map.of` keeps no order: the
/// members come in any order.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceActivePing2020 {
    /// Where the call comes from: the server's public address.
    pub context: ServerAddress,
    /// The event name, always `Instance Active`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceActiveEventName,
    /// The instance the call is about.
    pub properties: InstanceIdProperties,
    /// The user Segment files the call under: the server's public IP address (as `context.ip`),
    /// which also ties the call to the e-mail address the install script sent from it.
    #[schemars(extend("x-privacy" = "network-address"))]
    pub user_id: IpAddress,
}

/// The "Instance Active" call of the servers of 2023 and later.
///
/// `Map.of("userId", instanceId, "context", Map.of("ip", ipAddress), "properties",
/// Map.of("instanceId", instanceId), "event", "Instance Active")` (`doPing` in
/// `PingScheduledTaskCEImpl.java` from `b0bfacd0864674619c7fd017093a4ede3fe9d868`, 2023-02-01,
/// unchanged through the revisions of 2024 and 2025). `Map.of` keeps no order: the members come
/// in any order.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceActivePing2023 {
    /// Where the call comes from: the server's public address, or `unknown`.
    pub context: ServerAddressOrUnknown,
    /// The event name, always `Instance Active`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceActiveEventName,
    /// The instance the call is about.
    pub properties: InstanceIdProperties,
    /// The user Segment files the call under: the instance id (a MongoDB ObjectId, the same as
    /// `properties.instanceId`).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub user_id: ObjectId,
}

/// The "Instance Active" call of the servers of 2025, one per organization.
///
/// `Map.of("userId", instanceId, "context", Map.of("ip", ipAddress), "properties",
/// Map.of("instanceId", instanceId, "organizationId", organizationId), "event", "Instance
/// Active")` (`doPing` in `PingScheduledTaskCEImpl.java`, the revision of 2025 that walks
/// `organizationService.retrieveAll()` under a `@DistributedLock`). `Map.of` keeps no order.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceActivePing2025 {
    /// Where the call comes from: the server's public address, or `unknown`.
    pub context: ServerAddressOrUnknown,
    /// The event name, always `Instance Active`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: InstanceActiveEventName,
    /// The instance and the organization the call is about.
    pub properties: OrganizationProperties,
    /// The user Segment files the call under: the instance id (a MongoDB ObjectId, the same as
    /// `properties.instanceId`).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub user_id: ObjectId,
}

names! {
    /// The event name of the "Instance Active" call.
    pub enum InstanceActiveEventName {
        /// `Instance Active`: the server is running.
        InstanceActive = "Instance Active",
    }
}

/// The `context` the server writes into its own Segment calls: the public address it found
/// (`api64.ipify.org`'s answer), which Segment would otherwise take from the connection; the
/// servers of September and October 2020 send the same object as the call's `properties`.
///
/// Closed: the server writes this member only.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct ServerAddress {
    /// The server's public IPv4 or IPv6 address.
    #[schemars(extend("x-privacy" = "network-address"))]
    pub ip: IpAddress,
}

/// The `context` of the servers of 2023 and later, whose address lookup
/// (`NetworkUtilsCE.getExternalAddress`) answers `unknown` when `api64.ipify.org` cannot be
/// reached, and the call is made anyway.
///
/// Closed: the server writes this member only.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct ServerAddressOrUnknown {
    /// The server's public IPv4 or IPv6 address, or `unknown`.
    #[schemars(extend("x-privacy" = "network-address"))]
    pub ip: IpAddressOrUnknown,
}

/// The properties of the "Instance Active" call: the instance id alone.
///
/// Closed: the server writes this member only.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InstanceIdProperties {
    /// The id of the Appsmith instance (a MongoDB ObjectId), made at the server's first start.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub instance_id: ObjectId,
}

/// The properties of the "Instance Active" call of the servers of 2025: the instance id and the
/// organization's.
///
/// Closed: the server writes these members only.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OrganizationProperties {
    /// The id of the Appsmith instance (a MongoDB ObjectId), made at the server's first start.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub instance_id: ObjectId,
    /// The id of the organization (a MongoDB ObjectId) the call is sent for: one call per
    /// organization of the instance.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub organization_id: ObjectId,
}
