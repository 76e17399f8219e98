//! Cross-member rules: constraints that tie members of one object together, which no member's
//! own schema can state (a Segment call names its sender by `userId`, `anonymousId` or both;
//! an anonymous usage pulse is a view-mode one).
//!
//! A struct states its rules once, in `#[schemars(transform = schema_runtime::rules!(...))]`.
//! `#[derive(Validate)]` reads them into [`Rules::RULES`], data that three readers follow: the
//! published schema ([`Publish`], the transform `rules!` expands to, which schemars runs on the
//! struct's schema), the validator ([`check`], on both paths, after the object's members), and
//! the random fixtures ([`holds`], which a draw must meet). The forms:
//!
//! - [`CrossRule::AtLeastOne`]: at least one of the members is present and not `null`; in the
//!   schema an `anyOf` of one `{"required": [M], "properties": {M: {"not": {"type": "null"}}}}`
//!   per member. Its violation points at the object.
//! - [`CrossRule::IfThen`]: when member A is present and holds X, member B (when present) holds
//!   Y, matches a pattern, or is an object with given members ([`Then::Members`]); in the schema
//!   `if`/`then`. Its violation points at B, as `jsonschema` reports the `then` that fails; for
//!   [`Then::Members`], a member B lacks is reported at B with the member named (as `required`
//!   is), and a member B's type declares but the rule forbids at that member (the schema states
//!   it as `not: {}`).
//!
//! Each rule is one item of the object schema's `allOf`, so that rules never meet the `anyOf`
//! a kind with eras has at its root, nor each other; the item is marked `"x-rule"` with the
//! rule's name (`at-least-one`, `if-then`, as its violations name it), so that a reader of the
//! schema tells a rule, which constrains the object it stands in and declares no object of its
//! own, from a schema of the document's objects.

use std::marker::PhantomData;

use schemars::Schema;
use schemars::transform::Transform;
use serde_json::{Map, Value, json};

use super::checker::Checker;
use super::report::Rule;
use super::seen::Seen;
use super::{Members, Validate};

/// A value a rule compares a member with: `true`, `false` or a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Literal {
    /// A boolean.
    Bool(bool),
    /// A string.
    String(&'static str),
}

impl Literal {
    /// Whether `seen` is this value (JSON equality, as `const`).
    pub fn is(self, seen: &Seen<'_>) -> bool {
        match (self, seen) {
            (Self::Bool(expected), Seen::Bool(found)) => expected == *found,
            (Self::String(expected), Seen::String(found)) => expected == found,
            _ => false,
        }
    }

    fn to_json(self) -> Value {
        match self {
            Self::Bool(flag) => Value::Bool(flag),
            Self::String(text) => Value::String(text.to_owned()),
        }
    }

    /// The value in words: `the value true`, `the string "view"`.
    fn described(self) -> String {
        schema_vocabulary::pinned(&self.to_json().to_string())
    }
}

/// What the `then` of an [`CrossRule::IfThen`] asks of its member.
#[derive(Clone, Copy, Debug)]
pub enum Then {
    /// The member holds this value (`const`).
    Equals(Literal),
    /// The member, when a string, matches `pattern` (`pattern`); `matches` is the compiled
    /// check the derive generates for it.
    Pattern {
        /// The regular expression, as the schema states it.
        pattern: &'static str,
        /// Whether a string matches it.
        matches: fn(&str) -> bool,
    },
    /// The member, when an object, has each of `required`, and of the members its type declares
    /// ([`ObjectType`]) none but `required` and `optional`; a member the type does not declare is
    /// the type's own concern (a closed type refuses it).
    Members {
        /// The members it must have, each with the text of its violation when missing.
        required: &'static [(&'static str, &'static str)],
        /// The members it may have besides.
        optional: &'static [&'static str],
        /// The type of the object, which lists the members it declares.
        object: ObjectType,
        /// The text of the violation of a member it must not have.
        absent: &'static str,
    },
}

