//! The attribute keywords the derives read, as named constants.

/// The attribute the derives read constraints from: schemars' own, so that one declaration
/// drives the schema, the validator and the fixture.
pub const SCHEMARS: &str = "schemars";

pub const REGEX: &str = "regex";
pub const PATTERN: &str = "pattern";
pub const LENGTH: &str = "length";
pub const RANGE: &str = "range";
pub const EXTEND: &str = "extend";
pub const WITH: &str = "with";
pub const EMAIL: &str = "email";
pub const EXAMPLE: &str = "example";
pub const MIN: &str = "min";
pub const MAX: &str = "max";
pub const EQUAL: &str = "equal";
pub const TRANSFORM: &str = "transform";
/// The macro whose tokens state a struct's cross-member rules:
/// `#[schemars(transform = schema_runtime::rules!(...))]`.
pub const RULES: &str = "rules";
pub const AT_LEAST_ONE: &str = "at_least_one";
pub const WHEN: &str = "when";
pub const THEN: &str = "then";
/// `then("member", members(required(...), optional(...)))`: the members of a nested object.
pub const MEMBERS: &str = "members";
pub const REQUIRED: &str = "required";
pub const OPTIONAL: &str = "optional";
/// The `extend` key that names the era a variant of an untagged enum is.
pub const X_ERA: &str = "x-era";

/// schemars attributes that only annotate the schema: the validator has nothing to check.
pub const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "deprecated",
    "inline",
    "rename",
    "crate",
    "bound",
    "transparent",
];
