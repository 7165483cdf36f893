//! HTTP load benchmark of the study path, against a bare actix-web + askama + rusqlite baseline.
//!
//! `cargo bench --bench load -- [--quick] [--secs N] [--warmup N] [--db FILE] [--only abc]`
//!
//! 1. Builds a fresh database (a temporary file, or `--db FILE`, kept afterwards): 1,000 students,
//!    one course with one published set of 500 questions, and a year of study history (about 300
//!    cards per student, 3–5 reviews per card). Direct SQL in one transaction; every account
//!    shares one precomputed argon2 hash.
//! 2. Starts, in this process and on 127.0.0.1:0, the real server (`factcards::startup::build`,
//!    one HTTP worker per core) and the baseline: a minimal actix-web app that reads one user by
//!    primary key through a pool of read-only connections to the same file and renders a small
//!    askama template.
//! 3. Signs students in through the login form, one per connection (each with its own reqwest
//!    client, cookie store and keep-alive connection), and runs closed-loop load for a fixed time
//!    after a warm-up, at 32 and 256 connections:
//!    - (c) baseline `GET /users/{id}`,
//!    - (a) `GET /courses/bench/study` (must show a question),
//!    - (b) answer: `GET /courses/bench/study`, then `POST /courses/bench/study/{id}` with the
//!      page's review key, shown_at and CSRF token; counted once per accepted answer (303 to the
//!      review), the redirect is not followed. The GET it needs is reported on its own row.
//!      When a student has nothing left to study, the connection continues as a spare student.
//!
//! The client runs in the same process on the same cores (a tokio runtime whose threads are named
//! `bench-client`); the CPU columns split the process's CPU time during the measured window
//! between the client and everything else (the servers).

use actix_web::{App, HttpResponse, HttpServer, web};
use askama::Template;
use factcards::clock::Clock;
use factcards::config::{Config, Registration};
use factcards::quiz::model::Body;
use reqwest::redirect::Policy;
use rusqlite::{Connection, OpenFlags, params};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const STUDENTS: usize = 1000;
const QUESTIONS: usize = 500;
const CARDS_PER_STUDENT: usize = 300;
/// Share of cards due now or overdue.
const DUE_SHARE: f64 = 0.6;
/// Share of answers in (b) that are right; the rest are "I don't know".
const RIGHT_SHARE: f64 = 0.85;
const COURSE: &str = "bench";
const PASSWORD: &str = "bench-password-not-secret";
const CONNECTIONS: [usize; 2] = [32, 256];
/// Students signed in besides the 256 + 32 that start the scenarios: the answer scenario moves a
/// connection to one of these when its student has nothing left to study.
const SPARE_STUDENTS: usize = 192;
const DAY: i64 = 86_400;
const TIME_ZONES: [&str; 5] = [
    "UTC",
    "Europe/Berlin",
    "Asia/Tokyo",
    "America/New_York",
    "Asia/Vladivostok",
];

struct Args {
    secs: f64,
    warmup: f64,
    db: Option<PathBuf>,
    /// Scenarios to run (letters a, b, c); all by default.
    only: String,
}

fn parse_args() -> Args {
    let mut a = Args {
        secs: 10.0,
        warmup: 2.0,
        db: None,
        only: "abc".into(),
    };
    let mut secs = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().unwrap_or_else(|| panic!("{name} needs a value"));
        match arg.as_str() {
            "--quick" => a.secs = 3.0,
            "--secs" => secs = Some(value("--secs").parse().expect("--secs: seconds")),
            "--warmup" => a.warmup = value("--warmup").parse().expect("--warmup: seconds"),
            "--db" => a.db = Some(PathBuf::from(value("--db"))),
            "--only" => a.only = value("--only"),
            "--bench" => {} // added by `cargo bench`
            other => eprintln!("ignoring unknown argument {other:?}"),
        }
    }
    if let Some(s) = secs {
        a.secs = s;
    }
    a
}

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in lo..hi (lo when the range is empty).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + (self.next() % (hi - lo) as u64) as i64
        }
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

// ---------------------------------------------------------------------------------------------
// Dataset

/// The right answer's form fields for each question id.
type Answers = HashMap<i64, Vec<(String, String)>>;

