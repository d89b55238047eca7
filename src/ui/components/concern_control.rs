//! "Raise a concern" on one shared item, in mentor mode: the mentor's reason, whether the mentee
//! is told (they are, unless the program's written policy says telling them could put them at
//! risk, and then the mentor says why), and a plain confirmation. The item goes sealed to the
//! program's safeguarding lead only; nothing is screenshotted or forwarded. Then, at most once a
//! day, a gentle offer of a minute for the mentor themselves.

use dioxus::prelude::*;

use super::AfterConcern;
use crate::i18n::Say;
use crate::ui::{focus_when_mounted, use_lang, use_session};

#[component]
pub fn ConcernControl(mentee_id: String, mentee_name: String, item_id: String) -> Element {
    let mut session = use_session();
    let lang = use_lang();
    let device = session.device();
    let (care, _) = device.program_care_in(lang);
    let Some(safeguarding) = care.safeguarding.clone() else {
        return rsx! {};
    };
    let raised: Vec<_> = device
        .raised_concerns(&mentee_id)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.item_id == item_id)
        .collect();
    let mut open = use_signal(|| false);
    let mut reason = use_signal(String::new);
    let mut tell = use_signal(|| true);
    let mut why_not = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let mut sent = use_signal(|| None::<String>);
    // A minute for the mentor after passing something heavy on: offered at most once a day.
    let mut offer_care = use_signal(|| false);
    let field = format!("concern-{item_id}");

    rsx! {
        div { class: "concern", "data-concern-for": "{item_id}",
            for concern in raised.iter() {
                p { key: "{concern.at_ms}", class: "muted small passed-on",
                    {
                        let when = chrono::DateTime::from_timestamp_millis(concern.at_ms)
                            .map(|at| crate::domain::time::short_date_in(lang, at.with_timezone(&chrono::Local).date_naive()))
                            .unwrap_or_default();
                        if concern.mentee_told {
                            t!(lang, "concern-passed-told", team = &concern.passed_to, date = when, name = &mentee_name)
                        } else {
                            t!(lang, "concern-passed-not-told", team = &concern.passed_to, date = when, name = &mentee_name)
                        }
                    }
                }
            }
            if let Some(text) = sent() {
                p { role: "status", class: "status concern-sent", "{text}" }
            }
            if offer_care() {
                AfterConcern { on_not_now: move |_| offer_care.set(false) }
            }
            if !open() {
                button {
                    r#type: "button",
                    class: "raise-concern",
                    aria_label: t!(lang, "concern-raise-aria", team = &safeguarding.name),
                    onclick: move |_| {
                        sent.set(None);
                        offer_care.set(false);
                        open.set(true);
                    },
                    {t!(lang, "concern-raise")}
                }
            } else {
                form {
                    class: "card concern-form",
                    tabindex: "-1",
                    onmounted: focus_when_mounted,
                    aria_labelledby: "{field}-title",
                    onsubmit: {
                        let mentee_id = mentee_id.clone();
                        let item_id = item_id.clone();
                        let mentee_name = mentee_name.clone();
                        let to = safeguarding.name.clone();
                        move |event: FormEvent| {
                            event.prevent_default();
                            let mentee_id = mentee_id.clone();
                            let item_id = item_id.clone();
                            let mentee_name = mentee_name.clone();
                            let to = to.clone();
                            async move {
                                if busy() {
                                    return;
                                }
                                busy.set(true);
                                let not_told = if tell() { None } else { Some(why_not.read().clone()) };
                                let outcome = session
                                    .device()
                                    .raise_concern(&mentee_id, &item_id, &reason(), not_told.as_deref())
                                    .await;
                                busy.set(false);
                                match outcome {
                                    Ok(concern) => {
                                        sent.set(Some(if concern.mentee_told {
                                            t!(lang, "concern-sent-told", team = &to, name = &mentee_name)
                                        } else {
                                            t!(lang, "concern-sent-not-told", team = &to, name = &mentee_name)
                                        }));
                                        let device = session.device();
                                        offer_care.set(
                                            device.offer_care_after_concern(device.today()).unwrap_or(false),
                                        );
                                        problem.set(None);
                                        reason.set(String::new());
                                        why_not.set(String::new());
                                        open.set(false);
                                        session.changed();
                                    }
                                    Err(err) => problem.set(Some(err.say(lang))),
                                }
                            }
                        }
                    },
                    h3 { id: "{field}-title", {t!(lang, "concern-raise")} }
                    p { {t!(lang, "concern-explain", team = &safeguarding.name, name = &mentee_name)} }
                    label { r#for: "{field}-reason", {t!(lang, "concern-why")} }
                    textarea {
                        id: "{field}-reason",
                        class: "concern-reason",
                        rows: "3",
                        maxlength: "500",
                        required: true,
                        aria_describedby: "{field}-problem",
                        initial_value: "{reason}",
                        oninput: move |e: FormEvent| reason.set(e.value()),
                    }
                    fieldset {
                        legend { {t!(lang, "concern-tell-q", name = &mentee_name)} }
                        label { class: "choice",
                            input {
                                r#type: "radio",
                                name: "{field}-tell",
                                class: "tell-yes",
                                checked: tell(),
                                onchange: move |_| tell.set(true),
                            }
                            " " {t!(lang, "concern-tell-yes")}
                        }
                        label { class: "choice",
                            input {
                                r#type: "radio",
                                name: "{field}-tell",
                                class: "tell-no",
                                checked: !tell(),
                                onchange: move |_| tell.set(false),
                            }
                            " " {t!(lang, "concern-tell-no")}
                        }
                    }
                    if !tell() {
                        if !care.not_told.trim().is_empty() {
                            p { class: "hint", {t!(lang, "concern-policy", policy = &care.not_told)} }
                        }
                        label { r#for: "{field}-why-not", {t!(lang, "concern-why-not")} }
                        textarea {
                            id: "{field}-why-not",
                            class: "concern-why-not",
                            rows: "2",
                            maxlength: "500",
                            initial_value: "{why_not}",
                            oninput: move |e: FormEvent| why_not.set(e.value()),
                        }
                    }
                    p { id: "{field}-problem", role: "alert", class: "error",
                        if let Some(text) = problem() { "{text}" }
                    }
                    div { class: "row",
                        button { r#type: "submit", class: "primary send-concern", disabled: busy(),
                            {t!(lang, "concern-send", team = &safeguarding.name)}
                        }
                        button { r#type: "button", onclick: move |_| open.set(false), {t!(lang, "cancel")} }
                    }
                }
            }
        }
    }
}
