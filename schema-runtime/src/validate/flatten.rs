//! Flattening: a struct whose members stand in the object of the struct that holds it
//! (`#[serde(flatten)]`), so that one type can be reused by several wrappers (a Hasura row is its
//! payload plus the collector's members; a Mixpanel export's `properties` are Mixpanel's members
//! plus the event's).
//!
//! The enclosing struct owns the object: it walks the members, decides what an unknown member
//! is, and hands every member the flattened struct declares to that struct's checks, through
//! [`Members`]. `#[derive(Validate)]` implements [`Members`] for every struct with named fields
//! and no flattened map, at most 128 members in all: a struct that flattens
//! structs lends theirs after its own (indices from [`Members::MEMBERS`] of each), so that an era
//! can reuse the members of another by flattening it. The same list tells a cross-member rule
//! that constrains a nested object (`members(...)`, see [`super::rules`]) which members the
//! object's type declares.

use std::borrow::Cow;

use serde::de::MapAccess;
use serde_json::{Map, Value};

use super::{Checker, Seen, Validate};

/// The members a struct lends to the struct that flattens it, checked on both paths.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not lend its members to `#[derive(Validate)]`",
    note = "a flattened type, and the object a cross-member rule's `members(...)` constrains, must \
            be a struct with named fields that derives `Validate`, with no flattened map"
)]
pub trait Members: Validate {
    /// How many members the struct lends, its own and those of the structs it flattens: their
    /// indices are `0..MEMBERS`.
    const MEMBERS: usize;

    /// Whether the struct, or a struct it flattens, states cross-member rules. They hold on the
    /// object of the struct that flattens it: its parsed path checks them with the lent members
    /// ([`Self::validate_members`]), and its streaming path reads the object whole and checks it
    /// as parsed ([`super::rules::stream_whole`]), since a rule may read members in any order.
    const HAS_RULES: bool = false;

    /// The index of the member named `name`, if the struct declares one.
    fn index_of(name: &str) -> Option<usize>;

    /// The name of member `index` (below [`Self::MEMBERS`]): [`Self::index_of`] the other way
    /// round, so that a reader can list the members the struct declares.
    fn name_of(index: usize) -> Option<&'static str>;

    /// The parsed path: checks every member the struct declares in `members` (those of the
    /// object `value`), and reports the required ones that are missing. Other members are the
    /// caller's.
    fn validate_members<'v>(
        value: &'v Value,
        members: &'v Map<String, Value>,
        checker: &mut Checker<'v>,
    );

    /// The streaming path: checks the value of member `index` (named `name`), the next value of
    /// `map`, and returns what it was (for the cross-member rules of the struct that flattens
    /// this one).
    ///
    /// # Errors
    ///
    /// The deserializer's, when the bytes are not JSON.
    fn stream_member<'de, A: MapAccess<'de>>(
        index: usize,
        name: Cow<'de, str>,
        map: &mut A,
        checker: &mut Checker<'de>,
    ) -> Result<Seen<'de>, A::Error>;

    /// The streaming path, after the last member: reports each required member not in
    /// `present`, in an object of `count` members.
    fn report_missing(present: &Present, count: usize, checker: &mut Checker<'_>);
}

/// Which members of a flattened struct an object has had so far, by index (at most 128: the
/// derive lends the members of larger structs to none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Present(u128);

impl Present {
    /// Records member `index`; `false` when it was there already (a repeated name).
    pub fn insert(&mut self, index: usize) -> bool {
        let bit = 1u128
            .checked_shl(u32::try_from(index).unwrap_or(u32::MAX))
            .unwrap_or(0);
        let new = self.0 & bit == 0;
        self.0 |= bit;
        new
    }

    /// The members from index `offset` on, renumbered from 0: what a struct that flattens
    /// another hands it of its own `Present`.
    #[must_use]
    pub fn skip(self, offset: usize) -> Self {
        Self(
            self.0
                .checked_shr(u32::try_from(offset).unwrap_or(u32::MAX))
                .unwrap_or(0),
        )
    }

    /// Whether member `index` was seen.
    pub fn contains(self, index: usize) -> bool {
        let bit = 1u128
            .checked_shl(u32::try_from(index).unwrap_or(u32::MAX))
            .unwrap_or(0);
        self.0 & bit != 0
    }
}

#[cfg(test)]
mod tests {
    use super::Present;

    #[test]
    fn skip_renumbers_the_members_after_an_offset() {
        let mut present = Present::default();
        for index in [0, 3, 5, 127] {
            present.insert(index);
        }
        let lent = present.skip(3);
        let seen: Vec<usize> = (0..128).filter(|index| lent.contains(*index)).collect();
        assert_eq!(seen, [0, 2, 124]);
        assert_eq!(present.skip(128), Present::default());
        assert_eq!(present.skip(usize::MAX), Present::default());
    }
}
