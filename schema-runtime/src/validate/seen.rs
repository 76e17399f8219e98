//! [`Seen`]: what a check needs of a value, whichever path produced it.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::{Number, Value};

/// How many characters of a string a report shows.
const SHOWN: usize = 64;

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

    /// A parsed value, seen without borrowing from it.
    pub(crate) fn owned(value: &Value) -> Seen<'static> {
        match value {
            Value::String(text) => Seen::String(Cow::Owned(text.clone())),
            Value::Null => Seen::Null,
            Value::Bool(flag) => Seen::Bool(*flag),
            Value::Number(number) => Seen::Number(number.clone()),
            Value::Array(items) => Seen::Array(items.len()),
            Value::Object(members) => Seen::Object(members.len()),
        }
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            _ => None,
        }
    }

    /// The value described for a report: its JSON type, and for scalars a short rendering (a
    /// string as JSON text, cut after 64 characters).
    ///
    /// Rendered into one buffer of the right capacity (reports describe every violation's
    /// value, so this is on the path of every invalid document).
    pub fn describe(&self) -> String {
        let capacity = match self {
            Self::Null => 4,
            Self::Bool(_) => "boolean false".len(),
            // "number " and the longest a u64, an i64 or an f64 is written.
            Self::Number(_) => "number ".len() + 24,
            // "string ", the quotes, and the text when nothing is escaped (the shown part of
            // a long one: at most 4 bytes a character, and the count after it).
            Self::String(text) => "string \"\"".len() + text.len().min(SHOWN * 4 + 32),
            Self::Array(_) | Self::Object(_) => "an object with  members".len() + 20,
        };
        let mut out = String::with_capacity(capacity);
        self.describe_into(&mut out);
        out
    }

    /// The string, when a report shows it whole (at most 64 bytes, so at most 64 characters):
    /// a report keeps its text as it is and describes it only when read
    /// ([`describe_string_into`]), which costs a copy instead of an escaping pass over it.
    pub(super) fn string_shown_whole(&self) -> Option<&str> {
        match self {
            Self::String(text) if text.len() <= SHOWN => Some(text),
            _ => None,
        }
    }

    /// [`Self::describe`], appended to `out`.
    pub(super) fn describe_into(&self, out: &mut String) {
        // Writing to a `String` cannot fail.
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(true) => out.push_str("boolean true"),
            Self::Bool(false) => out.push_str("boolean false"),
            Self::Number(number) => {
                out.push_str("number ");
                // As `Number` displays itself, without the formatting machinery for integers.
                if let Some(value) = number.as_u64() {
                    push_decimal(out, value);
                } else if let Some(value) = number.as_i64() {
                    out.push('-');
                    push_decimal(out, value.unsigned_abs());
                } else {
                    let _ = write!(out, "{number}");
                }
            }
            Self::String(text) => {
                // A text of at most `SHOWN` bytes has at most `SHOWN` characters.
                let cut = if text.len() <= SHOWN {
                    None
                } else {
                    text.char_indices().nth(SHOWN)
                };
                match cut {
                    None => describe_string_into(out, text),
                    Some((end, _)) => {
                        describe_string_into(out, &text[..end]);
                        let count = SHOWN + text[end..].chars().count();
                        let _ = write!(out, "... ({count} characters)");
                    }
                }
            }
            Self::Array(items) => {
                out.push_str("an array of ");
                push_decimal(out, *items as u64);
                out.push_str(if *items == 1 { " item" } else { " items" });
            }
            Self::Object(members) => {
                out.push_str("an object with ");
                push_decimal(out, *members as u64);
                out.push_str(if *members == 1 { " member" } else { " members" });
            }
        }
    }
}

/// What [`Seen::describe_into`] writes of a string it shows whole
/// ([`Seen::string_shown_whole`]), or of the part it shows of a longer one.
pub(super) fn describe_string_into(out: &mut String, text: &str) {
    out.push_str("string ");
    push_json_string(out, text);
}

