//! The two layers of every Appsmith event sent through Segment, published side by side: the
//! message as Segment stores it (the kind the page documents, [`SegmentTrack`]) and the call as
//! the sending library POSTs it ([`SegmentCall`], the `-call` kind), so that a receiver standing
//! where Segment stands judges what arrives as what it is.
//!
//! Each Segment track kind implements [`Tracked`] (every `SegmentTrack<P>` does, through `P`; a
//! kind with eras names the untagged enum of its eras' calls), and [`kinds`] makes its registry
//! entries: the stored kind, then its call kind, whose id, title, catalog, clues, description
//! and relation to the stored kind (which members Segment adds on receipt) are derived here from
//! the two types, never written again.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Map, Value};

use super::segment::{SegmentCall, SegmentEvent, SegmentTrack};
use crate::api::{Clue, Signature};
use crate::fixture::Fixture;
use crate::payload::{Document, Layer, Part, Payload, SchemaVersion};
use crate::registry::{AnyPayload, Derivation, DerivedLayer, PayloadKind};
use crate::schema_walk::{top_level_names, walk};

/// A kind whose documents are Segment `track` messages as Segment stores them, published with
/// the call its sender POSTs.
pub trait Tracked: Payload + Clone + std::fmt::Debug + PartialEq {
    /// The call: [`SegmentCall<P>`] for a kind of one shape, an untagged enum of its eras' calls
    /// (each marked with its era as the kind's variant is) for a kind with eras.
    type Call: Document + Clone + std::fmt::Debug + PartialEq;
    /// The version of the call kind's schema.
    const CALL_VERSION: SchemaVersion;
}

/// Every message of one shape comes from a call of the same event.
impl<P: SegmentEvent + Part> Tracked for SegmentTrack<P>
where
    Self: Payload,
{
    type Call = SegmentCall<P>;
    const CALL_VERSION: SchemaVersion = P::CALL_VERSION;
}

/// A document of a Segment track kind `T` in either of its layers, as
/// [`crate::registry::AnyPayload`] holds it once its kind is known. It serialises as the
/// document it holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged, bound = "T: Tracked")]
pub enum SegmentLayered<T: Tracked> {
    /// The message as Segment stores it (`appsmith/navigation-event`).
    Track(T),
    /// The call as the library POSTs it (`appsmith/navigation-event-call`).
    Call(T::Call),
}

/// Where a stored message keeps what Segment received (`receivedAt`), which no call holds: what
/// tells the two layers of one event apart.
const RECEIVED_AT: &str = "receivedAt";
/// Where the stored message keeps the sender's clock, which the call sends as `timestamp`.
const ORIGINAL_TIMESTAMP: &str = "originalTimestamp";
/// The call's name for the sender's clock; in the stored message, Segment's corrected time.
const TIMESTAMP: &str = "timestamp";
/// The member of the stored context Segment fills in from the connection (for analytics.js,
/// whose call's context does not declare it).
const CONTEXT_IP: &str = "/context/ip";

/// What a call kind's id adds to its stored kind's.
const CALL_SUFFIX: &str = "-call";

/// What tells a stored message: Segment's `receivedAt`.
const STORED_CLUES: &[Clue] = &[Clue::Present("/receivedAt")];
/// What tells a call: no `receivedAt`.
const CALL_CLUES: &[Clue] = &[Clue::Absent("/receivedAt")];

/// The kinds of Segment track kind `T`: the stored one, then its call.
pub(crate) fn kinds<T: Tracked>() -> Vec<PayloadKind>
where
    SegmentLayered<T>: Into<AnyPayload>,
{
    let mut stored = PayloadKind::of::<T>(|bytes| {
        serde_json::from_slice::<T>(bytes).map(|message| SegmentLayered::Track(message).into())
    });
    stored.signature.layer = STORED_CLUES;
    let call = PayloadKind::derived::<T::Call>(
        &stored,
        DerivedLayer {
            layer: Layer::SegmentCall,
            version: T::CALL_VERSION,
            id_suffix: CALL_SUFFIX,
            title_suffix: ", as POSTed to Segment",
            signature: Signature {
                layer: CALL_CLUES,
                ..stored.signature
            },
            describe: T::description,
            derivation: Derivation {
                wrap: into_call::<T>,
                carries_over: carries_over::<T>,
                wrapped_pointer,
            },
        },
        |bytes| {
            serde_json::from_slice::<T::Call>(bytes).map(|call| SegmentLayered::Call(call).into())
        },
    );
    vec![stored, call]
}

/// The top-level members the stored kind declares and its call does not: what Segment adds or
/// takes from the batch (`receivedAt`, `originalTimestamp`; `sentAt` and `context` for
/// analytics-java, whose batch carries them).
fn stored_only<T: Tracked>() -> Vec<String> {
    let (stored, call) = names::<T>();
    stored.difference(&call).cloned().collect()
}

