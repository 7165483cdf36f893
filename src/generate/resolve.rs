//! Resolve vague references in a question from the sentence and its neighbours:
//! "these regions" → "Central Asia and the Caucasus", "the two countries" → "Japan and Russia",
//! "the region" → "Central Asia".

use super::gazetteer::GAZETTEER;
use super::lexicon::PERSON_TITLES;
use super::lexicon::small_number;
use super::syntax::Sent;
use super::templates::{Ctx, coordinated, name_chunks, only_names, person_like};
use super::tokens::Tag;
use regex::Regex;
use std::sync::LazyLock;

static PLURAL_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(these|those|both|the two|the three|the four|the five|the six)\s+(countries|regions|nations|states|cities|sides|parties|islands|areas|governments|leaders)\b")
        .expect("plural ref")
});
static SINGULAR_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(this|that|the)\s+(country|region|city|island|area|sea|lake|river)\b")
        .expect("singular ref")
});

struct Coord {
    tok: usize,
    text: String,
    kinds: Vec<Option<&'static str>>,
}

fn coordinations(s: &Sent<'_>) -> Vec<Coord> {
    let t = &s.toks;
    coordinated(t, &name_chunks(s))
        .into_iter()
        .map(|g| {
            let a = g[0].0;
            let b = g[g.len() - 1].1;
            let a = if a > 0 && t[a - 1].is("the") {
                a - 1
            } else {
                a
            };
            Coord {
                tok: a,
                text: s.span_text(a, b).to_string(),
                kinds: g
                    .iter()
                    .map(|&(x, y)| GAZETTEER.lookup(s.span_text(x, y)).map(|p| p.kind))
                    .collect(),
            }
        })
        .collect()
}

/// Sentences to search for antecedents: the sentence itself, then up to three before it in the
/// same paragraph, then a footnote's anchor sentence.
fn scope(ctx: &Ctx<'_, '_>, si: usize) -> Vec<usize> {
    let d = &ctx.doc.sentences;
    let mut v = vec![si];
    let mut k = si;
    while k > 0 && v.len() < 4 && d[k - 1].para == d[si].para {
        k -= 1;
        v.push(k);
    }
    if let Some(a) = d[si].anchor {
        v.push(a);
        let mut k = a;
        while k > 0 && v.len() < 7 && d[k - 1].para == d[a].para {
            k -= 1;
            v.push(k);
        }
    }
    v
}

