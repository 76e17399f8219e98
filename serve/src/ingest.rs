//! What arrives, turned into records to keep and verdicts to answer: one function per protocol.
//!
//! - [`hasura`]: Hasura's `POST /v1/http`, `{"topic": ..., "data": ...}`. The topic decides the
//!   kind: the `-wire` kinds whose published schema lists the topic ([`topics`], read from the
//!   schemas, not written here; every era's, for a kind with eras). A topic several kinds share
//!   (`server`: the v1 report and the three Enterprise reports; `console`: the page's runtime
//!   error and the Console's channel it refines) is narrowed by detection among those kinds
//!   only (a message the detected refinement refuses goes to the kind it refines, when that
//!   kind accepts it); an unknown topic is recorded as undetected.
//! - [`segment_call`], [`segment_batch`]: Segment's tracking API (`POST /v1/track`, `/v1/batch`,
//!   analytics-java's `/v1/import`), each call judged as the layer it arrives as, the call (a
//!   `-call` kind, detected among the call kinds; a stored message POSTed as a call is judged as
//!   its event's call, which refuses what Segment adds), on its bytes as received. What Segment
//!   adds on receipt (`receivedAt`, `originalTimestamp`, the skew-corrected `timestamp`, the
//!   batch's `sentAt` and `context`, `context.ip` for analytics.js) is worked out as Segment
//!   works it out and said in the verdict (`segment.added`), not judged: the call is what the
//!   sender is responsible for.
//! - [`documents`]: `POST /validate/KIND` and `POST /validate`: one JSON document or NDJSON,
//!   split by the library ([`schema_types::documents`]) exactly as `validate` splits a file, each
//!   judged as that kind or, without one, by the library's judge.
//!
//! Every verdict is the library's JSON ([`schema_types::api::verdict`]); bytes that are not JSON
//! or not UTF-8 are a verdict like any other, and their record keeps them.
//!
//! Invariant: every document of a body gets exactly one record, whatever its bytes; nothing here
//! panics on any input.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use schema_types::Layer;
use schema_types::api::answers::{ReceivedVerdict, SegmentAdded};
use schema_types::api::{self, Detection, verdict};
use schema_types::documents::{Documents, Item};
use schema_types::registry::{PAYLOADS, PayloadKind};
use schema_types::schema_walk;
use schema_types::validate::{Limits, Report};
use serde::Deserialize;
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::store::Record;

/// Where and when a body arrived.
#[derive(Debug, Clone, Copy)]
pub struct Receipt<'a> {
    /// The path it was sent to.
    pub endpoint: &'a str,
    /// When, in microseconds since the Unix epoch.
    pub received_at: i64,
}

/// One document, judged: the record to keep, whose `verdict` is also the answer.
#[derive(Debug, Clone)]
pub struct Judged {
    /// What the store keeps.
    pub record: Record,
}

impl Judged {
    /// The verdict, parsed (for tests and tools; the receiver answers the text).
    pub fn verdict(&self) -> Value {
        serde_json::from_str(&self.record.verdict).unwrap_or(Value::Null)
    }
}

/// What was found about one document, before it becomes JSON.
enum Finding {
    /// Checked by a kind's validator, or refused as not JSON (then of no kind).
    Checked {
        kind: Option<&'static PayloadKind>,
        report: Report,
    },
    /// No single kind.
    Undetected(Detection),
}

impl From<api::Judgement> for Finding {
    fn from(judgement: api::Judgement) -> Self {
        match judgement {
            api::Judgement::Checked { kind, report } => Self::Checked {
                kind: Some(kind),
                report,
            },
            api::Judgement::Undetected(detection) => Self::Undetected(detection),
            api::Judgement::Unreadable(report) => Self::Checked { kind: None, report },
        }
    }
}

/// How a document arrived, as its verdict says: the Hasura topic its kind was told by, what
/// was added to a Segment call before it was judged.
#[derive(Default)]
struct Arrival {
    topic: Option<String>,
    segment: Option<SegmentAdded>,
}

