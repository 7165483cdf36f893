//! Counts and amounts: "156 workers were dispatched" → "How many workers were dispatched …?"

use super::{AType, Candidate, Ctx, Kind, np_end};
use crate::generate::lexicon::{month_number, number_word, scale_word, small_number};
use crate::generate::syntax::{Sent, WhSpec, finish};
use crate::generate::text::{fmt_num, norm};
use crate::generate::tokens::Tag;

pub struct NumSpan {
    pub a: usize,
    pub b: usize,
    pub value: f64,
    pub words: bool,
}

/// Numbers in a sentence (digits, number words, scales); years and ordinals excluded.
pub fn number_spans(s: &Sent<'_>) -> Vec<NumSpan> {
    let t = &s.toks;
    let n = t.len();
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        if t[k].tag != Tag::Num {
            k += 1;
            continue;
        }
        let a = k;
        let mut b = k + 1;
        while b < n
            && t[b].tag == Tag::Num
            && (scale_word(&t[b].lower).is_some()
                || small_number(t[b].lower.replace('-', " ").split(' ').next().unwrap_or(""))
                    .is_some()
                || t[b].is("and"))
        {
            b += 1;
        }
        let text = s.span_text(a, b);
        let words = !t[a].text.as_bytes()[0].is_ascii_digit();
        let nv = norm(text);
        let value: Option<f64> = nv.split(' ').next().and_then(|x| x.parse().ok());
        k = b;
        let Some(value) = value else { continue };
        if nv.split(' ').count() != 1 {
            continue;
        }
        // years: a bare 4-digit number not followed by a plural noun
        let next_plural = t
            .get(b)
            .is_some_and(|x| matches!(x.tag, Tag::Noun | Tag::Adj) && x.lower.ends_with('s'));
        if t[a].is_year() && b == a + 1 && !next_plural {
            continue;
        }
        // "one" in words is as often a pronoun ("the second matter is one that …") as a count,
        // and a count of one is not asked ("within one year" → "how many year")
        if words && value == 1.0 {
            continue;
        }
        // a time of day ("7.45 p.m.", "10 am") is no quantity
        let clock = t.get(b).is_some_and(|x| {
            matches!(x.lower.trim_end_matches('.'), "p.m" | "a.m" | "pm" | "am")
                || (matches!(x.lower.as_str(), "p" | "a")
                    && s.text.get(x.end..).is_some_and(|r| r.starts_with(".m")))
        });
        if clock {
            continue;
        }
        // "the two countries" refers back; it states no new fact
        if a > 0
            && matches!(
                t[a - 1].lower.as_str(),
                "the"
                    | "these"
                    | "those"
                    | "both"
                    | "its"
                    | "their"
                    | "our"
                    | "his"
                    | "her"
                    | "every"
                    | "each"
            )
        {
            continue;
        }
        out.push(NumSpan { a, b, value, words });
    }
    out
}

