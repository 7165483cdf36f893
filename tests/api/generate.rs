//! Generating questions from a document, reviewing the drafts, and a student answering one.

use crate::helpers::*;

const SEED: &str =
    include_str!("../../questions/japan-russia/bluebook-2012-russia-central-asia-caucasus.txt");

async fn upload(teacher: &Client, code: &str, title: &str, text: &str) -> reqwest::Response {
    let token = teacher.csrf(&format!("/courses/{code}/generate")).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token.clone())
        .text("title", title.to_string())
        .part(
            "file",
            reqwest::multipart::Part::text(text.to_string()).file_name("bluebook.txt"),
        );
    teacher
        .http
        .post(teacher.url(&format!("/courses/{code}/generate")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn upload_review_publish_and_a_student_answers_a_generated_question() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let code = new_course(&teacher, "Diplomacy").await;

    let r = upload(&teacher, &code, "Bluebook 2012", SEED).await;
    assert_eq!(r.status(), 303);
    let review_url = location(&r);
    assert!(review_url.ends_with("/review"), "{review_url}");
    let review = teacher.get_html(&review_url).await;
    let drafts = select(&review, "article.draft");
    assert!(
        drafts.len() >= 5 && drafts.len() <= 25,
        "{} drafts",
        drafts.len()
    );
    let scores: Vec<f64> = drafts
        .iter()
        .map(|d| d.value().attr("data-confidence").unwrap().parse().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    assert!(
        !select(&review, "article.draft blockquote mark").is_empty(),
        "source sentences are highlighted"
    );

    // Find the relief-workers draft, reject another one, accept it.
    let conn = app.db();
    let (qid, other): (i64, i64) = {
        let qid: i64 = conn
            .query_row("SELECT id FROM questions WHERE status = 'draft' AND prompt LIKE 'How many%workers%'", [], |r| r.get(0))
            .expect("a question about the 156 workers");
        let other: i64 = conn
            .query_row(
                "SELECT id FROM questions WHERE status = 'draft' AND id != ?1 LIMIT 1",
                [qid],
                |r| r.get(0),
            )
            .unwrap();
        (qid, other)
    };
    let reject = teacher
        .post_form(
            &review_url,
            &format!("/courses/{code}/questions/{other}/review"),
            &[("decision", "reject")],
        )
        .await;
    assert_eq!(reject.status(), 303);
    let accept = teacher
        .post_form(
            &review_url,
            &format!("/courses/{code}/questions/{qid}/review"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(accept.status(), 303);
    let status: String = conn
        .query_row("SELECT status FROM questions WHERE id = ?1", [other], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(status, "rejected", "rejections are kept");

    let set_url = review_url.trim_end_matches("/review").to_string();
    let r = teacher
        .post_form(
            &set_url,
            &format!("{set_url}/publish"),
            &[("published", "true")],
        )
        .await;
    assert_eq!(r.status(), 303);

    let join: String = conn
        .query_row(
            "SELECT join_code FROM courses WHERE code = ?1",
            [&code],
            |r| r.get(0),
        )
        .unwrap();
    let student = app.signed_in("stu", "student").await;
    student
        .post_form("/", "/courses/join", &[("join_code", &join)])
        .await;
    // Drafts stay hidden: only the accepted question is there to practise.
    let practice = student.get_html(&format!("{set_url}/practice")).await;
    assert_eq!(
        text(&practice, ".progress-line")
            .unwrap()
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" "),
        "Question 1 of 1"
    );
    let r = student
        .post_form(
            &format!("{set_url}/practice"),
            &format!("/courses/{code}/questions/{qid}/answer"),
            &[("answer", "156")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let verdict = student.get_html(&location(&r)).await;
    assert_eq!(
        attr(&verdict, "#verdict", "data-correct").as_deref(),
        Some("true")
    );
    assert!(
        text(&verdict, "#source blockquote")
            .unwrap()
            .contains("156 workers")
    );
    let drafted = student
        .post_form(
            &format!("/courses/{code}"),
            &format!("/courses/{code}/questions/{other}/answer"),
            &[("answer", "x")],
        )
        .await;
    assert_eq!(drafted.status(), 404, "a rejected draft cannot be answered");
}

#[tokio::test]
async fn an_empty_document_is_refused_with_a_message() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let code = new_course(&teacher, "Empty").await;
    let r = upload(&teacher, &code, "Nothing", "   ").await;
    assert_eq!(r.status(), 200);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(
        text(&html, ".error-summary")
            .unwrap()
            .contains("Choose a file or paste")
    );
    let sets: i64 = app.db().query_row("SELECT count(*) FROM question_sets s JOIN courses c ON c.id = s.course_id WHERE c.code = ?1", [&code], |r| r.get(0)).unwrap();
    assert_eq!(sets, 0);
}

#[test]
fn the_generate_command_prints_the_three_example_questions() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factcards"))
        .args(["generate", "--format", "jsonl"])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/questions/japan-russia/bluebook-2012-russia-central-asia-caucasus.txt"
        ))
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/questions/japan-russia/initiative-2007-far-east-siberia.txt"
        ))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |q: &str| {
        lines
            .iter()
            .find(|l| l["question"].as_str().unwrap().contains(q))
            .unwrap_or_else(|| panic!("no question like {q:?}"))
    };
    assert_eq!(
        find("Which five countries are in Central Asia")["kind"],
        "list"
    );
    assert_eq!(find("workers were dispatched")["answer"], "156");
    assert!(
        find("Where was the 2008 G8 Summit held")["answer"]
            .as_str()
            .unwrap()
            .contains("Toyako")
    );
    for l in &lines {
        for key in [
            "doc",
            "kind",
            "question",
            "answer",
            "accept",
            "distractors",
            "source",
        ] {
            assert!(l.get(key).is_some(), "{key} missing in {l}");
        }
    }
}

