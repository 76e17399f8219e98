//! `serve` as a process: documents acknowledged with 200 survive the receiver being killed
//! (SIGKILL) during a load run, and the store opens cleanly after; SIGTERM answers what was
//! accepted, closes the store and exits 0. What a stored document should be is what was sent,
//! byte for byte.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::receiver::{client, start, start_with, terminate};
use crate::support::TempDir;

/// A Hasura CLI message, unique by `n`.
fn message(n: usize) -> Vec<u8> {
    let kind = schema_types::registry::find("hasura/cli-execution-wire").unwrap();
    let mut message = kind.fixture();
    message["data"]["execution_id"] = format!("00000000-0000-4000-8000-{n:012x}").into();
    serde_json::to_vec(&message).unwrap()
}

/// Load on a receiver: four threads sending messages.
struct Load {
    /// Each body answered 200.
    acknowledged: Arc<Mutex<Vec<Vec<u8>>>>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Load {
    /// Sends messages from four threads until each has sent 5,000 or met an error (the receiver
    /// gone); returns once `acks` of them are answered 200, with requests still in flight.
    fn until(url: &str, acks: usize) -> Self {
        let acknowledged = Arc::new(Mutex::new(Vec::new()));
        let (events, acked) = mpsc::channel();
        let threads = (0..4)
            .map(|thread| {
                let url = format!("{url}/v1/http");
                let acknowledged = Arc::clone(&acknowledged);
                let events = events.clone();
                std::thread::spawn(move || {
                    let client = client();
                    for i in 0..5_000 {
                        let body = message(thread * 1_000_000 + i);
                        let Ok(response) = client.post(&url).body(body.clone()).send() else {
                            return;
                        };
                        match response.status().as_u16() {
                            200 => {
                                acknowledged.lock().unwrap().push(body);
                                let _ = events.send(());
                            }
                            503 => {}
                            other => panic!("answered {other}"),
                        }
                    }
                })
            })
            .collect();
        drop(events);
        for _ in 0..acks {
            acked.recv().expect("the load stopped early");
        }
        Self {
            acknowledged,
            threads,
        }
    }

    /// Waits for the threads to end (the receiver stopped); every body answered 200.
    fn acknowledged(self) -> Vec<Vec<u8>> {
        for thread in self.threads {
            thread.join().unwrap();
        }
        self.acknowledged.lock().unwrap().clone()
    }
}

/// How many of the `acknowledged` bodies are not `stored`.
fn lost(acknowledged: &[Vec<u8>], stored: &BTreeSet<Vec<u8>>) -> usize {
    acknowledged
        .iter()
        .filter(|body| !stored.contains(*body))
        .count()
}

/// Every stored body, read through `/api/documents` page by page.
fn stored_bodies(url: &str) -> Vec<Vec<u8>> {
    let client = client();
    let mut bodies = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = client
            .get(format!("{url}/api/documents?limit=1000{cursor}"))
            .send()
            .unwrap()
            .bytes()
            .unwrap();
        let page: Value = serde_json::from_slice(&page).unwrap();
        for document in page["documents"].as_array().unwrap() {
            bodies.push(document["body"].as_str().unwrap().as_bytes().to_vec());
        }
        match page["next"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => return bodies,
        }
    }
}

/// SQLite's own check of the file.
fn integrity(store: &Path) -> String {
    let connection = rusqlite::Connection::open(store).unwrap();
    connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn documents_acknowledged_survive_sigkill_and_the_store_opens_cleanly() {
    let directory = TempDir::new("serve-kill");
    let store = directory.0.join("store.db");
    let mut receiver = start(&store);
    // Killed in the middle of the run: after 300 acknowledgements, with requests in flight.
    let load = Load::until(&receiver.url, 300);
    receiver.child.kill().unwrap();
    receiver.child.wait().unwrap();
    let acknowledged = load.acknowledged();
    assert!(acknowledged.len() >= 300);

    let mut receiver = start(&store);
    let stored: BTreeSet<Vec<u8>> = stored_bodies(&receiver.url).into_iter().collect();
    let lost = lost(&acknowledged, &stored);
    assert_eq!(lost, 0, "of {} acknowledged", acknowledged.len());
    receiver.child.kill().unwrap();
    receiver.child.wait().unwrap();
    assert_eq!(integrity(&store), "ok");
}

#[test]
fn sigterm_answers_what_was_accepted_and_closes_the_store() {
    let directory = TempDir::new("serve-term");
    let store = directory.0.join("store.db");
    let receiver = start(&store);
    let load = Load::until(&receiver.url, 100);
    assert_eq!(terminate(receiver), Some(0), "SIGTERM is a clean stop");
    let acknowledged = load.acknowledged();
    // Closed: the write-ahead log folded into the file and removed.
    assert!(!directory.0.join("store.db-wal").exists());
    assert_eq!(integrity(&store), "ok");
    let connection = rusqlite::Connection::open(&store).unwrap();
    let mut statement = connection.prepare("SELECT body FROM documents").unwrap();
    let stored: BTreeSet<Vec<u8>> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let lost = lost(&acknowledged, &stored);
    assert_eq!(lost, 0, "of {} acknowledged", acknowledged.len());
}

#[test]
fn fail_on_invalid_sets_the_exit_status_when_stopped() {
    let directory = TempDir::new("serve-fail-on");
    let store = directory.0.join("store.db");
    let receiver = start_with(&store, &["--fail-on", "invalid"]);
    let response = client()
        .post(format!("{}/v1/http", receiver.url))
        .body(r#"{"topic": "cli", "data": {}}"#)
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(terminate(receiver), Some(1));
}