const QUALIFIERS: &[&str] = &[
    "about",
    "approximately",
    "around",
    "nearly",
    "some",
    "over",
    "almost",
    "roughly",
    "totaling",
    "totalling",
    "only",
    "just",
];

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for ns in number_spans(s) {
        if let Some(c) = money(ctx, si, &ns) {
            if let Some(c) = c {
                out.push(c);
            }
            continue;
        }
        // "the devastating magnitude 7.6 earthquake that struck …" is no count of earthquakes
        if ns.a > 0 && t[ns.a - 1].is("magnitude") {
            out.extend(magnitude(ctx, si, &ns));
            continue;
        }
        // a number inside a name ("JENESYS 2.0", "Apollo 11 mission") is not a quantity
        if ns.a > 0
            && t[ns.a - 1].tag == Tag::Propn
            && t[ns.a - 1].cap
            && month_number(&t[ns.a - 1].lower).is_none()
            && !t[ns.a].is_year()
        {
            continue;
        }
        // head noun phrase
        let mut h = ns.b;
        while h < n && h < ns.b + 4 && matches!(t[h].tag, Tag::Adj | Tag::Noun) {
            h += 1;
        }
        // "over 740,000 Rohingya fled", "16 European states": a capitalised people or adjective
        if h == ns.b
            && h + 1 < n
            && t[h].tag == Tag::Propn
            && (t[h + 1].is_verbal()
                || (t[h + 1].tag == Tag::Noun && t[h + 1].lower.ends_with('s')))
            && (ns.a == 0 || month_number(&t[ns.a - 1].lower).is_none())
        {
            h += 1;
            if t[h].tag == Tag::Noun {
                h += 1;
            }
        }
        if h == ns.b {
            continue;
        }
        if t[h - 1].tag == Tag::Adj && h - 1 == ns.b {
            continue;
        }
        // "40,000 soldiers and civilians" (not "138,000 dead and tens of thousands")
        if h + 1 < n
            && t[h].is("and")
            && !matches!(
                t[h + 1].lower.as_str(),
                "tens" | "dozens" | "hundreds" | "thousands" | "millions" | "billions"
            )
            && t[h - 1].tag == Tag::Noun
            && t[h + 1].tag == Tag::Noun
            && t[h + 1].lower.ends_with('s')
            && t.get(h + 2).is_none_or(|x| !x.nominal())
        {
            h += 2;
        } else if h + 2 < n
            && t[h].is("and")
            && t[h - 1].tag == Tag::Noun
            && !t[h - 1].lower.ends_with('s')
        {
            // "two water and sanitation specialists": the modifiers share the plural head
            let Some(e) = super::shared_plural_end(t, h) else {
                continue;
            };
            h = e;
        }
        // "of" + short nominal chain: "meetings of foreign ministers"
        if h + 1 < n && t[h].is("of") && matches!(t[h + 1].tag, Tag::Adj | Tag::Noun) {
            let mut e = h + 1;
            while e < n && e < h + 4 && matches!(t[e].tag, Tag::Adj | Tag::Noun) {
                e += 1;
            }
            // "species of plants and animals"
            if e + 1 < n && t[e].is("and") && t[e + 1].tag == Tag::Noun {
                e += 2;
            }
            if t[e - 1].tag == Tag::Noun {
                h = e;
            }
        }
        let head = s.span_text(ns.b, h).to_string();
        // "a logistician, two water and sanitation specialists, two structural engineers …": one
        // item of a list
        // (a list of counts is fine: "17,200 blankets, 400 personal radiation dosimeters, and 5,000
        // masks")
        if ns.a >= 2
            && t[ns.a - 1].is_punct(",")
            && t.get(h).is_some_and(|x| x.is_punct(",") || x.is("and"))
            && matches!(t[ns.a - 2].tag, Tag::Noun | Tag::Adj)
        {
            let item_start = (0..ns.a - 1)
                .rev()
                .find(|&x| {
                    t[x].is_punct(",") || matches!(t[x].tag, Tag::Prep | Tag::Verb(_) | Tag::Be)
                })
                .map_or(0, |x| x + 1);
            if t[item_start].tag != Tag::Num {
                continue;
            }
        }
        // "four years later" is a duration, not a count of things
        if time_unit(&t[ns.b].lower)
            && t.get(h).is_some_and(|x| {
                matches!(
                    x.lower.as_str(),
                    "later" | "earlier" | "ago" | "after" | "before"
                )
            })
        {
            continue;
        }
        // "in the past two weeks": a time frame, not a count
        if time_unit(&t[ns.b].lower)
            && ns.a >= 2
            && t[ns.a - 2].is("the")
            && matches!(
                t[ns.a - 1].lower.as_str(),
                "past" | "last" | "next" | "previous" | "coming" | "following" | "first"
            )
        {
            continue;
        }
        let head_l = if t[ns.b].tag == Tag::Propn {
            head.clone()
        } else {
            head.to_lowercase()
        };
        if matches!(
            t[ns.b].lower.as_str(),
            "percent" | "per" | "thirds" | "quarters" | "halves" | "fifths" | "tenths" | "times"
        ) {
            continue;
        }
        // a counted list is better asked as a list
        if t.get(h).is_some_and(|x| x.is("of") || x.is_punct(":"))
            && ns.value >= 2.0
            && ns.value <= 20.0
        {
            let (items, _) = super::list::parse_items(s, h + 1, 6);
            if items.len() as f64 == ns.value {
                continue;
            }
        }
        let mut q_start = ns.a;
        let mut drop = 0;
        while q_start > 0 && QUALIFIERS.contains(&t[q_start - 1].lower.as_str()) {
            q_start -= 1;
            drop += 1;
        }
        if q_start >= 3
            && t[q_start - 1].is("of")
            && t[q_start - 2].is("total")
            && t[q_start - 3].is("a")
        {
            q_start -= 3;
            drop += 3;
        }
        if q_start >= 2
            && t[q_start - 1].is("than")
            && matches!(t[q_start - 2].lower.as_str(), "more" | "less" | "fewer")
        {
            q_start -= 2;
            drop += 2;
        }
        // "more than 6 million people", "nearly 200 species": the qualifier stays in the answer
        // and the question asks "About how many"
        let qual = s.span_text(q_start, ns.a).to_string();
        let approx = q_start < ns.a
            && !matches!(
                t[q_start].lower.as_str(),
                "a" | "only" | "just" | "totaling" | "totalling"
            );
        let how_many = if approx { "about how many" } else { "how many" };
        // "in two different cities" → "In how many different cities"
        let mut wh = format!(
            "{} {head_l}",
            crate::generate::text::capitalize_first(how_many)
        );
        if q_start > 0
            && (q_start == ns.a || approx)
            && matches!(t[q_start - 1].tag, Tag::Prep | Tag::Adv)
            && matches!(
                t[q_start - 1].lower.as_str(),
                "in" | "at"
                    | "by"
                    | "from"
                    | "with"
                    | "among"
                    | "across"
                    | "between"
                    | "into"
                    | "over"
                    | "for"
                    | "within"
                    | "after"
            )
        {
            // "a city, with two churches": no count to ask after a copula
            if s.governing(ns.a, h)
                .is_some_and(|(vi, _)| t[s.vgs[vi].main].tag == Tag::Be)
            {
                continue;
            }
            wh = format!(
                "{} {how_many} {head_l}",
                crate::generate::text::capitalize_first(&t[q_start - 1].lower)
            );
            q_start -= 1;
        }
        // "Burma's first government after more than five decades of …": a count inside the
        // subject, after its head, cannot be asked without losing the subject
        if let Some((vi, true)) = s.governing(ns.a, h)
            && s.subject_of(vi).is_some_and(|x| {
                x.0 < q_start
                    && t[x.0..ns.a].iter().any(|y| y.tag == Tag::Prep)
                    && !t[x.0..ns.a]
                        .iter()
                        .any(|y| y.tag == Tag::Sub || y.is_punct(",") || y.is_punct(";"))
            })
        {
            continue;
        }
        // "In an election in 2015 featuring more than 90 parties, the NLD won": a count inside a
        // fronted phrase about something else is not the main verb's
        if let Some((vi, false)) = s.governing(ns.a, h)
            && s.subject_of(vi).is_some_and(|x| x.0 >= h)
        {
            let c0 = s.clause_range(ns.a).0;
            let other_noun = (c0..q_start).any(|k| {
                matches!(t[k].tag, Tag::Noun | Tag::Propn | Tag::Num)
                    && t.get(k + 1).is_none_or(|y| !y.is("of"))
            });
            if other_noun {
                continue;
            }
        }
        let mut question = None;
        // "Osnabrück was a city, with two churches": a count appended to a copula's complement
        // is not asked, unless it is a measure ("X is a river, about 412 kilometres long" →
        // "About how many kilometres long is X?")
        if let Some((vi, false)) = s.governing(ns.a, h)
            && t[s.vgs[vi].main].tag == Tag::Be
            && s.vgs[vi].end <= ns.a
            && t[s.vgs[vi].end..ns.a].iter().any(|x| x.is_punct(","))
        {
            let is_measure = |x: &crate::generate::tokens::Tok<'_>| {
                matches!(
                    x.lower.as_str(),
                    "long" | "wide" | "high" | "deep" | "tall" | "old" | "thick" | "across"
                )
            };
            // "412 kilometres long" (the adjective inside the head) or after it
            let (measure, adj) = if h > ns.b + 1 && is_measure(&t[h - 1]) {
                (true, String::new())
            } else if t.get(h).is_some_and(is_measure) {
                (true, format!(" {}", t[h].lower))
            } else {
                (false, String::new())
            };
            let end_ok = t
                .get(h + usize::from(!adj.is_empty()))
                .is_none_or(|x| x.tag == Tag::Punct);
            let subj = s.subject_of(vi).map(|x| s.np_text(x));
            match subj {
                Some(subj) if measure && end_ok && q_start == ns.a - drop => {
                    question = Some(finish(&format!(
                        "{wh}{adj} {} {subj}",
                        t[s.vgs[vi].main].lower
                    )));
                }
                _ => continue,
            }
        }
        if let Some((vi, false)) = s.governing(ns.a, h) {
            let v = &s.vgs[vi];
            // answer inside a PP of a passive verb: "were received in the forms of 17,200 blankets"
            let cs = s.coordination_start(q_start);
            let between = if v.end <= cs { &t[v.end..cs] } else { &t[0..0] };
            let pp = !between.is_empty()
                && between.len() <= 5
                && between[0].tag == Tag::Prep
                && (between
                    .last()
                    .is_some_and(|x| x.is("of") || x.is("including") || x.is_punct(":"))
                    || between.iter().any(|x| x.is("such")));
            if v.passive && pp {
                let vg = s.span_text(v.start, v.end);
                let mut as_part = String::new();
                if between.iter().any(|x| x.lower.starts_with("form"))
                    && let Some(subj) = s.subject_of(vi)
                {
                    as_part = format!(" as {}", s.np_text(subj));
                }
                question = Some(finish(&format!("{wh} {vg}{as_part}")));
            }
        }
        if question.is_none() {
            let spec = WhSpec {
                drop_before: ns.a - q_start,
                skip_siblings: true,
                ..WhSpec::new(wh.clone())
            };
            question = s.wh_question(ns.a, h, &spec, &ctx.qctx);
        }
        let Some(q) = question else { continue };
        let raw = s.span_text(ns.a, ns.b).to_string();
        let bare = if ns.words {
            amount_text(ns.value)
        } else {
            raw.clone()
        };
        let answer = if approx {
            format!("{} {bare}", qual.to_lowercase())
        } else {
            bare.clone()
        };
        let mut c = Candidate::new(
            Kind::Number,
            "number",
            q,
            answer.clone(),
            si,
            ctx,
            0.85,
            AType::Number,
        );
        let mut accept = vec![];
        if bare != answer {
            accept.push(bare.clone());
        }
        if raw != bare {
            accept.push(raw.clone());
        } else if let Some(w) = number_word(ns.value as u64).filter(|_| ns.value.fract() == 0.0) {
            accept.push(w.to_string());
        }
        if raw.contains(',') {
            accept.push(raw.replace(',', ""));
        }
        accept.push(format!("{raw} {head}"));
        c.accept = accept;
        c.number = Some(ns.value);
        c.unit = None;
        out.push(c);
    }
}

