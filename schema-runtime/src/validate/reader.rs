//! The hot path's JSON reader: a `serde::Deserializer` over text already known to be UTF-8,
//! built for the validators and nothing else.
//!
//! Why not `serde_json`'s deserializer, which the streaming path was written against: for a
//! validator its costs are in the wrong places. It checks UTF-8 string by string (one
//! `from_utf8` per member name), and the validators need none of its error detail on the hot
//! path, since almost every document that arrives is valid JSON. This reader takes the whole
//! document's UTF-8 as checked once before it starts ([`Reader::new`] takes a `&str`; the
//! caller checks with `simdutf8`), scans strings eight bytes at a time, lends every string
//! without escapes from the input, undoes the short escapes (`\n`, `\"`, ...) itself, and reads
//! plain non-negative integers itself.
//!
//! It is never the last word on anything unusual. Whatever it does not read itself it hands to
//! `serde_json` on the token alone (a string with a `\u` escape, any number with a sign, a
//! fraction or an exponent, or more than 19 digits), so values come out exactly as `serde_json`
//! makes them, through the same visitor calls. And on any error (not JSON, nesting past
//! `serde_json`'s depth limit, trailing characters) it gives up without detail:
//! [`Validate::validate_slice`](super::Validate::validate_slice) then judges the same bytes
//! again with `serde_json`'s deserializer, whose report (line, column, reason) is the one the
//! caller gets. So the reader must accept exactly the JSON `serde_json` accepts, or refuse it
//! and let `serde_json` decide; the tests below hold it to that, and every agreement test goes
//! through it, since every `validate_slice` does.

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

#[doc(hidden)]
pub mod edges;

type Error = Stop;

/// Why the reader stopped reading: bytes it leaves to `serde_json`, or a checker that gave up.
/// It holds nothing, since it is never shown (see the module documentation): stopping costs no
/// allocation and no message, where a `serde_json::Error` is boxed and searches its message for
/// a position (on an invalid document of a type with eras, several passes stop early).
#[derive(Debug)]
pub(crate) struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not read by the validators' reader")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_message: T) -> Self {
        Self
    }
}

/// A token handed to `serde_json` that it refuses.
impl From<serde_json::Error> for Stop {
    fn from(_error: serde_json::Error) -> Self {
        Self
    }
}

/// `serde_json`'s nesting limit: the same documents are refused on both paths.
const DEPTH_LIMIT: u8 = 128;

/// The bytes that end the plain run of a string: the quote, the backslash, and the control
/// characters JSON forbids unescaped.
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// The position of the first byte at or after `index` that may end a string's plain run,
/// eight bytes at a time (or the last few bytes' start: the byte loop goes on from there).
/// The bytes it stops at are those a JSON string must escape, so the report's rendering of a
/// string found (`seen.rs`) skips its plain runs with it too.
#[inline]
pub(super) fn skip_plain(bytes: &[u8], mut index: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    while let Some(chunk) = bytes.get(index..index + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        // The first byte of the text is the word's lowest.
        let word = u64::from_le_bytes(chunk);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        // Each term sets a byte's high bit when some byte of the word is that quote, that
        // backslash, or below 0x20 (the exact "has a zero / has less than" tests).
        let stops = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        // A borrow only carries upwards from a byte that is flagged itself, so the lowest
        // flagged byte is the first stop (bytes above it may be flagged wrongly).
        let stops = stops & HIGH;
        if stops != 0 {
            return index + (stops.trailing_zeros() / 8) as usize;
        }
        index += 8;
    }
    index
}

/// The value the validators' reader reads from `text`, or `None` where it gives up and leaves the
/// text to `serde_json`: for tests that hold documents of their own to the reader.
#[doc(hidden)]
pub fn read_value(text: &str) -> Option<serde_json::Value> {
    let mut reader = Reader::new(text);
    let value = serde::Deserialize::deserialize(&mut reader).ok()?;
    reader.end().ok()?;
    Some(value)
}

