//! Tools: grounding and coping tools, all offline. Favourites first; tools the mentee put away
//! ("not for me") tucked below with a way to bring them back. Opening a tool runs it in place.

use dioxus::prelude::*;

use crate::i18n::Say;
use crate::state::ToolChoice;
use crate::store::ToolPrefs;
use crate::ui::components::ToolRunner;
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn ToolsScreen() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let mut running = use_signal(|| None::<String>);
    let mut status = use_signal(String::new);
    let choices = session.device().tool_choices(lang).unwrap_or_default();

    if let Some(key) = running() {
        return rsx! {
            h1 { {t!(lang, "tab-tools")} }
            ToolRunner {
                tool_key: key.clone(),
                on_close: move |message: String| {
                    status.set(message);
                    running.set(None);
                },
            }
        };
    }

    let mut set_prefs = move |key: &str, prefs: ToolPrefs| {
        if let Err(err) = session.device().set_tool_prefs(key, prefs) {
            status.set(err.say(lang));
        }
        session.changed();
    };
    let (hidden, shown): (Vec<ToolChoice>, Vec<ToolChoice>) =
        choices.into_iter().partition(|choice| choice.prefs.hidden);

    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "tab-tools")} }
        p { class: "muted", {t!(lang, "tools-intro")} }
        if session.device().role() == crate::sync::protocol::Role::Mentor {
            p { class: "muted", id: "tools-for-you", {t!(lang, "tools-mentor-private")} }
        }
        p { class: "status", role: "status", id: "tools-status", "{status}" }
        ul { class: "plain-list", id: "tool-list",
            for choice in shown {
                li { key: "{choice.tool.key}", class: "card tool-card", "data-tool": "{choice.tool.key}",
                    h2 { "{choice.tool.name}" }
                    p { "{choice.tool.summary}" }
                    div { class: "row",
                        button {
                            r#type: "button",
                            class: "primary open-tool",
                            aria_label: t!(lang, "tool-start-aria", name = &choice.tool.name),
                            onclick: move |_| {
                                status.set(String::new());
                                running.set(Some(choice.tool.key.clone()));
                            },
                            {t!(lang, "tool-start")}
                        }
                        button {
                            r#type: "button",
                            class: "favourite",
                            aria_label: if choice.prefs.favourite { t!(lang, "tool-favourite-on-aria", name = &choice.tool.name) } else { t!(lang, "tool-favourite-off-aria", name = &choice.tool.name) },
                            aria_pressed: if choice.prefs.favourite { "true" } else { "false" },
                            onclick: move |_| {
                                set_prefs(&choice.tool.key, ToolPrefs {
                                    favourite: !choice.prefs.favourite,
                                    ..choice.prefs
                                })
                            },
                            if choice.prefs.favourite { {t!(lang, "tool-favourite-on")} } else { {t!(lang, "tool-favourite-off")} }
                        }
                        button {
                            r#type: "button",
                            class: "hide",
                            aria_label: t!(lang, "tool-hide-aria", name = &choice.tool.name),
                            onclick: move |_| {
                                set_prefs(&choice.tool.key, ToolPrefs { hidden: true, ..choice.prefs })
                            },
                            {t!(lang, "tool-hide")}
                        }
                    }
                }
            }
        }
        if !hidden.is_empty() {
            h2 { {t!(lang, "tools-put-away")} }
            ul { class: "plain-list", id: "hidden-tools",
                for choice in hidden {
                    li { key: "{choice.tool.key}", class: "row card", "data-tool": "{choice.tool.key}",
                        span { class: "grow", "{choice.tool.name}" }
                        button {
                            r#type: "button",
                            aria_label: t!(lang, "tool-bring-back-aria", name = &choice.tool.name),
                            onclick: move |_| {
                                set_prefs(&choice.tool.key, ToolPrefs { hidden: false, ..choice.prefs })
                            },
                            {t!(lang, "tool-bring-back")}
                        }
                    }
                }
            }
        }
    }
}