impl Then {
    /// Whether `seen` meets it (a [`Self::Members`] is checked member by member, in [`check`]).
    fn holds(self, seen: &Seen<'_>) -> bool {
        match self {
            Self::Equals(literal) => literal.is(seen),
            Self::Pattern { matches, .. } => seen.as_str().is_none_or(matches),
            Self::Members { .. } => true,
        }
    }

    fn to_schema(self, then_member: &str) -> Value {
        match self {
            Self::Members {
                required,
                optional,
                object,
                absent,
            } => {
                let declared = object.names();
                for name in required.iter().map(|(name, _)| name).chain(optional) {
                    assert!(
                        declared.contains(name),
                        "a rule names `{name}` among the members of `{then_member}`, which its \
                         type does not declare (it declares {declared:?})"
                    );
                }
                let names: Vec<&str> = required.iter().map(|(name, _)| *name).collect();
                let mut schema = Map::new();
                let described = schema_vocabulary::members(&names, optional);
                schema.insert("description".to_owned(), json!(described));
                // The member's own schema makes it an object; stated here too, beside the
                // object keywords, as strict validators (ajv's `strictTypes`) ask.
                schema.insert("type".to_owned(), json!("object"));
                if !required.is_empty() {
                    schema.insert("required".to_owned(), json!(names));
                }
                // Each required member named among the properties (as ajv's `strictRequired`
                // asks; its own schema stays the type's), described by its violation's text, then
                // the forbidden ones.
                let properties: Map<String, Value> = required
                    .iter()
                    .map(|(name, missing)| ((*name).to_owned(), json!({"description": missing})))
                    .chain(
                        declared
                            .iter()
                            .filter(|name| !self.allows(name))
                            .map(|name| {
                                (
                                    (*name).to_owned(),
                                    json!({"description": absent, "not": {}}),
                                )
                            }),
                    )
                    .collect();
                if !properties.is_empty() {
                    schema.insert("properties".to_owned(), Value::Object(properties));
                }
                Value::Object(schema)
            }
            Self::Equals(literal) => json!({
                "description": literal.described(),
                "const": literal.to_json(),
            }),
            // `pattern` holds only for strings; stated with the type it applies to, as strict
            // validators (ajv's `strictTypes`) ask, and with other types left free as before.
            Self::Pattern { pattern, .. } => json!({
                "description": schema_vocabulary::pattern(pattern),
                "anyOf": [
                    {"not": {"type": "string"}},
                    {"type": "string", "pattern": pattern},
                ],
            }),
        }
    }

    /// Whether a [`Self::Members`] lets its object have member `name`.
    fn allows(self, name: &str) -> bool {
        match self {
            Self::Members {
                required, optional, ..
            } => required.iter().any(|(known, _)| *known == name) || optional.contains(&name),
            _ => true,
        }
    }
}

/// The type of the object a [`Then::Members`] constrains: the members it declares, read
/// through its [`Members`] implementation.
#[derive(Clone, Copy)]
pub struct ObjectType {
    count: usize,
    name_of: fn(usize) -> Option<&'static str>,
    type_name: fn() -> &'static str,
}

impl ObjectType {
    /// The type `T`.
    #[must_use]
    pub const fn of<T: Members>() -> Self {
        Self {
            count: T::MEMBERS,
            name_of: T::name_of,
            type_name: std::any::type_name::<T>,
        }
    }

    /// The members the type declares, in its order.
    pub fn names(self) -> Vec<&'static str> {
        (0..self.count).filter_map(self.name_of).collect()
    }
}

impl std::fmt::Debug for ObjectType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str((self.type_name)())
    }
}

