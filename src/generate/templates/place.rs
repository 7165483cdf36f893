//! Places: "will be held on the shore of the lake Toyako in Hokkaido" → "Where … held?"

use super::{AType, Candidate, Ctx, Kind, name_chunks, np_end, place_noun};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::lexicon::month_number;
use crate::generate::syntax::WhSpec;
use crate::generate::tokens::Tag;

fn locative_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "hold"
            | "locate"
            | "situate"
            | "base"
            | "bear"
            | "die"
            | "bury"
            | "build"
            | "found"
            | "establish"
            | "sign"
            | "convene"
            | "take"
            | "open"
            | "station"
            | "deploy"
            | "headquarter"
            | "fight"
            | "occur"
            | "happen"
            | "meet"
            | "live"
            | "reside"
            | "settle"
            | "lie"
            | "stand"
            | "host"
            | "organize"
            | "organise"
            | "stage"
            | "kill"
            | "arrest"
            | "erupt"
            | "crash"
            | "land"
            | "arrive"
            | "gather"
            | "assemble"
            | "conclude"
            | "discover"
            | "find"
            | "construct"
            | "set"
            | "launch"
            | "place"
            | "install"
            | "keep"
            | "detain"
            | "capture"
            | "defeat"
            | "crown"
            | "elect"
            | "inaugurate"
            | "unveil"
            | "celebrate"
            | "work"
            | "study"
            | "grow"
            | "produce"
            | "manufacture"
            | "flow"
            | "rise"
            | "end"
            | "begin"
            | "start"
            | "commence"
            | "adjourn"
            | "announce"
            | "speak"
            | "address"
            | "attend"
            | "lead"
            | "conduct"
            | "participate"
    )
}

fn motion_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "dispatch"
            | "send"
            | "deploy"
            | "travel"
            | "move"
            | "export"
            | "deliver"
            | "return"
            | "emigrate"
            | "migrate"
            | "flee"
            | "go"
            | "come"
            | "transfer"
            | "relocate"
            | "ship"
            | "sail"
            | "fly"
            | "march"
            | "evacuate"
            | "invite"
            | "extend"
            | "expand"
            | "deport"
            | "exile"
            | "lead"
            | "bring"
            | "take"
            | "supply"
            | "donate"
            | "visit"
            | "withdraw"
            | "retreat"
    )
}

