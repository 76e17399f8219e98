//! The vocabulary of the diff: the kinds of change it tells apart (each with its name in the
//! output and in the case folders of `xtask/tests/diff/`), the content models of objects a
//! member change is judged under, and one change with its place, its words and its verdict.

use serde_json::{Map, Value};

use super::verdict::Verdict;

/// What an object lets through besides the members it declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentModel {
    /// `"additionalProperties": false`: no other member.
    Closed,
    /// `"additionalProperties": true` or absent: any other member, with any value.
    Open,
    /// `additionalProperties` (or `patternProperties`) is a schema: other members that match it.
    PartiallyOpen,
}

impl ContentModel {
    /// `closed`, `open` or `partially open`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Open => "open",
            Self::PartiallyOpen => "partially open",
        }
    }

    /// The other models a change to this object is also judged under.
    pub(super) fn alternatives(self) -> &'static [Self] {
        match self {
            Self::Closed => &[Self::Open],
            Self::Open => &[Self::Closed],
            Self::PartiallyOpen => &[Self::Closed, Self::Open],
        }
    }
}

/// The kinds of change the diff tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// A declared member is gone.
    PropertyRemoved,
    /// A new member that documents may omit.
    OptionalPropertyAdded,
    /// A new member that documents must carry.
    RequiredPropertyAdded,
    /// A member removed and one added with the same schema, in the same object.
    PropertyRenamed,
    /// A declared member became required.
    RequiredAdded,
    /// A required member became optional.
    RequiredRemoved,
    /// Fewer JSON types accepted.
    TypeNarrowed,
    /// More JSON types accepted.
    TypeWidened,
    /// Other JSON types accepted.
    TypeChanged,
    /// `null` now accepted.
    NullableAdded,
    /// `null` no longer accepted.
    NullableRemoved,
    /// Values of an enumeration (`enum`, `const`, `oneOf` of `const`s) no longer accepted.
    EnumValuesRemoved,
    /// Values added to an enumeration.
    EnumValuesAdded,
    /// A value that was free is now one of a list.
    EnumAdded,
    /// A value that was one of a list is now free.
    EnumRemoved,
    /// A `pattern` where there was none.
    PatternAdded,
    /// A `pattern` dropped.
    PatternRemoved,
    /// A `pattern` replaced by another.
    PatternChanged,
    /// A `format` where there was none.
    FormatAdded,
    /// A `format` dropped.
    FormatRemoved,
    /// A `format` replaced by another.
    FormatChanged,
    /// A `minimum`, `maxLength`, `minItems`... added or made stricter.
    BoundTightened,
    /// A bound removed or made looser.
    BoundLoosened,
    /// An object no longer accepts members it does not declare.
    ObjectClosed,
    /// An object now accepts members it does not declare.
    ObjectOpened,
    /// Undeclared members, accepted with any value, must now match a schema.
    AdditionalPropertiesNarrowed,
    /// Undeclared members, which had to match a schema, are now accepted with any value.
    AdditionalPropertiesWidened,
    /// An alternative added to `anyOf`, `oneOf` or `allOf`.
    AlternativeAdded,
    /// An alternative removed from `anyOf`, `oneOf` or `allOf`.
    AlternativeRemoved,
    /// Another keyword changed; the diff does not model it.
    KeywordChanged,
    /// An annotation (`description`, `title`, `examples`, `default`, `x-...`) changed.
    AnnotationChanged,
    /// The files differ, but not in any keyword the walk compares (a renamed or unused `$defs`
    /// entry, key order).
    Restructured,
}

impl ChangeKind {
    /// The kind's name in the output: `property-removed`, `type-narrowed`...
    pub fn name(self) -> &'static str {
        match self {
            Self::PropertyRemoved => "property-removed",
            Self::OptionalPropertyAdded => "optional-property-added",
            Self::RequiredPropertyAdded => "required-property-added",
            Self::PropertyRenamed => "property-renamed",
            Self::RequiredAdded => "required-added",
            Self::RequiredRemoved => "required-removed",
            Self::TypeNarrowed => "type-narrowed",
            Self::TypeWidened => "type-widened",
            Self::TypeChanged => "type-changed",
            Self::NullableAdded => "nullable-added",
            Self::NullableRemoved => "nullable-removed",
            Self::EnumValuesRemoved => "enum-values-removed",
            Self::EnumValuesAdded => "enum-values-added",
            Self::EnumAdded => "enum-added",
            Self::EnumRemoved => "enum-removed",
            Self::PatternAdded => "pattern-added",
            Self::PatternRemoved => "pattern-removed",
            Self::PatternChanged => "pattern-changed",
            Self::FormatAdded => "format-added",
            Self::FormatRemoved => "format-removed",
            Self::FormatChanged => "format-changed",
            Self::BoundTightened => "bound-tightened",
            Self::BoundLoosened => "bound-loosened",
            Self::ObjectClosed => "object-closed",
            Self::ObjectOpened => "object-opened",
            Self::AdditionalPropertiesNarrowed => "additional-properties-narrowed",
            Self::AdditionalPropertiesWidened => "additional-properties-widened",
            Self::AlternativeAdded => "alternative-added",
            Self::AlternativeRemoved => "alternative-removed",
            Self::KeywordChanged => "keyword-changed",
            Self::AnnotationChanged => "annotation-changed",
            Self::Restructured => "restructured",
        }
    }
}

/// One change between the two schemas.
#[derive(Clone, Debug)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// Where in a document: a JSON Pointer with `[]` for every item of an array and `*` for every
    /// member an object does not declare; empty for the document itself.
    pub path: String,
    /// Where in the schema: the keyword's location (in the new schema, or in the old one when the
    /// keyword is gone), after following `$ref`s.
    pub location: String,
    /// The change in words.
    pub detail: String,
    /// Its effect on readers and writers, under the object's own content model.
    pub verdict: Verdict,
    /// For a member added, removed or renamed: the content model of its object, and the verdict
    /// the same change would get under the other models.
    pub content_model: Option<(ContentModel, Vec<(ContentModel, Verdict)>)>,
}

impl Change {
    /// The change as one entry of the report's `changes`.
    pub(super) fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("kind".into(), self.kind.name().into());
        object.insert("path".into(), self.path.clone().into());
        object.insert("location".into(), self.location.clone().into());
        object.insert("detail".into(), self.detail.clone().into());
        if let Value::Object(verdict) = self.verdict.to_json() {
            object.extend(verdict);
        }
        if let Some((model, otherwise)) = &self.content_model {
            object.insert("content_model".into(), model.name().into());
            let otherwise: Vec<Value> = otherwise
                .iter()
                .map(|(model, verdict)| {
                    let mut entry = Map::new();
                    entry.insert("content_model".into(), model.name().into());
                    if let Value::Object(verdict) = verdict.to_json() {
                        entry.extend(verdict);
                    }
                    Value::Object(entry)
                })
                .collect();
            object.insert("otherwise".into(), otherwise.into());
        }
        Value::Object(object)
    }
}
