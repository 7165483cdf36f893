//! Definitions and aliases: appositives ("X, the most outstanding issue …"), "also known as",
//! acronyms ("Shanghai Cooperation Organisation (SCO)"), "X is the capital of Y", "X refers to Y".

use super::{AType, Candidate, Ctx, Kind, name_chunks};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::syntax::{Sent, finish};
use crate::generate::tokens::Tag;

fn superlative(w: &str) -> bool {
    (w.ends_with("est")
        && w.len() > 4
        && !matches!(
            w,
            "interest"
                | "west"
                | "request"
                | "forest"
                | "contest"
                | "protest"
                | "harvest"
                | "manifest"
                | "guest"
        ))
        || matches!(
            w,
            "most"
                | "least"
                | "first"
                | "last"
                | "only"
                | "main"
                | "principal"
                | "primary"
                | "sole"
                | "second"
                | "third"
                | "chief"
                | "leading"
                | "key"
        )
}

/// Noun phrase ending just before token `e` (walking left).
fn np_left(s: &Sent<'_>, e: usize) -> Option<(usize, usize)> {
    let t = &s.toks;
    let mut j = e;
    while j > 0 {
        let x = &t[j - 1];
        let ok = x.nominal()
            || matches!(x.tag, Tag::Det)
            || (x.is("of") && j >= 2 && (t[j - 2].nominal()))
            || x.tag == Tag::Clitic
            || x.is_punct("\"");
        if !ok {
            break;
        }
        j -= 1;
    }
    while j < e && t[j].is_punct("\"") {
        j += 1;
    }
    (j < e
        && t[j..e]
            .iter()
            .any(|x| matches!(x.tag, Tag::Noun | Tag::Propn)))
    .then_some((j, e))
}

