//! `schemas/lock.json`: every published schema file with the SHA-256 of its bytes, the record
//! that makes a published version immutable (VERSIONING.md).
//!
//! `cargo xtask gen` hands what it is about to write to [`check`] before it writes anything. The
//! check refuses, with every reason at once: a locked file that would get other bytes (bump the
//! version instead); a new version whose bump is smaller than its changes require, judged by
//! `crate::diff` against the latest locked version of the payload; a version lower than one
//! already published; a locked file that the registry no longer produces (an older version) that
//! is missing or altered on disk. What passes becomes the new lock: the old entries plus the new
//! versions. Older versions stay on disk and in `schemas/index.json`; `gen` never writes them.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use schema_types::{SchemaVersion, schema_path};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::diff::{self, Bump};

/// Where the lock is, relative to the workspace root.
pub const LOCK_PATH: &str = "schemas/lock.json";

/// What the lock says about itself, in `$comment`.
const LOCK_COMMENT: &str = "Written by `cargo xtask gen`: every published schema file, with the SHA-256 of its bytes. A published version never changes; to change a payload, bump its version (VERSIONING.md). Do not edit by hand.";

/// One published schema file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Relative to `schemas/`: `hasura/server-telemetry/1-0-0.schema.json`.
    pub path: String,
    /// The payload id, `hasura/server-telemetry`.
    pub id: String,
    /// The version.
    pub version: SchemaVersion,
    /// The SHA-256 of the file's bytes, 64 lower-case hex digits.
    pub sha256: String,
}

/// The published schema files, by payload id and version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lock {
    entries: Vec<Entry>,
}

impl Lock {
    /// Reads `schemas/lock.json` under `root`; no file is an empty lock (nothing published yet).
    pub fn read(root: &Path) -> io::Result<Self> {
        match fs::read_to_string(root.join(LOCK_PATH)) {
            Ok(text) => Self::parse(&text).map_err(|problem| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{LOCK_PATH}: {problem}"),
                )
            }),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(io::Error::new(
                error.kind(),
                format!("{LOCK_PATH}: {error}"),
            )),
        }
    }

    /// Reads the lock's JSON.
    pub fn parse(text: &str) -> Result<Self, String> {
        let document: Value = serde_json::from_str(text).map_err(|error| error.to_string())?;
        let schemas = document["schemas"]
            .as_array()
            .ok_or("expected {\"schemas\": [...]}")?;
        let mut lock = Self::default();
        for (index, entry) in schemas.iter().enumerate() {
            let field = |name: &str| {
                entry[name]
                    .as_str()
                    .ok_or_else(|| format!("schemas[{index}] lacks the string `{name}`"))
            };
            let path = field("path")?;
            let (id, version) = schema_path::split(path)
                .map_err(|error| format!("schemas[{index}]: `{path}` is {error}"))?;
            if field("id")? != id || field("version")? != version.to_string() {
                return Err(format!(
                    "schemas[{index}]: `id` and `version` do not match `{path}`"
                ));
            }
            let sha256 = field("sha256")?;
            if sha256.len() != 64
                || !sha256
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            {
                return Err(format!(
                    "schemas[{index}]: `sha256` is not 64 lower-case hex digits"
                ));
            }
            if lock.get(path).is_some() {
                return Err(format!("`{path}` is listed twice"));
            }
            lock.insert(Entry {
                path: path.to_owned(),
                id: id.to_owned(),
                version,
                sha256: sha256.to_owned(),
            });
        }
        Ok(lock)
    }

    /// The lock as `gen` writes it: entries by payload id, then by version.
    pub fn to_json(&self) -> Value {
        let schemas: Vec<Value> = self
            .entries
            .iter()
            .map(|entry| {
                json!({
                    "path": entry.path,
                    "id": entry.id,
                    "version": entry.version.to_string(),
                    "sha256": entry.sha256,
                })
            })
            .collect();
        json!({ "$comment": LOCK_COMMENT, "schemas": schemas })
    }

    /// Every entry, by payload id, then by version.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of a file (relative to `schemas/`).
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.path == path)
    }

    /// The latest locked version of a payload.
    fn latest(&self, id: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|entry| entry.id == id)
            .max_by_key(|entry| entry.version)
    }

    fn insert(&mut self, entry: Entry) {
        let key = |entry: &Entry| (entry.id.clone(), entry.version);
        let position = self
            .entries
            .partition_point(|other| key(other) < key(&entry));
        self.entries.insert(position, entry);
    }
}