/// The kind of a place, also by its formal name ("the Federal Republic of Yugoslavia", "the
/// Kingdom of Tonga").
fn formal_place(name: &str) -> Option<&'static str> {
    if let Some(p) = GAZETTEER.lookup(name) {
        return Some(p.kind);
    }
    let (head, country) = name.rsplit_once(" of ")?;
    let formal = [
        "Republic",
        "Kingdom",
        "State",
        "Commonwealth",
        "Federation",
        "Sultanate",
    ];
    (formal.iter().any(|f| head.ends_with(f)))
        .then(|| GAZETTEER.lookup(country))
        .flatten()
        .filter(|p| p.kind == "country")
        .map(|p| p.kind)
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for k in 0..n {
        let p = t[k].lower.as_str();
        if !matches!(
            p,
            "in" | "at" | "on" | "near" | "to" | "off" | "along" | "inside" | "outside"
        ) || t[k].tag != Tag::Prep && t[k].tag != Tag::To
        {
            continue;
        }
        let a = k + 1;
        if a >= n {
            continue;
        }
        let mut b = np_end(s, a, 2);
        // "… Toyako in Hokkaido": a trailing "in <place>"; "near Azincourt in northern France"
        // (a name located in a known place is a place)
        let mut located = false;
        if b + 1 < n && t[b].is("in") && t[b + 1].tag == Tag::Propn {
            let e = np_end(s, b + 1, 1);
            if GAZETTEER.lookup(s.span_text(b + 1, e)).is_some() || e - b <= 3 {
                located = GAZETTEER.lookup(s.span_text(b + 1, e)).is_some();
                b = e;
            }
        } else if b + 2 < n
            && t[b].is("in")
            && matches!(
                t[b + 1].lower.as_str(),
                "northern" | "southern" | "eastern" | "western" | "central"
            )
            && t[b + 2].tag == Tag::Propn
        {
            let e = np_end(s, b + 2, 1);
            if GAZETTEER.lookup(s.span_text(b + 2, e)).is_some() {
                located = true;
                b = e;
            }
        }
        // "in Washington, DC," / "in Doral, Florida": a city with its state or country
        if b > a
            && b + 1 < n
            && t[b].is_punct(",")
            && t[b + 1].tag == Tag::Propn
            && t[b - 1].tag == Tag::Propn
        {
            let e = np_end(s, b + 1, 1);
            let region = s.span_text(b + 1, e);
            let short_caps = e == b + 2
                && region.len() <= 3
                && region.chars().all(|c| c.is_ascii_uppercase() || c == '.');
            if e > b + 1
                && e - b <= 4
                && (short_caps || GAZETTEER.lookup(region).is_some())
                && t.get(e)
                    .is_none_or(|x| x.tag == Tag::Punct || x.tag == Tag::Prep)
            {
                b = e;
            }
        }
        // "bombing in the island of Oahu the Japanese ambassador …": a noun phrase straight
        // after the place means a clause boundary was missed
        if b <= a || b - a > 12 || t.get(b).is_some_and(|x| x.tag == Tag::Det) {
            continue;
        }
        let span = &t[a..b];
        if !span.iter().any(|x| x.tag == Tag::Propn) {
            continue;
        }
        if span
            .iter()
            .any(|x| x.is_year() || (x.cap && month_number(x.text).is_some() && x.text.len() > 2))
        {
            continue;
        }
        let chunks: Vec<(usize, usize)> = name_chunks(s)
            .into_iter()
            .filter(|&(x, y)| x >= a && y <= b)
            .collect();
        let places: Vec<&'static str> = chunks
            .iter()
            .filter_map(|&(x, y)| formal_place(s.span_text(x, y)))
            .collect();
        // "on the development of U.S.-Romanian relations": a name inside a phrase headed by a
        // common noun that is no place (but "the north of Scotland", "the shore of Lake Toyako")
        if let Some(of) = span.iter().position(|x| x.is("of"))
            && of > 0
            && span[of - 1].tag == Tag::Noun
            && !span[of - 1].cap
            && !place_noun(&span[of - 1].lower)
            && !matches!(
                span[of - 1].lower.as_str(),
                "north"
                    | "south"
                    | "east"
                    | "west"
                    | "centre"
                    | "center"
                    | "heart"
                    | "part"
                    | "parts"
                    | "outskirts"
                    | "shore"
                    | "shores"
                    | "coast"
                    | "banks"
                    | "bank"
                    | "border"
                    | "area"
                    | "capital"
                    | "territory"
                    | "mouth"
                    | "foot"
                    | "edge"
                    | "tip"
                    | "suburbs"
                    | "vicinity"
                    | "side"
            )
        {
            continue;
        }
        let has_place_noun = located || span.iter().any(|x| place_noun(&x.lower));
        if places.is_empty() && !has_place_noun {
            continue;
        }
        let Some((vi, false)) = s.governing(a, b) else {
            continue;
        };
        let v = &s.vgs[vi];
        let lemma = t[v.main].lemma.as_str();
        // "paid an official visit to …"
        let visit = matches!(lemma, "pay" | "make")
            && t[v.end..k]
                .iter()
                .any(|x| x.lower == "visit" || x.lower == "visits");
        // "parallel to Wellington", "next to …" place nothing
        let relation = k > 0
            && matches!(
                t[k - 1].lower.as_str(),
                "parallel" | "next" | "close" | "adjacent" | "similar" | "due" | "according"
            );
        let ok = if p == "to" {
            (motion_verb(lemma) || visit) && !places.is_empty() && !relation
        } else {
            locative_verb(lemma)
        };
        // "During his stay in Washington, President Ceausescu conducted talks …"
        let stay = k >= 3
            && k < v.start
            && t[k - 3].is("during")
            && t[k - 2].tag == Tag::Poss
            && matches!(t[k - 1].lower.as_str(), "stay" | "visit")
            && p == "in"
            && t.get(b).is_some_and(|x| x.is_punct(","))
            && !places.is_empty();
        // the place comes after the verb, and not far after it
        if !stay && (!ok || k < v.end || k - v.end > 6) {
            continue;
        }
        // "near Waterloo in Belgium": the country is a fact of its own ("In which country …?")
        if let Some(m) = (a + 1..b.saturating_sub(1)).rev().find(|&m| t[m].is("in"))
            && GAZETTEER
                .lookup(s.span_text(m + 1, b))
                .is_some_and(|pl| pl.kind == "country")
            && GAZETTEER
                .lookup(s.span_text(a, m))
                .is_none_or(|pl| pl.kind != "country")
        {
            let spec = WhSpec {
                drop_before: 1,
                ..WhSpec::new("In which country")
            };
            if let Some(q) = s.wh_question(m + 1, b, &spec, &ctx.qctx) {
                let country = s.span_text(m + 1, b).to_string();
                out.push(Candidate::new(
                    Kind::Place,
                    "place",
                    q,
                    country,
                    si,
                    ctx,
                    0.7,
                    AType::Place("country"),
                ));
            }
        }
        let spec = WhSpec {
            drop_before: if stay { a - (k - 3) } else { a - k },
            ..WhSpec::new("Where")
        };
        let Some(q) = s.wh_question(a, b, &spec, &ctx.qctx) else {
            continue;
        };
        let mut ans = s.span_text(a, b).to_string();
        if let Some(x) = ans.strip_prefix("the ").filter(|_| {
            span[0].is("the")
                && span.len() > 1
                && span[1].tag == Tag::Propn
                && GAZETTEER.lookup(&ans).is_none()
        }) {
            ans = x.to_string();
        }
        let mut c = Candidate::new(
            Kind::Place,
            "place",
            q,
            ans.clone(),
            si,
            ctx,
            0.82,
            AType::Place(places.first().copied().unwrap_or("place")),
        );
        let mut accept = Vec::new();
        let names: Vec<String> = chunks
            .iter()
            .map(|&(x, y)| s.span_text(x, y).to_string())
            .collect();
        for nm in &names {
            let cap = crate::generate::text::capitalize_first(nm);
            accept.push(cap.clone());
            let words: Vec<&str> = nm.split(' ').collect();
            if words.len() > 1 && place_noun(&words[0].to_lowercase()) {
                accept.push(words[1..].join(" "));
            }
        }
        if names.len() == 2 {
            let first = names[0]
                .split(' ')
                .filter(|w| !place_noun(&w.to_lowercase()))
                .collect::<Vec<_>>()
                .join(" ");
            accept.push(format!("{first}, {}", names[1]));
        }
        accept.retain(|x| x != &ans);
        accept.dedup();
        c.accept = accept;
        out.push(c);
    }
}

