//! The HTTP surface: the router and one handler per endpoint. Handlers read the request, call
//! [`crate::ingest`] or the [`Store`], and write the answer; they decide nothing about
//! documents themselves.
//!
//! | Endpoint | Answer |
//! |---|---|
//! | `GET /` | a page for people ([`crate::dashboard`]) |
//! | `GET /health` | `{"status": "ok"}` (the store is open before the socket is bound) |
//! | `POST /v1/http` | Hasura's emitters: the verdict; 200 (400 with `--reject-invalid` when invalid) |
//! | `GET /v1/ws` | the Console's WebSocket: each text or binary message one Hasura message |
//! | `POST /v1/track`, `/v1/t` | Segment's track call, judged as the call (a `-call` kind): the verdict |
//! | `POST /v1/batch`, `/v1/b`, `/v1/import` | Segment's batch (analytics-java POSTs to `/v1/import`): NDJSON, a verdict per call, then the summary |
//! | `POST /validate/KIND`, `POST /validate` | NDJSON: a verdict per document, then the summary |
//! | `GET /kinds`, `GET /schemas/PATH` | `schemas/index.json`, a published schema |
//! | `GET /api/summary` | counts per kind, version and verdict |
//! | `GET /api/documents` | stored documents, filtered, in pages |
//! | `GET /api/wait` | as soon as enough matching documents are stored (408 at the timeout) |
//! | `POST /api/reset` | deletes every document |
//! | `GET /api/coverage` | which declared kinds, eras and members were seen (and how often), which never |
//! | `GET /metrics` | Prometheus metrics ([`crate::metrics`]) |
//!
//! Every answer is written from its type in `schema_types::api::answers`, whose schema `cargo
//! xtask gen` publishes under `schemas/serve/` (served at `/schemas/serve/...`).
//!
//! Every error is `{"error": "..."}` with its status: 401 (token), 404, 400 (a bad query), 413
//! (body or documents over the limits), 503 with `Retry-After` (the store's queue is full),
//! 500 (the store failed: nothing of the request is stored).

// A handler answers an error as the `Response` it is (axum's `IntoResponse`), made once per
// request on its way out; boxing it would add an allocation to every error for nothing.
#![allow(clippy::result_large_err)]

use std::borrow::Cow;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State,
};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router, middleware};
use base64::Engine as _;
use schema_types::api::answers::{
    Coverage, DocumentRecord, DocumentsPage, ErrorBody, KindCount, ResetAnswer, Summary, WaitAnswer,
};
use serde::Deserialize;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio::sync::watch;

use crate::ingest::{self, Judged, Receipt};
use crate::limits::{Limits, RETRY_AFTER_SECONDS};
use crate::metrics::{Metrics, Tally};
use crate::store::{Filter, Refused, Store, Stored};
use crate::{auth, schemas};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
    /// The receiver's limits.
    pub limits: Limits,
    /// The bearer token `/api/...` asks for, if any.
    pub token: Option<Arc<str>>,
    /// The Segment write key Segment's endpoints ask for, if any.
    pub write_key: Option<Arc<str>>,
    /// Whether the page shows the values of identifying members.
    pub show_values: bool,
    /// Whether an emitter's invalid document is answered with 400.
    pub reject_invalid: bool,
    /// Becomes `true` when the receiver stops: long polls end early.
    pub stopping: watch::Receiver<bool>,
    /// The metrics `/metrics` serves.
    pub metrics: Arc<Metrics>,
}

/// The router of every endpoint.
pub fn router(state: AppState) -> Router {
    let guarded = Router::new()
        .route("/api/summary", get(summary))
        .route("/api/documents", get(documents))
        .route("/api/wait", get(wait))
        .route("/api/reset", post(reset))
        .route("/api/coverage", get(coverage))
        .route("/", get(dashboard))
        .route("/metrics", get(metrics))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ));
    let segment = Router::new()
        .route("/v1/track", post(segment_track))
        .route("/v1/t", post(segment_track))
        .route("/v1/batch", post(segment_batch))
        .route("/v1/b", post(segment_batch))
        .route("/v1/import", post(segment_batch))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_write_key,
        ));
    Router::new()
        .route("/health", get(health))
        .route("/v1/http", post(hasura))
        .route("/v1/ws", get(console_socket))
        .route("/validate", post(validate_detected))
        .route("/validate/{*kind}", post(validate_kind))
        .route("/kinds", get(kinds))
        .route("/schemas/{*path}", get(schema))
        .merge(guarded)
        .merge(segment)
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state.metrics),
            crate::metrics::time_requests,
        ))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(state.limits.max_body_bytes))
        .with_state(state)
}

