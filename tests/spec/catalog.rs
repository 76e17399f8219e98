//! The telemetry catalog, the opt-out evaluator and the privacy inventory against the pages'
//! own words.

use std::collections::BTreeMap;

use schema_types::catalog::{self, OptOut};
use schema_types::optout::{self, Component, Sent, Settings};
use schema_types::privacy::{self, Class, Identifies};
use schema_types::{PAYLOADS, Product, registry, schema_walk};

fn page_text(product: Product) -> &'static str {
    product.page().text()
}

#[test]
fn every_quoted_sentence_stands_verbatim_in_its_page() {
    for kind in PAYLOADS.iter().filter(|kind| kind.catalog.on_the_page()) {
        let page = page_text(kind.product);
        let catalog = &kind.catalog;
        for (what, quote) in [
            ("trigger", catalog.trigger),
            ("opt-out", catalog.opt_out.quote()),
        ] {
            assert!(
                page.contains(quote),
                "{}: the {what} sentence is not in the page: {quote}",
                kind.id
            );
        }
        // Hasura's page names its destination; Appsmith's does not, and the CLI config is not sent.
        if kind.product == Product::Hasura && !matches!(catalog.opt_out, OptOut::NotSent { .. }) {
            assert!(
                page.contains(catalog.destination),
                "{}: {}",
                kind.id,
                catalog.destination
            );
        }
    }
}

#[test]
fn every_payload_section_of_the_pages_is_a_catalogued_section_and_back() {
    let hasura_sections = ["Server", "Enterprise Edition server", "Console", "CLI"];
    let appsmith = page_text(Product::Appsmith);
    let data_part = &appsmith[appsmith.find("## Data collected by Appsmith").unwrap()
        ..appsmith.find("## Disable telemetry").unwrap()];
    let appsmith_sections: Vec<&str> = data_part
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .collect();
    assert_eq!(appsmith_sections.len(), 5, "{appsmith_sections:?}");
    let catalogued: Vec<&str> = PAYLOADS.iter().map(|kind| kind.catalog.section).collect();
    for section in hasura_sections.iter().chain(&appsmith_sections) {
        assert!(
            catalogued.contains(section),
            "no payload documents section {section:?}"
        );
    }
    for kind in PAYLOADS.iter().filter(|kind| kind.catalog.on_the_page()) {
        let page = page_text(kind.product);
        let heading = page.lines().any(|line| {
            line == kind.catalog.section || line == format!("### {}", kind.catalog.section)
        });
        assert!(
            heading,
            "{}: {:?} is not a heading of its page",
            kind.id, kind.catalog.section
        );
    }
}

#[test]
fn exactly_the_keep_alive_setup_and_billing_pings_are_sent_regardless() {
    let regardless: Vec<&str> = PAYLOADS
        .iter()
        .filter(|kind| matches!(kind.catalog.opt_out, OptOut::SentRegardless { .. }))
        .map(|kind| kind.id)
        .collect();
    assert_eq!(
        regardless,
        [
            "appsmith/keep-alive-ping",
            "appsmith/server-setup-ping",
            "appsmith/usage-pulse"
        ]
    );
}

#[test]
fn the_catalog_is_in_every_schema_and_in_the_index() {
    for kind in PAYLOADS {
        let annotation = kind.schema()[catalog::KEYWORD].clone();
        assert_eq!(annotation["layer"], kind.layer.name(), "{}", kind.id);
        assert_eq!(
            annotation.get("derivedFrom").and_then(|id| id.as_str()),
            kind.derived_from,
            "{}",
            kind.id
        );
        // Everything else is the catalog entry, whole.
        let mut catalog_part = annotation.as_object().unwrap().clone();
        for key in ["layer", "layerDescription", "derivedFrom"] {
            catalog_part.shift_remove(key);
        }
        assert_eq!(
            serde_json::Value::Object(catalog_part),
            kind.catalog.to_json(kind.product.vendor()),
            "{}",
            kind.id
        );
    }
    let index: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../schemas/index.json"
        ))
        .unwrap(),
    )
    .unwrap();
    for entry in index["payloads"].as_array().unwrap() {
        let kind = registry::find(entry["id"].as_str().unwrap()).unwrap();
        if entry["version"] == kind.version.to_string() {
            assert_eq!(
                entry["telemetry"],
                kind.schema()[catalog::KEYWORD],
                "{}",
                kind.id
            );
        }
    }
}

/// The default settings with `edit` applied.
fn set(edit: impl FnOnce(&mut Settings)) -> Settings {
    let mut settings = Settings::default();
    edit(&mut settings);
    settings
}

fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// (payload, component) → sent, for a product under settings.
fn verdicts(product: Product, settings: &Settings) -> BTreeMap<(String, Option<Component>), Sent> {
    optout::evaluate(product, settings)
        .into_iter()
        .map(|verdict| {
            (
                (verdict.payload.to_owned(), verdict.component),
                verdict.sent,
            )
        })
        .collect()
}

