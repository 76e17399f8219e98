//! What a stream needs from `validate`: the same output whatever `--jobs`, `--quiet` and
//! `--summary-only`, `--stats`, and documents routed by `--valid-out` and `--invalid-out`, each
//! document once and every byte kept.
//!
//! The stream is the one of [`crate::stream`] (seeded samples of every kind with bad lines,
//! invalid UTF-8, blank lines and CRLF endings mixed in), read with a size limit that some
//! samples exceed. What each document's verdict must be comes from the library's judge.

use std::collections::HashMap;

use schema_types::api::{self, Judgement};
use schema_types::validate::Limits;
use serde_json::Value;

use crate::stream::{stream, stream_bytes};
use crate::support::{Run, TempDir, json_verdicts, run, run_with_input};

/// The size limit of these runs: some samples are larger.
const MAX_BYTES: usize = 2000;

/// A document of the stream and the library's judgement of it.
struct Document {
    line: usize,
    bytes: Vec<u8>,
    judgement: Judgement,
}

/// The stream's bytes and its documents (blank lines left out; a CRLF's carriage return is part
/// of the line break, not of the document).
fn documents() -> (Vec<u8>, Vec<Document>) {
    let lines = stream();
    let limits = Limits {
        max_bytes: MAX_BYTES,
        ..Limits::DEFAULT
    };
    let documents: Vec<Document> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, expect))| expect.is_some())
        .map(|(index, (bytes, _))| {
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes).to_vec();
            Document {
                line: index + 1,
                judgement: api::judge_with(&bytes, limits),
                bytes,
            }
        })
        .collect();
    let oversize = documents
        .iter()
        .filter(|document| document.bytes.len() > MAX_BYTES)
        .count();
    assert!(oversize >= 10, "{oversize} documents over the limit");
    (stream_bytes(&lines), documents)
}

/// The stream written to a file, and its documents.
struct Written {
    dir: TempDir,
    bytes: Vec<u8>,
    /// The file's path.
    file: String,
    documents: Vec<Document>,
}

impl Written {
    /// The stream, written in a new temporary directory named after `test`.
    fn new(test: &str) -> Self {
        let (bytes, documents) = documents();
        let dir = TempDir::new(test);
        let file = dir.file("stream.ndjson", &bytes);
        Self {
            dir,
            bytes,
            file,
            documents,
        }
    }

    /// `validate` with `options` on the file, at the size limit of these runs.
    fn validate(&self, options: &[&str]) -> Run {
        let limit = MAX_BYTES.to_string();
        let mut args = vec!["validate", "--max-bytes", &limit];
        args.extend_from_slice(options);
        args.push(&self.file);
        run(&args)
    }
}

#[test]
fn the_output_is_the_same_whatever_the_jobs() {
    let written = Written::new("jobs");
    let (dir, bytes, stream) = (&written.dir, &written.bytes, &written.file);
    let bom = dir.file("bom.ndjson", [b"\xef\xbb\xbf".as_slice(), bytes].concat());
    let empty = dir.file("empty.ndjson", b"\n\n");
    let missing = dir.0.join("missing.ndjson").display().to_string();
    let limit = MAX_BYTES.to_string();
    for format in ["human", "json"] {
        for options in [&[][..], &["--quiet"], &["--stats"], &["--summary-only"]] {
            let runs: Vec<_> = ["1", "2", "3", "7"]
                .iter()
                .map(|jobs| {
                    let mut args = vec!["validate", "--max-bytes", &limit, "--format", format];
                    args.extend_from_slice(options);
                    args.extend(["--jobs", jobs, stream, &missing, &empty, &bom, stream]);
                    run(&args)
                })
                .collect();
            let first = &runs[0];
            assert_eq!(first.status, 2, "{format} {options:?}");
            assert_eq!(first.stderr.lines().count(), 3, "{}", first.stderr);
            for (jobs, other) in ["2", "3", "7"].iter().zip(&runs[1..]) {
                assert!(
                    other.stdout == first.stdout,
                    "{format} {options:?}: --jobs {jobs} prints other verdicts than --jobs 1"
                );
                assert_eq!(other.stderr, first.stderr, "{format} {options:?}");
                assert_eq!(other.status, first.status);
            }
        }
    }
    // Standard input too, with the default number of jobs.
    let piped = run_with_input(&["validate", "--max-bytes", &limit, "--jobs", "1"], bytes);
    let default = run_with_input(&["validate", "--max-bytes", &limit], bytes);
    assert!(piped.stdout == default.stdout);
}

