//! Study storage: cards (one per student and question), the review log, study preferences.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::schedule::{CardHistory, CardState, HistoryReview, Rating, ReviewRecord, State};

pub fn state_name(s: State) -> &'static str {
    match s {
        State::New => "new",
        State::Learning => "learning",
        State::Review => "review",
        State::Relearning => "relearning",
    }
}

fn parse_state(s: &str) -> State {
    match s {
        "learning" => State::Learning,
        "review" => State::Review,
        "relearning" => State::Relearning,
        _ => State::New,
    }
}

/// A stored card: its id, question, and scheduling state.
#[derive(Debug, Clone)]
pub struct Card {
    pub id: i64,
    pub question_id: i64,
    pub state: CardState,
}

const CARD_COLUMNS: &str = "c.id, c.question_id, c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, c.reps, c.lapses, c.scheduled_days";

fn row_to_card(r: &Row) -> rusqlite::Result<Card> {
    let state: String = r.get(2)?;
    Ok(Card {
        id: r.get(0)?,
        question_id: r.get(1)?,
        state: CardState {
            state: parse_state(&state),
            step: r.get(3)?,
            stability: r.get(4)?,
            difficulty: r.get(5)?,
            due: r.get(6)?,
            last_review: r.get(7)?,
            reps: r.get(8)?,
            lapses: r.get(9)?,
            scheduled_days: r.get(10)?,
        },
    })
}

pub fn card_for(
    conn: &Connection,
    user_id: i64,
    question_id: i64,
) -> rusqlite::Result<Option<Card>> {
    conn.prepare_cached(&format!(
        "SELECT {CARD_COLUMNS} FROM cards c WHERE c.user_id = ?1 AND c.question_id = ?2"
    ))?
    .query_row(params![user_id, question_id], row_to_card)
    .optional()
}

/// A due card as the study queue sees it, read from the `cards_queue` index alone.
#[derive(Debug, Clone, Copy)]
pub struct DueCard {
    pub due: i64,
    pub question_id: i64,
    pub state: State,
    pub stability: f32,
    pub last_review: Option<i64>,
}

/// The student's cards in a course that are due by `until`, whose questions students can see
/// (cards of questions in `hidden_questions` are left out), by due time.
pub fn due_cards(
    conn: &Connection,
    user_id: i64,
    course_id: i64,
    until: i64,
) -> rusqlite::Result<Vec<DueCard>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.due, c.question_id, c.state, c.stability, c.last_review FROM cards c
         WHERE c.user_id = ?1 AND c.course_id = ?2 AND c.due <= ?3 AND c.state != 'new'
           AND c.question_id NOT IN
               (SELECT h.question_id FROM hidden_questions h WHERE h.course_id = ?2)
         ORDER BY c.due",
    )?;
    stmt.query_map(params![user_id, course_id, until], |r| {
        Ok(DueCard {
            due: r.get(0)?,
            question_id: r.get(1)?,
            state: parse_state(r.get_ref(2)?.as_str()?),
            stability: r.get(3)?,
            last_review: r.get(4)?,
        })
    })?
    .collect()
}

/// A question a student keeps forgetting, for the course's instructors.
#[derive(Debug, Clone)]
pub struct Leech {
    pub question_id: i64,
    pub prompt: String,
    pub student: String,
    pub lapses: i64,
}

/// The course's leeches (cards with at least `LEECH_LAPSES` lapses), most lapses first.
pub fn course_leeches(conn: &Connection, course_id: i64) -> rusqlite::Result<Vec<Leech>> {
    // The threshold is written into the SQL so that the partial index `cards_leeches` applies.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT q.id, q.prompt, u.display_name, u.username, c.lapses FROM cards c
         JOIN questions q ON q.id = c.question_id
         JOIN users u ON u.id = c.user_id
         WHERE c.course_id = ?1 AND c.lapses >= {}
         ORDER BY c.lapses DESC, q.position, u.username LIMIT 100",
        crate::schedule::LEECH_LAPSES
    ))?;
    stmt.query_map([course_id], |r| {
        let name: String = r.get(2)?;
        Ok(Leech {
            question_id: r.get(0)?,
            prompt: r.get(1)?,
            student: if name.is_empty() { r.get(3)? } else { name },
            lapses: r.get(4)?,
        })
    })?
    .collect()
}

