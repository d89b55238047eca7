//! The demo as a newcomer runs it: the real `steady` binary on port 0 prints its URLs and data
//! folder, serves the mentee app, keeps data across restarts, and starts fresh with `--reset`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use steady::domain::MoodLevel;
use steady::state::Device;

struct Demo {
    child: Child,
    address: String,
    printed: String,
}

impl Demo {
    fn start(data_dir: &Path, extra: &[&str]) -> Demo {
        let mut child = Command::new(env!("CARGO_BIN_EXE_steady"))
            .args(["--port", "0", "--data-dir"])
            .arg(data_dir)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the demo");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut printed = String::new();
        let mut address = None;
        while let Some(Ok(line)) = lines.next() {
            printed.push_str(&line);
            printed.push('\n');
            if let Some(url) = line
                .split("http://")
                .nth(1)
                .filter(|_| line.contains("Mentee app"))
            {
                address = url.split('/').next().map(str::to_string);
            }
            if line.starts_with("Press Ctrl+C") {
                break;
            }
        }
        let address = address.unwrap_or_else(|| panic!("no mentee URL printed:\n{printed}"));
        Demo {
            child,
            address,
            printed,
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        (status, response)
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_demo_prints_where_it_is_and_serves_the_mentee_app() {
    let data = tempfile::tempdir().unwrap();
    let demo = Demo::start(data.path(), &[]);
    assert!(
        demo.printed.contains(&data.path().display().to_string()),
        "{}",
        demo.printed
    );
    let (status, page) = demo.get("/d/mentee");
    assert_eq!(status, 200);
    assert!(
        page.contains("/d/mentee/ws"),
        "the page connects to its device"
    );
    assert!(page.contains("lang=\"en\""));
    let (status, landing) = demo.get("/");
    assert_eq!(status, 200);
    assert!(landing.contains("href=\"/d/mentee\""));
    assert!(landing.contains("href=\"/d/mentor\""));
    assert!(
        demo.printed.contains("Mentor app (Sam)"),
        "{}",
        demo.printed
    );
    assert_eq!(demo.get("/d/Not-A-Device").0, 404);
    assert_eq!(demo.get("/d/%2E%2E").0, 404);
    let printed = demo.printed.clone();
    demo.stop();
    // Alex and Sam were enrolled with the demo's sync server, as a mentee and a mentor.
    for (name, role, person) in [("mentee", "mentee", "Alex"), ("mentor", "mentor", "Sam")] {
        let device = Device::open(&data.path().join(name)).unwrap();
        if role == "mentor" {
            // Mentor mode always has a passcode; the demo prints it.
            assert!(device.is_locked(), "the mentor's device opens locked");
            assert!(printed.contains(steady::preview::DEMO_MENTOR_PASSCODE));
            device
                .unlock(steady::preview::DEMO_MENTOR_PASSCODE)
                .unwrap();
        }
        let enrolment = device.enrolment().unwrap().expect("enrolled");
        assert_eq!(
            (enrolment.role.key(), enrolment.display_name.as_str()),
            (role, person)
        );
    }
    // The mentee's database was created at start, encrypted.
    let bytes = std::fs::read(data.path().join("mentee/steady.db")).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
}

#[test]
fn data_survives_a_restart_and_reset_starts_fresh() {
    let data = tempfile::tempdir().unwrap();
    Demo::start(data.path(), &[]).stop();
    let mentee = data.path().join("mentee");
    Device::open(&mentee)
        .unwrap()
        .log_mood(MoodLevel::new(4).unwrap())
        .unwrap();

    Demo::start(data.path(), &[]).stop();
    assert_eq!(count(&mentee), 1, "a plain restart keeps the check-in");

    Demo::start(data.path(), &["--reset"]).stop();
    assert_eq!(count(&mentee), 0, "--reset starts fresh");
}

fn count(device_dir: &Path) -> usize {
    let device = Device::open(device_dir).unwrap();
    device
        .history_since(device.today() - chrono::Duration::days(3))
        .unwrap()
        .iter()
        .map(|day| day.entries.len())
        .sum()
}

#[test]
fn a_bad_port_is_explained() {
    let output = Command::new(env!("CARGO_BIN_EXE_steady"))
        .args(["--port", "lots"])
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("number"));
}
