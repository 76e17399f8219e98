//! Reading the documents of an input (a file, standard input, a request body: any [`BufRead`]):
//! one JSON document or NDJSON, each document with the line where it starts, in memory bounded
//! by a size limit.
//!
//! [`Documents`] is an iterator of [`Item`]s: a document's bytes with its line, or a document
//! over the limit with its size, counted but not kept. The bytes are not parsed here beyond
//! what telling documents apart needs; a kind's validator (or `serde_json`) reads them.
//!
//! An input is one document when it is a single JSON value, pretty-printed or not; otherwise it
//! is NDJSON, one document per line that is not blank. The choice is made per input, from its
//! start:
//!
//! - when the first non-blank line is a JSON value by itself, or cannot begin a value that spans
//!   lines (only `{` and `[` can), the input is NDJSON;
//! - otherwise the input is read on, up to the size limit. If all of it is one JSON value it is
//!   one document. If it is not, it is still read as one (broken) document when it looks like
//!   one: its first line is the unfinished start of a value and fewer than half of its
//!   non-blank lines are JSON values by themselves (so that a pretty-printed document with a
//!   missing comma gets one verdict, not one per line); else it is NDJSON after all (a stream
//!   whose first line is truncated);
//! - an input that looks like one document but is larger than the limit is one document over
//!   the limit; the rest of it is counted, not kept.
//!
//! Blank means JSON whitespace only (space, tab, carriage return, line feed): any other line is
//! an item, so a caller judges it. A line's break (LF or CRLF) is not part of its document; one
//! document is every byte from its first line to the end of the input. A UTF-8 byte order mark
//! at the very start of the input is skipped (JSON text has none, and RFC 8259 lets a reader
//! ignore one; [`Documents::byte_order_mark`] says whether there was one).
//!
//! Guarantees, whatever the input:
//!
//! - every document gets exactly one item, at the line where it starts (lines count from 1, at
//!   the start of the input);
//! - the input is read to its end once, never past it (a terminal's Ctrl-D is asked for once),
//!   and a read interrupted by a signal is tried again;
//! - memory stays bounded by the limit: a line is kept up to the limit and only counted beyond
//!   it, and one document is buffered only up to the limit; an item's bytes are handed over,
//!   never copied;
//! - an item's document is at most the limit; a larger one is [`Item::Oversize`], with its size.
//!
//! [`Blocks`] gives the same documents in blocks of whole lines, so that a reader can hand the
//! splitting of lines to other threads ([`lines`]).
//!
//! ```
//! use schema_types::documents::{Documents, Item, ReadError};
//! use schema_types::registry;
//!
//! // Any `BufRead`: `std::io::BufReader::new(File::open(path)?)`, `std::io::stdin().lock()`, bytes.
//! let kind = registry::find("hasura/server-telemetry").unwrap();
//! let valid = serde_json::to_string(&kind.fixture()).unwrap();
//! let large = format!("{{\"padding\": \"{}\"}}", "x".repeat(2000));
//! let stream = format!("{valid}\n\n{{\"id\": \"twelve\"}}\n{large}\n");
//!
//! let mut verdicts = Vec::new();
//! for item in Documents::new(stream.as_bytes(), 1024) {
//!     verdicts.push(match item? {
//!         Item::Document { line, bytes } => {
//!             let report = kind.validate_slice(&bytes);
//!             format!("{line}: {}", if report.is_valid() { "valid" } else { "invalid" })
//!         }
//!         Item::Oversize { line, size } => format!("{line}: {size} bytes, over the limit"),
//!     });
//! }
//! assert_eq!(verdicts, ["1: valid", "3: invalid", "4: 2015 bytes, over the limit"]);
//!
//! // A pretty-printed document is one item, at the line where it starts.
//! let pretty = "\n{\n  \"id\": 1\n}\n";
//! let items: Vec<Item> = Documents::new(pretty.as_bytes(), 1024).collect::<Result<_, _>>()?;
//! assert_eq!(items, [Item::Document { line: 2, bytes: b"{\n  \"id\": 1\n}\n".to_vec() }]);
//! # Ok::<(), ReadError>(())
//! ```

