//! One error type for the whole tool, and the exit code each kind of failure gets.

use std::io;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asks for something impossible (exit 2, like clap's own usage errors).
    #[error("{0}")]
    Usage(String),
    /// A file-level problem: missing, unreadable, no header, a required column missing.
    #[error("{path}: {message}")]
    File { path: String, message: String },
    /// `--strict` and at least one row was rejected.
    #[error(
        "{} rejected and --strict is set: no output was written",
        crate::log::count(*rejected, "row", "rows")
    )]
    Strict { rejected: u64 },
    #[error("{context}: {source}")]
    Io { context: String, source: io::Error },
    #[error("{0}")]
    Other(String),
}

/// Exit codes, as documented in README.md.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// A file-level problem, an I/O failure, or anything else that stopped the run.
    pub const FAILURE: u8 = 1;
    /// The command line was wrong.
    pub const USAGE: u8 = 2;
    /// `--strict` and some rows were rejected.
    pub const REJECTED: u8 = 3;
}

impl Error {
    pub fn io(context: impl Into<String>, source: io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => exit::USAGE,
            Error::Strict { .. } => exit::REJECTED,
            Error::File { .. } | Error::Io { .. } | Error::Other(_) => exit::FAILURE,
        }
    }

    /// A reader closed our stdout (`claimtrack label x.csv | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// A usage error found only while writing (a `--columns` name the output does not have),
/// carried through a writer's `io::Error` and turned back into `Error::Usage` (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl From<io::Error> for Error {
    fn from(source: io::Error) -> Error {
        if let Some(usage) = source
            .get_ref()
            .and_then(|e| e.downcast_ref::<UsageError>())
        {
            return Error::Usage(usage.0.clone());
        }
        Error::io("cannot write the output", source)
    }
}
