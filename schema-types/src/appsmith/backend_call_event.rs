//! `appsmith/backend-call-event`: the Segment track event `execute_ACTION_TRIGGERED` the Appsmith
//! server sends when an action runs (page line 146), in the shape of each server still in the
//! field: the page's ([`BackendCallEvent2021`], properties [`BackendCallProperties`]) and that
//! of the servers of 2023 ([`BackendCallEvent2023`], properties [`BackendCallProperties2023`]),
//! that of the servers from October 2023 ([`BackendCallEvent2023Oct`], properties
//! [`BackendCallProperties2023Oct`]) and those of the servers from 2024 for a signed-in user
//! ([`BackendCallEvent2024`], properties [`BackendCallProperties2024`]) and for a person viewing
//! a public application ([`BackendCallEvent2024Anonymous`], properties
//! [`BackendCallProperties2024Anonymous`]), each in the Segment track layer ([`SegmentTrack`]).
//! What the eras share is declared once ([`BackendCallPageMembers`], [`BackendCallRunDetails`],
//! [`BackendCallRunObject`], [`BackendCallRunDetails2023Oct`], [`BackendCallRunDetails2024`]),
//! flattened into each; the user's members are parts of their own, hashed ([`HashedUsername`],
//! [`HashedObjectUser`]) or in clear ([`AnonymousViewerUsername`],
//! [`AnonymousViewerObjectUser`]).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::backend_call_anonymous::*;
use super::backend_call_objects::{PluginErrorDetails, RedactedParam};
use super::backend_call_organization::*;
use super::keep_alive_ping::Edition;
use super::segment::{
    HashedUserId, NoAnonymousId, SegmentCallType, SegmentEvent, SegmentLibrary, SegmentTrack,
};
use super::server_setup_ping::{CloudProvider, DeploymentTool, EfsMount, Sha256HexOrEmpty};
use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter};
use crate::common::{Count, Nullable, ObjectId, OrEmpty, Rfc3339Timestamp, Sha256Hex, Uuid};
use crate::fixture::Fixture;
use crate::names::names;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;
use schema_runtime::optional_members;

/// `appsmith/backend-call-event`: an `execute_ACTION_TRIGGERED` event as Segment stores it, from
/// a server of any version still in the field.
///
/// One shape per era of the server's code (`appsmithorg/appsmith`,
/// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`
/// and `services/ce/AnalyticsServiceCEImpl.java`): the page's of 2021, the larger one of the
/// servers of 2023, that of the servers from October 2023, and those of the servers from 2024
/// for a signed-in user and for a person viewing a public application. A document is valid when
/// it is one of them; a strict reader asks for the page's era alone
/// (`appsmith/backend-call-event@2021`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(untagged)]
// A document is read once and handed over whole: it takes the room of its largest era, as one
// struct of every member would; boxing an era would cost an allocation per document.
#[allow(clippy::large_enum_variant)]
pub enum BackendCallEvent {
    /// The page's shape, from the servers of 2021 (`NewActionServiceCEImpl.java`), with the
    /// variants the same member set took on later servers (a failed run's `error`, `appMode`
    /// written `EDIT`/`PUBLISHED`).
    #[schemars(extend("x-era" = { "name": "2021", "documented": true }))]
    Era2021(BackendCallEvent2021),
    /// The servers of 2023, whose event also carries the action's id and creation time,
    /// whether the user started the run, the request's parameter counts, the plugin's error
    /// details and the datasource's details, and the `id`/`oid` every object event of theirs
    /// has (`sendExecuteAnalyticsEvent(NewAction, ActionDTO, Datasource, ...)` in
    /// `ActionExecutionSolutionCEImpl.java`, `sendObjectEvent` and `sendEvent` in
    /// `AnalyticsServiceCEImpl.java`, the revisions of 2023). Self-hosted servers only: they
    /// hash the user and drop the `request` (an Appsmith-hosted server sends both raw).
    #[schemars(extend("x-era" = "2023"))]
    Era2023(BackendCallEvent2023),
    /// The servers from October 2023 (Appsmith 1.9.35): the members of 2023 but
    /// `isUserInitiated`, with the datasource's environment, the plugin's error code, type and
    /// message on a failed run, the e-mail domain's hash and the server's version, and the
    /// request's `User-Agent` in the context (`sendExecuteAnalyticsEvent` in
    /// `ActionExecutionSolutionCEImpl.java` and `sendEvent` in `AnalyticsServiceCEImpl.java`, the
    /// revisions merged into `cloudtogo/pageplug` at e28b15a5d8).
    #[schemars(extend("x-era" = "2023-10"))]
    Era2023Oct(BackendCallEvent2023Oct),
    /// The servers from 2024, for a signed-in user: the members of October 2023, the action's
    /// configuration as its author wrote it, its bindings and its parameters with their values
    /// redacted (from August 2024), the administrators' e-mail domain's hash and the
    /// deployment's details, and an e-mail domain's hash that is `""` for a user id without
    /// `@` in the later revisions (`sendExecuteAnalyticsEvent` in
    /// `ActionExecutionSolutionCEImpl.java` at `appsmithorg/appsmith` 0255b35d88, `sendEvent` in
    /// `AnalyticsServiceCEImpl.java` at `appsmithorg/appsmith` 00a338b0a2 and
    /// `chrisdarcy-quantum/appsmith` ac2ece2759).
    #[schemars(extend("x-era" = "2024"))]
    Era2024(BackendCallEvent2024),
    /// The servers from 2024, for a person viewing a public application, who is not signed in:
    /// the members of a signed-in user's event of these servers, the user named in clear
    /// (`userId` and `id` the browser's anonymous id or `anonymousUser`, `username`
    /// `anonymousUser`) and the request the plugin ran, which `sendEvent` keeps for a user id it
    /// does not hash (`shouldHashUserId` in `AnalyticsServiceCEImpl.java` at
    /// `appsmithorg/appsmith` 00a338b0a2 and `chrisdarcy-quantum/appsmith` ac2ece2759,
    /// `sendExecuteAnalyticsEvent` in `ActionExecutionSolutionCEImpl.java` at
    /// `appsmithorg/appsmith` 0255b35d88).
    #[schemars(extend("x-era" = "2024-anonymous"))]
    Era2024Anonymous(BackendCallEvent2024Anonymous),
    /// The servers of 2025, for a signed-in user: the members of 2024 and the user's
    /// organization, which `sendObjectEvent` adds to every object event (`organizationId`,
    /// `AnalyticsServiceCEImpl.java` at `chrisdarcy-quantum/appsmith` ac2ece2759).
    #[schemars(extend("x-era" = "2025"))]
    Era2025(BackendCallEvent2025),
    /// The servers of 2025, for a person viewing a public application: the members of 2024 for
    /// such a person and the organization of the user the run is recorded for.
    #[schemars(extend("x-era" = "2025-anonymous"))]
    Era2025Anonymous(BackendCallEvent2025Anonymous),
}