#[tokio::test]
async fn a_large_document_is_generated_in_the_background_with_progress() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let code = new_course(&teacher, "Big").await;
    // About 200 KB: the seed repeated with its numbers changed, so the copies differ.
    let big: String = (0..60)
        .map(|i| SEED.replace("156", &(156 + i).to_string()) + "\n\n")
        .collect();
    assert!(big.len() > 150_000);
    let r = upload(&teacher, &code, "Big document", &big).await;
    assert_eq!(r.status(), 303);
    let review_url = location(&r);
    let mut done = false;
    for _ in 0..100 {
        let page = teacher.get_html(&review_url).await;
        if select(&page, "#generation-progress").is_empty() {
            assert!(select(&page, "#generation-failed").is_empty());
            let drafts = select(&page, "article.draft").len();
            assert!((5..=25).contains(&drafts), "{drafts} drafts");
            done = true;
            break;
        }
        assert!(
            select(&page, "meta[http-equiv=refresh]").len() == 1,
            "the page refreshes itself while working"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(done, "generation finished");
    let status: String = app
        .db()
        .query_row("SELECT status FROM generation_jobs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "done");
    // The views of a job still running, and of one that failed.
    app.db()
        .execute(
            "UPDATE generation_jobs SET status = 'running', done_bytes = total_bytes / 2",
            [],
        )
        .unwrap();
    let page = teacher.get_html(&review_url).await;
    assert!(text(&page, "#generation-progress").unwrap().contains("50%"));
    assert_eq!(select(&page, "meta[http-equiv=refresh]").len(), 1);
    app.db().execute("UPDATE generation_jobs SET status = 'failed', message = 'The document could not be processed.'", []).unwrap();
    let page = teacher.get_html(&review_url).await;
    assert!(
        text(&page, "#generation-failed")
            .unwrap()
            .contains("could not be processed")
    );
    assert!(select(&page, "meta[http-equiv=refresh]").is_empty());
    app.db()
        .execute("UPDATE generation_jobs SET status = 'done'", [])
        .unwrap();
    // Every source sentence stands at its recorded position in the stored document.
    let conn = app.db();
    let mut stmt = conn.prepare("SELECT q.source_sentence, q.source_position, d.body FROM questions q JOIN documents d ON d.id = q.document_id WHERE d.title = 'Big document'").unwrap();
    let rows: Vec<(String, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!rows.is_empty());
    for (sentence, pos, body) in rows {
        assert_eq!(&body[pos as usize..pos as usize + sentence.len()], sentence);
    }
}

/// Every real document in the repository, through the generator in a debug build (integer
/// overflow checks on): no panic, every source sentence verbatim at its position, no answer in
/// its own question.
#[test]
fn the_generator_handles_every_real_document_in_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = ["tests/qgen/unseen", "questions/japan-russia"]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(root.join(d))
                .unwrap()
                .map(|e| e.unwrap().path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 13);
    let opts = factcards::generate::GenerateOptions {
        max_questions: Some(100),
        today: Some((2026, 11, 23)),
        ..Default::default()
    };
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        for g in factcards::generate::generate(&name, &text, &opts) {
            assert_eq!(
                &text[g.position..g.position + g.source.len()],
                g.source,
                "{name}: {}",
                g.question
            );
            let answer = factcards::quiz::check::normalize(&g.answer);
            assert!(
                !factcards::quiz::check::normalize(&g.question)
                    .split(' ')
                    .collect::<Vec<_>>()
                    .windows(answer.split(' ').count().max(1))
                    .any(|w| w.join(" ") == answer),
                "{name}: answer leaked: {} / {}",
                g.question,
                g.answer
            );
        }
    }
}

