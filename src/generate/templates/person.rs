//! Who/which questions about the subject: people with titles, countries, organisations.

use super::{AType, Candidate, Ctx, Kind, name_chunks};
use crate::generate::gazetteer::{GAZETTEER, kind_plural};
use crate::generate::lexicon::{INSTITUTION_NOUNS, PERSON_TITLES, number_word};
use crate::generate::syntax::WhSpec;
use crate::generate::tokens::{Tag, Tok};

fn person_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "state"
            | "announce"
            | "found"
            | "write"
            | "invent"
            | "discover"
            | "lead"
            | "rule"
            | "marry"
            | "become"
            | "die"
            | "visit"
            | "meet"
            | "sign"
            | "succeed"
            | "defeat"
            | "command"
            | "compose"
            | "paint"
            | "design"
            | "propose"
            | "declare"
            | "appoint"
            | "elect"
            | "resign"
            | "reign"
            | "conquer"
            | "establish"
            | "serve"
            | "win"
            | "receive"
            | "publish"
            | "deliver"
            | "attend"
            | "express"
            | "emphasize"
            | "stress"
            | "welcome"
            | "chair"
            | "host"
            | "praise"
            | "thank"
            | "assassinate"
    )
}

/// The head of a description of a person ("the Athenian general").
fn person_noun(w: &str) -> bool {
    (PERSON_TITLES.contains(w) && !matches!(w, "vice" | "deputy" | "chief" | "saint" | "st."))
        || matches!(
            w,
            "leader"
                | "commander"
                | "statesman"
                | "politician"
                | "poet"
                | "writer"
                | "author"
                | "historian"
                | "philosopher"
                | "explorer"
                | "scientist"
                | "officer"
                | "star"
                | "founder"
                | "ruler"
                | "warlord"
                | "activist"
        )
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    for (vi, v) in s.vgs.iter().enumerate() {
        if !v.finite || v.relative {
            continue;
        }
        let Some(subj) = s.subject_of(vi) else {
            continue;
        };
        // "Miltiades, the Athenian general, ordered …", "Samuel DOE, who was from the
        // indigenous population, led …": one phrase set off between the name and its verb
        let mut qspan = subj;
        let mut described: Option<&str> = None;
        let mut who_clause = false;
        if subj.1 != v.start {
            let dash = |x: &Tok<'_>| x.is_punct("-") || x.is_punct("–") || x.is_punct("—");
            // "Ugyen WANGCHUCK - who had served as …, and had improved … - was named king"
            let dashes = dash(&t[subj.1]) && dash(&t[v.start - 1]);
            let set_off = subj.1 + 2 < v.start
                && ((t[subj.1].is_punct(",") && t[v.start - 1].is_punct(",")) || dashes)
                && !t[subj.1 + 1..v.start - 1]
                    .iter()
                    .any(|x| (x.is_punct(",") && !dashes) || x.is_punct("(") || dash(x));
            if !set_off {
                continue;
            }
            let (a, b) = (subj.1 + 1, v.start - 1);
            if t[a].is("who") {
                who_clause = true;
            } else if matches!(t[a].lower.as_str(), "the" | "a" | "an")
                && b > a + 1
                && person_noun(&t[b - 1].lower)
                && t[a + 1..b]
                    .iter()
                    .all(|x| matches!(x.tag, Tag::Adj | Tag::Propn | Tag::Noun))
            {
                described = Some(s.span_text(a + 1, b));
            } else {
                continue;
            }
            qspan = (subj.0, v.start);
        }
        let chunks: Vec<(usize, usize)> = name_chunks(s)
            .into_iter()
            .filter(|&(a, b)| a >= subj.0 && b <= subj.1)
            .collect();
        if qspan != subj {
            if let [(ca, cb)] = chunks[..]
                && (ca, cb) == (subj.0, subj.1)
                && GAZETTEER.lookup(s.span_text(ca, cb)).is_none()
                && !INSTITUTION_NOUNS.contains(t[cb - 1].lower.as_str())
            {
                let wh = described.map_or_else(|| "Who".to_string(), |d| format!("Which {d}"));
                let Some(q) = s.wh_question(qspan.0, qspan.1, &WhSpec::new(wh), &ctx.qctx) else {
                    continue;
                };
                let mut c = Candidate::new(
                    Kind::Person,
                    "subject",
                    q,
                    s.span_text(ca, cb).to_string(),
                    si,
                    ctx,
                    if who_clause { 0.6 } else { 0.7 },
                    AType::Person,
                );
                if let Some(last) = s.span_text(ca, cb).split(' ').next_back()
                    && cb > ca + 1
                {
                    c.accept.push(last.to_string());
                }
                out.push(c);
            }
            continue;
        }
        if let Some(c) = office_subject(ctx, si, vi, subj, &chunks) {
            out.push(c);
            continue;
        }
        if chunks.is_empty() {
            continue;
        }
        // "Secretary of State A B and Minister of Foreign Affairs C D led …": the persons, bare
        let persons: Vec<(usize, usize, usize)> = super::cloze::titled_names(s)
            .into_iter()
            .filter(|p| p.2 >= subj.0 && p.1 <= subj.1)
            .collect();
        let outside_ok = (subj.0..subj.1).all(|k| {
            persons.iter().any(|p| k >= p.2 && k < p.1)
                || t[k].is("and")
                || t[k].is_punct(",")
                || t[k].is("the")
                || t[k].cap
        });
        if persons.len() >= 2 && outside_ok {
            let spec = WhSpec::new("Who");
            let Some(q) = s.wh_question(subj.0, subj.1, &spec, &ctx.qctx) else {
                continue;
            };
            let items: Vec<String> = persons
                .iter()
                .map(|p| s.span_text(p.0, p.1).to_string())
                .collect();
            let mut c = Candidate::new(
                Kind::List,
                "subject",
                q,
                items.join(", "),
                si,
                ctx,
                0.6,
                AType::Person,
            );
            c.item_aliases = persons
                .iter()
                .map(|p| format!("{} = {}", s.span_text(p.0, p.1), s.span_text(p.2, p.1)))
                .collect();
            c.items = items;
            out.push(c);
            continue;
        }
        // "Former de facto finance minister Hery RAJAONARIMAMPIANINA won …": a role in lower
        // case before one person's name
        if let Some(&(ca, cb)) = chunks.last()
            && cb == subj.1
            && ca > subj.0
            && (super::person_like(s.span_text(ca, cb))
                || super::capital_surname(&s.span_text(ca, cb).split(' ').collect::<Vec<_>>()))
            && (subj.0..ca).all(|k| {
                (!t[k].cap || k == 0)
                    && matches!(t[k].tag, Tag::Noun | Tag::Adj | Tag::Det | Tag::Poss)
            })
            && (subj.0..ca).any(|k| {
                person_noun(&t[k].lower) || matches!(t[k].lower.as_str(), "successor" | "candidate")
            })
            && GAZETTEER.lookup(s.span_text(ca, cb)).is_none()
        {
            let spec = WhSpec::new("Who");
            if let Some(q) = s.wh_question(subj.0, subj.1, &spec, &ctx.qctx) {
                let mut c = Candidate::new(
                    Kind::Person,
                    "subject",
                    q,
                    s.span_text(ca, cb).to_string(),
                    si,
                    ctx,
                    0.8,
                    AType::Person,
                );
                c.accept = vec![s.span_text(subj.0, subj.1).to_string()];
                out.push(c);
            }
            continue;
        }
        // the last party of a coordinated subject is not the subject alone ("the European
        // Union and the United States are teaming up")
        if subj.0 > 1 && t[subj.0 - 1].is("and") && t[subj.0 - 2].tag == Tag::Propn {
            continue;
        }
        // the subject must be only names (with "and", commas, "the")
        let titled = PERSON_TITLES.contains(t[subj.0].lower.as_str());
        if !super::only_names(t, subj.0, subj.1, &chunks) && !titled {
            continue;
        }
        let lemma = t[v.main].lemma.as_str();
        let names: Vec<String> = chunks
            .iter()
            .map(|&(a, b)| s.span_text(a, b).to_string())
            .collect();
        let kinds: Vec<Option<&'static str>> = names
            .iter()
            .map(|x| GAZETTEER.lookup(x).map(|p| p.kind))
            .collect();
        let (wh, kind, atype) = if names.len() == 1 {
            let name = &names[0];
            let words: Vec<&str> = name.split(' ').collect();
            let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
            if let Some(k) = kinds[0] {
                (
                    format!("Which {}", if k == "country" { "country" } else { k }),
                    Kind::Place,
                    AType::Place(k),
                )
            } else if titled
                || super::capital_surname(&words)
                || (words.len() >= 2
                    && person_verb(lemma)
                    && !INSTITUTION_NOUNS.contains(last.as_str())
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
            {
                ("Who".to_string(), Kind::Person, AType::Person)
            } else if INSTITUTION_NOUNS.contains(last.as_str()) && words.len() >= 2 {
                (format!("Which {last}"), Kind::Other, AType::Name)
            } else if let Some(of) = words.iter().position(|w| *w == "of" || *w == "for")
                && of >= 2
                && INSTITUTION_NOUNS.contains(words[of - 1].to_lowercase().as_str())
            {
                // "The American Society of Civil Engineers has ranked …" → "Which society …?"
                let head = words[of - 1].to_lowercase();
                (format!("Which {head}"), Kind::Other, AType::Name)
            } else {
                continue;
            }
        } else {
            let Some(k) = kinds[0] else { continue };
            if !kinds.iter().all(|x| *x == Some(k)) {
                continue;
            }
            let cw = number_word(names.len() as u64).unwrap_or("several");
            (
                format!("Which {cw} {}", kind_plural(k)),
                Kind::List,
                AType::Place(k),
            )
        };
        let spec = WhSpec::new(wh);
        let Some(q) = s.wh_question(subj.0, subj.1, &spec, &ctx.qctx) else {
            continue;
        };
        if q.split_whitespace().count() < 5 {
            continue;
        }
        let answer = if names.len() == 1 {
            let full = s.span_text(subj.0, subj.1);
            full.strip_prefix("the ")
                .or_else(|| full.strip_prefix("The "))
                .unwrap_or(full)
                .to_string()
        } else {
            names.join(", ")
        };
        // a place as the subject is usually the document's actor ("Which country has
        // provided …? → Australia"), rarely a fact worth asking
        let prior = if names.len() > 1 {
            0.5
        } else if kind == Kind::Place {
            0.45
        } else {
            0.6
        };
        let mut c = Candidate::new(kind, "subject", q, answer, si, ctx, prior, atype);
        if names.len() > 1 {
            c.items = names;
        } else if titled {
            c.accept = vec![names[0].clone()];
            if let Some(last) = names[0].split(' ').next_back() {
                c.accept.push(last.to_string());
            }
        }
        out.push(c);
    }
}

/// An office, not a name, as the subject: "This morning the British Ambassador in Berlin handed
/// the German Government a final Note" → "Who handed the German Government a final Note this
/// morning?" (answer "the British Ambassador in Berlin"); "the prime minister oversees …".
fn office_subject(
    ctx: &Ctx<'_, '_>,
    si: usize,
    vi: usize,
    subj: (usize, usize),
    chunks: &[(usize, usize)],
) -> Option<Candidate> {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let v = &s.vgs[vi];
    if !t[subj.0].is("the") || subj.1 - subj.0 < 3 || subj.1 - subj.0 > 8 {
        return None;
    }
    // the head office word, after modifiers ("British", "prime"), before its phrase ("in Berlin",
    // "of Serbia")
    let head = (subj.0 + 1..subj.1).find(|&k| t[k].is("of") || t[k].is("in") || t[k].is("for"));
    let h = head.unwrap_or(subj.1) - 1;
    // an office, not an honorific or a word of a compound title
    let office = |w: &str| {
        PERSON_TITLES.contains(w)
            && !super::office::honorific(w)
            && !matches!(w, "vice" | "deputy" | "chief" | "general" | "count")
    };
    // something that says which holder: "British", "in Berlin" ("the Prime Minister" of a
    // communiqué is a person named elsewhere)
    let which =
        head.is_some() || (subj.0 + 1..h).any(|k| !PERSON_TITLES.contains(t[k].lower.as_str()));
    if h <= subj.0
        || !which
        || !office(t[h].lower.as_str())
        || !(subj.0 + 1..h).all(|k| matches!(t[k].tag, Tag::Adj | Tag::Noun | Tag::Propn))
        // no person named in it (the name is asked instead), no coordination
        || chunks
            .iter()
            .any(|&(a, b)| (b <= h || a > h) && super::person_like(s.span_text(a, b)))
        || t[subj.0..subj.1]
            .iter()
            .any(|x| x.is("and") || x.is("or") || x.is_punct(","))
        || matches!(
            t[v.main].lemma.as_str(),
            "say" | "add" | "note" | "tell" | "be" | "have"
        )
    {
        return None;
    }
    let q = s.wh_question(subj.0, subj.1, &WhSpec::new("Who"), &ctx.qctx)?;
    if q.split_whitespace().count() < 5 {
        return None;
    }
    let answer = s.span_text(subj.0, subj.1).to_string();
    let mut c = Candidate::new(
        Kind::Person,
        "subject",
        q,
        answer.clone(),
        si,
        ctx,
        0.6,
        AType::Phrase,
    );
    c.accept = vec![answer.trim_start_matches("the ").to_string()];
    Some(c)
}
