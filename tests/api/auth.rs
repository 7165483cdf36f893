//! Accounts and sessions over HTTP.

use crate::helpers::*;

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn register_then_sign_out_and_in_again() {
    let app = spawn_app().await;
    let c = app.client();
    let r = c
        .post_form(
            "/register",
            "/register",
            &[
                ("username", "ada"),
                ("password", PASSWORD),
                ("confirm_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let home = c.get_html("/").await;
    assert_eq!(text(&home, "#current-user").as_deref(), Some("ada"));
    assert!(
        text(&home, ".flash")
            .unwrap()
            .contains("account has been created")
    );

    let r = c.post_form("/", "/logout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login");
    let r = c.get("/").await;
    assert_eq!(r.status(), 303, "signed out users are sent to sign in");
    assert!(location(&r).starts_with("/login?next="));

    let r = c.login("ada", PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        text(&c.get_html("/").await, "#current-user").as_deref(),
        Some("ada")
    );
}

#[tokio::test]
async fn registration_rejects_bad_input_and_keeps_the_username() {
    let app = spawn_app().await;
    app.add_user("taken", PASSWORD, "student");
    let c = app.client();
    let r = c
        .post_form(
            "/register",
            "/register",
            &[
                ("username", "taken"),
                ("password", "short"),
                ("confirm_password", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(text(&html, "title").unwrap().starts_with("Error: "));
    assert!(
        text(&html, ".error-summary")
            .unwrap()
            .contains("at least 8 characters")
    );
    assert_eq!(attr(&html, "#username", "value").as_deref(), Some("taken"));
    let n: i64 = app
        .db()
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn closed_registration_refuses_new_accounts() {
    let app = spawn_app_with(|c| c.registration = factcards::config::Registration::Closed).await;
    let c = app.client();
    let html = c.get_html("/register").await;
    assert!(!select(&html, "#registration-closed").is_empty());
    let r = c
        .post_form(
            "/login",
            "/register",
            &[
                ("username", "eve"),
                ("password", PASSWORD),
                ("confirm_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    let n: i64 = app
        .db()
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    app.add_user("bob", PASSWORD, "student");
    let c = app.client();
    let wrong = c.login("bob", "not the password").await;
    assert_eq!(wrong.status(), 200);
    let wrong = scraper::Html::parse_document(&wrong.text().await.unwrap());
    let unknown = c.login("nobody", "not the password").await;
    let unknown = scraper::Html::parse_document(&unknown.text().await.unwrap());
    let msg = text(&wrong, ".error-summary li").unwrap();
    assert_eq!(msg, "Username or password is incorrect");
    assert_eq!(text(&unknown, ".error-summary li").unwrap(), msg);
    assert_eq!(c.get("/").await.status(), 303, "still signed out");
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_then_released() {
    let app = spawn_app().await;
    app.add_user("carol", PASSWORD, "student");
    let c = app.client();
    for _ in 0..factcards::auth::ratelimit::ACCOUNT_FREE_FAILURES {
        assert_eq!(c.login("carol", "guess guess").await.status(), 200);
    }
    let r = c.login("carol", PASSWORD).await;
    assert_eq!(
        r.status(),
        429,
        "even the right password waits while locked"
    );
    assert!(r.headers().get("retry-after").is_some());
    assert!(r.text().await.unwrap().contains("Too many attempts"));
    app.clock
        .advance(factcards::auth::ratelimit::ACCOUNT_BASE_DELAY);
    assert_eq!(c.login("carol", PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn a_session_ends_at_sign_out_and_its_cookie_is_dead() {
    let app = spawn_app().await;
    app.add_user("dave", PASSWORD, "student");
    let c = app.client();
    let r = c.login("dave", PASSWORD).await;
    let set_cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("fc_session="))
        .expect("sign-in sets the session cookie")
        .to_string();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let pair = set_cookie.split(';').next().unwrap().to_string();
    let replay = || async {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(format!("{}/account", app.base))
            .header("cookie", pair.clone())
            .send()
            .await
            .unwrap()
    };
    assert_eq!(
        replay().await.status(),
        200,
        "the cookie works while signed in"
    );
    assert_eq!(c.post_form("/", "/logout", &[]).await.status(), 303);
    let r = replay().await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/login"));
    let n: i64 = app
        .db()
        .query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn password_change_ends_other_sessions_but_keeps_this_one() {
    let app = spawn_app().await;
    let a = app.signed_in("erin", "student").await;
    let b = app.client();
    assert_eq!(b.login("erin", PASSWORD).await.status(), 303);
    let r = a
        .post_form(
            "/account",
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a new long phrase"),
                ("confirm_password", "a new long phrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(a.get("/account").await.status(), 200);
    assert_eq!(
        b.get("/account").await.status(),
        303,
        "the other device is signed out"
    );
    assert_eq!(
        b.login("erin", PASSWORD).await.status(),
        200,
        "old password no longer works"
    );
    assert_eq!(b.login("erin", "a new long phrase").await.status(), 303);
}

#[tokio::test]
async fn wrong_current_password_changes_nothing() {
    let app = spawn_app().await;
    let a = app.signed_in("fay", "student").await;
    let r = a
        .post_form(
            "/account",
            "/account/password",
            &[
                ("current_password", "wrong wrong"),
                ("new_password", "another phrase"),
                ("confirm_password", "another phrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert!(
        text(&html, ".error-summary")
            .unwrap()
            .contains("current password is incorrect")
    );
    assert_eq!(app.client().login("fay", PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn idle_sessions_expire() {
    let app = spawn_app().await;
    let c = app.signed_in("gus", "student").await;
    assert_eq!(c.get("/account").await.status(), 200);
    app.clock.advance(8 * 24 * 3600);
    assert_eq!(c.get("/account").await.status(), 303);
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions() {
    let app = spawn_app().await;
    let admin = app.signed_in("root", "admin").await;
    let student = app.signed_in("hal", "student").await;
    let id: i64 = app
        .db()
        .query_row("SELECT id FROM users WHERE username = 'hal'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let r = admin
        .post_form(
            "/admin/users",
            &format!("/admin/users/{id}/status"),
            &[("disabled", "true")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(student.get("/account").await.status(), 303);
    assert_eq!(app.client().login("hal", PASSWORD).await.status(), 400);
}

#[tokio::test]
async fn the_setup_link_creates_the_first_admin_once() {
    let app = spawn_app().await;
    let token = app
        .setup_token
        .clone()
        .expect("no admin yet, so a setup link");
    let c = app.client();
    assert_eq!(c.get("/setup?token=wrong").await.status(), 404);
    let page = format!("/setup?token={token}");
    let r = c
        .post_form(
            &page,
            "/setup",
            &[
                ("setup_token", &token),
                ("username", "boss"),
                ("password", PASSWORD),
                ("confirm_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(c.get("/admin/users").await.status(), 200);
    assert_eq!(
        app.client().get(&page).await.status(),
        404,
        "the link works once"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_has_its_own_budget() {
    let app = spawn_app_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let c = app.client();
    let token = c.csrf("/login").await;
    let attempt = |addr: &'static str, n: usize| {
        let (c, token) = (&c, token.clone());
        async move {
            c.http
                .post(c.url("/login"))
                .header("x-forwarded-for", format!("203.0.113.9, {addr}"))
                .form(&[
                    ("username", format!("user{n}").as_str()),
                    ("password", "wrong password"),
                    ("csrf_token", &token),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for n in 0..factcards::auth::ratelimit::ADDRESS_MAX_FAILURES {
        assert_eq!(attempt("198.51.100.1", n).await, 200);
    }
    assert_eq!(
        attempt("198.51.100.1", 999).await,
        429,
        "that client is limited"
    );
    assert_eq!(
        attempt("198.51.100.2", 999).await,
        200,
        "another client behind the same proxy is not"
    );
}

#[tokio::test]
async fn guessing_join_codes_is_rate_limited() {
    let app = spawn_app().await;
    let c = app.signed_in("guesser", "student").await;
    for _ in 0..factcards::auth::ratelimit::ACCOUNT_FREE_FAILURES {
        assert_eq!(
            c.post_form("/", "/courses/join", &[("join_code", "ZZZZZZZZ")])
                .await
                .status(),
            200
        );
    }
    assert_eq!(
        c.post_form("/", "/courses/join", &[("join_code", "ZZZZZZZZ")])
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn registrations_per_address_are_capped() {
    let app = spawn_app().await;
    let limit = factcards::auth::ratelimit::REGISTRATIONS_PER_ADDRESS;
    for n in 0..=limit {
        // A fresh client each time (a registration signs the browser in).
        let c = app.client();
        let name = format!("student{n}");
        let own = c.csrf("/register").await;
        let r = c
            .post_raw(
                "/register",
                &[
                    ("username", &name),
                    ("password", PASSWORD),
                    ("confirm_password", PASSWORD),
                    ("csrf_token", &own),
                ],
            )
            .await;
        let expected = if n < limit { 303 } else { 429 };
        assert_eq!(r.status().as_u16(), expected, "registration {n}");
    }
    let n: i64 = app
        .db()
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n as usize, limit);
}
