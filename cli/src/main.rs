#![doc = include_str!("../README.md")]

mod diagnostics;
mod exit;
mod input;
mod list;
mod optout;
mod output;
mod privacy;
mod progress;
mod sample;
mod schema;
mod validate;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::exit::Status;
use crate::output::Format;

/// Validate Hasura and Appsmith telemetry payloads against their published JSON Schemas.
#[derive(Debug, Parser)]
#[command(
    name = "telemetry-spec",
    version,
    about = "Validate Hasura and Appsmith telemetry payloads against their published JSON Schemas",
    long_about = "Validate Hasura and Appsmith telemetry payloads against their published JSON \
Schemas.\n\nEvery payload that the telemetry pages of Hasura GraphQL Engine and Appsmith document \
has a payload kind (an id such as `hasura/server-telemetry`), a Rust type, a published JSON \
Schema (draft 2020-12) and a validator generated from the type. This tool checks documents with \
those validators, lists the kinds, and prints their schemas and sample documents.",
    after_help = "Examples:\n  \
telemetry-spec list\n  \
telemetry-spec validate captured.ndjson\n  \
telemetry-spec validate --kind appsmith/usage-pulse --format json pulse.json\n  \
curl -s https://collector.example/dump | telemetry-spec validate -\n  \
telemetry-spec schema hasura/server-telemetry > server-telemetry.schema.json\n  \
telemetry-spec sample appsmith/keep-alive-ping --seed 1 --count 100 > pings.ndjson\n\n\
Exit status: 0 every document valid, 1 some document invalid, 2 a usage error or an input that \
could not be read."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check documents (one JSON document or NDJSON per input) and print a verdict for each
    #[command(long_about = VALIDATE_HELP, after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// List every payload kind with its product, schema version and schema file
    List(list::ListArgs),
    /// Print the published JSON Schema of a payload kind
    #[command(long_about = schema::HELP)]
    Schema(schema::SchemaArgs),
    /// Print a sample document of a payload kind
    #[command(long_about = sample::HELP)]
    Sample(sample::SampleArgs),
    /// Tell which payloads of a product are still sent under given telemetry settings
    #[command(long_about = optout::HELP)]
    Optout(optout::OptoutArgs),
    /// Print what in each payload can identify a person or a machine
    #[command(long_about = privacy::HELP)]
    Privacy(privacy::PrivacyArgs),
}

const VALIDATE_HELP: &str = "Check documents against the schemas of their payload kinds and \
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

const VALIDATE_EXAMPLES: &str = "Examples:
  telemetry-spec validate ping.json
  telemetry-spec validate --kind hasura/ee-usage-metrics metrics/*.json
  zcat events.ndjson.gz | telemetry-spec validate --format json --mask - > verdicts.ndjson";

/// The options of `validate`.
#[derive(Debug, Args)]
struct ValidateArgs {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::List(args) => list::run(args).map(|()| Status::Success),
        Command::Schema(args) => schema::run(args).map(|()| Status::Success),
        Command::Sample(args) => sample::run(args).map(|()| Status::Success),
        Command::Optout(args) => optout::run(args).map(|()| Status::Success),
        Command::Privacy(args) => privacy::run(args).map(|()| Status::Success),
    };
    exit::code(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

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
