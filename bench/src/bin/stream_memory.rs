//! Peak heap while judging the 100,000-document NDJSON stream line by line, per mode.
//!
//! `cargo run --release -p telemetry-spec-bench --bin stream_memory`. The stream of the
//! benchmark is written to a temporary file, then read back once per mode the way the CLI reads
//! NDJSON: a `BufReader` and one line buffer reused for every line (`read_until`), each line
//! judged as its known kind and dropped before the next. A counting global allocator
//! (`peak_alloc`) gives the heap in use. Each mode first judges the first 1,000 lines, so that
//! what it allocates once and keeps (lazily compiled regular expressions) is reported apart as
//! its one-time heap; the figure printed is then the peak during a full pass above what was
//! allocated when the pass started (the compiled `jsonschema` validators, built once before,
//! are reported apart too). The figures are also written to
//! `target/criterion/stream_memory.json` for the report.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::ExitCode;

use peak_alloc::PeakAlloc;
use serde_json::json;
use telemetry_spec_bench::inputs::{STREAM_DOCUMENTS, Stream, stream_kind};
use telemetry_spec_bench::names::{self, Mode};
use telemetry_spec_bench::payloads::{self, Measured, Runtime};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// The lines judged before each measured pass, so that one-time lazy initialisation (compiled
/// regular expressions, ...) is reported apart from the per-document working set.
const WARM_UP_LINES: usize = 1_000;

/// The modes measured: the generated validator, `jsonschema` (runtime and macro, parse
/// included) and the typed parse.
const MODES: [Mode; 4] = [
    Mode::Generated,
    Mode::JsonschemaIsValid,
    Mode::MacroIsValid,
    Mode::Typed,
];

fn main() -> ExitCode {
    telemetry_spec_bench::exit_code("stream_memory", run())
}

fn run() -> Result<(), String> {
    let path = std::env::temp_dir().join(format!(
        "telemetry-spec-bench-stream-{}.ndjson",
        std::process::id()
    ));
    let stream_bytes = {
        let stream = Stream::build(STREAM_DOCUMENTS);
        std::fs::write(&path, &stream.bytes)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        stream.bytes.len()
    };
    let result = measure(&path, stream_bytes);
    let _ = std::fs::remove_file(&path);
    let figures = result?;
    println!("{}", serde_json::to_string_pretty(&figures).expect("JSON"));
    let out = names::memory_results();
    if let Some(folder) = out.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("{}: {error}", folder.display()))?;
    }
    std::fs::write(&out, format!("{figures:#}\n"))
        .map_err(|error| format!("{}: {error}", out.display()))?;
    eprintln!("written to {}", out.display());
    Ok(())
}

fn measure(path: &Path, stream_bytes: usize) -> Result<serde_json::Value, String> {
    let kinds = Measured::all();
    let before = HEAP.current_usage();
    let runtime = Runtime::compile();
    let runtime_bytes = HEAP.current_usage().saturating_sub(before);
    let mut modes = Vec::new();
    let fail = |error: std::io::Error| format!("{}: {error}", path.display());
    for mode in MODES {
        let before_warm_up = HEAP.current_usage();
        judge(path, mode, &kinds, &runtime, WARM_UP_LINES).map_err(fail)?;
        let one_time = HEAP.current_usage().saturating_sub(before_warm_up);
        HEAP.reset_peak_usage();
        let start = HEAP.current_usage();
        let (documents, valid) = judge(path, mode, &kinds, &runtime, usize::MAX).map_err(fail)?;
        let peak = HEAP.peak_usage().saturating_sub(start);
        eprintln!(
            "{:<20} peak heap {peak:>9} bytes above start (one-time {one_time:>7} bytes); \
             {valid} of {documents} documents valid",
            mode.name(),
        );
        modes.push(json!({
            "mode": mode.name(),
            "peak_heap_bytes": peak,
            "one_time_bytes": one_time,
            "documents": documents,
            "valid": valid,
        }));
    }
    Ok(json!({
        "documents": STREAM_DOCUMENTS,
        "stream_bytes": stream_bytes,
        "reader": "BufReader (8 KiB) + one reused line buffer (read_until), as the CLI reads NDJSON",
        "jsonschema_runtime_validators_bytes": runtime_bytes,
        "modes": modes,
    }))
}

/// Reads the first `limit` documents of the stream file line by line and judges each as its
/// kind; returns how many documents there were and how many were valid.
fn judge(
    path: &Path,
    mode: Mode,
    kinds: &[Measured],
    runtime: &Runtime,
    limit: usize,
) -> std::io::Result<(usize, usize)> {
    let mut reader = BufReader::new(File::open(path)?);
    let mut line = Vec::new();
    let (mut documents, mut valid) = (0, 0);
    while documents < limit {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let bytes = line.strip_suffix(b"\n").unwrap_or(&line);
        if bytes.is_empty() {
            continue;
        }
        let kind = stream_kind(kinds, documents);
        documents += 1;
        let is_valid = match mode {
            Mode::Generated => payloads::generated(kind, bytes) == 0,
            Mode::JsonschemaIsValid => runtime.parse_is_valid(kind, bytes),
            Mode::MacroIsValid => payloads::macro_parse_is_valid(kind, bytes),
            Mode::Typed => kind.parse_typed(bytes).is_ok(),
            other => unreachable!("{} is not measured here", other.name()),
        };
        valid += usize::from(is_valid);
    }
    Ok((documents, valid))
}
