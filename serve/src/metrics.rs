//! Prometheus metrics of one receiver since it started, served at `GET /metrics` (OpenMetrics
//! text, through the Prometheus project's client):
//!
//! - `telemetry_spec_documents_total{kind, valid}`: documents stored (`kind="none"` when no
//!   single kind was told);
//! - `telemetry_spec_violations_total{rule}`: violations in the stored documents' reports (those
//!   a report keeps);
//! - `telemetry_spec_request_duration_seconds{endpoint, status}`: how long requests took to be
//!   answered, by route (`/validate/{*kind}`, not the path sent, so labels stay few).
//!
//! Counted when the store has committed, so the counts are of documents kept, not of requests.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::store::Record;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DocumentLabels {
    kind: String,
    valid: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RuleLabels {
    rule: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    endpoint: String,
    status: String,
}

/// What records will count once committed, taken before they go to the store.
pub struct Tally(Vec<(DocumentLabels, Vec<&'static str>)>);

impl Tally {
    /// The labels of each record and the rules of its violations.
    pub fn of(records: &[Record]) -> Self {
        Self(
            records
                .iter()
                .map(|record| {
                    let labels = DocumentLabels {
                        kind: record.kind.unwrap_or("none").to_owned(),
                        valid: record.valid.to_string(),
                    };
                    let rules = record.violations.iter().map(|(rule, _)| *rule).collect();
                    (labels, rules)
                })
                .collect(),
        )
    }
}

/// The receiver's metrics.
pub struct Metrics {
    registry: Registry,
    documents: Family<DocumentLabels, Counter>,
    violations: Family<RuleLabels, Counter>,
    requests: Family<RequestLabels, Histogram>,
}

impl Metrics {
    /// Every metric at zero.
    pub fn new() -> Arc<Self> {
        let mut registry = Registry::with_prefix("telemetry_spec");
        let documents = Family::<DocumentLabels, Counter>::default();
        registry.register(
            "documents",
            "Documents stored, by kind and verdict",
            documents.clone(),
        );
        let violations = Family::<RuleLabels, Counter>::default();
        registry.register(
            "violations",
            "Violations in the stored documents' reports, by rule",
            violations.clone(),
        );
        let requests = Family::<RequestLabels, Histogram>::new_with_constructor(
            (|| Histogram::new(exponential_buckets(0.0001, 2.0, 16))) as fn() -> Histogram,
        );
        registry.register(
            "request_duration_seconds",
            "Time to answer a request, by route and status",
            requests.clone(),
        );
        Arc::new(Self {
            registry,
            documents,
            violations,
            requests,
        })
    }

    /// Counts what the store has committed: the [`Tally`] of its records.
    pub fn stored(&self, tally: Tally) {
        for (labels, rules) in tally.0 {
            self.documents.get_or_create(&labels).inc();
            for rule in rules {
                let labels = RuleLabels {
                    rule: rule.to_owned(),
                };
                self.violations.get_or_create(&labels).inc();
            }
        }
    }

    /// The metrics in the OpenMetrics text format.
    pub fn render(&self) -> String {
        let mut text = String::new();
        // Writing into a `String` cannot fail.
        let _ = encode(&mut text, &self.registry);
        text
    }
}

/// The middleware that times every request by its route.
pub async fn time_requests(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let endpoint = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(none)", MatchedPath::as_str)
        .to_owned();
    let start = Instant::now();
    let response = next.run(request).await;
    let labels = RequestLabels {
        endpoint,
        status: response.status().as_u16().to_string(),
    };
    metrics
        .requests
        .get_or_create(&labels)
        .observe(start.elapsed().as_secs_f64());
    response
}
