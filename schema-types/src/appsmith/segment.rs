//! What Appsmith's two Segment track events ([`super::NavigationEvent`] from the browser,
//! [`super::BackendCallEvent`] from the server) share: the library that sent them and the call
//! type.
//!
//! Both documents are as Segment stores them. Segment adds `receivedAt` and `timestamp` to what
//! the library sends, and the four timestamps satisfy
//! `timestamp = receivedAt − (sentAt − originalTimestamp)`: the event time corrected for the
//! sender's clock skew. Both samples on the page obey it.

use schemars::JsonSchema;

use crate::fixture::Fixture;
use crate::validate::Validate;
use serde::{Deserialize, Serialize};

/// The Segment client library that sent an event, as Segment records it in `context.library`.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct SegmentLibrary {
    /// The library's name: `analytics.js` in the browser, `analytics-java` on the server.
    #[schemars(extend("x-privacy" = "category"))]
    pub name: String,
    /// The library's version (`4.0.4`, `2.1.1`).
    #[schemars(extend("x-privacy" = "version"))]
    pub version: String,
}

/// The Segment call type of an event.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
pub enum SegmentCallType {
    /// `track`: a call that records an action a user performed.
    #[serde(rename = "track")]
    Track,
}
