#![doc = include_str!("../README.md")]
//!
//! ## Code layout
//!
//! One module per job: [`options`] (the command line of `serve`), [`limits`] (the bounds on
//! bodies, documents and the queue), [`store`] (the SQLite store, its migrations and its one
//! writer), [`ingest`] (each protocol's bytes turned into records and verdicts), [`api`] (the
//! router and the handlers), [`auth`] (the bearer token), [`schemas`] (the published schemas,
//! compiled in). This file starts and stops the receiver: [`Server::bind`], [`Server::run`] and
//! [`run`], which the CLI calls.

pub mod api;
pub mod auth;
pub mod coverage;
pub mod dashboard;
pub mod ingest;
pub mod limits;
pub mod metrics;
pub mod options;
pub mod schemas;
pub mod store;

use std::fmt;
use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use options::{FailOn, ServeArgs, StoreUrl};
use store::{Store, Writer};

/// Why the receiver could not start or stopped early, or why the store failed
/// ([`store::StoreError`]), in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl Error {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// How a receiver ended ([`Server::run`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Stopped, with nothing `--fail-on` names.
    Clean,
    /// Stopped, and what `--fail-on` names was found: why, in words.
    Failed(String),
}

/// A receiver whose store is open and whose socket is bound, not yet serving.
pub struct Server {
    listener: TcpListener,
    state: api::AppState,
    writer: Writer,
    stop: watch::Sender<bool>,
    report: Option<std::path::PathBuf>,
    fail_on: Vec<FailOn>,
}

impl Server {
    /// Opens the store and binds the socket, as `args` say (after checking that they may).
    pub async fn bind(args: &ServeArgs) -> Result<Self, Error> {
        args.check_exposure()?;
        let limits = args.limits()?;
        let (store, writer) = match &args.store {
            StoreUrl::Sqlite(path) => {
                let path = path.clone();
                let queue = limits.queue;
                tokio::task::spawn_blocking(move || Store::open_sqlite(&path, queue))
                    .await
                    .map_err(|error| Error::new(format!("cannot open the store: {error}")))??
            }
            StoreUrl::Postgres(url) => Store::open_postgres(url, limits.queue).await?,
        };
        let listener = TcpListener::bind(args.listen)
            .await
            .map_err(|error| Error::new(format!("cannot listen on {}: {error}", args.listen)))?;
        let (stop, stopping) = watch::channel(false);
        Ok(Self {
            listener,
            state: api::AppState {
                store,
                limits,
                token: args.token.as_deref().map(Arc::from),
                write_key: args.write_key.as_deref().map(Arc::from),
                reject_invalid: args.reject_invalid,
                show_values: args.show_values,
                stopping,
                metrics: metrics::Metrics::new(),
            },
            writer,
            stop,
            report: args.report.clone(),
            fail_on: args.fail_on.clone(),
        })
    }

    /// The address the socket is bound to (the port chosen when asked for port 0).
    pub fn local_addr(&self) -> Result<SocketAddr, Error> {
        self.listener
            .local_addr()
            .map_err(|error| Error::new(format!("cannot read the bound address: {error}")))
    }

    /// Serves until `shutdown` completes, then answers every request already accepted, writes
    /// every queued document, writes the coverage report (`--report`), closes the store and
    /// says whether what `--fail-on` names was found.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<Ending, Error> {
        let Self {
            listener,
            state,
            writer,
            stop,
            report,
            fail_on,
        } = self;
        let store = state.store.clone();
        let app = api::router(state);
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                shutdown.await;
                let _ = stop.send(true);
            })
            .await;
        // Every connection is closed and every request answered: what the store holds is final.
        let ending = if report.is_some() || !fail_on.is_empty() {
            let coverage = coverage::of(&store).await?;
            if let Some(path) = &report {
                let mut text = serde_json::to_string_pretty(&coverage).unwrap_or_default();
                text.push('\n');
                std::fs::write(path, text).map_err(|error| {
                    Error::new(format!("cannot write {}: {error}", path.display()))
                })?;
            }
            let mut failures = Vec::new();
            if fail_on.contains(&FailOn::Invalid) && coverage.invalid > 0 {
                let plural = if coverage.invalid == 1 { "" } else { "s" };
                failures.push(format!("{} invalid document{plural}", coverage.invalid));
            }
            if fail_on.contains(&FailOn::Unseen) && !coverage.unseen.is_empty() {
                failures.push(format!("never seen: {}", coverage.unseen.join(", ")));
            }
            if failures.is_empty() {
                Ending::Clean
            } else {
                Ending::Failed(failures.join("; "))
            }
        } else {
            Ending::Clean
        };
        // The router with its handles on the store is dropped, and this one: the writer drains
        // its queue and closes the database.
        drop(store);
        writer.join().await;
        served.map_err(|error| Error::new(format!("the server failed: {error}")))?;
        Ok(ending)
    }
}

/// `telemetry-spec serve`: opens the store, listens, prints `listening on http://ADDRESS` on
/// standard output, and serves until SIGTERM or Ctrl-C.
pub fn run(args: ServeArgs) -> Result<Ending, Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| Error::new(format!("cannot start the runtime: {error}")))?;
    runtime.block_on(async {
        let server = Server::bind(&args).await?;
        let address = server.local_addr()?;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{address} (store {})", args.store);
        let _ = out.flush();
        drop(out);
        server.run(stop_signal()).await
    })
}

/// SIGTERM or Ctrl-C (SIGINT).
async fn stop_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = interrupt => {}
            () = terminate => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