/// A fronted participle of place: "Currently located in Port-Salut, in the Cayes district near
/// the epicentre, the Swiss teams are working …" → "Where are the Swiss teams located?"
pub fn fronted_location(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let mut k = 0;
    while k < n && t[k].tag == Tag::Adv {
        k += 1;
    }
    if k + 2 >= n
        || !matches!(
            t[k].lower.as_str(),
            "located" | "situated" | "based" | "stationed"
        )
        || !matches!(t[k + 1].lower.as_str(), "in" | "on" | "at" | "near")
    {
        return;
    }
    // "based on the needs identified by …" is no place
    if t[k].is("based") && t[k + 1].is("on") {
        return;
    }
    let participle = t[k].lower.clone();
    let a = k + 1;
    // the place phrase runs to the comma before the subject; one more comma may set off a
    // second place ("in Port-Salut, in the Cayes district")
    let commas: Vec<usize> = (a..n).filter(|&j| t[j].is_punct(",")).take(2).collect();
    let Some(&first) = commas.first() else {
        return;
    };
    let mut end = first;
    if let Some(&second) = commas.get(1)
        && t.get(first + 1).is_some_and(|x| x.tag == Tag::Prep)
    {
        end = second;
    }
    // a place name inside the phrase
    let chunks = name_chunks(s);
    if !chunks
        .iter()
        .any(|&(x, y)| x > a && y <= end && GAZETTEER.lookup(s.span_text(x, y)).is_some())
        && !chunks
            .iter()
            .any(|&(x, y)| (x == a + 1 || (x == a + 2 && t[a + 1].is("the"))) && y <= first)
    {
        return;
    }
    // the subject after the comma, and its verb
    let Some(vi) = s
        .vgs
        .iter()
        .position(|v| v.start > end && v.finite && !v.relative)
    else {
        return;
    };
    let Some(subj) = s.subject_of(vi) else {
        return;
    };
    if subj.0 != end + 1 || !matches!(t[subj.0].tag, Tag::Det | Tag::Propn | Tag::Poss) {
        return;
    }
    let subj_text = s.np_text(subj);
    let be = if s.plural(subj) { "are" } else { "is" };
    let q = format!("Where {be} {subj_text} {participle}?");
    let ans = s.span_text(a + 1, end).to_string();
    let mut c = Candidate::new(
        Kind::Place,
        "place",
        q,
        ans.clone(),
        si,
        ctx,
        0.8,
        AType::Place("place"),
    );
    c.accept = vec![s.span_text(a, end).to_string()];
    if let Some(&(x, y)) = chunks.iter().find(|&&(x, y)| x > a && y <= first) {
        c.accept.push(s.span_text(x, y).to_string());
    }
    out.push(c);
}
