//! A subschema as the walk sees it: its keywords read through its `$ref`s, each with the
//! location it was read at (a keyword beside a `$ref` overriding the referenced one's), a
//! union with `{"type": "null"}` unwrapped to its other alternative, and a member that may be
//! `""` unwrapped to its values. Locations are JSON Pointer
//! fragments (`#/$defs/Name/type`), which is how a change names where it is in the schema.

use std::collections::{BTreeMap, BTreeSet};

use schema_types::schema_walk;
use serde_json::{Map, Value, json};

use super::DiffError;
use super::change::ContentModel;
use super::keywords::is_annotation;

/// A subschema with the location it was read at.
pub(super) type Site<'a> = (&'a Value, String);

/// A subschema read through its `$ref`s: its keywords with the location each was read at.
pub(super) struct Node<'a> {
    /// Where it was reached.
    pub(super) at: String,
    /// Every keyword, with where it was read.
    pub(super) keywords: BTreeMap<&'a str, (&'a Value, String)>,
    /// The schema `false`, or a `$ref` to it.
    pub(super) nothing: bool,
    /// The location of a union with `{"type": "null"}` this node was unwrapped from.
    pub(super) null_union: Option<String>,
}

impl<'a> Node<'a> {
    pub(super) fn get(&self, keyword: &str) -> Option<&'a Value> {
        self.keywords.get(keyword).map(|(value, _)| *value)
    }

    pub(super) fn site(&self, keyword: &str) -> Option<Site<'a>> {
        self.keywords
            .get(keyword)
            .map(|(value, at)| (*value, at.clone()))
    }

    /// Where a change to `keyword` is reported: where it stands in `self` (the new schema),
    /// else where it stood in `old`.
    pub(super) fn change_location(&self, old: &Node<'_>, keyword: &str) -> String {
        match self.keywords.get(keyword) {
            Some((_, at)) => at.clone(),
            None => old.location(keyword),
        }
    }

    /// The location of `keyword`, or where it would be.
    pub(super) fn location(&self, keyword: &str) -> String {
        match self.keywords.get(keyword) {
            Some((_, at)) => at.clone(),
            None => format!("{}/{keyword}", self.at),
        }
    }

    pub(super) fn assertions(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.keywords
            .keys()
            .copied()
            .filter(|keyword| !is_annotation(keyword))
    }

    pub(super) fn declared_types(&self) -> Option<BTreeSet<String>> {
        let names: Vec<&str> = match self.get("type")? {
            Value::String(name) => vec![name.as_str()],
            Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
            _ => return None,
        };
        Some(
            names
                .into_iter()
                .filter(|name| *name != "null")
                .map(str::to_owned)
                .collect(),
        )
    }

    pub(super) fn declares_null(&self) -> Option<bool> {
        match self.get("type")? {
            Value::String(name) => Some(name == "null"),
            Value::Array(names) => Some(names.iter().any(|name| name == "null")),
            _ => None,
        }
    }

    pub(super) fn is_object_schema(&self) -> bool {
        [
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
        ]
        .iter()
        .any(|keyword| self.keywords.contains_key(keyword))
            || self
                .declared_types()
                .is_some_and(|types| types.contains("object"))
    }

    pub(super) fn content_model(&self) -> (ContentModel, Option<Site<'a>>) {
        match self.site("additionalProperties") {
            Some((Value::Bool(false), _)) => (ContentModel::Closed, None),
            // `unevaluatedProperties: false` closes the object over every member its subschemas
            // declare too (a struct that flattens one with rules).
            None if matches!(
                self.site("unevaluatedProperties"),
                Some((Value::Bool(false), _))
            ) =>
            {
                (ContentModel::Closed, None)
            }
            Some((Value::Bool(true), _)) | None => {
                if self.keywords.contains_key("patternProperties") {
                    (ContentModel::PartiallyOpen, None)
                } else {
                    (ContentModel::Open, None)
                }
            }
            Some(schema) => (ContentModel::PartiallyOpen, Some(schema)),
        }
    }

    pub(super) fn properties(&self) -> Vec<(&'a str, &'a Value, String)> {
        match self.keywords.get("properties") {
            Some((Value::Object(members), at)) => members
                .iter()
                .map(|(name, schema)| (name.as_str(), schema, schema_walk::join(at, name)))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub(super) fn required(&self) -> BTreeSet<&'a str> {
        match self.get("required") {
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            _ => BTreeSet::new(),
        }
    }
}

