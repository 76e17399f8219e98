//! How `validate` prints: a verdict per document (`FILE:LINE: valid: KIND`, or `invalid:` with
//! the violations indented below; or one JSON object per document), then the summary.
//!
//! Violations' text positions are counted from the start of the input, not of the document, so
//! that `FILE:LINE` and `line L column C` point at the same file. In human form, what comes from
//! the input (its name, member names, pointers and values) is escaped by [`printable`], so that
//! every line printed is one the tool wrote. Output goes through the progress bar, so that the
//! two do not tear each other on a terminal.

use std::io::{self, BufWriter, Write};

use schema_types::api::verdict;
use schema_types::validate::{Report, Rule, Violation};
use serde_json::{Map, Value};

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
                verdict::violations(report, line, self.options.mask)
            }
            Judgement::Oversize { size } => {
                verdict::violations(&self.too_large(*size), line, self.options.mask)
            }
            Judgement::Undetected(_) => (Vec::new(), 0),
        }
    }

    /// The report on a document over the size limit.
    fn too_large(&self, size: u64) -> Report {
        Report::too_large(
            usize::try_from(size).unwrap_or(usize::MAX),
            self.options.limits,
        )
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

    /// The library's JSON verdict ([`verdict::to_json`]), with the input's name first.
    fn json(&self, file: &str, line: usize, judgement: &Judgement) -> Value {
        let too_large;
        let outcome = match judgement {
            Judgement::Checked { report, .. } => verdict::Outcome::Report(report),
            Judgement::Oversize { size } => {
                too_large = self.too_large(*size);
                verdict::Outcome::Report(&too_large)
            }
            Judgement::Undetected(detection) => verdict::Outcome::Undetected(detection),
        };
        let mut json = Map::new();
        json.insert("file".to_owned(), Value::from(file));
        if let Value::Object(members) =
            verdict::to_json(line, judgement.kind(), outcome, self.options.mask)
        {
            json.extend(members);
        }
        Value::Object(json)
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
                let summary = verdict::summary_json(tally.valid, tally.invalid, tally.errors);
                summary.to_string() + "\n"
            }
        };
        self.write(text.as_bytes())?;
        self.out.flush()
    }
}
