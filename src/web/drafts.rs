//! Questions generated from a document: upload, then review the drafts (accept, edit, reject)
//! before students see them. Rejected drafts are kept, to learn from later.

use actix_multipart::form::{MultipartForm, bytes::Bytes as UploadBytes, text::Text};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::courses::load_course_to_teach;
use super::editor::{answer_summary, uploaded_text};
use super::error::{AppError, Result};
use super::question_view::{answer_texts, mark_answer};
use super::session::{Ctx, InstructorUser};
use super::{Chrome, page, redirect};
use crate::db::courses::Course;
use crate::db::questions::{self, Question, QuestionFields, QuestionSet};
use crate::generate::{self, GenerateOptions, Generated};
use crate::quiz::validate::{check_question, slugify};
use crate::startup::AppState;

#[derive(Template)]
#[template(path = "generate.html")]
struct GeneratePage {
    chrome: Chrome,
    course: Course,
    problem: Option<String>,
    title: String,
}

pub async fn show_generate(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let course = load_course_to_teach(&*state.reads.get()?, &path, &user.0)?;
    page(&GeneratePage {
        chrome: Chrome::new(&ctx),
        course,
        problem: None,
        title: String::new(),
    })
}

#[derive(MultipartForm)]
pub struct GenerateForm {
    title: Option<Text<String>>,
    file: Option<UploadBytes>,
    text: Option<Text<String>>,
    max: Option<Text<String>>,
}

/// Reads the document, generates drafts into a new unpublished set, and opens the review.
pub async fn save_generate(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    form: MultipartForm<GenerateForm>,
) -> Result<HttpResponse> {
    let course = load_course_to_teach(&*state.reads.get()?, &path, &user.0)?;
    let form = form.into_inner();
    let typed_title = form
        .title
        .map(|t| t.0.trim().to_string())
        .filter(|t| !t.is_empty());
    let (file_name, text) = match uploaded_text(form.file, form.text) {
        Ok(Some(found)) if !found.1.trim().is_empty() => found,
        Ok(_) => {
            return problem(
                ctx,
                course,
                typed_title.unwrap_or_default(),
                "Choose a file or paste the document's text",
            );
        }
        Err(message) => return problem(ctx, course, typed_title.unwrap_or_default(), message),
    };
    let file_title = file_name.map(|n| {
        n.trim_end_matches(".txt")
            .trim_end_matches(".md")
            .to_string()
    });
    let title = typed_title.or(file_title).unwrap_or_default();
    if title.is_empty() {
        return problem(ctx, course, title, "Enter a title for the document");
    }
    let max = match form
        .max
        .map(|m| m.0.trim().to_string())
        .filter(|m| !m.is_empty())
    {
        None => None,
        Some(m) => match m.parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => Some(n),
            _ => {
                return problem(
                    ctx,
                    course,
                    title,
                    "The number of questions must be a whole number from 1 to 100",
                );
            }
        },
    };
    let opts = GenerateOptions {
        max_questions: max,
        today: crate::transfer::today_utc(state.clock.now()),
        ..Default::default()
    };
    let (course_id, now) = (course.id, state.clock.now());
    if text.len() > LARGE_DOCUMENT_BYTES {
        let (t2, doc, total) = (title.clone(), text.clone(), text.len() as i64);
        let (set_id, slug, document_id) = state
            .writer
            .run(move |c| -> Result<(i64, String, i64)> {
                let created = create_document_set(c, course_id, &t2, &doc, now)?;
                c.execute(
                    "INSERT INTO generation_jobs (set_id, total_bytes, started_at) VALUES (?1, ?2, ?3)",
                    rusqlite::params![created.0, total, now],
                )?;
                Ok(created)
            })
            .await?;
        spawn_generation(state.clone(), set_id, document_id, title, text, opts);
        return Ok(redirect(
            &format!("/courses/{}/sets/{slug}/review", course.code),
            None,
            &state,
        ));
    }
    let (t2, doc) = (title.clone(), text.clone());
    let generated = web::block(move || generate::generate(&t2, &doc, &opts)).await?;
    let slug = state
        .writer
        .run(move |c| -> Result<String> {
            let (set_id, slug, document_id) =
                create_document_set(c, course_id, &title, &text, now)?;
            add_drafts(c, set_id, document_id, &generated, now)?;
            Ok(slug)
        })
        .await?;
    Ok(redirect(
        &format!("/courses/{}/sets/{slug}/review", course.code),
        Some("Questions generated. Review them before publishing."),
        &state,
    ))
}

fn problem(ctx: Ctx, course: Course, title: String, message: &str) -> Result<HttpResponse> {
    page(&GeneratePage {
        chrome: Chrome::new(&ctx),
        course,
        problem: Some(message.into()),
        title,
    })
}