/// Replace resolvable vague phrases; returns the new question (unchanged when nothing applies).
pub fn resolve(q: &str, ctx: &Ctx<'_, '_>, si: usize, answer: &str) -> String {
    let mut q = q.to_string();
    let sc = scope(ctx, si);
    if let Some(m) = PLURAL_REF.captures(&q) {
        let det = m[1].to_lowercase();
        let noun = m[2].to_lowercase();
        let want = det
            .strip_prefix("the ")
            .and_then(small_number)
            .map(|x| x as usize)
            .or(if det == "both" { Some(2) } else { None });
        let want_kind = match noun.as_str() {
            "countries" | "nations" | "states" | "governments" | "sides" | "parties"
            | "leaders" => Some("country"),
            "regions" | "areas" => Some("region"),
            "cities" => Some("city"),
            "islands" => Some("island"),
            _ => None,
        };
        let mut found: Option<String> = None;
        let phrase = m.get(0).expect("m").as_str().to_lowercase();
        for &k in &sc {
            let s = &ctx.sents[k];
            // in the sentence itself, only coordinations before the phrase ("The two countries
            // lauded cooperation between A and B" is not about A and B)
            let limit = search_limit(s, k == si, &phrase);
            let cs = coordinations(s);
            let pick = cs.iter().rev().find(|c| {
                s.toks.get(c.tok).is_none_or(|t| t.start < limit)
                    && want.is_none_or(|w| c.kinds.len() == w)
                    && (want_kind.is_none()
                        || c.kinds.iter().all(|k| k.is_none() || *k == want_kind))
                    && !answer.to_lowercase().contains(&c.text.to_lowercase())
            });
            if let Some(c) = pick {
                found = Some(c.text.clone());
                break;
            }
        }
        if let Some(f) = found {
            let whole = m.get(0).expect("m").range();
            // "The United States and Serbia" inside a question takes a small "the"
            let f = match f.strip_prefix("The ") {
                Some(rest) if whole.start > 0 => format!("the {rest}"),
                _ => f,
            };
            q.replace_range(whole, &f);
        }
    }
    if let Some(m) = SINGULAR_REF.captures(&q) {
        let noun = m[2].to_lowercase();
        let mut found: Option<String> = None;
        let phrase = m.get(0).expect("m").as_str().to_lowercase();
        'outer: for &k in &sc {
            let s = &ctx.sents[k];
            // in the sentence itself, only names before the phrase
            let limit = search_limit(s, k == si, &phrase);
            for &(a, b) in name_chunks(s).iter().rev() {
                let txt = s.span_text(a, b);
                if s.toks[a].start >= limit {
                    continue;
                }
                // a name in brackets is an aside ("the Cham (from present-day Vietnam)")
                let open = s.toks[..a].iter().filter(|t| t.is_punct("(")).count();
                if open > s.toks[..a].iter().filter(|t| t.is_punct(")")).count() {
                    continue;
                }
                if let Some(p) = GAZETTEER.lookup(txt)
                    && (p.kind == noun || (noun == "area" && p.kind == "region"))
                    && !answer.contains(txt)
                {
                    // a river or a sea keeps its article ("the river" → "the Yangtze")
                    let the = matches!(p.kind, "river" | "sea" | "ocean")
                        && a > 0
                        && s.toks[a - 1].is("the");
                    found = Some(if the {
                        format!("the {txt}")
                    } else {
                        txt.to_string()
                    });
                    break 'outer;
                }
            }
        }
        let det = m[1].to_lowercase();
        if let Some(f) = found {
            let whole = m.get(0).expect("m").range();
            let f = match f.strip_prefix("the ") {
                Some(rest) if whole.start == 0 => format!("The {rest}"),
                _ => f,
            };
            q.replace_range(whole, &f);
        } else if det == "the" {
            // "the region" without an antecedent is acceptable but vague; leave it
        }
    }
    q = demonstratives(&q, &ctx.sents[si]);
    q = pronouns(&q, ctx, si, answer);
    q
}

/// Byte offset up to which a sentence may hold the antecedent of `phrase`: in the phrase's own
/// sentence only what comes before it, elsewhere all of it.
fn search_limit(s: &Sent<'_>, own: bool, phrase: &str) -> usize {
    if own {
        s.text.to_lowercase().find(phrase).unwrap_or(s.text.len())
    } else {
        usize::MAX
    }
}

/// "to this life-saving response" → "to the life-saving response" when "this" is a determiner in
/// the source (a bare "This" as a pronoun stays and makes the question vague).
fn demonstratives(q: &str, s: &Sent<'_>) -> String {
    let mut q = q.to_string();
    for (k, t) in s.toks.iter().enumerate() {
        if !(t.is("this") || t.is("these")) || t.tag != Tag::Det {
            continue;
        }
        let Some(next) = s.toks.get(k + 1) else {
            continue;
        };
        if !(next.nominal()) {
            continue;
        }
        for det in [t.lower.as_str(), t.text] {
            let pat = format!("{det} {}", next.text);
            if let Some(p) = find_word(&q, &pat) {
                let rep = if det.starts_with('T') { "The" } else { "the" };
                q.replace_range(p..p + det.len(), rep);
            }
        }
    }
    q
}

/// Byte offset of `pat` in `q` as whole words.
fn find_word(q: &str, pat: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = q[from..].find(pat).map(|x| x + from) {
        let before = q[..p].chars().next_back();
        let after = q[p + pat.len()..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(p);
        }
        from = p + pat.len();
    }
    None
}

/// Main-clause subject of a sentence.
fn main_subject(s: &Sent<'_>) -> Option<(usize, usize)> {
    let vi = s.vgs.iter().position(|v| v.finite && !v.relative)?;
    s.subject_of(vi)
}

