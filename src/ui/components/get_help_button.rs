//! The "Get help" button pinned in every header, the lock screen's too. In discreet mode it is
//! plain ("Help", in the header's quiet style), so nothing on screen marks the app out, and it is
//! still one tap away.

use dioxus::prelude::*;

#[component]
pub fn GetHelpButton(discreet: bool, on_open: EventHandler<()>) -> Element {
    let lang = crate::ui::use_lang();
    rsx! {
        button {
            class: if discreet { "header-button get-help-plain" } else { "get-help" },
            r#type: "button",
            id: "get-help",
            aria_label: if discreet { t!(lang, "tab-help") } else { t!(lang, "get-help-aria") },
            onclick: move |_| on_open.call(()),
            if discreet { {t!(lang, "tab-help")} } else { {t!(lang, "get-help")} }
        }
    }
}
