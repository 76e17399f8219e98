//! `hasura/ee-server-telemetry`: the server-wide usage report of a Hasura GraphQL Engine
//! Enterprise Edition server.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::Clue;
use crate::catalog::Catalog;
use crate::common::{Count, Nullable};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

use super::enterprise::enterprise_report;

enterprise_report! {
    /// A Hasura GraphQL Engine Enterprise Edition server's report of its server-wide features.
    ///
    /// One of the additional kinds of telemetry the Enterprise Edition server collects and sends to
    /// Hasura's servers at telemetry.hasura.io, beside the data-source report and the usage metrics:
    /// which Enterprise features (API limits, Prometheus, OpenTelemetry, log types, caching) are on,
    /// how many actions, Remote Schemas and secrets are configured, and the resources the server
    /// sees. The emitter's code is not public.
    ///
    /// Closed (no other members): a privacy audit reads this schema as the complete list of what the
    /// server sends; a member not listed here would be data the documentation does not declare.
    pub struct EeServerTelemetry {
        /// The server-wide feature settings and counts.
        pub metrics: EeServerMetrics,
    }
}

/// The server-wide feature settings and counts of an Enterprise Edition server.
///
/// Closed, for the same reason as the payload: each member is declared data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct EeServerMetrics {
    /// Whether API limits are enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub api_limits_enabled: bool,
    /// The number of roles that have role-specific API limits.
    #[schemars(extend("x-privacy" = "count"))]
    pub api_limits_roles_with_limits: Count,
    /// The number of rate limits configured in API limits.
    #[schemars(extend("x-privacy" = "count"))]
    pub api_limits_rate_limits: Count,
    /// The number of query depth limits configured in API limits.
    #[schemars(extend("x-privacy" = "count"))]
    pub api_limits_depth_limits: Count,
    /// The number of node limits configured in API limits.
    #[schemars(extend("x-privacy" = "count"))]
    pub api_limits_node_limits: Count,
    /// The number of time limits configured in API limits.
    #[schemars(extend("x-privacy" = "count"))]
    pub api_limits_time_limits: Count,
    /// The number of batch limits configured in API limits.
    #[schemars(extend("x-privacy" = "count"))]
    pub api_limits_batch_limits: Count,
    /// Whether the Prometheus metrics endpoint is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub prometheus_endpoint_enabled: bool,
    /// Whether the Prometheus metrics endpoint is protected by a secret.
    #[schemars(extend("x-privacy" = "flag"))]
    pub prometheus_secret_enabled: bool,
    /// Whether OpenTelemetry export is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub otel_enabled: bool,
    /// Whether OpenTelemetry export of traces is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub otel_traces_enabled: bool,
    /// The number of roles that have an allow list of their own (role-based allow lists).
    #[schemars(extend("x-privacy" = "count"))]
    pub allow_list_roles: Count,
    /// Whether the HTTP response log is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub logs_http_response_log_enabled: bool,
    /// Whether the API limit log is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub logs_api_limit_log_enabled: bool,
    /// Whether the live query poller log is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub logs_live_query_poller_log_enabled: bool,
    /// Whether the caching log is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub logs_caching_log_enabled: bool,
    /// Whether the tracing log is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub logs_tracing_log_enabled: bool,
    /// Whether the metrics log is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub logs_metrics_log_enabled: bool,
    /// Whether the health check log is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub logs_health_check_log_enabled: bool,
    /// Whether rate limiting is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub rate_limiting_enabled: bool,
    /// Whether response caching is enabled.
    #[schemars(extend("x-privacy" = "flag"))]
    pub caching_enabled: bool,
    /// The number of Remote Schemas added.
    #[schemars(extend("x-privacy" = "count"))]
    pub remote_schemas: Count,
    /// The number of synchronous actions.
    #[schemars(extend("x-privacy" = "count"))]
    pub actions_synchronous: Count,
    /// The number of asynchronous actions.
    #[schemars(extend("x-privacy" = "count"))]
    pub actions_asynchronous: Count,
    /// The number of query actions.
    #[schemars(extend("x-privacy" = "count"))]
    pub actions_query: Count,
    /// The number of relationships defined on action custom types.
    #[schemars(extend("x-privacy" = "count"))]
    pub actions_type_relationships: Count,
    /// The number of custom types defined for actions.
    #[schemars(extend("x-privacy" = "count"))]
    pub actions_custom_types: Count,
    /// The CPU available to the server, in CPU shares: 1024 per core (`2048` is two cores), as
    /// the resource checker found it (`hasura/graphql-engine`
    /// `server/src-lib/Hasura/Server/ResourceChecker.hs`).
    #[schemars(extend("x-privacy" = "count"))]
    pub resource_cpu: Count,
    /// The memory available to the server, in bytes, as the resource checker found it. Variant:
    /// values pass 2^32 (the checker reads a 64-bit byte count from the cgroup or
    /// `/proc/meminfo`; `hasura/graphql-engine` `server/src-lib/Hasura/Server/ResourceChecker.hs`),
    /// which is accepted up to 2^53 − 1, the bound of every count here. The page's sample holds
    /// `0` beside the error code `CPU_MEMORY_INCONCLUSIVE`.
    #[schemars(extend("x-privacy" = "count"))]
    pub resource_memory: Count,
    /// Why the resource checker could not determine the CPU or memory available: one of
    /// `CGROUP_UNAVAILABLE`, `CPU_INCONCLUSIVE`, `MEMORY_INCONCLUSIVE`,
    /// `CPU_MEMORY_INCONCLUSIVE`. Variants: free text for an internal error
    /// (`INVALID_CPU_SHARES`), several errors joined with `|`
    /// (`CPU_INCONCLUSIVE|INVALID_CPU_QUOTA`), and `null` when there was no error
    /// (`hasura/graphql-engine` `server/src-lib/Hasura/Server/ResourceChecker.hs`); all are
    /// accepted, so the member is any string or `null`. An error report, hence `diagnostic`,
    /// though it holds no user data.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub resource_checker_error_code: Nullable<String>,
    /// The number of JWT secrets configured.
    #[schemars(extend("x-privacy" = "count"))]
    pub jwt_secrets_configured: Count,
    /// The number of admin secrets configured.
    #[schemars(extend("x-privacy" = "count"))]
    pub admin_secrets_configured: Count,
}

