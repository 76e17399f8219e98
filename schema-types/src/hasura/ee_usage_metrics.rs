//! `hasura/ee-usage-metrics`: the Prometheus-style usage metrics a Hasura GraphQL Engine
//! Enterprise Edition server reports.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::Clue;
use crate::catalog::Catalog;
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

use super::enterprise::enterprise_report;

enterprise_report! {
    /// A Hasura GraphQL Engine Enterprise Edition server's usage metrics: current values of its
    /// Prometheus metrics.
    ///
    /// One of the additional kinds of telemetry the Enterprise Edition server collects and sends to
    /// Hasura's servers at telemetry.hasura.io, beside the server and data-source reports. Each
    /// metric is a list of samples, one per combination of label values, as the server's Prometheus
    /// endpoint would export them. The emitter's code is not public.
    ///
    /// Closed at this level (no members besides these six): a privacy audit reads this schema as the
    /// complete list of what the server sends. The `metrics` object itself is open, see
    /// [`UsageMetrics`].
    pub struct EeUsageMetrics {
        /// The metrics, by Prometheus metric name.
        pub metrics: UsageMetrics,
    }
}

/// The usage metrics by Prometheus metric name, each a list of samples.
///
/// Every metric the page prints is required. Open, for a variant: the set of metric names grows
/// with server releases (`hasura/graphql-engine`, Enterprise emitter, whose code is not public),
/// so any other member is accepted as a further metric, a list of samples with string labels
/// (see [`OtherMetricSample`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
pub struct UsageMetrics {
    /// Total size, in bytes, of the HTTP request bodies sent to action handlers.
    pub hasura_action_request_bytes_total: Vec<UnlabelledSample>,
    /// Total size, in bytes, of the HTTP response bodies received from action handlers.
    pub hasura_action_response_bytes_total: Vec<UnlabelledSample>,
    /// The current number of active subscriptions.
    pub hasura_active_subscriptions: Vec<UnlabelledSample>,
    /// The number of cron trigger invocations, by outcome.
    pub hasura_cron_events_invocation_total: Vec<StatusSample>,
    /// The number of event trigger invocations, by outcome.
    pub hasura_event_invocations_total: Vec<StatusSample>,
    /// The current number of event trigger HTTP workers in use.
    pub hasura_event_trigger_http_workers: Vec<UnlabelledSample>,
    /// The number of events fetched from the event tables per batch.
    pub hasura_events_fetched_per_batch: Vec<UnlabelledSample>,
    /// Total size, in bytes, of the HTTP request bodies sent to event trigger webhooks.
    pub hasura_event_trigger_request_bytes_total: Vec<UnlabelledSample>,
    /// Total size, in bytes, of the HTTP response bodies received from event trigger webhooks.
    pub hasura_event_trigger_response_bytes_total: Vec<UnlabelledSample>,
    /// The number of GraphQL requests received, by operation type and outcome.
    pub hasura_graphql_requests_total: Vec<OperationStatusSample>,
    /// The current number of active HTTP connections (WebSocket connections not included).
    pub hasura_http_connections: Vec<UnlabelledSample>,
    /// Total size, in bytes, of the HTTP request bodies received.
    pub hasura_http_request_bytes_total: Vec<UnlabelledSample>,
    /// Total size, in bytes, of the HTTP response bodies sent.
    pub hasura_http_response_bytes_total: Vec<UnlabelledSample>,
    /// The current resource version of the metadata.
    pub hasura_metadata_resource_version: Vec<UnlabelledSample>,
    /// The current number of PostgreSQL connections, by data source and connection role.
    pub hasura_postgres_connections: Vec<RoleSourceSample>,
    /// Total size, in bytes, of the HTTP request bodies sent to scheduled trigger webhooks.
    pub hasura_scheduled_trigger_request_bytes_total: Vec<UnlabelledSample>,
    /// Total size, in bytes, of the HTTP response bodies received from scheduled trigger
    /// webhooks.
    pub hasura_scheduled_trigger_response_bytes_total: Vec<UnlabelledSample>,
    /// The current number of active WebSocket connections.
    pub hasura_websocket_connections: Vec<UnlabelledSample>,
    /// Total size, in bytes, of the WebSocket messages received.
    pub hasura_websocket_messages_received_bytes_total: Vec<UnlabelledSample>,
    /// Total size, in bytes, of the WebSocket messages sent.
    pub hasura_websocket_messages_sent_bytes_total: Vec<UnlabelledSample>,
    /// Metrics the page does not print, by name: the set of metric names grows over time.
    #[serde(flatten)]
    pub other: BTreeMap<String, Vec<OtherMetricSample>>,
}

/// A sample of a metric without labels.
///
/// Closed: a label on a metric that has none would change the metric's meaning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct UnlabelledSample {
    /// The metric's value.
    #[schemars(extend("x-privacy" = "count"))]
    pub value: MetricValue,
}

/// A sample of a metric labelled with the outcome of what it counts.
///
/// Closed: the metrics that use it have exactly this label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct StatusSample {
    /// The outcome: `success` or `failed`.
    #[schemars(extend("x-privacy" = "category"))]
    pub status: String,
    /// The metric's value for this outcome.
    #[schemars(extend("x-privacy" = "count"))]
    pub value: MetricValue,
}

