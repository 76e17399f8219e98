//! The store on a real SQLite file: what is inserted is read back, filtered and counted;
//! a reset empties it; a full queue refuses at once; a commit wakes subscribers.

use std::path::PathBuf;

use rusqlite::{Connection, TransactionBehavior};

use super::*;

fn record(kind: Option<&'static str>, valid: bool, rules: &[&'static str]) -> Record {
    Record {
        received_at: 1_000_000,
        endpoint: "/v1/http".to_owned(),
        kind,
        version: kind.map(|_| "1-0-0".to_owned()),
        valid,
        verdict: "{}".to_owned(),
        violations: rules.iter().map(|rule| (*rule, "/x".to_owned())).collect(),
        body: b"\xff not json".to_vec(),
    }
}

/// Runs `test` on a store in a fresh file, with room for `queue` commands, and closes the store
/// (waiting for its writer); the file, in its directory.
fn on_store(queue: usize, test: impl AsyncFnOnce(&Store, &Path)) -> (tempfile::TempDir, PathBuf) {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("store.db");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (store, writer) = Store::open_sqlite(&path, queue).unwrap();
        test(&store, &path).await;
        drop(store);
        writer.join().await;
    });
    (directory, path)
}

#[test]
fn documents_are_kept_filtered_and_reset() {
    let (_directory, path) = on_store(8, async |store, _| {
        let ids = store
            .insert(vec![
                record(Some("a/one"), true, &[]),
                record(Some("a/one"), false, &["format", "required"]),
                record(None, false, &[]),
            ])
            .await
            .unwrap();
        assert_eq!(ids.len(), 3);
        let all = store.documents(&Filter::default(), 0, 10).await.unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].body, b"\xff not json");
        let format = Filter {
            rule: Some("format".to_owned()),
            ..Filter::default()
        };
        assert_eq!(store.count(&format).await.unwrap(), 1);
        let undetected = Filter {
            kind: Some(None),
            ..Filter::default()
        };
        assert_eq!(store.count(&undetected).await.unwrap(), 1);
        let valid = Filter {
            valid: Some(true),
            kind: Some(Some("a/one".to_owned())),
            ..Filter::default()
        };
        assert_eq!(store.count(&valid).await.unwrap(), 1);
        let later = Filter {
            since: Some(1_000_001),
            ..Filter::default()
        };
        assert_eq!(store.count(&later).await.unwrap(), 0);
        // Paging: after the first id, two more.
        let page = store
            .documents(&Filter::default(), ids[0], 10)
            .await
            .unwrap();
        assert_eq!(page.iter().map(|d| d.id).collect::<Vec<_>>(), ids[1..]);
        let counts = store.counts().await.unwrap();
        assert_eq!(counts.len(), 3, "{counts:?}");

        let mut commits = store.subscribe();
        commits.borrow_and_update();
        assert_eq!(store.reset().await.unwrap(), 3);
        assert!(commits.has_changed().unwrap());
        assert_eq!(store.count(&Filter::default()).await.unwrap(), 0);
    });
    // Closed cleanly: the file opens and passes SQLite's own check.
    let connection = Connection::open(&path).unwrap();
    let check: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// With another connection holding the write lock, the writer waits; once the queue is full an
/// insert is refused at once, and every insert accepted before is committed when the lock goes.
#[test]
fn a_full_queue_refuses_and_loses_nothing_accepted() {
    on_store(1, async |store, path| {
        let mut blocker = Connection::open(path).unwrap();
        let lock = blocker
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        let mut accepted = Vec::new();
        let mut refused = false;
        // One insert in the writer's hands, waiting for the lock, one in the queue: the third
        // at the latest is refused.
        for _ in 0..3 {
            match store.submit(vec![record(None, false, &[])]) {
                Ok(pending) => accepted.push(pending),
                Err(Refused::Busy) => {
                    refused = true;
                    break;
                }
                Err(other) => panic!("{other:?}"),
            }
        }
        assert!(refused, "a full queue was not refused");
        lock.rollback().unwrap();
        drop(blocker);
        let mut stored = 0;
        for pending in accepted {
            stored += pending.committed().await.unwrap().len();
        }
        assert!(stored >= 1);
        assert_eq!(
            store.count(&Filter::default()).await.unwrap(),
            stored as u64
        );
    });
}
