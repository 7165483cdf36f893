//! Per-student FSRS parameter optimization with guards.
//!
//! The server keeps the default parameters until a student has enough reviews, computes new
//! ones with `fsrs::compute_parameters` off the request path, and adopts them only if they
//! predict that student's own history better than the current ones ([`should_adopt`]).

use fsrs::{ComputeParametersInput, FSRS, FSRSError, FSRSItem, FSRSReview};
use serde::{Deserialize, Serialize};

use super::card::Rating;
use super::{Result, ScheduleError};

/// Fewer reviews than this keep the defaults.
///
/// The crate already degrades gracefully on little data (defaults below 8 training items, only
/// the initial stabilities below 64, L2 pull towards the defaults), and [`should_adopt`] guards
/// the switch. Measured on `shared/srs-data/sm18-8users.csv` (`evaluate_csv`, mean log loss
/// over 8 users): thresholds 0..=150 all give 0.3416, 200 gives 0.3434, 400 gives 0.3476 and
/// 1,000 gives 0.3521 (defaults: 0.4083): optimizing a 100-400-review student already beats the
/// defaults out of sample. 100 keeps a floor below anything measured.
pub const MIN_REVIEWS_FOR_OPTIMIZATION: usize = 100;

/// FSRS-6 clamps the decay w20 to 0.1..=0.8 (fsrs-rs `parameter_clipper.rs`).
const DECAY_RANGE: (f32, f32) = (0.1, 0.8);

/// One answer in a card's history, as the optimizer needs it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistoryReview {
    /// When it was answered (unix seconds). Only the order matters: items are trained and
    /// recency-weighted in time order. Must not decrease within a card.
    pub time: i64,
    /// The answer (auto-graded right/wrong maps to Good/Again).
    pub rating: Rating,
    /// Local days since the card's previous answer (`ReviewRecord::elapsed_days`); 0 for the
    /// first answer and for same-day (learning-step) answers.
    pub delta_days: u32,
}

/// All answers of one card (one student, one question), oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardHistory {
    /// The card id (groups the card's training items).
    pub card_id: i64,
    /// Its answers, oldest first, starting with the first answer of the new card.
    pub reviews: Vec<HistoryReview>,
}

