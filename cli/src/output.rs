//! What the commands' standard output has in common: the `--format` choice, two-space JSON with
//! a trailing newline, and the wire name of an enum value in text output.
//!
//! Every command that prints JSON prints it the way the repository's files are written, so
//! `telemetry-spec schema ID` gives the bytes of the published schema file; text output names a
//! value as its JSON form does, so the two formats use one vocabulary.

use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people.
    Human,
    /// JSON for machines.
    Json,
}

/// Two-space JSON with a trailing newline, as every file of the repository is written.
pub fn write_pretty(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// The JSON string `value` serialises to (a unit variant's wire name, such as `random-id`), as
/// the JSON form prints it; empty when it serialises to anything else.
pub fn wire_name(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}
