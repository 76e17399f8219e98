//! A subschema reduced to what decides which documents it accepts: annotations dropped and
//! `$ref`s replaced by what they refer to. Two subschemas with the same canonical form accept
//! the same documents as written; the walk uses this to pair a removed member with an added one
//! (a rename), to pair the alternatives of a union, and to compare keywords it does not model.
//! `required` is a set: its names are sorted, so an object whose members are listed in another
//! order (a member moved into a flattened part) keeps its form.

use schema_types::schema_walk::{self, MAX_REF_HOPS};
use serde_json::{Map, Value};

use super::keywords::is_annotation;

/// A subschema with its annotations dropped and its `$ref`s replaced by what they refer to, for
/// telling whether two subschemas accept the same documents as written.
pub(super) fn canonical(root: &Value, value: &Value) -> Value {
    canonical_in(root, value, &mut Vec::new())
}

/// `canonical`, with the `$ref`s being expanded on the way (a `$ref` met again is kept as it is).
fn canonical_in(root: &Value, value: &Value, expanding: &mut Vec<String>) -> Value {
    let Value::Object(keywords) = value else {
        return value.clone();
    };
    let mut out = Map::new();
    if let Some(Value::String(reference)) = keywords.get("$ref") {
        let target = schema_walk::resolve(root, reference);
        match target {
            Ok((target, _)) if !expanding.contains(reference) && expanding.len() < MAX_REF_HOPS => {
                expanding.push(reference.clone());
                let expanded = canonical_in(root, target, expanding);
                expanding.pop();
                match expanded {
                    Value::Object(expanded) => out = expanded,
                    other => {
                        out.insert("allOf".into(), Value::Array(vec![other]));
                    }
                }
            }
            _ => {
                out.insert("$ref".into(), reference.clone().into());
            }
        }
    }
    for (keyword, value) in keywords {
        if keyword == "$ref"
            || is_annotation(keyword)
            || matches!(keyword.as_str(), "$defs" | "$id" | "$schema" | "$anchor")
        {
            continue;
        }
        let value = match keyword.as_str() {
            "items"
            | "additionalProperties"
            | "not"
            | "if"
            | "then"
            | "else"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties" => canonical_in(root, value, expanding),
            "properties" | "patternProperties" | "dependentSchemas" => match value {
                Value::Object(members) => Value::Object(
                    members
                        .iter()
                        .map(|(name, schema)| (name.clone(), canonical_in(root, schema, expanding)))
                        .collect(),
                ),
                other => other.clone(),
            },
            "anyOf" | "oneOf" | "allOf" | "prefixItems" => match value {
                Value::Array(schemas) => Value::Array(
                    schemas
                        .iter()
                        .map(|schema| canonical_in(root, schema, expanding))
                        .collect(),
                ),
                other => other.clone(),
            },
            // A set of names: the order they are listed in accepts no other document.
            "required" => match value {
                Value::Array(names) => {
                    let mut names = names.clone();
                    names.sort_by_key(|name| name.to_string());
                    names.dedup();
                    Value::Array(names)
                }
                other => other.clone(),
            },
            _ => value.clone(),
        };
        out.insert(keyword.clone(), value);
    }
    Value::Object(out)
}
