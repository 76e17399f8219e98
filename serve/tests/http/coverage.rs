//! The coverage per member and per era: every member a kind's published schema declares, with
//! the valid documents that held it (invalid documents never count), the eras of a kind with
//! eras with the valid documents that matched each, and a Segment call counted as it was judged
//! (with what Segment adds on receipt). What is declared comes from the published schema, what
//! a document's era is from the library.

use schema_types::registry::find;
use serde_json::{Value, json};

use crate::segment::sent_call;
use crate::support::{Receiver, coverage_entry, fixture, start, start_with_report};

/// The coverage entry of `kind`.
async fn entry(receiver: &Receiver, kind: &str) -> Value {
    coverage_entry(&receiver.get_json("/api/coverage").await, kind).clone()
}

/// `{pointer: documents}` of an entry's members.
fn members(entry: &Value) -> Vec<(String, u64)> {
    entry["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|member| {
            (
                member["pointer"].as_str().unwrap().to_owned(),
                member["documents"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_declared_member_is_counted_in_the_valid_documents_that_hold_it() {
    let receiver = start(|_| {}).await;
    let kind = find("hasura/cli-config").unwrap();
    // Nothing yet: every declared member, in schema order, never seen.
    let declared: Vec<String> = kind.schema()["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(|name| format!("/{name}"))
        .collect();
    let before = members(&entry(&receiver, kind.id).await);
    assert_eq!(
        before,
        declared.iter().map(|p| (p.clone(), 0)).collect::<Vec<_>>()
    );

    let mut with_optional = kind.fixture();
    with_optional["show_update_notification"] = json!(true);
    let mut invalid = with_optional.clone();
    invalid["uuid"] = json!("not a uuid");
    assert!(kind.validate(&with_optional).is_valid());
    assert!(!kind.validate(&invalid).is_valid());
    let body = format!("{with_optional}\n{}\n{invalid}\n", kind.fixture());
    let response = receiver.post("/validate/hasura/cli-config", body).await;
    assert_eq!(response.status(), 200);

    let after: Vec<(String, u64)> = members(&entry(&receiver, kind.id).await);
    let expected: Vec<(String, u64)> = declared
        .iter()
        .map(|pointer| {
            let held = [&with_optional, &kind.fixture()]
                .iter()
                .filter(|document| document.pointer(pointer).is_some())
                .count() as u64;
            (pointer.clone(), held)
        })
        .collect();
    assert_eq!(after, expected);
    assert!(after.contains(&("/show_update_notification".to_owned(), 1)));
    assert!(after.contains(&("/uuid".to_owned(), 2)));
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_eras_seen_and_never_seen_are_named() {
    let receiver = start(|_| {}).await;
    let kind = find("appsmith/backend-call-event").unwrap();
    let document = kind.fixture();
    let report = kind.validate(&document);
    assert!(report.is_valid());
    let era = report.era().unwrap();
    let path = format!("/validate/{}", kind.id);
    assert_eq!(
        receiver.post(&path, document.to_string()).await.status(),
        200
    );

    let entry = entry(&receiver, kind.id).await;
    let expected: Vec<Value> = kind
        .eras
        .iter()
        .map(|known| json!({"era": known.name(), "documents": u64::from(known.name() == era)}))
        .collect();
    assert_eq!(entry["eras"], Value::Array(expected));
    assert!(kind.eras.len() >= 2, "one era seen, the others never");
    // Members of the other eras only are declared, and never seen.
    let members = members(&entry);
    assert!(members.contains(&("/event".to_owned(), 1)));
    assert!(members.iter().any(|(_, documents)| *documents == 0));
    // A kind of one shape has no eras.
    let other = crate::coverage::entry(&receiver, "hasura/cli-config").await;
    assert_eq!(other["eras"], json!([]));
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_segment_call_is_counted_as_it_was_judged() {
    let receiver = start(|_| {}).await;
    let call = Value::Object(sent_call("appsmith/navigation-event"));
    assert!(call.get("receivedAt").is_none());
    let response = receiver.post("/v1/track", call.to_string()).await;
    assert_eq!(response.status(), 200);
    let verdict: Value = response.json().await.unwrap();
    assert_eq!(verdict["valid"], true, "{verdict}");
    let call_members = members(&entry(&receiver, "appsmith/navigation-event-call").await);
    assert!(
        call_members.contains(&("/writeKey".to_owned(), 1)),
        "{call_members:?}"
    );
    assert!(call_members.contains(&("/event".to_owned(), 1)));
    assert!(
        !call_members
            .iter()
            .any(|(pointer, _)| pointer == "/receivedAt")
    );
    let stored = members(&entry(&receiver, "appsmith/navigation-event").await);
    assert!(
        stored.iter().all(|(_, documents)| *documents == 0),
        "{stored:?}"
    );
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_report_written_on_stopping_has_the_members() {
    let (receiver, report) = start_with_report(|_| {}).await;
    let body = fixture("hasura/cli-config");
    assert_eq!(
        receiver
            .post("/validate/hasura/cli-config", body)
            .await
            .status(),
        200
    );
    receiver.stop().await;
    let written = report.read();
    let entry = coverage_entry(&written, "hasura/cli-config");
    assert!(members(entry).contains(&("/uuid".to_owned(), 1)));
}
