//! The documents of an input in blocks of whole lines, for a reader that shares the work of
//! splitting lines: [`Blocks`] reads large blocks and cuts each at its last line feed, and
//! [`lines`] splits one block into its documents, anywhere (on another thread).
//!
//! The reading thread only reads, finds the block's last line feed and counts its line feeds (to
//! know where the next block starts); every other byte is first looked at by whoever splits the
//! block. Blocks and [`lines`] give the same documents, at the same lines, as [`Documents`]:
//! the first one is decided by [`Documents`] itself (one document or NDJSON, the byte order
//! mark), and each later line is split by the same rules (blank lines skipped, a carriage return
//! before the line feed not part of the document, a line over the limit counted and not kept).
//!
//! Memory stays bounded: a block is at most its size, plus one line of up to the limit when a
//! line is longer than a block; a line over the limit is counted as it is read, never kept.

use std::io::{self, Read};
use std::iter::FusedIterator;

use super::{Documents, Item, Mode, ReadError, Replay, is_blank};

/// A part of an input, as [`Blocks`] reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// One document or a line over the limit, found as [`Documents`] finds it: the first of an
    /// input, or a line longer than the limit, which no block holds.
    Item(Item),
    /// Whole lines of an NDJSON input (the last one may lack its line feed at the end of the
    /// input), the first of them line `line`: [`lines`] gives their documents.
    Lines {
        /// The line where the block starts.
        line: usize,
        /// The block's bytes, line breaks included.
        bytes: Vec<u8>,
    },
}

/// One document of a block, as [`lines`] finds it: [`Item`] with its bytes borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockItem<'a> {
    /// A document's bytes, without its line break.
    Document {
        /// The line it is on.
        line: usize,
        /// The document, at most the limit.
        bytes: &'a [u8],
    },
    /// A line longer than the limit, counted and not kept.
    Oversize {
        /// The line it is on.
        line: usize,
        /// Its size in bytes, without its line break.
        size: u64,
    },
}

/// The documents of an input in blocks of whole lines: an iterator of
/// `Result<`[`Block`]`, `[`ReadError`]`>`.
pub struct Blocks<R> {
    documents: Documents<R>,
    /// How many bytes a block is read with.
    block_size: usize,
    /// Bytes read after the previous block: the start of a line without its line feed yet, or
    /// after a line over the limit, whatever followed it in the last read.
    carry: Vec<u8>,
    /// Whether `carry` may hold line feeds (it follows a line over the limit).
    carry_has_lines: bool,
    /// An error met after the start of a block, given once its whole lines are.
    error: Option<io::Error>,
}

impl<R: io::BufRead> Blocks<R> {
    /// The documents of `reader`, each at most `max_bytes` bytes, read `block_size` bytes at a
    /// time (at least one).
    pub fn new(reader: R, max_bytes: usize, block_size: usize) -> Self {
        Self {
            documents: Documents::new(reader, max_bytes),
            block_size: block_size.max(1),
            carry: Vec::new(),
            carry_has_lines: false,
            error: None,
        }
    }

    /// How many bytes of the input have been read so far (each byte once), for progress.
    pub fn consumed(&self) -> u64 {
        self.documents.consumed()
    }

    /// Whether the input starts with a UTF-8 byte order mark, which was skipped (known once the
    /// first block, or the end, has been read).
    pub fn byte_order_mark(&self) -> bool {
        self.documents.byte_order_mark()
    }

    /// Reads the next block of whole lines, or the line over the limit that comes next.
    fn next_block(&mut self) -> io::Result<Option<Block>> {
        let max_bytes = self.documents.max_bytes;
        let mut bytes = std::mem::take(&mut self.carry);
        loop {
            // Room for a block beside the start of a line carried over.
            let wanted = self
                .block_size
                .saturating_sub(bytes.len())
                .max(self.block_size / 2)
                .max(1);
            let searched = if std::mem::take(&mut self.carry_has_lines) {
                0
            } else {
                bytes.len()
            };
            let read = match self.documents.input.read_into(&mut bytes, wanted) {
                Ok(read) => read,
                // Whole lines read before the error are given first.
                Err(error) => {
                    self.error = Some(error);
                    0
                }
            };
            if self.error.is_none() && read == wanted {
                if let Some(end) = memchr::memrchr(b'\n', &bytes[searched..]) {
                    let end = searched + end + 1;
                    self.carry = Vec::with_capacity(self.block_size);
                    self.carry.extend_from_slice(&bytes[end..]);
                    bytes.truncate(end);
                    return Ok(Some(self.lines_block(bytes)));
                }
                // No line feed yet: the line goes on into the next read, or is over the limit.
                if bytes.len() > max_bytes.saturating_add(1) {
                    let last_is_return = bytes.last() == Some(&b'\r');
                    return self.skip_line(bytes.len() as u64, last_is_return).map(Some);
                }
                continue;
            }
            // The end of the input (or an error): what is left is the last lines, the last one
            // perhaps without a line feed, which [`lines`] splits as it does any other; a line
            // cut by an error is not a document.
            self.documents.mode = Mode::Done;
            if self.error.is_some() {
                let end = memchr::memrchr(b'\n', &bytes).map_or(0, |end| end + 1);
                bytes.truncate(end);
            }
            return Ok((!bytes.is_empty()).then(|| self.lines_block(bytes)));
        }
    }

