//! A real sync server on 127.0.0.1:0 over a temp directory, plus a recording proxy that keeps
//! every byte a client sends, and real devices (their own temp stores and keys) enrolled with it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use steady::state::Device;
use steady::sync::protocol::Role;
use steady_server::{self as server, Config, DatabaseUrl, ServerState, ServerStore};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

pub struct SyncServer {
    pub base: String,
    pub dir: PathBuf,
    /// The server's PostgreSQL database, when the tests run every server there (see
    /// `postgres.rs`); otherwise its data is the SQLite file in `dir`.
    pub database: Option<String>,
    pub store: Arc<dyn ServerStore>,
    _root: Arc<tempfile::TempDir>,
    stop: Option<oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<()>>,
}

impl SyncServer {
    pub async fn start() -> Self {
        Self::start_in(Arc::new(tempfile::tempdir().expect("temp dir")), None).await
    }

    /// Starts (or restarts) a server over `root`, on `port` if given.
    pub async fn start_in(root: Arc<tempfile::TempDir>, port: Option<u16>) -> Self {
        Self::start_with(root, port, Config::default()).await
    }

    /// A server whose devices may make `burst` requests, then one every `1 / per_second` s.
    pub async fn start_with_rate(per_second: f64, burst: f64) -> Self {
        let config = Config {
            rate_per_second: per_second,
            rate_burst: burst,
            ..Config::default()
        };
        Self::start_with_config(config).await
    }

    /// A server with `config` (its data folder and program name are the fixture's own).
    pub async fn start_with_config(config: Config) -> Self {
        Self::start_with(
            Arc::new(tempfile::tempdir().expect("temp dir")),
            None,
            config,
        )
        .await
    }

    /// A server on SQLite, whatever store the other tests use (the source of a move).
    pub async fn start_on_sqlite() -> Self {
        let root = Arc::new(tempfile::tempdir().expect("temp dir"));
        Self::start_on(root, None, Config::default(), None).await
    }

    /// A server over `root`'s data folder (and its program key) that keeps its data in the
    /// PostgreSQL database at `url`, on `port` if given.
    pub async fn start_on_postgres(
        root: Arc<tempfile::TempDir>,
        port: Option<u16>,
        url: &str,
    ) -> Self {
        Self::start_on(root, port, Config::default(), Some(url.to_owned())).await
    }

    async fn start_with(root: Arc<tempfile::TempDir>, port: Option<u16>, config: Config) -> Self {
        let database = super::postgres::database_for(&root.path().join("server"));
        Self::start_on(root, port, config, database).await
    }

    async fn start_on(
        root: Arc<tempfile::TempDir>,
        port: Option<u16>,
        config: Config,
        database: Option<String>,
    ) -> Self {
        let dir = root.path().join("server");
        let config = Config {
            data_dir: dir.clone(),
            program_name: "Bright Paths".into(),
            database_url: database
                .as_deref()
                .map(|url| DatabaseUrl::parse(url).expect("a postgres URL")),
            ..config
        };
        let store = server::open_store(&config).expect("server store");
        let listener = TcpListener::bind(("127.0.0.1", port.unwrap_or(0)))
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let state = ServerState::new(store.clone(), &config);
        let limits = server::ConnectionLimits::from_config(&config);
        let (stop, stopped) = oneshot::channel::<()>();
        let done = tokio::spawn(async move {
            let _ = server::serve(state, listener, limits, async {
                let _ = stopped.await;
            })
            .await;
        });
        SyncServer {
            base,
            dir,
            database,
            store,
            _root: root,
            stop: Some(stop),
            done: Some(done),
        }
    }

    /// The folder the server's data folder is in.
    pub fn root(&self) -> Arc<tempfile::TempDir> {
        self._root.clone()
    }

    pub fn port(&self) -> u16 {
        self.base.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Stops the server and starts a new one on the same port and files.
    pub async fn restart(mut self) -> Self {
        let port = self.port();
        let root = self._root.clone();
        self.shutdown().await;
        drop(self);
        Self::start_in(root, Some(port)).await
    }

    pub async fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(done) = self.done.take() {
            let _ = done.await;
        }
    }

    /// A new person and a one-time invite code for their device.
    pub fn invite(&self, role: Role, name: &str) -> (String, String) {
        let invite = server::create_invite(&self.store, role, name, None, 14).expect("invite");
        (invite.code, invite.person.id)
    }

    /// Another invite for an existing person (a second device).
    pub fn invite_again(&self, person: &str) -> String {
        server::create_invite(&self.store, Role::Mentor, "", Some(person), 14)
            .expect("invite")
            .code
    }

