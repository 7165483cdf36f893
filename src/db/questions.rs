//! Question sets, questions, their source documents, and practice attempts.

use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

use crate::quiz::model::{Body, Source};
use crate::quiz::setfile::{DocumentFile, QuestionFile, SetFile};

#[derive(Debug, Clone)]
pub struct QuestionSet {
    pub id: i64,
    pub course_id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub published: bool,
    /// Questions students can see (status active).
    pub active_count: i64,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: i64,
    pub set_id: i64,
    pub slug: String,
    pub position: i64,
    pub prompt: String,
    pub body: Body,
    pub explanation: String,
    pub tags: Vec<String>,
    pub document_id: Option<i64>,
    pub document_title: Option<String>,
    pub source_sentence: String,
    pub source_position: Option<i64>,
    pub status: String,
    pub confidence: Option<f64>,
}

const SET_COLUMNS: &str = "s.id, s.course_id, s.slug, s.title, s.description, s.published,
    (SELECT count(*) FROM questions q WHERE q.set_id = s.id AND q.status = 'active')";

fn row_to_set(r: &Row) -> rusqlite::Result<QuestionSet> {
    Ok(QuestionSet {
        id: r.get(0)?,
        course_id: r.get(1)?,
        slug: r.get(2)?,
        title: r.get(3)?,
        description: r.get(4)?,
        published: r.get(5)?,
        active_count: r.get(6)?,
    })
}

/// The sets of a course, in course order; only published ones unless `all`.
pub fn sets_of_course(
    conn: &Connection,
    course_id: i64,
    all: bool,
) -> rusqlite::Result<Vec<QuestionSet>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SET_COLUMNS} FROM question_sets s
         WHERE s.course_id = ?1 AND (?2 OR s.published = 1) ORDER BY s.position, s.title"
    ))?;
    stmt.query_map(params![course_id, all], row_to_set)?
        .collect()
}

pub fn set_by_slug(
    conn: &Connection,
    course_id: i64,
    slug: &str,
) -> rusqlite::Result<Option<QuestionSet>> {
    conn.prepare_cached(&format!(
        "SELECT {SET_COLUMNS} FROM question_sets s WHERE s.course_id = ?1 AND s.slug = ?2"
    ))?
    .query_row(params![course_id, slug], row_to_set)
    .optional()
}

pub fn set_by_id(conn: &Connection, set_id: i64) -> rusqlite::Result<Option<QuestionSet>> {
    conn.prepare_cached(&format!(
        "SELECT {SET_COLUMNS} FROM question_sets s WHERE s.id = ?1"
    ))?
    .query_row([set_id], row_to_set)
    .optional()
}

pub fn add_set(
    conn: &Connection,
    course_id: i64,
    slug: &str,
    title: &str,
    description: &str,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO question_sets (course_id, slug, title, description, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM question_sets WHERE course_id = ?1), ?5, ?5)",
        params![course_id, slug, title, description, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_published(
    conn: &Connection,
    set_id: i64,
    published: bool,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE question_sets SET published = ?2, updated_at = ?3 WHERE id = ?1",
        params![set_id, published, now],
    )?;
    Ok(())
}

const QUESTION_COLUMNS: &str =
    "q.id, q.set_id, q.slug, q.position, q.prompt, q.body, q.explanation, q.tags,
    q.document_id, d.title, q.source_sentence, q.source_position, q.status, q.confidence";

fn row_to_question(r: &Row) -> rusqlite::Result<Question> {
    let body: String = r.get(5)?;
    let tags: String = r.get(7)?;
    Ok(Question {
        id: r.get(0)?,
        set_id: r.get(1)?,
        slug: r.get(2)?,
        position: r.get(3)?,
        prompt: r.get(4)?,
        body: serde_json::from_str(&body).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
        })?,
        explanation: r.get(6)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        document_id: r.get(8)?,
        document_title: r.get(9)?,
        source_sentence: r.get(10)?,
        source_position: r.get(11)?,
        status: r.get(12)?,
        confidence: r.get(13)?,
    })
}

/// Questions of a set with one of `statuses`, in set order.
pub fn questions_of_set(
    conn: &Connection,
    set_id: i64,
    statuses: &[&str],
) -> rusqlite::Result<Vec<Question>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {QUESTION_COLUMNS} FROM questions q LEFT JOIN documents d ON d.id = q.document_id
         WHERE q.set_id = ?1 AND q.status IN (SELECT value FROM json_each(?2))
         ORDER BY q.position, q.id"
    ))?;
    let statuses = serde_json::to_string(statuses).unwrap_or_default();
    stmt.query_map(params![set_id, statuses], row_to_question)?
        .collect()
}

