//! The documents the benchmark feeds to every mode: the documented examples, the NDJSON stream
//! of random valid fixtures, and per payload a valid document beside invalid ones (the corpus
//! of `tests/invalid/` and mutated copies of the valid one).
//!
//! Every input is serialised once, before anything is timed, with `serde_json::to_vec` (compact,
//! member order kept), so every mode reads the same bytes. Whether an input is valid is decided
//! by the `jsonschema` runtime on the published schema, not by the generated validator under
//! test, so a change to the generated validator cannot change what the benchmark measures.

use std::path::PathBuf;

use integration_tests::cases::{documents, read_json};
use integration_tests::paths::{self, Step, nearest_object, node_mut, remove};
use schema_types::corpus::VALUE_ERRATA;
use serde_json::{Value, json};

use crate::names::Set;
use crate::payloads::{Measured, Runtime};

/// How many documents the NDJSON stream holds.
pub const STREAM_DOCUMENTS: usize = 100_000;

/// How many mutated copies of each payload's valid document are measured.
pub const MUTANTS: usize = 4;

/// How many changes each mutated copy carries.
pub const CHANGES_PER_MUTANT: usize = 3;

/// One document to measure.
#[derive(Clone, Debug)]
pub struct Input {
    /// Its name in benchmark ids: the payload id with `__` for `/`, and a suffix for a variant
    /// (`appsmith__usage-pulse.repaired`).
    pub name: String,
    /// The payload kind it is judged as.
    pub kind: Measured,
    /// The document's bytes, compact JSON.
    pub bytes: Vec<u8>,
    /// Whether the published schema accepts it.
    pub valid: bool,
}

impl Input {
    fn new(name: String, kind: Measured, document: &Value, runtime: &Runtime) -> Self {
        Self {
            name,
            kind,
            bytes: serde_json::to_vec(document).expect("a `Value` always serialises"),
            valid: runtime.accepts(kind, document),
        }
    }

    /// A variant of the payload's document, named after the payload with `.suffix`.
    fn variant(kind: Measured, suffix: &str, document: &Value, runtime: &Runtime) -> Self {
        Self::new(
            format!("{}.{suffix}", kind.file_name()),
            kind,
            document,
            runtime,
        )
    }
}

/// The documented examples (eleven: `hasura/cli-config` has none), each followed, when it
/// breaks its schema through a recorded value erratum, by its repaired variant (named
/// `NAME.repaired`), so that valid and invalid can be compared on the same document.
///
/// # Panics
///
/// When a repaired example is still invalid.
pub fn examples(runtime: &Runtime) -> Vec<Input> {
    let mut inputs = Vec::new();
    for kind in Measured::all() {
        let Some(example) = kind.registry.documented_example() else {
            continue;
        };
        let input = Input::new(kind.file_name(), kind, &example, runtime);
        let valid = input.valid;
        inputs.push(input);
        if !valid {
            let repaired = repaired(kind, example);
            let input = Input::variant(kind, "repaired", &repaired, runtime);
            assert!(
                input.valid,
                "{}: the repaired documented example is still invalid",
                kind.registry.id
            );
            inputs.push(input);
        }
    }
    inputs
}

/// The example with every recorded value erratum of its payload replaced by the value the
/// payload's fixture holds at the same pointer (the same kind of identifier, well-formed). When
/// the fixture has no value there, the fixture itself stands in for the example.
fn repaired(kind: Measured, mut example: Value) -> Value {
    let fixture = kind.registry.fixture();
    for erratum in VALUE_ERRATA
        .iter()
        .filter(|e| e.payload == kind.registry.id)
    {
        match (
            example.pointer_mut(erratum.pointer),
            fixture.pointer(erratum.pointer),
        ) {
            (Some(value), Some(good)) => *value = good.clone(),
            _ => return fixture,
        }
    }
    example
}

