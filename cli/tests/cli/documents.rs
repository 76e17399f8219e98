//! `validate` on single documents: what is not JSON and what is over the size limit are invalid
//! verdicts with their reason, a pretty-printed document is one document at its first line (a
//! byte order mark before it ignored, with a warning), a line that is not JSON whitespace gets a
//! verdict, masking drops values and keeps pointers, and reports keep at most
//! `--max-violations`.

use serde_json::json;

use crate::support::{TempDir, documented_example, human_verdicts, json_verdicts, pretty, run};

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
    let example = documented_example("hasura/server-telemetry");
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
    let example = documented_example("appsmith/keep-alive-ping");
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
    let mut document = documented_example("hasura/server-telemetry");
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
fn an_unfinished_document_as_long_as_the_limit_is_a_syntax_error() {
    let dir = TempDir::new("at-limit");
    let file = dir.file("f.json", "{\"abc\":123");
    let run = run(&["validate", "--max-bytes", "10", &file]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        format!(
            "{file}:1: invalid: line 1 column 10: syntax: expected a JSON document, found EOF \
             while parsing an object\n0 valid, 1 invalid\n"
        )
    );
}

#[test]
fn a_line_of_form_feeds_gets_a_verdict() {
    let dir = TempDir::new("form-feed");
    let compact = serde_json::to_string(&documented_example("appsmith/keep-alive-ping")).unwrap();
    let file = dir.file(
        "ff.ndjson",
        format!("{compact}\n\x0c\x0c\n \t\r\n\x0b\n{compact}\n"),
    );
    let run = run(&["validate", &file]);
    assert_eq!(run.status, 1);
    let (verdicts, summary) = human_verdicts(&run.stdout, &file);
    let heads: Vec<(usize, &str)> = verdicts
        .iter()
        .map(|verdict| (verdict.line, verdict.head.as_str()))
        .collect();
    assert_eq!(
        heads,
        [
            (1, "valid: appsmith/keep-alive-ping"),
            (
                2,
                "invalid: line 2 column 1: syntax: expected a JSON document, found expected value"
            ),
            (
                4,
                "invalid: line 4 column 1: syntax: expected a JSON document, found expected value"
            ),
            (5, "valid: appsmith/keep-alive-ping"),
        ]
    );
    assert_eq!(summary, "2 valid, 2 invalid");
}

#[test]
fn a_byte_order_mark_before_a_document_is_ignored_with_a_warning() {
    let dir = TempDir::new("bom");
    let example = documented_example("appsmith/keep-alive-ping");
    let compact = serde_json::to_string(&example).unwrap();
    let single = dir.file(
        "bom.json",
        [b"\xef\xbb\xbf".as_slice(), pretty(&example).as_bytes()].concat(),
    );
    let stream = dir.file(
        "bom.ndjson",
        format!("\u{feff}{compact}\n{compact}\n").into_bytes(),
    );
    let warning = |file: &str| {
        format!(
            "telemetry-spec: warning: `{file}` starts with a UTF-8 byte order mark, which JSON \
             text must not have (RFC 8259, section 8.1); it is ignored here, but a strict \
             receiver refuses it\n"
        )
    };
    let run_single = run(&["validate", &single]);
    assert_eq!(run_single.status, 0);
    assert_eq!(
        run_single.stdout,
        format!("{single}:1: valid: appsmith/keep-alive-ping\n1 valid, 0 invalid\n")
    );
    assert_eq!(run_single.stderr, warning(&single));

    let run_stream = run(&["validate", &stream]);
    assert_eq!(run_stream.status, 0);
    let (verdicts, summary) = human_verdicts(&run_stream.stdout, &stream);
    let lines: Vec<usize> = verdicts.iter().map(|verdict| verdict.line).collect();
    assert_eq!(lines, [1, 2]);
    assert_eq!(summary, "2 valid, 0 invalid");
    assert_eq!(run_stream.stderr, warning(&stream));
}
