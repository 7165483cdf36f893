//! Enumerations: "the five countries of A, B, C, D, and E" (count checked), coordinated
//! names of one gazetteer kind ("visit Vladivostok and Moscow"), and coordinated common noun
//! phrases that are a clause's subject or object ("agreed to develop trade, friendship and
//! co-operation").

use super::{AType, Candidate, Ctx, Kind, name_chunks, person_like};
use crate::generate::gazetteer::{GAZETTEER, kind_plural};
use crate::generate::lexicon::VerbForm;
use crate::generate::lexicon::{INSTITUTION_NOUNS, month_number, number_word, small_number};
use crate::generate::syntax::{Sent, WhSpec, finish};
use crate::generate::text::capitalize_first;
use crate::generate::tokens::{Tag, Tok};

/// Parse list items starting at token `j`: returns item ranges and the end index.
pub fn parse_items(s: &Sent<'_>, j: usize, max_len: usize) -> (Vec<(usize, usize)>, usize) {
    let t = &s.toks;
    let n = t.len();
    let mut items = Vec::new();
    let mut k = j;
    let mut saw_and = false;
    while k < n {
        let a = k;
        while k < n
            && !t[k].is_punct(",")
            && !t[k].is_punct(";")
            && !t[k].is_punct(".")
            && !t[k].is_punct(")")
            && (t[k].tag != Tag::Conj || !matches!(t[k].lower.as_str(), "and" | "or"))
            && (t[k].nominal()
                || t[k].tag == Tag::Det
                || t[k].is("of")
                || t[k].is_punct("-")
                || t[k].is_punct("\"")
                || t[k].tag == Tag::Clitic)
        {
            k += 1;
        }
        if k == a || k - a > max_len {
            break;
        }
        items.push((a, k));
        if saw_and {
            break;
        }
        if k < n && t[k].is_punct(",") {
            k += 1;
        }
        if k < n && t[k].tag == Tag::Conj && matches!(t[k].lower.as_str(), "and" | "or") {
            saw_and = true;
            k += 1;
        } else if k < n && t[k].is_punct(",") {
            continue;
        } else if !(k > 0 && t[k - 1].is_punct(",")) {
            break;
        }
    }
    let end = items.last().map_or(j, |x| x.1);
    if !saw_and {
        return (Vec::new(), j);
    }
    (items, end)
}

fn geographic(noun: &str) -> bool {
    matches!(
        noun,
        "countries"
            | "nations"
            | "states"
            | "republics"
            | "regions"
            | "provinces"
            | "prefectures"
            | "cities"
            | "islands"
            | "territories"
            | "members"
            | "member states"
            | "countries and regions"
            | "districts"
            | "oblasts"
    )
}

