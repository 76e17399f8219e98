//! `appsmith/usage-pulse`: the hourly batch of usage pulses a licensed Appsmith server sends to
//! Appsmith's cloud services for billing (page line 91).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::Clue;
use crate::catalog::{Cadence, Catalog, Editions, Emitter, OptOut};
use crate::common::{EpochSeconds, ObjectId, Uuid};
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::Validate;

/// A batch of usage pulses that a licensed Appsmith server sends to Appsmith's cloud services,
/// for billing.
///
/// The page: the client triggers a pulse whenever a user performs an action on the instance;
/// the server collects the pulses and sends them to the cloud services in batches every hour,
/// where they become the aggregate figures of the customer portal. It is collected only for
/// paying customers, regardless of whether telemetry is on or off, so opting out does not stop
/// it. In the licensed (EE) code a batch holds 1 to 100 pulses of the last 7 days, sorted by
/// time, and is signed: `hashedMessage` is an HMAC-SHA256 of `message` keyed by the licence key.
///
/// Closed (no other members): a privacy audit must account for every member sent. Where the
/// licensed server's code sends a value the page's sample does not show, the value is accepted
/// and the variant documented on its member with its source; where the code's format is certain
/// and the sample breaks it, the rule stays strict and the sample's value is a recorded erratum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct UsagePulse {
    /// The pulses: 1 to 100 per batch, of the last 7 days, sorted by time, as the licensed
    /// server builds the batch (`appsmithorg/appsmith`, licensed EE server code; the page's
    /// sample holds one).
    #[serde(rename = "usageData")]
    #[schemars(length(min = 1, max = 100))]
    pub usage_data: Vec<Pulse>,
    /// The text that `hashedMessage` signs: a random UUID, new for each batch
    /// (`appsmithorg/appsmith`, licensed EE server code), an identifier of the batch that links
    /// nothing beyond it. The emitter's format is certain, so the rule is strict: the page's
    /// `hash-message` is a placeholder, recorded as an erratum.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub message: Uuid,
    /// HMAC-SHA256 of `message`, keyed by the instance's licence key: 64 hex digits. Variant:
    /// the licensed server writes them in upper case (`appsmithorg/appsmith`, licensed EE server
    /// code); the page's sample writes them in lower case. Both are accepted.
    #[schemars(extend("x-privacy" = "digest"))]
    #[serde(rename = "hashedMessage")]
    pub hashed_message: HmacSha256Hex,
    /// The id of the Appsmith instance that sends the batch (a MongoDB ObjectId).
    #[schemars(extend("x-privacy" = "record-id"))]
    #[serde(rename = "instanceId")]
    pub instance_id: ObjectId,
}

impl Payload for UsagePulse {
    const ID: &'static str = "appsmith/usage-pulse";
    const VERSION: SchemaVersion = SchemaVersion::new(3, 0, 0);
    const TITLE: &'static str = "Appsmith usage pulse batch";
    const EXAMPLE_LINE: Option<usize> = Some(91);
    const LAYER: Layer = Layer::Payload;
    const CLUES: &'static [Clue] = &[Clue::Present("/usageData")];
    const CATALOG: Catalog = Catalog {
        section: "Usage pulse for billing",
        edition: Editions::PayingCustomers,
        emitter: Emitter::Server,
        cadence: Cadence::HourlyBatches,
        trigger: "The data is collected on the server-side and sent to the Appsmith cloud services in batches every hour.",
        destination: "the Appsmith cloud services",
        opt_out: OptOut::SentRegardless {
            quote: "This data is collected only for paying customers, regardless of whether telemetry is on or off.",
        },
    };

    fn documented_example() -> Option<Self> {
        Some(
            UsagePulse::fixture()
                .usage_data([Pulse::fixture()
                    .user("f3273dd18d95bc19d51d3e6356e4a679e6f13824497272a270e7bb540b0abb9d")
                    // 21 characters with a non-hex `h`, not an ObjectId: a recorded erratum.
                    .tenant_id("6fh76357fbe7e44f3a47a")
                    .view_mode(false)
                    .is_anonymous_user(false)
                    .created_at(188_474_747)
                    .build()])
                // A placeholder, not the UUID the licensed server sends: a recorded erratum.
                .message("hash-message")
                .hashed_message("c8ec6166d030765ff0f88ce40f4494bc6ef99f9d65dfbecd974c6359d1cac7ac")
                // 20 hex digits, not an ObjectId's 24: a recorded erratum.
                .instance_id("63ef757fbe7e44f3a47a")
                .build(),
        )
    }
}