/// The valid document an invalid set is compared with: the documented example (repaired when it
/// carries value errata), or the fixture for a payload without an example. The cases of
/// `tests/invalid/` start from the same documents.
pub fn base(kind: Measured) -> Value {
    match kind.registry.documented_example() {
        Some(example) => repaired(kind, example),
        None => kind.registry.fixture(),
    }
}

/// One payload's valid document and its invalid sets.
#[derive(Clone, Debug)]
pub struct InvalidSets {
    /// The payload kind.
    pub kind: Measured,
    /// The valid base document ([`base`]).
    pub valid: Input,
    /// Every case of `tests/invalid/<payload id>/`, in file-name order.
    pub corpus: Vec<Input>,
    /// [`MUTANTS`] copies of the base with [`CHANGES_PER_MUTANT`] seeded changes each.
    pub mutated: Vec<Input>,
    /// The base with every scalar value replaced by one of another JSON type: as many
    /// violations as the document has values.
    pub wrong_types: Input,
}

impl InvalidSets {
    /// The documents of one set.
    pub fn set(&self, set: Set) -> &[Input] {
        match set {
            Set::Valid => std::slice::from_ref(&self.valid),
            Set::Corpus => &self.corpus,
            Set::Mutated => &self.mutated,
            Set::WrongTypes => std::slice::from_ref(&self.wrong_types),
        }
    }
}

/// The invalid sets of every payload.
///
/// # Panics
///
/// When `tests/invalid/` cannot be read, or a document that should be invalid is accepted.
pub fn invalid_sets(runtime: &Runtime) -> Vec<InvalidSets> {
    Measured::all()
        .into_iter()
        .map(|kind| {
            let base = base(kind);
            let valid = Input::new(kind.file_name(), kind, &base, runtime);
            assert!(
                valid.valid,
                "{}: the base document is invalid",
                kind.registry.id
            );
            let corpus = corpus(kind, runtime);
            let mutated = mutants(kind, &base, runtime);
            let wrong_types = Input::variant(kind, "wrong-types", &wrong_types(&base), runtime);
            assert!(
                !wrong_types.valid,
                "{}: every value of another type, still valid",
                kind.registry.id
            );
            InvalidSets {
                kind,
                valid,
                corpus,
                mutated,
                wrong_types,
            }
        })
        .collect()
}

/// The folder of the invalid corpus, `tests/invalid/` at the workspace root.
pub fn corpus_folder() -> PathBuf {
    crate::names::workspace_root().join("tests").join("invalid")
}

fn corpus(kind: Measured, runtime: &Runtime) -> Vec<Input> {
    let folder = corpus_folder().join(kind.registry.id);
    let paths = documents(&folder, ".expected.json")
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()));
    assert!(!paths.is_empty(), "{}: no invalid case", folder.display());
    paths
        .iter()
        .map(|path| {
            let document = read_json(path);
            let stem = path.file_stem().expect("a file name").to_string_lossy();
            let input = Input::variant(kind, &stem, &document, runtime);
            assert!(
                !input.valid,
                "{}: accepted by the published schema",
                path.display()
            );
            input
        })
        .collect()
}

/// The first [`MUTANTS`] seeded mutants of `base` that the published schema rejects.
fn mutants(kind: Measured, base: &Value, runtime: &Runtime) -> Vec<Input> {
    let mut found = Vec::new();
    for seed in 0..1_000 {
        if found.len() == MUTANTS {
            return found;
        }
        let input = Input::variant(
            kind,
            &format!("mutant-{seed}"),
            &mutate(base, seed),
            runtime,
        );
        if !input.valid {
            found.push(input);
        }
    }
    panic!(
        "{}: fewer than {MUTANTS} invalid mutants in 1,000 seeds",
        kind.registry.id
    )
}