/// "DEAD SEA" → "Dead Sea"; other words unchanged.
pub fn tidy_caps(x: &str) -> String {
    let words: Vec<&str> = x.split(' ').collect();
    let shouting = words
        .iter()
        .filter(|w| {
            w.len() >= 3
                && w.chars().all(|c| !c.is_lowercase())
                && w.chars().any(char::is_alphabetic)
        })
        .count();
    if shouting < 2 {
        return x.to_string();
    }
    words
        .iter()
        .map(|w| {
            if w.len() > 1 && w.chars().all(|c| !c.is_lowercase()) {
                let lw = w.to_lowercase();
                if matches!(lw.as_str(), "of" | "the" | "and") {
                    lw
                } else {
                    let mut c = lw.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                }
            } else {
                (*w).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Antecedent of a neuter singular "it": the subject of an earlier sentence that is a singular,
/// non-personal noun phrase (following chains of "it").
fn neuter_antecedent(ctx: &Ctx<'_, '_>, si: usize) -> Option<String> {
    match previous_subject(ctx, si) {
        Ok(x) => Some(x),
        Err(true) => title_topic(ctx),
        Err(false) => None,
    }
}

/// The document title as the article's topic ("Dead Sea" → "the Dead Sea"), when it is a short
/// name that the first sentence also names.
fn title_topic(ctx: &Ctx<'_, '_>) -> Option<String> {
    let title = tidy_caps(ctx.doc.title.trim());
    let words: Vec<&str> = title.split(' ').collect();
    if title.is_empty()
        || words.len() > 6
        || !words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "of" | "the" | "and" | "de")
        })
    {
        return None;
    }
    let first = ctx.doc.sentences.first()?;
    let core = title.trim_start_matches("The ").to_lowercase();
    if !first.clean.to_lowercase().contains(&core) || person_like(&title) {
        return None;
    }
    if let Some(rest) = title.strip_prefix("The ") {
        return Some(format!("the {rest}"));
    }
    match GAZETTEER.lookup(&title).map(|p| p.kind) {
        Some("country" | "city" | "region") => Some(title),
        _ => Some(format!("the {title}")),
    }
}

/// Subject of an earlier sentence usable for "it"; `Err(true)` when none was usable (the title
/// may stand in), `Err(false)` when the nearest candidate is a person or plural (leave "it").
fn previous_subject(ctx: &Ctx<'_, '_>, si: usize) -> Result<String, bool> {
    let d = &ctx.doc.sentences;
    let mut k = si;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        k -= 1;
        steps += 1;
        // stay in the paragraph, or its immediately preceding one
        if d[si].para > d[k].para + 1 {
            return Err(true);
        }
        let s = &ctx.sents[k];
        let Some(mut subj) = main_subject(s) else {
            return Err(true);
        };
        // "The DEAD SEA ( lit. SEA OF SALT)" → "The DEAD SEA"
        if let Some(p) = (subj.0 + 1..subj.1).find(|&k| s.toks[k].is_punct("(")) {
            subj.1 = p;
        }
        while subj.1 > subj.0 + 1 && s.toks[subj.1 - 1].tag == Tag::Adv {
            subj.1 -= 1;
        }
        let st = &s.toks[subj.0..subj.1];
        if st.len() == 1 && st[0].is("it") {
            continue;
        }
        if st.len() > 7
            || st
                .iter()
                .any(|t| t.is_punct(",") || t.tag == Tag::Pron || t.tag == Tag::Poss)
            || !matches!(st[0].lower.as_str(), "the") && st[0].tag != Tag::Propn
            || s.plural(subj)
            || st.iter().any(|t| t.tag == Tag::Num)
        {
            return Err(!s.plural(subj));
        }
        let text = s.span_text(subj.0, subj.1);
        let bare = text.trim_start_matches("The ").trim_start_matches("the ");
        if person_like(bare) || PERSON_TITLES.contains(st[st.len() - 1].lower.as_str()) {
            return Err(false);
        }
        let out = tidy_caps(&s.np_text(subj));
        // "the river" → the document's title "Ravna River" when it names the same thing
        if !st.iter().any(|t| t.tag == Tag::Propn) {
            let head = st[st.len() - 1].lower.as_str();
            let title = tidy_caps(ctx.doc.title.trim());
            let tw: Vec<String> = title.split(' ').map(str::to_lowercase).collect();
            if !title.is_empty()
                && tw.len() <= 6
                && tw.iter().any(|w| w == head)
                && title
                    .split(' ')
                    .filter(|w| w.len() > 3)
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                return Ok(if tw[0] == "the" {
                    title
                } else {
                    format!("the {title}")
                });
            }
        }
        return Ok(out);
    }
    Err(true)
}

