//! The instructor's question-set editor: a set's page, the question form (with the same
//! validation as files), publish, delete, reorder, and TOML import and export.

use actix_multipart::form::{MultipartForm, bytes::Bytes as UploadBytes, text::Text};
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::courses::load_course_to_teach;
use super::error::{AppError, Result};
use super::question_view::{QuestionView, format_number};
use super::session::{Ctx, InstructorUser};
use super::{Chrome, Errors, page, redirect};
use crate::db::courses::Course;
use crate::db::questions::{self, Question, QuestionFields, QuestionSet};
use crate::quiz::check;
use crate::quiz::model::{Body, KINDS};
use crate::quiz::setfile;
use crate::quiz::validate::{check_question, slugify, valid_slug};
use crate::startup::AppState;

fn set_of_course(conn: &rusqlite::Connection, course: &Course, slug: &str) -> Result<QuestionSet> {
    questions::set_by_slug(conn, course.id, slug)?.ok_or(AppError::NotFound)
}

/// A question that belongs to a set of this course.
fn question_of_course(
    conn: &rusqlite::Connection,
    course: &Course,
    id: i64,
) -> Result<(Question, QuestionSet)> {
    let q = questions::get_question(conn, id)?.ok_or(AppError::NotFound)?;
    let set = questions::set_by_id(conn, q.set_id)?.ok_or(AppError::NotFound)?;
    if set.course_id != course.id {
        return Err(AppError::NotFound);
    }
    Ok((q, set))
}

/// The course (which the user must teach) and one of its sets, from the URL.
pub fn teach_set(
    state: &AppState,
    code: &str,
    slug: &str,
    user: &crate::db::users::User,
) -> Result<(Course, QuestionSet)> {
    let conn = state.reads.get()?;
    let course = load_course_to_teach(&conn, code, user)?;
    let set = set_of_course(&conn, &course, slug)?;
    Ok((course, set))
}

/// The course (which the user must teach), one of its questions, and the question's set.
pub fn teach_question(
    state: &AppState,
    code: &str,
    id: i64,
    user: &crate::db::users::User,
) -> Result<(Course, Question, QuestionSet)> {
    let conn = state.reads.get()?;
    let course = load_course_to_teach(&conn, code, user)?;
    let (q, set) = question_of_course(&conn, &course, id)?;
    Ok((course, q, set))
}

/// The text of an upload form: the file if one was chosen, else the pasted text; with a name.
pub fn uploaded_text(
    file: Option<UploadBytes>,
    pasted: Option<Text<String>>,
) -> std::result::Result<Option<(Option<String>, String)>, &'static str> {
    match (
        file.filter(|f| !f.data.is_empty()),
        pasted.map(|t| t.0).filter(|t| !t.trim().is_empty()),
    ) {
        (Some(f), _) => String::from_utf8(f.data.to_vec())
            .map(|t| Some((f.file_name.clone(), t)))
            .map_err(
                |_| "The file is not plain text (UTF-8). Upload a text file, or paste the text.",
            ),
        (None, Some(t)) => Ok(Some((None, t))),
        (None, None) => Ok(None),
    }
}

/// One question as the set page lists it.
pub struct QuestionRow {
    pub q: Question,
    pub kind_label: &'static str,
    pub answer: String,
}

pub fn kind_label(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, l)| *l)
        .unwrap_or("Question")
}

/// The expected answer as text, for lists and previews.
pub fn answer_summary(body: &Body) -> String {
    match body {
        Body::SingleChoice { answer, .. } => answer.clone(),
        Body::MultipleSelect { answers, .. } | Body::List { answers, .. } => answers.join(", "),
        Body::Numeric {
            answer,
            unit,
            tolerance,
            relative_tolerance,
        } => {
            let mut s = format_number(*answer);
            if let Some(u) = unit {
                s = format!("{s} {u}");
            }
            if *tolerance > 0.0 {
                s = format!("{s} (± {})", format_number(*tolerance));
            } else if *relative_tolerance > 0.0 {
                s = format!("{s} (± {}%)", format_number(relative_tolerance * 100.0));
            }
            s
        }
        Body::ShortText { answer, accept } if accept.is_empty() => answer.clone(),
        Body::ShortText { answer, accept } => format!("{answer} (also: {})", accept.join("; ")),
        Body::Cloze { text } => check::cloze_gaps(text)
            .iter()
            .map(|g| g.join(" / "))
            .collect::<Vec<_>>()
            .join(", "),
        Body::TrueFalse { answer } => {
            if *answer {
                "True".into()
            } else {
                "False".into()
            }
        }
        Body::Ordering { items } => items.join(" → "),
    }
}