/// `base` with [`CHANGES_PER_MUTANT`] changes drawn from `seed`: a value replaced by one of
/// another JSON type, a member or item removed, an undeclared member added, or a string, number
/// or boolean edited a little.
pub fn mutate(base: &Value, seed: u64) -> Value {
    let mut rng = SplitMix64(seed);
    let mut document = base.clone();
    for _ in 0..CHANGES_PER_MUTANT {
        let paths = paths::all(&document);
        let path = paths[rng.below(paths.len())].clone();
        match rng.below(4) {
            0 => {
                let node = node_mut(&mut document, &path);
                *node = of_another_type(node);
            }
            1 => remove(&mut document, &path),
            2 => add_member(&mut document, &path, rng.next()),
            _ => nudge(node_mut(&mut document, &path)),
        }
    }
    document
}

/// `base` with every scalar value replaced by one of another JSON type.
pub fn wrong_types(base: &Value) -> Value {
    match base {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(name, member)| (name.clone(), wrong_types(member)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(wrong_types).collect()),
        scalar => of_another_type(scalar),
    }
}

fn of_another_type(value: &Value) -> Value {
    match value {
        Value::Null => json!(false),
        Value::Bool(flag) => json!(flag.to_string()),
        Value::Number(number) => json!(number.to_string()),
        Value::String(_) => json!(0),
        Value::Array(_) => json!({}),
        Value::Object(_) => json!([]),
    }
}

fn nudge(node: &mut Value) {
    match node {
        Value::String(text) => {
            let middle = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(text.len(), |(at, _)| at);
            text.insert(middle, 'G');
        }
        Value::Number(number) => {
            let nudged = -number.as_f64().unwrap_or(0.0) - 1.5;
            if let Some(nudged) = serde_json::Number::from_f64(nudged) {
                *number = nudged;
            }
        }
        other => *other = of_another_type(other),
    }
}

fn add_member(document: &mut Value, path: &[Step], draw: u64) {
    if let Some(members) = nearest_object(document, path) {
        members.insert(format!("undeclared_{}", draw % 1_000), json!(draw % 7));
    }
}

/// A small seeded generator (SplitMix64), so the mutants are the same on every run and machine.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        // The modulo bias is irrelevant for picking among a few hundred nodes.
        (self.next() % bound as u64) as usize
    }
}

/// How many JSON values a document holds (every object, array, member value, item and scalar,
/// the document itself included); 0 for bytes that are not JSON.
pub fn count_values(bytes: &[u8]) -> usize {
    fn count(value: &Value) -> usize {
        1 + match value {
            Value::Object(members) => members.values().map(count).sum(),
            Value::Array(items) => items.iter().map(count).sum(),
            _ => 0,
        }
    }
    serde_json::from_slice(bytes).map_or(0, |value: Value| count(&value))
}

/// The NDJSON stream: [`STREAM_DOCUMENTS`] random valid fixtures, one per line, the kinds in
/// registry order round-robin (line `i` is of kind `i % n`, `n` the kinds measured, with seed `i`).
pub struct Stream {
    /// The whole stream, each document followed by `\n`.
    pub bytes: Vec<u8>,
    /// Each line's kind and byte range (without the newline).
    pub lines: Vec<Line>,
}

/// One line of the [`Stream`].
#[derive(Clone, Copy, Debug)]
pub struct Line {
    /// The kind of the document on the line.
    pub kind: Measured,
    /// Where the document starts in [`Stream::bytes`].
    pub start: usize,
    /// Where it ends (the newline's offset).
    pub end: usize,
}

impl Stream {
    /// Builds the stream of `count` documents.
    pub fn build(count: usize) -> Self {
        let kinds = Measured::all();
        Self::of_kinds(count, |line| stream_kind(&kinds, line))
    }

    /// A stream of `count` random valid documents of `kind` alone (line `i` with seed `i`).
    pub fn of_kind(kind: Measured, count: usize) -> Self {
        Self::of_kinds(count, |_| kind)
    }