pub fn get_question(conn: &Connection, id: i64) -> rusqlite::Result<Option<Question>> {
    conn.prepare_cached(&format!(
        "SELECT {QUESTION_COLUMNS} FROM questions q LEFT JOIN documents d ON d.id = q.document_id WHERE q.id = ?1"
    ))?
    .query_row([id], row_to_question)
    .optional()
}

/// The fields of a question as written by an editor, an import or the generator.
pub struct QuestionFields<'a> {
    pub slug: &'a str,
    pub prompt: &'a str,
    pub body: &'a Body,
    pub explanation: &'a str,
    pub tags: &'a [String],
    pub document_id: Option<i64>,
    pub source_sentence: &'a str,
    pub source_position: Option<i64>,
    pub status: &'a str,
    pub confidence: Option<f64>,
    pub origin: &'a str,
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

pub fn add_question(
    conn: &Connection,
    set_id: i64,
    q: &QuestionFields,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO questions (set_id, slug, position, prompt, body, explanation, tags, document_id,
             source_sentence, source_position, status, confidence, origin, created_at, updated_at)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM questions WHERE set_id = ?1),
                 ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?
    .execute(params![
        set_id, q.slug, q.prompt, json(q.body), q.explanation, json(&q.tags), q.document_id,
        q.source_sentence, q.source_position, q.status, q.confidence, q.origin, now
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update_question(
    conn: &Connection,
    id: i64,
    q: &QuestionFields,
    now: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE questions SET slug = ?2, prompt = ?3, body = ?4, explanation = ?5, tags = ?6,
             document_id = ?7, source_sentence = ?8, source_position = ?9, status = ?10,
             confidence = ?11, origin = ?12, updated_at = ?13
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        q.slug,
        q.prompt,
        json(q.body),
        q.explanation,
        json(&q.tags),
        q.document_id,
        q.source_sentence,
        q.source_position,
        q.status,
        q.confidence,
        q.origin,
        now
    ])?;
    Ok(())
}

pub fn delete_question(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM questions WHERE id = ?1", [id])?;
    Ok(())
}

/// Swaps a question with its neighbour above (`up`) or below in the set order.
pub fn move_question(conn: &Connection, id: i64, up: bool) -> rusqlite::Result<()> {
    let (set_id, pos): (i64, i64) = conn.query_row(
        "SELECT set_id, position FROM questions WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let sql = if up {
        "SELECT id, position FROM questions WHERE set_id = ?1 AND position < ?2 AND status != 'retired' ORDER BY position DESC LIMIT 1"
    } else {
        "SELECT id, position FROM questions WHERE set_id = ?1 AND position > ?2 AND status != 'retired' ORDER BY position LIMIT 1"
    };
    let neighbour: Option<(i64, i64)> = conn
        .query_row(sql, params![set_id, pos], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((other, other_pos)) = neighbour {
        conn.execute(
            "UPDATE questions SET position = ?2 WHERE id = ?1",
            params![id, other_pos],
        )?;
        conn.execute(
            "UPDATE questions SET position = ?2 WHERE id = ?1",
            params![other, pos],
        )?;
    }
    Ok(())
}

/// What an import changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub set_id: i64,
    pub added: usize,
    pub updated: usize,
    pub retired: usize,
}

