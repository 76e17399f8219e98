//! Segment's tracking API: calls as the libraries send them, judged as the call they are (a
//! `-call` kind; what Segment adds on receipt said, not judged), kept as sent; a message with
//! what Segment adds in it refused as a call; the write key as Segment asks for it.

use base64::Engine as _;
use schema_types::registry::find;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::support::start;

/// The stored message of `kind` the call is made from: the page's example when it is valid, its
/// fixture otherwise.
fn stored(kind: &str) -> Value {
    let kind = find(kind).unwrap();
    kind.documented_example()
        .filter(|example| kind.validate(example).is_valid())
        .unwrap_or_else(|| kind.fixture())
}

/// A call as the sending library sends it, made by the library from a valid stored message of
/// `kind` (its call kind's `wrap`): without what Segment adds on receipt or takes from the batch,
/// the library's own `timestamp` being the stored `originalTimestamp`.
pub fn sent_call(kind: &str) -> Map<String, Value> {
    let call_kind = find(&format!("{kind}-call")).unwrap();
    let Some(Value::Object(call)) = call_kind.wrap(&stored(kind)) else {
        panic!("not an object");
    };
    call
}

fn time(value: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(value.as_str().unwrap(), &Rfc3339).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_track_call_is_judged_as_its_call_kind_and_kept_as_sent() {
    let receiver = start(|_| {}).await;
    let call = sent_call("appsmith/navigation-event");
    assert!(call.get("receivedAt").is_none() && call.get("writeKey").is_some());
    let body = serde_json::to_vec_pretty(&call).unwrap();
    let response = receiver.post("/v1/t", body.clone()).await;
    assert_eq!(response.status(), 200);
    let verdict: Value = response.json().await.unwrap();
    assert_eq!(verdict["kind"], "appsmith/navigation-event-call");
    assert_eq!(verdict["valid"], true, "{verdict}");
    let added = &verdict["segment"]["added"];
    assert_eq!(added["/originalTimestamp"], call["timestamp"]);
    assert_eq!(added["/context/ip"], "127.0.0.1");
    // timestamp = receivedAt − (sentAt − originalTimestamp)
    let skew = time(&call["sentAt"]) - time(&call["timestamp"]);
    assert_eq!(
        time(&added["/timestamp"]),
        time(&added["/receivedAt"]) - skew
    );

    let documents = receiver.documents("").await;
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0]["body"], String::from_utf8(body).unwrap());
    assert_eq!(documents[0]["endpoint"], "/v1/track");
    assert_eq!(documents[0]["verdict"], verdict);
    receiver.stop().await;
}