    /// A stream of `count` random valid documents, line `i` of kind `kind_of(i)` with seed `i`.
    fn of_kinds(count: usize, kind_of: impl Fn(usize) -> Measured) -> Self {
        let mut stream = Self {
            bytes: Vec::new(),
            lines: Vec::with_capacity(count),
        };
        for line in 0..count {
            let kind = kind_of(line);
            stream.push(kind, |bytes| {
                serde_json::to_writer(bytes, &kind.registry.random(line as u64))
                    .expect("a `Value` always serialises");
            });
        }
        stream
    }

    /// Appends a line of `kind`, its document written by `write`.
    fn push(&mut self, kind: Measured, write: impl FnOnce(&mut Vec<u8>)) {
        let start = self.bytes.len();
        write(&mut self.bytes);
        self.lines.push(Line {
            kind,
            start,
            end: self.bytes.len(),
        });
        self.bytes.push(b'\n');
    }

    /// The lines of this stream that are documents of era `era` of their kind ([`era_of`]).
    pub fn of_era(&self, era: &str) -> Self {
        let mut stream = Self {
            bytes: Vec::new(),
            lines: Vec::new(),
        };
        for (kind, line) in self.documents() {
            if era_of(kind, line) == Some(era) {
                stream.push(kind, |bytes| bytes.extend_from_slice(line));
            }
        }
        stream
    }

    /// The lines of this stream whose shape a page documents: those of a kind of one shape and
    /// those of its documented era for a kind with eras (a kind whose eras no page documents
    /// has none).
    pub fn documented(&self) -> Self {
        let mut stream = Self {
            bytes: Vec::new(),
            lines: Vec::new(),
        };
        for (kind, line) in self.documents() {
            let documented = match kind.registry.documented_era() {
                Some(era) => era_of(kind, line) == Some(era.name()),
                None => kind.registry.eras.is_empty(),
            };
            if documented {
                stream.push(kind, |bytes| bytes.extend_from_slice(line));
            }
        }
        stream
    }

    /// Every document with its kind, in stream order.
    pub fn documents(&self) -> impl Iterator<Item = (Measured, &[u8])> {
        self.lines
            .iter()
            .map(|line| (line.kind, &self.bytes[line.start..line.end]))
    }
}

/// The era of `kind` (oldest first) that accepts the document `bytes` first; `None` for a kind
/// of one shape, or a document no era accepts.
pub fn era_of(kind: Measured, bytes: &[u8]) -> Option<&'static str> {
    kind.registry
        .eras
        .iter()
        .find(|era| era.validate_slice(bytes).is_valid())
        .map(|era| era.name())
}

