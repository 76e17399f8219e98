//! How `validate` prints: a batch of documents judged and rendered into what goes out (verdicts
//! as text or NDJSON, the lines of `--valid-out` and `--invalid-out`, counts and `--stats`), then
//! the summary.
//!
//! [`Printer::batch`] is the work a worker does, and all of it: it judges each document and
//! renders every byte the run will write for it, so that the thread that writes only copies
//! bytes, and the output does not depend on which thread rendered it. Violations' text positions
//! are counted from the start of the input, not of the document, so that `FILE:LINE` and `line L
//! column C` point at the same file. In human form, what comes from the input (its name, member
//! names, pointers and values) is escaped by [`printable`], so that every line printed is one the
//! tool wrote.

use std::borrow::Cow;
use std::io::Write;

use schema_types::api::verdict::{self, DetectionVerdict, ReportRef, VerdictRef};
use schema_types::documents::{self, BlockItem};
use schema_types::validate::{Report, Rule, Violation};

use super::batches::{Batch, Entry};
use super::judgement::{Judgement, judge};
use super::routing;
use super::stats::Stats;
use super::{Options, Shown, Tally};
use crate::output::{Format, printable};

/// A message for standard error, or the start of an input, at its place among the verdicts.
pub enum Message {
    /// The input of this index starts (for the progress bar).
    Input(usize),
    Error(String),
    Warning(String),
}

/// Everything a batch gives, ready to be written in order.
#[derive(Default)]
pub struct Rendered {
    /// The verdicts, for standard output.
    pub out: Vec<u8>,
    /// Messages, each to be printed once `out` has been written up to its offset.
    pub messages: Vec<(usize, Message)>,
    /// The lines of `--valid-out` and `--invalid-out`, when asked for.
    pub valid_out: Vec<u8>,
    pub invalid_out: Vec<u8>,
    pub tally: Tally,
    /// The batch's figures, with `--stats`.
    pub stats: Option<Stats>,
    /// How many bytes of all inputs were read at the end of the batch.
    pub position: u64,
}

/// Judges and renders batches.
pub struct Printer<'a> {
    pub options: &'a Options,
    /// The inputs' names, as JSON gives them.
    pub names: &'a [String],
    /// The inputs' names as text prints them ([`printable`]).
    pub shown_names: &'a [String],
}

impl Printer<'_> {
    /// Judges the documents of `batch` (splitting its blocks of lines) and renders all that the
    /// run writes for them.
    pub fn batch(&self, batch: Batch) -> Rendered {
        let mut rendered = Rendered {
            position: batch.position,
            stats: self.options.stats.then(Stats::default),
            ..Rendered::default()
        };
        for entry in batch.entries {
            let (input, line, bytes, judgement) = match entry {
                Entry::Input(index) => {
                    rendered
                        .messages
                        .push((rendered.out.len(), Message::Input(index)));
                    continue;
                }
                Entry::Error(message) => {
                    rendered.tally.errors += 1;
                    rendered
                        .messages
                        .push((rendered.out.len(), Message::Error(message)));
                    continue;
                }
                Entry::Warning(message) => {
                    rendered
                        .messages
                        .push((rendered.out.len(), Message::Warning(message)));
                    continue;
                }
                Entry::Lines { input, line, bytes } => {
                    let max_bytes = self.options.limits.max_bytes;
                    for item in documents::lines(&bytes, line, max_bytes) {
                        match item {
                            BlockItem::Document { line, bytes } => {
                                let judgement = judge(bytes, self.options);
                                self.document(&mut rendered, input, line, Some(bytes), &judgement);
                            }
                            BlockItem::Oversize { line, size } => {
                                let judgement = Judgement::Oversize { size };
                                self.document(&mut rendered, input, line, None, &judgement);
                            }
                        }
                    }
                    continue;
                }
                Entry::Document { input, line, bytes } => {
                    let judgement = judge(&bytes, self.options);
                    (input, line, Some(bytes), judgement)
                }
                Entry::Oversize { input, line, size } => {
                    (input, line, None, Judgement::Oversize { size })
                }
            };
            self.document(&mut rendered, input, line, bytes.as_deref(), &judgement);
        }
        rendered
    }

    /// Renders one judged document (`bytes`: `None` when over the size limit).
    fn document(
        &self,
        rendered: &mut Rendered,
        input: usize,
        line: usize,
        bytes: Option<&[u8]>,
        judgement: &Judgement,
    ) {
        let valid = judgement.is_valid();
        let options = self.options;
        if valid {
            rendered.tally.valid += 1;
            if let (true, Some(bytes)) = (options.valid_out, bytes) {
                routing::valid_line(&mut rendered.valid_out, bytes);
            }
        } else {
            rendered.tally.invalid += 1;
        }
        let (violations, total) = if valid {
            (Cow::Borrowed(&[][..]), 0)
        } else {
            self.violations(line, judgement)
        };
        if let Some(stats) = &mut rendered.stats {
            stats.count(input, line, judgement, &violations);
        }
        let judged = Judged {
            line,
            judgement,
            violations: &violations,
            total,
        };
        let print = match options.shown {
            Shown::All => true,
            Shown::Invalid => !valid,
            Shown::Summary => false,
        };
        let name = &self.names[input];
        let mut verdict = Vec::new();
        if (print && options.format == Format::Json) || (!valid && options.invalid_out) {
            judged.json(&mut verdict, name);
        }
        if print {
            match options.format {
                Format::Human => {
                    let name = &self.shown_names[input];
                    judged.human(&mut rendered.out, name);
                }
                Format::Json => {
                    rendered.out.extend_from_slice(&verdict);
                    rendered.out.push(b'\n');
                }
            }
        }
        if !valid && options.invalid_out {
            routing::invalid_line(&mut rendered.invalid_out, &verdict, bytes);
        }
    }

    /// The violations of an invalid document as printed: masked if asked, text positions
    /// counted in the input; and how many there were, kept or not.
    fn violations<'j>(
        &self,
        line: usize,
        judgement: &'j Judgement,
    ) -> (Cow<'j, [Violation]>, usize) {
        match judgement {
            Judgement::Checked { report, .. } => {
                verdict::violations(report, line, self.options.mask)
            }
            Judgement::Oversize { size } => {
                let size = usize::try_from(*size).unwrap_or(usize::MAX);
                let report = Report::too_large(size, self.options.limits);
                (Cow::Owned(report.violations().to_vec()), report.total())
            }
            Judgement::Undetected(_) => (Cow::Borrowed(&[][..]), 0),
        }
    }
}

