//! Helpers shared by the workspace's test and benchmark code; the integration tests themselves
//! live in `spec/`.
//!
//! [`paths`] addresses the nodes of a JSON document, for the code that mutates valid documents
//! into invalid ones (the property tests in `spec/agreement.rs` and the benchmark's mutants).

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

/// The code blocks of the workspace README, compiled and run as doctests so that its examples
/// stay true (here, beside the workspace, rather than in a published crate that does not carry
/// the README).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