/// The page's era of [`BackendCallEvent`] (2021).
pub type BackendCallEvent2021 = SegmentTrack<BackendCallProperties>;

/// The era of the servers of 2023 of [`BackendCallEvent`].
pub type BackendCallEvent2023 = SegmentTrack<BackendCallProperties2023>;

/// The era of the servers from October 2023 of [`BackendCallEvent`].
pub type BackendCallEvent2023Oct = SegmentTrack<BackendCallProperties2023Oct>;

/// The era of the servers from 2024 of [`BackendCallEvent`].
pub type BackendCallEvent2024 = SegmentTrack<BackendCallProperties2024>;

impl Payload for BackendCallEvent {
    const ID: &'static str = "appsmith/backend-call-event";
    const VERSION: SchemaVersion = SchemaVersion::new(2, 0, 0);
    const TITLE: &'static str = "Appsmith backend call event";
    const EXAMPLE_LINE: Option<usize> = Some(146);
    const LAYER: Layer = Layer::SegmentTrack;
    const CLUES: &'static [Clue] = &[Clue::Equals(
        "/event",
        BackendCallEventName::ExecuteActionTriggered.as_str(),
    )];
    const CATALOG: Catalog = Catalog {
        section: "Successful backend calls",
        edition: Editions::All,
        emitter: Emitter::Server,
        cadence: Cadence::PerServerEvent,
        trigger: "The server shares anonymous information about successful query processes, new application creation, user logins, connections to additional plugins, etc.",
        destination: "Segment (analytics-java), exported to Mixpanel",
        opt_out: catalog::APPSMITH_STOPPED_BY,
    };

    fn documented_example() -> Option<Self> {
        Some(Self::Era2021(
            BackendCallEvent2021::fixture()
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
                        .page(
                            BackendCallPageMembers::fixture()
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
                                .plugin_type("DB"),
                        )
                        .user(HashedUsername::fixture().username(
                            "70280e5d07e61e5e915e5d26ac8704bbd68d3f75ebad67ba439f4c354d7",
                        )),
                )
                .received_at("2021-08-24T07:23:39.996Z")
                .sent_at("2021-08-24T07:23:39.885Z")
                .timestamp("2021-08-24T07:23:35.721Z")
                .call_type(SegmentCallType::Track)
                // 56 hex digits, not 64: a recorded erratum.
                .user(
                    HashedUserId::fixture().user_id(Some(Nullable::value(Sha256Hex::from(
                        "70280e5dd9e61e5e91526ac8704bbd68d3f75ebad67ba439f4c354d7",
                    )))),
                )
                .build(),
        ))
    }
}