/// Creates the set and stores the document; returns (set id, set slug, document id).
fn create_document_set(
    c: &rusqlite::Connection,
    course_id: i64,
    title: &str,
    text: &str,
    now: i64,
) -> Result<(i64, String, i64)> {
    let base = slugify(title);
    let base = if base.is_empty() {
        "document".to_string()
    } else {
        base
    };
    let mut slug = base.clone();
    let mut n = 2;
    while questions::set_by_slug(c, course_id, &slug)?.is_some() {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let set_id = questions::add_set(
        c,
        course_id,
        &slug,
        &format!("Questions from {title}"),
        "",
        now,
    )?;
    c.execute(
        "INSERT INTO documents (course_id, slug, title, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![course_id, slug, title, text, now],
    )?;
    Ok((set_id, slug, c.last_insert_rowid()))
}

/// Adds generated questions to a set as drafts (any that fail validation are left out).
fn add_drafts(
    c: &rusqlite::Connection,
    set_id: i64,
    document_id: i64,
    generated: &[Generated],
    now: i64,
) -> Result<()> {
    let mut used = std::collections::HashSet::new();
    for g in generated {
        let cloze = matches!(g.body, crate::quiz::model::Body::Cloze { .. });
        let prompt = if cloze { "" } else { g.question.as_str() };
        if !check_question(prompt, &g.body).is_empty() {
            continue;
        }
        let tags = vec!["generated".to_string(), g.kind.clone()];
        let fields = QuestionFields {
            slug: &crate::transfer::unique_slug(&g.question, &mut used),
            prompt,
            body: &g.body,
            explanation: "",
            tags: &tags,
            document_id: Some(document_id),
            source_sentence: &g.source,
            source_position: i64::try_from(g.position).ok(),
            status: "draft",
            confidence: Some(f64::from(g.confidence)),
            origin: "generated",
        };
        questions::add_question(c, set_id, &fields, now)?;
    }
    Ok(())
}

/// Documents larger than this are generated in the background, chunk by chunk, with progress
/// shown on the review page (about 10 ms of work at the generator's measured 6 MB/s, so
/// smaller ones answer at once).
const LARGE_DOCUMENT_BYTES: usize = 64 * 1024;
/// Chunk size for large documents, split at paragraph boundaries.
const CHUNK_BYTES: usize = 32 * 1024;

/// Splits `text` into pieces of about `size` bytes at line breaks: (byte offset, piece).
pub fn chunks(text: &str, size: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        if end < text.len() {
            // Prefer a blank line, then any line break, within the piece.
            let piece = &text[start..end];
            if let Some(cut) = piece
                .rfind("\n\n")
                .or_else(|| piece.rfind('\n'))
                .filter(|c| *c > 0)
            {
                end = start + cut + 1;
            }
        }
        out.push((start, &text[start..end]));
        start = end;
    }
    out
}

/// Generates from each chunk (reporting the bytes done after each), then keeps the best
/// `max` overall, without repeating a question.
pub fn generate_chunked(
    title: &str,
    text: &str,
    opts: &GenerateOptions,
    progress: &mut dyn FnMut(usize),
) -> Vec<Generated> {
    let max = opts
        .max_questions
        .unwrap_or_else(|| generate::default_max(text.split_whitespace().count()));
    let mut all: Vec<Generated> = Vec::new();
    for (offset, piece) in chunks(text, CHUNK_BYTES) {
        for mut g in generate::generate(
            title,
            piece,
            &GenerateOptions {
                max_questions: Some(max),
                today: opts.today,
                ..Default::default()
            },
        ) {
            g.position += offset;
            all.push(g);
        }
        progress(offset + piece.len());
    }
    all.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    let mut seen = std::collections::HashSet::new();
    all.retain(|g| seen.insert(g.question.to_lowercase()));
    all.truncate(max);
    all
}

