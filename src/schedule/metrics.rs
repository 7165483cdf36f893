//! Prediction metrics of the srs-benchmark: log loss, RMSE(bins) and AUC.

use std::collections::HashMap;

use serde::Serialize;

/// Predictions are kept inside `[EPS, 1 - EPS]` for the log loss so one confident miss cannot
/// make it infinite (FSRS never predicts 0 or 1 for a review a day or more later, so this does
/// not change its figures).
const EPS: f64 = 1e-7;

/// Log loss, RMSE(bins) and AUC of one set of predictions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    /// Mean binary cross-entropy (lower is better).
    pub log_loss: f64,
    /// srs-benchmark calibration error over (interval, review count, lapse) bins.
    pub rmse_bins: f64,
    /// Area under the ROC curve; `None` when every label is the same.
    pub auc: Option<f64>,
}

/// One prediction: predicted recall, the actual outcome and its RMSE bin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// Predicted probability of recall.
    pub p: f64,
    /// Whether the card was recalled.
    pub y: bool,
    /// The srs-benchmark bin ([`r_matrix_bin`]).
    pub bin: (u32, u32, u32),
}

impl Metrics {
    /// All three metrics of `predictions` (which must not be empty).
    pub fn of(predictions: &[Prediction]) -> Metrics {
        Metrics {
            log_loss: log_loss(predictions),
            rmse_bins: rmse_bins(predictions),
            auc: auc(predictions),
        }
    }
}

/// Mean binary cross-entropy.
pub fn log_loss(predictions: &[Prediction]) -> f64 {
    let total: f64 = predictions
        .iter()
        .map(|x| {
            let p = x.p.clamp(EPS, 1.0 - EPS);
            if x.y { -p.ln() } else { -(1.0 - p).ln() }
        })
        .sum();
    total / predictions.len() as f64
}

/// The srs-benchmark RMSE(bins), as fsrs-rs computes it (`rmse_bins` over
/// `FSRSItem::r_matrix_index`): per bin the squared gap between mean prediction and mean
/// outcome, weighted by the bin's size, then the root of the weighted mean.
pub fn rmse_bins(predictions: &[Prediction]) -> f64 {
    // bin -> (sum of predictions, sum of outcomes, count)
    let mut bins: HashMap<(u32, u32, u32), (f64, f64, f64)> = HashMap::new();
    for x in predictions {
        let entry = bins.entry(x.bin).or_default();
        entry.0 += x.p;
        entry.1 += f64::from(u8::from(x.y));
        entry.2 += 1.0;
    }
    let (sum, weight) = bins.values().fold((0.0, 0.0), |(sum, weight), (p, y, n)| {
        (sum + (p / n - y / n).powi(2) * n, weight + n)
    });
    (sum / weight).sqrt()
}

/// The srs-benchmark bin of a prediction (fsrs-rs `FSRSItem::r_matrix_index`): the interval
/// `delta_t` (days), the number of reviews on a later day up to and including this one
/// (`long_term_reviews`) plus one, and the earlier lapses (Again on a later day).
pub fn r_matrix_bin(delta_t: u32, long_term_reviews: u32, lapses: u32) -> (u32, u32, u32) {
    let delta_t = f64::from(delta_t);
    let delta_t_bin = (2.48 * 3.62f64.powf(delta_t.log(3.62).floor()) * 100.0).round() as u32;
    let length = f64::from(long_term_reviews) + 1.0;
    let length_bin = (1.99 * 1.89f64.powf(length.log(1.89).floor())).round() as u32;
    if lapses == 0 {
        return (delta_t_bin, length_bin, 0);
    }
    let lapse_bin = (1.65 * 1.73f64.powf(f64::from(lapses).log(1.73).floor())).round() as u32;
    (delta_t_bin, length_bin, lapse_bin)
}

/// Area under the ROC curve (Mann-Whitney U with tied predictions sharing their mean rank);
/// `None` if all outcomes are the same.
pub fn auc(predictions: &[Prediction]) -> Option<f64> {
    let mut sorted: Vec<&Prediction> = predictions.iter().collect();
    sorted.sort_by(|a, b| a.p.total_cmp(&b.p));
    let positives = sorted.iter().filter(|x| x.y).count() as f64;
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    let mut rank_sum = 0.0;
    let mut start = 0;
    while start < sorted.len() {
        let end = start + sorted[start..].partition_point(|x| x.p == sorted[start].p);
        // Ranks start..end (1-based start+1 ..= end) share their mean.
        let mean_rank = (start + 1 + end) as f64 / 2.0;
        rank_sum += mean_rank * sorted[start..end].iter().filter(|x| x.y).count() as f64;
        start = end;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preds(values: &[(f64, bool)]) -> Vec<Prediction> {
        values
            .iter()
            .map(|&(p, y)| Prediction {
                p,
                y,
                bin: (0, 0, 0),
            })
            .collect()
    }

    #[test]
    fn log_loss_values() {
        let x = preds(&[(0.9, true), (0.9, false)]);
        let want = (-(0.9f64.ln()) - 0.1f64.ln()) / 2.0;
        assert!((log_loss(&x) - want).abs() < 1e-12);
        // A certain miss is large but finite.
        assert!(log_loss(&preds(&[(1.0, false)])).is_finite());
    }

    /// (predictions as (p, recalled), expected AUC)
    type AucCase = (&'static [(f64, bool)], f64);

    #[test]
    fn auc_values() {
        let table: [AucCase; 4] = [
            (&[(0.1, false), (0.9, true)], 1.0),
            (&[(0.9, false), (0.1, true)], 0.0),
            (&[(0.5, false), (0.5, true)], 0.5),
            (
                &[(0.2, true), (0.4, false), (0.6, true), (0.8, true)],
                2.0 / 3.0,
            ),
        ];
        for (values, want) in table {
            let got = auc(&preds(values)).unwrap();
            assert!((got - want).abs() < 1e-12, "{values:?}");
        }
        assert_eq!(auc(&preds(&[(0.3, true), (0.6, true)])), None);
    }

    #[test]
    fn rmse_bins_values() {
        // One bin: mean prediction 0.8, mean outcome 0.5.
        let x = preds(&[(0.7, true), (0.9, false)]);
        assert!((rmse_bins(&x) - 0.3).abs() < 1e-12);
        // Two bins of sizes 1 and 3 with gaps 0.5 and 0.1.
        let mut x = preds(&[(0.5, true), (0.9, true), (0.9, true), (0.9, true)]);
        x[0].bin = (1, 0, 0);
        let want = ((0.25 + 3.0 * 0.01) / 4.0f64).sqrt();
        assert!((rmse_bins(&x) - want).abs() < 1e-12);
    }

    #[test]
    fn bins_match_fsrs_rs() {
        // (delta_t, long-term reviews, lapses) -> bin, computed with the formulas of fsrs-rs
        // `r_matrix_index` by hand.
        let table = [
            ((1, 0, 0), (248, 2, 0)),
            ((1, 1, 0), (248, 4, 0)),
            ((3, 1, 0), (248, 4, 0)),
            ((4, 2, 0), (898, 4, 0)),
            ((30, 5, 1), (3250, 7, 2)),
        ];
        for (input, want) in table {
            assert_eq!(r_matrix_bin(input.0, input.1, input.2), want, "{input:?}");
        }
    }
}
