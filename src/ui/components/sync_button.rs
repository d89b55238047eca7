//! "Sync now": runs a sync round at once (the background round would come anyway), and says so
//! while it runs. Never blocks the rest of the screen.

use dioxus::prelude::*;

use crate::ui::use_session;

#[component]
pub fn SyncButton() -> Element {
    let mut session = use_session();
    let lang = session.lang();
    let mut syncing = use_signal(|| false);
    rsx! {
        button {
            r#type: "button",
            id: "sync-now",
            disabled: syncing(),
            onclick: move |_| async move {
                syncing.set(true);
                // How it went shows on the status line beside this button.
                let _ = session.device().sync_now().await;
                syncing.set(false);
                session.changed();
            },
            if syncing() { {t!(lang, "syncing")} } else { {t!(lang, "sync-now")} }
        }
    }
}
