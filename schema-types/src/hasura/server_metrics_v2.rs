//! `hasura/server-metrics-v2`: the daily usage report of a Hasura GraphQL Engine v2.x server, one
//! document per data source, as the server sends it.
//!
//! The page documents only the v1 report (`hasura/server-telemetry`); this shape is read from the
//! open server code (hasura/graphql-engine). Paths below are in that repository unless another
//! repository is named:
//!
//! - `server/src-lib/Hasura/Server/Telemetry/Types.hs`: the records (`HasuraTelemetry`,
//!   `SourceMetadata`, `Metrics`, ...) and their `ToJSON` instances, all with `hasuraJSON`;
//! - `server/src-lib/Hasura/Server/Telemetry.hs`: how each member is computed
//!   (`mkTelemetryPayload`, `computeMetrics`, `computeActionsMetrics`) and sent (`runTelemetry`);
//! - `server/src-lib/Hasura/Server/Telemetry/Counters.hs`: the service timings;
//! - `server/src-lib/Hasura/Prelude.hs`: `hasuraJSON = aesonPrefix snakeCase` (aeson-casing),
//!   which drops the lower-case field prefix (`_mtEnumTables` is `enum_tables`) and keeps aeson's
//!   `defaultOptions` otherwise, so `omitNothingFields` is off: a `Maybe` field that is `Nothing`
//!   is sent as `null`, never left out.
//!
//! Several stored versions of `Types.hs` differ: the earliest v2 records have no
//! `experimental_features` and no `native_queries`; later ones add `native_queries`, then
//! `stored_procedures`, `logical_models` and `source_metadata.backend_type` (when `db_kind`
//! became the source kind). Members present in every v2 version are required; the others are
//! optional, so that a document of any v2.x release is accepted.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::envelope::ServerMetricsV2Topic;
use super::server_telemetry::CiVendor;
use crate::api::Clue;
use crate::catalog::Catalog;
use crate::common::{Count, EpochSeconds, Nullable, Uuid};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;
use schema_runtime::optional_members;

/// A Hasura GraphQL Engine v2.x server's usage report on one of its data sources, as the server
/// sends it.
///
/// Once a day (`runTelemetry`, `server/src-lib/Hasura/Server/Telemetry.hs`) the server builds one
/// document per data source in its metadata and POSTs each as
/// `{"topic": "server_metrics_v2", "data": <this document>}` (topic `server_metrics_v2_test` from
/// dev builds, `versionToTopic`) to `https://telemetry.hasura.io/v1/http`; the collector adds
/// its own `id` and `timestamp` to the row, which are not part of this document. A server with
/// no data source sends nothing. Server-wide facts (the service timings, the number of Remote
/// Schemas, the actions, the metadata database's UUID and version) are filled in only in the
/// document of the source named `default` and are `null` in the others (`forDefaultSource`).
/// Turned off with `HASURA_GRAPHQL_ENABLE_TELEMETRY=false` or `--enable-telemetry=false`.
///
/// Closed (no other members): the record `HasuraTelemetry` (`Types.hs`) has these members and
/// no others in every stored version (`experimental_features` only in later ones), and a privacy
/// audit reads this schema as the complete list of what the server sends.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ServerMetricsV2 {
    /// The UUID of the metadata database (`hasura_uuid` of `hdb_catalog.hdb_version`, read as
    /// PostgreSQL `uuid` text), shared by every server instance using that database
    /// (`_htMetadataDbUid`, `Types.hs`; `getDbId`, `server/src-lib/Hasura/Server/Init.hs`).
    #[schemars(extend("x-privacy" = "random-id"))]
    pub metadata_db_uid: Uuid,
    /// The UUID this server instance generates at each start (`generateInstanceId`:
    /// `UUID.toText <$> UUID.nextRandom`, `server/src-lib/Hasura/Server/Utils.hs`).
    #[schemars(extend("x-privacy" = "random-id"))]
    pub instance_uid: Uuid,
    /// The server version (`_htHasuraVersion`): `v` and the release (`v2.36.0`), the same with a
    /// `-ce` suffix from Community Edition builds, or any text from dev builds (`Version`'s
    /// `toText`, `server/src-lib/Hasura/Server/Version.hs`), hence free-form.
    #[schemars(extend("x-privacy" = "version"))]
    pub hasura_version: ServerVersion,
    /// The continuous integration environment the server runs in, as hasura/ci-info-hs names it
    /// (`src/CI/Types.hs` there: the constructor name without `CI_`); `null` when it is not
    /// running in CI (`_htCi :: Maybe CI.CI`).
    #[schemars(extend("x-privacy" = "category"))]
    pub ci: Nullable<CiVendor>,
    /// Which data source this document is about.
    pub source_metadata: SourceMetadata,
    /// What the server tracks on this data source, and the server-wide counts on the `default`
    /// source.
    pub metrics: SourceMetrics,
    /// The experimental features turned on (`HASURA_GRAPHQL_EXPERIMENTAL_FEATURES`), in no
    /// particular order (a `HashSet`, `_htExperimentalFeatures`); `[]` when none is. Absent from
    /// the earliest v2 releases, whose record has no such field.
    #[schemars(extend("x-privacy" = "category"))]
    pub experimental_features: Option<Vec<ExperimentalFeature>>,
}

