//! Cloze (gap-fill) as the fallback for salient names in a sentence.

use super::{AType, Candidate, Ctx, Kind, name_chunks, place_noun};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::text::{leaks, norm, strip_footnotes};
use crate::generate::tokens::Tag;

pub const GAP: &str = "_____";

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    if n < 6 {
        return;
    }
    let mut picks: Vec<(f32, usize, usize, AType)> = Vec::new();
    for (a, b) in name_chunks(s) {
        let text = s.span_text(a, b);
        let freq = ctx.name_freq.get(&norm(text)).copied().unwrap_or(1);
        let words = b - a;
        let place = GAZETTEER.lookup(text).map(|p| p.kind);
        let mut score = match place {
            Some("sea" | "lake" | "river" | "island" | "mountain" | "ocean") => 0.9,
            Some("city") => 0.75,
            Some(_) => 0.45,
            None if words >= 2 => 0.7,
            None => 0.5,
        };
        if freq >= 4 {
            continue;
        } else if freq == 1 {
            score += 0.1;
        }
        if a == 0 {
            score -= 0.1;
        }
        // skip fragments: after another name, titles and abbreviations ("H.E. Mr"), "A.D.",
        // directions, and names used as modifiers ("the Mongolian countries")
        if text.len() < 3 || (a > 0 && t[a - 1].tag == Tag::Propn) {
            continue;
        }
        let last = t[b - 1].lower.trim_end_matches('.');
        if crate::generate::lexicon::ABBREVIATIONS.contains(last)
            || crate::generate::lexicon::PERSON_TITLES.contains(last)
            || (words == 1 && text.contains('.'))
            || t.get(b).is_some_and(|x| x.is_punct(".") && b + 1 < n)
        {
            continue;
        }
        if words == 1
            && (matches!(
                t[a].lower.as_str(),
                "west" | "east" | "north" | "south" | "western" | "eastern"
            ) || t
                .get(b)
                .is_some_and(|x| matches!(x.tag, Tag::Noun | Tag::Adj) && !x.cap))
        {
            continue;
        }
        let atype = place.map_or(
            if words > 0 && place_noun(&t[a].lower) {
                AType::Place("place")
            } else {
                AType::Name
            },
            AType::Place,
        );
        picks.push((score, a, b, atype));
    }
    picks.sort_by(|x, y| y.0.total_cmp(&x.0));
    let mut seen = std::collections::HashSet::new();
    picks.retain(|p| seen.insert(norm(s.span_text(p.1, p.2))));
    for &(score, a, b, ref atype) in picks.iter().take(2) {
        if score < 0.3 {
            continue;
        }
        // window: the clause, or the sentence cut to ~35 tokens around the gap
        let mut lo = 0;
        let mut hi = n;
        if n > 40 {
            for k in (0..a).rev() {
                if t[k].is_punct(";") || (t[k].is_punct(",") && a - k > 12) {
                    lo = k + 1;
                    break;
                }
            }
            for (k, tk) in t.iter().enumerate().skip(b) {
                if tk.is_punct(";") || (tk.is_punct(",") && k - b > 10) {
                    hi = k;
                    break;
                }
            }
        }
        while lo < a && (t[lo].is_punct(",") || t[lo].tag == Tag::Conj) {
            lo += 1;
        }
        let before_s = strip_footnotes(s.span_text(lo, a));
        let after_s = if b < hi {
            strip_footnotes(s.span_text(b, hi))
        } else {
            String::new()
        };
        let (before, after) = (before_s.as_str(), after_s.as_str());
        // leftovers of removed foreign script ("__", empty parentheses) or a cut parenthesis
        let window = format!("{before}{after}");
        let squeezed: String = window.chars().filter(|c| !c.is_whitespace()).collect();
        let opens = window.matches(['(', '[']).count();
        let closes = window.matches([')', ']']).count();
        if window.contains("__")
            || squeezed.contains("()")
            || squeezed.contains("(,")
            || opens != closes
        {
            continue;
        }
        // a gap in a sentence about "it"/"they" is not answerable from the sentence alone
        let pron_start = lo == 0
            && t.first().is_some_and(|x| {
                matches!(
                    x.lower.as_str(),
                    "it" | "its"
                        | "he"
                        | "she"
                        | "his"
                        | "her"
                        | "they"
                        | "their"
                        | "this"
                        | "these"
                )
            });
        let ans = s.span_text(a, b).to_string();
        let shown = format!("{before} {GAP} {after}");
        if shown.split_whitespace().count() < 8 {
            continue;
        }
        if leaks(&shown, &ans) {
            continue;
        }
        let sep = |x: &str| {
            if x.starts_with([',', '.', ';', ':', '\'', ')']) {
                ""
            } else {
                " "
            }
        };
        let body_before = if before.is_empty() {
            String::new()
        } else {
            format!("{before} ")
        };
        let mut text = format!("{body_before}{GAP}{}{after}", sep(after));
        let mut cl = format!("{body_before}{{{{{ans}}}}}{}{after}", sep(after));
        let trail = |x: &mut String| {
            let tr = x.trim_end_matches([',', ';', ':', ' ']).to_string();
            *x = if tr.ends_with(['.', '?', '!']) {
                tr
            } else {
                format!("{tr}.")
            };
        };
        trail(&mut text);
        trail(&mut cl);
        if let Some(f) = text.chars().next().filter(|c| c.is_lowercase()) {
            let up: String = f.to_uppercase().collect();
            text = format!("{up}{}", &text[f.len_utf8()..]);
            if let Some(g) = cl.chars().next() {
                cl = format!("{up}{}", &cl[g.len_utf8()..]);
            }
        }
        let kind = if matches!(atype, AType::Place(_)) {
            Kind::Place
        } else {
            Kind::Other
        };
        let q = format!("Fill in the blank: {text}");
        let mut c = Candidate::new(
            kind,
            "cloze",
            q,
            ans,
            si,
            ctx,
            0.35 + 0.2 * score - if pron_start { 0.15 } else { 0.0 },
            atype.clone(),
        );
        c.cloze = Some(cl);
        out.push(c);
    }
}
