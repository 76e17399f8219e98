//! Reading a published schema as a tree of members: local `$ref`s resolved, and the members of
//! each object listed with where they stand in the schema and in a document.
//!
//! The privacy inventory, the documentation pages, `cargo xtask diff` and the tests all read
//! schemas; they resolve a reference, follow a chain of them and name a member by a JSON Pointer
//! here, so that a reference and a pointer mean the same to each of them. Member names become
//! pointer tokens through the runtime's [`pointer`](mod@pointer) module, the one place names are
//! escaped.
//!
//! ```
//! use schema_types::schema_walk;
//! use serde_json::json;
//!
//! let schema = json!({
//!     "type": "object",
//!     "properties": {"user": {"$ref": "#/$defs/User"}},
//!     "$defs": {"User": {"type": "object", "properties": {"a/b": {"type": "string"}}}}
//! });
//! let mut found = Vec::new();
//! schema_walk::walk(&schema, |member| {
//!     found.push((member.document_pointer.clone(), member.schema_pointer.clone()));
//!     true
//! })
//! .unwrap();
//! assert_eq!(
//!     found,
//!     [
//!         ("/user".to_owned(), "/properties/user".to_owned()),
//!         ("/user/a~1b".to_owned(), "/$defs/User/properties/a~1b".to_owned()),
//!     ]
//! );
//! ```

use std::fmt;

use serde_json::Value;

use crate::validate::pointer;

/// How many `$ref`s in a row are followed before the chain is taken for a cycle.
pub const MAX_REF_HOPS: usize = 64;

/// The token of a document pointer template that stands for any item of an array
/// (`/usageData/*/user`).
pub const ANY_ITEM: &str = "*";

/// The token of a document pointer template that stands for any member of an open map
/// (`/labels/{name}`).
pub const ANY_MEMBER: &str = "{name}";

/// A reference that cannot be followed, or a schema whose members have no end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefError {
    /// A reference to another document (only `#...` is followed).
    NotLocal(String),
    /// A local reference to nothing in the schema.
    Unresolved(String),
    /// A reference in a chain of more than [`MAX_REF_HOPS`] references: a cycle.
    Cycle(String),
    /// The object schema at this pointer holds itself among the schemas of its members, so its
    /// members cannot all be listed.
    Recursive(String),
}

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotLocal(reference) => write!(
                f,
                "`{reference}` is not a local reference (only `#/...` is followed)"
            ),
            Self::Unresolved(reference) => {
                write!(f, "`{reference}` refers to nothing in the schema")
            }
            Self::Cycle(reference) => write!(f, "the `$ref`s through `{reference}` form a cycle"),
            Self::Recursive(pointer) => write!(f, "`#{pointer}` holds itself among its members"),
        }
    }
}

impl std::error::Error for RefError {}

/// The value the local reference `reference` (`#`, `#/$defs/Name`) refers to in `root`, with
/// its JSON Pointer (`""`, `/$defs/Name`).
pub fn resolve<'a, 'r>(
    root: &'a Value,
    reference: &'r str,
) -> Result<(&'a Value, &'r str), RefError> {
    let pointer = reference
        .strip_prefix('#')
        .ok_or_else(|| RefError::NotLocal(reference.to_owned()))?;
    let target = root
        .pointer(pointer)
        .ok_or_else(|| RefError::Unresolved(reference.to_owned()))?;
    Ok((target, pointer))
}

/// `schema` read through its `$ref`s: the schema at the end of the chain of references that
/// starts at `schema` (`schema` itself when it is no reference).
pub fn follow<'a>(root: &'a Value, schema: &'a Value) -> Result<&'a Value, RefError> {
    follow_from(root, schema, "").map(|(schema, _)| schema)
}

/// [`follow`], with the pointer of the schema reached (`at`, the pointer of `schema`, when it is
/// no reference).
fn follow_from<'a>(
    root: &'a Value,
    schema: &'a Value,
    at: &str,
) -> Result<(&'a Value, String), RefError> {
    let (mut schema, mut at) = (schema, at.to_owned());
    for _ in 0..MAX_REF_HOPS {
        let Some(reference) = reference_of(schema) else {
            return Ok((schema, at));
        };
        let (target, pointer) = resolve(root, reference)?;
        (schema, at) = (target, pointer.to_owned());
    }
    match reference_of(schema) {
        Some(reference) => Err(RefError::Cycle(reference.to_owned())),
        None => Ok((schema, at)),
    }
}

