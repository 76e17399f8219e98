//! Judging an object takes time linear in its members, wherever members are read: a struct's
//! unknown members, the unknown members beside a flattened struct's, a map's entries and an
//! open struct's extra members, and the members of an object that is skipped (a wrong type, an
//! unknown member's value, a value of any content). An untrusted sender chooses how many there
//! are.
//!
//! Each case is judged with 10,000 and with 100,000 members in one run, and the time per member
//! of the larger may grow at most 2.5 times from the smaller's, beyond what reading the same
//! bytes with `serde_json` (into `IgnoredAny`, linear) grows: ten times the bytes leave the
//! caches, which slows every reader of them alike (up to 2.5x per member on a 2-core machine),
//! and only what judging adds to that is its own. A quadratic cost gives ten times (comparing
//! each name with every earlier one, before `Names`, gave 6.5 to 50 times, reading included).
//! Never an absolute time. The two sizes are timed in turns, shortest of five each, so that a
//! load on the machine falls on both. Ignored by default (timing wants a quiet machine, and
//! takes seconds); `.ci/run` runs it with `--ignored`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use schema_types::validate::{Report, Validate};
use schema_types::{PayloadKind, registry};
use serde::de::IgnoredAny;
use serde_json::{Map, Value, json};

const SMALL: usize = 10_000;
const LARGE: usize = 100_000;

/// How much the time per member may grow from [`SMALL`] to [`LARGE`] members, beyond what it
/// grows when the same bytes are only read.
const MAX_RATIO: f64 = 2.5;

fn kind(id: &str) -> &'static PayloadKind {
    registry::find(id).expect("a registered payload")
}

/// `count` members named `{prefix}{index}`, each with the value `value(index)`.
fn members(prefix: &str, count: usize, value: impl Fn(usize) -> Value) -> Map<String, Value> {
    (0..count)
        .map(|index| (format!("{prefix}{index}"), value(index)))
        .collect()
}

/// `count` members named `{prefix}{index}`, each with its index for value.
fn numbered(prefix: &str, count: usize) -> Map<String, Value> {
    members(prefix, count, |index| json!(index))
}

/// Adds `members` to the object `object`.
fn extend(object: &mut Value, members: Map<String, Value>) {
    object.as_object_mut().expect("an object").extend(members);
}

/// A document of `count` members at one place, and what judging it must find.
struct Case {
    name: &'static str,
    /// The bytes with `count` members.
    document: fn(usize) -> Vec<u8>,
    /// Judges the bytes.
    judge: fn(&[u8]) -> Report,
    /// How many violations the report must count with `count` members.
    violations: fn(usize) -> usize,
}

/// The server fixture with `edit` applied.
fn server(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut document = kind("hasura/server-telemetry").fixture();
    edit(&mut document);
    serde_json::to_vec(&document).expect("a value serialises")
}

/// Judges `bytes` as a server report.
fn judge_server(bytes: &[u8]) -> Report {
    kind("hasura/server-telemetry").validate_slice(bytes)
}

fn usage_metrics(count: usize) -> Value {
    let mut document = kind("hasura/ee-usage-metrics").fixture();
    let metrics = members(
        "other_metric_",
        count,
        |index| json!([{ "value": index, "outcome": "hit" }]),
    );
    extend(&mut document["metrics"], metrics);
    document
}