impl Payload for EeServerTelemetry {
    const ID: &'static str = "hasura/ee-server-telemetry";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 2);
    const TITLE: &'static str = "Hasura Enterprise Edition server telemetry";
    const EXAMPLE_LINE: Option<usize> = Some(55);
    const LAYER: Layer = Layer::Payload;
    const CLUES: &'static [Clue] = &[
        Clue::Present("/license_jti"),
        Clue::AnyPresent(&[
            "/metrics/api_limits_enabled",
            "/metrics/prometheus_endpoint_enabled",
            "/metrics/otel_enabled",
            "/metrics/caching_enabled",
        ]),
    ];
    const CATALOG: Catalog = super::enterprise::CATALOG;

    fn documented_example() -> Option<Self> {
        Some(Self::page_sample(
            "v2.23.0",
            EeServerMetrics::fixture()
                .api_limits_enabled(true)
                .api_limits_roles_with_limits(0)
                .api_limits_rate_limits(0)
                .api_limits_depth_limits(0)
                .api_limits_node_limits(0)
                .api_limits_time_limits(0)
                .api_limits_batch_limits(0)
                .prometheus_endpoint_enabled(false)
                .prometheus_secret_enabled(false)
                .otel_enabled(false)
                .otel_traces_enabled(false)
                .allow_list_roles(0)
                .logs_http_response_log_enabled(false)
                .logs_api_limit_log_enabled(false)
                .logs_live_query_poller_log_enabled(false)
                .logs_caching_log_enabled(false)
                .logs_tracing_log_enabled(true)
                .logs_metrics_log_enabled(false)
                .logs_health_check_log_enabled(false)
                .rate_limiting_enabled(false)
                .caching_enabled(false)
                .remote_schemas(0)
                .actions_synchronous(0)
                .actions_asynchronous(0)
                .actions_query(0)
                .actions_type_relationships(0)
                .actions_custom_types(0)
                .resource_cpu(2048)
                .resource_memory(0)
                .resource_checker_error_code(String::from("CPU_MEMORY_INCONCLUSIVE"))
                .jwt_secrets_configured(2)
                .admin_secrets_configured(2),
        ))
    }
}

super::envelope::posted!(EeServerTelemetry, documented Self, row (1, 0, 1), wire (1, 0, 1));
