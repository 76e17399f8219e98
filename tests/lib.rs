//! Helpers shared by the workspace's test and benchmark code; the integration tests themselves
//! live in `spec/`.
//!
//! [`paths`] addresses the nodes of a JSON document, for the code that mutates valid documents
//! into invalid ones (the property tests in `spec/agreement.rs`, the benchmark's mutants and the
//! fuzz targets' mutations).
//! [`cases`] reads the folders of documents with sidecars (`invalid/`, `real/`), for the tests
//! and the benchmark's invalid sets. [`agreement`] is the key property, checked on one document:
//! by the tests in `spec/` and by the fuzz targets in `fuzz/`.

pub mod paths {
    //! Every node of a document by its path, the node at a path, and the edits that mutate a
    //! node.

    use serde_json::{Map, Value};

    /// One step of a path: a member or an item.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Step {
        /// The member of this name.
        Member(String),
        /// The item at this index.
        Index(usize),
    }

    /// The path of every node of `document`, the root first, in document order.
    pub fn all(document: &Value) -> Vec<Vec<Step>> {
        let mut paths = Vec::new();
        collect(document, &mut Vec::new(), &mut paths);
        paths
    }

    fn collect(node: &Value, at: &mut Vec<Step>, paths: &mut Vec<Vec<Step>>) {
        paths.push(at.clone());
        match node {
            Value::Object(members) => {
                for (name, member) in members {
                    at.push(Step::Member(name.clone()));
                    collect(member, at, paths);
                    at.pop();
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    at.push(Step::Index(index));
                    collect(item, at, paths);
                    at.pop();
                }
            }
            _ => {}
        }
    }

    /// The node at `path`, which must be one of [`all`]'s for this document.
    pub fn node_mut<'a>(document: &'a mut Value, path: &[Step]) -> &'a mut Value {
        let mut node = document;
        for step in path {
            node = match (node, step) {
                (Value::Object(members), Step::Member(name)) => {
                    members.get_mut(name).expect("a collected path")
                }
                (Value::Array(items), Step::Index(index)) => &mut items[*index],
                _ => unreachable!("paths are collected from this document"),
            };
        }
        node
    }

    /// The object at `path`, or the nearest one above it (`None` when no node on the way from
    /// the root is an object).
    pub fn nearest_object<'a>(
        document: &'a mut Value,
        path: &[Step],
    ) -> Option<&'a mut Map<String, Value>> {
        let mut at = path.len();
        loop {
            if node_mut(document, &path[..at]).is_object() {
                return node_mut(document, &path[..at]).as_object_mut();
            }
            at = at.checked_sub(1)?;
        }
    }

    /// Edits `text` at its character `at` (modulo its length plus one) as `how` modulo 3 says:
    /// inserts `character` there, removes the character there, or puts `character` in its place
    /// (at the end, where there is no character, both of the latter append it).
    pub fn edit_text(text: &mut String, how: u8, at: usize, character: char) {
        let mut characters: Vec<char> = text.chars().collect();
        let at = at % (characters.len() + 1);
        match how % 3 {
            0 => characters.insert(at, character),
            1 if at < characters.len() => {
                characters.remove(at);
            }
            _ if at < characters.len() => characters[at] = character,
            _ => characters.push(character),
        }
        *text = characters.into_iter().collect();
    }

    /// Removes the node at `path` from its parent (nothing for the root).
    pub fn remove(document: &mut Value, path: &[Step]) {
        let Some((last, parent)) = path.split_last() else {
            return;
        };
        match (node_mut(document, parent), last) {
            (Value::Object(members), Step::Member(name)) => {
                members.shift_remove(name);
            }
            (Value::Array(items), Step::Index(index)) => {
                items.remove(*index);
            }
            _ => {}
        }
    }
}

pub mod cases {
    //! The documents of a case folder, each beside a sidecar that says what it shows, and what
    //! a sidecar lists.

    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use schema_types::PayloadKind;
    use serde_json::Value;

    /// A violation as a sidecar lists it: (pointer, rule, member).
    pub type Listed = (String, String, Option<String>);