/// Runs a large document's generation in the background, recording progress as it goes.
fn spawn_generation(
    state: web::Data<AppState>,
    set_id: i64,
    document_id: i64,
    title: String,
    text: String,
    opts: GenerateOptions,
) {
    actix_web::rt::spawn(async move {
        // One large document at a time: the others wait here, showing 0 % meanwhile.
        let _slot = state.generation_slot.clone().acquire_owned().await;
        let writer = state.writer.clone();
        let clock = state.clock.clone();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<usize>();
        let work = web::block(move || {
            generate_chunked(&title, &text, &opts, &mut |done| {
                let _ = tx.send(done);
            })
        });
        let progress = async {
            while let Some(done) = rx.recv().await {
                let _ = writer
                    .run(move |c| {
                        c.execute(
                            "UPDATE generation_jobs SET done_bytes = ?2 WHERE set_id = ?1",
                            rusqlite::params![set_id, done as i64],
                        )
                        .map_err(AppError::from)
                    })
                    .await;
            }
        };
        let (generated, ()) = tokio::join!(work, progress);
        let now = clock.now();
        let outcome = state
            .writer
            .run(move |c| -> Result<()> {
                match generated {
                    Ok(g) => {
                        add_drafts(c, set_id, document_id, &g, now)?;
                        c.execute("UPDATE generation_jobs SET status = 'done', finished_at = ?2 WHERE set_id = ?1", rusqlite::params![set_id, now])?;
                    }
                    Err(e) => {
                        tracing::error!("generating questions for set {set_id} failed: {e}");
                        c.execute(
                            "UPDATE generation_jobs SET status = 'failed', message = 'The document could not be processed.', finished_at = ?2 WHERE set_id = ?1",
                            rusqlite::params![set_id, now],
                        )?;
                    }
                }
                Ok(())
            })
            .await;
        if let Err(e) = outcome {
            tracing::error!("storing generated questions for set {set_id} failed: {e}");
        }
    });
}

/// One draft on the review screen.
pub struct DraftView {
    pub q: Question,
    pub kind_label: &'static str,
    pub answer: String,
    pub options: Vec<(String, bool)>,
    pub source: (String, String, String),
    pub confidence: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    chrome: Chrome,
    course: Course,
    set: QuestionSet,
    drafts: Vec<DraftView>,
    status: String,
    min: String,
    counts: (usize, usize, usize),
    /// A background generation still running or failed: (percent done, status, message).
    job: Option<(i64, String, String)>,
}

#[derive(Deserialize)]
pub struct ReviewQuery {
    status: Option<String>,
    min: Option<String>,
}

pub async fn show_review(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<(String, String)>,
    q: web::Query<ReviewQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, slug) = path.into_inner();
    let conn = state.reads.get()?;
    let course = load_course_to_teach(&conn, &code, &user.0)?;
    let set = questions::set_by_slug(&conn, course.id, &slug)?.ok_or(AppError::NotFound)?;
    let status = match q.status.as_deref() {
        Some(s @ ("draft" | "active" | "rejected")) => s.to_string(),
        _ => "draft".to_string(),
    };
    let min_score = q
        .min
        .as_deref()
        .and_then(|m| m.parse::<f64>().ok())
        .unwrap_or(0.0);
    let count = |s: &str| questions::questions_of_set(&conn, set.id, &[s]).map(|v| v.len());
    let counts = (count("draft")?, count("active")?, count("rejected")?);
    let mut list = questions::questions_of_set(&conn, set.id, &[&status])?;
    list.retain(|x| x.confidence.unwrap_or(1.0) >= min_score);
    list.sort_by(|a, b| {
        b.confidence
            .unwrap_or(0.0)
            .total_cmp(&a.confidence.unwrap_or(0.0))
    });
    let drafts = list.into_iter().map(draft_view).collect();
    let min = q.min.clone().unwrap_or_default();
    let job: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT done_bytes * 100 / max(total_bytes, 1), status, message FROM generation_jobs WHERE set_id = ?1 AND status != 'done'",
            [set.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .ok();
    page(&ReviewPage {
        chrome: Chrome::new(&ctx),
        course,
        set,
        drafts,
        status,
        min,
        counts,
        job,
    })
}

