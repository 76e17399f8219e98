//! The SQLite store: one file in WAL mode with `synchronous=FULL` (a commit is on disk before it
//! is answered), written by one thread that owns the write connection, read through read-only
//! connections on blocking threads.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params_from_iter};
use tokio::sync::{mpsc, watch};

use super::{Batch, Command, Count, Param, Step, StoreError, Stored, answer, migrations, step};

/// How long the writer and the readers wait for a lock another process holds on the file. The
/// receiver is the only writer; another process only locks the file while an operator inspects
/// or backs it up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open SQLite store: its readers, its commits, its writer thread.
pub(super) struct Opened {
    pub readers: Arc<Readers>,
    pub commits: watch::Receiver<u64>,
    pub thread: JoinHandle<()>,
}

/// Opens the store at `path`, migrates it, and starts the writer thread on `commands`.
pub(super) fn open(path: &Path, commands: mpsc::Receiver<Command>) -> Result<Opened, StoreError> {
    let mut connection = Connection::open(path).map_err(|error| {
        StoreError::new(format!("cannot open the store {}: {error}", path.display()))
    })?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    migrations::apply(&mut connection, migrations::SQLITE)?;
    let (announce, commits) = watch::channel(0);
    let thread = std::thread::Builder::new()
        .name("store-writer".to_owned())
        .spawn(move || write_loop(connection, commands, announce))
        .map_err(|error| StoreError::new(format!("cannot start the writer: {error}")))?;
    let readers = Arc::new(Readers {
        path: path.to_owned(),
        idle: Mutex::new(Vec::new()),
    });
    Ok(Opened {
        readers,
        commits,
        thread,
    })
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

fn values(parameters: Vec<Param>) -> Vec<SqlValue> {
    parameters
        .into_iter()
        .map(|parameter| match parameter {
            Param::Int(value) => SqlValue::Integer(value),
            Param::Text(value) => SqlValue::Text(value),
            Param::Bool(value) => SqlValue::Integer(i64::from(value)),
        })
        .collect()
}

pub(super) fn counts(connection: &Connection) -> Result<Vec<Count>, StoreError> {
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
}

pub(super) fn count(
    connection: &Connection,
    sql: &str,
    parameters: Vec<Param>,
) -> Result<u64, StoreError> {
    let count: i64 = connection
        .prepare_cached(sql)?
        .query_row(params_from_iter(values(parameters)), |row| row.get(0))?;
    Ok(count.try_into().unwrap_or(0))
}

pub(super) fn documents(
    connection: &Connection,
    sql: &str,
    parameters: Vec<Param>,
) -> Result<Vec<Stored>, StoreError> {
    let mut statement = connection.prepare_cached(sql)?;
    let rows = statement.query_map(params_from_iter(values(parameters)), |row| {
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
}

pub(super) fn top_violations(
    connection: &Connection,
    sql: &str,
    limit: i64,
) -> Result<Vec<(String, String, u64)>, StoreError> {
    let mut statement = connection.prepare_cached(sql)?;
    let rows = statement.query_map([limit], |row| {
        Ok((
            row.get(0)?,
            row.get(1)?,
            row.get::<_, i64>(2)?.try_into().unwrap_or(0),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
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
        match step(command, &mut commands, &mut next) {
            Step::Reset(done) => {
                let result = reset(&mut connection);
                announce.send_modify(|commits| *commits += 1);
                let _ = done.send(result);
            }
            Step::Insert(batch) => {
                let result = insert(&mut connection, &batch);
                if result.is_ok() {
                    announce.send_modify(|commits| *commits += 1);
                }
                answer(batch, result);
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
