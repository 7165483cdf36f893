//! Passive agents and ordinals: "The delegation was headed by Count A" → "Who headed the
//! delegation?"; "2014 marked the 30th anniversary of X" → "Which anniversary of X did 2014 mark?"

use super::{AType, Candidate, Ctx, Kind, name_chunks, np_end};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::lexicon::{INSTITUTION_NOUNS, PERSON_TITLES, past_of, pres3_of};
use crate::generate::syntax::{WhSpec, finish};
use crate::generate::tokens::Tag;

/// "X was VERBed by NAME …" → "Who VERBed X …?"
pub fn passive_agent(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let chunks = name_chunks(s);
    for (vi, v) in s.vgs.iter().enumerate() {
        if !v.passive || !v.finite || v.end >= n || !t[v.end].is("by") {
            continue;
        }
        let aux = v.aux.map(|a| t[a].lower.as_str()).unwrap_or("");
        if !matches!(aux, "was" | "were" | "is" | "are") || v.main != v.end - 1 {
            continue;
        }
        let Some(subj) = s.subject_of(vi) else {
            continue;
        };
        // the agent: a name chunk right after "by" (or after "by the")
        let a = v.end + 1;
        let Some(&(ca, cb)) = chunks
            .iter()
            .find(|&&(x, _)| x == a || (x == a + 1 && t[a].is("the")))
        else {
            continue;
        };
        let name = s.span_text(ca, cb).to_string();
        let words: Vec<&str> = name.split(' ').collect();
        let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        // a title inside the chunk followed by a two-word name: "… Administrator Mark Green"
        let inner_title = (ca..cb.saturating_sub(2)).any(|k| {
            PERSON_TITLES.contains(t[k].lower.as_str())
                && cb - k > 2
                && cb - k - 1 <= 3
                && !(k + 1..cb).any(|j| t[j].is("of") || t[j].is("for"))
        });
        let titled = PERSON_TITLES.contains(t[ca].lower.as_str()) || inner_title;
        // the name must end the chunk cleanly ("Henri II, duc d'Orléans" is cut)
        if cb < n && !matches!(t[cb].tag, Tag::Prep | Tag::Punct | Tag::Conj | Tag::Sub) {
            continue;
        }
        if cb < n && t[cb].is_punct(",") && t.get(cb + 1).is_some_and(|x| !x.cap) {
            continue;
        }
        let place = GAZETTEER.lookup(&name);
        let (wh, kind, atype) = if let Some(p) = place {
            (
                format!("Which {}", p.kind),
                Kind::Place,
                AType::Place(p.kind),
            )
        } else if titled
            || (words.len() >= 2
                && words.len() <= 4
                && !INSTITUTION_NOUNS.contains(last.as_str())
                && !(ca..cb).any(|k| t[k].is("of")))
        {
            ("Who".to_string(), Kind::Person, AType::Person)
        } else if INSTITUTION_NOUNS.contains(last.as_str()) {
            (format!("Which {last}"), Kind::Other, AType::Name)
        } else {
            continue;
        };
        // a coordinated second agent makes the answer a list: skip
        if cb + 1 < n
            && t[cb].is("and")
            && (t[cb + 1].tag == Tag::Propn
                || (t[cb + 1].is("the") && t.get(cb + 2).is_some_and(|x| x.tag == Tag::Propn)))
        {
            continue;
        }
        let lemma = t[v.main].lemma.clone();
        if lemma.is_empty() {
            continue;
        }
        let verb = if matches!(aux, "was" | "were") {
            past_of(&lemma)
        } else {
            pres3_of(&lemma)
        };
        // rest of the clause after the agent, up to a clause break
        let mut e = cb;
        while e < n
            && !matches!(t[e].tag, Tag::Punct | Tag::Sub | Tag::Conj)
            && e < cb + 10
            && !t[e].is_verbal()
        {
            e += 1;
        }
        let subj_text = s.np_text(subj);
        let q = finish(&format!(
            "{wh} {verb} {subj_text} {}",
            s.span_text(cb, e).trim()
        ));
        // "USAID Administrator Mark Green" → "Mark Green" (the full form accepted)
        let short = if inner_title && !PERSON_TITLES.contains(t[ca].lower.as_str()) {
            let k = (ca..cb)
                .rev()
                .find(|&k| PERSON_TITLES.contains(t[k].lower.as_str()))
                .unwrap_or(ca);
            s.span_text(k + 1, cb).to_string()
        } else {
            name.clone()
        };
        let mut c = Candidate::new(kind, "agent", q, short.clone(), si, ctx, 0.8, atype);
        if short != name {
            c.accept.push(name.clone());
        }
        if kind == Kind::Person {
            // "Count Johan Oxenstierna": also accept without the title, and the surname
            let bare: Vec<&str> = words
                .iter()
                .copied()
                .skip_while(|w| PERSON_TITLES.contains(w.to_lowercase().as_str()))
                .collect();
            if !bare.is_empty() && bare.len() < words.len() {
                c.accept.push(bare.join(" "));
            }
            if let Some(l) = words.last() {
                c.accept.push(l.to_string());
            }
        }
        out.push(c);
    }
}

