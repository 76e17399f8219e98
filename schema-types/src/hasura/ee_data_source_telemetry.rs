//! `hasura/ee-data-source-telemetry`: the per-data-source usage report of a Hasura GraphQL
//! Engine Enterprise Edition server.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::Clue;
use crate::catalog::Catalog;
use crate::common::Count;
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

use super::enterprise::enterprise_report;

enterprise_report! {
    /// A Hasura GraphQL Engine Enterprise Edition server's report on one of its data sources.
    ///
    /// One of the additional kinds of telemetry the Enterprise Edition server collects and sends to
    /// Hasura's servers at telemetry.hasura.io: one document per connected data source, with the
    /// source's kind and the counts of what is tracked on it. v2.x servers send one payload per data
    /// source (`server/src-lib/Hasura/Server/Telemetry.hs`); the Enterprise emitter's code is not
    /// public.
    ///
    /// Closed (no other members): a privacy audit reads this schema as the complete list of what the
    /// server sends; a member not listed here would be data the documentation does not declare.
    pub struct EeDataSourceTelemetry {
        /// The data source's kind, settings and counts.
        pub metrics: EeDataSourceMetrics,
    }
}

/// The kind, settings and counts of one data source of an Enterprise Edition server.
///
/// Closed, for the same reason as the payload: each member is declared data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct EeDataSourceMetrics {
    /// The kind of database: names in the open code are `postgres`, `citus`, `cockroach`,
    /// `mssql`, `bigquery` and `dataconnector` (`hasura/graphql-engine`
    /// `server/src-lib/Hasura/RQL/Types/BackendType.hs`). Free text, since new backends appear.
    #[schemars(extend("x-privacy" = "category"))]
    pub backend_type: String,
    /// The number of read replicas configured for the source.
    #[schemars(extend("x-privacy" = "count"))]
    pub read_replicas: Count,
    /// Whether a health check is configured for the source.
    #[schemars(extend("x-privacy" = "flag"))]
    pub health_check_enabled: bool,
    /// The number of tracked tables, views not included.
    #[schemars(extend("x-privacy" = "count"))]
    pub tables: Count,
    /// The number of tracked views.
    #[schemars(extend("x-privacy" = "count"))]
    pub views: Count,
    /// The number of tracked tables used as enums.
    #[schemars(extend("x-privacy" = "count"))]
    pub enum_tables: Count,
    /// The number of relationships defined with a manual configuration.
    #[schemars(extend("x-privacy" = "count"))]
    pub relationships_manual: Count,
    /// The number of relationships defined from a foreign-key constraint.
    #[schemars(extend("x-privacy" = "count"))]
    pub relationships_auto: Count,
    /// The number of select permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub permissions_select: Count,
    /// The number of insert permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub permissions_insert: Count,
    /// The number of update permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub permissions_update: Count,
    /// The number of delete permission rules (one per table and role).
    #[schemars(extend("x-privacy" = "count"))]
    pub permissions_delete: Count,
    /// The number of distinct roles that have a permission rule on some table of the source.
    #[schemars(extend("x-privacy" = "count"))]
    pub permissions_roles: Count,
    /// The number of tables that have at least one event trigger (not the number of triggers).
    #[schemars(extend("x-privacy" = "count"))]
    pub event_triggers: Count,
    /// The number of tracked custom SQL functions.
    #[schemars(extend("x-privacy" = "count"))]
    pub functions: Count,
    /// The number of native queries defined on the source. (The open-source server's v2
    /// payload sends an object under this name; this payload sends a count.)
    #[schemars(extend("x-privacy" = "count"))]
    pub native_queries: Count,
    /// Whether query tags are enabled for the source.
    #[schemars(extend("x-privacy" = "flag"))]
    pub query_tags_enabled: bool,
    /// Whether dynamic connection templates are configured for the source.
    #[schemars(extend("x-privacy" = "flag"))]
    pub connection_templates_enabled: bool,
}

impl Payload for EeDataSourceTelemetry {
    const ID: &'static str = "hasura/ee-data-source-telemetry";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Hasura Enterprise Edition data source telemetry";
    const EXAMPLE_LINE: Option<usize> = Some(98);
    const LAYER: Layer = Layer::Payload;
    const CLUES: &'static [Clue] = &[
        Clue::Present("/license_jti"),
        Clue::Present("/metrics/backend_type"),
    ];
    const CATALOG: Catalog = super::enterprise::CATALOG;

    fn documented_example() -> Option<Self> {
        Some(Self::page_sample(
            "12345",
            EeDataSourceMetrics::fixture()
                .backend_type("postgres")
                .read_replicas(0)
                .health_check_enabled(false)
                .tables(0)
                .views(0)
                .enum_tables(0)
                .relationships_manual(0)
                .relationships_auto(0)
                .permissions_select(0)
                .permissions_insert(0)
                .permissions_update(0)
                .permissions_delete(0)
                .permissions_roles(0)
                .event_triggers(0)
                .functions(0)
                .native_queries(0)
                .query_tags_enabled(false)
                .connection_templates_enabled(false),
        ))
    }
}

super::envelope::posted!(EeDataSourceTelemetry, documented Self, row (1, 0, 0), wire (1, 0, 0));