use std::fmt;
use std::io::{self, BufRead};
use std::iter::FusedIterator;

use serde::de::IgnoredAny;

mod blocks;

pub use blocks::{Block, BlockItem, Blocks, Lines, lines};

/// The UTF-8 byte order mark (U+FEFF), skipped at the start of an input.
const BYTE_ORDER_MARK: &[u8] = b"\xef\xbb\xbf";

/// How many bytes of a line are kept beyond the limit: its carriage return before the line
/// feed, and on the first line a byte order mark, neither of which is part of the document.
const KEPT_BEYOND_LIMIT: usize = 1 + BYTE_ORDER_MARK.len();

/// The capacity a new line buffer starts with, at most: the last line's length, so that a
/// stream of similar lines needs one allocation per line (the last line's buffer is handed over
/// with its document).
const LINE_CAPACITY: usize = 64 * 1024;

/// One document of an input, as [`Documents`] finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A document's bytes, without its line break. `line` is the line (from 1) where it starts;
    /// the text positions a parser reports inside `bytes` count lines from there.
    Document {
        /// The line where the document starts.
        line: usize,
        /// The document, at most the limit.
        bytes: Vec<u8>,
    },
    /// A document larger than the limit, whose bytes were counted but not kept.
    Oversize {
        /// The line where the document starts.
        line: usize,
        /// Its size in bytes.
        size: u64,
    },
}

impl Item {
    /// The line where the document starts, from 1.
    pub fn line(&self) -> usize {
        match self {
            Self::Document { line, .. } | Self::Oversize { line, .. } => *line,
        }
    }
}

/// The input could not be read; the iterator ends after it.
#[derive(Debug)]
pub struct ReadError {
    line: usize,
    error: io::Error,
}

impl ReadError {
    /// The line where the document being read when the input failed starts.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The error of the reader.
    pub fn io_error(&self) -> &io::Error {
        &self.error
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read the document at line {}: {}",
            self.line, self.error
        )
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl From<ReadError> for io::Error {
    fn from(error: ReadError) -> Self {
        error.error
    }
}

/// The documents of one input, read as they are asked for: an iterator of
/// `Result<`[`Item`]`, `[`ReadError`]`>`.
pub struct Documents<R> {
    input: Replay<R>,
    max_bytes: usize,
    mode: Mode,
    /// The number of the next line to read, from 1.
    next_line: usize,
    /// The line where the document being read starts.
    reading: usize,
    byte_order_mark: bool,
    /// The line being read, kept up to the limit (and [`KEPT_BEYOND_LIMIT`]).
    line: Vec<u8>,
}

/// Where the reader stands.
enum Mode {
    /// Nothing read yet: the first document decides between one document and NDJSON.
    Start,
    /// One document per non-blank line.
    Lines,
    /// Nothing more to give.
    Done,
}

/// A line as read: its length in the input without its line break, and the line break.
struct Line {
    length: u64,
    /// `b"\n"`, `b"\r\n"`, or nothing at the end of the input.
    ending: &'static [u8],
}

impl<R: BufRead> Documents<R> {
    /// The documents of `reader`, each at most `max_bytes` bytes.
    pub fn new(reader: R, max_bytes: usize) -> Self {
        Self {
            input: Replay {
                replay: Vec::new(),
                replayed: 0,
                reader,
                consumed: 0,
                ended: false,
            },
            max_bytes,
            mode: Mode::Start,
            next_line: 1,
            reading: 1,
            byte_order_mark: false,
            line: Vec::new(),
        }
    }

    /// How many bytes of the input have been read so far (each byte once), for progress.
    pub fn consumed(&self) -> u64 {
        self.input.consumed
    }

    /// Whether the input starts with a UTF-8 byte order mark, which was skipped (known once the
    /// first item, or the end, has been read).
    pub fn byte_order_mark(&self) -> bool {
        self.byte_order_mark
    }

