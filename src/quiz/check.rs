//! Answer checking: grades a student's response to a question, the way a fair teacher would.
//!
//! Pure and total: [`check_answer`] never panics, whatever response arrives for whatever
//! question (forms can be tampered with); a response of the wrong kind is simply wrong.
//!
//! Lists, multiple select, ordering and cloze get partial credit and item-by-item marks:
//! - lists and multiple select score F1 = 2·right / (typed + expected), as the reference scorer
//!   does; full credit needs every item and nothing wrong;
//! - ordering scores by the longest run of items kept in the right relative order:
//!   (LIS − 1) / (n − 1), so one item moved costs one step, not every position after it;
//! - cloze scores the share of gaps right.
//!
//! Text comparison lives in `normalize.rs` ([`text_matches`], [`normalize`]) and number reading
//! in `numbers.rs` ([`parse_number`]); both sit next to this file and are declared here as
//! private submodules, so `quiz/mod.rs` needs only `pub mod check;`.

#[path = "normalize.rs"]
mod normalize;
#[path = "numbers.rs"]
mod numbers;

use std::collections::HashSet;

use serde::Serialize;

use super::model::{Body, Response};
pub use normalize::{MatchKind, normalize, text_matches};
use normalize::{TextMatch, match_text, rejection_hint};
pub use numbers::{MONTHS, parse_number};

/// The result of grading one response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Full credit.
    pub correct: bool,
    /// 0.0..=1.0; partial credit for lists, multiple select, ordering and cloze.
    pub score: f64,
    /// The expected answer as text for display ("Uzbekistan, Kazakhstan, …", "156 workers").
    pub expected: String,
    /// Which accepted answer or alias it matched, when not the main one.
    pub matched: Option<String>,
    /// Why it was accepted leniently ("spelling differs slightly"), or why it was rejected when
    /// that helps ("a different number").
    pub reason: Option<String>,
    /// Item-by-item marks for lists, multiple select, ordering and cloze; empty otherwise.
    pub items: Vec<ItemMark>,
}

/// One item of a list, selection, ordering or cloze, and how it was marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemMark {
    pub text: String,
    pub status: ItemStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Expected and given (or, for ordering, in the right relative order).
    Right,
    /// Expected but not given.
    Missing,
    /// Given but not expected (or out of order).
    Wrong,
}

/// A piece of a cloze text as the page renders it: text, or the gap with this index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClozePart {
    Text(String),
    Gap(usize),
}

const NO_ANSWER: &str = "no answer";
const WRONG_KIND: &str = "this question needs a different kind of answer";
const NOT_A_CHOICE: &str = "not one of the choices";
/// Items read from one typed list or given as choices: far above any real question, low enough
/// that a tampered form cannot make grading slow.
const MAX_LIST_ITEMS: usize = 100;
/// Longest typed response read, in characters (see `normalize::MAX_TEXT_CHARS` for one item).
const MAX_RESPONSE_CHARS: usize = 4 * normalize::MAX_TEXT_CHARS;
/// How many pieces split on "and" are tried together as one name ("Trinidad" + "Tobago"): up to
/// three, i.e. names with two "and"s; country names have at most one.
const MAX_AND_MERGE: usize = 3;
/// Relative slack for floating-point noise when comparing numbers.
const FLOAT_SLACK: f64 = 1e-9;

impl Verdict {
    fn wrong(expected: String, reason: Option<&str>) -> Self {
        Verdict {
            correct: false,
            score: 0.0,
            expected,
            matched: None,
            reason: reason.map(str::to_string),
            items: Vec::new(),
        }
    }

    fn right(expected: String, reason: Option<String>, matched: Option<String>) -> Self {
        Verdict {
            correct: true,
            score: 1.0,
            expected,
            matched,
            reason,
            items: Vec::new(),
        }
    }

    fn from_match(expected: String, m: TextMatch) -> Self {
        Verdict::right(expected, m.reason, m.alias)
    }
}

fn mark(text: &str, status: ItemStatus) -> ItemMark {
    ItemMark {
        text: text.to_string(),
        status,
    }
}

/// Grades a response. Never panics on any input.
pub fn check_answer(body: &Body, response: &Response) -> Verdict {
    let mut expected = expected_text(body);
    if expected.trim().is_empty() {
        expected = "(the question has no answer)".to_string();
    }
    if is_blank(response) {
        return Verdict::wrong(expected, Some(NO_ANSWER));
    }
    match (body, response) {
        (Body::SingleChoice { choices, answer }, _) => {
            single_choice(choices, answer, response, expected)
        }
        (
            Body::MultipleSelect {
                choices, answers, ..
            },
            Response::Choices(picked),
        ) => picked_choices(choices, answers, picked, expected),
        (
            Body::MultipleSelect {
                answers, aliases, ..
            }
            | Body::List { answers, aliases },
            Response::Text(text),
        ) => typed_list(answers, aliases, text, expected),
        (body @ Body::Numeric { .. }, Response::Text(text)) => numeric(body, text, expected),
        (Body::ShortText { answer, accept }, Response::Text(text)) => {
            short_text(answer, accept, text, expected)
        }
        (Body::Cloze { text }, Response::Gaps(gaps)) => cloze(text, gaps, expected),
        (Body::Cloze { text }, Response::Text(typed)) => {
            cloze(text, &split_cloze_text(text, typed), expected)
        }
        (Body::TrueFalse { answer }, _) => true_false(*answer, response, expected),
        (Body::Ordering { items }, Response::Order(order)) => ordering(items, order, expected),
        (Body::Ordering { items }, Response::Text(typed)) => {
            ordering(items, &typed_order(items, typed), expected)
        }
        _ => Verdict::wrong(expected, Some(WRONG_KIND)),
    }
}

fn is_blank(response: &Response) -> bool {
    match response {
        Response::Text(t) => t.trim().is_empty(),
        Response::Choices(c) => c.is_empty(),
        Response::Gaps(g) => g.iter().all(|t| t.trim().is_empty()),
        Response::Order(o) => o.is_empty(),
    }
}

/// The expected answer as shown after grading.
fn expected_text(body: &Body) -> String {
    match body {
        Body::SingleChoice { answer, .. } | Body::ShortText { answer, .. } => answer.clone(),
        Body::MultipleSelect { answers, .. } | Body::List { answers, .. } => answers.join(", "),
        Body::Numeric {
            answer,
            unit,
            tolerance,
            relative_tolerance,
        } => numeric_expected(*answer, unit.as_deref(), *tolerance, *relative_tolerance),
        Body::Cloze { text } => cloze_filled(text),
        Body::TrueFalse { answer } => if *answer { "True" } else { "False" }.to_string(),
        Body::Ordering { items } => items.join(" → "),
    }
}

/// The best match of `given` among candidate texts: (candidate index, match), best kind first,
/// then earliest candidate.
fn best_match(given: &str, candidates: &[&str]) -> Option<(usize, TextMatch)> {
    candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match_text(given, c).map(|m| (i, m)))
        .min_by_key(|(i, m)| (m.kind, *i))
}