/// Antecedent of "they": the main subject of the previous sentence (following chains of
/// "they") when it is plural ("Japan and Russia", "the two delegations"); nothing when it is
/// singular, since "they" then points further back or to something unnamed.
fn plural_antecedent(ctx: &Ctx<'_, '_>, si: usize) -> Option<String> {
    let d = &ctx.doc.sentences;
    let mut k = si;
    while k > 0 && si - k < 3 {
        k -= 1;
        if d[si].para > d[k].para + 1 {
            return None;
        }
        let s = &ctx.sents[k];
        let mut subj = main_subject(s)?;
        if let Some(p) = (subj.0 + 1..subj.1).find(|&k| s.toks[k].is_punct("(")) {
            subj.1 = p;
        }
        let st = &s.toks[subj.0..subj.1];
        if st.len() == 1 && st[0].is("they") {
            continue;
        }
        if st.len() > 8
            || st.iter().any(|t| {
                t.tag == Tag::Pron || t.tag == Tag::Poss || t.tag == Tag::Num || t.is_punct(",")
            })
            || !s.plural(subj)
            || !(st[0].tag == Tag::Propn || st[0].is("the"))
        {
            return None;
        }
        // "the two countries" is itself a reference; "these" too
        if st.iter().any(|t| {
            matches!(
                t.lower.as_str(),
                "these" | "those" | "both" | "two" | "three" | "four"
            )
        }) {
            return None;
        }
        return Some(tidy_caps(&s.np_text(subj)));
    }
    None
}

/// Antecedent of "he"/"she": the nearest person named in the previous sentence (its subject
/// first).
fn person_antecedent(ctx: &Ctx<'_, '_>, si: usize) -> Option<String> {
    if si == 0 {
        return None;
    }
    let d = &ctx.doc.sentences;
    if d[si].para > d[si - 1].para + 1 {
        return None;
    }
    let s = &ctx.sents[si - 1];
    let chunks = name_chunks(s);
    let people: Vec<(usize, usize)> = chunks
        .into_iter()
        .filter(|&(a, b)| person_like(s.span_text(a, b)))
        .collect();
    let subj = main_subject(s);
    let pick = people
        .iter()
        .find(|&&(a, b)| subj.is_some_and(|x| a >= x.0 && b <= x.1))
        .or(if people.len() == 1 {
            people.first()
        } else {
            None
        })?;
    Some(s.span_text(pick.0, pick.1).to_string())
}

/// Replace "it"/"its"/"he"/"she"/"his" when the source sentence's subject is that pronoun.
/// The subject of a reporting clause that a pronoun in its complement refers to: "The
/// Government of Canada announced today that it has earmarked …" → "the Government of Canada"
/// for "it"; "Japan and Chile stated that they will …" → "Japan and Chile" for "they".
fn reporter(s: &Sent<'_>) -> Option<(String, &'static str)> {
    let t = &s.toks;
    let k = t.iter().position(|x| x.is("that") && x.tag == Tag::Sub)?;
    let p = t.get(k + 1)?;
    let form = match p.lower.as_str() {
        "it" => "it",
        "they" => "they",
        _ => return None,
    };
    let vi = s.vgs.iter().position(|v| {
        v.finite && !v.relative && (v.end == k || (v.end + 1 == k && t[v.end].tag == Tag::Adv))
    })?;
    let (a, b) = s.subject_of(vi)?;
    let chunks = name_chunks(s);
    if !only_names(t, a, b, &chunks) {
        return None;
    }
    let inside: Vec<&(usize, usize)> = chunks.iter().filter(|c| c.0 >= a && c.1 <= b).collect();
    let plural = inside.len() > 1;
    if plural != (form == "they") || (!plural && person_like(s.span_text(inside[0].0, inside[0].1)))
    {
        return None;
    }
    let text = s.span_text(a, b);
    let text = match text.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => text.to_string(),
    };
    Some((text, form))
}