/// The student's cards version: it moves at every write to their cards (migration 0007).
pub fn cards_version(conn: &Connection, user_id: i64) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT cards_version FROM users WHERE id = ?1")?
        .query_row([user_id], |r| r.get(0))
}

/// Visible questions of the course the student has never answered in study, in course order.
pub fn new_question_ids(
    conn: &Connection,
    user_id: i64,
    course_id: i64,
    limit: i64,
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.id FROM questions q JOIN question_sets s ON s.id = q.set_id
         WHERE s.course_id = ?2 AND s.published = 1 AND q.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.user_id = ?1 AND c.question_id = q.id)
         ORDER BY s.position, s.id, q.position, q.id LIMIT ?3",
    )?;
    stmt.query_map(params![user_id, course_id, limit], |r| r.get(0))?
        .collect()
}

/// Questions first studied since `since` (the start of the student's day) in a course.
pub fn new_studied_since(
    conn: &Connection,
    user_id: i64,
    course_id: i64,
    since: i64,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "SELECT count(*) FROM reviews WHERE user_id = ?1 AND course_id = ?2 AND reviewed_at >= ?3 AND state_before = 'new'",
    )?
    .query_row(params![user_id, course_id, since], |r| r.get(0))
}

/// Cards due per day from `from` for `days` days: (day index, count), by the given day starts.
pub fn due_between(
    conn: &Connection,
    user_id: i64,
    course_id: Option<i64>,
    from: i64,
    to: i64,
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.due FROM cards c JOIN questions q ON q.id = c.question_id AND q.status = 'active'
         WHERE c.user_id = ?1 AND (?2 IS NULL OR c.course_id = ?2) AND c.state != 'new' AND c.due >= ?3 AND c.due < ?4",
    )?;
    stmt.query_map(params![user_id, course_id, from, to], |r| r.get(0))?
        .collect()
}

/// A review as stored.
#[derive(Debug, Clone)]
pub struct StoredReview {
    pub id: i64,
    pub card_id: i64,
    pub question_id: i64,
    pub course_id: i64,
    pub reviewed_at: i64,
    pub rating: Rating,
    pub suggested: Rating,
    pub correct: bool,
    pub response: String,
    pub card_before: CardState,
    pub new_scheduled_days: u32,
}

pub fn review_of_user(
    conn: &Connection,
    id: i64,
    user_id: i64,
) -> rusqlite::Result<Option<StoredReview>> {
    conn.prepare_cached(
        "SELECT id, card_id, question_id, course_id, reviewed_at, rating, suggested_rating, correct, response, card_before, new_scheduled_days
         FROM reviews WHERE id = ?1 AND user_id = ?2",
    )?
    .query_row(params![id, user_id], |r| {
        let before: String = r.get(9)?;
        Ok(StoredReview {
            id: r.get(0)?,
            card_id: r.get(1)?,
            question_id: r.get(2)?,
            course_id: r.get(3)?,
            reviewed_at: r.get(4)?,
            rating: Rating::from_number(r.get(5)?).unwrap_or(Rating::Good),
            suggested: Rating::from_number(r.get(6)?).unwrap_or(Rating::Good),
            correct: r.get(7)?,
            response: r.get(8)?,
            card_before: serde_json::from_str(&before).map_err(|e| rusqlite::Error::FromSqlConversionFailure(9, rusqlite::types::Type::Text, Box::new(e)))?,
            new_scheduled_days: r.get(10)?,
        })
    })
    .optional()
}