fn short_text(answer: &str, accept: &[String], text: &str, expected: String) -> Verdict {
    let candidates: Vec<&str> = std::iter::once(answer)
        .chain(accept.iter().map(String::as_str))
        .collect();
    let Some((i, m)) = best_match(text, &candidates) else {
        return Verdict::wrong(expected, rejection_hint(text, answer));
    };
    let mut verdict = Verdict::from_match(expected, m);
    if let (true, Some(alt)) = (i > 0, candidates.get(i)) {
        verdict.matched = Some(alt.to_string());
        let note = "accepted alternative answer".to_string();
        verdict.reason = Some(match verdict.reason.take() {
            Some(r) => format!("{note}; {r}"),
            None => note,
        });
    }
    verdict
}

/// The index of the choice that is the answer, compared after normalisation.
fn answer_choice(choices: &[String], answer: &str) -> Option<usize> {
    let wanted = normalize(answer);
    choices
        .iter()
        .position(|c| c.trim() == answer.trim() || normalize(c) == wanted)
}

fn single_choice(
    choices: &[String],
    answer: &str,
    response: &Response,
    expected: String,
) -> Verdict {
    let key = answer_choice(choices, answer);
    match response {
        Response::Choices(picked) => match picked.as_slice() {
            [i] => match choices.get(*i) {
                None => Verdict::wrong(expected, Some(NOT_A_CHOICE)),
                Some(_) if key == Some(*i) => Verdict::right(expected, None, None),
                Some(c)
                    if key.is_none()
                        && text_matches(c, answer).is_some_and(|k| k <= MatchKind::Alias) =>
                {
                    // The answer is not literally among the choices; accept its alias.
                    Verdict::right(expected, None, None)
                }
                Some(_) => Verdict::wrong(expected, None),
            },
            _ => Verdict::wrong(expected, Some("pick exactly one choice")),
        },
        Response::Text(text) => typed_choice(choices, key, answer, text, expected),
        _ => Verdict::wrong(expected, Some(WRONG_KIND)),
    }
}

/// A single choice typed instead of clicked: it must match the answer better than any other
/// choice ("Guinea" must not pick "Guinea-Bissau").
fn typed_choice(
    choices: &[String],
    key: Option<usize>,
    answer: &str,
    text: &str,
    expected: String,
) -> Verdict {
    let Some(m) = match_text(text, answer) else {
        return Verdict::wrong(expected, rejection_hint(text, answer));
    };
    let rival = choices
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != key)
        .filter_map(|(_, c)| text_matches(text, c))
        .min();
    if rival.is_some_and(|r| r <= m.kind) {
        return Verdict::wrong(expected, Some("matches another choice as well"));
    }
    Verdict::from_match(expected, m)
}

fn true_false(answer: bool, response: &Response, expected: String) -> Verdict {
    let given = match response {
        Response::Choices(picked) => match picked.as_slice() {
            [0] => Some(true),
            [1] => Some(false),
            _ => None,
        },
        Response::Text(text) => truth_word(text),
        _ => None,
    };
    match given {
        None => Verdict::wrong(expected, Some("not true or false")),
        Some(g) if g == answer => Verdict::right(expected, None, None),
        Some(_) => Verdict::wrong(expected, None),
    }
}

fn truth_word(text: &str) -> Option<bool> {
    match normalize(text).as_str() {
        "true" | "t" | "yes" | "y" | "1" | "correct" | "right" => Some(true),
        "false" | "f" | "no" | "n" | "0" | "incorrect" | "wrong" => Some(false),
        _ => None,
    }
}

/// The expected number as shown: "17,200 blankets", "12 km (±0.5)", "300 (±5%)".
fn numeric_expected(answer: f64, unit: Option<&str>, tolerance: f64, relative: f64) -> String {
    let mut out = numbers::display_number(answer);
    if let Some(u) = unit.map(str::trim).filter(|u| !u.is_empty()) {
        out.push(' ');
        out.push_str(u);
    }
    if tolerance > 0.0 {
        out.push_str(&format!(" (±{})", numbers::display_number(tolerance)));
    } else if relative > 0.0 {
        out.push_str(&format!(" (±{}%)", percent(relative)));
    }
    out
}

/// 0.05 → "5": a fraction as a percentage, without floating-point noise.
fn percent(fraction: f64) -> String {
    const DIGITS: f64 = 1e6;
    numbers::format_number((fraction * 100.0 * DIGITS).round() / DIGITS)
}

fn numeric(body: &Body, text: &str, expected: String) -> Verdict {
    let Body::Numeric {
        answer,
        unit,
        tolerance,
        relative_tolerance,
    } = body
    else {
        return Verdict::wrong(expected, Some(WRONG_KIND));
    };
    let Some(q) = numbers::parse_quantity(text) else {
        return Verdict::wrong(expected, Some("not a single number"));
    };
    let unit = unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    if let Some(u) = unit
        && wrong_unit(&q.words, u)
    {
        return Verdict::wrong(expected, Some(&format!("a different unit (expected {u})")));
    }
    let value = unscaled(q.value, unit, *answer);
    let diff = (value - answer).abs();
    let slack = FLOAT_SLACK * answer.abs().max(1.0);
    let allowed = tolerance.abs().max(relative_tolerance.abs() * answer.abs());
    if diff <= slack {
        let reason = q.from_words.then(|| "number written in words".to_string());
        Verdict::right(expected, reason, None)
    } else if diff <= allowed + slack {
        let reason = if tolerance.abs() >= relative_tolerance.abs() * answer.abs() {
            format!(
                "within tolerance of {}",
                numbers::display_number(tolerance.abs())
            )
        } else {
            format!(
                "within {}% of the answer",
                percent(relative_tolerance.abs())
            )
        };
        Verdict::right(expected, Some(reason), None)
    } else {
        Verdict::wrong(expected, Some("a different number"))
    }
}

/// A unit that starts with a scale word ("million people") makes "2.5 million" mean 2.5.
fn unscaled(value: f64, unit: Option<&str>, answer: f64) -> f64 {
    let scale = match unit.and_then(|u| u.split_whitespace().next()) {
        Some("thousand") => 1e3,
        Some("million") => 1e6,
        Some("billion") => 1e9,
        _ => return value,
    };
    let scaled = value / scale;
    if (scaled - answer).abs() < (value - answer).abs() {
        scaled
    } else {
        value
    }
}

/// Spellings of common units, one row per unit, as the normaliser sees them ("%" → "percent").
const UNIT_NAMES: &[&[&str]] = &[
    &[
        "km",
        "kms",
        "kilometre",
        "kilometres",
        "kilometer",
        "kilometers",
    ],
    &["m", "metre", "metres", "meter", "meters"],
    &[
        "cm",
        "centimetre",
        "centimetres",
        "centimeter",
        "centimeters",
    ],
    &[
        "mm",
        "millimetre",
        "millimetres",
        "millimeter",
        "millimeters",
    ],
    &["mi", "mile", "miles"],
    &["ft", "foot", "feet"],
    &["kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"],
    &["g", "gram", "grams", "gramme", "grammes"],
    &["t", "tonne", "tonnes", "ton", "tons"],
    &["lb", "lbs", "pound", "pounds"],
    &["l", "litre", "litres", "liter", "liters"],
    &[
        "ml",
        "millilitre",
        "millilitres",
        "milliliter",
        "milliliters",
    ],
    &["s", "sec", "secs", "second", "seconds"],
    &["min", "mins", "minute", "minutes"],
    &["h", "hr", "hrs", "hour", "hours"],
    &["day", "days"],
    &["week", "weeks"],
    &["month", "months"],
    &["year", "years", "yr", "yrs"],
    &["percent", "pct"],
    &["degrees", "degree", "deg"],
    &["$", "dollar", "dollars", "usd"],
    &["€", "euro", "euros", "eur"],
    &["£", "gbp", "sterling"],
    &["¥", "yen", "jpy"],
];

