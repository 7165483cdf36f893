//! Resolve vague references in a question from the sentence and its neighbours:
//! "these regions" → "Central Asia and the Caucasus", "the two countries" → "Japan and Russia",
//! "the region" → "Central Asia".

use super::gazetteer::GAZETTEER;
use super::lexicon::small_number;
use super::syntax::Sent;
use super::templates::{Ctx, name_chunks};
use super::tokens::Tag;
use regex::Regex;
use std::sync::LazyLock;

static PLURAL_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(these|those|both|the two|the three|the four|the five|the six)\s+(countries|regions|nations|states|cities|sides|parties|islands|areas|governments|leaders)\b")
        .expect("plural ref")
});
static SINGULAR_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(this|that|the)\s+(country|region|city|island|area|sea|lake|river)\b")
        .expect("singular ref")
});

struct Coord {
    tok: usize,
    text: String,
    kinds: Vec<Option<&'static str>>,
}

fn coordinations(s: &Sent<'_>) -> Vec<Coord> {
    let t = &s.toks;
    let chunks = name_chunks(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chunks.len() {
        let mut g = vec![chunks[i]];
        let mut j = i + 1;
        let mut closed = false;
        while j < chunks.len() {
            let gap = &t[g[g.len() - 1].1..chunks[j].0];
            let ok = !gap.is_empty()
                && gap.len() <= 3
                && gap
                    .iter()
                    .all(|x| x.is_punct(",") || x.is("and") || x.is("the"));
            if !ok {
                break;
            }
            g.push(chunks[j]);
            j += 1;
            if gap.iter().any(|x| x.is("and")) {
                closed = true;
                break;
            }
        }
        if g.len() >= 2 && closed {
            let a = g[0].0;
            let b = g[g.len() - 1].1;
            let a = if a > 0 && t[a - 1].is("the") {
                a - 1
            } else {
                a
            };
            out.push(Coord {
                tok: a,
                text: s.span_text(a, b).to_string(),
                kinds: g
                    .iter()
                    .map(|&(x, y)| GAZETTEER.lookup(s.span_text(x, y)).map(|p| p.kind))
                    .collect(),
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// Sentences to search for antecedents: the sentence itself, then up to three before it in the
/// same paragraph, then a footnote's anchor sentence.
fn scope(ctx: &Ctx<'_, '_>, si: usize) -> Vec<usize> {
    let d = &ctx.doc.sentences;
    let mut v = vec![si];
    let mut k = si;
    while k > 0 && v.len() < 4 && d[k - 1].para == d[si].para {
        k -= 1;
        v.push(k);
    }
    if let Some(a) = d[si].anchor {
        v.push(a);
        let mut k = a;
        while k > 0 && v.len() < 7 && d[k - 1].para == d[a].para {
            k -= 1;
            v.push(k);
        }
    }
    v
}

/// Replace resolvable vague phrases; returns the new question (unchanged when nothing applies).
pub fn resolve(q: &str, ctx: &Ctx<'_, '_>, si: usize, answer: &str) -> String {
    let mut q = q.to_string();
    let sc = scope(ctx, si);
    if let Some(m) = PLURAL_REF.captures(&q) {
        let det = m[1].to_lowercase();
        let noun = m[2].to_lowercase();
        let want = det
            .strip_prefix("the ")
            .and_then(small_number)
            .map(|x| x as usize)
            .or(if det == "both" { Some(2) } else { None });
        let want_kind = match noun.as_str() {
            "countries" | "nations" | "states" | "governments" | "sides" | "parties"
            | "leaders" => Some("country"),
            "regions" | "areas" => Some("region"),
            "cities" => Some("city"),
            "islands" => Some("island"),
            _ => None,
        };
        let mut found: Option<String> = None;
        for &k in &sc {
            let s = &ctx.sents[k];
            let limit = if k == si { s.toks.len() } else { usize::MAX };
            let cs = coordinations(s);
            let pick = cs.iter().rev().find(|c| {
                c.tok < limit
                    && want.is_none_or(|w| c.kinds.len() == w)
                    && (want_kind.is_none()
                        || c.kinds.iter().all(|k| k.is_none() || *k == want_kind))
                    && !answer.to_lowercase().contains(&c.text.to_lowercase())
            });
            if let Some(c) = pick {
                found = Some(c.text.clone());
                break;
            }
        }
        if let Some(f) = found {
            let whole = m.get(0).expect("m").range();
            q.replace_range(whole, &f);
        }
    }
    if let Some(m) = SINGULAR_REF.captures(&q) {
        let noun = m[2].to_lowercase();
        let mut found: Option<String> = None;
        let phrase = m.get(0).expect("m").as_str().to_lowercase();
        'outer: for &k in &sc {
            let s = &ctx.sents[k];
            // in the sentence itself, only names before the phrase
            let limit = if k == si {
                s.text.to_lowercase().find(&phrase).unwrap_or(s.text.len())
            } else {
                usize::MAX
            };
            for &(a, b) in name_chunks(s).iter().rev() {
                let txt = s.span_text(a, b);
                if s.toks[a].start >= limit {
                    continue;
                }
                if let Some(p) = GAZETTEER.lookup(txt)
                    && (p.kind == noun || (noun == "area" && p.kind == "region"))
                    && !answer.contains(txt)
                {
                    found = Some(txt.to_string());
                    break 'outer;
                }
            }
        }
        let det = m[1].to_lowercase();
        if let Some(f) = found {
            let whole = m.get(0).expect("m").range();
            q.replace_range(whole, &f);
        } else if det == "the" {
            // "the region" without an antecedent is acceptable but vague; leave it
        }
    }
    let _ = Tag::Det;
    q
}