pub fn item_aliases(items: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for it in items {
        // "Wilmington, N.C." is also "Wilmington"
        if let Some((city, st)) = it.split_once(", ")
            && st.ends_with('.')
            && !st.contains(' ')
        {
            out.push(format!("{it} = {city}"));
        }
        for n in GAZETTEER.names(it) {
            if !n.eq_ignore_ascii_case(it) && !n.contains('.') && n.len() > 3 {
                out.push(format!("{it} = {n}"));
            }
        }
    }
    out
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let mut used_until = 0;
    for k in 0..n {
        if t[k].tag != Tag::Num || k < used_until {
            continue;
        }
        let count = small_number(&t[k].lower)
            .or_else(|| t[k].text.parse::<u64>().ok())
            .unwrap_or(0);
        if !(2..=20).contains(&count) {
            continue;
        }
        // head noun phrase
        let mut h = k + 1;
        while h < n && matches!(t[h].tag, Tag::Adj | Tag::Noun | Tag::Propn) {
            h += 1;
        }
        if h == k + 1 || !t[h - 1].lower.ends_with('s') {
            continue;
        }
        let noun = s.span_text(k + 1, h).to_string();
        // connector
        let mut j = h;
        // "Three treaties were signed to end the wars: A, B and C": the list after a colon that
        // ends the clause of the counted noun
        let mut colon_tail = false;
        if j < n
            && !t[j].is_punct(":")
            && let Some(c) = (j..n.min(j + 12)).find(|&x| t[x].is_punct(":"))
            && !t[j..c]
                .iter()
                .any(|x| x.tag == Tag::Punct || x.tag == Tag::Num || x.is("and"))
        {
            let (items, end) = parse_items(s, c + 1, 6);
            if items.len() as u64 == count && t.get(end).is_none_or(|x| x.tag == Tag::Punct) {
                j = c;
                colon_tail = true;
            }
        }
        if j < n
            && (t[j].is("of")
                || t[j].is_punct(":")
                || t[j].is_punct(",")
                || t[j].is_punct("(")
                || t[j].is("namely")
                || t[j].is("including")
                || t[j].is_punct("--"))
        {
            j += 1;
        } else if j + 1 < n && t[j].is("such") && t[j + 1].is("as") {
            j += 2;
        } else if j < n && matches!(t[j].tag, Tag::Be) {
            j += 1;
            if j < n && t[j].is_punct(":") {
                j += 1;
            }
        } else {
            continue;
        }
        // "a logistician, two water and sanitation specialists, two structural engineers, a
        // disaster area adviser and a team leader": the counted phrase is itself an item of a
        // list, not the head of the items after its comma
        let (items, end) = parse_items(s, j, 6);
        // (an apposition is closed again: "…, two new volcanoes, Rombongan and Barujari, have
        // formed")
        if t[j - 1].is_punct(",")
            && k > 0
            && (t[k - 1].is_punct(",") || t[k - 1].is("of"))
            && !t
                .get(end)
                .is_some_and(|x| x.is_punct(",") || x.is_punct(")"))
        {
            continue;
        }
        if items.len() as u64 != count {
            continue;
        }
        used_until = end;
        let item_texts: Vec<String> = items
            .iter()
            .map(|&(a, b)| s.span_text(a, b).trim_matches('"').to_string())
            .collect();
        let count_word = number_word(count).map_or_else(|| count.to_string(), String::from);
        let noun_l = noun.to_lowercase();
        // span of the whole phrase including a preceding "the"
        let a0 = if k > 0 && t[k - 1].tag == Tag::Det {
            k - 1
        } else {
            k
        };
        let mut question = None;
        if !colon_tail
            && let Some((vi, false)) = s.governing(a0, end)
            && let Some(subj) = s.subject_of(vi)
        {
            // "the countries of Central Asia refer to the five countries of …"
            let st = &t[subj.0..subj.1];
            let of = st.iter().position(|x| x.is("of"));
            if let Some(of) = of
                && st[..of].iter().any(|x| x.lower == *t[h - 1].lower)
                && of + 1 < st.len()
            {
                let z = s.span_text(subj.0 + of + 1, subj.1);
                question = Some(if geographic(&noun_l) {
                    finish(&format!("Which {count_word} {noun_l} are in {z}"))
                } else {
                    finish(&format!("What are the {count_word} {noun_l} of {z}"))
                });
            }
        }
        if question.is_none() {
            // "in the three affected countries, A, B and C" → "In which three affected countries"
            let prep = (a0 > 0
                && matches!(t[a0 - 1].tag, Tag::Prep | Tag::To)
                && matches!(
                    t[a0 - 1].lower.as_str(),
                    "in" | "at" | "to" | "from" | "between" | "by" | "with" | "among" | "into"
                ))
            .then(|| capitalize_first(&t[a0 - 1].lower));
            let spec = WhSpec {
                drop_before: usize::from(prep.is_some()),
                ..WhSpec::new(match &prep {
                    Some(p) => format!("{p} which {count_word} {noun_l}"),
                    None => format!("Which {count_word} {noun_l}"),
                })
            };
            question = s.wh_question(a0, if colon_tail { h } else { end }, &spec, &ctx.qctx);
        }
        let Some(q) = question else { continue };
        let mut c = Candidate::new(
            Kind::List,
            "list_count",
            q,
            item_texts.join(", "),
            si,
            ctx,
            0.92,
            AType::Phrase,
        );
        let place_kind = item_texts
            .iter()
            .filter_map(|x| GAZETTEER.lookup(x))
            .map(|p| p.kind)
            .next();
        if let Some(pk) = place_kind {
            c.atype = AType::Place(pk);
        }
        c.item_aliases = item_aliases(&item_texts);
        c.items = item_texts;
        out.push(c);
    }

    // Coordinated names of one gazetteer kind: "visit Vladivostok and Moscow".
    let chunks = name_chunks(s);
    let mut i = 0;
    while i < chunks.len() {
        let mut group = vec![chunks[i]];
        let mut j = i + 1;
        while j < chunks.len() {
            let gap = &t[group.last().map_or(0, |g| g.1)..chunks[j].0];
            let ok = !gap.is_empty()
                && gap.len() <= 3
                && gap.iter().all(|x| {
                    x.is_punct(",") || (x.tag == Tag::Conj && x.lower != "but") || x.is("the")
                });
            if !ok {
                break;
            }
            group.push(chunks[j]);
            let last_gap_has_and = gap.iter().any(|x| x.tag == Tag::Conj);
            j += 1;
            if last_gap_has_and {
                break;
            }
        }
        i = j.max(i + 1);
        if group.len() < 2 || group.len() > 8 {
            continue;
        }
        let a = group[0].0;
        let b = group[group.len() - 1].1;
        if b < n && t[b].tag == Tag::Propn {
            continue;
        }
        let names: Vec<String> = group
            .iter()
            .map(|&(x, y)| s.span_text(x, y).to_string())
            .collect();
        let kinds: Vec<Option<&'static str>> = names
            .iter()
            .map(|x| GAZETTEER.lookup(x).map(|p| p.kind))
            .collect();
        let Some(kind) = kinds[0] else { continue };
        if !kinds.iter().all(|k| *k == Some(kind)) {
            continue;
        }
        // skip if it is already a counted list
        if out.iter().any(|c| {
            c.sent == Some(si)
                && c.template == "list_count"
                && c.items.iter().any(|x| names.contains(x))
        }) {
            continue;
        }
        let count = names.len() as u64;
        let count_word = number_word(count).map_or_else(|| count.to_string(), String::from);
        let a0 = if a > 0 && t[a - 1].is("the") {
            a - 1
        } else {
            a
        };
        // only as the object of a verb ("invited to visit A and B")
        match s.governing(a0, b) {
            Some((vi, false)) if s.vgs[vi].end == a0 => {}
            _ => continue,
        }
        let spec = WhSpec::new(format!("Which {count_word} {}", kind_plural(kind)));
        let Some(q) = s.wh_question(a0, b, &spec, &ctx.qctx) else {
            continue;
        };
        let mut c = Candidate::new(
            Kind::List,
            "list_names",
            q,
            names.join(", "),
            si,
            ctx,
            0.8,
            AType::Place(kind),
        );
        c.item_aliases = item_aliases(&names);
        c.items = names;
        out.push(c);
    }
}

/// Plural nouns that name the category of the items after "of" ("the towns of A and B").
fn category_noun(w: &str) -> bool {
    matches!(
        w,
        "governments"
            | "towns"
            | "villages"
            | "ports"
            | "rivers"
            | "lakes"
            | "mountains"
            | "tribes"
            | "kingdoms"
            | "municipalities"
            | "counties"
            | "cantons"
            | "departments"
            | "ministries"
            | "companies"
            | "universities"
            | "organizations"
            | "organisations"
            | "agencies"
            | "leaders"
            | "ministers"
            | "presidents"
            | "peoples"
            | "languages"
            | "areas"
            | "parts"
            | "families"
            | "dynasties"
            | "sites"
            | "ships"
    )
}

