//! The desktop build (dioxus-desktop, the renderer phones use) in a real window on a virtual
//! screen (Xvfb), driven with real X input through `xdotool`, as a person would drive it.
//!
//! dioxus-desktop 0.7 makes its WebKit context without automation, so no WebDriver can reach
//! inside the window. What the window shows is read instead from the app's test probe
//! (`STEADY_DESKTOP_PROBE`, see `src/launch/desktop.rs`): the page's text, the focused
//! control and each control's name and rectangle, written after each drawn frame. The probe
//! only reads; every click and key press here is a real X event at a real position, so a
//! control that is covered, off screen or not wired does not work here either.
//!
//! The app is the binary `.ci/run` builds with `--features desktop` and copies to
//! `target/desktop/steady` (or `STEADY_DESKTOP_BIN`). These tests skip with a notice when it
//! or Xvfb or xdotool is missing, and fail instead when `STEADY_REQUIRE_DESKTOP=1` (CI sets it).
//! One window at a time.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Deserialize;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// How long the window may take to show what a step waits for. Generous: CI builds and tests on
/// two cores, and these tests check what a person sees, not how fast (`benches/startup.rs` does).
const PATIENCE: Duration = Duration::from_secs(90);

/// One report from the app's probe: what the window showed after a drawn frame.
#[derive(Clone, Debug, Deserialize)]
pub struct Look {
    pub at_ms: u64,
    pub text: String,
    pub title: String,
    pub focused: Option<String>,
    pub controls: Vec<Control>,
    pub viewport: Viewport,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Control {
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub reachable: bool,
}

impl Look {
    /// The control a person would find by its name (as a screen reader says it).
    pub fn control(&self, name: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.name == name)
    }
}

/// The places a desktop app keeps things, all inside one temp folder: the data folder
/// (`$XDG_DATA_HOME/steady`), the secret that seals its key (`$XDG_CONFIG_HOME/steady`), and a
/// stand-in `xdg-open` first on `PATH` that writes down each link it is handed instead of
/// opening it, and fails while the file `opener-fails` exists.
pub struct Home {
    root: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        let root = tempfile::tempdir().expect("temp dir");
        for dir in ["home", "data", "config", "cache", "runtime", "bin"] {
            std::fs::create_dir_all(root.path().join(dir)).expect("make dir");
        }
        let opener = root.path().join("bin/xdg-open");
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{opened}'\n[ -e '{fails}' ] && exit 4\nexit 0\n",
            opened = root.path().join("opened").display(),
            fails = root.path().join("opener-fails").display(),
        );
        std::fs::write(&opener, script).expect("write xdg-open");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(
            root.path().join("runtime"),
            std::fs::Permissions::from_mode(0o700),
        )
        .unwrap();
        Home { root }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// The app's data folder.
    pub fn data_dir(&self) -> PathBuf {
        self.path("data/steady")
    }

    /// Where the desktop keeps the secret that seals the data key (outside the data folder).
    pub fn secret_file(&self) -> PathBuf {
        self.path("config/steady")
            .join(steady::platform::DEVICE_SECRET_FILE)
    }

    /// Every link the app handed to the computer, in order.
    pub fn opened(&self) -> Vec<String> {
        std::fs::read_to_string(self.path("opened"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// From now on, the computer has nothing that opens links (as a desktop with no dialer).
    pub fn opener_fails(&self) {
        std::fs::write(self.path("opener-fails"), b"").unwrap();
    }

    /// The store as it is on disk now, opened by the library the app is built from, in a copy
    /// of the data folder (the test build's vault reads the secret from the data folder itself).
    /// Call it with the app stopped.
    pub fn device_copy(&self) -> (tempfile::TempDir, steady::state::Device) {
        let copy = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(self.data_dir()).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
            }
        }
        std::fs::copy(
            self.secret_file(),
            copy.path().join(steady::platform::DEVICE_SECRET_FILE),
        )
        .unwrap();
        let device = steady::state::Device::open(copy.path()).expect("the store opens");
        (copy, device)
    }

    /// Moves a data folder made by the test build (key, database and secret together) into the
    /// places the desktop build looks for them.
    pub fn take_data_from(&self, made: &Path) {
        std::fs::create_dir_all(self.data_dir()).unwrap();
        std::fs::create_dir_all(self.secret_file().parent().unwrap()).unwrap();
        for entry in std::fs::read_dir(made).unwrap() {
            let entry = entry.unwrap();
            let to = if entry.file_name() == steady::platform::DEVICE_SECRET_FILE {
                self.secret_file()
            } else {
                self.data_dir().join(entry.file_name())
            };
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), to).unwrap();
            }
        }
    }
}

/// A virtual screen with the desktop app on it.
pub struct Desktop {
    _turn: MutexGuard<'static, ()>,
    xvfb: Child,
    display: String,
    bin: PathBuf,
    pub home: Home,
    app: Option<Child>,
    window: Option<String>,
    probe: PathBuf,
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}

