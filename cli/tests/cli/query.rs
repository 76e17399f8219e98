//! `query ...` against a receiver process on loopback: documents are sent to it over HTTP, then
//! each question is asked with the binary and its output checked against what was sent (bodies
//! byte for byte, counts, kinds and versions from the library's registry). A wait ends as soon
//! as its count is reached, and at its timeout with exit status 1.

use std::time::{Duration, Instant};

use schema_types::registry;
use serde::Deserialize;
use serde_json::Value;

use crate::receiver::{Receiver, client, start_with};
use crate::support::{Run, TempDir, run, run_with_env};

const WIRE: &str = "hasura/cli-execution-wire";
const PULSE: &str = "appsmith/usage-pulse";

/// `telemetry-spec query --url URL ARGS...`.
fn query(receiver: &Receiver, args: &[&str]) -> Run {
    let mut all = vec!["query", "--url", &receiver.url];
    all.extend_from_slice(args);
    run(&all)
}

/// A receiver for one test, its store in a folder of its own, removed once the receiver is
/// stopped.
struct Started {
    receiver: Receiver,
    _directory: TempDir,
}

impl std::ops::Deref for Started {
    type Target = Receiver;

    fn deref(&self) -> &Receiver {
        &self.receiver
    }
}

/// A receiver started with `options`, its store in a fresh folder named `name`.
fn started(name: &str, options: &[&str]) -> Started {
    let directory = TempDir::new(name);
    let receiver = start_with(&directory.0.join("store.db"), options);
    Started {
        receiver,
        _directory: directory,
    }
}

/// The JSON of each line `query ARGS...` prints, which must succeed.
fn answered(receiver: &Receiver, args: &[&str]) -> Vec<Value> {
    let run = query(receiver, args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    lines(&run.stdout)
}

/// The JSON of each line of `stdout`.
fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect()
}

/// A Hasura CLI message (valid), unique by `n`.
fn cli_message(n: usize) -> String {
    let mut message = registry::find(WIRE).unwrap().fixture();
    message["data"]["execution_id"] = format!("00000000-0000-4000-8000-{n:012x}").into();
    serde_json::to_string(&message).unwrap()
}

/// A Hasura CLI message without its members: invalid (`required`).
const INVALID_CLI_MESSAGE: &str = r#"{"topic": "cli", "data": {}}"#;

/// Posts `body` to `path` of the receiver; 200 expected.
fn send(receiver: &Receiver, path: &str, body: &str) {
    let response = client()
        .post(format!("{}{path}", receiver.url))
        .body(body.to_owned())
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "{path}");
}

/// The documents every test starts from, in order: two valid CLI messages, an invalid one, and
/// a usage pulse through `/validate`.
fn sent(receiver: &Receiver) -> Vec<String> {
    let pulse = serde_json::to_string(&registry::find(PULSE).unwrap().fixture()).unwrap();
    let bodies = vec![
        cli_message(1),
        cli_message(2),
        INVALID_CLI_MESSAGE.to_owned(),
        pulse,
    ];
    for body in &bodies[..3] {
        send(receiver, "/v1/http", body);
    }
    send(receiver, &format!("/validate/{PULSE}"), &bodies[3]);
    bodies
}

fn version(id: &str) -> String {
    registry::find(id).unwrap().version.to_string()
}

