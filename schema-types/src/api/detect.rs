//! Telling the kind of an unlabelled document from the members and event names that identify
//! each kind.
//!
//! Each kind's [`Signature`] is made by the registry from what its payload type declares
//! ([`crate::Payload::CLUES`]) and, for a layer derived from it (a Hasura row or wire message),
//! from what that layer adds around the payload: no clue is written twice. [`detect`] answers
//! [`Detection::Known`] only when exactly one kind's signature is met; anything else is
//! [`Detection::Ambiguous`] or [`Detection::Unknown`], with the candidates named, never a guess.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use serde_json::Value;

use super::probe::{Facts, PROBES};
use crate::registry::{PAYLOADS, PayloadKind};

/// One fact about a document that points to a payload kind. Pointers are RFC 6901, from where
/// the clue is read: the document's root, or where its payload stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clue {
    /// A member is present (whatever its value).
    Present(&'static str),
    /// A member is absent: what tells a bare Hasura payload from its row, which adds `id`.
    Absent(&'static str),
    /// A member holds this string.
    Equals(&'static str, &'static str),
    /// At least one of these members is present.
    AnyPresent(&'static [&'static str]),
    /// The object at the pointer has a member whose name starts with the prefix and whose value
    /// is an array.
    ArrayNamed {
        /// Where the object is.
        object: &'static str,
        /// The start of the member's name.
        prefix: &'static str,
    },
}

impl Clue {
    /// Whether `document` shows this clue.
    pub fn holds(&self, document: &Value) -> bool {
        match *self {
            Self::Present(pointer) => document.pointer(pointer).is_some(),
            Self::Absent(pointer) => document.pointer(pointer).is_none(),
            Self::Equals(pointer, expected) => {
                document.pointer(pointer).and_then(Value::as_str) == Some(expected)
            }
            Self::AnyPresent(pointers) => pointers
                .iter()
                .any(|pointer| document.pointer(pointer).is_some()),
            Self::ArrayNamed { object, prefix } => document
                .pointer(object)
                .and_then(Value::as_object)
                .is_some_and(|members| {
                    members
                        .iter()
                        .any(|(name, value)| name.starts_with(prefix) && value.is_array())
                }),
        }
    }
}

