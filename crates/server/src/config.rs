//! Server settings: built-in defaults, then a TOML file, then `STEADY_SERVER_*` environment
//! variables, each overriding the one before.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub program_name: String,
    /// Requests per second each device may make, on average.
    pub rate_per_second: f64,
    /// How many requests a device may make at once before the average applies.
    pub rate_burst: f64,
    /// How long an invite code stays valid.
    pub invite_days: i64,
    /// Whether a TLS-terminating proxy sits in front (then the console's cookies are Secure).
    pub behind_tls: bool,
    /// How much each mentee's sealed records may take on the server, in MiB.
    pub mentee_quota_mib: u64,
    /// Connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers (slow or idle connections close).
    pub header_timeout_seconds: u64,
    /// How long a whole request may take, body included.
    pub request_timeout_seconds: u64,
    /// Where the program's data lives: `None` for the embedded SQLite file in `data_dir`, or a
    /// PostgreSQL database (`postgres://...`) that several server nodes can share.
    pub database_url: Option<DatabaseUrl>,
}

/// A PostgreSQL connection string. Its password never appears when it is printed.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// Only `postgres://` and `postgresql://` URLs name a database this server can use.
    pub fn parse(text: &str) -> Result<DatabaseUrl, String> {
        let text = text.trim();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Ok(DatabaseUrl(text.to_owned()))
        } else {
            Err("a database URL starts with postgres:// (leave it out to use the built-in SQLite file)".into())
        }
    }

    /// The whole URL, password included: only for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&redact_password(&self.0))
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&redact_password(&self.0))
    }
}

