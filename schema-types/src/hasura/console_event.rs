//! `hasura/console-event`: the Hasura Console's telemetry channel as the Consoles in the field
//! use it, in the shape of each Console still sending: the 1.x/2.0 Console's channel of redux
//! actions ([`ConsoleAction`], era `v1`) and the newest Console's `console-v2` channel
//! ([`ConsoleEventV2`], era `v2`).
//!
//! The page documents one event of this channel, the runtime error (`hasura/console-error`,
//! [`super::ConsoleError`]); that kind is the strict refinement of this one: every document it
//! accepts is a `v1` document of this kind, and detection tells a runtime error by its
//! `data.message` ([`super::ConsoleError`]'s clues), everything else the channel carries by its
//! absence.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter};
use crate::common::{Count, Nullable, UuidOrEmpty};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;
use schema_runtime::optional_members;

use super::console_error::{ConsoleErrorData, ConsoleMode};
use super::envelope::{
    ConsoleTopic, ConsoleV2Topic, Derived, Posted, Row, RowOf, Wire, WireData, WireOf,
};

/// `hasura/console-event`: a message of the Hasura Console's telemetry channel, from a Console
/// of any version still in the field.
///
/// One shape per era of the Console's code (`hasura/graphql-engine`): the 1.x/2.0 Console's, which
/// reports every redux action outside a block-list on the `console` topic (`v1`,
/// `console/src/telemetry/index.ts` and `console/src/telemetry/filters.ts`), and the newest
/// Console's, which reports its own typed events on the `console-v2` topic (`v2`,
/// `frontend/libs/console/legacy-ce/src/lib/telemetry/index.ts`). The page prints one message of
/// `v1`, a runtime error, which `hasura/console-error` describes alone; a strict reader of the
/// Console's present shape asks for `hasura/console-event@v2`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
pub enum ConsoleEvent {
    /// The 1.x/2.0 Console's channel of redux actions: page views, requests, runtime errors and
    /// every other action type outside the block-list (`console/src/telemetry/index.ts`,
    /// `trackReduxAction`, and `console/src/telemetry/filters.ts`, `filterEventsBlockList`).
    #[schemars(extend("x-era" = { "name": "v1", "documented": true }))]
    V1(ConsoleAction),
    /// The newest Console's typed events on the `console-v2` topic
    /// (`frontend/libs/console/legacy-ce/src/lib/telemetry/index.ts`, `sendTelemetryEvent`).
    #[schemars(extend("x-era" = "v2"))]
    V2(ConsoleEventV2),
}

/// The 1.x/2.0 Console sends its redux actions on the topics of the page's runtime error.
impl WireData for ConsoleAction {
    type Topic = ConsoleTopic;
}

/// The newest Console sends its events on topics of its own.
impl WireData for ConsoleEventV2 {
    type Topic = ConsoleV2Topic;
}

/// What a Console POSTs (over its WebSocket) to telemetry.hasura.io, in the era of the Console
/// that sent it: `{"topic": ..., "data": ...}` ([`Wire`]), each era under its own topics
/// (`console`/`console_test` for `v1`, `console-v2`/`console-test-v2` for `v2`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
pub enum ConsoleEventWire {
    /// A message of the 1.x/2.0 Console.
    #[schemars(extend("x-era" = { "name": "v1", "documented": true }))]
    V1(Wire<ConsoleAction>),
    /// A message of the newest Console.
    #[schemars(extend("x-era" = "v2"))]
    V2(Wire<ConsoleEventV2>),
}

impl WireOf<ConsoleEvent> for ConsoleEventWire {
    fn into_payload(self) -> ConsoleEvent {
        match self {
            Self::V1(wire) => ConsoleEvent::V1(wire.data),
            Self::V2(wire) => ConsoleEvent::V2(wire.data),
        }
    }

    /// Under the topic of the era the payload is held against (the one it matches, or the
    /// closest).
    fn wrap(payload: serde_json::Value) -> Option<serde_json::Value> {
        match ConsoleEvent::validate(&payload).era() {
            Some("v2") => super::envelope::into_wire::<ConsoleEventV2>(payload),
            _ => super::envelope::into_wire::<ConsoleAction>(payload),
        }
    }
}

/// A row of Hasura's telemetry database holding a message of the Console's channel, in the era of
/// the Console that sent it: the collector's `id` and `timestamp` beside the message's members,
/// as every Hasura row ([`Row`]), for each era of [`ConsoleEvent`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
pub enum ConsoleEventRow {
    /// A row of the 1.x/2.0 Console's channel.
    #[schemars(extend("x-era" = { "name": "v1", "documented": true }))]
    V1(Row<ConsoleAction>),
    /// A row of the newest Console's channel.
    #[schemars(extend("x-era" = "v2"))]
    V2(Row<ConsoleEventV2>),
}

