//! `sample ID`: a document of one payload kind, for trying the validator or seeding tests: the
//! page's documented example, the fixture's defaults, or random valid documents from a seed.
//!
//! Every document comes from the library (the fixture builders and the seeded random fixtures),
//! so a sample is valid by construction; the two documented examples the pages print with
//! invalid values are printed as the pages print them, with a note naming the errata.

use std::io::{self, Write};

use clap::Args;
use schema_types::api;
use serde_json::Value;

use crate::diagnostics::print_note;
use crate::exit::Failure;
use crate::output::write_pretty;

/// The long help of `sample`.
pub const HELP: &str = "Print a sample document of a payload kind, as two-space JSON.

By default the page's documented example, rebuilt with the fixture builders, as the page prints \
it: two documented examples (appsmith/usage-pulse, appsmith/backend-call-event) hold values that \
break their schema, recorded as errata of the page, and a note on standard error names them. A \
kind the pages print no example of (hasura/cli-config) gets its fixture's defaults. `--seed N` \
prints a random valid document instead (the same seed always gives the same document); with \
`--count K`, K of them from seeds N, N+1, ..., one per line (NDJSON).";

/// The options of `sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// The payload kind (see `telemetry-spec list`)
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print a random valid document drawn from this seed
    #[arg(long, value_name = "N", conflicts_with = "fixture")]
    pub seed: Option<u64>,
    /// With `--seed`: print this many documents, from consecutive seeds, one per line
    #[arg(long, value_name = "K", requires = "seed")]
    pub count: Option<u64>,
    /// Print the fixture's defaults (the builder's valid document) instead of the example
    #[arg(long)]
    pub fixture: bool,
    /// Print the document on one line
    #[arg(long)]
    pub compact: bool,
}

/// `sample ID`: the documented example, the fixture's defaults or random valid documents.
pub fn run(args: SampleArgs) -> Result<(), Failure> {
    let kind = api::kind(&args.id)?;
    let mut out = io::stdout().lock();
    if let Some(seed) = args.seed {
        let count = args.count.unwrap_or(1);
        for offset in 0..count {
            let document = kind.random(seed.wrapping_add(offset));
            write_document(&mut out, &document, count > 1 || args.compact)?;
        }
        out.flush()?;
        return Ok(());
    }
    let document = match kind.documented_example().filter(|_| !args.fixture) {
        Some(example) => {
            let report = kind.validate(&example);
            if !report.is_valid() {
                let pointers: Vec<String> = report
                    .violations()
                    .iter()
                    .map(|violation| format!("`{}`", violation.pointer))
                    .collect();
                print_note(
                    "note",
                    &format!(
                        "the documented example of {} breaks its schema at {} (errata of the \
                         page); `--seed N` prints a valid document",
                        kind.id,
                        pointers.join(", ")
                    ),
                );
            }
            example
        }
        None => {
            if !args.fixture {
                print_note(
                    "note",
                    &format!(
                        "the pages print no example of {}; this is its fixture's defaults",
                        kind.id
                    ),
                );
            }
            kind.fixture()
        }
    };
    write_document(&mut out, &document, args.compact)?;
    out.flush()?;
    Ok(())
}

/// Writes one document: on one line when `compact` (as NDJSON), else as two-space JSON.
fn write_document(out: &mut impl Write, document: &Value, compact: bool) -> io::Result<()> {
    if compact {
        serde_json::to_writer(&mut *out, document)?;
        out.write_all(b"\n")
    } else {
        write_pretty(out, document)
    }
}
