//! The inputs of `validate` read into batches: each input's documents in order, with the
//! messages about an input (cannot be read, a byte order mark, no document) at their place among
//! them, so that a batch is judged anywhere and printed in order.
//!
//! The inputs are read by the library's [`Blocks`]: the first document of an input as one item
//! (it decides between one document and NDJSON), the rest as raw blocks of whole lines. The
//! calling thread only reads a block and finds its last line feed; the thread that judges it
//! splits its lines ([`schema_types::documents::lines`]), so that a block's bytes are first looked
//! at by the core that judges them and reading is the only part of a run done in series.
//!
//! A batch closes at [`BATCH_DOCUMENTS`] items or once it holds the block size in bytes, so that
//! it holds about one block, besides one line longer than a block of up to the size limit.

use std::io::BufRead;

use schema_types::documents::{Block, Blocks, Item};

use super::input::Input;
use crate::diagnostics::describe_io_error;

/// The most items (documents read one by one: the first of each input, lines over the limit)
/// a batch holds: enough that handing a batch to a worker costs nothing beside judging it (a
/// run over many small files), few enough that the batches in flight stay small.
pub const BATCH_DOCUMENTS: usize = 512;

/// The size of the blocks an input is read in, by default: large enough that a block is many
/// documents, small enough that the blocks in flight stay in the caches.
pub const BLOCK_SIZE: usize = 256 << 10;

/// What a batch holds, in input order.
pub enum Entry {
    /// The input of this index (in the inputs of the run) starts.
    Input(usize),
    /// A document of the input `input`, starting at `line`.
    Document {
        input: usize,
        line: usize,
        bytes: Vec<u8>,
    },
    /// Whole lines of the input `input`, the first of them `line`, split by whoever judges them.
    Lines {
        input: usize,
        line: usize,
        bytes: Vec<u8>,
    },
    /// A document over the size limit, counted and not kept.
    Oversize {
        input: usize,
        line: usize,
        size: u64,
    },
    /// An input that cannot be read, whole or from some point: a message for standard error,
    /// and one more input in error.
    Error(String),
    /// A warning about an input, for standard error.
    Warning(String),
}

/// Entries in input order, and how many bytes of all inputs were read once they were.
pub struct Batch {
    pub entries: Vec<Entry>,
    pub position: u64,
}

/// The input being read.
struct Reading {
    index: usize,
    documents: Blocks<Box<dyn BufRead>>,
    /// Blocks read so far.
    count: u64,
}

/// The batches of a run's inputs, read as they are asked for.
pub struct Batches<'a> {
    inputs: &'a [Input],
    max_bytes: usize,
    block_size: usize,
    next_input: usize,
    reading: Option<Reading>,
    /// Bytes read from the inputs done.
    done: u64,
}

impl<'a> Batches<'a> {
    /// The batches of `inputs`, each document at most `max_bytes`, read in blocks of
    /// `block_size` bytes.
    pub fn new(inputs: &'a [Input], max_bytes: usize, block_size: usize) -> Self {
        Self {
            inputs,
            max_bytes,
            block_size,
            next_input: 0,
            reading: None,
            done: 0,
        }
    }

    /// Reads what comes next into `entries` (a document, or the start or end of an input with
    /// its messages); returns the bytes of the document read, or `None` when every input is done.
    fn read_entry(&mut self, entries: &mut Vec<Entry>) -> Option<usize> {
        let inputs = self.inputs;
        let Some(reading) = &mut self.reading else {
            let index = self.next_input;
            let input = inputs.get(index)?;
            self.next_input += 1;
            entries.push(Entry::Input(index));
            match input.open() {
                Ok(reader) => {
                    self.reading = Some(Reading {
                        index,
                        documents: Blocks::new(reader, self.max_bytes, self.block_size),
                        count: 0,
                    });
                }
                Err(message) => entries.push(Entry::Error(message)),
            }
            return Some(0);
        };
        let index = reading.index;
        let name = || inputs[index].name();
        let block = match reading.documents.next() {
            Some(Ok(block)) => block,
            end => {
                if let Some(Err(error)) = end {
                    entries.push(Entry::Error(format!(
                        "cannot read `{}` at line {}: {}",
                        name(),
                        error.line(),
                        describe_io_error(error.io_error())
                    )));
                } else if reading.count == 0 {
                    entries.push(Entry::Warning(format!("`{}` holds no document", name())));
                }
                self.done += reading.documents.consumed();
                self.reading = None;
                return Some(0);
            }
        };
        if reading.count == 0 && reading.documents.byte_order_mark() {
            entries.push(Entry::Warning(format!(
                "`{}` starts with a UTF-8 byte order mark, which JSON text must not have \
                 (RFC 8259, section 8.1); it is ignored here, but a strict receiver refuses it",
                name()
            )));
        }
        reading.count += 1;
        let input = reading.index;
        Some(match block {
            Block::Item(Item::Document { line, bytes }) => {
                let size = bytes.len();
                entries.push(Entry::Document { input, line, bytes });
                size
            }
            Block::Item(Item::Oversize { line, size }) => {
                entries.push(Entry::Oversize { input, line, size });
                0
            }
            Block::Lines { line, bytes } => {
                let size = bytes.len();
                entries.push(Entry::Lines { input, line, bytes });
                size
            }
        })
    }

    /// How many bytes of all inputs have been read.
    fn bytes_read(&self) -> u64 {
        self.done
            + self
                .reading
                .as_ref()
                .map_or(0, |reading| reading.documents.consumed())
    }
}

impl Iterator for Batches<'_> {
    type Item = Batch;

    fn next(&mut self) -> Option<Batch> {
        let mut entries = Vec::new();
        let (mut documents, mut bytes) = (0, 0);
        while documents < BATCH_DOCUMENTS && bytes < self.block_size {
            let length = entries.len();
            let Some(size) = self.read_entry(&mut entries) else {
                break;
            };
            if entries[length..].iter().any(|entry| {
                matches!(
                    entry,
                    Entry::Document { .. } | Entry::Oversize { .. } | Entry::Lines { .. }
                )
            }) {
                documents += 1;
            }
            bytes += size;
        }
        (!entries.is_empty()).then(|| Batch {
            entries,
            position: self.bytes_read(),
        })
    }
}