impl RowOf<ConsoleEvent> for ConsoleEventRow {
    fn into_payload(self) -> ConsoleEvent {
        match self {
            Self::V1(row) => ConsoleEvent::V1(row.payload),
            Self::V2(row) => ConsoleEvent::V2(row.payload),
        }
    }
}

/// A redux action the 1.x/2.0 Hasura Console reported: the action's type, the anonymised route,
/// and for a runtime error the error.
///
/// The Console's telemetry middleware (`hasura/graphql-engine` `console/src/telemetry/index.ts`,
/// `trackReduxAction`) sends every action the Console dispatches whose type is not in
/// `filterEventsBlockList` (`console/src/telemetry/filters.ts`: the request bookkeeping
/// `App/ONGOING_REQUEST`, `App/DONE_REQUEST`, `App/FAILED_REQUEST`, `App/ERROR_REQUEST`, and the
/// notifications `RNS_SHOW_NOTIFICATION`, `RNS_HIDE_NOTIFICATION`,
/// `RNS_REMOVE_ALL_NOTIFICATIONS`), over a WebSocket as `{"data": ..., "topic": "console"}`
/// (`console_test` from development builds). The members are the page's runtime error's; only
/// `data` differs by action.
///
/// Closed (no other members): a privacy audit reads this schema as the complete list of what the
/// Console sends.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ConsoleAction {
    /// The version of the server the Console is connected to, as the server's `/v1/version`
    /// answered it (`v2.0.9`), or `null` until the Console has loaded it: the redux state starts
    /// with `serverVersion: null` and falls back to it when the request fails
    /// (`console/src/components/Main/State.js`, `console/src/components/Main/Actions.ts`), and
    /// the middleware sends `getState().main.serverVersion` as it stands.
    #[schemars(extend("x-privacy" = "version"))]
    pub server_version: Nullable<String>,
    /// The redux action's type: `Main/RUN_TIME_ERROR` for a runtime error,
    /// `@@router/LOCATION_CHANGE` for a page view, any other action type of the Console's code
    /// (`Main/SET_SERVER_VERSION_SUCCESS`, `Data/...`) for the rest: free text, since the
    /// Console's action types are its own and change between releases. The block-list's types
    /// are never sent, which this schema does not check.
    #[schemars(extend("x-privacy" = "category"))]
    pub event_type: String,
    /// The route the Console was on, anonymised by `sanitiseUrl`
    /// (`console/src/telemetry/filters.ts`): the names of schemas, tables, views, functions,
    /// Remote Schemas, triggers and actions replaced by `SCHEMA_NAME`, `TABLE_NAME`, `VIEW_NAME`,
    /// `FUNCTION_NAME`, `REMOTE_SCHEMA_NAME`, `TRIGGER_NAME`, `DATA_TRIGGER_NAME`,
    /// `CRON_TRIGGER_NAME` and `ACTION_NAME`; for a page view, the new route.
    #[schemars(extend("x-privacy" = "url"))]
    pub url: String,
    /// Which program serves the Console: `globals.consoleMode`, `server` unless the CLI says
    /// `cli`.
    #[schemars(extend("x-privacy" = "category"))]
    pub console_mode: ConsoleMode,
    /// The UUID of the CLI serving the Console (`globals.cliUUID`); absent in server mode, where
    /// the page served by the server sets none, or `""`.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub cli_uuid: Option<UuidOrEmpty>,
    /// The UUID of the server the Console is connected to (`getState().telemetry.hasura_uuid`),
    /// until the Console has loaded it `""` (the TypeScript state,
    /// `console/src/telemetry/state.ts`) or `null` (the JavaScript state,
    /// `console/src/telemetry/State.js`).
    #[schemars(extend("x-privacy" = "random-id"))]
    pub server_uuid: Nullable<UuidOrEmpty>,
    /// The error, for a runtime error (`Main/RUN_TIME_ERROR`: the action's `data`,
    /// `{message, stack}`); for any other action `null`, which the Consoles written in
    /// JavaScript and the first TypeScript revisions send, or absent, which the TypeScript
    /// revision that types the message (`TelemetryPayload` with `data?: ErrorPayload`) sends.
    /// The schema does not tie `data` to `event_type`: `hasura/console-error` is the runtime
    /// error alone.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[schemars(with = "Nullable<ConsoleActionError>")]
    pub data: Option<Nullable<ConsoleActionError>>,
}

/// The error a 1.x/2.0 Console's runtime error action carries: the members of the page's runtime
/// error ([`ConsoleErrorData`]), declared there once.
///
/// Inlined where it is used, so that the nullable member's schema is one object schema with
/// `"type": ["object", "null"]` (not an `anyOf` of a reference and `null`): a validator then
/// reports a wrong value inside at that value's own path. Closed, as the page's error is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct ConsoleActionError {
    /// The page's runtime error's members: `message`, and `stack` when the error has one.
    #[serde(flatten)]
    pub error: ConsoleErrorData,
}

