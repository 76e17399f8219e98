//! The entry points for a service that receives or audits telemetry: look a payload kind up by
//! its id, tell the kind of an unlabelled document, and validate and parse in one step.
//!
//! Everything here is built on the [registry](crate::registry) and the generated validators; it
//! adds no rule of its own about what a payload may hold. What it adds is judgement about which
//! payload a document is: [`detect`] reads the members and event names that identify each kind
//! (its [`Signature`]) and answers [`Detection::Known`] only when exactly one kind's signature is
//! met. Anything else is [`Detection::Ambiguous`] or [`Detection::Unknown`], with the candidates
//! named, never a guess: a collector that validates against a guessed kind reports violations
//! of a payload the sender never meant to send.
//!
//! ```
//! use schema_types::api::{self, Detection};
//! use schema_types::hasura::ServerTelemetry;
//!
//! let bytes = br#"{"id": 12, "timestamp": "2019-01-21T19:43:33.63838+00:00",
//!   "db_uid": "dddff371-dab2-450f-9969-235bca66dab1",
//!   "instance_uid": "6799360d-a431-40c5-9f68-24592a9f07df", "version": "v1.0.0", "ci": null,
//!   "metrics": {"views": 1, "tables": 2, "functions": 0, "event_triggers": 0, "remote_schemas": 0,
//!     "permissions": {"roles": 1, "delete": 0, "insert": 0, "select": 1, "update": 0},
//!     "relationships": {"auto": 0, "manual": 1}}}"#;
//!
//! // Unlabelled: which payload is it?
//! let document: serde_json::Value = serde_json::from_slice(bytes).unwrap();
//! let Detection::Known(kind) = api::detect(&document) else { panic!("not detected") };
//! assert_eq!(kind.id, "hasura/server-telemetry");
//!
//! // Labelled: bytes in, the typed payload (or every violation) out.
//! let payload: ServerTelemetry = api::validate_and_parse(bytes).unwrap();
//! assert_eq!(payload.payload.version, "v1.0.0");
//!
//! // The same report as the server POSTs it is the `-wire` kind.
//! let wire = serde_json::json!({"topic": "server", "data": serde_json::to_value(&payload.payload).unwrap()});
//! assert_eq!(api::detect(&wire).kind().map(|kind| kind.id), Some("hasura/server-telemetry-wire"));
//!
//! // A mistyped id names the nearest one.
//! let error = api::kind("hasura/server-telemetri").unwrap_err();
//! assert_eq!(error.to_string(), "unknown payload kind `hasura/server-telemetri`; did you mean `hasura/server-telemetry`?");
//! ```

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::payload::Payload;
use crate::registry::{PAYLOADS, PayloadKind, find};
use crate::validate::{Checker, Limits, Report, Rule, Seen};

// Looking a kind up by id.

/// The payload kind with id `id` (`hasura/server-telemetry`, the ids of `schemas/index.json`),
/// or an error naming the nearest ids.
pub fn kind(id: &str) -> Result<&'static PayloadKind, UnknownKind> {
    find(id).ok_or_else(|| UnknownKind {
        id: id.to_owned(),
        suggestions: nearest_ids(id),
    })
}

/// An id that names no payload kind, with the ids it most resembles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind {
    id: String,
    suggestions: Vec<&'static str>,
}

