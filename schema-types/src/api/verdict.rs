//! The JSON form of a verdict on one document of an input, and of the summary that closes a
//! run: what `telemetry-spec validate --format json` prints and what `telemetry-spec serve`
//! answers, written in one place so that the two cannot drift apart.
//!
//! A verdict is `{"line", "kind", "valid", "report"}` (`report` being `{"valid", "era" (for a
//! kind with eras), "total", "violations"}`), or, for a document whose kind could not be told,
//! `{"line", "kind": null, "valid": false, "detection": {"verdict", "candidates", "message"},
//! "report": null}`; a writer that names its inputs puts `"file"` first. The text positions of
//! its violations count lines from the start of the input, not of the document, so that `line`
//! and a violation's `position` point into the same text.
//!
//! [`Verdict`] is that shape, held owned (for a writer that keeps the verdict) or borrowed
//! ([`VerdictRef`]: from what was judged, serialised as it stands with no `Value` built and no
//! violation copied; `validate` writes it straight into its output). [`write()`] and [`to_json`]
//! render the verdict on an [`Outcome`] without keeping it.
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
//!
//! let mut line = Vec::new();
//! verdict::write(&mut line, 3, judgement.kind(), verdict::Outcome::of(&judgement), false)?;
//! assert_eq!(serde_json::from_slice::<serde_json::Value>(&line)?, json);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::borrow::Cow;
use std::io;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

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
/// masked when `mask`), and how many there are in all (a report keeps a limited number). The
/// report's own when nothing changes them: no value masked, no text position moved.
pub fn violations(report: &Report, line: usize, mask: bool) -> (Cow<'_, [Violation]>, usize) {
    let in_input = |violations: &[Violation]| -> Vec<Violation> {
        let violations = violations.iter();
        violations
            .map(|violation| in_input(violation, line))
            .collect()
    };
    let violations = if mask {
        Cow::Owned(in_input(report.masked().violations()))
    } else if report.violations().iter().any(|v| v.position.is_some()) {
        Cow::Owned(in_input(report.violations()))
    } else {
        Cow::Borrowed(report.violations())
    };
    (violations, report.total())
}

/// The verdict on one document, ready to serialise: `{"file" (for a writer that names its
/// inputs), "line", "kind", "valid", "detection" (only when no kind was told), "report"}`. One
/// shape, held two ways: owned (the defaults: [`Verdict::new`], for a writer that keeps it) or
/// borrowed from what was judged ([`VerdictRef`], for one that writes it at once). Either
/// serialises directly: [`VerdictRef::write_to`], `serde_json::to_writer`, or flattened into an
/// object of the writer's own (`#[serde(flatten)]`, with a member after it, say).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "Verdict")]
pub struct Verdict<V = Vec<Violation>, D = DetectionVerdict, F = String> {
    /// The input's name, for a writer that names its inputs (`validate` does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<F>,
    /// The line of the input where the document starts, from 1.
    pub line: usize,
    /// The kind it was checked as, if one was given or detected.
    pub kind: Option<&'static str>,
    /// Whether it is a valid document of that kind.
    pub valid: bool,
    /// Why no kind was told, when none was.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "D")]
    pub detection: Option<D>,
    /// Its report (`null` when no kind was told), positions counted in the input.
    pub report: Option<ReportVerdict<V>>,
}

/// The verdict on one document, borrowed: its JSON written with no `Value` built and no
/// violation copied.
pub type VerdictRef<'a> = Verdict<&'a [Violation], &'a DetectionVerdict, &'a str>;

/// A report as a verdict carries it: `{"valid", "era" (for a kind with eras), "total",
/// "violations"}`, the violations' positions counted in the input ([`violations`]); owned, or
/// borrowed ([`ReportRef`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "ReportVerdict", deny_unknown_fields)]
pub struct ReportVerdict<V = Vec<Violation>> {
    /// Whether there is no violation.
    pub valid: bool,
    /// For a kind with eras, the era the document was held against ([`Report::era`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub era: Option<&'static str>,
    /// How many violations in all.
    pub total: usize,
    /// The violations the report keeps.
    pub violations: V,
}

/// A report as a verdict carries it, borrowed.
pub type ReportRef<'a> = ReportVerdict<&'a [Violation]>;

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

impl VerdictRef<'_> {
    /// Writes the verdict's JSON (one line, no line feed) to `out`.
    pub fn write_to(&self, out: impl io::Write) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }
}

impl<'a> ReportRef<'a> {
    /// The verdict's part of `report`, with its `violations` as printed ([`violations`]).
    pub fn new(report: &Report, violations: &'a [Violation]) -> Self {
        Self {
            valid: report.is_valid(),
            era: report.era(),
            total: report.total(),
            violations,
        }
    }
}

