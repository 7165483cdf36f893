//! Builds the application: database, writer, shared state, middleware and routes; binds the
//! listener. Tests call [`build`] with port 0 to get a real server on a free port.

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use std::net::{SocketAddr, TcpListener};
use std::sync::Mutex;

use crate::auth::password::Hasher;
use crate::auth::ratelimit::LoginLimiter;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{self, ReadPool, writer::Writer};
use crate::web::error::AppError;
use actix_multipart::form::MultipartFormConfig;

/// State shared by every worker.
pub struct AppState {
    pub config: Config,
    pub reads: ReadPool,
    pub writer: Writer,
    pub clock: Clock,
    pub hasher: Hasher,
    pub limiter: LoginLimiter,
    /// Limits guesses of other secrets a signed-in user can try: join codes and the current
    /// password on the password-change form (keyed "join:ID" / "password:ID").
    pub action_limiter: LoginLimiter,
    /// Accounts created per client address (each costs a password hash).
    pub registrations: crate::auth::ratelimit::WindowCounter,
    /// While no admin exists: the secret of the one-time setup link printed at start.
    pub setup_token: Mutex<Option<String>>,
    /// Students whose scheduler parameters are being fitted now, and when to check next.
    pub optimizing: Mutex<crate::web::optimize::Optimizing>,
    /// Background generation jobs run one at a time; others wait their turn.
    pub generation_slot: std::sync::Arc<tokio::sync::Semaphore>,
    /// Each student's study queue, kept between requests.
    pub queues: crate::web::queue::QueueCache,
}

/// A server ready to be awaited, and where it listens.
pub struct Application {
    pub server: Server,
    pub addr: SocketAddr,
    pub setup_token: Option<String>,
}

/// Opens and migrates the database, starts the writer and binds `config.addr`.
pub fn build(config: Config, clock: Clock) -> anyhow::Result<Application> {
    let conn = db::open_rw(&config.db)?;
    let setup_token = (db::users::count_admins(&conn)? == 0).then(crate::auth::new_token);
    let writer = Writer::start(conn)?;
    let workers = config.worker_count();
    // One read connection per worker plus headroom for blocking tasks.
    let reads = db::read_pool(&config.db, (workers * 2 + 2) as u32)?;
    let listener = TcpListener::bind(config.addr)
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr()?;
    let form_limit = config.form_limit_kib * 1024;
    let upload_limit = config.upload_limit_mib << 20;
    let state = web::Data::new(AppState {
        hasher: Hasher::new(workers),
        config,
        reads,
        writer,
        clock,
        limiter: LoginLimiter::default(),
        action_limiter: LoginLimiter::default(),
        registrations: crate::auth::ratelimit::WindowCounter::new(
            crate::auth::ratelimit::REGISTRATIONS_PER_ADDRESS,
            crate::auth::ratelimit::REGISTRATION_WINDOW,
        ),
        setup_token: Mutex::new(setup_token.clone()),
        optimizing: Mutex::default(),
        generation_slot: std::sync::Arc::new(tokio::sync::Semaphore::new(1)),
        queues: Default::default(),
    });
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::FormConfig::default().limit(form_limit).error_handler(|e, _| {
                tracing::debug!("unreadable form: {e}");
                AppError::BadRequest(
                    "The form could not be read: a field is missing or too long. Go back, reload the page and try again.".into(),
                )
                .into()
            }))
            .app_data(web::PayloadConfig::new(form_limit))
            .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
            .app_data(web::QueryConfig::default().error_handler(|_, _| {
                AppError::BadRequest("The address has a value that is not valid here.".into()).into()
            }))
            .app_data(
                MultipartFormConfig::default()
                    .total_limit(upload_limit)
                    .memory_limit(upload_limit)
                    .error_handler(move |e, _| {
                        tracing::debug!("unreadable upload: {e}");
                        AppError::BadRequest(format!("The upload could not be read. Files may be at most {} MiB.", upload_limit >> 20)).into()
                    }),
            )
            .configure(crate::web::routes)
            .default_service(web::to(crate::web::not_found))
            .wrap(from_fn(crate::web::session::session_middleware))
            .wrap(from_fn(crate::web::security_headers))
    })
    .workers(workers)
    .listen(listener)?
    .run();
    Ok(Application {
        server,
        addr,
        setup_token,
    })
}
