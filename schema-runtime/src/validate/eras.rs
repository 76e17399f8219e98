//! Eras: a document type that emitters have sent in several shapes, one per version of the
//! emitter still in the field, judged against each.
//!
//! A type with eras is an untagged enum with one newtype variant per era, each variant marked
//! `#[schemars(extend("x-era" = ...))]` (the era's name, and whether it is the documented one),
//! declared oldest first; `#[derive(Validate)]` makes its [`Validate::ERAS`] and judges with
//! the functions here, and schemars writes its schema as the `anyOf` of the eras. A document is
//! valid when one era accepts it: the documented era is tried first (the shape most documents
//! are checked against, so that they cost one pass), then the others from the newest; the first
//! that accepts it is the era its report names. An invalid document is reported against the
//! closest era, the one with the fewest violations (ties go to the newest), and only with that
//! era's violations, so that a reader sees what is wrong with the document as the shape it is
//! closest to, not a wall of errors from every shape. Bytes that are no document (a `syntax` or
//! `size` violation) get the report every era gives them alike, with no era.
//!
//! A document given as bytes (the hot path) is judged without a pass over every era
//! (module `bytes`). First, each era's clues are looked for in its bytes ([`Clues`]): a few member
//! names every document of the era has (its required members, and theirs, from
//! [`Validate::object_members`]) that some other era does not ask for, the rarest first. An
//! era whose clues the bytes do not all hold cannot accept the document, so only the eras it can
//! be of are tried, in the order above, each pass giving up at the era's first violation about
//! the document's shape (a member lacking or not allowed, a value of another JSON type: what a
//! document of another era causes; [`Checker::gave_up`]). A pass that reads the document whole
//! without accepting it has found violations of value only, and its report is the era's full
//! report. The eras are told apart only by names that are there or not, never by values, so a
//! document valid in two eras is still named after the first in the order above; bytes with a
//! `\u` escape anywhere (which could spell a name otherwise: `\u0069d` for `id`) are taken to
//! hold every name, so that no era is ruled out by what they spell (what a report shows still
//! rules eras out: it is of the names as read). When no era accepts the document, the closest era
//! read whole, or else the most specific era it can be of (the one asking for the most names),
//! judged in full, stands first, and every other era's violations are counted, nothing rendered,
//! each count giving up as soon as the era cannot be closer than the closest so far; only when
//! another era is closer is it judged in full. An era is not counted at all when it owes, for
//! certain, as many violations as it may have: each member it requires of an object the first
//! full report shows the document has, and that the document lacks, is one `required`
//! violation. That the document lacks it the report itself may settle: when the report's era
//! admits no member of that object but those it names ([`Validate::object_members`]), does not
//! name this one, and the report finds no member there it does not allow. Else the bytes do,
//! when the name is no member name anywhere in them. An era the report settles owes one is not
//! tried for acceptance either. The answer is the one judging every era in full gives
//! (`validate_slice_with_serde_json` does, and the tests hold both paths to the same reports).
//! A pass that gave up proves nothing of a document that repeats a member name (its last value,
//! which the parsed document keeps, may come after the one the pass gave up at), so the pass
//! that settles the verdict once another pass gave up (the era that accepts the document, or the
//! first counted or judged in full of an invalid one) also watches every member name the reader
//! reads, in the parts the validator skips too; when one repeats, every era is judged in full.
//!
//! The cost: a valid document, one pass of its era, and for each era tried before it whose clues
//! it holds (the documented era, whose names later eras' documents often hold too) a pass up to
//! the first member that era refuses; an invalid document of the documented era whose
//! violations are all of value (as the errata of a documented example are), one pass, whose
//! report shows every later era owes more (their members the documented era does not admit);
//! any other invalid
//! document, about one pass more per era, most of them cut short. A parsed `Value`
//! (`validate_at`) is judged against every era in full.

mod bytes;
mod clues;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use self::bytes::{Counted, GiveUp, Watch};
pub use self::clues::Clues;
use super::{Checker, Limits, ObjectMembers, Report, Seen, Validate};

/// One era of a type with eras: its name, whether the upstream documentation prints it, and
/// the validator of its own type.
#[derive(Clone, Copy)]
pub struct Era {
    name: &'static str,
    documented: bool,
    validate_at: for<'v> fn(&'v Value, &mut Checker<'v>),
    validate_slice_with: fn(&[u8], Limits) -> Report,
    validate_slice_with_serde_json: fn(&[u8], Limits) -> Report,
    object_members: fn(&mut ObjectMembers),
    count: fn(&[u8], Limits, GiveUp, Watch) -> Counted,
}

impl Era {
    /// The era of the type `T`, as the derive declares it.
    #[doc(hidden)]
    pub const fn of<T: Validate>(name: &'static str, documented: bool) -> Self {
        Self {
            name,
            documented,
            validate_at: T::validate_at,
            validate_slice_with: T::validate_slice_with,
            validate_slice_with_serde_json: T::validate_slice_with_serde_json,
            object_members: T::object_members,
            count: bytes::count::<T>,
        }
    }

    /// The era's name (`2023`), as `x-era` declares it.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Whether this is the era the upstream documentation prints.
    pub const fn is_documented(&self) -> bool {
        self.documented
    }

