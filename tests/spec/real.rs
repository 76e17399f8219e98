//! The real-traffic corpus, `tests/real/<vendor>/<payload>/`: documents shaped like what the
//! emitters really send (from `../shared/upstream-notes.md` and the products' code), each with a
//! sidecar `<case>.case.json` naming the variant it shows and the source it comes from.
//!
//! An `accepted` document must be valid for the kind its folder names, by the generated
//! validator and by `jsonschema` on the published schema alike; a `rejected` one is its
//! counterpart, showing that the rule still bites beside the variant, with the complete set of
//! violations in its sidecar. Every variant accepted has a rejected counterpart, and every
//! payload the pages document has at least three real-shaped documents.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use integration_tests::cases::{Listed, documents, era, listed, read_json};
use schema_types::validate::Limits;
use schema_types::{Layer, PAYLOADS, PayloadKind, api, registry};
use serde_json::Value;

use crate::agreement::{agreement, violation_set};

/// One document of the corpus and what its sidecar says.
struct RealCase {
    path: PathBuf,
    kind: &'static PayloadKind,
    document: Value,
    accepted: bool,
    variant: String,
    /// For a kind with eras, the era its report names: the one it matched, or the closest.
    era: Option<String>,
    expected: BTreeSet<Listed>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("real")
}

fn real_cases() -> Vec<RealCase> {
    let root = root();
    let mut cases = Vec::new();
    for vendor in std::fs::read_dir(&root).expect("tests/real exists") {
        let vendor = vendor.expect("readable").path();
        for folder in std::fs::read_dir(&vendor).expect("readable") {
            let folder = folder.expect("readable").path();
            let id = format!(
                "{}/{}",
                vendor.file_name().unwrap().to_string_lossy(),
                folder.file_name().unwrap().to_string_lossy()
            );
            let kind = registry::find(&id)
                .unwrap_or_else(|| panic!("{}: no payload kind {id}", folder.display()));
            for path in documents(&folder, ".case.json").expect("readable") {
                let sidecar = read_json(&path.with_extension("case.json"));
                let verdict = sidecar["verdict"].as_str().expect("a verdict");
                assert!(
                    ["accepted", "rejected"].contains(&verdict),
                    "{}: verdict {verdict}",
                    path.display()
                );
                for key in ["variant", "source", "description"] {
                    assert!(
                        sidecar[key]
                            .as_str()
                            .is_some_and(|text| !text.trim().is_empty()),
                        "{}: sidecar without `{key}`",
                        path.display()
                    );
                }
                let expected = sidecar["violations"]
                    .as_array()
                    .map(|violations| listed(violations))
                    .unwrap_or_default();
                let era = era(&sidecar, kind, &path);
                cases.push(RealCase {
                    document: read_json(&path),
                    path,
                    kind,
                    accepted: verdict == "accepted",
                    variant: sidecar["variant"].as_str().unwrap().to_owned(),
                    era,
                    expected,
                });
            }
        }
    }
    cases
}

#[test]
fn real_documents_get_the_verdict_their_sidecars_give_by_both_validators() {
    let cases = real_cases();
    assert!(!cases.is_empty());
    for case in &cases {
        let report = agreement(case.kind, &case.document)
            .unwrap_or_else(|disagreement| panic!("{}: {disagreement}", case.path.display()));
        assert_eq!(
            report.era(),
            case.era.as_deref(),
            "{}: held against another era",
            case.path.display()
        );
        if case.accepted {
            assert!(
                report.is_valid(),
                "{} is rejected:\n{report}",
                case.path.display()
            );
            assert!(case.expected.is_empty(), "{}", case.path.display());
            // The type keeps what it accepts, member order included.
            let again = case.kind.round_trip(case.document.clone()).unwrap();
            assert_eq!(
                serde_json::to_string(&again).unwrap(),
                serde_json::to_string(&case.document).unwrap(),
                "{}: changed through a round-trip",
                case.path.display()
            );
        } else {
            let found = violation_set(&report);
            assert!(!found.is_empty(), "{} is accepted", case.path.display());
            assert_eq!(found, case.expected, "{}", case.path.display());
        }
    }
}

#[test]
fn every_variant_accepted_has_a_rejected_counterpart() {
    let mut variants: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for case in &real_cases() {
        let entry = variants
            .entry((case.kind.id, leak(&case.variant)))
            .or_default();
        if case.accepted {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let lonely: Vec<String> = variants
        .iter()
        .filter(|((_, variant), _)| !variant.is_empty())
        .filter(|(_, (accepted, rejected))| *accepted > 0 && *rejected == 0)
        .map(|((id, variant), _)| format!("{id}: {variant}"))
        .collect();
    assert!(
        lonely.is_empty(),
        "variants with no rejected counterpart: {lonely:#?}"
    );
}

/// Detected as its kind, or as a kind that refines it (a Console message that shows a runtime
/// error's signature), and judged as its kind: a document the refinement refuses goes back to the
/// kind it refines.
#[test]
fn every_accepted_document_is_detected_as_its_kind_whatever_its_era() {
    for case in real_cases().iter().filter(|case| case.accepted) {
        let bytes = serde_json::to_vec(&case.document).expect("a value serialises");
        let from_bytes = api::detect_slice(&bytes).expect("JSON bytes");
        for detection in [api::detect(&case.document), from_bytes] {
            assert!(
                detection
                    .kind()
                    .is_some_and(|detected| case.kind.detects_as(detected)),
                "{}: {detection}",
                case.path.display()
            );
        }
        let judgement = api::judge(&bytes);
        assert!(judgement.is_valid(), "{}", case.path.display());
        let judged = judgement.kind().expect("a kind");
        assert!(
            case.kind.detects_as(judged),
            "{}: judged as {}",
            case.path.display(),
            judged.id
        );
    }
}

#[test]
fn an_accepted_document_of_a_kind_with_eras_is_valid_under_its_era_alone() {
    let cases = real_cases();
    let with_eras = cases
        .iter()
        .filter(|case| case.accepted && !case.kind.eras.is_empty());
    for case in with_eras {
        let named = case.era.as_deref().expect("an era");
        let bytes = serde_json::to_vec(&case.document).expect("a value serialises");
        for era in case.kind.eras {
            let selection = api::select(&format!("{}@{}", case.kind.id, era.name())).unwrap();
            let report = selection.validate_slice_with(&bytes, Limits::DEFAULT);
            assert_eq!(report.era(), Some(era.name()));
            assert_eq!(
                report.is_valid(),
                era.name() == named,
                "{} as {selection}: {report}",
                case.path.display()
            );
        }
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// Every payload the products send (not the CLI's configuration file, not the layers derived
/// from a payload) has at least three accepted real-shaped documents, in one of its layers.
#[test]
fn every_payload_has_three_real_documents() {
    let cases = real_cases();
    let mut short = Vec::new();
    for kind in PAYLOADS
        .iter()
        .filter(|kind| crate::layers::base_of(kind).is_none())
        .filter(|kind| kind.layer != Layer::ConfigFile)
    {
        let family: Vec<&RealCase> = cases
            .iter()
            .filter(|case| {
                case.accepted
                    && (case.kind.id == kind.id
                        || crate::layers::base_of(case.kind).is_some_and(|base| base.id == kind.id))
            })
            .collect();
        if family.len() < 3 {
            short.push(format!("{}: {}", kind.id, family.len()));
        }
    }
    assert!(
        short.is_empty(),
        "payloads with fewer than 3 real documents: {short:#?}"
    );
}
