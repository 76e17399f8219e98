//! One entry point for unlabelled bytes: detect the kind from the bytes, validate with that
//! kind's validator (a document a detected refinement refuses goes to the kind it refines, when
//! that kind accepts it: [`PayloadKind::validate_detected_slice_with`]), and (for [`parse_any`])
//! read the valid document into its Rust type.
//!
//! Detection reads only what the kinds' clues ask ([`super::detect_slice`]), and stops as soon
//! as the members read meet the signature of a kind whose valid documents meet no other kind's
//! (a kind *settled by validity*, read from its published schema): that kind's validator then
//! reads the whole document, and a valid report settles the kind, as detection on the whole
//! document would have; any other report sends the document through full detection. The
//! validator reads the bytes without building a `Value`; a valid document is validated once.
//!
//! Everything that is not a valid document of one kind is a [`Rejection`], an error that
//! composes with `?`, `Box<dyn Error>` and `anyhow`, and serialises for logs.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeStruct as _;

use super::detect::{Detection, detect_slice, detection_of};
use super::probe::{PROBES, Reading};
use crate::registry::{AnyPayload, PAYLOADS, PayloadKind};
use crate::validate::{Limits, Masking, Report, Rule, parse};

/// What became of one unlabelled document ([`judge`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Judgement {
    /// Detected as `kind` and checked by its validator: valid when `report` is.
    Checked {
        /// The kind detected.
        kind: &'static PayloadKind,
        /// Every violation of the kind's rules (none when valid).
        report: Report,
    },
    /// JSON, but no single kind's signature matches.
    Undetected(Detection),
    /// Not one JSON document, or over the size limit: the report says where and why.
    Unreadable(Report),
}

impl Judgement {
    /// Whether the document is a valid document of the kind detected.
    pub fn is_valid(&self) -> bool {
        matches!(self, Self::Checked { report, .. } if report.is_valid())
    }

    /// The kind detected, if one was.
    pub fn kind(&self) -> Option<&'static PayloadKind> {
        match self {
            Self::Checked { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// The report of a checked or unreadable document.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Self::Checked { report, .. } | Self::Unreadable(report) => Some(report),
            Self::Undetected(_) => None,
        }
    }
}

/// The kind of the unlabelled document `bytes` and its report, in the default [`Limits`].
///
/// ```
/// use schema_types::api::{Judgement, judge};
///
/// let ping = br#"{"event": "FETCH_RELEASE_NOTES", "properties": {}}"#;
/// let Judgement::Checked { kind, report } = judge(ping) else { panic!("not detected") };
/// assert_eq!(kind.id, "appsmith/keep-alive-ping");
/// assert!(!report.is_valid()); // every required property is missing
/// assert!(matches!(judge(b"[1, 2"), Judgement::Unreadable(_)));
/// ```
pub fn judge(bytes: &[u8]) -> Judgement {
    judge_with(bytes, Limits::DEFAULT)
}

/// [`judge`] with other limits.
pub fn judge_with(bytes: &[u8], limits: Limits) -> Judgement {
    if bytes.len() > limits.max_bytes {
        return Judgement::Unreadable(Report::too_large(bytes.len(), limits));
    }
    let detection = match PROBES.read_settling(bytes) {
        Reading::Settled(index) => {
            // The members read meet the signature of a kind whose valid documents meet no
            // other's: a valid report settles it, as detection on the whole document would.
            let kind = &PAYLOADS[index];
            let report = kind.validate_slice_with(bytes, limits);
            if report.is_valid() {
                return Judgement::Checked { kind, report };
            }
            // Not valid: the rest of the document may name another kind.
            let detection = detect_slice(bytes);
            if detection.as_ref().and_then(Detection::kind) == Some(kind) {
                let (kind, report) = kind.validate_detected_slice_with(bytes, limits);
                return checked(kind, report);
            }
            detection
        }
        Reading::Facts(facts) => detection_of(facts, bytes),
        Reading::Malformed => None,
    };
    match detection {
        Some(Detection::Known(kind)) => {
            let (kind, report) = kind.validate_detected_slice_with(bytes, limits);
            checked(kind, report)
        }
        Some(detection) => Judgement::Undetected(detection),
        // Not JSON: the parser's report says where and why.
        None => Judgement::Unreadable(parse(bytes, limits).err().unwrap_or_else(|| {
            // The detection's reader and the parser read the same documents; should they ever
            // differ, the document is still refused with a report.
            Report::too_large(
                bytes.len(),
                Limits {
                    max_bytes: 0,
                    ..limits
                },
            )
        })),
    }
}

