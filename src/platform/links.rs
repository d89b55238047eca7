//! Where a link the app shows goes when it is tapped. The web view inside the phone app cannot
//! open `tel:` or `sms:` itself (Android shows ERR_UNKNOWN_URL_SCHEME; iOS does nothing), so the
//! app's navigation handler asks [`route_link`] and hands the answer to the phone: the dialer,
//! messages or the browser. Anything else is refused, so a link can never load a page inside the
//! app or reach a scheme the app does not know.

use crate::domain::is_dialable;
use steady_phone::PhoneLink;

/// What to do with a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRoute {
    /// The app's own page (the web view loading Steady itself).
    StayInside,
    /// Hand it to another app on the phone.
    Open(PhoneLink),
    /// Never follow it.
    Refuse,
}

/// The app's own page: `dioxus://index.html/` on Linux, macOS and iOS, which wry serves as
/// `https://dioxus.index.html/` (or `http://`) on Android and Windows. Exactly these origins:
/// `https://dioxus.example.org` is someone else's site.
const APP_ORIGINS: [&str; 3] = [
    "dioxus://index.html",
    "https://dioxus.index.html",
    "http://dioxus.index.html",
];

/// Routes `url`.
pub fn route_link(url: &str) -> LinkRoute {
    let inside = APP_ORIGINS.iter().any(|origin| {
        url.strip_prefix(origin)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
    });
    if inside {
        return LinkRoute::StayInside;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return LinkRoute::Refuse;
    };
    match scheme.to_ascii_lowercase().as_str() {
        "tel" => dialable(rest).map_or(LinkRoute::Refuse, |number| {
            LinkRoute::Open(PhoneLink::Dial(number))
        }),
        "sms" | "smsto" => {
            let (number, query) = match rest.split_once('?') {
                Some((number, query)) => (number, Some(query)),
                None => match rest.split_once('&') {
                    Some((number, query)) => (number, Some(query)),
                    None => (rest, None),
                },
            };
            let Some(number) = dialable(number) else {
                return LinkRoute::Refuse;
            };
            let body = query
                .and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("body=")));
            match body.map(percent_decode) {
                Some(None) => LinkRoute::Refuse,
                Some(Some(body)) => LinkRoute::Open(PhoneLink::Message {
                    number,
                    body: Some(body),
                }),
                None => LinkRoute::Open(PhoneLink::Message { number, body: None }),
            }
        }
        "mailto" => email(rest).map_or(LinkRoute::Refuse, |address| {
            LinkRoute::Open(PhoneLink::Email(address))
        }),
        "https" if rest.starts_with("//") && !url.contains(char::is_whitespace) => {
            LinkRoute::Open(PhoneLink::Browse(url.to_owned()))
        }
        _ => LinkRoute::Refuse,
    }
}

/// The address of a `mailto:` link: one plain address, no headers (`?subject=`, `?bcc=`) that
/// could fill in more than the person sees.
fn email(text: &str) -> Option<String> {
    let address = percent_decode(text)?;
    let (user, host) = address.split_once('@')?;
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
    };
    (plain(user) && plain(host) && host.contains('.')).then_some(address)
}

/// The number of a `tel:` or `sms:` link, when it is one Steady would show.
fn dialable(text: &str) -> Option<String> {
    let number = percent_decode(text)?;
    is_dialable(&number).then_some(number)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CrisisDirectory;

    #[test]
    fn every_button_on_the_bundled_crisis_card_reaches_the_right_app() {
        let directory =
            CrisisDirectory::from_json(include_str!("../../assets/crisis/default-us.json"))
                .unwrap();
        let mut routes = Vec::new();
        let in_both = directory.contacts.iter().flat_map(|contact| {
            [crate::i18n::Lang::En, crate::i18n::Lang::Es].map(|lang| contact.in_lang(lang))
        });
        for contact in in_both {
            for action in contact.actions {
                let route = route_link(&action.href);
                assert!(
                    matches!(route, LinkRoute::Open(_)),
                    "{} goes nowhere",
                    action.href
                );
                routes.push(route);
            }
        }
        assert!(routes.contains(&LinkRoute::Open(PhoneLink::Dial("988".into()))));
        assert!(routes.contains(&LinkRoute::Open(PhoneLink::Dial("911".into()))));
        assert!(routes.contains(&LinkRoute::Open(PhoneLink::Message {
            number: "741741".into(),
            body: Some("HOME".into()),
        })));
        assert!(routes.contains(&LinkRoute::Open(PhoneLink::Browse(
            "https://wa.me/14422983263".into()
        ))));
        // "Can't talk? Text 911", under the line for danger.
        assert_eq!(
            route_link("sms:911"),
            LinkRoute::Open(PhoneLink::Message {
                number: "911".into(),
                body: None
            })
        );
    }

    #[test]
    fn calls_texts_and_web_pages_go_to_the_dialer_messages_and_browser() {
        assert_eq!(
            route_link("tel:+15555550123"),
            LinkRoute::Open(PhoneLink::Dial("+15555550123".into()))
        );
        assert_eq!(
            route_link("tel:%2B15555550123"),
            LinkRoute::Open(PhoneLink::Dial("+15555550123".into()))
        );
        assert_eq!(
            route_link("sms:988"),
            LinkRoute::Open(PhoneLink::Message {
                number: "988".into(),
                body: None
            })
        );
        assert_eq!(
            route_link("sms:741741?&body=HOME%20NOW"),
            LinkRoute::Open(PhoneLink::Message {
                number: "741741".into(),
                body: Some("HOME NOW".into())
            })
        );
        assert_eq!(
            route_link("mailto:coordinator@program.example"),
            LinkRoute::Open(PhoneLink::Email("coordinator@program.example".into()))
        );
        assert_eq!(
            route_link("https://988lifeline.org/chat"),
            LinkRoute::Open(PhoneLink::Browse("https://988lifeline.org/chat".into()))
        );
        assert_eq!(
            route_link("https://dioxus.index.html/"),
            LinkRoute::StayInside
        );
        assert_eq!(route_link("dioxus://index.html/"), LinkRoute::StayInside);
        // Someone else's site whose name starts like the app's page is only a web page.
        assert_eq!(
            route_link("https://dioxus.example.org/"),
            LinkRoute::Open(PhoneLink::Browse("https://dioxus.example.org/".into()))
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for url in [
            "http://example.org",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "intent://scan#Intent;end",
            "tel:",
            "tel:988;ext=javascript",
            "tel:12",
            "sms:not-a-number",
            "sms:988?body=%ZZ",
            "https:example.org",
            "https://exa mple.org",
            "no scheme at all",
            "mailto:someone",
            "mailto:a@b.example?bcc=other@b.example",
            "mailto:a@b.example,c@d.example",
            "dioxus://index.html.example.org/",
            "http://dioxus.index.html.example.org/",
        ] {
            assert_eq!(route_link(url), LinkRoute::Refuse, "{url}");
        }
    }

    #[test]
    fn a_message_body_is_encoded_so_it_cannot_add_parameters() {
        let encoded = steady_phone::percent_encode("HOME&body=x y");
        assert_eq!(encoded, "HOME%26body%3Dx%20y");
        assert_eq!(percent_decode(&encoded).as_deref(), Some("HOME&body=x y"));
    }
}
