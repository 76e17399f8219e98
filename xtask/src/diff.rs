//! `cargo xtask diff`: the changes between two versions of a schema, each judged by the documents
//! it lets through, and the SchemaVer bump they require (the policy is VERSIONING.md).
//!
//! The two schemas are walked in parallel. Local `$ref`s are followed (each pair of locations is
//! compared once, which also ends cycles); a keyword next to a `$ref` overrides the referenced
//! schema's, as draft 2020-12 applies both. A nullable union (`anyOf: [X, {"type": "null"}]` or
//! `"type": [T, "null"]`) is read as X plus `null`, and a `oneOf`/`anyOf` whose alternatives are
//! all `const`s as an enumeration, which is how schemars writes Rust enums.
//!
//! Every change gets two effects: on readers (does the new schema accept every document the old
//! one accepted? backward compatibility) and on writers (does the old schema accept every
//! document the new one accepts? forward compatibility). The bump follows the effect on readers.
//! `gen` runs the same diff before it publishes a new version (`crate::lock`).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use schema_types::SchemaVersion;
use serde_json::{Map, Value, json};

use crate::json_file;
use crate::schema_path::{self, parse_version};

/// How a change affects the documents of one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effect {
    /// Every document is still accepted.
    Compatible,
    /// Some documents may be refused; the schemas alone cannot tell whether any exist.
    MayBreak,
    /// Some documents are refused.
    Breaks,
}

impl Effect {
    /// The effect's name in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Self::Compatible => "compatible",
            Self::MayBreak => "may-break",
            Self::Breaks => "breaks",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Self::Compatible => "compatible",
            Self::MayBreak => "may break",
            Self::Breaks => "break",
        }
    }
}

/// The effect of a change on readers and on writers.
///
/// Readers: a validator on the new schema, given a document valid under the old one (a stored
/// document, or one from an emitter that has not upgraded). Writers: a validator still on the old
/// schema, given a document valid under the new one (from an emitter that has upgraded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// Whether the new schema accepts every old document (backward compatibility).
    pub readers: Effect,
    /// Whether the old schema accepts every new document (forward compatibility).
    pub writers: Effect,
}

impl Verdict {
    /// Both schemas accept the same documents.
    const SAME: Self = Self::new(Effect::Compatible, Effect::Compatible);
    /// The new schema accepts more.
    const WIDER: Self = Self::new(Effect::Compatible, Effect::Breaks);
    /// The new schema accepts less.
    const NARROWER: Self = Self::new(Effect::Breaks, Effect::Compatible);
    /// The new schema accepts other documents.
    const OTHER: Self = Self::new(Effect::Breaks, Effect::Breaks);
    /// The new schema may accept other documents; the diff cannot tell.
    const UNDECIDED: Self = Self::new(Effect::MayBreak, Effect::MayBreak);

    const fn new(readers: Effect, writers: Effect) -> Self {
        Self { readers, writers }
    }

    /// The worse of two verdicts, side by side.
    fn worst(self, other: Self) -> Self {
        Self::new(
            self.readers.max(other.readers),
            self.writers.max(other.writers),
        )
    }

    /// `breaking`, `compatible for readers`, `compatible for writers` or both.
    pub fn label(self) -> &'static str {
        match (
            self.readers == Effect::Compatible,
            self.writers == Effect::Compatible,
        ) {
            (true, true) => "compatible for readers and writers",
            (true, false) => "compatible for readers",
            (false, true) => "compatible for writers",
            (false, false) => "breaking",
        }
    }

    /// The SchemaVer bump a change with this verdict requires: it follows the effect on readers.
    pub fn bump(self) -> Bump {
        match self.readers {
            Effect::Compatible => Bump::Addition,
            Effect::MayBreak => Bump::Revision,
            Effect::Breaks => Bump::Model,
        }
    }

    fn describe(self) -> String {
        format!(
            "{} (readers {}, writers {}) → {}",
            self.label(),
            self.readers.words(),
            self.writers.words(),
            self.bump().name()
        )
    }

    fn to_json(self) -> Value {
        json!({
            "verdict": self.label(),
            "readers": self.readers.name(),
            "writers": self.writers.name(),
            "bump": self.bump().name(),
        })
    }
}

/// A SchemaVer bump, from none to MODEL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// The schemas are the same apart from their `$id`.
    None,
    /// `MODEL-REVISION-(ADDITION+1)`: every old document stays valid.
    Addition,
    /// `MODEL-(REVISION+1)-0`: some old documents may be refused.
    Revision,
    /// `(MODEL+1)-0-0`: some old documents are refused.
    Model,
}

impl Bump {
    /// `none`, `ADDITION`, `REVISION` or `MODEL`.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Addition => "ADDITION",
            Self::Revision => "REVISION",
            Self::Model => "MODEL",
        }
    }

    /// `an ADDITION`, `a REVISION`, `a MODEL` (or `no bump`), for sentences.
    pub fn with_article(self) -> &'static str {
        match self {
            Self::None => "no bump",
            Self::Addition => "an ADDITION",
            Self::Revision => "a REVISION",
            Self::Model => "a MODEL",
        }
    }

    /// The bump from `old` to `new`, or `None` when `new` is not a later version.
    pub fn between(old: SchemaVersion, new: SchemaVersion) -> Option<Self> {
        if new <= old {
            None
        } else if new.model > old.model {
            Some(Self::Model)
        } else if new.revision > old.revision {
            Some(Self::Revision)
        } else {
            Some(Self::Addition)
        }
    }

    /// The version after `version` with this bump (the same version for [`Bump::None`]).
    pub fn apply(self, version: SchemaVersion) -> SchemaVersion {
        let SchemaVersion {
            model,
            revision,
            addition,
        } = version;
        match self {
            Self::None => version,
            Self::Addition => SchemaVersion::new(model, revision, addition + 1),
            Self::Revision => SchemaVersion::new(model, revision + 1, 0),
            Self::Model => SchemaVersion::new(model + 1, 0, 0),
        }
    }
}

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
    fn alternatives(self) -> &'static [Self] {
        match self {
            Self::Closed => &[Self::Open],
            Self::Open => &[Self::Closed],
            Self::PartiallyOpen => &[Self::Closed, Self::Open],
        }
    }
}

/// The kinds of change the diff tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
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

