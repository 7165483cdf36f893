//! Passive agents, ordinals and names: "The delegation was headed by Count A" → "Who headed the
//! delegation?"; "2014 marked the 30th anniversary of X" → "Which anniversary of X did 2014 mark?";
//! "at the invitation of Minister B" → "At whose invitation …?"; "a formation called "Mount
//! Sodom"" → "What is the formation called?"

use super::{AType, Candidate, Ctx, Kind, name_chunks, np_end, person_like};
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
        // "by the 1819 Adams–Onís Treaty"
        let dated = a + 2 < n && t[a].is("the") && t[a + 1].is_year();
        let Some(&(ca, cb)) = chunks
            .iter()
            .find(|&&(x, _)| x == a || (x == a + 1 && t[a].is("the")) || (x == a + 2 && dated))
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
        } else if let Some(of) = words.iter().position(|w| *w == "of")
            && of >= 1
            && INSTITUTION_NOUNS.contains(words[of - 1].to_lowercase().as_str())
        {
            // "by the Treaty of Rome" → "Which treaty …"
            let head = words[of - 1].to_lowercase();
            (format!("Which {head}"), Kind::Other, AType::Name)
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
        // "was first used by X" → "Who first used …?"; a negated verb asks nothing
        let advs: Vec<&str> = (v.start..v.main)
            .filter(|&k| t[k].tag == Tag::Adv)
            .map(|k| t[k].text)
            .collect();
        if advs.iter().any(|a| matches!(*a, "not" | "never")) {
            continue;
        }
        let verb = if advs.is_empty() {
            verb
        } else {
            format!("{} {verb}", advs.join(" "))
        };
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

/// An ordinal: "30th", "first" … "twentieth", "thirtieth", "fiftieth", "hundredth".
pub fn ordinal(w: &str) -> bool {
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
            | "thirteenth"
            | "fourteenth"
            | "fifteenth"
            | "sixteenth"
            | "seventeenth"
            | "eighteenth"
            | "nineteenth"
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
        // "the second Summit for Democracy": the name goes on after "for" or "of"
        while t[e - 1].cap
            && e + 1 < n
            && (t[e].is("for") || t[e].is("of"))
            && t[e + 1].tag == Tag::Propn
        {
            e += 2;
            while e < n && t[e].tag == Tag::Propn {
                e += 1;
            }
        }
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
            drop_before: 1,
            ..WhSpec::new(wh)
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

/// "at the invitation of Minister B", "under the mediation of B" → "At whose invitation …?",
/// "Under whose mediation …?"
pub fn whose(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let chunks = name_chunks(s);
    for k in 0..n.saturating_sub(4) {
        if t[k].tag != Tag::Prep
            || !t[k + 1].is("the")
            || !t[k + 3].is("of")
            || !matches!(
                t[k + 2].lower.as_str(),
                "invitation"
                    | "mediation"
                    | "request"
                    | "initiative"
                    | "leadership"
                    | "direction"
                    | "command"
                    | "suggestion"
                    | "proposal"
                    | "behest"
            )
        {
            continue;
        }
        let Some(&(mut ca, mut cb)) = chunks.iter().find(|&&(x, _)| x == k + 4) else {
            continue;
        };
        // "H.E. Mr. Truong Tan Sang": the honorifics are a chunk of their own before the name
        if t[ca..cb].iter().all(super::office::honorific_tok) {
            let next = cb + usize::from(t.get(cb).is_some_and(|x| x.is_punct(".")));
            let Some(&(na, nb)) = chunks.iter().find(|&&(x, _)| x == next) else {
                continue;
            };
            (ca, cb) = (na, nb);
        }
        // the chunk may swallow a following name ("… Rodrigo Fuentes and …")
        let name = s.span_text(ca, cb).to_string();
        if !person_like(&name) && !PERSON_TITLES.contains(t[ca].lower.as_str()) {
            continue;
        }
        let wh = format!(
            "{} whose {}",
            crate::generate::text::capitalize_first(&t[k].lower),
            t[k + 2].lower
        );
        let spec = WhSpec {
            drop_before: ca - k,
            ..WhSpec::new(wh)
        };
        let Some(q) = s.wh_question(ca, cb, &spec, &ctx.qctx) else {
            continue;
        };
        let (answer, accept) = bare_name(s, ca, cb);
        let mut c = Candidate::new(
            Kind::Person,
            "whose",
            q,
            answer,
            si,
            ctx,
            0.8,
            AType::Person,
        );
        c.accept = accept;
        out.push(c);
    }
}

/// A name without its leading titles ("Ambassador Sarah Lin" → "Sarah Lin", "Minister of Foreign
/// Affairs Rodrigo Fuentes" → "Rodrigo Fuentes"), with the full form accepted.
fn bare_name(s: &crate::generate::syntax::Sent<'_>, a: usize, b: usize) -> (String, Vec<String>) {
    let t = &s.toks;
    let full = s.span_text(a, b).to_string();
    if !PERSON_TITLES.contains(t[a].lower.as_str()) {
        return (full, Vec::new());
    }
    let mut from = a;
    while from < b && PERSON_TITLES.contains(t[from].lower.as_str()) {
        from += 1;
    }
    // "Minister of Foreign Affairs Rodrigo Fuentes": the office runs to the last two words
    if from < b && matches!(t[from].lower.as_str(), "of" | "for") {
        if b - from < 4 || !t[b - 2..b].iter().all(|x| x.tag == Tag::Propn) {
            return (full, Vec::new());
        }
        from = b - 2;
    }
    if from >= b || (from..b).any(|k| t[k].is("of")) {
        return (full, Vec::new());
    }
    (s.span_text(from, b).to_string(), vec![full])
}

/// "a tall formation called "Mount Sodom"", "the protests, popularly referred to as the Saffron
/// Revolution" → "What is the tall formation called?", "What are the protests referred to as?"
pub fn naming(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let chunks = name_chunks(s);
    for k in 1..n.saturating_sub(1) {
        // the naming verb and where the name starts
        let (verb, name_at) = match t[k].lower.as_str() {
            "called" | "named" | "dubbed" => (t[k].lower.clone(), k + 1),
            "known" if t[k + 1].is("as") => ("known as".to_string(), k + 2),
            "referred" if k + 2 < n && t[k + 1].is("to") && t[k + 2].is("as") => {
                ("referred to as".to_string(), k + 3)
            }
            _ => continue,
        };
        // a reduced relative right after a noun, not "the minister called Ana Kovač": the
        // clause has another finite verb
        let other_verb = s.vgs.iter().any(|v| {
            v.finite
                && !(v.start..v.end).contains(&k)
                && s.clause_range(v.start) == s.clause_range(k)
        });
        if !other_verb {
            continue;
        }
        let mut e = k;
        while e > 0 && t[e - 1].tag == Tag::Adv {
            e -= 1;
        }
        let adverb = s.span_text(e, k).to_string();
        let separated = e > 0 && (t[e - 1].is_punct(",") || t[e - 1].is_punct("-"));
        if separated {
            e -= 1;
        }
        if e == 0 || t[e - 1].tag != Tag::Noun {
            continue;
        }
        // the name: a quoted or capitalised chunk, directly
        let mut a = name_at;
        let quoted = a < n && matches!(t[a].text, "\"" | "“" | "_");
        if quoted {
            a += 1;
        }
        let Some(&(ca, cb)) = chunks
            .iter()
            .find(|&&(x, _)| x == a || (x == a + 1 && t[a].is("the")))
        else {
            continue;
        };
        let answer_a = if t[a].is("the") { a } else { ca };
        // the noun phrase named: determiner, adjectives, nouns before the verb
        let mut np = e;
        while np > 0
            && (matches!(
                t[np - 1].tag,
                Tag::Noun | Tag::Adj | Tag::Propn | Tag::Det | Tag::Poss
            ) || t[np - 1].is_punct(")")
                || t[np - 1].is_punct("("))
        {
            np -= 1;
            if t[np].tag == Tag::Det {
                break;
            }
        }
        if t[np].tag != Tag::Det || np + 1 >= e {
            continue;
        }
        // "the squares in the capital - known as …": the name may belong to either noun
        if separated && np >= 2 && t[np - 1].tag == Tag::Prep && t[np - 2].nominal() {
            continue;
        }
        let head = &t[e - 1];
        if head.tag == Tag::Propn {
            continue;
        }
        let plural = s.plural((np, e));
        let mut np_text = s.span_text(np + 1, e).to_string();
        // "(mineral)" and similar asides
        while let (Some(x), Some(y)) = (np_text.find(" ("), np_text.find(')')) {
            if y < x {
                break;
            }
            np_text.replace_range(x..=y, "");
        }
        let be = if plural { "are" } else { "is" };
        let adverb = if adverb.is_empty() {
            String::new()
        } else {
            format!("{adverb} ")
        };
        let q = finish(&format!("What {be} the {np_text} {adverb}{verb}"));
        let answer = s.span_text(answer_a, cb).to_string();
        let mut c = Candidate::new(
            Kind::Other,
            "naming",
            q,
            answer.clone(),
            si,
            ctx,
            0.8,
            AType::Name,
        );
        if let Some(bare) = answer.strip_prefix("the ") {
            c.accept.push(bare.to_string());
        }
        if quoted {
            c.accept.push(format!("\"{answer}\""));
        }
        out.push(c);
    }
}
