//! The documented examples, rebuilt member by member with the fixture builders.
//!
//! The upstream pages print one example per payload (none for `hasura/cli-config`); the corpus
//! reads those examples from the verbatim pages ([`crate::corpus::example_document`]). This
//! module writes each of them again, in code, through `T::fixture()` and one setter per member,
//! in the page's member order. That proves two things the types promise: every documented member
//! is settable through the builders (a member without a setter, or a value the setter's type
//! cannot take, fails to compile here), and the builders can reproduce the page exactly, values
//! that break a rule included (each of those is a recorded erratum, see
//! [`crate::corpus::VALUE_ERRATA`]; the types hold them, the schemas judge them). The tests below
//! compare every sample with the page's example, value for value and member for member.
//!
//! `cargo xtask gen` writes the samples to `generated/`, beside the examples read from the pages.
//!
//! Every member is set explicitly, even where the fixture default already holds the page's value,
//! so that each function reads like the page's example.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::appsmith::{
    AnonymousId, AppMode, BackendCallContext, BackendCallEvent, BackendCallEventName,
    BackendCallProperties, CountryCode, Datasource, Edition, KeepAliveEventName, KeepAlivePing,
    KeepAliveProperties, MixpanelProperties, NavigationContext, NavigationEvent, NavigationPage,
    NavigationProperties, Pulse, ReleaseNotesRequestType, SegmentCallType, SegmentLibrary,
    ServerSetupEventName, ServerSetupPing, ServerSetupProperties, UsagePulse,
};
use crate::common::{EpochSeconds, Nullable, UuidOrEmpty};
use crate::hasura::{
    CiVendor, CliExecution, CliExecutionEvent, ConsoleError, ConsoleErrorData, ConsoleMode,
    ConsoleStack, EeDataSourceMetrics, EeDataSourceTelemetry, EeServerMetrics, EeServerTelemetry,
    EeUsageMetrics, OperationStatusSample, PermissionCounts, RelationshipCounts, RoleSourceSample,
    ServerMetrics, ServerReport, ServerTelemetry, StatusSample, UnlabelledSample, UsageMetrics,
};
use crate::payload::Payload;

/// The documented example of payload `id`, rebuilt with the fixture builders; `None` for a
/// payload the pages print no example of (`hasura/cli-config`).
///
/// ```
/// let sample = schema_types::samples::documented_example("hasura/server-telemetry").unwrap();
/// assert_eq!(sample["ci"], "TRAVIS");
/// assert!(schema_types::samples::documented_example("hasura/cli-config").is_none());
/// ```
pub fn documented_example(id: &str) -> Option<Value> {
    let document = match id {
        ServerTelemetry::ID => document(server_telemetry()),
        EeServerTelemetry::ID => document(ee_server_telemetry()),
        EeDataSourceTelemetry::ID => document(ee_data_source_telemetry()),
        EeUsageMetrics::ID => document(ee_usage_metrics()),
        ConsoleError::ID => document(console_error()),
        CliExecution::ID => document(cli_execution()),
        KeepAlivePing::ID => document(keep_alive_ping()),
        ServerSetupPing::ID => document(server_setup_ping()),
        UsagePulse::ID => document(usage_pulse()),
        NavigationEvent::ID => document(navigation_event()),
        BackendCallEvent::ID => document(backend_call_event()),
        _ => return None,
    };
    Some(document)
}

fn document(payload: impl Serialize) -> Value {
    serde_json::to_value(payload).expect("a payload always serialises")
}

/// Seconds with a fraction, as the Mixpanel exports write them.
fn fractional_seconds(seconds: f64) -> EpochSeconds {
    EpochSeconds::from_f64(seconds).expect("a finite literal")
}

// Hasura GraphQL Engine, in the order of its page.

