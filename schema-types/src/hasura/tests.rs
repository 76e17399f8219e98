//! Checks what the Hasura types promise beyond the round-trip of their examples (which the
//! workspace tests cover): closed objects refuse other members, the usage metrics keep metrics
//! they do not know, the CLI config keeps other settings, each schema has the promised shape
//! (closed objects, required nullable members, an open `metrics` object), every member carries
//! a privacy class, and the page's privacy claims hold on the schemas.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::*;
use crate::payload::{Payload, Product};
use crate::privacy::{self, Class, Inventory};
use crate::registry::{self, PAYLOADS};
use crate::schema::bare_schema;

/// The page's example of `T`, read from the verbatim page by the corpus.
fn example<T: Payload>() -> Value {
    let location = registry::find(T::ID)
        .and_then(|kind| kind.example)
        .expect("the payload has a documented example");
    crate::corpus::example_document(location).expect("the example reads")
}

fn round_trip_value<T: Serialize + DeserializeOwned>(value: &Value) -> Value {
    let payload: T = serde_json::from_value(value.clone()).unwrap();
    serde_json::to_value(payload).unwrap()
}

#[test]
fn closed_objects_refuse_other_members() {
    let mut server: Value = example::<ServerTelemetryRow>();
    server["metrics"]["permissions"]["extra"] = json!(1);
    assert!(serde_json::from_value::<ServerTelemetryRow>(server).is_err());
    let mut console: Value = example::<ConsoleError>();
    console["user"] = json!("someone");
    assert!(serde_json::from_value::<ConsoleError>(console).is_err());
    let mut usage: Value = example::<EeUsageMetrics>();
    usage["metrics"]["hasura_postgres_connections"][0]["pool"] = json!("x");
    assert!(serde_json::from_value::<EeUsageMetrics>(usage).is_err());
}

#[test]
fn unknown_metrics_round_trip() {
    let mut usage: Value = example::<EeUsageMetrics>();
    let metrics = usage["metrics"].as_object_mut().unwrap();
    metrics.insert(
        "hasura_zzz_cache_request_count".into(),
        json!([{ "status": "hit", "value": 2.5 }, { "status": "miss", "value": 3 }]),
    );
    metrics.insert("hasura_zzz_gauge".into(), json!([{ "value": 0 }]));
    let back = round_trip_value::<EeUsageMetrics>(&usage);
    assert_eq!(back, usage);
    assert_eq!(
        back["metrics"]["hasura_zzz_cache_request_count"][0]["value"].to_string(),
        "2.5"
    );
    // A known metric stays typed: a missing one is an error, not an empty `other` entry.
    let mut missing = usage.clone();
    missing["metrics"]
        .as_object_mut()
        .unwrap()
        .shift_remove("hasura_http_connections");
    assert!(serde_json::from_value::<EeUsageMetrics>(missing).is_err());
    // Label values of unknown metrics are strings.
    let mut bad = usage;
    bad["metrics"]["hasura_zzz_gauge"][0]["shard"] = json!(1);
    assert!(serde_json::from_value::<EeUsageMetrics>(bad).is_err());
}

#[test]
fn cli_config_keeps_other_settings() {
    let config = json!({
        "uuid": "e462ce20-42dd-40fd-9549-edfb92f80455",
        "enable_telemetry": false,
        "show_update_notification": true,
        "cli_environment": "default"
    });
    assert_eq!(round_trip_value::<CliConfig>(&config), config);
    let minimal =
        json!({ "uuid": "e462ce20-42dd-40fd-9549-edfb92f80455", "enable_telemetry": true });
    assert_eq!(round_trip_value::<CliConfig>(&minimal), minimal);
}

/// Every object schema in `schema` (the root and its `$defs`), by name.
fn objects(schema: &Value) -> Vec<(String, &Value)> {
    let mut found = vec![("(root)".to_owned(), schema)];
    if let Some(defs) = schema["$defs"].as_object() {
        found.extend(defs.iter().map(|(name, def)| (name.clone(), def)));
    }
    found
        .into_iter()
        .filter(|(_, def)| def["type"] == "object")
        .collect()
}

