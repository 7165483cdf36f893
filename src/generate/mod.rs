//! Question generation without a language model: documents → sentences → typed templates →
//! ranked, de-duplicated questions.
//!
//! Pure: no I/O, no clock, no global mutable state (lexicons and the gazetteer are immutable
//! data built once). The document date comes from the text (`[Date]` line, a date line near the
//! top) and "today" from [`GenerateOptions::today`].

pub mod distract;
pub mod gazetteer;
pub mod lexicon;
pub mod preprocess;
pub mod rank;
pub mod resolve;
pub mod syntax;
pub mod templates;
pub mod text;
pub mod tokens;

#[cfg(test)]
mod tests;

use crate::quiz::model::Body;
use std::collections::{HashMap, HashSet};
use templates::{Candidate, Ctx, Kind};

/// Options for [`generate`].
#[derive(Debug, Clone, Default)]
pub struct GenerateOptions {
    /// Keep at most this many questions; default about 2 per 100 words, at most 25.
    pub max_questions: Option<usize>,
    /// The date "now" (year, month, day) for tense decisions; `None` = unknown.
    pub today: Option<(i32, u8, u8)>,
    /// Report each question's ranking features (for training the ranker).
    pub features: bool,
    /// Rank with these weights instead of the built-in ones (for evaluating a trained ranker).
    pub rank_weights: Option<Vec<f32>>,
    /// Return every candidate that passed the checks, best first, without selection or the
    /// budget (for training the ranker on a pool that does not depend on the ranker in use).
    pub all: bool,
}

/// One generated question.
#[derive(Debug, Clone)]
pub struct Generated {
    /// "list", "number", "place", "date", "person", "definition" or "other".
    pub kind: String,
    pub body: Body,
    pub question: String,
    pub answer: String,
    pub accept: Vec<String>,
    pub distractors: Vec<String>,
    /// The exact sentence (or metadata line) from the document.
    pub source: String,
    /// Byte offset of `source` in the document.
    pub position: usize,
    /// 0..1.
    pub confidence: f32,
    /// The ranking features ([`rank::FEATURES`]) when asked for, else empty.
    pub features: Vec<f32>,
}

/// Default number of questions for a document of `words` words: about 2 per 100 words (plus a
/// small allowance for short documents), at least 3 and at most 25.
pub fn default_max(words: usize) -> usize {
    (words.div_ceil(50) + 2).clamp(3, 25)
}

fn capitalised_words(doc: &preprocess::Doc<'_>) -> HashSet<String> {
    let mut caps = HashSet::new();
    for s in &doc.sentences {
        let mut first = true;
        for w in s.clean.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !first
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
            {
                caps.insert(w.to_lowercase());
            }
            if !w.is_empty() {
                first = false;
            }
        }
    }
    caps
}

fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn body_of(c: &Candidate, distractors: &[String]) -> Body {
    if let Some(cl) = &c.cloze {
        return Body::Cloze { text: cl.clone() };
    }
    match c.kind {
        Kind::List if !c.items.is_empty() => {
            if !distractors.is_empty() && c.items.len() <= 8 {
                let mut choices: Vec<String> =
                    c.items.iter().chain(distractors.iter()).cloned().collect();
                choices.sort_by_key(|x| hash(x));
                Body::MultipleSelect {
                    choices,
                    answers: c.items.clone(),
                    aliases: c.item_aliases.clone(),
                }
            } else {
                Body::List {
                    answers: c.items.clone(),
                    aliases: c.item_aliases.clone(),
                }
            }
        }
        Kind::Number if c.number.is_some() => Body::Numeric {
            answer: c.number.unwrap_or(0.0),
            unit: c.unit.clone(),
            tolerance: 0.0,
            relative_tolerance: 0.0,
        },
        _ => Body::ShortText {
            answer: c.answer.clone(),
            accept: c.accept.clone(),
        },
    }
}

