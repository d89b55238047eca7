//! Goals: the mentee's own goals grouped by state, a form for a new one, and each goal's page.

use dioxus::prelude::*;

use crate::domain::{EntryId, GoalDraft, GoalState};
use crate::ui::components::{GoalDetail, GoalForm, UndoToast};
use crate::ui::{focus_when_mounted, use_session};

#[derive(Debug, Clone, PartialEq)]
enum Showing {
    List,
    New,
    Goal(EntryId),
}

#[component]
pub fn GoalsScreen() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let mut showing = use_signal(|| Showing::List);
    let mut deleted = use_signal(|| None::<EntryId>);

    let undo = rsx! {
        if let Some(id) = deleted() {
            UndoToast {
                message: t!(lang, "goal-deleted"),
                on_undo: move |_| {
                    if session.device().undo_delete_goal(&id).is_ok() {
                        session.changed();
                    }
                    deleted.set(None);
                },
                on_dismiss: move |_| deleted.set(None),
            }
        }
    };

    match showing() {
        Showing::New => {
            return rsx! {
                h1 { {t!(lang, "tab-goals")} }
                GoalForm {
                    editing: None,
                    initial: GoalDraft::default(),
                    on_saved: move |id| showing.set(Showing::Goal(id)),
                    on_cancel: move |_| showing.set(Showing::List),
                }
            };
        }
        Showing::Goal(id) => {
            // Keyed by the goal, so opening another goal starts with fresh fields.
            return rsx! {
                h1 { key: "{id}", {t!(lang, "tab-goals")} }
                GoalDetail {
                    id: id.clone(),
                    on_back: move |_| showing.set(Showing::List),
                    on_deleted: move |id| {
                        deleted.set(Some(id));
                        showing.set(Showing::List);
                    },
                }
            };
        }
        Showing::List => {}
    }

    let goals = session.device().goals().unwrap_or_default();
    rsx! {
        h1 { tabindex: "-1", onmounted: focus_when_mounted, {t!(lang, "tab-goals")} }
        p { class: "muted", {t!(lang, "goals-intro")} }
        button {
            r#type: "button",
            class: "primary",
            id: "new-goal",
            onclick: move |_| showing.set(Showing::New),
            {t!(lang, "add-a-goal")}
        }
        if goals.is_empty() {
            p { class: "muted", id: "goals-empty", {t!(lang, "goals-empty")} }
        }
        for state in GoalState::ALL {
            if goals.iter().any(|g| g.state == state) {
                section { key: "{state.key()}", class: "goal-group", "data-state": state.key(),
                    h2 { {state.heading_in(lang)} }
                    ul { class: "plain-list",
                        for goal in goals.iter().filter(|g| g.state == state).cloned() {
                            li { key: "{goal.id}", class: "card goal-card", "data-goal": "{goal.title}",
                                // The whole title opens the goal: one big target, named by the goal.
                                button {
                                    r#type: "button",
                                    class: "goal-card-title",
                                    aria_label: t!(lang, "open-goal-aria", title = &goal.title),
                                    onclick: move |_| showing.set(Showing::Goal(goal.id.clone())),
                                    "{goal.title}"
                                }
                                if let Some(text) = goal.progress_in(lang) {
                                    p { class: "muted small", "{text}" }
                                }
                            }
                        }
                    }
                }
            }
        }
        {undo}
    }
}
