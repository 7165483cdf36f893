//! Practice: answer any question of a published set and see the verdict with its source.
//! (Spaced-repetition study, which schedules what comes back when, is in `study`.)

use actix_web::{HttpResponse, web};
use askama::Template;
use rusqlite::Connection;
use serde::Deserialize;

use super::courses::load_course_to_study;
use super::error::{AppError, Result};
use super::question_view::{self, QuestionView};
use super::session::{Ctx, CurrentUser};
use super::{Chrome, Errors, page, redirect};
use crate::db::courses::{Access, Course};
use crate::db::questions::{self, Question, QuestionSet};
use crate::db::users::User;
use crate::quiz::check::{self, Verdict};
use crate::quiz::model::Response;
use crate::startup::AppState;

/// The set a question belongs to, if the user may see the question in this course: the set is
/// the course's, and (for students) published with the question active.
pub fn visible_set(
    conn: &Connection,
    q: &Question,
    course: &Course,
    access: Access,
) -> Result<QuestionSet> {
    let set = questions::set_by_id(conn, q.set_id)?.ok_or(AppError::NotFound)?;
    let teach = access == Access::Teach;
    if set.course_id != course.id || (!teach && (!set.published || q.status != "active")) {
        return Err(AppError::NotFound);
    }
    Ok(set)
}

fn visible_set_by_slug(
    conn: &Connection,
    course: &Course,
    access: Access,
    slug: &str,
) -> Result<QuestionSet> {
    let set = questions::set_by_slug(conn, course.id, slug)?.ok_or(AppError::NotFound)?;
    if !set.published && access != Access::Teach {
        return Err(AppError::NotFound);
    }
    Ok(set)
}

#[derive(Template)]
#[template(path = "practice.html")]
struct PracticePage {
    chrome: Chrome,
    course: Course,
    set: QuestionSet,
    question: Option<QuestionView>,
    number: usize,
    total: usize,
    errors: Errors,
}

#[derive(Deserialize)]
pub struct PracticeQuery {
    q: Option<String>,
}

pub async fn show_practice(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    query: web::Query<PracticeQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, slug) = path.into_inner();
    let conn = state.reads.get()?;
    let (course, access) = load_course_to_study(&conn, &code, &user.0)?;
    let set = visible_set_by_slug(&conn, &course, access, &slug)?;
    let all = questions::questions_of_set(&conn, set.id, &["active"])?;
    let index = match &query.q {
        Some(q) => all
            .iter()
            .position(|x| &x.slug == q)
            .ok_or(AppError::NotFound)?,
        None => 0,
    };
    let question = all
        .get(index)
        .map(|q| QuestionView::new(q, user.0.id as u64, answer_action(&course, q)));
    page(&PracticePage {
        chrome: Chrome::new(&ctx),
        course,
        set,
        question,
        number: index + 1,
        total: all.len(),
        errors: Errors::default(),
    })
}

/// Grades an answer and records the attempt, then shows the verdict (Post/Redirect/Get). A blank
/// or unreadable answer comes back to the same question with the problem, recording nothing.
pub async fn save_answer(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: web::Bytes,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, question_id) = path.into_inner();
    let (course, set, q, all) = {
        let conn = state.reads.get()?;
        let (course, access) = load_course_to_study(&conn, &code, &user.0)?;
        let q = questions::get_question(&conn, question_id)?.ok_or(AppError::NotFound)?;
        let set = visible_set(&conn, &q, &course, access)?;
        let all = questions::questions_of_set(&conn, set.id, &["active"])?;
        (course, set, q, all)
    };
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let response = match question_view::read_answer(&q.body, &fields) {
        Ok(r) => r,
        Err(problem) => {
            let mut view = QuestionView::new(&q, user.0.id as u64, answer_action(&course, &q));
            view.typed = fields
                .iter()
                .filter(|(k, _)| k == "answer")
                .map(|(_, v)| v.clone())
                .collect();
            let number = all.iter().position(|x| x.id == q.id).unwrap_or(0) + 1;
            return page(&PracticePage {
                chrome: Chrome::new(&ctx),
                course,
                set,
                question: Some(view),
                number,
                total: all.len(),
                errors: Errors::one("answer", problem),
            });
        }
    };
    let attempt_id = record_attempt(&state, &user.0, &q, &response).await?;
    Ok(redirect(
        &format!("/courses/{}/attempts/{attempt_id}", course.code),
        None,
        &state,
    ))
}

fn answer_action(course: &Course, q: &Question) -> String {
    format!("/courses/{}/questions/{}/answer", course.code, q.id)
}

async fn record_attempt(
    state: &AppState,
    user: &User,
    q: &Question,
    response: &Response,
) -> Result<i64> {
    let verdict = check::check_answer(&q.body, response);
    let json = serde_json::to_string(response).map_err(|e| AppError::Internal(e.into()))?;
    let (user_id, qid, now) = (user.id, q.id, state.clock.now());
    state
        .writer
        .run(move |c| {
            questions::add_attempt(c, user_id, qid, &json, verdict.correct, verdict.score, now)
                .map_err(AppError::from)
        })
        .await
}

/// Everything the verdict block shows; shared with study.
pub struct VerdictView {
    pub verdict: Verdict,
    pub given: String,
    pub items: Vec<(String, &'static str)>,
    pub explanation: String,
    pub document_title: Option<String>,
    /// Where the source sentence stands in its document (the document page, marked).
    pub document_link: Option<String>,
    pub source: (String, String, String),
}

impl VerdictView {
    pub fn new(q: &Question, response: &Response, course: &Course) -> VerdictView {
        let verdict = check::check_answer(&q.body, response);
        VerdictView {
            given: question_view::response_text(&q.body, response),
            items: question_view::item_marks(&verdict),
            explanation: q.explanation.clone(),
            document_title: q.document_title.clone(),
            document_link: q.document_id.map(|d| {
                format!(
                    "/courses/{}/documents/{d}?q={}#source-sentence",
                    course.code, q.id
                )
            }),
            source: question_view::mark_answer(
                &q.source_sentence,
                &question_view::answer_texts(&q.body),
            ),
            verdict,
        }
    }
}

#[derive(Template)]
#[template(path = "verdict.html")]
struct VerdictPage {
    chrome: Chrome,
    course: Course,
    set: QuestionSet,
    prompt: String,
    v: VerdictView,
    question_slug: String,
    next_slug: Option<String>,
}

pub async fn show_attempt(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, attempt_id) = path.into_inner();
    let conn = state.reads.get()?;
    let (course, access) = load_course_to_study(&conn, &code, &user.0)?;
    let (question_id, response) =
        questions::attempt_of_user(&conn, attempt_id, user.0.id)?.ok_or(AppError::NotFound)?;
    let q = questions::get_question(&conn, question_id)?.ok_or(AppError::NotFound)?;
    let set = visible_set(&conn, &q, &course, access)?;
    let response: Response =
        serde_json::from_str(&response).map_err(|e| AppError::Internal(e.into()))?;
    let all = questions::questions_of_set(&conn, set.id, &["active"])?;
    let next_slug = all
        .iter()
        .skip_while(|x| x.id != q.id)
        .nth(1)
        .map(|x| x.slug.clone());
    let prompt = if q.prompt.is_empty() {
        "Fill in the gaps".to_string()
    } else {
        q.prompt.clone()
    };
    let v = VerdictView::new(&q, &response, &course);
    page(&VerdictPage {
        chrome: Chrome::new(&ctx),
        course,
        set,
        prompt,
        v,
        question_slug: q.slug,
        next_slug,
    })
}
