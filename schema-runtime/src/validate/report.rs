//! What a validation returns: the [`Report`] of one document, its [`Violation`]s, the [`Rule`]
//! each breaks, and the [`Limits`] that keep judging untrusted input cheap.
//!
//! A report records violations cheaply, because an ingestion path mostly wants the verdict and
//! the count: each violation's texts go into one buffer ([`Recorded`]), and the `Violation`
//! values are made the first time anything reads them; nothing is rendered beyond the limit.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::Seen;
use super::seen::describe_string_into;

/// A constraint kind, as a violation names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
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
    /// None of the members a cross-member rule names is present and not `null` (JSON Schema
    /// `anyOf` of `required`).
    AtLeastOne,
    /// A member's value that a cross-member rule forbids while another member holds a given
    /// value (JSON Schema `if`/`then`).
    IfThen,
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
            Self::AtLeastOne => "at-least-one",
            Self::IfThen => "if-then",
        }
    }

    /// Whether the rule is about the shape of a document (which members it has, of which JSON
    /// type) rather than about a value: what tells one era of a type from another.
    pub(crate) const fn is_about_shape(self) -> bool {
        matches!(
            self,
            Self::Type | Self::Required | Self::UnknownProperty | Self::AtLeastOne
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A place in the document's text, for violations found before there is a value to point into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TextPosition {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

/// One broken constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
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
    /// Bit `n`: the pointer's token `n` (from 0) is a name the document chose (a member of an
    /// open map), not one its type declares; [`Masking::ValuesAndNames`] hides those.
    #[serde(skip)]
    pub(crate) chosen_names: u64,
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
    /// The largest document, in bytes, that
    /// [`Validate::validate_slice`](crate::Validate::validate_slice) parses.
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
///
/// A document of a type with eras (several shapes, one per emitter version; see
/// [`super::eras`]) is judged against each: its report names the era that matched, or for an
/// invalid document the closest one, whose violations it holds ([`Self::era`]).
#[derive(Clone)]
pub struct Report {
    valid: bool,
    total: usize,
    era: Option<&'static str>,
    /// Whether the report is of bytes that are no document (kept apart from the violations, so
    /// that a report that keeps none says it too).
    about_bytes: bool,
    pub(crate) recorded: Recorded,
    violations: OnceLock<Vec<Violation>>,
}

impl Report {
    #[inline]
    pub(crate) fn new() -> Self {
        Self {
            valid: true,
            total: 0,
            era: None,
            about_bytes: false,
            recorded: Recorded::default(),
            violations: OnceLock::new(),
        }
    }

    /// The report of a document of `size` bytes, over the size limit of `limits`: one `size`
    /// violation of the whole document (as [`Validate::validate_slice_with`] reports it, for a
    /// caller that refuses the document before reading it whole).
    ///
    /// [`Validate::validate_slice_with`]: super::Validate::validate_slice_with
    pub fn too_large(size: usize, limits: Limits) -> Self {
        let expected = schema_vocabulary::document_of_at_most(limits.max_bytes);
        Self::of_text(
            Rule::Size,
            expected.into(),
            format!("{size} bytes"),
            None,
            limits,
        )
    }

    /// The report of bytes that `serde_json` refused: one `syntax` violation with the line and
    /// column of `error` (in `position`; `found` says what is wrong, without repeating where).
    pub fn syntax_error(error: &serde_json::Error, limits: Limits) -> Self {
        let position = Some(TextPosition {
            line: error.line(),
            column: error.column(),
        });
        let expected = schema_vocabulary::A_JSON_DOCUMENT.into();
        let message = error.to_string();
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let found = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
        Self::of_text(Rule::Syntax, expected, found, position, limits)
    }

    /// The report of a document the validator accepts but serde refuses to read into the type
    /// `type_name` (which the workspace's tests hold never to happen): one `type` violation of
    /// the whole document, serde's message in `found` (which masking removes: it can quote a
    /// value).
    pub fn undeserialisable(type_name: &str, error: &serde_json::Error, limits: Limits) -> Self {
        let expected = format!("a document that deserialises as {type_name}");
        let found = format!("{REFUSED} ({error})");
        Self::of_text(Rule::Type, expected.into(), found, None, limits)
    }

    /// The report of a violation found in the text, before any value exists: the document's
    /// only one.
    pub(crate) fn of_text(
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
            chosen_names: 0,
        };
        let kept = if limits.max_violations > 0 {
            vec![violation]
        } else {
            Vec::new()
        };
        Self {
            valid: false,
            total: 1,
            era: None,
            about_bytes: matches!(rule, Rule::Syntax | Rule::Size),
            recorded: Recorded::default(),
            violations: OnceLock::from(kept),
        }
    }

    /// Whether the document broke no constraint.
    #[inline]
    pub fn is_valid(&self) -> bool {
        self.total == 0
    }

    /// For a type with eras: the era the document was held against, the one it matched when it
    /// is valid, the closest one (fewest violations, ties to the newest) when it is not. `None`
    /// for a type without eras, and for bytes that are no document at all (a `syntax` or
    /// `size` violation), which every era refuses alike.
    #[inline]
    pub fn era(&self) -> Option<&'static str> {
        self.era
    }

    /// The same report, held against `era` (see [`Self::era`]).
    #[must_use]
    pub fn with_era(mut self, era: &'static str) -> Self {
        self.era = Some(era);
        self
    }

    /// Whether the report is about bytes that are no document (a `syntax` or `size` violation
    /// of the whole input): what every era of a type says alike.
    pub fn is_about_bytes(&self) -> bool {
        self.about_bytes
    }

    /// Adds the violations of `other`, a report of the same document from the same position,
    /// as far as `limits` keeps them (all are counted).
    pub(crate) fn absorb(&mut self, other: &Report, limits: &Limits) {
        for violation in other.violations() {
            if self.counts(limits) {
                self.recorded.push_violation(violation);
            }
        }
        let uncounted = other.total.saturating_sub(other.violations().len());
        self.total += uncounted;
        if other.total > 0 {
            self.valid = false;
        }
    }

    /// The violations kept, in the order found.
    pub fn violations(&self) -> &[Violation] {
        self.violations.get_or_init(|| self.recorded.render())
    }

    /// How many violations there were, kept or not.
    #[inline]
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether violations were found beyond those kept.
    pub fn is_truncated(&self) -> bool {
        self.total > self.kept()
    }

    /// How many violations the report keeps.
    #[inline]
    fn kept(&self) -> usize {
        self.violations
            .get()
            .map_or(self.recorded.entries.len(), Vec::len)
    }

    /// The same report with every found value replaced by its JSON type, so that it can be
    /// logged without logging what a document holds. Pointers, members and rules are kept
    /// ([`Masking::Values`]).
    pub fn masked(&self) -> Self {
        self.masked_with(Masking::Values)
    }

    /// The same report masked at `level` ([`Violation::masked`] for each violation).
    pub fn masked_with(&self, level: Masking) -> Self {
        let violations: Vec<Violation> = self
            .violations()
            .iter()
            .map(|violation| violation.masked(level))
            .collect();
        Self {
            valid: self.valid,
            total: self.total,
            era: self.era,
            about_bytes: self.about_bytes,
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
    #[inline]
    pub(crate) fn counts(&mut self, limits: &Limits) -> bool {
        self.total += 1;
        self.valid = false;
        self.kept() < limits.max_violations
    }
}

/// As the fields would be derived: `valid`, `total`, `violations` (and `era` when there is
/// one).
impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut report = f.debug_struct("Report");
        report.field("valid", &self.valid);
        if let Some(era) = self.era {
            report.field("era", &era);
        }
        report
            .field("total", &self.total)
            .field("violations", &self.violations())
            .finish()
    }
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.valid == other.valid
            && self.era == other.era
            && self.total == other.total
            && self.violations() == other.violations()
    }
}