/// Does this name chunk look like an organisation ("Ministry of the Interior", "UNICEF")?
pub(super) fn org_like(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let lw: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    (words.len() == 1 && words[0].len() >= 3 && words[0].chars().all(|c| c.is_ascii_uppercase()))
        || lw.iter().any(|w| {
            INSTITUTION_NOUNS.contains(w.as_str())
                || matches!(
                    w.as_str(),
                    "police" | "services" | "corps" | "corp" | "cross" | "ministry" | "department"
                )
        })
}

/// Coordinations of names without a stated count: "the towns of A, B and C",
/// "in Miami and San Francisco", "Partners include A, B and C".
pub fn plain(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    // name chunks, merging "Samaritan 's Purse"
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    for c in name_chunks(s) {
        if let Some(last) = chunks.last_mut()
            && last.1 + 1 == c.0
            && matches!(t[last.1].text, "'s" | "’s")
        {
            last.1 = c.1;
            continue;
        }
        chunks.push(c);
    }
    // "Wilmington, N.C.": a state's abbreviation after a comma belongs to the city before it
    let state = |x: &Tok<'_>| {
        x.text.ends_with('.')
            && x.text.len() <= 6
            && x.text.starts_with(|c: char| c.is_ascii_uppercase())
            && x.text.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
    };
    for group in super::coordinated(t, &chunks) {
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for &(x, y) in &group {
            if let Some(last) = merged.last_mut()
                && y == x + 1
                && state(&t[x])
                && last.1 + 1 == x
                && t[last.1].is_punct(",")
            {
                last.1 = y;
                continue;
            }
            merged.push((x, y));
        }
        let group = merged;
        if group.len() > 12 {
            continue;
        }
        let a = group[0].0;
        let b = group[group.len() - 1].1;
        // not a modifier of what follows ("Japan and Russia's", "A and B Governments")
        if b < n && (t[b].nominal() || matches!(t[b].text, "'s" | "’s")) {
            continue;
        }
        let mut names: Vec<String> = group
            .iter()
            .map(|&(x, y)| s.span_text(x, y).to_string())
            .collect();
        // "Governments of the United States, Australia and …": the head noun is not an item
        let mut inner_noun: Option<String> = None;
        {
            let (x, y) = group[0];
            if y - x >= 3
                && (geographic(&t[x].lower) || category_noun(&t[x].lower))
                && t[x + 1].is("of")
                && GAZETTEER.lookup(t[x].text).is_none()
            {
                let from = if t[x + 2].is("the") { x + 3 } else { x + 2 };
                if from < y {
                    inner_noun = Some(t[x].lower.clone());
                    names[0] = s.span_text(from, y).to_string();
                }
            }
        }
        // "Fairfax County Fire and Rescue" is one name
        if names.len() == 2
            && !names[1].contains(' ')
            && names[0].split(' ').count() >= 3
            && !t[group[0].1..group[1].0].iter().any(|x| x.is_punct(","))
        {
            continue;
        }
        if names.iter().any(|x| {
            x.chars().any(|c| c.is_ascii_digit())
                || x.split(' ')
                    .any(|w| month_number(&w.to_lowercase()).is_some() && w.len() > 2)
        }) {
            continue;
        }
        // already asked as a counted list?
        if out.iter().any(|c| {
            c.sent == Some(si) && c.kind == Kind::List && c.items.iter().any(|x| names.contains(x))
        }) {
            continue;
        }
        let a0 = if a > 0 && t[a - 1].is("the") {
            a - 1
        } else {
            a
        };
        let kinds: Vec<Option<&'static str>> = names
            .iter()
            .map(|x| {
                GAZETTEER.lookup(x).map(|p| p.kind).or_else(|| {
                    // "the Dutch Republic", "Kingdom of Spain"
                    let l = x.to_lowercase();
                    (l.ends_with(" republic")
                        || l.starts_with("kingdom of ")
                        || l.starts_with("republic of ")
                        || l.ends_with(" empire"))
                    .then_some("country")
                })
            })
            .collect();
        let known: Vec<&'static str> = kinds.iter().flatten().copied().collect();
        let one_kind = known.first().copied().filter(|k| {
            known.iter().all(|x| x == k)
                && (known.len() == names.len()
                    || (names.len() >= 4 && known.len() + 1 >= names.len()))
        });
        let persons = names.iter().all(|x| person_like(x));
        let orgs = names.iter().filter(|x| org_like(x)).count() * 2 > names.len();
        // "the (Westphalian) towns of LIST"
        let mut np_start = a0;
        let mut noun: Option<String> = inner_noun;
        if noun.is_none() && a0 >= 2 && t[a0 - 1].is("of") {
            let mut h = a0 - 1;
            while h > 0
                && matches!(t[h - 1].tag, Tag::Noun | Tag::Adj | Tag::Propn)
                && a0 - 1 - h < 3
            {
                h -= 1;
            }
            let head = &t[a0 - 2];
            if h < a0 - 1
                && (geographic(&head.lower) || category_noun(&head.lower))
                && head.lower.ends_with('s')
                && !head.lower.ends_with("ss")
                && matches!(head.tag, Tag::Noun | Tag::Propn)
            {
                let words: Vec<String> = t[h..a0 - 1]
                    .iter()
                    .map(|x| {
                        if x.tag == Tag::Propn
                            && x.lower != head.lower
                            && !x.text.chars().all(char::is_uppercase)
                        {
                            x.text.to_string()
                        } else {
                            x.lower.clone()
                        }
                    })
                    .collect();
                noun = Some(words.join(" "));
                np_start = if h > 0 && t[h - 1].tag == Tag::Det {
                    h - 1
                } else {
                    h
                };
            }
        }
        let prep = if np_start > 0 && matches!(t[np_start - 1].tag, Tag::Prep | Tag::To) {
            Some(t[np_start - 1].lower.clone())
        } else {
            None
        };
        if prep.as_deref().is_some_and(|p| {
            matches!(
                p,
                "including" | "like" | "except" | "than" | "as" | "of" | "besides"
            )
        }) {
            continue;
        }
        if np_start > 0 && (t[np_start - 1].is("such") || t[np_start - 1].is("including")) {
            continue;
        }
        let category: Option<String> = noun.clone().or_else(|| {
            if let Some(k) = one_kind {
                Some(kind_plural(k).to_string())
            } else if orgs {
                Some("organizations".to_string())
            } else {
                None
            }
        });
        let (wh, drop) = match (&prep, &category) {
            (Some(p), Some(cat)) => (format!("{} which {cat}", capitalize_first(p)), 1),
            (Some(p), None) if persons && matches!(p.as_str(), "by" | "with" | "to" | "from") => {
                (format!("{} whom", capitalize_first(p)), 1)
            }
            (Some(p), None) if matches!(p.as_str(), "in" | "at") && !persons => {
                ("Where".to_string(), 1)
            }
            (Some(_), None) => continue,
            (None, Some(cat)) => (format!("Which {cat}"), 0),
            (None, None) if persons => ("Who".to_string(), 0),
            (None, None) => ("What".to_string(), 0),
        };
        // the list must be an argument of a verb (object, prepositional object or subject)
        let Some((vi, in_subj)) = s.governing(np_start, b) else {
            continue;
        };
        let v = &s.vgs[vi];
        // "a conflict fought between A and B", "the summit, attended by A, B and C, …"
        if !in_subj
            && prep.is_some()
            && (category.is_some() || persons)
            && let Some(q) = participle_question(s, vi, np_start, b, &wh)
        {
            let atype = match one_kind {
                Some(k) => AType::Place(k),
                None if persons => AType::Person,
                None => AType::Name,
            };
            let mut c = Candidate::new(
                Kind::List,
                "list_participle",
                q,
                names.join(", "),
                si,
                ctx,
                0.8,
                atype,
            );
            c.item_aliases = item_aliases(&names);
            c.items = names;
            out.push(c);
            continue;
        }
        let copula = t[v.main].tag == Tag::Be;
        // lists governed by a participle ("a network of routes connecting A with B and C") are
        // attached to a noun, not to the clause
        if !v.finite {
            continue;
        }
        if in_subj {
            let Some(subj) = s.subject_of(vi) else {
                continue;
            };
            if subj.0 != np_start || subj.1 != b || (category.is_none() && !persons) {
                continue;
            }
        } else if prep.is_none() && v.end != np_start {
            continue;
        } else if let Some(p) = &prep {
            // The list must come after the verb (and its preposition) to belong to it.
            let Some(gap) = np_start.checked_sub(1 + v.end) else {
                continue;
            };
            // a prepositional list must belong to the verb, not to a noun before it
            if copula || gap > 8 || (p == "by" && !(v.passive && gap <= 1)) {
                continue;
            }
        }
        let spec = WhSpec {
            drop_before: drop,
            ..WhSpec::new(wh)
        };
        let Some(q) = s.wh_question(np_start, b, &spec, &ctx.qctx) else {
            continue;
        };
        let atype = match one_kind {
            Some(k) => AType::Place(k),
            None if persons => AType::Person,
            None => AType::Name,
        };
        let prior = if in_subj {
            0.55
        } else if category.is_some() || persons {
            0.84
        } else {
            0.74
        };
        let mut c = Candidate::new(
            Kind::List,
            "list_plain",
            q,
            names.join(", "),
            si,
            ctx,
            prior,
            atype,
        );
        c.item_aliases = item_aliases(&names);
        c.items = names;
        out.push(c);
    }
}

