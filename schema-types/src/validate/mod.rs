//! Validation of untrusted JSON against the payload types: the runtime behind
//! `#[derive(Validate)]`.
//!
//! The derive (crate `schema-derive`) turns each type's definition, read the way serde and
//! schemars read it, into a function that checks every constraint directly: no JSON Schema is
//! built, loaded or interpreted at run time. This module holds what that generated code calls:
//! the [`Validate`] trait and its implementations for the standard types, the [`Checker`] that
//! tracks the current JSON Pointer and collects violations, the [`Report`] handed to the caller,
//! and the format checks (in [`format`]), which mirror the `jsonschema` crate's so that both
//! judge a document the same way.
//!
//! Conventions, shared with the published schemas and the `jsonschema` crate:
//! - a violation's pointer (RFC 6901) is where the offending value is, except for `required`
//!   and `unknown-property`, whose pointer is the object and whose `member` names the member;
//! - every violation is reported, not only the first, up to [`Limits::max_violations`] kept (the
//!   total is still counted);
//! - duplicate member names in a document: the last one wins, as in `serde_json` (the parsed
//!   value is what is judged); the validator does not see the earlier ones.

mod flatten;
pub mod format;
mod impls;
mod pattern;
mod reader;
mod seen;
pub mod stream;

pub use flatten::{Members, Present};
pub use pattern::Pattern;
pub use seen::Seen;
use seen::push_decimal;

/// Derives [`Validate`](trait@Validate) from a type's serde and schemars attributes.
pub use schema_derive::Validate;

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserializer;
use serde::Serialize;
use serde_json::{Number, Value};

/// A constraint kind, as a violation names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The bytes are not a JSON document: invalid UTF-8, malformed JSON, a number out of range,
    /// nesting deeper than the limit.
    Syntax,
    /// The document is larger than the limit.
    Size,
    /// The value has the wrong JSON type.
    Type,
    /// A required member is missing.
    Required,
    /// A member that a closed object does not allow.
    UnknownProperty,
    /// A string that is not of the declared format (uuid, date-time, email, ipv4, ipv6).
    Format,
    /// A string that does not match the declared pattern.
    Pattern,
    /// A number below the minimum or above the maximum.
    Range,
    /// A string or array shorter or longer than allowed.
    Length,
    /// A value outside an enumeration.
    Enum,
    /// A value other than the one pinned value.
    Const,
}

impl Rule {
    /// The rule's name in reports (`unknown-property`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::Size => "size",
            Self::Type => "type",
            Self::Required => "required",
            Self::UnknownProperty => "unknown-property",
            Self::Format => "format",
            Self::Pattern => "pattern",
            Self::Range => "range",
            Self::Length => "length",
            Self::Enum => "enum",
            Self::Const => "const",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A place in the document's text, for violations found before there is a value to point into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TextPosition {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

/// One broken constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// RFC 6901 JSON Pointer of the offending value (of the object, for `required` and
    /// `unknown-property`); `""` is the whole document.
    pub pointer: String,
    /// For `required` and `unknown-property`: the member's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The constraint kind.
    pub rule: Rule,
    /// What the constraint asks for, in words (`a string of format uuid`). Borrowed when the text
    /// is known before any document is read, as it is for every check `#[derive(Validate)]`
    /// generates; owned when it is computed.
    pub expected: Cow<'static, str>,
    /// What the document holds there, in words; a short description of the value's JSON type
    /// when the report is masked.
    pub found: String,
    /// Where in the text, for `syntax` violations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<TextPosition>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        match &self.position {
            Some(position) => write!(f, "line {} column {}: ", position.line, position.column)?,
            None => write!(f, "{pointer}: ")?,
        }
        match (&self.member, self.rule) {
            (Some(member), Rule::Required) => write!(f, "required member `{member}` is missing"),
            (Some(member), Rule::UnknownProperty) => {
                write!(f, "member `{member}` is not allowed here")
            }
            _ => write!(
                f,
                "{}: expected {}, found {}",
                self.rule, self.expected, self.found
            ),
        }
    }
}

/// Bounds that keep validation of untrusted input cheap and safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How many violations a report keeps; the rest are only counted.
    pub max_violations: usize,
    /// The largest document, in bytes, that [`Validate::validate_slice`] parses.
    pub max_bytes: usize,
}