/// A sample of a metric labelled with a GraphQL operation type and the response's outcome.
///
/// Closed: the metrics that use it have exactly these labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct OperationStatusSample {
    /// The operation type: `query`, `mutation`, `subscription`, or `unknown` for requests that
    /// fail before their type is known (authorization, parsing, validation).
    #[schemars(extend("x-privacy" = "category"))]
    pub operation_type: String,
    /// The response's outcome: `success` or `failed`.
    #[schemars(extend("x-privacy" = "category"))]
    pub response_status: String,
    /// The metric's value for this operation type and outcome.
    #[schemars(extend("x-privacy" = "count"))]
    pub value: MetricValue,
}

/// A sample of a metric labelled with a data source and the role of its connection.
///
/// Closed: the metrics that use it have exactly these labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct RoleSourceSample {
    /// The role of the database connection: `primary`, or `replica` for a read replica.
    #[schemars(extend("x-privacy" = "category"))]
    pub role: String,
    /// The name of the data source in the metadata (`default`): a name the user gave the source
    /// when connecting it, so it can say what the user's data is about.
    #[schemars(extend("x-privacy" = "content-name"))]
    pub source_name: String,
    /// The metric's value for this data source and role.
    #[schemars(extend("x-privacy" = "count"))]
    pub value: MetricValue,
}

/// A sample of a metric the page does not print: its labels, then its value.
///
/// Open: the labels of an unknown metric are not known either, so every member other than
/// `value` is taken as a label with a string value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
pub struct OtherMetricSample {
    /// The sample's labels, by label name. Each value is classified through its type,
    /// [`MetricLabel`]: a flattened member cannot carry a class of its own.
    #[serde(flatten)]
    pub labels: BTreeMap<String, MetricLabel>,
    /// The metric's value for these labels.
    #[schemars(extend("x-privacy" = "count"))]
    pub value: MetricValue,
}

crate::common::newtype! {
    /// The value of a label of a metric the page does not print (`hit`, `success`).
    ///
    /// Classified `category`: Prometheus label values are a small set the server defines (outcomes,
    /// operation types, connection roles), which is what makes them usable as labels. A label that
    /// names user content, as `source_name` does on `hasura_postgres_connections`, would be
    /// under-reported by this class; a metric with such a label belongs in [`UsageMetrics`] with a
    /// sample type of its own that classifies that label as `content-name`.
    #[schemars(extend("x-privacy" = "category"))]
    pub struct MetricLabel(String);

    /// The value of a metric sample: a non-negative JSON number, kept as written.
    ///
    /// Prometheus values are floating-point numbers; the page's sample writes whole values as
    /// integers (`0`, `1`). Variant: the emitter sends them as JSON numbers, fractional ones
    /// included (`0.5`; `hasura/graphql-engine`, Enterprise emitter, whose code is not public), and
    /// both are accepted. Keeping the number as sent means `0` stays `0` and `0.5` keeps its digits
    /// through a round-trip.
    #[schemars(example = 0)]
    pub struct MetricValue(#[schemars(range(min = 0))] serde_json::Number);
}

impl Payload for EeUsageMetrics {
    const ID: &'static str = "hasura/ee-usage-metrics";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Hasura Enterprise Edition usage metrics";
    const EXAMPLE_LINE: Option<usize> = Some(127);
    const LAYER: Layer = Layer::Payload;
    const CLUES: &'static [Clue] = &[
        Clue::Present("/license_jti"),
        Clue::ArrayNamed {
            object: "/metrics",
            prefix: "hasura_",
        },
    ];
    const CATALOG: Catalog = super::enterprise::CATALOG;

    fn documented_example() -> Option<Self> {
        Some(Self::page_sample(
            "12345",
            // The page prints no metric beyond the named ones, so `other` keeps its empty default.
            UsageMetrics::fixture()
                .hasura_action_request_bytes_total([unlabelled(0)])
                .hasura_action_response_bytes_total([unlabelled(0)])
                .hasura_active_subscriptions([unlabelled(0)])
                .hasura_cron_events_invocation_total([with_status("success", 0)])
                .hasura_event_invocations_total([with_status("success", 0)])
                .hasura_event_trigger_http_workers([unlabelled(0)])
                .hasura_events_fetched_per_batch([unlabelled(0)])
                .hasura_event_trigger_request_bytes_total([unlabelled(0)])
                .hasura_event_trigger_response_bytes_total([unlabelled(0)])
                .hasura_graphql_requests_total([OperationStatusSample::fixture()
                    .operation_type("query")
                    .response_status("failed")
                    .value(0)
                    .build()])
                .hasura_http_connections([unlabelled(0)])
                .hasura_http_request_bytes_total([unlabelled(0)])
                .hasura_http_response_bytes_total([unlabelled(0)])
                .hasura_metadata_resource_version([unlabelled(1)])
                .hasura_postgres_connections([RoleSourceSample::fixture()
                    .role("primary")
                    .source_name("default")
                    .value(1)
                    .build()])
                .hasura_scheduled_trigger_request_bytes_total([unlabelled(0)])
                .hasura_scheduled_trigger_response_bytes_total([unlabelled(0)])
                .hasura_websocket_connections([unlabelled(0)])
                .hasura_websocket_messages_received_bytes_total([unlabelled(0)])
                .hasura_websocket_messages_sent_bytes_total([unlabelled(0)]),
        ))
    }
}

super::envelope::posted!(EeUsageMetrics, documented Self, row (1, 0, 0), wire (1, 0, 0));

/// A sample of a metric without labels.
fn unlabelled(value: u64) -> UnlabelledSample {
    UnlabelledSample::fixture().value(value).build()
}

/// A sample of a metric labelled with an outcome.
fn with_status(status: &str, value: u64) -> StatusSample {
    StatusSample::fixture().status(status).value(value).build()
}
