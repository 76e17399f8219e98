//! The bearer token, where the receiver may listen, the limits on bodies and documents, and
//! bytes that are not JSON.

use base64::Engine as _;
use serde_json::Value;
use serve::{ServeArgs, Server, StoreUrl};

use crate::support::{error_message, fixture, start};

#[tokio::test(flavor = "multi_thread")]
async fn the_api_asks_for_the_token_and_a_refused_request_changes_nothing() {
    let receiver = start(|args| args.token = Some("s3cret".to_owned())).await;
    // Emitters send no token: their documents are received.
    let response = receiver.post("/validate", "{}").await;
    assert_eq!(response.status(), 200);

    let ask = |path: &str, authorization: Option<&str>| {
        let mut request = receiver.client.get(receiver.url(path));
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        request.send()
    };
    for authorization in [
        None,
        Some("Bearer wrong"),
        Some("Bearer s3cre"),
        Some("Basic s3cret"),
    ] {
        for path in [
            "/",
            "/api/summary",
            "/api/documents",
            "/api/wait?timeout=0",
            "/metrics",
        ] {
            let response = ask(path, authorization).await.unwrap();
            assert_eq!(response.status(), 401, "{path} with {authorization:?}");
            assert_eq!(response.headers()["www-authenticate"], "Bearer");
        }
        let response = receiver
            .client
            .post(receiver.url("/api/reset"))
            .header("authorization", authorization.unwrap_or(""))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
    }
    let response = ask("/api/summary", Some("Bearer s3cret")).await.unwrap();
    assert_eq!(response.status(), 200);
    let summary: Value = response.json().await.unwrap();
    assert_eq!(summary["documents"], 1, "a refused reset deleted documents");
    // Open to all: what holds nothing received.
    assert_eq!(receiver.get("/health").await.status(), 200);
    assert_eq!(receiver.get("/kinds").await.status(), 200);
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn beyond_loopback_the_receiver_will_not_start_without_a_token() {
    let directory = tempfile::tempdir().unwrap();
    let store = directory.path().join("store.db");
    let mut args = ServeArgs::new(StoreUrl::Sqlite(store.clone()));
    args.listen = "0.0.0.0:0".parse().unwrap();
    let error = Server::bind(&args)
        .await
        .err()
        .expect("started without a token");
    assert!(error.to_string().contains("--token"), "{error}");
    assert!(!store.exists(), "the store was opened");
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_over_the_limits_are_refused_and_not_stored() {
    let receiver = start(|args| {
        args.max_bytes = 1024;
        args.max_documents = 2;
    })
    .await;
    let large = format!("{{\"topic\": \"cli\", \"data\": \"{}\"}}", "x".repeat(2048));
    for path in [
        "/v1/http",
        "/validate",
        "/validate/hasura/cli-execution-wire",
    ] {
        let response = receiver.post(path, large.clone()).await;
        assert_eq!(response.status(), 413, "{path}");
    }
    let response = receiver.post("/validate", "{}\n{}\n{}\n").await;
    let message = error_message(response, 413).await;
    assert!(message.contains("more than 2 documents"), "{message}");
    // Within the limits: received.
    assert_eq!(receiver.post("/validate", "{}\n{}\n").await.status(), 200);
    assert_eq!(receiver.documents("").await.len(), 2);
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bytes_that_are_not_json_are_kept_as_invalid_documents() {
    let receiver = start(|_| {}).await;
    let bodies: [&[u8]; 4] = [
        b"\xff\xfe\x00{\"topic\"",
        b"",
        b"{\"topic\": \"cli\", ",
        b"\"text\"",
    ];
    for body in bodies {
        let response = receiver.post("/v1/http", body.to_vec()).await;
        assert_eq!(response.status(), 200, "{body:?}");
        let verdict: Value = response.json().await.unwrap();
        assert_eq!(verdict["valid"], false, "{body:?}");
    }
    let documents = receiver.documents("").await;
    assert_eq!(documents.len(), bodies.len());
    for (document, body) in documents.iter().zip(bodies) {
        let kept = match (document.get("body"), document.get("bodyBase64")) {
            (Some(text), None) => text.as_str().unwrap().as_bytes().to_vec(),
            (None, Some(encoded)) => base64::engine::general_purpose::STANDARD
                .decode(encoded.as_str().unwrap())
                .unwrap(),
            _ => panic!("{document}"),
        };
        assert_eq!(kept, body);
        assert_eq!(document["valid"], false);
    }
    assert!(
        documents[0].get("bodyBase64").is_some(),
        "not UTF-8, so base64"
    );
    assert_eq!(
        documents[0]["verdict"]["report"]["violations"][0]["rule"],
        "syntax"
    );
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reject_invalid_answers_400_and_keeps_the_document() {
    let receiver = start(|args| args.reject_invalid = true).await;
    let valid = fixture("hasura/cli-execution-wire");
    assert_eq!(receiver.post("/v1/http", valid).await.status(), 200);
    let response = receiver
        .post("/v1/http", r#"{"topic": "cli", "data": {}}"#)
        .await;
    assert_eq!(response.status(), 400);
    let verdict: Value = response.json().await.unwrap();
    assert_eq!(verdict["kind"], "hasura/cli-execution-wire");
    assert_eq!(verdict["valid"], false);
    assert_eq!(receiver.documents("valid=false").await.len(), 1);
    receiver.stop().await;
}