/// The SHA-256 of `bytes`, as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// What may be published: the lock to write, and the locked versions `gen` no longer produces.
#[derive(Debug)]
pub struct Publication {
    /// The lock after this run: the old entries and the new versions.
    pub lock: Lock,
    /// Locked files the registry no longer produces (older versions), present and intact.
    pub archived: Vec<Entry>,
}

/// Why `gen` refuses to publish: every problem found, each naming its file.
#[derive(Debug)]
pub struct Refusal {
    problems: Vec<String>,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "refusing to publish: {} problem(s) with published schema versions ({LOCK_PATH}); nothing was written",
            self.problems.len()
        )?;
        for problem in &self.problems {
            writeln!(f, "\n{problem}")?;
        }
        write!(
            f,
            "\nA published version never changes: change a payload by bumping `VERSION` in its `impl Payload` (schema-types; a Hasura payload's derived row and wire: `DERIVED` in its `impl Posted`; a receiver's answer: its line in `api::answers::ANSWERS`), by the bump `cargo xtask diff` says the change requires, then run `cargo xtask gen` again. See VERSIONING.md."
        )
    }
}

impl From<Refusal> for io::Error {
    fn from(refusal: Refusal) -> Self {
        io::Error::new(io::ErrorKind::InvalidData, refusal.to_string())
    }
}

/// Checks the files `gen` is about to write (`(path from the workspace root, contents)`) against
/// `lock` and the published files under `root`; see the module documentation.
pub fn check(
    root: &Path,
    lock: &Lock,
    rendered: &[(PathBuf, String)],
) -> Result<Publication, Refusal> {
    let mut problems = Vec::new();
    let mut next = lock.clone();
    let mut produced = BTreeSet::new();
    for (path, contents) in rendered {
        let Some(relative) = published_path(path) else {
            continue;
        };
        let (id, version) = match schema_path::split(&relative) {
            Ok((id, version)) => (id.to_owned(), version),
            Err(error) => {
                problems.push(format!("schemas/{relative}: {error}"));
                continue;
            }
        };
        let sha256 = sha256_hex(contents.as_bytes());
        produced.insert(relative.clone());
        match lock.get(&relative) {
            Some(entry) if entry.sha256 == sha256 => {}
            Some(entry) => problems.push(changed_published_file(root, entry, contents, &sha256)),
            None => {
                problems.extend(new_version(root, lock, &id, version, contents));
                next.insert(Entry {
                    path: relative,
                    id,
                    version,
                    sha256,
                });
            }
        }
    }
    let mut archived = Vec::new();
    for entry in lock.entries() {
        if produced.contains(&entry.path) {
            continue;
        }
        let file = format!("schemas/{}", entry.path);
        match fs::read(root.join(&file)) {
            Ok(bytes) if sha256_hex(&bytes) == entry.sha256 => archived.push(entry.clone()),
            Ok(_) => problems.push(format!(
                "{file}: {} {} is published, but the file differs from its SHA-256 in the lock: restore it (`git checkout -- {file}`); an older version stays published, unchanged, when a newer one replaces it",
                entry.id, entry.version
            )),
            Err(error) if error.kind() == io::ErrorKind::NotFound => problems.push(format!(
                "{file}: {} {} is published, but the file is missing: restore it (`git checkout -- {file}`); an older version stays published when a newer one replaces it",
                entry.id, entry.version
            )),
            Err(error) => problems.push(format!("{file}: {error}")),
        }
    }
    // A schema file that is neither generated nor locked: a published version whose lock entry
    // is gone (so it would silently drop out of the index), or a file written by hand.
    for relative in schema_files(root) {
        if !produced.contains(&relative) && lock.get(&relative).is_none() {
            problems.push(format!(
                "schemas/{relative}: on disk, but neither generated by the registry nor in {LOCK_PATH}: if it was published, restore {LOCK_PATH} (`git checkout -- {LOCK_PATH}`); if it never was, delete it"
            ));
        }
    }
    if problems.is_empty() {
        Ok(Publication {
            lock: next,
            archived,
        })
    } else {
        Err(Refusal { problems })
    }
}

/// Every `*.schema.json` file under `root/schemas`, relative to `schemas/`, sorted.
fn schema_files(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut pending = vec![root.join("schemas")];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Some(relative) = path.strip_prefix(root).ok().and_then(published_path) {
                files.push(relative);
            }
        }
    }
    files.sort();
    files
}

