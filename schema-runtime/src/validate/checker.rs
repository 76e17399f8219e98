//! The [`Checker`] the generated validators record into: the current JSON Pointer, the
//! violations found so far, and one method per kind of check.
//!
//! Every text a violation states (what was expected) is known before any document is read: the
//! derive writes it, from `schema_vocabulary`, when it compiles the type, and passes it as a
//! `&'static str`. Recording a violation therefore formats only its pointer and the value found.

use std::borrow::Cow;

use schema_vocabulary::{Unit, Variants};

use super::bound::{Bound, NON_NEGATIVE, at_least_zero, is_out_of_range, length_unit_if_out};
use super::pattern::Pattern;
use super::pointer::{has_tilde_or_slash, push_token};
use super::report::{Found, Limits, Report, Rule};
use super::seen::{Seen, push_decimal};

/// One step of a JSON Pointer.
#[derive(Clone, Debug)]
enum Step<'v> {
    Member(Cow<'v, str>),
    /// A member name with neither `~` nor `/`, which the pointer writes as it is.
    PlainMember(&'static str),
    /// A member name the type declares, escaped when the pointer is written.
    DeclaredMember(&'static str),
    Index(usize),
}

/// Walks a document for the generated validators: keeps the current pointer and records
/// violations into a report.
///
/// Generated code pushes a step before it descends into a member or an item and pops it after;
/// the pointer is rendered (with RFC 6901 escaping) only when a violation is recorded. The same
/// checker serves both validation paths: over a parsed `Value` and while parsing bytes
/// ([`super::stream`]); every check takes the value as a [`Seen`], so both paths share one
/// implementation of each rule.
#[derive(Debug)]
pub struct Checker<'v> {
    steps: Vec<Step<'v>>,
    report: Report,
    limits: Limits,
    duplicate: bool,
    era: Option<&'static str>,
    /// How many violations make the streaming path give up reading (see [`Self::gave_up`]).
    give_up_at: usize,
    /// Whether the streaming path gives up at the first violation about the document's shape
    /// ([`Rule::is_about_shape`]), whatever `give_up_at` says.
    gives_up_at_shape: bool,
}

impl<'v> Checker<'v> {
    /// A checker at the root of a document.
    #[inline]
    pub fn new(limits: Limits) -> Self {
        Self {
            steps: Vec::new(),
            report: Report::new(),
            limits,
            duplicate: false,
            era: None,
            give_up_at: usize::MAX,
            gives_up_at_shape: false,
        }
    }

    /// A checker at the root of a document whose streaming path gives up reading once `count`
    /// violations are recorded: enough to know that an era refuses a document, or cannot be
    /// closer to it than one already judged ([`super::eras`]).
    pub(crate) fn giving_up_at(limits: Limits, count: usize) -> Self {
        Self {
            give_up_at: count,
            ..Self::new(limits)
        }
    }

    /// A checker at the root of a document whose streaming path gives up reading at the first
    /// violation about the document's shape ([`Rule::is_about_shape`]): one that a document of
    /// another era would cause. Violations of value are all counted and rendered, so a pass that
    /// reads the document whole reports it in full.
    pub(crate) fn giving_up_at_shape(limits: Limits) -> Self {
        Self {
            gives_up_at_shape: true,
            ..Self::new(limits)
        }
    }

    /// Whether a checker made by [`Self::giving_up_at_shape`] recorded a violation about the
    /// document's shape (its pass may record one as its last check and still read the document
    /// whole).
    pub(crate) fn met_shape(&self) -> bool {
        self.gives_up_at_shape && self.give_up_at == 0
    }

    /// Whether the streaming path should stop reading: as many violations recorded as the
    /// checker was made to give up at (never, for a checker made by [`Self::new`]). Asked between
    /// the members of an object and the items of an array.
    #[inline]
    pub fn gave_up(&self) -> bool {
        self.report.total() >= self.give_up_at
    }

    /// The report of everything recorded so far.
    #[inline]
    pub fn finish(self) -> Report {
        match self.era {
            Some(era) => self.report.with_era(era),
            None => self.report,
        }
    }

    /// A checker at the same position, with the same limits and nothing recorded: where one
    /// of several alternatives (an era) is tried on the value at hand, before the chosen one's
    /// violations are taken over ([`Self::take_over`]).
    pub(crate) fn beside<'w>(&self) -> Checker<'w>
    where
        'v: 'w,
    {
        Checker {
            steps: self.steps.clone(),
            report: Report::new(),
            limits: self.limits,
            duplicate: false,
            era: None,
            give_up_at: usize::MAX,
            gives_up_at_shape: false,
        }
    }

    /// Takes over the violations of `other`, a report made at this position (by a checker
    /// [`Self::beside`] this one), and, at the root of a document, the era it names.
    pub(crate) fn take_over(&mut self, other: &Report) {
        self.report.absorb(other, &self.limits);
        if self.steps.is_empty() {
            self.era = other.era();
        }
    }

    /// Whether nothing has been recorded yet.
    #[inline]
    pub fn is_clean(&self) -> bool {
        self.report.total() == 0
    }

    /// How many violations have been recorded so far.
    #[inline]
    pub fn recorded(&self) -> usize {
        self.report.total()
    }

    /// Notes that an object repeats a member name. The streaming path then hands the document to
    /// the parsed path, where (as in `serde_json`) the last occurrence wins.
    #[inline]
    pub fn duplicate(&mut self) {
        self.duplicate = true;
    }

    /// Whether an object repeated a member name (see [`Self::duplicate`]).
    #[inline]
    pub(crate) fn saw_duplicate(&self) -> bool {
        self.duplicate
    }

    /// Descends into member `name`, one the document chose (a member of an open map).
    #[inline]
    pub fn enter_member(&mut self, name: impl Into<Cow<'v, str>>) {
        self.steps.push(Step::Member(name.into()));
    }

    /// Descends into member `name`, which must hold neither `~` nor `/` (the derive knows
    /// which of a type's member names do): the pointer copies it without looking for them.
    /// Checked in debug builds; use [`Self::enter_declared_member`] for any other declared name.
    #[inline]
    pub fn enter_plain_member(&mut self, name: &'static str) {
        debug_assert!(
            !has_tilde_or_slash(name.as_bytes()),
            "{name:?} needs escaping"
        );
        self.steps.push(Step::PlainMember(name));
    }

    /// Descends into member `name`, which the type declares and whose name holds `~` or `/`
    /// (the pointer escapes them).
    #[inline]
    pub fn enter_declared_member(&mut self, name: &'static str) {
        self.steps.push(Step::DeclaredMember(name));
    }

    /// Descends into item `index`.
    #[inline]
    pub fn enter_index(&mut self, index: usize) {
        self.steps.push(Step::Index(index));
    }

    /// Returns from the last descent.
    #[inline]
    pub fn leave(&mut self) {
        self.steps.pop();
    }

    /// The current position as an RFC 6901 JSON Pointer.
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        write_pointer(&self.steps, &mut pointer);
        pointer
    }

    /// Records a violation at the current position: of a `rule`, which asks for `expected`
    /// (in words), where the document holds `found`.
    ///
    /// Nothing is rendered when the report already holds [`Limits::max_violations`].
    fn record(
        &mut self,
        member: Option<&str>,
        rule: Rule,
        expected: Cow<'static, str>,
        found: &Seen<'_>,
    ) {
        if self.gives_up_at_shape && rule.is_about_shape() {
            self.give_up_at = 0;
        }
        if self.report.counts(&self.limits) {
            let steps = &self.steps;
            self.report.recorded.push(
                rule,
                expected,
                |text| write_pointer(steps, text),
                member,
                Found::Seen(found),
            );
        }
    }

    /// Records a violation at the current position. `expected` is borrowed when it is a
    /// `&'static str`, as the derive passes it.
    pub fn violation(
        &mut self,
        rule: Rule,
        expected: impl Into<Cow<'static, str>>,
        found: &Seen<'_>,
    ) {
        self.record(None, rule, expected.into(), found);
    }

    /// Records a violation of a `rule` about member `name` of the object at the current
    /// position (a member a cross-member rule requires and the object lacks).
    pub fn violation_about(
        &mut self,
        name: &str,
        rule: Rule,
        expected: impl Into<Cow<'static, str>>,
        object: &Seen<'_>,
    ) {
        self.record(Some(name), rule, expected.into(), object);
    }

    /// Records a wrong JSON type at the current position. `expected` is the JSON type in words
    /// (`an object`, one of the `schema_vocabulary` constants).
    #[inline]
    pub fn wrong_type(&mut self, expected: &'static str, found: &Seen<'_>) {
        self.record(None, Rule::Type, Cow::Borrowed(expected), found);
    }

    /// Records that the object at the current position lacks the required member `name`;
    /// `expected` is ``member `NAME` `` (`schema_vocabulary::member`).
    pub fn missing(&mut self, name: &str, expected: &'static str, object: &Seen<'_>) {
        self.record(Some(name), Rule::Required, Cow::Borrowed(expected), object);
    }

    /// Records that the object at the current position has member `name`, which it does not
    /// allow.
    pub fn unknown(&mut self, name: &str, value: &Seen<'_>) {
        let expected = Cow::Borrowed(schema_vocabulary::NO_OTHER_MEMBERS);
        self.record(Some(name), Rule::UnknownProperty, expected, value);
    }

    /// Checks a format on a string value (other JSON types are not the format's concern);
    /// `expected` is `a string of format FORMAT` (`schema_vocabulary::format`).
    #[inline]
    pub fn check_format(
        &mut self,
        value: &Seen<'_>,
        expected: &'static str,
        is_valid: fn(&str) -> bool,
    ) {
        if let Seen::String(text) = value {
            if !is_valid(text) {
                self.violation(Rule::Format, expected, value);
            }
        }
    }

    /// Checks a pattern on a string value (other JSON types are not the pattern's concern);
    /// `expected` is `a string matching PATTERN` (`schema_vocabulary::pattern`).
    #[inline]
    pub fn check_pattern(&mut self, value: &Seen<'_>, pattern: &Pattern, expected: &'static str) {
        if let Seen::String(text) = value {
            if !pattern.is_match(text) {
                self.violation(Rule::Pattern, expected, value);
            }
        }
    }

    /// Checks inclusive bounds on a number value (other JSON types are not the range's
    /// concern); `expected` is `schema_vocabulary::range` of the bounds.
    #[inline]
    pub fn check_range(
        &mut self,
        value: &Seen<'_>,
        min: Option<Bound>,
        max: Option<Bound>,
        expected: &'static str,
    ) {
        if is_out_of_range(value, min, max) {
            self.violation(Rule::Range, expected, value);
        }
    }

    /// Checks that a number is not below 0, as an unsigned integer asks (its text is made once,
    /// from the same words as every range's).
    #[inline]
    pub(crate) fn check_non_negative(&mut self, value: &Seen<'_>) {
        if is_out_of_range(value, NON_NEGATIVE, None) {
            self.violation(Rule::Range, at_least_zero(), value);
        }
    }

    /// Checks inclusive bounds on the length of a string (in characters) or an array (in
    /// items); other JSON types are not the length's concern. The texts are
    /// `schema_vocabulary::length` of the bounds in characters and in items.
    #[inline]
    pub fn check_length(
        &mut self,
        value: &Seen<'_>,
        min: Option<usize>,
        max: Option<usize>,
        of_string: &'static str,
        of_array: &'static str,
    ) {
        if let Some(unit) = length_unit_if_out(value, min, max) {
            let expected = match unit {
                Unit::Characters => of_string,
                Unit::Items => of_array,
            };
            self.violation(Rule::Length, expected, value);
        }
    }

    /// Records that a value is not one of an enumeration of strings (the derive generates the
    /// membership test itself, as a `match`): `variants` and `expected` are what
    /// `schema_vocabulary::variants` says of its names. A value that is not a string has the
    /// wrong type.
    pub fn not_a_variant(&mut self, value: &Seen<'_>, variants: Variants, expected: &'static str) {
        match value {
            Seen::String(_) => {
                let rule = match variants {
                    Variants::Const => Rule::Const,
                    Variants::Enum => Rule::Enum,
                };
                self.violation(rule, expected, value);
            }
            other => self.wrong_type(schema_vocabulary::A_STRING, other),
        }
    }
}

/// Appends the JSON Pointer (RFC 6901) of `steps` to `pointer`; returns which tokens (bit per
/// token, the first 64) are names the document chose rather than names its type declares.
fn write_pointer(steps: &[Step<'_>], pointer: &mut String) -> u64 {
    let mut chosen = 0;
    for (index, step) in steps.iter().enumerate() {
        pointer.push('/');
        match step {
            Step::Member(name) => {
                push_token(pointer, name);
                if index < 64 {
                    chosen |= 1 << index;
                }
            }
            Step::PlainMember(name) => pointer.push_str(name),
            Step::DeclaredMember(name) => push_token(pointer, name),
            Step::Index(index) => push_decimal(pointer, *index as u64),
        }
    }
    chosen
}
