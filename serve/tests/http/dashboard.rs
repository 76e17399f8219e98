//! The page: counts, violations, the latest invalid documents, identifying values masked.

use schema_types::registry::find;

use crate::support::start;

/// A server-setup ping whose `email` (a contact) is not an e-mail address.
pub fn ping_with_bad_email(marker: &str) -> Vec<u8> {
    let mut ping = find("appsmith/server-setup-ping").unwrap().fixture();
    ping["properties"]["email"] = format!("{marker} at example").into();
    serde_json::to_vec(&ping).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_shows_violations_and_masks_a_contact() {
    let receiver = start(|_| {}).await;
    let body = ping_with_bad_email("MARKER-CONTACT");
    let response = receiver
        .post("/validate/appsmith/server-setup-ping", body)
        .await;
    assert_eq!(response.status(), 200);
    let response = receiver.get("/").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let page = response.text().await.unwrap();
    assert!(page.contains("appsmith/server-setup-ping"), "{page}");
    assert!(
        page.contains("<code>/properties/email</code>: format"),
        "{page}"
    );
    assert!(!page.contains("MARKER-CONTACT"), "{page}");
    assert!(page.contains("data-total=\"1\""));
    receiver.stop().await;

    let receiver = start(|args| args.show_values = true).await;
    let body = ping_with_bad_email("MARKER-CONTACT");
    receiver
        .post("/validate/appsmith/server-setup-ping", body)
        .await;
    let page = receiver.get("/").await.text().await.unwrap();
    assert!(page.contains("MARKER-CONTACT"), "{page}");
    receiver.stop().await;
}
