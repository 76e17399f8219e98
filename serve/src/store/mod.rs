//! Where documents are kept: an SQLite database file (WAL, `synchronous=FULL`; [`sqlite`]) or a
//! PostgreSQL database that several receivers share ([`postgres`]). Either way one writer per
//! receiver writes, and any number of reads run beside it.
//!
//! Writes go through [`Store::insert`] and [`Store::reset`], which queue a command on a bounded
//! channel and wait for its answer. The writer takes the first waiting command and every insert
//! queued behind it (up to [`MAX_BATCH`] documents), writes them in one transaction, commits,
//! announces the commit ([`Store::subscribe`]) and only then answers each request: a group
//! commit. When the channel is full, [`Store::insert`] answers [`Refused::Busy`] at once. On
//! PostgreSQL a commit is also announced to the other receivers (`NOTIFY`), whose subscribers
//! wake as for their own.
//!
//! Invariant: an insert is answered `Ok` only after the transaction that holds its documents
//! has committed (so a 200 means the documents survive the process being killed), and a
//! document is visible to readers before its request is answered.
//! Invariant: the writer ends when every [`Store`] handle is dropped, after writing every
//! command queued before.

mod migrations;
pub mod postgres;
pub mod sqlite;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, watch};

pub use migrations::Migration;

/// The most documents one transaction of the writer holds.
pub const MAX_BATCH: usize = 4096;

/// A failure of the store, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(String);

impl StoreError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        Self(format!("store: {error}"))
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> Self {
        // The server's own message, when it sent one (`db error` says nothing).
        match error.as_db_error() {
            Some(db) => Self(format!("store: {}: {}", db.severity(), db.message())),
            None => Self(format!("store: {error}")),
        }
    }
}

/// Why an insert was not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The queue to the writer is full (or the store is closing): try again later.
    Busy,
    /// The store failed; nothing of the request is stored.
    Failed(StoreError),
}

/// One document to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// When its request arrived, in microseconds since the Unix epoch.
    pub received_at: i64,
    /// The path it was sent to.
    pub endpoint: String,
    /// The payload kind it was judged as, if one.
    pub kind: Option<&'static str>,
    /// The schema version (era) of that kind.
    pub version: Option<String>,
    /// Whether it is a valid document of its kind.
    pub valid: bool,
    /// Its verdict, as JSON text.
    pub verdict: String,
    /// The rule and pointer of each violation its report keeps.
    pub violations: Vec<(&'static str, String)>,
    /// Its bytes as received.
    pub body: Vec<u8>,
}

/// A stored document, as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// Its number, in the order of receipt.
    pub id: i64,
    /// When its request arrived, in microseconds since the Unix epoch.
    pub received_at: i64,
    /// The path it was sent to.
    pub endpoint: String,
    /// The payload kind it was judged as, if one.
    pub kind: Option<String>,
    /// The schema version of that kind.
    pub version: Option<String>,
    /// Whether it is valid.
    pub valid: bool,
    /// Its verdict, as JSON text.
    pub verdict: String,
    /// Its bytes as received.
    pub body: Vec<u8>,
}

/// Which documents a query is about; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Valid, or not.
    pub valid: Option<bool>,
    /// Of this kind (`Some(None)`: of no kind, undetected).
    pub kind: Option<Option<String>>,
    /// Received at or after this time, in microseconds since the Unix epoch.
    pub since: Option<i64>,
    /// With a violation of this rule.
    pub rule: Option<String>,
}

/// A parameter of a query, whatever the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
    /// A truth value (an integer in SQLite).
    Bool(bool),
}

impl Filter {
    /// The SQL condition, with `?` for each parameter, and its parameters (never text from the
    /// query in the SQL itself).
    fn to_sql(&self) -> (String, Vec<Param>) {
        let mut conditions = vec!["1 = 1".to_owned()];
        let mut parameters = Vec::new();
        if let Some(valid) = self.valid {
            conditions.push("valid = ?".to_owned());
            parameters.push(Param::Bool(valid));
        }
        match &self.kind {
            Some(Some(kind)) => {
                conditions.push("kind = ?".to_owned());
                parameters.push(Param::Text(kind.clone()));
            }
            Some(None) => conditions.push("kind IS NULL".to_owned()),
            None => {}
        }
        if let Some(since) = self.since {
            conditions.push("received_at >= ?".to_owned());
            parameters.push(Param::Int(since));
        }
        if let Some(rule) = &self.rule {
            conditions.push(
                "EXISTS (SELECT 1 FROM violations WHERE violations.document_id = documents.id \
                 AND violations.rule = ?)"
                    .to_owned(),
            );
            parameters.push(Param::Text(rule.clone()));
        }
        (conditions.join(" AND "), parameters)
    }
}

