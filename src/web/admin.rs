//! Admin pages: accounts.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::error::{AppError, Result};
use super::session::{AdminUser, Ctx};
use super::{Chrome, Errors, page, redirect};
use crate::db::sessions;
use crate::db::users::{self, Role, User};
use crate::startup::AppState;

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    chrome: Chrome,
    users: Vec<User>,
    errors: Errors,
    username: String,
    role: String,
}

pub async fn show_users(
    ctx: Ctx,
    _admin: AdminUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let users = users::list_users(&*state.reads.get()?)?;
    page(&UsersPage {
        chrome: Chrome::new(&ctx),
        users,
        errors: Errors::default(),
        username: String::new(),
        role: "student".into(),
    })
}

#[derive(Deserialize)]
pub struct NewUserForm {
    username: String,
    role: String,
    password: String,
}

pub async fn save_new_user(
    ctx: Ctx,
    _admin: AdminUser,
    state: web::Data<AppState>,
    form: web::Form<NewUserForm>,
) -> Result<HttpResponse> {
    let form = form.into_inner();
    let username = form.username.trim().to_string();
    let mut errors = Errors::default();
    if let Err(m) = users::validate_username(&username) {
        errors.add("username", m);
    }
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", "Choose a role");
    }
    if let Err(m) = users::validate_password(&form.password) {
        errors.add("password", m);
    }
    if let (true, Some(role)) = (errors.is_empty(), role) {
        let hash = state.hasher.hash(form.password).await?;
        let now = state.clock.now();
        let name = username.clone();
        let added = state
            .writer
            .run(move |c| -> Result<bool> {
                if users::user_by_name(c, &name)?.is_some() {
                    return Ok(false);
                }
                users::add_user(c, &name, &hash, role, now)?;
                Ok(true)
            })
            .await?;
        if added {
            let msg = format!("Account {username} created.");
            return Ok(redirect("/admin/users", Some(&msg), &state));
        }
        errors.add("username", "That username is already taken");
    }
    let users = users::list_users(&*state.reads.get()?)?;
    page(&UsersPage {
        chrome: Chrome::new(&ctx),
        users,
        errors,
        username,
        role: form.role,
    })
}

#[derive(Deserialize)]
pub struct StatusForm {
    disabled: bool,
}

/// Disables (ending every session) or re-enables an account. An admin cannot disable themself,
/// so there is always someone left to undo it.
pub async fn save_user_status(
    admin: AdminUser,
    path: web::Path<i64>,
    state: web::Data<AppState>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse> {
    let id = path.into_inner();
    if id == admin.0.id {
        return Err(AppError::BadRequest(
            "You cannot disable your own account.".into(),
        ));
    }
    let disabled = form.disabled;
    let name = state
        .writer
        .run(move |c| -> Result<String> {
            let user = users::get_user(c, id)?.ok_or(AppError::NotFound)?;
            users::set_disabled(c, id, disabled)?;
            if disabled {
                sessions::delete_user_sessions(c, id)?;
            }
            Ok(user.username)
        })
        .await?;
    let verb = if disabled { "disabled" } else { "enabled" };
    Ok(redirect(
        "/admin/users",
        Some(&format!("Account {name} {verb}.")),
        &state,
    ))
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn save_user_role(
    admin: AdminUser,
    path: web::Path<i64>,
    state: web::Data<AppState>,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse> {
    let id = path.into_inner();
    let role =
        Role::parse(&form.role).ok_or_else(|| AppError::BadRequest("Unknown role.".into()))?;
    if id == admin.0.id {
        return Err(AppError::BadRequest(
            "You cannot change your own role.".into(),
        ));
    }
    let name = state
        .writer
        .run(move |c| -> Result<String> {
            let user = users::get_user(c, id)?.ok_or(AppError::NotFound)?;
            users::set_role(c, id, role)?;
            Ok(user.username)
        })
        .await?;
    let msg = format!(
        "{name} is now {} {}.",
        if role == Role::Admin { "an" } else { "a" },
        role.as_str()
    );
    Ok(redirect("/admin/users", Some(&msg), &state))
}