#[tokio::test]
async fn students_do_not_see_a_document_whose_questions_are_still_drafts() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let code = new_course(&teacher, "Drafty").await;
    assert_eq!(
        upload(&teacher, &code, "Secret notes", SEED).await.status(),
        303
    );
    let doc: i64 = app
        .db()
        .query_row(
            "SELECT id FROM documents WHERE title = 'Secret notes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let join: String = app
        .db()
        .query_row(
            "SELECT join_code FROM courses WHERE code = ?1",
            [&code],
            |r| r.get(0),
        )
        .unwrap();
    let student = app.signed_in("stu", "student").await;
    student
        .post_form("/", "/courses/join", &[("join_code", &join)])
        .await;
    let url = format!("/courses/{code}/documents/{doc}");
    assert_eq!(student.get(&url).await.status(), 404, "drafts under review");
    assert_eq!(
        teacher.get(&url).await.status(),
        200,
        "the instructor reads it"
    );
    // Once a question citing it is accepted and its set published, students may read it.
    let qid: i64 = app
        .db()
        .query_row(
            "SELECT id FROM questions WHERE document_id = ?1 LIMIT 1",
            [doc],
            |r| r.get(0),
        )
        .unwrap();
    let review = format!("/courses/{code}/sets/secret-notes/review");
    teacher
        .post_form(
            &review,
            &format!("/courses/{code}/questions/{qid}/review"),
            &[("decision", "accept")],
        )
        .await;
    teacher
        .post_form(
            &review,
            &format!("/courses/{code}/sets/secret-notes/publish"),
            &[("published", "true")],
        )
        .await;
    assert_eq!(student.get(&url).await.status(), 200);
}

/// The ranker's training hooks: `--features` adds one number per feature to each line, and a
/// weights file that is not one number per feature is refused with its name and the problem.
#[test]
fn the_generate_command_reports_features_and_checks_a_weights_file() {
    let doc = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/questions/japan-russia/bluebook-2012-russia-central-asia-caucasus.txt"
    );
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_factcards"))
            .args(["generate", "--format", "jsonl"])
            .args(extra)
            .arg(doc)
            .output()
            .unwrap()
    };
    let out = run(&["--features"]);
    assert!(out.status.success());
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(
        first["features"].as_array().unwrap().len(),
        factcards::generate::rank::FEATURES.len()
    );
    let dir = tempfile::tempdir().unwrap();
    for (content, problem) in [("1 2 3", "3 weights, expected"), ("1 two", "not a number")] {
        let path = dir.path().join("w.txt");
        std::fs::write(&path, content).unwrap();
        let out = run(&["--rank-weights", path.to_str().unwrap()]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("w.txt") && err.contains(problem), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[tokio::test]
async fn a_file_that_is_not_text_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let code = new_course(&teacher, "Binary").await;
    let token = teacher.csrf(&format!("/courses/{code}/generate")).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token.clone())
        .text("title", "Scan")
        .part(
            "file",
            reqwest::multipart::Part::bytes(vec![0xff, 0xfe, 0x00, 0x9f, 0x92])
                .file_name("scan.pdf"),
        );
    let r = teacher
        .http
        .post(teacher.url(&format!("/courses/{code}/generate")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(
        text(&html, ".error-summary")
            .unwrap()
            .contains("not plain text")
    );
    let docs: i64 = app
        .db()
        .query_row(
            "SELECT count(*) FROM documents WHERE title = 'Scan'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(docs, 0);
}

/// An upload form carries its CSRF token as its first field; the same upload without it, with a
/// wrong one, or with the token only in the address is refused and stores nothing.
#[tokio::test]
async fn an_upload_without_its_token_as_first_field_is_refused() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let code = new_course(&teacher, "Forged").await;
    let token = teacher.csrf(&format!("/courses/{code}/generate")).await;
    let file = || reqwest::multipart::Part::text(SEED.to_string()).file_name("bluebook.txt");
    let forms = [
        (
            "no token",
            None,
            reqwest::multipart::Form::new().part("file", file()),
        ),
        (
            "wrong token",
            None,
            reqwest::multipart::Form::new()
                .text("csrf_token", "0".repeat(token.len()))
                .part("file", file()),
        ),
        (
            "token after the file",
            None,
            reqwest::multipart::Form::new()
                .part("file", file())
                .text("csrf_token", token.clone()),
        ),
        (
            "token in the address",
            Some(token.clone()),
            reqwest::multipart::Form::new().part("file", file()),
        ),
    ];
    for (what, query, form) in forms {
        let path = match query {
            Some(t) => format!("/courses/{code}/generate?csrf_token={t}"),
            None => format!("/courses/{code}/generate"),
        };
        let r = teacher
            .http
            .post(teacher.url(&path))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{what}");
    }
    let sets: i64 = app
        .db()
        .query_row(
            "SELECT COUNT(*) FROM question_sets s JOIN courses c ON c.id = s.course_id WHERE c.code = ?1",
            [&code],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sets, 0);
    // the real form still works
    let r = upload(&teacher, &code, "Bluebook", SEED).await;
    assert_eq!(r.status(), 303);
}