/// The record and verdict of the document `body`, starting at `line` of what was received;
/// `arrival` is said in the verdict.
fn judged(
    receipt: Receipt<'_>,
    line: usize,
    finding: &Finding,
    body: Vec<u8>,
    arrival: Arrival,
) -> Judged {
    let (kind, outcome, violations) = match finding {
        Finding::Checked { kind, report } => (
            *kind,
            verdict::Outcome::Report(report),
            report
                .violations()
                .iter()
                .map(|violation| (violation.rule.name(), violation.pointer.clone()))
                .collect(),
        ),
        Finding::Undetected(detection) => {
            (None, verdict::Outcome::Undetected(detection), Vec::new())
        }
    };
    let verdict = ReceivedVerdict {
        verdict: verdict::Verdict::new(line, kind, outcome, false),
        topic: arrival.topic,
        segment: arrival.segment,
    };
    // Serialising strings, numbers and violations cannot fail.
    let text = serde_json::to_string(&verdict).unwrap_or_default();
    Judged {
        record: Record {
            received_at: receipt.received_at,
            endpoint: receipt.endpoint.to_owned(),
            kind: kind.map(|kind| kind.id),
            version: kind.map(|kind| kind.version.to_string()),
            valid: outcome.is_valid(),
            verdict: text,
            violations,
            body,
        },
    }
}

/// The `-wire` kinds of each Hasura topic, read from the `topic` member of each wire kind's
/// published schema (its `enum`, or the `const` of each `oneOf` branch).
pub fn topics() -> &'static BTreeMap<String, Vec<&'static PayloadKind>> {
    static TOPICS: OnceLock<BTreeMap<String, Vec<&'static PayloadKind>>> = OnceLock::new();
    TOPICS.get_or_init(|| {
        let mut topics: BTreeMap<String, Vec<&'static PayloadKind>> = BTreeMap::new();
        for kind in PAYLOADS
            .iter()
            .filter(|kind| kind.layer == Layer::HasuraWire)
        {
            for topic in topics_of(&kind.schema()) {
                topics.entry(topic).or_default().push(kind);
            }
        }
        topics
    })
}

/// The topics the wire schema `root` allows: its `topic` member's, or for a kind with eras
/// (`hasura/console-event-wire`) every era's.
fn topics_of(root: &Value) -> Vec<String> {
    match schema_walk::eras(root) {
        Ok(eras) if !eras.is_empty() => eras
            .iter()
            .flat_map(|era| topics_at(root, era.object.schema))
            .collect(),
        _ => topics_at(root, root),
    }
}

/// The topics the object schema `object` of the wire schema `root` allows for its `topic`.
fn topics_at(root: &Value, object: &Value) -> Vec<String> {
    let Ok(object) = schema_walk::follow(root, object) else {
        return Vec::new();
    };
    let Some(topic) = object.pointer("/properties/topic") else {
        return Vec::new();
    };
    let Ok(topic) = schema_walk::follow(root, topic) else {
        return Vec::new();
    };
    let listed = topic
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let branches = topic
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|branch| branch.get("const"));
    listed
        .chain(branches)
        .filter_map(|value| value.as_str().map(str::to_owned))
        .collect()
}

/// The envelope's `topic`, when the body is a JSON object with a string there.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    topic: Option<Cow<'a, str>>,
}

