//! Spaced-repetition study: due reviews first (lowest retrievability first), then new questions
//! up to the daily limit; each answer is graded, mapped to a rating the student may change, and
//! scheduled by FSRS.

use actix_web::{HttpResponse, web};
use askama::Template;
use rusqlite::Connection;
use serde::Deserialize;

use super::courses::load_course_to_study;
use super::error::{AppError, Result};
use super::practice::{VerdictView, visible_set};
use super::question_view::{QuestionView, read_answer};
use super::queue::{CardChange, Next, queue};
use super::session::{Ctx, CurrentUser};
use super::{Chrome, Errors, page, redirect};
use crate::db::courses::{Access, Course};
use crate::db::questions::{self, Question};
use crate::db::study::{self, NewReview};
use crate::db::users::User;
use crate::quiz::check;
use crate::schedule::{Rating, Scheduler, SchedulerConfig, State, format_interval};
use crate::startup::AppState;

/// A correct answer faster than this (ms) is offered Easy.
const QUICK_ANSWER_MS: i64 = 4_000;
/// A correct answer slower than this (ms) is offered Hard.
const SLOW_ANSWER_MS: i64 = 60_000;
/// Longest answer time recorded (ms): an answer left open over lunch is not 3 hours of effort.
const MAX_DURATION_MS: i64 = 10 * 60_000;

/// The scheduler for this student in this course (their parameters and time zone, the course's
/// or their own desired retention), and their daily limit of new questions in it.
pub fn scheduler_for(conn: &Connection, user: &User, course: &Course) -> Result<(Scheduler, i64)> {
    scheduler_with(
        user,
        course,
        study::learner_prefs(conn, user.id, course.id)?,
    )
}

/// [`scheduler_for`] from preferences already read (`study::learner_prefs`).
pub fn scheduler_with(
    user: &User,
    course: &Course,
    (prefs, own_new, own_retention): (study::StudyPrefs, Option<i64>, Option<f64>),
) -> Result<(Scheduler, i64)> {
    let cfg = SchedulerConfig {
        params: prefs.params,
        desired_retention: own_retention.unwrap_or(course.desired_retention) as f32,
        day_start_hour: prefs.day_start_hour,
        time_zone: user.time_zone.clone(),
        ..SchedulerConfig::default()
    };
    let sched = Scheduler::new(&cfg)
        .or_else(|_| {
            Scheduler::new(&SchedulerConfig {
                params: vec![],
                time_zone: "UTC".into(),
                ..cfg
            })
        })
        .map_err(|e| AppError::Internal(e.into()))?;
    let new_limit = own_new.map_or(course.new_per_day, |l| l.min(course.new_per_day));
    Ok((sched, new_limit))
}

#[derive(Template)]
#[template(path = "study.html")]
struct StudyPage {
    chrome: Chrome,
    course: Course,
    question: QuestionView,
    due: usize,
    new_left: usize,
    is_new: bool,
    errors: Errors,
}

#[derive(Template)]
#[template(path = "study_done.html")]
struct DonePage {
    chrome: Chrome,
    course: Course,
    tomorrow: usize,
    new_tomorrow: i64,
}

pub async fn show_study(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let conn = state.reads.get()?;
    let (course, _) = load_course_to_study(&conn, &path, &user.0)?;
    let (sched, new_limit) = scheduler_for(&conn, &user.0, &course)?;
    let now = state.clock.now();
    let q = queue(
        &conn,
        &state.queues,
        &sched,
        new_limit,
        &user.0,
        &course,
        now,
    )?;
    let (question_id, is_new) = match q.next {
        Some(Next::Review(id)) => (id, false),
        Some(Next::New(id)) => (id, true),
        None => return done_page(ctx, &conn, &sched, &user.0, course, now),
    };
    let question = questions::get_question(&conn, question_id)?.ok_or(AppError::NotFound)?;
    let view = study_view(&course, &question, &user.0, &crate::auth::new_token(), now);
    page(&StudyPage {
        chrome: Chrome::new(&ctx),
        course,
        question: view,
        due: q.due,
        new_left: q.new_left,
        is_new,
        errors: Errors::default(),
    })
}

fn study_view(
    course: &Course,
    q: &Question,
    user: &User,
    review_key: &str,
    now: i64,
) -> QuestionView {
    let mut view = QuestionView::new(
        q,
        user.id as u64,
        format!("/courses/{}/study/{}", course.code, q.id),
    );
    view.hidden = vec![
        ("review_key".into(), review_key.into()),
        ("shown_at".into(), now.to_string()),
    ];
    view
}