struct Dataset {
    answers: Answers,
    user_ids: Vec<i64>,
    usernames: Vec<String>,
    reviews: i64,
    cards: i64,
}

fn question(i: usize) -> (String, Body, Vec<(String, String)>) {
    let one = |k: &str, v: String| vec![(k.to_string(), v)];
    match i % 5 {
        0 => {
            let choices: Vec<String> = ["Vladivostok", "Khabarovsk", "Irkutsk", "Yakutsk"]
                .iter()
                .map(|c| format!("{c} ({i})"))
                .collect();
            let right = i / 5 % 4;
            (
                format!("Question {i}: which city hosted the regional forum in the report?"),
                Body::SingleChoice {
                    answer: choices[right].clone(),
                    choices,
                },
                one("choice", right.to_string()),
            )
        }
        1 => (
            format!("Question {i}: which strait separates Sakhalin from the mainland?"),
            Body::ShortText {
                answer: format!("Tatar Strait {i}"),
                accept: vec![format!("Strait of Tartary {i}")],
            },
            one("answer", format!("Tatar Strait {i}")),
        ),
        2 => (
            format!("Question {i}: how many kilometres of pipeline were planned?"),
            Body::Numeric {
                answer: (i * 17) as f64,
                unit: Some("km".into()),
                tolerance: 0.0,
                relative_tolerance: 0.05,
            },
            one("answer", (i * 17).to_string()),
        ),
        3 => (
            format!("Question {i}: the initiative covered the Far East and Siberia."),
            Body::TrueFalse {
                answer: i.is_multiple_of(2),
            },
            one(
                "choice",
                if i.is_multiple_of(2) { "0" } else { "1" }.to_string(),
            ),
        ),
        _ => (
            String::new(),
            Body::Cloze {
                text: format!(
                    "In {}, the port of {{{{Vladivostok}}}} hosted the summit on the Russky Island campus.",
                    1900 + i
                ),
            },
            one("answer", "Vladivostok".into()),
        ),
    }
}

