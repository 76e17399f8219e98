//! STUB: replaced by the appsmith types helper.
use crate::payload::{ExampleLocation, Payload, Product, SchemaVersion};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct KeepAlivePing {}
impl Payload for KeepAlivePing {
    const ID: &'static str = "appsmith/keep-alive-ping";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "KeepAlivePing";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct ServerSetupPing {}
impl Payload for ServerSetupPing {
    const ID: &'static str = "appsmith/server-setup-ping";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "ServerSetupPing";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct UsagePulse {}
impl Payload for UsagePulse {
    const ID: &'static str = "appsmith/usage-pulse";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "UsagePulse";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct NavigationEvent {}
impl Payload for NavigationEvent {
    const ID: &'static str = "appsmith/navigation-event";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "NavigationEvent";
    const EXAMPLE: Option<ExampleLocation> = None;
}
/// stub
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct BackendCallEvent {}
impl Payload for BackendCallEvent {
    const ID: &'static str = "appsmith/backend-call-event";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "BackendCallEvent";
    const EXAMPLE: Option<ExampleLocation> = None;
}
