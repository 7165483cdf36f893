//! Offline evaluation of the scheduler's recall predictions on a review-log CSV
//! (format in [`super::revlog_csv`]), the way srs-benchmark does it.
//!
//! Per user, the prediction targets (every review after a card's first) are sorted by time
//! (date, then file order; file order alone when the file has no dates) and split like
//! sklearn's `TimeSeriesSplit(n_splits=5)`: the last 5/6 of the targets form five equal test
//! folds, each predicted by a model fitted on everything before it. Models:
//!
//! - FSRS-6 optimized per user, as the server does it: [`optimize`] on the fold's training
//!   history, adopted if [`should_adopt`] prefers it to the previous fold's parameters
//!   (defaults at first); defaults while there is too little data.
//! - FSRS-6 with default parameters.
//! - AVG: the training set's recall rate, a constant.
//! - The file's own `ext_p` prediction (e.g. SuperMemo's), when every test target has one.
//!
//! Each user's test predictions are pooled into log loss, RMSE(bins) and AUC; the report gives
//! the plain mean over users and the mean weighted by test reviews.

use std::collections::HashMap;
use std::fmt::Write as _;

use fsrs::{FSRS, FSRSItem, FSRSReview, MemoryState};
use serde::Serialize;

pub use super::metrics::Metrics;
use super::metrics::{Prediction, r_matrix_bin};
use super::optimize::{CardHistory, HistoryReview, decay_of, optimize, should_adopt};
use super::revlog_csv::{CsvUser, parse_revlog_csv};
use super::{Result, ScheduleError};

/// Number of test folds (srs-benchmark and the README's reference numbers use 5).
pub const N_SPLITS: usize = 5;
/// Name of the model the server runs.
pub const MODEL_OPTIMIZED: &str = "FSRS-6 optimized per user (as configured)";
/// Name of FSRS-6 with the crate's default parameters.
pub const MODEL_DEFAULT: &str = "FSRS-6 default parameters";
/// Name of the constant training-set mean.
pub const MODEL_AVG: &str = "AVG (train-set mean)";
/// Name of the file's own `ext_p` prediction.
pub const MODEL_EXT: &str = "External prediction (ext_p column)";

/// One model's metrics averaged over users.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelReport {
    /// Model name.
    pub model: String,
    /// Plain mean over users.
    pub unweighted: Metrics,
    /// Mean over users weighted by their number of test reviews.
    pub weighted: Metrics,
}

/// One model's metrics for one user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserModelMetrics {
    /// Model name.
    pub model: String,
    /// Its metrics on this user's pooled test folds.
    pub metrics: Metrics,
}

/// Results for one user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserReport {
    /// User name from the file.
    pub user: String,
    /// Reviews in the file.
    pub reviews: usize,
    /// Prediction targets (reviews after each card's first).
    pub targets: usize,
    /// Targets in the five test folds.
    pub test_targets: usize,
    /// Folds in which the optimized model kept its previous (or default) parameters: too little
    /// data, or the new parameters did not fit the training history better.
    pub folds_kept_previous_params: usize,
    /// Metrics per model.
    pub models: Vec<UserModelMetrics>,
}

/// The evaluation of a whole file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Number of test folds per user.
    pub folds: usize,
    /// Users with fewer than `folds + 1` targets, left out.
    pub skipped_users: Vec<String>,
    /// Reviews of the evaluated users.
    pub reviews: usize,
    /// Prediction targets of the evaluated users.
    pub targets: usize,
    /// Test targets of the evaluated users.
    pub test_targets: usize,
    /// Averages per model.
    pub models: Vec<ModelReport>,
    /// Per-user results.
    pub users: Vec<UserReport>,
}

/// Evaluate the scheduler's predictions on a review-log CSV (see the module docs).
pub fn evaluate_csv(text: &str) -> Result<EvalReport> {
    let parsed = parse_revlog_csv(text)?;
    let mut users = Vec::new();
    let mut skipped_users = Vec::new();
    for user in &parsed {
        match evaluate_user(user)? {
            Some(report) => users.push(report),
            None => skipped_users.push(user.name.clone()),
        }
    }
    if users.is_empty() {
        return Err(ScheduleError::NotEnoughData(format!(
            "no user has the {} prediction targets a {N_SPLITS}-fold split needs",
            N_SPLITS + 1
        )));
    }
    Ok(EvalReport {
        folds: N_SPLITS,
        skipped_users,
        reviews: users.iter().map(|u| u.reviews).sum(),
        targets: users.iter().map(|u| u.targets).sum(),
        test_targets: users.iter().map(|u| u.test_targets).sum(),
        models: average_models(&users),
        users,
    })
}