/// The desktop binary the walk drives, if it has been built.
pub fn desktop_bin() -> Option<PathBuf> {
    let bin = std::env::var_os("STEADY_DESKTOP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/desktop/steady"));
    bin.is_file().then_some(bin)
}

impl Desktop {
    /// A virtual screen and an empty home, or `None` (with a notice) when this machine cannot
    /// run the desktop app.
    pub fn start(test: &str) -> Option<Desktop> {
        let missing = match desktop_bin() {
            None => Some(
                "no desktop build (cargo build --no-default-features --features desktop-probe, \
                 then copy target/debug/steady to target/desktop/steady)",
            ),
            Some(_) if !on_path("Xvfb") => Some("Xvfb not found (apt-get install xvfb)"),
            Some(_) if !on_path("xdotool") => Some("xdotool not found (apt-get install xdotool)"),
            Some(_) => None,
        };
        if let Some(why) = missing {
            if std::env::var("STEADY_REQUIRE_DESKTOP").is_ok_and(|v| v == "1") {
                panic!("STEADY_REQUIRE_DESKTOP=1 but {why}");
            }
            eprintln!("SKIPPED {test}: {why}");
            return None;
        }
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Xvfb picks a free display itself and says which on the descriptor it is given.
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1024x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start Xvfb");
        let mut line = String::new();
        BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("Xvfb says its display");
        let display = format!(":{}", line.trim());
        assert!(display.len() > 1, "Xvfb gave no display");
        let home = Home::new();
        let probe = home.path("probe.json");
        Some(Desktop {
            _turn: turn,
            xvfb,
            display,
            bin: desktop_bin().unwrap(),
            home,
            app: None,
            window: None,
            probe,
        })
    }

    /// Launches the app, as a person would open it, and waits for its window.
    pub fn launch(&mut self) {
        assert!(self.app.is_none(), "the app is already open");
        let _ = std::fs::remove_file(&self.probe);
        let path = format!(
            "{}:{}",
            self.home.path("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let app = Command::new(&self.bin)
            .env_clear()
            .env("PATH", path)
            .env("DISPLAY", &self.display)
            .env("HOME", self.home.path("home"))
            .env("XDG_DATA_HOME", self.home.path("data"))
            .env("XDG_CONFIG_HOME", self.home.path("config"))
            .env("XDG_CACHE_HOME", self.home.path("cache"))
            .env("XDG_RUNTIME_DIR", self.home.path("runtime"))
            .env("LANG", "en_US.UTF-8")
            .env("RUST_LOG", "warn")
            .env("STEADY_DESKTOP_PROBE", &self.probe)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(self.home.path("app.log")).unwrap())
            // Its own group, so WebKit's helper processes go with it when it is killed.
            .process_group(0)
            .spawn()
            .expect("start the desktop app");
        let pid = app.id().to_string();
        self.app = Some(app);
        let deadline = Instant::now() + PATIENCE;
        let window = loop {
            let found = self.xdotool(&["search", "--onlyvisible", "--pid", &pid]);
            if let Some(id) = found.lines().next().filter(|id| !id.is_empty()) {
                break id.to_owned();
            }
            if let Some(status) = self.app.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "the app ended before its window showed ({status}):\n{}",
                    self.log()
                );
            }
            assert!(Instant::now() < deadline, "no window:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(100));
        };
        self.window = Some(window);
    }

    fn window(&self) -> &str {
        self.window.as_deref().expect("the app is open")
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .expect("run xdotool");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// What the app wrote to its log (for a failure's message; never entry content).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.home.path("app.log")).unwrap_or_default()
    }

    /// The latest report, if there is one.
    fn latest(&self) -> Option<Look> {
        let json = std::fs::read(&self.probe).ok()?;
        serde_json::from_slice(&json).ok()
    }

