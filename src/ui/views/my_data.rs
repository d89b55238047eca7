//! "My data": save a copy (JSON for everything, CSV for check-ins), bring a saved copy back, and
//! delete everything here and on the program's server after one clear confirmation.

use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use dioxus::prelude::*;

use crate::ui::use_session;

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
                status.set(
                    "Saved a copy. These files aren't locked: anyone who opens them can read them."
                        .into(),
                );
                session.changed();
            }
            Err(err) => problem.set(Some(err.to_string())),
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
                    status.set("Everything is deleted. The app is fresh and empty.".into());
                    session.changed();
                }
                Err(err) => {
                    offline.set(true);
                    problem.set(Some(err.to_string()));
                }
            }
        });
    };
    rsx! {
        section { class: "card", aria_labelledby: "my-data-title", id: "my-data",
            h2 { id: "my-data-title", "My data" }
            p { role: "status", class: "status", id: "my-data-status", "{status}" }
            p { id: "my-data-problem", role: "alert", class: "error",
                if let Some(text) = problem() { "{text}" }
            }
            if !mentor {
                p { "Save a copy of everything you wrote, and your check-ins as a spreadsheet." }
                button { r#type: "button", class: "primary", id: "export", onclick: export, "Save a copy" }
                if !files().is_empty() {
                    ul { class: "plain-list", id: "export-files",
                        for file in files() {
                            li { key: "{file.name}",
                                a { class: "button", href: "{file.href}", download: "{file.name}", "Download {file.name}" }
                            }
                        }
                    }
                }
                if !copies.is_empty() {
                    h3 { "Bring back a saved copy" }
                    p { class: "hint", "Adds anything that isn't here already. New things that come back are just for you." }
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
                                                status.set(match summary.added {
                                                    0 => "Everything in that copy is already here.".into(),
                                                    1 => "Brought back 1 thing.".into(),
                                                    n => format!("Brought back {n} things."),
                                                });
                                                session.changed();
                                            }
                                            Err(err) => problem.set(Some(err.to_string())),
                                        }
                                    },
                                    "Bring back"
                                }
                            }
                        }
                    }
                }
            }
            h3 { "Delete everything" }
            if confirming() {
                div { class: "confirm", role: "group", aria_labelledby: "delete-question",
                    p { id: "delete-question", class: "notice", "Delete everything? This can't be undone." }
                    p {
                        "This erases everything in the app on this phone"
                        if connected { ", and asks your program's server to delete your copies there. What you shared will disappear from your mentor's devices when they next sync" }
                        "."
                    }
                    div { class: "row",
                        button { r#type: "button", class: "primary", id: "keep-data",
                            onclick: move |_| { confirming.set(false); offline.set(false); problem.set(None); },
                            "Keep my data"
                        }
                        button { r#type: "button", id: "delete-confirm", disabled: busy(),
                            onclick: move |_| delete(false),
                            if busy() { "Deleting…" } else { "Yes, delete everything" }
                        }
                        if offline() {
                            button { r#type: "button", id: "delete-device-only", disabled: busy(),
                                onclick: move |_| delete(true),
                                "Delete from this phone only"
                            }
                        }
                    }
                }
            } else {
                button { r#type: "button", id: "delete-all",
                    onclick: move |_| { status.set(String::new()); confirming.set(true) },
                    "Delete all my data"
                }
            }
        }
    }
}
