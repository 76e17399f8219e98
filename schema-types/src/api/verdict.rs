//! The JSON form of a verdict on one document of an input, and of the summary that closes a
//! run: what `telemetry-spec validate --format json` prints and what `telemetry-spec serve`
//! answers, written in one place so that the two cannot drift apart.
//!
//! A verdict is `{"line", "kind", "valid", "report"}` (`report` being the [`Report`]'s own JSON),
//! or, for a document whose kind could not be told, `{"line", "kind": null, "valid": false,
//! "detection": {"verdict", "candidates", "message"}, "report": null}`. The text positions of
//! its violations count lines from the start of the input, not of the document, so that `line`
//! and a violation's `position` point into the same text.
//!
//! ```
//! use schema_types::api::{self, verdict};
//!
//! let input = b"{\"event\": \"FETCH_RELEASE_NOTES\", \"properties\": {}}";
//! let judgement = api::judge(input);
//! let json = verdict::to_json(3, judgement.kind(), verdict::Outcome::of(&judgement), false);
//! assert_eq!(json["line"], 3);
//! assert_eq!(json["kind"], "appsmith/keep-alive-ping");
//! assert_eq!(json["valid"], false);
//! assert_eq!(json["report"]["valid"], false);
//! ```

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::answers::{RunCounts, RunSummary};
use super::detect::Detection;
use super::judge::Judgement;
use crate::registry::PayloadKind;
use crate::validate::{Report, TextPosition, Violation};

/// What was found about one document: its report (checked, or refused as not JSON or too
/// large), or why its kind could not be told.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// The report of the document's check (or of the parser's or the size limit's refusal).
    Report(&'a Report),
    /// No single kind: the detection's verdict.
    Undetected(&'a Detection),
}

impl<'a> Outcome<'a> {
    /// The outcome of a [`Judgement`] of the library's judge.
    pub fn of(judgement: &'a Judgement) -> Self {
        match judgement {
            Judgement::Checked { report, .. } | Judgement::Unreadable(report) => {
                Self::Report(report)
            }
            Judgement::Undetected(detection) => Self::Undetected(detection),
        }
    }

    /// Whether the document is valid: checked, with no violation.
    pub fn is_valid(&self) -> bool {
        matches!(self, Self::Report(report) if report.is_valid())
    }
}

/// The violations of `report` as printed for a document starting at `line` of its input (values
/// masked when `mask`), and how many there are in all (a report keeps a limited number).
pub fn violations(report: &Report, line: usize, mask: bool) -> (Vec<Violation>, usize) {
    let masked;
    let report = if mask {
        masked = report.masked();
        &masked
    } else {
        report
    };
    let violations = report
        .violations()
        .iter()
        .map(|violation| in_input(violation, line))
        .collect();
    (violations, report.total())
}

/// The verdict on one document, ready to serialise: `{"line", "kind", "valid", "detection"
/// (only when no kind was told), "report"}`. [`to_json`] makes its `Value`; a writer that
/// streams serialises it directly (`serde_json::to_writer`), or flattens it into an object of
/// its own (`#[serde(flatten)]`, after a `file` member, say).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Verdict {
    /// The line of the input where the document starts, from 1.
    pub line: usize,
    /// The kind it was checked as, if one was given or detected.
    pub kind: Option<&'static str>,
    /// Whether it is a valid document of that kind.
    pub valid: bool,
    /// Why no kind was told, when none was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DetectionVerdict")]
    pub detection: Option<DetectionVerdict>,
    /// Its report (`null` when no kind was told), positions counted in the input.
    pub report: Option<ReportVerdict>,
}

/// Why no kind was told: `{"verdict": "ambiguous" | "unknown", "candidates", "message"}`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DetectionVerdict {
    /// `ambiguous` or `unknown`.
    pub verdict: &'static str,
    /// The kinds in question.
    pub candidates: Vec<&'static str>,
    /// The detection's message for people.
    pub message: String,
}

/// A report as a verdict carries it: `{"valid", "total", "violations"}`, the violations'
/// positions counted in the input.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReportVerdict {
    /// Whether there is no violation.
    pub valid: bool,
    /// How many violations in all.
    pub total: usize,
    /// The violations the report keeps.
    pub violations: Vec<Violation>,
}

