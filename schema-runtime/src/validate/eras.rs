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
//! A document given as bytes (the hot path) is judged without a pass over every era. First,
//! each era's clues are looked for in its bytes ([`Clues`]): a few member names every document of
//! the era has (its required members, and theirs, from [`Validate::required_members`]) that some
//! other era does not ask for, the rarest first. An era whose clues the bytes do not all hold
//! cannot accept the document, so only the eras it can be of are tried, in the order above, each
//! pass giving up at the era's first violation ([`Checker::gave_up`]). The eras are told apart
//! only by names that are there or not, never by values, so a document valid in two eras is still
//! named after the first in the order above; bytes with a `\u` escape anywhere (which could spell
//! a name otherwise: `\u0069d` for `id`) are tried against every era, as if none had clues. When
//! no era accepts the document, the most specific era it can be of (the one asking for the most
//! names) is judged in full, and every other era's violations are counted, nothing rendered, each
//! count giving up as soon as the era cannot be closer than the closest so far; only when another
//! era is closer is it judged in full. An era is not counted at all when it owes, for certain, as
//! many violations as it may have: each member it requires of an object the first full report
//! shows the document has, whose name the bytes lack, is one `required` violation. The answer is
//! the one judging every era in full gives (`validate_slice_with_serde_json` does, and the tests
//! hold both paths to the same reports). A pass that gave up proves nothing of a document that
//! repeats a member name (its last value, which the parsed document keeps, may come after the one
//! the pass gave up at), so the pass
//! that settles the verdict once another pass gave up (the era that accepts the document, or the
//! first judged in full of an invalid one) also watches every member name the reader reads, in
//! the parts the validator skips too; when one repeats, every era is judged in full.
//!
//! The cost: a valid document, one pass of its era, and for each era tried before it whose clues
//! it holds (the documented era, whose names later eras' documents often hold too) a pass up to
//! the first member that era refuses; an invalid document, that and about one pass more per era,
//! most of them cut short. A parsed `Value` (`validate_at`) is judged against every era in full.

use std::fmt;
use std::sync::OnceLock;

use memchr::memmem::{self, Finder};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::reader::Reader;
use super::{Checker, Limits, Report, RequiredMembers, Rule, Seen, Validate};

/// One era of a type with eras: its name, whether the upstream documentation prints it, and
/// the validator of its own type.
#[derive(Clone, Copy)]
pub struct Era {
    name: &'static str,
    documented: bool,
    validate_at: for<'v> fn(&'v Value, &mut Checker<'v>),
    validate_slice_with: fn(&[u8], Limits) -> Report,
    validate_slice_with_serde_json: fn(&[u8], Limits) -> Report,
    required_members: fn(&mut RequiredMembers),
    count: fn(&[u8], Limits, usize, Watch) -> Counted,
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
            required_members: T::required_members,
            count: count::<T>,
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
    judge_bytes(eras, clues, bytes, limits)
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

/// What a pass of one era over a document's bytes says, when it may give up.
enum Counted {
    /// The bytes were read whole and no object repeats a member name: the era's report (every
    /// violation counted; rendered as far as the limits keep them).
    Read(Report),
    /// The pass gave up: the document breaks the era at least as many times as it was to give up
    /// at, as far as the part read shows (a repeated member name further on could replace a
    /// value it judged).
    GaveUp,
    /// The era's full report, for bytes a pass does not settle alone: too large, not UTF-8 or not
    /// read by the validators' reader, or repeating a member name.
    Judged(Report),
}

/// Whether a pass must tell that no member name repeats before its [`Counted::Read`] can be
/// trusted: only once another era's pass has given up (it may have given up at a value a later
/// repeat replaces); else the pass's own view of repeats, as in every validation, suffices.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Watch {
    Names,
    No,
}

