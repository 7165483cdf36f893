//! Signing in and out, registration, password change and the one-time admin setup link.

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::error::{AppError, Result};
use super::session::{self, Ctx, CurrentUser, SESSION_COOKIE};
use super::{Chrome, Errors, client_ip, page, redirect, safe_next};
use crate::auth::ratelimit::Decision;
use crate::auth::{constant_time_eq, new_token, token_hash};
use crate::config::Registration;
use crate::db::sessions;
use crate::db::users::{self, Role};
use crate::startup::AppState;

const WRONG_CREDENTIALS: &str = "Username or password is incorrect";

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    username: String,
    next: String,
    errors: Errors,
    registration_open: bool,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn show_login(
    ctx: Ctx,
    q: web::Query<NextQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    let next = safe_next(q.next.as_deref());
    if ctx.0.session.is_some() {
        return Ok(redirect(&next, None, &state));
    }
    page(&LoginPage {
        chrome: Chrome::new(&ctx),
        username: String::new(),
        next,
        errors: Errors::default(),
        registration_open: state.config.registration == Registration::Open,
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn save_login(
    req: HttpRequest,
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse> {
    let form = form.into_inner();
    let ip = client_ip(&req);
    let now = state.clock.now();
    let name = form.username.trim().to_string();
    let refuse = |ctx: &Ctx, name: String| {
        page(&LoginPage {
            chrome: Chrome::new(ctx),
            username: name,
            next: safe_next(Some(&form.next)),
            errors: Errors::one("username", WRONG_CREDENTIALS),
            registration_open: state.config.registration == Registration::Open,
        })
    };
    // A name no account can have is refused before it reaches the limiter or the database, so
    // a stream of long junk names cannot fill the limiter's memory.
    if users::validate_username(&name).is_err() {
        return refuse(&ctx, String::new());
    }
    if let Decision::Deny { retry_after_secs } = state.limiter.begin_attempt(&name, ip, now) {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    let creds = users::credentials_by_name(&*state.reads.get()?, &name)?;
    let hash = creds.as_ref().map(|c| c.password_hash.clone());
    let ok = state.hasher.verify(form.password.clone(), hash).await?;
    let user = match creds {
        Some(c) if ok => c.user,
        _ => return refuse(&ctx, name),
    };
    if user.disabled {
        // The attempt stays counted: a disabled account is not a successful sign-in.
        return Err(AppError::BadRequest(
            "This account is disabled. Ask the administrator to enable it.".into(),
        ));
    }
    state.limiter.record_success(&name, ip, now);
    let old = ctx.0.session.map(|s| s.token_hash);
    let cookie = start_session(&state, user.id, old, false).await?;
    let mut resp = redirect(&safe_next(Some(&form.next)), None, &state);
    resp.add_cookie(&cookie)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(resp)
}

/// Creates a session for `user_id` and returns its cookie. `replaces` is the session the request
/// came with (ended, so a token planted before sign-in is never promoted); with `end_others`
/// every other session of the user ends too (password change).
pub async fn start_session(
    state: &AppState,
    user_id: i64,
    replaces: Option<Vec<u8>>,
    end_others: bool,
) -> Result<actix_web::cookie::Cookie<'static>> {
    let token = new_token();
    let hash = token_hash(&token);
    let csrf = new_token();
    let now = state.clock.now();
    state
        .writer
        .run(move |c| -> Result<()> {
            if end_others {
                sessions::delete_user_sessions(c, user_id)?;
            }
            if let Some(old) = replaces {
                sessions::delete_session(c, &old)?;
            }
            sessions::add_session(c, &hash, user_id, &csrf, now)?;
            Ok(())
        })
        .await?;
    let max_age = CookieDuration::days(state.config.session_max_days as i64);
    Ok(session::cookie(
        SESSION_COOKIE,
        token,
        state.config.secure_cookies,
        Some(max_age),
    ))
}

pub async fn save_logout(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse> {
    if let Some(s) = ctx.0.session {
        let hash = s.token_hash;
        state
            .writer
            .run(move |c| sessions::delete_session(c, &hash).map_err(AppError::from))
            .await?;
    }
    let mut resp = redirect("/login", Some("You have signed out."), &state);
    resp.add_removal_cookie(&session::cookie(
        SESSION_COOKIE,
        String::new(),
        state.config.secure_cookies,
        None,
    ))
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok(resp)
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    chrome: Chrome,
    open: bool,
    username: String,
    errors: Errors,
    /// The setup token when this form creates the first admin.
    setup_token: Option<String>,
}

pub async fn show_register(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse> {
    page(&RegisterPage {
        chrome: Chrome::new(&ctx),
        open: state.config.registration == Registration::Open,
        username: String::new(),
        errors: Errors::default(),
        setup_token: None,
    })
}

#[derive(Deserialize)]
pub struct RegisterForm {
    username: String,
    password: String,
    confirm_password: String,
    #[serde(default)]
    setup_token: Option<String>,
}

fn check_new_account(form: &RegisterForm) -> Errors {
    let mut errors = Errors::default();
    if let Err(m) = users::validate_username(form.username.trim()) {
        errors.add("username", m);
    }
    if let Err(m) = users::validate_password(&form.password) {
        errors.add("password", m);
    } else if form.password != form.confirm_password {
        errors.add("confirm_password", "The passwords do not match");
    }
    errors
}

/// Creates the account, signs it in and sends it home; or re-renders the form with the problems.
async fn create_account(
    ctx: Ctx,
    state: &AppState,
    form: RegisterForm,
    role: Role,
) -> Result<HttpResponse> {
    let mut errors = check_new_account(&form);
    let username = form.username.trim().to_string();
    if errors.is_empty() {
        let hash = state.hasher.hash(form.password.clone()).await?;
        let now = state.clock.now();
        let name = username.clone();
        let created = state
            .writer
            .run(move |c| -> Result<Option<i64>> {
                // The setup link creates the first admin only: checked again inside the write,
                // in case one was added from the command line meanwhile.
                if role == Role::Admin && users::count_admins(c)? > 0 {
                    return Err(AppError::NotFound);
                }
                if users::user_by_name(c, &name)?.is_some() {
                    return Ok(None);
                }
                Ok(Some(users::add_user(c, &name, &hash, role, now)?))
            })
            .await?;
        match created {
            Some(id) => {
                // Whatever session the browser had ends: it now belongs to the new account.
                let old = ctx.0.session.as_ref().map(|s| s.token_hash.clone());
                let cookie = start_session(state, id, old, false).await?;
                let mut resp = redirect("/", Some("Your account has been created."), state);
                resp.add_cookie(&cookie)
                    .map_err(|e| AppError::Internal(e.into()))?;
                return Ok(resp);
            }
            None => errors.add("username", "That username is already taken"),
        }
    }
    page(&RegisterPage {
        chrome: Chrome::new(&ctx),
        open: true,
        username,
        errors,
        setup_token: form.setup_token,
    })
}

pub async fn save_register(
    req: HttpRequest,
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse> {
    if state.config.registration != Registration::Open {
        return Err(AppError::Forbidden);
    }
    if let Decision::Deny { retry_after_secs } = state
        .registrations
        .try_record(client_ip(&req), state.clock.now())
    {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    create_account(ctx, &state, form.into_inner(), Role::Student).await
}

#[derive(Deserialize)]
pub struct SetupQuery {
    token: Option<String>,
}

fn setup_token_matches(state: &AppState, given: Option<&str>) -> bool {
    let guard = state.setup_token.lock().unwrap_or_else(|e| e.into_inner());
    matches!((guard.as_deref(), given), (Some(t), Some(g)) if constant_time_eq(t.as_bytes(), g.as_bytes()))
}

/// The one-time link printed at first start: creates the first admin from the browser.
pub async fn show_setup(
    ctx: Ctx,
    q: web::Query<SetupQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    if !setup_token_matches(&state, q.token.as_deref()) {
        return Err(AppError::NotFound);
    }
    page(&RegisterPage {
        chrome: Chrome::new(&ctx),
        open: true,
        username: String::new(),
        errors: Errors::default(),
        setup_token: q.token.clone(),
    })
}

pub async fn save_setup(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse> {
    if !setup_token_matches(&state, form.setup_token.as_deref()) {
        return Err(AppError::NotFound);
    }
    let resp = create_account(ctx, &state, form.into_inner(), Role::Admin).await?;
    if resp.status().is_redirection() {
        *state.setup_token.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
    Ok(resp)
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    user: users::User,
    errors: Errors,
    day_start_hour: u8,
}

pub async fn show_account(
    ctx: Ctx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    account_page(&ctx, &state, user.0, Errors::default())
}

fn account_page(
    ctx: &Ctx,
    state: &AppState,
    user: users::User,
    errors: Errors,
) -> Result<HttpResponse> {
    let day_start_hour =
        crate::db::study::study_prefs(&*state.reads.get()?, user.id)?.day_start_hour;
    page(&AccountPage {
        chrome: Chrome::new(ctx),
        user,
        errors,
        day_start_hour,
    })
}

#[derive(Deserialize)]
pub struct StudySettingsForm {
    time_zone: String,
    day_start_hour: String,
}

/// The student's calendar: time zone and the hour at which a new study day starts.
pub async fn save_study_settings(
    ctx: Ctx,
    user: CurrentUser,
    state: web::Data<AppState>,
    form: web::Form<StudySettingsForm>,
) -> Result<HttpResponse> {
    let mut errors = Errors::default();
    let tz = form.time_zone.trim().to_string();
    if jiff::tz::TimeZone::get(&tz).is_err() {
        errors.add(
            "time_zone",
            "Enter a time zone name such as Europe/Berlin or America/New_York",
        );
    }
    let hour = form
        .day_start_hour
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|h| *h <= 23);
    if hour.is_none() {
        errors.add("day_start_hour", "The day starts at an hour from 0 to 23");
    }
    let (Some(hour), true) = (hour, errors.is_empty()) else {
        return account_page(&ctx, &state, user.0, errors);
    };
    let id = user.0.id;
    state
        .writer
        .run(move |c| -> Result<()> {
            c.execute("UPDATE users SET time_zone = ?2 WHERE id = ?1", rusqlite::params![id, tz])?;
            c.execute(
                "INSERT INTO study_prefs (user_id, day_start_hour) VALUES (?1, ?2) ON CONFLICT (user_id) DO UPDATE SET day_start_hour = excluded.day_start_hour",
                rusqlite::params![id, hour],
            )?;
            Ok(())
        })
        .await?;
    Ok(redirect(
        "/account",
        Some("Your study calendar is saved."),
        &state,
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    confirm_password: String,
}

pub async fn save_password(
    req: HttpRequest,
    ctx: Ctx,
    user: CurrentUser,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse> {
    let user = user.0;
    let form = form.into_inner();
    let stored =
        users::credentials_by_name(&*state.reads.get()?, &user.username)?.map(|c| c.password_hash);
    let (key, ip, now) = (
        format!("password:{}", user.id),
        client_ip(&req),
        state.clock.now(),
    );
    if let Decision::Deny { retry_after_secs } = state.action_limiter.begin_attempt(&key, ip, now) {
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    let mut errors = Errors::default();
    if !state.hasher.verify(form.current_password, stored).await? {
        errors.add("current_password", "Your current password is incorrect");
    } else if let Err(m) = users::validate_password(&form.new_password) {
        errors.add("new_password", m);
    } else if form.new_password != form.confirm_password {
        errors.add("confirm_password", "The passwords do not match");
    }
    if !errors.is_empty() {
        return account_page(&ctx, &state, user, errors);
    }
    state.action_limiter.record_success(&key, ip, now);
    let hash = state.hasher.hash(form.new_password).await?;
    let id = user.id;
    state
        .writer
        .run(move |c| users::set_password_hash(c, id, &hash).map_err(AppError::from))
        .await?;
    // Every session ends, this one included; the new session keeps this device signed in.
    let cookie = start_session(&state, id, None, true).await?;
    let mut resp = redirect(
        "/account",
        Some("Your password has been changed. Other devices have been signed out."),
        &state,
    );
    resp.add_cookie(&cookie)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(resp)
}
