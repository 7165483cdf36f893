//! Health, headers, CSRF, authorization, limits, migrations and backups.

use crate::helpers::*;

#[tokio::test]
async fn healthz_answers_ok() {
    let app = spawn_app().await;
    let r = app.client().get("/healthz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok");
}

fn assert_security_headers(r: &reqwest::Response) {
    let h = r.headers();
    let csp = h
        .get("content-security-policy")
        .expect("CSP")
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert!(h.get("referrer-policy").is_some());
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let c = app.client();
    assert_security_headers(&c.get("/login").await);
    let missing = c.get("/no/such/page").await;
    assert_eq!(missing.status(), 404);
    assert_security_headers(&missing);
    let forged = c
        .post_raw("/login", &[("username", "x"), ("password", "y")])
        .await;
    assert_eq!(forged.status(), 403);
    assert_security_headers(&forged);
}

#[tokio::test]
async fn error_pages_are_styled_and_leak_nothing() {
    let app = spawn_app().await;
    let r = app.client().get("/no/such/page").await;
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        text(&html, "#error-heading").as_deref(),
        Some("Page not found")
    );
    assert!(!select(&html, "link[rel=stylesheet]").is_empty());
}

#[tokio::test]
async fn a_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.signed_in("root", "admin").await;
    let fields = [
        ("username", "mallory"),
        ("role", "admin"),
        ("password", "long enough pw"),
    ];
    let r = admin.post_raw("/admin/users", &fields).await;
    assert_eq!(r.status(), 403);
    let mut wrong = fields.to_vec();
    wrong.push((
        "csrf_token",
        "0000000000000000000000000000000000000000000000000000000000000000",
    ));
    assert_eq!(admin.post_raw("/admin/users", &wrong).await.status(), 403);
    // The right token from another session does not work either.
    let other = app.signed_in("other", "admin").await;
    let foreign = other.csrf("/admin/users").await;
    let mut stolen = fields.to_vec();
    stolen.push(("csrf_token", &foreign));
    assert_eq!(admin.post_raw("/admin/users", &stolen).await.status(), 403);
    let n: i64 = app
        .db()
        .query_row(
            "SELECT count(*) FROM users WHERE username = 'mallory'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
    // With the right token the same request works.
    assert_eq!(
        admin
            .post_form("/admin/users", "/admin/users", &fields)
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused_even_with_a_token() {
    let app = spawn_app().await;
    let c = app.signed_in("ivy", "student").await;
    let token = c.csrf("/account").await;
    let r = c
        .http
        .post(c.url("/logout"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .http
        .post(c.url("/logout"))
        .header("origin", "http://evil.example")
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(c.get("/account").await.status(), 200, "still signed in");
}

#[tokio::test]
async fn students_cannot_open_admin_pages_and_anonymous_users_must_sign_in() {
    let app = spawn_app().await;
    let student = app.signed_in("joe", "student").await;
    let r = student.get("/admin/users").await;
    assert_eq!(r.status(), 403);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        text(&html, "#error-heading").as_deref(),
        Some("You do not have access to this page")
    );
    let r = student
        .post_form(
            "/account",
            "/admin/users",
            &[
                ("username", "x2"),
                ("role", "admin"),
                ("password", "long enough pw"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = app.client().get("/admin/users").await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login?next=%2Fadmin%2Fusers");
}

#[tokio::test]
async fn oversized_forms_are_refused() {
    let app = spawn_app().await;
    let c = app.client();
    let token = c.csrf("/login").await;
    let big = "x".repeat(300 * 1024);
    let r = c
        .post_raw(
            "/login",
            &[
                ("csrf_token", &token),
                ("username", &big),
                ("password", "p"),
            ],
        )
        .await;
    assert!(r.status().is_client_error(), "{}", r.status());
}

#[tokio::test]
async fn a_fresh_database_is_migrated_on_start() {
    let app = spawn_app().await;
    let v: i64 = app
        .db()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, factcards::db::schema_version());
    let mode: String = app
        .db()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn backup_while_serving_is_consistent_and_holds_the_data() {
    let app = spawn_app().await;
    let _c = app.signed_in("kim", "student").await;
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("copy.db");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_factcards"))
        .args([
            "--db",
            app.db_path.to_str().unwrap(),
            "backup",
            dest.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let copy = rusqlite::Connection::open(&dest).unwrap();
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let n: i64 = copy
        .query_row(
            "SELECT count(*) FROM users WHERE username = 'kim'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    // A second backup to the same file is refused rather than overwriting it.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_factcards"))
        .args([
            "--db",
            app.db_path.to_str().unwrap(),
            "backup",
            dest.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[tokio::test]
async fn the_user_command_adds_lists_and_disables_accounts() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let bin = env!("CARGO_BIN_EXE_factcards");
    let mut child = std::process::Command::new(bin)
        .args([
            "--db",
            db.to_str().unwrap(),
            "user",
            "add",
            "teacher",
            "--role",
            "instructor",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long password\n")
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    let list = std::process::Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "user", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(
        list.contains("teacher") && list.contains("instructor") && list.contains("active"),
        "{list}"
    );
    let dis = std::process::Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "user", "disable", "teacher"])
        .output()
        .unwrap();
    assert!(dis.status.success());
    let list = std::process::Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "user", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("disabled"));
    // Bad input names the problem and exits non-zero.
    let bad = std::process::Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "user", "disable", "nobody"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no user named nobody"));
}

#[tokio::test]
async fn a_bad_setting_stops_the_server_with_a_clear_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factcards"))
        .args(["serve", "--addr", "not-an-address"])
        .env("FACTCARDS_DB", "/nonexistent/x.db")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("command line: addr = \"not-an-address\""),
        "{err}"
    );
}

#[tokio::test]
async fn malformed_requests_get_the_styled_pages_not_parser_messages() {
    let app = spawn_app().await;
    let c = app.signed_in("max", "student").await;
    let r = c
        .post_form(
            "/account",
            "/account/password",
            &[("current_password", "x")],
        )
        .await;
    assert_eq!(r.status(), 400);
    let body = r.text().await.unwrap();
    assert!(
        !body.contains("Parse error") && !body.contains("missing field"),
        "{body}"
    );
    let html = scraper::Html::parse_document(&body);
    assert_eq!(
        text(&html, "#error-heading").as_deref(),
        Some("There is a problem")
    );
    let r = c.get("/courses/japan-russia/attempts/not-a-number").await;
    assert_eq!(r.status(), 404);
    assert!(!r.text().await.unwrap().contains("can not parse"));
}

#[test]
fn import_then_export_gives_back_the_same_question_set() {
    use factcards::quiz::setfile;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rt.db");
    let bin = env!("CARGO_BIN_EXE_factcards");
    let source = concat!(env!("CARGO_MANIFEST_DIR"), "/questions/japan-russia.toml");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let said = run(&["import", source, "--course", "copy", "--create"]);
    assert!(said.contains("25 added"), "{said}");
    let exported = run(&["export", "--course", "copy"]);
    let questions_dir = std::path::Path::new(source).parent().unwrap();
    let read = |f: &str| std::fs::read_to_string(questions_dir.join(f)).map_err(|e| e.to_string());
    let original = setfile::parse(
        "japan-russia.toml",
        &std::fs::read_to_string(source).unwrap(),
        &read,
    )
    .unwrap();
    let back = setfile::parse("exported.toml", &exported, &|_| Err("inline only".into())).unwrap();
    assert_eq!(original, back);
    // And importing the export again changes nothing but updates in place.
    let file = dir.path().join("exported.toml");
    std::fs::write(&file, &exported).unwrap();
    let said = run(&["import", file.to_str().unwrap(), "--course", "copy"]);
    assert!(said.contains("0 added, 25 updated, 0 retired"), "{said}");
}
