//! `schema ID`: the published JSON Schema of one payload kind, byte for byte as `cargo xtask gen`
//! writes it under `schemas/`.
//!
//! The schema is rendered by the library ([`schema_types::registry::PayloadKind::schema`]) and
//! written with [`crate::output::write_pretty`], the same rendering the generator uses, so the
//! two cannot differ.

use std::io::{self, Write};

use clap::Args;
use schema_types::api;

use crate::exit::Failure;
use crate::output::write_pretty;

/// The long help of `schema`.
pub const HELP: &str = "Print the published JSON Schema (draft 2020-12) of a payload kind: the \
same bytes as `schemas/<vendor>/<payload>/<version>.schema.json` in the repository.";

/// The options of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The payload kind (see `telemetry-spec list`)
    #[arg(value_name = "ID")]
    pub id: String,
}

/// `schema ID`: the published schema, byte for byte as `cargo xtask gen` writes it.
pub fn run(args: SchemaArgs) -> Result<(), Failure> {
    let kind = api::kind(&args.id)?;
    let mut out = io::stdout().lock();
    write_pretty(&mut out, &kind.schema())?;
    out.flush()?;
    Ok(())
}