fn pronouns(q: &str, ctx: &Ctx<'_, '_>, si: usize, answer: &str) -> String {
    let s = &ctx.sents[si];
    if let Some((ante, form)) = reporter(s)
        && !answer.to_lowercase().contains(&ante.to_lowercase())
        && let Some(p) = find_word(q, form)
    {
        let mut out = q.to_string();
        out.replace_range(p..p + form.len(), &ante);
        return out;
    }
    let Some(subj) = main_subject(s) else {
        return q.to_string();
    };
    let st = &s.toks[subj.0..subj.1];
    let Some(p) = st
        .iter()
        .find(|t| matches!(t.tag, Tag::Pron | Tag::Poss))
        .map(|t| t.lower.clone())
    else {
        return q.to_string();
    };
    // an expletive "it" has no antecedent: "it took six months of negotiations to …", "it is
    // likely that …"
    if p == "it"
        && let Some(m) = s.main_vg(s.clause_range(subj.0))
        && matches!(
            s.toks[s.vgs[m].main].lemma.as_str(),
            "take" | "be" | "seem" | "appear"
        )
        && s.toks[s.vgs[m].end..]
            .iter()
            .any(|t| t.tag == Tag::To || t.is("that"))
    {
        return q.to_string();
    }
    let (ante, subj_form, poss_form): (Option<String>, &[&str], &[&str]) = match p.as_str() {
        "it" | "its" => (neuter_antecedent(ctx, si), &["it", "It"], &["its", "Its"]),
        "he" | "his" => (person_antecedent(ctx, si), &["he", "He"], &["his", "His"]),
        "she" => (person_antecedent(ctx, si), &["she", "She"], &[]),
        "they" | "their" => (
            plural_antecedent(ctx, si),
            &["they", "They"],
            &["their", "Their"],
        ),
        _ => (None, &[], &[]),
    };
    let Some(ante) = ante else {
        return q.to_string();
    };
    if answer.to_lowercase().contains(&ante.to_lowercase())
        || ante.to_lowercase().contains(&answer.to_lowercase())
    {
        return q.to_string();
    }
    let mut out = q.to_string();
    for f in subj_form {
        while let Some(p) = find_word(&out, f) {
            out.replace_range(p..p + f.len(), &ante);
        }
    }
    let poss = if ante.ends_with('s') {
        format!("{ante}'")
    } else {
        format!("{ante}'s")
    };
    for f in poss_form {
        while let Some(p) = find_word(&out, f) {
            out.replace_range(p..p + f.len(), &poss);
        }
    }
    if out.starts_with("the ") {
        out = super::text::capitalize_first(&out);
    }
    out
}

/// The question with possessives that the question itself binds removed, for the vagueness
/// check: in "How much has the Government of Norland increased its commitment …?" the "its" is
/// the Government's, because the source's subject is in the question.
pub fn without_bound_possessives(
    q: &str,
    ctx: &Ctx<'_, '_>,
    si: usize,
    subject_asked: bool,
) -> String {
    let s = &ctx.sents[si];
    // the main clause's subject; any clause's when the question asks for the subject
    let subjects: Vec<(usize, usize)> = if subject_asked {
        (0..s.vgs.len())
            .filter(|&vi| s.vgs[vi].finite && !s.vgs[vi].relative)
            .filter_map(|vi| s.subject_of(vi))
            .collect()
    } else {
        main_subject(s).into_iter().collect()
    };
    let mut out = q.to_string();
    for subj in subjects {
        let st = &s.toks[subj.0..subj.1];
        if st.iter().any(|t| matches!(t.tag, Tag::Pron | Tag::Poss)) {
            continue;
        }
        let name = s.span_text(subj.0, subj.1);
        let name = name
            .strip_prefix("The ")
            .or_else(|| name.strip_prefix("the "))
            .unwrap_or(name);
        // the name is in the question, or the question asks for it ("Which eight countries
        // deposited their instruments of ratification?")
        if name.len() < 3 || !(subject_asked || q.to_lowercase().contains(&name.to_lowercase())) {
            continue;
        }
        let Some(vg) = s
            .vgs
            .iter()
            .find(|v| v.finite && !v.relative && v.start >= subj.1)
        else {
            continue;
        };
        // "China is its largest economic partner": after a copula the possessive is another's
        if s.toks[vg.main].tag == Tag::Be {
            continue;
        }
        // only a possessive in the verb's object, right after the verb ("increased its
        // commitment")
        let window = &s.toks[vg.end..(vg.end + 5).min(s.toks.len())];
        let reach = window.iter().position(|t| t.tag == Tag::Poss).filter(|&p| {
            !window[..p]
                .iter()
                .any(|t| t.tag == Tag::Punct && t.text != "%" && t.text != "$")
        });
        let Some(p) = reach else {
            continue;
        };
        let t = &window[p];
        if matches!(t.lower.as_str(), "its" | "their" | "his" | "her") {
            while let Some(p) = find_word(&out, &t.lower) {
                out.replace_range(p..p + t.lower.len(), "the");
            }
        }
    }
    out
}
