//! What the commands' output has in common: the `--format` choice, two-space JSON with a
//! trailing newline, the wire name of an enum value in text output, and text made safe for a
//! terminal.
//!
//! Every command that prints JSON prints it the way the repository's files are written, so
//! `telemetry-spec schema ID` gives the bytes of the published schema file; text output names a
//! value as its JSON form does, so the two formats use one vocabulary. Text that comes from
//! outside the tool (file names, member names and values of documents, settings given on the
//! command line) goes through [`printable`] before it reaches a terminal in human form, so that
//! no document can print a line of its own or send an escape sequence.

use std::borrow::Cow;
use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people.
    Human,
    /// JSON for machines.
    Json,
}

/// Two-space JSON with a trailing newline, as every file of the repository is written.
pub fn write_pretty(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// The JSON string `value` serialises to (a unit variant's wire name, such as `random-id`), as
/// the JSON form prints it; empty when it serialises to anything else.
pub fn wire_name(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `text` with every character that is not printable escaped as Rust writes it in a string
/// literal: `\t`, `\n`, `\r`, `\0`, otherwise `\u{HEX}` (`\u{1b}` for ESC). Not printable:
/// control characters (C0, DEL, C1), format characters (bidirectional overrides, zero-width
/// characters), separators other than the space (line and paragraph separators, no-break
/// spaces), private-use and unassigned code points. Everything else, backslashes and quotes
/// included, is kept as it is, so printable text reads unchanged; the JSON format gives the
/// exact text.
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|byte| (b' '..=b'~').contains(&byte)) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if matches!(character, ' '..='~') {
            escaped.push(character);
            continue;
        }
        // Escaped as it would be after another character of a string (`str::escape_debug`),
        // where a combining mark, printable with the character before it, is kept.
        let mut pair = [b' '; 5];
        let length = character.encode_utf8(&mut pair[1..]).len();
        let pair = std::str::from_utf8(&pair[..=length]).unwrap_or_default();
        escaped.extend(pair.escape_debug().skip(1));
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_text_is_kept_and_the_rest_escaped() {
        for (text, shown) in [
            ("f.json:1: valid: x", "f.json:1: valid: x"),
            (r#"C:\data\"q".json"#, r#"C:\data\"q".json"#),
            ("caf\u{e9} e\u{301} \u{4e2d}", "caf\u{e9} e\u{301} \u{4e2d}"),
            (
                "x\nf.json:2: valid\n\u{1b}[2K",
                "x\\nf.json:2: valid\\n\\u{1b}[2K",
            ),
            ("\t\r\0\u{7f}\u{85}\u{9b}", "\\t\\r\\0\\u{7f}\\u{85}\\u{9b}"),
            (
                "a\u{202e}b\u{200b}c\u{2028}d\u{a0}e",
                "a\\u{202e}b\\u{200b}c\\u{2028}d\\u{a0}e",
            ),
        ] {
            assert_eq!(printable(text), shown, "{text:?}");
        }
    }
}
