//! The student's progress page: reviews per day (heatmap) and streak, the due forecast, true
//! retention against the target, calibration of the predicted recall, and the weakest
//! questions. Charts are SVG drawn by the template from the numbers computed here: readable
//! without JavaScript, each with a table as its text alternative.

use actix_web::{HttpResponse, web};
use askama::Template;
use rusqlite::{Connection, params};
use std::collections::HashMap;

use super::error::Result;
use super::session::{Ctx, CurrentUser};
use super::{Chrome, page};
use crate::db::study;
use crate::schedule::{CardState, DayClock, Scheduler, SchedulerConfig};
use crate::startup::AppState;

/// Days shown in the heatmap (53 weeks, as Anki and GitHub do).
const HEATMAP_DAYS: i64 = 371;
/// Days shown in the forecast.
const FORECAST_DAYS: i64 = 30;
/// How many of the weakest questions to list.
const WEAKEST: usize = 10;
/// Heatmap cell size and gap in SVG units.
const CELL: i64 = 12;
const GAP: i64 = 2;

/// One heatmap cell: position, colour level 0–4 and its tooltip.
pub struct Cell {
    pub x: i64,
    pub y: i64,
    pub level: u8,
    pub title: String,
}

/// One forecast bar: position, height and label.
pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub height: i64,
    pub label: String,
    pub count: usize,
}

/// One calibration row: predicted range, mean predicted, actual share, count.
pub struct Bin {
    pub range: String,
    pub predicted: String,
    pub actual: String,
    pub count: usize,
    pub predicted_x: i64,
    pub actual_x: i64,
    pub y: i64,
}

pub struct WeakQuestion {
    pub prompt: String,
    pub lapses: i64,
    pub leech: bool,
    pub recall: String,
    pub link: String,
}

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    chrome: Chrome,
    streak: i64,
    reviews_30: usize,
    retention: Option<String>,
    target: String,
    retention_count: i64,
    cells: Vec<Cell>,
    heatmap_width: i64,
    months: Vec<(String, usize)>,
    bars: Vec<Bar>,
    forecast_total: usize,
    bins: Vec<Bin>,
    weakest: Vec<WeakQuestion>,
}

pub async fn show_progress(
    ctx: Ctx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let user = user.0;
    let conn = state.reads.get()?;
    let now = state.clock.now();
    let prefs = study::study_prefs(&conn, user.id)?;
    let clock = DayClock::new(&user.time_zone, prefs.day_start_hour)
        .or_else(|_| DayClock::new("UTC", prefs.day_start_hour))
        .map_err(|e| super::error::AppError::Internal(e.into()))?;
    let today = clock.day_number(now);
    let days = review_days(
        &conn,
        user.id,
        &clock,
        clock.day_start(today - HEATMAP_DAYS).unwrap_or(0),
    )?;
    let (retention, retention_count) = true_retention(&conn, user.id, now - 30 * 86_400)?;
    let target = average_target(&conn, user.id)?;
    let forecast = forecast(&conn, user.id, &clock, now)?;
    let sched = Scheduler::new(&SchedulerConfig {
        params: prefs.params.clone(),
        ..SchedulerConfig::default()
    })
    .map_err(|e| super::error::AppError::Internal(e.into()))?;
    page(&ProgressPage {
        chrome: Chrome::new(&ctx),
        streak: streak(&days, today),
        reviews_30: (today - 29..=today)
            .map(|d| days.get(&d).copied().unwrap_or(0))
            .sum(),
        retention: retention.map(|r| format!("{:.0}%", r * 100.0)),
        target: format!("{:.0}%", target * 100.0),
        retention_count,
        cells: heatmap(&days, today),
        heatmap_width: (HEATMAP_DAYS / 7 + 1) * (CELL + GAP) + 30,
        months: months(&days, today),
        forecast_total: forecast.iter().sum(),
        bars: bars(&forecast, today),
        bins: calibration(&conn, user.id)?,
        weakest: weakest(&conn, &sched, user.id, now)?,
    })
}

/// Reviews per local day since `since`.
fn review_days(
    conn: &Connection,
    user_id: i64,
    clock: &DayClock,
    since: i64,
) -> Result<HashMap<i64, usize>> {
    let mut stmt = conn.prepare_cached(
        "SELECT reviewed_at FROM reviews WHERE user_id = ?1 AND reviewed_at >= ?2",
    )?;
    let mut days = HashMap::new();
    for ts in stmt.query_map(params![user_id, since], |r| r.get::<_, i64>(0))? {
        *days.entry(clock.day_number(ts?)).or_insert(0) += 1;
    }
    Ok(days)
}

