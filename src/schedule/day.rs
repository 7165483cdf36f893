//! The student's local day: time zone plus the hour at which the next day starts.
//!
//! Elapsed days count local day boundaries crossed, not 24-hour blocks: an answer at 23:00 and
//! the next at 09:00 the following morning is 1 day apart. Day numbers are days since
//! 1970-01-01 on the local calendar shifted back by `day_start_hour`, so 03:00 with a 04:00
//! day start still belongs to the previous day. DST is handled by working on the local civil
//! clock (jiff's IANA database, bundled so results do not depend on the host).

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Result, ScheduleError};

/// Seconds in a civil (clock) day; local days are 23 or 25 hours long across a DST change, but
/// local clock arithmetic is always in 86,400-second days.
pub const SECS_PER_DAY: i64 = 86_400;
const SECS_PER_HOUR: i64 = 3_600;

/// A student's calendar: IANA time zone plus the local hour (0..=23) at which a new day starts.
#[derive(Debug, Clone)]
pub struct DayClock {
    tz: TimeZone,
    day_start_hour: u8,
}

impl DayClock {
    /// Look up `time_zone` (IANA name, e.g. "America/New_York") in the bundled database.
    pub fn new(time_zone: &str, day_start_hour: u8) -> Result<DayClock> {
        if day_start_hour > 23 {
            return Err(ScheduleError::InvalidConfig(format!(
                "day_start_hour must be 0..=23, got {day_start_hour}"
            )));
        }
        let tz = TimeZone::get(time_zone)
            .map_err(|_| ScheduleError::UnknownTimeZone(time_zone.to_string()))?;
        Ok(DayClock { tz, day_start_hour })
    }

    /// Local day number of `ts` (unix seconds): days since 1970-01-01, where each day starts at
    /// `day_start_hour` local time.
    pub fn day_number(&self, ts: i64) -> i64 {
        let local = ts + self.offset_seconds(ts) - self.shift_seconds();
        local.div_euclid(SECS_PER_DAY)
    }

    /// Unix seconds at which local day `day` starts (its `day_start_hour`). If that local time
    /// does not exist (DST gap) the instant just after the gap is used; if it exists twice (DST
    /// fold) the earlier one (RFC 5545 / Temporal "compatible" disambiguation).
    pub fn day_start(&self, day: i64) -> Result<i64> {
        let local_secs = day * SECS_PER_DAY + self.shift_seconds();
        let out_of_range = |_| ScheduleError::TimeOutOfRange(format!("local day {day}"));
        let civil = Timestamp::from_second(local_secs)
            .map_err(out_of_range)?
            .to_zoned(TimeZone::UTC)
            .datetime();
        let ts = self.tz.to_timestamp(civil).map_err(out_of_range)?;
        Ok(ts.as_second())
    }

    /// Local days between two answers (`0` if `now` is on the same local day or earlier).
    pub fn elapsed_days(&self, last: i64, now: i64) -> u32 {
        let days = self.day_number(now) - self.day_number(last);
        u32::try_from(days.max(0)).unwrap_or(u32::MAX)
    }

    fn offset_seconds(&self, ts: i64) -> i64 {
        // Timestamps outside jiff's range (year ±9999) fall back to UTC.
        Timestamp::from_second(ts)
            .map(|t| i64::from(self.tz.to_offset(t).seconds()))
            .unwrap_or(0)
    }

    fn shift_seconds(&self) -> i64 {
        i64::from(self.day_start_hour) * SECS_PER_HOUR
    }
}

/// Local day number of `ts` in `time_zone` with days starting at `day_start_hour`
/// (see [`DayClock::day_number`]).
pub fn day_number(ts: i64, time_zone: &str, day_start_hour: u8) -> Result<i64> {
    Ok(DayClock::new(time_zone, day_start_hour)?.day_number(ts))
}

