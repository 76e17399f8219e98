#![doc = include_str!("../README.md")]
//!
//! ## Code layout
//!
//! This file holds the command line only: the [`Cli`] parser, the [`Command`] enum and dispatch.
//! Each command is the module named after it, with its clap arguments, its long help and its
//! `run`: [`validate`], [`list`], [`schema`], [`sample`], [`optout`], [`privacy`], [`query`]. What they
//! share is in [`exit`] (exit status and failures), [`diagnostics`] (the tool's messages on
//! standard error) and [`output`] (`--format`, two-space JSON, wire names).

mod diagnostics;
mod exit;
mod list;
mod optout;
mod output;
mod privacy;
mod query;
mod sample;
mod schema;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::exit::Status;

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
    #[command(long_about = validate::HELP, after_help = validate::EXAMPLES)]
    Validate(validate::ValidateArgs),
    /// List every payload kind with its product, layer, schema version and schema file
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
    /// Receive telemetry over HTTP, validate it and keep every document
    #[command(long_about = serve::options::HELP)]
    Serve(serve::ServeArgs),
    /// Ask a running receiver what it holds: summary, documents, wait, coverage, reset
    #[command(long_about = query::HELP, after_help = query::EXAMPLES)]
    Query(query::QueryArgs),
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
        Command::Serve(args) => match serve::run(args) {
            Ok(serve::Ending::Clean) => Ok(Status::Success),
            Ok(serve::Ending::Failed(why)) => {
                diagnostics::print_note("failed", &why);
                Ok(Status::Invalid)
            }
            Err(error) => Err(exit::Failure::new(error.to_string())),
        },
        Command::Query(args) => query::run(args),
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
}
