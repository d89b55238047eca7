//! The floor for the desktop start-up bench (`benches/startup.rs`): the smallest Dioxus desktop
//! app, one heading in a window, built the same way as Steady's desktop build. It reports its
//! first drawn frame exactly as Steady's test probe does (to the file `STEADY_DESKTOP_PROBE`
//! names, after the web view's next animation frame), so the two starts are measured alike.
//!
//!   cargo build --no-default-features --features desktop --example desktop_floor

use dioxus::desktop::{Config, WindowBuilder};
use dioxus::prelude::*;

fn main() {
    LaunchBuilder::desktop()
        .with_cfg(
            Config::new()
                .with_window(WindowBuilder::new().with_title("Floor"))
                .with_menu(None),
        )
        .launch(Floor);
}

#[component]
fn Floor() -> Element {
    use_future(|| async {
        let Some(path) = std::env::var_os("STEADY_DESKTOP_PROBE") else {
            return;
        };
        let look = document::eval(
            "await new Promise((drawn) => requestAnimationFrame(() => drawn()));
             return { at_ms: Date.now(), text: document.body.innerText };",
        );
        if let Ok(report) = look.await {
            let temp = std::path::Path::new(&path).with_extension("tmp");
            let _ = std::fs::write(&temp, report.to_string())
                .and_then(|()| std::fs::rename(&temp, &path));
        }
    });
    rsx! {
        h1 { "Hello" }
    }
}
