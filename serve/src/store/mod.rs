//! Where documents are kept: an SQLite database file (WAL, `synchronous=FULL`), written by one
//! thread and read by any number.
//!
//! Writes go through [`Store::insert`] and [`Store::reset`], which queue a command on a bounded
//! channel and wait for its answer. The writer thread takes the first waiting command and every
//! insert queued behind it (up to [`MAX_BATCH`] documents), writes them in one transaction,
//! commits, announces the commit ([`Store::subscribe`]) and only then answers each request: a
//! group commit. When the channel is full, [`Store::insert`] answers [`Refused::Busy`] at once.
//!
//! Invariant: an insert is answered `Ok` only after the transaction that holds its documents
//! has committed (so a 200 means the documents survive the process being killed), and a
//! document is visible to readers before its request is answered.
//! Invariant: the writer thread is the only writer; it ends when every [`Store`] handle is
//! dropped, after writing every command queued before.

mod migrations;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params_from_iter};
use tokio::sync::{mpsc, oneshot, watch};

pub use migrations::{Migration, SQLITE as SQLITE_MIGRATIONS};

/// The most documents one transaction of the writer holds.
pub const MAX_BATCH: usize = 4096;

/// How long the writer and the readers wait for a lock another process holds on the file, in
/// milliseconds. The receiver is the only writer; another process only locks the file while an
/// operator inspects or backs it up.
const BUSY_TIMEOUT_MS: u64 = 30_000;

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

