//! The `telemetry-spec` binary, run for real: on every documented example and fixture (made by
//! `telemetry-spec sample`), on inputs that cannot be read, on bad documents, on unknown kinds,
//! and on a generated NDJSON stream with bad lines at known places, checking every verdict, the
//! summary and the exit status in both output formats.
//!
//! What a verdict should be comes from the library (`schema_types`), never from the binary under
//! test: the documented examples' recorded value errata, the kinds' own validators and seeded
//! random documents.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use schema_types::corpus::VALUE_ERRATA;
use schema_types::registry::{PAYLOADS, PayloadKind, find};
use schema_types::samples::documented_example;
use serde_json::{Value, json};

// Helpers: running the binary, temporary files, reading its output.

/// What one run of the binary gave.
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary with `args`, feeding `stdin` (or nothing), and checks that it did not panic.
fn run_with_input(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_telemetry-spec"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // The binary may stop reading early (a usage error); a closed pipe is not a failure.
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("the binary runs");
    feeder.join().expect("stdin is fed");
    let run = Run {
        status: output.status.code().expect("the binary exits, not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{args:?} panicked: {}",
        run.stderr
    );
    run
}

fn run(args: &[&str]) -> Run {
    run_with_input(args, b"")
}

/// A fresh directory under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "telemetry-spec-cli-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path).expect("a temporary directory");
        Self(path)
    }

    /// Writes `bytes` to file `name` in the directory and returns its path as text.
    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("a temporary file");
        path.to_str().expect("a UTF-8 temporary path").to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A verdict of the human format: `FILE:LINE: HEAD` and its indented lines.
#[derive(Debug)]
struct HumanVerdict {
    line: usize,
    head: String,
    details: Vec<String>,
}

/// The verdicts of `file` in human output, and the summary line.
fn human_verdicts(stdout: &str, file: &str) -> (Vec<HumanVerdict>, String) {
    let mut verdicts: Vec<HumanVerdict> = Vec::new();
    let mut lines: Vec<&str> = stdout.lines().collect();
    let summary = lines.pop().expect("a summary line").to_owned();
    let prefix = format!("{file}:");
    for text in lines {
        if let Some(detail) = text.strip_prefix("  ") {
            verdicts
                .last_mut()
                .expect("a detail follows a verdict")
                .details
                .push(detail.to_owned());
            continue;
        }
        let rest = text
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("not a verdict of {file}: {text:?}"));
        let (line, head) = rest.split_once(": ").expect("FILE:LINE: HEAD");
        verdicts.push(HumanVerdict {
            line: line.parse().expect("a line number"),
            head: head.to_owned(),
            details: Vec::new(),
        });
    }
    (verdicts, summary)
}

/// The objects of json output: the verdicts, then the summary.
fn json_verdicts(stdout: &str) -> (Vec<Value>, Value) {
    let mut objects: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect();
    let summary = objects.pop().expect("a summary object");
    (objects, summary["summary"].clone())
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

/// The pointers that a document's recorded value errata break, for payload `id`.
fn errata_pointers(id: &str) -> BTreeSet<String> {
    VALUE_ERRATA
        .iter()
        .filter(|erratum| erratum.payload == id)
        .map(|erratum| erratum.pointer.to_owned())
        .collect()
}

/// The pointer a human violation line starts with.
fn pointer_of(detail: &str) -> String {
    let pointer = detail.split(':').next().expect("POINTER: ...");
    if pointer == "(document)" {
        String::new()
    } else {
        pointer.to_owned()
    }
}

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
}

// Help and usage.