/// Creates the database with `factcards::db::open_rw` (schema and demo course), then adds the
/// benchmark course, students, cards and reviews in one transaction.
fn populate(path: &Path, hash: &str, now: i64) -> rusqlite::Result<Dataset> {
    drop(factcards::db::open_rw(path).expect("create and migrate the database"));
    let mut conn = Connection::open(path)?;
    // Bulk load: no WAL, no fsync, a large cache; the server's own connections set WAL again.
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288;",
    )?;
    let mut rng = Rng(0x5eed_f00d);
    let tx = conn.transaction()?;
    let year_ago = now - 365 * DAY;
    tx.execute(
        "INSERT INTO courses (code, title, description, join_code, open_to_all, created_at)
         VALUES (?1, 'Benchmark course', 'One published set of 500 questions.', 'BNCH99', 0, ?2)",
        params![COURSE, year_ago],
    )?;
    let course_id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO question_sets (course_id, slug, title, published, position, created_at, updated_at)
         VALUES (?1, 'all', 'All questions', 1, 1, ?2, ?2)",
        params![course_id, year_ago],
    )?;
    let set_id = tx.last_insert_rowid();

    let mut answers = Answers::new();
    let mut question_ids = Vec::with_capacity(QUESTIONS);
    {
        let mut stmt = tx.prepare(
            "INSERT INTO questions (set_id, slug, position, prompt, body, explanation, tags,
                 source_sentence, status, origin, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '[]', ?7, 'active', 'bench', ?8, ?8)",
        )?;
        for i in 0..QUESTIONS {
            let (prompt, body, right) = question(i);
            let body = serde_json::to_string(&body).expect("body serialises");
            stmt.execute(params![
                set_id,
                format!("q{i:03}"),
                i as i64 + 1,
                prompt,
                body,
                "The 2012 Diplomatic Bluebook describes the cooperation in detail.",
                format!(
                    "Sentence {i} of the source document, long enough to look like a real \
                     sentence about the Russian Far East, Siberia and Japan."
                ),
                year_ago,
            ])?;
            let id = tx.last_insert_rowid();
            question_ids.push(id);
            answers.insert(id, right);
        }
    }

    let mut user_ids = Vec::with_capacity(STUDENTS);
    let mut usernames = Vec::with_capacity(STUDENTS);
    let (mut cards, mut reviews) = (0i64, 0i64);
    {
        let mut add_user = tx.prepare(
            "INSERT INTO users (username, display_name, password_hash, role, time_zone, created_at)
             VALUES (?1, ?2, ?3, 'student', ?4, ?5)",
        )?;
        let mut add_member = tx.prepare(
            "INSERT INTO course_members (course_id, user_id, role, joined_at)
             VALUES (?1, ?2, 'student', ?3)",
        )?;
        let mut add_prefs = tx.prepare(
            "INSERT INTO study_prefs (user_id, day_start_hour, params_reviews, params_updated_at)
             VALUES (?1, 4, ?2, ?3)",
        )?;
        let mut add_card = tx.prepare(
            "INSERT INTO cards (user_id, question_id, course_id, state, step, stability, difficulty,
                 due, last_review, reps, lapses, scheduled_days, created_at)
             VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut add_review = tx.prepare(
            "INSERT INTO reviews (user_id, card_id, question_id, course_id, review_key, reviewed_at,
                 rating, suggested_rating, correct, score, response, duration_ms, state_before,
                 elapsed_days, scheduled_days, new_scheduled_days, predicted_recall,
                 desired_retention, stability, difficulty, card_before)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 0.9, ?17, ?18, ?19)",
        )?;
        let mut order: Vec<usize> = (0..QUESTIONS).collect();
        for s in 0..STUDENTS {
            let name = format!("student{s:04}");
            let joined = year_ago + rng.range(0, 30 * DAY);
            add_user.execute(params![
                name,
                format!("Student {s}"),
                hash,
                TIME_ZONES[s % TIME_ZONES.len()],
                joined
            ])?;
            let uid = tx.last_insert_rowid();
            add_member.execute(params![course_id, uid, joined])?;
            // ~300 of the 500 questions, chosen at random (partial Fisher–Yates).
            for k in 0..CARDS_PER_STUDENT {
                let j = rng.range(k as i64, QUESTIONS as i64) as usize;
                order.swap(k, j);
            }
            let mut user_reviews = 0i64;
            for &qi in &order[..CARDS_PER_STUDENT] {
                let qid = question_ids[qi];
                let n = rng.range(3, 6) as usize;
                let first = rng.range(joined.max(now - 350 * DAY), now - 10 * DAY);
                let mut times: Vec<i64> = (0..n).map(|_| rng.range(first, now - 3600)).collect();
                times[0] = first;
                times.sort_unstable();
                let last = times[n - 1];
                let roll = rng.unit();
                let state = if roll < 0.03 {
                    "learning"
                } else if roll < 0.07 {
                    "relearning"
                } else {
                    "review"
                };
                let learning = state != "review";
                let due = if rng.chance(DUE_SHARE) {
                    rng.range((last + 600).max(now - 21 * DAY), now)
                } else if learning {
                    now + rng.range(3600, DAY)
                } else {
                    now + rng.range(3600, 42 * DAY)
                };
                let scheduled = if learning {
                    0
                } else {
                    ((due - last) / DAY).max(1)
                };
                let stability = if learning {
                    0.5 + 2.5 * rng.unit()
                } else {
                    scheduled as f64 * (0.7 + 0.8 * rng.unit())
                };
                let difficulty = 1.0 + 9.0 * rng.unit();
                let lapses = i64::from(state == "relearning") + i64::from(rng.chance(0.1));
                add_card.execute(params![
                    uid, qid, course_id, state, stability, difficulty, due, last, n as i64, lapses,
                    scheduled, first
                ])?;
                let card_id = tx.last_insert_rowid();
                cards += 1;
                let mut before_stability = 0.0f64;
                for k in 0..n {
                    let at = times[k];
                    let elapsed = if k == 0 { 0 } else { (at - times[k - 1]) / DAY };
                    let next_gap = times.get(k + 1).map_or(scheduled, |t| (t - at) / DAY);
                    let rating: i64 = match rng.unit() {
                        x if x < 0.12 => 1,
                        x if x < 0.20 => 2,
                        x if x < 0.90 => 3,
                        _ => 4,
                    };
                    let state_before = match k {
                        0 => "new",
                        1 => "learning",
                        _ => "review",
                    };
                    let after_stability = (before_stability * 1.8).max(0.5) + rng.unit();
                    let before = format!(
                        "{{\"state\":\"{state_before}\",\"step\":0,\"stability\":{before_stability:.3},\
                         \"difficulty\":{difficulty:.3},\"due\":{at},\"last_review\":{},\"reps\":{k},\
                         \"lapses\":0,\"scheduled_days\":{elapsed}}}",
                        if k == 0 {
                            "null".to_string()
                        } else {
                            times[k - 1].to_string()
                        }
                    );
                    add_review.execute(params![
                        uid,
                        card_id,
                        qid,
                        course_id,
                        format!("{card_id:016x}{k:016x}"),
                        at,
                        rating,
                        rating > 1,
                        if rating > 1 { 1.0 } else { 0.0 },
                        "{\"text\":\"bench\"}",
                        rng.range(2_000, 40_000),
                        state_before,
                        elapsed,
                        elapsed,
                        next_gap,
                        if k == 0 {
                            None
                        } else {
                            Some(0.75 + 0.23 * rng.unit())
                        },
                        after_stability,
                        difficulty,
                        before,
                    ])?;
                    before_stability = after_stability;
                    user_reviews += 1;
                }
            }
            // As if the scheduler had been fitted recently: the first answer in the benchmark
            // does not start a background fit (that is measured by the optimiser, not here).
            add_prefs.execute(params![uid, user_reviews, now - 3 * DAY])?;
            reviews += user_reviews;
            user_ids.push(uid);
            usernames.push(name);
        }
    }
    tx.commit()?;
    conn.execute_batch("PRAGMA journal_mode = WAL;")?;
    Ok(Dataset {
        answers,
        user_ids,
        usernames,
        reviews,
        cards,
    })
}