/// One usage pulse: a user's action on the instance, with who acted, where and when.
///
/// Two cross-member rules, from the licensed server's creation of a pulse
/// (`UsagePulseServiceCEImpl.java`, `appsmithorg/appsmith`): an anonymous user's pulse is only
/// recorded in view mode (a pulse of an anonymous user with `viewMode` `false` is refused with
/// `INVALID_PARAMETER`), so `isAnonymousUser` `true` implies `viewMode` `true`; and a logged-in
/// user's `user` is `sha256Hex` of the e-mail address, so `isAnonymousUser` `false` implies a
/// `user` of 64 lower-case hex digits (the page's example is such a pulse).
///
/// Closed (no other members): a privacy audit must account for every member sent. The variants
/// of its values are documented on its members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
#[schemars(transform = schema_runtime::rules!(
    when("isAnonymousUser" = true, then("viewMode" = true)),
    when("isAnonymousUser" = false, then("user", regex(pattern = "^[0-9a-f]{64}$"))),
))]
pub struct Pulse {
    /// The user who acted, hashed: SHA-256 of the user id (normally the e-mail address), 64
    /// lower-case hex digits, never the address itself. Variant: for an anonymous user
    /// (`isAnonymousUser` `true`) the licensed server sends no hash but Segment's anonymous UUID,
    /// or a 21-character nanoid when telemetry is off (`appsmithorg/appsmith`, licensed EE
    /// server code). See [`PulseUser`].
    #[schemars(extend("x-privacy" = "hashed-identifier"))]
    pub user: PulseUser,
    /// The id of the tenant the pulse belongs to (a MongoDB ObjectId): the unit the instance's
    /// licence is attached to, so it stands for the paying customer.
    #[schemars(extend("x-privacy" = "account-id"))]
    #[serde(rename = "tenantId")]
    pub tenant_id: ObjectId,
    /// Whether the action was done in the view mode of the application (`true`) or in its edit
    /// mode (`false`).
    #[schemars(extend("x-privacy" = "flag"))]
    #[serde(rename = "viewMode")]
    pub view_mode: bool,
    /// Whether the pulse was triggered by an anonymous user (`true`) or a logged-in user
    /// (`false`). Anonymous users in edit mode are not recorded: an anonymous pulse has
    /// `viewMode` `true`, and a logged-in user's `user` is the 64-hex hash.
    #[schemars(extend("x-privacy" = "flag"))]
    #[serde(rename = "isAnonymousUser")]
    pub is_anonymous_user: bool,
    /// When the action happened, in seconds since the Unix epoch. Variant: the server's Java
    /// timestamp may go out with a fraction of a second (`1704784217.602`;
    /// `appsmithorg/appsmith`, licensed EE server code), which is accepted beside the page's
    /// whole seconds.
    #[schemars(extend("x-privacy" = "timestamp"))]
    #[serde(rename = "createdAt")]
    pub created_at: EpochSeconds,
}

crate::common::newtype! {
    /// An HMAC-SHA256 written as 64 hex digits, upper or lower case.
    ///
    /// The licensed Appsmith server writes upper-case hex; the page's sample is lower-case, so both
    /// are accepted.
    #[schemars(example = &"C8EC6166D030765FF0F88CE40F4494BC6EF99F9D65DFBECD974C6359D1CAC7AC")]
    pub struct HmacSha256Hex(#[schemars(regex(pattern = r"^[0-9A-Fa-f]{64}$"))] String);

    /// Who triggered a pulse: a user's SHA-256 hash, or an anonymous user's random identifier.
    ///
    /// A logged-in user is sent as the SHA-256 of the user id, 64 lower-case hex digits (the page's
    /// form). Variant: an anonymous user has no user id to hash, and the licensed server sends
    /// Segment's anonymous id, a lower-case UUID, or a 21-character nanoid (`[A-Za-z0-9_-]`) when
    /// telemetry is off (`appsmithorg/appsmith`, licensed EE server code). The three forms differ in
    /// length, so a value is exactly one of them; each is stated as its pattern (the UUID one is the
    /// canonical lower-case text, which implies the `uuid` format), and anything else, an e-mail
    /// address above all, matches none. None of them is the address or the name of a person.
    #[schemars(example = &"f3273dd18d95bc19d51d3e6356e4a679e6f13824497272a270e7bb540b0abb9d")]
    #[schemars(extend("anyOf" = [
        { "pattern": "^[0-9a-f]{64}$" },
        { "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" },
        { "pattern": "^[A-Za-z0-9_-]{21}$" }
    ]))]
    pub struct PulseUser(String);
}