/// The data source a v2.x report is about (`SourceMetadata`, `Types.hs`).
///
/// Closed: the record has exactly these members (`backend_type` only in later versions).
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct SourceMetadata {
    /// On the `default` source, the UUID of the metadata database (`mdDbIdToDbUid`: the same
    /// value as `metadata_db_uid`, not an id of the source's own database); `null` on every
    /// other source (`forDefaultSource`, `Telemetry.hs`).
    #[schemars(extend("x-privacy" = "random-id"))]
    pub db_uid: Nullable<Uuid>,
    /// The kind of backend (`_smBackendType`, `BackendType`'s `ToJSON`,
    /// `server/src-lib/Hasura/RQL/Types/BackendType.hs`): `postgres`, `citus`, `cockroach`,
    /// `mssql`, `bigquery` or `dataconnector` in that file (`mysql` in the older
    /// `server/src-lib/Hasura/SQL/Backend.hs`). Free text, as for the other Hasura payloads,
    /// since new backends appear. Absent from releases before the member was added.
    #[schemars(extend("x-privacy" = "category"))]
    pub backend_type: Option<BackendName>,
    /// The kind of the source. In earlier releases the backend type (`_smDbKind :: BackendType`,
    /// the names listed under `backend_type`); in later ones the source kind
    /// (`toTxt (_siSourceKind sourceInfo)`): the backend type, or for a Data Connector source
    /// the name the agent was registered under, which the user chooses; hence `content-name`.
    #[schemars(extend("x-privacy" = "content-name"))]
    pub db_kind: SourceKind,
    /// On the `default` source, the PostgreSQL version of the metadata database as an integer
    /// in text (`pgToDbVersion = DbVersion . tshow . unPGVersion`,
    /// `server/src-lib/Hasura/Server/Types.hs`; `getPgVersion = PGVersion <$> Q.serverVersion`,
    /// libpq's `PQserverVersion`, in `Init.hs`: `150004` for 15.4); `null` on every other source.
    #[schemars(extend("x-privacy" = "version"))]
    pub db_version: Nullable<PgVersionNumber>,
}