/// One cross-member rule of a struct, naming members by their names in documents. `expected`
/// is its violation's text, written by the derive from `schema_vocabulary`.
#[derive(Clone, Copy, Debug)]
pub enum CrossRule {
    /// At least one of `members` is present and not `null`.
    AtLeastOne {
        /// The members, in the order stated.
        members: &'static [&'static str],
        /// `schema_vocabulary::at_least_one` of the members.
        expected: &'static str,
    },
    /// When `member` is present and holds `value`, `then_member` (when present) meets `then`.
    IfThen {
        /// The member the condition reads.
        member: &'static str,
        /// The value it compares that member with.
        value: Literal,
        /// The member the rule constrains.
        then_member: &'static str,
        /// What it asks of that member.
        then: Then,
        /// `schema_vocabulary::when` of the rule.
        expected: &'static str,
    },
}

impl CrossRule {
    /// The rule as a JSON Schema, one item of an object schema's `allOf`, described (as every
    /// property of a published schema is) in the words of its violations.
    pub fn to_schema(&self) -> Value {
        match *self {
            Self::AtLeastOne { members, expected } => {
                let branches: Vec<Value> = members
                    .iter()
                    .map(|member| {
                        json!({
                            "required": [member],
                            "properties": {
                                *member: {
                                    "description": schema_vocabulary::at_least_one(&[member]),
                                    "not": { "type": "null" },
                                },
                            },
                        })
                    })
                    .collect();
                json!({
                    "description": expected,
                    "x-rule": Rule::AtLeastOne.name(),
                    "anyOf": branches,
                })
            }
            Self::IfThen {
                member,
                value,
                then_member,
                then,
                expected,
            } => json!({
                "description": expected,
                "x-rule": Rule::IfThen.name(),
                "if": {
                    "required": [member],
                    "properties": {
                        member: { "description": value.described(), "const": value.to_json() },
                    },
                },
                "then": {
                    "properties": { then_member: then.to_schema(then_member) },
                },
            }),
        }
    }
}

/// A struct's cross-member rules, implemented by `#[derive(Validate)]` for a struct that states
/// some (see the module's documentation).
pub trait Rules {
    /// The rules, in the order stated.
    const RULES: &'static [CrossRule];
}

/// The schemars transform that writes `T`'s rules into its schema: what
/// `schema_runtime::rules!(...)` stands for in `#[schemars(transform = ...)]`.
pub struct Publish<T>(PhantomData<fn() -> T>);

impl<T> Publish<T> {
    /// The transform.
    #[must_use]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Publish<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Rules> Transform for Publish<T> {
    fn transform(&mut self, schema: &mut Schema) {
        publish(T::RULES, schema);
    }
}

/// Appends `rules` to the `allOf` of `schema` (an object schema).
pub fn publish(rules: &[CrossRule], schema: &mut Schema) {
    if rules.is_empty() {
        return;
    }
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let all_of = object
        .entry("allOf")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(items) = all_of {
        items.extend(rules.iter().map(CrossRule::to_schema));
    }
}

/// Checks `rules` on an object after its members were checked, `member` giving what the object
/// holds under a name, `object` the members of the object it holds under a name (for the
/// members a [`Then::Members`] constrains), `count` its number of members. Every violation is
/// recorded at the checker's position (the object's) or, for an `if`/`then`, at the constrained
/// member or below it.
pub fn check<'s, 'o>(
    rules: &[CrossRule],
    member: impl Fn(&str) -> Option<Seen<'s>>,
    object: impl Fn(&str) -> Option<&'o Map<String, Value>>,
    count: usize,
    checker: &mut Checker<'_>,
) {
    for rule in rules {
        match *rule {
            CrossRule::AtLeastOne { members, expected } => {
                let met = members
                    .iter()
                    .any(|name| member(name).is_some_and(|seen| seen != Seen::Null));
                if !met {
                    checker.violation(Rule::AtLeastOne, expected, &Seen::Object(count));
                }
            }
            CrossRule::IfThen {
                member: condition,
                value,
                then_member,
                then,
                expected,
            } => {
                if !member(condition).is_some_and(|seen| value.is(&seen)) {
                    continue;
                }
                if let Then::Members { .. } = then {
                    if let Some(members) = object(then_member) {
                        checker.enter_declared_member(then_member);
                        check_nested(then, members, checker);
                        checker.leave();
                    }
                    continue;
                }
                if let Some(seen) = member(then_member) {
                    if !then.holds(&seen) {
                        checker.enter_declared_member(then_member);
                        checker.violation(Rule::IfThen, expected, &seen);
                        checker.leave();
                    }
                }
            }
        }
    }
}

