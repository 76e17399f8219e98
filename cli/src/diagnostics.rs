//! What the tool says on standard error: errors and notes, each one line starting with
//! `telemetry-spec:`, and I/O errors in words.
//!
//! Standard output carries only results (verdicts, schemas, samples), so that it can be piped;
//! everything addressed to the person running the tool goes through here, in one wording, and
//! made [`printable`] (a message quotes file names and arguments, which may hold anything).

use std::fmt;
use std::io::{self, Write};

use crate::output::printable;

/// An I/O error in words, without the `(os error N)` that `io::Error` appends.
pub fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(end) => text[..end].to_lowercase(),
                None => text,
            }
        }
    }
}

/// Prints an error line on standard error.
pub fn print_error(message: &dyn fmt::Display) {
    let message = message.to_string();
    let _ = writeln!(
        io::stderr().lock(),
        "telemetry-spec: error: {}",
        printable(&message)
    );
}

/// Prints a note on standard error.
pub fn print_note(kind: &str, message: &dyn fmt::Display) {
    let message = message.to_string();
    let _ = writeln!(
        io::stderr().lock(),
        "telemetry-spec: {kind}: {}",
        printable(&message)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_without_os_codes() {
        let error = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(describe_io_error(&error), "no such file or directory");
        let error = io::Error::from_raw_os_error(21);
        assert!(!describe_io_error(&error).contains("os error"));
    }
}
