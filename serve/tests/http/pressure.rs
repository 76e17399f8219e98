//! Back-pressure: with the store's file locked by another process, the writer waits; the
//! bounded queue fills and further requests are answered 503 with `Retry-After`, at once. Once
//! the lock goes, every request that was not refused is answered 200, and exactly those
//! documents are stored.

use serde_json::Value;
use tokio::sync::mpsc;

use crate::support::{fixture, start};

#[tokio::test(flavor = "multi_thread")]
async fn a_full_queue_answers_503_and_loses_nothing_acknowledged() {
    let receiver = start(|args| args.queue = 1).await;
    let mut blocker = rusqlite::Connection::open(&receiver.store).unwrap();
    let lock = blocker
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();

    const REQUESTS: usize = 50;
    let body = fixture("hasura/cli-execution-wire");
    let (answers, mut answered) = mpsc::unbounded_channel();
    for _ in 0..REQUESTS {
        let request = receiver
            .client
            .post(receiver.url("/v1/http"))
            .body(body.clone());
        let answers = answers.clone();
        tokio::spawn(async move {
            let response = request.send().await.unwrap();
            let retry_after = response.headers().get("retry-after").cloned();
            let _ = answers.send((response.status().as_u16(), retry_after));
        });
    }
    drop(answers);
    // While the file is locked nothing can be committed: the first answer is a refusal.
    let (status, retry_after) = answered.recv().await.unwrap();
    assert_eq!(status, 503);
    assert_eq!(retry_after.unwrap(), "1");

    lock.rollback().unwrap();
    drop(blocker);
    let mut acknowledged = 0;
    let mut refused = 1;
    while let Some((status, _)) = answered.recv().await {
        match status {
            200 => acknowledged += 1,
            503 => refused += 1,
            other => panic!("answered {other}"),
        }
    }
    assert_eq!(acknowledged + refused, REQUESTS);
    assert!(acknowledged >= 1);
    let summary: Value = receiver.get_json("/api/summary").await;
    assert_eq!(summary["documents"], acknowledged);
    receiver.stop().await;
}
