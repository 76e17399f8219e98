//! Inputs of `validate` that give no verdict: those that cannot be read (missing, a directory,
//! binary, UTF-16) are one line each on standard error and the run goes on, and one that holds
//! no document is a warning.

use schema_types::registry::find;
use serde_json::json;

use crate::support::{TempDir, json_verdicts, pretty, run};

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