    /// The documents of `folder`, in name order: its `.json` files, its sidecars (the files
    /// whose names end in `sidecar`, such as `.expected.json`) aside.
    ///
    /// # Errors
    ///
    /// When `folder` cannot be read.
    ///
    /// # Panics
    ///
    /// When one of its entries cannot be read.
    pub fn documents(folder: &Path, sidecar: &str) -> std::io::Result<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)?
            .map(|entry| entry.expect("a readable folder").path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "json")
                    && !path.to_string_lossy().ends_with(sidecar)
            })
            .collect();
        paths.sort();
        Ok(paths)
    }

    /// The JSON document in the file at `path`.
    ///
    /// # Panics
    ///
    /// When the file cannot be read or is not JSON, naming it.
    pub fn read_json(path: &Path) -> Value {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    }

    /// The era a sidecar names (its `era`): for a kind with eras, the one the document's report
    /// is held against.
    ///
    /// # Panics
    ///
    /// Unless the sidecar names an era exactly when `kind` has eras, naming the document at
    /// `path`.
    pub fn era(sidecar: &Value, kind: &PayloadKind, path: &Path) -> Option<String> {
        let era = sidecar["era"].as_str().map(str::to_owned);
        assert_eq!(
            era.is_some(),
            !kind.eras.is_empty(),
            "{}: a sidecar names an era exactly when its kind has eras",
            path.display()
        );
        era
    }

    /// The violations a sidecar lists (its `violations` array).
    ///
    /// # Panics
    ///
    /// When a listed violation has no `pointer` or no `rule`.
    pub fn listed(violations: &[Value]) -> BTreeSet<Listed> {
        violations
            .iter()
            .map(|violation| {
                (
                    violation["pointer"].as_str().expect("a pointer").to_owned(),
                    violation["rule"].as_str().expect("a rule").to_owned(),
                    violation["member"].as_str().map(str::to_owned),
                )
            })
            .collect()
    }
}

pub mod agreement {
    //! The key property on one document: the generated validator from bytes and from the parsed
    //! value give the same report, and the `jsonschema` crate (formats on) on the published
    //! schema gives the same verdict and the same set of instance paths; what the validator
    //! accepts deserialises into the type and serialises back to an equal document.

    use std::collections::BTreeSet;
    use std::sync::LazyLock;

    use schema_types::validate::Report;
    use schema_types::{PAYLOADS, PayloadKind, schema};
    use serde_json::Value;

    /// The published schemas compiled once, in registry order.
    static ORACLES: LazyLock<Vec<jsonschema::Validator>> = LazyLock::new(|| {
        PAYLOADS
            .iter()
            .map(|kind| {
                jsonschema::options()
                    .should_validate_formats(true)
                    .build(&kind.schema())
                    .expect("every published schema compiles")
            })
            .collect()
    });

    /// For each kind, in registry order, the `jsonschema` validator of each of its eras (in the
    /// kind's order): its published schema with the root's `anyOf` replaced by a `$ref` to that
    /// era (`#/$defs/era-NAME`), which is what a strict reader of one era validates against.
    static ERA_ORACLES: LazyLock<Vec<Vec<jsonschema::Validator>>> = LazyLock::new(|| {
        PAYLOADS
            .iter()
            .map(|kind| {
                kind.eras
                    .iter()
                    .map(|era| {
                        let mut schema = kind.schema();
                        let reference = format!("#/$defs/{}", schema::era_def(era.name()));
                        if let Value::Object(root) = &mut schema {
                            root.remove("anyOf");
                            root.insert("$ref".into(), reference.into());
                        }
                        jsonschema::options()
                            .should_validate_formats(true)
                            .build(&schema)
                            .expect("every era's schema compiles")
                    })
                    .collect()
            })
            .collect()
    });

