//! The session middleware and the extractors built on it.
//!
//! For every request the middleware loads the session named by the cookie (checking both timeouts),
//! picks the CSRF token the request must carry (the session's, or for anonymous visitors a random
//! one in its own cookie), and, for every method other than GET/HEAD/OPTIONS, rejects the request
//! with 403 before any handler runs unless it carries that token and does not come from another
//! site. Checking here, once, means no handler can forget it.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use std::future::{Ready, ready};

use super::error::AppError;
use crate::auth::{constant_time_eq, new_token, token_hash};
use crate::db::sessions::{self, Session};
use crate::db::users::{Role, User};
use crate::startup::AppState;

pub const SESSION_COOKIE: &str = "fc_session";
pub const ANON_CSRF_COOKIE: &str = "fc_csrf";
pub const FLASH_COOKIE: &str = "fc_flash";
/// The form field (and query parameter, for file uploads) that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// Header alternative to the field, for scripts.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Refresh `last_seen_at` at most this often (seconds), so reading a page does not cost a write.
const TOUCH_EVERY_SECS: i64 = 300;

/// What the middleware learned about the request; handlers get it through [`Ctx`].
#[derive(Clone, Debug, Default)]
pub struct RequestContext {
    pub session: Option<Session>,
    pub csrf_token: String,
    pub flash: Option<String>,
}

pub async fn session_middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // A rejection here becomes a response now, so the outer middleware still adds its headers.
    let pending = match prepare(&mut req).await {
        Ok(p) => p,
        Err(e) => return Ok(req.error_response(e)),
    };
    let mut res = next.call(req).await?.map_into_boxed_body();
    let sets =
        |res: &ServiceResponse, name: &str| res.response().cookies().any(|c| c.name() == name);
    let secure = pending.secure;
    if let Some(t) = pending.new_anon_token
        && !sets(&res, ANON_CSRF_COOKIE)
    {
        res.response_mut()
            .add_cookie(&cookie(ANON_CSRF_COOKIE, t, secure, None))?;
    }
    if pending.had_flash && !res.status().is_redirection() && !sets(&res, FLASH_COOKIE) {
        res.response_mut().add_removal_cookie(&cookie(
            FLASH_COOKIE,
            String::new(),
            secure,
            None,
        ))?;
    }
    if pending.stale_session_cookie && !sets(&res, SESSION_COOKIE) {
        res.response_mut().add_removal_cookie(&cookie(
            SESSION_COOKIE,
            String::new(),
            secure,
            None,
        ))?;
    }
    Ok(res)
}

/// What the middleware must do to the response once the handler has run.
struct Pending {
    secure: bool,
    new_anon_token: Option<String>,
    had_flash: bool,
    stale_session_cookie: bool,
}

async fn prepare(req: &mut ServiceRequest) -> Result<Pending, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no app state")))?;
    let now = state.clock.now();
    let cookie_token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string());
    let session = match &cookie_token {
        Some(t) => load_session(&state, t, now)?,
        None => None,
    };
    let anon = req.cookie(ANON_CSRF_COOKIE).map(|c| c.value().to_string());
    let mut new_anon_token = None;
    let csrf_token = match (&session, anon) {
        (Some(s), _) => s.csrf_token.clone(),
        (None, Some(t)) if t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()) => t,
        (None, _) => {
            let t = new_token();
            new_anon_token = Some(t.clone());
            t
        }
    };
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        verify_csrf(req, &csrf_token).await?;
    }
    let flash = req
        .cookie(FLASH_COOKIE)
        .map(|c| decode(c.value()))
        .filter(|f| !f.is_empty());
    let pending = Pending {
        secure: state.config.secure_cookies,
        new_anon_token,
        had_flash: flash.is_some(),
        stale_session_cookie: cookie_token.is_some() && session.is_none(),
    };
    req.extensions_mut().insert(RequestContext {
        session,
        csrf_token,
        flash,
    });
    Ok(pending)
}

/// Looks the session up and enforces the idle and absolute timeouts.
fn load_session(state: &AppState, token: &str, now: i64) -> Result<Option<Session>, AppError> {
    let hash = token_hash(token);
    let conn = state.reads.get()?;
    let Some(s) = sessions::session_by_hash(&conn, &hash)? else {
        return Ok(None);
    };
    let idle = (state.config.session_idle_minutes * 60) as i64;
    let absolute = (state.config.session_max_days * 86400) as i64;
    let writer = state.writer.clone();
    if now - s.last_seen_at > idle || now - s.created_at > absolute {
        actix_web::rt::spawn(async move {
            let _ = writer
                .run(move |c| sessions::delete_session(c, &hash).map_err(AppError::from))
                .await;
        });
        return Ok(None);
    }
    if now - s.last_seen_at > TOUCH_EVERY_SECS {
        actix_web::rt::spawn(async move {
            let _ = writer
                .run(move |c| sessions::touch_session(c, &hash, now).map_err(AppError::from))
                .await;
        });
    }
    Ok(Some(s))
}

