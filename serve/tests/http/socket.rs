//! The Console's WebSocket channel: each message one Hasura message, stored as `/v1/http`
//! stores it; a test knows they are stored by `/api/wait`, not by a reply.

use futures_util::SinkExt as _;
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;

use crate::support::{fixture, start};

#[tokio::test(flavor = "multi_thread")]
async fn every_message_on_the_console_socket_is_kept() {
    let receiver = start(|_| {}).await;
    let url = receiver.url("/v1/ws").replacen("http://", "ws://", 1);
    let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let valid = String::from_utf8(fixture("hasura/console-error-wire")).unwrap();
    socket.send(Message::text(valid.clone())).await.unwrap();
    // `console` is the topic of the page's runtime error and of the 1.x Console's channel: an
    // empty message shows the clues of neither. `console-v2` names the channel's kind alone.
    socket
        .send(Message::text(r#"{"topic": "console", "data": {}}"#))
        .await
        .unwrap();
    socket
        .send(Message::text(r#"{"topic": "console-v2", "data": {}}"#))
        .await
        .unwrap();
    socket
        .send(Message::binary(b"\xff not json".to_vec()))
        .await
        .unwrap();
    let answer = receiver.get_json("/api/wait?count=4&timeout=600").await;
    assert_eq!(answer["reached"], true);
    socket.close(None).await.unwrap();

    let documents = receiver.documents("").await;
    let summary: Vec<(Value, Value, Value)> = documents
        .iter()
        .map(|d| (d["endpoint"].clone(), d["kind"].clone(), d["valid"].clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "/v1/ws".into(),
                "hasura/console-error-wire".into(),
                true.into()
            ),
            ("/v1/ws".into(), Value::Null, false.into()),
            (
                "/v1/ws".into(),
                "hasura/console-event-wire".into(),
                false.into()
            ),
            ("/v1/ws".into(), Value::Null, false.into()),
        ]
    );
    assert_eq!(documents[0]["body"], valid);
    assert!(documents[3].get("bodyBase64").is_some());
    receiver.stop().await;
}
