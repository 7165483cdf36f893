//! Answering a card: Anki's learning-step state machine around FSRS's long-term intervals.
//!
//! - New and learning cards go through `learning_steps_mins` (minutes, within the day); Good on
//!   the last step graduates to review, Easy graduates at once (from New it skips all steps).
//! - Review intervals come from FSRS (`next_states` + desired retention), in whole local days,
//!   fuzzed (see [`super::fuzz`]) and due at the start of the local day.
//! - Again in review is a lapse: `lapses + 1` and the relearning steps, then back to review.
//! - Every answer, including same-day steps, updates the FSRS memory state (stability,
//!   difficulty) with the elapsed local days, as Anki does.

use fsrs::{FSRS, MemoryState};
use serde::Serialize;

use super::card::{CardState, Rating, ReviewRecord, State};
use super::config::SchedulerConfig;
use super::day::{DayClock, SECS_PER_DAY};
use super::fuzz::{fuzz_factor, fuzzed_interval};
use super::optimize::decay_of;
use super::{Result, ScheduleError};

const SECS_PER_MIN: i64 = 60;
/// Anki: with a single learning step, Hard waits 1.5x that step...
const HARD_SINGLE_STEP_FACTOR: f64 = 1.5;
/// ...but at most one day longer than it (`learning_steps.rs`, `hard_delay_secs`).
const HARD_SINGLE_STEP_MAX_EXTRA_SECS: i64 = SECS_PER_DAY;
/// Anki's average month for interval labels (365/12 days).
const DAYS_PER_MONTH: f64 = 365.0 / 12.0;
const DAYS_PER_YEAR: f64 = 365.0;

/// What answering with one rating would do to the card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerPreview {
    /// The card after the answer.
    pub card: CardState,
    /// Interval label for the answer button: "10m", "1d", "4d", "3.2mo", "1.5y".
    pub interval: String,
}

/// The outcome of each of the four answers (the answer buttons).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStates {
    /// Again (1).
    pub again: AnswerPreview,
    /// Hard (2).
    pub hard: AnswerPreview,
    /// Good (3).
    pub good: AnswerPreview,
    /// Easy (4).
    pub easy: AnswerPreview,
}

impl NextStates {
    /// The preview for `rating`.
    pub fn get(&self, rating: Rating) -> &AnswerPreview {
        match rating {
            Rating::Again => &self.again,
            Rating::Hard => &self.hard,
            Rating::Good => &self.good,
            Rating::Easy => &self.easy,
        }
    }
}

/// A validated [`SchedulerConfig`] ready to answer many cards (parses the time zone and the
/// FSRS parameters once).
#[derive(Debug, Clone)]
pub struct Scheduler {
    cfg: SchedulerConfig,
    fsrs: FSRS,
    clock: DayClock,
    decay: f32,
}

/// Where an answer sends the card.
enum Outcome {
    /// A (re)learning step: due after `delay_secs`.
    Step { step: u32, delay_secs: i64 },
    /// Review, due in `days` local days.
    Review { days: u32 },
}

/// Everything about the card at answer time that all four answers share.
struct Context {
    today: i64,
    elapsed_days: u32,
    next: fsrs::NextStates,
    review_days: [u32; 4],
}

impl Scheduler {
    /// Validate `cfg` and prepare it.
    pub fn new(cfg: &SchedulerConfig) -> Result<Scheduler> {
        cfg.validate()?;
        Ok(Scheduler {
            cfg: cfg.clone(),
            fsrs: FSRS::new(&cfg.params)?,
            clock: DayClock::new(&cfg.time_zone, cfg.day_start_hour)?,
            decay: decay_of(&cfg.params)?,
        })
    }

    /// The configuration this scheduler was built from.
    pub fn config(&self) -> &SchedulerConfig {
        &self.cfg
    }

    /// The student's local calendar.
    pub fn clock(&self) -> &DayClock {
        &self.clock
    }

    /// The card after each possible answer at `now`, with button labels.
    pub fn next_states(&self, card: &CardState, card_id: i64, now: i64) -> Result<NextStates> {
        let ctx = self.context(card, card_id, now)?;
        let preview = |rating| self.preview(&ctx, card, rating, now);
        Ok(NextStates {
            again: preview(Rating::Again)?,
            hard: preview(Rating::Hard)?,
            good: preview(Rating::Good)?,
            easy: preview(Rating::Easy)?,
        })
    }