// ---------------------------------------------------------------------------------------------
// Baseline server: one indexed SELECT and a small askama template.

type Pool = r2d2::Pool<r2d2_sqlite::SqliteConnectionManager>;

#[derive(Template)]
#[template(
    source = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ username }}</title></head>
<body><main><h1>{{ display_name }}</h1>
<p>{{ username }} · {{ role }} · {{ time_zone }}</p></main></body></html>"#,
    ext = "html"
)]
struct UserPage {
    username: String,
    display_name: String,
    role: String,
    time_zone: String,
}

async fn baseline_user(path: web::Path<i64>, pool: web::Data<Pool>) -> HttpResponse {
    let Ok(conn) = pool.get() else {
        return HttpResponse::ServiceUnavailable().finish();
    };
    let page = conn
        .prepare_cached("SELECT username, display_name, role, time_zone FROM users WHERE id = ?1")
        .and_then(|mut stmt| {
            stmt.query_row([*path], |r| {
                Ok(UserPage {
                    username: r.get(0)?,
                    display_name: r.get(1)?,
                    role: r.get(2)?,
                    time_zone: r.get(3)?,
                })
            })
        });
    match page.map(|p| p.render()) {
        Ok(Ok(html)) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(rusqlite::Error::QueryReturnedNoRows) => HttpResponse::NotFound().finish(),
        _ => HttpResponse::InternalServerError().finish(),
    }
}

fn baseline_server(
    db: &Path,
    workers: usize,
) -> std::io::Result<(actix_web::dev::Server, SocketAddr)> {
    let manager = r2d2_sqlite::SqliteConnectionManager::file(db)
        .with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX);
    let pool = r2d2::Pool::builder()
        .max_size((workers * 2 + 2) as u32)
        .build(manager)
        .map_err(std::io::Error::other)?;
    let pool = web::Data::new(pool);
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let server = HttpServer::new(move || {
        App::new()
            .app_data(pool.clone())
            .route("/users/{id}", web::get().to(baseline_user))
    })
    .workers(workers)
    .listen(listener)?
    .run();
    Ok((server, addr))
}

struct Servers {
    app: SocketAddr,
    baseline: SocketAddr,
    workers: usize,
}

/// Starts both servers on their own thread (an actix system); returns once they listen.
fn start_servers(db: PathBuf) -> Servers {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("servers".into())
        .spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let config = Config {
                    addr: SocketAddr::from(([127, 0, 0, 1], 0)),
                    db: db.clone(),
                    registration: Registration::Closed,
                    ..Config::default()
                };
                let workers = config.worker_count();
                let app =
                    factcards::startup::build(config, Clock::default()).expect("factcards starts");
                let (baseline, baseline_addr) =
                    baseline_server(&db, workers).expect("baseline starts");
                tx.send(Servers {
                    app: app.addr,
                    baseline: baseline_addr,
                    workers,
                })
                .expect("main thread waits");
                let _ = tokio::join!(app.server, baseline);
            });
        })
        .expect("server thread");
    rx.recv().expect("servers start")
}

