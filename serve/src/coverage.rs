//! What arrived against what the specification declares: every kind of the registry with the
//! documents stored of it per schema version, the eras its valid documents matched and the
//! members they held, each against what the kind's published schema declares (so the eras and
//! members never seen stand out), the kinds never seen, and how many documents were of no kind.
//! `GET /api/coverage` answers it; `serve --report FILE` writes it when the receiver stops, and
//! `--fail-on invalid|unseen` turns it into the exit status, for CI. The answer is
//! [`Coverage`], whose schema is published (`schemas/serve/coverage/`).
//!
//! The declared members are the published schema's, read with `schema_walk` (every era's, each
//! as a document pointer template); the seen ones are read from the stored valid documents, a
//! page at a time on a blocking thread, each document as it was judged (a Segment call with what
//! Segment adds on receipt, from its verdict). The era of a valid document of a kind with eras
//! is the one its report names. Reading every valid document is linear in the store's size;
//! coverage is asked once per test run, not per request.

use std::sync::OnceLock;

use schema_types::PAYLOADS;
use schema_types::api::answers::{EraCount, KindCoverage, MemberCount, VersionCount};
use schema_types::registry::PayloadKind;
use schema_types::schema_walk::{self, ANY_ITEM, ANY_MEMBER};
use schema_types::validate::pointer::unescape_token;
use serde_json::Value;

pub use schema_types::api::answers::Coverage;

use crate::store::{Count, Filter, Store, StoreError, Stored};

/// The valid documents read from the store at a time.
const PAGE: usize = 500;

