//! "My data": save a copy (JSON for everything, CSV for check-ins), bring a saved copy back, and
//! delete everything here and on the program's server after one clear confirmation.

use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use dioxus::prelude::*;

use crate::i18n::Say;
use crate::ui::{use_lang, use_session};

/// A saved file, offered as a download link too (the preview runs in a browser).
#[derive(Clone, PartialEq)]
struct Saved {
    name: String,
    href: String,
}

fn saved(path: &PathBuf, mime: &str) -> Option<Saved> {
    let bytes = std::fs::read(path).ok()?;
    Some(Saved {
        name: path.file_name()?.to_string_lossy().into_owned(),
        href: format!("data:{mime};base64,{}", B64.encode(bytes)),
    })
}

#[component]
pub fn MyData(#[props(default)] mentor: bool) -> Element {
    let mut session = use_session();
    let lang = use_lang();
    session.track();
    let device = session.device();
    let folder = crate::platform::exports_dir(device.data_dir());
    let copies = device.exports_in(&folder);
    let mut files = use_signal(Vec::<Saved>::new);
    let mut status = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    let mut confirming = use_signal(|| false);
    let mut offline = use_signal(|| false);
    let mut busy = use_signal(|| false);
    let connected = device.enrolment().ok().flatten().is_some();

    let export_folder = folder.clone();
    let export = move |_| {
        problem.set(None);
        match session.device().export_to(&export_folder) {
            Ok(written) => {
                files.set(
                    [
                        saved(&written.json, "application/json"),
                        saved(&written.csv, "text/csv"),
                    ]
                    .into_iter()
                    .flatten()
                    .collect(),
                );
                status.set(t!(lang, "export-saved"));
                session.changed();
            }
            Err(err) => problem.set(Some(err.say(lang))),
        }
    };
    let delete = move |device_only: bool| {
        spawn(async move {
            busy.set(true);
            let result = session.device().delete_everything(device_only).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    confirming.set(false);
                    offline.set(false);
                    files.set(Vec::new());
                    problem.set(None);
                    status.set(t!(lang, "deleted-all"));
                    session.changed();
                }
                Err(err) => {
                    offline.set(true);
                    problem.set(Some(err.say(lang)));
                }
            }
        });
    };
    rsx! {
        section { class: "card", aria_labelledby: "my-data-title", id: "my-data",
            h2 { id: "my-data-title", {t!(lang, "my-data-title")} }
            p { role: "status", class: "status", id: "my-data-status", "{status}" }
            p { id: "my-data-problem", role: "alert", class: "error",
                if let Some(text) = problem() { "{text}" }
            }
            if !mentor {
                p { {t!(lang, "export-intro")} }
                button { r#type: "button", class: "primary", id: "export", onclick: export, {t!(lang, "export")} }
                // Only a browser takes a download; a native web view would hand the link, with
                // every word in it, to another app. There the copy stays in the app's folder.
                if !files().is_empty() && !crate::platform::offers_downloads() {
                    p { id: "export-where", {t!(lang, "export-kept-here")} }
                }
                if !files().is_empty() && crate::platform::offers_downloads() {
                    ul { class: "plain-list", id: "export-files",
                        for file in files() {
                            li { key: "{file.name}",
                                a { class: "button", href: "{file.href}", download: "{file.name}", {t!(lang, "download-file", file = &file.name)} }
                            }
                        }
                    }
                }
                if !copies.is_empty() {
                    h3 { {t!(lang, "import-title")} }
                    p { class: "hint", {t!(lang, "import-hint")} }
                    ul { class: "plain-list", id: "import-list",
                        for path in copies {
                            li { key: "{path.display()}",
                                span { "{path.file_name().unwrap_or_default().to_string_lossy()} " }
                                button {
                                    r#type: "button",
                                    class: "import",
                                    onclick: move |_| {
                                        match session.device().import_file(&path) {
                                            Ok(summary) => {
                                                problem.set(None);
                                                status.set(t!(lang, "import-result", count = summary.added));
                                                session.changed();
                                            }
                                            Err(err) => problem.set(Some(err.say(lang))),
                                        }
                                    },
                                    {t!(lang, "import")}
                                }
                            }
                        }
                    }
                }
            }
            h3 { {t!(lang, "delete-title")} }
            if confirming() {
                div { class: "confirm", role: "group", aria_labelledby: "delete-question",
                    p { id: "delete-question", class: "notice", {t!(lang, "delete-question")} }
                    p {
                        if connected { {t!(lang, "delete-explain-connected")} } else { {t!(lang, "delete-explain")} }
                    }
                    if connected {
                        p { id: "delete-keeps-safeguarding", {t!(lang, "delete-keeps-safeguarding")} }
                    }
                    div { class: "row",
                        button { r#type: "button", class: "primary", id: "keep-data",
                            onclick: move |_| { confirming.set(false); offline.set(false); problem.set(None); },
                            {t!(lang, "keep-my-data")}
                        }
                        button { r#type: "button", id: "delete-confirm", disabled: busy(),
                            onclick: move |_| delete(false),
                            if busy() { {t!(lang, "deleting")} } else { {t!(lang, "delete-confirm")} }
                        }
                        if offline() {
                            button { r#type: "button", id: "delete-device-only", disabled: busy(),
                                onclick: move |_| delete(true),
                                {t!(lang, "delete-device-only")}
                            }
                        }
                    }
                }
            } else {
                button { r#type: "button", id: "delete-all",
                    onclick: move |_| { status.set(String::new()); confirming.set(true) },
                    {t!(lang, "delete-all")}
                }
            }
        }
    }
}
