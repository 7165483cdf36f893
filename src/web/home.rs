//! The start page after signing in.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::error::Result;
use super::session::{Ctx, CurrentUser};
use super::{Chrome, page};
use crate::startup::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
}

pub async fn show_home(
    ctx: Ctx,
    _user: CurrentUser,
    _state: web::Data<AppState>,
) -> Result<HttpResponse> {
    page(&HomePage {
        chrome: Chrome::new(&ctx),
    })
}
