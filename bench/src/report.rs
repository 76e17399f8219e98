//! Criterion's results turned into the tables of `BENCHMARKS.md`: median figures per document
//! (examples, invalid sets) and per stream, and the ratios the speed targets are judged by,
//! all from the results on disk (one `cargo bench` run writes all of them).
//!
//! Criterion writes each result to `GROUP/MODE/INPUT/new/{benchmark,estimates}.json` under its
//! folder; `benchmark.json` names the benchmark (and the number of documents one iteration
//! judged), `estimates.json` holds the median time of one iteration in nanoseconds. The report
//! reads every pair it finds and looks results up by the names of [`crate::names`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::SystemTime;

use serde_json::Value;
use xtask::markers::Markers;

use crate::names::{self, Mode, Set};

/// The marker lines between which `BENCHMARKS.md` holds the generated section.
pub const SECTION: Markers = Markers {
    start: "<!-- bench-report:start (written by `cargo run -p telemetry-spec-bench --bin report`; do not edit) -->",
    end: "<!-- bench-report:end -->",
};

/// The speed targets: at least this many times faster than the fastest `jsonschema` mode.
pub const SPEED_UP_TARGET: f64 = 3.0;
/// See [`SPEED_UP_TARGET`].
pub const TYPED_TARGET: f64 = 1.3;
/// See [`SPEED_UP_TARGET`].
pub const INVALID_TARGET: f64 = 2.0;

/// One benchmark's result.
#[derive(Clone, Copy, Debug)]
pub struct Figure {
    /// Median time of one iteration, in nanoseconds.
    pub median_ns: f64,
    /// How many documents one iteration judged (criterion's `Elements` throughput), 1 otherwise.
    pub documents: u64,
    /// When criterion wrote it.
    pub written: Option<SystemTime>,
}

impl Figure {
    /// The median time per document.
    pub fn per_document(&self) -> f64 {
        self.median_ns / self.documents as f64
    }
}

/// Every result found, by (group, mode, input), and the size of each input.
#[derive(Debug, Default)]
pub struct Results {
    results: BTreeMap<(String, String, String), Figure>,
    sizes: BTreeMap<(String, String), Size>,
}

/// The size of an input, all its documents together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Bytes.
    pub bytes: u64,
    /// JSON values (every object, array, member value, item and scalar): what a validator
    /// visits.
    pub values: u64,
}

impl Results {
    /// Reads every `new/benchmark.json` with its `new/estimates.json` under `folder`.
    ///
    /// # Errors
    /// The sizes come from the benchmark's manifest ([`names::inputs_manifest`]) when it is
    /// there.
    ///
    /// # Errors
    ///
    /// When `folder` cannot be read.
    pub fn load(folder: &Path) -> std::io::Result<Self> {
        let mut results = Self::default();
        results.walk(folder)?;
        let manifest: Option<Value> = std::fs::read(names::inputs_manifest())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        for (group, inputs) in manifest.iter().flat_map(|m| m.as_object()).flatten() {
            for (input, size) in inputs.as_object().into_iter().flatten() {
                if let (Some(bytes), Some(values)) =
                    (size["bytes"].as_u64(), size["values"].as_u64())
                {
                    results.set_size(group, input, Size { bytes, values });
                }
            }
        }
        Ok(results)
    }

    fn walk(&mut self, folder: &Path) -> std::io::Result<()> {
        for entry in std::fs::read_dir(folder)? {
            let path = entry?.path();
            if !path.is_dir() {
                continue;
            }
            if path.file_name().is_some_and(|name| name == "new") {
                self.read(&path);
            } else {
                self.walk(&path)?;
            }
        }
        Ok(())
    }

