//! The desktop build's window: the same app in a native window (WebKitGTK on Linux), with Back
//! as a computer gives it and, in test builds only, the window probe.

use dioxus::desktop::tao::event::{Event, WindowEvent};
use dioxus::desktop::{Config, WindowBuilder};
use dioxus::prelude::*;

use crate::platform::app_data_dir;
use crate::ui::App;
use crate::ui::views::{DataPlace, Start};

/// Opens the window. The device is opened inside it ([`Start`]), so a folder or key that will
/// not open still shows a screen with Get help instead of no window at all.
pub fn main() {
    let window = WindowBuilder::new().with_title("Steady");
    LaunchBuilder::desktop()
        .with_cfg(
            Config::new()
                .with_window(window)
                .with_menu(None)
                .with_custom_event_handler(|event, _| {
                    // The window's close button (the window manager asks): leave as Back does.
                    if let Event::WindowEvent {
                        event: WindowEvent::CloseRequested,
                        ..
                    } = event
                    {
                        leave();
                    }
                }),
        )
        .with_context(DataPlace(Ok(app_data_dir())))
        .launch(DesktopApp);
}

/// The shared [`App`], opened by [`Start`], with the desktop's back binding and (for tests only,
/// off unless asked for) the window probe.
#[component]
fn DesktopApp() -> Element {
    use_future(back_binding);
    #[cfg(feature = "desktop-probe")]
    use_future(probe::report_window);
    rsx! {
        Start { app: rsx! { App {} } }
    }
}

/// Back, as on Android, where the web view goes back while it has history and the app finishes at
/// its first place. A computer has no system back button, so Alt+Left, a keyboard's Back key and
/// the mouse's back button do it: the previous screen while there is one (the app adds a history
/// entry per screen, see `ui::app`), and from the first screen the window closes and the app ends.
/// The first entry is marked when the page starts, so "the first screen" is known for sure.
const BACK_KEYS: &str = r#"
    history.replaceState({ steadyFirst: true }, '');
    const back = () => {
        if (history.state && history.state.steadyFirst) dioxus.send('leave');
        else history.back();
    };
    document.addEventListener('keydown', (e) => {
        if ((e.altKey && e.key === 'ArrowLeft') || e.key === 'BrowserBack') {
            e.preventDefault();
            back();
        }
    });
    // The mouse's back button is button 3 in the page (X's button 8).
    document.addEventListener('mouseup', (e) => {
        if (e.button === 3) {
            e.preventDefault();
            back();
        }
    });
    await new Promise(() => {});
"#;

async fn back_binding() {
    let mut presses = document::eval(BACK_KEYS);
    while let Ok(press) = presses.recv::<String>().await {
        if press == "leave" {
            leave();
        }
    }
}

/// Ends the app at once, the way Android ends an app's process: with no teardown. Nothing is
/// lost by it: every save is its own committed transaction by the time the screen says so, and
/// the walks and kill tests show a kill at any moment loses nothing (`tests/integration/
/// durability.rs`, `desktop_walk.rs`). Tearing down is what is not safe: dropping the web view
/// and then `exit` runs WebKit's, GTK's and OpenSSL's exit handlers (SQLCipher's crypto) while
/// WebKit's and the runtime's threads still run, and that ended in a SIGSEGV once in CI's walk
/// (dioxus #4201 and #5128 report the same on Linux). `_exit` (POSIX, `man 2 _exit`) runs no
/// exit handlers; the X connection closes with the process, so the window goes at once.
fn leave() -> ! {
    // SAFETY: `_exit` takes no pointers and only ends the process; nothing runs after it.
    unsafe { libc::_exit(0) }
}

/// TEST ONLY: what the window shows, for the end-to-end walk (`tests/integration/desktop_walk.rs`)
/// and the start-up bench (`benches/startup.rs`), which drive the window with real X input and
/// cannot reach inside the web view (dioxus-desktop's WebKit context allows no automation).
/// Off unless `STEADY_DESKTOP_PROBE` names a file; then, every 150 ms (or
/// `STEADY_DESKTOP_PROBE_EVERY_MS`), right after the web view's next animation frame, it writes
/// the window's text and title, the focused element's name and each visible control's name and
/// rectangle (CSS pixels from the window's top left) as JSON, replacing the file by rename so a
/// reader never sees half a report. It only reads the page; it never clicks, types or changes
/// anything. Only in builds with the `desktop-probe` feature (CI's walk, the start-up bench): a
/// desktop build people get, and every phone build, never has it.
#[cfg(feature = "desktop-probe")]
mod probe {
    use std::path::PathBuf;
    use std::time::Duration;

    use dioxus::prelude::*;

    /// One look at the page. A control's name is what a screen reader would say first: its
    /// `aria-label`, else its label, else its text. `reachable` is whether a click at its middle
    /// lands on it (on screen, not under the pinned header or tab bar).
    const LOOK: &str = r#"
        await new Promise((drawn) => requestAnimationFrame(() => drawn()));
        const at_ms = Date.now();
        const nameOf = (el) => (el.getAttribute('aria-label')
            || (el.labels && el.labels.length ? el.labels[0].innerText : '')
            || el.innerText || '').trim().replace(/\s+/g, ' ');
        const controls = [];
        for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden]), textarea, select')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            controls.push({ name: nameOf(el), x: r.left, y: r.top, width: r.width, height: r.height,
                reachable: !!hit && (hit === el || el.contains(hit)) });
        }
        const focused = document.activeElement;
        // The page's text, without what is hidden from everyone (dioxus's debug-build toast).
        const text = [...document.body.children]
            .filter((el) => el.getAttribute('aria-hidden') !== 'true' && el.tagName !== 'SCRIPT')
            .map((el) => el.innerText).join('\n');
        return { at_ms, text,
            focused: focused && focused !== document.body ? nameOf(focused) : null, controls,
            viewport: { width: innerWidth, height: innerHeight, scale: devicePixelRatio } };
    "#;

    pub async fn report_window() {
        let Some(path) = std::env::var_os("STEADY_DESKTOP_PROBE").map(PathBuf::from) else {
            return;
        };
        let every = std::env::var("STEADY_DESKTOP_PROBE_EVERY_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_millis(150), Duration::from_millis);
        let temp = path.with_extension("tmp");
        loop {
            if let Ok(mut report) = document::eval(LOOK).await {
                // The title a person sees is the window's.
                report["title"] = dioxus::desktop::window().window.title().into();
                let written = std::fs::write(&temp, report.to_string())
                    .and_then(|()| std::fs::rename(&temp, &path));
                if let Err(err) = written {
                    tracing::warn!("the desktop probe could not write its report: {err}");
                }
            }
            tokio::time::sleep(every).await;
        }
    }
}