/// Fails unless, for `product` under each of `settings`, each (payload, component) is sent as
/// expected.
fn assert_sent(
    product: Product,
    settings: &[Settings],
    expected: &[(&str, Option<Component>, Sent)],
) {
    for settings in settings {
        let verdicts = verdicts(product, settings);
        for &(payload, component, sent) in expected {
            assert_eq!(
                verdicts[&(payload.to_owned(), component)],
                sent,
                "{payload} {component:?} under {settings:?}"
            );
        }
    }
}

/// The verdict on `hasura/server-telemetry` under `settings`.
fn server_verdict(settings: &Settings) -> optout::Verdict {
    optout::evaluate(Product::Hasura, settings)
        .into_iter()
        .find(|verdict| verdict.payload == "hasura/server-telemetry")
        .expect("a verdict on the server's reports")
}

#[test]
fn with_no_settings_everything_is_sent_and_the_cli_config_never() {
    for product in [Product::Hasura, Product::Appsmith] {
        for ((payload, _), verdict) in verdicts(product, &Settings::default()) {
            let expected = if payload == "hasura/cli-config" {
                Sent::Never
            } else {
                Sent::Yes
            };
            assert_eq!(verdict, expected, "{payload}");
        }
    }
}

#[test]
fn the_server_variable_stops_the_server_and_its_console_only() {
    let settings = set(|s| s.server_env = env(&[(optout::HASURA_ENV, "false")]));
    assert_sent(
        Product::Hasura,
        &[settings],
        &[
            ("hasura/server-telemetry", None, Sent::No),
            ("hasura/ee-server-telemetry", None, Sent::No),
            ("hasura/ee-data-source-telemetry", None, Sent::No),
            ("hasura/ee-usage-metrics", None, Sent::No),
            (
                "hasura/console-error",
                Some(Component::HasuraServer),
                Sent::No,
            ),
            (
                "hasura/console-error",
                Some(Component::HasuraCli),
                Sent::Yes,
            ),
            ("hasura/cli-execution", None, Sent::Yes),
        ],
    );
}

#[test]
fn values_are_read_case_insensitively_and_undocumented_values_are_not_guessed() {
    let server_env = |value: &str| set(|s| s.server_env = env(&[(optout::HASURA_ENV, value)]));
    assert_sent(
        Product::Hasura,
        &["false", "FALSE", "False", " false "].map(server_env),
        &[("hasura/server-telemetry", None, Sent::No)],
    );
    for value in ["0", "no", "off", ""] {
        let verdict = server_verdict(&server_env(value));
        assert_eq!(verdict.sent, Sent::Yes, "{value:?}");
        assert_eq!(
            verdict.ignored,
            [format!("{}={value}", optout::HASURA_ENV)],
            "{value:?}"
        );
    }
}

#[test]
fn the_server_flag_overrides_the_variable() {
    let flag = |flag: &str, env_value: &str| Settings {
        server_env: env(&[(optout::HASURA_ENV, env_value)]),
        server_flag: Some(flag.to_owned()),
        ..Settings::default()
    };
    for (settings, sent) in [
        (flag("false", "true"), Sent::No),
        (flag("true", "false"), Sent::Yes),
    ] {
        assert_sent(
            Product::Hasura,
            &[settings],
            &[("hasura/server-telemetry", None, sent)],
        );
    }
    let only_flag = set(|s| s.server_flag = Some("false".to_owned()));
    assert_eq!(
        server_verdict(&only_flag).decided_by,
        ["--enable-telemetry=false (server flag)"]
    );
}

#[test]
fn the_cli_variable_or_config_file_stops_the_cli_and_its_console() {
    let by_env = set(|s| s.cli_env = env(&[(optout::HASURA_ENV, "false")]));
    let by_config = set(|s| s.cli_config_enable_telemetry = Some(false));
    assert_sent(
        Product::Hasura,
        &[by_env, by_config],
        &[
            ("hasura/cli-execution", None, Sent::No),
            ("hasura/console-error", Some(Component::HasuraCli), Sent::No),
            (
                "hasura/console-error",
                Some(Component::HasuraServer),
                Sent::Yes,
            ),
            ("hasura/server-telemetry", None, Sent::Yes),
        ],
    );
    let config_true = set(|s| s.cli_config_enable_telemetry = Some(true));
    assert_sent(
        Product::Hasura,
        &[config_true],
        &[("hasura/cli-execution", None, Sent::Yes)],
    );
}

