//! What a document's bytes tell of its era before any era judges it: which of the member names
//! the eras of its type require it holds.
//!
//! Eras differ in the members they require. A name one era requires and another does not is a
//! clue: a document with no member of that name anywhere cannot be of that era, and when the
//! document is invalid, owes that era a `required` violation for it wherever the era requires it
//! of an object the document has. Whether a document can be of an era is asked of the bytes
//! with a search per clue (`memchr::memmem`): the first one a document of another era lacks ends
//! the look. What an invalid document owes each era is asked of up to a few dozen names ([`Held`]):
//! a few are searched for one by one, many are found by one walk over the bytes, each member
//! name met looked up among them (a search per name cost a third of the judgment of an invalid
//! backend call event, which asks about some sixty). Before the bytes are asked, the first full
//! report settles what it can: a member its era does not admit of an object it closes to others,
//! where the report finds no member that era does not allow, is one the document lacks
//! ([`Shown`], `Unadmitted`).

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use foldhash::fast::FixedState;
use memchr::memmem::Finder;

use super::super::{ObjectMembers, Rule};
use super::{Era, Report};

/// How many names of an era are looked for, at most, to tell whether a document can be of it:
/// the rarest ones tell the eras apart.
const CLUES_PER_ERA: usize = 4;

pub(super) use super::super::object_members::Path;

/// The members each era of a type asks a document for, gathered from the eras' types on first
/// use (the derive keeps one in a `static` per type with eras).
#[doc(hidden)]
pub struct Clues(OnceLock<EraNames>);

/// What the eras of one type ask a document for.
pub(super) struct EraNames {
    /// Per era, as the type lists them.
    pub(super) eras: Box<[EraClues]>,
    /// The number of each name any era looks for. The names are the type's own, so a fixed hash
    /// will do: a document's strings are only looked up, never added.
    numbers: HashMap<&'static [u8], usize, FixedState>,
    /// Bit `n`: some name is `n` bytes long (bit 63: 63 bytes or more).
    lengths: u64,
    /// The names, as numbered.
    names: Box<[&'static str]>,
    /// A finder of each name, between quotes, as numbered.
    finders: Box<[Finder<'static>]>,
    /// Every object some era requires members of, as numbered.
    objects: Box<[Path]>,
    /// The eras in the order tried, the most specific first (the most names asked for): the
    /// likeliest to be closest to an invalid document, so counted first.
    pub(super) likeliest: Box<[usize]>,
    /// The pointer of each object, as numbered.
    pointers: Box<[Pointer]>,
}

/// What one era asks a document for.
pub(super) struct EraClues {
    /// How many distinct names it asks for in all (more: a more specific era).
    pub(super) asked: usize,
    /// The numbers of the names it requires that some other era does not ask for, the rarest
    /// first, at most [`CLUES_PER_ERA`]: a document that lacks one cannot be of the era. Each is
    /// searched for, since the first name a document of another era lacks ends the look.
    clues: Box<[usize]>,
    /// Each member it requires whose name some other era does not ask for, the rarest name
    /// first: the number of the object it belongs to and of its name. A document that lacks the
    /// name and has the object owes the era a `required` violation.
    owed: Box<[(usize, usize)]>,
    /// The numbers of the objects it requires members of, in order: a document lacks none of
    /// them, or the era's report says so (a `type` violation at one, or a `required` one for a
    /// member on the way there).
    objects: Box<[usize]>,
    /// Bit `n`: object `n` is among [`Self::objects`] (the first 64).
    objects_mask: u64,
    /// Per era judged (as the type lists them), the members of `owed` it does not admit.
    unadmitted: Box<[Unadmitted]>,
}

/// The members an era owes ([`EraClues::owed`]) that another era, the one judged, does not admit:
/// that era admits no member of their object but those it names, and does not name them. Where
/// its report shows the object and finds no member there it does not allow, the document lacks
/// them: each is owed without a look at the bytes.
struct Unadmitted {
    /// Per member of `owed`: whether it is one.
    each: Box<[bool]>,
    /// Per object among the first 64 that has some: its number and how many.
    per_object: Box<[(usize, usize)]>,
    /// Bit `n`: object `n` has some.
    objects: u64,
}

impl Unadmitted {
    fn new(each: Box<[bool]>, owed: &[(usize, usize)]) -> Self {
        let mut per_object: Vec<(usize, usize)> = Vec::new();
        for (&(object, _), _) in owed.iter().zip(&each).filter(|(_, each)| **each) {
            if object >= 64 {
                continue;
            }
            match per_object.iter_mut().find(|(known, _)| *known == object) {
                Some((_, count)) => *count += 1,
                None => per_object.push((object, 1)),
            }
        }
        Self {
            objects: per_object
                .iter()
                .fold(0, |mask, (object, _)| mask | 1 << object),
            each,
            per_object: per_object.into_boxed_slice(),
        }
    }
}

/// How many names [`Held`] searches for one by one before it walks over the document's member
/// names instead, and the most names a document is to be asked about for the searches to start:
/// about what a walk costs (on a backend call event of 900 bytes, a search costs some 550
/// instructions, the walk 7,000).
const SEARCHES_BEFORE_WALK: usize = 12;

/// The searcher for a `\u` escape, built once.
static UNICODE_ESCAPE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\\u"));

/// Which names of [`EraNames`] a document's bytes hold, found as they are asked: the first few
/// each by a search of the bytes (held between quotes anywhere, as a value too), all the others
/// by one walk over the document's member names ([`EraNames::walk`]). Either way a name the
/// bytes are said to lack is no member name of the document. Bytes with a `\u` escape anywhere
/// (which could spell a name otherwise: `\u0069d` for `id`) are said to hold every name.
pub(super) struct Held<'n> {
    names: &'n EraNames,
    bytes: &'n [u8],
    /// Per name: whether the bytes hold it, once asked (or walked); empty until a name is asked.
    known: Vec<Option<bool>>,
    /// How many more names are searched for before the walk.
    searches: usize,
    /// Whether the bytes spell every name plainly (no `\u` escape), once asked.
    plain: Option<bool>,
}

impl Held<'_> {
    /// Whether the bytes hold no `\u` escape, so that they spell each name as it is: only then
    /// do searches of the bytes tell which names they hold. Looked for once, when first asked.
    pub(super) fn spelled_plainly(&mut self) -> bool {
        let bytes = self.bytes;
        *self
            .plain
            .get_or_insert_with(|| UNICODE_ESCAPE.find(bytes).is_none())
    }