impl Limits {
    /// The defaults: 100 violations kept, documents up to 256 MiB.
    pub const DEFAULT: Self = Self {
        max_violations: 100,
        max_bytes: 256 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The verdict on one document: every violation found (up to the limit) and how many there were.
///
/// A report keeps its violations as they were recorded (every text rendered, into one buffer),
/// and makes the [`Violation`]s of [`Self::violations`] from them when they are first read: a
/// caller that only asks for the verdict never pays for a `String` per text.
#[derive(Clone)]
pub struct Report {
    valid: bool,
    total: usize,
    recorded: Recorded,
    violations: OnceLock<Vec<Violation>>,
}

impl Report {
    #[inline]
    fn new() -> Self {
        Self {
            valid: true,
            total: 0,
            recorded: Recorded::default(),
            violations: OnceLock::new(),
        }
    }

    /// The report of a violation found in the text, before any value exists: the document's
    /// only one.
    fn of_text(
        rule: Rule,
        expected: Cow<'static, str>,
        found: String,
        position: Option<TextPosition>,
        limits: Limits,
    ) -> Self {
        let violation = Violation {
            pointer: String::new(),
            member: None,
            rule,
            expected,
            found,
            position,
        };
        let kept = if limits.max_violations > 0 {
            vec![violation]
        } else {
            Vec::new()
        };
        Self {
            valid: false,
            total: 1,
            recorded: Recorded::default(),
            violations: OnceLock::from(kept),
        }
    }

    /// Whether the document broke no constraint.
    pub fn is_valid(&self) -> bool {
        self.total == 0
    }

    /// The violations kept, in the order found.
    pub fn violations(&self) -> &[Violation] {
        self.violations.get_or_init(|| self.recorded.render())
    }

    /// How many violations there were, kept or not.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether violations were found beyond those kept.
    pub fn is_truncated(&self) -> bool {
        self.total > self.kept()
    }

    /// How many violations the report keeps.
    fn kept(&self) -> usize {
        self.violations
            .get()
            .map_or(self.recorded.entries.len(), Vec::len)
    }

    /// The same report with every found value replaced by its JSON type, so that it can be
    /// logged without logging what a document holds. Pointers, members and rules are kept.
    pub fn masked(&self) -> Self {
        let violations: Vec<Violation> = self
            .violations()
            .iter()
            .map(|violation| Violation {
                found: mask(&violation.found),
                ..violation.clone()
            })
            .collect();
        Self {
            valid: self.valid,
            total: self.total,
            recorded: Recorded::default(),
            violations: OnceLock::from(violations),
        }
    }

    /// The report as JSON, for machines.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).expect("a report always serialises")
    }

    /// Counts one more violation; `true` when the report keeps it (so that a violation beyond
    /// the limit is never rendered).
    fn counts(&mut self, limits: &Limits) -> bool {
        self.total += 1;
        self.valid = false;
        self.kept() < limits.max_violations
    }
}

/// As the fields would be derived: `valid`, `total`, `violations`.
impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("valid", &self.valid)
            .field("total", &self.total)
            .field("violations", &self.violations())
            .finish()
    }
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.valid == other.valid
            && self.total == other.total
            && self.violations() == other.violations()
    }
}

impl Eq for Report {}

/// As the fields would be derived: `{"valid": .., "total": .., "violations": [..]}`.
impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut report = serializer.serialize_struct("Report", 3)?;
        report.serialize_field("valid", &self.valid)?;
        report.serialize_field("total", &self.total)?;
        report.serialize_field("violations", self.violations())?;
        report.end()
    }
}

/// The violations of a report as recorded: each one's texts (pointer, member, found) one after
/// the other in one buffer, so that recording one allocates nothing (but the buffers' growth).
#[derive(Clone, Debug, Default)]
struct Recorded {
    text: String,
    entries: Vec<Entry>,
}

/// One recorded violation. Its texts are in [`Recorded::text`], from where the previous entry's
/// end: the pointer up to `pointer_end`, the member up to `member_end`, the found value up to
/// `found_end`.
#[derive(Clone, Debug)]
struct Entry {
    rule: Rule,
    has_member: bool,
    expected: Cow<'static, str>,
    pointer_end: usize,
    member_end: usize,
    found_end: usize,
}

impl Recorded {
    /// Records a violation: its pointer (appended to the buffer by `pointer`), its member, and
    /// its found value (appended by `found`).
    fn push(
        &mut self,
        rule: Rule,
        expected: Cow<'static, str>,
        pointer: impl FnOnce(&mut String),
        member: Option<&str>,
        found: impl FnOnce(&mut String),
    ) {
        if self.entries.len() == self.entries.capacity() {
            // A document with one violation often has several, and one with many often has
            // dozens: start with room for 16 (buffers small enough for the allocator's
            // per-thread cache), then grow eightfold rather than doubling, since each growth
            // copies the buffers and costs more than recording a dozen violations.
            let room = if self.entries.is_empty() {
                16
            } else {
                self.entries.len() * 7
            };
            self.entries.reserve_exact(room);
            self.text.reserve(if self.text.is_empty() {
                1024
            } else {
                self.text.len() * 7
            });
        }
        pointer(&mut self.text);
        let pointer_end = self.text.len();
        if let Some(member) = member {
            self.text.push_str(member);
        }
        let member_end = self.text.len();
        found(&mut self.text);
        self.entries.push(Entry {
            rule,
            has_member: member.is_some(),
            expected,
            pointer_end,
            member_end,
            found_end: self.text.len(),
        });
    }

    /// The violations, each text in its own `String`.
    fn render(&self) -> Vec<Violation> {
        let mut start = 0;
        self.entries
            .iter()
            .map(|entry| {
                let text = |from: usize, to: usize| self.text[from..to].to_owned();
                let violation = Violation {
                    pointer: text(start, entry.pointer_end),
                    member: entry
                        .has_member
                        .then(|| text(entry.pointer_end, entry.member_end)),
                    rule: entry.rule,
                    expected: entry.expected.clone(),
                    found: text(entry.member_end, entry.found_end),
                    position: None,
                };
                start = entry.found_end;
                violation
            })
            .collect()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_valid() {
            return writeln!(f, "valid");
        }
        let plural = if self.total == 1 { "" } else { "s" };
        writeln!(f, "invalid: {} violation{plural}", self.total)?;
        let violations = self.violations();
        for violation in violations {
            writeln!(f, "  {violation}")?;
        }
        if self.is_truncated() {
            writeln!(f, "  ... and {} more", self.total - violations.len())?;
        }
        Ok(())
    }
}

