//! Interval fuzz, ported from Anki (`rslib/src/scheduler/states/fuzz.rs`), which FSRS's own
//! schedulers (py-fsrs, ts-fsrs) use too.
//!
//! Cards learned together would otherwise stay due together. The fuzz is deterministic: the
//! random factor comes from the card id and its review count (Anki seeds its RNG with the same
//! two numbers), so reloading the answer buttons shows the same intervals.

/// Intervals (days) shorter than this are never fuzzed (Anki: `interval < 2.5 => delta 0`).
pub const MIN_FUZZ_INTERVAL: f32 = 2.5;

/// Base fuzz of every fuzzed interval, in days (Anki starts its fold at `1.0`).
const BASE_FUZZ_DAYS: f32 = 1.0;

/// One band of Anki's fuzz: the part of the interval in `start..end` days adds `factor` of
/// itself to the fuzz delta.
struct FuzzRange {
    start: f32,
    end: f32,
    factor: f32,
}

/// Anki's `FUZZ_RANGES`: ±15% of the days in 2.5–7, ±10% of 7–20, ±5% beyond 20.
const FUZZ_RANGES: [FuzzRange; 3] = [
    FuzzRange {
        start: MIN_FUZZ_INTERVAL,
        end: 7.0,
        factor: 0.15,
    },
    FuzzRange {
        start: 7.0,
        end: 20.0,
        factor: 0.1,
    },
    FuzzRange {
        start: 20.0,
        end: f32::MAX,
        factor: 0.05,
    },
];

/// Half-width of the fuzz range, in days, for an interval of `interval` days.
pub fn fuzz_delta(interval: f32) -> f32 {
    if interval < MIN_FUZZ_INTERVAL {
        return 0.0;
    }
    FUZZ_RANGES.iter().fold(BASE_FUZZ_DAYS, |delta, range| {
        delta + range.factor * (interval.min(range.end) - range.start).max(0.0)
    })
}

/// The inclusive range `(lower, upper)` of fuzzed intervals, kept within
/// `minimum..=maximum` (Anki's `constrained_fuzz_bounds`).
pub fn fuzz_bounds(interval: f32, minimum: u32, maximum: u32) -> (u32, u32) {
    let minimum = minimum.min(maximum);
    let interval = interval.clamp(minimum as f32, maximum as f32);
    let delta = fuzz_delta(interval);
    let lower = ((interval - delta).round().max(1.0) as u32).clamp(minimum, maximum);
    let mut upper = ((interval + delta).round() as u32).clamp(minimum, maximum);
    // Anki: give intervals above 2 days at least two choices unless pinned at the maximum.
    if upper == lower && upper > 2 && upper < maximum {
        upper = lower + 1;
    }
    (lower, upper)
}

/// Whole-day interval for `interval` days within `minimum..=maximum`; with a fuzz `factor`
/// in `[0, 1)` it is picked uniformly from [`fuzz_bounds`], without it rounded.
pub fn fuzzed_interval(interval: f32, minimum: u32, maximum: u32, factor: Option<f64>) -> u32 {
    let minimum = minimum.min(maximum);
    match factor {
        Some(factor) => {
            let (lower, upper) = fuzz_bounds(interval, minimum, maximum);
            let span = f64::from(upper - lower + 1);
            (lower + (factor * span).floor() as u32).min(upper)
        }
        None => (interval.round().max(0.0) as u32).clamp(minimum, maximum),
    }
}

/// The fuzz factor in `[0, 1)` for a card about to get its `reps + 1`-th answer.
pub fn fuzz_factor(card_id: i64, reps: u32) -> f64 {
    let mixed = splitmix64(splitmix64(card_id as u64) ^ u64::from(reps));
    // Top 53 bits -> a uniform double in [0, 1).
    (mixed >> 11) as f64 / (1u64 << 53) as f64
}

/// SplitMix64 finalizer (Steele, Lea & Flood 2014): a cheap, well-mixed 64-bit hash.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_table() {
        // (interval, expected half-width): 1 + 15% of 2.5..7 + 10% of 7..20 + 5% beyond 20.
        let table = [
            (1.0, 0.0),
            (2.49, 0.0),
            (2.5, 1.0),
            (7.0, 1.675),
            (20.0, 2.975),
            (100.0, 6.975),
        ];
        for (interval, want) in table {
            let got = fuzz_delta(interval);
            assert!((got - want).abs() < 1e-4, "{interval}: {got} != {want}");
        }
    }

    #[test]
    fn bounds_table() {
        // (interval, min, max, expected inclusive bounds)
        let table = [
            (1.0, 1, 36500, (1, 1)),
            (2.4, 1, 36500, (2, 2)),
            (2.5, 1, 36500, (2, 4)),
            (10.0, 1, 36500, (8, 12)),
            (100.0, 1, 36500, (93, 107)),
            // The minimum lifts both the interval and the lower bound.
            (10.0, 11, 36500, (11, 13)),
            // The maximum caps everything.
            (100.0, 1, 50, (46, 50)),
            (100.0, 1, 1, (1, 1)),
            // A minimum above the maximum yields the maximum.
            (5.0, 90, 60, (60, 60)),
        ];
        for (interval, min, max, want) in table {
            assert_eq!(
                fuzz_bounds(interval, min, max),
                want,
                "{interval} [{min},{max}]"
            );
        }
    }

    #[test]
    fn no_fuzz_below_two_and_a_half_days() {
        for card_id in 0..200 {
            for interval in [0.3f32, 1.0, 1.6, 2.0, 2.49] {
                let factor = Some(fuzz_factor(card_id, 3));
                let want = interval.round().max(1.0) as u32;
                assert_eq!(fuzzed_interval(interval, 1, 36500, factor), want);
            }
        }
    }

    #[test]
    fn fuzz_stays_in_range_and_spreads() {
        for interval in [2.5f32, 4.0, 7.0, 15.0, 30.0, 365.0] {
            let (lower, upper) = fuzz_bounds(interval, 1, 36500);
            let got: Vec<u32> = (0..500)
                .map(|id| fuzzed_interval(interval, 1, 36500, Some(fuzz_factor(id, 5))))
                .collect();
            assert!(
                got.iter().all(|d| (lower..=upper).contains(d)),
                "{interval}"
            );
            assert_eq!(
                got.iter().min(),
                Some(&lower),
                "{interval} never hits lower"
            );
            assert_eq!(
                got.iter().max(),
                Some(&upper),
                "{interval} never hits upper"
            );
        }
    }

    #[test]
    fn factor_is_deterministic_and_differs_across_cards() {
        assert_eq!(fuzz_factor(42, 7), fuzz_factor(42, 7));
        assert_ne!(fuzz_factor(42, 7), fuzz_factor(43, 7));
        assert_ne!(fuzz_factor(42, 7), fuzz_factor(42, 8));
        let factors: Vec<f64> = (0..1000).map(|id| fuzz_factor(id, 0)).collect();
        assert!(factors.iter().all(|f| (0.0..1.0).contains(f)));
        let mean = factors.iter().sum::<f64>() / factors.len() as f64;
        assert!((mean - 0.5).abs() < 0.05, "mean {mean}");
    }

    #[test]
    fn without_factor_rounds_and_clamps() {
        assert_eq!(fuzzed_interval(10.4, 1, 36500, None), 10);
        assert_eq!(fuzzed_interval(0.2, 1, 36500, None), 1);
        assert_eq!(fuzzed_interval(400.0, 1, 365, None), 365);
    }
}