/// `schemas/<relative>` for a published schema file (`*.schema.json` under `schemas/`).
fn published_path(path: &Path) -> Option<String> {
    let relative = path.strip_prefix("schemas").ok()?;
    let relative: Vec<&str> = relative
        .components()
        .map(|component| component.as_os_str().to_str())
        .collect::<Option<_>>()?;
    let relative = relative.join("/");
    relative.ends_with(schema_path::SUFFIX).then_some(relative)
}

/// The locked file of `entry`, if it is on disk with the locked bytes.
fn locked_schema(root: &Path, entry: &Entry) -> Option<Value> {
    let bytes = fs::read(root.join("schemas").join(&entry.path)).ok()?;
    if sha256_hex(&bytes) != entry.sha256 {
        return None;
    }
    serde_json::from_slice(&bytes).ok()
}

fn changed_published_file(root: &Path, entry: &Entry, contents: &str, sha256: &str) -> String {
    let mut problem = format!(
        "schemas/{}: {} {} is published (sha256 {} in {LOCK_PATH}), and the types now produce other bytes (sha256 {}).",
        entry.path,
        entry.id,
        entry.version,
        &entry.sha256[..12],
        &sha256[..12]
    );
    let report = locked_schema(root, entry).and_then(|old| {
        let new: Value = serde_json::from_str(contents).ok()?;
        diff::diff(&old, &new).ok()
    });
    match report {
        Some(report) => {
            // Whatever changed, the bytes did: at least an ADDITION.
            let required = report.required_bump().max(Bump::Addition);
            problem.push_str(&format!(
                "\n  What changed:\n{}  Bump `VERSION` of {} to {} ({}: {}) instead of changing {}.",
                report.summary("    "),
                entry.id,
                required.apply(entry.version),
                required.name(),
                report.bump_reason(),
                entry.version
            ));
        }
        None => problem.push_str(&format!(
            "\n  Bump `VERSION` of {} instead of changing {} (the locked file is not on disk as locked, so the required bump is not known: restore it and run `cargo xtask gen` again to see it).",
            entry.id, entry.version
        )),
    }
    problem
}