    /// Expects about `asked` names to be asked: searched for one by one if they are few, else
    /// walked at once.
    pub(super) fn expect(&mut self, asked: usize) {
        if asked > SEARCHES_BEFORE_WALK {
            self.searches = 0;
        }
    }

    fn holds(&mut self, name: usize) -> bool {
        if !self.spelled_plainly() {
            return true;
        }
        if self.known.is_empty() {
            self.known = vec![None; self.names.names.len()];
        }
        if let Some(held) = self.known[name] {
            return held;
        }
        if self.searches > 0 {
            self.searches -= 1;
            let held = self.names.finders[name].find(self.bytes).is_some();
            self.known[name] = Some(held);
            return held;
        }
        self.names.walk(self.bytes, &mut self.known);
        self.known[name] == Some(true)
    }
}

impl Clues {
    /// Nothing gathered yet.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Self(OnceLock::new())
    }

    /// Per era (as `eras` lists them): each name it asks for and some other era does not, the
    /// names asked for by the fewest eras first (the likeliest to be missing from a document of
    /// another era, which ends the look), at most [`CLUES_PER_ERA`]; the members of such names
    /// with their objects; and the objects it requires members of.
    pub(super) fn of(&self, eras: &[Era]) -> &EraNames {
        self.0.get_or_init(|| EraNames::of(eras))
    }
}