pub fn review_by_key(conn: &Connection, user_id: i64, key: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM reviews WHERE user_id = ?1 AND review_key = ?2")?
        .query_row(params![user_id, key], |r| r.get(0))
        .optional()
}

/// Whether `review_id` is the latest review of its card (only that one may be re-rated).
pub fn is_latest_review(conn: &Connection, review_id: i64, card_id: i64) -> rusqlite::Result<bool> {
    let latest: Option<i64> = conn.query_row(
        "SELECT max(id) FROM reviews WHERE card_id = ?1",
        [card_id],
        |r| r.get(0),
    )?;
    Ok(latest == Some(review_id))
}

/// Creates the card if needed and returns its id.
pub fn ensure_card(
    conn: &Connection,
    user_id: i64,
    question_id: i64,
    course_id: i64,
    now: i64,
) -> rusqlite::Result<Card> {
    if let Some(card) = card_for(conn, user_id, question_id)? {
        return Ok(card);
    }
    conn.prepare_cached(
        "INSERT INTO cards (user_id, question_id, course_id, state, due, created_at) VALUES (?1, ?2, ?3, 'new', ?4, ?4)",
    )?
    .execute(params![user_id, question_id, course_id, now])?;
    Ok(Card {
        id: conn.last_insert_rowid(),
        question_id,
        state: CardState::new(now),
    })
}

pub fn update_card(conn: &Connection, card_id: i64, s: &CardState) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE cards SET state = ?2, step = ?3, stability = ?4, difficulty = ?5, due = ?6, last_review = ?7,
             reps = ?8, lapses = ?9, scheduled_days = ?10 WHERE id = ?1",
    )?
    .execute(params![card_id, state_name(s.state), s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses, s.scheduled_days])?;
    Ok(())
}

/// What a new review row holds besides the scheduler's record.
pub struct NewReview<'a> {
    pub user_id: i64,
    pub card: &'a Card,
    pub course_id: i64,
    pub review_key: &'a str,
    pub suggested: Rating,
    pub correct: bool,
    pub score: f64,
    pub response: &'a str,
    pub duration_ms: i64,
}

