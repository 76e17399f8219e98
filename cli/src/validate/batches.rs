//! The inputs of `validate` read into batches: each input's documents in order (split by the
//! library's [`Documents`]), with the messages about an input (cannot be read, a byte order mark,
//! no document) at their place among them, so that a batch is judged anywhere and printed in
//! order.
//!
//! A batch closes at [`BATCH_DOCUMENTS`] documents or [`BATCH_BYTES`] bytes, whichever comes
//! first, so that it holds at most about a megabyte besides one document of up to the size limit.

use std::io::BufRead;

use schema_types::documents::{Documents, Item};

use super::input::Input;
use crate::diagnostics::describe_io_error;

/// The most documents a batch holds: enough that handing a batch to a worker costs nothing
/// beside judging it, few enough that the batches in flight stay small.
pub const BATCH_DOCUMENTS: usize = 512;

/// The most bytes of documents a batch holds (one document over it closes the batch).
pub const BATCH_BYTES: usize = 1 << 20;

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
    documents: Documents<Box<dyn BufRead>>,
    count: u64,
}

/// The batches of a run's inputs, read as they are asked for.
pub struct Batches<'a> {
    inputs: &'a [Input],
    max_bytes: usize,
    next_input: usize,
    reading: Option<Reading>,
    /// Bytes read from the inputs done.
    done: u64,
}

impl<'a> Batches<'a> {
    /// The batches of `inputs`, each document at most `max_bytes`.
    pub fn new(inputs: &'a [Input], max_bytes: usize) -> Self {
        Self {
            inputs,
            max_bytes,
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
                        documents: Documents::new(reader, self.max_bytes),
                        count: 0,
                    });
                }
                Err(message) => entries.push(Entry::Error(message)),
            }
            return Some(0);
        };
        let index = reading.index;
        let name = || inputs[index].name();
        let item = match reading.documents.next() {
            Some(Ok(item)) => item,
            end => {
                if let Some(Err(error)) = end {
                    entries.push(Entry::Error(format!(
                        "cannot read `{}` after {} documents: {}",
                        name(),
                        reading.count,
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
        Some(match item {
            Item::Document { line, bytes } => {
                let size = bytes.len();
                entries.push(Entry::Document { input, line, bytes });
                size
            }
            Item::Oversize { line, size } => {
                entries.push(Entry::Oversize { input, line, size });
                0
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
        while documents < BATCH_DOCUMENTS && bytes < BATCH_BYTES {
            let length = entries.len();
            let Some(size) = self.read_entry(&mut entries) else {
                break;
            };
            if entries[length..]
                .iter()
                .any(|entry| matches!(entry, Entry::Document { .. } | Entry::Oversize { .. }))
            {
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