/// What Segment adds is never in a call: a call with `receivedAt`, and the stored message itself
/// POSTed as a call, are judged as the event's call and refused for what Segment adds.
#[tokio::test(flavor = "multi_thread")]
async fn a_message_with_what_segment_adds_is_refused_as_a_call() {
    let receiver = start(|_| {}).await;
    let mut call = sent_call("appsmith/navigation-event");
    call.insert("receivedAt".to_owned(), json!("2020-11-04T10:52:14.750Z"));
    let stored = stored("appsmith/navigation-event");
    for (body, added) in [
        (Value::Object(call), vec!["receivedAt"]),
        (stored, vec!["originalTimestamp", "receivedAt"]),
    ] {
        let response = receiver.post("/v1/track", body.to_string()).await;
        assert_eq!(response.status(), 200);
        let verdict: Value = response.json().await.unwrap();
        assert_eq!(verdict["kind"], "appsmith/navigation-event-call");
        assert_eq!(verdict["valid"], false, "{verdict}");
        let unknown: Vec<&str> = verdict["report"]["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|violation| violation["rule"] == "unknown-property")
            .filter_map(|violation| violation["member"].as_str())
            .collect();
        for member in added {
            assert!(unknown.contains(&member), "{member}: {verdict}");
        }
    }
    receiver.stop().await;
}

/// analytics-java POSTs its calls in a batch (`/v1/import`) whose `sentAt` and
/// `context.library` Segment copies into each call; analytics.js's own `sentAt` stays its own.
#[tokio::test(flavor = "multi_thread")]
async fn a_batch_gives_a_verdict_per_call() {
    let receiver = start(|_| {}).await;
    let browser = sent_call("appsmith/navigation-event");
    let server = sent_call("appsmith/backend-call-event");
    assert!(server.get("sentAt").is_none() && server.get("context").is_none());
    let stored_server = stored("appsmith/backend-call-event");
    let sent_at = stored_server["sentAt"].clone();
    let library = stored_server["context"]["library"].clone();
    let batch = json!({
        "batch": [browser, server, {"type": "track", "event": "UNKNOWN"}],
        "sentAt": sent_at,
        "context": {"library": library},
    });
    let response = receiver
        .post("/v1/import", serde_json::to_vec(&batch).unwrap())
        .await;
    assert_eq!(response.status(), 200);
    let lines: Vec<Value> = response
        .text()
        .await
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["kind"], "appsmith/navigation-event-call");
    assert_eq!(lines[0]["valid"], true, "{}", lines[0]);
    assert!(lines[0]["segment"]["added"].get("/sentAt").is_none());
    assert_eq!(lines[1]["kind"], "appsmith/backend-call-event-call");
    assert_eq!(lines[1]["valid"], true, "{}", lines[1]);
    assert_eq!(lines[1]["segment"]["added"]["/sentAt"], sent_at);
    assert_eq!(lines[1]["segment"]["added"]["/context/library"], library);
    // A server library's call gets no address.
    assert!(lines[1]["segment"]["added"].get("/context/ip").is_none());
    assert_eq!(lines[2]["valid"], false);
    assert_eq!(lines[2]["line"], 3);
    assert_eq!(
        lines[3],
        json!({"summary": {"documents": 3, "valid": 2, "invalid": 1, "errors": 0}})
    );
    let stored = receiver.documents("").await;
    assert_eq!(stored.len(), 3);
    assert_eq!(stored[2]["body"], r#"{"type":"track","event":"UNKNOWN"}"#);
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_write_key_is_asked_as_segment_asks_it() {
    let receiver = start(|args| args.write_key = Some("wk_live".to_owned())).await;
    let body = serde_json::to_vec(&sent_call("appsmith/navigation-event")).unwrap();
    let basic = |user: &str| {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:"))
        )
    };
    for (path, authorization) in [
        ("/v1/track", None),
        ("/v1/t", Some(basic("wk_test"))),
        ("/v1/batch", Some("Bearer wk_live".to_owned())),
    ] {
        let mut request = receiver.client.post(receiver.url(path)).body(body.clone());
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{path}");
    }
    assert_eq!(receiver.get_json("/api/summary").await["documents"], 0);
    let response = receiver
        .client
        .post(receiver.url("/v1/track"))
        .header("authorization", basic("wk_live"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(receiver.get_json("/api/summary").await["documents"], 1);
    receiver.stop().await;
}

/// The calls a self-hosted server builds and POSTs itself ("Instance Active", `instance_stats`)
/// are judged as their own kinds on the same endpoints, each era named, and kept as sent.
#[tokio::test(flavor = "multi_thread")]
async fn a_server_built_call_is_judged_as_its_own_kind() {
    let receiver = start(|_| {}).await;
    for id in [
        "appsmith/instance-active-ping",
        "appsmith/instance-stats-ping",
    ] {
        let kind = find(id).unwrap();
        let call = kind.fixture();
        assert!(kind.validate(&call).is_valid(), "{id}");
        let response = receiver.post("/v1/track", call.to_string()).await;
        assert_eq!(response.status(), 200);
        let verdict: Value = response.json().await.unwrap();
        assert_eq!(verdict["kind"], id, "{verdict}");
        assert_eq!(verdict["valid"], true, "{verdict}");
        let era = verdict["report"]["era"].as_str().unwrap_or_default();
        assert!(
            kind.eras.iter().any(|known| known.name() == era),
            "{verdict}"
        );
    }
    let documents = receiver.documents("").await;
    assert_eq!(documents.len(), 2);
    receiver.stop().await;
}
