//! `spawn_app`: a real server on port 0 with a fresh database, and a cookie-keeping client.

use factcards::clock::Clock;
use factcards::config::{Config, Registration};
use reqwest::redirect::Policy;
use scraper::{Html, Selector};
use std::path::PathBuf;

pub struct TestApp {
    pub base: String,
    pub db_path: PathBuf,
    pub clock: Clock,
    pub setup_token: Option<String>,
    /// Keeps the database directory alive for the test's duration.
    _dir: tempfile::TempDir,
}

/// A browser-like client: keeps cookies, does not follow redirects (tests assert on them).
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: dir.path().join("test.db"),
        registration: Registration::Open,
        workers: 2,
        ..Config::default()
    };
    tweak(&mut config);
    let clock = Clock::default();
    let app = factcards::startup::build(config.clone(), clock.clone()).expect("server builds");
    tokio::spawn(app.server);
    TestApp {
        base: format!("http://{}", app.addr),
        db_path: config.db,
        clock,
        setup_token: app.setup_token,
        _dir: dir,
    }
}

impl TestApp {
    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .unwrap(),
            base: self.base.clone(),
        }
    }

    /// Adds an account directly in the database, as `factcards user add` does.
    pub fn add_user(&self, name: &str, password: &str, role: &str) -> i64 {
        let conn = rusqlite::Connection::open(&self.db_path).unwrap();
        let hash = factcards::auth::password::hash_password(password).unwrap();
        let role = factcards::db::users::Role::parse(role).unwrap();
        factcards::db::users::add_user(&conn, name, &hash, role, 0).unwrap()
    }

    /// A client already signed in as a new user with `role`.
    pub async fn signed_in(&self, name: &str, role: &str) -> Client {
        self.add_user(name, "correct horse battery", role);
        let c = self.client();
        let r = c.login(name, "correct horse battery").await;
        assert_eq!(r.status(), 303, "sign-in as {name} failed");
        c
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db_path).unwrap()
    }
}

impl Client {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_html(&self, path: &str) -> Html {
        let r = self.get(path).await;
        assert!(r.status().is_success(), "GET {path}: {}", r.status());
        Html::parse_document(&r.text().await.unwrap())
    }

    /// The CSRF token from the first form of a page.
    pub async fn csrf(&self, path: &str) -> String {
        let html = self.get_html(path).await;
        attr(&html, "input[name=csrf_token]", "value").expect("page has a CSRF field")
    }

    /// POSTs a form, adding the CSRF token taken from `form_page` first.
    pub async fn post_form(
        &self,
        form_page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf(form_page).await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(path, &all).await
    }

    /// POSTs exactly the given fields (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/login",
            "/login",
            &[("username", username), ("password", password)],
        )
        .await
    }
}

/// Creates a course as `teacher` through the form; returns its code.
pub async fn new_course(teacher: &Client, title: &str) -> String {
    let r = teacher
        .post_form(
            "/courses/new",
            "/courses",
            &[
                ("title", title),
                ("new_per_day", "20"),
                ("desired_retention", "90"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "creating course {title}");
    location(&r).trim_start_matches("/courses/").to_string()
}

pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

pub fn attr(html: &Html, css: &str, name: &str) -> Option<String> {
    select(html, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

pub fn text(html: &Html, css: &str) -> Option<String> {
    select(html, css)
        .first()
        .map(|e| e.text().collect::<String>().trim().to_string())
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}
