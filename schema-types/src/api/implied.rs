//! What a valid document of each kind shows of the clues' pointers, read from the kind's
//! published schema; and the kinds whose valid documents are detected as theirs whatever else
//! they hold.
//!
//! A kind is *settled by validity* when every document its schema accepts meets its own
//! signature and no other kind's. For such a kind, detection need not read the whole document:
//! once the members read so far meet its signature, a valid report of its validator settles the
//! kind, and detection on the whole document would have answered the same
//! ([`super::judge()`]). A document that is not valid goes on to full detection, so nothing is
//! ever decided on a guess.
//!
//! The schema is read soundly and no further: every keyword is one more constraint a valid
//! document meets, so one that is not understood here can be ignored (the answer is then
//! "maybe" where it could have been "yes" or "no"), except the keywords that change what
//! another means (`patternProperties` widens `additionalProperties`), which are read as
//! "maybe". A kind with an open object where another kind's clue could stand is not settled by
//! validity.

use serde_json::{Map, Value};

use super::probe::Probes;
use crate::registry::PAYLOADS;
use crate::schema_walk;

/// What a kind's schema says of one fact about the documents it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Implied {
    /// The fact holds for none.
    No,
    /// It may hold or not.
    Maybe,
    /// It holds for every one.
    Yes,
}

use Implied::{Maybe, No, Yes};

impl Implied {
    /// The fact "this and that".
    pub(crate) fn and(self, other: Self) -> Self {
        match (self, other) {
            (No, _) | (_, No) => No,
            (Yes, Yes) => Yes,
            _ => Maybe,
        }
    }

    /// The fact "this or that".
    pub(crate) fn or(self, other: Self) -> Self {
        match (self, other) {
            (Yes, _) | (_, Yes) => Yes,
            (No, No) => No,
            _ => Maybe,
        }
    }

    /// The fact "not this".
    pub(crate) fn not(self) -> Self {
        match self {
            No => Yes,
            Maybe => Maybe,
            Yes => No,
        }
    }

    /// What is known of one fact of a value that meets two constraints, from what each says:
    /// either's certainty holds.
    fn both(self, other: Self) -> Self {
        match (self, other) {
            (Yes, _) | (_, Yes) => Yes,
            (No, _) | (_, No) => No,
            _ => Maybe,
        }
    }

    /// What is known of one fact of a value that meets one of two constraints: only what both
    /// say.
    fn either(self, other: Self) -> Self {
        if self == other { self } else { Maybe }
    }
}

