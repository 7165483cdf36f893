//! The question-set file: one set per TOML file, written by hand or exported.
//!
//! ```toml
//! id = "japan-russia"                  # stable id of the set
//! title = "Japan and Russia"
//! description = "…"                    # optional
//!
//! [[document]]                         # optional: where questions come from
//! id = "bluebook-2012"
//! title = "Diplomatic Bluebook 2012"
//! file = "japan-russia/bluebook.txt"   # relative to this file (command line only), or
//! # text = """…"""                     # the text itself
//!
//! [[question]]
//! id = "relief-workers"                # stable: re-imports update the question in place
//! kind = "numeric"                     # see model::Body for every kind and its fields
//! prompt = "How many relief workers did Russia dispatch to Japan?"
//! answer = 156
//! unit = "workers"
//! explanation = "…"                    # optional
//! tags = ["relief"]                    # optional
//! source = { document = "bluebook-2012", sentence = "Two relief teams …" }   # optional
//! ```
//!
//! [`parse`] checks the whole file and reports every problem with its line, so nothing is imported
//! from a file that is not entirely valid. [`write`] produces a file that parses back to the same
//! set (documents inline).

use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use toml::{Spanned, Table, Value};

use super::model::{Body, Source};
use super::validate::{check_question, valid_slug};

/// A parsed, valid question set.
#[derive(Debug, Clone, PartialEq)]
pub struct SetFile {
    pub id: String,
    pub title: String,
    pub description: String,
    pub documents: Vec<DocumentFile>,
    pub questions: Vec<QuestionFile>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentFile {
    pub id: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionFile {
    pub id: String,
    pub prompt: String,
    pub body: Body,
    pub explanation: String,
    pub tags: Vec<String>,
    /// `source.document` is the id of one of the set's documents.
    pub source: Option<Source>,
}

/// Every problem found in a file, each with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseErrors {
    pub file: String,
    pub problems: Vec<(usize, String)>,
}

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (line, msg)) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{line}: {msg}", self.file)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseErrors {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    id: Option<Spanned<String>>,
    title: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    document: Vec<Spanned<RawDocument>>,
    #[serde(default)]
    question: Vec<Spanned<Table>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    id: String,
    title: String,
    file: Option<String>,
    text: Option<String>,
}

/// Parses and validates a whole set file. `read_document` loads a `[[document]]`'s `file`
/// (relative to the set file); it returns an error message when files are not allowed or missing.
pub fn parse(
    file_name: &str,
    text: &str,
    read_document: &dyn Fn(&str) -> Result<String, String>,
) -> Result<SetFile, ParseErrors> {
    let mut errs = ParseErrors {
        file: file_name.to_string(),
        problems: Vec::new(),
    };
    let raw: RawSet = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            errs.problems.push((line, e.message().trim().to_string()));
            return Err(errs);
        }
    };
    let id = match &raw.id {
        Some(id) if valid_slug(id.get_ref()) => id.get_ref().clone(),
        Some(id) => {
            let line = line_of(text, id.span().start);
            errs.problems.push((
                line,
                format!(
                    "set id {:?} must be lowercase letters, digits and dashes",
                    id.get_ref()
                ),
            ));
            String::new()
        }
        None => {
            errs.problems
                .push((1, "the set has no id (add: id = \"my-set\")".into()));
            String::new()
        }
    };
    let title = raw.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        errs.problems
            .push((1, "the set has no title (add: title = \"…\")".into()));
    }
    let documents = parse_documents(text, &raw.document, read_document, &mut errs);
    let questions = parse_questions(text, &raw.question, &documents, &mut errs);
    if errs.problems.is_empty() {
        Ok(SetFile {
            id,
            title,
            description: raw.description,
            documents,
            questions,
        })
    } else {
        errs.problems.sort_by_key(|(l, _)| *l);
        Err(errs)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|t| t.matches('\n').count() + 1)
        .unwrap_or(1)
}

/// The line of `field = …` in the table whose header starts at `span` (the table runs to the next
/// `[` header), or the header's own line.
fn field_line(text: &str, span: std::ops::Range<usize>, field: &str) -> usize {
    let start = span.start.min(text.len());
    let body = text.get(start..).unwrap_or("");
    let mut offset = start;
    for (n, l) in body.split_inclusive('\n').enumerate() {
        let t = l.trim_start();
        if n > 0 && t.starts_with('[') {
            break;
        }
        if t.strip_prefix(field)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return line_of(text, offset);
        }
        offset += l.len();
    }
    line_of(text, start)
}

