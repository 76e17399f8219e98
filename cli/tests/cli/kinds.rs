//! `list`, `schema` and `sample`: every kind listed with its schema file, every published schema
//! printed byte for byte, and every sample (documented example, fixture, seeded random
//! document) printed as the library makes it and judged by `validate` as the library judges it.

use std::collections::BTreeSet;
use std::path::Path;

use schema_types::api::Selection;
use schema_types::corpus::VALUE_ERRATA;
use schema_types::registry::{PAYLOADS, PayloadKind, find};
use serde_json::Value;

use crate::support::{Run, TempDir, human_verdicts, pointer_of, pretty, run};

/// The pointers that a document's recorded value errata break, for payload `id`.
fn errata_pointers(id: &str) -> BTreeSet<String> {
    VALUE_ERRATA
        .iter()
        .filter(|erratum| erratum.payload == id)
        .map(|erratum| erratum.pointer.to_owned())
        .collect()
}

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
}

/// A kind's eras as both listings must give them: name, and whether the vendor's page documents
/// it; oldest first.
fn eras_of(kind: &PayloadKind) -> Vec<(&'static str, bool)> {
    let eras = kind.eras.iter();
    eras.map(|era| (era.name(), era.is_documented())).collect()
}

/// An era as the human listing writes it: `2021`, or `2021 (documented)`.
fn era_cell(cell: &str) -> (&str, bool) {
    match cell.strip_suffix(" (documented)") {
        Some(name) => (name, true),
        None => (cell, false),
    }
}

