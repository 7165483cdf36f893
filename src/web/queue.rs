//! The study queue: what a student studies next in a course, and the counts shown beside it.
//!
//! Due reviews come first, the one with the lowest retrievability first; then new questions up
//! to the daily limit. Reading the queue from the database means reading every card of the
//! student in the course, so each student's cards are kept in memory between requests (as
//! Anki keeps its queues) and read again only when something they depend on has changed:
//!
//! * the student's cards: `users.cards_version`, bumped by triggers at every write to them (a
//!   review is patched into the kept cards rather than all of them read again);
//! * the course's questions and sets: `courses.content_version`, bumped by triggers;
//! * the student's local day, time zone and day-start hour, and the course's daily limit.
//!
//! Triggers make writes from any process count (`factcards import`, an admin's SQL). What
//! depends on the time of the request (which cards are due now, their retrievability) is worked
//! out from the kept cards at every request.

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
#[derive(Clone)]
struct Snapshot {
    stamp: Stamp,
    cards: Vec<KeptCard>,
    /// Questions never studied, in course order: as many as the course's daily limit allows today.
    new_ids: Vec<i64>,
    /// New questions first studied today.
    introduced: i64,
}

/// What a snapshot was read under; it is used only while all of this is unchanged.
#[derive(Clone, PartialEq)]
struct Stamp {
    cards_version: i64,
    content_version: i64,
    today: i64,
    time_zone: String,
    day_start_hour: u8,
    course_new_per_day: i64,
}

#[derive(Clone)]
struct KeptCard {
    due: i64,
    question_id: i64,
    state: State,
    stability: f32,
    last_review: Option<i64>,
    /// The local day of `last_review`.
    last_day: Option<i64>,
}

/// A review just committed, to patch into the student's snapshot instead of reading all their
/// cards again.
pub struct CardChange {
    /// The student's cards version just before the write and just after it (read inside it).
    pub versions: (i64, i64),
    pub question_id: i64,
    /// The card was new before this review (its question leaves the new ones).
    pub was_new: bool,
    pub due: i64,
    pub state: State,
    pub stability: f32,
    pub last_review: i64,
    /// The local day of `last_review`.
    pub last_day: i64,
}

/// Study-queue snapshots per (student, course).
#[derive(Default)]
pub struct QueueCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    snapshots: HashMap<(i64, i64), Arc<Snapshot>>,
    cards: usize,
}

impl QueueCache {
    /// Called after a committed review of `change.question_id`: when the course's snapshot was
    /// current just before the write, the card is patched in and the snapshot is current again.
    /// Otherwise (another write came between, or reports arrive out of order) nothing changes,
    /// and the snapshot, now stale, is read again at the next request.
    pub fn card_reviewed(&self, user_id: i64, course_id: i64, change: &CardChange) {
        let mut inner = self.lock();
        let key = (user_id, course_id);
        let Some(old) = inner.snapshots.get(&key) else {
            return;
        };
        if old.stamp.cards_version != change.versions.0 {
            return;
        }
        let old_len = old.cards.len();
        let mut snap = Snapshot::clone(old);
        snap.stamp.cards_version = change.versions.1;
        snap.cards.retain(|c| c.question_id != change.question_id);
        let at = snap.cards.partition_point(|c| c.due <= change.due);
        snap.cards.insert(
            at,
            KeptCard {
                due: change.due,
                question_id: change.question_id,
                state: change.state,
                stability: change.stability,
                last_review: Some(change.last_review),
                last_day: Some(change.last_day),
            },
        );
        if change.was_new {
            snap.new_ids.retain(|id| *id != change.question_id);
            if change.last_day == snap.stamp.today {
                snap.introduced += 1;
            }
        }
        inner.cards = inner.cards + snap.cards.len() - old_len;
        inner.snapshots.insert(key, Arc::new(snap));
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
    // The versions were read with the session and the course, before the cards are: a write
    // that lands in between makes this snapshot stale at once, or is patched in again (which
    // changes nothing).
    let stamp = Stamp {
        cards_version: user.cards_version,
        content_version: course.content_version,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(cards_version: i64) -> Stamp {
        Stamp {
            cards_version,
            content_version: 7,
            today: 100,
            time_zone: "UTC".into(),
            day_start_hour: 4,
            course_new_per_day: 20,
        }
    }

    fn kept(question_id: i64, due: i64) -> KeptCard {
        KeptCard {
            due,
            question_id,
            state: State::Review,
            stability: 3.0,
            last_review: Some(due - 86_400),
            last_day: Some(99),
        }
    }

    fn change(versions: (i64, i64), question_id: i64, was_new: bool, due: i64) -> CardChange {
        CardChange {
            versions,
            question_id,
            was_new,
            due,
            state: State::Learning,
            stability: 1.0,
            last_review: 1_000,
            last_day: 100,
        }
    }

    fn cache_with_snapshot() -> QueueCache {
        let cache = QueueCache::default();
        cache.put(
            (1, 2),
            Arc::new(Snapshot {
                stamp: stamp(0),
                cards: vec![kept(10, 500), kept(11, 900)],
                new_ids: vec![20, 21, 22],
                introduced: 0,
            }),
        );
        cache
    }

    #[test]
    fn a_review_is_patched_into_a_current_snapshot_in_due_order() {
        let cache = cache_with_snapshot();
        cache.card_reviewed(1, 2, &change((0, 2), 20, true, 600));
        let snap = cache.get((1, 2), &stamp(2)).expect("patched");
        let order: Vec<i64> = snap.cards.iter().map(|c| c.question_id).collect();
        assert_eq!(order, [10, 20, 11]);
        assert_eq!(snap.new_ids, [21, 22]);
        assert_eq!(snap.introduced, 1);

        // A review of a card already kept replaces it.
        cache.card_reviewed(1, 2, &change((2, 3), 11, false, 100));
        let snap = cache.get((1, 2), &stamp(3)).expect("patched");
        let order: Vec<(i64, i64)> = snap.cards.iter().map(|c| (c.question_id, c.due)).collect();
        assert_eq!(order, [(11, 100), (10, 500), (20, 600)]);
        assert_eq!(snap.introduced, 1);
    }

    #[test]
    fn a_review_reported_out_of_order_is_not_patched_in() {
        let cache = cache_with_snapshot();
        // Write 2→3 was applied after write 0→2 but reported first: the snapshot does not hold
        // the state write 3 started from, so it is left as it is (stale for version 3).
        cache.card_reviewed(1, 2, &change((2, 3), 10, false, 700));
        assert!(cache.get((1, 2), &stamp(0)).is_some());
        cache.card_reviewed(1, 2, &change((0, 2), 10, false, 650));
        assert!(cache.get((1, 2), &stamp(2)).is_some());
        assert!(
            cache.get((1, 2), &stamp(3)).is_none(),
            "read again at version 3"
        );
    }

    #[test]
    fn other_students_and_courses_are_untouched() {
        let cache = cache_with_snapshot();
        cache.card_reviewed(3, 2, &change((0, 1), 10, false, 700));
        cache.card_reviewed(1, 9, &change((0, 1), 10, false, 700));
        let snap = cache.get((1, 2), &stamp(0)).expect("unchanged");
        assert_eq!(snap.cards.len(), 2);
    }
}