/// `{"error": message}` with `status`.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        error: message.into(),
    };
    (status, Json(body)).into_response()
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "no such endpoint")
}

async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// Now, in microseconds since the Unix epoch.
fn now() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX)
}

/// What an emitter's endpoint starts from: the bytes received (a body, read within
/// `--max-bytes`, or a WebSocket message) and when. As an extractor, a body that cannot be read
/// is answered at once (413 over the limit) and the handler does not run.
struct Received {
    bytes: Bytes,
    received_at: i64,
}

impl<S: Send + Sync> FromRequest<S> for Received {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                let status = rejection.status();
                let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                    "the body is larger than the limit (`--max-bytes`); nothing was stored"
                        .to_owned()
                } else {
                    format!("cannot read the body: {}", rejection.body_text())
                };
                error(status, message)
            })?;
        Ok(Self::now(bytes))
    }
}

impl Received {
    /// `bytes`, received now.
    fn now(bytes: Bytes) -> Self {
        Self {
            bytes,
            received_at: now(),
        }
    }

    /// What `judge` makes of the bytes received at `endpoint`: judged on the request's own task
    /// when they are few, on a blocking thread when they are many, so that a large body never
    /// holds up the runtime.
    async fn judge<T: Send + 'static>(
        self,
        endpoint: impl Into<Cow<'static, str>>,
        judge: impl FnOnce(Receipt<'_>, &[u8]) -> T + Send + 'static,
    ) -> Result<T, Response> {
        let Self { bytes, received_at } = self;
        let endpoint = endpoint.into();
        let inline = bytes.len() <= JUDGED_INLINE;
        let judged = move || {
            let receipt = Receipt {
                endpoint: &endpoint,
                received_at,
            };
            judge(receipt, &bytes)
        };
        if inline {
            return Ok(judged());
        }
        tokio::task::spawn_blocking(judged)
            .await
            .map_err(|_| error(StatusCode::INTERNAL_SERVER_ERROR, "judging failed"))
    }
}

/// Stores one judged document and answers with its verdict: `200`, or `400` for an invalid one
/// under `--reject-invalid`.
async fn keep_one(state: &AppState, judged: Judged) -> Result<Response, Response> {
    let valid = judged.record.valid;
    let verdict = judged.record.verdict.clone();
    keep(state, vec![judged]).await?;
    Ok(verdicts(
        state.reject_invalid && !valid,
        "application/json",
        verdict,
    ))
}