impl EraNames {
    fn of(eras: &[Era]) -> Self {
        let said: Vec<ObjectMembers> = eras
            .iter()
            .map(|era| {
                let mut members = ObjectMembers::new();
                (era.object_members)(&mut members);
                members
            })
            .collect();
        let required: Vec<Vec<(Path, &'static str)>> = said
            .iter()
            .map(|members| {
                let mut members = members.required().to_vec();
                members.sort_unstable();
                members.dedup();
                members
            })
            .collect();
        let closed: Vec<Vec<(Path, Vec<&'static str>)>> =
            said.iter().map(ObjectMembers::closed_objects).collect();
        // Whether era `judged` admits no member of the object at `at` but those it names, and
        // does not name `name`.
        let unadmitted = |judged: usize, at: &Path, name: &str| {
            closed[judged]
                .iter()
                .find(|(object, _)| object == at)
                .is_some_and(|(_, names)| names.binary_search(&name).is_err())
        };
        let asked: Vec<Vec<&'static str>> = required
            .iter()
            .map(|members| {
                let mut names: Vec<&'static str> = members.iter().map(|(_, name)| *name).collect();
                names.sort_unstable();
                names.dedup();
                names
            })
            .collect();
        let askers = |name: &str| {
            asked
                .iter()
                .filter(|names| names.binary_search(&name).is_ok())
                .count()
        };
        let telling = |name: &str| spelled_alike(name) && askers(name) < eras.len();
        let mut names: Vec<&'static str> = asked
            .iter()
            .flatten()
            .copied()
            .filter(|name| telling(name))
            .collect();
        names.sort_unstable();
        names.dedup();
        let index = |name: &str| {
            names
                .binary_search(&name)
                .expect("every telling name is listed")
        };
        let mut objects: Vec<Path> = required
            .iter()
            .flatten()
            .map(|(at, _)| at.clone())
            .collect();
        objects.sort_unstable();
        objects.dedup();
        let object = |at: &Path| objects.binary_search(at).expect("every object is listed");
        let per_era = asked
            .iter()
            .zip(&required)
            .map(|(asked, members)| {
                let mut rarest: Vec<(usize, &str)> = asked
                    .iter()
                    .filter(|name| telling(name))
                    .map(|name| (askers(name), *name))
                    .collect();
                rarest.sort_unstable();
                let clues = rarest
                    .into_iter()
                    .take(CLUES_PER_ERA)
                    .map(|(_, name)| index(name))
                    .collect();
                let mut owed: Vec<(usize, &Path, &'static str)> = members
                    .iter()
                    .filter(|(_, name)| telling(name))
                    .map(|(at, name)| (askers(name), at, *name))
                    .collect();
                owed.sort_unstable();
                let each: Vec<Box<[bool]>> = (0..eras.len())
                    .map(|judged| {
                        owed.iter()
                            .map(|(_, at, name)| unadmitted(judged, at, name))
                            .collect()
                    })
                    .collect();
                let owed: Box<[(usize, usize)]> = owed
                    .into_iter()
                    .map(|(_, at, name)| (object(at), index(name)))
                    .collect();
                let unadmitted = each
                    .into_iter()
                    .map(|each| Unadmitted::new(each, &owed))
                    .collect();
                let mut required_of: Vec<usize> =
                    members.iter().map(|(at, _)| object(at)).collect();
                required_of.sort_unstable();
                required_of.dedup();
                EraClues {
                    asked: asked.len(),
                    clues,
                    owed,
                    objects_mask: required_of
                        .iter()
                        .filter(|&&object| object < 64)
                        .fold(0, |mask, object| mask | 1 << object),
                    objects: required_of.into_boxed_slice(),
                    unadmitted,
                }
            })
            .collect::<Box<[EraClues]>>();
        let mut likeliest: Vec<usize> = super::trial_order(eras).collect();
        likeliest.sort_by_key(|&index| std::cmp::Reverse(per_era[index].asked));
        Self {
            likeliest: likeliest.into_boxed_slice(),
            eras: per_era,
            numbers: names
                .iter()
                .enumerate()
                .map(|(number, name)| (name.as_bytes(), number))
                .collect(),
            lengths: names
                .iter()
                .fold(0, |lengths, name| lengths | length_bit(name.len())),
            finders: names
                .iter()
                .map(|name| Finder::new(&format!("\"{name}\"")).into_owned())
                .collect(),
            names: names.into_boxed_slice(),
            pointers: objects.iter().map(|at| pointer_of(at)).collect(),
            objects: objects.into_boxed_slice(),
        }
    }

    /// What `bytes` hold of the names, found as asked ([`Held`]): nothing is searched for yet.
    pub(super) fn held<'n>(&'n self, bytes: &'n [u8]) -> Held<'n> {
        self.held_searching(bytes, SEARCHES_BEFORE_WALK)
    }

    /// [`Self::held`], with `searches` searches before the walk.
    pub(super) fn held_searching<'n>(&'n self, bytes: &'n [u8], searches: usize) -> Held<'n> {
        Held {
            names: self,
            bytes,
            known: Vec::new(),
            searches,
            plain: None,
        }
    }

    /// Which names the bytes hold as a member's name, in one walk over their strings, for each
    /// name not `known` yet. A string with an escape is none of the names, which are spelled
    /// alike in every JSON text ([`spelled_alike`]); bytes that are no JSON text hold whatever
    /// their quotes pair up with, which only decides which eras are tried.
    fn walk(&self, bytes: &[u8], known: &mut [Option<bool>]) {
        let mut quotes = Quotes::new(bytes);
        while let Some(open) = quotes.next() {
            // The string's closing quote: the first one after `open` not escaped (after an even
            // run of backslashes). A string with an escape is no name, whatever it spells.
            let mut close = None;
            for quote in quotes.by_ref() {
                if bytes[quote - 1] != b'\\'
                    || bytes[open + 1..quote]
                        .iter()
                        .rev()
                        .take_while(|&&byte| byte == b'\\')
                        .count()
                        % 2
                        == 0
                {
                    close = Some(quote);
                    break;
                }
            }
            let Some(close) = close else {
                break;
            };
            let name = &bytes[open + 1..close];
            if self.lengths & length_bit(name.len()) == 0 {
                continue;
            }
            let after = bytes[close + 1..]
                .iter()
                .find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'));
            if after == Some(&b':')
                && let Some(&number) = self.numbers.get(name)
            {
                known[number].get_or_insert(true);
            }
        }
        for held in known {
            held.get_or_insert(false);
        }
    }

    /// What the full report of era `judged` shows of the objects other eras require members of
    /// (the first 64 of them; of the others, nothing), read off the report in one pass over its
    /// violations about the document's shape, unless it is `shapeless` (it has none, whether or
    /// not it keeps every violation it counts).
    pub(super) fn shown_by(&self, judged: usize, report: &Report, shapeless: bool) -> Shown {
        // Every object the era requires members of is shown, and admits only the members its
        // era names, until a violation about the document's shape says otherwise.
        let all = self.eras[judged].objects_mask;
        let mut shown = Shown {
            judged,
            shows: all,
            only_named: all,
        };
        if shapeless {
            return shown;
        }
        if report.is_truncated() {
            shown.shows = 0;
            shown.only_named = 0;
            return shown;
        }
        let objects = &self.eras[judged].objects;
        let objects = &objects[..objects.partition_point(|&object| object < 64)];
        for (rule, at, member) in report.recorded.each() {
            if !rule.is_about_shape() {
                continue;
            }
            for &object in objects {
                let (pointer, ends) = &self.pointers[object];
                if !pointer.starts_with(at) {
                    continue;
                }
                let depth = ends.iter().position(|&end| end == at.len());
                let lacking = match (rule, depth) {
                    // A value of another type at the object or on the way to it.
                    (Rule::Type, Some(_)) => true,
                    // A member on the way to it lacking.
                    (Rule::Required, Some(depth)) => self.objects[object]
                        .get(depth)
                        .is_some_and(|next| member == Some(*next)),
                    // A member there its era does not allow.
                    (Rule::UnknownProperty, Some(depth)) if depth + 1 == ends.len() => {
                        shown.only_named &= !(1 << object);
                        false
                    }
                    _ => false,
                };
                if lacking {
                    shown.shows &= !(1 << object);
                    shown.only_named &= !(1 << object);
                }
            }
        }
        shown
    }

    /// Whether the bytes `held` looks in can be of era `index`: they hold each of its clues,
    /// between quotes (or may, spelling names with escapes).
    pub(super) fn can_be(&self, index: usize, held: &mut Held<'_>) -> bool {
        let clues = &self.eras[index].clues;
        clues.is_empty()
            || !held.spelled_plainly()
            || clues
                .iter()
                .all(|&name| self.finders[name].find(held.bytes).is_some())
    }

    /// The objects era `index` requires members of, each as its names joined by `/`, for tests.
    #[cfg(test)]
    pub(super) fn objects_of(&self, index: usize) -> Vec<String> {
        self.eras[index]
            .objects
            .iter()
            .map(|&object| self.objects[object].join("/"))
            .collect()
    }

    /// The number of the object at `at`, for tests.
    #[cfg(test)]
    pub(super) fn object(&self, at: &[&str]) -> usize {
        self.objects
            .iter()
            .position(|object| **object == *at)
            .expect("an object some era requires members of")
    }

    /// The names of era `index`'s clues, for tests.
    #[cfg(test)]
    pub(super) fn clue_names(&self, index: usize) -> Vec<String> {
        self.eras[index]
            .clues
            .iter()
            .map(|&name| self.names[name].to_owned())
            .collect()
    }
}

impl EraClues {
    /// The most `required` violations this era can be shown to owe.
    pub(super) fn owes_at_most(&self) -> usize {
        self.owed.len()
    }

    /// How many `required` violations this era owes a document for certain, counted up to
    /// `enough`: its members of objects `shown` says the document has, that the report settles
    /// the document lacks (the judged era does not admit them there and the report finds no
    /// member it does not allow), then those whose names the bytes lack (`held`).
    pub(super) fn owed_at_least(&self, held: &mut Held<'_>, shown: Shown, enough: usize) -> usize {
        let unadmitted = &self.unadmitted[shown.judged];
        // First what the judged era's report settles alone, then the bytes for the rest.
        let mut count: usize = unadmitted
            .per_object
            .iter()
            .filter(|(object, _)| shown.admits_only_named(*object))
            .map(|(_, count)| count)
            .sum();
        if count >= enough {
            return enough;
        }
        for (&(object, name), &unadmitted) in self.owed.iter().zip(&unadmitted.each) {
            if count >= enough {
                break;
            }
            if unadmitted && shown.admits_only_named(object) {
                continue;
            }
            if !held.holds(name) && shown.shows(object) {
                count += 1;
            }
        }
        count
    }

    /// Whether what another era's full report shows (`shown`) proves that this era cannot
    /// accept the document: it owes a `required` violation that report settles alone.
    pub(super) fn refused_by(&self, shown: Shown) -> bool {
        self.unadmitted[shown.judged].objects & shown.only_named != 0
    }
}

/// What one era's full report shows of the objects of a type's eras ([`EraNames::shown_by`]).
#[derive(Clone, Copy)]
pub(super) struct Shown {
    /// The number of the era whose report it is.
    judged: usize,
    /// Bit `n`: the document has object `n`.
    shows: u64,
    /// Bit `n`: the document has object `n`, and the report finds no member there that the
    /// judged era does not allow.
    only_named: u64,
}

impl Shown {
    /// Whether the report shows that the document has object `object`: only the objects the
    /// judged era requires members of can be shown.
    pub(super) fn shows(self, object: usize) -> bool {
        object < 64 && self.shows & (1 << object) != 0
    }

    /// Whether the report shows that the document has object `object` and finds no member
    /// there that the judged era does not allow: where that era names every member it admits,
    /// the document has no other.
    pub(super) fn admits_only_named(self, object: usize) -> bool {
        object < 64 && self.only_named & (1 << object) != 0
    }
}

/// An object's JSON Pointer, with the end of each of its prefixes' (the root's, `""`, first;
/// its own last).
type Pointer = (String, Box<[usize]>);

/// The [`Pointer`] of the object at `at`.
fn pointer_of(at: &[&str]) -> Pointer {
    let mut pointer = String::new();
    let mut ends = vec![0];
    for name in at {
        pointer.push('/');
        super::super::pointer::push_token(&mut pointer, name);
        ends.push(pointer.len());
    }
    (pointer, ends.into_boxed_slice())
}

/// The positions of the quotes of some bytes, in order, found eight bytes at a time: in a word
/// of eight bytes, each `"` made a zero byte, whose high bit the sum in [`Quotes::next`] leaves
/// clear (exact for every byte, unlike the shorter test that a borrow can fool).
struct Quotes<'b> {
    bytes: &'b [u8],
    /// The position of the word whose quotes `mask` holds.
    word: usize,
    /// The high bit of each byte of the word that is a quote and not yet given.
    mask: u64,
}

impl<'b> Quotes<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        let mut quotes = Self {
            bytes,
            word: 0,
            mask: 0,
        };
        quotes.mask = quotes.mask_at(0);
        quotes
    }

    /// The quotes of the word at `word`.
    fn mask_at(&self, word: usize) -> u64 {
        const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        const QUOTES: u64 = u64::from_ne_bytes([b'"'; 8]);
        let rest = &self.bytes[word.min(self.bytes.len())..];
        let eight = match rest.first_chunk::<8>() {
            Some(eight) => *eight,
            None => {
                let mut eight = [0_u8; 8];
                eight[..rest.len()].copy_from_slice(rest);
                eight
            }
        };
        let zeroed = u64::from_le_bytes(eight) ^ QUOTES;
        !(((zeroed & LOW_SEVEN) + LOW_SEVEN) | zeroed) & !LOW_SEVEN
    }
}

impl Iterator for Quotes<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.word += 8;
            if self.word >= self.bytes.len() {
                return None;
            }
            self.mask = self.mask_at(self.word);
        }
        let at = self.word + self.mask.trailing_zeros() as usize / 8;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

/// The bit of [`EraNames::lengths`] for a name `length` bytes long.
const fn length_bit(length: usize) -> u64 {
    1 << if length < 63 { length } else { 63 }
}

/// Whether every JSON text of a member named `name` holds it as it is, between quotes, unless it
/// uses a `\u` escape: no quote, backslash or control character, which must be escaped, and no
/// `/`, which may be (`\/`).
fn spelled_alike(name: &str) -> bool {
    !name
        .chars()
        .any(|c| matches!(c, '"' | '\\' | '/') || c.is_control())
}
