//! `optout`: the verdicts are the library's evaluator's, each with a sentence that stands in the
//! product's page, and the Hasura server flag, CLI environment and CLI config are read apart.

use schema_types::Product;
use schema_types::optout::{self, Settings};
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
    // The verdicts are the library's for the same settings, in the same order.
    let settings = Settings {
        appsmith_env: [("APPSMITH_DISABLE_TELEMETRY".to_owned(), "true".to_owned())].into(),
        ..Settings::default()
    };
    let expected = serde_json::to_value(optout::evaluate(Product::Appsmith, &settings)).unwrap();
    assert_eq!(Value::Array(verdicts.clone()), expected);
    // The pings the page says are sent regardless still are; the client's events are not.
    let sent = |id: &str| {
        verdicts
            .iter()
            .find(|verdict| verdict["payload"] == id)
            .map(|verdict| verdict["sent"].as_str().unwrap())
    };
    assert_eq!(sent("appsmith/keep-alive-ping"), Some("yes"));
    assert_eq!(sent("appsmith/navigation-event"), Some("no"));
    assert_eq!(sent("appsmith/instance-stats-ping"), Some("no"));
    // Each source is a sentence of the page, or the server's code for a kind the page does not
    // document.
    let page = schema_types::Product::Appsmith.page().text();
    for verdict in &verdicts {
        let id = verdict["payload"].as_str().unwrap();
        let kind = schema_types::api::kind(id).unwrap();
        let source = verdict["source"].as_str().unwrap();
        let cited = if kind.catalog.on_the_page() {
            page.contains(source)
        } else {
            source.starts_with("appsmithorg/appsmith ")
        };
        assert!(cited, "{verdict}");
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

#[test]
fn a_bad_pair_names_the_option_it_was_given_with() {
    for flag in ["--env", "--cli-env"] {
        let bad = run(&["optout", "--product", "hasura", flag, "=x"]);
        assert_eq!(bad.status, 2);
        assert_eq!(
            bad.stderr,
            format!("telemetry-spec: error: `{flag} =x`: expected NAME=VALUE\n")
        );
    }
}