/// Reads the JSON document `bytes` with `seed`: by the validators' reader when they are UTF-8
/// text it reads, else by `serde_json`'s deserializer (the same values, read more slowly).
/// `None` when the bytes are not one JSON document within the depth limit (128), which
/// `validate_slice` then reports as a syntax violation. For readers of a document's parts that
/// want the validators' speed, such as detection.
pub fn read_with<'de, S: DeserializeSeed<'de> + Clone>(
    bytes: &'de [u8],
    seed: S,
) -> Option<S::Value> {
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        let mut reader = Reader::new(text);
        if let Ok(value) = seed.clone().deserialize(&mut reader) {
            if reader.end().is_ok() {
                return Some(value);
            }
        }
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = seed.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// Reads one JSON document from `text` for a validator.
///
/// `WATCH`: whether it also notes every member name it reads ([`Reader::watching_names`]); the
/// plain reader, the validators' hot path, compiles without a trace of it.
pub(crate) struct Reader<'de, const WATCH: bool = false> {
    text: &'de str,
    index: usize,
    remaining_depth: u8,
    /// The content of the last string with escapes, undone.
    unescaped: String,
    /// When the reader watches member names: the names of the objects being read (where each
    /// name's quoted text starts and ends), those of an object above those of the object it
    /// holds.
    names: Vec<(usize, usize)>,
    /// For each array or object being read: where its names start in `names`, and whether one
    /// of them has an escape (so that two names may be one with different texts).
    opened: Vec<(usize, bool)>,
    /// Whether an object read whole repeated a member name.
    repeated: bool,
    /// How many escapes the strings read so far had (counted when the reader watches names, to
    /// tell a name with an escape).
    escapes: usize,
}

/// How many names of one object are compared each with each; more are sorted first.
const FEW_NAMES: usize = 16;

/// A name's key for sorting many names: its length and first seven bytes, so that names with
/// different keys differ.
fn sort_key(text: &[u8]) -> u64 {
    let mut first = [0u8; 8];
    let taken = text.len().min(7);
    first[1..=taken].copy_from_slice(&text[..taken]);
    first[0] = u8::try_from(text.len()).unwrap_or(u8::MAX);
    u64::from_be_bytes(first)
}

fn refuse() -> Error {
    Stop
}

impl<'de> Reader<'de> {
    pub(crate) fn new(text: &'de str) -> Self {
        Self::of(text)
    }
}

impl<'de> Reader<'de, true> {
    /// A reader that also tells whether any object of the document repeats a member name, in
    /// every part the validator reads, checks or skips ([`Self::repeated`]): for a pass that
    /// must know that no later value replaces one it judged (the eras' counts, which may give up
    /// before the end).
    pub(crate) fn watching_names(text: &'de str) -> Self {
        Self::of(text)
    }

    /// Whether an object read whole repeated a member name.
    pub(crate) fn repeated(&self) -> bool {
        self.repeated
    }
}

/// The room the buffer of an escaped string gets at its first escape: most escaped texts of a
/// document fit, so the buffer is allocated once a document rather than grown from 8 bytes.
const UNESCAPED_ROOM: usize = 128;

impl<'de, const WATCH: bool> Reader<'de, WATCH> {
    fn of(text: &'de str) -> Self {
        Self {
            text,
            index: 0,
            remaining_depth: DEPTH_LIMIT,
            unescaped: String::new(),
            names: Vec::new(),
            opened: Vec::new(),
            repeated: false,
            escapes: 0,
        }
    }

