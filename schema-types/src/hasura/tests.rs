//! Checks the Hasura types against copies of the page's examples: each example deserialises and
//! serialises back to the same members, in the same order, with the same values, and each
//! schema has the shape the types promise (closed objects, required nullable members, an open
//! `metrics` object for the usage metrics).
//!
//! The copies below are for these unit checks only; the project's corpus tests read the
//! examples from the page itself. The usage-metrics copy has the comma that the page's line 143
//! lacks (an erratum of the page).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::*;
use crate::payload::Payload;
use crate::schema::bare_schema;

const SERVER: &str = r#"{
"id": 12,
"timestamp": "2019-01-21T19:43:33.63838+00:00",
"db_uid": "dddff371-dab2-450f-9969-235bca66dab1",
"instance_uid": "6799360d-a431-40c5-9f68-24592a9f07df",
"version": "v1.0.0-alpha36",
"ci": "TRAVIS",
"metrics": {
"views": 1,
"tables": 2,
"functions": 1,
"permissions": {
"roles": 1,
"delete": 2,
"insert": 1,
"select": 2,
"update": 2
},
"relationships": {
"auto": 2,
"manual": 0
},
"event_triggers": 0,
"remote_schemas": 1
}
}"#;

const EE_SERVER: &str = r#"{
"license_jti": "e86e5a54-ad3b-49e6-98ca-ab34b0a50f8f",
"client_id": null,
"metadata_db_uid": "4492082b-a2d6-4d4c-81e5-f481b2aea669",
"instance_uid": "f6d67a85-4a4f-4897-a767-89a86253b59c",
"sample_uid": "2a18421a-baff-466b-bf34-b7fd6a5c76c8",
"hasura_version": "v2.23.0",
"metrics": {
"api_limits_enabled": true,
"api_limits_roles_with_limits": 0,
"api_limits_rate_limits": 0,
"api_limits_depth_limits": 0,
"api_limits_node_limits": 0,
"api_limits_time_limits": 0,
"api_limits_batch_limits": 0,
"prometheus_endpoint_enabled": false,
"prometheus_secret_enabled": false,
"otel_enabled": false,
"otel_traces_enabled": false,
"allow_list_roles": 0,
"logs_http_response_log_enabled": false,
"logs_api_limit_log_enabled": false,
"logs_live_query_poller_log_enabled": false,
"logs_caching_log_enabled": false,
"logs_tracing_log_enabled": true,
"logs_metrics_log_enabled": false,
"logs_health_check_log_enabled": false,
"rate_limiting_enabled": false,
"caching_enabled": false,
"remote_schemas": 0,
"actions_synchronous": 0,
"actions_asynchronous": 0,
"actions_query": 0,
"actions_type_relationships": 0,
"actions_custom_types": 0,
"resource_cpu": 2048,
"resource_memory": 0,
"resource_checker_error_code": "CPU_MEMORY_INCONCLUSIVE",
"jwt_secrets_configured": 2,
"admin_secrets_configured": 2
}
}"#;

const EE_SOURCE: &str = r#"{
"license_jti": "e86e5a54-ad3b-49e6-98ca-ab34b0a50f8f",
"client_id": null,
"metadata_db_uid": "4492082b-a2d6-4d4c-81e5-f481b2aea669",
"instance_uid": "f6d67a85-4a4f-4897-a767-89a86253b59c",
"sample_uid": "2a18421a-baff-466b-bf34-b7fd6a5c76c8",
"hasura_version": "12345",
"metrics": {
"backend_type": "postgres",
"read_replicas": 0,
"health_check_enabled": false,
"tables": 0,
"views": 0,
"enum_tables": 0,
"relationships_manual": 0,
"relationships_auto": 0,
"permissions_select": 0,
"permissions_insert": 0,
"permissions_update": 0,
"permissions_delete": 0,
"permissions_roles": 0,
"event_triggers": 0,
"functions": 0,
"native_queries": 0,
"query_tags_enabled": false,
"connection_templates_enabled": false
}
}"#;

