//! How a question is shown and how an answer form is read back: shared by practice, study and the
//! editor's preview.

use crate::db::questions::Question;
use crate::quiz::check::{self, ClozePart, ItemStatus, Verdict};
use crate::quiz::model::{Body, Response};

/// A question ready for the `_question.html` partial.
pub struct QuestionView {
    pub id: i64,
    pub kind: &'static str,
    pub prompt: String,
    /// Options as (value, label): choices, true/false, or ordering items (shuffled).
    pub options: Vec<(usize, String)>,
    pub unit: String,
    /// Cloze: text pieces, and `None` where a gap goes, each with its gap number.
    pub cloze: Vec<(Option<String>, usize)>,
    /// Where the form posts.
    pub action: String,
    /// Hidden fields the form carries (study: the review key).
    pub hidden: Vec<(String, String)>,
    /// What the student typed (kept when the form comes back with a problem).
    pub typed: Vec<String>,
    pub hint: &'static str,
}

impl QuestionView {
    /// `seed` varies the order of ordering items per student, deterministically.
    pub fn new(q: &Question, seed: u64, action: String) -> QuestionView {
        let labelled = |xs: &[String]| xs.iter().cloned().enumerate().collect::<Vec<_>>();
        let (options, hint) = match &q.body {
            Body::SingleChoice { choices, .. } => (labelled(choices), ""),
            Body::MultipleSelect { choices, .. } => (labelled(choices), "Select all that apply."),
            Body::TrueFalse { .. } => (vec![(0, "True".into()), (1, "False".into())], ""),
            Body::Ordering { items } => (
                shuffled(labelled(items), seed ^ q.id as u64),
                "Put the items in order: choose the first item, then the second, and so on.",
            ),
            Body::Numeric { .. } => (vec![], "Enter a number, like 3.5 or 17,200."),
            Body::List { answers, .. } => (vec![], list_hint(answers.len())),
            _ => (vec![], ""),
        };
        let cloze = match &q.body {
            Body::Cloze { text } => check::cloze_display(text)
                .into_iter()
                .map(|p| match p {
                    ClozePart::Text(t) => (Some(t), 0),
                    ClozePart::Gap(i) => (None, i),
                })
                .collect(),
            _ => vec![],
        };
        let unit = match &q.body {
            Body::Numeric { unit: Some(u), .. } => u.clone(),
            _ => String::new(),
        };
        QuestionView {
            id: q.id,
            kind: q.body.kind_name(),
            prompt: q.prompt.clone(),
            options,
            unit,
            cloze,
            action,
            hidden: vec![],
            typed: vec![],
            hint,
        }
    }

    /// Number of answer boxes: one per cloze gap.
    pub fn gap_count(&self) -> usize {
        self.cloze.iter().filter(|p| p.0.is_none()).count()
    }

    /// The text typed in the first box, for refilling the form.
    pub fn typed_first(&self) -> &str {
        self.typed_at(&0)
    }

    /// The text typed in box `i` (a cloze gap), for refilling the form.
    pub fn typed_at(&self, i: &usize) -> &str {
        self.typed.get(*i).map(String::as_str).unwrap_or("")
    }

    /// 1-based position numbers for an ordering question's selects.
    pub fn positions(&self) -> Vec<usize> {
        (1..=self.options.len()).collect()
    }
}

fn list_hint(n: usize) -> &'static str {
    if n > 1 {
        "Separate the items with commas, \"and\", or new lines."
    } else {
        ""
    }
}

/// A deterministic shuffle (splitmix64-driven Fisher–Yates), so a reload shows the same order.
fn shuffled(mut xs: Vec<(usize, String)>, seed: u64) -> Vec<(usize, String)> {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..xs.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        xs.swap(i, j);
    }
    xs
}