    /// `bytes` (whole lines; at the end of the input, the last may lack its line feed) as the
    /// block that starts at the next line.
    fn lines_block(&mut self, bytes: Vec<u8>) -> Block {
        let line = self.documents.next_line;
        self.documents.next_line += memchr::memchr_iter(b'\n', &bytes).count();
        if !bytes.ends_with(b"\n") {
            self.documents.next_line += 1;
        }
        Block::Lines { line, bytes }
    }

    /// Counts the rest of a line over the limit, of which `size` bytes were read (the last of
    /// them a carriage return: `last_is_return`), without keeping it; the bytes after its line
    /// feed start the next block.
    fn skip_line(&mut self, mut size: u64, mut last_is_return: bool) -> io::Result<Block> {
        let line = self.documents.next_line;
        self.documents.reading = line;
        let mut chunk = Vec::with_capacity(self.block_size);
        loop {
            chunk.clear();
            let read = self
                .documents
                .input
                .read_into(&mut chunk, self.block_size)?;
            if read == 0 {
                self.documents.next_line += 1;
                return Ok(Block::Item(Item::Oversize { line, size }));
            }
            if let Some(end) = memchr::memchr(b'\n', &chunk) {
                size += end as u64;
                let before = if end > 0 {
                    chunk[end - 1] == b'\r'
                } else {
                    last_is_return
                };
                if before {
                    size -= 1;
                }
                self.carry = chunk.split_off(end + 1);
                self.carry_has_lines = true;
                self.documents.next_line += 1;
                return Ok(Block::Item(Item::Oversize { line, size }));
            }
            size += read as u64;
            last_is_return = chunk.last() == Some(&b'\r');
        }
    }
}

impl<R: io::BufRead> Iterator for Blocks<R> {
    type Item = Result<Block, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let block = match self.documents.mode {
            Mode::Start => return self.documents.next().map(|item| item.map(Block::Item)),
            Mode::Lines => self.next_block(),
            Mode::Done => Ok(None),
        };
        match block {
            Ok(Some(block)) => Some(Ok(block)),
            Ok(None) => self.error.take().map(|error| {
                Err(ReadError {
                    line: self.documents.next_line,
                    error,
                })
            }),
            Err(error) => {
                self.documents.mode = Mode::Done;
                self.carry = Vec::new();
                Some(Err(ReadError {
                    line: self.documents.reading,
                    error,
                }))
            }
        }
    }
}

impl<R: io::BufRead> FusedIterator for Blocks<R> {}

impl<R: io::BufRead> Replay<R> {
    /// Appends up to `amount` bytes of the input to `buffer`, fewer only at its end; how many.
    fn read_into(&mut self, buffer: &mut Vec<u8>, amount: usize) -> io::Result<usize> {
        let mut read = 0;
        if self.replayed < self.replay.len() {
            let replayed = &self.replay[self.replayed..];
            read = replayed.len().min(amount);
            buffer.extend_from_slice(&replayed[..read]);
            self.consume(read);
        }
        if read == amount || self.ended {
            return Ok(read);
        }
        let wanted = amount - read;
        buffer.reserve(wanted);
        // `read_to_end` retries an interrupted read and reads into the spare capacity without
        // zeroing it; the input's end is read once (a short count is the end).
        let result = (&mut self.reader).take(wanted as u64).read_to_end(buffer);
        let got = result?;
        self.consumed += got as u64;
        if got < wanted {
            self.ended = true;
        }
        Ok(read + got)
    }
}

/// The documents of a block of whole lines ([`Block::Lines`]) that starts at line `line`, each
/// at most `max_bytes`: the same as [`Documents`] gives for those lines.
pub fn lines(bytes: &[u8], line: usize, max_bytes: usize) -> Lines<'_> {
    Lines {
        rest: bytes,
        line,
        max_bytes,
    }
}

/// The documents of a block of lines: see [`lines`].
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    rest: &'a [u8],
    line: usize,
    max_bytes: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = BlockItem<'a>;

    fn next(&mut self) -> Option<BlockItem<'a>> {
        while !self.rest.is_empty() {
            let line = self.line;
            self.line += 1;
            let (text, rest) = match memchr::memchr(b'\n', self.rest) {
                Some(end) => {
                    let text = &self.rest[..end];
                    (
                        text.strip_suffix(b"\r").unwrap_or(text),
                        &self.rest[end + 1..],
                    )
                }
                None => (self.rest, &[][..]),
            };
            self.rest = rest;
            if text.len() > self.max_bytes {
                return Some(BlockItem::Oversize {
                    line,
                    size: text.len() as u64,
                });
            }
            if !is_blank(text) {
                return Some(BlockItem::Document { line, bytes: text });
            }
        }
        None
    }
}

