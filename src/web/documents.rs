//! A course's source documents, readable by its members, with a question's source sentence
//! marked where it stands.

use actix_web::{HttpResponse, web};
use askama::Template;
use rusqlite::OptionalExtension;
use serde::Deserialize;

use super::courses::load_course_to_study;
use super::error::{AppError, Result};
use super::session::{Ctx, CurrentUser};
use super::{Chrome, page};
use crate::db::courses::Course;
use crate::startup::AppState;

/// A paragraph of the document, split where the marked sentence stands.
pub struct Paragraph {
    pub before: String,
    pub marked: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    chrome: Chrome,
    course: Course,
    title: String,
    paragraphs: Vec<Paragraph>,
}

#[derive(Deserialize)]
pub struct DocumentQuery {
    /// The question whose source sentence to mark.
    q: Option<i64>,
}

pub async fn show_document(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    query: web::Query<DocumentQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, doc_id) = path.into_inner();
    let conn = state.reads.get()?;
    let (course, access) = load_course_to_study(&conn, &code, &user.0)?;
    // Students see a document once a question they can answer cites it: not while its drafts
    // are under review, and only the source sentences of visible questions are marked.
    let visible = "(?3 OR EXISTS (SELECT 1 FROM questions q JOIN question_sets s ON s.id = q.set_id
                   WHERE q.document_id = ?1 AND q.status = 'active' AND s.published = 1))";
    let teach = access == crate::db::courses::Access::Teach;
    let (title, body): (String, String) = conn
        .query_row(
            &format!(
                "SELECT title, body FROM documents WHERE id = ?1 AND course_id = ?2 AND {visible}"
            ),
            rusqlite::params![doc_id, course.id, teach],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    let sentence: Option<String> = match query.q {
        Some(q) => conn
            .query_row(
                "SELECT q.source_sentence FROM questions q JOIN question_sets s ON s.id = q.set_id
                 WHERE q.id = ?1 AND q.document_id = ?2 AND (?3 OR (q.status = 'active' AND s.published = 1))",
                rusqlite::params![q, doc_id, teach],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    page(&DocumentPage {
        chrome: Chrome::new(&ctx),
        course,
        title,
        paragraphs: paragraphs(&body, sentence.as_deref()),
    })
}

/// Splits the text into paragraphs (blank lines or single line breaks) and marks the first
/// occurrence of `sentence`.
pub fn paragraphs(text: &str, sentence: Option<&str>) -> Vec<Paragraph> {
    let mut marked_once = false;
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let hit = sentence
                .filter(|s| !s.is_empty() && !marked_once)
                .and_then(|s| line.find(s).map(|at| (at, s.len())));
            match hit {
                Some((at, len)) => {
                    marked_once = true;
                    Paragraph {
                        before: line[..at].into(),
                        marked: line[at..at + len].into(),
                        after: line[at + len..].into(),
                    }
                }
                None => Paragraph {
                    before: line.into(),
                    marked: String::new(),
                    after: String::new(),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_the_sentence_in_its_paragraph() {
        let ps = super::paragraphs(
            "Title\n\nOne. Two relief teams came. Three.\nLast.",
            Some("Two relief teams came."),
        );
        assert_eq!(ps.len(), 3);
        assert_eq!(
            (
                ps[1].before.as_str(),
                ps[1].marked.as_str(),
                ps[1].after.as_str()
            ),
            ("One. ", "Two relief teams came.", " Three.")
        );
        assert!(ps[2].marked.is_empty());
    }
}