/// Reads an answer form (repeated `choice`, `answer` and `order` fields) into a response, or
/// says what is missing. Blank input is a problem to fix, not a wrong answer; "I don't know"
/// (`dont_know`) is a deliberate empty answer, graded wrong.
pub fn read_answer(body: &Body, fields: &[(String, String)]) -> Result<Response, &'static str> {
    let all = |name: &'static str| values(fields, name);
    let indices = |name: &'static str| {
        all(name)
            .filter_map(|v| v.parse::<usize>().ok())
            .collect::<Vec<_>>()
    };
    if all("dont_know").next().is_some() {
        return Ok(match body {
            Body::SingleChoice { .. } | Body::MultipleSelect { .. } | Body::TrueFalse { .. } => {
                Response::Choices(vec![])
            }
            Body::Ordering { .. } => Response::Order(vec![]),
            Body::Cloze { .. } => Response::Gaps(vec![]),
            _ => Response::Text(String::new()),
        });
    }
    match body {
        Body::SingleChoice { .. } | Body::TrueFalse { .. } => match indices("choice").as_slice() {
            [i] => Ok(Response::Choices(vec![*i])),
            _ => Err("Select an answer"),
        },
        Body::MultipleSelect { .. } => match indices("choice") {
            v if v.is_empty() => Err("Select at least one answer"),
            v => Ok(Response::Choices(v)),
        },
        Body::Ordering { items } => {
            let order = indices("order");
            if order.len() != items.len() {
                Err("Choose an item for every position")
            } else {
                Ok(Response::Order(order))
            }
        }
        Body::Cloze { .. } => {
            let gaps: Vec<String> = all("answer").map(str::to_string).collect();
            if gaps.iter().all(|g| g.trim().is_empty()) {
                Err("Fill in the gap")
            } else {
                Ok(Response::Gaps(gaps))
            }
        }
        Body::Numeric { .. } => {
            let text = all("answer").next().unwrap_or("").to_string();
            if text.trim().is_empty() {
                Err("Enter an answer")
            } else if check::parse_number(&text).is_none() {
                Err("Enter a number, like 3.5 or 17,200")
            } else {
                Ok(Response::Text(text))
            }
        }
        Body::ShortText { .. } | Body::List { .. } => {
            let text = all("answer").next().unwrap_or("").to_string();
            if text.trim().is_empty() {
                Err("Enter an answer")
            } else {
                Ok(Response::Text(text))
            }
        }
    }
}