/// A list in a prepositional phrase after a participle that modifies a noun ("a conflict fought
/// between Denmark and Sweden", "the summit, attended by A, B and C, ended …"): asked about that
/// noun, or about the subject when the noun is the complement of "be" ("X was a conflict fought
/// between A and B" → "Between which countries was X fought?").
fn participle_question(
    s: &Sent<'_>,
    vi: usize,
    np_start: usize,
    b: usize,
    wh: &str,
) -> Option<String> {
    let t = &s.toks;
    let v = &s.vgs[vi];
    let part = &t[v.main];
    let consisting = part.tag == Tag::Verb(VerbForm::Gerund) && part.lemma == "consist";
    if v.aux.is_some()
        || v.start != v.main
        || !(matches!(
            part.tag,
            Tag::Verb(VerbForm::PastOrPart | VerbForm::PastPart)
        ) || consisting)
        || v.start == 0
    {
        return None;
    }
    // it must follow a noun phrase, directly or after a comma
    let mut e = v.start;
    if t[e - 1].is_punct(",") {
        e -= 1;
    }
    if e == 0 || !matches!(t[e - 1].tag, Tag::Noun | Tag::Propn) {
        return None;
    }
    // and the clause must have another finite verb: the participle is not the main verb
    let c_other = s.vgs.iter().enumerate().any(|(k, w)| {
        k != vi && w.finite && !w.relative && s.clause_range(w.start) == s.clause_range(v.start)
    });
    if !c_other {
        return None;
    }
    // between the participle and the list: a short phrase without punctuation; "by" directly
    let mid = (v.end, np_start.checked_sub(1)?);
    if mid.0 > mid.1
        || mid.1 - mid.0 > 6
        || t[mid.0..mid.1]
            .iter()
            .any(|x| x.tag == Tag::Punct || x.tag == Tag::Sub || x.is_verbal())
        || (t[np_start - 1].is("by") && mid.1 > mid.0)
        || (t[np_start - 1].is("of") && !consisting)
    {
        return None;
    }
    // the noun phrase the participle modifies
    let mut a = e;
    while a > 0
        && (matches!(
            t[a - 1].tag,
            Tag::Noun | Tag::Propn | Tag::Adj | Tag::Det | Tag::Poss | Tag::Clitic | Tag::Num
        ) || (t[a - 1].is("of") && a >= 2 && t[a - 2].nominal()))
    {
        a -= 1;
    }
    if a == e || t[a..e].iter().all(|x| x.tag == Tag::Det) {
        return None;
    }
    let plural_head = s.plural((a, e));
    let past = s.vgs.iter().enumerate().any(|(k, w)| {
        let head = &t[w.aux.unwrap_or(w.main)];
        k != vi
            && w.finite
            && !w.relative
            && (matches!(head.tag, Tag::Verb(VerbForm::Past | VerbForm::PastOrPart))
                || matches!(head.lower.as_str(), "was" | "were" | "had"))
    });
    // "X was a conflict fought …": ask about X
    let (topic, be) = if a > 0
        && t[a - 1].tag == Tag::Be
        && let Some(cop) = s.vgs.iter().position(|w| w.main == a - 1 && w.finite)
        && let Some(subj) = s.subject_of(cop)
    {
        (s.np_text(subj), t[a - 1].lower.clone())
    } else if t[a].tag == Tag::Det && !matches!(t[a].lower.as_str(), "a" | "an") {
        let be = match (past, plural_head) {
            (true, false) => "was",
            (true, true) => "were",
            (false, false) => "is",
            (false, true) => "are",
        };
        (s.np_text((a, e)), be.to_string())
    } else {
        return None;
    };
    if !matches!(be.as_str(), "is" | "are" | "was" | "were") {
        return None;
    }
    // "The PEACE OF WESTPHALIA ()" → "the Peace of Westphalia"
    let topic = crate::generate::resolve::tidy_caps(&topic.replace("()", ""));
    // what follows the list, up to the next break ("from 1657 to 1660")
    let mut f = b;
    while f < t.len()
        && f < b + 8
        && !matches!(t[f].tag, Tag::Punct | Tag::Sub | Tag::Conj)
        && !t[f].is_verbal()
    {
        f += 1;
    }
    let after = if f < t.len() && !matches!(t[f].tag, Tag::Punct) {
        ""
    } else {
        s.span_text(b, f)
    };
    let q = format!(
        "{wh} {be} {topic} {} {} {after}",
        part.text,
        s.span_text(mid.0, mid.1)
    );
    Some(finish(&q))
}