/// The problem with publishing a version of `id` that is not locked yet, if there is one.
fn new_version(
    root: &Path,
    lock: &Lock,
    id: &str,
    version: SchemaVersion,
    contents: &str,
) -> Option<String> {
    let latest = lock.latest(id)?;
    let file = format!("schemas/{}", schema_path::of(id, version));
    let Some(declared) = Bump::between(latest.version, version) else {
        return Some(format!(
            "{file}: {id} {version} is not later than its latest published version, {}: versions only go up; use a version after {}",
            latest.version, latest.version
        ));
    };
    // When the latest file is missing or altered, the check of archived files reports it.
    let old = locked_schema(root, latest)?;
    let new: Value = serde_json::from_str(contents).ok()?;
    let report = match diff::diff(&old, &new) {
        Ok(report) => report,
        Err(error) => {
            return Some(format!(
                "{file}: cannot be compared with {} {}: {error}",
                id, latest.version
            ));
        }
    };
    let required = report.required_bump();
    (declared < required).then(|| {
        format!(
            "{file}: {id} {version} is declared as {} over {} {}, but its changes require {} ({}): set `VERSION` to {}.\n  What changed:\n{}",
            declared.with_article(),
            id,
            latest.version,
            required.name(),
            report.bump_reason(),
            required.apply(latest.version),
            report.summary("    ").trim_end()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"{
  "$id": "https://example.test/acme/ping/1-0-0.schema.json",
  "title": "Acme ping",
  "type": "object",
  "additionalProperties": false,
  "properties": {"id": {"type": "string"}},
  "required": ["id"]
}
"#;

    /// OLD with a new required member: a MODEL change.
    const NEW_REQUIRED: &str = r#"{
  "$id": "https://example.test/acme/ping/1-0-1.schema.json",
  "title": "Acme ping",
  "type": "object",
  "additionalProperties": false,
  "properties": {"id": {"type": "string"}, "at": {"type": "integer"}},
  "required": ["id", "at"]
}
"#;

    /// A temporary workspace holding `schemas/acme/ping/1-0-0.schema.json` (OLD) and a lock
    /// that records it.
    fn published() -> (tempfile::TempDir, Lock) {
        let root = tempfile::tempdir().expect("a temporary directory");
        let file = root.path().join("schemas/acme/ping/1-0-0.schema.json");
        fs::create_dir_all(file.parent().expect("a parent")).expect("created");
        fs::write(&file, OLD).expect("written");
        let publication = check(root.path(), &Lock::default(), &schema("1-0-0", OLD))
            .expect("a first version is published");
        (root, publication.lock)
    }

    /// What `gen` would write: version `version` of `acme/ping` with `contents`.
    fn schema(version: &str, contents: &str) -> Vec<(PathBuf, String)> {
        vec![(
            PathBuf::from(format!("schemas/acme/ping/{version}.schema.json")),
            contents.to_owned(),
        )]
    }

    /// Asserts that `check` refuses to publish version `version` of `acme/ping` with `contents`
    /// (`why` says why it must), with a message that says every one of `expected`.
    fn assert_refused(
        lock: &Lock,
        root: &Path,
        (version, contents): (&str, &str),
        why: &str,
        expected: &[&str],
    ) {
        let message = check(root, lock, &schema(version, contents))
            .expect_err(why)
            .to_string();
        for expected in expected {
            assert!(
                message.contains(expected),
                "`{expected}` not in:\n{message}"
            );
        }
    }

    #[test]
    fn a_first_version_is_locked_with_the_hash_of_its_bytes() {
        let (_root, lock) = published();
        assert_eq!(lock.entries().len(), 1);
        let entry = &lock.entries()[0];
        assert_eq!(entry.path, "acme/ping/1-0-0.schema.json");
        assert_eq!(entry.id, "acme/ping");
        assert_eq!(entry.version, SchemaVersion::new(1, 0, 0));
        assert_eq!(entry.sha256, sha256_hex(OLD.as_bytes()));
        assert_eq!(Lock::parse(&lock.to_json().to_string()), Ok(lock.clone()));
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn gen_refuses_to_change_a_published_file() {
        let (root, lock) = published();
        assert_refused(
            &lock,
            root.path(),
            ("1-0-0", NEW_REQUIRED),
            "a locked file never gets other bytes",
            &[
                "schemas/acme/ping/1-0-0.schema.json",
                "acme/ping 1-0-0 is published",
                "required-property-added",
                "Bump `VERSION` of acme/ping to 2-0-0 (MODEL",
                "nothing was written",
            ],
        );
        // The same bytes again are fine, and change nothing in the lock.
        let again = check(root.path(), &lock, &schema("1-0-0", OLD)).expect("unchanged");
        assert_eq!(again.lock, lock);
    }

    #[test]
    fn an_annotation_change_to_a_published_file_asks_for_an_addition() {
        let (root, lock) = published();
        let described = OLD.replace("\"Acme ping\"", "\"Acme ping, described\"");
        assert_refused(
            &lock,
            root.path(),
            ("1-0-0", &described),
            "a locked file never gets other bytes",
            &["to 1-0-1 (ADDITION"],
        );
    }

    #[test]
    fn gen_refuses_a_bump_smaller_than_the_change() {
        let (root, lock) = published();
        assert_refused(
            &lock,
            root.path(),
            ("1-0-1", NEW_REQUIRED),
            "a MODEL change declared as an ADDITION",
            &[
                "schemas/acme/ping/1-0-1.schema.json",
                "declared as an ADDITION over acme/ping 1-0-0",
                "require MODEL",
                "set `VERSION` to 2-0-0",
            ],
        );
    }

    #[test]
    fn gen_accepts_a_big_enough_bump_and_keeps_the_old_version() {
        let (root, lock) = published();
        let next = NEW_REQUIRED.replace("1-0-1", "2-0-0");
        let publication = check(root.path(), &lock, &schema("2-0-0", &next)).expect("a MODEL bump");
        let versions: Vec<String> = publication
            .lock
            .entries()
            .iter()
            .map(|entry| entry.version.to_string())
            .collect();
        assert_eq!(versions, ["1-0-0", "2-0-0"]);
        assert_eq!(publication.archived, lock.entries());
    }

    #[test]
    fn gen_refuses_a_version_that_goes_down() {
        let (root, mut lock) = published();
        let next = NEW_REQUIRED.replace("1-0-1", "2-0-0");
        let two = root.path().join("schemas/acme/ping/2-0-0.schema.json");
        fs::write(&two, &next).expect("written");
        lock.insert(Entry {
            path: "acme/ping/2-0-0.schema.json".into(),
            id: "acme/ping".into(),
            version: SchemaVersion::new(2, 0, 0),
            sha256: sha256_hex(next.as_bytes()),
        });
        assert_refused(
            &lock,
            root.path(),
            ("1-5-0", OLD),
            "1-5-0 after 2-0-0",
            &["is not later than its latest published version, 2-0-0"],
        );
    }

    #[test]
    fn gen_refuses_when_an_older_version_is_missing_or_altered() {
        let (root, lock) = published();
        let next = NEW_REQUIRED.replace("1-0-1", "2-0-0");
        let old_file = root.path().join("schemas/acme/ping/1-0-0.schema.json");

        fs::write(&old_file, OLD.replace("Acme", "Edited")).expect("written");
        assert_refused(
            &lock,
            root.path(),
            ("2-0-0", &next),
            "an altered older version",
            &[
                "schemas/acme/ping/1-0-0.schema.json: acme/ping 1-0-0 is published, but the file differs",
            ],
        );

        fs::remove_file(&old_file).expect("removed");
        assert_refused(
            &lock,
            root.path(),
            ("2-0-0", &next),
            "a missing older version",
            &["1-0-0 is published, but the file is missing"],
        );
    }

    #[test]
    fn gen_refuses_a_schema_file_that_is_neither_generated_nor_locked() {
        let (root, lock) = published();
        let stray = root.path().join("schemas/acme/ping/0-9-0.schema.json");
        fs::write(&stray, OLD).expect("written");
        assert_refused(
            &lock,
            root.path(),
            ("1-0-0", OLD),
            "an unknown schema file",
            &["schemas/acme/ping/0-9-0.schema.json: on disk, but neither generated"],
        );
    }

    #[test]
    fn a_malformed_lock_is_refused() {
        for (text, expected) in [
            ("{}", "expected {\"schemas\""),
            (
                r#"{"schemas": [{"path": "a/b/1-0-0.schema.json", "id": "a/b", "version": "1-0-0", "sha256": "00"}]}"#,
                "64 lower-case hex",
            ),
            (
                r#"{"schemas": [{"path": "a/b/1-0-0.schema.json", "id": "a/c", "version": "1-0-0", "sha256": "00"}]}"#,
                "do not match",
            ),
            (
                r#"{"schemas": [{"path": "a/1-0-0.schema.json", "id": "a", "version": "1-0-0", "sha256": "00"}]}"#,
                "is not named `<vendor>/<payload>/<MODEL-REVISION-ADDITION>.schema.json`",
            ),
        ] {
            let problem = Lock::parse(text).expect_err(text);
            assert!(problem.contains(expected), "{text}: {problem}");
        }
    }

    /// The checked-in lock and `schemas/`: every schema file on disk is locked, every locked
    /// file has its locked bytes, and every pair of consecutive versions of a payload is bumped
    /// at least as much as its changes require.
    #[test]
    fn published_versions_match_the_lock_and_are_bumped_enough() {
        let root = crate::workspace_root();
        let lock = Lock::read(&root).expect("schemas/lock.json reads");
        assert!(
            !lock.entries().is_empty(),
            "schemas/lock.json is missing or empty: run `cargo xtask gen`"
        );

        let on_disk = schema_files(&root);
        let mut locked: Vec<String> = lock
            .entries()
            .iter()
            .map(|entry| entry.path.clone())
            .collect();
        locked.sort();
        assert_eq!(
            on_disk, locked,
            "the schema files on disk and the lock differ"
        );

        for entry in lock.entries() {
            let bytes = fs::read(root.join("schemas").join(&entry.path)).expect("a locked file");
            assert_eq!(
                sha256_hex(&bytes),
                entry.sha256,
                "schemas/{} differs from the lock",
                entry.path
            );
        }

        let mut pairs = 0;
        for pair in lock.entries().windows(2) {
            let [older, newer] = pair else { continue };
            if older.id != newer.id {
                continue;
            }
            let read = |entry: &Entry| locked_schema(&root, entry).expect("a locked schema");
            let report = diff::diff(&read(older), &read(newer)).expect("comparable");
            let declared = Bump::between(older.version, newer.version).expect("versions go up");
            assert!(
                declared >= report.required_bump(),
                "{} {} → {}: declared {}, required {}\n{}",
                older.id,
                older.version,
                newer.version,
                declared.name(),
                report.required_bump().name(),
                report.summary("  ")
            );
            pairs += 1;
        }
        let payloads: BTreeSet<&str> = lock
            .entries()
            .iter()
            .map(|entry| entry.id.as_str())
            .collect();
        assert_eq!(
            pairs,
            lock.entries().len() - payloads.len(),
            "every consecutive pair was compared"
        );
    }
}
