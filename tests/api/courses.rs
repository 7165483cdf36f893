//! Courses, question sets and practice over HTTP.

use crate::helpers::*;

const DEMO: &str = "japan-russia";

fn question_id(app: &TestApp, slug: &str) -> i64 {
    app.db()
        .query_row("SELECT id FROM questions WHERE slug = ?1", [slug], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Answers a question with form fields; returns the verdict page.
async fn answer(c: &Client, course: &str, qid: i64, fields: &[(&str, &str)]) -> scraper::Html {
    let page = format!("/courses/{course}");
    let r = c
        .post_form(
            &page,
            &format!("/courses/{course}/questions/{qid}/answer"),
            fields,
        )
        .await;
    assert_eq!(r.status(), 303, "answer should redirect to its verdict");
    c.get_html(&location(&r)).await
}

fn verdict(html: &scraper::Html) -> String {
    attr(html, "#verdict", "data-correct").expect("verdict element")
}

#[tokio::test]
async fn a_student_joins_the_demo_course_and_is_graded_fairly_with_the_source() {
    let app = spawn_app().await;
    let c = app.signed_in("stu", "student").await;
    let home = c.get_html("/").await;
    assert!(
        !select(&home, "#open-courses").is_empty(),
        "the demo course is open to join"
    );
    assert_eq!(
        c.post_form("/", &format!("/courses/{DEMO}/join"), &[])
            .await
            .status(),
        303
    );
    let course = c.get_html(&format!("/courses/{DEMO}")).await;
    assert!(!select(&course, "#sets tr[data-set]").is_empty());

    let workers = question_id(&app, "russia-relief-workers");
    let v = answer(&c, DEMO, workers, &[("answer", "156 workers")]).await;
    assert_eq!(verdict(&v), "true");
    assert_eq!(text(&v, "#source mark").as_deref(), Some("156"));
    assert!(
        text(&v, "#source figcaption")
            .unwrap()
            .contains("Diplomatic Bluebook 2012")
    );
    // The source link shows the document with the sentence marked where it stands.
    let link = attr(&v, "#source-link", "href").expect("a link to the document");
    let doc_url = link.split('#').next().unwrap().to_string();
    let doc = c.get_html(&doc_url).await;
    assert!(
        text(&doc, "#source-sentence")
            .unwrap()
            .starts_with("Two relief teams that were totaling 156 workers")
    );
    let outsider = app.signed_in("outsider", "student").await;
    assert_eq!(
        outsider.get(&doc_url).await.status(),
        403,
        "non-members must join first"
    );
    let v = answer(&c, DEMO, workers, &[("answer", "one hundred fifty-six")]).await;
    assert_eq!(verdict(&v), "true");
    let v = answer(&c, DEMO, workers, &[("answer", "165")]).await;
    assert_eq!(verdict(&v), "false");
    assert_eq!(text(&v, "#expected-answer").as_deref(), Some("156 workers"));

    let g8 = question_id(&app, "g8-summit-2008-venue");
    assert_eq!(
        verdict(&answer(&c, DEMO, g8, &[("answer", "Toyako, Hokkaido")]).await),
        "true"
    );
    assert_eq!(
        verdict(&answer(&c, DEMO, g8, &[("answer", "Lake Toya")]).await),
        "true"
    );
    assert_eq!(
        verdict(&answer(&c, DEMO, g8, &[("answer", "Hokkaido")]).await),
        "false"
    );

    let asia = question_id(&app, "central-asia-countries");
    let all_five: Vec<(&str, &str)> = ["0", "1", "2", "3", "4"]
        .iter()
        .map(|i| ("choice", *i))
        .collect();
    assert_eq!(verdict(&answer(&c, DEMO, asia, &all_five).await), "true");
    let v = answer(
        &c,
        DEMO,
        asia,
        &[("choice", "0"), ("choice", "1"), ("choice", "5")],
    )
    .await;
    assert_eq!(verdict(&v), "false");
    let marks: Vec<String> = select(&v, "#item-marks li")
        .iter()
        .map(|e| e.value().attr("data-status").unwrap().to_string())
        .collect();
    assert!(
        marks.contains(&"right".into())
            && marks.contains(&"missing".into())
            && marks.contains(&"wrong".into()),
        "{marks:?}"
    );
    let n: i64 = app
        .db()
        .query_row("SELECT count(*) FROM attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 8);
}

#[tokio::test]
async fn a_blank_answer_is_a_problem_to_fix_not_a_wrong_answer() {
    let app = spawn_app().await;
    let c = app.signed_in("stu", "student").await;
    c.post_form("/", &format!("/courses/{DEMO}/join"), &[])
        .await;
    let qid = question_id(&app, "russia-relief-workers");
    let r = c
        .post_form(
            &format!("/courses/{DEMO}"),
            &format!("/courses/{DEMO}/questions/{qid}/answer"),
            &[("answer", "  ")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(text(&html, "title").unwrap().starts_with("Error: "));
    assert_eq!(
        text(&html, ".error-summary li").as_deref(),
        Some("Enter an answer")
    );
    assert!(!select(&html, "#answer-form").is_empty());
    let n: i64 = app
        .db()
        .query_row("SELECT count(*) FROM attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

/// Adds a question of `kind` through the editor form; returns the response.
async fn add_question(
    teacher: &Client,
    code: &str,
    slug: &str,
    kind: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("kind", kind)];
    all.extend_from_slice(fields);
    teacher
        .post_form(
            &format!("/courses/{code}/sets/{slug}/questions/new?kind={kind}"),
            &format!("/courses/{code}/sets/{slug}/questions/new"),
            &all,
        )
        .await
}

/// An instructor's new course with one set; returns (course code, set slug).
async fn course_with_set(teacher: &Client) -> (String, String) {
    let code = new_course(teacher, "Geography 101").await;
    let r = teacher
        .post_form(
            &format!("/courses/{code}"),
            &format!("/courses/{code}/sets"),
            &[("title", "Capitals")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let slug = location(&r).rsplit('/').next().unwrap().to_string();
    (code, slug)
}

const VALID_SET: &str = r#"id = "lakes"
title = "Lakes"

[[question]]
id = "deepest-lake"
kind = "short_text"
prompt = "Which is the deepest lake in the world?"
answer = "Lake Baikal"

[[question]]
id = "baikal-depth"
kind = "numeric"
prompt = "How deep is Lake Baikal, in metres?"
answer = 1642
unit = "m"
tolerance = 5
"#;

async fn import(teacher: &Client, code: &str, toml: &str) -> reqwest::Response {
    let token = teacher.csrf(&format!("/courses/{code}/import")).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token.clone())
        .part(
            "file",
            reqwest::multipart::Part::text(toml.to_string()).file_name("lakes.toml"),
        )
        .text("publish", "true");
    teacher
        .http
        .post(teacher.url(&format!("/courses/{code}/import")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn importing_a_valid_set_then_an_invalid_one_which_changes_nothing() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let (code, _) = course_with_set(&teacher).await;
    let r = import(&teacher, &code, VALID_SET).await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).ends_with("/sets/lakes"));
    let count = || -> i64 {
        app.db().query_row("SELECT count(*) FROM questions q JOIN question_sets s ON s.id = q.set_id WHERE s.slug = 'lakes'", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(count(), 2);
    let before = question_id(&app, "deepest-lake");

    // An invalid re-import: one good change, one broken question. Nothing at all may change.
    let broken = VALID_SET
        .replace("Lake Baikal\"", "Baikal\"")
        .replace("answer = 1642\n", "");
    let r = import(&teacher, &code, &broken).await;
    assert_eq!(r.status(), 200);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    let problems: Vec<String> = select(&html, "#import-problems li")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        problems,
        vec!["lakes.toml:10: numeric question 'baikal-depth' has no answer".to_string()]
    );
    let answer: String = app
        .db()
        .query_row(
            "SELECT body FROM questions WHERE slug = 'deepest-lake'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        answer.contains("Lake Baikal"),
        "the valid part of a broken file is not imported"
    );

    // A valid re-import updates in place: same question row.
    let r = import(
        &teacher,
        &code,
        &VALID_SET.replace("Lake Baikal\"", "Baikal\""),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(question_id(&app, "deepest-lake"), before);
    assert_eq!(count(), 2);
}

#[tokio::test]
async fn students_cannot_edit_and_do_not_see_unpublished_sets() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let (code, slug) = course_with_set(&teacher).await;
    let r = add_question(
        &teacher,
        &code,
        &slug,
        "short_text",
        &[("prompt", "Capital of France?"), ("answer", "Paris")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let qid = question_id(&app, "capital-of-france");
    let join: String = app
        .db()
        .query_row(
            "SELECT join_code FROM courses WHERE code = ?1",
            [&code],
            |r| r.get(0),
        )
        .unwrap();
    let student = app.signed_in("stu", "student").await;
    assert_eq!(
        student
            .post_form("/", "/courses/join", &[("join_code", &join.to_lowercase())])
            .await
            .status(),
        303
    );

    let course = student.get_html(&format!("/courses/{code}")).await;
    assert!(
        select(&course, "#sets").is_empty(),
        "the unpublished set is hidden"
    );
    assert_eq!(
        student
            .get(&format!("/courses/{code}/sets/{slug}/practice"))
            .await
            .status(),
        404
    );
    let r = student
        .post_form(
            &format!("/courses/{code}"),
            &format!("/courses/{code}/questions/{qid}/answer"),
            &[("answer", "Paris")],
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        student
            .get(&format!("/courses/{code}/sets/{slug}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        student
            .get(&format!("/courses/{code}/questions/{qid}/edit"))
            .await
            .status(),
        403
    );
    let r = student
        .post_form(
            &format!("/courses/{code}"),
            &format!("/courses/{code}/questions/{qid}/edit"),
            &[("prompt", "Hacked?"), ("answer", "x")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let prompt: String = app
        .db()
        .query_row("SELECT prompt FROM questions WHERE id = ?1", [qid], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(prompt, "Capital of France?");

    // Once published, the student sees and answers it.
    teacher
        .post_form(
            &format!("/courses/{code}/sets/{slug}"),
            &format!("/courses/{code}/sets/{slug}/publish"),
            &[("published", "true")],
        )
        .await;
    assert_eq!(
        student
            .get(&format!("/courses/{code}/sets/{slug}/practice"))
            .await
            .status(),
        200
    );
    assert_eq!(
        verdict(&answer(&student, &code, qid, &[("answer", "paris")]).await),
        "true"
    );
    // A student of another course sees nothing of it.
    let outsider = app.signed_in("out", "student").await;
    assert_eq!(
        outsider.get(&format!("/courses/{code}")).await.status(),
        404
    );
}

#[tokio::test]
async fn question_text_with_markup_is_shown_as_text() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let (code, slug) = course_with_set(&teacher).await;
    let r = add_question(
        &teacher,
        &code,
        &slug,
        "short_text",
        &[
            ("id", "xss"),
            ("prompt", "<script>alert(1)</script> is what?"),
            ("answer", "<b>bold</b>"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let body = teacher
        .get(&format!("/courses/{code}/sets/{slug}/practice"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!body.contains("<script>alert(1)</script>"));
    assert!(
        body.contains("&#60;script&#62;alert(1)"),
        "escaped, not dropped"
    );
    let html = scraper::Html::parse_document(&body);
    assert_eq!(
        text(&html, "#question").as_deref(),
        Some("<script>alert(1)</script> is what?")
    );
}

#[tokio::test]
async fn the_editor_rejects_an_invalid_question_with_field_errors() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teach", "instructor").await;
    let (code, slug) = course_with_set(&teacher).await;
    let r = add_question(
        &teacher,
        &code,
        &slug,
        "single_choice",
        &[
            ("prompt", "Largest ocean?"),
            ("choices", "Pacific\nAtlantic"),
            ("answer", "Indian"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        attr(&html, ".error-summary a", "href").as_deref(),
        Some("#answer")
    );
    assert_eq!(
        text(&html, "#choices").as_deref(),
        Some("Pacific\nAtlantic"),
        "the input is kept"
    );
    let n: i64 = app
        .db()
        .query_row(
            "SELECT count(*) FROM questions WHERE prompt = 'Largest ocean?'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn an_instructor_cannot_touch_another_courses_questions() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice", "instructor").await;
    let (code_a, _) = course_with_set(&alice).await;
    let bob = app.signed_in("bob", "instructor").await;
    let code_b = new_course(&bob, "Bob's course").await;
    // A question of the demo course, which neither teaches.
    let victim = question_id(&app, "russia-relief-workers");
    for code in [&code_a, &code_b, &DEMO.to_string()] {
        let edit = format!("/courses/{code}/questions/{victim}/edit");
        let status = bob.get(&edit).await.status().as_u16();
        assert!(status == 404 || status == 403, "{edit}: {status}");
        let r = bob
            .post_form(
                &format!("/courses/{code_b}"),
                &edit,
                &[("prompt", "Hacked?"), ("answer", "1")],
            )
            .await;
        assert!(
            matches!(r.status().as_u16(), 403 | 404),
            "{edit}: {}",
            r.status()
        );
        let r = bob
            .post_form(
                &format!("/courses/{code_b}"),
                &format!("/courses/{code}/questions/{victim}/delete"),
                &[],
            )
            .await;
        assert!(
            matches!(r.status().as_u16(), 403 | 404),
            "delete via {code}: {}",
            r.status()
        );
        let r = bob
            .post_form(
                &format!("/courses/{code_b}"),
                &format!("/courses/{code}/questions/{victim}/review"),
                &[("decision", "reject")],
            )
            .await;
        assert!(
            matches!(r.status().as_u16(), 403 | 404),
            "review via {code}: {}",
            r.status()
        );
    }
    assert_eq!(
        bob.get(&format!("/courses/{code_a}/sets/capitals"))
            .await
            .status(),
        404,
        "another instructor's course is not even visible"
    );
    let (prompt, status): (String, String) = app
        .db()
        .query_row(
            "SELECT prompt, status FROM questions WHERE id = ?1",
            [victim],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (prompt.as_str(), status.as_str()),
        (
            "How many relief workers did Russia dispatch to Japan after the Great East Japan Earthquake?",
            "active"
        )
    );
}
