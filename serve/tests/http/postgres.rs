//! Two receivers on one PostgreSQL database (a real server, started by the test): both record,
//! either's summary and page see both, and a wait on one is answered by a document sent to the
//! other.

use serde_json::{Value, json};
use serve::StoreUrl;

use crate::support::{Postgres, fixture, start};

#[tokio::test(flavor = "multi_thread")]
async fn two_receivers_share_one_store() {
    let postgres = Postgres::start();
    let store = StoreUrl::Postgres(postgres.url.clone());
    let first = start(|args| args.store = store.clone()).await;
    let second = start(|args| args.store = store.clone()).await;

    let waiting = tokio::spawn(
        first
            .client
            .get(first.url("/api/wait?kind=hasura/cli-execution-wire&count=2&timeout=600"))
            .send(),
    );
    let valid = fixture("hasura/cli-execution-wire");
    assert_eq!(first.post("/v1/http", valid.clone()).await.status(), 200);
    assert_eq!(second.post("/v1/http", valid).await.status(), 200);
    assert_eq!(
        second
            .post("/validate", b"{}\n\xff\n".to_vec())
            .await
            .status(),
        200
    );
    // The second document was committed by the other receiver: only its NOTIFY wakes the wait.
    let response = waiting.await.unwrap().unwrap();
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["reached"], true);

    for receiver in [&first, &second] {
        let summary = receiver.get_json("/api/summary").await;
        assert_eq!(summary["documents"], 4, "{summary}");
        assert_eq!(summary["valid"], 2);
        let documents = receiver.documents("kind=none").await;
        assert_eq!(documents.len(), 2);
        assert!(
            documents
                .iter()
                .any(|document| document["bodyBase64"] == "/w==")
        );
        assert_eq!(receiver.documents("rule=syntax").await.len(), 1);
        // The page reads the latest documents and the most frequent violations.
        let page = receiver.get("/").await;
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("syntax"));
    }
    let response = second.post("/api/reset", "").await;
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer, json!({"deleted": 4}));
    assert_eq!(first.get_json("/api/summary").await["documents"], 0);
    first.stop().await;
    second.stop().await;
    drop(postgres);
}