/// One pass of the era of type `T` over `bytes` that gives up once it has counted `give_up_at`
/// violations, watching every object's member names when `watch` asks.
fn count<T: Validate>(bytes: &[u8], limits: Limits, give_up_at: usize, watch: Watch) -> Counted {
    if bytes.len() <= limits.max_bytes
        && let Ok(text) = simdutf8::basic::from_utf8(bytes)
    {
        let mut checker = Checker::giving_up_at(limits, give_up_at);
        let (read, repeated) = if watch == Watch::Names {
            let mut reader = Reader::watching_names(text);
            let read = T::stream_at(&mut reader, &mut checker)
                .and_then(|_| reader.end())
                .is_ok();
            (read, read && reader.repeated())
        } else {
            let mut reader = Reader::new(text);
            let read = T::stream_at(&mut reader, &mut checker)
                .and_then(|_| reader.end())
                .is_ok();
            (read, false)
        };
        if read && !checker.saw_duplicate() && !repeated {
            return Counted::Read(checker.finish());
        }
        if !read && checker.gave_up() {
            return Counted::GaveUp;
        }
    }
    Counted::Judged(T::validate_slice_with(bytes, limits))
}

/// How many names of an era are looked for, at most: the rarest ones tell the eras apart, and
/// each costs a search of the bytes.
const CLUES_PER_ERA: usize = 4;

