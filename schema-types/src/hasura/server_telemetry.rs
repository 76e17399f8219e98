//! `hasura/server-telemetry`: the daily usage report of a Hasura GraphQL Engine v1.x server, as
//! the collector stores it (`Row<ServerReport>`), and `hasura/server-telemetry-wire`, as the server
//! POSTs it (`Wire<ServerReport>`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter};
use crate::common::{Count, Nullable, Uuid};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};

use super::envelope::{Row, ServerTopic};
use crate::validate::Validate;

/// A Hasura GraphQL Engine v1.x server's usage report.
///
/// The server periodically (once a day, `server/src-lib/Hasura/Server/Telemetry.hs`) sends the
/// number of tables, views, relationships, permission rules, custom SQL functions, event
/// triggers and Remote Schemas it tracks, with randomly generated UUIDs per database and per
/// instance, the name of the continuous integration environment (if any) and the server version.
/// It POSTs `{"topic": "server", "data": ...}` (`server_test` from dev builds) to
/// telemetry.hasura.io. Turned off with `HASURA_GRAPHQL_ENABLE_TELEMETRY=false` or
/// `--enable-telemetry=false`.
///
/// Closed (no other members): the v1 shape is frozen. v2.x servers rename `db_uid` to
/// `metadata_db_uid` and `version` to `hasura_version`, send one payload per data source and add
/// members: that is `hasura/server-metrics-v2`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ServerReport {
    /// The randomly generated UUID of the metadata database (`hasura_uuid` in
    /// `hdb_catalog.hdb_version`), the same for every server instance sharing that database.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub db_uid: Uuid,
    /// The randomly generated UUID of this server instance.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub instance_uid: Uuid,
    /// The server version (`v1.0.0-alpha36`); free-form, since dev builds do not send a release
    /// tag.
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
    /// The continuous integration environment the server runs in; `null` when it is not running
    /// in CI.
    #[schemars(extend("x-privacy" = "category"))]
    pub ci: Nullable<CiVendor>,
    /// What the server tracks, counted over user-defined (not system-defined) objects.
    pub metrics: ServerReportMetrics,
}

/// The counts of tracked objects in a v1.x server's usage report.
///
/// Closed: the v1 `Metrics` record (`server/src-lib/Hasura/Server/Telemetry.hs`) has exactly
/// these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ServerMetrics")]
pub struct ServerReportMetrics {
    /// The number of tracked views.
    #[schemars(extend("x-privacy" = "count"))]
    pub views: Count,
    /// The number of tracked tables, views not included.
    #[schemars(extend("x-privacy" = "count"))]
    pub tables: Count,
    /// The number of tracked custom SQL functions.
    #[schemars(extend("x-privacy" = "count"))]
    pub functions: Count,
    /// The number of permission rules, by kind, and of roles that have any.
    pub permissions: PermissionCounts,
    /// The number of relationships, by how they were defined.
    pub relationships: RelationshipCounts,
    /// The number of tables that have at least one event trigger (not the number of triggers).
    #[schemars(extend("x-privacy" = "count"))]
    pub event_triggers: Count,
    /// The number of Remote Schemas added.
    #[schemars(extend("x-privacy" = "count"))]
    pub remote_schemas: Count,
}

/// The permission rules a v1.x server tracks, counted over all tracked tables.
///
/// Closed: the v1 `PermissionMetric` record has exactly these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct PermissionCounts {
    /// The number of distinct roles that have a permission rule on some table.
    #[schemars(extend("x-privacy" = "count"))]
    pub roles: Count,
    /// The number of delete permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub delete: Count,
    /// The number of insert permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub insert: Count,
    /// The number of select permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub select: Count,
    /// The number of update permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub update: Count,
}

/// The relationships a v1.x server tracks, counted over all tracked tables.
///
/// Closed: the v1 `RelationshipMetric` record has exactly these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct RelationshipCounts {
    /// The number of relationships defined from a foreign-key constraint.
    #[schemars(extend("x-privacy" = "count"))]
    pub auto: Count,
    /// The number of relationships defined with a manual configuration.
    #[schemars(extend("x-privacy" = "count"))]
    pub manual: Count,
}

