//! Validation of untrusted JSON against serde + schemars types: the runtime behind
//! `#[derive(Validate)]`.
//!
//! The derive (crate `schema-derive`) turns each type's definition, read the way serde and
//! schemars read it, into a function that checks every constraint directly: no JSON Schema is
//! built, loaded or interpreted at run time. This module holds what that generated code calls:
//! the [`Validate`] trait and its implementations for the standard types, the [`Checker`] that
//! tracks the current JSON Pointer and collects violations, the [`Report`] handed to the caller,
//! and the format checks (in [`mod@format`]), which mirror the `jsonschema` crate's so that both
//! judge a document the same way.
//!
//! Two paths, one set of checks. [`Validate::validate_at`] walks a parsed `Value`;
//! [`Validate::stream_at`] checks while a `serde::Deserializer` reads the bytes ([`stream`]),
//! building no `Value`. Every check takes a [`Seen`] (scalars in full, containers by size), so
//! each rule is implemented once for both. [`Validate::validate_slice`] streams with the
//! validators' own reader first, and with `serde_json`'s deserializer for bytes the reader gives
//! up on (whose error gives the report its line and column).
//!
//! Conventions, shared with the published schemas and the `jsonschema` crate:
//! - a violation's pointer (RFC 6901) is where the offending value is, except for `required`
//!   and `unknown-property`, whose pointer is the object and whose `member` names the member;
//! - every violation is reported, not only the first, up to [`Limits::max_violations`] kept (the
//!   total is still counted);
//! - duplicate member names in a document: the last one wins, as in `serde_json` (the parsed
//!   value is what is judged); the validator does not see the earlier ones.

mod bound;
mod checker;
pub mod eras;
mod flatten;
pub mod format;
mod impls;
mod names;
mod object_members;
mod pattern;
pub mod pointer;
mod reader;
mod report;
pub mod rules;
mod seen;
#[doc(hidden)]
pub mod stream;
#[cfg(test)]
mod tests;

// What the derives' generated code calls: public for it, kept out of the documented API.
#[doc(hidden)]
pub use bound::{Bound, is_integer};
#[doc(hidden)]
pub use checker::Checker;
pub use eras::Era;
#[doc(hidden)]
pub use flatten::{Members, Present};
#[doc(hidden)]
pub use names::Names;
#[doc(hidden)]
pub use object_members::ObjectMembers;
#[doc(hidden)]
pub use pattern::Pattern;
pub use reader::read_with;
#[doc(hidden)]
pub use reader::{edges as reader_edges, read_value};
pub use report::{Limits, Masking, Report, Rule, TextPosition, Violation};
#[doc(hidden)]
pub use schema_vocabulary::Variants;
#[doc(hidden)]
pub use seen::Seen;

/// Derives [`Validate`](trait@Validate) from a type's serde and schemars attributes.
pub use schema_derive::Validate;

use serde::Deserializer;
use serde_json::Value;

/// A type whose JSON documents can be checked: implemented by `#[derive(Validate)]` for the
/// payload types and here for the standard types they are built from.
///
/// Two paths, one set of rules: [`Self::validate_at`] walks a parsed [`Value`];
/// [`Self::stream_at`] checks while a deserializer reads the bytes (the validators' own reader,
/// or `serde_json`'s for bytes it gives up on), without building a `Value` (the hot path of
/// [`Self::validate_slice`]). Both record into a [`Checker`] through the same
/// checks, and the tests hold them to the same reports.
pub trait Validate {
    /// The eras of a type with eras (an untagged enum of one newtype variant per era, see
    /// [`mod@eras`]), oldest first; empty for every other type.
    const ERAS: &'static [Era] = &[];