fn parse_documents(
    text: &str,
    raw: &[Spanned<RawDocument>],
    read_document: &dyn Fn(&str) -> Result<String, String>,
    errs: &mut ParseErrors,
) -> Vec<DocumentFile> {
    let mut docs = Vec::new();
    for d in raw {
        let line = line_of(text, d.span().start);
        let r = d.get_ref();
        if !valid_slug(&r.id) {
            errs.problems.push((
                line,
                format!(
                    "document id {:?} must be lowercase letters, digits and dashes",
                    r.id
                ),
            ));
        }
        if docs.iter().any(|x: &DocumentFile| x.id == r.id) {
            errs.problems
                .push((line, format!("document id {:?} is used twice", r.id)));
        }
        let body = match (&r.file, &r.text) {
            (Some(_), Some(_)) => Err("give either file or text, not both".to_string()),
            (Some(f), None) => read_document(f),
            (None, Some(t)) => Ok(t.clone()),
            (None, None) => Ok(String::new()),
        };
        match body {
            Ok(t) => docs.push(DocumentFile {
                id: r.id.clone(),
                title: r.title.clone(),
                text: t,
            }),
            Err(m) => errs
                .problems
                .push((line, format!("document {:?}: {m}", r.id))),
        }
    }
    docs
}

fn parse_questions(
    text: &str,
    raw: &[Spanned<Table>],
    docs: &[DocumentFile],
    errs: &mut ParseErrors,
) -> Vec<QuestionFile> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (n, q) in raw.iter().enumerate() {
        let span = q.span();
        let label = q
            .get_ref()
            .get("id")
            .and_then(Value::as_str)
            .map(|id| format!("'{id}'"))
            .unwrap_or_else(|| format!("number {}", n + 1));
        let kind = q
            .get_ref()
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .replace('_', " ");
        let what = if kind.is_empty() {
            "question".to_string()
        } else {
            format!("{kind} question")
        };
        if let Some(id) = q.get_ref().get("id").and_then(Value::as_str)
            && !seen.insert(id.to_string())
        {
            let line = field_line(text, span.clone(), "id");
            errs.problems
                .push((line, format!("{what} {label}: id is used twice")));
        }
        match parse_question(q.get_ref().clone(), docs) {
            Ok(parsed) => out.push(parsed),
            Err(problems) => {
                for (field, msg) in problems {
                    let line = field_line(text, span.clone(), field);
                    errs.problems.push((line, format!("{what} {label} {msg}")));
                }
            }
        }
    }
    out
}

fn take_string(t: &mut Table, key: &str) -> Result<Option<String>, String> {
    match t.remove(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("{key} must be a string in quotes")),
    }
}

/// Builds one question from its table, or returns (field, problem) pairs.
fn parse_question(
    mut t: Table,
    docs: &[DocumentFile],
) -> Result<QuestionFile, Vec<(&'static str, String)>> {
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    let mut field = |name: &'static str, t: &mut Table| -> String {
        take_string(t, name)
            .unwrap_or_else(|e| {
                problems.push((name, e));
                None
            })
            .unwrap_or_default()
    };
    let id = field("id", &mut t);
    let prompt = field("prompt", &mut t);
    let explanation = field("explanation", &mut t);
    if !valid_slug(&id) {
        problems.push((
            "id",
            if id.is_empty() {
                "has no id".into()
            } else {
                "id must be lowercase letters, digits and dashes".into()
            },
        ));
    }
    let tags = match t.remove("tags") {
        None => vec![],
        Some(v) => v.try_into::<Vec<String>>().unwrap_or_else(|_| {
            problems.push(("tags", "tags must be a list of strings".into()));
            vec![]
        }),
    };
    let source = match t.remove("source") {
        None => None,
        Some(v) => match v.try_into::<Source>() {
            Ok(s) => {
                problems.extend(check_source(&s, docs));
                Some(s)
            }
            Err(e) => {
                problems.push(("source", format!("source: {}", e.message())));
                None
            }
        },
    };
    if !t.contains_key("kind") {
        problems.push(("kind", "has no kind (single_choice, multiple_select, list, numeric, short_text, cloze, true_false or ordering)".into()));
        return Err(problems);
    }
    let body = match Value::Table(t).try_into::<Body>() {
        Ok(b) => b,
        Err(e) => {
            problems.push(body_problem(e.message()));
            return Err(problems);
        }
    };
    for p in check_question(&prompt, &body) {
        problems.push((p.field, p.message));
    }
    if problems.is_empty() {
        Ok(QuestionFile {
            id,
            prompt,
            body,
            explanation,
            tags,
            source,
        })
    } else {
        Err(problems)
    }
}