fn done_page(
    ctx: Ctx,
    conn: &Connection,
    sched: &Scheduler,
    user: &User,
    course: Course,
    now: i64,
) -> Result<HttpResponse> {
    let clock = sched.clock();
    // Everything due from now until the end of tomorrow is tomorrow's work.
    let end_of_tomorrow = clock
        .day_start(clock.day_number(now) + 2)
        .unwrap_or(now + 2 * 86_400);
    let due = study::due_between(conn, user.id, Some(course.id), now, end_of_tomorrow)?.len();
    let remaining =
        study::new_question_ids(conn, user.id, course.id, course.new_per_day)?.len() as i64;
    page(&DonePage {
        chrome: Chrome::new(&ctx),
        tomorrow: due,
        new_tomorrow: remaining.min(course.new_per_day),
        course,
    })
}

/// The rating an auto-graded answer maps to (the student may change it on the next page).
pub fn suggested_rating(correct: bool, score: f64, duration_ms: i64) -> Rating {
    match (correct, score > 0.0) {
        (true, _) if duration_ms < QUICK_ANSWER_MS => Rating::Easy,
        (true, _) if duration_ms > SLOW_ANSWER_MS => Rating::Hard,
        (true, _) => Rating::Good,
        (false, true) => Rating::Hard,
        (false, false) => Rating::Again,
    }
}

/// Grades and records a study answer. The hidden `review_key` makes it idempotent: a double
/// click, a resubmitted form or a retry finds the review already recorded and shows it.
pub async fn save_study_answer(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: web::Bytes,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, question_id) = path.into_inner();
    let user = user.0;
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let key = field("review_key")
        .filter(|k| (16..=128).contains(&k.len()))
        .ok_or_else(|| {
            AppError::BadRequest("The form is missing its review key; reload the page.".into())
        })?;
    let now = state.clock.now();
    let (course, q, sched) = {
        let conn = state.reads.get()?;
        let (course, access) = load_course_to_study(&conn, &code, &user)?;
        let q = questions::get_question(&conn, question_id)?.ok_or(AppError::NotFound)?;
        visible_set(
            &conn,
            &q,
            &course,
            if access == Access::Teach {
                Access::Study
            } else {
                access
            },
        )?;
        if let Some(id) = study::review_by_key(&conn, user.id, &key)? {
            return Ok(redirect(
                &format!("/courses/{}/study/reviews/{id}", course.code),
                None,
                &state,
            ));
        }
        let (sched, _) = scheduler_for(&conn, &user, &course)?;
        (course, q, sched)
    };
    let response = match read_answer(&q.body, &fields) {
        Ok(r) => r,
        Err(problem) => {
            let mut view = study_view(
                &course,
                &q,
                &user,
                &key,
                field("shown_at")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(now),
            );
            view.typed = fields
                .iter()
                .filter(|(k, _)| k == "answer")
                .map(|(_, v)| v.clone())
                .collect();
            return page(&StudyPage {
                chrome: Chrome::new(&ctx),
                course,
                question: view,
                due: 0,
                new_left: 0,
                is_new: false,
                errors: Errors::one("answer", problem),
            });
        }
    };
    let verdict = check::check_answer(&q.body, &response);
    let shown_at: i64 = field("shown_at")
        .and_then(|s| s.parse().ok())
        .unwrap_or(now);
    let duration_ms = ((now - shown_at) * 1000).clamp(0, MAX_DURATION_MS);
    let rating = suggested_rating(verdict.correct, verdict.score, duration_ms);
    let response_json =
        serde_json::to_string(&response).map_err(|e| AppError::Internal(e.into()))?;
    let (user_id, course_id) = (user.id, course.id);
    let last_day = sched.clock().day_number(now);
    let (review_id, change) = state
        .writer
        .run(move |c| -> Result<(i64, Option<CardChange>)> {
            // Checked again inside the write: two tabs racing with one key record one review.
            if let Some(id) = study::review_by_key(c, user_id, &key)? {
                return Ok((id, None));
            }
            let version_before = study::cards_version(c, user_id)?;
            let card = study::ensure_card(c, user_id, q.id, course_id, now)?;
            let (after, record) = sched
                .apply(&card.state, card.id, rating, now)
                .map_err(|e| AppError::Internal(e.into()))?;
            study::update_card(c, card.id, &after)?;
            let change = CardChange {
                versions: (version_before, study::cards_version(c, user_id)?),
                question_id: q.id,
                was_new: card.state.state == State::New,
                due: after.due,
                state: after.state,
                stability: after.stability,
                last_review: now,
                last_day,
            };
            let new = NewReview {
                user_id,
                card: &card,
                course_id,
                review_key: &key,
                suggested: rating,
                correct: verdict.correct,
                score: verdict.score,
                response: &response_json,
                duration_ms,
            };
            Ok((study::add_review(c, &new, &record)?, Some(change)))
        })
        .await?;
    if let Some(change) = change {
        state.queues.card_reviewed(user.id, course.id, &change);
    }
    super::optimize::maybe_optimize(&state, user.id);
    Ok(redirect(
        &format!("/courses/{}/study/reviews/{review_id}", course.code),
        None,
        &state,
    ))
}

