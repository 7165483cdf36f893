//! Scheduler settings per course (a student may override some) and their validation.

use serde::{Deserialize, Serialize};

use super::day::DayClock;
use super::{Result, ScheduleError};

/// Lowest desired retention accepted: Anki's own bound (the FSRS tutorial recommends
/// 0.70–0.97; SCHEDULING.md: "bounded ~0.70–0.99"). Lower means long intervals, poor recall.
pub const MIN_DESIRED_RETENTION: f32 = 0.70;
/// Highest desired retention accepted: above 0.99 the workload explodes (intervals ~ a day).
pub const MAX_DESIRED_RETENTION: f32 = 0.99;
/// FSRS's usual target recall (Anki's default desired retention).
pub const DEFAULT_DESIRED_RETENTION: f32 = 0.90;
/// FSRS caps stability at 36,500 days (`S_MAX` in fsrs-rs), Anki's default maximum interval.
pub const MAX_INTERVAL_DAYS: u32 = 36_500;
/// Number of FSRS-6 parameters (`fsrs::DEFAULT_PARAMETERS.len()`).
pub const FSRS6_PARAM_COUNT: usize = 21;
/// Anki's default learning steps: 1 minute, 10 minutes.
pub const DEFAULT_LEARNING_STEPS_MINS: [u32; 2] = [1, 10];
/// Anki's default relearning step: 10 minutes.
pub const DEFAULT_RELEARNING_STEPS_MINS: [u32; 1] = [10];
/// Anki's default "next day starts at" hour (4 am local time).
pub const DEFAULT_DAY_START_HOUR: u8 = 4;
/// Longest accepted (re)learning step: 1 year. Longer steps are certainly a unit mistake.
pub const MAX_STEP_MINS: u32 = 365 * 24 * 60;

/// Scheduler settings. Missing fields deserialize to the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SchedulerConfig {
    /// The 21 FSRS-6 parameters; empty means the crate's defaults.
    pub params: Vec<f32>,
    /// Target probability of recall when a review falls due (0.70..=0.99).
    pub desired_retention: f32,
    /// Learning steps (minutes) for new cards; empty graduates on the first answer.
    pub learning_steps_mins: Vec<u32>,
    /// Relearning steps (minutes) after a lapse; empty goes straight back to review.
    pub relearning_steps_mins: Vec<u32>,
    /// Longest review interval in days (1..=36500).
    pub maximum_interval_days: u32,
    /// Spread review intervals a little so cards learned together do not stay together.
    pub enable_fuzz: bool,
    /// Local hour (0..=23) at which the next day starts.
    pub day_start_hour: u8,
    /// IANA time zone of the student, e.g. "Europe/Berlin".
    pub time_zone: String,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            params: Vec::new(),
            desired_retention: DEFAULT_DESIRED_RETENTION,
            learning_steps_mins: DEFAULT_LEARNING_STEPS_MINS.to_vec(),
            relearning_steps_mins: DEFAULT_RELEARNING_STEPS_MINS.to_vec(),
            maximum_interval_days: MAX_INTERVAL_DAYS,
            enable_fuzz: true,
            day_start_hour: DEFAULT_DAY_START_HOUR,
            time_zone: "UTC".to_string(),
        }
    }
}

impl SchedulerConfig {
    /// Check every field; the error names the field and the accepted range.
    pub fn validate(&self) -> Result<()> {
        validate_params(&self.params)?;
        validate_retention(self.desired_retention)?;
        validate_steps("learning_steps_mins", &self.learning_steps_mins)?;
        validate_steps("relearning_steps_mins", &self.relearning_steps_mins)?;
        if !(1..=MAX_INTERVAL_DAYS).contains(&self.maximum_interval_days) {
            return Err(invalid(format!(
                "maximum_interval_days must be 1..={MAX_INTERVAL_DAYS}, got {}",
                self.maximum_interval_days
            )));
        }
        DayClock::new(&self.time_zone, self.day_start_hour)?;
        Ok(())
    }
}

fn invalid(message: String) -> ScheduleError {
    ScheduleError::InvalidConfig(message)
}