fn unit_row(word: &str) -> Option<usize> {
    UNIT_NAMES.iter().position(|row| row.contains(&word))
}

/// The answer names a known unit that is not the question's ("12 miles" for km). Unknown words
/// ("156 people" for workers) are fine.
fn wrong_unit(given_words: &[String], unit: &str) -> bool {
    let wanted: Vec<usize> = normalize(unit).split(' ').filter_map(unit_row).collect();
    !wanted.is_empty()
        && given_words
            .iter()
            .filter_map(|w| unit_row(w))
            .any(|row| !wanted.contains(&row))
}

/// An expected list: its items and, for each, the accepted spellings (item first).
struct ListKey {
    items: Vec<String>,
    forms: Vec<Vec<String>>,
}

impl ListKey {
    /// Items with their aliases "Kyrgyz Republic = Kyrgyzstan" (item = accepted alternative;
    /// written the other way round it is understood too).
    fn new(answers: &[String], aliases: &[String]) -> Self {
        let mut forms: Vec<Vec<String>> = answers.iter().map(|a| vec![a.clone()]).collect();
        let keys: Vec<String> = answers.iter().map(|a| normalize(a)).collect();
        for line in aliases {
            let Some((left, right)) = line.split_once('=') else {
                continue;
            };
            let (left, right) = (left.trim(), right.trim());
            let find = |s: &str| keys.iter().position(|k| *k == normalize(s));
            let target = match (find(left), find(right)) {
                (Some(i), _) => Some((i, right)),
                (None, Some(i)) => Some((i, left)),
                _ => None,
            };
            if let Some((i, alt)) = target.filter(|(_, alt)| !alt.is_empty())
                && let Some(f) = forms.get_mut(i)
            {
                f.push(alt.to_string());
            }
        }
        ListKey {
            items: answers.to_vec(),
            forms,
        }
    }

    /// The best match of a typed piece with item `i`: (form index, match).
    fn match_item(&self, piece: &str, i: usize) -> Option<(usize, TextMatch)> {
        let forms: Vec<&str> = self.forms.get(i)?.iter().map(String::as_str).collect();
        best_match(piece, &forms)
    }

    /// Is `piece` exactly one of the items that hold a comma ("Wilmington, N.C.")?
    fn has_comma_item(&self, piece: &str) -> bool {
        let p = normalize(piece);
        self.items
            .iter()
            .any(|it| it.contains(',') && normalize(it) == p)
    }

    fn matches_any(&self, piece: &str) -> bool {
        (0..self.items.len()).any(|i| self.match_item(piece, i).is_some())
    }
}

/// Splits typed text on new lines, semicolons and commas (not thousands commas: "17,200").
fn split_raw(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().take(MAX_RESPONSE_CHARS).collect();
    let mut pieces = vec![String::new()];
    for (k, &c) in chars.iter().enumerate() {
        let thousands = c == ',' && is_thousands_comma(&chars, k);
        let separator = matches!(c, '\n' | '\r' | ';' | '•' | '|' | '，' | '；' | '、');
        if (c == ',' && !thousands) || separator {
            pieces.push(String::new());
        } else if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
    }
    pieces
}

fn is_thousands_comma(chars: &[char], k: usize) -> bool {
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    k > 0 && digit(k - 1) && digit(k + 1) && digit(k + 2) && digit(k + 3) && !digit(k + 4)
}

/// Trims a typed item: bullets, numbering ("2) Kazakhstan"), a leading "and", final full stop.
fn clean_piece(piece: &str) -> String {
    let mut s = piece.trim();
    for bullet in ["- ", "* ", "• ", "· "] {
        s = s.strip_prefix(bullet).unwrap_or(s).trim_start();
    }
    const MAX_NUMBERING_DIGITS: usize = 2;
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if (1..=MAX_NUMBERING_DIGITS).contains(&digits)
        && let Some(rest) = s.get(digits..)
        && let Some(rest) = rest.strip_prefix(['.', ')'])
        && rest.starts_with(char::is_whitespace)
    {
        s = rest.trim_start();
    }
    for lead in ["and ", "& ", "+ "] {
        if s.get(..lead.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(lead))
        {
            s = s.get(lead.len()..).unwrap_or(s).trim_start();
        }
    }
    s.trim_end_matches(['.', '!', '?']).trim().to_string()
}

/// Splits one comma-free piece on "and", "&", "+", keeping names that contain "and" whole when
/// the joined words match an item ("Trinidad and Tobago").
fn split_on_and(piece: &str, key: &ListKey) -> Vec<String> {
    let mut subs: Vec<Vec<&str>> = vec![Vec::new()];
    for word in piece.split_whitespace() {
        if word.eq_ignore_ascii_case("and") || word == "&" || word == "+" {
            subs.push(Vec::new());
        } else if let Some(last) = subs.last_mut() {
            last.push(word);
        }
    }
    let subs: Vec<String> = subs
        .into_iter()
        .filter(|s| !s.is_empty())
        .take(MAX_LIST_ITEMS)
        .map(|s| s.join(" "))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < subs.len() {
        let last = subs.len().min(i + MAX_AND_MERGE);
        let joined = |j: usize| subs.get(i..j).unwrap_or_default().join(" and ");
        let j = (i + 2..=last)
            .rev()
            .find(|&j| key.matches_any(&joined(j)))
            .unwrap_or(i + 1);
        out.push(joined(j));
        i = j;
    }
    out
}

/// The items of a typed list, deduplicated.
fn split_items(text: &str, key: &ListKey) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let raw: Vec<String> = split_raw(text).iter().map(|p| clean_piece(p)).collect();
    let mut i = 0;
    while i < raw.len() {
        // an item with a comma in it, typed whole: "Wilmington, N.C."
        let piece = match raw.get(i + 1) {
            Some(next) if key.has_comma_item(&format!("{}, {next}", raw[i])) => {
                i += 1;
                format!("{}, {next}", raw[i - 1])
            }
            _ => raw[i].clone(),
        };
        i += 1;
        if piece.is_empty() {
            continue;
        }
        if key.matches_any(&piece) {
            items.push(piece);
        } else {
            items.extend(split_on_and(&piece, key));
        }
        if items.len() >= MAX_LIST_ITEMS {
            break;
        }
    }
    items.truncate(MAX_LIST_ITEMS);
    let mut seen = HashSet::new();
    items.retain(|p| seen.insert(normalize(p)));
    items
}

