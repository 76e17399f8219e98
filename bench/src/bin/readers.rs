//! The validators' own JSON reader (behind `validate_slice`) weighed against a SIMD parser with
//! a serde `Deserializer` (`sonic-rs`), on the benchmark's stream and the documented examples,
//! in one run:
//!
//! ```sh
//! cargo run --release -p telemetry-spec-bench --bin readers            # times and answers
//! cargo build --release -p telemetry-spec-bench --bin readers
//! valgrind --tool=callgrind --toggle-collect='*readers*pass*' \
//!     --callgrind-out-file=/tmp/readers.callgrind target/release/readers pass MODE [examples|N]
//! ```
//!
//! The modes, each judging a document of a known kind:
//!
//! - `ours`: `validate_slice` (UTF-8 checked once with `simdutf8`, the validators' reader, the
//!   generated validator checking as it reads; `serde_json` on bytes the reader gives up on);
//! - `sonic-stream`: the same generated validator (`Validate::stream_at`) driven by
//!   `sonic_rs::Deserializer` instead: the reader swapped, the checks the same;
//! - `sonic-value`: `sonic_rs::from_slice::<serde_json::Value>`, then `validate(&Value)`;
//! - `serde-value`: `serde_json::from_slice::<Value>`, then `validate(&Value)`;
//! - `sonic-typed`, `serde-typed`: `from_slice::<T>` into the payload type, nothing validated
//!   beyond serde's shape (formats, patterns, bounds and unknown members unchecked): a floor.
//!
//! Times are medians of passes that take the modes in turn, so that a load on the machine falls
//! on all of them alike. `pass MODE` makes one pass over the stream (`pass MODE N`: over a
//! stream of its first N documents; `pass MODE examples`: 1,000 over the examples) for
//! callgrind, which counts `pass` alone.
//!
//! Then the answers: what each reader makes of edge cases of numbers, strings, nesting and
//! syntax, beside `serde_json` (whose answers `validate_slice` gives), and where each reports a
//! syntax error.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use schema_types::validate::{Checker, Limits, Report, Validate, reader_edges};
use schema_types::{Payload, appsmith, hasura};
use serde_json::Value;
use telemetry_spec_bench::inputs::{STREAM_DOCUMENTS, Stream};
use telemetry_spec_bench::payloads::{self, Measured};

/// One kind's ways to judge a document: how many violations, `None` where the reader refuses
/// the bytes (where `validate_slice` would report a syntax error).
#[derive(Clone, Copy)]
struct Judges {
    sonic_stream: fn(&[u8]) -> Option<usize>,
    sonic_value: fn(&[u8]) -> Option<usize>,
    serde_value: fn(&[u8]) -> Option<usize>,
    sonic_typed: fn(&[u8]) -> bool,
    serde_typed: fn(&[u8]) -> bool,
}

fn sonic_stream<T: Validate>(bytes: &[u8]) -> Option<usize> {
    let mut checker = Checker::new(Limits::DEFAULT);
    let mut deserializer = sonic_rs::Deserializer::from_slice(bytes);
    T::stream_at(&mut deserializer, &mut checker).ok()?;
    deserializer.end().ok()?;
    Some(checker.finish().total())
}

fn sonic_value<T: Validate>(bytes: &[u8]) -> Option<usize> {
    let value: Value = sonic_rs::from_slice(bytes).ok()?;
    Some(T::validate(&value).total())
}

fn serde_value<T: Validate>(bytes: &[u8]) -> Option<usize> {
    let value: Value = serde_json::from_slice(bytes).ok()?;
    Some(T::validate(&value).total())
}

fn sonic_typed<T: Payload>(bytes: &[u8]) -> bool {
    sonic_rs::from_slice::<T>(bytes).is_ok()
}

fn serde_typed<T: Payload>(bytes: &[u8]) -> bool {
    serde_json::from_slice::<T>(bytes).is_ok()
}