fn past_sentence(s: &Sent<'_>) -> bool {
    s.vgs
        .iter()
        .find(|v| v.finite && !v.relative)
        .is_some_and(|v| s.past(v))
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let be = if past_sentence(s) { "was" } else { "is" };
    for k in 0..n {
        // appositive: "NP1, the most outstanding issue between …"
        if t[k].is_punct(",")
            && k + 2 < n
            && t[k + 1].is("the")
            && (superlative(&t[k + 2].lower) || (k + 3 < n && superlative(&t[k + 3].lower)))
        {
            // "…, the first time since 1927 that …" sums up the event, not the noun before it
            if t[k + 2..(k + 4).min(n)]
                .iter()
                .any(|x| matches!(x.lower.as_str(), "time" | "occasion" | "instance"))
            {
                continue;
            }
            let Some(np1) = np_left(s, k) else { continue };
            let mut e = k + 2;
            while e < n
                && !t[e].is_punct(",")
                && !t[e].is_punct(".")
                && !t[e].is_punct(";")
                && t[e].tag != Tag::Sub
                && !matches!(t[e].tag, Tag::Be | Tag::Modal | Tag::Have | Tag::Do)
                && !(s.vgs.iter().any(|v| v.start == e && v.finite))
            {
                e += 1;
            }
            if e - (k + 1) < 3 || e - (k + 1) > 14 {
                continue;
            }
            let np2 = s.span_text(k + 1, e);
            let q = finish(&format!("What {be} {np2}"));
            let ans = s.span_text(np1.0, np1.1).to_string();
            if np1.1 - np1.0 > 10 {
                continue;
            }
            let mut c = Candidate::new(
                Kind::Other,
                "appositive",
                q,
                ans.clone(),
                si,
                ctx,
                0.78,
                AType::Phrase,
            );
            // the name inside "the issue of the Northern Territories"
            let inner: Vec<String> = name_chunks(s)
                .into_iter()
                .filter(|&(a, b)| a >= np1.0 && b <= np1.1)
                .map(|(a, b)| s.span_text(a, b).to_string())
                .collect();
            c.accept = inner.into_iter().filter(|x| x != &ans).collect();
            out.push(c);
        }
        // alias: "X, also known as Y" / "X (also called Y)" / "X (aka "Y")"
        let aka = matches!(t[k].lower.as_str(), "aka" | "a.k.a.");
        if k + 2 < n
            && (aka
                || (t[k].is("also")
                    && matches!(
                        t[k + 1].lower.as_str(),
                        "known" | "called" | "named" | "referred"
                    )))
        {
            let mut y0 = if aka { k + 1 } else { k + 2 };
            if y0 < n && t[y0].is("as") {
                y0 += 1;
            }
            if t.get(y0).is_some_and(|x| x.is("to")) && t.get(y0 + 1).is_some_and(|x| x.is("as")) {
                y0 += 2;
            }
            let mut x1 = k;
            while x1 > 0 && (t[x1 - 1].is_punct(",") || t[x1 - 1].is_punct("(")) {
                x1 -= 1;
            }
            let Some(mut xnp) = np_left(s, x1) else {
                continue;
            };
            // "… leader Pushpa Kamal DAHAL (aka …)": the name without the role before it
            if let Some(c) = (xnp.0 + 1..xnp.1).find(|&k| t[k..xnp.1].iter().all(|x| x.cap))
                && t[xnp.0..c].iter().all(|x| !x.cap && x.tag == Tag::Noun)
            {
                xnp.0 = c;
            }
            let mut y1 = y0;
            while y1 < n
                && (t[y1].nominal() || t[y1].is("the") || t[y1].is("of") || t[y1].is_punct("\""))
            {
                y1 += 1;
            }
            if y1 == y0 || y1 - y0 > 8 {
                continue;
            }
            let x = s.np_text(xnp);
            let y = s.span_text(y0, y1).trim_matches('"').to_string();
            let q = finish(&format!("What {be} {x} also known as"));
            let mut c = Candidate::new(Kind::Definition, "alias", q, y, si, ctx, 0.85, AType::Name);
            c.accept = Vec::new();
            out.push(c);
        }
        // acronym: "Shanghai Cooperation Organisation (SCO)"
        if t[k].is_punct("(") && k + 2 < n && t[k + 2].is_punct(")") {
            let acr = t[k + 1].text;
            let letters: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() < 2 || letters.len() > 7 || !letters.iter().all(|c| c.is_uppercase()) {
                continue;
            }
            // walk back over capitalised words and small connectors until the initials match
            let mut j = k;
            let mut initials: Vec<char> = Vec::new();
            while j > 0 && initials.len() < letters.len() {
                let w = &t[j - 1];
                if w.cap && w.tag != Tag::Punct {
                    initials.insert(0, w.text.chars().next().unwrap_or(' ').to_ascii_uppercase());
                } else if !matches!(
                    w.lower.as_str(),
                    "of" | "and" | "for" | "the" | "on" | "in" | "de" | "-"
                ) {
                    break;
                }
                j -= 1;
            }
            if initials != letters || j == k {
                continue;
            }
            let full = s.span_text(j, k).to_string();
            let q = format!("What does {acr} stand for?");
            let c = Candidate::new(
                Kind::Definition,
                "acronym",
                q,
                full,
                si,
                ctx,
                0.8,
                AType::Name,
            );
            out.push(c);
        }
    }
    fronted_alias(ctx, si, out);
    // "X is the capital of Y" (copula with a definite predicate) and "X refers to Y"
    for (vi, v) in s.vgs.iter().enumerate() {
        if !v.finite || v.relative {
            continue;
        }
        let Some(subj) = s.subject_of(vi) else {
            continue;
        };
        let chunks = name_chunks(s);
        let subj_is_name =
            chunks.iter().any(|&(a, b)| a <= subj.0 + 1 && b == subj.1) && subj.1 - subj.0 <= 6;
        let copula = v.aux == Some(v.main) && t[v.main].tag == Tag::Be && v.end == v.main + 1;
        if copula && subj_is_name && v.end + 2 < n && t[v.end].is("the") {
            let mut e = v.end + 1;
            while e < n
                && !t[e].is_punct(",")
                && !t[e].is_punct(".")
                && !t[e].is_punct(";")
                && t[e].tag != Tag::Sub
                && !t[e].is_verbal()
                && !(t[e].tag == Tag::Conj)
            {
                e += 1;
            }
            let pred = &t[v.end..e];
            let defining = pred
                .iter()
                .any(|x| x.is("of") || x.is("in") || superlative(&x.lower))
                && pred.len() >= 3
                && pred.len() <= 12;
            if defining {
                let q = finish(&format!(
                    "What {} {}",
                    t[v.main].lower,
                    s.span_text(v.end, e)
                ));
                let ans = s.span_text(subj.0, subj.1).to_string();
                let atype = GAZETTEER
                    .lookup(&ans)
                    .map_or(AType::Name, |p| AType::Place(p.kind));
                let kind = if matches!(atype, AType::Place(_)) {
                    Kind::Place
                } else {
                    Kind::Definition
                };
                out.push(Candidate::new(kind, "copula", q, ans, si, ctx, 0.75, atype));
            }
        }
        if t[v.main].lemma == "refer" && t.get(v.end).is_some_and(|x| x.is("to")) {
            let y0 = v.end + 1;
            let mut y1 = y0;
            while y1 < n
                && (t[y1].nominal()
                    || t[y1].tag == Tag::Det
                    || t[y1].is("of")
                    || t[y1].is_punct("-"))
            {
                y1 += 1;
            }
            if y1 == y0
                || y1 - y0 > 8
                || t.get(y1).is_some_and(|x| {
                    x.is_punct(",") && t.get(y1 + 1).is_some_and(|z| z.tag == Tag::Propn)
                })
            {
                continue;
            }
            let x = s.np_text(subj);
            let aux = if past_sentence(s) {
                "did"
            } else if s.plural(subj) {
                "do"
            } else {
                "does"
            };
            let q = finish(&format!("What {aux} {x} refer to"));
            let c = Candidate::new(
                Kind::Definition,
                "refers",
                q,
                s.span_text(y0, y1).to_string(),
                si,
                ctx,
                0.7,
                AType::Phrase,
            );
            out.push(c);
        }
    }
}