impl UnknownKind {
    /// The id asked for.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The known ids nearest to it, nearest first (at most three; empty when none is close).
    pub fn suggestions(&self) -> &[&'static str] {
        &self.suggestions
    }
}

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown payload kind `{}`", self.id)?;
        if let Some((last, first)) = self.suggestions.split_last() {
            f.write_str("; did you mean ")?;
            for (index, suggestion) in first.iter().enumerate() {
                let separator = if index == 0 { "" } else { ", " };
                write!(f, "{separator}`{suggestion}`")?;
            }
            let separator = if first.is_empty() { "" } else { " or " };
            write!(f, "{separator}`{last}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownKind {}

/// The ids close to `id`: those fewest edits away from the whole id or from its payload name
/// (the part after `vendor/`), when that is only a few edits; otherwise those that contain it.
/// Nearest first, at most three.
fn nearest_ids(id: &str) -> Vec<&'static str> {
    let wanted = id.trim().to_lowercase();
    let threshold = (wanted.chars().count() / 4).max(2);
    let mut scored: Vec<(usize, usize, &'static str)> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(order, kind)| {
            let name = kind.id.split_once('/').map_or(kind.id, |(_, name)| name);
            let distance = edit_distance(&wanted, kind.id).min(edit_distance(&wanted, name));
            (distance, order, kind.id)
        })
        .collect();
    scored.sort_unstable();
    let nearest = scored[0].0;
    let close: Vec<&'static str> = if nearest <= threshold {
        scored
            .iter()
            .take_while(|(distance, _, _)| *distance == nearest)
            .map(|&(_, _, id)| id)
            .collect()
    } else if wanted.chars().count() >= 3 {
        scored
            .iter()
            .filter(|(_, _, id)| id.contains(wanted.as_str()))
            .map(|&(_, _, id)| id)
            .collect()
    } else {
        Vec::new()
    };
    close.into_iter().take(3).collect()
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, a_char) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

// Telling the kind of an unlabelled document.

/// One fact about a document that points to a payload kind. Pointers are RFC 6901, from the
/// document's root.
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