/// The judges of the measured kinds, by payload id. The registry hands out functions, not types;
/// the types are named here, and the program stops if a measured kind has none.
macro_rules! judges {
    ($($ty:ty),* $(,)?) => {
        fn judges_of(id: &str) -> Option<Judges> {
            $(if id == <$ty as Payload>::ID {
                return Some(Judges {
                    sonic_stream: sonic_stream::<$ty>,
                    sonic_value: sonic_value::<$ty>,
                    serde_value: serde_value::<$ty>,
                    sonic_typed: sonic_typed::<$ty>,
                    serde_typed: serde_typed::<$ty>,
                });
            })*
            None
        }
    };
}

judges!(
    <hasura::ServerReport as hasura::Posted>::Documented,
    <hasura::ServerMetricsV2 as hasura::Posted>::Documented,
    <hasura::EeServerTelemetry as hasura::Posted>::Documented,
    <hasura::EeDataSourceTelemetry as hasura::Posted>::Documented,
    <hasura::EeUsageMetrics as hasura::Posted>::Documented,
    <hasura::ConsoleError as hasura::Posted>::Documented,
    <hasura::ConsoleEvent as hasura::Posted>::Documented,
    <hasura::CliExecutionEvent as hasura::Posted>::Documented,
    hasura::CliConfig,
    appsmith::KeepAlivePing,
    appsmith::ServerSetupPing,
    appsmith::UsagePulse,
    appsmith::NavigationEvent,
    appsmith::BackendCallEvent,
    appsmith::InstanceActivePing,
    appsmith::InstanceStatsPing,
);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Ours,
    SonicStream,
    SonicValue,
    SerdeValue,
    SonicTyped,
    SerdeTyped,
}

const MODES: [Mode; 6] = [
    Mode::Ours,
    Mode::SonicStream,
    Mode::SonicValue,
    Mode::SerdeValue,
    Mode::SonicTyped,
    Mode::SerdeTyped,
];

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Self::Ours => "ours",
            Self::SonicStream => "sonic-stream",
            Self::SonicValue => "sonic-value",
            Self::SerdeValue => "serde-value",
            Self::SonicTyped => "sonic-typed",
            Self::SerdeTyped => "serde-typed",
        }
    }

    /// Judges one document: its violations, `usize::MAX` where the reader refuses it; for the
    /// typed modes 0 or 1.
    fn judge(self, kind: &Kind, bytes: &[u8]) -> usize {
        let judges = &kind.judges;
        match self {
            Self::Ours => payloads::generated(kind.measured, bytes),
            Self::SonicStream => (judges.sonic_stream)(bytes).unwrap_or(usize::MAX),
            Self::SonicValue => (judges.sonic_value)(bytes).unwrap_or(usize::MAX),
            Self::SerdeValue => (judges.serde_value)(bytes).unwrap_or(usize::MAX),
            Self::SonicTyped => usize::from(!(judges.sonic_typed)(bytes)),
            Self::SerdeTyped => usize::from(!(judges.serde_typed)(bytes)),
        }
    }
}

struct Kind {
    measured: Measured,
    judges: Judges,
}

/// A document with its kind.
type Document<'a> = (&'a Kind, &'a [u8]);