/// A body POSTed to Hasura's `/v1/http`: one wire message.
pub fn hasura(receipt: Receipt<'_>, body: Vec<u8>, limits: Limits) -> Judged {
    let topic = serde_json::from_slice::<Envelope<'_>>(&body)
        .ok()
        .and_then(|envelope| envelope.topic)
        .map(Cow::into_owned);
    let finding = match &topic {
        // Not an object with a string `topic`: the library judges it as it stands.
        None => Finding::from(api::judge_with(&body, limits)),
        Some(topic) => match topics().get(topic.as_str()).map(Vec::as_slice) {
            Some([kind]) => Finding::Checked {
                kind: Some(kind),
                report: kind.validate_slice_with(&body, limits),
            },
            Some(candidates) => match api::detect_slice(&body) {
                Some(Detection::Known(kind)) if candidates.contains(&kind) => {
                    let (kind, report) = kind.validate_detected_slice_with(&body, limits);
                    Finding::Checked {
                        kind: Some(kind),
                        report,
                    }
                }
                _ => Finding::Undetected(Detection::Unknown {
                    nearest: candidates.to_vec(),
                    object: true,
                }),
            },
            None => Finding::Undetected(Detection::Unknown {
                nearest: api::detect_slice(&body)
                    .map(|detection| detection.candidates())
                    .unwrap_or_default(),
                object: true,
            }),
        },
    };
    let arrival = Arrival {
        topic,
        segment: None,
    };
    judged(receipt, 1, &finding, body, arrival)
}

/// The Segment call layer's kinds (Appsmith's events as their senders POST them).
fn call_kinds() -> Vec<&'static PayloadKind> {
    PAYLOADS
        .iter()
        .filter(|kind| kind.layer == Layer::SegmentCall)
        .collect()
}

/// The call kind a Segment call is judged as: the detected one, or, for a message that shows a
/// stored kind's signature (Segment's `receivedAt` in it), that kind's call, which refuses what
/// Segment adds. `None` when no single event is detected.
fn call_kind(detection: Option<Detection>) -> Result<&'static PayloadKind, Detection> {
    let calls = call_kinds();
    match detection {
        Some(Detection::Known(kind)) if kind.layer == Layer::SegmentCall => Ok(kind),
        Some(Detection::Known(kind)) => calls
            .iter()
            .find(|call| call.derived_from == Some(kind.id))
            .copied()
            .ok_or(Detection::Unknown {
                nearest: calls,
                object: true,
            }),
        Some(Detection::Ambiguous(candidates)) => Err(Detection::Ambiguous(candidates)),
        _ => Err(Detection::Unknown {
            nearest: calls,
            object: true,
        }),
    }
}

/// `time` in RFC 3339 with milliseconds, as Segment writes its timestamps.
fn segment_time(time: OffsetDateTime) -> String {
    let milliseconds = time
        .replace_nanosecond(u32::from(time.millisecond()) * 1_000_000)
        .unwrap_or(time);
    milliseconds.format(&Rfc3339).unwrap_or_default()
}

/// What the batch a call arrived in gives each of its calls (Segment copies it into each).
#[derive(Clone, Copy, Default)]
pub struct FromBatch<'a> {
    /// The batch's `sentAt` (analytics-java's, `Batch.sentAt()`).
    pub sent_at: Option<&'a str>,
    /// The batch's `context` (analytics-java's `context.library`).
    pub context: Option<&'a serde_json::Map<String, Value>>,
}

