//! Per-student FSRS parameter optimisation, run off the request path.
//!
//! After a review, if the student's history has grown enough since the last fit, a background
//! task fits new parameters on the blocking pool and adopts them only if they predict the
//! student's own history better than the current ones. One task per student at a time.

use std::collections::{HashMap, HashSet};

use actix_web::web;

use crate::db::study;
use crate::schedule::{MIN_REVIEWS_FOR_OPTIMIZATION, log_loss, optimize, should_adopt};
use crate::startup::AppState;

/// Re-fit when the history has grown by half since the last fit (Anki suggests re-optimising
/// after substantial growth; a fit costs about a second per 80k reviews).
const GROWTH_FACTOR: f64 = 1.5;

/// Answers between two checks of whether a student's parameters are due a re-fit. The check
/// reads the student's review count; since a re-fit waits for the history to grow by half, being
/// up to this many answers late does not matter, and answering does not pay for two reads.
const CHECK_EVERY: u32 = 16;

/// Students whose parameters are being fitted now, and answers per student since the last check.
#[derive(Default)]
pub struct Optimizing {
    running: HashSet<i64>,
    answers: HashMap<i64, u32>,
}

/// Starts a background fit for `user_id` if it is due and none is running.
pub fn maybe_optimize(state: &web::Data<AppState>, user_id: i64) {
    {
        let mut o = state.optimizing.lock().unwrap_or_else(|e| e.into_inner());
        let n = o.answers.entry(user_id).or_default();
        // The first answer after a start is checked, then every CHECK_EVERY-th.
        let check = n.is_multiple_of(CHECK_EVERY);
        *n = n.wrapping_add(1);
        if !check {
            return;
        }
    }
    let due = (|| -> anyhow::Result<bool> {
        let conn = state.reads.get()?;
        let n = study::review_count(&conn, user_id)?;
        let prefs = study::study_prefs(&conn, user_id)?;
        let threshold = ((prefs.params_reviews as f64) * GROWTH_FACTOR)
            .max(MIN_REVIEWS_FOR_OPTIMIZATION as f64);
        Ok(n as f64 >= threshold)
    })()
    .unwrap_or(false);
    if !due {
        return;
    }
    {
        let mut o = state.optimizing.lock().unwrap_or_else(|e| e.into_inner());
        if !o.running.insert(user_id) {
            return;
        }
    }
    let state = state.clone();
    actix_web::rt::spawn(async move {
        if let Err(e) = fit_and_store(&state, user_id).await {
            tracing::warn!("optimising parameters for user {user_id} failed: {e:#}");
        }
        state
            .optimizing
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .running
            .remove(&user_id);
    });
}

async fn fit_and_store(state: &web::Data<AppState>, user_id: i64) -> anyhow::Result<()> {
    let reads = state.reads.clone();
    let outcome = web::block(move || -> anyhow::Result<(Vec<f32>, i64, Option<f64>)> {
        // Read what the fit needs, then give the connection back before the long computation.
        let (history, current) = {
            let conn = reads.get()?;
            (
                study::review_history(&conn, user_id)?,
                study::study_prefs(&conn, user_id)?.params,
            )
        };
        let reviews = history.iter().map(|h| h.reviews.len()).sum::<usize>() as i64;
        let chosen = match optimize(&history)? {
            Some(new) if should_adopt(&new, &current, &history) => new,
            _ => current,
        };
        let loss = log_loss(&chosen, &history).ok().flatten().map(f64::from);
        Ok((chosen, reviews, loss))
    })
    .await??;
    let (params, reviews, loss) = outcome;
    let json = serde_json::to_string(&params)?;
    let now = state.clock.now();
    state
        .writer
        .run(move |c| {
            study::set_params(c, user_id, &json, reviews, loss, now)
                .map_err(crate::web::error::AppError::from)
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}
