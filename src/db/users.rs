//! Accounts.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// What an account may do. Stored as text in `users.role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Role {
    Student,
    Instructor,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Student => "student",
            Role::Instructor => "instructor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "student" => Some(Role::Student),
            "instructor" => Some(Role::Instructor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub time_zone: String,
    pub created_at: i64,
    /// Moves at every write to the user's cards (kept by triggers; see `web::queue`).
    pub cards_version: i64,
}

/// A user row plus the stored password hash, for signing in.
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

const USER_COLUMNS: &str =
    "id, username, display_name, role, disabled, time_zone, created_at, cards_version";

fn row_to_user(row: &Row) -> rusqlite::Result<User> {
    let role: String = row.get(3)?;
    Ok(User {
        id: row.get(0)?,
        username: row.get(1)?,
        display_name: row.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Student),
        disabled: row.get(4)?,
        time_zone: row.get(5)?,
        created_at: row.get(6)?,
        cards_version: row.get(7)?,
    })
}

pub fn get_user(conn: &Connection, id: i64) -> rusqlite::Result<Option<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"))?
        .query_row([id], row_to_user)
        .optional()
}

pub fn user_by_name(conn: &Connection, username: &str) -> rusqlite::Result<Option<User>> {
    conn.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE username = ?1"
    ))?
    .query_row([username], row_to_user)
    .optional()
}

pub fn credentials_by_name(
    conn: &Connection,
    username: &str,
) -> rusqlite::Result<Option<Credentials>> {
    conn.prepare_cached(&format!(
        "SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = ?1"
    ))?
    .query_row([username], |r| {
        Ok(Credentials {
            user: row_to_user(r)?,
            password_hash: r.get("password_hash")?,
        })
    })
    .optional()
}

pub fn list_users(conn: &Connection) -> rusqlite::Result<Vec<User>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users ORDER BY username"
    ))?;
    stmt.query_map([], row_to_user)?.collect()
}

pub fn count_admins(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0",
        [],
        |r| r.get(0),
    )
}

/// Adds an account; the caller has validated the name and hashed the password.
pub fn add_user(
    conn: &Connection,
    username: &str,
    password_hash: &str,
    role: Role,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO users (username, display_name, password_hash, role, created_at)
         VALUES (?1, ?1, ?2, ?3, ?4)",
    )?
    .execute(params![username, password_hash, role.as_str(), now])?;
    Ok(conn.last_insert_rowid())
}

pub fn set_password_hash(conn: &Connection, id: i64, hash: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET password_hash = ?2 WHERE id = ?1",
        params![id, hash],
    )?;
    Ok(())
}

pub fn set_disabled(conn: &Connection, id: i64, disabled: bool) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET disabled = ?2 WHERE id = ?1",
        params![id, disabled],
    )?;
    Ok(())
}

pub fn set_role(conn: &Connection, id: i64, role: Role) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET role = ?2 WHERE id = ?1",
        params![id, role.as_str()],
    )?;
    Ok(())
}

/// Checks a proposed username: 3–32 characters of letters, digits, `.`, `_` and `-`.
pub fn validate_username(name: &str) -> Result<(), &'static str> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !(3..=32).contains(&name.len()) {
        Err("Username must be 3 to 32 characters long")
    } else if !ok_chars {
        Err("Username may contain only letters, digits, dots, dashes and underscores")
    } else {
        Ok(())
    }
}

/// Password length bounds (NIST SP 800-63B: at least 8, no composition rules, allow long ones).
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_BYTES: usize = 1024;

pub fn validate_password(password: &str) -> Result<(), &'static str> {
    if password.chars().count() < PASSWORD_MIN_CHARS {
        Err("Password must be at least 8 characters long")
    } else if password.len() > PASSWORD_MAX_BYTES {
        Err("Password must be at most 1024 bytes long")
    } else {
        Ok(())
    }
}