    /// Checks a parsed document against this era only; the report names the era.
    pub fn validate(&self, value: &Value) -> Report {
        self.validate_with(value, Limits::DEFAULT)
    }

    /// [`Self::validate`] with other limits.
    pub fn validate_with(&self, value: &Value, limits: Limits) -> Report {
        let mut checker = Checker::new(limits);
        (self.validate_at)(value, &mut checker);
        checker.finish().with_era(self.name)
    }

    /// Checks a document given as bytes against this era only; the report names the era unless
    /// the bytes are no document.
    pub fn validate_slice(&self, bytes: &[u8]) -> Report {
        self.validate_slice_with(bytes, Limits::DEFAULT)
    }

    /// [`Self::validate_slice`] with other limits.
    pub fn validate_slice_with(&self, bytes: &[u8], limits: Limits) -> Report {
        self.named((self.validate_slice_with)(bytes, limits))
    }

    /// The report, held against this era unless it is about bytes that are no document.
    fn named(&self, report: Report) -> Report {
        if report.is_about_bytes() {
            report
        } else {
            report.with_era(self.name)
        }
    }
}

impl fmt::Debug for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Era")
            .field("name", &self.name)
            .field("documented", &self.documented)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Era {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.documented == other.documented
    }
}

impl Eq for Era {}

/// The order in which `eras` (oldest first) are tried: the documented one, then the others
/// from the newest.
fn trial_order(eras: &[Era]) -> impl Iterator<Item = usize> + '_ {
    let documented = eras.iter().position(|era| era.documented);
    documented.into_iter().chain(
        (0..eras.len())
            .rev()
            .filter(move |index| Some(*index) != documented),
    )
}

/// Whether the report of era `index` is closer than the best so far: fewer violations, or as
/// many from a newer era.
fn closer(index: usize, total: usize, best: Option<&(usize, Report)>) -> bool {
    best.is_none_or(|(best_index, best)| {
        total < best.total() || (total == best.total() && index > *best_index)
    })
}

/// Checks `value` against `eras` at the checker's position: the first era (in the order tried)
/// that accepts it, else the closest one's violations.
#[doc(hidden)]
pub fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>, eras: &'static [Era]) {
    let mut best: Option<(usize, Report)> = None;
    for index in trial_order(eras) {
        let era = &eras[index];
        let mut tried = checker.beside();
        (era.validate_at)(value, &mut tried);
        let report = tried.finish().with_era(era.name);
        if report.is_valid() {
            checker.take_over(&report);
            return;
        }
        if closer(index, report.total(), best.as_ref()) {
            best = Some((index, report));
        }
    }
    if let Some((_, report)) = best {
        checker.take_over(&report);
    }
}

/// The streaming path of a type with eras: the value is read whole (each era must see all of
/// it) and judged as [`validate_at`] does. Documents are judged from their bytes by
/// [`validate_slice_with`], which streams each era instead; this path serves a type with eras
/// nested in another.
///
/// # Errors
///
/// The deserializer's, when the bytes are not JSON.
#[doc(hidden)]
pub fn stream_at<'de, D: Deserializer<'de>>(
    deserializer: D,
    checker: &mut Checker<'de>,
    eras: &'static [Era],
) -> Result<Seen<'de>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    let mut local = checker.beside();
    validate_at(&value, &mut local, eras);
    checker.take_over(&local.finish());
    Ok(Seen::owned(&value))
}

/// Checks a document given as bytes against `eras`, each era streaming the bytes with its own
/// validator: the first era (in the order tried, those whose `clues` the bytes hold first) that
/// accepts it, else the closest one's report (see [`judge_bytes`]).
#[doc(hidden)]
pub fn validate_slice_with(
    bytes: &[u8],
    limits: Limits,
    eras: &'static [Era],
    clues: Option<&Clues>,
) -> Report {
    bytes::judge_bytes(eras, clues, bytes, limits)
}

/// [`validate_slice_with`] with `serde_json`'s deserializer only, and every era judged in full in
/// the order tried, with no clue and no pass given up: the reference of the reader's tests (see
/// [`Validate::validate_slice_with_serde_json`]), which the quicker path must agree with.
#[doc(hidden)]
pub fn validate_slice_with_serde_json(
    bytes: &[u8],
    limits: Limits,
    eras: &'static [Era],
) -> Report {
    judge_all(eras, |era| {
        era.named((era.validate_slice_with_serde_json)(bytes, limits))
    })
}

/// Every era judged in full in the order tried: the first valid report, else the closest.
fn judge_all(eras: &'static [Era], judge: impl Fn(&Era) -> Report) -> Report {
    let mut best: Option<(usize, Report)> = None;
    for index in trial_order(eras) {
        let report = judge(&eras[index]);
        if report.is_valid() || report.is_about_bytes() {
            return report;
        }
        if closer(index, report.total(), best.as_ref()) {
            best = Some((index, report));
        }
    }
    best.map_or_else(Report::new, |(_, report)| report)
}

/// [`judge_all`] with the validators' reader.
fn judge_every_era(eras: &'static [Era], bytes: &[u8], limits: Limits) -> Report {
    judge_all(eras, |era| era.validate_slice_with(bytes, limits))
}