/// The members of the stored message's context that no call of the kind declares: what
/// analytics-java puts on the batch (`library`) when the server gives the message a context of
/// its own, and Segment's `ip`.
fn context_only<T: Tracked>() -> BTreeSet<String> {
    let names = |id: &str| {
        let mut names = BTreeSet::new();
        if let Some(kind) = crate::registry::find(id) {
            let schema = kind.schema();
            // A schema that does not resolve lends no names: the call keeps the context whole.
            let _ = walk(&schema, |member| {
                match member.document_pointer.strip_prefix("/context/") {
                    Some(name) => {
                        names.insert(name.to_owned());
                        false
                    }
                    None => member.document_pointer == "/context",
                }
            });
        }
        names
    };
    let (stored, call) = (names(T::ID), names(&format!("{}{CALL_SUFFIX}", T::ID)));
    stored.difference(&call).cloned().collect()
}

/// The top-level member names of the stored kind's published schema and of its call's (every
/// era's, for a kind with eras).
fn names<T: Tracked>() -> (BTreeSet<String>, BTreeSet<String>) {
    let names = |id: &str| {
        crate::registry::find(id)
            .and_then(|kind| top_level_names(&kind.schema()).ok())
            .unwrap_or_default()
    };
    (names(T::ID), names(&format!("{}{CALL_SUFFIX}", T::ID)))
}

/// A stored message (valid or not) as the call it came from: Segment's `receivedAt` and
/// corrected `timestamp` taken back, `originalTimestamp` sent as `timestamp`, what the batch or
/// the connection gave taken back (the members the call does not declare, `context.ip`, the
/// batch's `context.library`, and a context left empty), and
/// the members only the call has (analytics.js's `writeKey`) from the call's fixture. `None`
/// when the document is not an object.
fn into_call<T: Tracked>(stored: &Value) -> Option<Value> {
    let Value::Object(members) = stored else {
        return None;
    };
    let dropped = stored_only::<T>();
    let frame = serde_json::to_value(T::Call::fixture_default()).ok()?;
    let (stored_names, call_names) = names::<T>();
    let mut call = Map::new();
    for (name, value) in members {
        match name.as_str() {
            TIMESTAMP => {}
            ORIGINAL_TIMESTAMP => {
                call.insert(TIMESTAMP.to_owned(), value.clone());
            }
            _ if dropped.contains(name) => {}
            _ => {
                call.insert(name.clone(), value.clone());
            }
        }
    }
    let batch_context = context_only::<T>();
    if let Some(Value::Object(context)) = call.get_mut("context") {
        let sent = !context.is_empty();
        context.remove(&CONTEXT_IP["/context/".len()..]);
        context.retain(|name, _| !batch_context.contains(name));
        // A context of the batch's members alone is the batch's: the call has none.
        if sent && context.is_empty() {
            call.remove("context");
        }
    }
    if let Value::Object(frame) = frame {
        for (name, value) in frame {
            if call_names.contains(&name) && !stored_names.contains(&name) {
                call.entry(name).or_insert(value);
            }
        }
    }
    Some(Value::Object(call))
}

/// Whether a violation of the stored kind (at `pointer`, about `member` for `required` and
/// `unknown-property`) stays in the call [`into_call`] makes: not one about what Segment adds
/// (`receivedAt`, the corrected `timestamp`, `context.ip`), nor about what the call does not
/// declare, nor a missing `originalTimestamp` (the call's `timestamp` is missing instead).
fn carries_over<T: Tracked>(pointer: &str, member: Option<&str>) -> bool {
    let path = match (pointer, member) {
        ("", Some(member)) => format!("/{member}"),
        (pointer, Some(member)) if pointer == "/context" => format!("{pointer}/{member}"),
        (pointer, _) => pointer.to_owned(),
    };
    let top = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let renamed_missing = pointer.is_empty() && member == Some(ORIGINAL_TIMESTAMP);
    let added = top == RECEIVED_AT
        || top == TIMESTAMP
        || path == CONTEXT_IP
        || path.starts_with(&format!("{CONTEXT_IP}/"));
    let batch_context = path
        .strip_prefix("/context/")
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|name| context_only::<T>().contains(name));
    !(renamed_missing
        || added
        || batch_context
        || stored_only::<T>()
            .iter()
            .any(|name| *name == top && top != ORIGINAL_TIMESTAMP))
}

/// Where a pointer of the stored message stands in its call: `originalTimestamp` is the call's
/// `timestamp`; every other member keeps its place.
fn wrapped_pointer(pointer: &str) -> String {
    match pointer.strip_prefix(&format!("/{ORIGINAL_TIMESTAMP}")) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("/{TIMESTAMP}{rest}"),
        _ => pointer.to_owned(),
    }
}
