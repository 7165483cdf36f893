//! The `factcards` command: `serve` (the default), `user`, `migrate`, `backup`.

use clap::{Parser, Subcommand};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::{Config, DEFAULT_CONFIG_FILE, Layer};
use crate::db::{self, sessions, users};

#[derive(Parser)]
#[command(
    name = "factcards",
    version,
    about = "A self-hosted quiz and flashcard server"
)]
struct Cli {
    /// Configuration file [default: ./factcards.toml when it exists]
    #[arg(long, global = true, env = "FACTCARDS_CONFIG")]
    config: Option<PathBuf>,
    /// Database file [env: FACTCARDS_DB] [default: factcards.db]
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default command)
    Serve {
        /// Address and port to listen on [env: FACTCARDS_ADDR] [default: 127.0.0.1:8080]
        #[arg(long)]
        addr: Option<String>,
        /// Who may create accounts: open or closed [env: FACTCARDS_REGISTRATION]
        #[arg(long)]
        registration: Option<String>,
    },
    /// Manage accounts
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Create the database or bring it up to date, then exit
    Migrate,
    /// Write a consistent copy of the database to FILE (safe while the server runs)
    Backup { file: PathBuf },
    /// Import a question-set file into a course (all or nothing; re-imports update in place)
    Import {
        file: PathBuf,
        /// Code of the course to import into
        #[arg(long)]
        course: String,
        /// Create the course if it does not exist yet
        #[arg(long)]
        create: bool,
        /// Make the set visible to students at once (otherwise publish it in the course pages)
        #[arg(long)]
        publish: bool,
    },
    /// Write a course's question sets as files that import back to the same sets
    Export {
        #[arg(long)]
        course: String,
        /// Only this set (by its id); default: every set of the course
        #[arg(long)]
        set: Option<String>,
        #[arg(long, value_parser = ["toml"], default_value = "toml")]
        format: String,
        /// Write here instead of standard output (a directory when exporting several sets)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Generate questions from documents (plain text or Markdown)
    Generate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_parser = ["jsonl", "toml"], default_value = "jsonl")]
        format: String,
        /// At most this many questions per document [default: about 2 per 100 words, at most 25]
        #[arg(long)]
        max: Option<usize>,
        /// Add each question's ranking features to the JSONL (for training the ranker)
        #[arg(long, hide = true)]
        features: bool,
        /// Rank with the weights in this file (one number per feature) instead of the built-in ones
        #[arg(long, hide = true)]
        rank_weights: Option<PathBuf>,
        /// Print every candidate that passed the checks, ranked, without selection (for training)
        #[arg(long, hide = true)]
        all: bool,
    },
    /// Scheduler tools
    Scheduler {
        #[command(subcommand)]
        command: SchedulerCommand,
    },
}

#[derive(Subcommand)]
enum SchedulerCommand {
    /// Evaluate the scheduler on review logs (CSV: user,card_id,seq,date,delta_t,rating,y)
    Evaluate {
        #[arg(long)]
        revlog: PathBuf,
        /// Print the metrics as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input
    Add {
        name: String,
        #[arg(long, value_parser = ["admin", "instructor", "student"])]
        role: String,
        /// Read the password from the first line of standard input
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List accounts
    List,
    /// Disable an account and end its sessions
    Disable { name: String },
    /// Enable a disabled account
    Enable { name: String },
}

/// Parses the command line, runs the command and maps failure to exit code 1 with a message.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn load_config(cli: &Cli, flags: Layer) -> anyhow::Result<Config> {
    let file = match &cli.config {
        Some(p) => Layer::from_file(p, true),
        None => Layer::from_file(Path::new(DEFAULT_CONFIG_FILE), false),
    }
    .map_err(anyhow::Error::msg)?;
    let env = Layer::from_env(std::env::vars()).map_err(anyhow::Error::msg)?;
    let flags = Layer {
        db: cli.db.clone(),
        ..flags
    };
    Config::resolve(&[
        ("configuration file", file),
        ("environment", env),
        ("command line", flags),
    ])
    .map_err(anyhow::Error::msg)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        None => serve(load_config(&cli, Layer::default())?),
        Some(Command::Serve { addr, registration }) => {
            let flags = Layer {
                addr: addr.clone(),
                registration: registration.clone(),
                ..Layer::default()
            };
            serve(load_config(&cli, flags)?)
        }
        Some(Command::Migrate) => {
            let config = load_config(&cli, Layer::default())?;
            db::open_rw(&config.db)?;
            println!(
                "{} is at schema version {}",
                config.db.display(),
                db::schema_version()
            );
            Ok(())
        }
        Some(Command::Backup { file }) => {
            let config = load_config(&cli, Layer::default())?;
            if !config.db.exists() {
                anyhow::bail!("database {} does not exist", config.db.display());
            }
            db::backup(&config.db, file)?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Some(Command::User { command }) => {
            user_command(&load_config(&cli, Layer::default())?, command)
        }
        Some(Command::Import {
            file,
            course,
            create,
            publish,
        }) => {
            let config = load_config(&cli, Layer::default())?;
            crate::transfer::import_file(&config.db, file, course, *create, *publish)
        }
        Some(Command::Export {
            course, set, out, ..
        }) => {
            let config = load_config(&cli, Layer::default())?;
            crate::transfer::export_course(&config.db, course, set.as_deref(), out.as_deref())
        }
        Some(Command::Scheduler {
            command: SchedulerCommand::Evaluate { revlog, json },
        }) => evaluate_revlog(revlog, *json),
        Some(Command::Generate {
            files,
            format,
            max,
            features,
            rank_weights,
            all,
        }) => {
            let now = crate::clock::Clock::default().now();
            let rank_weights = match rank_weights {
                Some(path) => Some(read_weights(path)?),
                None => None,
            };
            let opts = crate::generate::GenerateOptions {
                max_questions: *max,
                today: crate::transfer::today_utc(now),
                features: *features,
                rank_weights,
                all: *all,
            };
            crate::transfer::generate_files(files, format == "toml", &opts)
        }
    }
}

/// Ranking weights: numbers separated by white space, one per ranking feature.
fn read_weights(path: &Path) -> anyhow::Result<Vec<f32>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let w = text
        .split_whitespace()
        .map(str::parse::<f32>)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("{}: not a number: {e}", path.display()))?;
    let n = crate::generate::rank::FEATURES.len();
    if w.len() != n {
        anyhow::bail!("{}: {} weights, expected {n}", path.display(), w.len());
    }
    Ok(w)
}

