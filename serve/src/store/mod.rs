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

use std::path::Path;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, watch};

pub use migrations::Migration;

/// The most documents one transaction of the writer holds.
pub const MAX_BATCH: usize = 4096;

/// A failure of the store, in words: the receiver's own [`Error`](crate::Error), which a failed
/// store stops it with.
pub type StoreError = crate::Error;

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        Self::new(format!("store: {error}"))
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> Self {
        // The server's own message, when it sent one (`db error` says nothing).
        match error.as_db_error() {
            Some(db) => Self::new(format!("store: {}: {}", db.severity(), db.message())),
            None => Self::new(format!("store: {error}")),
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

/// A writer's side of the store, whatever the database: the commands queued for it, taken in
/// order and gathered into [`Step`]s, and the announcement of its commits.
struct Queue {
    commands: mpsc::Receiver<Command>,
    /// A command taken from the channel and not yet done: a reset met while gathering inserts.
    held: Option<Command>,
    announce: Arc<watch::Sender<u64>>,
}

impl Queue {
    fn new(commands: mpsc::Receiver<Command>, announce: Arc<watch::Sender<u64>>) -> Self {
        Self {
            commands,
            held: None,
            announce,
        }
    }

    /// The writer's next step, once a command is queued; `None` once every [`Store`] handle is
    /// dropped and every command taken.
    async fn next(&mut self) -> Option<Step> {
        if self.held.is_none() {
            self.held = self.commands.recv().await;
        }
        self.step()
    }

    /// [`Queue::next`] for a writer thread, which blocks while it waits.
    fn blocking_next(&mut self) -> Option<Step> {
        if self.held.is_none() {
            self.held = self.commands.blocking_recv();
        }
        self.step()
    }

    /// The step from the held command: a reset, or that insert and every insert queued behind
    /// it (up to [`MAX_BATCH`] documents); a reset met on the way is held for the next step.
    fn step(&mut self) -> Option<Step> {
        match self.held.take()? {
            Command::Reset { done } => Some(Step::Reset(done)),
            Command::Insert { records, done } => {
                let mut documents = records.len();
                let mut batch = vec![(records, done)];
                while documents < MAX_BATCH {
                    match self.commands.try_recv() {
                        Ok(Command::Insert { records, done }) => {
                            documents += records.len();
                            batch.push((records, done));
                        }
                        Ok(other) => {
                            self.held = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                Some(Step::Insert(batch))
            }
        }
    }

    /// Announces a commit to the subscribers.
    fn announce(&self) {
        self.announce.send_modify(|commits| *commits += 1);
    }

    /// Announces a reset, then answers it.
    fn reset_done(
        &self,
        done: oneshot::Sender<Result<u64, StoreError>>,
        result: Result<u64, StoreError>,
    ) {
        self.announce();
        let _ = done.send(result);
    }

    /// Announces a batch once committed, then answers each of its requests with its ids, or all
    /// with the error.
    fn insert_done(&self, batch: Batch, result: Result<Vec<Vec<i64>>, StoreError>) {
        match result {
            Ok(ids) => {
                self.announce();
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
}

/// A value both databases read: an integer, a truth value, a text or bytes, or none.
trait Value: rusqlite::types::FromSql + for<'a> tokio_postgres::types::FromSql<'a> {}

impl<T: rusqlite::types::FromSql + for<'a> tokio_postgres::types::FromSql<'a>> Value for T {}

/// A row read back, whatever the database.
trait Columns {
    /// The database's error.
    type Error;

    /// The value of the column at `index` (from 0).
    fn column<T: Value>(&self, index: usize) -> Result<T, Self::Error>;

    /// The `COUNT(*)` at `index`.
    fn count(&self, index: usize) -> Result<u64, Self::Error> {
        Ok(self.column::<i64>(index)?.try_into().unwrap_or(0))
    }
}

/// What a row is read as: the order of the columns in the queries of [`Store`], once for both
/// databases.
trait FromRow: Sized {
    fn from_row<R: Columns>(row: &R) -> Result<Self, R::Error>;
}

/// `COUNT(*)`.
impl FromRow for u64 {
    fn from_row<R: Columns>(row: &R) -> Result<Self, R::Error> {
        row.count(0)
    }
}

/// `id, received_at, endpoint, kind, version, valid, verdict, body`.
impl FromRow for Stored {
    fn from_row<R: Columns>(row: &R) -> Result<Self, R::Error> {
        Ok(Self {
            id: row.column(0)?,
            received_at: row.column(1)?,
            endpoint: row.column(2)?,
            kind: row.column(3)?,
            version: row.column(4)?,
            valid: row.column(5)?,
            verdict: row.column(6)?,
            body: row.column(7)?,
        })
    }
}

/// `kind, version, valid, COUNT(*)`.
impl FromRow for Count {
    fn from_row<R: Columns>(row: &R) -> Result<Self, R::Error> {
        Ok(Self {
            kind: row.column(0)?,
            version: row.column(1)?,
            valid: row.column(2)?,
            documents: row.count(3)?,
        })
    }
}

/// A violation: `rule, pointer, COUNT(*)`.
impl FromRow for (String, String, u64) {
    fn from_row<R: Columns>(row: &R) -> Result<Self, R::Error> {
        Ok((row.column(0)?, row.column(1)?, row.count(2)?))
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
        let (store, queue) = Self::queued(queue);
        let (readers, thread) = sqlite::open(path, queue)?;
        Ok((store(Reader::Sqlite(readers)), Writer::Thread(thread)))
    }

    /// Connects to the PostgreSQL database at `url` and brings its schema up to date; `queue`
    /// commands may wait for the writer.
    pub async fn open_postgres(url: &str, queue: usize) -> Result<(Self, Writer), StoreError> {
        let (store, queue) = Self::queued(queue);
        let (reader, task) = postgres::open(url, queue).await?;
        Ok((store(Reader::Postgres(reader)), Writer::Task(task)))
    }

    /// Room for `queue` commands: the store, once given its reads, and the writer's side.
    fn queued(queue: usize) -> (impl FnOnce(Reader) -> Self, Queue) {
        let (writer, commands) = mpsc::channel(queue.max(1));
        let (announce, commits) = watch::channel(0);
        let store = move |reader| Self {
            writer,
            reader,
            commits,
        };
        (store, Queue::new(commands, Arc::new(announce)))
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

    /// The rows of `sql` (with a `?` for each of `parameters`), read as `T`.
    async fn select<T: FromRow + Send + 'static>(
        &self,
        sql: String,
        parameters: Vec<Param>,
    ) -> Result<Vec<T>, StoreError> {
        match &self.reader {
            Reader::Sqlite(readers) => {
                readers
                    .read(move |connection| sqlite::select(connection, &sql, parameters))
                    .await
            }
            Reader::Postgres(client) => postgres::select(client, &sql, &parameters).await,
        }
    }

    /// The number of documents per kind, version and verdict.
    pub async fn counts(&self) -> Result<Vec<Count>, StoreError> {
        let sql = "SELECT kind, version, valid, COUNT(*) FROM documents \
                   GROUP BY kind, version, valid ORDER BY kind, version, valid";
        self.select(sql.to_owned(), Vec::new()).await
    }

    /// How many documents match `filter`.
    pub async fn count(&self, filter: &Filter) -> Result<u64, StoreError> {
        let (condition, parameters) = filter.to_sql();
        let sql = format!("SELECT COUNT(*) FROM documents WHERE {condition}");
        let count = self.select(sql, parameters).await?;
        // `COUNT(*)` reads one row.
        Ok(count.into_iter().next().unwrap_or(0))
    }

    /// The `limit` most frequent violations: rule, pointer and how many, most frequent first.
    pub async fn top_violations(
        &self,
        limit: usize,
    ) -> Result<Vec<(String, String, u64)>, StoreError> {
        let sql = "SELECT rule, pointer, COUNT(*) AS n FROM violations \
                   GROUP BY rule, pointer ORDER BY n DESC, rule, pointer LIMIT ?";
        let limit = Param::Int(limit.try_into().unwrap_or(i64::MAX));
        self.select(sql.to_owned(), vec![limit]).await
    }

    /// The `limit` latest documents matching `filter`, newest first.
    pub async fn latest(&self, filter: &Filter, limit: usize) -> Result<Vec<Stored>, StoreError> {
        let (condition, mut parameters) = filter.to_sql();
        parameters.push(Param::Int(limit.try_into().unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT id, received_at, endpoint, kind, version, valid, verdict, body \
             FROM documents WHERE {condition} ORDER BY id DESC LIMIT ?"
        );
        self.select(sql, parameters).await
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
        self.select(sql, parameters).await
    }
}

#[cfg(test)]
mod tests;