/// One rating button: its number, name, next interval, and whether it is the current rating.
pub struct RatingButton {
    pub number: u32,
    pub label: &'static str,
    pub interval: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "study_result.html")]
struct ResultPage {
    chrome: Chrome,
    course: Course,
    prompt: String,
    v: VerdictView,
    review_id: i64,
    buttons: Vec<RatingButton>,
    comes_back: String,
    can_change: bool,
    /// The card has been forgotten so often that it needs another approach.
    leech: bool,
}

const LABELS: [&str; 4] = ["Again", "Hard", "Good", "Easy"];

pub async fn show_study_result(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (code, review_id) = path.into_inner();
    let conn = state.reads.get()?;
    let (course, _) = load_course_to_study(&conn, &code, &user.0)?;
    let review = study::review_of_user(&conn, review_id, user.0.id)?
        .filter(|r| r.course_id == course.id)
        .ok_or(AppError::NotFound)?;
    let q = questions::get_question(&conn, review.question_id)?.ok_or(AppError::NotFound)?;
    let (sched, _) = scheduler_for(&conn, &user.0, &course)?;
    let next = sched
        .next_states(&review.card_before, review.card_id, review.reviewed_at)
        .map_err(|e| AppError::Internal(e.into()))?;
    let buttons: Vec<RatingButton> = Rating::ALL
        .iter()
        .map(|r| RatingButton {
            number: r.number(),
            label: LABELS[r.number() as usize - 1],
            interval: next.get(*r).interval.clone(),
            current: *r == review.rating,
        })
        .collect();
    let comes_back = next.get(review.rating).card.due - review.reviewed_at;
    let response =
        serde_json::from_str(&review.response).map_err(|e| AppError::Internal(e.into()))?;
    let can_change = study::is_latest_review(&conn, review.id, review.card_id)?;
    let lapses_after = review.card_before.lapses
        + u32::from(
            review.rating == Rating::Again
                && review.card_before.state == crate::schedule::State::Review,
        );
    let leech = lapses_after >= crate::schedule::LEECH_LAPSES;
    let prompt = if q.prompt.is_empty() {
        "Fill in the gap".to_string()
    } else {
        q.prompt.clone()
    };
    page(&ResultPage {
        chrome: Chrome::new(&ctx),
        v: VerdictView::new(&q, &response, &course),
        course,
        prompt,
        review_id,
        buttons,
        comes_back: in_words(comes_back),
        can_change,
        leech,
    })
}

/// "in 10 minutes", "tomorrow", "in 4 days".
fn in_words(secs: i64) -> String {
    match secs {
        s if s < 3600 => format!(
            "in {} minute{}",
            (s / 60).max(1),
            if s / 60 == 1 { "" } else { "s" }
        ),
        s if s < 86_400 => format!("in {}", format_interval(s).replace('h', " hours")),
        s if s < 2 * 86_400 => "tomorrow".into(),
        s => format!(
            "in {}",
            format_interval(s)
                .replace("mo", " months")
                .replace('y', " years")
                .replace('d', " days")
        ),
    }
}

#[derive(Deserialize)]
pub struct RateForm {
    rating: u32,
}

/// The student's choice of rating: keeps the suggested one and moves on, or re-schedules the
/// card from its state before the answer with the chosen rating (only for its latest review).
pub async fn save_rating(
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    state: web::Data<AppState>,
    form: web::Form<RateForm>,
) -> Result<HttpResponse> {
    let (code, review_id) = path.into_inner();
    let rating = Rating::from_number(form.rating)
        .ok_or_else(|| AppError::BadRequest("Unknown rating.".into()))?;
    let (course, review, sched) = {
        let conn = state.reads.get()?;
        let (course, _) = load_course_to_study(&conn, &code, &user.0)?;
        let review = study::review_of_user(&conn, review_id, user.0.id)?
            .filter(|r| r.course_id == course.id)
            .ok_or(AppError::NotFound)?;
        let (sched, _) = scheduler_for(&conn, &user.0, &course)?;
        (course, review, sched)
    };
    let next = format!("/courses/{}/study", course.code);
    if rating == review.rating {
        return Ok(redirect(&next, None, &state));
    }
    state
        .writer
        .run(move |c| -> Result<()> {
            if !study::is_latest_review(c, review.id, review.card_id)? {
                return Err(AppError::BadRequest(
                    "This answer has been followed by another; its rating can no longer change."
                        .into(),
                ));
            }
            let (after, record) = sched
                .apply(
                    &review.card_before,
                    review.card_id,
                    rating,
                    review.reviewed_at,
                )
                .map_err(|e| AppError::Internal(e.into()))?;
            study::update_card(c, review.card_id, &after)?;
            study::rerate_review(c, review.id, &record)?;
            Ok(())
        })
        .await?;
    Ok(redirect(&next, None, &state))
}

