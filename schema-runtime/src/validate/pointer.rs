//! RFC 6901 JSON Pointers: how a member name is written as a reference token. Every pointer
//! the toolkit writes (in a violation, in a schema walk, in a test) escapes names here.

use std::borrow::Cow;

/// A member name as a JSON Pointer reference token: `~` as `~0`, `/` as `~1`; borrowed when the
/// name needs neither.
///
/// ```
/// use schema_runtime::validate::pointer::escape_token;
///
/// assert_eq!(escape_token("a/b~c"), "a~1b~0c");
/// assert_eq!(format!("/properties/{}", escape_token("plain")), "/properties/plain");
/// ```
pub fn escape_token(name: &str) -> Cow<'_, str> {
    if has_tilde_or_slash(name.as_bytes()) {
        let mut token = String::with_capacity(name.len() + 2);
        push_token(&mut token, name);
        Cow::Owned(token)
    } else {
        Cow::Borrowed(name)
    }
}

/// A JSON Pointer reference token read back as the member name it stands for: `~1` as `/`,
/// `~0` as `~` (in that order, as RFC 6901 says).
pub fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Appends a member name as a JSON Pointer reference token (RFC 6901: `~` as `~0`, `/` as
/// `~1`).
pub fn push_token(pointer: &mut String, name: &str) {
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
pub(crate) fn has_tilde_or_slash(bytes: &[u8]) -> bool {
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