/// What a value at one place of a valid document meets.
#[derive(Clone, Debug)]
enum Constraint<'s> {
    /// Nothing is known.
    Any,
    /// A schema of the document's root schema (`$ref`s are resolved there).
    Schema(&'s Value),
    /// Every one of these.
    All(Vec<Constraint<'s>>),
    /// At least one of these.
    Either(Vec<Constraint<'s>>),
}

/// How many `$ref`s are followed from one place before the answer is "maybe" (a schema that
/// refers to itself).
const MAX_REFERENCES: usize = 32;

/// A question about the value at one place.
#[derive(Clone, Copy)]
enum Question<'q> {
    /// Is it an array?
    Array,
    /// Is it this string?
    Equals(&'q str),
    /// Is it an object with a member whose name starts with this and whose value is an array?
    ArrayNamed(&'q str),
}

/// Answers about the values a schema accepts, with `root` for its `$ref`s.
struct Reader<'s> {
    root: &'s Value,
}

impl<'s> Reader<'s> {
    /// The parts of `schema` as constraints: its own keywords, and what its `$ref`, `allOf`,
    /// `anyOf` and `oneOf` add.
    fn parts(&self, schema: &'s Value, references: usize) -> Vec<Part<'s>> {
        let Value::Object(keywords) = schema else {
            // `true`, or `false`, which no value meets: nothing to say either way.
            return Vec::new();
        };
        let mut parts = vec![Part::Keywords(keywords)];
        if let Some(Value::String(reference)) = keywords.get("$ref") {
            match schema_walk::resolve(self.root, reference) {
                Ok((target, _)) if references < MAX_REFERENCES => {
                    parts.push(Part::Reference(target, references + 1));
                }
                _ => {}
            }
        }
        if let Some(Value::Array(all)) = keywords.get("allOf") {
            parts.extend(all.iter().map(|schema| Part::Reference(schema, references)));
        }
        for applicator in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = keywords.get(applicator) {
                parts.push(Part::Either(branches, references));
            }
        }
        parts
    }

    /// What `constraint` says of `question`.
    fn answer(&self, constraint: &Constraint<'s>, question: Question<'_>) -> Implied {
        match constraint {
            Constraint::Any => Maybe,
            Constraint::Schema(schema) => self.answer_schema(schema, question, 0),
            Constraint::All(constraints) => constraints
                .iter()
                .map(|constraint| self.answer(constraint, question))
                .fold(Maybe, Implied::both),
            Constraint::Either(constraints) => constraints
                .iter()
                .map(|constraint| self.answer(constraint, question))
                .reduce(Implied::either)
                .unwrap_or(Maybe),
        }
    }

    fn answer_schema(
        &self,
        schema: &'s Value,
        question: Question<'_>,
        references: usize,
    ) -> Implied {
        self.parts(schema, references)
            .into_iter()
            .map(|part| match part {
                Part::Keywords(keywords) => self.answer_keywords(keywords, question),
                Part::Reference(schema, references) => {
                    self.answer_schema(schema, question, references)
                }
                Part::Either(branches, references) => branches
                    .iter()
                    .map(|branch| self.answer_schema(branch, question, references))
                    .reduce(Implied::either)
                    .unwrap_or(Maybe),
            })
            .fold(Maybe, Implied::both)
    }

    /// What one schema's own keywords say of `question`.
    fn answer_keywords(&self, keywords: &'s Map<String, Value>, question: Question<'_>) -> Implied {
        match question {
            Question::Array => is_type(keywords, "array", Value::is_array),
            Question::Equals(expected) => {
                let by_value = match (keywords.get("const"), keywords.get("enum")) {
                    (Some(constant), _) => {
                        if constant == expected {
                            Yes
                        } else {
                            No
                        }
                    }
                    (None, Some(Value::Array(values))) => values
                        .iter()
                        .map(|value| if value == expected { Yes } else { No })
                        .reduce(Implied::either)
                        .unwrap_or(No),
                    _ => Maybe,
                };
                by_value.both(match is_type(keywords, "string", Value::is_string) {
                    No => No,
                    _ => Maybe,
                })
            }
            Question::ArrayNamed(prefix) => {
                let object = is_type(keywords, "object", Value::is_object);
                if object == No {
                    return No;
                }
                let properties = keywords.get("properties").and_then(Value::as_object);
                let required = required(keywords);
                let named = || {
                    properties
                        .into_iter()
                        .flatten()
                        .filter(|(name, _)| name.starts_with(prefix))
                };
                let surely = named().any(|(name, schema)| {
                    required.contains(&name.as_str())
                        && self.answer_schema(schema, Question::Array, 0) == Yes
                });
                if surely {
                    return object;
                }
                let others_are_not = match (
                    keywords.get("patternProperties"),
                    keywords.get("additionalProperties"),
                ) {
                    (Some(_), _) | (None, None | Some(Value::Bool(true))) => false,
                    (None, Some(Value::Bool(false))) => true,
                    (None, Some(schema)) => self.answer_schema(schema, Question::Array, 0) == No,
                };
                let none = others_are_not
                    && named()
                        .all(|(_, schema)| self.answer_schema(schema, Question::Array, 0) == No);
                if none { No } else { Maybe }
            }
        }
    }

    /// Whether the member `name` of the value is present, and what its value meets.
    fn member(&self, constraint: &Constraint<'s>, name: &str) -> (Implied, Constraint<'s>) {
        match constraint {
            Constraint::Any => (Maybe, Constraint::Any),
            Constraint::Schema(schema) => self.member_of_schema(schema, name, 0),
            Constraint::All(constraints) => {
                let (presence, members) = constraints
                    .iter()
                    .map(|constraint| self.member(constraint, name))
                    .fold(
                        (Maybe, Vec::new()),
                        |(presence, mut members), (present, member)| {
                            members.push(member);
                            (presence.both(present), members)
                        },
                    );
                (presence, Constraint::All(members))
            }
            Constraint::Either(constraints) => {
                let mut answers = constraints
                    .iter()
                    .map(|constraint| self.member(constraint, name));
                let Some((first, member)) = answers.next() else {
                    return (Maybe, Constraint::Any);
                };
                let (presence, members) = answers.fold(
                    (first, vec![member]),
                    |(presence, mut members), (present, member)| {
                        members.push(member);
                        (presence.either(present), members)
                    },
                );
                (presence, Constraint::Either(members))
            }
        }
    }

    fn member_of_schema(
        &self,
        schema: &'s Value,
        name: &str,
        references: usize,
    ) -> (Implied, Constraint<'s>) {
        let mut presence = Maybe;
        let mut members = Vec::new();
        for part in self.parts(schema, references) {
            let (present, member) = match part {
                Part::Keywords(keywords) => self.member_of_keywords(keywords, name),
                Part::Reference(schema, references) => {
                    self.member_of_schema(schema, name, references)
                }
                Part::Either(branches, references) => {
                    let answers: Vec<(Implied, Constraint<'s>)> = branches
                        .iter()
                        .map(|branch| self.member_of_schema(branch, name, references))
                        .collect();
                    let present = answers
                        .iter()
                        .map(|(present, _)| *present)
                        .reduce(Implied::either)
                        .unwrap_or(Maybe);
                    let members = answers.into_iter().map(|(_, member)| member).collect();
                    (present, Constraint::Either(members))
                }
            };
            presence = presence.both(present);
            members.push(member);
        }
        (presence, Constraint::All(members))
    }

    fn member_of_keywords(
        &self,
        keywords: &'s Map<String, Value>,
        name: &str,
    ) -> (Implied, Constraint<'s>) {
        let object = is_type(keywords, "object", Value::is_object);
        if object == No {
            return (No, Constraint::Any);
        }
        let declared = keywords
            .get("properties")
            .and_then(Value::as_object)
            .and_then(|properties| properties.get(name));
        let (allowed, member) = match declared {
            Some(schema) => (Maybe, Constraint::Schema(schema)),
            None => match (
                keywords.get("patternProperties"),
                keywords.get("additionalProperties"),
            ) {
                (None, Some(Value::Bool(false))) => (No, Constraint::Any),
                (None, Some(schema @ Value::Object(_))) => (Maybe, Constraint::Schema(schema)),
                _ => (Maybe, Constraint::Any),
            },
        };
        let if_object = if required(keywords).contains(&name) {
            Yes
        } else {
            allowed
        };
        // A value that may be no object may lack the member whatever the object would hold.
        let presence = match (object, if_object) {
            (Yes, present) => present,
            (_, No) => No,
            _ => Maybe,
        };
        (presence, member)
    }
}

/// One part of a schema ([`Reader::parts`]).
enum Part<'s> {
    /// Its own keywords.
    Keywords(&'s Map<String, Value>),
    /// Another schema it also meets (a `$ref`'s target, an `allOf` entry), with the `$ref`s
    /// followed to reach it.
    Reference(&'s Value, usize),
    /// Schemas of which it meets at least one (`anyOf`, `oneOf`).
    Either(&'s [Value], usize),
}

/// Whether a value the keywords accept is of JSON type `name`, from `type` and `const`.
fn is_type(keywords: &Map<String, Value>, name: &str, of: fn(&Value) -> bool) -> Implied {
    let by_type = match keywords.get("type") {
        Some(Value::String(only)) => {
            if only == name {
                Yes
            } else {
                No
            }
        }
        Some(Value::Array(types)) if types.iter().all(|ty| ty != name) => No,
        Some(Value::Array(types)) if types.len() == 1 => Yes,
        _ => Maybe,
    };
    let by_value = match keywords.get("const") {
        Some(constant) => {
            if of(constant) {
                Yes
            } else {
                No
            }
        }
        None => Maybe,
    };
    by_type.both(by_value)
}

/// The names a schema's `required` lists.
fn required(keywords: &Map<String, Value>) -> Vec<&str> {
    keywords
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// What every document a schema accepts shows of the probes' pointers and tests.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Shown {
    /// Per node of the probes' tree: whether its pointer is present.
    pub(crate) present: Vec<Implied>,
    /// Per test: whether it holds.
    pub(crate) holds: Vec<Implied>,
}

/// What every document `schema` accepts shows of the pointers and tests of `probes`.
pub(crate) fn shown(probes: &Probes, schema: &Value) -> Shown {
    let reader = Reader { root: schema };
    let mut present = vec![No; probes.node_count()];
    let mut holds = vec![Maybe; probes.test_count()];
    let mut constraints = vec![Constraint::Any; probes.node_count()];
    present[0] = Yes;
    constraints[0] = Constraint::Schema(schema);
    // Parents come before their children in the tree's order.
    for node in 0..probes.node_count() {
        let constraint = constraints[node].clone();
        for (name, child) in probes.children(node) {
            let (member, of_member) = reader.member(&constraint, name);
            present[child] = present[node].and(member);
            constraints[child] = of_member;
        }
        for (expected, test) in probes.equals(node) {
            holds[test] = present[node].and(reader.answer(&constraint, Question::Equals(expected)));
        }
        for (prefix, test) in probes.array_prefixes(node) {
            holds[test] =
                present[node].and(reader.answer(&constraint, Question::ArrayNamed(prefix)));
        }
    }
    Shown { present, holds }
}

/// Whether kind `kind` (its index in [`PAYLOADS`]) is settled by validity: every document its
/// published schema accepts meets its signature and no other kind's.
pub(crate) fn settled_by_validity(probes: &Probes, kind: usize) -> bool {
    let shown = shown(probes, &PAYLOADS[kind].schema());
    (0..PAYLOADS.len()).all(|other| {
        let meets = probes.meets(other, &shown);
        if other == kind {
            meets == Yes
        } else {
            meets == No
        }
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::probe::PROBES;

    #[test]
    fn the_kinds_settled_by_validity_leave_no_room_for_another_kinds_clues() {
        let unsettled: Vec<&str> = PAYLOADS
            .iter()
            .enumerate()
            .filter(|&(index, _)| !PROBES.is_settled(index))
            .map(|(_, kind)| kind.id)
            .collect();
        assert_eq!(
            unsettled,
            [
                // `metrics` takes any other member as a metric (an array): one named
                // `otel_enabled` or `backend_type` is a clue of another Enterprise report.
                "hasura/ee-usage-metrics",
                "hasura/ee-usage-metrics-row",
                "hasura/ee-usage-metrics-wire",
                // Its `v1` era holds runtime errors, whose `data.message` is the signature of
                // `hasura/console-error`, the refinement.
                "hasura/console-event",
                "hasura/console-event-row",
                "hasura/console-event-wire",
                // The file is open: it may hold any other kind's members.
                "hasura/cli-config",
                // Its `event` is any name, `FETCH_RELEASE_NOTES` too (a keep-alive ping's), and
                // so is its call's.
                "appsmith/navigation-event",
                "appsmith/navigation-event-call",
            ]
        );
        // Every kind's schema implies its own signature, but for a kind another refines: its
        // documents that show the refinement's signature are the refinement's.
        for (index, kind) in PAYLOADS
            .iter()
            .enumerate()
            .filter(|(_, kind)| PAYLOADS.iter().all(|other| other.refines != Some(kind.id)))
        {
            assert_eq!(
                PROBES.meets(index, &shown(&PROBES, &kind.schema())),
                Yes,
                "{}",
                kind.id
            );
        }
    }

    /// What `schema` says of member `name` of the document: its presence, and whether its
    /// value is the string `expected`.
    fn member(schema: &Value, name: &str, expected: &str) -> (Implied, Implied) {
        let reader = Reader { root: schema };
        let (present, value) = reader.member(&Constraint::Schema(schema), name);
        (present, reader.answer(&value, Question::Equals(expected)))
    }

    #[test]
    fn a_schema_implies_what_its_keywords_say_and_no_more() {
        let closed = json!({
            "type": "object",
            "properties": {"event": {"const": "ping"}, "id": {"type": "integer"}},
            "required": ["event"],
            "additionalProperties": false
        });
        assert_eq!(member(&closed, "event", "ping"), (Yes, Yes));
        assert_eq!(member(&closed, "event", "pong"), (Yes, No));
        assert_eq!(member(&closed, "id", "1"), (Maybe, No));
        assert_eq!(member(&closed, "topic", "x").0, No);

        // An open object may hold any other member; a value that may be no object may lack
        // even a required one.
        let open = json!({"type": "object", "required": ["event"]});
        assert_eq!(member(&open, "topic", "x"), (Maybe, Maybe));
        assert_eq!(member(&open, "event", "x").0, Yes);
        let nullable = json!({"type": ["object", "null"], "required": ["event"]});
        assert_eq!(member(&nullable, "event", "x").0, Maybe);
        let untyped = json!({"required": ["event"]});
        assert_eq!(member(&untyped, "event", "x").0, Maybe);
        let patterned = json!({
            "type": "object",
            "patternProperties": {"^t": {}},
            "additionalProperties": false
        });
        assert_eq!(member(&patterned, "topic", "x").0, Maybe);

        // Through `$ref`s, and one of several branches: only what every branch says.
        let branches = json!({
            "$ref": "#/$defs/Event",
            "$defs": {
                "Event": {"oneOf": [
                    {"type": "object", "properties": {"event": {"const": "a"}}, "required": ["event"]},
                    {"type": "object", "properties": {"event": {"const": "b"}}, "required": ["event"]}
                ]}
            }
        });
        assert_eq!(member(&branches, "event", "a"), (Yes, Maybe));
        assert_eq!(member(&branches, "event", "c"), (Yes, No));

        // A schema that refers to itself is read to a bound.
        let recursive = json!({"$ref": "#"});
        assert_eq!(member(&recursive, "event", "a"), (Maybe, Maybe));
    }

    #[test]
    fn an_array_named_by_a_prefix_is_known_from_required_and_closed_members() {
        let answer = |schema: &Value| {
            Reader { root: schema }
                .answer(&Constraint::Schema(schema), Question::ArrayNamed("hasura_"))
        };
        let metrics = |additional: Value| {
            json!({
                "type": "object",
                "properties": {"hasura_requests": {"type": "array"}, "other": {"type": "integer"}},
                "required": ["hasura_requests"],
                "additionalProperties": additional
            })
        };
        assert_eq!(answer(&metrics(json!(false))), Yes);
        let optional = json!({
            "type": "object",
            "properties": {"hasura_requests": {"type": "array"}},
            "additionalProperties": false
        });
        assert_eq!(answer(&optional), Maybe);
        let closed_without = json!({
            "type": "object",
            "properties": {"hasura_version": {"type": "string"}},
            "additionalProperties": false
        });
        assert_eq!(answer(&closed_without), No);
        let open_to_arrays = json!({
            "type": "object",
            "properties": {"hasura_version": {"type": "string"}},
            "additionalProperties": {"type": "array"}
        });
        assert_eq!(answer(&open_to_arrays), Maybe);
        let open_to_numbers = json!({
            "type": "object",
            "properties": {"hasura_version": {"type": "string"}},
            "additionalProperties": {"type": "number"}
        });
        assert_eq!(answer(&open_to_numbers), No);
    }
}