// ---------------------------------------------------------------------------------------------
// Client

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .pool_max_idle_per_host(1)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("http client")
}

/// The `value` of the first input named `name` (`name="…" value="…"`, as the templates write it).
fn input_value<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("name=\"{name}\" value=\"");
    let start = html.find(&key)? + key.len();
    let len = html[start..].find('"')?;
    Some(&html[start..start + len])
}

async fn login(base: &str, username: &str) -> Result<reqwest::Client, String> {
    let c = http_client();
    let page = c
        .get(format!("{base}/login"))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    let csrf = input_value(&page, "csrf_token").ok_or("no csrf_token on /login")?;
    let r = c
        .post(format!("{base}/login"))
        .form(&[
            ("username", username),
            ("password", PASSWORD),
            ("csrf_token", csrf),
        ])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status() != reqwest::StatusCode::SEE_OTHER {
        return Err(format!("sign-in as {username}: HTTP {}", r.status()));
    }
    Ok(c)
}

/// Signs in `names` with a few requests in flight; clients in the same order.
async fn login_all(base: &str, names: &[String]) -> Vec<reqwest::Client> {
    let next = Arc::new(AtomicUsize::new(0));
    let out: Arc<Mutex<Vec<Option<reqwest::Client>>>> =
        Arc::new(Mutex::new(vec![None; names.len()]));
    let names: Arc<Vec<String>> = Arc::new(names.to_vec());
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (next, out, names, base) = (next.clone(), out.clone(), names.clone(), base.to_string());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(name) = names.get(i) else { break };
                let c = login(&base, name).await.expect("sign-in");
                out.lock().unwrap()[i] = Some(c);
            }
        }));
    }
    for t in tasks {
        t.await.expect("sign-in task");
    }
    let clients = std::mem::take(&mut *out.lock().unwrap());
    clients.into_iter().map(|c| c.expect("signed in")).collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Scenario {
    Baseline,
    StudyPage,
    Answer,
}

impl Scenario {
    fn label(self) -> &'static str {
        match self {
            Scenario::Baseline => "(c) baseline: SELECT user by id + askama",
            Scenario::StudyPage => "(a) GET /courses/{code}/study",
            Scenario::Answer => "(b) POST answer (accepted, 303)",
        }
    }
}

/// Per-request latencies (µs) of successes, and failures, within the measured window.
#[derive(Default)]
struct Samples {
    micros: Vec<u32>,
    errors: u64,
}

impl Samples {
    fn record(&mut self, w: &Window, start: Instant, ok: bool) {
        let end = Instant::now();
        if start < w.from || end > w.to {
            return;
        }
        if ok {
            self.micros
                .push((end - start).as_micros().min(u32::MAX as u128) as u32);
        } else {
            self.errors += 1;
        }
    }
    fn merge(&mut self, other: Samples) {
        self.micros.extend(other.micros);
        self.errors += other.errors;
    }
}

#[derive(Clone, Copy)]
struct Window {
    from: Instant,
    to: Instant,
}

#[derive(Default)]
struct TaskResult {
    main: Samples,
    /// (b) only: the GET before each POST.
    get: Samples,
    switches: u64,
    error_notes: Vec<String>,
}

impl TaskResult {
    fn note(&mut self, w: &Window, what: String) {
        if self.error_notes.len() < 3 && Instant::now() >= w.from {
            self.error_notes.push(what);
        }
    }
}

struct Shared {
    app: String,
    baseline: String,
    answers: Answers,
    user_ids: Vec<i64>,
    spares: Mutex<Vec<reqwest::Client>>,
}

/// What the study page offers: the question id and the form's hidden fields.
struct Shown {
    qid: i64,
    review_key: String,
    shown_at: i64,
    csrf: String,
}