fn reference_of(schema: &Value) -> Option<&str> {
    schema.get("$ref").and_then(Value::as_str)
}

/// The pointer of the member `name` of the value at `parent`: `parent`, a `/`, and `name` as a
/// reference token (`~` as `~0`, `/` as `~1`).
pub fn join(parent: &str, name: &str) -> String {
    let mut joined = String::with_capacity(parent.len() + name.len() + 1);
    joined.push_str(parent);
    joined.push('/');
    pointer::push_token(&mut joined, name);
    joined
}

/// An object schema, read through its `$ref`s, at its place in the schema and in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Object<'a> {
    /// The schema, with `properties`.
    pub schema: &'a Value,
    /// Where it stands in the schema: `""` for the root, `/$defs/Name`.
    pub schema_pointer: String,
    /// Where an instance stands in a document, as a template (see [`Member::document_pointer`]).
    pub document_pointer: String,
}

impl<'a> Object<'a> {
    /// The whole document's schema.
    pub fn root(root: &'a Value) -> Self {
        Self {
            schema: root,
            schema_pointer: String::new(),
            document_pointer: String::new(),
        }
    }
}

/// A member of an object schema: a named member (`properties`) or any member of an open map
/// (an `additionalProperties` schema).
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    /// The member's name; `None` for any member of an open map.
    pub name: Option<&'a str>,
    /// The member's schema as its object declares it: perhaps a `$ref`, with annotations beside
    /// it.
    pub declared: &'a Value,
    /// `declared` read through its `$ref`s.
    pub schema: &'a Value,
    /// Where `declared` stands in the schema: `/$defs/Ping/properties/user~1id`.
    pub schema_pointer: String,
    /// Where the member stands in a document, as a template: names escaped, [`ANY_ITEM`] for
    /// any item of an array, [`ANY_MEMBER`] for any member of an open map
    /// (`/usageData/*/user`).
    pub document_pointer: String,
    /// The object that holds the member's own members: its schema when that has `properties`,
    /// else its `items` schema when that has them (then at `document_pointer` + `/*`).
    pub inner: Option<Object<'a>>,
}

impl<'a> Member<'a> {
    /// The member's annotation `keyword`: its own (beside a `$ref`), else the one of the schema
    /// its `$ref` leads to (a newtype's description or privacy class).
    pub fn annotation(&self, keyword: &str) -> Option<&'a Value> {
        self.declared
            .get(keyword)
            .or_else(|| self.schema.get(keyword))
    }
}

/// The members of `object` (read through its `$ref`s), in schema order: its `properties`, then
/// its `additionalProperties` when that is a schema object.
pub fn members<'a>(root: &'a Value, object: &Object<'a>) -> Result<Vec<Member<'a>>, RefError> {
    let (schema, at) = follow_from(root, object.schema, &object.schema_pointer)?;
    let named = schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, declared)| {
            let schema_pointer = join(&format!("{at}/properties"), name);
            let document_pointer = join(&object.document_pointer, name);
            (
                Some(name.as_str()),
                declared,
                schema_pointer,
                document_pointer,
            )
        });
    let open = schema
        .get("additionalProperties")
        .filter(|extra| extra.is_object())
        .map(|extra| {
            let schema_pointer = format!("{at}/additionalProperties");
            let document_pointer = format!("{}/{ANY_MEMBER}", object.document_pointer);
            (None, extra, schema_pointer, document_pointer)
        });
    named
        .chain(open)
        .map(|(name, declared, schema_pointer, document_pointer)| {
            let (schema, target_at) = follow_from(root, declared, &schema_pointer)?;
            let inner = inner(root, schema, target_at, &document_pointer)?;
            Ok(Member {
                name,
                declared,
                schema,
                schema_pointer,
                document_pointer,
                inner,
            })
        })
        .collect()
}

