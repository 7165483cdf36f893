//! Typed gaps: a gap-fill item on a number, a date or a list of names in a sentence for which no
//! typed question on it could be phrased. These are the facts instructors ask about most, and a
//! sentence the parser cannot turn into a question still states them.

use super::cloze::{Gap, gap};
use super::list::item_aliases;
use super::number::number_spans;
use super::{AType, Candidate, Ctx, Kind, coordinated, name_chunks, person_like};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::lexicon::{PERSON_TITLES, month_number};
use crate::generate::syntax::Sent;
use crate::generate::text::{fmt_num, norm};
use crate::generate::tokens::{Tag, Tok};

/// Priors: below the typed questions on the same kinds of fact (0.75–0.85), about as high as a
/// gap on a well-placed name.
const NUMBER_GAP: f32 = 0.55;
const DATE_GAP: f32 = 0.5;
const LIST_GAP: f32 = 0.6;

/// Words before a number that make it refer back ("the $1.7 million program") rather than state
/// a new fact.
fn refers_back(w: &str) -> bool {
    matches!(
        w,
        "the" | "this" | "that" | "these" | "those" | "its" | "their" | "each" | "every"
    )
}

/// Gap-fill items for sentence `si`; `made` are the typed candidates made from it that passed
/// the checks (a fact whose typed question was dropped still gets its gap).
pub fn generate(ctx: &Ctx<'_, '_>, si: usize, made: &[Candidate], out: &mut Vec<Candidate>) {
    // a fact already asked by a typed question from this sentence needs no gap (whole words:
    // "7" is not asked by an answer of "$1.7 million"); the answers are normalised once
    let typed: Vec<&Candidate> = made.iter().filter(|c| c.cloze.is_none()).collect();
    let answers: Vec<String> = typed
        .iter()
        .map(|c| format!(" {} ", norm(&c.answer)))
        .collect();
    let items: Vec<String> = typed
        .iter()
        .flat_map(|c| c.items.iter().map(|i| format!(" {} ", norm(i))))
        .collect();
    let asked = |text: &str| {
        let k = format!(" {} ", norm(text));
        answers.iter().any(|a| a.contains(&k)) || items.contains(&k)
    };
    numbers(ctx, si, &asked, out);
    dates(ctx, si, &asked, out);
    lists(ctx, si, &typed, out);
}

fn candidate(
    ctx: &Ctx<'_, '_>,
    si: usize,
    (kind, atype, prior): (Kind, AType, f32),
    g: Gap,
    answer: String,
) -> Candidate {
    let prior = prior - if g.pron_start { 0.15 } else { 0.0 };
    let mut c = Candidate::new(
        kind,
        "gap",
        format!("Fill in the blank: {}", g.text),
        answer,
        si,
        ctx,
        prior,
        atype,
    );
    c.cloze = Some(g.markup);
    c
}

fn numbers(ctx: &Ctx<'_, '_>, si: usize, asked: &dyn Fn(&str) -> bool, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    for ns in number_spans(s) {
        let mut a = ns.a;
        if a > 0 && t[a - 1].is_currency() {
            a -= 1;
        }
        if a > 0 && refers_back(&t[a - 1].lower) {
            continue;
        }
        // a number inside a name ("JENESYS 2.0", "Apollo 11")
        if a > 0
            && t[a - 1].tag == Tag::Propn
            && t[a - 1].cap
            && month_number(&t[a - 1].lower).is_none()
        {
            continue;
        }
        // a footnote marker ("[5]"), a day of a date ("on 10 October", "12-13 August"), or part
        // of a file name or code ("Gibraltar_2007.jpg")
        let dash = |x: &Tok<'_>| matches!(x.text, "-" | "–" | "±");
        if (a > 0 && t[a - 1].is_punct("["))
            || t.get(ns.b)
                .is_some_and(|x| x.is_punct("]") || is_month(x) || dash(x))
            || (a > 0 && (is_month(&t[a - 1]) || dash(&t[a - 1])))
            || glued(s, a, ns.b)
        {
            continue;
        }
        let text = s.span_text(a, ns.b).to_string();
        if asked(&text) {
            continue;
        }
        let mut answers = vec![text.clone()];
        if text.contains(',') {
            answers.push(text.replace(',', ""));
        }
        if ns.words && ns.b == ns.a + 1 {
            answers.push(fmt_num(ns.value));
        }
        let Some(g) = gap(s, a, ns.b, &answers.join("|")) else {
            continue;
        };
        let mut c = candidate(ctx, si, (Kind::Number, AType::Number, NUMBER_GAP), g, text);
        c.accept = answers[1..].to_vec();
        out.push(c);
    }
}