/// An answer of verdicts (`content_type`): 400 when the request is `rejected`, 200 otherwise.
fn verdicts(rejected: bool, content_type: &'static str, text: String) -> Response {
    let status = if rejected {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    (status, [(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// Stores the records of `judged`; the answer when they could not be stored.
async fn keep(state: &AppState, judged: Vec<Judged>) -> Result<(), Response> {
    let records: Vec<_> = judged.into_iter().map(|judged| judged.record).collect();
    let tally = Tally::of(&records);
    match state.store.insert(records).await {
        Ok(_) => {
            state.metrics.stored(tally);
            Ok(())
        }
        Err(Refused::Busy) => {
            let mut response = error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the store is busy; nothing was stored: try again later",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
            Err(response)
        }
        Err(Refused::Failed(failure)) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{failure}; nothing was stored"),
        )),
    }
}

/// Bodies up to this size are judged on the request's own task (microseconds); larger ones on
/// a blocking thread ([`Received::judge`]).
const JUDGED_INLINE: usize = 64 * 1024;

/// `POST /v1/http`: one Hasura wire message.
async fn hasura(State(state): State<AppState>, received: Received) -> Result<Response, Response> {
    let judged = judge_hasura(&state, received, "/v1/http").await?;
    keep_one(&state, judged).await
}

/// What [`ingest::hasura`] makes of one Hasura wire message received at `endpoint` (`/v1/http`
/// or `/v1/ws`).
async fn judge_hasura(
    state: &AppState,
    received: Received,
    endpoint: &'static str,
) -> Result<Judged, Response> {
    let limits = state.limits.report();
    received
        .judge(endpoint, move |receipt, body| {
            ingest::hasura(receipt, body.to_vec(), limits)
        })
        .await
}

/// `GET /v1/ws`: the Console's WebSocket channel; every message (text or binary) is one Hasura
/// message, judged and stored as `/v1/http` does, before the next is read. Nothing is answered
/// on the socket (the Console reads nothing back); `/api/wait` says when messages are stored.
async fn console_socket(State(state): State<AppState>, upgrade: WebSocketUpgrade) -> Response {
    let max_bytes = state.limits.max_body_bytes;
    upgrade
        .max_message_size(max_bytes)
        .max_frame_size(max_bytes)
        .on_upgrade(move |socket| console_messages(state, socket))
}

async fn console_messages(state: AppState, mut socket: WebSocket) {
    let mut stopping = state.stopping.clone();
    loop {
        let message = tokio::select! {
            message = socket.recv() => message,
            _ = stopping.changed() => None,
        };
        let received = match message {
            Some(Ok(Message::Text(text))) => Received::now(text.into()),
            Some(Ok(Message::Binary(bytes))) => Received::now(bytes),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            // Closed, or a protocol error (a message over the limit): the connection ends.
            Some(Ok(Message::Close(_)) | Err(_)) | None => break,
        };
        let Ok(judged) = judge_hasura(&state, received, "/v1/ws").await else {
            break;
        };
        let records = vec![judged.record];
        let tally = Tally::of(&records);
        if state.store.insert_waiting(records).await.is_err() {
            break;
        }
        state.metrics.stored(tally);
    }
}

/// `POST /v1/track` (and analytics.js's `/v1/t`): one Segment call.
async fn segment_track(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    received: Received,
) -> Result<Response, Response> {
    let limits = state.limits.report();
    let judged = received
        .judge("/v1/track", move |receipt, body| {
            ingest::segment_call(
                receipt,
                1,
                body,
                ingest::FromBatch::default(),
                Some(client.ip()),
                limits,
            )
        })
        .await?;
    keep_one(&state, judged).await
}

/// `POST /v1/batch` (and analytics.js's `/v1/b`, analytics-java's `/v1/import`): Segment calls in
/// `{"batch": [...]}`.
async fn segment_batch(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    received: Received,
) -> Result<Response, Response> {
    let limits = state.limits;
    let judged = received
        .judge("/v1/batch", move |receipt, body| {
            ingest::segment_batch(
                receipt,
                body,
                Some(client.ip()),
                limits.report(),
                limits.max_documents,
            )
        })
        .await?;
    answer_documents(&state, judged, state.reject_invalid).await
}

/// `POST /validate/KIND`.
async fn validate_kind(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    // An unknown kind is answered 404 whatever the body.
    received: Result<Received, Response>,
) -> Result<Response, Response> {
    let kind = schema_types::api::kind(&kind)
        .map_err(|unknown| error(StatusCode::NOT_FOUND, unknown.to_string()))?;
    validate(
        state,
        Some(kind),
        format!("/validate/{}", kind.id),
        received?,
    )
    .await
}

/// `POST /validate`.
async fn validate_detected(
    State(state): State<AppState>,
    received: Received,
) -> Result<Response, Response> {
    validate(state, None, "/validate", received).await
}

/// Judges, stores and answers the documents of a body: NDJSON, a verdict per document and the
/// summary, as `validate --format json` prints them.
async fn validate(
    state: AppState,
    kind: Option<&'static schema_types::PayloadKind>,
    endpoint: impl Into<Cow<'static, str>>,
    received: Received,
) -> Result<Response, Response> {
    let limits = state.limits;
    let judged = received
        .judge(endpoint, move |receipt, body| {
            ingest::documents(receipt, body, kind, limits.report(), limits.max_documents)
        })
        .await?;
    answer_documents(&state, judged, false).await
}

/// Stores the documents of a body and answers their verdicts: NDJSON, a verdict per document
/// and the summary; 413 when there were too many; with `reject` (an emitter's endpoint under
/// `--reject-invalid`), 400 when one is invalid.
async fn answer_documents(
    state: &AppState,
    judged: Result<Vec<Judged>, ingest::TooManyDocuments>,
    reject: bool,
) -> Result<Response, Response> {
    let judged = judged.map_err(|too_many| {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the body holds more than {} documents (`--max-documents`); nothing was stored",
                too_many.limit
            ),
        )
    })?;
    let valid = judged.iter().filter(|judged| judged.record.valid).count();
    let invalid = judged.len() - valid;
    let mut text = String::new();
    for judged in &judged {
        text.push_str(&judged.record.verdict);
        text.push('\n');
    }
    if !judged.is_empty() {
        keep(state, judged).await?;
    }
    let summary = schema_types::api::verdict::summary_json(valid as u64, invalid as u64, 0);
    text.push_str(&summary.to_string());
    text.push('\n');
    Ok(verdicts(
        reject && invalid > 0,
        "application/x-ndjson",
        text,
    ))
}

/// `GET /kinds`: the index of the published schemas.
async fn kinds() -> Response {
    published("index.json", "application/json", || "no index".to_owned())
}

/// `GET /schemas/PATH`: a published schema, at its path under `schemas/` (and under its `$id`).
async fn schema(Path(path): Path<String>) -> Response {
    published(&path, "application/schema+json", || {
        format!("no schema at `{path}`")
    })
}

/// The published file at `path` under `schemas/`, as `content_type`; 404 with the message
/// `missing` gives when there is none.
fn published(path: &str, content_type: &'static str, missing: impl FnOnce() -> String) -> Response {
    match schemas::file(path) {
        Some(bytes) => ([(header::CONTENT_TYPE, content_type)], bytes).into_response(),
        None => error(StatusCode::NOT_FOUND, missing()),
    }
}

/// The query of `/api/documents` and `/api/wait`: the filters both take, and each one's own
/// parameters. (One flat struct: `serde(flatten)` would read every value as a string.)
#[derive(Debug, Deserialize)]
struct ApiQuery {
    valid: Option<bool>,
    /// A kind id, or `none` for undetected documents.
    kind: Option<String>,
    /// RFC 3339.
    since: Option<String>,
    rule: Option<String>,
    /// `/api/documents`: the most documents in the page.
    limit: Option<usize>,
    /// `/api/documents`: where the page starts (the previous page's `next`).
    cursor: Option<String>,
    /// `/api/wait`: how many documents to wait for.
    count: Option<u64>,
    /// `/api/wait`: how long to wait at most, in seconds.
    timeout: Option<f64>,
}

/// What `/api/documents` and `/api/wait` are asked: the documents' filter and the query it was
/// read from. As an extractor, a query that cannot be read is answered 400 and the handler does
/// not run.
struct Selection {
    filter: Filter,
    query: ApiQuery,
}

impl<S: Send + Sync> FromRequestParts<S> for Selection {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let Query(query) = Query::<ApiQuery>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| error(StatusCode::BAD_REQUEST, rejection.body_text()))?;
        let filter = query.filter()?;
        Ok(Self { filter, query })
    }
}