/// Each era's properties as the server sends them through analytics-java: one event name, a UUID
/// message id and no `anonymousId`; `Properties: Context, User` names the context of the era's
/// messages (the library's alone, or with what the server sets from October 2023) and the type
/// of its `userId` (hashed for a signed-in user, in clear for a person viewing a public app).
macro_rules! sent_through_analytics_java {
    ($($properties:ty: $context:ty, $user:ty;)*) => {$(
        impl SegmentEvent for $properties {
            type Name = BackendCallEventName;
            type Context = $context;
            type MessageId = Uuid;
            type Anonymous = NoAnonymousId;
            type User = $user;
        }
    )*};
}

sent_through_analytics_java! {
    BackendCallProperties: BackendCallContext, HashedUserId;
    BackendCallProperties2023: BackendCallContext, HashedUserId;
    BackendCallProperties2023Oct: BackendCallContextWithUserAgent, HashedUserId;
    BackendCallProperties2024: BackendCallContextWithUserAgent, HashedUserId;
    BackendCallProperties2024Anonymous: BackendCallContextWithUserAgent, AnonymousViewerUserId;
    BackendCallProperties2025: BackendCallContextWithUserAgent, HashedUserId;
    BackendCallProperties2025Anonymous: BackendCallContextWithUserAgent, AnonymousViewerUserId;
}

names! {
    /// The name of the event the server sends when an action runs.
    pub enum BackendCallEventName {
        /// `execute_ACTION_TRIGGERED`: a user ran an action.
        ExecuteActionTriggered = "execute_ACTION_TRIGGERED",
    }
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

/// The event the Appsmith server (through analytics-java) sends when a user runs an action, such
/// as a database query: `execute_ACTION_TRIGGERED`, its own properties: the action, its
/// application, page, datasource and plugin, and the outcome of the run.
///
/// The page lists it among the server's anonymous records of "successful query processes, new
/// application creation, user logins, connections to additional plugins, etc.", sent per user
/// action and collected only when telemetry is turned on, so opting out stops it. The user
/// appears only as a SHA-256 hash computed on the server by `sha256Hex` (`userId`,
/// `properties.username`). analytics-java sets `messageId` to `UUID.randomUUID()`, a lower-case
/// UUID, and sends no `anonymousId`.
///
/// Two variants beside the page's sample are admitted, each documented with its source at its
/// member: the server sends the same event for a failed execution, with `isSuccessfulExecution`
/// `false` and an extra `error`, and later servers write `appMode` as `EDIT`/`PUBLISHED`. The
/// server writes `""` for a property whose value is null, and replaces a property equal to the
/// raw user id by its SHA-256 hash.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions. Later servers add further
/// members (the request, the action's id and creation time, datasource details) that this
/// version, which follows the page's sample, does not admit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallProperties {
    /// Every member of the page's but the user.
    #[serde(flatten)]
    pub page: BackendCallPageMembers,
    /// The user who ran the action, hashed.
    #[serde(flatten)]
    pub user: HashedUsername,
}

/// The members of the page's properties ([`BackendCallProperties`]) but the user: the action,
/// its application, page, datasource and plugin, and the outcome of the run. Every era sends
/// them alike, and flattens them beside the user's part ([`HashedUsername`] for a signed-in
/// user, [`AnonymousViewerUsername`] for a person viewing a public application): each era
/// flattens its parts side by side, not one inside the other, because serde reads a flattened
/// struct that itself flattens as a map, and its closed members would then refuse the era's own.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallPageMembers {
    /// The id of the application the action belongs to (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub app_id: ObjectId,
    /// Whether the action ran in the editor or in the deployed application: `edit`/`view` from
    /// the servers of 2021 (the page's sample; `appsmithorg/appsmith`,
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/services/ce/NewActionServiceCEImpl.java`),
    /// `EDIT`/`PUBLISHED` from later ones, which write `ApplicationMode` by name
    /// (`appsmithorg/appsmith`,
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`).
    #[schemars(extend("x-privacy" = "category"))]
    pub app_mode: AppMode,
    /// The application's name (`APP1`).
    #[schemars(extend("x-privacy" = "content-name"))]
    pub app_name: String,
    /// The datasource the action ran against.
    pub datasource: Datasource,
    /// Only for a failed run: the result's body written as JSON text by the server's
    /// `objectMapper.writeValueAsString` (a message with its quotes, or an object's JSON), or
    /// `"Failed to serialize error data to JSON."` with its quotes when that fails
    /// (`appsmithorg/appsmith`, `sendExecuteAnalyticsEvent` in
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/services/ce/NewActionServiceCEImpl.java`
    /// and later
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`).
    /// A string: the code always writes text. It can quote the datasource's answer (its error
    /// message), although the page says Appsmith does not capture data returned by databases or
    /// APIs.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub error: Option<String>,
    /// The id of the Appsmith instance (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub instance_id: ObjectId,
    /// Whether the application is one of Appsmith's example applications.
    #[schemars(extend("x-privacy" = "flag"))]
    pub is_example_app: bool,
    /// Whether the run succeeded: `true` for the successful calls the page documents, `false` for
    /// a failed run, which also carries `error`.
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
}