/// The members Segment adds to a call on receipt, added to `call`: `receivedAt` (now), the
/// sender's `timestamp` moved to `originalTimestamp`, `timestamp` corrected for the sender's
/// clock skew (`receivedAt − (sentAt − originalTimestamp)`), `sentAt` from the batch when the
/// call has none, the members of the batch's `context` the call's context lacks, and for
/// analytics.js's calls `context.ip` from the connection when the sender gave none. What was
/// added, by pointer.
fn add_on_receipt(
    call: &mut serde_json::Map<String, Value>,
    batch: FromBatch<'_>,
    client: Option<std::net::IpAddr>,
    now: OffsetDateTime,
) -> serde_json::Map<String, Value> {
    let mut added = serde_json::Map::new();
    if let Some(batch_context) = batch.context {
        let context = call
            .entry("context")
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if let Value::Object(context) = context {
            for (name, value) in batch_context {
                if !context.contains_key(name) {
                    let pointer = format!(
                        "/context/{}",
                        schema_types::validate::pointer::escape_token(name)
                    );
                    added.insert(pointer, value.clone());
                    context.insert(name.clone(), value.clone());
                }
            }
        }
    }
    let received_at = segment_time(now);
    if !call.contains_key("originalTimestamp") {
        if let Some(sent) = call.remove("timestamp") {
            added.insert("/originalTimestamp".to_owned(), sent.clone());
            call.insert("originalTimestamp".to_owned(), sent);
        }
    }
    if let (false, Some(sent_at)) = (call.contains_key("sentAt"), batch.sent_at) {
        added.insert("/sentAt".to_owned(), Value::from(sent_at));
        call.insert("sentAt".to_owned(), Value::from(sent_at));
    }
    let parse = |name: &str| {
        call.get(name)
            .and_then(Value::as_str)
            .and_then(|text| OffsetDateTime::parse(text, &Rfc3339).ok())
    };
    let timestamp = match (parse("sentAt"), parse("originalTimestamp")) {
        (Some(sent_at), Some(original)) => segment_time(now - (sent_at - original)),
        _ => received_at.clone(),
    };
    if !call.contains_key("timestamp") {
        added.insert("/timestamp".to_owned(), Value::from(timestamp.clone()));
        call.insert("timestamp".to_owned(), Value::from(timestamp));
    }
    added.insert("/receivedAt".to_owned(), Value::from(received_at.clone()));
    call.insert("receivedAt".to_owned(), Value::from(received_at));
    if let (Some(Value::Object(context)), Some(client)) = (call.get_mut("context"), client) {
        // Segment fills the address in for its browser library only; a server library's calls
        // come from the sender's servers, whose address says nothing of the user.
        let browser = context
            .get("library")
            .and_then(|library| library.get("name"))
            .and_then(Value::as_str)
            == Some("analytics.js");
        if browser && !context.contains_key("ip") {
            added.insert("/context/ip".to_owned(), Value::from(client.to_string()));
            context.insert("ip".to_owned(), Value::from(client.to_string()));
        }
    }
    added
}

/// One Segment call (`POST /v1/track`, or one element of a batch at `position`), judged as the
/// call it is: checked on its bytes as received as the call kind it is detected as
/// (`call_kind`). What Segment adds on receipt (`add_on_receipt`) is worked out on a copy and
/// said in the verdict (`segment.added`); the record keeps the call's bytes.
pub fn segment_call(
    receipt: Receipt<'_>,
    position: usize,
    call: &[u8],
    batch: FromBatch<'_>,
    client: Option<std::net::IpAddr>,
    limits: Limits,
) -> Judged {
    let now = OffsetDateTime::from_unix_timestamp_nanos(i128::from(receipt.received_at) * 1000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let parsed = if call.len() > limits.max_bytes {
        None
    } else {
        serde_json::from_slice::<Value>(call).ok()
    };
    let Some(Value::Object(mut members)) = parsed else {
        // Not a JSON object: judged as it stands (not JSON, or of no kind).
        let finding = Finding::from(api::judge_with(call, limits));
        return judged(
            receipt,
            position,
            &finding,
            call.to_vec(),
            Arrival::default(),
        );
    };
    let finding = match call_kind(api::detect_slice(call)) {
        Ok(kind) => Finding::Checked {
            kind: Some(kind),
            report: kind.validate_slice_with(call, limits),
        },
        Err(detection) => Finding::Undetected(detection),
    };
    let added = add_on_receipt(&mut members, batch, client, now);
    let arrival = Arrival {
        topic: None,
        segment: Some(SegmentAdded { added }),
    };
    judged(receipt, position, &finding, call.to_vec(), arrival)
}

/// A Segment batch: its calls, each as its bytes.
#[derive(Deserialize)]
struct SegmentBatch<'a> {
    #[serde(borrow)]
    batch: Vec<&'a serde_json::value::RawValue>,
    #[serde(rename = "sentAt", borrow)]
    sent_at: Option<Cow<'a, str>>,
    context: Option<serde_json::Map<String, Value>>,
}