/// Found values are described by [`describe`], whose masked form is everything before the
/// value's text: the JSON type.
fn mask(found: &str) -> String {
    match found.split_once(' ') {
        Some((kind @ ("string" | "number" | "boolean"), _)) => kind.to_owned(),
        _ => found.to_owned(),
    }
}

/// One step of a JSON Pointer.
#[derive(Clone, Debug)]
enum Step<'v> {
    Member(Cow<'v, str>),
    /// A member name with neither `~` nor `/`, which the pointer writes as it is.
    PlainMember(&'static str),
    Index(usize),
}

/// Walks a document for the generated validators: keeps the current pointer and records
/// violations into a report.
///
/// Generated code pushes a step before it descends into a member or an item and pops it after;
/// the pointer is rendered (with RFC 6901 escaping) only when a violation is recorded. The same
/// checker serves both validation paths: over a parsed [`Value`] and while parsing bytes
/// ([`stream`]); every check takes the value as a [`Seen`], so both paths share one
/// implementation of each rule.
#[derive(Debug)]
pub struct Checker<'v> {
    steps: Vec<Step<'v>>,
    report: Report,
    limits: Limits,
    duplicate: bool,
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
        }
    }

    /// The report of everything recorded so far.
    #[inline]
    pub fn finish(self) -> Report {
        self.report
    }

    /// Whether nothing has been recorded yet.
    #[inline]
    pub fn is_clean(&self) -> bool {
        self.report.total == 0
    }

    /// How many violations have been recorded so far.
    #[inline]
    pub fn recorded(&self) -> usize {
        self.report.total
    }

    /// Notes that an object repeats a member name. The streaming path then hands the document to
    /// the parsed path, where (as in `serde_json`) the last occurrence wins.
    #[inline]
    pub fn duplicate(&mut self) {
        self.duplicate = true;
    }

    /// Descends into member `name`.
    #[inline]
    pub fn enter_member(&mut self, name: impl Into<Cow<'v, str>>) {
        self.steps.push(Step::Member(name.into()));
    }

    /// Descends into member `name`, which must hold neither `~` nor `/` (the derive knows
    /// which of a type's member names do): the pointer copies it without looking for them.
    /// Checked in debug builds; use [`Self::enter_member`] for any other name.
    #[inline]
    pub fn enter_plain_member(&mut self, name: &'static str) {
        debug_assert!(
            !has_tilde_or_slash(name.as_bytes()),
            "{name:?} needs escaping"
        );
        self.steps.push(Step::PlainMember(name));
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
        if self.report.counts(&self.limits) {
            let steps = &self.steps;
            self.report.recorded.push(
                rule,
                expected,
                |text| write_pointer(steps, text),
                member,
                |text| found.describe_into(text),
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

    /// Records a wrong JSON type at the current position. `expected` is the JSON type in words
    /// (`an object`).
    pub fn wrong_type(&mut self, expected: &str, found: &Seen<'_>) {
        self.record(None, Rule::Type, Cow::Owned(expected.to_owned()), found);
    }

    /// [`Self::wrong_type`] with a text known before any document is read (as the derive and the
    /// standard types' checks know it), which is not copied.
    pub fn wrong_type_described(&mut self, expected: &'static str, found: &Seen<'_>) {
        self.record(None, Rule::Type, Cow::Borrowed(expected), found);
    }

    /// Records that the object at the current position lacks the required member `name`.
    pub fn missing(&mut self, name: &str, object: &Seen<'_>) {
        let expected = format!("member `{name}`");
        self.record(Some(name), Rule::Required, expected.into(), object);
    }

    /// [`Self::missing`] with its text given: `expected` must be ``member `NAME` `` (the derive
    /// writes it when it compiles the type).
    pub fn missing_described(&mut self, name: &str, expected: &'static str, object: &Seen<'_>) {
        self.record(Some(name), Rule::Required, Cow::Borrowed(expected), object);
    }

    /// Records that the object at the current position has member `name`, which it does not
    /// allow.
    pub fn unknown(&mut self, name: &str, value: &Seen<'_>) {
        let expected = Cow::Borrowed("no other members");
        self.record(Some(name), Rule::UnknownProperty, expected, value);
    }

    /// Checks `format` on a string value; other JSON types are not the format's concern.
    pub fn check_format(&mut self, value: &Seen<'_>, format: &str, is_valid: fn(&str) -> bool) {
        if let Seen::String(text) = value {
            if !is_valid(text) {
                self.violation(Rule::Format, format!("a string of format {format}"), value);
            }
        }
    }

    /// [`Self::check_format`] with its text given: `expected` must be
    /// `a string of format FORMAT` (the derive writes it when it compiles the type).
    #[inline]
    pub fn check_format_described(
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

    /// Checks a pattern on a string value; other JSON types are not the pattern's concern.
    pub fn check_pattern(&mut self, value: &Seen<'_>, pattern: &Pattern) {
        if let Seen::String(text) = value {
            if !pattern.is_match(text) {
                let expected = format!("a string matching {}", pattern.as_str());
                self.violation(Rule::Pattern, expected, value);
            }
        }
    }

    /// [`Self::check_pattern`] with its text given: `expected` must be
    /// `a string matching PATTERN` (the derive writes it when it compiles the type).
    #[inline]
    pub fn check_pattern_described(
        &mut self,
        value: &Seen<'_>,
        pattern: &Pattern,
        expected: &'static str,
    ) {
        if let Seen::String(text) = value {
            if !pattern.is_match(text) {
                self.violation(Rule::Pattern, expected, value);
            }
        }
    }

    /// Checks inclusive bounds on a number value; other JSON types are not the range's concern.
    pub fn check_range(&mut self, value: &Seen<'_>, min: Option<Bound>, max: Option<Bound>) {
        if is_out_of_range(value, min, max) {
            self.violation(Rule::Range, range_text(min, max), value);
        }
    }

    /// [`Self::check_range`] with its text given: `expected` must be what [`Self::check_range`]
    /// writes for these bounds (`a number from MIN to MAX`, `a number of at least MIN`, `a
    /// number of at most MAX`; the derive writes it when it compiles the type).
    #[inline]
    pub fn check_range_described(
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

    /// Checks inclusive bounds on the length of a string (in characters) or an array (in
    /// items); other JSON types are not the length's concern.
    pub fn check_length(&mut self, value: &Seen<'_>, min: Option<usize>, max: Option<usize>) {
        if let Some(unit) = length_unit_if_out(value, min, max) {
            let expected = match (min, max) {
                (Some(min), Some(max)) => format!("from {min} to {max} {unit}"),
                (Some(min), None) => format!("at least {min} {unit}"),
                (None, Some(max)) => format!("at most {max} {unit}"),
                (None, None) => unreachable!("a length violation needs a bound"),
            };
            self.violation(Rule::Length, expected, value);
        }
    }

    /// [`Self::check_length`] with its texts given, one for a string and one for an array:
    /// what [`Self::check_length`] writes for these bounds with the unit `characters` and with
    /// the unit `items` (the derive writes them when it compiles the type).
    #[inline]
    pub fn check_length_described(
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

    /// Records that a value is not one of `names` (an enumeration of one or more strings); the
    /// derive generates the membership test itself, as a `match`.
    pub fn not_a_variant(&mut self, value: &Seen<'_>, names: &[&str]) {
        match value {
            Seen::String(_) => {
                let listed: Vec<String> = names
                    .iter()
                    .map(|name| Value::from(*name).to_string())
                    .collect();
                let (rule, expected) = match listed.as_slice() {
                    [only] => (Rule::Const, format!("the string {only}")),
                    many => (Rule::Enum, format!("one of {}", many.join(", "))),
                };
                self.violation(rule, expected, value);
            }
            other => self.wrong_type_described("a string", other),
        }
    }

    /// [`Self::not_a_variant`] with its rule and text given: for one name `Const` and
    /// `the string "NAME"`, for more `Enum` and `one of "NAME", "NAME"` (the names as JSON
    /// strings; the derive writes them when it compiles the type).
    pub fn not_a_variant_described(
        &mut self,
        value: &Seen<'_>,
        rule: Rule,
        expected: &'static str,
    ) {
        match value {
            Seen::String(_) => self.violation(rule, expected, value),
            other => self.wrong_type_described("a string", other),
        }
    }
}

/// An inclusive numeric bound of a `range` constraint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// An integer bound.
    Integer(i128),
    /// A fractional bound.
    Float(f64),
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Integer(value) => write!(f, "{value}"),
            Self::Float(value) => write!(f, "{value}"),
        }
    }
}

/// The lower bound of an unsigned integer, and its text.
const NON_NEGATIVE: Option<Bound> = Some(Bound::Integer(0));
const AT_LEAST_ZERO: &str = "a number of at least 0";

/// Whether `value` is a number outside the inclusive bounds.
#[inline]
fn is_out_of_range(value: &Seen<'_>, min: Option<Bound>, max: Option<Bound>) -> bool {
    let Seen::Number(number) = value else {
        return false;
    };
    min.is_some_and(|min| compare(number, min) == std::cmp::Ordering::Less)
        || max.is_some_and(|max| compare(number, max) == std::cmp::Ordering::Greater)
}

/// What a range asks for, in words.
fn range_text(min: Option<Bound>, max: Option<Bound>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("a number from {min} to {max}"),
        (Some(min), None) => format!("a number of at least {min}"),
        (None, Some(max)) => format!("a number of at most {max}"),
        (None, None) => unreachable!("a range violation needs a bound"),
    }
}

/// What a length counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// The characters of a string.
    Characters,
    /// The items of an array.
    Items,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Characters => "characters",
            Self::Items => "items",
        })
    }
}