/// "Long referred to as Nubia, modern-day Sudan was …" → "What was modern-day Sudan long
/// referred to as?" (answer "Nubia").
fn fronted_alias(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let adv = usize::from(t.first().is_some_and(|x| x.tag == Tag::Adv || x.is("long")));
    let Some(p) = t.get(adv) else { return };
    if !matches!(p.lower.as_str(), "known" | "called" | "referred") {
        return;
    }
    let mut y0 = adv + 1;
    if t.get(y0).is_some_and(|x| x.is("to")) {
        y0 += 1;
    }
    if !t.get(y0).is_some_and(|x| x.is("as")) {
        return;
    }
    y0 += 1;
    let Some(comma) = (y0..n).find(|&k| t[k].is_punct(",")) else {
        return;
    };
    if comma == y0 || comma - y0 > 6 || !t[y0..comma].iter().all(|x| x.nominal() || x.is("the")) {
        return;
    }
    let Some((vi, _)) = s
        .vgs
        .iter()
        .enumerate()
        .find(|(_, v)| v.finite && !v.relative && v.start > comma)
    else {
        return;
    };
    let Some(subj) = s.subject_of(vi).filter(|x| x.0 == comma + 1) else {
        return;
    };
    let be = if past_sentence(s) { "was" } else { "is" };
    let x = s.np_text(subj);
    let manner = if adv == 1 {
        format!("{} ", t[0].lower)
    } else {
        String::new()
    };
    let verb = t[adv..y0]
        .iter()
        .map(|x| x.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let q = finish(&format!("What {be} {x} {manner}{verb}"));
    let y = s.span_text(y0, comma).to_string();
    out.push(Candidate::new(
        Kind::Definition,
        "alias",
        q,
        y,
        si,
        ctx,
        0.8,
        AType::Name,
    ));
}
