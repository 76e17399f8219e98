//! The JSON of the receiver's answers (`telemetry-spec serve`), as types: what `/api/summary`,
//! `/api/documents`, `/api/wait`, `/api/reset` and `/api/coverage` answer, the verdict each
//! emitter's endpoint answers and each stored document keeps, the summary that closes an NDJSON
//! answer, and the error body. The receiver writes every answer by serialising these types, and
//! `cargo xtask gen` publishes each one's schema ([`ANSWERS`]) as it publishes the payloads',
//! under `schemas/serve/<answer>/<version>.schema.json`, versioned and locked the same way
//! (VERSIONING.md). A client of the receiver (a test harness, `telemetry-spec query`) validates
//! what it reads against those files, or reads the types' documentation.
//!
//! Every object is closed (`additionalProperties: false`) but one map, a Segment call's
//! `segment.added` (pointer to value): a member the receiver starts to send is a new version of
//! the answer's schema (an ADDITION for an optional member).

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};

use super::verdict::Verdict;
use crate::payload::SchemaVersion;
use crate::schema;

/// The vendor segment of every answer's id: `serve/summary`.
pub const VENDOR: &str = "serve";

/// `GET /api/summary`: the documents stored, per kind, schema version and verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Summary {
    /// Every document stored.
    pub documents: u64,
    /// The valid ones.
    pub valid: u64,
    /// The invalid ones (of a kind or of none).
    pub invalid: u64,
    /// Per kind and version, in order of kind then version; documents of no kind have `kind`
    /// and `version` `null`.
    pub kinds: Vec<KindCount>,
}

/// The documents of one kind and schema version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct KindCount {
    /// The payload kind (`null`: of no kind).
    pub kind: Option<String>,
    /// The kind's schema version the documents were judged by.
    pub version: Option<String>,
    /// How many are valid.
    pub valid: u64,
    /// How many are invalid.
    pub invalid: u64,
}

/// A verdict as the receiver answers it and keeps it with the document: the library's verdict
/// (what `telemetry-spec validate --format json` prints), and what the receiver knows of how the
/// document arrived.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReceivedVerdict {
    /// The verdict on the document.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The Hasura topic the kind was told by (`POST /v1/http`, the Console's WebSocket).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub topic: Option<String>,
    /// What Segment adds on receipt, added before the call was judged (`/v1/track`, `/v1/batch`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "SegmentAdded")]
    pub segment: Option<SegmentAdded>,
}

/// What was added to a Segment call before it was judged.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SegmentAdded {
    /// Each added member's JSON Pointer in the judged document, and its value.
    pub added: Map<String, Value>,
}

/// One stored document, as `/api/documents` gives it: its bytes as `body` or as `bodyBase64`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    {"properties": {"body": true}, "required": ["body"]},
    {"properties": {"bodyBase64": true}, "required": ["bodyBase64"]},
]))]
#[serde(rename_all = "camelCase")]
pub struct DocumentRecord {
    /// Its number, in the order of receipt: the cursor of the page that follows it.
    pub id: i64,
    /// When its request arrived (RFC 3339, UTC).
    pub received_at: Option<String>,
    /// The path it was sent to (`/v1/http`, `/validate/KIND`, ...).
    pub endpoint: String,
    /// The payload kind it was judged as (`null`: of no kind).
    pub kind: Option<String>,
    /// The kind's schema version.
    pub version: Option<String>,
    /// Whether it is a valid document of its kind.
    pub valid: bool,
    /// Its verdict, as it was answered.
    #[schemars(with = "ReceivedVerdict")]
    pub verdict: Value,
    /// Its bytes as received, when they are UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub body: Option<String>,
    /// Its bytes as received, in base64, when they are not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("contentEncoding" = "base64"))]
    pub body_base64: Option<String>,
}

/// `GET /api/documents`: a page of stored documents, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DocumentsPage {
    /// The documents of the page.
    pub documents: Vec<DocumentRecord>,
    /// The `cursor` of the next page, when the page is full (`null`: the last page).
    pub next: Option<String>,
}

/// `GET /api/wait`: how many documents match, and whether that is as many as asked for (`200`),
/// or not before the timeout (`408`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WaitAnswer {
    /// The documents matching the filter when the wait ended.
    pub count: u64,
    /// Whether `count` reached the number asked for.
    pub reached: bool,
}

/// `POST /api/reset`: how many documents were deleted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ResetAnswer {
    /// The documents there were.
    pub deleted: u64,
}

/// `GET /api/coverage` (and `serve --report FILE`): what arrived against what the registry
/// declares: per kind, the versions, eras and members seen, and the declared ones never seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Coverage {
    /// Every declared kind, in the registry's order, with the documents seen of it.
    pub kinds: Vec<KindCoverage>,
    /// The declared kinds of which no document was stored.
    pub unseen: Vec<String>,
    /// Documents of no kind.
    pub undetected: u64,
    /// Documents that are not valid (of a kind or of none).
    pub invalid: u64,
}

/// One declared kind in the coverage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
pub struct KindCoverage {
    /// The kind's id.
    pub kind: String,
    /// The kind's current schema version.
    pub declared_version: String,
    /// Per schema version seen, the documents valid and invalid (empty: never seen).
    pub seen: Vec<VersionCount>,
    /// For a kind with eras, every era its schema declares, oldest first, with the valid
    /// documents that matched it (0: never seen); empty for a kind of one shape.
    pub eras: Vec<EraCount>,
    /// Every member the kind's current schema declares (of every era), in schema order, with the
    /// valid documents that hold it (0: never seen).
    pub members: Vec<MemberCount>,
}