/// The user who ran the action, hashed, as every era but that of a person viewing a public
/// application sends it (`properties.username`).
///
/// Closed: it lends exactly this member to the properties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HashedUsername {
    /// The user who ran the action, hashed: the server replaces a property equal to the raw user
    /// id by its SHA-256 hash, so this equals `userId`: 64 lower-case hex digits, never the
    /// e-mail address itself.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub username: Sha256Hex,
}

names! {
    /// The mode of the application in which an action ran, as the server writes it: `edit`/`view`
    /// in 2021 (`appsmithorg/appsmith`,
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/services/ce/NewActionServiceCEImpl.java`:
    /// `TRUE.equals(viewMode) ? "view" : "edit"`), `EDIT`/`PUBLISHED` later (the names of
    /// `ApplicationMode`, in
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`).
    pub enum AppMode {
        /// `edit`: in the editor, while building the application (servers of 2021).
        Edit = "edit",
        /// `view`: in the deployed application, as its users see it (servers of 2021).
        View = "view",
        /// `EDIT`: in the editor (later servers, `ApplicationMode.EDIT`).
        EditMode = "EDIT",
        /// `PUBLISHED`: in the deployed application (later servers, `ApplicationMode.PUBLISHED`).
        Published = "PUBLISHED",
    }
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

/// What the servers of 2023 and later add to the page's properties ([`BackendCallProperties`]),
/// shared by the eras of 2023 ([`BackendCallProperties2023`]), of October 2023
/// ([`BackendCallProperties2023Oct`]) and of 2024 ([`BackendCallProperties2024`]), the
/// revisions of 2024 sending them alike (`ActionExecutionSolutionCEImpl.java` at
/// `appsmithorg/appsmith` 0255b35d88). Each era flattens the page's members and these side by
/// side, not one inside the other: serde reads a flattened struct that itself flattens as a
/// map, and its closed members would then refuse the era's own. The user's `id`, which a
/// person viewing a public application sends in clear, is a part of its own
/// ([`HashedObjectUser`], [`AnonymousViewerObjectUser`]), between these members and those that
/// follow it ([`BackendCallRunObject`]).
///
/// `sendExecuteAnalyticsEvent` (`appsmithorg/appsmith`,
/// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`)
/// adds the action's id and creation time, the request's size and parameter count, the plugin's
/// error details and the datasource's id, name, flags and creation time; it sends the event
/// through `sendObjectEvent` (`services/ce/AnalyticsServiceCEImpl.java`), which adds `id` (the
/// user) and `oid` (the action's id), and `sendEvent`, which adds `originService` and
/// `instanceId`, hashes every property equal to the user id (`username`, `id`), drops `request`
/// and writes `""` for every null. The request itself (its query, headers and body) is therefore
/// never in these documents.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallRunDetails {
    /// When the action was created: its `createdAt`, written by `DateUtils.ISO_FORMATTER`
    /// (`DateTimeFormatter.ISO_INSTANT` in UTC, `2023-05-02T10:11:12.345Z`).
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub action_created: Rfc3339Timestamp,
    /// The id of the action that ran (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub action_id: ObjectId,
    /// How many parameters (bound values) the request carried.
    #[schemars(extend("x-privacy" = "count"))]
    pub action_execution_request_params_count: Count,
    /// The datasource's creation time as `DateUtils.ISO_FORMATTER` writes it, or `""` when the
    /// datasource has none (an embedded datasource).
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub ds_created_at: TimestampOrEmpty,
    /// The datasource's id (a MongoDB ObjectId), or `""` for an embedded datasource, which has
    /// none.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub ds_id: ObjectIdOrEmpty,
    /// Whether the datasource is one of Appsmith's mock databases: the datasource's `isMock`,
    /// `true` or `false`, or `""` when it is not set (`ObjectUtils.defaultIfNull(..., "")`), as
    /// it is not for a datasource a user created.
    #[schemars(extend("x-privacy" = "flag"))]
    pub ds_is_mock: OrEmpty<bool>,
    /// Whether the datasource comes from a template: the datasource's `isTemplate`, `true`,
    /// `false` or `""` when it is not set, as for `dsIsMock`.
    #[schemars(extend("x-privacy" = "flag"))]
    pub ds_is_template: OrEmpty<bool>,
    /// The datasource's name, as its author gave it (the same as `datasource.name`).
    #[schemars(extend("x-privacy" = "content-name"))]
    pub ds_name: String,
}

