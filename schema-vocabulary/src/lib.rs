#![doc = include_str!("../README.md")]

use std::fmt;

/// What a value of the wrong JSON type was expected to be, by JSON type.
pub const A_STRING: &str = "a string";
/// See [`A_STRING`].
pub const A_BOOLEAN: &str = "a boolean";
/// See [`A_STRING`].
pub const A_NUMBER: &str = "a number";
/// See [`A_STRING`].
pub const AN_INTEGER: &str = "an integer";
/// See [`A_STRING`].
pub const AN_OBJECT: &str = "an object";
/// See [`A_STRING`].
pub const AN_ARRAY: &str = "an array";
/// What a closed object expects instead of a member it does not declare.
pub const NO_OTHER_MEMBERS: &str = "no other members";
/// What a cross-member rule expects instead of a member it forbids (see [`members`]).
pub const ABSENT: &str = "absent";
/// What bytes that are not UTF-8 were expected to be.
pub const UTF8_TEXT: &str = "UTF-8 text";
/// What bytes that are not JSON were expected to be.
pub const A_JSON_DOCUMENT: &str = "a JSON document";

/// The `format` values the validator checks, each as the `jsonschema` crate checks it (the
/// runtime's `validate::format` has one function per name, `is_` and the name in snake case).
pub const FORMATS: &[&str] = &["date-time", "email", "ipv4", "ipv6", "uuid"];

/// The JSON Schema keywords (draft 2020-12 meta-data, content and core comment) that annotate
/// and never refuse a document. A keyword named `x-...` is a vendor annotation too
/// ([`is_annotation`]).
pub const ANNOTATION_KEYWORDS: &[&str] = &[
    "title",
    "description",
    "examples",
    "$comment",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
];

/// Whether a schema keyword only annotates: one of [`ANNOTATION_KEYWORDS`] or a vendor
/// keyword `x-...`.
pub fn is_annotation(keyword: &str) -> bool {
    ANNOTATION_KEYWORDS.contains(&keyword) || keyword.starts_with("x-")
}

/// A required member: ``member `NAME` ``.
pub fn member(name: &str) -> String {
    format!("member `{name}`")
}

/// A string of a format: `a string of format uuid`.
pub fn format(name: &str) -> String {
    format!("a string of format {name}")
}

/// A string matching a pattern: `a string matching ^[0-9]+$`.
pub fn pattern(pattern: &str) -> String {
    format!("a string matching {pattern}")
}

/// Which rule a value outside an enumeration breaks: `const` when it has one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variants {
    /// One allowed value.
    Const,
    /// Several allowed values.
    Enum,
}

/// The rule and text of a value outside the enumeration of `names` (written as JSON strings):
/// `the string "NAME"` for one name, `one of "NAME", "NAME"` for more.
pub fn variants(names: &[&str]) -> (Variants, String) {
    let listed: Vec<String> = names
        .iter()
        .map(|name| serde_json::Value::from(*name).to_string())
        .collect();
    match listed.as_slice() {
        [only] => (Variants::Const, format!("the string {only}")),
        many => (Variants::Enum, format!("one of {}", many.join(", "))),
    }
}

/// What a length counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// The characters of a string.
    Characters,
    /// The items of an array.
    Items,
}

impl Unit {
    /// The unit's word after the number `count`: singular after 1 (`1 character`), plural
    /// otherwise (`0 items`, `3 characters`).
    pub const fn after(self, count: u64) -> &'static str {
        match (self, count) {
            (Self::Characters, 1) => "character",
            (Self::Characters, _) => "characters",
            (Self::Items, 1) => "item",
            (Self::Items, _) => "items",
        }
    }
}

/// A length between inclusive bounds: `from 1 to 3 characters`, `at least 2 items`,
/// `at most 1 item`; empty without bounds. The unit agrees with the number before it.
pub fn length(min: Option<usize>, max: Option<usize>, unit: Unit) -> String {
    let after = |count: usize| unit.after(u64::try_from(count).unwrap_or(u64::MAX));
    match (min, max) {
        (Some(min), Some(max)) => format!("from {min} to {max} {}", after(max)),
        (Some(min), None) => format!("at least {min} {}", after(min)),
        (None, Some(max)) => format!("at most {max} {}", after(max)),
        (None, None) => String::new(),
    }
}

/// An inclusive numeric bound of a `range` constraint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// An integer bound.
    Integer(i128),
    /// A fractional bound.
    Float(f64),
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Integer(value) => write!(f, "{value}"),
            Self::Float(value) => write!(f, "{value}"),
        }
    }
}

/// A number between inclusive bounds: `a number from -1 to 5`, `a number of at least 0.5`,
/// `a number of at most 9`; empty without bounds.
pub fn range(min: Option<Bound>, max: Option<Bound>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("a number from {min} to {max}"),
        (Some(min), None) => format!("a number of at least {min}"),
        (None, Some(max)) => format!("a number of at most {max}"),
        (None, None) => String::new(),
    }
}

/// One branch of a string `anyOf`: `a string of format uuid and matching ^x$`, or `any string`
/// without constraints (each constraint in words: [`of_format`], [`matching`], [`at_least`],
/// [`at_most`]).
pub fn string_branch(constraints: &[String]) -> String {
    if constraints.is_empty() {
        "any string".to_owned()
    } else {
        format!("a string {}", constraints.join(" and "))
    }
}