impl Verdict {
    /// The verdict on the document starting at `line` of its input, of `kind` when one was
    /// given or detected; values masked when `mask`.
    pub fn new(line: usize, kind: Option<&PayloadKind>, outcome: Outcome<'_>, mask: bool) -> Self {
        let (detection, report) = match outcome {
            Outcome::Report(report) => {
                let (violations, total) = violations(report, line, mask);
                let report = ReportVerdict {
                    valid: report.is_valid(),
                    total,
                    violations,
                };
                (None, Some(report))
            }
            Outcome::Undetected(detection) => {
                let (verdict, candidates) = match detection {
                    Detection::Ambiguous(kinds) => ("ambiguous", kinds.clone()),
                    Detection::Unknown { nearest, .. } => ("unknown", nearest.clone()),
                    Detection::Known(kind) => ("known", vec![*kind]),
                };
                let detection = DetectionVerdict {
                    verdict,
                    candidates: candidates.iter().map(|kind| kind.id).collect(),
                    message: detection.to_string(),
                };
                (Some(detection), None)
            }
        };
        Self {
            line,
            kind: kind.map(|kind| kind.id),
            valid: outcome.is_valid(),
            detection,
            report,
        }
    }

    /// The verdict as a JSON value.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The JSON verdict on the document starting at `line` of its input ([`Verdict::new`], as a
/// value).
pub fn to_json(line: usize, kind: Option<&PayloadKind>, outcome: Outcome<'_>, mask: bool) -> Value {
    Verdict::new(line, kind, outcome, mask).to_json()
}

/// The JSON summary that closes a run: `{"summary": {"documents", "valid", "invalid",
/// "errors"}}`, `errors` counting inputs that could not be read.
pub fn summary_json(valid: u64, invalid: u64, errors: u64) -> Value {
    let summary = RunSummary {
        summary: RunCounts {
            documents: valid + invalid,
            valid,
            invalid,
            errors,
        },
    };
    serde_json::to_value(summary).unwrap_or(Value::Null)
}

/// A violation with its text position counted from the start of the input rather than of the
/// document (which starts at `line`), and without the parser's own position repeated in
/// `found`.
fn in_input(violation: &Violation, line: usize) -> Violation {
    let mut violation = violation.clone();
    if let Some(position) = violation.position {
        let suffix = format!(" at line {} column {}", position.line, position.column);
        if let Some(found) = violation.found.strip_suffix(&suffix) {
            violation.found = found.to_owned();
        }
        violation.position = Some(TextPosition {
            line: position.line + line - 1,
            column: position.column,
        });
    }
    violation
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::judge;

    #[test]
    fn positions_count_from_the_start_of_the_input() {
        let judgement = judge(b"{\"event\": ");
        let json = to_json(5, None, Outcome::of(&judgement), false);
        assert_eq!(json["valid"], false);
        let violation = &json["report"]["violations"][0];
        assert_eq!(violation["rule"], "syntax");
        assert_eq!(violation["position"]["line"], 5);
        assert!(
            !violation["found"].as_str().unwrap().contains(" at line "),
            "{violation}"
        );
    }

    #[test]
    fn an_undetected_document_names_its_candidates() {
        let judgement = judge(br#"{"license_jti": "4c42ff53-1e4a-4c5b-b9da-a1b0b1e2c9f3"}"#);
        let json = to_json(1, None, Outcome::of(&judgement), false);
        assert_eq!(json["kind"], Value::Null);
        assert_eq!(json["report"], Value::Null);
        assert_eq!(json["detection"]["verdict"], "unknown");
        assert_eq!(json["detection"]["candidates"].as_array().unwrap().len(), 3);
        assert_eq!(summary_json(2, 1, 0)["summary"]["documents"], 3);
    }

    #[test]
    fn masking_leaves_no_value() {
        let judgement = judge(br#"{"usageData": [], "instanceId": "SECRET"}"#);
        let json = to_json(1, judgement.kind(), Outcome::of(&judgement), true);
        assert!(!json.to_string().contains("SECRET"), "{json}");
        let json = to_json(1, judgement.kind(), Outcome::of(&judgement), false);
        assert!(json.to_string().contains("SECRET"), "{json}");
    }
}
