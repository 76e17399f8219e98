//! [`Seen`]: what a check needs of a value, whichever path produced it.

use std::borrow::Cow;

use serde_json::{Number, Value};

/// A value as the checks see it: scalars in full (a string borrowed from the document when it
/// can be), arrays and objects by their size. The parsed path makes one from a [`Value`]; the
/// streaming path while it reads the bytes.
#[derive(Clone, Debug, PartialEq)]
pub enum Seen<'v> {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Cow<'v, str>),
    /// An array of this many items.
    Array(usize),
    /// An object with this many members.
    Object(usize),
}

impl<'v> Seen<'v> {
    /// A parsed value, seen.
    pub fn of(value: &'v Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(flag) => Self::Bool(*flag),
            Value::Number(number) => Self::Number(number.clone()),
            Value::String(text) => Self::String(Cow::Borrowed(text)),
            Value::Array(items) => Self::Array(items.len()),
            Value::Object(members) => Self::Object(members.len()),
        }
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            _ => None,
        }
    }

    /// The value described for a report: its JSON type, and for scalars a short rendering.
    pub fn describe(&self) -> String {
        const SHOWN: usize = 64;
        match self {
            Self::Null => "null".to_owned(),
            Self::Bool(flag) => format!("boolean {flag}"),
            Self::Number(number) => format!("number {number}"),
            Self::String(text) => {
                let count = text.chars().count();
                if count <= SHOWN {
                    format!("string {}", Value::String(text.to_string()))
                } else {
                    let shown: String = text.chars().take(SHOWN).collect();
                    format!("string {}... ({count} characters)", Value::String(shown))
                }
            }
            Self::Array(items) => format!("an array of {items} items"),
            Self::Object(members) => format!("an object with {members} members"),
        }
    }
}