/// The branches of an `anyOf`, as one text: `A, or B`.
pub fn any_of(branches: &[String]) -> String {
    branches.join(", or ")
}

/// A constraint of a [`string_branch`]: `of format NAME`.
pub fn of_format(name: &str) -> String {
    format!("of format {name}")
}

/// A constraint of a [`string_branch`]: `matching PATTERN`.
pub fn matching(pattern: &str) -> String {
    format!("matching {pattern}")
}

/// A constraint of a [`string_branch`]: `of at least N characters`.
pub fn at_least(min: u64) -> String {
    format!("of at least {min} {}", Unit::Characters.after(min))
}

/// A constraint of a [`string_branch`]: `of at most N characters`.
pub fn at_most(max: u64) -> String {
    format!("of at most {max} {}", Unit::Characters.after(max))
}

/// What a cross-member rule "at least one of these members is present and not `null`" asks
/// of an object: ``member `userId` or `anonymousId`, not null``.
pub fn at_least_one(names: &[&str]) -> String {
    let listed: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    format!("member {}, not null", listed.join(" or "))
}

/// What a cross-member rule "member B is an object with these members" asks of B: each of
/// `required`, any of `optional`, and none other of the members B's type declares: ``an object
/// with member `message`, optionally `stack`, and no other member its type declares``.
pub fn members(required: &[&str], optional: &[&str]) -> String {
    let listed = |names: &[&str]| {
        let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        names.join(", ")
    };
    let mut text = String::from("an object with ");
    if !required.is_empty() {
        text.push_str(&format!("member {}", listed(required)));
    }
    if !optional.is_empty() {
        if !required.is_empty() {
            text.push_str(", ");
        }
        text.push_str(&format!("optionally {}", listed(optional)));
    }
    text.push_str(", and no other member its type declares");
    text
}

/// One pinned value, given as JSON text: `the string "view"`, `the value true`.
pub fn pinned(json: &str) -> String {
    if json.starts_with('"') {
        format!("the string {json}")
    } else {
        format!("the value {json}")
    }
}

/// What a cross-member rule "if member A holds X, member B is Y" asks of B, `then` being Y in
/// words ([`pinned`], [`pattern`]) and `value` X as JSON text: ``the value true when
/// `isAnonymousUser` is true``.
pub fn when(then: &str, member: &str, value: &str) -> String {
    format!("{then} when `{member}` is {value}")
}

/// A document over the size limit: `a document of at most N bytes`.
pub fn document_of_at_most(max_bytes: usize) -> String {
    format!("a document of at most {max_bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_lists_the_required_then_the_optional() {
        assert_eq!(
            members(&["message"], &["stack"]),
            "an object with member `message`, optionally `stack`, and no other member its type declares"
        );
        assert_eq!(
            members(&["feature_flag", "value"], &[]),
            "an object with member `feature_flag`, `value`, and no other member its type declares"
        );
        assert_eq!(
            members(&[], &["id"]),
            "an object with optionally `id`, and no other member its type declares"
        );
    }

    #[test]
    fn names_are_quoted_as_json_strings() {
        let (rule, text) = variants(&["a \"quoted\" \\ name"]);
        assert_eq!(rule, Variants::Const);
        assert_eq!(text, r#"the string "a \"quoted\" \\ name""#);
    }

    #[test]
    fn bounds_read_as_written() {
        assert_eq!(
            range(Some(Bound::Integer(-1)), Some(Bound::Integer(5))),
            "a number from -1 to 5"
        );
        assert_eq!(
            range(None, Some(Bound::Float(0.5))),
            "a number of at most 0.5"
        );
        assert_eq!(
            length(Some(1), Some(3), Unit::Characters),
            "from 1 to 3 characters"
        );
        assert_eq!(length(None, Some(1), Unit::Items), "at most 1 item");
        assert_eq!(
            length(Some(1), None, Unit::Characters),
            "at least 1 character"
        );
        assert_eq!(length(Some(0), Some(1), Unit::Items), "from 0 to 1 item");
        assert_eq!(length(Some(1), Some(2), Unit::Items), "from 1 to 2 items");
        assert_eq!(
            length(None, Some(0), Unit::Characters),
            "at most 0 characters"
        );
        assert_eq!(at_least(1), "of at least 1 character");
        assert_eq!(at_most(64), "of at most 64 characters");
    }

    #[test]
    fn rules_read_as_written() {
        assert_eq!(
            at_least_one(&["userId", "anonymousId"]),
            "member `userId` or `anonymousId`, not null"
        );
        assert_eq!(
            when(&pinned("true"), "isAnonymousUser", "true"),
            "the value true when `isAnonymousUser` is true"
        );
        assert_eq!(
            when(&pattern("^a$"), "kind", "\"x\""),
            "a string matching ^a$ when `kind` is \"x\""
        );
        assert_eq!(pinned("\"view\""), "the string \"view\"");
    }

    #[test]
    fn vendor_keywords_annotate() {
        assert!(is_annotation("x-privacy"));
        assert!(is_annotation("$comment"));
        assert!(!is_annotation("format"));
    }
}
