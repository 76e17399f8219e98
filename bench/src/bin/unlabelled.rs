//! What a collector pays for documents that arrive without their kind: the library's
//! `api::judge` and `api::parse_any` against `validate_slice` with the kind known, on 20,000
//! random valid documents, and the path a collector had before (`Value`, `api::detect`, then
//! validate).
//!
//! ```sh
//! cargo run --release -p telemetry-spec-bench --bin unlabelled              # medians, every mode
//! cargo build --release -p telemetry-spec-bench --bin unlabelled            # one mode, counted:
//! valgrind --tool=callgrind --toggle-collect='*unlabelled*pass*' \
//!     --callgrind-out-file=/tmp/unlabelled.callgrind target/release/unlabelled judge
//! ```
//!
//! Two streams: the benchmark's (the 13 kinds not derived from another, round-robin, as
//! `stream_pass` judges them) and one of every kind of the registry (the Hasura rows and wire
//! messages too, which detection must tell from their payloads). Without an argument, every
//! mode passes over each stream [`PASSES`] times, the modes taking turns so that a change in the
//! machine's load falls on all of them, and the median pass of each is printed with its ratio
//! to `known`. With a mode's name (and optionally `all` for the stream of every kind), one pass
//! of that mode, for callgrind (`Collected` is that pass; building the stream and a warm-up over
//! its first 1,000 documents, where what a mode builds once is built, are not counted).
//! Every mode checks its answers: each document is valid and, where detected, of its kind; the
//! program fails otherwise.

use std::hint::black_box;
use std::ops::Range;
use std::process::ExitCode;
use std::time::Instant;

use schema_types::api::{self, Detection, Judgement};
use schema_types::{PAYLOADS, PayloadKind};
use telemetry_spec_bench::inputs::Stream;

/// How many documents each stream holds.
const DOCUMENTS: usize = 20_000;

/// How many documents of a stream are judged before the pass that is counted or timed.
const WARM_UP: usize = 1_000;

/// How many timed passes each mode makes over each stream.
const PASSES: usize = 11;

/// One way of judging a document known to be a valid one of `kind`: whether it found it so.
type Mode = fn(kind: &'static PayloadKind, bytes: &[u8]) -> bool;

/// The ways of judging a document that are compared, each by name.
const MODES: [(&str, Mode); 7] = [
    ("known", known),
    ("known+typed", known_typed),
    ("detect_slice", detect_slice),
    ("judge", judge),
    ("parse_any", parse_any),
    ("value+detect+validate", value_detect_validate),
    (
        "value+detect+validate_slice+typed",
        value_detect_validate_slice_typed,
    ),
];

/// `kind.validate_slice`: the kind known in advance.
fn known(kind: &'static PayloadKind, bytes: &[u8]) -> bool {
    kind.validate_slice(bytes).is_valid()
}

/// `kind.validate_slice`, then the typed parse: `api::validate_and_parse` by kind.
fn known_typed(kind: &'static PayloadKind, bytes: &[u8]) -> bool {
    kind.validate_slice(bytes).is_valid() && black_box(kind.parse(bytes)).is_ok()
}

/// Detection alone, from the bytes.
fn detect_slice(kind: &'static PayloadKind, bytes: &[u8]) -> bool {
    matches!(api::detect_slice(bytes), Some(Detection::Known(found)) if found == kind)
}

/// Detection and validation from the bytes.
fn judge(kind: &'static PayloadKind, bytes: &[u8]) -> bool {
    match api::judge(bytes) {
        Judgement::Checked {
            kind: found,
            report,
        } => found == kind && report.is_valid(),
        _ => false,
    }
}

/// Detection, validation and the typed parse, from the bytes.
fn parse_any(kind: &'static PayloadKind, bytes: &[u8]) -> bool {
    api::parse_any(bytes)
        .is_ok_and(|accepted| accepted.kind == kind && black_box(accepted).kind == kind)
}

/// Parse to `Value`, `api::detect`, then the kind's validator on the `Value`.
fn value_detect_validate(kind: &'static PayloadKind, bytes: &[u8]) -> bool {
    let Ok(document) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return false;
    };
    match api::detect(&document) {
        Detection::Known(found) => found == kind && found.validate(&document).is_valid(),
        _ => false,
    }
}

/// Parse to `Value`, `api::detect`, then `validate_slice` and the typed parse from the bytes.
fn value_detect_validate_slice_typed(kind: &'static PayloadKind, bytes: &[u8]) -> bool {
    let Ok(document) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return false;
    };
    match api::detect(&document) {
        Detection::Known(found) => {
            found == kind
                && found.validate_slice(bytes).is_valid()
                && black_box(found.parse(bytes)).is_ok()
        }
        _ => false,
    }
}