/// Help text with its line wrapping undone, so that phrases can be looked for.
fn help(args: &[&str]) -> String {
    let run = run(args);
    assert_eq!(run.status, 0, "{args:?}");
    run.stdout.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn help_teaches_the_commands_and_the_exit_status() {
    let main = help(&["--help"]);
    for phrase in [
        "validate",
        "list",
        "schema",
        "sample",
        "Exit status: 0 every document valid, 1 some document invalid, 2 a usage error",
    ] {
        assert!(main.contains(phrase), "--help lacks {phrase}");
    }
    let validate = help(&["validate", "--help"]);
    for phrase in [
        "one document per non-blank line",
        "--kind <ID>",
        "--format <FORMAT>",
        "--mask",
        "--max-bytes <SIZE>",
        "in bounded memory",
        "`telemetry-spec: error: ...`",
        "a document that matches no kind, or more than one, is invalid",
    ] {
        assert!(validate.contains(phrase), "validate --help lacks {phrase}");
    }
    let sample = help(&["sample", "--help"]);
    assert!(sample.contains("--seed <N>"), "{sample}");
    assert!(
        sample.contains("recorded as errata of the page"),
        "{sample}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &[][..],
        &["validate", "--format", "yaml"],
        &["validate", "--max-bytes", "12 parsecs"],
        &["sample", "hasura/cli-config", "--count", "2"],
        &["frobnicate"],
    ] {
        let run = run(args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(run.stderr.contains("error"), "{args:?}: {}", run.stderr);
    }
}

// list, schema

#[test]
fn list_names_every_kind_with_product_version_and_schema_file() {
    let human = run(&["list"]);
    assert_eq!(human.status, 0);
    let rows: Vec<&str> = human.stdout.lines().collect();
    assert_eq!(rows.len(), PAYLOADS.len() + 1);
    assert!(rows[0].starts_with("ID "), "{}", rows[0]);
    for (row, kind) in rows[1..].iter().zip(PAYLOADS) {
        let cells: Vec<&str> = row.split("  ").filter(|cell| !cell.is_empty()).collect();
        let schema = format!("schemas/{}", kind.schema_path());
        assert_eq!(
            cells.iter().map(|cell| cell.trim()).collect::<Vec<_>>(),
            [
                kind.id,
                kind.product.name(),
                kind.layer.name(),
                &kind.version.to_string(),
                &schema
            ]
        );
        assert!(workspace_root().join(&schema).is_file(), "{schema}");
    }

    let json = run(&["list", "--format", "json"]);
    assert_eq!(json.status, 0);
    let kinds: Value = serde_json::from_str(&json.stdout).unwrap();
    let kinds = kinds.as_array().unwrap();
    assert_eq!(kinds.len(), PAYLOADS.len());
    for (listed, kind) in kinds.iter().zip(PAYLOADS) {
        assert_eq!(listed["id"], kind.id);
        assert_eq!(listed["version"], kind.version.to_string());
        assert_eq!(listed["schema_id"], kind.schema_id());
        assert_eq!(listed["layer"], kind.layer.name());
        assert_eq!(listed["derived_from"].as_str(), kind.derived_from);
        assert_eq!(listed["example"].is_null(), kind.example.is_none());
    }
}

/// The published schema as `cargo xtask gen` writes it (the files under `schemas/` are checked
/// against the same rendering by `gen --check`).
#[test]
fn schema_prints_the_published_schema() {
    for kind in PAYLOADS {
        let run = run(&["schema", kind.id]);
        assert_eq!(run.status, 0, "{}", kind.id);
        assert_eq!(run.stdout, pretty(&kind.schema()), "{}", kind.id);
        let schema: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(schema["$id"], kind.schema_id());
        assert!(
            workspace_root()
                .join("schemas")
                .join(kind.schema_path())
                .is_file()
        );
    }
}

// sample, and validate on every sample

/// Validates `document` (a file in `dir`) with and without `--kind`; returns the human run
/// without `--kind`.
fn validate_both_ways(dir: &TempDir, kind: &PayloadKind, name: &str, text: &str) -> Run {
    let file = dir.file(name, text);
    let detected = run(&["validate", &file]);
    let labelled = run(&["validate", "--kind", kind.id, &file]);
    assert_eq!(detected.stdout, labelled.stdout, "{}", kind.id);
    assert_eq!(detected.status, labelled.status, "{}", kind.id);
    detected
}

#[test]
fn every_documented_example_is_judged_as_its_errata_say() {
    let dir = TempDir::new("examples");
    let mut with_errata = 0;
    for kind in PAYLOADS {
        let Some(example) = documented_example(kind.id) else {
            continue;
        };
        let sample = run(&["sample", kind.id]);
        assert_eq!(sample.status, 0, "{}", kind.id);
        assert_eq!(sample.stdout, pretty(&example), "{}", kind.id);

        let name = format!("{}.json", kind.id.replace('/', "-"));
        let validated = validate_both_ways(&dir, kind, &name, &sample.stdout);
        let (verdicts, summary) =
            human_verdicts(&validated.stdout, &dir.0.join(&name).display().to_string());
        assert_eq!(verdicts.len(), 1, "{}", kind.id);
        assert_eq!(verdicts[0].line, 1);
        let errata = errata_pointers(kind.id);
        if errata.is_empty() {
            assert_eq!(validated.status, 0, "{}", kind.id);
            assert_eq!(verdicts[0].head, format!("valid: {}", kind.id));
            assert_eq!(summary, "1 valid, 0 invalid");
            assert!(sample.stderr.is_empty(), "{}", sample.stderr);
        } else {
            with_errata += 1;
            assert_eq!(validated.status, 1, "{}", kind.id);
            let total = kind.validate(&example).total();
            assert!(total >= errata.len());
            assert_eq!(
                verdicts[0].head,
                format!("invalid: {}: {total} violations", kind.id)
            );
            let pointers: BTreeSet<String> =
                verdicts[0].details.iter().map(|d| pointer_of(d)).collect();
            assert_eq!(pointers, errata, "{}", kind.id);
            assert_eq!(summary, "0 valid, 1 invalid");
            for pointer in &errata {
                assert!(
                    sample.stderr.contains(&format!("`{pointer}`")),
                    "{}",
                    sample.stderr
                );
            }
            assert!(sample.stderr.starts_with("telemetry-spec: note: "));
        }
    }
    assert_eq!(
        with_errata, 2,
        "usage-pulse and backend-call-event have value errata"
    );
}

#[test]
fn every_fixture_is_valid_and_detected_as_its_kind() {
    let dir = TempDir::new("fixtures");
    for kind in PAYLOADS {
        let sample = run(&["sample", kind.id, "--fixture"]);
        assert_eq!(sample.status, 0, "{}", kind.id);
        assert_eq!(sample.stdout, pretty(&kind.fixture()), "{}", kind.id);
        let name = format!("{}.json", kind.id.replace('/', "-"));
        let validated = validate_both_ways(&dir, kind, &name, &sample.stdout);
        assert_eq!(validated.status, 0, "{}: {}", kind.id, validated.stdout);
        assert!(
            validated
                .stdout
                .ends_with(&format!(": valid: {}\n1 valid, 0 invalid\n", kind.id)),
            "{}",
            validated.stdout
        );
    }
    // A kind without a documented example prints its fixture, and says so.
    let sample = run(&["sample", "hasura/cli-config"]);
    assert_eq!(
        sample.stdout,
        pretty(&find("hasura/cli-config").unwrap().fixture())
    );
    assert!(
        sample.stderr.contains("no example of hasura/cli-config"),
        "{}",
        sample.stderr
    );
}

#[test]
fn seeded_samples_are_random_valid_and_reproducible() {
    let dir = TempDir::new("seeded");
    for kind in PAYLOADS {
        let first = run(&["sample", kind.id, "--seed", "7"]);
        let again = run(&["sample", kind.id, "--seed", "7"]);
        let other = run(&["sample", kind.id, "--seed", "8"]);
        assert_eq!(first.status, 0);
        assert_eq!(first.stdout, again.stdout, "{}", kind.id);
        assert_ne!(first.stdout, other.stdout, "{}", kind.id);
        assert_eq!(first.stdout, pretty(&kind.random(7)), "{}", kind.id);
        let name = format!("{}.json", kind.id.replace('/', "-"));
        let validated = validate_both_ways(&dir, kind, &name, &first.stdout);
        assert_eq!(validated.status, 0, "{}: {}", kind.id, validated.stdout);

        let many = run(&["sample", kind.id, "--seed", "7", "--count", "3"]);
        let lines: Vec<&str> = many.stdout.lines().collect();
        assert_eq!(lines.len(), 3);
        for (offset, line) in lines.iter().enumerate() {
            let document: Value = serde_json::from_str(line).unwrap();
            assert_eq!(document, kind.random(7 + offset as u64), "{}", kind.id);
        }
    }
}

// Unknown kinds

#[test]
fn an_unknown_kind_is_one_line_with_the_nearest_id() {
    let dir = TempDir::new("unknown-kind");
    let file = dir.file("a.json", "{}");
    let expected = "telemetry-spec: error: unknown payload kind `hasura/server-telemetri`; did you \
                    mean `hasura/server-telemetry`?\n";
    for args in [
        &["validate", "--kind", "hasura/server-telemetri", &file][..],
        &["schema", "hasura/server-telemetri"],
        &["sample", "hasura/server-telemetri"],
    ] {
        let run = run(args);
        assert_eq!(run.status, 2, "{args:?}");
        assert_eq!(run.stderr, expected, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    let far = run(&["schema", "prometheus"]);
    assert_eq!(far.status, 2);
    assert_eq!(
        far.stderr,
        "telemetry-spec: error: unknown payload kind `prometheus` (`telemetry-spec list` shows \
         every kind)\n"
    );
}

// Inputs that cannot be read, documents that are not JSON

#[test]
fn unreadable_inputs_are_one_line_each_and_the_run_goes_on() {
    let dir = TempDir::new("unreadable");
    let good = dir.file(
        "good.json",
        pretty(&find("hasura/cli-config").unwrap().fixture()),
    );
    let missing = dir.0.join("missing.json").display().to_string();
    let folder = dir.0.join("folder");
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.display().to_string();
    let binary = dir.file(
        "ping.bin",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00{\"event\": 1}",
    );
    let utf16 = dir.file("utf16.json", b"\xff\xfe{\x00}\x00");
    for format in ["human", "json"] {
        let run = run(&[
            "validate", "--format", format, &missing, &good, &folder, &binary, &utf16,
        ]);
        assert_eq!(run.status, 2, "{format}");
        let errors: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(
            errors,
            [
                format!(
                    "telemetry-spec: error: cannot read `{missing}`: no such file or directory"
                ),
                format!(
                    "telemetry-spec: error: `{folder}` is a directory; give the files in it (for \
                     example `{folder}/*.json`)"
                ),
                format!(
                    "telemetry-spec: error: `{binary}` is a binary file (a NUL byte at offset 3), \
                     not JSON text"
                ),
                format!(
                    "telemetry-spec: error: `{utf16}` is UTF-16 text; documents are read as UTF-8 \
                     (convert it, for example with `iconv -f UTF-16 -t UTF-8`)"
                ),
            ],
            "{format}"
        );
        if format == "human" {
            assert_eq!(
                run.stdout,
                format!(
                    "{good}:1: valid: hasura/cli-config\n1 valid, 0 invalid; 4 inputs could not \
                     be read\n"
                )
            );
        } else {
            let (verdicts, summary) = json_verdicts(&run.stdout);
            assert_eq!(verdicts.len(), 1);
            assert_eq!(verdicts[0]["file"], good.as_str());
            assert_eq!(verdicts[0]["valid"], true);
            assert_eq!(
                summary,
                json!({"documents": 1, "valid": 1, "invalid": 0, "errors": 4})
            );
        }
    }
}

#[test]
fn documents_that_are_not_json_are_invalid_verdicts_with_their_reason() {
    let dir = TempDir::new("not-json");
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let stream = dir.file(
        "bad.ndjson",
        [
            b"{\"db_uid\": \"caf\xe9\"}\n".as_slice(),
            deep.as_bytes(),
            b"\n{\"event\": \"FETCH_RELEASE_NOTES\",}\n",
        ]
        .concat(),
    );
    let run = run(&["validate", &stream]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{stream}:1: invalid: line 1 column 16: syntax: expected UTF-8 text, found the byte \
             0xe9\n\
             {stream}:2: invalid: line 2 column 128: syntax: expected a JSON document, found \
             recursion limit exceeded\n\
             {stream}:3: invalid: line 3 column 33: syntax: expected a JSON document, found \
             trailing comma\n\
             0 valid, 3 invalid\n"
        )
    );
}

#[test]
fn documents_over_the_size_limit_are_invalid_and_not_kept() {
    let dir = TempDir::new("size");
    let example = documented_example("hasura/server-telemetry").unwrap();
    let compact = serde_json::to_string(&example).unwrap();
    let pretty_text = pretty(&example);
    let single = dir.file("single.json", &pretty_text);
    let stream = dir.file(
        "stream.ndjson",
        format!(
            "{compact}\n{{\"id\": 1, \"db_uid\": \"dddff371-dab2-450f-9969-235bca66dab1\"}}\n{compact}\n"
        ),
    );
    let limit = "200";

    let run_single = run(&["validate", "--max-bytes", limit, &single]);
    assert_eq!(run_single.status, 1);
    assert_eq!(
        run_single.stdout,
        format!(
            "{single}:1: invalid: (document): size: expected a document of at most 200 bytes, \
             found {} bytes\n0 valid, 1 invalid\n",
            pretty_text.len()
        )
    );

    let run_stream = run(&[
        "validate",
        "--max-bytes",
        limit,
        "--format",
        "json",
        &stream,
    ]);
    assert_eq!(run_stream.status, 1);
    let (verdicts, summary) = json_verdicts(&run_stream.stdout);
    let lines: Vec<(u64, bool, &str)> = verdicts
        .iter()
        .map(|v| {
            (
                v["line"].as_u64().unwrap(),
                v["valid"].as_bool().unwrap(),
                v["report"]["violations"][0]["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (1, false, "size"),
            (2, false, "required"),
            (3, false, "size")
        ]
    );
    assert_eq!(
        verdicts[0]["report"]["violations"][0]["found"],
        format!("{} bytes", compact.len())
    );
    assert_eq!(summary["invalid"], 3);

    // Under the default limit the same documents are read.
    assert_eq!(run(&["validate", &single]).status, 0);
}

#[test]
fn a_pretty_printed_document_is_one_document_at_its_first_line() {
    let dir = TempDir::new("pretty");
    let example = documented_example("appsmith/keep-alive-ping").unwrap();
    let file = dir.file("ping.json", format!("\n\n{}", pretty(&example)));
    let run_ok = run(&["validate", &file]);
    assert_eq!(
        run_ok.stdout,
        format!("{file}:3: valid: appsmith/keep-alive-ping\n1 valid, 0 invalid\n")
    );

    // A missing comma: one verdict, with the position counted in the file.
    let text = pretty(&example).replacen("\",\n", "\"\n", 1);
    let broken = dir.file("broken.json", format!("\n{text}"));
    let run_broken = run(&["validate", &broken]);
    assert_eq!(run_broken.status, 1);
    let (verdicts, summary) = human_verdicts(&run_broken.stdout, &broken);
    assert_eq!(verdicts.len(), 1, "{}", run_broken.stdout);
    assert_eq!(verdicts[0].line, 2);
    assert_eq!(
        verdicts[0].head,
        "invalid: line 4 column 3: syntax: expected a JSON document, found expected `,` or `}`"
    );
    assert_eq!(summary, "0 valid, 1 invalid");

    // An NDJSON stream whose first line was cut off stays NDJSON.
    let line = serde_json::to_string(&example).unwrap();
    let cut = dir.file("cut.ndjson", format!("{}\n{line}\n{line}\n", &line[..20]));
    let run_cut = run(&["validate", &cut]);
    let (verdicts, summary) = human_verdicts(&run_cut.stdout, &cut);
    let heads: Vec<(usize, &str)> = verdicts.iter().map(|v| (v.line, &v.head[..7])).collect();
    assert_eq!(heads, [(1, "invalid"), (2, "valid: "), (3, "valid: ")]);
    assert_eq!(summary, "2 valid, 1 invalid");
}

#[test]
fn masking_keeps_pointers_and_drops_values() {
    let dir = TempDir::new("mask");
    let mut document = documented_example("hasura/server-telemetry").unwrap();
    document["timestamp"] = json!("secret-yesterday");
    let file = dir.file("leak.json", serde_json::to_string(&document).unwrap());
    for format in ["human", "json"] {
        let plain = run(&["validate", "--format", format, &file]);
        let masked = run(&["validate", "--format", format, "--mask", &file]);
        assert_eq!(plain.status, 1);
        assert_eq!(masked.status, 1);
        assert!(plain.stdout.contains("secret-yesterday"), "{format}");
        assert!(!masked.stdout.contains("secret-yesterday"), "{format}");
        assert!(masked.stdout.contains("/timestamp"), "{format}");
    }
}

#[test]
fn reports_keep_at_most_max_violations() {
    let dir = TempDir::new("truncate");
    let file = dir.file("few.json", r#"{"id": "12", "db_uid": 5}"#);
    let human = run(&["validate", "--max-violations", "2", &file]);
    let (verdicts, _) = human_verdicts(&human.stdout, &file);
    assert_eq!(
        verdicts[0].head,
        "invalid: hasura/server-telemetry: 7 violations"
    );
    assert_eq!(verdicts[0].details.len(), 3);
    assert_eq!(verdicts[0].details[2], "... and 5 more");

    let json = run(&[
        "validate",
        "--max-violations",
        "2",
        "--format",
        "json",
        &file,
    ]);
    let (verdicts, _) = json_verdicts(&json.stdout);
    assert_eq!(verdicts[0]["report"]["total"], 7);
    assert_eq!(
        verdicts[0]["report"]["violations"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn an_input_without_documents_is_a_warning() {
    let dir = TempDir::new("empty");
    let file = dir.file("empty.ndjson", "\n  \n");
    let run = run(&["validate", &file]);
    assert_eq!(run.status, 0);
    assert_eq!(run.stdout, "0 valid, 0 invalid\n");
    assert_eq!(
        run.stderr,
        format!("telemetry-spec: warning: `{file}` holds no document\n")
    );
}

// A generated NDJSON stream with bad lines at known places.

/// What the verdict on a line must be.
#[derive(Clone, Debug)]
enum Expect {
    /// Valid, of this kind.
    Valid(&'static str),
    /// Invalid: of this kind (or none detected), with this text in the human verdict and these
    /// pointers (if any) among the violations.
    Invalid {
        kind: Option<&'static str>,
        says: &'static str,
        pointers: &'static [&'static str],
    },
    /// A blank line: no verdict.
    Blank,
}

/// The stream's lines and what each must give: seeded samples of every kind, made by
/// `telemetry-spec sample --seed --count`, with bad lines mixed in every 37 lines.
fn stream() -> Vec<(Vec<u8>, Expect)> {
    const PER_KIND: usize = 90;
    let samples: Vec<Vec<String>> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(index, kind)| {
            let seed = (1000 * (index + 1)).to_string();
            let run = run(&[
                "sample",
                kind.id,
                "--seed",
                &seed,
                "--count",
                &PER_KIND.to_string(),
            ]);
            assert_eq!(run.status, 0);
            run.stdout.lines().map(str::to_owned).collect()
        })
        .collect();
    let mut ambiguous = documented_example("hasura/server-telemetry").unwrap();
    ambiguous["console_mode"] = json!("server");
    let mut wrong_time = documented_example("appsmith/keep-alive-ping").unwrap();
    wrong_time["properties"]["time"] = json!("noon");
    let bad: Vec<(Vec<u8>, Expect)> = vec![
        (
            b"{\"db_uid\": ".to_vec(),
            Expect::Invalid {
                kind: None,
                says: "syntax: expected a JSON document, found EOF while parsing a value",
                pointers: &[],
            },
        ),
        (
            b"{\"event\": \"FETCH_\xffRELEASE_NOTES\"}".to_vec(),
            Expect::Invalid {
                kind: None,
                says: "syntax: expected UTF-8 text, found the byte 0xff",
                pointers: &[],
            },
        ),
        (
            b"{}".to_vec(),
            Expect::Invalid {
                kind: None,
                says: "unknown kind: the document has none of the members",
                pointers: &[],
            },
        ),
        (
            serde_json::to_vec(&ambiguous).unwrap(),
            Expect::Invalid {
                kind: None,
                says: "ambiguous kind: the document shows the signatures of 2 payload kinds: \
                       hasura/server-telemetry",
                pointers: &[],
            },
        ),
        (
            serde_json::to_vec(&wrong_time).unwrap(),
            Expect::Invalid {
                kind: Some("appsmith/keep-alive-ping"),
                says: "1 violation",
                pointers: &["/properties/time"],
            },
        ),
        (
            b"[1, 2]".to_vec(),
            Expect::Invalid {
                kind: None,
                says: "unknown kind: the document is not a JSON object",
                pointers: &[],
            },
        ),
        (b"   \t ".to_vec(), Expect::Blank),
        (Vec::new(), Expect::Blank),
    ];
    let mut lines = Vec::new();
    let mut bad_lines = bad.iter().cycle();
    for index in 0..PER_KIND * PAYLOADS.len() {
        let kind = &PAYLOADS[index % PAYLOADS.len()];
        let mut line = samples[index % PAYLOADS.len()][index / PAYLOADS.len()]
            .clone()
            .into_bytes();
        if index % 100 == 99 {
            line.push(b'\r'); // CRLF line endings are read too
        }
        lines.push((line, Expect::Valid(kind.id)));
        if index % 37 == 36 {
            lines.push(bad_lines.next().unwrap().clone());
        }
    }
    lines
}

fn stream_bytes(lines: &[(Vec<u8>, Expect)]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (line, _) in lines {
        bytes.extend_from_slice(line);
        bytes.push(b'\n');
    }
    bytes
}

/// The documents of the stream: (line number, expectation), blank lines left out.
fn expected_verdicts(lines: &[(Vec<u8>, Expect)]) -> Vec<(usize, Expect)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, (_, expect))| !matches!(expect, Expect::Blank))
        .map(|(index, (_, expect))| (index + 1, expect.clone()))
        .collect()
}

fn check_human(stdout: &str, file: &str, expected: &[(usize, Expect)]) {
    let (verdicts, summary) = human_verdicts(stdout, file);
    assert_eq!(verdicts.len(), expected.len());
    for (verdict, (line, expect)) in verdicts.iter().zip(expected) {
        assert_eq!(verdict.line, *line, "{verdict:?}");
        match expect {
            Expect::Valid(kind) => assert_eq!(verdict.head, format!("valid: {kind}")),
            Expect::Invalid {
                kind,
                says,
                pointers,
            } => {
                let prefix = match kind {
                    Some(kind) => format!("invalid: {kind}: "),
                    None => "invalid: ".to_owned(),
                };
                assert!(verdict.head.starts_with(&prefix), "{verdict:?}");
                assert!(verdict.head.contains(says), "{verdict:?} should say {says}");
                let found: Vec<String> = verdict.details.iter().map(|d| pointer_of(d)).collect();
                assert_eq!(found, *pointers, "{verdict:?}");
            }
            Expect::Blank => unreachable!("blank lines have no verdict"),
        }
    }
    let valid = expected
        .iter()
        .filter(|(_, expect)| matches!(expect, Expect::Valid(_)))
        .count();
    assert_eq!(
        summary,
        format!("{valid} valid, {} invalid", expected.len() - valid)
    );
}

fn check_json(stdout: &str, file: &str, expected: &[(usize, Expect)]) {
    let (verdicts, summary) = json_verdicts(stdout);
    assert_eq!(verdicts.len(), expected.len());
    for (verdict, (line, expect)) in verdicts.iter().zip(expected) {
        assert_eq!(verdict["file"], file);
        assert_eq!(verdict["line"], *line as u64, "{verdict}");
        match expect {
            Expect::Valid(kind) => {
                assert_eq!(verdict["valid"], true, "{verdict}");
                assert_eq!(verdict["kind"], *kind, "{verdict}");
                assert_eq!(
                    verdict["report"],
                    json!({"valid": true, "total": 0, "violations": []})
                );
            }
            Expect::Invalid {
                kind,
                says,
                pointers,
            } => {
                assert_eq!(verdict["valid"], false, "{verdict}");
                assert_eq!(verdict["kind"], json!(kind), "{verdict}");
                let text = match verdict.get("detection") {
                    Some(detection) => {
                        assert!(verdict["report"].is_null());
                        detection["message"].as_str().unwrap().to_owned()
                    }
                    None => {
                        let violation = &verdict["report"]["violations"][0];
                        let rule = violation["rule"].as_str().unwrap();
                        format!(
                            "{rule}: expected {}, found {}",
                            violation["expected"].as_str().unwrap(),
                            violation["found"].as_str().unwrap()
                        )
                    }
                };
                if kind.is_none() || pointers.is_empty() {
                    assert!(text.contains(says), "{verdict} should say {says}");
                }
                if let Some(position) = verdict["report"]["violations"][0].get("position") {
                    assert_eq!(position["line"], *line as u64, "{verdict}");
                }
                let found: Vec<&str> = verdict["report"]["violations"]
                    .as_array()
                    .map(|violations| {
                        violations
                            .iter()
                            .filter(|v| v["rule"] != "syntax")
                            .map(|v| v["pointer"].as_str().unwrap())
                            .collect()
                    })
                    .unwrap_or_default();
                assert_eq!(found, *pointers, "{verdict}");
            }
            Expect::Blank => unreachable!("blank lines have no verdict"),
        }
    }
    let valid = expected
        .iter()
        .filter(|(_, expect)| matches!(expect, Expect::Valid(_)))
        .count();
    assert_eq!(
        summary,
        json!({
            "documents": expected.len(),
            "valid": valid,
            "invalid": expected.len() - valid,
            "errors": 0,
        })
    );
}

#[test]
fn an_ndjson_stream_gets_every_verdict_at_its_line() {
    let lines = stream();
    assert!(lines.len() >= 1000, "{} lines", lines.len());
    let expected = expected_verdicts(&lines);
    assert!(
        expected
            .iter()
            .filter(|(_, e)| matches!(e, Expect::Invalid { .. }))
            .count()
            >= 20,
        "bad lines of every sort, several times"
    );
    let dir = TempDir::new("stream");
    let bytes = stream_bytes(&lines);
    let file = dir.file("stream.ndjson", &bytes);

    let human = run(&["validate", &file]);
    assert_eq!(human.status, 1);
    assert!(
        human.stderr.is_empty(),
        "nothing on stderr when piped: {}",
        human.stderr
    );
    check_human(&human.stdout, &file, &expected);

    let json = run(&["validate", "--format", "json", &file]);
    assert_eq!(json.status, 1);
    assert!(json.stderr.is_empty(), "{}", json.stderr);
    check_json(&json.stdout, &file, &expected);

    // The same stream on standard input.
    let piped = run_with_input(&["validate", "--format", "json"], &bytes);
    assert_eq!(piped.status, 1);
    check_json(&piped.stdout, "<stdin>", &expected);
    let dash = run_with_input(&["validate", "-"], &bytes);
    check_human(&dash.stdout, "<stdin>", &expected);
}

#[test]
fn a_stream_of_valid_documents_exits_with_0() {
    let lines: Vec<(Vec<u8>, Expect)> = stream()
        .into_iter()
        .filter(|(_, expect)| matches!(expect, Expect::Valid(_)))
        .collect();
    let expected = expected_verdicts(&lines);
    let dir = TempDir::new("valid-stream");
    let file = dir.file("valid.ndjson", stream_bytes(&lines));
    let human = run(&["validate", &file]);
    assert_eq!(human.status, 0, "{}", human.stdout);
    check_human(&human.stdout, &file, &expected);
}

#[test]
fn with_kind_every_document_is_judged_as_that_kind() {
    let lines = stream();
    let dir = TempDir::new("kind-stream");
    let file = dir.file("stream.ndjson", stream_bytes(&lines));
    let run = run(&[
        "validate",
        "--kind",
        "appsmith/keep-alive-ping",
        "--format",
        "json",
        &file,
    ]);
    assert_eq!(run.status, 1);
    let (verdicts, summary) = json_verdicts(&run.stdout);
    let expected = expected_verdicts(&lines);
    assert_eq!(verdicts.len(), expected.len());
    let mut valid = 0;
    for (verdict, (line, expect)) in verdicts.iter().zip(&expected) {
        assert_eq!(verdict["line"], *line as u64);
        assert_eq!(verdict["kind"], "appsmith/keep-alive-ping", "{verdict}");
        assert!(verdict.get("detection").is_none(), "{verdict}");
        let should_be_valid = matches!(expect, Expect::Valid("appsmith/keep-alive-ping"));
        assert_eq!(verdict["valid"], should_be_valid, "{verdict}");
        valid += usize::from(should_be_valid);
    }
    assert_eq!(summary["valid"], valid);
    assert!(valid > 0);
}

// `optout` and `privacy`: the verdicts come from the library's evaluator and inventory.

#[test]
fn optout_reports_each_payload_with_its_source_sentence() {
    let run = run(&[
        "optout",
        "--product",
        "appsmith",
        "--env",
        "APPSMITH_DISABLE_TELEMETRY=true",
        "--format",
        "json",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let verdicts: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let sent: Vec<(&str, &str)> = verdicts
        .iter()
        .map(|v| (v["payload"].as_str().unwrap(), v["sent"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sent,
        [
            ("appsmith/keep-alive-ping", "yes"),
            ("appsmith/server-setup-ping", "yes"),
            ("appsmith/usage-pulse", "yes"),
            ("appsmith/navigation-event", "no"),
            ("appsmith/backend-call-event", "no"),
        ]
    );
    let page = schema_types::Product::Appsmith.page().text();
    for verdict in &verdicts {
        assert!(
            page.contains(verdict["source"].as_str().unwrap()),
            "{verdict}"
        );
    }
}

#[test]
fn optout_reads_the_hasura_flag_cli_env_and_config_separately() {
    let run = run(&[
        "optout",
        "--product",
        "hasura",
        "--enable-telemetry",
        "false",
        "--cli-env",
        "HASURA_GRAPHQL_ENABLE_TELEMETRY=true",
        "--cli-config-enable-telemetry",
        "true",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("hasura/server-telemetry: NOT sent\n  stopped by: --enable-telemetry=false (server flag)"), "{}", run.stdout);
    assert!(
        run.stdout.contains("hasura/cli-execution: sent\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("hasura/cli-config: never sent\n"),
        "{}",
        run.stdout
    );
    let undocumented = self::run(&[
        "optout",
        "--product",
        "hasura",
        "--env",
        "HASURA_GRAPHQL_ENABLE_TELEMETRY=0",
    ]);
    assert!(
        undocumented
            .stdout
            .contains("not read (not a documented value): HASURA_GRAPHQL_ENABLE_TELEMETRY=0"),
        "{}",
        undocumented.stdout
    );
    let bad = self::run(&["optout", "--product", "hasura", "--env", "NOEQUALS"]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("expected NAME=VALUE"), "{}", bad.stderr);
}

#[test]
fn privacy_json_is_the_library_inventory() {
    let run = run(&["privacy", "--all", "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let printed: Value = serde_json::from_str(&run.stdout).unwrap();
    let expected: Vec<Value> = PAYLOADS
        .iter()
        .map(|kind| serde_json::to_value(schema_types::privacy::inventory(kind).unwrap()).unwrap())
        .collect();
    assert_eq!(printed["payloads"], Value::Array(expected));
    let human = self::run(&["privacy", "hasura/cli-execution"]);
    assert!(human.stdout.contains("/execution_id"), "{}", human.stdout);
    assert!(
        !human.stdout.contains("/is_error"),
        "flags identify nothing: {}",
        human.stdout
    );
    let unknown = self::run(&["privacy", "hasura/cli"]);
    assert_eq!(unknown.status, 2);
}