fn parse_study(html: &str) -> Option<Shown> {
    let action = format!("action=\"/courses/{COURSE}/study/");
    let start = html.find(&action)? + action.len();
    let len = html[start..].find('"')?;
    Some(Shown {
        qid: html[start..start + len].parse().ok()?,
        review_key: input_value(html, "review_key")?.to_string(),
        shown_at: input_value(html, "shown_at")?.parse().ok()?,
        csrf: input_value(html, "csrf_token")?.to_string(),
    })
}

/// Sends a request and reads the whole body: (status, body) or a transport error.
async fn fetch(req: reqwest::RequestBuilder) -> Result<(u16, String, String), String> {
    let r = req.send().await.map_err(|e| e.to_string())?;
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = r.text().await.map_err(|e| e.to_string())?;
    Ok((status, body, location))
}

async fn drive(
    kind: Scenario,
    mut client: reqwest::Client,
    shared: Arc<Shared>,
    w: Window,
    seed: u64,
) -> TaskResult {
    let mut out = TaskResult::default();
    let mut rng = Rng(seed);
    let study_url = format!("{}/courses/{COURSE}/study", shared.app);
    while Instant::now() < w.to {
        match kind {
            Scenario::Baseline => {
                let id = shared.user_ids[rng.range(0, shared.user_ids.len() as i64) as usize];
                let t = Instant::now();
                let r = fetch(client.get(format!("{}/users/{id}", shared.baseline))).await;
                let ok = matches!(&r, Ok((200, _, _)));
                out.main.record(&w, t, ok);
                if !ok {
                    out.note(&w, format!("baseline: {:?}", r.map(|(s, _, _)| s)));
                }
            }
            Scenario::StudyPage => {
                let t = Instant::now();
                let r = fetch(client.get(&study_url)).await;
                let ok = matches!(&r, Ok((200, body, _)) if body.contains("id=\"answer-form\""));
                out.main.record(&w, t, ok);
                if !ok {
                    out.note(&w, format!("study page: {:?}", r.map(|(s, _, _)| s)));
                }
            }
            Scenario::Answer => {
                let t = Instant::now();
                let r = fetch(client.get(&study_url)).await;
                let shown = match &r {
                    Ok((200, body, _)) => parse_study(body),
                    _ => None,
                };
                let Some(shown) = shown else {
                    let done = matches!(&r, Ok((200, body, _)) if body.contains("id=\"done\""));
                    if done {
                        // Nothing left to study today: carry on as a fresh student.
                        let spare = shared.spares.lock().unwrap().pop();
                        match spare {
                            Some(c) => {
                                client = c;
                                out.switches += 1;
                                continue;
                            }
                            None => {
                                out.get.record(&w, t, false);
                                out.note(&w, "no spare student left".into());
                                break;
                            }
                        }
                    }
                    out.get.record(&w, t, false);
                    out.note(&w, format!("study page: {:?}", r.map(|(s, _, _)| s)));
                    continue;
                };
                out.get.record(&w, t, true);
                let mut fields = if rng.chance(RIGHT_SHARE) {
                    shared.answers.get(&shown.qid).cloned().unwrap_or_default()
                } else {
                    vec![("dont_know".to_string(), "1".to_string())]
                };
                fields.extend([
                    ("review_key".to_string(), shown.review_key),
                    // As if the student took 3–30 s to answer.
                    (
                        "shown_at".to_string(),
                        (shown.shown_at - rng.range(3, 30)).to_string(),
                    ),
                    ("csrf_token".to_string(), shown.csrf),
                ]);
                let url = format!("{}/courses/{COURSE}/study/{}", shared.app, shown.qid);
                let t = Instant::now();
                let r = fetch(client.post(url).form(&fields)).await;
                let ok = matches!(&r, Ok((303, _, loc)) if loc.contains("/study/reviews/"));
                out.main.record(&w, t, ok);
                if !ok {
                    out.note(
                        &w,
                        format!("answer: {:?}", r.map(|(s, body, _)| (s, body.len()))),
                    );
                }
            }
        }
    }
    out
}