/// The members an emitter may leave out, each documented on its field: the CLI's optional setting,
/// and the Console's CLI UUID (server mode) and stack trace (an error without one).
const OPTIONAL_MEMBERS: &[(&str, &str)] = &[
    ("hasura/cli-config", "show_update_notification"),
    ("hasura/console-error", "cli_uuid"),
    ("hasura/console-error", "stack"),
];

/// Checks what every Hasura schema promises: descriptions everywhere, every property required
/// except the documented optional members, objects closed unless listed as open, no integer
/// formats.
fn assert_schema<T: Payload>(open: &[&str]) -> Value {
    let schema = bare_schema::<T>();
    let text = schema.to_string();
    for format in ["uint", "int32", "int64", "double", "float"] {
        assert!(
            !text.contains(&format!("\"format\":\"{format}")),
            "{}: {format}",
            T::ID
        );
    }
    assert!(
        schema["description"].is_string(),
        "{}: no description",
        T::ID
    );
    for (name, def) in objects(&schema) {
        assert!(
            def["description"].is_string(),
            "{}: {name} has no description",
            T::ID
        );
        let properties = def["properties"].as_object().unwrap();
        let required = Vec::<&str>::deserialize(&def["required"]).unwrap();
        for (key, property) in properties {
            assert!(
                property["description"].is_string(),
                "{}: {name}.{key} has no description",
                T::ID
            );
            if !OPTIONAL_MEMBERS.contains(&(T::ID, key.as_str())) {
                assert!(
                    required.contains(&key.as_str()),
                    "{}: {name}.{key} optional",
                    T::ID
                );
            }
        }
        if open.contains(&name.as_str()) {
            assert_ne!(
                def["additionalProperties"],
                json!(false),
                "{}: {name}",
                T::ID
            );
        } else {
            assert_eq!(
                def["additionalProperties"],
                json!(false),
                "{}: {name} open",
                T::ID
            );
        }
    }
    schema
}

#[test]
fn schemas_have_the_promised_shape() {
    let server = assert_schema::<ServerTelemetryRow>(&[]);
    assert_eq!(
        server["properties"]["ci"]["anyOf"][1],
        json!({ "type": "null" })
    );
    assert_schema::<EeServerTelemetry>(&[]);
    assert_schema::<EeDataSourceTelemetry>(&[]);
    let usage = assert_schema::<EeUsageMetrics>(&["UsageMetrics", "OtherMetricSample"]);
    assert_eq!(
        usage["$defs"]["UsageMetrics"]["additionalProperties"],
        json!({ "type": "array", "items": { "$ref": "#/$defs/OtherMetricSample" } })
    );
    assert_eq!(
        usage["$defs"]["OtherMetricSample"]["additionalProperties"],
        json!({ "$ref": "#/$defs/MetricLabel" })
    );
    assert_eq!(usage["$defs"]["MetricLabel"]["type"], "string");
    assert_schema::<ConsoleError>(&[]);
    assert_schema::<CliExecutionRow>(&[]);
    let config = assert_schema::<CliConfig>(&["(root)"]);
    assert_eq!(config["additionalProperties"], json!(true));
}

/// The inventory of the payload `id`, which must be classified throughout.
fn inventory(id: &str) -> Inventory {
    let kind = registry::find(id).expect("a registered payload");
    privacy::inventory(kind).unwrap_or_else(|error| panic!("{id}: {error}"))
}

/// The class of the member at `pointer` in `inventory`.
fn class_at(inventory: &Inventory, pointer: &str) -> Class {
    inventory
        .members
        .iter()
        .find(|member| member.pointer == pointer)
        .unwrap_or_else(|| panic!("{}: no member {pointer}", inventory.payload))
        .class
}