const CASES: &[Case] = &[
    Case {
        name: "struct-members-unknown",
        document: |count| {
            server(|document| extend(&mut document["metrics"], numbered("unknown_", count)))
        },
        judge: judge_server,
        violations: |count| count,
    },
    Case {
        name: "flattened-members-unknown",
        document: |count| server(|document| extend(document, numbered("unknown_", count))),
        judge: judge_server,
        violations: |count| count,
    },
    Case {
        name: "extra-members",
        document: |count| serde_json::to_vec(&usage_metrics(count)).expect("serialises"),
        judge: |bytes| kind("hasura/ee-usage-metrics").validate_slice(bytes),
        violations: |_| 0,
    },
    Case {
        name: "extra-members-of-a-sample",
        document: |count| {
            let mut document = kind("hasura/ee-usage-metrics").fixture();
            let mut sample = members("label_", count, |_| json!("hit"));
            sample.insert("value".to_owned(), json!(1));
            document["metrics"]["other_metric"] = json!([sample]);
            serde_json::to_vec(&document).expect("serialises")
        },
        judge: |bytes| kind("hasura/ee-usage-metrics").validate_slice(bytes),
        violations: |_| 0,
    },
    Case {
        name: "map-entries",
        document: |count| serde_json::to_vec(&numbered("entry_", count)).expect("JSON"),
        judge: |bytes| BTreeMap::<String, u64>::validate_slice(bytes),
        violations: |_| 0,
    },
    Case {
        name: "skipped-object-of-a-wrong-type",
        document: |count| {
            server(|document| document["version"] = numbered("member_", count).into())
        },
        judge: judge_server,
        violations: |_| 1,
    },
    Case {
        name: "skipped-object-of-an-unknown-member",
        document: |count| {
            server(|document| document["unknown"] = numbered("member_", count).into())
        },
        judge: judge_server,
        violations: |_| 1,
    },
    Case {
        name: "skipped-object-of-any-content",
        document: |count| {
            let mut document = kind("hasura/cli-execution").fixture();
            document["payload"] = numbered("member_", count).into();
            serde_json::to_vec(&document).expect("serialises")
        },
        judge: |bytes| kind("hasura/cli-execution").validate_slice(bytes),
        violations: |_| 0,
    },
];

/// How many times each size is timed, in turns.
const ROUNDS: usize = 5;

/// The shortest time of `work` on each of `inputs` over [`ROUNDS`] rounds, the inputs timed in
/// turn in every round, and what `work` gave on each.
fn shortest<T>(inputs: &[Vec<u8>], work: impl Fn(&[u8]) -> T) -> (Vec<Duration>, Vec<T>) {
    let mut best = vec![Duration::MAX; inputs.len()];
    let mut results: Vec<Option<T>> = inputs.iter().map(|_| None).collect();
    for _ in 0..ROUNDS {
        for (index, bytes) in inputs.iter().enumerate() {
            let start = Instant::now();
            let result = work(bytes);
            best[index] = best[index].min(start.elapsed());
            results[index] = Some(result);
        }
    }
    let results = results
        .into_iter()
        .map(|result| result.expect("timed at least once"))
        .collect();
    (best, results)
}

/// How much the time per member grows from [`SMALL`] to [`LARGE`] members.
fn growth(times: &[Duration]) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let per_member = |time: Duration, count: usize| time.as_secs_f64() / count as f64;
    per_member(times[1], LARGE) / per_member(times[0], SMALL)
}

#[test]
#[ignore = "timing: run alone, with --ignored (.ci/run does)"]
fn members_are_judged_in_linear_time() {
    let mut slow = Vec::new();
    for case in CASES {
        let inputs: Vec<Vec<u8>> = [SMALL, LARGE]
            .iter()
            .map(|&count| (case.document)(count))
            .collect();
        let (judged, reports) = shortest(&inputs, case.judge);
        for (count, report) in [SMALL, LARGE].into_iter().zip(&reports) {
            assert_eq!(
                report.total(),
                (case.violations)(count),
                "{} with {count} members: {report}",
                case.name
            );
        }
        let (read, _) = shortest(&inputs, |bytes| {
            serde_json::from_slice::<IgnoredAny>(bytes).expect("JSON")
        });
        let (judging, reading) = (growth(&judged), growth(&read));
        let ratio = judging / reading;
        #[allow(clippy::cast_precision_loss)]
        let nanos = |time: Duration, count: usize| time.as_secs_f64() * 1e9 / count as f64;
        eprintln!(
            "{:<36} {:>7.1} / {:>7.1} ns per member at {SMALL} / {LARGE}: {judging:.2}x, \
             reading {reading:.2}x, judging's own {ratio:.2}x",
            case.name,
            nanos(judged[0], SMALL),
            nanos(judged[1], LARGE),
        );
        if ratio > MAX_RATIO {
            slow.push(format!("{}: {ratio:.2}x", case.name));
        }
    }
    assert!(
        slow.is_empty(),
        "time per member grows with the number of members: {slow:?}"
    );
}

/// A usage report with 40,000 metrics the page does not print is valid, on both paths and for
/// `jsonschema`.
#[test]
#[ignore = "large: run with --ignored (.ci/run does)"]
fn a_usage_report_with_40000_metrics_is_valid() {
    let document = usage_metrics(40_000);
    let report = crate::agreement::agreement(kind("hasura/ee-usage-metrics"), &document)
        .unwrap_or_else(|disagreement| panic!("{disagreement}"));
    assert!(report.is_valid(), "{report}");
}