/// A Segment batch (`POST /v1/batch`, `/v1/import`): each call judged by [`segment_call`] at its
/// position (from 1), with the batch's `sentAt` and `context`; a body that is not a batch is one
/// document, judged as it stands.
pub fn segment_batch(
    receipt: Receipt<'_>,
    body: &[u8],
    client: Option<std::net::IpAddr>,
    limits: Limits,
    max_documents: usize,
) -> Result<Vec<Judged>, TooManyDocuments> {
    let Ok(batch) = serde_json::from_slice::<SegmentBatch<'_>>(body) else {
        let finding = Finding::from(api::judge_with(body, limits));
        return Ok(vec![judged(
            receipt,
            1,
            &finding,
            body.to_vec(),
            Arrival::default(),
        )]);
    };
    if batch.batch.len() > max_documents {
        return Err(TooManyDocuments {
            limit: max_documents,
        });
    }
    let from_batch = FromBatch {
        sent_at: batch.sent_at.as_deref(),
        context: batch.context.as_ref(),
    };
    Ok(batch
        .batch
        .iter()
        .enumerate()
        .map(|(index, call)| {
            segment_call(
                receipt,
                index + 1,
                call.get().as_bytes(),
                from_batch,
                client,
                limits,
            )
        })
        .collect())
}

/// A body holding more documents than allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyDocuments {
    /// The limit.
    pub limit: usize,
}

