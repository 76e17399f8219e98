//! Where a run's output goes, in input order: standard output (through the progress bar, so that
//! the two do not tear each other on a terminal), standard error for the messages at their
//! place among the verdicts, and the files of `--valid-out` and `--invalid-out`; the run's counts
//! and `--stats` add up here too.

use std::fs::File;
use std::io::{self, BufWriter, Stdout, Write};
use std::path::{Path, PathBuf};

use super::input::READ_BUFFER;
use super::printer::{self, Message, Rendered};
use super::progress::Progress;
use super::stats::Stats;
use super::{Options, Tally};
use crate::diagnostics::{describe_io_error, print_error, print_note};
use crate::exit::Failure;
use crate::output::Format;

/// A file documents are routed to, with its name for messages.
pub struct RouteFile {
    name: String,
    out: BufWriter<File>,
}

impl RouteFile {
    /// Creates (or empties) the file at `path`, refusing one of the run's inputs.
    pub fn create(path: &Path, inputs: &[PathBuf]) -> Result<Self, Failure> {
        let name = path.display().to_string();
        if let Ok(target) = path.canonicalize() {
            if inputs
                .iter()
                .any(|input| input.canonicalize().is_ok_and(|input| input == target))
            {
                return Err(Failure::new(format!(
                    "`{name}` is an input of this run; documents are routed to another file"
                )));
            }
        }
        let file = File::create(path).map_err(|error| {
            Failure::new(format!(
                "cannot write `{name}`: {}",
                describe_io_error(&error)
            ))
        })?;
        Ok(Self {
            name,
            out: BufWriter::with_capacity(READ_BUFFER, file),
        })
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.out
            .write_all(bytes)
            .map_err(|error| self.failure(&error))
    }

    fn finish(mut self) -> Result<(), Failure> {
        self.out.flush().map_err(|error| self.failure(&error))
    }

    fn failure(&self, error: &io::Error) -> Failure {
        Failure::new(format!(
            "cannot write `{}`: {}",
            self.name,
            describe_io_error(error)
        ))
    }
}

/// The output of a run.
pub struct Sink<'a> {
    pub out: BufWriter<Stdout>,
    pub progress: Progress,
    pub valid_out: Option<RouteFile>,
    pub invalid_out: Option<RouteFile>,
    pub tally: Tally,
    pub stats: Option<Stats>,
    pub options: &'a Options,
    pub names: &'a [String],
}

impl Sink<'_> {
    fn write(&mut self, text: &[u8]) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let out = &mut self.out;
        let interleaves = self.progress.interleaves();
        self.progress.print(|| {
            out.write_all(text)?;
            if interleaves {
                out.flush()?;
            }
            Ok(())
        })
    }

    /// Writes what a batch gave, in order.
    pub fn take(&mut self, rendered: Rendered) -> Result<(), Failure> {
        let mut written = 0;
        for (offset, message) in rendered.messages {
            self.write(&rendered.out[written..offset])?;
            written = offset;
            match message {
                Message::Input(index) => {
                    if let Some(name) = self.names.get(index) {
                        self.progress.set_input(name);
                    }
                }
                Message::Error(message) => {
                    self.out.flush()?;
                    print_error(&message);
                }
                Message::Warning(message) => {
                    self.out.flush()?;
                    print_note("warning", &message);
                }
            }
        }
        self.write(&rendered.out[written..])?;
        if let Some(file) = &mut self.valid_out {
            file.write(&rendered.valid_out)?;
        }
        if let Some(file) = &mut self.invalid_out {
            file.write(&rendered.invalid_out)?;
        }
        self.tally.add(&rendered.tally);
        if let (Some(stats), Some(batch)) = (&mut self.stats, rendered.stats) {
            stats.merge(batch);
        }
        self.progress.set_position(rendered.position);
        Ok(())
    }

    /// Ends the run: the stats, the summary, and every file written out.
    pub fn finish(mut self) -> Result<Tally, Failure> {
        self.progress.finish();
        if let Some(stats) = self.stats.take() {
            let mut text = Vec::new();
            match self.options.format {
                Format::Human => {
                    let shown: Vec<String> = self
                        .names
                        .iter()
                        .map(|name| crate::output::printable(name).into_owned())
                        .collect();
                    stats.write_human(&mut text, &shown);
                }
                Format::Json => stats.write_json(&mut text, self.names),
            }
            self.write(&text)?;
        }
        let summary = printer::summary(self.options.format, &self.tally);
        self.write(&summary)?;
        self.out.flush()?;
        for file in [self.valid_out.take(), self.invalid_out.take()]
            .into_iter()
            .flatten()
        {
            file.finish()?;
        }
        Ok(self.tally)
    }
}
