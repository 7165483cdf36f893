//! What makes a question well-formed, shared by the question-set files, the web editor, imports
//! and the generator's drafts. Each problem names the field it is about.

use super::model::Body;

/// One problem with a question: the field (as named in the file format) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> Problem {
    Problem {
        field,
        message: message.into(),
    }
}

/// Longest prompt, answer or choice accepted (characters); long enough for any real question.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Most choices or items a question may have.
pub const MAX_ITEMS: usize = 30;

/// Whether `id` is a usable stable id: 1–64 of lowercase letters, digits and dashes.
pub fn valid_slug(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns a title into a slug: "Central Asia (2012)" → "central-asia-2012".
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(title).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars()
        .take(64)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// Every problem with a question's prompt and body.
pub fn check_question(prompt: &str, body: &Body) -> Vec<Problem> {
    let mut problems = Vec::new();
    if prompt.trim().is_empty() && !matches!(body, Body::Cloze { .. }) {
        problems.push(problem("prompt", "has no prompt (the question text)"));
    }
    if prompt.chars().count() > MAX_TEXT_CHARS {
        problems.push(problem(
            "prompt",
            "the prompt is longer than 2000 characters",
        ));
    }
    problems.extend(check_body(body));
    problems
}

fn check_body(body: &Body) -> Vec<Problem> {
    match body {
        Body::SingleChoice { choices, answer } => {
            let mut p = check_items("choices", choices, 2);
            if answer.trim().is_empty() {
                p.push(problem("answer", "has no answer"));
            } else if !choices.iter().any(|c| c == answer) {
                p.push(problem(
                    "answer",
                    format!("answer {answer:?} is not one of the choices"),
                ));
            }
            p
        }
        Body::MultipleSelect {
            choices,
            answers,
            aliases,
        } => {
            let mut p = check_items("choices", choices, 2);
            p.extend(check_items("answers", answers, 1));
            for a in answers {
                if !choices.contains(a) {
                    p.push(problem(
                        "answers",
                        format!("answer {a:?} is not one of the choices"),
                    ));
                }
            }
            p.extend(check_aliases(aliases, answers));
            p
        }
        Body::List { answers, aliases } => {
            let mut p = check_items("answers", answers, 1);
            p.extend(check_aliases(aliases, answers));
            p
        }
        Body::Numeric {
            answer,
            tolerance,
            relative_tolerance,
            unit,
        } => check_numeric(*answer, *tolerance, *relative_tolerance, unit.as_deref()),
        Body::ShortText { answer, accept } => {
            let mut p = Vec::new();
            if answer.trim().is_empty() {
                p.push(problem("answer", "has no answer"));
            }
            if accept.iter().any(|a| a.trim().is_empty()) {
                p.push(problem("accept", "an accepted answer is empty"));
            }
            p
        }
        Body::Cloze { text } => check_cloze(text),
        Body::TrueFalse { .. } => Vec::new(),
        Body::Ordering { items } => check_items("items", items, 2),
    }
}

fn check_items(field: &'static str, items: &[String], min: usize) -> Vec<Problem> {
    let mut p = Vec::new();
    if items.len() < min {
        let what = if min == 1 {
            "at least one entry"
        } else {
            "at least two entries"
        };
        p.push(problem(field, format!("{field} needs {what}")));
    }
    if items.len() > MAX_ITEMS {
        p.push(problem(
            field,
            format!("{field} has more than {MAX_ITEMS} entries"),
        ));
    }
    if items.iter().any(|i| i.trim().is_empty()) {
        p.push(problem(field, format!("{field} has an empty entry")));
    }
    for (i, a) in items.iter().enumerate() {
        if items[..i].contains(a) {
            p.push(problem(field, format!("{field} lists {a:?} twice")));
        }
    }
    p
}

fn check_aliases(aliases: &[String], answers: &[String]) -> Vec<Problem> {
    let mut p = Vec::new();
    for alias in aliases {
        match alias.split_once('=') {
            Some((item, alt)) if !alt.trim().is_empty() => {
                if !answers.iter().any(|a| a == item.trim()) {
                    p.push(problem(
                        "aliases",
                        format!(
                            "alias {alias:?} names {:?}, which is not an answer",
                            item.trim()
                        ),
                    ));
                }
            }
            _ => p.push(problem(
                "aliases",
                format!("alias {alias:?} must look like \"Answer = Other name\""),
            )),
        }
    }
    p
}

fn check_numeric(answer: f64, tolerance: f64, relative: f64, unit: Option<&str>) -> Vec<Problem> {
    let mut p = Vec::new();
    if !answer.is_finite() {
        p.push(problem("answer", "answer must be a finite number"));
    }
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        p.push(problem(
            "tolerance",
            "tolerance must be zero or a positive number",
        ));
    }
    if !(relative.is_finite() && (0.0..1.0).contains(&relative)) {
        p.push(problem(
            "relative_tolerance",
            "relative_tolerance must be a fraction from 0 up to 1 (0.05 = 5 %)",
        ));
    }
    if unit.is_some_and(|u| u.trim().is_empty()) {
        p.push(problem("unit", "unit is empty; leave it out instead"));
    }
    p
}