/// A prediction target: review `seq` (>= 1) of card `card`.
#[derive(Debug, Clone, Copy)]
struct Target {
    card: usize,
    seq: usize,
}

/// A user's reviews in time order.
struct Timeline<'a> {
    user: &'a CsvUser,
    /// `rank[card][seq]`: position of the review in time order.
    rank: Vec<Vec<i64>>,
    /// Prediction targets in time order.
    targets: Vec<Target>,
}

impl<'a> Timeline<'a> {
    fn new(user: &'a CsvUser) -> Timeline<'a> {
        let mut order: Vec<Target> = user
            .cards
            .iter()
            .enumerate()
            .flat_map(|(card, c)| (0..c.reviews.len()).map(move |seq| Target { card, seq }))
            .collect();
        let review = |t: &Target| &user.cards[t.card].reviews[t.seq];
        let dated = order.iter().all(|t| review(t).date.is_some());
        order.sort_by_key(|t| (if dated { review(t).date } else { None }, review(t).line));
        let mut rank: Vec<Vec<i64>> = user
            .cards
            .iter()
            .map(|c| vec![0; c.reviews.len()])
            .collect();
        for (position, t) in order.iter().enumerate() {
            rank[t.card][t.seq] = position as i64;
        }
        order.retain(|t| t.seq > 0);
        Timeline {
            user,
            rank,
            targets: order,
        }
    }

    /// sklearn `TimeSeriesSplit` test folds as `start..end` ranges of `targets`.
    fn folds(&self) -> Vec<(usize, usize)> {
        let n = self.targets.len();
        let size = n / (N_SPLITS + 1);
        if size == 0 {
            return Vec::new();
        }
        (0..N_SPLITS)
            .map(|i| {
                let start = n - (N_SPLITS - i) * size;
                (start, start + size)
            })
            .collect()
    }

    /// Each card's reviews up to its last training target, for the optimizer.
    fn history(&self, train: &[Target]) -> Vec<CardHistory> {
        let mut last_seq: Vec<Option<usize>> = vec![None; self.user.cards.len()];
        for t in train {
            last_seq[t.card] = last_seq[t.card].max(Some(t.seq));
        }
        let cards = self.user.cards.iter().zip(&self.rank).zip(last_seq);
        cards
            .filter_map(|((card, rank), last)| {
                let reviews = card.reviews[..=last?]
                    .iter()
                    .zip(rank)
                    .map(|(r, &time)| HistoryReview {
                        time,
                        rating: r.rating,
                        delta_days: r.delta_t,
                    })
                    .collect();
                Some(CardHistory {
                    card_id: card.card_id,
                    reviews,
                })
            })
            .collect()
    }

    fn outcome(&self, t: &Target) -> bool {
        self.user.cards[t.card].reviews[t.seq].rating.is_pass()
    }

    /// srs-benchmark bin of a target (see [`r_matrix_bin`]).
    fn bin(&self, t: &Target) -> (u32, u32, u32) {
        let reviews = &self.user.cards[t.card].reviews[..=t.seq];
        let long_term = reviews.iter().filter(|r| r.delta_t > 0).count() as u32;
        let lapses = reviews[..t.seq]
            .iter()
            .filter(|r| r.delta_t > 0 && !r.rating.is_pass())
            .count() as u32;
        r_matrix_bin(reviews[t.seq].delta_t, long_term, lapses)
    }

    fn predictions(&self, test: &[Target], p: impl Fn(&Target) -> f64) -> Vec<Prediction> {
        test.iter()
            .map(|t| Prediction {
                p: p(t),
                y: self.outcome(t),
                bin: self.bin(t),
            })
            .collect()
    }

    /// FSRS's recall predictions for `test` with `params`: each card's memory state after the
    /// reviews before the target, decayed over the target's `delta_t`.
    fn fsrs_predictions(&self, test: &[Target], params: &[f32]) -> Result<Vec<Prediction>> {
        let fsrs = FSRS::new(params)?;
        let decay = decay_of(params)?;
        let mut last_seq: HashMap<usize, usize> = HashMap::new();
        for t in test {
            let seq = last_seq.entry(t.card).or_default();
            *seq = (*seq).max(t.seq);
        }
        let mut states: HashMap<usize, Vec<MemoryState>> = HashMap::new();
        for (card, seq) in last_seq {
            states.insert(
                card,
                fsrs.historical_memory_states(self.item(card, seq), None)?,
            );
        }
        Ok(self.predictions(test, |t| {
            let state = states[&t.card][t.seq - 1];
            let delta_t = self.user.cards[t.card].reviews[t.seq].delta_t as f32;
            f64::from(fsrs::current_retrievability(state, delta_t, decay))
        }))
    }

    /// The reviews of `card` before review `seq`, as an FSRS item.
    fn item(&self, card: usize, seq: usize) -> FSRSItem {
        let reviews = self.user.cards[card].reviews[..seq]
            .iter()
            .map(|r| FSRSReview {
                rating: r.rating.number(),
                delta_t: r.delta_t,
            })
            .collect();
        FSRSItem { reviews }
    }
}

/// Pooled test predictions of one user per model.
#[derive(Default)]
struct Pooled {
    optimized: Vec<Prediction>,
    default: Vec<Prediction>,
    avg: Vec<Prediction>,
    ext: Option<Vec<Prediction>>,
}

fn evaluate_user(user: &CsvUser) -> Result<Option<UserReport>> {
    let timeline = Timeline::new(user);
    let folds = timeline.folds();
    if folds.is_empty() {
        return Ok(None);
    }
    let ext_p = |t: &Target| user.cards[t.card].reviews[t.seq].ext_p;
    let has_ext = timeline.targets[folds[0].0..]
        .iter()
        .all(|t| ext_p(t).is_some());
    let mut pooled = Pooled {
        ext: has_ext.then(Vec::new),
        ..Pooled::default()
    };
    let mut params: Vec<f32> = Vec::new();
    let mut kept = 0;
    for &(start, end) in &folds {
        let (train, test) = (&timeline.targets[..start], &timeline.targets[start..end]);
        let history = timeline.history(train);
        match optimize(&history)? {
            Some(new) if should_adopt(&new, &params, &history) => params = new,
            _ => kept += 1,
        }
        pooled
            .optimized
            .extend(timeline.fsrs_predictions(test, &params)?);
        pooled.default.extend(timeline.fsrs_predictions(test, &[])?);
        let mean = train.iter().filter(|t| timeline.outcome(t)).count() as f64 / start as f64;
        pooled.avg.extend(timeline.predictions(test, |_| mean));
        if let Some(ext) = &mut pooled.ext {
            ext.extend(timeline.predictions(test, |t| ext_p(t).unwrap_or(f64::NAN)));
        }
    }
    let mut models = vec![
        named(MODEL_OPTIMIZED, &pooled.optimized),
        named(MODEL_DEFAULT, &pooled.default),
        named(MODEL_AVG, &pooled.avg),
    ];
    if let Some(ext) = &pooled.ext {
        models.push(named(MODEL_EXT, ext));
    }
    Ok(Some(UserReport {
        user: user.name.clone(),
        reviews: user.cards.iter().map(|c| c.reviews.len()).sum(),
        targets: timeline.targets.len(),
        test_targets: pooled.avg.len(),
        folds_kept_previous_params: kept,
        models,
    }))
}

fn named(model: &str, predictions: &[Prediction]) -> UserModelMetrics {
    UserModelMetrics {
        model: model.to_string(),
        metrics: Metrics::of(predictions),
    }
}

/// Mean metrics per model over users (a model missing for some user, like `ext_p`, is
/// reported only if every user has it).
fn average_models(users: &[UserReport]) -> Vec<ModelReport> {
    let names: Vec<&String> = users[0].models.iter().map(|m| &m.model).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let per_user: Option<Vec<(Metrics, f64)>> = users
                .iter()
                .map(|u| {
                    let m = u.models.iter().find(|m| &m.model == name)?;
                    Some((m.metrics, u.test_targets as f64))
                })
                .collect();
            let per_user = per_user?;
            Some(ModelReport {
                model: name.clone(),
                unweighted: mean(per_user.iter().map(|(m, _)| (*m, 1.0))),
                weighted: mean(per_user.iter().copied()),
            })
        })
        .collect()
}