/// A number written in words, in digits: "8 million" for "eight million", "5" for "five".
/// "the devastating magnitude 7.6 earthquake that struck South Asia on October 8, 2005" → "What
/// was the magnitude of the devastating earthquake that struck South Asia on October 8, 2005?"
fn magnitude(ctx: &Ctx<'_, '_>, si: usize, ns: &NumSpan) -> Option<Candidate> {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let head = t.get(ns.b)?;
    if !matches!(head.lower.as_str(), "earthquake" | "quake" | "tremor") {
        return None;
    }
    // the adjectives before "magnitude", back to the determiner
    let mut d = ns.a - 1;
    while d > 0 && t[d - 1].tag == Tag::Adj {
        d -= 1;
    }
    let adjs = s.span_text(d, ns.a - 1);
    // what identifies the earthquake: a relative clause or a place after it
    let rest_start = ns.b + 1;
    let opener = t.get(rest_start)?;
    if !matches!(
        opener.lower.as_str(),
        "that" | "which" | "in" | "off" | "near" | "on" | "struck" | "hit"
    ) {
        return None;
    }
    let mut end = t.len();
    while end > rest_start && t[end - 1].tag == Tag::Punct && t[end - 1].text != ")" {
        end -= 1;
    }
    if end <= rest_start || end - rest_start > 16 {
        return None;
    }
    let rest = s.span_text(rest_start, end);
    let past = t[rest_start..end]
        .iter()
        .any(|x| matches!(x.tag, Tag::Verb(f) if f.is_past()));
    let be = if past { "was" } else { "is" };
    let noun = if adjs.is_empty() {
        head.lower.clone()
    } else {
        format!("{adjs} {}", head.lower)
    };
    let q = format!("What {be} the magnitude of the {noun} {rest}?");
    let answer = s.span_text(ns.a, ns.b).to_string();
    let mut c = Candidate::new(
        Kind::Number,
        "number",
        q,
        answer.clone(),
        si,
        ctx,
        0.75,
        AType::Number,
    );
    c.number = Some(ns.value);
    c.accept = vec![format!("magnitude {answer}")];
    Some(c)
}

