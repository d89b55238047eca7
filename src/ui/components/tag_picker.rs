//! Context tags: the common ones and the mentee's own as toggles, plus a field to add a new one.

use dioxus::prelude::*;

use crate::domain::ContextTag;

#[component]
pub fn TagPicker(
    choices: Vec<ContextTag>,
    selected: Vec<ContextTag>,
    on_toggle: EventHandler<ContextTag>,
    on_add: EventHandler<ContextTag>,
) -> Element {
    let lang = crate::ui::use_lang();
    let mut typed = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    // Bumped to give the field a fresh start after the app empties it.
    let mut generation = use_signal(|| 0u32);
    let mut add = move || match ContextTag::custom(&typed()) {
        Ok(tag) => {
            on_add.call(tag);
            typed.set(String::new());
            generation += 1;
            problem.set(None);
        }
        Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
    };

    rsx! {
        div { class: "row",
            for tag in choices {
                button {
                    key: "{tag.label()}",
                    r#type: "button",
                    class: "chip",
                    "data-tag": "{tag.label()}",
                    aria_pressed: if selected.contains(&tag) { "true" } else { "false" },
                    onclick: {
                        let tag = tag.clone();
                        move |_| on_toggle.call(tag.clone())
                    },
                    {tag.words(lang)}
                }
            }
        }
        div { class: "row add-tag",
            label { class: "visually-hidden", r#for: "new-tag", {t!(lang, "tag-add-label")} }
            {rsx! {
            input {
                key: "{generation}",
                id: "new-tag",
                r#type: "text",
                placeholder: t!(lang, "tag-placeholder"),
                maxlength: "80",
                initial_value: "{typed}",
                aria_invalid: if problem.read().is_some() { "true" } else { "false" },
                aria_describedby: "new-tag-problem",
                oninput: move |event| typed.set(event.value()),
                onkeydown: move |event| {
                    if event.key() == Key::Enter {
                        add();
                    }
                },
            }
            }}
            button { r#type: "button", id: "add-tag", onclick: move |_| add(), {t!(lang, "tag-add")} }
        }
        p { id: "new-tag-problem", class: if problem.read().is_some() { "error" } else { "" }, role: "alert",
            if let Some(text) = problem() { "{text}" }
        }
    }
}