/// Weighted mean of metrics (AUC over the users that have one).
fn mean(items: impl Iterator<Item = (Metrics, f64)> + Clone) -> Metrics {
    let avg = |f: &dyn Fn(&Metrics) -> Option<f64>| {
        let (sum, weight) = items
            .clone()
            .fold((0.0, 0.0), |(s, w), (m, wt)| match f(&m) {
                Some(v) => (s + v * wt, w + wt),
                None => (s, w),
            });
        (weight > 0.0).then(|| sum / weight)
    };
    Metrics {
        log_loss: avg(&|m| Some(m.log_loss)).unwrap_or(f64::NAN),
        rmse_bins: avg(&|m| Some(m.rmse_bins)).unwrap_or(f64::NAN),
        auc: avg(&|m| m.auc),
    }
}

impl EvalReport {
    /// Plain-text table of the results.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let kept: usize = self
            .users
            .iter()
            .map(|u| u.folds_kept_previous_params)
            .sum();
        let _ = writeln!(
            out,
            "{} user(s) evaluated ({} skipped), {} reviews, {} targets, {} test targets; \
             {}-fold time-series split per user",
            self.users.len(),
            self.skipped_users.len(),
            self.reviews,
            self.targets,
            self.test_targets,
            self.folds
        );
        let _ = writeln!(
            out,
            "optimizer kept previous/default parameters in {kept} of {} folds",
            self.users.len() * self.folds
        );
        for (title, weighted) in [
            ("Mean over users", false),
            ("Weighted by test reviews", true),
        ] {
            let _ = writeln!(out, "\n{title}");
            table_header(&mut out, "model");
            for m in &self.models {
                let metrics = if weighted { &m.weighted } else { &m.unweighted };
                table_row(&mut out, &m.model, metrics);
            }
        }
        if self.users.len() > 1 {
            let _ = writeln!(out, "\nPer user, {MODEL_OPTIMIZED}");
            table_header(&mut out, "user (test targets)");
            for u in &self.users {
                let label = format!("{} ({})", u.user, u.test_targets);
                table_row(&mut out, &label, &u.models[0].metrics);
            }
        }
        out
    }
}

