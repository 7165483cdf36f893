//! Ranking by cheap features, then greedy selection with de-duplication and diversity.

use super::templates::{AType, Candidate, Ctx, Kind, refers_to_before};
use super::text::{content_tokens, norm};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// A name as the document statistics key it: normalised, without a leading "the".
fn name_key(name: &str) -> String {
    let k = norm(name);
    match k.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => k,
    }
}

/// The answer is the document's own title (its topic, e.g. the article's name).
fn is_title(answer: &str, title: &str) -> bool {
    let a = name_key(answer);
    !a.is_empty() && a == name_key(title)
}

/// How many ranking features there are.
pub const N_FEATURES: usize = 48;

/// The names of the ranking features, in the order [`features`] returns them.
pub const FEATURES: [&str; N_FEATURES] = [
    "bias",
    "prior",
    "early",
    "first3",
    "q_long",
    "q_short",
    "a_long",
    "according",
    "region",
    "meta_date",
    "k_list",
    "k_number",
    "k_date",
    "k_place",
    "k_person",
    "k_definition",
    "k_other",
    "items",
    "freq4",
    "freq2",
    "title",
    "long_sent",
    "references",
    "gap",
    "sent_cands",
    "sent_digits",
    "ans_digit",
    "ans_cap",
    "a_person",
    "list_typed",
    "pron_start",
    "para_first",
    "footnote",
    "first_mention",
    "sent_names",
    "t_cloze",
    "t_agent",
    "t_subject",
    "t_object",
    "t_copula",
    "t_number",
    "t_money",
    "t_percent",
    "t_date",
    "t_place",
    "t_list_count",
    "t_list_names",
    "t_acronym",
];

/// The features of a candidate; `sent_cands` is how many candidates its sentence gave.
pub fn features(c: &Candidate, ctx: &Ctx<'_, '_>, sent_cands: usize) -> [f32; N_FEATURES] {
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let order = c.sent.map_or(0.0, |i| ctx.doc.sentences[i].order);
    let qw = c.question.split_whitespace().count();
    let aw = c.answer.split_whitespace().count();
    // the answer's names: the list's items, or the answer itself
    let keys: Vec<String> = if c.items.is_empty() {
        vec![name_key(&c.answer)]
    } else {
        c.items.iter().map(|n| name_key(n)).collect()
    };
    let freq = |k: &String| ctx.name_freq.get(k).copied().unwrap_or(0);
    let sent = c.sent.map(|i| &ctx.doc.sentences[i]);
    let sw = sent.map_or(0, |s| s.clean.split_whitespace().count());
    let gap = c.cloze.is_some() || c.template == "gap";
    let head = [
        1.0,
        c.prior,
        1.0 - order,
        b(c.sent.is_some_and(|i| i < 3)),
        qw.saturating_sub(18) as f32 / 10.0,
        b(qw < 5),
        if c.kind == Kind::List {
            0.0
        } else {
            aw.saturating_sub(6) as f32 / 5.0
        },
        b(c.question.starts_with("According to")),
        b(c.question.contains("the region") || c.question.contains("the area")),
        b(c.template == "meta_date"),
        b(c.kind == Kind::List),
        b(c.kind == Kind::Number),
        b(c.kind == Kind::Date),
        b(c.kind == Kind::Place),
        b(c.kind == Kind::Person),
        b(c.kind == Kind::Definition),
        b(c.kind == Kind::Other),
        c.items.len().min(6) as f32 / 6.0,
        b(keys.iter().all(|k| freq(k) >= 4)),
        b(keys.iter().all(|k| freq(k) >= 2)),
        b(is_title(&c.answer, &ctx.doc.title)),
        b(sw > 45),
        b(sent
            .and_then(|s| s.heading.as_deref())
            .is_some_and(|h| h.to_lowercase().contains("reference"))),
        b(gap),
        sent_cands.min(8) as f32 / 8.0,
        b(sent.is_some_and(|s| s.clean.chars().any(|ch| ch.is_ascii_digit()))),
        b(c.answer.chars().any(|ch| ch.is_ascii_digit())),
        b(c.answer.chars().next().is_some_and(char::is_uppercase)),
        b(c.atype == AType::Person),
        b(c.kind == Kind::List && !gap),
        b(sent.is_some_and(|s| {
            s.clean
                .split_whitespace()
                .next()
                .is_some_and(|w| refers_to_before(&w.to_lowercase()))
        })),
        b(sent.is_some_and(|s| s.index_in_para == 0)),
        b(sent.is_some_and(|s| s.footnote.is_some())),
        b(c.sent.is_some_and(|si| {
            keys.iter()
                .all(|k| ctx.name_first.get(k).is_none_or(|&f| f >= si))
        })),
        c.sent.map_or(0, |si| ctx.sent_names[si]).min(8) as f32 / 8.0,
    ];
    debug_assert!(
        FEATURES[..head.len()].iter().all(|n| !n.starts_with("t_"))
            && FEATURES[head.len()..].iter().all(|n| n.starts_with("t_")),
        "the feature names and the features are out of step"
    );
    let mut f = [0.0; N_FEATURES];
    f[..head.len()].copy_from_slice(&head);
    // the rest are one per template, named "t_<template>"
    for (x, name) in f.iter_mut().zip(FEATURES).skip(head.len()) {
        *x = b(name.strip_prefix("t_") == Some(c.template));
    }
    f
}

