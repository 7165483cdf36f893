//! HTTP: the route table, shared page parts, and the middleware every response passes through.

pub mod admin;
pub mod auth;
pub mod courses;
pub mod documents;
pub mod drafts;
pub mod editor;
pub mod error;
pub mod optimize;
pub mod practice;
pub mod progress;
pub mod question_view;
pub mod queue;
pub mod session;
pub mod study;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};

use crate::db::users::{Role, User};
use crate::startup::AppState;
use error::AppError;
use session::Ctx;

/// The whole route table.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(courses::show_home))
        .route("/healthz", web::get().to(healthz))
        .route("/static/app.css", web::get().to(stylesheet))
        .route("/static/study.js", web::get().to(study_script))
        .route("/login", web::get().to(auth::show_login))
        .route("/login", web::post().to(auth::save_login))
        .route("/logout", web::post().to(auth::save_logout))
        .route("/register", web::get().to(auth::show_register))
        .route("/register", web::post().to(auth::save_register))
        .route("/setup", web::get().to(auth::show_setup))
        .route("/setup", web::post().to(auth::save_setup))
        .route("/progress", web::get().to(progress::show_progress))
        .route("/account", web::get().to(auth::show_account))
        .route("/account/password", web::post().to(auth::save_password))
        .route("/account/study", web::post().to(auth::save_study_settings))
        .route("/courses", web::post().to(courses::save_new_course))
        .route("/courses/new", web::get().to(courses::show_new_course))
        .route("/courses/join", web::post().to(courses::save_join_code))
        .service(web::scope("/courses/{code}").configure(course_routes))
        .service(
            web::scope("/admin")
                .route("/users", web::get().to(admin::show_users))
                .route("/users", web::post().to(admin::save_new_user))
                .route(
                    "/users/{id}/status",
                    web::post().to(admin::save_user_status),
                )
                .route("/users/{id}/role", web::post().to(admin::save_user_role)),
        );
}

/// Routes under `/courses/{code}`.
fn course_routes(cfg: &mut web::ServiceConfig) {
    use web::{get, post};
    // Routes are tried in order, and each with a {parameter} costs a regex match: studying,
    // the busiest path, comes first.
    cfg.route("/study", get().to(study::show_study))
        .route("/study/{question_id}", post().to(study::save_study_answer))
        .route("/study/reviews/{id}", get().to(study::show_study_result))
        .route("/study/reviews/{id}/rate", post().to(study::save_rating))
        .route("", get().to(courses::show_course))
        .route("/join", post().to(courses::save_join))
        .route("/settings", get().to(courses::show_course_settings))
        .route("/settings", post().to(courses::save_course_settings))
        .route("/archive", post().to(courses::save_archive))
        .route("/import", get().to(editor::show_import))
        .route("/import", post().to(editor::save_import))
        .route("/generate", get().to(drafts::show_generate))
        .route("/generate", post().to(drafts::save_generate))
        .route("/sets", post().to(courses::save_new_set))
        .route("/sets/{slug}/review", get().to(drafts::show_review))
        .route("/sets/{slug}/review/bulk", post().to(drafts::save_bulk))
        .route("/questions/{id}/review", post().to(drafts::save_decision))
        .route("/sets/{slug}", get().to(editor::show_set))
        .route("/sets/{slug}/publish", post().to(editor::save_publish))
        .route("/sets/{slug}/export", get().to(editor::export_set))
        .route(
            "/sets/{slug}/questions/new",
            get().to(editor::show_new_question),
        )
        .route(
            "/sets/{slug}/questions/new",
            post().to(editor::save_new_question),
        )
        .route("/sets/{slug}/practice", get().to(practice::show_practice))
        .route("/questions/{id}/edit", get().to(editor::show_edit_question))
        .route(
            "/questions/{id}/edit",
            post().to(editor::save_edit_question),
        )
        .route(
            "/questions/{id}/delete",
            post().to(editor::save_delete_question),
        )
        .route(
            "/questions/{id}/move",
            post().to(editor::save_move_question),
        )
        .route("/questions/{id}/answer", post().to(practice::save_answer))
        .route("/attempts/{id}", get().to(practice::show_attempt))
        .route("/documents/{id}", get().to(documents::show_document))
        .route("/prefs", post().to(study::save_course_prefs))
        .route("/workload", get().to(study::show_workload));
}

