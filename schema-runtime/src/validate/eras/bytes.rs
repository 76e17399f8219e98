//! A document given as bytes, judged against the eras of its type with passes that give up as
//! soon as what they read settles what they were asked (see the parent module's doc).

use super::super::reader::Reader;
use super::super::{Checker, Limits, Report, Validate};
use super::clues::{Clues, Shown};
use super::{Era, closer, judge_every_era, trial_order};

/// What a pass of one era over a document's bytes says, when it may give up.
pub(super) enum Counted {
    /// The bytes were read whole and no object repeats a member name: the era's report (every
    /// violation counted; rendered as far as the limits keep them), and whether it has no
    /// violation about the document's shape (known of a pass that gives up at one; `false` of
    /// the others).
    Read { report: Report, shapeless: bool },
    /// The pass gave up: the document breaks the era as the pass was to give up at, as far as
    /// the part read shows (a repeated member name further on could replace a value it judged).
    GaveUp,
    /// The era's full report, for bytes a pass does not settle alone: too large, not UTF-8 or not
    /// read by the validators' reader, or repeating a member name.
    Judged(Report),
}

/// When a pass gives up reading.
#[derive(Clone, Copy)]
pub(super) enum GiveUp {
    /// At the first violation about the document's shape (a member lacking or not allowed, a
    /// value of another JSON type): what a document of another era causes. Violations of value
    /// are read on, so a pass that reads the document whole reports it in full.
    AtShape,
    /// Once this many violations are counted, whatever they are.
    At(usize),
}

/// Whether a pass must tell that no member name repeats before its [`Counted::Read`] can be
/// trusted: only once another era's pass has given up (it may have given up at a value a later
/// repeat replaces); else the pass's own view of repeats, as in every validation, suffices.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Watch {
    Names,
    No,
}

/// One pass of the era of type `T` over `bytes` that gives up as `give_up` says, watching every
/// object's member names when `watch` asks.
pub(super) fn count<T: Validate>(
    bytes: &[u8],
    limits: Limits,
    give_up: GiveUp,
    watch: Watch,
) -> Counted {
    if bytes.len() <= limits.max_bytes
        && let Ok(text) = simdutf8::basic::from_utf8(bytes)
    {
        let mut checker = match give_up {
            GiveUp::AtShape => Checker::giving_up_at_shape(limits),
            GiveUp::At(count) => Checker::giving_up_at(limits, count),
        };
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
            let shapeless = matches!(give_up, GiveUp::AtShape) && !checker.met_shape();
            return Counted::Read {
                report: checker.finish(),
                shapeless,
            };
        }
        if !read && checker.gave_up() {
            return Counted::GaveUp;
        }
    }
    Counted::Judged(T::validate_slice_with(bytes, limits))
}