    /// Reads the next line into `self.line`, keeping at most the limit and
    /// [`KEPT_BEYOND_LIMIT`] bytes of it and counting the rest; a carriage return before the
    /// line feed is part of the line break, not of the line. `None` at the end of the input.
    fn read_line(&mut self) -> io::Result<Option<Line>> {
        self.line.clear();
        let keep = self.max_bytes.saturating_add(KEPT_BEYOND_LIMIT);
        let mut length = 0u64;
        let mut last = None;
        loop {
            let available = self.input.fill_buf()?;
            let (chunk, used, ending) = match memchr::memchr(b'\n', available) {
                Some(end) => (&available[..end], end + 1, Some(&b"\n"[..])),
                None if available.is_empty() && length == 0 => return Ok(None),
                None if available.is_empty() => (available, 0, Some(&b""[..])),
                None => (available, available.len(), None),
            };
            let room = keep.saturating_sub(self.line.len());
            self.line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            length += chunk.len() as u64;
            last = chunk.last().copied().or(last);
            self.input.consume(used);
            let Some(mut ending) = ending else { continue };
            self.next_line += 1;
            if !ending.is_empty() && last == Some(b'\r') {
                if length == self.line.len() as u64 {
                    self.line.pop();
                }
                length -= 1;
                ending = b"\r\n";
            }
            return Ok(Some(Line { length, ending }));
        }
    }

    /// Hands the line over as a document, leaving a new buffer for the next one.
    fn take_line(&mut self) -> Vec<u8> {
        let capacity = self.line.len().min(LINE_CAPACITY);
        std::mem::replace(&mut self.line, Vec::with_capacity(capacity))
    }

    /// The next non-blank line as a document, in NDJSON mode.
    fn next_line_item(&mut self) -> io::Result<Option<Item>> {
        loop {
            let line = self.next_line;
            self.reading = line;
            let Some(read) = self.read_line()? else {
                self.mode = Mode::Done;
                return Ok(None);
            };
            if read.length > self.max_bytes as u64 {
                return Ok(Some(Item::Oversize {
                    line,
                    size: read.length,
                }));
            }
            if !is_blank(&self.line) {
                let bytes = self.take_line();
                return Ok(Some(Item::Document { line, bytes }));
            }
        }
    }

    /// Decides, from the first non-blank line, between one document and NDJSON.
    fn start(&mut self) -> io::Result<Option<Item>> {
        self.mode = Mode::Lines;
        let (first_line, start, read) = loop {
            let line = self.next_line;
            self.reading = line;
            let mut start = self.input.consumed;
            let Some(mut read) = self.read_line()? else {
                self.mode = Mode::Done;
                return Ok(None);
            };
            if line == 1 && self.line.starts_with(BYTE_ORDER_MARK) {
                self.byte_order_mark = true;
                self.line.drain(..BYTE_ORDER_MARK.len());
                read.length -= BYTE_ORDER_MARK.len() as u64;
                start += BYTE_ORDER_MARK.len() as u64;
            }
            if read.length > self.max_bytes as u64 {
                return Ok(Some(Item::Oversize {
                    line,
                    size: read.length,
                }));
            }
            if !is_blank(&self.line) {
                break (line, start, read);
            }
        };
        let starts_value = matches!(
            self.line.iter().find(|&&byte| !is_json_whitespace(byte)),
            Some(b'{' | b'[')
        );
        let unfinished = match serde_json::from_slice::<IgnoredAny>(&self.line) {
            Ok(_) => None,
            Err(error) => Some(error.is_eof()),
        };
        let Some(unfinished) = unfinished.filter(|_| starts_value) else {
            let bytes = self.take_line();
            return Ok(Some(Item::Document {
                line: first_line,
                bytes,
            }));
        };
        self.read_rest(first_line, start, read.ending, unfinished)
    }