impl Eq for Report {}

/// As the fields would be derived: `{"valid": .., "total": .., "violations": [..]}`, with
/// `"era"` after `valid` for a type with eras.
impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let fields = if self.era.is_some() { 4 } else { 3 };
        let mut report = serializer.serialize_struct("Report", fields)?;
        report.serialize_field("valid", &self.valid)?;
        if let Some(era) = self.era {
            report.serialize_field("era", era)?;
        } else {
            report.skip_field("era")?;
        }
        report.serialize_field("total", &self.total)?;
        report.serialize_field("violations", self.violations())?;
        report.end()
    }
}

/// The violations of a report as recorded: each one's texts (pointer, member, found) one after
/// the other in one buffer, so that recording one allocates nothing (but the buffers' growth).
/// A found string the report shows whole is kept as it is and described (quoted, escaped) only
/// when the violations are read: most reports are asked only for their verdict and count.
#[derive(Clone, Debug, Default)]
pub(crate) struct Recorded {
    text: String,
    entries: Vec<Entry>,
}

/// One recorded violation. Its texts are in [`Recorded::text`], from where the previous entry's
/// end: the pointer up to `pointer_end`, the member up to `member_end`, the found value up to
/// `found_end`.
#[derive(Clone, Debug)]
struct Entry {
    rule: Rule,
    chosen_names: u64,
    has_member: bool,
    /// Whether the found text is a string as the document holds it, not yet described.
    found_string: bool,
    expected: Cow<'static, str>,
    pointer_end: usize,
    member_end: usize,
    found_end: usize,
}