/// What a v2.x server tracks on one data source (`Metrics`, `Types.hs`; `computeMetrics`,
/// `Telemetry.hs`), counted over the tables and functions of that source.
///
/// Closed: the record has exactly these members; those added by later releases are optional.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct SourceMetrics {
    /// The number of tracked tables, views not included.
    #[schemars(extend("x-privacy" = "count"))]
    pub tables: Count,
    /// The number of tracked views.
    #[schemars(extend("x-privacy" = "count"))]
    pub views: Count,
    /// The number of tracked tables (or views) used as enums (`_tciEnumValues` set).
    #[schemars(extend("x-privacy" = "count"))]
    pub enum_tables: Count,
    /// The number of relationships on the source's tables, by how they were defined.
    pub relationships: SourceRelationshipCounts,
    /// The number of permission rules on the source's tables, by kind, and of roles that have
    /// any.
    pub permissions: SourcePermissionCounts,
    /// The number of tables that have at least one event trigger (not the number of triggers).
    #[schemars(extend("x-privacy" = "count"))]
    pub event_triggers: Count,
    /// The number of tracked functions that are not system-defined.
    #[schemars(extend("x-privacy" = "count"))]
    pub functions: Count,
    /// On the `default` source, the number of Remote Schemas of the whole server; `null` on
    /// every other source (`_mtRemoteSchemas :: Maybe Int`).
    #[schemars(extend("x-privacy" = "count"))]
    pub remote_schemas: Nullable<Count>,
    /// On the `default` source, the request counts and durations since the server started, by
    /// kind of request; `null` on every other source (`_mtServiceTimings`). The record
    /// `ServiceTimingMetrics` (`server/src-lib/Hasura/Server/Telemetry/Counters.hs`) is encoded
    /// with aeson's default options, hence its camel-case member names; closed, as the record
    /// has exactly these members.
    pub service_timings: Nullable<ServiceTimings>,
    /// On the `default` source, the actions of the whole server; `null` on every other source
    /// (`_mtActions :: Maybe ActionMetric`; `computeActionsMetrics`, `Telemetry.hs`). Closed, as
    /// the record `ActionMetric` has exactly these members.
    pub actions: Nullable<ActionCounts>,
    /// The native queries defined on the source, by whether they take arguments. An object, not
    /// a count (`NativeQueriesMetrics`). Absent from releases before native queries.
    pub native_queries: Option<ParameterisedCounts>,
    /// The stored procedures defined on the source, by whether they take arguments
    /// (`StoredProceduresMetrics`). Absent from releases before stored procedures.
    pub stored_procedures: Option<ParameterisedCounts>,
    /// The logical models defined on the source (`LogicalModelsMetrics`). Absent from releases
    /// before logical models.
    pub logical_models: Option<LogicalModelCounts>,
}

/// The relationships on one data source's tables (`RelationshipMetric`, `Types.hs`), in the
/// order v2.x sends them.
///
/// Closed: the record has exactly these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct SourceRelationshipCounts {
    /// The number of relationships defined with a manual configuration.
    #[schemars(extend("x-privacy" = "count"))]
    pub manual: Count,
    /// The number of relationships defined from a foreign-key constraint.
    #[schemars(extend("x-privacy" = "count"))]
    pub auto: Count,
}

/// The permission rules on one data source's tables (`PermissionMetric`, `Types.hs`), in the
/// order v2.x sends them.
///
/// Closed: the record has exactly these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct SourcePermissionCounts {
    /// The number of select permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub select: Count,
    /// The number of insert permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub insert: Count,
    /// The number of update permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub update: Count,
    /// The number of delete permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub delete: Count,
    /// The number of distinct roles that have a permission rule on some table of the source.
    #[schemars(extend("x-privacy" = "count"))]
    pub roles: Count,
}

/// The server's request counts and durations since it started (`ServiceTimingMetrics`,
/// `server/src-lib/Hasura/Server/Telemetry/Counters.hs`).
///
/// Encoded with aeson's default options (generic `ToJSON`, no `hasuraJSON`), hence the
/// camel-case member names. Closed: the record has exactly these members.
///
/// Inlined where it is used, so that the nullable member's schema is one object schema with
/// `"type": ["object", "null"]` (not an `anyOf` of a reference and `null`): a validator then
/// reports a wrong value inside at that value's own path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct ServiceTimings {
    /// When the server started, in whole seconds since the Unix epoch (`collectionTag = round
    /// approxStartTime`): it changes when the counters reset, so samples of one run share it.
    #[serde(rename = "collectionTag")]
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub collection_tag: EpochSeconds,
    /// One sample per kind of request and duration bucket seen since the start, in no particular
    /// order (a `HashMap` dumped as a list); `[]` before the first request.
    #[serde(rename = "serviceTimingMetrics")]
    pub service_timing_metrics: Vec<ServiceTimingSample>,
}

