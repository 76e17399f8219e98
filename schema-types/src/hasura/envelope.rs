//! The two documents around every Hasura payload: the POST an emitter sends (`Wire`) and the row
//! Hasura's collector stores (`Row`), each generic over the payload, so that a payload's members
//! are declared once, in its own type.
//!
//! Hasura's emitters POST `{"topic": <name>, "data": <payload>}` to telemetry.hasura.io (the
//! server in `server/src-lib/Hasura/Server/Telemetry.hs`, the CLI in `cli/telemetry/telemetry.go`,
//! the Console in `console/src/telemetry/index.ts`; the Console sends the same over a WebSocket).
//! The collector stores `data` with two members of its own, an integer `id` and the
//! `timestamp`; the page's server and CLI samples are such rows, its Console and Enterprise
//! samples are bare payloads. So each payload type `P` implements [`Posted`], naming the kind the
//! page documents (`P` itself, or `Row<P>`), and [`kinds`] publishes the other layers beside
//! it: `Row<P>` flattens `P` (its members stand beside `id` and `timestamp`), `Wire<P>` holds it
//! in `data`. A member added to `P` is in all three; the derived kinds' ids, titles, clues, and
//! how a document of one layer becomes a document of another are made here, from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use serde_json::{Map, Value};

use crate::api::{Clue, Signature};
use crate::common::{Rfc3339Timestamp, SerialId};
use crate::fixture::Fixture;
use crate::names::names;
use crate::payload::{Document, Layer, Part, Payload, SchemaVersion};
use crate::registry::{AnyPayload, Derivation, DerivedLayer, PayloadKind};
use crate::validate::{Members, Validate};

/// A payload a Hasura emitter sends in the `data` member of its POST ([`Wire`]), under its
/// topics.
pub trait WireData: Part {
    /// The topics the emitter sends it under.
    type Topic: Part;
}

/// A payload a Hasura emitter sends, published with its layers: what the collector stores and
/// what the emitter POSTs.
pub trait Posted: Part {
    /// The message the emitter POSTs: [`Wire<Self>`] for a payload of one shape, an untagged enum
    /// of the wire messages of its eras for a payload with eras (`Wire<Era>` per era, each under
    /// the topics of its era's emitters).
    type Wire: WireOf<Self>;
    /// The row the collector stores for it: [`Row<Self>`] for a payload of one shape (a struct,
    /// whose members the row flattens), an untagged enum of the rows of its eras for a payload
    /// with eras (`Row<Era>` per era, each marked with its era as the payload's variant is).
    type Row: RowOf<Self>;
    /// The kind whose document the page prints for this payload: the payload itself
    /// (`ConsoleError`) or its row (`Row<ServerReport>`, `hasura/server-telemetry`). Its id,
    /// title, catalog and clues name the layers derived from it.
    type Documented: Payload + IntoLayered<Self>;
    /// The versions of the schemas derived from the documented kind.
    const DERIVED: Derived;
}

/// The schema versions of the layers `kinds` derives from a documented kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Derived {
    /// The row's (`-row`); `None` when the documented kind is the row itself.
    pub row: Option<SchemaVersion>,
    /// The wire message's (`-wire`).
    pub wire: SchemaVersion,
}

impl Derived {
    /// A row and a wire message derived from a documented payload, at these versions.
    pub const fn row_and_wire(row: SchemaVersion, wire: SchemaVersion) -> Self {
        Self {
            row: Some(row),
            wire,
        }
    }

    /// A wire message derived from a documented row, at this version.
    pub const fn wire(wire: SchemaVersion) -> Self {
        Self { row: None, wire }
    }
}

/// Declares a payload of one shape: posted as [`Wire<Self>`], stored as [`Row<Self>`].
///
/// `posted!(P, topic T, documented D, row (1, 0, 0), wire (1, 0, 0))`: `P` is sent under the
/// topics `T` (its [`WireData`]; left out where a macro declaring `P` states them), the page
/// documents `D` (`Self`, or `P`'s row), and the derived layers are published at these versions
/// (`row` left out where `D` is the row itself).
macro_rules! posted {
    (
        $payload:ty $(, topic $topic:ty)?, documented $documented:ty
        $(, row ($($row:literal),+))?, wire ($($wire:literal),+) $(,)?
    ) => {
        $(impl $crate::hasura::envelope::WireData for $payload {
            type Topic = $topic;
        })?

        impl $crate::hasura::envelope::Posted for $payload {
            type Wire = $crate::hasura::envelope::Wire<Self>;
            type Row = $crate::hasura::envelope::Row<Self>;
            type Documented = $documented;
            const DERIVED: $crate::hasura::envelope::Derived = $crate::hasura::envelope::Derived {
                row: $crate::hasura::envelope::posted!(@version $(($($row),+))?),
                wire: $crate::payload::SchemaVersion::new($($wire),+),
            };
        }
    };
    (@version) => { None };
    (@version ($($part:literal),+)) => { Some($crate::payload::SchemaVersion::new($($part),+)) };
}
pub(crate) use posted;

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