/// A coordination of common noun phrases that is a clause's subject or its verb's object:
/// "Large-scale emigration, economic dependence on South Africa, a severe drought, and a
/// prolonged civil war hindered …", "agreed to develop diplomatic relations, friendship and
/// co-operation between …". Items are token ranges; `verb` is the verb group it belongs to.
pub struct CommonList {
    pub items: Vec<(usize, usize)>,
    pub start: usize,
    pub end: usize,
    pub verb: usize,
    pub subject: bool,
    /// The preposition that governs the list ("used for water, irrigation and industry").
    pub prep: Option<usize>,
}

/// Prepositions whose object list the common-list question asks ("For what has the river been
/// used?"); "of" belongs to a noun, "including" and "such as" introduce a part of a list.
fn list_prep(x: &Tok<'_>) -> bool {
    matches!(x.tag, Tag::Prep | Tag::To)
        && matches!(
            x.lower.as_str(),
            "for" | "on" | "in" | "with" | "to" | "toward" | "towards" | "against" | "by" | "into"
        )
}

/// One item of a common-noun list starting at `a`: determiners, modifiers and nouns, "of"
/// phrases, and (in an item that a comma closes) other prepositional phrases, "economic
/// dependence on South Africa". Returns the item's end.
fn common_item(s: &Sent<'_>, a: usize) -> Option<usize> {
    let t = &s.toks;
    let n = t.len();
    let mut k = a;
    let mut first_prep = None;
    while k < n {
        let x = &t[k];
        let word = matches!(
            x.tag,
            Tag::Noun | Tag::Propn | Tag::Adj | Tag::Det | Tag::Poss | Tag::Clitic
        ) || (x.is_punct("-") && k > a && t.get(k + 1).is_some_and(|y| y.nominal()));
        let prep = x.tag == Tag::Prep
            && k > a
            && t[k - 1].nominal()
            && t.get(k + 1)
                .is_some_and(|y| y.nominal() || matches!(y.tag, Tag::Det | Tag::Adj));
        // "two structural engineers"
        let count = k == a && x.tag == Tag::Num && small_number(&x.lower).is_some();
        // "two water and sanitation specialists, …": modifiers sharing a plural noun
        let shared = x.is("and")
            && k > a
            && t[a].tag == Tag::Num
            && super::shared_plural_end(t, k)
                .is_some_and(|e| t.get(e).is_some_and(|y| y.is_punct(",")));
        if !(word || prep || count || shared) {
            break;
        }
        if prep && !x.is("of") && first_prep.is_none() {
            first_prep = Some(k);
        }
        k += 1;
    }
    // an item a comma does not close ends before its first prepositional phrase but "of"
    let end = if t.get(k).is_some_and(|x| x.is_punct(",")) {
        k
    } else {
        first_prep.unwrap_or(k)
    };
    (end > a && matches!(t[end - 1].tag, Tag::Noun | Tag::Propn)).then_some(end)
}