fn evaluate_revlog(revlog: &Path, json: bool) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(revlog)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", revlog.display()))?;
    let report = crate::schedule::evaluate_csv(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", revlog.display()))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{}", report.to_table().trim_end());
    }
    Ok(())
}

fn serve(config: Config) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,actix_server=warn".into()),
        )
        .init();
    actix_web::rt::System::new().block_on(async move {
        let db_path = config.db.clone();
        let app = crate::startup::build(config, crate::clock::Clock::default())?;
        let url = format!("http://{}", app.addr);
        println!("factcards is running at {url}");
        println!("database: {}", db_path.display());
        if let Some(token) = &app.setup_token {
            println!();
            println!("There is no admin account yet. Create one with");
            println!("    factcards user add NAME --role admin --password-stdin");
            println!("or open this one-time link in a browser:");
            println!("    {url}/setup?token={token}");
        }
        println!("Press Ctrl+C to stop.");
        app.server.await?;
        Ok(())
    })
}

fn user_command(config: &Config, command: &UserCommand) -> anyhow::Result<()> {
    let conn = db::open_rw(&config.db)?;
    let now = crate::clock::Clock::default().now();
    match command {
        UserCommand::Add { name, role, .. } => {
            users::validate_username(name).map_err(anyhow::Error::msg)?;
            let role = users::Role::parse(role).ok_or_else(|| anyhow::anyhow!("unknown role"))?;
            let password = read_password()?;
            users::validate_password(&password).map_err(anyhow::Error::msg)?;
            if users::user_by_name(&conn, name)?.is_some() {
                anyhow::bail!("user {name} already exists");
            }
            let hash = crate::auth::password::hash_password(&password)?;
            users::add_user(&conn, name, &hash, role, now)?;
            println!("created {} {name}", role.as_str());
        }
        UserCommand::List => {
            println!("{:<32} {:<10} status", "username", "role");
            for u in users::list_users(&conn)? {
                let status = if u.disabled { "disabled" } else { "active" };
                println!("{:<32} {:<10} {status}", u.username, u.role.as_str());
            }
        }
        UserCommand::Disable { name } | UserCommand::Enable { name } => {
            let disable = matches!(command, UserCommand::Disable { .. });
            let user = users::user_by_name(&conn, name)?
                .ok_or_else(|| anyhow::anyhow!("no user named {name}"))?;
            users::set_disabled(&conn, user.id, disable)?;
            let ended = if disable {
                sessions::delete_user_sessions(&conn, user.id)?
            } else {
                0
            };
            let verb = if disable { "disabled" } else { "enabled" };
            println!("{verb} {name}; ended {ended} session(s)");
        }
    }
    Ok(())
}

/// The first line of standard input, without its line ending.
fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        anyhow::bail!(
            "no password on standard input (pipe it in: echo 'secret phrase' | factcards user add …)"
        );
    }
    Ok(password)
}
