//! The options of `telemetry-spec serve`, as clap reads them, and the checks that need more than
//! one option (where the receiver may listen without a token).
//!
//! The CLI's `serve` subcommand is this [`ServeArgs`]; nothing else of the command line is here.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use clap::Args;

use crate::Error;
use crate::limits::Limits;

/// Where the receiver listens unless told otherwise: loopback only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8089";

/// The store unless told otherwise: an SQLite file in the working directory.
pub const DEFAULT_STORE: &str = "sqlite:telemetry-spec.db";

/// The long help of `serve`.
pub const HELP: &str = "Receive telemetry where the collectors stand, validate it and keep every \
document.\n\nThe receiver speaks Hasura's protocol (`POST /v1/http` with `{\"topic\", \"data\"}`) \
and Segment's tracking API (`POST /v1/track`, `/v1/batch`, `/v1/t`, `/v1/b`, `/v1/import`; with `--write-key`, \
asked as HTTP Basic), and offers validation as a service (`POST /validate/KIND` and `POST /validate`, one JSON \
document or NDJSON, answered with one JSON verdict per document as `validate --format json` \
prints it). Every document is stored with its receipt time, endpoint, kind, verdict and bytes \
before it is answered: a 200 means it is committed. `GET /api/summary`, `GET /api/documents`, \
`GET /api/wait` and `POST /api/reset` say what arrived; `GET /schemas/...` and `GET /kinds` serve \
the published schemas and their index.\n\nIt listens on 127.0.0.1 unless told otherwise; on any \
other address it needs `--token` (asked of `/api/...` as `Authorization: Bearer TOKEN`) or \
`--insecure-no-auth`. It prints `listening on http://ADDRESS` once the store is open and the \
socket bound, and stops on SIGTERM or Ctrl-C after answering what it has accepted.";

/// The arguments of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address and port to listen on (port 0: any free port, printed at start)
    #[arg(long, value_name = "ADDR:PORT", default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// Where documents are kept: `sqlite:PATH` (created if missing) or `postgres://...`
    #[arg(long, value_name = "STORE", default_value = DEFAULT_STORE)]
    pub store: StoreUrl,
    /// A bearer token asked of `/api/...`; needed to listen on an address other than loopback
    #[arg(
        long,
        value_name = "TOKEN",
        env = "TELEMETRY_SPEC_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// A Segment write key asked of `/v1/track` and `/v1/batch` (HTTP Basic, the key as user)
    #[arg(
        long,
        value_name = "KEY",
        env = "TELEMETRY_SPEC_WRITE_KEY",
        hide_env_values = true
    )]
    pub write_key: Option<String>,
    /// Listen on an address other than loopback without a token
    #[arg(long)]
    pub insecure_no_auth: bool,
    /// Show on the page (`GET /`) the values of members that can point at a person or a machine
    #[arg(long)]
    pub show_values: bool,
    /// Answer an emitter's invalid document with 400 and its verdict (it is stored all the same)
    #[arg(long)]
    pub reject_invalid: bool,
    /// The largest request body, in bytes; a larger one is answered with 413 and not stored
    #[arg(long, value_name = "BYTES", default_value_t = Limits::DEFAULT.max_body_bytes)]
    pub max_bytes: usize,
    /// The most documents one request may carry; more are answered with 413 and not stored
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT.max_documents)]
    pub max_documents: usize,
    /// When the receiver stops, write the coverage (`GET /api/coverage`) to FILE
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// When the receiver stops, exit with status 1 if a stored document is invalid, or if a
    /// declared kind was never seen (repeatable)
    #[arg(long, value_name = "WHAT", value_enum)]
    pub fail_on: Vec<FailOn>,
    /// How many requests may wait for the store; beyond, 503 with Retry-After
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT.queue)]
    pub queue: usize,
}

impl ServeArgs {
    /// The arguments with every default, for the store given.
    pub fn new(store: StoreUrl) -> Self {
        Self {
            listen: DEFAULT_LISTEN.parse().expect("the default address parses"),
            store,
            token: None,
            write_key: None,
            insecure_no_auth: false,
            reject_invalid: false,
            show_values: false,
            report: None,
            fail_on: Vec::new(),
            max_bytes: Limits::DEFAULT.max_body_bytes,
            max_documents: Limits::DEFAULT.max_documents,
            queue: Limits::DEFAULT.queue,
        }
    }

