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
/// validator ([`super::judge()`] reports it).
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
pub(super) mod tests;
