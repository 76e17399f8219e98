//! `validate`: reads each input as documents, judges each document and prints its verdict, then
//! the summary; on every core, with the output of one.
//!
//! Splitting an input into documents and judging them are the library's:
//! [`schema_types::documents`] (one JSON document or NDJSON, in bounded memory) and
//! [`schema_types::api::judge_with`] or the kind's generated validator, from the bytes. This
//! module and its children add where a document stands (its input and line, and violations'
//! text positions made relative to the input rather than the document), how verdicts are
//! printed, and how the work is shared between threads:
//!
//! - [`input`]: a file or standard input, opened, refused when it cannot hold JSON text;
//! - [`batches`]: the inputs read into batches (an input's first document, then raw blocks of
//!   whole lines), messages at their place;
//! - [`pool`]: batches judged on `--jobs` threads, handed back in input order, a bounded
//!   number in flight;
//! - [`judgement`]: the verdict on one document, from its bytes;
//! - [`printer`]: a batch split into documents, judged and rendered: verdicts as text or
//!   NDJSON, routed documents, counts;
//! - [`routing`]: the lines of `--valid-out` and `--invalid-out`;
//! - [`stats`]: the figures of `--stats`;
//! - [`sink`]: what a batch gave, written in order (standard output and error, routed files);
//! - [`progress`]: the progress bar of long runs.
//!
//! This file holds the command itself: its arguments and help, and the run: batches read on the
//! calling thread, judged and rendered by the pool, written by the calling thread in order.

mod batches;
mod input;
mod judgement;
mod pool;
mod printer;
mod progress;
mod routing;
mod sink;
mod stats;

use std::io::{self, BufWriter};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Args;
use schema_types::api;
use schema_types::validate::Limits;

use crate::exit::{Failure, Status};
use crate::output::{Format, printable};

use self::batches::Batches;
use self::input::{Input, READ_BUFFER};
use self::printer::Printer;
use self::progress::Progress;
use self::sink::{RouteFile, Sink};
use self::stats::Stats;

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
run takes more than a moment; nothing is drawn when it is redirected. `--quiet` prints no verdict \
for valid documents, `--summary-only` no verdict at all. `--stats` ends the output (before the \
summary, which stays the last line) with the documents of each kind and the most frequent \
violations, grouped by kind, rule and pointer, each with its count and the first document where \
it was found.

Routing: `--valid-out FILE` writes every valid document to FILE unchanged, byte for byte, each \
followed by a line feed; `--invalid-out FILE` writes one JSON line per invalid document: its \
verdict as `--format json` prints it, plus the document in `document` (when it is JSON on one \
line), `document_text` (other UTF-8 text) or `document_base64` (bytes that are not UTF-8), or \
`\"document\": null` for a document over the size limit, which is not kept. Together the two \
files hold every document of the inputs once.

Jobs: documents are judged on `--jobs` threads (by default one per core) in batches, and \
printed in input order: the output is the same, byte for byte, whatever the number of jobs, and \
memory stays bounded (a few blocks of 256 KiB of input each are in flight). \
`--jobs 1` judges every document on the calling thread.

Exit status: 0 every document valid, 1 some document invalid, 2 a usage error or an input that \
could not be read.";