/// Appends `value` in decimal digits.
pub(super) fn push_decimal(out: &mut String, mut value: u64) {
    // One digit, as most array indices in a pointer are.
    if let Ok(digit) = u8::try_from(value)
        && digit < 10
    {
        out.push(char::from(b'0' + digit));
        return;
    }
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[start..]).expect("ASCII digits"));
}

/// Appends `text` as a JSON string, escaped exactly as `serde_json` writes it (`\"`, `\\`, the
/// short escapes of `\b`, `\f`, `\n`, `\r`, `\t`, and `\u00xx` for the other control
/// characters), without building a `Value` first. Runs of bytes that need no escape are copied
/// whole.
fn push_json_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut start = 0;
    // The plain runs are skipped eight bytes at a time.
    let mut index = super::reader::skip_plain(bytes, 0);
    while let Some(&byte) = bytes.get(index) {
        let short = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => {
                index += 1;
                continue;
            }
        };
        // `byte` is ASCII, so `index` is a character boundary.
        out.push_str(&text[start..index]);
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(short);
        }
        start = index + 1;
        index = super::reader::skip_plain(bytes, start);
    }
    out.push_str(&text[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rendering `describe` replaced: through a `Value` and `format!`.
    fn described_through_value(seen: &Seen<'_>) -> String {
        match seen {
            Seen::Null => "null".to_owned(),
            Seen::Bool(flag) => format!("boolean {flag}"),
            Seen::Number(number) => format!("number {number}"),
            Seen::String(text) => {
                let count = text.chars().count();
                if count <= SHOWN {
                    format!("string {}", Value::String(text.to_string()))
                } else {
                    let shown: String = text.chars().take(SHOWN).collect();
                    format!("string {}... ({count} characters)", Value::String(shown))
                }
            }
            Seen::Array(1) => "an array of 1 item".to_owned(),
            Seen::Array(items) => format!("an array of {items} items"),
            Seen::Object(1) => "an object with 1 member".to_owned(),
            Seen::Object(members) => format!("an object with {members} members"),
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        let texts = [
            String::new(),
            "plain".to_owned(),
            "quote \" backslash \\ slash / tab \t".to_owned(),
            "\u{0}\u{1f}\u{7f}\u{80}\u{2028}\u{2029}\u{feff}".to_owned(),
            "é, 漢字, 🦀 and \u{10ffff}".to_owned(),
            // Escapes past the first eight bytes, in the middle of a word and at the very end.
            "a plain run of some length\" then more of it\nand é漢字🦀 past it\u{1}".to_owned(),
            "sixteen bytes ok\\".to_owned(),
            every_ascii,
        ];
        for text in texts {
            let mut out = String::new();
            push_json_string(&mut out, &text);
            assert_eq!(out, Value::String(text.clone()).to_string(), "{text:?}");
        }
    }

    #[test]
    fn descriptions_are_those_of_the_value_rendering() {
        let long = "a\"é🦀".repeat(40);
        let cases = [
            Seen::Null,
            Seen::Bool(true),
            Seen::Bool(false),
            Seen::Number(Number::from(u64::MAX)),
            Seen::Number(Number::from(i64::MIN)),
            Seen::Number(Number::from_f64(-1.5e-300).expect("finite")),
            Seen::Number(Number::from_f64(2.0).expect("finite")),
            Seen::String(Cow::Borrowed("")),
            Seen::String(Cow::Borrowed("\u{1}\n\"x\"")),
            Seen::String(Cow::Owned("x".repeat(SHOWN))),
            Seen::String(Cow::Owned("x".repeat(SHOWN + 1))),
            Seen::String(Cow::Owned("\n".repeat(SHOWN * 3))),
            Seen::String(Cow::Owned(long)),
            Seen::Array(0),
            Seen::Array(1),
            Seen::Array(2),
            Seen::Array(usize::MAX),
            Seen::Object(0),
            Seen::Object(1),
            Seen::Object(12),
        ];
        for seen in cases {
            assert_eq!(seen.describe(), described_through_value(&seen), "{seen:?}");
        }
    }
}