#[test]
fn the_output_is_the_same_wherever_the_input_is_cut_into_blocks() {
    let written = Written::new("blocks");
    // The stream, then blank lines, a line longer than the limit (and than most blocks) with a
    // CRLF ending, a line of invalid UTF-8 and a last line without its line feed.
    let mut bytes = written.bytes.clone();
    bytes.extend_from_slice(b"\n \r\n");
    bytes.extend_from_slice(format!("[{}1]\r\n", "1,".repeat(2 * MAX_BYTES)).as_bytes());
    bytes.extend_from_slice(b"{\"id\": \"\xff\xfe\"}\n");
    let last = written.documents.last().expect("the stream has documents");
    bytes.extend_from_slice(&last.bytes);
    let file = written.dir.file("cut.ndjson", &bytes);
    let valid_out = written.dir.0.join("valid.ndjson").display().to_string();
    let invalid_out = written.dir.0.join("invalid.ndjson").display().to_string();
    let limit = MAX_BYTES.to_string();
    // Everything a run writes: its status, standard output and error, and the routed files.
    let outputs = |format: &str, jobs: &str, block_size: Option<&str>| {
        let mut args = vec!["validate", "--max-bytes", &limit, "--format", format];
        args.extend(["--stats", "--jobs", jobs]);
        args.extend(["--valid-out", &valid_out, "--invalid-out", &invalid_out]);
        if let Some(size) = block_size {
            args.extend(["--block-size", size]);
        }
        args.push(&file);
        let run = run(&args);
        let routed = [&valid_out, &invalid_out].map(|path| std::fs::read(path).unwrap());
        (run.status, run.stdout, run.stderr, routed)
    };
    for format in ["human", "json"] {
        let expected = outputs(format, "1", None);
        assert_eq!(expected.0, 1, "{}", expected.2);
        assert!(
            expected.1.contains(&format!("{}", 2 * 2 * MAX_BYTES + 3)),
            "the long line is over the limit"
        );
        // Blocks of one byte, shorter than most documents, between the documents' sizes and the
        // limit, and longer than the limit.
        for block_size in ["1", "900", "2001", "5KiB"] {
            for jobs in ["1", "2", "3"] {
                let found = outputs(format, jobs, Some(block_size));
                assert!(
                    found == expected,
                    "{format}, --jobs {jobs} --block-size {block_size}: another output than \
                     --jobs 1 with the default blocks"
                );
            }
        }
    }
}