/// A continuous integration service, as the server's CI detection (hasura/ci-info-hs) names it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CiVendor {
    /// AppVeyor.
    Appveyor,
    /// Azure Pipelines.
    AzurePipelines,
    /// Bamboo.
    Bamboo,
    /// Bitbucket Pipelines.
    Bitbucket,
    /// Bitrise.
    Bitrise,
    /// Buddy.
    Buddy,
    /// Buildkite.
    Buildkite,
    /// CircleCI.
    Circle,
    /// Cirrus CI.
    Cirrus,
    /// AWS CodeBuild.
    Codebuild,
    /// Codeship.
    Codeship,
    /// Drone.
    Drone,
    /// dsari.
    Dsari,
    /// GitLab CI.
    Gitlab,
    /// GoCD.
    Gocd,
    /// Hudson.
    Hudson,
    /// Jenkins.
    Jenkins,
    /// Magnum CI.
    Magnum,
    /// Netlify CI.
    Netlify,
    /// Nevercode.
    Nevercode,
    /// Sail CI.
    Sail,
    /// Semaphore.
    Semaphore,
    /// Shippable.
    Shippable,
    /// Solano CI.
    Solano,
    /// Strider CD.
    Strider,
    /// TaskCluster.
    Taskcluster,
    /// TeamCity.
    Teamcity,
    /// Travis CI.
    Travis,
    /// A CI service not in this list: only a generic CI environment variable is set.
    UnknownVendor,
}

/// `hasura/server-telemetry`: the server's report as the collector stores it, the page's sample.
pub type ServerTelemetryRow = Row<ServerReport>;

/// The former name of [`ServerTelemetryRow`], which did not say that the document is a row.
#[deprecated(note = "renamed `ServerTelemetryRow`: the name says the layer")]
pub type ServerTelemetry = ServerTelemetryRow;

/// The former name of [`ServerReportMetrics`], which read like a payload of its own beside
/// `ServerMetricsV2`.
#[deprecated(note = "renamed `ServerReportMetrics`: the metrics of a `ServerReport`")]
pub type ServerMetrics = ServerReportMetrics;

/// Who sends a Hasura server's report, when, where to, and what stops it: the page's "Server"
/// section, for the v1.x report and the v2.x one alike.
pub(super) const SERVER_CATALOG: Catalog = Catalog {
    section: "Server",
    edition: Editions::All,
    emitter: Emitter::Server,
    cadence: Cadence::Periodic,
    trigger: "The server periodically sends the number of tables, views, relationships, permission rules, custom SQL functions, event triggers and Remote Schemas tracked by the GraphQL Engine, along with randomly generated UUIDs per database and per instance.",
    destination: catalog::HASURA_DESTINATION,
    opt_out: catalog::HASURA_SERVER_STOPPED_BY,
};

impl Payload for ServerTelemetryRow {
    const ID: &'static str = "hasura/server-telemetry";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Hasura server telemetry (v1.x)";
    const EXAMPLE_LINE: Option<usize> = Some(21);
    const LAYER: Layer = Layer::HasuraRow;
    const CLUES: &'static [Clue] = &[Clue::Present("/db_uid")];
    const CATALOG: Catalog = SERVER_CATALOG;

    fn documented_example() -> Option<Self> {
        Some(
            ServerTelemetryRow::fixture()
                .id(12)
                .timestamp("2019-01-21T19:43:33.63838+00:00")
                .payload(
                    ServerReport::fixture()
                        .db_uid("dddff371-dab2-450f-9969-235bca66dab1")
                        .instance_uid("6799360d-a431-40c5-9f68-24592a9f07df")
                        .version("v1.0.0-alpha36")
                        .ci(CiVendor::Travis)
                        .metrics(
                            ServerReportMetrics::fixture()
                                .views(1)
                                .tables(2)
                                .functions(1)
                                .permissions(
                                    PermissionCounts::fixture()
                                        .roles(1)
                                        .delete(2)
                                        .insert(1)
                                        .select(2)
                                        .update(2),
                                )
                                .relationships(RelationshipCounts::fixture().auto(2).manual(0))
                                .event_triggers(0)
                                .remote_schemas(1),
                        ),
                )
                .build(),
        )
    }
}

super::envelope::posted!(
    ServerReport, topic ServerTopic,
    documented ServerTelemetryRow, wire (1, 0, 0)
);