/// Pairs typed pieces with items (maximum bipartite matching, better matches tried first), so
/// that one piece never counts for two items. Returns, for each item, its piece.
fn pair_items(pieces: &[String], key: &ListKey) -> Vec<Option<(usize, usize, TextMatch)>> {
    let table: Vec<Vec<Option<(usize, TextMatch)>>> = pieces
        .iter()
        .map(|p| (0..key.items.len()).map(|i| key.match_item(p, i)).collect())
        .collect();
    let edges: Vec<Vec<usize>> = table
        .iter()
        .map(|row| {
            let mut cands: Vec<usize> = (0..row.len()).filter(|&i| row[i].is_some()).collect();
            cands.sort_by_key(|&i| row[i].as_ref().map(|(_, m)| m.kind));
            cands
        })
        .collect();
    let mut piece_of_item: Vec<Option<usize>> = vec![None; key.items.len()];
    for p in 0..pieces.len() {
        let mut seen = vec![false; key.items.len()];
        augment(p, &edges, &mut piece_of_item, &mut seen);
    }
    piece_of_item
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let p = (*slot)?;
            let (form, m) = table.get(p)?.get(i)?.clone()?;
            Some((p, form, m))
        })
        .collect()
}

/// Kuhn's augmenting path step: finds an item for piece `p`, moving earlier pieces if needed.
fn augment(
    p: usize,
    edges: &[Vec<usize>],
    piece_of_item: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &i in edges.get(p).map(Vec::as_slice).unwrap_or_default() {
        if seen.get(i).copied().unwrap_or(true) {
            continue;
        }
        seen[i] = true;
        let free = match piece_of_item[i] {
            None => true,
            Some(q) => augment(q, edges, piece_of_item, seen),
        };
        if free {
            piece_of_item[i] = Some(p);
            return true;
        }
    }
    false
}

fn typed_list(answers: &[String], aliases: &[String], text: &str, expected: String) -> Verdict {
    let key = ListKey::new(answers, aliases);
    if key.items.is_empty() {
        return Verdict::wrong(expected, Some("the question has no answers"));
    }
    let pieces = split_items(text, &key);
    let pairs = pair_items(&pieces, &key);
    let mut marks = Vec::new();
    let mut notes = Vec::new();
    let mut used_aliases = Vec::new();
    for (item, pair) in key.items.iter().zip(&pairs) {
        let Some((p, form, m)) = pair else {
            marks.push(mark(item, ItemStatus::Missing));
            continue;
        };
        marks.push(mark(item, ItemStatus::Right));
        let piece = pieces.get(*p).map(String::as_str).unwrap_or_default();
        if *form > 0 {
            notes.push(format!("accepted alias: {piece}"));
            used_aliases.push(piece.to_string());
        } else if let Some(alias) = &m.alias {
            notes.push(m.reason.clone().unwrap_or_default());
            used_aliases.push(alias.clone());
        } else if let Some(reason) = &m.reason {
            notes.push(format!("{piece}: {reason}"));
        }
    }
    let matched: HashSet<usize> = pairs.iter().flatten().map(|(p, _, _)| *p).collect();
    for (p, piece) in pieces.iter().enumerate() {
        if !matched.contains(&p) {
            marks.push(mark(piece, ItemStatus::Wrong));
        }
    }
    let mut verdict = set_verdict(expected, marks, notes);
    verdict.matched = (!used_aliases.is_empty()).then(|| used_aliases.join(", "));
    verdict
}

/// A verdict for a set of item marks, scored by F1 of right items against typed and expected.
fn set_verdict(expected: String, marks: Vec<ItemMark>, notes: Vec<String>) -> Verdict {
    let count = |s: ItemStatus| marks.iter().filter(|m| m.status == s).count();
    let (right, missing, wrong) = (
        count(ItemStatus::Right),
        count(ItemStatus::Missing),
        count(ItemStatus::Wrong),
    );
    let total = right + missing;
    let correct = missing == 0 && wrong == 0 && total > 0;
    let score = if right == 0 {
        0.0
    } else {
        2.0 * right as f64 / (2 * right + missing + wrong) as f64
    };
    let reason = if correct {
        (!notes.is_empty()).then(|| notes.join("; "))
    } else if wrong > 0 {
        Some(format!("{right} of {total} right, {wrong} wrong"))
    } else {
        Some(format!("{right} of {total} right"))
    };
    Verdict {
        correct,
        score,
        expected,
        matched: None,
        reason,
        items: marks,
    }
}

fn picked_choices(
    choices: &[String],
    answers: &[String],
    picked: &[usize],
    expected: String,
) -> Verdict {
    let keys: Vec<Option<usize>> = answers.iter().map(|a| answer_choice(choices, a)).collect();
    let mut seen = HashSet::new();
    let picked: Vec<usize> = picked
        .iter()
        .copied()
        .filter(|i| seen.insert(*i))
        .take(MAX_LIST_ITEMS)
        .collect();
    let mut marks: Vec<ItemMark> = answers
        .iter()
        .zip(&keys)
        .map(|(a, k)| match k {
            Some(i) if picked.contains(i) => mark(a, ItemStatus::Right),
            _ => mark(a, ItemStatus::Missing),
        })
        .collect();
    for &i in picked.iter().filter(|i| !keys.contains(&Some(**i))) {
        let text = choices
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("choice #{i} ({NOT_A_CHOICE})"));
        marks.push(ItemMark {
            text,
            status: ItemStatus::Wrong,
        });
    }
    set_verdict(expected, marks, Vec::new())
}

/// A cloze text split into literal text and gaps (each gap: its accepted answers).
enum Segment {
    Text(String),
    Gap(Vec<String>),
}

fn push_text(out: &mut Vec<Segment>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Segment::Text(t)) => t.push_str(text),
        _ => out.push(Segment::Text(text.to_string())),
    }
}

/// Reads `{{answer}}` and `{{answer|alternative|…}}` gaps; an empty or unclosed gap is text.
fn parse_cloze(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let (before, after) = rest.split_at(open);
        let after = after.get(2..).unwrap_or_default();
        let Some(close) = after.find("}}") else {
            break;
        };
        let inner = after.get(..close).unwrap_or_default();
        let answers: Vec<String> = inner
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        push_text(&mut out, before);
        if answers.is_empty() || inner.contains("{{") {
            push_text(&mut out, "{{");
            rest = after;
            continue;
        }
        out.push(Segment::Gap(answers));
        rest = after.get(close + 2..).unwrap_or_default();
    }
    push_text(&mut out, rest);
    out
}

/// The accepted answers of each gap of a cloze text, in order.
pub fn cloze_gaps(text: &str) -> Vec<Vec<String>> {
    parse_cloze(text)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Gap(answers) => Some(answers),
            Segment::Text(_) => None,
        })
        .collect()
}

/// A cloze text as the page renders it: literal text and numbered gaps.
pub fn cloze_display(text: &str) -> Vec<ClozePart> {
    let mut gap = 0;
    parse_cloze(text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => ClozePart::Text(t),
            Segment::Gap(_) => {
                gap += 1;
                ClozePart::Gap(gap - 1)
            }
        })
        .collect()
}

/// The cloze text with each gap filled with its first answer.
fn cloze_filled(text: &str) -> String {
    parse_cloze(text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => t,
            Segment::Gap(answers) => answers.into_iter().next().unwrap_or_default(),
        })
        .collect()
}

/// A cloze answered in one text box: the whole text for one gap, else one piece per gap.
fn split_cloze_text(text: &str, typed: &str) -> Vec<String> {
    if cloze_gaps(text).len() <= 1 {
        return vec![typed.to_string()];
    }
    split_raw(typed).iter().map(|p| clean_piece(p)).collect()
}

