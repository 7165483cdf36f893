//! Named things asked by their class: "Building on discussions during the U.S.-Africa Leaders
//! Summit in December 2022, …" → "During which summit …?"; "The Bornu Empire succeeded it" →
//! "Which empire succeeded it?"; "Ghana's co-hosting of Exercise Flintlock" → "… of which
//! exercise …?". The class is the name's own head noun, so the question does not guess it.

use super::{AType, Candidate, Ctx, Kind, coordinated, name_chunks, person_like, subject_like};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::lexicon::PERSON_TITLES;
use crate::generate::syntax::WhSpec;
use crate::generate::text::norm;
use crate::generate::tokens::Tag;

/// Head nouns that name a class of event, body, document or work ("the Lobito Corridor", "the
/// Treaty of Rome"). Places are asked by the place templates, people by the person templates;
/// unlike `INSTITUTION_NOUNS` (which finds agents) there are no places and no bodies as generic
/// as "government", "office" or "party", whose class says nothing.
fn class_noun(w: &str) -> bool {
    matches!(
        w,
        "summit"
            | "conference"
            | "treaty"
            | "agreement"
            | "council"
            | "committee"
            | "commission"
            | "dialogue"
            | "initiative"
            | "program"
            | "programme"
            | "assembly"
            | "parliament"
            | "congress"
            | "court"
            | "agency"
            | "bank"
            | "fund"
            | "forum"
            | "declaration"
            | "proclamation"
            | "convention"
            | "protocol"
            | "accord"
            | "accords"
            | "alliance"
            | "war"
            | "revolution"
            | "dynasty"
            | "empire"
            | "kingdom"
            | "partnership"
            | "plan"
            | "strategy"
            | "charter"
            | "pact"
            | "framework"
            | "project"
            | "railway"
            | "canal"
            | "bridge"
            | "pipeline"
            | "corridor"
            | "dam"
            | "crisis"
            | "movement"
            | "campaign"
            | "battle"
            | "mission"
            | "coalition"
            | "exercise"
            | "operation"
            | "cyclone"
            | "hurricane"
            | "typhoon"
            | "flood"
            | "eruption"
            | "monument"
            | "mound"
            | "university"
    )
}

/// Classes written before the name ("Cyclone Olaf", "Exercise Flintlock", "Operation Sagar
/// Bandhu").
fn class_first(w: &str) -> bool {
    matches!(
        w,
        "cyclone" | "hurricane" | "typhoon" | "exercise" | "operation"
    )
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let chunks = name_chunks(s);
    let groups = coordinated(t, &chunks);
    for &(x, y) in &chunks {
        if y - x < 2 {
            continue;
        }
        let name = s.span_text(x, y);
        // "U.S.-Africa Leaders Summit" split at its hyphen; "PACT OF PARIS" in capitals
        if (x > 0 && (t[x - 1].end == t[x].start || t[x - 1].tag == Tag::Propn))
            || !name.chars().any(|c| c.is_lowercase())
        {
            continue;
        }
        // the head: the word before "of" or "for", else the last word
        let head = (x + 1..y)
            .find(|&k| t[k].is("of") || t[k].is("for"))
            .map_or(y - 1, |k| k - 1);
        let class = if t[head].cap && class_noun(&t[head].lower) {
            &t[head].lower
        } else if class_first(&t[x].lower) && t[x].cap {
            &t[x].lower
        } else {
            continue;
        };
        if GAZETTEER.lookup(name).is_some()
            || person_like(name)
            || t[x..y]
                .iter()
                .any(|w| PERSON_TITLES.contains(w.lower.as_str()))
        {
            continue;
        }
        // the document's topic, named again and again, is not the fact asked
        let key = norm(name);
        if ctx
            .name_freq
            .get(key.strip_prefix("the ").unwrap_or(&key))
            .is_some_and(|&f| f >= 3)
        {
            continue;
        }
        // the name ends here ("the Treaty of Rome's …" or "the Lobito Corridor development" go
        // on), and is not one of two ("the Kyoto Protocol and so on")
        if let Some(nx) = t.get(y)
            && (!matches!(
                nx.tag,
                Tag::Prep | Tag::To | Tag::Punct | Tag::Sub | Tag::Adv | Tag::Verb(_)
            ) || nx.is("of")
                || matches!(nx.text, "'" | "’" | "'s" | "’s" | "(" | "-" | "–"))
        {
            continue;
        }
        // one item of a list is asked as the list
        if groups
            .iter()
            .any(|g| g.len() > 1 && g.iter().any(|c| c.0 <= x && c.1 >= y))
        {
            continue;
        }
        let a = if x > 0 && t[x - 1].is("the") {
            x - 1
        } else {
            x
        };
        if a > 0 && matches!(t[a - 1].tag, Tag::Det | Tag::Poss | Tag::Num | Tag::Adj) {
            continue;
        }
        let prep = (a > 0 && matches!(t[a - 1].tag, Tag::Prep | Tag::To)).then(|| t[a - 1].text);
        let placed = match prep {
            // a phrase of the clause ("attacked … at the Battle of Quatre Bras", "Following the
            // Anglo-Nepalese War, …"), not of a noun ("discussions during the …", "part of the …")
            Some(p) => {
                p != "of"
                    && (a == 1
                        || matches!(
                            t[a - 2].tag,
                            Tag::Verb(_) | Tag::Adv | Tag::Punct | Tag::Sub | Tag::Conj
                        ))
            }
            // the subject of a clause, or the object right after its verb
            None => s.vgs.iter().enumerate().any(|(vi, v)| {
                let subj = s.subject_of(vi);
                (v.main + 1 == a
                    && v.end == a
                    && !v.passive
                    && !v.relative
                    && subj.is_some_and(|sj| subject_like(&t[sj.0..sj.1])))
                    || subj.is_some_and(|sj| sj.0 == a && sj.1 == y && v.start >= y)
            }),
        };
        // not inside a relative clause ("an event which led to the Suez Crisis", "where KHUBILAI
        // established the Yuan Dynasty"): the question would lose what it is about; not the
        // agent of a passive, which the agent template asks
        let loses_context = s.governing(a, y).is_none_or(|(vi, _)| {
            let v = &s.vgs[vi];
            let c = s.clause_range(v.start).0;
            // the agent of a passive is asked actively ("Which treaty established …?")
            (v.passive && prep.is_some_and(|p| p.eq_ignore_ascii_case("by")))
                || v.relative
                || t[c..v.start].iter().any(|w| {
                    matches!(
                        w.lower.as_str(),
                        "where" | "when" | "which" | "who" | "whom" | "whose" | "that"
                    )
                })
        });
        if !placed || loses_context {
            continue;
        }
        let wh = match prep {
            Some(p) => {
                let p = crate::generate::text::capitalize_first(&p.to_lowercase());
                format!("{p} which {class}")
            }
            None => format!("Which {class}"),
        };
        let spec = WhSpec {
            drop_before: usize::from(prep.is_some()),
            ..WhSpec::new(wh)
        };
        let Some(q) = s.wh_question(a, y, &spec, &ctx.qctx) else {
            continue;
        };
        if super::too_long(&q) {
            continue;
        }
        // ranked with the object template's named questions, which have the same shape
        // ("Which treaty did X sign?")
        let mut c = Candidate::new(
            Kind::Other,
            "object",
            q,
            name.to_string(),
            si,
            ctx,
            0.7,
            AType::Name,
        );
        if a < x {
            c.accept = vec![format!("the {name}")];
        }
        out.push(c);
    }
}