const NAME_WIDTH: usize = 44;

fn table_header(out: &mut String, first: &str) {
    let _ = writeln!(
        out,
        "{first:<NAME_WIDTH$} {:>9} {:>11} {:>7}",
        "log loss", "RMSE(bins)", "AUC"
    );
}

fn table_row(out: &mut String, name: &str, m: &Metrics) {
    let auc = m.auc.map_or("-".to_string(), |a| format!("{a:.3}"));
    let _ = writeln!(
        out,
        "{name:<NAME_WIDTH$} {:>9.4} {:>11.4} {auc:>7}",
        m.log_loss, m.rmse_bins
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny synthetic log: `cards` cards per user, 6 reviews each on growing intervals;
    /// card c is forgotten at review 3 when c.is_multiple_of(3). Dates make the time order explicit.
    fn synthetic_csv(users: &[&str], cards: usize) -> String {
        let mut text = String::from("user,card_id,seq,date,delta_t,rating,y,ext_p\n");
        for user in users {
            for c in 0..cards {
                let mut day = jiff::civil::date(2024, 1, 1) + jiff::Span::new().days(c as i64 % 9);
                for (seq, gap) in [0, 1, 3, 7, 15, 30].into_iter().enumerate() {
                    day += jiff::Span::new().days(gap);
                    let forgot = seq == 3 && c.is_multiple_of(3);
                    let (rating, y) = match seq {
                        0 => (3, String::new()),
                        _ if forgot => (1, "0".to_string()),
                        _ => (3, "1".to_string()),
                    };
                    let ext = if seq == 0 { "" } else { "0.85" };
                    let _ = writeln!(text, "{user},{c},{seq},{day},{gap},{rating},{y},{ext}");
                }
            }
        }
        text
    }

    #[test]
    fn evaluates_a_tiny_synthetic_log() {
        let report = evaluate_csv(&synthetic_csv(&["ann", "bob"], 12)).unwrap();
        assert_eq!(report.users.len(), 2);
        assert_eq!((report.reviews, report.targets), (144, 120));
        // 60 targets per user: 5 folds of 60 / 6 = 10.
        assert_eq!(report.test_targets, 100);
        let names: Vec<&str> = report.models.iter().map(|m| m.model.as_str()).collect();
        assert_eq!(
            names,
            [MODEL_OPTIMIZED, MODEL_DEFAULT, MODEL_AVG, MODEL_EXT]
        );
        for m in &report.models {
            for metrics in [&m.unweighted, &m.weighted] {
                assert!(
                    metrics.log_loss.is_finite() && metrics.log_loss > 0.0,
                    "{m:?}"
                );
                assert!((0.0..=1.0).contains(&metrics.rmse_bins), "{m:?}");
            }
        }
        // 72 reviews per user is below the optimizer's minimum: defaults in every fold.
        assert!(
            report
                .users
                .iter()
                .all(|u| u.folds_kept_previous_params == N_SPLITS)
        );
        assert_eq!(report.models[0].unweighted, report.models[1].unweighted);
        // Both users have the same data: weighted equals unweighted.
        let (u, w) = (report.models[2].unweighted, report.models[2].weighted);
        assert!((u.log_loss - w.log_loss).abs() < 1e-12, "{u:?} {w:?}");
        assert!(
            (u.auc.unwrap() - w.auc.unwrap()).abs() < 1e-12,
            "{u:?} {w:?}"
        );
        let table = report.to_table();
        assert!(
            table.contains(MODEL_AVG) && table.contains("bob (50)"),
            "{table}"
        );
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["models"][0]["model"], MODEL_OPTIMIZED);
    }

    #[test]
    fn optimizer_runs_with_enough_data() {
        let report = evaluate_csv(&synthetic_csv(&["cat"], 150)).unwrap();
        let user = &report.users[0];
        // 900 reviews: every fold trains on well over 100 reviews.
        assert!(user.folds_kept_previous_params < N_SPLITS, "{user:?}");
        assert!(report.models[0].unweighted.log_loss.is_finite());
    }

    #[test]
    fn splits_like_sklearn() {
        // 13 targets: test size 13 / 6 = 2, folds start at 13 - 10 = 3.
        let csv = "user,card_id,seq,date,delta_t,rating,y\n".to_string()
            + &(0..14)
                .map(|s| {
                    format!(
                        "u,1,{s},,{},3,{}\n",
                        s.min(1),
                        if s == 0 { "" } else { "1" }
                    )
                })
                .collect::<String>();
        let users = parse_revlog_csv(&csv).unwrap();
        let timeline = Timeline::new(&users[0]);
        assert_eq!(
            timeline.folds(),
            vec![(3, 5), (5, 7), (7, 9), (9, 11), (11, 13)]
        );
        let history = timeline.history(&timeline.targets[..5]);
        assert_eq!(history[0].reviews.len(), 6);
    }

    #[test]
    fn time_order_uses_dates_then_file_order() {
        let csv = "user,card_id,seq,date,delta_t,rating,y\n\
                   u,1,0,2024-01-05,0,3,\n\
                   u,2,0,2024-01-01,0,3,\n\
                   u,2,1,2024-01-03,2,3,1\n\
                   u,1,1,2024-01-06,1,1,0\n";
        let users = parse_revlog_csv(csv).unwrap();
        let timeline = Timeline::new(&users[0]);
        assert_eq!(timeline.rank, vec![vec![2, 3], vec![0, 1]]);
        let cards: Vec<usize> = timeline.targets.iter().map(|t| t.card).collect();
        assert_eq!(cards, [1, 0]);
    }

    #[test]
    fn too_small_is_an_error() {
        let csv = "user,card_id,seq,date,delta_t,rating,y\nu,1,0,,0,3,\nu,1,1,,1,3,1\n";
        assert!(matches!(
            evaluate_csv(csv),
            Err(ScheduleError::NotEnoughData(_))
        ));
        let err = evaluate_csv("user,card_id,seq,date,delta_t,rating,y\nu,1,0,,0,7,\n");
        assert!(matches!(err, Err(ScheduleError::Csv { line: 2, .. })));
    }
}