fn cloze(text: &str, given: &[String], expected: String) -> Verdict {
    let gaps = cloze_gaps(text);
    if gaps.is_empty() {
        return Verdict::wrong(expected, Some("the question has no gaps"));
    }
    let mut marks = Vec::new();
    let mut notes = Vec::new();
    for (k, answers) in gaps.iter().enumerate() {
        let first = answers.first().map(String::as_str).unwrap_or_default();
        let typed = given.get(k).map(|s| s.trim()).unwrap_or_default();
        if typed.is_empty() {
            marks.push(mark(first, ItemStatus::Missing));
            continue;
        }
        let candidates: Vec<&str> = answers.iter().map(String::as_str).collect();
        let Some((i, m)) = best_match(typed, &candidates) else {
            marks.push(mark(typed, ItemStatus::Wrong));
            continue;
        };
        marks.push(mark(first, ItemStatus::Right));
        let alternative = (i > 0).then(|| "accepted alternative answer".to_string());
        if let Some(note) = alternative.or(m.reason) {
            notes.push(format!("gap {}: {note}", k + 1));
        }
    }
    let right = marks
        .iter()
        .filter(|m| m.status == ItemStatus::Right)
        .count();
    let correct = right == gaps.len();
    let reason = if correct {
        (!notes.is_empty()).then(|| notes.join("; "))
    } else {
        Some(format!("{right} of {} gaps right", gaps.len()))
    };
    Verdict {
        correct,
        score: right as f64 / gaps.len() as f64,
        expected,
        matched: None,
        reason,
        items: marks,
    }
}

/// The longest strictly increasing subsequence of `seq` (values), O(n²): n is a question's items.
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let mut best_len = vec![1usize; seq.len()];
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for k in 0..seq.len() {
        for j in 0..k {
            if seq[j] < seq[k] && best_len[j] + 1 > best_len[k] {
                best_len[k] = best_len[j] + 1;
                prev[k] = Some(j);
            }
        }
    }
    let mut at = (0..seq.len()).max_by_key(|&k| (best_len[k], std::cmp::Reverse(k)));
    let mut out = Vec::new();
    while let Some(k) = at {
        out.push(seq[k]);
        at = prev[k];
    }
    out.reverse();
    out
}

fn ordering(items: &[String], order: &[usize], expected: String) -> Verdict {
    let n = items.len();
    if n == 0 {
        return Verdict::wrong(expected, Some("the question has no items"));
    }
    let correct = order.len() == n && order.iter().enumerate().all(|(k, &i)| k == i);
    let mut seen = HashSet::new();
    let given: Vec<usize> = order
        .iter()
        .copied()
        .take(n + MAX_LIST_ITEMS)
        .filter(|&i| i < n && seen.insert(i))
        .collect();
    let in_order: HashSet<usize> = longest_increasing(&given).into_iter().collect();
    let mut marks = Vec::new();
    let mut shown = HashSet::new();
    for &i in order.iter().take(n + MAX_LIST_ITEMS) {
        match items.get(i) {
            Some(item) if in_order.contains(&i) && shown.insert(i) => {
                marks.push(mark(item, ItemStatus::Right))
            }
            Some(item) => marks.push(mark(item, ItemStatus::Wrong)),
            None => marks.push(mark(
                &format!("item #{i} (not one of the items)"),
                ItemStatus::Wrong,
            )),
        }
    }
    for (i, item) in items.iter().enumerate() {
        if !seen.contains(&i) {
            marks.push(mark(item, ItemStatus::Missing));
        }
    }
    let kept = in_order.len();
    let score = match (correct, n) {
        (true, _) => 1.0,
        (false, 1) => 0.0,
        (false, _) => kept.saturating_sub(1) as f64 / (n - 1) as f64,
    };
    let reason = (!correct).then(|| format!("{kept} of {n} in the right order"));
    Verdict {
        correct,
        score,
        expected,
        matched: None,
        reason,
        items: marks,
    }
}

