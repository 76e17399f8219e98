//! The SQLite store: one file in WAL mode with `synchronous=FULL` (a commit is on disk before it
//! is answered), written by one thread that owns the write connection, read through read-only
//! connections on blocking threads.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params_from_iter};

use super::{Batch, Columns, FromRow, Param, Queue, Step, StoreError, Value, migrations};

/// How long the writer and the readers wait for a lock another process holds on the file. The
/// receiver is the only writer; another process only locks the file while an operator inspects
/// or backs it up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens the store at `path`, migrates it, and starts the writer thread on `queue`; the readers
/// and the thread.
pub(super) fn open(
    path: &Path,
    queue: Queue,
) -> Result<(Arc<Readers>, JoinHandle<()>), StoreError> {
    let mut connection = Connection::open(path).map_err(|error| {
        StoreError::new(format!("cannot open the store {}: {error}", path.display()))
    })?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    migrations::apply(&mut connection, migrations::SQLITE)?;
    let thread = std::thread::Builder::new()
        .name("store-writer".to_owned())
        .spawn(move || write_loop(connection, queue))
        .map_err(|error| StoreError::new(format!("cannot start the writer: {error}")))?;
    let readers = Arc::new(Readers {
        path: path.to_owned(),
        idle: Mutex::new(Vec::new()),
    });
    Ok((readers, thread))
}

/// Idle reading connections, opened as needed.
pub struct Readers {
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
                connection.busy_timeout(BUSY_TIMEOUT)?;
                Ok(connection)
            }
        }
    }

    fn give_back(&self, connection: Connection) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(connection);
        }
    }

    /// Runs `query` on a reading connection, off the async threads.
    pub(super) async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        query: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let readers = Arc::clone(self);
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

impl Columns for rusqlite::Row<'_> {
    type Error = rusqlite::Error;

    fn column<T: Value>(&self, index: usize) -> Result<T, rusqlite::Error> {
        self.get(index)
    }
}

/// The rows of `sql` with `parameters`, read as `T`.
pub(super) fn select<T: FromRow>(
    connection: &Connection,
    sql: &str,
    parameters: Vec<Param>,
) -> Result<Vec<T>, StoreError> {
    let parameters = parameters.into_iter().map(|parameter| match parameter {
        Param::Int(value) => SqlValue::Integer(value),
        Param::Text(value) => SqlValue::Text(value),
        Param::Bool(value) => SqlValue::Integer(i64::from(value)),
    });
    let mut statement = connection.prepare_cached(sql)?;
    let rows = statement.query_map(params_from_iter(parameters), |row| T::from_row(row))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The writer thread: its queue's steps in order, until every handle is dropped.
fn write_loop(mut connection: Connection, mut queue: Queue) {
    while let Some(step) = queue.blocking_next() {
        match step {
            Step::Reset(done) => queue.reset_done(done, reset(&mut connection)),
            Step::Insert(batch) => {
                let result = insert(&mut connection, &batch);
                queue.insert_done(batch, result);
            }
        }
    }
    // Every handle is gone and every command written: fold the log into the database.
    let _ = connection.pragma_update(None, "wal_checkpoint", "TRUNCATE");
    let _ = connection.close();
}

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
