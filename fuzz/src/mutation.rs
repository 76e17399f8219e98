//! The structure-aware target's cases: a valid document of a kind (a kept document or a random
//! instance), changed by a few mutations that `arbitrary` draws from the fuzzer's bytes, and
//! written as bytes.
//!
//! Most mutations change the value (a member removed or added, a value of another type, a
//! string or number edited, a node wrapped deep); two change only how it is written, which no
//! `Value` can hold: a member name written twice (the last one wins, as `serde_json` reads it) and
//! a string or name written with escapes (`\u00e9`, surrogate pairs, `\/`). They go in as
//! placeholders (a string `"\u0001D0\u0001"`) and are replaced in the serialised text.

use arbitrary::Arbitrary;
use integration_tests::paths::{self, Step, nearest_object, node_mut};
use schema_types::PayloadKind;
use serde_json::{Map, Number, Value};

use crate::{Base, kind_of};

/// At most this many mutations apply to one case.
const MUTATIONS: usize = 16;

/// Strings with a meaning to some check (formats, patterns, enumerations), and their near
/// misses.
pub const TOKENS: &[&str] = &[
    "00000000-0000-0000-0000-000000000000",
    "4b9d6c3a-1f2e-4d5c-8b7a-6e5f4d3c2b1a",
    "4B9D6C3A-1F2E-4D5C-8B7A-6E5F4D3C2B1A",
    "2019-01-21T19:43:33.63838+00:00",
    "2020-02-30T10:00:00Z",
    "2020-12-31T23:59:60Z",
    "1990-12-31t15:59:60-08:00",
    "not-a-uuid",
    "",
    "a@b.co",
    "\"quoted\"@example.com",
    "::1",
    "1::",
    "::ffff:1.2.3.4",
    "256.1.1.1",
    "127.0.0.1",
    "609ce8fb4092701c69df984G",
    "609ce8fb4092701c69df984f",
    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "v2.48.0",
    "view",
    "PUBLISHED",
    "EDIT",
    "success",
    "true",
    "null",
    "0",
];

/// One case of the structure-aware target.
#[derive(Arbitrary, Debug)]
pub struct Case {
    /// The kind, as in [`kind_of`].
    pub kind: u8,
    /// The document changed.
    pub base: Base,
    /// The changes, in order (at most 16 apply).
    pub mutations: Vec<Mutation>,
    /// Written with `serde_json`'s pretty printer rather than compactly.
    pub pretty: bool,
}

/// One change at a node, `at` counted among all nodes in document order (modulo their number).
#[derive(Arbitrary, Debug)]
pub struct Mutation {
    at: u16,
    change: Change,
}

#[derive(Arbitrary, Debug)]
enum Change {
    /// Drop the node from its parent.
    Remove,
    /// Put another value in its place.
    Replace(Scalar),
    /// Put a copy of another node of the document in its place (often of another type).
    Copy(u16),
    /// Add a member to the node (or to the nearest object above it).
    AddMember(Name, Scalar),
    /// Edit a string by one character, a number by a little, a boolean into a string.
    Edit { how: u8, at: u16, character: char },
    /// Wrap the node in `depth` arrays or objects (past 128 levels no reader takes it).
    Nest { depth: u8, array: bool },
    /// Write a member of the node's object (or the nearest one above) twice: once more, with
    /// `value`, before or after the one there.
    Duplicate {
        member: u8,
        value: Scalar,
        first: bool,
    },
    /// Write the node's string (or its member name) with escapes, in one of several styles.
    Escape { name: bool, style: u8 },
}

/// A value to put somewhere.
#[derive(Arbitrary, Debug)]
enum Scalar {
    Null,
    Bool(bool),
    Integer(i64),
    Unsigned(u64),
    Float(f64),
    Text(String),
    Token(u8),
    EmptyArray,
    EmptyObject,
    Items(u8, Box<Scalar>),
}

/// A member name to add.
#[derive(Arbitrary, Debug)]
enum Name {
    /// A name some published schema declares.
    Declared(u16),
    /// Any name.
    Text(String),
}

impl Scalar {
    fn value(&self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(flag) => Value::Bool(*flag),
            Self::Integer(number) => Value::from(*number),
            Self::Unsigned(number) => Value::from(*number),
            Self::Float(number) => Number::from_f64(*number).map_or(Value::Null, Value::Number),
            Self::Text(text) => Value::String(text.clone()),
            Self::Token(index) => {
                Value::String(TOKENS[usize::from(*index) % TOKENS.len()].to_owned())
            }
            Self::EmptyArray => Value::Array(Vec::new()),
            Self::EmptyObject => Value::Object(Map::new()),
            Self::Items(count, item) => Value::Array(vec![item.value(); usize::from(*count % 8)]),
        }
    }
}

impl Name {
    fn text(&self) -> String {
        match self {
            Self::Declared(index) => {
                let names = &*DECLARED;
                names[usize::from(*index) % names.len()].clone()
            }
            Self::Text(text) => text.clone(),
        }
    }
}

static DECLARED: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(crate::member_names);

/// What a placeholder stands for in the serialised text.
enum Placeholder {
    /// A member name, written as `serde_json` writes it.
    Name(String),
    /// A string, written with escapes in a style.
    Escaped(String, u8),
}