impl FusedIterator for Lines<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::tests::Failing;

    /// The items of `input` as [`Documents`] gives them.
    fn by_documents(input: &[u8], limit: usize) -> Vec<Item> {
        let reader = io::BufReader::with_capacity(5, input);
        Documents::new(reader, limit)
            .collect::<Result<_, _>>()
            .expect("a slice is read")
    }

    /// The items of `input` read in blocks of `block_size` and split by [`lines`].
    fn by_blocks(input: &[u8], limit: usize, block_size: usize) -> Vec<Item> {
        let reader = io::BufReader::with_capacity(5, input);
        let mut blocks = Blocks::new(reader, limit, block_size);
        let mut items = Vec::new();
        for block in blocks.by_ref() {
            match block.expect("a slice is read") {
                Block::Item(item) => items.push(item),
                Block::Lines { line, bytes } => {
                    assert!(!bytes.is_empty(), "an empty block");
                    items.extend(lines(&bytes, line, limit).map(|found| match found {
                        BlockItem::Document { line, bytes } => Item::Document {
                            line,
                            bytes: bytes.to_vec(),
                        },
                        BlockItem::Oversize { line, size } => Item::Oversize { line, size },
                    }));
                }
            }
        }
        assert_eq!(blocks.consumed(), input.len() as u64, "consumed");
        items
    }

    /// Inputs with what splitting lines must get right: blank lines, CRLF, lines over the limit
    /// (with a carriage return on either side of a block's end), invalid UTF-8, a byte order
    /// mark, a last line without a line feed, one document, a stream whose first line is cut.
    fn inputs() -> Vec<Vec<u8>> {
        let long = format!("[{}1]", "1,".repeat(20));
        let mut inputs: Vec<Vec<u8>> = vec![
            b"[1]\n\n  \n[22]\r\n\t\r\n[333]\nnot json\n{\"c\":".to_vec(),
            b"[1]\n[2]\n".to_vec(),
            b"[1]\n[2]".to_vec(),
            b"[1]\r\n\r\n".to_vec(),
            b"\xef\xbb\xbf[1]\r\n[2]\n".to_vec(),
            b"\xef\xbb\xbf\n\n{\n  \"a\": 1\n}\n".to_vec(),
            b"{\"a\": \n[1]\n\xff\xfe\n\n[2]".to_vec(),
            b"\n\n".to_vec(),
            b"".to_vec(),
            format!("{long}\n[1]\n{long}\r\n{long}\r\r\n[2]\n{long}").into_bytes(),
            format!("[1]\n{long}\r\n").into_bytes(),
            format!("[1]\n{long}").into_bytes(),
            format!("[1]\n{long}\r").into_bytes(),
            format!("[1]\n\r{long}\n\n").into_bytes(),
        ];
        // Lines at and around the limit, with and without a carriage return.
        for size in 18..23 {
            let line = "x".repeat(size);
            inputs.push(format!("[0]\n{line}\n{line}\r\n{line}").into_bytes());
            inputs.push(format!("[0]\n{line}\r").into_bytes());
        }
        inputs
    }

    #[test]
    fn blocks_give_the_documents_of_the_input() {
        for input in inputs() {
            for limit in [20, 1000] {
                let expected = by_documents(&input, limit);
                for block_size in (1..48).chain([1000]) {
                    assert_eq!(
                        by_blocks(&input, limit, block_size),
                        expected,
                        "{:?}, limit {limit}, blocks of {block_size}",
                        String::from_utf8_lossy(&input)
                    );
                }
            }
        }
    }

    #[test]
    fn a_block_holds_whole_lines_and_at_most_one_line_beyond_its_size() {
        let input = "[1]\n[22]\n[333]\n".repeat(50);
        let mut blocks = Blocks::new(input.as_bytes(), 1000, 16);
        assert!(matches!(blocks.next(), Some(Ok(Block::Item(_)))));
        let mut line = 2;
        for block in blocks {
            let Ok(Block::Lines { line: first, bytes }) = block else {
                panic!("{block:?}");
            };
            assert_eq!(first, line);
            assert!(bytes.ends_with(b"\n"));
            assert!(bytes.len() <= 16 + 5, "{} bytes", bytes.len());
            line += bytes.iter().filter(|&&byte| byte == b'\n').count();
        }
        assert_eq!(line, 151);
    }

    #[test]
    fn a_read_error_ends_the_blocks_after_the_whole_lines_with_its_line() {
        let reader = io::BufReader::with_capacity(
            4,
            Failing {
                good: b"[1]\n[2]\n\n[3",
            },
        );
        let found: Vec<Result<Block, ReadError>> = Blocks::new(reader, 100, 1000).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            found[1].as_ref().unwrap(),
            &Block::Lines {
                line: 2,
                bytes: b"[2]\n\n".to_vec()
            }
        );
        let error = found[2].as_ref().unwrap_err();
        assert_eq!(error.line(), 4);
        assert_eq!(error.io_error().to_string(), "the disk is gone");

        // While counting a line over the limit.
        let reader = io::BufReader::with_capacity(
            4,
            Failing {
                good: b"[1]\n[2, 3, 4, 5",
            },
        );
        let found: Vec<Result<Block, ReadError>> = Blocks::new(reader, 5, 4).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[1].as_ref().unwrap_err().line(), 2);
    }
}
