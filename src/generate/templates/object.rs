//! Named objects of a clause: "X appointed Y" → "Whom did X appoint?", "X signed the Treaty of
//! Z" → "Which treaty did X sign?", "X visited Chile" → "Which country did X visit?".

use super::{AType, Candidate, Ctx, Kind, name_chunks, person_like, subject_like};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::lexicon::{INSTITUTION_NOUNS, PERSON_TITLES, VerbForm};
use crate::generate::syntax::WhSpec;
use crate::generate::text::norm;
use crate::generate::tokens::Tag;

/// Head nouns of document titles ("the Treaty of Roskilde", "the Paris Peace Accords").
fn document_noun(w: &str) -> bool {
    matches!(
        w,
        "treaty"
            | "treaties"
            | "agreement"
            | "agreements"
            | "accord"
            | "accords"
            | "convention"
            | "declaration"
            | "charter"
            | "protocol"
            | "communique"
            | "memorandum"
            | "resolution"
            | "pact"
            | "act"
            | "constitution"
            | "statute"
    )
}

/// Verbs whose object is not a fact worth asking ("told Reuters", "called Japan").
fn skipped_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "ask"
            | "call"
            | "name"
            | "become"
            | "include"
            | "mark"
            | "represent"
            | "describe"
            | "consider"
            | "make"
            | "urge"
            | "encourage"
            | "join"
            | "thank"
    )
}