#[derive(Template)]
#[template(path = "set.html")]
struct SetPage {
    chrome: Chrome,
    course: Course,
    set: QuestionSet,
    rows: Vec<QuestionRow>,
    retired: usize,
}

pub async fn show_set(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, slug) = path.into_inner();
    let conn = state.reads.get()?;
    let course = load_course_to_teach(&conn, &code, &user.0)?;
    let set = set_of_course(&conn, &course, &slug)?;
    let rows = questions::questions_of_set(&conn, set.id, &["active"])?
        .into_iter()
        .map(|q| QuestionRow {
            kind_label: kind_label(q.body.kind_name()),
            answer: answer_summary(&q.body),
            q,
        })
        .collect();
    let retired = questions::questions_of_set(&conn, set.id, &["retired"])?.len();
    page(&SetPage {
        chrome: Chrome::new(&ctx),
        course,
        set,
        rows,
        retired,
    })
}

#[derive(Deserialize)]
pub struct PublishForm {
    published: bool,
}

pub async fn save_publish(
    user: InstructorUser,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    form: web::Form<PublishForm>,
) -> Result<HttpResponse> {
    let (code, slug) = path.into_inner();
    let (course, set) = teach_set(&state, &code, &slug, &user.0)?;
    let (id, published, now) = (set.id, form.published, state.clock.now());
    state
        .writer
        .run(move |c| questions::set_published(c, id, published, now).map_err(AppError::from))
        .await?;
    let msg = if published {
        "Published: students can now see this set."
    } else {
        "Unpublished: students no longer see this set."
    };
    Ok(redirect(
        &format!("/courses/{}/sets/{}", course.code, set.slug),
        Some(msg),
        &state,
    ))
}

/// The question form's fields; lists are one entry per line.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct QuestionForm {
    pub kind: String,
    pub id: String,
    pub prompt: String,
    pub choices: String,
    pub answer: String,
    pub answers: String,
    pub aliases: String,
    pub unit: String,
    pub tolerance: String,
    pub relative_tolerance: String,
    pub accept: String,
    pub text: String,
    pub truth: String,
    pub items: String,
    pub explanation: String,
    pub tags: String,
    pub source_sentence: String,
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn join_lines(xs: &[String]) -> String {
    xs.join("\n")
}

impl QuestionForm {
    /// The form filled from a stored question.
    pub fn from_question(q: &Question) -> QuestionForm {
        let mut f = QuestionForm {
            kind: q.body.kind_name().into(),
            id: q.slug.clone(),
            prompt: q.prompt.clone(),
            explanation: q.explanation.clone(),
            tags: q.tags.join(", "),
            source_sentence: q.source_sentence.clone(),
            ..QuestionForm::default()
        };
        match &q.body {
            Body::SingleChoice { choices, answer } => {
                (f.choices, f.answer) = (join_lines(choices), answer.clone())
            }
            Body::MultipleSelect {
                choices,
                answers,
                aliases,
            } => {
                (f.choices, f.answers, f.aliases) = (
                    join_lines(choices),
                    join_lines(answers),
                    join_lines(aliases),
                )
            }
            Body::List { answers, aliases } => {
                (f.answers, f.aliases) = (join_lines(answers), join_lines(aliases))
            }
            Body::Numeric {
                answer,
                unit,
                tolerance,
                relative_tolerance,
            } => {
                f.answer = format_number(*answer);
                f.unit = unit.clone().unwrap_or_default();
                f.tolerance = if *tolerance > 0.0 {
                    format_number(*tolerance)
                } else {
                    String::new()
                };
                f.relative_tolerance = if *relative_tolerance > 0.0 {
                    format_number(relative_tolerance * 100.0)
                } else {
                    String::new()
                };
            }
            Body::ShortText { answer, accept } => {
                (f.answer, f.accept) = (answer.clone(), join_lines(accept))
            }
            Body::Cloze { text } => f.text = text.clone(),
            Body::TrueFalse { answer } => f.truth = answer.to_string(),
            Body::Ordering { items } => f.items = join_lines(items),
        }
        f
    }

