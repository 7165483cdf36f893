//! The question model shared by grading, study, the editor, imports and the generator.
//!
//! A question is stored as its `Body` serialised to JSON (`questions.body` column), and written by
//! hand as a `[[question]]` table in a question-set TOML file; both use the same serde shape, so
//! the TOML field names below are the file format.

use serde::{Deserialize, Serialize};

/// What a question asks for and how it is graded. Tagged by `kind` in TOML and JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Body {
    /// One right option among `choices`; `answer` is the text of the right one.
    SingleChoice {
        choices: Vec<String>,
        answer: String,
    },
    /// Several right options; also accepts the answers typed as a list.
    MultipleSelect {
        choices: Vec<String>,
        answers: Vec<String>,
        /// Per-item aliases, "Kyrgyz Republic = Kyrgyzstan".
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
    },
    /// A list typed as text ("Uzbekistan, Kazakhstan and …"), graded as a set with partial credit.
    List {
        answers: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
    },
    /// A number, with an optional unit and tolerance.
    Numeric {
        answer: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        /// Absolute tolerance: |given − answer| ≤ tolerance.
        #[serde(default, skip_serializing_if = "is_zero")]
        tolerance: f64,
        /// Relative tolerance as a fraction of the answer (0.05 = 5 %).
        #[serde(default, skip_serializing_if = "is_zero")]
        relative_tolerance: f64,
    },
    /// Free text with accepted alternatives, matched leniently.
    ShortText {
        answer: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        accept: Vec<String>,
    },
    /// A sentence with gaps written `{{answer}}` or `{{answer|alternative|…}}`.
    Cloze {
        text: String,
    },
    TrueFalse {
        answer: bool,
    },
    /// Items listed in their correct order; shown shuffled.
    Ordering {
        items: Vec<String>,
    },
}

impl Body {
    /// The `kind` tag as written in files and forms.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Body::SingleChoice { .. } => "single_choice",
            Body::MultipleSelect { .. } => "multiple_select",
            Body::List { .. } => "list",
            Body::Numeric { .. } => "numeric",
            Body::ShortText { .. } => "short_text",
            Body::Cloze { .. } => "cloze",
            Body::TrueFalse { .. } => "true_false",
            Body::Ordering { .. } => "ordering",
        }
    }
}

/// Every kind, with a label for menus.
pub const KINDS: [(&str, &str); 8] = [
    ("single_choice", "Single choice"),
    ("multiple_select", "Multiple select"),
    ("list", "List (typed)"),
    ("numeric", "Number"),
    ("short_text", "Short text"),
    ("cloze", "Fill in the gaps (cloze)"),
    ("true_false", "True or false"),
    ("ordering", "Ordering"),
];

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// Where a question came from: a document and its evidence sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the source document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    /// The exact sentence the question was written from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sentence: String,
    /// Byte offset of the sentence in the document, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
}

/// What a student sent: typed text, picked choices (by index), or an order (by index).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Text(String),
    /// Indices into `choices` (single choice: one; true/false: 0 = true, 1 = false).
    Choices(Vec<usize>),
    /// Cloze gaps, in order.
    Gaps(Vec<String>),
    /// Ordering: indices into `items`, in the order the student put them.
    Order(Vec<usize>),
}