    /// Answer `card` with `rating` at `now`: the new card state and the review-log record.
    pub fn apply(
        &self,
        card: &CardState,
        card_id: i64,
        rating: Rating,
        now: i64,
    ) -> Result<(CardState, ReviewRecord)> {
        let ctx = self.context(card, card_id, now)?;
        let after = self.preview(&ctx, card, rating, now)?.card;
        let record = ReviewRecord {
            time: now,
            rating,
            state_before: card.state,
            elapsed_days: ctx.elapsed_days,
            scheduled_days: card.scheduled_days,
            new_scheduled_days: after.scheduled_days,
            predicted_recall: self.retrievability(card, now),
            desired_retention: self.cfg.desired_retention,
            stability: after.stability,
            difficulty: after.difficulty,
        };
        Ok((after, record))
    }

    /// Probability of recalling `card` at `now` (`None` for a new card).
    ///
    /// Time since the last answer is counted in local days, as FSRS updates use; on the same
    /// local day (learning steps) the fraction of a day actually elapsed is used instead, so
    /// a card answered 10 minutes ago is not predicted as certain.
    pub fn retrievability(&self, card: &CardState, now: i64) -> Option<f32> {
        self.recall_at(now)
            .of(card.state, card.stability, card.last_review)
    }

    /// [`Scheduler::retrievability`] of many cards at one instant, with the local day of `now`
    /// worked out once (the study queue ranks every due card).
    pub fn recall_at(&self, now: i64) -> RecallAt<'_> {
        RecallAt {
            sched: self,
            now,
            today: self.clock.day_number(now),
        }
    }

    fn context(&self, card: &CardState, card_id: i64, now: i64) -> Result<Context> {
        check_card(card)?;
        let elapsed_days = card
            .last_review
            .map_or(0, |last| self.clock.elapsed_days(last, now));
        let next =
            self.fsrs
                .next_states(memory_state(card), self.cfg.desired_retention, elapsed_days)?;
        let fuzz = self
            .cfg
            .enable_fuzz
            .then(|| fuzz_factor(card_id, card.reps));
        let review_days = self.review_days(card, &next, elapsed_days, fuzz);
        Ok(Context {
            today: self.clock.day_number(now),
            elapsed_days,
            next,
            review_days,
        })
    }

    /// Whole-day intervals for each answer that leads to review, Anki-style: Hard < Good < Easy
    /// where the maximum allows, and after a pass in review never shorter than the previous
    /// interval (Good at least one day longer).
    fn review_days(
        &self,
        card: &CardState,
        next: &fsrs::NextStates,
        elapsed_days: u32,
        fuzz: Option<f64>,
    ) -> [u32; 4] {
        let max = self.cfg.maximum_interval_days;
        let interval = |raw: f32, min: u32| fuzzed_interval(raw, min.max(1), max, fuzz);
        // The interval the student actually had: the scheduled one, or less if answered early.
        let previous = (card.state == State::Review).then(|| card.scheduled_days.min(elapsed_days));
        let hard_graduates = previous.is_some() || self.steps(card.state).is_empty();
        let again = interval(next.again.interval, 1);
        let hard = interval(next.hard.interval, previous.unwrap_or(1));
        let good_min = previous
            .map_or(1, |p| p + 1)
            .max(if hard_graduates { hard + 1 } else { 1 });
        let good = interval(next.good.interval, good_min);
        let easy = interval(next.easy.interval.max(next.good.interval), good + 1);
        [again, hard, good, easy]
    }

    /// The learning steps that apply to a card in `state` (Review uses the relearning steps
    /// after a lapse).
    fn steps(&self, state: State) -> &[u32] {
        match state {
            State::New | State::Learning => &self.cfg.learning_steps_mins,
            State::Review | State::Relearning => &self.cfg.relearning_steps_mins,
        }
    }

    fn outcome(&self, ctx: &Context, card: &CardState, rating: Rating) -> Outcome {
        let days = ctx.review_days[rating as usize - 1];
        let steps = self.steps(card.state);
        let step = match card.state {
            State::New => learning_step(steps, 0, rating),
            State::Learning | State::Relearning => learning_step(steps, card.step, rating),
            State::Review if rating == Rating::Again => learning_step(steps, 0, rating),
            State::Review => None,
        };
        match step {
            Some((step, delay_secs)) => Outcome::Step { step, delay_secs },
            None => Outcome::Review { days },
        }
    }

    fn preview(
        &self,
        ctx: &Context,
        card: &CardState,
        rating: Rating,
        now: i64,
    ) -> Result<AnswerPreview> {
        let memory = match rating {
            Rating::Again => ctx.next.again.memory,
            Rating::Hard => ctx.next.hard.memory,
            Rating::Good => ctx.next.good.memory,
            Rating::Easy => ctx.next.easy.memory,
        };
        let lapse = card.state == State::Review && rating == Rating::Again;
        let mut after = CardState {
            stability: memory.stability,
            difficulty: memory.difficulty,
            last_review: Some(now),
            reps: card.reps + 1,
            lapses: card.lapses + u32::from(lapse),
            ..card.clone()
        };
        let interval = match self.outcome(ctx, card, rating) {
            Outcome::Step { step, delay_secs } => {
                after.state = match card.state {
                    State::New | State::Learning => State::Learning,
                    State::Review | State::Relearning => State::Relearning,
                };
                after.step = step;
                after.scheduled_days = 0;
                after.due = self.step_due(ctx.today, now, delay_secs)?;
                format_interval(delay_secs)
            }
            Outcome::Review { days } => {
                after.state = State::Review;
                after.step = 0;
                after.scheduled_days = days;
                after.due = self.clock.day_start(ctx.today + i64::from(days))?;
                format_interval(i64::from(days) * SECS_PER_DAY)
            }
        };
        Ok(AnswerPreview {
            card: after,
            interval,
        })
    }

    /// Steps shorter than a day are minutes from now; a step of a day or more lands at the
    /// start of the local day that many (rounded) days ahead, like Anki's inter-day learning.
    fn step_due(&self, today: i64, now: i64, delay_secs: i64) -> Result<i64> {
        if delay_secs < SECS_PER_DAY {
            return Ok(now + delay_secs);
        }
        let days = (delay_secs as f64 / SECS_PER_DAY as f64).round() as i64;
        self.clock.day_start(today + days)
    }
}

