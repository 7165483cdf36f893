//! Courses and who belongs to them.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::users::{Role, User};

#[derive(Debug, Clone)]
pub struct Course {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub description: String,
    pub join_code: String,
    pub open_to_all: bool,
    pub archived: bool,
    pub desired_retention: f64,
    pub new_per_day: i64,
    /// Moves whenever a change to the course's sets or questions can change what a student
    /// studies next (kept by triggers; see `web::queue`).
    pub content_version: i64,
}

/// A user's relation to a course, which decides what they may see and do in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// May edit the course (its instructor, or any admin).
    Teach,
    /// A member student.
    Study,
    /// Not a member, but the course is open to every student: may join.
    MayJoin,
    None,
}

const COURSE_COLUMNS: &str = "id, code, title, description, join_code, open_to_all, archived, \
                              desired_retention, new_per_day, content_version";

/// [`COURSE_COLUMNS`] of the table aliased `c`, worked out once.
static C_COURSE_COLUMNS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    COURSE_COLUMNS
        .split(", ")
        .map(|c| format!("c.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
});

fn row_to_course(r: &Row) -> rusqlite::Result<Course> {
    Ok(Course {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        join_code: r.get(4)?,
        open_to_all: r.get(5)?,
        archived: r.get(6)?,
        desired_retention: r.get(7)?,
        new_per_day: r.get(8)?,
        content_version: r.get(9)?,
    })
}

pub fn course_by_code(conn: &Connection, code: &str) -> rusqlite::Result<Option<Course>> {
    conn.prepare_cached(&format!(
        "SELECT {COURSE_COLUMNS} FROM courses WHERE code = ?1"
    ))?
    .query_row([code], row_to_course)
    .optional()
}

pub fn course_by_join_code(conn: &Connection, join: &str) -> rusqlite::Result<Option<Course>> {
    conn.prepare_cached(&format!(
        "SELECT {COURSE_COLUMNS} FROM courses WHERE join_code = ?1 AND archived = 0"
    ))?
    .query_row([join.trim().to_uppercase()], row_to_course)
    .optional()
}

/// What `user` may do in `course`.
pub fn access(conn: &Connection, course: &Course, user: &User) -> rusqlite::Result<Access> {
    let role: Option<String> = conn
        .prepare_cached("SELECT role FROM course_members WHERE course_id = ?1 AND user_id = ?2")?
        .query_row(params![course.id, user.id], |r| r.get(0))
        .optional()?;
    Ok(access_from(course, user, role.as_deref()))
}

/// The course with this code and what `user` may do in it, in one query (every course page
/// needs both).
pub fn course_with_access(
    conn: &Connection,
    code: &str,
    user: &User,
) -> rusqlite::Result<Option<(Course, Access)>> {
    let cols = &*C_COURSE_COLUMNS;
    conn.prepare_cached(&format!(
        "SELECT {cols}, m.role FROM courses c
         LEFT JOIN course_members m ON m.course_id = c.id AND m.user_id = ?2
         WHERE c.code = ?1"
    ))?
    .query_row(params![code, user.id], |r| {
        let course = row_to_course(r)?;
        let role: Option<String> = r.get(10)?;
        let access = access_from(&course, user, role.as_deref());
        Ok((course, access))
    })
    .optional()
}

fn access_from(course: &Course, user: &User, role: Option<&str>) -> Access {
    if user.role == Role::Admin {
        return Access::Teach;
    }
    match role {
        Some("instructor") => Access::Teach,
        Some(_) if !course.archived => Access::Study,
        None if course.open_to_all && !course.archived => Access::MayJoin,
        _ => Access::None,
    }
}

/// Courses a user teaches (admins: all) or studies, newest first, and whether they teach each.
pub fn courses_of(conn: &Connection, user: &User) -> rusqlite::Result<Vec<(Course, bool)>> {
    let cols = &*C_COURSE_COLUMNS;
    let sql = if user.role == Role::Admin {
        format!("SELECT {cols}, 1 FROM courses c ORDER BY c.archived, c.title")
    } else {
        format!(
            "SELECT {cols}, m.role = 'instructor' FROM courses c
             JOIN course_members m ON m.course_id = c.id AND m.user_id = ?1
             WHERE c.archived = 0 OR m.role = 'instructor'
             ORDER BY c.archived, c.title"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let params: &[&dyn rusqlite::ToSql] = if user.role == Role::Admin {
        &[]
    } else {
        &[&user.id]
    };
    stmt.query_map(params, |r| Ok((row_to_course(r)?, r.get::<_, bool>(10)?)))?
        .collect()
}

/// Open courses the user has not joined yet.
pub fn joinable_courses(conn: &Connection, user_id: i64) -> rusqlite::Result<Vec<Course>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COURSE_COLUMNS} FROM courses
         WHERE open_to_all = 1 AND archived = 0
           AND id NOT IN (SELECT course_id FROM course_members WHERE user_id = ?1)
         ORDER BY title"
    ))?;
    stmt.query_map([user_id], row_to_course)?.collect()
}

pub struct NewCourse<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub open_to_all: bool,
}

/// Adds a course with a fresh join code; `creator` (if any) becomes its instructor.
pub fn add_course(
    conn: &Connection,
    c: &NewCourse,
    creator: Option<i64>,
    now: i64,
) -> rusqlite::Result<i64> {
    let join = unused_join_code(conn)?;
    conn.execute(
        "INSERT INTO courses (code, title, description, join_code, open_to_all, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![c.code, c.title, c.description, join, c.open_to_all, creator, now],
    )?;
    let id = conn.last_insert_rowid();
    if let Some(u) = creator {
        add_member(conn, id, u, "instructor", now)?;
    }
    Ok(id)
}

/// Join codes avoid look-alike characters (0/O, 1/I/L) so they can be read out in class.
const JOIN_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// 31^8 ≈ 8.5 × 10^11 codes; with failed joins rate-limited per student, guessing one is out of
/// reach.
const JOIN_LEN: usize = 8;

fn unused_join_code(conn: &Connection) -> rusqlite::Result<String> {
    loop {
        let mut bytes = [0u8; JOIN_LEN];
        rand::fill(&mut bytes);
        let code: String = bytes
            .iter()
            .map(|b| JOIN_ALPHABET[*b as usize % JOIN_ALPHABET.len()] as char)
            .collect();
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM courses WHERE join_code = ?1)",
            [&code],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(code);
        }
    }
}

pub fn add_member(
    conn: &Connection,
    course_id: i64,
    user_id: i64,
    role: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO course_members (course_id, user_id, role, joined_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (course_id, user_id) DO NOTHING",
        params![course_id, user_id, role, now],
    )?;
    Ok(())
}

pub fn update_course(
    conn: &Connection,
    id: i64,
    title: &str,
    description: &str,
    new_per_day: i64,
    desired_retention: f64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE courses SET title = ?2, description = ?3, new_per_day = ?4, desired_retention = ?5
         WHERE id = ?1",
        params![id, title, description, new_per_day, desired_retention],
    )?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE courses SET archived = ?2 WHERE id = ?1",
        params![id, archived],
    )?;
    Ok(())
}

/// A course code not yet taken, derived from `base` ("japan-russia", "japan-russia-2", …).
pub fn unused_code(conn: &Connection, base: &str) -> rusqlite::Result<String> {
    let base = if base.is_empty() { "course" } else { base };
    for n in 1.. {
        let code = if n == 1 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        };
        if course_by_code(conn, &code)?.is_none() {
            return Ok(code);
        }
    }
    unreachable!("some suffix is free")
}

pub fn get_meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