/// The unit of `value`'s length when it is a string or an array whose length is outside the
/// inclusive bounds.
fn length_unit_if_out(value: &Seen<'_>, min: Option<usize>, max: Option<usize>) -> Option<Unit> {
    let (length, unit) = match value {
        Seen::String(text) => (text.chars().count(), Unit::Characters),
        Seen::Array(items) => (*items, Unit::Items),
        _ => return None,
    };
    let out = min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max);
    out.then_some(unit)
}

/// Appends the JSON Pointer (RFC 6901) of `steps` to `pointer`.
fn write_pointer(steps: &[Step<'_>], pointer: &mut String) {
    for step in steps {
        pointer.push('/');
        match step {
            Step::Member(name) => push_escaped(pointer, name),
            Step::PlainMember(name) => pointer.push_str(name),
            Step::Index(index) => push_decimal(pointer, *index as u64),
        }
    }
}

/// Appends a member name as a JSON Pointer step (RFC 6901: `~` as `~0`, `/` as `~1`).
fn push_escaped(pointer: &mut String, name: &str) {
    if !has_tilde_or_slash(name.as_bytes()) {
        pointer.push_str(name);
        return;
    }
    // Bytes, not characters: `~` and `/` are ASCII, so their positions are character
    // boundaries.
    let mut rest = name;
    while let Some(at) = rest.bytes().position(|byte| matches!(byte, b'~' | b'/')) {
        pointer.push_str(&rest[..at]);
        pointer.push_str(if rest.as_bytes()[at] == b'~' {
            "~0"
        } else {
            "~1"
        });
        rest = &rest[at + 1..];
    }
    pointer.push_str(rest);
}

/// Whether `bytes` hold a `~` or a `/`, eight bytes at a time (a pointer is rendered for every
/// violation, and most member names need no escape).
fn has_tilde_or_slash(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const TILDES: u64 = ONES * b'~' as u64;
    const SLASHES: u64 = ONES * b'/' as u64;
    // Whether a byte of `word` is zero (exact: a borrow can only run past a zero byte).
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("chunks of eight bytes"));
        if has_zero(word ^ TILDES) || has_zero(word ^ SLASHES) {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|byte| matches!(byte, b'~' | b'/'))
}

