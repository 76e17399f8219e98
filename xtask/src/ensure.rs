//! The one write path and the one check path for generated files.
//!
//! Every artefact goes through [`ensure_file`]: in write mode it replaces the file atomically
//! (a temporary file in the same directory, then a rename, so an interrupt never leaves half a
//! schema behind) and only when the content differs; in check mode it compares and records.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whether generation writes files or only compares them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write files whose content differs.
    Write,
    /// Write nothing; report files whose content differs.
    Check,
}

/// What happened to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Already had the expected content.
    Unchanged,
    /// Written (write mode) or would be written (check mode) with new content.
    Changed,
    /// Did not exist: created (write mode) or missing (check mode).
    Created,
}

/// The record of one generation run, relative to the workspace root.
#[derive(Debug)]
pub struct Summary {
    mode: Mode,
    files: Vec<(PathBuf, Outcome)>,
}

impl Summary {
    pub fn new(mode: Mode) -> Self {
        Self {
            mode,
            files: Vec::new(),
        }
    }

    fn record(&mut self, path: PathBuf, outcome: Outcome) {
        self.files.push((path, outcome));
    }

    /// The files that differ from the expected content.
    pub fn stale(&self) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .filter(|(_, outcome)| *outcome != Outcome::Unchanged)
            .map(|(path, _)| path.as_path())
    }

    /// In check mode, whether nothing is stale; in write mode, always.
    pub fn is_clean(&self) -> bool {
        self.mode == Mode::Write || self.stale().next().is_none()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |wanted: Outcome| self.files.iter().filter(|(_, o)| *o == wanted).count();
        let (unchanged, changed, created) = (
            count(Outcome::Unchanged),
            count(Outcome::Changed),
            count(Outcome::Created),
        );
        match self.mode {
            Mode::Check => {
                if changed + created == 0 {
                    writeln!(f, "{} generated files are fresh", self.files.len())
                } else {
                    for (path, outcome) in &self.files {
                        let what = match outcome {
                            Outcome::Unchanged => continue,
                            Outcome::Changed => "stale",
                            Outcome::Created => "missing",
                        };
                        writeln!(f, "{what}: {}", path.display())?;
                    }
                    writeln!(
                        f,
                        "{} of {} generated files are stale or missing: run `cargo xtask gen` and commit the result",
                        changed + created,
                        self.files.len()
                    )
                }
            }
            Mode::Write => {
                for (path, outcome) in &self.files {
                    match outcome {
                        Outcome::Unchanged => {}
                        Outcome::Changed => writeln!(f, "updated {}", path.display())?,
                        Outcome::Created => writeln!(f, "created {}", path.display())?,
                    }
                }
                writeln!(
                    f,
                    "{created} created, {changed} updated, {unchanged} unchanged"
                )
            }
        }
    }
}

/// Makes `root/relative` hold `contents` (write mode) or checks that it does (check mode).
pub fn ensure_file(
    root: &Path,
    relative: &Path,
    contents: &str,
    summary: &mut Summary,
) -> io::Result<()> {
    let path = root.join(relative);
    let outcome = match fs::read(&path) {
        Ok(existing) if existing == contents.as_bytes() => Outcome::Unchanged,
        Ok(_) => Outcome::Changed,
        Err(error) if error.kind() == io::ErrorKind::NotFound => Outcome::Created,
        Err(error) => return Err(with_path(error, &path)),
    };
    if summary.mode == Mode::Write && outcome != Outcome::Unchanged {
        write_atomically(&path, contents.as_bytes()).map_err(|error| with_path(error, &path))?;
    }
    summary.record(relative.to_path_buf(), outcome);
    Ok(())
}

fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let directory = path.parent().expect("generated files live in a directory");
    fs::create_dir_all(directory)?;
    let file_name = path.file_name().expect("a file path").to_string_lossy();
    let temporary = directory.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// `error` with the file it is about named first.
pub fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}