/// The items of a coordination starting at `a` ("A, B and C", "A and B"), or `None`.
fn common_items(s: &Sent<'_>, a: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let t = &s.toks;
    let mut items = Vec::new();
    let mut k = a;
    loop {
        let e = common_item(s, k)?;
        items.push((k, e));
        let mut j = e;
        let comma = t.get(j).is_some_and(|x| x.is_punct(","));
        if comma {
            j += 1;
        }
        if t.get(j).is_some_and(|x| x.is("and")) {
            let e2 = common_item(s, j + 1)?;
            items.push((j + 1, e2));
            return Some((items, e2));
        }
        if !comma || items.len() > 8 {
            return None;
        }
        k = j;
    }
}

/// The common-noun lists of a sentence.
pub fn common_lists(s: &Sent<'_>) -> Vec<CommonList> {
    let t = &s.toks;
    let mut out = Vec::new();
    for (vi, v) in s.vgs.iter().enumerate() {
        if !v.finite || v.relative {
            continue;
        }
        // the object right after the verb, and the subject before it; a bare verb after a
        // comma may itself be a list member ("life-saving medical care, improved sanitation")
        let mut anchors = Vec::new();
        if v.aux.is_some() || v.start == 0 || !t[v.start - 1].is_punct(",") {
            anchors.push((v.end, false, None));
            // the object of a preposition right after the verb ("used for …", "based on …",
            // "compounded by …"), unless the subject is the last item of a list ("…
            // fellowships, and exchange programs focused on …" is no clause)
            let listed_subject = s
                .subject_of(vi)
                .is_some_and(|(x, _)| x > 0 && matches!(t[x - 1].lower.as_str(), "and" | "or"));
            if t.get(v.end).is_some_and(list_prep) && !listed_subject {
                anchors.push((v.end + 1, false, Some(v.end)));
            }
            // "consists of A, B and C"
            if t.get(v.end).is_some_and(|x| x.is("of"))
                && matches!(t[v.main].lemma.as_str(), "consist" | "compose" | "comprise")
            {
                anchors.push((v.end + 1, false, Some(v.end)));
            }
        }
        if let Some(subj) = s.subject_of(vi) {
            anchors.push((subj.0, true, None));
        }
        for (a, subject, prep) in anchors {
            let Some((items, end)) = common_items(s, a) else {
                continue;
            };
            if subject && s.subject_of(vi) != Some((a, end)) {
                continue;
            }
            let determined = items
                .iter()
                .all(|&(x, _)| matches!(t[x].tag, Tag::Det | Tag::Poss));
            let words = |&(x, y): &(usize, usize)| y - x;
            let ok = items.len() <= 8
                // two bare items are too often something else ("maintain independent armies
                // and control territory", "renounced the use of war and calls for …")
                && (items.len() >= 3 || (determined && prep.is_none()))
                // "is lengthy and complex" describes; it lists nothing
                && (subject || t[v.main].tag != Tag::Be)
                // the coordination may sit inside the first item's phrase ("the maintenance of
                // peace and prosperity", "priority on climate change, … and the energy transition")
                && (determined || !t[items[0].0..items[0].1].iter().any(|x| x.tag == Tag::Prep))
                // modifiers sharing the last item's noun ("state and federal elections")
                && !(items[..items.len() - 1].iter().all(|i| words(i) == 1)
                    && words(&items[items.len() - 1]) > 1)
                // a phrase cut from the last item ("severe disruption to essential services",
                // "tensions with China")
                && !t
                    .get(end)
                    .is_some_and(|x| matches!(x.lower.as_str(), "to" | "with"))
                // common nouns, not names (those are the name lists' job), no numbers
                && items.iter().all(|&(x, y)| {
                    (x..y).any(|k| t[k].tag == Tag::Noun && (!t[k].cap || k == 0))
                        && !t[x..y].iter().enumerate().any(|(j, w)| {
                            // "two structural engineers" counts people, not an amount
                            (w.tag == Tag::Num && !(j == 0 && small_number(&w.lower).is_some()))
                                || w.tag == Tag::Poss
                        })
                })
                // not a modifier of the next word ("water and power services", "science,
                // technology, engineering, and math (STEM) fields")
                && !t.get(end).is_some_and(|x| x.nominal() || x.is_punct("-") || x.is_punct("("))
                // short items: a list of facts, not of clauses
                && items.iter().all(|i| words(i) <= 8)
                && !(a > 0 && matches!(t[a - 1].lower.as_str(), "including" | "as" | "like"))
                && !t[a..end].iter().any(|x| x.is_punct("(") || x.is_punct(")"));
            if ok {
                out.push(CommonList {
                    items,
                    start: a,
                    end,
                    verb: vi,
                    subject,
                    prep,
                });
            }
        }
    }
    out
}

/// A list question about a common-noun coordination: "What hindered the country's development
/// until the mid-1990s?", "What did the two Governments agree to develop between the two
/// countries?"
pub fn common(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    for l in common_lists(s) {
        let names: Vec<String> = l
            .items
            .iter()
            .map(|&(x, y)| s.span_text(x, y).to_string())
            .collect();
        if out.iter().any(|c| {
            c.sent == Some(si) && c.kind == Kind::List && c.items.iter().any(|x| names.contains(x))
        }) {
            continue;
        }
        let spec = match l.prep {
            Some(p) => WhSpec {
                drop_before: 1,
                ..WhSpec::new(format!("{} what", capitalize_first(&s.toks[p].lower)))
            },
            None => WhSpec::new("What"),
        };
        // the list must be what the question's verb governs
        if s.governing(l.start, l.end) != Some((l.verb, l.subject)) {
            continue;
        }
        let Some(q) = s.wh_question(l.start, l.end, &spec, &ctx.qctx) else {
            continue;
        };
        let mut c = Candidate::new(
            Kind::List,
            "list_common",
            q,
            names.join(", "),
            si,
            ctx,
            if l.subject { 0.6 } else { 0.7 },
            AType::Phrase,
        );
        c.items = names;
        out.push(c);
    }
}