/// Reads a member that is there, `null` included, so that a `null` member and an absent one stay
/// apart (serde reads `null` into `Option` as `None`, which `skip_serializing_if` then drops).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Nullable<T>>, D::Error> {
    Nullable::deserialize(deserializer).map(Some)
}

/// An event of the newest Hasura Console: who sends it, and the event with its data.
///
/// `sendTelemetryEvent` (`hasura/graphql-engine`
/// `frontend/libs/console/legacy-ce/src/lib/telemetry/index.ts`, the revision at commit
/// `ba353b0776fe29e7aed738cfca104cd701e3f88c`) sends `TelemetryPayload` over a WebSocket as
/// `{"data": ..., "topic": "console-v2"}` (`console-test-v2` from development builds; `Globals.ts`:
/// "updated to v2 to ignore legacy redux based events from earlier console versions"). The
/// events are the Console's own `TelemetryEvent` union: a runtime error, a database connected, a
/// feature flag set, a click and an input change on a tracked element.
///
/// `event_data` has the members of its `event_type`'s `data` in `TelemetryEvent`, one rule per
/// event: `RUN_TIME_ERROR` `message`, and `stack` when the error has one (`RunTimeErrorEvent`);
/// `CONNECT_DB` `db_kind`, and `entity_count` and `entity_hash` when the data source could be
/// introspected (`ConnectDBEvent`); `SET_FEATURE_FLAG` `feature_flag` and `value`
/// (`SetFeatureFlagEvent`); `CLICK_EVENT` and `INPUT_CHANGE_EVENT` `id` (`HTMLUserEvent`). A
/// member of another event, or an event's member missing, is refused at `event_data`.
///
/// Closed (no other members): a privacy audit reads this schema as the complete list of what the
/// Console sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
#[schemars(transform = schema_runtime::rules!(
    when("event_type" = "RUN_TIME_ERROR", then("event_data", members(
        required("message"),
        optional("stack"),
    ))),
    when("event_type" = "CONNECT_DB", then("event_data", members(
        required("db_kind"),
        optional("entity_count", "entity_hash"),
    ))),
    when("event_type" = "SET_FEATURE_FLAG", then("event_data", members(
        required("feature_flag", "value"),
    ))),
    when("event_type" = "CLICK_EVENT", then("event_data", members(required("id")))),
    when("event_type" = "INPUT_CHANGE_EVENT", then("event_data", members(required("id")))),
))]
pub struct ConsoleEventV2 {
    /// The version of the server the Console is connected to, as the page serving the Console
    /// says it (`globals.serverVersion`, `window.__env.serverVersion`, `v2.7.0`), or `""` when it
    /// says none.
    #[schemars(extend("x-privacy" = "version"))]
    pub server_version: String,
    /// The route the Console is on, anonymised by `sanitiseUrl`
    /// (`frontend/libs/console/legacy-ce/src/lib/telemetry/filters.ts`), as in `v1`.
    #[schemars(extend("x-privacy" = "url"))]
    pub url: String,
    /// Which program serves the Console (`globals.consoleMode`).
    #[schemars(extend("x-privacy" = "category"))]
    pub console_mode: ConsoleMode,
    /// Which edition of the Console this is (`globals.consoleType`). The revisions read
    /// (`frontend/libs/console/legacy-ce/src/lib/Globals.ts` with `parseConsoleType` from
    /// `utils/envUtils`) send `oss`, `cloud`, `pro` or `pro-lite`, and `""` (or, in one
    /// revision, `oss`) when the page serving the Console names none; earlier revisions typed
    /// other sets (`pro-cloud`). Since not every revision of this era was read, any text is
    /// accepted.
    #[schemars(extend("x-privacy" = "category"))]
    pub console_type: String,
    /// The UUID of the CLI serving the Console (`globals.cliUUID`), `""` in server mode.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub cli_uuid: UuidOrEmpty,
    /// The Hasura Cloud project's id when the Console runs on Hasura Cloud
    /// (`globals.hasuraCloudProjectId`), else the UUID of the server it is connected to
    /// (`globals.hasuraUUID`), `""` until the Console has loaded it. A project id identifies a
    /// customer's project, hence its privacy class.
    #[schemars(extend("x-privacy" = "account-id"))]
    pub server_uuid: UuidOrEmpty,
    /// Which event it is (`TelemetryEvent['type']`).
    #[schemars(extend("x-privacy" = "category"))]
    pub event_type: ConsoleEventType,
    /// The event's data (`TelemetryEvent['data']`): the members of its `event_type`'s data, as
    /// the struct's rules state them.
    pub event_data: ConsoleEventData,
}