/// Local days elapsed between `last` and `now` (see [`DayClock::elapsed_days`]).
pub fn elapsed_days(last: i64, now: i64, time_zone: &str, day_start_hour: u8) -> Result<u32> {
    Ok(DayClock::new(time_zone, day_start_hour)?.elapsed_days(last, now))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Unix seconds of an RFC 3339 instant, e.g. "2026-03-08T07:00:00Z".
    pub(crate) fn ts(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_second()
    }

    /// Day number of a civil date.
    fn day(y: i16, m: i8, d: i8) -> i64 {
        let date = jiff::civil::date(y, m, d);
        date.to_zoned(TimeZone::UTC)
            .unwrap()
            .timestamp()
            .as_second()
            / SECS_PER_DAY
    }

    #[test]
    fn day_number_table() {
        // (zone, day start hour, instant, local day it belongs to)
        let table = [
            ("UTC", 4, "2026-01-10T03:59:59Z", day(2026, 1, 9)),
            ("UTC", 4, "2026-01-10T04:00:00Z", day(2026, 1, 10)),
            ("UTC", 0, "2026-01-10T00:00:00Z", day(2026, 1, 10)),
            // New York is UTC-5 in January: 08:59Z is 03:59 local.
            (
                "America/New_York",
                4,
                "2026-01-10T08:59:00Z",
                day(2026, 1, 9),
            ),
            (
                "America/New_York",
                4,
                "2026-01-10T09:00:00Z",
                day(2026, 1, 10),
            ),
            // Tokyo is UTC+9: 18:59Z is 03:59 the next local morning.
            ("Asia/Tokyo", 4, "2026-01-10T18:59:00Z", day(2026, 1, 10)),
            ("Asia/Tokyo", 4, "2026-01-10T19:00:00Z", day(2026, 1, 11)),
            ("Asia/Tokyo", 0, "2026-01-10T15:00:00Z", day(2026, 1, 11)),
            // Before 1970 still floors correctly.
            ("UTC", 4, "1969-12-31T12:00:00Z", day(1969, 12, 31)),
        ];
        for (zone, hour, instant, want) in table {
            let got = day_number(ts(instant), zone, hour).unwrap();
            assert_eq!(got, want, "{zone} {hour}h {instant}");
        }
    }

    #[test]
    fn elapsed_days_count_nights_not_hours() {
        // (zone, last answer, next answer, elapsed local days)
        let table = [
            // 23:00 then 09:00 next morning: one night.
            ("UTC", "2026-01-10T23:00:00Z", "2026-01-11T09:00:00Z", 1),
            // 05:00 then 23:00 the same day: 18 hours, same day.
            ("UTC", "2026-01-10T05:00:00Z", "2026-01-10T23:00:00Z", 0),
            // 03:00 is still "yesterday" with a 04:00 day start.
            ("UTC", "2026-01-10T03:00:00Z", "2026-01-10T05:00:00Z", 1),
            // 23:00 and 09:00 in New York (04:00Z and 14:00Z).
            (
                "America/New_York",
                "2026-01-11T04:00:00Z",
                "2026-01-11T14:00:00Z",
                1,
            ),
            // Same two instants in Tokyo are 13:00 and 23:00 on the same day.
            (
                "Asia/Tokyo",
                "2026-01-11T04:00:00Z",
                "2026-01-11T14:00:00Z",
                0,
            ),
            // Answers out of order never give negative days.
            ("UTC", "2026-01-12T12:00:00Z", "2026-01-10T12:00:00Z", 0),
        ];
        for (zone, last, now, want) in table {
            let got = elapsed_days(ts(last), ts(now), zone, 4).unwrap();
            assert_eq!(got, want, "{zone} {last} -> {now}");
        }
    }

    #[test]
    fn dst_changes() {
        // (zone, hour, local date, start of that local day, start of the next local day)
        let table = [
            // New York springs forward 2026-03-08 02:00 EST -> 03:00 EDT: a 23-hour day.
            (
                "America/New_York",
                4,
                day(2026, 3, 8),
                "2026-03-08T08:00:00Z",
                "2026-03-09T08:00:00Z",
            ),
            (
                "America/New_York",
                4,
                day(2026, 3, 7),
                "2026-03-07T09:00:00Z",
                "2026-03-08T08:00:00Z",
            ),
            // 02:00 does not exist on 2026-03-08: the day starts at 03:00 EDT.
            (
                "America/New_York",
                2,
                day(2026, 3, 8),
                "2026-03-08T07:00:00Z",
                "2026-03-09T06:00:00Z",
            ),
            // Berlin falls back 2026-10-25 03:00 CEST -> 02:00 CET: a 25-hour day.
            (
                "Europe/Berlin",
                4,
                day(2026, 10, 24),
                "2026-10-24T02:00:00Z",
                "2026-10-25T03:00:00Z",
            ),
            // 02:00 happens twice on 2026-10-25: the earlier (CEST) one starts the day.
            (
                "Europe/Berlin",
                2,
                day(2026, 10, 25),
                "2026-10-25T00:00:00Z",
                "2026-10-26T01:00:00Z",
            ),
        ];
        for (zone, hour, d, start, next) in table {
            let clock = DayClock::new(zone, hour).unwrap();
            assert_eq!(
                clock.day_start(d).unwrap(),
                ts(start),
                "{zone} {hour}h start"
            );
            assert_eq!(
                clock.day_start(d + 1).unwrap(),
                ts(next),
                "{zone} {hour}h next"
            );
            // The day start belongs to its day, one second earlier to the day before.
            assert_eq!(clock.day_number(ts(start)), d);
            assert_eq!(clock.day_number(ts(start) - 1), d - 1);
        }
    }

    #[test]
    fn elapsed_across_dst() {
        let ny = DayClock::new("America/New_York", 4).unwrap();
        // Sat 2026-03-07 22:00 EST -> Sun 2026-03-08 09:00 EDT: one night, 10 hours.
        assert_eq!(
            ny.elapsed_days(ts("2026-03-08T03:00:00Z"), ts("2026-03-08T13:00:00Z")),
            1
        );
        // 04:30 EDT on the 8th (08:30Z) is already the 8th's day; 03:30 EDT (07:30Z) is not.
        assert_eq!(ny.day_number(ts("2026-03-08T08:30:00Z")), day(2026, 3, 8));
        assert_eq!(ny.day_number(ts("2026-03-08T07:30:00Z")), day(2026, 3, 7));
        let berlin = DayClock::new("Europe/Berlin", 4).unwrap();
        // 03:30 CET on 2026-10-25 (02:30Z) is still the 24th's day; 04:00 CET (03:00Z) is not.
        assert_eq!(
            berlin.day_number(ts("2026-10-25T02:30:00Z")),
            day(2026, 10, 24)
        );
        assert_eq!(
            berlin.day_number(ts("2026-10-25T03:00:00Z")),
            day(2026, 10, 25)
        );
    }

    #[test]
    fn bad_zone_and_hour() {
        assert!(matches!(
            DayClock::new("Nowhere/Land", 4),
            Err(ScheduleError::UnknownTimeZone(_))
        ));
        assert!(matches!(
            DayClock::new("UTC", 24),
            Err(ScheduleError::InvalidConfig(_))
        ));
    }
}