    /// Whether the object whose names start at `from` in `self.names` repeats one. Names without
    /// escapes are the same exactly when their texts are: among a few, each is compared with
    /// each (lengths first); among many, they are sorted by their length and first bytes and
    /// only names with the same key are compared, those of a larger group sorted by their text
    /// first, so that no choice of names makes the comparisons quadratic. An object with an
    /// escape in a name (`escaped`) has its names undone and sorted.
    fn repeats_from(&self, from: usize, escaped: bool) -> bool {
        let names = &self.names[from..];
        if escaped {
            let mut undone: Vec<Cow<'de, str>> = names
                .iter()
                .filter_map(|&(start, end)| self.name(start, end).ok())
                .collect();
            undone.sort_unstable();
            return undone.windows(2).any(|pair| pair[0] == pair[1]);
        }
        let text = |(start, end): (usize, usize)| self.bytes().get(start..end).unwrap_or_default();
        if names.len() <= FEW_NAMES {
            return names.iter().enumerate().any(|(index, &name)| {
                let (start, end) = name;
                names[index + 1..].iter().any(|&(other_start, other_end)| {
                    other_end - other_start == end - start
                        && text(name) == text((other_start, other_end))
                })
            });
        }
        let mut keyed: Vec<(u64, usize, usize)> = names
            .iter()
            .map(|&(start, end)| (sort_key(text((start, end))), start, end))
            .collect();
        keyed.sort_unstable_by_key(|&(key, _, _)| key);
        keyed.chunk_by_mut(|a, b| a.0 == b.0).any(|group| {
            group.sort_unstable_by(|a, b| text((a.1, a.2)).cmp(text((b.1, b.2))));
            group
                .windows(2)
                .any(|pair| text((pair[0].1, pair[0].2)) == text((pair[1].1, pair[1].2)))
        })
    }