/// CPU time (clock ticks) of each of this process's threads so far: tid → (client thread?, ticks).
fn cpu_ticks() -> HashMap<String, (bool, u64)> {
    let mut out = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return out;
    };
    for entry in dir.flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = &stat[open + 1..close];
        // Fields after the name start at field 3 (state); utime and stime are fields 14 and 15.
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        let ticks: u64 = fields
            .get(11..13)
            .map(|f| f.iter().filter_map(|v| v.parse::<u64>().ok()).sum())
            .unwrap_or(0);
        out.insert(
            entry.file_name().to_string_lossy().into_owned(),
            (name.starts_with("bench-client"), ticks),
        );
    }
    out
}

/// CPU used between two snapshots, in cores: (client, everything else). Threads that ended in
/// between are not counted; threads that started count from zero.
fn cpu_used(
    before: &HashMap<String, (bool, u64)>,
    after: &HashMap<String, (bool, u64)>,
    secs: f64,
) -> (f64, f64) {
    let (mut client, mut other) = (0u64, 0u64);
    for (tid, (is_client, t1)) in after {
        let t0 = before.get(tid).map_or(0, |b| b.1);
        let d = t1.saturating_sub(t0);
        if *is_client {
            client += d;
        } else {
            other += d;
        }
    }
    let hz = 100.0; // USER_HZ on Linux
    (client as f64 / hz / secs, other as f64 / hz / secs)
}

struct Row {
    kind: Scenario,
    label: String,
    conns: usize,
    rate: f64,
    p50: f64,
    p99: f64,
    errors: u64,
    /// CPU used during the window, in cores: (client, server).
    cpu: (f64, f64),
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i] as f64 / 1000.0
}

fn summarise(
    kind: Scenario,
    label: &str,
    conns: usize,
    mut s: Samples,
    secs: f64,
    cpu: (f64, f64),
) -> Row {
    s.micros.sort_unstable();
    Row {
        kind,
        label: label.to_string(),
        conns,
        rate: s.micros.len() as f64 / secs,
        p50: percentile(&s.micros, 0.50),
        p99: percentile(&s.micros, 0.99),
        errors: s.errors,
        cpu,
    }
}

async fn run_scenario(
    kind: Scenario,
    clients: Vec<reqwest::Client>,
    shared: &Arc<Shared>,
    warmup: Duration,
    measure: Duration,
) -> Vec<Row> {
    let conns = clients.len();
    let start = Instant::now();
    let w = Window {
        from: start + warmup,
        to: start + warmup + measure,
    };
    let tasks: Vec<_> = clients
        .into_iter()
        .enumerate()
        .map(|(i, c)| tokio::spawn(drive(kind, c, shared.clone(), w, 0xbe0c_0000 + i as u64)))
        .collect();
    tokio::time::sleep_until(w.from.into()).await;
    let cpu0 = cpu_ticks();
    tokio::time::sleep_until(w.to.into()).await;
    let cpu1 = cpu_ticks();
    let mut all = TaskResult::default();
    for t in tasks {
        let r = t.await.expect("load task");
        all.main.merge(r.main);
        all.get.merge(r.get);
        all.switches += r.switches;
        for n in r.error_notes {
            if all.error_notes.len() < 5 {
                all.error_notes.push(n);
            }
        }
    }
    let secs = measure.as_secs_f64();
    let cpu = cpu_used(&cpu0, &cpu1, secs);
    for n in &all.error_notes {
        eprintln!("  {} @ {conns}: sample error: {n}", kind.label());
    }
    if all.switches > 0 {
        eprintln!(
            "  {} @ {conns}: {} connections moved on to a spare student (nothing left to study)",
            kind.label(),
            all.switches
        );
    }
    let mut rows = vec![summarise(kind, kind.label(), conns, all.main, secs, cpu)];
    if kind == Scenario::Answer {
        rows.push(summarise(
            kind,
            "(b) … its GET of the study page",
            conns,
            all.get,
            secs,
            cpu,
        ));
    }
    rows
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

fn fmt_ms(v: f64) -> String {
    if v.is_nan() {
        "–".into()
    } else if v < 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.1}")
    }
}

