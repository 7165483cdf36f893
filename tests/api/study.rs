//! Spaced-repetition study over HTTP.

use crate::helpers::*;
use factcards::quiz::model::Body;

const DEMO: &str = "japan-russia";

/// The form fields of a correct answer to question `qid`.
fn correct_fields(app: &TestApp, qid: i64) -> Vec<(String, String)> {
    let body: String = app
        .db()
        .query_row("SELECT body FROM questions WHERE id = ?1", [qid], |r| {
            r.get(0)
        })
        .unwrap();
    let body: Body = serde_json::from_str(&body).unwrap();
    let one = |k: &str, v: String| vec![(k.to_string(), v)];
    match body {
        Body::SingleChoice { choices, answer } => one(
            "choice",
            choices
                .iter()
                .position(|c| *c == answer)
                .unwrap()
                .to_string(),
        ),
        Body::MultipleSelect {
            choices, answers, ..
        } => answers
            .iter()
            .map(|a| {
                (
                    "choice".into(),
                    choices.iter().position(|c| c == a).unwrap().to_string(),
                )
            })
            .collect(),
        Body::List { answers, .. } => one("answer", answers.join(", ")),
        Body::Numeric { answer, .. } => one("answer", answer.to_string()),
        Body::ShortText { answer, .. } => one("answer", answer),
        Body::Cloze { text } => factcards::quiz::check::cloze_gaps(&text)
            .into_iter()
            .map(|g| ("answer".into(), g[0].clone()))
            .collect(),
        Body::TrueFalse { answer } => one("choice", if answer { "0".into() } else { "1".into() }),
        Body::Ordering { items } => (0..items.len())
            .map(|i| ("order".into(), i.to_string()))
            .collect(),
    }
}

struct Shown {
    qid: i64,
    key: String,
    csrf: String,
}

async fn next_question(c: &Client) -> Option<Shown> {
    let html = c.get_html(&format!("/courses/{DEMO}/study")).await;
    let action = attr(&html, "#answer-form", "action")?;
    Some(Shown {
        qid: action.rsplit('/').next().unwrap().parse().unwrap(),
        key: attr(&html, "input[name=review_key]", "value").unwrap(),
        csrf: attr(&html, "#answer-form input[name=csrf_token]", "value").unwrap(),
    })
}