/// Fit FSRS-6 parameters to one student's history.
///
/// `Ok(None)` when there are fewer than [`MIN_REVIEWS_FOR_OPTIMIZATION`] reviews or nothing the
/// optimizer can learn from (no review on a later day). Uses the crate's production settings
/// (short-term parameters on, one relearning step, default training config). CPU-bound
/// (around a second for 80k reviews): run it off the request path.
pub fn optimize(history: &[CardHistory]) -> Result<Option<Vec<f32>>> {
    let reviews: usize = history.iter().map(|c| c.reviews.len()).sum();
    if reviews < MIN_REVIEWS_FOR_OPTIMIZATION {
        return Ok(None);
    }
    let (items, _card_ids) = training_items(history)?;
    if items.is_empty() {
        return Ok(None);
    }
    // Without `card_ids` the crate batches items by length (its default, and what
    // `evaluate_with_time_series_splits` does): this reproduces the srs-data reference numbers
    // exactly (anki-1user log loss 0.3234; 0.3241 with per-card windowed batches).
    let input = ComputeParametersInput {
        train_set: items,
        ..ComputeParametersInput::default()
    };
    match fsrs::compute_parameters(input) {
        Ok(params) => Ok(Some(params)),
        Err(FSRSError::NotEnoughData) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Whether `new_params` should replace `current_params` (empty = defaults): only if their log
/// loss on `history` is lower (the check Anki runs after optimizing). Invalid new parameters
/// or a history with nothing to evaluate never replace; invalid current ones always do.
pub fn should_adopt(new_params: &[f32], current_params: &[f32], history: &[CardHistory]) -> bool {
    let Ok(Some(new_loss)) = log_loss(new_params, history) else {
        return false;
    };
    match log_loss(current_params, history) {
        Ok(Some(current_loss)) => new_loss < current_loss,
        Ok(None) => false,
        Err(_) => true,
    }
}

/// Recency-weighted log loss of `params` predicting every later answer in `history` (fsrs's
/// `evaluate`, the figure Anki shows), or `None` if there is nothing to predict.
pub fn log_loss(params: &[f32], history: &[CardHistory]) -> Result<Option<f32>> {
    let fsrs = FSRS::new(params)?;
    let (items, card_ids) = training_items(history)?;
    if items.is_empty() {
        return Ok(None);
    }
    let evaluation = fsrs.evaluate_with_card_ids(items, card_ids, |_| true)?;
    Ok(Some(evaluation.log_loss))
}

/// The FSRS-6 decay (w20) in effect for `params` (empty = defaults), as the crate clamps it.
pub fn decay_of(params: &[f32]) -> Result<f32> {
    let filled = fsrs::check_and_fill_parameters(params)?;
    Ok(filled[20].clamp(DECAY_RANGE.0, DECAY_RANGE.1))
}

/// One training item per answer after a card's first, each holding the card's history up to
/// and including that answer, sorted by answer time (then card order). Items with no review
/// on a later day are dropped, as Anki does (the crate needs a long-term review per item).
pub(crate) fn training_items(history: &[CardHistory]) -> Result<(Vec<FSRSItem>, Vec<i64>)> {
    let mut keyed = Vec::new();
    for (card_index, card) in history.iter().enumerate() {
        check_order(card)?;
        let reviews: Vec<FSRSReview> = card
            .reviews
            .iter()
            .enumerate()
            .map(|(i, r)| FSRSReview {
                rating: r.rating.number(),
                delta_t: if i == 0 { 0 } else { r.delta_days },
            })
            .collect();
        for k in 1..reviews.len() {
            let item = FSRSItem {
                reviews: reviews[..=k].to_vec(),
            };
            if item.long_term_review_cnt() > 0 {
                let key = (card.reviews[k].time, card_index, k);
                keyed.push((key, item, card.card_id));
            }
        }
    }
    keyed.sort_by_key(|(key, _, _)| *key);
    Ok(keyed.into_iter().map(|(_, item, id)| (item, id)).unzip())
}

fn check_order(card: &CardHistory) -> Result<()> {
    match card.reviews.windows(2).position(|w| w[1].time < w[0].time) {
        Some(i) => Err(ScheduleError::InvalidHistory(format!(
            "card {}: review {} is older than review {}",
            card.card_id,
            i + 1,
            i
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A synthetic student: `cards` cards reviewed on a doubling schedule from day `c % 7`,
    /// forgetting whenever `(card + review) % period == 0`.
    pub(crate) fn synthetic(cards: i64, reviews: usize, period: usize) -> Vec<CardHistory> {
        (0..cards)
            .map(|card_id| {
                let mut day = card_id % 7;
                let mut gap = 0u32;
                let reviews = (0..reviews)
                    .map(|i| {
                        let forgot = i > 0 && (card_id as usize + i).is_multiple_of(period);
                        let review = HistoryReview {
                            time: day * 86_400 + card_id,
                            rating: if forgot { Rating::Again } else { Rating::Good },
                            delta_days: gap,
                        };
                        gap = if forgot { 1 } else { (gap * 2).max(1) };
                        day += i64::from(gap);
                        review
                    })
                    .collect();
                CardHistory { card_id, reviews }
            })
            .collect()
    }

    #[test]
    fn too_little_data_keeps_defaults() {
        // 9 cards x 11 reviews = 99 < 100.
        assert_eq!(optimize(&synthetic(9, 11, 5)).unwrap(), None);
        assert_eq!(optimize(&[]).unwrap(), None);
    }

    #[test]
    fn optimizes_and_adopts_when_better() {
        let history = synthetic(120, 8, 4);
        let params = optimize(&history).unwrap().expect("enough data");
        assert_eq!(params.len(), 21);
        assert!(params.iter().all(|w| w.is_finite()));
        assert!(should_adopt(&params, &[], &history));
        // Never replace parameters with themselves or with invalid ones.
        assert!(!should_adopt(&params, &params, &history));
        assert!(!should_adopt(&[1.0; 3], &params, &history));
        assert!(should_adopt(&params, &[f32::NAN; 21], &history));
        assert!(!should_adopt(&params, &[], &[]));
    }

    #[test]
    fn items_are_time_sorted_prefixes() {
        let history = vec![
            CardHistory {
                card_id: 1,
                reviews: vec![
                    HistoryReview {
                        time: 0,
                        rating: Rating::Good,
                        delta_days: 0,
                    },
                    HistoryReview {
                        time: 50,
                        rating: Rating::Good,
                        delta_days: 0,
                    },
                    HistoryReview {
                        time: 300,
                        rating: Rating::Again,
                        delta_days: 3,
                    },
                ],
            },
            CardHistory {
                card_id: 2,
                reviews: vec![
                    HistoryReview {
                        time: 10,
                        rating: Rating::Easy,
                        delta_days: 5,
                    },
                    HistoryReview {
                        time: 200,
                        rating: Rating::Good,
                        delta_days: 2,
                    },
                ],
            },
        ];
        let (items, ids) = training_items(&history).unwrap();
        // Card 1's same-day second answer has no long-term review and is dropped.
        assert_eq!(ids, vec![2, 1]);
        assert_eq!(items[0].reviews.len(), 2);
        // The first answer's delta is forced to 0.
        assert_eq!(items[0].reviews[0].delta_t, 0);
        assert_eq!(items[1].reviews.len(), 3);

        let mut bad = history.clone();
        bad[0].reviews[2].time = 1;
        let err = training_items(&bad).unwrap_err().to_string();
        assert!(err.contains("card 1"), "{err}");
    }

    #[test]
    fn decay_defaults_and_clamps() {
        assert_eq!(decay_of(&[]).unwrap(), fsrs::FSRS6_DEFAULT_DECAY);
        let mut params = fsrs::DEFAULT_PARAMETERS.to_vec();
        params[20] = 5.0;
        assert_eq!(decay_of(&params).unwrap(), 0.8);
        assert!(decay_of(&[1.0; 4]).is_err());
    }
}
