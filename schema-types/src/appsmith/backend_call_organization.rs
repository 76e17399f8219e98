//! The backend call event's eras `2025` and `2025-anonymous`: `execute_ACTION_TRIGGERED` as the
//! servers that know organizations send it. Apart from the eras of 2024 because all they change
//! is one member that `sendObjectEvent` adds to every object event: each era here has the parts
//! of its era of 2024 ([`BackendCallProperties2024`], [`BackendCallProperties2024Anonymous`])
//! and the organization of the user the event is recorded for (`organizationId`).
//!
//! `sendObjectEvent` (`app/server/appsmith-server/src/main/java/com/appsmith/server/services/ce/AnalyticsServiceCEImpl.java`,
//! the revision stored at `chrisdarcy-quantum/appsmith` ac2ece2759) puts that organization beside
//! `id` and `oid`; `sendEvent` then adds what it adds to every event, unchanged from 2024.
//!
//! Each era lists the parts of 2024 rather than flattening the struct of 2024 whole: serde hands
//! a flattened struct every member its parent does not name and cannot tell, for a closed parent,
//! which of them a flattened struct of flattened parts took, so the parent would refuse them all.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::backend_call_anonymous::*;
use super::backend_call_event::*;
use super::segment::SegmentTrack;
use crate::fixture::Fixture;
use crate::validate::Validate;

/// The properties of `execute_ACTION_TRIGGERED` as the servers of 2025 send them for a signed-in
/// user: the members of 2024 ([`BackendCallProperties2024`]) and the user's organization.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallProperties2025 {
    /// Every member of the page's era but the user.
    #[serde(flatten)]
    pub page: BackendCallPageMembers,
    /// The user who ran the action, hashed, as in the page's era.
    #[serde(flatten)]
    pub user: HashedUsername,
    /// The members shared with the servers of 2023.
    #[serde(flatten)]
    pub run: BackendCallRunDetails,
    /// The user as `sendObjectEvent` records it, hashed.
    #[serde(flatten)]
    pub object_user: HashedObjectUser,
    /// The members that follow the user's `id`.
    #[serde(flatten)]
    pub object: BackendCallRunObject,
    /// The members shared with the servers of October 2023.
    #[serde(flatten)]
    pub since_2023_oct: BackendCallRunDetails2023Oct,
    /// The e-mail domain's hash and the action's configuration and bindings.
    #[serde(flatten)]
    pub since_2024: BackendCallRunDetails2024,
    /// What `sendEvent` adds of the deployment.
    #[serde(flatten)]
    pub deployment: ServerDeploymentDetails,
    /// The id of the user's organization (a MongoDB ObjectId), or `""` for a user without one:
    /// `sendObjectEvent` puts `"organizationId", ObjectUtils.defaultIfNull(user.getOrganizationId(),
    /// "")` beside `id` and `oid`.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub organization_id: ObjectIdOrEmpty,
}

/// The properties of `execute_ACTION_TRIGGERED` as the servers of 2025 send them for a person
/// viewing a public application: the members of 2024 for such a person
/// ([`BackendCallProperties2024Anonymous`]) and the organization of the user the server records
/// the run for.
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BackendCallProperties2025Anonymous {
    /// Every member of the page's era but the user.
    #[serde(flatten)]
    pub page: BackendCallPageMembers,
    /// The user who ran the action: `anonymousUser`.
    #[serde(flatten)]
    pub user: AnonymousViewerUsername,
    /// The members shared with the servers of 2023.
    #[serde(flatten)]
    pub run: BackendCallRunDetails,
    /// The user as `sendObjectEvent` records it: the browser's anonymous id.
    #[serde(flatten)]
    pub object_user: AnonymousViewerObjectUser,
    /// The members that follow the user's `id`.
    #[serde(flatten)]
    pub object: BackendCallRunObject,
    /// The members shared with the servers of October 2023.
    #[serde(flatten)]
    pub since_2023_oct: BackendCallRunDetails2023Oct,
    /// The e-mail domain's hash and the action's configuration and bindings, as for a signed-in
    /// user.
    #[serde(flatten)]
    pub since_2024: BackendCallRunDetails2024,
    /// What `sendEvent` adds of the deployment.
    #[serde(flatten)]
    pub deployment: ServerDeploymentDetails,
    /// The request the plugin ran, which `sendEvent` keeps for a user it does not hash.
    pub request: ActionExecutionRequestCopy,
    /// The id of the organization of the user the run is recorded for: the session's anonymous
    /// user's, or `""` for the anonymous user `sendObjectEvent` builds when the request has none,
    /// who has no organization.
    #[schemars(extend("x-privacy" = "record-id"))]
    pub organization_id: ObjectIdOrEmpty,
}

/// The era of the servers of 2025 of [`super::BackendCallEvent`], for a signed-in user.
pub type BackendCallEvent2025 = SegmentTrack<BackendCallProperties2025>;

/// The era of the servers of 2025 of [`super::BackendCallEvent`], for a person viewing a public
/// application.
pub type BackendCallEvent2025Anonymous = SegmentTrack<BackendCallProperties2025Anonymous>;