/// The user who ran the action as `sendObjectEvent` records it (`properties.id`), hashed, as
/// every era from 2023 but that of a person viewing a public application sends it.
///
/// Closed: it lends exactly this member to the properties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HashedObjectUser {
    /// The user who ran the action, as `sendObjectEvent` records it: the user id, hashed by
    /// `sendEvent` as `userId` is (64 lower-case hex digits).
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub id: Sha256Hex,
}

/// What the servers from 2023 send after the user's `id` ([`HashedObjectUser`],
/// [`AnonymousViewerObjectUser`]), from the same revisions as [`BackendCallRunDetails`]: the
/// object's id, the plugin's error details and the request's size.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallRunObject {
    /// The id of the object the event is about, as `sendObjectEvent` records it: the action's id
    /// (a MongoDB ObjectId, the same as `actionId`).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub oid: ObjectId,
    /// The plugin's account of a failed run (its `PluginErrorDetails`), or `""` when there is none
    /// (a successful run).
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub plugin_error_details: OrEmpty<PluginErrorDetails>,
    /// The size of the request's parameters, in bytes (`totalReadableBytesCount`).
    #[schemars(extend("x-privacy" = "count"))]
    pub total_readable_bytes_count: Count,
}

/// Declares the properties of an era of the backend call event from 2023 on, closed, from the
/// parts the servers write in this order: every member of the page's era but the user
/// ([`BackendCallPageMembers`]), the `user` as the era sends it, the members every server from
/// 2023 sends ([`BackendCallRunDetails`]), the user as `sendObjectEvent` records it
/// (`object_user`) and what follows it ([`BackendCallRunObject`]); then, `since: 2023-10`, what
/// the servers from October 2023 add ([`BackendCallRunDetails2023Oct`]), or, `since: 2024`, that
/// and what the servers from 2024 add ([`BackendCallRunDetails2024`],
/// [`ServerDeploymentDetails`]); then the era's own members. The list is written once, so eras
/// differ only in what they name.
///
/// Each era lists the parts rather than flattening the properties of an earlier era: serde hands
/// a flattened struct every member its parent does not name and cannot tell, for a closed parent,
/// which of them a flattened struct of flattened parts took, so the parent would refuse them all.
macro_rules! run_properties {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            user: $user:ty,
            object_user: $object_user:ty,
            $($rest:tt)*
        }
    ) => {
        run_properties!(@since [$(#[$meta])*] $name, $user, $object_user, $($rest)*);
    };
    (@since $meta:tt $name:ident, $user:ty, $object_user:ty, since: 2024, $($own:tt)*) => {
        run_properties!(@struct $meta $name, $user, $object_user, [
            /// The members shared with the servers from October 2023.
            #[serde(flatten)]
            pub since_2023_oct: BackendCallRunDetails2023Oct,
            /// The e-mail domain's hash and the action's configuration and bindings.
            #[serde(flatten)]
            pub since_2024: BackendCallRunDetails2024,
            /// What `sendEvent` adds of the deployment.
            #[serde(flatten)]
            pub deployment: ServerDeploymentDetails,
        ] $($own)*);
    };
    (@since $meta:tt $name:ident, $user:ty, $object_user:ty, since: 2023-10, $($own:tt)*) => {
        run_properties!(@struct $meta $name, $user, $object_user, [
            /// The members shared with later servers.
            #[serde(flatten)]
            pub since_2023_oct: BackendCallRunDetails2023Oct,
        ] $($own)*);
    };
    (@since $meta:tt $name:ident, $user:ty, $object_user:ty, $($own:tt)*) => {
        run_properties!(@struct $meta $name, $user, $object_user, [] $($own)*);
    };
    (
        @struct [$($meta:tt)*] $name:ident, $user:ty, $object_user:ty, [$($since:tt)*]
        $($own:tt)*
    ) => {
        $($meta)*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $name {
            /// Every member of the page's era but the user.
            #[serde(flatten)]
            pub page: BackendCallPageMembers,
            /// The user who ran the action.
            #[serde(flatten)]
            pub user: $user,
            /// The members every server from 2023 sends.
            #[serde(flatten)]
            pub run: BackendCallRunDetails,
            /// The user as `sendObjectEvent` records it.
            #[serde(flatten)]
            pub object_user: $object_user,
            /// The members that follow the user's `id`.
            #[serde(flatten)]
            pub object: BackendCallRunObject,
            $($since)*
            $($own)*
        }
    };
}
pub(super) use run_properties;

run_properties! {
    /// The properties of `execute_ACTION_TRIGGERED` as the self-hosted servers of 2023 send them:
    /// the page's members, the members those servers share with later ones
    /// ([`BackendCallRunDetails`]), and whether a person started the run.
    ///
    /// The revision of `sendExecuteAnalyticsEvent` that reads `isUserInitiated` from the request's
    /// analytics properties (`appsmithorg/appsmith`,
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`),
    /// with a `sendEvent` that adds `originService` and `instanceId` only.
    ///
    /// Closed (no other members): a privacy audit must account for every member sent. Later servers
    /// send further members and are other eras ([`BackendCallProperties2023Oct`]).
    pub struct BackendCallProperties2023 {
        user: HashedUsername,
        object_user: HashedObjectUser,
        /// Whether a person started the run (a click) rather than the application (a page load, a
        /// binding): what the browser said in the request's analytics properties, `false` when it
        /// said nothing.
        #[schemars(extend("x-privacy" = "flag"))]
        pub is_user_initiated: bool,
    }
}

run_properties! {
    /// The properties of `execute_ACTION_TRIGGERED` as the self-hosted servers from October 2023
    /// (Appsmith 1.9.35) send them: the page's members, those shared with the servers of 2023
    /// ([`BackendCallRunDetails`]), without `isUserInitiated`, what these servers add
    /// ([`BackendCallRunDetails2023Oct`]), and the e-mail domain's hash.
    ///
    /// `sendExecuteAnalyticsEvent` (`appsmithorg/appsmith`,
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`,
    /// the revision that takes a `DatasourceStorage` and the environment's name, as merged into
    /// `cloudtogo/pageplug` at e28b15a5d8 "merge: 1.9.35-backend") adds the environment
    /// (`DatasourceAnalyticsUtils.getAnalyticsPropertiesWithStorageOnActionExecution`) and, for a
    /// run the plugin failed, three members of its `PluginErrorDetails`; its `sendEvent`
    /// (`services/ce/AnalyticsServiceCEImpl.java`, same revision) adds `emailDomainHash` and
    /// `version`, and sets the message's context ([`BackendCallContextWithUserAgent`]).
    ///
    /// Closed (no other members): a privacy audit must account for every member sent. Later servers
    /// send further members (the deployment's details, the redacted parameters, the raw action
    /// configuration) and are another era ([`BackendCallProperties2024`]).
    pub struct BackendCallProperties2023Oct {
        user: HashedUsername,
        object_user: HashedObjectUser,
        since: 2023-10,
        /// The SHA-256 of the domain of the user's e-mail address (`getEmailDomainHash`), or of
        /// `""` when the user id has no `@`: 64 lower-case hex digits.
        #[schemars(extend("x-privacy" = "hashed-identifier"))]
        pub email_domain_hash: Sha256Hex,
    }
}

/// What the servers from October 2023 on add to [`BackendCallRunDetails`], shared by the eras
/// of October 2023 ([`BackendCallProperties2023Oct`]) and of 2024
/// ([`BackendCallProperties2024`]); the e-mail domain's hash, which the two eras write
/// differently, is each era's own.
///
/// `sendExecuteAnalyticsEvent` (`ActionExecutionSolutionCEImpl.java`, from the revision merged
/// into `cloudtogo/pageplug` at e28b15a5d8 "merge: 1.9.35-backend" to the revisions of 2024
/// stored at `appsmithorg/appsmith` 0255b35d88) adds the environment
/// (`DatasourceAnalyticsUtils.getAnalyticsPropertiesWithStorageOnActionExecution`, which writes
/// `envId` and `envName` with the datasource's members of [`BackendCallRunDetails`] in
/// `helpers/DatasourceAnalyticsUtils.java` at `appsmithorg/appsmith` 7c813b3bfd, named in
/// `constants/ce/AnalyticsConstantsCE.java` at 14c250ed4c) and, for a
/// run the plugin failed, three members of its `PluginErrorDetails`; `sendEvent`
/// (`services/ce/AnalyticsServiceCEImpl.java`) adds `version`.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallRunDetails2023Oct {
    /// Only when the plugin reported the failure: its `appsmithErrorCode` (`PE-PGS-5000`).
    /// `Map.of` refuses a null, so the member is text when present.
    #[schemars(extend("x-privacy" = "category"))]
    pub appsmith_error_code: Option<String>,
    /// Only when the plugin reported the failure: its `appsmithErrorMessage`, Appsmith's own
    /// wording of the failure, which can quote the datasource's message.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub appsmith_error_message: Option<String>,
    /// The id of the datasource's environment (`datasourceStorage.getEnvironmentId()`, `""`
    /// when null): `unused_env` on the open edition, which has one environment.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub env_id: String,
    /// The environment's name (`getEnvironmentNameFromEnvironmentIdForAnalytics`):
    /// `unused_env` on the open edition, the name an administrator gave on the paid one.
    #[schemars(extend("x-privacy" = "content-name"))]
    pub env_name: String,
    /// Only when the plugin reported the failure: its `errorType` (`INTERNAL_ERROR`,
    /// `DATASOURCE_ERROR`, ...).
    #[schemars(extend("x-privacy" = "category"))]
    pub error_type: Option<String>,
    /// The server's version (`projectProperties.getVersion()`, `v1.9.35`).
    #[schemars(extend("x-privacy" = "category"))]
    pub version: String,
}

run_properties! {
    /// The properties of `execute_ACTION_TRIGGERED` as the self-hosted servers from 2024 send them
    /// for a signed-in user: the members of October 2023 ([`BackendCallProperties`],
    /// [`BackendCallRunDetails`], [`BackendCallRunDetails2023Oct`]), an e-mail domain's hash that
    /// can be `""`, the action's configuration and bindings, and the deployment's details that
    /// `sendEvent` adds to every event ([`ServerDeploymentDetails`]).
    ///
    /// `sendExecuteAnalyticsEvent` (`appsmithorg/appsmith`,
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`,
    /// the revision stored at 0255b35d88, and the later one that reads an `OrganizationService`,
    /// which sends the same members) adds, from August 2024 (pull request 35645, merged on
    /// 2024-08-13, "added properties for executeAction mixpanel event"), the request's parameters
    /// with their values redacted, the inverse of the request's parameter map and the action's
    /// configuration as the user wrote it (`FieldNameCE.ACTION_EXECUTION_REQUEST_PARAMS_VALUE_MAP`,
    /// `ACTION_EXECUTION_INVERT_PARAMETER_MAP` and `ACTION_CONFIGURATION`, named
    /// `actionExecutionRequestParamsValueMap`, `actionExecutionInvertParameterMap` and
    /// `actionConfiguration` in `constants/ce/FieldNameCE.java` of `rakinyao/CelanWorksmith`
    /// b3f95f1029). `sendEvent` (`services/ce/AnalyticsServiceCEImpl.java`, the revisions stored at
    /// `appsmithorg/appsmith` 00a338b0a2 and `chrisdarcy-quantum/appsmith` ac2ece2759) still drops
    /// `request` and `eventData` and hashes the user id, and adds the deployment's details.
    ///
    /// A person viewing a public application is not in this era: these servers no longer hash the
    /// anonymous user (`shouldHashUserId`), so such an event carries `anonymousUser` or the
    /// browser's anonymous id as `userId`, `username` and `id`, and keeps `request`: it is an era
    /// of its own ([`BackendCallProperties2024Anonymous`]).
    ///
    /// Closed (no other members): a privacy audit must account for every member sent.
    pub struct BackendCallProperties2024 {
        user: HashedUsername,
        object_user: HashedObjectUser,
        since: 2024,
    }
}

/// What the servers from 2024 send after the members of October 2023
/// ([`BackendCallRunDetails2023Oct`]), for a signed-in user ([`BackendCallProperties2024`]) and
/// for a person viewing a public application ([`BackendCallProperties2024Anonymous`]) alike: the
/// e-mail domain's hash as these servers write it, and the action's configuration, bindings and
/// redacted parameters that `sendExecuteAnalyticsEvent` adds from August 2024.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallRunDetails2024 {
    /// The SHA-256 of the domain of the user's e-mail address (`getEmailDomainHash`): 64
    /// lower-case hex digits, or `""` where the user id has no `@` in the revisions whose `hash`
    /// returns `""` for an empty text (`StringUtils.isEmpty(value) ? "" : ...`,
    /// `chrisdarcy-quantum/appsmith` ac2ece2759); the revision stored at `appsmithorg/appsmith`
    /// 00a338b0a2 still hashes `""`.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub email_domain_hash: Sha256HexOrEmpty,
    /// The action's configuration before the bindings were evaluated
    /// (`deepCopyActionConfiguration(actionDTO.getActionConfiguration())`, an
    /// `ActionConfiguration` as analytics-java writes an object: its query or body, path,
    /// headers, query parameters and plugin settings as the author wrote them, `{{...}}`
    /// bindings included), or `""` when the copy failed. Its members are the plugin's and the
    /// author's, so the object is not constrained further by this schema. It holds what the
    /// author typed into the action, which can include literal values, such as a token written
    /// into a header or a URL.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub action_configuration: OrEmpty<Map<String, Value>>,
    /// The request's parameter map turned round (`executeActionDto.getInvertParameterMap()`): its
    /// pseudo names (`k0`, `k1`, ...) to the bindings they stand for (`Input1.text`,
    /// `Table1.pageSize`), or `""` when the request had no parameter map.
    #[schemars(extend("x-privacy" = "content-name"))]
    pub action_execution_invert_parameter_map: OrEmpty<BTreeMap<String, String>>,
    /// The request's parameters (`executeActionDto.getParams()`), every `value` first replaced by
    /// `<redacted>`, or `""` when the request had none.
    #[schemars(extend("x-privacy" = "content-name"))]
    pub action_execution_request_params_value_map: OrEmpty<Vec<RedactedParam>>,
}

/// What `sendEvent` adds to every event of the servers from 2024 about the deployment
/// (`services/ce/AnalyticsServiceCEImpl.java`, the revisions stored at `appsmithorg/appsmith`
/// 00a338b0a2 and `chrisdarcy-quantum/appsmith` ac2ece2759): the administrators' e-mail
/// domain's hash, the edition, and the details read from `/tmp/appsmith/infra.json`
/// (`configurations/DeploymentProperties`, a file written at start by
/// `deploy/docker/fs/opt/appsmith/generate-infra-details.sh`), each `""` when the file does not
/// exist. The setup ping of these servers carries the same members, of the same types, among its
/// own ([`ServerSetupProperties2024`](super::ServerSetupProperties2024)): its published schema
/// lists them in its own order, which a flattened part would change.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ServerDeploymentDetails {
    /// The SHA-256 of the domain of the first administrator's e-mail address
    /// (`commonConfig.getAdminEmailDomainHash()`: the first address of `APPSMITH_ADMIN_EMAILS`
    /// with one `@`, its domain hashed by `sha256Hex`), or `""` when no address qualifies.
    /// Reversible by hashing candidate domains, as the user's `emailDomainHash` is.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub admin_email_domain_hash: Sha256HexOrEmpty,
    /// The cloud the server runs on, as the start script guesses it, or `""` without the
    /// deployment file.
    #[schemars(extend("x-privacy" = "category"))]
    pub cloud_provider: CloudProvider,
    /// When the container started, as the start script writes it with `date -u -Iseconds`
    /// (`2024-06-11T09:41:27+00:00`), or `""` without the deployment file.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub deployed_at: TimestampOrEmpty,
    /// The edition the server runs: `CE` (open build) or `EE` (paid build).
    #[schemars(extend("x-privacy" = "category"))]
    pub edition: Edition,
    /// Whether the stacks folder (`/appsmith-stacks`) is an NFS mount such as Amazon EFS:
    /// `present` or `absent`, or `""` without the deployment file.
    #[schemars(extend("x-privacy" = "category"))]
    pub efs: EfsMount,
    /// The name of the machine or container the server runs in (`/etc/hostname`: a container
    /// id, a pod's name), or `""` without the deployment file.
    #[schemars(extend("x-privacy" = "device"))]
    pub hostname: String,
    /// How the server was deployed, as the start script sees it: `docker` or `kubernetes`, or
    /// `""` without the deployment file.
    #[schemars(extend("x-privacy" = "category"))]
    pub tool: DeploymentTool,
}

/// What the Appsmith server itself sets on a message's context from March 2023 on
/// (`TrackMessage.builder(event).userId(...).context(Map.of("userAgent", userAgent))` in
/// `sendEvent`, `appsmithorg/appsmith`
/// `app/server/appsmith-server/src/main/java/com/appsmith/server/services/ce/AnalyticsServiceCEImpl.java`,
/// the revision that reads `ExchangeUtils.getUserAgentFromCurrentRequest()`): the `User-Agent`
/// header of the request that caused the event, `unavailable` when it had none.
///
/// Closed: the server sets no other member.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ServerSetContext {
    /// The `User-Agent` header of the browser's request, or `unavailable`. It names the
    /// browser and its platform, not the user.
    #[schemars(extend("x-privacy" = "device"))]
    pub user_agent: String,
}

/// The stored context of a backend call event from the servers from October 2023: the library,
/// which analytics-java puts on the batch, and what the server sets ([`ServerSetContext`]).
///
/// Closed: a privacy audit must account for every member sent.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct BackendCallContextWithUserAgent {
    /// The library that sent the event, as for the earlier eras.
    #[serde(flatten)]
    pub sender: BackendCallContext,
    /// What the server set.
    #[serde(flatten)]
    pub server: ServerSetContext,
}

crate::common::newtype! {
    /// A MongoDB ObjectId written as 24 lower-case hex digits, or `""` where the record has no id (a
    /// datasource embedded in its action).
    #[schemars(example = "609ce8fb4092701c69df9846")]
    #[schemars(extend("anyOf" = [{ "maxLength": 0 }, { "pattern": "^[0-9a-f]{24}$" }]))]
    pub struct ObjectIdOrEmpty(String);

    /// An RFC 3339 date-time kept as the exact text that was sent, or `""` where there is none.
    #[schemars(example = "2023-05-02T10:11:12.345Z")]
    #[schemars(extend("anyOf" = [{ "maxLength": 0 }, { "format": "date-time" }]))]
    pub struct TimestampOrEmpty(String);
}
