//! One section of the safety plan: its prompt, the mentee's lines with edit and remove, and a field
//! to add another line. In "People I can ask for help", someone from My people can be added with
//! one tap, and each line naming one of them has their Call and Text buttons.

use dioxus::prelude::*;

use super::OutsideLink;
use crate::domain::{EntryId, PlanSection, TrustedPerson};
use crate::store::PlanItem;
use crate::ui::use_session;

/// The person from My people a plan line names, if any (the same name, any capitals or spaces).
pub fn person_named<'a>(text: &str, people: &'a [TrustedPerson]) -> Option<&'a TrustedPerson> {
    let text = text.trim();
    people
        .iter()
        .find(|person| person.name.trim().eq_ignore_ascii_case(text))
}

#[component]
pub fn PlanSectionEditor(section: PlanSection, items: Vec<PlanItem>) -> Element {
    let mut session = use_session();
    let lang = session.lang();
    let key = section.key();
    let mut typed = use_signal(String::new);
    let mut editing = use_signal(|| None::<(EntryId, String)>);
    let mut problem = use_signal(|| None::<String>);
    // One tap on a person or a line adds it to this section; a refusal shows under it.
    let mut add_from_list = move |text: &str| match session.device().add_plan_item(section, text) {
        Ok(_) => {
            problem.set(None);
            session.changed();
        }
        Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
    };
    // Bumped to give the field a fresh start after the app empties it.
    let mut generation = use_signal(|| 0u32);
    let people = if section == PlanSection::PeopleToAsk {
        session.device().people().unwrap_or_default()
    } else {
        Vec::new()
    };
    let not_listed: Vec<TrustedPerson> = people
        .iter()
        .filter(|person| {
            !items
                .iter()
                .any(|item| person_named(&item.text, std::slice::from_ref(person)).is_some())
        })
        .cloned()
        .collect();
    // Professionals: the two national lines open any time, one tap to add, as Stanley and
    // Brown's plan asks for a crisis line among them.
    let suggested: Vec<String> = if section == PlanSection::Professionals {
        [t!(lang, "plan-line-988"), t!(lang, "plan-line-ctl")]
            .into_iter()
            .filter(|line| !items.iter().any(|item| item.text.trim() == line.as_str()))
            .collect()
    } else {
        Vec::new()
    };

    let mut add = move || match session.device().add_plan_item(section, &typed()) {
        Ok(_) => {
            typed.set(String::new());
            generation += 1;
            problem.set(None);
            session.changed();
        }
        Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
    };
    let mut save_edit = move || {
        let Some((id, text)) = editing() else { return };
        match session.device().update_plan_item(&id, &text) {
            Ok(()) => {
                editing.set(None);
                problem.set(None);
                session.changed();
            }
            Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
        }
    };

    rsx! {
        section { class: "card plan-section", "data-section": key, aria_labelledby: "plan-{key}",
            h2 { id: "plan-{key}", {section.title_in(lang)} }
            p { class: "muted", {section.prompt_in(lang)} }
            ul { class: "plain-list",
                for item in items {
                    li { key: "{item.id}", class: "plan-item",
                        if editing.read().as_ref().is_some_and(|(id, _)| *id == item.id) {
                            label { class: "visually-hidden", r#for: "edit-{key}", {t!(lang, "change-this-line")} }
                            input {
                                id: "edit-{key}",
                                r#type: "text",
                                initial_value: "{editing.read().as_ref().map(|(_, t)| t.clone()).unwrap_or_default()}",
                                oninput: move |event| {
                                    if let Some((_, text)) = editing.write().as_mut() {
                                        *text = event.value();
                                    }
                                },
                                onkeydown: move |event| {
                                    if event.key() == Key::Enter {
                                        save_edit();
                                    }
                                },
                            }
                            div { class: "row",
                                button { r#type: "button", class: "primary", onclick: move |_| save_edit(), {t!(lang, "save")} }
                                button { r#type: "button", onclick: move |_| editing.set(None), {t!(lang, "cancel")} }
                            }
                        } else {
                            div { class: "row",
                                span { class: "grow plan-text", "{item.text}" }
                                if let Some(person) = person_named(&item.text, &people) {
                                    OutsideLink {
                                        class: "button primary",
                                        href: person.call_href(),
                                        accessible_name: t!(lang, "call-name", name = &person.name),
                                        {t!(lang, "call")}
                                    }
                                    OutsideLink {
                                        class: "button",
                                        href: person.text_href(),
                                        accessible_name: t!(lang, "text-name", name = &person.name),
                                        {t!(lang, "text")}
                                    }
                                }
                                button {
                                    r#type: "button",
                                    aria_label: t!(lang, "edit-quoted-aria", what = &item.text),
                                    onclick: {
                                        let item = item.clone();
                                        move |_| editing.set(Some((item.id.clone(), item.text.clone())))
                                    },
                                    {t!(lang, "edit")}
                                }
                                button {
                                    r#type: "button",
                                    aria_label: t!(lang, "remove-quoted-aria", what = &item.text),
                                    onclick: move |_| {
                                        if session.device().remove_plan_item(&item.id).is_ok() {
                                            session.changed();
                                        }
                                    },
                                    {t!(lang, "remove")}
                                }
                            }
                        }
                    }
                }
            }
            if !not_listed.is_empty() {
                p { class: "muted", id: "from-my-people-{key}", {t!(lang, "from-my-people")} }
                div { class: "row from-people", role: "group", aria_labelledby: "from-my-people-{key}",
                    for person in not_listed {
                        button {
                            key: "{person.id}",
                            r#type: "button",
                            class: "add-person",
                            "data-person": "{person.name}",
                            onclick: {
                                let name = person.name.clone();
                                move |_| add_from_list(&name)
                            },
                            {t!(lang, "add-name", name = &person.name)}
                        }
                    }
                }
            }
            if !suggested.is_empty() {
                p { class: "muted", id: "plan-lines-{key}", {t!(lang, "plan-lines-you-can-add")} }
                div { class: "row from-people", role: "group", aria_labelledby: "plan-lines-{key}",
                    for line in suggested {
                        button {
                            key: "{line}",
                            r#type: "button",
                            class: "add-helpline",
                            onclick: {
                                let line = line.clone();
                                move |_| add_from_list(&line)
                            },
                            {t!(lang, "plan-add-line", line = &line)}
                        }
                    }
                }
            }
            div { class: "row add-tag",
                label { class: "visually-hidden", r#for: "add-{key}", {t!(lang, "add-to", section = section.title_in(lang))} }
                {rsx! {
                input {
                    key: "{generation}",
                    id: "add-{key}",
                    r#type: "text",
                    placeholder: t!(lang, "add-a-line"),
                    initial_value: "{typed}",
                    aria_describedby: "problem-{key}",
                    oninput: move |event| typed.set(event.value()),
                    onkeydown: move |event| {
                        if event.key() == Key::Enter {
                            add();
                        }
                    },
                }
                }}
                button {
                    r#type: "button",
                    class: "add-line",
                    aria_label: t!(lang, "add-to", section = section.title_in(lang)),
                    onclick: move |_| add(),
                    {t!(lang, "add")}
                }
            }
            p { id: "problem-{key}", role: "alert", class: if problem.read().is_some() { "error" } else { "" },
                if let Some(text) = problem() { "{text}" }
            }
        }
    }
}