/// The events of the newest Hasura Console (`TelemetryEvent` in
/// `frontend/libs/console/legacy-ce/src/lib/telemetry/index.ts`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConsoleEventType {
    /// A runtime error (`RunTimeErrorEvent`, `trackRuntimeError`): `message` and `stack`.
    RunTimeError,
    /// A database connected (`ConnectDBEvent`): `db_kind`, `entity_count`, `entity_hash`.
    ConnectDb,
    /// A feature flag turned on or off (`SetFeatureFlagEvent`): `feature_flag`, `value`.
    SetFeatureFlag,
    /// A click on a tracked element (`HTMLUserEvent`, `telemetryUserEventsTracker`): `id`.
    ClickEvent,
    /// A change of a tracked input (`HTMLUserEvent`, `telemetryUserEventsTracker`): `id`.
    InputChangeEvent,
}

/// The data of a newest-Console event: the members of every event's `data` type in
/// `TelemetryEvent` (`frontend/libs/console/legacy-ce/src/lib/telemetry/index.ts`), each
/// optional.
///
/// Each event sends its own members: `RUN_TIME_ERROR` `message` and `stack`; `CONNECT_DB`
/// `db_kind`, with `entity_count` and `entity_hash` when the data source could be introspected;
/// `SET_FEATURE_FLAG` `feature_flag` and `value`; `CLICK_EVENT` and `INPUT_CHANGE_EVENT` `id`.
/// This type lists every member an event sends, so that a member no event sends is refused, and
/// checks each member's type; the rules of [`ConsoleEventV2`] tie the members to `event_type`
/// (which are required, which are refused).
///
/// Closed (no other members), for the same reason as the message.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ConsoleEventData {
    /// `RUN_TIME_ERROR`: the error's message (`error.message`), as the runtime wrote it, not
    /// sanitised.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub message: Option<String>,
    /// `RUN_TIME_ERROR`: the JavaScript `error.stack`, one string with a newline between frames
    /// (each with the full URL of its script); absent when the error has none.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub stack: Option<String>,
    /// `CONNECT_DB`: the data source's driver (`Driver`, `postgres`, `mssql`, `bigquery`, a
    /// data connector's name): free text, since data connectors bring their own names.
    #[schemars(extend("x-privacy" = "category"))]
    pub db_kind: Option<String>,
    /// `CONNECT_DB`: how many tables the data source holds, when it could be introspected.
    #[schemars(extend("x-privacy" = "count"))]
    pub entity_count: Option<Count>,
    /// `CONNECT_DB`: a hash of the sorted table names (the Console's `hashString`), or
    /// `00000000000000000000000000000000` when there are none. The hash's algorithm is not
    /// confirmed by the sources read, so any text is accepted.
    #[schemars(extend("x-privacy" = "digest"))]
    pub entity_hash: Option<String>,
    /// `SET_FEATURE_FLAG`: the flag's title, as the Console's list of available flags names it,
    /// or `Unknown`.
    #[schemars(extend("x-privacy" = "category"))]
    pub feature_flag: Option<String>,
    /// `SET_FEATURE_FLAG`: whether the flag was turned on.
    #[schemars(extend("x-privacy" = "flag"))]
    pub value: Option<bool>,
    /// `CLICK_EVENT`, `INPUT_CHANGE_EVENT`: the tracking id the Console's code gives the element
    /// (`telemetryUserEventsTracker(id, kind)`), not text the user typed.
    #[schemars(extend("x-privacy" = "category"))]
    pub id: Option<String>,
}

impl Payload for ConsoleEvent {
    const ID: &'static str = "hasura/console-event";
    const VERSION: SchemaVersion = SchemaVersion::new(2, 0, 0);
    const TITLE: &'static str = "Hasura Console telemetry event";
    const LAYER: Layer = Layer::Payload;
    const CLUES: &'static [Clue] = &[
        Clue::Present("/console_mode"),
        Clue::Absent("/data/message"),
    ];
    const CATALOG: Catalog = Catalog {
        section: "Console",
        edition: Editions::All,
        emitter: Emitter::Console,
        cadence: Cadence::PerUserAction,
        trigger: "The Console collects runtime errors along with anonymized route names are sent without any identifiable information or payload.",
        destination: catalog::HASURA_DESTINATION,
        opt_out: super::console_error::CONSOLE_OPT_OUT,
    };
}

impl Posted for ConsoleEvent {
    type Wire = ConsoleEventWire;
    type Row = ConsoleEventRow;
    type Documented = Self;
    const DERIVED: Derived =
        Derived::row_and_wire(SchemaVersion::new(2, 0, 0), SchemaVersion::new(2, 0, 0));
}
