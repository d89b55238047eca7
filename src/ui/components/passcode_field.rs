//! The "Your passcode" field shown before a step that widens sharing (connecting to a program,
//! approving a mentor's device) when the mentee has set a passcode. Shows nothing otherwise.

use dioxus::prelude::*;

use crate::state::Device;

/// A labelled password field bound to `value`; rendered only when `device` has a passcode.
#[component]
pub fn PasscodeField(id: String, value: Signal<String>, has_passcode: bool) -> Element {
    let mut value = value;
    let lang = crate::ui::use_lang();
    if !has_passcode {
        return rsx! {};
    }
    rsx! {
        label { r#for: "{id}", {t!(lang, "your-passcode")} }
        p { class: "hint", id: "{id}-hint", {t!(lang, "passcode-field-hint")} }
        input {
            id: "{id}",
            r#type: "password",
            autocomplete: "current-password",
            aria_describedby: "{id}-hint",
            initial_value: "{value}",
            oninput: move |e: FormEvent| value.set(e.value()),
        }
    }
}

/// Checks the typed passcode when one is set, so the step after it may go ahead.
pub fn confirm(device: &Device, typed: &str, lang: crate::i18n::Lang) -> Result<(), String> {
    device
        .confirm_passcode(typed)
        .map_err(|err| crate::i18n::Say::say(&err, lang))
}