names! {
    /// The topics of the newest Hasura Console's messages
    /// (`frontend/libs/console/legacy-ce/src/lib/Globals.ts`, `telemetryTopic`), its own since it
    /// stopped sending redux actions.
    pub enum ConsoleV2Topic {
        /// From a release build.
        ConsoleV2 = "console-v2",
        /// From a development build.
        ConsoleTestV2 = "console-test-v2",
    }
}

/// What a Hasura emitter POSTs to telemetry.hasura.io: the payload in `data`, under the topic
/// of the emitter that sent it.
///
/// Closed: the emitters' envelope types have exactly these two members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, bound = "P: WireData")]
#[schemars(bound = "P: WireData")]
pub struct Wire<P: WireData> {
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

/// A document of a Hasura payload `P` in any of its layers, as [`crate::registry::AnyPayload`]
/// holds it once its kind is known. It serialises as the document it holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged, bound = "P: Posted")]
pub enum Layered<P: Posted> {
    /// The payload itself (`hasura/console-error`).
    Payload(P),
    /// The row the collector stores (`hasura/console-error-row`, `hasura/server-telemetry`).
    Row(P::Row),
    /// The body the emitter POSTs (`hasura/console-error-wire`).
    Wire(P::Wire),
}

impl<P: Posted> Layered<P> {
    /// The payload, out of whatever layer held it.
    pub fn into_payload(self) -> P {
        match self {
            Self::Payload(payload) => payload,
            Self::Row(row) => row.into_payload(),
            Self::Wire(wire) => wire.into_payload(),
        }
    }
}

impl<P: WireData + Posted<Row = Row<P>, Wire = Wire<P>>> Layered<P> {
    /// The payload, whatever layer held it (a payload of one shape, whose row holds it whole).
    pub fn payload(&self) -> &P {
        match self {
            Self::Payload(payload) => payload,
            Self::Row(row) => &row.payload,
            Self::Wire(wire) => &wire.data,
        }
    }
}

/// The row of payload `P` ([`Posted::Row`]): a document that holds `P`'s members beside the
/// collector's.
pub trait RowOf<P>: Part {
    /// The payload the row holds.
    fn into_payload(self) -> P;
}

impl<P: Part + Members> RowOf<P> for Row<P> {
    fn into_payload(self) -> P {
        self.payload
    }
}

/// The wire message of payload `P` ([`Posted::Wire`]): a document that holds `P` in `data`.
/// Not [`Eq`], as [`Wire`] is not (some payloads hold floating-point numbers).
pub trait WireOf<P>: Document + Clone + std::fmt::Debug + PartialEq {
    /// The payload the message holds.
    fn into_payload(self) -> P;

    /// A payload document (valid or not) in a wire message of this type, under the topic of
    /// the fixture of the payload's shape; `None` when it cannot be held.
    fn wrap(payload: Value) -> Option<Value>;
}

impl<P: WireData> WireOf<P> for Wire<P> {
    fn into_payload(self) -> P {
        self.data
    }

