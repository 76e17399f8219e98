//! Every endpoint's answer; what is stored is read back byte for byte.

use schema_types::PAYLOADS;
use schema_types::api::{self, verdict};
use schema_types::registry::find;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::support::{coverage_entry, error_message, fixture, ndjson, start, start_with_report};

#[tokio::test(flavor = "multi_thread")]
async fn a_hasura_message_is_judged_by_its_topic_and_kept_as_sent() {
    let receiver = start(|_| {}).await;
    assert_eq!(receiver.get_json("/health").await, json!({"status": "ok"}));
    // The page's Console example, as the Console POSTs it; pretty-printed, so that the bytes
    // kept are told from any rewriting of them.
    let wire = find("hasura/console-error-wire").unwrap();
    let example = find("hasura/console-error")
        .unwrap()
        .documented_example()
        .unwrap();
    let body = serde_json::to_vec_pretty(&wire.wrap(&example).unwrap()).unwrap();
    let response = receiver.post("/v1/http", body.clone()).await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    let report = wire.validate_slice(&body);
    let mut expected = verdict::to_json(1, Some(wire), verdict::Outcome::Report(&report), false);
    expected["topic"] = json!("console");
    assert_eq!(answer, expected);

    let documents = receiver.documents("").await;
    assert_eq!(documents.len(), 1);
    let document = &documents[0];
    assert_eq!(document["body"], String::from_utf8(body).unwrap());
    assert_eq!(document["verdict"], expected);
    assert_eq!(document["endpoint"], "/v1/http");
    assert_eq!(document["kind"], wire.id);
    assert_eq!(document["version"], wire.version.to_string());
    assert_eq!(document["valid"], report.is_valid());

    let summary = receiver.get_json("/api/summary").await;
    assert_eq!(summary["documents"], 1);
    assert_eq!(summary["kinds"][0]["kind"], wire.id);
    let verdict_count = if report.is_valid() {
        "valid"
    } else {
        "invalid"
    };
    assert_eq!(summary["kinds"][0][verdict_count], 1);
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn validate_answers_the_verdicts_validate_prints() {
    let receiver = start(|_| {}).await;
    let kind = find("appsmith/keep-alive-ping").unwrap();
    let valid = fixture(kind.id);
    let invalid = br#"{"event": "FETCH_RELEASE_NOTES", "properties": {}}"#.to_vec();
    let broken = br#"{"event": "#.to_vec();
    let mut body = Vec::new();
    for part in [&valid[..], b"\n", &invalid, b"\n\n", &broken, b"\n"] {
        body.extend_from_slice(part);
    }
    let documents = [(1, &valid), (2, &invalid), (4, &broken)];

    let response = receiver
        .post("/validate/appsmith/keep-alive-ping", body.clone())
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    let mut expected: Vec<Value> = documents
        .iter()
        .map(|(line, bytes)| {
            let report = kind.validate_slice(bytes);
            verdict::to_json(*line, Some(kind), verdict::Outcome::Report(&report), false)
        })
        .collect();
    expected.push(verdict::summary_json(1, 2, 0));
    assert_eq!(ndjson(&response.text().await.unwrap()), expected);

    let response = receiver.post("/validate", body).await;
    assert_eq!(response.status(), 200);
    let mut expected: Vec<Value> = documents
        .iter()
        .map(|(line, bytes)| {
            let judgement = api::judge(bytes);
            verdict::to_json(
                *line,
                judgement.kind(),
                verdict::Outcome::of(&judgement),
                false,
            )
        })
        .collect();
    expected.push(verdict::summary_json(1, 2, 0));
    assert_eq!(ndjson(&response.text().await.unwrap()), expected);

    let stored = receiver.documents("").await;
    let endpoints: Vec<&str> = stored
        .iter()
        .map(|d| d["endpoint"].as_str().unwrap())
        .collect();
    assert_eq!(
        endpoints,
        ["/validate/appsmith/keep-alive-ping"; 3]
            .into_iter()
            .chain(["/validate"; 3])
            .collect::<Vec<_>>()
    );
    assert_eq!(stored[2]["body"], r#"{"event": "#);

    let response = receiver
        .post("/validate/hasura/server-telemetri", "{}")
        .await;
    let message = error_message(response, 404).await;
    assert!(
        message.contains("did you mean `hasura/server-telemetry`"),
        "{message}"
    );
    assert_eq!(
        receiver.documents("").await.len(),
        6,
        "an unknown kind stores nothing"
    );
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_published_schemas_and_their_index_are_served() {
    let receiver = start(|_| {}).await;
    let schemas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let response = receiver.get("/kinds").await;
    assert_eq!(response.status(), 200);
    let index = std::fs::read(schemas.join("index.json")).unwrap();
    assert_eq!(response.bytes().await.unwrap(), index);
    // Every version the index lists, archived ones too.
    let index: Value = serde_json::from_slice(&index).unwrap();
    let entries = index["payloads"].as_array().unwrap();
    assert!(entries.len() > PAYLOADS.len());
    for path in entries.iter().map(|entry| entry["path"].as_str().unwrap()) {
        let response = receiver.get(&format!("/schemas/{path}")).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.bytes().await.unwrap(),
            std::fs::read(schemas.join(path)).unwrap()
        );
    }
    assert_eq!(
        receiver
            .get("/schemas/hasura/none.schema.json")
            .await
            .status(),
        404
    );
    assert_eq!(receiver.get("/nowhere").await.status(), 404);
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn documents_are_filtered_and_paged() {
    let receiver = start(|_| {}).await;
    let valid = String::from_utf8(fixture("appsmith/keep-alive-ping")).unwrap();
    let missing = r#"{"event": "FETCH_RELEASE_NOTES", "properties": {}}"#;
    let body = format!("{valid}\n{missing}\n{valid}\n{missing}\n{valid}\n");
    let response = receiver
        .post("/validate/appsmith/keep-alive-ping", body)
        .await;
    assert_eq!(response.status(), 200);
    let response = receiver.post("/validate", "{}").await;
    assert_eq!(response.status(), 200);

    let count = |documents: Vec<Value>| documents.len();
    assert_eq!(count(receiver.documents("").await), 6);
    assert_eq!(count(receiver.documents("valid=false").await), 3);
    assert_eq!(count(receiver.documents("valid=true").await), 3);
    assert_eq!(
        count(receiver.documents("kind=appsmith/keep-alive-ping").await),
        5
    );
    assert_eq!(count(receiver.documents("kind=none").await), 1);
    assert_eq!(count(receiver.documents("rule=required").await), 2);
    assert_eq!(count(receiver.documents("rule=format").await), 0);
    assert_eq!(
        count(receiver.documents("since=2000-01-01T00:00:00Z").await),
        6
    );
    assert_eq!(
        count(receiver.documents("since=2999-01-01T00:00:00Z").await),
        0
    );

    // Pages of two, each cursor following the last: every document once, in order.
    let mut ids = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = receiver
            .get_json(&format!("/api/documents?limit=2{cursor}"))
            .await;
        let documents = page["documents"].as_array().unwrap();
        assert!(documents.len() <= 2);
        ids.extend(documents.iter().map(|d| d["id"].as_i64().unwrap()));
        match page["next"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    let all: Vec<i64> = receiver
        .documents("")
        .await
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, all);
    assert!(all.windows(2).all(|pair| pair[0] < pair[1]));

    for query in ["valid=maybe", "since=yesterday", "cursor=abc", "limit=-1"] {
        let response = receiver.get(&format!("/api/documents?{query}")).await;
        assert_eq!(response.status(), 400, "{query}");
    }
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn wait_answers_as_soon_as_enough_documents_are_stored() {
    let receiver = start(|_| {}).await;
    let waiting = tokio::spawn(
        receiver
            .client
            .get(
                receiver
                    .url("/api/wait?kind=appsmith/keep-alive-ping&valid=true&count=2&timeout=600"),
            )
            .send(),
    );
    let valid = fixture("appsmith/keep-alive-ping");
    // One that does not match, then two that do, in separate requests.
    assert_eq!(receiver.post("/validate", "{}").await.status(), 200);
    for _ in 0..2 {
        let response = receiver
            .post("/validate/appsmith/keep-alive-ping", valid.clone())
            .await;
        assert_eq!(response.status(), 200);
    }
    let response = waiting.await.unwrap().unwrap();
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer, json!({"count": 2, "reached": true}));

    // Never reached: answered at the timeout with what there is.
    let response = receiver.get("/api/wait?count=100&timeout=0").await;
    assert_eq!(response.status(), 408);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer, json!({"count": 3, "reached": false}));
    assert_eq!(receiver.get("/api/wait?timeout=-1").await.status(), 400);
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reset_deletes_every_document() {
    let receiver = start(|_| {}).await;
    let body = "{}\n{}\n{}\n";
    assert_eq!(receiver.post("/validate", body).await.status(), 200);
    let response = receiver.post("/api/reset", "").await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer, json!({"deleted": 3}));
    let summary = receiver.get_json("/api/summary").await;
    assert_eq!(
        summary,
        json!({"documents": 0, "valid": 0, "invalid": 0, "kinds": []})
    );
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_count_stored_documents_violations_and_requests() {
    let receiver = start(|_| {}).await;
    let valid = fixture("appsmith/keep-alive-ping");
    let missing = br#"{"event": "FETCH_RELEASE_NOTES", "properties": {}}"#;
    let report = find("appsmith/keep-alive-ping")
        .unwrap()
        .validate_slice(missing);
    for body in [valid.clone(), valid, missing.to_vec()] {
        let response = receiver
            .post("/validate/appsmith/keep-alive-ping", body)
            .await;
        assert_eq!(response.status(), 200);
    }
    assert_eq!(receiver.post("/validate", "{}").await.status(), 200);
    let response = receiver.get("/metrics").await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let line = |start: &str| -> String {
        text.lines()
            .find(|line| line.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in\n{text}"))
            .to_owned()
    };
    assert!(
        line(r#"telemetry_spec_documents_total{kind="appsmith/keep-alive-ping",valid="true"}"#)
            .ends_with(" 2")
    );
    assert!(
        line(r#"telemetry_spec_documents_total{kind="appsmith/keep-alive-ping",valid="false"}"#)
            .ends_with(" 1")
    );
    assert!(line(r#"telemetry_spec_documents_total{kind="none",valid="false"}"#).ends_with(" 1"));
    let required = report.total();
    assert!(
        line(r#"telemetry_spec_violations_total{rule="required"}"#)
            .ends_with(&format!(" {required}"))
    );
    assert!(
        line(r#"telemetry_spec_request_duration_seconds_count{endpoint="/validate/{*kind}",status="200"}"#)
            .ends_with(" 3")
    );
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn coverage_names_the_kinds_seen_and_those_never_seen() {
    let receiver = start(|_| {}).await;
    let kind = find("appsmith/keep-alive-ping").unwrap();
    let body = [fixture(kind.id), b"\n{}\n".to_vec()].concat();
    assert_eq!(
        receiver
            .post("/validate/appsmith/keep-alive-ping", body)
            .await
            .status(),
        200
    );
    let coverage = receiver.get_json("/api/coverage").await;
    let unseen = Vec::<&str>::deserialize(&coverage["unseen"]).unwrap();
    let declared: Vec<&str> = PAYLOADS.iter().map(|kind| kind.id).collect();
    assert_eq!(unseen.len(), declared.len() - 1);
    assert!(!unseen.contains(&kind.id));
    let entry = coverage_entry(&coverage, kind.id);
    assert_eq!(
        entry["seen"],
        json!([{"version": kind.version.to_string(), "valid": 1, "invalid": 1}])
    );
    assert_eq!(coverage["undetected"], 0);
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_stopping_the_coverage_is_written_and_fail_on_decides_the_ending() {
    let (receiver, report) =
        start_with_report(|args| args.fail_on = vec![serve::FailOn::Invalid]).await;
    let missing = r#"{"event": "FETCH_RELEASE_NOTES", "properties": {}}"#;
    assert_eq!(receiver.post("/validate", missing).await.status(), 200);
    let ending = receiver.stop().await;
    assert_eq!(
        ending,
        serve::Ending::Failed("1 invalid document".to_owned())
    );
    let written = report.read();
    assert_eq!(written["invalid"], 1);
    assert_eq!(
        written["unseen"].as_array().unwrap().len(),
        PAYLOADS.len() - 1
    );

    // Only what `--fail-on` names counts: valid documents of one kind, and `unseen` asked.
    let receiver = start(|args| args.fail_on = vec![serve::FailOn::Unseen]).await;
    let valid = fixture("appsmith/keep-alive-ping");
    assert_eq!(receiver.post("/validate", valid).await.status(), 200);
    let serve::Ending::Failed(why) = receiver.stop().await else {
        panic!("every kind seen?");
    };
    assert!(
        why.starts_with("never seen: hasura/server-telemetry, "),
        "{why}"
    );
    assert!(!why.contains("appsmith/keep-alive-ping"), "{why}");
    let receiver = start(|_| {}).await;
    assert_eq!(receiver.post("/validate", missing).await.status(), 200);
    assert_eq!(receiver.stop().await, serve::Ending::Clean);
}