    pub fn pair(&self, mentee: &str, mentor: &str) {
        server::pair(&self.store, mentee, mentor).expect("pair");
    }

    /// Every byte of every file the server keeps, and (on PostgreSQL) every value its database
    /// holds.
    pub fn file_bytes(&self) -> Vec<u8> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(&self.dir).expect("server dir") {
            all.extend(std::fs::read(entry.expect("entry").path()).unwrap_or_default());
        }
        if let Some(url) = &self.database {
            all.extend(super::postgres::dump(url));
        }
        all
    }

    /// Runs `sql` straight on the server's database, as whoever holds it could. SQLite's
    /// `CAST(... AS BLOB)` is said as PostgreSQL's `bytea` there.
    pub fn execute_sql(&self, sql: &str) -> Result<(), String> {
        match &self.database {
            Some(url) => super::postgres::run(url, &sql.replace(" AS BLOB)", " AS BYTEA)")),
            None => rusqlite::Connection::open(self.dir.join("steady-server.db"))
                .and_then(|conn| conn.execute_batch(sql))
                .map_err(|err| err.to_string()),
        }
    }

    /// The staff account `name` as the console would trust it: `None` when there is none, or
    /// when the program key's seal over it does not hold.
    pub fn staff(&self, name: &str) -> Option<steady_server::staff_seal::StaffAccount> {
        let program = self.store.program_key().unwrap().unwrap();
        self.store.staff_login(name).unwrap()?.open(&program)
    }

    /// The program's signing key, from the data folder.
    pub fn program_key(&self) -> steady::crypto::ProgramKey {
        steady::crypto::ProgramKey::load_or_create(&self.dir.join(server::PROGRAM_KEY_FILE))
            .unwrap()
    }
}

impl Drop for SyncServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The `steady-server` binary. Cargo names to a package's tests only that package's own
/// binaries, and the server is its own workspace member: the root `cargo test` builds it with
/// its own tests (it is a default member), beside this test binary in `target/<profile>/`.
pub fn server_binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/<profile>/deps/integration-HASH -> target/<profile>/steady-server
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let binary = profile.join(format!("steady-server{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is not built: run the tests with `cargo test` at the root, or `cargo build -p steady-server` first",
        binary.display()
    );
    binary
}