/// Writes a parsed set into a course: the set, its documents and its questions are matched by
/// their stable ids and updated in place, so students' progress on them stays; questions no
/// longer in the file are retired. Run inside one transaction (the writer's savepoint), so a
/// failure leaves everything as it was.
pub fn import_set(
    conn: &Connection,
    course_id: i64,
    set: &SetFile,
    origin: &str,
    publish: bool,
    now: i64,
) -> rusqlite::Result<ImportSummary> {
    let set_id = match set_by_slug(conn, course_id, &set.id)? {
        Some(s) => {
            conn.execute(
                "UPDATE question_sets SET title = ?2, description = ?3, updated_at = ?4,
                     published = max(published, ?5) WHERE id = ?1",
                params![s.id, set.title, set.description, now, publish],
            )?;
            s.id
        }
        None => {
            let id = add_set(conn, course_id, &set.id, &set.title, &set.description, now)?;
            set_published(conn, id, publish, now)?;
            id
        }
    };
    let doc_ids = upsert_documents(conn, course_id, &set.documents, now)?;
    let existing: HashMap<String, i64> = conn
        .prepare("SELECT slug, id FROM questions WHERE set_id = ?1")?
        .query_map([set_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut summary = ImportSummary {
        set_id,
        ..Default::default()
    };
    for (i, q) in set.questions.iter().enumerate() {
        let source = q.source.clone().unwrap_or_default();
        let fields = QuestionFields {
            slug: &q.id,
            prompt: &q.prompt,
            body: &q.body,
            explanation: &q.explanation,
            tags: &q.tags,
            document_id: doc_ids.get(&source.document).copied(),
            source_sentence: &source.sentence,
            source_position: source.position.map(i64::from),
            status: "active",
            confidence: None,
            origin,
        };
        let id = match existing.get(&q.id) {
            Some(&id) => {
                update_question(conn, id, &fields, now)?;
                summary.updated += 1;
                id
            }
            None => {
                summary.added += 1;
                add_question(conn, set_id, &fields, now)?
            }
        };
        conn.execute(
            "UPDATE questions SET position = ?2 WHERE id = ?1",
            params![id, i as i64 + 1],
        )?;
    }
    for (slug, id) in &existing {
        if !set.questions.iter().any(|q| &q.id == slug) {
            summary.retired += conn.execute(
                "UPDATE questions SET status = 'retired', updated_at = ?2 WHERE id = ?1 AND status != 'retired'",
                params![id, now],
            )?;
        }
    }
    Ok(summary)
}

fn upsert_documents(
    conn: &Connection,
    course_id: i64,
    docs: &[DocumentFile],
    now: i64,
) -> rusqlite::Result<HashMap<String, i64>> {
    let mut ids = HashMap::new();
    for d in docs {
        conn.execute(
            "INSERT INTO documents (course_id, slug, title, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (course_id, slug) DO UPDATE SET title = excluded.title, body = excluded.body",
            params![course_id, d.id, d.title, d.text, now],
        )?;
        let id: i64 = conn.query_row(
            "SELECT id FROM documents WHERE course_id = ?1 AND slug = ?2",
            params![course_id, d.id],
            |r| r.get(0),
        )?;
        ids.insert(d.id.clone(), id);
    }
    Ok(ids)
}

/// Reads a set back as a file: its active questions and the documents they cite.
pub fn export_set(conn: &Connection, set: &QuestionSet) -> rusqlite::Result<SetFile> {
    let questions = questions_of_set(conn, set.id, &["active"])?;
    let mut documents: Vec<DocumentFile> = Vec::new();
    let mut slugs: HashMap<i64, String> = HashMap::new();
    for q in &questions {
        let Some(doc_id) = q.document_id else {
            continue;
        };
        if slugs.contains_key(&doc_id) {
            continue;
        }
        let (slug, title, body): (String, String, String) = conn.query_row(
            "SELECT slug, title, body FROM documents WHERE id = ?1",
            [doc_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        slugs.insert(doc_id, slug.clone());
        documents.push(DocumentFile {
            id: slug,
            title,
            text: body,
        });
    }
    let questions = questions
        .into_iter()
        .map(|q| {
            let document = q
                .document_id
                .and_then(|d| slugs.get(&d).cloned())
                .unwrap_or_default();
            let has_source = !document.is_empty() || !q.source_sentence.is_empty();
            QuestionFile {
                id: q.slug,
                prompt: q.prompt,
                body: q.body,
                explanation: q.explanation,
                tags: q.tags,
                source: has_source.then(|| Source {
                    document,
                    sentence: q.source_sentence,
                    position: q.source_position.and_then(|p| u32::try_from(p).ok()),
                }),
            }
        })
        .collect();
    Ok(SetFile {
        id: set.slug.clone(),
        title: set.title.clone(),
        description: set.description.clone(),
        documents,
        questions,
    })
}

pub fn add_attempt(
    conn: &Connection,
    user_id: i64,
    question_id: i64,
    response: &str,
    correct: bool,
    score: f64,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO attempts (user_id, question_id, response, correct, score, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![user_id, question_id, response, correct, score, now])?;
    Ok(conn.last_insert_rowid())
}

/// One of the user's own attempts (never another user's).
pub fn attempt_of_user(
    conn: &Connection,
    attempt_id: i64,
    user_id: i64,
) -> rusqlite::Result<Option<(i64, String)>> {
    conn.prepare_cached(
        "SELECT question_id, response FROM attempts WHERE id = ?1 AND user_id = ?2",
    )?
    .query_row(params![attempt_id, user_id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
}
