//! The documents of the enums of eras the cases of `tests/ui/eras/` declare: an older shape and a
//! newer one with one more member, both valid. Each case holds them in an enum of its own, whose
//! one mistake is what the case shows. (A folder, so that the cases' glob does not compile this
//! file as a case of its own.)

use schema_runtime::validate::Validate;

/// The older era's document: a name.
#[derive(Validate)]
pub struct Old {
    name: String,
}

/// The newer era's document: a name and a count.
#[derive(Validate)]
pub struct New {
    name: String,
    count: u64,
}