/// Guards future fields: a member added to a Hasura payload without a class fails here.
#[test]
fn every_hasura_member_is_classified() {
    let hasura: Vec<_> = PAYLOADS
        .iter()
        .filter(|kind| kind.product == Product::Hasura)
        .collect();
    // The page's seven, and the row and wire layers around the payloads Hasura sends.
    for id in [
        "hasura/server-telemetry",
        "hasura/server-telemetry-wire",
        "hasura/ee-server-telemetry-row",
        "hasura/console-error-wire",
        "hasura/cli-config",
        "hasura/server-metrics-v2",
        "hasura/server-metrics-v2-wire",
    ] {
        assert!(hasura.iter().any(|kind| kind.id == id), "{id}");
    }
    let unclassified: Vec<String> = hasura
        .iter()
        .filter_map(|kind| {
            privacy::inventory(kind)
                .err()
                .map(|error| format!("{}: {error}", kind.id))
        })
        .collect();
    assert!(unclassified.is_empty(), "{unclassified:#?}");
}

/// The sanitiser's placeholders (`console/src/telemetry/filters.ts`), as the upstream notes list
/// them.
const ROUTE_PLACEHOLDERS: [&str; 8] = [
    "SCHEMA_NAME",
    "TABLE_NAME",
    "VIEW_NAME",
    "FUNCTION_NAME",
    "REMOTE_SCHEMA_NAME",
    "TRIGGER_NAME",
    "DATA_TRIGGER_NAME",
    "CRON_TRIGGER_NAME",
];

/// The page: the Console sends anonymised route names; the actual names of tables, schemas,
/// Remote Schemas and triggers in the URL are not sent.
#[test]
fn console_route_is_an_anonymised_url() {
    let console = inventory(ConsoleError::ID);
    assert_eq!(class_at(&console, "/url"), Class::Url);
    let schema = registry::find(ConsoleError::ID).unwrap().schema();
    let description = schema["properties"]["url"]["description"].as_str().unwrap();
    for placeholder in ROUTE_PLACEHOLDERS {
        assert!(
            description.contains(&format!("`{placeholder}`")),
            "{placeholder}"
        );
    }
    // The page's sample route names nothing but placeholders.
    let example = example::<ConsoleError>();
    let names: Vec<&str> = example["url"]
        .as_str()
        .unwrap()
        .split('/')
        .filter(|segment| segment.chars().any(|c| c.is_ascii_uppercase()))
        .collect();
    assert_eq!(names, ["SCHEMA_NAME", "TABLE_NAME"]);
    assert!(names.iter().all(|name| ROUTE_PLACEHOLDERS.contains(name)));
    // The error itself is not sanitised.
    assert_eq!(class_at(&console, "/data/message"), Class::Diagnostic);
    assert_eq!(class_at(&console, "/data/stack"), Class::Diagnostic);
}

/// The page: the CLI sends the command name, the timestamp and whether it failed, a random UUID,
/// the server's version and UUID, the OS platform and architecture and the CLI version; error
/// messages, arguments and flags are not recorded. The schema is closed, so this list is all of
/// it.
#[test]
fn cli_execution_records_no_arguments_flags_or_messages() {
    let cli = inventory(CliExecutionRow::ID);
    let members: Vec<(&str, Class)> = cli
        .members
        .iter()
        .map(|member| (member.pointer.as_str(), member.class))
        .collect();
    assert_eq!(
        members,
        [
            ("/id", Class::RecordId),
            ("/timestamp", Class::Timestamp),
            ("/uuid", Class::RandomId),
            ("/execution_id", Class::RandomId),
            ("/version", Class::Version),
            ("/command", Class::Category),
            ("/is_error", Class::Flag),
            ("/os_platform", Class::Device),
            ("/os_arch", Class::Device),
            ("/server_uuid", Class::RandomId),
            ("/server_version", Class::Version),
            ("/payload", Class::Diagnostic),
        ]
    );
    for (pointer, class) in members {
        assert!(
            !matches!(class, Class::FreeText | Class::Contact),
            "{pointer}: {class}"
        );
        for word in ["arg", "flag", "message", "error_"] {
            assert!(!pointer.contains(word), "{pointer}");
        }
    }
    let schema = registry::find(CliExecutionRow::ID).unwrap().schema();
    assert_eq!(schema["additionalProperties"], json!(false));
}