    /// The member name whose quoted text is `start..end`: as it is written unless it has
    /// escapes, which are undone.
    fn name(&self, start: usize, end: usize) -> Result<Cow<'de, str>, Error> {
        let quoted = self.slice(start, end)?;
        let plain = quoted
            .get(1..quoted.len().saturating_sub(1))
            .ok_or_else(refuse)?;
        if !plain.contains('\\') {
            return Ok(Cow::Borrowed(plain));
        }
        serde_json::from_str::<String>(quoted)
            .map(Cow::Owned)
            .map_err(|_| refuse())
    }

    /// After the document: only whitespace may follow.
    #[inline]
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(refuse()),
        }
    }

    #[inline]
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    /// The next byte that is not whitespace, not consumed.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&byte) = bytes.get(self.index) {
            match byte {
                b' ' | b'\n' | b'\t' | b'\r' => self.index += 1,
                _ => return Some(byte),
            }
        }
        None
    }

    /// Consumes `literal` (`true`, `false`, `null`) at the current position.
    #[inline]
    fn literal(&mut self, literal: &[u8]) -> Result<(), Error> {
        let end = self.index + literal.len();
        if self.bytes().get(self.index..end) == Some(literal) {
            self.index = end;
            Ok(())
        } else {
            Err(refuse())
        }
    }

    /// The text from `start` to `end`. Both are positions of ASCII bytes (or the end of the
    /// text), hence character boundaries; `get` keeps that a refusal, never a panic.
    #[inline]
    fn slice(&self, start: usize, end: usize) -> Result<&'de str, Error> {
        self.text.get(start..end).ok_or_else(refuse)
    }

    /// Reads the string that starts at the current position (a `"`). Without escapes, its
    /// content is lent from the text (`visit_borrowed_str`). The short escapes (`\n`, `\"`, ...)
    /// are undone here, into a buffer kept for the next string, and the string is handed over as
    /// `serde_json` hands over any escaped string (`visit_str`); at a `\u` escape (or a
    /// malformed one) the whole token goes to `serde_json`.
    fn string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let bytes = self.bytes();
        let start = self.index + 1;
        // The plain run not copied yet, and the content undone so far (once there is an escape).
        let mut run = start;
        let mut unescaped: Option<String> = None;
        let mut index = start;
        loop {
            index = skip_plain(bytes, index);
            let byte = loop {
                let Some(&byte) = bytes.get(index) else {
                    return Err(refuse());
                };
                if STRING_STOP[usize::from(byte)] {
                    break byte;
                }
                index += 1;
            };
            match byte {
                b'"' => {
                    self.index = index + 1;
                    let last = self.slice(run, index)?;
                    let Some(mut text) = unescaped else {
                        return visitor.visit_borrowed_str(last);
                    };
                    text.push_str(last);
                    let value = visitor.visit_str(&text);
                    self.unescaped = text;
                    return value;
                }
                b'\\' => {
                    if WATCH {
                        self.escapes += 1;
                    }
                    let text = unescaped.get_or_insert_with(|| {
                        let mut text = std::mem::take(&mut self.unescaped);
                        text.clear();
                        // Room for a short text at once, rather than growing it a few times.
                        text.reserve(UNESCAPED_ROOM);
                        text
                    });
                    text.push_str(self.slice(run, index)?);
                    text.push(match bytes.get(index + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        _ => return self.string_read_by_serde_json(visitor, start - 1),
                    });
                    index += 2;
                    run = index;
                }
                _ => return Err(refuse()),
            }
        }
    }

    /// The string token that starts at `start` (its `"`), read by `serde_json`.
    fn string_read_by_serde_json<V: Visitor<'de>>(
        &mut self,
        visitor: V,
        start: usize,
    ) -> Result<V::Value, Error> {
        let bytes = self.bytes();
        let mut index = start + 1;
        loop {
            match bytes.get(index) {
                None => return Err(refuse()),
                Some(b'"') => break,
                // The escaped byte is never the closing quote; `serde_json` checks the escape.
                Some(b'\\') => index += 2,
                Some(_) => index += 1,
            }
        }
        self.index = index + 1;
        let token = self.slice(start, self.index)?;
        let mut json = serde_json::Deserializer::from_str(token);
        let value = de::Deserializer::deserialize_str(&mut json, visitor)?;
        json.end()?;
        Ok(value)
    }

    /// Reads the number that starts at the current position. A plain integer of at most 19
    /// digits (below 2^64) is read here; any other goes, as its token, to `serde_json`.
    fn number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let bytes = self.bytes();
        let start = self.index;
        let mut index = start;
        let mut value: u64 = 0;
        while let Some(&byte) = bytes.get(index) {
            if !byte.is_ascii_digit() {
                break;
            }
            value = value.wrapping_mul(10).wrapping_add(u64::from(byte - b'0'));
            index += 1;
        }
        let digits = index - start;
        let plain = (1..=19).contains(&digits)
            && (digits == 1 || bytes[start] != b'0')
            && !matches!(bytes.get(index), Some(b'.' | b'e' | b'E' | b'-' | b'+'));
        if plain {
            self.index = index;
            return visitor.visit_u64(value);
        }
        while let Some(&byte) = bytes.get(index) {
            if !matches!(byte, b'0'..=b'9' | b'.' | b'e' | b'E' | b'-' | b'+') {
                break;
            }
            index += 1;
        }
        self.index = index;
        let token = self.slice(start, index)?;
        let mut json = serde_json::Deserializer::from_str(token);
        let value = de::Deserializer::deserialize_any(&mut json, visitor)?;
        json.end()?;
        Ok(value)
    }

    /// Enters an array or object: one level deeper, refused past the limit.
    #[inline]
    fn descend(&mut self) -> Result<(), Error> {
        self.remaining_depth -= 1;
        if self.remaining_depth == 0 {
            return Err(refuse());
        }
        self.index += 1;
        Ok(())
    }

    /// Leaves an array or object: its closing byte must come next.
    #[inline]
    fn ascend(&mut self, close: u8) -> Result<(), Error> {
        self.remaining_depth += 1;
        if self.peek() == Some(close) {
            self.index += 1;
            Ok(())
        } else {
            Err(refuse())
        }
    }

    /// Reads the array or object that starts at the current position and ends with `close`:
    /// its entries go to `visit`, one level deeper.
    #[inline]
    fn nested<T>(
        &mut self,
        close: u8,
        visit: impl FnOnce(Entries<'_, 'de, WATCH>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.descend()?;
        if WATCH {
            self.opened.push((self.names.len(), false));
        }
        let value = visit(Entries {
            reader: self,
            first: true,
        })?;
        if WATCH && let Some((from, escaped)) = self.opened.pop() {
            self.repeated = self.repeated || self.repeats_from(from, escaped);
            self.names.truncate(from);
        }
        self.ascend(close)?;
        Ok(value)
    }

    /// Before the next item or member: `None` at the closing byte, and a comma between two.
    #[inline]
    fn next_entry(&mut self, close: u8, first: &mut bool) -> Result<Option<u8>, Error> {
        let Some(byte) = self.peek() else {
            return Err(refuse());
        };
        if byte == close {
            return Ok(None);
        }
        if *first {
            *first = false;
            return Ok(Some(byte));
        }
        if byte != b',' {
            return Err(refuse());
        }
        self.index += 1;
        // A closing byte right after the comma (a trailing comma) starts no value and no
        // member name: the caller refuses it.
        self.peek().map(Some).ok_or_else(refuse)
    }
}

