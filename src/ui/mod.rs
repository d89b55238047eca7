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

/// The language of the surrounding app (subscribes the component to changes of it).
pub fn use_lang() -> Lang {
    use_session().lang()
}
