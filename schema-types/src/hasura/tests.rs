//! Checks what the Hasura types promise beyond the round-trip of their examples (which the
//! workspace tests cover): closed objects refuse other members, the usage metrics keep metrics
//! they do not know, the CLI config keeps other settings, and each schema has the promised
//! shape (closed objects, required nullable members, an open `metrics` object).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::*;
use crate::payload::Payload;
use crate::schema::bare_schema;

/// The page's example of `T`, read from the verbatim page by the corpus.
fn example<T: Payload>() -> Value {
    let location = T::EXAMPLE.expect("the payload has a documented example");
    crate::corpus::example_document(location).expect("the example reads")
}

fn round_trip_value<T: Serialize + DeserializeOwned>(value: &Value) -> Value {
    let payload: T = serde_json::from_value(value.clone()).unwrap();
    serde_json::to_value(payload).unwrap()
}

#[test]
fn closed_objects_refuse_other_members() {
    let mut server: Value = example::<ServerTelemetry>();
    server["metrics"]["permissions"]["extra"] = json!(1);
    assert!(serde_json::from_value::<ServerTelemetry>(server).is_err());
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

/// Checks what every Hasura schema promises: descriptions everywhere, every property required,
/// objects closed unless listed as open, no integer formats.
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
        let required: Vec<&str> = def["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|key| key.as_str().unwrap())
            .collect();
        for (key, property) in properties {
            assert!(
                property["description"].is_string(),
                "{}: {name}.{key} has no description",
                T::ID
            );
            if !(T::ID == "hasura/cli-config" && key == "show_update_notification") {
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
    let server = assert_schema::<ServerTelemetry>(&[]);
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
        json!({ "type": "string" })
    );
    assert_schema::<ConsoleError>(&[]);
    assert_schema::<CliExecution>(&[]);
    let config = assert_schema::<CliConfig>(&["(root)"]);
    assert_eq!(config["additionalProperties"], json!(true));
}