    /// The limits the options set.
    pub fn limits(&self) -> Result<Limits, Error> {
        if self.queue == 0 || self.max_documents == 0 || self.max_bytes == 0 {
            return Err(Error::new(
                "`--queue`, `--max-documents` and `--max-bytes` must be at least 1",
            ));
        }
        Ok(Limits {
            max_body_bytes: self.max_bytes,
            max_documents: self.max_documents,
            queue: self.queue,
        })
    }

    /// Refuses to listen beyond loopback without a token, unless told to.
    pub fn check_exposure(&self) -> Result<(), Error> {
        let exposed = !self.listen.ip().is_loopback();
        if exposed && self.token.is_none() && !self.insecure_no_auth {
            return Err(Error::new(format!(
                "listening on {} (not loopback) needs `--token TOKEN`, or `--insecure-no-auth` \
                 to let anyone who reaches it read and reset the store",
                self.listen
            )));
        }
        if self.token.as_deref() == Some("") {
            return Err(Error::new("`--token` must not be empty"));
        }
        Ok(())
    }
}

/// What makes `serve` end with status 1 (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A stored document is invalid (or of no kind).
    Invalid,
    /// A kind the specification declares was never seen.
    Unseen,
}

/// Where documents are kept, as `--store` names it.
#[derive(Clone, PartialEq, Eq)]
pub enum StoreUrl {
    /// An SQLite database file.
    Sqlite(PathBuf),
    /// A PostgreSQL database (a `postgres://` or `postgresql://` URL, or key-value settings
    /// after `postgres:`), which several receivers may share.
    Postgres(String),
}

/// As [`std::fmt::Display`]: a password is never written.
impl std::fmt::Debug for StoreUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl FromStr for StoreUrl {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Some(path) = text.strip_prefix("sqlite:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            if path.is_empty() {
                return Err("`sqlite:` needs a path: `sqlite:PATH`".to_owned());
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(Self::Postgres(text.to_owned()));
        }
        Err("not a store: use `sqlite:PATH` or `postgres://USER@HOST:PORT/DATABASE`".to_owned())
    }
}

impl std::fmt::Display for StoreUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            // `postgres://user:password@host/db` is written `postgres://user@host/db`.
            Self::Postgres(url) => match url.split_once("://") {
                Some((scheme, rest)) => {
                    let rest = match rest.split_once('@') {
                        Some((credentials, place)) => {
                            let user = credentials.split(':').next().unwrap_or_default();
                            format!("{user}@{place}")
                        }
                        None => rest.to_owned(),
                    };
                    write!(f, "{scheme}://{rest}")
                }
                None => f.write_str("postgres"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_are_read_from_their_urls() {
        assert_eq!(
            "sqlite:/tmp/a.db".parse::<StoreUrl>(),
            Ok(StoreUrl::Sqlite("/tmp/a.db".into()))
        );
        assert_eq!(
            "sqlite://rel.db".parse::<StoreUrl>(),
            Ok(StoreUrl::Sqlite("rel.db".into()))
        );
        assert!("sqlite:".parse::<StoreUrl>().is_err());
        assert!("mysql://x".parse::<StoreUrl>().is_err());
        let postgres: StoreUrl = "postgres://ingest:hunter2@db:5432/telemetry"
            .parse()
            .unwrap();
        assert_eq!(postgres.to_string(), "postgres://ingest@db:5432/telemetry");
        assert!(!format!("{postgres:?}").contains("hunter2"));
    }

    #[test]
    fn beyond_loopback_a_token_is_needed() {
        let mut args = ServeArgs::new(StoreUrl::Sqlite("x.db".into()));
        assert!(args.check_exposure().is_ok());
        args.listen = "0.0.0.0:8089".parse().unwrap();
        let error = args.check_exposure().unwrap_err();
        assert!(error.to_string().contains("--token"), "{error}");
        args.insecure_no_auth = true;
        assert!(args.check_exposure().is_ok());
        args.insecure_no_auth = false;
        args.token = Some("secret".into());
        assert!(args.check_exposure().is_ok());
        args.listen = "[::1]:0".parse().unwrap();
        args.token = Some(String::new());
        assert!(args.check_exposure().is_err());
    }
}
