use super::*;

fn no_files(_: &str) -> Result<String, String> {
    Err("files are not allowed here".into())
}

fn parse_str(text: &str) -> Result<SetFile, ParseErrors> {
    parse("questions.toml", text, &no_files)
}

fn errors(text: &str) -> Vec<String> {
    parse_str(text)
        .unwrap_err()
        .to_string()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_demo_set_parses_with_its_documents() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let text = std::fs::read_to_string(dir.join("japan-russia.toml")).unwrap();
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).map_err(|e| e.to_string());
    let set = parse("japan-russia.toml", &text, &read).unwrap_or_else(|e| panic!("{e}"));
    assert!(set.questions.len() >= 20);
    assert_eq!(set.documents.len(), 2);
    let q = set
        .questions
        .iter()
        .find(|q| q.id == "russia-relief-workers")
        .unwrap();
    assert!(matches!(q.body, Body::Numeric { answer, .. } if answer == 156.0));
}

#[test]
fn a_valid_file_round_trips_through_write() {
    let text = r#"
id = "demo"
title = "Demo"
description = "Two questions"

[[document]]
id = "doc"
title = "A document"
text = """
Line one.
Two relief teams totaling 156 workers were dispatched."""

[[question]]
id = "workers"
kind = "numeric"
prompt = "How many workers?"
answer = 156
unit = "workers"
tags = ["relief"]
source = { document = "doc", sentence = "Two relief teams totaling 156 workers were dispatched." }

[[question]]
id = "gap"
kind = "cloze"
text = "Relief {{teams|groups}} came."
"#;
    let set = parse_str(text).unwrap();
    let again = parse_str(&write(&set)).unwrap();
    assert_eq!(set, again);
}

#[test]
fn every_problem_is_reported_with_its_line() {
    let text = r#"id = "demo"
title = "Demo"

[[question]]
id = "relief-workers"
kind = "numeric"
prompt = "How many relief workers?"

[[question]]
id = "capital"
kind = "single_choice"
prompt = "Capital?"
choices = ["Paris", "Rome"]
answer = "Madrid"

[[question]]
id = "capital"
kind = "true_false"
prompt = "Is it?"
answer = true
"#;
    let e = errors(text);
    assert_eq!(
        e,
        vec![
            "questions.toml:4: numeric question 'relief-workers' has no answer",
            "questions.toml:14: single choice question 'capital' answer \"Madrid\" is not one of the choices",
            "questions.toml:17: true false question 'capital': id is used twice",
        ]
    );
}

#[test]
fn syntax_errors_and_unknown_keys_have_lines() {
    let e = errors(
        "id = \"x\"\ntitle = \"T\"\n[[question]]\nid = \"a\"\nkind = \"numerc\"\nprompt = \"p\"\nanswer = 1\n",
    );
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("questions.toml:5: numerc question 'a' has an unknown kind \"numerc\""),
        "{e:?}"
    );
    let e = errors("id = \"x\"\ntitle = \"T\"\nauthor = \"me\"\n");
    assert!(
        e[0].starts_with("questions.toml:3:") && e[0].contains("unknown field"),
        "{e:?}"
    );
    let e = errors("id = \"x\"\ntitle = \"T\n");
    assert!(e[0].starts_with("questions.toml:2:"), "{e:?}");
    let e = errors(
        "id = \"x\"\ntitle = \"T\"\n[[question]]\nid = \"a\"\nkind = \"numeric\"\nprompt = \"p\"\nanswer = \"many\"\n",
    );
    assert!(
        e[0].starts_with("questions.toml:")
            && e[0].contains("numeric question 'a'")
            && e[0].contains("\"many\""),
        "{e:?}"
    );
}

#[test]
fn sources_must_name_a_listed_document_and_quote_it() {
    let text = r#"id = "x"
title = "T"
[[document]]
id = "d"
title = "D"
text = "The lake is deep."
[[question]]
id = "a"
kind = "true_false"
prompt = "Deep?"
answer = true
source = { document = "d", sentence = "The lake is shallow." }
[[question]]
id = "b"
kind = "true_false"
prompt = "Deep?"
answer = true
source = { document = "nope", sentence = "x" }
"#;
    let e = errors(text);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with("questions.toml:12:") && e[0].contains("does not occur"),
        "{e:?}"
    );
    assert!(
        e[1].starts_with("questions.toml:18:") && e[1].contains("does not list"),
        "{e:?}"
    );
}

#[test]
fn document_files_are_refused_when_not_allowed() {
    let e = errors(
        "id = \"x\"\ntitle = \"T\"\n[[document]]\nid = \"d\"\ntitle = \"D\"\nfile = \"d.txt\"\n",
    );
    assert_eq!(
        e,
        vec!["questions.toml:3: document \"d\": files are not allowed here"]
    );
}

#[test]
fn no_input_makes_the_parser_panic() {
    // Cut and splice the demo file at many points: every result is Ok or a list of problems.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let text = std::fs::read_to_string(dir.join("japan-russia.toml")).unwrap();
    let bytes = text.as_bytes();
    for cut in (0..bytes.len()).step_by(37) {
        let head = String::from_utf8_lossy(&bytes[..cut]).into_owned();
        let tail = String::from_utf8_lossy(&bytes[(cut * 7 / 5).min(bytes.len())..]).into_owned();
        let _ = parse_str(&head);
        let _ = parse_str(&(head + &tail));
    }
}

#[test]
fn the_readme_example_with_every_kind_is_a_valid_set() {
    let readme = include_str!("../../../README.md");
    let section = &readme[readme.find("## Question-set files").expect("section")..];
    let start = section.find("```toml\n").expect("example") + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let read = |f: &str| match f {
        "lakes.txt" => Ok("Lake Baikal is the deepest lake in the world.".to_string()),
        other => Err(format!("no file {other}")),
    };
    let set = parse("README example", example, &read).unwrap_or_else(|e| panic!("{e}"));
    let mut kinds: Vec<&str> = set.questions.iter().map(|q| q.body.kind_name()).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 8, "every kind appears: {kinds:?}");
}
