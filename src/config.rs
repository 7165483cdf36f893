//! Settings: defaults < `factcards.toml` < `FACTCARDS_*` environment variables < command-line flags.
//!
//! Every layer is a [`Layer`] of optional values; [`Config::resolve`] folds them in that order and
//! validates the result, so a typo in any layer stops the server with a message naming the layer,
//! the key and what is wrong, instead of being silently ignored.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The configuration file read from the working directory when no `--config` is given.
pub const DEFAULT_CONFIG_FILE: &str = "factcards.toml";

/// Who may create an account from the sign-in page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Registration {
    /// Anyone who can reach the server may register as a student.
    Open,
    /// Only an admin creates accounts (command line or admin pages).
    Closed,
}

/// The validated settings the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub registration: Registration,
    /// Mark cookies `Secure` and send HSTS; set when the server sits behind TLS.
    pub secure_cookies: bool,
    pub session_idle_minutes: u64,
    pub session_max_days: u64,
    /// Largest urlencoded form body accepted, in KiB.
    pub form_limit_kib: usize,
    /// Largest uploaded file (imports, documents), in MiB.
    pub upload_limit_mib: usize,
    /// HTTP worker threads; 0 means one per core.
    pub workers: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed (for per-address rate limits).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from("factcards.db"),
            registration: Registration::Closed,
            secure_cookies: false,
            // A week idle and a month in all: students study a few times a week on their own devices.
            session_idle_minutes: 7 * 24 * 60,
            session_max_days: 30,
            form_limit_kib: 256,
            upload_limit_mib: 16,
            workers: 0,
            trusted_proxies: Vec::new(),
        }
    }
}

/// One layer of settings; `None` leaves the value of the layer below.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub addr: Option<String>,
    pub db: Option<PathBuf>,
    pub registration: Option<String>,
    pub secure_cookies: Option<bool>,
    pub session_idle_minutes: Option<u64>,
    pub session_max_days: Option<u64>,
    pub form_limit_kib: Option<usize>,
    pub upload_limit_mib: Option<usize>,
    pub workers: Option<usize>,
    pub trusted_proxies: Option<String>,
}

/// The keys, for the environment layer and for error messages.
const KEYS: [&str; 10] = [
    "addr",
    "db",
    "registration",
    "secure_cookies",
    "session_idle_minutes",
    "session_max_days",
    "form_limit_kib",
    "upload_limit_mib",
    "workers",
    "trusted_proxies",
];

impl Layer {
    /// Reads a TOML configuration file; a missing default file is an empty layer.
    pub fn from_file(path: &Path, required: bool) -> Result<Layer, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                let msg = e.message();
                let line = e
                    .span()
                    .map(|s| text[..s.start].lines().count().max(1))
                    .map(|l| format!(":{l}"))
                    .unwrap_or_default();
                format!("{}{line}: {msg}", path.display())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Layer::default()),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        }
    }

    /// Reads `FACTCARDS_<KEY>` variables from an iterator of (name, value) pairs.
    pub fn from_env(vars: impl Iterator<Item = (String, String)>) -> Result<Layer, String> {
        let mut layer = Layer::default();
        for (name, value) in vars {
            let Some(key) = name.strip_prefix("FACTCARDS_") else {
                continue;
            };
            let key = key.to_ascii_lowercase();
            if key == "config" {
                continue;
            }
            if !KEYS.contains(&key.as_str()) {
                return Err(format!("{name}: unknown setting (known: {})", env_names()));
            }
            layer
                .set(&key, &value)
                .map_err(|e| format!("{name}={value}: {e}"))?;
        }
        Ok(layer)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        fn num<T: std::str::FromStr>(v: &str) -> Result<Option<T>, String> {
            v.trim()
                .parse()
                .map(Some)
                .map_err(|_| "expected a whole number".to_string())
        }
        match key {
            "addr" => self.addr = Some(value.to_string()),
            "db" => self.db = Some(PathBuf::from(value)),
            "registration" => self.registration = Some(value.to_string()),
            "secure_cookies" => {
                self.secure_cookies = Some(match value.trim() {
                    "true" | "1" | "yes" => true,
                    "false" | "0" | "no" => false,
                    _ => return Err("expected true or false".to_string()),
                })
            }
            "session_idle_minutes" => self.session_idle_minutes = num(value)?,
            "session_max_days" => self.session_max_days = num(value)?,
            "form_limit_kib" => self.form_limit_kib = num(value)?,
            "upload_limit_mib" => self.upload_limit_mib = num(value)?,
            "workers" => self.workers = num(value)?,
            "trusted_proxies" => self.trusted_proxies = Some(value.to_string()),
            _ => return Err("unknown setting".to_string()),
        }
        Ok(())
    }
}

