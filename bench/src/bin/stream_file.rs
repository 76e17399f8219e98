//! Writes the benchmark's NDJSON stream to a file, for the benchmarks of whole processes (the
//! CLI, the library's loop in `stream_library`, the Node.js + ajv loop in `bench/node/`):
//!
//! ```sh
//! stream_file OUT                       # the 100,000 random valid documents (78 MB)
//! stream_file OUT --invalid-every 3     # every third document made invalid
//! stream_file OUT --at-least 1GiB       # the stream repeated until the file holds 1 GiB
//! stream_file OUT --kind ID             # 100,000 random valid documents of one kind
//! stream_file OUT --kind ID --era NAME  # those of them that are of one era of the kind
//! stream_file --kinds                   # the kinds of lines 0, 1, 2... round-robin, by id
//! stream_file --eras                    # per kind, each era and how many lines are of it
//! ```
//!
//! Line `i` of the stream is a random valid document of kind `i % 16` (the 16 kinds not derived
//! from another, in registry order: `--kinds` prints them), as in the criterion benchmark: nine
//! Hasura kinds and seven Appsmith kinds, each as its own type declares its documents (the
//! Segment events as Segment stores them), never a derived `-call`, `-row` or `-wire` layer. The random documents of a kind with eras are of
//! every era (`--eras` counts them; a test of `inputs` checks that each era has lines), so a
//! figure on the stream covers every era of every kind. A
//! document made invalid is a seeded mutant of it (a value of another type, a member removed,
//! an undeclared member, a value edited; see `inputs::mutate`) that the `jsonschema` runtime
//! rejects on the published schema, so its kind stays the line's. A repeated stream repeats the
//! lines as they are: line `i` is line `i % 100,000` of the first pass. With `--kind`, line `i`
//! is the random document of that kind with seed `i`, for the runs that give the kind
//! (`validate --kind`, `stream_library --kind`); with `--era` as well, only the lines of that era
//! are kept, in order (the cost of one era's documents; with `--invalid-every 1`, of invalid
//! documents held against every era).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use telemetry_spec_bench::inputs::{STREAM_DOCUMENTS, Stream, era_coverage, mutate};
use telemetry_spec_bench::payloads::{Measured, Runtime};

fn main() -> ExitCode {
    telemetry_spec_bench::exit_code("stream_file", run())
}

const USAGE: &str = "usage: stream_file OUT [--kind ID [--era NAME]] [--invalid-every N] [--at-least BYTES] | stream_file --kinds | stream_file --eras";

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut invalid_every = None;
    let mut at_least = 0u64;
    let mut kind = None;
    let mut era = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value; {USAGE}"));
        match arg.as_str() {
            "--kinds" => {
                let ids: Vec<&str> = Measured::all()
                    .iter()
                    .map(|kind| kind.registry.id)
                    .collect();
                println!("{}", ids.join(" "));
                return Ok(());
            }
            "--eras" => {
                let stream = Stream::build(STREAM_DOCUMENTS);
                for (kind, eras) in era_coverage(&stream) {
                    let eras: Vec<String> = eras
                        .iter()
                        .map(|(era, count)| match *era {
                            "" => format!("{count}"),
                            era => format!("{era}: {count}"),
                        })
                        .collect();
                    println!("{} {}", kind.registry.id, eras.join(", "));
                }
                return Ok(());
            }
            "--invalid-every" => {
                let every: usize = value("--invalid-every")?
                    .parse()
                    .map_err(|_| format!("--invalid-every takes a number; {USAGE}"))?;
                invalid_every = Some(every.max(1));
            }
            "--at-least" => at_least = bytes(&value("--at-least")?)?,
            "--kind" => kind = Some(Measured::by_id(&value("--kind")?)),
            "--era" => era = Some(value("--era")?),
            path if !path.starts_with('-') && out.is_none() => out = Some(path.to_owned()),
            other => return Err(format!("unexpected `{other}`; {USAGE}")),
        }
    }
    let out = out.ok_or(USAGE)?;
    let stream = match (kind, era) {
        (None, None) => Stream::build(STREAM_DOCUMENTS),
        (Some(kind), None) => Stream::of_kind(kind, STREAM_DOCUMENTS),
        (Some(kind), Some(era)) => Stream::of_kind(kind, STREAM_DOCUMENTS).of_era(&era),
        (None, Some(_)) => return Err(format!("--era needs --kind; {USAGE}")),
    };
    let lines = match invalid_every {
        None => stream.bytes,
        Some(every) => with_invalid(&stream, every),
    };
    let file = File::create(&out).map_err(|error| format!("{out}: {error}"))?;
    let mut file = BufWriter::new(file);
    let mut written = 0u64;
    loop {
        file.write_all(&lines)
            .map_err(|error| format!("{out}: {error}"))?;
        written += lines.len() as u64;
        if written >= at_least {
            break;
        }
    }
    file.flush().map_err(|error| format!("{out}: {error}"))?;
    eprintln!("{out}: {written} bytes");
    Ok(())
}

/// The stream with line `i` replaced by an invalid mutant of it when `i % every == every - 1`.
fn with_invalid(stream: &Stream, every: usize) -> Vec<u8> {
    let runtime = Runtime::compile();
    let mut bytes = Vec::with_capacity(stream.bytes.len());
    for (index, (kind, line)) in stream.documents().enumerate() {
        if index % every == every - 1 {
            let document: serde_json::Value =
                serde_json::from_slice(line).expect("the stream's lines are JSON");
            let mutant = (index as u64..)
                .map(|seed| mutate(&document, seed))
                .find(|mutant| !runtime.accepts(kind, mutant))
                .expect("an invalid mutant");
            serde_json::to_writer(&mut bytes, &mutant).expect("a `Value` always serialises");
        } else {
            bytes.extend_from_slice(line);
        }
        bytes.push(b'\n');
    }
    bytes
}

/// A size: a number with an optional `KiB`, `MiB` or `GiB`.
fn bytes(text: &str) -> Result<u64, String> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let factor = match unit {
        "" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        _ => return Err(format!("`{text}` is not a size (65536, 64KiB, 1GiB)")),
    };
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (65536, 64KiB, 1GiB)"))?;
    Ok(number * factor)
}
