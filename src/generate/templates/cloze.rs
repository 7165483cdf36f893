//! Cloze (gap-fill) as the fallback for salient names in a sentence.

use super::{AType, Candidate, Ctx, Kind, name_chunks, place_noun};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::text::{leaks, norm, strip_footnotes};
use crate::generate::tokens::Tag;

pub const GAP: &str = "_____";

/// Extra prior for the name of a titled person: such gaps hit a fact about as often as the typed
/// questions do, far more often than other gaps.
const PERSON_GAP: f32 = 0.25;

/// Particles inside a person's name ("Abelardo de la Espriella", "Ludwig van Beethoven").
fn name_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "la"
            | "le"
            | "del"
            | "della"
            | "da"
            | "dos"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "al"
            | "el"
    )
}

/// Names right after a capitalised person title ("Colombian President Abelardo de la Espriella",
/// "Marshal Ferdinand Foch", "Mr Bruce Billson"): the gap is the bare name, the title stays in
/// the text as its clue. Returns (start, end, full start) with the title from `full start`.
pub fn titled_names(s: &crate::generate::syntax::Sent<'_>) -> Vec<(usize, usize, usize)> {
    use crate::generate::lexicon::PERSON_TITLES;
    let t = &s.toks;
    let n = t.len();
    let title = |k: usize| t[k].cap && PERSON_TITLES.contains(t[k].lower.as_str());
    let namey = |k: usize| {
        t[k].cap
            && t[k].tag == Tag::Propn
            && !PERSON_TITLES.contains(t[k].lower.as_str())
            && t[k].text.chars().any(char::is_alphabetic)
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        if !title(k) {
            k += 1;
            continue;
        }
        let from = k;
        while k < n && title(k) {
            k += 1;
        }
        let mut a = k;
        // "Minister for Trade Mark Vaile": after an office "of/for" phrase, the last two words
        if a + 1 < n && (t[a].is("of") || t[a].is("for")) {
            let mut j = a + 1;
            while j < n && namey(j) {
                j += 1;
            }
            if j - (a + 1) < 3 || t.get(j).is_some_and(|x| x.is("of") || x.is("for")) {
                k = j.max(k + 1);
                continue;
            }
            a = j - 2;
        }
        let mut e = a;
        while e < n && e - a < 5 {
            let particle = e > a
                && name_particle(&t[e].lower)
                && (e + 1..n.min(e + 3))
                    .any(|j| namey(j) && (e + 1..j).all(|m| name_particle(&t[m].lower)));
            let article = e > a
                && (t[e].lower.starts_with("al-") || t[e].lower.starts_with("el-"))
                && t[e].text.chars().nth(3).is_some_and(char::is_uppercase);
            if namey(e) || particle || article {
                e += 1;
            } else {
                break;
            }
        }
        // a person's name is one to four words, not a place, an office or an institution
        let words = e - a;
        if words == 0 || words > 4 || !namey(e - 1) {
            k = e.max(k);
            continue;
        }
        let text = s.span_text(a, e);
        let last = t[e - 1].lower.as_str();
        if GAZETTEER.lookup(text).is_some()
            || crate::generate::lexicon::INSTITUTION_NOUNS.contains(last)
            || place_noun(last)
            || matches!(
                last,
                "building" | "hall" | "house" | "street" | "square" | "stores"
            )
            || t.get(e)
                .is_some_and(|x| x.tag == Tag::Propn || x.is("of") && words == 1)
        {
            k = e;
            continue;
        }
        out.push((a, e, from));
        k = e;
    }
    out
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    if n < 6 {
        return;
    }
    let mut picks: Vec<(f32, usize, usize, AType)> = Vec::new();
    // titled persons are the gaps most worth asking: their name, with the title as the clue
    let mut persons = titled_names(s);
    // a person the document keeps naming is its topic: such names keep the plain gap below
    persons.retain(|&(_, b, _)| {
        ctx.surname_freq
            .get(&norm(t[b - 1].text))
            .copied()
            .unwrap_or(0)
            < 3
    });
    for &(a, b, _) in &persons {
        // how often the surname occurs among the document's names ("Dr Kharrazi", "Kharrazi")
        let freq = ctx
            .surname_freq
            .get(&norm(t[b - 1].text))
            .copied()
            .unwrap_or(0);
        picks.push((if freq <= 1 { 1.0 } else { 0.8 }, a, b, AType::Person));
    }
    for (a, b) in name_chunks(s) {
        if persons.iter().any(|&(pa, pb, pf)| a < pb && pa.min(pf) < b) {
            continue;
        }
        let text = s.span_text(a, b);
        let freq = ctx.name_freq.get(&norm(text)).copied().unwrap_or(1);
        let words = b - a;
        let place = GAZETTEER.lookup(text).map(|p| p.kind);
        let mut score = match place {
            Some("sea" | "lake" | "river" | "island" | "mountain" | "ocean") => 0.9,
            Some("city") => 0.75,
            Some(_) => 0.45,
            None if words >= 2 => 0.7,
            // a single unknown capitalised word is rarely worth a gap ("August", "Australian")
            None => 0.35,
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
    // at most two gaps per sentence, besides the titled persons
    let mut others = 0;
    picks.retain(|p| {
        others += usize::from(p.3 != AType::Person);
        p.3 == AType::Person || others <= 2
    });
    for &(score, a, b, ref atype) in &picks {
        if score < 0.3 {
            continue;
        }
        let ans = s.span_text(a, b).to_string();
        let Some(Gap {
            text,
            markup: cl,
            pron_start,
        }) = gap(s, a, b, &ans)
        else {
            continue;
        };
        let kind = if matches!(atype, AType::Place(_)) {
            Kind::Place
        } else if *atype == AType::Person {
            Kind::Person
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
            0.35 + 0.2 * score - if pron_start { 0.15 } else { 0.0 }
                + if *atype == AType::Person {
                    PERSON_GAP
                } else {
                    0.0
                },
            atype.clone(),
        );
        if *atype == AType::Person
            && let Some(&(_, _, from)) = persons.iter().find(|p| p.0 == a && p.1 == b)
        {
            c.accept = vec![s.span_text(from, b).to_string()];
        }
        c.cloze = Some(cl);
        out.push(c);
    }
}

/// A gap-fill text for a span of a sentence: the clause around it (or the sentence cut to about
/// 35 tokens), with the span replaced by a blank. There is none when the text left is too short,
/// still gives the answer away, or shows leftovers of removed script.
pub struct Gap {
    /// The text with the blank, as the question shows it.
    pub text: String,
    /// The same text in cloze markup, the gap holding `answers` ("7,200|7200").
    pub markup: String,
    /// The text starts with a pronoun ("It", "They"): not answerable from the sentence alone.
    pub pron_start: bool,
}

/// The gap-fill text for the span `a..b` of sentence `s` (see [`Gap`]).
pub fn gap(
    s: &crate::generate::syntax::Sent<'_>,
    a: usize,
    b: usize,
    answers: &str,
) -> Option<Gap> {
    let t = &s.toks;
    let n = t.len();
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
        return None;
    }
    // a gap in a sentence about "it"/"they" is not answerable from the sentence alone
    let pron_start = lo == 0 && t.first().is_some_and(|x| super::refers_to_before(&x.lower));
    let ans = s.span_text(a, b);
    let shown = format!("{before} {GAP} {after}");
    if shown.split_whitespace().count() < 8 {
        return None;
    }
    if leaks(&shown, ans) {
        return None;
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
    let mut cl = format!("{body_before}{{{{{answers}}}}}{}{after}", sep(after));
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
    Some(Gap {
        text,
        markup: cl,
        pron_start,
    })
}