fn server_telemetry() -> ServerTelemetry {
    ServerTelemetry::fixture()
        .id(12)
        .timestamp("2019-01-21T19:43:33.63838+00:00")
        .payload(
            ServerReport::fixture()
                .db_uid("dddff371-dab2-450f-9969-235bca66dab1")
                .instance_uid("6799360d-a431-40c5-9f68-24592a9f07df")
                .version("v1.0.0-alpha36")
                .ci(CiVendor::Travis)
                .metrics(
                    ServerMetrics::fixture()
                        .views(1)
                        .tables(2)
                        .functions(1)
                        .permissions(
                            PermissionCounts::fixture()
                                .roles(1)
                                .delete(2)
                                .insert(1)
                                .select(2)
                                .update(2),
                        )
                        .relationships(RelationshipCounts::fixture().auto(2).manual(0))
                        .event_triggers(0)
                        .remote_schemas(1),
                ),
        )
        .build()
}

fn ee_server_telemetry() -> EeServerTelemetry {
    EeServerTelemetry::fixture()
        .license_jti("e86e5a54-ad3b-49e6-98ca-ab34b0a50f8f")
        .client_id(Nullable::NULL)
        .metadata_db_uid("4492082b-a2d6-4d4c-81e5-f481b2aea669")
        .instance_uid("f6d67a85-4a4f-4897-a767-89a86253b59c")
        .sample_uid("2a18421a-baff-466b-bf34-b7fd6a5c76c8")
        .hasura_version("v2.23.0")
        .metrics(
            EeServerMetrics::fixture()
                .api_limits_enabled(true)
                .api_limits_roles_with_limits(0)
                .api_limits_rate_limits(0)
                .api_limits_depth_limits(0)
                .api_limits_node_limits(0)
                .api_limits_time_limits(0)
                .api_limits_batch_limits(0)
                .prometheus_endpoint_enabled(false)
                .prometheus_secret_enabled(false)
                .otel_enabled(false)
                .otel_traces_enabled(false)
                .allow_list_roles(0)
                .logs_http_response_log_enabled(false)
                .logs_api_limit_log_enabled(false)
                .logs_live_query_poller_log_enabled(false)
                .logs_caching_log_enabled(false)
                .logs_tracing_log_enabled(true)
                .logs_metrics_log_enabled(false)
                .logs_health_check_log_enabled(false)
                .rate_limiting_enabled(false)
                .caching_enabled(false)
                .remote_schemas(0)
                .actions_synchronous(0)
                .actions_asynchronous(0)
                .actions_query(0)
                .actions_type_relationships(0)
                .actions_custom_types(0)
                .resource_cpu(2048)
                .resource_memory(0)
                .resource_checker_error_code(String::from("CPU_MEMORY_INCONCLUSIVE"))
                .jwt_secrets_configured(2)
                .admin_secrets_configured(2),
        )
        .build()
}

fn ee_data_source_telemetry() -> EeDataSourceTelemetry {
    EeDataSourceTelemetry::fixture()
        .license_jti("e86e5a54-ad3b-49e6-98ca-ab34b0a50f8f")
        .client_id(Nullable::NULL)
        .metadata_db_uid("4492082b-a2d6-4d4c-81e5-f481b2aea669")
        .instance_uid("f6d67a85-4a4f-4897-a767-89a86253b59c")
        .sample_uid("2a18421a-baff-466b-bf34-b7fd6a5c76c8")
        .hasura_version("12345")
        .metrics(
            EeDataSourceMetrics::fixture()
                .backend_type("postgres")
                .read_replicas(0)
                .health_check_enabled(false)
                .tables(0)
                .views(0)
                .enum_tables(0)
                .relationships_manual(0)
                .relationships_auto(0)
                .permissions_select(0)
                .permissions_insert(0)
                .permissions_update(0)
                .permissions_delete(0)
                .permissions_roles(0)
                .event_triggers(0)
                .functions(0)
                .native_queries(0)
                .query_tags_enabled(false)
                .connection_templates_enabled(false),
        )
        .build()
}