/// Consecutive days with at least one review, ending today (or yesterday, if today has none yet).
pub fn streak(days: &HashMap<i64, usize>, today: i64) -> i64 {
    let studied = |d: i64| days.get(&d).is_some_and(|n| *n > 0);
    let mut day = if studied(today) { today } else { today - 1 };
    let mut n = 0;
    while studied(day) {
        n += 1;
        day -= 1;
    }
    n
}

/// Share of review-state answers recalled (Anki's "true retention"), over reviews since `since`.
fn true_retention(conn: &Connection, user_id: i64, since: i64) -> Result<(Option<f64>, i64)> {
    let (n, passed): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(rating > 1), 0) FROM reviews WHERE user_id = ?1 AND reviewed_at >= ?2 AND state_before = 'review'",
        params![user_id, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(((n > 0).then(|| passed as f64 / n as f64), n))
}

/// The desired retention of the student's courses (mean), for comparison.
fn average_target(conn: &Connection, user_id: i64) -> Result<f64> {
    let r: Option<f64> = conn.query_row(
        "SELECT avg(coalesce(p.desired_retention, c.desired_retention)) FROM course_members m JOIN courses c ON c.id = m.course_id
         LEFT JOIN course_prefs p ON p.user_id = m.user_id AND p.course_id = c.id WHERE m.user_id = ?1",
        [user_id],
        |r| r.get(0),
    )?;
    Ok(r.unwrap_or(crate::schedule::config::DEFAULT_DESIRED_RETENTION as f64))
}

/// Level 0–4 for a count, relative to the busiest day (a 5-step scale with a legend).
fn level(n: usize, max: usize) -> u8 {
    if n == 0 || max == 0 {
        0
    } else {
        (1 + (n * 4 - 1) / max).min(4) as u8
    }
}

fn date_label(day: i64, format: &str) -> String {
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(day))
        .map(|d| d.strftime(format).to_string())
        .unwrap_or_default()
}

/// Cells by week column (Monday at the top), the last column holding today.
fn heatmap(days: &HashMap<i64, usize>, today: i64) -> Vec<Cell> {
    let max = days.values().copied().max().unwrap_or(0);
    // 1970-01-01 was a Thursday: weekday 0 = Monday.
    let weekday = |d: i64| (d + 3).rem_euclid(7);
    let first = today - weekday(today) - (HEATMAP_DAYS / 7) * 7;
    (first..=today)
        .map(|d| {
            let n = days.get(&d).copied().unwrap_or(0);
            Cell {
                x: 30 + (d - first) / 7 * (CELL + GAP),
                y: 16 + weekday(d) * (CELL + GAP),
                level: level(n, max),
                title: format!(
                    "{}: {n} review{}",
                    date_label(d, "%-d %b %Y"),
                    if n == 1 { "" } else { "s" }
                ),
            }
        })
        .collect()
}

/// Reviews per month over the heatmap's span, newest first (the table alternative).
fn months(days: &HashMap<i64, usize>, today: i64) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for d in (today - HEATMAP_DAYS..=today).rev() {
        let label = date_label(d, "%B %Y");
        let n = days.get(&d).copied().unwrap_or(0);
        match out.last_mut() {
            Some((l, total)) if *l == label => *total += n,
            _ => out.push((label, n)),
        }
    }
    out
}

/// Reviews due on each of the next days (today first; overdue counts as today).
fn forecast(conn: &Connection, user_id: i64, clock: &DayClock, now: i64) -> Result<Vec<usize>> {
    let today = clock.day_number(now);
    let end = clock
        .day_start(today + FORECAST_DAYS)
        .unwrap_or(now + FORECAST_DAYS * 86_400);
    let mut counts = vec![0; FORECAST_DAYS as usize];
    for due in study::due_between(conn, user_id, None, i64::MIN, end)? {
        let i = (clock.day_number(due) - today).max(0) as usize;
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
    }
    Ok(counts)
}

/// Forecast bars in a 300×100 area.
fn bars(counts: &[usize], today: i64) -> Vec<Bar> {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let height = (n as i64 * 90) / max as i64;
            Bar {
                x: 30 + i as i64 * 10,
                y: 100 - height,
                height,
                count: n,
                label: date_label(today + i as i64, "%a %-d %b"),
            }
        })
        .collect()
}

