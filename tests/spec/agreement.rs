//! The key property: each payload's generated validator accepts a document exactly when the
//! `jsonschema` crate (formats on) accepts it against the published schema, both report the same
//! set of instance paths when they reject, and whatever the validator accepts deserialises into
//! the type and serialises back to an equal document.
//!
//! Checked three ways: on the documented examples (with their recorded value errata), on the
//! hand-written invalid corpus in `tests/invalid/`, and on documents made by mutating valid
//! fixtures (property tests; `PROPTEST_CASES` sets the number of cases per payload, 2,000 by
//! default).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use integration_tests::cases::{Listed, documents, era, listed, read_json};
use integration_tests::paths::{self, node_mut};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use schema_types::corpus;
use schema_types::validate::{Report, Rule};
use schema_types::{PAYLOADS, PayloadKind};
use serde_json::{Value, json};

use crate::corpus::{errata_of, page_examples};

pub(crate) use integration_tests::agreement::agreement;

/// What a sidecar lists of a report: each violation's (pointer, rule, member).
pub(crate) fn violation_set(report: &Report) -> BTreeSet<Listed> {
    report
        .violations()
        .iter()
        .map(|v| {
            (
                v.pointer.clone(),
                v.rule.name().to_owned(),
                v.member.clone(),
            )
        })
        .collect()
}

fn rule_of_keyword(keyword: &str) -> Rule {
    match keyword {
        "pattern" => Rule::Pattern,
        "format" => Rule::Format,
        other => panic!("no rule for keyword {other}"),
    }
}

#[test]
fn documented_examples_agree_and_report_exactly_their_errata() {
    for (kind, document) in page_examples() {
        let report =
            agreement(kind, &document).unwrap_or_else(|disagreement| panic!("{disagreement}"));
        let found: BTreeSet<(String, Rule)> = report
            .violations()
            .iter()
            .map(|v| (v.pointer.clone(), v.rule))
            .collect();
        let expected: BTreeSet<(String, Rule)> = errata_of(kind)
            .into_iter()
            .map(|(pointer, keyword)| (pointer, rule_of_keyword(keyword)))
            .collect();
        assert_eq!(found, expected, "{}", kind.id);
    }
}

/// One case of `tests/invalid/`: the document and what its sidecar says it breaks.
pub(crate) struct InvalidCase {
    pub(crate) path: PathBuf,
    pub(crate) kind: &'static PayloadKind,
    pub(crate) document: Value,
    pub(crate) expected: BTreeSet<Listed>,
    /// For a kind with eras, the era the report is held against (the sidecar's `era`).
    pub(crate) era: Option<String>,
}

pub(crate) fn invalid_cases() -> Vec<InvalidCase> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("invalid");
    let mut cases = Vec::new();
    for kind in PAYLOADS {
        let Ok(paths) = documents(&root.join(kind.id), ".expected.json") else {
            continue;
        };
        for path in paths {
            let sidecar = path.with_extension("expected.json");
            assert!(
                sidecar.is_file(),
                "{} has no sidecar {}",
                path.display(),
                sidecar.display()
            );
            let sidecar = read_json(&sidecar);
            let expected = listed(
                sidecar["violations"]
                    .as_array()
                    .expect("a `violations` array"),
            );
            let era = era(&sidecar, kind, &path);
            cases.push(InvalidCase {
                document: read_json(&path),
                path,
                kind,
                expected,
                era,
            });
        }
    }
    cases
}

#[test]
fn the_invalid_corpus_is_rejected_as_its_sidecars_say_by_both() {
    let cases = invalid_cases();
    // The Hasura wire and row layers derived from a payload take its cases, wrapped
    // (`layers.rs`); every other kind has its own.
    for kind in PAYLOADS
        .iter()
        .filter(|kind| crate::layers::base_of(kind).is_none())
    {
        let count = cases.iter().filter(|case| case.kind.id == kind.id).count();
        assert!(count >= 6, "{}: only {count} invalid documents", kind.id);
    }
    for case in &cases {
        let report = agreement(case.kind, &case.document)
            .unwrap_or_else(|disagreement| panic!("{}: {disagreement}", case.path.display()));
        assert!(!report.is_valid(), "{} is accepted", case.path.display());
        let found = violation_set(&report);
        assert_eq!(found, case.expected, "{}", case.path.display());
        assert_eq!(
            report.era(),
            case.era.as_deref(),
            "{}: held against another era",
            case.path.display()
        );
    }
}

#[test]
fn every_fixture_default_is_valid() {
    for kind in PAYLOADS {
        let fixture = kind.fixture();
        let report =
            agreement(kind, &fixture).unwrap_or_else(|disagreement| panic!("{disagreement}"));
        assert!(report.is_valid(), "{}: {report}", kind.id);
        assert_eq!(
            serde_json::to_string(&fixture).unwrap(),
            serde_json::to_string(&kind.fixture()).unwrap()
        );
    }
}

