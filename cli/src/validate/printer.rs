//! How `validate` prints: a verdict per document (`FILE:LINE: valid: KIND`, or `invalid:` with
//! the violations indented below; or one JSON object per document), then the summary.
//!
//! Violations' text positions are counted from the start of the input, not of the document, so
//! that `FILE:LINE` and `line L column C` point at the same file. In human form, what comes from
//! the input (its name, member names, pointers and values) is escaped by [`printable`], so that
//! every line printed is one the tool wrote. Output goes through the progress bar, so that the
//! two do not tear each other on a terminal.

use std::io::{self, BufWriter, Write};

use schema_types::api::Detection;
use schema_types::validate::{Report, Rule, TextPosition, Violation};
use serde_json::{Value, json};

use super::judgement::Judgement;
use super::progress::Progress;
use super::{Options, Tally};
use crate::output::{Format, printable};

/// Prints verdicts in the chosen format.
pub struct Printer {
    pub out: BufWriter<io::Stdout>,
    pub options: Options,
    pub progress: Progress,
}

impl Printer {
    fn write(&mut self, text: &[u8]) -> io::Result<()> {
        let out = &mut self.out;
        let interleaves = self.progress.interleaves();
        self.progress.print(|| {
            out.write_all(text)?;
            if interleaves {
                out.flush()?;
            }
            Ok(())
        })
    }

    pub fn verdict(&mut self, file: &str, line: usize, judgement: &Judgement) -> io::Result<()> {
        let text = match self.options.format {
            Format::Human => self.human(file, line, judgement),
            Format::Json => {
                let mut text = self.json(file, line, judgement).to_string();
                text.push('\n');
                text
            }
        };
        self.write(text.as_bytes())
    }

    /// The violations of a judgement as printed: masked if asked, text positions counted in
    /// the input.
    fn violations(&self, line: usize, judgement: &Judgement) -> (Vec<Violation>, usize) {
        match judgement {
            Judgement::Checked { report, .. } => {
                let report = if self.options.mask {
                    report.masked()
                } else {
                    report.clone()
                };
                let violations = report
                    .violations()
                    .iter()
                    .map(|violation| in_input(violation, line))
                    .collect();
                (violations, report.total())
            }
            Judgement::Oversize { size } => {
                let size = usize::try_from(*size).unwrap_or(usize::MAX);
                let report = Report::too_large(size, self.options.limits);
                (report.violations().to_vec(), report.total())
            }
            Judgement::Undetected(_) => (Vec::new(), 0),
        }
    }

    fn human(&self, file: &str, line: usize, judgement: &Judgement) -> String {
        let file = printable(file);
        if let Judgement::Undetected(detection) = judgement {
            let detection = detection.to_string();
            return format!("{file}:{line}: invalid: {}\n", printable(&detection));
        }
        let id = judgement.kind().map_or("", |kind| kind.id);
        if judgement.is_valid() {
            return format!("{file}:{line}: valid: {id}\n");
        }
        // The kind, when known, leads the verdict: `invalid: KIND: ...`.
        let kind = if id.is_empty() {
            String::new()
        } else {
            format!("{id}: ")
        };
        let (violations, total) = self.violations(line, judgement);
        // A document that is not JSON at all gets one line: why.
        if let [violation] = violations.as_slice() {
            if total == 1 && matches!(violation.rule, Rule::Syntax | Rule::Size) {
                let violation = violation.to_string();
                return format!("{file}:{line}: invalid: {kind}{}\n", printable(&violation));
            }
        }
        let plural = if total == 1 { "" } else { "s" };
        let mut text = format!("{file}:{line}: invalid: {kind}{total} violation{plural}\n");
        for violation in &violations {
            let violation = violation.to_string();
            text.push_str(&format!("  {}\n", printable(&violation)));
        }
        if total > violations.len() {
            text.push_str(&format!("  ... and {} more\n", total - violations.len()));
        }
        text
    }

    fn json(&self, file: &str, line: usize, judgement: &Judgement) -> Value {
        let mut verdict = json!({
            "file": file,
            "line": line,
            "kind": judgement.kind().map(|kind| kind.id),
            "valid": judgement.is_valid(),
        });
        let report = match judgement {
            Judgement::Checked { report, .. } => {
                let mut json = if self.options.mask {
                    report.masked().to_json()
                } else {
                    report.to_json()
                };
                json["violations"] = json!(self.violations(line, judgement).0);
                json
            }
            Judgement::Oversize { .. } => {
                let (violations, total) = self.violations(line, judgement);
                json!({"valid": false, "total": total, "violations": violations})
            }
            Judgement::Undetected(detection) => {
                let (verdict_name, candidates) = match detection {
                    Detection::Ambiguous(kinds) => ("ambiguous", kinds.clone()),
                    Detection::Unknown { nearest, .. } => ("unknown", nearest.clone()),
                    Detection::Known(kind) => ("known", vec![*kind]),
                };
                verdict["detection"] = json!({
                    "verdict": verdict_name,
                    "candidates": candidates.iter().map(|kind| kind.id).collect::<Vec<_>>(),
                    "message": detection.to_string(),
                });
                Value::Null
            }
        };
        verdict["report"] = report;
        verdict
    }

    pub fn summary(&mut self, tally: &Tally) -> io::Result<()> {
        let text = match self.options.format {
            Format::Human => {
                let mut text = format!("{} valid, {} invalid", tally.valid, tally.invalid);
                if tally.errors > 0 {
                    let plural = if tally.errors == 1 { "" } else { "s" };
                    text.push_str(&format!(
                        "; {} input{plural} could not be read",
                        tally.errors
                    ));
                }
                text + "\n"
            }
            Format::Json => {
                let summary = json!({"summary": {
                    "documents": tally.valid + tally.invalid,
                    "valid": tally.valid,
                    "invalid": tally.invalid,
                    "errors": tally.errors,
                }});
                summary.to_string() + "\n"
            }
        };
        self.write(text.as_bytes())?;
        self.out.flush()
    }
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
