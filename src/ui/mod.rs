//! The Dioxus UI, the same for preview, desktop and mobile. `app` is the frame (header with Get
//! help, screens, bottom tabs); `views/` has one file per screen; `components/` one file per
//! widget. Screens reach data only through [`crate::state::Device`], taken from context.

pub mod app;
pub mod clock;
pub mod components;
pub mod theme;
pub mod views;

pub use app::App;

use dioxus::prelude::*;

use crate::i18n::Lang;
use crate::state::Device;

/// What every screen needs: the device, the language it speaks, and a counter bumped after each
/// change so screens that show saved data read it again.
#[derive(Clone, Copy)]
pub struct Session {
    device: Signal<Device>,
    changes: Signal<u64>,
    lang: Signal<Lang>,
    /// The phone's (or browser's) language, what "my phone's language" means.
    system_lang: Signal<Lang>,
}

impl Session {
    pub fn new(
        device: Signal<Device>,
        changes: Signal<u64>,
        lang: Signal<Lang>,
        system_lang: Signal<Lang>,
    ) -> Self {
        Self {
            device,
            changes,
            lang,
            system_lang,
        }
    }

    /// The language of the phone (or, in the preview, of the page and browser).
    pub fn system_lang(&self) -> Lang {
        *self.system_lang.peek()
    }

    /// Notes what the page or browser says the system's language is.
    pub fn set_system_lang(&mut self, lang: Lang) {
        self.system_lang.set(lang);
    }

    /// The language every word on screen is in.
    pub fn lang(&self) -> Lang {
        (self.lang)()
    }

    /// Speaks `lang` from now on (the person chose it, or the browser or phone said so).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang.set(lang);
    }

    /// This app's device (a cheap handle; clones share one store).
    pub fn device(&self) -> Device {
        self.device.peek().clone()
    }

    /// Call after a write so every screen showing saved data refreshes.
    pub fn changed(&mut self) {
        self.changes += 1;
    }

    /// Subscribes the calling component to changes.
    pub fn track(&self) {
        let _ = (self.changes)();
    }
}

/// Moves keyboard and screen-reader focus to an element as it appears. Used on the title of each
/// screen and sub-view (with `tabindex: "-1"`), so switching tabs or opening a tool or goal puts
/// the reader at its start instead of losing focus on a button that is gone.
pub fn focus_when_mounted(event: MountedEvent) {
    spawn(async move {
        // Focus is a courtesy; if the platform refuses, the page still works.
        let _ = event.set_focus(true).await;
    });
}

/// The language the page asks for (`?lang=` in the preview) or else the browser's, which in the
/// phone and desktop webviews is the system's. `None` if the page cannot say.
pub async fn page_language() -> Option<Lang> {
    let asked = document::eval(
        "const asked = new URLSearchParams(location.search).get('lang');
         return asked || (navigator.languages || [navigator.language]).join(',');",
    )
    .await;
    match asked {
        Ok(serde_json::Value::String(said)) => {
            Some(Lang::from_tag(&said).unwrap_or_else(|| Lang::from_accept_language(&said)))
        }
        _ => None,
    }
}

/// The session of the surrounding app.
pub fn use_session() -> Session {
    use_context::<Session>()
}

/// The language of the surrounding app (subscribes the component to changes of it). Before a
/// device is open (the screen shown when the app cannot open), the language that screen speaks.
pub fn use_lang() -> Lang {
    match try_lang() {
        Some(lang) => lang,
        None => consume_context::<views::StartupLang>().0,
    }
}

/// The language of the surrounding app, if there is one: the staff console renders some of the
/// phone's components (the contact card) on its own pages, outside any app.
pub fn try_lang() -> Option<Lang> {
    try_consume_context::<Session>()
        .map(|session| session.lang())
        .or_else(|| try_consume_context::<views::StartupLang>().map(|lang| lang.0))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every `.rs` file under `dir`, with its text.
    fn sources(dir: &Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src/ui") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source");
                found.push((path.display().to_string(), text));
            }
        }
    }

    /// A text field whose value the app writes back on every keystroke loses letters when the
    /// screen answers slowly (the preview over a network, a busy phone): a keystroke typed while
    /// the previous echo is on its way is overwritten by it. That is how a right passcode came out
    /// as "doesn't match". So the browser owns what is typed (`initial_value`), and the app only
    /// listens; only choices (radio buttons, checkboxes) carry a `value`.
    #[test]
    fn no_text_field_has_its_typing_overwritten_by_the_app() {
        let mut files = Vec::new();
        sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
            &mut files,
        );
        let mut bound = Vec::new();
        for (path, text) in &files {
            let lines: Vec<&str> = text.lines().collect();
            for (at, line) in lines.iter().enumerate() {
                let trimmed = line.trim_start();
                if !trimmed.starts_with("value: \"{") && !trimmed.contains(", value: \"{") {
                    continue;
                }
                let element = &lines[at.saturating_sub(8)..=at];
                let is_choice = element
                    .iter()
                    .any(|l| l.contains("\"radio\"") || l.contains("\"checkbox\""));
                if !is_choice {
                    bound.push(format!("{path}:{}", at + 1));
                }
            }
        }
        assert!(files.len() > 20, "the scan found the UI sources");
        assert!(
            bound.is_empty(),
            "text fields bound with `value:`; use `initial_value:`: {bound:?}"
        );
    }
}