/// Compares a JSON number with a bound exactly, as the `jsonschema` crate does.
fn compare(number: &Number, bound: Bound) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    // The common case first: a non-negative integer against an integer bound.
    if let (Some(value), Bound::Integer(bound)) = (number.as_u64(), bound) {
        return i128::from(value).cmp(&bound);
    }
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
pub fn is_integer(number: &Number) -> bool {
    number.is_u64() || number.is_i64() || number.as_f64().is_some_and(|f| f.fract() == 0.0)
}

/// A type whose JSON documents can be checked: implemented by `#[derive(Validate)]` for the
/// payload types and here for the standard types they are built from.
///
/// Two paths, one set of rules: [`Self::validate_at`] walks a parsed [`Value`];
/// [`Self::stream_at`] checks while a deserializer reads the bytes (the validators' own reader,
/// or `serde_json`'s for bytes it gives up on), without building a `Value` (the hot path of
/// [`Self::validate_slice`]). Both record into a [`Checker`] through the same
/// checks, and the tests hold them to the same reports.
pub trait Validate {
    /// Checks `value` at the checker's current position and records every violation.
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>);

    /// Checks the next value of `deserializer` at the checker's current position, recording
    /// every violation, and returns what it was (for the constraints of a field or newtype).
    ///
    /// # Errors
    ///
    /// The deserializer's, when the bytes are not JSON.
    fn stream_at<'de, D: Deserializer<'de>>(
        deserializer: D,
        checker: &mut Checker<'de>,
    ) -> Result<Seen<'de>, D::Error>;

    /// Checks a parsed document.
    fn validate(value: &Value) -> Report {
        Self::validate_with(value, Limits::DEFAULT)
    }

    /// Checks a parsed document with other limits.
    fn validate_with(value: &Value, limits: Limits) -> Report {
        let mut checker = Checker::new(limits);
        Self::validate_at(value, &mut checker);
        checker.finish()
    }

    /// Checks a document given as bytes: invalid UTF-8, malformed JSON (with line and column),
    /// a document over the size limit and nesting over `serde_json`'s depth limit (128) are
    /// reported as violations like any other. The document is checked while it is parsed; no
    /// `Value` is built (unless it repeats a member name, see [`Checker::duplicate`]).
    fn validate_slice(bytes: &[u8]) -> Report {
        Self::validate_slice_with(bytes, Limits::DEFAULT)
    }

    /// [`Self::validate_slice`] with other limits.
    fn validate_slice_with(bytes: &[u8], limits: Limits) -> Report {
        if let Err(report) = check_size(bytes, limits) {
            return report;
        }
        // The hot path: the reader judges UTF-8 text that is JSON within the depth limit. On
        // anything else it gives up, and `serde_json` reads the bytes again for the report.
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            let mut checker = Checker::new(limits);
            let mut reader = reader::Reader::new(text);
            if Self::stream_at(&mut reader, &mut checker)
                .and_then(|_| reader.end())
                .is_ok()
            {
                return judged(checker, bytes, limits, Self::validate_with);
            }
        }
        stream_with_serde_json::<Self>(bytes, limits)
    }
}

/// The report of a document streamed without a syntax error: the checker's, unless a member
/// name was repeated; then the parsed document is judged, where the last occurrence wins.
fn judged(
    checker: Checker<'_>,
    bytes: &[u8],
    limits: Limits,
    validate_with: fn(&Value, Limits) -> Report,
) -> Report {
    if !checker.duplicate {
        return checker.finish();
    }
    match parse(bytes, limits) {
        Ok(value) => validate_with(&value, limits),
        Err(report) => report,
    }
}