/// Documents on one buffer, each with its kind.
struct Documents {
    name: &'static str,
    bytes: Vec<u8>,
    lines: Vec<(&'static PayloadKind, Range<usize>)>,
}

impl Documents {
    /// The benchmark's stream, cut to [`DOCUMENTS`].
    fn measured() -> Self {
        let stream = Stream::build(DOCUMENTS);
        let lines = stream
            .lines
            .iter()
            .map(|line| (line.kind.registry, line.start..line.end))
            .collect();
        Self {
            name: "13 kinds",
            bytes: stream.bytes,
            lines,
        }
    }

    /// Every kind of the registry round-robin, random valid documents (seed = line number).
    fn every_kind() -> Self {
        let mut bytes = Vec::new();
        let mut lines = Vec::with_capacity(DOCUMENTS);
        for line in 0..DOCUMENTS {
            let kind = &PAYLOADS[line % PAYLOADS.len()];
            let start = bytes.len();
            serde_json::to_writer(&mut bytes, &kind.random(line as u64))
                .expect("a `Value` always serialises");
            lines.push((kind, start..bytes.len()));
            bytes.push(b'\n');
        }
        Self {
            name: "every kind",
            bytes,
            lines,
        }
    }
}

/// One pass of `mode` over `documents`: how many documents it did not find valid as their
/// kind.
#[inline(never)]
fn pass(documents: &Documents, mode: Mode) -> usize {
    documents
        .lines
        .iter()
        .filter(|(kind, range)| !mode(kind, &documents.bytes[range.clone()]))
        .count()
}

/// [`pass`] over the first [`WARM_UP`] documents, outside what callgrind counts: what each
/// mode builds once (compiled patterns, detection's tables, what a kind's schema implies) is
/// built here.
#[inline(never)]
fn warm_up(documents: &Documents, mode: Mode) -> usize {
    documents.lines[..WARM_UP]
        .iter()
        .filter(|(kind, range)| !mode(kind, &documents.bytes[range.clone()]))
        .count()
}

fn main() -> ExitCode {
    telemetry_spec_bench::exit_code("unlabelled", run())
}

fn run() -> Result<(), String> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let Some(name) = arguments.first() else {
        return medians();
    };
    let &(name, mode) = MODES
        .iter()
        .find(|(mode, _)| mode == name)
        .ok_or_else(|| format!("no mode `{name}`; the modes: {}", mode_names()))?;
    let documents = match arguments.get(1).map(String::as_str) {
        None => Documents::measured(),
        Some("all") => Documents::every_kind(),
        Some(other) => {
            return Err(format!(
                "`{other}`: the second argument is `all` or nothing"
            ));
        }
    };
    check(&documents, name, warm_up(&documents, mode))?;
    check(&documents, name, pass(&documents, mode))?;
    println!(
        "{name}: {} documents ({}), {} bytes",
        documents.lines.len(),
        documents.name,
        documents.bytes.len()
    );
    Ok(())
}

fn mode_names() -> String {
    MODES.map(|(name, _)| name).join(", ")
}

fn check(documents: &Documents, mode: &str, failures: usize) -> Result<(), String> {
    if failures == 0 {
        Ok(())
    } else {
        Err(format!(
            "{mode}: {failures} of {} documents ({}) not valid as their kind",
            documents.lines.len(),
            documents.name
        ))
    }
}

/// Every mode over both streams, [`PASSES`] times, turn by turn; the median of each printed.
fn medians() -> Result<(), String> {
    for documents in [Documents::measured(), Documents::every_kind()] {
        println!(
            "{} documents, {} ({} bytes): median of {PASSES} passes",
            documents.lines.len(),
            documents.name,
            documents.bytes.len()
        );
        let mut times = vec![Vec::with_capacity(PASSES); MODES.len()];
        // One untimed pass each: what each mode builds once.
        for (name, mode) in MODES {
            check(&documents, name, pass(&documents, mode))?;
        }
        for _ in 0..PASSES {
            for (index, (_, mode)) in MODES.into_iter().enumerate() {
                let start = Instant::now();
                black_box(pass(&documents, mode));
                times[index].push(start.elapsed().as_secs_f64());
            }
        }
        let median = |times: &mut Vec<f64>| {
            times.sort_by(f64::total_cmp);
            times[times.len() / 2]
        };
        let known = median(&mut times[0]);
        for (index, (name, _)) in MODES.into_iter().enumerate() {
            let time = median(&mut times[index]);
            println!(
                "  {name:<36} {:>8.1} ms  {:>6.2} µs/document  {:>5.2}x known",
                time * 1e3,
                time * 1e6 / documents.lines.len() as f64,
                time / known
            );
        }
    }
    Ok(())
}
