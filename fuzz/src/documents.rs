//! The `cli_input` target's check of `schema_types::documents`, the splitting of an input into
//! documents that the CLI's `validate` reads through.
//!
//! An input's first three bytes choose how it is read (the limit, and the sizes of the pieces a
//! reader hands out, so that lines and the buffered start span reads); the rest is the input.
//! The check works from the input's lines alone: every item must be one line (its text without
//! its line break) or every byte from its line to the end of the input, and every line that is
//! not blank must be inside an item.

use std::io::{self, BufReader, Read};
use std::ops::Range;

use schema_types::documents::{Documents, Item};
use serde::de::IgnoredAny;

/// The UTF-8 byte order mark, which the splitter skips at the start of an input.
const BYTE_ORDER_MARK: &[u8] = b"\xef\xbb\xbf";

/// How an input is read, from its first three bytes.
#[derive(Debug, Clone, Copy)]
pub struct Setup {
    /// The size limit: byte 0 itself up to 239 (so that documents and lines cross it), then
    /// 1 to 15 KiB, and `usize::MAX` for 255.
    pub limit: usize,
    /// The reader hands out at most these many bytes per read, in turn: byte 1's low and high
    /// halves, plus one.
    pub pieces: [usize; 2],
    /// The buffer of the `BufReader` over it: byte 2's low five bits plus one, or 8 KiB when
    /// bit 6 is set.
    pub capacity: usize,
    /// Every third read fails with `Interrupted` first (byte 2's bit 7), as a signal makes it.
    pub interrupt: bool,
}

impl Setup {
    /// The setup the first three bytes of `data` choose, and the input after them.
    pub fn read(data: &[u8]) -> Option<(Self, &[u8])> {
        let (&[limit, pieces, buffer], input) = data.split_first_chunk::<3>()?;
        let limit = match limit {
            0..=239 => usize::from(limit),
            240..=254 => usize::from(limit - 239) * 1024,
            255 => usize::MAX,
        };
        let setup = Self {
            limit,
            pieces: [usize::from(pieces & 0x0f) + 1, usize::from(pieces >> 4) + 1],
            capacity: if buffer & 0x40 != 0 {
                8 * 1024
            } else {
                usize::from(buffer & 0x1f) + 1
            },
            interrupt: buffer & 0x80 != 0,
        };
        Some((setup, input))
    }

    /// The three bytes that choose this setup (the inverse of [`Setup::read`]), for seeds.
    pub fn bytes(limit: u8, pieces: [u8; 2], capacity: u8, interrupt: bool) -> [u8; 3] {
        [
            limit,
            (pieces[0] - 1) | ((pieces[1] - 1) << 4),
            (capacity - 1) | if interrupt { 0x80 } else { 0 },
        ]
    }
}

/// A reader of `input` that gives at most `pieces[0]`, then `pieces[1]` bytes per read, in turn,
/// and refuses to be read again after it has given its end (as a terminal waits for another
/// Ctrl-D).
struct Pieces<'a> {
    input: &'a [u8],
    pieces: [usize; 2],
    interrupt: bool,
    reads: usize,
    ended: bool,
}

impl Read for Pieces<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        assert!(!self.ended, "read again after the end of the input");
        self.reads += 1;
        if self.interrupt && self.reads.is_multiple_of(3) {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let size = self.pieces[self.reads % 2]
            .min(out.len())
            .min(self.input.len());
        let (given, rest) = self.input.split_at(size);
        out[..size].copy_from_slice(given);
        self.input = rest;
        self.ended = size == 0;
        Ok(size)
    }
}

/// The lines of `input`, each as the range of its text: without its line break (LF, or CRLF)
/// and, on the first line, without a byte order mark. A line ends at a line feed or at the end
/// of the input; an input that ends with a line feed has no empty line after it.
fn lines(input: &[u8]) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if input.is_empty() {
        return lines;
    }
    let mut start = if input.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    loop {
        let (end, next) = match input[start..].iter().position(|&byte| byte == b'\n') {
            Some(offset) => {
                let feed = start + offset;
                let crlf = feed > start && input[feed - 1] == b'\r';
                (if crlf { feed - 1 } else { feed }, feed + 1)
            }
            None => (input.len(), input.len()),
        };
        lines.push(start..end);
        if next >= input.len() {
            return lines;
        }
        start = next;
    }
}

fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// JSON whitespace only (space, tab, carriage return, line feed).
fn is_blank(text: &[u8]) -> bool {
    text.iter().all(|&byte| is_whitespace(byte))
}

fn is_json(text: &[u8]) -> bool {
    serde_json::from_slice::<IgnoredAny>(text).is_ok()
}

/// What an item holds of the input.
#[derive(Debug, PartialEq)]
enum Extent {
    /// Its line's text.
    Line,
    /// Every byte from its line to the end of the input.
    Rest,
}