impl<'de, const WATCH: bool> de::Deserializer<'de> for &mut Reader<'de, WATCH> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek().ok_or_else(refuse)? {
            b'"' => self.string(visitor),
            b'0'..=b'9' | b'-' => self.number(visitor),
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            b'[' => self.nested(b']', |entries| visitor.visit_seq(entries)),
            b'{' => self.nested(b'}', |entries| visitor.visit_map(entries)),
            _ => Err(refuse()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'"') => self.string(visitor),
            _ => Err(refuse()),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// The items of an array or the members of an object, in order.
struct Entries<'a, 'de, const WATCH: bool> {
    reader: &'a mut Reader<'de, WATCH>,
    first: bool,
}

impl<'de, const WATCH: bool> SeqAccess<'de> for Entries<'_, 'de, WATCH> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.reader.next_entry(b']', &mut self.first)? {
            None => Ok(None),
            Some(_) => seed.deserialize(&mut *self.reader).map(Some),
        }
    }
}

impl<'de, const WATCH: bool> MapAccess<'de> for Entries<'_, 'de, WATCH> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.reader.next_entry(b'}', &mut self.first)? {
            None => Ok(None),
            Some(b'"') => {
                let (start, escapes) = (self.reader.index, self.reader.escapes);
                let key = seed.deserialize(Key(&mut *self.reader))?;
                if WATCH {
                    let end = self.reader.index;
                    self.reader.names.push((start, end));
                    if self.reader.escapes != escapes
                        && let Some((_, escaped)) = self.reader.opened.last_mut()
                    {
                        *escaped = true;
                    }
                }
                Ok(Some(key))
            }
            Some(_) => Err(refuse()),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        if self.reader.peek() != Some(b':') {
            return Err(refuse());
        }
        self.reader.index += 1;
        seed.deserialize(&mut *self.reader)
    }
}

/// A member name: a string, whatever the visitor asks for.
struct Key<'a, 'de, const WATCH: bool>(&'a mut Reader<'de, WATCH>);

