//! Courses: the start page, a course's page, joining, creating and settings.

use actix_web::{HttpResponse, web};
use askama::Template;
use rusqlite::Connection;
use serde::Deserialize;

use super::error::{AppError, Result};
use super::session::{Ctx, CurrentUser, InstructorUser};
use super::{Chrome, Errors, page, redirect};
use crate::db::courses::{self, Access, Course};
use crate::db::questions::{self, QuestionSet};
use crate::db::users::{Role, User};
use crate::quiz::validate::{slugify, valid_slug};
use crate::startup::AppState;

/// The course named in the URL and what the user may do in it. Courses the user has no relation
/// to answer 404, so their existence is not revealed.
pub fn load_course(conn: &Connection, code: &str, user: &User) -> Result<(Course, Access)> {
    match courses::course_with_access(conn, code, user)? {
        None | Some((_, Access::None)) => Err(AppError::NotFound),
        Some(found) => Ok(found),
    }
}

/// Like [`load_course`], but only for those who may edit it.
pub fn load_course_to_teach(conn: &Connection, code: &str, user: &User) -> Result<Course> {
    match load_course(conn, code, user)? {
        (course, Access::Teach) => Ok(course),
        _ => Err(AppError::Forbidden),
    }
}

/// Like [`load_course`], but only for members (students or teachers).
pub fn load_course_to_study(
    conn: &Connection,
    code: &str,
    user: &User,
) -> Result<(Course, Access)> {
    match load_course(conn, code, user)? {
        (_, Access::MayJoin) => Err(AppError::Forbidden),
        ok => Ok(ok),
    }
}

/// A course on the home page: whether the user teaches it, and (for courses they study) the
/// due and new counts.
pub struct CourseCard {
    pub course: Course,
    pub teach: bool,
    pub counts: Option<(usize, usize)>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    courses: Vec<CourseCard>,
    joinable: Vec<Course>,
    errors: Errors,
    can_create: bool,
}

pub async fn show_home(
    ctx: Ctx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    home_page(ctx, &user.0, &state, Errors::default())
}

fn home_page(ctx: Ctx, user: &User, state: &AppState, errors: Errors) -> Result<HttpResponse> {
    let conn = state.reads.get()?;
    let now = state.clock.now();
    let mut list = Vec::new();
    for (course, teach) in courses::courses_of(&conn, user)? {
        let counts = if teach || course.archived {
            None
        } else {
            let (sched, new_limit) = super::study::scheduler_for(&conn, user, &course)?;
            let q =
                super::queue::queue(&conn, &state.queues, &sched, new_limit, user, &course, now)?;
            Some((q.due, q.new_left))
        };
        list.push(CourseCard {
            course,
            teach,
            counts,
        });
    }
    page(&HomePage {
        chrome: Chrome::new(&ctx),
        courses: list,
        joinable: courses::joinable_courses(&conn, user.id)?,
        errors,
        can_create: user.role >= Role::Instructor,
    })
}

#[derive(Deserialize)]
pub struct JoinForm {
    join_code: String,
}

