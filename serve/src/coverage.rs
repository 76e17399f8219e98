//! What arrived against what the specification declares: every kind of the registry with the
//! documents stored of it per schema version, the kinds never seen, and how many documents were
//! of no kind. `GET /api/coverage` answers it; `serve --report FILE` writes it when the receiver
//! stops, and `--fail-on invalid|unseen` turns it into the exit status, for CI. The answer is
//! [`Coverage`], whose schema is published (`schemas/serve/coverage/`).

use schema_types::PAYLOADS;
pub use schema_types::api::answers::Coverage;
use schema_types::api::answers::{KindCoverage, VersionCount};

use crate::store::{Store, StoreError};

/// The coverage of what `store` holds.
pub async fn of(store: &Store) -> Result<Coverage, StoreError> {
    let counts = store.counts().await?;
    let mut kinds = Vec::new();
    let mut unseen = Vec::new();
    for kind in PAYLOADS.iter() {
        let mut versions: Vec<VersionCount> = Vec::new();
        for count in counts
            .iter()
            .filter(|count| count.kind.as_deref() == Some(kind.id))
        {
            let index = match versions
                .iter()
                .position(|entry| entry.version == count.version)
            {
                Some(index) => index,
                None => {
                    versions.push(VersionCount {
                        version: count.version.clone(),
                        valid: 0,
                        invalid: 0,
                    });
                    versions.len() - 1
                }
            };
            if count.valid {
                versions[index].valid = count.documents;
            } else {
                versions[index].invalid = count.documents;
            }
        }
        if versions.is_empty() {
            unseen.push(kind.id.to_owned());
        }
        kinds.push(KindCoverage {
            kind: kind.id.to_owned(),
            declared_version: kind.version.to_string(),
            seen: versions,
        });
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
