//! Distractors for choice questions: same-type answers from the document, then gazetteer
//! siblings, numbers perturbed in the same format. Never one the answer checker would accept.

use super::gazetteer::GAZETTEER;
use super::templates::{AType, Candidate, Ctx, name_chunks};
use super::text::{answers_match, norm, numbers_in};
use std::collections::HashSet;

fn group_thousands(v: i64) -> String {
    let s = v.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 { format!("-{out}") } else { out }
}

fn format_like(answer: &str, v: f64) -> String {
    let decimals = answer
        .rsplit_once('.')
        .filter(|(a, b)| {
            a.chars().last().is_some_and(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
        })
        .map_or(0, |(_, b)| b.len());
    if decimals > 0 {
        return format!("{v:.decimals$}");
    }
    let r = v.round() as i64;
    if answer.contains(',') {
        group_thousands(r)
    } else {
        r.to_string()
    }
}

fn numeric(answer: &str, value: f64, year: bool) -> Vec<String> {
    // "25%": perturb the number, keep the sign, stay within 100
    if let Some(core) = answer.strip_suffix('%') {
        return numeric(core, value, year)
            .into_iter()
            .filter(|x| x.replace(',', "").parse::<f64>().is_ok_and(|v| v <= 100.0))
            .map(|x| format!("{x}%"))
            .collect();
    }
    // "$1.5 million", "more than $300 million", "18 million US dollars": perturb the number,
    // keep what surrounds it
    let first_digit = answer.find(|c: char| c.is_ascii_digit());
    if let Some(fd) = first_digit {
        let words: Vec<&str> = answer[fd..].split_whitespace().collect();
        let mut k = 1;
        if words
            .get(1)
            .is_some_and(|w| crate::generate::lexicon::scale_word(&w.to_lowercase()).is_some())
        {
            k = 2;
        }
        let prefix = &answer[..fd];
        let suffix = words[k..].join(" ");
        if (!prefix.is_empty() || !suffix.is_empty())
            && let Ok(m) = words[0].replace(',', "").parse::<f64>()
        {
            let core = words[..k].join(" ");
            return numeric(&core, if k == 2 { m } else { value }, year)
                .into_iter()
                .map(|x| {
                    if suffix.is_empty() {
                        format!("{prefix}{x}")
                    } else {
                        format!("{prefix}{x} {suffix}")
                    }
                })
                .collect();
        }
    }
    // "2.5 billion": perturb the mantissa, keep the scale word
    let words: Vec<&str> = answer.split_whitespace().collect();
    if words.len() == 2
        && crate::generate::lexicon::scale_word(&words[1].to_lowercase()).is_some()
        && let Ok(m) = words[0].replace(',', "").parse::<f64>()
    {
        return numeric(words[0], m, false)
            .into_iter()
            .map(|x| format!("{x} {}", words[1]))
            .collect();
    }
    let mut vals: Vec<f64> = Vec::new();
    if year {
        vals.extend([value - 2.0, value + 1.0, value + 3.0, value - 5.0]);
    } else if value.fract() != 0.0 {
        vals.extend([value * 0.8, value * 1.25, value * 1.5, value * 0.5]);
    } else if value <= 10.0 {
        vals.extend([
            value + 1.0,
            value + 2.0,
            value - 1.0,
            value + 3.0,
            value * 2.0,
        ]);
    } else {
        let iv = value as i64;
        let mut p = 1i64;
        while iv % (p * 10) == 0 && p < 1_000_000_000 {
            p *= 10;
        }
        let p = p as f64;
        for f in [0.75, 1.25, 1.5, 0.5, 2.0] {
            let x = ((value * f) / p).round() * p;
            vals.push(x);
        }
    }
    vals.into_iter()
        .filter(|&x| x > 0.0 && x != value)
        .map(|x| format_like(answer, x))
        .collect()
}

/// Up to three distractors, or none when three good ones cannot be found.
pub fn distractors(c: &Candidate, ctx: &Ctx<'_, '_>) -> Vec<String> {
    let mut pool: Vec<String> = Vec::new();
    match &c.atype {
        AType::Number => {
            if let Some(v) = c.number {
                pool = numeric(&c.answer, v, false);
            }
        }
        AType::Year => {
            if let Some(v) = c.number {
                pool = numeric(&c.answer, v, true);
            }
        }
        AType::Date => {}
        AType::Place(kind) => {
            // same kind in the document, then gazetteer siblings of the answer (or first item)
            for s in ctx.sents {
                for (a, b) in name_chunks(s) {
                    let txt = s.span_text(a, b);
                    if let Some(p) = GAZETTEER.lookup(txt)
                        && p.kind == *kind
                    {
                        pool.push(p.name.to_string());
                    }
                }
            }
            let seed = c.items.first().map(String::as_str).unwrap_or(&c.answer);
            if let Some(p) = GAZETTEER.lookup(seed) {
                pool.extend(GAZETTEER.siblings(p).take(12).map(|q| q.name.to_string()));
            }
        }
        AType::Person | AType::Name => {
            let person = c.atype == AType::Person;
            for s in ctx.sents {
                for (a, b) in name_chunks(s) {
                    let txt = s.span_text(a, b);
                    let titled =
                        crate::generate::lexicon::PERSON_TITLES.contains(s.toks[a].lower.as_str());
                    let org = s.toks[a..b].iter().any(|t| {
                        t.is("of")
                            || crate::generate::lexicon::INSTITUTION_NOUNS
                                .contains(t.lower.as_str())
                    });
                    if b - a >= 2
                        && GAZETTEER.lookup(txt).is_none()
                        && titled == person
                        && (person || !org || c.template == "acronym")
                    {
                        pool.push(txt.to_string());
                    }
                }
            }
        }
        // items of the other lists of common nouns nearby ("a severe drought" beside
        // "diplomatic relations, friendship and co-operation"), a bounded window so that a
        // long document costs no more per question
        AType::Phrase if c.kind == super::templates::Kind::List => {
            let at = c.sent.unwrap_or(0);
            let near = at.saturating_sub(40)..(at + 40).min(ctx.sents.len());
            for (si, s) in ctx
                .sents
                .iter()
                .enumerate()
                .skip(near.start)
                .take(near.len())
            {
                if si == at {
                    continue;
                }
                for l in super::templates::list::common_lists(s) {
                    pool.extend(l.items.iter().map(|&(a, b)| s.span_text(a, b).to_string()));
                }
            }
        }
        AType::Phrase => {}
    }
    let mut gold: Vec<&str> = vec![c.answer.as_str()];
    gold.extend(c.accept.iter().map(String::as_str));
    gold.extend(c.items.iter().map(String::as_str));
    let alias_names: Vec<String> = c
        .items
        .iter()
        .chain(std::iter::once(&c.answer))
        .flat_map(|x| GAZETTEER.names(x))
        .map(String::from)
        .collect();
    gold.extend(alias_names.iter().map(String::as_str));
    let answer_has_num = !numbers_in(&norm(&c.answer)).is_empty();
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for d in pool {
        let nd = norm(&d);
        if nd.is_empty() || !seen.insert(nd.clone()) {
            continue;
        }
        if gold
            .iter()
            .any(|g| answers_match(&d, g) || answers_match(g, &d))
        {
            continue;
        }
        if numbers_in(&nd).is_empty() == answer_has_num {
            continue;
        }
        if c.kind != super::templates::Kind::List
            && super::text::leaks(&c.question, &d)
            && !matches!(c.atype, AType::Number | AType::Year)
        {
            // a distractor named in the question is a giveaway the other way
            continue;
        }
        out.push(d);
        if out.len() == 3 {
            break;
        }
    }
    if out.len() < 3 { Vec::new() } else { out }
}