#[test]
fn list_names_every_kind_with_product_version_and_schema_file() {
    let human = run(&["list"]);
    assert_eq!(human.status, 0);
    let rows: Vec<&str> = human.stdout.lines().collect();
    assert_eq!(rows.len(), PAYLOADS.len() + 1);
    assert!(rows[0].starts_with("ID "), "{}", rows[0]);
    for (row, kind) in rows[1..].iter().zip(PAYLOADS) {
        let mut cells: Vec<&str> = row
            .split("  ")
            .filter(|cell| !cell.is_empty())
            .map(str::trim)
            .collect();
        // The eras, when the kind has some: `2021 (documented), 2023`.
        let eras: Vec<(&str, bool)> = match kind.eras {
            [] => Vec::new(),
            _ => cells.pop().unwrap().split(", ").map(era_cell).collect(),
        };
        assert_eq!(eras, eras_of(kind), "{}", kind.id);
        let schema = format!("schemas/{}", kind.schema_path());
        let version = kind.version.to_string();
        let expected = [
            kind.id,
            kind.product.name(),
            kind.layer.name(),
            &version,
            &schema,
        ];
        assert_eq!(cells, expected);
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
        let listed_eras: Vec<(&str, bool)> = listed["eras"]
            .as_array()
            .unwrap()
            .iter()
            .map(|era| {
                let name = era["name"].as_str().unwrap();
                let selection = format!("{}@{name}", kind.id);
                assert_eq!(era["kind"], selection);
                (name, era["documented"].as_bool().unwrap())
            })
            .collect();
        assert_eq!(listed_eras, eras_of(kind), "{}", kind.id);
    }
    assert!(
        PAYLOADS.iter().any(|kind| !kind.eras.is_empty()),
        "some kind has eras, so the column is shown"
    );
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

/// Writes `text` to a file named after `kind` in `dir` and validates it with and without
/// `--kind`, which must agree; returns the file's path and the human run without `--kind`.
fn validate_both_ways(dir: &TempDir, kind: &PayloadKind, text: &str) -> (String, Run) {
    let file = dir.file(&format!("{}.json", kind.id.replace('/', "-")), text);
    let detected = run(&["validate", &file]);
    let labelled = run(&["validate", "--kind", kind.id, &file]);
    assert_eq!(detected.stdout, labelled.stdout, "{}", kind.id);
    assert_eq!(detected.status, labelled.status, "{}", kind.id);
    (file, detected)
}

#[test]
fn every_documented_example_is_judged_as_its_errata_say() {
    let dir = TempDir::new("examples");
    let mut with_errata = 0;
    for kind in PAYLOADS {
        let Some(example) = kind.documented_example() else {
            continue;
        };
        let sample = run(&["sample", kind.id]);
        assert_eq!(sample.status, 0, "{}", kind.id);
        assert_eq!(sample.stdout, pretty(&example), "{}", kind.id);

        let (file, validated) = validate_both_ways(&dir, kind, &sample.stdout);
        let (verdicts, summary) = human_verdicts(&validated.stdout, &file);
        assert_eq!(verdicts.len(), 1, "{}", kind.id);
        assert_eq!(verdicts[0].line, 1);
        let errata = errata_pointers(kind.id);
        // The kind, and for a kind with eras the era the library holds the example against.
        let label = Selection::held(kind, &kind.validate(&example)).to_string();
        if errata.is_empty() {
            assert_eq!(validated.status, 0, "{}", kind.id);
            assert_eq!(verdicts[0].head, format!("valid: {label}"));
            assert_eq!(summary, "1 valid, 0 invalid");
            assert!(sample.stderr.is_empty(), "{}", sample.stderr);
        } else {
            with_errata += 1;
            assert_eq!(validated.status, 1, "{}", kind.id);
            let total = kind.validate(&example).total();
            assert!(total >= errata.len());
            assert_eq!(
                verdicts[0].head,
                format!("invalid: {label}: {total} violations")
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
        let (_, validated) = validate_both_ways(&dir, kind, &sample.stdout);
        assert_eq!(validated.status, 0, "{}: {}", kind.id, validated.stdout);
        let label = Selection::held(kind, &kind.validate(&kind.fixture())).to_string();
        assert!(
            validated
                .stdout
                .ends_with(&format!(": valid: {label}\n1 valid, 0 invalid\n")),
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
        let (_, validated) = validate_both_ways(&dir, kind, &first.stdout);
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

/// A kind with eras: `validate` names the era each document matched (or, invalid, the era it
/// is closest to) in both forms, and `--kind ID@ERA` checks one era only; the verdicts are the
/// library's, era for era.
#[test]
fn validate_names_the_era_and_checks_one_era_with_kind_at_era() {
    let real = workspace_root().join("tests/real");
    for kind in PAYLOADS.iter().filter(|kind| !kind.eras.is_empty()) {
        let folder = real.join(kind.id);
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                name.ends_with(".json") && !name.ends_with(".case.json")
            })
            .map(|path| path.to_string_lossy().into_owned())
            .collect();
        files.sort();
        for file in &files {
            let bytes = std::fs::read(file).unwrap();
            let expected = kind.validate_slice(&bytes);
            let era = expected
                .era()
                .expect("a document of a kind with eras names one");
            let human = run(&["validate", "--kind", kind.id, file]);
            let (verdicts, _) = human_verdicts(&human.stdout, file);
            let verdict = if expected.is_valid() {
                "valid"
            } else {
                "invalid"
            };
            assert!(
                verdicts[0]
                    .head
                    .starts_with(&format!("{verdict}: {}@{era}", kind.id)),
                "{file}: {}",
                verdicts[0].head
            );
            // Without `--kind`, the library's judge: the kind, or a refinement of it that the
            // document's clues name (a Console message showing a runtime error's signature).
            let judged = schema_types::api::judge(&bytes);
            let judged_kind = judged.kind().expect("a real document is detected");
            assert!(kind.detects_as(judged_kind), "{file}: {}", judged_kind.id);
            let judged_era = judged.report().and_then(|report| report.era());
            let json = run(&["validate", "--format", "json", file]);
            let (objects, _) = crate::support::json_verdicts(&json.stdout);
            assert_eq!(objects[0]["report"]["era"].as_str(), judged_era, "{file}");
            assert_eq!(objects[0]["kind"], judged_kind.id, "{file}");
            for one in kind.eras {
                let selection = format!("{}@{}", kind.id, one.name());
                let strict = run(&["validate", "--kind", &selection, file]);
                let valid = one.validate_slice(&bytes).is_valid();
                assert_eq!(
                    strict.status,
                    if valid { 0 } else { 1 },
                    "{file} as {selection}"
                );
                let (verdicts, _) = human_verdicts(&strict.stdout, file);
                assert!(
                    verdicts[0].head.contains(&selection),
                    "{file}: {}",
                    verdicts[0].head
                );
            }
        }
        // `@documented` names the page's era, and is refused, as any unknown era is, for a
        // kind the page does not document.
        let alias = run(&[
            "validate",
            "--kind",
            &format!("{}@documented", kind.id),
            &files[0],
        ]);
        match kind.documented_era() {
            Some(documented) => {
                let (verdicts, _) = human_verdicts(&alias.stdout, &files[0]);
                assert!(
                    verdicts[0]
                        .head
                        .contains(&format!("{}@{}", kind.id, documented.name()))
                );
            }
            None => assert_eq!(alias.status, 2, "{}: {}", kind.id, alias.stderr),
        }
        let unknown = run(&[
            "validate",
            "--kind",
            &format!("{}@1999", kind.id),
            &files[0],
        ]);
        assert_eq!(unknown.status, 2);
        let error = schema_types::api::select(&format!("{}@1999", kind.id)).unwrap_err();
        assert!(
            unknown.stderr.contains(&error.to_string()),
            "{}",
            unknown.stderr
        );
    }
}
