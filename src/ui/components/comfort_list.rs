//! The mentee's comfort list: things that help, added and removed in their own words.

use dioxus::prelude::*;

use crate::i18n::Say;
use crate::ui::use_session;

const ITEM_MAX_CHARS: usize = 500;

#[component]
pub fn ComfortList() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let mut typed = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    // Bumped to give the field a fresh start after the app empties it.
    let mut generation = use_signal(|| 0u32);
    let items = session.device().comfort_items().unwrap_or_default();
    let mut add = move || {
        let text = typed().trim().to_string();
        if text.is_empty() {
            problem.set(Some(t!(lang, "err-plan-empty")));
        } else if text.chars().count() > ITEM_MAX_CHARS {
            problem.set(Some(t!(lang, "err-comfort-long")));
        } else {
            match session.device().add_comfort_item(&text) {
                Ok(_) => {
                    typed.set(String::new());
                    generation += 1;
                    problem.set(None);
                    session.changed();
                }
                Err(err) => problem.set(Some(err.say(lang))),
            }
        }
    };
    rsx! {
        if items.is_empty() {
            p { class: "muted", {t!(lang, "nothing-here-yet")} }
        }
        ul { class: "plain-list", id: "comfort-items",
            for item in items {
                li { key: "{item.id}", class: "row card",
                    span { class: "grow", "{item.text}" }
                    button {
                        r#type: "button",
                        aria_label: t!(lang, "remove-aria", what = &item.text),
                        onclick: move |_| {
                            if session.device().remove_comfort_item(&item.id).is_ok() {
                                session.changed();
                            }
                        },
                        {t!(lang, "remove")}
                    }
                }
            }
        }
        div { class: "row add-tag",
            label { class: "visually-hidden", r#for: "new-comfort", {t!(lang, "comfort-add-label")} }
            {rsx! {
            input {
                key: "{generation}",
                id: "new-comfort",
                r#type: "text",
                placeholder: t!(lang, "comfort-placeholder"),
                initial_value: "{typed}",
                aria_describedby: "comfort-problem",
                oninput: move |event| typed.set(event.value()),
                onkeydown: move |event| {
                    if event.key() == Key::Enter {
                        add();
                    }
                },
            }
            }}
            button { r#type: "button", id: "add-comfort", onclick: move |_| add(), {t!(lang, "add")} }
        }
        p { id: "comfort-problem", role: "alert", class: if problem.read().is_some() { "error" } else { "" },
            if let Some(text) = problem() { "{text}" }
        }
    }
}