    /// Reads on from a first line that does not hold a value by itself (`ending` is its line
    /// break), up to the limit, and decides whether the input is one document. `start` is where
    /// the first line began in the input, in bytes.
    fn read_rest(
        &mut self,
        first_line: usize,
        start: u64,
        ending: &[u8],
        unfinished: bool,
    ) -> io::Result<Option<Item>> {
        let mut buffer = std::mem::take(&mut self.line);
        buffer.extend_from_slice(ending);
        let fits = self.read_up_to_limit(&mut buffer)?;
        let looks_single = unfinished && fewer_than_half_are_values(&buffer);
        if fits {
            if looks_single || serde_json::from_slice::<IgnoredAny>(&buffer).is_ok() {
                self.mode = Mode::Done;
                return Ok(Some(Item::Document {
                    line: first_line,
                    bytes: buffer,
                }));
            }
        } else if looks_single {
            self.skip_rest()?;
            self.mode = Mode::Done;
            return Ok(Some(Item::Oversize {
                line: first_line,
                size: self.input.consumed - start,
            }));
        }
        // NDJSON after all: read the buffered lines again, then the rest of the input.
        self.next_line = first_line;
        self.input.replay = buffer;
        self.next_line_item()
    }

    /// Appends the input to `buffer` until the input ends or `buffer` is over the limit;
    /// whether it is within the limit (then the input has ended).
    fn read_up_to_limit(&mut self, buffer: &mut Vec<u8>) -> io::Result<bool> {
        while buffer.len() <= self.max_bytes {
            let available = self.input.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let wanted = self.max_bytes.saturating_add(1) - buffer.len();
            let used = available.len().min(wanted);
            buffer.extend_from_slice(&available[..used]);
            self.input.consume(used);
        }
        Ok(buffer.len() <= self.max_bytes)
    }

    /// Counts the rest of the input without keeping it.
    fn skip_rest(&mut self) -> io::Result<()> {
        loop {
            let used = self.input.fill_buf()?.len();
            if used == 0 {
                return Ok(());
            }
            self.input.consume(used);
        }
    }
}

impl<R: BufRead> Iterator for Documents<R> {
    type Item = Result<Item, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = match self.mode {
            Mode::Start => self.start(),
            Mode::Lines => self.next_line_item(),
            Mode::Done => return None,
        };
        match item {
            Ok(item) => item.map(Ok),
            Err(error) => {
                self.mode = Mode::Done;
                Some(Err(ReadError {
                    line: self.reading,
                    error,
                }))
            }
        }
    }
}

impl<R: BufRead> FusedIterator for Documents<R> {}

/// The input, after the bytes of a buffered start that turned out to be NDJSON, read again.
/// Counts the bytes it reads from the input, each once, and reads the input's end once: a
/// terminal gives an end each time Ctrl-D is typed, and waits for more when read again after it.
struct Replay<R> {
    /// Bytes read before, to give again first.
    replay: Vec<u8>,
    /// How many of them were given.
    replayed: usize,
    reader: R,
    /// Bytes read from `reader`.
    consumed: u64,
    /// Whether `reader` has reached its end.
    ended: bool,
}

impl<R: BufRead> Replay<R> {
    /// What is available, empty at the end of the input (an interrupted read is retried).
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.replayed < self.replay.len() {
            return Ok(&self.replay[self.replayed..]);
        }
        if self.ended {
            return Ok(&[]);
        }
        let available = loop {
            match self.reader.fill_buf() {
                Ok(available) => break available.len(),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            }
        };
        if available == 0 {
            self.ended = true;
            return Ok(&[]);
        }
        // The buffer is not empty, so this returns it without reading (`BufRead`'s contract).
        // Returning the first call's slice from inside the loop is refused by the borrow checker.
        self.reader.fill_buf()
    }

    /// Marks `amount` bytes of what [`Self::fill_buf`] gave as read.
    fn consume(&mut self, amount: usize) {
        if self.replayed < self.replay.len() {
            self.replayed += amount;
            if self.replayed == self.replay.len() {
                self.replay = Vec::new();
                self.replayed = 0;
            }
        } else {
            self.reader.consume(amount);
            self.consumed += amount as u64;
        }
    }
}

/// JSON's whitespace (RFC 8259): space, tab, line feed, carriage return; not form feed or
/// vertical tab.
fn is_json_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether a line holds JSON whitespace only.
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|&byte| is_json_whitespace(byte))
}

