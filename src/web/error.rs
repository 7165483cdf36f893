//! One error type for every handler, mapped to a status and a styled page in one place. Users see
//! a short explanation; the cause chain of an internal error goes to the log only.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::db::writer::WriteError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("page not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// The request failed the CSRF or origin check.
    #[error("this form has expired")]
    Csrf,
    /// Not signed in; carries the path to come back to.
    #[error("sign-in required")]
    LoginRequired(String),
    /// Bad input that cannot be shown on its own form (the message is safe to show).
    #[error("{0}")]
    BadRequest(String),
    #[error("too many attempts")]
    TooManyRequests { retry_after_secs: i64 },
    #[error("the server is busy")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<crate::auth::password::HashError> for AppError {
    fn from(e: crate::auth::password::HashError) -> Self {
        match e {
            crate::auth::password::HashError::Busy => AppError::Busy,
            crate::auth::password::HashError::Failed(e) => AppError::Internal(e),
        }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<r2d2::Error> for AppError {
    fn from(e: r2d2::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<WriteError> for AppError {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Busy => AppError::Busy,
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    heading: &'a str,
    message: String,
}

impl AppError {
    fn heading_and_message(&self) -> (&'static str, String) {
        match self {
            AppError::NotFound => (
                "Page not found",
                "If you typed the web address, check it is correct. If you followed a link, the \
                 page may have been moved or deleted."
                    .into(),
            ),
            AppError::Forbidden => (
                "You do not have access to this page",
                "Your account does not have permission to see it. If you think it should, ask \
                 your instructor or the administrator."
                    .into(),
            ),
            AppError::Csrf => (
                "This form has expired",
                "For your security the form could not be accepted, and nothing was changed. Go \
                 back, reload the page and try again."
                    .into(),
            ),
            AppError::LoginRequired(_) => ("Sign in required", "Please sign in.".into()),
            AppError::BadRequest(m) => ("There is a problem", m.clone()),
            AppError::TooManyRequests { retry_after_secs } => (
                "Too many attempts",
                format!(
                    "Too many attempts. Wait {} and try again.",
                    human_wait(*retry_after_secs)
                ),
            ),
            AppError::Busy => (
                "The server is busy",
                "The server is busy right now. Nothing was changed; please try again in a moment."
                    .into(),
            ),
            AppError::Internal(_) => (
                "Sorry, something went wrong",
                "The server could not complete the request. Nothing was changed. Try again, and \
                 if it keeps happening tell the administrator."
                    .into(),
            ),
        }
    }
}

/// "45 seconds", "3 minutes".
pub fn human_wait(secs: i64) -> String {
    if secs < 60 {
        format!("{} second{}", secs, if secs == 1 { "" } else { "s" })
    } else {
        let m = (secs + 59) / 60;
        format!("{} minute{}", m, if m == 1 { "" } else { "s" })
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::LoginRequired(_) => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::LoginRequired(next) = self {
            let target = format!("/login?next={}", crate::web::url_encode(next));
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, target))
                .finish();
        }
        if let AppError::Internal(e) = self {
            tracing::error!("internal error: {e:#}");
        }
        let status = self.status_code();
        let (heading, message) = self.heading_and_message();
        let body = ErrorPage {
            status: status.as_u16(),
            heading,
            message,
        }
        .render()
        .unwrap_or_else(|_| heading.to_string());
        let mut resp = HttpResponse::build(status);
        resp.content_type("text/html; charset=utf-8");
        if let AppError::TooManyRequests { retry_after_secs } = self {
            resp.insert_header((
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs.max(&1).to_owned()),
            ));
        }
        resp.body(body)
    }
}

pub type Result<T> = std::result::Result<T, AppError>;