/// The number of documents of one kind, version and verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The kind (`None`: undetected).
    pub kind: Option<String>,
    /// Its schema version.
    pub version: Option<String>,
    /// Valid or not.
    pub valid: bool,
    /// How many.
    pub documents: u64,
}

/// A command to the writer.
enum Command {
    Insert {
        records: Vec<Record>,
        done: oneshot::Sender<Result<Vec<i64>, StoreError>>,
    },
    Reset {
        done: oneshot::Sender<Result<u64, StoreError>>,
    },
}

/// Inserts the writer commits together, each with its request's answer.
type Batch = Vec<(Vec<Record>, oneshot::Sender<Result<Vec<i64>, StoreError>>)>;

/// What the writer does next.
enum Step {
    Reset(oneshot::Sender<Result<u64, StoreError>>),
    Insert(Batch),
}

/// The writer's next step from `first`: a reset, or `first` and every insert queued behind it
/// (up to [`MAX_BATCH`] documents); a reset met on the way waits in `next`.
fn step(
    first: Command,
    commands: &mut mpsc::Receiver<Command>,
    next: &mut Option<Command>,
) -> Step {
    match first {
        Command::Reset { done } => Step::Reset(done),
        Command::Insert { records, done } => {
            let mut documents = records.len();
            let mut batch = vec![(records, done)];
            while documents < MAX_BATCH {
                match commands.try_recv() {
                    Ok(Command::Insert { records, done }) => {
                        documents += records.len();
                        batch.push((records, done));
                    }
                    Ok(other) => {
                        *next = Some(other);
                        break;
                    }
                    Err(_) => break,
                }
            }
            Step::Insert(batch)
        }
    }
}

/// Answers each request of a batch with its ids, or all with the error.
fn answer(batch: Batch, result: Result<Vec<Vec<i64>>, StoreError>) {
    match result {
        Ok(ids) => {
            for ((_, done), ids) in batch.into_iter().zip(ids) {
                let _ = done.send(Ok(ids));
            }
        }
        Err(error) => {
            for (_, done) in batch {
                let _ = done.send(Err(error.clone()));
            }
        }
    }
}

/// Where reads go.
#[derive(Clone)]
enum Reader {
    Sqlite(Arc<sqlite::Readers>),
    Postgres(Arc<tokio_postgres::Client>),
}

/// A handle on the store: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Store {
    writer: mpsc::Sender<Command>,
    reader: Reader,
    commits: watch::Receiver<u64>,
}

/// Records queued for the writer ([`Store::submit`]).
pub struct Pending(oneshot::Receiver<Result<Vec<i64>, StoreError>>);

impl Pending {
    /// Their ids, once their transaction has committed.
    pub async fn committed(self) -> Result<Vec<i64>, Refused> {
        match self.0.await {
            Ok(result) => result.map_err(Refused::Failed),
            Err(_) => Err(Refused::Failed(StoreError::new("the writer stopped"))),
        }
    }
}

/// The writer, to wait for when the receiver stops.
pub enum Writer {
    /// SQLite's: a thread.
    Thread(std::thread::JoinHandle<()>),
    /// PostgreSQL's: a task.
    Task(tokio::task::JoinHandle<()>),
}

impl Writer {
    /// Waits until the writer has written every queued command and closed its connection; it
    /// does so once every [`Store`] handle is dropped.
    pub async fn join(self) {
        // A writer that panicked has nothing left to write; the receiver stops all the same.
        match self {
            Self::Thread(thread) => {
                let _ = tokio::task::spawn_blocking(move || thread.join()).await;
            }
            Self::Task(task) => {
                let _ = task.await;
            }
        }
    }
}

impl Store {
    /// Opens (creating if missing) the SQLite store at `path` and brings its schema up to date;
    /// `queue` commands may wait for the writer.
    pub fn open_sqlite(path: &Path, queue: usize) -> Result<(Self, Writer), StoreError> {
        let (writer, commands) = mpsc::channel(queue.max(1));
        let opened = sqlite::open(path, commands)?;
        let store = Self {
            writer,
            reader: Reader::Sqlite(opened.readers),
            commits: opened.commits,
        };
        Ok((store, Writer::Thread(opened.thread)))
    }

    /// Connects to the PostgreSQL database at `url` and brings its schema up to date; `queue`
    /// commands may wait for the writer.
    pub async fn open_postgres(url: &str, queue: usize) -> Result<(Self, Writer), StoreError> {
        let (writer, commands) = mpsc::channel(queue.max(1));
        let opened = postgres::open(url, commands).await?;
        let store = Self {
            writer,
            reader: Reader::Postgres(opened.reader),
            commits: opened.commits,
        };
        Ok((store, Writer::Task(opened.task)))
    }

