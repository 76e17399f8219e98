//! The library's own loop over a stream file, single-threaded, as a whole process: the figure
//! the CLI's `validate --jobs 1` is compared with in the CLI section of `BENCHMARKS.md`.
//!
//! ```sh
//! stream_library FILE            # each line judged as its known kind: `validate_slice`
//! stream_library FILE --detect   # each line's kind detected, then validated: `api::judge`
//! stream_library FILE --kind ID  # every line judged as kind ID: `validate_slice`
//! stream_library FILE --kind ID --era NAME  # every line judged as one era of kind ID alone
//! ```
//!
//! The file is read whole, then split at line feeds; line `i` (blank lines not counted) is of
//! kind `i % 100,000 % 16` unless `--kind` says, as `stream_file` writes it. Prints how many
//! documents were valid.

use std::process::ExitCode;

use schema_types::api;
use telemetry_spec_bench::inputs::{STREAM_DOCUMENTS, stream_kind};
use telemetry_spec_bench::payloads::Measured;

fn main() -> ExitCode {
    telemetry_spec_bench::exit_code("stream_library", run())
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: stream_library FILE [--detect | --kind ID [--era NAME]]";
    let path = args.next().ok_or(usage)?;
    let (detect, only) = match (args.next().as_deref(), args.next()) {
        (None, _) => (false, None),
        (Some("--detect"), None) => (true, None),
        (Some("--kind"), Some(id)) => (false, Some(Measured::by_id(&id))),
        _ => return Err(usage.to_owned()),
    };
    let era = match (args.next().as_deref(), args.next(), only) {
        (None, _, _) => None,
        (Some("--era"), Some(name), Some(kind)) => Some(
            *kind
                .registry
                .eras
                .iter()
                .find(|era| era.name() == name)
                .ok_or(format!("{}: no era `{name}`", kind.registry.id))?,
        ),
        _ => return Err(usage.to_owned()),
    };
    let bytes = std::fs::read(&path).map_err(|error| format!("{path}: {error}"))?;
    let kinds = Measured::all();
    let (mut documents, mut valid) = (0usize, 0usize);
    for line in bytes.split(|&byte| byte == b'\n') {
        if line.is_empty() {
            continue;
        }
        let is_valid = if detect {
            api::judge(line).is_valid()
        } else if let Some(era) = &era {
            era.validate_slice(line).is_valid()
        } else {
            let kind = only.unwrap_or_else(|| stream_kind(&kinds, documents % STREAM_DOCUMENTS));
            kind.registry.validate_slice(line).is_valid()
        };
        documents += 1;
        valid += usize::from(is_valid);
    }
    println!("{valid} valid, {} invalid", documents - valid);
    Ok(())
}
