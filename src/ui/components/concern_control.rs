//! "Raise a concern" on one shared item, in mentor mode: the mentor's reason, whether the mentee
//! is told (they are, unless the program's written policy says telling them could put them at
//! risk, and then the mentor says why), and a plain confirmation. The item goes sealed to the
//! program's safeguarding lead only; nothing is screenshotted or forwarded.

use dioxus::prelude::*;

use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn ConcernControl(mentee_id: String, mentee_name: String, item_id: String) -> Element {
    let mut session = use_session();
    let device = session.device();
    let (care, _) = device.program_care();
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
    let field = format!("concern-{item_id}");

    rsx! {
        div { class: "concern", "data-concern-for": "{item_id}",
            for concern in raised.iter() {
                p { key: "{concern.at_ms}", class: "muted small passed-on",
                    {
                        let when = chrono::DateTime::from_timestamp_millis(concern.at_ms)
                            .map(|at| crate::domain::time::short_date(at.with_timezone(&chrono::Local).date_naive()))
                            .unwrap_or_default();
                        if concern.mentee_told {
                            format!("You passed this on to {} on {when}. {mentee_name} was told.", concern.passed_to)
                        } else {
                            format!("You passed this on to {} on {when}. {mentee_name} wasn't told, as the program's policy allows.", concern.passed_to)
                        }
                    }
                }
            }
            if let Some(text) = sent() {
                p { role: "status", class: "status concern-sent", "{text}" }
            }
            if !open() {
                button {
                    r#type: "button",
                    class: "raise-concern",
                    aria_label: "Raise a concern about this, to {safeguarding.name}",
                    onclick: move |_| {
                        sent.set(None);
                        open.set(true);
                    },
                    "Raise a concern"
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
                                            format!("Passed on to {to}. {mentee_name} will see that in their sharing log.")
                                        } else {
                                            format!("Passed on to {to}. {mentee_name} wasn't told, and the concern says why.")
                                        }));
                                        problem.set(None);
                                        reason.set(String::new());
                                        why_not.set(String::new());
                                        open.set(false);
                                        session.changed();
                                    }
                                    Err(err) => problem.set(Some(err.to_string())),
                                }
                            }
                        }
                    },
                    h3 { id: "{field}-title", "Raise a concern" }
                    p {
                        "This passes this one thing to {safeguarding.name}, so they can help {mentee_name}. "
                        "It's locked so only they can read it."
                    }
                    label { r#for: "{field}-reason", "Why are you worried?" }
                    textarea {
                        id: "{field}-reason",
                        class: "concern-reason",
                        rows: "3",
                        maxlength: "500",
                        required: true,
                        aria_describedby: "{field}-problem",
                        value: "{reason}",
                        oninput: move |e: FormEvent| reason.set(e.value()),
                    }
                    fieldset {
                        legend { "Will {mentee_name} be told?" }
                        label { class: "choice",
                            input {
                                r#type: "radio",
                                name: "{field}-tell",
                                class: "tell-yes",
                                checked: tell(),
                                onchange: move |_| tell.set(true),
                            }
                            " Yes: they'll see it in their sharing log (the usual way)"
                        }
                        label { class: "choice",
                            input {
                                r#type: "radio",
                                name: "{field}-tell",
                                class: "tell-no",
                                checked: !tell(),
                                onchange: move |_| tell.set(false),
                            }
                            " Not now: telling them could put them at risk"
                        }
                    }
                    if !tell() {
                        if !care.not_told.trim().is_empty() {
                            p { class: "hint", "Your program's policy: {care.not_told}" }
                        }
                        label { r#for: "{field}-why-not", "Why not? (this goes with the concern)" }
                        textarea {
                            id: "{field}-why-not",
                            class: "concern-why-not",
                            rows: "2",
                            maxlength: "500",
                            value: "{why_not}",
                            oninput: move |e: FormEvent| why_not.set(e.value()),
                        }
                    }
                    p { id: "{field}-problem", role: "alert", class: "error",
                        if let Some(text) = problem() { "{text}" }
                    }
                    div { class: "row",
                        button { r#type: "submit", class: "primary send-concern", disabled: busy(),
                            "Pass it on to {safeguarding.name}"
                        }
                        button { r#type: "button", onclick: move |_| open.set(false), "Cancel" }
                    }
                }
            }
        }
    }
}
