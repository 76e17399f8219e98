//! `appsmith/navigation-event`: the Segment track event the Appsmith client sends for navigation
//! and clicks (page line 111).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::segment::{SegmentCallType, SegmentLibrary};
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut};
use crate::common::{IpAddress, Rfc3339Timestamp, Sha256Hex, Uuid};
use crate::corpus::Page;
use crate::fixture::Fixture;
use crate::payload::{ExampleLocation, Layer, Payload, Product, SchemaVersion};
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
    /// The anonymous id analytics.js keeps for the browser, a random UUID. It names no one, but it
    /// stays the same for the browser until its storage is cleared, so it links every event of
    /// that browser, logged in or not: an identifier of a machine.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub anonymous_id: Uuid,
    /// Where the event happened: the client's address, library, locale, page and browser.
    pub context: NavigationContext,
    /// The Appsmith event name (`APPLICATIONS_PAGE_LOAD`); the set of names grows with the
    /// client.
    #[schemars(extend("x-privacy" = "category"))]
    pub event: String,
    /// Segment's per-destination switches (a destination's name, then `false` to skip it or its
    /// settings); empty in the page's sample. Open: its members are destination names.
    #[schemars(extend("x-privacy" = "category"))]
    pub integrations: Map<String, Value>,
    /// Segment's id of the message, for deduplication. analytics.js writes `ajs-` and 32 hex
    /// digits (`ajs-9176c8f5ebc607524746206ea6aa7502`); free text, because the form differs
    /// between analytics.js generations (analytics-next writes `ajs-next-` and a hash or a UUID).
    #[schemars(extend("x-privacy" = "random-id"))]
    pub message_id: String,
    /// When the event happened, by the browser's clock.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub original_timestamp: Rfc3339Timestamp,
    /// The event's own properties, which depend on `event`; empty in the page's sample. Open:
    /// each event name brings its own members. Classified as free text because nothing fixes
    /// what they hold: whatever a client version puts there (a name, a path, a typed value) can
    /// appear, so an audit treats the map as possibly identifying.
    #[schemars(extend("x-privacy" = "free-text"))]
    pub properties: Map<String, Value>,
    /// When Segment received the event, by Segment's clock.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub received_at: Rfc3339Timestamp,
    /// When analytics.js sent the event, by the browser's clock.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub sent_at: Rfc3339Timestamp,
    /// When the event happened, corrected for the browser's clock skew:
    /// `receivedAt − (sentAt − originalTimestamp)`, computed by Segment.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub timestamp: Rfc3339Timestamp,
    /// The Segment call type, always `track`.
    #[schemars(extend("x-privacy" = "category"))]
    #[serde(rename = "type")]
    pub call_type: SegmentCallType,
    /// The user, hashed in the browser: SHA-256 of the username (normally the e-mail address)
    /// by `js-sha256`, 64 lower-case hex digits, never the address itself. A pseudonym: the same
    /// for one person in every event.
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub user_id: Sha256Hex,
}

impl Payload for NavigationEvent {
    const ID: &'static str = "appsmith/navigation-event";
    const PRODUCT: Product = Product::Appsmith;
    const VERSION: SchemaVersion = SchemaVersion::new(1, 0, 1);
    const TITLE: &'static str = "Appsmith navigation and click event";
    const EXAMPLE: Option<ExampleLocation> = Some(ExampleLocation {
        page: Page::Appsmith,
        line: 111,
    });
    const LAYER: Layer = Layer::SegmentTrack;
    const CATALOG: Catalog = Catalog {
        section: "Navigation and clicks",
        edition: Editions::All,
        emitter: Emitter::BrowserClient,
        cadence: Cadence::PerUserAction,
        trigger: "The client captures anonymous behavioral data around navigation and clicks.",
        destination: "Segment (analytics.js), exported to Mixpanel",
        opt_out: OptOut::StoppedBy {
            switches: catalog::APPSMITH_SWITCHES,
            quote: catalog::APPSMITH_ONLY_WHEN_ON,
        },
    };
}

/// What analytics.js and Segment record about where a navigation event happened.
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NavigationContext {
    /// The IP address Segment received the event from: the user's, as Segment sees it.
    #[schemars(extend("x-privacy" = "network-address"))]
    pub ip: IpAddress,
    /// The library that sent the event (`analytics.js`).
    pub library: SegmentLibrary,
    /// The browser's language setting, a BCP 47 tag (`en-US`): a detail of the device, not a
    /// place (its region subtag names a variant of the language, not where the user is).
    #[schemars(extend("x-privacy" = "device"))]
    pub locale: String,
    /// The page of the Appsmith client on which the event happened.
    pub page: NavigationPage,
    /// The browser's user-agent string.
    #[schemars(extend("x-privacy" = "device"))]
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
    #[schemars(extend("x-privacy" = "url"))]
    pub path: String,
    /// The URL of the previous page (`document.referrer`), or `""`.
    #[schemars(extend("x-privacy" = "url"))]
    pub referrer: String,
    /// The URL's query string, `?` included, or `""`; it can carry whatever the page was opened
    /// with.
    #[schemars(extend("x-privacy" = "url"))]
    pub search: String,
    /// The document's title (`Editor | Appsmith`). Not a URL but a name: besides the product's
    /// own titles it can carry the name of the application or page that is open.
    #[schemars(extend("x-privacy" = "content-name"))]
    pub title: String,
    /// The page's full URL.
    #[schemars(extend("x-privacy" = "url"))]
    pub url: String,
}