impl Filter {
    /// The SQL condition and its parameters (never text from the query in the SQL itself).
    fn to_sql(&self) -> (String, Vec<SqlValue>) {
        let mut conditions = vec!["1 = 1".to_owned()];
        let mut parameters = Vec::new();
        if let Some(valid) = self.valid {
            conditions.push("valid = ?".to_owned());
            parameters.push(SqlValue::Integer(i64::from(valid)));
        }
        match &self.kind {
            Some(Some(kind)) => {
                conditions.push("kind = ?".to_owned());
                parameters.push(SqlValue::Text(kind.clone()));
            }
            Some(None) => conditions.push("kind IS NULL".to_owned()),
            None => {}
        }
        if let Some(since) = self.since {
            conditions.push("received_at >= ?".to_owned());
            parameters.push(SqlValue::Integer(since));
        }
        if let Some(rule) = &self.rule {
            conditions.push(
                "EXISTS (SELECT 1 FROM violations WHERE violations.document_id = documents.id \
                 AND violations.rule = ?)"
                    .to_owned(),
            );
            parameters.push(SqlValue::Text(rule.clone()));
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

/// A command to the writer thread.
enum Command {
    Insert {
        records: Vec<Record>,
        done: oneshot::Sender<Result<Vec<i64>, StoreError>>,
    },
    Reset {
        done: oneshot::Sender<Result<u64, StoreError>>,
    },
}

/// A handle on the store: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Store {
    writer: mpsc::Sender<Command>,
    readers: Arc<Readers>,
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

/// The writer thread, to wait for when the receiver stops.
pub struct Writer(JoinHandle<()>);

impl Writer {
    /// Waits until the writer has written every queued command and closed the database; it
    /// does so once every [`Store`] handle is dropped.
    pub fn join(self) {
        // The writer's loop catches nothing that could panic; should it, the process ends anyway.
        let _ = self.0.join();
    }
}

impl Store {
    /// Opens (creating if missing) the SQLite store at `path` and brings its schema up to date;
    /// `queue` commands may wait for the writer.
    pub fn open_sqlite(path: &Path, queue: usize) -> Result<(Self, Writer), StoreError> {
        let mut connection = open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        migrations::apply(&mut connection, SQLITE_MIGRATIONS)?;
        let (writer, commands) = mpsc::channel(queue.max(1));
        let (announce, commits) = watch::channel(0);
        let thread = std::thread::Builder::new()
            .name("store-writer".to_owned())
            .spawn(move || write_loop(connection, commands, announce))
            .map_err(|error| StoreError::new(format!("cannot start the writer: {error}")))?;
        let store = Self {
            writer,
            readers: Arc::new(Readers {
                path: path.to_owned(),
                idle: Mutex::new(Vec::new()),
            }),
            commits,
        };
        Ok((store, Writer(thread)))
    }

    /// Stores `records` in one transaction; their ids once committed.
    pub async fn insert(&self, records: Vec<Record>) -> Result<Vec<i64>, Refused> {
        self.submit(records)?.committed().await
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

    /// A receiver that changes after every commit.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.commits.clone()
    }

    /// The number of documents per kind, version and verdict.
    pub async fn counts(&self) -> Result<Vec<Count>, StoreError> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(
                "SELECT kind, version, valid, COUNT(*) FROM documents \
                 GROUP BY kind, version, valid ORDER BY kind, version, valid",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(Count {
                    kind: row.get(0)?,
                    version: row.get(1)?,
                    valid: row.get(2)?,
                    documents: row.get::<_, i64>(3)?.try_into().unwrap_or(0),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    /// How many documents match `filter`.
    pub async fn count(&self, filter: &Filter) -> Result<u64, StoreError> {
        let (condition, parameters) = filter.to_sql();
        self.read(move |connection| {
            let sql = format!("SELECT COUNT(*) FROM documents WHERE {condition}");
            let count: i64 = connection
                .prepare_cached(&sql)?
                .query_row(params_from_iter(parameters), |row| row.get(0))?;
            Ok(count.try_into().unwrap_or(0))
        })
        .await
    }

    /// Up to `limit` documents matching `filter` with an id above `after`, in order of receipt.
    pub async fn documents(
        &self,
        filter: &Filter,
        after: i64,
        limit: usize,
    ) -> Result<Vec<Stored>, StoreError> {
        let (condition, mut parameters) = filter.to_sql();
        parameters.push(SqlValue::Integer(after));
        parameters.push(SqlValue::Integer(limit.try_into().unwrap_or(i64::MAX)));
        self.read(move |connection| {
            let sql = format!(
                "SELECT id, received_at, endpoint, kind, version, valid, verdict, body \
                 FROM documents WHERE {condition} AND id > ? ORDER BY id LIMIT ?"
            );
            let mut statement = connection.prepare_cached(&sql)?;
            let rows = statement.query_map(params_from_iter(parameters), |row| {
                Ok(Stored {
                    id: row.get(0)?,
                    received_at: row.get(1)?,
                    endpoint: row.get(2)?,
                    kind: row.get(3)?,
                    version: row.get(4)?,
                    valid: row.get(5)?,
                    verdict: row.get(6)?,
                    body: row.get(7)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    /// Runs `query` on a reading connection, off the async threads.
    async fn read<T: Send + 'static>(
        &self,
        query: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let readers = Arc::clone(&self.readers);
        tokio::task::spawn_blocking(move || {
            let connection = readers.take()?;
            let result = query(&connection);
            readers.give_back(connection);
            result
        })
        .await
        .map_err(|error| StoreError::new(format!("a read failed: {error}")))?
    }
}

/// Idle reading connections, opened as needed.
struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    fn take(&self) -> Result<Connection, StoreError> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match idle {
            Some(connection) => Ok(connection),
            None => {
                let connection = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                connection.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
                Ok(connection)
            }
        }
    }

    fn give_back(&self, connection: Connection) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(connection);
        }
    }
}

/// The writer's connection: durable commits, foreign keys on.
fn open(path: &Path) -> Result<Connection, StoreError> {
    let connection = Connection::open(path).map_err(|error| {
        StoreError::new(format!("cannot open the store {}: {error}", path.display()))
    })?;
    connection.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    Ok(connection)
}

/// The writer thread: commands in order, consecutive inserts committed together.
fn write_loop(
    mut connection: Connection,
    mut commands: mpsc::Receiver<Command>,
    announce: watch::Sender<u64>,
) {
    let mut next: Option<Command> = None;
    loop {
        let command = match next.take() {
            Some(command) => command,
            None => match commands.blocking_recv() {
                Some(command) => command,
                None => break,
            },
        };
        match command {
            Command::Reset { done } => {
                let result = reset(&mut connection);
                announce.send_modify(|commits| *commits += 1);
                let _ = done.send(result);
            }
            Command::Insert { records, done } => {
                let mut batch = vec![(records, done)];
                let mut documents = batch[0].0.len();
                while documents < MAX_BATCH {
                    match commands.try_recv() {
                        Ok(Command::Insert { records, done }) => {
                            documents += records.len();
                            batch.push((records, done));
                        }
                        Ok(other) => {
                            next = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                match insert(&mut connection, &batch) {
                    Ok(ids) => {
                        announce.send_modify(|commits| *commits += 1);
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
    }
    // Every handle is gone and every command written: fold the log into the database.
    let _ = connection.pragma_update(None, "wal_checkpoint", "TRUNCATE");
    let _ = connection.close();
}

type Batch = [(Vec<Record>, oneshot::Sender<Result<Vec<i64>, StoreError>>)];

/// Writes every record of `batch` in one transaction; the ids of each request's records.
fn insert(connection: &mut Connection, batch: &Batch) -> Result<Vec<Vec<i64>>, StoreError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut ids = Vec::with_capacity(batch.len());
    {
        let mut document = transaction.prepare_cached(
            "INSERT INTO documents (received_at, endpoint, kind, version, valid, verdict, body) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut violation = transaction.prepare_cached(
            "INSERT INTO violations (document_id, rule, pointer) VALUES (?1, ?2, ?3)",
        )?;
        for (records, _) in batch {
            let mut request = Vec::with_capacity(records.len());
            for record in records {
                let id = document.insert((
                    record.received_at,
                    &record.endpoint,
                    record.kind,
                    &record.version,
                    record.valid,
                    &record.verdict,
                    &record.body,
                ))?;
                for (rule, pointer) in &record.violations {
                    violation.execute((id, rule, pointer))?;
                }
                request.push(id);
            }
            ids.push(request);
        }
    }
    transaction.commit()?;
    Ok(ids)
}

/// Deletes every document; how many there were.
fn reset(connection: &mut Connection) -> Result<u64, StoreError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    transaction.execute("DELETE FROM violations", [])?;
    let deleted = transaction.execute("DELETE FROM documents", [])?;
    transaction.commit()?;
    Ok(deleted.try_into().unwrap_or(0))
}

#[cfg(test)]
mod tests;