fn main() {
    let args = parse_args();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("# factcards load benchmark");
    println!();
    println!(
        "cores: {cores}; load average at start: {}; {} s per scenario after {} s warm-up",
        loadavg(),
        args.secs,
        args.warmup
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let db = args
        .db
        .clone()
        .unwrap_or_else(|| dir.path().join("bench.db"));
    if db.exists() {
        panic!("{} exists; give a new file to --db", db.display());
    }
    let t = Instant::now();
    let hash = factcards::auth::password::hash_password(PASSWORD).expect("hash");
    let now = Clock::default().now();
    let data = populate(&db, &hash, now).expect("populate the database");
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "dataset: {STUDENTS} students, {QUESTIONS} questions, {} cards, {} reviews; {:.1} MB; built in {:.1} s",
        data.cards,
        data.reviews,
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let servers = start_servers(db.clone());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .thread_name("bench-client")
        .enable_all()
        .build()
        .expect("client runtime");
    let app = format!("http://{}", servers.app);
    let baseline = format!("http://{}", servers.baseline);
    println!(
        "servers: factcards and baseline each with {} HTTP workers, in this process; client: tokio, {cores} threads, same process",
        servers.workers
    );

    let max = CONNECTIONS[1];
    let small = CONNECTIONS[0];
    let to_sign_in = max + small + SPARE_STUDENTS;
    let t = Instant::now();
    let mut clients = runtime.block_on(login_all(&app, &data.usernames[..to_sign_in]));
    println!(
        "signed in {to_sign_in} students through /login in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    // Students 0..256 serve (a) and then the 256-connection answers; 256..288 the 32-connection
    // answers; the rest are spares for the answer scenarios.
    let spares = clients.split_off(max + small);
    let answer_small = clients.split_off(max);
    let first = clients;
    let shared = Arc::new(Shared {
        app,
        baseline,
        answers: data.answers,
        user_ids: data.user_ids,
        spares: Mutex::new(spares),
    });
    let warmup = Duration::from_secs_f64(args.warmup);
    let measure = Duration::from_secs_f64(args.secs);
    let fresh = |n: usize| (0..n).map(|_| http_client()).collect::<Vec<_>>();

    let mut rows = Vec::new();
    let run = |letter: char| args.only.contains(letter);
    runtime.block_on(async {
        for &n in &CONNECTIONS {
            if run('c') {
                let clients = fresh(n);
                rows.extend(
                    run_scenario(Scenario::Baseline, clients, &shared, warmup, measure).await,
                );
            }
        }
        for &n in &CONNECTIONS {
            if run('a') {
                let clients = first[..n].to_vec();
                rows.extend(
                    run_scenario(Scenario::StudyPage, clients, &shared, warmup, measure).await,
                );
            }
        }
        if run('b') {
            let clients = answer_small.clone();
            rows.extend(run_scenario(Scenario::Answer, clients, &shared, warmup, measure).await);
            let clients = first.clone();
            rows.extend(run_scenario(Scenario::Answer, clients, &shared, warmup, measure).await);
        }
    });

    let base_rate: HashMap<usize, f64> = rows
        .iter()
        .filter(|r| r.kind == Scenario::Baseline)
        .map(|r| (r.conns, r.rate))
        .collect();
    let base_p50: HashMap<usize, f64> = rows
        .iter()
        .filter(|r| r.kind == Scenario::Baseline)
        .map(|r| (r.conns, r.p50))
        .collect();
    println!();
    println!(
        "| scenario | connections | req/s | p50 ms | p99 ms | errors | req/s vs (c) | p50 vs (c) | CPU client / server (cores) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let (ratio, p50_ratio) = match (r.kind, base_rate.get(&r.conns), base_p50.get(&r.conns)) {
            (Scenario::Baseline, _, _) => ("1".to_string(), "1".to_string()),
            (_, Some(rate), Some(p50)) => (
                format!("{:.3}", r.rate / rate),
                format!("{:.1}x", r.p50 / p50),
            ),
            _ => ("–".to_string(), "–".to_string()),
        };
        println!(
            "| {} | {} | {:.0} | {} | {} | {} | {ratio} | {p50_ratio} | {:.2} / {:.2} |",
            r.label,
            r.conns,
            r.rate,
            fmt_ms(r.p50),
            fmt_ms(r.p99),
            r.errors,
            r.cpu.0,
            r.cpu.1
        );
    }
    println!();
    println!(
        "(b): each answer needs the GET on the next row first; one (b) operation = GET + POST, so \
         answers/s equals the POST rate. Load average at end: {}",
        loadavg()
    );
    runtime.shutdown_timeout(Duration::from_secs(1));
    if args.db.is_some() {
        println!("database kept at {}", db.display());
    }
}