fn ordinal(w: &str) -> bool {
    let l = w.to_lowercase();
    if matches!(
        l.as_str(),
        "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
            | "eleventh"
            | "twelfth"
            | "twentieth"
            | "thirtieth"
            | "fiftieth"
            | "hundredth"
    ) {
        return true;
    }
    let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
    !digits.is_empty() && matches!(&l[digits.len()..], "st" | "nd" | "rd" | "th")
}

/// "the 30th anniversary of X" → "Which anniversary of X …?"
pub fn ordinals(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for k in 1..n.saturating_sub(1) {
        if !t[k - 1].is("the") || !ordinal(t[k].text) {
            continue;
        }
        // only anniversaries, sessions, summits and the like; "the first time" is no fact
        let noun = &t[k + 1];
        let head_adj = noun.tag == Tag::Adj
            && t.get(k + 2)
                .is_some_and(|x| x.is("of") || x.tag == Tag::Punct);
        if !(matches!(noun.tag, Tag::Noun | Tag::Propn) || head_adj)
            || matches!(
                noun.lower.as_str(),
                "time" | "step" | "half" | "phase" | "part" | "place" | "century" | "day"
            )
        {
            continue;
        }
        if !t[k].text.starts_with(|c: char| c.is_ascii_digit())
            && !matches!(noun.lower.as_str(), "anniversary" | "session" | "summit")
        {
            continue;
        }
        let mut e = np_end(s, k + 1, 2);
        // "… relations between Japan and Brunei": the pair belongs to the noun phrase
        if e < n && t[e].is("between") {
            let mut f = e + 1;
            while f < n && (t[f].nominal() || t[f].is("and") || t[f].is("the")) {
                f += 1;
            }
            if f > e + 1 && t[e + 1..f].iter().any(|x| x.is("and")) {
                e = f;
            }
        }
        if e <= k + 1 || e - k > 16 {
            continue;
        }
        let wh = if noun.tag == Tag::Propn {
            format!("Which {}", s.span_text(k + 1, e))
        } else {
            format!("Which {} {}", noun.lower, s.span_text(k + 2, e))
        };
        let spec = WhSpec {
            wh,
            drop_before: 1,
            skip_siblings: false,
            since: false,
        };
        let Some(q) = s.wh_question(k, e, &spec, &ctx.qctx) else {
            continue;
        };
        if q.split_whitespace().count() > 25 {
            continue;
        }
        let mut c = Candidate::new(
            Kind::Number,
            "ordinal",
            q,
            t[k].text.to_string(),
            si,
            ctx,
            0.8,
            AType::Phrase,
        );
        c.accept.push(format!("the {}", t[k].text));
        out.push(c);
    }
}