/// `postgres://user:secret@host/db` as `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "***".into();
    };
    match rest.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or_default();
            if user_info.contains(':') {
                format!("{scheme}://{user}:***@{host}")
            } else {
                format!("{scheme}://{user}@{host}")
            }
        }
        None => url.to_owned(),
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8443)),
            data_dir: PathBuf::from("steady-server-data"),
            program_name: "Steady program".into(),
            rate_per_second: 20.0,
            rate_burst: 120.0,
            invite_days: 14,
            behind_tls: false,
            mentee_quota_mib: 50,
            max_connections: 512,
            header_timeout_seconds: 10,
            request_timeout_seconds: 30,
            database_url: None,
        }
    }
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("could not read the config file {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("the config file {0} is not valid: {1}")]
    Parse(PathBuf, String),
    #[error("the environment variable {0} is not valid: {1}")]
    Env(&'static str, String),
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    program_name: Option<String>,
    rate_per_second: Option<f64>,
    rate_burst: Option<f64>,
    invite_days: Option<i64>,
    behind_tls: Option<bool>,
    mentee_quota_mib: Option<u64>,
    max_connections: Option<usize>,
    header_timeout_seconds: Option<u64>,
    request_timeout_seconds: Option<u64>,
    database_url: Option<String>,
}

impl Config {
    /// Defaults, then `file` if given, then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .map_err(|err| ConfigError::Read(path.to_path_buf(), err))?;
            config
                .apply_toml(&text)
                .map_err(|err| ConfigError::Parse(path.to_path_buf(), err))?;
        }
        config.apply_env(|name| std::env::var(name).ok())?;
        Ok(config)
    }

    fn apply_toml(&mut self, text: &str) -> Result<(), String> {
        let file: FileConfig = toml::from_str(text).map_err(|err| err.to_string())?;
        if let Some(v) = file.listen {
            self.listen = v;
        }
        if let Some(v) = file.data_dir {
            self.data_dir = v;
        }
        if let Some(v) = file.program_name {
            self.program_name = v;
        }
        if let Some(v) = file.rate_per_second {
            self.rate_per_second = v;
        }
        if let Some(v) = file.rate_burst {
            self.rate_burst = v;
        }
        if let Some(v) = file.invite_days {
            self.invite_days = v;
        }
        if let Some(v) = file.behind_tls {
            self.behind_tls = v;
        }
        if let Some(v) = file.mentee_quota_mib {
            self.mentee_quota_mib = v;
        }
        if let Some(v) = file.max_connections {
            self.max_connections = v.max(1);
        }
        if let Some(v) = file.header_timeout_seconds {
            self.header_timeout_seconds = v.max(1);
        }
        if let Some(v) = file.request_timeout_seconds {
            self.request_timeout_seconds = v.max(1);
        }
        if let Some(v) = file.database_url {
            self.database_url =
                Some(DatabaseUrl::parse(&v).map_err(|err| format!("database_url: {err}"))?);
        }
        Ok(())
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn parse<T: std::str::FromStr>(name: &'static str, text: &str) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            text.parse()
                .map_err(|err: T::Err| ConfigError::Env(name, err.to_string()))
        }
        if let Some(v) = var("STEADY_SERVER_LISTEN") {
            self.listen = parse("STEADY_SERVER_LISTEN", &v)?;
        }
        if let Some(v) = var("STEADY_SERVER_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = var("STEADY_SERVER_PROGRAM") {
            self.program_name = v;
        }
        if let Some(v) = var("STEADY_SERVER_RATE_PER_SECOND") {
            self.rate_per_second = parse("STEADY_SERVER_RATE_PER_SECOND", &v)?;
        }
        if let Some(v) = var("STEADY_SERVER_BEHIND_TLS") {
            self.behind_tls = parse("STEADY_SERVER_BEHIND_TLS", &v)?;
        }
        if let Some(v) = var("STEADY_SERVER_RATE_BURST") {
            self.rate_burst = parse("STEADY_SERVER_RATE_BURST", &v)?;
        }
        if let Some(v) = var("STEADY_SERVER_MENTEE_QUOTA_MIB") {
            self.mentee_quota_mib = parse("STEADY_SERVER_MENTEE_QUOTA_MIB", &v)?;
        }
        if let Some(v) = var("STEADY_SERVER_MAX_CONNECTIONS") {
            self.max_connections = parse::<usize>("STEADY_SERVER_MAX_CONNECTIONS", &v)?.max(1);
        }
        if let Some(v) = var("STEADY_SERVER_DATABASE_URL") {
            self.database_url = Some(
                DatabaseUrl::parse(&v)
                    .map_err(|err| ConfigError::Env("STEADY_SERVER_DATABASE_URL", err))?,
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_overrides_defaults_and_the_environment_overrides_the_file() {
        let mut config = Config::default();
        config
            .apply_toml("listen = \"127.0.0.1:9000\"\nprogram_name = \"Bright Paths\"\n")
            .unwrap();
        config
            .apply_env(|name| (name == "STEADY_SERVER_LISTEN").then(|| "127.0.0.1:9100".into()))
            .unwrap();
        assert_eq!(config.listen.port(), 9100);
        assert_eq!(config.program_name, "Bright Paths");
        assert_eq!(config.invite_days, 14);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_named() {
        let mut config = Config::default();
        assert!(
            config
                .apply_toml("lisen = \"x\"")
                .unwrap_err()
                .contains("lisen")
        );
        let err = config
            .apply_env(|name| (name == "STEADY_SERVER_LISTEN").then(|| "nowhere".into()))
            .unwrap_err();
        assert!(err.to_string().contains("STEADY_SERVER_LISTEN"));
    }

    #[test]
    fn a_database_url_is_postgres_and_its_password_never_prints() {
        let mut config = Config::default();
        config
            .apply_toml("database_url = \"postgres://steady:hunter2@db.example/bright\"\n")
            .unwrap();
        let url = config.database_url.clone().expect("read from the file");
        assert_eq!(url.expose(), "postgres://steady:hunter2@db.example/bright");
        for shown in [format!("{url}"), format!("{config:?}")] {
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(
                shown.contains("postgres://steady:***@db.example/bright"),
                "{shown}"
            );
        }
        let err = config
            .apply_env(|name| (name == "STEADY_SERVER_DATABASE_URL").then(|| "mysql://x".into()))
            .unwrap_err();
        assert!(err.to_string().contains("STEADY_SERVER_DATABASE_URL"));
        assert!(config.apply_toml("database_url = \"steady.db\"").is_err());
    }
}
