//! `appsmith/backend-call-event`: the Segment track event `execute_ACTION_TRIGGERED` the Appsmith
//! server sends when an action runs (page line 146).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::segment::{SegmentCallType, SegmentLibrary};
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut};
use crate::common::{Count, ObjectId, Rfc3339Timestamp, Sha256Hex, Uuid};
use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::payload::{ExampleLocation, Layer, Payload, Product, SchemaVersion};
use crate::validate::Validate;

/// A Segment track event that the Appsmith server (through analytics-java) sends when a user
/// runs an action, such as a database query: `execute_ACTION_TRIGGERED`, as Segment stores it.
///
/// The page lists it among the server's anonymous records of "successful query processes, new
/// application creation, user logins, connections to additional plugins, etc.", sent per user
/// action and collected only when telemetry is turned on, so opting out stops it. The user
/// appears only as a SHA-256 hash (`userId`, `properties.username`). Segment adds `receivedAt`
/// and `timestamp`; the four timestamps satisfy
/// `timestamp = receivedAt − (sentAt − originalTimestamp)`. The server sends the same event for
/// a failed execution, with an extra `properties.error`; this schema version follows the page
/// and admits the successful form only.
///
/// Closed (no other members) except `integrations`, an open map by nature (per-destination
/// switches): a privacy audit must account for every member sent, the page's sample is the
/// documented shape, and variants seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallEvent {
    /// What analytics-java records about the sender: its library.
    pub context: BackendCallContext,
    /// The event name, always `execute_ACTION_TRIGGERED`.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: BackendCallEventName,
    /// Segment's per-destination switches (a destination's name, then `false` to skip it or its
    /// settings); empty in the page's sample. Open: its members are destination names.
    #[schemars(extend("x-privacy" = "category"))]
    pub integrations: Map<String, Value>,
    /// Segment's id of the message, for deduplication: analytics-java sends
    /// `UUID.randomUUID()`, a lower-case UUID.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub message_id: Uuid,
    /// When the action ran, by the server's clock.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub original_timestamp: Rfc3339Timestamp,
    /// What ran, where, for whom and with what result.
    pub properties: BackendCallProperties,
    /// When Segment received the event, by Segment's clock.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub received_at: Rfc3339Timestamp,
    /// When analytics-java sent the event, by the server's clock.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub sent_at: Rfc3339Timestamp,
    /// When the action ran, corrected for the server's clock skew:
    /// `receivedAt − (sentAt − originalTimestamp)`, computed by Segment.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub timestamp: Rfc3339Timestamp,
    /// The Segment call type, always `track`.
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "type")]
    pub call_type: SegmentCallType,
    /// The user who ran the action, hashed on the server (`sha256Hex`): SHA-256 of the username
    /// (normally the e-mail address), 64 lower-case hex digits, never the address itself. A
    /// pseudonym: the same for one person in every event.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub user_id: Sha256Hex,
}

impl Payload for BackendCallEvent {
    const ID: &'static str = "appsmith/backend-call-event";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Appsmith successful backend call event";
    const EXAMPLE: Option<ExampleLocation> = Some(ExampleLocation {
        page: Page::Appsmith,
        line: 146,
    });
    const LAYER: Layer = Layer::SegmentTrack;
    const CATALOG: Catalog = Catalog {
        section: "Successful backend calls",
        edition: Editions::All,
        emitter: Emitter::Server,
        cadence: Cadence::PerServerEvent,
        trigger: "The server shares anonymous information about successful query processes, new application creation, user logins, connections to additional plugins, etc.",
        destination: "Segment (analytics-java), exported to Mixpanel",
        opt_out: OptOut::StoppedBy {
            switches: catalog::APPSMITH_SWITCHES,
            quote: catalog::APPSMITH_ONLY_WHEN_ON,
        },
    };
}

/// The name of the event the server sends when an action runs.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum BackendCallEventName {
    /// `execute_ACTION_TRIGGERED`: a user ran an action.
    #[serde(rename = "execute_ACTION_TRIGGERED")]
    ExecuteActionTriggered,
}

/// What analytics-java records about the sender of a backend call event.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct BackendCallContext {
    /// The library that sent the event (`analytics-java`).
    pub library: SegmentLibrary,
}

/// The properties of an `execute_ACTION_TRIGGERED` event: the action, its application, page,
/// datasource and plugin, and the outcome of the run.
///
/// The server writes `""` for a property whose value is null, and replaces a property equal to
/// the raw user id by its SHA-256 hash.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallProperties {
    /// The id of the application the action belongs to (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub app_id: ObjectId,
    /// Whether the action ran in the editor (`edit`) or in the deployed application (`view`).
    #[schemars(extend("x-privacy" = "category"))]
    pub app_mode: AppMode,
    /// The application's name (`APP1`).
    #[schemars(extend("x-privacy" = "content-name"))]
    pub app_name: String,
    /// The datasource the action ran against.
    pub datasource: Datasource,
    /// The id of the Appsmith instance (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub instance_id: ObjectId,
    /// Whether the application is one of Appsmith's example applications.
    #[schemars(extend("x-privacy" = "flag"))]
    pub is_example_app: bool,
    /// Whether the run succeeded; `true` for the successful calls the page documents.
    #[schemars(extend("x-privacy" = "flag"))]
    pub is_successful_execution: bool,
    /// The action's name, as its author gave it (`Test`).
    #[schemars(extend("x-privacy" = "content-name"))]
    pub name: String,
    /// The id of the organisation the application belongs to (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub org_id: ObjectId,
    /// The Appsmith service that sent the event (`appsmith-server`).
    #[schemars(extend("x-privacy" = "category"))]
    pub origin_service: String,
    /// The id of the page the action belongs to (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub page_id: ObjectId,
    /// The page's name (`Page1`).
    #[schemars(extend("x-privacy" = "content-name"))]
    pub page_name: String,
    /// The name of the plugin that ran the action (`PostgreSQL`): one of the plugins Appsmith
    /// defines, not a name a user gives.
    #[schemars(extend("x-privacy" = "category"))]
    pub plugin_name: String,
    /// The status code of the run, as text; `""` when there is none, because the server sends
    /// null property values as `""`.
    #[schemars(extend("x-privacy" = "category"))]
    pub status_code: String,
    /// How long the run took, in milliseconds.
    #[schemars(extend("x-privacy" = "count"))]
    pub time_elapsed: Count,
    /// The type of the plugin that ran the action (`DB`).
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "type")]
    pub plugin_type: String,
    /// The user who ran the action, hashed: the server replaces a property equal to the raw user
    /// id by its SHA-256 hash, so this equals `userId`: 64 lower-case hex digits, never the
    /// e-mail address itself.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub username: Sha256Hex,
}

/// The mode of the application in which an action ran.
///
/// These are the values of 2021, when the page's sample was recorded; later servers send
/// `EDIT` and `PUBLISHED`, which a later schema version will add.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum AppMode {
    /// `edit`: in the editor, while building the application.
    #[serde(rename = "edit")]
    Edit,
    /// `view`: in the deployed application, as its users see it.
    #[serde(rename = "view")]
    View,
}

/// The datasource an action ran against.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct Datasource {
    /// The datasource's name, as its author gave it (`Test App`).
    #[schemars(extend("x-privacy" = "content-name"))]
    pub name: String,
}
