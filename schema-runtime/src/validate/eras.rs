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
//! The cost: a valid document of the documented era is judged once; one of another era twice
//! or more; an invalid document once per era.

use std::fmt;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{Checker, Limits, Report, Seen, Validate};

/// One era of a type with eras: its name, whether the upstream documentation prints it, and
/// the validator of its own type.
#[derive(Clone, Copy)]
pub struct Era {
    name: &'static str,
    documented: bool,
    validate_at: for<'v> fn(&'v Value, &mut Checker<'v>),
    validate_slice_with: fn(&[u8], Limits) -> Report,
    validate_slice_with_serde_json: fn(&[u8], Limits) -> Report,
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
fn closer(index: usize, report: &Report, best: Option<&(usize, Report)>) -> bool {
    best.is_none_or(|(best_index, best)| {
        report.total() < best.total() || (report.total() == best.total() && index > *best_index)
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
        if closer(index, &report, best.as_ref()) {
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
/// validator: the first era (in the order tried) that accepts it, else the closest one's report.
#[doc(hidden)]
pub fn validate_slice_with(bytes: &[u8], limits: Limits, eras: &'static [Era]) -> Report {
    judge_bytes(eras, |era| era.validate_slice_with(bytes, limits))
}

/// [`validate_slice_with`] with `serde_json`'s deserializer only, the reference of the reader's
/// tests (see [`Validate::validate_slice_with_serde_json`]).
#[doc(hidden)]
pub fn validate_slice_with_serde_json(
    bytes: &[u8],
    limits: Limits,
    eras: &'static [Era],
) -> Report {
    judge_bytes(eras, |era| {
        era.named((era.validate_slice_with_serde_json)(bytes, limits))
    })
}

/// The first valid report of `judge` on the eras (in the order tried), else the closest.
fn judge_bytes(eras: &'static [Era], judge: impl Fn(&Era) -> Report) -> Report {
    let mut best: Option<(usize, Report)> = None;
    for index in trial_order(eras) {
        let report = judge(&eras[index]);
        if report.is_valid() || report.is_about_bytes() {
            return report;
        }
        if closer(index, &report, best.as_ref()) {
            best = Some((index, report));
        }
    }
    best.map_or_else(Report::new, |(_, report)| report)
}

#[cfg(test)]
mod tests {
    use super::trial_order;
    use crate::validate::{Era, Validate};

    fn era(name: &'static str, documented: bool) -> Era {
        Era::of::<String>(name, documented)
    }

    #[test]
    fn the_documented_era_is_tried_first_then_the_newest() {
        let eras = [era("2019", false), era("2021", true), era("2023", false)];
        assert_eq!(trial_order(&eras).collect::<Vec<_>>(), [1, 2, 0]);
        let undocumented = [era("2019", false), era("2021", false)];
        assert_eq!(trial_order(&undocumented).collect::<Vec<_>>(), [1, 0]);
        let _ = <String as Validate>::ERAS;
    }
}