fn check_cloze(text: &str) -> Vec<Problem> {
    let mut p = Vec::new();
    let opens = text.matches("{{").count();
    let closes = text.matches("}}").count();
    if opens == 0 {
        p.push(problem(
            "text",
            "cloze text has no gap; mark each gap as {{answer}}",
        ));
    } else if opens != closes {
        p.push(problem("text", "cloze text has an unclosed {{ gap"));
    } else if text.contains("{{}}") || text.contains("{{|") {
        p.push(problem("text", "cloze text has an empty gap"));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn slugs() {
        assert!(valid_slug("relief-workers-2"));
        assert!(!valid_slug("Relief"));
        assert!(!valid_slug(""));
        assert_eq!(slugify("Central Asia (2012)!"), "central-asia-2012");
        assert_eq!(slugify("Türkiye – facts"), "turkiye-facts");
    }

    #[test]
    fn problems_name_their_field() {
        let cases: Vec<(Body, &str)> = vec![
            (
                Body::SingleChoice {
                    choices: strings(&["a", "b"]),
                    answer: "c".into(),
                },
                "answer",
            ),
            (
                Body::MultipleSelect {
                    choices: strings(&["a", "b"]),
                    answers: strings(&["a"]),
                    aliases: strings(&["x = y"]),
                },
                "aliases",
            ),
            (
                Body::List {
                    answers: vec![],
                    aliases: vec![],
                },
                "answers",
            ),
            (
                Body::Numeric {
                    answer: 1.0,
                    unit: None,
                    tolerance: -1.0,
                    relative_tolerance: 0.0,
                },
                "tolerance",
            ),
            (
                Body::ShortText {
                    answer: " ".into(),
                    accept: vec![],
                },
                "answer",
            ),
            (
                Body::Cloze {
                    text: "no gap".into(),
                },
                "text",
            ),
            (
                Body::Cloze {
                    text: "open {{gap".into(),
                },
                "text",
            ),
            (
                Body::Ordering {
                    items: strings(&["one"]),
                },
                "items",
            ),
            (
                Body::Ordering {
                    items: strings(&["a", "a"]),
                },
                "items",
            ),
        ];
        for (body, field) in cases {
            let p = check_question("Q?", &body);
            assert_eq!(p.len(), 1, "{body:?}: {p:?}");
            assert_eq!(p[0].field, field, "{body:?}");
        }
        assert_eq!(
            check_question("", &Body::TrueFalse { answer: true })[0].field,
            "prompt"
        );
        assert!(
            check_question(
                "",
                &Body::Cloze {
                    text: "a {{b}}".into()
                }
            )
            .is_empty()
        );
    }
}