fn amount_text(v: f64) -> String {
    for (scale, word) in [(1e9, "billion"), (1e6, "million")] {
        let m = v / scale;
        if m >= 1.0 && (m * 100.0).fract() == 0.0 {
            return format!("{} {word}", fmt_num(m));
        }
    }
    fmt_num(v)
}

fn currency(w: &str) -> bool {
    matches!(
        w,
        "dollars"
            | "dollar"
            | "yen"
            | "euros"
            | "euro"
            | "pounds"
            | "yuan"
            | "rubles"
            | "roubles"
            | "rupees"
            | "francs"
            | "won"
            | "pesos"
    )
}

/// A unit of time counted in years, weeks, hours …
fn time_unit(w: &str) -> bool {
    matches!(
        w,
        "years" | "months" | "days" | "weeks" | "decades" | "centuries" | "hours" | "minutes"
    )
}

/// Amounts of money: "$575 million in additional assistance", "18 million US dollars" →
/// "How much additional assistance did …?"
/// `None` when the number is no amount of money; `Some(None)` when it is one but no good
/// question can be asked.
fn money(ctx: &Ctx<'_, '_>, si: usize, ns: &NumSpan) -> Option<Option<Candidate>> {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    // a sign or code before the amount: "$575 million", "€ 4 million", "CHF 1 million"
    let dollar = ns.a > 0 && t[ns.a - 1].is_currency();
    // an amount inside a parenthesis is a conversion or an aside ("(then $31.4 billion or
    // £6.6 billion, roughly equivalent to US$442 billion …)")
    let open = t[..ns.a].iter().filter(|x| x.is_punct("(")).count();
    let closed = t[..ns.a].iter().filter(|x| x.is_punct(")")).count();
    if dollar && open > closed {
        return Some(None);
    }
    let mut b = ns.b;
    if !dollar {
        let mut k = ns.b;
        while k < n && k < ns.b + 2 && t[k].tag == Tag::Propn && !currency(&t[k].lower) {
            k += 1;
        }
        if k < n && currency(&t[k].lower) {
            b = k + 1;
        } else {
            return None;
        }
    }
    let a = if dollar { ns.a - 1 } else { ns.a };
    Some(money_question(ctx, si, ns, a, b, dollar))
}

