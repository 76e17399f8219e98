//! Help and usage: the help pages teach the commands and the exit status, usage errors exit
//! with 2 and print nothing on standard output, and an unknown kind is one line naming the
//! nearest id.

use crate::support::{TempDir, run};

/// Checks that the help printed for `args`, with its line wrapping undone, holds every phrase.
#[track_caller]
fn assert_help_says(args: &[&str], phrases: &[&str]) {
    let run = run(args);
    assert_eq!(run.status, 0, "{args:?}");
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for phrase in phrases {
        assert!(help.contains(phrase), "{args:?} lacks {phrase}: {help}");
    }
}

#[test]
fn help_teaches_the_commands_and_the_exit_status() {
    assert_help_says(
        &["--help"],
        &[
            "validate",
            "list",
            "schema",
            "sample",
            "Exit status: 0 every document valid, 1 some document invalid, 2 a usage error",
        ],
    );
    assert_help_says(
        &["validate", "--help"],
        &[
            "one document per non-blank line",
            "--kind <ID[@ERA]>",
            "--format <FORMAT>",
            "--mask",
            "--max-bytes <SIZE>",
            "in bounded memory",
            "`telemetry-spec: error: ...`",
            "a document that matches no kind, or more than one, is invalid",
        ],
    );
    assert_help_says(
        &["sample", "--help"],
        &["--seed <N>", "recorded as errata of the page"],
    );
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &[][..],
        &["validate", "--format", "yaml"],
        &["validate", "--max-bytes", "12 parsecs"],
        &["sample", "hasura/cli-config", "--count", "2"],
        &["frobnicate"],
    ] {
        let run = run(args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(run.stderr.contains("error"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn an_unknown_kind_is_one_line_with_the_nearest_id() {
    let dir = TempDir::new("unknown-kind");
    let file = dir.file("a.json", "{}");
    let expected = "telemetry-spec: error: unknown payload kind `hasura/server-telemetri`; did you \
                    mean `hasura/server-telemetry`?\n";
    for args in [
        &["validate", "--kind", "hasura/server-telemetri", &file][..],
        &["schema", "hasura/server-telemetri"],
        &["sample", "hasura/server-telemetri"],
    ] {
        let run = run(args);
        assert_eq!(run.status, 2, "{args:?}");
        assert_eq!(run.stderr, expected, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    let far = run(&["schema", "prometheus"]);
    assert_eq!(far.status, 2);
    assert_eq!(
        far.stderr,
        "telemetry-spec: error: unknown payload kind `prometheus` (`telemetry-spec list` shows \
         every kind)\n"
    );
}

#[test]
fn help_names_every_command_and_every_column_of_list() {
    assert_help_says(
        &["--help"],
        &[
            "optout",
            "privacy",
            "List every payload kind with its product, layer, schema version and schema file",
        ],
    );
}