/// [`Validate::validate_slice_with`] with `serde_json`'s deserializer only, never the fast
/// reader: the path for bytes the reader gives up on (its reports say where and why the bytes
/// are not JSON), and the reference the reader's tests compare with.
pub(crate) fn stream_with_serde_json<T: Validate + ?Sized>(bytes: &[u8], limits: Limits) -> Report {
    if let Err(report) = check_size(bytes, limits) {
        return report;
    }
    let mut checker = Checker::new(limits);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let streamed = T::stream_at(&mut deserializer, &mut checker).and_then(|_| deserializer.end());
    match streamed {
        Ok(()) => judged(checker, bytes, limits, T::validate_with),
        // `serde_json` checks UTF-8 as it reads; the UTF-8 check runs again only to say where
        // an invalid byte is, more plainly than the parser does.
        Err(error) => check_utf8(bytes, limits)
            .err()
            .unwrap_or_else(|| syntax_report(&error, limits)),
    }
}

/// Refuses a document over the size limit before reading it.
fn check_size(bytes: &[u8], limits: Limits) -> Result<(), Report> {
    if bytes.len() > limits.max_bytes {
        let expected = format!("a document of at most {} bytes", limits.max_bytes);
        let found = format!("{} bytes", bytes.len());
        return Err(Report::of_text(
            Rule::Size,
            expected.into(),
            found,
            None,
            limits,
        ));
    }
    Ok(())
}

/// Reports the first byte that is not UTF-8, with its line and column.
fn check_utf8(bytes: &[u8], limits: Limits) -> Result<(), Report> {
    let Err(error) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    let found = format!("the byte 0x{:02x}", bytes[error.valid_up_to()]);
    let position = Some(TextPosition { line, column });
    let expected = "UTF-8 text".into();
    Err(Report::of_text(
        Rule::Syntax,
        expected,
        found,
        position,
        limits,
    ))
}

/// The report of bytes that `serde_json` refused.
fn syntax_report(error: &serde_json::Error, limits: Limits) -> Report {
    let position = Some(TextPosition {
        line: error.line(),
        column: error.column(),
    });
    let expected = "a JSON document".into();
    Report::of_text(Rule::Syntax, expected, error.to_string(), position, limits)
}

