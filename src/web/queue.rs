//! The study queue: what a student studies next in a course, and the counts shown beside it.
//!
//! Due reviews come first, the one with the lowest retrievability first; then new questions up
//! to the daily limit. Reading the queue from the database means reading every card of the
//! student in the course, so each student's cards are kept in memory between requests (as
//! Anki keeps its queues) and read again only when something they depend on has changed:
//!
//! * the student's cards or reviews: every write of them bumps the student's epoch here;
//! * the course's questions and sets: `courses.content_version`, bumped by triggers, so changes
//!   made by another process (`factcards import`) count too;
//! * the student's local day, time zone and day-start hour, and the course's daily limit.
//!
//! What depends on the time of the request (which cards are due now, their retrievability) is
//! worked out from the kept cards at every request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::error::Result;
use crate::db::courses::Course;
use crate::db::study;
use crate::db::users::User;
use crate::schedule::{Scheduler, State};

/// Learning cards due this soon are shown when nothing else is due (Anki's "learn ahead").
const LEARN_AHEAD_SECS: i64 = 20 * 60;
/// Kept snapshots, across students and courses; past this the cache starts again empty.
const MAX_SNAPSHOTS: usize = 20_000;
/// Kept cards, across snapshots (about 40 bytes each).
const MAX_CARDS: usize = 2_000_000;

/// What to study next, and the counts shown above the question.
pub struct Queue {
    pub next: Option<Next>,
    pub due: usize,
    pub new_left: usize,
}

/// The next question: a due review or a new question (by question id).
pub enum Next {
    Review(i64),
    New(i64),
}

/// The student's non-new cards in the course that students can see, by due time.
struct Snapshot {
    stamp: Stamp,
    cards: Vec<KeptCard>,
    /// Questions never studied, in course order: as many as the course's daily limit allows today.
    new_ids: Vec<i64>,
    /// New questions first studied today.
    introduced: i64,
}

#[derive(PartialEq)]
struct Stamp {
    epoch: u64,
    content_version: i64,
    today: i64,
    time_zone: String,
    day_start_hour: u8,
    course_new_per_day: i64,
}

struct KeptCard {
    due: i64,
    question_id: i64,
    state: State,
    stability: f32,
    last_review: Option<i64>,
    /// The local day of `last_review`.
    last_day: Option<i64>,
}

/// Study-queue snapshots per (student, course), and per student an epoch that every write to
/// their cards bumps.
#[derive(Default)]
pub struct QueueCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    epochs: HashMap<i64, u64>,
    snapshots: HashMap<(i64, i64), Arc<Snapshot>>,
    cards: usize,
}

impl QueueCache {
    /// Called after every committed write to the student's cards or reviews.
    pub fn cards_changed(&self, user_id: i64) {
        let mut inner = self.lock();
        *inner.epochs.entry(user_id).or_default() += 1;
    }

    fn epoch(&self, user_id: i64) -> u64 {
        self.lock().epochs.get(&user_id).copied().unwrap_or(0)
    }

    fn get(&self, key: (i64, i64), stamp: &Stamp) -> Option<Arc<Snapshot>> {
        let inner = self.lock();
        inner
            .snapshots
            .get(&key)
            .filter(|s| s.stamp == *stamp)
            .cloned()
    }

    fn put(&self, key: (i64, i64), snapshot: Arc<Snapshot>) {
        let mut inner = self.lock();
        if inner.snapshots.len() >= MAX_SNAPSHOTS || inner.cards + snapshot.cards.len() > MAX_CARDS
        {
            inner.snapshots.clear();
            inner.cards = 0;
        }
        inner.cards += snapshot.cards.len();
        if let Some(old) = inner.snapshots.insert(key, snapshot) {
            inner.cards -= old.cards.len();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The data stays consistent even if a holder panicked: every update is one statement.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The study queue of `user` in `course` at `now`, with `new_limit` new questions a day.
pub fn queue(
    conn: &Connection,
    cache: &QueueCache,
    sched: &Scheduler,
    new_limit: i64,
    user: &User,
    course: &Course,
    now: i64,
) -> Result<Queue> {
    let snap = snapshot(conn, cache, sched, user, course, now)?;
    let new_ids = &snap.new_ids[..snap
        .new_ids
        .len()
        .min((new_limit - snap.introduced).max(0) as usize)];
    let due_now = snap.cards.partition_point(|c| c.due <= now);
    let due: Vec<&KeptCard> = if due_now == 0 && new_ids.is_empty() {
        // Nothing else to do: learning steps due soon may be taken early.
        let soon = snap
            .cards
            .partition_point(|c| c.due <= now + LEARN_AHEAD_SECS);
        snap.cards[..soon]
            .iter()
            .filter(|c| matches!(c.state, State::Learning | State::Relearning))
            .collect()
    } else {
        snap.cards[..due_now].iter().collect()
    };
    // Lowest retrievability first: the cards closest to being forgotten.
    let recall = sched.recall_at(now);
    let next_due = due
        .iter()
        .map(|c| {
            let r = recall
                .of_day(c.state, c.stability, c.last_review, c.last_day)
                .unwrap_or(0.0);
            (r, c.question_id)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id);
    let next = match next_due {
        Some(id) => Some(Next::Review(id)),
        None => new_ids.first().map(|id| Next::New(*id)),
    };
    Ok(Queue {
        next,
        due: due.len(),
        new_left: new_ids.len(),
    })
}

fn snapshot(
    conn: &Connection,
    cache: &QueueCache,
    sched: &Scheduler,
    user: &User,
    course: &Course,
    now: i64,
) -> Result<Arc<Snapshot>> {
    let clock = sched.clock();
    // The epoch is read before the cards: a write that lands in between makes this snapshot
    // stale at once rather than kept.
    let stamp = Stamp {
        epoch: cache.epoch(user.id),
        content_version: study::content_version(conn, course.id)?,
        today: clock.day_number(now),
        time_zone: user.time_zone.clone(),
        day_start_hour: sched.config().day_start_hour,
        course_new_per_day: course.new_per_day,
    };
    let key = (user.id, course.id);
    if let Some(s) = cache.get(key, &stamp) {
        return Ok(s);
    }
    let today_start = clock.day_start(stamp.today).unwrap_or(now);
    let introduced = study::new_studied_since(conn, user.id, course.id, today_start)?;
    let new_ids = study::new_question_ids(
        conn,
        user.id,
        course.id,
        (course.new_per_day - introduced).max(0),
    )?;
    let cards = study::due_cards(conn, user.id, course.id, i64::MAX)?
        .into_iter()
        .map(|c| KeptCard {
            due: c.due,
            question_id: c.question_id,
            state: c.state,
            stability: c.stability,
            last_review: c.last_review,
            last_day: c.last_review.map(|t| clock.day_number(t)),
        })
        .collect();
    let snap = Arc::new(Snapshot {
        stamp,
        cards,
        new_ids,
        introduced,
    });
    cache.put(key, snap.clone());
    Ok(snap)
}
