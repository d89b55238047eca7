//! A link that leaves the app: a crisis line's call, text or web button, or one of My people.
//! In a browser (the preview, the console) it is a plain link the browser follows. On a phone
//! the app's web view cannot open `tel:` or `sms:` itself, so a tap goes to the `opener` the app
//! gives, which hands it to the dialer, messages or browser.

use dioxus::prelude::*;
use steady_core::i18n::Lang;
use steady_core::t;

/// What opens a tapped link: the app gives its platform's; a page a browser shows gives
/// [`Opener::LEAVE_TO_PAGE`].
#[derive(Clone, Copy)]
pub struct Opener(pub fn(&str) -> LinkOutcome);

impl Opener {
    /// A page in a browser (the preview, the console): the browser follows the link itself.
    pub const LEAVE_TO_PAGE: Opener = Opener(|_| LinkOutcome::LeftToPage);
}

/// Props compare on every render: the same function is the same opener.
impl PartialEq for Opener {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.0, other.0)
    }
}

/// An `<a>` styled as a button, with a screen-reader name that starts with its visible words.
/// When the device cannot open it (no dialer on a tablet, no messages app), or it is not a link
/// Steady follows, the person is told beside it, with the number to use another way: a tap that
/// does nothing at a hard moment is the worst answer.
#[component]
pub fn OutsideLink(
    href: String,
    class: String,
    accessible_name: String,
    opener: Opener,
    lang: Lang,
    children: Element,
) -> Element {
    let mut problem = use_signal(|| None::<String>);
    let target = href.clone();
    rsx! {
        a {
            class: "{class}",
            href: "{href}",
            aria_label: "{accessible_name}",
            onclick: move |event: MouseEvent| {
                let outcome = (opener.0)(&target);
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
fn could_not_open(lang: Lang, href: &str) -> String {
    let (scheme, rest) = href.split_once(':').unwrap_or(("", href));
    let target = rest.split(['?', '&']).next().unwrap_or(rest);
    match scheme {
        "tel" | "sms" | "smsto" => t!(lang, "link-failed-number", number = target),
        "mailto" => t!(lang, "link-failed-other", target = target),
        _ => t!(lang, "link-failed-other", target = href),
    }
}

/// What became of a tapped link (a crisis line's call, text or web button, one of My people).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// Left to the page: the preview's browser follows it itself.
    LeftToPage,
    /// Handed to the dialer, messages, mail or the browser.
    Opened,
    /// Not a link Steady follows (a malformed number, an unknown scheme); nothing was opened.
    Refused,
    /// The device had no app for it, or refused; the person is told, with the number.
    Failed,
}

impl LinkOutcome {
    /// Whether the tap's default must be prevented (the app handled it, or must not follow it).
    pub fn handled(&self) -> bool {
        *self != LinkOutcome::LeftToPage
    }
}