fn money_question(
    ctx: &Ctx<'_, '_>,
    si: usize,
    ns: &NumSpan,
    a: usize,
    b: usize,
    dollar: bool,
) -> Option<Candidate> {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    // what the money is for: "$575 million in additional humanitarian assistance"
    let mut wh = "How much".to_string();
    let mut q_end = b;
    if b + 1 < n
        && matches!(t[b].lower.as_str(), "in" | "of")
        && matches!(t[b + 1].tag, Tag::Adj | Tag::Noun)
    {
        let e = super::np_end(s, b + 1, 0);
        if e > b + 1 && t[e - 1].tag == Tag::Noun && e - b <= 6 {
            wh = format!("How much {}", s.span_text(b + 1, e).to_lowercase());
            q_end = e;
        }
    }
    let mut q_start = a;
    // "emergency grant aid totaling 18 million US dollars" → "How much emergency grant aid …"
    if a >= 2
        && matches!(t[a - 1].lower.as_str(), "totaling" | "totalling" | "worth")
        && t[a - 2].tag == Tag::Noun
    {
        let mut h = a - 1;
        while h > 0 && matches!(t[h - 1].tag, Tag::Noun | Tag::Adj) && a - 1 - h < 4 {
            h -= 1;
        }
        let wh = format!("How much {}", s.span_text(h, a - 1).to_lowercase());
        let spec = WhSpec::new(wh);
        if !matches!(s.governing(h, b), Some((_, false))) {
            return None;
        }
        let q = s.wh_question(h, b, &spec, &ctx.qctx)?;
        let mut c = Candidate::new(
            Kind::Number,
            "money",
            q,
            s.span_text(a, b).to_string(),
            si,
            ctx,
            0.9,
            AType::Number,
        );
        c.number = Some(ns.value);
        return Some(c);
    }
    while q_start > 0 && QUALIFIERS.contains(&t[q_start - 1].lower.as_str()) {
        q_start -= 1;
    }
    if q_start >= 2
        && t[q_start - 1].is("than")
        && matches!(t[q_start - 2].lower.as_str(), "more" | "less")
    {
        q_start -= 2;
    }
    if q_start >= 3
        && t[q_start - 1].is("of")
        && t[q_start - 2].is("total")
        && t[q_start - 3].is("a")
    {
        q_start -= 3;
    }
    // the second of several amounts ("$100 million in X and $100 million in Y") is skipped
    if q_start > 0 && matches!(t[q_start - 1].lower.as_str(), "including" | "and" | "or") {
        return None;
    }
    // "an additional $50 million": the article goes with the amount
    let mut d_start = q_start;
    if d_start > 0
        && matches!(
            t[d_start - 1].lower.as_str(),
            "additional" | "further" | "extra"
        )
    {
        d_start -= 1;
    }
    if d_start > 0 && matches!(t[d_start - 1].lower.as_str(), "a" | "an" | "another") {
        d_start -= 1;
    }
    // "brings the total to $200 million": keep the preposition in the wh-phrase
    let mut drop = a - d_start;
    if d_start > 0 && t[d_start - 1].is("to") {
        wh = format!("To {}", wh.to_lowercase());
        drop += 1;
    }
    // "a $50 million loan guarantee from X for Y" → "What was the amount of the loan guarantee
    // from X for Y?"
    if b < n && matches!(t[b].tag, Tag::Noun | Tag::Adj) && !t[b].is("in") {
        let e = super::np_end(s, b, 0);
        if e == b || t[e - 1].tag != Tag::Noun {
            return None;
        }
        let mut f = e;
        // "the $100,000 contribution to the WHO": "to" before a noun phrase tells which one
        let to_np = |f: usize| {
            t[f].tag == Tag::To
                && t.get(f + 1)
                    .is_some_and(|x| matches!(x.tag, Tag::Det | Tag::Propn | Tag::Noun | Tag::Adj))
        };
        while f < n
            && f < e + 12
            && (!matches!(t[f].tag, Tag::Punct | Tag::To | Tag::Sub | Tag::Conj) || to_np(f))
            && !t[f].is_verbal()
        {
            f += 1;
        }
        let q = finish(&format!(
            "What was the amount of the {}",
            s.span_text(b, f).trim_end_matches([',', '.'])
        ));
        let mut c = Candidate::new(
            Kind::Number,
            "money",
            q,
            s.span_text(a, b).to_string(),
            si,
            ctx,
            0.85,
            AType::Number,
        );
        c.number = Some(ns.value);
        return Some(c);
    }
    if let Some(c) = subject_money(ctx, si, ns, (q_start, a, b, q_end), &wh, dollar) {
        return Some(c);
    }
    if !matches!(s.governing(a, q_end), Some((_, false))) {
        return None;
    }
    let spec = WhSpec {
        drop_before: drop,
        ..WhSpec::new(wh)
    };
    let q = s.wh_question(a, q_end, &spec, &ctx.qctx)?;
    let mut c = money_candidate(ctx, si, ns, (q_start, a, b), q, 0.9, dollar);
    let core = s.span_text(a, b);
    if core.contains(',') {
        c.accept.push(core.replace(',', ""));
    }
    Some(c)
}

