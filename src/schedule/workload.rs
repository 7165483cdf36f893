//! The workload a desired retention implies, from FSRS's simulator (the one behind Anki's
//! "simulate" and desired-retention advice): a student studying a course of `deck_size`
//! questions at `new_per_day` new questions a day, with their own parameters.

use super::Result;

/// Days simulated: a school year and a bit.
pub const DAYS: usize = 365;

/// What a year of study at one desired retention costs and gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub retention: f32,
    /// Answers a day (reviews and first answers), averaged over the year.
    pub answers_per_day: f32,
    /// Share of the course's questions the student would recall at the end of the year.
    pub remembered: f32,
}

/// Simulates a year of study at `retention`. Deterministic (fixed seed), so the figures on a page
/// do not change from one reload to the next.
pub fn estimate(
    params: &[f32],
    deck_size: usize,
    new_per_day: usize,
    retention: f32,
) -> Result<Workload> {
    if deck_size == 0 {
        return Ok(Workload {
            retention,
            answers_per_day: 0.0,
            remembered: 0.0,
        });
    }
    let w = if params.is_empty() {
        fsrs::DEFAULT_PARAMETERS.to_vec()
    } else {
        params.to_vec()
    };
    let config = fsrs::SimulatorConfig {
        deck_size,
        learn_span: DAYS,
        learn_limit: new_per_day,
        // No cap on a day's time: the question is what the retention costs, not what fits.
        max_cost_perday: f32::MAX,
        ..fsrs::SimulatorConfig::default()
    };
    let result = fsrs::simulate(&config, &w, retention, Some(42), None)?;
    let answers: usize = result.review_cnt_per_day.iter().sum::<usize>()
        + result.learn_cnt_per_day.iter().sum::<usize>();
    let remembered = result.memorized_cnt_per_day.last().copied().unwrap_or(0.0);
    Ok(Workload {
        retention,
        answers_per_day: answers as f32 / DAYS as f32,
        remembered: remembered / deck_size as f32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_retention_costs_more_answers_and_keeps_more_in_memory() {
        let rows: Vec<Workload> = [0.80, 0.90, 0.97]
            .iter()
            .map(|r| estimate(&[], 500, 20, *r).unwrap())
            .collect();
        assert!(rows[0].answers_per_day < rows[1].answers_per_day);
        assert!(rows[1].answers_per_day < rows[2].answers_per_day);
        assert!(rows[0].remembered < rows[2].remembered);
        // 500 questions at 20 a day are all introduced within the year: at least 500 answers.
        assert!(rows[1].answers_per_day * DAYS as f32 >= 500.0);
        assert!((0.0..=1.0).contains(&rows[2].remembered));
    }

    #[test]
    fn an_empty_course_costs_nothing() {
        let w = estimate(&[], 0, 20, 0.9).unwrap();
        assert_eq!(w.answers_per_day, 0.0);
        assert_eq!(w.remembered, 0.0);
    }
}