#[test]
fn appsmith_opt_out_stops_only_the_segment_events_and_the_telemetry_gated_pings() {
    let by_env = set(|s| s.appsmith_env = env(&[(optout::APPSMITH_ENV, "true")]));
    let by_toggle = set(|s| s.appsmith_share_usage_data = Some(false));
    assert_sent(
        Product::Appsmith,
        &[by_env, by_toggle],
        &[
            ("appsmith/navigation-event", None, Sent::No),
            ("appsmith/backend-call-event", None, Sent::No),
            ("appsmith/instance-active-ping", None, Sent::No),
            ("appsmith/instance-stats-ping", None, Sent::No),
            ("appsmith/keep-alive-ping", None, Sent::Yes),
            ("appsmith/server-setup-ping", None, Sent::Yes),
            ("appsmith/usage-pulse", None, Sent::Yes),
        ],
    );
    // An explicit `false`, and the Hasura variable, which means nothing to Appsmith.
    let appsmith_env = |name: &str| set(|s| s.appsmith_env = env(&[(name, "false")]));
    assert_sent(
        Product::Appsmith,
        &[optout::APPSMITH_ENV, optout::HASURA_ENV].map(appsmith_env),
        &[("appsmith/navigation-event", None, Sent::Yes)],
    );
}

#[test]
fn every_verdict_cites_a_sentence_of_its_page_or_the_emitters_code() {
    let settings = set(|s| s.server_env = env(&[(optout::HASURA_ENV, "false")]));
    for product in [Product::Hasura, Product::Appsmith] {
        for verdict in optout::evaluate(product, &settings) {
            let kind = schema_types::api::kind(verdict.payload)
                .expect("a verdict names a registered kind");
            let cited = if kind.catalog.on_the_page() {
                page_text(product).contains(verdict.source)
            } else {
                verdict.source.starts_with("appsmithorg/appsmith ")
            };
            assert!(cited, "{}: {}", verdict.payload, verdict.source);
        }
    }
}

#[test]
fn every_member_of_every_payload_is_classified() {
    for kind in PAYLOADS {
        let inventory =
            privacy::inventory(kind).unwrap_or_else(|error| panic!("{}: {error}", kind.id));
        assert!(!inventory.members.is_empty(), "{}", kind.id);
    }
}

#[test]
fn the_setup_ping_carries_the_servers_address_and_a_name_and_an_email() {
    let kind = registry::find("appsmith/server-setup-ping").unwrap();
    let inventory = privacy::inventory(kind).unwrap();
    assert_eq!(
        inventory.pointers_of(Class::NetworkAddress),
        ["/properties/ipAddress"]
    );
    assert_eq!(
        inventory.pointers_of(Class::Contact),
        ["/properties/email", "/properties/name"]
    );
    let schema = kind.schema();
    let address = schema_walk::find(&schema, "/properties/ipAddress")
        .unwrap()
        .expect("the address member");
    let description = address
        .annotation("description")
        .and_then(|description| description.as_str())
        .unwrap_or_default();
    assert!(description.contains("server"), "{description}");
    // Both eras send the admin's address and name; an auditor reads which in the inventory.
    for pointer in ["/properties/email", "/properties/name"] {
        let member = inventory
            .members
            .iter()
            .find(|member| member.pointer == pointer)
            .unwrap();
        assert_eq!(member.identifies, Identifies::Person, "{pointer}");
        assert_eq!(member.eras, ["2023", "2024"], "{pointer}");
    }
}

#[test]
fn the_console_route_is_classified_as_a_url_with_names_replaced() {
    let kind = registry::find("hasura/console-error").unwrap();
    let inventory = privacy::inventory(kind).unwrap();
    let url = inventory
        .members
        .iter()
        .find(|m| m.pointer == "/url")
        .unwrap();
    assert_eq!(url.class, Class::Url);
    let example = kind.documented_example().unwrap();
    let route = example["url"].as_str().unwrap();
    assert_eq!(route, "/data/schema/SCHEMA_NAME/tables/TABLE_NAME/modify");
}

#[test]
fn the_generated_docs_cover_every_section_and_payload_of_the_pages() {
    for product in [Product::Hasura, Product::Appsmith] {
        let path = format!(
            "{}/../generated/docs/{}.md",
            env!("CARGO_MANIFEST_DIR"),
            product.vendor()
        );
        let docs = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        for kind in PAYLOADS.iter().filter(|kind| kind.product == product) {
            assert!(
                docs.contains(&format!("## {} (`{}`)", kind.title, kind.id)),
                "{}: no section",
                kind.id
            );
            assert!(
                docs.contains(&format!(
                    "| Section of the page | {} |",
                    kind.catalog.section
                )),
                "{}",
                kind.id
            );
            let inventory = privacy::inventory(kind).unwrap();
            for member in &inventory.members {
                assert!(
                    docs.contains(&format!("| `{}` |", member.pointer)),
                    "{}: {} not in the docs",
                    kind.id,
                    member.pointer
                );
            }
        }
    }
}