/// Per kind of the stream, in its order: each of its eras (oldest first; one unnamed entry for a
/// kind of one shape) with how many lines of the stream are its documents ([`era_of`]).
pub fn era_coverage(stream: &Stream) -> Vec<(Measured, Vec<(&'static str, usize)>)> {
    let mut coverage: Vec<(Measured, Vec<(&'static str, usize)>)> = Measured::all()
        .into_iter()
        .map(|kind| {
            let eras = kind.registry.eras.iter().map(|era| (era.name(), 0));
            let eras = if kind.registry.eras.is_empty() {
                vec![("", 0)]
            } else {
                eras.collect()
            };
            (kind, eras)
        })
        .collect();
    for (kind, bytes) in stream.documents() {
        let era = era_of(kind, bytes).unwrap_or("");
        if let Some((_, eras)) = coverage
            .iter_mut()
            .find(|(measured, _)| measured.position == kind.position)
            && let Some((_, count)) = eras.iter_mut().find(|(name, _)| *name == era)
        {
            *count += 1;
        }
    }
    coverage
}

/// The kind of line `line` (from 0) of the stream: the kinds round-robin.
pub fn stream_kind(kinds: &[Measured], line: usize) -> Measured {
    kinds[line % kinds.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_eleven_and_each_invalid_one_has_a_valid_repair() {
        let runtime = Runtime::compile();
        let examples = examples(&runtime);
        let originals: Vec<&Input> = examples
            .iter()
            .filter(|input| !input.name.ends_with(".repaired"))
            .collect();
        assert_eq!(originals.len(), 11);
        let invalid: Vec<&str> = originals
            .iter()
            .filter(|input| !input.valid)
            .map(|input| input.name.as_str())
            .collect();
        assert_eq!(
            invalid,
            ["appsmith__usage-pulse", "appsmith__backend-call-event"]
        );
        assert_eq!(examples.len(), 13);
        for input in &examples {
            let repaired = examples
                .iter()
                .find(|other| other.name == format!("{}.repaired", input.name));
            if let Some(repaired) = repaired {
                // The repair changes identifiers only: the sizes stay close.
                let (a, b) = (input.bytes.len(), repaired.bytes.len());
                assert!(a.abs_diff(b) * 10 < a, "{}: {a} and {b} bytes", input.name);
            }
        }
    }

    #[test]
    fn every_payload_has_invalid_sets() {
        let runtime = Runtime::compile();
        for sets in invalid_sets(&runtime) {
            assert!(sets.valid.valid);
            assert!(sets.corpus.len() >= 3, "{}", sets.valid.name);
            assert_eq!(sets.mutated.len(), MUTANTS);
            assert!(
                sets.corpus
                    .iter()
                    .chain(&sets.mutated)
                    .all(|input| !input.valid)
            );
        }
    }

    #[test]
    fn the_macro_validators_find_as_many_errors_as_the_runtime() {
        // The build-time validators are a fair comparison only if they check what the runtime
        // checks (formats included).
        let runtime = Runtime::compile();
        for sets in invalid_sets(&runtime) {
            for set in Set::ALL {
                for input in sets.set(set) {
                    assert_eq!(
                        crate::payloads::macro_parse_errors(input.kind, &input.bytes),
                        runtime.parse_errors(input.kind, &input.bytes),
                        "{}",
                        input.name
                    );
                }
            }
        }
    }

    #[test]
    fn the_stream_is_valid_round_robin_and_the_same_on_every_build() {
        let runtime = Runtime::compile();
        let stream = Stream::build(48);
        assert_eq!(stream.lines.len(), 48);
        assert_eq!(stream.bytes.iter().filter(|&&b| b == b'\n').count(), 48);
        let kinds = Measured::all();
        let measured = schema_types::PAYLOADS
            .iter()
            .filter(|kind| kind.derived_from.is_none())
            .count();
        assert_eq!(kinds.len(), measured);
        for (line, (kind, bytes)) in stream.documents().enumerate() {
            assert_eq!(kind.registry.id, kinds[line % kinds.len()].registry.id);
            let document: Value = serde_json::from_slice(bytes).unwrap();
            assert!(runtime.accepts(kind, &document), "line {line}");
        }
        assert_eq!(Stream::build(48).bytes, stream.bytes);
    }

    #[test]
    fn the_stream_holds_documents_of_every_era_of_every_kind() {
        let stream = Stream::build(16 * 40);
        for (kind, eras) in era_coverage(&stream) {
            for (era, count) in eras {
                assert!(count > 0, "{} era `{era}`: no line", kind.registry.id);
            }
        }
    }

    #[test]
    fn mutation_is_deterministic_and_changes_the_document() {
        let base = json!({"a": "text", "b": [1, 2, {"c": true}], "d": null});
        assert_eq!(mutate(&base, 3), mutate(&base, 3));
        assert!((0..20).all(|seed| mutate(&base, seed) != base));
        assert_eq!(count_values(base.to_string().as_bytes()), 8);
        assert_eq!(
            wrong_types(&base),
            json!({"a": 0, "b": ["1", "2", {"c": "true"}], "d": false})
        );
    }
}