/// Verbs whose object is typically a person ("appointed X", "welcomed X").
fn person_object_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "appoint"
            | "elect"
            | "select"
            | "nominate"
            | "choose"
            | "designate"
            | "welcome"
            | "meet"
            | "receive"
            | "invite"
            | "replace"
            | "succeed"
            | "defeat"
            | "marry"
            | "host"
            | "honour"
            | "honor"
            | "award"
            | "kill"
            | "assassinate"
            | "arrest"
            | "depose"
            | "overthrow"
            | "congratulate"
            | "execute"
            | "crown"
            | "exile"
            | "dismiss"
            | "pardon"
            | "endorse"
            | "greet"
            | "accompany"
    )
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let chunks = name_chunks(s);
    let titled = super::cloze::titled_names(s);
    let groups = super::coordinated(t, &chunks);
    for (vi, v) in s.vgs.iter().enumerate() {
        if !v.finite || v.relative || v.passive {
            continue;
        }
        let Tag::Verb(form) = t[v.main].tag else {
            continue;
        };
        // a past or perfect clause, or "will"
        let tense_ok = match v.aux {
            None => matches!(form, VerbForm::Past | VerbForm::PastOrPart),
            Some(x) => {
                (t[x].tag == Tag::Have && form.is_past())
                    || (t[x].is("will") && form == VerbForm::Base && x + 1 == v.main)
            }
        };
        if !tense_ok || skipped_verb(&t[v.main].lemma) {
            continue;
        }
        let Some(subj) = s.subject_of(vi) else {
            continue;
        };
        if subj.1 > v.start {
            continue;
        }
        if !subject_like(&t[subj.0..subj.1]) {
            continue;
        }
        // the object follows the main verb directly
        let a0 = v.end;
        if a0 >= n || v.main + 1 != a0 {
            continue;
        }
        let a = if t[a0].is("the") { a0 + 1 } else { a0 };
        // (end of the object span, answer, accepted forms, wh-phrase, kind, answer type)
        let mut found: Option<(usize, String, Vec<String>, String, Kind, AType)> = None;
        // "former Prime Minister …"
        let adj = usize::from(
            a < n
                && !t[a].cap
                && (t[a].tag == Tag::Adj
                    || matches!(t[a].lower.as_str(), "former" | "acting" | "then" | "new")),
        );
        if let Some(p) = titled.iter().find(|p| p.2 == a + adj) {
            // "selected former Prime Minister Thein Sein as president"
            let bare = s.span_text(p.0, p.1).to_string();
            let full = s.span_text(p.2, p.1).to_string();
            found = Some((
                p.1,
                bare,
                vec![full],
                "Whom".into(),
                Kind::Person,
                AType::Person,
            ));
        } else if let Some(&(x, y)) = chunks.iter().find(|c| c.0 == a) {
            let name = s.span_text(x, y).to_string();
            // "welcomed the Prime Minister of Iraq, Mohammed Al-Sudani, to …"
            let appos = (PERSON_TITLES.contains(t[x].lower.as_str()) && t[x].cap)
                .then(|| {
                    let c2 = chunks.iter().find(|c| c.0 == y + 1)?;
                    let after = t.get(c2.1)?;
                    (t[y].is_punct(",")
                        && after.is_punct(",")
                        && person_like(s.span_text(c2.0, c2.1)))
                    .then_some(*c2)
                })
                .flatten();
            if let Some((p, q)) = appos {
                let bare = s.span_text(p, q).to_string();
                found = Some((
                    q + 1,
                    bare,
                    vec![],
                    "Whom".into(),
                    Kind::Person,
                    AType::Person,
                ));
            } else if let Some(pl) = GAZETTEER.lookup(&name) {
                let wh = format!("Which {}", pl.kind);
                found = Some((y, name, vec![], wh, Kind::Place, AType::Place(pl.kind)));
            } else if person_like(&name)
                && person_object_verb(&t[v.main].lemma)
                && !t[x..y]
                    .iter()
                    .all(|w| PERSON_TITLES.contains(w.lower.as_str()))
            {
                found = Some((y, name, vec![], "Whom".into(), Kind::Person, AType::Person));
            } else {
                // the head: the word before "of", else the last word
                let head = t[x..y]
                    .iter()
                    .position(|w| w.is("of"))
                    .map_or(y - 1, |k| x + k - 1.min(k));
                let h = t[head].lower.as_str();
                if head >= x && document_noun(h) {
                    let wh = format!("Which {h}");
                    found = Some((y, name, vec![], wh, Kind::Other, AType::Name));
                } else if super::list::org_like(&name) {
                    let wh = "Which organization".to_string();
                    found = Some((y, name, vec![], wh, Kind::Other, AType::Name));
                }
            }
        }
        let Some((b, answer, mut accept, wh, kind, atype)) = found else {
            continue;
        };
        // not one item of a list, not a modifier of what follows
        if groups
            .iter()
            .any(|g| g.iter().any(|c| c.0 <= a && c.1 >= a))
        {
            continue;
        }
        // what follows must end the noun phrase: a preposition, "to", punctuation, an adverb
        if let Some(nx) = t.get(b)
            && (!matches!(
                nx.tag,
                Tag::Prep | Tag::To | Tag::Punct | Tag::Sub | Tag::Adv | Tag::Conj
            ) || nx.is("and")
                || nx.is("or")
                || matches!(nx.text, "'" | "’" | "'s" | "’s" | "(")
                // "the United Nations Office for the Coordination of …": the name goes on
                || ((nx.is("of")
                    || (nx.is("for") && INSTITUTION_NOUNS.contains(t[b - 1].lower.as_str())))
                    && t.get(b + 1)
                        .is_some_and(|w| w.tag == Tag::Propn || w.is("the"))))
        {
            continue;
        }
        if answer.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let spec = WhSpec::new(wh);
        let Some(q) = s.wh_question(a0, b, &spec, &ctx.qctx) else {
            continue;
        };
        if super::too_long(&q) {
            continue;
        }
        if a0 < a && kind != Kind::Person {
            accept.push(format!("the {answer}"));
        }
        accept.retain(|x| *x != answer);
        // a name the document keeps repeating is its topic, not the fact asked
        let last = answer.rsplit(' ').next().unwrap_or("");
        let key = norm(&answer);
        let topic = (kind == Kind::Person
            && ctx.surname_freq.get(&norm(last)).is_some_and(|&f| f >= 3))
            || ctx
                .name_freq
                .get(key.strip_prefix("the ").unwrap_or(&key))
                .is_some_and(|&f| f >= 2);
        if topic && kind != Kind::Other {
            continue;
        }
        let mut c = Candidate::new(kind, "object", q, answer, si, ctx, 0.7, atype);
        c.accept = accept;
        out.push(c);
    }
}