/// The judgement on a document detected as `kind`, from its validator's report.
fn checked(kind: &'static PayloadKind, report: Report) -> Judgement {
    // Detection passes over what it does not need; the validator reads every byte and is the
    // one to say that they are not JSON.
    if report
        .violations()
        .first()
        .is_some_and(|first| first.rule == Rule::Syntax)
    {
        Judgement::Unreadable(report)
    } else {
        Judgement::Checked { kind, report }
    }
}

/// A valid document of a detected kind, as its Rust type ([`parse_any`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    /// The kind detected.
    pub kind: &'static PayloadKind,
    /// The document, typed.
    pub payload: AnyPayload,
}

/// Why an unlabelled document was not accepted: an error that composes (`std::error::Error`)
/// and serialises (`{"rejection": "invalid", "kind": ..., "report": ...}`).
#[derive(Clone, Debug, PartialEq)]
pub enum Rejection {
    /// Not one JSON document, or over the size limit.
    Unreadable(Report),
    /// JSON, but no single kind's signature matches.
    Undetected(Detection),
    /// A document of `kind` that breaks its rules.
    Invalid {
        /// The kind detected.
        kind: &'static PayloadKind,
        /// Every violation.
        report: Report,
    },
}

impl Rejection {
    /// The same rejection with every value a report quotes replaced by its JSON type
    /// ([`Report::masked`]), for logs.
    pub fn masked(&self) -> Self {
        self.masked_with(Masking::Values)
    }

    /// The same rejection masked at `level` ([`Report::masked_with`]); a detection names
    /// kinds only, and is kept.
    pub fn masked_with(&self, level: Masking) -> Self {
        match self {
            Self::Unreadable(report) => Self::Unreadable(report.masked_with(level)),
            Self::Undetected(detection) => Self::Undetected(detection.clone()),
            Self::Invalid { kind, report } => Self::Invalid {
                kind,
                report: report.masked_with(level),
            },
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable(report) => write!(f, "not a JSON document: {}", report.summary()),
            Self::Undetected(detection) => fmt::Display::fmt(detection, f),
            Self::Invalid { kind, report } => write!(f, "{}: {}", kind.id, report.summary()),
        }
    }
}

impl std::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unreadable(report) | Self::Invalid { report, .. } => Some(report),
            Self::Undetected(detection) => Some(detection),
        }
    }
}

impl Serialize for Rejection {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Unreadable(report) => {
                let mut out = serializer.serialize_struct("Rejection", 2)?;
                out.serialize_field("rejection", "unreadable")?;
                out.serialize_field("report", report)?;
                out.end()
            }
            Self::Undetected(detection) => {
                let mut out = serializer.serialize_struct("Rejection", 2)?;
                out.serialize_field("rejection", "undetected")?;
                out.serialize_field("detection", detection)?;
                out.end()
            }
            Self::Invalid { kind, report } => {
                let mut out = serializer.serialize_struct("Rejection", 3)?;
                out.serialize_field("rejection", "invalid")?;
                out.serialize_field("kind", kind.id)?;
                out.serialize_field("report", report)?;
                out.end()
            }
        }
    }
}

impl From<Judgement> for Result<&'static PayloadKind, Rejection> {
    fn from(judgement: Judgement) -> Self {
        match judgement {
            Judgement::Checked { kind, report } if report.is_valid() => Ok(kind),
            Judgement::Checked { kind, report } => Err(Rejection::Invalid { kind, report }),
            Judgement::Undetected(detection) => Err(Rejection::Undetected(detection)),
            Judgement::Unreadable(report) => Err(Rejection::Unreadable(report)),
        }
    }
}

