//! `--valid-out` and `--invalid-out`: the documents of a run routed to two files, as Snowplow
//! routes good and bad rows, so that together they hold every document of the inputs once.
//!
//! A valid document is written unchanged, byte for byte, followed by a line feed. An invalid one
//! is a line of JSON: its verdict as `--format json` prints it, plus the document itself in the
//! one member of the three below that keeps every byte of it:
//!
//! - `document`: the document, embedded as it is, when it is JSON on one line;
//! - `document_text`: the document as a JSON string, when it is UTF-8 but not JSON on one line
//!   (malformed JSON, or a pretty-printed document spread over lines);
//! - `document_base64`: its bytes in base64 (RFC 4648, padded), when they are not UTF-8;
//!
//! or `"document": null` for a document over the size limit, whose bytes were counted and not
//! kept (its report gives its size).

use std::borrow::Cow;

use serde::de::IgnoredAny;

/// Appends the valid document `bytes` and a line feed (none when the document already ends with
/// one: a single document read to the end of its input keeps its own).
pub fn valid_line(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(bytes);
    if bytes.last() != Some(&b'\n') {
        out.push(b'\n');
    }
}

/// Appends the line of an invalid document: `verdict` (one JSON object, as `--format json`
/// prints it) with the document's member added last; `bytes` is `None` for a document over the
/// size limit.
pub fn invalid_line(out: &mut Vec<u8>, verdict: &[u8], bytes: Option<&[u8]>) {
    let (name, value): (&str, Cow<'_, [u8]>) = match bytes {
        None => ("document", Cow::Borrowed(b"null")),
        Some(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) if is_one_line_json(text) => ("document", Cow::Borrowed(bytes)),
            Ok(text) => ("document_text", Cow::Owned(quoted(text))),
            Err(_) => (
                "document_base64",
                Cow::Owned(quoted(&data_encoding::BASE64.encode(bytes))),
            ),
        },
    };
    // `verdict` is a JSON object: its closing brace gives way to one more member.
    out.extend_from_slice(verdict.strip_suffix(b"}").unwrap_or(verdict));
    out.extend_from_slice(b",\"");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
    out.extend_from_slice(&value);
    out.extend_from_slice(b"}\n");
}

/// Whether `text` is one JSON value with no line break in it, so that it can stand as it is
/// inside a line of JSON. (Text, not bytes: `serde_json` skips the strings of a value it ignores
/// without checking their UTF-8.)
fn is_one_line_json(text: &str) -> bool {
    !text.contains(['\n', '\r']) && serde_json::from_str::<IgnoredAny>(text).is_ok()
}

/// `text` as a JSON string.
fn quoted(text: &str) -> Vec<u8> {
    // Serialising a `str` cannot fail.
    serde_json::to_vec(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn routed(bytes: Option<&[u8]>) -> Value {
        let mut out = Vec::new();
        invalid_line(&mut out, br#"{"line":3,"valid":false}"#, bytes);
        assert_eq!(out.iter().filter(|&&byte| byte == b'\n').count(), 1);
        assert!(out.ends_with(b"}\n"));
        serde_json::from_slice(&out).expect("a routed line is JSON")
    }

    #[test]
    fn an_invalid_document_is_kept_whole_in_its_line() {
        let line = routed(Some(br#" {"a": [1, 2.50]} "#));
        assert_eq!(
            line,
            json!({"line": 3, "valid": false, "document": {"a": [1, 2.5]}})
        );

        let broken = "{\"a\": \"caf\u{e9}\", ";
        let line = routed(Some(broken.as_bytes()));
        assert_eq!(line["document_text"], broken);
        assert!(line.get("document").is_none());

        let pretty = "{\n  \"a\": 1\r\n}\n";
        assert_eq!(routed(Some(pretty.as_bytes()))["document_text"], pretty);

        // JSON but for its UTF-8: kept as bytes.
        let bytes = b"{\"a\": \"\xff\xfe\"}";
        let line = routed(Some(bytes));
        let base64 = line["document_base64"].as_str().unwrap();
        assert_eq!(
            data_encoding::BASE64.decode(base64.as_bytes()).unwrap(),
            bytes
        );

        assert_eq!(routed(None)["document"], Value::Null);
    }

    #[test]
    fn a_valid_document_is_written_as_it_is() {
        let mut out = Vec::new();
        valid_line(&mut out, b"{\"a\": 1}");
        valid_line(&mut out, b"{\n  \"a\": 1\n}\n");
        assert_eq!(out, b"{\"a\": 1}\n{\n  \"a\": 1\n}\n");
    }
}