/// Parses bytes into a JSON value, or reports why they are not a document.
pub fn parse(bytes: &[u8], limits: Limits) -> Result<Value, Report> {
    check_size(bytes, limits)?;
    check_utf8(bytes, limits)?;
    serde_json::from_slice(bytes).map_err(|error| syntax_report(&error, limits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let value = json!(1);
        let mut checker = Checker::new(Limits::DEFAULT);
        checker.enter_member("a/b");
        checker.enter_member("x~y");
        checker.enter_index(3);
        checker.wrong_type("a string", &Seen::of(&value));
        assert_eq!(checker.finish().violations()[0].pointer, "/a~1b/x~0y/3");
    }

    /// Types with every check the derive writes a text for.
    mod derived {
        #![allow(dead_code)] // only validated, never built

        use serde_json::Number;

        use crate::validate::Validate;

        #[derive(Validate)]
        #[serde(transparent)]
        #[schemars(extend("format" = "uuid"))]
        pub struct Id(pub String);

        #[derive(Validate)]
        #[serde(transparent)]
        pub struct Code(#[schemars(regex(pattern = r"^[a-z]+/[0-9]{2}$"))] pub String);

        #[derive(Validate)]
        #[serde(rename_all = "kebab-case")]
        pub enum Mode {
            Edit,
            #[serde(rename = "a \"quoted\" \\ name")]
            Quoted,
        }

        #[derive(Validate)]
        pub enum Only {
            #[serde(rename = "only/one")]
            One,
        }

        #[derive(Validate)]
        #[serde(deny_unknown_fields)]
        pub struct Page {
            pub id: Id,
            pub code: Code,
            pub mode: Mode,
            pub only: Only,
            #[schemars(range(min = -1, max = 5))]
            pub between: Number,
            #[schemars(range(min = 0.5))]
            pub at_least: Number,
            #[schemars(range(max = 9_007_199_254_740_991u64))]
            pub at_most: u64,
            #[schemars(length(min = 1, max = 3))]
            pub short: String,
            #[schemars(length(min = 2))]
            pub many: Vec<bool>,
            #[schemars(length(max = 1))]
            pub few: Vec<String>,
            #[serde(rename = "a~b/c")]
            pub escaped: bool,
        }
    }

    /// The `expected` text the runtime's own method writes.
    fn runtime_text(check: impl FnOnce(&mut Checker<'static>)) -> Cow<'static, str> {
        let mut checker = Checker::new(Limits::DEFAULT);
        check(&mut checker);
        checker.finish().violations()[0].expected.clone()
    }

    #[test]
    fn derived_texts_are_the_runtime_texts() {
        let text = |text: &'static str| Seen::String(Cow::Borrowed(text));
        let number = |value: f64| Seen::Number(Number::from_f64(value).expect("finite"));
        let cases: Vec<(&str, Rule, Cow<'static, str>)> = vec![
            (
                "/id",
                Rule::Format,
                runtime_text(|c| c.check_format(&text("x"), "uuid", format::is_uuid)),
            ),
            (
                "/code",
                Rule::Pattern,
                runtime_text(|c| {
                    c.check_pattern(&text("X"), &Pattern::new(r"^[a-z]+/[0-9]{2}$"));
                }),
            ),
            (
                "/mode",
                Rule::Enum,
                runtime_text(|c| c.not_a_variant(&text("x"), &["edit", "a \"quoted\" \\ name"])),
            ),
            (
                "/only",
                Rule::Const,
                runtime_text(|c| c.not_a_variant(&text("x"), &["only/one"])),
            ),
            (
                "/between",
                Rule::Range,
                runtime_text(|c| {
                    c.check_range(
                        &number(9.0),
                        Some(Bound::Integer(-1)),
                        Some(Bound::Integer(5)),
                    );
                }),
            ),
            (
                "/at_least",
                Rule::Range,
                runtime_text(|c| c.check_range(&number(0.0), Some(Bound::Float(0.5)), None)),
            ),
            (
                "/at_most",
                Rule::Range,
                runtime_text(|c| {
                    let max = Bound::Integer(9_007_199_254_740_991);
                    c.check_range(&Seen::Number(u64::MAX.into()), None, Some(max));
                }),
            ),
            (
                "/short",
                Rule::Length,
                runtime_text(|c| c.check_length(&text("long"), Some(1), Some(3))),
            ),
            (
                "/many",
                Rule::Length,
                runtime_text(|c| c.check_length(&Seen::Array(1), Some(2), None)),
            ),
            (
                "/few",
                Rule::Length,
                runtime_text(|c| c.check_length(&Seen::Array(2), None, Some(1))),
            ),
        ];
        let document = json!({
            "id": "x",
            "code": "X",
            "mode": "x",
            "only": "x",
            "between": 9,
            "at_least": 0,
            "at_most": u64::MAX,
            "short": "long",
            "many": [true],
            "few": ["a", "b"],
        });
        let bytes = serde_json::to_vec(&document).expect("a value serialises");
        for report in [
            derived::Page::validate(&document),
            derived::Page::validate_slice(&bytes),
        ] {
            let found: Vec<(&str, Rule, &str)> = report
                .violations()
                .iter()
                .filter(|violation| violation.rule != Rule::Required)
                .map(|v| (v.pointer.as_str(), v.rule, &*v.expected))
                .collect();
            let wanted: Vec<(&str, Rule, &str)> = cases
                .iter()
                .map(|(pointer, rule, expected)| (*pointer, *rule, &**expected))
                .collect();
            assert_eq!(found, wanted);
            let missing: Vec<(&str, &str)> = report
                .violations()
                .iter()
                .filter(|violation| violation.rule == Rule::Required)
                .map(|v| (v.member.as_deref().unwrap_or_default(), &*v.expected))
                .collect();
            let escaped = runtime_text(|c| c.missing("a~b/c", &Seen::Object(0)));
            assert_eq!(missing, [("a~b/c", &*escaped)]);
        }
    }

    /// The derive pushes a member name without `~` or `/` as it is, and escapes any other.
    #[test]
    fn derived_member_pointers_are_escaped_where_needed() {
        let document = json!({"a~b/c": 1, "short": 2, "many": [3]});
        let bytes = serde_json::to_vec(&document).expect("a value serialises");
        for report in [
            derived::Page::validate(&document),
            derived::Page::validate_slice(&bytes),
        ] {
            // In declaration order on the parsed path, in document order when streaming.
            let mut wrong_types: Vec<&str> = report
                .violations()
                .iter()
                .filter(|violation| violation.rule == Rule::Type)
                .map(|violation| violation.pointer.as_str())
                .collect();
            wrong_types.sort_unstable();
            assert_eq!(wrong_types, ["/a~0b~1c", "/many/0", "/short"]);
        }
    }

    #[test]
    fn pointers_and_texts_render_as_before() {
        let value = json!("a\u{1}b");
        let mut checker = Checker::new(Limits::DEFAULT);
        checker.enter_member("");
        checker.enter_index(0);
        checker.enter_index(10);
        checker.enter_member("~/~");
        checker.enter_index(usize::MAX);
        checker.wrong_type("something else", &Seen::of(&value));
        checker.wrong_type_described("an array", &Seen::of(&value));
        let report = checker.finish();
        let pointer = format!("//0/10/~0~1~0/{}", usize::MAX);
        assert_eq!(report.violations()[0].pointer, pointer);
        assert_eq!(
            report.violations()[0].to_string(),
            format!(r#"{pointer}: type: expected something else, found string "a\u0001b""#)
        );
        assert!(matches!(
            report.violations()[1].expected,
            Cow::Borrowed("an array")
        ));
    }

    #[test]
    fn recorded_violations_are_read_as_violations() {
        let mut checker = Checker::new(Limits::DEFAULT);
        checker.enter_member("a/b");
        checker.missing("", &Seen::Object(2));
        checker.enter_index(7);
        checker.unknown("x", &Seen::Null);
        checker.leave();
        checker.violation(Rule::Enum, String::from("owned"), &Seen::Bool(true));
        let report = checker.finish();
        let violation =
            |pointer: &str, member: Option<&str>, rule, expected: &str, found: &str| Violation {
                pointer: pointer.to_owned(),
                member: member.map(str::to_owned),
                rule,
                expected: Cow::Owned(expected.to_owned()),
                found: found.to_owned(),
                position: None,
            };
        let copy = report.clone();
        assert_eq!(
            report.violations(),
            [
                violation(
                    "/a~1b",
                    Some(""),
                    Rule::Required,
                    "member ``",
                    "an object with 2 members"
                ),
                violation(
                    "/a~1b/7",
                    Some("x"),
                    Rule::UnknownProperty,
                    "no other members",
                    "null"
                ),
                violation("/a~1b", None, Rule::Enum, "owned", "boolean true"),
            ]
        );
        assert_eq!(copy, report);
        assert_eq!(
            format!("{copy:?}"),
            format!(
                "Report {{ valid: false, total: 3, violations: {:?} }}",
                report.violations()
            )
        );
        assert_eq!(
            report.to_json().to_string(),
            json!({
                "valid": false,
                "total": 3,
                "violations": report.violations(),
            })
            .to_string()
        );
        assert!(
            Checker::new(Limits::DEFAULT)
                .finish()
                .violations()
                .is_empty()
        );
    }

    #[test]
    fn tildes_and_slashes_are_found_at_every_offset() {
        for length in 0..20 {
            for at in 0..length {
                for special in [b'~', b'/'] {
                    let mut bytes = vec![b'a'; length];
                    bytes[at] = special;
                    assert!(has_tilde_or_slash(&bytes), "{bytes:?}");
                }
            }
            assert!(!has_tilde_or_slash(&vec![b'a'; length]));
        }
        let near: Vec<u8> = (0..=255u8).filter(|b| !matches!(b, b'~' | b'/')).collect();
        assert!(!has_tilde_or_slash(&near));
        assert!(!has_tilde_or_slash("~".repeat(0).as_bytes()));
        assert!(has_tilde_or_slash("é漢字🦀/".as_bytes()));
    }

    #[test]
    fn violations_beyond_the_limit_are_counted() {
        let limits = Limits {
            max_violations: 1,
            ..Limits::DEFAULT
        };
        let mut checker = Checker::new(limits);
        for _ in 0..3 {
            checker.missing("a", &Seen::Object(0));
            checker.check_range_described(&Seen::Number(3u64.into()), None, NON_NEGATIVE, "x");
        }
        let report = checker.finish();
        assert_eq!((report.total(), report.violations().len()), (6, 1));
        assert!(!report.is_valid());
    }

    #[test]
    fn reports_keep_at_most_the_limit_and_count_the_rest() {
        let limits = Limits {
            max_violations: 2,
            ..Limits::DEFAULT
        };
        let report = <Vec<String>>::validate_with(&json!([1, 2, 3, 4, 5]), limits);
        assert_eq!(report.total(), 5);
        assert_eq!(report.violations().len(), 2);
        assert!(report.is_truncated());
        assert!(report.to_string().contains("... and 3 more"), "{report}");
    }

    #[test]
    fn masking_keeps_pointers_and_rules_and_drops_values() {
        let report = <Vec<bool>>::validate(&json!(["alice@example.com"]));
        let masked = report.masked();
        assert!(report.violations()[0].found.contains("alice@example.com"));
        assert_eq!(masked.violations()[0].found, "string");
        assert_eq!(masked.violations()[0].pointer, "/0");
        assert_eq!(masked.violations()[0].rule, Rule::Type);
        assert!(!masked.to_json().to_string().contains("alice"));
    }

    #[test]
    fn integers_in_json_schema_sense() {
        assert!(<u64>::validate(&json!(2.0)).is_valid());
        assert!(!<u64>::validate(&json!(2.5)).is_valid());
        assert_eq!(
            <u64>::validate(&json!(-1)).violations()[0].rule,
            Rule::Range
        );
        assert_eq!(
            <u64>::validate(&json!("1")).violations()[0].rule,
            Rule::Type
        );
    }

    #[test]
    fn bounds_compare_exactly() {
        use std::cmp::Ordering::*;
        let max = Bound::Integer(9_007_199_254_740_991);
        assert_eq!(
            compare(&Number::from(9_007_199_254_740_992u64), max),
            Greater
        );
        assert_eq!(
            compare(&Number::from_f64(9_007_199_254_740_992.0).unwrap(), max),
            Greater
        );
        assert_eq!(
            compare(&Number::from_f64(0.5).unwrap(), Bound::Integer(0)),
            Greater
        );
        assert_eq!(
            compare(&Number::from_f64(-0.5).unwrap(), Bound::Integer(0)),
            Less
        );
        assert_eq!(compare(&Number::from(0u64), Bound::Float(0.5)), Less);
        assert_eq!(compare(&Number::from_f64(1e300).unwrap(), max), Greater);
    }

    #[test]
    fn bytes_that_are_not_a_document_are_reported_with_their_position() {
        let report = String::validate_slice(b"\"ok\"\n  \"\xff\"");
        let violation = &report.violations()[0];
        assert_eq!(violation.rule, Rule::Syntax);
        assert_eq!(
            violation.position,
            Some(TextPosition { line: 2, column: 4 })
        );

        let report = String::validate_slice(b"{\n  \"a\": 1e400\n}");
        assert_eq!(report.violations()[0].rule, Rule::Syntax);
        assert_eq!(report.violations()[0].position.map(|p| p.line), Some(2));

        let deep = "[".repeat(100_000);
        assert_eq!(
            Value::validate_slice(deep.as_bytes()).violations()[0].rule,
            Rule::Syntax
        );

        let limits = Limits {
            max_bytes: 4,
            ..Limits::DEFAULT
        };
        let report = String::validate_slice_with(b"\"12345\"", limits);
        assert_eq!(report.violations()[0].rule, Rule::Size);
    }
}