/// The report of the first era (in the order tried) that accepts `bytes`, else of the closest.
///
/// The eras the bytes can be of (whose clues they hold) are tried first, each pass giving up at
/// its first violation about the document's shape: a valid document costs one pass of its own
/// era, and for each era tried before it, a pass up to the first member that era refuses. A
/// pass that reads the document whole without accepting it reports it in full (its violations
/// are all of value). When none accepts it, each other era's violations are counted, rendering
/// none, the most specific eras the bytes can be of first (the most names asked for: the
/// likeliest to be closest); each count gives up as soon as the era cannot be closer than the
/// closest so far, and an era that owes, for certain, as many `required` violations as it may
/// have is not counted at all. Only the closest era is then judged in full, unless a pass
/// already did.
pub(super) fn judge_bytes(
    eras: &'static [Era],
    clues: Option<&Clues>,
    bytes: &[u8],
    limits: Limits,
) -> Report {
    let names = clues.map(|clues| clues.of(eras));
    // What the bytes hold of the names the eras ask for, found as asked (nothing looked for yet).
    let mut held = names.map(|names| names.held(bytes));
    // Bit `index` for each era the document cannot be of, and for each era a pass has read whole
    // (the first 64 eras: the others are always tried and counted).
    let mut cannot_be = 0_u64;
    let mut read_whole = 0_u64;
    let mut gave_up = false;
    // The closest era read whole so far, with its full report, and whether that report has no
    // violation about the document's shape.
    let mut first: Option<(usize, Report)> = None;
    let mut shapeless = false;
    // What the report of `first` shows of the objects the eras require members of, once asked.
    let mut shown: Option<Shown> = None;
    // Whether a pass read the bytes whole watching every member name, none repeated: only then
    // does a count that gives up prove the era it counts no closer.
    let mut no_repeats = false;
    for index in trial_order(eras) {
        // An era the full report of one read before owes a violation, for certain, or whose
        // clues the bytes lack, is not tried.
        if let (Some(names), Some(held)) = (names, held.as_mut())
            && index < 64
            && (first.as_ref().is_some_and(|(judged, report)| {
                let shown =
                    *shown.get_or_insert_with(|| names.shown_by(*judged, report, shapeless));
                names.eras[index].refused_by(shown)
            }) || !names.can_be(index, held))
        {
            cannot_be |= 1 << index;
            continue;
        }
        let era = &eras[index];
        let watch = if gave_up { Watch::Names } else { Watch::No };
        match (era.count)(bytes, limits, GiveUp::AtShape, watch) {
            // Read whole with no member name repeated: the eras that gave up before stand.
            Counted::Read { report, .. } if report.is_valid() => return report.with_era(era.name),
            Counted::Read {
                report,
                shapeless: read_shapeless,
            } => {
                no_repeats |= watch == Watch::Names;
                if index < 64 {
                    read_whole |= 1 << index;
                }
                if closer(index, report.total(), first.as_ref()) {
                    shown = None;
                    shapeless = read_shapeless;
                    first = Some((index, report.with_era(era.name)));
                }
            }
            Counted::GaveUp => gave_up = true,
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
    let unread = |index: &usize| *index >= 64 || read_whole & (1 << index) == 0;
    // The eras left: those the bytes can be of, the likeliest first (the most specific, in an
    // order computed once per type; without names, in the order tried), then the others.
    let likeliest = names.map_or(&[][..], |names| &names.likeliest[..]);
    let mut order = likeliest
        .iter()
        .copied()
        .chain(
            names
                .is_none()
                .then(|| trial_order(eras))
                .into_iter()
                .flatten(),
        )
        .filter(can_be)
        .filter(unread)
        .chain(trial_order(eras).filter(|index| !can_be(index)));
    let counting = Limits {
        max_violations: 0,
        ..limits
    };
    if first.is_none() {
        // The likeliest era is judged in full at once: when it is the closest, as it mostly is,
        // its report is the answer. Its pass reads the bytes whole, so it also tells whether a
        // member name repeats, which would make the counts that give up prove nothing.
        let Some(index) = order.next() else {
            return Report::new();
        };
        let era = &eras[index];
        match (era.count)(bytes, limits, GiveUp::At(usize::MAX), Watch::Names) {
            Counted::Read { report, .. } => {
                shown = None;
                shapeless = false;
                first = Some((index, report.with_era(era.name)));
                no_repeats = true;
            }
            Counted::Judged(report) if report.is_about_bytes() => return report,
            Counted::GaveUp | Counted::Judged(_) => return judge_every_era(eras, bytes, limits),
        }
    }
    let Some((judged, report)) = first else {
        return Report::new();
    };
    let mut closest = (judged, report.total());
    // The names the owed violations may ask about: a few are searched for one by one, many are
    // found by one walk over the document's member names at once.
    // (Every era not read whole but the one judged is left to count.)
    if let (Some(names), Some(held)) = (names, held.as_mut()) {
        held.expect(
            (0..eras.len())
                .filter(|index| *index != judged && unread(index))
                .map(|index| names.eras[index].owes_at_most().min(closest.1 + 1))
                .sum(),
        );
    }
    for index in order {
        let era = &eras[index];
        // A newer era is closer with as many violations; an older one needs fewer.
        let give_up_at = if index > closest.0 {
            closest.1 + 1
        } else {
            closest.1
        };
        // The members the era requires of objects a full report shows the document has, and
        // that the document lacks (the report's era admits no such member there and the report
        // finds none it does not allow, or the bytes lack the name): each is a violation it
        // owes, so an era that owes as many as it may have is not counted.
        if let (Some(names), Some(held)) = (names, held.as_mut())
            && index < 64
            && judged < 64
        {
            let shown = *shown.get_or_insert_with(|| names.shown_by(judged, &report, shapeless));
            if names.eras[index].owed_at_least(held, shown, give_up_at) >= give_up_at {
                continue;
            }
        }
        // Until a pass has shown that no member name repeats, a count reads the bytes whole.
        let (give_up, watch) = if no_repeats {
            (GiveUp::At(give_up_at), Watch::No)
        } else {
            (GiveUp::At(usize::MAX), Watch::Names)
        };
        let total = match (era.count)(bytes, counting, give_up, watch) {
            Counted::Read { report, .. } => {
                no_repeats |= watch == Watch::Names;
                report.total()
            }
            Counted::GaveUp => continue,
            Counted::Judged(_) => return judge_every_era(eras, bytes, limits),
        };
        if total < closest.1 || (total == closest.1 && index > closest.0) {
            closest = (index, total);
        }
    }
    if closest.0 == judged {
        report
    } else {
        eras[closest.0].validate_slice_with(bytes, limits)
    }
}
