//! The telemetry payloads that Appsmith documents, one module per payload.
//!
//! The specification is the page `upstream/appsmith-telemetry.md`; each type follows its
//! example member for member, in the page's order. What Appsmith's public code
//! (appsmithorg/appsmith) shows beyond the page sharpens a rule where the real format is certain
//! and is otherwise written into the doc comments, never silently.
//!
//! - [`KeepAlivePing`] and [`ServerSetupPing`] are Mixpanel exports of server events (`event`
//!   and `properties`); the `$...` and `mp_*` members are Mixpanel's.
//! - [`UsagePulse`] is the batch a licensed server sends to Appsmith's cloud services.
//! - [`NavigationEvent`] and [`BackendCallEvent`] are Segment track events; they share
//!   [`SegmentLibrary`] and [`SegmentCallType`].
//!
//! Every object is closed (`additionalProperties: false`) except the open maps of the Segment
//! events (`integrations` of both, `properties` of [`NavigationEvent`]): a privacy audit wants
//! every member accounted for, the page's sample is the documented shape, and variants seen in
//! real traffic (a failed execution's `error`, the later `appMode` values) are added as new
//! schema versions.
//!
//! The constrained strings only this product uses ([`EmailOrEmpty`], [`CountryCode`],
//! [`HmacSha256Hex`]) are defined beside the payload that uses them rather than in
//! [`crate::common`].

mod backend_call_event;
mod keep_alive_ping;
mod navigation_event;
mod segment;
mod server_setup_ping;
mod usage_pulse;

#[cfg(test)]
mod tests;

pub use backend_call_event::{
    AppMode, BackendCallContext, BackendCallEvent, BackendCallEventName, BackendCallProperties,
    Datasource,
};
pub use keep_alive_ping::{
    Edition, KeepAliveEventName, KeepAlivePing, KeepAliveProperties, ReleaseNotesRequestType,
};
pub use navigation_event::{NavigationContext, NavigationEvent, NavigationPage};
pub use segment::{SegmentCallType, SegmentLibrary};
pub use server_setup_ping::{
    CountryCode, EmailOrEmpty, ServerSetupEventName, ServerSetupPing, ServerSetupProperties,
};
pub use usage_pulse::{HmacSha256Hex, Pulse, PulseUser, UsagePulse};
