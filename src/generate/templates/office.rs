//! Offices in apposition: "… received by Vojislav Kostunica, President of the Federal Republic
//! of Yugoslavia, and Zoran Djindjic, Prime Minister of Serbia" → "What office did Zoran
//! Djindjic hold?" (answer "Prime Minister of Serbia"). The person templates ask the other way
//! round, for the name from its title.

use super::{AType, Candidate, Ctx, Kind, name_chunks, person_like};
use crate::generate::lexicon::PERSON_TITLES;
use crate::generate::syntax::{Sent, finish};
use crate::generate::tokens::{Tag, Tok};

/// Honorifics that are no office ("Mr", "Dr", "Sir").
pub(crate) fn honorific(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "sir"
            | "lady"
            | "lord"
            | "saint"
            | "st"
            | "shri"
            | "sri"
            | "smt"
    )
}

/// An honorific word, or "H.E." (His/Her Excellency).
pub(crate) fn honorific_tok(x: &Tok<'_>) -> bool {
    honorific(&x.lower) || x.text.starts_with("H.E")
}

/// The end of a title phrase starting at `a` ("Prime Minister of Serbia", "Federal Minister",
/// "Minister for Foreign Affairs and Trade"): capitalised words, one of them an office, joined
/// by "of", "for", "and" and "the" inside ("… of Serbia and Montenegro"). `None` unless a
/// comma, a full stop, a semicolon, a closing bracket or an "and" that starts the next person or
/// clause ends it.
fn title_end(t: &[Tok<'_>], a: usize) -> Option<usize> {
    let mut k = a;
    let mut office = false;
    let mut complement = false;
    while k < t.len() {
        let x = &t[k];
        if x.cap && matches!(x.tag, Tag::Propn | Tag::Noun | Tag::Adj) {
            let title = PERSON_TITLES.contains(x.lower.as_str()) && !honorific(&x.lower);
            // after the office only more of it, or its "of"/"for" phrase: "Ambassador Jamsheed
            // Marker" is a title and a name
            if office && !title && !complement {
                return None;
            }
            office |= title;
            k += 1;
        } else if k > a
            && matches!(x.lower.as_str(), "of" | "for" | "and" | "the")
            && t.get(k + 1).is_some_and(|y| y.cap || y.is("the"))
            // "…, and H.E. Mr. Zoran Djindjic" starts the next person
            && !(x.is("and") && t.get(k + 1).is_some_and(honorific_tok))
        {
            complement |= office && matches!(x.lower.as_str(), "of" | "for");
            k += 1;
        } else {
            break;
        }
    }
    // "High Commissioner for Refugees Sadako Ogata": a name at the end, after a word of the
    // title (not "… of External Affairs")
    if k >= a + 3
        && t[k - 2].cap
        && t[k - 3].cap
        && !PERSON_TITLES.contains(t[k - 1].lower.as_str())
        && person_like(&format!("{} {}", t[k - 2].text, t[k - 1].text))
    {
        return None;
    }
    let closed = t
        .get(k)
        .is_none_or(|x| [",", ".", ";", ")"].iter().any(|p| x.is_punct(p)) || x.is("and"));
    (office && closed && k > a && k - a <= 12 && t[k - 1].cap).then_some(k)
}

/// Is an office asked in the past? It is when the document's date or its sentence is past (the
/// office held when the document was written).
fn held_in_past(ctx: &Ctx<'_, '_>, s: &Sent<'_>) -> bool {
    ctx.doc
        .date
        .zip(ctx.qctx.today_year)
        .is_some_and(|(d, y)| d.0 < y)
        || s.vgs
            .iter()
            .find(|v| v.finite && !v.relative)
            .is_some_and(|v| s.past(v))
}

/// The start of a name after its honorifics ("H.E. Rini Soewandi", "Dr Dorodjatun
/// Kuntjoro-Jakti", "Shri M. Hidayatullah") and, with `titles`, its titles ("Lt. Gen. H.M.
/// Ershad"); the name keeps at least its last word.
fn name_start(t: &[Tok<'_>], x0: usize, y: usize, titles: bool) -> usize {
    let mut x = x0;
    while x + 1 < y
        && (honorific_tok(&t[x]) || (titles && PERSON_TITLES.contains(t[x].lower.as_str())))
    {
        x += 1;
    }
    x
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let past = held_in_past(ctx, s);
    for (x0, y) in name_chunks(s) {
        // "H.E. Rini Soewandi", "Dr Dorodjatun Kuntjoro-Jakti": the name without its honorific
        let x = name_start(t, x0, y, false);
        if y <= x + 1 {
            continue;
        }
        let name = s.span_text(x, y);
        if !person_like(name)
            || t[x..y]
                .iter()
                .any(|w| PERSON_TITLES.contains(w.lower.as_str()))
            || !t.get(y).is_some_and(|c| c.is_punct(","))
        {
            continue;
        }
        // a title already before the name says what the office is ("Foreign Minister A, …")
        if x > 0 && PERSON_TITLES.contains(t[x - 1].lower.as_str()) && !honorific(&t[x - 1].lower) {
            continue;
        }
        let a = if t.get(y + 1).is_some_and(|w| w.is("the")) {
            y + 2
        } else {
            y + 1
        };
        let Some(e) = title_end(t, a) else { continue };
        // "…, the Prime Minister of Australia, the Right Hon. Malcolm Fraser": the title of the
        // name after it ("A, Minister for X, B, Minister for Y" pairs each name with the title
        // after it)
        if t.get(e).is_some_and(|z| z.is_punct(","))
            && t.get(e + 1)
                .is_some_and(|z| z.is("the") || (a > y + 1 && z.cap))
        {
            continue;
        }
        let office = s.span_text(a, e).to_string();
        let verb = if past { "did" } else { "does" };
        let q = finish(&format!("What office {verb} {name} hold"));
        let mut c = Candidate::new(
            Kind::Other,
            // ranked as the other appositives ("X, the most outstanding issue …")
            "appositive",
            q,
            office.clone(),
            si,
            ctx,
            0.78,
            AType::Phrase,
        );
        if a > y + 1 {
            c.accept.push(format!("the {office}"));
        }
        out.push(c);
    }
}

/// The office before the name: "called on the Acting President of India, Shri M.
/// Hidayatullah." → "Who was the Acting President of India?" (answer "M. Hidayatullah"). Only
/// an office of something ("… of India", "… for Foreign Affairs"), which names one person.
pub fn holder(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let past = held_in_past(ctx, s);
    for (x0, y) in name_chunks(s) {
        if x0 < 3 || !t[x0 - 1].is_punct(",") {
            continue;
        }
        // the name ends its phrase
        if !t
            .get(y)
            .is_none_or(|c| c.is_punct(",") || c.is_punct(".") || c.is("and"))
        {
            continue;
        }
        let x = name_start(t, x0, y, true);
        if y <= x + 1 || !person_like(s.span_text(x, y)) {
            continue;
        }
        let c = x0 - 1;
        // the longest office ending at the comma, after "the"
        let Some(a) = (c.saturating_sub(12)..c.saturating_sub(1))
            .find(|&a| a > 0 && t[a - 1].is("the") && title_end(t, a) == Some(c))
        else {
            continue;
        };
        if !t[a..c]
            .iter()
            .any(|w| matches!(w.lower.as_str(), "of" | "for"))
            || t[a..c].iter().any(|w| w.is("and"))
        {
            continue;
        }
        let office = s.span_text(a, c);
        let be = if past { "was" } else { "is" };
        let q = finish(&format!("Who {be} the {office}"));
        let name = s.span_text(x, y).to_string();
        let mut cand = Candidate::new(
            Kind::Person,
            "appositive",
            q,
            name.clone(),
            si,
            ctx,
            // below the question about what the person did ("Whom did the King welcome …?")
            0.6,
            AType::Person,
        );
        if x > x0 {
            cand.accept.push(s.span_text(x0, y).to_string());
        }
        if let Some(last) = name.split(' ').next_back() {
            cand.accept.push(last.to_string());
        }
        out.push(cand);
    }
}
