//! A link that leaves the app: a crisis line's call, text or web button, or one of My people.
//! In a browser (the preview) it is a plain link the browser follows. On a phone the app's web
//! view cannot open `tel:` or `sms:` itself, so a tap goes to the platform, which hands it to the
//! dialer, messages or browser (`platform::open_external`).

use dioxus::prelude::*;

/// An `<a>` styled as a button, with a screen-reader name that starts with its visible words.
#[component]
pub fn OutsideLink(
    href: String,
    class: String,
    accessible_name: String,
    children: Element,
) -> Element {
    let target = href.clone();
    rsx! {
        a {
            class: "{class}",
            href: "{href}",
            aria_label: "{accessible_name}",
            onclick: move |event: MouseEvent| {
                if crate::platform::open_external(&target) {
                    event.prevent_default();
                }
            },
            {children}
        }
    }
}