/// The object that holds the own members of a member whose schema (read through its `$ref`s,
/// at `at`) is `schema`; for a member that may also be `null` (`anyOf` of a schema and
/// `{"type": "null"}`, as schemars writes an optional `$ref`), that schema's object.
fn inner<'a>(
    root: &'a Value,
    schema: &'a Value,
    at: String,
    document_pointer: &str,
) -> Result<Option<Object<'a>>, RefError> {
    if let Some((index, value)) = nullable_alternative(schema) {
        let (value, value_at) = follow_from(root, value, &format!("{at}/anyOf/{index}"))?;
        return inner(root, value, value_at, document_pointer);
    }
    if let Some(value) = or_empty(schema) {
        let (value, value_at) = follow_from(root, value, &format!("{at}/else"))?;
        return inner(root, value, value_at, document_pointer);
    }
    if has_properties(schema) {
        return Ok(Some(Object {
            schema,
            schema_pointer: at,
            document_pointer: document_pointer.to_owned(),
        }));
    }
    let Some(items) = schema.get("items") else {
        return Ok(None);
    };
    let (items, items_at) = follow_from(root, items, &format!("{at}/items"))?;
    Ok(has_properties(items).then(|| Object {
        schema: items,
        schema_pointer: items_at,
        document_pointer: format!("{document_pointer}/{ANY_ITEM}"),
    }))
}

/// The schema beside `{"type": "null"}` in an `anyOf` of exactly two, with its index.
fn nullable_alternative(schema: &Value) -> Option<(usize, &Value)> {
    let [first, second] = schema.get("anyOf")?.as_array()?.as_slice() else {
        return None;
    };
    let is_null = |alternative: &Value| alternative.get("type") == Some(&Value::from("null"));
    match (is_null(first), is_null(second)) {
        (false, true) => Some((0, first)),
        (true, false) => Some((1, second)),
        _ => None,
    }
}

/// The schema of a member's values when the member may also be `""` instead
/// (`schema_runtime::OrEmpty`: `{"if": {"type": "string"}, "then": {"type": "string",
/// "maxLength": 0}, "else": VALUES}`), else `None`.
pub fn or_empty(schema: &Value) -> Option<&Value> {
    is_or_empty_condition(schema.get("if")?)
        .then(|| schema.get("else"))
        .flatten()
}

/// Whether `condition` is the `if` of a member that may be `""` (`{"type": "string"}`).
pub fn is_or_empty_condition(condition: &Value) -> bool {
    condition.as_object().is_some_and(|condition| {
        condition.len() == 1 && condition.get("type").is_some_and(|t| t == "string")
    })
}

fn has_properties(schema: &Value) -> bool {
    schema.get("properties").is_some()
}

/// One era of a kind with eras, as its schema holds it: the root is the `anyOf` of the eras,
/// each a `$ref` to `$defs/era-NAME`, which names the era in `x-era`
/// ([`crate::schema::ERA_KEYWORD`]) beside a `$ref` to the era's own schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Era<'a> {
    /// The era's name (`2023`).
    pub name: &'a str,
    /// Whether the upstream page documents this era.
    pub documented: bool,
    /// What the era is: which emitters send it, from which source.
    pub description: Option<&'a str>,
    /// The era's document: its object schema, at the root of a document.
    pub object: Object<'a>,
}

/// The eras of the schema `root`, oldest first: empty unless its root is the `anyOf` of a
/// kind's eras.
pub fn eras(root: &Value) -> Result<Vec<Era<'_>>, RefError> {
    let Some(alternatives) = root.get("anyOf").and_then(Value::as_array) else {
        return Ok(Vec::new());
    };
    let mut eras = Vec::new();
    for (index, alternative) in alternatives.iter().enumerate() {
        let (schema, at) = match reference_of(alternative) {
            Some(reference) => {
                let (target, pointer) = resolve(root, reference)?;
                (target, pointer.to_owned())
            }
            None => (alternative, format!("/anyOf/{index}")),
        };
        let Some(era) = schema.get(crate::schema::ERA_KEYWORD) else {
            continue;
        };
        let Some(name) = crate::schema::era_name(era) else {
            continue;
        };
        eras.push(Era {
            name,
            documented: era.get("documented") == Some(&Value::Bool(true)),
            description: schema.get("description").and_then(Value::as_str),
            object: Object {
                schema,
                schema_pointer: at,
                document_pointer: String::new(),
            },
        });
    }
    Ok(eras)
}

/// The objects a document of the schema `root` can be: its root, or each of its eras.
fn documents(root: &Value) -> Result<Vec<Object<'_>>, RefError> {
    let eras = eras(root)?;
    if eras.is_empty() {
        return Ok(vec![Object::root(root)]);
    }
    Ok(eras.into_iter().map(|era| era.object).collect())
}