fn ee_usage_metrics() -> EeUsageMetrics {
    EeUsageMetrics::fixture()
        .license_jti("e86e5a54-ad3b-49e6-98ca-ab34b0a50f8f")
        .client_id(Nullable::NULL)
        .metadata_db_uid("4492082b-a2d6-4d4c-81e5-f481b2aea669")
        .instance_uid("f6d67a85-4a4f-4897-a767-89a86253b59c")
        .sample_uid("2a18421a-baff-466b-bf34-b7fd6a5c76c8")
        .hasura_version("12345")
        .metrics(
            // The page prints no metric beyond the named ones, so `other` keeps its empty default.
            UsageMetrics::fixture()
                .hasura_action_request_bytes_total([unlabelled(0)])
                .hasura_action_response_bytes_total([unlabelled(0)])
                .hasura_active_subscriptions([unlabelled(0)])
                .hasura_cron_events_invocation_total([StatusSample::fixture()
                    .status("success")
                    .value(0)
                    .build()])
                .hasura_event_invocations_total([StatusSample::fixture()
                    .status("success")
                    .value(0)
                    .build()])
                .hasura_event_trigger_http_workers([unlabelled(0)])
                .hasura_events_fetched_per_batch([unlabelled(0)])
                .hasura_event_trigger_request_bytes_total([unlabelled(0)])
                .hasura_event_trigger_response_bytes_total([unlabelled(0)])
                .hasura_graphql_requests_total([OperationStatusSample::fixture()
                    .operation_type("query")
                    .response_status("failed")
                    .value(0)
                    .build()])
                .hasura_http_connections([unlabelled(0)])
                .hasura_http_request_bytes_total([unlabelled(0)])
                .hasura_http_response_bytes_total([unlabelled(0)])
                .hasura_metadata_resource_version([unlabelled(1)])
                .hasura_postgres_connections([RoleSourceSample::fixture()
                    .role("primary")
                    .source_name("default")
                    .value(1)
                    .build()])
                .hasura_scheduled_trigger_request_bytes_total([unlabelled(0)])
                .hasura_scheduled_trigger_response_bytes_total([unlabelled(0)])
                .hasura_websocket_connections([unlabelled(0)])
                .hasura_websocket_messages_received_bytes_total([unlabelled(0)])
                .hasura_websocket_messages_sent_bytes_total([unlabelled(0)]),
        )
        .build()
}

/// A sample of a metric without labels.
fn unlabelled(value: u64) -> UnlabelledSample {
    UnlabelledSample::fixture().value(value).build()
}

fn console_error() -> ConsoleError {
    ConsoleError::fixture()
        .server_version("2.0.0")
        .event_type("Main/RUN_TIME_ERROR")
        .url("/data/schema/SCHEMA_NAME/tables/TABLE_NAME/modify")
        .console_mode(ConsoleMode::Cli)
        .cli_uuid(UuidOrEmpty::from("0e4e2e9b-7fc9-44b8-9d5c-955673e20e0b"))
        .server_uuid("015a8f49-2fbd-4c41-8066-23f48d9c620a")
        .data(
            ConsoleErrorData::fixture()
                .message("Uncaught TypeError: something is not a function")
                .stack(ConsoleStack::Frames(vec![String::from(" at main.js:1:3")])),
        )
        .build()
}

fn cli_execution() -> CliExecution {
    CliExecution::fixture()
        .id(115)
        .timestamp("2019-01-21T11:36:07.86783+00:00")
        .payload(
            CliExecutionEvent::fixture()
                .uuid("e462ce20-42dd-40fd-9549-edfb92f80455")
                .execution_id("ddfa9c33-0693-457d-9026-c7f456c43322")
                .version("v0.4.27")
                .command("hasura version")
                .is_error(false)
                .os_platform("linux")
                .os_arch("amd64")
                .server_uuid("a4d66fb2-f88d-457b-8db1-ea7a0b57921d")
                .server_version("v1.0.0-alpha36")
                .payload(Nullable::NULL),
        )
        .build()
}

// Appsmith, in the order of its page.

fn keep_alive_ping() -> KeepAlivePing {
    KeepAlivePing::fixture()
        .event(KeepAliveEventName::FetchReleaseNotes)
        .properties(
            // Mixpanel's members first, then the event's own: the export lists them all by name.
            MixpanelProperties::fixture()
                .time(fractional_seconds(1_704_784_217.602))
                .distinct_id("609ce8fb4092701c69df9846")
                .identified_id("609ce8fb4092701c69df9846")
                .import(true)
                .insert_id("75ddda7c-ba47-41e0-9578-7d3afaf05284")
                .lib_version("3.3.1")
                .mp_api_endpoint("api.mixpanel.com")
                .mp_api_timestamp_ms(1_704_784_233_604)
                .source("segment")
                .user_id("609ce8fb4092701c69df9846")
                .mp_lib("Segment Actions: analytics-java")
                .mp_processing_time_ms(1_704_784_233_665)
                .segment_source_name("cloud-services")
                .event(
                    KeepAliveProperties::fixture()
                        .edition(Edition::Community)
                        .id("609ce8fb4092701c69df9846")
                        .instance_id("609ce8fb4092701c69df9846")
                        .origin_service("cloud-services")
                        .request_type(ReleaseNotesRequestType::FetchReleaseNotes)
                        .version("v1.9.15"),
                ),
        )
        .build()
}