/// Predicted recall against actual recall, by decile of the prediction.
fn calibration(conn: &Connection, user_id: i64) -> Result<Vec<Bin>> {
    let mut stmt = conn.prepare_cached("SELECT predicted_recall, rating > 1 FROM reviews WHERE user_id = ?1 AND predicted_recall IS NOT NULL")?;
    let mut bins = [(0.0f64, 0usize, 0usize); 10];
    for row in stmt.query_map([user_id], |r| {
        Ok((r.get::<_, f64>(0)?, r.get::<_, bool>(1)?))
    })? {
        let (p, recalled) = row?;
        let i = ((p * 10.0) as usize).min(9);
        bins[i].0 += p;
        bins[i].1 += 1;
        bins[i].2 += usize::from(recalled);
    }
    Ok(bins
        .iter()
        .enumerate()
        .filter(|(_, b)| b.1 > 0)
        .enumerate()
        .map(|(row, (i, &(sum, n, passed)))| {
            let (p, a) = (sum / n as f64, passed as f64 / n as f64);
            Bin {
                range: format!("{}–{}%", i * 10, i * 10 + 10),
                predicted: format!("{:.0}%", p * 100.0),
                actual: format!("{:.0}%", a * 100.0),
                count: n,
                predicted_x: 60 + (p * 200.0) as i64,
                actual_x: 60 + (a * 200.0) as i64,
                y: 10 + row as i64 * 16,
            }
        })
        .collect())
}

/// Questions with the most lapses, then the lowest retrievability now.
fn weakest(
    conn: &Connection,
    sched: &Scheduler,
    user_id: i64,
    now: i64,
) -> Result<Vec<WeakQuestion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, c.reps, c.lapses, c.scheduled_days,
                q.prompt, q.slug, s.slug, co.code
         FROM cards c JOIN questions q ON q.id = c.question_id AND q.status = 'active'
         JOIN question_sets s ON s.id = q.set_id AND s.published = 1 JOIN courses co ON co.id = c.course_id
         WHERE c.user_id = ?1 AND c.state != 'new'",
    )?;
    let mut rows: Vec<(i64, f32, WeakQuestion)> = stmt
        .query_map([user_id], |r| {
            let state: String = r.get(0)?;
            let card = CardState {
                state: serde_json::from_value(serde_json::Value::String(state))
                    .unwrap_or(crate::schedule::State::Review),
                step: r.get(1)?,
                stability: r.get(2)?,
                difficulty: r.get(3)?,
                due: r.get(4)?,
                last_review: r.get(5)?,
                reps: r.get(6)?,
                lapses: r.get(7)?,
                scheduled_days: r.get(8)?,
            };
            let prompt: String = r.get(9)?;
            let (slug, set, code): (String, String, String) = (r.get(10)?, r.get(11)?, r.get(12)?);
            let recall = sched.retrievability(&card, now).unwrap_or(0.0);
            Ok((
                i64::from(card.lapses),
                recall,
                WeakQuestion {
                    prompt: if prompt.is_empty() {
                        "Fill in the gap".into()
                    } else {
                        prompt
                    },
                    lapses: i64::from(card.lapses),
                    leech: card.lapses >= crate::schedule::LEECH_LAPSES,
                    recall: format!("{:.0}%", recall * 100.0),
                    link: format!("/courses/{code}/sets/{set}/practice?q={slug}"),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)));
    Ok(rows.into_iter().take(WEAKEST).map(|r| r.2).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streak_counts_back_from_today_or_yesterday() {
        let days: HashMap<i64, usize> = [(10, 3), (9, 1), (8, 2), (6, 1)].into_iter().collect();
        assert_eq!(streak(&days, 10), 3);
        assert_eq!(
            streak(&days, 11),
            3,
            "today not studied yet keeps yesterday's streak"
        );
        assert_eq!(streak(&days, 12), 0);
    }

    #[test]
    fn levels_use_five_steps() {
        assert_eq!(level(0, 10), 0);
        assert_eq!(level(1, 10), 1);
        assert_eq!(level(10, 10), 4);
        assert_eq!(level(5, 10), 2);
    }

    #[test]
    fn heatmap_ends_today_with_weeks_as_columns() {
        let cells = heatmap(&HashMap::new(), 20_000);
        assert!(cells.len() >= HEATMAP_DAYS as usize);
        assert!(cells.last().unwrap().title.contains("0 reviews"));
        assert!(
            cells
                .iter()
                .all(|c| c.y >= 16 && c.y < 16 + 7 * (CELL + GAP))
        );
    }
}
