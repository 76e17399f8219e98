//! A generated NDJSON stream with bad lines at known places: seeded samples of every kind, made
//! by `telemetry-spec sample`, with lines that are not JSON, not UTF-8, of no kind, of two kinds
//! or invalid mixed in; every verdict is checked at its line, in both formats, from a file and
//! from standard input.

use crate::support::documented_example;
use schema_types::registry::PAYLOADS;
use serde_json::json;

use crate::support::{TempDir, human_verdicts, json_verdicts, pointer_of, run, run_with_input};

/// What the verdict on a line must be.
#[derive(Clone, Debug)]
pub(crate) enum Expect {
    /// Valid, of this kind (and, for a kind with eras, this era, as the library names it).
    Valid(&'static str, Option<&'static str>),
    /// Invalid: of this kind (or none detected), with this text in the human verdict and these
    /// pointers (if any) among the violations.
    Invalid {
        kind: Option<&'static str>,
        says: &'static str,
        pointers: &'static [&'static str],
    },
}

/// A line of the stream and the verdict it must get; `None` for a blank line, which gets none.
pub(crate) type Line = (Vec<u8>, Option<Expect>);

/// The stream's lines and what each must give: seeded samples of every kind, made by
/// `telemetry-spec sample --seed --count`, with bad lines mixed in every 37 lines.
pub(crate) fn stream() -> Vec<Line> {
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
    let mut ambiguous = documented_example("hasura/server-telemetry");
    ambiguous["console_mode"] = json!("server");
    let mut wrong_time = documented_example("appsmith/keep-alive-ping");
    wrong_time["properties"]["time"] = json!("noon");
    let bad: Vec<Line> = vec![
        (
            b"{\"db_uid\": ".to_vec(),
            Some(Expect::Invalid {
                kind: None,
                says: "syntax: expected a JSON document, found EOF while parsing a value",
                pointers: &[],
            }),
        ),
        (
            b"{\"event\": \"FETCH_\xffRELEASE_NOTES\"}".to_vec(),
            Some(Expect::Invalid {
                kind: None,
                says: "syntax: expected UTF-8 text, found the byte 0xff",
                pointers: &[],
            }),
        ),
        (
            b"{}".to_vec(),
            Some(Expect::Invalid {
                kind: None,
                says: "unknown kind: the document has none of the members",
                pointers: &[],
            }),
        ),
        (
            serde_json::to_vec(&ambiguous).unwrap(),
            Some(Expect::Invalid {
                kind: None,
                says: "ambiguous kind: the document shows the signatures of 2 payload kinds: \
                       hasura/server-telemetry",
                pointers: &[],
            }),
        ),
        (
            serde_json::to_vec(&wrong_time).unwrap(),
            Some(Expect::Invalid {
                kind: Some("appsmith/keep-alive-ping"),
                says: "1 violation",
                pointers: &["/properties/time"],
            }),
        ),
        (
            b"[1, 2]".to_vec(),
            Some(Expect::Invalid {
                kind: None,
                says: "unknown kind: the document is not a JSON object",
                pointers: &[],
            }),
        ),
        (b"   \t ".to_vec(), None),
        (Vec::new(), None),
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
        // The library's judgement: the kind, or a refinement of it whose clues the document
        // shows (a Console message that is a runtime error).
        let judged = schema_types::api::judge(&line);
        let judged_kind = judged.kind().expect("a sample is detected");
        assert!(kind.detects_as(judged_kind), "{}", judged_kind.id);
        let era = judged.report().and_then(|report| report.era());
        lines.push((line, Some(Expect::Valid(judged_kind.id, era))));
        if index % 37 == 36 {
            lines.push(bad_lines.next().unwrap().clone());
        }
    }
    lines
}

pub(crate) fn stream_bytes(lines: &[Line]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (line, _) in lines {
        bytes.extend_from_slice(line);
        bytes.push(b'\n');
    }
    bytes
}

/// The documents of the stream: (line number, expectation), blank lines left out.
fn expected_verdicts(lines: &[Line]) -> Vec<(usize, Expect)> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(index, (_, expect))| Some((index + 1, expect.clone()?)))
        .collect()
}

/// How many of the expected verdicts are valid and how many invalid, as the summary counts them.
fn counts(expected: &[(usize, Expect)]) -> (usize, usize) {
    let valid = expected
        .iter()
        .filter(|(_, expect)| matches!(expect, Expect::Valid(..)))
        .count();
    (valid, expected.len() - valid)
}

fn check_human(stdout: &str, file: &str, expected: &[(usize, Expect)]) {
    let (verdicts, summary) = human_verdicts(stdout, file);
    assert_eq!(verdicts.len(), expected.len());
    for (verdict, (line, expect)) in verdicts.iter().zip(expected) {
        assert_eq!(verdict.line, *line, "{verdict:?}");
        match expect {
            Expect::Valid(kind, None) => assert_eq!(verdict.head, format!("valid: {kind}")),
            Expect::Valid(kind, Some(era)) => {
                assert_eq!(verdict.head, format!("valid: {kind}@{era}"));
            }
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
        }
    }
    let (valid, invalid) = counts(expected);
    assert_eq!(summary, format!("{valid} valid, {invalid} invalid"));
}

fn check_json(stdout: &str, file: &str, expected: &[(usize, Expect)]) {
    let (verdicts, summary) = json_verdicts(stdout);
    assert_eq!(verdicts.len(), expected.len());
    for (verdict, (line, expect)) in verdicts.iter().zip(expected) {
        assert_eq!(verdict["file"], file);
        assert_eq!(verdict["line"], *line as u64, "{verdict}");
        match expect {
            Expect::Valid(kind, era) => {
                assert_eq!(verdict["valid"], true, "{verdict}");
                assert_eq!(verdict["kind"], *kind, "{verdict}");
                let report = match era {
                    Some(era) => json!({"valid": true, "era": era, "total": 0, "violations": []}),
                    None => json!({"valid": true, "total": 0, "violations": []}),
                };
                assert_eq!(verdict["report"], report);
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
        }
    }
    let (valid, invalid) = counts(expected);
    assert_eq!(
        summary,
        json!({
            "documents": expected.len(),
            "valid": valid,
            "invalid": invalid,
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
    let lines: Vec<Line> = stream()
        .into_iter()
        .filter(|(_, expect)| matches!(expect, Some(Expect::Valid(..))))
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
        let should_be_valid = matches!(expect, Expect::Valid("appsmith/keep-alive-ping", _));
        assert_eq!(verdict["valid"], should_be_valid, "{verdict}");
        valid += usize::from(should_be_valid);
    }
    assert_eq!(summary["valid"], valid);
    assert!(valid > 0);
}
