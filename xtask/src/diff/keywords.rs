//! What the diff knows about JSON Schema keywords: which only annotate, which bound a value
//! (and from which side), which formats accept more than others, and which the walk compares by
//! meaning rather than as a plain value.

/// The keywords of the lower and upper bounds, and whether each is a lower bound.
pub(super) const BOUNDS: [(&str, bool); 12] = [
    ("minimum", true),
    ("exclusiveMinimum", true),
    ("maximum", false),
    ("exclusiveMaximum", false),
    ("minLength", true),
    ("maxLength", false),
    ("minItems", true),
    ("maxItems", false),
    ("minProperties", true),
    ("maxProperties", false),
    ("minContains", true),
    ("maxContains", false),
];

/// The keywords the walk compares by meaning; any other assertion is compared as a value.
pub(super) const MODELLED: [&str; 18] = [
    "$ref",
    "$defs",
    "$id",
    "$schema",
    "$anchor",
    "$dynamicAnchor",
    "$vocabulary",
    "type",
    "const",
    "enum",
    "anyOf",
    "oneOf",
    "allOf",
    "pattern",
    "format",
    "properties",
    "required",
    "additionalProperties",
];

/// Formats whose every valid string is valid under the second one too.
pub(super) const WIDER_FORMATS: [(&str, &str); 7] = [
    ("email", "idn-email"),
    ("hostname", "idn-hostname"),
    ("uri", "iri"),
    ("uri", "uri-reference"),
    ("uri", "iri-reference"),
    ("iri", "iri-reference"),
    ("uri-reference", "iri-reference"),
];

/// Keywords that annotate and never refuse a document.
pub(super) fn is_annotation(keyword: &str) -> bool {
    matches!(
        keyword,
        "title"
            | "description"
            | "examples"
            | "$comment"
            | "default"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "contentEncoding"
            | "contentMediaType"
    ) || keyword.starts_with("x-")
}