    fn read(&mut self, new: &Path) {
        let read = |name: &str| -> Option<Value> {
            serde_json::from_slice(&std::fs::read(new.join(name)).ok()?).ok()
        };
        let (Some(benchmark), Some(estimates)) = (read("benchmark.json"), read("estimates.json"))
        else {
            return;
        };
        let text = |key: &str| benchmark[key].as_str().unwrap_or_default().to_owned();
        let Some(median_ns) = estimates["median"]["point_estimate"].as_f64() else {
            return;
        };
        let documents = benchmark["throughput"]["Elements"]
            .as_u64()
            .unwrap_or(1)
            .max(1);
        let written = std::fs::metadata(new.join("estimates.json"))
            .and_then(|metadata| metadata.modified())
            .ok();
        self.insert(
            &text("group_id"),
            &text("function_id"),
            &text("value_str"),
            Figure {
                median_ns,
                documents,
                written,
            },
        );
    }

    /// Records a result (the loader's way in, and the tests').
    pub fn insert(&mut self, group: &str, mode: &str, input: &str, result: Figure) {
        self.results.insert(
            (group.to_owned(), mode.to_owned(), input.to_owned()),
            result,
        );
    }

    /// Records the size of an input, all its documents together.
    pub fn set_size(&mut self, group: &str, input: &str, size: Size) {
        self.sizes
            .insert((group.to_owned(), input.to_owned()), size);
    }

    /// The size of an input, all its documents together, when known.
    pub fn size(&self, group: &str, input: &str) -> Option<Size> {
        self.sizes
            .get(&(group.to_owned(), input.to_owned()))
            .copied()
    }

    /// The median time per JSON value of one benchmark, when the input's size is known.
    pub fn per_value(&self, group: &str, mode: Mode, input: &str) -> Option<f64> {
        let values = self.size(group, input)?.values.max(1);
        Some(self.get(group, mode, input)?.median_ns / values as f64)
    }

    /// The result of one benchmark.
    pub fn get(&self, group: &str, mode: Mode, input: &str) -> Option<Figure> {
        self.results
            .get(&(group.to_owned(), mode.name().to_owned(), input.to_owned()))
            .copied()
    }

    /// The inputs of a group, in name order.
    fn inputs(&self, group: &str) -> Vec<String> {
        let mut inputs: Vec<String> = self
            .results
            .keys()
            .filter(|(g, _, _)| g == group)
            .map(|(_, _, input)| input.clone())
            .collect();
        inputs.dedup();
        inputs.sort();
        inputs.dedup();
        inputs
    }

    /// The earliest and latest time a result of these groups was written.
    fn span(&self) -> Option<(SystemTime, SystemTime)> {
        let times = self
            .results
            .iter()
            .filter(|((group, _, _), _)| {
                [names::EXAMPLES, names::STREAM, names::INVALID].contains(&group.as_str())
            })
            .filter_map(|(_, result)| result.written);
        let mut span: Option<(SystemTime, SystemTime)> = None;
        for time in times {
            span = Some(match span {
                None => (time, time),
                Some((first, last)) => (first.min(time), last.max(time)),
            });
        }
        span
    }
}

/// Where and on what the benchmark ran.
#[derive(Clone, Debug, Default)]
pub struct Machine {
    /// Logical CPUs.
    pub cpus: String,
    /// `/proc/cpuinfo`'s first `model name`.
    pub cpu_model: String,
    /// `rustc -V`.
    pub rustc: String,
    /// The commit of the workspace, and whether the validator's crates differ from it.
    pub source: String,
}

impl Machine {
    /// Reads the machine's facts (each one `unknown` when it cannot be read).
    pub fn detect() -> Self {
        let unknown = || String::from("unknown");
        let cpus = std::thread::available_parallelism()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| unknown());
        let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|line| line.starts_with("model name"))
                    .and_then(|line| line.split_once(':'))
                    .map(|(_, model)| model.trim().to_owned())
            })
            .unwrap_or_else(unknown);
        let rustc = command(&["rustc", "-V"]).unwrap_or_else(unknown);
        let source = match command(&["git", "rev-parse", "--short", "HEAD"]) {
            Some(commit) => {
                let changed = command(&[
                    "git",
                    "status",
                    "--porcelain",
                    "--",
                    "schema-types",
                    "schema-derive",
                ])
                .is_some_and(|status| !status.is_empty());
                if changed {
                    format!(
                        "commit {commit}, with uncommitted changes in schema-types/ or schema-derive/"
                    )
                } else {
                    format!("commit {commit} (schema-types/ and schema-derive/ as committed)")
                }
            }
            None => unknown(),
        };
        Self {
            cpus,
            cpu_model,
            rustc,
            source,
        }
    }
}