    /// Waits until the window shows what `seen` looks for, in a frame drawn after this call.
    pub fn wait_until(&mut self, what: &str, seen: impl Fn(&Look) -> bool) -> Look {
        let since = now_ms();
        let deadline = Instant::now() + PATIENCE;
        let mut last = None;
        loop {
            if let Some(look) = self.latest().filter(|look| look.at_ms >= since) {
                if seen(&look) {
                    return look;
                }
                last = Some(look);
            }
            if let Some(status) = self.app.as_mut().and_then(|app| app.try_wait().unwrap()) {
                panic!(
                    "the app ended ({status}) waiting for {what}:\n{}",
                    self.log()
                );
            }
            assert!(
                Instant::now() < deadline,
                "the window never showed {what}; it showed {last:#?}\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the window's text says `words`.
    pub fn wait_for_text(&mut self, words: &str) -> Look {
        self.wait_until(&format!("the words {words:?}"), |look| {
            look.text.contains(words)
        })
    }

    /// Clicks the middle of the control named `name` with the real pointer, once it is on screen
    /// and nothing covers it; one off screen is scrolled to with the mouse wheel first, as a
    /// person would.
    pub fn click(&mut self, name: &str) {
        let window = self.window().to_owned();
        let mut scrolls = 0;
        let control = loop {
            let look = self.wait_until(&format!("a control named {name:?}"), |look| {
                look.control(name).is_some()
            });
            let control = look.control(name).unwrap().clone();
            if control.reachable {
                break control;
            }
            assert!(scrolls < 40, "{name:?} never came into view: {look:#?}");
            scrolls += 1;
            // Wheel down (button 5) for a control below the middle, up (4) for one above.
            let middle_x = (look.viewport.width / 2.0).round().to_string();
            let middle_y = (look.viewport.height / 2.0).round().to_string();
            let wheel = if control.y > look.viewport.height / 2.0 {
                "5"
            } else {
                "4"
            };
            self.xdotool(&["mousemove", "--window", &window, &middle_x, &middle_y]);
            self.xdotool(&["click", wheel]);
        };
        let x = (control.x + control.width / 2.0).round().to_string();
        let y = (control.y + control.height / 2.0).round().to_string();
        self.xdotool(&["mousemove", "--window", &window, &x, &y]);
        self.xdotool(&["click", "1"]);
    }

    /// Presses keys on the real keyboard, with the window focused (`xdotool key` names:
    /// `Escape`, `alt+Left`, `Return`).
    pub fn press(&mut self, keys: &str) {
        let window = self.window().to_owned();
        self.xdotool(&["windowfocus", "--sync", &window]);
        self.xdotool(&["key", "--clearmodifiers", keys]);
    }

    /// Asks the window to close, as a window manager does when its close button is pressed
    /// (ICCCM 4.2.8.1: a `WM_PROTOCOLS` client message naming `WM_DELETE_WINDOW`, which GTK
    /// turns into the window's `delete-event`). Xvfb has no window manager to send it.
    pub fn close_window(&mut self) {
        use x11rb::connection::Connection;
        use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt, EventMask};

        let window: u32 = self.window().parse().expect("a window id");
        let (x, _) = x11rb::connect(Some(&self.display)).expect("reach the X display");
        let atom = |name: &[u8]| x.intern_atom(false, name).unwrap().reply().unwrap().atom;
        let (protocols, delete) = (atom(b"WM_PROTOCOLS"), atom(b"WM_DELETE_WINDOW"));
        let message = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
        x.send_event(false, window, EventMask::NO_EVENT, message)
            .unwrap();
        x.flush().unwrap();
    }

    /// Types text on the real keyboard into whatever has focus.
    pub fn type_text(&mut self, text: &str) {
        let window = self.window().to_owned();
        self.xdotool(&["windowfocus", "--sync", &window]);
        self.xdotool(&["type", "--delay", "30", text]);
    }

    /// The window as pixels: how many different colours it shows (needs ImageMagick's `import`;
    /// `None` without it, and a failure instead when `STEADY_REQUIRE_DESKTOP=1`).
    pub fn colours_shown(&self) -> Option<usize> {
        if !on_path("import") || !on_path("identify") {
            if std::env::var("STEADY_REQUIRE_DESKTOP").is_ok_and(|v| v == "1") {
                panic!("STEADY_REQUIRE_DESKTOP=1 but ImageMagick is not installed");
            }
            eprintln!("the window's pixels were not checked: ImageMagick is not installed");
            return None;
        }
        let shot = self.home.path("shot.png");
        let status = Command::new("import")
            .args(["-window", self.window()])
            .arg(&shot)
            .env("DISPLAY", &self.display)
            .status()
            .expect("run import");
        assert!(status.success(), "could not take a screenshot");
        let out = Command::new("identify")
            .args(["-format", "%k"])
            .arg(&shot)
            .output()
            .expect("run identify");
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    }

    /// Kills the app at once (SIGKILL, its whole process group), as a phone does to an app in
    /// the background or a battery does to everything.
    pub fn kill(&mut self) {
        if let Some(mut app) = self.app.take() {
            kill_group(app.id());
            let _ = app.wait();
        }
        self.window = None;
    }

    /// Waits for the app to end by itself, and says how it ended.
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        let app = self.app.as_mut().expect("the app is open");
        loop {
            if let Some(status) = app.try_wait().unwrap() {
                let pid = app.id();
                self.app = None;
                self.window = None;
                kill_group(pid); // WebKit's helpers, if any stayed behind
                return status;
            }
            assert!(Instant::now() < deadline, "the app did not end");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether the app is still running.
    pub fn is_running(&mut self) -> bool {
        self.app
            .as_mut()
            .is_some_and(|app| app.try_wait().unwrap().is_none())
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        self.kill();
        kill_group(self.xvfb.id());
        let _ = self.xvfb.wait();
    }
}

fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .stderr(Stdio::null())
        .status();
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}
