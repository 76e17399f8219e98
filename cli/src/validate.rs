//! `validate`: reads each input as documents ([`crate::input`]), judges each document and prints
//! its verdict, then the summary.
//!
//! Judging is the library's: [`schema_types::validate::parse`], [`schema_types::api::detect`]
//! and the kind's generated validator. This module adds where a document stands (its input and
//! line, and violations' text positions made relative to the input rather than the document)
//! and how verdicts are printed.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use schema_types::api::{self, Detection};
use schema_types::registry::PayloadKind;
use schema_types::validate::{Limits, Report, Rule, TextPosition, Violation, parse};
use serde_json::{Value, json};

use crate::diagnostics::{describe_io_error, print_error, print_note};
use crate::exit::{Failure, Status};
use crate::input::{Documents, Item};
use crate::output::Format;
use crate::progress::Progress;

/// The long help of `validate`.
pub const HELP: &str = "Check documents against the schemas of their payload kinds and \
print a verdict for each, with every violation and its JSON Pointer, then a summary \
(`N valid, M invalid`).

Inputs: each PATH is a file; `-`, or no PATH at all, is standard input. An input is one JSON \
document when all of it is one JSON value (pretty-printed or not); otherwise it is NDJSON, one \
document per non-blank line. A file whose first line starts a value that continues on later \
lines is read as one document, up to the size limit (`--max-bytes`). Inputs are read in bounded \
memory, so streams of any size can be checked.

Kinds: with `--kind`, every document is checked as that kind. Without it, the kind of each \
document is detected from the members and event names that identify each kind; a document that \
matches no kind, or more than one, is invalid, and its verdict names the candidates.

A bad document does not stop the run: invalid JSON, invalid UTF-8, nesting deeper than 128 \
levels and documents over the size limit are invalid verdicts like any other. An input that \
cannot be read (a missing path, a directory, a binary file) is reported on standard error as \
`telemetry-spec: error: ...` and skipped.

Output: `human` prints `FILE:LINE: valid: KIND` or `FILE:LINE: invalid: ...` with the \
violations indented below; `json` prints one JSON object per document (NDJSON) with `file`, \
`line`, `kind`, `valid` and `report` (and `detection` when no kind was found), then \
`{\"summary\": {...}}`. A progress bar is drawn on standard error when it is a terminal and the \
run takes more than a moment; nothing is drawn when it is redirected.

Exit status: 0 every document valid, 1 some document invalid, 2 a usage error or an input that \
could not be read.";