fn server_setup_ping() -> ServerSetupPing {
    ServerSetupPing::fixture()
        .event(ServerSetupEventName::InstallationSetupComplete)
        .properties(
            // Mixpanel's members first, then the event's own: the export lists them all by name.
            MixpanelProperties::fixture()
                .time(fractional_seconds(1_704_784_091.249))
                .distinct_id("659cf0bd504813315c336bf7")
                .browser(String::new())
                .city(String::from("Mysore"))
                .identified_id("659cf0bd504813315c336bf7")
                .import(true)
                .insert_id("d684e7ed-1211-4518-a19c-8f22925526e0")
                .lib_version("3.3.1")
                .mp_api_endpoint("api.mixpanel.com")
                .mp_api_timestamp_ms(1_704_784_101_374)
                .region(String::from("Karnataka"))
                .source("segment")
                .user_id("659cf0bd504813315c336bf7")
                .mp_country_code(CountryCode::new("IN"))
                .mp_lib("Segment Actions: analytics-java")
                .mp_processing_time_ms(1_704_784_101_771)
                .segment_source_name("ce")
                .event(
                    ServerSetupProperties::fixture()
                        .disable_telemetry(false)
                        .email("")
                        .email_domain_hash(
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                        )
                        .goal("just exploring")
                        .id("659cf0bd504813315c336bf7")
                        .instance_id("659cf0bd504813315c336bf7")
                        .ip_address("117.211.16.3")
                        .name("")
                        .origin_service("appsmith-server")
                        .proficiency("")
                        .role("frontend engineer")
                        .subscribe_marketing(false)
                        .version("v1.9.56"),
                ),
        )
        .build()
}

fn usage_pulse() -> UsagePulse {
    UsagePulse::fixture()
        .usage_data([Pulse::fixture()
            .user("f3273dd18d95bc19d51d3e6356e4a679e6f13824497272a270e7bb540b0abb9d")
            // 21 characters with a non-hex `h`, not an ObjectId: a recorded erratum.
            .tenant_id("6fh76357fbe7e44f3a47a")
            .view_mode(false)
            .is_anonymous_user(false)
            .created_at(188_474_747)
            .build()])
        // A placeholder, not the UUID the licensed server sends: a recorded erratum.
        .message("hash-message")
        .hashed_message("c8ec6166d030765ff0f88ce40f4494bc6ef99f9d65dfbecd974c6359d1cac7ac")
        // 20 hex digits, not an ObjectId's 24: a recorded erratum.
        .instance_id("63ef757fbe7e44f3a47a")
        .build()
}

fn navigation_event() -> NavigationEvent {
    NavigationEvent::fixture()
        .anonymous(AnonymousId::fixture().anonymous_id("0b62ab60-02ad-4f69-a181-d9c5eb2f97fa"))
        .context(
            NavigationContext::fixture()
                .ip("49.207.192.209")
                .library(
                    SegmentLibrary::fixture()
                        .name("analytics.js")
                        .version("4.0.4"),
                )
                .locale("en-US")
                .page(
                    NavigationPage::fixture()
                        .path("/applications")
                        .referrer("https://dev.appsmith.com/applications")
                        .search("")
                        .title("Editor | Appsmith")
                        .url("https://dev.appsmith.com/applications"),
                )
                .user_agent(
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 \
                     (KHTML, like Gecko) Chrome/86.0.4240.111 Safari/537.36",
                ),
        )
        .event("APPLICATIONS_PAGE_LOAD")
        .integrations(Map::new())
        .message_id("ajs-9176c8f5ebc607524746206ea6aa7502")
        .original_timestamp("2020-11-04T10:52:14.616Z")
        .properties(NavigationProperties(Map::new()))
        .received_at("2020-11-04T10:52:14.750Z")
        .sent_at("2020-11-04T10:52:14.618Z")
        .timestamp("2020-11-04T10:52:14.748Z")
        .call_type(SegmentCallType::Track)
        .user_id("a3d8b23b9b0cac986af79f4826d009463f8dfc372f188934710115491b7665a1")
        .build()
}

