//! The entry points for a service that receives or audits telemetry: look a payload kind up by
//! its id, tell the kind of an unlabelled document, and validate and parse in one step.
//!
//! For unlabelled bytes, [`judge()`] detects the kind and validates in one call, and
//! [`parse_any`] also reads a valid document into its Rust type ([`crate::AnyPayload`]); what
//! they refuse is a [`Rejection`].
//!
//! Everything here is built on the [registry](crate::registry) and the generated validators; it
//! adds no rule of its own about what a payload may hold. What it adds is judgement about which
//! payload a document is: [`detect()`] reads the members and event names that identify each kind
//! (its [`Signature`]) and answers [`Detection::Known`] only when exactly one kind's signature is
//! met. Anything else is [`Detection::Ambiguous`] or [`Detection::Unknown`], with the candidates
//! named, never a guess: a collector that validates against a guessed kind reports violations
//! of a payload the sender never meant to send.
//!
//! ```
//! use schema_types::api::{self, Detection};
//! use schema_types::hasura::ServerTelemetryRow;
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
//! let payload: ServerTelemetryRow = api::validate_and_parse(bytes).unwrap();
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

pub mod answers;
mod detect;
mod implied;
mod judge;
mod lookup;
mod probe;
pub mod verdict;

pub use detect::{Clue, Detection, Signature, detect, detect_slice};
pub use judge::{Accepted, Judgement, Rejection, judge, judge_with, parse_any, parse_any_with};
pub use lookup::{DOCUMENTED, ERA_SEPARATOR, Selection, UnknownKind, kind, select};

use serde::de::DeserializeOwned;

use crate::validate::{Limits, Report, Validate};

/// Checks `bytes` as a document of payload `T` and, when it is valid, returns the typed payload;
/// otherwise the full report (every violation, up to [`Limits::DEFAULT`]).
pub fn validate_and_parse<T: Validate + DeserializeOwned>(bytes: &[u8]) -> Result<T, Report> {
    validate_and_parse_with(bytes, Limits::DEFAULT)
}

/// [`validate_and_parse`] with other limits.
pub fn validate_and_parse_with<T: Validate + DeserializeOwned>(
    bytes: &[u8],
    limits: Limits,
) -> Result<T, Report> {
    // Checked while parsed (no `Value` is built), then read into the type.
    let report = T::validate_slice_with(bytes, limits);
    if !report.is_valid() {
        return Err(report);
    }
    // Whatever the validator accepts, serde reads (an invariant the workspace tests hold); should
    // that ever break, the caller still gets a report, not a panic.
    serde_json::from_slice::<T>(bytes)
        .map_err(|error| Report::undeserialisable(std::any::type_name::<T>(), &error, limits))
}

/// The documented example of payload `id`, as its fixture builders rebuild it.
#[cfg(test)]
fn documented(id: &str) -> serde_json::Value {
    crate::registry::find(id)
        .and_then(crate::PayloadKind::documented_example)
        .unwrap_or_else(|| panic!("{id} has no documented example"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appsmith::{KeepAlivePing, UsagePulse};
    use crate::hasura::ServerTelemetryRow;
    use crate::validate::Rule;

    #[test]
    fn validate_and_parse_returns_the_typed_payload() {
        let example = documented("appsmith/keep-alive-ping");
        let bytes = serde_json::to_vec(&example).unwrap();
        let payload: KeepAlivePing = validate_and_parse(&bytes).unwrap();
        assert_eq!(serde_json::to_value(payload).unwrap(), example);
    }

    #[test]
    fn validate_and_parse_returns_the_full_report() {
        // The documented usage pulse breaks three rules (recorded value errata), the placeholder
        // `message` with both its format and its pattern.
        let example = documented("appsmith/usage-pulse");
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

        let report = validate_and_parse::<ServerTelemetryRow>(b"{\"id\": 1,}").unwrap_err();
        assert_eq!(report.violations()[0].rule, Rule::Syntax);

        let limits = Limits {
            max_bytes: 8,
            ..Limits::DEFAULT
        };
        let report = validate_and_parse_with::<ServerTelemetryRow>(b"{\"id\": 12345}", limits);
        assert_eq!(report.unwrap_err().violations()[0].rule, Rule::Size);
    }
}