impl fmt::Display for Clue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Present(pointer) => write!(f, "`{pointer}`"),
            Self::Absent(pointer) => write!(f, "no `{pointer}`"),
            Self::Equals(pointer, value) => write!(f, "`{pointer}` = {}", Value::from(value)),
            Self::AnyPresent(pointers) => {
                f.write_str("one of ")?;
                for (index, pointer) in pointers.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{pointer}`")?;
                }
                Ok(())
            }
            Self::ArrayNamed { object, prefix } => write!(f, "an array `{object}/{prefix}*`"),
        }
    }
}

/// What identifies a payload kind: every clue holds for each of its documents, and for no
/// document of another kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The payload id.
    pub id: &'static str,
    /// The clues, all of which a document of the kind shows.
    pub clues: &'static [Clue],
}

impl Signature {
    /// Whether `document` shows every clue.
    pub fn matches(&self, document: &Value) -> bool {
        self.clues.iter().all(|clue| clue.holds(document))
    }

    /// The payload kind this signature identifies.
    pub fn kind(&self) -> &'static PayloadKind {
        find(self.id).expect("every signature names a registered payload (tested)")
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, clue) in self.clues.iter().enumerate() {
            if index > 0 {
                f.write_str(" and ")?;
            }
            write!(f, "{clue}")?;
        }
        Ok(())
    }
}

/// The signature of every payload kind, in the order of [`PAYLOADS`].
///
/// The event names are the `const`s of the published schemas and every member named is a
/// member of its kind's schema (both tested).
pub static SIGNATURES: &[Signature] = &[
    Signature {
        id: "hasura/server-telemetry",
        clues: &[Clue::Present("/db_uid"), Clue::Present("/id")],
    },
    Signature {
        id: "hasura/server-telemetry-wire",
        clues: &[Clue::Present("/topic"), Clue::Present("/data/db_uid")],
    },
    Signature {
        id: "hasura/server-metrics-v2",
        clues: &[Clue::Present("/source_metadata"), Clue::Absent("/id")],
    },
    Signature {
        id: "hasura/server-metrics-v2-row",
        clues: &[Clue::Present("/source_metadata"), Clue::Present("/id")],
    },
    Signature {
        id: "hasura/server-metrics-v2-wire",
        clues: &[
            Clue::Present("/topic"),
            Clue::Present("/data/source_metadata"),
        ],
    },
    Signature {
        id: "hasura/ee-server-telemetry",
        clues: &[
            Clue::Present("/license_jti"),
            Clue::AnyPresent(EE_SERVER_METRICS),
            Clue::Absent("/id"),
        ],
    },
    Signature {
        id: "hasura/ee-server-telemetry-row",
        clues: &[
            Clue::Present("/license_jti"),
            Clue::AnyPresent(EE_SERVER_METRICS),
            Clue::Present("/id"),
        ],
    },
    Signature {
        id: "hasura/ee-server-telemetry-wire",
        clues: &[
            Clue::Present("/topic"),
            Clue::Present("/data/license_jti"),
            Clue::AnyPresent(&[
                "/data/metrics/api_limits_enabled",
                "/data/metrics/prometheus_endpoint_enabled",
                "/data/metrics/otel_enabled",
                "/data/metrics/caching_enabled",
            ]),
        ],
    },
    Signature {
        id: "hasura/ee-data-source-telemetry",
        clues: &[
            Clue::Present("/license_jti"),
            Clue::Present("/metrics/backend_type"),
            Clue::Absent("/id"),
        ],
    },
    Signature {
        id: "hasura/ee-data-source-telemetry-row",
        clues: &[
            Clue::Present("/license_jti"),
            Clue::Present("/metrics/backend_type"),
            Clue::Present("/id"),
        ],
    },
    Signature {
        id: "hasura/ee-data-source-telemetry-wire",
        clues: &[
            Clue::Present("/topic"),
            Clue::Present("/data/license_jti"),
            Clue::Present("/data/metrics/backend_type"),
        ],
    },
    Signature {
        id: "hasura/ee-usage-metrics",
        clues: &[
            Clue::Present("/license_jti"),
            Clue::ArrayNamed {
                object: "/metrics",
                prefix: "hasura_",
            },
            Clue::Absent("/id"),
        ],
    },
    Signature {
        id: "hasura/ee-usage-metrics-row",
        clues: &[
            Clue::Present("/license_jti"),
            Clue::ArrayNamed {
                object: "/metrics",
                prefix: "hasura_",
            },
            Clue::Present("/id"),
        ],
    },
    Signature {
        id: "hasura/ee-usage-metrics-wire",
        clues: &[
            Clue::Present("/topic"),
            Clue::Present("/data/license_jti"),
            Clue::ArrayNamed {
                object: "/data/metrics",
                prefix: "hasura_",
            },
        ],
    },
    Signature {
        id: "hasura/console-error",
        clues: &[Clue::Present("/console_mode"), Clue::Absent("/id")],
    },
    Signature {
        id: "hasura/console-error-row",
        clues: &[Clue::Present("/console_mode"), Clue::Present("/id")],
    },
    Signature {
        id: "hasura/console-error-wire",
        clues: &[Clue::Present("/topic"), Clue::Present("/data/console_mode")],
    },
    Signature {
        id: "hasura/cli-execution",
        clues: &[Clue::Present("/execution_id"), Clue::Present("/id")],
    },
    Signature {
        id: "hasura/cli-execution-wire",
        clues: &[Clue::Present("/topic"), Clue::Present("/data/execution_id")],
    },
    Signature {
        id: "hasura/cli-config",
        clues: &[Clue::Present("/enable_telemetry")],
    },
    Signature {
        id: "appsmith/keep-alive-ping",
        clues: &[Clue::Equals("/event", "FETCH_RELEASE_NOTES")],
    },
    Signature {
        id: "appsmith/server-setup-ping",
        clues: &[Clue::Equals("/event", "Installation Setup Complete")],
    },
    Signature {
        id: "appsmith/usage-pulse",
        clues: &[Clue::Present("/usageData")],
    },
    Signature {
        id: "appsmith/navigation-event",
        clues: &[
            Clue::Equals("/type", "track"),
            Clue::Present("/anonymousId"),
            Clue::Present("/context/page"),
        ],
    },
    Signature {
        id: "appsmith/backend-call-event",
        clues: &[Clue::Equals("/event", "execute_ACTION_TRIGGERED")],
    },
];

/// The metrics only the Enterprise server report has.
const EE_SERVER_METRICS: &[&str] = &[
    "/metrics/api_limits_enabled",
    "/metrics/prometheus_endpoint_enabled",
    "/metrics/otel_enabled",
    "/metrics/caching_enabled",
];

/// The signature of payload `id`.
pub fn signature(id: &str) -> Option<&'static Signature> {
    SIGNATURES.iter().find(|signature| signature.id == id)
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
        let ids = |kinds: &[&PayloadKind]| kinds.iter().map(|kind| kind.id).collect::<Vec<_>>();
        match (self, other) {
            (Self::Known(a), Self::Known(b)) => a.id == b.id,
            (Self::Ambiguous(a), Self::Ambiguous(b)) => ids(a) == ids(b),
            (
                Self::Unknown { nearest, object },
                Self::Unknown {
                    nearest: other_nearest,
                    object: other_object,
                },
            ) => ids(nearest) == ids(other_nearest) && object == other_object,
            _ => false,
        }
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
                match signature(kind.id) {
                    Some(signature) => write!(f, "{} (identified by {signature})", kind.id)?,
                    None => f.write_str(kind.id)?,
                }
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
/// kind ([`SIGNATURES`]). Detection does not validate: a document with a kind's signature is of
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
    let matching: Vec<&'static PayloadKind> = SIGNATURES
        .iter()
        .filter(|signature| signature.matches(document))
        .map(Signature::kind)
        .collect();
    match matching.as_slice() {
        [kind] => Detection::Known(kind),
        [] => Detection::Unknown {
            nearest: document.as_object().map(nearest_kinds).unwrap_or_default(),
            object: document.is_object(),
        },
        _ => Detection::Ambiguous(matching),
    }
}

/// The kinds an object comes nearest to: those whose members it mostly shares (at least half of
/// the members of both together), or some of whose clues it shows; ranked by the share of
/// members in common, then by the share of clues shown.
fn nearest_kinds(object: &Map<String, Value>) -> Vec<&'static PayloadKind> {
    let document = Value::Object(object.clone());
    let mut scored: Vec<(usize, usize, usize, &'static PayloadKind)> = SIGNATURES
        .iter()
        .zip(member_names())
        .enumerate()
        .filter_map(|(order, (signature, members))| {
            let common = object
                .keys()
                .filter(|name| members.contains(name.as_str()))
                .count();
            let together = object.len() + members.len() - common;
            // An absent member is no sign of a kind: only the clues a document shows count.
            let positive = signature
                .clues
                .iter()
                .filter(|clue| !matches!(clue, Clue::Absent(_)));
            let clues = positive.clone().count();
            let shown = positive.filter(|clue| clue.holds(&document)).count();
            let mostly_shared = together > 0 && 2 * common >= together;
            (mostly_shared || shown > 0).then(|| {
                // Shares as parts per thousand, so that they sort exactly.
                let shared = 1000 * common / together.max(1);
                let shown = 1000 * shown / clues.max(1);
                (1000 - shared, 1000 - shown, order, signature.kind())
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

/// The top-level members (`properties`) of each kind's published schema, in the order of
/// [`SIGNATURES`]; computed once.
fn member_names() -> &'static [BTreeSet<String>] {
    static MEMBERS: OnceLock<Vec<BTreeSet<String>>> = OnceLock::new();
    MEMBERS.get_or_init(|| {
        SIGNATURES
            .iter()
            .map(|signature| {
                signature.kind().schema()["properties"]
                    .as_object()
                    .map(|properties| properties.keys().cloned().collect())
                    .unwrap_or_default()
            })
            .collect()
    })
}

// Validating and parsing in one step.

/// Checks `bytes` as a document of payload `T` and, when it is valid, returns the typed payload;
/// otherwise the full report (every violation, up to [`Limits::DEFAULT`]).
pub fn validate_and_parse<T: Payload>(bytes: &[u8]) -> Result<T, Report> {
    validate_and_parse_with(bytes, Limits::DEFAULT)
}

/// [`validate_and_parse`] with other limits.
pub fn validate_and_parse_with<T: Payload>(bytes: &[u8], limits: Limits) -> Result<T, Report> {
    // Checked while parsed (no `Value` is built), then read into the type.
    let report = T::validate_slice_with(bytes, limits);
    if !report.is_valid() {
        return Err(report);
    }
    // Whatever the validator accepts, serde reads (an invariant the workspace tests hold); should
    // that ever break, the caller still gets a report, not a panic.
    serde_json::from_slice::<T>(bytes).map_err(|error| {
        let mut checker = Checker::new(limits);
        let expected = format!("a document that deserialises as {} ({error})", T::ID);
        checker.violation(Rule::Type, expected, &Seen::Object(0));
        checker.finish()
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::appsmith::{KeepAlivePing, UsagePulse};
    use crate::hasura::ServerTelemetry;
    use crate::samples::documented_example;
    use crate::validate::Validate;

    fn ids(kinds: &[&PayloadKind]) -> Vec<&'static str> {
        kinds.iter().map(|kind| kind.id).collect()
    }

    // kind

    #[test]
    fn kind_finds_every_registered_id() {
        for payload in PAYLOADS {
            assert_eq!(kind(payload.id).unwrap().id, payload.id);
        }
    }

    #[test]
    fn kind_suggests_the_nearest_id() {
        let cases: &[(&str, &[&str])] = &[
            ("hasura/server-telemetri", &["hasura/server-telemetry"]),
            ("server-telemetry", &["hasura/server-telemetry"]),
            ("HASURA/CLI-CONFIG", &["hasura/cli-config"]),
            ("appsmith/usage-pulses", &["appsmith/usage-pulse"]),
            ("appsmith/navigaton-event", &["appsmith/navigation-event"]),
            (
                "ping",
                &["appsmith/keep-alive-ping", "appsmith/server-setup-ping"],
            ),
            ("prometheus", &[]),
            ("", &[]),
        ];
        for (asked, expected) in cases {
            let error = kind(asked).unwrap_err();
            assert_eq!(error.id(), *asked);
            assert_eq!(error.suggestions(), *expected, "for {asked:?}");
        }
    }

    #[test]
    fn unknown_kind_messages_read_as_one_sentence() {
        assert_eq!(
            kind("hasura/server-telemetri").unwrap_err().to_string(),
            "unknown payload kind `hasura/server-telemetri`; did you mean `hasura/server-telemetry`?"
        );
        assert_eq!(
            kind("ping").unwrap_err().to_string(),
            "unknown payload kind `ping`; did you mean `appsmith/keep-alive-ping` or \
             `appsmith/server-setup-ping`?"
        );
        assert_eq!(
            kind("prometheus").unwrap_err().to_string(),
            "unknown payload kind `prometheus`"
        );
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    // detect

    #[test]
    fn signatures_follow_the_registry() {
        let signature_ids: Vec<_> = SIGNATURES.iter().map(|signature| signature.id).collect();
        assert_eq!(signature_ids, ids(&PAYLOADS.iter().collect::<Vec<_>>()));
        for signature in SIGNATURES {
            assert!(!signature.clues.is_empty(), "{}", signature.id);
        }
    }

    /// The schema node of the member at `pointer`, following local `$ref`s.
    fn schema_node<'s>(schema: &'s Value, pointer: &str) -> Option<&'s Value> {
        let resolve = |node: &'s Value| -> &'s Value {
            match node.get("$ref").and_then(Value::as_str) {
                Some(reference) => schema
                    .pointer(reference.trim_start_matches('#'))
                    .expect("local reference"),
                None => node,
            }
        };
        let mut node = resolve(schema);
        for name in pointer.split('/').skip(1) {
            node = resolve(node.get("properties")?.get(name)?);
        }
        Some(node)
    }

    #[test]
    fn signatures_name_members_and_event_names_of_the_published_schemas() {
        for signature in SIGNATURES {
            let schema = signature.kind().schema();
            for clue in signature.clues {
                match *clue {
                    Clue::Present(pointer) => {
                        assert!(
                            schema_node(&schema, pointer).is_some(),
                            "{}: {pointer}",
                            signature.id
                        );
                    }
                    Clue::AnyPresent(pointers) => {
                        for pointer in pointers {
                            assert!(
                                schema_node(&schema, pointer).is_some(),
                                "{}: {pointer}",
                                signature.id
                            );
                        }
                    }
                    Clue::Absent(pointer) => {
                        assert!(
                            schema_node(&schema, pointer).is_none(),
                            "{}: {pointer} is a member",
                            signature.id
                        );
                    }
                    Clue::Equals(pointer, value) => {
                        let node = schema_node(&schema, pointer).expect(pointer);
                        let constants: Vec<&Value> = match node.get("oneOf") {
                            Some(Value::Array(branches)) => branches
                                .iter()
                                .filter_map(|branch| branch.get("const"))
                                .collect(),
                            _ => node.get("const").into_iter().collect(),
                        };
                        assert_eq!(constants, [&json!(value)], "{}: {pointer}", signature.id);
                    }
                    Clue::ArrayNamed { object, prefix } => {
                        let node = schema_node(&schema, object).expect(object);
                        let arrays = node["properties"]
                            .as_object()
                            .expect("properties")
                            .iter()
                            .filter(|(name, member)| {
                                name.starts_with(prefix) && member["type"] == "array"
                            })
                            .count();
                        assert!(arrays > 0, "{}: {object}/{prefix}*", signature.id);
                    }
                }
            }
        }
    }

    /// No member a clue names belongs to another kind's schema at the same place, unless that
    /// clue is shared by the whole signature family (`license_jti`, `type`).
    #[test]
    fn members_that_tell_kinds_apart_belong_to_one_kind() {
        for signature in SIGNATURES {
            for clue in signature.clues {
                let pointers: Vec<&str> = match *clue {
                    Clue::Present(pointer) => vec![pointer],
                    Clue::AnyPresent(pointers) => pointers.to_vec(),
                    _ => continue,
                };
                for pointer in pointers {
                    let owners: Vec<&str> = SIGNATURES
                        .iter()
                        .filter(|other| schema_node(&other.kind().schema(), pointer).is_some())
                        .map(|other| other.id)
                        .collect();
                    let shared = SIGNATURES
                        .iter()
                        .filter(|other| other.clues.contains(clue))
                        .count();
                    assert!(
                        owners.len() == 1 || shared == owners.len(),
                        "{pointer} of {} also belongs to {owners:?}",
                        signature.id
                    );
                }
            }
        }
    }

    #[test]
    fn every_documented_example_is_detected_as_its_own_kind() {
        let mut seen = 0;
        for payload in PAYLOADS {
            if let Some(example) = documented_example(payload.id) {
                assert_eq!(
                    detect(&example),
                    Detection::Known(payload),
                    "{}",
                    payload.id
                );
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
                assert_eq!(
                    detect(&example),
                    Detection::Known(payload),
                    "{}",
                    payload.id
                );
            }
        }
    }

    #[test]
    fn every_fixture_is_detected_as_its_own_kind() {
        for payload in PAYLOADS {
            assert_eq!(
                detect(&payload.fixture()),
                Detection::Known(payload),
                "{}",
                payload.id
            );
        }
    }

    #[cfg(feature = "proptest")]
    #[test]
    fn random_documents_are_detected_as_their_own_kind() {
        for payload in PAYLOADS {
            for seed in 0..200 {
                let document = payload.random(seed);
                assert_eq!(
                    detect(&document),
                    Detection::Known(payload),
                    "{} seed {seed}",
                    payload.id
                );
            }
        }
    }

    #[test]
    fn a_document_with_members_of_two_kinds_is_ambiguous() {
        let mut document = documented_example("hasura/server-telemetry").unwrap();
        document["console_mode"] = json!("cli");
        let verdict = detect(&document);
        assert_eq!(
            ids(&verdict.candidates()),
            ["hasura/server-telemetry", "hasura/console-error-row"]
        );
        assert!(matches!(verdict, Detection::Ambiguous(_)));
        let message = verdict.to_string();
        assert!(
            message.starts_with("ambiguous kind: the document shows the signatures of 2"),
            "{message}"
        );
        assert!(
            message.contains("hasura/console-error-row (identified by `/console_mode` and `/id`)"),
            "{message}"
        );

        // Enterprise metrics of two kinds in one document.
        let mut document = documented_example("hasura/ee-data-source-telemetry").unwrap();
        document["metrics"]["api_limits_enabled"] = json!(true);
        assert_eq!(
            ids(&detect(&document).candidates()),
            [
                "hasura/ee-server-telemetry",
                "hasura/ee-data-source-telemetry"
            ]
        );

        // A backend call event that also carries a navigation event's page context.
        let mut document = documented_example("appsmith/backend-call-event").unwrap();
        document["anonymousId"] = json!("0b62ab60-02ad-4f69-a181-d9c5eb2f97fa");
        document["context"]["page"] = json!({});
        assert_eq!(
            detect(&document),
            Detection::Ambiguous(vec![
                find("appsmith/navigation-event").unwrap(),
                find("appsmith/backend-call-event").unwrap(),
            ])
        );
    }

    #[test]
    fn an_empty_object_is_unknown_with_no_candidates() {
        let verdict = detect(&json!({}));
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
            let verdict = detect(&document);
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
        let verdict = detect(&json!({"license_jti": "x", "metrics": {}}));
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

        // A backend call event with an event name no kind has: nearest by its members first.
        let mut document = documented_example("appsmith/backend-call-event").unwrap();
        document["event"] = json!("execute_SOMETHING_ELSE");
        assert_eq!(
            ids(&detect(&document).candidates()),
            ["appsmith/backend-call-event", "appsmith/navigation-event"]
        );
    }

    #[test]
    fn detection_reads_clues_not_validity() {
        // Every value wrong, but the signature is there: the kind is known, validation says the
        // rest.
        let document = json!({"id": "12", "db_uid": 5});
        let verdict = detect(&document);
        assert_eq!(
            verdict.kind().map(|kind| kind.id),
            Some(ServerTelemetry::ID)
        );
        assert!(!verdict.kind().unwrap().validate(&document).is_valid());
        // An event name differing in case is not the event.
        assert!(matches!(
            detect(&json!({"event": "fetch_release_notes", "properties": {}})),
            Detection::Unknown { .. }
        ));
    }

    // validate_and_parse

    #[test]
    fn validate_and_parse_returns_the_typed_payload() {
        let example = documented_example(KeepAlivePing::ID).unwrap();
        let bytes = serde_json::to_vec(&example).unwrap();
        let payload: KeepAlivePing = validate_and_parse(&bytes).unwrap();
        assert_eq!(serde_json::to_value(payload).unwrap(), example);
    }

    #[test]
    fn validate_and_parse_returns_the_full_report() {
        // The documented usage pulse breaks three rules (recorded value errata), the placeholder
        // `message` with both its format and its pattern.
        let example = documented_example(UsagePulse::ID).unwrap();
        let bytes = serde_json::to_vec(&example).unwrap();
        let report = validate_and_parse::<UsagePulse>(&bytes).unwrap_err();
        let pointers: Vec<&str> = report
            .violations()
            .iter()
            .map(|violation| violation.pointer.as_str())
            .collect();
        assert_eq!(
            pointers,
            [
                "/usageData/0/tenantId",
                "/message",
                "/message",
                "/instanceId"
            ]
        );
        assert_eq!(report, UsagePulse::validate(&example));

        let report = validate_and_parse::<ServerTelemetry>(b"{\"id\": 1,}").unwrap_err();
        assert_eq!(report.violations()[0].rule, Rule::Syntax);

        let limits = Limits {
            max_bytes: 8,
            ..Limits::DEFAULT
        };
        let report = validate_and_parse_with::<ServerTelemetry>(b"{\"id\": 12345}", limits);
        assert_eq!(report.unwrap_err().violations()[0].rule, Rule::Size);
    }
}