impl Kind {
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
    pub kind: Kind,
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
    fn to_json(&self) -> Value {
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

/// Every change between two schemas, in the order of the walk.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// The worst verdict of all changes (compatible both ways when there are none).
    pub fn verdict(&self) -> Verdict {
        self.changes
            .iter()
            .map(|change| change.verdict)
            .fold(Verdict::SAME, Verdict::worst)
    }

    /// The smallest bump that publishes the new schema as a later version of the old one.
    pub fn required_bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|change| change.verdict.bump())
            .max()
            .unwrap_or(Bump::None)
    }

    /// Whether both schemas accept exactly the same documents.
    pub fn accepts_same_documents(&self) -> bool {
        self.verdict() == Verdict::SAME
    }

    /// The report as JSON: the changes, the overall verdict and the required bump.
    pub fn to_json(&self) -> Value {
        let verdict = self.verdict();
        json!({
            "changes": self.changes.iter().map(Change::to_json).collect::<Vec<_>>(),
            "verdict": verdict.label(),
            "readers": verdict.readers.name(),
            "writers": verdict.writers.name(),
            "accepts_same_documents": self.accepts_same_documents(),
            "required_bump": self.required_bump().name(),
        })
    }

    /// Why the required bump is what it is, in one sentence.
    pub fn bump_reason(&self) -> &'static str {
        match self.required_bump() {
            Bump::None => "the schemas are the same apart from their `$id`",
            Bump::Addition if self.accepts_same_documents() => {
                "the schemas accept the same documents, but a published file never changes: any change to its bytes is a new version, at least an ADDITION"
            }
            Bump::Addition => "every document valid under the old version stays valid",
            Bump::Revision => {
                "some documents valid under the old version may be refused by the new one (the changes that may break readers)"
            }
            Bump::Model => "some documents valid under the old version are refused by the new one",
        }
    }

    /// One line per change, for messages; annotation changes are counted by what changed.
    pub fn summary(&self, indent: &str) -> String {
        let mut text = String::new();
        let mut annotations: BTreeMap<&str, usize> = BTreeMap::new();
        for change in &self.changes {
            if change.kind == Kind::AnnotationChanged {
                *annotations.entry(change.detail.as_str()).or_default() += 1;
                continue;
            }
            let _ = writeln!(
                text,
                "{indent}{} at {}: {}: {}",
                change.kind.name(),
                shown_path(&change.path),
                change.detail,
                change.verdict.describe()
            );
        }
        if !annotations.is_empty() {
            let counted: Vec<String> = annotations
                .iter()
                .map(|(detail, count)| format!("{detail} ({count}×)"))
                .collect();
            let _ = writeln!(
                text,
                "{indent}annotation-changed: {}: {}",
                counted.join(", "),
                Verdict::SAME.describe()
            );
        }
        text
    }

    /// The report for people: every change with its verdict, then the verdict and the bump.
    pub fn render(&self, old_label: &str, new_label: &str) -> String {
        let mut text = format!("{old_label} → {new_label}\n");
        if self.changes.is_empty() {
            text.push_str("no change\n");
        } else {
            let _ = writeln!(text, "{} change(s):", self.changes.len());
        }
        for change in &self.changes {
            let _ = writeln!(
                text,
                "\n  {}  {}\n    {}\n    at {}",
                change.kind.name(),
                shown_path(&change.path),
                change.detail,
                change.location
            );
            match &change.content_model {
                Some((model, otherwise)) => {
                    let _ = writeln!(
                        text,
                        "    {} object: {}",
                        model.name(),
                        change.verdict.describe()
                    );
                    for (model, verdict) in otherwise {
                        let _ = writeln!(
                            text,
                            "    if the object were {}: {}",
                            model.name(),
                            verdict.describe()
                        );
                    }
                }
                None => {
                    let _ = writeln!(text, "    {}", change.verdict.describe());
                }
            }
        }
        let verdict = self.verdict();
        let _ = writeln!(
            text,
            "\nverdict: {} (readers {}, writers {})",
            verdict.label(),
            verdict.readers.words(),
            verdict.writers.words()
        );
        let _ = writeln!(
            text,
            "required bump: {}: {}",
            self.required_bump().name(),
            self.bump_reason()
        );
        text
    }
}

fn shown_path(path: &str) -> &str {
    if path.is_empty() { "(document)" } else { path }
}

/// Why two schemas could not be compared.
#[derive(Debug)]
pub struct DiffError(String);

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Compares two schemas and classifies every change.
pub fn diff(old: &Value, new: &Value) -> Result<Report, DiffError> {
    let mut walk = Walk::new(old, new);
    walk.compare((old, "#".into()), (new, "#".into()), "")?;
    if old.get("$schema") != new.get("$schema") {
        walk.report(
            Kind::KeywordChanged,
            "",
            "#/$schema".into(),
            "the dialect (`$schema`) changed".into(),
            Verdict::UNDECIDED,
        );
    }
    if walk.changes.is_empty() && without_id(old) != without_id(new) {
        walk.report(
            Kind::Restructured,
            "",
            "#".into(),
            "the files differ, but every compared keyword is the same: they accept the same documents"
                .into(),
            Verdict::SAME,
        );
    }
    Ok(Report {
        changes: walk.changes,
    })
}

fn without_id(schema: &Value) -> String {
    let mut schema = schema.clone();
    if let Value::Object(object) = &mut schema {
        object.remove("$id");
    }
    // Serialised, so that a change of key order counts: the published bytes change with it.
    schema.to_string()
}

/// What `cargo xtask diff` compares: two files, named as the user named them.
pub struct Target {
    /// The old schema file, as named on the command line.
    pub old: String,
    /// The new schema file.
    pub new: String,
    /// The versions, when both file names are `VERSION.schema.json`.
    pub versions: Option<(SchemaVersion, SchemaVersion)>,
}

impl Target {
    /// `cargo xtask diff OLD NEW` (two files) or `cargo xtask diff ID OLD_VERSION NEW_VERSION`
    /// (the files `schemas/ID/VERSION.schema.json` under `root`).
    pub fn from_args(root: &Path, args: &[String]) -> Result<Self, DiffError> {
        match args {
            [old, new] => Ok(Self {
                versions: schema_path::version_of_file(Path::new(old))
                    .zip(schema_path::version_of_file(Path::new(new))),
                old: old.clone(),
                new: new.clone(),
            }),
            [id, old, new] => {
                let parse = |text: &str| {
                    parse_version(text).ok_or_else(|| {
                        DiffError(format!(
                            "`{text}` is not a SchemaVer version (MODEL-REVISION-ADDITION, e.g. 1-0-0)"
                        ))
                    })
                };
                let versions = (parse(old)?, parse(new)?);
                let file = |version: &str| {
                    root.join("schemas")
                        .join(schema_path::of(id, version))
                        .display()
                        .to_string()
                };
                Ok(Self {
                    old: file(old),
                    new: file(new),
                    versions: Some(versions),
                })
            }
            _ => Err(DiffError(
                "expected OLD NEW (two schema files) or ID OLD_VERSION NEW_VERSION".into(),
            )),
        }
    }

    /// Reads both files and compares them.
    pub fn diff(&self) -> Result<Report, DiffError> {
        let read = |path: &str| {
            json_file::read(Path::new(path)).map_err(|error| DiffError(error.to_string()))
        };
        diff(&read(&self.old)?, &read(&self.new)?)
    }

    /// What the declared versions say about the report, and whether their bump is big enough.
    pub fn judge(&self, report: &Report) -> Option<(String, bool)> {
        let (old, new) = self.versions?;
        let required = report.required_bump();
        Some(match Bump::between(old, new) {
            None if required == Bump::None => (
                format!("declared: {old} → {new}, no later version, and none is needed"),
                true,
            ),
            None => (
                format!(
                    "declared: {old} → {new} is not a later version; the changes require {}: {}",
                    required.name(),
                    required.apply(old)
                ),
                false,
            ),
            Some(declared) if declared >= required => (
                format!(
                    "declared: {old} → {new} is {} bump: enough",
                    declared.with_article()
                ),
                true,
            ),
            Some(declared) => (
                format!(
                    "declared: {old} → {new} is {} bump: too small, the changes require {}: {}",
                    declared.with_article(),
                    required.name(),
                    required.apply(old)
                ),
                false,
            ),
        })
    }
}

/// How many `$ref`s in a row are followed before the chain is taken for a cycle.
const MAX_REF_HOPS: usize = 64;

/// The keywords of the lower and upper bounds, and whether each is a lower bound.
const BOUNDS: [(&str, bool); 12] = [
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
fn is_annotation(keyword: &str) -> bool {
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

/// The schema `true`, for an absent `items` or `additionalProperties`.
static ANYTHING: Value = Value::Bool(true);

/// A subschema read through its `$ref`s: its keywords with the location each was read at.
struct Node<'a> {
    /// Where it was reached.
    at: String,
    keywords: BTreeMap<&'a str, (&'a Value, String)>,
    /// The schema `false`, or a `$ref` to it.
    nothing: bool,
    /// The location of a union with `{"type": "null"}` this node was unwrapped from.
    null_union: Option<String>,
}

