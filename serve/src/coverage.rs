//! What arrived against what the specification declares: every kind of the registry with the
//! documents stored of it per schema version, the kinds never seen, and how many documents were
//! of no kind. `GET /api/coverage` answers it; `serve --report FILE` writes it when the receiver
//! stops, and `--fail-on invalid|unseen` turns it into the exit status, for CI.

use schema_types::PAYLOADS;
use serde_json::{Value, json};

use crate::store::{Store, StoreError};

/// The coverage of a store.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Per declared kind: its id, its current version, and per version seen the documents
    /// valid and invalid.
    pub kinds: Vec<Value>,
    /// The declared kinds of which no document was stored.
    pub unseen: Vec<&'static str>,
    /// Documents of no kind.
    pub undetected: u64,
    /// Documents that are not valid (of a kind or of none).
    pub invalid: u64,
}

impl Coverage {
    /// `{"kinds", "unseen", "undetected", "invalid"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "kinds": self.kinds,
            "unseen": self.unseen,
            "undetected": self.undetected,
            "invalid": self.invalid,
        })
    }
}

/// The coverage of what `store` holds.
pub async fn of(store: &Store) -> Result<Coverage, StoreError> {
    let counts = store.counts().await?;
    let mut kinds = Vec::new();
    let mut unseen = Vec::new();
    for kind in PAYLOADS.iter() {
        let mut versions: Vec<Value> = Vec::new();
        for count in counts
            .iter()
            .filter(|count| count.kind.as_deref() == Some(kind.id))
        {
            let version = json!(count.version);
            let index = match versions
                .iter()
                .position(|entry| entry["version"] == version)
            {
                Some(index) => index,
                None => {
                    versions.push(json!({"version": version, "valid": 0, "invalid": 0}));
                    versions.len() - 1
                }
            };
            versions[index][if count.valid { "valid" } else { "invalid" }] = json!(count.documents);
        }
        if versions.is_empty() {
            unseen.push(kind.id);
        }
        kinds.push(json!({
            "kind": kind.id,
            "declaredVersion": kind.version.to_string(),
            "seen": versions,
        }));
    }
    let undetected = counts
        .iter()
        .filter(|count| count.kind.is_none())
        .map(|count| count.documents)
        .sum();
    let invalid = counts
        .iter()
        .filter(|count| !count.valid)
        .map(|count| count.documents)
        .sum();
    Ok(Coverage {
        kinds,
        unseen,
        undetected,
        invalid,
    })
}