    fn wrap(payload: Value) -> Option<Value> {
        into_wire::<P>(payload)
    }
}

/// A document that is one of the layers of payload `P`: `P` itself or `Row<P>`, the two kinds a
/// page documents ([`Posted::Documented`]).
pub trait IntoLayered<P: Posted> {
    /// The document, as the layer it is.
    fn into_layered(self) -> Layered<P>;
}

impl<P: Posted> IntoLayered<P> for P {
    fn into_layered(self) -> Layered<P> {
        Layered::Payload(self)
    }
}

impl<P: Posted<Row = Self>> IntoLayered<P> for Row<P> {
    fn into_layered(self) -> Layered<P> {
        Layered::Row(self)
    }
}

/// The envelope's own description followed by the payload's: one schema says what the document
/// is and what its payload is.
fn describe<P: JsonSchema>(envelope: &str) -> String {
    crate::schema::followed_by::<P>(envelope, "The payload")
}

/// Where [`Wire`] holds the payload.
const WIRE_PAYLOAD_AT: &str = "/data";
/// The members [`Row`] adds to its payload's.
const ROW_MEMBERS: [&str; 2] = ["id", "timestamp"];

/// What tells a row from its bare payload: the collector's serial `id`.
const ROW_CLUES: &[Clue] = &[Clue::Present("/id")];
/// What tells a bare payload from its row, when both are published.
const BARE_CLUES: &[Clue] = &[Clue::Absent("/id")];
/// What tells a wire message: the emitter's `topic` beside the payload.
const WIRE_CLUES: &[Clue] = &[Clue::Present("/topic")];

/// The kinds of payload `P`: the one the page documents, then the layers derived from it (its
/// row, unless the documented kind is the row, and its wire message).
pub(crate) fn kinds<P: Posted>() -> Vec<PayloadKind>
where
    Layered<P>: Into<AnyPayload>,
{
    let mut documented = PayloadKind::of::<P::Documented>(|bytes| {
        serde_json::from_slice::<P::Documented>(bytes)
            .map(|document| document.into_layered().into())
    });
    let documented_row = documented.layer == Layer::HasuraRow;
    if documented_row {
        documented.signature.layer = ROW_CLUES;
        documented.describe = describe::<P>;
    } else {
        documented.signature.layer = BARE_CLUES;
    }
    let mut kinds = vec![documented];
    if let Some(version) = P::DERIVED.row {
        kinds.push(PayloadKind::derived::<P::Row>(
            &documented,
            DerivedLayer {
                layer: Layer::HasuraRow,
                version,
                id_suffix: "-row",
                title_suffix: ", as stored",
                signature: Signature {
                    layer: ROW_CLUES,
                    ..documented.signature
                },
                describe: describe::<P>,
                derivation: Derivation {
                    wrap: into_row::<P>,
                    carries_over: |_, _| true,
                    wrapped_pointer: str::to_owned,
                },
            },
            |bytes| serde_json::from_slice::<P::Row>(bytes).map(|row| Layered::Row(row).into()),
        ));
    }
    kinds.push(PayloadKind::derived::<P::Wire>(
        &documented,
        DerivedLayer {
            layer: Layer::HasuraWire,
            version: P::DERIVED.wire,
            id_suffix: "-wire",
            title_suffix: ", as POSTed",
            signature: Signature {
                payload: documented.signature.payload,
                payload_at: WIRE_PAYLOAD_AT,
                layer: WIRE_CLUES,
            },
            describe: describe::<P>,
            derivation: Derivation {
                wrap: if documented_row {
                    |row| P::Wire::wrap(payload_of_row(row))
                } else {
                    |payload| P::Wire::wrap(payload.clone())
                },
                carries_over: if documented_row {
                    |pointer, member| !is_about_row_members(pointer, member)
                } else {
                    |_, _| true
                },
                wrapped_pointer: |pointer| format!("{WIRE_PAYLOAD_AT}{pointer}"),
            },
        },
        |bytes| serde_json::from_slice::<P::Wire>(bytes).map(|wire| Layered::Wire(wire).into()),
    ));
    kinds
}

/// A payload document in a wire message, under the topic of the wire message's fixture.
pub(crate) fn into_wire<P: WireData>(payload: Value) -> Option<Value> {
    let mut wire = serde_json::to_value(Wire::<P>::fixture_default()).ok()?;
    *wire.pointer_mut(WIRE_PAYLOAD_AT)? = payload;
    Some(wire)
}

/// A payload document as a row: the row's own members (its fixture's) before the payload's.
/// `None` when the payload is not an object.
fn into_row<P: Posted>(payload: &Value) -> Option<Value> {
    let Value::Object(members) = payload else {
        return None;
    };
    let frame = serde_json::to_value(P::Row::fixture_default()).ok()?;
    let mut row = Map::new();
    for name in ROW_MEMBERS {
        row.insert(name.to_owned(), frame.get(name)?.clone());
    }
    row.extend(members.clone());
    Some(Value::Object(row))
}

/// The payload of a row document: the row without its own members.
fn payload_of_row(row: &Value) -> Value {
    let mut payload = row.clone();
    if let Value::Object(members) = &mut payload {
        members.retain(|name, _| !ROW_MEMBERS.contains(&name.as_str()));
    }
    payload
}

/// Whether a violation at `pointer` (about `member`, for `required` and `unknown-property`) is
/// about one of the row's own members rather than the payload's.
fn is_about_row_members(pointer: &str, member: Option<&str>) -> bool {
    let name = match pointer.strip_prefix('/') {
        Some(rest) => Some(rest.split('/').next().unwrap_or_default()),
        None => member,
    };
    name.is_some_and(|name| ROW_MEMBERS.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hasura::{ConsoleError, ServerReport};

    /// The member names declared above are the types' own: the row adds exactly `ROW_MEMBERS`
    /// to its payload, and the wire message holds the payload at `WIRE_PAYLOAD_AT`.
    #[test]
    fn envelope_members_are_the_types_own() {
        let payload = serde_json::to_value(ServerReport::fixture_default()).unwrap();
        let row = serde_json::to_value(Row::<ServerReport>::fixture_default()).unwrap();
        let added: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .filter(|name| payload.get(name.as_str()).is_none())
            .map(String::as_str)
            .collect();
        assert_eq!(added, ROW_MEMBERS);
        let wire = serde_json::to_value(Wire::<ConsoleError>::fixture_default()).unwrap();
        let console = serde_json::to_value(ConsoleError::fixture_default()).unwrap();
        assert_eq!(wire.pointer(WIRE_PAYLOAD_AT), Some(&console));
    }
}
