//! The first thing every native build shows: it opens the device's data, then the app. When
//! opening fails (a key store that did not answer yet, a damaged key file, a folder the phone
//! would not give), the app still opens a screen, never a blank one: what happened in plain
//! words, that nothing was erased, a Try again, what to do if it keeps happening, and Get help
//! with the whole crisis card (the bundled lines, and the program's own contacts where they still
//! verify). Nothing here erases or rewrites a file; the lock screen's "start fresh" is not offered,
//! because a key store that is slow after a restart is not a forgotten passcode.

use std::path::PathBuf;
use std::rc::Rc;

use dioxus::prelude::*;

use crate::i18n::{Lang, Say};
use crate::state::{Device, DeviceError, Settings};
use crate::ui::components::{CrisisCard, GetHelpButton};
use crate::ui::{focus_when_mounted, theme};

/// Where the device's files are, or, when the phone gave no folder, why (for the log only).
#[derive(Clone, Debug, PartialEq)]
pub struct DataPlace(pub Result<PathBuf, String>);

/// The language the start-up screen speaks before any device is open: the person's choice from
/// the plain settings file, else the phone's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StartupLang(pub Lang);

/// Why the device did not open, kept for the screen (errors are not `Clone`).
#[derive(Clone)]
struct Failure(Rc<FailureKind>);

enum FailureKind {
    NoFolder,
    Device(DeviceError),
}

impl PartialEq for Failure {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn open(place: &DataPlace) -> Result<Device, Failure> {
    match &place.0 {
        Ok(dir) => Device::open(dir).map_err(|err| {
            // The kind of problem only: never a path's contents, never anything the person wrote.
            tracing::error!("the app could not open its data: {err:?}");
            Failure(Rc::new(FailureKind::Device(err)))
        }),
        Err(why) => {
            tracing::error!("the phone gave no data folder: {why}");
            Err(Failure(Rc::new(FailureKind::NoFolder)))
        }
    }
}

/// Opens the device in the [`DataPlace`] of the root context and shows `app` with it (as the
/// [`Device`] context), or the start-up problem screen.
#[component]
pub fn Start(app: Element) -> Element {
    let place = use_context::<DataPlace>();
    let settings = place.0.as_ref().map(|dir| Settings::read(dir)).ok();
    let settings = settings.unwrap_or_default();
    let lang = settings.language.unwrap_or_else(Lang::of_system);
    use_context_provider(|| StartupLang(lang));
    let first = place.clone();
    let mut opened = use_signal(move || open(&first));
    let mut tries = use_signal(|| 0u32);
    let outcome = opened.read().clone();
    match outcome {
        Ok(device) => rsx! {
            Opened { device, app }
        },
        Err(failure) => rsx! {
            StartupProblem {
                failure,
                name: settings.app_name(lang),
                discreet: settings.discreet,
                tries: tries(),
                on_retry: move |_| {
                    tries += 1;
                    opened.set(open(&place));
                },
            }
        },
    }
}

/// Provides the opened device to `app`.
#[component]
fn Opened(device: Device, app: Element) -> Element {
    use_context_provider(|| device.clone());
    app
}

#[component]
fn StartupProblem(
    failure: Failure,
    name: String,
    discreet: bool,
    tries: u32,
    on_retry: EventHandler<()>,
) -> Element {
    let lang = crate::ui::use_lang();
    let mut showing_help = use_signal(|| false);
    let why = match &*failure.0 {
        FailureKind::NoFolder => t!(lang, "startup-no-folder"),
        FailureKind::Device(err) => err.say(lang),
    };
    let body = if showing_help() {
        rsx! {
            CrisisCard {}
            button { r#type: "button", id: "back-to-problem", onclick: move |_| showing_help.set(false),
                {t!(lang, "back")}
            }
        }
    } else {
        rsx! {
            h1 { id: "startup-title", tabindex: "-1", onmounted: focus_when_mounted,
                {t!(lang, "startup-title")}
            }
            div { class: "card",
                p { id: "startup-why", "{why}" }
                p { id: "startup-safe", {t!(lang, "startup-nothing-erased")} }
                button { r#type: "button", id: "startup-retry", class: "primary",
                    onclick: move |_| on_retry.call(()),
                    {t!(lang, "startup-try-again")}
                }
                p { id: "startup-status", role: "status",
                    if tries > 0 { {t!(lang, "startup-still-closed")} }
                }
            }
            h2 { {t!(lang, "startup-what-to-do")} }
            p { {t!(lang, "startup-steps", app = &name)} }
            p { {t!(lang, "startup-help-works")} }
        }
    };
    rsx! {
        style { {theme::STYLESHEET} }
        document::Title { "{name}" }
        div { class: "app locked",
            header { class: "app-header",
                span { class: "app-name", "{name}" }
                div { class: "header-actions",
                    GetHelpButton { discreet, on_open: move |_| showing_help.set(true) }
                }
            }
            main { class: "screen", id: "content", tabindex: "-1", {body} }
        }
    }
}

#[cfg(all(test, feature = "preview"))]
mod tests {
    use super::*;