/// Whether fewer than half of the non-blank lines of `text` are JSON values by themselves (as a
/// pretty-printed document's are not, and an NDJSON stream's are).
fn fewer_than_half_are_values(text: &[u8]) -> bool {
    let (mut lines, mut values) = (0usize, 0usize);
    for line in text.split(|&byte| byte == b'\n') {
        if is_blank(line) {
            continue;
        }
        lines += 1;
        if serde_json::from_slice::<IgnoredAny>(line).is_ok() {
            values += 1;
        }
    }
    2 * values < lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, bytes as text or `oversize SIZE`) of every item, read through a small buffer so
    /// that lines span reads.
    fn items(input: &[u8], limit: usize) -> Vec<(usize, String)> {
        let mut documents = Documents::new(io::BufReader::with_capacity(7, input), limit);
        let mut found = Vec::new();
        for item in documents.by_ref() {
            found.push(match item.unwrap() {
                Item::Document { line, bytes } => {
                    (line, String::from_utf8_lossy(&bytes).into_owned())
                }
                Item::Oversize { line, size } => (line, format!("oversize {size}")),
            });
        }
        assert_eq!(documents.consumed(), input.len() as u64, "consumed");
        found
    }

    /// Checks that `input` splits into exactly the `expected` items (see [`items`]).
    #[track_caller]
    fn assert_items(input: &[u8], limit: usize, expected: &[(usize, &str)]) {
        let expected: Vec<(usize, String)> = expected
            .iter()
            .map(|(line, text)| (*line, (*text).to_owned()))
            .collect();
        assert_eq!(items(input, limit), expected);
    }

    #[test]
    fn ndjson_is_one_document_per_non_blank_line() {
        let input = b"{\"a\": 1}\n\n  \n{\"b\": 2}\r\n[3]\nnot json\n{\"c\":";
        assert_items(
            input,
            1000,
            &[
                (1, "{\"a\": 1}"),
                (4, "{\"b\": 2}"),
                (5, "[3]"),
                (6, "not json"),
                (7, "{\"c\":"),
            ],
        );
    }

    #[test]
    fn a_pretty_printed_document_is_one_document_at_its_first_line() {
        let input = b"\n\n{\n  \"a\": [\n    {\"value\": 1}\n  ]\n}\n\n";
        assert_items(
            input,
            1000,
            &[(3, "{\n  \"a\": [\n    {\"value\": 1}\n  ]\n}\n\n")],
        );
    }

    #[test]
    fn a_pretty_printed_document_keeps_its_line_breaks() {
        let input = b"{\r\n  \"a\": 1\r\n}\r\n";
        assert_items(input, 1000, &[(1, "{\r\n  \"a\": 1\r\n}\r\n")]);
        // Its size is its bytes, line breaks included.
        assert_items(input, 15, &[(1, "oversize 16")]);
        assert_items(input, 16, &[(1, "{\r\n  \"a\": 1\r\n}\r\n")]);
    }

    #[test]
    fn a_broken_pretty_printed_document_is_one_document() {
        let input = b"{\n  \"a\": 1\n  \"b\": 2\n}\n";
        assert_items(input, 1000, &[(1, "{\n  \"a\": 1\n  \"b\": 2\n}\n")]);
    }

    #[test]
    fn a_stream_with_a_truncated_first_line_is_ndjson() {
        let input = b"{\"a\": \n{\"b\": 2}\n{\"c\": 3}\n";
        assert_items(
            input,
            1000,
            &[(1, "{\"a\": "), (2, "{\"b\": 2}"), (3, "{\"c\": 3}")],
        );
    }

    #[test]
    fn lines_over_the_limit_are_counted_not_kept() {
        let long = format!("{{\"a\": \"{}\"}}", "x".repeat(100));
        let input = format!("{long}\n{{}}\n{long}");
        assert_items(
            input.as_bytes(),
            50,
            &[(1, "oversize 109"), (2, "{}"), (3, "oversize 109")],
        );
    }

    #[test]
    fn a_line_break_is_not_counted_in_a_line_s_size() {
        assert_items(b"[1,2]\r\n[3]\n", 5, &[(1, "[1,2]"), (2, "[3]")]);
        assert_items(b"[1,22]\r\n[3]\n", 5, &[(1, "oversize 6"), (2, "[3]")]);
        let long = format!("[{}]", "1,".repeat(50) + "1");
        let input = format!("{long}\r\n{long}\n{long}");
        assert_items(
            input.as_bytes(),
            50,
            &[
                (1, "oversize 103"),
                (2, "oversize 103"),
                (3, "oversize 103"),
            ],
        );
    }

    #[test]
    fn a_single_document_over_the_limit_is_one_oversize_document() {
        let input = format!("{{\n  \"a\": \"{}\"\n}}\n", "x".repeat(100));
        assert_items(
            input.as_bytes(),
            50,
            &[(1, &format!("oversize {}", input.len()))],
        );
    }

    #[test]
    fn an_unfinished_document_at_the_limit_without_a_final_line_break_is_kept() {
        // Ten bytes, no line break after them: the document is ten bytes, within the limit.
        assert_items(b"{\"abc\":123", 10, &[(1, "{\"abc\":123")]);
        assert_items(b"{\"abc\":123", 9, &[(1, "oversize 10")]);
        assert_items(b"{\n\"abc\":12", 10, &[(1, "{\n\"abc\":12")]);
        assert_items(b"{\n\"abc\":123", 10, &[(1, "oversize 11")]);
    }

    #[test]
    fn ndjson_over_the_limit_whose_first_line_is_truncated_stays_ndjson() {
        let mut input = String::from("{\"a\": \n");
        for index in 0..20 {
            input.push_str(&format!("{{\"n\": {index}}}\n"));
        }
        let found = items(input.as_bytes(), 40);
        assert_eq!(found.len(), 21);
        assert_eq!(found[0], (1, "{\"a\": ".to_owned()));
        assert_eq!(found[20], (21, "{\"n\": 19}".to_owned()));
    }

    #[test]
    fn empty_and_blank_inputs_hold_no_document() {
        assert!(items(b"", 10).is_empty());
        assert!(items(b"\n \n\t\r\n", 10).is_empty());
    }

    #[test]
    fn only_json_whitespace_makes_a_line_blank() {
        let input = b"\x0c\x0c\n{}\n \t\r\n\x0b\n\xc2\xa0\n";
        assert_items(
            input,
            1000,
            &[(1, "\x0c\x0c"), (2, "{}"), (4, "\x0b"), (5, "\u{a0}")],
        );
        // A form feed does not start a value either: the first line is its own document.
        assert_items(b"\x0c{\n}\n", 1000, &[(1, "\x0c{"), (2, "}")]);
    }

    #[test]
    fn a_byte_order_mark_at_the_start_is_skipped() {
        let pretty = b"\xef\xbb\xbf{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}\n";
        assert_items(
            pretty,
            1000,
            &[(1, "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}\n")],
        );
        let mut documents = Documents::new(&pretty[..], 1000);
        assert!(!documents.byte_order_mark());
        assert!(documents.next().is_some());
        assert!(documents.byte_order_mark());

        assert_items(b"\xef\xbb\xbf[1]\n[2]\n", 1000, &[(1, "[1]"), (2, "[2]")]);
        assert_items(b"\xef\xbb\xbf\n{}\n", 1000, &[(2, "{}")]);
        // The mark is not part of the document's size.
        assert_items(b"\xef\xbb\xbf[1,2]\r\n", 5, &[(1, "[1,2]")]);
        assert_items(b"\xef\xbb\xbf{\n}", 3, &[(1, "{\n}")]);
        // Only at the start of the input: a later one is part of its line.
        assert_items(
            b"[1]\n\xef\xbb\xbf[2]\n",
            1000,
            &[(1, "[1]"), (2, "\u{feff}[2]")],
        );
        let mut documents = Documents::new(&b"[1]\n"[..], 1000);
        assert!(documents.next().is_some());
        assert!(!documents.byte_order_mark());
    }

    /// A reader that gives `good`, in pieces of at most 3 bytes, and then fails.
    pub(super) struct Failing<'a> {
        pub(super) good: &'a [u8],
    }

    impl io::Read for Failing<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.good.is_empty() {
                return Err(io::Error::other("the disk is gone"));
            }
            let used = self.good.len().min(out.len()).min(3);
            out[..used].copy_from_slice(&self.good[..used]);
            self.good = &self.good[used..];
            Ok(used)
        }
    }

    /// A terminal as a reader: `input` in pieces of at most `piece` bytes, every
    /// `interrupted`-th read interrupted by a signal, and a panic when read again after its end
    /// (a terminal would wait for another Ctrl-D).
    struct Terminal<'a> {
        input: &'a [u8],
        piece: usize,
        interrupted: usize,
        reads: usize,
        ended: bool,
    }

    impl io::Read for Terminal<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            assert!(!self.ended, "read again after the end of the input");
            self.reads += 1;
            if self.reads % self.interrupted == 0 {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let used = self.input.len().min(out.len()).min(self.piece);
            out[..used].copy_from_slice(&self.input[..used]);
            self.input = &self.input[used..];
            self.ended = used == 0;
            Ok(used)
        }
    }

    /// The items of `input` read from a [`Terminal`] through a `BufReader` of `capacity`.
    fn from_terminal(
        input: &[u8],
        limit: usize,
        piece: usize,
        interrupted: usize,
        capacity: usize,
    ) -> Vec<Item> {
        let terminal = Terminal {
            input,
            piece,
            interrupted,
            reads: 0,
            ended: false,
        };
        let reader = io::BufReader::with_capacity(capacity, terminal);
        Documents::new(reader, limit)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|error| panic!("{:?}: {error}", String::from_utf8_lossy(input)))
    }

    /// Inputs that end in every way the reader can meet an end: empty, blank, NDJSON with and
    /// without a final line break, one document, a broken one, NDJSON after a buffered start,
    /// one document over the limit (its rest skipped).
    const ENDINGS: &[&[u8]] = &[
        b"",
        b"\n \n",
        b"[1]\n[2]",
        b"[1]\n[2]\n",
        b"\n{\n  \"a\": 1\n}\n",
        b"{\n  \"a\": 1\n  \"b\": 2\n}",
        b"{\"a\": \n[1]\n[2]\n",
        b"{\n  \"a\": \"a long value, over the limit\"\n}\n",
    ];

    #[test]
    fn the_end_of_the_input_is_read_once() {
        for input in ENDINGS {
            for limit in [1000, 16] {
                let expected: Vec<Item> = Documents::new(*input, limit)
                    .collect::<Result<_, _>>()
                    .expect("a slice is read");
                assert_eq!(from_terminal(input, limit, 3, usize::MAX, 5), expected);
            }
        }
    }

    #[test]
    fn an_interrupted_read_is_tried_again() {
        // The `cli_input` fuzz target's case: a pretty-printed document read 16 then 1 bytes at
        // a time, every third read interrupted, the last one at the end of the input.
        let pretty = b"{\n  \"enable_telemetry\": true,\n  \"show_update_notification\": true\n}\n";
        let found = from_terminal(pretty, 1024, 1, 3, 32);
        assert_eq!(
            found,
            [Item::Document {
                line: 1,
                bytes: pretty.to_vec()
            }]
        );
        for input in ENDINGS {
            for interrupted in [2, 3, 5] {
                let found = from_terminal(input, 16, 2, interrupted, 3);
                let expected = from_terminal(input, 16, 2, usize::MAX, 3);
                assert_eq!(found, expected, "{:?}", String::from_utf8_lossy(input));
            }
        }
    }

    #[test]
    fn a_read_error_ends_the_documents_with_its_line() {
        let reader = io::BufReader::with_capacity(4, Failing { good: b"[1]\n\n[2" });
        let found: Vec<Result<Item, ReadError>> = Documents::new(reader, 100).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].as_ref().unwrap().line(), 1);
        let error = found[1].as_ref().unwrap_err();
        assert_eq!(error.line(), 3);
        assert_eq!(error.io_error().to_string(), "the disk is gone");
        assert_eq!(
            error.to_string(),
            "cannot read the document at line 3: the disk is gone"
        );

        // While deciding whether the input is one document.
        let reader = io::BufReader::with_capacity(
            4,
            Failing {
                good: b"\n{\n\"a\": 1",
            },
        );
        let found: Vec<Result<Item, ReadError>> = Documents::new(reader, 100).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].as_ref().unwrap_err().line(), 2);
    }
}