/// A logistic model's probability for feature row `f` under `weights`.
pub fn linear(weights: &[f32], f: &[f32]) -> f32 {
    let z: f32 = weights.iter().zip(f).map(|(w, x)| w * x).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The built-in ranker: a logistic model over [`FEATURES`], fitted by
/// `tests/qgen/train_ranker.py` on the candidates of the seed and evaluation documents (a
/// candidate is positive when the question scorer credits it for a gold fact). Retrain after
/// changing a template or a feature; the script's `--cv` prints the held-out figures.
pub const WEIGHTS: [f32; N_FEATURES] = [
    -3.4141, // bias
    2.6735,  // prior
    0.6692,  // early
    0.6013,  // first3
    0.0435,  // q_long
    0.1364,  // q_short
    0.2157,  // a_long
    -0.0537, // according
    0.4845,  // region
    0.1957,  // meta_date
    -0.0014, // k_list
    -0.1137, // k_number
    -1.1120, // k_date
    0.2521,  // k_place
    0.6965,  // k_person
    0.1543,  // k_definition
    0.1241,  // k_other
    0.9873,  // items
    -1.7487, // freq4
    -0.9265, // freq2
    -0.4732, // title
    -0.2117, // long_sent
    0.0000,  // references
    -0.4682, // gap
    -1.1070, // sent_cands
    0.1227,  // sent_digits
    1.1869,  // ans_digit
    -0.1739, // ans_cap
    0.0772,  // a_person
    0.9139,  // list_typed
    0.5782,  // pron_start
    -0.0551, // para_first
    0.2136,  // footnote
    1.3294,  // first_mention
    -0.0458, // sent_names
    -0.4382, // t_cloze
    -0.4473, // t_agent
    -1.1351, // t_subject
    -0.4431, // t_object
    -0.1330, // t_copula
    -1.1979, // t_number
    -0.0291, // t_money
    -0.0986, // t_percent
    -0.4746, // t_date
    -0.0809, // t_place
    1.4302,  // t_list_count
    0.1506,  // t_list_names
    -0.3489, // t_acronym
];

/// A question's shape: its first three words ("What office did"), without an "According to the
/// document," prefix.
fn shape_of(q: &str) -> String {
    let q = q.strip_prefix("According to the document, ").unwrap_or(q);
    q.split_whitespace()
        .take(3)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pick up to `max` candidates, best first, skipping duplicates and spreading over sentences.
///
/// Ties go to the earlier sentence, then to the answer that comes first in its sentence (so the
/// order does not depend on which templates ran).
pub fn select(cands: Vec<(f32, Candidate)>, max: usize, text: &str) -> Vec<(f32, Candidate)> {
    let pos = |c: &Candidate| -> (usize, usize) {
        let src = text.get(c.src.0..c.src.1).unwrap_or("");
        let first = c.items.first().unwrap_or(&c.answer);
        (c.src.0, src.find(first.as_str()).unwrap_or(usize::MAX))
    };
    let mut picked: Vec<(f32, Candidate)> = Vec::new();
    // (answer, question tokens, sentence, "a list or a gap": one item of a list may also be a gap)
    let mut keys: Vec<(String, HashSet<String>, Option<usize>, u8)> = Vec::new();
    // gap-fill items are the fallback: at most a third of the budget while typed questions remain
    let cloze_cap = (max * 2).div_ceil(3).max(1);
    let shape_cap = (max / 4).max(2);
    // how many picked typed questions each shape has
    let mut shapes: HashMap<String, usize> = HashMap::new();
    // how many picked items each sentence has given
    let mut used: HashMap<usize, usize> = HashMap::new();
    let used_of = |used: &HashMap<usize, usize>, c: &Candidate| {
        c.sent.and_then(|si| used.get(&si)).copied().unwrap_or(0)
    };
    // The best candidate by score, less a penalty per item its sentence has given already. The
    // penalty only grows, so a heap entry's score is an upper bound: an entry whose sentence
    // gave an item since it was pushed is pushed again with its new score (lazy re-scoring).
    let mut typed_left = cands.iter().filter(|(_, c)| c.cloze.is_none()).count();
    let mut slots: Vec<Option<(f32, Candidate)>> = Vec::with_capacity(cands.len());
    let mut heap = BinaryHeap::with_capacity(cands.len());
    for (idx, (sc, c)) in cands.into_iter().enumerate() {
        heap.push(Entry {
            adj: sc,
            pos: pos(&c),
            idx,
            used: 0,
        });
        slots.push(Some((sc, c)));
    }
    let mut deferred: Vec<usize> = Vec::new();
    while picked.len() < max {
        let Some(e) = heap.pop() else {
            if deferred.is_empty() {
                break;
            }
            for idx in deferred.drain(..) {
                let Some((sc, c)) = &slots[idx] else { continue };
                let u = used_of(&used, c);
                heap.push(Entry {
                    adj: sc - PER_SENTENCE * u as f32,
                    pos: pos(c),
                    idx,
                    used: u,
                });
            }
            continue;
        };
        let Some((sc0, c)) = &slots[e.idx] else {
            continue;
        };
        let u = used_of(&used, c);
        if u != e.used {
            heap.push(Entry {
                adj: sc0 - PER_SENTENCE * u as f32,
                used: u,
                ..e
            });
            continue;
        }
        let clozes = picked.iter().filter(|(_, p)| p.cloze.is_some()).count();
        if c.cloze.is_some() && clozes >= cloze_cap && typed_left > 0 {
            deferred.push(e.idx);
            continue;
        }
        // a quiz of one question shape is monotonous ("What office did … hold?" five times):
        // past a share of the budget, a shape waits until the other candidates are used
        let opening = c.cloze.is_none().then(|| shape_of(&c.question));
        if let Some(o) = &opening
            && !heap.is_empty()
            && shapes.get(o).copied().unwrap_or(0) >= shape_cap
        {
            deferred.push(e.idx);
            continue;
        }
        let adj = e.adj;
        let Some((_, c)) = slots[e.idx].take() else {
            continue;
        };
        if c.cloze.is_none() {
            typed_left -= 1;
        }
        let na = norm(&c.answer);
        let qk: HashSet<String> = content_tokens(&c.question).into_iter().collect();
        let shape = if c.kind == Kind::List {
            1
        } else if c.cloze.is_some() {
            2
        } else {
            0
        };
        let dup = keys.iter().position(|(a, q, s, sh)| {
            let same_sent = *s == c.sent && s.is_some();
            let (pa, pn) = (format!(" {a} "), format!(" {na} "));
            let contained =
                !na.is_empty() && !a.is_empty() && (pa.contains(&pn) || pn.contains(&pa));
            let inter = q.intersection(&qk).count() as f32;
            let uni = q.union(&qk).count().max(1) as f32;
            // the same list of names again is the same question, whatever sentence it is from
            (a == &na && (inter / uni >= 0.6 || same_sent || (shape == 1 && *sh == 1)))
                || (same_sent && contained && sh + shape != 3)
                // near-identical wording from another sentence (a bullet repeating the body);
                // two blanks of one sentence are two facts
                || (inter / uni >= 0.85 && (s.is_some() || c.sent.is_some()) && !(same_sent && a != &na))
        });
        if let Some(d) = dup {
            // a typed question on the same fact replaces a gap-fill item picked before it
            let same_fact = keys[d].2 == c.sent && c.sent.is_some();
            if shape == 0 && keys[d].3 == 2 && same_fact {
                keys[d] = (na, qk, c.sent, shape);
                picked[d] = (picked[d].0, c);
                if let Some(o) = opening {
                    *shapes.entry(o).or_default() += 1;
                }
            }
            continue;
        }
        if let Some(o) = opening {
            *shapes.entry(o).or_default() += 1;
        }
        keys.push((na, qk, c.sent, shape));
        if let Some(si) = c.sent {
            *used.entry(si).or_default() += 1;
        }
        picked.push((adj, c));
    }
    // deferred gap-fill items come later: keep the reported confidence non-increasing
    for i in 1..picked.len() {
        if picked[i].0 > picked[i - 1].0 {
            picked[i].0 = picked[i - 1].0;
        }
    }
    picked
}

/// Score lost per item a sentence has already given.
const PER_SENTENCE: f32 = 0.07;

/// A candidate in [`select`]'s heap: best score first, then the earlier place in the text.
struct Entry {
    adj: f32,
    pos: (usize, usize),
    idx: usize,
    /// The sentence's item count when `adj` was computed.
    used: usize,
}

impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        self.adj
            .total_cmp(&o.adj)
            .then_with(|| o.pos.cmp(&self.pos))
            .then_with(|| o.idx.cmp(&self.idx))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl PartialEq for Entry {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}

impl Eq for Entry {}