/// Joins the course whose join code the student typed.
pub async fn save_join_code(
    req: actix_web::HttpRequest,
    ctx: Ctx,
    user: CurrentUser,
    state: web::Data<AppState>,
    form: web::Form<JoinForm>,
) -> Result<HttpResponse> {
    let code = form.join_code.trim().to_uppercase();
    let (key, ip, now) = (
        format!("join:{}", user.0.id),
        super::client_ip(&req),
        state.clock.now(),
    );
    if let crate::auth::ratelimit::Decision::Deny { retry_after_secs } =
        state.action_limiter.begin_attempt(&key, ip, now)
    {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    let course = courses::course_by_join_code(&*state.reads.get()?, &code)?;
    let Some(course) = course else {
        let errors = Errors::one(
            "join_code",
            "No course has that code. Check it with your instructor.",
        );
        return home_page(ctx, &user.0, &state, errors);
    };
    state.action_limiter.record_success(&key, ip, now);
    join(&state, &course, &user.0).await
}

/// Joins a course that is open to every student.
pub async fn save_join(
    user: CurrentUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (course, access) = load_course(&*state.reads.get()?, &path, &user.0)?;
    if access != Access::MayJoin {
        return Ok(redirect(&format!("/courses/{}", course.code), None, &state));
    }
    join(&state, &course, &user.0).await
}

async fn join(state: &AppState, course: &Course, user: &User) -> Result<HttpResponse> {
    let (course_id, user_id, now) = (course.id, user.id, state.clock.now());
    state
        .writer
        .run(move |c| {
            courses::add_member(c, course_id, user_id, "student", now).map_err(AppError::from)
        })
        .await?;
    let msg = format!("You have joined {}.", course.title);
    Ok(redirect(
        &format!("/courses/{}", course.code),
        Some(&msg),
        state,
    ))
}

#[derive(Template)]
#[template(path = "course.html")]
struct CoursePage {
    chrome: Chrome,
    course: Course,
    teach: bool,
    may_join: bool,
    sets: Vec<QuestionSet>,
    due: usize,
    new_left: usize,
    /// The student's own limits (empty = the course's).
    own_new_per_day: String,
    own_retention: String,
    /// For instructors: questions students keep forgetting.
    leeches: Vec<crate::db::study::Leech>,
}

pub async fn show_course(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let conn = state.reads.get()?;
    let (course, access) = load_course(&conn, &path, &user.0)?;
    let teach = access == Access::Teach;
    let sets = questions::sets_of_course(&conn, course.id, teach)?;
    let prefs = crate::db::study::learner_prefs(&conn, user.0.id, course.id)?;
    let (own_new, own_ret) = (prefs.1, prefs.2);
    let (due, new_left) = if access == Access::MayJoin {
        (0, 0)
    } else {
        let (sched, new_limit) = super::study::scheduler_with(&user.0, &course, prefs)?;
        let q = super::queue::queue(
            &conn,
            &state.queues,
            &sched,
            new_limit,
            &user.0,
            &course,
            state.clock.now(),
        )?;
        (q.due, q.new_left)
    };
    let leeches = if teach {
        crate::db::study::course_leeches(&conn, course.id)?
    } else {
        Vec::new()
    };
    page(&CoursePage {
        chrome: Chrome::new(&ctx),
        course,
        teach,
        may_join: access == Access::MayJoin,
        sets,
        due,
        new_left,
        own_new_per_day: own_new.map(|n| n.to_string()).unwrap_or_default(),
        own_retention: own_ret
            .map(|r| format!("{:.0}", r * 100.0))
            .unwrap_or_default(),
        leeches,
    })
}

#[derive(Template)]
#[template(path = "course_form.html")]
struct CourseFormPage {
    chrome: Chrome,
    /// None when creating.
    code: Option<String>,
    title: String,
    description: String,
    new_per_day: String,
    desired_retention: String,
    archived: bool,
    errors: Errors,
}

pub async fn show_new_course(ctx: Ctx, _user: InstructorUser) -> Result<HttpResponse> {
    page(&CourseFormPage {
        chrome: Chrome::new(&ctx),
        code: None,
        title: String::new(),
        description: String::new(),
        new_per_day: "20".into(),
        desired_retention: "90".into(),
        archived: false,
        errors: Errors::default(),
    })
}

#[derive(Deserialize)]
pub struct CourseForm {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    new_per_day: String,
    #[serde(default)]
    desired_retention: String,
}

/// Checks the settings; the retention is entered in percent (70–99).
fn check_course_form(form: &CourseForm, errors: &mut Errors) -> (i64, f64) {
    if form.title.trim().is_empty() {
        errors.add("title", "Enter a title for the course");
    }
    let new_per_day = form
        .new_per_day
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=1000).contains(n));
    if new_per_day.is_none() {
        errors.add(
            "new_per_day",
            "New questions per day must be a whole number from 0 to 1000",
        );
    }
    let retention = form
        .desired_retention
        .trim()
        .trim_end_matches('%')
        .parse::<f64>()
        .ok()
        .filter(|r| (70.0..=99.0).contains(r));
    if retention.is_none() {
        errors.add(
            "desired_retention",
            "Desired retention must be a percentage from 70 to 99",
        );
    }
    (new_per_day.unwrap_or(20), retention.unwrap_or(90.0) / 100.0)
}

fn form_page(
    ctx: &Ctx,
    code: Option<String>,
    form: CourseForm,
    archived: bool,
    errors: Errors,
) -> Result<HttpResponse> {
    page(&CourseFormPage {
        chrome: Chrome::new(ctx),
        code,
        title: form.title,
        description: form.description,
        new_per_day: form.new_per_day,
        desired_retention: form.desired_retention,
        archived,
        errors,
    })
}

