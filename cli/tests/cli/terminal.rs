//! What reaches a terminal: in human form, text that comes from the inputs (file names, member
//! names, pointers, values) and from the command line is escaped, so that no document can print
//! a line of its own or send an escape sequence; the JSON form keeps the exact text.

use serde_json::json;

use crate::support::{TempDir, json_verdicts, run};

/// A member name that forges a verdict line and clears the terminal's line.
const FORGER: &str = "x\nf.json:2: valid: hasura/server-telemetry\n\u{1b}[2K";

/// Checks that `text` holds no character a terminal acts on: no control character but the line
/// feed, no bidirectional override.
#[track_caller]
fn assert_inert(text: &str) {
    for character in text.chars() {
        assert!(
            character == '\n' || !(character.is_control() || character == '\u{202e}'),
            "{character:?} reaches the terminal: {text:?}"
        );
    }
}

#[test]
fn control_characters_from_inputs_never_reach_the_terminal() {
    let dir = TempDir::new("terminal");
    let document = json!({
        FORGER: 1,
        "id": "\u{1b}]0;title\u{7}",
        "metrics": {"\u{9b}2J": "\u{202e}txt.exe", "views": "\r"},
    });
    let name = "evil\n\u{1b}[31m.json";
    let file = dir.file(name, serde_json::to_string(&document).unwrap());
    let missing = dir.0.join("gone\u{1b}[2K.json").display().to_string();
    let broken = dir.file("broken\u{7}.json", "{\"\u{1b}[2K\": tru}\n");

    for kind in [&["--kind", "hasura/server-telemetry"][..], &[]] {
        let args = [&["validate"], kind, &[file.as_str(), &missing, &broken]].concat();
        let human = run(&args);
        assert_eq!(human.status, 2, "{}", human.stdout);
        assert_inert(&human.stdout);
        assert_inert(&human.stderr);
        assert!(
            human.stderr.contains("gone\\u{1b}[2K.json"),
            "{}",
            human.stderr
        );
        // Every line is one the tool wrote: a verdict of one of the two files, a detail, the
        // summary.
        let escaped = file.replace('\n', "\\n").replace('\u{1b}', "\\u{1b}");
        let escaped_broken = broken.replace('\u{7}', "\\u{7}");
        let lines: Vec<&str> = human.stdout.lines().collect();
        let (summary, verdicts) = lines.split_last().unwrap();
        assert_eq!(*summary, "0 valid, 2 invalid; 1 input could not be read");
        for line in verdicts {
            assert!(
                line.starts_with(&format!("{escaped}:1: invalid: "))
                    || line.starts_with(&format!("{escaped_broken}:1: invalid: "))
                    || line.starts_with("  "),
                "{line:?} in {}",
                human.stdout
            );
        }
        if !kind.is_empty() {
            let forged = "  (document): member `x\\nf.json:2: valid: hasura/server-telemetry\\n\
                          \\u{1b}[2K` is not allowed here";
            assert!(verdicts.contains(&forged), "{}", human.stdout);
        }

        // The JSON form is for programs: it keeps the exact text, escaped as JSON escapes it
        // (every C0 control character).
        let args = [&["validate", "--format", "json"], kind, &[file.as_str()]].concat();
        let machine = run(&args);
        assert!(
            !machine
                .stdout
                .bytes()
                .any(|byte| byte < b' ' && byte != b'\n'),
            "{}",
            machine.stdout
        );
        let (verdicts, _) = json_verdicts(&machine.stdout);
        assert_eq!(verdicts[0]["file"], file.as_str());
        if !kind.is_empty() {
            let members: Vec<&str> = verdicts[0]["report"]["violations"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|violation| violation["member"].as_str())
                .collect();
            assert!(members.contains(&FORGER), "{members:?}");
        }
    }

    // Settings given on the command line are quoted the same way.
    let optout = run(&[
        "optout",
        "--product",
        "hasura",
        "--env",
        "HASURA_GRAPHQL_ENABLE_TELEMETRY=\u{1b}[2Kfalse",
    ]);
    assert_eq!(optout.status, 0);
    assert_inert(&optout.stdout);
    assert!(
        optout
            .stdout
            .contains("HASURA_GRAPHQL_ENABLE_TELEMETRY=\\u{1b}[2Kfalse"),
        "{}",
        optout.stdout
    );
    let bad = run(&["optout", "--product", "hasura", "--env", "\u{1b}[2K"]);
    assert_eq!(bad.status, 2);
    assert_inert(&bad.stderr);
}