impl Clue {
    /// Writes the clue for people, its pointers read from `root` (`/data` for the payload of a
    /// wire message).
    fn write(&self, f: &mut fmt::Formatter<'_>, root: &str) -> fmt::Result {
        match *self {
            Self::Present(pointer) => write!(f, "`{root}{pointer}`"),
            Self::Absent(pointer) => write!(f, "no `{root}{pointer}`"),
            Self::Equals(pointer, value) => {
                write!(f, "`{root}{pointer}` = {}", Value::from(value))
            }
            Self::AnyPresent(pointers) => {
                f.write_str("one of ")?;
                for (index, pointer) in pointers.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{root}{pointer}`")?;
                }
                Ok(())
            }
            Self::ArrayNamed { object, prefix } => {
                write!(f, "an array `{root}{object}/{prefix}*`")
            }
        }
    }

    /// Whether the clue counts for a document that shows it: an absent member is no sign of a
    /// kind.
    fn is_positive(&self) -> bool {
        !matches!(self, Self::Absent(_))
    }
}

impl fmt::Display for Clue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, "")
    }
}

/// What identifies a payload kind: every clue holds for each of its documents, and for no
/// document of another kind. The payload's clues are read where the payload stands in the
/// document; the layer's own (a wire message's `topic`, a row's `id`) from the document's root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The payload's clues, as its type declares them ([`crate::Payload::CLUES`]).
    pub payload: &'static [Clue],
    /// Where the payload stands in the document: `""` (the document is the payload, or holds
    /// its members beside its own) or the pointer of the member that holds it (`/data`).
    pub payload_at: &'static str,
    /// The clues of the layer around the payload.
    pub layer: &'static [Clue],
}

impl Signature {
    /// Whether `document` shows every clue.
    pub fn matches(&self, document: &Value) -> bool {
        self.layer.iter().all(|clue| clue.holds(document))
            && document
                .pointer(self.payload_at)
                .is_some_and(|payload| self.payload.iter().all(|clue| clue.holds(payload)))
    }

    /// How many of its clues that are a sign of the kind (every clue but an absent member)
    /// `document` shows, and how many there are.
    fn shown(&self, document: &Value) -> (usize, usize) {
        let payload = document.pointer(self.payload_at);
        let payload_clues = self.payload.iter().filter(|clue| clue.is_positive());
        let layer_clues = self.layer.iter().filter(|clue| clue.is_positive());
        let shown = payload_clues
            .clone()
            .filter(|clue| payload.is_some_and(|payload| clue.holds(payload)))
            .count()
            + layer_clues
                .clone()
                .filter(|clue| clue.holds(document))
                .count();
        (shown, payload_clues.count() + layer_clues.count())
    }
}

/// The payload's clues, then the layer's: `` `/data/db_uid` and `/topic` ``.
impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clues = self
            .payload
            .iter()
            .map(|clue| (clue, self.payload_at))
            .chain(self.layer.iter().map(|clue| (clue, "")));
        for (index, (clue, root)) in clues.enumerate() {
            if index > 0 {
                f.write_str(" and ")?;
            }
            clue.write(f, root)?;
        }
        Ok(())
    }
}

/// The verdict of [`detect`] on one document.
#[derive(Clone, Debug)]
pub enum Detection {
    /// Exactly one kind's signature matches.
    Known(&'static PayloadKind),
    /// The signatures of several kinds match (registry order): the document mixes members of
    /// these kinds.
    Ambiguous(Vec<&'static PayloadKind>),
    /// No kind's signature matches.
    Unknown {
        /// The kinds the document comes nearest to, nearest first (at most three, possibly none):
        /// those whose members it mostly shares, or some of whose clues it shows.
        nearest: Vec<&'static PayloadKind>,
        /// Whether the document is a JSON object at all (every payload is one).
        object: bool,
    },
}

impl Detection {
    /// The kind, when exactly one matches.
    pub fn kind(&self) -> Option<&'static PayloadKind> {
        match self {
            Self::Known(kind) => Some(kind),
            _ => None,
        }
    }

    /// The kinds named by the verdict: the one known, the ambiguous ones, or the nearest.
    pub fn candidates(&self) -> Vec<&'static PayloadKind> {
        match self {
            Self::Known(kind) => vec![kind],
            Self::Ambiguous(kinds) => kinds.clone(),
            Self::Unknown { nearest, .. } => nearest.clone(),
        }
    }
}

impl PartialEq for Detection {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Known(a), Self::Known(b)) => a == b,
            (Self::Ambiguous(a), Self::Ambiguous(b)) => a == b,
            (
                Self::Unknown { nearest, object },
                Self::Unknown {
                    nearest: other_nearest,
                    object: other_object,
                },
            ) => nearest == other_nearest && object == other_object,
            _ => false,
        }
    }
}

/// A document that is not of one known kind is an error where a kind was needed: it composes
/// with `?`, `Box<dyn Error>` and `anyhow`.
impl std::error::Error for Detection {}

/// For machines: `{"detection": "known" | "ambiguous" | "unknown", "kind" or "candidates",
/// "object", "message"}`, the message as [`fmt::Display`] writes it.
impl serde::Serialize for Detection {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let ids = |kinds: &[&PayloadKind]| kinds.iter().map(|kind| kind.id).collect::<Vec<_>>();
        let mut out = serializer.serialize_struct("Detection", 4)?;
        match self {
            Self::Known(kind) => {
                out.serialize_field("detection", "known")?;
                out.serialize_field("kind", kind.id)?;
            }
            Self::Ambiguous(kinds) => {
                out.serialize_field("detection", "ambiguous")?;
                out.serialize_field("candidates", &ids(kinds))?;
            }
            Self::Unknown { nearest, object } => {
                out.serialize_field("detection", "unknown")?;
                out.serialize_field("candidates", &ids(nearest))?;
                out.serialize_field("object", object)?;
            }
        }
        out.serialize_field("message", &self.to_string())?;
        out.end()
    }
}

/// One line for people: the kind, or why there is none and which kinds come into question,
/// each with what identifies it.
impl fmt::Display for Detection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let candidates = |f: &mut fmt::Formatter<'_>, kinds: &[&PayloadKind]| {
            for (index, kind) in kinds.iter().enumerate() {
                if index > 0 {
                    f.write_str("; ")?;
                }
                write!(f, "{} (identified by {})", kind.id, kind.signature)?;
            }
            Ok(())
        };
        match self {
            Self::Known(kind) => f.write_str(kind.id),
            Self::Ambiguous(kinds) => {
                write!(
                    f,
                    "ambiguous kind: the document shows the signatures of {} payload kinds: ",
                    kinds.len()
                )?;
                candidates(f, kinds)
            }
            Self::Unknown { object: false, .. } => {
                f.write_str("unknown kind: the document is not a JSON object, and every payload is")
            }
            Self::Unknown { nearest, .. } if nearest.is_empty() => f.write_str(
                "unknown kind: the document has none of the members that identify a payload kind",
            ),
            Self::Unknown { nearest, .. } => {
                f.write_str("unknown kind: no payload kind's signature matches; nearest: ")?;
                candidates(f, nearest)
            }
        }
    }
}

/// The kind of an unlabelled document, told by the members and event names that identify each
/// kind (its [`Signature`]). Detection does not validate: a document with a kind's signature is of
/// that kind, however wrong its other members are (validating it then says what is wrong).
///
/// ```
/// use schema_types::api::{Detection, detect};
/// use serde_json::json;
///
/// let ping = json!({"event": "FETCH_RELEASE_NOTES", "properties": {}});
/// assert_eq!(detect(&ping).kind().unwrap().id, "appsmith/keep-alive-ping");
///
/// // `license_jti` alone is any of the three Enterprise Edition payloads: no guess is made.
/// let verdict = detect(&json!({"license_jti": "4c42ff53-1e4a-4c5b-b9da-a1b0b1e2c9f3"}));
/// assert!(matches!(verdict, Detection::Unknown { .. }));
/// assert_eq!(verdict.candidates().len(), 3);
/// ```
pub fn detect(document: &Value) -> Detection {
    let matching: Vec<&'static PayloadKind> = PAYLOADS
        .iter()
        .filter(|kind| kind.signature.matches(document))
        .collect();
    match matching.as_slice() {
        [kind] => Detection::Known(kind),
        [] => Detection::Unknown {
            nearest: nearest_kinds(document),
            object: document.is_object(),
        },
        _ => Detection::Ambiguous(matching),
    }
}

/// [`detect`] on a document given as bytes, reading only what the kinds' clues ask (the
/// members they name, the strings they expect) and passing over everything else at the speed
/// of a byte scan, without building a `Value`: the same answer as [`detect`] on the parsed
/// document. Only a document no kind's signature matches is parsed, to name the kinds it comes
/// nearest to. `None` when the bytes are not one JSON document; when one kind's signature is met,
/// a defect inside a value detection passes over (a malformed number, say) is left to the
/// validator ([`super::judge`] reports it).
///
/// ```
/// use schema_types::api::detect_slice;
///
/// let ping = br#"{"event": "FETCH_RELEASE_NOTES", "properties": {}}"#;
/// assert_eq!(detect_slice(ping).unwrap().kind().unwrap().id, "appsmith/keep-alive-ping");
/// assert!(detect_slice(b"{\"event\": ").is_none());
/// ```
pub fn detect_slice(bytes: &[u8]) -> Option<Detection> {
    detection_of(PROBES.read(bytes)?, bytes)
}

/// The detection of the document `bytes`, from what it shows of the clues' pointers.
pub(crate) fn detection_of(facts: Facts, bytes: &[u8]) -> Option<Detection> {
    let mut matching = PROBES.matching(facts).map(|index| &PAYLOADS[index]);
    let (first, second) = (matching.next(), matching.next());
    if let (Some(kind), None) = (first, second) {
        return Some(Detection::Known(kind));
    }
    // No single kind: rare, and worth a parse, which says whether the bytes are JSON at all
    // and names the kinds the document comes nearest to.
    let document: Value = serde_json::from_slice(bytes).ok()?;
    Some(match (first, second) {
        (Some(first), Some(second)) => {
            Detection::Ambiguous([first, second].into_iter().chain(matching).collect())
        }
        _ => Detection::Unknown {
            nearest: nearest_kinds(&document),
            object: facts.object,
        },
    })
}

/// The kinds an object comes nearest to: those whose members it mostly shares (at least half of
/// the members of both together), or some of whose clues it shows; ranked by the share of
/// members in common, then by the share of clues shown.
fn nearest_kinds(document: &Value) -> Vec<&'static PayloadKind> {
    let Some(object) = document.as_object() else {
        return Vec::new();
    };
    let mut scored: Vec<(usize, usize, usize, &'static PayloadKind)> = PAYLOADS
        .iter()
        .zip(member_names())
        .enumerate()
        .filter_map(|(order, (kind, members))| {
            let common = object
                .keys()
                .filter(|name| members.contains(name.as_str()))
                .count();
            let together = object.len() + members.len() - common;
            let (shown, clues) = kind.signature.shown(document);
            let mostly_shared = together > 0 && 2 * common >= together;
            (mostly_shared || shown > 0).then(|| {
                // Shares as parts per thousand, so that they sort exactly.
                let shared = 1000 * common / together.max(1);
                let shown = 1000 * shown / clues.max(1);
                (1000 - shared, 1000 - shown, order, kind)
            })
        })
        .collect();
    scored.sort_unstable_by_key(|&(shared, shown, order, _)| (shared, shown, order));
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, _, kind)| kind)
        .collect()
}