/// A money question asking `q`, whose answer runs from `q_start` (a qualifier such as "more
/// than") over the amount `a..b`; the bare amount is accepted too.
fn money_candidate(
    ctx: &Ctx<'_, '_>,
    si: usize,
    ns: &NumSpan,
    (q_start, a, b): (usize, usize, usize),
    q: String,
    prior: f32,
    dollar: bool,
) -> Candidate {
    let s = &ctx.sents[si];
    let answer = s.span_text(q_start, b).to_string();
    let core = s.span_text(a, b).to_string();
    let mut c = Candidate::new(
        Kind::Number,
        "money",
        q,
        answer.clone(),
        si,
        ctx,
        prior,
        AType::Number,
    );
    if core != answer {
        c.accept.push(core);
    }
    c.number = Some(ns.value);
    c.unit = Some(if dollar {
        let sign = s.toks[a].text;
        if sign.ends_with('$') { "$" } else { sign }.to_string()
    } else {
        s.span_text(ns.b, b).to_string()
    });
    c
}

/// An amount that is the subject of its clause: "$2 million will be allocated to the Red Cross"
/// → "How much will be allocated to the Red Cross?". `span` is (answer start, amount start,
/// amount end, end of the "in X" phrase).
fn subject_money(
    ctx: &Ctx<'_, '_>,
    si: usize,
    ns: &NumSpan,
    span: (usize, usize, usize, usize),
    wh: &str,
    dollar: bool,
) -> Option<Candidate> {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let (q_start, a, b, q_end) = span;
    // the amount opens the sentence (after "A further", "Another") and a finite verb follows
    let lead = &t[..q_start];
    if !lead.iter().all(|x| {
        matches!(
            x.lower.as_str(),
            "a" | "an" | "another" | "further" | "additional"
        )
    }) {
        return None;
    }
    let vi = s.vgs.iter().position(|v| v.start == q_end)?;
    let v = &s.vgs[vi];
    if !v.finite || v.relative || s.subject_of(vi).is_none_or(|x| x.1 != q_end) {
        return None;
    }
    // the clause: up to ";", ":", a dash or ", and/which/while …"
    let mut e = v.start;
    while e < n {
        let x = &t[e];
        if x.is_punct(";")
            || x.is_punct(":")
            || x.is_punct("—")
            || x.is_punct("–")
            || (x.tag == Tag::Sub && e > v.end + 1)
        {
            break;
        }
        if x.is_punct(",")
            && t.get(e + 1)
                .is_some_and(|y| matches!(y.lower.as_str(), "and" | "which" | "while" | "but"))
        {
            break;
        }
        e += 1;
    }
    while e > v.start && t[e - 1].tag == Tag::Punct && !t[e - 1].is_punct(")") {
        e -= 1;
    }
    let opens = t[v.start..e].iter().filter(|x| x.is_punct("(")).count();
    if opens != t[v.start..e].iter().filter(|x| x.is_punct(")")).count() {
        return None;
    }
    let words = t[v.start..e].iter().filter(|x| x.tag != Tag::Punct).count();
    if !(2..=24).contains(&words) || t[v.start..e].iter().any(|x| x.tag == Tag::Num) {
        return None;
    }
    let q = finish(&format!("{wh} {}", s.span_text(v.start, e)));
    Some(money_candidate(
        ctx,
        si,
        ns,
        (q_start, a, b),
        q,
        0.85,
        dollar,
    ))
}