impl Case {
    /// The kind judged.
    pub fn kind(&self) -> &'static PayloadKind {
        kind_of(self.kind)
    }

    /// The bytes of the changed document.
    pub fn bytes(&self) -> Vec<u8> {
        let kind = self.kind();
        let mut document = self.base.document(kind);
        let mut placeholders = Vec::new();
        for mutation in self.mutations.iter().take(MUTATIONS) {
            mutation.apply(&mut document, &mut placeholders);
        }
        let mut text = if self.pretty {
            serde_json::to_string_pretty(&document)
        } else {
            serde_json::to_string(&document)
        }
        .expect("a value serialises");
        for (index, placeholder) in placeholders.iter().enumerate() {
            let written = match placeholder {
                Placeholder::Name(name) => {
                    serde_json::to_string(name).expect("a string serialises")
                }
                Placeholder::Escaped(text, style) => escaped(text, *style),
            };
            text = text.replace(&placeholder_text(index, true), &written);
        }
        text.into_bytes()
    }
}

/// The placeholder string for `index`: as it stands in the value, or (`written`) as
/// `serde_json` writes it.
fn placeholder_text(index: usize, written: bool) -> String {
    if written {
        format!("\"\\u0001P{index}\\u0001\"")
    } else {
        format!("\u{1}P{index}\u{1}")
    }
}

/// `text` as a JSON string with escapes: every character as `\uXXXX` (style 0), every other
/// one (1), the characters outside ASCII only (2), or the short escapes where there are some
/// and `\/` for every slash (3).
fn escaped(text: &str, style: u8) -> String {
    let mut out = String::from("\"");
    for (index, character) in text.chars().enumerate() {
        let escape = match style % 4 {
            0 => true,
            1 => index % 2 == 0,
            2 => !character.is_ascii(),
            _ => false,
        };
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if style % 4 == 3 => out.push_str("\\/"),
            '\n' if style % 4 == 3 => out.push_str("\\n"),
            character if escape || u32::from(character) < 0x20 => {
                let mut units = [0u16; 2];
                for unit in character.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            character => out.push(character),
        }
    }
    out.push('"');
    out
}

impl Mutation {
    fn apply(&self, document: &mut Value, placeholders: &mut Vec<Placeholder>) {
        let all = paths::all(document);
        let path = all[usize::from(self.at) % all.len()].clone();
        match &self.change {
            Change::Remove => paths::remove(document, &path),
            Change::Replace(scalar) => *node_mut(document, &path) = scalar.value(),
            Change::Copy(from) => {
                let from = &all[usize::from(*from) % all.len()];
                let copy = node_mut(document, from).clone();
                *node_mut(document, &path) = copy;
            }
            Change::AddMember(name, scalar) => {
                if let Some(members) = nearest_object(document, &path) {
                    members.insert(name.text(), scalar.value());
                }
            }
            Change::Edit { how, at, character } => {
                edit(node_mut(document, &path), *how, *at, *character)
            }
            Change::Nest { depth, array } => {
                let node = node_mut(document, &path);
                let mut inner = node.take();
                for _ in 0..*depth {
                    inner = if *array {
                        Value::Array(vec![inner])
                    } else {
                        let mut members = Map::new();
                        members.insert("value".to_owned(), inner);
                        Value::Object(members)
                    };
                }
                *node = inner;
            }
            Change::Duplicate {
                member,
                value,
                first,
            } => {
                let index = placeholders.len();
                let Some(members) = nearest_object(document, &path) else {
                    return;
                };
                let name = members
                    .keys()
                    .nth(usize::from(*member) % members.len().max(1))
                    .cloned()
                    .unwrap_or_default();
                let at = if *first { 0 } else { members.len() };
                members.shift_insert(at, placeholder_text(index, false), value.value());
                placeholders.push(Placeholder::Name(name));
            }
            Change::Escape { name, style } => {
                let index = placeholders.len();
                if *name {
                    let Some((Step::Member(member), parent)) = path.split_last() else {
                        return;
                    };
                    let Value::Object(members) = node_mut(document, parent) else {
                        return;
                    };
                    let Some(position) = members.keys().position(|name| name == member) else {
                        return;
                    };
                    let Some(value) = members.shift_remove(member) else {
                        return;
                    };
                    members.shift_insert(position, placeholder_text(index, false), value);
                    placeholders.push(Placeholder::Escaped(member.clone(), *style));
                } else if let Value::String(text) = node_mut(document, &path) {
                    let original = std::mem::replace(text, placeholder_text(index, false));
                    placeholders.push(Placeholder::Escaped(original, *style));
                }
            }
        }
    }
}

fn edit(node: &mut Value, how: u8, at: u16, character: char) {
    match node {
        Value::String(text) => paths::edit_text(text, how, usize::from(at), character),
        Value::Number(number) => {
            let base = number.as_f64().unwrap_or(0.0);
            let changed = match how % 6 {
                0 => Some(Value::from(base + 1.0)),
                1 => Some(Value::from(-base - 1.0)),
                2 => Some(Value::from(base + 0.5)),
                3 => Some(Value::from(base * 1e20)),
                4 => number
                    .as_u64()
                    .map(|n| Value::from(n.wrapping_add(u64::from(at)))),
                _ => number
                    .as_i64()
                    .map(|n| Value::from(n.wrapping_sub(i64::from(at)))),
            };
            if let Some(changed) = changed.filter(Value::is_number) {
                *node = changed;
            }
        }
        Value::Bool(flag) => *node = Value::String(flag.to_string()),
        _ => {}
    }
}