/// The (step, delay) after answering at learning step `current`, or `None` to graduate.
fn learning_step(steps: &[u32], current: u32, rating: Rating) -> Option<(u32, i64)> {
    let last = u32::try_from(steps.len()).ok()?.checked_sub(1)?;
    let current = current.min(last);
    let secs = |i: u32| i64::from(steps[i as usize]) * SECS_PER_MIN;
    match rating {
        Rating::Again => Some((0, secs(0))),
        Rating::Hard => Some((current, hard_delay_secs(steps, current))),
        Rating::Good if current < last => Some((current + 1, secs(current + 1))),
        Rating::Good | Rating::Easy => None,
    }
}

/// Anki's Hard delay: on the first step halfway to the second (or 1.5x a single step, at most
/// a day more); on later steps a repeat of the current step.
fn hard_delay_secs(steps: &[u32], current: u32) -> i64 {
    let secs = |i: usize| i64::from(steps[i]) * SECS_PER_MIN;
    match (current, steps.len()) {
        (0, 1) => {
            let longer = (secs(0) as f64 * HARD_SINGLE_STEP_FACTOR).round() as i64;
            longer.min(secs(0) + HARD_SINGLE_STEP_MAX_EXTRA_SECS)
        }
        (0, _) => (secs(0) + secs(1)) / 2,
        (i, _) => secs(i as usize),
    }
}

/// Retrievability at a fixed instant; see [`Scheduler::recall_at`].
pub struct RecallAt<'a> {
    sched: &'a Scheduler,
    now: i64,
    today: i64,
}

impl RecallAt<'_> {
    /// Probability of recall of a card in `state` with `stability`, last answered at
    /// `last_review` (`None` for a new card). Only stability enters the forgetting curve.
    pub fn of(&self, state: State, stability: f32, last_review: Option<i64>) -> Option<f32> {
        let last_day = last_review.map(|t| self.sched.clock.day_number(t));
        self.of_day(state, stability, last_review, last_day)
    }

    /// [`RecallAt::of`] with the local day of `last_review` already known (`last_day`).
    pub fn of_day(
        &self,
        state: State,
        stability: f32,
        last_review: Option<i64>,
        last_day: Option<i64>,
    ) -> Option<f32> {
        if state == State::New {
            return None;
        }
        let last = last_review?;
        let days = (self.today - last_day?).max(0);
        let t = if days == 0 {
            (self.now - last).max(0) as f32 / SECS_PER_DAY as f32
        } else {
            days as f32
        };
        let memory = MemoryState {
            stability,
            difficulty: 0.0,
        };
        Some(fsrs::current_retrievability(memory, t, self.sched.decay))
    }
}