fn backend_call_event() -> BackendCallEvent {
    BackendCallEvent::fixture()
        .context(
            BackendCallContext::fixture().library(
                SegmentLibrary::fixture()
                    .name("analytics-java")
                    .version("2.1.1"),
            ),
        )
        .event(BackendCallEventName::ExecuteActionTriggered)
        .integrations(Map::new())
        // Not a UUID (groups of 8-4-3-4-11 digits): a recorded erratum.
        .message_id("0f6b07ee-0717-413-808c-c25b09c0468")
        .original_timestamp("2021-08-24T07:23:35.610Z")
        .properties(
            // The ObjectIds have 20 or 22 hex digits, not 24, and `username` 59, not 64: recorded
            // errata.
            BackendCallProperties::fixture()
                .app_id("612465f87b2230debedfc6")
                .app_mode(AppMode::Edit)
                .app_name("APP1")
                .datasource(Datasource::fixture().name("Test App"))
                .instance_id("612460418944011a10fa5b")
                .is_example_app(false)
                .is_successful_execution(true)
                .name("Test")
                .org_id("612464f7f230debedfc4")
                .origin_service("appsmith-server")
                .page_id("612465802230debedfc8")
                .page_name("Page1")
                .plugin_name("PostgreSQL")
                .status_code("")
                .time_elapsed(8)
                .plugin_type("DB")
                .username("70280e5d07e61e5e915e5d26ac8704bbd68d3f75ebad67ba439f4c354d7"),
        )
        .received_at("2021-08-24T07:23:39.996Z")
        .sent_at("2021-08-24T07:23:39.885Z")
        .timestamp("2021-08-24T07:23:35.721Z")
        .call_type(SegmentCallType::Track)
        // 56 hex digits, not 64: a recorded erratum.
        .user_id("70280e5dd9e61e5e91526ac8704bbd68d3f75ebad67ba439f4c354d7")
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::example_document;
    use crate::registry::PAYLOADS;

    fn pretty(document: &Value) -> String {
        serde_json::to_string_pretty(document).expect("a value always serialises")
    }

    #[test]
    fn samples_reproduce_the_pages() {
        for kind in PAYLOADS {
            let Some(location) = kind.example else {
                continue;
            };
            let page = example_document(location).expect("the example reads");
            let sample = documented_example(kind.id)
                .unwrap_or_else(|| panic!("{} has an example but no sample", kind.id));
            assert_eq!(pretty(&sample), pretty(&page), "sample of {}", kind.id);
        }
    }

    #[test]
    fn payloads_without_an_example_have_no_sample() {
        for kind in PAYLOADS.iter().filter(|kind| kind.example.is_none()) {
            assert_eq!(documented_example(kind.id), None, "sample of {}", kind.id);
        }
    }

    #[test]
    fn every_documented_example_has_a_sample() {
        let missing: Vec<&str> = PAYLOADS
            .iter()
            .filter(|kind| kind.example.is_some() && documented_example(kind.id).is_none())
            .map(|kind| kind.id)
            .collect();
        assert!(
            missing.is_empty(),
            "payloads with a documented example but no sample in `samples.rs`: {missing:?}"
        );
    }

    #[test]
    fn fractional_seconds_keep_their_digits() {
        let sample = documented_example(KeepAlivePing::ID).expect("a sample");
        assert_eq!(sample["properties"]["time"].to_string(), "1704784217.602");
        let sample = documented_example(ServerSetupPing::ID).expect("a sample");
        assert_eq!(sample["properties"]["time"].to_string(), "1704784091.249");
    }

    #[test]
    fn unknown_ids_have_no_sample() {
        assert_eq!(documented_example("hasura/no-such-payload"), None);
    }
}
