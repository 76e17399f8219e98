//! `validate`: reads each input as documents, judges each document and prints its verdict, then
//! the summary.
//!
//! Splitting an input into documents and judging them are the library's:
//! [`schema_types::documents`] (one JSON document or NDJSON, in bounded memory),
//! [`schema_types::api::detect`] and the kind's generated validator. This module and its
//! children add where a document stands (its input and line, and violations' text positions
//! made relative to the input rather than the document) and how verdicts are printed:
//!
//! - [`input`]: a file or standard input, opened, refused when it cannot hold JSON text;
//! - [`judgement`]: the verdict on one document, from its bytes;
//! - [`printer`]: verdicts and the summary, as text or NDJSON;
//! - [`progress`]: the progress bar of long runs.
//!
//! This file holds the command itself: its arguments and help, and the loop over inputs and
//! documents.

mod input;
mod judgement;
mod printer;
mod progress;

use std::io::{self, BufWriter, Write};

use clap::Args;
use schema_types::api;
use schema_types::documents::{Documents, Item};
use schema_types::validate::Limits;

use crate::diagnostics::{describe_io_error, print_error, print_note};
use crate::exit::{Failure, Status};
use crate::output::Format;

use self::input::{Input, READ_BUFFER};
use self::judgement::{Judgement, judge};
use self::printer::Printer;
use self::progress::Progress;

/// The long help of `validate`.
pub const HELP: &str = "Check documents against the schemas of their payload kinds and \
print a verdict for each, with every violation and its JSON Pointer, then a summary \
(`N valid, M invalid`).

Inputs: each PATH is a file; `-`, or no PATH at all, is standard input. An input is one JSON \
document when all of it is one JSON value (pretty-printed or not); otherwise it is NDJSON, one \
document per non-blank line. A file whose first line starts a value that continues on later \
lines is read as one document, up to the size limit (`--max-bytes`). Inputs are read in bounded \
memory, so streams of any size can be checked. A UTF-8 byte order mark at the start of an input \
is ignored, with a warning.

Kinds: with `--kind`, every document is checked as that kind. Without it, the kind of each \
document is detected from the members and event names that identify each kind; a document that \
matches no kind, or more than one, is invalid, and its verdict names the candidates. A kind whose \
emitters have sent several shapes (eras) accepts each; `--kind ID@ERA` accepts that era only \
(`ID@documented`: the shape the vendor's page prints), and a verdict names the era a document \
matched, or for an invalid one the era it is closest to (`KIND@ERA`).

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
    /// Check every document as this payload kind (`ID@ERA`: one era of it) instead of detecting
    /// its kind
    #[arg(long, value_name = "ID[@ERA]")]
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

/// What `validate` needs besides the inputs.
struct Options {
    kind: Option<api::Selection>,
    format: Format,
    mask: bool,
    limits: Limits,
}

/// Counts of the run.
#[derive(Default)]
struct Tally {
    valid: u64,
    invalid: u64,
    /// Inputs that could not be read (whole or in part).
    errors: u64,
}

/// `validate`.
pub fn run(args: ValidateArgs) -> Result<Status, Failure> {
    let kind = args.kind.as_deref().map(api::select).transpose()?;
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
    while let Some(item) = documents.next() {
        let item = match item {
            Ok(item) => item,
            Err(error) => {
                printer.out.flush()?;
                print_error(&format!(
                    "cannot read `{name}` after {} documents: {}",
                    count,
                    describe_io_error(error.io_error())
                ));
                tally.errors += 1;
                failed = true;
                break;
            }
        };
        if count == 0 && documents.byte_order_mark() {
            printer.out.flush()?;
            print_note(
                "warning",
                &format!(
                    "`{name}` starts with a UTF-8 byte order mark, which JSON text must not have \
                     (RFC 8259, section 8.1); it is ignored here, but a strict receiver refuses it"
                ),
            );
        }
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
