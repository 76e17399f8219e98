//! [`Names`]: the member names of one object read so far, to tell when one repeats, in time that
//! grows linearly with the number of members.
//!
//! The streaming path never builds the object, so it keeps the names it must compare: a struct's
//! unknown or extra members (its own are told apart by index), a map's keys, a skipped object's
//! names (counted as the parsed value counts them, once each). An object has few such names in
//! every document a sender means to send; an untrusted one can have a hundred thousand. So the
//! first few are kept inline and compared one by one (no allocation, no hashing), and past
//! [`FEW`] every name goes into a hash set with the standard library's keyed hasher, whose
//! random keys a document cannot aim collisions at.

use std::borrow::Cow;
use std::collections::HashSet;

/// How many names are compared one by one before they are hashed: at most 28 comparisons in
/// all, mostly decided by the length.
const FEW: usize = 8;

/// The distinct member names of one object read so far.
#[derive(Debug, Default)]
pub struct Names<'de> {
    /// How many of `few` hold names (while `many` is `None`).
    len: usize,
    /// The first names, filled on the first insertion (so an object with no names to keep costs
    /// nothing).
    few: Option<[Cow<'de, str>; FEW]>,
    /// Every name, once there have been more than [`FEW`].
    many: Option<HashSet<Cow<'de, str>>>,
}

impl<'de> Names<'de> {
    /// No names yet; allocates nothing.
    #[inline]
    pub fn new() -> Self {
        Self {
            len: 0,
            few: None,
            many: None,
        }
    }

    /// Records `name`; `false` when the object had it already (a repeated name).
    #[inline]
    pub fn insert(&mut self, name: Cow<'de, str>) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(name);
        }
        // Built at the first name only: eagerly, the empty names would be written at every one.
        #[allow(clippy::unnecessary_lazy_evaluations)]
        let few = self
            .few
            .get_or_insert_with(|| [const { Cow::Borrowed("") }; FEW]);
        if few[..self.len].contains(&name) {
            return false;
        }
        if self.len < FEW {
            few[self.len] = name;
            self.len += 1;
            return true;
        }
        let mut many = HashSet::with_capacity(FEW * 4);
        many.extend(few.iter_mut().map(std::mem::take));
        many.insert(name);
        self.many = Some(many);
        self.few = None;
        true
    }

    /// How many distinct names were recorded.
    #[inline]
    pub fn len(&self) -> usize {
        self.many.as_ref().map_or(self.len, HashSet::len)
    }

    /// Whether no name was recorded.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_repeated_names_before_and_after_they_are_hashed() {
        for count in [0, 1, FEW - 1, FEW, FEW + 1, 5 * FEW] {
            let mut names = Names::new();
            let all: Vec<String> = (0..count).map(|index| format!("m{index}")).collect();
            for name in &all {
                assert!(names.insert(Cow::Borrowed(name)), "{count}: {name}");
            }
            assert_eq!(names.len(), count);
            for name in &all {
                assert!(!names.insert(Cow::Owned(name.clone())), "{count}: {name}");
            }
            assert!(names.insert(Cow::Borrowed("other")), "{count}");
            assert_eq!(names.len(), count + 1);
            assert!(!names.insert(Cow::Borrowed("other")), "{count}");
        }
    }

    #[test]
    fn an_empty_name_is_a_name() {
        let mut names = Names::new();
        assert!(names.is_empty());
        assert!(names.insert(Cow::Borrowed("")));
        assert!(!names.insert(Cow::Borrowed("")));
        assert_eq!(names.len(), 1);
    }
}