impl ApiQuery {
    fn filter(&self) -> Result<Filter, Response> {
        let since = match &self.since {
            Some(text) => {
                let time = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| {
                    error(
                        StatusCode::BAD_REQUEST,
                        format!("`since` is not an RFC 3339 time: `{text}`"),
                    )
                })?;
                Some(i64::try_from(time.unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX))
            }
            None => None,
        };
        Ok(Filter {
            valid: self.valid,
            kind: self.kind.as_ref().map(|kind| {
                if kind == "none" {
                    None
                } else {
                    Some(kind.clone())
                }
            }),
            since,
            rule: self.rule.clone(),
        })
    }
}

fn store_failed(failure: impl std::fmt::Display) -> Response {
    error(StatusCode::INTERNAL_SERVER_ERROR, failure.to_string())
}

/// `GET /api/summary`.
async fn summary(State(state): State<AppState>) -> Result<Json<Summary>, Response> {
    let counts = state.store.counts().await.map_err(store_failed)?;
    let mut kinds: Vec<KindCount> = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for count in counts {
        if count.valid {
            valid += count.documents;
        } else {
            invalid += count.documents;
        }
        let same = kinds
            .last_mut()
            .filter(|last| last.kind == count.kind && last.version == count.version);
        let entry = match same {
            Some(entry) => entry,
            None => {
                kinds.push(KindCount {
                    kind: count.kind,
                    version: count.version,
                    valid: 0,
                    invalid: 0,
                });
                kinds.last_mut().expect("just pushed")
            }
        };
        if count.valid {
            entry.valid = count.documents;
        } else {
            entry.invalid = count.documents;
        }
    }
    Ok(Json(Summary {
        documents: valid + invalid,
        valid,
        invalid,
        kinds,
    }))
}