/// Reads the subschema `value` (at `at`) of the schema `root`, following its `$ref`s.
pub(super) fn read<'a>(
    root: &'a Value,
    value: &'a Value,
    at: String,
) -> Result<Node<'a>, DiffError> {
    let mut layers: Vec<(&'a Map<String, Value>, String)> = Vec::new();
    let mut nothing = false;
    let (mut current, mut location) = (value, at.clone());
    loop {
        match current {
            Value::Bool(accepts) => {
                nothing = !accepts;
                break;
            }
            Value::Object(keywords) => {
                layers.push((keywords, location.clone()));
                let Some(reference) = keywords.get("$ref") else {
                    break;
                };
                let Value::String(reference) = reference else {
                    return Err(DiffError(format!("{location}/$ref: not a string")));
                };
                if layers.len() > schema_walk::MAX_REF_HOPS {
                    return Err(DiffError(format!("{at}: the `$ref`s form a cycle")));
                }
                let (target, pointer) = schema_walk::resolve(root, reference).map_err(|_| {
                    DiffError(format!(
                        "{location}/$ref: cannot resolve `{reference}` (only local references, `#/...`, are followed)"
                    ))
                })?;
                current = target;
                location = format!("#{pointer}");
            }
            _ => {
                return Err(DiffError(format!(
                    "{location}: not a schema (an object or a boolean)"
                )));
            }
        }
    }
    let mut keywords = BTreeMap::new();
    for (layer, layer_at) in layers.iter().rev() {
        let layer: &'a Map<String, Value> = layer;
        for (keyword, value) in layer {
            if keyword != "$ref" {
                keywords.insert(
                    keyword.as_str(),
                    (value, schema_walk::join(layer_at, keyword)),
                );
            }
        }
    }
    Ok(Node {
        at,
        keywords,
        nothing,
        null_union: None,
    })
}

/// Reads a subschema and, when it is a union with `{"type": "null"}`, its other alternative.
pub(super) fn read_unwrapped<'a>(
    root: &'a Value,
    value: &'a Value,
    at: String,
) -> Result<Node<'a>, DiffError> {
    let node = read(root, value, at)?;
    // A member that may be `""` instead of its values (`schema_runtime::OrEmpty`): its values'
    // keywords, beside the condition (`if`, `then`), which is compared as any keyword is.
    if let (Some((condition, _)), Some((values, values_at))) = (node.site("if"), node.site("else"))
        && schema_walk::is_or_empty_condition(condition)
    {
        let inner = read_unwrapped(root, values, values_at)?;
        let mut keywords = inner.keywords;
        for (keyword, site) in &node.keywords {
            if *keyword != "else" {
                keywords.insert(keyword, site.clone());
            }
        }
        return Ok(Node {
            at: node.at,
            keywords,
            nothing: inner.nothing,
            null_union: inner.null_union,
        });
    }
    for union in ["anyOf", "oneOf"] {
        let Some((Value::Array(alternatives), union_at)) = node.site(union) else {
            continue;
        };
        if alternatives.len() != 2 {
            continue;
        }
        let first = read(root, &alternatives[0], format!("{union_at}/0"))?;
        let second = read(root, &alternatives[1], format!("{union_at}/1"))?;
        let inner = match (is_null_only(&first), is_null_only(&second)) {
            (false, true) => first,
            (true, false) => second,
            _ => continue,
        };
        let mut keywords = inner.keywords;
        for (keyword, site) in &node.keywords {
            if *keyword != union {
                keywords.insert(keyword, site.clone());
            }
        }
        return Ok(Node {
            at: node.at,
            keywords,
            nothing: inner.nothing,
            null_union: Some(union_at),
        });
    }
    Ok(node)
}

fn is_null_only(node: &Node<'_>) -> bool {
    let assertions: Vec<&str> = node.assertions().collect();
    match assertions.as_slice() {
        ["type"] => {
            node.declares_null() == Some(true) && node.declared_types() == Some(BTreeSet::new())
        }
        ["const"] => node.get("const") == Some(&Value::Null),
        ["enum"] => node.get("enum") == Some(&json!([null])),
        _ => false,
    }
}

/// Whether a subschema accepts every value: `true`, `{}` or annotations only.
pub(super) fn accepts_anything(root: &Value, schema: &Value) -> Result<bool, DiffError> {
    let node = read(root, schema, String::new())?;
    Ok(!node.nothing && node.assertions().next().is_none())
}