const USAGE: &str = r#"{  "license_jti": "e86e5a54-ad3b-49e6-98ca-ab34b0a50f8f",
"client_id": null,
"metadata_db_uid": "4492082b-a2d6-4d4c-81e5-f481b2aea669",
"instance_uid": "f6d67a85-4a4f-4897-a767-89a86253b59c",
"sample_uid": "2a18421a-baff-466b-bf34-b7fd6a5c76c8",
"hasura_version": "12345",
"metrics": {
"hasura_action_request_bytes_total": [ { "value": 0 } ],
"hasura_action_response_bytes_total": [ { "value": 0 } ],
"hasura_active_subscriptions": [ { "value": 0 } ],
"hasura_cron_events_invocation_total": [{"status": "success","value": 0}],
"hasura_event_invocations_total": [{"status": "success","value": 0}],
"hasura_event_trigger_http_workers": [ { "value": 0 } ],
"hasura_events_fetched_per_batch": [ { "value": 0 } ],
"hasura_event_trigger_request_bytes_total": [ { "value": 0 } ],
"hasura_event_trigger_response_bytes_total": [ { "value": 0 } ],
"hasura_graphql_requests_total": [{"operation_type": "query","response_status": "failed","value": 0}],
"hasura_http_connections": [ { "value": 0 } ],
"hasura_http_request_bytes_total": [ { "value": 0 } ],
"hasura_http_response_bytes_total": [ { "value": 0 } ],
"hasura_metadata_resource_version": [ { "value": 1 } ],
"hasura_postgres_connections": [{"role": "primary","source_name": "default","value": 1}],
"hasura_scheduled_trigger_request_bytes_total": [ { "value": 0 } ],
"hasura_scheduled_trigger_response_bytes_total": [ { "value": 0 } ],
"hasura_websocket_connections": [ { "value": 0 } ],
"hasura_websocket_messages_received_bytes_total": [ { "value": 0 } ],
"hasura_websocket_messages_sent_bytes_total": [ { "value": 0 } ]
}
}"#;

const CONSOLE: &str = r#"{
"server_version": "2.0.0",
"event_type": "Main/RUN_TIME_ERROR",
"url": "/data/schema/SCHEMA_NAME/tables/TABLE_NAME/modify",
"console_mode": "cli",
"cli_uuid": "0e4e2e9b-7fc9-44b8-9d5c-955673e20e0b",
"server_uuid": "015a8f49-2fbd-4c41-8066-23f48d9c620a",
"data": { "message": "Uncaught TypeError: something is not a function", "stack": [" at main.js:1:3"] }
}"#;

const CLI: &str = r#"{
"id": 115,
"timestamp": "2019-01-21T11:36:07.86783+00:00",
"uuid": "e462ce20-42dd-40fd-9549-edfb92f80455",
"execution_id": "ddfa9c33-0693-457d-9026-c7f456c43322",
"version": "v0.4.27",
"command": "hasura version",
"is_error": false,
"os_platform": "linux",
"os_arch": "amd64",
"server_uuid": "a4d66fb2-f88d-457b-8db1-ea7a0b57921d",
"server_version": "v1.0.0-alpha36",
"payload": null
}"#;

/// Deserialises `text` as `T`, serialises it again and compares the text with the example's
/// own, re-serialised: same members, same order, same values.
fn assert_round_trip<T: Payload + std::fmt::Debug>(text: &str) -> T {
    let payload: T = serde_json::from_str(text).unwrap_or_else(|error| panic!("{error}"));
    let original: Value = serde_json::from_str(text).unwrap();
    assert_eq!(
        serde_json::to_string(&payload).unwrap(),
        serde_json::to_string(&original).unwrap(),
        "{} does not round-trip",
        T::ID
    );
    payload
}

fn round_trip_value<T: Serialize + DeserializeOwned>(value: &Value) -> Value {
    let payload: T = serde_json::from_value(value.clone()).unwrap();
    serde_json::to_value(payload).unwrap()
}

#[test]
fn examples_round_trip() {
    assert_round_trip::<ServerTelemetry>(SERVER);
    assert_round_trip::<EeServerTelemetry>(EE_SERVER);
    assert_round_trip::<EeDataSourceTelemetry>(EE_SOURCE);
    let usage = assert_round_trip::<EeUsageMetrics>(USAGE);
    assert!(usage.metrics.other.is_empty());
    assert_round_trip::<ConsoleError>(CONSOLE);
    assert_round_trip::<CliExecution>(CLI);
}

#[test]
fn closed_objects_refuse_other_members() {
    let mut server: Value = serde_json::from_str(SERVER).unwrap();
    server["metrics"]["permissions"]["extra"] = json!(1);
    assert!(serde_json::from_value::<ServerTelemetry>(server).is_err());
    let mut console: Value = serde_json::from_str(CONSOLE).unwrap();
    console["user"] = json!("someone");
    assert!(serde_json::from_value::<ConsoleError>(console).is_err());
    let mut usage: Value = serde_json::from_str(USAGE).unwrap();
    usage["metrics"]["hasura_postgres_connections"][0]["pool"] = json!("x");
    assert!(serde_json::from_value::<EeUsageMetrics>(usage).is_err());
}

#[test]
fn unknown_metrics_round_trip() {
    let mut usage: Value = serde_json::from_str(USAGE).unwrap();
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