/// The path of member names from a document's root to one of its objects (`[]`: the root).
type Path = Box<[&'static str]>;

/// The members each era of a type asks a document for, gathered from the eras' types on first
/// use (the derive keeps one in a `static` per type with eras).
#[doc(hidden)]
pub struct Clues(OnceLock<Box<[EraClues]>>);

/// What one era asks a document for.
struct EraClues {
    /// How many distinct names it asks for in all (more: a more specific era).
    asked: usize,
    /// A finder of each name looked for.
    finders: Box<[Finder<'static>]>,
    /// Each member it requires whose name some other era does not ask for, the rarest name
    /// first: the object it belongs to and a finder of its name. A document that lacks the name
    /// and has the object owes the era a `required` violation.
    owed: Box<[(Path, Finder<'static>)]>,
    /// The objects it requires members of: a document lacks none of them, or the era's report
    /// says so (a `type` violation at one, or a `required` one for a member on the way there).
    objects: Box<[Path]>,
}

impl Clues {
    /// Nothing gathered yet.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Self(OnceLock::new())
    }

    /// Per era (as `eras` lists them): a finder of each name it asks for and some other era
    /// does not, the names asked for by the fewest eras first (the likeliest to be missing from
    /// a document of another era, which ends the look), at most [`CLUES_PER_ERA`]; the members
    /// of such names with their objects; and the objects it requires members of.
    fn of(&self, eras: &[Era]) -> &[EraClues] {
        self.0.get_or_init(|| {
            let required: Vec<Vec<(Path, &'static str)>> = eras
                .iter()
                .map(|era| {
                    let mut required = RequiredMembers::new();
                    (era.required_members)(&mut required);
                    let mut members = required.into_members();
                    members.sort_unstable();
                    members.dedup();
                    members
                })
                .collect();
            let asked: Vec<Vec<&'static str>> = required
                .iter()
                .map(|members| {
                    let mut names: Vec<&'static str> =
                        members.iter().map(|(_, name)| *name).collect();
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
            let quoted = |name: &str| Finder::new(&format!("\"{name}\"")).into_owned();
            asked
                .iter()
                .zip(&required)
                .map(|(names, members)| {
                    let mut rarest: Vec<(usize, &str)> = names
                        .iter()
                        .filter(|name| telling(name))
                        .map(|name| (askers(name), *name))
                        .collect();
                    rarest.sort_unstable();
                    let finders = rarest
                        .into_iter()
                        .take(CLUES_PER_ERA)
                        .map(|(_, name)| quoted(name))
                        .collect();
                    let mut owed: Vec<(usize, &Path, &'static str)> = members
                        .iter()
                        .filter(|(_, name)| telling(name))
                        .map(|(at, name)| (askers(name), at, *name))
                        .collect();
                    owed.sort_unstable();
                    let mut objects: Vec<Path> = members.iter().map(|(at, _)| at.clone()).collect();
                    objects.dedup();
                    EraClues {
                        asked: names.len(),
                        finders,
                        owed: owed
                            .into_iter()
                            .map(|(_, at, name)| (at.clone(), quoted(name)))
                            .collect(),
                        objects: objects.into_boxed_slice(),
                    }
                })
                .collect()
        })
    }
}

/// Whether `report`, of an era that requires members of the object at `at` (`objects`), shows
/// that the document has that object: no `type` violation at it or on the way to it, and no
/// `required` one for a member on the way to it. Only a report that kept every violation tells.
fn shows_object(report: &Report, objects: &[Path], at: &[&'static str]) -> bool {
    if report.is_truncated() || !objects.iter().any(|object| **object == *at) {
        return false;
    }
    let mut pointer = String::new();
    for depth in 0..=at.len() {
        let on_the_way = report.recorded.each().any(|(rule, at_pointer, member)| {
            at_pointer == pointer
                && match rule {
                    Rule::Type => true,
                    Rule::Required => at.get(depth).is_some_and(|next| member == Some(*next)),
                    _ => false,
                }
        });
        if on_the_way {
            return false;
        }
        if let Some(next) = at.get(depth) {
            pointer.push('/');
            super::pointer::push_token(&mut pointer, next);
        }
    }
    true
}

/// [`shows_object`] once per object: the owed members of every era name few objects.
#[derive(Default)]
struct Shown<'c> {
    known: Vec<(&'c [&'static str], bool)>,
}

impl<'c> Shown<'c> {
    fn at(&mut self, report: &Report, objects: &[Path], at: &'c [&'static str]) -> bool {
        if let Some((_, shown)) = self.known.iter().find(|(known, _)| *known == at) {
            return *shown;
        }
        let shown = shows_object(report, objects, at);
        self.known.push((at, shown));
        shown
    }
}

/// How many names beyond `enough` [`owed_at_least`] looks for: the rarest names come first, so
/// a document of another era lacks the first ones, and one of a close era holds them; looking
/// further costs a search of the bytes per name for a bound that seldom ends a count.
const OWED_LOOKS_BEYOND: usize = 2;

/// The most violations [`owed_at_least`] tries to prove owed: past a dozen, the searches cost
/// more than the count they would spare, which gives up as soon as it reaches them.
const OWED_AT_MOST: usize = 12;

/// How many `required` violations the era of `owed` owes a document for certain, counted up to
/// `enough` (none past [`OWED_AT_MOST`]): its members whose names the bytes lack, among the
/// first `enough` + [`OWED_LOOKS_BEYOND`] of its members of objects `shown` says the document has.
fn owed_at_least<'r>(
    bytes: &[u8],
    owed: &'r [(Path, Finder<'static>)],
    mut shown: impl FnMut(&'r [&'static str]) -> bool,
    enough: usize,
) -> usize {
    if enough > OWED_AT_MOST || owed.len() < enough {
        return 0;
    }
    let mut count = 0;
    let looks = enough.saturating_add(OWED_LOOKS_BEYOND);
    let of_shown_objects = owed.iter().filter(|(at, _)| shown(at));
    for (looked, (_, finder)) in of_shown_objects.enumerate() {
        if count >= enough || count + (looks - looked) < enough {
            break;
        }
        if finder.find(bytes).is_none() {
            count += 1;
        }
    }
    count
}

/// Whether every JSON text of a member named `name` holds it as it is, between quotes, unless it
/// uses a `\u` escape: no quote, backslash or control character, which must be escaped, and no
/// `/`, which may be (`\/`).
fn spelled_alike(name: &str) -> bool {
    !name
        .chars()
        .any(|c| matches!(c, '"' | '\\' | '/') || c.is_control())
}

/// Whether `bytes` hold every name of `finders`, each between quotes.
fn holds_all(bytes: &[u8], finders: &[Finder<'_>]) -> bool {
    finders.iter().all(|finder| finder.find(bytes).is_some())
}

/// The report of the first era (in the order tried) that accepts `bytes`, else of the closest.
///
/// The eras the bytes can be of (whose clues they hold) are tried first, each pass giving up at
/// its first violation: a valid document costs one pass of its own era, and for each era tried
/// before it, a pass up to the first member that era refuses. When none accepts it, each era's
/// violations are counted, rendering none, the most specific eras the bytes can be of first (the
/// most names asked for: the likeliest to be closest); each later count gives up as soon as it
/// cannot be closer than the closest so far. Only the closest era is then judged in full.
fn judge_bytes(
    eras: &'static [Era],
    clues: Option<&Clues>,
    bytes: &[u8],
    limits: Limits,
) -> Report {
    // Bytes with a `\u` escape may spell a name otherwise: every era is tried in order.
    let clues = clues
        .filter(|_| memmem::find(bytes, b"\\u").is_none())
        .map(|clues| clues.of(eras));
    // Bit `index` for each era the document cannot be of (the first 64 eras: the others are
    // always tried).
    let mut cannot_be = 0_u64;
    let mut gave_up = false;
    for index in trial_order(eras) {
        if let Some(clues) = clues
            && index < 64
            && !holds_all(bytes, &clues[index].finders)
        {
            cannot_be |= 1 << index;
            continue;
        }
        let era = &eras[index];
        let watch = if gave_up { Watch::Names } else { Watch::No };
        match (era.count)(bytes, limits, 1, watch) {
            // Read whole with no member name repeated: the eras that gave up before stand.
            Counted::Read(report) if report.is_valid() => return report.with_era(era.name),
            Counted::Read(_) | Counted::GaveUp => gave_up = true,
            Counted::Judged(report) if report.is_about_bytes() => return report,
            Counted::Judged(report) if report.is_valid() && !gave_up => {
                return era.named(report);
            }
            // A repeated member name (or bytes the reader leaves): an era that gave up may accept
            // the document as parsed, where the last value wins.
            Counted::Judged(_) => return judge_every_era(eras, bytes, limits),
        }
    }
    let can_be = |index: &usize| *index >= 64 || cannot_be & (1 << index) == 0;
    let mut likely: Vec<usize> = trial_order(eras).filter(can_be).collect();
    if let Some(clues) = clues {
        likely.sort_by_key(|index| std::cmp::Reverse(clues[*index].asked));
    }
    let unlikely = trial_order(eras).filter(|index| !can_be(index));
    let counting = Limits {
        max_violations: 0,
        ..limits
    };
    // The likeliest era is judged in full at once: when it is the closest, as it mostly is, its
    // report is the answer. Its pass reads the bytes whole, so it also tells whether a member
    // name repeats, which would make the counts that give up prove nothing.
    let mut closest: Option<(usize, usize)> = None;
    let mut first: Option<(usize, Report)> = None;
    let mut shown = Shown::default();
    for index in likely.into_iter().chain(unlikely) {
        let era = &eras[index];
        let total = if first.is_none() {
            match (era.count)(bytes, limits, usize::MAX, Watch::Names) {
                Counted::Read(report) => {
                    let total = report.total();
                    first = Some((index, report.with_era(era.name)));
                    total
                }
                Counted::Judged(report) if report.is_about_bytes() => return report,
                Counted::GaveUp | Counted::Judged(_) => {
                    return judge_every_era(eras, bytes, limits);
                }
            }
        } else {
            // A newer era is closer with as many violations; an older one needs fewer.
            let give_up_at =
                closest.map_or(
                    usize::MAX,
                    |(closest, total)| {
                        if index > closest { total + 1 } else { total }
                    },
                );
            // The members the era requires of objects the first report shows the document has,
            // and whose names the bytes lack: each is a violation it owes, so an era that owes
            // as many as it may have is not counted.
            if let (Some(clues), Some((judged, report))) = (clues, &first)
                && index < 64
                && *judged < 64
            {
                let objects = &clues[*judged].objects;
                let is_shown = |at| shown.at(report, objects, at);
                let owed = owed_at_least(bytes, &clues[index].owed, is_shown, give_up_at);
                if owed >= give_up_at {
                    continue;
                }
            }
            match (era.count)(bytes, counting, give_up_at, Watch::No) {
                Counted::Read(report) => report.total(),
                Counted::GaveUp => continue,
                Counted::Judged(_) => return judge_every_era(eras, bytes, limits),
            }
        };
        if closest
            .is_none_or(|(closest, fewest)| total < fewest || (total == fewest && index > closest))
        {
            closest = Some((index, total));
        }
    }
    match (closest, first) {
        (Some((index, _)), Some((first, report))) if index == first => report,
        (Some((index, _)), _) => eras[index].validate_slice_with(bytes, limits),
        (None, _) => Report::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Clues, trial_order};
    use crate::validate::{Era, Limits, RequiredMembers, Validate};

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

    /// Three eras: the newest names a nested member of its own, the middle one a member of its
    /// own, and both the members of the oldest.
    mod shapes {
        #![allow(dead_code)] // only validated, never built

        use crate::validate::Validate;

        #[derive(Validate)]
        #[serde(deny_unknown_fields)]
        pub struct Old {
            pub a: u64,
            pub note: Option<String>,
        }

        #[derive(Validate)]
        #[serde(deny_unknown_fields)]
        pub struct Middle {
            #[serde(flatten)]
            pub old: Old,
            pub b: u64,
        }

        #[derive(Validate)]
        #[serde(deny_unknown_fields)]
        pub struct Inner {
            pub c: u64,
            #[serde(rename = "d/e")]
            pub d: u64,
        }

        #[derive(Validate)]
        #[serde(deny_unknown_fields)]
        pub struct New {
            pub a: u64,
            pub inner: Inner,
        }

        #[derive(Validate)]
        #[serde(untagged)]
        pub enum Doc {
            #[schemars(extend("x-era" = { "name": "old", "documented": true }))]
            Old(Old),
            #[schemars(extend("x-era" = "middle"))]
            Middle(Middle),
            #[schemars(extend("x-era" = "new"))]
            New(New),
        }
    }

    /// Two eras: the oldest, and one that requires three more members of the document and two
    /// of an object within it.
    mod wide {
        #![allow(dead_code)] // only validated, never built

        use crate::validate::Validate;

        #[derive(Validate)]
        #[serde(deny_unknown_fields)]
        pub struct Within {
            pub x: u64,
            pub y: u64,
        }

        #[derive(Validate)]
        #[serde(deny_unknown_fields)]
        pub struct Wide {
            pub a: u64,
            pub p: u64,
            pub q: u64,
            pub r: u64,
            pub within: Within,
        }

        #[derive(Validate)]
        #[serde(untagged)]
        pub enum Doc {
            #[schemars(extend("x-era" = { "name": "old", "documented": true }))]
            Old(super::shapes::Old),
            #[schemars(extend("x-era" = "wide"))]
            Wide(Wide),
        }
    }

    use shapes::Doc;

    fn clue_names(eras: &[Era]) -> Vec<Vec<String>> {
        Clues::new()
            .of(eras)
            .iter()
            .map(|clues| {
                clues
                    .finders
                    .iter()
                    .map(|finder| String::from_utf8_lossy(finder.needle()).into_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn an_era_asks_for_the_required_names_other_eras_do_not_all_ask_for() {
        let members = |of: fn(&mut RequiredMembers)| {
            let mut required = RequiredMembers::new();
            of(&mut required);
            required
                .into_members()
                .into_iter()
                .map(|(at, name)| (at.join("/"), name))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            members(<shapes::Middle as Validate>::required_members),
            [(String::new(), "a"), (String::new(), "b")],
            "a flattened struct's members, of the same object; not an optional one"
        );
        assert_eq!(
            members(<shapes::New as Validate>::required_members),
            [
                (String::new(), "a"),
                (String::new(), "inner"),
                ("inner".to_owned(), "c"),
                ("inner".to_owned(), "d/e"),
            ]
        );
        // `a` is asked for by every era; `d/e` may be written `d\/e`.
        assert_eq!(
            clue_names(Doc::ERAS),
            [
                vec![],
                vec![r#""b""#.to_owned()],
                vec![r#""c""#.to_owned(), r#""inner""#.to_owned()]
            ]
        );
    }

    #[test]
    fn each_document_is_named_after_the_era_it_is_of_whatever_the_order_of_trial() {
        for (document, era) in [
            (r#"{"a": 1}"#, "old"),
            (r#"{"a": 1, "b": 2}"#, "middle"),
            (r#"{"a": 1, "inner": {"c": 3, "d/e": 4}}"#, "new"),
            // An escape may spell any name: every era is tried in order.
            (r#"{"a": 1, "\u0062": 2}"#, "middle"),
            (r#"{"a": 1, "\u0069nner": {"c": 3, "d/e": 4}}"#, "new"),
            (r#"{"a": 1, "inner": {"c": 3, "d\/e": 4}}"#, "new"),
            // Every pass gives up at the first `a`; the last one wins.
            (r#"{"a": "x", "b": 2, "a": 1}"#, "middle"),
            (
                r#"{"a": "x", "a": 1, "inner": {"c": "y", "d/e": 4, "c": 5}}"#,
                "new",
            ),
        ] {
            let report = Doc::validate_slice(document.as_bytes());
            assert!(report.is_valid(), "{document}: {report}");
            assert_eq!(report.era(), Some(era), "{document}");
            let parsed: serde_json::Value = serde_json::from_str(document).unwrap();
            assert_eq!(Doc::validate(&parsed).era(), Some(era), "{document}");
        }
    }

    #[test]
    fn an_invalid_document_is_held_against_the_closest_era_whether_or_not_it_names_its_members() {
        for (document, era, total) in [
            // Closest: `new` (one wrong type) though `old` is tried first and `middle` lacks
            // nothing it can tell.
            (r#"{"a": 1, "inner": {"c": "3", "d/e": 4}}"#, "new", 1),
            // `b` is named by the bytes, but as a value: `middle` is judged in full and refuses
            // it with two violations, `old` with one (the unknown `x`).
            (r#"{"a": 1, "x": "b"}"#, "old", 1),
            (r#"{"note": "n", "a": 1, "z": 0}"#, "old", 1),
            (r#"{"a": "1"}"#, "old", 1),
            (r#"{}"#, "old", 1),
            // One violation in every era: the newest, whose names are not there, is only
            // counted at first, then judged in full.
            (r#"[]"#, "new", 1),
        ] {
            let parsed: serde_json::Value = serde_json::from_str(document).unwrap();
            for report in [
                Doc::validate_slice(document.as_bytes()),
                Doc::validate(&parsed),
            ] {
                assert!(!report.is_valid(), "{document}");
                assert_eq!(report.era(), Some(era), "{document}: {report}");
                assert_eq!(report.total(), total, "{document}: {report}");
                assert_eq!(
                    report.violations().len(),
                    total,
                    "{document}: rendered in full"
                );
            }
        }
        let counted = Doc::validate_slice_with(
            br#"{"q": 1}"#,
            Limits {
                max_violations: 0,
                ..Limits::DEFAULT
            },
        );
        assert_eq!((counted.total(), counted.violations().len()), (2, 0));
    }

    #[test]
    fn an_era_owes_a_violation_for_each_member_lacking_from_an_object_another_report_shows() {
        let eras = wide::Doc::ERAS;
        let clues = Clues::new();
        let clues = clues.of(eras);
        let (old, wide) = (&clues[0], &clues[1]);
        let objects = |clues: &super::EraClues| {
            clues
                .objects
                .iter()
                .map(|at| at.join("/"))
                .collect::<Vec<_>>()
        };
        assert_eq!(objects(old), [""]);
        assert_eq!(objects(wide), ["", "within"]);
        // The document's root is an object for `old` (its one violation is at `/a`): `wide`
        // owes `p`, `q`, `r` and `within` there, and nothing within `within`, an object `old`
        // knows nothing of.
        let bytes = br#"{"a": "x"}"#;
        let report = eras[0].validate_slice(bytes);
        let shown = |at: &[&'static str]| super::shows_object(&report, &old.objects, at);
        assert!(shown(&[]));
        assert!(!shown(&["within"]));
        assert_eq!(super::owed_at_least(bytes, &wide.owed, shown, 5), 4);
        assert_eq!(super::owed_at_least(bytes, &wide.owed, shown, 2), 2);
        // More than the era can owe, or than is worth proving: nothing is looked for.
        assert_eq!(super::owed_at_least(bytes, &wide.owed, shown, 9), 0);
        // A name in the bytes, even as a value, is not owed.
        let named = br#"{"a": "x", "note": "p q"}"#;
        assert_eq!(super::owed_at_least(named, &wide.owed, shown, 5), 4);
        let quoted = br#"{"a": "x", "note": "p", "q": 1}"#;
        assert_eq!(super::owed_at_least(quoted, &wide.owed, shown, 5), 2);
        // A document that is no object: `old` reports a `type` at the root, which shows nothing.
        let array = eras[0].validate_slice(b"[]");
        assert!(!super::shows_object(&array, &old.objects, &[]));
        // The era of `wide` itself: `within` is shown unless it is of another type or lacking.
        let wide_report = |bytes: &[u8]| eras[1].validate_slice(bytes);
        for (bytes, within) in [
            (
                &br#"{"a": 1, "p": 1, "q": 1, "r": 1, "within": {}}"#[..],
                true,
            ),
            (br#"{"a": 1, "p": 1, "q": 1, "r": 1, "within": 5}"#, false),
            (br#"{"a": 1, "p": 1, "q": 1, "r": 1}"#, false),
        ] {
            let report = wide_report(bytes);
            assert_eq!(
                super::shows_object(&report, &wide.objects, &["within"]),
                within,
                "{report}"
            );
        }
    }

    #[test]
    fn an_era_that_owes_more_than_the_closest_has_is_not_counted_and_the_verdict_stands() {
        for (document, era, total) in [
            // `wide` owes `p`, `q`, `r`, `within` (and has the wrong `a`): `old` with one.
            (r#"{"a": "x"}"#, "old", 1),
            (r#"{"a": 1, "zz": 0}"#, "old", 1),
            // `old` has four unknown members, `wide` owes nothing it can tell and has one wrong
            // type within `within`.
            (
                r#"{"a": 1, "p": 1, "q": 1, "r": 1, "within": {"x": 1, "y": "2"}}"#,
                "wide",
                1,
            ),
            // Both lack their object's members: `old` one unknown member, `wide` four owed.
            (r#"{"a": 1, "within": {}}"#, "old", 1),
        ] {
            let parsed: serde_json::Value = serde_json::from_str(document).unwrap();
            let by_bytes = wide::Doc::validate_slice(document.as_bytes());
            let by_value = wide::Doc::validate(&parsed);
            for report in [&by_bytes, &by_value] {
                assert_eq!(report.era(), Some(era), "{document}: {report}");
                assert_eq!(report.total(), total, "{document}: {report}");
            }
            assert_eq!(by_bytes.violations(), by_value.violations(), "{document}");
        }
    }

    #[test]
    fn bytes_that_are_no_document_get_the_report_of_no_era() {
        for bytes in [&b"{\"a\": "[..], b"[1, 2", b"\xff"] {
            let report = Doc::validate_slice(bytes);
            assert!(report.is_about_bytes(), "{report}");
            assert_eq!(report.era(), None);
        }
    }
}
