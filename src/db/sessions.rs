//! Server-side sessions, looked up by the SHA-256 of the cookie token.

use super::users::{Role, User};
use rusqlite::{Connection, OptionalExtension, params};

/// A live session joined with its (enabled) user.
#[derive(Debug, Clone)]
pub struct Session {
    pub token_hash: Vec<u8>,
    pub user: User,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

pub fn add_session(
    conn: &Connection,
    token_hash: &[u8],
    user_id: i64,
    csrf_token: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![token_hash, user_id, csrf_token, now])?;
    Ok(())
}

/// The session for a token hash, if it exists and its user is not disabled. Timeouts are the
/// caller's to check, since they depend on configuration.
pub fn session_by_hash(conn: &Connection, token_hash: &[u8]) -> rusqlite::Result<Option<Session>> {
    conn.prepare_cached(
        "SELECT s.token_hash, s.csrf_token, s.created_at, s.last_seen_at,
                u.id, u.username, u.display_name, u.role, u.disabled, u.time_zone, u.created_at,
                u.cards_version
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ?1 AND u.disabled = 0",
    )?
    .query_row([token_hash], |r| {
        let role: String = r.get(7)?;
        Ok(Session {
            token_hash: r.get(0)?,
            csrf_token: r.get(1)?,
            created_at: r.get(2)?,
            last_seen_at: r.get(3)?,
            user: User {
                id: r.get(4)?,
                username: r.get(5)?,
                display_name: r.get(6)?,
                role: Role::parse(&role).unwrap_or(Role::Student),
                disabled: r.get(8)?,
                time_zone: r.get(9)?,
                created_at: r.get(10)?,
                cards_version: r.get(11)?,
            },
        })
    })
    .optional()
}

pub fn touch_session(conn: &Connection, token_hash: &[u8], now: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1")?
        .execute(params![token_hash, now])?;
    Ok(())
}

pub fn delete_session(conn: &Connection, token_hash: &[u8]) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")?
        .execute([token_hash])?;
    Ok(())
}

/// Ends every session of a user (password change, account disabled).
pub fn delete_user_sessions(conn: &Connection, user_id: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM sessions WHERE user_id = ?1", [user_id])
}

/// Removes sessions past either timeout; run now and then so the table does not grow.
pub fn delete_expired(
    conn: &Connection,
    idle_cutoff: i64,
    absolute_cutoff: i64,
) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2",
        params![idle_cutoff, absolute_cutoff],
    )
}