/// Generate ranked, de-duplicated questions from a document.
pub fn generate(title: &str, text: &str, opts: &GenerateOptions) -> Vec<Generated> {
    let doc = preprocess::preprocess(title, text);
    let caps = capitalised_words(&doc);
    let sents: Vec<syntax::Sent<'_>> = doc
        .sentences
        .iter()
        .map(|s| syntax::analyse(&s.clean, &caps))
        .collect();
    let mut name_freq: HashMap<String, usize> = HashMap::new();
    let mut name_first: HashMap<String, usize> = HashMap::new();
    let mut sent_names = Vec::with_capacity(sents.len());
    for (si, s) in sents.iter().enumerate() {
        let chunks = templates::name_chunks(s);
        sent_names.push(chunks.len());
        for (a, b) in chunks {
            let k = text::norm(s.span_text(a, b));
            name_first.entry(k.clone()).or_insert(si);
            *name_freq.entry(k).or_default() += 1;
        }
    }
    let mut surname_freq: HashMap<String, usize> = HashMap::new();
    for (k, v) in &name_freq {
        if let Some(last) = k.rsplit(' ').next() {
            *surname_freq.entry(last.to_string()).or_default() += v;
        }
    }
    let today_year = opts.today.map(|t| t.0);
    let ctx = Ctx {
        doc: &doc,
        sents: &sents,
        qctx: syntax::QCtx { today_year },
        name_freq,
        surname_freq,
        name_first,
        sent_names,
    };
    // typed questions that fail the checks leave their facts to gap-fill items
    let kept = templates::run_all(&ctx, &|c| checked(c, &ctx));
    let mut per_sent: HashMap<usize, usize> = HashMap::new();
    for c in &kept {
        if let Some(si) = c.sent {
            *per_sent.entry(si).or_default() += 1;
        }
    }
    let scored: Vec<(f32, Candidate)> = kept
        .into_iter()
        .map(|mut c| {
            let n = c
                .sent
                .and_then(|si| per_sent.get(&si))
                .copied()
                .unwrap_or(0);
            let f = rank::features(&c, &ctx, n);
            let sc = rank::linear(opts.rank_weights.as_deref().unwrap_or(&rank::WEIGHTS), &f);
            if opts.features {
                c.features = f.to_vec();
            }
            (sc, c)
        })
        .collect();
    let max = opts
        .max_questions
        .unwrap_or_else(|| default_max(doc.word_count))
        .min(25.max(opts.max_questions.unwrap_or(0)));
    let picked = if opts.all {
        let mut all = scored;
        all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.src.0.cmp(&y.1.src.0)));
        all
    } else {
        rank::select(scored, max, doc.text)
    };
    picked
        .into_iter()
        .map(|(sc, c)| {
            let distractors = distract::distractors(&c, &ctx);
            let body = body_of(&c, &distractors);
            let source = doc.text[c.src.0..c.src.1].to_string();
            let question = if c.cloze.is_none() {
                text::headline_case(&c.question, &caps)
            } else {
                c.question
            };
            let mut accept = c.accept.clone();
            accept.retain(|a| !a.trim().is_empty());
            Generated {
                kind: c.kind.as_str().to_string(),
                body,
                question,
                answer: c.answer,
                accept,
                distractors,
                source,
                position: c.src.0,
                confidence: sc.clamp(0.0, 1.0),
                features: c.features,
            }
        })
        .collect()
}

/// A candidate after resolving its references, or `None` when it is vague, leaks its answer,
/// ends on a dangling preposition, or is too long or too short.
fn checked(mut c: Candidate, ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    // a gap-fill list shows its sentence as written, like any gap-fill item
    if let Some(si) = c.sent
        && c.cloze.is_none()
        && c.template != "gap"
    {
        c.question = resolve::resolve(&c.question, ctx, si, &c.answer);
    }
    if c.answer.trim().is_empty() || c.question.is_empty() {
        return None;
    }
    // "Mr" alone is what is left of a name the parse lost ("by Mr. AR. Shamsud Doha")
    if templates::office::honorific(&c.answer.trim().to_lowercase()) {
        return None;
    }
    if c.cloze.is_none() {
        c.question = text::drop_discourse_adverbs(&text::strip_footnotes(&c.question));
        if text::dangling_preposition(&c.question) {
            return None;
        }
    }
    let check = match c.sent {
        Some(si) => {
            resolve::without_bound_possessives(&c.question, ctx, si, c.template == "subject")
        }
        None => c.question.clone(),
    };
    // a gap-fill list shows its whole sentence, so a reference in it is read in place
    if c.cloze.is_none() && c.template != "gap" && templates::vague(&check) {
        return None;
    }
    // a typed question the parse visibly got wrong leaves its fact to a gap-fill item
    if c.cloze.is_none()
        && c.template != "gap"
        && templates::malformed(&c.question, &c.answer, c.kind)
    {
        return None;
    }
    let leak =
        text::leaks(&c.question, &c.answer) || c.items.iter().any(|i| text::leaks(&c.question, i));
    if leak {
        return None;
    }
    // four words are enough with a name in them ("When did Hailemariam resign?")
    let qw = c.question.split_whitespace().count();
    let named = c
        .question
        .split_whitespace()
        .skip(1)
        .any(|w| w.starts_with(char::is_uppercase));
    if qw > 45 || (c.cloze.is_none() && (qw < 4 || (qw == 4 && !named))) {
        return None;
    }
    Some(c)
}

/// The JSONL contract line of `factcards generate --format jsonl`.
pub fn to_jsonl_value(doc: &str, g: &Generated) -> serde_json::Value {
    serde_json::json!({
        "doc": doc,
        "kind": g.kind,
        "question": g.question,
        "answer": g.answer,
        "accept": g.accept,
        "distractors": g.distractors,
        "source": g.source,
    })
}