/// Everything a page's frame needs: who is signed in, the CSRF token for its forms, the flash.
pub struct Chrome {
    pub user: Option<User>,
    pub csrf: String,
    pub flash: Option<String>,
}

impl Chrome {
    pub fn new(ctx: &Ctx) -> Chrome {
        Chrome {
            user: ctx.0.session.as_ref().map(|s| s.user.clone()),
            csrf: ctx.0.csrf_token.clone(),
            flash: ctx.0.flash.clone(),
        }
    }

    pub fn is_instructor(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role >= Role::Instructor)
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Admin)
    }
}

/// A problem with one form field, shown in the error summary and next to the field (GOV.UK
/// pattern). `field` is the input's `id`, so the summary can link to it.
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

/// The problems found in a submitted form, in field order.
#[derive(Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn one(field: &'static str, message: impl Into<String>) -> Errors {
        Errors(vec![FieldError::new(field, message)])
    }

    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for `field`, for templates.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }
}

/// Renders a page template into a 200 HTML response.
pub fn page(t: &impl askama::Template) -> error::Result<HttpResponse> {
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(t.render()?))
}

/// A 303 to `location` (Post/Redirect/Get), with an optional flash message for the next page.
pub fn redirect(location: &str, flash: Option<&str>, state: &AppState) -> HttpResponse {
    let mut r = HttpResponse::SeeOther();
    r.insert_header((header::LOCATION, location.to_string()));
    if let Some(m) = flash {
        r.cookie(session::flash_cookie(m, state.config.secure_cookies));
    }
    r.finish()
}

/// The address rate limits are keyed by: the TCP peer, or, when the peer is one of the
/// configured `trusted_proxies`, the nearest untrusted address in `X-Forwarded-For`. IPv6
/// addresses count by their /64 network, which one subscriber usually holds whole.
pub fn client_ip(req: &actix_web::HttpRequest) -> std::net::IpAddr {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    let peer = req
        .peer_addr()
        .map(|a| a.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let trusted = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.config.trusted_proxies.clone())
        .unwrap_or_default();
    let mut ip = peer;
    if trusted.contains(&peer) {
        let forwarded: Vec<IpAddr> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        if let Some(client) = forwarded.iter().rev().find(|a| !trusted.contains(a)) {
            ip = *client;
        }
    }
    match ip {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// Percent-encodes a string for a query parameter.
pub fn url_encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Only same-site paths may be redirect targets after sign-in: "/x", never "//evil", "/\\evil",
/// "http:…", nor anything with white space or control characters, which browsers strip when
/// they parse a URL ("/\t/evil" would become "//evil").
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

async fn healthz(state: web::Data<AppState>) -> error::Result<HttpResponse> {
    let conn = state.reads.get()?;
    let one: i64 = conn.query_row("SELECT 1", [], |r| r.get(0))?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain")
        .body(if one == 1 { "ok" } else { "unexpected" }))
}

/// The one stylesheet, compiled in; pages link it so the CSP can forbid inline styles.
async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../templates/app.css"))
}

/// Keyboard shortcuts for study (progressive enhancement: everything works without it).
async fn study_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../templates/study.js"))
}

/// The styled 404 for every path no route matches.
pub async fn not_found() -> error::Result<HttpResponse> {
    Err(AppError::NotFound)
}

/// Content-Security-Policy: only our own scripts and styles, no framing, forms post only to us.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Adds the security headers to every response, error pages included.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let secure = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|s| s.config.secure_cookies);
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        // Pages show personal data; keep them out of shared caches and the back-forward cache.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        for (next, expected) in [
            (Some("/courses/x?y=1"), "/courses/x?y=1"),
            (Some("//evil.example/"), "/"),
            (Some("/\\evil.example"), "/"),
            (Some("https://evil.example/"), "/"),
            (Some("javascript:alert(1)"), "/"),
            (Some("/\t/evil.example"), "/"),
            (Some("/a\\b"), "/"),
            (Some("/ok path"), "/"),
            (None, "/"),
        ] {
            assert_eq!(super::safe_next(next), expected, "{next:?}");
        }
    }
}
