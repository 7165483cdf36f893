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
    };
    let (t2, doc) = (title.clone(), text.clone());
    let generated = web::block(move || generate::generate(&t2, &doc, &opts)).await?;
    let (course_id, now) = (course.id, state.clock.now());
    let slug = state
        .writer
        .run(move |c| store_drafts(c, course_id, &title, &text, &generated, now))
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

/// Stores the document and its drafts in a new set; returns the set's slug.
fn store_drafts(
    c: &rusqlite::Connection,
    course_id: i64,
    title: &str,
    text: &str,
    generated: &[Generated],
    now: i64,
) -> Result<String> {
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
    let document_id = c.last_insert_rowid();
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
    Ok(slug)
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
    page(&ReviewPage {
        chrome: Chrome::new(&ctx),
        course,
        set,
        drafts,
        status,
        min,
        counts,
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
