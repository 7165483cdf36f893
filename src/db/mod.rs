//! SQLite storage: connection setup, migrations, the writer thread and one file per aggregate.
//!
//! One read-write connection lives on the writer thread ([`writer::Writer`]); every other access
//! goes through read-only connections from [`ReadPool`]. WAL lets the readers run while the writer
//! commits.

pub mod courses;
pub mod demo;
pub mod questions;
pub mod sessions;
pub mod study;
pub mod users;
pub mod writer;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};
use std::path::Path;

pub type ReadPool = r2d2::Pool<r2d2_sqlite::SqliteConnectionManager>;

/// How long a connection waits for a lock before giving up (ms). Readers never wait in WAL; this
/// covers the command-line tools writing while the server runs.
const BUSY_TIMEOUT_MS: u32 = 5000;

/// Page cache per read connection, in KiB (SQLite's default is 2 MiB): the study queries of a
/// class of a few hundred students touch more than that (measured by the load benchmark).
const READ_CACHE_KIB: u32 = 16 * 1024;

/// Memory-mapped I/O (bytes): pages are read from the OS cache without a copy into SQLite's
/// own, which also avoids its page-cache lock; the load benchmark measured the study page at
/// 1.8x the throughput with it.
const MMAP_BYTES: u64 = 256 << 20;

/// The schema, one numbered file per step. Add new migrations at the end; never edit old ones.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_accounts.sql"),
    include_str!("../../migrations/0002_courses.sql"),
    include_str!("../../migrations/0003_study.sql"),
    include_str!("../../migrations/0004_generation_jobs.sql"),
    include_str!("../../migrations/0005_study_indexes.sql"),
    include_str!("../../migrations/0006_study_queue.sql"),
    include_str!("../../migrations/0007_queue_versions.sql"),
    include_str!("../../migrations/0008_leeches.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

fn set_pragmas(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA mmap_size = {MMAP_BYTES};"
    ))
}

/// Opens (creating if needed) the database read-write, in WAL mode, applies pending migrations,
/// and adds the demo course to a fresh database.
pub fn open_rw(path: &Path) -> anyhow::Result<Connection> {
    let mut conn = Connection::open(path)
        .map_err(|e| anyhow::anyhow!("cannot open database {}: {e}", path.display()))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    set_pragmas(&conn)?;
    migrate(&mut conn)?;
    demo::seed_demo(&mut conn, crate::clock::Clock::default().now())?;
    Ok(conn)
}

/// Applies every pending migration.
pub fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    migrations()
        .to_latest(conn)
        .map_err(|e| anyhow::anyhow!("database migration failed: {e}"))
}

/// The schema version the binary expects (the number of migrations).
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

/// A pool of read-only connections.
pub fn read_pool(path: &Path, size: u32) -> anyhow::Result<ReadPool> {
    let manager = r2d2_sqlite::SqliteConnectionManager::file(path)
        .with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .with_init(|c| {
            set_pragmas(c)?;
            c.execute_batch(&format!(
                "PRAGMA query_only = ON; PRAGMA cache_size = -{READ_CACHE_KIB};"
            ))
        });
    Ok(r2d2::Pool::builder().max_size(size).build(manager)?)
}

/// Copies the live database into `dest` with `VACUUM INTO`: a consistent snapshot even while the
/// server writes (it reads inside one transaction).
pub fn backup(src: &Path, dest: &Path) -> anyhow::Result<()> {
    if dest.exists() {
        anyhow::bail!("{} already exists; choose a new file name", dest.display());
    }
    let conn = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| anyhow::anyhow!("cannot open database {}: {e}", src.display()))?;
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    let dest_str = dest
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("backup path must be valid UTF-8"))?;
    conn.execute("VACUUM INTO ?1", [dest_str])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid_and_apply_to_an_empty_database() {
        super::migrations().validate().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let conn = super::open_rw(&dir.path().join("t.db")).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version as usize, super::schema_version());
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn the_leech_index_uses_the_schedulers_threshold_and_serves_the_leech_query() {
        let dir = tempfile::tempdir().unwrap();
        let conn = super::open_rw(&dir.path().join("t.db")).unwrap();
        let threshold = crate::schedule::LEECH_LAPSES;
        assert!(
            super::MIGRATIONS[7].contains(&format!("WHERE lapses >= {threshold};")),
            "migration 0008 and LEECH_LAPSES disagree"
        );
        let plan: String = conn
            .query_row(
                &format!(
                    "EXPLAIN QUERY PLAN SELECT id FROM cards c WHERE c.course_id = 1 AND c.lapses >= {threshold}"
                ),
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("cards_leeches"), "{plan}");
    }
}