    /// The question body, or the problems with the form (by field).
    pub fn to_body(&self, errors: &mut Errors) -> Option<Body> {
        let number = |s: &str, field: &'static str, errors: &mut Errors| -> f64 {
            if s.trim().is_empty() {
                return 0.0;
            }
            check::parse_number(s).unwrap_or_else(|| {
                errors.add(field, "Enter a number, like 3.5");
                0.0
            })
        };
        let body = match self.kind.as_str() {
            "single_choice" => Body::SingleChoice {
                choices: lines(&self.choices),
                answer: self.answer.trim().into(),
            },
            "multiple_select" => Body::MultipleSelect {
                choices: lines(&self.choices),
                answers: lines(&self.answers),
                aliases: lines(&self.aliases),
            },
            "list" => Body::List {
                answers: lines(&self.answers),
                aliases: lines(&self.aliases),
            },
            "numeric" => {
                if self.answer.trim().is_empty() {
                    errors.add("answer", "Enter the answer");
                }
                Body::Numeric {
                    answer: number(&self.answer, "answer", errors),
                    unit: Some(self.unit.trim().to_string()).filter(|u| !u.is_empty()),
                    tolerance: number(&self.tolerance, "tolerance", errors),
                    relative_tolerance: number(
                        &self.relative_tolerance,
                        "relative_tolerance",
                        errors,
                    ) / 100.0,
                }
            }
            "short_text" => Body::ShortText {
                answer: self.answer.trim().into(),
                accept: lines(&self.accept),
            },
            "cloze" => Body::Cloze {
                text: self.text.trim().into(),
            },
            "true_false" => match self.truth.as_str() {
                "true" | "false" => Body::TrueFalse {
                    answer: self.truth == "true",
                },
                _ => {
                    errors.add("truth", "Choose whether the statement is true or false");
                    return None;
                }
            },
            "ordering" => Body::Ordering {
                items: lines(&self.items),
            },
            _ => {
                errors.add("kind", "Choose a kind of question");
                return None;
            }
        };
        for p in check_question(&self.prompt, &body) {
            errors.add(p.field, capitalise(&p.message));
        }
        Some(body)
    }

    pub fn tag_list(&self) -> Vec<String> {
        self.tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "question_form.html")]
struct QuestionFormPage {
    chrome: Chrome,
    course: Course,
    set: QuestionSet,
    /// None when adding.
    question_id: Option<i64>,
    form: QuestionForm,
    kind_label: &'static str,
    kinds: &'static [(&'static str, &'static str)],
    preview: Option<QuestionView>,
    errors: Errors,
}

#[derive(Deserialize)]
pub struct KindQuery {
    kind: Option<String>,
}

pub async fn show_new_question(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<(String, String)>,
    q: web::Query<KindQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, slug) = path.into_inner();
    let conn = state.reads.get()?;
    let course = load_course_to_teach(&conn, &code, &user.0)?;
    let set = set_of_course(&conn, &course, &slug)?;
    let kind = q
        .kind
        .clone()
        .filter(|k| KINDS.iter().any(|(x, _)| x == k))
        .unwrap_or_default();
    let form = QuestionForm {
        kind,
        ..QuestionForm::default()
    };
    page(&QuestionFormPage {
        chrome: Chrome::new(&ctx),
        course,
        set,
        question_id: None,
        kind_label: kind_label(&form.kind),
        form,
        kinds: &KINDS,
        preview: None,
        errors: Errors::default(),
    })
}

pub async fn show_edit_question(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<(String, i64)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, id) = path.into_inner();
    let conn = state.reads.get()?;
    let course = load_course_to_teach(&conn, &code, &user.0)?;
    let (q, set) = question_of_course(&conn, &course, id)?;
    let form = QuestionForm::from_question(&q);
    let preview = Some(QuestionView::new(&q, 0, String::new()));
    page(&QuestionFormPage {
        chrome: Chrome::new(&ctx),
        course,
        set,
        question_id: Some(id),
        kind_label: kind_label(&form.kind),
        form,
        kinds: &KINDS,
        preview,
        errors: Errors::default(),
    })
}