/// A [`Then::Members`] on the object `members`, at the checker's position (the object's).
fn check_nested(then: Then, members: &Map<String, Value>, checker: &mut Checker<'_>) {
    let Then::Members {
        required,
        object,
        absent,
        ..
    } = then
    else {
        return;
    };
    for (name, expected) in required {
        if !members.contains_key(*name) {
            let found = Seen::Object(members.len());
            checker.violation_about(name, Rule::IfThen, *expected, &found);
        }
    }
    for index in 0..object.count {
        let Some(name) = (object.name_of)(index) else {
            continue;
        };
        if then.allows(name) {
            continue;
        }
        if let Some(value) = members.get(name) {
            checker.enter_declared_member(name);
            checker.violation(Rule::IfThen, absent, &Seen::owned(value));
            checker.leave();
        }
    }
}

/// The parsed path's [`check`] of the object `members`.
pub fn check_members(rules: &[CrossRule], members: &Map<String, Value>, checker: &mut Checker<'_>) {
    check(
        rules,
        |name| members.get(name).map(Seen::of),
        |name| members.get(name).and_then(Value::as_object),
        members.len(),
        checker,
    );
}

/// The streaming path of a struct that flattens a struct with rules ([`Members::HAS_RULES`]):
/// the object's members, read whole, checked as the parsed path checks them (the lent rules read
/// members in any order, and the lent struct cannot keep them for the struct that flattens it).
/// Returns the number of members read.
///
/// # Errors
///
/// The deserializer's, when the bytes are not JSON.
pub fn stream_whole<'de, T: Validate + ?Sized, A: serde::de::MapAccess<'de>>(
    mut map: A,
    checker: &mut Checker<'de>,
) -> Result<usize, A::Error> {
    let mut members = Map::new();
    let mut count = 0;
    while let Some(name) = map.next_key::<String>()? {
        count += 1;
        let value = map.next_value::<Value>()?;
        if members.insert(name, value).is_some() {
            checker.duplicate();
        }
    }
    let object = Value::Object(members);
    let mut local = checker.beside();
    T::validate_at(&object, &mut local);
    checker.take_over(&local.finish());
    Ok(count)
}

/// The streaming path of a member a [`Then::Members`] constrains: `value`, read whole (the rule
/// needs its members once the enclosing object ends), checked as a `T` at the checker's
/// position. Returns what it was.
pub fn validate_kept<T: Validate + ?Sized>(
    value: &Value,
    checker: &mut Checker<'_>,
) -> Seen<'static> {
    let mut local = checker.beside();
    T::validate_at(value, &mut local);
    checker.take_over(&local.finish());
    Seen::owned(value)
}

/// Whether a document's object `members` meets every rule (a random fixture is drawn until it
/// does).
pub fn holds(rules: &[CrossRule], members: &Map<String, Value>) -> bool {
    let mut checker = Checker::new(super::Limits::DEFAULT);
    check_members(rules, members, &mut checker);
    checker.is_clean()
}

/// What `rules!` in `#[schemars(transform = schema_runtime::rules!(...))]` stands for: the
/// transform that publishes the struct's rules, as `#[derive(Validate)]` read them from the
/// same tokens (which this macro does not read itself).
#[macro_export]
macro_rules! rules {
    ($($rule:tt)*) => {
        $crate::validate::rules::Publish::<Self>::new()
    };
}

#[cfg(test)]
mod tests;