/// The coverage of what `store` holds.
pub async fn of(store: &Store) -> Result<Coverage, StoreError> {
    let counts = store.counts().await?;
    let mut kinds = Vec::new();
    let mut unseen = Vec::new();
    for (kind, declared) in PAYLOADS.iter().zip(declared()) {
        let seen = versions_seen(kind, &counts);
        if seen.is_empty() {
            unseen.push(kind.id.to_owned());
        }
        let mut tally = Tally::new(declared);
        if seen.iter().any(|version| version.valid > 0) {
            tally = read_valid_documents(store, kind, tally).await?;
        }
        kinds.push(KindCoverage {
            kind: kind.id.to_owned(),
            declared_version: kind.version.to_string(),
            seen,
            eras: tally.eras(kind),
            members: tally.members(declared),
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

/// Per schema version of `kind` in `counts`, the documents valid and invalid.
fn versions_seen(kind: &PayloadKind, counts: &[Count]) -> Vec<VersionCount> {
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
    versions
}

/// What a kind's published schema declares: its members, as document pointer templates in
/// schema order (every era's, each once).
struct Declared {
    members: Vec<String>,
}

/// Every kind's declarations, in registry order, read once from the published schemas.
fn declared() -> &'static [Declared] {
    static DECLARED: OnceLock<Vec<Declared>> = OnceLock::new();
    DECLARED.get_or_init(|| {
        PAYLOADS
            .iter()
            .map(|kind| {
                let schema = kind.schema();
                let mut members: Vec<String> = Vec::new();
                // The published schemas' references resolve (the schema tests hold them to it);
                // a walk that fails lists what it read before.
                let _ = schema_walk::walk(&schema, |member| {
                    if !members.contains(&member.document_pointer) {
                        members.push(member.document_pointer.clone());
                    }
                    true
                });
                Declared { members }
            })
            .collect()
    })
}

/// The valid documents of one kind read so far: per era (in the kind's order) and per declared
/// member (in the declaration's order), how many.
#[derive(Clone)]
struct Tally {
    eras: Vec<u64>,
    members: Vec<u64>,
}

impl Tally {
    fn new(declared: &Declared) -> Self {
        Self {
            eras: Vec::new(),
            members: vec![0; declared.members.len()],
        }
    }

    /// Counts `document`, a valid document of `kind` as it was judged.
    fn count(&mut self, kind: &PayloadKind, declared: &Declared, document: &Value) {
        if !kind.eras.is_empty() {
            self.eras.resize(kind.eras.len(), 0);
            let report = kind.validate(document);
            if let Some(index) = report
                .era()
                .and_then(|era| kind.eras.iter().position(|known| known.name() == era))
            {
                self.eras[index] += 1;
            }
        }
        for (count, template) in self.members.iter_mut().zip(&declared.members) {
            let tokens: Vec<&str> = template.split('/').skip(1).collect();
            if holds(document, &tokens) {
                *count += 1;
            }
        }
    }

    fn eras(&self, kind: &PayloadKind) -> Vec<EraCount> {
        kind.eras
            .iter()
            .enumerate()
            .map(|(index, era)| EraCount {
                era: era.name().to_owned(),
                documents: self.eras.get(index).copied().unwrap_or(0),
            })
            .collect()
    }

    fn members(&self, declared: &Declared) -> Vec<MemberCount> {
        declared
            .members
            .iter()
            .zip(&self.members)
            .map(|(pointer, documents)| MemberCount {
                pointer: pointer.clone(),
                documents: *documents,
            })
            .collect()
    }
}

/// `tally` with every stored valid document of `kind` counted, read a page at a time and
/// counted on a blocking thread.
async fn read_valid_documents(
    store: &Store,
    kind: &'static PayloadKind,
    mut tally: Tally,
) -> Result<Tally, StoreError> {
    let index = PAYLOADS
        .iter()
        .position(|known| known.id == kind.id)
        .unwrap_or(0);
    let filter = Filter {
        valid: Some(true),
        kind: Some(Some(kind.id.to_owned())),
        ..Filter::default()
    };
    let mut after = 0;
    loop {
        let page = store.documents(&filter, after, PAGE).await?;
        let Some(last) = page.last() else {
            return Ok(tally);
        };
        after = last.id;
        let full = page.len() == PAGE;
        tally = tokio::task::spawn_blocking(move || {
            let declared = &declared()[index];
            for stored in &page {
                if let Some(document) = as_judged(stored) {
                    tally.count(kind, declared, &document);
                }
            }
            tally
        })
        .await
        .map_err(|_| StoreError::new("coverage: counting members failed"))?;
        if !full {
            return Ok(tally);
        }
    }
}

/// A stored document as it was judged: its body as received (a Segment call is judged as the
/// call, what Segment adds on receipt only said in its verdict).
fn as_judged(stored: &Stored) -> Option<Value> {
    serde_json::from_slice(&stored.body).ok()
}

/// Whether `value` has a value at the template `tokens` (any item at `*`, any member at
/// `{name}`).
fn holds(value: &Value, tokens: &[&str]) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return true;
    };
    match (*first, value) {
        (ANY_ITEM, Value::Array(items)) => items.iter().any(|item| holds(item, rest)),
        (ANY_MEMBER, Value::Object(members)) => members.values().any(|member| holds(member, rest)),
        (name, Value::Object(members)) => members
            .get(unescape_token(name).as_ref())
            .is_some_and(|member| holds(member, rest)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tokens(template: &str) -> Vec<&str> {
        template.split('/').skip(1).collect()
    }

    #[test]
    fn a_template_is_held_by_any_item_or_member_there() {
        let document = json!({"usageData": [{"a": 1}, {"user": null}], "labels": {"x": {"v": 2}},
            "a~b": {"c/d": true}});
        for (template, held) in [
            ("/usageData", true),
            ("/usageData/*/user", true),
            ("/usageData/*/other", false),
            ("/labels/{name}/v", true),
            ("/labels/{name}/w", false),
            ("/a~0b/c~1d", true),
            ("/missing", false),
            ("/usageData/user", false),
        ] {
            assert_eq!(holds(&document, &tokens(template)), held, "{template}");
        }
    }

    #[test]
    fn every_kind_declares_members_and_a_kind_with_eras_has_them_all() {
        for (kind, declared) in PAYLOADS.iter().zip(declared()) {
            assert!(!declared.members.is_empty(), "{}", kind.id);
            let names = schema_walk::top_level_names(&kind.schema()).unwrap();
            for name in names {
                let pointer = format!("/{}", schema_types::validate::pointer::escape_token(&name));
                assert!(
                    declared.members.contains(&pointer),
                    "{}: {pointer}",
                    kind.id
                );
            }
        }
    }
}
