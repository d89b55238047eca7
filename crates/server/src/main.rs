//! `steady-server`: the sync server, plus the staff commands the console will take over.
//!
//! ```text
//! steady-server [--config FILE] [serve]
//! steady-server [--config FILE] invite --role mentee|mentor --name NAME [--person ID]
//! steady-server [--config FILE] pair MENTEE_ID MENTOR_ID
//! steady-server [--config FILE] directory publish FILE.json
//! steady-server [--config FILE] program-key rotate     (phones follow it; see README)
//! steady-server [--config FILE] staff add NAME        (reads the password from standard input)
//! steady-server [--config FILE] migrate --to postgres://...   (copies the SQLite program whole)
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use steady_core::protocol::Role;
use steady_server::{self as server, Config, ServerStore};

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let config_file = take_value(&mut args, "--config")?.map(PathBuf::from);
    let config = Config::load(config_file.as_deref())?;
    match args.first().map(String::as_str) {
        None | Some("serve") => serve(config),
        Some("invite") => invite(config, &mut args),
        Some("pair") => pair(config, &args[1..]),
        Some("directory") => directory(config, &args[1..]),
        Some("staff") => staff(config, &args[1..]),
        Some("program-key") => program_key(config, &args[1..]),
        Some("migrate") => migrate(config, &mut args),
        Some(other) => bail!(
            "unknown command {other:?}; try serve, invite, pair, directory, program-key, staff or migrate"
        ),
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("could not listen on {}", config.listen))?;
        println!("Steady sync server on http://{}", listener.local_addr()?);
        server::launch_with_listener(config, listener, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
        Ok(())
    })
}

fn open_store(config: &Config) -> anyhow::Result<Arc<dyn ServerStore>> {
    Ok(server::open_store(config)?)
}

fn invite(config: Config, args: &mut Vec<String>) -> anyhow::Result<()> {
    let role = take_value(args, "--role")?
        .and_then(|r| Role::from_key(&r))
        .context("say --role mentee or --role mentor")?;
    let person = take_value(args, "--person")?;
    let name = take_value(args, "--name")?;
    if person.is_none() && name.is_none() {
        bail!("say --name NAME for a new person, or --person ID for another device of theirs");
    }
    let store = open_store(&config)?;
    let invite = server::create_invite(
        &store,
        role,
        name.as_deref().unwrap_or_default(),
        person.as_deref(),
        config.invite_days,
    )?;
    store.audit(
        "command line",
        &format!("invited a {}", invite.person.role.key()),
        &invite.person.display_name,
        server::now(),
    )?;
    println!(
        "Invite for {} ({}), person id {}\nCode: {}\nValid for {} days.",
        invite.person.display_name,
        invite.person.role.key(),
        invite.person.id,
        invite.code,
        config.invite_days
    );
    Ok(())
}

fn pair(config: Config, args: &[String]) -> anyhow::Result<()> {
    let [mentee, mentor] = args else {
        bail!("say: steady-server pair MENTEE_ID MENTOR_ID");
    };
    let store = open_store(&config)?;
    server::pair(&store, mentee, mentor)?;
    store.audit(
        "command line",
        "paired",
        &format!("{mentee} with {mentor}"),
        server::now(),
    )?;
    println!("Paired.");
    Ok(())
}

