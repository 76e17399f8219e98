//! How a run ends: the [`Status`] a command's findings give, the [`Failure`] that ends a command
//! early, and the exit code each becomes.
//!
//! Every command returns `Result<Status, Failure>` (or `()` for success), so the mapping to exit
//! codes (0 valid, 1 invalid, 2 usage or input error) is written once, here. An `io::Error` of
//! kind `BrokenPipe` (standard output closed by `| head`) becomes [`Failure::ClosedOutput`],
//! which ends the run without a message.

use std::io;
use std::process::ExitCode;

use crate::diagnostics::{describe_io_error, print_error};

/// A failure that ends a command, with exit status 2.
#[derive(Debug)]
pub enum Failure {
    /// Printed as one line on standard error (lower case, no full stop).
    Message(String),
    /// Standard output was closed early (`| head`): the run stops without a message.
    ClosedOutput,
}

impl Failure {
    /// A failure with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self::Message(message.into())
    }
}

impl From<schema_types::api::UnknownKind> for Failure {
    fn from(error: schema_types::api::UnknownKind) -> Self {
        let hint = if error.suggestions().is_empty() {
            " (`telemetry-spec list` shows every kind)"
        } else {
            ""
        };
        Self::Message(format!("{error}{hint}"))
    }
}

/// Writing to standard output failed.
impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Self::ClosedOutput
        } else {
            Self::Message(format!(
                "cannot write the output: {}",
                describe_io_error(&error)
            ))
        }
    }
}

/// What a command found: how the run ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Everything valid (or nothing to judge).
    Success,
    /// Some document invalid.
    Invalid,
    /// A usage error or an input that could not be read.
    Error,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        match status {
            Status::Success => ExitCode::SUCCESS,
            Status::Invalid => ExitCode::from(1),
            Status::Error => ExitCode::from(2),
        }
    }
}

/// The exit code of a command's result; a failure's message is printed on standard error.
pub fn code(result: Result<Status, Failure>) -> ExitCode {
    match result {
        Ok(status) => status.into(),
        Err(Failure::ClosedOutput) => Status::Error.into(),
        Err(Failure::Message(message)) => {
            print_error(&message);
            Status::Error.into()
        }
    }
}