/// An order typed as text ("Moscow, Vladivostok" or one per line): each piece becomes the index
/// of the item it matches best; a piece matching nothing becomes an index past the items.
fn typed_order(items: &[String], typed: &str) -> Vec<usize> {
    let candidates: Vec<&str> = items.iter().map(String::as_str).collect();
    let arrows = typed.replace(['>', '→'], "\n");
    split_raw(&arrows)
        .iter()
        .map(|p| clean_piece(p))
        .filter(|p| !p.is_empty())
        .take(MAX_LIST_ITEMS)
        .enumerate()
        .map(|(k, p)| best_match(&p, &candidates).map_or(items.len() + k, |(i, _)| i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::model::{Body, Response};

    use ItemStatus::{Missing, Right, Wrong};

    const KYRGYZ_ALIAS: Option<&str> = Some("accepted alias: Kyrgyzstan");
    const WORDS: Option<&str> = Some("number written in words");
    const OTHER_NUMBER: Option<&str> = Some("a different number");
    const KIND: Option<&str> = Some(WRONG_KIND);
    const BLANK: Option<&str> = Some(NO_ANSWER);

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn text(t: &str) -> Response {
        Response::Text(t.to_string())
    }

    fn short(answer: &str, accept: &[&str]) -> Body {
        Body::ShortText {
            answer: answer.into(),
            accept: s(accept),
        }
    }

    fn list(answers: &[&str], aliases: &[&str]) -> Body {
        Body::List {
            answers: s(answers),
            aliases: s(aliases),
        }
    }

    fn numeric(answer: f64, unit: Option<&str>, tolerance: f64, relative: f64) -> Body {
        Body::Numeric {
            answer,
            unit: unit.map(str::to_string),
            tolerance,
            relative_tolerance: relative,
        }
    }

    fn central_asia() -> Body {
        let countries = [
            "Uzbekistan",
            "Kazakhstan",
            "Kyrgyz Republic",
            "Tajikistan",
            "Turkmenistan",
        ];
        list(&countries, &["Kyrgyz Republic = Kyrgyzstan"])
    }

    fn assert_verdict(body: &Body, response: &Response, correct: bool, reason: Option<&str>) {
        let v = check_answer(body, response);
        assert_eq!(v.correct, correct, "{body:?} / {response:?} → {v:?}");
        assert!(!v.expected.is_empty(), "expected always filled: {v:?}");
        assert!((0.0..=1.0).contains(&v.score), "score in range: {v:?}");
        if correct {
            assert_eq!(v.score, 1.0, "{v:?}");
        }
        if let Some(r) = reason {
            assert_eq!(v.reason.as_deref(), Some(r), "{body:?} / {response:?}");
        }
    }

    /// Rows of (typed text, correct, reason when it matters) for one question.
    fn typed(body: &Body, rows: &[(&str, bool, Option<&str>)]) {
        for (t, correct, reason) in rows {
            assert_verdict(body, &text(t), *correct, *reason);
        }
    }

    /// Rows of (response, correct, reason when it matters) for one question.
    fn given(body: &Body, rows: &[(Response, bool, Option<&str>)]) {
        for (response, correct, reason) in rows {
            assert_verdict(body, response, *correct, *reason);
        }
    }

    #[test]
    fn list_items_with_a_comma_in_them() {
        let cities = list(
            &["Wilmington, N.C.", "Cleveland", "New York"],
            &["Wilmington, N.C. = Wilmington"],
        );
        typed(
            &cities,
            &[
                ("Wilmington, N.C., Cleveland, New York", true, None),
                ("Wilmington, Cleveland and New York", true, None),
                ("Cleveland, New York", false, Some("2 of 3 right")),
            ],
        );
    }

    #[test]
    fn numeric_with_words_units_and_separators() {
        typed(
            &numeric(156.0, Some("workers"), 0.0, 0.0),
            &[
                ("156", true, None),
                ("156 workers", true, None),
                ("one hundred fifty-six", true, WORDS),
                ("one hundred and fifty-six", true, WORDS),
                ("about 156", true, None),
                ("totaling 156 workers", true, None),
                ("165", false, OTHER_NUMBER),
                ("1,56", false, OTHER_NUMBER),
                ("many", false, Some("not a single number")),
                ("150 or 160", false, Some("not a single number")),
                ("", false, BLANK),
            ],
        );
        typed(
            &numeric(17200.0, None, 0.0, 0.0),
            &[
                ("17,200", true, None),
                ("17200", true, None),
                ("17 200", true, None),
                ("17.2 thousand", true, WORDS),
                ("17.200", false, OTHER_NUMBER),
            ],
        );
        typed(
            &numeric(12.0, Some("km"), 0.0, 0.0),
            &[
                ("12 km", true, None),
                ("12", true, None),
                ("12km", true, None),
                ("12 kilometres", true, None),
                ("12 miles", false, Some("a different unit (expected km)")),
            ],
        );
    }

    #[test]
    fn numeric_tolerance_and_odd_values() {
        let within = Some("within tolerance of 0.5");
        let share = Some("within 5% of the answer");
        typed(
            &numeric(3.0, None, 0.5, 0.0),
            &[
                ("3.4", true, within),
                ("2.5", true, within),
                ("3.6", false, OTHER_NUMBER),
            ],
        );
        typed(
            &numeric(200.0, None, 0.0, 0.05),
            &[
                ("209", true, share),
                ("190", true, share),
                ("211", false, None),
            ],
        );
        typed(
            &numeric(2008.0, None, 0.0, 0.0),
            &[("2007", false, None), ("in 2008", true, None)],
        );
        typed(
            &numeric(-2.0, None, 0.0, 0.0),
            &[("-2", true, None), ("2", false, None)],
        );
        typed(&numeric(2e6, None, 0.0, 0.0), &[("2 million", true, None)]);
        typed(&numeric(1.56, None, 0.0, 0.0), &[("1,56", true, None)]);
        typed(
            &numeric(50.0, Some("%"), 0.0, 0.0),
            &[("50 percent", true, None)],
        );
        let millions = numeric(2.5, Some("million people"), 0.0, 0.0);
        typed(
            &millions,
            &[("2.5 million", true, None), ("2.5", true, None)],
        );
        given(&millions, &[(Response::Choices(vec![0]), false, KIND)]);
    }

    #[test]
    fn numeric_expected_text() {
        let cases: &[(Body, &str)] = &[
            (numeric(156.0, Some("workers"), 0.0, 0.0), "156 workers"),
            (
                numeric(17200.0, Some("blankets"), 0.0, 0.0),
                "17,200 blankets",
            ),
            (numeric(12.0, Some("km"), 0.5, 0.0), "12 km (±0.5)"),
            (numeric(300.0, None, 0.0, 0.05), "300 (±5%)"),
        ];
        for (body, want) in cases {
            assert_eq!(check_answer(body, &text("x")).expected, *want);
        }
    }

    #[test]
    fn short_text_with_accepted_answers() {
        let g8 = short("on the shore of Lake Toyako in Hokkaido", &["Lake Toya"]);
        typed(
            &g8,
            &[
                (
                    "Lake Toyako",
                    true,
                    Some("contains the key words of the answer"),
                ),
                ("Toyako, Hokkaido", true, None),
                ("the shore of lake toyako", true, None),
                ("Hokkaido", false, Some("only part of the answer")),
                ("Tokyo", false, None),
                ("Lake Biwa", false, None),
                ("lake toya", true, Some("accepted alternative answer")),
            ],
        );
        let v = check_answer(&g8, &text("lake toya"));
        assert_eq!(v.matched.as_deref(), Some("Lake Toya"));
        typed(
            &short("2004", &["since 2004"]),
            &[("2005", false, OTHER_NUMBER)],
        );
        let spelling = Some("spelling differs slightly");
        typed(
            &short("Uzbekistan", &[]),
            &[("Uzbekhistan", true, spelling)],
        );
        let alias = Some("accepted alias: Kyrgyz Republic");
        typed(
            &short("Kyrgyzstan", &[]),
            &[("Kyrgyz Republic", true, alias)],
        );
        let v = check_answer(&short("Kyrgyzstan", &[]), &text("Kirghizia"));
        assert_eq!(v.matched.as_deref(), Some("Kirghizia"));
        typed(&short("Caucasus", &[]), &[("Central Asia", false, None)]);
        typed(&short("the Caucasus", &[]), &[("caucasus", true, None)]);
        typed(&short("Iraq", &[]), &[("Iran", false, None)]);
        let date = Some("same date written differently");
        typed(&short("June 7, 2007", &[]), &[("2007-06-07", true, date)]);
        typed(
            &short("156", &[]),
            &[("one hundred and fifty-six", true, WORDS)],
        );
        let paris = short("Paris", &[]);
        given(
            &paris,
            &[
                (Response::Order(vec![0]), false, KIND),
                (text("  "), false, BLANK),
            ],
        );
    }

    #[test]
    fn typed_lists_in_any_order_and_format() {
        let body = central_asia();
        let full_credit = [
            "Uzbekistan, Kazakhstan, Kyrgyzstan, Tajikistan and Turkmenistan",
            "Turkmenistan; Tajikistan; Kyrgyz Republic; Kazakhstan; Uzbekistan",
            "Uzbekistan\nKazakhstan\nKyrgyzstan\nTajikistan\nTurkmenistan\n",
            "Uzbekistan & Kazakhstan & Kyrgyzstan & Tajikistan & Turkmenistan",
            "1. Uzbekistan\n2. Kazakhstan\n3. Kyrgyzstan\n4. Tajikistan\n5. Turkmenistan",
            "- uzbekhistan\n- kazakstan\n- kirghizia\n- tadjikistan\n- turkmenistan",
            "Uzbekistan, Kazakhstan, Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan",
        ];
        for answer in full_credit {
            assert_verdict(&body, &text(answer), true, None);
        }
        let all_five = "Uzbekistan, Kazakhstan, Kyrgyzstan, Tajikistan and Turkmenistan";
        let with_mongolia = "Uzbekistan, Kazakhstan, Kyrgyzstan, Tajikistan, Mongolia";
        typed(
            &body,
            &[
                (all_five, true, KYRGYZ_ALIAS),
                (with_mongolia, false, Some("4 of 5 right, 1 wrong")),
                ("Uzbekistan and Kazakhstan", false, Some("2 of 5 right")),
                ("Central Asia", false, Some("0 of 5 right, 1 wrong")),
            ],
        );
        let caucasus = list(&["Azerbaijan", "Armenia", "Georgia"], &[]);
        let rows = [
            ("Armenia, Georgia, and Azerbaijan", true, None),
            ("the Caucasus", false, None),
        ];
        typed(&caucasus, &rows);
        let caribbean = list(
            &["Trinidad and Tobago", "Antigua and Barbuda", "Jamaica"],
            &[],
        );
        let rows = [
            (
                "Jamaica, Antigua and Barbuda and Trinidad and Tobago",
                true,
                None,
            ),
            ("Trinidad and Tobago, Jamaica", false, Some("2 of 3 right")),
        ];
        typed(&caribbean, &rows);
        typed(&list(&[], &[]), &[("x", false, None)]);
        let balkans = list(&["Bosnia and Herzegovina", "Serbia"], &[]);
        let bosnia = Some("accepted alias: Bosnia");
        typed(
            &balkans,
            &[
                ("Serbia and Bosnia and Herzegovina", true, None),
                ("Bosnia, Serbia", true, bosnia),
                ("Serbia & Croatia", false, Some("1 of 2 right, 1 wrong")),
            ],
        );
        let relief = list(&["17,200", "5,000", "400"], &[]);
        typed(
            &relief,
            &[
                ("5,000, 17,200 and 400", true, None),
                ("17,200, 500, 400", false, None),
            ],
        );
    }

    #[test]
    fn partial_list_marks_each_item() {
        let typed = text("Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan, Afghanistan");
        let v = check_answer(&central_asia(), &typed);
        let marks: Vec<(&str, ItemStatus)> = v
            .items
            .iter()
            .map(|m| (m.text.as_str(), m.status))
            .collect();
        assert_eq!(
            marks,
            vec![
                ("Uzbekistan", Right),
                ("Kazakhstan", Right),
                ("Kyrgyz Republic", Right),
                ("Tajikistan", Right),
                ("Turkmenistan", Missing),
                ("Afghanistan", Wrong),
            ]
        );
        assert!(!v.correct);
        assert!(
            (v.score - 0.8).abs() < 1e-9,
            "F1 = 2·4 / (5 + 5): {}",
            v.score
        );
        let all = "Uzbekistan, Kazakhstan, Kyrgyz Republic, Tajikistan, Turkmenistan";
        assert_eq!(v.expected, all);
    }

    #[test]
    fn multiple_select_by_index_and_by_text() {
        let body = Body::MultipleSelect {
            choices: s(&["Uzbekistan", "Mongolia", "Kazakhstan", "Afghanistan"]),
            answers: s(&["Uzbekistan", "Kazakhstan"]),
            aliases: Vec::new(),
        };
        let pick = |v: &[usize]| Response::Choices(v.to_vec());
        given(
            &body,
            &[
                (pick(&[0, 2]), true, None),
                (pick(&[2, 0]), true, None),
                (pick(&[2, 0, 2]), true, None),
                (pick(&[0]), false, Some("1 of 2 right")),
                (pick(&[0, 1, 2]), false, Some("2 of 2 right, 1 wrong")),
                (pick(&[0, 99]), false, Some("1 of 2 right, 1 wrong")),
                (pick(&[]), false, BLANK),
                (text("Kazakhstan and Uzbekistan"), true, None),
                (
                    text("Kazakhstan, Mongolia"),
                    false,
                    Some("1 of 2 right, 1 wrong"),
                ),
                (Response::Order(vec![0, 2]), false, KIND),
            ],
        );
        let v = check_answer(&body, &pick(&[0]));
        assert!((v.score - 2.0 / 3.0).abs() < 1e-9);
        let v = check_answer(&body, &pick(&[usize::MAX]));
        assert_eq!(v.items.last().map(|m| m.status), Some(Wrong));
    }

    #[test]
    fn single_choice_clicked_or_typed() {
        let city = Body::SingleChoice {
            choices: s(&["Paris", "Lyon", "Nice"]),
            answer: "Paris".into(),
        };
        let pick = |v: &[usize]| Response::Choices(v.to_vec());
        given(
            &city,
            &[
                (pick(&[0]), true, None),
                (pick(&[1]), false, None),
                (pick(&[7]), false, Some(NOT_A_CHOICE)),
                (pick(&[0, 1]), false, Some("pick exactly one choice")),
                (text(" PARIS "), true, None),
                (text("Lyon"), false, None),
                (Response::Gaps(s(&["Paris"])), false, KIND),
            ],
        );
        let guinea = Body::SingleChoice {
            choices: s(&["Guinea", "Guinea-Bissau", "Equatorial Guinea"]),
            answer: "Guinea".into(),
        };
        typed(
            &guinea,
            &[("guinea", true, None), ("Guinea Bissau", false, None)],
        );
    }

    #[test]
    fn true_false_clicked_or_typed() {
        let yes = Body::TrueFalse { answer: true };
        let no = Body::TrueFalse { answer: false };
        let neither = Some("not true or false");
        given(
            &yes,
            &[
                (Response::Choices(vec![0]), true, None),
                (Response::Choices(vec![1]), false, None),
                (Response::Choices(vec![2]), false, neither),
                (Response::Choices(vec![0, 1]), false, neither),
                (Response::Order(vec![1]), false, neither),
            ],
        );
        typed(
            &yes,
            &[
                ("True", true, None),
                ("t", true, None),
                ("yes", true, None),
                ("no", false, None),
            ],
        );
        given(&no, &[(Response::Choices(vec![1]), true, None)]);
        typed(
            &no,
            &[
                ("F", true, None),
                ("false.", true, None),
                ("maybe", false, neither),
            ],
        );
        assert_eq!(check_answer(&yes, &text("x")).expected, "True");
    }

    #[test]
    fn ordering_by_index_and_text() {
        let steps = Body::Ordering {
            items: s(&["Founding", "Expansion", "Crisis", "Reform"]),
        };
        let order = |v: &[usize]| Response::Order(v.to_vec());
        given(
            &steps,
            &[
                (order(&[0, 1, 2, 3]), true, None),
                (
                    order(&[1, 2, 3, 0]),
                    false,
                    Some("3 of 4 in the right order"),
                ),
                (
                    order(&[3, 2, 1, 0]),
                    false,
                    Some("1 of 4 in the right order"),
                ),
                (order(&[0, 1, 2, 9]), false, None),
                (order(&[0, 0, 0, 0]), false, None),
                (order(&[0, 1, 2, 3, 3]), false, None),
                (text("Founding, Expansion, Crisis, Reform"), true, None),
                (text("founding > expansion > reform > crisis"), false, None),
                (Response::Choices(vec![0]), false, KIND),
            ],
        );
        let empty = Body::Ordering { items: Vec::new() };
        given(&empty, &[(order(&[0]), false, None)]);
        let v = check_answer(&steps, &order(&[1, 2, 3, 0]));
        assert!(
            (v.score - 2.0 / 3.0).abs() < 1e-9,
            "one item moved: {}",
            v.score
        );
        let statuses: Vec<ItemStatus> = v.items.iter().map(|m| m.status).collect();
        assert_eq!(statuses, vec![Right, Right, Right, Wrong]);
        assert_eq!(check_answer(&steps, &order(&[3, 2, 1, 0])).score, 0.0);
        let v = check_answer(&steps, &order(&[0, 1]));
        assert_eq!(v.items.iter().filter(|m| m.status == Missing).count(), 2);
    }

    #[test]
    fn cloze_grading() {
        let two = Body::Cloze {
            text: "The capital of France is {{Paris}} and of Italy {{Rome|Roma}}.".into(),
        };
        let gaps = |v: &[&str]| Response::Gaps(s(v));
        let alternative = Some("gap 2: accepted alternative answer");
        given(
            &two,
            &[
                (gaps(&["Paris", "Rome"]), true, None),
                (gaps(&["paris", "Roma"]), true, alternative),
                (gaps(&["Paris", "Milan"]), false, Some("1 of 2 gaps right")),
                (gaps(&["Paris"]), false, Some("1 of 2 gaps right")),
                (gaps(&["", ""]), false, BLANK),
                (text("Paris, Rome"), true, None),
            ],
        );
        let one = Body::Cloze {
            text: "Relief teams totaling {{156}} workers were sent.".into(),
        };
        let words = Some("gap 1: number written in words");
        typed(
            &one,
            &[("one hundred fifty-six", true, words), ("165", false, None)],
        );
        let none = Body::Cloze {
            text: "no gaps {{}} here".into(),
        };
        typed(&none, &[("x", false, None)]);
        let filled = "The capital of France is Paris and of Italy Rome.";
        assert_eq!(check_answer(&two, &text("x")).expected, filled);
        let v = check_answer(&two, &gaps(&["Paris", "Milan"]));
        let statuses: Vec<ItemStatus> = v.items.iter().map(|m| m.status).collect();
        assert_eq!(statuses, vec![Right, Wrong]);
        assert_eq!(v.score, 0.5);
    }

    #[test]
    fn cloze_parts_for_the_page() {
        let raw = "The capital of France is {{Paris}} and of Italy {{Rome|Roma}}.";
        assert_eq!(cloze_gaps(raw), vec![s(&["Paris"]), s(&["Rome", "Roma"])]);
        assert_eq!(
            cloze_display(raw),
            vec![
                ClozePart::Text("The capital of France is ".into()),
                ClozePart::Gap(0),
                ClozePart::Text(" and of Italy ".into()),
                ClozePart::Gap(1),
                ClozePart::Text(".".into()),
            ]
        );
        let cases: &[(&str, usize, &str)] = &[
            ("{{a}}", 1, "a"),
            ("unclosed {{gap", 0, "unclosed {{gap"),
            ("{{}} empty", 0, "{{}} empty"),
            ("{{ | }} blank", 0, "{{ | }} blank"),
            ("nested {{a {{b}} c", 1, "nested {{a b c"),
            ("{{x}}}", 1, "x}"),
            ("é {{ü|u}} ß", 1, "é ü ß"),
        ];
        for (raw, gaps, filled) in cases {
            assert_eq!(cloze_gaps(raw).len(), *gaps, "{raw:?}");
            assert_eq!(cloze_filled(raw), *filled, "{raw:?}");
        }
    }

    #[test]
    fn distractors_are_not_accepted() {
        // What the question generator checks before offering a distractor.
        let cases: &[(&str, &[&str])] = &[
            (
                "Uzbekistan",
                &["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan"],
            ),
            ("156", &["165", "146", "1,560", "15.6"]),
            (
                "June 7, 2007",
                &["June 7, 2008", "July 7, 2007", "June 17, 2007"],
            ),
            ("the Caucasus", &["Central Asia", "the Balkans", "Siberia"]),
            ("Austria", &["Australia", "Hungary", "Germany"]),
        ];
        for (answer, distractors) in cases {
            for d in *distractors {
                assert_eq!(
                    text_matches(d, answer),
                    None,
                    "{d:?} must not answer {answer:?}"
                );
            }
        }
    }

    fn all_bodies() -> Vec<Body> {
        vec![
            Body::SingleChoice {
                choices: s(&["a", "b"]),
                answer: "a".into(),
            },
            Body::SingleChoice {
                choices: Vec::new(),
                answer: String::new(),
            },
            Body::MultipleSelect {
                choices: s(&["a", "b", "c"]),
                answers: s(&["a", "c"]),
                aliases: s(&["a=", "=", "x"]),
            },
            central_asia(),
            numeric(156.0, Some("workers"), 0.0, 0.0),
            numeric(f64::NAN, Some(""), f64::INFINITY, -1.0),
            short("on the shore of Lake Toyako in Hokkaido", &["Lake Toya"]),
            short("", &[]),
            Body::Cloze {
                text: "a {{b|c}} d {{e}}".into(),
            },
            Body::Cloze { text: "{{".into() },
            Body::TrueFalse { answer: true },
            Body::Ordering {
                items: s(&["x", "y", "z"]),
            },
            Body::Ordering { items: Vec::new() },
        ]
    }

    #[test]
    fn tampered_responses_never_panic() {
        let responses = vec![
            text("a"),
            Response::Choices(vec![usize::MAX, 0, 0, 5]),
            Response::Choices(vec![0]),
            Response::Gaps(s(&["b", "e", "extra"])),
            Response::Gaps(Vec::new()),
            Response::Order(vec![usize::MAX, 2, 1, 0, 0]),
            Response::Order((0..10_000).collect()),
            Response::Choices((0..10_000).collect()),
            Response::Text("and, and & ,;\n".repeat(500)),
        ];
        for body in all_bodies() {
            for response in &responses {
                let v = check_answer(&body, response);
                assert!(
                    (0.0..=1.0).contains(&v.score),
                    "{body:?} {response:?} {v:?}"
                );
                assert!(!v.expected.is_empty());
            }
        }
    }

    /// A small deterministic generator: domain code takes no randomness of its own.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn string(&mut self) -> String {
            const PIECES: &[&str] = &[
                "a",
                "Z",
                "7",
                "0",
                ",",
                ".",
                "-",
                "–",
                "/",
                " ",
                "  ",
                "\n",
                ";",
                "&",
                "'",
                "’",
                "“",
                "{{",
                "}}",
                "|",
                "%",
                "$",
                "é",
                "ß",
                "ø",
                "東京",
                "İ",
                "\u{301}",
                "\u{200B}",
                "١",
                "½",
                "and",
                "hundred",
                "million",
                "one",
                "twenty",
                "first",
                "june",
                "minus",
                "the",
                "lake",
                "Toyako",
                "in",
                "of",
                "not",
                "or",
                "17,200",
                "1,56",
                "2007-06-07",
                "99999999999999999999999",
                "e6",
                "st",
                "th",
                "=",
                "xiv",
            ];
            const MAX_PIECES: u64 = 24;
            let len = self.next() % MAX_PIECES;
            (0..len)
                .map(|_| PIECES[(self.next() % PIECES.len() as u64) as usize])
                .collect()
        }
    }

    #[test]
    fn random_strings_never_panic() {
        const RUNS: usize = 1000;
        let mut rng = XorShift(0x5eed_1234_abcd_9876);
        let bodies = all_bodies();
        for k in 0..RUNS {
            let one = rng.string();
            let two = rng.string();
            let body = &bodies[k % bodies.len()];
            for response in [text(&one), Response::Gaps(vec![one.clone(), two.clone()])] {
                let v = check_answer(body, &response);
                assert!((0.0..=1.0).contains(&v.score));
            }
            let _ = (
                text_matches(&one, &two),
                parse_number(&one),
                normalize(&one),
            );
            let _ = cloze_display(&one);
            let cloze = Body::Cloze { text: one.clone() };
            let _ = check_answer(&cloze, &text(&two));
            let list = Body::List {
                answers: vec![one.clone(), two.clone()],
                aliases: vec![format!("{one}={two}")],
            };
            let _ = check_answer(&list, &text(&format!("{two}, {one}")));
        }
    }
}