fn command(args: &[&str]) -> Option<String> {
    let program = match args[0] {
        "rustc" => std::env::var("RUSTC").unwrap_or_else(|_| String::from("rustc")),
        other => other.to_owned(),
    };
    let output = std::process::Command::new(program)
        .args(&args[1..])
        .current_dir(names::workspace_root())
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// A duration in nanoseconds, in the unit that suits it, three significant digits.
pub fn duration(ns: f64) -> String {
    let (value, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "µs")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    let digits = if value < 10.0 {
        2
    } else if value < 100.0 {
        1
    } else {
        0
    };
    format!("{value:.digits$} {unit}")
}

fn ratio(value: f64) -> String {
    format!("{value:.2}x")
}

/// A duration's cell of a table, `—` when it was not measured.
fn cell(value: Option<f64>) -> String {
    value.map_or_else(|| String::from("—"), duration)
}

/// A ratio's cell of a table, `—` when it was not measured.
fn ratio_cell(value: Option<f64>) -> String {
    value.map_or_else(|| String::from("—"), ratio)
}

/// A row of a table: its first cell, then `cells`.
fn row(first: &str, cells: impl IntoIterator<Item = String>) -> String {
    let mut row = format!("| {first} |");
    for cell in cells {
        let _ = write!(row, " {cell} |");
    }
    row
}

fn verdict(met: bool) -> &'static str {
    if met { "**met**" } else { "**not met**" }
}

