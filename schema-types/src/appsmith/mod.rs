//! The telemetry payloads that Appsmith documents, one module per payload, and the two layers
//! they travel in, each declared once.
//!
//! The specification is the page `upstream/appsmith-telemetry.md`; each type follows its
//! example member for member. What Appsmith's public code (appsmithorg/appsmith) shows beyond the
//! page sharpens a rule where the real format is certain and is otherwise written into the doc
//! comments, never silently.
//!
//! Appsmith's events travel as Segment messages, and the page prints two layers of them:
//!
//! - [`KeepAlivePing`] and [`ServerSetupPing`] are Mixpanel exports ([`MixpanelExport`],
//!   `mixpanel.rs`): the event's own properties ([`KeepAliveProperties`],
//!   [`ServerSetupProperties`]) flattened beside the members Segment's Mixpanel destination and
//!   Mixpanel add (the `$...` and `mp_*` members), which are declared once. [`ServerSetupPing`]
//!   has eras: the page's shape and that of the servers of 2024
//!   ([`ServerSetupProperties2024`]), each a `MixpanelExport` of its own.
//! - [`NavigationEvent`] and [`BackendCallEvent`] are Segment `track` messages ([`SegmentTrack`],
//!   `segment.rs`): the event's own properties ([`NavigationProperties`],
//!   [`BackendCallProperties`]) in `properties`, with the context, ids and timestamps of the
//!   message, declared once. [`BackendCallEvent`] has eras: the page's shape, that of the
//!   servers of 2023 ([`BackendCallProperties2023`]), that of the servers from October 2023
//!   ([`BackendCallProperties2023Oct`], with the context the server sets) and that of the
//!   servers from 2024 ([`BackendCallProperties2024`], with the action's configuration and the
//!   deployment's details, and [`BackendCallProperties2024Anonymous`], the same for a person
//!   viewing a public application, named in clear, with the request), each a `SegmentTrack` of
//!   its own.
//! - [`UsagePulse`] is the batch a licensed server sends to Appsmith's cloud services, a payload
//!   of its own.
//! - [`InstanceActivePing`] and [`InstanceStatsPing`] are not on the page: Segment `track` calls
//!   a self-hosted server builds and POSTs to Segment's tracking API itself (the Segment call
//!   layer, not the stored message), read from the server's code, each with eras of its own.
//!
//! Each event's properties type says what differs in its layer ([`MixpanelEvent`],
//! [`SegmentEvent`]), and each published schema names its layer (`x-telemetry.layer`) and
//! describes the layer first, then the event.
//!
//! Every object is closed (`additionalProperties: false`) except the open maps of the Segment
//! messages (`integrations` of both, `properties` of [`NavigationEvent`]): a privacy audit wants
//! every member accounted for, the page's sample is the documented shape, and variants seen in
//! real traffic (a failed execution's `error`, the later `appMode` values) are added, with their
//! source, as new schema versions, and the shapes of later emitter versions as eras of the kind.
//!
//! The constrained strings only this product uses ([`EmailOrEmpty`], [`CountryCode`],
//! [`HmacSha256Hex`]) are defined beside the type that uses them rather than in
//! [`crate::common`].

mod backend_call_anonymous;
mod backend_call_event;
mod backend_call_event_call;
mod backend_call_objects;
mod backend_call_organization;
mod instance_active_ping;
mod instance_stats_ping;
mod keep_alive_ping;
mod mixpanel;
mod navigation_event;
mod segment;
mod segment_layers;
mod segment_senders;
mod server_setup_ping;
mod usage_pulse;

#[cfg(all(test, feature = "proptest"))]
mod rules_tests;
#[cfg(test)]
mod tests;

use schemars::JsonSchema;

pub use backend_call_anonymous::*;
pub use backend_call_event::*;
pub use backend_call_event_call::*;
pub use backend_call_objects::*;
pub use backend_call_organization::*;
pub use instance_active_ping::*;
pub use instance_stats_ping::*;
pub use keep_alive_ping::*;
pub use mixpanel::*;
pub use navigation_event::*;
pub use segment::*;
pub(crate) use segment_layers::kinds;
pub use segment_layers::{SegmentLayered, Tracked};
pub use segment_senders::*;
pub use server_setup_ping::*;
pub use usage_pulse::*;

/// A layer's description followed by its event's: one schema says what the document is (a
/// Mixpanel export, a Segment message) and what the event in it is.
fn with_event<P: JsonSchema>(layer: &str) -> String {
    crate::schema::followed_by::<P>(layer, "The event")
}
