//! Every kind of answer the receiver gives, to real requests, is valid under its published
//! schema (`schemas/serve/<answer>/<version>.schema.json`, as the receiver itself serves it at
//! `/schemas/...`), judged by the `jsonschema` crate: verdicts of each protocol, the summary
//! closing an NDJSON answer, the summary, a page of documents and each document, the wait
//! reached and timed out, the coverage, reset and errors.

use schema_types::api::answers;
use serde_json::{Value, json};

use crate::segment::sent_call;
use crate::support::{Receiver, fixture, ndjson, start};

/// The `jsonschema` validator of the published schema of answer `id`, as the receiver serves
/// the file.
async fn schema_of(receiver: &Receiver, id: &str) -> jsonschema::Validator {
    let answer = answers::find(id).unwrap();
    let schema = receiver
        .get_json(&format!("/schemas/{}", answer.schema_path()))
        .await;
    assert_eq!(
        schema,
        answer.schema(),
        "{id}: the published file is the type's schema"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|error| panic!("{id}: {error}"))
}

/// Asserts that `answer` is valid under the schema of `id`.
async fn assert_valid(receiver: &Receiver, id: &str, answer: &Value) {
    let validator = schema_of(receiver, id).await;
    let errors: Vec<String> = validator
        .iter_errors(answer)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{id}: {errors:?} in {answer}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_answer_is_valid_under_its_published_schema() {
    let receiver = start(|_| {}).await;
    let mut verdicts = Vec::new();
    let mut run_summaries = Vec::new();

    // Hasura: valid, invalid, an unknown topic, bytes that are not UTF-8.
    for body in [
        fixture("hasura/cli-execution-wire"),
        br#"{"topic": "cli", "data": {}}"#.to_vec(),
        br#"{"topic": "telemetry_v9", "data": {}}"#.to_vec(),
        b"\xff\xfe not text".to_vec(),
    ] {
        let response = receiver.post("/v1/http", body).await;
        assert_eq!(response.status(), 200);
        verdicts.push(response.json::<Value>().await.unwrap());
    }
    // Segment: a track call, a batch.
    let call = Value::Object(sent_call("appsmith/navigation-event"));
    let response = receiver.post("/v1/track", call.to_string()).await;
    assert_eq!(response.status(), 200);
    verdicts.push(response.json::<Value>().await.unwrap());
    let batch = json!({"batch": [call, {"type": "track"}]});
    let mut lines = ndjson(
        &receiver
            .post("/v1/batch", batch.to_string())
            .await
            .text()
            .await
            .unwrap(),
    );
    run_summaries.push(lines.pop().unwrap());
    verdicts.extend(lines);
    // `/validate`: NDJSON, detected.
    let body = format!(
        "{}\nnot json\n",
        String::from_utf8(fixture("appsmith/usage-pulse")).unwrap()
    );
    let mut lines = ndjson(&receiver.post("/validate", body).await.text().await.unwrap());
    run_summaries.push(lines.pop().unwrap());
    verdicts.extend(lines);

    assert_eq!(verdicts.len(), 9);
    assert!(verdicts.iter().any(|verdict| verdict["topic"] == "cli"));
    assert!(
        verdicts
            .iter()
            .any(|verdict| verdict["segment"]["added"].is_object())
    );
    assert!(
        verdicts
            .iter()
            .any(|verdict| verdict["detection"].is_object())
    );
    assert!(verdicts.iter().any(|verdict| verdict["valid"] == false));
    for verdict in &verdicts {
        assert_valid(&receiver, "serve/verdict", verdict).await;
    }
    for summary in &run_summaries {
        assert_valid(&receiver, "serve/run-summary", summary).await;
    }

    let summary = receiver.get_json("/api/summary").await;
    assert_eq!(summary["documents"], 9);
    assert_valid(&receiver, "serve/summary", &summary).await;

    let page = receiver.get_json("/api/documents?limit=5").await;
    assert!(page["next"].is_string());
    assert_valid(&receiver, "serve/documents", &page).await;
    let all = receiver.documents("").await;
    assert_eq!(all.len(), 9);
    assert!(
        all.iter()
            .any(|document| document.get("bodyBase64").is_some())
    );
    for document in &all {
        assert_valid(&receiver, "serve/document", document).await;
    }

    let reached = receiver.get_json("/api/wait?count=9&timeout=5").await;
    assert_eq!(reached, json!({"count": 9, "reached": true}));
    assert_valid(&receiver, "serve/wait", &reached).await;
    let response = receiver.get("/api/wait?count=10&timeout=0").await;
    assert_eq!(response.status(), 408);
    assert_valid(&receiver, "serve/wait", &response.json().await.unwrap()).await;

    let coverage = receiver.get_json("/api/coverage").await;
    assert_valid(&receiver, "serve/coverage", &coverage).await;

    for (path, status) in [
        ("/api/documents?since=yesterday", 400),
        ("/api/documents?limit=many", 400),
        ("/no/such/endpoint", 404),
        ("/schemas/acme/ping/1-0-0.schema.json", 404),
    ] {
        let response = receiver.get(path).await;
        assert_eq!(response.status(), status, "{path}");
        assert_valid(&receiver, "serve/error", &response.json().await.unwrap()).await;
    }
    let response = receiver.post("/validate/acme/ping", "{}").await;
    assert_eq!(response.status(), 404);
    assert_valid(&receiver, "serve/error", &response.json().await.unwrap()).await;

    let reset = receiver
        .post("/api/reset", "")
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(reset, json!({"deleted": 9}));
    assert_valid(&receiver, "serve/reset", &reset).await;
    receiver.stop().await;
}

/// The schemas are closed: what the receiver does not send is refused, so the check above is
/// not vacuous.
#[tokio::test(flavor = "multi_thread")]
async fn an_answer_with_a_member_more_or_less_is_refused() {
    let receiver = start(|_| {}).await;
    let summary = receiver.get_json("/api/summary").await;
    let validator = schema_of(&receiver, "serve/summary").await;
    assert!(validator.is_valid(&summary));
    let mut more = summary.clone();
    more["extra"] = json!(1);
    assert!(!validator.is_valid(&more));
    let mut less = summary.clone();
    less.as_object_mut().unwrap().remove("kinds");
    assert!(!validator.is_valid(&less));
    let document = json!({"id": 1, "receivedAt": null, "endpoint": "/v1/http", "kind": null,
        "version": null, "valid": false, "verdict": {"line": 1, "kind": null, "valid": false,
        "report": null}, "body": "x", "bodyBase64": "eA=="});
    let validator = schema_of(&receiver, "serve/document").await;
    assert!(!validator.is_valid(&document), "body and bodyBase64 both");
    receiver.stop().await;
}
