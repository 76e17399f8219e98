//! The values a subschema is restricted to: a `const`, an `enum`, or a `oneOf`/`anyOf` whose
//! alternatives are all `const`s (how schemars writes a Rust enum, each value with its own
//! description). Two enumerations are compared by their values, not as unions.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::DiffError;
use super::keywords::is_annotation;
use super::node::{Node, read};

/// The values a subschema is restricted to, with the annotations of each.
pub(super) struct Enumeration<'a> {
    /// Each value, with its annotations and where it is declared.
    pub(super) members: Vec<(&'a Value, Map<String, Value>, String)>,
    /// The union (`oneOf`, `anyOf`) the values were read from, which the walk then leaves alone.
    pub(super) union: Option<&'static str>,
    /// Where the enumeration is declared.
    pub(super) at: String,
}

impl Enumeration<'_> {
    pub(super) fn has(&self, value: &Value) -> bool {
        self.members.iter().any(|(member, _, _)| *member == value)
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &Value> {
        self.members
            .iter()
            .map(|(value, _, _)| *value)
            .filter(|value| !value.is_null())
    }

    pub(super) fn types(&self) -> BTreeSet<String> {
        self.values()
            .map(|value| json_type(value).to_owned())
            .collect()
    }
}

/// The enumeration `node` is restricted to, if it is one.
pub(super) fn enumeration<'a>(
    root: &'a Value,
    node: &Node<'a>,
) -> Result<Option<Enumeration<'a>>, DiffError> {
    if let Some((value, at)) = node.site("const") {
        return Ok(Some(Enumeration {
            members: vec![(value, Map::new(), at.clone())],
            union: None,
            at,
        }));
    }
    if let Some((Value::Array(values), at)) = node.site("enum") {
        return Ok(Some(Enumeration {
            members: values
                .iter()
                .enumerate()
                .map(|(index, value)| (value, Map::new(), format!("{at}/{index}")))
                .collect(),
            union: None,
            at,
        }));
    }
    for union in ["oneOf", "anyOf"] {
        let Some((Value::Array(alternatives), at)) = node.site(union) else {
            continue;
        };
        let mut members = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let alternative = read(root, alternative, format!("{at}/{index}"))?;
            let constant = alternative.get("const");
            let only_constant = alternative
                .assertions()
                .all(|keyword| matches!(keyword, "const" | "type"));
            match constant {
                Some(value) if only_constant => {
                    members.push((value, annotations(&alternative), alternative.at.clone()))
                }
                _ => break,
            }
        }
        if !alternatives.is_empty() && members.len() == alternatives.len() {
            return Ok(Some(Enumeration {
                members,
                union: Some(union),
                at,
            }));
        }
    }
    Ok(None)
}

fn annotations(node: &Node<'_>) -> Map<String, Value> {
    node.keywords
        .iter()
        .filter(|(keyword, _)| is_annotation(keyword))
        .map(|(keyword, (value, _))| ((*keyword).to_owned(), (*value).clone()))
        .collect()
}

/// The JSON type of a value, integers apart from other numbers.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(number) if number.is_i64() || number.is_u64() => "integer",
        Value::Number(number) if number.as_f64().is_some_and(|n| n.fract() == 0.0) => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
