//! One pass of the generated validators over the benchmark's 100,000-document stream, for an
//! instruction count that does not depend on what else the machine is doing:
//!
//! ```sh
//! cargo build --release -p telemetry-spec-bench --bin stream_pass
//! valgrind --tool=callgrind --toggle-collect='*stream_pass*judge*' \
//!     --callgrind-out-file=/tmp/stream.callgrind target/release/stream_pass
//! ```
//!
//! `stream_pass documented` judges the documented shapes of the stream alone
//! ([`Stream::documented`]). Only `judge` is counted (the stream is built before, uncounted); callgrind prints the total
//! as `Collected`. The program prints how many violations it found (0: every line is valid).

use std::process::ExitCode;

use telemetry_spec_bench::inputs::{STREAM_DOCUMENTS, Stream};
use telemetry_spec_bench::payloads;

fn main() -> ExitCode {
    let stream = Stream::build(STREAM_DOCUMENTS);
    // `stream_pass documented`: the documented shapes of the stream alone.
    let stream = match std::env::args().nth(1).as_deref() {
        Some("documented") => stream.documented(),
        _ => stream,
    };
    let violations = judge(&stream);
    println!(
        "{} documents, {} bytes, {violations} violations",
        stream.lines.len(),
        stream.bytes.len()
    );
    telemetry_spec_bench::exit_code(
        "stream_pass",
        if violations == 0 {
            Ok(())
        } else {
            Err(format!(
                "{violations} violations in a stream of valid documents"
            ))
        },
    )
}

/// Judges every line of the stream as its kind; returns the violations found.
#[inline(never)]
fn judge(stream: &Stream) -> usize {
    stream
        .documents()
        .map(|(kind, bytes)| payloads::generated(kind, bytes))
        .sum()
}
