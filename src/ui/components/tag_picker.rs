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
        Err(err) => problem.set(Some(err.to_string())),
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
                    "{tag.label()}"
                }
            }
        }
        div { class: "row add-tag",
            label { class: "visually-hidden", r#for: "new-tag", "Add your own tag" }
            {rsx! {
            input {
                key: "{generation}",
                id: "new-tag",
                r#type: "text",
                placeholder: "Add your own",
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
            button { r#type: "button", id: "add-tag", onclick: move |_| add(), "Add tag" }
        }
        p { id: "new-tag-problem", class: if problem.read().is_some() { "error" } else { "" }, role: "alert",
            if let Some(text) = problem() { "{text}" }
        }
    }
}
