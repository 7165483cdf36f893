//! Per-(student, question) card state, answer ratings and the review log record.

use serde::{Deserialize, Serialize};

/// Where a card is in its life cycle (Anki's card types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Never answered.
    New,
    /// Going through the learning steps (minutes, within the day) after its first answer.
    Learning,
    /// Graduated: FSRS owns the interval, in whole local days.
    Review,
    /// Forgotten in review, going through the relearning steps.
    Relearning,
}

/// The student's answer, with FSRS / Anki numbering (Again=1 .. Easy=4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Forgotten (an auto-graded wrong answer).
    Again = 1,
    /// Recalled with difficulty.
    Hard = 2,
    /// Recalled (an auto-graded right answer).
    Good = 3,
    /// Recalled effortlessly.
    Easy = 4,
}

impl Rating {
    /// All ratings in button order.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The FSRS / Anki number of this rating (1..=4).
    pub fn number(self) -> u32 {
        self as u32
    }

    /// The rating with FSRS / Anki number `n` (1..=4), if any.
    pub fn from_number(n: u32) -> Option<Rating> {
        Rating::ALL.get((n as usize).wrapping_sub(1)).copied()
    }

    /// Whether the answer counts as recalled (everything but Again).
    pub fn is_pass(self) -> bool {
        self != Rating::Again
    }
}

/// Scheduling state of one card (one question for one student).
///
/// Times are unix seconds (UTC). `stability` (days) and `difficulty` (1..=10) are FSRS's
/// memory state and are 0 while the card is [`State::New`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    /// Life-cycle state.
    pub state: State,
    /// Index into the learning or relearning steps (0 otherwise).
    pub step: u32,
    /// FSRS stability in days: the interval at which recall probability falls to 90%.
    pub stability: f32,
    /// FSRS difficulty, 1 (easiest) ..= 10.
    pub difficulty: f32,
    /// When the card is next due (unix seconds). Review cards are due at the start of a local day.
    pub due: i64,
    /// When the card was last answered.
    pub last_review: Option<i64>,
    /// Number of answers so far.
    pub reps: u32,
    /// Number of times the card was forgotten while in review.
    pub lapses: u32,
    /// Interval in local days given at the last answer (0 while in (re)learning steps).
    pub scheduled_days: u32,
}

impl CardState {
    /// A card never answered, due at `due` (usually the time it was added).
    pub fn new(due: i64) -> CardState {
        CardState {
            state: State::New,
            step: 0,
            stability: 0.0,
            difficulty: 0.0,
            due,
            last_review: None,
            reps: 0,
            lapses: 0,
            scheduled_days: 0,
        }
    }
}

/// What to append to the review log for one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// When the answer was given (unix seconds).
    pub time: i64,
    /// The answer.
    pub rating: Rating,
    /// The card's state before the answer.
    pub state_before: State,
    /// Local days since the previous answer (0 for a new card or a same-day answer).
    pub elapsed_days: u32,
    /// The interval (local days) the card had been scheduled with before this answer.
    pub scheduled_days: u32,
    /// The interval (local days) scheduled by this answer (0 for a (re)learning step).
    pub new_scheduled_days: u32,
    /// Predicted probability of recall just before the answer; `None` for a new card.
    pub predicted_recall: Option<f32>,
    /// The desired retention the answer was scheduled with.
    pub desired_retention: f32,
    /// FSRS stability after the answer.
    pub stability: f32,
    /// FSRS difficulty after the answer.
    pub difficulty: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_numbers_round_trip() {
        for (n, r) in (1..=4).zip(Rating::ALL) {
            assert_eq!(r.number(), n);
            assert_eq!(Rating::from_number(n), Some(r));
        }
        assert_eq!(Rating::from_number(0), None);
        assert_eq!(Rating::from_number(5), None);
    }

    #[test]
    fn card_state_serde_round_trip() {
        let card = CardState::new(1_700_000_000);
        let json = serde_json::to_string(&card).unwrap();
        assert!(json.contains("\"state\":\"new\""), "{json}");
        let back: CardState = serde_json::from_str(&json).unwrap();
        assert_eq!(back, card);
    }
}