impl<'a> Node<'a> {
    fn get(&self, keyword: &str) -> Option<&'a Value> {
        self.keywords.get(keyword).map(|(value, _)| *value)
    }

    fn site(&self, keyword: &str) -> Option<(&'a Value, String)> {
        self.keywords
            .get(keyword)
            .map(|(value, at)| (*value, at.clone()))
    }

    /// Where a change to `keyword` is reported: where it stands in `self` (the new schema),
    /// else where it stood in `old`.
    fn change_location(&self, old: &Node<'_>, keyword: &str) -> String {
        match self.keywords.get(keyword) {
            Some((_, at)) => at.clone(),
            None => old.location(keyword),
        }
    }

    /// The location of `keyword`, or where it would be.
    fn location(&self, keyword: &str) -> String {
        match self.keywords.get(keyword) {
            Some((_, at)) => at.clone(),
            None => format!("{}/{keyword}", self.at),
        }
    }

    fn assertions(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.keywords
            .keys()
            .copied()
            .filter(|keyword| !is_annotation(keyword))
    }

    fn declared_types(&self) -> Option<BTreeSet<String>> {
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

    fn declares_null(&self) -> Option<bool> {
        match self.get("type")? {
            Value::String(name) => Some(name == "null"),
            Value::Array(names) => Some(names.iter().any(|name| name == "null")),
            _ => None,
        }
    }

    fn is_object_schema(&self) -> bool {
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

    fn content_model(&self) -> (ContentModel, Option<(&'a Value, String)>) {
        match self.site("additionalProperties") {
            Some((Value::Bool(false), _)) => (ContentModel::Closed, None),
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

    fn properties(&self) -> Vec<(&'a str, &'a Value, String)> {
        match self.keywords.get("properties") {
            Some((Value::Object(members), at)) => members
                .iter()
                .map(|(name, schema)| (name.as_str(), schema, format!("{at}/{}", escape(name))))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn required(&self) -> BTreeSet<&'a str> {
        match self.get("required") {
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            _ => BTreeSet::new(),
        }
    }
}

/// Reads the subschema `value` (at `at`) of the schema `root`, following its `$ref`s.
fn read<'a>(root: &'a Value, value: &'a Value, at: String) -> Result<Node<'a>, DiffError> {
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
                if layers.len() > MAX_REF_HOPS {
                    return Err(DiffError(format!("{at}: the `$ref`s form a cycle")));
                }
                let (target, target_at) = resolve(root, reference).ok_or_else(|| {
                    DiffError(format!(
                        "{location}/$ref: cannot resolve `{reference}` (only local references, `#/...`, are followed)"
                    ))
                })?;
                current = target;
                location = target_at;
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
                    (value, format!("{layer_at}/{}", escape(keyword))),
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
fn read_unwrapped<'a>(
    root: &'a Value,
    value: &'a Value,
    at: String,
) -> Result<Node<'a>, DiffError> {
    let node = read(root, value, at)?;
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

/// The value at a local reference (`#`, `#/$defs/Name`), with its location.
fn resolve<'a>(root: &'a Value, reference: &str) -> Option<(&'a Value, String)> {
    let fragment = reference.strip_prefix('#')?;
    let target = if fragment.is_empty() {
        root
    } else {
        root.pointer(fragment)?
    };
    Some((target, format!("#{fragment}")))
}

/// A JSON Pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The values a subschema is restricted to, with the annotations of each.
struct Enumeration<'a> {
    members: Vec<(&'a Value, Map<String, Value>, String)>,
    /// The union (`oneOf`, `anyOf`) the values were read from, which the walk then leaves alone.
    union: Option<&'static str>,
    /// Where the enumeration is declared.
    at: String,
}

impl Enumeration<'_> {
    fn has(&self, value: &Value) -> bool {
        self.members.iter().any(|(member, _, _)| *member == value)
    }

    fn values(&self) -> impl Iterator<Item = &Value> {
        self.members
            .iter()
            .map(|(value, _, _)| *value)
            .filter(|value| !value.is_null())
    }

    fn types(&self) -> BTreeSet<String> {
        self.values()
            .map(|value| json_type(value).to_owned())
            .collect()
    }
}

fn enumeration<'a>(root: &'a Value, node: &Node<'a>) -> Result<Option<Enumeration<'a>>, DiffError> {
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

/// Whether a value of type `ty` is accepted by the type set `types`.
fn covers(types: &BTreeSet<String>, ty: &str) -> bool {
    types.contains(ty) || (ty == "integer" && types.contains("number"))
}

fn list(types: &BTreeSet<String>) -> String {
    if types.is_empty() {
        "no type".into()
    } else {
        types
            .iter()
            .map(|ty| format!("`{ty}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn values(values: &[&Value]) -> String {
    const SHOWN: usize = 8;
    let mut text: Vec<String> = values
        .iter()
        .take(SHOWN)
        .map(|value| value.to_string())
        .collect();
    if values.len() > SHOWN {
        text.push(format!("and {} more", values.len() - SHOWN));
    }
    text.join(", ")
}

fn compare_numbers(old: &Value, new: &Value) -> Option<Ordering> {
    let (Value::Number(old), Value::Number(new)) = (old, new) else {
        return None;
    };
    if let (Some(old), Some(new)) = (old.as_i64(), new.as_i64()) {
        return Some(old.cmp(&new));
    }
    if let (Some(old), Some(new)) = (old.as_u64(), new.as_u64()) {
        return Some(old.cmp(&new));
    }
    old.as_f64()?.partial_cmp(&new.as_f64()?)
}

/// A subschema with its annotations dropped and its `$ref`s replaced by what they refer to, for
/// telling whether two subschemas accept the same documents as written.
fn canonical(root: &Value, value: &Value) -> Value {
    canonical_in(root, value, &mut Vec::new())
}

fn canonical_in(root: &Value, value: &Value, expanding: &mut Vec<String>) -> Value {
    let Value::Object(keywords) = value else {
        return value.clone();
    };
    let mut out = Map::new();
    if let Some(Value::String(reference)) = keywords.get("$ref") {
        let target = resolve(root, reference);
        match target {
            Some((target, _))
                if !expanding.contains(reference) && expanding.len() < MAX_REF_HOPS =>
            {
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
            _ => value.clone(),
        };
        out.insert(keyword.clone(), value);
    }
    Value::Object(out)
}

/// The state of one comparison of two schemas.
struct Walk<'a> {
    old: &'a Value,
    new: &'a Value,
    /// Pairs of locations already compared: each is compared once, which ends cycles.
    compared: HashSet<(String, String)>,
    /// Changes already reported, so that a `$defs` entry reached twice is reported once.
    reported: HashSet<(Kind, String, String)>,
    changes: Vec<Change>,
}

impl<'a> Walk<'a> {
    fn new(old: &'a Value, new: &'a Value) -> Self {
        Self {
            old,
            new,
            compared: HashSet::new(),
            reported: HashSet::new(),
            changes: Vec::new(),
        }
    }

    fn push(&mut self, change: Change) {
        let key = (change.kind, change.location.clone(), change.detail.clone());
        if self.reported.insert(key) {
            self.changes.push(change);
        }
    }

    fn report(
        &mut self,
        kind: Kind,
        path: &str,
        location: String,
        detail: String,
        verdict: Verdict,
    ) {
        self.push(Change {
            kind,
            path: path.to_owned(),
            location,
            detail,
            verdict,
            content_model: None,
        });
    }

    /// The verdict of comparing two subschemas on their own (annotations aside).
    fn verdict_of(
        &self,
        old: (&'a Value, String),
        new: (&'a Value, String),
    ) -> Result<Verdict, DiffError> {
        let mut walk = Walk::new(self.old, self.new);
        walk.compare(old, new, "")?;
        Ok(walk
            .changes
            .iter()
            .map(|change| change.verdict)
            .fold(Verdict::SAME, Verdict::worst))
    }

    fn compare(
        &mut self,
        old: (&'a Value, String),
        new: (&'a Value, String),
        path: &str,
    ) -> Result<(), DiffError> {
        if !self.compared.insert((old.1.clone(), new.1.clone())) {
            return Ok(());
        }
        let old = read_unwrapped(self.old, old.0, old.1)?;
        let new = read_unwrapped(self.new, new.0, new.1)?;
        self.nodes(&old, &new, path)
    }

    fn nodes(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) -> Result<(), DiffError> {
        if old.nothing || new.nothing {
            if old.nothing != new.nothing {
                let (kind, detail, verdict) = if old.nothing {
                    (
                        Kind::TypeWidened,
                        "accepted nothing (`false`), now accepts values",
                        Verdict::WIDER,
                    )
                } else {
                    (
                        Kind::TypeNarrowed,
                        "now accepts nothing (`false`)",
                        Verdict::NARROWER,
                    )
                };
                self.report(kind, path, new.at.clone(), detail.into(), verdict);
            }
            return Ok(());
        }
        self.annotations(old, new, path);
        let old_values = enumeration(self.old, old)?;
        let new_values = enumeration(self.new, new)?;
        self.nullable(old, new, old_values.as_ref(), new_values.as_ref(), path);
        if !self.types(old, new, old_values.as_ref(), new_values.as_ref(), path) {
            return Ok(());
        }
        self.enumerations(old_values.as_ref(), new_values.as_ref(), path);
        self.pattern(old, new, path);
        self.format(old, new, path);
        for (keyword, lower) in BOUNDS {
            self.bound(keyword, lower, old, new, path);
        }
        self.object(old, new, path)?;
        self.items(old, new, path)?;
        let consumed = (
            old_values.and_then(|values| values.union),
            new_values.and_then(|values| values.union),
        );
        self.unions(old, new, consumed, path)?;
        self.other_keywords(old, new, path);
        Ok(())
    }

    fn annotations(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let keywords: BTreeSet<&str> = old
            .keywords
            .keys()
            .chain(new.keywords.keys())
            .copied()
            .filter(|keyword| is_annotation(keyword))
            .collect();
        for keyword in keywords {
            let detail = match (old.get(keyword), new.get(keyword)) {
                (Some(before), Some(after)) if before != after => "changed",
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
                _ => continue,
            };
            let location = new.change_location(old, keyword);
            self.report(
                Kind::AnnotationChanged,
                path,
                location,
                format!("`{keyword}` {detail}"),
                Verdict::SAME,
            );
        }
    }

    fn nullable(
        &mut self,
        old: &Node<'a>,
        new: &Node<'a>,
        old_values: Option<&Enumeration<'a>>,
        new_values: Option<&Enumeration<'a>>,
        path: &str,
    ) {
        let accepts_null = |node: &Node<'a>, values: Option<&Enumeration<'a>>| {
            if node.null_union.is_some() {
                Some(true)
            } else if let Some(values) = values {
                Some(values.has(&Value::Null))
            } else {
                node.declares_null()
            }
        };
        let location = |node: &Node<'a>, values: Option<&Enumeration<'a>>| {
            node.null_union
                .clone()
                .or_else(|| values.map(|values| values.at.clone()))
                .unwrap_or_else(|| node.location("type"))
        };
        match (accepts_null(old, old_values), accepts_null(new, new_values)) {
            (Some(false), Some(true)) => self.report(
                Kind::NullableAdded,
                path,
                location(new, new_values),
                "`null` is now accepted".into(),
                Verdict::WIDER,
            ),
            (Some(true), Some(false)) => self.report(
                Kind::NullableRemoved,
                path,
                location(old, old_values),
                "`null` is no longer accepted".into(),
                Verdict::NARROWER,
            ),
            _ => {}
        }
    }

    /// Compares the JSON types (`null` aside); false when the two share none, so that nothing
    /// else is worth comparing.
    fn types(
        &mut self,
        old: &Node<'a>,
        new: &Node<'a>,
        old_values: Option<&Enumeration<'a>>,
        new_values: Option<&Enumeration<'a>>,
        path: &str,
    ) -> bool {
        let effective = |node: &Node<'a>, values: Option<&Enumeration<'a>>| {
            let declared = node.declared_types();
            match (values, declared) {
                (None, declared) => declared,
                (Some(values), None) => Some(values.types()),
                (Some(values), Some(declared)) => Some(
                    values
                        .types()
                        .into_iter()
                        .filter(|ty| covers(&declared, ty))
                        .collect(),
                ),
            }
        };
        // Two enumerations are compared by their values; an enumeration against a schema that
        // declares no type is an `enum-added` or `enum-removed`, not a change of type.
        let enumerated = match (old_values, new_values) {
            (Some(_), Some(_)) => true,
            (Some(_), None) => new.declared_types().is_none(),
            (None, Some(_)) => old.declared_types().is_none(),
            (None, None) => false,
        };
        if enumerated {
            return true;
        }
        let location = match new.keywords.get("type") {
            Some((_, at)) => at.clone(),
            None => old.location("type"),
        };
        match (effective(old, old_values), effective(new, new_values)) {
            (None, None) => true,
            (None, Some(after)) => {
                self.report(
                    Kind::TypeNarrowed,
                    path,
                    location,
                    format!("any type before, now only {}", list(&after)),
                    Verdict::NARROWER,
                );
                true
            }
            (Some(before), None) => {
                self.report(
                    Kind::TypeWidened,
                    path,
                    location,
                    format!("only {} before, now any type", list(&before)),
                    Verdict::WIDER,
                );
                true
            }
            (Some(before), Some(after)) => {
                let wider = before.iter().all(|ty| covers(&after, ty));
                let narrower = after.iter().all(|ty| covers(&before, ty));
                let change = match (wider, narrower) {
                    (true, true) => None,
                    (true, false) => Some((Kind::TypeWidened, Verdict::WIDER)),
                    (false, true) => Some((Kind::TypeNarrowed, Verdict::NARROWER)),
                    (false, false) => Some((Kind::TypeChanged, Verdict::OTHER)),
                };
                if let Some((kind, verdict)) = change {
                    self.report(
                        kind,
                        path,
                        location,
                        format!("from {} to {}", list(&before), list(&after)),
                        verdict,
                    );
                }
                before.iter().any(|ty| covers(&after, ty))
                    || after.iter().any(|ty| covers(&before, ty))
            }
        }
    }

    fn enumerations(
        &mut self,
        old: Option<&Enumeration<'a>>,
        new: Option<&Enumeration<'a>>,
        path: &str,
    ) {
        match (old, new) {
            (Some(old), Some(new)) => {
                let removed: Vec<&Value> = old.values().filter(|value| !new.has(value)).collect();
                let added: Vec<&Value> = new.values().filter(|value| !old.has(value)).collect();
                if !removed.is_empty() {
                    self.report(
                        Kind::EnumValuesRemoved,
                        path,
                        new.at.clone(),
                        format!("no longer accepted: {}", values(&removed)),
                        Verdict::NARROWER,
                    );
                }
                if !added.is_empty() {
                    self.report(
                        Kind::EnumValuesAdded,
                        path,
                        new.at.clone(),
                        format!("now accepted: {}", values(&added)),
                        Verdict::WIDER,
                    );
                }
                for (value, annotations, at) in &new.members {
                    let before = old.members.iter().find(|(member, _, _)| member == value);
                    if let Some((_, before, _)) = before
                        && before != annotations
                    {
                        self.report(
                            Kind::AnnotationChanged,
                            path,
                            at.clone(),
                            format!("the annotations of the value {value} changed"),
                            Verdict::SAME,
                        );
                    }
                }
            }
            (None, Some(new)) => {
                let accepted: Vec<&Value> = new.values().collect();
                self.report(
                    Kind::EnumAdded,
                    path,
                    new.at.clone(),
                    format!("any value before, now only {}", values(&accepted)),
                    Verdict::NARROWER,
                );
            }
            (Some(old), None) => {
                let accepted: Vec<&Value> = old.values().collect();
                self.report(
                    Kind::EnumRemoved,
                    path,
                    old.at.clone(),
                    format!("only {} before, now any value", values(&accepted)),
                    Verdict::WIDER,
                );
            }
            (None, None) => {}
        }
    }

    fn pattern(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let (kind, detail, verdict) = match (old.get("pattern"), new.get("pattern")) {
            (None, Some(after)) => (
                Kind::PatternAdded,
                format!("now must match {after}"),
                Verdict::NARROWER,
            ),
            (Some(before), None) => (
                Kind::PatternRemoved,
                format!("no longer must match {before}"),
                Verdict::WIDER,
            ),
            (Some(before), Some(after)) if before != after => (
                Kind::PatternChanged,
                format!(
                    "from {before} to {after}; whether one accepts more than the other is not decided"
                ),
                Verdict::UNDECIDED,
            ),
            _ => return,
        };
        let location = match new.keywords.get("pattern") {
            Some((_, at)) => at.clone(),
            None => old.location("pattern"),
        };
        self.report(kind, path, location, detail, verdict);
    }

    fn format(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let (kind, detail, verdict) = match (old.get("format"), new.get("format")) {
            (None, Some(after)) => (
                Kind::FormatAdded,
                format!("now must be of format {after}"),
                Verdict::NARROWER,
            ),
            (Some(before), None) => (
                Kind::FormatRemoved,
                format!("no longer must be of format {before}"),
                Verdict::WIDER,
            ),
            (Some(before), Some(after)) if before != after => {
                let pair = (before.as_str().unwrap_or(""), after.as_str().unwrap_or(""));
                let reversed = (pair.1, pair.0);
                let verdict = if WIDER_FORMATS.contains(&pair) {
                    Verdict::WIDER
                } else if WIDER_FORMATS.contains(&reversed) {
                    Verdict::NARROWER
                } else {
                    Verdict::OTHER
                };
                (
                    Kind::FormatChanged,
                    format!("from {before} to {after}"),
                    verdict,
                )
            }
            _ => return,
        };
        let location = match new.keywords.get("format") {
            Some((_, at)) => at.clone(),
            None => old.location("format"),
        };
        self.report(kind, path, location, detail, verdict);
    }

    fn bound(&mut self, keyword: &str, lower: bool, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let (before, after) = (old.get(keyword), new.get(keyword));
        let location = new.change_location(old, keyword);
        let (tightened, detail) = match (before, after) {
            (None, None) => return,
            (None, Some(after)) => (true, format!("`{keyword}` {after} added")),
            (Some(before), None) => (false, format!("`{keyword}` {before} removed")),
            (Some(before), Some(after)) => match compare_numbers(before, after) {
                Some(Ordering::Equal) => return,
                Some(order) => {
                    let raised = order == Ordering::Less;
                    let verb = if raised { "raised" } else { "lowered" };
                    (
                        raised == lower,
                        format!("`{keyword}` {verb} from {before} to {after}"),
                    )
                }
                None if before == after => return,
                None => {
                    self.report(
                        Kind::KeywordChanged,
                        path,
                        location,
                        format!("`{keyword}` changed from {before} to {after}"),
                        Verdict::UNDECIDED,
                    );
                    return;
                }
            },
        };
        let (kind, verdict) = if tightened {
            (Kind::BoundTightened, Verdict::NARROWER)
        } else {
            (Kind::BoundLoosened, Verdict::WIDER)
        };
        self.report(kind, path, location, detail, verdict);
    }

    fn object(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) -> Result<(), DiffError> {
        if !old.is_object_schema() && !new.is_object_schema() {
            return Ok(());
        }
        let (old_members, new_members) = (old.properties(), new.properties());
        let (old_required, new_required) = (old.required(), new.required());
        let (old_model, new_model) = (old.content_model(), new.content_model());
        let member_path = |name: &str| format!("{path}/{}", escape(name));

        for (name, before, before_at) in &old_members {
            let Some((_, after, after_at)) = new_members.iter().find(|(other, _, _)| other == name)
            else {
                continue;
            };
            self.compare(
                (before, before_at.clone()),
                (after, after_at.clone()),
                &member_path(name),
            )?;
            let required = (old_required.contains(name), new_required.contains(name));
            if required.0 != required.1 {
                self.required_changed(name, required.1, old, new, path);
            }
        }

        let removed: Vec<_> = old_members
            .iter()
            .filter(|(name, _, _)| !new_members.iter().any(|(other, _, _)| other == name))
            .collect();
        let added: Vec<_> = new_members
            .iter()
            .filter(|(name, _, _)| !old_members.iter().any(|(other, _, _)| other == name))
            .collect();
        // A rename: one member removed and one added with the same schema, and no other
        // candidate on either side.
        let removed_forms: Vec<Value> = removed
            .iter()
            .map(|(_, schema, _)| canonical(self.old, schema))
            .collect();
        let added_forms: Vec<Value> = added
            .iter()
            .map(|(_, schema, _)| canonical(self.new, schema))
            .collect();
        let mut renames = Vec::new();
        for (index, form) in removed_forms.iter().enumerate() {
            let matches: Vec<usize> = (0..added_forms.len())
                .filter(|j| added_forms[*j] == *form)
                .collect();
            if let [only] = matches[..]
                && removed_forms
                    .iter()
                    .filter(|other| **other == added_forms[only])
                    .count()
                    == 1
            {
                renames.push((index, only));
            }
        }

        for (index, (name, schema, at)) in removed.iter().enumerate() {
            if renames.iter().any(|(from, _)| *from == index) {
                continue;
            }
            let was_required = old_required.contains(name);
            let verdict =
                self.removed_verdict(new_model.clone(), was_required, (schema, at.clone()))?;
            let mut otherwise = Vec::new();
            for model in new_model.0.alternatives() {
                otherwise.push((
                    *model,
                    self.removed_verdict((*model, None), was_required, (schema, at.clone()))?,
                ));
            }
            let required = if was_required { "required " } else { "" };
            self.push(Change {
                kind: Kind::PropertyRemoved,
                path: member_path(name),
                location: at.clone(),
                detail: format!(
                    "{required}member `{name}` removed, from a {} object",
                    new_model.0.name()
                ),
                verdict,
                content_model: Some((new_model.0, otherwise)),
            });
        }

        for (index, (name, schema, at)) in added.iter().enumerate() {
            if renames.iter().any(|(_, to)| *to == index) {
                continue;
            }
            let required = new_required.contains(name);
            let verdict = self.added_verdict(old_model.clone(), required, (schema, at.clone()))?;
            let mut otherwise = Vec::new();
            for model in old_model.0.alternatives() {
                otherwise.push((
                    *model,
                    self.added_verdict((*model, None), required, (schema, at.clone()))?,
                ));
            }
            let (kind, adjective) = if required {
                (Kind::RequiredPropertyAdded, "required")
            } else {
                (Kind::OptionalPropertyAdded, "optional")
            };
            self.push(Change {
                kind,
                path: member_path(name),
                location: at.clone(),
                detail: format!(
                    "{adjective} member `{name}` added, to a {} object",
                    old_model.0.name()
                ),
                verdict,
                content_model: Some((old_model.0, otherwise)),
            });
        }

        for (from, to) in renames {
            let (old_name, old_schema, old_at) = removed[from];
            let (new_name, new_schema, new_at) = added[to];
            let (was_required, required) = (
                old_required.contains(old_name),
                new_required.contains(new_name),
            );
            let old_site = (*old_schema, old_at.clone());
            let new_site = (*new_schema, new_at.clone());
            let verdict = self
                .removed_verdict(new_model.clone(), was_required, old_site.clone())?
                .worst(self.added_verdict(old_model.clone(), required, new_site.clone())?);
            let mut otherwise = Vec::new();
            for model in old_model.0.alternatives() {
                let verdict = self
                    .removed_verdict((*model, None), was_required, old_site.clone())?
                    .worst(self.added_verdict((*model, None), required, new_site.clone())?);
                otherwise.push((*model, verdict));
            }
            self.push(Change {
                kind: Kind::PropertyRenamed,
                path: member_path(new_name),
                location: new_at.clone(),
                detail: format!(
                    "member `{old_name}` renamed to `{new_name}` (same schema), in a {} object",
                    old_model.0.name()
                ),
                verdict,
                content_model: Some((old_model.0, otherwise)),
            });
        }

        // `required` names that no version declares as a member.
        let declared: BTreeSet<&str> = old_members
            .iter()
            .chain(&new_members)
            .map(|(name, _, _)| *name)
            .collect();
        for name in new_required.symmetric_difference(&old_required) {
            if !declared.contains(name) {
                self.required_changed(name, new_required.contains(name), old, new, path);
            }
        }

        self.additional_properties(old, new, old_model, new_model, path)
    }

    fn required_changed(
        &mut self,
        name: &str,
        now_required: bool,
        old: &Node<'a>,
        new: &Node<'a>,
        path: &str,
    ) {
        let (kind, detail, verdict, location) = if now_required {
            (
                Kind::RequiredAdded,
                format!("`{name}` is now required"),
                Verdict::NARROWER,
                new.location("required"),
            )
        } else {
            (
                Kind::RequiredRemoved,
                format!("`{name}` is no longer required"),
                Verdict::WIDER,
                old.location("required"),
            )
        };
        self.report(
            kind,
            &format!("{path}/{}", escape(name)),
            location,
            detail,
            verdict,
        );
    }

    /// A member added to an object whose old content model is `model`.
    fn added_verdict(
        &self,
        model: (ContentModel, Option<(&'a Value, String)>),
        required: bool,
        schema: (&'a Value, String),
    ) -> Result<Verdict, DiffError> {
        Ok(match model {
            // Old documents never carry it; old validators refuse new documents that do.
            (ContentModel::Closed, _) => Verdict::new(
                if required {
                    Effect::Breaks
                } else {
                    Effect::Compatible
                },
                Effect::Breaks,
            ),
            // Old documents may carry it with any value.
            (ContentModel::Open, _) => {
                let readers = if required {
                    Effect::Breaks
                } else if accepts_anything(self.new, schema.0)? {
                    Effect::Compatible
                } else {
                    Effect::MayBreak
                };
                Verdict::new(readers, Effect::Compatible)
            }
            // Old documents may carry it with a value `additionalProperties` accepted.
            (ContentModel::PartiallyOpen, extra) => {
                let covered = match extra {
                    Some(extra) => self.verdict_of(extra, schema)?,
                    None => Verdict::UNDECIDED,
                };
                let readers = if required {
                    Effect::Breaks
                } else if covered.readers == Effect::Compatible {
                    Effect::Compatible
                } else {
                    Effect::MayBreak
                };
                Verdict::new(readers, covered.writers)
            }
        })
    }

    /// A member removed from an object whose new content model is `model`.
    fn removed_verdict(
        &self,
        model: (ContentModel, Option<(&'a Value, String)>),
        was_required: bool,
        schema: (&'a Value, String),
    ) -> Result<Verdict, DiffError> {
        let writers_if_optional = |covered: Effect| {
            if was_required {
                Effect::Breaks
            } else {
                covered
            }
        };
        Ok(match model {
            // Old documents that carry it are refused.
            (ContentModel::Closed, _) => {
                let readers = if *schema.0 == Value::Bool(false) {
                    Effect::Compatible
                } else {
                    Effect::Breaks
                };
                Verdict::new(readers, writers_if_optional(Effect::Compatible))
            }
            // Old documents that carry it are still accepted; new ones may carry any value.
            (ContentModel::Open, _) => {
                let covered = if accepts_anything(self.old, schema.0)? {
                    Effect::Compatible
                } else {
                    Effect::MayBreak
                };
                Verdict::new(Effect::Compatible, writers_if_optional(covered))
            }
            // Old documents that carry it must now match `additionalProperties`.
            (ContentModel::PartiallyOpen, extra) => {
                let covered = match extra {
                    Some(extra) => self.verdict_of(schema, extra)?,
                    None => Verdict::UNDECIDED,
                };
                let writers = if covered.writers == Effect::Compatible {
                    Effect::Compatible
                } else {
                    Effect::MayBreak
                };
                Verdict::new(covered.readers, writers_if_optional(writers))
            }
        })
    }

    fn additional_properties(
        &mut self,
        old: &Node<'a>,
        new: &Node<'a>,
        (old_model, old_extra): (ContentModel, Option<(&'a Value, String)>),
        (new_model, new_extra): (ContentModel, Option<(&'a Value, String)>),
        path: &str,
    ) -> Result<(), DiffError> {
        use ContentModel::{Closed, Open, PartiallyOpen};
        let location = match new.keywords.get("additionalProperties") {
            Some((_, at)) => at.clone(),
            None => old.location("additionalProperties"),
        };
        let (kind, detail, verdict) = match (old_model, new_model) {
            (Closed, Open | PartiallyOpen) => (
                Kind::ObjectOpened,
                format!("the object, closed, is now {}: it accepts members it does not declare", new_model.name()),
                Verdict::WIDER,
            ),
            (Open | PartiallyOpen, Closed) => (
                Kind::ObjectClosed,
                format!("the object, {}, is now closed: it refuses members it does not declare", old_model.name()),
                Verdict::NARROWER,
            ),
            (Open, PartiallyOpen) => match &new_extra {
                Some(extra) if accepts_anything(self.new, extra.0)? => return Ok(()),
                _ => (
                    Kind::AdditionalPropertiesNarrowed,
                    "members the object does not declare, accepted with any value, must now match a schema".into(),
                    Verdict::NARROWER,
                ),
            },
            (PartiallyOpen, Open) => match &old_extra {
                Some(extra) if accepts_anything(self.old, extra.0)? => return Ok(()),
                _ => (
                    Kind::AdditionalPropertiesWidened,
                    "members the object does not declare, which had to match a schema, are now accepted with any value".into(),
                    Verdict::WIDER,
                ),
            },
            (PartiallyOpen, PartiallyOpen) => {
                if let (Some(before), Some(after)) = (old_extra, new_extra) {
                    self.compare(before, after, &format!("{path}/*"))?;
                }
                return Ok(());
            }
            (Closed, Closed) | (Open, Open) => return Ok(()),
        };
        self.report(kind, path, location, detail, verdict);
        Ok(())
    }

    fn items(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) -> Result<(), DiffError> {
        let (before, after) = (old.site("items"), new.site("items"));
        if before.is_none() && after.is_none() {
            return Ok(());
        }
        let before = before.unwrap_or_else(|| (&ANYTHING, old.location("items")));
        let after = after.unwrap_or_else(|| (&ANYTHING, new.location("items")));
        self.compare(before, after, &format!("{path}/[]"))
    }

    fn unions(
        &mut self,
        old: &Node<'a>,
        new: &Node<'a>,
        consumed: (Option<&str>, Option<&str>),
        path: &str,
    ) -> Result<(), DiffError> {
        for union in ["anyOf", "oneOf", "allOf"] {
            let before = old.site(union).filter(|_| consumed.0 != Some(union));
            let after = new.site(union).filter(|_| consumed.1 != Some(union));
            match (before, after) {
                (None, None) => {}
                (
                    Some((Value::Array(before), before_at)),
                    Some((Value::Array(after), after_at)),
                ) => {
                    self.alternatives(union, (before, &before_at), (after, &after_at), path)?;
                }
                (before, after) => {
                    let detail = match (&before, &after) {
                        (None, _) => "added",
                        (_, None) => "removed",
                        _ => "changed",
                    };
                    let location = after.or(before).map(|(_, at)| at).unwrap_or_default();
                    self.report(
                        Kind::KeywordChanged,
                        path,
                        location,
                        format!("`{union}` {detail}"),
                        Verdict::UNDECIDED,
                    );
                }
            }
        }
        Ok(())
    }

    /// Pairs the alternatives of a union: equal ones first, then the rest in order when as many
    /// are left on each side; what stays unpaired was added or removed.
    fn alternatives(
        &mut self,
        union: &str,
        (before, before_at): (&'a [Value], &str),
        (after, after_at): (&'a [Value], &str),
        path: &str,
    ) -> Result<(), DiffError> {
        let before_forms: Vec<Value> = before
            .iter()
            .map(|schema| canonical(self.old, schema))
            .collect();
        let after_forms: Vec<Value> = after
            .iter()
            .map(|schema| canonical(self.new, schema))
            .collect();
        let mut after_left: Vec<usize> = (0..after.len()).collect();
        let mut pairs = Vec::new();
        let mut before_left = Vec::new();
        for (index, form) in before_forms.iter().enumerate() {
            match after_left
                .iter()
                .position(|other| after_forms[*other] == *form)
            {
                Some(position) => pairs.push((index, after_left.remove(position))),
                None => before_left.push(index),
            }
        }
        if before_left.len() == after_left.len() {
            pairs.extend(before_left.drain(..).zip(after_left.drain(..)));
        }
        for (from, to) in pairs {
            self.compare(
                (&before[from], format!("{before_at}/{from}")),
                (&after[to], format!("{after_at}/{to}")),
                path,
            )?;
        }
        let (removed, added) = match union {
            "allOf" => (Verdict::WIDER, Verdict::NARROWER),
            "oneOf" => (
                Verdict::NARROWER,
                Verdict::new(Effect::MayBreak, Effect::Breaks),
            ),
            _ => (Verdict::NARROWER, Verdict::WIDER),
        };
        for index in before_left {
            self.report(
                Kind::AlternativeRemoved,
                path,
                format!("{before_at}/{index}"),
                format!("an alternative of `{union}` removed"),
                removed,
            );
        }
        for index in after_left {
            self.report(
                Kind::AlternativeAdded,
                path,
                format!("{after_at}/{index}"),
                format!("an alternative of `{union}` added"),
                added,
            );
        }
        Ok(())
    }

    fn other_keywords(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let keywords: BTreeSet<&str> = old.assertions().chain(new.assertions()).collect();
        for keyword in keywords {
            let modelled = MODELLED.contains(&keyword)
                || keyword == "items"
                || BOUNDS.iter().any(|(bound, _)| *bound == keyword);
            if modelled {
                continue;
            }
            let before = old.get(keyword).map(|value| canonical(self.old, value));
            let after = new.get(keyword).map(|value| canonical(self.new, value));
            let detail = match (&before, &after) {
                (Some(before), Some(after)) if before != after => {
                    format!("`{keyword}` changed from {before} to {after}")
                }
                (None, Some(after)) => format!("`{keyword}` {after} added"),
                (Some(before), None) => format!("`{keyword}` {before} removed"),
                _ => continue,
            };
            let location = new.change_location(old, keyword);
            self.report(
                Kind::KeywordChanged,
                path,
                location,
                detail,
                Verdict::UNDECIDED,
            );
        }
    }
}

/// Whether a subschema accepts every value: `true`, `{}` or annotations only.
fn accepts_anything(root: &Value, schema: &Value) -> Result<bool, DiffError> {
    let node = read(root, schema, String::new())?;
    Ok(!node.nothing && node.assertions().next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;

    fn cases_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join("diff")
    }

    fn load(path: &Path) -> Value {
        json_file::read(path).unwrap_or_else(|error| panic!("{error}"))
    }

    /// The members of `expected` that differ in `actual` (every member of `expected` must be
    /// there, with the same value; `changes` must have the same length and match one by one).
    fn mismatches(expected: &Value, actual: &Value, at: &str, out: &mut Vec<String>) {
        match (expected, actual) {
            (Value::Object(expected), Value::Object(actual)) => {
                for (key, value) in expected {
                    match actual.get(key) {
                        Some(found) => mismatches(value, found, &format!("{at}/{key}"), out),
                        None => out.push(format!("{at}/{key}: missing")),
                    }
                }
            }
            (Value::Array(expected), Value::Array(actual)) => {
                if expected.len() != actual.len() {
                    out.push(format!(
                        "{at}: {} entries expected, {} found: {}",
                        expected.len(),
                        actual.len(),
                        serde_json::to_string_pretty(actual).unwrap_or_default()
                    ));
                    return;
                }
                for (index, (expected, actual)) in expected.iter().zip(actual).enumerate() {
                    mismatches(expected, actual, &format!("{at}/{index}"), out);
                }
            }
            _ if expected != actual => {
                out.push(format!("{at}: expected {expected}, found {actual}"))
            }
            _ => {}
        }
    }

    /// Every case under `xtask/tests/diff/<case>/`: `old.schema.json`, `new.schema.json` and
    /// `expected.json`, the parts of the JSON report the case is about.
    #[test]
    fn every_case_is_classified_as_expected() {
        let mut cases: Vec<PathBuf> = fs::read_dir(cases_dir())
            .expect("xtask/tests/diff exists")
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.is_dir())
            .collect();
        cases.sort();
        let mut failures = Vec::new();
        for case in &cases {
            let name = case
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let report = diff(
                &load(&case.join("old.schema.json")),
                &load(&case.join("new.schema.json")),
            );
            let report = match report {
                Ok(report) => report.to_json(),
                Err(error) => {
                    failures.push(format!("{name}: {error}"));
                    continue;
                }
            };
            let mut found = Vec::new();
            mismatches(
                &load(&case.join("expected.json")),
                &report,
                &name,
                &mut found,
            );
            failures.extend(found);
        }
        assert!(
            cases.len() >= 15,
            "only {} cases under {}",
            cases.len(),
            cases_dir().display()
        );
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The case names are the kinds they are about, and together they cover every kind the
    /// issue lists.
    #[test]
    fn the_cases_cover_every_listed_kind() {
        let mut seen = BTreeSet::new();
        for entry in fs::read_dir(cases_dir()).expect("xtask/tests/diff exists") {
            let path = entry.expect("a directory entry").path();
            let expected = load(&path.join("expected.json"));
            for change in expected["changes"].as_array().into_iter().flatten() {
                if let Some(kind) = change["kind"].as_str() {
                    seen.insert(kind.to_owned());
                }
            }
        }
        let listed = [
            Kind::PropertyRemoved,
            Kind::OptionalPropertyAdded,
            Kind::RequiredPropertyAdded,
            Kind::PropertyRenamed,
            Kind::RequiredAdded,
            Kind::RequiredRemoved,
            Kind::TypeNarrowed,
            Kind::TypeWidened,
            Kind::NullableAdded,
            Kind::NullableRemoved,
            Kind::EnumValuesRemoved,
            Kind::EnumValuesAdded,
            Kind::PatternChanged,
            Kind::FormatAdded,
            Kind::FormatRemoved,
            Kind::FormatChanged,
            Kind::BoundTightened,
            Kind::BoundLoosened,
            Kind::ObjectClosed,
            Kind::ObjectOpened,
            Kind::AnnotationChanged,
        ];
        let missing: Vec<&str> = listed
            .iter()
            .map(|kind| kind.name())
            .filter(|name| !seen.contains(*name))
            .collect();
        assert!(missing.is_empty(), "no case for {missing:?}");
    }

    #[test]
    fn versions_are_read_and_bumped() {
        assert_eq!(parse_version("1-0-0"), Some(SchemaVersion::new(1, 0, 0)));
        assert_eq!(
            parse_version("12-3-40"),
            Some(SchemaVersion::new(12, 3, 40))
        );
        for bad in ["1-0", "1-0-0-0", "01-0-0", "1.0.0", "1--0", "a-0-0", ""] {
            assert_eq!(parse_version(bad), None, "{bad}");
        }
        let v = |text| parse_version(text).expect("a version");
        assert_eq!(Bump::between(v("1-2-3"), v("2-0-0")), Some(Bump::Model));
        assert_eq!(Bump::between(v("1-2-3"), v("1-3-0")), Some(Bump::Revision));
        assert_eq!(Bump::between(v("1-2-3"), v("1-2-4")), Some(Bump::Addition));
        assert_eq!(Bump::between(v("1-2-3"), v("1-2-3")), None);
        assert_eq!(Bump::between(v("1-2-3"), v("1-1-9")), None);
        assert_eq!(Bump::Model.apply(v("1-2-3")), v("2-0-0"));
        assert_eq!(Bump::Revision.apply(v("1-2-3")), v("1-3-0"));
        assert_eq!(Bump::Addition.apply(v("1-2-3")), v("1-2-4"));
    }

    /// A schema compared with itself has no change, and a schema that refers to itself is
    /// walked once.
    #[test]
    fn a_schema_equals_itself_and_cycles_end() {
        let schema = json!({
            "$defs": {"Node": {"type": "object", "properties": {
                "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}
            }}},
            "$ref": "#/$defs/Node"
        });
        let report = diff(&schema, &schema).expect("comparable");
        assert!(report.changes.is_empty(), "{:?}", report.changes);
        assert_eq!(report.required_bump(), Bump::None);
        let looping = json!({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}, "$ref": "#/$defs/A"});
        let error = diff(&looping, &looping).expect_err("a cycle of `$ref`s alone is no schema");
        assert!(error.to_string().contains("cycle"), "{error}");
    }

    /// The objects of a schema that are not closed, as (document path, content model), the root
    /// being `(document)`.
    fn unclosed_objects(root: &Value) -> BTreeSet<(String, &'static str)> {
        fn visit<'a>(
            root: &'a Value,
            value: &'a Value,
            at: String,
            path: String,
            found: &mut BTreeSet<(String, &'static str)>,
        ) {
            assert!(
                path.matches('/').count() < 32,
                "{path}: too deep (a cycle?)"
            );
            let node = read_unwrapped(root, value, at).expect("a readable schema");
            if node.is_object_schema() {
                let (model, _) = node.content_model();
                if model != ContentModel::Closed {
                    let shown = if path.is_empty() {
                        "(document)".to_owned()
                    } else {
                        path.clone()
                    };
                    found.insert((shown, model.name()));
                }
            }
            for (name, schema, at) in node.properties() {
                visit(root, schema, at, format!("{path}/{}", escape(name)), found);
            }
            if let Some((schema, at)) = node.site("items") {
                visit(root, schema, at, format!("{path}/[]"), found);
            }
            if let Some((schema @ Value::Object(_), at)) = node.site("additionalProperties") {
                visit(root, schema, at, format!("{path}/*"), found);
            }
            for union in ["anyOf", "oneOf", "allOf"] {
                if let Some((Value::Array(alternatives), at)) = node.site(union) {
                    for (index, alternative) in alternatives.iter().enumerate() {
                        visit(
                            root,
                            alternative,
                            format!("{at}/{index}"),
                            path.clone(),
                            found,
                        );
                    }
                }
            }
        }
        let mut found = BTreeSet::new();
        visit(root, root, "#".into(), String::new(), &mut found);
        found
    }

    /// VERSIONING.md's table of content models says which objects of each payload are not
    /// closed; it must agree with the published schemas.
    #[test]
    fn versioning_md_states_the_content_model_of_every_payload() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../VERSIONING.md");
        let text = fs::read_to_string(&path).expect("VERSIONING.md");
        let mut stated = BTreeMap::new();
        for line in text.lines() {
            let cells: Vec<&str> = line.split(" | ").collect();
            let (Some(first), Some(second)) = (cells.first(), cells.get(1)) else {
                continue;
            };
            let id = first
                .strip_prefix("| `")
                .and_then(|rest| rest.strip_suffix('`'))
                .filter(|id| schema_types::registry::find(id).is_some());
            let Some(id) = id else {
                continue;
            };
            let mut objects = BTreeSet::new();
            for part in second.trim_end_matches(" |").split("), ") {
                let Some((object, model)) = part.split_once("`: ") else {
                    continue;
                };
                let model = model.split(" (").next().unwrap_or_default().trim();
                let model = ["open", "partially open"]
                    .into_iter()
                    .find(|name| *name == model)
                    .unwrap_or_else(|| panic!("{id}: unknown content model `{model}`"));
                objects.insert((object.trim_start_matches('`').to_owned(), model));
            }
            stated.insert(id.to_owned(), objects);
        }
        for kind in schema_types::PAYLOADS {
            let actual = unclosed_objects(&kind.schema());
            assert_eq!(
                stated.get(kind.id),
                Some(&actual),
                "VERSIONING.md, content model of {}",
                kind.id
            );
        }
        assert_eq!(
            stated.len(),
            schema_types::PAYLOADS.len(),
            "one row per payload"
        );
    }

    /// Every published schema compared with itself: no change (the walk understands every
    /// keyword our schemas use without reporting a difference that is not there).
    #[test]
    fn every_published_schema_equals_itself() {
        for kind in schema_types::PAYLOADS {
            let schema = kind.schema();
            let report =
                diff(&schema, &schema).unwrap_or_else(|error| panic!("{}: {error}", kind.id));
            assert!(
                report.changes.is_empty(),
                "{}: {:?}",
                kind.id,
                report.changes
            );
        }
    }
}