pub fn add_review(conn: &Connection, r: &NewReview, rec: &ReviewRecord) -> rusqlite::Result<i64> {
    let before = serde_json::to_string(&r.card.state).unwrap_or_default();
    conn.prepare_cached(
        "INSERT INTO reviews (user_id, card_id, question_id, course_id, review_key, reviewed_at, rating, suggested_rating,
             correct, score, response, duration_ms, state_before, elapsed_days, scheduled_days, new_scheduled_days,
             predicted_recall, desired_retention, stability, difficulty, card_before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        r.user_id, r.card.id, r.card.question_id, r.course_id, r.review_key, rec.time, rec.rating.number(), r.suggested.number(),
        r.correct, r.score, r.response, r.duration_ms, state_name(rec.state_before), rec.elapsed_days, rec.scheduled_days,
        rec.new_scheduled_days, rec.predicted_recall, rec.desired_retention, rec.stability, rec.difficulty, before
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the rating of a review (the student's override) with the re-applied record.
pub fn rerate_review(conn: &Connection, id: i64, rec: &ReviewRecord) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE reviews SET rating = ?2, new_scheduled_days = ?3, stability = ?4, difficulty = ?5 WHERE id = ?1",
        params![id, rec.rating.number(), rec.new_scheduled_days, rec.stability, rec.difficulty],
    )?;
    Ok(())
}

/// A student's study preferences.
#[derive(Debug, Clone)]
pub struct StudyPrefs {
    pub day_start_hour: u8,
    pub params: Vec<f32>,
    pub params_reviews: i64,
}

pub fn study_prefs(conn: &Connection, user_id: i64) -> rusqlite::Result<StudyPrefs> {
    let row: Option<(u8, Option<String>, i64)> = conn
        .prepare_cached("SELECT day_start_hour, fsrs_params, params_reviews FROM study_prefs WHERE user_id = ?1")?
        .query_row([user_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match row {
        Some((hour, params, n)) => StudyPrefs {
            day_start_hour: hour,
            params: params
                .and_then(|p| serde_json::from_str(&p).ok())
                .unwrap_or_default(),
            params_reviews: n,
        },
        None => StudyPrefs {
            day_start_hour: crate::schedule::config::DEFAULT_DAY_START_HOUR,
            params: vec![],
            params_reviews: 0,
        },
    })
}

/// A student's study preferences and their own limits in one course (new per day, desired
/// retention; `None` = the course's), in one query: the study page reads them on every view.
pub fn learner_prefs(
    conn: &Connection,
    user_id: i64,
    course_id: i64,
) -> rusqlite::Result<(StudyPrefs, Option<i64>, Option<f64>)> {
    conn.prepare_cached(
        "SELECT sp.day_start_hour, sp.fsrs_params, sp.params_reviews, cp.new_per_day, cp.desired_retention
         FROM (SELECT ?1 AS user_id) u
         LEFT JOIN study_prefs sp ON sp.user_id = u.user_id
         LEFT JOIN course_prefs cp ON cp.user_id = u.user_id AND cp.course_id = ?2",
    )?
    .query_row(params![user_id, course_id], |r| {
        let hour: Option<u8> = r.get(0)?;
        let params: Option<String> = r.get(1)?;
        let prefs = StudyPrefs {
            day_start_hour: hour.unwrap_or(crate::schedule::config::DEFAULT_DAY_START_HOUR),
            params: params.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or_default(),
            params_reviews: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
        };
        Ok((prefs, r.get(3)?, r.get(4)?))
    })
}

pub fn set_course_prefs(
    conn: &Connection,
    user_id: i64,
    course_id: i64,
    new_per_day: Option<i64>,
    retention: Option<f64>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO course_prefs (user_id, course_id, new_per_day, desired_retention) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, course_id) DO UPDATE SET new_per_day = excluded.new_per_day, desired_retention = excluded.desired_retention",
        params![user_id, course_id, new_per_day, retention],
    )?;
    Ok(())
}

pub fn set_params(
    conn: &Connection,
    user_id: i64,
    params_json: &str,
    reviews: i64,
    log_loss: Option<f64>,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO study_prefs (user_id, fsrs_params, params_reviews, params_log_loss, params_updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (user_id) DO UPDATE SET fsrs_params = excluded.fsrs_params, params_reviews = excluded.params_reviews,
             params_log_loss = excluded.params_log_loss, params_updated_at = excluded.params_updated_at",
        params![user_id, params_json, reviews, log_loss, now],
    )?;
    Ok(())
}

pub fn review_count(conn: &Connection, user_id: i64) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM reviews WHERE user_id = ?1")?
        .query_row([user_id], |r| r.get(0))
}

/// Every review of the user as card histories, oldest first, for the optimizer.
pub fn review_history(conn: &Connection, user_id: i64) -> rusqlite::Result<Vec<CardHistory>> {
    let mut stmt = conn.prepare_cached(
        "SELECT card_id, reviewed_at, rating, elapsed_days FROM reviews WHERE user_id = ?1 ORDER BY card_id, reviewed_at, id",
    )?;
    let rows = stmt.query_map([user_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, u32>(3)?,
        ))
    })?;
    let mut out: Vec<CardHistory> = Vec::new();
    for row in rows {
        let (card_id, time, rating, delta_days) = row?;
        let review = HistoryReview {
            time,
            rating: Rating::from_number(rating).unwrap_or(Rating::Good),
            delta_days,
        };
        match out.last_mut() {
            Some(h) if h.card_id == card_id => h.reviews.push(review),
            _ => out.push(CardHistory {
                card_id,
                reviews: vec![review],
            }),
        }
    }
    Ok(out)
}