/// Submits an answer as if the student took `secs` seconds; returns the response.
async fn submit(
    app: &TestApp,
    c: &Client,
    s: &Shown,
    mut fields: Vec<(String, String)>,
    secs: i64,
) -> reqwest::Response {
    let shown_at = app.clock.now() - secs;
    fields.extend([
        ("review_key".into(), s.key.clone()),
        ("shown_at".into(), shown_at.to_string()),
        ("csrf_token".into(), s.csrf.clone()),
    ]);
    c.http
        .post(c.url(&format!("/courses/{DEMO}/study/{}", s.qid)))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

fn reviews(app: &TestApp, user: &str) -> i64 {
    app.db()
        .query_row(
            "SELECT count(*) FROM reviews r JOIN users u ON u.id = r.user_id WHERE u.username = ?1",
            [user],
            |r| r.get(0),
        )
        .unwrap()
}

async fn joined(app: &TestApp, name: &str) -> Client {
    let c = app.signed_in(name, "student").await;
    assert_eq!(
        c.post_form("/", &format!("/courses/{DEMO}/join"), &[])
            .await
            .status(),
        303
    );
    c
}

#[tokio::test]
async fn a_student_studies_the_demo_course_and_the_right_cards_come_back() {
    let app = spawn_app().await;
    let c = joined(&app, "ann").await;
    let course = c.get_html(&format!("/courses/{DEMO}")).await;
    assert_eq!(
        text(&course, "#new-count").as_deref(),
        Some("20"),
        "the course's daily limit of new questions"
    );

    let mut answered = Vec::new();
    for _ in 0..5 {
        let shown = next_question(&c).await.expect("a question to study");
        let r = submit(&app, &c, &shown, correct_fields(&app, shown.qid), 10).await;
        assert_eq!(r.status(), 303);
        let result = c.get_html(&location(&r)).await;
        assert_eq!(
            attr(&result, "#verdict", "data-correct").as_deref(),
            Some("true"),
            "question {}",
            shown.qid
        );
        assert_eq!(
            attr(&result, "#rating-form button[autofocus]", "value").as_deref(),
            Some("3"),
            "right → Good"
        );
        assert_eq!(select(&result, "#rating-form button.rating").len(), 4);
        let back = text(&result, "#comes-back").unwrap();
        assert!(back.contains("in ") || back.contains("tomorrow"), "{back}");
        answered.push(shown.qid);
    }
    let course = c.get_html(&format!("/courses/{DEMO}")).await;
    assert_eq!(text(&course, "#new-count").as_deref(), Some("15"));
    let home = c.get_html("/").await;
    assert!(
        text(&home, "li[data-course=japan-russia] .course-counts")
            .unwrap()
            .starts_with("0 due · 15 new")
    );
    assert_eq!(reviews(&app, "ann"), 5);

    // A wrong answer maps to Again and comes back within minutes.
    let shown = next_question(&c).await.unwrap();
    let r = submit(&app, &c, &shown, vec![("dont_know".into(), "1".into())], 10).await;
    let result = c.get_html(&location(&r)).await;
    assert_eq!(
        attr(&result, "#verdict", "data-correct").as_deref(),
        Some("false")
    );
    assert_eq!(
        attr(&result, "#rating-form button[autofocus]", "value").as_deref(),
        Some("1")
    );
    assert!(text(&result, "#comes-back").unwrap().contains("minute"));

    // Two days later every answered card is due again (they were in learning steps), the new
    // day brings new questions again, and the first thing shown is a due review, not a new one.
    app.clock.advance(2 * 86_400);
    let course = c.get_html(&format!("/courses/{DEMO}")).await;
    assert_eq!(text(&course, "#due-count").as_deref(), Some("6"));
    assert_eq!(text(&course, "#new-count").as_deref(), Some("19"));
    let shown = next_question(&c).await.unwrap();
    assert!(answered.contains(&shown.qid) || reviews(&app, "ann") == 6);
    let due_ids: Vec<i64> = {
        let conn = app.db();
        let mut stmt = conn.prepare("SELECT question_id FROM cards c JOIN users u ON u.id = c.user_id WHERE u.username = 'ann'").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(due_ids.contains(&shown.qid), "a due card comes first");
}

#[tokio::test]
async fn the_same_review_key_records_one_review_even_when_sent_twice_at_once() {
    let app = spawn_app().await;
    let c = joined(&app, "bob").await;
    let shown = next_question(&c).await.unwrap();
    let fields = correct_fields(&app, shown.qid);
    let (a, b) = tokio::join!(
        submit(&app, &c, &shown, fields.clone(), 10),
        submit(&app, &c, &shown, fields.clone(), 10)
    );
    assert_eq!(
        (a.status(), b.status()),
        (
            reqwest::StatusCode::SEE_OTHER,
            reqwest::StatusCode::SEE_OTHER
        )
    );
    assert_eq!(location(&a), location(&b), "both show the same review");
    let again = submit(&app, &c, &shown, fields, 10).await;
    assert_eq!(
        location(&again),
        location(&a),
        "a resubmitted form is the same review"
    );
    assert_eq!(reviews(&app, "bob"), 1);
}

#[tokio::test]
async fn the_student_can_change_the_rating_and_the_schedule_follows() {
    let app = spawn_app().await;
    let c = joined(&app, "cyd").await;
    let shown = next_question(&c).await.unwrap();
    let r = submit(&app, &c, &shown, correct_fields(&app, shown.qid), 10).await;
    let result_url = location(&r);
    let due_before: i64 = app
        .db()
        .query_row(
            "SELECT due FROM cards WHERE question_id = ?1",
            [shown.qid],
            |r| r.get(0),
        )
        .unwrap();
    let r = c
        .post_form(
            &result_url,
            &format!("{result_url}/rate"),
            &[("rating", "4")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/courses/{DEMO}/study"));
    let (due_after, rating): (i64, i64) = app
        .db()
        .query_row("SELECT c.due, r.rating FROM cards c JOIN reviews r ON r.card_id = c.id WHERE c.question_id = ?1", [shown.qid], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(rating, 4);
    assert!(
        due_after > due_before + 86_400,
        "Easy graduates the card to days: {due_before} → {due_after}"
    );
    assert_eq!(
        reviews(&app, "cyd"),
        1,
        "an override changes the review, it does not add one"
    );
}

#[tokio::test]
async fn a_student_never_sees_another_students_reviews() {
    let app = spawn_app().await;
    let ann = joined(&app, "ann").await;
    let shown = next_question(&ann).await.unwrap();
    let r = submit(&app, &ann, &shown, correct_fields(&app, shown.qid), 10).await;
    let result_url = location(&r);
    let eve = joined(&app, "eve").await;
    assert_eq!(eve.get(&result_url).await.status(), 404);
    let r = eve
        .post_form(
            &format!("/courses/{DEMO}"),
            &format!("{result_url}/rate"),
            &[("rating", "1")],
        )
        .await;
    assert_eq!(r.status(), 404);
    let course = eve.get_html(&format!("/courses/{DEMO}")).await;
    assert_eq!(
        text(&course, "#new-count").as_deref(),
        Some("20"),
        "eve's queue is her own"
    );
    assert_eq!(reviews(&app, "ann"), 1);
    assert_eq!(reviews(&app, "eve"), 0);
}

#[tokio::test]
async fn the_progress_page_shows_the_students_own_reviews() {
    let app = spawn_app().await;
    let c = joined(&app, "pat").await;
    for _ in 0..3 {
        let shown = next_question(&c).await.unwrap();
        submit(&app, &c, &shown, correct_fields(&app, shown.qid), 10).await;
    }
    let html = c.get_html("/progress").await;
    assert_eq!(text(&html, "#streak").as_deref(), Some("1 day"));
    assert_eq!(text(&html, "#reviews-30").as_deref(), Some("3"));
    assert!(select(&html, "#heatmap rect").len() >= 365);
    let busiest = select(&html, "#heatmap rect.level-4");
    assert_eq!(busiest.len(), 1, "today is the busiest day");
    assert!(busiest[0].text().collect::<String>().contains("3 reviews"));
    assert!(!select(&html, "#forecast rect").is_empty());
    let other = app.signed_in("quin", "student").await;
    let html = other.get_html("/progress").await;
    assert_eq!(text(&html, "#reviews-30").as_deref(), Some("0"));
    assert!(select(&html, "#heatmap rect.level-4").is_empty());
}

#[tokio::test]
async fn a_student_may_lower_the_daily_limit_but_not_raise_it() {
    let app = spawn_app().await;
    let c = joined(&app, "lee").await;
    let course = format!("/courses/{DEMO}");
    let r = c
        .post_form(
            &course,
            &format!("{course}/prefs"),
            &[("new_per_day", "5"), ("desired_retention", "85")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let html = c.get_html(&course).await;
    assert_eq!(text(&html, "#new-count").as_deref(), Some("5"));
    assert_eq!(
        attr(&html, "#desired_retention", "value").as_deref(),
        Some("85")
    );
    let r = c
        .post_form(
            &course,
            &format!("{course}/prefs"),
            &[("new_per_day", "50"), ("desired_retention", "")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(
        text(&c.get_html(&course).await, "#new-count").as_deref(),
        Some("5"),
        "a refused change changes nothing"
    );

    let r = c
        .post_form(
            "/account",
            "/account/study",
            &[("time_zone", "Mars/Olympus"), ("day_start_hour", "4")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(text(&html, ".error-summary").unwrap().contains("time zone"));
    let r = c
        .post_form(
            "/account",
            "/account/study",
            &[("time_zone", "Asia/Tokyo"), ("day_start_hour", "5")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let tz: String = app
        .db()
        .query_row(
            "SELECT time_zone FROM users WHERE username = 'lee'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tz, "Asia/Tokyo");
}

#[tokio::test]
async fn two_tabs_answering_one_card_give_the_schedule_of_a_serial_replay() {
    use factcards::schedule::{CardState, Rating, Scheduler, SchedulerConfig};
    let app = spawn_app().await;
    let c = joined(&app, "tab").await;
    // Both tabs show the same new question, each with its own review key.
    let (one, two) = (
        next_question(&c).await.unwrap(),
        next_question(&c).await.unwrap(),
    );
    assert_eq!(one.qid, two.qid);
    assert_ne!(one.key, two.key);
    let right = correct_fields(&app, one.qid);
    let wrong = vec![("dont_know".to_string(), "1".to_string())];
    let (a, b) = tokio::join!(
        submit(&app, &c, &one, right, 10),
        submit(&app, &c, &two, wrong, 10)
    );
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
    assert_ne!(location(&a), location(&b), "two keys, two reviews");

    let conn = app.db();
    let mut stmt = conn.prepare("SELECT r.card_id, r.reviewed_at, r.rating FROM reviews r JOIN users u ON u.id = r.user_id WHERE u.username = 'tab' ORDER BY r.id").unwrap();
    let reviews: Vec<(i64, i64, u32)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(reviews.len(), 2);
    let sched = Scheduler::new(&SchedulerConfig::default()).unwrap();
    let mut card = CardState::new(reviews[0].1);
    for (card_id, at, rating) in &reviews {
        card = sched
            .apply(&card, *card_id, Rating::from_number(*rating).unwrap(), *at)
            .unwrap()
            .0;
    }
    let stored: (i64, i64, u32) = conn
        .query_row(
            "SELECT due, reps, lapses FROM cards WHERE id = ?1",
            [reviews[0].0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        stored,
        (card.due, i64::from(card.reps), card.lapses),
        "the stored card equals the replay"
    );
}

#[tokio::test]
async fn a_question_forgotten_again_and_again_is_flagged_as_a_leech() {
    let app = spawn_app().await;
    let c = joined(&app, "lex").await;
    let shown = next_question(&c).await.unwrap();
    submit(&app, &c, &shown, correct_fields(&app, shown.qid), 10).await;
    // The card has been forgotten seven times before and is due again now.
    let now = app.clock.now();
    app.db()
        .execute(
            "UPDATE cards SET state = 'review', lapses = 7, stability = 3, difficulty = 8, due = ?1, last_review = ?2, scheduled_days = 3 WHERE question_id = ?3",
            rusqlite::params![now - 60, now - 3 * 86_400, shown.qid],
        )
        .unwrap();
    let again = next_question(&c).await.unwrap();
    assert_eq!(again.qid, shown.qid, "the due card comes first");
    let r = submit(&app, &c, &again, vec![("dont_know".into(), "1".into())], 10).await;
    let result = c.get_html(&location(&r)).await;
    assert!(text(&result, "#leech").unwrap().contains("keep forgetting"));
    let progress = c.get_html("/progress").await;
    assert_eq!(
        text(&progress, "#weakest .leech-badge").as_deref(),
        Some("leech")
    );

    // The course's instructors see it too, with the student; students do not see the list.
    let course = c.get_html(&format!("/courses/{DEMO}")).await;
    assert!(select(&course, "#leeches").is_empty());
    let admin = app.signed_in("ada", "admin").await;
    let course = admin.get_html(&format!("/courses/{DEMO}")).await;
    let row = format!("#leeches tr[data-question=\"{}\"]", shown.qid);
    assert_eq!(select(&course, &row).len(), 1, "{}", course.html());
    let cells: Vec<String> = select(&course, &format!("{row} td"))
        .iter()
        .map(|td| td.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(cells[1..], ["lex".to_string(), "8".to_string()]);
}

/// Due cards counted the long way: joined to their questions and sets.
fn visible_due(app: &TestApp, user: &str) -> i64 {
    app.db()
        .query_row(
            "SELECT count(*) FROM cards c JOIN users u ON u.id = c.user_id
             JOIN questions q ON q.id = c.question_id AND q.status = 'active'
             JOIN question_sets s ON s.id = q.set_id AND s.published = 1
             WHERE u.username = ?1 AND c.state != 'new' AND c.due <= ?2",
            rusqlite::params![user, app.clock.now()],
            |r| r.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn cards_of_retired_questions_and_unpublished_sets_leave_the_queue_and_come_back() {
    let app = spawn_app().await;
    let c = joined(&app, "eve").await;
    let mut answered = Vec::new();
    for _ in 0..4 {
        let shown = next_question(&c).await.unwrap();
        let r = submit(&app, &c, &shown, correct_fields(&app, shown.qid), 10).await;
        assert_eq!(r.status(), 303);
        answered.push(shown.qid);
    }
    app.clock.advance(3 * 86_400);
    let due = || async {
        let html = c.get_html(&format!("/courses/{DEMO}")).await;
        match text(&html, "#due-count") {
            Some(n) => n.parse::<i64>().unwrap(),
            None => {
                assert!(select(&html, "#nothing-due").len() == 1);
                0
            }
        }
    };
    assert_eq!(due().await, 4);

    // Changes made outside the server (another connection, as `factcards import` would) count.
    let retired = answered[1];
    let set_status = |status: &str| {
        app.db()
            .execute(
                "UPDATE questions SET status = ?2 WHERE id = ?1",
                rusqlite::params![retired, status],
            )
            .unwrap();
    };
    set_status("retired");
    assert_eq!(due().await, 3);
    assert_eq!(visible_due(&app, "eve"), 3);
    for _ in 0..3 {
        let shown = next_question(&c).await.unwrap();
        assert_ne!(shown.qid, retired, "a retired question is not studied");
        submit(&app, &c, &shown, correct_fields(&app, shown.qid), 10).await;
    }
    // Within the session's idle and absolute timeouts, and past the graduated cards' intervals.
    app.clock.advance(6 * 86_400);
    set_status("active");
    assert_eq!(due().await, visible_due(&app, "eve"));
    assert!(due().await >= 1);

    let set_published = |published: bool| {
        app.db()
            .execute(
                "UPDATE question_sets SET published = ?2
                 WHERE id = (SELECT set_id FROM questions WHERE id = ?1)",
                rusqlite::params![retired, published],
            )
            .unwrap();
    };
    let before = due().await;
    set_published(false);
    let hidden = due().await;
    assert!(hidden < before, "{hidden} < {before}");
    assert!(
        next_question(&c).await.is_none(),
        "the course's only set is unpublished"
    );
    assert_eq!(hidden, visible_due(&app, "eve"));
    set_published(true);
    assert_eq!(due().await, before);
}

#[tokio::test]
async fn the_workload_page_compares_desired_retentions_with_the_students_own() {
    let app = spawn_app().await;
    let c = joined(&app, "wes").await;
    let course = format!("/courses/{DEMO}");
    let html = c.get_html(&course).await;
    assert_eq!(
        attr(&html, "#workload-link", "href"),
        Some(format!("{course}/workload"))
    );
    let rows = |html: &scraper::Html| -> Vec<(u32, f32, bool)> {
        select(html, "#workload-table tbody tr")
            .iter()
            .map(|tr| {
                let cells: Vec<String> = tr
                    .select(&scraper::Selector::parse("td").unwrap())
                    .map(|td| td.text().collect::<String>())
                    .collect();
                (
                    tr.value().attr("data-retention").unwrap().parse().unwrap(),
                    cells[1].trim().parse().unwrap(),
                    tr.value().attr("aria-current").is_some(),
                )
            })
            .collect()
    };
    let table = rows(&c.get_html(&format!("{course}/workload")).await);
    let levels: Vec<u32> = table.iter().map(|r| r.0).collect();
    assert_eq!(levels, [80, 85, 90, 95, 97]);
    assert_eq!(
        table
            .iter()
            .filter(|r| r.2)
            .map(|r| r.0)
            .collect::<Vec<_>>(),
        [90],
        "the course's 90% is the student's until they choose"
    );
    assert!(
        table.windows(2).all(|w| w[0].1 <= w[1].1),
        "more retention, more answers: {table:?}"
    );
    assert!(table[0].1 > 0.0);

    let r = c
        .post_form(
            &course,
            &format!("{course}/prefs"),
            &[("new_per_day", ""), ("desired_retention", "88")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let table = rows(&c.get_html(&format!("{course}/workload")).await);
    assert_eq!(
        table.iter().map(|r| r.0).collect::<Vec<_>>(),
        [80, 85, 88, 90, 95, 97]
    );
    assert!(table[2].2, "their own 88% is marked");

    // Only members see a course's workload.
    let other = app.signed_in("out", "student").await;
    assert_eq!(
        other
            .http
            .get(other.url(&format!("{course}/workload")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}