    /// Stores `records` in one transaction; their ids once committed.
    pub async fn insert(&self, records: Vec<Record>) -> Result<Vec<i64>, Refused> {
        self.submit(records)?.committed().await
    }

    /// Stores `records` like [`Store::insert`], but waits for room in the queue instead of
    /// refusing: for a stream (a WebSocket), whose next message is not read until this one is
    /// stored, so that the sender is held back by the connection itself.
    pub async fn insert_waiting(&self, records: Vec<Record>) -> Result<Vec<i64>, Refused> {
        let (done, answer) = oneshot::channel();
        self.writer
            .send(Command::Insert { records, done })
            .await
            .map_err(|_| Refused::Busy)?;
        Pending(answer).committed().await
    }

    /// Queues `records` for the writer, or refuses them at once when the queue is full.
    pub fn submit(&self, records: Vec<Record>) -> Result<Pending, Refused> {
        let (done, answer) = oneshot::channel();
        self.writer
            .try_send(Command::Insert { records, done })
            .map_err(|_| Refused::Busy)?;
        Ok(Pending(answer))
    }

    /// Deletes every document; how many there were. Waits for room in the queue.
    pub async fn reset(&self) -> Result<u64, StoreError> {
        let (done, answer) = oneshot::channel();
        self.writer
            .send(Command::Reset { done })
            .await
            .map_err(|_| StoreError::new("the writer stopped"))?;
        answer
            .await
            .map_err(|_| StoreError::new("the writer stopped"))?
    }

    /// A receiver that changes after every commit (on PostgreSQL, any receiver's).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.commits.clone()
    }

    /// The number of documents per kind, version and verdict.
    pub async fn counts(&self) -> Result<Vec<Count>, StoreError> {
        match &self.reader {
            Reader::Sqlite(readers) => readers.read(sqlite::counts).await,
            Reader::Postgres(client) => postgres::counts(client).await,
        }
    }

    /// How many documents match `filter`.
    pub async fn count(&self, filter: &Filter) -> Result<u64, StoreError> {
        let (condition, parameters) = filter.to_sql();
        let sql = format!("SELECT COUNT(*) FROM documents WHERE {condition}");
        match &self.reader {
            Reader::Sqlite(readers) => {
                readers
                    .read(move |connection| sqlite::count(connection, &sql, parameters))
                    .await
            }
            Reader::Postgres(client) => postgres::count(client, &sql, &parameters).await,
        }
    }

    /// The `limit` most frequent violations: rule, pointer and how many, most frequent first.
    pub async fn top_violations(
        &self,
        limit: usize,
    ) -> Result<Vec<(String, String, u64)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let sql = "SELECT rule, pointer, COUNT(*) AS n FROM violations \
                   GROUP BY rule, pointer ORDER BY n DESC, rule, pointer LIMIT ?";
        match &self.reader {
            Reader::Sqlite(readers) => {
                readers
                    .read(move |connection| sqlite::top_violations(connection, sql, limit))
                    .await
            }
            Reader::Postgres(client) => postgres::top_violations(client, sql, limit).await,
        }
    }

    /// The `limit` latest documents matching `filter`, newest first.
    pub async fn latest(&self, filter: &Filter, limit: usize) -> Result<Vec<Stored>, StoreError> {
        let (condition, mut parameters) = filter.to_sql();
        parameters.push(Param::Int(limit.try_into().unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT id, received_at, endpoint, kind, version, valid, verdict, body \
             FROM documents WHERE {condition} ORDER BY id DESC LIMIT ?"
        );
        match &self.reader {
            Reader::Sqlite(readers) => {
                readers
                    .read(move |connection| sqlite::documents(connection, &sql, parameters))
                    .await
            }
            Reader::Postgres(client) => postgres::documents(client, &sql, &parameters).await,
        }
    }

    /// Up to `limit` documents matching `filter` with an id above `after`, in order of id.
    pub async fn documents(
        &self,
        filter: &Filter,
        after: i64,
        limit: usize,
    ) -> Result<Vec<Stored>, StoreError> {
        let (condition, mut parameters) = filter.to_sql();
        parameters.push(Param::Int(after));
        parameters.push(Param::Int(limit.try_into().unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT id, received_at, endpoint, kind, version, valid, verdict, body \
             FROM documents WHERE {condition} AND id > ? ORDER BY id LIMIT ?"
        );
        match &self.reader {
            Reader::Sqlite(readers) => {
                readers
                    .read(move |connection| sqlite::documents(connection, &sql, parameters))
                    .await
            }
            Reader::Postgres(client) => postgres::documents(client, &sql, &parameters).await,
        }
    }
}

#[cfg(test)]
mod tests;