/// Runs `steady-server --config CONFIG ARGS...` to its end: whether it succeeded, and all it
/// printed.
pub fn steady_server(config: &std::path::Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(server_binary())
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .expect("steady-server runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Starts `steady-server` as its own process over `data` (port 0) and returns it with its base
/// URL.
pub fn server_process(data: &std::path::Path) -> (std::process::Child, String) {
    let mut command = Command::new(server_binary());
    if let Some(url) = super::postgres::database_for(data) {
        command.env("STEADY_SERVER_DATABASE_URL", url);
    }
    let mut child = command
        .env("STEADY_SERVER_DATA_DIR", data)
        .env("STEADY_SERVER_LISTEN", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start steady-server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the server says where it listens");
    let base = line.trim().rsplit(' ').next().expect("address").to_owned();
    (child, base)
}

/// The mentee's device lists the mentor's devices and says yes to each, as a person does after
/// comparing the codes with their mentor (every mentor device waits for that, the first too).
pub async fn approve_mentor_devices(mentee: &Device) {
    mentee.sync_now().await.expect("mentee syncs");
    for device in mentee.mentor_devices().expect("mentor devices") {
        if device.trust == steady::store::DeviceTrust::Waiting {
            mentee
                .decide_mentor_device(&device.device_id, true)
                .expect("approve");
        }
    }
}

/// A mentee and a mentor, enrolled and paired, each a real device with its own store; the
/// mentee has approved the mentor's device.
pub struct Pair {
    pub mentee: Device,
    pub mentor: Device,
    pub mentee_id: String,
    pub mentor_id: String,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl Pair {
    /// Enrols both through `url` (the server, or a proxy in front of it).
    pub async fn enrol(server: &SyncServer, url: &str) -> Pair {
        let (mentee_code, mentee_id) = server.invite(Role::Mentee, "Alex");
        let (mentor_code, mentor_id) = server.invite(Role::Mentor, "Sam");
        server.pair(&mentee_id, &mentor_id);
        let dirs = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mentee = Device::open(dirs.0.path()).unwrap();
        let mentor = Device::open(dirs.1.path()).unwrap();
        mentor
            .enroll(url, &mentor_code)
            .await
            .expect("mentor enrols");
        mentee
            .enroll(url, &mentee_code)
            .await
            .expect("mentee enrols");
        approve_mentor_devices(&mentee).await;
        Pair {
            mentee,
            mentor,
            mentee_id,
            mentor_id,
            _dirs: dirs,
        }
    }

    /// Sets how one of the mentee's check-ins is shared.
    pub fn share(&self, entry: &steady::domain::EntryId, mode: steady::domain::ShareMode) {
        self.mentee
            .set_share(
                steady::domain::ShareKind::Mood,
                entry.as_str(),
                mode,
                "Check-in",
            )
            .expect("share");
    }

    /// The mentee syncs, then the mentor: one full trip of a change.
    pub async fn sync_both(&self) {
        self.mentee.sync_now().await.expect("mentee syncs");
        self.mentor.sync_now().await.expect("mentor syncs");
    }

    /// What the mentor's device shows for the mentee now, as JSON text per item.
    pub fn mentor_sees(&self) -> Vec<String> {
        self.mentor
            .mentee_items(&self.mentee_id)
            .unwrap()
            .into_iter()
            .map(|item| match item.content {
                Some(content) => String::from_utf8(content.to_json()).unwrap(),
                None => "could not verify".into(),
            })
            .collect()
    }
}

/// A TCP proxy in front of the server that records every byte clients send, and can drop the
/// server's next response (after the server has handled the request), drop the next request
/// before the server sees it, or deliver the next request twice, to test retries.
#[derive(Clone)]
pub struct RecordingProxy {
    pub url: String,
    pub sent: Arc<Mutex<Vec<u8>>>,
    drop_next_response: Arc<Mutex<bool>>,
    drop_next_request: Arc<Mutex<bool>>,
    duplicate_next_request: Arc<Mutex<bool>>,
    target: String,
}

impl RecordingProxy {
    pub async fn start(target: &str) -> RecordingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let target = target.trim_start_matches("http://").to_owned();
        let proxy = RecordingProxy {
            url,
            sent: Arc::default(),
            drop_next_response: Arc::default(),
            drop_next_request: Arc::default(),
            duplicate_next_request: Arc::default(),
            target: target.clone(),
        };
        let this = proxy.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let this = this.clone();
                let target = target.clone();
                tokio::spawn(async move {
                    let _ = this.relay(client, &target).await;
                });
            }
        });
        proxy
    }

    /// The next response is read from the server and thrown away; the client sees the
    /// connection close.
    pub fn drop_next_response(&self) {
        *self.drop_next_response.lock().unwrap() = true;
    }

    /// The next request is thrown away before the server sees it; the client sees the
    /// connection close.
    pub fn drop_next_request(&self) {
        *self.drop_next_request.lock().unwrap() = true;
    }

    /// The next request reaches the server twice (the second copy over its own connection,
    /// its answer thrown away), as a network that retransmits might deliver it.
    pub fn duplicate_next_request(&self) {
        *self.duplicate_next_request.lock().unwrap() = true;
    }

    pub fn sent_text(&self) -> String {
        String::from_utf8_lossy(&self.sent.lock().unwrap()).into_owned()
    }

    async fn relay(&self, client: TcpStream, target: &str) -> std::io::Result<()> {
        let server = TcpStream::connect(target).await?;
        let (mut client_read, mut client_write) = client.into_split();
        let (mut server_read, mut server_write) = server.into_split();
        let sent = self.sent.clone();
        let this = self.clone();
        let upstream = tokio::spawn(async move {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = client_read.read(&mut buf).await?;
                if n == 0 {
                    break;
                }
                if std::mem::take(&mut *this.drop_next_request.lock().unwrap()) {
                    // Hang up without forwarding: the server never sees this request.
                    return Ok(());
                }
                sent.lock().unwrap().extend_from_slice(&buf[..n]);
                if std::mem::take(&mut *this.duplicate_next_request.lock().unwrap()) {
                    let copy = buf[..n].to_vec();
                    let target = this.target.clone();
                    tokio::spawn(async move {
                        if let Ok(mut again) = TcpStream::connect(&target).await {
                            let _ = again.write_all(&copy).await;
                            let mut answer = vec![0u8; 4096];
                            let _ = again.read(&mut answer).await;
                        }
                    });
                }
                server_write.write_all(&buf[..n]).await?;
            }
            Ok::<_, std::io::Error>(())
        });
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = server_read.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            let drop_it = std::mem::take(&mut *self.drop_next_response.lock().unwrap());
            if drop_it {
                // Give the server time to finish its side, then hang up on the client.
                upstream.abort();
                return Ok(());
            }
            client_write.write_all(&buf[..n]).await?;
        }
        upstream.abort();
        Ok(())
    }
}
