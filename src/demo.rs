//! `cargo run`: the demo a newcomer starts (the `steady` binary with the default `preview`). Parses a few flags, serves the preview and the sync
//! server on 127.0.0.1, enrols and pairs the demo mentee and mentor, and prints where everything is.
//!
//! ```text
//! steady [--port N] [--data-dir DIR] [--reset]
//!   STEADY_PORT, STEADY_DATA_DIR do the same as the flags; flags win.
//! ```

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use std::sync::Arc;

use anyhow::{Context, bail};
use tokio::net::TcpListener;

use steady::preview::{DEMO_MENTOR_PASSCODE, Devices};
use steady::sync::protocol::Role;
use steady_server::{
    Config, ServerState, ServerStore, SqliteStore, add_staff, create_invite, pair,
};

/// Marks a directory as the demo's own, so `--reset` never deletes anything else.
const MARKER: &str = ".steady-demo";
const DEFAULT_PORT: u16 = 8080;

/// How the demo was asked to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub port: u16,
    pub data_dir: PathBuf,
    pub reset: bool,
}

impl DemoOptions {
    /// Reads flags, then environment variables, then defaults.
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Self> {
        let mut port = env("STEADY_PORT");
        let mut data_dir = env("STEADY_DATA_DIR").map(PathBuf::from);
        let mut reset = false;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--port" => port = Some(args.next().context("--port needs a number")?),
                "--data-dir" => {
                    data_dir = Some(args.next().context("--data-dir needs a folder")?.into())
                }
                "--reset" => reset = true,
                "--help" | "-h" => bail!("usage: steady [--port N] [--data-dir DIR] [--reset]"),
                other => bail!("unknown option {other:?}; try --help"),
            }
        }
        let port = match port {
            Some(text) => text.parse().with_context(|| {
                format!("the port must be a number from 0 to 65535, not {text:?}")
            })?,
            None => DEFAULT_PORT,
        };
        Ok(Self {
            port,
            data_dir: data_dir.unwrap_or_else(steady::platform::app_data_dir),
            reset,
        })
    }
}

/// Prepares the data directory: created and marked on first use, emptied on `--reset`.
fn prepare_data_dir(options: &DemoOptions) -> anyhow::Result<()> {
    let dir = &options.data_dir;
    let marker = dir.join(MARKER);
    if options.reset && dir.exists() {
        if !marker.exists() {
            bail!(
                "{} is not a Steady demo folder, so --reset will not delete it",
                dir.display()
            );
        }
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("could not reset {}", dir.display()))?;
    }
    steady::platform::create_private_dir(dir)
        .with_context(|| format!("could not create {}", dir.display()))?;
    if !marker.exists() {
        std::fs::write(
            &marker,
            "Steady demo data. `cargo run -- --reset` deletes this folder.\n",
        )?;
    }
    Ok(())
}

/// Runs the demo until Ctrl+C.
pub fn run(args: Vec<String>) -> anyhow::Result<()> {
    let options = DemoOptions::parse(args, |name| std::env::var(name).ok())?;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("STEADY_LOG")
                .unwrap_or_else(|_| "steady=info,warn".into()),
        )
        .init();
    prepare_data_dir(&options)?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port));
        let listener = TcpListener::bind(address).await.with_context(|| {
            format!("could not listen on {address}; try --port 0 or another port")
        })?;
        let bound = listener.local_addr()?;
        let base = format!("http://{bound}");
        let devices = Devices::new(&options.data_dir);
        // Open the demo mentee now, so a broken data folder is reported at start, not in the browser.
        devices.get("mentee")?;
        let config = Config {
            listen: bound,
            data_dir: options.data_dir.join(".server"),
            program_name: "Bright Paths (demo)".into(),
            ..Config::default()
        };
        let store: Arc<dyn ServerStore> =
            Arc::new(SqliteStore::open(&config.data_dir, &config.program_name)?);
        let state = ServerState::try_new(store.clone(), &config)?;
        let serving = tokio::spawn(steady::preview::serve(
            listener,
            devices.clone(),
            Some(state),
            async {
                let _ = tokio::signal::ctrl_c().await;
            },
        ));
        seed(&store, &devices, &base).await?;
        let staff_password = demo_staff(&store, &config.data_dir)?;
        println!("Steady demo is running.");
        println!("  Mentee app (Alex): {base}/d/mentee");
        println!("  Mentor app (Sam):  {base}/d/mentor (passcode: {DEMO_MENTOR_PASSCODE})");
        println!("  Sync server:       {base}/v1 (same port)");
        println!("  Staff console:     {base}/staff (name: staff, password: {staff_password})");
        println!("  All devices:       {base}/");
        println!("  Data folder:       {}", options.data_dir.display());
        println!("Press Ctrl+C to stop. `cargo run -- --reset` starts fresh.");
        serving.await??;
        Ok(())
    })
}

