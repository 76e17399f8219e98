//! Numbers against the bounds of a `range`, and lengths against the bounds of a `length`,
//! compared exactly as the `jsonschema` crate compares them (an integer is never rounded to a
//! float), and what JSON Schema calls an integer.

use std::sync::LazyLock;

use schema_vocabulary::Unit;
use serde_json::Number;

use super::seen::Seen;

pub use schema_vocabulary::Bound;

/// The lower bound of an unsigned integer.
pub(crate) const NON_NEGATIVE: Option<Bound> = Some(Bound::Integer(0));

/// What an unsigned integer's bound asks for, in the words every range uses.
pub(crate) fn at_least_zero() -> &'static str {
    static TEXT: LazyLock<String> = LazyLock::new(|| schema_vocabulary::range(NON_NEGATIVE, None));
    TEXT.as_str()
}

/// Whether `value` is a number outside the inclusive bounds.
#[inline]
pub(crate) fn is_out_of_range(value: &Seen<'_>, min: Option<Bound>, max: Option<Bound>) -> bool {
    let Seen::Number(number) = value else {
        return false;
    };
    min.is_some_and(|min| compare(number, min) == std::cmp::Ordering::Less)
        || max.is_some_and(|max| compare(number, max) == std::cmp::Ordering::Greater)
}

/// The unit of `value`'s length when it is a string or an array whose length is outside the
/// inclusive bounds.
#[inline]
pub(crate) fn length_unit_if_out(
    value: &Seen<'_>,
    min: Option<usize>,
    max: Option<usize>,
) -> Option<Unit> {
    let (length, unit) = match value {
        Seen::String(text) => (text.chars().count(), Unit::Characters),
        Seen::Array(items) => (*items, Unit::Items),
        _ => return None,
    };
    let out = min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max);
    out.then_some(unit)
}

/// Compares a JSON number with a bound exactly, as the `jsonschema` crate does.
///
/// The common case, a non-negative integer against an integer bound, is inlined into every
/// check; any other pair of kinds is compared out of line.
#[inline]
pub(crate) fn compare(number: &Number, bound: Bound) -> std::cmp::Ordering {
    if let (Some(value), Bound::Integer(bound)) = (number.as_u64(), bound) {
        return i128::from(value).cmp(&bound);
    }
    compare_any(number, bound)
}

/// [`compare`] for any kind of number and bound.
fn compare_any(number: &Number, bound: Bound) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let as_integer = number
        .as_u64()
        .map(i128::from)
        .or_else(|| number.as_i64().map(i128::from));
    match (as_integer, bound) {
        (Some(value), Bound::Integer(bound)) => value.cmp(&bound),
        (Some(value), Bound::Float(bound)) => compare_integer_float(value, bound),
        (None, bound) => {
            let value = number.as_f64().unwrap_or(f64::NAN);
            match bound {
                Bound::Float(bound) => value.partial_cmp(&bound).unwrap_or(Ordering::Equal),
                Bound::Integer(bound) => compare_integer_float(bound, value).reverse(),
            }
        }
    }
}

/// Compares an integer with a float without rounding the integer.
fn compare_integer_float(integer: i128, float: f64) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    if float.is_nan() {
        return Ordering::Equal;
    }
    let floor = float.floor();
    // i128 spans ±1.7e38; beyond it the float is larger or smaller than any i128.
    if floor >= 1.7e38 {
        return Ordering::Less;
    }
    if floor <= -1.7e38 {
        return Ordering::Greater;
    }
    #[allow(clippy::cast_possible_truncation)] // bounded above
    let whole = floor as i128;
    match integer.cmp(&whole) {
        Ordering::Equal if float > floor => Ordering::Less,
        ordering => ordering,
    }
}

/// Whether a JSON number is an integer in JSON Schema's sense (`2.0` is).
#[inline]
pub fn is_integer(number: &Number) -> bool {
    number.is_u64() || number.is_i64() || number.as_f64().is_some_and(|f| f.fract() == 0.0)
}
