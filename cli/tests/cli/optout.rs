//! `optout`: the verdicts are the library's evaluator's, each with a sentence that stands in the
//! product's page, and the Hasura server flag, CLI environment and CLI config are read apart.

use serde_json::Value;

use crate::support::run;

#[test]
fn optout_reports_each_payload_with_its_source_sentence() {
    let run = run(&[
        "optout",
        "--product",
        "appsmith",
        "--env",
        "APPSMITH_DISABLE_TELEMETRY=true",
        "--format",
        "json",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let verdicts: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let sent: Vec<(&str, &str)> = verdicts
        .iter()
        .map(|v| (v["payload"].as_str().unwrap(), v["sent"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sent,
        [
            ("appsmith/keep-alive-ping", "yes"),
            ("appsmith/server-setup-ping", "yes"),
            ("appsmith/usage-pulse", "yes"),
            ("appsmith/navigation-event", "no"),
            ("appsmith/backend-call-event", "no"),
        ]
    );
    let page = schema_types::Product::Appsmith.page().text();
    for verdict in &verdicts {
        assert!(
            page.contains(verdict["source"].as_str().unwrap()),
            "{verdict}"
        );
    }
}

#[test]
fn optout_reads_the_hasura_flag_cli_env_and_config_separately() {
    let run = run(&[
        "optout",
        "--product",
        "hasura",
        "--enable-telemetry",
        "false",
        "--cli-env",
        "HASURA_GRAPHQL_ENABLE_TELEMETRY=true",
        "--cli-config-enable-telemetry",
        "true",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("hasura/server-telemetry: NOT sent\n  stopped by: --enable-telemetry=false (server flag)"), "{}", run.stdout);
    assert!(
        run.stdout.contains("hasura/cli-execution: sent\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("hasura/cli-config: never sent\n"),
        "{}",
        run.stdout
    );
    let undocumented = self::run(&[
        "optout",
        "--product",
        "hasura",
        "--env",
        "HASURA_GRAPHQL_ENABLE_TELEMETRY=0",
    ]);
    assert!(
        undocumented
            .stdout
            .contains("not read (not a documented value): HASURA_GRAPHQL_ENABLE_TELEMETRY=0"),
        "{}",
        undocumented.stdout
    );
    let bad = self::run(&["optout", "--product", "hasura", "--env", "NOEQUALS"]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("expected NAME=VALUE"), "{}", bad.stderr);
}
