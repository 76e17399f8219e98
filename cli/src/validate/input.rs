//! An input of `validate`: a file or standard input, its name in verdicts and messages, its size
//! for the progress bar, and opening it.
//!
//! Opening refuses what cannot hold JSON text (a directory, a binary file, UTF-16) with one
//! message, so that such an input is one line on standard error rather than a verdict per line
//! of garbage.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::diagnostics::describe_io_error;

/// The read buffer of an input, which is also how much of its start is checked for binary
/// content.
pub const READ_BUFFER: usize = 64 * 1024;

/// An input: a file or standard input.
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub fn from_path(path: PathBuf) -> Self {
        if path.as_os_str() == "-" {
            Self::Stdin
        } else {
            Self::File(path)
        }
    }

    /// The input's name in verdicts and messages.
    pub fn name(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Stdin => "<stdin>".to_owned(),
        }
    }

    /// Its size in bytes, when known beforehand.
    pub fn size(&self) -> Option<u64> {
        match self {
            Self::File(path) => std::fs::metadata(path).ok().map(|metadata| metadata.len()),
            Self::Stdin => None,
        }
    }

    /// Opens the input, refusing what cannot hold JSON text: a directory, a binary file, UTF-16.
    pub fn open(&self) -> Result<Box<dyn BufRead>, String> {
        let name = self.name();
        let mut reader: Box<dyn BufRead> = match self {
            Self::Stdin => Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin())),
            Self::File(path) => Box::new(BufReader::with_capacity(READ_BUFFER, open_file(path)?)),
        };
        let start = reader
            .fill_buf()
            .map_err(|error| format!("cannot read `{name}`: {}", describe_io_error(&error)))?;
        if start.starts_with(&[0xff, 0xfe]) || start.starts_with(&[0xfe, 0xff]) {
            return Err(format!(
                "`{name}` is UTF-16 text; documents are read as UTF-8 (convert it, for example \
                 with `iconv -f UTF-16 -t UTF-8`)"
            ));
        }
        if let Some(offset) = start.iter().position(|&byte| byte == 0) {
            return Err(format!(
                "`{name}` is a binary file (a NUL byte at offset {offset}), not JSON text"
            ));
        }
        Ok(reader)
    }
}

fn open_file(path: &Path) -> Result<File, String> {
    let name = path.display();
    let cannot = |error: io::Error| format!("cannot read `{name}`: {}", describe_io_error(&error));
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    if metadata.is_dir() {
        return Err(format!(
            "`{name}` is a directory; give the files in it (for example `{}`)",
            path.join("*.json").display()
        ));
    }
    File::open(path).map_err(cannot)
}