fn memory_state(card: &CardState) -> Option<MemoryState> {
    (card.state != State::New).then_some(MemoryState {
        stability: card.stability,
        difficulty: card.difficulty,
    })
}

fn check_card(card: &CardState) -> Result<()> {
    if card.state == State::New {
        return Ok(());
    }
    let bad = |what: &str| {
        Err(ScheduleError::InvalidCard(format!(
            "{:?} card {what}",
            card.state
        )))
    };
    if !(card.stability.is_finite() && card.stability > 0.0) {
        return bad("has no positive stability");
    }
    if !(card.difficulty.is_finite() && (1.0..=10.0).contains(&card.difficulty)) {
        return bad("has difficulty outside 1..=10");
    }
    if card.last_review.is_none() {
        return bad("has no last_review");
    }
    Ok(())
}

/// Short label for a delay of `secs` seconds: "45s", "10m", "1.5h", "4d", "3.2mo", "1.5y".
pub fn format_interval(secs: i64) -> String {
    let secs = secs.max(0);
    let days = secs as f64 / SECS_PER_DAY as f64;
    if secs < SECS_PER_MIN {
        format!("{secs}s")
    } else if secs < 3600 - 30 {
        format!("{}m", (secs + 30) / SECS_PER_MIN)
    } else if secs < SECS_PER_DAY {
        format!("{}h", one_decimal(secs as f64 / 3600.0))
    } else if days.round() < DAYS_PER_MONTH {
        format!("{}d", days.round())
    } else if days < DAYS_PER_YEAR {
        format!("{}mo", one_decimal(days / DAYS_PER_MONTH))
    } else {
        format!("{}y", one_decimal(days / DAYS_PER_YEAR))
    }
}

