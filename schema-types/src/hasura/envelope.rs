//! The two documents around every Hasura payload: the POST an emitter sends (`Wire`) and the row
//! Hasura's collector stores (`Row`), each generic over the payload, so that a payload's members
//! are declared once, in its own type.
//!
//! Hasura's emitters POST `{"topic": <name>, "data": <payload>}` to telemetry.hasura.io (the
//! server in `server/src-lib/Hasura/Server/Telemetry.hs`, the CLI in `cli/telemetry/telemetry.go`,
//! the Console in `console/src/telemetry/index.ts`; the Console sends the same over a WebSocket).
//! The collector stores `data` with two members of its own, an integer `id` and the
//! `timestamp`; the page's server and CLI samples are such rows, its Console and Enterprise
//! samples are bare payloads. So each payload type `P` implements [`Sent`], and the registry
//! publishes `Wire<P>` and `Row<P>` beside it: `Row<P>` flattens `P` (its members stand beside
//! `id` and `timestamp`), `Wire<P>` holds it in `data`. A member added to `P` is in all three.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::catalog::Catalog;
use crate::common::{Rfc3339Timestamp, SerialId};
use crate::fixture::Fixture;
use crate::payload::{
    ExampleLocation, Layer, Part, Payload, PayloadRandom, Product, SchemaVersion,
};
use crate::validate::{Members, Validate};

/// A payload a Hasura emitter sends in the `data` member of its POST.
pub trait Sent:
    JsonSchema + Serialize + DeserializeOwned + Validate + Members + Fixture + PayloadRandom
{
    /// The topics the emitter sends it under.
    type Topic: Part;
    /// The id of the kind whose document the page prints for this payload: its row
    /// (`hasura/server-telemetry`) or the payload itself (`hasura/console-error`). The other
    /// layers are derived from it.
    const DOCUMENTED: &'static str;
    /// The published schema of its POST body, [`Wire<Self>`].
    const WIRE: Published;
    /// The published schema of its row, [`Row<Self>`].
    const ROW: Published;
    /// Who sends it, when, where to, and what stops it.
    const CATALOG: Catalog;
}

/// What the registry needs of one derived document besides its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    /// The payload id (`hasura/console-error-wire`).
    pub id: &'static str,
    /// The version of its schema.
    pub version: SchemaVersion,
    /// The schema's title.
    pub title: &'static str,
    /// Where the page prints an example of this document, if it does.
    pub example: Option<ExampleLocation>,
}

/// The topics of the Hasura server's POSTs (`server/src-lib/Hasura/Server/Telemetry.hs`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "snake_case")]
pub enum ServerTopic {
    /// From a release build.
    Server,
    /// From a development build.
    ServerTest,
}

/// The topics of a Hasura v2.x server's report (`versionToTopic` in
/// `server/src-lib/Hasura/Server/Telemetry.hs`): v2 reports travel under their own topic.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "snake_case")]
pub enum ServerMetricsV2Topic {
    /// From a release build.
    ServerMetricsV2,
    /// From a development build.
    ServerMetricsV2Test,
}

/// The topics of the Hasura CLI's POSTs (`cli/telemetry/telemetry.go`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "snake_case")]
pub enum CliTopic {
    /// From a release build.
    Cli,
    /// From a development build.
    CliTest,
}

/// The topics of the Hasura Console's messages (`console/src/telemetry/index.ts`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "snake_case")]
pub enum ConsoleTopic {
    /// From a release build.
    Console,
    /// From a development build.
    ConsoleTest,
}

/// What a Hasura emitter POSTs to telemetry.hasura.io: the payload in `data`, under the topic
/// of the emitter that sent it.
///
/// Closed: the emitters' envelope types have exactly these two members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, bound = "P: Sent")]
#[schemars(bound = "P: Sent")]
pub struct Wire<P: Sent> {
    /// Which emitter sent it; the `_test` topics come from development builds.
    #[schemars(extend("x-privacy" = "category"))]
    pub topic: P::Topic,
    /// The payload.
    pub data: P,
}

/// A row of Hasura's telemetry database: the payload an emitter sent, with the `id` and
/// `timestamp` the collector adds.
///
/// Closed: the row holds the payload's members and the collector's two, nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct Row<P> {
    /// The row's serial number in the telemetry database, assigned by the collector (not sent by
    /// the emitter).
    #[schemars(extend("x-privacy" = "record-id"))]
    pub id: SerialId,
    /// When the collector stored the row: PostgreSQL `timestamptz` text, microseconds with
    /// trailing zeros dropped and a `+00:00` offset.
    #[schemars(extend("x-privacy" = "timestamp"))]
    pub timestamp: Rfc3339Timestamp,
    /// The payload, whose members stand beside `id` and `timestamp`.
    #[serde(flatten)]
    pub payload: P,
}

/// The envelope's own description followed by the payload's: one schema says what the document
/// is and what its payload is.
fn describe<P: JsonSchema>(envelope: &str) -> String {
    crate::schema::followed_by::<P>(envelope, "The payload")
}

impl<P: Sent> Payload for Wire<P> {
    const ID: &'static str = P::WIRE.id;
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = P::WIRE.version;
    const TITLE: &'static str = P::WIRE.title;
    const EXAMPLE: Option<ExampleLocation> = P::WIRE.example;
    const CATALOG: Catalog = P::CATALOG;
    const LAYER: Layer = Layer::HasuraWire;
    const DERIVED_FROM: Option<&'static str> = Some(P::DOCUMENTED);

    fn description(derived: &str) -> String {
        describe::<P>(derived)
    }
}

impl<P: Sent> Payload for Row<P> {
    const ID: &'static str = P::ROW.id;
    const PRODUCT: Product = Product::Hasura;
    const VERSION: SchemaVersion = P::ROW.version;
    const TITLE: &'static str = P::ROW.title;
    const EXAMPLE: Option<ExampleLocation> = P::ROW.example;
    const CATALOG: Catalog = P::CATALOG;
    const LAYER: Layer = Layer::HasuraRow;
    const DERIVED_FROM: Option<&'static str> = if same(P::ROW.id, P::DOCUMENTED) {
        None
    } else {
        Some(P::DOCUMENTED)
    };

    fn description(derived: &str) -> String {
        describe::<P>(derived)
    }
}

/// String equality in a constant.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}
