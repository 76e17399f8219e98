//! `appsmith/navigation-event`: the Segment track event the Appsmith client sends for navigation
//! and clicks (page line 111): [`NavigationProperties`] in the Segment track layer
//! ([`SegmentTrack`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::segment::{
    AnonymousId, HashedUserId, SegmentCallType, SegmentEvent, SegmentLibrary, SegmentTrack,
    SentContext,
};
use super::segment_senders::AnalyticsJsCall;
use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter};
use crate::common::{IpAddress, Nullable, Sha256Hex};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

/// `appsmith/navigation-event`: a navigation or click event as Segment stores it.
pub type NavigationEvent = SegmentTrack<NavigationProperties>;

impl Payload for NavigationEvent {
    const ID: &'static str = "appsmith/navigation-event";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 1, 0);
    const TITLE: &'static str = "Appsmith navigation and click event";
    const EXAMPLE_LINE: Option<usize> = Some(111);
    const LAYER: Layer = Layer::SegmentTrack;
    const CLUES: &'static [Clue] = &[
        Clue::Equals("/type", SegmentCallType::Track.as_str()),
        Clue::Present("/anonymousId"),
        Clue::Present("/context/page"),
    ];
    const CATALOG: Catalog = Catalog {
        section: "Navigation and clicks",
        edition: Editions::All,
        emitter: Emitter::BrowserClient,
        cadence: Cadence::PerUserAction,
        trigger: "The client captures anonymous behavioral data around navigation and clicks.",
        destination: "Segment (analytics.js), exported to Mixpanel",
        opt_out: catalog::APPSMITH_STOPPED_BY,
    };

    fn description(derived: &str) -> String {
        super::with_event::<NavigationProperties>(derived)
    }

    fn documented_example() -> Option<Self> {
        Some(
            NavigationEvent::fixture()
                .anonymous(
                    AnonymousId::fixture().anonymous_id("0b62ab60-02ad-4f69-a181-d9c5eb2f97fa"),
                )
                .context(
                    NavigationContext::fixture().ip("49.207.192.209").sent(
                        NavigationCallContext::fixture()
                        .library(
                            SegmentLibrary::fixture()
                                .name("analytics.js")
                                .version("4.0.4"),
                        )
                        .locale("en-US")
                        .page(
                            NavigationPage::fixture()
                                .path("/applications")
                                .referrer("https://dev.appsmith.com/applications")
                                .search("")
                                .title("Editor | Appsmith")
                                .url("https://dev.appsmith.com/applications"),
                        )
                        .user_agent(
                            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 \
                         (KHTML, like Gecko) Chrome/86.0.4240.111 Safari/537.36",
                        ),
                    ),
                )
                .event("APPLICATIONS_PAGE_LOAD")
                .integrations(Map::new())
                .message_id("ajs-9176c8f5ebc607524746206ea6aa7502")
                .original_timestamp("2020-11-04T10:52:14.616Z")
                .properties(NavigationProperties(Map::new()))
                .received_at("2020-11-04T10:52:14.750Z")
                .sent_at("2020-11-04T10:52:14.618Z")
                .timestamp("2020-11-04T10:52:14.748Z")
                .call_type(SegmentCallType::Track)
                .user(HashedUserId::fixture().user_id(Some(Nullable::value(Sha256Hex::from(
                    "a3d8b23b9b0cac986af79f4826d009463f8dfc372f188934710115491b7665a1",
                )))))
                .build(),
        )
    }
}

/// Sent from the browser through analytics.js: any event name, the browser's context, an
/// analytics.js message id, and analytics.js's `anonymousId`.
impl SegmentEvent for NavigationProperties {
    type Name = String;
    type Context = NavigationContext;
    type MessageId = String;
    type Anonymous = AnonymousId;
    type User = HashedUserId;
}

/// A Segment track event that the Appsmith client (the browser, through analytics.js) sends for
/// navigation and clicks: the event's own properties, which depend on the event name; empty in
/// the page's sample.
///
/// The page: the client captures anonymous behavioural data around navigation and clicks, one
/// event per user action, and it is collected only when telemetry is turned on, so opting out
/// stops it. The user appears only as a SHA-256 hash computed in the browser by `js-sha256`
/// (`userId`) and a random `anonymousId`. The event name is free text (`APPLICATIONS_PAGE_LOAD`;
/// the set of names grows with the client) and analytics.js writes `messageId` as `ajs-` and 32
/// hex digits (free text: analytics-next writes `ajs-next-` and a hash or a UUID).
///
/// Open (any members): each event name brings its own. Classified as free text because nothing
/// fixes what they hold: whatever a client version puts there (a name, a path, a typed value) can
/// appear, so an audit treats the map as possibly identifying.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(transparent)]
#[schemars(extend("x-privacy" = "free-text"))]
pub struct NavigationProperties(pub Map<String, Value>);

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
    /// What analytics.js records, beside the address Segment adds.
    #[serde(flatten)]
    pub sent: NavigationCallContext,
}

/// A navigation event's call is analytics.js's: its context is the stored one without `ip`,
/// which Segment adds from the connection.
impl SentContext for NavigationContext {
    type Sent = AnalyticsJsCall<NavigationCallContext>;
}

/// What analytics.js records about where a navigation event happened, as it sends it in the call
/// (`context.page` from analytics.js 4.0.4 `lib/analytics.ts`, `normalize`; `library`, `locale`
/// and `userAgent` from its Segment integration's `normalize`,
/// `integrations/segmentio/lib/index.js` 4.2.5). Segment stores it with `ip` added
/// ([`NavigationContext`]).
///
/// Closed (no other members): a privacy audit must account for every member sent, and variants
/// seen in real traffic (the integration's `campaign`, `referrer`, `traits` and `amp`, sent
/// only with some query strings, cookies or settings) are added later as new schema versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NavigationCallContext {
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
