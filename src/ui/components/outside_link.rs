//! A link that leaves the app: a crisis line's call, text or web button, or one of My people.
//! In a browser (the preview) it is a plain link the browser follows. On a phone the app's web
//! view cannot open `tel:` or `sms:` itself, so a tap goes to the platform, which hands it to the
//! dialer, messages or browser (`platform::open_external`).

use dioxus::prelude::*;

use crate::platform::LinkOutcome;

/// An `<a>` styled as a button, with a screen-reader name that starts with its visible words.
/// When the device cannot open it (no dialer on a tablet, no messages app), or it is not a link
/// Steady follows, the person is told beside it, with the number to use another way: a tap that
/// does nothing at a hard moment is the worst answer.
#[component]
pub fn OutsideLink(
    href: String,
    class: String,
    accessible_name: String,
    children: Element,
) -> Element {
    // The console draws contact cards on its own pages, outside any app (and never follows them).
    let lang = crate::ui::try_lang().unwrap_or_default();
    let mut problem = use_signal(|| None::<String>);
    let target = href.clone();
    rsx! {
        a {
            class: "{class}",
            href: "{href}",
            aria_label: "{accessible_name}",
            onclick: move |event: MouseEvent| {
                let outcome = crate::platform::open_external(&target);
                if outcome.handled() {
                    event.prevent_default();
                }
                problem.set(match outcome {
                    LinkOutcome::Failed | LinkOutcome::Refused => Some(could_not_open(lang, &target)),
                    LinkOutcome::Opened | LinkOutcome::LeftToPage => None,
                });
            },
            {children}
        }
        if let Some(text) = problem() {
            span { class: "link-problem", role: "status", "{text}" }
        }
    }
}

/// "Your phone couldn't open that. You can call or text 988 another way." (or the web address).
fn could_not_open(lang: crate::i18n::Lang, href: &str) -> String {
    let (scheme, rest) = href.split_once(':').unwrap_or(("", href));
    let target = rest.split(['?', '&']).next().unwrap_or(rest);
    match scheme {
        "tel" | "sms" | "smsto" => t!(lang, "link-failed-number", number = target),
        "mailto" => t!(lang, "link-failed-other", target = target),
        _ => t!(lang, "link-failed-other", target = href),
    }
}