/// The demo's staff login: made once with a random password, kept (owner-only) in the demo's
/// server folder so it can be printed at every start.
fn demo_staff(store: &Arc<dyn ServerStore>, dir: &std::path::Path) -> anyhow::Result<String> {
    let file = dir.join("demo-staff-password");
    if let Ok(password) = std::fs::read_to_string(&file) {
        // A demo folder from before staff seals: the demo is its own operator, so it vouches
        // for its own account (a real server never does this at start; see `staff_seal`).
        if steady_server::unsealed_accounts(store.as_ref(), dir)?
            .iter()
            .any(|n| n == "staff")
        {
            steady_server::seal_account(store, dir, "staff")?;
        }
        return Ok(password.trim().to_owned());
    }
    let password = steady::crypto::random_bytes()?
        .iter()
        .take(9)
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    add_staff(store, dir, "staff", &password)?;
    // The demo's one staff member is also its safeguarding lead, so the inbox can be tried.
    steady_server::set_safeguarding(store, dir, "staff", true)?;
    steady::platform::write_private_file(&file, password.as_bytes())?;
    Ok(password)
}

/// Enrols the demo mentee "Alex" and mentor "Sam" with the in-process sync server and pairs them,
/// through the same invite-and-enrol path a real phone takes. Runs once; later starts find both
/// devices enrolled and leave them alone.
async fn seed(store: &Arc<dyn ServerStore>, devices: &Devices, base: &str) -> anyhow::Result<()> {
    let mut people = Vec::new();
    let mut fresh = false;
    for (name, role, person) in [
        ("mentee", Role::Mentee, "Alex"),
        ("mentor", Role::Mentor, "Sam"),
    ] {
        let device = devices.get(name)?.context("demo device")?;
        // The demo knows its mentor's passcode; the app still asks for it on every fresh page.
        if device.is_locked() && role == Role::Mentor {
            device.unlock(DEMO_MENTOR_PASSCODE)?;
        }
        let enrolment = match device.enrolment()? {
            Some(enrolment) => enrolment,
            None => {
                fresh = true;
                let invite = create_invite(store, role, person, None, 1)?;
                device.enroll(base, &invite.code).await?
            }
        };
        people.push(enrolment.person_id);
    }
    pair(store, &people[0], &people[1])?;
    if fresh {
        // A real mentee compares Sam's device code with Sam before saying yes; the demo stands in
        // for that once, so sharing works at first try. Later devices wait for Alex, as on a phone.
        // Mentor mode opens only behind a passcode; the demo's is printed at every start.
        let mentor = devices.get("mentor")?.context("demo device")?;
        if !mentor.has_passcode() {
            mentor.set_passcode(None, DEMO_MENTOR_PASSCODE, DEMO_MENTOR_PASSCODE)?;
        }
        let mentee = devices.get("mentee")?.context("demo device")?;
        let _ = mentee.sync_now().await;
        for device in mentee.mentor_devices()? {
            if device.trust == steady::store::DeviceTrust::Waiting {
                mentee.decide_mentor_device(&device.device_id, true)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> anyhow::Result<DemoOptions> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        DemoOptions::parse(args.iter().map(|a| a.to_string()), move |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn flags_win_over_environment_and_defaults_fill_the_rest() {
        let options = parse(&["--port", "0", "--reset"], &[("STEADY_PORT", "9000")]).unwrap();
        assert_eq!(options.port, 0);
        assert!(options.reset);
        let options = parse(
            &[],
            &[("STEADY_PORT", "9000"), ("STEADY_DATA_DIR", "/tmp/x")],
        )
        .unwrap();
        assert_eq!(
            (options.port, options.data_dir),
            (9000, PathBuf::from("/tmp/x"))
        );
        assert_eq!(parse(&[], &[]).unwrap().port, DEFAULT_PORT);
    }

    #[test]
    fn bad_flags_say_what_is_wrong() {
        assert!(
            parse(&["--port", "lots"], &[])
                .unwrap_err()
                .to_string()
                .contains("number")
        );
        assert!(parse(&["--frobnicate"], &[]).is_err());
    }

    #[test]
    fn reset_refuses_a_folder_that_is_not_the_demos() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.txt"), "mine").unwrap();
        let options = DemoOptions {
            port: 0,
            data_dir: dir.path().to_path_buf(),
            reset: true,
        };
        assert!(prepare_data_dir(&options).is_err());
        assert!(dir.path().join("thesis.txt").exists());
    }
}
