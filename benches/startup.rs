//! Desktop start-up: how long from launching the desktop build to its first screen drawn (Today,
//! on an empty data folder), and its peak memory with WebKit's helper processes, beside the floor:
//! a hello-world Dioxus desktop app built the same way (`examples/desktop_floor.rs`). Not in CI
//! (it needs both builds and a screen); run it as
//!
//!   benches/startup.sh            # builds both (debug, as CI does) and runs this
//!   STEADY_STARTUP_PROFILE=release benches/startup.sh
//!
//! Each launch gets a new, empty home on a virtual screen (Xvfb), so it is a first launch: the
//! data key is made and the store set up. The two apps take turns, so the machine's state is
//! shared fairly. "First screen drawn" is the web view's first animation frame showing the
//! screen's words, as each app's probe reports it (`STEADY_DESKTOP_PROBE`). Memory is the sum
//! over the app's process group of each process's peak resident set (VmHWM), read a second after
//! the first screen: an upper bound on the peak of the whole, counted the same way for both.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

struct Measured {
    first_screen_ms: f64,
    peak_kib: u64,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` passes `--bench`; a filter that does not name this bench skips it.
    if args
        .iter()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"startup".contains(a.as_str()))
    {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/desktop");
    let app = std::env::var_os("STEADY_DESKTOP_BIN").map_or(dir.join("steady"), PathBuf::from);
    let floor = std::env::var_os("STEADY_DESKTOP_FLOOR_BIN")
        .map_or(dir.join("desktop_floor"), PathBuf::from);
    if !app.is_file() || !floor.is_file() {
        eprintln!(
            "startup: skipped: build both first (benches/startup.sh): {} {}",
            app.display(),
            floor.display()
        );
        return;
    }
    let runs: usize = std::env::var("STEADY_STARTUP_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let (mut xvfb, display) = start_xvfb();

    // One launch of each first, not counted: it fills the page cache as a person's second day does.
    const TODAY: &str = "How are you feeling right now?";
    launch(&floor, &display, "Hello", &tempfile::tempdir().unwrap());
    launch(&app, &display, TODAY, &tempfile::tempdir().unwrap());
    let mut floors = Vec::new();
    let mut apps = Vec::new();
    let mut returning = Vec::new();
    for _ in 0..runs {
        floors.push(launch(
            &floor,
            &display,
            "Hello",
            &tempfile::tempdir().unwrap(),
        ));
        // A first launch (the data key made, the store set up), then the same home again, as
        // every later day opens it.
        let home = tempfile::tempdir().unwrap();
        apps.push(launch(&app, &display, TODAY, &home));
        returning.push(launch(&app, &display, TODAY, &home));
    }
    kill_group(xvfb.id());
    let _ = xvfb.wait();

    let median = |values: Vec<f64>| {
        let mut values = values;
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let floor_ms = median(floors.iter().map(|m| m.first_screen_ms).collect());
    let app_ms = median(apps.iter().map(|m| m.first_screen_ms).collect());
    let returning_ms = median(returning.iter().map(|m| m.first_screen_ms).collect());
    let floor_mib = median(floors.iter().map(|m| m.peak_kib as f64 / 1024.0).collect());
    let app_mib = median(apps.iter().map(|m| m.peak_kib as f64 / 1024.0).collect());
    println!("startup: medians of {runs} launches each, turn about");
    println!("| what | floor (same run) | measured | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| first launch to first screen drawn | {floor_ms:.0} ms | {app_ms:.0} ms | {:.2}x |",
        app_ms / floor_ms
    );
    println!(
        "| later launch (its data there) to first screen drawn | {floor_ms:.0} ms | {returning_ms:.0} ms | {:.2}x |",
        returning_ms / floor_ms
    );
    println!(
        "| peak memory, app and WebKit helpers | {floor_mib:.0} MiB | {app_mib:.0} MiB | {:.2}x |",
        app_mib / floor_mib
    );
}

fn start_xvfb() -> (Child, String) {
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
        .expect("start Xvfb (apt-get install xvfb)");
    let mut line = String::new();
    BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("Xvfb says its display");
    (xvfb, format!(":{}", line.trim()))
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0
}

/// Launches `bin` with `home` as its home and waits for a drawn frame that shows `words`.
fn launch(bin: &Path, display: &str, words: &str, home: &tempfile::TempDir) -> Measured {
    let probe = home.path().join("probe.json");
    let _ = std::fs::remove_file(&probe);
    let runtime = home.path().join("runtime");
    let _ = std::fs::create_dir(&runtime);
    std::fs::set_permissions(
        &runtime,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let started = now_ms();
    let mut child = Command::new(bin)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DISPLAY", display)
        .env("HOME", home.path())
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("LANG", "en_US.UTF-8")
        .env("STEADY_DESKTOP_PROBE", &probe)
        // The app's probe looks every few ms (it waits 150 ms between looks by default), so its
        // first screen is seen as soon as the floor's is.
        .env("STEADY_DESKTOP_PROBE_EVERY_MS", "5")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("launch");
    let deadline = Instant::now() + Duration::from_secs(120);
    let drawn_at = loop {
        if let Some(report) = std::fs::read(&probe)
            .ok()
            .and_then(|json| serde_json::from_slice::<serde_json::Value>(&json).ok())
            .filter(|report| report["text"].as_str().is_some_and(|t| t.contains(words)))
        {
            break report["at_ms"].as_f64().expect("the report's time");
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "{} ended",
            bin.display()
        );
        assert!(Instant::now() < deadline, "{} drew nothing", bin.display());
        std::thread::sleep(Duration::from_millis(5));
    };
    std::thread::sleep(Duration::from_secs(1));
    let peak_kib = group_peak_kib(child.id());
    kill_group(child.id());
    let _ = child.wait();
    Measured {
        first_screen_ms: drawn_at - started,
        peak_kib,
    }
}

/// The sum of VmHWM over every process in the process group `group`.
fn group_peak_kib(group: u32) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // Fields after the command's closing parenthesis: state, ppid, pgrp, ...
        let Some((_, after)) = stat.rsplit_once(')') else {
            continue;
        };
        let pgrp = after
            .split_whitespace()
            .nth(2)
            .and_then(|p| p.parse::<u32>().ok());
        if pgrp != Some(group) {
            continue;
        }
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        total += status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
    }
    total
}

fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .stderr(Stdio::null())
        .status();
}