fn env_names() -> String {
    KEYS.iter()
        .map(|k| format!("FACTCARDS_{}", k.to_ascii_uppercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Config {
    /// Folds the layers (lowest first) over the defaults and validates the result.
    /// `layers` pairs each layer with its name for error messages ("factcards.toml", "environment").
    pub fn resolve(layers: &[(&str, Layer)]) -> Result<Config, String> {
        let mut c = Config::default();
        for (origin, l) in layers {
            c.apply(l).map_err(|e| format!("{origin}: {e}"))?;
        }
        c.validate()?;
        Ok(c)
    }

    fn apply(&mut self, l: &Layer) -> Result<(), String> {
        if let Some(a) = &l.addr {
            self.addr = a.parse().map_err(|_| {
                format!("addr = {a:?}: expected an address and port such as 127.0.0.1:8080")
            })?;
        }
        if let Some(r) = &l.registration {
            self.registration = match r.as_str() {
                "open" => Registration::Open,
                "closed" => Registration::Closed,
                _ => {
                    return Err(format!(
                        "registration = {r:?}: expected \"open\" or \"closed\""
                    ));
                }
            };
        }
        if let Some(list) = &l.trusted_proxies {
            self.trusted_proxies = list
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| {
                    a.parse().map_err(|_| {
                        format!("trusted_proxies: {a:?} is not an IP address (list them separated by commas)")
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        macro_rules! take {
            ($($f:ident),*) => { $( if let Some(v) = &l.$f { self.$f = v.clone(); } )* };
        }
        take!(
            db,
            secure_cookies,
            session_idle_minutes,
            session_max_days,
            form_limit_kib,
            upload_limit_mib,
            workers
        );
        Ok(())
    }

    fn validate(&self) -> Result<(), String> {
        if self.db.as_os_str().is_empty() {
            return Err("db: the database path is empty".to_string());
        }
        if self.session_idle_minutes == 0 || self.session_max_days == 0 {
            return Err("session_idle_minutes and session_max_days must be at least 1".to_string());
        }
        if !(1..=1024 * 1024).contains(&self.form_limit_kib) {
            return Err("form_limit_kib must be between 1 and 1048576".to_string());
        }
        if !(1..=4096).contains(&self.upload_limit_mib) {
            return Err("upload_limit_mib must be between 1 and 4096".to_string());
        }
        Ok(())
    }

    /// The number of HTTP workers to start.
    pub fn worker_count(&self) -> usize {
        if self.workers > 0 {
            self.workers
        } else {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Result<Layer, String> {
        Layer::from_env(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn later_layers_win() {
        let file: Layer = toml::from_str("addr = \"127.0.0.1:9000\"\ndb = \"a.db\"").unwrap();
        let envl = env(&[("FACTCARDS_DB", "b.db"), ("PATH", "/bin")]).unwrap();
        let flags = Layer {
            addr: Some("0.0.0.0:7000".into()),
            ..Layer::default()
        };
        let c = Config::resolve(&[("file", file), ("env", envl), ("flags", flags)]).unwrap();
        assert_eq!(c.addr.to_string(), "0.0.0.0:7000");
        assert_eq!(c.db, PathBuf::from("b.db"));
        assert_eq!(c.registration, Registration::Closed);
    }

    #[test]
    fn errors_name_the_layer_and_key() {
        let err = env(&[("FACTCARDS_PORT", "1")]).unwrap_err();
        assert!(err.contains("FACTCARDS_PORT: unknown setting"), "{err}");
        let err = env(&[("FACTCARDS_WORKERS", "many")]).unwrap_err();
        assert!(err.contains("expected a whole number"), "{err}");
        let bad = Layer {
            registration: Some("maybe".into()),
            ..Layer::default()
        };
        let err = Config::resolve(&[("factcards.toml", bad)]).unwrap_err();
        assert!(err.starts_with("factcards.toml: registration"), "{err}");
        let bad = Layer {
            trusted_proxies: Some("10.0.0.1, proxy".into()),
            ..Layer::default()
        };
        let err = Config::resolve(&[("environment", bad)]).unwrap_err();
        assert!(err.contains("\"proxy\" is not an IP address"), "{err}");
        let good = Layer {
            trusted_proxies: Some("10.0.0.1, ::1".into()),
            ..Layer::default()
        };
        assert_eq!(
            Config::resolve(&[("env", good)])
                .unwrap()
                .trusted_proxies
                .len(),
            2
        );
        let err = toml::from_str::<Layer>("prot = 1").unwrap_err();
        assert!(err.message().contains("unknown field"), "{err}");
    }

    #[test]
    fn bad_file_reports_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("factcards.toml");
        std::fs::write(&path, "db = \"x.db\"\nworkers = \"two\"\n").unwrap();
        let err = Layer::from_file(&path, true).unwrap_err();
        assert!(err.contains("factcards.toml:2"), "{err}");
        assert!(Layer::from_file(&dir.path().join("none.toml"), false).is_ok());
        assert!(Layer::from_file(&dir.path().join("none.toml"), true).is_err());
    }
}
