//! Counts and amounts: "156 workers were dispatched" → "How many workers were dispatched …?"

use super::{AType, Candidate, Ctx, Kind};
use crate::generate::lexicon::{number_word, scale_word, small_number};
use crate::generate::syntax::{Sent, WhSpec, finish};
use crate::generate::text::{fmt_num, norm};
use crate::generate::tokens::Tag;

pub struct NumSpan {
    pub a: usize,
    pub b: usize,
    pub value: f64,
    pub words: bool,
}

/// Numbers in a sentence (digits, number words, scales); years and ordinals excluded.
pub fn number_spans(s: &Sent<'_>) -> Vec<NumSpan> {
    let t = &s.toks;
    let n = t.len();
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        if t[k].tag != Tag::Num {
            k += 1;
            continue;
        }
        let a = k;
        let mut b = k + 1;
        while b < n
            && t[b].tag == Tag::Num
            && (scale_word(&t[b].lower).is_some()
                || small_number(t[b].lower.replace('-', " ").split(' ').next().unwrap_or(""))
                    .is_some()
                || t[b].is("and"))
        {
            b += 1;
        }
        let text = s.span_text(a, b);
        let words = !t[a].text.as_bytes()[0].is_ascii_digit();
        let nv = norm(text);
        let value: Option<f64> = nv.split(' ').next().and_then(|x| x.parse().ok());
        k = b;
        let Some(value) = value else { continue };
        if nv.split(' ').count() != 1 {
            continue;
        }
        // years: a bare 4-digit number not followed by a plural noun
        let next_plural = t
            .get(b)
            .is_some_and(|x| matches!(x.tag, Tag::Noun | Tag::Adj) && x.lower.ends_with('s'));
        if t[a].is_year() && b == a + 1 && !next_plural {
            continue;
        }
        if t[a].lower == "one" && t.get(b).is_some_and(|x| x.is("of")) {
            continue;
        }
        // "the two countries" refers back; it states no new fact
        if a > 0
            && matches!(
                t[a - 1].lower.as_str(),
                "the"
                    | "these"
                    | "those"
                    | "both"
                    | "its"
                    | "their"
                    | "our"
                    | "his"
                    | "her"
                    | "every"
                    | "each"
            )
        {
            continue;
        }
        out.push(NumSpan { a, b, value, words });
    }
    out
}

const QUALIFIERS: &[&str] = &[
    "about",
    "approximately",
    "around",
    "nearly",
    "some",
    "over",
    "almost",
    "roughly",
    "totaling",
    "totalling",
    "only",
    "just",
];

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for ns in number_spans(s) {
        // head noun phrase
        let mut h = ns.b;
        while h < n && h < ns.b + 4 && matches!(t[h].tag, Tag::Adj | Tag::Noun) {
            h += 1;
        }
        if h == ns.b {
            continue;
        }
        if t[h - 1].tag == Tag::Adj && h - 1 == ns.b {
            continue;
        }
        // "of" + short nominal chain: "meetings of foreign ministers"
        if h + 1 < n && t[h].is("of") && matches!(t[h + 1].tag, Tag::Adj | Tag::Noun) {
            let mut e = h + 1;
            while e < n && e < h + 4 && matches!(t[e].tag, Tag::Adj | Tag::Noun) {
                e += 1;
            }
            // "species of plants and animals"
            if e + 1 < n && t[e].is("and") && t[e + 1].tag == Tag::Noun {
                e += 2;
            }
            if t[e - 1].tag == Tag::Noun {
                h = e;
            }
        }
        let head = s.span_text(ns.b, h).to_string();
        // "four years later" is a duration, not a count of things
        if matches!(
            t[ns.b].lower.as_str(),
            "years" | "months" | "days" | "weeks" | "decades" | "centuries" | "hours" | "minutes"
        ) && t.get(h).is_some_and(|x| {
            matches!(
                x.lower.as_str(),
                "later" | "earlier" | "ago" | "after" | "before"
            )
        }) {
            continue;
        }
        let head_l = if t[ns.b].tag == Tag::Propn {
            head.clone()
        } else {
            head.to_lowercase()
        };
        if matches!(
            t[ns.b].lower.as_str(),
            "percent" | "per" | "thirds" | "quarters" | "halves" | "fifths" | "tenths" | "times"
        ) {
            continue;
        }
        // a counted list is better asked as a list
        if t.get(h).is_some_and(|x| x.is("of") || x.is_punct(":"))
            && ns.value >= 2.0
            && ns.value <= 20.0
        {
            let (items, _) = super::list::parse_items(s, h + 1, 6);
            if items.len() as f64 == ns.value {
                continue;
            }
        }
        let mut q_start = ns.a;
        let mut drop = 0;
        while q_start > 0 && QUALIFIERS.contains(&t[q_start - 1].lower.as_str()) {
            q_start -= 1;
            drop += 1;
        }
        if q_start >= 3
            && t[q_start - 1].is("of")
            && t[q_start - 2].is("total")
            && t[q_start - 3].is("a")
        {
            q_start -= 3;
            drop += 3;
        }
        if q_start >= 2
            && t[q_start - 1].is("than")
            && matches!(t[q_start - 2].lower.as_str(), "more" | "less" | "fewer")
        {
            q_start -= 2;
            drop += 2;
        }
        let wh = format!("How many {head_l}");
        let mut question = None;
        if let Some((vi, false)) = s.governing(ns.a, h) {
            let v = &s.vgs[vi];
            // answer inside a PP of a passive verb: "were received in the forms of 17,200 blankets"
            let cs = s.coordination_start(q_start);
            let between = if v.end <= cs { &t[v.end..cs] } else { &t[0..0] };
            let pp = !between.is_empty()
                && between.len() <= 5
                && between[0].tag == Tag::Prep
                && (between
                    .last()
                    .is_some_and(|x| x.is("of") || x.is("including") || x.is_punct(":"))
                    || between.iter().any(|x| x.is("such")));
            if v.passive && pp {
                let vg = s.span_text(v.start, v.end);
                let mut as_part = String::new();
                if between.iter().any(|x| x.lower.starts_with("form"))
                    && let Some(subj) = s.subject_of(vi)
                {
                    as_part = format!(" as {}", s.np_text(subj));
                }
                question = Some(finish(&format!("{wh} {vg}{as_part}")));
            }
        }
        if question.is_none() {
            let spec = WhSpec {
                wh: wh.clone(),
                drop_before: ns.a - q_start,
                skip_siblings: true,
                since: false,
            };
            question = s.wh_question(ns.a, h, &spec, &ctx.qctx);
        }
        let _ = drop;
        let Some(q) = question else { continue };
        let raw = s.span_text(ns.a, ns.b).to_string();
        let answer = if ns.words {
            fmt_num(ns.value)
        } else {
            raw.clone()
        };
        let mut c = Candidate::new(
            Kind::Number,
            "number",
            q,
            answer.clone(),
            si,
            ctx,
            0.85,
            AType::Number,
        );
        let mut accept = vec![];
        if raw != answer {
            accept.push(raw.clone());
        } else if let Some(w) = number_word(ns.value as u64).filter(|_| ns.value.fract() == 0.0) {
            accept.push(w.to_string());
        }
        if raw.contains(',') {
            accept.push(raw.replace(',', ""));
        }
        accept.push(format!("{raw} {head}"));
        c.accept = accept;
        c.number = Some(ns.value);
        c.unit = None;
        out.push(c);
    }
}