/// The examples closing the help of `validate`.
pub const EXAMPLES: &str = "Examples:
  telemetry-spec validate ping.json
  telemetry-spec validate --kind hasura/ee-usage-metrics metrics/*.json
  zcat events.ndjson.gz | telemetry-spec validate --format json --mask - > verdicts.ndjson
  telemetry-spec validate --quiet --stats --valid-out good.ndjson --invalid-out bad.ndjson dump.ndjson";

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
    /// Judge documents on N threads; by default one per core, and `--jobs 1` judges them on the
    /// calling thread. The output is the same whatever N
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Print no verdict for valid documents: the invalid ones and the summary only
    #[arg(long, short = 'q', conflicts_with = "summary_only")]
    quiet: bool,
    /// Print no verdict at all: the summary only (and the stats, with `--stats`)
    #[arg(long)]
    summary_only: bool,
    /// Before the summary, print the documents of each kind and the most frequent violations,
    /// grouped by kind, rule and pointer, with their counts and first lines
    #[arg(long)]
    stats: bool,
    /// The size of the blocks inputs are read in and handed to the jobs (tests set it small, so
    /// that lines straddle blocks)
    #[arg(long, hide = true, value_name = "SIZE", default_value_t = batches::BLOCK_SIZE, value_parser = parse_size)]
    block_size: usize,
    /// Write every valid document to FILE, unchanged, one per line
    #[arg(long, value_name = "FILE")]
    valid_out: Option<PathBuf>,
    /// Write every invalid document to FILE as one JSON line: its verdict as `--format json`
    /// prints it, and the document itself (`document`, `document_text` or `document_base64`)
    #[arg(long, value_name = "FILE")]
    invalid_out: Option<PathBuf>,
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

/// Which verdicts are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    /// Every verdict.
    All,
    /// Invalid documents' verdicts only (`--quiet`).
    Invalid,
    /// None: the summary only (`--summary-only`).
    Summary,
}

/// What judging and printing a document needs besides the document.
struct Options {
    kind: Option<api::Selection>,
    format: Format,
    mask: bool,
    limits: Limits,
    shown: Shown,
    stats: bool,
    /// Whether valid documents are routed (`--valid-out`).
    valid_out: bool,
    /// Whether invalid documents are routed (`--invalid-out`).
    invalid_out: bool,
}

/// Counts of the run.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    valid: u64,
    invalid: u64,
    /// Inputs that could not be read (whole or in part).
    errors: u64,
}

impl Tally {
    fn add(&mut self, other: &Self) {
        self.valid += other.valid;
        self.invalid += other.invalid;
        self.errors += other.errors;
    }
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
        shown: if args.summary_only {
            Shown::Summary
        } else if args.quiet {
            Shown::Invalid
        } else {
            Shown::All
        },
        stats: args.stats,
        valid_out: args.valid_out.is_some(),
        invalid_out: args.invalid_out.is_some(),
    };
    let jobs = args
        .jobs
        .and_then(|jobs| NonZeroUsize::new(jobs.into()))
        .or_else(|| std::thread::available_parallelism().ok())
        .unwrap_or(NonZeroUsize::MIN);
    if let (Some(valid), Some(invalid)) = (&args.valid_out, &args.invalid_out) {
        if valid == invalid {
            return Err(Failure::new(format!(
                "`--valid-out` and `--invalid-out` name the same file, `{}`",
                valid.display()
            )));
        }
    }
    let paths = &args.paths;
    let route = |path: &Option<PathBuf>| {
        path.as_deref()
            .map(|path| RouteFile::create(path, paths))
            .transpose()
    };
    let valid_out = route(&args.valid_out)?;
    let invalid_out = route(&args.invalid_out)?;
    let inputs: Vec<Input> = if args.paths.is_empty() {
        vec![Input::Stdin]
    } else {
        args.paths.iter().cloned().map(Input::from_path).collect()
    };
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let shown_names: Vec<String> = names
        .iter()
        .map(|name| printable(name).into_owned())
        .collect();
    let total = inputs
        .iter()
        .map(Input::size)
        .try_fold(0u64, |sum, size| size.map(|size| sum + size));
    let printer = Printer {
        options: &options,
        names: &names,
        shown_names: &shown_names,
    };
    let mut sink = Sink {
        out: BufWriter::with_capacity(READ_BUFFER, io::stdout()),
        progress: Progress::new(total),
        valid_out,
        invalid_out,
        tally: Tally::default(),
        stats: options.stats.then(Stats::default),
        options: &options,
        names: &names,
    };
    pool::run_ordered(
        jobs,
        Batches::new(&inputs, options.limits.max_bytes, args.block_size),
        |batch| printer.batch(batch),
        |rendered| sink.take(rendered),
    )?;
    let tally = sink.finish()?;
    Ok(if tally.errors > 0 {
        Status::Error
    } else if tally.invalid > 0 {
        Status::Invalid
    } else {
        Status::Success
    })
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
