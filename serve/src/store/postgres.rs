//! The PostgreSQL store, which several receivers share: each receiver has one writer task (its
//! own connection, the same group commits as SQLite's), one connection for reads (queries
//! pipelined on it), and one that `LISTEN`s, so that a commit by any receiver (`NOTIFY` in the
//! same transaction, delivered when it commits) wakes every receiver's `/api/wait`.

use std::sync::Arc;

use futures_util::future::try_join_all;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Client, NoTls};

use super::{Batch, Columns, FromRow, Param, Queue, Step, StoreError, Value, migrations};

/// The channel commits are announced on.
const CHANNEL: &str = "telemetry_spec_documents";

/// A connection to `url`, its connection task spawned.
async fn connect(url: &str) -> Result<Client, StoreError> {
    let (client, connection) = tokio_postgres::connect(url, NoTls)
        .await
        .map_err(|error| StoreError::new(format!("cannot connect to the store: {error}")))?;
    tokio::spawn(async move {
        // A connection that fails fails its client's next query, which reports it.
        let _ = connection.await;
    });
    Ok(client)
}

/// Connects, migrates, listens for commits and starts the writer task on `queue`; the reading
/// client and the task.
pub(super) async fn open(
    url: &str,
    queue: Queue,
) -> Result<(Arc<Client>, tokio::task::JoinHandle<()>), StoreError> {
    let mut writer = connect(url).await?;
    migrations::apply_postgres(&mut writer, migrations::POSTGRES).await?;
    let reader = connect(url).await?;

    // The listening connection is driven here, to read its notifications.
    let (listener, mut connection) = tokio_postgres::connect(url, NoTls)
        .await
        .map_err(|error| StoreError::new(format!("cannot connect to the store: {error}")))?;
    let heard = Arc::clone(&queue.announce);
    tokio::spawn(async move {
        while let Some(message) = std::future::poll_fn(|cx| connection.poll_message(cx)).await {
            match message {
                Ok(AsyncMessage::Notification(_)) => heard.send_modify(|commits| *commits += 1),
                Ok(_) => {}
                Err(_) => break,
            }
        }
    });
    listener.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    let task = tokio::spawn(write_loop(writer, listener, queue));
    Ok((Arc::new(reader), task))
}

/// The writer: its queue's steps in order, until every handle is dropped. It keeps the
/// listener's client, so that listening lasts as long as the store.
async fn write_loop(mut client: Client, _listener: Client, mut queue: Queue) {
    while let Some(step) = queue.next().await {
        match step {
            Step::Reset(done) => queue.reset_done(done, reset(&mut client).await),
            Step::Insert(batch) => {
                let result = insert(&mut client, &batch).await;
                queue.insert_done(batch, result);
            }
        }
    }
}

/// Writes every record of `batch` in one transaction and announces it; the ids of each
/// request's records.
async fn insert(client: &mut Client, batch: &Batch) -> Result<Vec<Vec<i64>>, StoreError> {
    let transaction = client.transaction().await?;
    let document = transaction
        .prepare(
            "INSERT INTO documents (received_at, endpoint, kind, version, valid, verdict, body) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .await?;
    let violation = transaction
        .prepare("INSERT INTO violations (document_id, rule, pointer) VALUES ($1, $2, $3)")
        .await?;
    // Every insert of the batch sent at once: the driver pipelines them on the connection, so
    // the batch costs about one round trip rather than one per document.
    let records: Vec<&super::Record> = batch.iter().flat_map(|(records, _)| records).collect();
    let (pipeline, document, violation) = (&transaction, &document, &violation);
    let rows = try_join_all(records.iter().map(|record| async move {
        pipeline
            .query_one(
                document,
                &[
                    &record.received_at,
                    &record.endpoint,
                    &record.kind,
                    &record.version,
                    &record.valid,
                    &record.verdict,
                    &record.body,
                ],
            )
            .await
    }))
    .await?;
    let mut document_ids = Vec::with_capacity(rows.len());
    for row in &rows {
        document_ids.push(row.try_get::<_, i64>(0)?);
    }
    try_join_all(
        records
            .iter()
            .zip(&document_ids)
            .flat_map(|(record, id)| {
                record
                    .violations
                    .iter()
                    .map(move |(rule, pointer)| (id, rule, pointer))
            })
            .map(|(id, rule, pointer)| async move {
                pipeline.execute(violation, &[id, rule, pointer]).await
            }),
    )
    .await?;
    let mut ids = Vec::with_capacity(batch.len());
    let mut next = document_ids.into_iter();
    for (records, _) in batch {
        ids.push(next.by_ref().take(records.len()).collect());
    }
    transaction
        .batch_execute(&format!("NOTIFY {CHANNEL}"))
        .await?;
    transaction.commit().await?;
    Ok(ids)
}

/// Deletes every document; how many there were.
async fn reset(client: &mut Client) -> Result<u64, StoreError> {
    let transaction = client.transaction().await?;
    transaction.execute("DELETE FROM violations", &[]).await?;
    let deleted = transaction.execute("DELETE FROM documents", &[]).await?;
    transaction
        .batch_execute(&format!("NOTIFY {CHANNEL}"))
        .await?;
    transaction.commit().await?;
    Ok(deleted)
}

/// `sql` with its `?` placeholders numbered as PostgreSQL writes them (`$1`, `$2`, ...).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut number = 0;
    for character in sql.chars() {
        if character == '?' {
            number += 1;
            out.push_str(&format!("${number}"));
        } else {
            out.push(character);
        }
    }
    out
}

impl Columns for tokio_postgres::Row {
    type Error = tokio_postgres::Error;

    fn column<T: Value>(&self, index: usize) -> Result<T, tokio_postgres::Error> {
        self.try_get(index)
    }
}

/// The rows of `sql` (its `?` placeholders numbered) with `parameters`, read as `T`.
pub(super) async fn select<T: FromRow>(
    client: &Client,
    sql: &str,
    parameters: &[Param],
) -> Result<Vec<T>, StoreError> {
    let parameters: Vec<&(dyn ToSql + Sync)> = parameters
        .iter()
        .map(|parameter| -> &(dyn ToSql + Sync) {
            match parameter {
                Param::Int(value) => value,
                Param::Text(value) => value,
                Param::Bool(value) => value,
            }
        })
        .collect();
    let rows = client.query(&numbered(sql), &parameters).await?;
    Ok(rows.iter().map(T::from_row).collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        assert_eq!(
            numbered("a = ? AND b > ? LIMIT ?"),
            "a = $1 AND b > $2 LIMIT $3"
        );
    }
}