/// The most violations a dropped report's buffers may have room for to be kept for the next
/// report on its thread: more than the default limit keeps (8 KiB of entries).
const SPARE_ENTRIES: usize = 128;
/// The most text a dropped report's buffer may have room for to be kept (so a thread keeps at
/// most 16 KiB).
const SPARE_TEXT: usize = 8 * 1024;

thread_local! {
    /// The buffers of the last report with violations dropped on this thread, emptied, for the
    /// next report's first violation: a stream of invalid documents then records violations
    /// without allocating (two allocations and two frees weigh most on the shortest
    /// documents).
    static SPARE: Cell<Option<(String, Vec<Entry>)>> = const { Cell::new(None) };
}

/// Buffers for a report's first violation: room for 16 violations and 1 KiB of text, or more,
/// the spare ones of this thread's last report when there are.
fn spare_buffers() -> (String, Vec<Entry>) {
    SPARE
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_else(|| (String::with_capacity(1024), Vec::with_capacity(16)))
}

impl Drop for Recorded {
    fn drop(&mut self) {
        let kept = 1..=SPARE_ENTRIES;
        if !kept.contains(&self.entries.capacity()) || self.text.capacity() > SPARE_TEXT {
            return;
        }
        let mut text = std::mem::take(&mut self.text);
        let mut entries = std::mem::take(&mut self.entries);
        text.clear();
        entries.clear();
        // A thread being torn down has no spare to keep.
        let _ = SPARE.try_with(|spare| spare.set(Some((text, entries))));
    }
}

/// A violation's found value, as [`Recorded::push`] takes it.
pub(crate) enum Found<'s> {
    /// A value the document holds.
    Seen(&'s Seen<'s>),
    /// A value already described (another report's).
    Described(&'s str),
}

impl Recorded {
    /// Records a violation: its pointer (appended to the buffer by `pointer`), its member, and
    /// its found value.
    pub(crate) fn push(
        &mut self,
        rule: Rule,
        expected: Cow<'static, str>,
        pointer: impl FnOnce(&mut String) -> u64,
        member: Option<&str>,
        found: Found<'_>,
    ) {
        if self.entries.len() == self.entries.capacity() {
            // A document with one violation often has several, and one with many often has
            // dozens: start with room for 16 (buffers small enough for the allocator's
            // per-thread cache), then grow eightfold rather than doubling, since each growth
            // copies the buffers and costs more than recording a dozen violations.
            if self.entries.is_empty() {
                (self.text, self.entries) = spare_buffers();
            } else {
                self.entries.reserve_exact(self.entries.len() * 7);
                self.text.reserve(self.text.len() * 7);
            }
        }
        let chosen_names = pointer(&mut self.text);
        let pointer_end = self.text.len();
        if let Some(member) = member {
            self.text.push_str(member);
        }
        let member_end = self.text.len();
        let found_string = match found {
            Found::Seen(seen) => match seen.string_shown_whole() {
                Some(text) => {
                    self.text.push_str(text);
                    true
                }
                None => {
                    seen.describe_into(&mut self.text);
                    false
                }
            },
            Found::Described(text) => {
                self.text.push_str(text);
                false
            }
        };
        self.entries.push(Entry {
            rule,
            chosen_names,
            has_member: member.is_some(),
            found_string,
            expected,
            pointer_end,
            member_end,
            found_end: self.text.len(),
        });
    }

    /// Records a violation already rendered (one of another report's).
    fn push_violation(&mut self, violation: &Violation) {
        self.push(
            violation.rule,
            violation.expected.clone(),
            |text| {
                text.push_str(&violation.pointer);
                violation.chosen_names
            },
            violation.member.as_deref(),
            Found::Described(&violation.found),
        );
    }

    /// Each violation's rule, pointer and member, read in place (nothing rendered).
    pub(crate) fn each(&self) -> impl Iterator<Item = (Rule, &str, Option<&str>)> {
        let mut start = 0;
        self.entries.iter().map(move |entry| {
            let pointer = &self.text[start..entry.pointer_end];
            let member = entry
                .has_member
                .then(|| &self.text[entry.pointer_end..entry.member_end]);
            start = entry.found_end;
            (entry.rule, pointer, member)
        })
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
                    found: if entry.found_string {
                        let found = &self.text[entry.member_end..entry.found_end];
                        let mut described = String::with_capacity(found.len() + 16);
                        describe_string_into(&mut described, found);
                        described
                    } else {
                        text(entry.member_end, entry.found_end)
                    },
                    position: None,
                    chosen_names: entry.chosen_names,
                };
                start = entry.found_end;
                violation
            })
            .collect()
    }
}

