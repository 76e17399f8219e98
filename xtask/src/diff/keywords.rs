//! What the diff knows about JSON Schema keywords: which only annotate, which bound a value
//! (and from which side), which constrain strings (`pattern`, `format`) and which formats accept
//! more than others, and which the walk compares by meaning rather than as a plain value.

use serde_json::Value;

use super::change::ChangeKind;
use super::verdict::Verdict;

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

/// The keywords besides the bounds and `items` that the walk compares by meaning.
const MODELLED: [&str; 18] = [
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
const WIDER_FORMATS: [(&str, &str); 7] = [
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

/// Whether the walk compares `keyword` by meaning; any other assertion is compared as a value.
pub(super) fn is_modelled(keyword: &str) -> bool {
    MODELLED.contains(&keyword)
        || keyword == "items"
        || BOUNDS.iter().any(|(bound, _)| *bound == keyword)
}

/// A keyword a string must satisfy, with the kinds of change it can see.
pub(super) struct StringRule {
    /// The keyword.
    pub keyword: &'static str,
    /// What the string must do, in a change's words: `match`, `be of format`.
    pub must: &'static str,
    /// The change when the keyword appears.
    pub added: ChangeKind,
    /// The change when the keyword is dropped.
    pub removed: ChangeKind,
    /// The change when one value replaces another.
    pub replaced: ChangeKind,
    /// The verdict when one value replaces another, where it can be told.
    pub replaced_verdict: Option<fn(&Value, &Value) -> Verdict>,
}

/// `pattern` (two patterns are not compared: which accepts more is not decided) and `format`.
pub(super) const STRING_RULES: [StringRule; 2] = [
    StringRule {
        keyword: "pattern",
        must: "match",
        added: ChangeKind::PatternAdded,
        removed: ChangeKind::PatternRemoved,
        replaced: ChangeKind::PatternChanged,
        replaced_verdict: None,
    },
    StringRule {
        keyword: "format",
        must: "be of format",
        added: ChangeKind::FormatAdded,
        removed: ChangeKind::FormatRemoved,
        replaced: ChangeKind::FormatChanged,
        replaced_verdict: Some(format_replaced),
    },
];

/// One format replaced by another: wider when every string of the old one is of the new one.
fn format_replaced(before: &Value, after: &Value) -> Verdict {
    let pair = (before.as_str().unwrap_or(""), after.as_str().unwrap_or(""));
    let reversed = (pair.1, pair.0);
    if WIDER_FORMATS.contains(&pair) {
        Verdict::WIDER
    } else if WIDER_FORMATS.contains(&reversed) {
        Verdict::NARROWER
    } else {
        Verdict::OTHER
    }
}
