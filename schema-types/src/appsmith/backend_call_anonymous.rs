//! The backend call event's era `2024-anonymous`: `execute_ACTION_TRIGGERED` as the servers from
//! 2024 send it for a person viewing a public application, who is not signed in. Apart from the
//! signed-in eras (`backend_call_event`) because what differs is whole types of its own: the user
//! in clear ([`AnonymousViewerUserId`], [`AnonymousViewerUsername`],
//! [`AnonymousViewerObjectUser`]) and the request the run made ([`ActionExecutionRequestCopy`]),
//! which the signed-in eras never send; the members it shares it takes from there.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::backend_call_event::*;
use super::segment::SegmentTrack;
use crate::common::{Count, NanoOfSecond, ObjectId};
use crate::fixture::Fixture;
use crate::names::names;
use crate::validate::Validate;
use schema_runtime::optional_members;

run_properties! {
    /// The properties of `execute_ACTION_TRIGGERED` as the self-hosted servers from 2024 send them
    /// for a person viewing a public application, who is not signed in: the members of a signed-in
    /// user's event of these servers ([`BackendCallProperties2024`]), the user named in clear
    /// ([`AnonymousViewerUsername`], [`AnonymousViewerObjectUser`]), and the request the plugin
    /// ran (`request`, [`ActionExecutionRequestCopy`]).
    ///
    /// `sendExecuteAnalyticsEvent` (`appsmithorg/appsmith`,
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/solutions/ce/ActionExecutionSolutionCEImpl.java`,
    /// the revision stored at 0255b35d88) sends the same members for every user, with `username`
    /// the session user's `getUsername()` and `request` a copy of the result's request. For a
    /// person who is not signed in, `sendObjectEvent` (`services/ce/AnalyticsServiceCEImpl.java`,
    /// the revisions stored at `appsmithorg/appsmith` 00a338b0a2 and `chrisdarcy-quantum/appsmith`
    /// ac2ece2759) still sends an action's run (`isEventActionExecution`), with `id` the browser's
    /// anonymous id (`ExchangeUtils.getAnonymousUserIdFromCurrentRequest()`, `anonymousUser`
    /// without one), and hands `anonymousUser` to `sendEvent` as the user id; `shouldHashUserId`
    /// is then false (`!userId.equals(FieldName.ANONYMOUS_USER)`), so `sendEvent` neither hashes
    /// any property nor drops `request`, and it sends the browser's anonymous id, or
    /// `anonymousUser`, as `userId` ([`AnonymousViewerUserId`]). The e-mail domain's hash is that
    /// of `""` (`anonymousUser` has no `@`): `""` in the revisions whose `hash` returns `""` for an
    /// empty text, the SHA-256 of `""` in the others.
    ///
    /// Closed (no other members): a privacy audit must account for every member sent. The
    /// `organizationId` that `sendObjectEvent` also adds in the revision stored at
    /// `chrisdarcy-quantum/appsmith` ac2ece2759 is admitted by neither this era nor
    /// [`BackendCallProperties2024`].
    pub struct BackendCallProperties2024Anonymous {
        user: AnonymousViewerUsername,
        object_user: AnonymousViewerObjectUser,
        since: 2024,
        /// The request the plugin ran, which `sendEvent` keeps for a user it does not hash.
        pub request: ActionExecutionRequestCopy,
    }
}

/// The era of the servers from 2024 of [`BackendCallEvent`], for a person viewing a public
/// application.
pub type BackendCallEvent2024Anonymous = SegmentTrack<BackendCallProperties2024Anonymous>;

crate::common::newtype! {
    /// Who a person viewing a public application is to the server: the anonymous id of the
    /// browser's analytics.js, which the Appsmith client sends in the `X-Anonymous-User-Id` header
    /// of its requests when Segment is enabled (`app/client/src/api/interceptors/request/addAnonymousUserIdHeader.ts`
    /// at `appsmithorg/appsmith` 9d003cfa09, the id from `AnalyticsUtil.getAnonymousId()`, which
    /// reads `analytics.user().anonymousId()` or the stored `ajs_anonymous_id`, in
    /// `app/client/src/ce/utils/AnalyticsUtil.tsx` at a4fb73b9bc), or `anonymousUser`
    /// (`FieldName.ANONYMOUS_USER`, `constants/ce/FieldNameCE.java` of `rakinyao/CelanWorksmith`
    /// b3f95f1029) when the request had no such header
    /// (`ExchangeUtils.getAnonymousUserIdFromCurrentRequest()`,
    /// `app/server/appsmith-server/src/main/java/com/appsmith/server/helpers/ExchangeUtils.java` at
    /// `appsmithorg/appsmith` 75d510e406). analytics.js writes its anonymous id as a UUID
    /// ([`AnonymousId`](super::AnonymousId)).
    #[schemars(example = &"anonymousUser")]
    #[schemars(extend("anyOf" = [
        { "pattern": "^anonymousUser$" },
        {
            "format": "uuid",
            "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
        }
    ]))]
    pub struct AnonymousViewerId(String);
}

/// The user id of a backend call event for a person viewing a public application (`userId`),
/// flattened into the message as its last member: sent in clear, never hashed
/// (`shouldHashUserId` is false for `anonymousUser`, and `sendEvent` sends the browser's
/// anonymous id in its place when the request carried one).
///
/// Closed: it lends exactly this member to the message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AnonymousViewerUserId {
    /// The person viewing the public application, as the server names them: the browser's
    /// analytics.js anonymous id (a random UUID, the same for the browser until its storage is
    /// cleared, which links its events), or `anonymousUser` when the browser sent none. Never a
    /// hash, never an e-mail address. Always present: the server names every event's sender by
    /// `userId` (Segment's identity rule).
    #[schemars(extend("x-privacy" = "random-id"))]
    pub user_id: AnonymousViewerId,
}

names! {
    /// The user name the server gives a person who is not signed in: `anonymousUser`, the e-mail
    /// address of Appsmith's anonymous user (`FieldName.ANONYMOUS_USER`; `User.getUsername()`
    /// returns the e-mail address, `app/server/appsmith-server/src/main/java/com/appsmith/server/domains/User.java`
    /// at `appsmithorg/appsmith` aa655f2dea).
    pub enum AnonymousUserName {
        /// `anonymousUser`.
        AnonymousUser = "anonymousUser",
    }
}

/// The user who ran the action, for a person viewing a public application
/// (`properties.username`): the session user's name, `anonymousUser`, which `sendEvent` does
/// not hash.
///
/// Closed: it lends exactly this member to the properties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AnonymousViewerUsername {
    /// The user who ran the action: always `anonymousUser` for a person who is not signed in
    /// (`user.getUsername()` in `sendExecuteAnalyticsEvent`), the same for every such person.
    #[schemars(extend("x-privacy" = "category"))]
    pub username: AnonymousUserName,
}

/// The user who ran the action as `sendObjectEvent` records it (`properties.id`), for a person
/// viewing a public application: the browser's anonymous id, or `anonymousUser` without one,
/// in clear.
///
/// Closed: it lends exactly this member to the properties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AnonymousViewerObjectUser {
    /// The person who ran the action, as `sendObjectEvent` records a user who is not signed in:
    /// the browser's analytics.js anonymous id (a random UUID), or `anonymousUser` when the
    /// browser sent none; the same as `userId`.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub id: AnonymousViewerId,
}

/// The request a plugin ran for an action, as `sendExecuteAnalyticsEvent` copies it into the
/// event (`request`) and analytics-java writes it.
///
/// `ActionExecutionSolutionCEImpl.java` at `appsmithorg/appsmith` 0255b35d88 gives every run's
/// result a request, the plugin's or an empty one, and sets its `actionId` (the action's id)
/// and `requestedAt` (`Instant.now()`) in `verifyDatasourceAndMakeRequest`, or in
/// `executionExceptionHandler` for a run that failed; `sendExecuteAnalyticsEvent` copies its
/// `actionId`, `requestedAt`, `query`, `body`, `headers`, `httpMethod`, `url`, `properties` and
/// `executionParameters` (`null` for `requestParams`), then writes `headers` and `body`, and each
/// of `properties`'s values, as JSON text (`objectMapper.writeValueAsString`). analytics-java
/// writes the object by its fields with Gson, which leaves a `null` field out (`GsonBuilder`
/// without `serializeNulls()` and with no adapter for `java.time`,
/// `analytics/src/main/java/com/segment/analytics/Analytics.java` of `segmentio/analytics-java`
/// at 19415ed3ce), under the names of
/// `app/server/appsmith-interfaces/src/main/java/com/appsmith/external/models/ActionExecutionRequest.java`
/// (`wangbinjr/appsmith` 99241c3982).
///
/// It can hold what the run sent to the datasource, values included: the evaluated query, the
/// request's body, headers, method and URL.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ActionExecutionRequestCopy {
    /// The id of the action the request ran for (`actionId`, a MongoDB ObjectId, the same as
    /// the properties' `actionId`).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub action_id: ObjectId,
    /// When the server handed the run to the plugin (`requestedAt`).
    pub requested_at: GsonInstant,
    /// The query as the plugin ran it, its bindings evaluated (`query`): it can hold the
    /// values a viewer typed or the application bound into it.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub query: Option<String>,
    /// The body the plugin sent, written as JSON text by the server (`body`; a text's JSON
    /// keeps its quotes), or `"Error serializing value to JSON."` with its quotes when that
    /// failed: it can hold the values sent.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub body: Option<String>,
    /// The headers the plugin sent, written as JSON text by the server (`headers`): they can
    /// hold credentials, such as an `Authorization` header.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub headers: Option<String>,
    /// The HTTP method of an API's run (`httpMethod`, set by the REST API plugin from the
    /// action's configuration and by `RequestCaptureFilter.populateRequestFields` from the
    /// request sent): Spring's `HttpMethod` as Gson writes an object, by its fields.
    pub http_method: Option<GsonHttpMethod>,
    /// The URL the plugin requested, its bindings evaluated (`url`): its path and query can hold
    /// the values sent.
    #[schemars(extend("x-privacy" = "url"))]
    pub url: Option<String>,
    /// What the plugin recorded of the run for analytics (`properties`), each value written as
    /// JSON text by the server: it can hold the values sent.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub properties: Option<BTreeMap<String, String>>,
    /// The texts the plugin recorded as the run's parameters (`executionParameters`, a
    /// `List<String>`): what they hold is the plugin's, and can be the values sent.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub execution_parameters: Option<Vec<String>>,
}

/// Spring's `HttpMethod` as analytics-java's Gson writes it: by its one instance field, `name`.
///
/// From Spring Framework 6 `HttpMethod` is a final class, not an enum, whose only field that is
/// not static is `private final String name` (`org/springframework/http/HttpMethod.java` of
/// spring-web 6.1.3), so Gson, which writes an enum by its name, writes this class as the
/// object `{"name": "GET"}`. The servers that keep the request (the eras of 2024 and 2025) run
/// on Spring Boot 3 (`spring-boot-starter-parent` 3.0.9 in `app/server/pom.xml` from Appsmith
/// 1.9.35, merged into `cloudtogo/pageplug` at e28b15a5d8; 3.5.12 in the revision stored at
/// `appsmithorg/appsmith` 01ccc1bc04), where `ActionExecutionRequest.httpMethod` is that class
/// (`app/server/appsmith-interfaces/src/main/java/com/appsmith/external/models/ActionExecutionRequest.java`
/// at e28b15a5d8).
///
/// Closed: the class has no other instance field.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct GsonHttpMethod {
    /// The method's name as the request used it (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`, ...).
    #[schemars(extend("x-privacy" = "category"))]
    pub name: String,
}

/// A `java.time.Instant` as analytics-java's Gson writes it: by its two fields, `seconds` and
/// `nanos` (`private final long seconds; private final int nanos;` in
/// `src/java.base/share/classes/java/time/Instant.java` of `openjdk/jdk17u-dev` 52b1391b3a),
/// which Gson reads by reflection because the Appsmith container starts Java with
/// `--add-opens java.base/java.time=ALL-UNNAMED` (`deploy/docker/fs/opt/appsmith/run-java.sh`
/// at `appsmithorg/appsmith` 02540497c9).
///
/// Closed: an `Instant` has no other field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct GsonInstant {
    /// Seconds since 1970-01-01T00:00:00Z.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub seconds: Count,
    /// The nanoseconds within that second, from 0 to 999,999,999.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub nanos: NanoOfSecond,
}