/// A judged document as its verdict prints it.
#[derive(Clone, Copy)]
struct Judged<'a> {
    /// The line of its input where it starts.
    line: usize,
    judgement: &'a Judgement,
    /// Its violations as printed: masked if asked, text positions counted in the input.
    violations: &'a [Violation],
    /// How many violations there were, kept or not.
    total: usize,
}

impl Judged<'_> {
    /// The verdict as text: `FILE:LINE: valid: KIND`, or `invalid:` with the violations
    /// indented below. `file` is printable already.
    fn human(&self, out: &mut Vec<u8>, file: &str) {
        let Self {
            line,
            judgement,
            violations,
            total,
        } = *self;
        // Writing into a `Vec` cannot fail.
        if let Judgement::Undetected(detection) = judgement {
            let detection = detection.to_string();
            let _ = writeln!(out, "{file}:{line}: invalid: {}", printable(&detection));
            return;
        }
        let id = judgement.label();
        if judgement.is_valid() {
            let _ = writeln!(out, "{file}:{line}: valid: {id}");
            return;
        }
        // The kind, when known, leads the verdict: `invalid: KIND: ...`.
        let separator = if id.is_empty() { "" } else { ": " };
        // A document that is not JSON at all gets one line: why.
        if let [violation] = violations {
            if total == 1 && matches!(violation.rule, Rule::Syntax | Rule::Size) {
                let violation = violation.to_string();
                let _ = writeln!(
                    out,
                    "{file}:{line}: invalid: {id}{separator}{}",
                    printable(&violation)
                );
                return;
            }
        }
        let plural = if total == 1 { "" } else { "s" };
        let _ = writeln!(
            out,
            "{file}:{line}: invalid: {id}{separator}{total} violation{plural}"
        );
        let mut text = String::new();
        for violation in violations {
            text.clear();
            let _ = std::fmt::Write::write_fmt(&mut text, format_args!("{violation}"));
            let _ = writeln!(out, "  {}", printable(&text));
        }
        if total > violations.len() {
            let _ = writeln!(out, "  ... and {} more", total - violations.len());
        }
    }

    /// The verdict as one JSON object (no line feed), the library's
    /// ([`schema_types::api::verdict`]) with `file` first.
    fn json(&self, out: &mut Vec<u8>, file: &str) {
        let judgement = self.judgement;
        let detection = match judgement {
            Judgement::Undetected(detection) => Some(DetectionVerdict::of(detection)),
            _ => None,
        };
        let valid = judgement.is_valid();
        let verdict = VerdictRef {
            file: Some(file),
            line: self.line,
            kind: judgement.kind().map(|kind| kind.id),
            valid,
            report: detection.is_none().then_some(ReportRef {
                valid,
                era: match judgement {
                    Judgement::Checked { report, .. } => report.era(),
                    _ => None,
                },
                total: self.total,
                violations: self.violations,
            }),
            detection: detection.as_ref(),
        };
        // Serialising strings, numbers and violations into a `Vec` cannot fail.
        let _ = verdict.write_to(out);
    }
}

/// The summary: `N valid, M invalid` (and the inputs that could not be read), or its JSON
/// object.
pub fn summary(format: Format, tally: &Tally) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a `Vec` cannot fail.
    match format {
        Format::Human => {
            let _ = write!(out, "{} valid, {} invalid", tally.valid, tally.invalid);
            if tally.errors > 0 {
                let plural = if tally.errors == 1 { "" } else { "s" };
                let _ = write!(out, "; {} input{plural} could not be read", tally.errors);
            }
            out.push(b'\n');
        }
        Format::Json => {
            let summary = verdict::summary_json(tally.valid, tally.invalid, tally.errors);
            let _ = serde_json::to_writer(&mut out, &summary);
            out.push(b'\n');
        }
    }
    out
}