/// `x` with at most one decimal, dropping a trailing ".0".
fn one_decimal(x: f64) -> String {
    let s = format!("{:.1}", x);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// [`Scheduler::next_states`] for a one-off call.
pub fn next_states(
    cfg: &SchedulerConfig,
    card: &CardState,
    card_id: i64,
    now: i64,
) -> Result<NextStates> {
    Scheduler::new(cfg)?.next_states(card, card_id, now)
}

/// [`Scheduler::apply`] for a one-off call.
pub fn apply(
    cfg: &SchedulerConfig,
    card: &CardState,
    card_id: i64,
    rating: Rating,
    now: i64,
) -> Result<(CardState, ReviewRecord)> {
    Scheduler::new(cfg)?.apply(card, card_id, rating, now)
}

/// [`Scheduler::retrievability`] for a one-off call (`Ok(None)` for a new card).
pub fn retrievability(cfg: &SchedulerConfig, card: &CardState, now: i64) -> Result<Option<f32>> {
    Ok(Scheduler::new(cfg)?.retrievability(card, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::day::tests::ts;

    /// 2026-01-10 12:00 UTC, a Saturday in winter.
    const NOON: &str = "2026-01-10T12:00:00Z";
    const CARD: i64 = 1_700_000_000_123;

    fn cfg(f: impl FnOnce(&mut SchedulerConfig)) -> Scheduler {
        let mut cfg = SchedulerConfig {
            enable_fuzz: false,
            ..SchedulerConfig::default()
        };
        f(&mut cfg);
        Scheduler::new(&cfg).unwrap()
    }

    fn plain() -> Scheduler {
        cfg(|_| {})
    }

    /// A review card last answered `elapsed` days before `now`, scheduled `scheduled` days.
    fn review_card(stability: f32, scheduled: u32, elapsed: i64, now: i64) -> CardState {
        CardState {
            state: State::Review,
            step: 0,
            stability,
            difficulty: 5.0,
            due: now,
            last_review: Some(now - elapsed * SECS_PER_DAY),
            reps: 6,
            lapses: 0,
            scheduled_days: scheduled,
        }
    }

    fn answer(s: &Scheduler, card: &CardState, rating: Rating, now: i64) -> CardState {
        s.apply(card, CARD, rating, now).unwrap().0
    }

    #[test]
    fn first_answer_from_new() {
        let s = plain();
        let now = ts(NOON);
        let next = s.next_states(&CardState::new(now), CARD, now).unwrap();
        let w = &fsrs::DEFAULT_PARAMETERS;
        // (rating, state, step, due, label, initial stability w[rating-1])
        let table = [
            (Rating::Again, State::Learning, 0, now + 60, "1m", w[0]),
            // Hard on the first step: halfway between 1m and 10m.
            (Rating::Hard, State::Learning, 0, now + 330, "6m", w[1]),
            (Rating::Good, State::Learning, 1, now + 600, "10m", w[2]),
            // Easy skips the steps: FSRS interval = stability at 90% retention, 8.3 -> 8 days,
            // due at 04:00 UTC eight local days later.
            (
                Rating::Easy,
                State::Review,
                0,
                ts("2026-01-18T04:00:00Z"),
                "8d",
                w[3],
            ),
        ];
        for (rating, state, step, due, label, stability) in table {
            let p = next.get(rating);
            assert_eq!(p.card.state, state, "{rating:?}");
            assert_eq!(p.card.step, step, "{rating:?}");
            assert_eq!(p.card.due, due, "{rating:?}");
            assert_eq!(p.interval, label, "{rating:?}");
            assert_eq!(p.card.stability, stability, "{rating:?}");
            assert_eq!(p.card.reps, 1);
            assert_eq!(p.card.lapses, 0);
            assert_eq!(p.card.last_review, Some(now));
        }
        assert_eq!(next.easy.card.scheduled_days, 8);
        assert_eq!(next.good.card.scheduled_days, 0);
    }

    #[test]
    fn learning_steps_table() {
        let s = plain();
        let now = ts(NOON);
        let at_step = |step| CardState {
            state: State::Learning,
            step,
            ..answer(&s, &CardState::new(now), Rating::Again, now)
        };
        let later = now + 600;
        // (current step, rating, Some((next step, delay)) or None = graduates)
        let table = [
            (0, Rating::Again, Some((0, 60))),
            (0, Rating::Hard, Some((0, 330))),
            (0, Rating::Good, Some((1, 600))),
            (0, Rating::Easy, None),
            (1, Rating::Again, Some((0, 60))),
            // Hard on a later step repeats it.
            (1, Rating::Hard, Some((1, 600))),
            (1, Rating::Good, None),
            (1, Rating::Easy, None),
            // A step index beyond shortened steps is treated as the last step.
            (5, Rating::Good, None),
        ];
        for (step, rating, want) in table {
            let after = answer(&s, &at_step(step), rating, later);
            match want {
                Some((next_step, delay)) => {
                    assert_eq!(after.state, State::Learning, "{step} {rating:?}");
                    assert_eq!(after.step, next_step, "{step} {rating:?}");
                    assert_eq!(after.due, later + delay, "{step} {rating:?}");
                }
                None => {
                    assert_eq!(after.state, State::Review, "{step} {rating:?}");
                    assert!(after.scheduled_days >= 1);
                    let due_day = s.clock().day_number(later) + i64::from(after.scheduled_days);
                    assert_eq!(after.due, s.clock().day_start(due_day).unwrap());
                }
            }
        }
    }

    #[test]
    fn hard_delay_with_a_single_step() {
        // One 10-minute step: Hard waits 15 minutes; one 1-day step: Hard waits 1.5 days,
        // capped at step + 1 day for long steps.
        assert_eq!(hard_delay_secs(&[10], 0), 900);
        assert_eq!(hard_delay_secs(&[1440], 0), 129_600);
        assert_eq!(hard_delay_secs(&[4320], 0), 4320 * 60 + 86_400);
    }

    #[test]
    fn graduation_good_then_good() {
        let s = plain();
        let now = ts(NOON);
        let c1 = answer(&s, &CardState::new(now), Rating::Good, now);
        let c2 = answer(&s, &c1, Rating::Good, now + 600);
        assert_eq!((c2.state, c2.step, c2.reps), (State::Review, 0, 2));
        // Same-day answers use FSRS's short-term stability; the interval is that stability
        // (90% retention), rounded, at least 1 day, due at the next 04:00 local.
        let want = c2.stability.round().max(1.0) as u32;
        assert_eq!(c2.scheduled_days, want);
        assert_eq!(
            c2.due,
            ts("2026-01-11T04:00:00Z") + i64::from(want - 1) * SECS_PER_DAY
        );
        // Easy from a learning step is longer than Good from it.
        let next = s.next_states(&c1, CARD, now + 600).unwrap();
        assert!(next.easy.card.scheduled_days > next.good.card.scheduled_days);
    }

    #[test]
    fn interday_learning_step_lands_on_day_start() {
        let s = cfg(|c| c.learning_steps_mins = vec![10, 1440]);
        let now = ts(NOON);
        let c1 = answer(&s, &CardState::new(now), Rating::Good, now);
        assert_eq!((c1.state, c1.step), (State::Learning, 1));
        assert_eq!(c1.due, ts("2026-01-11T04:00:00Z"));
    }

    #[test]
    fn lapse_and_relearning() {
        let s = plain();
        let now = ts(NOON);
        let card = review_card(20.0, 20, 20, now);
        let (lapsed, record) = s.apply(&card, CARD, Rating::Again, now).unwrap();
        assert_eq!((lapsed.state, lapsed.step), (State::Relearning, 0));
        assert_eq!((lapsed.lapses, lapsed.reps), (1, 7));
        assert_eq!(lapsed.due, now + 600);
        assert!(lapsed.stability < card.stability);
        assert_eq!(record.state_before, State::Review);
        assert_eq!((record.elapsed_days, record.scheduled_days), (20, 20));
        let p = record.predicted_recall.unwrap();
        assert!((p - 0.9).abs() < 1e-3, "{p}");

        // Again during relearning restarts the step and is not another lapse.
        let again = answer(&s, &lapsed, Rating::Again, now + 600);
        assert_eq!((again.state, again.lapses), (State::Relearning, 1));
        // Good on the last relearning step goes back to review.
        let back = answer(&s, &lapsed, Rating::Good, now + 600);
        assert_eq!((back.state, back.lapses), (State::Review, 1));
        assert!(back.scheduled_days >= 1);

        // Without relearning steps a lapse goes straight back to review.
        let s = cfg(|c| c.relearning_steps_mins.clear());
        let direct = answer(&s, &card, Rating::Again, now);
        assert_eq!((direct.state, direct.lapses), (State::Review, 1));
        assert!(direct.scheduled_days >= 1);
    }

    #[test]
    fn no_learning_steps_graduates_every_answer() {
        let s = cfg(|c| c.learning_steps_mins.clear());
        let now = ts(NOON);
        let next = s.next_states(&CardState::new(now), CARD, now).unwrap();
        let days: Vec<u32> = Rating::ALL
            .iter()
            .map(|&r| {
                assert_eq!(next.get(r).card.state, State::Review);
                next.get(r).card.scheduled_days
            })
            .collect();
        assert!(days[1] < days[2] && days[2] < days[3], "{days:?}");
    }

    #[test]
    fn passing_never_shorter_than_previous_interval() {
        let s = cfg(|c| c.enable_fuzz = true);
        let now = ts(NOON);
        // (stability, scheduled days, elapsed days): low stability makes FSRS want short
        // intervals; the previous interval still holds after a pass.
        let table = [
            (3.0, 30, 30),
            (10.0, 30, 45),
            (5.0, 12, 12),
            (50.0, 60, 20),
            (2.0, 3, 3),
        ];
        for (stability, scheduled, elapsed) in table {
            for id in 0..200 {
                let card = review_card(stability, scheduled, elapsed, now);
                let next = s.next_states(&card, id, now).unwrap();
                let [hard, good, easy] = [Rating::Hard, Rating::Good, Rating::Easy]
                    .map(|r| next.get(r).card.scheduled_days);
                let previous = scheduled.min(elapsed as u32);
                assert!(hard >= previous, "{stability} {scheduled}: hard {hard}");
                assert!(good > previous, "{stability} {scheduled}: good {good}");
                assert!(hard < good && good < easy, "{hard} {good} {easy}");
            }
        }
    }

    #[test]
    fn maximum_interval_caps_everything() {
        let s = cfg(|c| {
            c.maximum_interval_days = 20;
            c.enable_fuzz = true;
        });
        let now = ts(NOON);
        for id in 0..100 {
            let card = review_card(300.0, 15, 15, now);
            let next = s.next_states(&card, id, now).unwrap();
            for r in Rating::ALL {
                assert!(next.get(r).card.scheduled_days <= 20, "{r:?}");
            }
            // Fuzz near the cap spreads downwards; ordering still holds below it.
            let [hard, good, easy] =
                [Rating::Hard, Rating::Good, Rating::Easy].map(|r| next.get(r).card.scheduled_days);
            assert!(hard < good || good == 20, "{hard} {good}");
            assert!(good < easy || easy == 20, "{good} {easy}");
        }
        // With maximum 1 day, every pass is 1 day (Again relearns).
        let s = cfg(|c| c.maximum_interval_days = 1);
        let next = s
            .next_states(&review_card(300.0, 1, 1, now), CARD, now)
            .unwrap();
        assert!(
            Rating::ALL[1..]
                .iter()
                .all(|&r| next.get(r).card.scheduled_days == 1)
        );
    }

    #[test]
    fn fuzz_is_deterministic_per_card_and_reps() {
        let s = cfg(|c| c.enable_fuzz = true);
        let now = ts(NOON);
        let card = review_card(60.0, 50, 50, now);
        let a = s.next_states(&card, 7, now).unwrap();
        assert_eq!(a, s.next_states(&card, 7, now).unwrap());
        let goods: std::collections::BTreeSet<u32> = (0..100)
            .map(|id| {
                s.next_states(&card, id, now)
                    .unwrap()
                    .good
                    .card
                    .scheduled_days
            })
            .collect();
        assert!(goods.len() > 3, "fuzz should spread intervals: {goods:?}");
        // Without fuzz every card gets the same interval.
        let plain = plain();
        let plain_goods: std::collections::BTreeSet<u32> = (0..100)
            .map(|id| {
                plain
                    .next_states(&card, id, now)
                    .unwrap()
                    .good
                    .card
                    .scheduled_days
            })
            .collect();
        assert_eq!(plain_goods.len(), 1);
    }

    #[test]
    fn review_due_is_local_day_start() {
        // (zone, now, expected due for a 1-day interval)
        let table = [
            ("UTC", "2026-01-10T12:00:00Z", "2026-01-11T04:00:00Z"),
            // 07:00 EST on the 10th; the next day starts 04:00 EST = 09:00Z.
            (
                "America/New_York",
                "2026-01-10T12:00:00Z",
                "2026-01-11T09:00:00Z",
            ),
            // 21:00 JST on the 10th; the next day starts 04:00 JST = 19:00Z on the 10th.
            ("Asia/Tokyo", "2026-01-10T12:00:00Z", "2026-01-10T19:00:00Z"),
            // Saturday evening before the spring-forward night (23-hour Sunday).
            (
                "America/New_York",
                "2026-03-07T23:00:00Z",
                "2026-03-08T08:00:00Z",
            ),
            // Saturday before Berlin falls back (25-hour Sunday).
            (
                "Europe/Berlin",
                "2026-10-24T12:00:00Z",
                "2026-10-25T03:00:00Z",
            ),
        ];
        for (zone, now, due) in table {
            let s = cfg(|c| {
                c.time_zone = zone.to_string();
                c.maximum_interval_days = 1;
            });
            let now = ts(now);
            let after = answer(&s, &review_card(10.0, 1, 1, now), Rating::Good, now);
            assert_eq!(after.due, ts(due), "{zone}");
        }
    }

    #[test]
    fn elapsed_days_follow_local_nights() {
        // Answered 23:00 local, next at 09:00 local: FSRS sees 1 day in every zone.
        for (zone, last, now) in [
            ("UTC", "2026-01-10T23:00:00Z", "2026-01-11T09:00:00Z"),
            (
                "America/New_York",
                "2026-01-11T04:00:00Z",
                "2026-01-11T14:00:00Z",
            ),
            ("Asia/Tokyo", "2026-01-10T14:00:00Z", "2026-01-11T00:00:00Z"),
            (
                "America/New_York",
                "2026-03-08T04:00:00Z",
                "2026-03-08T13:00:00Z",
            ),
            (
                "Europe/Berlin",
                "2026-10-24T21:00:00Z",
                "2026-10-25T08:00:00Z",
            ),
        ] {
            let s = cfg(|c| c.time_zone = zone.to_string());
            let mut card = review_card(10.0, 1, 0, ts(now));
            card.last_review = Some(ts(last));
            let (_, record) = s.apply(&card, CARD, Rating::Good, ts(now)).unwrap();
            assert_eq!(record.elapsed_days, 1, "{zone}");
        }
    }

    #[test]
    fn idempotent_replay() {
        let s = cfg(|c| {
            c.enable_fuzz = true;
            c.time_zone = "Europe/Berlin".to_string();
        });
        let start = ts("2026-10-20T08:00:00Z");
        // (seconds after start, rating): learning, graduation, reviews across the DST change,
        // a lapse and relearning.
        let script = [
            (0, Rating::Again),
            (60, Rating::Good),
            (700, Rating::Good),
            (86_400 * 2, Rating::Good),
            (86_400 * 7, Rating::Hard),
            (86_400 * 20, Rating::Again),
            (86_400 * 20 + 600, Rating::Good),
            (86_400 * 25, Rating::Easy),
        ];
        let run = || {
            let mut card = CardState::new(start);
            let mut log = Vec::new();
            for (offset, rating) in script {
                let (next, record) = s.apply(&card, CARD, rating, start + offset).unwrap();
                log.push((next.clone(), record));
                card = next;
            }
            log
        };
        let first = run();
        assert_eq!(first, run());
        let last = &first.last().unwrap().0;
        assert_eq!((last.reps, last.lapses, last.state), (8, 1, State::Review));
    }

    #[test]
    fn retrievability_table() {
        let s = plain();
        let now = ts(NOON);
        assert_eq!(s.retrievability(&CardState::new(now), now), None);
        // (stability, elapsed days, expected recall): R(S) = 90% by definition of stability.
        let table = [
            (10.0, 10, 0.9),
            (10.0, 0, 1.0),
            (1.0, 1, 0.9),
            (100.0, 0, 1.0),
        ];
        for (stability, elapsed, want) in table {
            let r = s
                .retrievability(&review_card(stability, 1, elapsed, now), now)
                .unwrap();
            assert!((r - want).abs() < 1e-4, "{stability} {elapsed}: {r}");
        }
        // Lower after longer, higher with more stability.
        let r = |st, el| s.retrievability(&review_card(st, 1, el, now), now).unwrap();
        assert!(r(10.0, 20) < r(10.0, 10) && r(20.0, 10) > r(10.0, 10));
        // Same local day: the fraction of the day counts.
        let mut card = review_card(1.0, 0, 0, now);
        card.last_review = Some(now - 6 * 3600);
        let same_day = s.retrievability(&card, now).unwrap();
        assert!(same_day < 1.0 && same_day > 0.9, "{same_day}");
        // The free function agrees.
        let cfg = s.config().clone();
        assert_eq!(retrievability(&cfg, &card, now).unwrap(), Some(same_day));
    }

    #[test]
    fn invalid_cards_are_rejected() {
        let s = plain();
        let now = ts(NOON);
        let mut card = review_card(10.0, 10, 10, now);
        card.stability = 0.0;
        assert!(matches!(
            s.next_states(&card, CARD, now),
            Err(ScheduleError::InvalidCard(_))
        ));
        let mut card = review_card(10.0, 10, 10, now);
        card.last_review = None;
        assert!(s.apply(&card, CARD, Rating::Good, now).is_err());
    }

    #[test]
    fn new_card_record() {
        let cfg = SchedulerConfig::default();
        let now = ts(NOON);
        let (card, record) = apply(&cfg, &CardState::new(now), CARD, Rating::Good, now).unwrap();
        assert_eq!(record.predicted_recall, None);
        assert_eq!((record.state_before, record.elapsed_days), (State::New, 0));
        assert_eq!(record.stability, card.stability);
        assert_eq!(record.desired_retention, 0.9);
        let labels = next_states(&cfg, &CardState::new(now), CARD, now).unwrap();
        assert_eq!(labels.again.interval, "1m");
    }

    #[test]
    fn higher_retention_shorter_intervals() {
        let now = ts(NOON);
        let card = review_card(30.0, 30, 30, now);
        let good = |r: f32| {
            cfg(|c| c.desired_retention = r)
                .next_states(&card, CARD, now)
                .unwrap()
                .good
                .card
                .scheduled_days
        };
        assert!(good(0.95) < good(0.9) && good(0.9) < good(0.8));
    }

    #[test]
    fn interval_labels() {
        let d = SECS_PER_DAY;
        let table = [
            (30, "30s"),
            (60, "1m"),
            (330, "6m"),
            (600, "10m"),
            (3_600, "1h"),
            (5_400, "1.5h"),
            (d, "1d"),
            (4 * d, "4d"),
            (30 * d, "30d"),
            (31 * d, "1mo"),
            (95 * d, "3.1mo"),
            (365 * d, "1y"),
            (548 * d, "1.5y"),
        ];
        for (secs, want) in table {
            assert_eq!(format_interval(secs), want, "{secs}");
        }
    }
}