/// The requests of one kind whose total time fell in one bucket (`ServiceTimingMetric`,
/// `Counters.hs`).
///
/// Closed: the record has exactly these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ServiceTimingSample {
    /// The kind of request.
    pub dimensions: RequestDimensions,
    /// The lower bound of the bucket of total request time, in seconds (`RunningTimeBucket`, a
    /// newtype encoded as its number): one of `0`, `0.001`, `0.05`, `1` and `3600`
    /// (`totalTimeBuckets`). aeson may write fractions in exponent form (`1.0e-3`).
    #[schemars(extend("x-privacy" = "count"))]
    pub bucket: DurationSeconds,
    /// The number of these requests and the time they took.
    pub metrics: RequestTimingCounts,
}

/// What kind of request a timing sample counts (`RequestDimensions`, `Counters.hs`, encoded with
/// `hasuraJSON`: `telemQueryType` is `query_type`).
///
/// Closed: the record has exactly these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct RequestDimensions {
    /// Whether the request was a mutation (wrote to a database) or a query.
    #[schemars(extend("x-privacy" = "category"))]
    pub query_type: QueryType,
    /// Where the request's data came from.
    #[schemars(extend("x-privacy" = "category"))]
    pub locality: Locality,
    /// How the request arrived.
    #[schemars(extend("x-privacy" = "category"))]
    pub transport: Transport,
}

/// The counts and times of the requests of one kind and bucket (`RequestTimingsCount`,
/// `Counters.hs`, encoded with `hasuraJSON`).
///
/// Closed: the record has exactly these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct RequestTimingCounts {
    /// The time spent waiting on databases and remote HTTP calls, summed over the requests, in
    /// seconds. The name is `hasuraJSON`'s snake case of `telemTimeIO`: each capital letter
    /// starts a word, so `IO` gives `i_o`.
    #[schemars(extend("x-privacy" = "count"))]
    pub time_i_o: DurationSeconds,
    /// The total service time, summed over the requests, in seconds (`time_i_o` included).
    #[schemars(extend("x-privacy" = "count"))]
    pub time_tot: DurationSeconds,
    /// The number of requests.
    #[schemars(extend("x-privacy" = "count"))]
    pub count: Count,
}

/// The actions of a v2.x server (`ActionMetric`, `Types.hs`; `computeActionsMetrics`,
/// `Telemetry.hs`).
///
/// Closed: the record has exactly these members. Inlined where it is used, as
/// [`ServiceTimings`] is, for the same reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct ActionCounts {
    /// The number of synchronous mutation actions.
    #[schemars(extend("x-privacy" = "count"))]
    pub synchronous: Count,
    /// The number of asynchronous mutation actions.
    #[schemars(extend("x-privacy" = "count"))]
    pub asynchronous: Count,
    /// The number of query actions.
    #[schemars(extend("x-privacy" = "count"))]
    pub query_actions: Count,
    /// The number of distinct relationships defined on the actions' object output types.
    #[schemars(extend("x-privacy" = "count"))]
    pub type_relationships: Count,
    /// The number of distinct output types plus the number of distinct argument types of the
    /// actions.
    #[schemars(extend("x-privacy" = "count"))]
    pub custom_types: Count,
}

/// Definitions on a data source counted by whether they take arguments (`NativeQueriesMetrics`
/// and `StoredProceduresMetrics`, `Types.hs`, which have the same members).
///
/// Closed: the records have exactly these members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ParameterisedCounts {
    /// The number of definitions that take at least one argument.
    #[schemars(extend("x-privacy" = "count"))]
    pub with_parameters: Count,
    /// The number of definitions that take no argument.
    #[schemars(extend("x-privacy" = "count"))]
    pub without_parameters: Count,
}

/// The logical models defined on a data source (`LogicalModelsMetrics`, `Types.hs`: a
/// one-field record, sent as an object).
///
/// Closed: the record has exactly this member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct LogicalModelCounts {
    /// The number of logical models.
    #[schemars(extend("x-privacy" = "count"))]
    pub count: Count,
}

