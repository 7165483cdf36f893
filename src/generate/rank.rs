//! Ranking by cheap features, then greedy selection with de-duplication and diversity.

use super::templates::{Candidate, Ctx, Kind};
use super::text::{content_tokens, norm};
use std::collections::HashSet;

/// Penalty for an answer that is the document's topic: a name it repeats, or its title.
const RECUR: f32 = 0.3;

/// Penalty for the question on the document's date line.
const META_DATE: f32 = 0.25;

/// The answer is the document's own title (its topic, e.g. the article's name).
fn is_title(answer: &str, title: &str) -> bool {
    let (a, t) = (norm(answer), norm(title));
    let a = a.strip_prefix("the ").unwrap_or(&a);
    let t = t.strip_prefix("the ").unwrap_or(&t);
    !a.is_empty() && a == t
}

/// Score a candidate, 0..~1.3 (higher is better).
pub fn score(c: &Candidate, ctx: &Ctx<'_, '_>) -> f32 {
    let mut s = c.prior;
    let order = c.sent.map_or(0.0, |i| ctx.doc.sentences[i].order);
    s += 0.12 * (1.0 - order);
    let qw = c.question.split_whitespace().count();
    if qw > 18 {
        s -= 0.012 * (qw - 18) as f32;
    }
    if qw < 5 {
        s -= 0.1;
    }
    let aw = c.answer.split_whitespace().count();
    if c.kind != Kind::List && aw > 6 {
        s -= 0.03 * (aw - 6) as f32;
    }
    if c.question.starts_with("According to") {
        s -= 0.03;
    }
    if c.question.contains("the region") || c.question.contains("the area") {
        s -= 0.05;
    }
    // the document's own date line is asked in every document; it yields to the facts of the
    // text and comes before the gap-fill items
    if c.template == "meta_date" {
        s -= META_DATE;
    }
    match c.kind {
        Kind::List => s += 0.04 + 0.01 * c.items.len().min(6) as f32,
        Kind::Number | Kind::Date | Kind::Place => s += 0.04,
        _ => {}
    }
    // answers made only of the document's most frequent names are trivia-free
    let names: Vec<String> = if c.items.is_empty() {
        vec![c.answer.clone()]
    } else {
        c.items.clone()
    };
    let freq = |n: &String| {
        let k = norm(n);
        let k = k.strip_prefix("the ").unwrap_or(&k);
        ctx.name_freq.get(k).copied().unwrap_or(0)
    };
    if names.iter().all(|n| freq(n) >= 4) {
        s -= 0.25;
    } else if !matches!(c.kind, Kind::Number | Kind::Date | Kind::List)
        && (names.iter().all(|n| freq(n) >= 2) || is_title(&c.answer, &ctx.doc.title))
    {
        // a name the document keeps repeating is its topic, not a fact worth a question
        s -= RECUR;
    }
    if let Some(i) = c.sent {
        let sent = &ctx.doc.sentences[i];
        // facts in short-to-medium sentences are easier to ask well
        let sw = sent.clean.split_whitespace().count();
        if sw > 45 {
            s -= 0.04;
        }
        if sent
            .heading
            .as_deref()
            .is_some_and(|h| h.to_lowercase().contains("reference"))
        {
            s -= 0.2;
        }
    }
    s
}

/// Pick up to `max` candidates, best first, skipping duplicates and spreading over sentences.
///
/// Ties go to the earlier sentence, then to the answer that comes first in its sentence (so the
/// order does not depend on which templates ran).
pub fn select(mut cands: Vec<(f32, Candidate)>, max: usize, text: &str) -> Vec<(f32, Candidate)> {
    let pos = |c: &Candidate| -> (usize, usize) {
        let src = text.get(c.src.0..c.src.1).unwrap_or("");
        let first = c.items.first().unwrap_or(&c.answer);
        (c.src.0, src.find(first.as_str()).unwrap_or(usize::MAX))
    };
    let mut picked: Vec<(f32, Candidate)> = Vec::new();
    // (answer, question tokens, sentence, "a list or a gap": one item of a list may also be a gap)
    let mut keys: Vec<(String, HashSet<String>, Option<usize>, u8)> = Vec::new();
    // gap-fill items are the fallback: at most a third of the budget while typed questions remain
    let cloze_cap = (max * 2).div_ceil(3).max(1);
    let mut deferred: Vec<(f32, Candidate)> = Vec::new();
    loop {
        if picked.len() >= max {
            break;
        }
        if cands.is_empty() {
            if deferred.is_empty() {
                break;
            }
            cands = std::mem::take(&mut deferred);
        }
        let clozes = picked.iter().filter(|(_, p)| p.cloze.is_some()).count();
        let capped = clozes >= cloze_cap && cands.iter().any(|(_, c)| c.cloze.is_none());
        // adjusted score: penalise sentences already used
        let mut best: Option<(usize, f32)> = None;
        for (i, (sc, c)) in cands.iter().enumerate() {
            let used = picked
                .iter()
                .filter(|(_, p)| p.sent.is_some() && p.sent == c.sent)
                .count();
            let adj = sc - 0.07 * used as f32;
            let better = best.is_none_or(|b: (usize, f32)| {
                adj > b.1 + 1e-6 || ((adj - b.1).abs() <= 1e-6 && pos(c) < pos(&cands[b.0].1))
            });
            if better {
                best = Some((i, adj));
            }
        }
        let Some((bi, adj)) = best else { break };
        let (sc0, c) = cands.swap_remove(bi);
        if capped && c.cloze.is_some() {
            deferred.push((sc0, c));
            continue;
        }
        let na = norm(&c.answer);
        let qk: HashSet<String> = content_tokens(&c.question).into_iter().collect();
        let shape = if c.kind == Kind::List {
            1
        } else if c.cloze.is_some() {
            2
        } else {
            0
        };
        let dup = keys.iter().position(|(a, q, s, sh)| {
            let same_sent = *s == c.sent && s.is_some();
            let (pa, pn) = (format!(" {a} "), format!(" {na} "));
            let contained =
                !na.is_empty() && !a.is_empty() && (pa.contains(&pn) || pn.contains(&pa));
            let inter = q.intersection(&qk).count() as f32;
            let uni = q.union(&qk).count().max(1) as f32;
            // the same list of names again is the same question, whatever sentence it is from
            (a == &na && (inter / uni >= 0.6 || same_sent || (shape == 1 && *sh == 1)))
                || (same_sent && contained && sh + shape != 3)
                || (inter / uni >= 0.85 && (s.is_some() || c.sent.is_some()))
        });
        if let Some(d) = dup {
            // a typed question on the same fact replaces a gap-fill item picked before it
            let same_fact = keys[d].2 == c.sent && c.sent.is_some();
            if shape == 0 && keys[d].3 == 2 && same_fact {
                keys[d] = (na, qk, c.sent, shape);
                picked[d] = (picked[d].0, c);
            }
            continue;
        }
        keys.push((na, qk, c.sent, shape));
        picked.push((adj, c));
    }
    // deferred gap-fill items come later: keep the reported confidence non-increasing
    for i in 1..picked.len() {
        if picked[i].0 > picked[i - 1].0 {
            picked[i].0 = picked[i - 1].0;
        }
    }
    picked
}