/// The examples closing the help of `validate`.
pub const EXAMPLES: &str = "Examples:
  telemetry-spec validate ping.json
  telemetry-spec validate --kind hasura/ee-usage-metrics metrics/*.json
  zcat events.ndjson.gz | telemetry-spec validate --format json --mask - > verdicts.ndjson";

/// The options of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Check every document as this payload kind instead of detecting its kind
    #[arg(long, value_name = "ID")]
    kind: Option<String>,
    /// `human`: verdicts and violations as text; `json`: one JSON object per document (NDJSON)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print each found value as its JSON type only, so the output can be logged without the
    /// documents' contents
    #[arg(long)]
    mask: bool,
    /// The largest document accepted, in bytes (suffixes KiB, MiB, GiB); larger ones are invalid
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    max_bytes: usize,
    /// How many violations of one document are printed; the rest are counted
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    max_violations: u32,
    /// Files to check; `-` or none reads standard input
    #[arg(value_name = "PATH")]
    paths: Vec<std::path::PathBuf>,
}

/// Parses a size in bytes: a number with an optional `KiB`, `MiB` or `GiB` (or `K`, `M`, `G`).
fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let factor: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "`{text}` is not a size (examples: 65536, 64KiB, 64MiB)"
            ));
        }
    };
    let number: usize = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (examples: 65536, 64KiB, 64MiB)"))?;
    match number.checked_mul(factor) {
        Some(0) | None => Err(format!(
            "`{text}` is not a size from 1 byte to {}",
            usize::MAX
        )),
        Some(size) => Ok(size),
    }
}

/// The read buffer of an input, which is also how much of its start is checked for binary
/// content.
const READ_BUFFER: usize = 64 * 1024;

/// What `validate` needs besides the inputs.
struct Options {
    kind: Option<&'static PayloadKind>,
    format: Format,
    mask: bool,
    limits: Limits,
}

/// An input: a file or standard input.
enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    fn from_path(path: PathBuf) -> Self {
        if path.as_os_str() == "-" {
            Self::Stdin
        } else {
            Self::File(path)
        }
    }

    /// The input's name in verdicts and messages.
    fn name(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Stdin => "<stdin>".to_owned(),
        }
    }

    /// Its size in bytes, when known beforehand.
    fn size(&self) -> Option<u64> {
        match self {
            Self::File(path) => std::fs::metadata(path).ok().map(|metadata| metadata.len()),
            Self::Stdin => None,
        }
    }

    /// Opens the input, refusing what cannot hold JSON text: a directory, a binary file, UTF-16.
    fn open(&self) -> Result<Box<dyn BufRead>, String> {
        let name = self.name();
        let mut reader: Box<dyn BufRead> = match self {
            Self::Stdin => Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin())),
            Self::File(path) => Box::new(BufReader::with_capacity(READ_BUFFER, open_file(path)?)),
        };
        let start = reader
            .fill_buf()
            .map_err(|error| format!("cannot read `{name}`: {}", describe_io_error(&error)))?;
        if start.starts_with(&[0xff, 0xfe]) || start.starts_with(&[0xfe, 0xff]) {
            return Err(format!(
                "`{name}` is UTF-16 text; documents are read as UTF-8 (convert it, for example \
                 with `iconv -f UTF-16 -t UTF-8`)"
            ));
        }
        if let Some(offset) = start.iter().position(|&byte| byte == 0) {
            return Err(format!(
                "`{name}` is a binary file (a NUL byte at offset {offset}), not JSON text"
            ));
        }
        Ok(reader)
    }
}

fn open_file(path: &Path) -> Result<File, String> {
    let name = path.display();
    let cannot = |error: io::Error| format!("cannot read `{name}`: {}", describe_io_error(&error));
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    if metadata.is_dir() {
        return Err(format!(
            "`{name}` is a directory; give the files in it (for example `{}`)",
            path.join("*.json").display()
        ));
    }
    File::open(path).map_err(cannot)
}

/// The verdict on one document.
enum Judgement {
    /// Judged by a kind's validator, or refused by the parser (then `kind` is the one asked for
    /// with `--kind`, if any).
    Checked {
        kind: Option<&'static PayloadKind>,
        report: Report,
    },
    /// No `--kind`, and detection named no single kind.
    Undetected(Detection),
    /// Larger than the limit: counted, not read.
    Oversize { size: u64 },
}

impl Judgement {
    fn is_valid(&self) -> bool {
        matches!(self, Self::Checked { report, .. } if report.is_valid())
    }

    fn kind(&self) -> Option<&'static PayloadKind> {
        match self {
            Self::Checked { kind, .. } => *kind,
            _ => None,
        }
    }
}

fn judge(bytes: &[u8], options: &Options) -> Judgement {
    let document = match parse(bytes, options.limits) {
        Ok(document) => document,
        Err(report) => {
            return Judgement::Checked {
                kind: options.kind,
                report,
            };
        }
    };
    let kind = match options.kind {
        Some(kind) => kind,
        None => match api::detect(&document) {
            Detection::Known(kind) => kind,
            detection => return Judgement::Undetected(detection),
        },
    };
    Judgement::Checked {
        kind: Some(kind),
        report: kind.validate_with(&document, options.limits),
    }
}

/// Counts of the run.
#[derive(Default)]
struct Tally {
    valid: u64,
    invalid: u64,
    /// Inputs that could not be read (whole or in part).
    errors: u64,
}

/// Prints verdicts in the chosen format.
struct Printer {
    out: BufWriter<io::Stdout>,
    options: Options,
    progress: Progress,
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

    fn verdict(&mut self, file: &str, line: usize, judgement: &Judgement) -> io::Result<()> {
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
                let violation = Violation {
                    pointer: String::new(),
                    member: None,
                    rule: Rule::Size,
                    expected: format!(
                        "a document of at most {} bytes",
                        self.options.limits.max_bytes
                    )
                    .into(),
                    found: format!("{size} bytes"),
                    position: None,
                };
                (vec![violation], 1)
            }
            Judgement::Undetected(_) => (Vec::new(), 0),
        }
    }

    fn human(&self, file: &str, line: usize, judgement: &Judgement) -> String {
        if let Judgement::Undetected(detection) = judgement {
            return format!("{file}:{line}: invalid: {detection}\n");
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
                return format!("{file}:{line}: invalid: {kind}{violation}\n");
            }
        }
        let plural = if total == 1 { "" } else { "s" };
        let mut text = format!("{file}:{line}: invalid: {kind}{total} violation{plural}\n");
        for violation in &violations {
            text.push_str(&format!("  {violation}\n"));
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

    fn summary(&mut self, tally: &Tally) -> io::Result<()> {
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

/// `validate`.
pub fn run(args: ValidateArgs) -> Result<Status, Failure> {
    let kind = args.kind.as_deref().map(api::kind).transpose()?;
    let options = Options {
        kind,
        format: args.format,
        mask: args.mask,
        limits: Limits {
            max_violations: args.max_violations as usize,
            max_bytes: args.max_bytes,
        },
    };
    let inputs: Vec<Input> = if args.paths.is_empty() {
        vec![Input::Stdin]
    } else {
        args.paths.into_iter().map(Input::from_path).collect()
    };
    let total = inputs
        .iter()
        .map(Input::size)
        .try_fold(0u64, |sum, size| size.map(|size| sum + size));
    let mut printer = Printer {
        out: BufWriter::with_capacity(READ_BUFFER, io::stdout()),
        options,
        progress: Progress::new(total),
    };
    let mut tally = Tally::default();
    let mut done = 0u64;
    for input in &inputs {
        done += check_input(input, &mut printer, &mut tally, done)?;
    }
    printer.progress.finish();
    printer.summary(&tally)?;
    Ok(if tally.errors > 0 {
        Status::Error
    } else if tally.invalid > 0 {
        Status::Invalid
    } else {
        Status::Success
    })
}

/// Checks one input; returns how many of its bytes were read.
fn check_input(
    input: &Input,
    printer: &mut Printer,
    tally: &mut Tally,
    done_before: u64,
) -> Result<u64, Failure> {
    let name = input.name();
    printer.progress.set_input(&name);
    let reader = match input.open() {
        Ok(reader) => reader,
        Err(message) => {
            printer.out.flush()?;
            print_error(&message);
            tally.errors += 1;
            return Ok(0);
        }
    };
    let mut documents = Documents::new(reader, printer.options.limits.max_bytes);
    let mut count = 0u64;
    let mut failed = false;
    loop {
        let item = match documents.next_item() {
            Ok(Some(item)) => item,
            Ok(None) => break,
            Err(error) => {
                printer.out.flush()?;
                print_error(&format!(
                    "cannot read `{name}` after {} documents: {}",
                    count,
                    describe_io_error(&error)
                ));
                tally.errors += 1;
                failed = true;
                break;
            }
        };
        count += 1;
        let line = item.line();
        let judgement = match item {
            Item::Document { bytes, .. } => judge(&bytes, &printer.options),
            Item::Oversize { size, .. } => Judgement::Oversize { size },
        };
        if judgement.is_valid() {
            tally.valid += 1;
        } else {
            tally.invalid += 1;
        }
        printer.verdict(&name, line, &judgement)?;
        printer
            .progress
            .set_position(done_before + documents.consumed());
    }
    if count == 0 && !failed {
        printer.out.flush()?;
        print_note("warning", &format!("`{name}` holds no document"));
    }
    Ok(documents.consumed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("65536"), Ok(65536));
        assert_eq!(parse_size("64KiB"), Ok(64 << 10));
        assert_eq!(parse_size("64 MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("MiB").is_err());
    }
}
