//! Spaced-repetition scheduling for factcards: pure code, no I/O.
//!
//! The long-term model is FSRS-6 from the `fsrs` crate (the scheduler inside Anki). This module
//! adds what the crate leaves to its users (see `shared/SCHEDULING.md`):
//!
//! - [`card`]: the per-(student, question) [`CardState`], [`Rating`] and the [`ReviewRecord`]
//!   logged with each answer.
//! - [`config`]: [`SchedulerConfig`] (parameters, desired retention, steps, time zone, ...).
//! - [`scheduler`]: [`next_states`] / [`apply`] with Anki's learning-step semantics, and
//!   [`retrievability`].
//! - [`day`]: the student's local day ([`DayClock`]): time zone plus "next day starts at" hour.
//! - [`fuzz`]: deterministic interval fuzz (Anki's ranges), seeded from card id and review count.
//! - [`optimize`]: per-student parameter optimization with adoption guard.
//! - [`evaluate`]: offline evaluation on review-log CSVs (time-series split, 5 folds).
//!
//! Time is always passed in as unix seconds (UTC) and randomness is derived from card id and
//! review count, so every function here is deterministic.

pub mod card;
pub mod config;
pub mod day;
pub mod evaluate;
pub mod fuzz;
pub mod metrics;
pub mod optimize;
pub mod revlog_csv;
pub mod scheduler;
pub mod workload;

pub use card::{CardState, Rating, ReviewRecord, State};
pub use config::SchedulerConfig;
pub use day::{DayClock, day_number, elapsed_days};
pub use evaluate::{EvalReport, Metrics, ModelReport, UserReport, evaluate_csv};
pub use optimize::{
    CardHistory, HistoryReview, MIN_REVIEWS_FOR_OPTIMIZATION, log_loss, optimize, should_adopt,
};
pub use scheduler::{
    AnswerPreview, NextStates, Scheduler, apply, format_interval, next_states, retrievability,
};

/// Lapses after which a question is a "leech": studying it again the same way is unlikely to
/// help (Anki's default threshold).
pub const LEECH_LAPSES: u32 = 8;

/// Errors from the scheduling module.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// A [`SchedulerConfig`] field is out of range; the message names the field.
    #[error("invalid scheduler config: {0}")]
    InvalidConfig(String),
    /// The time zone name is not in the bundled IANA database.
    #[error("unknown time zone {0:?}")]
    UnknownTimeZone(String),
    /// A timestamp or date could not be represented (out of jiff's range).
    #[error("time out of range: {0}")]
    TimeOutOfRange(String),
    /// A stored card state is inconsistent (e.g. a reviewed card with no stability).
    #[error("invalid card state: {0}")]
    InvalidCard(String),
    /// A review history handed to the optimizer is malformed.
    #[error("invalid review history: {0}")]
    InvalidHistory(String),
    /// The `fsrs` crate rejected its input.
    #[error("fsrs: {0}")]
    Fsrs(#[from] fsrs::FSRSError),
    /// A review-log CSV line could not be parsed; `line` is 1-based and counts the header.
    #[error("line {line}: {message}")]
    Csv {
        /// 1-based line number in the CSV text (the header is line 1).
        line: usize,
        /// What was wrong with it.
        message: String,
    },
    /// The CSV held no user with enough prediction targets for a 5-fold split.
    #[error("not enough data: {0}")]
    NotEnoughData(String),
}

/// Result alias for this module.
pub type Result<T, E = ScheduleError> = std::result::Result<T, E>;
