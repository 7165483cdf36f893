//! Enumerations: "the five countries of A, B, C, D, and E" (count checked) and coordinated
//! names of one gazetteer kind ("visit Vladivostok and Moscow").

use super::{AType, Candidate, Ctx, Kind, name_chunks};
use crate::generate::gazetteer::{GAZETTEER, kind_plural};
use crate::generate::lexicon::{number_word, small_number};
use crate::generate::syntax::{Sent, WhSpec, finish};
use crate::generate::tokens::Tag;

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

fn item_aliases(items: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for it in items {
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
        let (items, end) = parse_items(s, j, 6);
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
        if let Some((vi, false)) = s.governing(a0, end)
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
            let spec = WhSpec {
                wh: format!("Which {count_word} {noun_l}"),
                drop_before: 0,
                skip_siblings: false,
                since: false,
            };
            question = s.wh_question(a0, end, &spec, &ctx.qctx);
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
        let spec = WhSpec {
            wh: format!("Which {count_word} {}", kind_plural(kind)),
            drop_before: 0,
            skip_siblings: false,
            since: false,
        };
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