/// The top-level members (`properties`, of every era) of each kind's published schema, in the order of
/// [`PAYLOADS`]; computed once.
fn member_names() -> &'static [BTreeSet<String>] {
    static MEMBERS: OnceLock<Vec<BTreeSet<String>>> = OnceLock::new();
    MEMBERS.get_or_init(|| {
        PAYLOADS
            .iter()
            .map(|kind| crate::schema_walk::top_level_names(&kind.schema()).unwrap_or_default())
            .collect()
    })
}

#[cfg(test)]
pub(super) mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::api::documented;
    use crate::registry::find;

    /// The detection of `document`, which [`detect_slice`] gives too on its bytes, compact and
    /// pretty-printed.
    fn both(document: &Value) -> Detection {
        let detection = detect(document);
        for bytes in [
            serde_json::to_vec(document).unwrap(),
            serde_json::to_vec_pretty(document).unwrap(),
        ] {
            assert_eq!(
                detect_slice(&bytes).as_ref(),
                Some(&detection),
                "from bytes: {document}"
            );
        }
        detection
    }

    /// Documents next to the kinds' own: every kind's fixture with one member removed, and with
    /// each member of another kind's fixture added (after its own).
    pub(in crate::api) fn edited_fixtures() -> Vec<Value> {
        let fixtures: Vec<Value> = PAYLOADS.iter().map(PayloadKind::fixture).collect();
        let mut edited = Vec::new();
        for fixture in &fixtures {
            let Value::Object(members) = fixture else {
                continue;
            };
            for name in members.keys() {
                let mut removed = fixture.clone();
                removed.as_object_mut().unwrap().remove(name);
                edited.push(removed);
            }
            for other in &fixtures {
                for (name, value) in other.as_object().into_iter().flatten() {
                    let mut added = fixture.clone();
                    added[name.as_str()] = value.clone();
                    edited.push(added);
                }
            }
        }
        edited
    }

    /// Every document the kinds' fixtures make with one member removed, or with a member of
    /// another kind's fixture added, is detected the same from its bytes.
    #[test]
    fn detection_from_bytes_agrees_on_edited_fixtures() {
        for edited in edited_fixtures() {
            both(&edited);
        }
        for scalar in [
            json!(null),
            json!("event"),
            json!([{"event": "FETCH_RELEASE_NOTES"}]),
        ] {
            both(&scalar);
        }
        assert_eq!(detect_slice(b"{\"event\": \"FETCH_RELEASE_NOTES\""), None);
    }

    /// JSON values whose member names are often those the clues name, and whose strings are
    /// often the event names they expect, nested at random.
    pub(in crate::api) fn clue_like_values() -> impl Strategy<Value = Value> {
        let names = prop::sample::select(vec![
            "id",
            "db_uid",
            "topic",
            "data",
            "metrics",
            "license_jti",
            "event",
            "type",
            "anonymousId",
            "context",
            "page",
            "usageData",
            "backend_type",
            "source_metadata",
            "console_mode",
            "execution_id",
            "enable_telemetry",
            "api_limits_enabled",
            "hasura_requests",
            "other",
            "a\"b",
            "é/~",
            "",
        ]);
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i32>().prop_map(Value::from),
            (-1e6..1e6f64).prop_map(Value::from),
            prop::sample::select(vec![
                "track",
                "FETCH_RELEASE_NOTES",
                "Installation Setup Complete",
                "execute_ACTION_TRIGGERED",
                "x",
                "\u{1}\"\\",
                "",
            ])
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(5, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((names.clone(), inner), 0..6).prop_map(|members| {
                    Value::Object(
                        members
                            .into_iter()
                            .map(|(k, v)| (k.to_owned(), v))
                            .collect(),
                    )
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Detection from bytes agrees with detection on the parsed value, whatever the value.
        #[test]
        fn detection_from_bytes_agrees_on_random_values(value in clue_like_values()) {
            both(&value);
        }

        /// Whatever the bytes, detection from them answers without panicking, and what it
        /// detects in bytes that parse is what detection on the parsed value detects.
        #[test]
        fn detection_from_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let detection = detect_slice(&bytes);
            if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
                prop_assert_eq!(detection, Some(detect(&value)));
            }
        }
    }

    fn ids(kinds: &[&PayloadKind]) -> Vec<&'static str> {
        kinds.iter().map(|kind| kind.id).collect()
    }

    #[test]
    fn every_kind_has_clues() {
        for kind in PAYLOADS {
            assert!(!kind.signature.payload.is_empty(), "{}", kind.id);
        }
    }

    /// Every clue of every kind, with the pointer it is read at from the document's root.
    fn clues() -> Vec<(&'static PayloadKind, Clue, &'static str)> {
        PAYLOADS
            .iter()
            .flat_map(|kind| {
                let signature = kind.signature;
                let payload = signature
                    .payload
                    .iter()
                    .map(move |c| (kind, *c, signature.payload_at));
                let layer = signature.layer.iter().map(move |c| (kind, *c, ""));
                payload.chain(layer)
            })
            .collect()
    }

    /// The schema of the member at `pointer` (a document pointer), through local `$ref`s.
    fn schema_node<'s>(schema: &'s Value, pointer: &str) -> Option<&'s Value> {
        if pointer.is_empty() {
            return Some(schema);
        }
        crate::schema_walk::find(schema, pointer)
            .expect("the published schemas resolve")
            .map(|member| member.schema)
    }

    #[test]
    fn clues_name_members_and_event_names_of_the_published_schemas() {
        for (kind, clue, root) in clues() {
            let schema = kind.schema();
            let at = |pointer: &str| format!("{root}{pointer}");
            match clue {
                Clue::Present(pointer) => {
                    assert!(
                        schema_node(&schema, &at(pointer)).is_some(),
                        "{}: {pointer}",
                        kind.id
                    );
                }
                Clue::AnyPresent(pointers) => {
                    for pointer in pointers {
                        assert!(
                            schema_node(&schema, &at(pointer)).is_some(),
                            "{}: {pointer}",
                            kind.id
                        );
                    }
                }
                Clue::Absent(pointer) => {
                    // A member the kind has is a clue by its absence only where a refinement
                    // of the kind is told by its presence: the refinement's documents hold it.
                    let refinement_has_it = PAYLOADS.iter().any(|refinement| {
                        refinement.refines == Some(kind.id)
                            && refinement
                                .signature
                                .payload
                                .contains(&Clue::Present(pointer))
                    });
                    assert!(
                        schema_node(&schema, &at(pointer)).is_none() || refinement_has_it,
                        "{}: {pointer} is a member",
                        kind.id
                    );
                }
                Clue::Equals(pointer, value) => {
                    let node = schema_node(&schema, &at(pointer)).expect(pointer);
                    let constants: Vec<&Value> = match node.get("oneOf") {
                        Some(Value::Array(branches)) => branches
                            .iter()
                            .filter_map(|branch| branch.get("const"))
                            .collect(),
                        _ => node.get("const").into_iter().collect(),
                    };
                    assert_eq!(constants, [&json!(value)], "{}: {pointer}", kind.id);
                }
                Clue::ArrayNamed { object, prefix } => {
                    let node = schema_node(&schema, &at(object)).expect(object);
                    let arrays = node["properties"]
                        .as_object()
                        .expect("properties")
                        .iter()
                        .filter(|(name, member)| {
                            name.starts_with(prefix) && member["type"] == "array"
                        })
                        .count();
                    assert!(arrays > 0, "{}: {object}/{prefix}*", kind.id);
                }
            }
        }
    }

    /// No member a clue names belongs to another kind's schema at the same place, unless that
    /// clue is shared by every kind whose schema has the member (`license_jti`, `type`).
    #[test]
    fn members_that_tell_kinds_apart_belong_to_one_kind() {
        let clues = clues();
        for &(kind, clue, root) in &clues {
            let pointers: Vec<&str> = match clue {
                Clue::Present(pointer) => vec![pointer],
                Clue::AnyPresent(pointers) => pointers.to_vec(),
                _ => continue,
            };
            for pointer in pointers {
                let pointer = format!("{root}{pointer}");
                let owners: Vec<&str> = PAYLOADS
                    .iter()
                    .filter(|other| schema_node(&other.schema(), &pointer).is_some())
                    .map(|other| other.id)
                    .collect();
                let shared = |owner: &str| {
                    clues.iter().any(|(other_kind, other, other_root)| {
                        other_kind.id == owner && *other == clue && *other_root == root
                    })
                };
                // A kind refined by a kind that has the clue has every member of the refinement:
                // it is told apart by the member's absence ([`Clue::Absent`]), not by a clue.
                let refined = |owner: &str| {
                    PAYLOADS.iter().any(|refinement| {
                        refinement.refines == Some(owner) && shared(refinement.id)
                    })
                };
                assert!(
                    owners.len() == 1 || owners.iter().all(|owner| shared(owner) || refined(owner)),
                    "{pointer} of {} also belongs to {owners:?}",
                    kind.id
                );
            }
        }
    }

    /// Fails unless `document` is detected as `payload`, and as no other kind; `case` says which
    /// of its documents it is.
    fn assert_detected(payload: &'static PayloadKind, document: &Value, case: &str) {
        assert_eq!(
            both(document),
            Detection::Known(payload),
            "{} ({case})",
            payload.id
        );
    }

    /// Fails unless `document` is detected as `payload` or as a kind that refines it (whose
    /// signature a document of `payload` may show: a Console message that is a runtime error).
    #[cfg(feature = "proptest")]
    fn assert_detected_or_refined(payload: &'static PayloadKind, document: &Value, case: &str) {
        let detection = both(document);
        assert!(
            detection
                .kind()
                .is_some_and(|detected| payload.detects_as(detected)),
            "{} ({case}): {detection}",
            payload.id
        );
    }

    #[test]
    fn every_documented_example_is_detected_as_its_own_kind() {
        let mut seen = 0;
        for payload in PAYLOADS {
            if let Some(example) = payload.documented_example() {
                assert_detected(payload, &example, "documented example");
                seen += 1;
            }
        }
        assert_eq!(seen, 11);
    }

    #[test]
    fn every_page_example_is_detected_as_its_own_kind() {
        for payload in PAYLOADS {
            if let Some(location) = payload.example {
                let example = crate::corpus::example_document(location).expect("reads");
                assert_detected(payload, &example, "page example");
            }
        }
    }

    #[test]
    fn every_fixture_is_detected_as_its_own_kind() {
        for payload in PAYLOADS {
            assert_detected(payload, &payload.fixture(), "fixture");
        }
    }

    #[cfg(feature = "proptest")]
    #[test]
    fn random_documents_are_detected_as_their_own_kind_or_a_refinement() {
        for payload in PAYLOADS {
            for seed in 0..200 {
                let document = payload.random(seed);
                assert_detected_or_refined(payload, &document, &format!("seed {seed}"));
            }
        }
    }

    #[test]
    fn a_document_with_members_of_two_kinds_is_ambiguous() {
        let mut document = documented("hasura/server-telemetry");
        document["console_mode"] = json!("cli");
        let verdict = both(&document);
        assert_eq!(
            ids(&verdict.candidates()),
            ["hasura/server-telemetry", "hasura/console-event-row"]
        );
        assert!(matches!(verdict, Detection::Ambiguous(_)));
        let message = verdict.to_string();
        assert!(
            message.starts_with("ambiguous kind: the document shows the signatures of 2"),
            "{message}"
        );
        assert!(
            message.contains(
                "hasura/console-event-row (identified by `/console_mode` and no `/data/message` \
                 and `/id`)"
            ),
            "{message}"
        );

        // Enterprise metrics of two kinds in one document.
        let mut document = documented("hasura/ee-data-source-telemetry");
        document["metrics"]["api_limits_enabled"] = json!(true);
        assert_eq!(
            ids(&both(&document).candidates()),
            [
                "hasura/ee-server-telemetry",
                "hasura/ee-data-source-telemetry"
            ]
        );

        // A backend call event that also carries a navigation event's page context.
        let mut document = documented("appsmith/backend-call-event");
        document["anonymousId"] = json!("0b62ab60-02ad-4f69-a181-d9c5eb2f97fa");
        document["context"]["page"] = json!({});
        assert_eq!(
            both(&document),
            Detection::Ambiguous(vec![
                find("appsmith/navigation-event").unwrap(),
                find("appsmith/backend-call-event").unwrap(),
            ])
        );
    }

    #[test]
    fn an_empty_object_is_unknown_with_no_candidates() {
        let verdict = both(&json!({}));
        assert_eq!(
            verdict,
            Detection::Unknown {
                nearest: vec![],
                object: true
            }
        );
        assert_eq!(verdict.kind().map(|kind| kind.id), None);
        assert_eq!(
            verdict.to_string(),
            "unknown kind: the document has none of the members that identify a payload kind"
        );
    }

    #[test]
    fn a_value_that_is_not_an_object_is_unknown() {
        for document in [
            json!([]),
            json!("FETCH_RELEASE_NOTES"),
            json!(null),
            json!(3),
        ] {
            let verdict = both(&document);
            assert_eq!(
                verdict,
                Detection::Unknown {
                    nearest: vec![],
                    object: false
                }
            );
            assert!(verdict.to_string().contains("not a JSON object"));
        }
    }

    #[test]
    fn a_partial_signature_is_unknown_and_names_the_nearest_kinds() {
        // `license_jti` without metrics: any of the three Enterprise Edition payloads.
        let verdict = both(&json!({"license_jti": "x", "metrics": {}}));
        assert_eq!(
            verdict,
            Detection::Unknown {
                nearest: vec![
                    find("hasura/ee-server-telemetry").unwrap(),
                    find("hasura/ee-data-source-telemetry").unwrap(),
                    find("hasura/ee-usage-metrics").unwrap(),
                ],
                object: true
            }
        );
        let message = verdict.to_string();
        assert!(
            message.starts_with("unknown kind: no payload kind's signature matches; nearest: "),
            "{message}"
        );
        assert!(
            message.contains(
                "hasura/ee-data-source-telemetry (identified by `/license_jti` and \
                 `/metrics/backend_type` and no `/id`)"
            ),
            "{message}"
        );

        // A backend call event with an event name no kind has: nearest by its members first
        // (a backend call event's call shows `context`, which its later eras carry, and `type`,
        // but not the stored message's `receivedAt`).
        let mut document = documented("appsmith/backend-call-event");
        document["event"] = json!("execute_SOMETHING_ELSE");
        assert_eq!(
            ids(&both(&document).candidates()),
            [
                "appsmith/backend-call-event",
                "appsmith/navigation-event",
                "appsmith/backend-call-event-call"
            ]
        );
    }

    #[test]
    fn detection_reads_clues_not_validity() {
        // Every value wrong, but the signature is there: the kind is known, validation says the
        // rest.
        let document = json!({"id": "12", "db_uid": 5});
        let verdict = both(&document);
        assert_eq!(
            verdict.kind().map(|kind| kind.id),
            Some("hasura/server-telemetry")
        );
        assert!(!verdict.kind().unwrap().validate(&document).is_valid());
        // An event name differing in case is not the event.
        assert!(matches!(
            both(&json!({"event": "fetch_release_notes", "properties": {}})),
            Detection::Unknown { .. }
        ));
    }
}