/// Labels of metrics the page does not print are classified through [`MetricLabel`]; the one
/// label that carries a user-given name is classified as one.
#[test]
fn usage_metric_labels_are_classified() {
    let usage = inventory(EeUsageMetrics::ID);
    assert_eq!(
        class_at(&usage, "/metrics/{name}/*/{name}"),
        Class::Category
    );
    assert_eq!(class_at(&usage, "/metrics/{name}/*/value"), Class::Count);
    assert_eq!(
        class_at(&usage, "/metrics/hasura_postgres_connections/*/source_name"),
        Class::ContentName
    );
    assert_eq!(
        class_at(
            &usage,
            "/metrics/hasura_graphql_requests_total/*/operation_type"
        ),
        Class::Category
    );
}

/// A refinement accepts nothing the kind it refines refuses: its documented example, its
/// fixture and its random documents, in every layer, are documents of the refined kind too.
#[test]
fn a_refinements_documents_are_documents_of_the_kind_it_refines() {
    let refinements: Vec<_> = PAYLOADS
        .iter()
        .filter_map(|kind| Some((kind, kind.refined()?)))
        .collect();
    let ids: Vec<(&str, &str)> = refinements
        .iter()
        .map(|(kind, refined)| (kind.id, refined.id))
        .collect();
    assert_eq!(
        ids,
        [
            ("hasura/console-error", "hasura/console-event"),
            ("hasura/console-error-row", "hasura/console-event-row"),
            ("hasura/console-error-wire", "hasura/console-event-wire"),
        ]
    );
    for (kind, refined) in refinements {
        let mut documents: Vec<serde_json::Value> = kind.documented_example().into_iter().collect();
        documents.push(kind.fixture());
        #[cfg(feature = "proptest")]
        documents.extend((0..200).map(|seed| kind.random(seed)));
        for document in documents {
            assert!(
                kind.validate(&document).is_valid(),
                "{}: {document}",
                kind.id
            );
            let report = refined.validate(&document);
            assert!(
                report.is_valid(),
                "{} refuses {document}: {report}",
                refined.id
            );
        }
    }
}

#[test]
fn newest_console_events_default_to_a_runtime_error_that_meets_the_rules() {
    use crate::validate::Validate;
    let built = console_event::ConsoleEventV2::fixture().build();
    assert_eq!(
        built.event_type,
        console_event::ConsoleEventType::RunTimeError
    );
    assert!(built.event_data.message.is_some());
    let document = serde_json::to_value(&built).unwrap();
    let report = console_event::ConsoleEventV2::validate(&document);
    assert!(report.is_valid(), "{report}");
    // A row flattens the event and checks its rules on the row's object, on both paths.
    let mut row = document;
    row["id"] = json!(7);
    row["timestamp"] = json!("2024-03-01T10:00:00.123+00:00");
    row["event_type"] = json!("CLICK_EVENT");
    for report in [
        ConsoleEventRow::validate(&row),
        ConsoleEventRow::validate_slice(row.to_string().as_bytes()),
    ] {
        let found: Vec<(String, Option<String>)> = report
            .violations()
            .iter()
            .map(|v| (v.pointer.clone(), v.member.clone()))
            .collect();
        assert_eq!(
            found,
            [
                ("/event_data".to_owned(), Some("id".to_owned())),
                ("/event_data/message".to_owned(), None),
            ],
            "{report}"
        );
    }
}