    #[component]
    fn Root() -> Element {
        rsx! {
            Start { app: rsx! { p { id: "the-app", "the app" } } }
        }
    }

    /// What the first screen says for the device whose files are in `place`.
    fn first_screen(place: DataPlace) -> String {
        let mut dom = VirtualDom::new(Root);
        dom.provide_root_context(place);
        dom.rebuild_in_place();
        dioxus_ssr::render(&dom)
    }

    /// Every file under `dir`, with its bytes.
    fn files(dir: &std::path::Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut found: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_file())
            .map(|path| {
                let bytes = std::fs::read(&path).unwrap();
                (path, bytes)
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn a_device_that_opens_shows_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let html = first_screen(DataPlace(Ok(dir.path().join("phone"))));
        assert!(html.contains("the-app"), "{html}");
        assert!(!html.contains("startup-title"));
    }

    #[test]
    fn a_key_that_will_not_open_shows_a_calm_screen_with_help_and_erases_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("phone");
        drop(Device::open(&data).unwrap());
        // The key file now says it was sealed by a vault this device doesn't have.
        let key = data.join("steady.key");
        let mut bytes = std::fs::read(&key).unwrap();
        bytes[4] = 3;
        std::fs::write(&key, &bytes).unwrap();
        let before = files(&data);

        let html = first_screen(DataPlace(Ok(data.clone())));
        assert!(!html.contains("the-app"));
        for words in [
            "We couldn't open your things just now",
            "belongs to another device",
            "Nothing was erased. Everything you saved is still here.",
            "Try again",
            "Get help",
            "Don't delete the app",
        ] {
            assert!(
                html.contains(&words.replace('\'', "&#39;")) || html.contains(words),
                "{words}: {html}"
            );
        }
        assert_eq!(files(&data), before, "nothing was changed or erased");
    }

    #[test]
    fn a_phone_that_gives_no_folder_still_shows_the_screen_in_the_chosen_language() {
        let html = first_screen(DataPlace(Err("no context".into())));
        assert!(html.contains("startup-retry"), "{html}");

        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("phone");
        drop(Device::open(&data).unwrap());
        let device = Device::open(&data).unwrap();
        device
            .set_settings(Settings {
                language: Some(Lang::Es),
                discreet: true,
                ..Settings::default()
            })
            .unwrap();
        drop(device);
        std::fs::write(data.join("steady.key"), b"SVK1\x09").unwrap();
        let html = first_screen(DataPlace(Ok(data)));
        assert!(html.contains("No pudimos abrir tus cosas"), "{html}");
        assert!(
            !html.contains("Steady"),
            "discreet mode names nothing: {html}"
        );
    }
}