/// What a waterway or a line connects: "X is a strait that connects the Atlantic Ocean to the
/// Mediterranean Sea", "X, connecting A with B" → "Which two bodies of water does X connect?"
pub fn connects(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let chunks = name_chunks(s);
    let chunk_at = |k: usize| {
        let k = if t.get(k).is_some_and(|x| x.is("the")) {
            k + 1
        } else {
            k
        };
        chunks.iter().find(|c| c.0 == k).copied()
    };
    for (vi, v) in s.vgs.iter().enumerate() {
        if !matches!(t[v.main].lemma.as_str(), "connect" | "link" | "join") || v.passive {
            continue;
        }
        // a participle after a comma describes the subject ("X, connecting A to B"); without
        // the comma it describes the noun before it ("a network of routes connecting …")
        let after_comma = v.start > 0 && t[v.start - 1].is_punct(",");
        if !v.finite && !after_comma {
            continue;
        }
        let Some(first) = chunk_at(v.end) else {
            continue;
        };
        if !t
            .get(first.1)
            .is_some_and(|x| x.is("to") || x.is("with") || x.is("and"))
        {
            continue;
        }
        let Some(second) = chunk_at(first.1 + 1) else {
            continue;
        };
        // not a third item ("A to B and C", "A and B with C"), not a modifier of a noun after it
        let third = t
            .get(second.1)
            .is_some_and(|x| x.is("and") || x.is_punct(",") || x.is("with") || x.is("to"))
            && chunk_at(second.1 + 1).is_some();
        if third || t.get(second.1).is_some_and(|x| x.nominal()) {
            continue;
        }
        let names = [
            s.span_text(first.0, first.1).to_string(),
            s.span_text(second.0, second.1).to_string(),
        ];
        let kinds: Vec<&'static str> = names
            .iter()
            .filter_map(|x| GAZETTEER.lookup(x).map(|p| p.kind))
            .collect();
        let water = |k: &str| matches!(k, "sea" | "ocean" | "gulf" | "bay" | "lake" | "river");
        let category = match kinds.as_slice() {
            [a, b] if a == b => kind_plural(a),
            [a, b] if water(a) && water(b) => "bodies of water",
            [_, _] => "places",
            _ => continue,
        };
        // the subject: the name that the copula defines ("X is a strait that connects …"),
        // else the verb's own subject
        let subject = if v.relative {
            s.vgs
                .iter()
                .position(|w| w.finite && !w.relative && t[w.main].tag == Tag::Be)
                .and_then(|m| s.subject_of(m))
        } else {
            s.subject_of(vi)
        };
        let Some(mut subj) = subject else { continue };
        if let Some(p) = (subj.0..subj.1).find(|&k| t[k].is_punct("(")) {
            subj.1 = p;
        }
        if subj.0 >= subj.1 || !t[subj.0..subj.1].iter().any(|x| x.tag == Tag::Propn) {
            continue;
        }
        // the tense of the verb, or of the clause a participle or relative clause hangs on
        let tensed = if v.finite && !v.relative {
            Some(v)
        } else {
            s.vgs[..vi].iter().rev().find(|w| w.finite && !w.relative)
        };
        let aux = if tensed.is_some_and(|w| s.past(w)) {
            "did"
        } else if s.plural(subj) {
            "do"
        } else {
            "does"
        };
        let verb = &t[v.main].lemma;
        let q = finish(&format!(
            "Which two {category} {aux} {} {verb}",
            s.np_text(subj)
        ));
        let atype = match kinds.as_slice() {
            [a, b] if a == b => AType::Place(a),
            _ => AType::Name,
        };
        let mut c = Candidate::new(
            Kind::List,
            "list_connect",
            q,
            names.join(", "),
            si,
            ctx,
            0.84,
            atype,
        );
        c.item_aliases = item_aliases(&names);
        c.items = names.to_vec();
        out.push(c);
    }
}

/// A list announced by "the following": "On the occasion of the visit, the following bilateral
/// agreements were signed: a Convention …, a Civil Air Transport Agreement, and an Agreement …"
/// → "Which bilateral agreements were signed on the occasion of the visit?"
pub fn following(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let Some(k) = (0..n.saturating_sub(2)).find(|&k| t[k].is("the") && t[k + 1].is("following"))
    else {
        return;
    };
    let mut h = k + 2;
    while h < n && matches!(t[h].tag, Tag::Adj | Tag::Noun | Tag::Propn) {
        h += 1;
    }
    if h == k + 2 || !t[h - 1].lower.ends_with('s') {
        return;
    }
    // the colon ends the clause of "the following …"
    let Some(c) = (h..n.min(h + 12)).find(|&x| t[x].is_punct(":")) else {
        return;
    };
    if t[h..c].iter().any(|x| x.is_punct(",") || x.is_punct(";")) {
        return;
    }
    // the items: the rest of the sentence, split at its commas ("…, and an Agreement …")
    let body = s
        .span_text(c + 1, n)
        .trim()
        .trim_end_matches(['.', ';'])
        .trim();
    if body.is_empty() || body.contains(':') || body.contains(';') {
        return;
    }
    let mut items: Vec<String> = body
        .split(',')
        .map(|x| x.trim().trim_start_matches("and ").trim().to_string())
        .collect();
    if !body.contains(", and ")
        && let Some(last) = items.pop()
    {
        match last.rsplit_once(" and ") {
            Some((a, b)) => {
                items.push(a.trim().to_string());
                items.push(b.trim().to_string());
            }
            None => items.push(last),
        }
    }
    if !(2..=8).contains(&items.len())
        || items
            .iter()
            .any(|x| x.is_empty() || x.split_whitespace().count() > 15)
    {
        return;
    }
    let noun = s.span_text(k + 2, h).to_lowercase();
    let spec = WhSpec::new(format!("Which {noun}"));
    let Some(q) = s.wh_question(k, h, &spec, &ctx.qctx) else {
        return;
    };
    let mut cand = Candidate::new(
        Kind::List,
        // ranked as a counted list: the colon closes the list as a count does
        "list_count",
        q,
        items.join(", "),
        si,
        ctx,
        0.85,
        AType::Phrase,
    );
    cand.item_aliases = item_aliases(&items);
    cand.items = items;
    out.push(cand);
}