/// The names of the top-level members a document of the schema `root` may have: its root's
/// `properties`, or those of every era of a kind with eras.
pub fn top_level_names(root: &Value) -> Result<std::collections::BTreeSet<String>, RefError> {
    let mut names = std::collections::BTreeSet::new();
    for object in documents(root)? {
        for member in members(root, &object)? {
            names.extend(member.name.map(str::to_owned));
        }
    }
    Ok(names)
}

/// Visits every member of the schema `root`, depth first in schema order: each member, then
/// (when `visit` returns `true` and the member has an [`inner`](Member::inner) object) its own
/// members. For a kind with eras, the members of each era in turn, oldest first ([`walk_era`]
/// walks one).
pub fn walk<'a>(
    root: &'a Value,
    mut visit: impl FnMut(&Member<'a>) -> bool,
) -> Result<(), RefError> {
    for object in documents(root)? {
        walk_object(root, &object, &mut visit, &mut Vec::new())?;
    }
    Ok(())
}

/// [`walk`], over the members of one era of the schema `root`.
pub fn walk_era<'a>(
    root: &'a Value,
    era: &Era<'a>,
    mut visit: impl FnMut(&Member<'a>) -> bool,
) -> Result<(), RefError> {
    walk_object(root, &era.object, &mut visit, &mut Vec::new())
}

/// Walks the members of `object`; `open` holds the schema pointers of the objects being walked,
/// which ends the walk of a schema that holds itself.
fn walk_object<'a>(
    root: &'a Value,
    object: &Object<'a>,
    visit: &mut impl FnMut(&Member<'a>) -> bool,
    open: &mut Vec<String>,
) -> Result<(), RefError> {
    if open.contains(&object.schema_pointer) {
        return Err(RefError::Recursive(object.schema_pointer.clone()));
    }
    open.push(object.schema_pointer.clone());
    for member in members(root, object)? {
        if visit(&member) {
            if let Some(inner) = &member.inner {
                walk_object(root, inner, visit, open)?;
            }
        }
    }
    open.pop();
    Ok(())
}

/// The member of the schema `root` at `document_pointer`, a template as
/// [`Member::document_pointer`] writes it (`/usageData/*/user`), if the schema has one there.
///
/// For a kind with eras, the member of the first era (oldest first) that has one there.
pub fn find<'a>(root: &'a Value, document_pointer: &str) -> Result<Option<Member<'a>>, RefError> {
    for object in documents(root)? {
        if let Some(member) = find_in(root, object, document_pointer)? {
            return Ok(Some(member));
        }
    }
    Ok(None)
}

