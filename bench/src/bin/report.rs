//! Refreshes the figures of `BENCHMARKS.md` from criterion's results on disk.
//!
//! `cargo run -p telemetry-spec-bench --bin report` after `cargo bench -p telemetry-spec-bench`
//! (and `cargo run --release -p telemetry-spec-bench --bin stream_memory` for the memory
//! table) rewrites the section between the report's markers in `BENCHMARKS.md`; `--print`
//! prints the section instead.

use std::process::ExitCode;

use telemetry_spec_bench::names;
use telemetry_spec_bench::report::{Machine, Results, SECTION, render};

fn main() -> ExitCode {
    telemetry_spec_bench::exit_code("report", run())
}

fn run() -> Result<(), String> {
    let print = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--print") => true,
        Some(other) => return Err(format!("unknown argument `{other}` (only `--print`)")),
    };
    let folder = names::criterion_dir();
    let results = Results::load(&folder).map_err(|error| {
        format!(
            "{}: {error}; run `cargo bench -p telemetry-spec-bench` first",
            folder.display()
        )
    })?;
    let memory = std::fs::read(names::memory_results())
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let section = render(&results, memory.as_ref(), &Machine::detect());
    if print {
        print!("{section}");
        return Ok(());
    }
    let path = names::workspace_root().join("BENCHMARKS.md");
    let document =
        std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    let updated = SECTION
        .replace(&document, &section)
        .map_err(|error| format!("{}: {error}", path.display()))?;
    std::fs::write(&path, updated).map_err(|error| format!("{}: {error}", path.display()))?;
    eprintln!("{} refreshed from {}", path.display(), folder.display());
    Ok(())
}