/// Names sharing a plural head: "the Mali and Songhai Empires claimed most of Liberia" →
/// "Which empires claimed most of Liberia?" (items "Mali Empire", "Songhai Empire").
pub fn shared_head(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    let singular = |w: &str| -> Option<String> {
        let lw = w.to_lowercase();
        let one = match lw.as_str() {
            "empires" | "kingdoms" | "rivers" | "mountains" | "lakes" | "seas" | "islands"
            | "republics" | "provinces" | "states" | "oceans" | "wars" | "treaties"
            | "dynasties" | "caliphates" | "sultanates" => {
                if let Some(x) = w.strip_suffix("ies") {
                    format!("{x}y")
                } else {
                    w.strip_suffix('s')?.to_string()
                }
            }
            _ => return None,
        };
        Some(one)
    };
    for k in 1..n.saturating_sub(2) {
        // "<A> and <B> Empires"
        if !t[k].is("and") || t[k - 1].tag != Tag::Propn {
            continue;
        }
        let mut e = k + 1;
        while e < n && t[e].tag == Tag::Propn {
            e += 1;
        }
        if e < k + 3 {
            continue;
        }
        let Some(head) = singular(t[e - 1].text) else {
            continue;
        };
        let mut a = k - 1;
        while a > 0 && t[a - 1].tag == Tag::Propn {
            a -= 1;
        }
        // a list of more names ("A, B and C Empires") is left alone
        if a > 0 && t[a - 1].is_punct(",") {
            continue;
        }
        let a0 = if a > 0 && t[a - 1].is("the") {
            a - 1
        } else {
            a
        };
        let items = vec![
            format!("{} {head}", s.span_text(a, k)),
            format!("{} {head}", s.span_text(k + 1, e - 1)),
        ];
        let spec = WhSpec::new(format!("Which {}", t[e - 1].lower));
        let Some(q) = s.wh_question(a0, e, &spec, &ctx.qctx) else {
            continue;
        };
        let mut c = Candidate::new(
            Kind::List,
            // ranked as the other coordinated names
            "list_names",
            q,
            items.join(", "),
            si,
            ctx,
            0.8,
            AType::Phrase,
        );
        c.accept = vec![s.span_text(a, e).to_string()];
        c.item_aliases = item_aliases(&items);
        c.items = items;
        out.push(c);
    }
}

/// Modifiers that share one plural noun: "in the economic, cultural and political spheres" →
/// "In which spheres …?" (answer "economic, cultural, political").
pub fn shared_modifiers(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    // heads that name kinds of things, so that the modifiers are the facts
    let kind_head = |w: &str| {
        matches!(
            w,
            "spheres"
                | "fields"
                | "areas"
                | "sectors"
                | "domains"
                | "levels"
                | "aspects"
                | "dimensions"
                | "languages"
                | "arenas"
                | "matters"
                | "issues"
                | "ties"
                | "relations"
                | "interests"
        )
    };
    let modifier = |x: &Tok<'_>| {
        matches!(x.tag, Tag::Adj | Tag::Noun)
            && (!x.cap || x.lower.ends_with("ish") || x.lower.ends_with("an"))
            && !x.lower.ends_with('s')
    };
    for d in 0..n.saturating_sub(4) {
        if !t[d].is("the") {
            continue;
        }
        // the modifiers: "A, B and C" or "A, B, and C", one word each
        let mut k = d + 1;
        let mut items = Vec::new();
        let mut closed = false;
        while k + 1 < n && modifier(&t[k]) {
            items.push(k);
            if t[k + 1].is_punct(",") {
                k += 2;
                if t.get(k).is_some_and(|x| x.is("and")) {
                    k += 1;
                    closed = true;
                }
            } else if t[k + 1].is("and") {
                k += 2;
                closed = true;
            } else {
                break;
            }
            if closed {
                if k < n && modifier(&t[k]) {
                    items.push(k);
                    k += 1;
                }
                break;
            }
        }
        if !closed || items.len() < 2 || k >= n || !kind_head(&t[k].lower) {
            continue;
        }
        let e = k + 1;
        // a noun after the head continues the phrase ("the political and security issues
        // committee")
        // (nor does a coordination that goes on: "… in the art and culture fields and facilitate
        // training programmes")
        if t.get(e).is_some_and(|x| x.nominal() || x.tag == Tag::Conj) {
            continue;
        }
        let head = t[k].lower.as_str();
        let (wh, drop) = if d > 0 && t[d - 1].tag == Tag::Prep && !t[d - 1].is("of") {
            (
                format!("{} which {head}", capitalize_first(&t[d - 1].lower)),
                d - 1,
            )
        } else {
            (format!("Which {head}"), d)
        };
        let spec = WhSpec {
            drop_before: items[0] - drop,
            ..WhSpec::new(wh)
        };
        let a = items[0];
        if !matches!(s.governing(a, e), Some((_, false))) {
            continue;
        }
        let Some(q) = s.wh_question(a, e, &spec, &ctx.qctx) else {
            continue;
        };
        let names: Vec<String> = items.iter().map(|&x| t[x].text.to_string()).collect();
        let mut c = Candidate::new(
            Kind::List,
            "list_common",
            q,
            names.join(", "),
            si,
            ctx,
            0.7,
            AType::Phrase,
        );
        c.accept = vec![s.span_text(a, k).to_string()];
        c.items = names;
        out.push(c);
    }
}
