//! Question sets in and out of the database from the command line: `factcards import` and
//! `factcards export`.

use std::io::Write;
use std::path::Path;

use crate::db::{self, courses, questions};
use crate::quiz::setfile;

/// Reads, validates and imports one set file; prints what changed. Nothing is written unless the
/// whole file is valid.
pub fn import_file(
    db_path: &Path,
    file: &Path,
    course_code: &str,
    create: bool,
    publish: bool,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("cannot read file {name:?}: {e}"))
    };
    let name = file.display().to_string();
    let set = setfile::parse(&name, &text, &read)?;
    let mut conn = db::open_rw(db_path)?;
    let now = crate::clock::Clock::default().now();
    let tx = conn.transaction()?;
    let course_id = match courses::course_by_code(&tx, course_code)? {
        Some(c) => c.id,
        None if create => {
            if !crate::quiz::validate::valid_slug(course_code) {
                anyhow::bail!(
                    "course code {course_code:?} must be lowercase letters, digits and dashes"
                );
            }
            let new = courses::NewCourse {
                code: course_code,
                title: &set.title,
                description: "",
                open_to_all: false,
            };
            courses::add_course(&tx, &new, None, now)?
        }
        None => anyhow::bail!(
            "no course with code {course_code:?}; create it in the web pages, or add --create"
        ),
    };
    let s = questions::import_set(&tx, course_id, &set, &name, publish, now)?;
    tx.commit()?;
    println!(
        "imported {name} into {course_code}: {} added, {} updated, {} retired",
        s.added, s.updated, s.retired
    );
    Ok(())
}

/// Writes the course's sets (or one of them) as TOML to standard output, a file, or a directory.
pub fn export_course(
    db_path: &Path,
    course_code: &str,
    only: Option<&str>,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let conn = db::open_rw(db_path)?;
    let course = courses::course_by_code(&conn, course_code)?
        .ok_or_else(|| anyhow::anyhow!("no course with code {course_code:?}"))?;
    let mut sets = questions::sets_of_course(&conn, course.id, true)?;
    if let Some(slug) = only {
        sets.retain(|s| s.slug == slug);
        if sets.is_empty() {
            anyhow::bail!("course {course_code:?} has no set {slug:?}");
        }
    }
    let files: Vec<(String, String)> = sets
        .iter()
        .map(|s| {
            Ok((
                format!("{}.toml", s.slug),
                setfile::write(&questions::export_set(&conn, s)?),
            ))
        })
        .collect::<anyhow::Result<_>>()?;
    match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout_ok(
                files
                    .iter()
                    .try_for_each(|(_, text)| write!(stdout, "{text}")),
            )?;
        }
        Some(path) if files.len() == 1 && !path.is_dir() => std::fs::write(path, &files[0].1)?,
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            for (name, text) in &files {
                std::fs::write(dir.join(name), text)?;
            }
        }
    }
    Ok(())
}

/// Today's date in UTC as (year, month, day), for the generator's tense decisions.
pub fn today_utc(now: i64) -> Option<(i32, u8, u8)> {
    let date = jiff::Timestamp::from_second(now)
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    Some((i32::from(date.year()), date.month() as u8, date.day() as u8))
}

/// A stable, unique question id made from the question text.
pub fn unique_slug(text: &str, used: &mut std::collections::HashSet<String>) -> String {
    let base: String = crate::quiz::validate::slugify(text)
        .chars()
        .take(48)
        .collect();
    let base = base.trim_end_matches('-');
    let base = if base.is_empty() { "question" } else { base };
    let mut slug = base.to_string();
    let mut n = 2;
    while !used.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// Generated questions as a question set, ready to import (the document inline).
pub fn generated_set(
    file_name: &str,
    text: &str,
    generated: &[crate::generate::Generated],
) -> setfile::SetFile {
    let stem = Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document");
    let id = crate::quiz::validate::slugify(stem);
    let id = if id.is_empty() {
        "document".to_string()
    } else {
        id
    };
    let mut used = std::collections::HashSet::new();
    let questions = generated
        .iter()
        .map(|g| setfile::QuestionFile {
            id: unique_slug(&g.question, &mut used),
            prompt: if matches!(g.body, crate::quiz::model::Body::Cloze { .. }) {
                String::new()
            } else {
                g.question.clone()
            },
            body: g.body.clone(),
            explanation: String::new(),
            tags: vec!["generated".into(), g.kind.clone()],
            source: Some(crate::quiz::model::Source {
                document: id.clone(),
                sentence: g.source.clone(),
                position: u32::try_from(g.position).ok(),
            }),
        })
        .collect();
    setfile::SetFile {
        id: id.clone(),
        title: format!("Questions from {stem}"),
        description: String::new(),
        documents: vec![setfile::DocumentFile {
            id,
            title: stem.to_string(),
            text: text.to_string(),
        }],
        questions,
    }
}

/// `factcards generate`: prints JSONL (one object per question, best first per document) or a
/// TOML question set per document.
pub fn generate_files(
    files: &[std::path::PathBuf],
    toml: bool,
    opts: &crate::generate::GenerateOptions,
) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    for file in files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("document")
            .to_string();
        let generated = crate::generate::generate(&name, &text, opts);
        let written = if toml {
            write!(
                stdout,
                "{}",
                setfile::write(&generated_set(&name, &text, &generated))
            )
        } else {
            generated.iter().try_for_each(|g| {
                let mut line = crate::generate::to_jsonl_value(&name, g);
                if opts.features {
                    line["features"] = serde_json::json!(g.features);
                }
                writeln!(stdout, "{line}")
            })
        };
        if !stdout_ok(written)? {
            break;
        }
    }
    Ok(())
}

/// Whether writing to standard output may go on: a reader that stopped early (`| head`) is no
/// error, any other failure is.
fn stdout_ok(written: std::io::Result<()>) -> anyhow::Result<bool> {
    match written {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(anyhow::anyhow!("cannot write to standard output: {e}")),
    }
}