/// Turns serde's message about a question body into the field it concerns and plain words.
fn body_problem(msg: &str) -> (&'static str, String) {
    const FIELDS: [&str; 12] = [
        "choices",
        "answers",
        "answer",
        "aliases",
        "unit",
        "tolerance",
        "relative_tolerance",
        "accept",
        "text",
        "items",
        "kind",
        "prompt",
    ];
    let quoted = msg.split('`').nth(1).unwrap_or("");
    let field = FIELDS
        .iter()
        .find(|f| **f == quoted)
        .copied()
        .unwrap_or("kind");
    let message = if msg.starts_with("missing field") {
        format!("has no {quoted}")
    } else if msg.starts_with("unknown field") {
        format!("has an unknown field {quoted} ({msg})")
    } else if msg.starts_with("unknown variant") {
        format!(
            "has an unknown kind {quoted:?}; use single_choice, multiple_select, list, numeric, short_text, cloze, true_false or ordering"
        )
    } else {
        msg.to_string()
    };
    (field, message)
}

fn check_source(s: &Source, docs: &[DocumentFile]) -> Vec<(&'static str, String)> {
    if s.document.is_empty() {
        return vec![];
    }
    let Some(doc) = docs.iter().find(|d| d.id == s.document) else {
        return vec![(
            "source",
            format!(
                "source names document {:?}, which the file does not list",
                s.document
            ),
        )];
    };
    if !s.sentence.is_empty()
        && !doc.text.is_empty()
        && !squash(&doc.text).contains(&squash(&s.sentence))
    {
        return vec![(
            "source",
            format!(
                "source sentence does not occur in document {:?}",
                s.document
            ),
        )];
    }
    vec![]
}

/// Collapses runs of white space, so a sentence copied across a line break still matches.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes a set as TOML that [`parse`] reads back to the same set (documents inline).
pub fn write(set: &SetFile) -> String {
    let mut top = Table::new();
    top.insert("id".into(), set.id.clone().into());
    top.insert("title".into(), set.title.clone().into());
    if !set.description.is_empty() {
        top.insert("description".into(), set.description.clone().into());
    }
    if !set.documents.is_empty() {
        let docs = set.documents.iter().map(|d| {
            let mut t = Table::new();
            t.insert("id".into(), d.id.clone().into());
            t.insert("title".into(), d.title.clone().into());
            t.insert("text".into(), d.text.clone().into());
            Value::Table(t)
        });
        top.insert("document".into(), Value::Array(docs.collect()));
    }
    let questions = set.questions.iter().map(question_table).map(Value::Table);
    top.insert("question".into(), Value::Array(questions.collect()));
    toml::to_string_pretty(&top).unwrap_or_default()
}

fn question_table(q: &QuestionFile) -> Table {
    let mut t = Table::new();
    t.insert("id".into(), q.id.clone().into());
    let body = Table::try_from(&q.body).unwrap_or_default();
    if let Some(kind) = body.get("kind") {
        t.insert("kind".into(), kind.clone());
    }
    if !q.prompt.is_empty() {
        t.insert("prompt".into(), q.prompt.clone().into());
    }
    for (k, v) in body.into_iter().filter(|(k, _)| k != "kind") {
        t.insert(k, whole_number_as_integer(v));
    }
    if !q.explanation.is_empty() {
        t.insert("explanation".into(), q.explanation.clone().into());
    }
    if !q.tags.is_empty() {
        t.insert(
            "tags".into(),
            Value::Array(q.tags.iter().cloned().map(Value::from).collect()),
        );
    }
    if let Some(s) = &q.source
        && let Ok(v) = Table::try_from(s)
    {
        t.insert("source".into(), Value::Table(v));
    }
    t
}

/// Writes 156.0 as 156, as a person would (parsing reads either back as the same number).
fn whole_number_as_integer(v: Value) -> Value {
    match v {
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::Integer(f as i64),
        other => other,
    }
}

#[cfg(test)]
mod tests;