impl Report {
    /// The verdict in one line: `valid`, or how many violations and the first one (and the era,
    /// for a type with eras: `valid (era 2023)`, `invalid against era 2021: ...`).
    pub fn summary(&self) -> String {
        let verdict = self.verdict();
        match self.violations().first() {
            None if self.is_valid() => verdict,
            None => format!("{verdict}: {} violations", self.total),
            Some(first) if self.total == 1 => format!("{verdict}: {first}"),
            Some(first) => format!("{verdict}: {} violations, the first: {first}", self.total),
        }
    }

    /// `valid` or `invalid`, with the era the document was held against.
    fn verdict(&self) -> String {
        match (self.is_valid(), self.era) {
            (true, None) => "valid".to_owned(),
            (true, Some(era)) => format!("valid (era {era})"),
            (false, None) => "invalid".to_owned(),
            (false, Some(era)) => format!("invalid against era {era}"),
        }
    }
}

/// A report is the error of a document that breaks its rules: it composes with `?`,
/// `Box<dyn Error>` and `anyhow`.
impl std::error::Error for Report {}

impl<'r> IntoIterator for &'r Report {
    type Item = &'r Violation;
    type IntoIter = std::slice::Iter<'r, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations().iter()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = self.verdict();
        if self.is_valid() {
            return writeln!(f, "{verdict}");
        }
        let plural = if self.total == 1 { "" } else { "s" };
        writeln!(f, "{verdict}: {} violation{plural}", self.total)?;
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

/// What `found` says of a document serde refused to read ([`Report::undeserialisable`]); its
/// masked form.
const REFUSED: &str = "a document serde refuses";

/// What masking leaves of a found value: the JSON type of a scalar (`string`, `number`,
/// `boolean`), the description of what holds no value (`null`, the size of an object or an
/// array, the size of a document, a byte that is not UTF-8), a syntax error's reason (the
/// parser's words, naming tokens, not values); anything else is replaced whole.
fn mask(found: &str, rule: Rule) -> String {
    if let Some((kind @ ("string" | "number" | "boolean"), _)) = found.split_once(' ') {
        return kind.to_owned();
    }
    let holds_no_value = found == "null"
        || found.starts_with("an object with ")
        || found.starts_with("an array of ")
        || found.starts_with("the byte 0x")
        || (rule == Rule::Size && found.ends_with(" bytes"))
        || rule == Rule::Syntax;
    if holds_no_value {
        found.to_owned()
    } else if found.starts_with(REFUSED) {
        REFUSED.to_owned()
    } else {
        MASKED.to_owned()
    }
}

/// What masking writes for a found text it cannot vouch for, and for a member name
/// [`Masking::ValuesAndNames`] hides.
const MASKED: &str = "(masked)";

/// How much of a document a masked report keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Masking {
    /// Values are replaced by their JSON type; pointers and member names are kept.
    Values,
    /// Values are replaced, and so is every member name a document chose rather than its type
    /// declared: the member of an `unknown-property` violation is `(masked)`, and a pointer's
    /// token that names a member of an open map is `*` (a name a document chose can itself be
    /// personal data). Pointers through declared members are kept.
    ValuesAndNames,
}

impl Violation {
    /// The violation with its found value replaced by its JSON type (and at
    /// [`Masking::ValuesAndNames`], an undeclared member's name by `(masked)`): nothing of a value
    /// survives in any text.
    pub fn masked(&self, level: Masking) -> Self {
        let (member, pointer) = match level {
            Masking::Values => (self.member.clone(), self.pointer.clone()),
            Masking::ValuesAndNames => {
                let member = match self.rule {
                    Rule::UnknownProperty => self.member.as_ref().map(|_| MASKED.to_owned()),
                    _ => self.member.clone(),
                };
                (member, self.pointer_without_chosen_names())
            }
        };
        Self {
            pointer,
            member,
            found: mask(&self.found, self.rule),
            ..self.clone()
        }
    }

    /// The pointer with every token a document chose written `*`.
    fn pointer_without_chosen_names(&self) -> String {
        if self.chosen_names == 0 {
            return self.pointer.clone();
        }
        let mut pointer = String::with_capacity(self.pointer.len());
        for (index, token) in self.pointer.split('/').skip(1).enumerate() {
            pointer.push('/');
            let chosen = index < 64 && self.chosen_names & (1 << index) != 0;
            pointer.push_str(if chosen { "*" } else { token });
        }
        pointer
    }
}