/// Rejects cross-site requests and requests without the right token.
async fn verify_csrf(req: &mut ServiceRequest, expected: &str) -> Result<(), AppError> {
    let headers = req.headers();
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site")
    {
        return Err(AppError::Csrf);
    }
    if let (Some(origin), Some(host)) = (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        let origin = origin.to_str().unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
        if origin != "null" && origin_host.as_bytes() != host.as_bytes() {
            return Err(AppError::Csrf);
        }
    }
    let mut given = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let content_type = req.content_type().to_ascii_lowercase();
    if given.is_none() && content_type == "application/x-www-form-urlencoded" {
        // Read the body to find the field, then put it back for the handler's own extractor.
        let body = req
            .extract::<web::Bytes>()
            .await
            .map_err(|_| AppError::BadRequest("The form is too large.".into()))?;
        given = field(&body, CSRF_FIELD);
        req.set_payload(Payload::from(body));
    } else if given.is_none() && content_type == "multipart/form-data" {
        given = multipart_token(req).await?;
    }
    match given {
        Some(g) if constant_time_eq(g.as_bytes(), expected.as_bytes()) => Ok(()),
        _ => Err(AppError::Csrf),
    }
}

/// Most of an upload read to find its token: the token field comes first in every form.
const MULTIPART_PEEK: usize = 16 * 1024;

/// The CSRF token of a multipart form, which must be its first field: reads the body only that
/// far (an upload is not buffered whole), then puts what it read back in front of the rest.
async fn multipart_token(req: &mut ServiceRequest) -> Result<Option<String>, AppError> {
    use futures_util::StreamExt as _;
    let Some(boundary) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| {
            ct.split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))
                .map(|(_, v)| v.trim_matches('"').to_string())
        })
    else {
        return Ok(None);
    };
    let mut payload = req.take_payload();
    let mut head = Vec::new();
    let mut token = None;
    loop {
        if let Some(t) = first_part_value(&head, &boundary, CSRF_FIELD) {
            token = t;
            break;
        }
        if head.len() >= MULTIPART_PEEK {
            break;
        }
        match payload.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(_)) => return Err(AppError::BadRequest("The upload was cut off.".into())),
            None => {
                token = first_part_value(&head, &boundary, CSRF_FIELD).flatten();
                break;
            }
        }
    }
    let head = web::Bytes::from(head);
    let rest: std::pin::Pin<
        Box<dyn futures_util::Stream<Item = Result<web::Bytes, actix_web::error::PayloadError>>>,
    > = Box::pin(futures_util::stream::once(async move { Ok(head) }).chain(payload));
    req.set_payload(Payload::from(rest));
    Ok(token)
}

/// The value of the first part of a multipart body when that part is the field `name`:
/// `None` while the part is not complete yet, `Some(None)` when the first part is another field.
fn first_part_value(body: &[u8], boundary: &str, name: &str) -> Option<Option<String>> {
    use memchr::memmem::find;
    let open = format!("--{boundary}\r\n");
    let start = find(body, open.as_bytes())? + open.len();
    let headers_end = start + find(&body[start..], b"\r\n\r\n")?;
    let headers = String::from_utf8_lossy(&body[start..headers_end]).to_ascii_lowercase();
    let param = format!("name=\"{name}\"");
    let named = headers
        .lines()
        .any(|l| l.starts_with("content-disposition:") && l.split(';').any(|p| p.trim() == param));
    if !named {
        return Some(None);
    }
    let value_start = headers_end + 4;
    let close = format!("\r\n--{boundary}");
    let value_end = value_start + find(&body[value_start..], close.as_bytes())?;
    Some(
        std::str::from_utf8(&body[value_start..value_end])
            .ok()
            .map(str::to_string),
    )
}

fn field(urlencoded: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(urlencoded)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn decode(s: &str) -> String {
    form_urlencoded::parse(format!("m={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// A cookie with the project's defaults: HttpOnly, SameSite=Lax, path /, Secure behind TLS.
pub fn cookie(
    name: &'static str,
    value: String,
    secure: bool,
    max_age: Option<CookieDuration>,
) -> Cookie<'static> {
    let mut c = Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .finish();
    if let Some(age) = max_age {
        c.set_max_age(age);
    }
    c
}

/// A one-shot message shown on the next page (set on a redirect).
pub fn flash_cookie(message: &str, secure: bool) -> Cookie<'static> {
    let value: String = form_urlencoded::byte_serialize(message.as_bytes()).collect();
    cookie(
        FLASH_COOKIE,
        value,
        secure,
        Some(CookieDuration::minutes(5)),
    )
}

/// The request's context, for building pages.
pub struct Ctx(pub RequestContext);

impl FromRequest for Ctx {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Ctx(req
            .extensions()
            .get::<RequestContext>()
            .cloned()
            .unwrap_or_default())))
    }
}

fn signed_in_user(req: &HttpRequest) -> Result<User, AppError> {
    req.extensions()
        .get::<RequestContext>()
        .and_then(|c| c.session.as_ref())
        .map(|s| s.user.clone())
        .ok_or_else(|| {
            let path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".into());
            AppError::LoginRequired(path)
        })
}

macro_rules! user_extractor {
    ($(#[$doc:meta])* $name:ident, $min:expr) => {
        $(#[$doc])*
        pub struct $name(pub User);

        impl FromRequest for $name {
            type Error = AppError;
            type Future = Ready<Result<Self, AppError>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(signed_in_user(req).and_then(|u| {
                    if u.role >= $min { Ok($name(u)) } else { Err(AppError::Forbidden) }
                }))
            }
        }
    };
}

user_extractor!(
    /// Any signed-in user; anonymous requests are sent to the sign-in page.
    CurrentUser,
    Role::Student
);
user_extractor!(
    /// An instructor or admin; others get 403.
    InstructorUser,
    Role::Instructor
);
user_extractor!(
    /// An admin; others get 403.
    AdminUser,
    Role::Admin
);