/// A body POSTed to `/validate/KIND` (`kind` given) or `/validate` (detected): one JSON document
/// or NDJSON, one verdict per document, in order.
pub fn documents(
    receipt: Receipt<'_>,
    body: &[u8],
    kind: Option<&'static PayloadKind>,
    limits: Limits,
    max_documents: usize,
) -> Result<Vec<Judged>, TooManyDocuments> {
    let mut judged_documents = Vec::new();
    for item in Documents::new(body, limits.max_bytes) {
        if judged_documents.len() == max_documents {
            return Err(TooManyDocuments {
                limit: max_documents,
            });
        }
        // Reading from memory cannot fail; should it, the rest of the body is one document.
        let (line, bytes, finding) = match item {
            Ok(Item::Document { line, bytes }) => {
                let finding = match kind {
                    Some(kind) => Finding::Checked {
                        kind: Some(kind),
                        report: kind.validate_slice_with(&bytes, limits),
                    },
                    None => Finding::from(api::judge_with(&bytes, limits)),
                };
                (line, bytes, finding)
            }
            Ok(Item::Oversize { line, size }) => {
                let size = usize::try_from(size).unwrap_or(usize::MAX);
                let report = Report::too_large(size, limits);
                (line, Vec::new(), Finding::Checked { kind, report })
            }
            Err(error) => {
                let finding = Finding::from(api::judge_with(body, limits));
                (error.line(), body.to_vec(), finding)
            }
        };
        judged_documents.push(judged(receipt, line, &finding, bytes, Arrival::default()));
    }
    Ok(judged_documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECEIPT: Receipt<'static> = Receipt {
        endpoint: "/test",
        received_at: 0,
    };

    fn wire(kind: &str) -> Vec<u8> {
        let kind = schema_types::registry::find(kind).unwrap();
        serde_json::to_vec(&kind.fixture()).unwrap()
    }

    #[test]
    fn every_wire_kind_has_its_topics() {
        let wire_kinds = PAYLOADS
            .iter()
            .filter(|kind| kind.layer == Layer::HasuraWire)
            .count();
        let listed: std::collections::BTreeSet<&str> =
            topics().values().flatten().map(|kind| kind.id).collect();
        assert_eq!(listed.len(), wire_kinds);
        let ids = |topic: &str| -> Vec<&str> { topics()[topic].iter().map(|k| k.id).collect() };
        assert_eq!(ids("cli"), ["hasura/cli-execution-wire"]);
        assert_eq!(
            ids("console_test"),
            ["hasura/console-error-wire", "hasura/console-event-wire"]
        );
        assert_eq!(ids("console-v2"), ["hasura/console-event-wire"]);
        assert_eq!(ids("console-test-v2"), ["hasura/console-event-wire"]);
        assert_eq!(ids("server").len(), 4, "{:?}", ids("server"));
    }

    #[test]
    fn the_topic_decides_the_kind() {
        for kind in PAYLOADS
            .iter()
            .filter(|kind| kind.layer == Layer::HasuraWire)
        {
            let judged = hasura(RECEIPT, wire(kind.id), Limits::DEFAULT);
            assert_eq!(judged.record.kind, Some(kind.id));
            assert!(judged.record.valid, "{}: {}", kind.id, judged.verdict());
            assert_eq!(judged.verdict()["kind"], kind.id);
        }
        // A CLI message whose data is a server report is checked as the CLI's, and fails.
        let mut message: Value =
            serde_json::from_slice(&wire("hasura/server-telemetry-wire")).unwrap();
        message["topic"] = "cli".into();
        let judged = hasura(
            RECEIPT,
            serde_json::to_vec(&message).unwrap(),
            Limits::DEFAULT,
        );
        assert_eq!(judged.record.kind, Some("hasura/cli-execution-wire"));
        assert!(!judged.record.valid);
    }

    #[test]
    fn console_messages_go_to_the_kind_of_their_era() {
        let post = |message: Value| {
            hasura(
                RECEIPT,
                serde_json::to_vec(&message).unwrap(),
                Limits::DEFAULT,
            )
        };
        // The newest Console's topic names one kind.
        let v2 = post(serde_json::json!({
            "data": {
                "server_version": "v2.36.0",
                "url": "/data/default/schema/SCHEMA_NAME/tables/TABLE_NAME/browse",
                "console_mode": "server",
                "console_type": "oss",
                "cli_uuid": "",
                "server_uuid": "0f5b4c34-3b46-4a4b-8b0a-3c1b7f8e2d11",
                "event_type": "CLICK_EVENT",
                "event_data": {"id": "data-tab-insert-row"}
            },
            "topic": "console-v2"
        }));
        assert_eq!(v2.record.kind, Some("hasura/console-event-wire"));
        assert!(v2.record.valid, "{}", v2.verdict());
        // The 1.x Console's topic is shared with the page's runtime error: a page view goes to
        // the channel's kind, a runtime error to the page's, and one the page's kind refuses
        // (a `null` server UUID) back to the channel's.
        let mut page_view = serde_json::json!({
            "topic": "console",
            "data": {
                "server_version": null,
                "event_type": "@@router/LOCATION_CHANGE",
                "url": "/data/schema/SCHEMA_NAME/tables/TABLE_NAME/browse",
                "console_mode": "server",
                "server_uuid": null,
                "data": null
            }
        });
        let judged = post(page_view.clone());
        assert_eq!(judged.record.kind, Some("hasura/console-event-wire"));
        assert!(judged.record.valid, "{}", judged.verdict());
        page_view["data"]["event_type"] = "Main/RUN_TIME_ERROR".into();
        page_view["data"]["data"] = serde_json::json!({"message": "x is not a function"});
        let judged = post(page_view.clone());
        assert_eq!(judged.record.kind, Some("hasura/console-event-wire"));
        assert!(judged.record.valid, "{}", judged.verdict());
        page_view["data"]["server_version"] = "v1.3.3".into();
        page_view["data"]["server_uuid"] = "0f5b4c34-3b46-4a4b-8b0a-3c1b7f8e2d11".into();
        let judged = post(page_view);
        assert_eq!(judged.record.kind, Some("hasura/console-error-wire"));
        assert!(judged.record.valid, "{}", judged.verdict());
    }

    #[test]
    fn an_unknown_topic_is_kept_as_undetected() {
        let mut message: Value =
            serde_json::from_slice(&wire("hasura/cli-execution-wire")).unwrap();
        message["topic"] = "telemetry_v9".into();
        let body = serde_json::to_vec(&message).unwrap();
        let judged = hasura(RECEIPT, body.clone(), Limits::DEFAULT);
        assert_eq!(judged.record.kind, None);
        assert!(!judged.record.valid);
        assert_eq!(judged.record.body, body);
        assert_eq!(judged.verdict()["topic"], "telemetry_v9");
        assert_eq!(judged.verdict()["detection"]["verdict"], "unknown");
    }

    #[test]
    fn bytes_that_are_not_json_are_kept_with_their_verdict() {
        for body in [
            &b"\xff\xfe{"[..],
            b"",
            b"{\"topic\": \"cli\", ",
            b"[1, 2]",
            b"null",
        ] {
            let judged = hasura(RECEIPT, body.to_vec(), Limits::DEFAULT);
            assert!(!judged.record.valid, "{body:?}");
            assert_eq!(judged.record.body, body);
            let checked = documents(RECEIPT, body, None, Limits::DEFAULT, 10).unwrap();
            assert!(
                checked.iter().all(|judged| !judged.record.valid),
                "{body:?}"
            );
        }
    }

    #[test]
    fn ndjson_gives_one_verdict_per_line() {
        let kind = schema_types::registry::find("appsmith/keep-alive-ping").unwrap();
        let valid = serde_json::to_string(&kind.fixture()).unwrap();
        let body = format!("{valid}\n{{\"event\": 1}}\n\n{valid}\n");
        let judged = documents(RECEIPT, body.as_bytes(), Some(kind), Limits::DEFAULT, 10).unwrap();
        let lines: Vec<_> = judged.iter().map(|j| j.verdict()["line"].clone()).collect();
        assert_eq!(lines, [1, 2, 4]);
        let valid: Vec<_> = judged.iter().map(|j| j.record.valid).collect();
        assert_eq!(valid, [true, false, true]);
        assert_eq!(judged[1].record.body, b"{\"event\": 1}");
        assert_eq!(
            documents(RECEIPT, body.as_bytes(), Some(kind), Limits::DEFAULT, 2).unwrap_err(),
            TooManyDocuments { limit: 2 }
        );
    }
}