/// The fastest `jsonschema` mode measured for an input, parse included: (mode, ns per document).
fn fastest_jsonschema(results: &Results, group: &str, input: &str) -> Option<(Mode, f64)> {
    Mode::JSONSCHEMA
        .iter()
        .filter_map(|&mode| Some((mode, results.get(group, mode, input)?.per_document())))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

fn geometric_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some((values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp())
}

/// A ratio over several rows: each row's value, then judged against a target.
#[derive(Default)]
struct Ratios {
    values: Vec<(String, f64)>,
}

impl Ratios {
    fn push(&mut self, row: &str, value: Option<f64>) {
        if let Some(value) = value {
            self.values.push((row.to_owned(), value));
        }
    }

    fn worst(&self, higher_is_better: bool) -> Option<&(String, f64)> {
        self.values.iter().min_by(|a, b| {
            if higher_is_better {
                a.1.total_cmp(&b.1)
            } else {
                b.1.total_cmp(&a.1)
            }
        })
    }

    fn geometric_mean(&self) -> Option<f64> {
        geometric_mean(&self.values.iter().map(|(_, v)| *v).collect::<Vec<_>>())
    }

    fn meeting(&self, target: f64, higher_is_better: bool) -> usize {
        self.values
            .iter()
            .filter(|(_, v)| {
                if higher_is_better {
                    *v >= target
                } else {
                    *v <= target
                }
            })
            .count()
    }

    /// One line of the targets table: worst row, geometric mean, how many rows meet it.
    fn summary(&self, target: f64, higher_is_better: bool) -> (String, bool) {
        let Some((row, worst)) = self.worst(higher_is_better) else {
            return (String::from("not measured"), false);
        };
        let met = self.meeting(target, higher_is_better);
        let text = format!(
            "worst {} (`{row}`), geometric mean {}; {met} of {} meet it",
            ratio(*worst),
            ratio(self.geometric_mean().unwrap_or(f64::NAN)),
            self.values.len()
        );
        (text, met == self.values.len())
    }
}

/// Writes one stream's table; returns the generated validator's speed-up over the fastest
/// `jsonschema` mode and its cost against the typed parse, per document.
fn stream_section(
    w: &mut String,
    results: &Results,
    input: &str,
    title: &str,
    about: &str,
) -> (Option<(Mode, f64)>, Option<f64>) {
    let _ = writeln!(w, "### {title}");
    let _ = writeln!(w);
    if let Some(size) = results.size(names::STREAM, input) {
        let _ = writeln!(w, "{} bytes of {about}.", size.bytes);
        let _ = writeln!(w);
    }
    let _ = writeln!(w, "| mode | per stream | per document | documents/s |");
    let _ = writeln!(w, "|---|---:|---:|---:|");
    for mode in Mode::STREAM {
        match results.get(names::STREAM, mode, input) {
            Some(result) => {
                let _ = writeln!(
                    w,
                    "| `{}` | {} | {} | {:.0} |",
                    mode.name(),
                    duration(result.median_ns),
                    duration(result.per_document()),
                    1e9 / result.per_document()
                );
            }
            None => {
                let _ = writeln!(w, "| `{}` | — | — | — |", mode.name());
            }
        }
    }
    let _ = writeln!(w);
    let generated = results.get(names::STREAM, Mode::Generated, input);
    let fastest = fastest_jsonschema(results, names::STREAM, input);
    let typed = results.get(names::STREAM, Mode::Typed, input);
    (
        generated
            .zip(fastest)
            .map(|(g, (mode, f))| (mode, f / g.per_document())),
        generated
            .zip(typed)
            .map(|(g, t)| g.per_document() / t.per_document()),
    )
}

/// Renders the generated section of `BENCHMARKS.md`, the lines between its [`SECTION`] markers.
pub fn render(results: &Results, memory: Option<&Value>, machine: &Machine) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "Machine: {} logical CPUs, {}; {}; {}.",
        machine.cpus, machine.cpu_model, machine.rustc, machine.source
    );
    if let Some((first, last)) = results.span() {
        let minutes = last.duration_since(first).unwrap_or_default().as_secs_f64() / 60.0;
        let _ = writeln!(
            w,
            "The results below were written by criterion within {minutes:.1} minutes of each other \
             (one `cargo bench` run takes about that long; a longer span means mixed runs)."
        );
    }
    let _ = writeln!(w);

    let (speed_up_stream, typed_stream) = stream_section(
        w,
        results,
        names::STREAM_INPUT,
        "100,000-document NDJSON stream (median per stream)",
        &format!(
            "random valid fixtures, the {} kinds round-robin and each kind's eras as its random \
             instances fall, each line judged as its known kind",
            crate::payloads::Measured::all().len()
        ),
    );
    let (speed_up_documented, typed_documented) = stream_section(
        w,
        results,
        names::STREAM_DOCUMENTED_INPUT,
        "The documented shapes of the stream (median per stream)",
        "the lines of the stream above whose shape a page documents (a kind of one shape, or \
         the documented era of a kind with eras), each judged as its known kind (every era \
         tried)",
    );

    let mut speed_up_examples = Ratios::default();
    let mut typed_examples = Ratios::default();
    {
        let _ = writeln!(w, "### Documented examples (median per document)");
        let _ = writeln!(w);
        let _ = writeln!(
            w,
            "`.repaired`: the example with its recorded value errata replaced by well-formed \
             identifiers, so it is valid. Speed-up: the fastest `jsonschema` mode (parse \
             included) ÷ generated."
        );
        let _ = writeln!(w);
        let _ = writeln!(
            w,
            "| document | bytes | generated | jsonschema is_valid | jsonschema iter_errors | macro is_valid | macro iter_errors | typed | Value | speed-up | generated ÷ typed |"
        );
        let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for input in results.inputs(names::EXAMPLES) {
            let get = |mode| {
                results
                    .get(names::EXAMPLES, mode, &input)
                    .map(|r| r.per_document())
            };
            let generated = get(Mode::Generated);
            let fastest = fastest_jsonschema(results, names::EXAMPLES, &input).map(|(_, f)| f);
            let speed_up = generated.zip(fastest).map(|(g, f)| f / g);
            let versus_typed = generated.zip(get(Mode::Typed)).map(|(g, t)| g / t);
            speed_up_examples.push(&input, speed_up);
            typed_examples.push(&input, versus_typed);
            let bytes = results
                .size(names::EXAMPLES, &input)
                .map_or_else(|| String::from("—"), |size| size.bytes.to_string());
            let cells = std::iter::once(bytes)
                .chain(Mode::ALL.map(|mode| cell(get(mode))))
                .chain([ratio_cell(speed_up), ratio_cell(versus_typed)]);
            let _ = writeln!(w, "{}", row(&format!("`{input}`"), cells));
        }
        let _ = writeln!(w);
    }

    let mut invalid_ratios: BTreeMap<(&str, &str), Ratios> = BTreeMap::new();
    {
        let _ = writeln!(
            w,
            "### Invalid documents (median per document, every violation found)"
        );
        let _ = writeln!(w);
        let _ = writeln!(
            w,
            "Per payload: the valid base document (the documented example, repaired; the fixture \
             for `hasura/cli-config`), the cases of `tests/invalid/` (one deliberate change each), \
             {} seeded mutants ({} changes each) and the base with every value of another JSON \
             type. Times are per document. The ratios compare the time per JSON value of each set \
             with the valid document's, same mode: the sets' documents hold different numbers of \
             values (the `usage-pulse` case with 101 pulses has 50 times as many as the base; a \
             removed member has fewer), and a validator's work follows the values it visits. \
             Every-value-of-another-type keeps the count, so its ratio is also its ratio per \
             document.",
            crate::inputs::MUTANTS,
            crate::inputs::CHANGES_PER_MUTANT
        );
        let _ = writeln!(w);
        for mode in Mode::INVALID {
            let payloads: Vec<String> = results
                .inputs(names::INVALID)
                .iter()
                .filter_map(|input| input.strip_suffix(".valid").map(str::to_owned))
                .filter(|payload| {
                    let valid = names::set_input(payload, Set::Valid);
                    results.get(names::INVALID, mode, &valid).is_some()
                })
                .collect();
            if payloads.is_empty() {
                continue;
            }
            if mode == Mode::GeneratedDocumentedEra {
                let _ = writeln!(
                    w,
                    "`{}` (the kinds with eras, each document held against the kind's documented \
                     era alone, as a user who asks for the documented shape has it judged):",
                    mode.name()
                );
            } else {
                let _ = writeln!(w, "`{}`:", mode.name());
            }
            let _ = writeln!(w);
            let _ = writeln!(
                w,
                "| payload | valid | corpus | mutated | wrong types | corpus ÷ valid, per value | mutated ÷ valid, per value | wrong types ÷ valid, per value |"
            );
            let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---:|---:|");
            for payload in &payloads {
                let get = |set| {
                    results
                        .get(names::INVALID, mode, &names::set_input(payload, set))
                        .map(|r| r.per_document())
                };
                let per_value =
                    |set| results.per_value(names::INVALID, mode, &names::set_input(payload, set));
                let over = |set| {
                    per_value(set)
                        .zip(per_value(Set::Valid))
                        .map(|(s, v)| s / v)
                };
                if matches!(mode, Mode::Generated | Mode::GeneratedDocumentedEra) {
                    for set in Set::INVALID {
                        invalid_ratios
                            .entry((mode.name(), set.name()))
                            .or_default()
                            .push(payload, over(set));
                    }
                }
                let cells = Set::ALL
                    .map(|set| cell(get(set)))
                    .into_iter()
                    .chain(Set::INVALID.map(|set| ratio_cell(over(set))));
                let _ = writeln!(w, "{}", row(&format!("`{payload}`"), cells));
            }
            let _ = writeln!(w);
        }
    }

    {
        let _ = writeln!(w, "### Peak heap on the stream");
        let _ = writeln!(w);
        match memory {
            Some(memory) => {
                let _ = writeln!(
                    w,
                    "`stream_memory`: {} documents ({} bytes) read line by line from a file, as the \
                     CLI reads NDJSON. Peak heap: the most in use during a full pass above what was \
                     in use when it started. One-time: what a mode allocated during a warm-up over \
                     the first 1,000 lines and kept (lazily compiled regular expressions). The {} \
                     compiled `jsonschema` runtime validators (one per published kind), built \
                     before, hold {} bytes.",
                    memory["documents"],
                    memory["stream_bytes"],
                    schema_types::PAYLOADS.len(),
                    memory["jsonschema_runtime_validators_bytes"]
                );
                let _ = writeln!(w);
                let _ = writeln!(
                    w,
                    "| mode | peak heap per pass | one-time | valid documents |"
                );
                let _ = writeln!(w, "|---|---:|---:|---:|");
                for mode in memory["modes"].as_array().into_iter().flatten() {
                    let _ = writeln!(
                        w,
                        "| `{}` | {} bytes | {} bytes | {} of {} |",
                        mode["mode"].as_str().unwrap_or_default(),
                        mode["peak_heap_bytes"],
                        mode["one_time_bytes"],
                        mode["valid"],
                        mode["documents"]
                    );
                }
            }
            None => {
                let _ = writeln!(
                    w,
                    "Not measured: run `cargo run --release -p telemetry-spec-bench --bin stream_memory` \
                     before the report."
                );
            }
        }
        let _ = writeln!(w);
    }

    {
        let _ = writeln!(w, "### Targets");
        let _ = writeln!(w);
        let _ = writeln!(w, "| target | measured | verdict |");
        let _ = writeln!(w, "|---|---|---|");
        let stream_line = |value: Option<f64>, target: f64, higher: bool, what: &str| match value {
            Some(v) => {
                let met = if higher { v >= target } else { v <= target };
                format!("{} {what} | {}", ratio(v), verdict(met))
            }
            None => String::from("not measured | —"),
        };
        let speed_up_line = |speed_up: Option<(Mode, f64)>| {
            let over = speed_up
                .map(|(mode, _)| format!("speed-up over `{}`, the fastest", mode.name()))
                .unwrap_or_default();
            stream_line(speed_up.map(|(_, v)| v), SPEED_UP_TARGET, true, &over)
        };
        let _ = writeln!(
            w,
            "| stream: generated ≥ {SPEED_UP_TARGET}x faster than the fastest `jsonschema` mode | {} |",
            speed_up_line(speed_up_stream)
        );
        let _ = writeln!(
            w,
            "| documented shapes of the stream: the same | {} |",
            speed_up_line(speed_up_documented)
        );
        let (text, met) = speed_up_examples.summary(SPEED_UP_TARGET, true);
        let _ = writeln!(
            w,
            "| examples: the same, per document | {text} | {} |",
            verdict(met)
        );
        let _ = writeln!(
            w,
            "| stream: generated ≤ {TYPED_TARGET}x the typed parse | {} |",
            stream_line(typed_stream, TYPED_TARGET, false, "the typed parse")
        );
        let _ = writeln!(
            w,
            "| documented shapes of the stream: the same | {} |",
            stream_line(typed_documented, TYPED_TARGET, false, "the typed parse")
        );
        let (text, met) = typed_examples.summary(TYPED_TARGET, false);
        let _ = writeln!(
            w,
            "| examples: the same, per document | {text} | {} |",
            verdict(met)
        );
        for set in Set::INVALID {
            let ratios = invalid_ratios
                .remove(&(Mode::Generated.name(), set.name()))
                .unwrap_or_default();
            let (text, met) = ratios.summary(INVALID_TARGET, false);
            let _ = writeln!(
                w,
                "| invalid ({}) ≤ {INVALID_TARGET}x the valid document (per value), generated | {text} | {} |",
                set.name(),
                verdict(met)
            );
        }
        for set in Set::INVALID {
            let Some(ratios) =
                invalid_ratios.remove(&(Mode::GeneratedDocumentedEra.name(), set.name()))
            else {
                continue;
            };
            let (text, met) = ratios.summary(INVALID_TARGET, false);
            let _ = writeln!(
                w,
                "| invalid ({}), kinds with eras held against their documented era: the same | {text} | {} |",
                set.name(),
                verdict(met)
            );
        }
        let _ = writeln!(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(median_ns: f64, documents: u64) -> Figure {
        Figure {
            median_ns,
            documents,
            written: None,
        }
    }

    #[test]
    fn durations_take_the_unit_that_suits_them() {
        assert_eq!(duration(812.4), "812 ns");
        assert_eq!(duration(1_234.0), "1.23 µs");
        assert_eq!(duration(45_600.0), "45.6 µs");
        assert_eq!(duration(312_000_000.0), "312 ms");
        assert_eq!(duration(2_500_000_000.0), "2.50 s");
    }

    #[test]
    fn the_report_computes_ratios_per_document_and_judges_the_targets() {
        let mut results = Results::default();
        let (stream, documented) = (names::STREAM_INPUT, names::STREAM_DOCUMENTED_INPUT);
        for (mode, input, median_ns, documents) in [
            ("generated", stream, 100e6, 100_000),
            ("jsonschema-is-valid", stream, 400e6, 100_000),
            ("macro-is-valid", stream, 350e6, 100_000),
            ("typed", stream, 90e6, 100_000),
            ("generated", documented, 50e6, 50_000),
            ("macro-is-valid", documented, 100e6, 50_000),
            ("typed", documented, 75e6, 50_000),
        ] {
            results.insert(names::STREAM, mode, input, result(median_ns, documents));
        }
        results.insert(names::EXAMPLES, "generated", "a", result(1_000.0, 1));
        results.insert(
            names::EXAMPLES,
            "jsonschema-is-valid",
            "a",
            result(2_000.0, 1),
        );
        results.insert(names::EXAMPLES, "typed", "a", result(900.0, 1));
        results.insert(names::INVALID, "generated", "a.valid", result(1_000.0, 1));
        results.insert(
            names::INVALID,
            "generated",
            "a.corpus",
            result(30_000.0, 10),
        );
        for (input, median_ns, documents) in [("a.valid", 800.0, 1), ("a.corpus", 18_000.0, 10)] {
            let figure = result(median_ns, documents);
            results.insert(names::INVALID, "generated-documented-era", input, figure);
        }
        let size = |bytes, values| Size { bytes, values };
        results.set_size(names::INVALID, "a.valid", size(400, 100));
        results.set_size(names::INVALID, "a.corpus", size(6_000, 1_500));
        let section = render(&results, None, &Machine::default());
        assert!(
            section.contains("| `generated` | 100 ms | 1.00 µs | 1000000 |"),
            "{section}"
        );
        assert!(
            section.contains("3.50x speed-up over `macro-is-valid`, the fastest | **met**"),
            "{section}"
        );
        assert!(
            section.contains("1.11x the typed parse | **met**"),
            "{section}"
        );
        assert!(
            section.contains(
                "| documented shapes of the stream: the same | 2.00x speed-up over \
                 `macro-is-valid`, the fastest | **not met** |"
            ),
            "{section}"
        );
        assert!(
            section.contains(
                "| documented shapes of the stream: the same | 0.67x the typed parse | **met** |"
            ),
            "{section}"
        );
        assert!(
            section.contains(
                "| `a` | — | 1.00 µs | 2.00 µs | — | — | — | 900 ns | — | 2.00x | 1.11x |"
            ),
            "{section}"
        );
        assert!(
            section
                .contains("worst 2.00x (`a`), geometric mean 2.00x; 0 of 1 meet it | **not met**"),
            "{section}"
        );
        assert!(
            section.contains("| `a` | 1.00 µs | 3.00 µs | — | — | 2.00x | — | — |"),
            "{section}"
        );
        // Held against the documented era: 1.2 ns a value against 0.8 ns.
        assert!(
            section.contains("| `a` | 800 ns | 1.80 µs | — | — | 1.50x | — | — |"),
            "{section}"
        );
        assert!(
            section.contains(
                "| invalid (corpus), kinds with eras held against their documented era: the same \
                 | worst 1.50x (`a`), geometric mean 1.50x; 1 of 1 meet it | **met** |"
            ),
            "{section}"
        );
    }
}