/// The span touches a letter, digit or underscore with no space between: it is part of a longer
/// token such as a file name ("Detroit_Gibraltar_2007.jpg").
fn glued(s: &Sent<'_>, a: usize, b: usize) -> bool {
    let whole = s.span_text(a.saturating_sub(1), (b + 1).min(s.toks.len()));
    let span = s.span_text(a, b);
    whole.contains('_')
        || whole.split_whitespace().any(|w| {
            w.len() > span.len()
                && w.contains(span)
                && w.chars().any(|c| c.is_alphabetic())
                && !w.starts_with('$')
        })
}

fn is_day(x: &Tok<'_>) -> bool {
    x.tag == Tag::Num && x.text.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_month(x: &Tok<'_>) -> bool {
    x.cap && month_number(x.text).is_some()
}

/// Dates and years: "15 June 1215", "June 15, 1215", "June 1215", "1704"; not ranges, and not a
/// year used as a modifier ("the 2008 summit", "1257 Samalas eruption").
fn dates(ctx: &Ctx<'_, '_>, si: usize, asked: &dyn Fn(&str) -> bool, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for k in 0..n {
        if !t[k].is_year() {
            continue;
        }
        let b = k + 1;
        let mut a = k;
        if a >= 3 && t[a - 1].is_punct(",") && is_day(&t[a - 2]) && is_month(&t[a - 3]) {
            a -= 3;
        } else if a >= 2 && is_day(&t[a - 1]) && is_month(&t[a - 2]) {
            a -= 2;
        } else if a >= 1 && is_month(&t[a - 1]) {
            a -= 1;
            if a >= 1 && is_day(&t[a - 1]) {
                a -= 1;
            }
        }
        let full = a < k;
        // "12-13 August 2001": a day range the month alone would misquote
        if a > 0 && (t[a - 1].is_punct("-") || t[a - 1].tag == Tag::Num) {
            continue;
        }
        if glued(s, a, b) {
            continue;
        }
        // "from 1990 to 1995", "between 1990 and 1995", "1939–1945"
        let range = |x: &Tok<'_>| x.is("to") || x.is("and") || x.is_punct("-") || x.is_punct("–");
        let year_or_date =
            |x: Option<&Tok<'_>>| x.is_some_and(|x| x.is_year() || is_day(x) || is_month(x));
        if (t.get(b).is_some_and(range) && year_or_date(t.get(b + 1)))
            || (a >= 2 && range(&t[a - 1]) && year_or_date(t.get(a - 2)))
            || (a >= 1 && matches!(t[a - 1].lower.as_str(), "between" | "from"))
        {
            continue;
        }
        if !full
            && (t
                .get(b)
                .is_some_and(|x| matches!(x.tag, Tag::Noun | Tag::Propn | Tag::Adj))
                || (a > 0 && (refers_back(&t[a - 1].lower) || t[a - 1].tag == Tag::Propn)))
        {
            continue;
        }
        let text = s.span_text(a, b).to_string();
        if asked(&text) || asked(t[k].text) {
            continue;
        }
        let Some(g) = gap(s, a, b, &text) else {
            continue;
        };
        let atype = if full { AType::Date } else { AType::Year };
        let mut c = candidate(ctx, si, (Kind::Date, atype, DATE_GAP), g, text);
        if !full {
            c.number = t[k].text.parse().ok();
        }
        out.push(c);
    }
}

/// Names listed with commas and closed by "and other": "in Jakarta, Bogor and other places".
/// Kept apart from [`coordinated`], which the typed list questions also use: such a run is only
/// part of a list, which a gap-fill item shows ("_____ and other places") and a "Which …?"
/// question would hide.
fn open_lists(t: &[Tok<'_>], chunks: &[(usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chunks.len() {
        let mut group = vec![chunks[i]];
        let mut j = i + 1;
        while j < chunks.len() {
            let between = &t[group[group.len() - 1].1..chunks[j].0];
            if !(between.len() == 1 && between[0].is_punct(",")) {
                break;
            }
            group.push(chunks[j]);
            j += 1;
        }
        i = j;
        let b = group[group.len() - 1].1;
        let mut k = b;
        if t.get(k).is_some_and(|x| x.is_punct(",")) {
            k += 1;
        }
        let closed = t.get(k).is_some_and(|x| x.is("and") || x.is("or"))
            && t.get(k + 1).is_some_and(|x| x.is("other"));
        if closed && group.len() >= 2 {
            out.push(group);
        }
    }
    out
}

/// Coordinated names ("Agung, Batur, and Bratan"): the whole list is the gap, asked as a list.
fn lists(ctx: &Ctx<'_, '_>, si: usize, typed: &[&Candidate], out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let chunks = name_chunks(s);
    let mut groups = coordinated(t, &chunks);
    groups.extend(open_lists(t, &chunks));
    for mut group in groups {
        if group.len() > 8 {
            continue;
        }
        // the gazetteer kind of each name (the distractors come from the same kind)
        let mut kinds: Vec<Option<&'static str>> = group
            .iter()
            .map(|&(x, y)| GAZETTEER.lookup(s.span_text(x, y)).map(|p| p.kind))
            .collect();
        // "two members of ASEAN, Singapore and Malaysia": a first name of another kind than all
        // the others, set off by a comma, is what the others belong to
        if group.len() >= 3
            && kinds[1].is_some()
            && kinds[2..].iter().all(|k| *k == kinds[1])
            && kinds[0] != kinds[1]
            && t[group[0].1].is_punct(",")
        {
            group.remove(0);
            kinds.remove(0);
        }
        let people: Vec<bool> = group
            .iter()
            .map(|&(x, y)| person_like(s.span_text(x, y)))
            .collect();
        // places and people in one run are two phrases ("for Russia, and Komura Jutarō"), not a list
        if kinds.iter().any(Option::is_some) && people.contains(&true) {
            continue;
        }
        let a = group[0].0;
        let b = group[group.len() - 1].1;
        // a modifier of what follows ("Japan and Russia's", "the A and B Governments")
        if b < n && (t[b].nominal() || matches!(t[b].text, "'s" | "’s")) {
            continue;
        }
        let names: Vec<String> = group
            .iter()
            .map(|&(x, y)| s.span_text(x, y).to_string())
            .collect();
        // titles make an appositive, not a list ("the President, the Right Honorable Robert
        // Menzies"); a shared plural head ("ANZUS and SEATO Treaties") or a compound
        // ("the U.S.-Iraq agreement") is no list of names either
        let titled = |x: &String| {
            x.split(' ').any(|w| {
                let w = w.to_lowercase();
                let initial = w.len() == 2 && w.ends_with('.');
                PERSON_TITLES.contains(w.as_str()) || (w.contains('.') && !initial)
            })
        };
        let shared_head = names.last().is_some_and(|x| {
            x.rsplit(' ').next().is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "governments"
                        | "treaties"
                        | "agreements"
                        | "accords"
                        | "conventions"
                        | "ministers"
                        | "forces"
                        | "ministries"
                        | "departments"
                        | "universities"
                        | "companies"
                )
            })
        });
        if names
            .iter()
            .any(|x| x.chars().any(|c| c.is_ascii_digit()) || x.len() < 3 || titled(x))
            || shared_head
            || t.get(b).is_some_and(|x| x.is_punct("-"))
        {
            continue;
        }
        // a list must not open the sentence (a heading such as "Joint Statement of A, B and C")
        // nor straddle two clauses ("starts in East Africa and the Blue Nile begins …"), and its
        // last name must be whole ("James Monroe and Robert R. Livingston")
        let straddles = a > 0
            && t[a - 1].tag == Tag::Prep
            && t.get(b).is_some_and(|x| x.is_verbal() || x.tag == Tag::Det);
        let initial = names
            .last()
            .and_then(|x| x.rsplit(' ').next())
            .is_some_and(|w| w.len() == 1 && w.chars().all(char::is_uppercase));
        if a == 0 || straddles || initial {
            continue;
        }
        let listed = typed
            .iter()
            .any(|c| c.kind == Kind::List && c.items.iter().any(|i| names.contains(i)));
        if listed {
            continue;
        }
        let answer = names.join(", ");
        let Some(g) = gap(s, a, b, &answer) else {
            continue;
        };
        let count = names.len();
        let atype = match kinds.first() {
            Some(Some(k)) if kinds.iter().all(|x| *x == Some(*k)) => AType::Place(k),
            _ if !people.contains(&false) => AType::Person,
            _ => AType::Name,
        };
        let mut c = candidate(ctx, si, (Kind::List, atype, LIST_GAP), g, answer);
        c.question = c.question.replacen(
            "Fill in the blank:",
            &format!("Fill in the blank with {count} names:"),
            1,
        );
        c.cloze = None;
        c.item_aliases = item_aliases(&names);
        c.items = names;
        out.push(c);
    }
}