/// [`find`], from `object`.
fn find_in<'a>(
    root: &'a Value,
    mut object: Object<'a>,
    document_pointer: &str,
) -> Result<Option<Member<'a>>, RefError> {
    loop {
        let within = |member: &Member<'_>| {
            document_pointer
                .strip_prefix(member.document_pointer.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        let Some(member) = members(root, &object)?.into_iter().find(within) else {
            return Ok(None);
        };
        if member.document_pointer == document_pointer {
            return Ok(Some(member));
        }
        match member.inner {
            Some(inner) => object = inner,
            None => return Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// Every member `walk` visits when it descends everywhere, as (document pointer, schema
    /// pointer).
    fn walked(root: &Value) -> Result<Vec<(String, String)>, RefError> {
        let mut found = Vec::new();
        walk(root, |member| {
            found.push((
                member.document_pointer.clone(),
                member.schema_pointer.clone(),
            ));
            true
        })?;
        Ok(found)
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(document, schema)| ((*document).to_owned(), (*schema).to_owned()))
            .collect()
    }

    #[test]
    fn a_chain_of_references_is_followed_to_its_end() {
        let root = json!({
            "$defs": {
                "A": {"$ref": "#/$defs/B"},
                "B": {"$ref": "#/$defs/C"},
                "C": {"type": "string", "description": "the end"}
            },
            "properties": {"start": {"$ref": "#/$defs/A", "description": "its own"}}
        });
        let start = &root["properties"]["start"];
        assert_eq!(follow(&root, start), Ok(&root["$defs"]["C"]));
        assert_eq!(
            resolve(&root, "#/$defs/A"),
            Ok((&root["$defs"]["A"], "/$defs/A"))
        );
        assert_eq!(resolve(&root, "#"), Ok((&root, "")));
        let plain = json!({"type": "integer"});
        assert_eq!(follow(&root, &plain), Ok(&plain));

        let member = find(&root, "/start").unwrap().expect("a member");
        assert_eq!(member.schema, &root["$defs"]["C"]);
        assert_eq!(member.schema_pointer, "/properties/start");
        assert_eq!(member.annotation("description"), Some(&json!("its own")));
        assert_eq!(member.annotation("type"), Some(&json!("string")));
    }

    #[test]
    fn members_are_found_through_references_items_and_open_maps() {
        let root = json!({
            "$ref": "#/$defs/Report",
            "$defs": {
                "Report": {"type": "object", "properties": {
                    "users": {"type": "array", "items": {"$ref": "#/$defs/User"}},
                    "labels": {"type": "object", "properties": {}, "additionalProperties": {"type": "string"}}
                }},
                "User": {"type": "object", "properties": {"id": {"type": "string"}}}
            }
        });
        assert_eq!(
            walked(&root),
            Ok(pairs(&[
                ("/users", "/$defs/Report/properties/users"),
                ("/users/*/id", "/$defs/User/properties/id"),
                ("/labels", "/$defs/Report/properties/labels"),
                (
                    "/labels/{name}",
                    "/$defs/Report/properties/labels/additionalProperties"
                ),
            ]))
        );
        let any_label = find(&root, "/labels/{name}").unwrap().expect("a member");
        assert_eq!(any_label.name, None);
        assert_eq!(
            find(&root, "/users/*/id").unwrap().unwrap().name,
            Some("id")
        );
        assert_eq!(find(&root, "/users/*/name"), Ok(None));
        assert_eq!(find(&root, "/users/id"), Ok(None));
    }

    #[test]
    fn a_name_with_a_tilde_and_a_slash_is_escaped_in_both_pointers() {
        let root = json!({"properties": {"a~b/c": {"properties": {"~/": {"type": "null"}}}}});
        assert_eq!(
            walked(&root),
            Ok(pairs(&[
                ("/a~0b~1c", "/properties/a~0b~1c"),
                ("/a~0b~1c/~0~1", "/properties/a~0b~1c/properties/~0~1"),
            ]))
        );
        let member = find(&root, "/a~0b~1c/~0~1").unwrap().expect("a member");
        assert_eq!(member.name, Some("~/"));
        assert_eq!(root.pointer(&member.schema_pointer), Some(member.declared));
        assert_eq!(join("/x", "a~b/c"), "/x/a~0b~1c");
        assert_eq!(join("", "plain"), "/plain");
    }

    #[test]
    fn a_reference_that_cannot_be_followed_is_an_error() {
        let root = json!({
            "$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}},
            "properties": {"missing": {"$ref": "#/$defs/Gone"}}
        });
        let missing = RefError::Unresolved("#/$defs/Gone".to_owned());
        assert_eq!(resolve(&root, "#/$defs/Gone"), Err(missing.clone()));
        assert_eq!(walked(&root), Err(missing.clone()));
        assert_eq!(find(&root, "/missing"), Err(missing.clone()));
        assert_eq!(
            missing.to_string(),
            "`#/$defs/Gone` refers to nothing in the schema"
        );
        assert_eq!(
            resolve(&root, "other.json#/$defs/A"),
            Err(RefError::NotLocal("other.json#/$defs/A".to_owned()))
        );
        assert!(matches!(
            follow(&root, &root["$defs"]["A"]),
            Err(RefError::Cycle(_))
        ));
    }

    #[test]
    fn a_schema_that_holds_itself_ends_the_walk() {
        let root = json!({
            "$ref": "#/$defs/Node",
            "$defs": {"Node": {"type": "object", "properties": {
                "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}
            }}}
        });
        assert_eq!(
            walked(&root),
            Err(RefError::Recursive("/$defs/Node".to_owned()))
        );
        let mut first = Vec::new();
        walk(&root, |member| {
            first.push(member.document_pointer.clone());
            false
        })
        .expect("a walk that does not descend ends");
        assert_eq!(first, ["/children"]);
    }
}
