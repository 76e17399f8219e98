//! The store's schema, as numbered migrations kept in the repository (`serve/migrations/`) and
//! applied in order, each in its own transaction, recorded in `schema_migrations`.
//!
//! Invariant: a migration once released is never edited; a change to the schema is a new file
//! and a new line in [`SQLITE`] and in [`POSTGRES`], which hold the same tables. A store whose schema is newer than this receiver knows is
//! refused rather than written.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::StoreError;

/// One migration: its number, name and SQL.
pub struct Migration {
    /// Applied in increasing order, from 1.
    pub version: i64,
    /// What it does, recorded beside its number.
    pub name: &'static str,
    /// The statements.
    pub sql: &'static str,
}

/// The migrations of an SQLite store.
pub const SQLITE: &[Migration] = &[Migration {
    version: 1,
    name: "documents",
    sql: include_str!("../../migrations/sqlite/0001_documents.sql"),
}];

/// The migrations of a PostgreSQL store.
pub const POSTGRES: &[Migration] = &[Migration {
    version: 1,
    name: "documents",
    sql: include_str!("../../migrations/postgres/0001_documents.sql"),
}];

/// The version after `current` that `migrations` reach, or why a store at `current` is refused.
fn latest(migrations: &[Migration], current: i64) -> Result<i64, StoreError> {
    let latest = migrations.last().map_or(0, |migration| migration.version);
    if current > latest {
        return Err(StoreError::new(format!(
            "the store's schema is at version {current}, newer than this receiver's ({latest}): \
             use a newer telemetry-spec"
        )));
    }
    Ok(latest)
}

/// Brings the PostgreSQL store of `client` to the latest schema, holding an advisory lock so
/// that receivers starting together migrate once; the version it is at afterwards.
pub async fn apply_postgres(
    client: &mut tokio_postgres::Client,
    migrations: &[Migration],
) -> Result<i64, StoreError> {
    let transaction = client.transaction().await?;
    // One number for this store's migrations, the same in every receiver.
    transaction
        .execute("SELECT pg_advisory_xact_lock(7165247436001)", &[])
        .await?;
    transaction
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL
            )",
        )
        .await?;
    let current: Option<i64> = transaction
        .query_one("SELECT MAX(version) FROM schema_migrations", &[])
        .await?
        .try_get(0)?;
    let current = current.unwrap_or(0);
    let latest = latest(migrations, current)?;
    for migration in migrations.iter().filter(|m| m.version > current) {
        transaction.batch_execute(migration.sql).await?;
        transaction
            .execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                &[&migration.version, &migration.name],
            )
            .await?;
    }
    transaction.commit().await?;
    Ok(latest)
}

/// Brings the store at `connection` to the latest schema; the version it is at afterwards.
pub fn apply(connection: &mut Connection, migrations: &[Migration]) -> Result<i64, StoreError> {
    connection.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL
        )",
    )?;
    let current: i64 = connection
        .query_row("SELECT MAX(version) FROM schema_migrations", [], |row| {
            row.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten()
        .unwrap_or(0);
    let latest = latest(migrations, current)?;
    for migration in migrations.iter().filter(|m| m.version > current) {
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute_batch(migration.sql)?;
        transaction.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)",
            (migration.version, migration.name),
        )?;
        transaction.commit()?;
    }
    Ok(latest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_and_applied_once() {
        for migrations in [SQLITE, POSTGRES] {
            for (index, migration) in migrations.iter().enumerate() {
                assert_eq!(migration.version, index as i64 + 1, "{}", migration.name);
            }
        }
        let names = |migrations: &[Migration]| -> Vec<&str> {
            migrations.iter().map(|migration| migration.name).collect()
        };
        assert_eq!(names(SQLITE), names(POSTGRES));
        let mut connection = Connection::open_in_memory().unwrap();
        assert_eq!(apply(&mut connection, SQLITE).unwrap(), SQLITE.len() as i64);
        // A second time changes nothing and fails nowhere (no table is created twice).
        assert_eq!(apply(&mut connection, SQLITE).unwrap(), SQLITE.len() as i64);
        let applied: i64 = connection
            .query_row("SELECT COUNT(*) FROM schema_migrations", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(applied, SQLITE.len() as i64);
    }

    #[test]
    fn a_newer_store_is_refused() {
        let mut connection = Connection::open_in_memory().unwrap();
        apply(&mut connection, SQLITE).unwrap();
        connection
            .execute(
                "INSERT INTO schema_migrations (version, name) VALUES (99, 'future')",
                [],
            )
            .unwrap();
        let error = apply(&mut connection, SQLITE).unwrap_err();
        assert!(error.to_string().contains("version 99"), "{error}");
    }
}