/// `staff add NAME [--safeguarding]` adds a staff account; the password is the first line of
/// standard input (at least 12 characters). `--safeguarding` lets them open the safeguarding
/// inbox. `staff seal NAME` is the operator's word that the account as the database holds it
/// now is the program's (an account made before seals, or restored by hand): the program key
/// seals it, and it can sign in again.
fn staff(config: Config, args: &[String]) -> anyhow::Result<()> {
    let usage = "say: steady-server staff add NAME [--safeguarding] (and type the password), \
                 or steady-server staff seal NAME";
    let (verb, name, safeguarding) = match args {
        [verb, name] => (verb.as_str(), name.trim(), false),
        [verb, name, flag] if verb == "add" && flag == "--safeguarding" => {
            (verb.as_str(), name.trim(), true)
        }
        _ => bail!(usage),
    };
    match verb {
        "add" => {}
        "seal" => {
            let store = open_store(&config)?;
            let account = server::seal_account(&store, &config.data_dir, name)?;
            store.audit(
                "command line",
                "sealed a staff account",
                name,
                server::now(),
            )?;
            let role = if account.safeguarding {
                " with the safeguarding role"
            } else {
                ""
            };
            println!("Staff account {name}{role} is sealed by the program key and can sign in.");
            return Ok(());
        }
        _ => bail!(usage),
    }
    let mut password = String::new();
    std::io::stdin().read_line(&mut password)?;
    let password = password.trim_end_matches(['\n', '\r']);
    if password.chars().count() < 12 {
        bail!("the password must be at least 12 characters");
    }
    let store = open_store(&config)?;
    server::add_staff(&store, &config.data_dir, name, password)?;
    if safeguarding {
        server::set_safeguarding(&store, &config.data_dir, name, true)?;
        store.audit(
            "command line",
            "gave the safeguarding role",
            name,
            server::now(),
        )?;
    }
    println!("Staff account {name} added. Sign in at /staff.");
    Ok(())
}

/// Publishes a crisis directory (JSON, as in assets/crisis/) as the next signed version.
fn directory(config: Config, args: &[String]) -> anyhow::Result<()> {
    let [verb, file] = args else {
        bail!("say: steady-server directory publish FILE.json");
    };
    if verb != "publish" {
        bail!("say: steady-server directory publish FILE.json");
    }
    let text = std::fs::read_to_string(file).with_context(|| format!("could not read {file}"))?;
    let store = open_store(&config)?;
    let (version, kept) = server::publish_contacts(&store, &config.data_dir, &text)?;
    if kept {
        println!(
            "The file has no program part: the statement and where concerns go stay as published."
        );
    }
    store.audit(
        "command line",
        "published the crisis contacts",
        &format!("version {version}"),
        server::now(),
    )?;
    println!("Published crisis directory version {version}.");
    Ok(())
}

/// Replaces the program's signing key with a new one the old one signs; phones follow it.
fn program_key(config: Config, args: &[String]) -> anyhow::Result<()> {
    if args != ["rotate"] {
        bail!("say: steady-server program-key rotate");
    }
    let store = open_store(&config)?;
    let state = server::ServerState::try_new(store.clone(), &config)?;
    let public = state.rotate_program_key()?;
    store.audit(
        "command line",
        "rotated the program key",
        &public,
        server::now(),
    )?;
    println!(
        "The program key is now {public}. The old key signed the change, so phones follow it at their next sync."
    );
    Ok(())
}

/// Copies the program in the data folder's SQLite file into an empty PostgreSQL database,
/// verifies every table, and says how to point the server at it.
fn migrate(config: Config, args: &mut Vec<String>) -> anyhow::Result<()> {
    let usage = "say: steady-server migrate --to postgres://USER:PASSWORD@HOST/DATABASE";
    let to = take_value(args, "--to")?.context(usage)?;
    if args.len() != 1 {
        bail!(usage);
    }
    let url = server::DatabaseUrl::parse(&to).map_err(|err| anyhow::anyhow!("--to: {err}"))?;
    let moved = server::migrate::sqlite_to_postgres(&config.data_dir, url.expose())?;
    println!("Moved {} to {url}:", moved.program);
    for (table, rows, digest) in &moved.tables {
        println!("  {table:<20} {rows:>9} rows  sha256 {}", &digest[..16]);
    }
    println!(
        "Every table was read back and matches. The SQLite file is left as it was.\n\
         Next: stop this server, set database_url in server.toml (or STEADY_SERVER_DATABASE_URL),\n\
         keep {} in each node's data folder, and start the nodes.",
        server::PROGRAM_KEY_FILE
    );
    Ok(())
}

/// Removes `--flag VALUE` from `args` and returns the value.
fn take_value(args: &mut Vec<String>, flag: &str) -> anyhow::Result<Option<String>> {
    let Some(at) = args.iter().position(|a| a == flag) else {
        return Ok(None);
    };
    if at + 1 >= args.len() {
        bail!("{flag} needs a value");
    }
    let value = args.remove(at + 1);
    args.remove(at);
    Ok(Some(value))
}