#[derive(Deserialize)]
pub struct PrefsForm {
    #[serde(default)]
    new_per_day: String,
    #[serde(default)]
    desired_retention: String,
}

/// A student's own limits in a course: fewer new questions per day than the course allows, and
/// a desired retention of their own (70–99 %). Empty fields return to the course's values.
pub async fn save_course_prefs(
    user: CurrentUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
    form: web::Form<PrefsForm>,
) -> Result<HttpResponse> {
    let course = {
        let conn = state.reads.get()?;
        load_course_to_study(&conn, &path, &user.0)?.0
    };
    let new_per_day = match form.new_per_day.trim() {
        "" => None,
        n => Some(n.parse::<i64>().ok().filter(|n| (0..=course.new_per_day).contains(n)).ok_or_else(|| {
            AppError::BadRequest(format!("New questions per day must be a whole number from 0 to {} (the course's limit).", course.new_per_day))
        })?),
    };
    let retention = match form.desired_retention.trim().trim_end_matches('%') {
        "" => None,
        r => Some(
            r.parse::<f64>()
                .ok()
                .filter(|r| (70.0..=99.0).contains(r))
                .ok_or_else(|| {
                    AppError::BadRequest(
                        "Desired retention must be a percentage from 70 to 99.".into(),
                    )
                })?
                / 100.0,
        ),
    };
    let (user_id, course_id) = (user.0.id, course.id);
    state
        .writer
        .run(move |c| {
            study::set_course_prefs(c, user_id, course_id, new_per_day, retention)
                .map_err(AppError::from)
        })
        .await?;
    Ok(redirect(
        &format!("/courses/{}", course.code),
        Some("Your study settings for this course are saved."),
        &state,
    ))
}

/// One row of the workload table.
struct WorkloadRow {
    percent: u32,
    answers: String,
    remembered: u32,
    current: bool,
}

#[derive(Template)]
#[template(path = "workload.html")]
struct WorkloadPage {
    chrome: Chrome,
    course: Course,
    questions: i64,
    new_per_day: i64,
    rows: Vec<WorkloadRow>,
}

/// Desired retentions compared on the workload page (the student's own is added).
const WORKLOAD_LEVELS: [u32; 5] = [80, 85, 90, 95, 97];

/// What each desired retention would cost this student in this course over a year (FSRS's
/// simulator, run on the blocking pool).
pub async fn show_workload(
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let (course, params, new_limit, current, questions) = {
        let conn = state.reads.get()?;
        let (course, _) = load_course_to_study(&conn, &path, &user.0)?;
        let (sched, new_limit) = scheduler_for(&conn, &user.0, &course)?;
        // What students can see: the active questions of the published sets.
        let questions = questions::sets_of_course(&conn, course.id, false)?
            .iter()
            .map(|s| s.active_count)
            .sum::<i64>();
        let cfg = sched.config();
        let current = (cfg.desired_retention * 100.0).round() as u32;
        (course, cfg.params.clone(), new_limit, current, questions)
    };
    let mut levels = WORKLOAD_LEVELS.to_vec();
    if !levels.contains(&current) {
        levels.push(current);
        levels.sort_unstable();
    }
    let (deck, per_day) = (questions.max(0) as usize, new_limit.max(0) as usize);
    let estimates = web::block(move || {
        levels
            .into_iter()
            .map(|p| crate::schedule::workload::estimate(&params, deck, per_day, p as f32 / 100.0))
            .collect::<std::result::Result<Vec<_>, _>>()
    })
    .await?
    .map_err(|e| AppError::Internal(e.into()))?;
    let rows = estimates
        .into_iter()
        .map(|w| {
            let percent = (w.retention * 100.0).round() as u32;
            WorkloadRow {
                percent,
                answers: if w.answers_per_day < 10.0 {
                    format!("{:.1}", w.answers_per_day)
                } else {
                    format!("{:.0}", w.answers_per_day)
                },
                remembered: (w.remembered * 100.0).round() as u32,
                current: percent == current,
            }
        })
        .collect();
    page(&WorkloadPage {
        chrome: Chrome::new(&ctx),
        course,
        questions,
        new_per_day: new_limit,
        rows,
    })
}
