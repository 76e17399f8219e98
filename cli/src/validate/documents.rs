//! Splitting an input into documents, in bounded memory: one JSON document, or NDJSON.
//!
//! An input is one document when it is a single JSON value, pretty-printed or not; otherwise it
//! is NDJSON, one document per non-blank line. The choice is made per input from its start:
//!
//! - when the first non-blank line is a JSON value by itself, or cannot begin a value that spans
//!   lines (only `{` and `[` can), the input is NDJSON;
//! - otherwise the input is read on, up to the size limit. If all of it is one JSON value it is
//!   one document. If it is not, it is still read as one (broken) document when it looks like
//!   one: its first line is the unfinished start of a value and fewer than half of its
//!   non-blank lines are JSON values by themselves (so that a pretty-printed document with a
//!   missing comma gets one verdict, not one per line); else it is NDJSON after all (a stream
//!   whose first line is truncated).
//! - an input that looks like one document but is larger than the limit is one document over
//!   the size limit; the rest of it is counted, not kept.
//!
//! Memory stays bounded by the limit whatever the input's size: a line is kept up to the limit
//! and only counted beyond it, and a single document is buffered only up to the limit.

use std::io::{self, BufRead, Cursor, Read};

use serde::de::IgnoredAny;

/// One document of an input, as found by [`Documents`].
#[derive(Debug)]
pub enum Item {
    /// A document's bytes, to parse and judge. `line` is the line (from 1) where it starts; the
    /// positions the parser reports inside `bytes` count lines from there.
    Document { line: usize, bytes: Vec<u8> },
    /// A document larger than the limit, whose bytes were counted but not kept.
    Oversize { line: usize, size: u64 },
}

impl Item {
    /// The line where the document starts.
    pub fn line(&self) -> usize {
        match self {
            Self::Document { line, .. } | Self::Oversize { line, .. } => *line,
        }
    }
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

/// The documents of one input, read as they are asked for.
pub struct Documents<'r> {
    reader: Box<dyn BufRead + 'r>,
    limit: usize,
    mode: Mode,
    /// The number of the next line to read, from 1.
    next_line: usize,
    /// Bytes read from the input so far (for progress).
    consumed: u64,
    /// How many bytes the current replay buffer holds; they were counted when first read.
    replayed: u64,
    line: Vec<u8>,
}

impl<'r> Documents<'r> {
    /// The documents of `reader`, each at most `limit` bytes.
    pub fn new(reader: impl BufRead + 'r, limit: usize) -> Self {
        Self {
            reader: Box::new(reader),
            limit,
            mode: Mode::Start,
            next_line: 1,
            consumed: 0,
            replayed: 0,
            line: Vec::new(),
        }
    }

    /// How many bytes of the input have been read so far.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// The next document, `None` at the end of the input.
    pub fn next_item(&mut self) -> io::Result<Option<Item>> {
        match self.mode {
            Mode::Start => self.start(),
            Mode::Lines => self.next_line_item(),
            Mode::Done => Ok(None),
        }
    }

