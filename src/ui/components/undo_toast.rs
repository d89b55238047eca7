//! A short message with an Undo button, shown after something was removed.

use dioxus::prelude::*;

#[component]
pub fn UndoToast(
    message: String,
    on_undo: EventHandler<()>,
    on_dismiss: EventHandler<()>,
) -> Element {
    let lang = crate::ui::use_lang();
    rsx! {
        div { class: "toast", role: "status",
            span { "{message}" }
            button { r#type: "button", id: "undo", onclick: move |_| on_undo.call(()), {t!(lang, "undo")} }
            button {
                r#type: "button",
                aria_label: t!(lang, "close-message"),
                onclick: move |_| on_dismiss.call(()),
                "✕"
            }
        }
    }
}