#[cfg(test)]
mod any_bytes {
    //! Whatever the bytes, every protocol gives records and keeps them; nothing panics.

    use proptest::prelude::*;

    use super::*;

    /// Bytes that are often nearly JSON: pieces of a wire message, mixed with anything.
    fn bodies() -> impl Strategy<Value = Vec<u8>> {
        let pieces = prop_oneof![
            Just(b"{\"topic\": \"server\", \"data\": ".to_vec()),
            Just(b"{\"topic\": \"cli\", \"data\": {}}".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"{".to_vec()),
            Just(b"}".to_vec()),
            Just(b"\"".to_vec()),
            Just(b"\xff".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..16),
        ];
        proptest::collection::vec(pieces, 0..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn any_body_is_kept(body in bodies()) {
            let judged = hasura(RECEIPT, body.clone(), Limits::DEFAULT);
            prop_assert_eq!(&judged.record.body, &body);
            prop_assert!(judged.verdict().is_object());
            let documents = documents(RECEIPT, &body, None, Limits::DEFAULT, usize::MAX).unwrap();
            // Every byte that is not a line break or JSON whitespace is in some record.
            let kept: usize = documents.iter().map(|judged| judged.record.body.len()).sum();
            let blank = body.iter().all(|byte| b" \t\r\n".contains(byte));
            prop_assert!(blank || kept > 0);
            for judged in &documents {
                prop_assert!(judged.verdict().is_object());
            }
        }
    }

    const RECEIPT: Receipt<'static> = Receipt {
        endpoint: "/test",
        received_at: 0,
    };
}
