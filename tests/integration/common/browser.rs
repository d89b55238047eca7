//! Headless Chromium driven through chromedriver (Debian's chromium and chromium-driver).
//!
//! Browser tests skip with a printed notice when chromedriver is not installed, and fail instead
//! when `STEADY_REQUIRE_BROWSER=1` (CI sets it). They run one at a time: two Chromiums on two
//! cores make timings noisy for no gain.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tokio::sync::{Mutex, MutexGuard};

static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// How long any wait for the page may take before the test fails. Generous on purpose: these
/// tests check what a person sees, not how fast (benches measure speed), and a CI machine
/// building and testing on two cores can stall a page for many seconds.
const PATIENCE: Duration = Duration::from_secs(30);

fn chromedriver_path() -> Option<String> {
    let candidates = [
        std::env::var("CHROMEDRIVER").ok(),
        Some("/usr/bin/chromedriver".into()),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|path| std::path::Path::new(path).exists())
}

fn chromium_path() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// A browser session. Close it with [`Browser::finish`].
pub struct Browser {
    pub client: Client,
    driver: Child,
    _turn: MutexGuard<'static, ()>,
    _profile: tempfile::TempDir,
}

/// axe-core (MPL-2.0), from its npm package: see fixtures/axe/README.md.
const AXE: &str = include_str!("../fixtures/axe/axe.min.js");

impl Browser {
    /// Starts chromedriver and a headless Chromium, or returns `None` (with a notice) when they
    /// are not installed and the browser is not required.
    pub async fn start(test: &str) -> Option<Browser> {
        Self::start_with(test, &[]).await
    }

