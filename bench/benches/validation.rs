//! The criterion benchmark: the generated validator from bytes against `jsonschema`
//! (its runtime validator and its build-time macro, parse included) and against parsing alone,
//! on the documented examples, on a 100,000-document NDJSON stream, and on invalid documents.
//! `cargo bench -p telemetry-spec-bench`; `cargo run -p telemetry-spec-bench --bin report` turns
//! the results into the table of BENCHMARKS.md.
//!
//! Only public API is called, so the benchmark measures whatever implementation sits behind it.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use telemetry_spec_bench::inputs::{self, Input, InvalidSets, STREAM_DOCUMENTS, Stream};
use telemetry_spec_bench::names::{self, Mode, Set};
use telemetry_spec_bench::payloads::{self, Measured, Runtime};

fn main() {
    let runtime = Runtime::compile();
    let mut manifest = Manifest::default();
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1_000))
        .sample_size(40)
        .without_plots()
        .configure_from_args();
    let examples = inputs::examples(&runtime);
    let payloads = inputs::invalid_sets(&runtime);
    let stream = Stream::build(STREAM_DOCUMENTS);
    let documented = stream.documented();
    for input in &examples {
        manifest.add(names::EXAMPLES, &input.name, std::slice::from_ref(input));
    }
    for sets in &payloads {
        for set in Set::ALL {
            let input = names::set_input(&sets.kind.file_name(), set);
            manifest.add(names::INVALID, &input, sets.set(set));
        }
    }
    manifest.add_stream(names::STREAM_INPUT, &stream);
    manifest.add_stream(names::STREAM_DOCUMENTED_INPUT, &documented);
    manifest.write();
    bench_examples(&mut criterion, &runtime, &examples);
    bench_invalid(&mut criterion, &runtime, &payloads);
    bench_stream(
        &mut criterion,
        &runtime,
        &[
            (names::STREAM_INPUT, &stream),
            (names::STREAM_DOCUMENTED_INPUT, &documented),
        ],
    );
    criterion.final_summary();
}

/// The size of every input, for the report ([`names::inputs_manifest`]).
#[derive(Default)]
struct Manifest {
    groups: serde_json::Map<String, serde_json::Value>,
}

impl Manifest {
    fn add(&mut self, group: &str, input: &str, documents: &[Input]) {
        let bytes = documents.iter().map(|document| document.bytes.len()).sum();
        let values = documents
            .iter()
            .map(|document| inputs::count_values(&document.bytes))
            .sum();
        self.add_sizes(group, input, documents.len(), bytes, values);
    }

    fn add_stream(&mut self, input: &str, stream: &Stream) {
        let values = stream
            .documents()
            .map(|(_, bytes)| inputs::count_values(bytes))
            .sum();
        let (documents, bytes) = (stream.lines.len(), stream.bytes.len());
        self.add_sizes(names::STREAM, input, documents, bytes, values);
    }

    fn add_sizes(
        &mut self,
        group: &str,
        input: &str,
        documents: usize,
        bytes: usize,
        values: usize,
    ) {
        let entry = self
            .groups
            .entry(group)
            .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
        entry[input] =
            serde_json::json!({ "documents": documents, "bytes": bytes, "values": values });
    }

    fn write(self) {
        let path = names::inputs_manifest();
        let text = format!("{:#}\n", serde_json::Value::Object(self.groups));
        if let Err(error) = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text))
        {
            eprintln!("warning: {}: {error}", path.display());
        }
    }
}

/// Runs one mode over `documents` (each judged as its own kind); returns a count so nothing is
/// optimised away.
fn run<'a>(
    mode: Mode,
    runtime: &Runtime,
    documents: impl Iterator<Item = (Measured, &'a [u8])>,
) -> usize {
    let mut count = 0;
    for (kind, bytes) in documents {
        let bytes = black_box(bytes);
        count += match mode {
            Mode::Generated => payloads::generated(kind, bytes),
            Mode::JsonschemaIsValid => usize::from(runtime.parse_is_valid(kind, bytes)),
            Mode::JsonschemaIterErrors => runtime.parse_errors(kind, bytes),
            Mode::MacroIsValid => usize::from(payloads::macro_parse_is_valid(kind, bytes)),
            Mode::MacroIterErrors => payloads::macro_parse_errors(kind, bytes),
            Mode::Typed => usize::from(kind.parse_typed(bytes).is_ok()),
            Mode::Value => usize::from(payloads::parse_value(bytes)),
            Mode::GeneratedDocumentedEra => payloads::generated_documented_era(kind, bytes),
        };
    }
    count
}

fn each(inputs: &[Input]) -> impl Iterator<Item = (Measured, &[u8])> {
    inputs
        .iter()
        .map(|input| (input.kind, input.bytes.as_slice()))
}

/// Per document: every mode on each documented example (and each repaired variant); the modes
/// that collect every error only where there is an error to collect.
fn bench_examples(criterion: &mut Criterion, runtime: &Runtime, examples: &[Input]) {
    let mut group = criterion.benchmark_group(names::EXAMPLES);
    for input in examples {
        group.throughput(Throughput::Bytes(input.bytes.len() as u64));
        for mode in Mode::ALL {
            let collects = matches!(mode, Mode::JsonschemaIterErrors | Mode::MacroIterErrors);
            if collects && input.valid {
                continue;
            }
            let one = std::slice::from_ref(input);
            group.bench_with_input(BenchmarkId::new(mode.name(), &input.name), one, |b, one| {
                b.iter(|| run(mode, runtime, each(one)))
            });
        }
    }
    group.finish();
}

/// Per payload: the valid base document, the `tests/invalid/` cases, the mutants and the
/// every-value-of-another-type document, each set as one benchmark (criterion's throughput is
/// the set's size; the report divides by it). Only the modes that report every violation; for a
/// kind with a documented era, its generated validator against that era alone too.
fn bench_invalid(criterion: &mut Criterion, runtime: &Runtime, payloads: &[InvalidSets]) {
    let mut group = criterion.benchmark_group(names::INVALID);
    for sets in payloads {
        for set in Set::ALL {
            let documents = sets.set(set);
            group.throughput(Throughput::Elements(documents.len() as u64));
            for mode in Mode::INVALID {
                if mode == Mode::GeneratedDocumentedEra
                    && payloads::documented_era(sets.kind).is_none()
                {
                    continue;
                }
                group.bench_with_input(
                    BenchmarkId::new(mode.name(), names::set_input(&sets.kind.file_name(), set)),
                    documents,
                    |b, documents| b.iter(|| run(mode, runtime, each(documents))),
                );
            }
        }
    }
    group.finish();
}

/// Per stream (every kind and era; the documented shapes alone): every validating mode and the
/// two parses over its documents, each judged as its known kind. Long iterations: flat sampling,
/// ten samples.
fn bench_stream(criterion: &mut Criterion, runtime: &Runtime, streams: &[(&str, &Stream)]) {
    let mut group = criterion.benchmark_group(names::STREAM);
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for (input, stream) in streams {
        group.throughput(Throughput::Elements(stream.lines.len() as u64));
        for mode in Mode::STREAM {
            group.bench_with_input(BenchmarkId::new(mode.name(), input), stream, |b, stream| {
                b.iter(|| run(mode, runtime, stream.documents()))
            });
        }
    }
    group.finish();
}