impl<'de, const WATCH: bool> de::Deserializer<'de> for Key<'_, 'de, WATCH> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.0.string(visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Deserialize as _;
    use serde_json::Value;

    use super::DEPTH_LIMIT;
    use super::edges::{READ, REFUSED};

    use super::read_value as read;

    /// What the reader reads is what `serde_json` reads, member order and number kinds
    /// included (compared as text); what `serde_json` refuses, the reader refuses.
    fn assert_reads_as_serde_json(text: &str) -> Option<Value> {
        let read = read(text)?;
        let reference: Value = serde_json::from_str(text)
            .unwrap_or_else(|error| panic!("read {text:?}, which serde_json refuses: {error}"));
        assert_eq!(read.to_string(), reference.to_string(), "{text:?}");
        Some(read)
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in READ {
            assert!(
                assert_reads_as_serde_json(text).is_some(),
                "gave up on {text:?}"
            );
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        for text in REFUSED {
            assert!(
                serde_json::from_str::<Value>(text).is_err(),
                "serde_json reads {text:?}"
            );
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    #[test]
    fn refuses_the_nesting_serde_json_refuses_and_reads_the_rest() {
        let limit = usize::from(DEPTH_LIMIT);
        for depth in limit - 3..limit + 3 {
            for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
                let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
                let reference = serde_json::from_str::<Value>(&text).is_ok();
                assert_eq!(
                    assert_reads_as_serde_json(&text).is_some(),
                    reference,
                    "{depth}"
                );
            }
        }
    }

    /// Bytes in which JSON's syntax characters are frequent.
    fn json_like() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[ \\[\\]{}\":,0-9.eE+\\-tfrulsna\\\\/é😀\\n\\u{1}]{0,40}")
            .expect("a valid regex")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn never_reads_otherwise_than_serde_json(text in json_like()) {
            assert_reads_as_serde_json(&text);
        }
    }

    /// Whether the watching reader finds a repeated member name in `text`, which it reads whole.
    fn repeats(text: &str) -> bool {
        let mut reader = super::Reader::watching_names(text);
        serde::de::IgnoredAny::deserialize(&mut reader).expect("JSON");
        reader.end().expect("one document");
        reader.repeated()
    }

    #[test]
    fn a_watching_reader_tells_a_repeated_name_in_any_object() {
        for (text, repeated) in [
            (r#"{"a": 1, "b": 2}"#, false),
            (r#"{"a": 1, "a": 2}"#, true),
            // Spelled otherwise, the same name.
            (r#"{"a": 1, "\u0061": 2}"#, true),
            // The same name in two objects, or in an object and the one it holds.
            (r#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#, false),
            (r#"[1, {"x": {"y": 1, "z": 2, "y": 3}}]"#, true),
            (r#"{"a": {"b": 1}, "c": 2, "a": 3}"#, true),
        ] {
            assert_eq!(repeats(text), repeated, "{text}");
        }
    }

    /// Past the names compared each with each, the same answers: names of one length and first
    /// bytes told apart by their text, a name spelled otherwise found among many.
    #[test]
    fn a_watching_reader_tells_a_repeated_name_among_many() {
        let object = |names: &[&str]| {
            let members: Vec<String> = (0..20)
                .map(|index| format!("\"member_{index:02}\": 0"))
                .chain(names.iter().map(|name| format!("\"{name}\": 1")))
                .collect();
            format!("{{{}}}", members.join(", "))
        };
        for (names, repeated) in [
            (&["other"][..], false),
            (&["member_07"], true),
            (&["member_99", "member_98"], false),
            (&["member_9", "member_9"], true),
            (&[r"member\u005f07"], true),
            (&[r"member\u005f77"], false),
        ] {
            let text = object(names);
            assert_eq!(repeats(&text), repeated, "{text}");
        }
    }

    #[test]
    fn many_names_are_compared_in_about_linear_time() {
        // 100,000 names made by `name` from their index, then `last`.
        let many = |name: fn(usize) -> String, last: &str| {
            let members: Vec<String> = (0..100_000)
                .map(|index| format!("\"{}\": 0", name(index)))
                .collect();
            format!("{{{}, \"{last}\": 1}}", members.join(", "))
        };
        let short: fn(usize) -> String = |index| format!("m{index}");
        assert!(!repeats(&many(short, "other")));
        assert!(repeats(&many(short, "m77")));
        // Names of one length and first bytes: sorted by their text, not compared each with each.
        let alike: fn(usize) -> String = |index| format!("same_prefix_{index:06}");
        assert!(!repeats(&many(alike, "same_prefix_x")));
        assert!(repeats(&many(alike, "same_prefix_012345")));
    }
}
