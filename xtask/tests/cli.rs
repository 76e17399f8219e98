//! `cargo xtask diff` as a user runs it: both forms of arguments, both output formats, and the
//! exit codes (0 fine, 1 a declared bump too small, 2 an error).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn case(name: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/diff")
        .join(name)
        .join(file)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A path as a command-line argument.
fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn diff_of_two_files_prints_json() {
    let old = case("required-property-added", "old.schema.json");
    let new = case("required-property-added", "new.schema.json");
    let output = xtask(&["diff", arg(&old), arg(&new), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(report["required_bump"], "MODEL");
    assert_eq!(report["changes"][0]["kind"], "required-property-added");
    assert_eq!(report["changes"][0]["content_model"], "closed");
    // File names without versions: no declared bump to judge.
    assert!(report.get("sufficient").is_none(), "{report}");
}

#[test]
fn diff_by_payload_id_reads_the_published_files() {
    let output = xtask(&["diff", "hasura/server-telemetry", "1-0-0", "1-0-0"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("no change"), "{stdout}");
    assert!(stdout.contains("required bump: none"), "{stdout}");
}

#[test]
fn diff_exits_1_when_the_declared_bump_is_too_small() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let old = directory.path().join("1-0-0.schema.json");
    let new = directory.path().join("1-0-1.schema.json");
    fs::copy(case("required-added", "old.schema.json"), &old).expect("copied");
    fs::copy(case("required-added", "new.schema.json"), &new).expect("copied");
    let output = xtask(&["diff", arg(&old), arg(&new)]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains(
            "declared: 1-0-0 → 1-0-1 is an ADDITION bump: too small, the changes require MODEL: 2-0-0"
        ),
        "{stdout}"
    );
}

#[test]
fn diff_exits_2_on_an_error() {
    for (args, expected) in [
        (
            ["diff", "hasura/server-telemetry", "1-0-0", "one"],
            "`one` is not a SchemaVer version",
        ),
        (
            ["diff", "no/such-payload", "1-0-0", "1-0-1"],
            "no/such-payload/1-0-0.schema.json",
        ),
    ] {
        let output = xtask(&args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    }
}