/// Splits `data` (after its three setup bytes) and checks the items against its lines:
///
/// - an interrupted read is tried again (no item is an error), every byte is read once
///   (`consumed`), and the end of the input once, never past it; the byte order mark is
///   reported exactly when the input starts with one;
/// - items' lines strictly increase and are lines of the input;
/// - an item is its line's text or the rest of the input from its line (then it is the only
///   item): a document's bytes are exactly that text, at most the limit and not blank; an
///   oversize item's size is exactly that text's length, over the limit;
/// - every line is inside an item, or blank and within the limit (a blank line over the limit
///   is an oversize item); no item starts at a blank line within the limit;
/// - the input is one document or NDJSON as the module says: NDJSON when the first line that is
///   not blank is over the limit, a JSON value by itself or cannot begin a value that spans
///   lines (`{`, `[`); one document when all of it from that line is one JSON value within the
///   limit.
///
/// # Panics
///
/// When a check fails: that is a finding.
pub fn check(data: &[u8]) {
    let Some((setup, input)) = Setup::read(data) else {
        return;
    };
    let reader = BufReader::with_capacity(
        setup.capacity,
        Pieces {
            input,
            pieces: setup.pieces,
            interrupt: setup.interrupt,
            reads: 0,
            ended: false,
        },
    );
    let mut documents = Documents::new(reader, setup.limit);
    let items: Vec<Item> = documents
        .by_ref()
        .map(|item| item.expect("reading from memory never fails"))
        .collect();
    let show = || {
        format!(
            "{setup:?} on {:?}: {items:?}",
            String::from_utf8_lossy(input)
        )
    };
    assert_eq!(
        documents.consumed(),
        input.len() as u64,
        "consumed: {}",
        show()
    );
    assert_eq!(
        documents.byte_order_mark(),
        input.starts_with(BYTE_ORDER_MARK),
        "byte order mark: {}",
        show()
    );

    let lines = lines(input);
    let within = |text: &[u8]| text.len() <= setup.limit;
    let mut inside = vec![false; lines.len()];
    let mut previous = 0;
    let mut extents = Vec::new();
    for item in &items {
        let number = item.line();
        assert!(
            number > previous && number <= lines.len(),
            "line {number} after {previous}, of {} lines: {}",
            lines.len(),
            show()
        );
        previous = number;
        let line = &lines[number - 1];
        let text = &input[line.clone()];
        let rest = &input[line.start..];
        assert!(
            !(is_blank(text) && within(text)),
            "an item at blank line {number}: {}",
            show()
        );
        let extent = match item {
            Item::Document { bytes, .. } => {
                assert!(within(bytes), "a document over the limit: {}", show());
                assert!(!is_blank(bytes), "a blank document: {}", show());
                if bytes == text {
                    Extent::Line
                } else if bytes == rest {
                    Extent::Rest
                } else {
                    panic!(
                        "the document at line {number} is not in the input: {}",
                        show()
                    );
                }
            }
            Item::Oversize { size, .. } => {
                assert!(
                    *size > setup.limit as u64,
                    "oversize within the limit: {}",
                    show()
                );
                if *size == text.len() as u64 {
                    Extent::Line
                } else if *size == rest.len() as u64 {
                    Extent::Rest
                } else {
                    panic!(
                        "the oversize size at line {number} is no extent: {}",
                        show()
                    );
                }
            }
        };
        match extent {
            Extent::Line => inside[number - 1] = true,
            Extent::Rest => {
                assert_eq!(
                    items.len(),
                    1,
                    "a document to the end and others: {}",
                    show()
                );
                inside[number - 1..].fill(true);
            }
        }
        extents.push(extent);
    }
    for (index, line) in lines.iter().enumerate() {
        let text = &input[line.clone()];
        assert!(
            inside[index] || (is_blank(text) && within(text)),
            "line {} is in no item: {}",
            index + 1,
            show()
        );
    }

    // One document or NDJSON, decided by the first line that is not blank within the limit.
    let Some(first) = lines.iter().position(|line| {
        let text = &input[line.clone()];
        !(is_blank(text) && within(text))
    }) else {
        assert!(items.is_empty(), "items in a blank input: {}", show());
        return;
    };
    let text = &input[lines[first].clone()];
    let rest = &input[lines[first].start..];
    let spans = matches!(
        text.iter().find(|&&byte| !is_whitespace(byte)),
        Some(b'{' | b'[')
    );
    if !within(text) || !spans || is_json(text) {
        assert!(
            extents.iter().all(|extent| *extent == Extent::Line),
            "NDJSON with a document of many lines: {}",
            show()
        );
    } else if within(rest) && is_json(rest) {
        assert_eq!(
            items,
            [Item::Document {
                line: first + 1,
                bytes: rest.to_vec()
            }],
            "one JSON value, not one document: {}",
            show()
        );
    }
}