    /// The `jsonschema` validator of the era `era` of `kind` (see [`ERA_ORACLES`]).
    ///
    /// # Panics
    ///
    /// When `kind` is not in the registry or has no such era.
    pub fn era_oracle(kind: &PayloadKind, era: &str) -> &'static jsonschema::Validator {
        let index = PAYLOADS
            .iter()
            .position(|k| k.id == kind.id)
            .expect("a registered payload");
        let era = kind
            .eras
            .iter()
            .position(|known| known.name() == era)
            .expect("an era of the kind");
        &ERA_ORACLES[index][era]
    }

    /// The `jsonschema` validator of what the upstream page documents of `kind`: its documented
    /// era for a kind with eras, else its published schema.
    pub fn documented_oracle(kind: &PayloadKind) -> &'static jsonschema::Validator {
        match kind.documented_era() {
            Some(era) => era_oracle(kind, era.name()),
            None => oracle(kind),
        }
    }

    /// The `jsonschema` validator of `kind`'s published schema (formats on), compiled once.
    ///
    /// # Panics
    ///
    /// When `kind` is not in the registry.
    pub fn oracle(kind: &PayloadKind) -> &'static jsonschema::Validator {
        let index = PAYLOADS
            .iter()
            .position(|k| k.id == kind.id)
            .expect("a registered payload");
        &ORACLES[index]
    }

    /// Checks the key property on `document`, judged from its compact serialisation; `Err`
    /// describes a disagreement.
    ///
    /// # Errors
    ///
    /// A description of the disagreement.
    ///
    /// # Panics
    ///
    /// Never for a `Value` (which always serialises).
    pub fn agreement(kind: &PayloadKind, document: &Value) -> Result<Report, String> {
        let bytes = serde_json::to_vec(document).expect("a value serialises");
        agreement_of_bytes(kind, &bytes)
    }

    /// Checks the key property on `bytes`, as any sender may write them (repeated member names,
    /// escapes, any nesting): when `serde_json` reads them, the parsed value is what
    /// `jsonschema` and the parsed path judge; when it does not, the report must be invalid.
    ///
    /// # Errors
    ///
    /// A description of the disagreement.
    pub fn agreement_of_bytes(kind: &PayloadKind, bytes: &[u8]) -> Result<Report, String> {
        let streamed = kind.validate_slice(bytes);
        let text = String::from_utf8_lossy(bytes);
        let Ok(document) = serde_json::from_slice::<Value>(bytes) else {
            if streamed.is_valid() {
                return Err(format!(
                    "{}: serde_json refuses the bytes, the validator accepts them: {text}",
                    kind.id
                ));
            }
            return Ok(streamed);
        };
        let report = kind.validate(&document);
        // The streaming path (bytes, no `Value`) reports the same violations, in document order,
        // against the same era.
        if sorted(&streamed) != sorted(&report)
            || streamed.total() != report.total()
            || streamed.era() != report.era()
        {
            return Err(format!(
                "{}: the streaming validator reports\n{streamed}\nthe parsed one\n{report}\ndocument: {text}",
                kind.id
            ));
        }
        let ours: BTreeSet<String> = report
            .violations()
            .iter()
            .map(|v| v.pointer.clone())
            .collect();
        // A kind with eras: `jsonschema` on the kind's schema gives the verdict (one `anyOf`
        // error when no era holds), and on the schema of the era the report names the paths.
        let checked = match (kind.eras.is_empty(), report.era()) {
            (true, _) => oracle(kind),
            (false, Some(era)) => {
                if oracle(kind).is_valid(&document) != report.is_valid() {
                    return Err(format!(
                        "{}: the validator says valid: {}, jsonschema on the kind's schema the \
                         opposite\ndocument: {text}",
                        kind.id,
                        report.is_valid()
                    ));
                }
                era_oracle(kind, era)
            }
            (false, None) => {
                return Err(format!(
                    "{}: a parsed document's report names no era\nreport: {report}\ndocument: {text}",
                    kind.id
                ));
            }
        };
        let theirs: BTreeSet<String> = checked
            .iter_errors(&document)
            .map(|error| error.instance_path().as_str().to_owned())
            .collect();
        if report.is_valid() != theirs.is_empty() || ours != theirs {
            return Err(format!(
                "{}: the validator reports {ours:?}, jsonschema {theirs:?}\nreport: {report}\ndocument: {text}",
                kind.id
            ));
        }
        if report.is_valid() {
            let again = kind.round_trip(document.clone()).map_err(|error| {
                format!(
                    "{}: accepted but does not deserialise: {error}\n{text}",
                    kind.id
                )
            })?;
            if !same_json(&again, &document) {
                return Err(format!(
                    "{}: accepted but changes through a round-trip:\n{text}\n{again}",
                    kind.id
                ));
            }
        }
        Ok(report)
    }

    /// The violations of a report as sorted JSON texts (pointer, rule, member, expected and
    /// found), to compare reports regardless of order.
    ///
    /// # Panics
    ///
    /// Never: a violation always serialises.
    pub fn sorted(report: &Report) -> Vec<String> {
        let mut violations: Vec<String> = report
            .violations()
            .iter()
            .map(|v| serde_json::to_string(v).expect("a violation serialises"))
            .collect();
        violations.sort();
        violations
    }

    /// JSON equality as JSON Schema's `const` sees it: numbers by value (`2.0` equals `2`).
    pub fn same_json(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                x == y
                    || (x.is_f64() != y.is_f64()
                        && x.as_f64().is_some()
                        && x.as_f64() == y.as_f64())
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
            }
            _ => a == b,
        }
    }
}

/// The code blocks of the workspace README, compiled and run as doctests so that its examples
/// stay true (here, beside the workspace, rather than in a published crate that does not carry
/// the README).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
