//! The "Your passcode" field shown before a step that widens sharing (connecting to a program,
//! approving a mentor's device) when the mentee has set a passcode. Shows nothing otherwise.

use dioxus::prelude::*;

use crate::state::Device;

/// A labelled password field bound to `value`; rendered only when `device` has a passcode.
#[component]
pub fn PasscodeField(id: String, value: Signal<String>, has_passcode: bool) -> Element {
    let mut value = value;
    if !has_passcode {
        return rsx! {};
    }
    rsx! {
        label { r#for: "{id}", "Your passcode" }
        p { class: "hint", id: "{id}-hint", "So only you can share your things." }
        input {
            id: "{id}",
            r#type: "password",
            autocomplete: "current-password",
            aria_describedby: "{id}-hint",
            value: "{value}",
            oninput: move |e: FormEvent| value.set(e.value()),
        }
    }
}

/// Checks the typed passcode when one is set, so the step after it may go ahead.
pub fn confirm(device: &Device, typed: &str) -> Result<(), String> {
    device
        .confirm_passcode(typed)
        .map_err(|err| err.to_string())
}
