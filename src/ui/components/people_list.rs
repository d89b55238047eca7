//! "My people": the mentee's trusted contacts with call and text buttons, and a small form to add
//! or change one. Removing shows an undo.

use dioxus::prelude::*;

use super::{OutsideLink, UndoToast};
use crate::domain::{EntryId, TrustedPerson};
use crate::ui::use_session;

#[component]
pub fn PeopleList() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let people = session.device().people().unwrap_or_default();
    let mut name = use_signal(String::new);
    let mut phone = use_signal(String::new);
    let mut editing = use_signal(|| None::<EntryId>);
    let mut problem = use_signal(|| None::<String>);
    let mut removed = use_signal(|| None::<TrustedPerson>);
    let mut status = use_signal(String::new);
    // Bumped to give the fields a fresh start when the app fills or empties them.
    let mut generation = use_signal(|| 0u32);

    let save = move |_| match session.device().save_person(editing(), &name(), &phone()) {
        Ok(person) => {
            status.set(t!(lang, "saved-name", name = &person.name));
            name.set(String::new());
            phone.set(String::new());
            editing.set(None);
            problem.set(None);
            generation += 1;
            session.changed();
        }
        Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
    };
    let invalid = if problem.read().is_some() {
        "true"
    } else {
        "false"
    };

    rsx! {
        section { class: "card", id: "my-people", aria_labelledby: "people-title",
            h2 { id: "people-title", {t!(lang, "my-people")} }
            p { class: "muted", {t!(lang, "my-people-intro")} }
            ul { class: "plain-list", id: "people-list",
                for person in people {
                    li { key: "{person.id}", class: "person", "data-person": "{person.name}",
                        p { class: "person-name", "{person.name}" }
                        p { class: "muted small", "{person.shown_phone()}" }
                        div { class: "row",
                            OutsideLink {
                                class: "button primary",
                                href: person.call_href(),
                                accessible_name: t!(lang, "call-name", name = &person.name),
                                {t!(lang, "call")}
                            }
                            OutsideLink {
                                class: "button primary",
                                href: person.text_href(),
                                accessible_name: t!(lang, "text-name", name = &person.name),
                                {t!(lang, "text")}
                            }
                            button {
                                r#type: "button",
                                class: "edit-person",
                                aria_label: t!(lang, "edit-name", name = &person.name),
                                onclick: {
                                    let person = person.clone();
                                    move |_| {
                                        name.set(person.name.clone());
                                        phone.set(person.shown_phone());
                                        editing.set(Some(person.id.clone()));
                                        generation += 1;
                                    }
                                },
                                {t!(lang, "edit")}
                            }
                            button {
                                r#type: "button",
                                aria_label: t!(lang, "remove-aria", what = &person.name),
                                onclick: move |_| {
                                    if session.device().remove_person(&person.id).is_ok() {
                                        removed.set(Some(person.clone()));
                                        session.changed();
                                    }
                                },
                                {t!(lang, "remove")}
                            }
                        }
                    }
                }
            }
            h3 { if editing.read().is_some() { {t!(lang, "change-details")} } else { {t!(lang, "add-someone")} } }
            label { r#for: "person-name", {t!(lang, "name")} }
            {rsx! {
            input {
                key: "{generation}",
                id: "person-name",
                r#type: "text",
                autocomplete: "off",
                initial_value: "{name}",
                oninput: move |event| name.set(event.value()),
            }
            }}
            label { r#for: "person-phone", {t!(lang, "phone-number")} }
            {rsx! {
            input {
                key: "{generation}",
                id: "person-phone",
                r#type: "tel",
                inputmode: "tel",
                autocomplete: "off",
                initial_value: "{phone}",
                aria_invalid: invalid,
                aria_describedby: "person-problem",
                oninput: move |event| phone.set(event.value()),
            }
            }}
            p { id: "person-problem", role: "alert", class: if problem.read().is_some() { "error" } else { "" },
                if let Some(text) = problem() { "{text}" }
            }
            div { class: "row",
                button { r#type: "button", class: "primary", id: "save-person", onclick: save, {t!(lang, "save")} }
                if editing.read().is_some() {
                    button {
                        r#type: "button",
                        onclick: move |_| {
                            editing.set(None);
                            name.set(String::new());
                            phone.set(String::new());
                            problem.set(None);
                            generation += 1;
                        },
                        {t!(lang, "cancel")}
                    }
                }
            }
            p { class: "status", role: "status", "{status}" }
        }
        if let Some(person) = removed() {
            UndoToast {
                message: t!(lang, "removed-name", name = &person.name),
                on_undo: move |_| {
                    if session.device().restore_person(&person).is_ok() {
                        session.changed();
                    }
                    removed.set(None);
                },
                on_dismiss: move |_| removed.set(None),
            }
        }
    }
}
