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
//! Each era is declared, as every era from 2023, by `run_properties!` from the parts of 2024.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::backend_call_anonymous::*;
use super::backend_call_event::*;
use super::segment::SegmentTrack;
use crate::fixture::Fixture;
use crate::validate::Validate;

run_properties! {
    /// The properties of `execute_ACTION_TRIGGERED` as the servers of 2025 send them for a signed-in
    /// user: the members of 2024 ([`BackendCallProperties2024`]) and the user's organization.
    ///
    /// Closed (no other members): a privacy audit must account for every member sent.
    pub struct BackendCallProperties2025 {
        user: HashedUsername,
        object_user: HashedObjectUser,
        since: 2024,
        /// The id of the user's organization (a MongoDB ObjectId), or `""` for a user without one:
        /// `sendObjectEvent` puts `"organizationId", ObjectUtils.defaultIfNull(user.getOrganizationId(),
        /// "")` beside `id` and `oid`.
        #[schemars(extend("x-privacy" = "record-id"))]
        pub organization_id: ObjectIdOrEmpty,
    }
}

run_properties! {
    /// The properties of `execute_ACTION_TRIGGERED` as the servers of 2025 send them for a person
    /// viewing a public application: the members of 2024 for such a person
    /// ([`BackendCallProperties2024Anonymous`]) and the organization of the user the server records
    /// the run for.
    ///
    /// Closed (no other members): a privacy audit must account for every member sent.
    pub struct BackendCallProperties2025Anonymous {
        user: AnonymousViewerUsername,
        object_user: AnonymousViewerObjectUser,
        since: 2024,
        /// The request the plugin ran, which `sendEvent` keeps for a user it does not hash.
        pub request: ActionExecutionRequestCopy,
        /// The id of the organization of the user the run is recorded for: the session's anonymous
        /// user's, or `""` for the anonymous user `sendObjectEvent` builds when the request has none,
        /// who has no organization.
        #[schemars(extend("x-privacy" = "record-id"))]
        pub organization_id: ObjectIdOrEmpty,
    }
}

/// The era of the servers of 2025 of [`super::BackendCallEvent`], for a signed-in user.
pub type BackendCallEvent2025 = SegmentTrack<BackendCallProperties2025>;

/// The era of the servers of 2025 of [`super::BackendCallEvent`], for a person viewing a public
/// application.
pub type BackendCallEvent2025Anonymous = SegmentTrack<BackendCallProperties2025Anonymous>;