/// A fraction word: "one-fifth", "one-third", "two-thirds", "half" (its tokens from `k`).
fn fraction_at(t: &[crate::generate::tokens::Tok<'_>], k: usize) -> Option<usize> {
    const PARTS: [&str; 9] = [
        "half", "third", "quarter", "fourth", "fifth", "sixth", "seventh", "eighth", "tenth",
    ];
    let part = |w: &str| {
        PARTS
            .iter()
            .any(|p| w == *p || w.strip_suffix('s') == Some(p))
    };
    let w = t.get(k)?.lower.as_str();
    if let Some((a, b)) = w.split_once('-') {
        // "one-fifth", "two-thirds"
        return (small_number(a).is_some() && part(b)).then_some(k + 1);
    }
    if w == "half" {
        return Some(k + 1);
    }
    // "a third", "one quarter", "two thirds"
    let next = t.get(k + 1)?.lower.as_str();
    ((w == "a" || small_number(w).is_some()) && part(next) && next != "half").then_some(k + 2)
}

/// Shares given as fractions: "Its drainage basin comprises one-fifth of the land area of China"
/// → "What share of the land area of China does its drainage basin comprise?"
pub fn share(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for k in 0..n {
        let Some(b) = fraction_at(t, k) else {
            continue;
        };
        if !(b + 1 < n && t[b].is("of") && !matches!(t[b + 1].tag, Tag::Num)) {
            continue;
        }
        // "the second half of …" is a part of a time or a thing, not an amount
        if k > 0 && (t[k - 1].nominal() || matches!(t[k - 1].tag, Tag::Det | Tag::Num | Tag::Poss))
        {
            continue;
        }
        let a = k - qualifier_before(t, k);
        // "is home to nearly one-third of …": the preposition would be lost
        if a > 0 && matches!(t[a - 1].tag, Tag::Prep | Tag::To) {
            continue;
        }
        let e = np_end(s, b + 1, 1);
        if e == b + 1 {
            continue;
        }
        // the share belongs to the clause the question asks about, not to a relative or
        // reported clause inside it ("a revolt in which almost one-sixth of … was killed",
        // "says that about half of …")
        let Some((vi, _)) = s.governing(k, e) else {
            continue;
        };
        let v = &s.vgs[vi];
        let c = s.clause_range(v.start.min(a));
        if v.relative
            || t[c.0..a].iter().any(|x| {
                x.tag == Tag::Sub
                    || matches!(
                        x.lower.as_str(),
                        "which" | "who" | "whom" | "whose" | "where"
                    )
            })
        {
            continue;
        }
        // "for half of the 20th century" is a time, not a share
        if t[b + 1..e].iter().any(|x| {
            matches!(
                x.lower.as_str(),
                "century" | "millennium" | "decade" | "year" | "years" | "period" | "era"
            )
        }) {
            continue;
        }
        let of_np = s.span_text(b + 1, e);
        let spec = WhSpec {
            drop_before: k - a,
            ..WhSpec::new(format!("What share of {of_np}"))
        };
        let Some(q) = s.wh_question(k, e, &spec, &ctx.qctx) else {
            continue;
        };
        // ranked as the percentages, which ask the same thing
        let mut c = Candidate::new(
            Kind::Number,
            "percent",
            q,
            s.span_text(k, b).to_string(),
            si,
            ctx,
            0.8,
            AType::Phrase,
        );
        if a < k {
            c.accept.push(s.span_text(a, b).to_string());
        }
        out.push(c);
    }
}

/// How many words before `k` qualify the amount ("nearly", "as much as", "more than"): they are
/// dropped from the question with it.
fn qualifier_before(t: &[crate::generate::tokens::Tok<'_>], k: usize) -> usize {
    let w = |i: usize| k.checked_sub(i).map_or("", |j| t[j].lower.as_str());
    match (w(3), w(2), w(1)) {
        ("as", "much" | "many", "as") => 3,
        (_, "more" | "less" | "fewer", "than") | (_, "up", "to") => 2,
        (
            _,
            _,
            "about" | "nearly" | "almost" | "approximately" | "around" | "over" | "some"
            | "roughly",
        ) => 1,
        _ => 0,
    }
}

/// Percentages: "reserves 25% of its seats to the military" → "What percentage of its seats does
/// the constitution reserve to the military?"; "fell to 4.5 percent" → "To what percentage …".
pub fn percent(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for k in 0..n {
        if t[k].tag != Tag::Num || t[k].is_year() || t[k].text.parse::<f64>().is_err() {
            continue;
        }
        let mut b = k + 1;
        if b < n && (t[b].text == "%" || t[b].is("percent")) {
            b += 1;
        } else if b + 1 < n && t[b].is("per") && t[b + 1].is("cent") {
            b += 2;
        } else {
            continue;
        }
        // a range ("22 to 23 percent") is not one value
        if k >= 2 && matches!(t[k - 1].lower.as_str(), "to" | "-" | "–") && t[k - 2].tag == Tag::Num
        {
            continue;
        }
        // qualifier kept in the accepted answers ("nearly 40%", "as much as 20%")
        let a = k - qualifier_before(t, k);
        // the answer as the source writes it ("80 percent", "20%"), the other forms accepted
        let answer = s.span_text(k, b).to_string();
        let shown = s.span_text(a, b).to_string();
        let (wh, drop, end) = if b + 1 < n && t[b].is("of") && !matches!(t[b + 1].tag, Tag::Num) {
            let e = np_end(s, b + 1, 1);
            if e == b + 1 {
                continue;
            }
            let of_np = s.span_text(b + 1, e);
            (format!("What percentage of {of_np}"), k - a, e)
        } else if a > 0 && matches!(t[a - 1].lower.as_str(), "to" | "by" | "at") {
            let p = crate::generate::text::capitalize_first(&t[a - 1].lower);
            (format!("{p} what percentage"), 1 + k - a, b)
        } else if a > 0 && matches!(t[a - 1].tag, Tag::Prep) {
            continue;
        } else {
            ("What percentage".to_string(), k - a, b)
        };
        let spec = WhSpec {
            drop_before: drop,
            ..WhSpec::new(wh)
        };
        let Some(q) = s.wh_question(k, end, &spec, &ctx.qctx) else {
            continue;
        };
        let mut c = Candidate::new(
            Kind::Number,
            "percent",
            q,
            answer,
            si,
            ctx,
            0.8,
            AType::Number,
        );
        for form in [
            format!("{}%", t[k].text),
            format!("{} percent", t[k].text),
            shown,
        ] {
            if form != c.answer && !c.accept.contains(&form) {
                c.accept.push(form);
            }
        }
        c.number = t[k].text.parse().ok();
        c.unit = Some("%".to_string());
        out.push(c);
    }
}