impl DetectionVerdict {
    /// Why `detection` told no kind.
    pub fn of(detection: &Detection) -> Self {
        let (verdict, candidates) = match detection {
            Detection::Ambiguous(kinds) => ("ambiguous", &kinds[..]),
            Detection::Unknown { nearest, .. } => ("unknown", &nearest[..]),
            Detection::Known(kind) => ("known", std::slice::from_ref(kind)),
        };
        Self {
            verdict,
            candidates: candidates.iter().map(|kind| kind.id).collect(),
            message: detection.to_string(),
        }
    }
}

impl Verdict {
    /// The verdict on the document starting at `line` of its input, of `kind` when one was
    /// given or detected; values masked when `mask`.
    pub fn new(line: usize, kind: Option<&PayloadKind>, outcome: Outcome<'_>, mask: bool) -> Self {
        rendered(line, kind, outcome, mask, |verdict| Self {
            file: verdict.file.map(str::to_owned),
            line: verdict.line,
            kind: verdict.kind,
            valid: verdict.valid,
            detection: verdict.detection.cloned(),
            report: verdict.report.map(|report| ReportVerdict {
                valid: report.valid,
                era: report.era,
                total: report.total,
                violations: report.violations.to_vec(),
            }),
        })
    }

    /// The verdict as a JSON value.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// `f` of the verdict on the document starting at `line` of its input: the one place an
/// [`Outcome`] becomes a verdict.
fn rendered<R>(
    line: usize,
    kind: Option<&PayloadKind>,
    outcome: Outcome<'_>,
    mask: bool,
    f: impl FnOnce(VerdictRef<'_>) -> R,
) -> R {
    let verdict = VerdictRef {
        file: None,
        line,
        kind: kind.map(|kind| kind.id),
        valid: outcome.is_valid(),
        detection: None,
        report: None,
    };
    match outcome {
        Outcome::Report(report) => {
            let (violations, _) = violations(report, line, mask);
            f(VerdictRef {
                report: Some(ReportRef::new(report, &violations)),
                ..verdict
            })
        }
        Outcome::Undetected(detection) => f(VerdictRef {
            detection: Some(&DetectionVerdict::of(detection)),
            ..verdict
        }),
    }
}

/// Writes the verdict on the document starting at `line` of its input ([`Verdict::new`]) to
/// `out`, one line without its line feed: no `Value` built, no violation copied unless masked
/// or moved.
pub fn write(
    out: impl io::Write,
    line: usize,
    kind: Option<&PayloadKind>,
    outcome: Outcome<'_>,
    mask: bool,
) -> serde_json::Result<()> {
    rendered(line, kind, outcome, mask, |verdict| verdict.write_to(out))
}

/// The JSON verdict on the document starting at `line` of its input ([`Verdict::new`], as a
/// value).
pub fn to_json(line: usize, kind: Option<&PayloadKind>, outcome: Outcome<'_>, mask: bool) -> Value {
    rendered(line, kind, outcome, mask, |verdict| {
        serde_json::to_value(verdict).unwrap_or(Value::Null)
    })
}
/// The JSON summary that closes a run: `{"summary": {"documents", "valid", "invalid",
/// "errors"}}`, `errors` counting inputs that could not be read.
pub fn summary_json(valid: u64, invalid: u64, errors: u64) -> Value {
    json!({"summary": {
        "documents": valid + invalid,
        "valid": valid,
        "invalid": invalid,
        "errors": errors,
    }})
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

    /// Every way of rendering a verdict writes the same JSON: [`write`], [`to_json`] and the
    /// owned [`Verdict`] serialised; a kind with eras names its era.
    #[test]
    fn the_renderings_agree_and_name_the_era() {
        let mut eras = 0;
        for kind in crate::PAYLOADS {
            let fixture = serde_json::to_vec(&kind.fixture()).unwrap();
            let invalid = [&fixture[..fixture.len() - 1], b",\"\":1}"].concat();
            for bytes in [&fixture[..], &invalid, b"{\"a\": ", b"{}"] {
                let judgement = judge(bytes);
                for mask in [false, true] {
                    let outcome = Outcome::of(&judgement);
                    let mut written = Vec::new();
                    write(&mut written, 2, judgement.kind(), outcome, mask).unwrap();
                    let json = to_json(2, judgement.kind(), outcome, mask);
                    assert_eq!(written, serde_json::to_vec(&json).unwrap());
                    let owned = Verdict::new(2, judgement.kind(), outcome, mask);
                    assert_eq!(written, serde_json::to_vec(&owned).unwrap());
                    assert_eq!(owned.to_json(), json);
                    if let Outcome::Report(report) = outcome {
                        let era = json["report"].get("era").and_then(Value::as_str);
                        assert_eq!(era, report.era());
                        eras += usize::from(era.is_some());
                    }
                }
            }
        }
        assert!(eras > 0, "some kind has eras");
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