    /// Checks `value` at the checker's current position and records every violation (called
    /// by the generated code; use [`Self::validate`]).
    #[doc(hidden)]
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>);

    /// Tells `members` what this type says of the objects of the documents it accepts: the
    /// members every such document has, each with the object it belongs to (its required
    /// members, each followed by what its type says within it; a flattened struct's are members
    /// of the same object, [`ObjectMembers::flattened`]), the members it may have, and whether
    /// the object admits no others ([`ObjectMembers::closed`]).
    ///
    /// A type may name fewer members than it requires, never one a document it accepts can lack:
    /// an era whose names a document's bytes do not all hold cannot accept it, and [`mod@eras`]
    /// tries it last. A type that calls itself closed names every member it admits: a name it
    /// does not name is taken, when its report finds no member it does not allow there, for one
    /// the document lacks. The default, for the standard types, `Option`, maps and arrays, names
    /// none and calls the object open.
    #[doc(hidden)]
    fn object_members(members: &mut ObjectMembers) {
        members.open();
    }

    /// Checks the next value of `deserializer` at the checker's current position, recording
    /// every violation, and returns what it was (for the constraints of a field or newtype).
    ///
    /// # Errors
    ///
    /// The deserializer's, when the bytes are not JSON.
    #[doc(hidden)]
    fn stream_at<'de, D: Deserializer<'de>>(
        deserializer: D,
        checker: &mut Checker<'de>,
    ) -> Result<Seen<'de>, D::Error>;

    /// Checks a parsed document.
    fn validate(value: &Value) -> Report {
        Self::validate_with(value, Limits::DEFAULT)
    }

    /// Checks a parsed document with other limits.
    fn validate_with(value: &Value, limits: Limits) -> Report {
        let mut checker = Checker::new(limits);
        Self::validate_at(value, &mut checker);
        checker.finish()
    }

    /// Checks a document given as bytes: invalid UTF-8, malformed JSON (with line and column),
    /// a document over the size limit and nesting over `serde_json`'s depth limit (128) are
    /// reported as violations like any other. The document is checked while it is parsed; no
    /// `Value` is built (unless it repeats a member name, see [`Checker::duplicate`]).
    fn validate_slice(bytes: &[u8]) -> Report {
        Self::validate_slice_with(bytes, Limits::DEFAULT)
    }

    /// [`Self::validate_slice_with`] with `serde_json`'s deserializer only (see
    /// [`stream_with_serde_json`]): the reference the reader's tests compare with.
    #[doc(hidden)]
    fn validate_slice_with_serde_json(bytes: &[u8], limits: Limits) -> Report {
        stream_with_serde_json::<Self>(bytes, limits)
    }

    /// [`Self::validate_slice`] with other limits.
    fn validate_slice_with(bytes: &[u8], limits: Limits) -> Report {
        if let Err(report) = check_size(bytes, limits) {
            return report;
        }
        // The hot path: the reader judges UTF-8 text that is JSON within the depth limit. On
        // anything else it gives up, and `serde_json` reads the bytes again for the report.
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            let mut checker = Checker::new(limits);
            let mut reader = reader::Reader::new(text);
            if Self::stream_at(&mut reader, &mut checker)
                .and_then(|_| reader.end())
                .is_ok()
            {
                return judged(checker, bytes, limits, Self::validate_with);
            }
        }
        stream_with_serde_json::<Self>(bytes, limits)
    }
}

/// The report of a document streamed without a syntax error: the checker's, unless a member
/// name was repeated; then the parsed document is judged, where the last occurrence wins.
fn judged(
    checker: Checker<'_>,
    bytes: &[u8],
    limits: Limits,
    validate_with: fn(&Value, Limits) -> Report,
) -> Report {
    if !checker.saw_duplicate() {
        return checker.finish();
    }
    match parse(bytes, limits) {
        Ok(value) => validate_with(&value, limits),
        Err(report) => report,
    }
}

/// [`Validate::validate_slice_with`] with `serde_json`'s deserializer only, never the fast
/// reader: the path for bytes the reader gives up on (its reports say where and why the bytes
/// are not JSON), and the reference the reader's tests compare with.
#[doc(hidden)]
pub fn stream_with_serde_json<T: Validate + ?Sized>(bytes: &[u8], limits: Limits) -> Report {
    if let Err(report) = check_size(bytes, limits) {
        return report;
    }
    let mut checker = Checker::new(limits);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let streamed = T::stream_at(&mut deserializer, &mut checker).and_then(|_| deserializer.end());
    match streamed {
        Ok(()) => judged(checker, bytes, limits, T::validate_with),
        // `serde_json` checks UTF-8 as it reads; the UTF-8 check runs again only to say where
        // an invalid byte is, more plainly than the parser does.
        Err(error) => check_utf8(bytes, limits)
            .err()
            .unwrap_or_else(|| Report::syntax_error(&error, limits)),
    }
}

/// Refuses a document over the size limit before reading it.
fn check_size(bytes: &[u8], limits: Limits) -> Result<(), Report> {
    if bytes.len() > limits.max_bytes {
        return Err(Report::too_large(bytes.len(), limits));
    }
    Ok(())
}

/// Reports the first byte that is not UTF-8, with its line and column.
fn check_utf8(bytes: &[u8], limits: Limits) -> Result<(), Report> {
    let Err(error) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    let found = format!("the byte 0x{:02x}", bytes[error.valid_up_to()]);
    let position = Some(TextPosition { line, column });
    let expected = schema_vocabulary::UTF8_TEXT.into();
    Err(Report::of_text(
        Rule::Syntax,
        expected,
        found,
        position,
        limits,
    ))
}

/// Parses bytes into a JSON value, or reports why they are not a document.
pub fn parse(bytes: &[u8], limits: Limits) -> Result<Value, Report> {
    check_size(bytes, limits)?;
    check_utf8(bytes, limits)?;
    serde_json::from_slice(bytes).map_err(|error| Report::syntax_error(&error, limits))
}