/// Parameters must be empty (defaults) or 21 finite numbers the crate accepts.
pub(crate) fn validate_params(params: &[f32]) -> Result<()> {
    if !params.is_empty() && params.len() != FSRS6_PARAM_COUNT {
        return Err(invalid(format!(
            "params must be empty or {FSRS6_PARAM_COUNT} FSRS-6 numbers, got {}",
            params.len()
        )));
    }
    if let Some(i) = params.iter().position(|w| !w.is_finite()) {
        return Err(invalid(format!("params[{i}] is not a finite number")));
    }
    fsrs::FSRS::new(params).map_err(|e| invalid(format!("params rejected by fsrs: {e}")))?;
    Ok(())
}

fn validate_retention(r: f32) -> Result<()> {
    if (MIN_DESIRED_RETENTION..=MAX_DESIRED_RETENTION).contains(&r) {
        Ok(())
    } else {
        Err(invalid(format!(
            "desired_retention must be between {MIN_DESIRED_RETENTION:.2} and \
             {MAX_DESIRED_RETENTION:.2}, got {r}"
        )))
    }
}

fn validate_steps(field: &str, steps: &[u32]) -> Result<()> {
    match steps.iter().position(|&m| m == 0 || m > MAX_STEP_MINS) {
        Some(i) => Err(invalid(format!(
            "{field}[{i}] must be 1..={MAX_STEP_MINS} minutes, got {}",
            steps[i]
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut SchedulerConfig)) -> SchedulerConfig {
        let mut cfg = SchedulerConfig::default();
        f(&mut cfg);
        cfg
    }

    #[test]
    fn defaults_are_valid() {
        SchedulerConfig::default().validate().unwrap();
    }

    #[test]
    fn retention_bounds() {
        // (desired_retention, accepted)
        let table = [
            (0.70, true),
            (0.90, true),
            (0.99, true),
            (0.69, false),
            (0.995, false),
            (1.0, false),
            (0.0, false),
            (f32::NAN, false),
        ];
        for (r, ok) in table {
            let result = with(|c| c.desired_retention = r).validate();
            assert_eq!(result.is_ok(), ok, "retention {r}: {result:?}");
            if let Err(e) = result {
                assert!(e.to_string().contains("desired_retention"), "{e}");
            }
        }
    }

    #[test]
    fn invalid_fields_are_named() {
        let table: [(&str, SchedulerConfig); 7] = [
            ("params", with(|c| c.params = vec![0.5; 5])),
            ("params[3]", with(|c| c.params = nan_at(3))),
            (
                "learning_steps_mins[1]",
                with(|c| c.learning_steps_mins = vec![1, 0]),
            ),
            (
                "relearning_steps_mins[0]",
                with(|c| c.relearning_steps_mins = vec![0]),
            ),
            (
                "maximum_interval_days",
                with(|c| c.maximum_interval_days = 0),
            ),
            (
                "maximum_interval_days",
                with(|c| c.maximum_interval_days = 40_000),
            ),
            (
                "Mars/Olympus",
                with(|c| c.time_zone = "Mars/Olympus".into()),
            ),
        ];
        for (needle, cfg) in table {
            let err = cfg.validate().unwrap_err().to_string();
            assert!(err.contains(needle), "{needle}: {err}");
        }
        let err = with(|c| c.day_start_hour = 24).validate().unwrap_err();
        assert!(err.to_string().contains("day_start_hour"), "{err}");
    }

    #[test]
    fn partial_json_uses_defaults() {
        let cfg: SchedulerConfig =
            serde_json::from_str(r#"{"desired_retention":0.85,"time_zone":"Asia/Tokyo"}"#).unwrap();
        assert_eq!(cfg.learning_steps_mins, vec![1, 10]);
        assert_eq!(cfg.day_start_hour, 4);
        cfg.validate().unwrap();
    }

    /// Default parameters with a NaN at index `i`.
    fn nan_at(i: usize) -> Vec<f32> {
        let mut params = fsrs::DEFAULT_PARAMETERS.to_vec();
        params[i] = f32::NAN;
        params
    }
}