#[test]
fn summary_counts_what_was_sent_per_kind_and_version() {
    let receiver = started("query-summary", &[]);
    sent(&receiver);
    let run = query(&receiver, &["summary"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let answers = lines(&run.stdout);
    assert_eq!(answers.len(), 1, "one answer, one line: {}", run.stdout);
    let summary = &answers[0];
    assert_eq!(
        (
            &summary["documents"],
            &summary["valid"],
            &summary["invalid"]
        ),
        (&Value::from(4), &Value::from(3), &Value::from(1))
    );
    let kinds: Vec<(String, String, u64, u64)> = summary["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|kind| {
            (
                kind["kind"].as_str().unwrap().to_owned(),
                kind["version"].as_str().unwrap().to_owned(),
                kind["valid"].as_u64().unwrap(),
                kind["invalid"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            (PULSE.to_owned(), version(PULSE), 1, 0),
            (WIRE.to_owned(), version(WIRE), 2, 1),
        ]
    );

    let human = query(&receiver, &["summary", "--format", "human"]);
    assert_eq!(human.status, 0, "{}", human.stderr);
    assert!(
        human
            .stdout
            .starts_with("4 documents: 3 valid, 1 invalid\n"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains(&format!("  {WIRE} {}: 2 valid, 1 invalid\n", version(WIRE))),
        "{}",
        human.stdout
    );
}

#[test]
fn documents_are_filtered_paged_and_followed_to_the_end() {
    let receiver = started("query-documents", &[]);
    let bodies = sent(&receiver);

    // One page, as the receiver answers it.
    let page = &answered(&receiver, &["documents", "--valid", "false"])[0];
    let documents = page["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0]["body"], INVALID_CLI_MESSAGE);
    assert_eq!(documents[0]["kind"], WIRE);
    assert_eq!(
        documents[0]["verdict"]["report"]["violations"][0]["rule"],
        "required"
    );
    assert_eq!(page["next"], Value::Null);

    // Filters: kind, rule, valid together.
    let run = query(&receiver, &["documents", "--kind", WIRE, "--valid", "true"]);
    let page = &lines(&run.stdout)[0];
    let found: Vec<&str> = page["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|document| document["body"].as_str().unwrap())
        .collect();
    assert_eq!(found, [bodies[0].as_str(), bodies[1].as_str()]);
    let run = query(&receiver, &["documents", "--rule", "required"]);
    assert_eq!(
        lines(&run.stdout)[0]["documents"].as_array().unwrap().len(),
        1
    );
    let run = query(&receiver, &["documents", "--since", "2999-01-01T00:00:00Z"]);
    assert_eq!(lines(&run.stdout)[0]["documents"], Value::Array(Vec::new()));

    // A page of one says where the next starts.
    let run = query(&receiver, &["documents", "--limit", "1"]);
    let page = &lines(&run.stdout)[0];
    let next = page["next"]
        .as_str()
        .expect("a full page has a next")
        .to_owned();
    let run = query(&receiver, &["documents", "--limit", "1", "--cursor", &next]);
    assert_eq!(
        lines(&run.stdout)[0]["documents"][0]["body"],
        bodies[1].as_str()
    );

    // `--all` follows the cursor through pages of one: every document, once, in order, one
    // per line.
    let documents = answered(&receiver, &["documents", "--all", "--limit", "1"]);
    let found: Vec<&str> = documents
        .iter()
        .map(|document| document["body"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = bodies.iter().map(String::as_str).collect();
    assert_eq!(found, expected);
    let ids: Vec<u64> = documents
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "{ids:?}");

    let human = query(
        &receiver,
        &[
            "documents",
            "--all",
            "--valid",
            "false",
            "--format",
            "human",
        ],
    );
    assert_eq!(human.status, 0, "{}", human.stderr);
    let shown: Vec<&str> = human.stdout.lines().collect();
    assert_eq!(shown.len(), 1, "{}", human.stdout);
    assert!(
        shown[0].contains(&format!("/v1/http {WIRE} {}: invalid: ", version(WIRE)))
            && shown[0].contains("required at /data"),
        "{}",
        shown[0]
    );
}

#[test]
fn a_bad_question_is_the_receivers_message_and_status_2() {
    let receiver = started("query-bad", &[]);
    let run = query(&receiver, &["documents", "--since", "yesterday"]);
    assert_eq!(run.status, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("answered 400")
            && run.stderr.contains("`since` is not an RFC 3339 time"),
        "{}",
        run.stderr
    );
    let run = query(&receiver, &["documents", "--valid", "maybe"]);
    assert_eq!(run.status, 2, "a usage error");
}

#[test]
fn a_receiver_that_is_not_there_is_status_2() {
    // A port just freed: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let run = run(&["query", "--url", &url, "summary"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains(&format!("cannot reach {url}/api/summary")),
        "{}",
        run.stderr
    );
}

#[test]
fn wait_ends_as_soon_as_the_count_is_reached() {
    let receiver = started("query-wait", &[]);
    sent(&receiver);
    // Reached already: answered at once.
    let answer = answered(
        &receiver,
        &["wait", "--kind", WIRE, "--count", "3", "--timeout", "60"],
    );
    assert_eq!(answer[0], serde_json::json!({"count": 3, "reached": true}));

    // Not yet: two more valid messages arrive while it waits, and it ends with them, long
    // before its timeout.
    let url = receiver.url.clone();
    let started = Instant::now();
    let waiting = std::thread::spawn(move || {
        let args = [
            "query",
            "--url",
            &url,
            "wait",
            "--kind",
            WIRE,
            "--valid",
            "true",
            "--count",
            "4",
            "--timeout",
            "300",
        ];
        (crate::support::run(&args), started.elapsed())
    });
    // Sent while the wait runs (it may start after them: then it is answered at once).
    std::thread::sleep(Duration::from_millis(300));
    send(&receiver, "/v1/http", &cli_message(3));
    send(&receiver, "/v1/http", &cli_message(4));
    let (run, elapsed) = waiting.join().unwrap();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        lines(&run.stdout)[0],
        serde_json::json!({"count": 4, "reached": true})
    );
    assert!(elapsed < Duration::from_secs(120), "took {elapsed:?}");

    let human = query(&receiver, &["wait", "--count", "1", "--format", "human"]);
    assert_eq!(human.stdout, "reached: 6 matching documents\n");
}

#[test]
fn wait_fails_at_its_timeout() {
    let receiver = started("query-timeout", &[]);
    sent(&receiver);
    let started = Instant::now();
    let run = query(
        &receiver,
        &["wait", "--valid", "false", "--count", "2", "--timeout", "1"],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(
        lines(&run.stdout)[0],
        serde_json::json!({"count": 1, "reached": false})
    );
    let human = query(
        &receiver,
        &[
            "wait",
            "--kind",
            "none",
            "--timeout",
            "0",
            "--format",
            "human",
        ],
    );
    assert_eq!(human.status, 1);
    assert_eq!(
        human.stdout,
        "timed out after 0 seconds: 0 of 1 matching documents\n"
    );
}

#[test]
fn coverage_names_the_kinds_seen_and_the_ones_never_seen() {
    let receiver = started("query-coverage", &[]);
    sent(&receiver);
    let coverage = &answered(&receiver, &["coverage"])[0];
    let seen: Vec<&str> = coverage["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|kind| !kind["seen"].as_array().unwrap().is_empty())
        .map(|kind| kind["kind"].as_str().unwrap())
        .collect();
    let mut expected = [WIRE, PULSE];
    expected.sort_by_key(|id| registry::PAYLOADS.iter().position(|kind| kind.id == *id));
    assert_eq!(seen, expected);
    let unseen = Vec::<&str>::deserialize(&coverage["unseen"]).unwrap();
    let declared: Vec<&str> = registry::PAYLOADS
        .iter()
        .map(|kind| kind.id)
        .filter(|id| !expected.contains(id))
        .collect();
    assert_eq!(unseen, declared);
    assert_eq!(coverage["invalid"], 1);

    // Members: those the two valid CLI messages hold, of those the schema declares.
    let wire = coverage["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|kind| kind["kind"] == WIRE)
        .unwrap();
    let members = wire["members"].as_array().unwrap();
    let held = |member: &&Value| {
        let message: Value = serde_json::from_str(&cli_message(1)).unwrap();
        message
            .pointer(member["pointer"].as_str().unwrap())
            .is_some()
    };
    for member in members {
        let expected = if held(&member) { 2 } else { 0 };
        assert_eq!(member["documents"], expected, "{member}");
    }
    let seen = members.iter().filter(held).count();

    let human = query(&receiver, &["coverage", "--format", "human"]);
    assert!(
        human.stdout.contains(&format!(
            "seen: {WIRE}: {} (2 valid, 1 invalid)\n  members seen: {seen} of {}\n",
            version(WIRE),
            members.len()
        )),
        "{}",
        human.stdout
    );
}

#[test]
fn reset_deletes_every_document() {
    let receiver = started("query-reset", &[]);
    sent(&receiver);
    let deleted = answered(&receiver, &["reset"]);
    assert_eq!(deleted[0], serde_json::json!({"deleted": 4}));
    let run = query(&receiver, &["summary"]);
    assert_eq!(lines(&run.stdout)[0]["documents"], 0);
    let run = query(&receiver, &["reset", "--format", "human"]);
    assert_eq!(run.stdout, "deleted 0 documents\n");
}

#[test]
fn the_token_is_read_from_the_option_or_the_environment() {
    let receiver = started("query-token", &["--token", "s3cret"]);
    let refused = query(&receiver, &["summary"]);
    assert_eq!(refused.status, 2);
    assert!(
        refused.stderr.contains("answered 401"),
        "{}",
        refused.stderr
    );
    let wrong = query(&receiver, &["summary", "--token", "other"]);
    assert_eq!(wrong.status, 2);
    let given = query(&receiver, &["summary", "--token", "s3cret"]);
    assert_eq!(given.status, 0, "{}", given.stderr);
    assert_eq!(lines(&given.stdout)[0]["documents"], 0);
    let url = receiver.url.clone();
    let from_env = run_with_env(
        &["query", "summary"],
        b"",
        &[
            ("TELEMETRY_SPEC_TOKEN", "s3cret"),
            ("TELEMETRY_SPEC_URL", &url),
        ],
    );
    assert_eq!(from_env.status, 0, "{}", from_env.stderr);
    assert_eq!(lines(&from_env.stdout)[0]["documents"], 0);
}