pub async fn save_new_question(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse> {
    let (code, slug) = path.into_inner();
    let (course, set) = teach_set(&state, &code, &slug, &user.0)?;
    save_question(ctx, &state, course, set, None, form.into_inner()).await
}

pub async fn save_edit_question(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<(String, i64)>,
    state: web::Data<AppState>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse> {
    let (code, id) = path.into_inner();
    let (course, existing, set) = teach_question(&state, &code, id, &user.0)?;
    let mut form = form.into_inner();
    // The kind of a saved question stays: students' history belongs to it.
    form.kind = existing.body.kind_name().to_string();
    save_question(ctx, &state, course, set, Some(existing), form).await
}

/// The question form again with its problems (nothing was saved).
fn form_again(
    ctx: &Ctx,
    course: Course,
    set: QuestionSet,
    question_id: Option<i64>,
    form: QuestionForm,
    errors: Errors,
) -> Result<HttpResponse> {
    page(&QuestionFormPage {
        chrome: Chrome::new(ctx),
        course,
        set,
        question_id,
        kind_label: kind_label(&form.kind),
        form,
        kinds: &KINDS,
        preview: None,
        errors,
    })
}

/// Validates and stores a question; on problems re-renders the form with them (nothing saved).
async fn save_question(
    ctx: Ctx,
    state: &AppState,
    course: Course,
    set: QuestionSet,
    existing: Option<Question>,
    form: QuestionForm,
) -> Result<HttpResponse> {
    let mut errors = Errors::default();
    let body = form.to_body(&mut errors);
    let slug = if form.id.trim().is_empty() {
        slugify(&form.prompt)
    } else {
        form.id.trim().to_string()
    };
    if !valid_slug(&slug) {
        errors.add(
            "id",
            "The id may contain only lowercase letters, digits and dashes",
        );
    }
    let (Some(body), true) = (body, errors.is_empty()) else {
        return form_again(&ctx, course, set, existing.map(|q| q.id), form, errors);
    };
    let (set_id, now, tags) = (set.id, state.clock.now(), form.tag_list());
    let existing_id = existing.as_ref().map(|q| q.id);
    let document_id = existing.as_ref().and_then(|q| q.document_id);
    let source_position = existing.as_ref().and_then(|q| q.source_position);
    let f = form.clone();
    let saved = state
        .writer
        .run(move |c| -> Result<Option<i64>> {
            let clash: Option<i64> = c
                .query_row(
                    "SELECT id FROM questions WHERE set_id = ?1 AND slug = ?2",
                    rusqlite::params![set_id, slug],
                    |r| r.get(0),
                )
                .ok();
            if clash.is_some() && clash != existing_id {
                return Ok(None);
            }
            let fields = QuestionFields {
                slug: &slug,
                prompt: f.prompt.trim(),
                body: &body,
                explanation: f.explanation.trim(),
                tags: &tags,
                document_id,
                source_sentence: f.source_sentence.trim(),
                source_position,
                status: "active",
                confidence: None,
                origin: "editor",
            };
            Ok(Some(match existing_id {
                Some(id) => {
                    questions::update_question(c, id, &fields, now)?;
                    id
                }
                None => questions::add_question(c, set_id, &fields, now)?,
            }))
        })
        .await?;
    if saved.is_none() {
        let errors = Errors::one("id", "Another question in this set has that id");
        return form_again(&ctx, course, set, existing.map(|q| q.id), form, errors);
    }
    Ok(redirect(
        &format!("/courses/{}/sets/{}", course.code, set.slug),
        Some("Question saved."),
        state,
    ))
}

pub async fn save_delete_question(
    user: InstructorUser,
    path: web::Path<(String, i64)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, id) = path.into_inner();
    let (course, _, set) = teach_question(&state, &code, id, &user.0)?;
    state
        .writer
        .run(move |c| questions::delete_question(c, id).map_err(AppError::from))
        .await?;
    Ok(redirect(
        &format!("/courses/{}/sets/{}", course.code, set.slug),
        Some("Question deleted."),
        &state,
    ))
}

#[derive(Deserialize)]
pub struct MoveForm {
    direction: String,
}

pub async fn save_move_question(
    user: InstructorUser,
    path: web::Path<(String, i64)>,
    state: web::Data<AppState>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse> {
    let (code, id) = path.into_inner();
    let (course, _, set) = teach_question(&state, &code, id, &user.0)?;
    let up = form.direction == "up";
    state
        .writer
        .run(move |c| questions::move_question(c, id, up).map_err(AppError::from))
        .await?;
    Ok(redirect(
        &format!("/courses/{}/sets/{}#q-{id}", course.code, set.slug),
        None,
        &state,
    ))
}

pub async fn export_set(
    user: InstructorUser,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, slug) = path.into_inner();
    let conn = state.reads.get()?;
    let course = load_course_to_teach(&conn, &code, &user.0)?;
    let set = set_of_course(&conn, &course, &slug)?;
    let text = setfile::write(&questions::export_set(&conn, &set)?);
    Ok(HttpResponse::Ok()
        .content_type("application/toml; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.toml\"", set.slug),
        ))
        .body(text))
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    chrome: Chrome,
    course: Course,
    problems: Vec<String>,
    text: String,
}