/// Detects the kind of the unlabelled document `bytes`, validates it, and reads it into its
/// Rust type: the typed payload, or why not. One detection pass, one validation, one typed
/// parse.
///
/// ```
/// use schema_types::AnyPayload;
/// use schema_types::api::{Rejection, parse_any};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let bytes = br#"{"usageData": [{"user": "f3273dd18d95bc19d51d3e6356e4a679e6f13824497272a270e7bb540b0abb9d",
///   "tenantId": "6f876357fbe7e44f3a47a0c1", "viewMode": false, "isAnonymousUser": false,
///   "createdAt": 188474747}], "message": "3b2f6c1e-9a4d-4f0b-8e7c-2d5a1b9c0e4f",
///   "hashedMessage": "C8EC6166D030765FF0F88CE40F4494BC6EF99F9D65DFBECD974C6359D1CAC7AC",
///   "instanceId": "63ef757fbe7e44f3a47a0c1d"}"#;
/// let accepted = parse_any(bytes)?;
/// let AnyPayload::UsagePulse(pulse) = accepted.payload else { panic!("another kind") };
/// assert_eq!(pulse.usage_data.len(), 1);
///
/// let rejection = parse_any(br#"{"usageData": []}"#).unwrap_err();
/// assert!(matches!(rejection, Rejection::Invalid { .. }));
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// A [`Rejection`]: not JSON, no single kind, or invalid for the kind detected.
pub fn parse_any(bytes: &[u8]) -> Result<Accepted, Rejection> {
    parse_any_with(bytes, Limits::DEFAULT)
}