pub async fn save_new_course(
    ctx: Ctx,
    user: InstructorUser,
    state: web::Data<AppState>,
    form: web::Form<CourseForm>,
) -> Result<HttpResponse> {
    let form = form.into_inner();
    let mut errors = Errors::default();
    let (new_per_day, retention) = check_course_form(&form, &mut errors);
    if !errors.is_empty() {
        return form_page(&ctx, None, form, false, errors);
    }
    let (title, description) = (
        form.title.trim().to_string(),
        form.description.trim().to_string(),
    );
    let (user_id, now) = (user.0.id, state.clock.now());
    let code = state
        .writer
        .run(move |c| -> Result<String> {
            let code = courses::unused_code(c, &slugify(&title))?;
            let new = courses::NewCourse {
                code: &code,
                title: &title,
                description: &description,
                open_to_all: false,
            };
            let id = courses::add_course(c, &new, Some(user_id), now)?;
            courses::update_course(c, id, &title, &description, new_per_day, retention)?;
            Ok(code)
        })
        .await?;
    Ok(redirect(
        &format!("/courses/{code}"),
        Some("Course created."),
        &state,
    ))
}

pub async fn show_course_settings(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let course = load_course_to_teach(&*state.reads.get()?, &path, &user.0)?;
    let form = CourseForm {
        title: course.title,
        description: course.description,
        new_per_day: course.new_per_day.to_string(),
        desired_retention: format!("{:.0}", course.desired_retention * 100.0),
    };
    form_page(
        &ctx,
        Some(course.code),
        form,
        course.archived,
        Errors::default(),
    )
}

pub async fn save_course_settings(
    ctx: Ctx,
    user: InstructorUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    form: web::Form<CourseForm>,
) -> Result<HttpResponse> {
    let course = load_course_to_teach(&*state.reads.get()?, &path, &user.0)?;
    let form = form.into_inner();
    let mut errors = Errors::default();
    let (new_per_day, retention) = check_course_form(&form, &mut errors);
    if !errors.is_empty() {
        return form_page(&ctx, Some(course.code), form, course.archived, errors);
    }
    let (id, title, description) = (
        course.id,
        form.title.trim().to_string(),
        form.description.trim().to_string(),
    );
    state
        .writer
        .run(move |c| {
            courses::update_course(c, id, &title, &description, new_per_day, retention)
                .map_err(AppError::from)
        })
        .await?;
    Ok(redirect(
        &format!("/courses/{}", course.code),
        Some("Course settings saved."),
        &state,
    ))
}

#[derive(Deserialize)]
pub struct ArchiveForm {
    archived: bool,
}

/// Archiving hides a course from its students (nothing is deleted); it can be undone.
pub async fn save_archive(
    user: InstructorUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    form: web::Form<ArchiveForm>,
) -> Result<HttpResponse> {
    let course = load_course_to_teach(&*state.reads.get()?, &path, &user.0)?;
    let (id, archived) = (course.id, form.archived);
    state
        .writer
        .run(move |c| courses::set_archived(c, id, archived).map_err(AppError::from))
        .await?;
    let msg = if archived {
        "Course archived. Students no longer see it."
    } else {
        "Course restored."
    };
    Ok(redirect(
        &format!("/courses/{}", course.code),
        Some(msg),
        &state,
    ))
}

#[derive(Deserialize)]
pub struct NewSetForm {
    title: String,
}

pub async fn save_new_set(
    user: InstructorUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    form: web::Form<NewSetForm>,
) -> Result<HttpResponse> {
    let course = load_course_to_teach(&*state.reads.get()?, &path, &user.0)?;
    let title = form.title.trim().to_string();
    if title.is_empty() {
        return Err(AppError::BadRequest(
            "Enter a title for the question set.".into(),
        ));
    }
    let (course_id, now) = (course.id, state.clock.now());
    let slug = state
        .writer
        .run(move |c| -> Result<String> {
            let base = slugify(&title);
            let base = if valid_slug(&base) {
                base
            } else {
                "set".to_string()
            };
            let mut slug = base.clone();
            let mut n = 2;
            while questions::set_by_slug(c, course_id, &slug)?.is_some() {
                slug = format!("{base}-{n}");
                n += 1;
            }
            questions::add_set(c, course_id, &slug, &title, "", now)?;
            Ok(slug)
        })
        .await?;
    Ok(redirect(
        &format!("/courses/{}/sets/{slug}", course.code),
        Some("Question set created. Add questions, then publish it."),
        &state,
    ))
}
