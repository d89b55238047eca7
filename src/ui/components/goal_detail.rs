//! One goal: why it matters, the steps as a checklist (tick, reorder, remove, add), check-ins on
//! how it's going, and calm state changes. "Let it go" is offered without judgement; finishing
//! shows a small celebration that stays still when motion is reduced.

use dioxus::prelude::*;

use super::{GoalForm, ShareControl};
use crate::domain::{EntryId, GoalDraft, GoalState, Progress, ShareKind};
use crate::i18n::Say;
use crate::ui::{focus_when_mounted, use_session};

#[component]
pub fn GoalDetail(
    id: EntryId,
    on_back: EventHandler<()>,
    on_deleted: EventHandler<EntryId>,
) -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let mut new_step = use_signal(String::new);
    let mut progress = use_signal(|| None::<Progress>);
    let mut note = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    let mut status = use_signal(String::new);
    let mut celebrating = use_signal(|| false);
    let mut editing = use_signal(|| false);
    // A copyable handle on the id, for the many handlers below.
    let goal_id = use_signal(|| id.clone());
    // Bumped to give the text fields a fresh start after the app empties them.
    let mut generation = use_signal(|| 0u32);

    let goal = match session.device().goal(&id) {
        Ok(goal) => goal,
        Err(err) => {
            return rsx! {
                p { class: "error", role: "alert", {err.say(lang)} }
                button { r#type: "button", onclick: move |_| on_back.call(()), {t!(lang, "back-to-goals")} }
            };
        }
    };
    if editing() {
        return rsx! {
            GoalForm {
                editing: Some(goal.id.clone()),
                initial: GoalDraft {
                    title: goal.title.clone(),
                    why: goal.why.clone(),
                    first_step: String::new(),
                    target: goal.target,
                },
                on_saved: move |_| editing.set(false),
                on_cancel: move |_| editing.set(false),
            }
        };
    }

    let mut report = move |result: Result<(), crate::state::DeviceError>, done: &str| match result {
        Ok(()) => {
            problem.set(None);
            status.set(done.to_string());
            session.changed();
        }
        Err(err) => problem.set(Some(err.say(lang))),
    };
    let mut set_state = move |state: GoalState, message: &str| {
        celebrating.set(state == GoalState::Done);
        report(session.device().set_goal_state(&goal_id(), state), message);
    };
    let mut add_step = move || {
        let result = session
            .device()
            .add_goal_step(&goal_id(), &new_step())
            .map(|_| ());
        if result.is_ok() {
            new_step.set(String::new());
            generation += 1;
        }
        report(result, &t!(lang, "step-added"));
    };
    let save_check_in = move |_| {
        let result = session
            .device()
            .check_in_on_goal(&goal_id(), progress(), &note());
        if result.is_ok() {
            note.set(String::new());
            progress.set(None);
            generation += 1;
        }
        // Said as it is: a shared goal's check-ins go to the mentor with it.
        let shared = session
            .device()
            .share_mode(ShareKind::Goal, goal_id().as_str())
            .is_ok_and(|mode| mode.is_shared());
        let saved = if shared {
            t!(lang, "goal-check-in-saved-shared")
        } else {
            t!(lang, "goal-check-in-saved")
        };
        report(result, &saved);
    };
    let step_count = goal.steps.len();

    rsx! {
        button { r#type: "button", id: "back-to-goals", onclick: move |_| on_back.call(()), {t!(lang, "back-to-goals")} }
        article { class: "goal", id: "goal-detail", "data-state": goal.state.key(),
            h2 { id: "goal-title-text", tabindex: "-1", onmounted: focus_when_mounted, "{goal.title}" }
            if !goal.why.is_empty() {
                p { class: "goal-why", "{goal.why}" }
            }
            if let Some(target) = goal.target {
                p { class: "muted", {t!(lang, "shared-target", target = crate::domain::time::long_date_in(lang, target, chrono::Local::now().date_naive()))} }
            }
            if celebrating() && goal.state == GoalState::Done {
                div { class: "celebrate", role: "status", id: "celebration",
                    span { class: "celebrate-mark", aria_hidden: "true", "✦" }
                    p { {t!(lang, "goal-celebrate")} }
                }
            }
            if goal.state == GoalState::LetGo {
                p { class: "muted", id: "let-go-note",
                    {t!(lang, "goal-let-go-note")}
                }
            }
            p { class: "status", role: "status", id: "goal-status", "{status}" }
            ShareControl { kind: ShareKind::Goal, item_id: id.as_str().to_owned(), label: t!(lang, "goal-share-label", title = &goal.title) }

            h3 { {t!(lang, "steps")} }
            if let Some(text) = goal.progress_in(lang) {
                p { class: "muted small", id: "goal-progress", "{text}" }
            }
            ul { class: "plain-list", id: "goal-steps",
                for (index, step) in goal.steps.iter().cloned().enumerate() {
                    li { key: "{step.id}", class: "step", "data-step": "{step.text}",
                        div { class: "row step-main",
                        input {
                            r#type: "checkbox",
                            id: "step-{step.id}",
                            checked: step.done,
                            onchange: {
                                let step = step.clone();
                                move |_| report(session.device().set_step_done(&step.id, !step.done), "")
                            },
                        }
                        label { class: "grow step-text-label", r#for: "step-{step.id}", "{step.text}" }
                        }
                        div { class: "row step-controls",
                        button {
                            r#type: "button",
                            aria_label: t!(lang, "step-up-aria", step = &step.text),
                            disabled: index == 0,
                            onclick: {
                                let id = step.id.clone();
                                move |_| report(session.device().move_goal_step(&id, true), "")
                            },
                            "↑"
                        }
                        button {
                            r#type: "button",
                            aria_label: t!(lang, "step-down-aria", step = &step.text),
                            disabled: index + 1 == step_count,
                            onclick: {
                                let id = step.id.clone();
                                move |_| report(session.device().move_goal_step(&id, false), "")
                            },
                            "↓"
                        }
                        button {
                            r#type: "button",
                            aria_label: t!(lang, "remove-quoted-aria", what = &step.text),
                            onclick: move |_| report(session.device().remove_goal_step(&step.id), &t!(lang, "step-removed")),
                            {t!(lang, "remove")}
                        }
                        }
                    }
                }
            }
            div { class: "row add-tag",
                label { class: "visually-hidden", r#for: "new-step", {t!(lang, "add-a-step")} }
                {rsx! {
                input {
                    key: "{generation}",
                    id: "new-step",
                    r#type: "text",
                    placeholder: t!(lang, "add-small-step"),
                    initial_value: "{new_step}",
                    aria_describedby: "goal-problem",
                    oninput: move |event| new_step.set(event.value()),
                    onkeydown: move |event| {
                        if event.key() == Key::Enter {
                            add_step();
                        }
                    },
                }
                }}
                button { r#type: "button", id: "add-step", onclick: move |_| add_step(), {t!(lang, "add-step")} }
            }

            if matches!(goal.state, GoalState::Active | GoalState::Paused) {
            h3 { id: "check-in-title", {t!(lang, "hows-it-going")} }
            div { class: "row", role: "group", aria_labelledby: "check-in-title",
                for each in Progress::ALL {
                    button {
                        key: "{each.value()}",
                        r#type: "button",
                        class: "chip",
                        "data-progress": "{each.value()}",
                        aria_pressed: if progress() == Some(each) { "true" } else { "false" },
                        onclick: move |_| progress.set(Some(each)),
                        {each.words(lang)}
                    }
                }
            }
            label { r#for: "check-in-note", {t!(lang, "a-note-optional")} }
            {rsx! {
                textarea {
                    key: "{generation}",
                    id: "check-in-note",
                    initial_value: "{note}",
                    oninput: move |event| note.set(event.value()),
                }
            }}
            button { r#type: "button", id: "save-check-in", onclick: save_check_in, {t!(lang, "save-check-in")} }
            }
            p { id: "goal-problem", role: "alert", class: if problem.read().is_some() { "error" } else { "" },
                if let Some(text) = problem() { "{text}" }
            }
            if !goal.check_ins.is_empty() {
                ul { class: "plain-list", id: "goal-check-ins",
                    for check_in in goal.check_ins.iter() {
                        li { key: "{check_in.id}", class: "check-in",
                            span { class: "muted small", "{crate::domain::time::short_date_in(lang, check_in.at.local_date())} · " }
                            strong { {check_in.progress.words(lang)} }
                            if let Some(text) = &check_in.note {
                                p { class: "entry-note", "{text}" }
                            }
                        }
                    }
                }
            }

            h3 { {t!(lang, "this-goal")} }
            div { class: "row", id: "goal-actions",
                match goal.state {
                    GoalState::Active => rsx! {
                        button { r#type: "button", id: "mark-done",
                            onclick: move |_| set_state(GoalState::Done, &t!(lang, "goal-marked-done")), {t!(lang, "goal-mark-done")} }
                        button { r#type: "button", id: "pause-goal",
                            onclick: move |_| set_state(GoalState::Paused, &t!(lang, "goal-resting")), {t!(lang, "goal-rest")} }
                        button { r#type: "button", id: "let-go", aria_describedby: "let-go-hint",
                            onclick: move |_| set_state(GoalState::LetGo, &t!(lang, "goal-let-go-stays")), {t!(lang, "goal-let-go")} }
                    },
                    GoalState::Paused => rsx! {
                        button { r#type: "button", class: "primary", id: "resume-goal",
                            onclick: move |_| set_state(GoalState::Active, &t!(lang, "goal-welcome-back")), {t!(lang, "goal-pick-up")} }
                        button { r#type: "button", id: "let-go",
                            onclick: move |_| set_state(GoalState::LetGo, &t!(lang, "goal-let-go-done")), {t!(lang, "goal-let-go")} }
                    },
                    GoalState::Done | GoalState::LetGo => rsx! {
                        button { r#type: "button", id: "restart-goal",
                            onclick: move |_| set_state(GoalState::Active, &t!(lang, "goal-active-again")), {t!(lang, "goal-work-again")} }
                    },
                }
                button { r#type: "button", id: "edit-goal", onclick: move |_| editing.set(true), {t!(lang, "edit")} }
            }
            p { class: "muted small", id: "let-go-hint",
                {t!(lang, "goal-let-go-hint")}
            }
            div { class: "row", id: "goal-delete",
                button {
                    r#type: "button",
                    id: "delete-goal",
                    aria_describedby: "let-go-hint",
                    onclick: move |_| match session.device().delete_goal(&goal_id()) {
                        Ok(()) => {
                            session.changed();
                            on_deleted.call(goal_id());
                        }
                        Err(err) => problem.set(Some(err.say(lang))),
                    },
                    {t!(lang, "goal-delete")}
                }
            }
        }
    }
}