/// An experimental feature a v2.x server can turn on (`ExperimentalFeature` and its `ToJSON`,
/// `server/src-lib/Hasura/Server/Types.hs`): every name of the stored versions of that file,
/// which only ever added names.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentalFeature {
    /// Inherited roles.
    InheritedRoles,
    /// Optimised permission filters.
    OptimizePermissionFilters,
    /// GraphQL naming conventions (`naming_convention`, singular).
    NamingConvention,
    /// Streaming subscriptions.
    StreamingSubscriptions,
    /// Apollo Federation.
    ApolloFederation,
    /// Hiding the `update_many` mutation fields.
    HideUpdateManyFields,
    /// BigQuery string input for numeric types.
    BigqueryStringNumericInput,
    /// Hiding aggregation predicates.
    HideAggregationPredicates,
    /// Hiding streaming subscription fields.
    HideStreamFields,
    /// Group-by aggregations.
    GroupByAggregations,
    /// Disabling PostgreSQL arrays.
    DisablePostgresArrays,
}

/// Whether a request wrote to a database (`QueryType`, `Counters.hs`: generic `ToJSON`, the
/// constructor name).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum QueryType {
    /// A mutation.
    Mutation,
    /// A query.
    Query,
}

/// Where a request's data came from (`Locality`, `Counters.hs`: generic `ToJSON`, the
/// constructor name).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum Locality {
    /// No data was fetched.
    Empty,
    /// Data from a database of the server.
    Local,
    /// Data from a Remote Schema.
    Remote,
    /// Both.
    Heterogeneous,
}

/// How a request arrived (`Transport`, `Counters.hs`: generic `ToJSON`, the constructor name).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum Transport {
    /// An HTTP request.
    #[serde(rename = "HTTP")]
    Http,
    /// A WebSocket message.
    WebSocket,
}

crate::common::newtype! {
    /// A Hasura GraphQL Engine version as the server prints it (`v2.36.0`, `v2.36.0-ce`, or a dev
    /// build's text): free-form.
    #[schemars(example = "v2.36.0")]
    pub struct ServerVersion(String);

    /// The name of a kind of Hasura backend (`postgres`, `citus`, `cockroach`, `mssql`,
    /// `bigquery`, `dataconnector`): free text.
    #[schemars(example = &"postgres")]
    pub struct BackendName(String);

    /// The kind of a data source as its metadata names it: a backend name (`postgres`, `mssql`,
    /// ...) or the name of a Data Connector agent (`sqlite`): free text.
    #[schemars(example = &"postgres")]
    pub struct SourceKind(String);

    /// A PostgreSQL version number as libpq's `PQserverVersion` gives it, in decimal text
    /// (`150004` is 15.4, `90624` is 9.6.24): `tshow` of a non-negative `Int`, so digits only.
    #[schemars(example = "150004")]
    pub struct PgVersionNumber(#[schemars(regex(pattern = r"^[0-9]+$"))] String);

    /// A duration in seconds, whole or fractional (`0.05`), kept as the JSON number that was sent.
    ///
    /// The server's `Seconds` (a `DiffTime`) is encoded as a JSON number; aeson may write a fraction
    /// in exponent form (`1.0e-3`), which is the same number.
    #[schemars(example = 0.05)]
    pub struct DurationSeconds(#[schemars(range(min = 0))] serde_json::Number);
}

impl Payload for ServerMetricsV2 {
    const ID: &'static str = "hasura/server-metrics-v2";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "Hasura server telemetry (v2.x, per data source)";
    const LAYER: Layer = Layer::Payload;
    const CLUES: &'static [Clue] = &[Clue::Present("/source_metadata")];
    const CATALOG: Catalog = super::server_telemetry::SERVER_CATALOG;
}

super::envelope::posted!(
    ServerMetricsV2, topic ServerMetricsV2Topic, documented Self,
    row (1, 0, 0), wire (1, 0, 0)
);