#[test]
fn random_fixtures_are_valid_and_agree() {
    for kind in PAYLOADS {
        let mut runner = TestRunner::new(Config {
            cases: cases() / 4,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&any::<u64>(), |seed| {
                let document = kind.random(seed);
                let report = agreement(kind, &document).map_err(TestCaseError::fail)?;
                prop_assert!(
                    report.is_valid(),
                    "{}: seed {seed}: {report}\n{document}",
                    kind.id
                );
                prop_assert_eq!(
                    &document,
                    &kind.random(seed),
                    "the same seed gives the same document"
                );
                Ok(())
            })
            .unwrap_or_else(|error| panic!("{}: {error}", kind.id));
    }
}

/// The number of property-test cases per payload: `PROPTEST_CASES`, else 2,000.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

/// Valid documents to mutate: the fixture defaults, random valid fixtures and the valid
/// documented examples.
fn seeds(kind: &PayloadKind) -> Vec<Value> {
    let mut seeds = vec![kind.fixture()];
    seeds.extend((0..16).map(|seed| kind.random(seed)));
    if let Some(location) = kind.example {
        let example = corpus::example_document(location).expect("the example reads");
        if kind.validate(&example).is_valid() {
            seeds.push(example);
        }
    }
    seeds
}

#[test]
fn mutated_documents_agree() {
    for kind in PAYLOADS {
        let seeds = seeds(kind);
        let mut runner = TestRunner::new(Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        });
        let strategy = (0..seeds.len(), prop::collection::vec(mutation(), 1..4));
        runner
            .run(&strategy, |(seed, mutations)| {
                let mut document = seeds[seed].clone();
                for mutation in &mutations {
                    mutation.apply(&mut document);
                }
                agreement(kind, &document)
                    .map(|_| ())
                    .map_err(TestCaseError::fail)
            })
            .unwrap_or_else(|error| panic!("{}: {error}", kind.id));
    }
}

/// One change to a document, at a node chosen by `at` among all nodes (in document order).
#[derive(Clone, Debug)]
struct Mutation {
    at: prop::sample::Index,
    change: Change,
}

#[derive(Clone, Debug)]
enum Change {
    /// Drop the node from its parent (a member or an item).
    Remove,
    /// Put another value in its place.
    Replace(Value),
    /// Add a member to an object (or to the nearest object above).
    AddMember(String, Value),
    /// Edit a string by one character, or a number by a little.
    Nudge(u8, char),
    /// Wrap the node in an array or an object.
    Nest(bool),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let value = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        prop_oneof![
            Just(-1.5),
            Just(0.5),
            Just(2.0),
            Just(1e300),
            Just(9_007_199_254_740_992.0),
            any::<f64>()
        ]
        .prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("00000000-0000-0000-0000-000000000000"),
            Just("2019-01-21T19:43:33.63838+00:00"),
            Just("2020-02-30T10:00:00Z"),
            Just("not-a-uuid"),
            Just(""),
            Just("a@b.co"),
            Just("::1"),
            Just("256.1.1.1"),
            Just("609ce8fb4092701c69df984G"),
            Just("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"),
            Just("view"),
            Just("PUBLISHED"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
        Just(json!([])),
        Just(json!({})),
        Just(json!([{"value": 1}])),
    ];
    let change = prop_oneof![
        2 => Just(Change::Remove),
        4 => value.clone().prop_map(Change::Replace),
        2 => ("[a-z_$/~]{1,8}", value).prop_map(|(name, value)| Change::AddMember(name, value)),
        3 => (any::<u8>(), any::<char>()).prop_map(|(how, c)| Change::Nudge(how, c)),
        1 => any::<bool>().prop_map(Change::Nest),
    ];
    (any::<prop::sample::Index>(), change).prop_map(|(at, change)| Mutation { at, change })
}

impl Mutation {
    fn apply(&self, document: &mut Value) {
        let paths = paths::all(document);
        let path = &paths[self.at.index(paths.len())];
        match &self.change {
            Change::Remove => paths::remove(document, path),
            Change::Replace(value) => *node_mut(document, path) = value.clone(),
            Change::AddMember(name, value) => {
                if let Some(members) = paths::nearest_object(document, path) {
                    members.insert(name.clone(), value.clone());
                }
            }
            Change::Nudge(how, c) => nudge(node_mut(document, path), *how, *c),
            Change::Nest(as_array) => {
                let node = node_mut(document, path);
                let inner = node.take();
                *node = if *as_array {
                    json!([inner])
                } else {
                    json!({ "value": inner })
                };
            }
        }
    }
}

fn nudge(node: &mut Value, how: u8, c: char) {
    match node {
        Value::String(text) => paths::edit_text(text, how, usize::from(how), c),
        Value::Number(number) => {
            let base = number.as_f64().unwrap_or(0.0);
            let changed = match how % 4 {
                0 => base + 1.0,
                1 => -base - 1.0,
                2 => base + 0.5,
                _ => base * 1e20,
            };
            if let Some(changed) = serde_json::Number::from_f64(changed) {
                *number = changed;
            }
        }
        Value::Bool(flag) => *node = json!(if *flag { "true" } else { "false" }),
        _ => {}
    }
}

#[test]
fn the_mutator_changes_documents() {
    // Guards the property test against a mutator that silently does nothing.
    let kind = &PAYLOADS[0];
    let seed = kind.fixture();
    let mut runner = TestRunner::deterministic();
    let mut changed = 0;
    for _ in 0..200 {
        let mutation = mutation().new_tree(&mut runner).unwrap().current();
        let mut document = seed.clone();
        mutation.apply(&mut document);
        if document != seed {
            changed += 1;
        }
    }
    assert!(
        changed > 150,
        "only {changed} of 200 mutations changed the document"
    );
}
