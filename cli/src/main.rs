#![doc = include_str!("../README.md")]

mod diagnostics;
mod exit;
mod input;
mod kinds;
mod output;
mod progress;
mod spec;
mod validate;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    List {
        /// `human`: an aligned table; `json`: a JSON array with one object per kind
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the published JSON Schema of a payload kind
    #[command(
        long_about = "Print the published JSON Schema (draft 2020-12) of a payload kind: the same \
bytes as `schemas/<vendor>/<payload>/<version>.schema.json` in the repository."
    )]
    Schema {
        /// The payload kind (see `telemetry-spec list`)
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Print a sample document of a payload kind
    #[command(long_about = SAMPLE_HELP)]
    Sample(SampleArgs),
    /// Tell which payloads of a product are still sent under given telemetry settings
    #[command(long_about = OPTOUT_HELP)]
    Optout(OptoutArgs),
    /// Print what in each payload can identify a person or a machine
    #[command(
        long_about = "Print the privacy inventory: for each payload (or the one named), every member \
that can point at a person, a machine or an organisation, with its class (random-id, \
hashed-identifier, network-address, contact, ...) and what it can identify. The classes are \
declared in the payload types and published in the schemas as `x-privacy`."
    )]
    Privacy {
        /// The payload kind; every kind when left out
        #[arg(value_name = "ID")]
        id: Option<String>,
        /// List every member, including those that identify nothing
        #[arg(long)]
        all: bool,
        /// `human`: one line per member; `json`: a stable JSON document for auditors
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

const OPTOUT_HELP: &str = "Tell which payloads of a product are still sent under the given \
telemetry settings, each with the sentence of the product's documentation that says so.

Hasura: `--env HASURA_GRAPHQL_ENABLE_TELEMETRY=false` (the server's environment, and the CLI's \
unless `--cli-env` is given), `--enable-telemetry false` (the server's flag; it overrides the \
variable), `--cli-env ...` (the environment of the machine running the CLI), \
`--cli-config-enable-telemetry false` (`enable_telemetry` in ~/.hasura/config.json). \
Appsmith: `--env APPSMITH_DISABLE_TELEMETRY=true`, `--share-usage-data false` (the Admin Settings \
toggle). Values are read as the pages document them: `true`/`false` in any letter case; any other \
value is reported as not read, and telemetry is assumed on.";

/// Arguments of `optout`.
#[derive(Debug, Args)]
pub(crate) struct OptoutArgs {
    /// The product whose settings these are
    #[arg(long, value_enum)]
    pub product: ProductArg,
    /// An environment variable, NAME=VALUE (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub env: Vec<String>,
    /// The Hasura server's `--enable-telemetry` flag value
    #[arg(long = "enable-telemetry", value_name = "VALUE")]
    pub enable_telemetry_flag: Option<String>,
    /// An environment variable of the machine running the Hasura CLI, NAME=VALUE (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub cli_env: Vec<String>,
    /// `enable_telemetry` in the Hasura CLI's ~/.hasura/config.json
    #[arg(long, value_name = "BOOL")]
    pub cli_config_enable_telemetry: Option<bool>,
    /// Appsmith's Admin Settings toggle "Share anonymous usage data"
    #[arg(long, value_name = "BOOL")]
    pub share_usage_data: Option<bool>,
    /// `human`: a verdict per payload; `json`: the verdicts as a JSON array
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// A product, on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ProductArg {
    /// Hasura GraphQL Engine
    Hasura,
    /// Appsmith
    Appsmith,
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

const SAMPLE_HELP: &str = "Print a sample document of a payload kind, as two-space JSON.

By default the page's documented example, rebuilt with the fixture builders, as the page prints \
it: two documented examples (appsmith/usage-pulse, appsmith/backend-call-event) hold values that \
break their schema, recorded as errata of the page, and a note on standard error names them. A \
kind the pages print no example of (hasura/cli-config) gets its fixture's defaults. `--seed N` \
prints a random valid document instead (the same seed always gives the same document); with \
`--count K`, K of them from seeds N, N+1, ..., one per line (NDJSON).";

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

/// The options of `sample`.
#[derive(Debug, Args)]
struct SampleArgs {
    /// The payload kind (see `telemetry-spec list`)
    #[arg(value_name = "ID")]
    id: String,
    /// Print a random valid document drawn from this seed
    #[arg(long, value_name = "N", conflicts_with = "fixture")]
    seed: Option<u64>,
    /// With `--seed`: print this many documents, from consecutive seeds, one per line
    #[arg(long, value_name = "K", requires = "seed")]
    count: Option<u64>,
    /// Print the fixture's defaults (the builder's valid document) instead of the example
    #[arg(long)]
    fixture: bool,
    /// Print the document on one line
    #[arg(long)]
    compact: bool,
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
        Command::List { format } => kinds::list(format).map(|()| Status::Success),
        Command::Schema { id } => kinds::schema(&id).map(|()| Status::Success),
        Command::Sample(args) => kinds::sample(args).map(|()| Status::Success),
        Command::Optout(args) => spec::optout(args).map(|()| Status::Success),
        Command::Privacy { id, all, format } => {
            spec::privacy(id.as_deref(), all, format).map(|()| Status::Success)
        }
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
