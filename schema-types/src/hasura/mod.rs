//! STUB: replaced by the hasura types helper.
use crate::payload::{ExampleLocation, Payload, Product, SchemaVersion};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct ServerTelemetry {}
impl Payload for ServerTelemetry {
    const ID: &'static str = "hasura/server-telemetry";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "ServerTelemetry";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct EeServerTelemetry {}
impl Payload for EeServerTelemetry {
    const ID: &'static str = "hasura/ee-server-telemetry";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "EeServerTelemetry";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct EeDataSourceTelemetry {}
impl Payload for EeDataSourceTelemetry {
    const ID: &'static str = "hasura/ee-data-source-telemetry";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "EeDataSourceTelemetry";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct EeUsageMetrics {}
impl Payload for EeUsageMetrics {
    const ID: &'static str = "hasura/ee-usage-metrics";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "EeUsageMetrics";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct ConsoleError {}
impl Payload for ConsoleError {
    const ID: &'static str = "hasura/console-error";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "ConsoleError";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct CliExecution {}
impl Payload for CliExecution {
    const ID: &'static str = "hasura/cli-execution";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "CliExecution";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct CliConfig {}
impl Payload for CliConfig {
    const ID: &'static str = "hasura/cli-config";
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "CliConfig";
    const EXAMPLE: Option<ExampleLocation> = None;
}
