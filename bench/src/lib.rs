//! Probe.
#[jsonschema_macros_060::validator(
    path = "../schemas/hasura/server-telemetry/1-0-0.schema.json",
    validate_formats = true
)]
pub struct ServerTelemetryValidator;