/// The valid documents of one era of a kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EraCount {
    /// The era's name (`2023`).
    pub era: String,
    /// The valid documents that matched it.
    pub documents: u64,
}

/// The valid documents that hold one declared member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MemberCount {
    /// Where the member stands in a document, as a JSON Pointer template: `*` for any item of
    /// an array, `{name}` for any member of an open map (`/usageData/*/user`).
    pub pointer: String,
    /// The valid documents that hold it (with any value, `null` included).
    pub documents: u64,
}

/// The documents of one schema version of a kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct VersionCount {
    /// The schema version.
    pub version: Option<String>,
    /// How many are valid.
    pub valid: u64,
    /// How many are invalid.
    pub invalid: u64,
}

/// The last line of an NDJSON answer of verdicts (`/validate`, `/v1/batch`), as
/// `telemetry-spec validate --format json` ends its output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RunSummary {
    /// The counts.
    pub summary: RunCounts,
}

/// The counts of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RunCounts {
    /// Every document judged.
    pub documents: u64,
    /// The valid ones.
    pub valid: u64,
    /// The invalid ones.
    pub invalid: u64,
    /// Inputs that could not be read (always 0 for the receiver, which judges bodies).
    pub errors: u64,
}

/// Any error the receiver answers (`400`, `401`, `404`, `408` is a [`WaitAnswer`], `413`, `500`,
/// `503`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ErrorBody {
    /// What went wrong, in words; whether anything was stored.
    pub error: String,
}

/// One answer whose schema is published: its id (`serve/summary`), version, title and type.
#[derive(Clone, Copy, Debug)]
pub struct Answer {
    /// `serve/<answer>`.
    pub id: &'static str,
    /// The schema's version (SchemaVer); bumped as `cargo xtask diff` says when the type changes.
    pub version: SchemaVersion,
    /// The schema's title.
    pub title: &'static str,
    bare_schema: fn() -> Value,
}

impl Answer {
    const fn of<T: JsonSchema>(
        id: &'static str,
        version: SchemaVersion,
        title: &'static str,
    ) -> Self {
        Self {
            id,
            version,
            title,
            bare_schema: schema::bare_answer_schema::<T>,
        }
    }

    /// The schema file's path under `schemas/`: `serve/summary/1-0-0.schema.json`.
    pub fn schema_path(&self) -> String {
        crate::schema_path::of(self.id, self.version)
    }

    /// The schema as `cargo xtask gen` publishes it: the type's schema (the serialising side:
    /// a member is required when it is always sent) with its `$id`, `$comment` and title.
    pub fn schema(&self) -> Value {
        let id = format!("{}{}", schema::BASE_URL, self.schema_path());
        schema::published_answer_schema((self.bare_schema)(), &id, self.title)
    }
}

/// Every answer whose schema is published, one line each.
pub const ANSWERS: &[Answer] = &[
    Answer::of::<Summary>(
        "serve/summary",
        SchemaVersion::new(1, 0, 0),
        "Receiver: summary",
    ),
    Answer::of::<DocumentRecord>(
        "serve/document",
        SchemaVersion::new(1, 0, 0),
        "Receiver: a stored document",
    ),
    Answer::of::<DocumentsPage>(
        "serve/documents",
        SchemaVersion::new(1, 0, 0),
        "Receiver: a page of stored documents",
    ),
    Answer::of::<WaitAnswer>("serve/wait", SchemaVersion::new(1, 0, 0), "Receiver: wait"),
    Answer::of::<ResetAnswer>(
        "serve/reset",
        SchemaVersion::new(1, 0, 0),
        "Receiver: reset",
    ),
    Answer::of::<Coverage>(
        "serve/coverage",
        SchemaVersion::new(1, 0, 0),
        "Receiver: coverage",
    ),
    Answer::of::<ReceivedVerdict>(
        "serve/verdict",
        SchemaVersion::new(1, 0, 0),
        "Receiver: the verdict on one document",
    ),
    Answer::of::<RunSummary>(
        "serve/run-summary",
        SchemaVersion::new(1, 0, 0),
        "Receiver: the summary closing an answer of verdicts",
    ),
    Answer::of::<ErrorBody>(
        "serve/error",
        SchemaVersion::new(1, 0, 0),
        "Receiver: an error",
    ),
];

/// The published answer with id `id`.
pub fn find(id: &str) -> Option<&'static Answer> {
    ANSWERS.iter().find(|answer| answer.id == id)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_answer_is_under_the_vendor_once_with_a_closed_root() {
        let mut ids: Vec<&str> = ANSWERS.iter().map(|answer| answer.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ANSWERS.len(), "an answer listed twice");
        for answer in ANSWERS {
            let (vendor, _) = answer.id.split_once('/').unwrap();
            assert_eq!(vendor, VENDOR, "{}", answer.id);
            let schema = answer.schema();
            assert_eq!(schema["additionalProperties"], false, "{}", answer.id);
            assert_eq!(schema["title"], answer.title);
            assert!(
                crate::schema_path::split(&answer.schema_path()).is_ok(),
                "{}",
                answer.id
            );
        }
    }

    #[test]
    fn a_verdict_keeps_the_librarys_members_and_adds_the_receivers() {
        let schema = find("serve/verdict").unwrap().schema();
        let members: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for member in [
            "line",
            "kind",
            "valid",
            "detection",
            "report",
            "topic",
            "segment",
        ] {
            assert!(members.contains(&member), "{member} in {members:?}");
        }
        assert_eq!(
            schema["required"],
            json!(["line", "kind", "valid", "report"])
        );
    }
}
