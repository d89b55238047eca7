//! A short message with an Undo button, shown after something was removed.

use dioxus::prelude::*;

#[component]
pub fn UndoToast(
    message: String,
    on_undo: EventHandler<()>,
    on_dismiss: EventHandler<()>,
) -> Element {
    rsx! {
        div { class: "toast", role: "status",
            span { "{message}" }
            button { r#type: "button", id: "undo", onclick: move |_| on_undo.call(()), "Undo" }
            button {
                r#type: "button",
                aria_label: "Close this message",
                onclick: move |_| on_dismiss.call(()),
                "✕"
            }
        }
    }
}