pub async fn show_import(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let course = load_course_to_teach(&*state.reads.get()?, &path, &user.0)?;
    page(&ImportPage {
        chrome: Chrome::new(&ctx),
        course,
        problems: vec![],
        text: String::new(),
    })
}

/// The import form: a TOML file, or the same text pasted.
#[derive(MultipartForm)]
pub struct ImportForm {
    file: Option<UploadBytes>,
    text: Option<Text<String>>,
    publish: Option<Text<String>>,
}

/// The import page again, listing what is wrong (nothing was imported).
fn import_problem(
    ctx: Ctx,
    course: Course,
    problems: String,
    text: String,
) -> Result<HttpResponse> {
    let problems = problems.lines().map(str::to_string).collect();
    page(&ImportPage {
        chrome: Chrome::new(&ctx),
        course,
        problems,
        text,
    })
}

pub async fn save_import(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    form: MultipartForm<ImportForm>,
) -> Result<HttpResponse> {
    let course = load_course_to_teach(&*state.reads.get()?, &path, &user.0)?;
    let form = form.into_inner();
    let (name, text) = match uploaded_text(form.file, form.text) {
        Ok(Some((name, text))) => (name.unwrap_or_else(|| "pasted text".into()), text),
        Ok(None) => {
            return import_problem(
                ctx,
                course,
                "Choose a file or paste a question set".into(),
                String::new(),
            );
        }
        Err(problem) => return import_problem(ctx, course, problem.into(), String::new()),
    };
    let no_files = |f: &str| {
        Err(format!(
            "refers to file {f:?}; in an upload, put the document's text in the file (text = \"\"\"…\"\"\") or import from the command line"
        ))
    };
    let set = match setfile::parse(&name, &text, &no_files) {
        Ok(s) => s,
        Err(e) => {
            let problems = e.to_string().lines().map(str::to_string).collect();
            return page(&ImportPage {
                chrome: Chrome::new(&ctx),
                course,
                problems,
                text,
            });
        }
    };
    let publish = form.publish.is_some_and(|p| p.0 == "true");
    let (course_id, now) = (course.id, state.clock.now());
    let summary = state
        .writer
        .run(move |c| {
            questions::import_set(c, course_id, &set, &name, publish, now).map_err(AppError::from)
        })
        .await?;
    let slug: String = {
        let conn = state.reads.get()?;
        conn.query_row(
            "SELECT slug FROM question_sets WHERE id = ?1",
            [summary.set_id],
            |r| r.get(0),
        )?
    };
    let msg = format!(
        "Imported: {} added, {} updated, {} retired.",
        summary.added, summary.updated, summary.retired
    );
    Ok(redirect(
        &format!("/courses/{}/sets/{slug}", course.code),
        Some(&msg),
        &state,
    ))
}