/// One pass of `mode` over `documents`, `repeat` times: the violations found (summed, wrapping).
#[inline(never)]
fn pass(mode: Mode, documents: &[Document<'_>], repeat: usize) -> usize {
    let mut found = 0usize;
    for _ in 0..repeat {
        for (kind, bytes) in documents {
            found = found.wrapping_add(mode.judge(kind, black_box(bytes)));
        }
    }
    found
}

fn main() -> ExitCode {
    telemetry_spec_bench::exit_code("readers", run())
}

fn run() -> Result<(), String> {
    let kinds: Vec<Kind> = Measured::all()
        .into_iter()
        .map(|measured| {
            let judges = judges_of(measured.registry.id)
                .ok_or_else(|| format!("no type named for `{}`", measured.registry.id))?;
            Ok(Kind { measured, judges })
        })
        .collect::<Result<_, String>>()?;
    let kind_of = |measured: Measured| {
        kinds
            .iter()
            .find(|kind| kind.measured.position == measured.position)
            .expect("every measured kind has judges")
    };
    let examples: Vec<(&Kind, Vec<u8>)> = kinds
        .iter()
        .filter_map(|kind| {
            let example = kind.measured.registry.documented_example()?;
            Some((
                kind,
                serde_json::to_vec(&example).expect("a value serialises"),
            ))
        })
        .collect();
    let example_documents: Vec<Document<'_>> = examples
        .iter()
        .map(|(kind, bytes)| (*kind, bytes.as_slice()))
        .collect();

    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if let [first, name, rest @ ..] = arguments.as_slice() {
        if first != "pass" {
            return Err(format!("unknown command `{first}`"));
        }
        let mode = MODES
            .into_iter()
            .find(|mode| mode.name() == name)
            .ok_or_else(|| format!("no mode `{name}`"))?;
        let found = match rest {
            [input] if input == "examples" => pass(mode, &example_documents, 1_000),
            _ => {
                let count = match rest {
                    [count] => count
                        .parse()
                        .map_err(|_| format!("not a number of documents: `{count}`"))?,
                    _ => STREAM_DOCUMENTS,
                };
                let stream = Stream::build(count);
                let documents: Vec<Document<'_>> = stream
                    .documents()
                    .map(|(measured, bytes)| (kind_of(measured), bytes))
                    .collect();
                pass(mode, &documents, 1)
            }
        };
        println!("{}: {found}", mode.name());
        return Ok(());
    }

    let stream = Stream::build(STREAM_DOCUMENTS);
    let documents: Vec<Document<'_>> = stream
        .documents()
        .map(|(measured, bytes)| (kind_of(measured), bytes))
        .collect();

    agree(&documents, "the stream")?;
    agree(&example_documents, "the examples")?;

    println!("| input | {} |", MODES.map(Mode::name).join(" | "));
    println!("|---|{}", "---:|".repeat(MODES.len()));
    let stream_medians = medians(&documents, 1, 9);
    row(
        &format!("stream, {} documents (per document)", documents.len()),
        &stream_medians,
        documents.len(),
    );
    let mut all = Vec::new();
    for (kind, bytes) in &examples {
        const REPEAT: usize = 2_000;
        let example_medians = medians(&[(*kind, bytes.as_slice())], REPEAT, 9);
        row(
            &format!("`{}` ({} bytes)", kind.measured.file_name(), bytes.len()),
            &example_medians,
            REPEAT,
        );
        all.push(example_medians);
    }
    println!(
        "\nexamples, geometric mean of each mode ÷ ours: {}",
        MODES
            .iter()
            .enumerate()
            .map(|(index, mode)| {
                let logs: f64 = all.iter().map(|m| (m[index] / m[0]).ln()).sum();
                #[allow(clippy::cast_precision_loss)]
                let mean = (logs / all.len() as f64).exp();
                format!("{} {mean:.2}x", mode.name())
            })
            .collect::<Vec<_>>()
            .join(", ")
    );

    answers();
    Ok(())
}

/// Checks that every mode that validates finds what `validate_slice` finds, so that the times
/// compare the same work.
fn agree(documents: &[Document<'_>], what: &str) -> Result<(), String> {
    for (kind, bytes) in documents {
        let ours = Mode::Ours.judge(kind, bytes);
        for mode in [Mode::SonicStream, Mode::SonicValue, Mode::SerdeValue] {
            let theirs = mode.judge(kind, bytes);
            if theirs != ours {
                return Err(format!(
                    "{what}, {}: {} finds {theirs} violations, ours {ours}: {}",
                    kind.measured.registry.id,
                    mode.name(),
                    String::from_utf8_lossy(bytes)
                ));
            }
        }
        for mode in [Mode::SonicTyped, Mode::SerdeTyped] {
            if mode.judge(kind, bytes) != 0 {
                return Err(format!(
                    "{what}, {}: {} refuses a document",
                    kind.measured.registry.id,
                    mode.name()
                ));
            }
        }
    }
    Ok(())
}

/// The median time of each mode (in [`MODES`] order, seconds per pass) over `passes` passes,
/// each pass taking every mode in turn.
fn medians(documents: &[Document<'_>], repeat: usize, passes: usize) -> Vec<f64> {
    let mut times = vec![Vec::with_capacity(passes); MODES.len()];
    for _ in 0..passes {
        for (index, mode) in MODES.into_iter().enumerate() {
            let start = Instant::now();
            black_box(pass(mode, documents, repeat));
            times[index].push(start.elapsed().as_secs_f64());
        }
    }
    times
        .into_iter()
        .map(|mut times| {
            times.sort_by(f64::total_cmp);
            times[times.len() / 2]
        })
        .collect()
}

/// A table row: each mode's time per document, and its ratio to ours.
fn row(name: &str, medians: &[f64], documents: usize) {
    #[allow(clippy::cast_precision_loss)]
    let cells: Vec<String> = medians
        .iter()
        .map(|time| {
            let nanos = time / documents as f64 * 1e9;
            format!("{nanos:.0} ns ({:.2}x)", time / medians[0])
        })
        .collect();
    println!("| {name} | {} |", cells.join(" | "));
}

/// What `serde_json`, sonic-rs and the validators' reader make of the texts at the edges of
/// JSON that the reader's tests hold it to `serde_json` on ([`reader_edges`]), and of nesting
/// around the depth limit; then the report each path gives on a few invalid documents.
fn answers() {
    println!("\n| text | serde_json | sonic-rs | ours |");
    println!("|---|---|---|---|");
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let mut texts: Vec<String> = reader_edges::READ
        .iter()
        .chain(reader_edges::REFUSED)
        .map(|text| (*text).to_owned())
        .collect();
    for depth in [128, 129, 255, 256] {
        texts.push(nested(depth));
    }
    for text in &texts {
        let serde_json = match serde_json::from_str::<Value>(text) {
            Ok(value) => format!("`{}`", shown(&value.to_string())),
            Err(error) => format!("refused ({error})"),
        };
        let sonic = match sonic_rs::from_str::<Value>(text) {
            Ok(value) => format!("`{}`", shown(&value.to_string())),
            Err(error) => format!("refused ({error})"),
        };
        let ours = match schema_types::validate::read_value(text) {
            Some(value) => format!("`{}`", shown(&value.to_string())),
            None => "gives up: serde_json reports".to_owned(),
        };
        println!(
            "| `{}` | {} | {} | {} |",
            shown(text),
            cell(&serde_json),
            cell(&sonic),
            cell(&ours)
        );
    }

    // Through a validator: the report of `validate_slice`, and what the same validator gets
    // from sonic-rs's deserializer (violations, or its error).
    println!("\n| document (`hasura/console-error`) | validate_slice | sonic-rs deserializer |");
    println!("|---|---|---|");
    type T = <hasura::ConsoleError as hasura::Posted>::Documented;
    let deep = format!("{{\"x\":{}}}", nested(200));
    let documents = [
        "{\"id\": 1, \"id\": \"two\"}".to_owned(),
        "{\"a\": 1e400}".to_owned(),
        "{\"a\": 1,\n \"b\" 2}".to_owned(),
        "{\"a\": \"\\ud800\"}".to_owned(),
        deep,
    ];
    for document in &documents {
        let report: Report = T::validate_slice(document.as_bytes());
        let ours = format!(
            "{} violations, first {}",
            report.total(),
            report
                .violations()
                .first()
                .map_or_else(String::new, ToString::to_string)
        );
        let mut checker = Checker::new(Limits::DEFAULT);
        let mut deserializer = sonic_rs::Deserializer::from_str(document);
        let sonic =
            match T::stream_at(&mut deserializer, &mut checker).and_then(|_| deserializer.end()) {
                Ok(()) => format!("{} violations", checker.finish().total()),
                Err(error) => format!("refused ({error})"),
            };
        println!(
            "| `{}` | {} | {} |",
            shown(document),
            cell(&ours),
            cell(&sonic)
        );
    }
}

/// A text for a table cell: long nesting named by its depth, line breaks as `\n`.
fn shown(text: &str) -> String {
    if text.len() > 60 && text.starts_with("[[") {
        return format!("{} levels of [", text.len() / 2);
    }
    if text.len() > 60 {
        return format!(
            "{}… ({} bytes)",
            text.chars().take(40).collect::<String>(),
            text.len()
        );
    }
    text.replace('\n', "\\n")
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
