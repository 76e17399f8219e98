//! Helpers shared by the workspace's test and benchmark code; the integration tests themselves
//! live in `spec/`.
//!
//! [`paths`] addresses the nodes of a JSON document, for the code that mutates valid documents
//! into invalid ones (the property tests in `spec/agreement.rs` and the benchmark's mutants).
//! [`cases`] reads the folders of documents with sidecars (`invalid/`, `real/`), for the tests
//! and the benchmark's invalid sets.

pub mod paths {
    //! Every node of a document by its path, and the node at a path.

    use serde_json::Value;

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

/// The code blocks of the workspace README, compiled and run as doctests so that its examples
/// stay true (here, beside the workspace, rather than in a published crate that does not carry
/// the README).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