/// `GET /`: the page ([`crate::dashboard`]).
async fn dashboard(State(state): State<AppState>) -> Result<Response, Response> {
    let page = crate::dashboard::page(&state.store, state.show_values)
        .await
        .map_err(store_failed)?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response())
}

/// `GET /api/coverage` ([`crate::coverage`]).
async fn coverage(State(state): State<AppState>) -> Result<Json<Coverage>, Response> {
    let coverage = crate::coverage::of(&state.store)
        .await
        .map_err(store_failed)?;
    Ok(Json(coverage))
}

/// The most documents one page of `/api/documents` holds.
const MAX_PAGE: usize = 1000;

/// `GET /api/documents`.
async fn documents(
    State(state): State<AppState>,
    Selection { filter, query }: Selection,
) -> Result<Json<DocumentsPage>, Response> {
    let limit = query.limit.unwrap_or(100).clamp(1, MAX_PAGE);
    let after = match &query.cursor {
        Some(cursor) => cursor.parse::<i64>().map_err(|_| {
            error(
                StatusCode::BAD_REQUEST,
                format!("`cursor` is not a cursor: `{cursor}`"),
            )
        })?,
        None => 0,
    };
    let page = state
        .store
        .documents(&filter, after, limit)
        .await
        .map_err(store_failed)?;
    let next = if page.len() == limit {
        page.last().map(|document| document.id.to_string())
    } else {
        None
    };
    let documents = page.into_iter().map(document_record).collect();
    Ok(Json(DocumentsPage { documents, next }))
}

/// A stored document as `/api/documents` gives it: its body as text when it is UTF-8, in
/// base64 otherwise.
fn document_record(document: Stored) -> DocumentRecord {
    let received_at =
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(document.received_at) * 1000)
            .ok()
            .and_then(|time| time.format(&Rfc3339).ok());
    let verdict: Value = serde_json::from_str(&document.verdict).unwrap_or(Value::Null);
    let (body, body_base64) = match String::from_utf8(document.body) {
        Ok(text) => (Some(text), None),
        Err(error) => (
            None,
            Some(base64::engine::general_purpose::STANDARD.encode(error.as_bytes())),
        ),
    };
    DocumentRecord {
        id: document.id,
        received_at,
        endpoint: document.endpoint,
        kind: document.kind,
        version: document.version,
        valid: document.valid,
        verdict,
        body,
        body_base64,
    }
}

/// The longest `/api/wait` waits, in seconds.
const MAX_WAIT_SECONDS: f64 = 600.0;

/// `GET /api/wait`: answers as soon as `count` (default 1) documents match, woken by each commit;
/// 408 when `timeout` seconds (default 30) pass first.
async fn wait(
    State(state): State<AppState>,
    Selection { filter, query }: Selection,
) -> Result<Response, Response> {
    let wanted = query.count.unwrap_or(1);
    let seconds = query.timeout.unwrap_or(30.0);
    if !(0.0..=MAX_WAIT_SECONDS).contains(&seconds) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            format!("`timeout` is a number of seconds from 0 to {MAX_WAIT_SECONDS}"),
        ));
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs_f64(seconds);
    let mut commits = state.store.subscribe();
    let mut stopping = state.stopping.clone();
    loop {
        // Marked seen before counting: a commit after the count wakes the wait below.
        commits.borrow_and_update();
        let count = state.store.count(&filter).await.map_err(store_failed)?;
        if count >= wanted {
            let answer = WaitAnswer {
                count,
                reached: true,
            };
            return Ok(Json(answer).into_response());
        }
        let woken = tokio::select! {
            changed = commits.changed() => changed.is_ok(),
            () = tokio::time::sleep_until(deadline) => false,
            _ = stopping.changed() => false,
        };
        if !woken {
            let answer = WaitAnswer {
                count,
                reached: false,
            };
            return Ok((StatusCode::REQUEST_TIMEOUT, Json(answer)).into_response());
        }
    }
}

/// `GET /metrics`: the Prometheus metrics.
async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}

/// `POST /api/reset`.
async fn reset(State(state): State<AppState>) -> Result<Json<ResetAnswer>, Response> {
    let deleted = state.store.reset().await.map_err(store_failed)?;
    Ok(Json(ResetAnswer { deleted }))
}