    /// Reads the next line into `self.line`, keeping at most `limit + 1` bytes of it and
    /// counting the rest; a trailing `\r` is dropped from a line kept whole. Returns the line's
    /// length in the input (without its line break), `None` at the end of the input.
    fn read_line(&mut self) -> io::Result<Option<u64>> {
        self.line.clear();
        let keep = self.limit.saturating_add(1);
        let mut length = 0u64;
        let mut any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            let (chunk, used, ended) = match available.iter().position(|&byte| byte == b'\n') {
                Some(end) => (&available[..end], end + 1, true),
                None if available.is_empty() => (available, 0, true),
                None => (available, available.len(), false),
            };
            if used == 0 && !any {
                return Ok(None);
            }
            any = true;
            let room = keep.saturating_sub(self.line.len());
            self.line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            length += chunk.len() as u64;
            self.reader.consume(used);
            self.account(used as u64);
            if ended {
                self.next_line += 1;
                if length == self.line.len() as u64 && self.line.last() == Some(&b'\r') {
                    self.line.pop();
                    length -= 1;
                }
                return Ok(Some(length));
            }
        }
    }

    /// Counts bytes read, except those replayed from the buffer of a document that turned out
    /// to be NDJSON (they were counted when first read).
    fn account(&mut self, bytes: u64) {
        let replay = bytes.min(self.replayed);
        self.replayed -= replay;
        self.consumed += bytes - replay;
    }

    fn is_blank(line: &[u8]) -> bool {
        line.iter().all(u8::is_ascii_whitespace)
    }

    /// The next non-blank line as a document, in NDJSON mode.
    fn next_line_item(&mut self) -> io::Result<Option<Item>> {
        loop {
            let line_number = self.next_line;
            let Some(length) = self.read_line()? else {
                self.mode = Mode::Done;
                return Ok(None);
            };
            if length > self.limit as u64 {
                return Ok(Some(Item::Oversize {
                    line: line_number,
                    size: length,
                }));
            }
            if !Self::is_blank(&self.line) {
                return Ok(Some(Item::Document {
                    line: line_number,
                    bytes: self.line.clone(),
                }));
            }
        }
    }

    /// Decides, from the first non-blank line, between one document and NDJSON.
    fn start(&mut self) -> io::Result<Option<Item>> {
        let (first_line, start) = loop {
            let line_number = self.next_line;
            let start = self.consumed;
            let Some(length) = self.read_line()? else {
                self.mode = Mode::Done;
                return Ok(None);
            };
            if length > self.limit as u64 {
                self.mode = Mode::Lines;
                return Ok(Some(Item::Oversize {
                    line: line_number,
                    size: length,
                }));
            }
            if !Self::is_blank(&self.line) {
                break (line_number, start);
            }
        };
        self.mode = Mode::Lines;
        let starts_value = matches!(
            self.line.iter().find(|byte| !byte.is_ascii_whitespace()),
            Some(b'{' | b'[')
        );
        let unfinished = match serde_json::from_slice::<IgnoredAny>(&self.line) {
            Ok(_) => None,
            Err(error) => Some(error.is_eof()),
        };
        let Some(unfinished) = unfinished.filter(|_| starts_value) else {
            return Ok(Some(Item::Document {
                line: first_line,
                bytes: self.line.clone(),
            }));
        };
        self.read_rest(first_line, start, unfinished)
    }

    /// Reads on from a first line that does not hold a value by itself, up to the limit, and
    /// decides whether the input is one document. `start` is where the first line began in the
    /// input, in bytes.
    fn read_rest(
        &mut self,
        first_line: usize,
        start: u64,
        unfinished: bool,
    ) -> io::Result<Option<Item>> {
        let mut buffer = std::mem::take(&mut self.line);
        buffer.push(b'\n');
        let wanted = self.limit.saturating_add(1).saturating_sub(buffer.len()) as u64;
        let read = (&mut self.reader).take(wanted).read_to_end(&mut buffer)?;
        self.account(read as u64);
        let ended = (read as u64) < wanted;
        let looks_single = unfinished && fewer_than_half_are_values(&buffer);
        if ended {
            let whole = serde_json::from_slice::<IgnoredAny>(&buffer).is_ok();
            if whole || looks_single {
                self.mode = Mode::Done;
                return Ok(Some(Item::Document {
                    line: first_line,
                    bytes: buffer,
                }));
            }
        } else if looks_single {
            let rest = io::copy(&mut self.reader, &mut io::sink())?;
            self.account(rest);
            self.mode = Mode::Done;
            return Ok(Some(Item::Oversize {
                line: first_line,
                size: self.consumed - start,
            }));
        }
        // NDJSON after all: read the buffered lines again, then the rest of the input.
        self.next_line = first_line;
        self.replayed = buffer.len() as u64;
        let rest = std::mem::replace(&mut self.reader, Box::new(io::empty()));
        self.reader = Box::new(Cursor::new(buffer).chain(rest));
        self.next_line_item()
    }
}

/// Whether fewer than half of the non-blank lines of `text` are JSON values by themselves (as a
/// pretty-printed document's are not, and an NDJSON stream's are).
fn fewer_than_half_are_values(text: &[u8]) -> bool {
    let (mut lines, mut values) = (0usize, 0usize);
    for line in text.split(|&byte| byte == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
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

    /// (line, bytes as text or `size` for oversize) of every item.
    fn items(input: &[u8], limit: usize) -> Vec<(usize, String)> {
        let mut documents = Documents::new(io::BufReader::with_capacity(7, input), limit);
        let mut found = Vec::new();
        while let Some(item) = documents.next_item().unwrap() {
            found.push(match item {
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
    fn a_single_document_over_the_limit_is_one_oversize_document() {
        let input = format!("{{\n  \"a\": \"{}\"\n}}\n", "x".repeat(100));
        assert_items(
            input.as_bytes(),
            50,
            &[(1, &format!("oversize {}", input.len()))],
        );
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
        assert!(items(b"\n \n\t\n", 10).is_empty());
    }
}
