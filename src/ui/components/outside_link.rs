//! The app's link that leaves it: the shared card's link (`steady_cards::OutsideLink`) with this
//! platform's opener (`platform::open_external`) and the reader's language.

use dioxus::prelude::*;

/// An `<a>` styled as a button that opens with the right app on this platform; see
/// [`steady_cards::OutsideLink`].
#[component]
pub fn OutsideLink(
    href: String,
    class: String,
    accessible_name: String,
    children: Element,
) -> Element {
    // A card can be drawn before the session starts (the lock screen's Help).
    let lang = crate::ui::try_lang().unwrap_or_default();
    rsx! {
        steady_cards::OutsideLink {
            href,
            class,
            accessible_name,
            opener: steady_cards::Opener(crate::platform::open_external),
            lang,
            {children}
        }
    }
}