#[test]
fn quiet_prints_invalid_verdicts_and_summary_only_the_summary() {
    let written = Written::new("quiet");
    let documents = &written.documents;
    let all = written.validate(&["--format", "json"]);
    let quiet = written.validate(&["-q", "--format", "json"]);
    assert_eq!(quiet.status, 1);
    let (verdicts, summary) = json_verdicts(&quiet.stdout);
    let invalid: Vec<usize> = documents
        .iter()
        .filter(|document| !document.judgement.is_valid())
        .map(|document| document.line)
        .collect();
    let lines: Vec<usize> = verdicts
        .iter()
        .map(|verdict| verdict["line"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(lines, invalid);
    let (all_verdicts, all_summary) = json_verdicts(&all.stdout);
    assert_eq!(summary, all_summary);
    let all_invalid: Vec<&Value> = all_verdicts
        .iter()
        .filter(|v| v["valid"] == false)
        .collect();
    assert_eq!(verdicts.iter().collect::<Vec<_>>(), all_invalid);

    let human = written.validate(&["--quiet"]);
    assert!(!human.stdout.contains(": valid: "));
    assert_eq!(
        human
            .stdout
            .lines()
            .filter(|l| !l.starts_with("  "))
            .count(),
        invalid.len() + 1
    );
    let summary_only = written.validate(&["--summary-only"]);
    assert_eq!(summary_only.status, 1);
    assert_eq!(
        summary_only.stdout,
        format!(
            "{} valid, {} invalid\n",
            documents.len() - invalid.len(),
            invalid.len()
        )
    );
    let both = written.validate(&["--quiet", "--summary-only"]);
    assert_eq!(both.status, 2, "the two options exclude each other");
}

/// A group of violations as `--stats` keys it.
type Key = (Option<String>, String, String, Option<String>);

#[test]
fn stats_count_kinds_and_group_violations_with_their_first_line() {
    let written = Written::new("stats");
    let (documents, file) = (&written.documents, &written.file);
    let run = written.validate(&["--summary-only", "--stats", "--format", "json"]);
    assert_eq!(run.status, 1);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let [stats, summary] = lines.as_slice() else {
        panic!("the stats, then the summary: {}", run.stdout)
    };
    assert!(summary.get("summary").is_some());
    let stats = &stats["stats"];
    assert_eq!(stats["documents"], documents.len());

    // Documents per kind, as the library judges them.
    let mut kinds: HashMap<(Option<String>, Option<String>), (u64, u64)> = HashMap::new();
    let mut groups: HashMap<Key, (u64, usize)> = HashMap::new();
    for document in documents {
        let judgement = &document.judgement;
        let kind = judgement.kind().map(|kind| kind.id.to_owned());
        let detection = match (judgement, &kind) {
            (_, Some(_)) => None,
            (Judgement::Undetected(api::Detection::Ambiguous(_)), _) => Some("ambiguous"),
            (Judgement::Undetected(_), _) => Some("unknown"),
            _ => Some("unreadable"),
        };
        let counts = kinds
            .entry((kind.clone(), detection.map(str::to_owned)))
            .or_default();
        if judgement.is_valid() {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
        for violation in judgement.report().map_or(&[][..], |r| r.violations()) {
            let key = (
                kind.clone(),
                violation.rule.name().to_owned(),
                violation.pointer.clone(),
                violation.member.clone(),
            );
            groups.entry(key).or_insert((0, document.line)).0 += 1;
        }
    }
    let listed = stats["kinds"].as_array().unwrap();
    assert_eq!(listed.len(), kinds.len());
    for entry in listed {
        let key = (
            entry["kind"].as_str().map(str::to_owned),
            entry["detection"].as_str().map(str::to_owned),
        );
        let (valid, invalid) = kinds[&key];
        assert_eq!(entry["valid"], valid, "{entry}");
        assert_eq!(entry["invalid"], invalid, "{entry}");
        assert_eq!(entry["documents"], valid + invalid, "{entry}");
    }
    assert!(
        listed
            .iter()
            .any(|entry| entry["detection"] == "unreadable")
    );

    // The most frequent groups, each with its count and first line.
    assert_eq!(stats["violation_groups"], groups.len());
    let violations = stats["violations"].as_array().unwrap();
    assert_eq!(violations.len(), groups.len().min(10));
    let mut counts: Vec<u64> = groups.values().map(|(count, _)| *count).collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    for (entry, most) in violations.iter().zip(&counts) {
        let key = (
            entry["kind"].as_str().map(str::to_owned),
            entry["rule"].as_str().unwrap().to_owned(),
            entry["pointer"].as_str().unwrap().to_owned(),
            entry["member"].as_str().map(str::to_owned),
        );
        let (count, first) = groups[&key];
        assert_eq!(entry["count"], count, "{entry}");
        assert_eq!(entry["count"], *most, "{entry}: the most frequent first");
        assert_eq!(entry["example"]["line"], first, "{entry}");
        assert_eq!(entry["example"]["file"], file.as_str());
    }

    let human = written.validate(&["--quiet", "--stats"]);
    let text = &human.stdout;
    let stats_at = text.find("\nstats: ").expect("the stats in text");
    assert!(
        text[stats_at..].contains(&format!(
            "most frequent violations ({} of {} groups",
            violations.len(),
            groups.len()
        )),
        "{}",
        &text[stats_at..]
    );
    assert!(text.ends_with(&format!(
        "{} valid, {} invalid\n",
        summary["summary"]["valid"], summary["summary"]["invalid"]
    )));
}

#[test]
fn routed_files_hold_every_document_once_with_every_byte() {
    let written = Written::new("routing");
    let (documents, file) = (&written.documents, &written.file);
    let valid_out = written.dir.0.join("valid.ndjson").display().to_string();
    let invalid_out = written.dir.0.join("invalid.ndjson").display().to_string();
    for jobs in ["1", "2"] {
        let run = written.validate(&[
            "--summary-only",
            "--jobs",
            jobs,
            "--valid-out",
            &valid_out,
            "--invalid-out",
            &invalid_out,
        ]);
        assert_eq!(run.status, 1, "{}", run.stderr);

        // The valid file: the valid documents' bytes, in order, one per line.
        let valid: Vec<&Document> = documents
            .iter()
            .filter(|document| document.judgement.is_valid())
            .collect();
        let mut expected = Vec::new();
        for document in &valid {
            expected.extend_from_slice(&document.bytes);
            expected.push(b'\n');
        }
        let written = std::fs::read(&valid_out).unwrap();
        assert!(written == expected, "the valid documents, byte for byte");

        // The invalid file: one line per invalid document, with its document whole.
        let routed = std::fs::read(&invalid_out).unwrap();
        let lines: Vec<&[u8]> = routed
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        let invalid: Vec<&Document> = documents
            .iter()
            .filter(|document| !document.judgement.is_valid())
            .collect();
        assert_eq!(lines.len(), invalid.len());
        assert_eq!(valid.len() + lines.len(), documents.len());
        let mut forms = HashMap::new();
        for (line, document) in lines.iter().zip(&invalid) {
            let record: Value = serde_json::from_slice(line).expect("a routed line is JSON");
            assert_eq!(record["line"], document.line);
            assert_eq!(record["file"], file.as_str());
            assert_eq!(record["valid"], false);
            assert!(record.get("report").is_some());
            let kind = document.judgement.kind().map(|kind| kind.id);
            assert_eq!(record["kind"], serde_json::json!(kind));
            let (form, kept) = kept_document(line, &record);
            *forms.entry(form).or_insert(0) += 1;
            match kept {
                Some(kept) => assert!(kept == document.bytes, "line {}", document.line),
                None => assert!(document.bytes.len() > MAX_BYTES, "line {}", document.line),
            }
        }
        for form in ["document", "document_text", "document_base64", "omitted"] {
            assert!(forms.contains_key(form), "no routed document as {form}");
        }
    }
}

/// Which member of a routed line holds the document, and the document's bytes (`None`: over
/// the size limit, not kept).
fn kept_document(line: &[u8], record: &Value) -> (&'static str, Option<Vec<u8>>) {
    if let Some(text) = record["document_text"].as_str() {
        return ("document_text", Some(text.as_bytes().to_vec()));
    }
    if let Some(base64) = record["document_base64"].as_str() {
        let bytes = data_encoding::BASE64.decode(base64.as_bytes()).unwrap();
        return ("document_base64", Some(bytes));
    }
    if record["document"].is_null() {
        return ("omitted", None);
    }
    // Embedded as it is: what follows the verdict (the record without its document, as the
    // tool writes it) up to the line's closing brace.
    let mut verdict = record.clone();
    verdict.as_object_mut().unwrap().remove("document");
    let verdict = serde_json::to_vec(&verdict).unwrap();
    let prefix = [&verdict[..verdict.len() - 1], b",\"document\":"].concat();
    assert!(
        line.starts_with(&prefix),
        "{}",
        String::from_utf8_lossy(line)
    );
    (
        "document",
        Some(line[prefix.len()..line.len() - 1].to_vec()),
    )
}

#[test]
fn a_routed_file_is_never_an_input_nor_the_other_routed_file() {
    let dir = TempDir::new("routing-refused");
    let bytes = b"{}\n{\"a\": 1}\n";
    let input = dir.file("input.ndjson", bytes);
    let other = dir.0.join("out.ndjson").display().to_string();
    for args in [
        vec!["validate", "--valid-out", &input, &input],
        vec!["validate", "--invalid-out", &input, &input],
        vec![
            "validate",
            "--valid-out",
            &other,
            "--invalid-out",
            &other,
            &input,
        ],
    ] {
        let run = run(&args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}: nothing judged");
        assert!(
            run.stderr.starts_with("telemetry-spec: error: `"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(
            std::fs::read(&input).unwrap(),
            bytes,
            "{args:?}: the input is kept"
        );
    }
}