/// [`parse_any`] with other limits.
///
/// # Errors
///
/// As [`parse_any`].
pub fn parse_any_with(bytes: &[u8], limits: Limits) -> Result<Accepted, Rejection> {
    let kind = Result::<&'static PayloadKind, Rejection>::from(judge_with(bytes, limits))?;
    // Whatever the validator accepts, serde reads (an invariant the workspace tests hold);
    // should that ever break, the caller still gets a report, not a panic.
    let payload = kind.parse(bytes).map_err(|error| Rejection::Invalid {
        kind,
        report: Report::undeserialisable(kind.id, &error, limits),
    })?;
    Ok(Accepted { kind, payload })
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::PAYLOADS;

    /// Every kind's fixture is accepted as its kind and read into a typed payload that writes
    /// back the same document; the typed payload is the kind's own parse.
    #[test]
    fn every_fixture_is_accepted_as_its_kind_and_typed() {
        for kind in PAYLOADS {
            let fixture = kind.fixture();
            let bytes = serde_json::to_vec(&fixture).unwrap();
            let accepted = parse_any(&bytes).unwrap_or_else(|rejection| panic!("{rejection}"));
            assert_eq!(accepted.kind, kind);
            assert_eq!(
                serde_json::to_value(&accepted.payload).unwrap(),
                fixture,
                "{}",
                kind.id
            );
            assert_eq!(kind.parse(&bytes).unwrap(), accepted.payload);
            assert!(judge(&bytes).is_valid());
        }
    }

    /// The judgement of detection on the whole document, then the detected kind's validator.
    fn judged_in_full(bytes: &[u8]) -> Judgement {
        match detect_slice(bytes) {
            Some(Detection::Known(kind)) => {
                let (kind, report) = kind.validate_detected_slice_with(bytes, Limits::DEFAULT);
                checked(kind, report)
            }
            Some(detection) => Judgement::Undetected(detection),
            None => Judgement::Unreadable(parse(bytes, Limits::DEFAULT).unwrap_err()),
        }
    }

    /// `judge` stops reading for detection when a kind is settled by validity; whatever the
    /// document, its judgement is the one of detection on the whole document. Every kind's
    /// valid documents, and each edited: a member removed, or another kind's member added
    /// after its own (where a reading stopped early has not looked).
    #[test]
    fn judgement_is_that_of_detection_on_the_whole_document() {
        let mut documents: Vec<Value> = Vec::new();
        for kind in PAYLOADS {
            documents.push(kind.fixture());
            #[cfg(feature = "proptest")]
            documents.extend((0..8).map(|seed| kind.random(seed)));
            documents.extend(kind.documented_example());
        }
        documents.extend(crate::api::detect::tests::edited_fixtures());
        let mut settled_and_valid = 0;
        for document in &documents {
            for bytes in [
                serde_json::to_vec(document).unwrap(),
                serde_json::to_vec_pretty(document).unwrap(),
            ] {
                let judgement = judge(&bytes);
                assert_eq!(judgement, judged_in_full(&bytes), "{document}");
                if let Reading::Settled(_) = PROBES.read_settling(&bytes) {
                    settled_and_valid += usize::from(judgement.is_valid());
                }
            }
        }
        // The early stop is taken, not only tested for.
        assert!(settled_and_valid > 100, "{settled_and_valid}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

        /// Whatever the value, its judgement is the one of detection on the whole document.
        #[test]
        fn judgement_is_that_of_detection_on_any_value(
            value in crate::api::detect::tests::clue_like_values()
        ) {
            let bytes = serde_json::to_vec(&value).unwrap();
            proptest::prop_assert_eq!(judge(&bytes), judged_in_full(&bytes));
        }
    }

    #[test]
    fn a_document_its_detected_refinement_refuses_goes_to_the_kind_it_refines() {
        let error = crate::registry::find("hasura/console-error").unwrap();
        let mut document = error.documented_example().unwrap();
        let judged = |document: &Value| judge(&serde_json::to_vec(document).unwrap());
        let runtime_error = judged(&document);
        assert_eq!(runtime_error.kind().map(|kind| kind.id), Some(error.id));
        assert!(runtime_error.is_valid());
        // The 1.x Console's JavaScript state: no server UUID yet. The page's kind refuses it,
        // the channel's accepts it.
        document["server_uuid"] = Value::Null;
        let early = judged(&document);
        assert_eq!(
            early.kind().map(|kind| kind.id),
            Some("hasura/console-event")
        );
        assert!(early.is_valid());
        assert_eq!(early.report().and_then(Report::era), Some("v1"));
        // Refused by both: judged as detected.
        document["server_uuid"] = Value::from(3);
        let wrong = judged(&document);
        assert_eq!(wrong.kind().map(|kind| kind.id), Some(error.id));
        assert!(!wrong.is_valid());
    }

    #[test]
    fn a_hasura_payload_comes_in_its_layer() {
        let kind = crate::registry::find("hasura/console-error-wire").unwrap();
        let bytes = serde_json::to_vec(&kind.fixture()).unwrap();
        let AnyPayload::ConsoleError(crate::hasura::Layered::Wire(wire)) =
            parse_any(&bytes).unwrap().payload
        else {
            panic!("not a Console error's wire message");
        };
        assert_eq!(
            wire.data.server_version,
            kind.fixture()["data"]["server_version"]
        );
    }

    #[test]
    fn rejections_say_why_and_compose_as_errors() {
        fn read(bytes: &[u8]) -> Result<Accepted, Box<dyn std::error::Error>> {
            Ok(parse_any(bytes)?)
        }
        let unreadable = parse_any(b"{\"event\": ").unwrap_err();
        assert!(
            matches!(&unreadable, Rejection::Unreadable(report) if report.violations()[0].rule == crate::validate::Rule::Syntax)
        );
        let undetected = parse_any(b"{}").unwrap_err();
        assert!(matches!(
            undetected,
            Rejection::Undetected(Detection::Unknown { .. })
        ));
        let invalid = read(br#"{"usageData": []}"#).unwrap_err();
        let invalid = invalid.downcast::<Rejection>().unwrap();
        assert!(
            matches!(*invalid, Rejection::Invalid { kind, .. } if kind.id == "appsmith/usage-pulse")
        );
        assert!(
            invalid
                .to_string()
                .starts_with("appsmith/usage-pulse: invalid: "),
            "{invalid}"
        );
        let json = serde_json::to_value(&*invalid).unwrap();
        assert_eq!(json["rejection"], "invalid");
        assert_eq!(json["kind"], "appsmith/usage-pulse");
        assert_eq!(json["report"]["valid"], false);
        assert_eq!(
            serde_json::to_value(Rejection::Undetected(detect_slice(b"{}").unwrap())).unwrap()["detection"]
                ["detection"],
            "unknown"
        );
        let limits = Limits {
            max_bytes: 4,
            ..Limits::DEFAULT
        };
        assert!(matches!(
            judge_with(b"{\"a\": 1}", limits),
            Judgement::Unreadable(_)
        ));
    }

    #[test]
    fn masking_leaves_nothing_of_a_refused_document() {
        let error = serde_json::from_str::<u64>(r#""MARKER""#).unwrap_err();
        let report = Report::undeserialisable("u64", &error, Limits::DEFAULT);
        assert!(report.to_string().contains("MARKER"));
        for level in [Masking::Values, Masking::ValuesAndNames] {
            let masked = report.masked_with(level);
            assert!(!masked.to_string().contains("MARKER"), "{masked}");
            assert!(!masked.to_json().to_string().contains("MARKER"));
        }
        let _ = json!(null);
    }
}
