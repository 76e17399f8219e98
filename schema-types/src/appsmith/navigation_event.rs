//! `appsmith/navigation-event`: the Segment track event the Appsmith client sends for navigation
//! and clicks (page line 111).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::segment::{SegmentCallType, SegmentLibrary};
use crate::common::{IpAddress, Rfc3339Timestamp, Sha256Hex, Uuid};
use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::payload::{ExampleLocation, Payload, Product, SchemaVersion};
use crate::validate::Validate;

/// A Segment track event that the Appsmith client (the browser, through analytics.js) sends for
/// navigation and clicks, as Segment stores it.
///
/// The page: the client captures anonymous behavioural data around navigation and clicks, one
/// event per user action, and it is collected only when telemetry is turned on, so opting out
/// stops it. The user appears only as a SHA-256 hash (`userId`) and a random `anonymousId`.
/// Segment adds `receivedAt` and `timestamp`; the four timestamps satisfy
/// `timestamp = receivedAt − (sentAt − originalTimestamp)`.
///
/// Closed (no other members) except `integrations` and `properties`, which are open maps by
/// nature (per-destination switches; event-specific properties): a privacy audit must account
/// for every member sent, the page's sample is the documented shape, and variants seen in real
/// traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NavigationEvent {
    /// The anonymous id analytics.js keeps for the browser, a UUID.
    pub anonymous_id: Uuid,
    /// Where the event happened: the client's address, library, locale, page and browser.
    pub context: NavigationContext,
    /// The Appsmith event name (`APPLICATIONS_PAGE_LOAD`); the set of names grows with the
    /// client.
    pub event: String,
    /// Segment's per-destination switches (a destination's name, then `false` to skip it or its
    /// settings); empty in the page's sample. Open: its members are destination names.
    pub integrations: Map<String, Value>,
    /// Segment's id of the message, for deduplication. analytics.js writes `ajs-` and 32 hex
    /// digits (`ajs-9176c8f5ebc607524746206ea6aa7502`); free text, because the form differs
    /// between analytics.js generations (analytics-next writes `ajs-next-` and a hash or a UUID).
    pub message_id: String,
    /// When the event happened, by the browser's clock.
    pub original_timestamp: Rfc3339Timestamp,
    /// The event's own properties, which depend on `event`; empty in the page's sample. Open:
    /// each event name brings its own members.
    pub properties: Map<String, Value>,
    /// When Segment received the event, by Segment's clock.
    pub received_at: Rfc3339Timestamp,
    /// When analytics.js sent the event, by the browser's clock.
    pub sent_at: Rfc3339Timestamp,
    /// When the event happened, corrected for the browser's clock skew:
    /// `receivedAt − (sentAt − originalTimestamp)`, computed by Segment.
    pub timestamp: Rfc3339Timestamp,
    /// The Segment call type, always `track`.
    #[serde(rename = "type")]
    pub call_type: SegmentCallType,
    /// The user, hashed in the browser: SHA-256 of the username (normally the e-mail address)
    /// by `js-sha256`, 64 lower-case hex digits.
    pub user_id: Sha256Hex,
}

impl Payload for NavigationEvent {
    const ID: &'static str = "appsmith/navigation-event";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 0);
    const TITLE: &'static str = "Appsmith navigation and click event";
    const EXAMPLE: Option<ExampleLocation> = Some(ExampleLocation {
        page: Page::Appsmith,
        line: 111,
    });
}

/// What analytics.js and Segment record about where a navigation event happened.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NavigationContext {
    /// The IP address Segment received the event from: the user's, as Segment sees it.
    pub ip: IpAddress,
    /// The library that sent the event (`analytics.js`).
    pub library: SegmentLibrary,
    /// The browser's language, a BCP 47 tag (`en-US`).
    pub locale: String,
    /// The page of the Appsmith client on which the event happened.
    pub page: NavigationPage,
    /// The browser's user-agent string.
    pub user_agent: String,
}

/// The browser page on which a navigation event happened, as analytics.js reads it.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(deny_unknown_fields)]
pub struct NavigationPage {
    /// The URL's path (`/applications`).
    pub path: String,
    /// The URL of the previous page (`document.referrer`), or `""`.
    pub referrer: String,
    /// The URL's query string, `?` included, or `""`.
    pub search: String,
    /// The document's title (`Editor | Appsmith`).
    pub title: String,
    /// The page's full URL.
    pub url: String,
}