fn draft_view(q: Question) -> DraftView {
    use crate::quiz::model::Body;
    let options = match &q.body {
        Body::SingleChoice { choices, answer } => {
            choices.iter().map(|c| (c.clone(), c == answer)).collect()
        }
        Body::MultipleSelect {
            choices, answers, ..
        } => choices
            .iter()
            .map(|c| (c.clone(), answers.contains(c)))
            .collect(),
        _ => vec![],
    };
    DraftView {
        kind_label: super::editor::kind_label(q.body.kind_name()),
        answer: answer_summary(&q.body),
        source: mark_answer(&q.source_sentence, &answer_texts(&q.body)),
        confidence: q.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
        options,
        q,
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    decision: String,
    #[serde(default)]
    back: String,
}

/// Accept, reject, or return one question to the drafts.
pub async fn save_decision(
    user: InstructorUser,
    path: web::Path<(String, i64)>,
    state: web::Data<AppState>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse> {
    let (code, id) = path.into_inner();
    let (course, set) = {
        let conn = state.reads.get()?;
        let course = load_course_to_teach(&conn, &code, &user.0)?;
        let q = questions::get_question(&conn, id)?.ok_or(AppError::NotFound)?;
        let set = questions::set_by_id(&conn, q.set_id)?
            .filter(|s| s.course_id == course.id)
            .ok_or(AppError::NotFound)?;
        (course, set)
    };
    let (status, message) = match form.decision.as_str() {
        "accept" => ("active", "Accepted 1 question."),
        "reject" => (
            "rejected",
            "Rejected 1 question. It is kept under Rejected.",
        ),
        "draft" => ("draft", "Moved 1 question back to the drafts."),
        _ => return Err(AppError::BadRequest("Unknown decision.".into())),
    };
    let now = state.clock.now();
    state
        .writer
        .run(move |c| set_status(c, &[id], status, now))
        .await?;
    let back = review_url(&course, &set, &form.back);
    Ok(redirect(&back, Some(message), &state))
}

fn review_url(course: &Course, set: &QuestionSet, query: &str) -> String {
    let query: String = query
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "=&._-".contains(*c))
        .collect();
    format!(
        "/courses/{}/sets/{}/review{}{query}",
        course.code,
        set.slug,
        if query.is_empty() { "" } else { "?" }
    )
}

fn set_status(c: &rusqlite::Connection, ids: &[i64], status: &str, now: i64) -> Result<()> {
    for id in ids {
        c.execute(
            "UPDATE questions SET status = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![id, status, now],
        )?;
    }
    Ok(())
}

/// Accepts the checked drafts, or every draft at or above a confidence.
pub async fn save_bulk(
    user: InstructorUser,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse> {
    let (code, slug) = path.into_inner();
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let (course, set, drafts) = {
        let conn = state.reads.get()?;
        let course = load_course_to_teach(&conn, &code, &user.0)?;
        let set = questions::set_by_slug(&conn, course.id, &slug)?.ok_or(AppError::NotFound)?;
        let drafts = questions::questions_of_set(&conn, set.id, &["draft"])?;
        (course, set, drafts)
    };
    let chosen: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let threshold = fields
        .iter()
        .find(|(k, _)| k == "min_confidence")
        .and_then(|(_, v)| v.trim().parse::<f64>().ok());
    // Only this set's drafts can be accepted, whatever ids the form carries.
    let ids: Vec<i64> = drafts
        .iter()
        .filter(|d| match threshold {
            Some(t) => d.confidence.unwrap_or(0.0) >= t,
            None => chosen.contains(&d.id),
        })
        .map(|d| d.id)
        .collect();
    let n = ids.len();
    let now = state.clock.now();
    state
        .writer
        .run(move |c| set_status(c, &ids, "active", now))
        .await?;
    let msg = format!("Accepted {n} question{}.", if n == 1 { "" } else { "s" });
    Ok(redirect(&review_url(&course, &set, ""), Some(&msg), &state))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_exactly_and_end_at_line_breaks() {
        let text = "Alpha beta.\n\nGamma delta é.\nEpsilon.\n".repeat(500);
        let parts = chunks(&text, 1000);
        assert!(parts.len() > 10);
        let joined: String = parts.iter().map(|(_, p)| *p).collect();
        assert_eq!(joined, text);
        for (offset, piece) in &parts {
            assert_eq!(&text[*offset..*offset + piece.len()], *piece);
            assert!(piece.len() <= 1000);
        }
        assert!(
            parts[..parts.len() - 1]
                .iter()
                .all(|(_, p)| p.ends_with('\n'))
        );
        assert_eq!(chunks("", 10).len(), 0);
        assert_eq!(
            chunks("no line breaks at all, just words", 10).concat_len(),
            33
        );
    }

    trait ConcatLen {
        fn concat_len(&self) -> usize;
    }
    impl ConcatLen for Vec<(usize, &str)> {
        fn concat_len(&self) -> usize {
            self.iter().map(|(_, p)| p.len()).sum()
        }
    }

    #[test]
    fn chunked_generation_keeps_positions_in_the_whole_document() {
        let seed = include_str!(
            "../../questions/japan-russia/bluebook-2012-russia-central-asia-caucasus.txt"
        );
        let text = format!("{seed}\n\n{}", seed.replace("156", "157"));
        let opts = GenerateOptions {
            max_questions: None,
            today: Some((2026, 1, 1)),
            ..Default::default()
        };
        let mut reported = vec![];
        let out = generate_chunked("Bluebook", &text, &opts, &mut |n| reported.push(n));
        assert!(!out.is_empty() && out.len() <= 25);
        assert_eq!(reported.last(), Some(&text.len()));
        for g in &out {
            assert_eq!(
                &text[g.position..g.position + g.source.len()],
                g.source,
                "{}",
                g.question
            );
        }
    }
}
