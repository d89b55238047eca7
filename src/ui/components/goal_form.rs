//! Writing or changing a goal in the mentee's own words: what, why it matters, a first small step
//! (new goals only) and an optional target date. Only "what" is needed; a refusal keeps the words.

use chrono::NaiveDate;
use dioxus::prelude::*;

use crate::domain::{EntryId, GoalDraft};
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn GoalForm(
    /// The goal being changed; `None` for a new goal.
    editing: Option<EntryId>,
    initial: GoalDraft,
    on_saved: EventHandler<EntryId>,
    on_cancel: EventHandler<()>,
) -> Element {
    let mut session = use_session();
    let lang = session.lang();
    let mut title = use_signal(|| initial.title.clone());
    let mut why = use_signal(|| initial.why.clone());
    let mut first_step = use_signal(|| initial.first_step.clone());
    let mut target = use_signal(|| initial.target.map(|d| d.to_string()).unwrap_or_default());
    let mut problem = use_signal(|| None::<String>);
    let is_new = editing.is_none();

    let save = move |_| {
        let draft = GoalDraft {
            title: title(),
            why: why(),
            first_step: first_step(),
            target: NaiveDate::parse_from_str(&target(), "%Y-%m-%d").ok(),
        };
        let saved = match editing.clone() {
            Some(id) => session.device().update_goal(&id, draft).map(|()| id),
            None => session.device().create_goal(draft),
        };
        match saved {
            Ok(id) => {
                problem.set(None);
                session.changed();
                on_saved.call(id);
            }
            Err(err) => problem.set(Some(crate::i18n::Say::say(&err, lang))),
        }
    };
    let invalid = if problem.read().is_some() {
        "true"
    } else {
        "false"
    };

    rsx! {
        section { class: "card goal-form", aria_labelledby: "goal-form-title",
            h2 { id: "goal-form-title", tabindex: "-1", onmounted: focus_when_mounted, if is_new { {t!(lang, "goal-new")} } else { {t!(lang, "goal-change")} } }
            label { r#for: "goal-title", {t!(lang, "goal-what")} }
            input {
                id: "goal-title",
                r#type: "text",
                initial_value: "{title}",
                aria_invalid: invalid,
                aria_describedby: "goal-problem",
                oninput: move |event| title.set(event.value()),
            }
            label { r#for: "goal-why", {t!(lang, "goal-why")} }
            textarea {
                id: "goal-why",
                initial_value: "{why}",
                oninput: move |event| why.set(event.value()),
            }
            if is_new {
                label { r#for: "goal-first-step", {t!(lang, "goal-first-step")} }
                input {
                    id: "goal-first-step",
                    r#type: "text",
                    initial_value: "{first_step}",
                    oninput: move |event| first_step.set(event.value()),
                }
            }
            label { r#for: "goal-target", {t!(lang, "goal-target")} }
            input {
                id: "goal-target",
                r#type: "date",
                initial_value: "{target}",
                oninput: move |event| target.set(event.value()),
            }
            p { id: "goal-problem", role: "alert", class: if problem.read().is_some() { "error" } else { "" },
                if let Some(text) = problem() { "{text}" }
            }
            div { class: "row",
                button { r#type: "button", class: "primary", id: "save-goal", onclick: save, {t!(lang, "save-goal")} }
                button { r#type: "button", onclick: move |_| on_cancel.call(()), {t!(lang, "cancel")} }
            }
        }
    }
}