fn values<'a>(fields: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    fields
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The student's response as text for the verdict page.
pub fn response_text(body: &Body, r: &Response) -> String {
    let labels: Vec<String> = match body {
        Body::SingleChoice { choices, .. } | Body::MultipleSelect { choices, .. } => {
            choices.clone()
        }
        Body::TrueFalse { .. } => vec!["True".into(), "False".into()],
        Body::Ordering { items } => items.clone(),
        _ => vec![],
    };
    let pick = |is: &[usize], sep: &str| {
        is.iter()
            .filter_map(|i| labels.get(*i).cloned())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let text = match r {
        Response::Text(t) => t.trim().to_string(),
        Response::Choices(is) => pick(is, ", "),
        Response::Order(is) => pick(is, " → "),
        Response::Gaps(gs) => gs.iter().map(|g| g.trim()).collect::<Vec<_>>().join(" / "),
    };
    if text.is_empty() {
        "(no answer)".into()
    } else {
        text
    }
}

/// Item marks as (text, status word) for the template.
pub fn item_marks(v: &Verdict) -> Vec<(String, &'static str)> {
    v.items
        .iter()
        .map(|m| {
            let word = match m.status {
                ItemStatus::Right => "right",
                ItemStatus::Missing => "missing",
                ItemStatus::Wrong => "wrong",
            };
            (m.text.clone(), word)
        })
        .collect()
}

/// Longest span marked when a list's items are marked together (from the first to the last).
const MAX_LIST_MARK: usize = 300;

/// Splits the evidence sentence around the answer so the page can `<mark>` it:
/// (before, answer, after), or the whole sentence with nothing marked. When several answer
/// texts occur (a list), the span from the first to the last is marked.
pub fn mark_answer(sentence: &str, candidates: &[String]) -> (String, String, String) {
    let lower = sentence.to_lowercase();
    // Case-folding can change byte lengths outside ASCII; only search when it did not.
    if lower.len() != sentence.len() {
        return (sentence.to_string(), String::new(), String::new());
    }
    let found: Vec<(usize, usize)> = candidates
        .iter()
        .map(|c| c.trim().to_lowercase())
        .filter(|c| c.len() > 1)
        .filter_map(|c| lower.find(&c).map(|start| (start, start + c.len())))
        .collect();
    let longest = found.iter().max_by_key(|(a, b)| b - a).copied();
    let start = found.iter().map(|f| f.0).min();
    let end = found.iter().map(|f| f.1).max();
    let span = match (start, end, longest) {
        (Some(a), Some(b), _) if found.len() > 1 && b - a <= MAX_LIST_MARK => Some((a, b)),
        (_, _, longest) => longest,
    };
    match span {
        Some((a, b)) if sentence.is_char_boundary(a) && sentence.is_char_boundary(b) => (
            sentence[..a].into(),
            sentence[a..b].into(),
            sentence[b..].into(),
        ),
        _ => (sentence.to_string(), String::new(), String::new()),
    }
}

/// Texts worth marking in the source sentence for a question: its answers, without unit or
/// leading words that the sentence may phrase differently.
pub fn answer_texts(body: &Body) -> Vec<String> {
    match body {
        Body::SingleChoice { answer, .. } => vec![answer.clone()],
        Body::MultipleSelect { answers, .. } | Body::List { answers, .. } => answers.clone(),
        Body::Numeric { answer, .. } => vec![format_number(*answer), format_with_commas(*answer)],
        Body::ShortText { answer, accept } => std::iter::once(answer.clone())
            .chain(accept.iter().cloned())
            .collect(),
        Body::Cloze { text } => check::cloze_gaps(text)
            .into_iter()
            .filter_map(|g| g.into_iter().next())
            .collect(),
        Body::TrueFalse { .. } => vec![],
        Body::Ordering { items } => items.clone(),
    }
}

/// 156.0 → "156", 2.5 → "2.5".
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// 17200.0 → "17,200".
fn format_with_commas(x: f64) -> String {
    let plain = format_number(x);
    if x.fract() != 0.0 || x.abs() < 1000.0 {
        return plain;
    }
    let (sign, digits) = plain
        .strip_prefix('-')
        .map(|d| ("-", d))
        .unwrap_or(("", &plain));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_longest_answer_found() {
        let s = "Two relief teams that were totaling 156 workers were dispatched to Japan.";
        let (a, m, b) = mark_answer(s, &["156".into(), "156 workers".into()]);
        assert_eq!(
            (a.as_str(), m.as_str(), b.as_str()),
            (
                "Two relief teams that were totaling ",
                "156 workers",
                " were dispatched to Japan."
            )
        );
        assert_eq!(mark_answer("No match here.", &["x".into()]).1, "");
        let s =
            "The five countries of Uzbekistan, Kazakhstan, and Tajikistan, while others differ.";
        let items = [
            "Uzbekistan".to_string(),
            "Tajikistan".into(),
            "Kazakhstan".into(),
        ];
        assert_eq!(
            mark_answer(s, &items).1,
            "Uzbekistan, Kazakhstan, and Tajikistan"
        );
        assert_eq!(format_with_commas(17200.0), "17,200");
        assert_eq!(format_with_commas(1234567.0), "1,234,567");
    }

    #[test]
    fn blank_is_a_problem_but_dont_know_is_an_answer() {
        let body = Body::ShortText {
            answer: "x".into(),
            accept: vec![],
        };
        let f = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read_answer(&body, &f(&[("answer", "  ")])),
            Err("Enter an answer")
        );
        assert_eq!(
            read_answer(&body, &f(&[("dont_know", "1")])),
            Ok(Response::Text(String::new()))
        );
        let num = Body::Numeric {
            answer: 1.0,
            unit: None,
            tolerance: 0.0,
            relative_tolerance: 0.0,
        };
        assert_eq!(
            read_answer(&num, &f(&[("answer", "lots")])),
            Err("Enter a number, like 3.5 or 17,200")
        );
        let ms = Body::MultipleSelect {
            choices: vec!["a".into(), "b".into()],
            answers: vec!["a".into()],
            aliases: vec![],
        };
        assert_eq!(
            read_answer(&ms, &f(&[("choice", "0"), ("choice", "1")])),
            Ok(Response::Choices(vec![0, 1]))
        );
    }

    #[test]
    fn shuffle_is_deterministic_and_complete() {
        let xs: Vec<(usize, String)> = (0..6).map(|i| (i, i.to_string())).collect();
        let a = shuffled(xs.clone(), 7);
        assert_eq!(a, shuffled(xs.clone(), 7));
        let mut keys: Vec<usize> = a.iter().map(|x| x.0).collect();
        keys.sort();
        assert_eq!(keys, (0..6).collect::<Vec<_>>());
    }
}