    /// [`Browser::start`] with more Chromium flags, like `--force-dark-mode` (the system's dark
    /// theme, so pages see `prefers-color-scheme: dark`).
    pub async fn start_with(test: &str, flags: &[&str]) -> Option<Browser> {
        let Some(driver_path) = chromedriver_path() else {
            if std::env::var("STEADY_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
                panic!("STEADY_REQUIRE_BROWSER=1 but chromedriver is not installed");
            }
            eprintln!(
                "SKIPPED {test}: chromedriver not found (apt-get install chromium chromium-driver)"
            );
            return None;
        };
        let turn = ONE_AT_A_TIME.lock().await;
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            probe.local_addr().expect("address").port()
        };
        // Its own process group, so Chromium (chromedriver's child) goes with it even when a
        // test fails halfway and never reaches `finish`.
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().expect("profile dir");
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=420,900",
        ]
        .into_iter()
        .chain(flags.iter().copied())
        .map(str::to_owned)
        .collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": chromium_path(), "args": args }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(err) if started.elapsed() < PATIENCE => {
                    let _ = err;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(err) => panic!("could not start Chromium through chromedriver: {err}"),
            }
        };
        Some(Browser {
            client,
            driver,
            _turn: turn,
            _profile: profile,
        })
    }

    /// Opens a plain page (such as the staff console); wait for what it shows next.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Opens `url` and waits until the app has rendered its frame.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
        self.wait_for("#get-help").await;
    }

    /// Unlocks the lock screen by keyboard, as a person would: waits until the screen has put
    /// focus on its title (or the keys race that focus move), types the passcode and Enter, and
    /// waits for the lock screen to go.
    pub async fn unlock(&self, passcode: &str) {
        self.wait_until(
            "the lock screen's title has focus",
            "const f = document.activeElement;
             return !!f && f.tagName === 'H1' && !!document.querySelector('#unlock-passcode');",
            vec![],
        )
        .await;
        self.type_into("#unlock-passcode", &format!("{passcode}\n"))
            .await;
        self.wait_gone("#unlock-passcode").await;
    }

    /// Waits for an element matching `css`. A page on its way in (a form just posted, the app
    /// re-rendering) can abort a look; like a person, look again until it settles.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let started = Instant::now();
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(err) if started.elapsed() < PATIENCE && settling(&err) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(err) => {
                    let body = self.page_text().await;
                    panic!("{css} never appeared: {err}; the page says:\n{body}")
                }
            }
        }
    }

    /// What the page shows now, for a failure message (empty when even that cannot be read).
    async fn page_text(&self) -> String {
        match self
            .client
            .execute("return document.body.innerText", vec![])
            .await
        {
            Ok(Value::String(text)) => text,
            Ok(other) => other.to_string(),
            Err(err) => format!("(could not read the page: {err})"),
        }
    }

    /// Clicks the element matching `css` (waiting for it first), as a user would: scrolled to the
    /// middle of the screen first, where the pinned header and tab bar do not cover it. A screen
    /// that just appeared may still move focus to its title (scrolling the page) as the click
    /// lands; like a person, the click then aims again.
    pub async fn click(&self, css: &str) {
        let mut tries = 0;
        loop {
            let element = self.wait_for(css).await;
            // The app re-renders after every change: an element found a moment ago may have been
            // replaced by its next version. Like a person, aim again.
            let again = |err: &dyn std::fmt::Display| {
                let text = err.to_string();
                tries < 5 && (text.contains("click intercepted") || text.contains("stale element"))
            };
            if let Err(err) = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({ block: 'center' });",
                    vec![serde_json::to_value(&element).expect("element reference")],
                )
                .await
            {
                if again(&err) {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                panic!("scroll to {css}: {err}");
            }
            match element.click().await {
                Ok(()) => return,
                Err(err) if again(&err) => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(err) => panic!("click {css}: {err}"),
            }
        }
    }

    /// Clicks a bottom tab by its label and waits for its screen, with focus on its title. A tab
    /// that was already showing starts afresh at its top, as on a phone.
    pub async fn tab(&self, label: &str) {
        let css = format!("nav.tab-bar button[data-tab='{label}']");
        self.js(
            "window.__screenBefore = document.querySelector('.screen-body');",
            vec![],
        )
        .await;
        self.click(&css).await;
        self.wait_until(
            &format!("the {label} tab is current and ready"),
            "const b = document.querySelector(arguments[0]);
             const focused = document.activeElement;
             return !!b && b.getAttribute('aria-current') === 'page'
                 && !document.contains(window.__screenBefore)
                 && !!focused && focused.tagName === 'H1';",
            vec![json!(css)],
        )
        .await;
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        self.wait_for(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("type into {css}: {err}"));
    }

    /// Types `text` and Enter into a field the app empties once it has taken the text, and waits
    /// for that, so the next typing in the same field is not cut by the app's echo.
    pub async fn type_and_submit(&self, css: &str, text: &str) {
        self.type_into(css, &format!("{text}\n")).await;
        self.wait_until(
            &format!("{css} is emptied by the app"),
            "return document.querySelector(arguments[0]).value === '';",
            vec![json!(css)],
        )
        .await;
    }

    /// Empties a field as select-all-and-delete would.
    pub async fn clear_field(&self, css: &str) {
        // The field may still be on its way in after the click that opened the form.
        self.wait_for(css).await;
        self.js(
            "const f = document.querySelector(arguments[0]); f.value = '';
             f.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(css)],
        )
        .await;
    }

    /// Every visible control without an accessible name or smaller than 44 x 44 px, described.
    pub async fn control_problems(&self) -> Value {
        self.js(
            "
            const problems = [];
            for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden]), textarea')) {
                const r = el.getBoundingClientRect();
                if (r.left < -1000) continue; // the skip link, until focused
                // A label names its control by `for` or by wrapping it (both are HTML's own rules).
                const label = (el.id ? document.querySelector(`label[for='${el.id}']`) : null) || el.closest('label');
                const name = (el.getAttribute('aria-label') || (label && label.textContent) || el.textContent || '').trim();
                if (!name) problems.push(`no accessible name: ${el.outerHTML.slice(0, 80)}`);
                if (r.width < 44 || r.height < 44) problems.push(`${Math.round(r.width)}x${Math.round(r.height)}: ${name}`);
            }
            return problems;",
            vec![],
        )
        .await
    }

    /// axe-core's WCAG 2.2 A and AA checks on what is on screen now: each violation as
    /// "rule: element: what is wrong". Empty when the screen passes.
    pub async fn accessibility_problems(&self) -> Vec<String> {
        let loaded = self
            .js("return typeof window.axe !== 'undefined';", vec![])
            .await;
        if loaded != Value::Bool(true) {
            self.client
                .execute(&format!("{AXE}\nreturn true;"), vec![])
                .await
                .expect("axe-core loads");
        }
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag',
                     values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                     rules: { 'label-content-name-mismatch': { enabled: true },
                              'target-size': { enabled: true } } })
                   .then(r => done(r.violations.flatMap(v => v.nodes.map(n =>
                       `${v.id}: ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\\s+/g, ' ')}`))))
                   .catch(e => done([`axe failed: ${e}`]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Elements wider than the viewport (what would need sideways scrolling), described.
    pub async fn too_wide(&self) -> Vec<String> {
        let found = self
            .js(
                "const width = document.documentElement.clientWidth;
                 const wide = [];
                 if (document.documentElement.scrollWidth > width + 1)
                     wide.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px`);
                 for (const el of document.querySelectorAll('body *')) {
                     const r = el.getBoundingClientRect();
                     if (r.width === 0 || r.left < -1000) continue;
                     if (r.right > width + 1) wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}: right edge ${Math.round(r.right)}px`);
                 }
                 return wide.slice(0, 10);",
                vec![],
            )
            .await;
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Makes the window `width` CSS pixels wide (a phone held upright is 320 to 430).
    pub async fn set_width(&self, width: u32) {
        self.client
            .set_window_size(width, 900)
            .await
            .expect("resize");
    }

    /// Runs `script` (a function body that returns a value) in the page.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|err| panic!("script failed: {err}\n{script}"))
    }

    /// Waits until `script` (a function body) returns true; the liveview updates the DOM a moment
    /// after each event.
    pub async fn wait_until(&self, what: &str, script: &str, args: Vec<Value>) {
        let started = Instant::now();
        loop {
            match self.client.execute(script, args.clone()).await {
                Ok(Value::Bool(true)) => return,
                Ok(_) => {}
                Err(err) if settling(&err) => {}
                Err(err) => panic!("script failed: {err}\n{script}"),
            }
            if started.elapsed() > PATIENCE {
                let body = self.page_text().await;
                panic!("timed out waiting until {what}; the page says:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the text of the element matching `css` contains `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        self.wait_until(
            &format!("{css} says {expected:?}"),
            "const el = document.querySelector(arguments[0]);
             return !!el && el.textContent.includes(arguments[1]);",
            vec![json!(css), json!(expected)],
        )
        .await;
    }

    /// Waits until nothing matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        self.wait_until(
            &format!("{css} is gone"),
            "return document.querySelector(arguments[0]) === null;",
            vec![json!(css)],
        )
        .await;
    }

    /// Counts the elements matching `css` now.
    pub async fn count(&self, css: &str) -> u64 {
        self.js(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![json!(css)],
        )
        .await
        .as_u64()
        .unwrap_or(0)
    }

    /// Saves a screenshot when `STEADY_SCREENSHOTS` names a folder (for looking, not asserting).
    pub async fn screenshot(&self, name: &str) {
        if let Ok(dir) = std::env::var("STEADY_SCREENSHOTS") {
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png)
                .expect("write screenshot");
        }
    }

    pub async fn finish(self) {
        let _ = self.client.clone().close().await;
        // Drop ends chromedriver and every Chromium process it started.
    }
}

/// Whether a failed look at the page is only the page settling: the element is not there yet,
/// or a navigation or re-render cut the look short.
fn settling(err: &fantoccini::error::CmdError) -> bool {
    if err.is_no_such_element() || err.is_stale_element_reference() {
        return true;
    }
    let text = err.to_string();
    [
        "aborted by navigation",
        "stale element",
        "no such execution context",
        "Cannot find context",
    ]
    .iter()
    .any(|sign| text.contains(sign))
}

impl Drop for Browser {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.wait();
    }
}

/// A key code ("4F2A 9B1C") as a screen reader should hear it, written out here by hand so the
/// tests do not lean on the app's own speller: "4 F 2 A, 9 B 1 C".
pub fn spelled(code: &str) -> String {
    code.split(' ')
        .map(|group| {
            group
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
